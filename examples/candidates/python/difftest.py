#!/usr/bin/env python3
"""Black-box differential test of j43_check.py against the reference checker.

    python3 difftest.py [--count N] [--seed S] [--ref CMD] [--out FILE] [--jobs J]

The reference is run once per document (default: the `check` example binary of j43-model,
`target/debug/examples/check`, which reads one document on stdin and prints
`{"verdict":…,"rules":[…],…}`). Documents are generated from the base design of SPEC S6.0 with
random mutations taken from the spec (each rule's example violation and near-miss, forbidden
members on random objects, token-grammar text, type changes, deletions, duplications,
cross-environment references, raw byte edits). Every disagreement at rule level is written,
one JSON object a line, to --out.

Results when written (reference at commit 7b847a1): 35,385 documents compared over seeds
1-4, 10-12, 99 (spec examples included), 0 disagreements at rule level; on 3,217 of them the
(rule, pointer) sets were compared too, also with 0 differences.

Results after SPEC e203c52 (reference at commit e203c52; S5 tables extended with the netmask
rows, port forms 1-4, the new arrow ranges and dash arrows, and the S5.4 provider-artifact
rows; random strings now include provider artifacts): 3,506 documents with seed 1 (spec
examples included) and 4,000 each with seeds 2-21 (--no-spec), 83,506 in all. Disagreements:
only documents holding `tcp/` or `udp/` followed by six or more digits in a diagram
(`tcp/123456`; 7 random documents and the table row). SPEC S5.2 form 4 says "`tcp/` or `udp/`
..., not immediately preceded by an ASCII letter, followed by a digit", with no limit on the
digits, so j43_check.py reports FBD-009; the reference requires a run of 1 to 5 digits, as
forms 1 and 3 do. By the SPEC's words the reference is wrong (corpus case
fbd-009-port-form-4-six-digits); if the limit is meant, the SPEC must say so.
"""

import argparse
import base64
import copy
import json
import os
import random
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import j43_check  # noqa: E402

ENVS = ("local", "staging", "production")


# ------------------------------------------------------------------ base design (SPEC S6.0)

def env(E):
    return {
        "networks": [{"id": f"net-{E}", "segments": [
            {"id": f"seg-{E}-ingress", "kind": "ingress"},
            {"id": f"seg-{E}-runtime", "kind": "runtime"},
            {"id": f"seg-{E}-persistence", "kind": "persistence"}]}],
        "ingresses": [{"id": f"ing-{E}", "segment": f"seg-{E}-ingress",
                       "tls_termination": "infrastructure", "targets": [f"svc-{E}-api"]}],
        "services": [{"id": f"svc-{E}-api", "name": "api", "segment": f"seg-{E}-runtime",
                      "process": "long-lived", "state": "stateless"}],
        "databases": [{"id": f"db-{E}-main", "name": "main", "engine": "postgresql",
                       "managed": True, "segment": f"seg-{E}-persistence"}],
        "adapters": [{"id": f"ad-{E}-api-main", "service": f"svc-{E}-api",
                      "database": f"db-{E}-main", "access": "read-write"}],
        "configuration": {"id": f"cfg-{E}", "placement": "dedicated"},
        "secrets": {"id": f"sec-{E}", "placement": "dedicated"},
    }


def base():
    return {"format": "j43/1", "environments": {E: env(E) for E in ENVS}}


def dumps(doc, rnd=None):
    if rnd is not None and rnd.random() < 0.3:
        return json.dumps(doc, indent=rnd.choice([None, 1, 2, "\t"]), ensure_ascii=rnd.random() < 0.5)
    return json.dumps(doc, ensure_ascii=False)


def enc(s):
    return s.encode("utf-8", "surrogatepass")


# ------------------------------------------------------------------ hand-written spec examples

