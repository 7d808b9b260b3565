"""The words of resume conventions that no occupational database holds.

Section headers (English and local-language), personal-details keys, languages, openers,
job and project label-value keys, award phrasings, training institutes, Indian-English
turns, summary templates, metrics a resume quotes, employer name patterns and functional
sub-headings. What a job is about (titles, duties, technology, tools, education, skills)
comes from occupations.py instead. Placeholders in braces are filled by draft.Draft.fill:
{n} small count, {n2} tens, {N} hundreds or thousands, {pct} a percentage (5-45), {highpct}
a score (80-98%), {money} an
amount, {tool} a technology of the occupation, {focus} one of its work activities, {skill}
an O*NET skill, {course} a field of study, {city}, {client}, {company}, {org} an institution.
"""

# Section headers as real resumes write them. The generator prints one on at most
# about a third of chunks, in ALL CAPS, Title Case, with a colon or underlined.
HEADERS = {
    "Contact Information": [
        "Contact",
        "Contact Information",
        "Contact Details",
        "Personal Details",
        "Personal Information",
        "Get in Touch",
        "Contact Info",
    ],
    "Summary": [
        "Summary",
        "Professional Summary",
        "Profile",
        "Career Objective",
        "Objective",
        "Personal Statement",
        "About Me",
        "Executive Summary",
        "Career Summary",
        "Professional Profile",
        "Summary of Qualifications",
    ],
    "Work Experience": [
        "Experience",
        "Work Experience",
        "Professional Experience",
        "Employment History",
        "Work History",
        "Career History",
        "Relevant Experience",
        "Employment",
        "Internships",
        "Experience Summary",
        "Professional Background",
        "Organisational Experience",
    ],
    "Education": [
        "Education",
        "Academic Background",
        "Qualifications",
        "Educational Qualifications",
        "Academic Qualifications",
        "Education and Training",
        "Education & Training",
        "Academic Record",
        "Scholastic Profile",
        "Education & Credentials",
    ],
    "Skills": [
        "Skills",
        "Technical Skills",
        "Key Skills",
        "Core Competencies",
        "Areas of Expertise",
        "Skill Set",
        "Competencies",
        "IT Skills",
        "Skills & Abilities",
        "Strengths",
        "Languages and Skills",
    ],
    "Projects": [
        "Projects",
        "Academic Projects",
        "Key Projects",
        "Project Experience",
        "Selected Projects",
        "Research Projects",
        "Personal Projects",
        "Projects Undertaken",
        "Notable Projects",
    ],
    "Certifications": [
        "Certifications",
        "Certificates",
        "Licenses & Certifications",
        "Licences and Certifications",
        "Professional Certifications",
        "Courses & Certifications",
        "Training & Certifications",
        "Professional Development",
        "Credentials",
    ],
    "Awards": [
        "Awards",
        "Honors & Awards",
        "Honours and Awards",
        "Achievements",
        "Accomplishments",
        "Awards and Recognition",
        "Scholarships & Awards",
        "Honours",
        "Extra-Curricular Achievements",
        "Grants and Fellowships",
        "Recognition",
    ],
}

OPENERS = [
    "Results-driven",
    "Detail-oriented",
    "Motivated",
    "Dedicated",
    "Enthusiastic",
    "Experienced",
    "Highly organised",
    "Dynamic",
    "Hard-working",
    "Self-motivated",
    "Passionate",
    "Compassionate",
    "Proactive",
    "Reliable",
    "Adaptable",
    "Seasoned",
    "Versatile",
]

SPOKEN = {
    "en_US": ["English", "Spanish"],
    "en_GB": ["English", "French", "German", "Welsh"],
    "en_IN": ["English", "Hindi", "Marathi", "Tamil", "Telugu", "Kannada", "Bengali", "Gujarati", "Malayalam"],
    "en_AU": ["English", "Mandarin", "Italian"],
    "en_CA": ["English", "French"],
    "de_DE": ["German", "English", "French"],
    "fr_FR": ["French", "English", "Spanish"],
    "nl_NL": ["Dutch", "English", "German"],
    "en_IE": ["English", "Irish", "French"],
    "es_ES": ["Spanish", "English", "Catalan"],
    "pl_PL": ["Polish", "English", "German"],
}

LEVELS = [
    "native",
    "fluent",
    "professional working proficiency",
    "intermediate",
    "basic",
    "C1",
    "B2",
    "mother tongue",
    "conversational",
]

GENERIC_AWARDS = [
    "Dean's List ({n} semesters)",
    "Merit scholarship for academic excellence",
    "Employee of the Month, {month} {year}",
    "Certificate of Appreciation from the {dept} head",
    "1st prize in inter-college quiz competition",
    "Captain, university {sport} team",
    "National Service Scheme (NSS) volunteer award",
    "Graduated with distinction",
    "Runner-up, state-level {sport} championship",
    "Duke of Edinburgh's Award (Gold)",
    "Won best paper at the student research symposium",
    "Volunteer of the Year, {city} food bank",
]

SPORTS = ["cricket", "football", "basketball", "chess", "athletics", "badminton", "swimming", "hockey"]


REGIONS = ["North", "South", "East", "West", "Midlands", "North-East", "APAC", "EMEA", "Central", "Pacific Northwest"]

HOBBIES = ["reading", "hiking", "photography", "cooking", "chess", "volunteering", "running", "painting", "travelling"]

