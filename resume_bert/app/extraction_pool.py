"""App layer: read uploaded resume files in worker processes, a few at a time, each within a time and memory limit.

A hostile PDF can keep a parser busy for minutes or fill memory; in a process of its own it can be
stopped. Each worker reads files from its stdin and answers on its stdout (JSON frames, no pickle).
"""

import dataclasses
import json
import logging
import os
import select
import struct
import subprocess
import sys
import threading
from pathlib import Path
from typing import BinaryIO

from ..errors import DataError
from ..resumes.extraction import MAX_UNPACKED_BYTES, extract_lines
from ..resumes.lines import Line, TooLarge, UnsupportedFile

log = logging.getLogger("resume_bert.serve")


class OverReadLimit(DataError):
    """A file whose reading took longer, or more memory, than the service allows."""


# How a worker names the error it hit (most specific first), and the parent raises it again.
ERRORS = {"too_large": TooLarge, "unsupported": UnsupportedFile, "over_limit": OverReadLimit, "data": DataError}


class Unavailable(Exception):
    """The pool is closed (shutting down) or every worker stayed busy too long."""


def _write_frame(stream: BinaryIO, header: dict, payload: bytes = b"") -> None:
    head = json.dumps(header).encode()
    stream.write(struct.pack(">IQ", len(head), len(payload)) + head + payload)
    stream.flush()


def _read_exactly(stream: BinaryIO, n: int) -> bytes:
    data = stream.read(n)
    if len(data) != n:
        raise EOFError("the worker closed its pipe")
    return data


def _read_frame(stream: BinaryIO) -> tuple[dict, bytes]:
    head_size, payload_size = struct.unpack(">IQ", _read_exactly(stream, 12))
    return json.loads(_read_exactly(stream, head_size)), _read_exactly(stream, payload_size)


# The folder this copy of resume_bert is imported from: the workers import the same one,
# whatever the service's working folder.
PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])


class _Worker:
    def __init__(self, memory_mb: int):
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [PACKAGE_ROOT, os.environ.get("PYTHONPATH")]))}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "resume_bert.app.extraction_pool", str(memory_mb)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
        )

    def ask(self, header: dict, data: bytes, timeout: float) -> dict:
        """Send one file, wait for its answer at most `timeout` seconds (TimeoutError, EOFError)."""
        _write_frame(self.process.stdin, header, data)
        # Wait on the pipe itself: the worker writes its whole answer at once, and select's
        # relative timeout holds whatever the wall clock does.
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        if not ready:
            self.stop()
            raise TimeoutError
        return _read_frame(self.process.stdout)[0]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            try:
                pipe.close()
            except OSError:
                pass


