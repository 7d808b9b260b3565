"""`resume-bert serve`: a FastAPI service and demo page around one loaded model.

POST /predict labels JSON texts, POST /sections cuts an uploaded resume into labelled
sections, GET /health says the model is up, GET / is the demo page and /docs the OpenAPI
page. The model is loaded once; texts from concurrent requests share forward passes
(`MicroBatcher`). Bad input gets a 4xx whose `detail` is one line naming the problem.
"""


import queue
from contextlib import asynccontextmanager, contextmanager
import tempfile
import threading
from concurrent.futures import Future
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import DataError, ParameterError
from ..inference import SectionClassifier
from .models import as_texts, load_classifier
from ..resumes.segmentation import LabelledSection, header_word_segments, segment_lines
from ..resumes.extraction import TooManyPages, extract_lines

MAX_BYTES = 10 * 1024 * 1024  # the largest resume file accepted
MAX_PAGES = 50  # the longest PDF accepted; resumes are a few pages
MAX_TEXTS = 512  # texts in one /predict request
MAX_BATCH_TEXTS = 256  # texts in one forward pass


class MicroBatcher:
    """Queue texts from many callers and label them together, one batch per forward pass.

    A worker thread owns the model. While it runs one batch, new requests queue up, and the
    next batch takes all of them (up to `max_batch_texts`): no waiting when idle, full
    batches under load. It offers `labels` and `predict_proba`, like `SectionClassifier`.
    """

    def __init__(self, classifier, max_batch_texts: int = MAX_BATCH_TEXTS):
        self.classifier = classifier
        self.labels = list(classifier.labels)
        self.max_batch_texts = max_batch_texts
        self.batches = 0  # forward passes so far, for tests and /health
        self._queue: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="resume-bert-batcher", daemon=True)
        self._thread.start()

    def submit(self, texts: list[str]) -> Future:
        future: Future = Future()
        if not texts:
            future.set_result(np.zeros((0, len(self.labels)), dtype=np.float32))
        else:
            self._queue.put((texts, future))
        return future

    def predict_proba(self, texts, batch_size: int | None = None) -> np.ndarray:
        return self.submit(as_texts(texts)).result()

    # The same Prediction objects as SectionClassifier's, from batched probabilities.
    predict = SectionClassifier.predict

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=10)

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            batch, size = [item], len(item[0])
            while size < self.max_batch_texts:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    self._queue.put(None)  # stop after this batch
                    break
                batch.append(item)
                size += len(item[0])
            texts = [text for texts, _ in batch for text in texts]
            try:
                probs = self.classifier.predict_proba(texts)
            except Exception as err:  # hand the failure to every caller rather than kill the worker
                for _, future in batch:
                    future.set_exception(err)
                continue
            self.batches += 1
            start = 0
            for texts, future in batch:
                future.set_result(probs[start:start + len(texts)])
                start += len(texts)


def file_suffix(data: bytes, filename: str) -> str:
    """Which extractor fits the uploaded bytes: by their signature first, then by name."""
    name = filename or "upload"
    suffix = Path(name).suffix.lower()
    if data.startswith(b"%PDF-"):
        return ".pdf"
    if data.startswith(b"PK\x03\x04"):
        return ".docx"
    if suffix in (".pdf", ".docx"):
        raise DataError(f"{name} is not a readable {suffix[1:].upper()} file (damaged or mislabelled); export it again")
    if suffix in ("", ".txt", ".text", ".md") and b"\x00" not in data:
        try:
            data.decode("utf-8")
            return ".txt"
        except UnicodeDecodeError:
            pass
    raise UnsupportedFile(f"{name} is not a resume file; upload a PDF, DOCX or UTF-8 TXT file")


class UnsupportedFile(DataError):
    """An upload that is none of PDF, DOCX or text."""


class TooLarge(DataError):
    """An upload over the size limit."""


def read_upload(stream, filename: str, max_bytes: int = MAX_BYTES) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TooLarge(f"{filename or 'the upload'} is over the {max_bytes // (1024 * 1024)} MB limit; send a smaller file")
    if not data.strip():
        raise DataError(f"{filename or 'the upload'} is empty; choose the resume file again")
    return data


def lines_of_upload(data: bytes, filename: str, max_pages: int = MAX_PAGES):
    """Extracted lines of uploaded bytes, through a temporary file named as its type needs."""
    suffix = file_suffix(data, filename)
    with tempfile.TemporaryDirectory(prefix="resume-bert-upload-") as folder:
        path = Path(folder) / f"{Path(filename or 'upload').stem[:80] or 'upload'}{suffix}"
        path.write_bytes(data)
        return extract_lines(path, max_pages=max_pages)


