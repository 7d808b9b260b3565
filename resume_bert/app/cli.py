"""App layer: `resume-bert` / `python -m resume_bert` — train, evaluate, predict, export, cut resumes into sections, serve, run the notebooks; errors as one line."""

from __future__ import annotations

import argparse
import errno
import json
import sys
from pathlib import Path

from ..errors import ResumeBertError


def _add_data_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data-path", required=True, help="labelled CSV file")
    p.add_argument("--text-column", default="text", help="column holding the text (default: text)")
    p.add_argument("--label-column", default="label", help="column holding the label (default: label)")
    p.add_argument("--encoding", default="utf-8", help="the CSV's text encoding (default: utf-8)")


def _add_backend_option(p: argparse.ArgumentParser) -> None:
    from .onnx_backend import INT8_RESCORE_MARGIN

    p.add_argument(
        "--backend",
        default="pytorch",
        choices=["pytorch", "onnx", "onnx-int8"],
        help="onnx / onnx-int8: ONNX Runtime on CPU, from the folder `export` writes (MODEL_DIR/onnx)",
    )
    p.add_argument(
        "--rescore-margin",
        type=float,
        default=None,
        help="onnx-int8: chunks whose top two logits are closer than this are labelled again in fp32 "
        f"(default {INT8_RESCORE_MARGIN}; 0 never)",
    )