# Quantified achievements: real "Achievements" sections read much like job bullets.
ACHIEVEMENTS = [
    "Achieved {n2}0% of annual target in {year}",
    "Promoted to team lead within {n2} months",
    "Selected for the high-potential leadership programme ({year})",
    "Recognised by the regional director for {pct} cost savings",
    "Ranked {n} out of {N} in the national entrance exam",
    "Won 1st place for a project on {focus} at the {city} innovation fair",
    "Published an article on {focus} in a trade magazine",
    "Scored {n2} in the university aptitude test, top {pct} of the cohort",
    "Awarded a full tuition scholarship for {year}–{year2}",
    "Finalist, {city} Young Professional of the Year",
]

# Training and short courses: the border between Certifications and Education.
TRAININGS = [
    "Attended a {n}-day workshop on {skill} at {org}",
    "{n}-week industrial training at {org}",
    "Certificate course in {skill} ({hours} hours)",
    "Completed in-house training on {skill}",
    "Online course: {course} – {platform}, {year}",
    "Short course in {skill}, {org}, {year}",
]

PLATFORMS = ["Coursera", "edX", "NPTEL", "Udemy", "FutureLearn", "LinkedIn Learning", "Khan Academy", "Alison"]

# Soft-skill sentences: skills sections that read like a summary.
SKILL_SENTENCES = [
    "Strong {soft} skills gained through customer-facing roles",
    "Able to {verb} under tight deadlines",
    "Good working knowledge of {tool}",
    "Excellent written and verbal communication",
    "Comfortable presenting to senior stakeholders",
    "Quick learner; picked up {tool} in two weeks",
    "Full clean driving licence",
]

# ----- Non-English CV conventions (German, French, Dutch people in the uk/academic/executive conventions) -----
# Section headers in the CV's own language. A German or French resume uses one of these
# instead of an English header about half the time it has a header at all. No "ß" and
# nothing an upper-case round trip would change, so the header check recognises them.
LOCAL_HEADERS = {
    "de_DE": {
        "Contact Information": ["Persönliche Daten", "Kontakt", "Kontaktdaten"],
        "Summary": ["Profil", "Kurzprofil", "Über mich"],
        "Work Experience": ["Berufserfahrung", "Beruflicher Werdegang", "Praktische Erfahrung"],
        "Education": ["Ausbildung", "Bildungsweg", "Schulbildung und Studium"],
        "Skills": ["Kenntnisse", "Fähigkeiten", "EDV-Kenntnisse"],
        "Projects": ["Projekte", "Projekterfahrung"],
        "Certifications": ["Zertifikate", "Lizenzen und Zertifikate"],
        "Awards": ["Auszeichnungen", "Preise und Auszeichnungen"],
    },
    "fr_FR": {
        "Contact Information": ["État civil", "Coordonnées", "Informations personnelles"],
        "Summary": ["Profil professionnel", "À propos", "Objectif"],
        "Work Experience": ["Expérience professionnelle", "Parcours professionnel", "Expériences"],
        "Education": ["Formation", "Études et diplômes", "Parcours académique"],
        "Skills": ["Compétences", "Savoir-faire", "Compétences techniques"],
        "Projects": ["Projets", "Réalisations"],
        "Certifications": ["Certificats", "Habilitations"],
        "Awards": ["Prix et distinctions", "Distinctions"],
    },
}

# Personal-details keys as German, French and Dutch CVs write them (Contact Information).
LOCAL_DETAILS = {
    "de_DE": {
        "name": "Name",
        "address": "Anschrift",
        "phone": "Telefon",
        "email": "E-Mail",
        "dob": "Geburtsdatum",
        "place": "Geburtsort",
        "nationality": ("Staatsangehörigkeit", "deutsch"),
        "marital": ("Familienstand", ["ledig", "verheiratet"]),
        "licence": ("Führerschein", "Klasse B"),
    },
    "fr_FR": {
        "name": "Nom",
        "address": "Adresse",
        "phone": "Téléphone",
        "email": "Courriel",
        "dob": "Date de naissance",
        "place": "Lieu de naissance",
        "nationality": ("Nationalité", "française"),
        "marital": ("Situation familiale", ["célibataire", "mariée", "pacsé"]),
        "licence": ("Permis", "B (véhiculé)"),
    },
    "nl_NL": {
        "name": "Naam",
        "address": "Adres",
        "phone": "Telefoon",
        "email": "E-mail",
        "dob": "Geboortedatum",
        "place": "Geboorteplaats",
        "nationality": ("Nationaliteit", "Nederlandse"),
        "marital": ("Burgerlijke staat", ["ongehuwd", "gehuwd"]),
        "licence": ("Rijbewijs", "B"),
    },
}

# School-leaving qualifications by locale: Education, even when called a "certificate".
SCHOOL_LEAVING = {
    "de_DE": [
        "Abitur (Allgemeine Hochschulreife), {city}-Gymnasium, {year}",
        "Abitur, Note 1,{n}",
        "Fachabitur, Berufskolleg {city}",
        "Mittlere Reife, Realschule {city}",
    ],
    "fr_FR": [
        "Baccalauréat général, mention bien, Lycée {last}",
        "Bac pro, Lycée professionnel {last}, {year}",
        "Baccalauréat S",
    ],
    "nl_NL": ["VWO diploma, {city}", "HAVO, {last} College", "MBO niveau 4"],
    "en_IE": ["Leaving Certificate, {n2}0 points", "Leaving Certificate Applied, {last} Community School"],
    "en_GB": [
        "A-levels: Biology (B), Chemistry (C)",
        "GCSEs: {n} at grades 9-4",
        "BTEC Level 3 National Extended Diploma, {city} College",
    ],
    "en_AU": [
        "Higher School Certificate (HSC), ATAR {n2}.{n}5",
        "Victorian Certificate of Education (VCE), {last} Secondary College",
    ],
    "en_US": ["High School Diploma, {city} High School", "GED, {year}"],
    "en_CA": ["Ontario Secondary School Diploma (OSSD)", "High School Diploma, {city} Secondary School"],
    "en_IN": ["Senior Secondary Certificate (CBSE), {n2}%", "SSC, State Board, {year}"],
}

