"""Generate data/resume_chunks.csv: synthetic resumes split into labelled section chunks.

    python data/make_resume_chunks.py --output data/resume_chunks.csv [--seed 13]

Each resume is generated whole (a convention, a profession, a Faker locale and a person
with a consistent career), then written out one row per section, so all chunks of a
resume share its resume_id and never straddle the train/validation/test splits.
Variety comes from many small independent choices (layout, bullets, date format,
header, tense, typos), never from wrong labels. Output depends on the Faker version:
the committed CSV was made with Faker 40.63.0.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import sys
import tempfile
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path

from faker import Faker

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # resume_bert, when run from a clone
import resume_vocabulary as vocab  # noqa: E402

DEFAULT_SEED = 13
N_RESUMES = 400
LABELS = [
    "Contact Information",
    "Summary",
    "Work Experience",
    "Education",
    "Skills",
    "Projects",
    "Certifications",
    "Awards",
]
# Share of resumes drawn as PDF/DOCX files and cut from their extracted text; the rest are
# written as plain-text chunks.
RENDER_RATE = 0.5
DOCUMENT_HEADER_RATE = 0.3  # how often a chunk cut from a document keeps its heading line
HEADER_RATE = 0.27  # keep the header share under a third once per-section tweaks apply
MIN_SHARE, MAX_SHARE, MAX_HEADER_SHARE = 0.08, 0.20, 1 / 3
EMAIL_DOMAINS = ["example.com", "example.org", "example.net"]

# Convention -> Faker locales to draw people from (weighted by repetition).
CONVENTIONS = {
    "us": ["en_US"] * 4 + ["en_CA"],
    "uk": ["en_GB"] * 4 + ["en_IE", "de_DE", "fr_FR", "nl_NL", "es_ES", "pl_PL"],
    "india": ["en_IN"],
    "academic": ["en_US", "en_GB", "en_IN", "de_DE", "fr_FR", "en_AU", "pl_PL"],
    "graduate": ["en_US", "en_GB", "en_IN", "en_AU", "en_CA", "en_IN"],
    "executive": ["en_US", "en_GB", "en_AU", "en_IN", "de_DE"],
}
CONVENTION_WEIGHTS = {"us": 22, "uk": 20, "india": 22, "academic": 10, "graduate": 16, "executive": 10}
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
BULLETS = ["•", "-", "*", "·", "–", "▪", "o", "➢", "►", "✓", "1."]
# Reference year for dates; fixed so the data does not change with the calendar.
NOW_YEAR, NOW_MONTH = 2025, 6
# The day ages are counted back from. Faker's date_of_birth() counts back from the
# machine's clock, so the generator draws birth dates itself from this fixed day.
REFERENCE_DATE = date(2026, 11, 26)


# Every header wording the generator can print, English and local-language, lower-cased.
KNOWN_HEADERS = {h.lower() for hs in vocab.HEADERS.values() for h in hs} | {
    h.lower() for by_label in vocab.LOCAL_HEADERS.values() for hs in by_label.values() for h in hs
}


def is_header_line(line: str) -> bool:
    """True when a chunk's first line is one of the known section headers (any styling)."""
    cleaned = line.strip().strip(":_-=■|").strip()
    letter = r"(?:[^\W\d_]|&)"  # any letter, accented ones included ("F Ä H I G K E I T E N")
    if re.fullmatch(rf"(?:{letter} ){{3,}}{letter}", cleaned):  # "E D U C A T I O N"
        cleaned = cleaned.replace(" ", "")
        return any(cleaned.lower() == h.replace(" ", "") for h in KNOWN_HEADERS)
    return cleaned.lower() in KNOWN_HEADERS


