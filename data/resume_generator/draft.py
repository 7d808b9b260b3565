"""One resume in the making: the person, their occupation and career, the resume's style, and the draws the section writers share.

Every choice comes from one `random.Random` and one seeded Faker, in a fixed order, so the
same seed writes the same resume. The section writers (sections/*.py) read what they need
from a Draft: duties in resume voice, technology, tools, skills, fields of study, dates.
"""

from __future__ import annotations

import random
import re

from faker import Faker

from . import phrases, voice
from .occupations import Occupation, known_verbs, technology_weight
from .person import NOW_YEAR, Job, Person, career_length, education_level, email, job_spans, links, phone
from .style import MONTHS, Style

# Conventions whose writers spell the British way most of the time (Indian resumes mix both).
BRITISH_SPELLING = {"uk": 0.85, "europe": 0.6, "india": 0.5}


class Draft:
    """The state and the random draws of one resume."""

    def __init__(
        self,
        rng: random.Random,
        fake: Faker,
        convention: str,
        locale: str,
        occupation: Occupation,
        occupations: tuple[Occupation, ...],
    ):
        self.rng, self.fake, self.convention, self.locale = rng, fake, convention, locale
        self.occupation = occupation
        self.style = Style.draw(rng, convention)
        self.british = rng.random() < BRITISH_SPELLING.get(convention, 0.0)
        self.female = rng.random() < 0.5
        self.person = Person(
            fake.first_name_female() if self.female else fake.first_name_male(),
            fake.last_name(),
            fake.city(),
            locale,
            career_length(rng, convention, occupation),
            0,
            education_level(rng, convention, occupation),
        )
        self.field = self.pick(occupation.fields) if occupation.fields else "Business Administration"
        # Sections may ask for a header wording ("Education and Training" over a diploma and a school).
        self.header_hint: dict[str, str] = {}
        self._career(occupations)
        self.chunk_jobs: list[Job] = list(self.person.jobs)  # the jobs the Work Experience chunk being written covers

    # ---------- draws ----------
    def pick(self, seq, k: int | None = None):
        seq = list(seq)
        return self.rng.choice(seq) if k is None else self.rng.sample(seq, min(k, len(seq)))

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def bulletise(self, lines: list[str], glyph: str | None = None) -> str:
        return self.style.bulletise(lines, self.rng, glyph)

    def date(self, year: int, month: int) -> str:
        return self.style.date(year, month)

    def span(self, start: tuple[int, int], end: tuple[int, int] | None) -> str:
        return self.style.span(start, end)

    def money(self) -> str:
        amount = self.rng.choice([50, 120, 250, 400, 750, 1.2, 2.5, 5, 12, 30])
        unit = "M" if amount < 50 else "K"
        if self.locale == "en_IN":
            return self.pick(
                [
                    f"INR {self.rng.randint(2, 90)} lakh",
                    f"₹{self.rng.randint(1, 40)} crore",
                    f"Rs. {self.rng.randint(5, 95)} lakhs",
                ]
            )
        symbol = {"en_GB": "£", "en_IE": "€", "de_DE": "€", "fr_FR": "€", "nl_NL": "€", "es_ES": "€"}.get(self.locale)
        symbol = symbol or {"pl_PL": "PLN ", "en_AU": "A$", "en_CA": "C$"}.get(self.locale, "$")
        return f"{symbol}{amount}{unit}"

    def university(self) -> str:
        city, last = self.fake.city(), self.fake.last_name()
        if self.locale == "en_IN":
            return self.pick(
                [
                    f"{city} University",
                    f"{last} College of Engineering, {city}",
                    f"Government College, {city}",
                    f"{city} Institute of Technology",
                    f"{last} Institute of Management Studies, {city}",
                    f"{last} College of Arts, Science and Commerce",
                ]
            )
        if self.locale in ("de_DE", "fr_FR", "nl_NL", "es_ES", "pl_PL"):
            return self.pick(
                [f"University of {city}", f"{city} University of Applied Sciences", f"Technical University of {city}"]
            )
        return self.pick(
            [
                f"University of {city}",
                f"{city} State University",
                f"{last} College",
                f"{city} Institute of Technology",
                f"{city} Metropolitan University",
                f"{last} University",
                f"{city} Community College",
            ]
        )

    def phone(self) -> str:
        return phone(self.rng, self.locale)

    def email(self) -> str:
        return email(self.rng, self.person)

    def links(self) -> list[str]:
        return links(self.rng, self.person, self.occupation)

    # ---------- content from the occupation ----------
    def technology(self, k: int, occupation: Occupation | None = None) -> list[str]:
        """k technology names as a skills list writes them, widely used and hot technologies first (technology_weight)."""
        occ = occupation or self.occupation
        names = occ.technology or ["Microsoft Office software"]
        chosen: list[str] = []
        for _ in range(min(k, len(names))):
            pool = [n for n in names if n not in chosen]
            chosen.append(self.rng.choices(pool, weights=[technology_weight(occ, n) for n in pool])[0])
        # A one-letter name ("R", "C") is a language to a reader of a list, but alone it is just a letter.
        return [n for n in dict.fromkeys(voice.product_name(n, self.rng) for n in chosen) if len(n) > 1] or [
            "MS Office"
        ]

    def tools(self, k: int) -> list[str]:
        return [voice.product_name(t, self.rng) for t in self.pick(self.occupation.tools or ["Computers"], k)]

    def skills(self, k: int) -> list[str]:
        """O*NET skills and work styles of the occupation, as a resume names them ("Adaptability")."""
        top = self.occupation.skills[:10] + self.occupation.work_styles[:8]
        return [s.split("/")[0] for s in self.pick(top or ["Communication"], k)]

    def focus(self, k: int = 1) -> list[str]:
        """What the work is about, as gerund phrases from the occupation's detailed work activities."""
        acts = self.occupation.activities[:12] or [t.text for t in self.occupation.tasks[:5]]
        return [voice.activity_phrase(a) for a in self.pick(acts, k)]

    def coursework(self, k: int) -> list[str]:
        others = [f for f in self.occupation.fields if f != self.field]
        return self.pick(others or [self.field], k)

    def duty(self, task_text: str, tense: str, occupation: Occupation | None = None) -> str:
        """One task statement in resume voice, now and then with a count, a metric or a clause more."""
        occ = occupation or self.occupation
        count = self.pick([3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 40, 60]) if self.chance(0.6) else None
        line = voice.resume_line(task_text, tense, known_verbs(), self.rng, count=count, keep_tail=0.55)
        if self.chance(0.25):
            line += self.fill(self.pick(phrases.METRICS.get(occ.family, phrases.DUTY_CLAUSES)))
        elif self.chance(0.12):
            line += self.fill(self.pick(phrases.DUTY_CLAUSES))
        if self.british:
            line = voice.british(line)
        return line

    def duties(self, job: Job, k: int, tense: str | None = None) -> list[str]:
        """k duties of the job's occupation, core tasks three times as likely as supplemental ones."""
        tense = tense or self.tense(job)
        tasks = list(job.occupation.tasks)
        chosen = []
        for _ in range(min(k, len(tasks))):
            pool = [t for t in tasks if t not in chosen]
            chosen.append(self.rng.choices(pool, weights=[3 if t.core else 1 for t in pool])[0])
        return [self.duty(t.text, tense, job.occupation) for t in chosen]

    def tense(self, job: Job) -> str:
        """Past for a finished job; for the current one the bare form, the third person or the past."""
        if job.end is not None:
            return "past" if self.chance(0.92) else "third"
        third = 0.45 if self.convention == "india" else 0.15
        return self.rng.choices(["present", "third", "past"], weights=[0.45 - third / 2, third, 0.55 - third / 2])[0]

    # ---------- templates ----------
    def fill(self, template: str, **values: str) -> str:
        """Fill a template's own {keys}, then the shared placeholders (see phrases.py)."""
        for key, value in values.items():
            template = template.replace("{" + key + "}", value)
        r = self.rng
        focus: list[str] = []  # {focus} and {focus2} name two different activities

        def next_focus() -> str:
            if not focus:
                focus.extend(self.focus(2))
            return focus.pop(0) if focus else self.focus()[0]

        shared = {
            "n": lambda: str(r.randint(2, 9)),
            "n2": lambda: str(r.randint(10, 60)),
            "N": lambda: f"{r.randint(1, 40) * 50:,}",
            "pct": lambda: f"{r.randint(5, 45)}{r.choice(['%', '%', '%', ' percent', ' per cent'])}",
            "highpct": lambda: f"{r.randint(80, 98)}%",
            "money": self.money,
            "tool": lambda: self.technology(1)[0],
            "tool2": lambda: self.technology(1)[0],
            "city": self.fake.city,
            "client": self.fake.company,
            "company": self.fake.company,
            "year": lambda: str(r.randint(2012, 2024)),
            "year2": lambda: str(r.randint(2025, 2027)),
            "region": lambda: r.choice(phrases.REGIONS),
            "q": lambda: str(r.randint(1, 4)),
            "month": lambda: r.choice(MONTHS),
            "dept": lambda: r.choice(["department", "regional", "site", "division"]),
            "sport": lambda: r.choice(phrases.SPORTS),
            "last": self.fake.last_name,
            "last2": self.fake.last_name,
            "first": self.fake.first_name,
            "focus": next_focus,
            "focus2": next_focus,
            "skill": lambda: self.skills(1)[0].lower(),
            "skill2": lambda: self.skills(1)[0].lower(),
            "soft": lambda: self.skills(1)[0].lower(),
            "course": lambda: self.coursework(1)[0],
            "field": lambda: self.field,
            "org": self.university,
            "hours": lambda: str(r.choice([20, 30, 40, 60, 120])),
            "platform": lambda: r.choice(phrases.PLATFORMS),
            "verb": lambda: r.choice(["work", "deliver", "perform"]),
            "title": lambda: self.person.jobs[0].title if self.person.jobs else self.occupation.title,
            "years": lambda: str(max(2, self.person.years)),  # "over the last {years} years"
        }
        return re.sub(r"\{([A-Za-z0-9]+)\}", lambda m: shared[m.group(1)](), template)

    # ---------- the career ----------
    def _career(self, occupations: tuple[Occupation, ...]) -> None:
        """Graduation, then jobs back to back up to now, in reverse-chronological order."""
        conv, r, person = self.convention, self.rng, self.person
        person.grad_year = NOW_YEAR - person.years - (r.randint(0, 1) if conv != "graduate" else 0)
        if conv == "graduate" and self.chance(0.4):
            person.grad_year = NOW_YEAR + 1  # still studying: "Expected May 2026"
        n_jobs = 1 if person.years <= 2 else min(5, 1 + person.years // r.randint(3, 5))
        if conv == "graduate":
            n_jobs = r.randint(1, 2)
        start = (min(person.grad_year, NOW_YEAR) - (1 if conv == "graduate" else 0), r.randint(1, 12))
        # An earlier job may be in a neighbouring occupation (same SOC minor group).
        kin = [o for o in occupations if o.code[:4] == self.occupation.code[:4] and o is not self.occupation]
        spans = job_spans(r, start, n_jobs, internships=conv == "graduate")
        for i, (s, e) in enumerate(spans):
            occ = self.pick(kin) if kin and i < len(spans) - 1 and self.chance(0.3) else self.occupation
            person.jobs.append(Job(self._title(occ, i, len(spans)), self.employer(occ), self.fake.city(), s, e, occ))
        person.jobs.reverse()

    def _title(self, occ: Occupation, index: int, n_jobs: int) -> str:
        titles = occ.titles or [occ.title]
        title = self.pick(titles[:8]) if self.chance(0.6) else self.pick(titles)
        if self.chance(0.6):  # "CDL Driver (Commercial Driver's License Driver)" → "CDL Driver"
            title = re.sub(r"\s*\([^)]*\)$", "", title) or title
        if self.convention == "graduate":
            return self.pick([f"{title} Intern", f"{title} (Internship)", "Summer Intern", f"Trainee {title}"])
        if self.convention == "executive" and index == n_jobs - 1:
            return self.pick(
                [
                    "Chief Operating Officer",
                    "Vice President, Operations",
                    "Managing Director",
                    "Head of Operations",
                    "General Manager",
                    title,
                ]
            )
        if index == 0 and n_jobs > 1 and self.chance(0.25):
            return self.pick(["Junior ", "Assistant ", "Trainee "]) + title
        if index == n_jobs - 1 and self.person.years >= 6 and self.chance(0.3) and not title.startswith("Senior"):
            return "Senior " + title
        return title

    def employer(self, occ: Occupation | None = None) -> str:
        occ = occ or self.occupation
        return self.fill(self.pick(phrases.EMPLOYERS.get(occ.family, ["{company}"])))