def build_parser() -> argparse.ArgumentParser:
    from ..modeling import DEFAULT_MODEL
    from ..training import TrainingConfig
    from .pytorch_backend import default_batch_size

    defaults = TrainingConfig()
    parser = argparse.ArgumentParser(prog="resume-bert", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    train = commands.add_parser("train", help="prepare, split, fine-tune and evaluate (notebooks 01-04)")
    _add_data_options(train)
    train.add_argument("--output-dir", required=True, help="folder for splits, model, metrics and figures")
    train.add_argument(
        "--model-name-or-path",
        default=DEFAULT_MODEL,
        help="'bundled' (the offline model, default), a hub id such as bert-base-uncased, or a local folder",
    )
    train.add_argument("--num-train-epochs", type=int, default=defaults.num_train_epochs)
    train.add_argument("--max-length", type=int, default=None, help="tokens per chunk (default: covers 99%% of chunks)")
    train.add_argument("--per-device-train-batch-size", type=int, default=defaults.per_device_train_batch_size)
    train.add_argument(
        "--learning-rate",
        type=float,
        default=None,
        help=f"default {defaults.learning_rate}; when continuing from a fine-tuned model 3e-05",
    )
    train.add_argument("--weight-decay", type=float, default=defaults.weight_decay)
    train.add_argument("--warmup-ratio", type=float, default=defaults.warmup_ratio)
    train.add_argument("--seed", type=int, default=defaults.seed)
    train.add_argument("--max-train-samples", type=int, default=None, help="use only this many training rows")
    train.add_argument("--fractions", type=float, nargs=3, default=(0.7, 0.15, 0.15), metavar=("TRAIN", "VAL", "TEST"))
    train.add_argument(
        "--mixed-precision",
        default=defaults.mixed_precision,
        choices=["auto", "no", "bf16", "fp16"],
        help="auto: bf16 (or fp16) on a GPU, fp32 on a CPU; bf16 also speeds up CPUs with Intel AMX",
    )
    train.add_argument("--torch-compile", action="store_true", help="compile the model with torch.compile")
    train.add_argument(
        "--fast-dropout",
        action="store_true",
        help="on a CPU, draw dropout masks four to a random number: faster, but not the same numbers as notebook 03",
    )
    train.add_argument("--resume", action="store_true", help="continue from OUTPUT_DIR/checkpoints/last")
    train.add_argument(
        "--mix-data",
        default=None,
        help="when continuing from a fine-tuned model: labelled CSV mixed into the training split so the "
        "model does not forget (default: the repository's data/resume_chunks.csv; 'none' for none)",
    )
    train.add_argument(
        "--mix-ratio", type=float, default=None, help="rows of --mix-data per training row (default when continuing: 2)"
    )
    train.add_argument(
        "--keep-out",
        type=float,
        default=None,
        metavar="FRACTION",
        help="when continuing: hold out this share of the rows (grouped by resume_id) and report the "
        "starting and the new model on them",
    )
    train.add_argument(
        "--freeze-layers",
        type=int,
        default=None,
        help="freeze the embeddings and this many lower encoder layers (default 0; 2 when continuing)",
    )

    evaluate = commands.add_parser("evaluate", help="score a saved model on a labelled CSV")
    evaluate.add_argument("--model-dir", required=True)
    _add_data_options(evaluate)
    evaluate.add_argument("--output", default=None, help="JSON file for the metrics (default: beside the model folder)")

    predict = commands.add_parser("predict", help="label text chunks, a CSV of them, or a whole resume")
    predict.add_argument("--model-dir", required=True)
    predict.add_argument("texts", nargs="*", help="chunks to label")
    predict.add_argument("--input", help="CSV of chunks to label (needs --output)")
    predict.add_argument("--output", help="CSV to write: the input plus predicted_label and probability")
    predict.add_argument("--text-column", default="text")
    predict.add_argument(
        "--resume-file",
        help="a resume (PDF, DOCX or TXT) to cut at its header words and label, as `sections --method headers` does",
    )
    predict.add_argument(
        "--batch-size",
        type=int,
        default=None,
        help=f"default {default_batch_size('cpu')} on CPU, {default_batch_size('cuda')} on a GPU",
    )
    _add_backend_option(predict)
    predict.add_argument(
        "--chunk-rows",
        type=int,
        default=10_000,
        help="rows of --input read, labelled and written at a time (bounds memory)",
    )

    export = commands.add_parser("export", help="export a saved model to ONNX (fp32 and int8) for ONNX Runtime")
    export.add_argument("--model-dir", required=True)
    export.add_argument("--onnx", default=None, help="folder to write (default: MODEL_DIR/onnx)")
    export.add_argument("--no-int8", action="store_true", help="skip the int8 dynamically quantised copy")

    sections = commands.add_parser(
        "sections", help="cut PDF, DOCX or TXT resumes into labelled sections; pre-label them for correcting"
    )
    sections.add_argument(
        "files",
        nargs="+",
        metavar="FILE_OR_FOLDER",
        help="resume files, or folders whose PDF, DOCX and TXT files are all read",
    )
    sections.add_argument(
        "--model-dir", default="artifacts/model", help="saved model folder (default: artifacts/model)"
    )
    sections.add_argument(
        "--format",
        choices=["table", "json", "csv", "label-studio"],
        default=None,
        help="table (default on screen), json, csv (default for --output *.csv: one row per section "
        "to correct) or label-studio (tasks with the model's labels as pre-annotations)",
    )
    sections.add_argument(
        "--output", default=None, help="file to write instead of printing (csv, json or label-studio)"
    )
    sections.add_argument(
        "--order",
        choices=["file", "least-sure"],
        default="file",
        help="file: files in order, sections in reading order (default); least-sure: the sections "
        "the model is least sure of first, for correcting",
    )
    sections.add_argument(
        "--method",
        choices=["model", "headers"],
        default="model",
        help="'model' labels every line; 'headers' cuts at header words only (default: model)",
    )
    _add_backend_option(sections)

    studio = commands.add_parser(
        "from-label-studio",
        help="turn Label Studio's JSON export of pre-labelled sections back into the CSV that `train` reads",
    )
    studio.add_argument("export", help="the project's JSON or JSON-MIN export")
    studio.add_argument("--output", required=True, help="CSV to write (the columns `sections --output X.csv` writes)")

    serve = commands.add_parser("serve", help="a web service and demo page for a saved model (needs the serve extra)")
    serve.add_argument("--model-dir", default="artifacts/model", help="saved model folder (default: artifacts/model)")
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)"
    )
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--max-mb", type=float, default=10, help="largest upload accepted, in MB (default: 10)")
    serve.add_argument("--max-pages", type=int, default=50, help="longest PDF accepted, in pages (default: 50)")
    serve.add_argument(
        "--allowed-host",
        action="append",
        default=[],
        metavar="NAME",
        help="a Host name clients may use besides localhost and --host (repeatable; '*' for any)",
    )
    serve.add_argument("--extract-workers", type=int, default=2, help="uploaded files read at once (default: 2)")
    serve.add_argument("--extract-timeout", type=float, default=30, help="seconds to read one file (default: 30)")
    serve.add_argument(
        "--limit-concurrency", type=int, default=128, help="connections served at once; past it, 503 (default: 128)"
    )
    _add_backend_option(serve)

    run = commands.add_parser("run-notebooks", help="execute the tutorial notebooks headlessly with papermill")
    run.add_argument(
        "--output-dir", default=None, help="output_dir for every notebook (default: the notebooks' own, artifacts/)"
    )
    run.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="a notebook parameter, e.g. -p num_train_epochs 1 (repeatable)",
    )
    run.add_argument("--notebooks-dir", default=None, help="folder holding the notebooks")
    return parser


