#!/usr/bin/env python3
"""buggy_check.py -- a plausible team checker of j43 designs, with deliberate realistic bugs.

It is what a team writes in an afternoon from docs/SPEC.md: a verdict-level validator
(PROTOCOL.md persistent mode, level `verdict`, stdlib only). It is here so that `j43 conform`
has a candidate whose mistakes are known in advance. The deliberate bugs, each marked BUG in
the code:

1. `PostgreSQL` (any letter case) is accepted as an engine: the team lower-cases it.
2. Ingresses are counted with `<= 1`: an environment with no ingress passes.
3. The CIDR regex is IPv4 only: IPv6 CIDR blocks (`2001:db8::/32`) are missed.
4. Databases are not checked for extra members: forbidden (`read_replicas`, `tags`) and
   unknown members on a database pass.
5. A forbidden or unknown member whose value is `null` is treated as absent.

And the ones it got without trying, from Python's `json` module: duplicate member names
(last wins), `NaN`/`Infinity` literals accepted, no depth limit below Python's recursion limit,
lone surrogate escapes accepted.

Run: python3 examples/candidates/buggy/buggy_check.py   (speaks PROTOCOL.md on stdin/stdout)
"""

import base64
import json
import re
import sys

ENVS = ("local", "staging", "production")
TEXT, ID, BOOL = "text", "id", "bool"

KINDS = {
    "Document": {"format": ("const", "j43/1", True), "name": (TEXT, None, False),
                 "description": (TEXT, None, False), "environments": ("obj", None, True),
                 "diagrams": ("list", "Diagram", False)},
    "Environment": {"description": (TEXT, None, False), "networks": ("list", "Network", True),
                    "ingresses": ("list", "Ingress", True), "services": ("list", "Service", True),
                    "databases": ("list", "Database", True), "adapters": ("list", "Adapter", True),
                    "configuration": ("obj", "ConfigurationBoundary", True),
                    "secrets": ("obj", "SecretsBoundary", True)},
    "Network": {"id": (ID, None, True), "description": (TEXT, None, False),
                "visibility": ("enum", ("private", "public"), False),
                "segments": ("list", "Segment", True)},
    "Segment": {"id": (ID, None, True), "kind": ("enum", ("ingress", "runtime", "persistence"), True),
                "description": (TEXT, None, False)},
    "Ingress": {"id": (ID, None, True), "segment": (ID, None, True),
                "tls_termination": ("enum", ("infrastructure", "runtime", "none"), True),
                "load_balancing": (BOOL, None, False), "targets": ("ids", None, True),
                "description": (TEXT, None, False)},
    "Service": {"id": (ID, None, True), "name": (ID, None, True), "segment": (ID, None, True),
                "process": ("enum", ("long-lived", "batch", "scheduled", "on-demand"), True),
                "state": ("enum", ("stateless", "stateful"), True),
                "scaling": ("enum", ("horizontal", "vertical", "none"), False),
                "visibility": ("enum", ("private", "public"), False),
                "description": (TEXT, None, False)},
    "Database": {"id": (ID, None, True), "name": (ID, None, True), "engine": (ID, None, True),
                 "managed": (BOOL, None, True), "segment": (ID, None, True),
                 "visibility": ("enum", ("private", "public"), False),
                 "description": (TEXT, None, False)},
    "Adapter": {"id": (ID, None, True), "service": (ID, None, True), "database": (ID, None, True),
                "access": ("enum", ("read-write", "read-only"), True),
                "description": (TEXT, None, False)},
    "ConfigurationBoundary": {"id": (ID, None, True),
                              "placement": ("enum", ("dedicated", "runtime"), True),
                              "description": (TEXT, None, False)},
    "SecretsBoundary": {"id": (ID, None, True),
                        "placement": ("enum", ("dedicated", "configuration", "runtime"), True),
                        "description": (TEXT, None, False)},
    "Diagram": {"title": (TEXT, None, True), "content": (TEXT, None, True)},
}

# BUG 3: IPv4 only.
CIDR = re.compile(r"(?<![0-9.])(\d{1,3}\.){3}\d{1,3}/\d{1,2}(?!\d)")
PORT = re.compile(r":\d{1,5}(?![0-9A-Za-z])|(?<![A-Za-z])ports?[ \t:=#]*\d|\d/(tcp|udp)", re.I)
ARROW = re.compile(r"->|<-|=>|<=|[\u2190-\u21ff\u27f0-\u27ff\u2900-\u297f]")


class Reject(Exception):
    pass


def cidr(s):
    for m in CIDR.finditer(s):
        addr, prefix = m.group(0).split("/")
        if all(int(g) <= 255 for g in addr.split(".")) and int(prefix) <= 32:
            return True
    return False


def shape(kind, obj, strings):
    if not isinstance(obj, dict):
        raise Reject(f"{kind} is not an object")
    members = KINDS[kind]
    for name, value in obj.items():
        if name not in members:
            if value is None:  # BUG 5: a null member is as good as absent
                continue
            if kind == "Database":  # BUG 4: databases are not checked for extra members
                continue
            raise Reject(f"unknown or forbidden member {name} on {kind}")
    for name, (ty, arg, required) in members.items():
        if name not in obj:
            if required:
                raise Reject(f"{kind} lacks {name}")
            continue
        value = obj[name]
        if ty in (TEXT, ID, "enum", "const"):
            if not isinstance(value, str):
                raise Reject(f"{name} is not a string")
            if ty == ID and value == "":
                raise Reject(f"{name} is empty")
            if ty == "enum" and value not in arg or ty == "const" and value != arg:
                raise Reject(f"{name} has a bad value")
            strings.append((kind, name, value))
        elif ty == BOOL:
            if not isinstance(value, bool):
                raise Reject(f"{name} is not a boolean")
        elif ty == "ids":
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                raise Reject(f"{name} is not a list of ids")
            strings.extend((kind, name, v) for v in value)
        elif ty == "list":
            if not isinstance(value, list):
                raise Reject(f"{name} is not a list")
            for item in value:
                shape(arg, item, strings)
        elif ty == "obj" and arg:
            shape(arg, value, strings)


