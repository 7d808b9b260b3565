"""The recipe study's choice, trained as `resume-bert train` trains it, beside the default run, on the hold-outs.

    python benchmarks/recipe_check.py    # two training runs; about 12 minutes on 2 CPU cores

`recipe_study.py` chooses on the real-resume development part and never reads the hold-outs.
This is the look at them that comes after: `resume-bert train` trains the default run and the
recommended recipe (`results/recipe_study.json`) from the same seed, each keeping the epoch with
the best development accuracy, and both are scored on the generated test split and the two
hold-outs. A recipe with another count of generated resumes trains on the generator's CSV of
that count, split as `resume-bert train` splits it, as the default run would if the sample data
were that CSV. Writes results/recipe_check.json; `results_table.py --write` puts it beside the
study's tables. Once read for a choice, the hold-outs are no longer a hold-out for it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import fields
from pathlib import Path

import pandas as pd
from benchmark_setup import DATA_PATH, REPO, RESULTS, cpu_name, data_digest, describe_machine, real_digests, versions

from resume_bert.app.artifacts import write_json
from resume_bert.training import TrainingConfig

# Recipe fields `resume-bert train` has a flag for: TrainingConfig's, and the frozen layers.
FLAGS = {f.name for f in fields(TrainingConfig)} | {"freeze_layers"}
DATA_KNOBS = {"train_resumes"}  # the generator's count of resumes: another training CSV (`training_data`)
# Training must still learn the data it is given: below this on the generated test split a recipe is not taken.
TEST_SPLIT_FLOOR = 0.98


def verdict(runs: dict, chosen: str) -> str:
    """Whether the recommendation passes the check the default run would need: the generated split first, then the real hold-out."""
    default, mine = runs["default"]["sets"], runs[chosen]["sets"]
    if mine["test"]["accuracy"] < TEST_SPLIT_FLOOR:
        return (
            f"not taken: its generated test split ({mine['test']['accuracy']:.4f}) is below {TEST_SPLIT_FLOOR}, "
            "whatever the hold-outs say"
        )
    if mine["real_holdout"]["accuracy"] < default["real_holdout"]["accuracy"]:
        return "not taken: it scores below the default run on the real-resume hold-out"
    return "passes the check: it learns the generated split and scores no lower than the default run on the real-resume hold-out"


def train_flags(changes: dict) -> list[str]:
    """`resume-bert train` flags for a recipe's changes; a change it has no flag for is an error."""
    missing = sorted(set(changes) - FLAGS - DATA_KNOBS)
    if missing:
        sys.exit(
            f"the recommended recipe changes {', '.join(missing)}, which `resume-bert train` has no flag for; "
            "train it with recipe_study.py's loop instead"
        )
    flags = {name: value for name, value in changes.items() if name not in DATA_KNOBS}
    return [arg for name, value in flags.items() for arg in (f"--{name.replace('_', '-')}", str(value))]


def training_data(changes: dict, workdir: Path) -> Path:
    """The sample data, or for `train_resumes` other than 1 the generator's CSV of that many times its resumes."""
    share = changes.get("train_resumes", 1.0)
    if share == 1.0:
        return DATA_PATH
    n = round(share * pd.read_csv(DATA_PATH, usecols=["resume_id"])["resume_id"].nunique())
    path = workdir / f"resume_chunks_{n}.csv"
    generator = REPO / "data" / "make_resume_chunks.py"
    subprocess.run([sys.executable, str(generator), "--resumes", str(n), "--output", str(path)], check=True)
    return path


def summary(out: Path) -> dict:
    """What one run kept and how it scored: metrics.json and history.json of `resume-bert train`."""
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    history = json.loads((out / "history.json").read_text(encoding="utf-8"))
    sets = {"test": {**metrics, "n": metrics["n_test"]}, **metrics["check_sets"]}
    calibration = metrics["calibration"]["sets"]
    return {
        "learning_rate": history["config"]["learning_rate"],
        "epochs_run": len(history["history"]),
        "epoch_kept": history["best_epoch"],
        "selected_on": history["selected_on"],
        "dev_accuracy": [round(e["dev_accuracy"], 4) for e in history["history"]],
        "val_macro_f1": [round(e["val_macro_f1"], 4) for e in history["history"]],
        "temperature": round(metrics["calibration"]["temperature"], 4),
        "sets": {
            name: {
                "n": s["n"],
                "accuracy": round(s["accuracy"], 4),
                "macro_f1": round(s["macro_f1"], 4),
                "baseline_accuracy": round(s["baseline"]["accuracy"], 4),
                "ece": round(calibration[name]["ece_after"], 4) if name in calibration else None,
            }
            for name, s in sets.items()
        },
    }


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--study", type=Path, default=RESULTS / "recipe_study.json", help="the recipe study's results")
    p.add_argument("--output", type=Path, default=RESULTS / "recipe_check.json")
    args = p.parse_args(argv)

    if not args.study.is_file():
        sys.exit(f"{args.study}: no such file; run `python benchmarks/recipe_study.py` first")
    study = json.loads(args.study.read_text(encoding="utf-8"))
    if study["try_out"]:
        sys.exit(f"{args.study} is a try-out, which recommends nothing: run the whole study first")
    chosen = study["recommendation"]["recipe"]
    changes = study["recipes"][chosen]["changes"] if chosen != "default" else {}
    runs = {"default": {}, chosen: changes} if changes else {"default": {}}
    # all flags first: a change `resume-bert train` cannot make stops the check before any training
    flags_of = {name: train_flags(recipe) for name, recipe in runs.items()}

    command = [sys.executable, "-m", "resume_bert", "train"]
    results, start = {}, time.monotonic()
    with tempfile.TemporaryDirectory(prefix="recipe_check_") as tmp:
        for name, recipe in runs.items():
            out, flags, data = Path(tmp) / name, flags_of[name], training_data(recipe, Path(tmp))
            print(f"{name}: resume-bert train --data-path {data.name} {' '.join(flags) or '(defaults)'}", flush=True)
            began = time.monotonic()
            subprocess.run([*command, "--data-path", str(data), "--output-dir", str(out), *flags], check=True)
            results[name] = {
                "flags": flags,
                "data": {"file": data.name, "digest": data_digest(data)},
                **summary(out),
                "seconds": round(time.monotonic() - began, 1),
            }

    write_json(
        {
            "command": "python benchmarks/recipe_check.py",
            "machine": describe_machine(),
            "cpu": cpu_name(),
            "versions": versions(),
            "data_digest": data_digest(),
            "real_data": real_digests(),
            "recommendation": {"recipe": chosen, "epoch": study["recommendation"]["epoch"], "changes": changes},
            "runs": results,
            "minutes": round((time.monotonic() - start) / 60, 1),
        },
        args.output,
    )
    for name, r in results.items():
        s = r["sets"]
        print(
            f"{name:<10} epoch {r['epoch_kept']} of {r['epochs_run']}  test {s['test']['accuracy']:.4f}  "
            f"real hold-out {s['real_holdout']['accuracy']:.4f}  hand-written {s['holdout']['accuracy']:.4f}"
        )
    if chosen in results and chosen != "default":
        print(f"{chosen}: {verdict(results, chosen)}")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
