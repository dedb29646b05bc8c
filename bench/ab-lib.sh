# Shared helpers of the interleaved A/B shell benchmarks (bench/*-ab.sh, serve-*.sh). Sourced, not run.
# `scratch <name>` sets $W (a scratch directory) and $PIDS (every process started, killed on exit).

scratch() {
	W=$(mktemp -d "/tmp/$1.XXXXXX")
	PIDS=""
	trap 'kill $PIDS 2>/dev/null || true; rm -rf "$W"' EXIT
}

# A free TCP port on 127.0.0.1.
port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# Waits (bounded: 200 × 50 ms) until http://$1/v2/ answers.
up() { i=0; until curl -sf -o /dev/null "http://$1/v2/"; do i=$((i+1)); [ $i -lt 200 ] || { echo "no registry at $1" >&2; exit 1; }; sleep 0.05; done; }

# Pushes the file $2 as a blob of repository bench on registry $1 (POST, then one PUT), digest $3.
push_blob() {
	loc=$(curl -sf -X POST -D - -o /dev/null "http://$1/v2/bench/blobs/uploads/" | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
	case "$loc" in http*) ;; *) loc="http://$1$loc";; esac
	case "$loc" in *\?*) sep='&';; *) sep='?';; esac
	curl -sf -X PUT -H 'Content-Type: application/octet-stream' -T "$2" -o /dev/null "$loc${sep}digest=$3"
}

# Starts distribution 2.8 (Debian's docker-registry) on a free port with storage under $W; prints host:port.
start_distribution() {
	p=$(port); d=$(port)
	printf 'version: 0.1\nlog:\n  level: warn\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: %s/distribution\nhttp:\n  addr: 127.0.0.1:%s\n  debug:\n    addr: 127.0.0.1:%s\n' "$W" "$p" "$d" > "$W/config.yml"
	docker-registry serve "$W/config.yml" > "$W/registry.log" 2>&1 &
	PIDS="$PIDS $!"
	up "127.0.0.1:$p"
	echo "127.0.0.1:$p"
}

# Median of the numbers on stdin.
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
