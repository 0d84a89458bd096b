//! One test per rule of SPEC S6: its minimal violation reports exactly that rule at the pointer the
//! spec names, and its near-miss is authorized.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails loudly on a broken fixture"
)]

use j43_model::{check, Design, RuleId};
use serde_json::{json, Value};

/// The SPEC S6.0 base design as a JSON value.
fn base() -> Value {
    Design::base().to_value()
}

/// Applies `edit` to the base design and asserts the report is exactly `expect` (rule, pointer).
fn check_edit(edit: impl FnOnce(&mut Value), expect: &[(RuleId, &str)]) {
    let mut doc = base();
    edit(&mut doc);
    check_bytes(&serde_json::to_vec(&doc).unwrap(), expect);
}

fn check_bytes(bytes: &[u8], expect: &[(RuleId, &str)]) {
    let report = check(bytes);
    let mut got: Vec<(RuleId, String)> = report
        .violations()
        .iter()
        .map(|v| (v.rule, v.pointer.clone()))
        .collect();
    got.sort();
    let mut want: Vec<(RuleId, String)> = expect.iter().map(|(r, p)| (*r, p.to_string())).collect();
    want.sort();
    assert_eq!(
        got,
        want,
        "document: {}\nviolations: {:#?}",
        String::from_utf8_lossy(&bytes[..bytes.len().min(2000)]),
        report.violations()
    );
}

fn authorized(edit: impl FnOnce(&mut Value)) {
    check_edit(edit, &[]);
}

/// The value at a JSON pointer, mutably; panics (test only) when absent.
fn at<'a>(doc: &'a mut Value, pointer: &str) -> &'a mut Value {
    doc.pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no {pointer} in base design"))
}

fn set(doc: &mut Value, pointer: &str, member: &str, value: Value) {
    at(doc, pointer)
        .as_object_mut()
        .unwrap()
        .insert(member.to_owned(), value);
}

fn remove(doc: &mut Value, pointer: &str, member: &str) {
    at(doc, pointer).as_object_mut().unwrap().remove(member);
}

fn push(doc: &mut Value, pointer: &str, value: Value) {
    at(doc, pointer).as_array_mut().unwrap().push(value);
}

const LOCAL: &str = "/environments/local";
const SVC: &str = "/environments/local/services/0";
const DB: &str = "/environments/local/databases/0";
const ING: &str = "/environments/local/ingresses/0";
const NET: &str = "/environments/local/networks/0";

#[test]
fn base_design_is_authorized() {
    authorized(|_| {});
}