def check(doc):
    strings = []
    shape("Document", doc, strings)
    envs = doc["environments"]
    if not isinstance(envs, dict) or set(envs) != set(ENVS):
        raise Reject("environments must be local, staging, production")
    for env in envs.values():
        shape("Environment", env, strings)
    for kind, name, value in strings:
        if cidr(value):
            raise Reject("CIDR block")
        if kind == "Diagram" and (PORT.search(value) or ARROW.search(value)):
            raise Reject("technical diagram")
    seen_ids = {}
    compositions = []
    for env_name in ENVS:
        env = envs[env_name]
        comps = {}
        for net in env["networks"]:
            comps.setdefault(net["id"], []).append(("network", net))
            kinds = [s["kind"] for s in net["segments"]]
            if sorted(kinds) != ["ingress", "persistence", "runtime"]:
                raise Reject("segments")
            for seg in net["segments"]:
                comps.setdefault(seg["id"], []).append(("segment", seg))
        for member, kind in (("ingresses", "ingress"), ("services", "service"),
                             ("databases", "database"), ("adapters", "adapter")):
            for c in env[member]:
                comps.setdefault(c["id"], []).append((kind, c))
        comps.setdefault(env["configuration"]["id"], []).append(("configuration", None))
        comps.setdefault(env["secrets"]["id"], []).append(("secrets", None))
        if any(len(v) > 1 for v in comps.values()):
            raise Reject("duplicate id")
        for cid in comps:
            if cid in seen_ids:
                raise Reject("shared id")
            seen_ids[cid] = env_name

        def resolve(ref, kind):
            found = comps.get(ref)
            if not found or found[0][0] != kind:
                raise Reject(f"unresolved {ref}")
            return found[0][1]

        if len(env["networks"]) != 1:
            raise Reject("one network")
        if len(env["ingresses"]) > 1:  # BUG 2: `<= 1` instead of exactly one
            raise Reject("one ingress")
        exposed = set()
        for ing in env["ingresses"]:
            if resolve(ing["segment"], "segment")["kind"] != "ingress":
                raise Reject("ingress segment")
            if ing["tls_termination"] != "infrastructure":
                raise Reject("tls")
            exposed.update(resolve(t, "service")["name"] for t in ing["targets"])
        names = [s["name"] for s in env["services"]]
        if len(set(names)) != len(names):
            raise Reject("instance count")
        for svc in env["services"]:
            if resolve(svc["segment"], "segment")["kind"] != "runtime":
                raise Reject("service segment")
            if (svc["process"] != "long-lived" or svc["state"] != "stateless"
                    or svc.get("scaling", "horizontal") != "horizontal"
                    or svc.get("visibility") == "public"):
                raise Reject("service")
        db_names = [d["name"] for d in env["databases"]]
        if len(set(db_names)) != len(db_names):
            raise Reject("replica")
        for db in env["databases"]:
            if resolve(db["segment"], "segment")["kind"] != "persistence":
                raise Reject("database segment")
            # BUG 1: the engine is compared case-insensitively.
            if db["engine"].lower() not in ("postgresql", "postgres") or not db["managed"]:
                raise Reject("engine")
            if db.get("visibility") == "public":
                raise Reject("public database")
        if any(n.get("visibility") == "public" for n in env["networks"]):
            raise Reject("public network")
        writers = {}
        access = set()
        for ad in env["adapters"]:
            svc, db = resolve(ad["service"], "service"), resolve(ad["database"], "database")
            access.add((svc["name"], db["name"], ad["access"]))
            if ad["access"] == "read-write":
                writers.setdefault(db["id"], set()).add(svc["id"])
        if any(len(writers.get(d["id"], ())) != 1 for d in env["databases"]):
            raise Reject("single writer")
        if env["configuration"]["placement"] != "dedicated":
            raise Reject("configuration placement")
        if env["secrets"]["placement"] != "dedicated":
            raise Reject("secrets placement")
        compositions.append((set(names), set(db_names), access, exposed))
    if any(c != compositions[0] for c in compositions):
        raise Reject("semantic neutrality")


def verdict(data):
    try:
        doc = json.loads(data.decode("utf-8"))
        check(doc)
        return "authorized"
    except Reject:
        return "rejected"
    except (ValueError, RecursionError, KeyError, TypeError, AttributeError):
        return "rejected"


def main():
    for line in sys.stdin:
        msg = json.loads(line)
        if msg.get("type") == "hello":
            out = {"type": "hello", "protocol": "j43-protocol/1", "name": "buggy-check",
                   "version": "0.1", "level": "verdict"}
        elif msg.get("type") == "check":
            if "document" in msg:
                data = msg["document"].encode("utf-8", "surrogatepass")
            else:
                data = base64.b64decode(msg["document_base64"])
            out = {"type": "result", "id": msg["id"], "verdict": verdict(data)}
        elif msg.get("type") == "bye":
            return
        else:
            continue
        sys.stdout.write(json.dumps(out) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
