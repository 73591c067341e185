#!/bin/sh
# Create the virtual environment that holds the peer extractors for bench_extract.py
# and the peer feed parsers for bench_feeds.py.
# They are never dependencies of reader: they live in their own venv, which the bench
# runs in a subprocess. Usage: benchmarks/setup_peers.sh [VENV_DIR]
# (default benchmarks/.peers-venv; bench_extract.py looks there, or at $READER_PEERS_PYTHON).
# bench_pictures.py uses trafilatura from here and Mozilla's Readability from Node:
# benchmarks/setup_peers_node.sh installs that one.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
venv=${1:-"$here/.peers-venv"}
python=${PYTHON:-python3}
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --upgrade pip
"$venv/bin/python" -m pip install \
    "trafilatura>=2.0" \
    "readability-lxml>=0.8" \
    "lxml_html_clean" \
    "newspaper4k>=0.9" \
    "goose3>=3.1" \
    "resiliparse>=0.14" \
    "jusText>=3.0" \
    "feedparser==6.0.14" \
    "fastfeedparser==0.6.5" \
    "feedparser-rs==0.7.1"
echo "peers ready: $venv/bin/python"