# Vocational qualifications in a field of study ({field}) over a period ({span}), by region.
# They sound like certificates but are courses of study, so they are Education.
VOCATIONAL_TEMPLATES = {
    "de": [
        "Ausbildung: {field}, Berufsschule {city}, {span}",
        "Berufsausbildung {field} (IHK-Abschluss), {span}",
        "{field}, staatlich anerkannt, {span}",
    ],
    "au": [
        "Certificate III in {field}, TAFE {city}, {span}",
        "Cert IV in {field} (in progress)",
        "Cert III in {field} – TAFE NSW, {span}",
        "Diploma of {field}, TAFE Queensland (expected {year2})",
    ],
    "uk": [
        "Apprenticeship in {field}, {city} College, {span}",
        "NVQ Level 3 in {field}, {city} College, {span}",
        "BTEC Level 3 Diploma in {field}, {span}",
        "City & Guilds Level 2 in {field} (studied at {city} College, {span})",
        "Level 3 Advanced Apprenticeship: {field} (in progress)",
        "HNC in {field}, expected {year2}",
    ],
    "us": [
        "Registered Apprenticeship in {field}, {city} Community College, {span}",
        "{field} Certificate Program, {city} Technical College, {span}",
        "Vocational Certificate in {field} (expected {year2})",
    ],
}

# First-person project stories from outside technical work: any profession may have one.
NARRATIVE_PROJECTS = [
    (
        "Community garden pilot",
        "I piloted a community garden on waste ground behind the library: I got the council's "
        "permission, recruited {n2} neighbours and we now grow food for the local pantry.",
    ),
    (
        "Charity half marathon",
        "I ran a fundraising campaign for the children's hospice, organising {n} sponsored events "
        "and raising {money} in six months.",
    ),
    (
        "Amateur theatre production",
        "I produced our village drama group's summer show: I booked the hall, managed a "
        "{money} budget and sold out {n} nights.",
    ),
    (
        "House renovation",
        "I renovated a Victorian terrace over {n2} months, planning the works, managing {n} trades "
        "and keeping to a {money} budget.",
    ),
    (
        "Youth football club",
        "I set up an under-12 football team, found a sponsor for the kit and coached {n2} children "
        "every Saturday for {n} seasons.",
    ),
]

# Clauses that lengthen a duty into the long bullets real resumes carry.
DUTY_CLAUSES = [
    ", resulting in a {pct} reduction in turnaround time",
    ", saving {money} a year",
    " using {tool} and {tool2}",
    " for {client}",
    " across {n} sites",
    " in collaboration with the {dept} team",
    ", improving customer satisfaction scores by {pct}",
    " to meet audit and compliance requirements",
    " while mentoring {n} new joiners",
    ", ensuring timely delivery to the client",
    " on a daily and weekly basis",
    ", which was later adopted by {n} other teams",
    " and reported progress to senior management every week",
]

# A sentence that opens a job before its bullets.
JOB_INTROS = [
    "Ran daily operations for a team of {n2} in the {region} region.",
    "Joined as a trainee and was promoted in {n2} months.",
    "Worked for the client {client} on a {n}-year contract.",
    "Part of the {dept} team reporting to the {focus} lead.",
    "Handled {focus} for {N} customers.",
    "Took on small {focus} assignments while studying.",
]

# One-line jobs: numbered or bulleted lists of where someone worked.
JOB_LINES = [
    "Worked as {title} in {org} for {months} months",
    "Worked as a {title} at {org}, {city} from {start} to {end}",
    "Currently working as {title} with {org} since {start}",
    "Presently associated with {org} as {title} from {start} to till date",
    "{years} of experience as {title} in {org}",
    "Worked with {org} as {title} ({start} – {end})",
    "{org} – {title} – {start} to {end}",
    "Having {months} months of experience as {title} at {org}",
]

JOB_KEYS = [
    ("Company Name", "Designation", "Period"),
    ("Organisation", "Designation", "Duration"),
    ("Employer", "Position", "Tenure"),
    ("Name of the Company", "Role", "From – To"),
    ("Company", "Job Title", "Period"),
]

# Project blocks written as label-value pairs (Indian IT resumes above all).
PROJECT_KEYS = {
    "title": ["Title", "Project Title", "Project Name", "Project"],
    "duration": ["Duration", "Period", "Time Frame"],
    "environment": ["Environment", "Technologies", "Tools Used", "Software", "Platform"],
    "role": ["Role", "Designation", "My Role"],
    "team": ["Team size", "Team Size", "Team"],
    "client": ["Client", "Organisation", "Sponsor"],
    "description": ["Description", "Project Description", "Abstract", "Synopsis"],
    "responsibilities": ["Responsibilities", "Roles & Responsibilities", "Contribution", "My Contribution"],
}

PROJECT_DESCRIPTIONS = [
    "The project aims to {desc}.",
    "This project was developed for {client} to {desc}.",
    "The main objective of this project is to {desc}.",
    "In this project we {desc}.",
    "{project}: a project to {desc}.",
    "Developed to {desc}.",
]

