"""Which training recipe, and which epoch, holds on real resumes: every epoch scored on the real-resume dev part, leave-one-source-out.

    python benchmarks/recipe_study.py            # the whole study; hours on 2 CPU cores (benchmarks/README.md)
    python benchmarks/recipe_study.py --smoke    # seconds: a tiny random model, a few rows, results to the cache
    python benchmarks/recipe_study.py --recipes default,lr3e-5 --num-train-epochs 2 --seeds 42   # a try-out

1. Screen: each recipe of `SCREEN` (the default run, then one factor changed at a time)
   trains the bundled encoder on the generated training split (split by resume as
   `resume-bert train` splits it) from the first seed, and every epoch is scored on the
   generated validation split and on the real-resume dev part (accuracy, macro-F1 over the
   labels present, per-label and per-source-group accuracy, expected calibration error).
2. Combinations: the factors whose best level beat its reference on the dev part, best
   first, at most three, combined in pairs and all together.
3. Seeds: the `--shortlist` recipes that hold best across source groups, and the default,
   rerun from the other seeds; the standard deviation over seeds says which differences
   are noise.
4. Leave-one-source-out: for each source group, the (recipe, epoch) with the best mean over
   the other groups and its score on the group left out, beside the default run's; then
   the recommendation (`recipe_analysis.recommend` states its rule).

The hold-outs (data/real_holdout_chunks.csv, data/holdout_chunks.csv) are never read. Each
run is cached under benchmarks/.cache/recipe_study/, so an interrupted study goes on where
it stopped; `--reuse results/recipe_study.json` counts an earlier study's runs as cached.
Writes results/recipe_study.json; `results_table.py --write` makes the README table.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np
from benchmark_setup import (
    REPO,
    RESULTS,
    cpu_name,
    describe_machine,
    file_sha256,
    load_average,
    load_splits,
    save_tiny_bert,
    set_threads,
    versions,
)
from recipe_analysis import (
    SOURCE_GROUPS,
    candidates,
    cross_fitted_ece,
    dev_scores,
    epoch_kept_by_validation,
    leave_one_source_out,
    rank_key,
    recipe_summary,
    recommend,
    seed_spread,
    source_group,
)
from recipe_training import DataRecipeError, Recipe, StudyData, generator_data, train_and_score

from resume_bert.app.artifacts import write_json

CACHE = Path(__file__).resolve().parent / ".cache" / "recipe_study"
DEV_PATH = REPO / "data" / "real_dev_chunks.csv"
HOLD_OUTS = ("real_holdout_chunks.csv", "holdout_chunks.csv")
SPLIT_SEED = 42  # the split `resume-bert train` makes by default; the seeds below vary only the training
# name -> (factor, the recipe it is compared with, what it changes in the default run)
SCREEN = {
    "default": (None, None, {}),
    "epochs2": ("epochs", "default", {"num_train_epochs": 2}),
    "epochs3": ("epochs", "default", {"num_train_epochs": 3}),
    "epochs6": ("epochs", "default", {"num_train_epochs": 6}),
    "lr5e-5": ("learning rate", "default", {"learning_rate": 5e-5}),
    "lr3e-5": ("learning rate", "default", {"learning_rate": 3e-5}),
    "freeze2": ("frozen layers", "default", {"freeze_layers": 2}),
    "llrd0.9": ("layer-wise decay", "default", {"layer_decay": 0.9}),
    "llrd0.8": ("layer-wise decay", "default", {"layer_decay": 0.8}),
    "smooth0.1": ("label smoothing", "default", {"label_smoothing": 0.1}),
    "dropout0.2": ("dropout", "default", {"dropout": 0.2}),
    "resumes0.5": ("generated resumes", "default", {"train_resumes": 0.5}),
    "resumes2": ("generated resumes", "default", {"train_resumes": 2.0}),
    "rendered0.25": ("rendered share", "resumes0.5", {"train_resumes": 0.5, "rendered_share": 0.25}),
    "rendered0.75": ("rendered share", "resumes0.5", {"train_resumes": 0.5, "rendered_share": 0.75}),
    "lpft": ("head warm-up", "default", {"head_warmup": True}),
    "average": ("weight averaging", "default", {"average_epochs": True}),
    "meanpool": ("pooling", "default", {"pooling": "mean"}),
    "wise0.5": ("weights toward pretrained", "default", {"interpolation": 0.5}),
}
SMOKE_RECIPES = ("default", "freeze2", "llrd0.8", "smooth0.1", "dropout0.2", "resumes0.5", "meanpool", "wise0.5")


def combinations(table: dict, max_factors: int = 3) -> dict[str, dict]:
    """Recipes that combine the factors whose best level beat its reference (by `rank_key` at the best epoch).

    Factors are ranked by how far their best level is ahead; the top `max_factors` are
    combined in pairs and all together; a combination whose factors set one knob to two values
    (twice the resumes, and half of them for the rendered share) is left out.
    """

    def best(name):
        return max((rank_key(groups) for (n, _), groups in table.items() if n == name), default=None)

    ahead = {}
    for name, (factor, reference, _) in SCREEN.items():
        mine, theirs = best(name), best(reference) if reference else None
        if factor and mine and theirs and mine > theirs:
            gain = (mine[0] - theirs[0], mine[1] - theirs[1])
            if factor not in ahead or gain > ahead[factor][1]:
                ahead[factor] = (name, gain)
    top = [name for name, _ in sorted(ahead.values(), key=lambda x: x[1], reverse=True)[:max_factors]]
    combos = {}
    for size in range(2, len(top) + 1):
        for names in itertools.combinations(top, size):
            changes = {}
            for name in names:
                clash = any(changes.get(k, v) != v for k, v in SCREEN[name][2].items())
                changes.update(SCREEN[name][2])
                if clash:
                    break
            else:
                combos["+".join(names)] = changes
    return combos


def shortlist(table: dict, n: int, default: str = "default") -> list[str]:
    """The `n` recipes other than the default whose best epoch holds best across groups (`rank_key`)."""
    best = {}
    for (name, _), groups in table.items():
        if name != default:
            best[name] = max(best.get(name, (-1.0, -1.0)), rank_key(groups))
    return sorted(best, key=lambda name: best[name], reverse=True)[:n]


class Study:
    """The shared data and the cached runs."""

    def __init__(self, args):
        from resume_bert.app.input_checks import load_dataset
        from resume_bert.app.model_loading import load_tokenizer
        from resume_bert.dataset import ClassificationDataset, suggest_max_length, token_lengths
        from resume_bert.preparation import clean_dataset

        self.args = args
        splits, self.label_map = load_splits(args.data_path, seed=SPLIT_SEED)
        if args.max_train_rows:
            splits["train"] = splits["train"].head(args.max_train_rows)
            splits["val"] = splits["val"].head(args.max_train_rows)
        dev, _ = clean_dataset(load_dataset(args.dev_path))
        if "source" not in dev.columns:
            raise SystemExit(f"{args.dev_path} has no `source` column; the study groups dev chunks by their source")
        unknown = set(dev["label"]) - set(self.label_map.labels)
        if unknown:
            raise SystemExit(f"{args.dev_path} has labels the training data lacks: {sorted(unknown)}")
        try:
            dev["group"] = dev["source"].map(source_group)
        except ValueError as err:
            raise SystemExit(str(err)) from None
        self.dev = dev
        self.tokenizer, _ = load_tokenizer(args.model_name_or_path)
        max_length = args.max_length or suggest_max_length(token_lengths(self.tokenizer, splits["train"]["text"]))
        needs_kinds = any(self.recipe(name).rendered_share is not None for name in args.recipes)
        grow = max(self.recipe(name).train_resumes for name in args.recipes)
        n_ids = splits["train"]["resume_id"].nunique()
        n_more = round(grow * n_ids) - n_ids
        kinds, self.kinds_note, more, self.more_note = generator_data(args.data_path, needs_kinds, n_more)
        self.data = StudyData(
            train=splits["train"],
            val_dataset=ClassificationDataset(
                splits["val"]["text"].tolist(),
                self.label_map.encode(splits["val"]["label"]),
                self.tokenizer,
                max_length,
            ),
            dev_dataset=ClassificationDataset(
                dev["text"].tolist(), self.label_map.encode(dev["label"]), self.tokenizer, max_length
            ),
            label_map=self.label_map,
            tokenizer=self.tokenizer,
            max_length=max_length,
            kinds=kinds,
            more=more,
        )
        self.gold = np.array(self.label_map.encode(dev["label"]))
        self.groups = dev["group"].to_numpy()
        self.fingerprint = {
            "data": file_sha256(args.data_path),
            "dev": file_sha256(args.dev_path),
            "model": args.model_name_or_path,
            "max_length": max_length,
            "max_train_rows": args.max_train_rows,
            "split_seed": SPLIT_SEED,
        }
        # the resumes beyond the data file count only for the runs that train on them
        self.more_digest = None if more is None else hashlib.sha256(more.to_csv(index=False).encode()).hexdigest()
        self.recipes: dict[str, dict] = {}
        self.runs: list[dict] = []
        self.skipped: dict[str, str] = {}

    def recipe(self, name: str, changes: dict | None = None) -> Recipe:
        recipe = Recipe(**(SCREEN[name][2] if changes is None else changes))
        if self.args.num_train_epochs:
            recipe = replace(recipe, num_train_epochs=self.args.num_train_epochs)
        return recipe

    def score_epoch(self, val_logits, val_labels, dev_logits) -> dict:
        from resume_bert.calibration import expected_calibration_error, fit_temperature
        from resume_bert.inference import softmax

        t_val = fit_temperature(val_logits, val_labels)
        dev = dev_scores(dev_logits, self.gold, self.groups, self.label_map.labels)
        dev["ece_val_temperature"] = round(expected_calibration_error(softmax(dev_logits / t_val), self.gold), 4)
        dev["ece_dev_temperature_cross_fitted"] = cross_fitted_ece(dev_logits, self.gold, self.groups)
        dev["dev_temperature"] = round(fit_temperature(dev_logits, self.gold), 4)
        return {
            "val_ece": round(expected_calibration_error(softmax(val_logits), val_labels), 4),
            "val_temperature": round(t_val, 4),
            "dev": dev,
        }

    def cache_path(self, name: str, recipe: Recipe, seed: int) -> Path:
        parts = [recipe.cache_fields(), seed, self.fingerprint] + (
            [self.more_digest] if recipe.train_resumes > 1 else []
        )
        key = hashlib.sha256(json.dumps(parts, sort_keys=True).encode())
        return self.args.cache_dir / f"{name}_s{seed}_{key.hexdigest()[:12]}.json"

    def reuse(self, path: Path) -> int:
        """Put an earlier study's runs into the cache, if it was measured on this data, dev part and model.

        A new factor then trains only its own runs. Returns how many of its runs count as cached.
        A try-out's runs count too when it trained on every row: a try-out's other overrides
        (`--num-train-epochs`) are in its recipes, so its runs are cached under names of their own.
        """
        if not Path(path).is_file():
            raise SystemExit(f"--reuse {path}: no such file; give an earlier study's JSON (results/recipe_study.json)")
        earlier = json.loads(Path(path).read_text(encoding="utf-8"))
        measured_on = (earlier["data"]["sha256"], earlier["dev"]["sha256"], earlier["model"], earlier["max_length"])
        here = (self.fingerprint["data"], self.fingerprint["dev"], self.args.model_name_or_path, self.data.max_length)
        rows = (earlier["data"].get("n_train"), earlier["data"].get("n_val"))
        all_rows = (len(self.data.train), len(self.data.val_dataset))
        if earlier["data"]["split_seed"] != SPLIT_SEED or measured_on != here or rows != all_rows:
            raise SystemExit(
                f"{path} was measured on other data, dev part or model (or on part of the rows): run without --reuse"
            )
        same_more = self.more_digest is not None and earlier["data"].get("more_sha256") == self.more_digest
        counted = 0
        for record in earlier["runs"]:
            recipe = Recipe(**earlier["recipes"][record["recipe"]]["recipe"])
            if recipe.train_resumes > 1 and not same_more:
                continue  # trained on other generated resumes than this study's
            cached = self.cache_path(record["recipe"], recipe, record["seed"])
            if not cached.exists():
                write_json({"cpu": earlier["cpu"], **record}, cached)
            counted += 1
        return counted

    def run(self, name: str, recipe: Recipe, seed: int, stage: str) -> dict | None:
        self.recipes.setdefault(name, {"stage": stage, "changes": recipe.changes(), "recipe": asdict(recipe)})
        if recipe.rendered_share is not None and self.data.kinds is None:
            self.skipped[name] = f"needs to know which resumes were rendered: {self.kinds_note}"
            return None
        if recipe.train_resumes > 1 and self.data.more is None:
            self.skipped[name] = f"needs more generated resumes than the data file: {self.more_note}"
            return None
        cached = self.cache_path(name, recipe, seed)
        if cached.exists():
            record = json.loads(cached.read_text())
            print(f"  {name}, seed {seed}: from {cached.relative_to(self.args.cache_dir.parent)}", flush=True)
        else:
            print(f"  {name}, seed {seed}: {recipe.changes() or 'the default run'}", flush=True)
            try:
                record = train_and_score(recipe, seed, self.data, self.args.model_name_or_path, self.score_epoch)
            except DataRecipeError as err:
                self.skipped[name] = str(err)
                print(f"    skipped: {err}", flush=True)
                return None
            record = {"recipe": name, "seed": seed, "stage": stage, "cpu": cpu_name(), **record}
            record["epoch_kept_by_validation"] = epoch_kept_by_validation(record["epochs"])
            write_json(record, cached)
        self.runs.append(record)
        return record


def default_by_group(runs: list[dict], seeds: list[int], default: str = "default") -> dict[str, float]:
    """Per group: the default run's accuracy at the epoch validation keeps (as `resume-bert train --dev-path none` does), mean over seeds."""
    mine = [r for r in runs if r["recipe"] == default and r["seed"] in seeds]
    if not mine:
        return {}
    scores = [r["epochs"][r["epoch_kept_by_validation"] - 1]["dev"]["per_group"] for r in mine]
    return {g: round(statistics.mean(s[g] for s in scores), 4) for g in scores[0]}


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data-path", type=Path, default=REPO / "data" / "resume_chunks.csv", help="generated training CSV")
    p.add_argument("--dev-path", type=Path, default=DEV_PATH, help="real-resume dev part (needs a `source` column)")
    p.add_argument("--model-name-or-path", default="bundled")
    p.add_argument("--recipes", default=",".join(SCREEN), help="screen recipes to run (default: all of SCREEN)")
    p.add_argument(
        "--seeds", default="42,1,2", help="the first screens; the others rerun the shortlist (default 42,1,2)"
    )
    p.add_argument("--shortlist", type=int, default=3, help="recipes rerun from every seed, beside the default")
    p.add_argument("--no-combinations", action="store_true", help="skip the combinations stage")
    p.add_argument("--num-train-epochs", type=int, default=None, help="override every recipe's epochs (a try-out)")
    p.add_argument("--max-length", type=int, default=None, help="default: covers 99%% of training chunks")
    p.add_argument(
        "--max-train-rows",
        type=int,
        default=None,
        help="train and validate on the first N rows of each split (a try-out)",
    )
    p.add_argument("--threads", type=int, default=None)
    p.add_argument("--output", type=Path, default=None, help="default results/recipe_study.json (a try-out: the cache)")
    p.add_argument("--cache-dir", type=Path, default=CACHE / "runs")
    p.add_argument(
        "--reuse",
        type=Path,
        default=None,
        help="an earlier study's JSON whose runs count as cached (same data, dev part and model)",
    )
    p.add_argument("--smoke", action="store_true", help="a tiny random model, 160 rows, 2 epochs, 2 seeds: seconds")
    args = p.parse_args(argv)
    args.recipes = [r for r in args.recipes.split(",") if r]
    args.seeds = [int(s) for s in args.seeds.split(",") if s]
    unknown = [r for r in args.recipes if r not in SCREEN]
    if unknown or "default" not in args.recipes:
        p.error(f"--recipes takes names of SCREEN ({', '.join(SCREEN)}) and must include default; unknown: {unknown}")
    if Path(args.dev_path).name in HOLD_OUTS:
        p.error(f"{args.dev_path} is a hold-out: the study chooses, so it never scores a hold-out")
    if args.smoke:
        work = Path(tempfile.mkdtemp(prefix="recipe_study_smoke_"))
        args.model_name_or_path = str(save_tiny_bert(work / "tiny-bert"))
        args.recipes = [r for r in args.recipes if r in SMOKE_RECIPES]
        args.seeds, args.shortlist = args.seeds[:2], min(args.shortlist, 1)
        args.num_train_epochs, args.max_length, args.max_train_rows = 2, 32, args.max_train_rows or 160
        args.cache_dir = work / "runs"
        args.output = args.output or work / "recipe_study.json"
    try_out = args.smoke or args.num_train_epochs or args.max_train_rows or args.recipes != list(SCREEN)
    args.try_out = bool(try_out)
    args.output = args.output or (CACHE / "try_out.json" if try_out else RESULTS / "recipe_study.json")
    return args