def _train(args) -> dict:
    from ..errors import ParameterError
    from ..training import TrainingConfig
    from .adapt import (
        CONTINUE_LEARNING_RATE,
        DEFAULT_FREEZE_LAYERS,
        DEFAULT_MIX_RATIO,
        before_and_after,
        prepare_corrections,
    )
    from .input_checks import check_training_config
    from .model_loading import classifier_labels
    from .paths import check_sets, repository_path
    from .workflow import analyse_tokenization, evaluate_model, prepare_data, train_model

    start_labels = classifier_labels(args.model_name_or_path)
    if args.learning_rate is None:
        # Continuing: the lower rate adapted best without forgetting (benchmarks/adaptation.py).
        args.learning_rate = CONTINUE_LEARNING_RATE if start_labels else TrainingConfig().learning_rate
    if args.freeze_layers is None:
        args.freeze_layers = DEFAULT_FREEZE_LAYERS if start_labels else 0
    config = TrainingConfig(
        num_train_epochs=args.num_train_epochs,
        per_device_train_batch_size=args.per_device_train_batch_size,
        learning_rate=args.learning_rate,
        weight_decay=args.weight_decay,
        warmup_ratio=args.warmup_ratio,
        seed=args.seed,
        mixed_precision=args.mixed_precision,
        torch_compile=args.torch_compile,
        fast_dropout=args.fast_dropout,
    )
    check_training_config(config)  # before anything is written
    if start_labels is None:
        if args.mix_data or args.mix_ratio is not None or args.keep_out is not None:
            raise ParameterError(
                "--mix-data, --mix-ratio and --keep-out apply when continuing from a fine-tuned model "
                "folder (--model-name-or-path artifacts/model)"
            )
        prepared = prepare_data(
            args.data_path,
            args.output_dir,
            text_column=args.text_column,
            label_column=args.label_column,
            fractions=args.fractions,
            seed=args.seed,
            encoding=args.encoding,
            max_train_samples=args.max_train_samples,
        )
        mixed = 0
    else:
        mix = args.mix_data
        if mix is None:
            mix = repository_path("data", "resume_chunks.csv", needed_for="--mix-data's default")
        elif mix.lower() == "none":
            mix = None
        prepared, new, mixed = prepare_corrections(
            args.data_path,
            args.output_dir,
            start_labels,
            mix_path=mix,
            mix_ratio=DEFAULT_MIX_RATIO if args.mix_ratio is None else args.mix_ratio,
            keep_out=args.keep_out,
            fractions=args.fractions,
            seed=args.seed,
            text_column=args.text_column,
            label_column=args.label_column,
            encoding=args.encoding,
        )
        if new:
            print(
                f"new label(s) {', '.join(map(repr, new))}: the model's head grows from {len(start_labels)} to "
                f"{len(prepared.label_map)} labels"
            )
    print(
        f"cleaned {prepared.report.rows_in} rows to {prepared.report.rows_out}; split "
        + ", ".join(f"{k} {len(v)}" for k, v in prepared.splits.items())
        + (f" (train includes {mixed} rows of {Path(str(mix)).name})" if mixed else "")
    )
    tokenization = analyse_tokenization(args.output_dir, args.model_name_or_path, args.max_length)
    train_model(
        args.output_dir,
        tokenization["model_name_or_path"],
        config,
        max_length=tokenization["max_length"],
        resume=args.resume,
        freeze_layers=args.freeze_layers,
    )
    sets = check_sets()
    if not sets:
        print(
            "check sets not scored: they live in the repository's data/ folder; run inside a clone to score them",
            file=sys.stderr,
        )
    metrics = evaluate_model(args.output_dir, check_sets=sets).metrics
    if start_labels is not None and len(prepared.splits["test"]):
        for name, scores in before_and_after(args.model_name_or_path, args.output_dir, sets).items():
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
    return metrics


def _refuse_overwrite(source, output, option: str) -> None:
    """Input files are never modified: refuse an output path that is the input."""
    from ..errors import ParameterError

    if Path(source).expanduser().resolve() == Path(output).expanduser().resolve():
        raise ParameterError(f"{option} {output} is the input file; write the results to another file")


