"""A change to the generator or to the recipe, judged as a data change must be: on three samples of the generator.

    python benchmarks/generator_tryout.py benchmarks/patches/activities_forms.patch --name activities
    python benchmarks/generator_tryout.py --recipe meanpool --name meanpool   # a recipe of the study, unchanged generator
    python benchmarks/generator_tryout.py PATCH --name NAME --smoke   # a minute: 200 resumes a sample, a tiny random model

One sample cannot tell a change from the luck of the draw (benchmarks/README.md, the other
samples). So each sample the unchanged generator was measured on (`make_resume_chunks.py --seed`
13, the committed data, then 14 and 15) is drawn again, by the patched generator when a patch is
given, in a copy of data/ in a temporary folder: the working tree is left as it is. The recipe
study then trains on each sample from seeds 42 and 1, the default run or the recipe `--recipe`
names, and scores it on the real-resume dev part only (the hold-outs are never read). Where a
sample is the one the unchanged generator's default run was measured on, those runs are reused,
not trained again. Writes results/recipe_study_NAME13.json, …14 and …15; the data goes to
benchmarks/.cache/generator_tryout/. `results_table.py` compares each run with the unchanged
generator's default run of the same sample and seed.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmark_setup import GENERATOR_SAMPLES, REPO, RESULTS, file_sha256, sample_baseline

CACHE = Path(__file__).resolve().parent / ".cache" / "generator_tryout"
SEEDS = "42,1"  # the training seeds the other samples were measured from


def apply_patch(patch: Path, data_copy_parent: Path) -> None:
    """Apply the patch's changes under data/ to the copy; a patch that does not apply is a one-line error."""
    proc = subprocess.run(
        ["git", "apply", "--include=data/*", str(patch.resolve())],
        cwd=data_copy_parent,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        first = (proc.stderr.strip().splitlines() or ["no reason given"])[0]
        sys.exit(f"error: {patch} does not apply to this generator ({first}); rebase it on the current data/")


def in_repo(path: Path) -> Path:
    """The path as the recorded command should read it: from the repository root when under it."""
    path = path.resolve()
    return path.relative_to(REPO) if path.is_relative_to(REPO) else path


def run(command: list[str], what: str) -> None:
    """A step as a process of its own; its failure is one line (the step has printed why)."""
    if (code := subprocess.run(command, cwd=REPO).returncode) != 0:
        sys.exit(f"error: {what} failed (exit status {code}); see its message above")


def reusable_baseline(sample: int, data: Path) -> Path | None:
    """The unchanged generator's default runs on this sample, if `data` is the very sample they trained on."""
    baseline = sample_baseline(sample)
    if not baseline.is_file():
        return None
    measured_on = json.loads(baseline.read_text(encoding="utf-8"))["data"]["sha256"]
    return baseline if measured_on == file_sha256(data) else None


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("patch", type=Path, nargs="?", help="a git diff of the generator (paths under data/)")
    parser.add_argument("--recipe", default="default", help="a recipe of recipe_study.py's SCREEN (default: default)")
    parser.add_argument("--name", required=True, help="names the results: recipe_study_NAME13.json, …")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--smoke", action="store_true", help="200 resumes a sample and the study's tiny model")
    parser.add_argument("--output-dir", type=Path, default=RESULTS, help="where the results JSONs go")
    parser.add_argument("--data-dir", type=Path, default=CACHE, help="where the samples' CSVs go")
    args = parser.parse_args(argv)
    if not re.fullmatch(r"[a-z0-9_]+", args.name):
        parser.error(f"--name {args.name!r}: use lower-case letters, digits and underscores")
    if args.patch is None and args.recipe == "default":
        parser.error("nothing to try: give a patch of the generator, a --recipe, or both")
    if args.patch is not None and not args.patch.is_file():
        parser.error(f"{args.patch}: no such patch file")
    if args.recipe != "default":
        from recipe_study import SCREEN

        if args.recipe not in SCREEN:
            parser.error(f"--recipe {args.recipe!r}: not a recipe of recipe_study.py ({', '.join(SCREEN)})")

    args.data_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="generator_tryout_") as tmp:
        shutil.copytree(REPO / "data", Path(tmp) / "data")
        if args.patch is not None:
            apply_patch(args.patch, Path(tmp))
        paths = {}
        for sample in GENERATOR_SAMPLES:
            paths[sample] = (args.data_dir / f"{args.name}{sample}.csv").resolve()
            draw = [sys.executable, f"{tmp}/data/make_resume_chunks.py", "--seed", str(sample)]
            draw += ["--output", str(paths[sample])] + (["--resumes", "200"] if args.smoke else [])
            run(draw, f"drawing sample {sample} with the {'patched' if args.patch else 'unchanged'} generator")
    recipes = "default" if args.recipe == "default" else f"default,{args.recipe}"
    for sample, data in paths.items():
        study = [sys.executable, "benchmarks/recipe_study.py", "--threads", str(args.threads)]
        study += ["--data-path", str(in_repo(data)), "--recipes", recipes, "--seeds", SEEDS]
        study += ["--no-combinations", "--shortlist", "0" if args.recipe == "default" else "1"]
        study += ["--smoke"] if args.smoke else []
        if (baseline := reusable_baseline(sample, data)) is not None:
            study += ["--reuse", str(in_repo(baseline))]
        output = args.output_dir / f"recipe_study_{args.name}{sample}.json"
        study += ["--output", str(in_repo(output))]
        run(study, f"training on sample {sample}")
    print(
        f"wrote recipe_study_{args.name}{{{','.join(map(str, GENERATOR_SAMPLES))}}}.json to {in_repo(args.output_dir)}"
    )


if __name__ == "__main__":
    main()
