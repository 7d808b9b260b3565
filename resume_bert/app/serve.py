"""App layer: `resume-bert serve`, a FastAPI service and demo page around one loaded model (docs/serving.md)."""

import asyncio
import json
import threading
import time
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import python_multipart  # noqa: F401  (the upload form needs it: a missing one is named at import)
import uvicorn
from fastapi import APIRouter, Depends, FastAPI, File, Form, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import DataError, ParameterError
from ..resumes.segmentation import LabelledSection, header_word_segments, segment_lines
from .classifiers import load_classifier
from .extraction_pool import ExtractionPool, Unavailable
from .http_guards import LOCAL_HOSTS, BodyLimit, JsonServerErrors, TrustedHosts, one_line
from .input_checks import as_texts
from .service import (
    FORM_OVERHEAD,
    MicroBatcher,
    ServiceClosing,
    ServiceLimits,
    predictions_json,
    read_upload,
    status_of,
    upload_name,
)

EXAMPLE_TEXTS = ["B.Sc. Nursing, 2018"]


class PredictRequest(BaseModel):
    texts: list[str] = Field(..., min_length=1, description="resume chunks to label", examples=[EXAMPLE_TEXTS])


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


@dataclass
class Service:
    """What the routes share: the batched model, the file readers, the limits and the model's name."""

    batcher: MicroBatcher
    extraction: ExtractionPool
    limits: ServiceLimits
    model_name: str


def service(request: Request) -> Service:
    return request.app.state.service


ServiceDep = Annotated[Service, Depends(service)]
router = APIRouter()


@router.get("/health")
def health(service: ServiceDep) -> dict[str, Any]:
    """The service is up and its model loaded."""
    return {"status": "ok", "model": service.model_name, "labels": service.batcher.labels}


# response_model documents the answer; the route writes it itself (predictions_json).
@router.post("/predict", response_model=PredictResponse)
async def predict(body: PredictRequest, service: ServiceDep) -> Response:
    """Label each text with its most likely section and every label's probability."""
    if len(body.texts) > service.limits.max_texts:
        raise RequestValidationError(
            [{"loc": ("body", "texts"), "msg": f"at most {service.limits.max_texts} texts, got {len(body.texts)}"}]
        )
    probs = await asyncio.wrap_future(service.batcher.submit(as_texts(body.texts)))
    return Response(predictions_json(service.batcher.labels, probs), media_type="application/json")


@router.post("/sections", response_model=SectionsResponse)
def sections(
    service: ServiceDep,
    file: UploadFile = File(..., description="a PDF, DOCX or TXT resume"),
    method: Literal["model", "headers"] = Form(
        "model", description="'model' labels every line; 'headers' cuts at header words"
    ),
) -> dict:
    """Cut a resume file into sections in reading order, each with its label and probability."""
    limits = service.limits
    name = upload_name(file.filename)
    data = read_upload(file.file, name, limits.max_bytes)
    lines = service.extraction.read(
        data,
        name,
        max_pages=limits.max_pages,
        max_lines=limits.max_lines,
        max_unpacked_bytes=int(limits.max_unpacked_mb * 2**20),
    )
    del data
    segment = segment_lines if method == "model" else header_word_segments
    return {"file": name, "method": method, "sections": [s.as_dict() for s in segment(service.batcher, lines)]}


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def demo_page() -> str:
    return resources.files("resume_bert.app").joinpath("static/demo.html").read_text(encoding="utf-8")


def one_line_error(request: Request, err: Exception) -> JSONResponse:
    """Every client mistake, and a service that cannot take the request now, as a JSON 4xx or 503 with a one-line detail."""
    headers = None
    if isinstance(err, RequestValidationError):
        problems = [
            f"{'.'.join(str(p) for p in e.get('loc', ()) if p != 'body') or 'body'}: {e.get('msg', 'invalid')}"
            for e in err.errors()[:3]
        ]
        hint = (
            f"send JSON like {json.dumps({'texts': EXAMPLE_TEXTS})}"
            if request.url.path == "/predict"
            else "send the resume as multipart form field 'file' (and 'method': model or headers)"
        )
        status, detail = 422, f"invalid request ({'; '.join(problems)}); {hint}"
    elif isinstance(err, StarletteHTTPException):
        status, detail = err.status_code, err.detail
        if status == 400 and request.url.path == "/sections":  # a form that could not be read
            detail = f"{detail} Send the resume as multipart form field 'file'"
    else:
        status, detail = status_of(err), str(err)
        if status == 503:
            detail, headers = f"{detail}; try again in a moment", {"Retry-After": "5"}
    return JSONResponse(status_code=status, content={"detail": one_line(detail)}, headers=headers)


