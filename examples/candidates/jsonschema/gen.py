#!/usr/bin/env python3
"""Writes design.schema.json: the strongest JSON Schema of authorized j43 designs we could write
from docs/SPEC.md. Run from this folder: `python3 gen.py`. Patterns are ECMA-262 and avoid
`\\d` (Unicode digits in some engines) and inline flags."""
import json

OCT = r"(0{0,2}[0-9]|0?[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5])"
P4 = r"(0{0,2}[0-9]|0?[12][0-9]|0?3[0-2])"
ADDR4 = "(" + OCT + r"\.){3}" + OCT
V4 = r"(^|[^0-9.])\.*" + ADDR4 + "/" + P4 + r"([^0-9]|$)"
NETMASK = r"(^|[^0-9.])\.*" + ADDR4 + "/" + ADDR4 + r"\.*([^0-9.]|$)"
H = "[0-9A-Fa-f]{1,4}"
ADDR6 = "(" + "|".join([
    f"({H}:){{7}}{H}",
    f"({H}:){{1,7}}:",
    f"({H}:){{1,6}}:{H}",
    f"({H}:){{1,5}}(:{H}){{1,2}}",
    f"({H}:){{1,4}}(:{H}){{1,3}}",
    f"({H}:){{1,3}}(:{H}){{1,4}}",
    f"({H}:){{1,2}}(:{H}){{1,5}}",
    f"{H}:(:{H}){{1,6}}",
    f":((:{H}){{1,7}}|:)",
]) + ")"
P6 = r"(0{0,2}[0-9]|0?[1-9][0-9]|1[01][0-9]|12[0-8])"
V6 = r"(^|[^0-9A-Fa-f:.]:?)" + ADDR6 + "/" + P6 + r"([^0-9]|$)"
PORT = [
    r":[0-9]{1,5}([^0-9A-Za-z]|$)",
    r"(^|[^A-Za-z])[Pp][Oo][Rr][Tt][Ss]?[ \t:=#]*[0-9]",
    r"(^|[^0-9])[0-9]{1,5}/([Tt][Cc][Pp]|[Uu][Dd][Pp])",
    r"(^|[^A-Za-z])([Tt][Cc][Pp]|[Uu][Dd][Pp])/[0-9]",
]
DASH = "[\u2010-\u2015\u2212]"
# Supplemental Arrows-C (U+1F800-U+1F8FF) is outside the BMP: written as its UTF-16 surrogate
# pairs would not work in every engine, so it is left out (a known gap).
ARROW = ("->|<-|=>|<=|" + DASH + ">|<" + DASH + "|[\u2190-\u21FF\u2794-\u27BF\u27F0-\u27FF"
         "\u2900-\u297F\u2B00-\u2B11\u2B60-\u2BB9]")
B = "(^|[^A-Za-z0-9])"
E = "([^A-Za-z0-9]|$)"
DIRS = "(north|south|east|west|central|northeast|southeast|northwest|southwest)"
ARTIFACTS = [
    B + "(us|eu|ap|sa|ca|me|af|il|mx|cn)-(gov-)?" + DIRS + "-[0-9]{1,2}[a-z]?" + E,
    B + "(us|europe|asia|australia|northamerica|southamerica|me|africa)-" + DIRS + "[0-9]{1,2}(-[a-z])?" + E,
    B + "arn:aws[:-]",
    B + '(resource|module|provider|data)[ \t]+"[^"\n]*"[ \t]*[{"]',
    B + "AWSTemplateFormatVersion",
    B + "AWS::[A-Za-z]",
    B + "apiVersion:",
]


def ref(n):
    return {"$ref": f"#/$defs/{n}"}


def obj(props, required):
    return {"type": "object", "properties": props, "required": required,
            "additionalProperties": False}


def arr(items, **kw):
    d = {"type": "array", "items": items}
    d.update(kw)
    return d


def enum(*v):
    return {"type": "string", "enum": list(v)}


def exactly_one(kind):
    return {"contains": {"type": "object", "properties": {"kind": {"const": kind}},
                         "required": ["kind"]},
            "minContains": 1, "maxContains": 1}


