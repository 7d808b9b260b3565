"""App layer: `resume-bert serve`, a FastAPI service and demo page around one loaded model.

POST /predict labels JSON texts, POST /sections cuts an uploaded resume into labelled
sections, GET /health says the model is up, GET / is the demo page and /docs the OpenAPI
page. The model is loaded once; texts from concurrent requests share forward passes
(`MicroBatcher`); uploaded files are read from memory in worker processes with a time
limit (`ExtractionPool`). Every client mistake gets a 4xx whose JSON `detail` is one line
naming the problem; limits hold whatever the client sends (docs/serving.md lists them).
"""

import asyncio
import json
import os
import queue
import re
import threading
from concurrent.futures import Future
from contextlib import asynccontextmanager, contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import DataError, ParameterError
from ..inference import SectionClassifier
from ..resumes.extraction import MAX_UNPACKED_BYTES
from ..resumes.lines import TooLarge, UnsupportedFile
from ..resumes.segmentation import LabelledSection, header_word_segments, segment_lines
from .classifiers import load_classifier
from .extraction_pool import ExtractionPool, OverReadLimit, Unavailable
from .http_guards import LOCAL_HOSTS, BodyLimit, JsonServerErrors, TrustedHosts, one_line
from .input_checks import as_texts

MAX_BYTES = 10 * 1024 * 1024  # the largest resume file accepted
FORM_OVERHEAD = 64 * 1024  # a request body may exceed the file by its multipart framing
MAX_PAGES = 50  # the longest PDF accepted; resumes are a few pages
MAX_LINES = 5000  # lines of one file the model labels (50 full pages)
MAX_TEXTS = 512  # texts in one /predict request
MAX_BATCH_TEXTS = 256  # texts in one forward pass
EXTRACT_WORKERS = 2  # files read at once
EXTRACT_TIMEOUT = 30.0  # seconds to read one file
LIMIT_CONCURRENCY = 128  # connections and requests uvicorn takes at once; past it, a 503
TIMEOUT_KEEP_ALIVE = 5  # seconds an idle connection stays open
TIMEOUT_GRACEFUL_SHUTDOWN = 30  # seconds requests in flight get to finish on shutdown
BODY_IDLE_TIMEOUT = 30.0  # seconds a request body may stop arriving before a 408


class ServiceClosing(Exception):
    """A request that came while the service shuts down."""


class _Request:
    """One caller's texts, cut into pieces of at most a batch; its future resolves when every piece is labelled."""

    def __init__(self, future: Future, pieces: int):
        self.future, self.parts, self.left = future, [None] * pieces, pieces


_STOP = object()


class MicroBatcher:
    """Queue texts from many callers and label them together, at most `max_batch_texts` per forward pass.

    A worker thread owns the model. While it runs one batch, new requests queue up, and the
    next batch takes all of them up to the cap: no waiting when idle, full batches under
    load. A request larger than the cap is cut into pieces. A batch that fails is run again
    request by request, so one failing text fails its own request only. It offers `labels`,
    `predict_proba` and `predict`, like `SectionClassifier`.
    """

    def __init__(self, classifier, max_batch_texts: int = MAX_BATCH_TEXTS):
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

    Written straight from the probabilities: validating and encoding these plain lists of
    numbers through pydantic cost as much as the rest of the route.
    """
    rounded = np.round(probs.astype(np.float64), 4).tolist()
    predictions = [
        {"label": labels[k], "probability": row[k], "scores": dict(zip(labels, row))}
        for k, row in zip(probs.argmax(axis=1).tolist(), rounded)
    ]
    return json.dumps({"predictions": predictions}, allow_nan=False, separators=(",", ":")).encode()


def upload_name(filename: str | None) -> str:
    """A client's file name fit to show: its last path part, printable characters only, at most 100 of them."""
    base = re.split(r"[\\/]", filename or "")[-1]
    base = " ".join("".join(c if c.isprintable() else " " for c in base).split())
    stem, suffix = os.path.splitext(base)
    suffix = suffix[:12]
    return (stem[: 100 - len(suffix)] + suffix) if base else "upload"


def read_upload(stream, name: str, max_bytes: int = MAX_BYTES) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TooLarge(f"{name} is over the {max_bytes / 2**20:g} MB limit; send a smaller file")
    if not data.strip():
        raise DataError(f"{name} is empty; choose the resume file again")
    return data


