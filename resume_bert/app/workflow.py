"""App layer: notebooks 01–04 as functions over one output folder, for `resume-bert train` and for a notebook opened alone."""

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..calibration import TEMPERATURE_KEY, expected_calibration_error, fit_temperature
from ..dataset import ClassificationDataset, suggest_max_length, token_lengths
from ..errors import ParameterError
from ..evaluation import compute_metrics, environment_versions, tfidf_baseline
from ..inference import SectionClassifier, softmax, top_labels
from ..modeling import DEFAULT_MODEL
from ..preparation import DEFAULT_FRACTIONS, SPLITS, CleaningReport, LabelMap, clean_dataset, split_dataset
from ..training import TrainingConfig, set_seed
from .artifacts import OutputLayout, read_json, write_csv, write_json
from .classifiers import load_classifier
from .input_checks import check_cleaned, check_known_labels, check_splittable, load_dataset, sample_rows
from .model_card import write_model_card
from .model_loading import carry_head, classifier_labels, freeze_lower_layers, load_model, load_tokenizer, save_model
from .paths import development_path
from .training_run import TrainingResult, train_classifier

logger = logging.getLogger("resume_bert")


@dataclass
class PreparedData:
    """Notebook 01's results: raw and cleaned rows, what cleaning dropped, the label map, the splits."""

    raw: pd.DataFrame
    clean: pd.DataFrame
    report: CleaningReport
    label_map: LabelMap
    splits: dict[str, pd.DataFrame]


def prepare_data(
    data_path,
    output_dir,
    *,
    text_column: str = "text",
    label_column: str = "label",
    group_column: str = "resume_id",
    fractions: Sequence[float] = DEFAULT_FRACTIONS,
    seed: int = 42,
    encoding: str = "utf-8",
    max_train_samples: int | None = None,
) -> PreparedData:
    """Notebook 01's steps: load → clean → label map → split by resume → `save_splits`."""
    check_outputs_spare_input(data_path, output_dir)
    raw = load_dataset(data_path, text_column, label_column, encoding=encoding)
    clean, report = clean_dataset(raw, text_column, label_column)
    check_cleaned(clean)
    check_splittable(clean, fractions, seed)
    label_map = LabelMap.from_labels(clean["label"])
    splits = split_dataset(clean, fractions, seed=seed, group_column=group_column)
    splits["train"] = sample_rows(splits["train"], max_train_samples, seed)
    save_splits(output_dir, splits, label_map, group_column)
    return PreparedData(raw, clean, report, label_map, splits)


def check_outputs_spare_input(data_path, output_dir) -> None:
    """Refuse an `output_dir` whose split files would overwrite `data_path` (input files are never modified)."""
    written = OutputLayout(output_dir).outputs("01_data_preparation")
    if any(Path(data_path).expanduser().resolve() == path.resolve() for path in written):
        raise ParameterError(
            f"data_path {data_path} would be overwritten by this run's outputs; "
            f"copy it elsewhere or choose another output_dir"
        )


def save_splits(
    output_dir, splits: dict[str, pd.DataFrame], label_map: LabelMap, group_column: str = "resume_id"
) -> list[Path]:
    """Write `OUT/data/{train,val,test}.csv` (columns `text`, `label` and the group column) and `OUT/labels.json`."""
    out = OutputLayout(output_dir)
    keep = ["text", "label"] + ([group_column] if group_column in splits["train"].columns else [])
    for name, part in splits.items():
        write_csv(part[keep], out.split(name))
    label_map.save(out.labels)
    return out.outputs("01_data_preparation")


def load_splits(output_dir) -> tuple[dict[str, pd.DataFrame], LabelMap]:
    """Read back what `prepare_data` wrote (notebooks 02–04)."""
    out = OutputLayout(output_dir)
    splits = {name: pd.read_csv(out.require(out.split(name)), dtype=str, keep_default_na=False) for name in SPLITS}
    return splits, LabelMap.load(out.require(out.labels))


