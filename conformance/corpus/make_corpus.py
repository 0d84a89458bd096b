#!/usr/bin/env python3
"""Writes the j43 language-neutral corpus (conformance/corpus/) from docs/SPEC.md, by hand.

Every case is the SPEC S6.0 base design (or a literal text) plus one mutation taken from the
SPEC (S2, S3, S4, S5 tables and the S6 minimal examples and near-misses), and every expected
verdict and rule set is written here as the SPEC states it. Nothing here runs a checker.

Usage: python3 conformance/corpus/make_corpus.py   (from anywhere; Python 3 standard library)

The output is deterministic: the same script always writes the same files. Files this script
did not write are removed from the case folders, so that the corpus is exactly its output.
"""

import base64
import copy
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ENVS = ["local", "staging", "production"]
MAX_SIZE = 67_108_864  # SPEC S2.1

# ---------------------------------------------------------------------------------------------
# The base design (SPEC S6.0) and helpers to reach into it.
# ---------------------------------------------------------------------------------------------


def base_env(e):
    return {
        "networks": [{"id": f"net-{e}", "segments": [
            {"id": f"seg-{e}-ingress", "kind": "ingress"},
            {"id": f"seg-{e}-runtime", "kind": "runtime"},
            {"id": f"seg-{e}-persistence", "kind": "persistence"}]}],
        "ingresses": [{"id": f"ing-{e}", "segment": f"seg-{e}-ingress",
                       "tls_termination": "infrastructure", "targets": [f"svc-{e}-api"]}],
        "services": [{"id": f"svc-{e}-api", "name": "api", "segment": f"seg-{e}-runtime",
                      "process": "long-lived", "state": "stateless"}],
        "databases": [{"id": f"db-{e}-main", "name": "main", "engine": "postgresql",
                       "managed": True, "segment": f"seg-{e}-persistence"}],
        "adapters": [{"id": f"ad-{e}-api-main", "service": f"svc-{e}-api",
                      "database": f"db-{e}-main", "access": "read-write"}],
        "configuration": {"id": f"cfg-{e}", "placement": "dedicated"},
        "secrets": {"id": f"sec-{e}", "placement": "dedicated"},
    }


def B():
    """A fresh copy of the SPEC S6.0 base design."""
    return {"format": "j43/1", "environments": {e: base_env(e) for e in ENVS}}


def env(d, e="local"):
    return d["environments"][e]


def comp(d, key, e="local", i=0):
    return env(d, e)[key][i]


def net(d, e="local", i=0):
    return comp(d, "networks", e, i)


def seg(d, e="local", i=0):
    return net(d, e)["segments"][i]


def ing(d, e="local", i=0):
    return comp(d, "ingresses", e, i)


def svc(d, e="local", i=0):
    return comp(d, "services", e, i)


def db(d, e="local", i=0):
    return comp(d, "databases", e, i)


def ad(d, e="local", i=0):
    return comp(d, "adapters", e, i)


def add_service(d, e, name, sid=None):
    s = {"id": sid or f"svc-{e}-{name}", "name": name, "segment": f"seg-{e}-runtime",
         "process": "long-lived", "state": "stateless"}
    env(d, e)["services"].append(s)
    return s


def add_database(d, e, name, did=None):
    x = {"id": did or f"db-{e}-{name}", "name": name, "engine": "postgresql", "managed": True,
         "segment": f"seg-{e}-persistence"}
    env(d, e)["databases"].append(x)
    return x


def add_adapter(d, e, service, database, access, aid=None):
    a = {"id": aid or f"ad-{e}-{service}-{database}-{access}", "service": f"svc-{e}-{service}",
         "database": f"db-{e}-{database}", "access": access}
    env(d, e)["adapters"].append(a)
    return a


def with_desc(text):
    d = B()
    d["description"] = text
    return d


def with_diagram(content, title="Overview"):
    d = B()
    d["diagrams"] = [{"title": title, "content": content}]
    return d


