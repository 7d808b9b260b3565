"""Write whole resumes as PDF, DOCX and TXT files, with the true section of every extracted line.

    python data/whole_resumes/make_whole_resumes.py --output-dir data/whole_resumes [--seed 2026] [--n 30]

The resumes come from the generator behind data/make_resume_chunks.py with a seed other
than the training data's (13), so none of them is in resume_chunks.csv, and are drawn by
its one renderer (data/resume_generator/documents/). Each is laid out in one of several
layouts, in turn:

- txt: plain text, a blank line between sections, headings on most sections;
- docx: a Word document, a heading paragraph per section, no blank lines;
- docx-table: a Word document whose sections are rows of a two-column table
  (heading on the left, body on the right), as many resume templates are;
- pdf: one column, bold headings, no blank lines in the extracted text;
- pdf-no-headings: one column and no headings at all, sections only a little apart.

A second group ("columns", `--columns N` resumes) draws each resume in every layout below,
so that each layout can be compared with the one-column PDF of the same content:

- pdf-one-column: one column, upper-case bold headings (the reference);
- pdf-sidebar-left: a shaded sidebar on the left (contact, skills, certifications) beside
  the main column (summary, experience, projects, education, awards);
- pdf-sidebar-right: the same sidebar, unshaded, on the right;
- pdf-two-columns: two columns of equal width, the sections shared between them in turn;
- pdf-banner: the name and contacts across the top, two columns below;
- docx-two-column-table: a Word table, each row a sidebar section left and a main section right;
- docx-text-boxes: the sidebar and the main column in two Word text boxes.

For the first group truth.json lists, for every file, its extracted lines (after resume_bert's cleaning)
with the label and index of the section each line belongs to. Writing it runs the same
extractor the benchmark uses, and fails if a line cannot be traced to its section. For the
columns group it lists the lines as drawn, in the order a person reads them (page by page,
left column before right), without reading the files back: the benchmark matches the
extracted lines to them, which is how it scores reading order.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent.parent))
from resume_generator.assemble import fakers_for, make_resume  # noqa: E402
from resume_generator.documents import columns, pdf  # noqa: E402
from resume_generator.documents import word as word_layouts  # noqa: E402
from resume_generator.documents.fonts import printable  # noqa: E402
from resume_generator.documents.source import SourceSection  # noqa: E402
from resume_generator.headers import format_header  # noqa: E402

from resume_bert.preparation import clean_text  # noqa: E402
from resume_bert.resumes.extraction import extract_lines  # noqa: E402
from resume_bert.resumes.segmentation import clean_lines  # noqa: E402

LAYOUTS = ["txt", "docx", "docx-table", "pdf", "pdf-no-headings"]
SIDEBAR_LABELS = ("Contact Information", "Skills", "Certifications")
DEFAULT_SEED = 2026
# Share of sections (other than the contact block at the top) that carry a heading in the txt layout.
TXT_HEADING_RATE = 0.8


def split_header(row: dict) -> tuple[str | None, list[str]]:
    """The generator's heading (one line, or two when underlined) and the body lines of a chunk."""
    lines = row["text"].split("\n")
    header = None
    if row["_header"]:
        take = 2 if len(lines) > 1 and re.fullmatch(r"[-_=]{3,}", lines[1].strip()) else 1
        header, lines = lines[0].strip(), lines[take:]
    return header, [line for line in lines if line.strip()]


def resume_sections(rng: random.Random, fakers: dict, index: int) -> list[dict]:
    """One generated resume: a list of {label, heading, lines}; every section but a leading contact block gets a heading."""
    sections = []
    for position, row in enumerate(make_resume(rng, fakers, index)):
        header, body = split_header(row)
        if header is None and not (position == 0 and row["label"] == "Contact Information"):
            header = format_header(rng, row["label"]).split("\n")[0]
        if position == 0 and row["label"] == "Contact Information":
            header = None  # the name and contacts open the page without a heading
        sections.append({"label": row["label"], "heading": header, "lines": body})
    return sections


def write_atomically(path: Path, draw):
    """Draw to a temporary name beside `path`, then rename: an interrupted run leaves no half-written file."""
    tmp = path.with_name(f".{path.stem}.tmp{path.suffix}")
    drawn = draw(tmp)
    os.replace(tmp, path)
    return drawn


def write_txt(sections: list[dict], path: Path, rng: random.Random) -> None:
    parts = []
    for s in sections:
        heading = [s["heading"]] if s["heading"] and rng.random() < TXT_HEADING_RATE else []
        parts.append("\n".join(heading + s["lines"]))
    write_atomically(path, lambda tmp: tmp.write_text("\n\n".join(parts) + "\n", encoding="utf-8"))