def analyse_tokenization(
    output_dir, model_name_or_path: str = DEFAULT_MODEL, max_length: int | None = None, tokenizer=None
) -> dict:
    """Token lengths of the training texts and the `max_length` they suggest (None: covers 99% of them); writes `OUT/tokenization.json`."""
    splits, _ = load_splits(output_dir)
    if tokenizer is None:
        tokenizer, model_name_or_path = load_tokenizer(model_name_or_path)
    lengths = token_lengths(tokenizer, splits["train"]["text"].tolist())
    chosen = int(max_length) if max_length is not None else suggest_max_length(lengths)
    if chosen < 8:
        raise ParameterError(f"max_length must be at least 8 tokens, got {chosen}")
    summary = {
        "model_name_or_path": model_name_or_path,
        "max_length": chosen,
        "suggested_max_length": suggest_max_length(lengths),
        "token_length_quantiles": {f"p{q}": float(np.percentile(lengths, q)) for q in (50, 90, 95, 99, 100)},
        "truncated_share": float((lengths > chosen).mean()),
        "lengths": lengths.tolist(),
    }
    write_json(summary, OutputLayout(output_dir).tokenization)
    return summary


@dataclass
class TrainedModel:
    """Notebook 03's results."""

    result: TrainingResult
    tokenizer: object
    model_name_or_path: str
    max_length: int
    model_dir: Path


def build_datasets(splits, label_map: LabelMap, tokenizer, max_length: int) -> dict[str, ClassificationDataset]:
    for part in splits.values():
        check_known_labels(label_map, part["label"])
    return {
        name: ClassificationDataset(part["text"].tolist(), label_map.encode(part["label"]), tokenizer, max_length)
        for name, part in splits.items()
    }


def train_model(
    output_dir,
    model_name_or_path: str = DEFAULT_MODEL,
    config: TrainingConfig | None = None,
    *,
    max_length: int | None = None,
    resume: bool = False,
    show_progress: bool = True,
    freeze_layers: int = 0,
    dev_path="auto",
) -> TrainedModel:
    """Notebook 03 for real runs: build the model, fine-tune it (`train_classifier`), save `OUT/model/` and `OUT/history.json`.

    The development set (`development_set`), else the validation split, chooses the epoch and fits the temperature.
    """
    config = config or TrainingConfig()
    out = OutputLayout(output_dir)
    splits, label_map = load_splits(output_dir)
    dev = development_set(dev_path, label_map)
    if dev is not None:
        splits = {**splits, "dev": dev}
    max_length = int(max_length or read_json(out.require(out.tokenization))["max_length"])
    set_seed(config.seed)  # before the model: the new classifier head is drawn from this seed
    tokenizer, used = load_tokenizer(model_name_or_path)
    model = starting_model(used, label_map, freeze_layers)
    limit = getattr(model.config, "max_position_embeddings", None)
    if limit and max_length > limit:  # longer inputs would crash mid-epoch
        logger.warning(f"max_length {max_length} is more than the model takes; using {limit} tokens")
        max_length = limit
    datasets = build_datasets(
        {k: splits[k] for k in ("train", "val", "dev") if k in splits}, label_map, tokenizer, max_length
    )
    result = train_classifier(
        model,
        datasets["train"],
        datasets["val"],
        config,
        dev_dataset=datasets.get("dev"),
        checkpoint_dir=out.checkpoints,
        resume=resume,
        pad_token_id=tokenizer.pad_token_id or 0,
        show_progress=show_progress,
    )
    from accelerate import PartialState

    if PartialState().is_main_process:
        record = dict(model_name_or_path=used, max_length=max_length, config=config, freeze_layers=freeze_layers)
        calibrate_and_save(output_dir, result, tokenizer, splits, label_map, **record)
    PartialState().wait_for_everyone()
    return TrainedModel(result, tokenizer, used, max_length, out.model)


def calibrate_and_save(output_dir, result: TrainingResult, tokenizer, splits, label_map: LabelMap, **record) -> None:
    """Fit the temperature on the development set (else the validation split), then `save_training`."""
    fitted_on = "dev" if "dev" in splits else "val"
    rows, max_length = splits[fitted_on], record["max_length"]
    calibration = calibrate(result.model, tokenizer, rows["text"].tolist(), label_map.encode(rows["label"]), max_length)
    calibration["fitted_on"] = fitted_on
    n_truncated = {k: int((token_lengths(tokenizer, splits[k]["text"]) > max_length).sum()) for k in ("train", "val")}
    save_training(output_dir, result, tokenizer, n_truncated=n_truncated, calibration=calibration, **record)