defs = {
    "text": {"type": "string",
             "not": {"anyOf": [{"pattern": p} for p in [V4, NETMASK, V6] + ARTIFACTS]},
             "$comment": "NET-005: no CIDR block in any string (SPEC S5.1: IPv4 exactly; IPv6 without an embedded IPv4 part); FBD-001, FBD-003, FBD-008, CMP-005: no provider artifact (S5.4)"},
    "id": {"allOf": [ref("text")], "minLength": 1},
    "diagramText": {"allOf": [ref("text")],
                    "not": {"anyOf": [{"pattern": p} for p in PORT] + [{"pattern": ARROW}]},
                    "$comment": "FBD-009: no port (SPEC S5.2) or arrow (SPEC S5.3) in a diagram"},
    "private": {"const": "private", "$comment": "NET-002: absent or private"},
    "Environments": obj({e: ref("Environment") for e in ["local", "staging", "production"]},
                        ["local", "staging", "production"]),
    "Environment": obj({
        "description": ref("text"),
        "networks": arr(ref("Network"), minItems=1, maxItems=1, **{"$comment": "NET-001"}),
        "ingresses": arr(ref("Ingress"), minItems=1, maxItems=1, **{"$comment": "ING-001"}),
        "services": arr(ref("Service")),
        "databases": arr(ref("Database")),
        "adapters": arr(ref("Adapter")),
        "configuration": ref("ConfigurationBoundary"),
        "secrets": ref("SecretsBoundary"),
    }, ["networks", "ingresses", "services", "databases", "adapters", "configuration", "secrets"]),
    "Network": obj({
        "id": ref("id"), "description": ref("text"), "visibility": ref("private"),
        "segments": {"type": "array", "items": ref("Segment"), "maxItems": 3,
                     "allOf": [exactly_one(k) for k in ["ingress", "runtime", "persistence"]],
                     "$comment": "NET-003: exactly one segment of each kind"},
    }, ["id", "segments"]),
    "Segment": obj({"id": ref("id"), "kind": enum("ingress", "runtime", "persistence"),
                    "description": ref("text")}, ["id", "kind"]),
    "Ingress": obj({
        "id": ref("id"), "segment": ref("id"),
        "tls_termination": {"const": "infrastructure", "$comment": "ING-002"},
        "load_balancing": {"type": "boolean"},
        "targets": arr(ref("id")), "description": ref("text"),
    }, ["id", "segment", "tls_termination", "targets"]),
    "Service": obj({
        "id": ref("id"), "name": ref("id"), "segment": ref("id"),
        "process": {"const": "long-lived", "$comment": "CMP-001"},
        "state": {"const": "stateless", "$comment": "CMP-002"},
        "scaling": {"const": "horizontal", "$comment": "CMP-003"},
        "visibility": ref("private"), "description": ref("text"),
    }, ["id", "name", "segment", "process", "state"]),
    "Database": obj({
        "id": ref("id"), "name": ref("id"),
        "engine": {"enum": ["postgresql", "postgres"], "$comment": "PER-001"},
        "managed": {"const": True, "$comment": "PER-002"},
        "segment": ref("id"), "visibility": ref("private"), "description": ref("text"),
    }, ["id", "name", "engine", "managed", "segment"]),
    "Adapter": obj({"id": ref("id"), "service": ref("id"), "database": ref("id"),
                    "access": enum("read-write", "read-only"), "description": ref("text")},
                   ["id", "service", "database", "access"]),
    "ConfigurationBoundary": obj({"id": ref("id"),
                                  "placement": {"const": "dedicated", "$comment": "CFG-001"},
                                  "description": ref("text")}, ["id", "placement"]),
    "SecretsBoundary": obj({"id": ref("id"),
                            "placement": {"const": "dedicated", "$comment": "CFG-002, CFG-003"},
                            "description": ref("text")}, ["id", "placement"]),
    "Diagram": obj({"title": ref("diagramText"), "content": ref("diagramText")},
                   ["title", "content"]),
}

root = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "urn:j43:candidates:design.schema.json",
    "title": "j43 authorized design (Zenthea Phase J.4.3), as strong as JSON Schema allows",
    "$comment": (
        "Written from docs/SPEC.md; generated by gen.py beside this file. Valid means authorized. "
        "additionalProperties:false rejects every unknown and forbidden member (DOC-007 and the "
        "S3.14 rules) at once. Not expressible: isolation across environments (ENV-002 shared "
        "ids, ENV-003 cross-environment references), reference resolution (DOC-010, NET-004), "
        "unique ids across arrays (DOC-009), the single writer (PER-003), semantic neutrality "
        "(INV-001), unique logical names within an environment (CMP-004, PER-004 instances); "
        "duplicate member names (DOC-002) never reach a schema."),
    **obj({"format": {"const": "j43/1"}, "name": ref("text"), "description": ref("text"),
           "environments": ref("Environments"), "diagrams": arr(ref("Diagram"))},
          ["format", "environments"]),
    "$defs": defs,
}

with open("design.schema.json", "w") as f:
    json.dump(root, f, indent=2, ensure_ascii=True)
    f.write("\n")