def spec_examples():
    """Every rule's example violation and near-miss from SPEC S6 (and S2, S5 edge cases)."""
    out = []

    def mut(label, f):
        d = base()
        f(d)
        out.append((label, enc(dumps(d))))

    L = lambda d: d["environments"]["local"]  # noqa: E731
    S = lambda d: d["environments"]["staging"]  # noqa: E731
    svc = lambda d: L(d)["services"][0]  # noqa: E731
    db = lambda d: L(d)["databases"][0]  # noqa: E731
    net = lambda d: L(d)["networks"][0]  # noqa: E731
    b = json.dumps(base())

    out.append(("DOC-001 trailing comma", b'{"format": "j43/1",}'))
    out.append(("DOC-001 near ws", enc(b + "\n\t \r\n")))
    out.append(("DOC-002", enc('{"format":"j43/1","format":"j43/1"' + b[1:])))
    deep = "[" * 65 + "]" * 65
    out.append(("DOC-003", enc(b[:-1] + ', "zz": ' + deep + "}")))
    deep = "[" * 60 + "]" * 60
    out.append(("DOC-003 near", enc(b[:-1] + ', "zz": ' + deep + "}")))
    deep = "[" * 63 + "]" * 63
    out.append(("DOC-003 near exact 64", enc(b[:-1] + ', "zz": ' + deep + "}")))
    deep = "[" * 64 + "]" * 64
    out.append(("DOC-003 exact 65", enc(b[:-1] + ', "zz": ' + deep + "}")))
    out.append(("DOC-002 then EOF", b'{"a":1,"a"'))
    out.append(("DOC-002 before deep", b'{"a":1,"a":' + b"[" * 70))
    mut("DOC-005", lambda d: db(d).__setitem__("managed", "yes"))
    mut("DOC-005 near", lambda d: db(d).__setitem__("managed", False))
    mut("DOC-006", lambda d: svc(d).pop("state"))
    mut("DOC-006 near", lambda d: svc(d).__setitem__("scaling", "horizontal"))
    mut("DOC-007", lambda d: svc(d).__setitem__("owner", "team-a"))
    mut("DOC-007 near", lambda d: svc(d).__setitem__("description", "owned by team a"))
    mut("DOC-008 process", lambda d: svc(d).__setitem__("process", "daemon"))
    mut("DOC-008 format", lambda d: d.__setitem__("format", "j43/2"))
    mut("DOC-008 id", lambda d: svc(d).__setitem__("id", ""))
    mut("DOC-008 near", lambda d: svc(d).__setitem__("process", "batch"))
    mut("DOC-009", lambda d: L(d)["secrets"].__setitem__("id", "cfg-local"))
    mut("DOC-010", lambda d: svc(d).__setitem__("segment", "seg-local-nope"))
    mut("DOC-010 kind", lambda d: L(d)["ingresses"][0].__setitem__("segment", "svc-local-api"))
    mut("DOC-010 target+INV-001", lambda d: L(d)["ingresses"][0].__setitem__(
        "targets", ["svc-local-nope"]))
    mut("DOC-010 empty targets, INV-001", lambda d: L(d)["ingresses"][0].__setitem__(
        "targets", []))
    mut("DOC-003 near brackets", lambda d: d.__setitem__("description", "[" * 100))
    mut("DOC-005 near lb", lambda d: L(d)["ingresses"][0].__setitem__("load_balancing", False))
    mut("DOC-008 near empty text", lambda d: svc(d).__setitem__("description", ""))
    mut("ENV-001 qa", lambda d: d["environments"].__setitem__("qa", {}))
    mut("ENV-001 rm", lambda d: d["environments"].pop("staging"))
    mut("ENV-002", lambda d: (L(d)["secrets"].__setitem__("id", "sec-local"),
                              S(d)["secrets"].__setitem__("id", "sec-local")))
    mut("ENV-003", lambda d: S(d)["services"][0].__setitem__("segment", "seg-local-runtime"))
    mut("ENV-003 target+INV-001", lambda d: S(d)["ingresses"][0].__setitem__(
        "targets", ["svc-local-api"]))
    mut("ENV-004", lambda d: S(d).__setitem__("promote_to", "production"))
    mut("ENV-004 near", lambda d: S(d).__setitem__("description", "staging mirrors production"))

    def two_nets(d):
        L(d)["networks"].append({"id": "net-local-2", "segments": [
            {"id": "s2i", "kind": "ingress"}, {"id": "s2r", "kind": "runtime"},
            {"id": "s2p", "kind": "persistence"}]})
    mut("NET-001", two_nets)
    mut("NET-002", lambda d: svc(d).__setitem__("visibility", "public"))
    mut("NET-002 near", lambda d: svc(d).__setitem__("visibility", "private"))
    mut("NET-003", lambda d: net(d)["segments"].append({"id": "s2r", "kind": "runtime"}))
    mut("NET-003 near", lambda d: net(d)["segments"].reverse())
    mut("NET-004", lambda d: db(d).__setitem__("segment", "seg-local-runtime"))
    mut("NET-005", lambda d: L(d).__setitem__("description", "runtime lives in 10.0.0.0/16"))
    mut("NET-005 near", lambda d: L(d).__setitem__(
        "description", "no CIDR such as 999.1.1.1/8 or 1.2.3.4/33; version 1.2.3"))
    mut("NET-006", lambda d: net(d).__setitem__("routes", []))
    mut("NET-007", lambda d: net(d).__setitem__("az_count", 3))
    mut("CMP-001", lambda d: svc(d).__setitem__("process", "batch"))
    mut("CMP-002", lambda d: svc(d).__setitem__("state", "stateful"))
    mut("CMP-002 vol", lambda d: svc(d).__setitem__("volumes", []))
    mut("CMP-003", lambda d: svc(d).__setitem__("scaling", "vertical"))
    mut("CMP-004", lambda d: svc(d).__setitem__("max_replicas", 10))
    mut("CMP-005", lambda d: svc(d).__setitem__("orchestrator", "kubernetes"))
    mut("CMP-005 near", lambda d: svc(d).__setitem__("name", "kubernetes-docs"))
    mut("CMP-006", lambda d: svc(d).__setitem__("instance_type", "m5.large"))
    mut("PER-001", lambda d: db(d).__setitem__("engine", "mysql"))
    mut("PER-001b", lambda d: db(d).__setitem__("engine", "PostgreSQL"))
    mut("PER-001c", lambda d: db(d).__setitem__("engine", "aurora-postgresql"))
    mut("PER-001 near postgres", lambda d: db(d).__setitem__("engine", "postgres"))
    mut("CMP-004 second api", lambda d: L(d)["services"].append(
        {"id": "svc-local-api-2", "name": "api", "segment": "seg-local-runtime",
         "process": "long-lived", "state": "stateless"}))

    def second_main(d):
        L(d)["databases"].append({"id": "db-local-main-2", "name": "main", "engine": "postgresql",
                                  "managed": True, "segment": "seg-local-persistence"})
        L(d)["adapters"].append({"id": "ad-2", "service": "svc-local-api",
                                 "database": "db-local-main-2", "access": "read-write"})
    mut("PER-004 second main", second_main)

    def exposes_worker(d):
        for E in ENVS:
            d["environments"][E]["services"].append(
                {"id": f"svc-{E}-w", "name": "worker", "segment": f"seg-{E}-runtime",
                 "process": "long-lived", "state": "stateless"})
        d["environments"]["production"]["ingresses"][0]["targets"].append("svc-production-w")
    mut("INV-001 exposure", exposes_worker)
    mut("PER-002", lambda d: db(d).__setitem__("managed", False))

    def no_writer(d):
        for E in ENVS:
            d["environments"][E]["adapters"][0]["access"] = "read-only"
    mut("PER-003 none", no_writer)

    def two_writers(d):
        L(d)["services"].append({"id": "svc-local-w", "name": "w", "segment": "seg-local-runtime",
                                 "process": "long-lived", "state": "stateless"})
        L(d)["adapters"].append({"id": "ad-w", "service": "svc-local-w",
                                 "database": "db-local-main", "access": "read-write"})
    mut("PER-003 two", two_writers)

    def near_writer(d):
        L(d)["services"].append({"id": "svc-local-w", "name": "w", "segment": "seg-local-runtime",
                                 "process": "long-lived", "state": "stateless"})
        L(d)["adapters"].append({"id": "ad-2", "service": "svc-local-api",
                                 "database": "db-local-main", "access": "read-write"})
        L(d)["adapters"].append({"id": "ad-w", "service": "svc-local-w",
                                 "database": "db-local-main", "access": "read-only"})
    mut("PER-003 near", near_writer)
    mut("PER-004", lambda d: db(d).__setitem__("read_replicas", 2))
    mut("PER-004b", lambda d: db(d).__setitem__("replicas", 2))
    mut("PER-005", lambda d: db(d).__setitem__("shard_key", "tenant"))
    mut("PER-006", lambda d: db(d).__setitem__("cross_region_replication", False))
    mut("PER-007", lambda d: svc(d).__setitem__("databases", ["db-local-main"]))

    def two_ing(d):
        L(d)["ingresses"].append({"id": "ing-2", "segment": "seg-local-ingress",
                                  "tls_termination": "infrastructure", "targets": []})
    mut("ING-001", two_ing)
    mut("ING-002", lambda d: L(d)["ingresses"][0].__setitem__("tls_termination", "runtime"))
    mut("ING-003", lambda d: L(d)["ingresses"][0].__setitem__("load_balancer", "ALB"))
    mut("ING-003 near", lambda d: L(d)["ingresses"][0].__setitem__("load_balancing", True))
    mut("CFG-001", lambda d: L(d)["configuration"].__setitem__("placement", "runtime"))
    mut("CFG-002", lambda d: L(d)["secrets"].__setitem__("placement", "configuration"))
    mut("CFG-003", lambda d: L(d)["secrets"].__setitem__("placement", "runtime"))
    mut("CFG-004", lambda d: L(d)["secrets"].__setitem__("secrets_manager", "vault"))
    mut("CFG-005", lambda d: L(d)["secrets"].__setitem__("kms", {}))
    mut("CFG-006", lambda d: L(d)["secrets"].__setitem__("rotation", "90d"))
    mut("FBD-001", lambda d: d.__setitem__("terraform", "main.tf"))
    mut("FBD-002", lambda d: L(d).__setitem__("account_id", "123456789012"))
    mut("FBD-003", lambda d: L(d).__setitem__("region", "eu-west-1"))
    mut("FBD-004", lambda d: d.__setitem__("cost_estimate", 1200))
    mut("FBD-005", lambda d: net(d).__setitem__("security_groups", []))
    mut("FBD-006", lambda d: d.__setitem__("pipeline", {}))
    mut("FBD-007", lambda d: svc(d).__setitem__("monitoring", "prometheus"))
    mut("FBD-008", lambda d: db(d).__setitem__("tags", {"team": "a"}))
    for c in ["ingress -> api", "api :8080", "[ingress] --- [runtime] --- [persistence]",
              "ports and adapters"]:
        mut("FBD-009 " + c, lambda d, c=c: d.__setitem__("diagrams", [{"title": "t", "content": c}]))
    mut("INV-001", lambda d: d["environments"]["production"]["services"].append(
        {"id": "svc-p-w", "name": "worker", "segment": "seg-production-runtime",
         "process": "long-lived", "state": "stateless"}))

    def worker_all(d):
        for E in ENVS:
            d["environments"][E]["services"].append(
                {"id": f"svc-{E}-w", "name": "worker", "segment": f"seg-{E}-runtime",
                 "process": "long-lived", "state": "stateless"})
    mut("INV-001 near", worker_all)
    mut("INV-002", lambda d: d.__setitem__("multi_cloud", True))
    mut("PHS-001", lambda d: svc(d).__setitem__("deployment", {"strategy": "blue-green"}))
    mut("PHS-002", lambda d: svc(d).__setitem__("secrets", ["sec-local"]))
    # S5 edge-case tables
    for t in CIDR_TABLE + PORT_TABLE + ARROW_TABLE + PROVIDER_TABLE:
        mut("S5 text desc " + t, lambda d, t=t: L(d).__setitem__("description", t))
        mut("S5 text diag " + t, lambda d, t=t: d.__setitem__("diagrams", [{"title": "t", "content": t}]))
    # parse edge cases
    for raw in [b"", b" ", b"\xef\xbb\xbf{}", b"{}", b"[]", b"1e400", b'"x"', b"null", b"nul",
                b'{"a":"\\ud800"}', b'{"a":"\\udc00"}', b'{"a":"\\ud800\\udc00"}',
                b'{"a":"\\ud800\\u0041"}', b'{"a":"\xed\xa0\x80"}', b'{"a":"\xc0\x80"}',
                b'{"a":"\xf4\x90\x80\x80"}', b'{"a":1}x', b'{"a":01}', b'{"a":-}', b'{"a":1.}',
                b'{"a":"\x01"}', b'{"a":"\x7f"}', b'{"a":"\\x"}', b'{"a":tru}', b'{"a":True}',
                b'{"a" 1}', b'{"a":1,}', b'{,}', b'[1,]', b'{"a":1}\x00', b'{"a":1}\x0b',
                b'{"a":"\\u0061","\\u0061":2}', b'{"a":"x\xe2"}', b'{"a\xe2":1,"a":1}',
                b'{"a":1,"a\xe2"}']:
        out.append(("parse %r" % raw, raw))
    return out