def status_of(err: Exception) -> int:
    """The HTTP status of a client mistake (or a service that cannot take the request now)."""
    for kind, status in (
        (TooLarge, 413),
        (UnsupportedFile, 415),
        (OverReadLimit, 422),
        ((ServiceClosing, Unavailable), 503),
    ):
        if isinstance(err, kind):
            return status
    return 400


def create_app(
    classifier,
    max_bytes: int = MAX_BYTES,
    max_pages: int = MAX_PAGES,
    model_name: str = "model",
    allowed_hosts=LOCAL_HOSTS,
    max_lines: int = MAX_LINES,
    extraction: ExtractionPool | None = None,
    max_unpacked_bytes: int = MAX_UNPACKED_BYTES,
    body_idle_timeout: float = BODY_IDLE_TIMEOUT,
):
    """The FastAPI application around a loaded `SectionClassifier` (or anything with labels and predict_proba).

    `allowed_hosts` are the Host names it answers ('*' for any); `extraction` reads the
    uploads (default: two worker processes, 30 s per file).
    """
    from fastapi import FastAPI, File, Form, Request, UploadFile
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import HTMLResponse, JSONResponse, Response
    from pydantic import BaseModel, Field
    from starlette.exceptions import HTTPException as StarletteHTTPException

    batcher = MicroBatcher(classifier)
    extraction = extraction or ExtractionPool(EXTRACT_WORKERS, EXTRACT_TIMEOUT)

    class PredictRequest(BaseModel):
        texts: list[str] = Field(
            ...,
            min_length=1,
            max_length=MAX_TEXTS,
            description="resume chunks to label",
            examples=[["B.Sc. Nursing, 2018"]],
        )

    class Label(BaseModel):
        label: str
        probability: float
        scores: dict[str, float]

    class PredictResponse(BaseModel):
        predictions: list[Label]

    class SectionsResponse(BaseModel):
        file: str
        method: str
        sections: list[LabelledSection]  # a dataclass: FastAPI documents and validates it as it is

    @asynccontextmanager
    async def lifespan(app):
        extraction.start()
        yield
        # uvicorn has let the requests in flight finish; later ones get a 503.
        await asyncio.to_thread(batcher.close)
        extraction.close()

    app = FastAPI(
        title="resume-bert",
        version="0.1.0",
        lifespan=lifespan,
        description="Label resume chunks by section, and cut whole resume files into labelled sections.",
    )
    app.state.batcher, app.state.extraction = batcher, extraction
    limit_mb = f"{max_bytes / 2**20:g} MB"
    # Outermost last: JSON for faults, then the Host check, then the body count.
    app.add_middleware(
        BodyLimit,
        max_bytes=max_bytes + FORM_OVERHEAD,
        detail=f"the request is over the {limit_mb} limit; send a smaller file",
        idle_seconds=body_idle_timeout,
    )
    app.add_middleware(TrustedHosts, allowed_hosts=allowed_hosts)
    app.add_middleware(JsonServerErrors)

    def error(status: int, detail: str, **headers) -> JSONResponse:
        return JSONResponse(status_code=status, content={"detail": one_line(detail)}, headers=headers or None)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, err: RequestValidationError):
        problems = []
        for e in err.errors()[:3]:
            where = ".".join(str(p) for p in e.get("loc", ()) if p != "body") or "body"
            problems.append(f"{where}: {e.get('msg', 'invalid')}")
        hint = (
            'send JSON like {"texts": ["B.Sc. Nursing, 2018"]}'
            if request.url.path == "/predict"
            else "send the resume as multipart form field 'file'"
        )
        return error(422, f"invalid request ({'; '.join(problems)}); {hint}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, err: StarletteHTTPException):
        unreadable_form = err.status_code == 400 and request.url.path == "/sections"
        return error(
            err.status_code,
            f"{err.detail} Send the resume as multipart form field 'file'" if unreadable_form else err.detail,
        )

    @app.exception_handler(DataError)
    @app.exception_handler(ParameterError)
    @app.exception_handler(ServiceClosing)
    @app.exception_handler(Unavailable)
    async def client_or_busy(request: Request, err: Exception):
        status = status_of(err)
        detail = str(err) if status != 503 else f"{err}; try again in a moment"
        return error(status, detail, **({"Retry-After": "5"} if status == 503 else {}))

    @app.get("/health")
    def health() -> dict[str, Any]:
        """The service is up and its model loaded."""
        return {"status": "ok", "model": model_name, "labels": batcher.labels}

    # response_model documents the answer; the route writes it itself (predictions_json).
    @app.post("/predict", response_model=PredictResponse)
    async def predict(request: PredictRequest) -> Response:
        """Label each text with its most likely section and every label's probability."""
        probs = await asyncio.wrap_future(batcher.submit(as_texts(request.texts)))
        return Response(predictions_json(batcher.labels, probs), media_type="application/json")

    @app.post("/sections", response_model=SectionsResponse)
    def sections(
        file: UploadFile = File(..., description="a PDF, DOCX or TXT resume"),
        method: str = Form("model", description="'model' (labels every line) or 'headers' (header words)"),
    ) -> dict:
        """Cut a resume file into sections in reading order, each with its label and probability."""
        if method not in ("model", "headers"):
            return error(422, f"method must be 'model' or 'headers', not {method[:40]!r}")
        name = upload_name(file.filename)
        data = read_upload(file.file, name, max_bytes)
        lines = extraction.read(
            data, name, max_pages=max_pages, max_lines=max_lines, max_unpacked_bytes=max_unpacked_bytes
        )
        del data
        segment = segment_lines if method == "model" else header_word_segments
        return {"file": name, "method": method, "sections": [s.as_dict() for s in segment(batcher, lines)]}

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def demo_page() -> str:
        return resources.files("resume_bert.app").joinpath("static/demo.html").read_text(encoding="utf-8")

    return app


def uvicorn_config(app, host: str, port: int, limit_concurrency: int = LIMIT_CONCURRENCY, log_level: str = "warning"):
    """The server settings the service runs with: bounded connections, idle and shutdown timeouts."""
    import uvicorn

    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        lifespan="on",
        limit_concurrency=limit_concurrency,
        timeout_keep_alive=TIMEOUT_KEEP_ALIVE,
        timeout_graceful_shutdown=TIMEOUT_GRACEFUL_SHUTDOWN,
    )


