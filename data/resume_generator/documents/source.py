"""A resume section as the generator wrote it, and its lines as the items a layout draws."""

from __future__ import annotations

import re
from dataclasses import dataclass

_KEY_VALUE = re.compile(r"^([A-Z][\w .'’/&()#-]{0,28}?)\s*(?:\t:?|:)\s*(\S.*)$")


@dataclass
class SourceSection:
    """One section: label, printed header (None: the top contact block, or no heading), body lines."""

    label: str
    header: str | None
    lines: list[str]
    in_sidebar: bool = False
    form: str = ""  # the generator's name for the form the section is written in


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
