"""The background task runner: results and errors come back on the UI thread; cancelled work is silent."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from PySide6.QtCore import QThread

from organizer.gui.tasks import CancelledError, LatestOnly, TaskContext, TaskRunner


@pytest.fixture
def runner() -> Any:
    r = TaskRunner()
    yield r
    r.shutdown()


def test_result_and_progress_arrive_on_the_ui_thread(qtbot: Any, runner: TaskRunner) -> None:
    ui = QThread.currentThread()
    seen: dict[str, Any] = {"progress": []}

    def work(ctx: TaskContext) -> str:
        seen["worker"] = QThread.currentThread()
        for i in range(3):
            ctx.progress(i + 1, 3, "step")
        return "done"

    def done(result: str) -> None:
        seen["result"], seen["done_thread"] = result, QThread.currentThread()

    runner.submit(work, on_done=done, on_progress=lambda d, t, _s: seen["progress"].append((d, t)))
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == "done"
    assert seen["worker"] is not ui and seen["done_thread"] is ui
    qtbot.waitUntil(lambda: len(seen["progress"]) == 3)
    assert seen["progress"] == [(1, 3), (2, 3), (3, 3)]
    assert not runner.busy


def test_errors_are_handed_back_not_lost(qtbot: Any, runner: TaskRunner) -> None:
    errors: list[BaseException] = []

    def work(_ctx: TaskContext) -> None:
        raise ValueError("bad file")

    runner.submit(work, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError) and str(errors[0]) == "bad file"


def test_a_cancelled_task_stops_and_calls_nothing(qtbot: Any, runner: TaskRunner) -> None:
    started, stopped = threading.Event(), threading.Event()
    calls: list[str] = []

    def work(ctx: TaskContext) -> str:
        started.set()
        try:
            while True:
                ctx.progress(0, 0)
                time.sleep(0.01)
        except CancelledError:
            stopped.set()
            raise

    task = runner.submit(work, on_done=lambda _r: calls.append("done"), on_error=lambda _e: calls.append("error"))
    assert started.wait(5)
    task.cancel()
    assert stopped.wait(5)
    qtbot.waitUntil(lambda: not task.running)
    qtbot.wait(20)
    assert calls == []


def test_latest_only_drops_the_superseded_result(qtbot: Any, runner: TaskRunner) -> None:
    gate = threading.Event()
    results: list[str] = []
    latest = LatestOnly(runner)

    def slow(_ctx: TaskContext) -> str:
        gate.wait(5)
        return "old"

    latest.submit(slow, results.append)
    latest.submit(lambda _ctx: "new", results.append)
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy)
    assert results == ["new"]
    assert not latest.pending


def test_after_shutdown_nothing_runs(qtbot: Any) -> None:
    runner = TaskRunner()
    runner.shutdown()
    ran: list[int] = []
    task = runner.submit(lambda _ctx: ran.append(1))
    qtbot.wait(50)
    assert ran == [] and task.cancelled and not task.running


def test_call_runs_on_a_worker_and_returns_or_raises_here(qtbot: Any, runner: TaskRunner) -> None:
    from organizer.gui.tasks import call

    here = threading.get_ident()
    assert call(runner, lambda a, b: (threading.get_ident() != here, a + b), 2, b=3) == (True, 5)
    with pytest.raises(ZeroDivisionError):
        call(runner, lambda: 1 / 0)
    assert call(None, threading.get_ident) == here, "no runner: here and now"


def test_call_returns_when_its_runner_is_deleted_during_the_wait(qtbot: Any) -> None:
    """A window replaced while one of its calls waits (its runner deleted in that wait, as a test's local
    loop handles deferred deletes): the runner's signal never comes, the call must still return."""
    from organizer.gui.tasks import call

    doomed = TaskRunner()
    doomed.deleteLater()  # outside any event loop: the first local loop deletes it, the call's own

    def slow() -> str:
        time.sleep(0.3)
        return "done"

    assert call(doomed, slow) == "done"