def write_document(sections: list[dict], path: Path, layout: str, rng: random.Random) -> None:
    """docx: Word headings and paragraphs; docx-table: a heading-and-body table; pdf: one column, with or without headings."""
    headings = layout != "pdf-no-headings"
    source = [SourceSection(s["label"], s["heading"] if headings else None, s["lines"]) for s in sections]
    if layout == "docx":
        write_atomically(path, lambda tmp: word_layouts.render_docx(source, tmp, "paragraphs", rng, word_headings=True))
    elif layout == "docx-table":
        write_atomically(path, lambda tmp: word_layouts.render_docx(source, tmp, "heading_table", rng))
    else:
        write_atomically(path, lambda tmp: pdf.render_pdf(source, tmp, "one_column", rng, footer=None))


def _printable(text: str) -> str:
    """The text as the PDF's text layer will give it back: glyphs Vera lacks replaced, spaces single."""
    return clean_text(printable(text.replace("\t", " ")))


def column_sections(sections: list[dict]) -> list[dict]:
    """The sections with printable text and upper-case headings, each marked for the sidebar or the main column."""
    out = []
    for s in sections:
        lines = [t for t in (_printable(line) for line in s["lines"]) if t]
        heading = _printable(s["heading"]).upper() if s["heading"] else None
        if lines:
            out.append({"label": s["label"], "heading": heading, "lines": lines, "side": s["label"] in SIDEBAR_LABELS})
    return out


def _ascii(word: str) -> str:
    return word.encode("ascii", "ignore").decode()


def truth_for(path: Path, sections: list[dict]) -> list[dict]:
    """Trace each extracted line back to its section by walking the sections' words in order."""
    # A PDF's text layer gives a glyph Vera lacks back as its stand-in (⋄ as "|", ★ as "*").
    as_read = _printable if path.suffix == ".pdf" else clean_text
    text_of = [as_read(" ".join(([s["heading"]] if s["heading"] else []) + s["lines"])) for s in sections]
    # Compared by their ASCII characters: a glyph Vera lacks and has no stand-in for (ł) comes out as nothing.
    words = [(_ascii(w), i) for i, text in enumerate(text_of) for w in text.split() if _ascii(w)]
    lines = clean_lines(extract_lines(path))
    out, cursor = [], 0
    for line in lines:
        owners = []
        for word in filter(None, map(_ascii, line.text.split())):
            # Skip words the layout left out (headings of the headingless layouts).
            start = cursor
            while cursor < len(words) and words[cursor][0] != word:
                cursor += 1
            if cursor == len(words):
                raise AssertionError(f"{path.name}: cannot trace {word!r} in {line.text!r}")
            if cursor - start > 40:
                raise AssertionError(f"{path.name}: lost track of the text at {line.text!r}")
            owners.append(words[cursor][1])
            cursor += 1
        section = max(set(owners), key=owners.count)
        out.append(
            {
                "page": line.page,
                "line": line.line,
                "text": line.text,
                "label": sections[section]["label"],
                "section": section,
            }
        )
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output-dir", type=Path, default=HERE)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--n", type=int, default=30, help="number of resumes (default 30: six per layout)")
    parser.add_argument(
        "--columns",
        type=int,
        default=6,
        help="resumes of the columns group, each drawn in every column layout (default 6)",
    )
    args = parser.parse_args(argv)
    args.output_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    fakers = fakers_for(args.seed)
    files = []
    for index in range(1, args.n + 1):
        sections = resume_sections(rng, fakers, index)
        layout = LAYOUTS[(index - 1) % len(LAYOUTS)]
        suffix = {"txt": ".txt", "docx": ".docx", "docx-table": ".docx"}.get(layout, ".pdf")
        path = args.output_dir / f"resume_{index:02d}_{layout}{suffix}"
        if layout == "txt":
            write_txt(sections, path, rng)
        else:
            write_document(sections, path, layout, rng)
        files.append({"file": path.name, "layout": layout, "lines": truth_for(path, sections)})
    for index in range(args.n + 1, args.n + args.columns + 1):
        sections = column_sections(resume_sections(rng, fakers, index))
        for layout in columns.LAYOUTS:
            suffix = ".docx" if layout.startswith("docx") else ".pdf"
            path = args.output_dir / f"resume_{index:02d}_{layout}{suffix}"
            draw = columns.write_column_docx if suffix == ".docx" else columns.write_column_pdf
            drawn = write_atomically(
                path, lambda tmp, draw=draw, layout=layout, sections=sections: draw(sections, tmp, layout)
            )
            files.append({"file": path.name, "layout": layout, "group": "columns", "resume": index, "lines": drawn})
    text = json.dumps({"seed": args.seed, "files": files}, indent=2, ensure_ascii=False) + "\n"
    write_atomically(args.output_dir / "truth.json", lambda tmp: tmp.write_text(text, encoding="utf-8"))
    print(f"wrote {len(files)} resume files and truth.json to {args.output_dir}")


if __name__ == "__main__":
    main()