def starting_model(model_name_or_path: str, label_map: LabelMap, freeze_layers: int = 0):
    """The model to fine-tune: the encoder with a new head, or a fine-tuned classifier with its head carried over."""
    model, _ = load_model(model_name_or_path, label_map)
    start_labels = classifier_labels(model_name_or_path)
    if start_labels:
        new = carry_head(model, model_name_or_path, start_labels, label_map)
        print(
            f"continuing from the fine-tuned classifier {Path(model_name_or_path).name}: its head is kept"
            + (f"; new label(s) {', '.join(map(repr, new))} get new head rows" if new else "")
        )
    freeze_lower_layers(model, freeze_layers)
    return model


def development_set(dev_path, label_map: LabelMap) -> pd.DataFrame | None:
    """The labelled real documents that choose the epoch and fit the temperature (notebook 03), or None.

    "auto" is the repository's `data/real_dev_chunks.csv` when this copy has it and its labels are all
    the model's; None or "none" means the validation split chooses.
    """
    if dev_path is None or str(dev_path) == "none":
        return None
    if str(dev_path) == "auto":
        path = development_path()
        if path is None:
            return None
    else:
        path = Path(dev_path)
    dev, _ = clean_dataset(load_dataset(path))
    foreign = sorted(set(dev["label"]) - set(label_map.labels))
    if foreign and str(dev_path) == "auto":
        print(
            f"the epoch is chosen on the validation split: {path.name} holds labels this data lacks ({foreign[0]!r}, ...)"
        )
        return None
    check_known_labels(label_map, dev["label"])
    print(f"the epoch is chosen, and the temperature fitted, on {path.name} ({len(dev)} chunks)")
    return dev


def calibrate(model, tokenizer, texts: Sequence[str], labels: Sequence[int], max_length: int) -> dict:
    """Fit temperature scaling on the given chunks and store T in the model's config (`calibration.TEMPERATURE_KEY`),
    which `SectionClassifier` reads and `transformers.pipeline` ignores."""
    if not len(texts):  # no validation split (fractions with val 0): raw scores
        setattr(model.config, TEMPERATURE_KEY, 1.0)
        return {"temperature": 1.0, "ece_before": None, "ece_after": None}
    classifier = SectionClassifier(model, tokenizer, device=next(model.parameters()).device, max_length=max_length)
    logits = classifier.logits(classifier.encode(texts))
    labels = np.asarray(labels)
    temperature = fit_temperature(logits, labels)
    setattr(model.config, TEMPERATURE_KEY, temperature)
    return {
        "temperature": round(temperature, 4),
        "ece_before": expected_calibration_error(softmax(logits), labels),
        "ece_after": expected_calibration_error(softmax(logits / temperature), labels),
    }


def save_training(
    output_dir,
    result: TrainingResult,
    tokenizer,
    *,
    model_name_or_path: str,
    max_length: int,
    config: TrainingConfig,
    n_truncated: dict[str, int],
    calibration: dict | None = None,
    freeze_layers: int = 0,
) -> Path:
    """Save the fine-tuned model and tokenizer to `OUT/model/` and the run's record to `OUT/history.json`."""
    out = OutputLayout(output_dir)
    result.model.config.finetuned_from = model_name_or_path  # metrics.json reports what really trained
    save_model(result.model, tokenizer, out.model, max_length=max_length)
    history, best_epoch = result.history, result.best_epoch
    write_json(
        {
            "history": history,
            "best_epoch": best_epoch,
            "best_val_macro_f1": history[best_epoch - 1]["val_macro_f1"] if best_epoch else None,
            "selected_on": result.selected_on,
            "stopped_early": result.stopped_early,
            "model_name_or_path": model_name_or_path,
            "max_length": max_length,
            "device": str(result.device),
            "mixed_precision": result.mixed_precision,
            "num_processes": result.num_processes,
            "n_truncated": n_truncated,
            "config": config.as_dict(),
            "freeze_layers": freeze_layers,
            "calibration": calibration,
        },
        out.history,
    )
    return out.model


@dataclass
class Evaluation:
    """Notebook 04's results: metrics.json's contents, the test rows with both models' predictions, check sets skipped."""

    metrics: dict
    predictions: pd.DataFrame
    skipped: dict[str, str]


