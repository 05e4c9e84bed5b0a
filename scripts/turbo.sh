#!/usr/bin/env bash
# turbo with the running Node's version in every task's hash (turbo.json's globalEnv). Turbo
# hashes no runtime, so a build, lint or typecheck cached under one Node would otherwise be
# replayed under another, and a run on Node 24 would test Node 20's build.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
AUTHDECK_NODE_VERSION=$(node -v)
export AUTHDECK_NODE_VERSION
exec "$ROOT/node_modules/.bin/turbo" "$@"
