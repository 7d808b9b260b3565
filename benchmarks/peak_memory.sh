#!/usr/bin/env bash
# Peak memory of `make tutorial`: runs it under GNU time and prints the maximum resident set size.
#
#   bash benchmarks/peak_memory.sh            # from the repository root; writes benchmarks/results/peak_memory.json
#
# GNU time reports the largest single process among make and everything it waited for
# (here the notebook kernel that trains the model), not the sum of all processes.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/time ]; then
    echo "installing GNU time (/usr/bin/time)..." >&2
    if [ "$(id -u)" = 0 ]; then apt-get install -y -qq time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
    else sudo apt-get install -y -qq time >/dev/null; fi
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
start=$(date +%s)
/usr/bin/time -v -o "$log" make tutorial
seconds=$(( $(date +%s) - start ))
kib=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
mib=$(( kib / 1024 ))
machine="$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(nproc) CPU cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM"
echo "make tutorial: peak memory (max RSS) ${mib} MiB, ${seconds} s wall, on ${machine}"
mkdir -p benchmarks/results
printf '{\n  "machine": "%s",\n  "command": "make tutorial",\n  "max_rss_mib": %d,\n  "wall_seconds": %d\n}\n' \
    "$machine" "$mib" "$seconds" > benchmarks/results/peak_memory.json
