#!/usr/bin/env python3
"""j43_check.py -- a clean-room checker of j43 design documents (docs/SPEC.md, format j43/1).

Written from SPEC.md and PROTOCOL.md only (stdlib only, Python 3.11).

Usage:
    python3 j43_check.py              persistent JSON-lines candidate (PROTOCOL.md §2, level rules)
    python3 j43_check.py --one-shot   one-shot candidate (PROTOCOL.md §3)
    python3 j43_check.py --file F     print the full report for file F (debugging)

Library use:  check_bytes(data) -> (verdict, sorted rule ids, violations)

Readings of the SPEC where its words leave a choice (SPEC e203c52):
- S5.2 form 4: `tcp/` or `udp/` "followed by a digit" -- any digit, however many follow
  (`tcp/123456` is a port). The reference model limits the run to 5 digits; see difftest.py.
- S5.4 HCL block header: the label is "characters other than `"` and line feed" -- read as
  zero or more, so `resource "" {` is a header. The reference agrees.
"""

import base64
import json
import json.scanner
import os
import re
import sys

MAX_SIZE = 67_108_864  # S2.1
MAX_DEPTH = 64         # S2.5

ENV_NAMES = ("local", "staging", "production")  # S3.3, and the environment order of S4.3


# ---------------------------------------------------------------------------------------------
# Reports (S1, S9)
# ---------------------------------------------------------------------------------------------

class Violation:
    __slots__ = ("rule", "pointer", "message")

    def __init__(self, rule, pointer, message):
        self.rule = rule
        self.pointer = pointer
        self.message = message

    def as_json(self):
        return {"rule": self.rule, "pointer": self.pointer, "message": self.message}


def ptr_join(base, token):
    """RFC 6901 pointer of member/index `token` under pointer `base` (S9)."""
    token = str(token).replace("~", "~0").replace("/", "~1")
    return base + "/" + token


# ---------------------------------------------------------------------------------------------
# Layer 1: the strict parser (S2)
# ---------------------------------------------------------------------------------------------

class Num:
    """A JSON number, kept as text: j43 never converts numbers (S2.3)."""
    __slots__ = ("text",)

    def __init__(self, text):
        self.text = text


class ParseFailure(Exception):
    def __init__(self, rule, offset, message):
        super().__init__(message)
        self.rule = rule
        self.offset = offset
        self.message = message


_WS = re.compile(r"[ \t\n\r]*")  # S2.3: only these four whitespace characters
# A run of string characters needing no special care. Excluded: the quote, the backslash,
# unescaped controls U+0000-U+001F (S2.3), and U+DC80-U+DCFF, which is how the
# `surrogateescape` decoding below represents bytes that are not valid UTF-8 (S2.2).
_STR_PLAIN = re.compile("[^\"\\\\\x00-\x1f\udc80-\udcff]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")  # S2.3
_HEX4 = re.compile(r"[0-9a-fA-F]{4}")
_SIMPLE_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n",
                   "r": "\r", "t": "\t"}


