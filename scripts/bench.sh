#!/usr/bin/env bash
# Side-by-side speed and memory of copydesk and ripgrep on a generated corpus.
#
#   scripts/bench.sh [WORK_DIR]
#
# Uses the shared benchmark generator (../shared/bench/gen_corpus.py, seed
# 20240601) when it is there, else the project's own generator
# (examples/gen_corpus.rs). Needs python3, and rg for the comparison
# (apt-get install ripgrep); copydesk alone is measured without it.
# RUNS rounds (default 7) after one warm-up round; each figure is a median.
# Prints a Markdown table; BENCHMARKS.md records a run.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-target/bench-corpus}
articles=${ARTICLES:-10000}
mkdir -p "$work"
cargo build --release --quiet
cd_bin=${CARGO_TARGET_DIR:-$PWD/target}/release/copydesk
shared=../shared/bench/gen_corpus.py

if [ -f "$shared" ]; then
  source_name="shared/bench/gen_corpus.py (seed 20240601)"
  if [ ! -d "$work/corpus/a$articles" ]; then
    python3 "$shared" --seed 20240601 --articles 0 --rules-dir "$work/rules" --k 100,1000,10000 >/dev/null
    python3 "$shared" --seed 20240601 --articles "$articles" --corpus-dir "$work/corpus/a$articles" >/dev/null
  fi
  articles_dir=$work/corpus/a$articles/articles
  truth=$work/corpus/a$articles/truth.jsonl
  for k in 100 1000 10000; do
    python3 scripts/json_rules_to_toml.py "$work/rules/k$k/rules.json" > "$work/rules/k$k/rules.toml"
  done
else
  source_name="examples/gen_corpus.rs (seed 20240601)"
  [ -d "$work/articles" ] || cargo run --release --quiet --example gen_corpus -- "$work" "$articles"
  articles_dir=$work/articles
  truth=$work/truth.jsonl