PROJECT_BULLETS = [
    "Designed and built the {project} with {tool} and {tool2}",
    "Worked with a team of {n} to plan and deliver the {project} in {n2} weeks",
    "Gathered requirements from {n} users and prepared the design document",
    "Implemented the core module and tested it with {N} sample records",
    "Reduced manual effort by {pct} compared with the old process",
    "Documented the {project} and trained {n} end users",
    "Conducted a survey of {N} respondents and analysed the results in {tool}",
    "Prepared the final report and presented it to the faculty panel",
    "Used {tool} for the analysis and {tool2} for the reports",
    "Deployed the solution at {client} and supported it during go-live",
    "Involved in coding and unit testing",
    "Prepared the test cases and executed them",
    "Involved in requirement gathering and analysis",
    "Fixed the bugs raised by the testing team",
    "Interacted with the client for clarifications on the requirements",
    "Done the database design and wrote the stored procedures",
]

PROJECT_ROLES = ["Team Lead", "Developer", "Team Member", "Analyst", "Module Lead", "Coordinator", "Tester", "Trainee"]

# Awards phrased as Indian and Middle-East resumes phrase them.
AWARD_PHRASES = [
    "Bagged first prize in {event}",
    "Bagged {ordinal} prize in {event}",
    "Appreciated by client for {reason}",
    "Received appreciation from the {dept} head for {reason}",
    "Secured {ordinal} position in {event}",
    "Got the Star Performer award for {month} {year}",
    "Awarded Best Employee for the year {year}",
    "Won {ordinal} place in {event}",
    "Received a letter of appreciation from {client} for {reason}",
    "Participated and won {ordinal} prize in {event}",
    "Got spot award for {reason}",
]

AWARD_EVENTS = [
    "the inter-college technical paper presentation",
    "the state-level quiz competition",
    "the annual sports meet",
    "the national level project competition",
    "the hackathon organised by {org}",
    "the debate competition",
    "the poster presentation at {org}",
    "the science exhibition",
    "the district level {sport} tournament",
]

AWARD_REASONS = [
    "timely delivery of the project",
    "excellent customer service",
    "handling the highest number of calls",
    "zero defects in the release",
    "achieving the monthly target",
    "the quality of reports",
    "supporting the audit",
    "going beyond the call of duty",
]

ORDINALS = ["first", "second", "third", "1st", "2nd", "3rd"]

# Bare course – institute – year lists under Certifications.
COURSE_INSTITUTES = [
    ("MS-CIT", "MKCL"),
    ("Tally ERP 9", "NIIT"),
    ("CCNA", "Jetking"),
    ("Advanced Excel", "Aptech"),
    ("Digital Marketing", "NIIT"),
    ("Six Sigma Green Belt", "KPMG"),
    ("CCC", "NIELIT"),
    ("Spoken English", "British Council"),
    ("SAP FICO", "Siemens"),
    ("Java Full Stack", "Qspiders"),
    ("Software Testing", "Jspiders"),
    ("AutoCAD", "CADD Centre"),
    ("Python Programming", "Coursera"),
    ("Hardware & Networking", "Jetking"),
    ("Web Designing", "Arena Animation"),
    ("GST Practitioner", "ICAI"),
]

# Skill categories as they are keyed in skills tables.
SKILL_KEYS = [
    ("Programming Languages", "Tools", "Soft Skills"),
    ("Operating Systems", "Packages", "Personal Skills"),
    ("Technical Skills", "Software", "Other"),
    ("Hard Skills", "Software", "Soft Skills"),
    ("Languages", "Databases", "Strengths"),
    ("Domain", "Applications", "Interpersonal"),
]

SKILL_SENTENCES_PLAIN = [
    "Good knowledge of {tool}",
    "Ability to work in a team and individually",
    "Quick learner and hard working",
    "Positive attitude and good communication skills",
    "Good command on MS Office",
    "Able to handle pressure situations",
    "Willingness to learn new technologies",
    "Basic knowledge of {tool2} and {tool}",
    "Excellent in {skill}",
]

# Indian-English turns of phrase and common slips; applied to whole chunks now and then.
IMPERFECT = [
    ("experience in ", "experience on "),
    ("knowledge of ", "knowledge on "),
    ("I have ", "I am having "),
    ("Managed ", "Handled "),
    ("Responsible for ", "Responsible of "),
    (" years", " yrs"),
    ("organisation", "organization"),
    ("Worked on ", "Done "),
    (" the ", " "),
    ("Prepared ", "Preparing "),
    ("received", "recieved"),
    ("achieve", "acheive"),
    ("environment", "enviroment"),
    ("responsible", "responsable"),
    ("successfully", "sucessfully"),
    ("management", "managment"),
]

PROJECT_KINDS = [
    "Open Source Software, Independent Project",
    "Academic Project",
    "Final Year Project",
    "Mini Project",
    "Client Project",
    "Hackathon Project",
    "Personal Project",
    "Capstone Project, University",
    "Internal Tool, Team Project",
    "Research Project",
    "Major Project (B.Tech)",
    "Group Project, 4 members",
]

# Bullets of software and data projects, the kind public developer resumes list.
TECH_PROJECT_BULLETS = [
    "Built using {tool} and deployed on {tool2}",
    "Used {tool} for data storage and {tool2} for the API",
    "Utilized GitHub Actions for CI/CD",
    "Implemented user authentication and role-based access with {tool}",
    "Created a responsive front end with {tool}; {n2} screens",
    "Added unit and integration tests; coverage {pct}",
    "Open-sourced on GitHub; {N} stars and {n2} contributors",
    "Won {ordinal} place at the {city} hackathon",
    "Cut query time by {pct} with indexes and caching in {tool}",
    "Wrote the REST API and the documentation",
    "Scraped and cleaned {N} records and trained a model with {tool}",
    "Containerised the app with Docker",
]