CIDR_TABLE = ["10.0.0.0/8", "the 10.0.0.0/8.", "subnet:10.0.0.0/16", "010.001.0.0/08",
              "10.0.0.0/8a", "999.1.1.1/8", "1.2.3.4.5/8", "1.2.3.4/33", "1.2.3.4/0032", "1.2.3.4",
              "1.2.3/4", "10.0.0.0 /8", "2001:db8::/32", "fe80::/10", "::/0", "::ffff:10.0.0.0/104",
              "subnet:2001:db8::/32", "1:2:3:4:5:6:7:8/64", "1:2:3:4:5:6:7:8:9/64", "2001:db8::/129",
              "a/b", "TCP/IP", "1/2", "\uff11\uff10.0.0.0/8",
              # rows added with the netmask (S5.1), and the grammar's edges around them
              "10.0.0.0/255.255.0.0", "10.0.0.0/255.255.0", "ip.10.0.0.0/8",
              "1:2:3:4:5:6:7::/64", "1.2.3.4::/64", "1:1.2.3.4::/64", "10.0.0.0/255.255.255.0.",
              "10.0.0.0/1.2.3.4", "10.0.0.0/32.1", "10.0.0.0/255.255.0.0.1", "10.0.0.0/256.0.0.0",
              "2001:db8::/255.255.0.0", "::ffff:10.0.0.0/255.255.0.0", "10.0.0.0/.255.255.0.0",
              "10.0.0.0/0255.255.0.0", "10.0.0.0/255..255.0.0"]
