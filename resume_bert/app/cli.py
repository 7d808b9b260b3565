"""App layer: `resume-bert` / `python -m resume_bert` — train, evaluate, predict, export, cut resumes into sections, serve, run the notebooks; errors as one line."""

import argparse
import errno
import json
import logging
import sys
from dataclasses import asdict, fields, replace
from pathlib import Path

from transformers import HfArgumentParser

from ..errors import ParameterError, ResumeBertError
from ..training import TrainingConfig
from .artifacts import STEP_OUTPUTS
from .classifiers import BackendArguments
from .options import (
    CONTINUE_TRAINING,
    DEFAULT_FREEZE_LAYERS,
    DEFAULT_MIX_RATIO,
    ContinueArguments,
    DataArguments,
    EvaluateArguments,
    ExportArguments,
    LabelStudioArguments,
    NotebookArguments,
    PredictArguments,
    SectionsArguments,
    ServeArguments,
    TrainArguments,
)
from .service import ServiceLimits

METRICS = ("accuracy", "precision", "recall", "f1", "macro_f1")


def _train(args, data: DataArguments, run: TrainArguments, config: TrainingConfig, more: ContinueArguments) -> None:
    from .model_loading import classifier_labels
    from .paths import check_sets
    from .workflow import analyse_tokenization, evaluate_model, train_model

    start_labels = classifier_labels(run.model_name_or_path)
    if start_labels:
        config = replace(config, **{k: v for k, v in CONTINUE_TRAINING.items() if getattr(args, k) is None})
    more = more.resolved(continuing=bool(start_labels))
    prepared = _prepare(data, run, config, more, start_labels)
    tokenization = analyse_tokenization(run.output_dir, run.model_name_or_path, run.max_length)
    train_model(
        run.output_dir,
        tokenization["model_name_or_path"],
        config,
        max_length=tokenization["max_length"],
        resume=run.resume,
        freeze_layers=more.freeze_layers,
        dev_path=run.dev_path,
    )
    sets = check_sets()
    if not sets:
        print(
            "check sets not scored: they live in the repository's data/ folder; run inside a clone to score them",
            file=sys.stderr,
        )
    metrics = evaluate_model(run.output_dir, check_sets=sets).metrics
    if start_labels is not None and len(prepared.splits["test"]):
        _print_before_and_after(run.model_name_or_path, run.output_dir, sets)
    print(json.dumps({k: round(metrics[k], 4) for k in METRICS}))


def _prepare(data: DataArguments, run: TrainArguments, config: TrainingConfig, more: ContinueArguments, start_labels):
    """Notebook 01's steps, for a new model or for corrections to a fine-tuned one; says what it did."""
    from .adapt import prepare_corrections
    from .workflow import prepare_data

    common = dict(
        fractions=run.fractions,
        seed=config.seed,
        text_column=data.text_column,
        label_column=data.label_column,
        encoding=data.encoding,
    )
    mixed = 0
    if start_labels is None:
        prepared = prepare_data(data.data_path, run.output_dir, max_train_samples=run.max_train_samples, **common)
    else:
        prepared, new, mixed = prepare_corrections(data.data_path, run.output_dir, start_labels, more, **common)
        if new:
            print(
                f"new label(s) {', '.join(map(repr, new))}: the model's head grows from {len(start_labels)} to "
                f"{len(prepared.label_map)} labels"
            )
    print(
        f"cleaned {prepared.report.rows_in} rows to {prepared.report.rows_out}; split "
        + ", ".join(f"{k} {len(v)}" for k, v in prepared.splits.items())
        + (f" (train includes {mixed} rows of {Path(str(more.mix_path())).name})" if mixed else "")
    )
    return prepared


def _print_before_and_after(start_dir, output_dir, sets) -> None:
    from .adapt import before_and_after

    for name, scores in before_and_after(start_dir, output_dir, sets).items():
        after = scores.get("after")
        if after and "before" in scores:
            print(
                f"{name} ({after['n']} chunks): accuracy {scores['before']['accuracy']:.3f} -> "
                f"{after['accuracy']:.3f}, macro-F1 {scores['before']['macro_f1']:.3f} -> {after['macro_f1']:.3f}"
            )
        elif after:
            print(
                f"{name} ({after['n']} chunks): accuracy {after['accuracy']:.3f}, macro-F1 {after['macro_f1']:.3f} "
                f"(the starting model lacks some of its labels)"
            )


def _refuse_overwrite(source, output, option: str) -> None:
    """Input files are never modified: refuse an output path that is the input."""
    if Path(source).expanduser().resolve() == Path(output).expanduser().resolve():
        raise ParameterError(f"{option} {output} is the input file; write the results to another file")


