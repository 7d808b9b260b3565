"""Adapting a trained model to a kind of resume it has not seen, from a few corrected chunks per label; and its calibration.

    python benchmarks/adaptation.py                  # about 30 minutes on 2 CPU cores
    python benchmarks/adaptation.py --draws 2 --recipes mix1 --quick   # a few minutes, numbers not for the README

It simulates a user whose resumes are of a kind the model was not trained on:

1. The kind: every resume of the generator's Indian CV convention (marks tables, personal
   details with a declaration, career objectives, "Bagged first prize", course – institute –
   year certificates, imperfect English). The generator is rerun to learn each resume's
   convention (its output is checked against data/resume_chunks.csv).
2. A base model is trained with the workflow `resume-bert train` uses on resume_chunks.csv
   without those resumes (split by resume as notebook 01 does), temperature scaling
   included, and scored on its test split and every check set: the calibration table.
3. The Indian resumes are cut in two halves by resume: `india_dev` chooses the recipe,
   `india_eval` reports it. Each draw takes resumes of one half in a seeded order until
   every label has `--per-label` chunks, keeps that many per label as the user's
   corrections, continues training the base model on them (`adapt.mix_in`,
   `workflow.train_model` from the fine-tuned folder), and scores the half's other resumes
   and every check set before and after.
4. Each recipe (original rows mixed in, epochs, learning rate, frozen layers) runs on
   `india_dev` for every draw; the one with the best mean accuracy gain among those that
   drop no development check set by more than 0.02 is then run on `india_eval`, beside
   the plain loop for comparison.

Writes results/adaptation.json and prints the markdown tables.
"""

from __future__ import annotations

import argparse
import functools
import json
import shutil
import statistics
import sys
import time
from pathlib import Path

from benchmark_setup import (
    REPO,
    GeneratorMismatch,
    data_digest,
    describe_machine,
    generator_rows,
    load_average,
    real_digests,
    set_threads,
    versions,
    write_result,
)

CACHE = Path(__file__).resolve().parent / ".cache" / "adaptation"


@functools.cache
def cache() -> Path:
    """The cache of this version of the sample data: another version must not reuse its conventions or base model."""
    return CACHE / data_digest()


KIND = "india"  # the convention held out of the base model's training data
CHECK_SETS = {  # name -> file in data/; the *dev sets may guide choices, the hold-outs only measure
    "dev": "dev_chunks.csv",
    "real_dev": "real_dev_chunks.csv",
    "holdout": "holdout_chunks.csv",
    "real_holdout": "real_holdout_chunks.csv",
}
DEV_SETS = ("generated_test", "dev", "real_dev")  # what recipe choice may look at, beside india_dev
RECIPES = {  # name -> (original rows mixed in per corrected row, epochs, learning rate, frozen lower layers)
    "plain": {"mix_ratio": 0.0, "num_train_epochs": 4, "learning_rate": 3e-5, "freeze_layers": 0},
    "mix1": {"mix_ratio": 1.0, "num_train_epochs": 4, "learning_rate": 3e-5, "freeze_layers": 0},
    "mix2_freeze2": {"mix_ratio": 2.0, "num_train_epochs": 4, "learning_rate": 3e-5, "freeze_layers": 2},
}
MAX_LENGTH = 128  # covers about 95% of chunks; keeps every run short on a CPU


def resume_conventions() -> dict[str, str]:
    """resume_id -> the generator's convention, by rerunning the generator (each row records its resume's convention)."""
    cached = cache() / "resume_conventions.json"
    if cached.exists():
        return json.loads(cached.read_text())
    try:
        rows, _ = generator_rows()
    except GeneratorMismatch:
        raise SystemExit(
            "the generator no longer reproduces data/resume_chunks.csv (another Faker version?); "
            "install the test extra's pins"
        ) from None
    conventions = {r["resume_id"]: r["_convention"] for r in rows}
    cache().mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps(conventions))
    return conventions