class ExtractionPool:
    """At most `workers` files read at once, each in a worker process with `timeout` seconds and `memory_mb` of memory.

    A worker that runs over its time, or dies, is replaced and only its own request fails.
    """

    def __init__(self, workers: int = 2, timeout: float = 30.0, memory_mb: int = 2048):
        if workers < 1 or timeout <= 0 or memory_mb < 256:
            raise ValueError("workers >= 1, timeout > 0 and memory_mb >= 256")
        self.workers, self.timeout, self.memory_mb = workers, timeout, memory_mb
        self._slots = threading.BoundedSemaphore(workers)
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        self._closed = False

    def read(
        self,
        data: bytes,
        name: str,
        max_pages: int | None = None,
        max_lines: int | None = None,
        max_unpacked_bytes: int = MAX_UNPACKED_BYTES,
    ) -> list[Line]:
        """`extract_lines` of the file's bytes in a worker; its DataErrors come back as themselves."""
        if self._closed or not self._slots.acquire(timeout=self.timeout):
            raise Unavailable("the service is shutting down" if self._closed else "every file reader is busy")
        try:
            if self._closed:
                raise Unavailable("the service is shutting down")
            worker = self._take()
            header = dict(name=name, max_pages=max_pages, max_lines=max_lines, max_unpacked_bytes=max_unpacked_bytes)
            try:
                reply = worker.ask(header, data, self.timeout)
            except TimeoutError:
                raise OverReadLimit(
                    f"{name} took longer than {self.timeout:g} s to read; send a simpler file, or its text as TXT"
                ) from None
            except (EOFError, OSError):
                worker.stop()
                log.error(
                    "the file reader stopped (exit status %s) while reading %s; memory limit %d MB",
                    worker.process.returncode,
                    name,
                    self.memory_mb,
                )
                raise OverReadLimit(
                    f"{name} could not be read: the file reader stopped (over its memory limit?); "
                    "send a simpler file, or its text as TXT"
                ) from None
            with self._lock:
                if self._closed:
                    worker.stop()
                else:
                    self._idle.append(worker)
        finally:
            self._slots.release()
        if "lines" in reply:
            return [Line(**{**f, "bbox": tuple(f["bbox"]) if f["bbox"] else None}) for f in reply["lines"]]
        if "error" in reply:
            raise ERRORS[reply["error"]](reply["message"])
        # The worker logged the traceback; the client hears which reader failed, not how.
        raise DataError(
            f"{name} could not be read ({reply['fault']} in the file reader); save it again, or send its text as TXT"
        )

    def _take(self) -> _Worker:
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.process.poll() is None:
                    return worker
                worker.stop()
        return _Worker(self.memory_mb)

    def start(self) -> None:
        """Start the workers now rather than on the first upload (they take a second to import their readers)."""
        with self._lock:
            while not self._closed and len(self._idle) < self.workers:
                self._idle.append(_Worker(self.memory_mb))

    def close(self) -> None:
        """Refuse new files and stop the idle workers; a file being read finishes first."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.stop()


def _serve_files(memory_mb: int) -> None:
    """A worker's loop: read a file from stdin, answer with its lines or its error on stdout."""
    try:
        import resource

        limit = memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # not on this system: the time limit still holds
        pass
    requests = os.fdopen(os.dup(0), "rb")
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # a library's stray print must not land in the answers
    # Import the readers before the first file, so that it is read in its own time.
    import docx  # noqa: F401
    import pdfplumber  # noqa: F401

    from ..resumes import docx_reader, pdf_reader  # noqa: F401

    while True:
        try:
            header, data = _read_frame(requests)
        except EOFError:  # the service closed the pipe: it stopped or dropped this worker
            return
        name = header["name"]
        peak_before = _peak_memory()
        try:
            lines = extract_lines(
                data, max_pages=header["max_pages"], name=name, max_unpacked_bytes=header["max_unpacked_bytes"]
            )
            if header["max_lines"] is not None and len(lines) > header["max_lines"]:
                raise TooLarge(
                    f"{name} has {len(lines):,} lines, more than the {header['max_lines']:,} allowed; "
                    "send the resume only"
                )
            reply = {"lines": [dataclasses.asdict(line) for line in lines]}  # the layout too: column, box, look
        except (MemoryError, DataError) as err:
            # Short of memory, lxml reports "unknown error" and the reader calls the file
            # damaged: a read that took this worker's address space near its limit hit the limit.
            if isinstance(err, MemoryError) or _peak_memory() > max(peak_before, 0.8 * memory_mb * 2**20):
                err = OverReadLimit(
                    f"{name} needs more memory to read than the service allows; send a simpler file, or its text as TXT"
                )
            reply = {"error": next(k for k, cls in ERRORS.items() if isinstance(err, cls)), "message": str(err)}
        except Exception as err:  # a reader's bug on an odd file: the traceback goes to the service's log
            logging.getLogger("resume_bert.serve").exception("reading %s failed", name)
            reply = {"fault": type(err).__name__}
        del data
        _write_frame(answers, reply)


def _peak_memory() -> int:
    """This worker's peak address space so far (what its memory limit caps), in bytes; 0 where the system cannot say."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


if __name__ == "__main__":
    # A reader's fault goes to the service's stderr.
    logging.basicConfig(format="%(levelname)s resume_bert: %(message)s")
    _serve_files(int(sys.argv[1]) if len(sys.argv) > 1 else 2048)
