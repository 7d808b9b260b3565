"""The web service: /predict, /sections, /health, the docs, batching, and a one-line 4xx for every kind of bad input (tests/test_serve_hostile.py has the hostile cases)."""

import json
import threading

import numpy as np
import pytest

pytest.importorskip("fastapi", reason="the service needs the serve extra: pip install -e '.[serve]'")
from fastapi.testclient import TestClient  # noqa: E402
from resume_files import LABELS, REPO, KeywordClassifier, write_pdf  # noqa: E402

from resume_bert.app.classifiers import load_classifier  # noqa: E402
from resume_bert.app.serve import create_app  # noqa: E402
from resume_bert.app.service import (  # noqa: E402
    MicroBatcher,
    ServiceClosing,
    ServiceLimits,
    predictions_json,
    upload_name,
)
from resume_bert.resumes.extraction import extract_lines  # noqa: E402

NURSE_PDF = REPO / "data" / "sample_resumes" / "us_registered_nurse.pdf"


@pytest.fixture(scope="module")
def model_folder(classifier_dir):
    return classifier_dir


@pytest.fixture(scope="module")
def classifier(model_folder):
    return load_classifier(model_folder, device="cpu")


@pytest.fixture(scope="module")
def client(classifier):
    with TestClient(create_app(classifier), base_url="http://localhost") as c:
        yield c


def upload(client, name, data, **form):
    return client.post("/sections", files={"file": (name, data)}, data=form)


def assert_one_line_error(response, status, *words):
    assert response.status_code == status, response.text
    detail = response.json()["detail"]
    assert isinstance(detail, str) and "\n" not in detail
    for word in words:
        assert word in detail, detail
    return detail


def test_health_names_the_labels(client):
    assert client.get("/health").json() == {"status": "ok", "model": "model", "labels": LABELS}


def test_predict_labels_each_text_with_probabilities(client, classifier):
    texts = ["bachelor degree", "python sql", "phone email"]
    predictions = client.post("/predict", json={"texts": texts}).json()["predictions"]
    assert [p["label"] for p in predictions] == [p.label for p in classifier.predict(texts)]
    for p in predictions:
        assert set(p["scores"]) == set(LABELS) and p["probability"] == max(p["scores"].values())


def test_predictions_json_rounds_to_four_places_and_names_the_top_label():
    probs = np.array([[0.123456, 0.876544], [0.5, 0.5]], dtype=np.float32)
    assert json.loads(predictions_json(["Skills", "Education"], probs)) == {
        "predictions": [
            {"label": "Education", "probability": 0.8765, "scores": {"Skills": 0.1235, "Education": 0.8765}},
            {"label": "Skills", "probability": 0.5, "scores": {"Skills": 0.5, "Education": 0.5}},
        ]
    }
    with pytest.raises(ValueError):  # not JSON: the service answers with its JSON 500
        predictions_json(["Skills", "Education"], np.array([[np.nan, 1.0]]))


def test_sections_of_an_uploaded_pdf_docx_and_text(client):
    for name in ["us_registered_nurse.pdf", "uk_chef_cv.docx", "uk_chef_cv.txt"]:
        result = upload(client, name, (REPO / "data" / "sample_resumes" / name).read_bytes()).json()
        assert result["file"] == name and result["method"] == "model" and result["sections"]
        assert {s["label"] for s in result["sections"]} <= set(LABELS)
        assert result["sections"][0]["first_line"] == 1
    headers = upload(client, "cv.pdf", NURSE_PDF.read_bytes(), method="headers").json()
    assert headers["method"] == "headers" and len(headers["sections"]) >= 4


def test_an_uploaded_sidebar_pdf_keeps_its_columns(client):
    """The file reader's process hands back each line's layout, so sections still name their column."""
    result = upload(client, "us_registered_nurse.pdf", NURSE_PDF.read_bytes()).json()
    columns = {s["column"] for s in result["sections"]} | {s["last_column"] for s in result["sections"]}
    assert len(columns) >= 2, result["sections"]


def test_the_docs_and_the_demo_page_are_served(client):
    assert "/sections" in client.get("/openapi.json").json()["paths"]
    assert "swagger" in client.get("/docs").text.lower()
    assert "Find sections" in client.get("/").text


def test_bad_input_gets_a_one_line_4xx_and_the_service_keeps_answering(client, tmp_path):
    encrypted = write_pdf(tmp_path / "locked.pdf", ["Jane Doe"], password="secret").read_bytes()
    long_pdf = write_pdf(tmp_path / "long.pdf", ["page"], pages=500).read_bytes()
    cases = [
        (upload(client, "photo.png", b"\x89PNG\r\n\x1a\n" + bytes(2000)), 415, "not a resume file"),
        (upload(client, "setup.exe", b"MZ\x90\x00" + bytes(500)), 415, "not a resume file"),
        (upload(client, "cv.pdf", b"%PDF-1.7\n%%EOF garbage"), 400, "not a readable PDF"),
        (upload(client, "cv.pdf", b"just some words, not a pdf"), 400, "not a readable PDF"),
        (upload(client, "cv.docx", b"PK\x03\x04" + bytes(300)), 400, "not a readable DOCX"),
        (upload(client, "locked.pdf", encrypted), 400, "encrypted"),
        (upload(client, "empty.pdf", b""), 400, "empty"),
        (upload(client, "blank.txt", b"   \n\n "), 400, "empty"),
        (upload(client, "long.pdf", long_pdf), 413, "500 pages"),
        (upload(client, "big.txt", b"Python\n" * (1536 * 1024)), 413, "10 MB"),
        (upload(client, "cv.txt", b"Jane", method="magic"), 422, "method"),
        (client.post("/sections", data={"method": "model"}), 422, "file"),
        (client.post("/predict", content=b"{not json", headers={"content-type": "application/json"}), 422, "JSON"),
        (client.post("/predict", json={"text": ["a"]}), 422, "texts"),
        (client.post("/predict", json={"texts": "one string"}), 422, "texts"),
        (client.post("/predict", json={"texts": []}), 422, "texts"),
        (client.post("/predict", json={"texts": [1, 2]}), 422, "texts"),
        (client.post("/predict", json={"texts": ["x"] * 600}), 422, "texts"),
    ]
    for response, status, word in cases:
        assert_one_line_error(response, status, word)
        assert client.get("/health").status_code == 200
    assert client.post("/predict", json={"texts": ["python"]}).status_code == 200