class Parser:
    """Reads the text left to right and raises ParseFailure for the first problem met (S2).

    The bytes are decoded with `surrogateescape`: every byte that is not part of valid UTF-8
    (overlong forms, encoded surrogates, code points above U+10FFFF, truncated sequences)
    becomes one character U+DC80-U+DCFF at its own position. Such a character is never valid
    JSON (outside strings it is a syntax error, inside strings it is invalid UTF-8), so
    reporting DOC-001 when the reader reaches it keeps the reading order of S2: a duplicate
    name (DOC-002) or a too-deep container (DOC-003) met *before* the bad byte wins.
    """

    def __init__(self, text):
        self.t = text
        self.n = len(text)
        self.pos = 0

    def fail(self, message, rule="DOC-001"):
        raise ParseFailure(rule, self.pos, message)

    def skip_ws(self):
        self.pos = _WS.match(self.t, self.pos).end()

    def parse_document(self):
        self.skip_ws()
        if self.pos >= self.n:
            self.fail("empty input")
        value = self.parse_value(1)
        self.skip_ws()
        if self.pos != self.n:
            self.fail("trailing data after the JSON value")
        return value

    def parse_value(self, depth):
        if self.pos >= self.n:
            self.fail("unexpected end of input, expected a value")
        c = self.t[self.pos]
        if c == "{":
            return self.parse_object(depth)
        if c == "[":
            return self.parse_array(depth)
        if c == '"':
            return self.parse_string()
        if c == "-" or "0" <= c <= "9":
            return self.parse_number()
        for lit, val in (("true", True), ("false", False), ("null", None)):
            if c == lit[0]:
                # Fail at the first character that cannot continue the literal.
                for i, lc in enumerate(lit):
                    if self.pos + i >= self.n or self.t[self.pos + i] != lc:
                        self.pos += i
                        self.fail("invalid literal")
                self.pos += len(lit)
                return val
        self.fail("unexpected character")

    def parse_number(self):
        m = _NUMBER.match(self.t, self.pos)
        if not m:
            if self.t[self.pos] == "-":
                self.pos += 1
            self.fail("invalid number")
        self.pos = m.end()
        # Whatever follows (e.g. `01`, `1.`, `1e`) is checked by the caller as the next token.
        return NUMBER

    def parse_string(self):
        t = self.t
        self.pos += 1  # opening quote
        parts = []
        while True:
            m = _STR_PLAIN.match(t, self.pos)
            if m.end() > self.pos:
                parts.append(m.group(0))
                self.pos = m.end()
            if self.pos >= self.n:
                self.fail("unterminated string")
            c = t[self.pos]
            if c == '"':
                self.pos += 1
                return "".join(parts)
            if c == "\\":
                parts.append(self.parse_escape())
                continue
            if "\udc80" <= c <= "\udcff":
                self.fail("invalid UTF-8")
            self.fail("unescaped control character in string")

    def _read_u_escape(self):
        """At a backslash that must start `\\uXXXX`; returns the code unit."""
        t = self.t
        # self.pos is at the backslash
        if self.pos + 1 >= self.n or t[self.pos + 1] != "u":
            return None
        m = _HEX4.match(t, self.pos + 2)
        if not m:
            # find the first offending character for the position
            p = self.pos + 2
            while p < self.n and p < self.pos + 6 and t[p] in "0123456789abcdefABCDEF":
                p += 1
            self.pos = p
            self.fail("invalid \\u escape")
        self.pos += 6
        return int(m.group(0), 16)

    def parse_escape(self):
        t = self.t
        if self.pos + 1 >= self.n:
            self.pos += 1
            self.fail("unterminated escape")
        e = t[self.pos + 1]
        if e in _SIMPLE_ESCAPES:
            self.pos += 2
            return _SIMPLE_ESCAPES[e]
        if e != "u":
            self.pos += 1
            self.fail("invalid escape")
        cu = self._read_u_escape()
        if 0xDC00 <= cu <= 0xDFFF:
            self.fail("lone low surrogate escape")  # S2.3
        if 0xD800 <= cu <= 0xDBFF:
            # must be immediately followed by a \uXXXX low surrogate (S2.3)
            if self.pos >= self.n or t[self.pos] != "\\":
                self.fail("unpaired high surrogate escape")
            if self.pos + 1 >= self.n or t[self.pos + 1] != "u":
                self.pos += 1
                self.fail("unpaired high surrogate escape")
            lo = self._read_u_escape()
            if not 0xDC00 <= lo <= 0xDFFF:
                self.fail("unpaired high surrogate escape")
            return chr(0x10000 + ((cu - 0xD800) << 10) + (lo - 0xDC00))
        return chr(cu)

    def parse_array(self, depth):
        if depth > MAX_DEPTH:
            self.fail("nesting deeper than 64", "DOC-003")  # S2.5, met at the `[`
        self.pos += 1
        items = []
        self.skip_ws()
        if self.pos < self.n and self.t[self.pos] == "]":
            self.pos += 1
            return items
        while True:
            self.skip_ws()
            items.append(self.parse_value(depth + 1))
            self.skip_ws()
            if self.pos >= self.n:
                self.fail("unterminated array")
            c = self.t[self.pos]
            if c == ",":
                self.pos += 1
                continue
            if c == "]":
                self.pos += 1
                return items
            self.fail("expected `,` or `]`")

    def parse_object(self, depth):
        if depth > MAX_DEPTH:
            self.fail("nesting deeper than 64", "DOC-003")  # S2.5, met at the `{`
        self.pos += 1
        members = {}
        self.skip_ws()
        if self.pos < self.n and self.t[self.pos] == "}":
            self.pos += 1
            return members
        while True:
            self.skip_ws()
            if self.pos >= self.n or self.t[self.pos] != '"':
                self.fail("expected a member name")
            name = self.parse_string()
            if name in members:
                # S2.4: met at the closing quote of the second occurrence
                self.pos -= 1
                self.fail("duplicate member name", "DOC-002")
            self.skip_ws()
            if self.pos >= self.n or self.t[self.pos] != ":":
                self.fail("expected `:`")
            self.pos += 1
            self.skip_ws()
            members[name] = self.parse_value(depth + 1)
            self.skip_ws()
            if self.pos >= self.n:
                self.fail("unterminated object")
            c = self.t[self.pos]
            if c == ",":
                self.pos += 1
                continue
            if c == "}":
                self.pos += 1
                return members
            self.fail("expected `,` or `}`")


NUMBER = Num("0")  # numbers are never converted nor compared: one shared value suffices


_NO = object()  # "the fast path cannot decide"


class _NotStrict(Exception):
    pass


def _fast_parse(data):
    """Optional fast path for large inputs: Python's C JSON scanner, accepted only when the
    result provably equals the strict parser's (else _NO, and the strict parser decides).

    Python's `json` differs from S2 in exactly these ways, each refused here: it accepts
    NaN/Infinity (parse_constant raises), keeps duplicate names silently (the pairs hook
    raises), accepts unpaired surrogate escapes (checked on the result), has its own
    recursion limit (RecursionError, and depth is checked on the result), auto-detects
    UTF-16/32 and skips nothing else (we decode strict UTF-8 ourselves; a BOM is refused by
    `json` itself). Its number grammar, whitespace set and control-character rule are those of
    RFC 8259 in the C scanner, which we therefore require.
    """
    if json.scanner.c_make_scanner is None:
        return _NO

    def pairs(items):
        d = dict(items)
        if len(d) != len(items):
            raise _NotStrict()
        return d

    def const(_name):
        raise _NotStrict()

    try:
        text = data.decode("utf-8")
        value = json.loads(text, object_pairs_hook=pairs, parse_constant=const,
                           parse_int=lambda _t: NUMBER, parse_float=lambda _t: NUMBER)
    except (_NotStrict, ValueError, RecursionError):
        return _NO
    surrogates = _SURROGATE_ESCAPE.search(text) is not None
    # depth (S2.5) and unpaired surrogates (S2.3) on the result
    stack = [(value, 1)]
    while stack:
        v, d = stack.pop()
        if d > MAX_DEPTH and type(v) in (dict, list):
            return _NO
        if isinstance(v, dict):
            for k, x in v.items():
                if surrogates and _SURROGATE.search(k):
                    return _NO
                if type(x) in (dict, list) or (surrogates and type(x) is str):
                    stack.append((x, d + 1))
        elif isinstance(v, list):
            for x in v:
                if type(x) in (dict, list) or (surrogates and type(x) is str):
                    stack.append((x, d + 1))
        elif type(v) is str and _SURROGATE.search(v):
            return _NO
    return value


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")
FAST_PATH_MIN = 1 << 20


