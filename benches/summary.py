#!/usr/bin/env python3
"""Prints the figures of BENCHMARKS.md from criterion's JSON under target/criterion/.

Usage: python3 benches/summary.py [TARGET_DIR]   (default: target)

For each benchmark: median time per iteration and throughput. Then the derived ratios of
BENCHMARKS.md, each computed from the medians of one run.
"""
import json
import pathlib
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target") / "criterion"
results = {}
for bench in sorted(root.rglob("new/benchmark.json")):
    meta = json.loads(bench.read_text())
    est = json.loads((bench.parent / "estimates.json").read_text())
    ns = est["median"]["point_estimate"]
    tp = meta.get("throughput") or {}
    results[meta["full_id"]] = (ns, tp)


def fmt_time(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def fmt_tp(ns, tp):
    if "Bytes" in tp:
        return f"{tp['Bytes'] / ns * 1e9 / 2**20:.1f} MiB/s"
    if "Elements" in tp:
        per = ns / tp["Elements"]
        return f"{tp['Elements'] / ns * 1e9:,.0f} elem/s ({per:,.1f} ns/elem)"
    return ""


print("| benchmark | median | throughput |\n| --- | --- | --- |")
for name, (ns, tp) in results.items():
    print(f"| `{name}` | {fmt_time(ns)} | {fmt_tp(ns, tp)} |")


def get(name):
    return results.get(name, (None, {}))[0]


print("\nDerived ratios (medians of this run):")
cases = sorted({n.split("/")[2] for n in results if n.startswith("parse/parse/")})
for case in cases:
    p, c, s = get(f"parse/parse/{case}"), get(f"parse/check/{case}"), get(f"parse/serde_json/{case}")
    # What `check` parses into: the tape when it is measured (model after 34de1e1), else Value.
    t = get(f"parse/tape/{case}") or p
    if t and c:
        print(f"- {case}: check-only/parse = {(c - t) / t:.2f}; check/parse = {c / t:.2f}"
              + (f"; parse/serde_json = {t / s:.2f}" if s else "")
              + (f"; Value parse/tape = {p / t:.2f}" if p and t != p else ""))
curve = [(tp["Elements"], ns / tp["Elements"]) for n, (ns, tp) in results.items()
         if n.startswith("check_size/") and "Elements" in tp]
if curve:
    curve.sort()
    lo = min(c for _, c in curve)
    print("- ns per component: " + ", ".join(f"{n}: {c:.0f}" for n, c in curve)
          + f"; max/min = {max(c for _, c in curve) / lo:.2f}")
for case in sorted({n.split("/")[2] for n in results if n.startswith("candidates/")}):
    ref = get(f"candidates/reference/{case}")
    for other in ("rego", "schema"):
        o = get(f"candidates/{other}/{case}")
        if ref and o:
            print(f"- {case}: {other}/reference = {o / ref:.3g}x")
for name, (ns, tp) in results.items():
    if name.startswith("harness/") and "Elements" in tp:
        print(f"- {name}: {tp['Elements'] / ns * 1e9:,.0f} cases/s")
