"""Read a Word (DOCX) resume line by line in document order (notebook 06).

Headers come first and footers last; the body's paragraphs, tables, content controls and text boxes are read
where they stand, a table that lays out columns column by column (`_Reader.band`).
"""

import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass, field

from ..errors import DataError, first_line
from .lines import LARGE, Line
from .sources import display_name, without_paths

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_lines(source, name: str | None = None) -> list[Line]:
    """The non-blank lines of a DOCX (a path or a binary file object), numbered as in `docx_text`."""
    name = display_name(source, name, "upload.docx")
    raw = _read(source, name)
    sizes = Counter(size for _, _, _, size, _ in raw if size)
    body = sizes.most_common(1)[0][0] if sizes else None
    return [
        Line(text.rstrip(), 1, number, column, None, bold, heading or bool(body and size and size >= LARGE * body))
        for number, (text, column, bold, size, heading) in enumerate(raw, start=1)
        if text.strip()
    ]


def docx_text(source, name: str | None = None) -> str:
    """The whole text of a DOCX, one line per paragraph line, in document order (blank paragraphs kept)."""
    return "\n".join(text for text, *_ in _read(source, name=display_name(source, name, "upload.docx")))


def _read(source, name: str) -> list[tuple[str, int, bool, float | None, bool]]:
    """(text, column, bold, size in points, heading style) for every paragraph line, blank ones included."""
    import docx
    from docx.opc.exceptions import OpcError
    from lxml import etree

    unreadable = (zipfile.BadZipFile, zlib.error, etree.LxmlError, OpcError, KeyError, ValueError, EOFError, TypeError)
    try:
        document = docx.Document(str(source) if not hasattr(source, "read") else source)
        reader = _Reader(document)
        for part in reader.parts("header"):
            reader.blocks(part)
        reader.blocks(document.element.body)
        for part in reader.parts("footer"):
            reader.blocks(part)
        return reader.out
    except (*unreadable, NotImplementedError, AttributeError) as err:
        detail = "not a Word package" if type(err).__name__ == "PackageNotFoundError" else first_line(err)
        raise DataError(
            f"{name} is not a readable DOCX file ({without_paths(detail, source, name)}); save it again from Word"
        ) from None


def _tag(node) -> str | None:
    """A node's local name; None for comments and processing instructions, whose tag is not a string."""
    return node.tag.rsplit("}", 1)[-1] if isinstance(node.tag, str) else None


@dataclass
class _Reader:
    document: object
    out: list = field(default_factory=list)
    column: int = 1
    _styles: dict = field(default_factory=dict)

    def parts(self, kind: str):
        """The header or footer parts' root elements, each once."""
        seen = []
        for rel in self.document.part.rels.values():
            if rel.reltype.endswith("/" + kind) and not rel.is_external and rel.target_part not in seen:
                seen.append(rel.target_part)
        return [part.element for part in seen]

    def blocks(self, element) -> None:
        for child in element.iterchildren():
            tag = _tag(child)
            if tag == "p":
                self.paragraph(child)
            elif tag == "tbl":
                self.table(child)
            elif tag == "sdt":  # a content control: its content stands where it is
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    self.blocks(content)
            elif tag in ("customXml", "smartTag", "ins"):
                self.blocks(child)

    def new_column(self) -> None:
        if self.out and self.out[-1][1] == self.column:
            self.column += 1

    def paragraph(self, p) -> None:
        parts, boxes, runs = [], [], []
        _walk(p, parts, boxes, runs)
        style_bold, style_size, heading = self.style(p)
        bold = bool(runs) and all(_on(r, "b", style_bold) for r in runs)
        sizes = [s for s in (_size(r) for r in runs) if s] or ([style_size] if style_size else [])
        for text in "".join(parts).split("\n"):
            self.out.append((text, self.column, bold, max(sizes) if sizes else None, heading))
        for box in boxes:  # a text box is a column of its own, read after the paragraph it is anchored in
            self.new_column()
            self.blocks(box)
            self.new_column()

    def style(self, p) -> tuple[bool, float | None, bool]:
        """(bold, size, is a heading or title style) of a paragraph's style, following the styles it is based on."""
        ppr = p.find(f"{W}pPr")
        node = ppr.find(f"{W}pStyle") if ppr is not None else None
        style_id = node.get(f"{W}val") if node is not None else None
        if style_id not in self._styles:
            bold, size, heading = False, None, False
            try:
                style = self.document.styles.get_by_id(style_id, 1) if style_id else self.document.styles.default(1)
            except (KeyError, ValueError):
                style = None
            while style is not None:
                heading = heading or (style.name or "").lower().startswith(("heading", "title"))
                if style.font.bold is not None and bold is False:
                    bold = bool(style.font.bold)
                if size is None and style.font.size is not None:
                    size = style.font.size.pt
                style = style.base_style
            self._styles[style_id] = (bold or heading, size, heading)
        return self._styles[style_id]

    def table(self, tbl) -> None:
        rows = [_cells(tr) for tr in tbl.iterchildren(f"{W}tr")]
        band: list[list] = []
        for row in rows + [None]:
            if row is not None and len(row) > 1:
                band.append(row)
                continue
            self.band(band)
            band = []
            if row:  # a row of one cell across the table (a banner)
                self.cell(row[0])

    def band(self, rows: list[list]) -> None:
        """Rows of several cells: column by column where cells side by side hold several lines each, else row by row."""
        if not rows:
            return
        if len(rows) > 1 and any(sum(_line_count(tc) > 1 for tc in row) > 1 for row in rows):
            starts = sorted({start for row in rows for start, _ in _grid(row)})
            for start in starts:
                self.new_column()
                for row in rows:
                    for s, tc in _grid(row):
                        if s == start:
                            self.cell(tc)
            self.new_column()
            return
        for row in rows:
            for tc in row:
                self.cell(tc)

    def cell(self, tc) -> None:
        merge = tc.find(f"{W}tcPr/{W}vMerge")
        if merge is not None and merge.get(f"{W}val") != "restart":  # its text is in the row where the merge starts
            return
        if "".join(t.text or "" for t in tc.iter(f"{W}t")).strip():  # an empty cell adds no blank line
            self.blocks(tc)


