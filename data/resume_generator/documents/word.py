"""DOCX layouts: paragraphs, label/value tables, a two-cell sidebar, a heading-and-body table."""

from __future__ import annotations

import random
from pathlib import Path

from .source import SourceSection, items

LAYOUTS = ["paragraphs", "tables", "sidebar"]


def render_docx(
    sections: list[SourceSection], path: Path, layout: str, rng: random.Random, word_headings: bool = False
):
    """Draw the sections in a layout; `word_headings` writes headings in Word's Heading 2 style."""
    import docx

    document = docx.Document()

    def write(container, sec: SourceSection, as_tables: bool):
        if sec.header and word_headings and container is document:
            document.add_heading(sec.header, level=2)
        elif sec.header:
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

    if layout == "heading_table":  # each section a row: heading left, body right
        grid = document.add_table(rows=0, cols=2)
        for sec in sections:
            row = grid.add_row().cells
            row[0].text = sec.header or ""
            row[1].text = "\n".join(sec.lines)
    elif layout == "sidebar":
        frame = document.add_table(rows=1, cols=2)
        left, right = frame.rows[0].cells
        for sec in sections:
            write(left if sec.in_sidebar else right, sec, as_tables=False)
    else:
        for sec in sections:
            write(document, sec, as_tables=layout == "tables")
    document.save(str(path))