def _evaluate(args) -> dict:
    from ..evaluation import compute_metrics, environment_versions
    from ..preparation import LabelMap, clean_dataset
    from .artifacts import write_json
    from .classifiers import load_classifier
    from .input_checks import check_cleaned, check_known_labels, load_dataset

    classifier = load_classifier(args.model_dir)
    data, report = clean_dataset(
        load_dataset(args.data_path, args.text_column, args.label_column, args.encoding),
        args.text_column,
        args.label_column,
    )
    check_known_labels(LabelMap(classifier.labels), check_cleaned(data)["label"])
    metrics = compute_metrics(
        data["label"].tolist(), classifier.predict_labels(data["text"].tolist()), classifier.labels
    )
    metrics.update(
        n_examples=len(data),
        data_path=str(args.data_path),
        cleaning=report.as_dict(),
        model_dir=str(args.model_dir),
        versions=environment_versions(),
    )
    output = Path(args.output) if args.output else Path(args.model_dir).resolve().parent / "evaluation.json"
    _refuse_overwrite(args.data_path, output, "--output")
    write_json(metrics, output)
    print(f"wrote {output}")
    return metrics


def _predict(args) -> None:
    from ..errors import ParameterError
    from .bulk_predict import label_csv
    from .classifiers import load_classifier
    from .input_checks import as_texts

    if not (args.texts or args.input or args.resume_file):
        raise ParameterError("nothing to label: give TEXT arguments, --input CSV or --resume-file FILE")
    if bool(args.input) != bool(args.output):
        raise ParameterError("--input and --output go together: --input chunks.csv --output labelled.csv")
    if args.input:
        _refuse_overwrite(args.input, args.output, "--output")
    classifier = load_classifier(
        args.model_dir,
        batch_size=args.batch_size,
        backend=args.backend,
        rescore_margin=args.rescore_margin,
        device=_process_device(),
    )
    if args.texts:
        texts = as_texts(args.texts)  # undecodable bytes in arguments become U+FFFD
        for text, p in zip(texts, classifier.predict(texts)):
            print(f"{p.label}\t{p.score:.3f}\t{text}")
    if args.input:
        rows = label_csv(classifier, args.input, args.output, text_column=args.text_column, chunk_rows=args.chunk_rows)
        if rows:  # 0 in all but the first of several processes
            print(f"labelled {rows} rows -> {args.output}")
    if args.resume_file:
        # The header-word route of `sections --method headers`, with its table.
        from ..resumes.segmentation import sections_from_file

        _print_sections(sections_from_file(classifier, args.resume_file, method="headers"))


def _sections(args) -> None:
    from ..errors import ParameterError
    from .classifiers import load_classifier
    from .prelabel import prelabel_files, write_prelabels

    fmt = args.format or (
        "csv"
        if args.output and args.output.lower().endswith(".csv")
        else "json"
        if args.output and args.output.lower().endswith(".json")
        else "table"
    )
    if args.output and fmt == "table":
        raise ParameterError("--output writes csv, json or label-studio; add --format csv (or name the file .csv)")
    if fmt in ("csv", "label-studio") and not args.output:
        raise ParameterError(
            f"--format {fmt} writes a file: add --output prelabels.{'csv' if fmt == 'csv' else 'json'}"
        )
    if args.output:
        for source in args.files:
            _refuse_overwrite(source, args.output, "--output")
    classifier = load_classifier(args.model_dir, backend=args.backend, rescore_margin=args.rescore_margin)
    found = prelabel_files(classifier, args.files, method=args.method, order=args.order, progress=True)
    if not found.read and len(found.failed) == 1:
        raise ParameterError(found.failed[0][1])  # one file given, and it cannot be read: its reason is the error
    for path, why in found.failed:
        print(f"resume-bert: skipped {path}: {why}", file=sys.stderr)
    if not found.read:
        raise ParameterError(
            "no resume file to read: "
            + ("every one was skipped (reasons above)" if found.failed else "the folders hold no PDF, DOCX or TXT file")
        )
    if args.output:
        written = write_prelabels(found.rows, args.output, fmt, classifier.labels)
        print(f"wrote {len(found.rows)} sections of {found.read} file(s) to " + " and ".join(str(p) for p in written))
        return
    rows = found.rows
    if fmt == "json":
        single = len(args.files) == 1 and Path(args.files[0]).is_file()
        drop = ["model_label", "file", "resume_id"] if single else ["model_label"]
        print(
            json.dumps(
                [{k: v for k, v in r.items() if k not in drop} for r in rows.to_dict("records")],
                indent=2,
                ensure_ascii=False,
                default=lambda v: v.item(),
            )
        )
        return
    several = rows["file"].nunique() > 1
    for r in rows.itertuples():
        print((f"{r.resume_id[:20]:<20} " if several else "") + _section_row(r))