def score_check_set(classifier, check_path, train: pd.DataFrame, label_names) -> tuple[dict | None, str]:
    """Model and TF-IDF baseline on a labelled CSV such as `data/holdout_chunks.csv`: (scores, "") or (None, why skipped).

    The scores carry the chunks' logits under "_logits" and "_labels" for `calibration_report`.
    """
    if not Path(check_path).is_file():
        return None, f"{Path(check_path).name} is not in this copy of the repository"
    check, _ = clean_dataset(load_dataset(check_path))
    if not set(check["label"]) <= set(label_names):
        return None, f"its labels are not this model's ({Path(check_path).name})"
    metrics, logits = evaluate_frame(classifier, check)
    baseline, _ = tfidf_baseline(train["text"], train["label"], check["text"], check["label"], label_names)
    return {
        "path": Path(check_path).name,
        "n": len(check),
        **metrics,
        "baseline": baseline,
        "_logits": logits,
        "_labels": LabelMap(label_names).encode(check["label"]),
    }, ""


def evaluate_frame(classifier, frame: pd.DataFrame) -> tuple[dict, np.ndarray]:
    """`compute_metrics` of `classifier` on a labelled frame (columns text and label), and the model's logits."""
    check_known_labels(LabelMap(classifier.labels), frame["label"])
    logits = classifier.logits(classifier.encode(frame["text"].tolist()))
    predicted, _ = top_labels(logits, classifier.labels)
    return compute_metrics(frame["label"].tolist(), predicted, classifier.labels), logits


def calibration_report(scored: dict[str, tuple[np.ndarray, Sequence[int]]], temperature: float) -> dict:
    """ECE with raw probabilities (T = 1) and with the saved temperature, per set of (logits, labels)."""
    report = {"temperature": temperature, "n_bins": 15, "sets": {}}
    for name, (logits, labels) in scored.items():
        report["sets"][name] = {
            "n": len(labels),
            "ece_before": expected_calibration_error(softmax(logits), labels),
            "ece_after": expected_calibration_error(softmax(logits / temperature), labels),
            "mean_confidence_before": float(softmax(logits).max(axis=1).mean()),
            "mean_confidence_after": float(softmax(logits / temperature).max(axis=1).mean()),
            "accuracy": float((logits.argmax(axis=1) == np.asarray(labels)).mean()),
        }
    return report


def evaluate_model(
    output_dir, model_dir=None, batch_size: int | None = None, check_sets: dict | None = None
) -> Evaluation:
    """Score the saved model and the TF-IDF baseline on the test split and on `check_sets` (name → CSV path); write `OUT/metrics.json`."""
    out = OutputLayout(output_dir)
    splits, _ = load_splits(output_dir)
    test, train = splits["test"], splits["train"]
    classifier = load_classifier(model_dir or out.model, batch_size=batch_size)
    label_map = LabelMap(classifier.labels)
    model_metrics, logits = evaluate_frame(classifier, test)
    test_labels = label_map.encode(test["label"])
    temperature = classifier.temperature
    predicted, confidence = top_labels(softmax(logits / temperature), label_map.labels)
    base_metrics, base_predicted = tfidf_baseline(
        train["text"], train["label"], test["text"], test["label"], label_map.labels
    )
    history = read_json(out.history) if out.history.exists() else {}
    report = {  # metrics.json: the keys the README lists, then what the run was
        **model_metrics,
        "baseline": {"name": "tfidf_logistic_regression", **base_metrics},
        "split": "test",
        "model_name_or_path": getattr(classifier.model.config, "finetuned_from", None)
        or history.get("model_name_or_path", "unknown"),
        **{f"n_{name}": len(part) for name, part in splits.items()},
        "seed": history.get("config", {}).get("seed"),
        "best_epoch": history.get("best_epoch"),
        "max_length": classifier.max_length,
        "versions": environment_versions(),
    }
    scored, skipped, for_calibration = {}, {}, {"test": (logits, test_labels)} if len(test) else {}
    for name, path in (check_sets or {}).items():
        scores, why = score_check_set(classifier, path, train, label_map.labels)
        if scores is None:
            skipped[name] = why
        else:
            for_calibration[name] = (scores.pop("_logits"), scores.pop("_labels"))
            scored[name] = scores
    report["check_sets"] = scored
    report["calibration"] = calibration_report(for_calibration, temperature)
    write_json(report, out.metrics)
    if model_dir is None:  # the run's own model: its card carries the same figures
        write_model_card(out.model, report)
    predictions = test.assign(predicted=predicted, probability=confidence, baseline_predicted=base_predicted)
    return Evaluation(report, predictions, skipped)
