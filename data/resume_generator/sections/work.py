"""Work Experience: jobs with employer, title, dates and duties (O*NET task statements in resume voice).

The writers describe the jobs in `d.chunk_jobs` (all of a resume's jobs, or the one or two
a splitter cut into this chunk), most recent first.
"""

from __future__ import annotations

from collections import defaultdict

from .. import phrases
from ..draft import Draft
from ..forms import Form
from ..person import Job
from .projects import project_name

MAX_LINES = 18  # a chunk stops adding jobs past this many lines, as a splitter would cut


def _jobs(d: Draft, blocks) -> str:
    """Blocks for the chunk's jobs (up to three) until the line budget is spent."""
    out: list[str] = []
    for job in d.chunk_jobs[: d.rng.randint(1, 3)]:
        block = blocks(job)
        if out and sum(b.count("\n") + 1 for b in out) + block.count("\n") + 1 > MAX_LINES:
            break
        out.append(block)
    return d.pick(["\n", "\n\n"]).join(out)


def _k(d: Draft) -> int:
    return d.rng.randint(1, 5 if len(d.chunk_jobs) > 1 else 6)


def _duties(d: Draft, job: Job) -> list[str]:
    """The job's duties, now and then with a project, a credential or an award mentioned among them."""
    lines = d.duties(job, _k(d))
    if d.chance(0.35):  # job bullets mix duties with achievements
        lines.insert(d.rng.randint(0, len(lines)), d.fill(d.pick(phrases.ACHIEVEMENT_BULLETS)))
    if d.chance(0.4 if d.convention == "graduate" else 0.12):
        lines.append(
            f"Worked on {d.pick(['a project', 'the capstone project', 'an internal project'])}: {project_name(d)}"
        )
    if d.chance(0.08):
        lines.append(
            d.pick([f"Hands-on with {', '.join(d.technology(3))}", "Completed in-house training on " + d.focus()[0]])
        )
    if d.chance(0.1):
        lines.append(
            d.fill(
                d.pick(
                    [
                        "Received Employee of the Month award twice",
                        "Recognised with a Spot Award for the Q{q} release",
                        "Won the Star Performer award ({year})",
                        "Promoted within {n2} months",
                    ]
                )
            )
        )
    return lines


def _dates(d: Draft, job: Job) -> str:
    return d.span(job.start, job.end)


def title_company_dates(d: Draft) -> str:
    """Jake's resume, Awesome-CV, Deedy (flattened): a head line or two, then bullets."""
    variant = d.rng.randint(0, 3)

    def block(job: Job) -> str:
        dates = _dates(d, job)
        head = [
            [f"{job.title} | {job.org} | {job.city} | {dates}"],
            [f"{job.title}{' ' * d.rng.randint(2, 10)}{dates}", f"{job.org}, {job.city}"],
            [job.title.upper(), f"{job.org} — {job.city} ({dates})"],
            [f"{job.org}{' ' * d.rng.randint(2, 10)}{job.city}", f"{job.title}{' ' * d.rng.randint(2, 10)}{dates}"],
        ][variant]
        glyph = d.pick([d.style.bullet, d.style.bullet, "", "1."])
        return "\n".join(head + [d.bulletise(_duties(d, job), glyph)])

    return _jobs(d, block)


def company_first(d: Draft) -> str:
    def block(job: Job) -> str:
        head = [job.org.upper(), f"{job.title}{d.pick([', ', ' - ', '   '])}{_dates(d, job)}"]
        return "\n".join(head + [d.bulletise(_duties(d, job))])

    return _jobs(d, block)


def dates_left(d: Draft) -> str:
    """moderncv and Europass-like layouts: the dates in a left column, run into the title line."""

    def block(job: Job) -> str:
        head = f"{_dates(d, job)}{' ' * d.rng.randint(2, 8)}{job.title}, {job.org}"
        return "\n".join([head, d.bulletise(_duties(d, job))])

    return _jobs(d, block)


def key_value_job(d: Draft) -> str:
    """Indian and Gulf CVs: Company Name / Designation / Duration, then Roles & Responsibilities."""
    keys = d.pick(phrases.JOB_KEYS)
    sep = d.pick([": ", " : ", " :- ", "\t: "])
    label = d.pick(
        ["Roles & Responsibilities:", "Responsibilities:", "Job Profile:", "Key Responsibilities:", "Work Profile:"]
    )

    def block(job: Job) -> str:
        head = [f"{keys[0]}{sep}{job.org}", f"{keys[1]}{sep}{job.title}", f"{keys[2]}{sep}{_dates(d, job)}"]
        return "\n".join(head + ([label] if d.chance(0.7) else []) + [d.bulletise(_duties(d, job))])

    return _jobs(d, block)


