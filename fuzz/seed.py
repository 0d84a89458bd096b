#!/usr/bin/env python3
"""Copies the documents of conformance/corpus/ as raw files into fuzz/corpus/<target>/.

Usage: python3 fuzz/seed.py [TARGET ...]   (default: every target that takes a document)

Each corpus case gives one seed file named after its id: `document` is printed back as compact
JSON (numbers kept as written), `document_text` is written as UTF-8, `document_base64` is
decoded. `document_generated` cases (such as the 64 MiB one) are skipped: too big for seeds.
The seeds are derived data, so fuzz/corpus/ is gitignored; rerun this after the corpus changes.
"""
import base64
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOCUMENT_TARGETS = [
    "reference_total",
    "diff_rego",
    "diff_schema",
    "diff_mutant",
    "external_differential",
]


class Number(str):
    """A JSON number kept as its source text, so that `1e400` stays `1e400`."""


def dump(value):
    if isinstance(value, Number):
        return str(value)
    if isinstance(value, dict):
        return "{" + ",".join(dump(k) + ":" + dump(v) for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(dump(v) for v in value) + "]"
    if isinstance(value, str):
        if any(0xD800 <= ord(c) <= 0xDFFF for c in value):
            return json.dumps(value)  # a lone surrogate stays escaped, as it was written
        return json.dumps(value, ensure_ascii=False)
    return json.dumps(value)


def document_bytes(case):
    if "document_base64" in case:
        return base64.b64decode(case["document_base64"])
    if "document_text" in case:
        return case["document_text"].encode("utf-8", "surrogatepass")
    if "document" in case:
        return dump(case["document"]).encode("utf-8")
    return None


def main():
    targets = sys.argv[1:] or DOCUMENT_TARGETS
    cases = sorted((ROOT / "conformance" / "corpus").rglob("*.json"))
    seeds = {}
    for path in cases:
        case = json.loads(path.read_text("utf-8"), parse_int=Number, parse_float=Number)
        data = document_bytes(case)
        if data is not None:
            seeds[str(case.get("id", path.stem))] = data
    for target in targets:
        out = ROOT / "fuzz" / "corpus" / target
        out.mkdir(parents=True, exist_ok=True)
        for name, data in seeds.items():
            (out / name).write_bytes(data)
    print(f"{len(seeds)} seeds from {len(cases)} corpus files into {len(targets)} target(s)")


if __name__ == "__main__":
    main()
