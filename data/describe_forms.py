"""Print, as Markdown, the tables data/README.md shows: each section's forms, the conventions, the occupation families.

    python data/describe_forms.py [--counts FORMS_JSON] [--write-readme]

"share drawn" is what the generator draws: for each convention that uses the form, the
form's weight over the weights of the forms that convention can use, averaged over the
conventions in proportion to how many sections of that label they write. Education and
Certifications then adjust the weights to the person (resume_generator/sections/). With
--counts (the JSON `make_resume_chunks.py --forms-report` writes) a column gives the
chunks of each form in the generated CSV, and the conventions and occupation families
tables give the resumes of each. --write-readme puts the tables into data/README.md between
its `<!-- tables:NAME -->` and `<!-- /tables -->` markers.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from resume_generator.assemble import LABELS, PERSONAL_DETAILS_RATE, SECTIONS  # noqa: E402
from resume_generator.conventions import LOCALES, SECTION_PLAN, WEIGHTS, occupation_weight  # noqa: E402
from resume_generator.occupations import load_occupations  # noqa: E402

# SOC 2018 major groups.
FAMILIES = {
    "11": "Management",
    "13": "Business and financial operations",
    "15": "Computer and mathematical",
    "17": "Architecture and engineering",
    "19": "Life, physical and social science",
    "21": "Community and social service",
    "23": "Legal",
    "25": "Educational instruction and library",
    "27": "Arts, design, entertainment, sports and media",
    "29": "Healthcare practitioners and technical",
    "31": "Healthcare support",
    "33": "Protective service",
    "35": "Food preparation and serving",
    "37": "Building and grounds cleaning and maintenance",
    "39": "Personal care and service",
    "41": "Sales and related",
    "43": "Office and administrative support",
    "45": "Farming, fishing and forestry",
    "47": "Construction and extraction",
    "49": "Installation, maintenance and repair",
    "51": "Production",
    "53": "Transportation and material moving",
}


def expected_shares(label: str) -> dict[str, float]:
    """Each form's share of the label's sections, by convention weight × how often the convention writes the label."""
    module = SECTIONS[label]
    forms = {**module.FORMS, **getattr(module, "EXTRA_FORMS", {})}
    totals = {name: 0.0 for name in forms}
    mass = 0.0
    for convention, weight in WEIGHTS.items():
        sections = weight * dict(SECTION_PLAN[convention])[label]
        fitting = {n: f.weight for n, f in module.FORMS.items() if f.fits(convention)}
        for name, w in fitting.items():
            totals[name] += sections * w / sum(fitting.values())
        mass += sections
    if label == "Contact Information":  # the personal-details block Indian CVs add as a section of its own
        extra = WEIGHTS["india"] * PERSONAL_DETAILS_RATE
        totals["personal details and declaration"] += extra
        mass += extra
    return {name: share / mass for name, share in totals.items()}


def cell(text: str) -> str:
    return text.replace("|", "\\|")


def forms_table(label: str, counts: dict[str, int] | None = None) -> str:
    module = SECTIONS[label]
    forms = {**module.FORMS, **getattr(module, "EXTRA_FORMS", {})}
    shares = expected_shares(label)
    head = "| form | where real resumes write it so | conventions | weight | share drawn |"
    rule = "|---|---|---|---|---|"
    if counts is not None:
        head, rule = head + " chunks in the CSV |", rule + "---|"
    rows = [head, rule]
    total = sum(counts.values()) if counts else 0
    for name, form in forms.items():
        conventions = ", ".join(form.conventions) or "all"
        weight = f"{form.weight:g}" if form.weight else "extra section"
        row = f"| {cell(name)} | {cell(form.origin)} | {conventions} | {weight} | {shares[name]:.1%} |"
        if counts is not None:
            n = counts.get(name, 0)
            row += f" {n} ({n / total:.0%}) |" if total else " 0 |"
        rows.append(row)
    return "\n".join(rows)


def conventions_table(counts: dict[str, int] | None) -> str:
    rows = [
        "| convention | weight | locales | sections in order (probability) | resumes in the CSV |",
        "|---|---|---|---|---|",
    ]
    for convention, weight in WEIGHTS.items():
        locales = ", ".join(dict.fromkeys(LOCALES[convention]))
        plan = ", ".join(f"{label} ({p:g})" for label, p in SECTION_PLAN[convention])
        rows.append(f"| {convention} | {weight} | {locales} | {plan} | {(counts or {}).get(convention, 0)} |")
    return "\n".join(rows)


def families_table(counts: dict[str, int] | None) -> str:
    """Share of US employment, share of draws (the US resume convention) and resumes in the CSV, by SOC major group."""
    occupations = load_occupations()
    employment = sum(o.employment for o in occupations)
    drawn = sum(occupation_weight("us", o) for o in occupations)
    rows = [
        "| SOC group | occupations | US employment | share drawn (US resume) | resumes in the CSV |",
        "|---|---|---|---|---|",
    ]
    for code, name in FAMILIES.items():
        members = [o for o in occupations if o.family == code]
        emp = sum(o.employment for o in members) / employment
        draw = sum(occupation_weight("us", o) for o in members) / drawn
        rows.append(f"| {code} {name} | {len(members)} | {emp:.1%} | {draw:.1%} | {(counts or {}).get(code, 0)} |")
    return "\n".join(rows)


def blocks(counts: dict) -> dict[str, str]:
    """The README's generated tables by marker name: conventions, families, forms (one table per label)."""
    forms = "\n\n".join(f"#### {label}\n\n{forms_table(label, counts.get(label))}" for label in LABELS)
    return {
        "conventions": conventions_table(counts.get("_conventions")),
        "families": families_table(counts.get("_families")),
        "forms": forms,
    }


def with_blocks(text: str, tables: dict[str, str]) -> str:
    """`text` with each `<!-- tables:NAME -->` … `<!-- /tables -->` block holding its table."""
    for name, table in tables.items():
        pattern = re.compile(rf"(<!-- tables:{name} -->\n).*?(<!-- /tables -->)", re.S)
        if not pattern.search(text):
            raise SystemExit(f"error: data/README.md has no <!-- tables:{name} --> block")
        text = pattern.sub(lambda m, table=table: m.group(1) + table + "\n" + m.group(2), text)
    return text


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--counts", type=Path, help="forms report of a generated CSV (make_resume_chunks.py --forms-report)"
    )
    parser.add_argument("--write-readme", action="store_true", help="write the tables into data/README.md")
    args = parser.parse_args(argv)
    counts = json.loads(args.counts.read_text(encoding="utf-8")) if args.counts else {}
    tables = blocks(counts)
    if not args.write_readme:
        print("\n\n".join(tables.values()))
        return
    readme = Path(__file__).resolve().parent / "README.md"
    tmp = readme.with_name(".README.md.tmp")
    tmp.write_text(with_blocks(readme.read_text(encoding="utf-8"), tables), encoding="utf-8")
    os.replace(tmp, readme)
    print(f"wrote the tables into {readme}")


if __name__ == "__main__":
    main()
