"""Read the text of a Word (DOCX) resume in document order (notebook 06)."""

from __future__ import annotations

from pathlib import Path

from ..errors import DataError, first_line


def docx_text(path: Path) -> str:
    import zipfile

    import docx

    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as err:
        raise DataError(f"{path.name} is not a readable DOCX file ({first_line(err)}); save it again from Word") from None
    lines: list[str] = []
    # Body paragraphs and tables in document order; a table cell becomes a line of its own,
    # as PDF extraction flattens tables.
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(_run_text(node) for node in block.iter()))
        elif tag == "tbl":
            for row in docx.table.Table(block, document).rows:
                seen = []
                for cell in row.cells:  # merged cells repeat: keep each once
                    if cell._tc not in seen:
                        seen.append(cell._tc)
                        lines.extend(cell.text.splitlines())
    return "\n".join(lines)


def _run_text(node) -> str:
    """A paragraph node's text: tabs and line breaks count, or the words either side would run together."""
    tag = node.tag.rsplit("}", 1)[-1]
    if tag == "t":
        return node.text or ""
    if not node.getparent().tag.endswith("}r"):  # tab stops in paragraph properties are not text
        return ""
    return {"tab": "\t", "br": "\n", "cr": "\n"}.get(tag, "")
