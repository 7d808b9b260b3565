"""Gather what `gpu_check.sh` measured into one JSON file and print the targets table last.

Reads the folder the steps wrote to: gpu_train_speed_vs_trainer_b*.json, train_f1_gpu_seed*.json,
train/ (the `resume-bert train` output), gpu_profile.json, nvidia_smi.txt and steps.tsv
(each step's exit status and seconds). Imports only the standard library.

    python benchmarks/gpu_check_summary.py WORK_DIR OUT_DIR/gpu_check.json
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

import benchmark_setup  # noqa: F401  (puts the repository on sys.path)

from resume_bert.app.artifacts import write_json  # noqa: E402

TARGET_RATIO, TARGET_B128, TARGET_F1_GAP = 1.5, 4000, 0.01


def _load(path: Path):
    return json.loads(path.read_text()) if path.is_file() else None


def summarize(work: Path) -> dict:
    steps = {}
    if (work / "steps.tsv").is_file():
        for line in (work / "steps.tsv").read_text().splitlines():
            name, rc, seconds = line.split("\t")
            steps[name] = {"exit_status": int(rc), "seconds": float(seconds)}
    speed = sorted((_load(p) for p in work.glob("gpu_train_speed_vs_trainer_b*.json")), key=lambda r: r["batch"])
    f1_runs = [_load(p) for p in sorted(work.glob("train_f1_gpu_seed*.json"))]
    history, metrics = _load(work / "train" / "history.json"), _load(work / "train" / "metrics.json")
    targets = []
    for r in speed:
        ratio = r["ratio_resume_bert_vs_trainer_tuned"]
        targets.append(
            {
                "target": f"batch {r['batch']}: resume_bert >= {TARGET_RATIO}x the tuned Trainer",
                "result": ratio,
                "met": ratio is not None and ratio >= TARGET_RATIO,
            }
        )
        if r["batch"] == 128:
            ours = r["runs"].get("resume_bert", {}).get("samples_per_s")
            targets.append(
                {
                    "target": f"batch 128: resume_bert >= {TARGET_B128} samples/s",
                    "result": ours,
                    "met": ours is not None and ours >= TARGET_B128,
                }
            )
    f1 = None
    if f1_runs:
        ours = [r["runs"]["resume_bert"]["macro_f1"] for r in f1_runs]
        peer = [r["runs"]["trainer_tuned"]["macro_f1"] for r in f1_runs]
        gap = round(statistics.mean(ours) - statistics.mean(peer), 4)
        f1 = {
            "seeds": [r["hyperparameters"]["seed"] for r in f1_runs],
            "resume_bert": ours,
            "trainer_tuned": peer,
            "mean_gap": gap,
            "model": f1_runs[0]["model"],
            "data": f1_runs[0]["data"],
            "hyperparameters": f1_runs[0]["hyperparameters"],
            "samples_per_s": {
                k: [r["runs"][k]["samples_per_s"] for r in f1_runs] for k in ("resume_bert", "trainer_tuned")
            },
        }
        targets.append(
            {
                "target": f"val macro-F1 within {TARGET_F1_GAP} of the tuned Trainer (mean of {len(f1_runs)} seeds)",
                "result": gap,
                "met": gap >= -TARGET_F1_GAP,
            }
        )
    train = None
    if history:
        train = {
            "model_name_or_path": history["model_name_or_path"],
            "device": history["device"],
            "mixed_precision": history["mixed_precision"],
            "best_epoch": history["best_epoch"],
            "best_val_macro_f1": round(history["best_val_macro_f1"], 4),
            "val_macro_f1_per_epoch": [round(h["val_macro_f1"], 4) for h in history["history"]],
            "train_samples_per_s_per_epoch": [h.get("train_samples_per_s") for h in history["history"]],
            "test_macro_f1": metrics and round(metrics["macro_f1"], 4),
            "seconds": steps.get("resume_bert_train", {}).get("seconds"),
        }
    smi = (work / "nvidia_smi.txt").read_text().strip() if (work / "nvidia_smi.txt").is_file() else None
    first = speed[0] if speed else {}
    return {
        "gpu": first.get("gpu"),
        "nvidia_smi": smi or None,
        "machine": first.get("machine"),
        "versions": first.get("versions"),
        "steps": steps,
        "targets": targets,
        "speed": [
            {
                "batch": r["batch"],
                "resume_bert": r["runs"].get("resume_bert", {}).get("samples_per_s"),
                "trainer_tuned": r["runs"].get("trainer_tuned", {}).get("samples_per_s"),
                "ratio": r["ratio_resume_bert_vs_trainer_tuned"],
                "model": r["model"],
                "max_length": r["max_length"],
            }
            for r in speed
        ],
        "macro_f1_vs_trainer": f1,
        "resume_bert_train": train,
        "profile": _load(work / "gpu_profile.json"),
    }


def print_summary(s: dict) -> None:
    print(f"\n{s['gpu'] or 'no GPU'}; {s['machine']}")
    for name, step in s["steps"].items():
        print(f"  step {name:<18} exit {step['exit_status']}  {step['seconds']:.0f} s")
    for r in s["speed"]:
        print(
            f"  batch {r['batch']:>4}: resume_bert {r['resume_bert']} samples/s, trainer_tuned {r['trainer_tuned']}, "
            f"ratio {r['ratio']}x"
        )
    if s["resume_bert_train"]:
        t = s["resume_bert_train"]
        print(
            f"  resume-bert train ({t['device']}, {t['mixed_precision']}): best val macro-F1 {t['best_val_macro_f1']}, "
            f"test macro-F1 {t['test_macro_f1']}"
        )
    if s["profile"]:
        p = s["profile"]
        print(
            f"  profile, batch {p['batch']}: {p['kernel_launches_per_step']} launches, {p['host_syncs_per_step']} syncs, "
            f"{p['scalar_reads_per_step']} scalar reads per step; GPU busy {p['device_busy_share']}"
        )
    print("targets:")
    for t in s["targets"]:
        print(f"  {'met   ' if t['met'] else 'MISSED'} {t['target']}: {t['result']}")


def main(argv=None) -> int:
    work, out = (argv or sys.argv[1:])[:2]
    summary = summarize(Path(work))
    write_json(summary, Path(out))
    print_summary(summary)
    print(f"written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
