"""Render generated resumes as PDF and DOCX files, extract their text, and cut it back into labelled chunks.

Used by make_resume_chunks.py; run alone it draws a plain-text resume as a file
(`python data/render_resumes.py data/sample_resumes/X.txt X.pdf --layout sidebar`). A resume (its sections, each with a label, a printed header
and body lines) is laid out in one of several document layouts, drawn with reportlab (PDF)
or python-docx (DOCX), and read back with the readers notebook 05 uses on users' files
(pdfplumber, python-docx); PDFs in pdfplumber's plain reading order (`layout=False`), which
runs a sidebar into the main column line by line, as many extractors still do. Every extracted line
is then traced to the section it came from by the words it shares with that section's
source lines, and each section's lines become one chunk. The chunks therefore carry what
extraction does to real files: tables flattened to a row or a cell per line, a sidebar
interleaved with the main column, values split from their labels (": value"), long lines
wrapped, bullets turned into other glyphs, page footers, headings run into their text.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from resume_bert.resumes.extraction import extract_lines
from resume_bert.resumes.pdf_reader import pdf_lines

# Invariant mode: no creation date or random document id in the PDF; the extracted text
# does not depend on them either way, but the files then match byte for byte too.
rl_config.invariant = 1
# Bitstream Vera ships inside reportlab, so every machine draws with the same metrics.
pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))
pdfmetrics.registerFont(TTFont("VeraBd", "VeraBd.ttf"))
_GLYPHS = set(TTFont("Vera", "Vera.ttf").face.charToGlyph)
# Symbol-font bullets come out of real PDFs as the Latin letters at their code points.
_SYMBOL_FALLBACK = {
    "➢": "Ø",
    "►": "Ø",
    "✓": "ü",
    "▪": "§",
    "★": "*",
    "☆": "",
    "⋄": "|",
    "₹": "Rs.",
    "■": "§",
    "\uf0b7": "•",
}

PDF_LAYOUTS = ["one_column", "sidebar", "tables", "side_headings"]
DOCX_LAYOUTS = ["paragraphs", "tables", "sidebar"]
SIDEBAR_LABELS = {"Contact Information", "Skills"}
PAGE_W, PAGE_H, MARGIN = 595, 842, 48
_KEY_VALUE = re.compile(r"^([A-Z][\w .'’/&()#-]{0,28}?)\s*(?:\t:?|:)\s*(\S.*)$")


@dataclass
class SourceSection:
    """One section as the generator wrote it: label, printed header (None: the top contact block), body."""

    label: str
    header: str | None
    lines: list[str]
    in_sidebar: bool = False


@dataclass
class Layout:
    """Drawing operations of a PDF, page by page: (page, x, y, font, size, text)."""

    ops: list[tuple[int, float, float, str, float, str]] = field(default_factory=list)


def printable(text: str) -> str:
    """Replace glyphs the font lacks the way symbol fonts come out of real PDFs."""
    return "".join(ch if ord(ch) in _GLYPHS else _SYMBOL_FALLBACK.get(ch, "") for ch in text)


def items(lines: list[str], as_tables: bool) -> list[tuple]:
    """A section's lines as drawable items: ('text', s), ('kv', key, value) or ('row', cells)."""
    out = []
    for line in lines:
        if not line.strip():
            continue
        if as_tables:
            cells = [c.strip() for c in re.split(r" \| |\t| {2,}", line) if c.strip()]
            m = _KEY_VALUE.match(line)
            if m and len(m.group(1).split()) <= 4:
                out.append(("kv", m.group(1).strip(), m.group(2).strip()))
                continue
            if len(cells) >= 3:
                out.append(("row", cells))
                continue
        out.append(("text", line))
    return out


def fitted(text: str, font: str, size: float, width: float) -> float:
    """The font size at which a line too long to wrap (a long e-mail or URL) still fits its column."""
    wide = pdfmetrics.stringWidth(text, font, size)
    return size if wide <= width else max(3.0, size * width / wide * 0.98)