def test_uploads_over_a_smaller_limit_are_refused_before_reading(classifier):
    with TestClient(create_app(classifier, ServiceLimits(max_mb=1000 / 2**20)), base_url="http://localhost") as small:
        assert_one_line_error(upload(small, "cv.txt", b"Python\n" * 200), 413, "limit")
        assert upload(small, "cv.txt", b"Python, SQL\nBachelor degree").status_code == 200


def test_concurrent_requests_share_forward_passes():
    class SlowKeywords(KeywordClassifier):
        def predict_proba(self, texts):
            import time

            time.sleep(0.05)  # a forward pass long enough for other requests to queue up
            return super().predict_proba(texts)

    model = SlowKeywords()
    batcher = MicroBatcher(model)
    texts = [[f"python {i}", f"degree {i}"] for i in range(20)]
    results = [None] * len(texts)

    def call(i):
        results[i] = batcher.predict_proba(texts[i])

    threads = [threading.Thread(target=call, args=(i,)) for i in range(len(texts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    batcher.close()
    assert batcher.batches < len(texts)  # some requests were served together
    for got, sent in zip(results, texts):  # and each caller got its own rows back
        assert got.shape == (2, len(LABELS)) and (got == model.predict_proba(sent)).all()


def test_a_request_larger_than_a_batch_is_cut_into_batches_of_the_cap():
    model = KeywordClassifier()
    batcher = MicroBatcher(model, max_batch_texts=100)
    texts = [f"python {i}" if i % 2 else f"degree {i}" for i in range(250)]
    got = batcher.predict_proba(texts)
    batcher.close()
    assert [len(call) for call in model.calls] == [100, 100, 50]
    assert (got == KeywordClassifier().predict_proba(texts)).all()


def test_a_failing_text_fails_its_own_request_only():
    class Broken(KeywordClassifier):
        def __init__(self):
            super().__init__()
            self.gate = threading.Event()

        def predict_proba(self, texts, batch_size=None):
            self.gate.wait(10)  # hold the first batch so that the next requests queue up together
            if "boom" in texts:
                raise RuntimeError("boom")
            return super().predict_proba(texts)

    model = Broken()
    batcher = MicroBatcher(model)
    first = batcher.submit(["python"])
    bad, good = batcher.submit(["boom"]), batcher.submit(["degree", "university"])
    model.gate.set()
    assert first.result(10).shape == (1, len(LABELS))
    with pytest.raises(RuntimeError):
        bad.result(10)
    assert (good.result(10) == KeywordClassifier().predict_proba(["degree", "university"])).all()
    assert batcher.predict_proba(["python"]).shape == (1, len(LABELS))
    batcher.close()
    with pytest.raises(ServiceClosing):
        batcher.predict_proba(["python"])


def test_an_upload_is_read_as_its_file_is():
    for name in ["us_registered_nurse.pdf", "uk_chef_cv.docx", "uk_chef_cv.txt"]:
        path = REPO / "data" / "sample_resumes" / name
        assert extract_lines(path.read_bytes(), name=name) == extract_lines(path)


def test_upload_names_lose_folders_control_characters_and_excess():
    assert upload_name("C:\\Users\\jane/../cv.pdf") == "cv.pdf"
    assert upload_name("cv\x00\r\n.txt") == "cv .txt"
    assert upload_name(None) == upload_name("") == upload_name("///") == "upload"
    long = upload_name("x" * 300 + ".docx")
    assert len(long) == 100 and long.endswith(".docx")


@pytest.mark.subprocess
def test_the_load_benchmark_runs_in_smoke_mode(model_folder, tmp_path):
    import subprocess
    import sys

    out = tmp_path / "serve_load.json"
    proc = subprocess.run(
        [
            sys.executable,
            "benchmarks/serve_load.py",
            "--model-dir",
            str(model_folder),
            "--smoke",
            "--backends",
            "pytorch",
            "--output",
            str(out),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    result = json.loads(out.read_text())
    run = result["backends"]["pytorch"]
    assert result["smoke"] and result["clients"] == 4 and len(result["load_average_before_1_5_15_min"]) == 3
    assert run["backend_alone"]["chunks_per_second"] > 0 and run["predict_share_of_backend"] > 0
    for scenario in run["scenarios"].values():
        assert scenario["requests"] > 0 and scenario["failed"] == 0 and scenario["p50_ms"] <= scenario["p99_ms"]