PORT_TABLE = [":5432", "host:443", "10.0.0.1:80", ":123456", "port 443", "Port: 8080", "ports=80",
              "port443", "443/tcp", "the ingress port", "ports and adapters", "support 3", "1.2.3",
              "api:8080/health", "stroke-width:2px", ":80a", ":80\u00e9", ":80_", "tcp/443",
              "UDP/53", "tcp/ip", "xtcp/443", "1tcp/443", "tcp/ 443", "1234567/tcp", "12345/tcp",
              "123456/udp", "tcp/123456", "portſ 1", "1port 2", "_port 1", "\u00e9port 1", "12:30", "ratio 1:2",
              "fe80::1/64"]
ARROW_TABLE = ["-->", "<->", "==>", "\u2192", "\u21d2", "\u27f6", "---", "|", ">", "<", "=", "- >",
               "\u2794", "\u2b05", "\U0001f852", "\u2014", "\u2014>", "<\u2013", "\u2010>",
               "\u2015>", "\u2212>", "<\u2212", "\u2016>", "\u2009>", ">\u2014", "\u2014 >",
               "\u2793", "\u27bf", "\u27c0", "\u2b00", "\u2b11", "\u2b12", "\u2b5f", "\u2b60",
               "\u2bb9", "\u2bba", "\U0001f7ff", "\U0001f800", "\U0001f8ff", "\U0001f900",
               "<!-- x -->", "a <= b"]
PROVIDER_TABLE = [  # S5.4 edge cases, then the grammar's edges
    "in us-east-1", "zone eu-west-1a.", "us-gov-west-1", "europe-west1", "us-central1-a",
    "us-east-1ab", "bus-east-1", "us-east", "US-EAST-1", "east-west-1", "arn:aws:rds:\u2026",
    "arn:aws-cn:s3", 'resource "aws_db_instance" "main" {', 'module "vpc" {',
    'the resource "api" is stateless', "the module owns it", "Type: AWS::RDS::DBInstance",
    "apiVersion: apps/v1", "westeurope",
    "us-east-10", "us-east-100", "us-east-1A", "us-east-1-a", "_us-east-1", "1us-east-1",
    "\u00e9us-east-1", "us-east-1\u00e9", "us-gov-west1", "eu-west1", "europe-west-1",
    "asia-northeast1", "australia-southeast1-b", "europe-west1-ab", "europe-west1-", "us-east1",
    "me-west1", "me-central-1", "us-middle-1", "us-east-1a-b", "us-gov-east-1c",
    "arn:aws-us-gov:iam", "arn:aws-", "arn:aws", "arn:awsx:s3", "ARN:AWS:s3", "xarn:aws:s3",
    'data "aws_ami" "ubuntu" {', 'provider "aws" {', 'resource "x"{', 'resource\t"x" \t{',
    'resource  "x" "y"', 'resource"x" {', 'resource "x" y {', 'resource "a\nb" {',
    'Resource "x" {', 'myresource "x" {', '_module "x" {', 'resource "" {', 'module "x"',
    'data  ""  "', "AWSTemplateFormatVersion", "xAWSTemplateFormatVersion", "AWS::S3::Bucket",
    "AWS::1", "aws::s3", "AWS::", "apiVersion: v1", "apiVersion:", "apiversion: v1",
    "apiVersion : v1", "xapiVersion: v1", "kind: Deployment"]


