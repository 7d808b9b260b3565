"""Print the Markdown tables of benchmarks/README.md from the JSON files in benchmarks/results/.

    python benchmarks/results_table.py
"""

from __future__ import annotations

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def load(name: str) -> dict | None:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else None


def train_table(r: dict) -> str:
    ours = r["runs"]["resume_bert"]["samples_per_s"]
    lines = [f"`{r.get('command', 'python benchmarks/train_speed.py')}` on {r['machine']}; {r['data']}; model {r['model']}, "
             f"max_length {r['hyperparameters']['max_length']}, {r['hyperparameters']['num_train_epochs']} epoch(s)", "",
             "| run | training samples/s | resume_bert is … faster | val macro-F1 | epochs trained |",
             "|---|---:|---:|---:|---:|"]
    for name, run in r["runs"].items():
        ratio = "—" if name == "resume_bert" else f"{ours / run['samples_per_s']:.2f}×"
        lines.append(f"| {name} | {run['samples_per_s']:.1f} | {ratio} | {run['macro_f1']:.4f} | {run['epochs']} |")
    return "\n".join(lines)


def inference_table(r: dict) -> str:
    lines = [f"`{r.get('command', 'python benchmarks/inference_speed.py')}` on {r['machine']}; {r['texts']} texts, batch size {r['batch_size']}, "
             f"max_length {r['max_length']}, median of {r['rounds']} alternating rounds", "",
             "| run | samples/s |", "|---|---:|"]
    for name, run in r["runs"].items():
        lines.append(f"| {name} | {run['samples_per_s']:.1f} |")
    lines.append(f"| **resume_bert / pipeline** | **{r['ratio_resume_bert_vs_pipeline']:.2f}×** |")
    return "\n".join(lines)


def gpu_table(rows: list[dict]) -> str:
    lines = ["| run | training chunks | precision | torch.compile | batch | training samples/s | peak GPU memory (GiB) |",
             "|---|---:|---|---|---:|---:|---:|"]
    for name, r in rows:
        lines.append(f"| {name} | {r['n_train']} | {r['mixed_precision']}{' + TF32' if r['tf32_matmul'] else ''} | "
                     f"{'yes' if r['torch_compile'] else 'no'} | {r['per_device_train_batch_size']} | "
                     f"{r['samples_per_s']:.0f} | {r['peak_gpu_memory_gib']} |")
    return "\n".join(lines)


def main() -> None:
    if r := load("train_speed"):
        print("## Training\n\n" + train_table(r) + "\n")
    if r := load("inference_speed"):
        print("## Inference\n\n" + inference_table(r) + "\n")
    gpu = [(n, r) for n in ("gpu_train_speed", "gpu_train_speed_b64", "gpu_train_speed_fp32_b64",
                                "gpu_train_speed_compile_b64")
           if (r := load(n))]
    if gpu:
        print(f"## GPU training ({gpu[0][1]['gpu']}, {gpu[0][1]['torch']})\n\n" + gpu_table(gpu) + "\n")


if __name__ == "__main__":
    main()