class PdfColumn:
    """A column that flows text downwards and onto new pages."""

    def __init__(self, layout: Layout, x: float, width: float, top: float, leading: float, size: float):
        self.layout, self.x, self.width, self.leading, self.size = layout, x, width, leading, size
        self.page, self.y, self.top = 1, top, PAGE_H - MARGIN

    def _advance(self, lines: int = 1):
        self.y -= self.leading * lines
        if self.y < MARGIN + 20:
            self.page, self.y = self.page + 1, self.top

    def text(self, s: str, font: str = "Vera", size: float | None = None, indent: float = 0):
        size = size or self.size
        for part in simpleSplit(printable(s), font, size, self.width - indent) or [""]:
            self.layout.ops.append(
                (self.page, self.x + indent, self.y, font, fitted(part, font, size, self.width - indent), part)
            )
            self._advance()

    def cells(self, cells: list[str], widths: list[float], fonts: list[str] | None = None):
        """One table row: each cell wrapped in its own column, the row as tall as its tallest cell."""
        fonts = fonts or ["Vera"] * len(cells)
        wrapped = [simpleSplit(printable(c), f, self.size, w - 6) or [""] for c, f, w in zip(cells, fonts, widths)]
        for i in range(max(len(w) for w in wrapped)):
            x = self.x
            for parts, font, w in zip(wrapped, fonts, widths):
                if i < len(parts):
                    self.layout.ops.append(
                        (self.page, x, self.y, font, fitted(parts[i], font, self.size, w - 4), parts[i])
                    )
                x += w
            self._advance()

    def gap(self, n: float = 0.5):
        self._advance(n)


def draw_section(col: PdfColumn, sec: SourceSection, rng: random.Random, as_tables: bool, side_heading: float = 0):
    if sec.header:
        if side_heading:  # the heading sits left of the body, on the body's first line
            head = printable(sec.header)
            col.layout.ops.append(
                (
                    col.page,
                    col.x - side_heading,
                    col.y,
                    "VeraBd",
                    fitted(head, "VeraBd", col.size + 1, side_heading - 8),
                    head,
                )
            )
        else:
            col.text(sec.header, "VeraBd", col.size + rng.choice([1, 2, 3]))
    key_w = rng.choice([0.25, 0.3, 0.35]) * col.width
    colon_in_value = rng.random() < 0.5
    for item in items(sec.lines, as_tables):
        if item[0] == "text":
            col.text(item[1])
        elif item[0] == "kv":
            key, value = item[1], item[2]
            cells = [key, f": {value}"] if colon_in_value else [f"{key}:", value]
            col.cells(cells, [key_w, col.width - key_w], ["VeraBd", "Vera"])
        else:
            n = len(item[1])
            lengths = [max(4, len(c)) for c in item[1]]
            widths = [col.width * k / sum(lengths) for k in lengths] if rng.random() < 0.5 else [col.width / n] * n
            col.cells(item[1], widths)
    col.gap(rng.choice([0.4, 0.7, 1.0]))


