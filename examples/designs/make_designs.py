#!/usr/bin/env python3
"""Writes the example designs of examples/designs/ (Python 3 standard library, deterministic).

`zenthea-authorized.json` is a complete authorized design; each rejected design is that design
with the habits of a real team written in. The expected rule ids, in README.md and in
EXPECTED below, come from docs/SPEC.md, not from running a checker.

Usage: python3 examples/designs/make_designs.py
"""

import copy
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ENVS = ["local", "staging", "production"]

ENV_PROSE = {
    "local": "A developer's own copy of the platform. It has the same services, the same "
             "databases and the same access paths as production, so that what runs here runs "
             "the same way everywhere; only the infrastructure underneath is smaller.",
    "staging": "The rehearsal environment. It is isolated from production: nothing here reaches "
               "production's network, data or secrets, and nothing is promoted from here by "
               "the design.",
    "production": "The environment that serves clinicians and patients. It is isolated from "
                  "staging and local, and all external traffic enters through its single "
                  "ingress.",
}


def environment(e):
    return {
        "description": ENV_PROSE[e],
        "networks": [{
            "id": f"net-{e}",
            "description": "The primary network boundary of the environment. Everything inside "
                           "it is private; only the ingress receives external traffic.",
            "visibility": "private",
            "segments": [
                {"id": f"seg-{e}-edge", "kind": "ingress",
                 "description": "Where external traffic arrives and nothing else runs."},
                {"id": f"seg-{e}-app", "kind": "runtime",
                 "description": "Where the stateless services run."},
                {"id": f"seg-{e}-data", "kind": "persistence",
                 "description": "Where the managed databases live, reachable only through "
                                "persistence adapters."},
            ],
        }],
        "ingresses": [{
            "id": f"ing-{e}",
            "segment": f"seg-{e}-edge",
            "tls_termination": "infrastructure",
            "load_balancing": True,
            "targets": [f"svc-{e}-api"],
            "description": "The single entry point. The infrastructure terminates TLS here and "
                           "spreads requests across the api service; which product does this "
                           "is decided in a later phase.",
        }],
        "services": [
            {"id": f"svc-{e}-api", "name": "api", "segment": f"seg-{e}-app",
             "process": "long-lived", "state": "stateless", "scaling": "horizontal",
             "description": "Serves the public Zenthea API: scheduling, records and messaging "
                            "requests from the clinician and patient applications. Keeps no "
                            "state between requests."},
            {"id": f"svc-{e}-worker", "name": "worker", "segment": f"seg-{e}-app",
             "process": "long-lived", "state": "stateless", "scaling": "horizontal",
             "description": "Works through background jobs (document rendering, record "
                            "imports) that the api records in the clinical database, and "
                            "writes what happened to the event log."},
            {"id": f"svc-{e}-notifier", "name": "notifier", "segment": f"seg-{e}-app",
             "process": "long-lived", "state": "stateless", "scaling": "horizontal",
             "description": "Reads the event log and sends appointment reminders and message "
                            "notifications. It writes nothing of its own."},
        ],
        "databases": [
            {"id": f"db-{e}-clinical", "name": "clinical", "engine": "postgresql",
             "managed": True, "segment": f"seg-{e}-data", "visibility": "private",
             "description": "Patients, appointments, records and the job queue. The api is its "
                            "only writer."},
            {"id": f"db-{e}-events", "name": "events", "engine": "postgresql",
             "managed": True, "segment": f"seg-{e}-data", "visibility": "private",
             "description": "An append-only log of what the platform did. The worker is its "
                            "only writer."},
        ],
        "adapters": [
            {"id": f"ad-{e}-api-clinical", "service": f"svc-{e}-api",
             "database": f"db-{e}-clinical", "access": "read-write",
             "description": "The api's persistence adapter for clinical data (Phase J.3)."},
            {"id": f"ad-{e}-worker-clinical", "service": f"svc-{e}-worker",
             "database": f"db-{e}-clinical", "access": "read-only",
             "description": "The worker reads the jobs the api recorded."},
            {"id": f"ad-{e}-worker-events", "service": f"svc-{e}-worker",
             "database": f"db-{e}-events", "access": "read-write",
             "description": "The worker appends to the event log."},
            {"id": f"ad-{e}-notifier-events", "service": f"svc-{e}-notifier",
             "database": f"db-{e}-events", "access": "read-only",
             "description": "The notifier reads the event log."},
        ],
        "configuration": {
            "id": f"cfg-{e}", "placement": "dedicated",
            "description": "Non-secret settings live in a boundary of their own, outside the "
                           "runtime. How services will read them is Phase J.6 work."},
        "secrets": {
            "id": f"sec-{e}", "placement": "dedicated",
            "description": "Secrets live in their own boundary, apart from configuration and "
                           "from the runtime. No secret manager, key hierarchy or rotation "
                           "policy is chosen in this phase."},
    }