def parse(data):
    """Layer 1 (S2, S4.1). Returns the value or raises ParseFailure."""
    if len(data) > MAX_SIZE:
        raise ParseFailure("DOC-004", 0, "document larger than 67,108,864 bytes")  # S2.1
    if len(data) >= FAST_PATH_MIN:
        value = _fast_parse(data)
        if value is not _NO:
            return value
    text = data.decode("utf-8", "surrogateescape")  # S2.2, see Parser
    return Parser(text).parse_document()


# ---------------------------------------------------------------------------------------------
# Document format (S3): member tables
# ---------------------------------------------------------------------------------------------

R, O = True, False

TEXT = ("text",)
STRING = ("string",)
ID = ("id",)
NAME = ("name",)
BOOL = ("bool",)


def REF(kind):
    return ("ref", kind)


def ENUM(*values):
    return ("enum", values)


def CONST(v):
    return ("const", v)


def ARRAY(t):
    return ("array", t)


def KIND(k):
    return ("kind", k)


VISIBILITY = ENUM("private", "public")

KINDS = {
    # S3.2
    "Document": {
        "format": (CONST("j43/1"), R),
        "name": (TEXT, O),
        "description": (TEXT, O),
        "environments": (("environments",), R),
        "diagrams": (ARRAY(KIND("Diagram")), O),
    },
    # S3.4
    "Environment": {
        "description": (TEXT, O),
        "networks": (ARRAY(KIND("Network")), R),
        "ingresses": (ARRAY(KIND("Ingress")), R),
        "services": (ARRAY(KIND("Service")), R),
        "databases": (ARRAY(KIND("Database")), R),
        "adapters": (ARRAY(KIND("Adapter")), R),
        "configuration": (KIND("ConfigurationBoundary"), R),
        "secrets": (KIND("SecretsBoundary"), R),
    },
    # S3.5
    "Network": {
        "id": (ID, R),
        "description": (TEXT, O),
        "visibility": (VISIBILITY, O),
        "segments": (ARRAY(KIND("Segment")), R),
    },
    # S3.6
    "Segment": {
        "id": (ID, R),
        "kind": (ENUM("ingress", "runtime", "persistence"), R),
        "description": (TEXT, O),
    },
    # S3.7
    "Ingress": {
        "id": (ID, R),
        "segment": (REF("segment"), R),
        "tls_termination": (ENUM("infrastructure", "runtime", "none"), R),
        "load_balancing": (BOOL, O),
        "targets": (ARRAY(REF("service")), R),
        "description": (TEXT, O),
    },
    # S3.8
    "Service": {
        "id": (ID, R),
        "name": (NAME, R),
        "segment": (REF("segment"), R),
        "process": (ENUM("long-lived", "batch", "scheduled", "on-demand"), R),
        "state": (ENUM("stateless", "stateful"), R),
        "scaling": (ENUM("horizontal", "vertical", "none"), O),
        "visibility": (VISIBILITY, O),
        "description": (TEXT, O),
    },
    # S3.9
    "Database": {
        "id": (ID, R),
        "name": (NAME, R),
        "engine": (NAME, R),
        "managed": (BOOL, R),
        "segment": (REF("segment"), R),
        "visibility": (VISIBILITY, O),
        "description": (TEXT, O),
    },
    # S3.10
    "Adapter": {
        "id": (ID, R),
        "service": (REF("service"), R),
        "database": (REF("database"), R),
        "access": (ENUM("read-write", "read-only"), R),
        "description": (TEXT, O),
    },
    # S3.11
    "ConfigurationBoundary": {
        "id": (ID, R),
        "placement": (ENUM("dedicated", "runtime"), R),
        "description": (TEXT, O),
    },
    # S3.12
    "SecretsBoundary": {
        "id": (ID, R),
        "placement": (ENUM("dedicated", "configuration", "runtime"), R),
        "description": (TEXT, O),
    },
    # S3.13
    "Diagram": {
        "title": (TEXT, R),
        "content": (TEXT, R),
    },
}


def _table(rows):
    out = {}
    for names, rule in rows:
        for n in names.split():
            out[n] = rule
    return out


# S3.14, kind-specific table (looked up first)
FORBIDDEN_BY_KIND = {
    "Service": _table([
        ("secrets secret secret_refs configuration config environment_variables env env_vars",
         "PHS-002"),
        ("database databases connection_string dsn database_url", "PER-007"),
        ("volumes volume local_storage persistent_volume disk state_store", "CMP-002"),
    ]),
    "Database": _table([("replicas replica_count", "PER-004")]),
}

