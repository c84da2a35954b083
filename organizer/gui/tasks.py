"""Background work: run a service call off the UI thread and get its result back on the UI thread.

``TaskRunner.submit(fn, on_done=..., on_error=..., on_progress=...)`` runs ``fn(context)`` on the
runner's ``QThreadPool``. ``context.progress(done, total, text)`` reports progress and
``context.cancelled`` (a ``threading.Event``) asks the work to stop; a job that stops raises
``CancelledError`` (or returns) and neither callback of a cancelled task is called.

Results come back by queued signals to a relay ``QObject`` that lives on the UI thread, so the
callbacks always run there. Services open their own unit of work per call, so a task shares nothing
with the UI thread but plain data objects (never ORM objects).

Each list asks for ids through its own ``LatestOnly`` slot: submitting again supersedes the previous
request, whose result is dropped when it arrives, so typing in a filter field never shows stale rows.

``call(runner, fn, *args)`` is for the calls whose result the code needs before it goes on (a save, an
undo step, the record an editor opens, a detail pane): ``fn`` runs on a worker like any task, while
the UI thread waits in a local event loop that excludes user input. The window keeps painting and
nothing typed is lost (Qt keeps the excluded key and mouse events queued and delivers them when the
call returns), yet the code reads in order, so go-to-definition from a GUI action reaches the
service it calls. This is Anki's ``CollectionOp``/``QueryOp`` split with the callback written as the
next line: the work is off the UI thread either way.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ParamSpec, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QRunnable, QThread, QThreadPool, Signal, Slot

P = ParamSpec("P")
R = TypeVar("R")


class CancelledError(Exception):
    """Raised inside a task that noticed it was cancelled."""


@dataclass
class TaskContext:
    """What a task function receives: a progress channel and a cancel flag."""

    cancelled: threading.Event = field(default_factory=threading.Event)
    _report: Callable[[int, int, str], None] | None = None

    def progress(self, done: int, total: int, text: str = "") -> None:
        """Report progress; raises ``CancelledError`` if the task was cancelled meanwhile."""
        if self.cancelled.is_set():
            raise CancelledError
        if self._report is not None:
            self._report(done, total, text)

    def check(self) -> None:
        if self.cancelled.is_set():
            raise CancelledError


class _Relay(QObject):
    """Lives on the UI thread; the worker emits, Qt queues the call to the slots below."""

    done = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int, str)

    def __init__(self, task: Task) -> None:
        super().__init__()
        self._task = task
        self.done.connect(self._on_done)
        self.failed.connect(self._on_failed)
        self.progressed.connect(self._on_progress)

    @Slot(object)
    def _on_done(self, result: object) -> None:
        self._task._finish(result, None)

    @Slot(object)
    def _on_failed(self, error: object) -> None:
        self._task._finish(None, error if isinstance(error, BaseException) else RuntimeError(str(error)))

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, text: str) -> None:
        if not self._task.context.cancelled.is_set() and self._task.on_progress is not None:
            self._task.on_progress(done, total, text)


class Task:
    """One submitted job: cancel it, or ask whether it is still running."""

    def __init__(self, runner: TaskRunner, fn: Callable[[TaskContext], Any],
                 on_done: Callable[[Any], None] | None, on_error: Callable[[BaseException], None] | None,
                 on_progress: Callable[[int, int, str], None] | None,
                 on_finally: Callable[[], None] | None = None) -> None:
        self._runner = runner
        self.on_finally = on_finally
        self.fn = fn
        self.on_done = on_done
        self.on_error = on_error
        self.on_progress = on_progress
        self.running = True
        self.relay = _Relay(self)
        self.context = TaskContext(_report=self.relay.progressed.emit)

    def cancel(self) -> None:
        """Ask the job to stop; its callbacks will not be called."""
        self.context.cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self.context.cancelled.is_set()

    def _run(self) -> None:  # on a worker thread
        try:
            result = self.fn(self.context)
        except CancelledError:
            self._deliver(self.relay.done, None)
        except BaseException as err:  # handed to the UI thread, never lost
            self._deliver(self.relay.failed, err)
        else:
            self._deliver(self.relay.done, result)

    @staticmethod
    def _deliver(signal: Any, value: object) -> None:
        with contextlib.suppress(RuntimeError):  # shutting down and the relay is gone: nobody to tell
            signal.emit(value)

    def _finish(self, result: object, error: BaseException | None) -> None:  # on the UI thread
        self.running = False
        self._runner._forget(self)
        on_done, on_error, on_finally = self.on_done, self.on_error, self.on_finally
        # The task and its relay hold each other: let go of the work and the callbacks (and what they
        # hold: a dialog, an error's traceback) now rather than when the garbage collector runs.
        self.fn = _done_already
        self.on_done = self.on_error = self.on_progress = self.on_finally = None
        if on_finally is not None:
            on_finally()
        if self.cancelled:
            return
        if error is None:
            if on_done is not None:
                on_done(result)
        elif on_error is not None:
            on_error(error)


def _done_already(_context: TaskContext) -> None:
    """A finished task's work (it keeps nothing alive)."""


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self._task = task
        self.setAutoDelete(True)

    def run(self) -> None:
        self._task._run()


