"""App layer: the command line's options, one dataclass per concern; `cli` makes a flag of each field.

The training knobs are `training.TrainingConfig`, the service's limits `service.ServiceLimits`,
the backend `classifiers.BackendArguments` and continuing from a fine-tuned model
`adapt.ContinueArguments`: each is declared, with its help and its checks, where it is used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..modeling import DEFAULT_MODEL
from ..preparation import DEFAULT_FRACTIONS
from .bulk_predict import CHUNK_ROWS
from .input_checks import check_fractions
from .pytorch_backend import default_batch_size

MODEL_DIR = "artifacts/model"  # where `train` and the notebooks save the model, relative to the clone


@dataclass
class DataArguments:
    """The labelled CSV that `train` and `evaluate` read."""

    data_path: str = field(metadata={"help": "labelled CSV file"})
    text_column: str = field(default="text", metadata={"help": "column holding the text"})
    label_column: str = field(default="label", metadata={"help": "column holding the label"})
    encoding: str = field(default="utf-8", metadata={"help": "the CSV's text encoding"})


@dataclass
class TrainArguments:
    """Where `train` writes, which model it starts from, and how it prepares the data (notebooks 01-02)."""

    output_dir: str = field(metadata={"help": "folder for splits, model, metrics and figures"})
    model_name_or_path: str = field(
        default=DEFAULT_MODEL, metadata={"help": "'bundled' (offline), a hub id such as bert-base-uncased, or a folder"}
    )
    max_length: int | None = field(default=None, metadata={"help": "tokens per chunk (default: covers 99%% of chunks)"})
    max_train_samples: int | None = field(default=None, metadata={"help": "use only this many training rows"})
    fractions: list[float] = field(
        default_factory=lambda: list(DEFAULT_FRACTIONS),
        metadata={"help": "train, validation and test shares", "metavar": ("TRAIN", "VAL", "TEST")},
    )
    resume: bool = field(default=False, metadata={"help": "continue from OUTPUT_DIR/checkpoints/last"})
    dev_path: str = field(
        default="auto",
        metadata={
            "help": "labelled CSV of real documents that chooses the epoch and fits the temperature; auto: the "
            "repository's data/real_dev_chunks.csv when its labels are the data's; none: the validation split"
        },
    )

    def __post_init__(self):
        self.fractions = check_fractions(self.fractions)


@dataclass
class EvaluateArguments:
    model_dir: str = field(metadata={"help": "saved model folder"})
    output: str | None = field(
        default=None, metadata={"help": "JSON file for the metrics (default: evaluation.json beside the model folder)"}
    )


@dataclass
class PredictArguments:
    model_dir: str = field(metadata={"help": "saved model folder"})
    input: str | None = field(default=None, metadata={"help": "CSV of chunks to label (needs --output)"})
    output: str | None = field(
        default=None, metadata={"help": "CSV to write: the input plus predicted_label and probability"}
    )
    text_column: str = field(default="text", metadata={"help": "column of --input holding the text"})
    resume_file: str | None = field(
        default=None, metadata={"help": "a resume file to cut at header words and label (`sections --method headers`)"}
    )
    batch_size: int | None = field(
        default=None,
        metadata={"help": f"default {default_batch_size('cpu')} on CPU, {default_batch_size('cuda')} on a GPU"},
    )
    chunk_rows: int = field(
        default=CHUNK_ROWS, metadata={"help": "rows of --input read, labelled and written at a time (bounds memory)"}
    )


@dataclass
class SectionsArguments:
    model_dir: str = field(default=MODEL_DIR, metadata={"help": "saved model folder"})
    format: Literal["table", "json", "csv", "label-studio"] | None = field(
        default=None,
        metadata={
            "help": "table (default on screen), json, csv (default for --output *.csv: one row per section "
            "to correct) or label-studio (tasks with the model's labels as pre-annotations)"
        },
    )
    output: str | None = field(
        default=None, metadata={"help": "file to write instead of printing (csv, json or label-studio)"}
    )
    order: Literal["file", "least-sure"] = field(
        default="file",
        metadata={
            "help": "file: files in order, sections in reading order; least-sure: the sections "
            "the model is least sure of first, for correcting"
        },
    )
    method: Literal["model", "headers"] = field(
        default="model", metadata={"help": "'model' labels every line; 'headers' cuts at header words only"}
    )


@dataclass
class LabelStudioArguments:
    output: str = field(metadata={"help": "CSV to write (the columns `sections --output X.csv` writes)"})


@dataclass
class ServeArguments:
    model_dir: str = field(default=MODEL_DIR, metadata={"help": "saved model folder"})
    host: str = field(default="127.0.0.1", metadata={"help": "address to listen on (127.0.0.1: this machine only)"})
    port: int = field(default=8000, metadata={"help": "port to listen on"})


@dataclass
class ExportArguments:
    model_dir: str = field(metadata={"help": "saved model folder"})
    onnx: str | None = field(default=None, metadata={"help": "folder to write (default: MODEL_DIR/onnx)"})
    no_int8: bool = field(default=False, metadata={"help": "skip the int8 dynamically quantised copy"})


@dataclass
class NotebookArguments:
    output_dir: str | None = field(
        default=None, metadata={"help": "output_dir for every notebook (default: the notebooks' own, artifacts/)"}
    )
    notebooks_dir: str | None = field(default=None, metadata={"help": "folder holding the notebooks"})
