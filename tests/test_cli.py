"""`resume-bert train | evaluate | predict` end to end on the tiny model, in this process and as a real one; the flags made from the option dataclasses."""

import json
import subprocess
import sys

import pytest
from conftest import METRIC_KEYS, REPO, make_toy_frame, train_args

from resume_bert import ParameterError


def cli(*args, check=True):
    """`python -m resume_bert ARGS` as a process of its own."""
    result = subprocess.run(
        [sys.executable, "-m", "resume_bert", *map(str, args)], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    if check and result.returncode != 0:
        raise AssertionError(f"exit {result.returncode}\n{result.stdout}\n{result.stderr}")
    return result


def test_train_writes_model_labels_and_metrics(trained):
    out = trained.out
    assert (out / "model" / "config.json").exists() and (out / "model" / "model.safetensors").exists()
    assert (out / "model" / "tokenizer.json").exists() or (out / "model" / "vocab.txt").exists()
    assert json.loads((out / "labels.json").read_text())["labels"] == sorted(
        ["Contact Information", "Education", "Skills", "Work Experience"]
    )
    metrics = json.loads((out / "metrics.json").read_text())
    assert METRIC_KEYS <= set(metrics)
    assert set(metrics["baseline"]) >= {"accuracy", "precision", "recall", "f1", "macro_f1", "per_class"}
    assert metrics["n_train"] + metrics["n_val"] + metrics["n_test"] == trained.rows  # read through --text-column
    for split in ("train", "val", "test"):
        assert (out / "data" / f"{split}.csv").exists()
    assert (out / "history.json").exists() and (out / "checkpoints" / "last" / "state.json").exists()
    # Toy labels are not resume sections: the repository's real-resume dev set cannot choose, validation does.
    history = json.loads((out / "history.json").read_text())
    assert history["selected_on"] == "val_macro_f1" and history["calibration"]["fitted_on"] == "val"
    assert "dev_accuracy" not in history["history"][0]


@pytest.mark.subprocess
def test_evaluate_prints_and_writes_metrics(trained, tmp_path):
    report = tmp_path / "eval.json"
    model, test = trained.out / "model", trained.out / "data" / "test.csv"
    result = cli("evaluate", "--model-dir", model, "--data-path", test, "--output", report)
    printed = json.loads(result.stdout.strip().splitlines()[-1])
    saved = json.loads(report.read_text())
    assert printed["accuracy"] == round(saved["accuracy"], 4) and saved["n_examples"] > 0


@pytest.mark.subprocess
def test_predict_texts_csv_and_resume(trained, tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("text,id\nphone email street,1\nmanaged company,2\n")
    resume = tmp_path / "resume.txt"
    resume.write_text("Jane Doe\njane@example.com\n\nEDUCATION\nBachelor degree, university\n\nSKILLS\npython, sql\n")
    texts = ["university bachelor degree", "python sql"]
    command = [
        "predict",
        "--model-dir",
        trained.out / "model",
        *texts,
        "--input",
        source,
        "--output",
        tmp_path / "o.csv",
    ]
    printed = cli(*command, "--resume-file", resume).stdout.strip().splitlines()
    assert printed[0].endswith("university bachelor degree") and printed[1].endswith("python sql")
    assert printed[2] == f"labelled 2 rows -> {tmp_path / 'o.csv'}"
    assert "EDUCATION" in "\n".join(printed[3:]) and "SKILLS" in "\n".join(printed[3:])
    labelled = (tmp_path / "o.csv").read_text().splitlines()
    assert labelled[0] == "text,id,predicted_label,probability" and len(labelled) == 3


@pytest.mark.subprocess
def test_a_user_mistake_in_a_real_process_is_one_line_and_exit_2(tmp_path):
    """The in-process tests (test_bad_input.py) stand for the command line; this one runs it for real."""
    result = cli("train", "--data-path", tmp_path / "missing.csv", "--output-dir", tmp_path / "o", check=False)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0 and result.stderr.startswith(
        "resume-bert: error: data file not found"
    )


def test_train_with_fast_dropout_records_it_and_saves_a_plain_model(tiny_model_dir, tmp_path):
    from resume_bert.app import cli

    make_toy_frame(10).to_csv(tmp_path / "chunks.csv", index=False)
    assert cli.main(train_args(tmp_path / "chunks.csv", tmp_path / "out", tiny_model_dir, "--fast-dropout")) == 0
    assert json.loads((tmp_path / "out" / "history.json").read_text())["config"]["fast_dropout"] is True
    # config.json does not record the attention implementation (transformers leaves it out):
    # load the saved model, with fast dropout's attention registered, and see which one it gets.
    from transformers import AutoModelForSequenceClassification

    from resume_bert.app import fast_dropout

    model = AutoModelForSequenceClassification.from_pretrained(tmp_path / "out" / "model")
    assert model.config._attn_implementation == "sdpa" != fast_dropout.ATTENTION
    assert not any(isinstance(m, fast_dropout.FastDropout) for m in model.modules())


# --- one source for every knob: the flags are made from the option dataclasses ---------------


def _help_of(capsys, monkeypatch, command: str) -> str:
    from resume_bert.app import cli

    monkeypatch.setenv("COLUMNS", "1000")  # one help per line: no word broken at a hyphen
    with pytest.raises(SystemExit):
        cli.build_parser().parse_args([command, "--help"])
    return " ".join(capsys.readouterr().out.split())


def _other_value(name: str, kind, default):
    """A valid value of a TrainingConfig field other than its default, and the flags that set it."""
    import typing

    flag = "--" + name.replace("_", "-")
    if kind is bool:
        return (not default), [flag] if not default else ["--no-" + flag[2:]]
    if typing.get_origin(kind) is typing.Literal:
        value = next(v for v in typing.get_args(kind) if v != default)
        return value, [flag, value]
    value = kind(default + 1) if kind is int else default / 2
    return value, [flag, str(value)]


def test_every_training_knob_is_a_train_flag_with_its_help_and_reaches_the_config(capsys, monkeypatch):
    import dataclasses
    import typing

    from resume_bert.app import cli
    from resume_bert.training import TrainingConfig

    help_text = _help_of(capsys, monkeypatch, "train")
    hints = typing.get_type_hints(TrainingConfig)
    argv = ["train", "--data-path", "d.csv", "--output-dir", "o"]
    expected = {}
    for field in dataclasses.fields(TrainingConfig):
        assert field.metadata["help"] and field.metadata["help"] in help_text, field.name
        assert f"--{field.name.replace('_', '-')}" in help_text, field.name
        expected[field.name], flags = _other_value(field.name, hints[field.name], field.default)
        argv += flags
    args = cli.build_parser().parse_args(argv)
    assert dataclasses.asdict(cli._options(args, TrainingConfig)) == expected


def test_a_new_training_knob_is_a_flag_and_part_of_the_resume_fingerprint():
    """What adding a field to TrainingConfig gives without touching anything else."""
    import dataclasses

    from resume_bert.app.cli import _Parser
    from resume_bert.app.training_run import RESUMABLE_CHANGES, _fingerprint
    from resume_bert.training import TrainingConfig

    @dataclasses.dataclass
    class WithKnob(TrainingConfig):
        label_smoothing: float = dataclasses.field(default=0.0, metadata={"help": "target mass spread over labels"})

    (config,) = _Parser([WithKnob]).parse_args_into_dataclasses(["--label-smoothing", "0.1"], look_for_args_file=False)
    assert config.label_smoothing == 0.1 and config.as_dict()["label_smoothing"] == 0.1  # history.json's record

    class Data(list):
        lengths = [3, 4]

    fingerprint = _fingerprint(config, Data([0, 1]), Data([0]), 1)
    assert fingerprint["label_smoothing"] == 0.1
    assert set(fingerprint) >= {f.name for f in dataclasses.fields(WithKnob)} - set(RESUMABLE_CHANGES)
    # Today's fingerprint keys, so that checkpoints written before stay resumable.
    assert set(_fingerprint(TrainingConfig(), Data([0]), Data([0]), 1)) == {
        "num_train_epochs",
        "per_device_train_batch_size",
        "learning_rate",
        "weight_decay",
        "warmup_ratio",
        "max_grad_norm",
        "seed",
        "group_by_length",
        "n_train",
        "n_val",
        "train_tokens",
        "num_processes",
    }


def test_service_limits_are_serve_flags_whose_defaults_are_the_limits(capsys, monkeypatch):
    import dataclasses

    from resume_bert.app import cli
    from resume_bert.app.service import ServiceLimits

    help_text = _help_of(capsys, monkeypatch, "serve")
    for field in dataclasses.fields(ServiceLimits):
        assert f"--{field.name.replace('_', '-')}" in help_text and field.metadata["help"] in help_text
    args = cli.build_parser().parse_args(["serve", "--max-mb", "2", "--extract-workers", "3"])
    assert cli._options(args, ServiceLimits) == ServiceLimits(max_mb=2, extract_workers=3)
    with pytest.raises(ParameterError, match="max_pages must be greater than 0"):
        ServiceLimits(max_pages=0)


def test_the_package_only_adds_a_null_handler_and_the_command_line_prints_its_warnings(monkeypatch, capsys):
    import logging

    from resume_bert.app import cli

    package = logging.getLogger("resume_bert")
    assert [type(h) for h in package.handlers] == [logging.NullHandler]

    def warn(args, options):
        logging.getLogger("resume_bert").warning("max_length 600 is more than the model takes; using 128 tokens")

    monkeypatch.setitem(cli.COMMANDS, "export", (warn, *cli.COMMANDS["export"][1:]))
    assert cli.main(["export", "--model-dir", "model"]) == 0
    assert "WARNING resume_bert: max_length 600 is more than the model takes" in capsys.readouterr().err
    assert [type(h) for h in package.handlers] == [logging.NullHandler]  # nothing left behind by main
