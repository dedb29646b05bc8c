#!/bin/sh
# Interleaved A/B of `oras-ts pull` of N small files (default 500 × 4 KiB) from `oras-ts serve`
# builds serving the same root read-only; the client is always the first build given.
# `sync` before each timed run. Usage: bench/serve-small.sh <runs> <build-dir>... Bounded: <runs> rounds.
set -eu
RUNS=${1:-5}; shift; COUNT=${COUNT:-500}
W=$(mktemp -d /tmp/serve-small.XXXXXX)
PIDS=""
trap 'kill $PIDS 2>/dev/null || true; rm -rf "$W"' EXIT
CLIENT="$1/bin/oras-ts.js"
port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
up() { i=0; until curl -sf -o /dev/null "http://$1/v2/"; do i=$((i+1)); [ $i -lt 200 ] || { echo "no $1" >&2; exit 1; }; sleep 0.05; done; }
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
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
r=0
while [ $r -lt "$RUNS" ]; do
	r=$((r+1)); line="run $r:"
	for h in $HOSTS; do
		rm -rf "$W/out"; sync
		s=$(date +%s%N); node "$CLIENT" pull --no-tty --plain-http "$h/bench/small:v1" -o "$W/out" > /dev/null; e=$(date +%s%N)
		line="$line $(( (e - s) / 1000000 ))ms"
	done
	echo "$line"
done
echo "columns: $*"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