PROJECT_TAGLINES = [
    "A mapping engine that helps {focus}",
    "A web app for {focus}",
    "Mobile app that tracks {focus}",
    "An open-source library for {focus}",
    "A dashboard that reports {focus} in real time",
    "A browser extension for {focus}",
    "A bot that automates {focus}",
]

# Longer summaries: first-person stories, third-person bios, lists of working principles.
SUMMARY_STORIES = [
    "After {years} years in {focus}, I moved into {focus2} to turn my experience into measurable results.",
    "I enjoy solving problems in {focus} and working with people who care about quality.",
    "Over the last {years} years I have built my career around {focus} and {focus2}.",
    "I am now looking for a role on a team that values curiosity, ownership and continuous learning.",
    "My background in {focus} gives me a practical, hands-on approach to {focus2}.",
    "I have worked with small start-ups and large organisations, in teams of two to twenty people.",
    "I combine {skill} and {skill2} with strong communication and an eye for detail.",
]

SUMMARY_BIOS = [
    "{first} is a {opener} {title} with a passion for {focus}.",
    "{first} hails from {city}. {pronoun} has a degree from {org} and has worked in {focus} since {year}.",
    "{first} has spent {years} years in {focus} and is known for {soft}.",
    "{first} is a life-long learner with a love for {focus} and {focus2}.",
]

SUMMARY_PRINCIPLES = [
    "Prefer to fix a problem properly than leave it to come back later",
    "Automation is always better than repetition",
    "Measure first, then decide",
    "Clear communication saves more time than any tool",
    "Getting things done matters most",
    "Leave every process better than I found it",
    "Customers first, always",
    "Small steps, shipped often",
]

# ----- additions: what the occupational data does not say about resumes -----

# Functional sub-headings a long job description is grouped under, one per area of
# responsibility, keyed by the O*NET generalized work activity of the tasks below them.
ACTIVITY_HEADINGS = {
    "4.A.1.a.1": ["Research & Information", "Information Gathering", "Research"],
    "4.A.1.a.2": ["Monitoring & Control", "Process Monitoring", "Quality Monitoring"],
    "4.A.1.b.1": ["Inspection", "Observation & Reporting"],
    "4.A.1.b.2": ["Inspection & Quality", "Quality Checks", "Safety Inspections"],
    "4.A.1.b.3": ["Estimation & Costing", "Measurement"],
    "4.A.2.a.1": ["Quality Assurance", "Assessment"],
    "4.A.2.a.2": ["Data Processing", "Records & Data"],
    "4.A.2.a.3": ["Compliance", "Audit & Compliance", "Regulatory Compliance"],
    "4.A.2.a.4": ["Analysis & Reporting", "Data Analysis", "MIS & Reporting"],
    "4.A.2.b.1": ["Problem Solving", "Issue Resolution", "Escalations"],
    "4.A.2.b.2": ["Design & Development", "Creative Work", "Planning & Design"],
    "4.A.2.b.3": ["Professional Development", "Training & Knowledge"],
    "4.A.2.b.4": ["Strategy & Planning", "Business Planning"],
    "4.A.2.b.5": ["Scheduling", "Planning & Scheduling"],
    "4.A.2.b.6": ["Operations Planning", "Work Planning"],
    "4.A.3.a.1": ["Operations", "Day-to-Day Operations", "Site Work"],
    "4.A.3.a.2": ["Materials Handling", "Stores & Inventory", "Production"],
    "4.A.3.a.3": ["Machine Operation", "Process Control"],
    "4.A.3.a.4": ["Equipment Operation", "Driving & Transport"],
    "4.A.3.b.1": ["Systems & IT", "Technical", "Software & Tools"],
    "4.A.3.b.4": ["Maintenance", "Repairs & Maintenance", "Preventive Maintenance"],
    "4.A.3.b.6": ["Documentation", "Record Keeping", "Administration"],
    "4.A.4.a.1": ["Client Advisory", "Communication"],
    "4.A.4.a.2": ["Team Coordination", "Internal Communication", "Coordination"],
    "4.A.4.a.3": ["Client Relationship", "Stakeholder Management", "External Liaison"],
    "4.A.4.a.4": ["Relationship Management", "Client Relations"],
    "4.A.4.a.5": ["Patient Care", "Customer Care", "Care & Support"],
    "4.A.4.a.6": ["Sales & Business Development", "Sales", "Business Development"],
    "4.A.4.a.7": ["Negotiation", "Conflict Resolution", "Complaint Handling"],
    "4.A.4.a.8": ["Customer Service", "Front Office", "Public Dealing"],
    "4.A.4.b.3": ["Training", "Training & Development", "Teaching"],
    "4.A.4.b.4": ["Team Management", "Team Leadership", "People Management"],
    "4.A.4.b.5": ["Coaching & Mentoring", "Mentoring"],
    "4.A.4.b.6": ["Advisory", "Consulting", "Guidance"],
    "4.A.4.c.1": ["Administration", "Office Administration", "General Administration"],
    "4.A.4.c.2": ["Recruitment & Staffing", "Staffing"],
    "4.A.4.c.3": ["Budget & Resources", "Cost Control", "Inventory Control"],
}
OTHER_HEADINGS = ["Key Responsibilities", "Other Responsibilities", "Additional Duties", "Core Duties"]