def scores(predicted, frame) -> dict:
    from resume_bert.evaluation import compute_metrics

    labels = sorted(set(frame["label"]))
    m = compute_metrics(frame["label"].tolist(), list(predicted), labels)
    return {"n": len(frame), "accuracy": round(m["accuracy"], 4), "macro_f1": round(m["macro_f1"], 4)}


def train_base(data, epochs: int, seed: int, check_paths: dict) -> tuple[Path, dict]:
    """The base model: the workflow's prepare → tokenise → train (with temperature scaling) → evaluate, without the held-out kind."""
    from resume_bert.app.artifacts import read_json, write_csv
    from resume_bert.app.workflow import analyse_tokenization, evaluate_model, prepare_data, train_model
    from resume_bert.training import TrainingConfig

    out = cache() / f"base_e{epochs}_s{seed}"
    if not (out / "model" / "config.json").exists():
        write_csv(data, cache() / "train_without_kind.csv")
        prepare_data(cache() / "train_without_kind.csv", out, seed=seed)
        analyse_tokenization(out, "bundled", MAX_LENGTH)
        # resume: a run stopped after its last epoch (or killed midway) is finished from its checkpoint
        train_model(
            out,
            "bundled",
            TrainingConfig(num_train_epochs=epochs, seed=seed),
            max_length=MAX_LENGTH,
            show_progress=False,
            resume=True,
        )
    # Scored every run, so that a changed check set is never read from the cache.
    evaluate_model(out, check_sets=check_paths)
    return out, read_json(out / "metrics.json")


def draw_corrections(kind, seed: int, per_label: int):
    """Resumes of `kind` in a seeded order until every label has `per_label` chunks; that many per label, and the other resumes."""
    import numpy as np

    rng = np.random.default_rng(seed)
    ids = list(kind["resume_id"].unique())
    rng.shuffle(ids)
    need = set(kind["label"])
    taken = []
    for rid in ids:
        taken.append(rid)
        counts = kind[kind["resume_id"].isin(taken)]["label"].value_counts()
        if all(counts.get(label, 0) >= per_label for label in need):
            break
    pool = kind[kind["resume_id"].isin(taken)]
    corrected = pool.groupby("label", group_keys=False).sample(n=per_label, random_state=seed)
    rest = kind[~kind["resume_id"].isin(taken)]
    return corrected.reset_index(drop=True), rest.reset_index(drop=True), len(taken)


def adapt_once(
    model_dir: Path,
    corrected,
    rest,
    recipe: dict,
    seed: int,
    mix_csv: Path,
    sets: dict,
    run_name: str = "run",
    dev_path: str = "auto",
) -> dict:
    """Continue training the model in `model_dir` on `corrected` with `recipe`; scores on `rest` and each set after.

    `dev_path` chooses the epoch as `resume-bert train --dev-path` does ("none": the corrected rows' validation split).
    """
    from resume_bert.app.adapt import mix_in
    from resume_bert.app.classifiers import load_classifier
    from resume_bert.app.options import CONTINUE_TRAINING
    from resume_bert.app.workflow import analyse_tokenization, save_splits, train_model
    from resume_bert.preparation import LabelMap, split_dataset
    from resume_bert.training import TrainingConfig

    run = cache() / "runs" / f"{run_name}_s{seed}"
    shutil.rmtree(run, ignore_errors=True)
    label_map = LabelMap(load_classifier(model_dir).labels)
    splits = split_dataset(corrected, (0.85, 0.15, 0.0), seed=seed)
    splits["test"] = rest
    splits["train"], n_mixed = mix_in(splits["train"], mix_csv, recipe["mix_ratio"], label_map, seed)
    save_splits(run, splits, label_map)
    analyse_tokenization(run, str(model_dir), MAX_LENGTH)
    start = time.perf_counter()
    config = TrainingConfig(
        num_train_epochs=recipe["num_train_epochs"],
        learning_rate=recipe["learning_rate"],
        early_stopping_patience=CONTINUE_TRAINING["early_stopping_patience"],
        seed=seed,
    )
    trained = train_model(
        run,
        str(model_dir),
        config,
        max_length=MAX_LENGTH,
        show_progress=False,
        freeze_layers=recipe["freeze_layers"],
        dev_path=dev_path,
    )
    seconds = time.perf_counter() - start
    classifier = load_classifier(run / "model")
    after = {"kind_rest": scores(classifier.predict_labels(rest["text"].tolist()), rest)}
    for name, frame in sets.items():
        after[name] = scores(classifier.predict_labels(frame["text"].tolist()), frame)
    shutil.rmtree(run, ignore_errors=True)
    return {
        "after": after,
        "n_train": len(splits["train"]),
        "n_val": len(splits["val"]),
        "n_mixed": n_mixed,
        "best_epoch": trained.result.best_epoch,
        "train_seconds": round(seconds, 1),
    }