def _evaluate(args, options: EvaluateArguments, data: DataArguments) -> None:
    from ..evaluation import environment_versions
    from ..preparation import clean_dataset
    from .artifacts import write_json
    from .classifiers import load_classifier
    from .input_checks import check_cleaned, load_dataset
    from .workflow import evaluate_frame

    classifier = load_classifier(options.model_dir)
    frame, report = clean_dataset(
        load_dataset(data.data_path, data.text_column, data.label_column, data.encoding),
        data.text_column,
        data.label_column,
    )
    metrics, _ = evaluate_frame(classifier, check_cleaned(frame))
    metrics.update(
        n_examples=len(frame),
        data_path=str(data.data_path),
        cleaning=report.as_dict(),
        model_dir=str(options.model_dir),
        versions=environment_versions(),
    )
    output = Path(options.output) if options.output else Path(options.model_dir).resolve().parent / "evaluation.json"
    _refuse_overwrite(data.data_path, output, "--output")
    write_json(metrics, output)
    print(f"wrote {output}")
    print(json.dumps({k: round(metrics[k], 4) for k in METRICS}))


def _predict(args, options: PredictArguments, backend: BackendArguments) -> None:
    from .bulk_predict import label_csv
    from .classifiers import load_classifier
    from .input_checks import as_texts
    from .processes import process_device

    if not (args.texts or options.input or options.resume_file):
        raise ParameterError("nothing to label: give TEXT arguments, --input CSV or --resume-file FILE")
    if bool(options.input) != bool(options.output):
        raise ParameterError("--input and --output go together: --input chunks.csv --output labelled.csv")
    if options.input:
        _refuse_overwrite(options.input, options.output, "--output")
    classifier = load_classifier(
        options.model_dir, batch_size=options.batch_size, device=process_device(), **asdict(backend)
    )
    if args.texts:
        texts = as_texts(args.texts)  # undecodable bytes in arguments become U+FFFD
        for text, p in zip(texts, classifier.predict(texts)):
            print(f"{p.label}\t{p.score:.3f}\t{text}")
    if options.input:
        rows = label_csv(
            classifier, options.input, options.output, text_column=options.text_column, chunk_rows=options.chunk_rows
        )
        if rows:  # 0 in all but the first of several processes
            print(f"labelled {rows} rows -> {options.output}")
    if options.resume_file:
        # The header-word route of `sections --method headers`, with its table.
        from ..resumes.segmentation import sections_from_file

        for section in sections_from_file(classifier, options.resume_file, method="headers"):
            print(_section_row(section))


def _sections(args, options: SectionsArguments, backend: BackendArguments) -> None:
    from .classifiers import load_classifier
    from .prelabel import prelabel_files, write_prelabels

    output = options.output
    fmt = options.format or next(
        (kind for kind in ("csv", "json") if output and output.lower().endswith(f".{kind}")), "table"
    )
    if output and fmt == "table":
        raise ParameterError("--output writes csv, json or label-studio; add --format csv (or name the file .csv)")
    if fmt in ("csv", "label-studio") and not output:
        raise ParameterError(
            f"--format {fmt} writes a file: add --output prelabels.{'csv' if fmt == 'csv' else 'json'}"
        )
    for source in args.files if output else []:
        _refuse_overwrite(source, output, "--output")
    classifier = load_classifier(options.model_dir, **asdict(backend))
    found = prelabel_files(classifier, args.files, method=options.method, order=options.order, progress=True)
    if not found.read and len(found.failed) == 1:
        raise ParameterError(found.failed[0][1])  # one file given, and it cannot be read: its reason is the error
    for path, why in found.failed:
        print(f"resume-bert: skipped {path}: {why}", file=sys.stderr)
    if not found.read:
        raise ParameterError(
            "no resume file to read: "
            + ("every one was skipped (reasons above)" if found.failed else "the folders hold no PDF, DOCX or TXT file")
        )
    if output:
        written = write_prelabels(found.rows, output, fmt, classifier.labels)
        print(f"wrote {len(found.rows)} sections of {found.read} file(s) to " + " and ".join(str(p) for p in written))
    elif fmt == "json":
        single = len(args.files) == 1 and Path(args.files[0]).is_file()
        drop = ["model_label", "file", "resume_id"] if single else ["model_label"]
        records = [{k: v for k, v in r.items() if k not in drop} for r in found.rows.to_dict("records")]
        print(json.dumps(records, indent=2, ensure_ascii=False, default=lambda v: v.item()))
    else:
        several = found.rows["file"].nunique() > 1
        for r in found.rows.itertuples():
            print((f"{r.resume_id[:20]:<20} " if several else "") + _section_row(r))


