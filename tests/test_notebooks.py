"""The tutorial notebooks: their shape, papermill runs on a tiny model, and (slow) the committed run under nbval."""

from __future__ import annotations

import ast
import copy
import inspect
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from conftest import CORES, REPO
from refresh_notebooks import WIDGET_VIEW, machine_paths

from resume_bert.app.notebooks import NOTEBOOKS, run_notebooks

NOTEBOOK_DIR = REPO / "notebooks"
TICKETS_CSV = Path(__file__).resolve().parent / "data" / "support_tickets.csv"
TICKET_TOPICS = ["Billing", "Cancellation", "Login", "Refund", "Shipping"]
# The parameters named in the issue; each notebook declares the ones it uses.
SHARED_PARAMETERS = {
    "data_path",
    "text_column",
    "label_column",
    "output_dir",
    "model_name_or_path",
    "max_length",
    "per_device_train_batch_size",
    "learning_rate",
    "num_train_epochs",
    "warmup_ratio",
    "weight_decay",
    "seed",
    "max_train_samples",
}
METRIC_KEYS = {
    "accuracy",
    "precision",
    "recall",
    "f1",
    "macro_f1",
    "per_class",
    "baseline",
    "model_name_or_path",
    "n_train",
    "n_val",
    "n_test",
    "check_sets",
}
PACKAGE_IMPORT = re.compile(r"^from resume_bert import .+$", re.MULTILINE)


def load(name: str):
    return nbformat.read(NOTEBOOK_DIR / name, as_version=4)


def code_of(nb) -> str:
    return "\n".join(cell.source for cell in nb.cells if cell.cell_type == "code")


def parameters_cell(nb):
    cells = [cell for cell in nb.cells if "parameters" in cell.metadata.get("tags", [])]
    assert len(cells) == 1, "exactly one cell tagged 'parameters'"
    return cells[0]


def parameters(nb) -> dict:
    tree = ast.parse(parameters_cell(nb).source)
    return {node.targets[0].id: ast.literal_eval(node.value) for node in tree.body}


def repository_url() -> str:
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    match = re.search(r'^Repository\s*=\s*"([^"]+)"', text, re.MULTILINE)
    assert match, "pyproject.toml has no [project.urls] Repository"
    return match.group(1)


# --- the notebooks' shape -------------------------------------------------------------


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_repo_url_and_colab_badge_match_pyproject(name):
    nb = load(name)
    urls = [
        node.value.value
        for cell in nb.cells
        if cell.cell_type == "code"
        for node in ast.walk(ast.parse(cell.source))
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "REPO_URL"
    ]
    assert urls == [repository_url()], "REPO_URL is written once, as pyproject's Repository"
    stem = name.removesuffix(".ipynb")
    badge = f"https://colab.research.google.com/github/resume-bert/resume-bert/blob/main/notebooks/{stem}.ipynb"
    assert badge in nb.cells[0].source
    assert '"google.colab" in sys.modules' in code_of(nb)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_parameters_cell_holds_commented_literals_papermill_can_read(name):
    import papermill as pm

    cell = parameters_cell(load(name))
    lines = cell.source.splitlines()
    for node in ast.parse(cell.source).body:
        # One name = one literal, with its comment; ruff may wrap a long one over a few lines.
        assert isinstance(node, ast.Assign) and len(node.targets) == 1, ast.unparse(node)
        ast.literal_eval(node.value)
        statement = lines[node.lineno - 1 : node.end_lineno]
        assert re.search(r"  # \S", "\n".join(statement)), f"a comment for {ast.unparse(node.targets[0])}"
    # papermill skips lines it cannot parse (an '=' in a comment): it must see every name.
    assert set(pm.inspect_notebook(str(NOTEBOOK_DIR / name))) == set(parameters(load(name)))