def compact(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


PLACEHOLDER = "@@PLACEHOLDER@@"


def base_text_with_raw_description(raw_literal):
    """The compact base design with a top-level description whose JSON literal is `raw_literal`
    (a str written verbatim between the quotes: escapes stay escapes)."""
    return compact(with_desc(PLACEHOLDER)).replace(PLACEHOLDER, raw_literal)


def base_bytes_with_raw_description(raw_bytes):
    text = compact(with_desc(PLACEHOLDER)).encode("utf-8")
    return text.replace(PLACEHOLDER.encode("ascii"), raw_bytes)


def nest(n, inner=""):
    return "[" * n + inner + "]" * n


# ---------------------------------------------------------------------------------------------
# Case collection.
# ---------------------------------------------------------------------------------------------

CASES = []
NODOC = object()


def add(cid, description, spec, rules=(), rule=None, kind=None, doc=NODOC, text=None, b64=None,
        gen=None, folder=None):
    rules = sorted(set(rules))
    if kind is None:
        if not rules:
            kind = "near-miss" if rule else "authorized"
        elif len(rules) == 1:
            kind = "violation"
        else:
            kind = "multi"
    if kind == "violation" and rule is None:
        rule = rules[0]
    sources = sum(x is not None for x in (text, b64, gen)) + (doc is not NODOC)
    assert sources == 1, cid
    if kind == "violation":
        assert rules == [rule], cid
    if kind in ("near-miss", "authorized"):
        assert not rules, cid
    if kind == "near-miss":
        assert rule, cid
    if kind == "multi":
        assert len(rules) >= 2, cid
    case = {"id": cid, "description": description}
    if rule:
        case["rule"] = rule
    case["kind"] = kind
    case["spec"] = spec
    if doc is not NODOC:
        case["document"] = doc
    elif text is not None:
        case["document_text"] = text
    elif b64 is not None:
        case["document_base64"] = base64.b64encode(b64).decode("ascii")
    else:
        case["document_generated"] = gen
    case["expected"] = {"verdict": "rejected" if rules else "authorized", "rules": rules}
    if folder is None:
        folder = (rule or "multi").split("-")[0].lower() if kind != "multi" else "multi"
    CASES.append((folder, case))


# ---------------------------------------------------------------------------------------------
# S2 / DOC-001..DOC-004: parsing.
# ---------------------------------------------------------------------------------------------

BASE_TEXT = compact(B())


def parse_cases():
    S = "S2, S6.1 DOC-001"
    add("doc-001-trailing-comma", "the SPEC's DOC-001 example: a comma before the closing brace",
        S, ["DOC-001"], text='{"format": "j43/1",}')
    add("doc-001-empty-input", "empty input is DOC-001 (met at end of input)", "S2.3, S2 table",
        ["DOC-001"], text="")
    add("doc-001-whitespace-only", "whitespace and no value", "S2.3", ["DOC-001"], text=" \n\t\r\n")
    add("doc-001-trailing-data", "the base design followed by `x` (trailing data)", "S2.3",
        ["DOC-001"], text=BASE_TEXT + "x")
    add("doc-001-two-values", "two JSON texts in a row: the second is trailing data", "S2.3",
        ["DOC-001"], text=BASE_TEXT + " {}")
    add("doc-001-byte-order-mark", "a UTF-8 byte order mark before the base design", "S2.2",
        ["DOC-001"], text="\ufeff" + BASE_TEXT)
    add("doc-001-form-feed-after-value", "a form feed is not JSON whitespace", "S2.3",
        ["DOC-001"], text=BASE_TEXT + "\f")
    add("doc-001-nbsp-before-value", "U+00A0 is not JSON whitespace", "S2.3", ["DOC-001"],
        text="\u00a0" + BASE_TEXT)
    add("doc-001-unclosed-object", "the base design without its final `}`", "S2.3", ["DOC-001"],
        text=BASE_TEXT[:-1])
    add("doc-001-single-quotes", "single-quoted strings are not JSON", "S2.3", ["DOC-001"],
        text="{'format': 'j43/1'}")
    add("doc-001-capitalized-literal", "`True` is not a literal (literals are lowercase)", "S2.3",
        ["DOC-001"], text=BASE_TEXT.replace('"managed":true', '"managed":True', 1))
    add("doc-001-leading-zero", "the number `01` (leading zero) as an unknown member's value",
        "S2.3 numbers", ["DOC-001"], text=BASE_TEXT[:-1] + ',"x":01}')
    add("doc-001-number-trailing-dot", "the number `1.`", "S2.3 numbers", ["DOC-001"],
        text=BASE_TEXT[:-1] + ',"x":1.}')
    add("doc-001-number-plus-sign", "the number `+1`", "S2.3 numbers", ["DOC-001"],
        text=BASE_TEXT[:-1] + ',"x":+1}')
    add("doc-001-nan", "`NaN` is not a JSON value", "S2.3 numbers", ["DOC-001"],
        text=BASE_TEXT[:-1] + ',"x":NaN}')
    add("doc-001-unescaped-tab-in-string", "a raw U+0009 inside a string must be escaped",
        "S2.3 strings", ["DOC-001"], text=base_text_with_raw_description("a\tb"))
    add("doc-001-unescaped-newline-in-string", "a raw U+000A inside a string", "S2.3 strings",
        ["DOC-001"], text=base_text_with_raw_description("a\nb"))
    add("doc-001-invalid-escape", "`\\q` is not an escape", "S2.3 strings", ["DOC-001"],
        text=base_text_with_raw_description("a\\qb"))
    add("doc-001-short-unicode-escape", "`\\u12` has too few hex digits", "S2.3 strings",
        ["DOC-001"], text=base_text_with_raw_description("\\u12"))
    add("doc-001-unpaired-high-surrogate", "a high surrogate escape alone", "S2.3 strings",
        ["DOC-001"], text=base_text_with_raw_description("\\ud800"))
    add("doc-001-unpaired-low-surrogate", "a low surrogate escape alone", "S2.3 strings",
        ["DOC-001"], text=base_text_with_raw_description("\\udc00"))
    add("doc-001-high-surrogate-then-letter-escape",
        "a high surrogate escape followed by `\\u0041`, not a low surrogate", "S2.3 strings",
        ["DOC-001"], text=base_text_with_raw_description("\\ud800\\u0041"))
    add("doc-001-high-surrogate-then-raw-low",
        "a high surrogate escape followed by a literal character, not an escape", "S2.3 strings",
        ["DOC-001"], text=base_text_with_raw_description("\\ud83dx"))
    add("doc-001-reversed-surrogate-pair", "low surrogate escape before the high one",
        "S2.3 strings", ["DOC-001"], text=base_text_with_raw_description("\\ude00\\ud83d"))
    add("doc-001-invalid-utf8-continuation-byte", "a lone continuation byte 0x80 in a string",
        "S2.2", ["DOC-001"], b64=base_bytes_with_raw_description(b"a\x80b"))
    add("doc-001-invalid-utf8-overlong", "the overlong encoding C0 AF of `/`", "S2.2",
        ["DOC-001"], b64=base_bytes_with_raw_description(b"\xc0\xaf"))
    add("doc-001-invalid-utf8-encoded-surrogate", "ED A0 80 encodes U+D800", "S2.2",
        ["DOC-001"], b64=base_bytes_with_raw_description(b"\xed\xa0\x80"))
    add("doc-001-invalid-utf8-above-max", "F4 90 80 80 encodes U+110000", "S2.2", ["DOC-001"],
        b64=base_bytes_with_raw_description(b"\xf4\x90\x80\x80"))
    add("doc-001-invalid-utf8-truncated", "E2 82 is a truncated three-byte sequence", "S2.2",
        ["DOC-001"], b64=base_bytes_with_raw_description(b"\xe2\x82"))
    add("doc-001-invalid-utf8-after-value", "a 0xFF byte after the base design", "S2.2, S2.3",
        ["DOC-001"], b64=BASE_TEXT.encode() + b"\xff")
    add("doc-001-parse-error-is-alone",
        "a syntax error hides every other problem (wrong format, forbidden member)", "S4.1, S2",
        ["DOC-001"], text='{"format":"j43/2","region":"eu-west-1","x":}', folder="layering")

    N = "S6.1 DOC-001 near-miss"
    add("doc-001-near-trailing-whitespace", "the base design followed by `\\n\\t \\r\\n`", N,
        rule="DOC-001", text=BASE_TEXT + "\n\t \r\n")
    add("doc-001-near-leading-whitespace", "whitespace before the value is allowed", "S2.3",
        rule="DOC-001", text=" \r\n\t" + BASE_TEXT)
    add("doc-001-near-surrogate-pair-escape", "a correctly paired surrogate escape (U+1F600)",
        "S2.3 strings", rule="DOC-001", text=base_text_with_raw_description("\\ud83d\\ude00"))
    add("doc-001-near-mixed-case-hex-escapes", "hex digits of `\\u` escapes in either case",
        "S2.3 strings", rule="DOC-001",
        text=base_text_with_raw_description("\\u00E9\\u00e9\\uD83D\\uDE00"))
    add("doc-001-near-every-escape", "every JSON escape once", "S2.3 strings", rule="DOC-001",
        text=base_text_with_raw_description('\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0000'))
    add("doc-001-near-raw-non-bmp", "raw four-byte UTF-8 in a description", "S2.2",
        rule="DOC-001", doc=with_desc("Zenthea \U0001D4B5 \U0001F680"))
    add("doc-001-near-max-code-point", "F4 8F BF BF is U+10FFFF, valid UTF-8", "S2.2",
        rule="DOC-001", b64=base_bytes_with_raw_description(b"\xf4\x8f\xbf\xbf"))
    add("doc-001-near-pretty-printed", "the base design pretty-printed with CRLF line ends",
        "S2.3", rule="DOC-001", text=json.dumps(B(), indent=4).replace("\n", "\r\n"))

    S = "S2.4, S6.1 DOC-002"
    tail = BASE_TEXT[len('{"format":"j43/1"'):]
    add("doc-002-duplicate-format", "the SPEC's DOC-002 example: `format` twice", S,
        ["DOC-002"], text='{"format":"j43/1","format":"j43/1"' + tail)
    add("doc-002-escaped-duplicate", "`format` and `\\u0066ormat` are the same name", S,
        ["DOC-002"], text='{"format":"j43/1","\\u0066ormat":"j43/1"' + tail)
    add("doc-002-duplicate-surrogate-pair-name",
        "a name written once raw and once as a surrogate-pair escape", S, ["DOC-002"],
        text=BASE_TEXT[:-1] + ',"\U0001F600":1,"\\ud83d\\ude00":2}')
    add("doc-002-duplicate-in-service", "`id` twice in one service", S, ["DOC-002"],
        text=BASE_TEXT.replace('"id":"svc-local-api"', '"id":"svc-local-api","id":"svc-local-x"',
                               1))
    add("doc-002-duplicate-environment", "`local` twice in `environments`", S, ["DOC-002"],
        text=BASE_TEXT.replace('"environments":{', '"environments":{"local":{},', 1))
    add("doc-002-duplicate-then-end-of-input",
        "`{\"a\":1,\"a\"` then end of input: the duplicate is complete first (S2 example)",
        "S2 table and example", ["DOC-002"], text='{"a":1,"a"')
    add("doc-002-duplicate-before-deep-nesting",
        "a duplicate name before a 70-deep array (S2 example)", "S2 table and example",
        ["DOC-002"], text='{"a":1,"a":' + nest(70) + "}")
    add("doc-002-duplicate-before-syntax-error", "`{\"a\":1,\"a\":1,}`: the duplicate comes first",
        "S2 table", ["DOC-002"], text='{"a":1,"a":1,}')
    add("doc-002-duplicate-before-invalid-utf8",
        "a duplicate name, then an invalid byte in its value", "S2 table", ["DOC-002"],
        b64=b'{"a":1,"a":"\xff"}')
    add("doc-002-invalid-utf8-in-first-value-before-duplicate",
        "`{\"a\":\"<FF>\",\"a\":1}`: the invalid byte is met before the duplicate (S2 example)",
        "S2 (UTF-8 validity in reading order)", ["DOC-001"], rule="DOC-001",
        b64=b'{"a":"\xff","a":1}', folder="doc")
    add("doc-003-deep-then-invalid-utf8", "65 `[` then byte 0xFF (S2 example)",
        "S2 (UTF-8 validity in reading order)", ["DOC-003"], rule="DOC-003",
        b64=b"[" * 65 + b"\xff", folder="doc")
    add("doc-002-syntax-error-before-duplicate", "`{\"a\":1,,\"a\":1}`: the syntax error comes first",
        "S2 table", ["DOC-001"], rule="DOC-001", text='{"a":1,,"a":1}', folder="doc")
    add("doc-002-invalid-utf8-before-duplicate",
        "an invalid byte in a name, before the duplicate", "S2 table", ["DOC-001"],
        rule="DOC-001", b64=b'{"\xff":1,"a":1,"a":1}', folder="doc")
    add("doc-002-near-same-name-in-different-objects",
        "`description` at the top, in an environment and in a service", "S6.1 DOC-002 near-miss",
        rule="DOC-002", doc=_same_name_elsewhere())
    d = B()
    svc(d)["\u00e9"] = 1
    svc(d)["e\u0301"] = 2
    add("doc-002-nfc-and-nfd-names-are-distinct",
        "`\u00e9` (U+00E9) and `e\u0301` (e, U+0301) are different names (no normalization): two "
        "unknown members, not a duplicate", "S2.4", ["DOC-007"], rule="DOC-007", doc=d,
        folder="doc")

    S = "S2.5, S6.1 DOC-003"
    add("doc-003-65-arrays-in-unknown-member",
        "65 nested arrays as an unknown member's value (innermost at depth 66)", S,
        ["DOC-003"], text=BASE_TEXT[:-1] + ',"x":' + nest(65) + "}")
    add("doc-003-depth-65-exactly",
        "the SPEC's DOC-003 example: 64 nested arrays as the value of an unknown member of the "
        "document (outermost at depth 2, innermost at 65)", S,
        ["DOC-003"], text=BASE_TEXT[:-1] + ',"x":' + nest(64) + "}")
    add("doc-003-top-level-65-arrays", "65 nested arrays at the top", S, ["DOC-003"],
        text=nest(65))
    add("doc-003-65-nested-objects", "65 nested objects", S, ["DOC-003"],
        text='{"a":' * 64 + "{}" + "}" * 64)
    add("doc-003-deep-then-end-of-input",
        "65 `[` then end of input: the too-deep `[` is met before the end", "S2 table",
        ["DOC-003"], text="[" * 65)
    add("doc-003-deep-before-duplicate", "a too-deep array, then a duplicate name", "S2 table",
        ["DOC-003"], text='{"x":' + nest(64) + ',"x":1}')
    add("doc-003-deep-before-syntax-error", "a too-deep array, then a syntax error", "S2 table",
        ["DOC-003"], text='{"x":' + nest(64) + ",}")
    add("doc-003-deep-in-diagrams", "`diagrams` nesting 66 arrays", S, ["DOC-003"],
        text=BASE_TEXT[:-1] + ',"diagrams":' + nest(66) + "}")
    add("doc-003-near-base-design-depth-7", "the base design itself (depth 7)",
        "S7.17", rule="DOC-003", doc=B())
    add("doc-003-near-description-of-brackets",
        "the SPEC's near-miss: a `description` of 100 `[` characters (a string, so no nesting)",
        "S6.1 DOC-003 near-miss", rule="DOC-003", doc=with_desc("[" * 100))
    add("doc-003-boundary-60-arrays-is-doc-007",
        "an unknown member nesting 60 arrays reports DOC-007 only",
        "S2.5, S6.1 DOC-003", ["DOC-007"], rule="DOC-007",
        text=BASE_TEXT[:-1] + ',"x":' + nest(60) + "}", folder="doc")
    add("doc-003-boundary-depth-64-is-doc-007",
        "the SPEC's 'not DOC-003 but DOC-007': 63 nested arrays as the value of an unknown "
        "member (innermost at depth 64)",
        "S6.1 DOC-003, S2.5", ["DOC-007"], rule="DOC-007",
        text=BASE_TEXT[:-1] + ',"x":' + nest(63) + "}", folder="doc")
    add("doc-003-boundary-string-at-depth-65-is-doc-007",
        "a string inside the array at depth 64: scalars do not count", "S2.5", ["DOC-007"],
        rule="DOC-007", text=BASE_TEXT[:-1] + ',"x":' + nest(63, '"deep"') + "}", folder="doc")
    add("doc-003-boundary-top-level-64-arrays-is-doc-005",
        "64 nested arrays at the top are not too deep; a non-object top is DOC-005", "S2.5, S4.2",
        ["DOC-005"], rule="DOC-005", text=nest(64), folder="doc")

    S = "S2.1, S6.1 DOC-004"
    add("doc-004-one-byte-over", "the base design padded with spaces to 67,108,865 bytes", S,
        ["DOC-004"], gen={"kind": "padded", "bytes": MAX_SIZE + 1, "document": B()})
    bad = {"format": "j43/2", "region": "eu-west-1"}
    add("doc-004-size-is-checked-first",
        "a wrong, incomplete design padded to 67,108,865 bytes: only DOC-004", S, ["DOC-004"],
        gen={"kind": "padded", "bytes": MAX_SIZE + 1, "document": bad})
    add("doc-004-near-exact-limit", "the base design padded with spaces to exactly 67,108,864 "
        "bytes", "S6.1 DOC-004 near-miss", rule="DOC-004",
        gen={"kind": "padded", "bytes": MAX_SIZE, "document": B()})


def _same_name_elsewhere():
    d = B()
    d["description"] = "the design"
    env(d)["description"] = "the local environment"
    svc(d)["description"] = "the api service"
    return d


# ---------------------------------------------------------------------------------------------
# S3, S4.2 / DOC-005..DOC-008 and layering.
# ---------------------------------------------------------------------------------------------


def shape_cases():
    S = "S4.2, S6.1 DOC-005"
    d = B()
    db(d)["managed"] = "yes"
    add("doc-005-managed-string", "the SPEC's DOC-005 example: `\"managed\": \"yes\"`", S,
        ["DOC-005"], doc=d)
    for cid, value, what in [("doc-005-top-level-array", [], "an empty array"),
                             ("doc-005-top-level-null", None, "`null`"),
                             ("doc-005-top-level-string", "j43/1", "a string"),
                             ("doc-005-top-level-true", True, "`true`")]:
        add(cid, f"the top-level value is {what}", "S4.2 (the top-level value must be an object)",
            ["DOC-005"], doc=value)
    add("doc-005-top-level-huge-number", "`1e400` is a valid number (not a parse error), not an "
        "object", "S2.3 numbers, S4.2", ["DOC-005"], text="1e400")
    add("doc-005-top-level-array-of-base", "the base design wrapped in an array", "S4.2",
        ["DOC-005"], doc=[B()])
    d = B()
    svc(d)["description"] = None
    add("doc-005-description-null", "`\"description\": null` is the wrong type, not absent",
        "S3.1", ["DOC-005"], doc=d)
    d = B()
    ing(d)["targets"] = "svc-local-api"
    add("doc-005-targets-string", "`targets` a string instead of an array", S, ["DOC-005"], doc=d)
    d = B()
    env(d)["services"] = {"svc-local-api": {"name": "api"}, "replicas": 3}
    add("doc-005-services-object-not-examined",
        "`services` an object: wrong type, its content (even `replicas`) is not examined, and "
        "layer 3 does not run", S, ["DOC-005"], doc=d)
    d = B()
    d["environments"]["local"] = None
    add("doc-005-environment-null", "a known environment whose value is `null`", "S3.3",
        ["DOC-005"], doc=d)
    d = B()
    d["environments"] = [base_env(e) for e in ENVS]
    add("doc-005-environments-array", "`environments` an array", S, ["DOC-005"], doc=d)
    d = B()
    d["format"] = 1
    add("doc-005-format-number", "`\"format\": 1`", S, ["DOC-005"], doc=d)
    d = B()
    d["diagrams"] = ["ingress, runtime, persistence"]
    add("doc-005-diagram-string", "a diagram that is a string, not a Diagram object", S,
        ["DOC-005"], doc=d)
    d = B()
    ing(d)["load_balancing"] = "true"
    add("doc-005-load-balancing-string", "`\"load_balancing\": \"true\"`", S, ["DOC-005"], doc=d)
    d = B()
    db(d)["managed"] = 1
    add("doc-005-managed-number", "`\"managed\": 1`", S, ["DOC-005"], doc=d)
    d = B()
    env(d)["configuration"] = [{"id": "cfg-local", "placement": "dedicated", "terraform": 1}]
    add("doc-005-configuration-array-not-examined",
        "`configuration` an array holding a forbidden member: DOC-005 only", S, ["DOC-005"],
        doc=d)
    d = B()
    svc(d)["id"] = 7
    add("doc-005-id-number", "a service id that is a number", S, ["DOC-005"], doc=d)
    d = B()
    env(d)["services"].append(None)
    add("doc-005-null-array-element", "a `null` element in `services`", S, ["DOC-005"], doc=d)

    N = "S6.1 DOC-005 near-miss"
    d = B()
    ing(d)["load_balancing"] = False
    add("doc-005-near-load-balancing-false",
        "the SPEC's near-miss: `\"load_balancing\": false` on the ingress is a bool", N,
        rule="DOC-005", doc=d)
    d = B()
    db(d)["managed"] = False
    add("doc-005-boundary-managed-false-is-per-002",
        "the SPEC's 'not DOC-005 but PER-002': `\"managed\": false` is a bool, and unmanaged",
        "S6.1 DOC-005", ["PER-002"], rule="PER-002", doc=d, folder="doc")
    d = B()
    d["name"] = ""
    d["description"] = ""
    d["diagrams"] = []
    add("doc-005-near-empty-text-and-array", "empty `text` strings and an empty `diagrams` array",
        "S3.1", rule="DOC-005", doc=d)

    S = "S4.2, S6.1 DOC-006"
    d = B()
    del svc(d)["state"]
    add("doc-006-service-without-state", "the SPEC's DOC-006 example: a service without `state`",
        S, ["DOC-006"], doc=d)
    add("doc-006-empty-object", "`{}`: `format` and `environments` missing", S, ["DOC-006"],
        doc={})
    add("doc-006-no-environments", "only `format`: DOC-006 (no Environments object to examine)",
        S, ["DOC-006"], doc={"format": "j43/1"})
    d = B()
    d["environments"]["local"] = {}
    add("doc-006-empty-environment", "`local` is `{}`: its seven required members are missing",
        S, ["DOC-006"], doc=d)
    d = B()
    d["diagrams"] = [{"title": "Overview"}]
    add("doc-006-diagram-without-content", "a diagram with a title only", S, ["DOC-006"], doc=d)
    d = B()
    del env(d)["secrets"]["id"]
    add("doc-006-secrets-without-id", "a secrets boundary without `id`", S, ["DOC-006"], doc=d)
    d = B()
    del net(d)["segments"]
    add("doc-006-network-without-segments", "a network without `segments`", S, ["DOC-006"],
        doc=d)
    d = B()
    del ad(d)["access"]
    add("doc-006-adapter-without-access", "an adapter without `access`", S, ["DOC-006"], doc=d)
    d = B()
    del env(d, "production")["adapters"]
    add("doc-006-environment-without-adapters", "production without `adapters`", S, ["DOC-006"],
        doc=d)
    d = B()
    for e in ENVS:
        x = env(d, e)
        x["services"], x["databases"], x["adapters"] = [], [], []
        ing(d, e)["targets"] = []
    add("doc-006-near-empty-component-arrays",
        "every environment with empty `services`, `databases`, `adapters` and `targets`: the "
        "members are present (S7.12)", "S6.1 DOC-006 near-miss, S7.12", rule="DOC-006", doc=d)
    d = B()
    for e in ENVS:
        svc(d, e)["scaling"] = "horizontal"
        svc(d, e)["description"] = "serves the public API"
    add("doc-006-near-optional-members-present", "optional `scaling` and `description` present; "
        "the base design is the same without them", "S6.1 DOC-006 near-miss", rule="DOC-006",
        doc=d)

    S = "S3.14, S6.1 DOC-007"
    def unknown(cid, desc, place, name, value, spec=S):
        d = B()
        place(d)[name] = value
        add(cid, desc, spec, ["DOC-007"], doc=d)
    unknown("doc-007-owner-on-service", "the SPEC's DOC-007 example: `owner` on a service",
            svc, "owner", "team-a")
    unknown("doc-007-version-at-top", "`version` at the top", lambda d: d, "version", 2)
    unknown("doc-007-env-on-database", "`env` is forbidden only on a Service (PHS-002); on a "
            "database it is unknown", db, "env", {})
    unknown("doc-007-configuration-on-network",
            "`configuration` on a network is unknown (S3.14 last paragraph)", net,
            "configuration", {"id": "cfg-x", "placement": "dedicated"})
    unknown("doc-007-secrets-on-network", "`secrets` on a network (Service-only PHS-002 name)",
            net, "secrets", [])
    unknown("doc-007-volumes-on-database", "`volumes` on a database (Service-only CMP-002 name)",
            db, "volumes", [])
    unknown("doc-007-database-on-ingress", "`database` on an ingress (Service-only PER-007 name)",
            ing, "database", "db-local-main")
    unknown("doc-007-visibility-on-ingress", "the ingress has no `visibility` member (S7.8)",
            ing, "visibility", "private", spec="S3.7, S7.8")
    unknown("doc-007-style-on-diagram", "`style` on a diagram",
            lambda d: d.setdefault("diagrams", [{"title": "t", "content": "c"}])[0], "style",
            "mermaid")
    unknown("doc-007-value-not-examined",
            "an unknown member whose value holds forbidden names and a CIDR: only DOC-007", svc,
            "owner", {"region": "eu-west-1", "cidr": "10.0.0.0/8", "replicas": 3})
    unknown("doc-007-member-name-with-cidr", "member names are not scanned for CIDR blocks", svc,
            "10.0.0.0/8", True, spec="S6.3 NET-005 (not member names)")
    unknown("doc-007-capitalized-forbidden-name",
            "`Region`: names are case-sensitive, so not FBD-003", db, "Region", "eu-west-1",
            spec="S3.1, S3.14")
    unknown("doc-007-capitalized-known-name", "`Description` on a service is not `description`",
            svc, "Description", "x", spec="S3.1")
    unknown("doc-007-segment-on-adapter", "`segment` on an adapter", ad, "segment",
            "seg-local-runtime")
    add("doc-007-huge-number-value", "`1e400` as an unknown member's value (valid JSON, never "
        "converted)", "S2.3 numbers, S3.14", ["DOC-007"],
        text=BASE_TEXT[:-1] + ',"weight":1e400}')
    d = B()
    svc(d)["description"] = "owned by team a"
    add("doc-007-near-owner-in-description", "the SPEC's near-miss: `\"description\": \"owned by "
        "team a\"`", "S6.1 DOC-007 near-miss", rule="DOC-007", doc=d)

    S = "S3.1, S4.2, S6.1 DOC-008"
    def invalid(cid, desc, place, name, value, spec=S):
        d = B()
        place(d)[name] = value
        add(cid, desc, spec, ["DOC-008"], doc=d)
    invalid("doc-008-process-daemon", "the SPEC's example: `\"process\": \"daemon\"`", svc,
            "process", "daemon")
    invalid("doc-008-format-j43-2", "the SPEC's example: `\"format\": \"j43/2\"`", lambda d: d,
            "format", "j43/2")
    invalid("doc-008-format-uppercase", "`\"format\": \"J43/1\"` (const is exact)", lambda d: d,
            "format", "J43/1")
    invalid("doc-008-empty-id", "the SPEC's example: `\"id\": \"\"` (on the secrets boundary)",
            lambda d: env(d)["secrets"], "id", "")
    invalid("doc-008-empty-service-id-hides-references",
            "an empty service id: DOC-008 blocks layer 3, so the now dangling references are "
            "not reported", svc, "id", "", spec="S4.2 blocking")
    invalid("doc-008-process-capitalized", "`Long-lived`: enums are case-sensitive", svc,
            "process", "Long-lived")
    invalid("doc-008-tls-capitalized", "`Infrastructure`", ing, "tls_termination",
            "Infrastructure")
    invalid("doc-008-placement-unknown", "`\"placement\": \"shared\"`",
            lambda d: env(d)["configuration"], "placement", "shared")
    invalid("doc-008-empty-engine", "`engine` is a `name`: at least one character", db,
            "engine", "")
    invalid("doc-008-empty-service-name", "a service `name` is a `name`", svc, "name", "")
    invalid("doc-008-empty-segment-ref", "a `ref` must not be empty", svc, "segment", "")
    invalid("doc-008-empty-target", "an empty string in `targets`", ing, "targets", [""])
    invalid("doc-008-visibility-capitalized", "`\"visibility\": \"Public\"`", svc, "visibility",
            "Public")
    invalid("doc-008-segment-kind-unknown", "`\"kind\": \"data\"`", seg, "kind", "data")
    invalid("doc-008-access-write", "`\"access\": \"write\"`", ad, "access", "write")
    invalid("doc-008-scaling-auto", "`\"scaling\": \"auto\"`", svc, "scaling", "auto")
    invalid("doc-008-enum-with-space", "`\"state\": \"stateless \"`", svc, "state", "stateless ")
    d = B()
    svc(d)["description"] = ""
    d["name"] = ""
    add("doc-008-near-empty-text", "`text` may be empty (top-level `name`, a description)",
        "S3.1", rule="DOC-008", doc=d)
    d = B()
    svc(d)["description"] = ""
    add("doc-008-near-empty-description", "the SPEC's near-miss: `\"description\": \"\"` (text "
        "may be empty)", "S6.1 DOC-008 near-miss", rule="DOC-008", doc=d)
    d = B()
    svc(d)["process"] = "batch"
    add("doc-008-boundary-process-batch-is-cmp-001",
        "the SPEC's 'not DOC-008 but CMP-001': `\"process\": \"batch\"` is a known value",
        "S6.1 DOC-008", ["CMP-001"], rule="CMP-001", doc=d, folder="doc")
    d = B()
    for e in ENVS:
        svc(d, e)["scaling"] = "horizontal"
        svc(d, e)["visibility"] = "private"
        net(d, e)["visibility"] = "private"
    add("doc-008-near-known-enum-values", "known values of optional enums", "S3.8",
        rule="DOC-008", doc=d)

    # Layering, S4.2.
    S = "S4.2 blocking"
    d = B()
    db(d)["managed"] = "yes"
    svc(d)["process"] = "batch"
    add("layer-doc-005-hides-layer-3", "DOC-005 plus a CMP-001 mutation: layer 3 does not run",
        S, ["DOC-005"], doc=d, folder="layering")
    d = B()
    del svc(d)["state"]
    db(d)["engine"] = "mysql"
    add("layer-doc-006-hides-layer-3", "DOC-006 plus a PER-001 mutation", S, ["DOC-006"], doc=d,
        folder="layering")
    d = with_desc("runtime lives in 10.0.0.0/16")
    d["format"] = "j43/2"
    add("layer-doc-008-hides-cidr-text", "DOC-008 plus a CIDR in a description (layer 3 text)",
        S, ["DOC-008"], doc=d, folder="layering")
    d = B()
    env(d, "staging")["secrets"]["id"] = "sec-local"
    env(d, "production")["secrets"]["placement"] = "Runtime"
    add("layer-doc-008-hides-shared-id", "DOC-008 in production hides ENV-002 in staging", S,
        ["DOC-008"], doc=d, folder="layering")
    d = B()
    svc(d)["owner"] = "team-a"
    svc(d)["process"] = "batch"
    add("layer-doc-007-does-not-block", "an unknown member and a batch process", S,
        ["DOC-007", "CMP-001"], doc=d, folder="layering")
    d = B()
    svc(d)["region"] = "eu-west-1"
    svc(d)["state"] = "stateful"
    add("layer-forbidden-does-not-block", "a forbidden member and a stateful service", S,
        ["FBD-003", "CMP-002"], doc=d, folder="layering")
    d = B()
    d["environments"]["qa"] = {}
    db(d)["engine"] = "mysql"
    add("layer-env-001-does-not-block", "an unknown environment and a MySQL database", S,
        ["ENV-001", "PER-001"], doc=d, folder="layering")
    d = B()
    db(d)["managed"] = "yes"
    svc(d)["owner"] = "team-a"
    svc(d)["region"] = "eu-west-1"
    d["environments"]["qa"] = {}
    del ad(d, "staging")["access"]
    env(d, "production")["configuration"]["placement"] = "baked"
    add("layer-2-reports-everything", "layer 2 never stops at the first problem: DOC-005, "
        "DOC-006, DOC-007, DOC-008, ENV-001 and FBD-003 together", "S4.2",
        ["DOC-005", "DOC-006", "DOC-007", "DOC-008", "ENV-001", "FBD-003"], doc=d,
        folder="layering")
    d = B()
    d["environments"]["qa"] = {"terraform": "main.tf", "description": "10.0.0.0/8"}
    add("layer-unknown-environment-not-examined",
        "an unknown environment's value is not examined", "S3.3", ["ENV-001"], doc=d,
        folder="layering")
    d = B()
    svc(d)["owner"] = {"networks": "x", "description": 5}
    svc(d)["monitoring"] = {"cidr": "10.0.0.0/8"}
    add("layer-unknown-and-forbidden-values-not-examined",
        "values of unknown and forbidden members are not examined", "S3.14, S4.2",
        ["DOC-007", "FBD-007"], doc=d, folder="layering")


# ---------------------------------------------------------------------------------------------
# Layer 3 document rules: DOC-009, DOC-010, references (S4.4).
# ---------------------------------------------------------------------------------------------


def reference_cases():
    S = "S4.3, S6.1 DOC-009"
    d = B()
    env(d)["secrets"]["id"] = "cfg-local"
    add("doc-009-secrets-id-equals-configuration-id", "the SPEC's example", S, ["DOC-009"], doc=d)
    d = B()
    add_service(d, "local", "api", sid="svc-local-api")
    add("doc-009-two-services-same-id", "two services `svc-local-api`, both named `api`: "
        "DOC-009, and a second instance of `api` (CMP-004)", "S6.1 DOC-009, S6.4 CMP-004",
        ["DOC-009", "CMP-004"], doc=d)
    d = B()
    for e in ENVS:
        add_service(d, e, "worker", sid=f"svc-{e}-api")
    add("doc-009-two-services-same-id-distinct-names",
        "in every environment, a service `worker` with the id of `api`: DOC-009 only (the names "
        "differ, and targets and adapters resolve to the first, `api`)", S, ["DOC-009"], doc=d)
    d = B()
    svc(d)["id"] = "db-local-main"
    ing(d)["targets"] = ["db-local-main"]
    ad(d)["service"] = "db-local-main"
    add("doc-009-service-and-database-same-id",
        "a service and a database share an id; references resolve by kind", S, ["DOC-009"],
        doc=d)
    d = B()
    seg(d, i=1)["id"] = "net-local"
    svc(d)["segment"] = "net-local"
    add("doc-009-segment-id-equals-network-id",
        "the runtime segment has the network's id; the service's segment still resolves "
        "(first segment with that id)", "S4.3, S4.4", ["DOC-009"], doc=d)
    d = B()
    add_database(d, "local", "main", did="db-local-main")
    add("doc-009-duplicated-database-has-no-writer",
        "a second database `db-local-main` named `main`: DOC-009; references resolve to the "
        "first, so the second has no writer (PER-003, S7.16); and it is a second instance of "
        "`main` (PER-004)", "S6.1 DOC-009, S7.16, S6.5 PER-004",
        ["DOC-009", "PER-003", "PER-004"], doc=d)
    d = B()
    seg(d, i=2)["id"] = "seg-local-runtime"
    db(d)["segment"] = "seg-local-runtime"
    add("doc-009-duplicated-segment-misplaces-database",
        "the persistence segment reuses the runtime segment's id: DOC-009, and the database's "
        "`seg-local-runtime` resolves to the runtime segment (NET-004, S7.13)",
        "S6.1 DOC-009, S4.4, S7.13", ["DOC-009", "NET-004"], doc=d)
    d = B()
    env(d)["secrets"]["id"] = "CFG-local"
    add("doc-009-near-ids-differ-in-case", "`CFG-local` and `cfg-local` are different ids",
        "S4.4 (exact equality)", rule="DOC-009", doc=d)
    d = B()
    for e in ENVS:
        add_service(d, e, "worker")
    add("doc-009-near-same-names-distinct-ids",
        "the same logical names in every environment, distinct ids", "S6.1 DOC-009 near-miss",
        rule="DOC-009", doc=d)

    S = "S4.4, S6.1 DOC-010"
    def ref(cid, desc, place, name, value, rules, spec=S, folder=None):
        d = B()
        place(d)[name] = value
        add(cid, desc, spec, rules, doc=d, folder=folder)
    ref("doc-010-dangling-segment", "the SPEC's example: service `segment: \"seg-local-nope\"`",
        svc, "segment", "seg-local-nope", ["DOC-010"])
    ref("doc-010-wrong-kind-ingress-segment",
        "the SPEC's example: ingress `segment: \"svc-local-api\"` (a service, not a segment)", ing,
        "segment", "svc-local-api", ["DOC-010"])
    ref("doc-010-wrong-kind-segment", "an ingress whose segment is the network's id", ing,
        "segment", "net-local", ["DOC-010"])
    ref("doc-010-segment-case-differs", "`SEG-local-runtime` does not resolve (exact equality)",
        svc, "segment", "SEG-local-runtime", ["DOC-010"])
    ref("doc-010-segment-trailing-space", "`seg-local-runtime ` (trailing space)", svc,
        "segment", "seg-local-runtime ", ["DOC-010"])
    ref("doc-010-service-segment-dangling", "a service in `seg-local-app`", svc, "segment",
        "seg-local-app", ["DOC-010"])
    ref("doc-010-database-segment-wrong-kind", "a database whose segment is the adapter's id",
        db, "segment", "ad-local-api-main", ["DOC-010"])
    # An ingress target that does not resolve also changes what local exposes (INV-001).
    T = "S4.4, S6.1 DOC-010, S6.9 INV-001 (what is exposed)"
    ref("doc-010-dangling-target", "the former example `targets: [\"svc-local-nope\"]`: DOC-010, "
        "and local exposes nothing that the others expose (INV-001)", ing, "targets",
        ["svc-local-nope"], ["DOC-010", "INV-001"], spec=T)
    ref("doc-010-wrong-kind-target", "a target naming the local database: DOC-010 and INV-001",
        ing, "targets", ["db-local-main"], ["DOC-010", "INV-001"], spec=T)
    ref("doc-010-case-differs", "`SVC-local-api` does not resolve (exact equality): DOC-010 and "
        "INV-001", ing, "targets", ["SVC-local-api"], ["DOC-010", "INV-001"], spec=T)
    ref("doc-010-trailing-space", "target `svc-local-api ` (trailing space): DOC-010 and INV-001",
        ing, "targets", ["svc-local-api "], ["DOC-010", "INV-001"], spec=T)
    ref("doc-010-dangling-target-next-to-resolving-one",
        "the SPEC's example `targets: [\"svc-local-api\", \"svc-local-nope\"]`: DOC-010 only "
        "(api is still exposed)", ing, "targets", ["svc-local-api", "svc-local-nope"],
        ["DOC-010"], spec="S6.1 DOC-010 (edfc798), S6.9")
    ref("doc-010-adapter-wrong-kind-service",
        "an adapter whose `service` names the database: DOC-010; the database then has no "
        "writer (PER-003) and local lacks the (api, main, read-write) access (INV-001)", ad,
        "service", "db-local-main", ["DOC-010", "PER-003", "INV-001"], spec="S4.4, S6.5, S6.9")
    ref("doc-010-adapter-dangling-database",
        "an adapter to `db-local-nope`: DOC-010, PER-003 for main, INV-001", ad, "database",
        "db-local-nope", ["DOC-010", "PER-003", "INV-001"], spec="S4.4, S6.5, S6.9")
    d = B()
    svc(d)["description"] = "not in seg-local-nope (prose is not a reference)"
    add("doc-010-near-segment-resolves", "the SPEC's near-miss: `segment: \"seg-local-runtime\"`, "
        "with another segment's name in prose", "S6.1 DOC-010 near-miss", rule="DOC-010", doc=d)
    d = B()
    for e in ENVS:
        ing(d, e)["targets"] = []
    add("doc-010-near-empty-targets-everywhere", "`targets: []` in every environment: no "
        "reference, and every environment exposes the same (nothing)", "S4.4, S6.9",
        rule="DOC-010", doc=d)
    d = B()
    ing(d)["targets"] = []
    add("doc-010-boundary-empty-targets-in-local-is-inv-001",
        "`targets: []` in local only: no unresolved reference, but local exposes less (INV-001)",
        "S6.9 INV-001 (what is exposed)", ["INV-001"], rule="INV-001", doc=d, folder="doc")
    d = B()
    ing(d)["targets"] = ["svc-local-api", "svc-local-api"]
    add("doc-010-near-repeated-target", "the same target twice resolves twice", "S4.4",
        rule="DOC-010", doc=d)

    d = B()
    del d["environments"]["staging"]
    svc(d)["segment"] = "seg-staging-runtime"
    add("ref-absent-environment-is-dangling",
        "staging is absent, so `seg-staging-runtime` resolves nowhere: DOC-010, not ENV-003",
        "S4.4 (present environments), S3.3", ["ENV-001", "DOC-010"], doc=d, folder="references")
    d = B()
    del d["environments"]["staging"]
    ing(d)["targets"] = ["svc-staging-api"]
    add("ref-absent-environment-target-is-dangling",
        "staging is absent, so target `svc-staging-api` resolves nowhere: DOC-010, not ENV-003; "
        "local then exposes less than production (INV-001)",
        "S4.4 (present environments), S3.3, S6.9", ["ENV-001", "DOC-010", "INV-001"], doc=d,
        folder="references")
    d = B()
    db(d, "staging")["id"] = "seg-local-runtime"
    ad(d, "staging")["database"] = "seg-local-runtime"
    svc(d, "staging")["segment"] = "seg-local-runtime"
    add("ref-wrong-kind-in-own-environment-before-env-003",
        "in staging, `seg-local-runtime` is a database id: a segment reference to it is DOC-010 "
        "(wrong kind in its own environment), not ENV-003; the id is also in local (ENV-002)",
        "S4.4", ["DOC-010", "ENV-002"], doc=d, folder="references")
    d = B()
    db(d, "staging")["id"] = "svc-local-api"
    ad(d, "staging")["database"] = "svc-local-api"
    ing(d, "staging")["targets"] = ["svc-local-api"]
    add("ref-wrong-kind-target-in-own-environment-before-env-003",
        "in staging, `svc-local-api` is a database id: a target naming it is DOC-010, not "
        "ENV-003; ENV-002 for the id; staging exposes nothing (INV-001)",
        "S4.4, S6.9", ["DOC-010", "ENV-002", "INV-001"], doc=d, folder="references")
    d = B()
    svc(d, "staging")["segment"] = "db-local-main"
    add("ref-other-environment-any-kind-is-env-003",
        "in staging, a service segment naming local's database: ENV-003 (some component of "
        "another environment has that id, whatever its kind)", "S4.4", ["ENV-003"], doc=d,
        folder="references")
    d = B()
    ing(d, "staging")["targets"] = ["db-local-main"]
    add("ref-other-environment-any-kind-target",
        "in staging, a target naming local's database: ENV-003, and staging exposes nothing "
        "(INV-001)", "S4.4, S6.9", ["ENV-003", "INV-001"], doc=d, folder="references")
    d = B()
    ad(d, "staging")["service"] = "svc-local-api"
    add("ref-cross-environment-adapter", "a staging adapter using local's service: ENV-003; "
        "staging's database has no writer (PER-003); staging lacks the access (INV-001)",
        "S4.4, S6.5 PER-003, S6.9", ["ENV-003", "PER-003", "INV-001"], doc=d, folder="references")
    d = B()
    svc(d)["segment"] = "10.0.0.0/8"
    add("ref-cidr-as-dangling-segment", "a service segment `10.0.0.0/8`: a reference string is "
        "scanned (NET-005) and does not resolve (DOC-010)", "S6.3 NET-005, S4.4",
        ["NET-005", "DOC-010"], doc=d, folder="references")
    d = B()
    ing(d)["targets"] = ["10.0.0.0/8"]
    add("ref-cidr-as-dangling-target", "a target `10.0.0.0/8`: NET-005, DOC-010, and local "
        "exposes nothing (INV-001)", "S6.3 NET-005, S4.4, S6.9", ["NET-005", "DOC-010", "INV-001"],
        doc=d, folder="references")


def _reorder(case):
    order = ["id", "description", "rule", "kind", "spec", "document", "document_text",
             "document_base64", "document_generated", "expected"]
    items = {k: case[k] for k in order if k in case}
    case.clear()
    case.update(items)


# ---------------------------------------------------------------------------------------------
# Forbidden members (S3.14): one helper, many rules.
# ---------------------------------------------------------------------------------------------

PLACES = {
    "top": lambda d: d,
    "environment": lambda d: env(d),
    "staging": lambda d: env(d, "staging"),
    "network": net,
    "segment": seg,
    "ingress": ing,
    "service": svc,
    "database": db,
    "adapter": ad,
    "configuration": lambda d: env(d)["configuration"],
    "secrets": lambda d: env(d)["secrets"],
    "diagram": lambda d: d.setdefault("diagrams", [{"title": "Overview",
                                                    "content": "ingress, runtime, persistence"}])[0],
}


def forbidden(rule, name, value, place, cid=None, desc=None, spec=None):
    d = B()
    PLACES[place](d)[name] = value
    cid = cid or f"{rule.lower()}-{name.replace('_', '-')}-on-{place}"
    where = "document" if place == "top" else place
    desc = desc or f"the member `{name}` (value `{compact(value)}`) on the {where}"
    add(cid, desc, spec or f"S3.14, S6 {rule}", [rule], doc=d)


def prose(rule, text, place="service", cid=None, spec=None):
    d = B()
    PLACES[place](d)["description"] = text
    add(cid or f"{rule.lower()}-near-prose", f"the words in a description: `{text}`",
        spec or f"S6 {rule} near-miss, S7.10", rule=rule, doc=d)


# ---------------------------------------------------------------------------------------------
# Layer-3 and forbidden-member rules, family by family.
# ---------------------------------------------------------------------------------------------


def env_cases():
    S = "S3.3, S6.2 ENV-001"
    d = B()
    d["environments"]["qa"] = {}
    add("env-001-qa-added", "the SPEC's example: add `\"qa\": {}`", S, ["ENV-001"], doc=d)
    d = B()
    del d["environments"]["staging"]
    add("env-001-staging-removed", "the SPEC's example: remove `staging`", S, ["ENV-001"], doc=d)
    d = B()
    d["environments"]["qa"] = None
    add("env-001-unknown-environment-null", "`\"qa\": null`: the value is not examined", S,
        ["ENV-001"], doc=d)
    d = B()
    d["environments"]["Production"] = d["environments"].pop("production")
    add("env-001-capitalized-name", "`Production` is unknown and `production` absent", S,
        ["ENV-001"], doc=d)
    d = B()
    d["environments"] = {}
    add("env-001-no-environments", "`\"environments\": {}`: all three absent", S, ["ENV-001"],
        doc=d)
    d = B()
    d["environments"] = {"local": base_env("local")}
    add("env-001-only-local", "only `local` (INV-001 needs two present environments)",
        "S3.3, S6.9", ["ENV-001"], doc=d)
    d = B()
    d["environments"]["region"] = "eu-west-1"
    add("env-001-forbidden-name-in-environments",
        "`region` inside `environments` is an unknown environment name (S3.14 does not apply to "
        "Environments)", "S3.3, S3.14", ["ENV-001"], doc=d)
    add("env-001-near-member-order", "the three environments written production, staging, local",
        "S6.2 ENV-001 near-miss", rule="ENV-001",
        text=compact({"format": "j43/1", "environments": {e: base_env(e) for e in
                                                          reversed(ENVS)}}))

    S = "S6.2 ENV-002"
    d = B()
    env(d, "staging")["secrets"]["id"] = "sec-local"
    add("env-002-secrets-id-shared", "the SPEC's example: `sec-local` in local and staging", S,
        ["ENV-002"], doc=d)
    d = B()
    db(d, "staging")["id"] = "db-production-main"
    ad(d, "staging")["database"] = "db-production-main"
    add("env-002-staging-shares-production-database",
        "staging's database is `db-production-main` (its adapter follows it)", S, ["ENV-002"],
        doc=d)
    d = B()
    for e in ENVS:
        env(d, e)["configuration"]["id"] = "cfg-shared"
    add("env-002-same-id-in-all-three", "one configuration id in every environment", S,
        ["ENV-002"], doc=d)
    d = B()
    net(d, "production")["id"] = "net-staging"
    add("env-002-network-id-shared", "production's network id is `net-staging`", S, ["ENV-002"],
        doc=d)
    d = B()
    svc(d, "production")["id"] = "ad-staging-api-main"
    ing(d, "production")["targets"] = ["ad-staging-api-main"]
    ad(d, "production")["service"] = "ad-staging-api-main"
    add("env-002-different-kinds-same-id",
        "production's service has the id of staging's adapter: ids, not kinds, are compared",
        "S6.2 ENV-002, S7.1", ["ENV-002"], doc=d)
    forbidden("ENV-002", "shared", True, "database")
    forbidden("ENV-002", "shared_with", None, "environment")
    forbidden("ENV-002", "shared_by", ["staging"], "secrets")
    d = B()
    env(d, "staging")["secrets"]["id"] = "sec-Local"
    add("env-002-near-ids-differ-in-case", "`sec-Local` in staging, `sec-local` in local",
        "S6.2 ENV-002 near-miss, S4.4", rule="ENV-002", doc=d)
    d = B()
    for e in ENVS:
        env(d, e)["secrets"]["id"] = f"sec-{e}"
        env(d, e)["secrets"]["description"] = "the platform secrets"
    add("env-002-near-same-description", "equal descriptions are not shared ids",
        "S6.2 ENV-002 near-miss", rule="ENV-002", doc=d)

    S = "S4.4, S6.2 ENV-003"
    d = B()
    ing(d, "staging")["targets"] = ["svc-local-api"]
    add("env-003-staging-targets-local-service", "the former example: in staging, "
        "`targets: [\"svc-local-api\"]`: ENV-003, and staging exposes nothing (INV-001)",
        "S6.2 ENV-003, S6.9 INV-001 (what is exposed)", ["ENV-003", "INV-001"], doc=d)
    d = B()
    svc(d, "staging")["segment"] = "seg-local-runtime"
    add("env-003-service-in-other-environment-segment",
        "the SPEC's example: in staging, service `segment: \"seg-local-runtime\"` (NET-004 is "
        "not evaluated for it)", "S6.2 ENV-003, S6.3 NET-004", ["ENV-003"], doc=d)
    d = B()
    ad(d, "production")["database"] = "db-staging-main"
    add_adapter(d, "production", "api", "main", "read-write", aid="ad-production-api-main-2")
    add("env-003-adapter-to-staging-database",
        "production's adapter reaches staging's database (ENV-003); a second adapter keeps the "
        "access and the writer in production", S, ["ENV-003"], doc=d)
    d = B()
    ing(d, "production")["segment"] = "seg-staging-ingress"
    add("env-003-ingress-in-staging-segment", "production's ingress in staging's segment", S,
        ["ENV-003"], doc=d)
    d = B()
    ing(d, "local")["targets"] = ["svc-local-api", "svc-production-api"]
    add("env-003-one-of-two-targets", "local also targets production's service", S, ["ENV-003"],
        doc=d)
    d = B()
    svc(d, "staging")["segment"] = "seg-staging-runtime"
    svc(d, "staging")["description"] = "staging copy of svc-local-api, not in seg-local-runtime"
    add("env-003-near-own-segment", "the SPEC's near-miss: `segment: \"seg-staging-runtime\"`; "
        "another environment's ids in prose are not references", "S6.2 ENV-003 near-miss",
        rule="ENV-003", doc=d)

    forbidden("ENV-004", "promote_to", "production", "staging",
              cid="env-004-promote-to-on-staging", desc="the SPEC's example")
    forbidden("ENV-004", "promotion", {"from": "staging", "to": "production"}, "top")
    forbidden("ENV-004", "promotes_to", "svc-production-api", "service")
    forbidden("ENV-004", "promotion_workflow", "manual", "environment")
    prose("ENV-004", "staging mirrors production", place="staging",
          spec="S6.2 ENV-004 near-miss")


def net_cases():
    S = "S6.3 NET-001"
    d = B()
    env(d)["networks"].append({"id": "net-local-2", "segments": [
        {"id": "seg-local-2-ingress", "kind": "ingress"},
        {"id": "seg-local-2-runtime", "kind": "runtime"},
        {"id": "seg-local-2-persistence", "kind": "persistence"}]})
    add("net-001-second-network", "the SPEC's example: `net-local-2` with its own segments", S,
        ["NET-001"], doc=d)
    d = B()
    env(d)["networks"] = []
    add("net-001-no-network", "no network: NET-001, and the segment references dangle (DOC-010)",
        S, ["NET-001", "DOC-010"], doc=d)
    d = B()
    for e in ENVS:
        net(d, e)["description"] = "the primary network boundary"
    add("net-001-near-one-network", "one network per environment", "S6.3 NET-001 near-miss",
        rule="NET-001", doc=d)

    S = "S6.3 NET-002, S7.8"
    for place, fn in [("service", svc), ("network", net), ("database", db)]:
        d = B()
        fn(d)["visibility"] = "public"
        add(f"net-002-public-{place}", f"`\"visibility\": \"public\"` on a {place}", S,
            ["NET-002"], doc=d)
    d = B()
    for e in ENVS:
        for fn in (svc, net, db):
            fn(d, e)["visibility"] = "private"
    add("net-002-near-explicit-private", "`\"visibility\": \"private\"` everywhere",
        "S6.3 NET-002 near-miss", rule="NET-002", doc=d)

    S = "S6.3 NET-003, S7.4"
    d = B()
    net(d)["segments"].append({"id": "seg-local-runtime-2", "kind": "runtime"})
    add("net-003-second-runtime-segment", "the SPEC's example", S, ["NET-003"], doc=d)
    d = B()
    net(d)["segments"].append({"id": "seg-local-ingress-b", "kind": "ingress"})
    net(d)["segments"].append({"id": "seg-local-ingress-c", "kind": "ingress"})
    add("net-003-three-ingress-segments", "three ingress segments", S, ["NET-003"], doc=d)
    d = B()
    del net(d)["segments"][2]
    add("net-003-no-persistence-segment",
        "no persistence segment: NET-003; the database's segment dangles (DOC-010)", S,
        ["NET-003", "DOC-010"], doc=d)
    d = B()
    seg(d, i=2)["kind"] = "runtime"
    add("net-003-persistence-segment-relabelled",
        "the persistence segment's kind set to runtime: NET-003 twice, and the database sits "
        "in a runtime segment (NET-004)", S, ["NET-003", "NET-004"], doc=d)
    d = B()
    net(d)["segments"].reverse()
    add("net-003-near-reversed-order", "the SPEC's near-miss: three segments in another order",
        "S6.3 NET-003 near-miss", rule="NET-003", doc=d)

    S = "S6.3 NET-004"
    d = B()
    db(d)["segment"] = "seg-local-runtime"
    add("net-004-database-in-runtime-segment", "the SPEC's example", S, ["NET-004"], doc=d)
    d = B()
    svc(d)["segment"] = "seg-local-ingress"
    add("net-004-service-in-ingress-segment", "a service in the ingress segment", S,
        ["NET-004"], doc=d)
    d = B()
    ing(d)["segment"] = "seg-local-persistence"
    add("net-004-ingress-in-persistence-segment", "the ingress in the persistence segment", S,
        ["NET-004"], doc=d)
    d = B()
    for e in ENVS:
        for x in net(d, e)["segments"]:
            x["description"] = f"the {x['kind']} segment"
    add("net-004-near-own-segments", "every component in its own kind's segment (described)",
        "S6.3 NET-004 near-miss", rule="NET-004", doc=d)

    # NET-005: members, then text (S5.1 table, one case per example).
    forbidden("NET-005", "cidr", "10.0.0.0/16", "network")
    forbidden("NET-005", "cidr_blocks", [], "environment")
    forbidden("NET-005", "address_space", None, "top")
    forbidden("NET-005", "ip_range", "private", "segment")
    forbidden("NET-005", "cidr", False, "segment")
    S = "S5.1, S6.3 NET-005"
    add("net-005-cidr-in-description", "the SPEC's example: `runtime lives in 10.0.0.0/16`", S,
        ["NET-005"], doc=with_desc("runtime lives in 10.0.0.0/16"))
    table = [
        ("10.0.0.0/8", True, "plain"),
        ("the 10.0.0.0/8.", True, "dot-after-prefix"),
        ("subnet:10.0.0.0/16", True, "after-colon"),
        ("010.001.0.0/08", True, "leading-zeros"),
        ("10.0.0.0/8a", True, "letter-after-prefix"),
        ("999.1.1.1/8", False, "group-over-255"),
        ("1.2.3.4.5/8", False, "five-groups"),
        ("ip.10.0.0.0/8", True, "leading-dot-removed"),
        ("1.2.3.4/33", False, "prefix-33"),
        ("1.2.3.4/0032", False, "four-digit-prefix"),
        ("1.2.3.4", False, "no-slash"),
        ("1.2.3/4", False, "version-number"),
        ("10.0.0.0 /8", False, "space-before-slash"),
        ("2001:db8::/32", True, "ipv6"),
        ("fe80::/10", True, "ipv6-link-local"),
        ("::/0", True, "ipv6-all"),
        ("::ffff:10.0.0.0/104", True, "ipv6-mapped-ipv4"),
        ("subnet:2001:db8::/32", True, "ipv6-after-colon"),
        ("1:2:3:4:5:6:7:8/64", True, "ipv6-eight-groups"),
        ("1:2:3:4:5:6:7:8:9/64", False, "ipv6-nine-groups"),
        ("1:2:3:4:5:6:7::/64", True, "ipv6-seven-groups-and-double-colon"),
        ("1.2.3.4::/64", False, "ipv6-ipv4-group-first"),
        ("1:1.2.3.4::/64", False, "ipv6-ipv4-group-not-last"),
        ("2001:db8::/129", False, "ipv6-prefix-129"),
        ("a/b", False, "letters"),
        ("TCP/IP", False, "tcp-ip"),
        ("1/2", False, "fraction"),
        ("\uff11\uff10.0.0.0/8", False, "fullwidth-digits"),
    ]
    for text, yes, slug in table:
        if yes:
            add(f"net-005-table-{slug}", f"S5.1 table: `{text}` is a CIDR block", "S5.1 table",
                ["NET-005"], doc=with_desc(text))
        else:
            add(f"net-005-near-table-{slug}", f"S5.1 table: `{text}` is not a CIDR block",
                "S5.1 table", rule="NET-005", doc=with_desc(text))
    # Boundaries read directly off the S5.1 grammar.
    derived = [
        ("0.0.0.0/0", True, "zero-prefix"),
        ("255.255.255.255/32", True, "max-values"),
        ("1.2.3.4/032", True, "three-digit-prefix-32"),
        ("256.0.0.0/8", False, "group-256"),
        ("1.2.3.4/", False, "empty-prefix"),
        ("1..2.3/8", False, "empty-group"),
        ("1.2.3.4000/8", False, "four-digit-group"),
        ("::/128", True, "ipv6-prefix-128"),
        ("1:2:3:4:5:6:7:8::/64", False, "ipv6-eight-groups-and-double-colon"),
        ("1::2::3/64", False, "ipv6-two-double-colons"),
        ("1:::2/64", False, "ipv6-triple-colon"),
        ("12345::/16", False, "ipv6-five-digit-group"),
        ("1:2:3:4:5:6:7/64", False, "ipv6-seven-groups-no-double-colon"),
    ]
    for text, yes, slug in derived:
        if yes:
            add(f"net-005-grammar-{slug}", f"S5.1 grammar: `{text}` is a CIDR block", "S5.1",
                ["NET-005"], doc=with_desc(text))
        else:
            add(f"net-005-near-grammar-{slug}", f"S5.1 grammar: `{text}` is not a CIDR block",
                "S5.1", rule="NET-005", doc=with_desc(text))
    add("net-005-near-spec-prose", "the SPEC's near-miss description", "S6.3 NET-005 near-miss",
        rule="NET-005", doc=with_desc("no CIDR such as 999.1.1.1/8 or 1.2.3.4/33; version 1.2.3"))
    d = B()
    env(d)["description"] = "10.0.0.0/8 is not written here"
    add("net-005-in-environment-description", "a CIDR in an environment description", S,
        ["NET-005"], doc=d)
    d = B()
    d["name"] = "zenthea 10.0.0.0/8"
    add("net-005-in-design-name", "a CIDR in the design's `name`", S, ["NET-005"], doc=d)
    d = B()
    svc(d)["id"] = "svc-10.0.0.0/24"
    ing(d)["targets"] = ["svc-10.0.0.0/24"]
    ad(d)["service"] = "svc-10.0.0.0/24"
    add("net-005-in-ids-and-references", "a CIDR inside an id and the references to it", S,
        ["NET-005"], doc=d)
    d = B()
    for e in ENVS:
        db(d, e)["name"] = "main-10.0.0.0/8"
    add("net-005-in-database-name", "a CIDR in a database `name` (in every environment)", S,
        ["NET-005"], doc=d)
    d = with_diagram("ingress, runtime, persistence", title="networks 10.0.0.0/8")
    add("net-005-in-diagram-title", "a CIDR in a diagram title is NET-005, not FBD-009",
        "S6.8 FBD-009 (CIDR blocks in diagrams are NET-005)", ["NET-005"], doc=d)
    d = with_diagram("[runtime] in 10.1.0.0/16")
    add("net-005-in-diagram-content", "a CIDR in diagram content is NET-005 only",
        "S6.8 FBD-009 (CIDR blocks in diagrams are NET-005)", ["NET-005"], doc=d)
    d = with_diagram("link-local fe80::1/64")
    add("net-005-diagram-ipv6-cidr-has-port-token", "`fe80::1/64` in a diagram: NET-005, and "
        "`:1` is a port token (FBD-009), the SPEC's example", "S6.8 FBD-009, S5.2",
        ["NET-005", "FBD-009"], doc=d)
    d = with_diagram("[runtime] subnet:10.0.0.0/16")
    add("net-005-diagram-cidr-after-colon", "`subnet:10.0.0.0/16` in a diagram: a CIDR (NET-005) "
        "and `:10` is a port (FBD-009)", "S5.1, S5.2", ["NET-005", "FBD-009"], doc=d)
    d = B()
    db(d)["region"] = "10.0.0.0/8"
    add("net-005-not-in-forbidden-value", "a CIDR inside a forbidden member's value: FBD-003 "
        "only", "S6.3 NET-005 (not the values of forbidden members)", ["FBD-003"],
        rule="FBD-003", doc=d, folder="net")

    forbidden("NET-006", "routes", [], "network", desc="the SPEC's example: `\"routes\": []` "
              "on a network")
    forbidden("NET-006", "route_table", "rt-main", "environment")
    forbidden("NET-006", "routing_tables", {}, "segment")
    prose("NET-006", "routing is decided in a later phase", place="network")
    forbidden("NET-007", "az_count", 3, "network", desc="the SPEC's example")
    forbidden("NET-007", "zone_count", 2, "environment")
    forbidden("NET-007", "availability_zone_count", None, "top")
    prose("NET-007", "no AZ count", place="network")


def cmp_cases():
    for value in ["batch", "scheduled", "on-demand"]:
        d = B()
        svc(d)["process"] = value
        add(f"cmp-001-process-{value}", f"`\"process\": \"{value}\"`", "S6.4 CMP-001",
            ["CMP-001"], doc=d)
    prose("CMP-001", "long-lived; batch jobs are out of scope")
    d = B()
    svc(d)["state"] = "stateful"
    add("cmp-002-stateful", "the SPEC's example: `\"state\": \"stateful\"`", "S6.4 CMP-002",
        ["CMP-002"], doc=d)
    forbidden("CMP-002", "volumes", [], "service", desc="the SPEC's example: `\"volumes\": []`")
    forbidden("CMP-002", "state_store", "redis", "service")
    forbidden("CMP-002", "persistent_volume", None, "service")
    forbidden("CMP-002", "disk", {"size": "10Gi"}, "service")
    d = B()
    add_service(d, "production", "worker")["state"] = "stateful"
    add("cmp-002-stateful-worker-in-production-only",
        "a stateful worker in production only: CMP-002 and INV-001", "S6.4, S6.9",
        ["CMP-002", "INV-001"], doc=d)
    prose("CMP-002", "stores nothing locally; all state is in the main database")
    for value in ["vertical", "none"]:
        d = B()
        svc(d)["scaling"] = value
        add(f"cmp-003-scaling-{value}", f"`\"scaling\": \"{value}\"`", "S6.4 CMP-003",
            ["CMP-003"], doc=d)
    d = B()
    for e in ENVS:
        svc(d, e)["scaling"] = "horizontal"
    add("cmp-003-near-horizontal", "`\"scaling\": \"horizontal\"`", "S6.4 CMP-003 near-miss",
        rule="CMP-003", doc=d)
    forbidden("CMP-004", "max_replicas", 10, "service", desc="the SPEC's example")
    forbidden("CMP-004", "replicas", 3, "service", spec="S3.14 (general table on a service)")
    forbidden("CMP-004", "autoscaling", {"min": 2, "max": 10}, "service")
    forbidden("CMP-004", "instance_count", 2, "environment")
    forbidden("CMP-004", "min_replicas", 1, "database",
              spec="S3.14 (only `replicas`, `replica_count` are Database-specific)")
    forbidden("CMP-004", "desired_count", 0, "ingress")
    d = B()
    for e in ENVS:
        svc(d, e)["scaling"] = "horizontal"
        svc(d, e)["description"] = "scales out; replica counts come later"
    add("cmp-004-near-scaling-concept", "`\"scaling\": \"horizontal\"` and prose",
        "S6.4 CMP-004 near-miss", rule="CMP-004", doc=d)
    S = "S6.4 CMP-004 (instances), S7.2"
    d = B()
    add_service(d, "local", "api", sid="svc-local-api-2")
    add("cmp-004-second-service-named-api-in-local",
        "the SPEC's example: a second service named `api` in local (distinct id): an instance "
        "count by another name", S, ["CMP-004"], doc=d)
    d = B()
    for e in ENVS:
        add_service(d, e, "api", sid=f"svc-{e}-api-2")
        add_service(d, e, "api", sid=f"svc-{e}-api-3")
    add("cmp-004-three-instances-everywhere", "three services named `api` in every environment",
        S, ["CMP-004"], doc=d)
    d = B()
    add_service(d, "production", "api", sid="svc-production-api-2")
    ing(d, "production")["targets"].append("svc-production-api-2")
    add("cmp-004-second-api-targeted-in-production",
        "production has a second `api`, also targeted: the exposed names are still {api}",
        S + ", S6.9", ["CMP-004"], doc=d)
    d = B()
    for e in ENVS:
        add_service(d, e, "API", sid=f"svc-{e}-api-upper")
    add("cmp-004-near-names-differ-in-case", "`api` and `API` in every environment: names are "
        "compared exactly", S, rule="CMP-004", doc=d)
    d = B()
    for e in ENVS:
        add_service(d, e, "worker")
    add("cmp-004-near-distinct-names", "two services with distinct names in every environment",
        S, rule="CMP-004", doc=d)
    d = B()
    add_service(d, "local", "api", sid="svc-local-api-2")
    add_service(d, "production", "worker")
    add("cmp-004-and-inv-001", "a second `api` in local and a `worker` in production only",
        "S6.4 CMP-004, S6.9", ["CMP-004", "INV-001"], doc=d)
    forbidden("CMP-005", "orchestrator", "kubernetes", "service", desc="the SPEC's example")
    forbidden("CMP-005", "kubernetes", {}, "environment")
    forbidden("CMP-005", "helm", "chart", "top")
    forbidden("CMP-005", "ecs", None, "network")
    d = B()
    for e in ENVS:
        svc(d, e)["name"] = "kubernetes-docs"
    add("cmp-005-near-service-named-kubernetes",
        "the SPEC's near-miss: a service named `kubernetes-docs` (in every environment)",
        "S6.4 CMP-005 near-miss, S7.10", rule="CMP-005", doc=d)
    forbidden("CMP-006", "instance_type", "m5.large", "service", desc="the SPEC's example")
    forbidden("CMP-006", "memory", "512Mi", "service")
    forbidden("CMP-006", "vcpus", 2, "service")
    forbidden("CMP-006", "disk_size", "100GB", "database")
    prose("CMP-006", "sized later, in Phase J.5")


def per_cases():
    for value, slug in [("mysql", "mysql"), ("PostgreSQL", "capitalized"),
                        ("Postgres", "postgres-capitalized"), ("postgres15", "postgres15"),
                        ("aurora-postgresql", "aurora"), (" postgresql", "leading-space"),
                        ("postgres ", "postgres-trailing-space")]:
        d = B()
        db(d)["engine"] = value
        add(f"per-001-engine-{slug}", f"`\"engine\": \"{value}\"`", "S6.5 PER-001, S7.11",
            ["PER-001"], doc=d)
    d = B()
    for e in ENVS:
        db(d, e)["description"] = "PostgreSQL, managed"
    add("per-001-near-postgresql", "`\"engine\": \"postgresql\"` (prose may say PostgreSQL)",
        "S6.5 PER-001 near-miss", rule="PER-001", doc=d)
    d = B()
    db(d)["engine"] = "postgres"
    add("per-001-near-postgres", "the SPEC's near-miss: `\"engine\": \"postgres\"` (in local)",
        "S6.5 PER-001 near-miss, S7.11", rule="PER-001", doc=d)
    d = B()
    for e in ENVS:
        db(d, e)["engine"] = "postgres"
    add("per-001-near-postgres-everywhere", "`\"engine\": \"postgres\"` in every environment",
        "S7.11", rule="PER-001", doc=d)
    d = B()
    db(d)["managed"] = False
    add("per-002-unmanaged", "the SPEC's example: `\"managed\": false`", "S6.5 PER-002",
        ["PER-002"], doc=d)
    d = B()
    for e in ENVS:
        db(d, e)["description"] = "managed by the infrastructure"
    add("per-002-near-managed", "`\"managed\": true`", "S6.5 PER-002 near-miss", rule="PER-002",
        doc=d)

    S = "S6.5 PER-003, S7.2"
    d = B()
    for e in ENVS:
        ad(d, e)["access"] = "read-only"
    add("per-003-no-writer-anywhere", "the SPEC's example: every adapter read-only", S,
        ["PER-003"], doc=d)
    d = B()
    for e in ENVS:
        add_service(d, e, "worker")
        add_adapter(d, e, "worker", "main", "read-write")
    add("per-003-two-writers", "the SPEC's example: a second service `worker` writing `main` "
        "(in every environment)", S, ["PER-003"], doc=d)
    d = B()
    for e in ENVS:
        add_database(d, e, "audit")
    add("per-003-database-without-adapter", "a database `audit` that nobody uses", S,
        ["PER-003"], doc=d)
    d = B()
    for e in ENVS:
        env(d, e)["adapters"] = []
    add("per-003-no-adapters", "no adapters at all: `main` has no writer", S, ["PER-003"], doc=d)
    d = B()
    ad(d)["access"] = "read-only"
    add("per-003-no-writer-in-local-only",
        "local's adapter read-only: PER-003 in local, and INV-001 (the access differs)",
        "S6.5, S6.9", ["PER-003", "INV-001"], doc=d)
    d = B()
    for e in ENVS:
        add_service(d, e, "worker")
        add_adapter(d, e, "api", "main", "read-write", aid=f"ad-{e}-api-main-2")
        add_adapter(d, e, "worker", "main", "read-only")
    add("per-003-near-one-writer-two-adapters",
        "the SPEC's near-miss: one service with two read-write adapters, another reading",
        "S6.5 PER-003 near-miss, S7.2", rule="PER-003", doc=d)
    d = B()
    for e in ENVS:
        add_service(d, e, "worker")
        add_database(d, e, "jobs")
        add_adapter(d, e, "worker", "jobs", "read-write")
        add_adapter(d, e, "worker", "main", "read-only")
    add("per-003-near-two-databases-two-writers", "each database has its own single writer",
        S, rule="PER-003", doc=d)

    forbidden("PER-004", "read_replicas", 2, "database", desc="the SPEC's example")
    forbidden("PER-004", "replicas", 2, "database",
              desc="the SPEC's example: `replicas` on a database is PER-004 (kind-specific first)",
              spec="S3.14 kind-specific table")
    forbidden("PER-004", "replica_count", 1, "database", spec="S3.14 kind-specific table")
    forbidden("PER-004", "read_replicas", 0, "service", spec="S3.14 general table")
    prose("PER-004", "no replicas", place="database")
    S = "S6.5 PER-004 (instances), S7.2"
    d = B()
    add_database(d, "local", "main", did="db-local-main-2")
    add_adapter(d, "local", "api", "main-2", "read-write")
    add("per-004-second-database-named-main-in-local",
        "the SPEC's example: a second database named `main` in local, with its own writer", S,
        ["PER-004"], doc=d)
    d = B()
    for e in ENVS:
        add_database(d, e, "main", did=f"db-{e}-main-shard-2")
        add_adapter(d, e, "api", "main-shard-2", "read-write")
    add("per-004-shard-of-main-everywhere",
        "every environment has two databases named `main` (a shard), each written by api", S,
        ["PER-004"], doc=d)
    d = B()
    add_database(d, "local", "main", did="db-local-main-2")
    add("per-004-second-main-without-writer",
        "a second `main` in local and no adapter to it: PER-004 and PER-003", S + ", S6.5 PER-003",
        ["PER-004", "PER-003"], doc=d)
    d = B()
    for e in ENVS:
        add_database(d, e, "audit")
        add_adapter(d, e, "api", "audit", "read-write")
    add("per-004-near-second-database-audit",
        "the SPEC's near-miss: a second database named `audit` (in every environment, with its "
        "writer, as PER-003 and INV-001 require)", "S6.5 PER-004 near-miss", rule="PER-004",
        doc=d)
    d = B()
    for e in ENVS:
        add_database(d, e, "Main", did=f"db-{e}-main-upper")
        add_adapter(d, e, "api", "main-upper", "read-write")
    add("per-004-near-names-differ-in-case", "`main` and `Main` in every environment, each "
        "written once: names are compared exactly", S, rule="PER-004", doc=d)
    forbidden("PER-005", "shard_key", "tenant", "database", desc="the SPEC's example")
    forbidden("PER-005", "partitioning", "by-month", "environment")
    forbidden("PER-005", "sharding", None, "top")
    prose("PER-005", "one instance, not sharded", place="database")
    forbidden("PER-006", "cross_region_replication", False, "database",
              desc="the SPEC's example: `false` (presence is the violation)", spec="S6.5, S7.9")
    forbidden("PER-006", "multi_region", True, "top")
    forbidden("PER-006", "geo_replication", {}, "database")
    prose("PER-006", "no cross-region replication", place="database")
    forbidden("PER-007", "databases", ["db-local-main"], "service", desc="the SPEC's example")
    forbidden("PER-007", "database", "db-local-main", "service")
    forbidden("PER-007", "connection_string", "postgres://main", "service")
    forbidden("PER-007", "dsn", None, "service")
    forbidden("PER-007", "database_url", "", "service")
    prose("PER-007", "reaches main through its persistence adapter")


def ing_cases():
    S = "S6.6 ING-001"
    d = B()
    env(d)["ingresses"].append({"id": "ing-local-2", "segment": "seg-local-ingress",
                                "tls_termination": "infrastructure",
                                "targets": ["svc-local-api"]})
    add("ing-001-second-ingress", "the SPEC's example: a second ingress", S, ["ING-001"], doc=d)
    d = B()
    env(d, "production")["ingresses"] = []
    add("ing-001-no-ingress", "production without an ingress: ING-001, and production exposes "
        "nothing (INV-001)", "S6.6 ING-001, S6.9", ["ING-001", "INV-001"], doc=d)
    d = B()
    for e in ENVS:
        env(d, e)["ingresses"] = []
    add("ing-001-no-ingress-anywhere", "no environment has an ingress: ING-001 in each, and "
        "they all expose the same (nothing)", S, ["ING-001"], doc=d)
    d = B()
    for e in ENVS:
        add_service(d, e, "worker")
        ing(d, e)["targets"].append(f"svc-{e}-worker")
    add("ing-001-near-two-targets", "the SPEC's near-miss: one ingress with two targets",
        "S6.6 ING-001 near-miss", rule="ING-001", doc=d)
    for value in ["runtime", "none"]:
        d = B()
        ing(d)["tls_termination"] = value
        add(f"ing-002-tls-{value}", f"`\"tls_termination\": \"{value}\"`", "S6.6 ING-002",
            ["ING-002"], doc=d)
    d = B()
    for e in ENVS:
        ing(d, e)["description"] = "TLS terminates here"
    add("ing-002-near-infrastructure", "`\"tls_termination\": \"infrastructure\"`",
        "S6.6 ING-002 near-miss", rule="ING-002", doc=d)
    forbidden("ING-003", "load_balancer", "ALB", "ingress", desc="the SPEC's example")
    forbidden("ING-003", "api_gateway", {}, "environment")
    forbidden("ING-003", "gateway", "kong", "ingress")
    forbidden("ING-003", "lb_type", "nlb", "ingress")
    d = B()
    for e in ENVS:
        ing(d, e)["load_balancing"] = True
    add("ing-003-near-load-balancing", "the SPEC's near-miss: `\"load_balancing\": true`",
        "S6.6 ING-003 near-miss", rule="ING-003", doc=d)


def cfg_cases():
    def placement(cid, boundary, value, rule, desc):
        d = B()
        env(d)[boundary]["placement"] = value
        add(cid, desc, f"S6.7 {rule}", [rule], doc=d)
    placement("cfg-001-configuration-in-runtime", "configuration", "runtime", "CFG-001",
              "`configuration.placement` is `runtime`")
    placement("cfg-002-secrets-in-configuration", "secrets", "configuration", "CFG-002",
              "`secrets.placement` is `configuration`")
    placement("cfg-003-secrets-in-runtime", "secrets", "runtime", "CFG-003",
              "`secrets.placement` is `runtime`")
    d = B()
    env(d, "production")["configuration"]["placement"] = "runtime"
    env(d, "production")["secrets"]["placement"] = "runtime"
    add("cfg-001-and-cfg-003-in-production", "production bakes configuration and secrets into "
        "the runtime", "S6.7", ["CFG-001", "CFG-003"], doc=d)
    for rule in ("CFG-001", "CFG-002", "CFG-003"):
        d = B()
        for e in ENVS:
            env(d, e)["configuration"]["description"] = "a boundary of its own"
            env(d, e)["secrets"]["description"] = "a boundary of its own"
        add(f"{rule.lower()}-near-dedicated", "both boundaries `dedicated`",
            f"S6.7 {rule} near-miss", rule=rule, doc=d)
    forbidden("CFG-004", "secrets_manager", "vault", "secrets", desc="the SPEC's example")
    forbidden("CFG-004", "vault", True, "environment")
    forbidden("CFG-004", "secret_store", None, "configuration")
    prose("CFG-004", "no secret manager is selected", place="secrets")
    forbidden("CFG-005", "kms", {}, "secrets", desc="the SPEC's example: `\"kms\": {}` on the "
              "secrets boundary")
    forbidden("CFG-005", "key_hierarchy", ["root", "data"], "top")
    forbidden("CFG-005", "encryption_keys", [], "database")
    prose("CFG-005", "no key hierarchy yet", place="secrets")
    forbidden("CFG-006", "rotation", "90d", "secrets", desc="the SPEC's example")
    forbidden("CFG-006", "key_rotation", True, "configuration")
    forbidden("CFG-006", "rotation_policy", None, "environment")
    prose("CFG-006", "rotation is decided in Phase J.6", place="secrets")


# The names the SPEC added to the S3.14 general table: one case per name, on rotating kinds.
NEW_FORBIDDEN_NAMES = [
    ("NET-005", "subnet subnets vpc vnet"),
    ("CMP-005", "cluster namespace node_pool node_group fargate task_definition"),
    ("CMP-006", "instance_class db_instance_class node_type sku allocated_storage iops"),
    ("PER-004", "read_replica replica standby failover multi_az"),
    ("ING-003", "waf cdn ingress_controller listener listeners"),
    ("CFG-004", "parameter_store ssm"),
    ("FBD-002", "project_id resource_group tenant_id"),
    ("FBD-003", "location"),
    ("FBD-005", "role roles service_account allowlist ingress_rules egress_rules"),
    ("FBD-006", "workflow workflows github_actions"),
    ("FBD-007", "telemetry opentelemetry logs alerts"),
    ("PHS-001", "implementation image container_image dockerfile"),
]
ROTATION = ["service", "database", "environment", "top", "network", "segment", "ingress",
            "adapter", "configuration", "secrets", "diagram", "staging"]
VALUES = [None, True, 0, "", [], {}, "x", 1]


def new_forbidden_name_cases():
    i = 0
    for rule, names in NEW_FORBIDDEN_NAMES:
        for name in names.split():
            place = ROTATION[i % len(ROTATION)]
            value = VALUES[i % len(VALUES)]
            forbidden(rule, name, value, place, spec=f"S3.14 general table, S6 {rule}")
            i += 1
    # S3.14 last paragraph: names with other meanings elsewhere are still forbidden.
    forbidden("NET-006", "routes", ["/health", "/api"], "service",
              cid="net-006-routes-as-http-paths-on-service",
              desc="`routes` meaning HTTP paths on a service is still NET-006",
              spec="S3.14 (other meanings)")
    forbidden("FBD-002", "subscription", {"topic": "events"}, "adapter",
              cid="fbd-002-subscription-as-messaging-on-adapter",
              desc="`subscription` meaning a messaging subscription is still FBD-002",
              spec="S3.14 (other meanings)")
    forbidden("FBD-005", "role", "clinician", "service", cid="fbd-005-role-as-business-role",
              desc="`role` meaning a business role is still FBD-005", spec="S3.14 (other meanings)")
    d = B()
    db(d)["replicas"] = 1
    db(d)["replica"] = 1
    svc(d)["replica"] = 1
    add("per-004-replica-on-service-and-database", "`replica` is in the general table: PER-004 "
        "on a service too (unlike `replicas`, which is CMP-004 there)", "S3.14",
        ["PER-004"], doc=d)
    d = B()
    for e in ENVS:
        env(d, e)["description"] = "no subnet, vpc, cluster, namespace, sku, standby, waf or cdn"
    add("net-005-near-new-names-in-prose", "the new forbidden names as words in prose",
        "S7.10", rule="NET-005", doc=d)


def fbd_cases():
    table = [
        ("FBD-001", "terraform", "main.tf", "top"),
        ("FBD-002", "account_id", "123456789012", "environment"),
        ("FBD-003", "region", "eu-west-1", "environment"),
        ("FBD-004", "cost_estimate", 1200, "top"),
        ("FBD-005", "security_groups", [], "network"),
        ("FBD-006", "pipeline", {}, "top"),
        ("FBD-007", "monitoring", "prometheus", "service"),
        ("FBD-008", "tags", {"team": "a"}, "database"),
    ]
    for rule, name, value, place in table:
        forbidden(rule, name, value, place, desc="the SPEC's S6.8 example")
    more = [
        ("FBD-001", "pulumi", None, "environment"), ("FBD-002", "subscription", "sub-1", "top"),
        ("FBD-003", "region", None, "database"), ("FBD-003", "zone", "b", "segment"),
        ("FBD-004", "budget", 500, "environment"), ("FBD-005", "iam_role", "api-role", "service"),
        ("FBD-006", "ci_cd", "github", "service"), ("FBD-007", "tracing", True, "adapter"),
        ("FBD-008", "tags", None, "diagram"), ("FBD-008", "arn", "arn:aws:rds:x", "database"),
    ]
    for rule, name, value, place in more:
        forbidden(rule, name, value, place)
    words = {"FBD-001": "no Terraform or other IaC in this phase",
             "FBD-002": "no cloud account is chosen",
             "FBD-003": "the region is chosen later",
             "FBD-004": "cost and sizing come in Phase J.5",
             "FBD-005": "security groups and IAM come later",
             "FBD-006": "no pipeline is designed here",
             "FBD-007": "monitoring and logging are out of scope",
             "FBD-008": "tags and naming conventions come later"}
    for rule, text in words.items():
        prose(rule, text, place="environment")

    S = "S5.2, S5.3, S6.8 FBD-009"
    yes = [
        ("ingress -> api", "arrow-spec"), ("api :8080", "port-spec"),
        (":5432", "colon-port"), ("host:443", "host-port"), ("10.0.0.1:80", "address-port"),
        (":65535", "five-digit-port"), ("port 443", "port-word"), ("Port: 8080", "port-colon"),
        ("ports=80", "ports-equals"), ("port443", "port-joined"), ("PORT #\t9", "port-hash-tab"),
        ("443/tcp", "tcp"), ("53/UDP", "udp-uppercase"), ("meet at 12:30", "clock-time"),
        ("ratio 1:2", "ratio"), ("1port 2", "digit-before-port"), ("_port 1", "underscore-port"),
        ("\u00e9port 1", "non-ascii-letter-before-port"), ("<!-- note -->", "html-comment-close"),
        ("<-", "left-arrow"), ("a => b", "fat-arrow"), ("a <= b", "less-or-equal"),
        ("a --> b", "long-arrow"), ("a <-> b", "both-ways"), ("a ==> b", "long-fat-arrow"),
        ("a \u2192 b", "u2192"), ("a \u21d2 b", "u21d2"), ("a \u27f6 b", "u27f6"),
        ("\u2190", "u2190-block-start"), ("\u21ff", "u21ff-block-end"),
        ("\u27f0", "u27f0-block-start"), ("\u27ff", "u27ff-block-end"),
        ("\u2900", "u2900-block-start"), ("\u297f", "u297f-block-end"),
    ]
    for content, slug in yes:
        add(f"fbd-009-{slug}", f"diagram content `{content}`", S, ["FBD-009"],
            doc=with_diagram(content))
    add("fbd-009-port-in-title", "a diagram title `api :8080`", S, ["FBD-009"],
        doc=with_diagram("ingress, runtime, persistence", title="api :8080"))
    add("fbd-009-arrow-in-title", "a diagram title `ingress -> api`", S, ["FBD-009"],
        doc=with_diagram("ingress, runtime, persistence", title="ingress -> api"))
    d = with_diagram("[ingress] --- [runtime]")
    d["diagrams"].append({"title": "Flow", "content": "ingress -> runtime -> persistence"})
    add("fbd-009-second-diagram", "the second of two diagrams has arrows", S, ["FBD-009"], doc=d)
    no = [
        ("[ingress] --- [runtime] --- [persistence]", "spec-dashes"),
        ("ports and adapters", "ports-and-adapters"), ("the ingress port", "the-ingress-port"),
        ("support 3", "support-3"), ("version 1.2.3", "version"), ("id:123456", "six-digit-run"),
        ("passport 1", "passport"), ("port - 80", "port-dash"), ("1234567/tcp", "long-tcp"),
        ("a | b", "pipe"), ("a > b", "greater"), ("a < b", "less"), ("a = b", "equals"),
        ("a - > b", "spaced-arrow"), ("a >= b", "greater-or-equal"), ("a ---- b", "dashes"),
        ("a \u218b b", "u218b-before-arrows"), ("a \u2200 b", "u2200-after-arrows"),
        ("a \u27ef b", "u27ef-before-supplemental-a"), ("a \u2980 b", "u2980-after-supplemental-b"),
        ("ingress: runtime", "colon-no-digit"), ("port\u017f 1", "long-s-is-not-s"),
    ]
    for content, slug in no:
        add(f"fbd-009-near-{slug}", f"diagram content `{content}` has no port or arrow", S,
            rule="FBD-009", doc=with_diagram(content))
    add("fbd-009-near-arrow-in-description", "an arrow in a description (not a diagram)",
        "S7.10", rule="FBD-009", doc=with_desc("ingress -> api -> main"))
    add("fbd-009-near-port-in-description", "a port in a description (not a diagram)", "S7.10",
        rule="FBD-009", doc=with_desc("the ingress listens on port 443, api on :8080"))
    d = B()
    for e in ENVS:
        svc(d, e)["name"] = "api:8080"
    add("fbd-009-near-port-in-service-name", "`api:8080` as a service name (not a diagram)",
        "S7.10", rule="FBD-009", doc=d)


def inv_cases():
    S = "S6.9 INV-001, S7.3"
    d = B()
    add_service(d, "production", "worker")
    add("inv-001-worker-in-production-only", "the SPEC's example: `worker` in production only",
        S, ["INV-001"], doc=d)
    d = B()
    for e in ("local", "staging"):
        add_service(d, e, "worker")
    add("inv-001-worker-missing-in-production", "`worker` in local and staging only", S,
        ["INV-001"], doc=d)
    d = B()
    db(d)["name"] = "primary"
    add("inv-001-database-renamed-in-local", "local's database is named `primary`", S,
        ["INV-001"], doc=d)
    d = B()
    for e in ("local", "staging"):
        svc(d, e)["name"] = "web"
    add("inv-001-service-renamed", "the service is `web` in local and staging, `api` in "
        "production", S, ["INV-001"], doc=d)
    d = B()
    add_adapter(d, "local", "api", "main", "read-only", aid="ad-local-api-main-ro")
    add("inv-001-extra-read-only-access-in-local",
        "local also reads `main` read-only: an access triple production lacks", S, ["INV-001"],
        doc=d)
    d = B()
    env(d, "staging")["databases"] = []
    env(d, "staging")["adapters"] = []
    add("inv-001-staging-without-database", "staging has no database and no adapter", S,
        ["INV-001"], doc=d)
    d = B()
    del d["environments"]["staging"]
    add_service(d, "production", "worker")
    add("inv-001-two-environments-differ", "staging absent; production has `worker`",
        "S6.9 (two or more present environments)", ["ENV-001", "INV-001"], doc=d)
    d = B()
    for e in ENVS:
        add_service(d, e, "worker", sid=f"worker-{e}-{len(e)}")
    add("inv-001-near-worker-everywhere-different-ids",
        "the SPEC's near-miss: `worker` in all three with different ids",
        "S6.9 INV-001 near-miss", rule="INV-001", doc=d)
    S = "S6.9 INV-001 (what is exposed), S7.3"
    d = B()
    for e in ENVS:
        add_service(d, e, "worker")
    ing(d, "production")["targets"].append("svc-production-worker")
    add("inv-001-production-also-exposes-worker",
        "the SPEC's example: `worker` exists everywhere, and production's ingress also targets "
        "it (local and staging are reported)", S, ["INV-001"], doc=d)
    d = B()
    for e in ENVS:
        add_service(d, e, "worker")
        ing(d, e)["targets"] = [f"svc-{e}-worker"]
    ing(d, "local")["targets"] = ["svc-local-api"]
    add("inv-001-local-exposes-another-service",
        "local's ingress targets `api`, the others' `worker`", S, ["INV-001"], doc=d)
    d = B()
    for e in ("local", "staging"):
        env(d, e)["ingresses"].append({"id": f"ing-{e}-2", "segment": f"seg-{e}-ingress",
                                       "tls_termination": "infrastructure", "targets": []})
    env(d, "production")["ingresses"].append({"id": "ing-production-2",
                                              "segment": "seg-production-ingress",
                                              "tls_termination": "infrastructure",
                                              "targets": ["svc-production-api"]})
    add("inv-001-near-exposure-is-a-set-over-ingresses",
        "two ingresses per environment (ING-001), exposing {api} everywhere however split: no "
        "INV-001", "S6.9 (the set of names its ingresses' targets resolve to)", ["ING-001"],
        rule="ING-001", doc=d, folder="inv")
    d = B()
    for e in ENVS:
        add_service(d, e, "worker")
        ing(d, e)["targets"].append(f"svc-{e}-worker")
    ing(d, "local")["targets"].reverse()
    add("inv-001-near-both-exposed-everywhere", "every ingress targets `api` and `worker` "
        "(in another order in local)", S, rule="INV-001", doc=d)
    d = B()
    svc(d, "production")["scaling"] = "horizontal"
    svc(d, "production")["visibility"] = "private"
    svc(d, "production")["description"] = "production api"
    db(d, "staging")["description"] = "staging copy"
    add("inv-001-near-infrastructure-differences",
        "descriptions, visibility and scaling differ: not semantics", "S7.3", rule="INV-001",
        doc=d)
    forbidden("INV-002", "multi_cloud", True, "top", desc="the SPEC's example")
    forbidden("INV-002", "cloud_agnostic", True, "environment")
    forbidden("INV-002", "abstraction_layer", "crossplane", "service")
    prose("INV-002", "portable through discipline, no abstraction layer", place="environment")


def phs_cases():
    forbidden("PHS-001", "deployment", {"strategy": "blue-green"}, "service",
              desc="the SPEC's example")
    forbidden("PHS-001", "rollout", "canary", "environment")
    forbidden("PHS-001", "release", "v1", "top")
    forbidden("PHS-001", "execution", None, "adapter")
    prose("PHS-001", "not deployed in this phase")
    forbidden("PHS-002", "secrets", ["sec-local"], "service", desc="the SPEC's example")
    forbidden("PHS-002", "configuration", {"id": "cfg-local"}, "service",
              desc="`configuration` on a service is PHS-002 (known on Environment only)",
              spec="S3.14 kind-specific table")
    forbidden("PHS-002", "env_vars", {"PORT": "8080"}, "service")
    forbidden("PHS-002", "secret_refs", [], "service")
    forbidden("PHS-002", "environment_variables", None, "service")
    d = B()
    for e in ENVS:
        env(d, e)["secrets"]["description"] = "the environment's own secrets boundary"
        svc(d, e)["description"] = "reads configuration at start"
    add("phs-002-near-environment-boundaries", "the SPEC's near-miss: the environment's own "
        "`secrets` and `configuration` boundaries; prose about configuration",
        "S6.10 PHS-002 near-miss", rule="PHS-002", doc=d)


def multi_cases():
    d = B()
    d["terraform"] = {"backend": "s3"}
    for e in ENVS:
        x = env(d, e)
        x["region"] = "eu-west-1"
        x["account_id"] = "123456789012"
        net(d, e)["cidr_block"] = "10.0.0.0/16"
        net(d, e)["az_count"] = 3
        svc(d, e)["instance_type"] = "t3.medium"
        svc(d, e)["desired_count"] = 2
        db(d, e)["tags"] = {"env": e}
    add("multi-terraform-habits", "a team's Terraform variables written into the design",
        "S3.14", ["FBD-001", "FBD-003", "FBD-002", "NET-005", "NET-007", "CMP-006", "CMP-004",
                  "FBD-008"], doc=d)
    d = B()
    svc(d)["state"] = "stateful"
    svc(d)["volumes"] = ["/data"]
    svc(d)["kubernetes"] = {"kind": "StatefulSet"}
    add("multi-stateful-service-on-kubernetes", "a stateful service with a volume on Kubernetes",
        "S6.4", ["CMP-002", "CMP-005"], doc=d)
    d = B()
    d["diagrams"] = [{"title": "Request path", "content": "client -> ingress :443 -> api :8080 "
                      "-> main :5432 (10.0.2.0/24)"}]
    add("multi-technical-diagram", "a diagram with ports, arrows and a CIDR", "S6.8, S6.3",
        ["FBD-009", "NET-005"], doc=d)
    d = B()
    for e in ENVS:
        svc(d, e)["process"] = "batch"
        svc(d, e)["state"] = "stateful"
        svc(d, e)["scaling"] = "vertical"
        svc(d, e)["visibility"] = "public"
        db(d, e)["engine"] = "mysql"
        db(d, e)["managed"] = False
        ing(d, e)["tls_termination"] = "runtime"
        env(d, e)["configuration"]["placement"] = "runtime"
        env(d, e)["secrets"]["placement"] = "configuration"
    add("multi-every-layer-3-value-rule", "every enum and bool rule of layer 3 at once",
        "S6.3-S6.7", ["CMP-001", "CMP-002", "CMP-003", "NET-002", "PER-001", "PER-002",
                      "ING-002", "CFG-001", "CFG-002"], doc=d)
    d = B()
    del svc(d)["state"]
    svc(d)["process"] = "daemon"
    db(d)["managed"] = "no"
    add("multi-all-blocking-layer-2", "DOC-005, DOC-006 and DOC-008 together", "S4.2",
        ["DOC-005", "DOC-006", "DOC-008"], doc=d)
    d = B()
    for i in range(150):
        d["a%03d" % i] = None
    d["name"] = "plan 10.0.0.0/8"
    add("multi-rule-set-beyond-the-listing-cap", "150 unknown members (`/a000` ... `/a149`), "
        "then a CIDR block at `/name`, after all of them in report order: a report lists 100 "
        "of the DOC-007s, and its rule set still has NET-005", "S9, S7.19",
        ["DOC-007", "NET-005"], doc=d)


def authorized_cases():
    add("authorized-base-design", "the SPEC S6.0 base design", "S6.0", doc=B(),
        folder="authorized")
    d = B()
    d["name"] = "zenthea"
    d["description"] = "every optional member present"
    d["diagrams"] = [{"title": "Segments", "content": "[ingress] --- [runtime] --- [persistence]"}]
    for e in ENVS:
        x = env(d, e)
        x["description"] = f"the {e} environment"
        net(d, e)["description"] = "primary boundary"
        net(d, e)["visibility"] = "private"
        for sg in net(d, e)["segments"]:
            sg["description"] = sg["kind"]
        ing(d, e)["load_balancing"] = True
        ing(d, e)["description"] = "single ingress"
        svc(d, e).update({"scaling": "horizontal", "visibility": "private",
                          "description": "public API"})
        db(d, e).update({"visibility": "private", "description": "main data"})
        ad(d, e)["description"] = "api writes main"
        x["configuration"]["description"] = "configuration boundary"
        x["secrets"]["description"] = "secrets boundary"
    add("authorized-every-optional-member", "the base design with every optional member of S3 "
        "set to an authorized value", "S3, S6", doc=d, folder="authorized")
    d = B()
    for e in ENVS:
        add_service(d, e, "worker")
        add_service(d, e, "notifier")
        add_database(d, e, "events")
        add_adapter(d, e, "api", "events", "read-only")
        add_adapter(d, e, "worker", "main", "read-only")
        add_adapter(d, e, "worker", "events", "read-write")
        add_adapter(d, e, "notifier", "events", "read-only")
    add("authorized-three-services-two-databases",
        "three services and two databases, each database with exactly one writer", "S6.5, S7.2",
        doc=d, folder="authorized")
    d = B()
    for e in ENVS:
        x = env(d, e)
        x["services"], x["databases"], x["adapters"] = [], [], []
        ing(d, e)["targets"] = []
    add("authorized-no-components", "no services, databases or adapters anywhere", "S7.12",
        doc=d, folder="authorized")


def grammar_cases():
    """The rows and forms the SPEC added to S5.1-S5.3."""
    rows = [
        ("10.0.0.0/255.255.0.0", True, "table-netmask", "S5.1 table"),
        ("10.0.0.0/255.255.0", False, "table-netmask-three-groups", "S5.1 table"),
        ("10.0.0.0/255.255.255.0.", True, "grammar-netmask-trailing-dot-removed", "S5.1"),
        ("10.0.0.0/1.2.3.4", True, "grammar-netmask-any-ipv4-address", "S5.1"),
        ("10.0.0.0/32.1", True, "grammar-prefix-then-dot-digit", "S5.1"),
        ("10.0.0.0/255.255.0.0.1", False, "grammar-netmask-five-groups", "S5.1"),
        ("10.0.0.0/256.255.0.0", False, "grammar-netmask-group-256", "S5.1"),
        ("2001:db8::/255.255.0.0", False, "grammar-netmask-after-ipv6", "S5.1"),
        ("::ffff:10.0.0.0/255.255.0.0", True, "grammar-ipv4-tail-with-netmask", "S5.1 (A4)"),
    ]
    for text, yes, slug, spec in rows:
        if yes:
            add(f"net-005-{slug}", f"{spec}: `{text}` is a CIDR block", spec, ["NET-005"],
                doc=with_desc(text))
        else:
            add(f"net-005-near-{slug}", f"{spec}: `{text}` is not a CIDR block", spec,
                rule="NET-005", doc=with_desc(text))
    S = "S5.2, S6.8 FBD-009"
    ports = [
        ("GET api:8080/health", True, "colon-port-then-slash"),
        ("stroke-width:2px", False, "letter-after-colon-digits"),
        (":80a", False, "colon-digits-then-letter"),
        (":80\u00e9", True, "colon-digits-then-non-ascii-letter"),
        (":80_", True, "colon-digits-then-underscore"),
        ("tcp/443", True, "form-4-tcp"),
        ("UDP/53", True, "form-4-udp-uppercase"),
        ("tcp/ip", False, "form-4-tcp-ip"),
        ("xtcp/443", False, "form-4-letter-before"),
        ("1tcp/443", True, "form-4-digit-before"),
        ("_udp/53", True, "form-4-underscore-before"),
        ("tcp/ 443", False, "form-4-space-after-slash"),
        ("tcp/123456", True, "form-4-six-digits"),
        ("tcp 443", False, "form-4-no-slash"),
        ("1234567/tcp", False, "form-3-maximal-run"),
        ("12345/tcp", True, "form-3-five-digits"),
        ("123456/udp", False, "form-3-six-digits"),
    ]
    for content, yes, slug in ports:
        if yes:
            add(f"fbd-009-port-{slug}", f"diagram content `{content}` has a port", S,
                ["FBD-009"], doc=with_diagram(content))
        else:
            add(f"fbd-009-near-port-{slug}", f"diagram content `{content}` has no port", S,
                rule="FBD-009", doc=with_diagram(content))
    S = "S5.3, S6.8 FBD-009"
    arrows = [
        ("a \u2014> b", True, "em-dash-gt"), ("a <\u2013 b", True, "lt-en-dash"),
        ("a \u2010> b", True, "u2010-hyphen-gt"), ("a \u2011> b", True, "u2011-gt"),
        ("a \u2015> b", True, "u2015-gt"), ("a \u2212> b", True, "minus-sign-gt"),
        ("a <\u2212 b", True, "lt-minus-sign"), ("a <\u2010 b", True, "lt-u2010"),
        ("a \u2014 b", False, "em-dash-alone"), ("a \u2014 > b", False, "em-dash-space-gt"),
        ("a >\u2014 b", False, "gt-em-dash"), ("a \u2014< b", False, "em-dash-lt"),
        ("a \u2016> b", False, "u2016-gt"), ("a \u200f> b", False, "u200f-gt"),
        ("a \u2794 b", True, "u2794-dingbat-start"), ("a \u27bf b", True, "u27bf-dingbat-end"),
        ("a \u2793 b", False, "u2793-before-dingbat-arrows"),
        ("a \u27c0 b", False, "u27c0-after-dingbat-arrows"),
        ("a \u2b00 b", True, "u2b00-misc-start"), ("a \u2b05 b", True, "u2b05-leftwards"),
        ("a \u2b11 b", True, "u2b11-misc-first-end"),
        ("a \u2b12 b", False, "u2b12-after-first-misc-range"),
        ("a \u2b5f b", False, "u2b5f-before-second-misc-range"),
        ("a \u2b60 b", True, "u2b60-misc-second-start"),
        ("a \u2bb9 b", True, "u2bb9-misc-second-end"),
        ("a \u2bba b", False, "u2bba-after-second-misc-range"),
        ("a \U0001f800 b", True, "u1f800-supplemental-c-start"),
        ("a \U0001f852 b", True, "u1f852-spec-example"),
        ("a \U0001f8ff b", True, "u1f8ff-supplemental-c-end"),
        ("a \U0001f7ff b", False, "u1f7ff-before-supplemental-c"),
        ("a \U0001f900 b", False, "u1f900-after-supplemental-c"),
    ]
    for content, yes, slug in arrows:
        if yes:
            add(f"fbd-009-arrow-{slug}", f"diagram content `{content}` has an arrow", S,
                ["FBD-009"], doc=with_diagram(content))
        else:
            add(f"fbd-009-near-arrow-{slug}", f"diagram content `{content}` has no arrow", S,
                rule="FBD-009", doc=with_diagram(content))


def provider_artifact_cases():
    """S5.4: every edge-case row as its own case, then the grammar's boundaries, then places."""
    rule_of = {"FBD-003": "fbd", "FBD-008": "fbd", "FBD-001": "fbd", "CMP-005": "cmp"}
    T = "S5.4 table"
    G = "S5.4 grammar"
    rows = [
        # the edge-case table, row by row
        ("in us-east-1", "FBD-003", "region-in-us-east-1", T),
        ("zone eu-west-1a.", "FBD-003", "region-zone-eu-west-1a", T),
        ("us-gov-west-1", "FBD-003", "region-us-gov-west-1", T),
        ("europe-west1", "FBD-003", "region-gcp-europe-west1", T),
        ("us-central1-a", "FBD-003", "region-gcp-zone-us-central1-a", T),
        ("us-east-1ab", None, "region-two-zone-letters", T),
        ("bus-east-1", None, "region-letter-before", T),
        ("us-east", None, "region-no-number", T),
        ("US-EAST-1", None, "region-uppercase", T),
        ("east-west-1", None, "region-unknown-area", T),
        ("arn:aws:rds:\u2026", "FBD-008", "arn-aws-rds", T),
        ("arn:aws-cn:s3", "FBD-008", "arn-aws-cn", T),
        ('resource "aws_db_instance" "main" {', "FBD-001", "hcl-resource", T),
        ('module "vpc" {', "FBD-001", "hcl-module", T),
        ('the resource "api" is stateless', None, "hcl-resource-in-prose", T),
        ("the module owns it", None, "hcl-module-in-prose", T),
        ("Type: AWS::RDS::DBInstance", "FBD-001", "cloudformation-type", T),
        ("apiVersion: apps/v1", "CMP-005", "api-version", T),
        ("westeurope", None, "azure-region-name", "S5.4 (Azure region names)"),
        # the grammar's boundaries
        ("ap-southeast-2", "FBD-003", "region-ap-southeast-2", G),
        ("il-central-1", "FBD-003", "region-il-central-1", G),
        ("cn-northwest-1", "FBD-003", "region-cn-northwest-1", G),
        ("us-east-10", "FBD-003", "region-two-digits", G),
        ("us-east-100", None, "region-three-digits", G),
        ("us-east-1A", None, "region-uppercase-zone", G),
        ("us-east-1-a", "FBD-003", "region-then-dash", G),
        ("us-east-1_x", "FBD-003", "region-then-underscore", G),
        ("_us-east-1", "FBD-003", "region-after-underscore", G),
        ("1us-east-1", None, "region-after-digit", G),
        ("\u00e9us-east-1", "FBD-003", "region-after-non-ascii-letter", G),
        ("us-east-1\u00e9", "FBD-003", "region-before-non-ascii-letter", G),
        ("us-gov-west1", None, "region-gov-gcp-form", G),
        ("eu-west1", None, "region-aws-area-gcp-form", G),
        ("europe-west-1", None, "region-gcp-area-aws-form", G),
        ("asia-northeast1", "FBD-003", "region-gcp-asia-northeast1", G),
        ("australia-southeast1-b", "FBD-003", "region-gcp-zone-australia", G),
        ("europe-west1-ab", "FBD-003", "region-gcp-zone-not-taken", G),
        ("us-middle-1", None, "region-unknown-direction", G),
        ("arn:aws-us-gov:iam", "FBD-008", "arn-aws-us-gov", G),
        ("arn:aws-", "FBD-008", "arn-aws-dash-at-end", G),
        ("arn:aws", None, "arn-aws-at-end", G),
        ("arn:awsx:s3", None, "arn-awsx", G),
        ("ARN:AWS:s3", None, "arn-uppercase", G),
        ("xarn:aws:s3", None, "arn-letter-before", G),
        ("(arn:aws:s3)", "FBD-008", "arn-after-parenthesis", G),
        ('data "aws_ami" "ubuntu" {', "FBD-001", "hcl-data", G),
        ('provider "aws" {', "FBD-001", "hcl-provider", G),
        ('resource "x"{', "FBD-001", "hcl-no-space-before-brace", G),
        ('resource\t"x" \t{', "FBD-001", "hcl-tabs", G),
        ('resource  "x" "y"', "FBD-001", "hcl-second-label", G),
        ('resource"x" {', None, "hcl-no-space-after-keyword", G),
        ('resource "x" y {', None, "hcl-word-before-brace", G),
        ('resource "a\nb" {', None, "hcl-line-feed-in-label", G),
        ('Resource "x" {', None, "hcl-capitalized", G),
        ('myresource "x" {', None, "hcl-letter-before", G),
        ('_module "x" {', "FBD-001", "hcl-after-underscore", G),
        ("AWSTemplateFormatVersion", "FBD-001", "cloudformation-template-version", G),
        ("xAWSTemplateFormatVersion", None, "cloudformation-version-letter-before", G),
        ("AWS::S3::Bucket", "FBD-001", "cloudformation-aws-s3", G),
        ("AWS::1", None, "cloudformation-digit-after", G),
        ("aws::s3", None, "cloudformation-lowercase", G),
        ("apiVersion: v1", "CMP-005", "api-version-v1", G),
        ("apiVersion:", "CMP-005", "api-version-alone", G),
        ("apiversion: v1", None, "api-version-lowercase", G),
        ("apiVersion : v1", None, "api-version-space-before-colon", G),
        ("xapiVersion: v1", None, "api-version-letter-before", G),
        ("kind: Deployment", None, "kind-deployment", G),
    ]
    for text, rule, slug, spec in rows:
        if rule:
            add(f"{rule.lower()}-text-{slug}", f"{spec}: `{text}` in a description is {rule}",
                spec + f", S6 {rule}", [rule], doc=with_desc(text), folder=rule_of[rule])
    near_rules = {"region": "FBD-003", "arn": "FBD-008", "hcl": "FBD-001",
                  "cloudformation": "FBD-001", "api": "CMP-005", "kind": "CMP-005",
                  "azure": "FBD-003"}
    for text, rule, slug, spec in rows:
        if not rule:
            r = near_rules[slug.split("-")[0]]
            add(f"{r.lower()}-near-text-{slug}", f"{spec}: `{text}` in a description is not found",
                spec, rule=r, doc=with_desc(text))
    # In ids, references, names, titles and diagram contents (every string NET-005 scans).
    S = "S5.4, S6.8"
    d = B()
    svc(d)["id"] = "svc-us-east-1"
    ing(d)["targets"] = ["svc-us-east-1"]
    ad(d)["service"] = "svc-us-east-1"
    add("fbd-003-text-in-id-and-references", "a service id `svc-us-east-1` and the references to "
        "it (the code starts after `-`)", S, ["FBD-003"], doc=d)
    d = B()
    for e in ENVS:
        db(d, e)["name"] = "main-eu-west-1"
    add("fbd-003-text-in-database-name", "a database named `main-eu-west-1` in every environment",
        S, ["FBD-003"], doc=d)
    add("fbd-003-text-in-diagram-title", "a diagram titled `eu-central-1`", S, ["FBD-003"],
        doc=with_diagram("ingress, runtime, persistence", title="eu-central-1"))
    add("fbd-003-text-spec-example", "the SPEC's example: a description `runs in eu-west-1`",
        "S6.8 FBD-003", ["FBD-003"], doc=with_desc("runs in eu-west-1"))
    d = B()
    db(d)["id"] = "arn:aws:rds:db-local-main"
    ad(d)["database"] = "arn:aws:rds:db-local-main"
    add("fbd-008-text-in-id", "the SPEC's example: an id `arn:aws:rds:…` (and the adapter's "
        "reference to it)", "S6.8 FBD-008", ["FBD-008"], doc=d)
    d = B()
    for e in ENVS:
        svc(d, e)["name"] = "arn:aws:lambda:api"
    add("fbd-008-text-in-service-name", "a service named `arn:aws:lambda:api` everywhere", S,
        ["FBD-008"], doc=d)
    add("fbd-001-text-in-diagram", "the SPEC's example: a diagram content "
        "`resource \"aws_db_instance\" \"main\" {`", "S6.8 FBD-001", ["FBD-001"],
        doc=with_diagram('resource "aws_db_instance" "main" {'))
    d = B()
    env(d, "production")["description"] = "AWSTemplateFormatVersion: 2010-09-09"
    add("fbd-001-text-in-environment-description", "a CloudFormation header in production's "
        "description", S, ["FBD-001"], doc=d)
    add("cmp-005-text-in-diagram", "`apiVersion: apps/v1` as a diagram's content",
        "S5.4, S6.4 CMP-005", ["CMP-005"], doc=with_diagram("apiVersion: apps/v1\nkind: Service"))
    add("cmp-005-text-spec-example", "the SPEC's example: a description holding "
        "`apiVersion: apps/v1`", "S6.4 CMP-005", ["CMP-005"],
        doc=with_desc("deployed with apiVersion: apps/v1"))
    d = B()
    svc(d)["description"] = "arn:aws:rds:eu-west-1:123456789012:db:main"
    add("multi-arn-with-region", "an ARN with a region in it: FBD-008 and FBD-003", S,
        ["FBD-008", "FBD-003"], doc=d)
    add("multi-cloudformation-snippet", "a CloudFormation snippet in a diagram: FBD-001, the "
        "region (FBD-003), the ARN (FBD-008), the port (FBD-009)",
        "S5.4, S5.2", ["FBD-001", "FBD-003", "FBD-008", "FBD-009"],
        doc=with_diagram("Type: AWS::RDS::DBInstance\nRegion: us-east-2\n"
                         "Arn: arn:aws:rds:x\nPort: 5432"))
    d = B()
    d["description"] = "no region is selected; terraform comes in Phase J.5; no arn or kubernetes"
    add("fbd-003-near-spec-prose", "the SPEC's near-miss prose: `no region is selected`, "
        "`terraform comes in Phase J.5`", "S6.8 near-miss, S7.10", rule="FBD-003", doc=d)
    d = B()
    for e in ENVS:
        svc(d, e)["name"] = "kubernetes-docs"
        svc(d, e)["description"] = "documents the apiVersion field; no resource \"x\" here"
    add("cmp-005-near-words-in-names-and-prose", "product words in names and prose are not "
        "scanned", "S6.4 CMP-005 near-miss, S7.10", rule="CMP-005", doc=d)
    add("fbd-001-near-what-not-how", "prose about IaC and ARNs without the artifacts",
        "S7.10", rule="FBD-001", doc=with_desc("IaC, ARNs and region codes come in Phase J.5"))


def main():
    parse_cases()
    authorized_cases()
    shape_cases()
    reference_cases()
    env_cases()
    net_cases()
    cmp_cases()
    per_cases()
    ing_cases()
    cfg_cases()
    fbd_cases()
    inv_cases()
    phs_cases()
    multi_cases()
    new_forbidden_name_cases()
    grammar_cases()
    provider_artifact_cases()
    write()


def fmt(v, indent=0):
    """Pretty JSON: a container that fits in 140 columns stays on one line."""
    one = json.dumps(v, ensure_ascii=False, separators=(", ", ": "))
    if not isinstance(v, (dict, list)) or not v or len(one) + indent <= 140:
        return one
    pad = " " * (indent + 2)
    if isinstance(v, dict):
        items = [pad + json.dumps(k, ensure_ascii=False) + ": " + fmt(x, indent + 2)
                 for k, x in v.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    items = [pad + fmt(x, indent + 2) for x in v]
    return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"


INVISIBLE = ["\ufeff", "\u00a0", "\u0301", "\u2028", "\u2029"]


def visible(text):
    """Escapes the characters that would be invisible in the files (they occur only in strings)."""
    for ch in INVISIBLE:
        text = text.replace(ch, "\\u%04x" % ord(ch))
    return text


def write():
    seen = set()
    paths = []
    for folder, case in CASES:
        _reorder(case)
        cid = case["id"]
        if cid in seen:
            sys.exit(f"duplicate case id {cid}")
        seen.add(cid)
        paths.append((folder, cid))
    folders = sorted({f for f, _ in paths})
    for folder in folders:
        path = os.path.join(HERE, folder)
        os.makedirs(path, exist_ok=True)
        for name in os.listdir(path):
            if name.endswith(".json"):
                os.remove(os.path.join(path, name))
    for entry in os.listdir(HERE):
        p = os.path.join(HERE, entry)
        if os.path.isdir(p) and entry not in folders:
            for name in os.listdir(p):
                if name.endswith(".json"):
                    os.remove(os.path.join(p, name))
    for folder, case in CASES:
        with open(os.path.join(HERE, folder, case["id"] + ".json"), "w", encoding="utf-8",
                  newline="\n") as f:
            f.write(visible(fmt(case)) + "\n")
    rels = sorted(f"{folder}/{cid}.json" for folder, cid in paths)
    with open(os.path.join(HERE, "embedded.rs"), "w", encoding="utf-8", newline="\n") as f:
        f.write("// @generated by conformance/corpus/make_corpus.py: do not edit.\n")
        f.write("// Every corpus file, embedded: (path relative to conformance/corpus/, text).\n")
        f.write("&[\n")
        for rel in rels:
            f.write(f'    ("{rel}", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), '
                    f'"/corpus/{rel}"))),\n')
        f.write("]\n")
    kinds = {}
    for _, case in CASES:
        kinds[case["kind"]] = kinds.get(case["kind"], 0) + 1
    print(f"{len(CASES)} cases: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))


if __name__ == "__main__":
    main()