def render_pdf(sections: list[SourceSection], path: Path, layout: str, rng: random.Random, footer: str | None):
    plan = Layout()
    size = rng.choice([9, 9.5, 10, 10.5])
    leading = size * rng.choice([1.25, 1.35, 1.45])
    top = PAGE_H - MARGIN
    if layout == "sidebar":
        if sections[0].header is None and rng.random() < 0.7:  # the name across the top, above both columns
            name = printable(sections[0].lines[0])
            plan.ops.append((1, MARGIN, top, "VeraBd", fitted(name, "VeraBd", size + 8, PAGE_W - 2 * MARGIN), name))
            sections = [SourceSection(sections[0].label, None, sections[0].lines[1:], True)] + sections[1:]
            top -= (size + 8) * 1.8
        side_w = rng.choice([150, 170, 185])
        left_side = rng.random() < 0.7
        side_x = MARGIN if left_side else PAGE_W - MARGIN - side_w
        main_x = MARGIN + side_w + 22 if left_side else MARGIN
        side = PdfColumn(plan, side_x, side_w, top, leading * rng.choice([0.85, 0.92, 1.0]), size - 0.5)
        main = PdfColumn(plan, main_x, PAGE_W - 2 * MARGIN - side_w - 22, top, leading, size)
        for sec in sections:
            draw_section(side if sec.in_sidebar else main, sec, rng, as_tables=False)
    else:
        side_heading = 110 if layout == "side_headings" else 0
        col = PdfColumn(plan, MARGIN + side_heading, PAGE_W - 2 * MARGIN - side_heading, top, leading, size)
        for sec in sections:
            draw_section(col, sec, rng, as_tables=layout == "tables", side_heading=side_heading if sec.header else 0)
    pages = max(op[0] for op in plan.ops)
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1)
    for page in range(1, pages + 1):
        for _, x, y, font, sz, text in (op for op in plan.ops if op[0] == page):
            c.setFont(font, sz)
            c.drawString(x, y, text)
        if footer:
            c.setFont("Vera", 8)
            c.drawString(PAGE_W / 2 - 30, 28, footer.format(page=page, pages=pages))
        c.showPage()
    c.save()


def render_docx(sections: list[SourceSection], path: Path, layout: str, rng: random.Random):
    import docx

    document = docx.Document()

    def write(container, sec: SourceSection, as_tables: bool):
        if sec.header:
            container.add_paragraph(sec.header)
        key_colon = rng.random() < 0.5
        for item in items(sec.lines, as_tables and container is document):
            if item[0] == "text":
                container.add_paragraph(item[1])
            else:  # a label/value pair or a marks row as a one-row Word table
                if item[0] == "kv":
                    cells = [item[1] + ":", item[2]] if key_colon else [item[1], f": {item[2]}"]
                else:
                    cells = item[1]
                table = document.add_table(rows=1, cols=len(cells))
                for cell, text in zip(table.rows[0].cells, cells):
                    cell.text = text

    if layout == "sidebar":
        frame = document.add_table(rows=1, cols=2)
        left, right = frame.rows[0].cells
        for sec in sections:
            write(left if sec.in_sidebar else right, sec, as_tables=False)
    else:
        for sec in sections:
            write(document, sec, as_tables=layout == "tables")
    document.save(str(path))


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def trace_lines(lines: list[str], sections: list[SourceSection]) -> list[int]:
    """The section each extracted line came from: the one whose source shares most of its words.

    A word found in several sections counts for each of them in proportion; a line that
    shares no word with any section (a page footer) stays with the line before it.
    """
    counts = [Counter(_words(" ".join(([s.header] if s.header else []) + s.lines))) for s in sections]
    owners: dict[str, int] = Counter(w for c in counts for w in c)
    traced, last = [], 0
    for line in lines:
        scores = [0.0] * len(sections)
        for w in _words(line):
            for i, c in enumerate(counts):
                if w in c:
                    scores[i] += 1 / owners[w]
        best = max(range(len(sections)), key=lambda i: (scores[i], -abs(i - last)))
        last = best if scores[best] > 0 else last
        traced.append(last)
    return traced


def _norm(s: str) -> str:
    return " ".join(_words(s))


