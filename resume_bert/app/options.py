"""App layer: the command line's option dataclasses (TrainingConfig, BackendArguments and ServiceLimits sit where they are used); `cli` makes a flag of each field."""

from dataclasses import MISSING, dataclass, field
from typing import Literal

from ..errors import ParameterError
from ..modeling import DEFAULT_MODEL
from ..preparation import DEFAULT_FRACTIONS
from .bulk_predict import CHUNK_ROWS
from .input_checks import check_fractions
from .paths import repository_path
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


# The recipe benchmarks/adaptation.py chose for continuing from a fine-tuned model: two original
# rows mixed in per corrected row, the embeddings and two lower layers frozen, 4 epochs at 3e-5,
# stopping after two epochs without a gain (as it was measured).
DEFAULT_MIX_RATIO = 2.0
DEFAULT_FREEZE_LAYERS = 2
# TrainingConfig fields whose default differs when training continues; a flag the user gives wins.
CONTINUE_TRAINING = {"learning_rate": 3e-5, "early_stopping_patience": 2}


@dataclass
class ContinueArguments:
    """`resume-bert train` from a fine-tuned model folder: what is mixed in, kept out and frozen."""

    mix_data: str | None = option(
        "CSV mixed in so the model does not forget (default: data/resume_chunks.csv; 'none': nothing)", None
    )
    mix_ratio: float | None = option(
        f"rows of --mix-data per training row (default when continuing: {DEFAULT_MIX_RATIO:g})", None
    )
    keep_out: float | None = option(
        "hold out this share of the resumes, scored before and after", None, metavar="FRACTION"
    )
    freeze_layers: int | None = option(
        f"freeze the embeddings and this many lower layers (default 0; {DEFAULT_FREEZE_LAYERS} when continuing)", None
    )

    def __post_init__(self):
        if self.mix_ratio is not None and not self.mix_ratio >= 0:
            raise ParameterError(f"mix_ratio must be 0 or more, got {self.mix_ratio}")
        if self.keep_out is not None and not 0 < self.keep_out < 1:
            raise ParameterError(
                f"keep_out must be between 0 and 1 (a share of the corrected rows), got {self.keep_out}"
            )
        if self.freeze_layers is not None and self.freeze_layers < 0:
            raise ParameterError(f"freeze_layers must be 0 or more, got {self.freeze_layers}")

    def resolved(self, continuing: bool) -> "ContinueArguments":
        """These options with the recipe's defaults filled in; without `continuing`, an error for those that need it."""
        if continuing:
            return ContinueArguments(
                self.mix_data,
                DEFAULT_MIX_RATIO if self.mix_ratio is None else self.mix_ratio,
                self.keep_out,
                DEFAULT_FREEZE_LAYERS if self.freeze_layers is None else self.freeze_layers,
            )
        if self.mix_data or self.mix_ratio is not None or self.keep_out is not None:
            raise ParameterError(
                "--mix-data, --mix-ratio and --keep-out apply when continuing from a fine-tuned model "
                "folder (--model-name-or-path artifacts/model)"
            )
        return ContinueArguments(freeze_layers=self.freeze_layers or 0)

    def mix_path(self):
        """The CSV to mix in: --mix-data, else the repository's sample data; None for 'none'."""
        if self.mix_data is None:
            return repository_path("data", "resume_chunks.csv", needed_for="--mix-data's default")
        return None if self.mix_data.lower() == "none" else self.mix_data