def run_recipe(name, recipe, base_dir, half, base_predictions, sets, seeds, per_label, mix_csv) -> dict:
    draws = []
    for seed in seeds:
        corrected, rest, n_resumes = draw_corrections(half, seed, per_label)
        run = adapt_once(base_dir / "model", corrected, rest, recipe, seed, mix_csv, sets)
        before = {
            "kind_rest": scores(rest["text"].map(base_predictions), rest),
            **{k: scores(frame["text"].map(base_predictions), frame) for k, frame in sets.items()},
        }
        run.update(seed=seed, resumes_drawn=n_resumes, n_corrected=len(corrected), before=before)
        gain = run["after"]["kind_rest"]["accuracy"] - before["kind_rest"]["accuracy"]
        print(
            f"  {name} draw {seed}: {len(corrected)} corrected from {n_resumes} resumes, rest {len(rest)} chunks: "
            f"accuracy {before['kind_rest']['accuracy']:.3f} -> {run['after']['kind_rest']['accuracy']:.3f} "
            f"({gain:+.3f}), best epoch {run['best_epoch']}, {run['train_seconds']:.0f} s",
            flush=True,
        )
        draws.append(run)
    return {"recipe": recipe, "draws": draws, "summary": summarise(draws)}


def summarise(draws: list[dict]) -> dict:
    """Per set: mean and spread (standard deviation, min, max) of accuracy before, after and the change."""
    summary = {}
    for name in draws[0]["after"]:
        change = [d["after"][name]["accuracy"] - d["before"][name]["accuracy"] for d in draws]
        summary[name] = {
            "before_mean": round(statistics.mean(d["before"][name]["accuracy"] for d in draws), 4),
            "after_mean": round(statistics.mean(d["after"][name]["accuracy"] for d in draws), 4),
            "change_mean": round(statistics.mean(change), 4),
            "change_sd": round(statistics.stdev(change), 4) if len(change) > 1 else 0.0,
            "change_min": round(min(change), 4),
            "change_max": round(max(change), 4),
            "macro_f1_change_mean": round(
                statistics.mean(d["after"][name]["macro_f1"] - d["before"][name]["macro_f1"] for d in draws), 4
            ),
        }
    return summary


def choose(results: dict) -> str:
    """Best mean gain on india_dev's other resumes among recipes that drop no development set by more than 0.02."""

    def ok(r):
        return all(r["summary"][s]["change_mean"] >= -0.02 for s in DEV_SETS if s in r["summary"])

    candidates = [n for n, r in results.items() if ok(r)] or list(results)
    return max(candidates, key=lambda n: results[n]["summary"]["kind_rest"]["change_mean"])