DIAGRAM = "\n".join([
    "+--------------------------------------------------------------+",
    "|  one primary network boundary per environment (private)      |",
    "|                                                              |",
    "|  [ ingress segment ]      the single ingress                 |",
    "|           |               TLS terminated by infrastructure   |",
    "|  [ runtime segment ]      api . worker . notifier            |",
    "|           |               stateless, long-lived              |",
    "|  [ persistence segment ]  clinical . events                  |",
    "|                           managed PostgreSQL                 |",
    "+--------------------------------------------------------------+",
    "   configuration boundary       secrets boundary",
    "   (dedicated)                  (dedicated)",
])


def authorized():
    return {
        "format": "j43/1",
        "name": "Zenthea Platform infrastructure model",
        "description": "The conceptual infrastructure of the Zenthea Platform under Phase J.4.3: "
                       "three isolated environments, each with one private network boundary "
                       "separated into ingress, runtime and persistence, stateless long-lived "
                       "services, managed PostgreSQL reached only through persistence "
                       "adapters, and dedicated configuration and secrets boundaries. It says "
                       "what exists, not how it is provisioned.",
        "environments": {e: environment(e) for e in ENVS},
        "diagrams": [{
            "title": "The shape of every environment",
            "content": DIAGRAM,
        }],
    }


def svc(d, e, name):
    return next(s for s in d["environments"][e]["services"] if s["name"] == name)


def dbase(d, e, name):
    return next(x for x in d["environments"][e]["databases"] if x["name"] == name)


def terraform_habits():
    d = authorized()
    d["name"] = "Zenthea platform (from the infra repo variables)"
    d["terraform"] = {"backend": "s3", "required_version": ">= 1.6"}
    d["organization"] = "zenthea-health"
    for e in ENVS:
        x = d["environments"][e]
        x["region"] = "eu-central-1"
        x["account_id"] = {"local": "111111111111", "staging": "222222222222",
                           "production": "333333333333"}[e]
        n = x["networks"][0]
        n["cidr_block"] = {"local": "10.10.0.0/16", "staging": "10.20.0.0/16",
                           "production": "10.30.0.0/16"}[e]
        n["az_count"] = 1 if e == "local" else 3
        for s in x["services"]:
            s["instance_type"] = "t3.small" if e != "production" else "m6i.large"
            s["desired_count"] = 1 if e != "production" else 3
        for b in x["databases"]:
            b["tags"] = {"environment": e, "owner": "platform-team"}
    return d


def staging_shares_production():
    d = authorized()
    st = d["environments"]["staging"]
    st["description"] = ("Staging, made cheaper: it uses production's clinical database "
                         "directly and reads and writes production's event log.")
    prod_clinical = copy.deepcopy(dbase(d, "production", "clinical"))
    prod_clinical["segment"] = "seg-staging-data"
    prod_clinical["description"] = "Production's clinical database, also used by staging."
    st["databases"] = [prod_clinical]
    for a in st["adapters"]:
        if a["database"] == "db-staging-clinical":
            a["database"] = "db-production-clinical"
        elif a["database"] == "db-staging-events":
            a["database"] = "db-production-events"
    return d


def technical_diagram():
    d = authorized()
    d["diagrams"] = [{
        "title": "Request flow",
        "content": "\n".join([
            "client --> ingress :443 --> api :8080",
            "api ==> clinical (5432/tcp)",
            "worker --> events, notifier <-- events",
        ]),
    }]
    return d


def stateful_on_kubernetes():
    d = authorized()
    for e in ENVS:
        x = d["environments"][e]
        x["services"].append({
            "id": f"svc-{e}-search", "name": "search", "segment": f"seg-{e}-app",
            "process": "long-lived", "state": "stateful", "scaling": "horizontal",
            "description": "Keeps a search index of records on its own disk and rebuilds it "
                           "from the clinical database when it starts.",
            "persistent_volume": {"size": "50Gi", "access_mode": "ReadWriteOnce"},
            "orchestrator": "kubernetes",
            "replicas": 3,
        })
        x["adapters"].append({
            "id": f"ad-{e}-search-clinical", "service": f"svc-{e}-search",
            "database": f"db-{e}-clinical", "access": "read-only",
            "description": "The search service reads records to index them."})
    return d


def secrets_wired():
    d = authorized()
    for e in ENVS:
        x = d["environments"][e]
        x["secrets"]["placement"] = "configuration"
        x["secrets"]["description"] = "Secrets are kept with the configuration, in Vault."
        x["secrets"]["secrets_manager"] = "hashicorp-vault"
        x["secrets"]["rotation_policy"] = {"database_passwords": "30 days"}
        for s in x["services"]:
            s["secrets"] = [f"sec-{e}"]
            s["env_vars"] = {"LOG_LEVEL": "info"}
    return d


def replicated_database():
    d = authorized()
    for e in ENVS:
        x = d["environments"][e]
        c = dbase(d, e, "clinical")
        c["read_replicas"] = 2 if e == "production" else 0
        c["cross_region_replication"] = e == "production"
        c["description"] = ("Patients, appointments and records. The api and the worker both "
                            "write to it; reporting reads go to the replicas.")
        for a in x["adapters"]:
            if a["id"] == f"ad-{e}-worker-clinical":
                a["access"] = "read-write"
                a["description"] = "The worker marks jobs done in the clinical database."
    return d


