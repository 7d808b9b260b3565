"""Helpers for the resume-file tests: a saved tiny classifier, a keyword classifier and small resume files."""

from __future__ import annotations

from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
LABELS = ["Contact Information", "Education", "Skills", "Work Experience"]
KEYWORDS = {
    "Contact Information": ["phone", "email", "street", "@"],
    "Education": ["university", "bachelor", "degree", "school", "education"],
    "Skills": ["python", "sql", "excel", "skills"],
    "Work Experience": ["managed", "company", "led", "engineer", "experience"],
}


def save_tiny_classifier(tiny_model_dir: Path, folder: Path) -> Path:
    """The conftest's random 2-layer BERT with a classification head, saved as `resume-bert train` saves."""
    from transformers import AutoTokenizer

    from resume_bert.app.model_loading import load_model, save_model
    from resume_bert.preparation import LabelMap
    from resume_bert.training import set_seed

    set_seed(0)
    model, _ = load_model(str(tiny_model_dir), LabelMap(LABELS))
    save_model(model, AutoTokenizer.from_pretrained(tiny_model_dir), folder, max_length=64)
    return folder


class KeywordClassifier:
    """Labels a text by the keywords it holds (ties and no keyword: equal odds), so segmentation can be checked exactly."""

    labels = LABELS

    def __init__(self):
        self.calls = []

    def predict_proba(self, texts, batch_size=None):
        texts = [texts] if isinstance(texts, str) else list(texts)
        self.calls.append(texts)
        rows = []
        for text in texts:
            counts = np.array([sum(text.lower().count(w) for w in KEYWORDS[label]) for label in LABELS], dtype=float)
            rows.append((counts + 0.05) / (counts + 0.05).sum())
        return np.array(rows, dtype=np.float32).reshape(len(texts), len(LABELS))

    def predict(self, texts, batch_size=None):
        from resume_bert.inference import SectionClassifier

        return SectionClassifier.predict(self, texts, batch_size)


def write_pdf(path: Path, lines: list[str], pages: int = 1, password: str | None = None) -> Path:
    """A plain PDF with `lines` on each of `pages` pages (reportlab)."""
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), invariant=1, encrypt=password)
    for _ in range(pages):
        for i, line in enumerate(lines):
            pdf.drawString(72, 760 - 16 * i, line)
        pdf.showPage()
    pdf.save()
    return path
