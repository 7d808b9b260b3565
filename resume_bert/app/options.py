"""App layer: the command line's option dataclasses (others sit where they are used); `cli` makes a flag of each field."""

from dataclasses import MISSING, dataclass, field
from typing import Literal

from ..modeling import DEFAULT_MODEL
from ..preparation import DEFAULT_FRACTIONS
from .bulk_predict import CHUNK_ROWS
from .input_checks import check_fractions
from .pytorch_backend import default_batch_size

MODEL_DIR = "artifacts/model"  # where `train` and the notebooks save the model, relative to the clone


def option(help: str, default=MISSING, **metadata):
    """A dataclass field that `cli` makes a flag of: its help text, default and any other argparse setting."""
    return field(default=default, metadata={"help": help, **metadata})


@dataclass
class DataArguments:
    """The labelled CSV that `train` and `evaluate` read."""

    data_path: str = option("labelled CSV file")
    text_column: str = option("column holding the text", "text")
    label_column: str = option("column holding the label", "label")
    encoding: str = option("the CSV's text encoding", "utf-8")


@dataclass
class TrainArguments:
    """Where `train` writes, which model it starts from, and how it prepares the data (notebooks 01-02)."""

    output_dir: str = option("folder for splits, model, metrics and figures")
    model_name_or_path: str = option(
        "'bundled' (offline), a hub id such as bert-base-uncased, or a folder", DEFAULT_MODEL
    )
    max_length: int | None = option("tokens per chunk (default: covers 99%% of chunks)", None)
    max_train_samples: int | None = option("use only this many training rows", None)
    fractions: list[float] = field(
        default_factory=lambda: list(DEFAULT_FRACTIONS),
        metadata={"help": "train, validation and test shares", "metavar": ("TRAIN", "VAL", "TEST")},
    )
    resume: bool = option("continue from OUTPUT_DIR/checkpoints/last", False)
    dev_path: str = option(
        "labelled CSV of real documents that chooses the epoch and fits the temperature; auto: the "
        "repository's data/real_dev_chunks.csv when its labels are the data's; none: the validation split",
        "auto",
    )

    def __post_init__(self):
        self.fractions = check_fractions(self.fractions)


@dataclass
class EvaluateArguments:
    model_dir: str = option("saved model folder")
    output: str | None = option("JSON file for the metrics (default: evaluation.json beside the model folder)", None)


@dataclass
class PredictArguments:
    model_dir: str = option("saved model folder")
    input: str | None = option("CSV of chunks to label (needs --output)", None)
    output: str | None = option("CSV to write: the input plus predicted_label and probability", None)
    text_column: str = option("column of --input holding the text", "text")
    resume_file: str | None = option(
        "a resume file to cut at header words and label (`sections --method headers`)", None
    )
    batch_size: int | None = option(
        f"default {default_batch_size('cpu')} on CPU, {default_batch_size('cuda')} on a GPU", None
    )
    chunk_rows: int = option("rows of --input read, labelled and written at a time (bounds memory)", CHUNK_ROWS)


@dataclass
class SectionsArguments:
    model_dir: str = option("saved model folder", MODEL_DIR)
    format: Literal["table", "json", "csv", "label-studio"] | None = option(
        "table (default on screen), json, csv (default for --output *.csv: one row per section "
        "to correct) or label-studio (tasks with the model's labels as pre-annotations)",
        None,
    )
    output: str | None = option("file to write instead of printing (csv, json or label-studio)", None)
    order: Literal["file", "least-sure"] = option(
        "file: files in order, sections in reading order; least-sure: the sections "
        "the model is least sure of first, for correcting",
        "file",
    )
    method: Literal["model", "headers"] = option(
        "'model' labels every line; 'headers' cuts at header words only", "model"
    )


@dataclass
class LabelStudioArguments:
    output: str = option("CSV to write (the columns `sections --output X.csv` writes)")


@dataclass
class ServeArguments:
    model_dir: str = option("saved model folder", MODEL_DIR)
    host: str = option("address to listen on (127.0.0.1: this machine only)", "127.0.0.1")
    port: int = option("port to listen on", 8000)


@dataclass
class ExportArguments:
    model_dir: str = option("saved model folder")
    onnx: str | None = option("folder to write (default: MODEL_DIR/onnx)", None)
    no_int8: bool = option("skip the int8 dynamically quantised copy", False)


@dataclass
class NotebookArguments:
    output_dir: str | None = option("output_dir for every notebook (default: the notebooks' own, artifacts/)", None)
    notebooks_dir: str | None = option("folder holding the notebooks", None)
