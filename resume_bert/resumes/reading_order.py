"""Find the columns of a page from its word boxes, and the order a person reads them in (a recursive XY-cut).

A block is cut in two where an empty vertical band (a gutter) runs the whole height of a run of text rows
with text on both sides; full-width parts above or below are split off first; a shaded sidebar is a column
of its own. A gutter whose rows line up on both sides (right-aligned dates, a small table) cuts nothing.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

MIN_ROWS = 2  # rows of text each side of a gutter needs
MIN_COLUMN_SHARE = 0.1  # of the page width: narrower "columns" are bullets or dates
SHARED_BASELINES = 0.9  # share of one side's rows on a baseline of the other: a table's rows
TABLE_ROW_RATIO = 0.7  # a table's sides have about as many rows as each other
MAX_DEPTH = 6
MAX_TRIES = 60  # gutters checked per block, tallest first


@dataclass(frozen=True)
class Box:
    """A word's bounding box in page coordinates (top grows downwards, as in pdfplumber), and its text."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str = ""

    @property
    def height(self) -> float:
        return self.bottom - self.top


def reading_blocks(boxes: Sequence[Box], page_width: float, sidebars: Sequence[Box] = ()) -> list[list[int]]:
    """The indices of `boxes` grouped into blocks (columns), blocks in reading order; `sidebars` are shaded rectangles."""
    index = list(range(len(boxes)))
    if not index:
        return []
    sidebar = sidebar_of(boxes, page_width, sidebars)
    if sidebar is None:
        return _cut(boxes, index, page_width, 0)
    inside = [i for i in index if _centre_in(boxes[i], sidebar)]
    outside = [i for i in index if not _centre_in(boxes[i], sidebar)]
    above = [i for i in outside if boxes[i].bottom <= sidebar.top + 1]
    below = [i for i in outside if boxes[i].top >= sidebar.bottom - 1]
    beside = [i for i in outside if i not in set(above) | set(below)]
    side, main = _cut(boxes, inside, page_width, 0), _cut(boxes, beside, page_width, 0)
    middle = side + main if sidebar.x0 + sidebar.x1 < page_width else main + side  # a sidebar on the left comes first
    return [b for b in _cut(boxes, above, page_width, 0) + middle + _cut(boxes, below, page_width, 0) if b]


def sidebar_of(boxes: Sequence[Box], page_width: float, rects: Sequence[Box]) -> Box | None:
    """The tallest filled rectangle that looks like a sidebar: narrow, tall, with text in it and text beside it."""
    if not boxes:
        return None
    text_top, text_bottom = min(b.top for b in boxes), max(b.bottom for b in boxes)
    best = None
    for r in rects:
        width = r.x1 - r.x0
        if not (0.12 * page_width <= width <= 0.5 * page_width) or r.height < 0.35 * (text_bottom - text_top):
            continue
        inside = [b for b in boxes if _centre_in(b, r)]
        beside = [
            b
            for b in boxes
            if not _centre_in(b, r) and b.top < r.bottom and b.bottom > r.top and (b.x0 >= r.x1 - 1 or b.x1 <= r.x0 + 1)
        ]
        if len(inside) >= 3 and len(beside) >= 3 and (best is None or r.height > best.height):
            best = r
    return best


def _centre_in(b: Box, r: Box) -> bool:
    x, y = (b.x0 + b.x1) / 2, (b.top + b.bottom) / 2
    return r.x0 <= x <= r.x1 and r.top <= y <= r.bottom


def text_rows(boxes: Sequence[Box], index: Sequence[int]) -> list[list[int]]:
    """Words grouped into rows: a word joins the row whose vertical span holds its middle."""
    rows: list[list[int]] = []
    spans: list[tuple[float, float]] = []
    for i in sorted(index, key=lambda i: (boxes[i].top, boxes[i].x0)):
        middle = (boxes[i].top + boxes[i].bottom) / 2
        if spans and spans[-1][0] <= middle <= spans[-1][1]:
            rows[-1].append(i)
            spans[-1] = (min(spans[-1][0], boxes[i].top), max(spans[-1][1], boxes[i].bottom))
        else:
            rows.append([i])
            spans.append((boxes[i].top, boxes[i].bottom))
    return rows


