#!/usr/bin/env bash
# turbo with the running Node's version in the build's hash (turbo.json's "env" of build). Turbo
# hashes no runtime, so a build made under one Node would otherwise be replayed under another,
# and a run on Node 24 would test Node 20's build. Lint and typecheck read only the sources and
# the lockfile, whatever Node runs them, so a second runtime replays their cached results.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
AUTHDECK_NODE_VERSION=$(node -v)
export AUTHDECK_NODE_VERSION
exec "$ROOT/node_modules/.bin/turbo" "$@"