def _section_row(s) -> str:
    """A section as one row: label, probability, where it is (page, column and lines) and the start of its text."""
    columns = f"c{s.column}" + (f"-{s.last_column}" if s.last_column != s.column else "")
    where = (
        f"p{s.page} {columns} {s.first_line}-{s.last_line}"
        if s.page == s.last_page
        else f"p{s.page} c{s.column} {s.first_line}-p{s.last_page} c{s.last_column} {s.last_line}"
    )
    preview = " / ".join(s.text.splitlines())
    preview = preview if len(preview) <= 70 else preview[:67] + "..."
    return f"{s.label:<20} {s.probability:.3f}  {where:<14} {preview}"


def _from_label_studio(args, options: LabelStudioArguments) -> None:
    from .artifacts import write_csv
    from .prelabel import read_label_studio_export

    _refuse_overwrite(args.export, options.output, "--output")
    rows, unannotated = read_label_studio_export(args.export)
    write_csv(rows, options.output)
    note = f" ({unannotated} task(s) had no annotation and keep the model's label)" if unannotated else ""
    print(f"wrote {len(rows)} sections to {options.output}{note}")


def _serve(args, options: ServeArguments, limits: ServiceLimits, backend: BackendArguments) -> None:
    try:
        from .serve import serve
    except ImportError as err:
        raise ParameterError(
            f"the service needs the 'serve' extra ({err.name} is missing); run pip install -e '.[serve]'"
        ) from None
    serve(options.model_dir, options.host, options.port, limits, allowed_hosts=args.allowed_host, **asdict(backend))


def _export(args, options: ExportArguments) -> None:
    from .onnx_backend import export_onnx

    folder = export_onnx(options.model_dir, options.onnx, quantize=not options.no_int8)
    print(f"wrote {folder} ({', '.join(sorted(p.name for p in folder.glob('*.onnx')))})")


def _run_notebooks(args, options: NotebookArguments) -> None:
    from .notebooks import parse_value, run_notebooks

    parameters = {name: parse_value(value) for name, value in args.parameter}
    executed = run_notebooks(options.output_dir, parameters, notebook_dir=options.notebooks_dir)
    print("executed: " + ", ".join(str(p) for p in executed))


TRAIN_DESCRIPTION = (
    "Notebooks 01-04 in one command: clean and split the data, fine-tune, evaluate. It writes into OUTPUT_DIR "
    + "; ".join(f"{', '.join(names)} ({step})" for step, names in STEP_OUTPUTS.items())
    + ". From a fine-tuned "
    "model folder (--model-name-or-path MODEL_DIR) training continues, and flags left unset take the recipe "
    "benchmarks/adaptation.py chose: "
    + ", ".join(f"--{k.replace('_', '-')} {v:g}" for k, v in CONTINUE_TRAINING.items())
    + f", --mix-ratio {DEFAULT_MIX_RATIO:g}, --freeze-layers {DEFAULT_FREEZE_LAYERS} (otherwise "
    + ", ".join(f"--{k.replace('_', '-')} {getattr(TrainingConfig, k):g}" for k in CONTINUE_TRAINING)
    + ")."
)
# name: (function, one-line help, the option dataclasses the function takes after the parsed arguments)
COMMANDS = {
    "train": (
        _train,
        "prepare, split, fine-tune and evaluate (notebooks 01-04)",
        (DataArguments, TrainArguments, TrainingConfig, ContinueArguments),
    ),
    "evaluate": (_evaluate, "score a saved model on a labelled CSV", (EvaluateArguments, DataArguments)),
    "predict": (_predict, "label text chunks, a CSV of them, or a whole resume", (PredictArguments, BackendArguments)),
    "export": (_export, "export a saved model to ONNX (fp32 and int8) for ONNX Runtime", (ExportArguments,)),
    "sections": (
        _sections,
        "cut PDF, DOCX or TXT resumes into labelled sections; pre-label them for correcting",
        (SectionsArguments, BackendArguments),
    ),
    "from-label-studio": (
        _from_label_studio,
        "turn Label Studio's JSON export of pre-labelled sections back into the CSV that `train` reads",
        (LabelStudioArguments,),
    ),
    "serve": (
        _serve,
        "a web service and demo page for a saved model (needs the serve extra)",
        (ServeArguments, ServiceLimits, BackendArguments),
    ),
    "run-notebooks": (_run_notebooks, "execute the tutorial notebooks headlessly with papermill", (NotebookArguments,)),
}
# Operands and repeatable flags, which dataclass fields do not describe: each adds its own to a command.
OPERANDS = {
    "predict": lambda add: add("texts", nargs="*", help="chunks to label"),
    "sections": lambda add: add(
        "files",
        nargs="+",
        metavar="FILE_OR_FOLDER",
        help="resume files, or folders whose PDF, DOCX and TXT files are all read",
    ),
    "from-label-studio": lambda add: add("export", help="the project's JSON or JSON-MIN export"),
    "serve": lambda add: add(
        "--allowed-host",
        action="append",
        default=[],
        metavar="NAME",
        help="a Host name to answer besides localhost and --host (repeatable; '*' for any)",
    ),
    "run-notebooks": lambda add: add(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="a notebook parameter, e.g. -p num_train_epochs 1 (repeatable)",
    ),
}