def _cut(boxes: Sequence[Box], index: list[int], page_width: float, depth: int) -> list[list[int]]:
    if len(index) < 2 * MIN_ROWS or depth > MAX_DEPTH:
        return [index] if index else []
    rows = text_rows(boxes, index)
    band = _best_band(boxes, rows, page_width)
    if band is None:
        return [index]
    first, last, gutter = band
    top = [i for r in rows[:first] for i in r]
    middle = [i for r in rows[first:last] for i in r]
    bottom = [i for r in rows[last:] for i in r]
    left = [i for i in middle if boxes[i].x1 <= gutter]
    right = [i for i in middle if boxes[i].x1 > gutter]
    blocks = []
    for part in (top, left, right, bottom):
        blocks += _cut(boxes, part, page_width, depth + 1)
    return blocks


def _best_band(boxes, rows, page_width):
    """(first row, end row, gutter x) of the tallest run of rows that a valid gutter splits, or None."""
    n = len(rows)
    x_min = int(np.floor(min(boxes[i].x0 for r in rows for i in r)))
    x_max = int(np.ceil(max(boxes[i].x1 for r in rows for i in r)))
    width = x_max - x_min + 1
    covered = np.zeros((n, width), dtype=np.int32)
    for k, r in enumerate(rows):
        for i in r:
            covered[k, int(boxes[i].x0) - x_min : int(np.ceil(boxes[i].x1)) - x_min + 1] = 1
    cumulative = np.vstack([np.zeros((1, width), dtype=np.int32), np.cumsum(covered, axis=0)])
    # Rows may be cut apart only where no word of one reaches into the next.
    bottoms = np.maximum.accumulate([max(boxes[i].bottom for i in r) for r in rows])
    cuts = [0] + [k for k in range(1, n) if min(boxes[i].top for i in rows[k]) >= bottoms[k - 1] - 0.5] + [n]
    size = np.median([boxes[i].height for r in rows for i in r])
    min_gutter = max(8.0, 0.9 * size)
    candidates = []
    for a in range(len(cuts)):
        for b in range(a + 1, len(cuts)):
            first, last = cuts[a], cuts[b]
            if last - first < MIN_ROWS:
                continue
            empty = (cumulative[last] - cumulative[first]) == 0
            for start, end in _runs_of_true(empty):
                if end - start >= min_gutter and start > 0 and end < width:
                    candidates.append((last - first, end - start, first, last, x_min + (start + end) / 2))
    for _, _, first, last, gutter in sorted(candidates, key=lambda c: (-c[0], -c[1], c[2]))[:MAX_TRIES]:
        if _is_column_gutter(boxes, rows[first:last], gutter, page_width):
            return first, last, gutter
    return None


def _runs_of_true(mask: np.ndarray) -> list[tuple[int, int]]:
    edges = np.flatnonzero(np.diff(np.concatenate([[0], mask.astype(np.int8), [0]])))
    return list(zip(edges[::2], edges[1::2]))


def _is_column_gutter(boxes, rows, gutter: float, page_width: float) -> bool:
    """Whether the text either side of `gutter` reads as two columns rather than one column's rows."""
    sides = [[i for r in rows for i in r if (boxes[i].x1 <= gutter) == left] for left in (True, False)]
    side_rows = [text_rows(boxes, side) for side in sides]
    if min(len(r) for r in side_rows) < MIN_ROWS:
        return False
    for side in sides:
        if max(boxes[i].x1 for i in side) - min(boxes[i].x0 for i in side) < MIN_COLUMN_SHARE * page_width:
            return False
    # Rows of one column with a gap in them share their baselines on both sides of it.
    baselines = [sorted(max(boxes[i].bottom for i in r) for r in rs) for rs in side_rows]
    fewer, more = sorted(baselines, key=len)
    shared = sum(any(abs(b - c) <= 1.5 for c in more) for b in fewer) / len(fewer)
    if shared < SHARED_BASELINES:  # columns of one leading line up in part only
        return True
    # Sides that line up row for row are a table when they are about as long as each other,
    # and dates set beside one column's lines when the shorter side is mostly figures.
    if len(fewer) >= TABLE_ROW_RATIO * len(more):
        return False
    short_side = min(side_rows, key=len)
    with_figures = sum(any(ch.isdigit() for i in r for ch in boxes[i].text) for r in short_side)
    return with_figures < 0.5 * len(short_side)
