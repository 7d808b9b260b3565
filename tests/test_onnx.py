"""ONNX export round trip: the exported model gives PyTorch's probabilities, through the API and `predict --backend onnx`."""

from __future__ import annotations

import json

import numpy as np
import pytest
from transformers import AutoTokenizer

pytest.importorskip("onnxruntime", reason="the onnx extra is not installed")

from conftest import make_toy_frame  # noqa: E402
from resume_bert import ModelError, cli  # noqa: E402
from resume_bert.preparation import LabelMap  # noqa: E402
from resume_bert.inference import SectionClassifier  # noqa: E402
from resume_bert.modeling import load_model, save_model  # noqa: E402
from resume_bert.onnx_backend import INT8_FILE, ONNX_FILE, export_onnx  # noqa: E402
from resume_bert.training import set_seed  # noqa: E402

# Short and long, so that batches are padded and one text is cut at max_length.
TEXTS = ["university bachelor degree", "python sql excel", "phone email street", "x", "managed company " * 40,
         "led the team", "gpa 3.9 college", ""]


@pytest.fixture(scope="module")
def model_dir(tiny_model_dir, tmp_path_factory):
    """A tiny classifier with a head scaled up, so that its labels are not ties that rounding could flip."""
    set_seed(0)
    model, _ = load_model(str(tiny_model_dir), LabelMap.from_labels(make_toy_frame(1)["label"]))
    model.classifier.weight.data.mul_(200)
    folder = tmp_path_factory.mktemp("onnx") / "model"
    save_model(model, AutoTokenizer.from_pretrained(tiny_model_dir), folder, max_length=24)
    return folder


@pytest.fixture(scope="module")
def exported(model_dir):
    return export_onnx(model_dir)


def test_export_writes_a_self_contained_folder(model_dir, exported):
    assert exported == model_dir / "onnx"
    names = {p.name for p in exported.iterdir()}
    assert {ONNX_FILE, INT8_FILE, "config.json", "tokenizer.json"} <= names
    assert not [p for p in model_dir.parent.rglob("*") if ".tmp" in p.name]


def test_onnx_backend_gives_pytorch_probabilities(model_dir, exported):
    pytorch = SectionClassifier.from_pretrained(model_dir, device="cpu")
    onnx = SectionClassifier.from_pretrained(exported, backend="onnx", batch_size=3)
    assert onnx.backend == "onnx" and onnx.labels == pytorch.labels and onnx.max_length == pytorch.max_length == 24
    expected = pytorch.predict_proba(TEXTS)
    assert expected.std(axis=1).min() > 0.01, "the labels should not be near-ties"
    np.testing.assert_allclose(onnx.predict_proba(TEXTS), expected, atol=1e-5)
    # int8 weights: close, and the same labels on these well-separated texts.
    int8 = SectionClassifier.from_pretrained(model_dir, backend="onnx-int8")
    np.testing.assert_allclose(int8.predict_proba(TEXTS), expected, atol=0.05)
    assert int8.predict_labels(TEXTS) == pytorch.predict_labels(TEXTS)
    assert [p.label for p in onnx.predict(TEXTS)] == pytorch.predict_labels(TEXTS)


def test_cli_export_then_predict_with_onnx(model_dir, tmp_path, capsys):
    out = tmp_path / "exported"
    assert cli.main(["export", "--model-dir", str(model_dir), "--onnx", str(out), "--no-int8"]) == 0
    assert (out / ONNX_FILE).exists() and not (out / INT8_FILE).exists()
    capsys.readouterr()
    assert cli.main(["predict", "--model-dir", str(out), "--backend", "onnx", *TEXTS[:3]]) == 0
    printed = [line.split("\t")[0] for line in capsys.readouterr().out.strip().splitlines()]
    assert printed == SectionClassifier.from_pretrained(model_dir).predict_labels(TEXTS[:3])


def test_missing_export_is_a_one_line_error(model_dir, tmp_path, capsys):
    bare = tmp_path / "bare"
    bare.mkdir()
    with pytest.raises(ModelError, match="resume-bert export"):
        SectionClassifier.from_pretrained(bare, backend="onnx")
    assert cli.main(["predict", "--model-dir", str(bare), "--backend", "onnx-int8", "hello"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "resume-bert export" in err and "Traceback" not in err


def test_sections_with_onnx_backend_match_pytorch(model_dir, exported, tmp_path, capsys):
    resume = tmp_path / "resume.txt"
    resume.write_text("EDUCATION\nuniversity bachelor degree\ngpa 3.9 college\n\nSKILLS\npython sql excel\n",
                      encoding="utf-8")
    printed = {}
    for backend in ("pytorch", "onnx"):
        capsys.readouterr()
        assert cli.main(["sections", str(resume), "--model-dir", str(model_dir), "--backend", backend,
                         "--format", "json"]) == 0
        printed[backend] = [(s["label"], s["text"]) for s in json.loads(capsys.readouterr().out)]
    assert printed["onnx"] == printed["pytorch"] and printed["onnx"]
