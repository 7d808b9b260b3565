"""App layer: the parts of `resume-bert serve` that need no web framework: its limits, the micro-batcher, upload names, JSON answers."""

import json
import os
import queue
import re
import threading
from concurrent.futures import Future
from dataclasses import dataclass, fields

import numpy as np

from ..errors import DataError, ParameterError
from ..inference import SectionClassifier, top_labels
from ..resumes.extraction import MAX_UNPACKED_BYTES
from ..resumes.lines import TooLarge, UnsupportedFile
from .extraction_pool import OverReadLimit, Unavailable
from .input_checks import as_texts
from .options import option

FORM_OVERHEAD = 64 * 1024  # a request body may exceed the file by its multipart framing


@dataclass
class ServiceLimits:
    """What one request, one upload and the server may take (docs/serving.md); `resume-bert serve` makes a flag of each."""

    max_mb: float = option("largest upload (and request body) accepted, in MB", 10)
    max_pages: int = option("longest PDF accepted, in pages", 50)
    max_lines: int = option("most lines of one uploaded file the model labels", 5000)
    max_unpacked_mb: float = option("most a Word file's parts may unpack to, in MB", MAX_UNPACKED_BYTES / 2**20)
    max_texts: int = option("most texts in one /predict request", 512)
    max_batch_texts: int = option("most texts in one forward pass", 256)
    extract_workers: int = option("uploaded files read at once", 2)
    extract_timeout: float = option("seconds to read one file", 30)
    extract_memory_mb: int = option("memory of each file-reading process, in MB", 2048)
    body_idle_timeout: float = option("seconds a request body may stop arriving", 30)
    limit_concurrency: int = option("connections served at once; past it, 503", 128)
    timeout_keep_alive: float = option("seconds an idle connection stays open", 5)
    timeout_graceful_shutdown: float = option("seconds requests in flight get on shutdown", 30)

    def __post_init__(self):
        for name in (f.name for f in fields(self)):
            if not getattr(self, name) > 0:
                raise ParameterError(f"{name} must be greater than 0, got {getattr(self, name)}")
        if self.extract_memory_mb < 256:
            raise ParameterError(f"extract_memory_mb must be at least 256, got {self.extract_memory_mb}")

    @property
    def max_bytes(self) -> int:
        return int(self.max_mb * 2**20)


class ServiceClosing(Exception):
    """A request that came while the service shuts down."""


class _Request:
    """One caller's texts, cut into pieces of at most a batch; its future resolves when every piece is labelled."""

    def __init__(self, future: Future, pieces: int):
        self.future, self.parts, self.left = future, [None] * pieces, pieces


_STOP = object()


class MicroBatcher:
    """Queue texts from many callers and label them together, at most `max_batch_texts` per forward pass.

    A worker thread owns the model; while it runs one batch, new requests queue up for the next: no
    waiting when idle, full batches under load. A batch that fails is run again request by request,
    so one failing text fails its own request only. It offers `labels`, `predict_proba` and `predict`.
    """

    def __init__(self, classifier, max_batch_texts: int = ServiceLimits.max_batch_texts):
        self.classifier = classifier
        self.labels = list(classifier.labels)
        self.max_batch_texts = max_batch_texts
        self.batches = 0  # forward passes so far, for tests
        self._queue: queue.Queue = queue.Queue()
        self._lock = threading.Lock()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="resume-bert-batcher", daemon=True)
        self._thread.start()

    def submit(self, texts: list[str]) -> Future:
        future: Future = Future()
        if not texts:
            future.set_result(np.zeros((0, len(self.labels)), dtype=np.float32))
            return future
        step = self.max_batch_texts
        pieces = [texts[i : i + step] for i in range(0, len(texts), step)]
        request = _Request(future, len(pieces))
        with self._lock:
            if self._closed:
                future.set_exception(ServiceClosing("the service is shutting down; try again in a moment"))
            for i, piece in enumerate(pieces if not self._closed else []):
                self._queue.put((request, i, piece))
        return future

    def predict_proba(self, texts, batch_size: int | None = None) -> np.ndarray:
        return self.submit(as_texts(texts)).result()

    # The same Prediction objects as SectionClassifier's, from batched probabilities.
    predict = SectionClassifier.predict

    def close(self, timeout: float = 30) -> None:
        """Label what is queued, then stop; later requests get ServiceClosing."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._queue.put(_STOP)
        self._thread.join(timeout=timeout)

    def _run(self) -> None:
        carry = None
        while True:
            item = carry if carry is not None else self._queue.get()
            carry = None
            if item is _STOP:
                return
            batch, size = [item], len(item[2])
            while True:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is _STOP or size + len(item[2]) > self.max_batch_texts:
                    carry = item  # the next batch starts with it
                    break
                batch.append(item)
                size += len(item[2])
            self._label([entry for entry in batch if not entry[0].future.done()])

    def _label(self, batch: list) -> None:
        if not batch:
            return
        try:
            probs = self.classifier.predict_proba([text for _, _, piece in batch for text in piece])
        except Exception as err:
            if len(batch) == 1:
                if not batch[0][0].future.done():
                    batch[0][0].future.set_exception(err)
            else:  # find whose texts failed: each alone
                for entry in batch:
                    self._label([entry] if not entry[0].future.done() else [])
            return
        self.batches += 1
        start = 0
        for request, i, piece in batch:
            request.parts[i] = probs[start : start + len(piece)]
            start += len(piece)
            request.left -= 1
            if request.left == 0 and not request.future.done():
                request.future.set_result(np.concatenate(request.parts))


def predictions_json(labels: list[str], probs: np.ndarray) -> bytes:
    """/predict's answer as JSON bytes: each text's label, its probability and every label's score, to 4 places.

    Written straight from the probabilities: pydantic's validation cost as much as the rest of the route.
    """
    best, top = top_labels(probs, labels)
    rounded = np.round(probs.astype(np.float64), 4).tolist()
    predictions = [
        {"label": label, "probability": probability, "scores": dict(zip(labels, row))}
        for label, probability, row in zip(best, np.round(top.astype(np.float64), 4).tolist(), rounded)
    ]
    return json.dumps({"predictions": predictions}, allow_nan=False, separators=(",", ":")).encode()


def upload_name(filename: str | None) -> str:
    """A client's file name fit to show: its last path part, printable characters only, at most 100 of them."""
    base = re.split(r"[\\/]", filename or "")[-1]
    base = " ".join("".join(c if c.isprintable() else " " for c in base).split())
    stem, suffix = os.path.splitext(base)
    suffix = suffix[:12]
    return (stem[: 100 - len(suffix)] + suffix) if base else "upload"


def read_upload(stream, name: str, max_bytes: int) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TooLarge(f"{name} is over the {max_bytes / 2**20:g} MB limit; send a smaller file")
    if not data.strip():
        raise DataError(f"{name} is empty; choose the resume file again")
    return data


def status_of(err: Exception) -> int:
    """The HTTP status of a client mistake (or a service that cannot take the request now)."""
    statuses = {TooLarge: 413, UnsupportedFile: 415, OverReadLimit: 422, ServiceClosing: 503, Unavailable: 503}
    return next((status for kind, status in statuses.items() if isinstance(err, kind)), 400)
