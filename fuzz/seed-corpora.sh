#!/usr/bin/env bash
# Seed fuzz/corpus/<target>/ from the fixtures (the corpora are not
# committed: fuzz/.gitignore leaves out corpus/ and artifacts/).
# Run from anywhere: fuzz/seed-corpora.sh
set -euo pipefail
cd "$(dirname "$0")"
root=..
c=corpus
mkdir -p $c/rules_loader $c/read_prepare $c/docx_read $c/check_render \
    $c/compare_render $c/numbers $c/dates

# Rule files, as they are.
find $root/rules $root/fixtures -name '*.toml' | while read -r f; do
    cp "$f" "$c/rules_loader/$(echo "$f" | tr '/.' '__')"
done

# Articles: the first byte picks the reader (common.rs `name_for`:
# 0 .txt, 1 .md, 2 .html, 3 .json).
seed_article() { # dir selector file
    { printf "\\x$(printf %02x "$2")"; cat "$3"; } > "$1/$(echo "$3" | tr '/.' '__')"
}
find $root/fixtures -type f | while read -r f; do
    case "$f" in
        *.txt) sel=0 ;; *.md) sel=1 ;; *.html) sel=2 ;; *.json) sel=3 ;; *) continue ;;
    esac
    seed_article $c/read_prepare $sel "$f"
    seed_article $c/check_render $sel "$f"
    case "$f" in *.txt)
        cp "$f" "$c/numbers/$(echo "$f" | tr '/.' '__')"
        cp "$f" "$c/dates/$(echo "$f" | tr '/.' '__')" ;;
    esac
done

# Versions of one piece, joined by NUL bytes (compare_render splits on NUL).
for d in $root/fixtures/compare/*/ $root/fixtures/china-russia-2017/; do
    out="$c/compare_render/$(basename "$d")"
    : > "$out"
    first=1
    for f in "$d"*.txt; do
        [ $first = 1 ] || printf '\0' >> "$out"
        first=0
        cat "$f" >> "$out"
    done
done

# Word drafts: each fixture folder zipped into a .docx.
for d in $root/fixtures/docx/*/; do
    name=$(basename "$d")
    (cd "$d" && rm -f "/tmp/copydesk-seed-$name.docx" && zip -qr -X "/tmp/copydesk-seed-$name.docx" .)
    mv "/tmp/copydesk-seed-$name.docx" "$c/docx_read/$name.docx"
done
echo "seeded: $(for t in $c/*/; do printf '%s %s  ' "$(basename "$t")" "$(ls "$t" | wc -l)"; done)"
