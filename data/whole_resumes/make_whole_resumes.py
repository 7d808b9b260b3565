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

For the first group truth.json lists, for every file, its extracted lines, for every file, its extracted lines (after resume_bert's cleaning)
with the label and index of the section each line belongs to. Writing it runs the same
extractor the benchmark uses, and fails if a line cannot be traced to its section. For the
columns group it lists the lines as drawn, in the order a person reads them (page by page,
left column before right), without reading the files back: the benchmark matches the
extracted lines to them, which is how it scores reading order.
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
COLUMN_LAYOUTS = [
    "pdf-one-column",
    "pdf-sidebar-left",
    "pdf-sidebar-right",
    "pdf-two-columns",
    "pdf-banner",
    "docx-two-column-table",
    "docx-text-boxes",
]
SIDEBAR_LABELS = ("Contact Information", "Skills", "Certifications")
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


def _printable(text: str) -> str:
    """The text as the PDF's text layer will give it back: glyphs Vera lacks replaced, spaces single."""
    from render_resumes import printable

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


def _arranged(sections: list[dict], layout: str) -> tuple[list[dict], list[dict]]:
    """(left column, right column) of a two-column layout; pdf-one-column puts everything left."""
    side = [s for s in sections if s["side"]]
    main = [s for s in sections if not s["side"]]
    if layout == "pdf-one-column":
        return sections, []
    if layout == "pdf-sidebar-right":
        return main, side
    if layout == "pdf-two-columns":
        total, left, count = sum(len(s["lines"]) + 1 for s in sections), [], 0
        for s in sections:  # the first sections fill the left column to about half the lines
            if count < total / 2:
                left.append(s)
                count += len(s["lines"]) + 1
        return left, sections[len(left) :]
    if layout == "pdf-banner":
        rest = sections[1:]
        return [s for s in rest if s["side"] or s["label"] in ("Education", "Awards")], [
            s for s in rest if not (s["side"] or s["label"] in ("Education", "Awards"))
        ]
    return side, main


def _frames(layout: str, width: float, margin: float, gutter: float) -> list[tuple[float, float]]:
    """(x, width) of the left and right columns."""
    if layout == "pdf-one-column":
        return [(margin, width - 2 * margin), (0, 0)]
    if layout == "pdf-sidebar-left":  # the sidebar's text sits inside its shading
        return [(24, 160), (224, width - margin - 224)]
    if layout == "pdf-sidebar-right":
        return [(margin, width - 2 * margin - 165 - gutter), (width - margin - 165, 165)]
    if layout == "pdf-banner":
        return [(margin, 170), (margin + 170 + gutter, width - 2 * margin - 170 - gutter)]
    half = (width - 2 * margin - gutter) / 2
    return [(margin, half), (margin + half + gutter, half)]


def write_column_pdf(sections: list[dict], path: Path, layout: str) -> list[dict]:
    """Draw a resume in one of the PDF layouts of the columns group; return its lines as drawn, in reading order."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    regular, bold = _font()
    width, height = A4
    margin = 40
    left, right = _arranged(sections, layout)
    banner = sections[0] if layout == "pdf-banner" else None
    order = ([banner] if banner else []) + left + right
    frames = _frames(layout, width, margin, gutter=24)

    def column_ops(column, w, size):
        """(text, font, size, extra space before, section) for each line a column draws."""
        ops = []
        for s in column:
            if s["heading"]:
                ops += [
                    (t, bold, size + 1.5, size * 0.8 if k == 0 else 0, s)
                    for k, t in enumerate(simpleSplit(s["heading"], bold, size + 1.5, w))
                ]
            for line in s["lines"]:
                ops += [(t, regular, size, 0, s) for t in simpleSplit(line, regular, size, w) or [line]]
        return ops

    for size in (9.5, 9, 8.5, 8, 7.5, 7, 6.5):  # the largest size at which every column fits on one page
        leading = size * 1.3
        top = height - margin - (size * 5 if banner else 0)
        columns = [column_ops(column, w, size) for column, (_, w) in zip((left, right), frames)]
        if all(top - sum(leading + extra for _, _, _, extra, _ in ops) > margin for ops in columns):
            break
    else:
        raise AssertionError(f"{path.name}: the resume does not fit on one page")
    truth = []
    with atomic_path(path) as tmp:
        pdf = canvas.Canvas(str(tmp), pagesize=A4, invariant=1)
        if layout == "pdf-sidebar-left":
            pdf.setFillColorRGB(0.9, 0.92, 0.95)
            pdf.rect(0, 0, 200, height, stroke=0, fill=1)
            pdf.setFillColorRGB(0, 0, 0)
        if banner:
            name, details = banner["lines"][0], " | ".join(banner["lines"][1:])
            pdf.setFont(bold, size + 8)
            pdf.drawString(margin, height - margin - size, name)
            truth.append({"page": 1, "text": name, "label": banner["label"], "section": 0})
            pdf.setFont(regular, size)
            pieces = simpleSplit(details, regular, size, width - 2 * margin)
            for k, piece in enumerate(pieces):
                pdf.drawString(margin, height - margin - size * 2.8 - k * leading, piece)
                truth.append({"page": 1, "text": piece, "label": banner["label"], "section": 0})
            top -= max(0, len(pieces) - 1) * leading
            pdf.setStrokeColorRGB(0.6, 0.6, 0.6)
            pdf.line(margin, top + 4, width - margin, top + 4)  # a rule under the banner
        for ops, (x, _) in zip(columns, frames):
            y = top
            for text, font, font_size, extra, s in ops:
                y -= extra
                pdf.setFont(font, font_size)
                pdf.drawString(x, y - size, text)
                truth.append({"page": 1, "text": text, "label": s["label"], "section": order.index(s)})
                y -= leading
        pdf.save()
    return truth


def _docx_paragraphs(container, section: dict) -> None:
    """A section as Word paragraphs: an upper-case bold heading in a larger size, then one paragraph per line."""
    from docx.shared import Pt

    if section["heading"]:
        run = container.add_paragraph().add_run(section["heading"])
        run.bold, run.font.size = True, Pt(12)
    for line in section["lines"]:
        container.add_paragraph(line)


def _truth_of(sections: list[dict], order: list[dict]) -> list[dict]:
    return [
        {"page": 1, "text": t, "label": s["label"], "section": order.index(s)}
        for s in sections
        for t in ([s["heading"]] if s["heading"] else []) + s["lines"]
    ]


def write_column_docx(sections: list[dict], path: Path, layout: str) -> list[dict]:
    """A Word resume of the columns group (a two-column table or two text boxes); its lines in reading order."""
    import docx

    side = [s for s in sections if s["side"]]
    main = [s for s in sections if not s["side"]]
    document = docx.Document()
    if layout == "docx-two-column-table":
        table = document.add_table(rows=max(len(side), len(main)), cols=2)
        for k, row in enumerate(table.rows):
            for cell, column in zip(row.cells, (side, main)):
                cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
                if k < len(column):
                    _docx_paragraphs(cell, column[k])
                else:
                    cell.add_paragraph()
    else:
        anchor = document.add_paragraph()
        for column, (x, w) in zip((side, main), ((0.5, 2.3), (3.0, 4.5))):
            _text_box(anchor, column, x, w)
    with atomic_path(path) as tmp:
        document.save(str(tmp))
    return _truth_of(side + main, side + main)


def _text_box(paragraph, sections: list[dict], x_inches: float, width_inches: float) -> None:
    """A floating text box holding `sections`, as Word writes one: DrawingML with a VML fallback of the same text."""
    import copy

    import docx
    from lxml import etree

    scratch = docx.Document()
    for s in sections:
        _docx_paragraphs(scratch, s)
    body = [copy.deepcopy(p) for p in scratch.element.body.iterchildren() if p.tag.endswith("}p")]
    ns = {
        "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
        "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
        "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
        "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
        "v": "urn:schemas-microsoft-com:vml",
    }
    emu = 914400
    x, cx, cy = int(x_inches * emu), int(width_inches * emu), int(9.5 * emu)
    xml = f"""<w:r xmlns:w="{ns["w"]}" xmlns:mc="{ns["mc"]}" xmlns:wp="{ns["wp"]}" xmlns:a="{ns["a"]}"
    xmlns:wps="{ns["wps"]}" xmlns:v="{ns["v"]}"><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>
    <wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0"
     layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>
    <wp:positionH relativeFrom="page"><wp:posOffset>{x}</wp:posOffset></wp:positionH>
    <wp:positionV relativeFrom="page"><wp:posOffset>{int(0.6 * emu)}</wp:posOffset></wp:positionV>
    <wp:extent cx="{cx}" cy="{cy}"/><wp:wrapNone/><wp:docPr id="{int(x_inches * 10) + 1}" name="Text Box"/>
    <a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
    <wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>
    <a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx><w:txbxContent/></wps:txbx>
    <wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
    <mc:Fallback><w:pict><v:shape style="position:absolute;width:{width_inches}in;height:9.5in">
    <v:textbox><w:txbxContent/></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"""
    run = etree.fromstring(xml)
    for box in run.iter(f"{{{ns['w']}}}txbxContent"):
        box.extend(copy.deepcopy(p) for p in body)
    paragraph._p.append(run)


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
    rng = random.Random(args.seed)
    fakers = {}
    for i, loc in enumerate(sorted({ln for ls in generator.CONVENTIONS.values() for ln in ls})):
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
    for index in range(args.n + 1, args.n + args.columns + 1):
        sections = column_sections(resume_sections(rng, fakers, index))
        for layout in COLUMN_LAYOUTS:
            suffix = ".docx" if layout.startswith("docx") else ".pdf"
            path = args.output_dir / f"resume_{index:02d}_{layout}{suffix}"
            write = write_column_docx if suffix == ".docx" else write_column_pdf
            files.append(
                {
                    "file": path.name,
                    "layout": layout,
                    "group": "columns",
                    "resume": index,
                    "lines": write(sections, path, layout),
                }
            )
    write_json({"seed": args.seed, "files": files}, args.output_dir / "truth.json")
    print(f"wrote {len(files)} resume files and truth.json to {args.output_dir}")


if __name__ == "__main__":
    main()
