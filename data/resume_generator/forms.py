"""The forms each section takes in real resumes, as named weight tables.

Every section module (sections/*.py) holds a table FORMS: form name → Form(weight, writer,
where real resumes write it so, conventions it belongs to). A section is written by drawing
one form among those of the resume's convention, in proportion to the weights. data/README.md
prints these tables with the share each form gets (`python data/describe_forms.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .draft import Draft


@dataclass(frozen=True)
class Form:
    weight: float
    write: Callable[[Draft], str]
    origin: str  # where real resumes write the section this way
    conventions: tuple[str, ...] = ()  # the conventions that use it; empty: all

    def fits(self, convention: str) -> bool:
        return not self.conventions or convention in self.conventions


def draw_form(d: Draft, table: dict[str, Form], weights: dict[str, float] | None = None) -> tuple[str, str]:
    """(form name, section text) for one form drawn among those that fit the draft's convention.

    `weights` replaces the table's weights where a section adjusts them to the person (education).
    """
    weights = weights or {name: form.weight for name, form in table.items()}
    names = [name for name, form in table.items() if form.fits(d.convention)]
    name = d.rng.choices(names, weights=[weights[n] for n in names])[0]
    return name, table[name].write(d).strip()


def shares(table: dict[str, Form]) -> dict[str, float]:
    """Each form's share of the weights of its table (what the generator draws, before conventions filter)."""
    total = sum(form.weight for form in table.values())
    return {name: form.weight / total for name, form in table.items()}