# ------------------------------------------------------------------ random mutations

ALL_MEMBER_NAMES = sorted(set(j43_check.FORBIDDEN_GENERAL)
                          | {n for t in j43_check.FORBIDDEN_BY_KIND.values() for n in t}
                          | {n for k in j43_check.KINDS.values() for n in k}
                          | {"owner", "Region", "REGION", "region ", "qa", "local", "zz", "",
                             "\u0000", "a/b", "~", "id\u0301"})


def rand_cidrish(r):
    kind = r.random()
    if kind < 0.45:
        n = r.choice([3, 4, 4, 4, 4, 5])
        groups = [str(r.choice([0, 1, 10, 127, 192, 255, 256, 300, 999, r.randint(0, 300)]))
                  for _ in range(n)]
        if r.random() < 0.2:
            groups = [g.zfill(r.randint(1, 4)) for g in groups]
        a = ".".join(groups)
    else:
        n = r.randint(0, 9)
        groups = [r.choice(["0", "1", "db8", "2001", "ffff", "fe80", "abcd", "12345", "g", "",
                            "10.0.0.0", "1.2.3.4", "300.1.1.1"]) for _ in range(n)]
        a = ":".join(groups)
        if r.random() < 0.6 and n < 8:
            pos = r.randint(0, len(groups))
            a = ":".join(groups[:pos]) + "::" + ":".join(groups[pos:])
        if r.random() < 0.2:
            a = r.choice([":", "::", ":::"]) + a
    p = r.choice(["8", "16", "32", "33", "0", "08", "128", "129", "0032", "", "x", str(r.randint(0, 200))])
    pre = r.choice(["", "", " ", "subnet:", "x", "z", "net ", "a", "f", ".", "1", ":"])
    post = r.choice(["", "", ".", "a", " ", "/", "0", ":"])
    return pre + a + "/" + p + post


def rand_portish(r):
    k = r.randint(0, 4)
    digits = "".join(r.choice("0123456789") for _ in range(r.randint(0, 7)))
    if k == 0:
        return r.choice(["", "host", "x", "1.2.3.4", "a "]) + ":" + digits + r.choice(
            ["", "x", " ", "0", "px", "\u00e9", "_", "/health", "A"])
    if k == 1:
        w = "".join(c.upper() if r.random() < 0.5 else c for c in r.choice(["port", "ports", "portss", "sport"]))
        return r.choice(["", "a", " ", "_", "1", "\u00e9"]) + w + "".join(
            r.choice([" ", "\t", ":", "=", "#", "-"]) for _ in range(r.randint(0, 3))) + digits
    if k == 2:
        if r.random() < 0.4:  # form 4
            return (r.choice(["", "a", "1", ":", "_", "x"]) + r.choice(["tcp", "TCP", "Udp", "ud"]) +
                    "/" + r.choice([digits, "ip", " 1", ""]))
        return r.choice(["", "a", "1", ":"]) + digits + "/" + r.choice(["tcp", "TCP", "Udp", "tcpx", "ud", "sctp"])
    if k == 3:
        return r.choice(["1.2.3", "v1.2", "support 3", "portal 3", "Port", "PORT:", "\u212aport 1"])
    return "port" + "\u017f" + " 1"  # long s: not an ASCII letter


def rand_arrowish(r):
    return r.choice(["->", "<-", "=>", "<=", "- >", "-", ">", "<", "=", "==", "|", "<>", ">=", "=<",
                     "\u218f", "\u2190", "\u21ff", "\u2200", "\u27ef", "\u27f0", "\u27ff", "\u2800",
                     "\u28ff", "\u2900", "\u297f", "\u2980", "\u2794", "\u27a1", "\u2b95",
                     "\u2793", "\u27bf", "\u27c0", "\u2b00", "\u2b11", "\u2b12", "\u2b5f",
                     "\u2b60", "\u2bb9", "\u2bba", "\U0001f7ff", "\U0001f800", "\U0001f8ff",
                     "\U0001f900", "\u2014>", "<\u2013", "\u2010>", "\u2015>", "\u2212>",
                     "<\u2212", "\u2016>", "\u2009>", ">\u2014", "\u2014", "\u2013 >"])


