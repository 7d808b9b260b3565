"""Generate data/resume_chunks.csv: synthetic resumes split into labelled section chunks.

    python data/make_resume_chunks.py --output data/resume_chunks.csv [--seed 13] [--resumes 400]

Each resume is generated whole (a convention, an O*NET occupation weighted by US
employment, a Faker locale and a person with a consistent career), each section written in
one of the forms real resumes use (resume_generator/sections/), then emitted one row per
section, so all chunks of a resume share its resume_id and never straddle the
train/validation/test splits. Half the resumes are drawn as PDF or DOCX files and cut from
their extracted text (render_resumes.py). Output depends on the Faker version: the
committed CSV was made with Faker 40.63.0.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # resume_bert, when run from a clone
from resume_generator.assemble import DEFAULT_SEED, LABELS, N_RESUMES, generate  # noqa: E402,F401
from resume_generator.headers import is_header_line  # noqa: E402,F401


def write_csv(rows: list[dict], path: Path) -> None:
    """Columns text, label, resume_id; UTF-8, `\\n` line endings; atomic (a temporary file, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["text", "label", "resume_id"])
        writer.writerows([r["text"], r["label"], r["resume_id"]] for r in rows)
    os.replace(tmp, path)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, required=True, help="CSV to write")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default %(default)s)")
    parser.add_argument(
        "--resumes",
        type=int,
        default=N_RESUMES,
        help="resumes to generate (default %(default)s); the first ones are the same whatever the count",
    )
    parser.add_argument(
        "--forms-report",
        type=Path,
        help="also write, as JSON, the chunks of each form and the resumes of each convention and family",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        if args.resumes < 1:
            raise ValueError(f"--resumes must be 1 or more, got {args.resumes}")
        rows = generate(args.seed, args.resumes)
    except ValueError as error:
        sys.exit(f"error: {error}")
    write_csv(rows, args.output)
    if args.forms_report:
        report = {
            label: dict(sorted(Counter(r["_form"] for r in rows if r["label"] == label).items())) for label in LABELS
        }
        resumes = {r["resume_id"]: r for r in rows}.values()
        report["_conventions"] = dict(sorted(Counter(r["_convention"] for r in resumes).items()))
        report["_families"] = dict(sorted(Counter(r["_occupation"][:2] for r in resumes).items()))
        report["_occupations"] = len({r["_occupation"] for r in resumes})
        args.forms_report.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} chunks from {len({r['resume_id'] for r in rows})} resumes to {args.output}")
    kinds = Counter(r["_source"].split(":")[0] for r in rows)
    print(f"  {kinds['text']} written as plain text, {kinds['pdf']} cut from PDF text, {kinds['docx']} from DOCX text")
    print(
        f"  {len({r['_occupation'] for r in rows})} occupations; {time.perf_counter() - started:.0f} s", file=sys.stderr
    )


if __name__ == "__main__":
    main()