class TaskRunner(QObject):
    """A small pool of worker threads for database reads and long jobs (import, export)."""

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 2) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._tasks: set[Task] = set()
        self._closed = False

    def submit(self, fn: Callable[[TaskContext], Any], *, on_done: Callable[[Any], None] | None = None,
               on_error: Callable[[BaseException], None] | None = None,
               on_progress: Callable[[int, int, str], None] | None = None,
               on_finally: Callable[[], None] | None = None) -> Task:
        """Run ``fn(context)`` on a worker thread; the callbacks run later on the UI thread
        (``on_finally`` also when the task was cancelled)."""
        task = Task(self, fn, on_done, on_error, on_progress, on_finally)
        if self._closed:
            task.cancel()
            task.running = False
            return task
        self._tasks.add(task)
        self.pool.start(_Runnable(task))
        return task

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def is_idle(self) -> bool:
        """No task is running or waiting for its result to be delivered."""
        return not self._tasks

    def _forget(self, task: Task) -> None:
        self._tasks.discard(task)

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        """Cancel every task and wait for the workers (before the database is closed)."""
        self._closed = True
        for task in list(self._tasks):
            task.cancel()
        self.pool.waitForDone(timeout_ms)


def call(runner: TaskRunner | None, fn: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs) -> R:
    """``fn(*args, **kwargs)`` on one of ``runner``'s workers; returns its result or raises its error.

    Meanwhile the UI thread runs a local event loop without user input (see the module docstring).
    Without a runner, from a worker thread, or once the runner has shut down (the window is closing),
    ``fn`` runs here and now."""
    app = QCoreApplication.instance()
    if runner is None or runner.closed or app is None or QThread.currentThread() is not app.thread():
        return fn(*args, **kwargs)
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def done(result: Any) -> None:
        outcome["result"] = result

    def failed(error: BaseException) -> None:
        outcome["error"] = error

    task = runner.submit(lambda _ctx: fn(*args, **kwargs), on_done=done, on_error=failed, on_finally=loop.quit)
    if task.running:
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    error = outcome.pop("error", None)
    if error is not None:
        try:
            raise error
        finally:  # the traceback holds this frame: no cycle through ``error`` and ``outcome``
            del error
    if "result" not in outcome:  # cancelled: the runner shut down while we waited
        raise CancelledError
    result: R = outcome.pop("result")
    return result


class LatestOnly:
    """Submits through a runner, keeping only the newest request: older ones are cancelled."""

    def __init__(self, runner: TaskRunner) -> None:
        self._runner = runner
        self._current: Task | None = None

    def submit(self, fn: Callable[[TaskContext], Any], on_done: Callable[[Any], None],
               on_error: Callable[[BaseException], None] | None = None) -> Task:
        self.cancel()
        self._current = self._runner.submit(fn, on_done=on_done, on_error=on_error)
        return self._current

    def cancel(self) -> None:
        if self._current is not None and self._current.running:
            self._current.cancel()
        self._current = None

    @property
    def pending(self) -> bool:
        return self._current is not None and self._current.running
