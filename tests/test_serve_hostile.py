"""The service under hostile input: every case gets its one-line JSON answer, the service keeps answering, memory stays bounded.

A real uvicorn server on 127.0.0.1 (a free port), so that bodies stream in as a client
sends them, chunked or not. Every generator and loop here is bounded.
"""

import io
import json
import sys
import tempfile
import threading
import time
import zipfile
import zlib
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the service needs the serve extra: pip install -e '.[serve]'")
httpx = pytest.importorskip("httpx", reason="the service's tests need httpx (test extra)")
resource = pytest.importorskip("resource", reason="peak memory is read with the resource module (POSIX)")

from resume_files import LABELS, REPO, KeywordClassifier, write_pdf  # noqa: E402

from resume_bert.app.classifiers import load_classifier  # noqa: E402
from resume_bert.app.extraction_pool import ExtractionPool  # noqa: E402
from resume_bert.app.serve import create_app, running_server  # noqa: E402
from resume_bert.app.service import ServiceLimits  # noqa: E402
from resume_bert.errors import DataError  # noqa: E402

SAMPLES = REPO / "data" / "sample_resumes"
MB = 2**20


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (2**20 if sys.platform == "darwin" else 1024)  # bytes on macOS, KiB on Linux


@pytest.fixture(scope="module")
def server(classifier_dir):
    app = create_app(load_classifier(classifier_dir, device="cpu"))
    with running_server(app) as url, httpx.Client(base_url=url, timeout=60) as client:
        yield client


def assert_one_line(response, status, *words):
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"].startswith("application/json"), response.headers
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail and "\n" not in detail and "\r" not in detail
    assert "Traceback" not in detail
    # No server path: not the temporary folder, not the clone, not the working folder.
    for path in (tempfile.gettempdir(), str(REPO), str(Path.cwd())):
        assert path not in detail, detail
    for word in words:
        assert word in detail, detail
    return detail


def still_up(client):
    assert client.get("/health").status_code == 200


def upload(client, name, data, **form):
    return client.post("/sections", files={"file": (name, data)}, data=form)


def raw_upload(client, filename: bytes, data: bytes):
    """A multipart body written by hand, so that the file name reaches the server byte for byte."""
    boundary = b"resumebertboundary7MA4YWxk"
    body = (
        b"--"
        + boundary
        + b'\r\nContent-Disposition: form-data; name="file"; filename="'
        + filename
        + b'"\r\nContent-Type: application/octet-stream\r\n\r\n'
        + data
        + b"\r\n--"
        + boundary
        + b"--\r\n"
    )
    return client.post(
        "/sections", content=body, headers={"content-type": "multipart/form-data; boundary=" + boundary.decode()}
    )


def raw_exchange(client, request: bytes) -> tuple[int, bytes]:
    """Send raw bytes to the server and read its answer (status, body): for what httpx will not send."""
    import socket

    with socket.create_connection((client.base_url.host, client.base_url.port), timeout=10) as conn:
        conn.sendall(request)
        answer = b""
        for _ in range(1000):  # bounded: the answer is small, then the server closes
            data = conn.recv(65536)
            if not data:
                break
            answer += data
            head, _, body = answer.partition(b"\r\n\r\n")
            length = [
                int(v)
                for k, _, v in (line.partition(b": ") for line in head.split(b"\r\n"))
                if k.lower() == b"content-length"
            ]
            if length and len(body) >= length[0]:
                break
    return int(answer.split(b" ", 2)[1]), answer.partition(b"\r\n\r\n")[2]


def docx_bytes(body_xml: str) -> bytes:
    """A Word file whose document.xml body is `body_xml` (python-docx writes the rest)."""
    import docx

    document, buffer = docx.Document(), io.BytesIO()
    document.add_paragraph("placeholder")
    document.save(buffer)
    source, out = zipfile.ZipFile(io.BytesIO(buffer.getvalue())), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "word/document.xml":
                text = data.decode()
                start, end = text.index("<w:body>") + len("<w:body>"), text.index("<w:sectPr")
                data = (text[:start] + body_xml + text[end:]).encode()
            target.writestr(entry, data)
    return out.getvalue()


def slow_pdf(operators: int) -> bytes:
    """A one-page PDF whose content stream draws `operators` characters: small when compressed, slow to lay out."""
    content = zlib.compress(b"BT /F1 1 Tf " + b"(x) Tj " * operators + b"ET")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# --- bodies over the limit, however they are sent ---------------------------------------------