# S3.14, general table (every kind of S3.2, S3.4-S3.13)
FORBIDDEN_GENERAL = _table([
    ("shared shared_with shared_by", "ENV-002"),
    ("promotion promotions promotion_workflow promote_to promotes_to", "ENV-004"),
    ("cidr cidrs cidr_block cidr_blocks ip_range ip_ranges address_space subnet subnets vpc "
     "vnet", "NET-005"),
    ("routing_table routing_tables route_table route_tables routes", "NET-006"),
    ("az_count availability_zone_count zone_count", "NET-007"),
    ("replicas replica_count min_replicas max_replicas instances instance_count min_instances "
     "max_instances desired_count autoscaling auto_scaling", "CMP-004"),
    ("orchestration orchestrator kubernetes k8s ecs eks helm nomad cluster namespace node_pool "
     "node_group fargate task_definition", "CMP-005"),
    ("instance_type instance_size machine_type machine cpu cpus vcpu vcpus memory ram "
     "disk_size storage_size instance_class db_instance_class node_type sku allocated_storage "
     "iops", "CMP-006"),
    ("read_replicas read_replica replica standby failover multi_az", "PER-004"),
    ("sharding shards shard_count shard_key partitioning", "PER-005"),
    ("cross_region_replication global_database multi_region geo_replication", "PER-006"),
    ("load_balancer load_balancer_type lb_type alb nlb elb api_gateway gateway waf cdn "
     "ingress_controller listener listeners", "ING-003"),
    ("secret_manager secrets_manager vault key_vault secret_store parameter_store ssm",
     "CFG-004"),
    ("key_hierarchy kms kms_key kms_keys master_key encryption_keys", "CFG-005"),
    ("rotation rotation_policy rotation_period key_rotation", "CFG-006"),
    ("iac infrastructure_as_code terraform opentofu tofu cdk pulumi cloudformation bicep "
     "arm_template", "FBD-001"),
    ("account accounts account_id cloud_account cloud_accounts organization organisation "
     "organizational_units landing_zone subscription project_id resource_group tenant_id",
     "FBD-002"),
    ("region regions availability_zone availability_zones az azs zone zones location",
     "FBD-003"),
    ("cost costs cost_estimate cost_model budget pricing sizing capacity resource_allocation "
     "resource_limits resource_requests", "FBD-004"),
    ("iam iam_role iam_roles iam_policy iam_policies security_group security_groups firewall "
     "firewall_rules network_acl network_acls role roles service_account allowlist "
     "ingress_rules egress_rules", "FBD-005"),
    ("pipeline pipelines ci_cd cicd ci cd build_pipeline automation workflow workflows "
     "github_actions", "FBD-006"),
    ("observability monitoring logging metrics tracing alerting dashboards apm telemetry "
     "opentelemetry logs alerts", "FBD-007"),
    ("tags tag labels naming naming_convention resource_name resource_names arn", "FBD-008"),
    ("abstraction_layer cloud_abstraction multi_cloud cloud_agnostic", "INV-002"),
    ("deployment deployments deploy execution release rollout implementation image "
     "container_image dockerfile", "PHS-001"),
])

ALL_RULES = sorted(
    ["DOC-%03d" % i for i in range(1, 11)]
    + ["ENV-%03d" % i for i in range(1, 5)]
    + ["NET-%03d" % i for i in range(1, 8)]
    + ["CMP-%03d" % i for i in range(1, 7)]
    + ["PER-%03d" % i for i in range(1, 8)]
    + ["ING-%03d" % i for i in range(1, 4)]
    + ["CFG-%03d" % i for i in range(1, 7)]
    + ["FBD-%03d" % i for i in range(1, 10)]
    + ["INV-001", "INV-002", "PHS-001", "PHS-002"])


def json_type(v):
    if isinstance(v, dict):
        return "object"
    if isinstance(v, list):
        return "array"
    if isinstance(v, str):
        return "string"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, Num):
        return "number"
    return "null"


# ---------------------------------------------------------------------------------------------
# Layer 2: shape (S4.2)
# ---------------------------------------------------------------------------------------------

class Shape:
    def __init__(self):
        self.violations = []
        # every string layer 2 examined and found of the right type, with its pointer:
        # the text scanned for CIDR blocks by NET-005 (S6.3)
        self.strings = []

    def add(self, rule, pointer, message):
        self.violations.append(Violation(rule, pointer, message))

    def check_value(self, spec, value, ptr):
        """Check `value` at `ptr` against a type of S3.1."""
        tag = spec[0]
        if tag == "kind":
            if not isinstance(value, dict):
                return self.wrong_type(ptr, "an object", value)
            return self.check_object(spec[1], value, ptr)
        if tag == "environments":
            if not isinstance(value, dict):
                return self.wrong_type(ptr, "an object", value)
            return self.check_environments(value, ptr)
        if tag == "array":
            if not isinstance(value, list):
                return self.wrong_type(ptr, "an array", value)
            for i, elem in enumerate(value):  # S4.2: each element checked as T at …/<index>
                self.check_value(spec[1], elem, ptr_join(ptr, i))
            return
        if tag == "bool":
            if not isinstance(value, bool):
                self.wrong_type(ptr, "a boolean", value)
            return
        # every other type is a string (S3.1)
        if not isinstance(value, str):
            return self.wrong_type(ptr, "a string", value)
        if tag in ("id", "name", "ref") and value == "":
            return self.add("DOC-008", ptr, "empty string where a character is required")
        if tag == "enum" and value not in spec[1]:
            return self.add("DOC-008", ptr, "`%s` is not one of %s" % (value, ", ".join(spec[1])))
        if tag == "const" and value != spec[1]:
            return self.add("DOC-008", ptr, "`%s` is not `%s`" % (value, spec[1]))
        self.strings.append((ptr, value))

    def wrong_type(self, ptr, expected, value):
        self.add("DOC-005", ptr, "expected %s, found %s" % (expected, json_type(value)))

    def check_object(self, kind, obj, ptr):
        """An object of kind `kind` (S3.2, S3.4-S3.13)."""
        members = KINDS[kind]
        for name, value in obj.items():
            mptr = ptr_join(ptr, name)
            if name in members:
                self.check_value(members[name][0], value, mptr)
                continue
            # S3.14: kind-specific table first, then the general table, else DOC-007.
            rule = FORBIDDEN_BY_KIND.get(kind, {}).get(name) or FORBIDDEN_GENERAL.get(name)
            if rule:
                self.add(rule, mptr, "forbidden member `%s` on %s" % (name, kind))
            else:
                self.add("DOC-007", mptr, "unknown member `%s` on %s" % (name, kind))
        for name, (_t, required) in members.items():
            if required and name not in obj:
                self.add("DOC-006", ptr, "missing required member `%s`" % name)

    def check_environments(self, obj, ptr):
        """S3.3: no forbidden-member table; unknown names and absent known names are ENV-001."""
        for name, value in obj.items():
            if name in ENV_NAMES:
                self.check_value(KIND("Environment"), value, ptr_join(ptr, name))
            else:
                self.add("ENV-001", ptr_join(ptr, name), "unknown environment `%s`" % name)
        for name in ENV_NAMES:
            if name not in obj:
                self.add("ENV-001", ptr, "missing environment `%s`" % name)