#[test]
fn doc_001_malformed_json() {
    check_bytes(br#"{"format": "j43/1",}"#, &[(RuleId::Doc001, "")]);
    let mut ok = serde_json::to_vec(&base()).unwrap();
    ok.extend_from_slice(b"\n\t \r\n");
    check_bytes(&ok, &[]);
}

#[test]
fn doc_002_duplicate_member_name() {
    check_bytes(
        br#"{"format":"j43/1","format":"j43/1","environments":{}}"#,
        &[(RuleId::Doc002, "")],
    );
}

#[test]
fn doc_003_nesting_too_deep() {
    let deep = |n: usize| {
        let mut doc = base();
        let mut v = json!([]);
        for _ in 1..n {
            v = json!([v]);
        }
        set(&mut doc, "", "owner", v);
        serde_json::to_vec(&doc).unwrap()
    };
    // The member's value starts at depth 2: 64 nested arrays there reach depth 65.
    check_bytes(&deep(64), &[(RuleId::Doc003, "")]);
    check_bytes(&deep(63), &[(RuleId::Doc007, "/owner")]);
}

#[test]
fn doc_004_document_too_large() {
    let mut doc = serde_json::to_vec(&base()).unwrap();
    doc.resize(64 * 1024 * 1024, b' ');
    check_bytes(&doc, &[]);
    doc.push(b' ');
    check_bytes(&doc, &[(RuleId::Doc004, "")]);
}

#[test]
fn doc_005_wrong_type_blocks_layer_3() {
    check_edit(
        |d| {
            set(d, DB, "managed", json!("yes"));
            set(d, SVC, "state", json!("stateful")); // CMP-002, hidden by the block
        },
        &[(RuleId::Doc005, "/environments/local/databases/0/managed")],
    );
    check_bytes(b"[]", &[(RuleId::Doc005, "")]);
    check_edit(
        |d| set(d, DB, "managed", json!(false)),
        &[(RuleId::Per002, "/environments/local/databases/0/managed")],
    );
}

#[test]
fn doc_006_missing_member() {
    check_edit(|d| remove(d, SVC, "state"), &[(RuleId::Doc006, SVC)]);
    authorized(|d| remove(d, SVC, "description"));
}

#[test]
fn doc_007_unknown_member_does_not_block() {
    check_edit(
        |d| {
            set(d, SVC, "owner", json!("team-a"));
            set(d, SVC, "process", json!("batch"));
        },
        &[
            (RuleId::Doc007, "/environments/local/services/0/owner"),
            (RuleId::Cmp001, "/environments/local/services/0/process"),
        ],
    );
    authorized(|d| set(d, SVC, "description", json!("owned by team a")));
}

#[test]
fn doc_008_invalid_value() {
    check_edit(
        |d| set(d, SVC, "process", json!("daemon")),
        &[(RuleId::Doc008, "/environments/local/services/0/process")],
    );
    check_edit(
        |d| set(d, "", "format", json!("j43/2")),
        &[(RuleId::Doc008, "/format")],
    );
    check_edit(
        |d| set(d, "/environments/local/configuration", "id", json!("")),
        &[(RuleId::Doc008, "/environments/local/configuration/id")],
    );
}

#[test]
fn doc_009_duplicate_id() {
    check_edit(
        |d| set(d, "/environments/local/secrets", "id", json!("cfg-local")),
        &[(RuleId::Doc009, "/environments/local/secrets/id")],
    );
}

#[test]
fn doc_010_unresolved_reference() {
    check_edit(
        |d| set(d, SVC, "segment", json!("seg-local-nope")),
        &[(RuleId::Doc010, "/environments/local/services/0/segment")],
    );
    // Wrong kind in the same environment.
    check_edit(
        |d| set(d, ING, "segment", json!("svc-local-api")),
        &[(RuleId::Doc010, "/environments/local/ingresses/0/segment")],
    );
    // A dangling ingress target also changes what the environment exposes.
    check_edit(
        |d| set(d, ING, "targets", json!(["svc-local-nope"])),
        &[
            (RuleId::Doc010, "/environments/local/ingresses/0/targets/0"),
            (RuleId::Inv001, "/environments/local"),
        ],
    );
}

#[test]
fn env_001_exactly_three_environments() {
    check_edit(
        |d| set(d, "/environments", "qa", json!({})),
        &[(RuleId::Env001, "/environments/qa")],
    );
    check_edit(
        |d| remove(d, "/environments", "staging"),
        &[(RuleId::Env001, "/environments")],
    );
}

#[test]
fn env_002_shared_resource() {
    check_edit(
        |d| {
            set(d, "/environments/local/secrets", "id", json!("sec-shared"));
            set(
                d,
                "/environments/staging/secrets",
                "id",
                json!("sec-shared"),
            );
        },
        &[(RuleId::Env002, "/environments/staging/secrets/id")],
    );
    check_edit(
        |d| set(d, DB, "shared_with", json!(["staging"])),
        &[(
            RuleId::Env002,
            "/environments/local/databases/0/shared_with",
        )],
    );
}

#[test]
fn env_003_cross_environment_reference() {
    check_edit(
        |d| {
            set(
                d,
                "/environments/staging/services/0",
                "segment",
                json!("seg-local-runtime"),
            )
        },
        &[(RuleId::Env003, "/environments/staging/services/0/segment")],
    );
}

#[test]
fn env_004_promotion_mechanics() {
    check_edit(
        |d| {
            set(
                d,
                "/environments/staging",
                "promote_to",
                json!("production"),
            )
        },
        &[(RuleId::Env004, "/environments/staging/promote_to")],
    );
    authorized(|d| {
        set(
            d,
            "/environments/staging",
            "description",
            json!("staging mirrors production"),
        )
    });
}

fn second_network(d: &mut Value) {
    push(
        d,
        "/environments/local/networks",
        json!({"id": "net-local-2", "segments": [
            {"id": "seg2-i", "kind": "ingress"},
            {"id": "seg2-r", "kind": "runtime"},
            {"id": "seg2-p", "kind": "persistence"}]}),
    );
}

#[test]
fn net_001_one_network() {
    check_edit(
        second_network,
        &[(RuleId::Net001, "/environments/local/networks")],
    );
}

#[test]
fn net_002_private_by_default() {
    check_edit(
        |d| set(d, SVC, "visibility", json!("public")),
        &[(RuleId::Net002, "/environments/local/services/0/visibility")],
    );
    check_edit(
        |d| set(d, NET, "visibility", json!("public")),
        &[(RuleId::Net002, "/environments/local/networks/0/visibility")],
    );
    authorized(|d| set(d, DB, "visibility", json!("private")));
}

#[test]
fn net_003_segmented_boundary() {
    check_edit(
        |d| {
            push(
                d,
                &format!("{NET}/segments"),
                json!({"id": "seg-x", "kind": "runtime"}),
            )
        },
        &[(
            RuleId::Net003,
            "/environments/local/networks/0/segments/3/kind",
        )],
    );
    check_edit(
        |d| {
            at(d, &format!("{NET}/segments"))
                .as_array_mut()
                .unwrap()
                .remove(0);
            remove(d, "/environments/local", "ingresses");
            set(d, LOCAL, "ingresses", json!([]));
            // Keep INV-001 and ING-001 out of it: every environment loses its ingress.
            for env in ["staging", "production"] {
                set(d, &format!("/environments/{env}"), "ingresses", json!([]));
            }
        },
        &[
            (RuleId::Net003, "/environments/local/networks/0/segments"),
            (RuleId::Ing001, "/environments/local/ingresses"),
            (RuleId::Ing001, "/environments/staging/ingresses"),
            (RuleId::Ing001, "/environments/production/ingresses"),
        ],
    );
    authorized(|d| {
        at(d, &format!("{NET}/segments"))
            .as_array_mut()
            .unwrap()
            .reverse()
    });
}

#[test]
fn net_004_component_in_wrong_segment() {
    check_edit(
        |d| set(d, DB, "segment", json!("seg-local-runtime")),
        &[(RuleId::Net004, "/environments/local/databases/0/segment")],
    );
    check_edit(
        |d| set(d, ING, "segment", json!("seg-local-runtime")),
        &[(RuleId::Net004, "/environments/local/ingresses/0/segment")],
    );
}

#[test]
fn net_005_cidr_block() {
    check_edit(
        |d| set(d, SVC, "description", json!("runtime lives in 10.0.0.0/16")),
        &[(RuleId::Net005, "/environments/local/services/0/description")],
    );
    check_edit(
        |d| set(d, NET, "cidr", json!(null)),
        &[(RuleId::Net005, "/environments/local/networks/0/cidr")],
    );
    // A CIDR block in an id is found too, and the id still works as an id.
    check_edit(
        |d| {
            set(d, "/environments/local/secrets", "id", json!("fe80::/10"));
        },
        &[(RuleId::Net005, "/environments/local/secrets/id")],
    );
    authorized(|d| {
        set(
            d,
            SVC,
            "description",
            json!("no CIDR such as 999.1.1.1/8 or 1.2.3.4/33; version 1.2.3"),
        )
    });
}

#[test]
fn cidr_in_text_is_not_reported_when_layer_3_is_blocked() {
    check_edit(
        |d| {
            set(d, SVC, "description", json!("10.0.0.0/8"));
            set(d, DB, "managed", json!(1));
        },
        &[(RuleId::Doc005, "/environments/local/databases/0/managed")],
    );
}

#[test]
fn net_006_and_net_007_network_artifacts() {
    check_edit(
        |d| set(d, NET, "routes", json!([])),
        &[(RuleId::Net006, "/environments/local/networks/0/routes")],
    );
    check_edit(
        |d| set(d, NET, "az_count", json!(3)),
        &[(RuleId::Net007, "/environments/local/networks/0/az_count")],
    );
}

#[test]
fn cmp_001_to_003_compute_values() {
    check_edit(
        |d| set(d, SVC, "process", json!("batch")),
        &[(RuleId::Cmp001, "/environments/local/services/0/process")],
    );
    check_edit(
        |d| set(d, SVC, "state", json!("stateful")),
        &[(RuleId::Cmp002, "/environments/local/services/0/state")],
    );
    check_edit(
        |d| set(d, SVC, "volumes", json!([])),
        &[(RuleId::Cmp002, "/environments/local/services/0/volumes")],
    );
    check_edit(
        |d| set(d, SVC, "scaling", json!("vertical")),
        &[(RuleId::Cmp003, "/environments/local/services/0/scaling")],
    );
    authorized(|d| set(d, SVC, "scaling", json!("horizontal")));
}

#[test]
fn forbidden_members_report_their_rule_on_every_kind() {
    let cases: &[(&str, &str, RuleId)] = &[
        (SVC, "max_replicas", RuleId::Cmp004),
        (SVC, "replicas", RuleId::Cmp004),
        (DB, "replicas", RuleId::Per004),
        (DB, "read_replicas", RuleId::Per004),
        (SVC, "orchestrator", RuleId::Cmp005),
        (SVC, "instance_type", RuleId::Cmp006),
        (DB, "shard_key", RuleId::Per005),
        (DB, "cross_region_replication", RuleId::Per006),
        (SVC, "databases", RuleId::Per007),
        (ING, "load_balancer", RuleId::Ing003),
        (
            "/environments/local/secrets",
            "secrets_manager",
            RuleId::Cfg004,
        ),
        ("/environments/local/secrets", "kms", RuleId::Cfg005),
        ("/environments/local/secrets", "rotation", RuleId::Cfg006),
        ("", "terraform", RuleId::Fbd001),
        (LOCAL, "account_id", RuleId::Fbd002),
        (LOCAL, "region", RuleId::Fbd003),
        ("", "cost_estimate", RuleId::Fbd004),
        (NET, "security_groups", RuleId::Fbd005),
        ("", "pipeline", RuleId::Fbd006),
        (SVC, "monitoring", RuleId::Fbd007),
        (DB, "tags", RuleId::Fbd008),
        ("", "multi_cloud", RuleId::Inv002),
        (SVC, "deployment", RuleId::Phs001),
        (SVC, "secrets", RuleId::Phs002),
        (SVC, "configuration", RuleId::Phs002),
    ];
    for &(object, member, rule) in cases {
        let pointer = format!("{object}/{member}");
        check_edit(|d| set(d, object, member, json!(null)), &[(rule, &pointer)]);
    }
    // `configuration` anywhere but a service or an environment is just unknown.
    check_edit(
        |d| set(d, DB, "configuration", json!({})),
        &[(
            RuleId::Doc007,
            "/environments/local/databases/0/configuration",
        )],
    );
}

#[test]
fn per_001_and_per_002_engine_and_management() {
    authorized(|d| set(d, DB, "engine", json!("postgres")));
    for engine in ["mysql", "PostgreSQL", "aurora-postgresql"] {
        check_edit(
            |d| set(d, DB, "engine", json!(engine)),
            &[(RuleId::Per001, "/environments/local/databases/0/engine")],
        );
    }
    check_edit(
        |d| set(d, DB, "managed", json!(false)),
        &[(RuleId::Per002, "/environments/local/databases/0/managed")],
    );
}

#[test]
fn per_003_single_logical_writer() {
    check_edit(
        |d| {
            for env in ["local", "staging", "production"] {
                set(
                    d,
                    &format!("/environments/{env}/adapters/0"),
                    "access",
                    json!("read-only"),
                );
            }
        },
        &[
            (RuleId::Per003, "/environments/local/databases/0"),
            (RuleId::Per003, "/environments/staging/databases/0"),
            (RuleId::Per003, "/environments/production/databases/0"),
        ],
    );
    // One service with two read-write adapters plus a reader is still one writer.
    authorized(|d| {
        for env in ["local", "staging", "production"] {
            let e = format!("/environments/{env}");
            push(
                d,
                &format!("{e}/services"),
                json!({"id": format!("svc-{env}-report"), "name": "report",
                       "segment": format!("seg-{env}-runtime"),
                       "process": "long-lived", "state": "stateless"}),
            );
            push(
                d,
                &format!("{e}/adapters"),
                json!({"id": format!("ad-{env}-2"), "service": format!("svc-{env}-api"),
                       "database": format!("db-{env}-main"), "access": "read-write"}),
            );
            push(
                d,
                &format!("{e}/adapters"),
                json!({"id": format!("ad-{env}-3"), "service": format!("svc-{env}-report"),
                       "database": format!("db-{env}-main"), "access": "read-only"}),
            );
        }
    });
}

#[test]
fn ing_001_and_ing_002_ingress() {
    check_edit(
        |d| {
            push(
                d,
                "/environments/local/ingresses",
                json!({"id": "ing-local-2", "segment": "seg-local-ingress",
                       "tls_termination": "infrastructure", "targets": []}),
            )
        },
        &[(RuleId::Ing001, "/environments/local/ingresses")],
    );
    check_edit(
        |d| set(d, ING, "tls_termination", json!("runtime")),
        &[(
            RuleId::Ing002,
            "/environments/local/ingresses/0/tls_termination",
        )],
    );
    authorized(|d| set(d, ING, "load_balancing", json!(true)));
}

#[test]
fn cfg_001_to_003_placements() {
    check_edit(
        |d| {
            set(
                d,
                "/environments/local/configuration",
                "placement",
                json!("runtime"),
            )
        },
        &[(
            RuleId::Cfg001,
            "/environments/local/configuration/placement",
        )],
    );
    check_edit(
        |d| {
            set(
                d,
                "/environments/local/secrets",
                "placement",
                json!("configuration"),
            )
        },
        &[(RuleId::Cfg002, "/environments/local/secrets/placement")],
    );
    check_edit(
        |d| {
            set(
                d,
                "/environments/local/secrets",
                "placement",
                json!("runtime"),
            )
        },
        &[(RuleId::Cfg003, "/environments/local/secrets/placement")],
    );
}

#[test]
fn fbd_009_technical_diagram() {
    let diagram = |content: &str| {
        let content = content.to_owned();
        move |d: &mut Value| {
            set(
                d,
                "",
                "diagrams",
                json!([{"title": "overview", "content": content}]),
            )
        }
    };
    check_edit(
        diagram("ingress -> api"),
        &[(RuleId::Fbd009, "/diagrams/0/content")],
    );
    check_edit(
        diagram("api :8080"),
        &[(RuleId::Fbd009, "/diagrams/0/content")],
    );
    // A CIDR block in a diagram is NET-005 only.
    check_edit(
        diagram("10.0.0.0/8"),
        &[(RuleId::Net005, "/diagrams/0/content")],
    );
    authorized(diagram("[ingress] --- [runtime] --- [persistence]"));
    authorized(diagram("ports and adapters"));
}

#[test]
fn inv_001_semantic_neutrality() {
    check_edit(
        |d| {
            push(
                d,
                "/environments/production/services",
                json!({"id": "svc-production-worker", "name": "worker",
                       "segment": "seg-production-runtime",
                       "process": "long-lived", "state": "stateless"}),
            )
        },
        &[
            (RuleId::Inv001, "/environments/local"),
            (RuleId::Inv001, "/environments/staging"),
        ],
    );
    authorized(|d| {
        for env in ["local", "staging", "production"] {
            push(
                d,
                &format!("/environments/{env}/services"),
                json!({"id": format!("svc-{env}-worker"), "name": "worker",
                       "segment": format!("seg-{env}-runtime"),
                       "process": "long-lived", "state": "stateless"}),
            );
        }
    });
}

#[test]
fn inv_001_message_names_ten_missing_things_and_counts_the_rest() {
    let mut d = base();
    for i in 0..50 {
        push(
            &mut d,
            "/environments/production/services",
            json!({"id": format!("svc-production-w{i:02}"), "name": format!("w{i:02}"),
                   "segment": "seg-production-runtime",
                   "process": "long-lived", "state": "stateless"}),
        );
    }
    let report = check(&serde_json::to_vec(&d).unwrap());
    let messages: Vec<&str> = report
        .violations()
        .iter()
        .filter(|v| v.rule == RuleId::Inv001)
        .map(|v| v.message.as_str())
        .collect();
    let names: Vec<String> = (0..10).map(|i| format!("service `w{i:02}`")).collect();
    let expected = format!(
        "environment `local` lacks what another has: {} and 40 more",
        names.join(", ")
    );
    assert_eq!(messages.first(), Some(&expected.as_str()));
    assert_eq!(messages.len(), 2);
}

#[test]
fn catalog_matches_spec_md() {
    let spec = include_str!("../../docs/SPEC.md");
    for rule in RuleId::ALL {
        let info = rule.info();
        let heading = format!("**{} ", info.id);
        let row = format!("| {} | ", info.id);
        assert!(
            spec.contains(&heading) || spec.contains(&row),
            "{} has no entry in SPEC.md S6",
            info.id
        );
    }
    // Every rule id SPEC.md defines is in the catalog.
    for word in spec.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')) {
        let looks_like_id = word.len() == 7
            && word.as_bytes()[3] == b'-'
            && word[..3].chars().all(|c| c.is_ascii_uppercase())
            && word[4..].chars().all(|c| c.is_ascii_digit());
        if looks_like_id {
            assert!(
                RuleId::from_id(word).is_some(),
                "SPEC.md names unknown rule {word}"
            );
        }
    }
}

