#!/usr/bin/env bash
# The scaling cases of the hostile-input battery, measured side by side in
# one run, with their slopes:
#   - `check` on one sentence (no full stop, a quotation every few words)
#     of 1, 2, 4 and 8 MB: time and peak memory, and the exponent of time
#     in size (1 is linear);
#   - `compare` on folders of 1,000, 5,000 and 20,000 small files (refused
#     past 200 versions: time and memory of the refusal), and on 25, 50,
#     100 and 200 versions (what the alignment does: quadratic in the
#     versions, by design of comparing every version with every other).
#
#   scripts/scaling.sh [WORK_DIR]
#
# Each case is run RUNS times (default 3), sizes interleaved, and the
# fastest run of each kept; memory is the largest peak RSS seen. Needs
# python3 and GNU time (/usr/bin/time, Debian package `time`).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-target/scaling}
runs=${RUNS:-3}
mkdir -p "$work"
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-$PWD/target}/release/copydesk
rules=$PWD/rules

python3 - "$work" <<'PY'
import os, sys
work = sys.argv[1]
piece = "the council \u201chas said\u201d that walkers, \u201calike\u201d, and Wang Yi "
for mb in (1, 2, 4, 8):
    path = os.path.join(work, f"sentence-{mb}mb.txt")
    if not os.path.exists(path):
        n = (mb << 20) // len(piece.encode()) + 1
        with open(path, "w", encoding="utf-8") as f:
            f.write(piece * n + "agreed.\n")
for n in (1000, 5000, 20000, 25, 50, 100, 200):
    d = os.path.join(work, f"files-{n}")
    if not os.path.isdir(d):
        os.makedirs(d)
        for i in range(n):
            with open(os.path.join(d, f"v{i:05}.txt"), "w") as f:
                f.write(f"Foreign Minister Wang Yi said on Monday that {i % 7 + 2} envoys would visit "
                        f"the 3,200km pipeline, which \u201cwill apply the brakes\u201d to delays.\n")
PY

# measure LABEL CMD...: the fastest wall time (s) and the largest peak RSS (KB).
declare -A best mem
measure() {
  local label=$1; shift
  # copydesk exits 1 on findings and 2 on a refusal: both are measured.
  /usr/bin/time -o "$work/time.out" -f "%e %M" "$@" >/dev/null 2>/dev/null || true
  local out
  out=$(tail -1 "$work/time.out")
  local t=${out% *} m=${out#* }
  if [ -z "${best[$label]:-}" ] || awk "BEGIN{exit !($t < ${best[$label]})}"; then best[$label]=$t; fi
  if [ -z "${mem[$label]:-}" ] || [ "$m" -gt "${mem[$label]}" ]; then mem[$label]=$m; fi
}

for _ in $(seq "$runs"); do
  for mb in 1 2 4 8; do
    measure "s$mb" "$bin" check --no-config --format json --rules "$rules" "$work/sentence-${mb}mb.txt"
  done
  for n in 1000 5000 20000 25 50 100 200; do
    measure "c$n" "$bin" compare --no-config --format json "$work/files-$n"
  done
done

slope() { awk "BEGIN{ if ($1 > 0 && $3 > 0) printf \"%.2f\", log($3/$1)/log($4/$2); else print \"n/a\" }"; }

echo "## check on one sentence ($runs runs each, fastest kept)"
echo
echo "| size | time (s) | peak memory (MB) | time ÷ 1 MB time |"
echo "|---|---|---|---|"
for mb in 1 2 4 8; do
  printf "| %s MB | %s | %.1f | %s |\n" "$mb" "${best[s$mb]}" "$(awk "BEGIN{print ${mem[s$mb]}/1024}")" \
    "$(awk "BEGIN{ if (${best[s1]} > 0) printf \"%.2f\", ${best[s$mb]}/${best[s1]}; else print \"n/a\" }")"
done
echo
echo "Exponent of time in size, 1 → 8 MB: $(slope "${best[s1]}" 1 "${best[s8]}" 8) (1 is linear)."
echo
echo "## compare on many files"
echo
echo "| files | time (s) | peak memory (MB) | |"
echo "|---|---|---|---|"
for n in 25 50 100 200 1000 5000 20000; do
  note="compared"; [ "$n" -gt 200 ] && note="refused (over 200 versions)"
  printf "| %s | %s | %.1f | %s |\n" "$n" "${best[c$n]}" "$(awk "BEGIN{print ${mem[c$n]}/1024}")" "$note"
done
echo
echo "Exponent of time in versions, 25 → 200: $(slope "${best[c25]}" 25 "${best[c200]}" 200) (2 is every version with every other)."
