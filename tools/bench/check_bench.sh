#!/usr/bin/env bash
# The benchmark check of `make test`: the parser's own tests, then `make bench` in a quick mode
# (few samples, both clocks) must run every benchmark and write a valid JSON file. Benchmarks are
# not tests, so no figure is judged: only that each one is there and is whole.
#   tools/bench/check_bench.sh OUTPUT_FOLDER
set -u
cd "$(dirname "$0")/../.."
folder=${1:-${BUILD:-build}/test-results/bench}
mkdir -p "$folder"

python3 -m unittest discover -s tests/bench -v || exit 1
make -s bench BENCH_SAMPLES=11 BENCH_OUTPUT="$folder/bench.json" BENCH_WORK="$folder" || exit 1
python3 tools/bench/check_bench_json.py "$folder/bench.json"