def test_parameters_agree_across_notebooks_and_with_the_package():
    from resume_bert.modeling import DEFAULT_MODEL
    from resume_bert.training import TrainingConfig

    declared = {name: parameters(load(name)) for name in NOTEBOOKS}
    assert SHARED_PARAMETERS <= set().union(*declared.values())
    defaults = TrainingConfig()
    training = declared["03_training.ipynb"]
    for key in (
        "per_device_train_batch_size",
        "learning_rate",
        "num_train_epochs",
        "warmup_ratio",
        "weight_decay",
        "max_grad_norm",
        "early_stopping_patience",
        "seed",
    ):
        assert training[key] == getattr(defaults, key), f"03's {key} differs from TrainingConfig"
    for name, values in declared.items():
        assert values["output_dir"] == "../artifacts", name
        assert values.get("data_path", "../data/resume_chunks.csv") == "../data/resume_chunks.csv", name
        for key in ("model_name_or_path", "seed", "max_length"):
            if key in values:
                assert (
                    values[key] == {"model_name_or_path": DEFAULT_MODEL, "seed": defaults.seed, "max_length": None}[key]
                ), (name, key)
    assert declared["01_data_preparation.ipynb"]["data_path"] == "../data/resume_chunks.csv"
    # Notebooks 02-05 can run alone: each names the data (and, from 04, the model) for the steps it may have to run first.
    assert all("data_path" in declared[name] for name in NOTEBOOKS)
    assert all("model_name_or_path" in declared[name] for name in NOTEBOOKS[1:])


def test_the_model_parameter_names_bundled_and_points_colab_to_the_posts_model():
    for name in NOTEBOOKS[1:3]:
        source = parameters_cell(load(name)).source
        line = source[source.index("model_name_or_path") :].split("\n)", 1)[0]
        assert '"bundled"' in line and "bert-base-uncased" in line and "Colab" in line, line
    learning_rate = next(
        line
        for line in parameters_cell(load("03_training.ipynb")).source.splitlines()
        if line.startswith("learning_rate")
    )
    rates = [float(rate) for rate in re.findall(r"\d+e-\d+", learning_rate.split("#", 1)[1])]
    assert any(2e-5 <= rate <= 5e-5 for rate in rates), learning_rate


def cell_code(name: str) -> list[str]:
    return [cell.source for cell in load(name).cells if cell.cell_type == "code"]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_one_set_up_cell_then_the_parameters_then_the_lesson(name):
    code = cell_code(name)
    assert '"google.colab" in sys.modules' in code[0] and "REPO_URL" in code[0] and "import" in code[0]
    assert "parameters" in [cell for cell in load(name).cells if cell.cell_type == "code"][1].metadata.get("tags", [])
    later = "\n".join(code[1:])
    assert not re.search(r"^(import |from \S+ import )", later, re.MULTILINE), "imports belong in the set-up cell"
    assert "inspect.getsource" not in "\n".join(code), "the step's code goes in a cell, not printed"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_the_app_layer_appears_only_to_produce_earlier_outputs(name):
    """...and, in 04, to write the model card beside metrics.json."""
    code = "\n".join(cell_code(name))
    uses = re.findall(r"resume_bert\.app\S*", code)
    allowed = {"resume_bert.app.earlier_steps"} | ({"resume_bert.app.model_card"} if name.startswith("04") else set())
    assert set(uses) <= allowed, uses
    if name != NOTEBOOKS[0]:
        assert code.count("ensure_earlier_steps(") == 1
    assert not re.search(r"\bworkflow\.|\bartifacts\.|\bcli\.", code)


def defined(name: str) -> dict[str, ast.AST]:
    """Functions and classes that the notebook's code cells define, by name."""
    found = {}
    for source in cell_code(name):
        for node in ast.parse(source).body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                found[node.name] = node
    return found