class ResumeWriter:
    """Writes the sections of one resume; every choice is drawn from the shared rng."""

    def __init__(self, rng: random.Random, faker: Faker, locale: str, convention: str, profession: str):
        self.rng, self.fake, self.locale = rng, faker, locale
        self.convention, self.prof_name = convention, profession
        self.prof = vocab.PROFESSIONS[profession]
        self.first, self.last = faker.first_name(), faker.last_name()
        self.city = faker.city()
        self.date_style = rng.choice(
            ["Mon YYYY", "Month YYYY", "MM/YYYY", "YYYY", "Mon. YYYY", "MM.YYYY", "YYYY-MM", "Mon 'YY"]
        )
        self.range_sep = rng.choice([" – ", " - ", " to ", "–", " — ", " -- "])
        self.present = rng.choice(
            ["Till date", "till date", "Present", "Current"]
            if locale == "en_IN"
            else ["Present", "Present", "present", "Current", "Now", "to date", "Ongoing"]
        )
        self.bullet = rng.choice(BULLETS)
        # A section can ask for a particular header wording (a German contact block under
        # "Persönliche Daten", a mixed diploma-and-school block under "Education and Training").
        self.header_hint: dict[str, str] = {}
        self._career()

    # ---------- small helpers ----------
    def pick(self, seq, k=None):
        return self.rng.choice(seq) if k is None else self.rng.sample(seq, min(k, len(seq)))

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def money(self) -> str:
        amount = self.rng.choice([50, 120, 250, 400, 750, 1.2, 2.5, 5, 12, 30])
        unit = "M" if amount < 50 else "K"
        if self.locale == "en_IN":
            return self.rng.choice(
                [
                    f"INR {self.rng.randint(2, 90)} lakh",
                    f"₹{self.rng.randint(1, 40)} crore",
                    f"Rs. {self.rng.randint(5, 95)} lakhs",
                ]
            )
        sym = {
            "en_GB": "£",
            "en_IE": "€",
            "de_DE": "€",
            "fr_FR": "€",
            "nl_NL": "€",
            "es_ES": "€",
            "pl_PL": "PLN ",
            "en_AU": "A$",
            "en_CA": "C$",
        }.get(self.locale, "$")
        return f"{sym}{amount}{unit}"

    def fill(self, template: str, tense: str = "past") -> str:
        """Replace {placeholders}; {v:key} becomes a verb synonym in the given tense."""
        tools = self.prof["tools"]

        def one(match):
            key = match.group(1)
            if key.startswith("v:"):
                past, present, gerund = self.pick(vocab.VERBS[key[2:]])
                return {"past": past, "present": present, "gerund": gerund}[tense]
            r = self.rng
            values = {
                "n": lambda: str(r.randint(2, 9)),
                "n2": lambda: str(r.randint(10, 60)),
                "N": lambda: f"{r.randint(1, 40) * 50:,}",
                "N2": lambda: f"{r.randint(41, 400) * 100:,}",
                "pct": lambda: f"{r.randint(5, 45)}{r.choice(['%', '%', '%', ' percent', ' per cent'])}",
                "money": self.money,
                "tool": lambda: r.choice(tools),
                "tool2": lambda: r.choice(tools),
                "city": self.fake.city,
                "client": self.fake.company,
                "company": self.fake.company,
                "year": lambda: str(r.randint(2012, 2024)),
                "year2": lambda: str(r.randint(2025, 2027)),
                "region": lambda: r.choice(vocab.REGIONS),
                "q": lambda: str(r.randint(1, 4)),
                "month": lambda: r.choice(MONTHS),
                "dept": lambda: r.choice(["department", "regional", "site", "division"]),
                "sport": lambda: r.choice(vocab.SPORTS),
                "last": self.fake.last_name,
                "last2": self.fake.last_name,
                "first": self.fake.first_name,
                "focus": lambda: r.choice(self.prof["focus"]),
                "skill": lambda: r.choice(self.prof["skills"]),
                "course": lambda: r.choice(self.prof["coursework"]),
                "org": self.university,
                "hours": lambda: str(r.choice([20, 30, 40, 60, 120])),
                "platform": lambda: r.choice(vocab.PLATFORMS),
                "soft": lambda: r.choice(vocab.SOFT_SKILLS).lower(),
                "verb": lambda: r.choice(["work", "deliver", "perform"]),
            }
            return values[key]()

        text = re.sub(r"\{([A-Za-z0-9:]+)\}", one, template)
        if tense == "gerund":  # a gerund phrase starts lower-case after "Responsible for"
            text = text[0].lower() + text[1:]
        return text

    def date_of_birth(self, minimum_age: int, maximum_age: int) -> date:
        """Faker's date_of_birth() with REFERENCE_DATE for "today": same draws, no clock."""
        start = REFERENCE_DATE.replace(year=REFERENCE_DATE.year - maximum_age - 1)
        end = REFERENCE_DATE.replace(year=REFERENCE_DATE.year - minimum_age)
        # Both ends given as dates: Faker turns them into UTC timestamps, so no clock or time zone is read.
        dob = self.fake.date_time_ad(start_datetime=start, end_datetime=end).date()
        return dob if dob != start else date.fromordinal(dob.toordinal() + 1)

    def date(self, year: int, month: int, style: str | None = None) -> str:
        style = style or self.date_style
        mon = MONTHS[month - 1]
        return {
            "Mon YYYY": f"{mon[:3]} {year}",
            "Month YYYY": f"{mon} {year}",
            "MM/YYYY": f"{month:02d}/{year}",
            "YYYY": str(year),
            "Mon. YYYY": f"{mon[:3]}. {year}",
            "MM.YYYY": f"{month:02d}.{year}",
            "YYYY-MM": f"{year}-{month:02d}",
            "Mon 'YY": f"{mon[:3]} '{year % 100:02d}",
        }[style]

    def span(self, start, end) -> str:
        a = self.date(*start)
        b = self.present if end is None else self.date(*end)
        return f"{a}{self.range_sep}{b}"

    def bulletise(self, lines, style=None) -> str:
        style = style or self.bullet
        if style == "1.":
            fmt = self.pick(["{i}. {t}", "{i}) {t}", "({i}) {t}"])
            return "\n".join(fmt.format(i=i + 1, t=t) for i, t in enumerate(lines))
        if style == "":
            return "\n".join(lines)
        return "\n".join(f"{style} {t}" for t in lines)

    def org(self, templates) -> str:
        return self.fill(self.pick(templates)).replace("Freelance", "Freelance / self-employed")

    def university(self) -> str:
        city = self.fake.city()
        if self.locale == "en_IN":
            return self.pick(
                [
                    f"{city} University",
                    f"{self.fake.last_name()} College of Engineering, {city}",
                    f"Government College, {city}",
                    f"{city} Institute of Technology",
                    f"{self.fake.last_name()} Institute of Management Studies, {city}",
                ]
            )
        return self.pick(
            [
                f"University of {city}",
                f"{city} State University",
                f"{self.fake.last_name()} College",
                f"{city} Institute of Technology",
                f"{city} Metropolitan University",
                f"{self.fake.last_name()} University",
                f"{city} Community College",
            ]
        )

    def _career(self):
        """A consistent timeline: graduation, then jobs back to back up to NOW."""
        conv, r = self.convention, self.rng
        self.years = {"graduate": r.randint(0, 1), "executive": r.randint(15, 28), "academic": r.randint(4, 14)}.get(
            conv, r.choice([1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15])
        )
        self.grad_year = NOW_YEAR - self.years - (r.randint(0, 1) if conv != "graduate" else 0)
        if conv == "graduate" and self.chance(0.4):
            self.grad_year = NOW_YEAR + 1  # still studying: "Expected May 2026"
        n_jobs = 1 if self.years <= 2 else min(5, 1 + self.years // r.randint(3, 5))
        if conv == "graduate":
            n_jobs = r.randint(1, 2)
        start = (min(self.grad_year, NOW_YEAR) - (1 if conv == "graduate" else 0), r.randint(1, 12))
        total = max(1, NOW_YEAR - start[0])
        cuts = (
            sorted(r.sample(range(1, max(2, total * 12)), min(n_jobs - 1, max(0, total * 12 - 2))))
            if n_jobs > 1
            else []
        )
        months = [start[0] * 12 + start[1] - 1 + c for c in [0] + cuts]
        titles = self.prof["titles"]
        self.jobs = []
        for i, m0 in enumerate(months):
            s = (m0 // 12, m0 % 12 + 1)
            e = None if i == len(months) - 1 else (months[i + 1] // 12, months[i + 1] % 12 + 1)
            if conv == "graduate":  # internships are short and finished
                e = (s[0], min(12, s[1] + r.randint(2, 5))) if s[0] < NOW_YEAR else None
            title = self.pick(titles[:3]) if i == 0 else self.pick(titles)
            if conv == "graduate":
                title = self.pick(
                    [
                        f"{self.pick(titles).split(' (')[0]} Intern",
                        self.pick(titles) + " (Internship)",
                        "Summer Intern",
                        "Trainee " + self.pick(titles),
                    ]
                )
            if conv == "executive" and i == len(months) - 1:
                title = self.pick(
                    [
                        "Chief Operating Officer",
                        "Vice President, " + self.pick(self.prof["focus"]).title(),
                        "Director of " + self.prof_name.title(),
                        "Managing Director",
                        "Head of Operations",
                        "General Manager",
                        "Chief Financial Officer" if self.prof_name == "accounting" else "Regional Director",
                    ]
                )
            self.jobs.append(
                {
                    "title": title,
                    "org": self.org(self.prof["employers"]),
                    "city": self.fake.city(),
                    "start": s,
                    "end": e,
                }
            )
        self.jobs.reverse()  # reverse-chronological, as resumes list them

    # ---------- sections ----------
    def phone(self) -> str:
        r = self.rng
        if self.locale in ("en_US", "en_CA"):
            area, xx = r.randint(201, 989), r.randint(0, 99)
            return r.choice(
                [
                    f"({area}) 555-01{xx:02d}",
                    f"{area}-555-01{xx:02d}",
                    f"+1 {area} 555 01{xx:02d}",
                    f"{area}.555.01{xx:02d}",
                ]
            )
        if self.locale == "en_IN":
            d = r.randint(10000, 99999)
            return r.choice([f"+91 00000 {d}", f"+91-00000-{d}", f"(+91) 00000{d}", f"00000 {d}"])
        if self.locale == "en_AU":
            return r.choice(
                [
                    f"0491 570 {r.choice([156, 157, 158, 159, 110, 313, 737])}",
                    f"(02) 5550 {r.randint(0, 9999):04d}",
                    f"+61 491 570 {r.choice([156, 157, 158, 159])}",
                ]
            )
        x = r.randint(0, 999)
        return r.choice([f"07700 900{x:03d}", f"+44 7700 900{x:03d}", f"+44 (0)7700 900 {x:03d}", f"07700900{x:03d}"])

    def email(self) -> str:
        def ascii_name(s):
            return (
                unicodedata.normalize("NFKD", s)
                .encode("ascii", "ignore")
                .decode()
                .lower()
                .replace(" ", "")
                .replace("'", "")
            )

        f, ln = ascii_name(self.first), ascii_name(self.last)
        user = self.pick(
            [
                f"{f}.{ln}",
                f"{f}{ln}{self.rng.randint(1, 99)}",
                f"{f[0]}{ln}",
                f"{f}_{ln}",
                f"{ln}.{f}{self.rng.randint(80, 99)}",
            ]
        )
        return f"{user}@{self.pick(EMAIL_DOMAINS)}"

    def links(self) -> list[str]:
        handle = unicodedata.normalize("NFKD", f"{self.first}-{self.last}").encode("ascii", "ignore").decode().lower()
        out = []
        if self.chance(0.55):
            out.append(
                self.pick(["linkedin.com/in/", "www.linkedin.com/in/", "https://linkedin.com/in/"])
                + f"{handle}-{self.rng.randint(100, 999)}"
            )
        if self.prof_name in ("software", "data") and self.chance(0.6):
            out.append(f"github.com/{handle.replace('-', '')}{self.rng.randint(1, 99)}")
        if self.prof_name == "design" and self.chance(0.7):
            out.append(self.pick([f"Portfolio: {handle}.example.net", f"behance.net/{handle.replace('-', '')}"]))
        return out

    def local_contact(self) -> str:
        """A German/French/Dutch CV's personal-details block: local keys, still Contact Information."""
        keys = vocab.LOCAL_DETAILS[self.locale]
        dob = self.date_of_birth(21 + self.years, 26 + self.years).strftime("%d.%m.%Y")
        sep = self.pick([": ", " : ", "\t"])
        kv = [
            (keys["name"], f"{self.first} {self.last}"),
            (keys["address"], self.fake.address().replace("\n", ", ")),
            (keys["phone"], self.phone()),
            (keys["email"], self.email()),
        ]
        kv.append((keys["dob"], dob) if self.chance(0.5) else (keys["dob"], f"{dob} in {self.fake.city()}"))
        extras = [
            keys["nationality"],
            (keys["marital"][0], self.pick(keys["marital"][1])),
            keys["licence"],
            (keys["place"], self.fake.city()),
        ]
        kv += self.pick(extras, k=self.rng.randint(1, 3))
        if self.chance(0.5):
            self.header_hint["Contact Information"] = vocab.LOCAL_HEADERS.get(self.locale, {}).get(
                "Contact Information", ["Personal Details"]
            )[0]
        return "\n".join(f"{k}{sep}{v}" for k, v in kv)

    def contact(self) -> str:
        r = self.rng
        if self.locale in vocab.LOCAL_DETAILS and self.convention != "india" and self.chance(0.5):
            return self.local_contact()
        name = self.first + " " + self.last
        name = name.upper() if self.chance(0.4) else name
        addr = self.fake.address().replace("\n", ", ")
        city_line = self.pick(
            [self.city, f"{self.city}, {self.pick(['open to relocation', 'willing to relocate'])}", addr, self.city]
        )
        bits = [self.phone(), self.email()]
        links = self.links()
        layout = r.randint(0, 5)
        if layout == 0:  # everything on one separator line under the name
            sep = self.pick([" | ", " • ", " · ", "  ", " ⋄ "])
            lines = [name, sep.join([city_line.split(",")[0]] + bits + links)]
        elif layout == 1:  # stacked lines
            lines = [name] + ([self.pick(self.prof["titles"])] if self.chance(0.5) else []) + [addr] + bits + links
        elif layout == 2:  # "Key: value" table flattened
            keys = self.pick(
                [
                    ("Phone", "Email", "Address"),
                    ("Mobile", "E-mail", "Location"),
                    ("Tel", "Mail", "Address"),
                    ("Mob.", "Email ID", "Permanent Address"),
                ]
            )
            lines = [name, f"{keys[0]}: {bits[0]}", f"{keys[1]}: {bits[1]}", f"{keys[2]}: {city_line}"] + links
        elif layout == 3:  # no name (split off as the document title), just the contact block
            lines = bits + [city_line] + links
        elif layout == 4:
            lines = [
                name + (", " + self.pick(["MBA", "CPA", "RN", "PhD", "PE", "MSc"]) if self.chance(0.2) else ""),
                f"{bits[1]}   {bits[0]}",
                city_line,
            ] + links
        else:  # two columns flattened by the PDF extractor
            lines = [
                f"{name}{' ' * r.randint(6, 20)}{bits[0]}",
                f"{self.pick(self.prof['titles'])}{' ' * r.randint(4, 16)}{bits[1]}",
            ] + links
        if (
            self.convention in ("uk", "academic")
            and self.locale not in ("en_GB", "en_US", "en_IN")
            and self.chance(0.6)
        ):
            lines += self.personal_details(short=True)  # European CVs often give date of birth and nationality
        if self.convention == "us" and self.chance(0.1):
            lines.append(self.pick(["U.S. Citizen", "Authorized to work in the US", "Green Card holder"]))
        return "\n".join(lines)

    def personal_details(self, short=False) -> list[str]:
        """Date of birth, nationality and the like: Indian and many European CVs list them."""
        dob = self.date_of_birth(21 + self.years, 26 + self.years)
        # Month names from MONTHS, not strftime's %B/%b, which follow the machine's locale.
        month = MONTHS[dob.month - 1]
        dob_s = self.pick(
            [
                dob.strftime("%d/%m/%Y"),
                dob.strftime("%d-%m-%Y"),
                f"{dob.day:02d} {month} {dob.year}",
                dob.strftime("%d.%m.%Y"),
                f"{dob.day:02d} {month[:3]} {dob.year}",
            ]
        )
        nat = {
            "en_IN": "Indian",
            "de_DE": "German",
            "fr_FR": "French",
            "nl_NL": "Dutch",
            "es_ES": "Spanish",
            "pl_PL": "Polish",
            "en_IE": "Irish",
            "en_GB": "British",
            "en_AU": "Australian",
        }.get(self.locale, "American")
        kv = [("Date of Birth", dob_s), ("Nationality", nat)]
        if short:
            kv = self.pick([kv, kv[:1], [("Born", dob_s)], kv + [("Driving licence", "Full, clean")]])
        else:
            kv += self.pick([[("Gender", self.pick(["Male", "Female"]))], []])
            kv += [("Marital Status", self.pick(["Single", "Married", "Unmarried"]))]
            if self.chance(0.6):
                kv.append(
                    (self.pick(["Father's Name", "Father’s Name"]), f"Mr. {self.fake.first_name_male()} {self.last}")
                )
            if self.chance(0.6):
                kv.append(
                    ("Languages Known", ", ".join(self.pick(vocab.SPOKEN[self.locale], k=self.rng.randint(2, 4))))
                )
            if self.chance(0.4):
                kv.append(("Passport", self.pick(["Available", "Yes", "Valid till 2031"])))
            if self.chance(0.5):
                kv.append(("Permanent Address", self.fake.address().replace("\n", ", ")))
            if self.chance(0.4):
                kv.append(("Hobbies", ", ".join(self.pick(vocab.HOBBIES, k=3))))
            self.rng.shuffle(kv)
        sep = self.pick([": ", " : ", "\t: ", " - ", "  "])
        return [f"{k}{sep}{v}" for k, v in kv]

    def personal_details_chunk(self) -> str:
        lines = self.personal_details()
        if self.chance(0.65):
            lines += [
                "",
                self.pick(
                    [
                        "I hereby declare that the above information is true to the best of my knowledge and belief.",
                        "I hereby declare that all the details furnished above are true to the best of my knowledge.",
                        "Declaration: I solemnly declare that the information given above is correct.",
                    ]
                ),
                f"Place: {self.city}",
                "Date:" + self.pick(["", " ", "  /  /"]),
                self.pick(["", f"({self.first} {self.last})", "Signature"]),
            ]
        return "\n".join(lines).strip()

    def summary(self) -> str:
        p, r = self.prof, self.rng
        title = self.jobs[0]["title"] if self.convention != "graduate" else self.pick(p["titles"]).split(" (")[0]
        focus = self.pick(p["focus"], k=2)
        skills = self.pick(p["skills"] + p["tools"], k=3)
        yrs = self.pick(
            [f"{self.years}+ years", f"{self.years} years", f"over {self.years} years", f"{self.years}+ yrs"]
        )
        c = self.convention
        if c == "graduate":
            forms = [
                f"Recent {self.pick(p['degrees'])} graduate with internship experience in {focus[0]}. "
                f"Comfortable with {skills[0]} and {skills[1]}; eager to learn and contribute from day one.",
                f"Final-year student looking for an entry-level {title} role. Strong foundation in {', '.join(skills)}.",
                f"To obtain an entry-level position as a {title} where I can apply my knowledge of {focus[0]} and grow with the organisation.",
            ]
        elif c == "india":
            forms = [
                f"To work in a challenging environment that gives me scope to grow as a {title} and contribute to the organisation's goals.",
                f"Seeking a position as {title} in a reputed organisation where my {yrs} of experience in {focus[0]} will be utilised.",
                f"{self.pick(vocab.OPENERS)} {title} having {yrs} of experience in {focus[0]} and {focus[1]}. Hands-on with {', '.join(skills)}.",
                f"A {self.pick(vocab.OPENERS).lower()} professional with {yrs} of experience. Looking for a role in {focus[0]} to enhance my skills.",
            ]
        elif c == "academic":
            forms = [
                f"Research interests: {', '.join(focus)}, {skills[0].lower()}.",
                f"{title} working on {focus[0]}. {yrs.capitalize()} of research experience; publications in peer-reviewed journals and teaching at undergraduate level.",
                f"My research focuses on {focus[0]} and {focus[1]}, combining {skills[0]} with {skills[1]}.",
            ]
        elif c == "executive":
            forms = [
                f"Senior executive with {yrs} of progressive leadership in {focus[0]} and {focus[1]}. P&L responsibility up to {self.money()}; "
                f"track record of turnarounds, M&A integration and building high-performing teams.",
                f"{self.pick(vocab.OPENERS)} leader ({yrs}) who has scaled operations across {r.randint(3, 15)} countries. Board-level communicator; expert in {skills[0]} and strategic planning.",
                self.bulletise(
                    [
                        f"{yrs} leading {focus[0]}",
                        f"Managed budgets of {self.money()} and teams of {r.randint(40, 900)}",
                        f"Known for {self.pick(vocab.SOFT_SKILLS).lower()} and {self.pick(vocab.SOFT_SKILLS).lower()}",
                    ]
                ),
            ]
        elif c == "uk":
            forms = [
                f"I am a {self.pick(vocab.OPENERS).lower()} {title} with {yrs} of experience in {focus[0]}. I enjoy {focus[1]} and "
                f"work well both independently and as part of a team. I am now looking for a new challenge where I can develop further.",
                f"{self.pick(vocab.OPENERS)} and personable {title.lower()} with a background in {focus[0]}. Skilled in {skills[0]} and {skills[1]}.",
                f"{title} with {yrs} of experience, seeking a {self.pick(['permanent', 'full-time', 'part-time', 'senior'])} role in {focus[0]}.",
            ]
        else:
            forms = [
                f"{self.pick(vocab.OPENERS)} {title} with {yrs} of experience in {focus[0]} and {focus[1]}. Skilled in {', '.join(skills[:2])} and {skills[2]}. "
                f"{self.pick(['Proven ability to meet tight deadlines.', 'Known for clear communication with stakeholders.', 'Bilingual (English/Spanish).', ''])}",
                self.bulletise(
                    [
                        f"{yrs} of experience as a {title.lower()}",
                        f"Expertise in {', '.join(skills)}",
                        f"Proven track record in {focus[0]}",
                    ]
                ),
                f"{title} | {focus[0].title()} | {skills[0]}\n{yrs.capitalize()} delivering results in {focus[1]}.",
            ]
        forms.append(
            self.pick(
                [  # one-liners and headline-style summaries
                    f"{title} | {yrs} | {', '.join(skills[:2])}",
                    f"{self.pick(vocab.OPENERS)} {title.lower()} looking for {self.pick(['new opportunities', 'a part-time role', 'a role in ' + focus[0]])}.",
                    f"{yrs.capitalize()} in {focus[0]}; {self.pick(p['certs'])[0]} holder; {self.pick(p['degrees'])}.",
                ]
            )
        )
        text = self.pick(forms).strip()
        if self.chance(0.3):  # a longer story, a third-person bio or a list of working principles
            text = self.long_summary(title, yrs)
        if self.chance(0.4):  # summaries often cite a credential, a degree or an award
            text += " " + self.pick(
                [
                    f"{self.pick(p['certs'])[0]} certified.",
                    f"Holds a {self.pick(p['degrees'])}.",
                    f"Award-winning {self.pick(p['focus'])} professional.",
                    f"Recently {self.fill(self.pick(p['duties']))[0].lower()}{self.fill(self.pick(p['duties']))[1:]}.",
                    f"Recipient of the {self.fill(self.pick(p['awards']))}.",
                    f"Core skills: {', '.join(self.pick(p['skills'], k=3))}.",
                ]
            )
        if self.chance(0.15) and c != "executive":
            text += f" {self.pick(['Available immediately.', 'Open to relocation.', 'Notice period: 30 days.', 'Holds a full driving licence.'])}"
        return text

    def long_summary(self, title: str, yrs: str) -> str:
        p, r = self.prof, self.rng
        focus, skills = self.pick(p["focus"], k=2), self.pick(p["skills"], k=2)
        values = dict(
            title=title,
            years=str(max(2, self.years)),
            focus=focus[0],
            focus2=focus[-1],
            skill=skills[0],
            skill2=skills[-1],
            first=self.first,
            opener=self.pick(vocab.OPENERS).lower(),
            pronoun=self.pick(["He", "She"]),
            soft=self.pick(vocab.SOFT_SKILLS).lower(),
        )
        kind = r.randint(0, 2)
        if kind == 0:
            return " ".join(self.words(t, **values) for t in self.pick(vocab.SUMMARY_STORIES, k=r.randint(2, 4)))
        if kind == 1:
            return " ".join(self.words(t, **values) for t in self.pick(vocab.SUMMARY_BIOS, k=2))
        return self.bulletise(
            self.pick(vocab.SUMMARY_PRINCIPLES, k=r.randint(3, 5)), self.pick(["*", "-", self.bullet])
        )

    def job_bullets(self, job, k) -> list[str]:
        tense = "past" if job["end"] is not None else self.pick(["present", "past"])
        if self.chance(0.15):
            tense = "gerund"
        items = [self.fill(d, tense) for d in self.pick(self.prof["duties"], k=k)]
        items = [self.lengthen(t) for t in items]
        if tense == "gerund":
            items = [
                f"{self.pick(['Responsible for', 'Involved in', 'Tasked with'])} {t}"
                if i == 0 or self.chance(0.5)
                else t[0].upper() + t[1:]
                for i, t in enumerate(items)
            ]
        if self.chance(0.4 if self.convention == "graduate" else 0.15):  # work is often described as projects
            items.append(
                f"Worked on {self.pick(['a project', 'the capstone project', 'an internal project'])}: {self.fill(self.pick(self.prof['projects'])[1])}"
            )
        if self.chance(0.1):  # a credential or a tool named inside a job
            items.append(
                self.pick(
                    [
                        f"Completed {self.pick(self.prof['certs'])[0]} while in role",
                        f"Hands-on with {', '.join(self.pick(self.prof['tools'], k=3))}",
                    ]
                )
            )
        if self.chance(0.14):  # an award mentioned inside a job, as real resumes do
            items.append(
                self.pick(
                    [
                        self.fill(self.pick(self.prof["awards"])),
                        self.fill(self.pick(vocab.ACHIEVEMENTS)),
                        "Received Employee of the Month award twice",
                        "Recognised with a Spot Award for the Q3 release",
                        f"Won the {self.pick(['Star Performer', 'Best Team', 'Customer Hero'])} award ({job['start'][0]})",
                        "Promoted within 18 months",
                    ]
                )
            )
        return items

    def lengthen(self, bullet: str) -> str:
        """Now and then a clause more: real bullets run to two or three lines."""
        if self.chance(0.4):
            bullet += self.fill(self.pick(vocab.DUTY_CLAUSES))
        return bullet

    def words(self, template: str, **values: str) -> str:
        """Fill a template's own keys ({title}, {project}, ...), then the shared placeholders."""
        for key, value in values.items():
            template = template.replace("{" + key + "}", value)
        return self.fill(template)

    def job_lines(self) -> str:
        """A numbered or bulleted list of one line per job ("Worked as X in Y for 8 months")."""
        lines = []
        for job in self.jobs:
            end = job["end"] or (NOW_YEAR, NOW_MONTH)
            months = max(1, (end[0] - job["start"][0]) * 12 + end[1] - job["start"][1])
            template = self.pick(
                vocab.JOB_LINES[2:4] if job["end"] is None else vocab.JOB_LINES[:2] + vocab.JOB_LINES[4:]
            )
            lines.append(
                self.words(
                    template,
                    title=job["title"],
                    org=job["org"],
                    city=job["city"],
                    months=str(months),
                    years=str(max(1, months // 12)),
                    start=self.date(*job["start"]),
                    end=self.present if job["end"] is None else self.date(*job["end"]),
                )
            )
        return self.bulletise(lines, self.pick(["1.", self.bullet, ""]))

    def job_block(self, job, k, layout) -> str:
        title, org, city, dates = job["title"], job["org"], job["city"], self.span(job["start"], job["end"])
        bullets = self.job_bullets(job, k)
        style = self.pick([self.bullet, self.bullet, "", "1."]) if k else self.bullet
        if layout == 0:
            head = [f"{title} | {org} | {city} | {dates}"]
        elif layout == 1:
            head = [f"{org}, {city}", title, dates]
        elif layout == 2:
            head = [f"{dates}{' ' * self.rng.randint(2, 8)}{title}, {org}"]
        elif layout == 3:
            head = [title.upper(), f"{org} — {city} ({dates})"]
        elif layout == 4:  # Indian-style key/value blocks
            head = [
                f"Company Name: {org}",
                f"Designation: {title}",
                f"Duration: {dates}",
                self.pick(["Roles & Responsibilities:", "Responsibilities:", "Job Profile:", "Key Responsibilities:"]),
            ]
        elif layout == 8:  # label-value block with the keys Indian and Middle-East resumes use
            keys = self.pick(vocab.JOB_KEYS)
            sep = self.pick([": ", " : ", " :- ", "\t: "])
            head = [f"{keys[0]}{sep}{org}", f"{keys[1]}{sep}{title}", f"{keys[2]}{sep}{dates}"] + (
                [self.pick(["Job Responsibilities:", "Roles and Responsibilities:", "Work Profile:"])]
                if self.chance(0.6)
                else []
            )
        elif layout == 9:  # title, employer, dates, a sentence on the job, then the bullets
            head = [
                f"{title}{self.pick(['   ', ' | '])}{dates}",
                f"{org}, {city}",
                self.fill(self.pick(vocab.JOB_INTROS)),
            ]
        elif layout == 7:  # one line per job, no duties (short or older roles)
            return f"{title}, {org}, {city}{self.pick(['  ', ' | ', ' ('])}{dates}{')' if '(' in self.range_sep else ''}".replace(
                " (" + dates, " | " + dates
            )
        elif layout == 5:  # narrative paragraph instead of bullets
            return f"{title}, {org} ({dates})\n" + " ".join(b if b.endswith(".") else b + "." for b in bullets)
        else:
            head = [f"{org.upper()}", f"{title}{self.pick([', ', ' - ', '   '])}{dates}"]
        return "\n".join(head + [self.bulletise(bullets, style)])

    def work(self, jobs=None) -> str:
        jobs = jobs or self.jobs
        if len(jobs) > 1 and self.chance(0.25 if self.convention == "india" else 0.08):
            return self.job_lines()
        layout = self.pick([4, 8]) if self.locale == "en_IN" and self.chance(0.4) else self.rng.randint(0, 9)
        n_lines_budget = 16
        blocks = []
        for job in jobs[: self.rng.randint(1, 3)]:
            k = self.rng.randint(1, 5 if len(jobs) > 1 else 6)
            block = self.job_block(job, k, layout)
            if blocks and sum(b.count("\n") + 1 for b in blocks) + block.count("\n") + 1 > n_lines_budget:
                break
            blocks.append(block)
        return self.pick(["\n", "\n\n"]).join(blocks)

    def school_leaving(self) -> str:
        return self.fill(self.pick(vocab.SCHOOL_LEAVING.get(self.locale, vocab.SCHOOL_LEAVING["en_US"])))

    def vocational_education(self) -> str:
        """Apprenticeships, Cert III/IV, NVQ/BTEC, Ausbildung: certificate-sounding, but study."""
        trade, r = self.prof["trade"], self.rng
        region = {"de_DE": "de", "en_AU": "au", "en_US": "us", "en_CA": "us"}.get(self.locale, "uk")
        start = max(2000, self.grad_year - r.randint(2, 4))
        span = f"{start}{self.range_sep}{min(self.grad_year, NOW_YEAR)}"
        line = self.pick(vocab.VOCATIONAL_TEMPLATES[region])
        for key, value in [("span", span)] + sorted(trade.items()):  # the trade's name, then {city}, {year2}
            line = line.replace("{" + key + "}", value)
        line = self.fill(line)
        lines = [line]
        if self.chance(0.4):
            lines.insert(0, f"{self.pick(self.prof['degrees'])}, {self.university()}, {self.grad_year}")
        if self.chance(0.6):  # "Education and Training": a diploma next to the school it followed
            lines.append(self.school_leaving())
            self.header_hint["Education"] = self.pick(
                ["Education and Training", "Education & Training", "Ausbildung" if region == "de" else "Education"]
            )
        return self.bulletise(lines, self.pick(["", "", self.bullet]))

    def education(self) -> str:
        p, r = self.prof, self.rng
        if "trade" in p and self.convention not in ("academic", "india") and self.chance(0.55):
            return self.vocational_education()
        deg, uni = self.pick(p["degrees"]), self.university()
        gy = self.grad_year
        when = (
            f"Expected {self.pick(MONTHS[4:6])} {gy}"
            if gy > NOW_YEAR
            else self.pick([str(gy), f"{self.pick(MONTHS)} {gy}", f"{gy - r.choice([3, 4])}{self.range_sep}{gy}"])
        )
        course = ", ".join(self.pick(p["coursework"], k=r.randint(3, 5)))
        lines = []
        if self.chance(0.12):  # a single line
            return self.pick([f"{deg}, {uni}, {gy}", f"{deg} – {uni} ({when})", f"{uni}: {deg}"])
        if self.locale == "en_IN" or (self.convention == "india"):
            rows = [
                (
                    deg,
                    uni,
                    str(gy),
                    self.pick(
                        [
                            f"{r.randint(60, 89)}.{r.randint(0, 9)}%",
                            f"{r.randint(6, 9)}.{r.randint(10, 95)} CGPA",
                            f"CGPA {r.randint(6, 9)}.{r.randint(0, 9)}/10",
                        ]
                    ),
                ),
                (
                    "XII (" + self.pick(["PCM", "Science", "Commerce", "Arts"]) + ")",
                    self.pick(["CBSE", "State Board", "HSC Board", "ISC"]),
                    str(gy - 4),
                    f"{r.randint(60, 96)}%",
                ),
                (
                    "X",
                    self.pick(["CBSE", "ICSE", "SSC", "State Board"]),
                    str(gy - 6),
                    self.pick([f"{r.randint(62, 98)}%", f"{r.randint(7, 10)}.{r.randint(0, 9)} CGPA"]),
                ),
            ]
            if self.chance(0.5):
                sep = self.pick([" | ", "  ", "\t", " , "])
                lines = [sep.join(["Qualification", "Board/University", "Year", "Percentage/CGPA"])] + [
                    sep.join(x) for x in rows
                ]
            else:
                lines = [self.bulletise([f"{a} from {b} in {c} with {d}" for a, b, c, d in rows])]
        elif self.convention == "uk" and self.locale in ("en_GB", "en_IE"):
            cls = self.pick(["First Class Honours", "2:1", "Upper Second Class (2:1)", "2:2", "Merit", "Distinction"])
            lines = [
                f"{deg.replace('BSc', 'BSc (Hons)') if '(Hons)' not in deg else deg} – {cls}",
                f"{uni}{self.range_sep if False else ', '}{gy - 3}{self.range_sep}{gy}",
            ]
            if self.chance(0.5):
                lines.append(
                    self.pick(
                        [
                            f"A-levels: Mathematics (A), {self.pick(['Economics', 'Biology', 'English', 'Physics'])} (B), {self.pick(['History', 'Chemistry', 'Art'])} (B)",
                            "GCSEs: 9 at grades 9–5 including English and Maths",
                            "A Levels: A*AB",
                        ]
                    )
                )
            if self.chance(0.4):
                lines.append(f"Dissertation: {self.pick(p['focus']).capitalize()} in {self.fake.city()}")
        elif self.convention == "academic":
            lines = [
                f"{self.pick(['PhD', 'Ph.D.', 'DPhil'])} in {self.pick(p['coursework'])}, {uni}, {gy}",
                f'Thesis: "{self.pick(p["focus"]).capitalize()}: {self.pick(["a comparative study", "new methods", "evidence from field data", "theory and experiments"])}"',
                f"Advisor: Prof. {self.fake.first_name()} {self.fake.last_name()}",
                f"{self.pick(p['degrees'])}, {self.university()}, {gy - r.randint(4, 6)}",
            ]
        else:
            gpa = self.pick(
                [
                    "",
                    f", GPA {r.randint(30, 40) / 10:.1f}/4.0",
                    f" — GPA: {r.randint(30, 40) / 10:.2f}",
                    f", {self.pick(['cum laude', 'magna cum laude', 'with honors'])}",
                ]
            )
            layout = r.randint(0, 3)
            if layout == 0:
                lines = [f"{deg}{gpa}", f"{uni}, {self.fake.city()}", when]
            elif layout == 1:
                lines = [f"{uni.upper()}", f"{deg}{self.range_sep if False else ' — '}{when}{gpa}"]
            elif layout == 2:
                lines = [f"{when}{' ' * r.randint(2, 6)}{deg}, {uni}{gpa}"]
            else:
                lines = [f"{deg} ({when})", uni]
        if self.chance(0.35 if self.convention == "graduate" else 0.15):
            lines.append(
                f"{self.pick(['Relevant coursework', 'Relevant Coursework', 'Key modules', 'Core subjects', 'Courses'])}: {course}"
            )
        if self.chance(0.15):  # honours and extras inside Education, as real resumes file them
            lines.append(
                self.fill(
                    self.pick(
                        [
                            "Dean's List, {n} semesters",
                            "Merit scholarship holder",
                            "Class representative",
                            "Final year project: {focus}",
                            "Exchange semester at {org}",
                            "Diploma in {skill}, {org}, {year}",
                            "Rank {n} in the university",
                        ]
                    )
                )
            )
        if self.convention == "executive" and self.chance(0.5):
            lines.append(
                self.pick(
                    [
                        "Executive Education: Leadership Programme, INSEAD-style business school",
                        f"MBA, {self.university()}, {gy - 8}",
                        f"Advanced Management Program, {self.university()}",
                    ]
                ).replace("INSEAD-style ", "")
            )
        return "\n".join(lines)

    def skills(self, kind="mixed") -> str:
        p, r = self.prof, self.rng
        hard = self.pick(p["skills"], k=r.randint(3, 7))
        tools = self.pick(p["tools"], k=r.randint(2, 5))
        soft = self.pick(vocab.SOFT_SKILLS, k=r.randint(2, 4))
        langs = self.pick(vocab.SPOKEN.get(self.locale, ["English"]), k=r.randint(1, 3))
        lang_line = self.pick(["Languages: ", "Languages Known: ", "Languages spoken: "]) + ", ".join(
            f"{ln} ({self.pick(vocab.LEVELS)})" if self.chance(0.5) else ln for ln in langs
        )
        if kind == "languages":
            return "\n".join(
                [f"{ln} – {self.pick(vocab.LEVELS)}" for ln in langs]
                + ([f"Computer skills: {', '.join(tools)}"] if self.chance(0.5) else [])
            )
        if "equipment" in p and self.chance(0.45):
            return self.equipment_skills(hard, soft)
        layout = r.randint(0, 9)
        if layout == 8:  # a keyed skills table, flattened
            keys = self.pick(vocab.SKILL_KEYS)
            sep = self.pick([": ", " : ", "\t: ", " – "])
            values = [", ".join(hard), ", ".join(tools), ", ".join(soft)]
            if keys[0] == "Operating Systems":
                values[0] = self.pick(vocab.OPERATING_SYSTEMS)
            text = "\n".join(f"{k}{sep}{v}" for k, v in zip(keys, values))
        elif layout == 9:  # plain sentences about abilities
            text = self.bulletise([self.fill(t) for t in self.pick(vocab.SKILL_SENTENCES_PLAIN, k=r.randint(2, 5))])
        elif layout == 0:
            text = ", ".join(hard + tools + soft)
        elif layout == 1:
            key = self.pick(
                [
                    ("Technical", "Tools", "Soft skills"),
                    ("Core", "Software", "Interpersonal"),
                    ("Clinical" if self.prof_name == "nursing" else "Professional", "Systems", "Personal"),
                ]
            )
            text = "\n".join(
                [f"{key[0]}: {', '.join(hard)}", f"{key[1]}: {', '.join(tools)}", f"{key[2]}: {', '.join(soft)}"]
            )
        elif layout == 2:
            text = self.bulletise(hard + tools[:2])
        elif layout == 3:
            text = " | ".join(hard + tools)
        elif layout == 4:  # skill table flattened line by line
            text = "\n".join(
                f"{s}{self.pick([' — ', ': ', '   ', ' - '])}{self.pick(['Advanced', 'Intermediate', 'Expert', 'Proficient', 'Basic', '★★★★☆', '4/5'])}"
                for s in (hard[:3] + tools[:2])
            )
        elif layout == 5:
            text = self.bulletise([f"{s}" for s in soft] + [f"Proficient in {', '.join(tools)}"])
        elif layout == 6:  # sentences, close to a summary
            text = self.bulletise([self.fill(t) for t in self.pick(vocab.SKILL_SENTENCES, k=3)] + [", ".join(hard[:3])])
        else:
            text = ", ".join(tools[:3])
        if self.chance(0.12):
            text += (
                "\n"
                + self.pick(["Certified: ", "Certifications: ", "Also: "])
                + ", ".join(re.sub(r".*\((.*)\).*", r"\1", c[0]) for c in self.pick(p["certs"], k=2))
            )
        if self.chance(0.4 if self.locale != "en_US" else 0.15):
            text += "\n" + lang_line
        return text

    def equipment_skills(self, hard, soft) -> str:
        """Skills made of machines, vehicles, aircraft types and model codes, as trades list them."""
        p, r = self.prof, self.rng
        kit = self.pick(p["equipment"], k=r.randint(2, 5))
        key = self.pick(p["equipment_keys"])
        layout = r.randint(0, 3)
        if layout == 0:  # "Equipment: ..." above the other skills
            lines = [f"{key}: {', '.join(kit)}", f"{self.pick(['Skills', 'Core', 'Also'])}: {', '.join(hard[:4])}"]
            if self.chance(0.5):
                lines.append(f"{self.pick(['Software', 'Systems'])}: {', '.join(self.pick(p['tools'], k=2))}")
            return "\n".join(lines)
        if layout == 1:  # a plain list of kit
            return self.bulletise(kit + hard[:2])
        if layout == 2:  # one run-on line
            return ", ".join(kit) + "; " + ", ".join(s.lower() for s in soft[:2])
        return "\n".join([f"{key}:"] + [f"{self.pick(['', '- ', '• '])}{k}" for k in kit] + [", ".join(hard[:3])])

    def narrative_project(self) -> str:
        """A first-person story of a non-technical project: still Projects, though it reads like a summary."""
        pool = self.prof.get("narratives", []) * 2 + vocab.NARRATIVE_PROJECTS
        name, story = self.pick(pool)
        story = self.fill(story)
        layout = self.rng.randint(0, 2)
        if layout == 0:
            return story
        if layout == 1:
            return f"{name} ({self.rng.randint(max(2012, min(self.grad_year, NOW_YEAR) - 3), NOW_YEAR)})\n{story}"
        return f"{name} — {story}"

    def projects(self) -> str:
        p, r = self.prof, self.rng
        if self.chance(0.45 if "narratives" in p else 0.06):
            return self.narrative_project()
        chosen = self.pick(p["projects"], k=r.randint(1, 3))
        blocks = []
        for name, desc in chosen:
            desc = self.fill(desc)
            tech = ", ".join(self.pick(p["tools"], k=2))
            layout = r.randint(0, 11)
            if layout >= 9:  # name | tools | date, then action-verb bullets, like a job
                when = self.date(r.randint(max(2012, min(self.grad_year, NOW_YEAR) - 3), NOW_YEAR), r.randint(1, 12))
                pool = vocab.PROJECT_BULLETS + (
                    vocab.TECH_PROJECT_BULLETS * 2 if self.prof_name in ("software", "data") else []
                )
                bullets = [
                    self.words(
                        b, project=name.lower() if self.chance(0.5) else "project", ordinal=self.pick(vocab.ORDINALS)
                    )
                    for b in self.pick(pool, k=r.randint(1, 3))
                ]
                bullets += [
                    self.fill(d) for d in self.pick(p["duties"], k=r.randint(0, 2))
                ]  # project work reads like job work
                r.shuffle(bullets)
                bullets = [self.lengthen(b) for b in [desc[0].upper() + desc[1:]] + bullets]
                start = r.randint(max(2010, min(self.grad_year, NOW_YEAR) - 4), NOW_YEAR)
                kind = self.pick(vocab.PROJECT_KINDS)
                head = self.pick(
                    [
                        f"{name} | {tech}{self.pick(['   ', ' | ', ', '])}{when}",
                        f"{name} ({when})",
                        f"{name}, {tech}",
                        f"{start} – {min(NOW_YEAR, start + r.randint(0, 3))} {name}, {kind}",
                        f"{name} ({when}{self.range_sep}{self.present}) — {self.pick(vocab.PROJECT_ROLES)}",
                        f"{name} · {when}\n{self.fill(self.pick(vocab.PROJECT_TAGLINES))}\n{self.pick(vocab.PROJECT_ROLES)}, {self.pick(vocab.PROJECT_ROLES)}",
                    ]
                )
                blocks.append(head + "\n" + self.bulletise(bullets, self.pick([self.bullet, "•", "◦", "-"])))
            elif layout >= 7:  # label-value block: Title / Duration / Environment / Role / Team size / Description
                k = vocab.PROJECT_KEYS
                sep = self.pick([": ", " : ", "\t: ", " :- "])
                fields = [(self.pick(k["title"]), name)]
                if self.chance(0.4):
                    fields.append((self.pick(k["client"]), self.fake.company()))
                fields += [
                    (
                        self.pick(k["duration"]),
                        self.pick(
                            [
                                "3 months",
                                "6 months",
                                "1 year",
                                "8 weeks",
                                "4 Months",
                                self.span((self.grad_year, r.randint(1, 6)), (self.grad_year, r.randint(7, 12))),
                            ]
                        ),
                    ),
                    (self.pick(k["environment"]), tech),
                ]
                if self.chance(0.6):
                    fields += [
                        (self.pick(k["role"]), self.pick(vocab.PROJECT_ROLES)),
                        (self.pick(k["team"]), str(r.randint(2, 12))),
                    ]
                fields.append(
                    (
                        self.pick(k["description"]),
                        self.words(self.pick(vocab.PROJECT_DESCRIPTIONS), project=name, desc=desc),
                    )
                )
                lines = [f"{key}{sep}{value}" for key, value in fields]
                if self.chance(0.6):
                    lines.append(f"{self.pick(k['responsibilities'])}{sep.rstrip()}")
                    lines.append(
                        self.bulletise(
                            [
                                self.words(b, project="project")
                                for b in self.pick(vocab.PROJECT_BULLETS[10:], k=r.randint(2, 4))
                            ]
                        )
                    )
                blocks.append("\n".join(lines))
            elif layout == 5:  # client project with duties: the classic Projects/Work confusion
                blocks.append(
                    "\n".join(
                        [
                            f"Project: {name}",
                            f"Client: {self.fake.company()}",
                            f"Role: {self.pick(p['titles'])}",
                            f"Period: {self.span((self.grad_year, r.randint(1, 6)), (self.grad_year + 1, r.randint(1, 12)))}",
                            self.pick(["Responsibilities:", "Contribution:", "What I did:"]),
                            self.bulletise([self.fill(d) for d in self.pick(p["duties"], k=r.randint(1, 3))]),
                        ]
                    )
                )
            elif layout == 6:
                blocks.append(
                    f"{self.fill(self.pick(p['duties']))} ({name}, {self.pick(['university', 'personal', 'team', 'freelance'])} project)"
                )
            elif layout == 0:
                blocks.append(
                    f"{name} | {tech}\n{self.bulletise([desc[0].upper() + desc[1:], self.fill(self.pick(p['duties']))])}"
                )
            elif layout == 1:
                blocks.append(f"{name}: {desc}.")
            elif layout == 2:
                blocks.append(
                    "\n".join(
                        [
                            f"Project Title: {name}",
                            f"{self.pick(['Technologies', 'Tools', 'Environment'])}: {tech}",
                            f"Duration: {self.pick(['3 months', '6 months', '1 year', '8 weeks'])}",
                            f"Description: {desc[0].upper() + desc[1:]}.",
                        ]
                        + ([f"Client: {self.fake.company()}"] if self.chance(0.4) else [])
                        + (
                            [
                                f"Team size: {r.randint(2, 8)}",
                                f"Role: {self.pick(['Team lead', 'Developer', 'Member', 'Analyst', 'Coordinator'])}",
                            ]
                            if self.chance(0.4)
                            else []
                        )
                    )
                )
            elif layout == 3:
                blocks.append(
                    f"{name.upper()} ({self.date(r.randint(self.grad_year - 2, min(self.grad_year, NOW_YEAR)), r.randint(1, 12))})\n{desc[0].upper() + desc[1:]}"
                )
            else:
                blocks.append(f"{self.bullet} {name} — {desc}")
        if self.convention == "academic" and self.chance(0.5):  # publication-like entries sit in research projects
            blocks.append(
                f"{self.last}, {self.first[0]}., {self.fake.last_name()}, {self.fake.first_name()[0]}. ({r.randint(2015, 2024)}). "
                f"{self.pick(p['focus']).capitalize()} in practice. Journal of {self.pick(p['coursework'])}, {r.randint(3, 60)}({r.randint(1, 12)}), {r.randint(10, 400)}–{r.randint(401, 900)}."
            )
        return "\n".join(blocks)

    def bare_licences(self) -> str:
        """Licences, ratings and endorsements named bare: no year, no issuer, no "certified"."""
        held = self.pick(self.prof["licences"], k=self.rng.randint(2, 5))  # two or more: one alone is too terse
        layout = self.rng.randint(0, 3)
        if layout == 0:
            return ", ".join(held)
        if layout == 1:
            return self.bulletise(held, self.pick([self.bullet, "", "-"]))
        if layout == 2:
            return " | ".join(held)
        return f"{self.pick(['Licences', 'Licenses', 'Tickets', 'Held'])}: {'; '.join(held)}"

    def certifications(self) -> str:
        p, r = self.prof, self.rng
        if "licences" in p and self.chance(0.5):
            return self.bare_licences()
        pool = p["certs"] + vocab.GENERIC_CERTS[:4] if self.chance(0.5) else p["certs"]
        if self.chance(0.6 if self.convention == "india" else 0.2):
            pool = pool + vocab.COURSE_INSTITUTES
        chosen = self.pick(pool, k=r.randint(1, 4))
        layout = r.randint(0, 6)
        course_sep = self.pick([" – ", " - ", ", ", " | "])
        lines = []
        for name, issuer in chosen:
            issuer = self.fill(issuer)
            year = r.randint(max(2008, self.grad_year - 2), NOW_YEAR)
            if layout == 0:
                lines.append(f"{name} – {issuer} ({year})")
            elif layout == 1:
                lines.append(
                    f"{name}, {issuer}, {self.date(year, r.randint(1, 12))}"
                    + self.pick(
                        [
                            "",
                            f" | Credential ID {r.randint(10**6, 10**7)}",
                            f" (expires {year + 3})",
                            f", valid until {self.date(year + 2, r.randint(1, 12))}",
                        ]
                    )
                )
            elif layout == 2:
                lines.append(f"{year}  {name}")
            elif layout == 3:
                lines.append(f"{name}")
            elif layout == 4:
                lines.append(f"Completed {name} from {issuer} in {year}")
            else:  # a bare course - institute - year list
                lines.append(course_sep.join([name, issuer, str(year)]))
        if self.chance(0.3):  # course-like certificates and trainings, hard to tell from Education
            lines += [self.fill(t) for t in self.pick(vocab.TRAININGS, k=r.randint(1, 2))]
        if self.prof_name in (
            "nursing",
            "law",
            "pharmacy",
            "electrical",
            "civil",
            "emergency",
            "healthcare",
        ) and self.chance(0.3):
            lines.append(
                f"Licence No. {self.pick(['RN', 'L', 'EL', 'PE', 'REG'])}-{r.randint(100000, 999999)}"
                if self.locale != "en_US"
                else f"License #{r.randint(100000, 999999)}, {self.pick(['active', 'in good standing'])}"
            )
        return self.bulletise(lines, self.pick([self.bullet, "", "-"]))

    def awards(self) -> str:
        p, r = self.prof, self.rng
        pool = p["awards"] + vocab.GENERIC_AWARDS
        if self.chance(
            0.7 if self.convention == "india" else 0.3
        ):  # "Bagged first prize ...", "Appreciated by client ..."
            pool = pool + vocab.AWARD_PHRASES * 2
        chosen = [
            self.words(
                a,
                event=self.pick(vocab.AWARD_EVENTS),
                reason=self.pick(vocab.AWARD_REASONS),
                ordinal=self.pick(vocab.ORDINALS),
            )
            for a in self.pick(pool, k=r.randint(1, 4))
        ]
        if self.chance(0.15):  # an award for a named project or a course result
            chosen.append(
                self.pick(
                    [
                        f'Best project award for "{self.pick(p["projects"])[0]}"',
                        f"Certificate of Merit in {self.pick(p['coursework'])}",
                        f"Topped the {self.pick(p['skills'])} module with distinction",
                    ]
                )
            )
        if self.chance(0.35):  # "Achievements" sections mix awards with quantified results
            chosen = [self.fill(a) for a in self.pick(vocab.ACHIEVEMENTS, k=r.randint(1, 3))] + chosen[
                : r.randint(0, 2)
            ]
        if self.convention == "academic":
            chosen = [
                self.fill(
                    self.pick(
                        [
                            "{first}-{last} Fellowship ({year})",
                            "Research grant, {money} ({year}–{year2})",
                            "Early Career Researcher Award ({year})",
                            "Best Paper Award, {city} conference ({year})",
                        ]
                    )
                )
            ] + chosen[:2]
        layout = r.randint(0, 3)
        if layout == 0:
            return self.bulletise(chosen)
        if layout == 1:
            seps = ["  ", " – ", ": ", "\t"]
            return "\n".join(f"{r.randint(2010, NOW_YEAR)}{self.pick(seps)}{a}" for a in chosen)
        if layout == 2:
            return "; ".join(chosen) + "."
        return "\n".join(chosen)


# ---------- resume assembly ----------
SECTION_PLAN = {  # convention -> [(label, probability)], in the order they appear
    "us": [
        ("Contact Information", 1),
        ("Summary", 0.8),
        ("Work Experience", 1),
        ("Projects", 0.55),
        ("Education", 1),
        ("Skills", 0.95),
        ("Certifications", 0.7),
        ("Awards", 0.65),
    ],
    "uk": [
        ("Contact Information", 1),
        ("Summary", 0.85),
        ("Work Experience", 1),
        ("Education", 1),
        ("Skills", 0.9),
        ("Certifications", 0.7),
        ("Projects", 0.45),
        ("Awards", 0.6),
    ],
    "india": [
        ("Contact Information", 1),
        ("Summary", 0.9),
        ("Education", 1),
        ("Skills", 0.95),
        ("Work Experience", 0.8),
        ("Projects", 0.8),
        ("Certifications", 0.7),
        ("Awards", 0.75),
    ],
    "academic": [
        ("Contact Information", 1),
        ("Summary", 0.55),
        ("Education", 1),
        ("Work Experience", 1),
        ("Projects", 0.95),
        ("Awards", 0.95),
        ("Skills", 0.7),
        ("Certifications", 0.45),
    ],
    "graduate": [
        ("Contact Information", 1),
        ("Summary", 0.75),
        ("Education", 1),
        ("Projects", 0.95),
        ("Work Experience", 0.8),
        ("Skills", 1),
        ("Certifications", 0.7),
        ("Awards", 0.75),
    ],
    "executive": [
        ("Contact Information", 1),
        ("Summary", 1),
        ("Work Experience", 1),
        ("Education", 1),
        ("Skills", 0.8),
        ("Awards", 0.6),
        ("Certifications", 0.5),
        ("Projects", 0.45),
    ],
}


def format_header(rng: random.Random, label: str, word: str | None = None) -> str:
    word = word or rng.choice(vocab.HEADERS[label])
    style = rng.randint(0, 9)
    if style <= 3:
        return word.upper()
    if style <= 5:
        return word
    if style == 6:
        return word + ":"
    if style == 7:
        return f"{word.upper()}\n{rng.choice(['-', '_', '=']) * len(word)}"
    if style == 8:
        return rng.choice(["■ ", "| ", ""]) + word.upper()
    return " ".join(word.upper().replace(" ", "")) if len(word) < 14 and word.isalpha() else word.upper()


def add_noise(rng: random.Random, text: str) -> str:
    """Mild typos and PDF-extraction artefacts, as in text pulled from real files."""
    kind = rng.choice(["typo", "typo", "ligature", "hyphen", "spaces", "page", "glyph", "mojibake"])
    if kind == "typo":
        words = [m for m in re.finditer(r"(?<![\w@./])[a-z]{6,}(?![\w@./])", text)]
        if words:
            m = rng.choice(words)
            w, i = m.group(), rng.randint(1, len(m.group()) - 3)
            w = rng.choice([w[:i] + w[i + 1] + w[i] + w[i + 2 :], w[:i] + w[i + 1 :], w[:i] + w[i] + w[i:]])
            text = text[: m.start()] + w + text[m.end() :]
    elif kind == "ligature":
        text = text.replace("fi", "ﬁ").replace("fl", "ﬂ")
    elif kind == "hyphen":
        words = [m for m in re.finditer(r"(?<![\w@./])[a-z]{9,}(?![\w@./])", text)]
        if words:
            m = rng.choice(words)
            cut = len(m.group()) // 2
            text = text[: m.start()] + m.group()[:cut] + "-\n" + m.group()[cut:] + text[m.end() :]
    elif kind == "spaces":
        text = re.sub(r" (?=\w)", lambda _: "  " if rng.random() < 0.2 else " ", text)
    elif kind == "page":
        page = f"Page {rng.randint(1, 2)} of {rng.randint(2, 3)}"
        text = f"{text}\n{page}" if rng.random() < 0.5 else f"{page}\n{text}"
    elif kind == "glyph":
        text = re.sub(r"^[•\-*·–▪o➢►✓] ", "\uf0b7 ", text, flags=re.M)
        if "\uf0b7" not in text:
            text = text.replace("\n", "\n\uf0b7 ", 1)
    else:
        text = text.replace("–", "â€“").replace("•", "â€¢").replace("’", "â€™")
    return text


def imperfect(rng: random.Random, text: str) -> str:
    """One to three turns of Indian English or common misspellings, each at its first occurrence."""
    for old, new in rng.sample(vocab.IMPERFECT, rng.randint(1, 3)):
        text = text.replace(old, new, 1)
    return text


def header_word(rng: random.Random, w: ResumeWriter, label: str) -> str | None:
    """A section's own header wording when it asked for one, else a local-language one half the time."""
    if label in w.header_hint and rng.random() < 0.7:
        return w.header_hint[label]
    local = vocab.LOCAL_HEADERS.get(w.locale)
    if local and rng.random() < 0.5:
        return rng.choice(local[label])
    return None  # format_header draws an English wording


def document_rows(rng: random.Random, w: ResumeWriter, sections: list, workdir: Path, index: int) -> list[dict]:
    """The resume drawn as a PDF or DOCX file and cut back into chunks from its extracted text."""
    # Imported here: reportlab (test extra) is needed to generate, not to read the header rules.
    from render_resumes import SourceSection, document_chunks

    style = rng.choice([str.upper, str.upper, str, lambda s: s + ":"])
    source = []
    for i, (label, text) in enumerate(sections):
        # The name-and-contact block opens the page without a heading; other sections carry one.
        header = (
            None
            if label == "Contact Information" and i == 0
            else style(header_word(rng, w, label) or rng.choice(vocab.HEADERS[label]))
        )
        source.append(SourceSection(label, header, [line for line in text.strip().split("\n") if line.strip()]))
    rows = []
    for label, text, layout in document_chunks(source, workdir, f"R{index:04d}", rng, DOCUMENT_HEADER_RATE):
        rows.append(
            {
                "text": text,
                "label": label,
                "resume_id": f"R{index:04d}",
                "_header": is_header_line(text.split("\n")[0]),
                "_source": layout,
            }
        )
    return rows


def make_resume(rng: random.Random, fakers: dict, index: int, workdir: Path | None = None) -> list[dict]:
    convention = rng.choices(list(CONVENTION_WEIGHTS), weights=list(CONVENTION_WEIGHTS.values()))[0]
    locale = rng.choice(CONVENTIONS[convention])
    candidates = [k for k, v in vocab.PROFESSIONS.items() if convention != "academic" or v["academic"]]
    profession = rng.choice(candidates)
    w = ResumeWriter(rng, fakers[locale], locale, convention, profession)
    sections = []
    for label, p in SECTION_PLAN[convention]:
        if rng.random() >= p:
            continue
        if label == "Contact Information":
            sections.append((label, w.contact()))
        elif label == "Summary":
            sections.append((label, w.summary()))
        elif label == "Work Experience":
            jobs = w.jobs
            if len(jobs) >= 2 and rng.random() < 0.3:  # one chunk per job, as a splitter cuts at each employer
                sections += [(label, w.work([job])) for job in jobs[:3]]
            elif len(jobs) >= 3 and rng.random() < 0.35:  # a long history split into two sections
                cut = rng.randint(1, len(jobs) - 1)
                sections += [(label, w.work(jobs[:cut])), (label, w.work(jobs[cut:]))]
            else:
                sections.append((label, w.work()))
        elif label == "Education":
            sections.append((label, w.education()))
        elif label == "Skills":
            sections.append((label, w.skills()))
            if rng.random() < 0.12:  # a separate "Languages" section
                sections.append((label, w.skills("languages")))
        elif label == "Projects":
            sections.append((label, w.projects()))
            if rng.random() < 0.25:  # a second block of projects, cut apart from the first
                sections.append((label, w.projects()))
        elif label == "Certifications":
            sections.append((label, w.certifications()))
        elif label == "Awards":
            sections.append((label, w.awards()))
    if convention == "india" and rng.random() < 0.7:
        sections.append(("Contact Information", w.personal_details_chunk()))
    if convention == "india" or rng.random() < 0.1:  # slips of grammar and spelling, a few chunks per resume
        sections = [(label, imperfect(rng, text) if rng.random() < 0.35 else text) for label, text in sections]
    if workdir is not None and rng.random() < RENDER_RATE:
        return document_rows(rng, w, sections, workdir, index)
    rows = []
    for label, text in sections:
        text = text.strip()
        if rng.random() < 0.08:  # noise goes in the body so a header stays recognisable
            text = add_noise(rng, text)
        header = rng.random() < HEADER_RATE
        if header:
            text = format_header(rng, label, header_word(rng, w, label)) + rng.choice(["\n", "\n", "\n\n"]) + text
        rows.append({"text": text, "label": label, "resume_id": f"R{index:04d}", "_header": header, "_source": "text"})
    return rows


def generate(seed: int = DEFAULT_SEED, n_resumes: int = N_RESUMES, checked: bool = True) -> list[dict]:
    """All rows, resume by resume; the first n resumes are the same whatever n is."""
    rng = random.Random(seed)
    fakers = {}
    for i, loc in enumerate(sorted({ln for ls in CONVENTIONS.values() for ln in ls})):
        fakers[loc] = Faker(loc)
        fakers[loc].seed_instance(seed * 100 + i)
    with tempfile.TemporaryDirectory() as workdir:
        rows = [row for i in range(1, n_resumes + 1) for row in make_resume(rng, fakers, i, Path(workdir))]
    if checked:
        check(rows)
    return rows


def check(rows: list[dict]) -> None:
    """Fail loudly when the mix drifts outside what the datasheet promises."""
    n = len(rows)
    assert 2000 <= n <= 4000, f"{n} rows; want 2,000-4,000 (change N_RESUMES)"
    for label in LABELS:
        share = sum(r["label"] == label for r in rows) / n
        assert MIN_SHARE <= share <= MAX_SHARE, f"{label} is {share:.1%} of rows; want 8%-20% (tune SECTION_PLAN)"
    header_share = sum(r["_header"] for r in rows) / n
    assert header_share <= MAX_HEADER_SHARE, f"{header_share:.1%} of chunks carry a header; want at most a third"
    mismatched = [r["text"][:40] for r in rows if r["_header"] != is_header_line(r["text"].split("\n")[0])]
    assert not mismatched, f"header detection disagrees with the generator on {mismatched[:3]}"
    leftovers = [r["text"][:60] for r in rows if re.search(r"\{[A-Za-z0-9:]+\}", r["text"])]
    assert not leftovers, f"unfilled placeholders in {leftovers[:3]}"
    emails = re.findall(r"[\w.+-]+@([\w.-]+)", "\n".join(r["text"] for r in rows))
    assert all(d in EMAIL_DOMAINS for d in emails), "an e-mail outside the example domains"


def write_csv(rows: list[dict], path: Path) -> None:
    """Atomic write: a temporary file in the same folder, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["text", "label", "resume_id"])
        writer.writerows([r["text"], r["label"], r["resume_id"]] for r in rows)
    os.replace(tmp, path)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, required=True, help="CSV to write")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default %(default)s)")
    args = parser.parse_args(argv)
    rows = generate(args.seed)
    write_csv(rows, args.output)
    print(f"wrote {len(rows)} chunks from {len({r['resume_id'] for r in rows})} resumes to {args.output}")
    kinds = Counter(r["_source"].split(":")[0] for r in rows)
    layouts = Counter(r["_source"] for r in rows if r["_source"] != "text")
    print(f"  {kinds['text']} written as plain text, {kinds['pdf']} cut from PDF text, {kinds['docx']} from DOCX text")
    print("  document layouts: " + ", ".join(f"{k} {v}" for k, v in sorted(layouts.items())))


if __name__ == "__main__":
    main()