@contextmanager
def running_server(app, host: str = "127.0.0.1", port: int = 0, **settings):
    """Run `app` with uvicorn in a background thread; yield its base URL (port 0: any free port)."""
    import time

    import uvicorn

    server = uvicorn.Server(uvicorn_config(app, host, port, **settings))
    thread = threading.Thread(target=server.run, name="resume-bert-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"the service did not start on {host}:{port}")
        time.sleep(0.05)
    bound = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://{host}:{bound}"
    finally:
        server.should_exit = True
        thread.join(timeout=TIMEOUT_GRACEFUL_SHUTDOWN + 10)


def service_hosts(host: str, extra=()) -> list[str]:
    """The Host names the service answers by default: the address it listens on and this machine's own names."""
    names = [*LOCAL_HOSTS, *extra]
    if host not in ("0.0.0.0", "::", ""):
        names.append(host)
    return sorted(set(names))


def serve(
    model_dir: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    max_bytes: int = MAX_BYTES,
    max_pages: int = MAX_PAGES,
    backend: str = "pytorch",
    rescore_margin: float | None = None,
    allowed_hosts=(),
    extract_workers: int = EXTRACT_WORKERS,
    extract_timeout: float = EXTRACT_TIMEOUT,
    limit_concurrency: int = LIMIT_CONCURRENCY,
) -> None:
    """Load the model once (PyTorch or an ONNX export) and answer requests until stopped (Ctrl-C)."""
    try:
        import fastapi  # noqa: F401
        import multipart  # noqa: F401
        import uvicorn
    except ImportError as err:
        raise ParameterError(
            f"the service needs the 'serve' extra ({err.name} is missing); run pip install -e '.[serve]'"
        ) from None
    if extract_workers < 1 or extract_timeout <= 0 or limit_concurrency < 1:
        raise ParameterError(
            "--extract-workers, --extract-timeout and --limit-concurrency must be positive, "
            "e.g. --extract-workers 2 --extract-timeout 30 --limit-concurrency 128"
        )
    classifier = load_classifier(model_dir, backend=backend, rescore_margin=rescore_margin)
    hosts = service_hosts(host, allowed_hosts)
    app = create_app(
        classifier,
        max_bytes=max_bytes,
        max_pages=max_pages,
        model_name=Path(model_dir).name,
        allowed_hosts=hosts,
        extraction=ExtractionPool(extract_workers, extract_timeout),
    )
    print(f"serving {model_dir} on http://{host}:{port}  (demo page /, API docs /docs)")
    print(f"answering Host names: {', '.join(hosts)}" + ("" if "*" in hosts else "  (--allowed-host NAME adds one)"))
    uvicorn.Server(uvicorn_config(app, host, port, limit_concurrency=limit_concurrency)).run()
