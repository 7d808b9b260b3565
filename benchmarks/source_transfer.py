"""Do corrected resumes of some sources help resumes of another? Leave-one-source-out on the real-resume development part.

    python benchmarks/source_transfer.py --model-dir artifacts/model    # about 10 minutes on 2 CPU cores

The default model scores lower on real resumes unlike the ones it was made from, and adapting it
to resumes you corrected (`resume-bert train --model-name-or-path`, notebook 07) is the repository's
answer. This asks which corrections carry. For each source group of the development part
(`recipe_analysis.SOURCE_GROUPS`), the model is adapted with `adaptation.py`'s chosen recipe
(`mix2_freeze2`, the defaults of `resume-bert train` when it continues) and the group's chunks are scored:

- base: the model as it is;
- other sources: adapted on the chunks of every other group;
- same source too: adapted on every other group and half of this group's resumes, scored on its
  other half; two folds, so each chunk is scored once (groups of one resume have none).

Each adapted run keeps the epoch its corrected rows' validation split chooses (`--dev-path none`): the
development part, which holds the scored group, chooses nothing here. Adapted runs read
`adaptation.MAX_LENGTH` tokens of a chunk, the base model its own length.

Reads the development part only, never the hold-outs; nothing here chose anything. One seed.
Writes results/source_transfer.json; `results_table.py --write` puts its table in docs/adaptation.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd
from adaptation import RECIPES, adapt_once, cache
from benchmark_setup import (
    DATA_PATH,
    REPO,
    RESULTS,
    data_digest,
    describe_machine,
    load_average,
    real_digests,
    set_threads,
    versions,
)
from recipe_analysis import SOURCE_GROUPS, source_group

from resume_bert.app.artifacts import write_json

RECIPE = "mix2_freeze2"


def folds(resume_ids) -> list[list[str]]:
    """A group's resumes in two halves (alternating in sorted order); none for a group of one resume."""
    ids = sorted(set(resume_ids))
    return [ids[0::2], ids[1::2]] if len(ids) > 1 else []


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", default="artifacts/model", help="the model to adapt (default artifacts/model)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--output", default=str(RESULTS / "source_transfer.json"))
    args = parser.parse_args(argv)
    threads = set_threads(args.threads)
    load_before = load_average()
    from resume_bert.app.classifiers import load_classifier

    model_dir = Path(args.model_dir)
    dev = pd.read_csv(REPO / "data" / "real_dev_chunks.csv")
    dev["group"] = dev["source"].map(source_group)
    base = load_classifier(model_dir, device="cpu")
    dev["base"] = base.predict_labels(dev["text"].tolist())
    start = time.perf_counter()

    def adapted(corrected: pd.DataFrame, scored: pd.DataFrame) -> int:
        """Chunks of `scored` the model labels rightly once adapted on `corrected`."""
        run = adapt_once(
            model_dir,
            corrected,
            scored,
            RECIPES[RECIPE],
            args.seed,
            DATA_PATH,
            {},
            run_name="transfer",
            dev_path="none",
        )
        return round(run["after"]["kind_rest"]["accuracy"] * len(scored))

    rows = []
    for group in SOURCE_GROUPS:
        part, others = dev[dev["group"] == group], dev[dev["group"] != group]
        if part.empty:
            continue
        row = {"group": group, "chunks": len(part), "resumes": int(part["resume_id"].nunique())}
        row["base"] = int((part["base"] == part["label"]).sum())
        row["other_sources"] = adapted(others, part)
        halves = folds(part["resume_id"])
        if halves:
            own = [part["resume_id"].isin(half) for half in halves]
            row["same_source"] = sum(adapted(pd.concat([others, part[mine]]), part[~mine]) for mine in own)
        print(
            f"{group}: {len(part)} chunks; base {row['base'] / len(part):.3f}, other sources "
            f"{row['other_sources'] / len(part):.3f}, same source too "
            + (f"{row['same_source'] / len(part):.3f}" if halves else "—"),
            flush=True,
        )
        rows.append(row)
    result = {
        "command": "python benchmarks/source_transfer.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "machine": describe_machine(),
        "threads": threads,
        "load_average_before": load_before,
        "load_average_after": load_average(),
        "versions": versions(),
        "data_digest": data_digest(),
        "real_data": {"dev": real_digests()["dev"]},
        "model_dir": str(model_dir),
        "recipe": {"name": RECIPE, **RECIPES[RECIPE]},
        "seed": args.seed,
        "groups": rows,
        "minutes": round((time.perf_counter() - start) / 60, 1),
    }
    write_json(result, Path(args.output))
    print(f"wrote {args.output}; cache {cache()}")


if __name__ == "__main__":
    main()
