"""ONNX export round trip: the exported model gives PyTorch's probabilities, through the API and `predict --backend onnx`."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("onnxruntime", reason="the onnx extra is not installed")


from resume_bert import ModelError, ParameterError  # noqa: E402
from resume_bert.app import cli  # noqa: E402
from resume_bert.app.classifiers import load_classifier  # noqa: E402
from resume_bert.app.onnx_backend import INT8_FILE, ONNX_FILE, export_onnx  # noqa: E402

# Short and long, so that batches are padded and one text is cut at max_length.
TEXTS = [
    "university bachelor degree",
    "python sql excel",
    "phone email street",
    "x",
    "managed company " * 40,
    "led the team",
    "gpa 3.9 college",
    "",
]


@pytest.fixture(scope="module")
def model_dir(separated_classifier_dir, tmp_path_factory):
    """A copy of the tiny classifier with well-separated labels: `export` writes into it."""
    import shutil

    return Path(shutil.copytree(separated_classifier_dir, tmp_path_factory.mktemp("onnx") / "model"))


@pytest.fixture(scope="module")
def exported(model_dir):
    return export_onnx(model_dir)


def test_export_writes_a_self_contained_folder(model_dir, exported):
    assert exported == model_dir / "onnx"
    names = {p.name for p in exported.iterdir()}
    assert {ONNX_FILE, INT8_FILE, "config.json", "tokenizer.json"} <= names
    assert not [p for p in model_dir.parent.rglob("*") if ".tmp" in p.name]


def test_onnx_backend_gives_pytorch_probabilities(model_dir, exported):
    pytorch = load_classifier(model_dir, device="cpu")
    onnx = load_classifier(exported, backend="onnx", batch_size=3)
    assert onnx.backend == "onnx" and onnx.labels == pytorch.labels and onnx.max_length == pytorch.max_length == 24
    expected = pytorch.predict_proba(TEXTS)
    assert expected.std(axis=1).min() > 0.01, "the labels should not be near-ties"
    np.testing.assert_allclose(onnx.predict_proba(TEXTS), expected, atol=1e-5)
    # int8 weights: close, and the same labels on these well-separated texts.
    int8 = load_classifier(model_dir, backend="onnx-int8")
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
    assert printed == load_classifier(model_dir).predict_labels(TEXTS[:3])


def test_missing_export_is_a_one_line_error(model_dir, tmp_path, capsys):
    bare = tmp_path / "bare"
    bare.mkdir()
    with pytest.raises(ModelError, match="resume-bert export"):
        load_classifier(bare, backend="onnx")
    assert cli.main(["predict", "--model-dir", str(bare), "--backend", "onnx-int8", "hello"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "resume-bert export" in err and "Traceback" not in err


def test_sections_with_onnx_backend_match_pytorch(model_dir, exported, tmp_path, capsys):
    resume = tmp_path / "resume.txt"
    resume.write_text(
        "EDUCATION\nuniversity bachelor degree\ngpa 3.9 college\n\nSKILLS\npython sql excel\n", encoding="utf-8"
    )
    printed = {}
    for backend in ("pytorch", "onnx"):
        capsys.readouterr()
        assert (
            cli.main(["sections", str(resume), "--model-dir", str(model_dir), "--backend", backend, "--format", "json"])
            == 0
        )
        printed[backend] = [(s["label"], s["text"]) for s in json.loads(capsys.readouterr().out)]
    assert printed["onnx"] == printed["pytorch"] and printed["onnx"]


def test_bert_export_works_out_the_last_layer_for_cls_only(model_dir, exported):
    import onnx
    from transformers import AutoModelForSequenceClassification

    from resume_bert.app.onnx_backend import _BertLogitsFromCls, _logits_graph

    assert isinstance(_logits_graph(AutoModelForSequenceClassification.from_pretrained(model_dir)), _BertLogitsFromCls)
    graph = onnx.load(exported / ONNX_FILE).graph
    # One weight MatMul, the last layer's query, reads a slice (the [CLS] row) of its input.
    producers = {out: n.op_type for n in graph.node for out in n.output}
    weights = {w.name for w in graph.initializer}
    reads_slice = [
        n
        for n in graph.node
        if n.op_type == "MatMul" and n.input[1] in weights and producers.get(n.input[0]) == "Slice"
    ]
    assert len(reads_slice) == 1


def test_int8_rescores_uncertain_chunks_with_fp32(model_dir, exported):
    fp32 = load_classifier(exported, backend="onnx").predict_proba(TEXTS)
    raw = load_classifier(exported, backend="onnx-int8", rescore_margin=0)
    assert raw.model.rescore_session is None
    raw_probs = raw.predict_proba(TEXTS)
    assert raw.model.rescored == 0 and np.abs(raw_probs - fp32).max() > 1e-4, "int8 alone differs from fp32"
    # A margin wider than any gap re-scores every chunk: fp32's probabilities, row for row.
    every = load_classifier(exported, backend="onnx-int8", rescore_margin=1e9, batch_size=3)
    np.testing.assert_allclose(every.predict_proba(TEXTS), fp32, atol=1e-5)
    assert every.model.rescored == len(TEXTS)
    # The default re-scores only the chunks whose int8 top-two gap is under the margin.
    default = load_classifier(exported, backend="onnx-int8")
    top_two = np.sort(raw_probs, axis=1)[:, -2:]
    expected = int((np.log(top_two[:, 1]) - np.log(top_two[:, 0]) < default.model.rescore_margin).sum())
    default.predict_proba(TEXTS)
    assert default.model.rescored == expected


def test_rescore_margin_errors_are_one_line(model_dir, exported, tmp_path, capsys):
    import shutil

    with pytest.raises(ParameterError, match="at least 0"):
        load_classifier(exported, backend="onnx-int8", rescore_margin=-1)
    with pytest.raises(ParameterError, match="onnx-int8 backend only"):
        load_classifier(exported, backend="onnx", rescore_margin=1.0)
    # An int8 file alone: re-scoring needs the fp32 one, and says so; a margin of 0 does without.
    alone = tmp_path / "int8-only"
    shutil.copytree(exported, alone)
    (alone / ONNX_FILE).unlink()
    with pytest.raises(ModelError, match="rescore margin of 0"):
        load_classifier(alone, backend="onnx-int8")
    assert load_classifier(alone, backend="onnx-int8", rescore_margin=0).predict_labels(TEXTS[:2])
    assert cli.main(["predict", "--model-dir", str(exported), "--backend", "onnx", "--rescore-margin", "1", "hi"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "onnx-int8 backend only" in err