def document_chunks(
    sections: list[SourceSection], workdir: Path, name: str, rng: random.Random, header_rate: float
) -> list[tuple[str, str, str]]:
    """Render one resume, extract it, and return (label, chunk text, file kind) per section."""
    if rng.random() < 0.6:
        kind, layout = "pdf", rng.choice(PDF_LAYOUTS)
    else:
        kind, layout = "docx", rng.choice(DOCX_LAYOUTS)
    for sec in sections:
        sec.in_sidebar = sec.label in SIDEBAR_LABELS or (
            sec.label in ("Certifications", "Awards") and rng.random() < 0.4
        )
    if layout == "sidebar":  # sidebar sections first keep the DOCX cell order and PDF columns apart
        sections = [s for s in sections if s.in_sidebar] + [s for s in sections if not s.in_sidebar]
    path = workdir / f"{name}.{kind}"
    if kind == "pdf":
        footer = rng.choice([None, None, "Page {page} of {pages}", "{page}"])
        render_pdf(sections, path, layout, rng, footer)
    else:
        render_docx(sections, path, layout, rng)
    # The training chunks keep the interleaved columns they were made with (layout=False).
    lines = [line.text.strip() for line in (pdf_lines(path, layout=False) if kind == "pdf" else extract_lines(path))]
    path.unlink()
    owners = trace_lines(lines, sections)
    by_section: dict[int, list[str]] = {}
    for line, owner in zip(lines, owners):
        by_section.setdefault(owner, []).append(line)
    chunks = []
    for i in sorted(by_section, key=lambda i: owners.index(i)):
        sec, body = sections[i], by_section[i]
        if sec.header and body and _norm(body[0]) == _norm(sec.header) and rng.random() >= header_rate:
            body = body[1:]  # the splitter cut at the heading and kept only what follows it
            if len(body) > 1 and len(body[0].split()) <= 3 and body[1].startswith(":") and rng.random() < 0.5:
                body = body[1:]  # the first label went with the heading: the chunk starts ": value"
        text = "\n".join(body).strip()
        if text:
            chunks.append((sec.label, text, f"{kind}:{layout}"))
    return chunks


def render_text_resume(text: str, path: Path, layout: str, seed: int = 0) -> None:
    """Draw a plain-text resume (split at its headings) as a PDF or DOCX file in one of the layouts."""
    from resume_bert.resumes.header_words import split_resume

    sidebar_words = ("contact", "skill", "language", "personal")
    sections = [
        SourceSection(
            "",
            s.header,
            s.text.split("\n"),
            in_sidebar=s.header is None or any(w in s.header.lower() for w in sidebar_words),
        )
        for s in split_resume(text)
    ]
    if layout == "sidebar":
        sections = [s for s in sections if s.in_sidebar] + [s for s in sections if not s.in_sidebar]
    rng = random.Random(seed)
    # Written beside the target, then renamed: an interrupted run leaves no half-written file.
    tmp = path.with_name(f".{path.name}.tmp{path.suffix}")
    if path.suffix == ".pdf":
        render_pdf(sections, tmp, layout, rng, footer="Page {page} of {pages}")
    else:
        render_docx(sections, tmp, layout, rng)
    tmp.replace(path)


def main(argv=None) -> None:
    import argparse
    import sys

    parser = argparse.ArgumentParser(description="Draw a plain-text resume as a PDF or DOCX file.")
    parser.add_argument("input", type=Path, help="plain-text resume (UTF-8)")
    parser.add_argument("output", type=Path, help="file to write: .pdf or .docx")
    parser.add_argument(
        "--layout", default="one_column", help=f"PDF: {', '.join(PDF_LAYOUTS)}; DOCX: {', '.join(DOCX_LAYOUTS)}"
    )
    args = parser.parse_args(argv)
    layouts = {".pdf": PDF_LAYOUTS, ".docx": DOCX_LAYOUTS}.get(args.output.suffix.lower())
    if layouts is None or args.layout not in layouts:
        sys.exit(
            f"error: --layout {args.layout} does not draw a {args.output.suffix or 'file without suffix'}; "
            f"use .pdf with {', '.join(PDF_LAYOUTS)} or .docx with {', '.join(DOCX_LAYOUTS)}"
        )
    render_text_resume(args.input.read_text(encoding="utf-8"), args.output, args.layout)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
