"""PDF layouts of the training data: one column, a sidebar beside the main column, tables, headings in the margin."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

from .fonts import fitted, printable
from .source import SourceSection, items

LAYOUTS = ["one_column", "sidebar", "tables", "side_headings"]
PAGE_W, PAGE_H, MARGIN = 595, 842, 48


@dataclass
class Layout:
    """Drawing operations of a PDF, page by page: (page, x, y, font, size, text)."""

    ops: list[tuple[int, float, float, str, float, str]] = field(default_factory=list)


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


def plain_lines(path: Path) -> list[str]:
    """A PDF's lines in pdfplumber's plain reading order (`extract_text`), which runs a sidebar into the main column."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [t.strip() for page in pdf.pages for t in (page.extract_text() or "").splitlines() if t.strip()]
