#!/bin/sh
# Interleaved A/B of `oras-ts pull` of N small files (COUNT, default 500 × 4 KiB) from `oras-ts serve`
# builds serving the same root read-only; the client is always the first build given.
# `sync` before each timed run. Usage: bench/serve-small.sh <runs> <build-dir>... Bounded: <runs> rounds.
set -eu
RUNS=${1:-5}; shift; COUNT=${COUNT:-500}
. "$(dirname "$0")/ab-lib.sh"
scratch serve-small
CLIENT="$1/bin/oras-ts.js"
mkdir -p "$W/files"; i=0
while [ $i -lt "$COUNT" ]; do head -c 4096 /dev/urandom > "$W/files/f$i"; i=$((i+1)); done
P=$(port)
node "$CLIENT" serve --root "$W/root" --addr 127.0.0.1:$P --log-level warn > "$W/push.log" 2>&1 & SP=$!
up 127.0.0.1:$P
(cd "$W/files" && node "$CLIENT" push --no-tty --plain-http 127.0.0.1:$P/bench/small:v1 $(ls) > /dev/null)
kill $SP; wait $SP 2>/dev/null || true
HOSTS=""; for b in "$@"; do
	p=$(port); node "$b/bin/oras-ts.js" serve --read-only --root "$W/root" --addr 127.0.0.1:$p --log-level warn > /dev/null 2>&1 & PIDS="$PIDS $!"
	up 127.0.0.1:$p; HOSTS="$HOSTS 127.0.0.1:$p"
done
echo "load before: $(loadavg)"
r=0
while [ $r -lt "$RUNS" ]; do
	r=$((r+1)); line="run $r:"; c=0
	for h in $HOSTS; do
		c=$((c+1)); rm -rf "$W/out"; sync
		s=$(date +%s%N); node "$CLIENT" pull --no-tty --plain-http "$h/bench/small:v1" -o "$W/out" > /dev/null; e=$(date +%s%N)
		ms=$(( (e - s) / 1000000 )); echo "$ms" >> "$W/col$c"; line="$line ${ms}ms"
	done
	echo "$line"
done
echo "load after: $(loadavg)"
c=0; for b in "$@"; do c=$((c+1)); echo "median serve $b: $(median < "$W/col$c") ms"; done
