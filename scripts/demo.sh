#!/usr/bin/env bash
# A real push + pull round trip through a local OCI image layout; no registry needed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cli="node $root/bin/oras-ts.js"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
echo "hello world" > hi.txt
mkdir -p docs && echo "# notes" > docs/readme.md
$cli push --oci-layout ./layout:v1 hi.txt docs
$cli pull --oci-layout ./layout:v1 -o out
cmp hi.txt out/hi.txt
cmp docs/readme.md out/docs/readme.md
echo "round trip OK: pushed and pulled hi.txt and docs/ through $work/layout"