def run_stages(study: Study, args) -> list[str]:
    """Screen, combinations, seed reruns; returns the recipes rerun from every seed (the default first)."""
    seeds = args.seeds
    print("screen:", flush=True)
    for name in args.recipes:
        study.run(name, study.recipe(name), seeds[0], "screen")
    combos = {} if args.no_combinations else combinations(candidates(study.runs, list(study.recipes), seeds[:1]))
    if combos:
        print("combinations:", flush=True)
    for name, changes in combos.items():
        study.run(name, study.recipe(name, changes), seeds[0], "combination")
    listed = ["default"] + shortlist(candidates(study.runs, list(study.recipes), seeds[:1]), args.shortlist)
    if len(seeds) > 1:
        print(f"seeds {', '.join(map(str, seeds[1:]))} for {', '.join(listed)}:", flush=True)
        for name in listed:
            for seed in seeds[1:]:
                study.run(name, study.recipe(name, study.recipes[name]["changes"]), seed, "seeds")
    return listed


def analyse(study: Study, listed: list[str], seeds: list[int]) -> dict:
    """The tables, the leave-one-source-out choice and the recommendation, from the runs."""
    one_seed = candidates(study.runs, list(study.recipes), seeds[:1])
    several = len(seeds) > 1
    all_seeds = candidates(study.runs, listed, seeds) if several else None
    spread = seed_spread(study.runs, listed, seeds)
    return {
        "shortlist": listed,
        "table_one_seed": {
            name: summary for name in study.recipes if (summary := recipe_summary(study.runs, name, seeds[:1]))
        },
        "table_seeds": {name: recipe_summary(study.runs, name, seeds) for name in listed} if several else None,
        "seed_sd": spread,
        "loso": {
            "one_seed": leave_one_source_out(one_seed, default_by_group(study.runs, seeds[:1])),
            "seeds": leave_one_source_out(all_seeds, default_by_group(study.runs, seeds)) if several else None,
        },
        "recommendation": recommend(
            all_seeds if several else one_seed, len(seeds), spread["worst_group"] if several else None
        ),
    }


