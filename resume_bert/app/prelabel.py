"""App layer: pre-label resume files for correcting — files and folders into one row per section, as CSV or Label Studio tasks (`resume-bert sections`).

A person corrects the `label` column (least sure first) and trains on the result
(`resume-bert train --model-name-or-path MODEL_DIR --data-path corrected.csv`).
"""

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import DataError, ResumeBertError, first_line
from ..resumes.extraction import SUFFIXES

# One row per section. `label` is the one to correct; `model_label` keeps what the model said.
CSV_COLUMNS = "text label model_label probability file resume_id page first_line last_page last_line".split()
ORDERS = ("file", "least-sure")
LABEL_STUDIO_FIELD = "label"  # the Choices tag's name in the labelling config
# What Label Studio's JSON-MIN export adds to a task's data fields.
_MIN_EXPORT_FIELDS = {LABEL_STUDIO_FIELD, "id", "annotator", "annotation_id", "created_at", "updated_at", "lead_time"}


@dataclass
class Prelabels:
    """The section rows of every file read, and the files that could not be, each with its one-line reason."""

    rows: pd.DataFrame
    failed: list[tuple[str, str]] = field(default_factory=list)
    read: int = 0  # files read


def resume_files(paths: Iterable[str | os.PathLike]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files given, and the PDF, DOCX and TXT files inside folders given (recursively, sorted); and paths not found."""
    files, missing = [], []
    for given in paths:
        path = Path(given).expanduser()
        if path.is_dir():
            files += sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            files.append(path)
        else:
            missing.append((str(given), f"not found: {given}; check the path"))
    return list(dict.fromkeys(files)), missing


def order_rows(rows: pd.DataFrame, order: str) -> pd.DataFrame:
    """`file`: files in order, sections in reading order; `least-sure`: lowest probability first."""
    if order not in ORDERS:
        raise DataError(f"order must be one of {', '.join(ORDERS)}, got {order!r}")
    if order == "least-sure":
        rows = rows.sort_values("probability", kind="stable")
    return rows.reset_index(drop=True)


def prelabel_files(
    classifier,
    paths: Iterable[str | os.PathLike],
    *,
    method: str = "model",
    order: str = "file",
    progress: bool = True,
    max_pages: int | None = None,
) -> Prelabels:
    """Cut every file into labelled sections (`segmentation.sections_from_file`), one row per section; a file that
    cannot be read is listed in `failed` with its reason and the others are still done."""
    from tqdm.auto import tqdm

    from ..resumes.segmentation import sections_from_file

    files, failed = resume_files(paths)
    records, read = [], 0
    # A resume's id is its file name without the suffix: the same resume as PDF and as TXT stays one
    # group, so the kept-out rows `train --keep-out` scores never share a resume with training rows.
    for path in tqdm(files, desc="pre-labelling", unit="file", disable=not progress or len(files) < 2):
        try:
            sections = sections_from_file(classifier, path, method=method, max_pages=max_pages)
        except ResumeBertError as err:
            failed.append((str(path), str(err)))
            continue
        except Exception as err:  # a damaged file of a kind the readers do not name: skip it, keep going
            failed.append((str(path), f"{path.name} could not be read ({first_line(err)})"))
            continue
        read += 1
        records += [
            {**s.as_dict(), "model_label": s.label, "file": str(path), "resume_id": path.stem} for s in sections
        ]
    return Prelabels(order_rows(_frame(records), order), failed, read)


def label_studio_config(labels: Sequence[str]) -> str:
    """A Label Studio labelling config: the section's text and one choice per label."""
    from xml.sax.saxutils import quoteattr

    choices = "\n".join(f"    <Choice value={quoteattr(label)}/>" for label in labels)
    return (
        f'<View>\n  <Text name="text" value="$text"/>\n'
        f'  <Choices name="{LABEL_STUDIO_FIELD}" toName="text" choice="single" showInLine="true">\n'
        f"{choices}\n  </Choices>\n</View>\n"
    )


def label_studio_tasks(rows: pd.DataFrame, model_version: str = "resume-bert") -> list[dict]:
    """Label Studio tasks, the model's label as each one's pre-annotation (a prediction with its probability)."""
    tasks = []
    for row in rows.to_dict("records"):
        data = {k: _plain(v) for k, v in row.items() if k != "label"}
        choice = dict(from_name=LABEL_STUDIO_FIELD, to_name="text", type="choices", value={"choices": [row["label"]]})
        prediction = {"model_version": model_version, "score": float(row["probability"]), "result": [choice]}
        tasks.append({"data": data, "predictions": [prediction]})
    return tasks


def _plain(value):
    """numpy numbers as Python numbers, so the tasks are plain JSON."""
    return value.item() if hasattr(value, "item") else value


def _chosen(result: list[dict]) -> str | None:
    for item in result or []:
        if item.get("from_name") == LABEL_STUDIO_FIELD and item.get("type") == "choices":
            choices = item.get("value", {}).get("choices") or []
            if choices:
                return choices[0]
    return None


def read_label_studio_export(path: str | os.PathLike) -> tuple[pd.DataFrame, int]:
    """Label Studio's JSON (or JSON-MIN) export back into the pre-label CSV's rows; also how many tasks had no annotation.

    Each task's label is its latest annotation not cancelled; a task nobody annotated keeps the model's label.
    """
    path = Path(path)
    try:
        tasks = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"Label Studio export not found: {path}") from None
    except (ValueError, UnicodeDecodeError) as err:
        raise DataError(
            f"{path.name} is not a JSON file ({first_line(err)}); export the project as JSON from Label Studio"
        ) from None
    if not isinstance(tasks, list) or not all(isinstance(t, dict) for t in tasks):
        raise DataError(f"{path.name} is not a Label Studio export (a JSON list of tasks); export the project as JSON")
    records, unannotated = [], 0
    for task in tasks:
        if "data" in task:  # the full JSON export
            data = dict(task["data"])
            done = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
            label = _chosen(done[-1].get("result")) if done else None
        else:  # JSON-MIN: the data's fields and each control's value side by side
            data = {k: v for k, v in task.items() if k not in _MIN_EXPORT_FIELDS}
            value = task.get(LABEL_STUDIO_FIELD)
            label = value.get("choices", [None])[0] if isinstance(value, dict) else value
        if "text" not in data:
            raise DataError(
                f"{path.name}: a task has no 'text' field; export the project that `resume-bert sections "
                f"--format label-studio` made"
            )
        if label is None:
            unannotated += 1
            label = data.get("model_label")
        records.append({**data, "label": label})
    return _frame(records), unannotated


def _frame(records: list[dict]) -> pd.DataFrame:
    """The rows with the CSV's columns first, then any others the records carry (sorted)."""
    return pd.DataFrame(records, columns=CSV_COLUMNS + sorted({k for r in records for k in r} - set(CSV_COLUMNS)))


def write_prelabels(rows: pd.DataFrame, output, fmt: str, labels: Sequence[str]) -> list[Path]:
    """Write the rows as `csv` or as `label-studio` tasks (plus its labelling config beside them); return the files written."""
    from .artifacts import atomic_path, write_csv, write_json

    output = Path(output)
    if fmt == "csv":
        return [write_csv(rows, output)]
    if fmt == "json":
        return [write_json([{k: _plain(v) for k, v in r.items()} for r in rows.to_dict("records")], output)]
    if fmt != "label-studio":
        raise DataError(f"cannot write format {fmt!r} to a file; use csv, json or label-studio")
    config = output.with_name(output.stem + ".label-config.xml")
    with atomic_path(config) as tmp:
        Path(tmp).write_text(label_studio_config(labels), encoding="utf-8")
    return [write_json(label_studio_tasks(rows), output), config]
