#!/bin/sh
# Interleaved A/B of one blob GET (curl -o /dev/null) from distribution 2.8 and from one or more
# `oras-ts serve` builds serving the same blob, all on 127.0.0.1. `sync` before each timed run.
# Usage: bench/serve-get.sh <size-MiB> <runs> <build-dir>... (a build dir holds bin/ and dist/)
# Bounded: <runs> rounds, each curl capped by --max-time 120.
set -eu
SIZE_MIB=${1:-1024}; RUNS=${2:-5}; shift 2
. "$(dirname "$0")/ab-lib.sh"
scratch serve-get
head -c $((SIZE_MIB * 1024 * 1024)) /dev/urandom > "$W/blob"
DIG=sha256:$(sha256sum "$W/blob" | cut -d' ' -f1)
start_distribution > "$W/host"; H=$(cat "$W/host"); push_blob "$H" "$W/blob" "$DIG"
NAMES="distribution"; HOSTS="$H"
n=0
for b in "$@"; do
	n=$((n+1)); SP=$(port)
	node "$b/bin/oras-ts.js" serve --root "$W/serve$n" --addr 127.0.0.1:$SP --log-level warn > "$W/serve$n.log" 2>&1 & PIDS="$PIDS $!"
	up 127.0.0.1:$SP; push_blob 127.0.0.1:$SP "$W/blob" "$DIG"
	NAMES="$NAMES $b"; HOSTS="$HOSTS 127.0.0.1:$SP"
done
echo "load before: $(loadavg)"
for h in $HOSTS; do curl -sf -o /dev/null --max-time 120 "http://$h/v2/bench/blobs/$DIG"; done  # warm the page cache
r=0
while [ $r -lt "$RUNS" ]; do
	r=$((r+1)); line="run $r:"; c=0
	for h in $HOSTS; do
		c=$((c+1)); sync
		t=$(curl -sf -o /dev/null --max-time 120 -w '%{time_total}' "http://$h/v2/bench/blobs/$DIG")
		echo "$t" >> "$W/col$c"; line="$line $t"
	done
	echo "$line"
done
echo "load after: $(loadavg)"
c=0; for name in $NAMES; do c=$((c+1)); echo "median $name: $(median < "$W/col$c") s"; done