def rand_providerish(r):
    k = r.randint(0, 4)
    if k == 0:
        area = r.choice(["us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx", "cn", "europe",
                         "asia", "australia", "northamerica", "southamerica", "africa", "US",
                         "xx", "bus"])
        direction = r.choice(["north", "south", "east", "west", "central", "northeast",
                              "southeast", "northwest", "southwest", "middle", "East"])
        gov = r.choice(["", "", "gov-", "Gov-"])
        sep = r.choice(["-", "-", ""])
        digits = r.choice(["1", "2", "10", "100", "01", ""])
        zone = r.choice(["", "", "a", "ab", "A", "-a", "-", "-ab", "_"])
        return (r.choice(["", "", " ", "x", "_", "1", "\u00e9", ":", "-"]) + area + "-" + gov +
                direction + sep + digits + zone + r.choice(["", "", ".", "x", "1", " ", "\u00e9"]))
    if k == 1:
        return (r.choice(["", "x", " ", "(", "1"]) + r.choice(["arn", "ARN", "arn "]) + ":" +
                r.choice(["aws", "awsx", "aws-cn", "AWS", "aw"]) + r.choice([":", "-", "", "::"]) +
                r.choice(["", "s3", "rds:x"]))
    if k == 2:
        return (r.choice(["", "x", " ", "_", "1"]) +
                r.choice(["resource", "module", "provider", "data", "Resource", "datas"]) +
                r.choice([" ", "", "\t", "  "]) + '"' + r.choice(["", "x", "a b", "a\nb"]) +
                r.choice(['"', ""]) + r.choice(["", " ", "\t", " y "]) +
                r.choice(["{", '"', "", "}", "("]))
    if k == 3:
        return (r.choice(["", "x", " ", "_"]) +
                r.choice(["AWSTemplateFormatVersion", "AWS::", "AWS::S3", "AWS::1", "aws::s3",
                          "AWS:S3", "AWSTemplateFormat"]))
    return (r.choice(["", "x", " ", "_", "1"]) + r.choice(["apiVersion", "apiversion", "ApiVersion"])
            + r.choice([":", " :", "", "::"]) + r.choice(["", " v1", " apps/v1"]))


def rand_string(r, ids=()):
    k = r.random()
    if k < 0.08:
        return rand_providerish(r)
    if k < 0.25:
        return rand_cidrish(r)
    if k < 0.4:
        return rand_portish(r)
    if k < 0.5:
        return "a " + rand_arrowish(r) + " b"
    if k < 0.6:
        return ""
    if k < 0.75 and ids:
        return r.choice(ids)
    if k < 0.85:
        return r.choice(["long-lived", "batch", "stateless", "stateful", "horizontal", "vertical",
                         "none", "public", "private", "ingress", "runtime", "persistence",
                         "infrastructure", "dedicated", "configuration", "read-write", "read-only",
                         "postgresql", "PostgreSQL", "postgres", "postgres15", "j43/1", "j43/2",
                         "api", "main", "worker"])
    return "".join(r.choice("ab -:/.0123456789\u00e9\u2192") for _ in range(r.randint(0, 8)))


def rand_value(r, depth=0):
    k = r.randint(0, 7)
    if k == 0:
        return None
    if k == 1:
        return r.random() < 0.5
    if k == 2:
        return r.choice([0, 1, -1, 3.5, 10 ** 30])
    if k == 3:
        return rand_string(r)
    if k == 4 and depth < 3:
        return [rand_value(r, depth + 1) for _ in range(r.randint(0, 2))]
    if k == 5 and depth < 3:
        return {r.choice(ALL_MEMBER_NAMES): rand_value(r, depth + 1) for _ in range(r.randint(0, 2))}
    return {}


def nodes(v, path=()):
    """All (parent, key, path) positions in the tree."""
    out = []
    if isinstance(v, dict):
        for k in list(v):
            out.append((v, k, path + (k,)))
            out.extend(nodes(v[k], path + (k,)))
    elif isinstance(v, list):
        for i in range(len(v)):
            out.append((v, i, path + (i,)))
            out.extend(nodes(v[i], path + (i,)))
    return out


def objects(v):
    out = []
    if isinstance(v, dict):
        out.append(v)
        for x in v.values():
            out.extend(objects(x))
    elif isinstance(v, list):
        for x in v:
            out.extend(objects(x))
    return out


def all_ids(doc):
    ids = []
    for o in objects(doc):
        for k in ("id", "segment", "service", "database"):
            if isinstance(o.get(k), str):
                ids.append(o[k])
    return ids


def add_component(r, doc):
    E = r.choice(ENVS)
    e = doc["environments"].get(E)
    if not isinstance(e, dict):
        return
    ids = all_ids(doc)
    which = r.choice(["services", "databases", "adapters", "ingresses", "networks", "segment"])
    rid = r.choice(ids + [f"x-{r.randint(0, 5)}"])
    if which == "services":
        c = {"id": rid if r.random() < 0.3 else f"svc-{E}-{r.randint(0, 3)}",
             "name": r.choice(["api", "worker", "w"]), "segment": r.choice(ids),
             "process": "long-lived", "state": "stateless"}
    elif which == "databases":
        c = {"id": rid if r.random() < 0.3 else f"db-{E}-{r.randint(0, 3)}",
             "name": r.choice(["main", "aux"]), "engine": "postgresql", "managed": True,
             "segment": r.choice(ids)}
    elif which == "adapters":
        c = {"id": rid if r.random() < 0.3 else f"ad-{E}-{r.randint(0, 3)}",
             "service": r.choice(ids), "database": r.choice(ids),
             "access": r.choice(["read-write", "read-only"])}
    elif which == "ingresses":
        c = {"id": f"ing-{r.randint(0, 3)}", "segment": r.choice(ids),
             "tls_termination": "infrastructure", "targets": [r.choice(ids)]}
    elif which == "networks":
        c = {"id": rid, "segments": [{"id": f"s-{r.randint(0, 9)}", "kind": k}
                                     for k in r.sample(["ingress", "runtime", "persistence", "runtime"], r.randint(0, 4))]}
    else:
        nets = e.get("networks")
        if isinstance(nets, list) and nets and isinstance(nets[0], dict) and isinstance(nets[0].get("segments"), list):
            nets[0]["segments"].insert(r.randint(0, len(nets[0]["segments"])),
                                       {"id": rid, "kind": r.choice(["ingress", "runtime", "persistence"])})
        return
    lst = e.get(which)
    if isinstance(lst, list):
        lst.insert(r.randint(0, len(lst)), c)