def describe_dev(study: Study) -> dict:
    dev = study.dev
    return {
        "path": Path(study.args.dev_path).name,
        "sha256": study.fingerprint["dev"],
        "n": len(dev),
        "groups": {
            g: {
                "description": SOURCE_GROUPS[g][0],
                "n": int((dev["group"] == g).sum()),
                "resumes": int(dev.loc[dev["group"] == g, "resume_id"].nunique()),
                "sources": sorted(set(dev.loc[dev["group"] == g, "source"])),
            }
            for g in dict.fromkeys(dev["group"])
        },
        "gold": "".join(str(k) for k in study.gold),
        "resume_id": dev["resume_id"].tolist(),
        "source": dev["source"].tolist(),
    }


def minutes_by_cpu(runs: list[dict]) -> dict[str, float]:
    """Training minutes of the runs by the CPU that ran them; runs cached before CPUs were recorded count as "not recorded"."""
    cpus = [r.get("cpu") or "not recorded" for r in runs]
    return {cpu: round(sum(r["seconds"] for r, c in zip(runs, cpus) if c == cpu) / 60, 1) for cpu in sorted(set(cpus))}


def main(argv=None) -> dict:
    args = parse_args(argv)
    threads = set_threads(args.threads)
    started, load_before = time.perf_counter(), load_average()
    study = Study(args)
    reused = study.reuse(args.reuse) if args.reuse else 0
    print(
        f"{len(study.data.train)} training chunks, {len(study.data.val_dataset)} validation chunks, "
        f"{len(study.dev)} dev chunks in {study.dev['group'].nunique()} source groups; "
        f"max_length {study.data.max_length}; {threads} thread(s)",
        flush=True,
    )
    listed = run_stages(study, args)
    data_path = Path(args.data_path).resolve()
    result = {
        "command": " ".join(["python benchmarks/recipe_study.py", *(sys.argv[1:] if argv is None else argv)]),
        "try_out": args.try_out,
        "machine": describe_machine(),
        "cpu": cpu_name(),
        "threads": threads,
        "versions": versions(),
        "load_average_before": load_before,
        "data": {
            "path": str(data_path.relative_to(REPO)) if data_path.is_relative_to(REPO) else str(data_path),
            "sha256": study.fingerprint["data"],
            "split_seed": SPLIT_SEED,
            "n_train": len(study.data.train),
            "n_val": len(study.data.val_dataset),
            "resume_kinds": study.kinds_note or "from rerunning the generator",
            "more_resumes": study.more_note or "the generator's next resumes, after the data file's",
            "more_sha256": study.more_digest,
        },
        "model": "tiny random BERT (2 layers, 32 hidden)" if args.smoke else args.model_name_or_path,
        "max_length": study.data.max_length,
        "labels": study.label_map.labels,
        "dev": describe_dev(study),
        "seeds": args.seeds,
        "combinations": not args.no_combinations,
        "recipes": study.recipes,
        "skipped": study.skipped,
        "reused": {"from": str(args.reuse), "runs": reused} if args.reuse else None,
        **analyse(study, listed, args.seeds),
        "runs": study.runs,
        "load_average_after": load_average(),
        "minutes": round((time.perf_counter() - started) / 60, 1),
        "train_minutes": round(sum(r["seconds"] for r in study.runs) / 60, 1),
        "train_minutes_by_cpu": minutes_by_cpu(study.runs),
    }
    write_json(result, args.output)
    import results_table

    print("\n" + results_table.recipe_block(result))
    print(f"\nwrote {args.output}")
    return result


if __name__ == "__main__":
    main()
