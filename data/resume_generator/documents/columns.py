"""One-page layouts of the segmentation benchmark set, each returning its lines as drawn, in reading order.

A resume is drawn in one column, with a sidebar left or right, in two equal columns, under
a banner, as a Word table of sidebar and main sections, or in two Word text boxes. The lines
each layout returns are those a person reads, page by page, left column before right: the
truth a reader of the files is scored against.
"""

from __future__ import annotations

from pathlib import Path

from .fonts import BOLD, REGULAR

PDF_LAYOUTS = ("one-column", "sidebar-left", "sidebar-right", "two-columns", "banner")
LAYOUTS = [f"pdf-{name}" for name in PDF_LAYOUTS] + ["docx-two-column-table", "docx-text-boxes"]


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

    regular, bold = REGULAR, BOLD
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
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
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
    document.save(str(path))
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