def mutate_tree(r, doc):
    ns = nodes(doc)
    k = r.random()
    if k < 0.15:  # forbidden / unknown / known member on a random object
        o = r.choice(objects(doc))
        o[r.choice(ALL_MEMBER_NAMES)] = rand_value(r)
    elif k < 0.3:  # string edit
        strs = [(p, key) for p, key, _ in ns if isinstance(p[key], str)]
        if strs:
            p, key = r.choice(strs)
            if r.random() < 0.5:
                p[key] = rand_string(r, all_ids(doc))
            else:
                p[key] = p[key] + " " + rand_string(r)
    elif k < 0.37:  # type change
        p, key, _ = r.choice(ns)
        p[key] = rand_value(r)
    elif k < 0.44:  # deletion
        p, key, _ = r.choice(ns)
        if isinstance(p, dict):
            del p[key]
        else:
            p.pop(key)
    elif k < 0.52:  # duplication of an array element
        arrs = [(p, key) for p, key, _ in ns if isinstance(p[key], list) and p[key]]
        if arrs:
            p, key = r.choice(arrs)
            p[key].append(copy.deepcopy(r.choice(p[key])))
    elif k < 0.63:  # cross-environment or wrong-kind reference / id reuse
        refs = [(p, key) for p, key, path in ns
                if isinstance(p[key], str) and (key in ("id", "segment", "service", "database")
                                                or (len(path) > 1 and path[-2] == "targets"))]
        if refs:
            p, key = r.choice(refs)
            p[key] = r.choice(all_ids(doc))
    elif k < 0.73:
        add_component(r, doc)
    elif k < 0.95:  # a valid value of a known member's type (reaches layer 3 rules)
        set_known_member(r, doc)
    else:  # environment-level edits
        e = doc["environments"]
        kk = r.random()
        if kk < 0.3 and e:
            del e[r.choice(list(e))]
        elif kk < 0.5:
            e[r.choice(["qa", "dev", "Local", "prod"])] = rand_value(r)
        elif kk < 0.7:
            doc["diagrams"] = [{"title": rand_string(r), "content": rand_string(r)}
                               for _ in range(r.randint(0, 2))]
        else:
            strs = [(p, key) for p, key, _ in ns if isinstance(p[key], str)]
            if strs:
                p, key = r.choice(strs)
                p[key] = r.choice(["long-lived", "batch", "stateful", "vertical", "none", "public",
                                   "runtime", "configuration", "read-only", "mysql", "private"])


def mutate_bytes(r, data):
    k = r.random()
    b = bytearray(data)
    if not b:
        return bytes(b)
    i = r.randrange(len(b) + 1)
    if k < 0.2:
        b[i:i + r.randint(1, 3)] = b""
    elif k < 0.4:
        b[i:i] = r.choice([b",", b"}", b"]", b"{", b"[", b'"', b"\\", b"\x00", b"\xff", b"\xc0\x80",
                           b"\xed\xa0\x80", b"\xe2\x82", b"\xf4\x90\x80\x80", b"\\ud800", b"\\udc00",
                           b"\\u00e9", b"\\ud83d\\ude00", b" ", b"\t", b"\x0b", b"\xef\xbb\xbf",
                           b"\xc2\xa0", b"NaN", b"1e400", b"-0", b"01", b"tru"])
    elif k < 0.55:
        # duplicate a member name textually: copy an earlier `"name":value` into the same object
        s = bytes(b)
        j = s.find(b'"id"', i)
        if j == -1:
            j = s.find(b'"id"')
        if j != -1:
            b[j:j] = r.choice([b'"id":"dup",', b'"\\u0069d":"dup",', b'"i\\u0064":"x",', b'"id" : 1 ,'])
    elif k < 0.7:
        n = r.choice([62, 63, 64, 65, 66, 100])
        deep = b"[" * n + b"]" * n if r.random() < 0.7 else b'{"a":' * n + b"1" + b"}" * n
        s = bytes(b)
        j = s.rfind(b"}")
        b = bytearray(s[:j] + b', "zz": ' + deep + s[j:]) if j > 0 else b
    elif k < 0.8:
        b += r.choice([b" x", b"\n", b"{}", b"\r\n\t ", b"\x00", b"\xa0"])
    else:
        b[i:i + 1] = bytes([r.randrange(256)])
    return bytes(b)


