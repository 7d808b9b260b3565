"""Cut a whole resume into labelled sections: the model labels each line, neighbours of one label merge (notebook 06).

Unlike the header-word splitter (`header_words.split_resume`), it needs no heading to cut: a best path
through the line labels keeps sections from flickering, and headings and blank lines make a cut cheaper.
"""

import os
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace

import numpy as np

from ..preparation import clean_text
from .extraction import extract_lines
from .header_words import heading_title, is_document_title, is_header, label_resume, split_resume
from .lines import Line


@dataclass(frozen=True)
class LabelledSection:
    """One section of a resume: its label, text, the model's probability and where it came from.

    `column` and `last_column`: the columns (in reading order on their page) of its first and last line.
    """

    label: str
    text: str
    probability: float
    page: int
    first_line: int
    last_page: int
    last_line: int
    column: int = 1
    last_column: int = 1

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class SegmentationConfig:
    """How strongly the path through line labels resists a change of label (log-probability units).

    The defaults were chosen on generated whole resumes (make_whole_resumes.py --seed 8) with the default model of
    notebook 03, not on the benchmark set.
    """

    switch_cost: float = 8.0  # a cut between two lines that nothing marks
    heading_switch_cost: float = 0.5  # a cut just before a heading line
    gap_switch_cost: float = 1.0  # a cut at a blank line (a PDF's wider space), a page break or a change of column
    context_lines: int = 1  # neighbours on each side shown with a line
    context_weight: float = 0.4  # weight of the line-with-neighbours view against the line alone
    # Where a resume has section headings (at least `min_headings`; a document title is none), its
    # author has already said where most sections start, so unmarked cuts cost this much more.
    headed_factor: float = 2.0
    min_headings: int = 3


def clean_lines(lines: Sequence[Line]) -> list[Line]:
    """Normalise each line as the training chunks were (NFKC, single spaces) and drop those left blank."""
    cleaned = [replace(line, text=clean_text(line.text)) for line in lines]
    return [line for line in cleaned if line.text]


_NOT_A_TITLE = re.compile(r"[\d@|/•·]|[.,;]$")
# Where more of a resume's lines than this are bold (or capitals), boldness (capitals) marks no heading.
_COMMON_STYLE = 0.4


def _block_starts(lines: Sequence[Line]) -> list[bool]:
    """Whether each PDF line starts a block of its column: the column's first line, or one after more
    space than the column's lines usually leave. Lines without a box (DOCX, TXT) start none."""
    spacing = [
        line.bbox[1] - prev.bbox[3]
        for prev, line in zip(lines, lines[1:])
        if line.bbox and prev.bbox and prev.page == line.page and prev.column == line.column
    ]
    usual = float(np.median(spacing)) if spacing else 0.0
    return [
        line.bbox is not None
        and (
            prev is None
            or prev.bbox is None
            or prev.page != line.page
            or prev.column != line.column
            or line.bbox[1] - prev.bbox[3] > max(1.5 * usual, usual + 2.0)
        )
        for prev, line in zip([None, *lines[:-1]], lines)
    ]


def gaps_before(lines: Sequence[Line]) -> list[bool]:
    """Whether a blank line, a page break or a change of column comes before each line.

    A PDF has no blank lines, only space: there, more space than the column's lines usually
    leave counts as one (`_block_starts`).
    """
    return [
        i > 0
        and (
            line.page != lines[i - 1].page
            or line.column != lines[i - 1].column
            or line.line > lines[i - 1].line + 1
            or starts
        )
        for i, (line, starts) in enumerate(zip(lines, _block_starts(lines)))
    ]


def layout_headings(lines: Sequence[Line]) -> list[bool]:
    """Which lines look like headings by their layout: short, and bold, capitals or larger than the body.

    In a PDF the line must also start a block of its column (`_block_starts`); plain text has none.
    """
    n = max(len(lines), 1)
    bold_marks = sum(line.bold for line in lines) <= _COMMON_STYLE * n
    upper_marks = sum(bool(line.upper) for line in lines) <= _COMMON_STYLE * n
    out = []
    for line, starts in zip(lines, _block_starts(lines)):
        title = heading_title(line.text)
        words = re.findall(r"[^\W\d_]+|&", title)
        if not (1 <= len(words) <= 5 and len(title) <= 40) or _NOT_A_TITLE.search(title):
            out.append(False)
            continue
        looks = (bold_marks and line.bold) or line.large or (upper_marks and bool(line.upper))
        out.append(looks and (line.bold or line.large) if line.bbox is None else looks and starts)
    return out