# ---------------------------------------------------------------------------------------------
# Token grammars (S5)
# ---------------------------------------------------------------------------------------------

_DIGITS = frozenset("0123456789")
_HEXDIGITS = frozenset("0123456789abcdefABCDEF")
_A4_CHARS = frozenset("0123456789.")
_A6_CHARS = frozenset("0123456789abcdefABCDEF:.")


def _is_ipv4(s):
    """Four groups of 1-3 ASCII digits, single dots, each at most 255 (S5.1)."""
    groups = s.split(".")
    if len(groups) != 4:
        return False
    for g in groups:
        if not 1 <= len(g) <= 3 or not all(c in _DIGITS for c in g) or int(g) > 255:
            return False
    return True


def _ipv6_groups(groups, last_may_be_v4):
    """Count groups (an IPv4 last group counts two); None if a group is malformed."""
    count = 0
    for i, g in enumerate(groups):
        if last_may_be_v4 and i == len(groups) - 1 and "." in g:
            if not _is_ipv4(g):
                return None
            count += 2
        elif 1 <= len(g) <= 4 and all(c in _HEXDIGITS for c in g):
            count += 1
        else:
            return None
    return count


def _is_ipv6(s):
    """Textual IPv6 address (S5.1, RFC 4291 §2.2)."""
    if ":::" in s:
        return False
    if "::" in s:
        if s.count("::") != 1:
            return False
        left, right = s.split("::")
        lg = left.split(":") if left else []
        rg = right.split(":") if right else []
        # The IPv4 form is allowed only as the last group of the address; when the address
        # ends with `::`, there is no written last group after the `::` (see report).
        nl = _ipv6_groups(lg, last_may_be_v4=False)
        nr = _ipv6_groups(rg, last_may_be_v4=True)
        if nl is None or nr is None:
            return False
        return nl + nr <= 7
    groups = s.split(":")
    n = _ipv6_groups(groups, last_may_be_v4=True)
    return n == 8


def contains_cidr(s):
    """S5.1 (with the netmask M)."""
    if "/" not in s:
        return False
    n = len(s)
    i = s.find("/")
    while i != -1:
        # P: the longest run of digits right after the `/`; a prefix length if 1 to 3 digits
        j = i + 1
        while j < n and s[j] in _DIGITS:
            j += 1
        p = s[i + 1:j]
        pv = int(p) if 1 <= len(p) <= 3 else None
        # M: the longest run of {digits, `.`} right after the `/`, trailing dots removed
        j = i + 1
        while j < n and s[j] in _A4_CHARS:
            j += 1
        netmask = _is_ipv4(s[i + 1:j].rstrip("."))
        # IPv4
        k = i
        while k > 0 and s[k - 1] in _A4_CHARS:
            k -= 1
        if (netmask or (pv is not None and pv <= 32)) and _is_ipv4(s[k:i].lstrip(".")):
            return True
        # IPv6 (a netmask does not count after an IPv6 address)
        if pv is not None and pv <= 128:
            k = i
            while k > 0 and s[k - 1] in _A6_CHARS:
                k -= 1
            a6 = s[k:i]
            if a6.startswith(":") and not a6.startswith("::"):
                a6 = a6[1:]
            if a6 and _is_ipv6(a6):
                return True
        i = s.find("/", i + 1)
    return False


_PORT_COLON = re.compile(r":[0-9]{1,5}(?![0-9A-Za-z])")                        # S5.2 (1)
_PORT_WORD = re.compile(r"(?<![A-Za-z])[pP][oO][rR][tT][sS]?[ \t:=#]*[0-9]")    # S5.2 (2)
_PORT_PROTO = re.compile(r"(?<![0-9])[0-9]{1,5}/(?:[tT][cC][pP]|[uU][dD][pP])")  # S5.2 (3)
_PORT_PROTO_FIRST = re.compile(r"(?<![A-Za-z])(?:[tT][cC][pP]|[uU][dD][pP])/[0-9]")  # S5.2 (4)


def contains_port(s):
    """S5.2."""
    return bool(_PORT_COLON.search(s) or _PORT_WORD.search(s) or _PORT_PROTO.search(s)
                or _PORT_PROTO_FIRST.search(s))


_DASHES = "\u2010-\u2015\u2212"  # Unicode hyphens, dashes and the minus sign (S5.3)
_ARROW = re.compile("->|<-|=>|<=|[" + _DASHES + "]>|<[" + _DASHES + "]|"
                    "[\u2190-\u21ff\u2794-\u27bf\u27f0-\u27ff\u2900-\u297f"
                    "\u2b00-\u2b11\u2b60-\u2bb9\U0001f800-\U0001f8ff]")


def contains_arrow(s):
    """S5.3."""
    return bool(_ARROW.search(s))


