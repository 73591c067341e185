#!/bin/sh
# Install the Node peers for bench_pictures.py: Mozilla's Readability (the reader mode of
# Firefox) and jsdom to give it a DOM. They live in benchmarks/.peers-node (gitignored),
# never in the project. Usage: benchmarks/setup_peers_node.sh [DIR]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-"$here/.peers-node"}
mkdir -p "$dir"
cd "$dir"
[ -f package.json ] || printf '{"name": "reader-peers", "private": true}\n' > package.json
npm install --no-audit --no-fund --silent "@mozilla/readability@0.6.0" "jsdom@26.1.0"
echo "node peers ready: $dir/node_modules"
