#!/bin/bash
# ingest_pairs.sh: paired, alternating `herald ingest` runs of two binaries, counting only
# "clean rounds", in which no other process used much CPU (see bench/README.md, "Fifth
# pass").
#
#   bench/ingest_pairs.sh BASE_BIN NEW_BIN [ROUNDS] [TEXT_DIR]
#   MAXOTHER=0.4 OUT=/tmp/pairs.csv bench/ingest_pairs.sh /tmp/herald-base ./herald 16
#
# Each run ingests TEXT_DIR (default ../shared/eval/quotes/polnear/train/text) into a new
# store under /usr/bin/time. The CPU the whole machine used during the run, minus the
# run's own, is the "other" CPU; a round counts when every run in it saw at most MAXOTHER
# seconds (default 0.3). It stops after ROUNDS clean rounds (default 10) or 3*ROUNDS
# rounds, and prints medians and paired new/base ratios over the clean rounds.
set -e
base=$1 new=$2 n=${3:-10} dir=${4:-../shared/eval/quotes/polnear/train/text}
[ -n "$base" ] && [ -n "$new" ] || { sed -n 2,13p "$0"; exit 2; }
out=${OUT:-$(mktemp)} maxother=${MAXOTHER:-0.3} db=$(mktemp -d)/ingest.db
: > "$out"
busy() { awk '/^cpu /{print ($2+$3+$4+$7+$8)/100}' /proc/stat; }
clean_rounds=0 i=0
while (( clean_rounds < n && i < 3*n )); do
  i=$((i+1)) lines=() clean=1
  if (( i % 2 )); then order="$base $new"; else order="$new $base"; fi
  for bin in $order; do
    rm -f "$db" "$db-wal" "$db-shm"
    b0=$(busy)
    /usr/bin/time -f "%e %U %S %M %R" -o "$db.time" "$bin" ingest --quiet --store "$db" "$dir" > "$db.out"
    b1=$(busy)
    rate=$(grep -o '([0-9.]* docs/s)' "$db.out" | tr -d '(' | awk '{print $1}')
    read -r e u s m r < <(tail -1 "$db.time")
    other=$(awk -v b1="$b1" -v b0="$b0" -v u="$u" -v s="$s" 'BEGIN{printf "%.2f", b1-b0-u-s}')
    awk -v o="$other" -v m="$maxother" 'BEGIN{exit !(o>m)}' && clean=0
    [ "$bin" = "$base" ] && which=base || which=new
    lines+=("$which,$i,$e,$u,$s,$rate,$m,$r,$other")
  done
  for l in "${lines[@]}"; do echo "$l,$clean" >> "$out"; done
  (( clean )) && clean_rounds=$((clean_rounds+1))
done
echo "$clean_rounds clean rounds of $i (all runs: $out)"
python3 - "$out" <<'PY'
import csv, statistics as st, sys
runs = {}
for w, i, e, u, s, rate, m, r, other, clean in csv.reader(open(sys.argv[1])):
    if clean == "1":
        runs.setdefault(int(i), {})[w] = dict(wall=float(e), cpu=float(u)+float(s), sys=float(s),
            rate=float(rate), rss=int(m)/1024, faults=int(r))
pairs = [p for p in runs.values() if len(p) == 2]
for k in ["wall", "cpu", "sys", "rate", "rss", "faults"]:
    b, n = [p["base"][k] for p in pairs], [p["new"][k] for p in pairs]
    if not pairs:
        break
    ratios = [y / x for x, y in zip(b, n) if x]
    better = sum((q > 1) if k == "rate" else (q < 1) for q in ratios)
    print(f"{k:6s} base {st.median(b):9.3f}  new {st.median(n):9.3f}  paired {st.median(ratios):.3f}"
          f"  (new better in {better} of {len(ratios)})")
PY