# S5.4 provider artifacts: every match starts at a boundary (start of the string, or after a
# character that is not an ASCII letter or digit).
_B = r"(?<![A-Za-z0-9])"
_DIRECTION = r"(?:north|south|east|west|central|northeast|southeast|northwest|southwest)"
_REGION = re.compile(
    _B + r"(?:(?:us|eu|ap|sa|ca|me|af|il|mx|cn)-(?:gov-)?" + _DIRECTION + r"-[0-9]{1,2}[a-z]?"
    r"|(?:us|europe|asia|australia|northamerica|southamerica|me|africa)-" + _DIRECTION +
    r"[0-9]{1,2}(?:-[a-z])?)(?![A-Za-z0-9])")
_ARN = re.compile(_B + r"arn:aws[:-]")
# HCL block header; the label is read as zero or more characters other than `"` and line feed
_IAC = re.compile(_B + r"(?:(?:resource|module|provider|data)[ \t]+\"[^\"\n]*\"[ \t]*[{\"]"
                  r"|AWSTemplateFormatVersion|AWS::[A-Za-z])")
_MANIFEST = re.compile(_B + r"apiVersion:")
PROVIDER_ARTIFACTS = (("FBD-003", _REGION, "region or zone code"),
                      ("FBD-008", _ARN, "provider resource name"),
                      ("FBD-001", _IAC, "infrastructure-as-code syntax"),
                      ("CMP-005", _MANIFEST, "orchestration manifest"))


# ---------------------------------------------------------------------------------------------
# Layer 3: rules (S4.3-S4.5, S6)
# ---------------------------------------------------------------------------------------------

class Component:
    __slots__ = ("kind", "id", "ptr", "obj")

    def __init__(self, kind, cid, ptr, obj):
        self.kind = kind
        self.id = cid
        self.ptr = ptr
        self.obj = obj


class Env:
    """A present environment with its components in canonical order (S4.3)."""

    def __init__(self, name, obj):
        self.name = name
        self.obj = obj
        self.ptr = ptr_join("/environments", name)
        comps = []
        for i, net in enumerate(obj["networks"]):
            nptr = "%s/networks/%d" % (self.ptr, i)
            comps.append(Component("network", net["id"], nptr, net))
            for j, seg in enumerate(net["segments"]):
                comps.append(Component("segment", seg["id"], "%s/segments/%d" % (nptr, j), seg))
        for member, kind in (("ingresses", "ingress"), ("services", "service"),
                             ("databases", "database"), ("adapters", "adapter")):
            for i, c in enumerate(obj[member]):
                comps.append(Component(kind, c["id"], "%s/%s/%d" % (self.ptr, member, i), c))
        comps.append(Component("configuration", obj["configuration"]["id"],
                               self.ptr + "/configuration", obj["configuration"]))
        comps.append(Component("secrets", obj["secrets"]["id"], self.ptr + "/secrets",
                               obj["secrets"]))
        self.components = comps
        self.first_by_kind_id = {}
        self.ids = set()
        for c in comps:
            self.first_by_kind_id.setdefault((c.kind, c.id), c)
            self.ids.add(c.id)

    def resolve(self, kind, ref):
        """S4.4: the first component (canonical order) of kind `kind` with id `ref`."""
        return self.first_by_kind_id.get((kind, ref))

    def of(self, member):
        return [(("%s/%s/%d" % (self.ptr, member, i)), c)
                for i, c in enumerate(self.obj[member])]


