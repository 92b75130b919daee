"""Batch extraction: PATHs in, one result per input out, in input order, failures isolated.

``extract_paths(paths, settings)`` streams results: a record (dict, CONTRACT.md), a
``Failure`` (the input's error code and a one-line reason) or a ``Skipped`` note from
a folder walk. One input never stops the others: a read error, a stage bug, a time-out
or a worker process that dies all become that input's Failure and the batch goes on.
With ``jobs > 1`` documents run in worker processes, sent in small chunks, results
put back in input order; a worker that dies or overruns is replaced.
``run_extract`` is the CLI's one call: it writes records to stdout and notes to stderr.
"""

from __future__ import annotations

import json
import multiprocessing
import re
import signal
import threading
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import IO, Any

from .errors import ExtractionFailed, PactwatchError, TimedOut
from .ingest.readers import quiet_library_logs, read_document
from .ingest.sources import Skipped, Source, iter_sources
from .pipeline import PipelineError, check_pipeline, run_pipeline
from .settings import Settings

CHUNK_SIZE = 8  # documents sent to a worker at a time
WINDOW_PER_JOB = 4 * CHUNK_SIZE  # inputs read ahead per worker; bounds memory while keeping order
KILL_GRACE = 2.0  # seconds past the time limit before a worker that ignores it is killed
CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]+")
MAX_DETAIL = 300
PROGRESS_EVERY = 0.5  # seconds between progress updates on a terminal


@dataclass(frozen=True)
class Failure:
    """One input that gave no record: where, the error code (E001...) and a one-line reason."""

    source: str
    code: str
    detail: str

    @classmethod
    def of(cls, source: str, err: PactwatchError) -> Failure:
        """The Failure for a catalogued error, attributed to the input as given."""
        return cls(source, err.code, err.detail)

    def __str__(self) -> str:
        return f"{one_line(self.source)}: {one_line(self.detail)[:MAX_DETAIL]} [{self.code}]"


Result = dict[str, Any] | Failure | Skipped


def one_line(text: str) -> str:
    """``text`` with control characters (newlines in file names too) shown as spaces."""
    return CONTROL_CHARS.sub(" ", text).strip()


class DeadlinePassed(BaseException):
    """Raised by the alarm; a BaseException so that stage code catching Exception cannot swallow it."""


@contextmanager
def time_limit(seconds: float):
    """Raise DeadlinePassed in the block after ``seconds`` (SIGALRM; a no-op off the main thread)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def _alarm(signum, frame):
        raise DeadlinePassed

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def extract_one(source: Source, settings: Settings) -> dict[str, Any] | Failure:
    """Read one input and run the pipeline over it: its record, or its Failure."""
    try:
        with time_limit(settings.timeout):
            doc = read_document(source, settings)
            run_pipeline(doc, settings.stages)
            return doc.to_record()
    except DeadlinePassed:
        return Failure(source.location, TimedOut.code, f"took longer than {settings.timeout:g} s")
    except PactwatchError as err:
        return Failure.of(source.location, err)
    except Exception as err:  # a stage bug: that document fails, the batch goes on
        where = _failed_stage(err, settings.stages)
        detail = f"{where}{type(err).__name__}: {err} (a bug: please report it)"
        return Failure(source.location, ExtractionFailed.code, detail)


def _failed_stage(err: BaseException, names: Iterable[str]) -> str:
    """'stage NAME: ' for the outermost stage module in the traceback, or '' if none is."""
    modules = {s.target.partition(":")[0]: s.name for s in check_pipeline(names)}
    tb = err.__traceback__
    while tb is not None:
        name = modules.get(tb.tb_frame.f_globals.get("__name__", ""))
        if name:
            return f"stage {name}: "
        tb = tb.tb_next
    return ""


def load_stages(names: Iterable[str]) -> None:
    """Import every stage function now, so a broken install fails once, before any input is read."""
    for stage in check_pipeline(names):
        try:
            stage.func  # noqa: B018 - the cached property imports the stage module
        except (ImportError, AttributeError) as err:
            raise PipelineError(f"stage {stage.name!r} cannot be loaded from {stage.target}: {err}") from None


def _result(item: Source | Skipped | PactwatchError, settings: Settings) -> Result:
    """The result for one item of the source stream (documents are read here, in this process)."""
    if isinstance(item, Source):
        return extract_one(item, settings)
    if isinstance(item, PactwatchError):
        return Failure.of(item.source, item)
    return item


def extract_paths(paths: Iterable[str], settings: Settings) -> Iterator[Result]:
    """Results for every input under ``paths``, in input order (see the module docstring).

    Raises PipelineError before reading anything when a stage cannot be loaded.
    """
    quiet_library_logs()
    load_stages(settings.stages)
    items = iter_sources(paths)
    if settings.jobs == 1:
        for item in items:
            yield _result(item, settings)
    else:
        yield from _Pool(settings).run(items)


def _worker_main(conn: Connection, settings: Settings) -> None:
    """A worker process: extract each chunk it is sent, one result message per document."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        while (chunk := conn.recv()) is not None:
            for index, source in chunk:
                conn.send((index, extract_one(source, settings)))
    except (EOFError, OSError):  # the parent is gone: nothing left to do
        pass


