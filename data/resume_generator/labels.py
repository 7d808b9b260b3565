"""The eight section labels, in the order resumes usually give them: one list for the generator and the data scripts."""

LABELS = "Contact Information|Summary|Work Experience|Education|Skills|Projects|Certifications|Awards".split("|")