class Rules:
    def __init__(self, doc, shape):
        self.doc = doc
        self.shape = shape
        self.violations = []
        envs = doc["environments"]
        self.envs = [Env(n, envs[n]) for n in ENV_NAMES if n in envs]

    def add(self, rule, pointer, message):
        self.violations.append(Violation(rule, pointer, message))

    def run(self):
        self.doc_009_duplicate_id()
        self.references()  # DOC-010, ENV-003
        self.env_002_shared_resource()
        self.net_001_one_network()
        self.net_002_private()
        self.net_003_segments()
        self.net_004_wrong_segment()
        self.net_005_cidr_text()
        self.provider_artifacts_text()
        self.cmp_004_per_004_instances()
        self.cmp_001_long_lived()
        self.cmp_002_stateless()
        self.cmp_003_horizontal()
        self.per_001_postgresql()
        self.per_002_managed()
        self.per_003_single_writer()
        self.ing_001_single_ingress()
        self.ing_002_tls()
        self.cfg_001_configuration_placement()
        self.cfg_002_003_secrets_placement()
        self.fbd_009_technical_diagram()
        self.inv_001_semantic_neutrality()
        return self.violations

    # --- DOC ---

    def doc_009_duplicate_id(self):
        """S6.1 DOC-009: same id twice in one environment, any kinds; all but the first."""
        for env in self.envs:
            seen = set()
            for c in env.components:
                if c.id in seen:
                    self.add("DOC-009", c.ptr + "/id", "duplicate id `%s`" % c.id)
                seen.add(c.id)

    def references(self):
        """S4.4: every ref(K) value; unresolved ones are DOC-010 or ENV-003."""
        for env in self.envs:
            for ref_ptr, kind, ref in self.refs_of(env):
                if env.resolve(kind, ref) is not None:
                    continue
                if ref in env.ids:
                    self.add("DOC-010", ref_ptr, "`%s` is not a %s" % (ref, kind))
                elif any(ref in other.ids for other in self.envs if other is not env):
                    self.add("ENV-003", ref_ptr, "`%s` is in another environment" % ref)
                else:
                    self.add("DOC-010", ref_ptr, "`%s` does not exist" % ref)

    @staticmethod
    def refs_of(env):
        out = []
        for p, ing in env.of("ingresses"):
            out.append((p + "/segment", "segment", ing["segment"]))
            for i, t in enumerate(ing["targets"]):
                out.append(("%s/targets/%d" % (p, i), "service", t))
        for p, svc in env.of("services"):
            out.append((p + "/segment", "segment", svc["segment"]))
        for p, db in env.of("databases"):
            out.append((p + "/segment", "segment", db["segment"]))
        for p, ad in env.of("adapters"):
            out.append((p + "/service", "service", ad["service"]))
            out.append((p + "/database", "database", ad["database"]))
        return out

    # --- ENV ---

    def env_002_shared_resource(self):
        """S6.2 ENV-002 (layer 3): an id in more than one present environment."""
        first_env = {}
        for env in self.envs:
            for c in env.components:
                first_env.setdefault(c.id, env.name)
        for env in self.envs:
            for c in env.components:
                if first_env[c.id] != env.name:
                    self.add("ENV-002", c.ptr + "/id",
                             "`%s` is also used in `%s`" % (c.id, first_env[c.id]))

    # --- NET ---

    def net_001_one_network(self):
        for env in self.envs:
            if len(env.obj["networks"]) != 1:
                self.add("NET-001", env.ptr + "/networks", "exactly one network is authorized")

    def net_002_private(self):
        for env in self.envs:
            for c in env.components:
                if c.kind in ("network", "service", "database") and \
                        c.obj.get("visibility") == "public":
                    self.add("NET-002", c.ptr + "/visibility", "`public` is not authorized")

    def net_003_segments(self):
        for env in self.envs:
            for p, net in env.of("networks"):
                seen = set()
                for j, seg in enumerate(net["segments"]):
                    if seg["kind"] in seen:
                        self.add("NET-003", "%s/segments/%d/kind" % (p, j),
                                 "a second `%s` segment" % seg["kind"])
                    seen.add(seg["kind"])
                for k in ("ingress", "runtime", "persistence"):
                    if k not in seen:
                        self.add("NET-003", p + "/segments", "no `%s` segment" % k)

    def net_004_wrong_segment(self):
        for env in self.envs:
            for member, want in (("ingresses", "ingress"), ("services", "runtime"),
                                 ("databases", "persistence")):
                for p, c in env.of(member):
                    seg = env.resolve("segment", c["segment"])
                    if seg is not None and seg.obj["kind"] != want:
                        self.add("NET-004", p + "/segment",
                                 "must be in a `%s` segment" % want)

    def net_005_cidr_text(self):
        """S6.3 NET-005 (layer 3): every string examined by layer 2."""
        for ptr, s in self.shape.strings:
            if contains_cidr(s):
                self.add("NET-005", ptr, "contains a CIDR block")

    def provider_artifacts_text(self):
        """S5.4: the strings NET-005 scans, searched for provider artifacts (FBD-003, FBD-008,
        FBD-001, CMP-005, layer 3)."""
        for ptr, s in self.shape.strings:
            for rule, rx, what in PROVIDER_ARTIFACTS:
                m = rx.search(s)
                if m:
                    self.add(rule, ptr, "%s `%s` in text" % (what, m.group(0)))

    def cmp_004_per_004_instances(self):
        """S6.4 CMP-004, S6.5 PER-004 (layer 3): a second service (database) of one environment
        with the same `name`, at `…/name` of every one after the first (array order)."""
        for env in self.envs:
            for member, rule in (("services", "CMP-004"), ("databases", "PER-004")):
                seen = set()
                for p, c in env.of(member):
                    if c["name"] in seen:
                        self.add(rule, p + "/name", "a second instance of `%s`" % c["name"])
                    seen.add(c["name"])

    # --- CMP ---

    def cmp_001_long_lived(self):
        for env in self.envs:
            for p, svc in env.of("services"):
                if svc["process"] != "long-lived":
                    self.add("CMP-001", p + "/process", "process must be `long-lived`")

    def cmp_002_stateless(self):
        for env in self.envs:
            for p, svc in env.of("services"):
                if svc["state"] != "stateless":
                    self.add("CMP-002", p + "/state", "state must be `stateless`")

    def cmp_003_horizontal(self):
        for env in self.envs:
            for p, svc in env.of("services"):
                if "scaling" in svc and svc["scaling"] != "horizontal":
                    self.add("CMP-003", p + "/scaling", "scaling must be `horizontal`")

    # --- PER ---

    def per_001_postgresql(self):
        for env in self.envs:
            for p, db in env.of("databases"):
                if db["engine"] not in ("postgresql", "postgres"):  # S7.11
                    self.add("PER-001", p + "/engine", "engine must be `postgresql`")

    def per_002_managed(self):
        for env in self.envs:
            for p, db in env.of("databases"):
                if db["managed"] is False:
                    self.add("PER-002", p + "/managed", "database must be managed")

    def per_003_single_writer(self):
        """S6.5 PER-003, S7.2: exactly one distinct writing *service* per database."""
        for env in self.envs:
            writers = {}
            for _p, ad in env.of("adapters"):
                if ad["access"] != "read-write":
                    continue
                d = env.resolve("database", ad["database"])
                s = env.resolve("service", ad["service"])
                if d is not None and s is not None:
                    writers.setdefault(id(d), set()).add(id(s))
            for c in env.components:
                if c.kind == "database" and len(writers.get(id(c), ())) != 1:
                    self.add("PER-003", c.ptr, "database must have exactly one writer")

    # --- ING ---

    def ing_001_single_ingress(self):
        for env in self.envs:
            if len(env.obj["ingresses"]) != 1:
                self.add("ING-001", env.ptr + "/ingresses", "exactly one ingress is authorized")

    def ing_002_tls(self):
        for env in self.envs:
            for p, ing in env.of("ingresses"):
                if ing["tls_termination"] != "infrastructure":
                    self.add("ING-002", p + "/tls_termination",
                             "TLS must be terminated by the infrastructure")

    # --- CFG ---

    def cfg_001_configuration_placement(self):
        for env in self.envs:
            if env.obj["configuration"]["placement"] != "dedicated":
                self.add("CFG-001", env.ptr + "/configuration/placement",
                         "configuration must be `dedicated`")

    def cfg_002_003_secrets_placement(self):
        for env in self.envs:
            placement = env.obj["secrets"]["placement"]
            if placement == "configuration":
                self.add("CFG-002", env.ptr + "/secrets/placement",
                         "secrets inside the configuration boundary")
            elif placement == "runtime":
                self.add("CFG-003", env.ptr + "/secrets/placement",
                         "secrets inside the runtime")

    # --- FBD ---

    def fbd_009_technical_diagram(self):
        for i, d in enumerate(self.doc.get("diagrams", [])):
            for member in ("title", "content"):
                s = d[member]
                if contains_port(s) or contains_arrow(s):
                    self.add("FBD-009", "/diagrams/%d/%s" % (i, member),
                             "technical diagram (port or arrow)")

    # --- INV ---

    def inv_001_semantic_neutrality(self):
        """S6.9 INV-001, S7.3."""
        if len(self.envs) < 2:
            return
        comps = {}
        for env in self.envs:
            services = {s["name"] for s in env.obj["services"]}
            databases = {d["name"] for d in env.obj["databases"]}
            access = set()
            for ad in env.obj["adapters"]:
                s = env.resolve("service", ad["service"])
                d = env.resolve("database", ad["database"])
                if s is not None and d is not None:
                    access.add((s.obj["name"], d.obj["name"], ad["access"]))
            exposed = set()  # the names of the services the ingresses' targets resolve to
            for ing in env.obj["ingresses"]:
                for t in ing["targets"]:
                    s = env.resolve("service", t)
                    if s is not None:
                        exposed.add(s.obj["name"])
            comps[env.name] = (services, databases, access, exposed)
        union = tuple(set().union(*(c[k] for c in comps.values())) for k in range(4))
        for env in self.envs:
            if comps[env.name] != union:
                self.add("INV-001", env.ptr, "composition differs from the other environments")