@dataclass(eq=False)
class _Worker:
    """A worker process, its pipe, the documents it still owes and when it started the current one."""

    process: Any
    conn: Connection
    owed: deque[tuple[int, Source]] = field(default_factory=deque)
    since: float = 0.0


class _Pool:
    """Worker processes fed in order; results are buffered until they can be yielded in order."""

    def __init__(self, settings: Settings):
        methods = multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.settings = settings
        self.window = settings.jobs * WINDOW_PER_JOB
        self.workers: list[_Worker] = []
        self.pending: deque[tuple[int, Source]] = deque()
        self.done: dict[int, Result] = {}

    def run(self, items: Iterator[Source | Skipped | PactwatchError]) -> Iterator[Result]:
        """Yield the result of every item, in order."""
        taken = emitted = 0
        exhausted = False
        try:
            self.workers = [self._start() for _ in range(self.settings.jobs)]
            while True:
                while not exhausted and taken - emitted < self.window:
                    item = next(items, None)
                    exhausted = item is None
                    if item is not None:
                        self._take(taken, item)
                        taken += 1
                while emitted in self.done:
                    yield self.done.pop(emitted)
                    emitted += 1
                if exhausted and emitted == taken:
                    return
                self._dispatch()
                self._collect()
        finally:
            self._stop()

    def _take(self, index: int, item: Source | Skipped | PactwatchError) -> None:
        """Queue a document for the workers; notes and folder errors are done at once."""
        if isinstance(item, Source):
            self.pending.append((index, item))
        else:
            self.done[index] = _result(item, self.settings)

    def _start(self) -> _Worker:
        """A new worker process."""
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_worker_main, args=(child, self.settings), daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    def _dispatch(self) -> None:
        """Give a chunk to every idle worker."""
        for worker in self.workers:
            if worker.owed or not self.pending:
                continue
            chunk = [self.pending.popleft() for _ in range(min(CHUNK_SIZE, len(self.pending)))]
            worker.owed.extend(chunk)
            worker.since = time.monotonic()
            worker.conn.send(chunk)

    def _collect(self) -> None:
        """Wait for results, a worker's death or the next time limit, and handle what happened."""
        busy = [w for w in self.workers if w.owed]
        if not busy:
            return
        limit = self.settings.timeout + KILL_GRACE
        next_deadline = min(w.since for w in busy) + limit
        ready = set(
            wait(
                [w.conn for w in busy] + [w.process.sentinel for w in busy],
                timeout=max(0.0, next_deadline - time.monotonic()),
            )
        )
        now = time.monotonic()
        for worker in busy:
            alive = self._drain(worker) if worker.conn in ready else True
            if not alive or worker.process.sentinel in ready:
                self._drain(worker)
                self._replace(worker, ExtractionFailed.code, self._death_reason(worker))
            elif worker.owed and now - worker.since > limit:
                stopped = f"took longer than {self.settings.timeout:g} s (worker stopped)"
                self._replace(worker, TimedOut.code, stopped)

    def _drain(self, worker: _Worker) -> bool:
        """Read every result the worker has sent; False when its pipe is closed (the worker died)."""
        try:
            while worker.conn.poll():
                index, result = worker.conn.recv()
                self.done[index] = result
                if worker.owed and worker.owed[0][0] == index:
                    worker.owed.popleft()
                worker.since = time.monotonic()
        except (EOFError, OSError):
            return False
        return True

    @staticmethod
    def _death_reason(worker: _Worker) -> str:
        """Why a dead worker's current document failed."""
        worker.process.join(1.0)
        code = worker.process.exitcode
        how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit status {code}"
        return f"worker process died ({how}) on this document (a bug: please report it)"

    def _replace(self, worker: _Worker, code: str, detail: str) -> None:
        """Fail the document the worker was on, re-queue the rest of its chunk, start a new worker."""
        if worker.owed:
            index, source = worker.owed.popleft()
            self.done[index] = Failure(source.location, code, detail)
            self.pending.extendleft(reversed(worker.owed))
        self._kill(worker)
        self.workers[self.workers.index(worker)] = self._start()

    @staticmethod
    def _kill(worker: _Worker) -> None:
        """End a worker process and close its pipe."""
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5.0)
        worker.conn.close()

    def _stop(self) -> None:
        """Ask every worker to finish, and end those that do not."""
        for worker in self.workers:
            try:
                worker.conn.send(None)
            except OSError:
                pass
        deadline = time.monotonic() + 2.0
        for worker in self.workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            self._kill(worker)


