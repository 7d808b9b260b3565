"""Resume files: the one place that draws resumes as PDF and DOCX and reads generated ones back.

fonts    the font every file is drawn in, and what it cannot draw
source   a section as the generator wrote it, and its lines as drawable items
pdf      PDF layouts of the training data (one column, sidebar, tables, side headings)
docx     DOCX layouts (paragraphs, tables, sidebar, heading table) and Word text boxes
columns  one-page layouts of the segmentation benchmark, with their lines as drawn
chunks   render, extract, and cut a resume's text back into labelled chunks
"""
