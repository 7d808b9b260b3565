"""The person a resume is about: name, contact details, and a career that holds together."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from faker import Faker

from .occupations import Occupation

# Reference year for dates; fixed so the data does not change with the calendar.
NOW_YEAR, NOW_MONTH = 2025, 6
# The day ages are counted back from. Faker's date_of_birth() counts back from the
# machine's clock, so birth dates are drawn here from this fixed day.
REFERENCE_DATE = date(2026, 11, 26)
EMAIL_DOMAINS = ["example.com", "example.org", "example.net"]
NATIONALITY = {
    "en_IN": "Indian",
    "de_DE": "German",
    "fr_FR": "French",
    "nl_NL": "Dutch",
    "es_ES": "Spanish",
    "pl_PL": "Polish",
    "en_IE": "Irish",
    "en_GB": "British",
    "en_AU": "Australian",
    "en_CA": "Canadian",
}


@dataclass
class Job:
    title: str
    org: str
    city: str
    start: tuple[int, int]
    end: tuple[int, int] | None  # None: the current job
    occupation: Occupation

    def months(self) -> int:
        end = self.end or (NOW_YEAR, NOW_MONTH)
        return max(1, (end[0] - self.start[0]) * 12 + end[1] - self.start[1])


@dataclass
class Person:
    first: str
    last: str
    city: str
    locale: str
    years: int  # years of experience
    grad_year: int  # year of the highest qualification; after NOW_YEAR while still studying
    education_level: int  # O*NET RL category 1-12
    jobs: list[Job] = field(default_factory=list)  # most recent first

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def nationality(self) -> str:
        return NATIONALITY.get(self.locale, "American")


def ascii_handle(text: str) -> str:
    return (
        unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().replace(" ", "").replace("'", "")
    )


def date_of_birth(fake: Faker, minimum_age: int, maximum_age: int) -> date:
    """Faker's date_of_birth() with REFERENCE_DATE for "today": same draws, no clock."""
    start = REFERENCE_DATE.replace(year=REFERENCE_DATE.year - maximum_age - 1)
    end = REFERENCE_DATE.replace(year=REFERENCE_DATE.year - minimum_age)
    # Both ends given as dates: Faker turns them into UTC timestamps, so no clock or time zone is read.
    dob = fake.date_time_ad(start_datetime=start, end_datetime=end).date()
    return dob if dob != start else date.fromordinal(dob.toordinal() + 1)


def phone(rng: random.Random, locale: str) -> str:
    """A number in a range reserved for fiction or never issued."""
    if locale in ("en_US", "en_CA"):
        area, xx = rng.randint(201, 989), rng.randint(0, 99)
        return rng.choice(
            [
                f"({area}) 555-01{xx:02d}",
                f"{area}-555-01{xx:02d}",
                f"+1 {area} 555 01{xx:02d}",
                f"{area}.555.01{xx:02d}",
            ]
        )
    if locale == "en_IN":
        d = rng.randint(10000, 99999)
        return rng.choice([f"+91 00000 {d}", f"+91-00000-{d}", f"(+91) 00000{d}", f"00000 {d}"])
    if locale == "en_AU":
        return rng.choice(
            [
                f"0491 570 {rng.choice([156, 157, 158, 159, 110, 313, 737])}",
                f"(02) 5550 {rng.randint(0, 9999):04d}",
                f"+61 491 570 {rng.choice([156, 157, 158, 159])}",
            ]
        )
    x = rng.randint(0, 999)
    return rng.choice([f"07700 900{x:03d}", f"+44 7700 900{x:03d}", f"+44 (0)7700 900 {x:03d}", f"07700900{x:03d}"])


def email(rng: random.Random, person: Person) -> str:
    f, ln = ascii_handle(person.first), ascii_handle(person.last)
    user = rng.choice(
        [f"{f}.{ln}", f"{f}{ln}{rng.randint(1, 99)}", f"{f[0]}{ln}", f"{f}_{ln}", f"{ln}.{f}{rng.randint(80, 99)}"]
    )
    return f"{user}@{rng.choice(EMAIL_DOMAINS)}"


def links(rng: random.Random, person: Person, occupation: Occupation) -> list[str]:
    handle = ascii_handle(f"{person.first}-{person.last}".replace(" ", "-"))
    out = []
    if rng.random() < 0.55:
        prefix = rng.choice(["linkedin.com/in/", "www.linkedin.com/in/", "https://linkedin.com/in/"])
        out.append(f"{prefix}{handle}-{rng.randint(100, 999)}")
    if occupation.family == "15" and rng.random() < 0.6:
        out.append(f"github.com/{handle.replace('-', '')}{rng.randint(1, 99)}")
    if occupation.family == "27" and rng.random() < 0.6:
        out.append(rng.choice([f"Portfolio: {handle}.example.net", f"behance.net/{handle.replace('-', '')}"]))
    return out


def career_length(rng: random.Random, convention: str, occupation: Occupation) -> int:
    """Years of experience: none for graduates, long for executives."""
    if convention == "graduate":
        return rng.randint(0, 1)
    if convention == "executive":
        return rng.randint(15, 28)
    if convention == "academic":
        return rng.randint(4, 14)
    return rng.choice([1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20])


def education_level(rng: random.Random, convention: str, occupation: Occupation) -> int:
    """An O*NET RL category drawn from the occupation's education shares, raised where the convention implies it."""
    level = rng.choices(range(1, 13), weights=[max(w, 0.0) for w in occupation.education])[0]
    floor = {"academic": 11, "graduate": 5, "executive": 6}.get(convention, 2)
    if convention == "india" and occupation.job_zone >= 3:
        floor = 5
    return max(level, floor)


def job_spans(rng: random.Random, start: tuple[int, int], n_jobs: int, internships: bool) -> list[tuple]:
    """(start, end) of each job, oldest first, back to back up to now; the last one current."""
    total = max(1, NOW_YEAR - start[0])
    cuts = (
        sorted(rng.sample(range(1, max(2, total * 12)), min(n_jobs - 1, max(0, total * 12 - 2)))) if n_jobs > 1 else []
    )
    months = [start[0] * 12 + start[1] - 1 + c for c in [0] + cuts]
    spans = []
    for i, m0 in enumerate(months):
        s = (m0 // 12, m0 % 12 + 1)
        e = None if i == len(months) - 1 else (months[i + 1] // 12, months[i + 1] % 12 + 1)
        if internships:  # internships are short and finished
            e = (s[0], min(12, s[1] + rng.randint(2, 5))) if s[0] < NOW_YEAR else None
        spans.append((s, e))
    return spans