def heading_lines(lines: Sequence[Line]) -> list[bool]:
    """Headings by their words (`header_words.is_header`) or by their layout (`layout_headings`)."""
    return [words or looks for words, looks in zip((is_header(line.text) for line in lines), layout_headings(lines))]


# A line opening with a bullet, a dash or "1." starts an item of its own even when the line above is full.
_ITEM_MARK = re.compile(r"[^\w(\[]|\(?\d{1,2}[.)]\s")


def section_headings(lines: Sequence[Line], headings: Sequence[bool]) -> int:
    """How many of the headings head a section: a document title (CURRICULUM VITAE) heads none (notebook 06)."""
    return sum(heading and not is_document_title(line.text) for line, heading in zip(lines, headings))


def wrapped_lines(lines: Sequence[Line], headings: Sequence[bool]) -> list[bool]:
    """Whether each PDF line goes on with the one before it: its column wrapped the text there.

    It does when the line follows in the same block, neither it nor the line before is a heading, it opens
    with no list mark, and its first word would not have fitted before the column's right edge (the
    furthest a line of two or more words reaches).
    """
    edge: dict = {}
    for line in lines:
        if line.bbox and len(line.text.split()) > 1:
            edge[line.page, line.column] = max(edge.get((line.page, line.column), 0.0), line.bbox[2])
    starts = _block_starts(lines)
    out = [False] * len(lines)
    for i in range(1, len(lines)):
        prev, line = lines[i - 1], lines[i]
        if None in (line.bbox, prev.bbox) or starts[i] or headings[i] or headings[i - 1] or _ITEM_MARK.match(line.text):
            continue
        char = (line.bbox[2] - line.bbox[0]) / len(line.text)
        out[i] = prev.bbox[2] + char * (len(line.text.split()[0]) + 1) > edge.get((line.page, line.column), 0.0)
    return out


def wrapped_headings(lines: Sequence[Line], headings: Sequence[bool]) -> list[bool]:
    """Whether each PDF line is the second line of a heading its column wrapped ("EDUCATION &" over "CREDENTIALS").

    It is when it is a heading, follows in the same block, and the line before starts a block, is short and
    looks the same (bold, size, capitals).
    """
    starts = _block_starts(lines)
    out = [False] * len(lines)
    for i in range(1, len(lines)):
        prev, line = lines[i - 1], lines[i]
        out[i] = (
            headings[i]
            and starts[i - 1]
            and not starts[i]
            and len(prev.text) <= 40
            and (prev.bold, prev.large, prev.upper) == (line.bold, line.large, line.upper)
        )
    return out


def line_probabilities(
    classifier, lines: Sequence[Line], config: SegmentationConfig = SegmentationConfig()
) -> np.ndarray:
    """Each line's label probabilities: the line alone and the line among its neighbours, blended."""
    texts = [line.text for line in lines]
    k = config.context_lines
    windows = ["\n".join(texts[max(0, i - k) : i + k + 1]) for i in range(len(texts))]
    probs = classifier.predict_proba(texts + windows) if k else classifier.predict_proba(texts)
    alone, with_context = (probs[: len(texts)], probs[len(texts) :]) if k else (probs, probs)
    w = config.context_weight
    blended = np.exp((1 - w) * np.log(alone + 1e-9) + w * np.log(with_context + 1e-9))
    return blended / blended.sum(axis=1, keepdims=True)


def cut_costs(headings: Sequence[bool], gaps: Sequence[bool], config: SegmentationConfig, headed: bool) -> np.ndarray:
    """What a change of label costs before each line (notebook 06).

    Little before a heading, more at a blank line, a page break or a change of column, most
    where nothing marks a cut; `headed` (the resume has headings) makes unmarked cuts dearer.
    A heading belongs with the line after it, so no cut falls right after one.
    """
    factor = config.headed_factor if headed else 1.0
    costs = np.array(
        [
            config.heading_switch_cost if heading else factor * (config.gap_switch_cost if gap else config.switch_cost)
            for heading, gap in zip(headings, gaps)
        ]
    )
    costs[1:][np.asarray(headings[:-1], dtype=bool)] = np.inf
    return costs


def best_label_path(log_probs: np.ndarray, switch_costs: np.ndarray) -> list[int]:
    """Viterbi: the label sequence with the highest total log-probability minus the cost of each change."""
    n, k = log_probs.shape
    score = log_probs[0].copy()
    back = np.zeros((n, k), dtype=np.int64)
    for i in range(1, n):
        stay = score
        best_prev = int(score.argmax())
        switch = score[best_prev] - switch_costs[i]
        back[i] = np.where(stay >= switch, np.arange(k), best_prev)
        score = np.maximum(stay, switch) + log_probs[i]
    path = [int(score.argmax())]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    return path[::-1]