#[test]
fn forbidden_tables_match_spec_md() {
    let spec = include_str!("../../docs/SPEC.md");
    let section = spec
        .split("### S3.14 Forbidden members")
        .nth(1)
        .and_then(|s| s.split("## S4.").next())
        .unwrap();
    // Each row of the SPEC tables: `| ... names ... | RULE |`.
    let mut spec_rows: Vec<(String, Vec<String>)> = Vec::new();
    for line in section.lines().filter(|l| l.starts_with("| ")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let Some(rule) = cells.iter().rev().find(|c| RuleId::from_id(c).is_some()) else {
            continue;
        };
        let names_cell = cells[cells.len() - 3];
        let names = names_cell
            .split(',')
            .map(|n| n.trim().trim_matches('`').to_owned())
            .collect();
        spec_rows.push((rule.to_string(), names));
    }
    let mut code_rows: Vec<(String, Vec<String>)> = Vec::new();
    for table in [
        j43_model::SERVICE_FORBIDDEN,
        j43_model::DATABASE_FORBIDDEN,
        j43_model::GENERAL_FORBIDDEN,
    ] {
        for row in table {
            code_rows.push((
                row.rule.to_string(),
                row.names.iter().map(|n| n.to_string()).collect(),
            ));
        }
    }
    assert_eq!(spec_rows, code_rows);
}