# Employer names by SOC major group: {company} and {last} come from Faker, {city} too.
EMPLOYERS = {
    "11": ["{company}", "{company} Group", "{company} Holdings", "{company} Ltd."],
    "13": ["{company} & Associates", "{company} Financial Services", "{last} & Co. Chartered Accountants", "{company}"],
    "15": [
        "{company} Technologies",
        "{company} Software",
        "{last} Infotech Pvt. Ltd.",
        "{company} Digital",
        "{company}",
    ],
    "17": ["{company} Engineering", "{company} Consultants", "{last} Engineers Pvt. Ltd.", "{company} Industries"],
    "19": ["{city} Research Institute", "{company} Laboratories", "University of {city}", "{company} Biosciences"],
    "21": ["{city} County Social Services", "{company} Community Trust", "{city} Family Services", "{last} Foundation"],
    "23": ["{last} & {last2} LLP", "{last} Legal", "Office of the {city} Public Defender", "{last} & Partners"],
    "25": ["{city} High School", "{last} Academy", "{city} Public Schools", "University of {city}", "{last} College"],
    "27": ["{company} Media", "{company} Studios", "{city} Theatre Company", "{company} Creative"],
    "29": ["{city} General Hospital", "{last} Medical Center", "{company} Health", "{city} Community Clinic"],
    "31": ["{last} Care Home", "{company} Home Health", "{city} General Hospital", "{last} Dental Practice"],
    "33": ["{city} Police Department", "{company} Security Services", "{city} Fire and Rescue Service", "{company}"],
    "35": ["{last}'s Kitchen", "The {last} Hotel", "{company} Hospitality", "{city} Grand Hotel", "{last} Bistro"],
    "37": ["{company} Facilities Services", "{last} Landscaping", "{city} Council", "{company} Cleaning Services"],
    "39": ["{last} Salon", "{company} Fitness", "{city} Leisure Centre", "{last} Childcare"],
    "41": ["{company} Retail", "{company} Sales Pvt. Ltd.", "{company}", "{last} Motors", "{company} Realty"],
    "43": [
        "{company} Business Services",
        "{company} BPO Services Pvt. Ltd.",
        "{company} Global Solutions",
        "{company}",
    ],
    "45": ["{last} Farms", "{company} Agro", "{last} Family Farm", "{company} Nurseries"],
    "47": ["{last} Construction", "{company} Builders", "{last} & Sons", "{company} Contractors"],
    "49": ["{company} Maintenance Services", "{last} Auto Repair", "{company} Mechanical", "{company} Facilities"],
    "51": ["{company} Manufacturing", "{company} Industries Ltd.", "{company} Foods", "{company} Fabrication"],
    "53": ["{company} Logistics", "{company} Freight", "{company} Transport", "{company} Airways", "{last} Haulage"],
}

# Achievements among a job's duties: what was built, led, launched or improved, with a number.
ACHIEVEMENT_BULLETS = [
    "Led a team of {n} to roll out {tool} across {n2} sites",
    "Built a {tool} dashboard used by {n2} managers every week",
    "Cut processing time by {pct} by automating reports in {tool}",
    "Launched a new {focus} process adopted by {n} other teams",
    "Reduced costs by {money} a year through better {focus}",
    "Trained {n2} new staff on {tool} and internal procedures",
    "Delivered {n2} projects on time and within budget",
    "Improved customer satisfaction scores from {n2}% to {highpct}",
    "Recognised for {focus} during the {year} audit",
    "Introduced {tool}, replacing paper records for {N} cases",
]

# Numbers a resume quotes, by SOC major group, put after a duty now and then.
METRICS = {
    "11": [", managing a budget of {money}", " across {n} sites and {N} staff", ", growing revenue by {pct}"],
    "13": [" for {N} accounts", ", closing the books {n} days earlier", " with {pct} fewer audit findings"],
    "15": [" serving {N} users", ", cutting response time by {pct}", " with {pct} test coverage"],
    "17": [" on projects worth {money}", ", reducing material cost by {pct}", " within {n} weeks"],
    "19": [" across {N} samples", ", published in {n} papers", " with a grant of {money}"],
    "21": [" for a caseload of {n2} clients", ", with {pct} of clients meeting their goals"],
    "23": [" on {n2} matters", ", recovering {money} for clients"],
    "25": [" for classes of {n2} students", ", raising pass rates by {pct}", " for {N} learners"],
    "27": [" reaching {N} viewers", ", with {n2} published pieces"],
    "29": [" for {n2} patients per shift", " in a {n2}-bed unit", ", cutting readmissions by {pct}"],
    "31": [" for {n} residents", " for {n2} patients a day"],
    "33": [" across {n} districts", ", responding to {N} calls a year"],
    "35": [" serving {N} covers a week", ", keeping food cost under {pct}"],
    "37": [" across {n2} properties", " on {n2} acres"],
    "39": [" for {n2} clients a week", ", with a rebooking rate of {pct}"],
    "41": [", achieving {pct} of the monthly target", " worth {money} a year", ", adding {n2} new accounts"],
    "43": [" with an AHT under {n} minutes", ", maintaining CSAT above {highpct}", " for {N} customers a month"],
    "45": [" on {N} hectares", ", raising yield by {pct}"],
    "47": [" on sites worth {money}", " with zero lost-time incidents", " ahead of schedule by {n} weeks"],
    "49": [", cutting downtime by {pct}", " on a fleet of {n2} vehicles", " for {N} units"],
    "51": [", raising output by {pct}", " at {N} units per shift", ", cutting scrap by {pct}"],
    "53": [" with a {pct} on-time rate", " over {N} miles a year", " with {n} years accident-free"],
}

