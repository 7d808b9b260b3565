"""Write whole resumes as PDF, DOCX and TXT files, with the true section of every extracted line.

    python data/whole_resumes/make_whole_resumes.py --output-dir data/whole_resumes [--seed 2026] [--n 30]

The resumes come from data/make_resume_chunks.py with a seed other than the training
data's (13), so none of them is in resume_chunks.csv. Each is laid out in one of several
layouts, in turn:

- txt: plain text, a blank line between sections, headings on most sections;
- docx: a Word document, a heading paragraph per section, no blank lines;
- docx-table: a Word document whose sections are rows of a two-column table
  (heading on the left, body on the right), as many resume templates are;
- pdf: one column, bold headings, no blank lines in the extracted text;
- pdf-no-headings: one column and no headings at all, sections only a little apart.

truth.json lists, for every file, its extracted lines (after resume_bert's cleaning)
with the label and index of the section each line belongs to. Writing it runs the same
extractor the benchmark uses, and fails if a line cannot be traced to its section.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import textwrap
from pathlib import Path

from faker import Faker

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent.parent))
import make_resume_chunks as generator  # noqa: E402
from resume_bert.app.artifacts import atomic_path, write_json  # noqa: E402
from resume_bert.preparation import clean_text  # noqa: E402
from resume_bert.resumes.extraction import extract_lines  # noqa: E402
from resume_bert.resumes.segmentation import clean_lines  # noqa: E402

LAYOUTS = ["txt", "docx", "docx-table", "pdf", "pdf-no-headings"]
DEFAULT_SEED = 2026
# Share of sections (other than the contact block at the top) that carry a heading in the txt layout.
TXT_HEADING_RATE = 0.8


def split_header(row: dict) -> tuple[str | None, list[str]]:
    """The generator's heading (one line, or two when underlined) and the body lines of a chunk."""
    lines = [line for line in row["text"].split("\n")]
    header = None
    if row["_header"]:
        take = 2 if len(lines) > 1 and re.fullmatch(r"[-_=]{3,}", lines[1].strip()) else 1
        header, lines = lines[0].strip(), lines[take:]
    return header, [line for line in lines if line.strip()]


def resume_sections(rng: random.Random, fakers: dict, index: int) -> list[dict]:
    """One generated resume: a list of {label, heading, lines}; every section but a leading contact block gets a heading."""
    sections = []
    for position, row in enumerate(generator.make_resume(rng, fakers, index)):
        header, body = split_header(row)
        if header is None and not (position == 0 and row["label"] == "Contact Information"):
            header = generator.format_header(rng, row["label"]).split("\n")[0]
        if position == 0 and row["label"] == "Contact Information":
            header = None  # the name and contacts open the page without a heading
        sections.append({"label": row["label"], "heading": header, "lines": body})
    return sections


def write_txt(sections: list[dict], path: Path, rng: random.Random) -> None:
    parts = []
    for s in sections:
        heading = [s["heading"]] if s["heading"] and rng.random() < TXT_HEADING_RATE else []
        parts.append("\n".join(heading + s["lines"]))
    with atomic_path(path) as tmp:
        tmp.write_text("\n\n".join(parts) + "\n", encoding="utf-8")


def write_docx(sections: list[dict], path: Path, table: bool) -> None:
    import docx

    document = docx.Document()
    if table:
        grid = document.add_table(rows=0, cols=2)
        for s in sections:
            row = grid.add_row().cells
            row[0].text = s["heading"] or ""
            row[1].text = "\n".join(s["lines"])
    else:
        for s in sections:
            if s["heading"]:
                document.add_heading(s["heading"], level=2)
            for line in s["lines"]:
                document.add_paragraph(line)
    with atomic_path(path) as tmp:
        document.save(str(tmp))


def _font() -> tuple[str, str]:
    """Bitstream Vera, shipped inside reportlab: covers more glyphs than the base-14 fonts, on any machine."""
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    fonts = Path(reportlab.__file__).parent / "fonts"
    pdfmetrics.registerFont(TTFont("Vera", str(fonts / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont("VeraBd", str(fonts / "VeraBd.ttf")))
    return "Vera", "VeraBd"


def write_pdf(sections: list[dict], path: Path, headings: bool) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    regular, bold = _font()
    width, height = A4
    margin, size = 50, 9.5
    with atomic_path(path) as tmp:
        # invariant=1: no creation date or random id, so the same seed writes the same bytes.
        pdf = canvas.Canvas(str(tmp), pagesize=A4, invariant=1)
        y = height - margin

        def draw(text: str, font: str, step: float) -> None:
            nonlocal y
            if y < margin:
                pdf.showPage()
                y = height - margin
            pdf.setFont(font, size + (1.5 if font == bold else 0))
            pdf.drawString(margin, y, text)
            y -= step

        for s in sections:
            if headings and s["heading"]:
                y -= 4
                draw(s["heading"], bold, size * 1.6)
            for line in s["lines"]:
                chars = max(20, int(len(line) * (width - 2 * margin) / max(stringWidth(line, regular, size), 1)))
                for piece in textwrap.wrap(line, chars, break_on_hyphens=False, break_long_words=False) or [line]:
                    draw(piece, regular, size * 1.35)
            y -= size * 0.8
        pdf.save()


def _ascii(word: str) -> str:
    return word.encode("ascii", "ignore").decode()


def truth_for(path: Path, sections: list[dict]) -> list[dict]:
    """Trace each extracted line back to its section by walking the sections' words in order."""
    text_of = [clean_text(" ".join(([s["heading"]] if s["heading"] else []) + s["lines"])) for s in sections]
    # Compared by their ASCII characters: a glyph Vera lacks (ł, ★) comes out of the PDF as nothing.
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
        out.append({"page": line.page, "line": line.line, "text": line.text,
                    "label": sections[section]["label"], "section": section})
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output-dir", type=Path, default=HERE)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--n", type=int, default=30, help="number of resumes (default 30: six per layout)")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    fakers = {}
    for i, loc in enumerate(sorted({l for ls in generator.CONVENTIONS.values() for l in ls})):
        fakers[loc] = Faker(loc)
        fakers[loc].seed_instance(args.seed * 100 + i)
    files = []
    for index in range(1, args.n + 1):
        sections = resume_sections(rng, fakers, index)
        layout = LAYOUTS[(index - 1) % len(LAYOUTS)]
        suffix = {"txt": ".txt", "docx": ".docx", "docx-table": ".docx"}.get(layout, ".pdf")
        path = args.output_dir / f"resume_{index:02d}_{layout}{suffix}"
        if layout == "txt":
            write_txt(sections, path, rng)
        elif layout.startswith("docx"):
            write_docx(sections, path, table=layout == "docx-table")
        else:
            write_pdf(sections, path, headings=layout == "pdf")
        files.append({"file": path.name, "layout": layout, "lines": truth_for(path, sections)})
    write_json({"seed": args.seed, "files": files}, args.output_dir / "truth.json")
    print(f"wrote {len(files)} resumes and truth.json to {args.output_dir}")


if __name__ == "__main__":
    main()