def without_docstrings(node: ast.AST) -> str:
    node = copy.deepcopy(node)
    for part in ast.walk(node):
        body = getattr(part, "body", None)
        if (
            isinstance(body, list)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            part.body = body[1:] or [ast.Pass()]
    return ast.dump(node, include_attributes=False)


# The post's steps that the notebooks write out and the package keeps for the command line and later notebooks.
# (tests/test_lesson_twins.py runs those whose signatures differ on the same input instead.)
TWINS = {
    "01_data_preparation.ipynb": {
        "clean_text": "preparation",
        "clean_dataset": "preparation",
        "split_dataset": "preparation",
    },
    "02_tokenization.ipynb": {"tokenize": "dataset", "ClassificationDataset": "dataset"},
    "03_training.ipynb": {
        "tokenize": "dataset",
        "ClassificationDataset": "dataset",
        "build_optimizer": "training",
        "train_epoch": "training",
        "validate": "training",
    },
    "04_evaluation.ipynb": {"predict_logits": "evaluation", "fit_temperature": "calibration"},
    "06_resume_files.ipynb": {"cut_costs": "resumes.segmentation", "best_label_path": "resumes.segmentation"},
}


@pytest.mark.parametrize("name", sorted(TWINS))
def test_a_step_written_in_a_cell_is_the_packages_twin(name):
    import importlib

    cells = defined(name)
    for function, module in TWINS[name].items():
        assert function in cells, f"{name} does not define {function} in a cell"
        twin = ast.parse(inspect.getsource(getattr(importlib.import_module(f"resume_bert.{module}"), function))).body[0]
        assert without_docstrings(cells[function]) == without_docstrings(twin), (
            f"{name}'s {function} and resume_bert.{module}.{function} have drifted apart"
        )


def test_every_step_of_the_post_is_code_in_a_cell():
    code = {name: "\n".join(cell_code(name)) for name in NOTEBOOKS}
    assert "label2id = {label: i for i, label in enumerate(sorted(" in code["01_data_preparation.ipynb"]
    assert "tokenizer(" in code["02_tokenization.ipynb"] and 'return_tensors="pt"' in code["02_tokenization.ipynb"]
    train_epoch = ast.unparse(defined("03_training.ipynb")["train_epoch"])
    for piece in (
        "model(**batch)",
        ".loss.backward()",
        "clip_grad_norm_(",
        "optimizer.step()",
        "scheduler.step()",
        "optimizer.zero_grad()",
    ):
        assert piece in train_epoch, piece
    loaders = ast.unparse(defined("03_training.ipynb")["make_loaders"])
    for piece in ("DataLoader(", "batch_sampler=", "collate_fn=", "ShuffledBatchSampler("):
        assert piece in loaders, piece
    optimizer = ast.unparse(defined("03_training.ipynb")["build_optimizer"])
    assert "torch.optim.AdamW(" in optimizer and "'weight_decay': 0.0" in optimizer
    assert "get_linear_schedule_with_warmup(" in ast.unparse(defined("03_training.ipynb")["build_scheduler"])
    loop = next(s for s in cell_code("03_training.ipynb") if "for epoch in range" in s)
    for piece in (
        "train_epoch(",
        "validate(",
        "best_state",
        "load_state_dict",
        "max_grad_norm",
        "early_stopping_patience",
    ):
        assert piece in loop, piece
    before = code["03_training.ipynb"]
    assert before.index("untrained = validate(") < before.index("for epoch in range")
    assert code["03_training.ipynb"].count(".save_pretrained(") == 2 and "num_labels=" in code["03_training.ipynb"]
    for call in ("accuracy_score(", "precision_recall_fscore_support(", "f1_score(", "classification_report("):
        assert call in code["04_evaluation.ipynb"], call
    inference = code["05_inference.ipynb"]
    written_out = inference.index("torch.softmax(logits")
    assert inference.index("id2label[") > written_out
    assert written_out < inference.index("SectionClassifier(") < inference.index("transformers.pipeline(")


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_follows_the_common_shape(name):
    nb = load(name)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    assert len(PACKAGE_IMPORT.findall(code_of(nb))) == 1, "one line imports the lesson modules"
    markdown = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")
    assert re.search(r"^## 1\. ", markdown, re.MULTILINE)
    headings = ["## Summary", "## Try this", "## Check yourself", "## References"]
    assert all(h in markdown for h in headings)
    assert [markdown.index(h) for h in headings] == sorted(markdown.index(h) for h in headings)
    tries = markdown.split("## Try this", 1)[1].split("## Check yourself", 1)[0]
    assert len(re.findall(r"^\d+\. ", tries, re.MULTILINE)) >= 3
    check = markdown.split("## Check yourself", 1)[1].split("## References", 1)[0]
    assert 2 <= check.count("<details>") == check.count("</details>") <= 4
    assert "Fine-tuning BERT for classification" in markdown and "1810.04805" in markdown


def test_output_checks_cover_the_deterministic_cells():
    tagged = [
        cell.source
        for cell in load("01_data_preparation.ipynb").cells
        if "nbval-check-output" in cell.metadata.get("tags", [])
    ]
    assert any("label_map" in s for s in tagged) and any("label_counts" in s for s in tagged)
    for name in NOTEBOOKS:
        for cell in load(name).cells:
            if "nbval-check-output" in cell.metadata.get("tags", []):
                assert not re.search(r"time|seconds|device|version", cell.source), (
                    f"{name}: compared output must be deterministic"
                )


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_committed_outputs_are_from_one_clean_run(name):
    nb = load(name)
    code_cells = [cell for cell in nb.cells if cell.cell_type == "code"]
    counts = [cell.execution_count for cell in code_cells]
    assert counts == list(range(1, len(code_cells) + 1)), "run `make notebooks` to commit executed notebooks"
    assert "papermill" not in nb.metadata and "widgets" not in nb.metadata
    for cell in code_cells:
        assert "papermill" not in cell.metadata and "execution" not in cell.metadata
        for output in cell.outputs:
            assert output.output_type != "error", f"{name} was committed with an error"
            assert WIDGET_VIEW not in output.get("data", {})
    assert machine_paths(nb) == []


# --- papermill runs on a tiny model -------------------------------------------------


def run_tiny(tmp_path: Path, model_dir: Path, notebooks=NOTEBOOKS, **parameters) -> tuple[Path, list]:
    out = tmp_path / "out"
    executed = run_notebooks(
        out,
        {"model_name_or_path": str(model_dir), "num_train_epochs": 1, "max_length": 64, **parameters},
        executed_dir=tmp_path / "executed",
        notebooks=notebooks,
        progress=False,
    )
    return out, [nbformat.read(path, as_version=4) for path in executed]


def all_output(nb) -> str:
    """Every output's text; a cell's stream outputs joined as Jupyter shows them (a busy kernel may send a print in pieces)."""
    texts = []
    for cell in nb.cells:
        previous = None
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and previous == output.get("name"):
                texts[-1] += output.get("text", "")
            else:
                texts.append(output.get("text", "") + output.get("data", {}).get("text/plain", ""))
            previous = output.get("name") if output.get("output_type") == "stream" else None
    return "\n".join(texts)


def check_artifacts(out: Path, labels: list[str]) -> dict:
    for name in (
        "data/train.csv",
        "data/val.csv",
        "data/test.csv",
        "labels.json",
        "tokenization.json",
        "model/config.json",
        "model/model.safetensors",
        "history.json",
        "metrics.json",
        "predictions.csv",
        "figures/label_distribution.png",
        "figures/token_lengths.png",
        "figures/training_curves.png",
        "figures/confusion_matrix.png",
    ):
        assert (out / name).is_file(), name
    assert json.loads((out / "labels.json").read_text())["labels"] == labels
    tokenization = json.loads((out / "tokenization.json").read_text())
    assert tokenization["max_length"] == 64 and {"token_length_quantiles", "truncated_share", "lengths"} <= set(
        tokenization
    )
    history = json.loads((out / "history.json").read_text())
    assert [row["epoch"] for row in history["history"]] == [1] and history["best_epoch"] == 1
    metrics = json.loads((out / "metrics.json").read_text())
    assert METRIC_KEYS <= set(metrics) and set(metrics["per_class"]) == set(labels)
    assert {"accuracy", "f1", "macro_f1"} <= set(metrics["baseline"])
    predictions = pd.read_csv(out / "predictions.csv")
    assert len(predictions) == metrics["n_test"] and set(predictions["predicted_label"]) <= set(labels)
    return metrics


@pytest.mark.notebook
def test_notebooks_run_end_to_end_on_a_tiny_model(tmp_path, tiny_lessons, tiny_model_dir, small_resume_csv):
    out, executed = tiny_lessons
    labels = sorted(pd.read_csv(small_resume_csv)["label"].unique())
    metrics = check_artifacts(out, labels)
    assert metrics["n_train"] == 100 and set(metrics["check_sets"]) == {"real_holdout", "holdout"}
    outputs = dict(zip(NOTEBOOKS, map(all_output, executed)))
    assert (
        "routes agree on" in outputs["05_inference.ipynb"]
        and "same labels as section 2: True" in outputs["05_inference.ipynb"]
    )
    assert "resume(s)" in outputs["06_resume_files.ipynb"] and "does not apply" not in outputs["06_resume_files.ipynb"]
    assert "same batch as DataCollatorWithPadding: True" in outputs["06_resume_files.ipynb"]
    assert "untrained: val loss" in outputs["03_training.ipynb"]
    assert "T fitted on val" in outputs["04_evaluation.ipynb"] and "leaning on" in outputs["04_evaluation.ipynb"]
    assert "does not apply" not in outputs["07_your_own_resumes.ipynb"]

    # The model card carries metrics.json's figures, and pipeline() still loads the folder.
    from huggingface_hub import ModelCard
    from transformers import pipeline

    card = ModelCard.load(out / "model" / "README.md")
    values = {(r.dataset_name, r.metric_type): r.metric_value for r in card.data.eval_results}
    sets = {"test": metrics, **metrics["check_sets"]}
    assert values == {(name, key): s[key] for name, s in sets.items() for key in ("accuracy", "f1", "macro_f1")}
    assert card.data.labels == labels and "## Intended use" in card.text and "## Limits" in card.text
    assert pipeline("text-classification", model=str(out / "model"))("Python, SQL")[0]["label"] in labels

    # The package's twins of the steps written out in 01, 02 and 04 give the same files from the same input.
    from resume_bert.app.paths import check_sets
    from resume_bert.app.workflow import analyse_tokenization, evaluate_model, prepare_data

    app = tmp_path / "app"
    prepare_data(small_resume_csv, app, max_train_samples=100)
    for name in ("data/train.csv", "data/val.csv", "data/test.csv", "labels.json"):
        assert (app / name).read_bytes() == (out / name).read_bytes(), name
    analyse_tokenization(app, str(tiny_model_dir), 64)
    assert json.loads((app / "tokenization.json").read_text()) == json.loads((out / "tokenization.json").read_text())
    shutil.copytree(out / "model", app / "model")
    shutil.copy(out / "history.json", app / "history.json")
    twin = evaluate_model(app, check_sets=check_sets()).metrics
    for key in sorted(METRIC_KEYS | {"seed", "best_epoch", "max_length"}):
        assert twin[key] == metrics[key], key


@pytest.mark.notebook
def test_notebooks_adapt_to_another_dataset(tmp_path, tiny_model_dir):
    """Other columns, other labels, no resume_id: the README's 'adapt to your own data' route runs all seven to the end."""
    out, executed = run_tiny(
        tmp_path, tiny_model_dir, data_path=str(TICKETS_CSV), text_column="ticket", label_column="topic"
    )
    check_artifacts(out, TICKET_TOPICS)
    assert list(pd.read_csv(out / "data" / "train.csv").columns) == ["text", "label"]
    assert "rows were split one by one" in all_output(executed[0])
    for name in ("06_resume_files.ipynb", "07_your_own_resumes.ipynb"):
        said = [line for line in all_output(executed[NOTEBOOKS.index(name)]).splitlines() if "not apply" in line]
        assert len(said) == 1 and "not resume sections" in said[0], (name, said)
    assert not (out / "prelabels.csv").exists() and not (out / "adapted").exists()
    card = (out / "model" / "README.md").read_text(encoding="utf-8")
    assert "Not for ranking" not in card and "Billing" in card


def run_alone(tmp_path: Path, name: str, **parameters):
    """Execute one notebook in an empty output folder; return the folder and the executed notebook."""
    out = tmp_path / "alone"
    [path] = run_notebooks(out, parameters, notebooks=(name,), executed_dir=tmp_path / "executed", progress=False)
    return out, nbformat.read(path, as_version=4)


@pytest.mark.notebook
def test_notebook_03_alone_trains_exactly_as_resume_bert_train(tmp_path, tiny_model_dir, small_resume_csv):
    """03 opened in an empty folder runs 01 and 02 itself; its loop then matches `resume-bert train` on CPU."""
    from resume_bert.app.cli import main

    settings = {"model_name_or_path": str(tiny_model_dir), "num_train_epochs": 2, "max_length": 64, "seed": 7}
    out, executed = run_alone(tmp_path, "03_training.ipynb", data_path=str(small_resume_csv), **settings)
    assert "lacks the outputs of 01_data_preparation: running 01_data_preparation, 02_tokenization" in all_output(
        executed
    )
    notebook = json.loads((out / "history.json").read_text())

    cli_out = tmp_path / "cli"
    assert (
        main(
            [
                "train",
                "--data-path",
                str(small_resume_csv),
                "--output-dir",
                str(cli_out),
                *[arg for key, value in settings.items() for arg in (f"--{key.replace('_', '-')}", str(value))],
            ]
        )
        == 0
    )
    cli = json.loads((cli_out / "history.json").read_text())

    assert notebook["model_name_or_path"] == cli["model_name_or_path"] == str(tiny_model_dir)
    assert [row["epoch"] for row in notebook["history"]] == [row["epoch"] for row in cli["history"]] == [1, 2]
    for ours, theirs in zip(notebook["history"], cli["history"]):
        assert ours["val_accuracy"] == theirs["val_accuracy"] and ours["val_macro_f1"] == theirs["val_macro_f1"]
        assert ours["dev_accuracy"] == theirs["dev_accuracy"] and ours["dev_macro_f1"] == theirs["dev_macro_f1"]
        assert ours["val_loss"] == pytest.approx(theirs["val_loss"], rel=1e-6)
        assert ours["train_loss"] == pytest.approx(theirs["train_loss"], rel=1e-5)
    assert notebook["best_epoch"] == cli["best_epoch"] and notebook["stopped_early"] is cli["stopped_early"] is False
    assert notebook["selected_on"] == cli["selected_on"] == "dev_accuracy"  # the repository's real-resume dev set


@pytest.mark.notebook
@pytest.mark.parametrize("name", ["04_evaluation.ipynb", "05_inference.ipynb"])
def test_a_later_notebook_alone_runs_the_earlier_steps_itself(name, tmp_path, tiny_model_dir, small_resume_csv):
    out, executed = run_alone(tmp_path, name, data_path=str(small_resume_csv), model_name_or_path=str(tiny_model_dir))
    assert (
        "lacks the outputs of 01_data_preparation: running 01_data_preparation, 02_tokenization, 03_training"
        in all_output(executed)
    )
    history = json.loads((out / "history.json").read_text())
    assert history["model_name_or_path"] == str(tiny_model_dir)
    written = "metrics.json" if name.startswith("04") else "predictions.csv"
    assert (out / written).is_file()


@pytest.mark.notebook
def test_a_notebook_whose_inputs_exist_runs_no_earlier_step(tmp_path, small_resume_csv):
    out, _ = run_alone(tmp_path, "01_data_preparation.ipynb", data_path=str(small_resume_csv))
    labels_written = (out / "labels.json").stat().st_mtime_ns
    from resume_bert.app.earlier_steps import ensure_earlier_steps

    assert ensure_earlier_steps(out, "02_tokenization") == []
    assert (out / "labels.json").stat().st_mtime_ns == labels_written


# --- the committed notebooks, full size --------------------------------------------


@pytest.mark.slow
@pytest.mark.notebook
def test_committed_notebooks_pass_nbval_and_reach_the_quality_bars():
    """Execute every lesson notebook with its defaults (nbval, lax), then check artifacts/metrics.json.

    nbval starts each kernel in notebooks/, so the default relative paths work; outputs are
    compared only in cells tagged nbval-check-output. The hub is off: the bars are for the
    bundled model.
    """
    # nbval reads a cell's messages only once the cell has finished. A progress bar redrawn ten
    # times a second over a minute-long training cell queues more widget messages than ZeroMQ
    # keeps (1,000 per socket); the rest, the kernel's final "idle" included, are dropped and
    # nbval gives up after 5 s "waiting for output". One redraw a second stays well inside.
    env = {**os.environ, "HF_HUB_OFFLINE": os.environ.get("HF_HUB_OFFLINE", "1"), "TQDM_MININTERVAL": "1"}
    if "PYTEST_XDIST_WORKER" in os.environ:
        # Beside the other worker's one-thread tests, training takes every core, with threads that
        # sleep while they wait rather than spin: the other worker gets the cycles training leaves.
        env["OMP_NUM_THREADS"] = str(CORES)
        env["OMP_WAIT_POLICY"] = "PASSIVE"
    metrics_path = REPO / "artifacts" / "metrics.json"
    metrics_path.unlink(missing_ok=True)
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval-lax",
            "--nbval-current-env",
            "-p",
            "no:cacheprovider",
            "-q",
            # The lessons only: the solutions run in test_solutions, on a tiny model.
            *[f"notebooks/{name}" for name in NOTEBOOKS],
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    metrics = json.loads(metrics_path.read_text(encoding="utf-8"))
    assert METRIC_KEYS <= set(metrics)
    assert readme_disagreements(metrics) == [], "the README quotes figures this default run did not give"
    assert metrics["accuracy"] >= 0.95, metrics["accuracy"]
    assert metrics["macro_f1"] >= 0.95, metrics["macro_f1"]
    # The generated test split is easy enough for the bag-of-words baseline to come close to
    # 1.0, so there the model need only keep up; the check sets are where it must win.
    assert metrics["macro_f1"] >= metrics["baseline"]["macro_f1"] - 0.02, (
        metrics["macro_f1"],
        metrics["baseline"]["macro_f1"],
    )
    # On text the generator never saw (hand-written chunks, real resumes), fine-tuning must beat the baseline.
    check_sets = metrics["check_sets"]
    assert check_sets["holdout"]["n"] >= 120 and check_sets["real_holdout"]["n"] >= 150, check_sets
    for name, scores in check_sets.items():
        assert scores["macro_f1"] >= scores["baseline"]["macro_f1"], (name, scores)


# --- figures written twice: the README and the notebooks' outputs ------------------


def committed_metrics() -> dict:
    """metrics.json as the committed notebook 04 prints it (every figure but the per-label scores)."""
    cell = next(c for c in load("04_evaluation.ipynb").cells if '"metrics.json").write_text(' in c.source)
    text = "".join(output.get("text", "") for output in cell.outputs if output.output_type == "stream")
    return json.JSONDecoder().raw_decode(text)[0]


README_SETS = {"real-resume hold-out": "real_holdout", "hand-written hold-out": "holdout", "test split": "test"}


def readme_disagreements(metrics: dict) -> list[str]:
    """Figures of the README's results table and probabilities paragraph that `metrics` (metrics.json) does not hold."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    sets = {"test": {**metrics, "n": metrics["n_test"]}, **metrics["check_sets"]}
    wrong = []
    for line in readme.split("## Results", 1)[1].split("\n\n**The figure", 1)[0].splitlines():
        cells = [cell.strip(" *") for cell in line.strip("|").split("|")]
        found = [name for phrase, name in README_SETS.items() if phrase in cells[0]]
        if not found or not ("fine-tuned" in cells[0] or "TF-IDF" in cells[0]):
            continue
        scores = sets[found[0]] if "fine-tuned" in cells[0] else sets[found[0]]["baseline"]
        quoted = dict(zip(["accuracy", "precision", "recall", "f1", "macro_f1"], cells[1:]))
        wrong += [f"{cells[0]}: {k} {v}" for k, v in quoted.items() if v != f"{scores[k]:.4f}"]
        size = re.search(r"\((\d+) chunks", cells[0])
        if size and int(size.group(1)) != sets[found[0]]["n"]:
            wrong.append(f"{cells[0]}: {size.group(1)} chunks")
    real = re.search(r"the model above scores (\d\.\d\d) there", readme)
    if not real or real.group(1) != f"{sets['real_holdout']['accuracy']:.2f}":
        wrong.append(f"real-resume accuracy in the text: {real and real.group(1)}")
    calibration = metrics["calibration"]
    paragraph = readme.split("**Probabilities.**", 1)[1].split("\n\n", 1)[0]
    expected = {
        "T": (r"T = (\d\.\d+)", f"{calibration['temperature']:.3f}"),
        "test": (r"test split from (\d\.\d+) to (\d\.\d+)", "test"),
        "real_holdout": (r"real-resume hold-out \((\d\.\d+) → (\d\.\d+)\)", "real_holdout"),
        "holdout": (r"hand-written (?:one|hold-out) \((\d\.\d+) → (\d\.\d+)\)", "holdout"),
    }
    for what, (pattern, key) in expected.items():
        match = re.search(pattern, paragraph)
        if what == "T":
            quoted, actual = (match.group(1) if match else None), key
        else:
            s = calibration["sets"][key]
            quoted, actual = (match.groups() if match else None), (f"{s['ece_before']:.3f}", f"{s['ece_after']:.3f}")
        if quoted != actual:
            wrong.append(f"probabilities, {what}: README {quoted}, metrics {actual}")
    return wrong


def test_the_readme_quotes_the_figures_the_committed_notebook_04_printed():
    assert readme_disagreements(committed_metrics()) == []


def test_the_figure_check_notices_a_figure_that_changed():
    metrics = committed_metrics()
    metrics["check_sets"]["real_holdout"]["macro_f1"] += 0.01
    metrics["calibration"]["temperature"] += 0.01
    assert len(readme_disagreements(metrics)) == 2
