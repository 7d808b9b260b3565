"""App layer: the model folder's `README.md`, a Hugging Face model card written from `metrics.json` (notebook 04, `resume-bert train`)."""

import json
import os
from pathlib import Path

from huggingface_hub import EvalResult, ModelCard, ModelCardData

from ..resumes.header_words import looks_like_resume_sections
from .artifacts import atomic_path

REPOSITORY = "https://github.com/resume-bert/resume-bert"
# Hub ids and licences of the models this repository names; another base is named as given.
BASE_MODELS = {
    "bundled": ("sentence-transformers/all-MiniLM-L6-v2", "apache-2.0"),
    "bert-base-uncased": ("google-bert/bert-base-uncased", "apache-2.0"),
}
# What the repository's check sets hold (data/README.md); a check set of your own is named by its file.
CHECK_SET_SOURCES = {
    "real_holdout_chunks.csv": "chunks of real resumes under open licences, personal details replaced, never used for a choice",
    "holdout_chunks.csv": "chunks written by hand after the data generator was finished, never used for a choice",
    "real_dev_chunks.csv": "chunks of real resumes under open licences that may guide choices (a development set)",
}
METRICS = {"accuracy": "accuracy", "f1": "weighted F1", "macro_f1": "macro-F1"}


def scored_sets(metrics: dict) -> dict[str, dict]:
    """Every set `metrics.json` scores, name → its scores with `n` and the data it came from: the test split first."""
    sets = {
        "test": {**metrics, "n": metrics["n_test"], "source": "the test split, cut by resume from the training data"}
    }
    for name, scores in metrics.get("check_sets", {}).items():
        sets[name] = {**scores, "source": CHECK_SET_SOURCES.get(scores["path"], scores["path"])}
    return sets


def eval_results(metrics: dict) -> list[EvalResult]:
    """The card's `model-index`: accuracy, weighted F1 and macro-F1 on every scored set."""
    return [
        EvalResult(
            task_type="text-classification",
            dataset_type=scores.get("path", "test split"),
            dataset_name=name,
            dataset_split="test" if name == "test" else None,
            metric_type=key,
            metric_name=title,
            metric_value=float(scores[key]),
        )
        for name, scores in scored_sets(metrics).items()
        for key, title in METRICS.items()
    ]


def base_model(metrics: dict) -> tuple[str, str | None, str | None]:
    """(name to show, hub id, licence) of the model that was fine-tuned; a local folder is named by its last part."""
    trained_from = str(metrics["model_name_or_path"])
    if trained_from in BASE_MODELS:
        hub_id, licence = BASE_MODELS[trained_from]
        return hub_id, hub_id, licence
    return Path(trained_from).name, None, None


def use_and_limits(resumes: bool) -> list[str]:
    """The card's closing sections: intended use, limits and the lines that load the folder."""
    return [
        "## Intended use",
        "",
        "Pre-labelling the sections of a document for a person to read and correct (`resume-bert sections`, "
        "notebook 07 of the repository). "
        + (
            "Not for ranking, screening or judging the people whose resumes it reads."
            if resumes
            else "Measure it on data like yours before relying on it."
        ),
        "",
        "## Limits",
        "",
        "- It labels whole chunks; cutting a file into chunks is a separate step whose mistakes it inherits.",
        "- Its probabilities are scaled by `calibration_temperature` in `config.json`, fitted after training on "
        "held-out chunks (the real-resume development set when training had one); `transformers.pipeline` ignores it, and on data unlike those chunks the probabilities "
        "can be far from how often the labels are right.",
        "- Scores on a test split cut from the training data overstate how it does on other documents.",
        "",
        "## Use",
        "",
        "```python",
        "from transformers import pipeline",
        "",
        'classify = pipeline("text-classification", model="path/to/this/folder")',
        "```",
    ]


def card_text(metrics: dict, labels: list[str]) -> str:
    """The card's prose: what it labels, the data it learnt from, its scores, intended use and limits."""
    base, _, _ = base_model(metrics)
    resumes = looks_like_resume_sections(labels)
    rows = "\n".join(
        f"| {name} | {scores['n']} | {scores['accuracy']:.4f} | {scores['f1']:.4f} | {scores['macro_f1']:.4f} | "
        f"{scores['source']} |"
        for name, scores in scored_sets(metrics).items()
    )
    real = metrics.get("check_sets", {}).get("real_holdout")
    lines = [
        f"# {'Resume sections' if resumes else 'Text classifier'}: {base} fine-tuned with resume-bert",
        "",
        f"Labels one text chunk with one of {len(labels)} labels: {', '.join(labels)}. "
        f"Fine-tuned from `{base}` with [resume-bert]({REPOSITORY}).",
        "",
        "## Training data",
        "",
        f"{metrics['n_train']} training chunks, {metrics['n_val']} for validation and {metrics['n_test']} for the "
        "test split, split so that no document is in two parts. "
        + (
            "The repository's default data are generated resumes (its `data/README.md` says how they are made); "
            "a model trained on them has learnt the generator's wording first."
            if resumes
            else "The data are the labelled CSV the model was trained on."
        ),
        "",
        "## Scores",
        "",
        "| set | chunks | accuracy | weighted F1 | macro-F1 | data |",
        "|---|---:|---:|---:|---:|---|",
        rows,
        "",
    ]
    if real:
        lines += [
            f"On real resumes (`real_holdout`, {real['n']} chunks) accuracy is {real['accuracy']:.4f} and macro-F1 "
            f"{real['macro_f1']:.4f}, against {metrics['accuracy']:.4f} and {metrics['macro_f1']:.4f} on the test "
            "split: expect resumes of your own to score nearer the real-resume figure, or lower.",
            "",
        ]
    lines += use_and_limits(resumes)
    return "\n".join(lines) + "\n"


def write_model_card(model_dir: str | os.PathLike, metrics: dict) -> Path:
    """Write `model_dir/README.md` from the contents of `metrics.json`; its metadata carry every set's scores."""
    config = json.loads((Path(model_dir) / "config.json").read_text(encoding="utf-8"))
    labels = [config["id2label"][str(i)] for i in range(len(config["id2label"]))]
    name, hub_id, licence = base_model(metrics)
    data = ModelCardData(
        model_name=f"{name} fine-tuned with resume-bert",
        base_model=hub_id,
        license=licence or "other",
        license_name=None if licence else "the-base-models-licence",
        language="en",
        library_name="transformers",
        pipeline_tag="text-classification",
        tags=["text-classification", "resume-bert"],
        eval_results=eval_results(metrics),
        labels=labels,
    )
    card = ModelCard(f"---\n{data.to_yaml()}\n---\n\n{card_text(metrics, labels)}")
    dest = Path(model_dir) / "README.md"
    with atomic_path(dest) as tmp:
        tmp.write_text(str(card), encoding="utf-8")
    return dest