def adaptation_table(result: dict) -> str:
    lines = [
        "| recipe | set | draws | accuracy before | after (mean) | change: mean | sd | min | max | macro-F1 change |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for part in ("india_eval", "india_dev"):
        for name, r in result.get(part, {}).items():
            for s, v in r["summary"].items():
                label = f"{part.replace('_', ' ')}: other resumes" if s == "kind_rest" else s
                lines.append(
                    f"| {name} | {label} | {len(r['draws'])} | {v['before_mean']:.3f} | {v['after_mean']:.3f} | "
                    f"{v['change_mean']:+.3f} | {v['change_sd']:.3f} | {v['change_min']:+.3f} | "
                    f"{v['change_max']:+.3f} | {v['macro_f1_change_mean']:+.3f} |"
                )
    return "\n".join(lines)


def calibration_table(calibration: dict) -> str:
    lines = [
        f"Temperature fitted on the validation split: T = {calibration['temperature']:.3f} "
        f"(ECE over {calibration['n_bins']} bins)",
        "",
        "| set | chunks | accuracy | mean confidence before | after | ECE before | ECE after |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, v in calibration["sets"].items():
        lines.append(
            f"| {name} | {v['n']} | {v['accuracy']:.3f} | {v['mean_confidence_before']:.3f} | "
            f"{v['mean_confidence_after']:.3f} | {v['ece_before']:.3f} | {v['ece_after']:.3f} |"
        )
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--draws", type=int, default=5, help="random draws of the corrected rows per recipe (default 5)"
    )
    parser.add_argument("--per-label", type=int, default=10, help="corrected chunks per label (default 10)")
    parser.add_argument("--base-epochs", type=int, default=3, help="epochs of the base model (default 3)")
    parser.add_argument(
        "--recipes", default=",".join(RECIPES), help=f"recipes to compare (default {','.join(RECIPES)})"
    )
    parser.add_argument(
        "--only",
        default=None,
        metavar="RECIPE",
        help="skip the choice on india_dev: run this recipe (and plain, if listed in --recipes) on india_eval",
    )
    parser.add_argument("--quick", action="store_true", help="score only 100 chunks of each check set (for a try-out)")
    parser.add_argument("--threads", type=int, default=None)
    args = parser.parse_args(argv)
    import numpy as np
    import pandas as pd

    from resume_bert.app.artifacts import write_csv
    from resume_bert.app.classifiers import load_classifier
    from resume_bert.app.input_checks import load_dataset
    from resume_bert.preparation import clean_dataset

    threads = set_threads(args.threads)
    started, load_before = time.perf_counter(), load_average()
    conventions = resume_conventions()
    data, _ = clean_dataset(load_dataset(REPO / "data" / "resume_chunks.csv"))
    in_kind = data["resume_id"].map(conventions) == KIND
    kind, others = data[in_kind].reset_index(drop=True), data[~in_kind].reset_index(drop=True)
    ids = np.random.default_rng(0).permutation(sorted(kind["resume_id"].unique()))
    halves = {
        "india_dev": kind[kind["resume_id"].isin(ids[: len(ids) // 2])],
        "india_eval": kind[kind["resume_id"].isin(ids[len(ids) // 2 :])],
    }
    print(
        f"{KIND} convention: {len(kind)} chunks of {kind['resume_id'].nunique()} resumes held out "
        f"({', '.join(f'{k} {v.resume_id.nunique()} resumes' for k, v in halves.items())}); "
        f"base model trains on the other {len(others)} chunks",
        flush=True,
    )

    check_paths = {name: REPO / "data" / file for name, file in CHECK_SETS.items()}
    cache().mkdir(parents=True, exist_ok=True)
    write_csv(kind, cache() / f"{KIND}_chunks.csv")  # the unseen kind as a check set of the base model's calibration
    base_dir, base_metrics = train_base(
        others, args.base_epochs, 42, {**check_paths, KIND: cache() / f"{KIND}_chunks.csv"}
    )
    print(
        f"base model: test accuracy {base_metrics['accuracy']:.3f}, T = {base_metrics['calibration']['temperature']:.3f}",
        flush=True,
    )
    base_test = pd.read_csv(base_dir / "data" / "test.csv", dtype=str, keep_default_na=False)
    sets = {"generated_test": base_test}
    for name, path in check_paths.items():
        sets[name], _ = clean_dataset(load_dataset(path))
    if args.quick:
        sets = {k: v.sample(n=min(100, len(v)), random_state=0) for k, v in sets.items()}
    base = load_classifier(base_dir / "model")
    texts = sorted(set(kind["text"]).union(*(set(f["text"]) for f in sets.values())))
    base_predictions = dict(zip(texts, base.predict_labels(texts)))
    # The base model's own training split: what it knew, mixed back in.
    mix_csv = base_dir / "data" / "train.csv"
    print(
        "base model on the held-out kind: "
        + ", ".join(f"{k} {scores(v['text'].map(base_predictions), v)['accuracy']:.3f}" for k, v in halves.items()),
        flush=True,
    )
    seeds = list(range(1, args.draws + 1))
    names = [n.strip() for n in args.recipes.split(",") if n.strip()]
    unknown = set(names) - set(RECIPES)
    if unknown:
        parser.error(f"unknown recipe(s) {', '.join(sorted(unknown))}; choose from {', '.join(RECIPES)}")
    dev_sets = {k: v for k, v in sets.items() if k in DEV_SETS}
    result = {"india_dev": {}, "india_eval": {}}
    for name in [] if args.only else names:
        print(f"recipe {name} on india_dev: {RECIPES[name]}", flush=True)
        result["india_dev"][name] = run_recipe(
            name,
            RECIPES[name],
            base_dir,
            halves["india_dev"],
            base_predictions,
            dev_sets,
            seeds,
            args.per_label,
            mix_csv,
        )
    chosen = args.only or choose(result["india_dev"])
    for name in dict.fromkeys([chosen, "plain"] if "plain" in names else [chosen]):
        print(f"recipe {name} on india_eval", flush=True)
        result["india_eval"][name] = run_recipe(
            name, RECIPES[name], base_dir, halves["india_eval"], base_predictions, sets, seeds, args.per_label, mix_csv
        )
    report = {
        "command": "python benchmarks/adaptation.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "machine": describe_machine(),
        "threads": threads,
        "versions": versions(),
        "load_average_before": load_before,
        "load_average_after": load_average(),
        "minutes": round((time.perf_counter() - started) / 60, 1),
        "kind": {
            "convention": KIND,
            "chunks": len(kind),
            "resumes": int(kind["resume_id"].nunique()),
            "halves": {k: {"chunks": len(v), "resumes": int(v["resume_id"].nunique())} for k, v in halves.items()},
        },
        "data_digest": data_digest(),
        "real_data": real_digests(),
        "per_label": args.per_label,
        "seeds": seeds,
        "quick": args.quick,
        "base": {
            "epochs": args.base_epochs,
            "max_length": MAX_LENGTH,
            "n_train": base_metrics["n_train"],
            "test_accuracy": base_metrics["accuracy"],
            "test_macro_f1": base_metrics["macro_f1"],
            "check_sets": {
                k: {"accuracy": v["accuracy"], "macro_f1": v["macro_f1"]} for k, v in base_metrics["check_sets"].items()
            },
            "calibration": base_metrics["calibration"],
        },
        "chosen_recipe": chosen,
        "chosen_on": (
            f"not measured: --only {args.only}"
            if args.only
            else "india_dev (other resumes) and the development sets " + ", ".join(DEV_SETS)
        ),
        **result,
    }
    path = write_result(report, "adaptation" + ("_quick" if args.quick else ""))
    print(f"\nwrote {path} ({report['minutes']} minutes)\n")
    print(adaptation_table(report))
    print()
    print(calibration_table(report["base"]["calibration"]))


if __name__ == "__main__":
    main()
