"""Real resumes into sections: the model route and the header words on the transcribed real resumes.

    python benchmarks/segmentation_real.py --model-dir artifacts/model

`segmentation_quality.py` measures the cutting on generated resume files; this measures it on
the real resumes behind the real-resume check sets (data/real_resumes/resumes/, plain text as
transcribed, one line per line of the page). Each resume with at least three chunks is cut
whole, in two forms:

- text: as transcribed, with the headings its author wrote;
- text-no-headings: the same lines without the heading lines that open a chunk
  (`build_real_chunks.starts_with_heading`), so only the content says where a section starts.

A line's true label is its chunk's; neighbouring chunks of one label (two jobs) are one true
section. Scored by part (development, hold-out) with `segmentation_quality.score`. The costs of
`SegmentationConfig` were chosen on generated resumes; nothing here chose anything. Writes
benchmarks/results/segmentation_real.json and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path

from benchmark_setup import REPO, real_digests
from results_table import real_segmentation_table
from segmentation_quality import CachedClassifier, score

from resume_bert.app.artifacts import write_json
from resume_bert.resumes.lines import Line
from resume_bert.resumes.segmentation import SegmentationConfig, header_word_segments, segment_lines

sys.path.insert(0, str(REPO / "data" / "real_resumes"))
from build_real_chunks import in_dev, load_resumes, starts_with_heading  # noqa: E402

MIN_CHUNKS = 3
LAYOUTS = ("text", "text-no-headings")


def whole_resumes(min_chunks: int = MIN_CHUNKS) -> list[dict]:
    """Each transcribed resume of at least `min_chunks` chunks, in both forms, as `segmentation_quality.score` takes them."""
    out = []
    for resume_id, source, chunks in load_resumes():
        if len(chunks) < min_chunks:
            continue
        for layout in LAYOUTS:
            gold, section = [], -1
            for k, (label, text) in enumerate(chunks):
                if k == 0 or label != chunks[k - 1][0]:
                    section += 1
                lines = [t for t in text.split("\n") if t.strip()]
                if layout == "text-no-headings" and starts_with_heading(text) and len(lines) > 1:
                    lines = lines[1:]
                gold += [{"text": t, "label": label, "section": section} for t in lines]
            extracted = [Line(g["text"], 1, i) for i, g in enumerate(gold, start=1)]
            part = "dev" if in_dev(resume_id) else "hold-out"
            out.append(
                {"file": resume_id, "source": source, "part": part, "layout": layout}
                | {"extracted": extracted, "gold": gold, "reading_order": 1.0}
            )
    return out


def evaluate(resumes: list[dict], classifier, config: SegmentationConfig) -> dict:
    """Per part and layout, both routes' line accuracy and boundary precision and recall."""
    cached = CachedClassifier(classifier)
    methods = {
        "model": lambda lines: segment_lines(cached, lines, config),
        "header_words": lambda lines: header_word_segments(cached, lines),
    }
    results = {}
    for part in ("dev", "hold-out"):
        for layout in LAYOUTS:
            group = [r for r in resumes if r["part"] == part and r["layout"] == layout]
            results[f"{part} {layout}"] = {"resumes": len(group)} | {
                name: score(group, segment) for name, segment in methods.items()
            }
    return results


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", default=str(REPO / "artifacts" / "model"))
    parser.add_argument("--output", type=Path, default=REPO / "benchmarks" / "results" / "segmentation_real.json")
    args = parser.parse_args(argv)

    import torch

    from resume_bert.app.classifiers import load_classifier
    from resume_bert.evaluation import environment_versions

    torch.manual_seed(0)
    config = SegmentationConfig()
    results = evaluate(whole_resumes(), load_classifier(args.model_dir, device="cpu"), config)
    write_json(
        {
            "model_dir": Path(args.model_dir).name,
            "min_chunks": MIN_CHUNKS,
            "segmentation_config": asdict(config),
            "results": results,
            "real_data": real_digests(),
            "versions": environment_versions(),
        },
        args.output,
    )
    print(real_segmentation_table(results))


if __name__ == "__main__":
    main()
