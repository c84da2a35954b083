"""Background work: run a service call off the UI thread and get its result back on the UI thread.

``TaskRunner.submit(fn, on_done=..., on_error=..., on_progress=...)`` runs ``fn(context)`` on the
runner's ``QThreadPool``. ``context.progress(done, total, text)`` reports progress and
``context.cancelled`` (a ``threading.Event``) asks the work to stop; a job that stops raises
``CancelledError`` (or returns) and neither callback of a cancelled task is called.

The worker leaves a task's result on the task and signals the runner (a ``QObject`` on the UI thread)
with the task's number, so the callbacks always run on the UI thread and no Python object passes
through Qt's queued signals. Services open their own unit of work per call, so a task shares nothing
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
import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ParamSpec, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QRunnable, QThread, QThreadPool, QTimer, Signal, Slot

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


class Task:
    """One submitted job: cancel it, or ask whether it is still running.

    A plain Python object: the worker leaves its result (or error) here and signals the runner with the
    task's number only, so no Python object travels through Qt's queued signals and no ``QObject`` is
    ever released on a worker thread (an error's traceback that reached a dialog's frames, held by a
    queued signal's copy, kept the dialog alive and let it be destroyed on a worker)."""

    def __init__(self, runner: TaskRunner, number: int, fn: Callable[[TaskContext], Any],
                 on_done: Callable[[Any], None] | None, on_error: Callable[[BaseException], None] | None,
                 on_progress: Callable[[int, int, str], None] | None,
                 on_finally: Callable[[], None] | None = None) -> None:
        self._runner = runner
        self.number = number
        self.fn = fn
        self.on_done = on_done
        self.on_error = on_error
        self.on_progress = on_progress
        self.on_finally = on_finally
        self.running = True
        self._outcome: tuple[Any, BaseException | None] = (None, None)
        self.context = TaskContext(_report=self._report)

    def cancel(self) -> None:
        """Ask the job to stop; its callbacks will not be called."""
        self.context.cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self.context.cancelled.is_set()

    def _report(self, done: int, total: int, text: str) -> None:  # on the worker thread
        with contextlib.suppress(RuntimeError):  # the runner is gone (shutting down): nobody to tell
            self._runner.progressed.emit(self.number, done, total, text)

    def _run(self) -> None:  # on a worker thread
        try:
            self._outcome = (self.fn(self.context), None)
        except CancelledError:
            self._outcome = (None, None)
        except BaseException as err:  # handed to the UI thread, never lost
            self._outcome = (None, err)
        with contextlib.suppress(RuntimeError):
            self._runner.finished.emit(self.number)

    def _progress(self, done: int, total: int, text: str) -> None:  # on the UI thread
        if not self.cancelled and self.on_progress is not None:
            self.on_progress(done, total, text)

    def _finish(self) -> None:  # on the UI thread
        self.running = False
        (result, error), self._outcome = self._outcome, (None, None)
        on_done, on_error, on_finally = self.on_done, self.on_error, self.on_finally
        # Let go of the work and the callbacks (and what they hold: a dialog, an error's traceback) now.
        self.fn = _done_already
        self.on_done = self.on_error = self.on_progress = self.on_finally = None
        self.context._report = None  # a bound method of this task: no cycle left for the collector
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
        self._task: Task | None = task
        self.setAutoDelete(True)

    def run(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task._run()


class TaskRunner(QObject):
    """A small pool of worker threads for database reads and long jobs (import, export)."""

    finished = Signal(int)
    """(task number): a task's outcome is ready (emitted on the worker, delivered on the UI thread)."""
    progressed = Signal(int, int, int, str)
    """(task number, done, total, text)."""

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 2) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._tasks: dict[int, Task] = {}
        self._numbers = itertools.count(1)
        self._closed = False
        self.finished.connect(self._on_finished)
        self.progressed.connect(self._on_progress)

    def submit(self, fn: Callable[[TaskContext], Any], *, on_done: Callable[[Any], None] | None = None,
               on_error: Callable[[BaseException], None] | None = None,
               on_progress: Callable[[int, int, str], None] | None = None,
               on_finally: Callable[[], None] | None = None) -> Task:
        """Run ``fn(context)`` on a worker thread; the callbacks run later on the UI thread
        (``on_finally`` also when the task was cancelled)."""
        task = Task(self, next(self._numbers), fn, on_done, on_error, on_progress, on_finally)
        if self._closed:
            task.cancel()
            task.running = False
            return task
        self._tasks[task.number] = task
        self.pool.start(_Runnable(task))
        return task

    @Slot(int)
    def _on_finished(self, number: int) -> None:
        task = self._tasks.pop(number, None)
        if task is not None:
            task._finish()

    @Slot(int, int, int, str)
    def _on_progress(self, number: int, done: int, total: int, text: str) -> None:
        task = self._tasks.get(number)
        if task is not None:
            task._progress(done, total, text)

    @property
    def closed(self) -> bool:
        """Shut down, or deleted with the window that owned it: new work runs nowhere else."""
        return self._closed or not shiboken6.isValid(self)

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def is_idle(self) -> bool:
        """No task is running or waiting for its result to be delivered."""
        return not self._tasks

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        """Cancel every task and wait for the workers (before the database is closed)."""
        self._closed = True
        for task in list(self._tasks.values()):
            task.cancel()
        self.pool.waitForDone(timeout_ms)


POLL_MS = 25
"""How often a ``call`` waiting for its worker looks whether it has finished (besides the runner's signal)."""


def call(runner: TaskRunner | None, fn: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs) -> R:
    """``fn(*args, **kwargs)`` on one of ``runner``'s workers; returns its result or raises its error.

    Meanwhile the UI thread runs a local event loop without user input (see the module docstring).
    Without a runner, from a worker thread, or once the runner has shut down (the window is closing),
    ``fn`` runs here and now."""
    app = QCoreApplication.instance()
    if runner is None or runner.closed or app is None or QThread.currentThread() is not app.thread():
        return fn(*args, **kwargs)
    outcome: dict[str, Any] = {}
    finished = threading.Event()

    def work(_ctx: TaskContext) -> None:  # on the worker: the outcome is kept here, not in the runner
        try:
            outcome["result"] = fn(*args, **kwargs)
        except BaseException as err:
            outcome["error"] = err
        finally:
            finished.set()

    loop = QEventLoop()
    task = runner.submit(work, on_finally=loop.quit)
    if not task.running:  # the runner closed meanwhile
        return fn(*args, **kwargs)
    # The runner's signal ends the wait at once; the timer ends it too should that signal never come (the
    # window and its runner deleted during the wait: a local loop handles deferred deletes in tests).
    poll = QTimer()
    poll.setInterval(POLL_MS)

    def look() -> None:
        if finished.is_set():
            loop.quit()

    poll.timeout.connect(look)
    poll.start()
    while not finished.is_set():
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    poll.stop()
    error = outcome.pop("error", None)
    if error is not None:
        try:
            raise error
        finally:  # the traceback holds this frame: no cycle through ``error`` and ``outcome``
            del error
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