def test_a_chunked_body_of_300_mb_is_refused_at_the_limit_and_memory_stays_flat(server):
    chunk, sent = b"x" * (64 * 1024), 0

    def body():  # 300 MB at most; the server stops reading at 10 MB
        nonlocal sent
        for _ in range(300 * 16):
            sent += len(chunk)
            yield chunk

    before = peak_rss_mb()
    response = server.post("/predict", content=body(), headers={"content-type": "application/json"})
    assert_one_line(response, 413, "10 MB limit")
    assert peak_rss_mb() - before < 100  # the old service held the whole body: +300 MB here
    assert sent < 150 * MB  # the client was stopped long before the end
    still_up(server)


def test_a_chunked_upload_over_the_limit_and_a_declared_one_are_refused(server):
    def body():
        yield b'--b\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n\r\n'
        for _ in range(12 * 16):  # 12 MB
            yield b"Python\n" * 9362

    response = server.post("/sections", content=body(), headers={"content-type": "multipart/form-data; boundary=b"})
    assert_one_line(response, 413, "limit")
    # A Content-Length over the limit is refused before a byte of the body is read.
    head = (
        b"POST /predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        b"Content-Length: %d\r\n\r\n{" % (50 * MB)
    )
    status, body = raw_exchange(server, head)
    assert status == 413 and "10 MB limit" in json.loads(body)["detail"]
    still_up(server)


def test_a_body_that_stops_arriving_gets_a_408():
    app = create_app(KeywordClassifier(), ServiceLimits(body_idle_timeout=1.0))
    with running_server(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        start = time.monotonic()
        status, body = raw_exchange(
            client,
            b"POST /predict HTTP/1.1\r\nHost: localhost\r\n"
            b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            b'5\r\n{"tex\r\n',
        )  # then nothing
        assert status == 408 and "stopped arriving for 1 s" in json.loads(body)["detail"]
        assert time.monotonic() - start < 25  # the 1 s given, not the default 30 s
        still_up(client)


# --- files ------------------------------------------------------------------------------------


def test_hostile_files_get_their_4xx(server):
    nurse = (SAMPLES / "us_registered_nurse.pdf").read_bytes()
    chef = (SAMPLES / "uk_chef_cv.docx").read_bytes()
    sheet = io.BytesIO()
    with zipfile.ZipFile(sheet, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<Types><Override PartName="/xl/workbook.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        )
        z.writestr("xl/workbook.xml", "<workbook/>")
    random_bytes = bytes((i * 7919 + 13) % 256 for i in range(4096))
    cases = [
        (upload(server, "book.xlsx", sheet.getvalue()), 415, "not a Word document"),
        (upload(server, "book.docx", sheet.getvalue()), 415, "not a Word document"),
        (upload(server, "trunc.docx", chef[: len(chef) // 2]), 400, "trunc.docx is not a readable DOCX"),
        (upload(server, "random.bin", random_bytes), 415, "not a resume file"),
        (upload(server, "random.pdf", random_bytes), 400, "not a readable PDF"),
        (upload(server, "random.docx", b"PK\x03\x04" + random_bytes), 400, "not a readable DOCX"),
        (upload(server, "empty.txt", b""), 400, "empty"),
        (
            server.post("/sections", content=b"", headers={"content-type": "multipart/form-data; boundary=x"}),
            422,
            "file",
        ),
        (
            server.post("/sections", content=random_bytes, headers={"content-type": "multipart/form-data; boundary=x"}),
            400,
            "multipart form field 'file'",
        ),
    ]
    for response, status, words in cases:
        assert_one_line(response, status, words)
    still_up(server)
    # Junk before %PDF- is common and readers skip it: the file is read.
    junk = upload(server, "junk.pdf", b"junk before the header\n" * 20 + nurse)
    assert junk.status_code == 200 and "MARIA L. ESPINOZA" in junk.json()["sections"][0]["text"]


def test_a_3000_page_pdf_is_refused_by_its_page_count(server, tmp_path):
    long_pdf = write_pdf(tmp_path / "long.pdf", ["page"], pages=3000).read_bytes()
    # Refused by the count the page tree declares, before any page is built (the test below).
    assert_one_line(upload(server, "long.pdf", long_pdf), 413, "3000 pages", "50 allowed")


def test_a_file_of_more_lines_than_the_model_labels_is_refused(server):
    assert_one_line(upload(server, "lines.txt", b"Python\n" * 6000), 413, "6,000 lines", "5,000 allowed")


def test_the_page_count_is_read_before_any_page_is_built(monkeypatch, tmp_path):
    from resume_bert.resumes import extraction, lines

    monkeypatch.setattr(extraction, "pdf_lines", lambda *a, **k: pytest.fail("the PDF reader built pages"))
    data = write_pdf(tmp_path / "long.pdf", ["page"], pages=60).read_bytes()
    with pytest.raises(lines.TooManyPages, match="60 pages"):
        extraction.extract_lines(data, max_pages=50, name="long.pdf")


def test_a_docx_zip_bomb_is_refused_before_it_is_inflated(server):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "wordprocessingml.document.main+xml")
        with z.open("word/document.xml", "w") as part:
            for _ in range(110):  # 110 MB of zeros, about 110 kB compressed
                part.write(bytes(MB))
    assert len(bomb.getvalue()) < MB
    before = peak_rss_mb()
    assert_one_line(upload(server, "bomb.docx", bomb.getvalue()), 413, "unpacks to 110 MB", "100 MB allowed")
    assert peak_rss_mb() - before < 50
    still_up(server)


def test_a_docx_with_a_comment_and_a_processing_instruction_in_its_body_is_read(server):
    # Needs the DOCX reader that skips comments and processing instructions (resume_bert.resumes.docx_reader).
    body = (
        '<!-- written by a template --><?mso-application progid="Word.Document"?>'
        "<w:p><w:r><w:t>Jane Doe</w:t></w:r></w:p><w:p><w:r><w:t>Python, SQL</w:t></w:r></w:p>"
    )
    response = upload(server, "comment.docx", docx_bytes(body))
    assert response.status_code == 200, response.text
    assert "Jane Doe" in json.dumps(response.json()["sections"])


def test_odd_file_names_are_cleaned_before_they_are_shown(server):
    text = b"Jane Doe\njane@example.com\nSkills\nPython, SQL\n"
    long_name = upload(server, "a" * 296 + ".txt", text)
    assert long_name.status_code == 200 and long_name.json()["file"] == "a" * 96 + ".txt"
    nul = raw_upload(server, b"cv\x00.txt", text)
    assert nul.status_code == 200 and nul.json()["file"] == "cv .txt"
    path = upload(server, "../../etc/C:\\Users\\cv.txt", text)
    assert path.status_code == 200 and path.json()["file"] == "cv.txt"
    # A CR/LF inside the quoted name ends the header line there: the form cannot be read.
    crlf = raw_upload(server, b"cv\r\nX-Injected: yes\r\n.txt", text)
    assert_one_line(crlf, 400, "multipart form field 'file'")
    encoded = upload(server, "cv\r\nX-Injected: yes.txt", text)  # httpx escapes CR/LF as %0D%0A
    assert encoded.status_code == 200 and "\n" not in encoded.json()["file"] and "\r" not in encoded.json()["file"]
    assert_one_line(upload(server, "\x00\x00\x00", b"\x00" * 100), 415, "not a resume file")
    still_up(server)


# --- JSON -------------------------------------------------------------------------------------


def test_bad_predict_requests_get_a_422(server):
    cases = [
        server.post("/predict", content=b"", headers={"content-type": "application/json"}),
        server.post("/predict", content=b"{not json", headers={"content-type": "application/json"}),
        server.post("/predict", content=bytes(range(256)) * 8, headers={"content-type": "application/json"}),
        server.post("/predict", json={"texts": "a", "extra": {"deep": [[[[1]]]]}}),
        server.post("/predict", json={"texts": [None]}),
        server.post("/predict", json={"texts": [["nested"]]}),
        server.post("/predict", json={"texts": ["x"] * 513}),
        server.post("/predict", json=[1, 2, 3]),
        server.post("/predict", content=b"texts=a", headers={"content-type": "application/x-www-form-urlencoded"}),
    ]
    for response in cases:
        assert_one_line(response, 422, "texts")
    assert_one_line(server.get("/predict"), 405)
    assert_one_line(server.get("/no-such-page"), 404)
    still_up(server)


def test_512_texts_of_20_kb_are_labelled(server):
    texts = [("Python SQL managed the company " * 700)[:20_000] for _ in range(512)]
    response = server.post("/predict", json={"texts": texts})
    assert response.status_code == 200, response.text[:300]
    assert len(response.json()["predictions"]) == 512


def test_one_9_mb_text_is_cut_before_it_is_tokenised(server):
    # Needs SectionClassifier (resume_bert.inference) to cut each text to a character budget before tokenising it.
    text = "Managed a team of engineers at a software company. " * (9 * MB // 51)
    before = peak_rss_mb()
    response = server.post("/predict", json={"texts": [text]})
    assert response.status_code == 200, response.text[:300]
    assert response.json()["predictions"][0]["label"] in LABELS
    assert peak_rss_mb() - before < 300  # the cut itself: test_dataset.py


# --- hosts ------------------------------------------------------------------------------------


def test_only_the_service_s_own_host_names_are_answered(server):
    port = server.base_url.port
    assert_one_line(server.get("/health", headers={"host": "evil.example"}), 400, "evil.example", "--allowed-host")
    assert_one_line(server.get("/health", headers={"host": f"evil.example:{port}"}), 400, "evil.example")
    assert_one_line(server.get("/", headers={"host": "127.0.0.1.evil.example"}), 400)
    for host in (f"localhost:{port}", f"127.0.0.1:{port}", "localhost", f"[::1]:{port}"):
        assert server.get("/health", headers={"host": host}).status_code == 200, host


# --- time limits, faults and shutdown -----------------------------------------------------------


class SlowKeywords(KeywordClassifier):
    def predict_proba(self, texts, batch_size=None):
        if any("boom" in t for t in ([texts] if isinstance(texts, str) else texts)):
            raise RuntimeError("/secret/server/path exploded")
        time.sleep(0.2)  # a forward pass long enough for requests to be in flight
        return super().predict_proba(texts)


def test_a_file_that_takes_too_long_to_read_is_stopped_and_the_next_one_is_read():
    app = create_app(SlowKeywords(), extraction=ExtractionPool(workers=1, timeout=1.0))
    with running_server(app) as url, httpx.Client(base_url=url, timeout=60) as client:
        # Only the time limit answers this: the reader was stopped after the 1 s given.
        assert_one_line(upload(client, "slow.pdf", slow_pdf(400_000)), 422, "longer than 1 s")
        text = b"Jane Doe\njane@example.com\nSkills\nPython, SQL\n"
        assert upload(client, "cv.txt", text).status_code == 200


def test_a_model_fault_is_a_json_500_and_its_traceback_is_logged(caplog):
    app = create_app(SlowKeywords())
    with running_server(app) as url, httpx.Client(base_url=url, timeout=60) as client:
        with caplog.at_level("ERROR", logger="resume_bert.serve"):
            fault = client.post("/predict", json={"texts": ["boom"]})
        detail = assert_one_line(fault, 500, "/predict", "log")
        assert "secret" not in detail and "exploded" not in detail
        assert any(r.exc_info and "exploded" in str(r.exc_info[1]) for r in caplog.records)
        assert client.post("/predict", json={"texts": ["python"]}).status_code == 200


def test_requests_in_flight_at_shutdown_are_answered_and_later_ones_get_a_503():
    app = create_app(SlowKeywords())
    answers = []
    with running_server(app) as url:

        def call(i):
            with httpx.Client(base_url=url, timeout=60) as client:
                answers.append(client.post("/predict", json={"texts": [f"python {i}"]}).status_code)

        threads = [threading.Thread(target=call, args=(i,)) for i in range(8)]
        for t in threads:
            t.start()
        batcher = app.state.batcher
        for _ in range(200):  # until every request reached the batcher (at most 20 s)
            if sum(map(len, batcher.classifier.calls)) + batcher._queue.qsize() >= 8:
                break
            time.sleep(0.1)
    # running_server has shut the server down, letting the requests in flight finish.
    for t in threads:
        t.join(timeout=30)
    assert sorted(answers) == [200] * 8
    # The app after shutdown (a request that slipped in late): a 503 with a JSON detail, not a hang.
    from fastapi.testclient import TestClient

    late = TestClient(app, base_url="http://localhost")
    assert_one_line(late.post("/predict", json={"texts": ["python"]}), 503, "shutting down")
    assert_one_line(late.post("/sections", files={"file": ("cv.txt", b"Python\n")}), 503, "shutting down")


def test_a_file_that_needs_more_memory_than_the_reader_may_use_is_refused_and_the_next_one_is_read():
    # Last in this file: building the file raises this process's peak memory, which the tests above measure.
    paragraphs = "<w:p><w:r><w:t>Python SQL</w:t></w:r></w:p>" * 2_000_000  # 86 MB of XML, 2 million paragraphs
    data = docx_bytes(paragraphs)
    del paragraphs
    pool = ExtractionPool(workers=1, timeout=60, memory_mb=400)
    try:
        # The worker either dies at its limit or catches the failed allocation: either way, said in one line.
        with pytest.raises(
            DataError, match="big.docx (could not be read|needs more memory to read than the service allows)"
        ):
            pool.read(
                data, "big.docx", max_lines=10
            )  # with 8 GB it is read: "2,000,001 lines, more than the 10 allowed"
        assert [line.text for line in pool.read(b"Jane Doe\nPython", "cv.txt")] == ["Jane Doe", "Python"]
    finally:
        pool.close()
