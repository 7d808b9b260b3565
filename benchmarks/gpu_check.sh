#!/usr/bin/env bash
# The GPU measurement in one go, from the repository root of a plain checkout on a CUDA machine
# whose python3 has torch, transformers, accelerate, pandas, scikit-learn and matplotlib (nothing
# is installed: such machines may reach no registry). Steps, each under its own time limit:
#   1. the machine: nvidia-smi, CPU, load average, Python package versions;
#   2. gpu_train_speed.py: our loop and the tuned Trainer, bert-base-sized model, batch 32, 64, 128;
#   3. train_speed.py with the bundled encoder: validation macro-F1 of ours and the tuned Trainer
#      after the same 3 epochs on the whole training split, seeds 42, 1 and 2;
#   4. `resume-bert train` with the bundled encoder, 3 epochs: its validation and test macro-F1;
#   5. gpu_profile.py: launches, host syncs and GPU-busy share per training step at batch 128;
#   6. gpu_check_summary.py: one JSON file and the targets table, printed last.
# The bundled encoder travels as benchmarks/.cache/bundled-fp16 (made here by
# `python benchmarks/bundled_fp16.py pack benchmarks/.cache/bundled-fp16`; the wheel's fp32
# weights are too large to send) and is turned back into an fp32 model folder first.
# Results go to $OUT (at most 8 files): gpu_check.log, gpu_check.json, the three
# gpu_train_speed_vs_trainer_b*.json and the three train_f1_gpu_seed*.json.
#
#   bash benchmarks/gpu_check.sh            # a few minutes on an H100/H200
#   SMOKE=1 bash benchmarks/gpu_check.sh    # or --smoke: seconds on a CPU, tiny model (tests/test_benchmarks.py)
# PYTHON (default python3), OUT (default a new temporary folder) and BUNDLED_FP16 may be set.
set -uo pipefail

[[ "${1:-}" == "--smoke" ]] && SMOKE=1
SMOKE=${SMOKE:-0}
PY=${PYTHON:-python3}
OUT=${OUT:-$(mktemp -d)}
BUNDLED_FP16=${BUNDLED_FP16:-benchmarks/.cache/bundled-fp16}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# The checkout's resume_bert, not installed; no hub look-ups (the hub may be unreachable).
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}" PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false
mkdir -p "$OUT"
exec > >(tee "$OUT/gpu_check.log") 2>&1
TEE_PID=$!

# step NAME SECONDS COMMAND...: run it under a time limit, log its exit status and seconds, carry on
# after a failure so that the steps after it still report. No step runs past DEADLINE seconds from
# the start (default 540), so the summary is written inside a 10-minute call even when steps hang.
DEADLINE=${DEADLINE:-540}
failed=0
step() {
    local name=$1 limit=$2; shift 2
    local left=$((DEADLINE - SECONDS - 15))
    if ((left < 20)); then
        echo "=== $name skipped: the ${DEADLINE} s deadline is near"
        printf '%s\t%s\t%s\n' "$name" 124 0 >>"$WORK/steps.tsv"; failed=1; return
    fi
    ((limit > left)) && limit=$left
    echo "=== $name (limit ${limit} s): $*"
    local start=$SECONDS
    timeout "$limit" "$@"
    local rc=$?
    printf '%s\t%s\t%s\n' "$name" "$rc" "$((SECONDS - start))" >>"$WORK/steps.tsv"
    [[ $rc == 0 ]] || { echo "=== $name failed with exit status $rc"; failed=1; }
}

if [[ $SMOKE == 1 ]]; then
    SPEED=(--smoke --batch-sizes 8) F1_SEEDS="42" PROFILE=(--smoke)
    F1=(--max-train-samples 32 --max-val-samples 32 --num-train-epochs 1)
    TRAIN=(--max-train-samples 32 --num-train-epochs 1)
else
    SPEED=(--batch-sizes 32,64,128) F1_SEEDS="42 1 2" PROFILE=()
    F1=(--max-train-samples 0 --num-train-epochs 3 --per-device-train-batch-size 32)
    TRAIN=(--num-train-epochs 3)
fi

echo "=== machine"
if command -v nvidia-smi >/dev/null; then
    nvidia-smi
    nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader >"$WORK/nvidia_smi.txt"
else
    echo "nvidia-smi not found"
fi
lscpu 2>/dev/null | grep 'Model name'
uptime
"$PY" - <<'EOF'
import platform, torch, transformers, accelerate
print(f"python {platform.python_version()}, torch {torch.__version__}, transformers {transformers.__version__}, "
      f"accelerate {accelerate.__version__}, CUDA {torch.version.cuda}, "
      f"GPU {torch.cuda.get_device_name() if torch.cuda.is_available() else None}")
EOF

MODEL=$WORK/bundled
step unpack_bundled 60 "$PY" benchmarks/bundled_fp16.py unpack "$BUNDLED_FP16" "$MODEL"
step gpu_train_speed 240 "$PY" benchmarks/gpu_train_speed.py "${SPEED[@]}" --output-dir "$WORK"
for seed in $F1_SEEDS; do
    step "train_f1_seed$seed" 90 "$PY" benchmarks/train_speed.py --model-name-or-path "$MODEL" \
        --runs resume_bert,trainer_tuned --repeats 1 --seed "$seed" "${F1[@]}" \
        --output-name "train_f1_gpu_seed$seed" --output-dir "$WORK"
done
step resume_bert_train 120 "$PY" -m resume_bert train --data-path data/resume_chunks.csv --output-dir "$WORK/train" \
    --model-name-or-path "$MODEL" "${TRAIN[@]}"
step gpu_profile 75 "$PY" benchmarks/gpu_profile.py "${PROFILE[@]}" --output "$WORK/gpu_profile.json"

cp "$WORK"/gpu_train_speed_vs_trainer_b*.json "$WORK"/train_f1_gpu_seed*.json "$OUT"/ 2>/dev/null
"$PY" benchmarks/gpu_check_summary.py "$WORK" "$OUT/gpu_check.json" || failed=1
exec >&- 2>&-
wait "$TEE_PID"  # the log is complete before the results are collected
exit $failed