def create_app(classifier, max_bytes: int = MAX_BYTES, max_pages: int = MAX_PAGES, model_name: str = "model"):
    """The FastAPI application around a loaded `SectionClassifier` (or anything with labels and predict_proba)."""
    from fastapi import FastAPI, File, Form, Request, UploadFile
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import HTMLResponse, JSONResponse
    from pydantic import BaseModel, Field
    from starlette.exceptions import HTTPException as StarletteHTTPException

    batcher = MicroBatcher(classifier)

    class PredictRequest(BaseModel):
        texts: list[str] = Field(..., min_length=1, max_length=MAX_TEXTS,
                                 description="resume chunks to label", examples=[["B.Sc. Nursing, 2018"]])

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
        yield
        batcher.close()

    app = FastAPI(title="resume-bert", version="0.1.0", lifespan=lifespan,
                  description="Label resume chunks by section, and cut whole resume files into labelled sections.")
    app.state.batcher = batcher

    def one_line(status: int, detail: str) -> JSONResponse:
        return JSONResponse(status_code=status, content={"detail": " ".join(str(detail).split())})

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, err: RequestValidationError):
        problems = []
        for e in err.errors()[:3]:
            where = ".".join(str(p) for p in e.get("loc", ()) if p != "body") or "body"
            problems.append(f"{where}: {e.get('msg', 'invalid')}")
        hint = ('send JSON like {"texts": ["B.Sc. Nursing, 2018"]}' if request.url.path == "/predict"
                else "send the resume as multipart form field 'file'")
        return one_line(422, f"invalid request ({'; '.join(problems)}); {hint}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, err: StarletteHTTPException):
        return one_line(err.status_code, err.detail)

    @app.middleware("http")
    async def refuse_large_bodies(request: Request, call_next):
        # Refuse before the body is read; the multipart form adds a little to the file's size.
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > max_bytes + 64 * 1024:
            return one_line(413, f"the request is over the {max_bytes // (1024 * 1024)} MB limit; send a smaller file")
        return await call_next(request)

    @app.get("/health")
    def health() -> dict[str, Any]:
        """The service is up and its model loaded."""
        return {"status": "ok", "model": model_name, "labels": batcher.labels}

    @app.post("/predict", response_model=PredictResponse)
    async def predict(request: PredictRequest) -> dict:
        """Label each text with its most likely section and every label's probability."""
        import asyncio

        probs = await asyncio.wrap_future(batcher.submit(as_texts(request.texts)))
        labels = batcher.labels
        return {"predictions": [{"label": labels[int(p.argmax())], "probability": round(float(p.max()), 4),
                                 "scores": {l: round(float(v), 4) for l, v in zip(labels, p)}} for p in probs]}

    @app.post("/sections", response_model=SectionsResponse)
    def sections(file: UploadFile = File(..., description="a PDF, DOCX or TXT resume"),
                 method: str = Form("model", description="'model' (labels every line) or 'headers' (header words)")) -> dict:
        """Cut a resume file into sections in reading order, each with its label and probability."""
        if method not in ("model", "headers"):
            return one_line(422, f"method must be 'model' or 'headers', not {method!r}")
        name = Path(file.filename or "upload").name
        try:
            data = read_upload(file.file, name, max_bytes)
            lines = lines_of_upload(data, name, max_pages)
        except (TooLarge, TooManyPages) as err:
            return one_line(413, str(err))
        except UnsupportedFile as err:
            return one_line(415, str(err))
        except (DataError, ParameterError) as err:
            return one_line(400, str(err))
        segment = segment_lines if method == "model" else header_word_segments
        return {"file": name, "method": method, "sections": [s.as_dict() for s in segment(batcher, lines)]}

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def demo_page() -> str:
        return resources.files("resume_bert.app").joinpath("static/demo.html").read_text(encoding="utf-8")

    return app


@contextmanager
def running_server(app, host: str = "127.0.0.1", port: int = 0):
    """Run `app` with uvicorn in a background thread; yield its base URL (port 0: any free port)."""
    import time

    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="on"))
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
        thread.join(timeout=10)


def serve(model_dir: str, host: str = "127.0.0.1", port: int = 8000, max_bytes: int = MAX_BYTES,
          max_pages: int = MAX_PAGES, backend: str = "pytorch", rescore_margin: float | None = None) -> None:
    """Load the model once (PyTorch or an ONNX export) and answer requests until stopped (Ctrl-C)."""
    try:
        import fastapi  # noqa: F401
        import multipart  # noqa: F401
        import uvicorn
    except ImportError as err:
        raise ParameterError(f"the service needs the 'serve' extra ({err.name} is missing); "
                             "run pip install -e '.[serve]'") from None
    classifier = load_classifier(model_dir, backend=backend, rescore_margin=rescore_margin)
    app = create_app(classifier, max_bytes=max_bytes, max_pages=max_pages, model_name=Path(model_dir).name)
    print(f"serving {model_dir} on http://{host}:{port}  (demo page /, API docs /docs)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
