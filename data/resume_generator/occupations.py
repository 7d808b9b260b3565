"""Occupations from O*NET 29.3, weighted by US employment (BLS OEWS, May 2024), with fields of study (NCES CIP-SOC).

Reads the tables in data/occupations/ (see its README for sources and licences) into one
`Occupation` per O*NET-SOC code that has task statements. Everything a resume says about
the work itself comes from here: job titles, duties, technology, tools, education level,
skills, work styles and the fields people study for the job.
"""

from __future__ import annotations

import csv
import gzip
import io
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

TABLES = Path(__file__).resolve().parents[1] / "occupations"
CODE = "O*NET-SOC Code"
# Draw weight = employment ** EMPLOYMENT_EXPONENT. Resumes are not spread over occupations the
# way jobs are (cashiers and fast-food cooks rarely write one; office and professional
# workers often do), and a square root keeps the large occupations first while letting the
# small ones appear: breadth over a faithful copy of the US workforce.
EMPLOYMENT_EXPONENT = 0.5


@dataclass(frozen=True)
class Task:
    text: str
    core: bool
    activity: str  # O*NET generalized work activity id (4.A.x.x.x) of the task's first DWA, "" if none


@dataclass
class Occupation:
    code: str
    title: str
    job_zone: int
    employment: float
    titles: list[str] = field(default_factory=list)  # reported titles first, then alternate titles
    tasks: list[Task] = field(default_factory=list)
    technology: list[str] = field(default_factory=list)  # hot technologies first
    technology_kinds: dict[str, list[str]] = field(default_factory=dict)  # commodity title → examples
    hot: frozenset[str] = frozenset()  # O*NET "hot technologies" among them
    tools: list[str] = field(default_factory=list)
    education: list[float] = field(default_factory=lambda: [0.0] * 12)  # share at each RL level 1-12
    skills: list[str] = field(default_factory=list)  # O*NET skills, most important first
    work_styles: list[str] = field(default_factory=list)
    activities: list[str] = field(default_factory=list)  # DWA titles, most frequent first
    fields: list[str] = field(default_factory=list)  # fields of study (CIP titles)

    @property
    def family(self) -> str:
        """SOC major group, e.g. "15" (computer and mathematical)."""
        return self.code[:2]

    @property
    def soc(self) -> str:
        return self.code[:7]


def read_table(name: str) -> list[dict[str, str]]:
    path = TABLES / name
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8")), delimiter="\t"))


_AGENT = re.compile(r"(er|or|ist|ian|ant|Nurse|Aide|Assistant|Technician|Technologist)$")


def study_field(cip_title: str) -> str | None:
    """A CIP title as a resume names the subject of a degree; None for titles no degree carries.

    Of "A/B" alternatives the subject is kept, not the person: "Adult Health Nurse/Nursing" →
    "Adult Health Nursing", "Registered Nursing/Registered Nurse" → "Registered Nursing".
    """
    title = cip_title.rstrip(".").strip()
    if re.search(r"Other$|Fellowship|Residency|NO MATCH|High School|Secondary|General Studies", title):
        return None
    parts = [" ".join(p.split()) for p in re.sub(r", General$", "", title).split("/")]
    subject = parts[0]
    for part in parts[1:]:
        words = subject.split()
        if _AGENT.search(words[-1]) and len(part.split()) == 1:
            subject = " ".join(words[:-1] + [part])
        elif len(words) == 1:
            subject = f"{subject} and {part}"
        else:
            break
    return subject if 1 <= len(subject.split()) <= 6 and not _AGENT.search(subject) else None


# Education where O*NET has no survey data for an occupation: the usual level of its job
# zone (O*NET's job zone definitions), as shares of the 12 RL categories.
EDUCATION_BY_JOB_ZONE = {
    1: {1: 30, 2: 70},
    2: {2: 70, 3: 20, 4: 10},
    3: {2: 20, 3: 30, 4: 20, 5: 30},
    4: {6: 80, 8: 20},
    5: {6: 20, 8: 50, 11: 30},
}


def _fill_gaps(occupations: dict[str, Occupation]) -> None:
    """Give occupations O*NET has not rated the education of their job zone and the skills of their minor group."""
    for occ in occupations.values():
        if sum(occ.education) == 0:
            for level, share in EDUCATION_BY_JOB_ZONE[occ.job_zone].items():
                occ.education[level - 1] = share
        for attribute in ("skills", "work_styles"):
            if not getattr(occ, attribute):
                kin = [o for o in occupations.values() if o.code[:4] == occ.code[:4] and getattr(o, attribute)]
                kin = kin or [o for o in occupations.values() if o.family == occ.family and getattr(o, attribute)]
                setattr(occ, attribute, list(getattr(kin[0], attribute)) if kin else [])


def _employment(codes: list[str]) -> dict[str, float]:
    """Employment per O*NET code: its SOC's OEWS estimate shared equally by the O*NET codes under it.

    OEWS publishes some occupations only as a group (13-1020 for 13-1021/-1022/-1023); those
    codes share the group's figure. An occupation OEWS does not cover gets the smallest figure.
    """
    national = {r["OCC_CODE"]: float(r["TOT_EMP"]) for r in read_table("bls_oews_national_may2024.tsv")}
    groups: dict[str, list[str]] = defaultdict(list)
    for code in codes:
        soc = code[:7]
        key = soc if soc in national else soc[:6] + "0" if soc[:6] + "0" in national else soc[:5] + "00"
        groups[key if key in national else "none"].append(code)
    floor = min(national.values())
    return {code: national.get(key, floor) / len(members) for key, members in groups.items() for code in members}