def _runs(keys: Sequence, starts: Sequence[bool]) -> list[tuple[int, int]]:
    """[first, last] index ranges of equal neighbouring keys, also cut wherever `starts` is true."""
    runs, first = [], 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[first] or starts[i]:
            runs.append((first, i - 1))
            first = i
    return runs


def _section(lines: Sequence[Line], first: int, last: int, label: str, probability: float) -> LabelledSection:
    a, b, text = lines[first], lines[last], "\n".join(line.text for line in lines[first : last + 1])
    return LabelledSection(
        label, text, round(float(probability), 4), a.page, a.line, b.page, b.line, a.column, b.column
    )


def segment_lines(
    classifier, lines: Sequence[Line], config: SegmentationConfig = SegmentationConfig()
) -> list[LabelledSection]:
    """Label every line, find the best path of labels, then merge runs of one label into sections.

    A heading starts a new section even after one of the same label (two Work Experience sections stay two).
    Each section is then labelled once more as a whole, as the model was trained, and that label is reported.
    """
    lines = clean_lines(lines)
    if not lines:
        return []
    found = heading_lines(lines)
    gaps = gaps_before(lines)
    # A narrow column wraps one line of text into several: labelled, and paid for, as the one
    # line a wider page would print, it gets the same context and no cut falls inside it.
    # A wrapped heading is one heading, starting at its first line.
    second = wrapped_headings(lines, found)
    headings = [not second[i] and (h or (i + 1 < len(lines) and second[i + 1])) for i, h in enumerate(found)]
    first = [i for i, (w, s) in enumerate(zip(wrapped_lines(lines, found), second)) if not (w or s)]
    ends = first[1:] + [len(lines)]
    items = [replace(lines[a], text=" ".join(line.text for line in lines[a:b])) for a, b in zip(first, ends)]
    probs = line_probabilities(classifier, items, config)
    headed = section_headings(lines, headings) >= config.min_headings
    costs = cut_costs([headings[a] for a in first], [gaps[a] for a in first], config, headed)
    path = np.repeat(best_label_path(np.log(probs + 1e-9), costs), np.subtract(ends, first))
    runs = _runs(path, headings)
    whole = classifier.predict_proba(["\n".join(line.text for line in lines[a : b + 1]) for a, b in runs])
    labels = list(classifier.labels)
    # Relabelled runs that now agree merge, unless a heading keeps them apart.
    relabelled = [int(row.argmax()) for row in whole]
    line_labels = np.empty(len(lines), dtype=np.int64)
    for (a, b), k in zip(runs, relabelled):
        line_labels[a : b + 1] = k
    merged = _runs(list(line_labels), headings)
    if len(merged) != len(runs):
        whole = classifier.predict_proba(["\n".join(line.text for line in lines[a : b + 1]) for a, b in merged])
    return [_section(lines, a, b, labels[int(row.argmax())], row.max()) for (a, b), row in zip(merged, whole)]


def header_word_segments(classifier, lines: Sequence[Line]) -> list[LabelledSection]:
    """The header-word baseline (`header_words.split_resume` + `label_resume`) in the same shape as `segment_lines`."""
    lines = clean_lines(lines)
    if not lines:
        return []
    # Blank lines go back in where the file had them: the baseline falls back to cutting there.
    text = "\n".join(("\n" if gap else "") + line.text for line, gap in zip(lines, gaps_before(lines)))
    # Position of each non-blank line of `text` among `lines`.
    index = np.cumsum([bool(part) for part in text.split("\n")]) - 1
    splits = split_resume(text)
    table = label_resume(classifier, text)
    sections, cursor = [], 0
    for i, (split, row) in enumerate(zip(splits, table.itertuples())):
        # A heading with nothing under it joins the section after it, as do blank lines.
        last = len(lines) - 1 if i == len(splits) - 1 else int(index[split.last])
        sections.append(_section(lines, cursor, last, row.label, row.probability))
        cursor = last + 1
    return sections


def sections_from_file(
    classifier, path: str | os.PathLike, method: str = "model", max_pages: int | None = None
) -> list[LabelledSection]:
    """Extract a PDF, DOCX or TXT resume and cut it into labelled sections (`model` or `headers`)."""
    lines = extract_lines(path, max_pages=max_pages)
    return segment_lines(classifier, lines) if method == "model" else header_word_segments(classifier, lines)
