"""GUI tests' waits with no timeout of their own are patient (``conftest.gui_patient_waits``)."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from tests.gui.conftest import PATIENT_MS


class _Emitter(QObject):
    fired = Signal()


def test_a_wait_without_a_timeout_waits_longer_than_pytest_qts_five_seconds(qtbot: Any) -> None:
    start = time.monotonic()
    qtbot.waitUntil(lambda: time.monotonic() - start > 5.5)  # pytest-qt alone would time out at 5 s
    assert PATIENT_MS >= 20_000
    emitter = _Emitter()
    begun = time.monotonic()
    with qtbot.waitSignal(emitter.fired, timeout=200, raising=False) as blocker:
        pass  # an explicit timeout is kept, and the other arguments go through
    assert not blocker.signal_triggered and time.monotonic() - begun < 5
    QTimer.singleShot(50, emitter.fired.emit)
    with qtbot.waitSignal(emitter.fired):
        pass