def job_one_liners(d: Draft) -> str:
    """One line per job, numbered or bulleted: 'Worked as X in Y for 26 months'."""
    lines = []
    for job in d.chunk_jobs:
        current, finished = phrases.JOB_LINES[2:4], phrases.JOB_LINES[:2] + phrases.JOB_LINES[4:]
        template = d.pick(current if job.end is None else finished)
        end = d.style.present if job.end is None else d.date(*job.end)
        lines.append(
            d.fill(
                template,
                title=job.title,
                org=job.org,
                city=job.city,
                months=str(job.months()),
                years="1 year" if job.months() < 24 else f"{job.months() // 12} years",
                start=d.date(*job.start),
                end=end,
            )
        )
    return d.bulletise(lines, d.pick(["1.", d.style.bullet, ""]))


def narrative_paragraph(d: Draft) -> str:
    def block(job: Job) -> str:
        duties = " ".join(b if b.endswith(".") else b + "." for b in d.duties(job, _k(d)))
        return f"{job.title}, {job.org} ({_dates(d, job)})\n{duties}"

    return _jobs(d, block)


def functional_subheadings(d: Draft) -> str:
    """One job whose duties are runs of glyph bullets under a sub-heading per area of responsibility."""
    job = d.chunk_jobs[0]
    by_activity: dict[str, list] = defaultdict(list)
    for task in job.occupation.tasks:
        by_activity[task.activity].append(task)
    areas = d.pick(sorted(by_activity), d.rng.randint(2, 4))
    glyph = d.pick(["•", "➢", "❖", "▪", "✓", "►", "o", "-", "\uf0b7"])
    tense = d.tense(job)
    head = d.pick(
        [
            [f"{job.title} | {job.org} | {_dates(d, job)}"],
            [f"{job.org}, {job.city}", f"{job.title} ({_dates(d, job)})"],
            [f"Organisation: {job.org}", f"Designation: {job.title}", f"Period: {_dates(d, job)}"],
        ]
    )
    lines = head if d.chance(0.75) else []  # a chunk cut below the job's head line starts at a sub-heading
    for area in areas:
        heading = d.pick(phrases.ACTIVITY_HEADINGS.get(area, phrases.OTHER_HEADINGS))
        lines.append(d.pick([heading, heading + ":", heading.upper()]))
        tasks = d.pick(by_activity[area], d.rng.randint(2, 4))
        lines += [f"{glyph} {d.duty(t.text, tense, job.occupation)}" for t in tasks]
    return "\n".join(lines)


def projects_inside_job(d: Draft) -> str:
    """A job with client projects under it: Project / Client / Duration / Description / Responsibilities."""
    job = d.chunk_jobs[0]
    sep = d.pick([": ", " : ", " :- "])
    lines = d.pick(
        [
            [f"{job.title} | {job.org} | {_dates(d, job)}"],
            [f"Company{sep}{job.org}", f"Designation{sep}{job.title}", f"Duration{sep}{_dates(d, job)}"],
        ]
    )
    for i in range(d.rng.randint(1, 2)):
        lines += [
            f"{d.pick(['Project', 'Project Name', 'Project #' + str(i + 1)])}{sep}{project_name(d)}",
            f"Client{sep}{d.fake.company()}",
            f"{d.pick(['Duration', 'Period'])}{sep}{d.rng.randint(3, 18)} months",
        ]
        if d.chance(0.6):
            lines.append(f"{d.pick(['Role', 'Team Size'])}{sep}{d.pick([job.title, str(d.rng.randint(3, 12))])}")
        lines.append(f"Description{sep}{d.duty(d.pick(job.occupation.tasks).text, 'past', job.occupation)}.")
        lines.append(d.pick(["Responsibilities:", "Roles and Responsibilities:", "Contribution:"]))
        lines.append(d.bulletise(d.duties(job, d.rng.randint(2, 4))))
    return "\n".join(lines)


def linkedin_export(d: Draft) -> str:
    """LinkedIn's PDF export: company, title, dates (duration), place, description."""

    def block(job: Job) -> str:
        months = job.months()
        length = " ".join(
            p
            for p in [
                f"{months // 12} year{'s' * (months // 12 != 1)}" if months >= 12 else "",
                f"{months % 12} months" if months % 12 else "",
            ]
            if p
        )
        dates = f"{d.style.date(*job.start, style='Month YYYY')} - {'Present' if job.end is None else d.style.date(*job.end, style='Month YYYY')} ({length})"
        return "\n".join([job.org, job.title, dates, job.city] + d.duties(job, d.rng.randint(1, 3)))

    return _jobs(d, block)


def europass_job(d: Draft) -> str:
    """Europass: MM/YYYY–MM/YYYY title, employer (city), ▪ duties, Business or sector."""

    def block(job: Job) -> str:
        end = d.style.present if job.end is None else d.style.date(*job.end, style="MM/YYYY")
        dates = f"{d.style.date(*job.start, style='MM/YYYY')}–{end}"
        sector = phrases.SECTORS.get(job.occupation.family, "Other service activities")
        lines = [f"{dates} {job.title}", f"{job.org}, {job.city}"]
        lines += [f"▪ {t}" for t in d.duties(job, d.rng.randint(2, 4))]
        return "\n".join(lines + [f"{phrases.EUROPASS['sector']} {sector}"])

    return _jobs(d, block)


