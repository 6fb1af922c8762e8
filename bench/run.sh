#!/usr/bin/env bash
# Times 'herald extract --format jsonl' on a folder of news texts with one core
# (GOMAXPROCS=1) and with all cores, and github.com/jdkato/prose/v2's entity extraction on
# the same texts in the same run, then prints one comparison table. With the CoNLL-2003 dev
# set and the reference scorer present, it also scores both on entities (quality gap).
#
# usage: bench/run.sh [TEXT_DIR]      (from anywhere; default: the PolNeAR training texts)
# env:   REPS=3        herald runs per setting; the fastest wall time is reported
#        PROSE=1       0 skips prose (about 100 CPU seconds on the 840 PolNeAR texts)
#        SCORE=1       0 skips the CoNLL dev scoring
#        OUT=DIR       where binaries and outputs go (default: a temporary folder, removed)
#
# Wall time on a shared machine depends on what else runs, so CPU time (user+sys, from
# /usr/bin/time -v) is reported too; articles per CPU second is the steadier figure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=$(cd "$root/.." && pwd)/shared
texts=${1:-$shared/eval/quotes/polnear/train/text}
REPS=${REPS:-3}
PROSE=${PROSE:-1}
SCORE=${SCORE:-1}
if [[ -n "${OUT:-}" ]]; then
	mkdir -p "$OUT"
	out=$OUT
else
	out=$(mktemp -d)
	trap 'rm -rf "$out"' EXIT
fi
[[ -d "$texts" ]] || { echo "no text folder $texts" >&2; exit 2; }

# GNU time gives the peak resident set size; the Debian package is 'time'.
if [[ ! -x /usr/bin/time ]]; then
	echo "installing GNU time (apt-get install time) for peak RSS" >&2
	apt-get install -y -qq time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
fi

echo "building herald and the prose benchmark..." >&2
(cd "$root" && go build -o "$out/herald" ./cmd/herald)
if [[ $PROSE == 1 ]]; then
	# Its own module: Herald's go.mod does not depend on prose.
	(cd "$root/bench/prose" && GOFLAGS=-mod=mod go build -o "$out/prose-bench" .)
fi
n=$(find "$texts" -name '*.txt' | wc -l)
bytes=$(find "$texts" -name '*.txt' -exec cat {} + | wc -c)
cores=$(nproc)

# measure NAME GOMAXPROCS CMD...: runs CMD under /usr/bin/time -v and prints
# "wall cpu rss_mb" (seconds, seconds, MB).
measure() {
	local procs=$1; shift
	GOMAXPROCS=$procs /usr/bin/time -v -o "$out/time.txt" "$@" >"$out/stdout.jsonl" 2>"$out/stderr.txt" || {
		cat "$out/stderr.txt" >&2; return 1; }
	awk -F': ' '
		/Elapsed \(wall clock\)/ { k = split($2, a, ":"); w = 0; for (i = 1; i <= k; i++) w = w * 60 + a[i] }
		/User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident set size/ { m = $2 }
		END { printf "%.2f %.2f %.0f\n", w, u + s, m / 1024 }' "$out/time.txt"
}

# best NAME GOMAXPROCS CMD...: the fastest of REPS runs, as "wall cpu rss".
best() {
	local procs=$1; shift
	local bw="" line
	for ((r = 0; r < REPS; r++)); do
		line=$(measure "$procs" "$@")
		if [[ -z $bw ]] || awk -v a="${line%% *}" -v b="$bw" 'BEGIN { exit !(a < b) }'; then
			bw=${line%% *}; bl=$line
		fi
	done
	echo "$bl"
}

rows=()
row() { # label wall cpu rss
	rows+=("$(awk -v l="$1" -v w="$2" -v c="$3" -v m="$4" -v n="$n" \
		'BEGIN { printf "| %-34s | %8.1f | %10.1f | %7.2f | %7.2f | %6d |", l, n / w, n / c, w, c, m }')")
}