class _Parser(HfArgumentParser):
    """`HfArgumentParser` with the command line's conventions: dashed flags, a bool is a plain switch, a tuple
    metavar says how many values a list takes."""

    def add_argument(self, *names, **kwargs):
        dashed = [n for n in names if not (n.startswith("--") and "_" in n)]  # it also adds --snake_case
        if kwargs.get("nargs") == "?" and kwargs.get("const") is True:  # a bool field: --flag [BOOL]
            kwargs = {k: v for k, v in kwargs.items() if k not in ("nargs", "const", "type")} | {"action": "store_true"}
        if kwargs.get("action") == "store_false":  # the --no- twin of a switch that is on by default
            kwargs["help"] = f"turn {dashed[0].replace('--no-', '--', 1)} off"
        if isinstance(kwargs.get("metavar"), tuple) and kwargs.get("nargs") == "+":
            kwargs["nargs"] = len(kwargs["metavar"])
        return super().add_argument(*(dashed or names), **kwargs)


class _Help(argparse.HelpFormatter):
    """Each flag's default after its help, unless the help already says it or there is none to say."""

    def _get_help_string(self, action):
        text, default = action.help or "", action.default
        unset = default is None or default is False or default == [] or default == argparse.SUPPRESS
        if not action.option_strings or unset or "default" in text:
            return text
        shown = " ".join(map(str, default)) if isinstance(default, (list, tuple)) else str(default)
        return f"{text} (default: {shown.replace('%', '%%')})"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="resume-bert", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name, (run, help, options) in COMMANDS.items():
        description = TRAIN_DESCRIPTION if name == "train" else help[0].upper() + help[1:] + "."
        command = commands.add_parser(
            name, dataclass_types=options, help=help, description=description, formatter_class=_Help
        )
        if name in OPERANDS:
            OPERANDS[name](command.add_argument)
        command.set_defaults(func=run, options=options)
    # Unset, these are TrainingConfig's, or the recipe's when training continues (_train).
    commands.choices["train"].set_defaults(**dict.fromkeys(CONTINUE_TRAINING))
    return parser


def _options(args, kind):
    """An instance of the dataclass `kind` from the parsed arguments; a flag left unset (None) keeps its default."""
    given = {f.name: getattr(args, f.name) for f in fields(kind) if f.init}
    return kind(**{name: value for name, value in given.items() if value is not None})


def main(argv: list[str] | None = None) -> int:
    """Entry point. User mistakes print one line and exit 2; Ctrl-C exits 130. The package's warnings go to stderr."""
    args = build_parser().parse_args(argv)
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s resume_bert: %(message)s"))
    logger = logging.getLogger("resume_bert")
    logger.addHandler(handler)
    try:
        return _run(args)
    finally:
        logger.removeHandler(handler)


def _run(args) -> int:
    """The command, with the errors a user can fix as one line (exit status 2)."""
    try:
        args.func(args, *[_options(args, kind) for kind in args.options])
        return 0
    except ResumeBertError as err:
        message = str(err)
    except (PermissionError, FileNotFoundError, IsADirectoryError, NotADirectoryError, FileExistsError) as err:
        # Unwritable or misplaced output paths are the user's to fix, not a bug to trace.
        message = f"cannot use {err.filename}: {err.strerror}; choose another path or fix its permissions"
    except OSError as err:
        if err.errno != errno.ENOSPC:
            raise
        message = f"the disk is full ({err.filename or 'while writing'}); free some space and rerun" + (
            " with --resume" if args.command == "train" else ""
        )
    except KeyboardInterrupt:
        print(
            "resume-bert: interrupted; rerun `train` with --resume to continue from the last checkpoint",
            file=sys.stderr,
        )
        return 130
    print(f"resume-bert: error: {message}", file=sys.stderr)
    return 2