fi
bytes=$(cat "$articles_dir"/*.txt | wc -c)
echo "corpus: $articles articles, $bytes bytes, from $source_name"
echo

peak_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }

# Median wall time of each command, the commands run in turn, round after
# round (one warm-up round first): a machine whose speed drifts during the
# run (a shared VM) slows every command alike instead of the one that
# happened to run then. Prints one median (seconds) per line.
interleaved_medians() {
  python3 - "${RUNS:-7}" "$@" <<'PY'
import statistics, subprocess, sys, time
runs, commands = int(sys.argv[1]), sys.argv[2:]
times = [[] for _ in commands]
for round_ in range(runs + 1):
    for i, c in enumerate(commands):
        t = time.perf_counter()
        subprocess.run(c, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if round_ > 0:
            times[i].append(time.perf_counter() - t)
for ts in times:
    print("%.3f" % statistics.median(ts))
PY
}

# Every command of every K in each round, so that drift affects the three
# canons alike too (the growth from K = 100 to K = 10,000 compares them).
cmds=()
for k in 100 1000 10000; do
  rules=$work/rules/k$k/rules.toml
  pats=$work/rules/k$k/patterns.txt
  if command -v rg >/dev/null; then
    cmds+=("rg -F -f $pats --json $articles_dir")
  else
    cmds+=("true")
  fi
  cmds+=("$cd_bin check --select entity,term --format json --fail-on never --rules $rules $articles_dir")
  cmds+=("$cd_bin check --format json --fail-on never --rules $rules $articles_dir")
done
mapfile -t t < <(interleaved_medians "${cmds[@]}")

echo "| K | rg -F --json | copydesk entity/term | ratio | copydesk all engines | ratio | copydesk peak RSS (entity/term / all) |"
echo "|---|---|---|---|---|---|---|"
i=0
for k in 100 1000 10000; do
  t_rg=${t[$i]}; t_et=${t[$((i + 1))]}; t_all=${t[$((i + 2))]}
  m_et=$(peak_kb bash -c "${cmds[$((i + 1))]}")
  m_all=$(peak_kb bash -c "${cmds[$((i + 2))]}")
  if command -v rg >/dev/null; then
    r_et=$(python3 -c "print('%.2f×' % ($t_et / $t_rg))")
    r_all=$(python3 -c "print('%.2f×' % ($t_all / $t_rg))")
  else
    t_rg="n/a"; r_et="n/a"; r_all="n/a"
  fi
  echo "| $k | ${t_rg} s | ${t_et} s | $r_et | ${t_all} s | $r_all | $((m_et / 1024)) MB / $((m_all / 1024)) MB |"
  i=$((i + 3))
done
python3 -c "print('growth K=100 → 10,000: copydesk entity/term %.2f×, every engine %.2f×, rg %.2f×' % ($t_et / ${t[1]}, $t_all / ${t[2]}, ${t[6]} / ${t[0]}))" 2>/dev/null || true
echo

# Recall against the generator's ground truth, K = 10,000 (every rule of the universe).
$cd_bin check --select entity-variant --format json --fail-on never \
  --rules "$work/rules/k10000/rules.toml" "$articles_dir" > /tmp/copydesk-recall.json
python3 - "$truth" /tmp/copydesk-recall.json <<'PY'
import json, sys
truth = [json.loads(l) for l in open(sys.argv[1])]
found = {(f["path"].rsplit("/", 1)[-1], f["start"]) for f in json.load(open(sys.argv[2]))["findings"]}
want = {(t["file"], t["byte_offset"]) for t in truth}
print(f"recall at K=10000: {len(want & found)}/{len(want)} injected variants found; "
      f"{len(found - want)} variant findings outside the truth")
PY

# Near-miss warnings on names the canon does not list (the corpus names
# people one or two letters from a canonical name): how many, and a sample
# to check by eye.
for k in 100 1000 10000; do
  $cd_bin check --select entity-near-miss --format json --fail-on never \
    --rules "$work/rules/k$k/rules.toml" "$articles_dir" > /tmp/copydesk-near.json
  python3 - "$k" /tmp/copydesk-near.json <<'PY'
import json, sys
fs = json.load(open(sys.argv[2]))["findings"]
pairs = sorted({(f["found"], f["expected"]) for f in fs})
print(f"near-miss at K={sys.argv[1]}: {len(fs)} findings, {len(pairs)} distinct names; sample: "
      + ", ".join(f"{a} → {b}" for a, b in pairs[:5]))
PY
done

# Readers: the same corpus rendered as published HTML pages (page furniture
# around an <article>, each paragraph a <p>, character references for
# no-break spaces and apostrophes) and as Markdown (paragraphs, emphasis on
# the first name of each paragraph, a link), every engine at K = 1,000.
# The throughput ratio is plain text's time over the format's, per byte of
# article text (the same text in each format).
render_dir=$work/rendered
if [ ! -d "$render_dir/html" ]; then
  mkdir -p "$render_dir/html" "$render_dir/md"
  python3 - "$articles_dir" "$render_dir" <<'PY'
import html, os, re, sys
src, out = sys.argv[1], sys.argv[2]
for name in sorted(os.listdir(src)):
    if not name.endswith(".txt"):
        continue
    text = open(os.path.join(src, name), encoding="utf-8").read()
    paras = [p for p in text.split("\n") if p.strip()]
    head, body = (paras[0], paras[1:]) if paras else ("", [])
    def ref(s):
        return html.escape(s, quote=False).replace("\u00a0", "&nbsp;").replace("\u2019", "&rsquo;")
    page = ["<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>x</title>",
            "<meta property=\"article:published_time\" content=\"2017-11-20T09:05:00Z\"></head><body>",
            "<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article>",
            "<h1>%s</h1>" % ref(head)]
    page += ["<p>%s</p>" % ref(p) for p in body]
    page += ["</article><aside><ul><li><a href=\"/r\">Related story</a></li></ul></aside>",
             "<footer>Disclaimer</footer></body></html>"]
    open(os.path.join(out, "html", name[:-4] + ".html"), "w", encoding="utf-8").write("\n".join(page))
    md = ["# " + head, ""]
    for p in body:
        md += [re.sub(r"\b([A-Z][a-z]+)\b", r"**\1**", p, count=1), ""]
    md += ["[Related story](https://example.com/r)"]
    open(os.path.join(out, "md", name[:-4] + ".md"), "w", encoding="utf-8").write("\n".join(md))
PY
fi
rules=$work/rules/k1000/rules.toml
mapfile -t r < <(interleaved_medians \
  "$cd_bin check --format json --fail-on never --rules $rules $articles_dir" \
  "$cd_bin check --format json --fail-on never --rules $rules $render_dir/html" \
  "$cd_bin check --format json --fail-on never --rules $rules $render_dir/md")
echo "| K = 1,000, every engine | plain text | HTML pages | Markdown |"
echo "|---|---|---|---|"
echo "| time | ${r[0]} s | ${r[1]} s | ${r[2]} s |"
python3 -c "print('| throughput vs plain text | 1.00× | %.2f× | %.2f× |' % (${r[0]} / ${r[1]}, ${r[0]} / ${r[2]}))"