/// Adds, in every environment, an element built by `make(env)` to the array `array`.
fn everywhere(d: &mut Value, array: &str, make: impl Fn(&str) -> Value) {
    for env in ["local", "staging", "production"] {
        push(d, &format!("/environments/{env}/{array}"), make(env));
    }
}

#[test]
fn duplicate_logical_names_are_instance_counts_and_replicas() {
    check_edit(
        |d| {
            everywhere(d, "services", |e| {
                json!({"id": format!("svc-{e}-api-2"), "name": "api",
                       "segment": format!("seg-{e}-runtime"),
                       "process": "long-lived", "state": "stateless"})
            })
        },
        &[
            (RuleId::Cmp004, "/environments/local/services/1/name"),
            (RuleId::Cmp004, "/environments/staging/services/1/name"),
            (RuleId::Cmp004, "/environments/production/services/1/name"),
        ],
    );
    check_edit(
        |d| {
            everywhere(d, "databases", |e| {
                json!({"id": format!("db-{e}-main-2"), "name": "main", "engine": "postgresql",
                       "managed": true, "segment": format!("seg-{e}-persistence")})
            });
            everywhere(d, "adapters", |e| {
                json!({"id": format!("ad-{e}-2"), "service": format!("svc-{e}-api"),
                       "database": format!("db-{e}-main-2"), "access": "read-write"})
            });
        },
        &[
            (RuleId::Per004, "/environments/local/databases/1/name"),
            (RuleId::Per004, "/environments/staging/databases/1/name"),
            (RuleId::Per004, "/environments/production/databases/1/name"),
        ],
    );
}

