#!/usr/bin/env bash
# The HTML compliance page of the bundled candidates, side by side:
#   the clean-room Python checker (level rules), the Rego policy (j43-rego, level rules),
#   the JSON Schema (j43-jsonschema, level verdict) and the buggy Python checker (level verdict).
#
#   examples/candidates/report.sh [SITE]      # writes SITE/index.html (default j43-out/site)
#
# Every candidate runs the same part of the default suite: shard J43_SHARD (default 1/4, about
# 3,500 cases, every rule exercised), because the Rego policy checks 20 to 50 designs a second
# and the whole suite (13,974 cases) takes it 5 to 10 minutes. J43_SHARD=1/1 runs everything.
# Each run writes its own folder under j43-out/bundled/<candidate>/; nothing is overwritten.
set -euo pipefail
cd "$(dirname "$0")/../.."
site="${1:-j43-out/site}"
shard="${J43_SHARD:-1/4}"
out=j43-out/bundled

cargo build --release --locked -q -p j43-conformance -p j43-candidates --bins
j43=target/release/j43

# conform NAME ARGS... -- CMD...: exit 1 (does not conform) is a result, not a failure.
conform() {
    local name="$1"
    shift
    echo "== $name" >&2
    local status=0
    "$j43" conform --shard "$shard" --progress never --out "$out/$name" "$@" | tail -n 1 || status=$?
    if [ "$status" -gt 1 ]; then
        echo "j43 conform of $name failed with exit status $status" >&2
        exit "$status"
    fi
}

conform python -- python3 examples/candidates/python/j43_check.py
conform rego -- target/release/j43-rego
conform jsonschema --level verdict -- target/release/j43-jsonschema
conform buggy --level verdict -- python3 examples/candidates/buggy/buggy_check.py

"$j43" report \
    "$out/python/latest/report.json" \
    "$out/rego/latest/report.json" \
    "$out/jsonschema/latest/report.json" \
    "$out/buggy/latest/report.json" \
    --html "$site"