echo "herald: startup (one tiny file)..." >&2
mkdir -p "$out/tiny" && echo "Anna Berg said on Monday that talks would resume." >"$out/tiny/a.txt"
read -r sw sc sm < <(best 1 "$out/herald" extract --format jsonl "$out/tiny")

echo "herald: $n articles, GOMAXPROCS=1..." >&2
read -r w c m < <(best 1 "$out/herald" extract --format jsonl "$texts")
lines=$(wc -l <"$out/stdout.jsonl")
[[ $lines == "$n" ]] || { echo "herald wrote $lines articles for $n inputs" >&2; exit 1; }
row "herald extract, GOMAXPROCS=1" "$w" "$c" "$m"
w1=$w c1=$c
echo "herald: $n articles, entities path (--no-quotes --no-events), GOMAXPROCS=1..." >&2
read -r w c m < <(best 1 "$out/herald" extract --format jsonl --no-quotes --no-events "$texts")
row "herald entities path, GOMAXPROCS=1" "$w" "$c" "$m"
we=$w ce=$c
echo "herald: $n articles, GOMAXPROCS=$cores..." >&2
read -r w c m < <(best "$cores" "$out/herald" extract --format jsonl "$texts")
row "herald extract, all $cores cores" "$w" "$c" "$m"

if [[ $PROSE == 1 ]]; then
	echo "prose: $n articles, GOMAXPROCS=1 (slow)..." >&2
	read -r w c m < <(measure 1 "$out/prose-bench" "$texts")
	row "prose v2 entities, GOMAXPROCS=1" "$w" "$c" "$m"
	prose_line=$(cat "$out/stderr.txt")
fi

echo
echo "$n articles, $((bytes / n)) bytes each on average, from $texts"
echo "$(date -u +%Y-%m-%d), $cores cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| run                                | art/s    | art/CPU-s  | wall s  | CPU s   | RSS MB |"
echo "|------------------------------------|---------:|-----------:|--------:|--------:|-------:|"
printf '%s\n' "${rows[@]}"
echo
awk -v w="$w1" -v c="$c1" -v we="$we" -v ce="$ce" -v sw="$sw" -v sc="$sc" -v n="$n" 'BEGIN {
	printf "herald startup (model and dictionary load, one tiny file): %.2fs wall, %.2fs CPU\n", sw, sc
	printf "herald GOMAXPROCS=1 without startup: %.0f articles/s wall, %.0f articles per CPU second\n", n / (w - sw), n / (c - sc)
	printf "herald entities path without startup: %.0f articles/s wall, %.0f articles per CPU second\n", n / (we - sw), n / (ce - sc) }'
[[ -n "${prose_line:-}" ]] && echo "$prose_line (its own timing, model load excluded)"

if [[ $SCORE == 1 && -f "$shared/eval/ner/conll2003-dev.txt" && -f "$shared/eval/scorers/score_ner.py" ]] && command -v python3 >/dev/null; then
	echo
	echo "CoNLL-2003 dev, reference scorer (PER/LOC/ORG exact spans):"
	python3 "$shared/eval/scorers/ner_docs.py" "$shared/eval/ner/conll2003-dev.txt" "$out/conll" >/dev/null
	"$out/herald" extract --format jsonl "$out/conll"/*.txt >"$out/herald-conll.jsonl"
	printf 'herald: '
	python3 "$shared/eval/scorers/score_ner.py" "$out/conll/gold.json" "$out/herald-conll.jsonl" 0.88 || true
	if [[ $PROSE == 1 ]]; then
		GOMAXPROCS=1 "$out/prose-bench" -o "$out/prose-conll.jsonl" "$out/conll" 2>/dev/null
		printf 'prose:  '
		python3 "$shared/eval/scorers/score_ner.py" "$out/conll/gold.json" "$out/prose-conll.jsonl" 0.88 || true
	fi
fi
