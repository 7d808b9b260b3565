"""Build the real-resume check sets from the transcribed resumes in data/real_resumes/resumes/.

Each resumes/*.txt file holds one public resume, already converted to plain text and
anonymised, cut into section chunks:

    resume: R001
    source: jsonresume-career-changer
    === Contact Information
    <chunk text, as many lines as it has>
    === Work Experience
    <one job>
    === Work Experience
    <the next job>

The script checks every file (known labels, non-empty chunks, e-mails only on example
domains), splits the resumes into a development part (about 40%) and a hold-out part by a
seeded draw of two resumes in every block of five, and writes both CSVs (text, label, resume_id, source).

    python data/real_resumes/build_real_chunks.py            # writes data/real_*_chunks.csv
    python data/real_resumes/build_real_chunks.py --check    # fails if the CSVs are stale
    python data/real_resumes/build_real_chunks.py --describe # label counts and other numbers
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent
sys.path.insert(0, str(DATA))
from resume_generator.labels import LABELS  # noqa: E402

SEED = 2026
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
ALLOWED_EMAIL = re.compile(r"[\w.+-]+@example\.(?:com|org|net)")


def parse_resume(path: Path) -> tuple[str, str, list[tuple[str, str]]]:
    """Return (resume_id, source, [(label, text), ...]) for one transcribed resume."""
    lines = path.read_text(encoding="utf-8").split("\n")
    header = {}
    while lines and not lines[0].startswith("=== "):
        line = lines.pop(0)
        if line.strip():
            key, _, value = line.partition(":")
            header[key.strip()] = value.strip()
    if "resume" not in header or "source" not in header:
        raise SystemExit(f"{path.name}: needs 'resume:' and 'source:' lines before the first chunk")
    chunks, label, body = [], None, []
    for line in lines + ["=== END"]:
        if line.startswith("=== "):
            if label is not None:
                text = "\n".join(body).strip("\n")
                if not text.strip():
                    raise SystemExit(f"{path.name}: empty chunk under '{label}'")
                chunks.append((label, text))
            label, body = line[4:].strip(), []
            if label != "END" and label not in LABELS:
                raise SystemExit(f"{path.name}: unknown label '{label}'; use one of {', '.join(LABELS)}")
        else:
            body.append(line.rstrip())
    for _, text in chunks:
        bad = [e for e in EMAIL.findall(text) if not ALLOWED_EMAIL.fullmatch(e)]
        if bad:
            raise SystemExit(f"{path.name}: e-mail outside the example domains: {bad}")
    return header["resume"], header["source"], chunks


def load_resumes(folder: Path = HERE / "resumes") -> list[tuple[str, str, list[tuple[str, str]]]]:
    resumes = [parse_resume(path) for path in sorted(folder.glob("*.txt"))]
    ids = [resume_id for resume_id, _, _ in resumes]
    if len(ids) != len(set(ids)):
        raise SystemExit("two files share a resume id")
    bad = [resume_id for resume_id in ids if not re.fullmatch(r"R\d{3}", resume_id)]
    if bad:
        raise SystemExit(f"resume ids must look like R001: {bad}")
    return resumes


def in_dev(resume_id: str, seed: int = SEED) -> bool:
    """Whether a resume belongs to the development part.

    Resumes are numbered R001, R002, ... and taken in blocks of five; a generator seeded with
    the block number picks two places in each block for the development part (40%). A
    resume's part depends only on its own number, so adding resumes later never moves one
    that has already been seen from one part to the other.
    """
    number = int(resume_id.lstrip("R")) - 1
    block, place = divmod(number, 5)
    return place in random.Random(f"{seed}:{block}").sample(range(5), 2)


def to_csv(rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["text", "label", "resume_id", "source"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def build() -> dict[str, str]:
    resumes = load_resumes()
    parts = {"real_dev_chunks.csv": [], "real_holdout_chunks.csv": []}
    for resume_id, source, chunks in resumes:
        part = "real_dev_chunks.csv" if in_dev(resume_id) else "real_holdout_chunks.csv"
        parts[part] += [
            {"text": text, "label": label, "resume_id": resume_id, "source": source} for label, text in chunks
        ]
    return {name: to_csv(rows) for name, rows in parts.items()}


# Section headings as they appear at the top of some chunks (lower-cased, trailing rules and
# colons removed); used only to report how many chunks start with their heading.
HEADINGS = {
    "about",
    "awards",
    "awards & accomplishments",
    "certificates",
    "certifications",
    "college education",
    "consulting",
    "coursework",
    "data science experience",
    "earlier experience",
    "education",
    "employment",
    "experience",
    "experience (5 yoe)",
    "honors & awards",
    "honors and awards",
    "language skills",
    "languages",
    "links",
    "most proud of",
    "objective",
    "other jobs",
    "other professional experience",
    "other skills",
    "professional experience",
    "professional goal",
    "profile summary",
    "programming skills",
    "project",
    "projects",
    "qualifications",
    "recognition",
    "related activities",
    "relevant clinical experience",
    "skills",
    "software development experience",
    "specific skills",
    "summary",
    "summary of skills",
    "teaching experience",
    "tech stack",
    "technical expertise",
    "technical skills",
    "what's next",
    "work",
    "work experience",
}


def starts_with_heading(text: str) -> bool:
    first = text.split("\n", 1)[0].strip().rstrip("_-= :").strip().lower()
    return first in HEADINGS or first.startswith("current work experience")


def describe() -> None:
    """Print the numbers the datasheet in data/README.md quotes."""
    resumes = load_resumes()
    rows = [
        (in_dev(resume_id), resume_id, source, label, text)
        for resume_id, source, chunks in resumes
        for label, text in chunks
    ]
    print(f"resumes: {len(resumes)}; chunks: {len(rows)}; sources: {len({r[2] for r in rows})}")
    print("| label | dev | hold-out | total |")
    print("|---|---|---|---|")
    for label in LABELS:
        dev = sum(1 for r in rows if r[3] == label and r[0])
        held = sum(1 for r in rows if r[3] == label and not r[0])
        print(f"| {label} | {dev} | {held} | {dev + held} |")
    dev_rows = [r for r in rows if r[0]]
    print(f"| all | {len(dev_rows)} | {len(rows) - len(dev_rows)} | {len(rows)} |")
    print(f"resumes: dev {len({r[1] for r in dev_rows})}, hold-out {len({r[1] for r in rows if not r[0]})}")
    headed = sum(starts_with_heading(r[4]) for r in rows)
    print(f"chunks starting with their section heading: {headed} ({headed / len(rows):.0%})")
    lengths = sorted(len(r[4]) for r in rows)
    print(f"characters per chunk: min {lengths[0]}, median {lengths[len(lengths) // 2]}, max {lengths[-1]}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed CSVs instead of writing")
    parser.add_argument("--describe", action="store_true", help="print label counts and other numbers, write nothing")
    args = parser.parse_args(argv)
    if args.describe:
        describe()
        return 0
    outputs = build()
    for name, text in outputs.items():
        path = DATA / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                print(f"{path} is out of date: run python data/real_resumes/build_real_chunks.py", file=sys.stderr)
                return 1
        else:
            tmp = path.with_suffix(".csv.tmp")
            tmp.write_text(text, encoding="utf-8", newline="")
            tmp.replace(path)
        rows = list(csv.DictReader(io.StringIO(text)))
        print(f"{name}: {len(rows)} chunks from {len({row['resume_id'] for row in rows})} resumes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