# ---------------------------------------------------------------------------------------------
# The whole check (S4)
# ---------------------------------------------------------------------------------------------

def check_bytes(data):
    """Returns (verdict, sorted rule ids, violations)."""
    try:
        doc = parse(data)
    except ParseFailure as e:  # S4.1: the single parse violation is the whole report
        v = [Violation(e.rule, "", "%s (offset %d)" % (e.message, e.offset))]
        return "rejected", [e.rule], v
    shape = Shape()
    if not isinstance(doc, dict):  # S4.2: top level must be an object, nothing more
        shape.wrong_type("", "an object", doc)
    else:
        shape.check_object("Document", doc, "")
    violations = list(shape.violations)
    blocking = any(v.rule in ("DOC-005", "DOC-006", "DOC-008") for v in violations)
    if not blocking:
        violations += Rules(doc, shape).run()
    # S9 order, duplicates removed
    uniq = {(v.pointer.encode("utf-8", "surrogatepass"), v.rule, v.message): v
            for v in violations}
    violations = [uniq[k] for k in sorted(uniq)]
    rules = sorted({v.rule for v in violations})
    return ("rejected" if rules else "authorized"), rules, violations


# ---------------------------------------------------------------------------------------------
# Protocol (PROTOCOL.md)
# ---------------------------------------------------------------------------------------------

def _emit(obj):
    sys.stdout.buffer.write(json.dumps(obj, ensure_ascii=True).encode("ascii") + b"\n")
    sys.stdout.buffer.flush()


def serve():
    """PROTOCOL.md §2: persistent JSON-lines mode, level `rules`."""
    stdin = sys.stdin.buffer
    for raw in stdin:
        line = raw.strip()
        if not line:
            continue
        try:
            msg = json.loads(line)
        except Exception as e:  # not a message we can answer; say so on stderr only
            print("j43_check: unreadable message: %s" % e, file=sys.stderr)
            continue
        if not isinstance(msg, dict):
            continue
        mtype = msg.get("type")
        if mtype == "hello":
            _emit({"type": "hello", "protocol": "j43-protocol/1", "name": "j43-python",
                   "version": "0.1.0", "level": "rules"})
        elif mtype == "check":
            rid = msg.get("id")
            try:
                if "document_base64" in msg:
                    data = base64.b64decode(msg["document_base64"], validate=True)
                else:
                    data = msg["document"].encode("utf-8", "surrogatepass")
                verdict, rules, _v = check_bytes(data)
                _emit({"type": "result", "id": rid, "verdict": verdict, "rules": rules})
            except Exception as e:  # last resort only
                _emit({"type": "error", "id": rid, "message": "%s: %s" % (type(e).__name__, e)})
        elif mtype == "bye":
            return 0
    return 0


def one_shot():
    """PROTOCOL.md §3."""
    data = sys.stdin.buffer.read()
    try:
        verdict, rules, _v = check_bytes(data)
    except Exception as e:
        print("j43_check: internal error: %s: %s" % (type(e).__name__, e), file=sys.stderr)
        return 2
    _emit({"verdict": verdict, "rules": rules})
    return 0 if verdict == "authorized" else 1


def main(argv):
    if len(argv) >= 2 and argv[1] == "--one-shot":
        return one_shot()
    if len(argv) >= 3 and argv[1] == "--file":
        with open(argv[2], "rb") as f:
            data = f.read()
        verdict, rules, violations = check_bytes(data)
        print(json.dumps({"verdict": verdict, "rules": rules,
                          "violations": [v.as_json() for v in violations]},
                         ensure_ascii=False, indent=1))
        return 0
    if len(argv) == 1:
        return serve()
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
