#!/bin/sh
# Interleaved A/B of `oras-ts pull` of one <size-MiB> layer from distribution 2.8 on 127.0.0.1, one
# or more builds, plus the bare Node reference (dist/bench/node-pull.js of the first build) and curl.
# Prints wall ms / CPU ms (user+sys) / peak RSS MiB per run and the medians. `sync` before each run.
# TAIL=1 adds <runs> untimed rounds of each build under strace, printing the ms from its last file
# write to its exit: a figure the load of a shared machine hardly moves (a close() that waited for
# the blob to reach the disk showed there as 300-550 ms against 10-20 ms).
# Usage: [TAIL=1] bench/pull-ab.sh <size-MiB> <runs> <build-dir>... Bounded: <runs> rounds (twice with TAIL=1).
set -eu
SIZE_MIB=${1:-1024}; RUNS=${2:-5}; shift 2
. "$(dirname "$0")/ab-lib.sh"
scratch pull-ab
mkdir -p "$W/in"
head -c $((SIZE_MIB * 1024 * 1024)) /dev/urandom > "$W/in/big.bin"
HEX=$(sha256sum "$W/in/big.bin" | cut -d' ' -f1)
start_distribution > "$W/host"; H=$(cat "$W/host")
(cd "$W/in" && node "$1/bin/oras-ts.js" push --no-tty --plain-http "$H/bench:v1" big.bin > /dev/null)
set -- "$@" "node-pull" "curl"
echo "load before: $(loadavg)"
r=0
while [ $r -lt "$RUNS" ]; do
	r=$((r+1)); line="run $r:"; c=0
	for b in "$@"; do
		c=$((c+1)); rm -rf "$W/out"; mkdir -p "$W/out"; sync
		case "$b" in
			node-pull) cmd="node $1/dist/bench/node-pull.js http://$H/v2/bench/blobs/sha256:$HEX $HEX $W/out/x" ;;
			curl) cmd="curl -sf -o /dev/null http://$H/v2/bench/blobs/sha256:$HEX" ;;
			*) cmd="node $b/bin/oras-ts.js pull --no-tty --plain-http $H/bench:v1 -o $W/out" ;;
		esac
		s=$(date +%s%N); /usr/bin/time -f '%U %S %M' -o "$W/t" sh -c "$cmd" > /dev/null; e=$(date +%s%N)
		ms=$(( (e - s) / 1000000 )); cpu=$(awk '{printf "%d", ($1+$2)*1000}' "$W/t"); rss=$(awk '{printf "%d", $3/1024}' "$W/t")
		echo "$ms" >> "$W/wall$c"; echo "$cpu" >> "$W/cpu$c"; echo "$rss" >> "$W/rss$c"
		line="$line $ms/$cpu/$rss"
	done
	echo "$line"
done
echo "load after: $(loadavg)"
if [ "${TAIL:-0}" = 1 ]; then
	command -v strace > /dev/null || { echo "TAIL=1 needs strace (apt-get install strace)" >&2; exit 1; }
	r=0
	while [ $r -lt "$RUNS" ]; do
		r=$((r+1)); line="tail ms $r:"
		for b in "$@"; do
			case "$b" in node-pull|curl) continue ;; esac
			rm -rf "$W/out"; mkdir -p "$W/out"; sync
			strace -f --seccomp-bpf -ttt -e trace=pwrite64,pwritev,exit_group -o "$W/st" node "$b/bin/oras-ts.js" pull --no-tty --plain-http "$H/bench:v1" -o "$W/out" > /dev/null
			line="$line $(awk '/pwrite/ {l=$2} /exit_group/ {e=$2} END {printf "%d", (e-l)*1000}' "$W/st")"
		done
		echo "$line"
	done
fi
c=0; for b in "$@"; do c=$((c+1)); echo "median $b: wall $(median < "$W/wall$c") ms, cpu $(median < "$W/cpu$c") ms, peak RSS $(sort -n "$W/rss$c" | tail -1) MiB"; done