def _walk(node, parts: list, boxes: list, runs: list) -> None:
    """A paragraph's text in document order; text boxes are set aside and the fallback copy of a drawing skipped."""
    for child in node.iterchildren():
        tag = _tag(child)
        if tag is None or tag in ("pPr", "rPr", "Fallback", "del", "instrText"):
            continue
        if tag == "txbxContent":
            boxes.append(child)
        elif tag == "t":
            parts.append(child.text or "")
        elif tag in ("tab", "ptab", "br", "cr", "noBreakHyphen") and _tag(node) == "r":
            parts.append({"tab": "\t", "ptab": "\t", "noBreakHyphen": "-"}.get(tag, "\n"))
        else:
            if tag == "r" and any((t.text or "").strip() for t in child.iterchildren(f"{W}t")):
                runs.append(child)
            _walk(child, parts, boxes, runs)


def _on(run, prop: str, default: bool) -> bool:
    """Whether a run's on/off property (w:b) is on, else the paragraph style's."""
    rpr = run.find(f"{W}rPr")
    node = rpr.find(f"{W}{prop}") if rpr is not None else None
    if node is None:
        return default
    return node.get(f"{W}val", "true").lower() not in ("0", "false", "off")


def _size(run) -> float | None:
    rpr = run.find(f"{W}rPr")
    node = rpr.find(f"{W}sz") if rpr is not None else None
    try:
        return int(node.get(f"{W}val")) / 2 if node is not None else None
    except (TypeError, ValueError):
        return None


def _cells(tr) -> list:
    """A row's cells, content controls around cells opened."""
    cells = []
    for child in tr.iterchildren():
        tag = _tag(child)
        if tag == "tc":
            cells.append(child)
        elif tag == "sdt":
            content = child.find(f"{W}sdtContent")
            cells += list(content.iterchildren(f"{W}tc")) if content is not None else []
    return cells


def _grid(row) -> list[tuple[int, object]]:
    """(first grid column, cell) for each cell of a row, counting the columns a cell spans."""
    out, start = [], 0
    for tc in row:
        out.append((start, tc))
        span = tc.find(f"{W}tcPr/{W}gridSpan")
        start += int(span.get(f"{W}val", "1")) if span is not None and span.get(f"{W}val", "1").isdigit() else 1
    return out


def _line_count(tc) -> int:
    """Non-blank lines in a cell: its paragraphs' lines, line breaks counted."""
    count = 0
    for p in tc.iter(f"{W}p"):
        parts: list = []
        _walk(p, parts, [], [])
        count += sum(bool(line.strip()) for line in "".join(parts).split("\n"))
    return count