class RecordWriter:
    """Writes records to a binary stream as UTF-8, flushed one by one so a kill loses nothing printed."""

    def __init__(self, out: IO[bytes], fmt: str):
        self.out, self.format, self.count = out, fmt, 0

    def write(self, record: dict[str, Any]) -> None:
        """Write one record (jsonl: one compact line; json: an array item; pretty: indented)."""
        indent = 2 if self.format == "pretty" else None
        separators = (",", ": ") if indent else (",", ":")
        try:
            text = json.dumps(record, ensure_ascii=False, indent=indent, separators=separators)
            data = text.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates (undecodable file names): escape them
            data = json.dumps(record, ensure_ascii=True, indent=indent, separators=separators).encode("ascii")
        if self.format == "json":
            data = (b"[\n" if self.count == 0 else b",\n") + data
        else:
            data += b"\n"
        self.out.write(data)
        self.out.flush()
        self.count += 1

    def close(self) -> None:
        """End the output (closes the JSON array)."""
        if self.format == "json":
            self.out.write(b"\n]\n" if self.count else b"[]\n")
            self.out.flush()


def run_extract(paths: Iterable[str], settings: Settings, out: IO[bytes], err: IO[str]) -> int:
    """Extract ``paths``: records to ``out``, one line per failure (and notes) to ``err``.

    On a terminal, a progress count is kept up to date on ``err`` (unless quiet).
    Returns the number of inputs that failed.
    """
    writer = RecordWriter(out, settings.format)
    counts: Counter[str] = Counter()
    say = _Reporter(err, live=not settings.quiet and err.isatty())
    for result in extract_paths(paths, settings):
        if isinstance(result, Failure):
            counts["failed"] += 1
            say.line(f"pactwatch: error: {result}")
        elif isinstance(result, Skipped):
            counts["skipped"] += 1
            if not settings.quiet:
                say.line(f"pactwatch: note: {one_line(result.location)}: skipped: {result.reason}")
        else:
            counts["extracted"] += 1
            writer.write(result)
        say.progress(counts)
    writer.close()
    if not settings.quiet:
        total = counts["extracted"] + counts["failed"]
        say.line(
            f"pactwatch: {total} input(s): {counts['extracted']} extracted, "
            f"{counts['failed']} failed, {counts['skipped']} skipped"
        )
    return counts["failed"]


class _Reporter:
    """Lines on the error stream, flushed; on a terminal, a progress count rewritten in place."""

    def __init__(self, err: IO[str], live: bool):
        self.err, self.live, self.shown, self.last = err, live, False, time.monotonic()

    def line(self, text: str) -> None:
        """One full line (clearing the progress count first)."""
        self.err.write(("\r\x1b[K" if self.shown else "") + text + "\n")
        self.err.flush()
        self.shown = False

    def progress(self, counts: Counter[str]) -> None:
        """Rewrite the progress count, at most every PROGRESS_EVERY seconds."""
        if not self.live or time.monotonic() - self.last < PROGRESS_EVERY:
            return
        self.last = time.monotonic()
        self.err.write(f"\rpactwatch: {counts['extracted']} extracted, {counts['failed']} failed...")
        self.err.flush()
        self.shown = True
