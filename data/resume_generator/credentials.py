"""Certifications, licences and awards by occupation family: a hand-written table.

No openly licensed database lists the certificates each occupation holds (O*NET's
certification data is not part of its CC BY database), so these are a small table keyed
by SOC code prefix: the longest prefix that matches an occupation's code wins ("29-1141"
registered nurses before "29" healthcare practitioners). Vendor certifications are also
derived from the technology an occupation uses (O*NET Technology Skills): someone who
lists Salesforce may hold "Salesforce Certified Administrator".
"""

from __future__ import annotations

# (certificate, issuer) by SOC prefix.
CERTIFICATES = {
    "11": [
        ("Project Management Professional (PMP)", "PMI"),
        ("PRINCE2 Practitioner", "AXELOS"),
        ("Lean Six Sigma Black Belt", "IASSC"),
        ("Certified Manager (CM)", "ICPM"),
        ("Chartered Manager", "CMI"),
    ],
    "11-3121": [("SHRM Senior Certified Professional (SHRM-SCP)", "SHRM"), ("CIPD Level 7 Advanced Diploma", "CIPD")],
    "11-9111": [("Certified Medical Practice Executive (CMPE)", "MGMA"), ("Fellow, ACHE", "ACHE")],
    "13": [
        ("Certified Public Accountant (CPA)", "AICPA"),
        ("ACCA – Affiliate", "ACCA"),
        ("Chartered Accountant – Intermediate", "ICAI"),
        ("Certified Management Accountant (CMA)", "IMA"),
        ("CFA Level II candidate", "CFA Institute"),
        ("Certified Internal Auditor (CIA)", "IIA"),
    ],
    "13-1071": [
        ("SHRM Certified Professional (SHRM-CP)", "SHRM"),
        ("CIPD Level 5 Associate Diploma", "CIPD"),
        ("PHR", "HRCI"),
    ],
    "13-1082": [("Project Management Professional (PMP)", "PMI"), ("Certified ScrumMaster (CSM)", "Scrum Alliance")],
    "13-1161": [("Google Analytics Certification", "Google"), ("HubSpot Inbound Marketing", "HubSpot Academy")],
    "15": [
        ("AWS Certified Solutions Architect – Associate", "Amazon Web Services"),
        ("Microsoft Certified: Azure Fundamentals", "Microsoft"),
        ("CompTIA Security+", "CompTIA"),
        ("Cisco Certified Network Associate (CCNA)", "Cisco"),
        ("Professional Scrum Master I", "Scrum.org"),
        ("ITIL 4 Foundation", "AXELOS"),
        ("Google Data Analytics Professional Certificate", "Google / Coursera"),
    ],
    "17": [
        ("Engineer in Training (EIT)", "NCEES"),
        ("Professional Engineer (PE)", "NCEES"),
        ("Certified SolidWorks Associate (CSWA)", "Dassault Systèmes"),
        ("Six Sigma Green Belt", "ASQ"),
        ("NEBOSH International General Certificate", "NEBOSH"),
    ],
    "19": [
        ("Good Clinical Practice (GCP)", "NIHR"),
        ("Good Laboratory Practice (GLP)", "in-house"),
        ("Radiation Safety training", "university safety office"),
        ("Data Carpentry workshop", "The Carpentries"),
    ],
    "21": [
        ("Mental Health First Aid", "MHFA England"),
        ("Safeguarding Adults Level 3", "local authority"),
        ("Certified Alcohol and Drug Counselor (CADC)", "IC&RC"),
    ],
    "23": [
        ("Certified Paralegal (CP)", "NALA"),
        ("Diploma in Cyber Law", "Asian School of Cyber Laws"),
        ("Certified Information Privacy Professional (CIPP/E)", "IAPP"),
    ],
    "25": [
        ("TEFL Certificate (120 hours)", "TEFL Org"),
        ("CELTA", "Cambridge English"),
        ("CTET – Paper II", "CBSE"),
        ("Google Certified Educator Level 1", "Google for Education"),
        ("Designated Safeguarding Lead training", "local authority"),
    ],
    "27": [
        ("Adobe Certified Professional – Photoshop", "Adobe"),
        ("Google UX Design Professional Certificate", "Google / Coursera"),
        ("Google Ads Search Certification", "Google"),
        ("Mobile Journalism course", "BBC Academy"),
    ],
    "29": [
        ("Basic Life Support (BLS)", "American Heart Association"),
        ("Advanced Cardiovascular Life Support (ACLS)", "American Heart Association"),
        ("Pediatric Advanced Life Support (PALS)", "AHA"),
        ("Immediate Life Support (ILS)", "Resuscitation Council UK"),
    ],
    "29-1051": [("Immunization Certification", "APhA"), ("Independent Prescriber", "GPhC")],
    "31": [
        ("Certified Nursing Assistant (CNA)", "State Board of Nursing"),
        ("Care Certificate", "Skills for Care"),
        ("Phlebotomy Technician (CPT)", "NHA"),
        ("Basic Life Support (BLS)", "American Heart Association"),
    ],
    "33": [
        ("First Aid at Work", "St John Ambulance"),
        ("SIA Door Supervisor", "SIA"),
        ("Pre-Hospital Trauma Life Support (PHTLS)", "NAEMT"),
        ("Incident Command System (ICS-100)", "FEMA"),
    ],
    "35": [
        ("ServSafe Food Protection Manager", "National Restaurant Association"),
        ("Level 2 Food Hygiene and Safety", "Highfield"),
        ("WSET Level 2 in Wines", "WSET"),
        ("Responsible Service of Alcohol (RSA)", "Liquor & Gaming"),
    ],
    "37": [
        ("Pesticide Applicator Certification", "State Department of Agriculture"),
        ("COSHH Awareness", "in-house"),
        ("IPAF Mobile Elevating Work Platform", "IPAF"),
    ],
    "39": [
        ("Level 3 Diploma in Hair Services", "VTCT"),
        ("Certified Personal Trainer (CPT)", "NASM"),
        ("Paediatric First Aid", "St John Ambulance"),
    ],
    "41": [
        ("Certified Sales Professional", "NASP"),
        ("HubSpot Inbound Sales", "HubSpot Academy"),
        ("SPIN Selling workshop", "Huthwaite"),
        ("Level 3 Certificate in Retail Management", "City & Guilds"),
    ],
    "43": [
        ("Microsoft Office Specialist (MOS) – Excel", "Microsoft"),
        ("Certified Administrative Professional (CAP)", "IAAP"),
        ("Tally ERP 9", "Tally Education"),
        ("Customer Service NVQ Level 2", "City & Guilds"),
        ("Typing certificate (40 wpm)", "local college"),
    ],
    "43-4051": [
        ("Certificate in Customer Service Excellence", "NIIT"),
        ("Versant English Test – 62", "Pearson"),
        ("COPC Registered Coordinator", "COPC Inc."),
    ],
    "45": [
        ("BASIS Certificate in Crop Protection", "BASIS"),
        ("Pesticide Application (PA1/PA2)", "City & Guilds NPTC"),
        ("Certified Crop Adviser (CCA)", "ASA"),
    ],
    "47": [
        ("OSHA 30-Hour Construction", "OSHA"),
        ("CSCS Blue Card", "CITB"),
        ("SMSTS", "CITB"),
        ("18th Edition Wiring Regulations (BS 7671)", "City & Guilds"),
    ],
    "49": [
        ("EPA Section 608 Universal", "EPA"),
        ("ASE Certified Master Technician", "ASE"),
        ("Unvented Hot Water Systems (G3)", "LCL Awards"),
        ("F-Gas Category 1", "City & Guilds"),
    ],
    "51": [
        ("Six Sigma Green Belt", "ASQ"),
        ("Forklift Operator Training", "RTITB"),
        ("NIMS Machining Level I", "NIMS"),
        ("AWS Certified Welder", "American Welding Society"),
    ],
    "53": [
        ("Driver CPC (35 hours)", "DVSA"),
        ("ADR Dangerous Goods", "SQA"),
        ("Smith System Defensive Driving", "Smith System"),
        ("Dangerous Goods Regulations", "IATA"),
    ],
}
# Licences, ratings and endorsements that are listed bare: no issuer, no year.
LICENCES = {
    "13-2011": ["CPA (active, New York)", "Chartered Accountant (ICAI membership)"],
    "23-1011": ["Admitted to the New York State Bar", "Enrolled Advocate, Bar Council", "Solicitor (SRA)"],
    "25-2": ["State Teaching License, Grades 6–12", "Qualified Teacher Status (QTS)", "Enhanced DBS"],
    "29": ["Registered Nurse licence", "NMC registration", "HCPC registered", "State licence (active)"],
    "29-1292": ["GDC registered", "State dental licence"],
    "31": ["CNA (active)", "Enhanced DBS (update service)"],
    "33": ["Firefighter I and II", "Hazmat Operations", "EVOC", "State EMT-B", "SIA licence", "Secret clearance"],
    "35-1": ["Personal Licence Holder (APLH)", "Food Handler Card"],
    "39-5012": ["Cosmetology licence", "NVQ Level 3 Hairdressing"],
    "45": [
        "PA1 and PA6",
        "Tractor licence",
        "Chainsaw (CS30/31)",
        "ATV/quad bike ticket",
        "Pesticide applicator licence",
    ],
    "47": ["CSCS Gold card", "Journeyman licence", "IPAF 3a/3b", "PASMA", "ECS Gold Card"],
    "47-2152": ["Gas Safe registered", "Journeyman Plumber licence", "ACS: CCN1, CENWAT, CKR1"],
    "49-9021": ["EPA 608 Universal", "F-gas Category 1", "Gas Safe registered"],
    "51-4121": ["AWS D1.1 certified welder", "6G coded welder"],
    "53": ["Forklift licence", "Category B+E driving licence", "TWIC card"],
    "53-2011": [
        "ATPL(A)",
        "Type rating A320",
        "Instrument Rating (IR)",
        "Class 1 Medical",
        "FAA ATP",
        "B737 type rating",
    ],
    "53-3032": [
        "CDL Class A",
        "Hazmat (H) endorsement",
        "Tanker (N) endorsement",
        "Cat C+E",
        "Digital tachograph card",
    ],
}
# Certificates anyone may hold, drawn beside the occupation's own.
GENERIC_CERTIFICATES = [
    ("First Aid and CPR", "Red Cross"),
    ("Microsoft Excel – Advanced", "Udemy"),
    ("IELTS Academic – Band 7.5", "British Council"),
    ("Project Management Essentials", "LinkedIn Learning"),
    ("Fire Safety Awareness", "in-house"),
    ("Lean Six Sigma Yellow Belt", "KnowledgeHut"),
    ("PRINCE2 Foundation", "AXELOS"),
    ("Introduction to Python", "Coursera"),
]
# Vendor certifications, keyed by a word in the technology an occupation uses.
VENDOR_CERTIFICATES = {
    "Excel": ("Microsoft Office Specialist: Excel Associate", "Microsoft"),
    "Salesforce": ("Salesforce Certified Administrator", "Salesforce"),
    "SAP": ("SAP Certified Application Associate", "SAP"),
    "Amazon Web Services": ("AWS Certified Cloud Practitioner", "Amazon Web Services"),
    "Java": ("Oracle Certified Professional: Java SE Developer", "Oracle"),
    "Cisco": ("Cisco Certified Network Associate (CCNA)", "Cisco"),
    "AutoCAD": ("Autodesk Certified Professional: AutoCAD", "Autodesk"),
    "Tableau": ("Tableau Desktop Specialist", "Tableau"),
    "Azure": ("Microsoft Certified: Azure Administrator Associate", "Microsoft"),
    "Google Analytics": ("Google Analytics Certification", "Google"),
    "QuickBooks": ("QuickBooks Certified User", "Intuit"),
    "Linux": ("CompTIA Linux+", "CompTIA"),
    "ServiceNow": ("ServiceNow Certified System Administrator", "ServiceNow"),
    "Kubernetes": ("Certified Kubernetes Administrator (CKA)", "CNCF"),
    "Power BI": ("Microsoft Certified: Power BI Data Analyst Associate", "Microsoft"),
    "Epic": ("Epic Certified Analyst", "Epic Systems"),
    "Python": ("PCAP – Certified Associate in Python Programming", "Python Institute"),
    "Oracle Database": ("Oracle Database SQL Certified Associate", "Oracle"),
    "SolidWorks": ("Certified SolidWorks Professional (CSWP)", "Dassault Systèmes"),
    "Revit": ("Autodesk Certified Professional: Revit", "Autodesk"),
    "HubSpot": ("HubSpot Content Marketing", "HubSpot Academy"),
    "Photoshop": ("Adobe Certified Professional – Photoshop", "Adobe"),
}
# Awards by SOC prefix; GENERIC_AWARDS and AWARD_PHRASES in phrases.py are drawn beside them.
AWARDS = {
    "11": [
        "Leader of the Year, {company} ({year})",
        "CEO's Award for Excellence",
        "Turnaround of the Year, {region} region",
    ],
    "13": [
        "Finance Team Excellence Award",
        "ICAI merit rank holder",
        "Best Article Trainee",
        "Audit Quality Award ({year})",
    ],
    "15": [
        "Best Innovation Award at the internal hackathon",
        "Spot Award for the {month} release",
        "Winner, {city} Smart City Hackathon",
        "Top contributor, open-source sprint",
    ],
    "17": [
        "Best Final Year Project Award",
        "2nd place, SAE BAJA ({year})",
        "Cost Saving Award",
        "Safety Excellence Award",
    ],
    "19": [
        "Best Poster Prize, {city} symposium",
        "Doctoral scholarship ({money} over 3 years)",
        "Early Career Researcher Award",
    ],
    "21": ["Social Worker of the Year ({year})", "Team of the Year, {city} City Council", "Volunteer Champion Award"],
    "23": [
        "Best Speaker, National Moot Court Competition",
        "Pro Bono Award ({year})",
        "Dean's Medal for Legal Writing",
    ],
    "25": [
        "Teacher of the Year ({year})",
        "Best Teacher Award, {city} district",
        "Inspire Award for innovative teaching",
    ],
    "27": ["Best Campaign, {city} Marketing Awards", "Highly commended, regional press awards", "Red Dot Design Award"],
    "29": [
        "DAISY Award for Extraordinary Nurses",
        "Clinical Excellence Award",
        "Patient Choice Award",
        "Nurse of the Year",
    ],
    "31": ["Carer of the Month ({month} {year})", "Patient Compliments Award", "Outstanding Care Assistant ({year})"],
    "33": [
        "Chief's Commendation ({year})",
        "Army Commendation Medal",
        "Long Service and Good Conduct Medal",
        "Medal of Valor",
    ],
    "35": ["Best Chef, {city} Food Festival", "Guest Service Star award", "Gold, regional culinary competition"],
    "37": ["Cleanest Site Award ({year})", "Best Kept Grounds, {city} in Bloom"],
    "39": ["Stylist of the Year, {city} ({year})", "Trainer of the Month", "Outstanding Practitioner Award"],
    "41": [
        "President's Club ({year})",
        "Top Sales Performer, {region} region",
        "Rookie of the Year",
        "Highest new-business revenue, Q{q} {year}",
    ],
    "43": [
        "Best Performer of the month for highest CSAT",
        "Star of the Month, {month} {year}",
        "Customer Service Star",
        "Best Team Player award",
    ],
    "45": ["Young Farmer of the Year, {city} show ({year})", "Best Wheat Yield, {region} cereals competition"],
    "47": [
        "Apprentice of the Year, {city} College ({year})",
        "Zero-accident site award ({year})",
        "Installer of the Year",
    ],
    "49": ["Technician of the Year, {region} ({year})", "Safety Award ({year})", "Gold, WorldSkills regional final"],
    "51": ["Kaizen competition winner", "Zero Defects Award ({year})", "Operator of the Quarter"],
    "53": [
        "Driver of the Year, {company} ({year})",
        "1 Million Safe Miles award",
        "Safe Driver Award, {n} years running",
    ],
}


def by_prefix(table: dict[str, list], code: str) -> list:
    """The entry of the longest key that `code` starts with; [] when none does."""
    keys = [k for k in table if code.startswith(k)]
    return table[max(keys, key=len)] if keys else []


def vendor_certificates(technology: list[str]) -> list[tuple[str, str]]:
    """Vendor certifications matching the technology a person lists, in the order of VENDOR_CERTIFICATES."""
    return [cert for word, cert in VENDOR_CERTIFICATES.items() if any(word in t for t in technology)]
