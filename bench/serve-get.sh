#!/bin/sh
# Interleaved A/B of one blob GET (curl -o /dev/null) from distribution 2.8 and from one or more
# `oras-ts serve` builds serving the same blob, all on 127.0.0.1. `sync` before each timed run.
# Usage: bench/serve-get.sh <size-MiB> <runs> <build-dir>... (a build dir holds bin/ and dist/)
# Bounded: <runs> rounds, each curl capped by --max-time 120.
set -eu
SIZE_MIB=${1:-1024}; RUNS=${2:-5}; shift 2
W=$(mktemp -d /tmp/serve-get.XXXXXX)
trap 'kill $PIDS 2>/dev/null || true; rm -rf "$W"' EXIT
PIDS=""
head -c $((SIZE_MIB * 1024 * 1024)) /dev/urandom > "$W/blob"
DIG=sha256:$(sha256sum "$W/blob" | cut -d' ' -f1)
port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
up() { i=0; until curl -sf -o /dev/null "http://$1/v2/"; do i=$((i+1)); [ $i -lt 200 ] || { echo "no $1" >&2; exit 1; }; sleep 0.05; done; }
push() {
	loc=$(curl -sf -X POST -D - -o /dev/null "http://$1/v2/bench/blobs/uploads/" | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
	case "$loc" in http*) ;; *) loc="http://$1$loc";; esac
	case "$loc" in *\?*) sep='&';; *) sep='?';; esac
	curl -sf -X PUT -H 'Content-Type: application/octet-stream' -T "$W/blob" -o /dev/null "$loc${sep}digest=$DIG"
}
P=$(port); D=$(port)
printf 'version: 0.1\nlog:\n  level: warn\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: %s/dist\nhttp:\n  addr: 127.0.0.1:%s\n  debug:\n    addr: 127.0.0.1:%s\n' "$W" "$P" "$D" > "$W/config.yml"
docker-registry serve "$W/config.yml" > "$W/registry.log" 2>&1 & PIDS="$PIDS $!"
up 127.0.0.1:$P; push 127.0.0.1:$P
NAMES="distribution"; HOSTS="127.0.0.1:$P"
n=0
for b in "$@"; do
	n=$((n+1)); SP=$(port)
	node "$b/bin/oras-ts.js" serve --root "$W/serve$n" --addr 127.0.0.1:$SP --log-level warn > "$W/serve$n.log" 2>&1 & PIDS="$PIDS $!"
	up 127.0.0.1:$SP; push 127.0.0.1:$SP
	NAMES="$NAMES $b"; HOSTS="$HOSTS 127.0.0.1:$SP"
done
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for h in $HOSTS; do curl -sf -o /dev/null --max-time 120 "http://$h/v2/bench/blobs/$DIG"; done  # warm page cache
r=0
while [ $r -lt "$RUNS" ]; do
	r=$((r+1)); line="run $r:"
	for h in $HOSTS; do
		sync
		t=$(curl -sf -o /dev/null --max-time 120 -w '%{time_total}' "http://$h/v2/bench/blobs/$DIG")
		line="$line $t"
	done
	echo "$line"
done
echo "columns: $NAMES"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