def _print_sections(sections) -> None:
    for s in sections:
        print(_section_row(s))


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


def _from_label_studio(args) -> None:
    from .artifacts import write_csv
    from .prelabel import read_label_studio_export

    _refuse_overwrite(args.export, args.output, "--output")
    rows, unannotated = read_label_studio_export(args.export)
    write_csv(rows, args.output)
    note = f" ({unannotated} task(s) had no annotation and keep the model's label)" if unannotated else ""
    print(f"wrote {len(rows)} sections to {args.output}{note}")


def _serve(args) -> None:
    from ..errors import ParameterError
    from .serve import serve

    if args.max_mb <= 0 or args.max_pages < 1:
        raise ParameterError("--max-mb and --max-pages must be positive, e.g. --max-mb 10 --max-pages 50")
    serve(
        args.model_dir,
        host=args.host,
        port=args.port,
        max_bytes=int(args.max_mb * 1024 * 1024),
        max_pages=args.max_pages,
        backend=args.backend,
        rescore_margin=args.rescore_margin,
        allowed_hosts=args.allowed_host,
        extract_workers=args.extract_workers,
        extract_timeout=args.extract_timeout,
        limit_concurrency=args.limit_concurrency,
    )


def _process_device():
    """Under torchrun on a GPU machine each process labels on its own GPU; otherwise the default device."""
    import os

    import torch

    if int(os.environ.get("WORLD_SIZE", "1")) > 1 and torch.cuda.is_available():
        return f"cuda:{int(os.environ.get('LOCAL_RANK', '0'))}"
    return None


def _export(args) -> None:
    from .onnx_backend import export_onnx

    folder = export_onnx(args.model_dir, args.onnx, quantize=not args.no_int8)
    print(f"wrote {folder} ({', '.join(sorted(p.name for p in folder.glob('*.onnx')))})")


def _run_notebooks(args) -> None:
    from .notebooks import parse_value, run_notebooks

    parameters = {name: parse_value(value) for name, value in args.parameter}
    executed = run_notebooks(args.output_dir, parameters, notebook_dir=args.notebooks_dir)
    print("executed: " + ", ".join(str(p) for p in executed))


def main(argv: list[str] | None = None) -> int:
    """Entry point. User mistakes print one line and exit 2; Ctrl-C exits 130."""
    args = build_parser().parse_args(argv)
    try:
        if args.command == "train":
            metrics = _train(args)
            print(json.dumps({k: round(metrics[k], 4) for k in ("accuracy", "precision", "recall", "f1", "macro_f1")}))
        elif args.command == "evaluate":
            metrics = _evaluate(args)
            print(json.dumps({k: round(metrics[k], 4) for k in ("accuracy", "precision", "recall", "f1", "macro_f1")}))
        elif args.command == "predict":
            _predict(args)
        elif args.command == "sections":
            _sections(args)
        elif args.command == "from-label-studio":
            _from_label_studio(args)
        elif args.command == "serve":
            _serve(args)
        elif args.command == "export":
            _export(args)
        elif args.command == "run-notebooks":
            _run_notebooks(args)
    except ResumeBertError as err:
        print(f"resume-bert: error: {err}", file=sys.stderr)
        return 2
    except (PermissionError, FileNotFoundError, IsADirectoryError, NotADirectoryError, FileExistsError) as err:
        # Unwritable or misplaced output paths are the user's to fix, not a bug to trace.
        print(
            f"resume-bert: error: cannot use {err.filename}: {err.strerror}; choose another path or fix its permissions",
            file=sys.stderr,
        )
        return 2
    except OSError as err:
        if err.errno != errno.ENOSPC:
            raise
        print(
            f"resume-bert: error: the disk is full ({err.filename or 'while writing'}); free some space and rerun"
            f"{' with --resume' if args.command == 'train' else ''}",
            file=sys.stderr,
        )
        return 2
    except KeyboardInterrupt:
        print(
            "resume-bert: interrupted; rerun `train` with --resume to continue from the last checkpoint",
            file=sys.stderr,
        )
        return 130
    return 0
