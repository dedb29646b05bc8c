#!/usr/bin/env bash
# Installs the Debian packages the tests use (only those missing) and the npm dependencies.
# With --bench also what the benchmark's reference rows need: Debian's golang-go (bench/go client).
set -euo pipefail
cd "$(dirname "$0")/.."
# command -> Debian package
declare -A need=(
  [docker-registry]=docker-registry   # CNCF distribution 2.8, the real registry the tests run
  [skopeo]=skopeo                     # interoperability peer
  [umoci]=umoci                       # OCI layout peer
  [htpasswd]=apache2-utils            # bcrypt htpasswd for Basic-auth registry tests
  [openssl]=openssl                   # throw-away CA, certificates, token-issuer keys
  [tinyproxy]=tinyproxy               # forward proxy for proxy tests
  [curl]=curl                         # benchmark floor
  [tmux]=tmux                         # pseudo-terminal for the progress display tests
)
if [ "${1:-}" = "--bench" ]; then
  need[go]=golang-go                  # builds the bench/go reference client
fi
missing=()
for cmd in "${!need[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || [ -x "/usr/sbin/$cmd" ] || [ -x "/usr/bin/$cmd" ] || missing+=("${need[$cmd]}")
done
# GNU time (peak RSS in the benchmark); `command -v time` would only find the shell keyword.
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "missing Debian packages: ${missing[*]} (run as root or: sudo apt-get install -y ${missing[*]})" >&2
    exit 1
  fi
  echo "installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Debian's docker-registry and tinyproxy packages may start system services; the tests run their own instances.
npm ci --no-audit --no-fund