def create_app(
    classifier,
    limits: ServiceLimits | None = None,
    *,
    model_name: str = "model",
    allowed_hosts=LOCAL_HOSTS,
    extraction: ExtractionPool | None = None,
) -> FastAPI:
    """The FastAPI application around a loaded classifier; `allowed_hosts` are the Host names it answers ('*': any)."""
    limits = limits or ServiceLimits()
    state = Service(
        MicroBatcher(classifier, limits.max_batch_texts),
        extraction or ExtractionPool(limits.extract_workers, limits.extract_timeout, limits.extract_memory_mb),
        limits,
        model_name,
    )

    @asynccontextmanager
    async def lifespan(app):
        state.extraction.start()
        yield
        # uvicorn has let the requests in flight finish; later ones get a 503.
        await asyncio.to_thread(state.batcher.close)
        state.extraction.close()

    app = FastAPI(
        title="resume-bert",
        version="0.1.0",
        lifespan=lifespan,
        description="Label resume chunks by section, and cut whole resume files into labelled sections.",
    )
    app.state.service, app.state.batcher = state, state.batcher
    app.include_router(router)
    for kind in (
        RequestValidationError,
        StarletteHTTPException,
        DataError,
        ParameterError,
        ServiceClosing,
        Unavailable,
    ):
        app.add_exception_handler(kind, one_line_error)
    # Outermost last: JSON for faults, then the Host check, then the body count.
    app.add_middleware(
        BodyLimit,
        max_bytes=limits.max_bytes + FORM_OVERHEAD,
        detail=f"the request is over the {limits.max_mb:g} MB limit; send a smaller file",
        idle_seconds=limits.body_idle_timeout,
    )
    app.add_middleware(TrustedHosts, allowed_hosts=allowed_hosts)
    app.add_middleware(JsonServerErrors)
    return app


def uvicorn_config(app, host: str, port: int, limits: ServiceLimits | None = None, log_level: str = "warning"):
    """The server settings the service runs with: bounded connections, idle and shutdown timeouts."""
    limits = limits or ServiceLimits()
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        lifespan="on",
        limit_concurrency=limits.limit_concurrency,
        timeout_keep_alive=limits.timeout_keep_alive,
        timeout_graceful_shutdown=limits.timeout_graceful_shutdown,
    )


@contextmanager
def running_server(app, host: str = "127.0.0.1", port: int = 0, limits: ServiceLimits | None = None):
    """Run `app` with uvicorn in a background thread; yield its base URL (port 0: any free port)."""
    server = uvicorn.Server(uvicorn_config(app, host, port, limits))
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
        thread.join(timeout=server.config.timeout_graceful_shutdown + 10)


def serve(
    model_dir: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    limits: ServiceLimits | None = None,
    backend: str = "pytorch",
    rescore_margin: float | None = None,
    allowed_hosts=(),
) -> None:
    """Load the model once (PyTorch or an ONNX export) and answer requests until stopped (Ctrl-C)."""
    limits = limits or ServiceLimits()
    classifier = load_classifier(model_dir, backend=backend, rescore_margin=rescore_margin)
    # This machine's own names, the address it listens on (unless that is every address) and the names given.
    hosts = sorted({*LOCAL_HOSTS, *allowed_hosts, *([host] if host not in ("0.0.0.0", "::", "") else [])})
    app = create_app(classifier, limits, model_name=Path(model_dir).name, allowed_hosts=hosts)
    print(f"serving {model_dir} on http://{host}:{port}  (demo page /, API docs /docs)")
    print(f"answering Host names: {', '.join(hosts)}" + ("" if "*" in hosts else "  (--allowed-host NAME adds one)"))
    uvicorn.Server(uvicorn_config(app, host, port, limits)).run()