def provider_artifacts_in_prose():
    d = authorized()
    p = d["environments"]["production"]
    p["description"] = ("The environment that serves clinicians and patients. It runs in "
                        "eu-west-1, spread over eu-west-1a and eu-west-1b.")
    dbase(d, "production", "clinical")["description"] = (
        "Patients, appointments and records: arn:aws:rds:eu-west-1:333333333333:db:clinical.")
    svc(d, "production", "api")["description"] = (
        "Serves the public Zenthea API; its manifests start with apiVersion: apps/v1.")
    d["diagrams"].append({
        "title": "From the infra repo",
        "content": "\n".join([
            'resource "aws_db_instance" "clinical" {',
            '  engine = "postgres"',
            "}",
        ]),
    })
    return d


def instances_by_another_name():
    d = authorized()
    for e in ENVS:
        x = d["environments"][e]
        dbase(d, e, "events")["engine"] = "postgres"
        x["databases"].append({
            "id": f"db-{e}-clinical-reporting", "name": "clinical", "engine": "postgresql",
            "managed": True, "segment": f"seg-{e}-data", "visibility": "private",
            "description": "A reporting copy of the clinical data, kept up to date by the "
                           "worker."})
        x["adapters"].append({
            "id": f"ad-{e}-worker-clinical-reporting", "service": f"svc-{e}-worker",
            "database": f"db-{e}-clinical-reporting", "access": "read-write",
            "description": "The worker copies records into the reporting database."})
    p = d["environments"]["production"]
    p["services"].append({
        "id": "svc-production-api-2", "name": "api", "segment": "seg-production-app",
        "process": "long-lived", "state": "stateless", "scaling": "horizontal",
        "description": "A second api for the busy hours."})
    p["ingresses"][0]["targets"].append("svc-production-api-2")
    return d


# (file, builder, expected rules from SPEC.md, why)
EXPECTED = [
    ("zenthea-authorized.json", authorized, [], "every rule of S6 holds"),
    ("terraform-habits.json", terraform_habits,
     ["CMP-004", "CMP-006", "FBD-001", "FBD-002", "FBD-003", "FBD-008", "NET-005", "NET-007"],
     "S3.14 members: terraform (FBD-001), organization and account_id (FBD-002), region "
     "(FBD-003), cidr_block (NET-005), az_count (NET-007), instance_type (CMP-006), "
     "desired_count (CMP-004), tags (FBD-008)"),
    ("staging-shares-production.json", staging_shares_production,
     ["ENV-002", "ENV-003", "INV-001"],
     "`db-production-clinical` is a component id of staging and production (ENV-002, S6.2); "
     "staging's event adapters name `db-production-events`, which resolves only in production "
     "(ENV-003, S4.4); staging has no `events` database, so its composition differs (INV-001, "
     "S6.9)"),
    ("technical-diagram.json", technical_diagram, ["FBD-009"],
     "the diagram has arrows (`-->`, `==>`, `<--`) and ports (`:443`, `:8080`, `5432/tcp`), "
     "S5.2, S5.3, S6.8"),
    ("stateful-search-on-kubernetes.json", stateful_on_kubernetes,
     ["CMP-002", "CMP-004", "CMP-005"],
     "`\"state\": \"stateful\"` and `persistent_volume` (CMP-002), `orchestrator` (CMP-005), "
     "`replicas` on a service (CMP-004)"),
    ("secrets-wired-into-services.json", secrets_wired,
     ["CFG-002", "CFG-004", "CFG-006", "PHS-002"],
     "secrets placed in the configuration boundary (CFG-002), `secrets_manager` (CFG-004), "
     "`rotation_policy` (CFG-006), `secrets` and `env_vars` on services (PHS-002)"),
    ("replicated-database.json", replicated_database, ["PER-003", "PER-004", "PER-006"],
     "the api and the worker both write `clinical` (PER-003, S7.2), `read_replicas` on the "
     "database (PER-004, present even where it is 0), `cross_region_replication` (PER-006, "
     "present even where it is false, S7.9)"),
    ("provider-artifacts-in-prose.json", provider_artifacts_in_prose,
     ["CMP-005", "FBD-001", "FBD-003", "FBD-008"],
     "provider artifacts in text (S5.4, S7.10): region and zone codes `eu-west-1`, "
     "`eu-west-1a` in production's description (FBD-003), an ARN in a database description "
     "(FBD-008), `apiVersion: apps/v1` in a service description (CMP-005), an HCL block header "
     "`resource \"aws_db_instance\" \"clinical\" {` in a diagram (FBD-001); the diagram has no "
     "port or arrow (`=` alone is not one)"),
    ("instances-by-another-name.json", instances_by_another_name, ["CMP-004", "PER-004"],
     "a second service named `api` in production (CMP-004, S6.4, S7.2; it is also targeted, so "
     "every environment still exposes only `api`, S6.9) and, everywhere, a second database named "
     "`clinical` with its own single writer, the worker (PER-004, S6.5); `\"engine\": "
     "\"postgres\"` on `events` is authorized (S7.11)"),
]


def main():
    for name, build, _, _ in EXPECTED:
        with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(json.dumps(build(), indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