def intro_then_bullets(d: Draft) -> str:
    def block(job: Job) -> str:
        head = [
            f"{job.title}{d.pick(['   ', ' | '])}{_dates(d, job)}",
            f"{job.org}, {job.city}",
            d.fill(d.pick(phrases.JOB_INTROS)),
        ]
        return "\n".join(head + [d.bulletise(_duties(d, job))])

    return _jobs(d, block)


def federal_resume(d: Draft) -> str:
    """USAJOBS-style entries: employer, dates, hours, grade, then a duties paragraph."""
    job = d.chunk_jobs[0]
    duties = " ".join(t + "." for t in d.duties(job, d.rng.randint(3, 5)))
    return "\n".join(
        [
            f"{job.org}, {job.city}",
            f"{d.style.date(*job.start, style='MM/YYYY')} - {'Present' if job.end is None else d.style.date(*job.end, style='MM/YYYY')}",
            d.pick(phrases.FEDERAL["hours"]),
            f"{job.title}, {d.fill(d.pick(phrases.FEDERAL['series']), grade=str(d.rng.randint(5, 15)))}",
            d.pick(phrases.FEDERAL["duties"]),
            duties,
        ]
    )


def title_lines(d: Draft) -> str:
    """Short or older roles: one line each, no duties."""
    lines = []
    for job in d.chunk_jobs:
        lines.append(f"{job.title}, {job.org}, {job.city}{d.pick(['  ', ' | ', ' — '])}{_dates(d, job)}")
    return "\n".join(lines)


def stacked_entries(d: Draft) -> str:
    """Earlier or shorter roles as two-line entries without duties: employer and place, then title and dates."""
    variant = d.rng.randint(0, 2)
    blocks = []
    for job in d.chunk_jobs:
        gap = " " * d.rng.randint(2, 10)
        blocks.append(
            [
                f"{job.org}, {job.city}\n{job.title}{gap}{_dates(d, job)}",
                f"{job.org}{gap}{job.city}\n{job.title}{gap}{_dates(d, job)}",
                f"{job.title}\n{job.org} | {_dates(d, job)}",
            ][variant]
        )
    return "\n".join(blocks)


def bullets_only(d: Draft) -> str:
    """The rest of a long job cut off from its head line: bullets alone, maybe under 'Key Responsibilities'."""
    job = d.chunk_jobs[0]
    lines = ([d.pick(phrases.OTHER_HEADINGS) + d.pick([":", ""])] if d.chance(0.4) else []) + d.duties(
        job, d.rng.randint(3, 7)
    )
    return d.bulletise(lines, d.pick([d.style.bullet, "•", "➢", "-", "\uf0b7"]))


FORMS = {
    "title | company | dates + bullets": Form(
        6, title_company_dates, "Jake's resume, Awesome-CV, Deedy, Word templates"
    ),
    "company first, stacked": Form(2.5, company_first, "US and UK Word templates: EMPLOYER, title and dates, bullets"),
    "dates left": Form(2, dates_left, "moderncv classic, Europass-like CVs: dates in a left column run into the line"),
    "label-value job": Form(
        6, key_value_job, "Indian and Gulf CVs: Company Name / Designation / Duration / Roles", ("india",)
    ),
    "one line per job": Form(3, job_one_liners, "Indian CVs: 'Worked as … in … for 26 months'", ("india",)),
    "narrative paragraph": Form(1, narrative_paragraph, "older and European CVs: duties as sentences"),
    "functional sub-headings": Form(
        3, functional_subheadings, "Indian, BPO and office CVs: areas of responsibility, each a run of glyph bullets"
    ),
    "client projects inside a job": Form(
        2,
        projects_inside_job,
        "Indian IT CVs: Project / Client / Duration / Description under the employer",
        ("india", "us", "uk", "europe"),
    ),
    "LinkedIn export": Form(
        1.5, linkedin_export, "LinkedIn's PDF export: company, title, 'Month YYYY - Present (2 years 3 months)', place"
    ),
    "Europass": Form(
        6, europass_job, "Europass: MM/YYYY–MM/YYYY, employer, ▪ duties, 'Business or sector'", ("europe",)
    ),
    "intro sentence + bullets": Form(1.5, intro_then_bullets, "US resumes: a sentence on the role before its bullets"),
    "federal resume": Form(
        1.5, federal_resume, "USAJOBS federal resumes: hours per week, grade, duties paragraph", ("us",)
    ),
    "title lines only": Form(1, title_lines, "short or earlier roles listed one line each"),
    "stacked entries without duties": Form(
        2,
        stacked_entries,
        "'Other experience' and Deedy/Jake's headers: employer and place, title and dates, no bullets",
    ),
    "bullets only": Form(2, bullets_only, "a long job cut by a splitter: the bullets without their head line"),
}