KIND_OF_PATH = {"networks": "Network", "segments": "Segment", "ingresses": "Ingress",
                "services": "Service", "databases": "Database", "adapters": "Adapter",
                "configuration": "ConfigurationBoundary", "secrets": "SecretsBoundary",
                "diagrams": "Diagram"}


def set_known_member(r, doc):
    """Pick an object of a known kind and set one of its known members to a well-typed value."""
    cands = []
    for parent, key, path in nodes(doc):
        v = parent[key]
        if not isinstance(v, dict):
            continue
        kind = None
        if isinstance(key, int) and len(path) >= 2:
            kind = KIND_OF_PATH.get(path[-2])
        elif key in ("configuration", "secrets") and len(path) == 3:
            kind = KIND_OF_PATH[key]
        elif key in ENVS and len(path) == 2:
            kind = "Environment"
        if kind:
            cands.append((v, kind))
    cands.append((doc, "Document"))
    obj, kind = r.choice(cands)
    name, (typ, _req) = r.choice(list(j43_check.KINDS[kind].items()))
    tag = typ[0]
    if tag == "enum":
        obj[name] = r.choice(typ[1])
    elif tag == "bool":
        obj[name] = r.random() < 0.5
    elif tag in ("text", "id", "name", "ref"):
        obj[name] = rand_string(r, all_ids(doc)) if r.random() < 0.7 else r.choice(all_ids(doc) or ["x"])
        if obj[name] == "" and tag != "text":
            obj[name] = "x"
    elif tag == "array" and isinstance(obj.get(name), list):
        if obj[name] and r.random() < 0.5:
            obj[name].pop(r.randrange(len(obj[name])))
        elif obj[name]:
            obj[name].append(copy.deepcopy(r.choice(obj[name])))


def rand_token_soup(r):
    """A string built from pieces of the S5 grammars, for focused token fuzzing."""
    pieces = [rand_cidrish, rand_portish, rand_arrowish, rand_providerish,
              lambda r: r.choice(["", " ", ":", "::", ".", "/", "-", "<", ">", "=", "#", "a", "f",
                                  "1", "0", "255", "256", "port", "PORT", "tcp", "/udp", "\u2192",
                                  "\uff11", "\u00e9", "\t", "x:"])]
    return "".join(r.choice(pieces)(r) for _ in range(r.randint(1, 4)))


def gen_token(r):
    doc = base()
    t = rand_token_soup(r)
    if r.random() < 0.5:
        doc["diagrams"] = [{"title": "t", "content": t}]
    else:
        doc["environments"]["local"]["description"] = t
    return enc(dumps(doc))


def gen_random(r):
    if r.random() < 0.15:
        return gen_token(r)
    doc = base()
    for _ in range(r.choice([1, 1, 1, 2, 2, 3, 5])):
        try:
            mutate_tree(r, doc)
        except (KeyError, TypeError, AttributeError, IndexError, ValueError):
            pass  # a mutation that no longer applies to an already-mutated tree
    data = enc(dumps(doc, r))
    if r.random() < 0.12:
        data = mutate_bytes(r, data)
    return data


# ------------------------------------------------------------------ running both sides

def run_ref(cmd, data):
    p = subprocess.run(cmd, input=data, capture_output=True, timeout=120)
    try:
        out = json.loads(p.stdout)
        return out["verdict"], sorted(out["rules"]), out.get("violations")
    except Exception:
        return "ERROR", ["rc=%d %s" % (p.returncode, p.stderr[-300:].decode("utf-8", "replace"))], None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--ref", default=os.path.join(HERE, "..", "..", "..", "target", "debug",
                                                  "examples", "check"))
    ap.add_argument("--out", default="difftest-disagreements.jsonl")
    ap.add_argument("--jobs", type=int, default=4)
    ap.add_argument("--no-spec", action="store_true")
    a = ap.parse_args()
    r = random.Random(a.seed)
    cases = [] if a.no_spec else spec_examples()
    for n in range(a.count):
        cases.append(("random seed=%d #%d" % (a.seed, n), gen_random(r)))
    cmd = a.ref.split()

    def one(case):
        label, data = case
        ref = run_ref(cmd, data)
        try:
            mine = j43_check.check_bytes(data)
        except Exception as e:  # never expected
            mine = ("CRASH", [repr(e)], None)
        return label, data, ref, mine

    dis = 0
    seen_kinds = {}
    with open(a.out, "w") as f, ThreadPoolExecutor(a.jobs) as ex:
        for label, data, ref, mine in ex.map(one, cases):
            if ref[0] != mine[0] or ref[1] != mine[1]:
                dis += 1
                key = (tuple(sorted(set(ref[1]) ^ set(mine[1]))))
                seen_kinds[key] = seen_kinds.get(key, 0) + 1
                rec = {"label": label, "ref": ref[1], "mine": mine[1],
                       "ref_violations": ref[2],
                       "mine_violations": [v.as_json() for v in mine[2]] if mine[2] else None}
                try:
                    rec["document"] = data.decode("utf-8")
                except UnicodeDecodeError:
                    rec["document_base64"] = base64.b64encode(data).decode()
                f.write(json.dumps(rec) + "\n")
    print("documents compared: %d, disagreements: %d" % (len(cases), dis))
    for k, n in sorted(seen_kinds.items(), key=lambda x: -x[1]):
        print("  %5d  symmetric difference %s" % (n, ",".join(k)))
    return 1 if dis else 0


if __name__ == "__main__":
    sys.exit(main())
