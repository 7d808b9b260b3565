"""The resume generator behind make_resume_chunks.py.

occupations  O*NET occupations with BLS employment weights and NCES fields of study
voice        task statements and product names rewritten the way resumes write them
conventions  resume traditions: locales, section order, which occupations
person       the person, contact details and career model
style        a resume's dates, separators and bullet glyphs
draft        one resume in the making: the draws every section writer shares
forms        the named weight tables of section forms
sections/    one module per section label, each with its FORMS table
phrases      convention words no database holds (headers, keys, templates)
credentials  certificates, licences and awards by occupation family
headers      header wordings and styling; noise: typos and extraction artefacts
assemble     resumes into labelled chunks, plain or drawn as PDF/DOCX
"""