# Indian "Professional Summary" bullets: years first, then knowledge and exposure.
SUMMARY_POINTS = [
    "Having {years} of experience as {title}.",
    "Having {years} of experience in {focus}.",
    "Good knowledge of {tool} and {tool2}.",
    "Hands-on experience in {focus}.",
    "Expertise in {focus} and {focus2}.",
    "Good communication and interpersonal skills.",
    "Ability to work independently as well as in a team.",
    "Exposure to {tool} and MS Office.",
    "Quick learner with a positive attitude.",
    "Willing to relocate and work in shifts.",
]
CAREER_OBJECTIVES = [
    "To work in a challenging environment that gives me scope to grow as a {title} and contribute to the organisation's goals.",
    "Seeking a position as {title} in a reputed organisation where my {years} of experience in {focus} will be utilised.",
    "To obtain an entry-level position as a {title} where I can apply my knowledge of {focus} and grow with the organisation.",
    "To secure a responsible career opportunity to fully utilise my training and skills while making a significant contribution to the success of the company.",
    "Looking for a suitable position in {focus} where I can enhance my skills and serve the organisation.",
]
PERSONAL_STATEMENT = (
    "I am a {opener} {title} with {years} of experience in {focus}. I enjoy {focus2} and work well both "
    "independently and as part of a team. I am now looking for a new challenge where I can develop further."
)
EXECUTIVE_PROFILE = (
    "Senior executive with {years} of progressive leadership in {focus} and {focus2}. P&L responsibility up to "
    "{money}; track record of turnarounds, M&A integration and building high-performing teams of {team}."
)
LINKEDIN_SPECIALTIES = ["Specialties:", "Specialities:", "Core areas:", "Focus areas:"]
# Europass CV labels (the European Commission's CV format).
EUROPASS = {
    "personal": "PERSONAL INFORMATION",
    "job": ["JOB APPLIED FOR", "POSITION", "PREFERRED JOB", "PERSONAL STATEMENT"],
    "mother": "Mother tongue(s)",
    "other": "Other language(s)",
    "digital": "Digital skills",
    "job_skills": "Job-related skills",
    "communication": "Communication skills",
    "sector": "Business or sector",
    "levels": ["A1", "A2", "B1", "B2", "C1", "C2"],
}
# Skill ratings as CV builders print them.
RATINGS = ["Expert", "Advanced", "Intermediate", "Proficient", "Basic", "Beginner", "Excellent", "Good"]
STARS = ["★★★★★", "★★★★☆", "★★★☆☆", "●●●●○", "●●●○○", "■■■■□"]
# Words that join a skill with its years ("Java (5 years)").
YEAR_FORMS = ["({n} years)", "({n} yrs)", "- {n} years", "({n}+ years)", ": {n} yrs", "({n} Years)"]
# Federal (USAJOBS) resume fields.
FEDERAL = {
    "hours": ["Hours per week: 40", "Hours per week: 40+", "Full-time (40 hrs/wk)"],
    "series": ["GS-{grade}", "Grade: GS-{grade}", "Series: 0{n2}3, GS-{grade}"],
    "duties": ["Duties, Accomplishments and Related Skills:", "Duties and Accomplishments:"],
}
# Degree names by O*NET education level (RL category) and convention; {field} a field of study.
DEGREES = {  # "template|kinds": a degree name, and the kinds of subject it fits (education.subject_kind); none: any
    "us": {
        3: ["Certificate in {field}", "{field} Certificate Program"],
        4: ["Coursework in {field}", "{field} (coursework, no degree)"],
        5: ["Associate of Applied Science (A.A.S.) in {field}", "Associate of Science in {field}", "A.S., {field}"],
        6: [
            "Bachelor of Science in {field}|eng cs com med sci",
            "B.S. in {field}|eng cs com med sci",
            "Bachelor of Arts in {field}|arts com law",
            "B.A., {field}|arts",
            "BBA|com",
        ],
        7: ["Graduate Certificate in {field}", "Post-Baccalaureate Certificate, {field}"],
        8: [
            "Master of Science in {field}|eng cs med sci com",
            "M.S. in {field}|eng cs sci",
            "Master of Arts, {field}|arts",
            "MBA|com",
            "Master of Public Health (MPH)|med",
        ],
        9: ["Post-Master's Certificate in {field}"],
        10: [
            "Doctor of Medicine (M.D.)|med",
            "Juris Doctor (J.D.)|law",
            "Doctor of Pharmacy (Pharm.D.)|med",
            "Doctor of Physical Therapy (DPT)|med",
            "Professional degree in {field}",
        ],
        11: ["Ph.D. in {field}", "Doctor of Philosophy, {field}"],
    },
    "uk": {
        3: ["Level 3 Diploma in {field}", "Certificate in {field}"],
        4: ["Foundation Year, {field}", "Access to HE Diploma ({field})"],
        5: ["HND in {field}", "Foundation Degree (FdSc) in {field}", "HNC {field}"],
        6: [
            "BSc (Hons) {field}|cs com med sci",
            "BA (Hons) {field}|arts com law",
            "BEng (Hons) {field}|eng",
            "LLB (Hons)|law",
        ],
        7: ["PGCert {field}", "Postgraduate Diploma in {field}"],
        8: ["MSc {field}|eng cs com med sci", "MA {field}|arts", "MBA|com", "MRes {field}|sci med", "MEng {field}|eng"],
        9: ["Postgraduate Certificate in {field}"],
        10: ["MBBS|med", "LLB (Hons) Law|law", "MPharm|med", "Professional qualification in {field}"],
        11: ["PhD {field}", "DPhil in {field}"],
    },
    "india": {
        3: ["ITI in {field}", "Certificate Course in {field}"],
        4: ["Diploma in {field} (pursuing)", "Diploma in {field}"],
        5: ["Diploma in {field}", "Polytechnic Diploma in {field}|eng cs"],
        6: [
            "B.Tech in {field}|eng cs",
            "B.E. ({field})|eng cs",
            "B.Sc. ({field})|sci cs med",
            "B.Com|com",
            "BBA|com",
            "BCA|cs",
            "B.A. ({field})|arts law",
            "B.Pharm|med",
            "B.Sc. Nursing|med",
        ],
        7: ["PG Diploma in {field}", "PGDM|com"],
        8: [
            "M.Tech in {field}|eng cs",
            "MBA ({field})|com",
            "M.Sc. ({field})|sci med",
            "MCA|cs",
            "M.Com|com",
            "M.A. ({field})|arts law",
        ],
        9: ["Post Graduate Diploma in {field}"],
        10: ["MBBS|med", "LLB|law", "BDS|med", "Professional course in {field}"],
        11: ["Ph.D. in {field}"],
    },
    "europe": {
        3: ["Vocational certificate in {field}", "Certificate in {field}"],
        4: ["Studies in {field} (not completed)"],
        5: ["Higher National Diploma in {field}", "Diploma in {field}"],
        6: [
            "Bachelor of Science in {field}|eng cs com med sci",
            "Bachelor's degree in {field}",
            "Licence ({field})",
            "B.Sc. {field}|cs sci eng",
        ],
        7: ["Postgraduate certificate in {field}"],
        8: [
            "Master of Science in {field}|eng cs com med sci",
            "Master's degree in {field}",
            "M.Sc. {field}|sci cs",
            "Diplom-Ingenieur ({field})|eng",
        ],
        9: ["Advanced Master in {field}"],
        10: ["Doctor of Medicine|med", "Master of Laws (LL.M.)|law", "State examination in {field}"],
        11: ["PhD in {field}", "Dr. rer. nat. ({field})|sci cs med", "Doctorat en {field}"],
    },
}
MARKS = ["{p}%", "{p}.{d}%", "CGPA {c}.{d}/10", "{c}.{d} CGPA", "First Class", "First Class with Distinction"]
BOARDS_XII = ["CBSE", "State Board", "HSC Board", "ISC", "Maharashtra State Board", "Tamil Nadu State Board"]
BOARDS_X = ["CBSE", "ICSE", "SSC", "State Board", "Matriculation"]
STREAMS_XII = ["PCM", "PCB", "Science", "Commerce", "Arts"]
UK_CLASSES = ["First Class Honours", "2:1", "Upper Second Class (2:1)", "2:2", "Merit", "Distinction"]
GPA_FORMS = [", GPA {g}/4.0", " — GPA: {g}", ", cum laude", ", magna cum laude", ", with honors", ""]
COURSEWORK_KEYS = ["Relevant coursework", "Relevant Coursework", "Key modules", "Core subjects", "Courses", "Modules"]
EDUCATION_EXTRAS = [
    "Dean's List, {n} semesters",
    "Merit scholarship holder",
    "Class representative",
    "Final year project: {focus}",
    "Exchange semester at {org}",
    "Rank {n} in the university",
    "Thesis on {focus}",
]
DECLARATIONS = [
    "I hereby declare that the above information is true to the best of my knowledge and belief.",
    "I hereby declare that all the details furnished above are true to the best of my knowledge.",
    "Declaration: I solemnly declare that the information given above is correct.",
]
WORK_AUTHORISATION = ["U.S. Citizen", "Authorized to work in the US", "Green Card holder", "Eligible to work in the UK"]
# LinkedIn's PDF export labels.
LINKEDIN = {
    "contact": "Contact",
    "top_skills": "Top Skills",
    "languages": "Languages",
    "certifications": "Certifications",
}
# Icon-font glyphs as CV templates print them beside contact details (Font Awesome code points).
ICONS = {"phone": "\uf095", "email": "\uf0e0", "linkedin": "\uf08c", "location": "\uf041", "github": "\uf09b"}
# Project names of the kind students and employees give their projects; {tool} and {object} are filled from the occupation.
PROJECT_NAMES = [
    "{tool} Implementation",
    "{tool} Migration",
    "{tool} Rollout for {client}",
    "{object} Improvement Project",
    "{object} Review",
    "{object} Programme",
    "{object} Dashboard",
    "Inventory Management System",
    "Online Shopping Portal",
    "Hospital Management System",
    "Library Management System",
    "Employee Attendance Tracker",
    "Sales Analysis Dashboard",
    "Customer Feedback Analysis",
    "Student Result Analysis",
    "Process Automation for {client}",
    "Cost Reduction Initiative",
    "Quality Improvement Project",
    "Energy Audit of {city} Campus",
    "Market Survey on {object}",
]
# Europass "Business or sector", by SOC major group (the sector of the employer, in NACE's words).
SECTORS = {
    "11": "Activities of head offices; management consultancy activities",
    "13": "Financial and insurance activities",
    "15": "Information and communication",
    "17": "Architectural and engineering activities",
    "19": "Scientific research and development",
    "21": "Social work activities",
    "23": "Legal and accounting activities",
    "25": "Education",
    "27": "Arts, entertainment and recreation",
    "29": "Human health activities",
    "31": "Residential care activities",
    "33": "Public administration and defence",
    "35": "Accommodation and food service activities",
    "37": "Services to buildings and landscape activities",
    "39": "Other personal service activities",
    "41": "Wholesale and retail trade",
    "43": "Office administrative and support activities",
    "45": "Agriculture, forestry and fishing",
    "47": "Construction",
    "49": "Repair and installation of machinery and equipment",
    "51": "Manufacturing",
    "53": "Transportation and storage",
}
