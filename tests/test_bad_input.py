"""Bad input ends well: the API raises a specific error, the CLI prints one line and exits 2, predict never crashes."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import digest, make_toy_frame, train_args
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resume_bert import DataError, ModelError, ParameterError
from resume_bert.app import cli
from resume_bert.app.input_checks import check_cleaned, check_splittable, load_dataset
from resume_bert.dataset import ClassificationDataset
from resume_bert.preparation import clean_dataset
from resume_bert.training import TrainingConfig


def run_cli(capsys, *args) -> tuple[int, str, str]:
    """Run the CLI in this process (fast); return (exit status, stdout, stderr)."""
    rc = cli.main([str(a) for a in args])
    captured = capsys.readouterr()
    return rc, captured.out, captured.err


def assert_one_line_error(rc: int, err: str, *fragments: str) -> None:
    assert rc == 2, err
    lines = [line for line in err.splitlines() if line.startswith("resume-bert: error:")]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


@pytest.fixture(scope="module")
def classifier(trained):
    from resume_bert.app.classifiers import load_classifier

    return load_classifier(trained.out / "model", device="cpu")


# ---------------------------------------------------------------- data file


def _write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


DATA_FILE_CASES = {
    "missing": (lambda d: d / "nope.csv", ["data file not found", "check data_path"]),
    "directory": (lambda d: d, ["is a folder", "set data_path to the CSV inside it"]),
    "binary": (lambda d: _write(d / "b.csv", bytes(range(256)) * 40), ["binary file", "comma-separated"]),
    "excel": (lambda d: _write(d / "x.csv", b"PK\x03\x04" + b"\x14" * 100), ["Excel workbook", "CSV UTF-8"]),
    "not_csv": (
        lambda d: _write(d / "j.csv", b'{"resumes": [1, 2]}\n'),
        ["column 'text' not found", "columns found:", "set text_column"],
    ),
    "semicolons": (
        lambda d: _write(d / "s.csv", b"text;label\nhello;Skills\n"),
        ["separated by ';'", "comma-separated"],
    ),
    "empty": (lambda d: _write(d / "e.csv", b""), ["is empty", "header row"]),
    "whitespace_only": (lambda d: _write(d / "w.csv", b" \n\n  \n"), ["is empty"]),
    "header_only": (
        lambda d: _write(d / "h.csv", b"text,label\n"),
        ["has a header but no rows", "add labelled examples"],
    ),
    "text_column_missing": (
        lambda d: _write(d / "t.csv", b"chunk,label\nhello,Skills\n"),
        ["column 'text' not found", "columns found: 'chunk', 'label'", "text_column"],
    ),
    "label_column_missing": (
        lambda d: _write(d / "l.csv", b"text,section\nhello,Skills\n"),
        ["column 'label' not found", "columns found: 'text', 'section'", "label_column"],
    ),
    "not_utf8": (
        lambda d: _write(d / "latin.csv", "text,label\ncaf\u00e9 au lait,Skills\n".encode("latin-1")),
        ["not valid utf-8", "encoding='latin-1'", "--encoding latin-1"],
    ),
    "utf16": (
        lambda d: _write(d / "u16.csv", "text,label\nhello,Skills\n".encode("utf-16")),
        ["UTF-16", "--encoding utf-16"],
    ),
}


@pytest.mark.parametrize("case", sorted(DATA_FILE_CASES))
def test_bad_data_file_raises_data_error_naming_problem_and_fix(case, tmp_path):
    make, fragments = DATA_FILE_CASES[case]
    with pytest.raises(DataError) as info:
        load_dataset(make(tmp_path))
    message = str(info.value)
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message


@pytest.mark.parametrize("case", sorted(DATA_FILE_CASES))
def test_bad_data_file_cli_prints_one_line_and_exits_2(case, tmp_path, capsys, tiny_model_dir):
    make, fragments = DATA_FILE_CASES[case]
    path = make(tmp_path)
    rc, _, err = run_cli(
        capsys, "train", "--data-path", path, "--output-dir", tmp_path / "out", "--model-name-or-path", tiny_model_dir
    )
    assert_one_line_error(rc, err, *fragments)


def test_other_encoding_is_read_through_the_encoding_parameter(tmp_path, capsys):
    path = _write(tmp_path / "latin.csv", "text,label\ncaf\u00e9 au lait,Skills\n".encode("latin-1"))
    assert load_dataset(path, encoding="latin-1")["text"].tolist() == ["caf\u00e9 au lait"]
    wide = _write(tmp_path / "u16.csv", "text,label\nna\u00efve,Skills\n".encode("utf-16"))
    assert load_dataset(wide, encoding="utf-16")["text"].tolist() == ["na\u00efve"]


def test_unknown_encoding_names_a_codec(tmp_path):
    with pytest.raises(DataError, match="unknown encoding 'utf-9'.*'latin-1'"):
        load_dataset(_write(tmp_path / "a.csv", b"text,label\nx,y\n"), encoding="utf-9")


# ---------------------------------------------------------------- rows


def test_empty_and_whitespace_texts_are_dropped_and_counted():
    frame = make_toy_frame(n_per_label=3)
    frame.loc[len(frame)] = ["", "Skills", "r900"]
    frame.loc[len(frame)] = ["   \t\n  ", "Skills", "r901"]
    frame.loc[len(frame)] = [None, "Skills", "r902"]
    clean, report = clean_dataset(frame)
    assert report.empty_text == 3
    assert report.rows_out == len(clean) and not (clean["text"].str.strip() == "").any()


def test_missing_labels_are_dropped_and_counted():
    frame = make_toy_frame(n_per_label=3)
    frame.loc[len(frame)] = ["a chunk with no label", None, "r900"]
    frame.loc[len(frame)] = ["another chunk with no label", "  ", "r901"]
    _, report = clean_dataset(frame)
    assert report.missing_label == 2


def test_duplicates_are_dropped_and_counted():
    frame = make_toy_frame(n_per_label=3)
    frame["text"] = frame["text"] + [f" row {i}" for i in range(len(frame))]  # all distinct
    frame = pd.concat([frame, frame.iloc[:4], frame.iloc[:1]], ignore_index=True)
    frame.loc[len(frame)] = [" " + frame.loc[0, "text"].upper().lower() + "  ", frame.loc[0, "label"], "r000"]
    clean, report = clean_dataset(frame)
    assert report.duplicates == 6  # the last one differs only in surrounding white space
    assert report.rows_out == len(clean) == len(frame) - 6
    assert "exact duplicate" in report.to_frame().to_string()


def test_all_rows_unusable_is_a_data_error():
    frame = pd.DataFrame({"text": ["", "  "], "label": ["Skills", "Education"]})
    with pytest.raises(DataError, match="no usable rows left after cleaning.*check text_column and label_column"):
        check_cleaned(clean_dataset(frame)[0])


def test_label_with_too_few_rows_to_stratify_is_named(tmp_path, capsys, tiny_model_dir):
    frame = make_toy_frame(n_per_label=10)
    frame.loc[len(frame)] = ["gold medal winner", "Awards", "r999"]
    with pytest.raises(
        DataError, match="label 'Awards' has 1 row.*at least 3 per label: add examples of it or remove it"
    ):
        check_splittable(frame, (0.7, 0.15, 0.15), seed=42)
    frame.to_csv(tmp_path / "rare.csv", index=False)
    rc, _, err = run_cli(capsys, *train_args(tmp_path / "rare.csv", tmp_path / "out", tiny_model_dir))
    assert_one_line_error(rc, err, "label 'Awards' has 1 row", "add examples of it or remove it")


def test_single_label_in_all_rows_is_a_data_error(tmp_path, capsys, tiny_model_dir):
    frame = make_toy_frame(n_per_label=10, labels=["Skills"])
    with pytest.raises(DataError, match="only one label \\('Skills'\\).*at least two"):
        check_splittable(frame, (0.7, 0.15, 0.15), seed=42)
    frame.to_csv(tmp_path / "one.csv", index=False)
    rc, _, err = run_cli(capsys, *train_args(tmp_path / "one.csv", tmp_path / "out", tiny_model_dir))
    assert_one_line_error(rc, err, "only one label", "at least two")


def test_text_of_100k_characters_is_truncated_to_max_length_and_counted(tiny_model_dir):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_model_dir)
    long_text = ("managed a team of engineers " * 4000)[:100_000]
    dataset = ClassificationDataset(["python sql", long_text, "university degree"], [0, 1, 2], tokenizer, max_length=64)
    assert dataset.lengths[1] == 64 and max(dataset.lengths) == 64
    assert dataset.input_ids[1][-1] == tokenizer.sep_token_id


def test_100k_character_text_in_training_data_is_counted_in_history(tmp_path, tiny_model_dir, capsys):
    import json

    frame = make_toy_frame(n_per_label=8)
    # Every resume gets one huge chunk, so train and val both hold some whatever the split.
    huge = ("led the company delivery role " * 4000)[:100_000]
    extra = pd.DataFrame(
        {
            "text": [f"{huge} {i}" for i in range(8)],
            "label": "Work Experience",
            "resume_id": [f"r{i:03d}" for i in range(8)],
        }
    )
    pd.concat([frame, extra]).to_csv(tmp_path / "long.csv", index=False)
    rc, _, err = run_cli(capsys, *train_args(tmp_path / "long.csv", tmp_path / "out", tiny_model_dir))
    assert rc == 0, err
    history = json.loads((tmp_path / "out" / "history.json").read_text())
    assert history["max_length"] == 32
    assert history["n_truncated"]["train"] + history["n_truncated"]["val"] >= 1
    tokenization = json.loads((tmp_path / "out" / "tokenization.json").read_text())
    assert tokenization["truncated_share"] > 0


# ---------------------------------------------------------------- model


def test_model_folder_missing(tmp_path, capsys):
    from resume_bert.app.classifiers import load_classifier

    with pytest.raises(ModelError, match="model folder not found.*run 03_training"):
        load_classifier(tmp_path / "nowhere")
    rc, _, err = run_cli(capsys, "predict", "--model-dir", tmp_path / "nowhere", "hello")
    assert_one_line_error(rc, err, "model folder not found", "resume-bert train")


@pytest.mark.parametrize(
    "damage, fragment",
    [
        ("no_weights", "incomplete (no model.safetensors)"),
        ("no_tokenizer", "incomplete (no tokenizer files)"),
        ("truncated_weights", "not a loadable classification model"),
        ("truncated_config", "config.json is not valid JSON"),
    ],
)
def test_half_written_model_folder(trained, tmp_path, capsys, damage, fragment):
    import shutil

    from resume_bert.app.classifiers import load_classifier

    folder = tmp_path / "model"
    shutil.copytree(trained.out / "model", folder)
    if damage == "no_weights":
        (folder / "model.safetensors").unlink()
    elif damage == "no_tokenizer":
        for name in ("tokenizer.json", "tokenizer_config.json", "vocab.txt"):
            (folder / name).unlink(missing_ok=True)
    elif damage == "truncated_weights":
        with open(folder / "model.safetensors", "r+b") as f:
            f.truncate(1000)
    else:
        text = (folder / "config.json").read_text()
        (folder / "config.json").write_text(text[: len(text) // 2])
    with pytest.raises(ModelError, match=fragment.replace("(", "\\(").replace(")", "\\)")):
        load_classifier(folder)
    rc, _, err = run_cli(capsys, "predict", "--model-dir", folder, "hello")
    assert_one_line_error(rc, err, fragment, "rerun 03_training")


def test_folder_that_is_not_a_classification_model(tiny_model_dir, capsys):
    from resume_bert.app.classifiers import load_classifier

    with pytest.raises(ModelError, match="base model \\(BertModel\\), not a fine-tuned classifier; fine-tune it first"):
        load_classifier(tiny_model_dir)
    rc, _, err = run_cli(capsys, "predict", "--model-dir", tiny_model_dir, "hello")
    assert_one_line_error(rc, err, "not a fine-tuned classifier", "resume-bert train --model-name-or-path")


def test_model_dir_that_is_a_file(tmp_path, capsys):
    path = _write(tmp_path / "model.csv", b"text\n")
    rc, _, err = run_cli(capsys, "predict", "--model-dir", path, "hello")
    assert_one_line_error(rc, err, "is a file, not a model folder")


def test_labels_unknown_to_the_model_at_evaluation(trained, tmp_path, capsys):
    frame = make_toy_frame(n_per_label=3)
    frame.loc[len(frame)] = ["first prize in the olympiad", "Awards", "r900"]
    frame.to_csv(tmp_path / "new_labels.csv", index=False)
    rc, _, err = run_cli(
        capsys,
        "evaluate",
        "--model-dir",
        trained.out / "model",
        "--data-path",
        tmp_path / "new_labels.csv",
        "--output",
        tmp_path / "m.json",
    )
    assert_one_line_error(
        rc, err, "labels not known to this model: 'Awards'", "retrain on data that has them or drop those rows"
    )
    assert not (tmp_path / "m.json").exists()


# ---------------------------------------------------------------- parameters


def test_unknown_model_name_offline_stops_and_names_the_offline_model(monkeypatch):
    from resume_bert.app.model_loading import load_tokenizer
    from resume_bert.errors import ModelError

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(
        ModelError, match=r"could not load 'no-such-owner/no-such-model' .*use model_name_or_path='bundled'"
    ):
        load_tokenizer("no-such-owner/no-such-model")


@pytest.mark.parametrize(
    "name, fragment",
    [
        ("./no/such/folder", "model folder not found"),
        ("not a model id!", "neither a model folder nor a valid hub id"),
    ],
)
def test_model_name_that_is_a_missing_path_or_no_hub_id_is_an_error_not_a_fallback(
    name, fragment, monkeypatch, tmp_path, capsys
):
    from resume_bert.app.model_loading import load_tokenizer

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelError, match=fragment):
        load_tokenizer(name)
    make_toy_frame(n_per_label=8).to_csv(tmp_path / "toy.csv", index=False)
    rc, _, err = run_cli(
        capsys,
        "train",
        "--data-path",
        tmp_path / "toy.csv",
        "--output-dir",
        tmp_path / "out",
        "--model-name-or-path",
        name,
    )
    assert_one_line_error(rc, err, fragment, "model_name_or_path")


@pytest.mark.parametrize(
    "field, flag, value",
    [
        ("num_train_epochs", "--num-train-epochs", 0),
        ("num_train_epochs", "--num-train-epochs", -1),
        ("per_device_train_batch_size", "--per-device-train-batch-size", 0),
        ("per_device_train_batch_size", "--per-device-train-batch-size", -8),
        ("learning_rate", "--learning-rate", 0.0),
        ("learning_rate", "--learning-rate", -1e-4),
        ("warmup_ratio", "--warmup-ratio", 1.5),
        ("seed", "--seed", -1),
    ],
)
def test_out_of_range_training_parameter(field, flag, value, toy_csv, tmp_path, capsys):
    with pytest.raises(ParameterError, match=f"{field} must be"):
        TrainingConfig(**{field: value})
    rc, _, err = run_cli(capsys, "train", "--data-path", toy_csv, "--output-dir", tmp_path / "out", flag, value)
    assert_one_line_error(rc, err, f"{field} must be", str(value))
    assert not (tmp_path / "out").exists()  # checked before anything is written


@pytest.mark.parametrize("fractions", [(0.8, 0.15, 0.15), (0.5, 0.2, 0.2), (0.7, -0.15, 0.45), (0.0, 0.5, 0.5)])
def test_fractions_that_do_not_sum_to_one_or_are_negative(fractions, toy_csv, tmp_path, capsys, tiny_model_dir):
    with pytest.raises(ParameterError, match="fractions must"):
        check_splittable(make_toy_frame(n_per_label=5), fractions, seed=42)
    rc, _, err = run_cli(
        capsys,
        "train",
        "--data-path",
        toy_csv,
        "--output-dir",
        tmp_path / "out",
        "--model-name-or-path",
        tiny_model_dir,
        "--fractions",
        *fractions,
    )
    assert_one_line_error(rc, err, "fractions must")


def test_fractions_message_gives_an_example():
    with pytest.raises(ParameterError, match="sum to 1, got .*for example 0.7 0.15 0.15"):
        check_splittable(make_toy_frame(n_per_label=5), (0.8, 0.15, 0.15), seed=42)


def test_max_length_zero_is_rejected_not_ignored(trained, tmp_path):
    import shutil

    from resume_bert.app.workflow import analyse_tokenization

    out = tmp_path / "out"
    shutil.copytree(trained.out, out)
    with pytest.raises(ParameterError, match="max_length must be at least 8"):
        analyse_tokenization(out, str(trained.out / "model"), max_length=0)


def test_output_that_would_overwrite_the_input_is_refused(trained, tmp_path, capsys):
    data = trained.out / "data" / "test.csv"
    before = data.read_bytes()
    rc, _, err = run_cli(capsys, "predict", "--model-dir", trained.out / "model", "--input", data, "--output", data)
    assert_one_line_error(rc, err, "is the input file", "another file")
    rc, _, err = run_cli(
        capsys, "evaluate", "--model-dir", trained.out / "model", "--data-path", data, "--output", data
    )
    assert_one_line_error(rc, err, "is the input file")
    with pytest.raises(ParameterError, match="would be overwritten by this run's outputs"):
        from resume_bert.app.workflow import prepare_data

        prepare_data(data, trained.out)
    assert data.read_bytes() == before


def test_predict_batch_size_zero(trained, capsys):
    rc, _, err = run_cli(capsys, "predict", "--model-dir", trained.out / "model", "--batch-size", "0", "hello")
    assert_one_line_error(rc, err, "batch_size must be a whole number of at least 1, got 0")


def test_unwritable_output_dir_is_one_line(toy_csv, tmp_path, capsys, tiny_model_dir):
    blocker = _write(tmp_path / "a_file", b"")
    rc, _, err = run_cli(
        capsys, "train", "--data-path", toy_csv, "--output-dir", blocker / "out", "--model-name-or-path", tiny_model_dir
    )
    assert_one_line_error(rc, err, "cannot use", "choose another path")


# ---------------------------------------------------------------- predict inputs

AWKWARD_TEXTS = {
    "empty_string": "",
    "none": None,
    "nan": float("nan"),
    "integer": 42,
    "float": 3.5,
    "bytes": b"caf\xc3\xa9 \xff",
    "control_characters": "python\x00\x07\x1b[31m sql\r\n\x7f\u200b\ufeff",
    "emoji": "\U0001f600\U0001f680 skills: \U0001f40d python \U0001f468\u200d\U0001f4bb",
    "right_to_left": "\u05de\u05d4\u05e0\u05d3\u05e1 \u05ea\u05d5\u05db\u05e0\u05d4 \u0645\u0647\u0646\u062f\u0633 \u202eevil\u202c",
    "lone_surrogate": "bad bytes \udcff here",
    "one_megabyte": "managed the company budget; " * (1_000_000 // 28),
}


def test_predict_empty_list_gives_empty_result(classifier):
    assert classifier.predict([]) == []
    assert classifier.predict(None) == []
    assert classifier.predict_proba([]).shape == (0, len(classifier.labels))
    assert classifier.predict_labels([]) == []


@pytest.mark.parametrize("case", sorted(AWKWARD_TEXTS))
def test_predict_awkward_input_does_not_crash(classifier, case):
    text = AWKWARD_TEXTS[case]
    predictions = classifier.predict([text, "python sql excel"])
    assert len(predictions) == 2
    for p in predictions:
        assert p.label in classifier.labels
        assert math.isclose(sum(p.scores.values()), 1.0, rel_tol=1e-4)
    # A single item passed on its own is one text, not a sequence of characters.
    if not isinstance(text, (list, tuple)):
        assert len(classifier.predict(text)) == (0 if text is None else 1)


def test_predict_cli_with_awkward_arguments(trained, capsys):
    rc, out, err = run_cli(
        capsys,
        "predict",
        "--model-dir",
        trained.out / "model",
        "",
        "\U0001f600",
        "\u05de\u05d4\u05e0\u05d3\u05e1",
        "bad \udcff byte",
    )
    assert rc == 0, err
    assert len(out.strip("\n").split("\n")) == 4


items = st.one_of(
    st.text(max_size=200),
    # Lone surrogates: what undecodable bytes in command-line arguments turn into.
    st.lists(
        st.one_of(st.characters(), st.sampled_from(["\ud800", "\udcff", "\u202e", "\x00", "\n"])), max_size=30
    ).map("".join),
    st.none(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.binary(max_size=50),
    st.booleans(),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(texts=st.lists(items, max_size=8))
def test_predict_property_any_list_gives_one_valid_prediction_per_item(classifier, texts):
    predictions = classifier.predict(texts)
    assert len(predictions) == len(texts)
    for p in predictions:
        assert p.label in classifier.labels
        assert 0.0 <= p.score <= 1.0
        assert math.isclose(sum(p.scores.values()), 1.0, rel_tol=1e-4)
    # Order is kept: predicting one item alone gives its row of the batch.
    if texts:
        alone = classifier.predict_proba([texts[-1]])[0]
        batch = np.array([predictions[-1].scores[label] for label in classifier.labels])
        assert abs(alone - batch).max() < 1e-4


# ---------------------------------------------------------------- input files are never modified


def test_input_files_are_byte_identical_after_every_command(trained, tmp_path, capsys):
    """`train` is the session's trained run (its inputs' digests taken before it ran); then evaluate and predict."""
    for path, before in trained.inputs.items():
        assert digest(path) == before, f"train changed {path}"
    data = tmp_path / "input.csv"
    frame = make_toy_frame(n_per_label=10)
    frame.loc[3, "text"] = "  messy\r\n  text\twith\x07 control  "
    frame.loc[len(frame)] = frame.loc[0]  # a duplicate, dropped by cleaning
    frame.to_csv(data, index=False)
    resume = _write(
        tmp_path / "resume.txt",
        b"Jane Doe\njane@example.com\n\nEDUCATION\nBSc, MIT\n\nSKILLS\npython, sql\n",
    )
    model = trained.out / "model"
    before = {p: digest(p) for p in [data, resume, *sorted(model.iterdir())]}
    commands = [
        ["evaluate", "--model-dir", model, "--data-path", data, "--output", tmp_path / "eval.json"],
        ["predict", "--model-dir", model, "--input", data, "--output", tmp_path / "labelled.csv"],
        ["predict", "--model-dir", model, "--resume-file", resume],
    ]
    for command in commands:
        rc, _, err = run_cli(capsys, *command)
        assert rc == 0, (command[0], err)
        for path, fingerprint in before.items():
            assert digest(path) == fingerprint, f"{command[0]} changed {path}"
    labelled = pd.read_csv(tmp_path / "labelled.csv")
    assert len(labelled) == len(frame) and {"predicted_label", "probability"} <= set(labelled.columns)