#[test]
fn inv_001_counts_what_ingresses_expose() {
    check_edit(
        |d| {
            everywhere(d, "services", |e| {
                json!({"id": format!("svc-{e}-admin"), "name": "admin",
                       "segment": format!("seg-{e}-runtime"),
                       "process": "long-lived", "state": "stateless"})
            });
            push(
                d,
                "/environments/production/ingresses/0/targets",
                json!("svc-production-admin"),
            );
        },
        &[
            (RuleId::Inv001, "/environments/local"),
            (RuleId::Inv001, "/environments/staging"),
        ],
    );
}

#[test]
fn provider_artifacts_in_text_report_their_rules() {
    check_edit(
        |d| set(d, SVC, "description", json!("runs in eu-west-1")),
        &[(RuleId::Fbd003, "/environments/local/services/0/description")],
    );
    check_edit(
        |d| {
            set(
                d,
                "/environments/local/secrets",
                "description",
                json!("arn:aws:secretsmanager:x"),
            )
        },
        &[(RuleId::Fbd008, "/environments/local/secrets/description")],
    );
    check_edit(
        |d| {
            set(
                d,
                "",
                "diagrams",
                json!([{"title": "db", "content": "resource \"aws_db_instance\" \"main\" {}"}]),
            )
        },
        &[(RuleId::Fbd001, "/diagrams/0/content")],
    );
    check_edit(
        |d| {
            set(
                d,
                "",
                "description",
                json!("apiVersion: apps/v1 in us-east-1"),
            )
        },
        &[
            (RuleId::Cmp005, "/description"),
            (RuleId::Fbd003, "/description"),
        ],
    );
    authorized(|d| {
        set(
            d,
            "",
            "description",
            json!(
                "no region is selected; terraform, the resource \"api\" and kubernetes come later"
            ),
        )
    });
}