@lru_cache(maxsize=1)
def load_occupations() -> tuple[Occupation, ...]:
    """Every O*NET occupation with task statements, in O*NET-SOC code order."""
    zones = {r[CODE]: int(r["Job Zone"]) for r in read_table("onet_job_zones.tsv")}
    data = read_table("onet_occupation_data.tsv")
    employment = _employment([r[CODE] for r in data])
    occupations = {r[CODE]: Occupation(r[CODE], r["Title"], zones.get(r[CODE], 3), employment[r[CODE]]) for r in data}

    activity_of_dwa = {r["DWA ID"]: (r["Element ID"], r["DWA Title"]) for r in read_table("onet_dwa_reference.tsv.gz")}
    task_activity: dict[str, str] = {}
    activity_counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in read_table("onet_tasks_to_dwas.tsv.gz"):
        element, title = activity_of_dwa[r["DWA ID"]]
        task_activity.setdefault(r["Task ID"], element)
        activity_counts[r[CODE]][title] += 1
    for code, counts in activity_counts.items():
        if code in occupations:
            occupations[code].activities = sorted(counts, key=lambda t: (-counts[t], t))

    for r in read_table("onet_task_statements.tsv.gz"):
        task = Task(r["Task"].strip(), r["Task Type"] != "Supplemental", task_activity.get(r["Task ID"], ""))
        occupations[r[CODE]].tasks.append(task)
    for r in read_table("onet_sample_of_reported_titles.tsv.gz"):
        occupations[r[CODE]].titles.append(r["Reported Job Title"].strip())
    for r in read_table("onet_alternate_titles.tsv.gz"):
        title = r["Alternate Title"].strip()
        occ = occupations[r[CODE]]
        if len(title.split()) <= 5 and "," not in title and title not in occ.titles:
            occ.titles.append(title)
    hot: dict[str, list[str]] = defaultdict(list)
    other: dict[str, list[str]] = defaultdict(list)
    for r in read_table("onet_technology_skills.tsv.gz"):
        (hot if r["Hot Technology"] == "Y" else other)[r[CODE]].append(r["Example"].strip())
        occupations[r[CODE]].technology_kinds.setdefault(r["Commodity Title"], []).append(r["Example"].strip())
    for code, occ in occupations.items():
        occ.technology = hot[code] + other[code]
        occ.hot = frozenset(hot[code])
    for r in read_table("onet_tools_used.tsv.gz"):
        occupations[r[CODE]].tools.append(r["Example"].strip())
    for r in read_table("onet_education_training_and_experience.tsv.gz"):
        occupations[r[CODE]].education[int(r["Category"]) - 1] = float(r["Data Value"])
    for name, attribute in (("onet_skills.tsv.gz", "skills"), ("onet_work_styles.tsv.gz", "work_styles")):
        rated: dict[str, list[tuple[float, str]]] = defaultdict(list)
        for r in read_table(name):
            rated[r[CODE]].append((-float(r["Data Value"]), r["Element Name"]))
        for code, items in rated.items():
            setattr(occupations[code], attribute, [n for _, n in sorted(items)])
    fields_of: dict[str, list[str]] = defaultdict(list)
    for r in read_table("nces_cip2020_soc2018.tsv.gz"):
        subject = study_field(r["CIP2020Title"])
        if subject and subject not in fields_of[r["SOC2018Code"]]:
            fields_of[r["SOC2018Code"]].append(subject)
    for occ in occupations.values():
        # An occupation the crosswalk leaves out takes the fields of its SOC minor group.
        occ.fields = (
            fields_of.get(occ.soc)
            or [f for soc, fs in fields_of.items() if soc[:4] == occ.code[:4] for f in fs]
            or [f for soc, fs in fields_of.items() if soc[:2] == occ.family for f in fs]
        )
    occupations = {code: occ for code, occ in occupations.items() if occ.tasks}
    _fill_gaps(occupations)
    return tuple(occupations[c] for c in sorted(occupations))


@lru_cache(maxsize=1)
def known_verbs() -> frozenset[str]:
    """Every verb that opens a task statement, lower case: what voice.leading_verbs treats as a verb."""
    verbs = set()
    for occ in load_occupations():
        for task in occ.tasks:
            first = task.text.split(" ")[0].rstrip(",").lower()
            if not first.endswith("ly") or first in ("apply", "supply", "comply", "fly"):
                verbs.add(first)
    return frozenset(verbs)


@lru_cache(maxsize=1)
def technology_users() -> dict[str, int]:
    """How many occupations list each technology example: Microsoft Excel hundreds, a niche lab system one."""
    counts: dict[str, int] = defaultdict(int)
    for occ in load_occupations():
        for name in occ.technology:
            counts[name] += 1
    return counts


def technology_weight(occ: Occupation, name: str) -> float:
    """Draw weight of a technology on a resume: 1 + ln(occupations using it), tripled for O*NET's hot technologies."""
    hot = 3.0 if name in occ.hot else 1.0
    return hot * (1.0 + math.log(technology_users().get(name, 1)))


def draw_weight(occ: Occupation) -> float:
    return occ.employment**EMPLOYMENT_EXPONENT
