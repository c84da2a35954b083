"""The package list in pyproject.toml is explicit (resources/ is mapped into it): keep it complete."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_package_is_listed_and_resources_are_mapped() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "organizer").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert on_disk - listed == set(), "add these packages to [tool.setuptools] packages"
    assert listed - on_disk == {"organizer._resources"}
    assert config["package-dir"]["organizer._resources"] == "resources"
    assert (ROOT / "resources" / "demo" / "uzkhimyosanoat-kfu-visit.json").is_file()
