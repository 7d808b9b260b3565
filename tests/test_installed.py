"""`pip install .` (not editable): the commands work from another folder, the demo page ships, and repository-only parts say so."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import REPO, make_toy_frame

pytestmark = pytest.mark.subprocess


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The package as `pip install .` lays it out, in a folder of its own (dependencies come from this environment)."""
    target = tmp_path_factory.mktemp("site")
    build = tmp_path_factory.mktemp("build")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(REPO),
        ],
        check=True,
        capture_output=True,
        cwd=build,
        env={**os.environ, "PIP_NO_INDEX": "1"},
    )
    assert (target / "resume_bert" / "app" / "static" / "demo.html").is_file(), "the demo page is not in the wheel"
    assert not (target / "data").exists() and not (target / "notebooks").exists()
    return target


def run(installed: Path, cwd: Path, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    # PYTHONPATH puts the installed copy before this checkout's editable install; -P keeps cwd off sys.path.
    env = {**os.environ, "PYTHONPATH": str(installed), "HF_HUB_OFFLINE": "1"}
    return subprocess.run(
        [sys.executable, "-P", "-m", "resume_bert", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_the_installed_package_is_the_one_that_runs(installed, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(installed)}
    where = subprocess.run(
        [sys.executable, "-P", "-c", "import resume_bert; print(resume_bert.__file__)"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert where.startswith(str(installed))


def test_train_evaluate_predict_sections_and_serve_from_another_folder(installed, tmp_path, tiny_model_dir):
    work = tmp_path / "elsewhere"
    work.mkdir()
    make_toy_frame(n_per_label=12).to_csv(work / "chunks.csv", index=False)

    trained = run(
        installed,
        work,
        "train",
        "--data-path",
        "chunks.csv",
        "--output-dir",
        "out",
        "--model-name-or-path",
        str(tiny_model_dir),
        "--num-train-epochs",
        "1",
        "--max-length",
        "32",
    )
    assert trained.returncode == 0, trained.stderr[-2000:]
    assert "check sets not scored" in trained.stderr  # they live in the repository, which is not here
    assert json.loads((work / "out" / "metrics.json").read_text())["check_sets"] == {}

    evaluated = run(installed, work, "evaluate", "--model-dir", "out/model", "--data-path", "chunks.csv")
    assert evaluated.returncode == 0, evaluated.stderr[-2000:]
    assert "accuracy" in json.loads((work / "out" / "evaluation.json").read_text())

    predicted = run(installed, work, "predict", "--model-dir", "out/model", "university bachelor degree")
    assert predicted.returncode == 0 and predicted.stdout.split("\t")[0] in {
        "Contact Information",
        "Education",
        "Skills",
        "Work Experience",
    }

    (work / "cv.txt").write_text("EDUCATION\nBachelor of Science, State University\n\nSKILLS\npython, sql\n")
    cut = run(installed, work, "sections", "cv.txt", "--model-dir", "out/model", "--format", "json")
    assert cut.returncode == 0, cut.stderr[-2000:]
    assert json.loads(cut.stdout)

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(installed), "HF_HUB_OFFLINE": "1"}
    server = subprocess.Popen(
        [sys.executable, "-P", "-m", "resume_bert", "serve", "--model-dir", "out/model", "--port", str(port)],
        cwd=work,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as answer:
                    assert json.loads(answer.read())["status"] == "ok"
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as page:
                    assert b"<html" in page.read().lower()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "the service did not start"
                time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_run_notebooks_outside_a_clone_says_it_needs_one(installed, tmp_path):
    answer = run(installed, tmp_path, "run-notebooks")
    assert answer.returncode == 2 and len(answer.stderr.strip().splitlines()) == 1
    assert "needs the resume-bert repository" in answer.stderr
