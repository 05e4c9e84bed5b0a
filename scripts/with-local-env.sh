#!/usr/bin/env bash
# Runs a command with .env.local loaded (the environment wins), as npm start would run it.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
load_local_env
exec "$@"
