//! Authorized near-misses: for each rule, an authorized design as close to breaking it as the
//! SPEC's "near-miss" examples (S6), built by construction.

use crate::choices::{pick, Choices};
use crate::tree::Render;
use crate::violate::forbidden_pairs;
use crate::work::Work;
use j43_model::json::Value;
use j43_model::{Access, RuleId, Scaling, Visibility};

/// Typed-stage near-miss edits; every edit keeps the design authorized.
pub(crate) fn typed(rule: RuleId, w: &mut Work, c: &mut dyn Choices) {
    use RuleId::*;
    let e = c.below(3);
    match rule {
        Doc005 => {
            if let Some(i) = w.env(e).and_then(|env| env.ingresses.first_mut()) {
                i.load_balancing = Some(false);
            }
            w.design.diagrams.get_or_insert_with(Vec::new);
        }
        Doc006 => {
            w.design.name = None;
            w.design.description = None;
            w.design.diagrams = None;
            for (_, env) in w.design.environments.iter_mut() {
                env.description = None;
                for n in &mut env.networks {
                    n.description = None;
                    n.visibility = None;
                    for s in &mut n.segments {
                        s.description = None;
                    }
                }
                for i in &mut env.ingresses {
                    i.description = None;
                    i.load_balancing = None;
                }
                for s in &mut env.services {
                    s.description = None;
                    s.scaling = None;
                    s.visibility = None;
                }
                for d in &mut env.databases {
                    d.description = None;
                    d.visibility = None;
                }
                for a in &mut env.adapters {
                    a.description = None;
                }
                env.configuration.description = None;
                env.secrets.description = None;
            }
        }
        Doc007 => w.design.description = Some("owned by team a".to_owned()),
        Doc008 => {
            w.design.name = Some(String::new());
            if let Some(env) = w.env(e) {
                env.description = Some(String::new());
            }
        }
        Doc009 | Cmp004 | Per004 => {
            // A service and a database of one name, in every environment: names are unique
            // per kind only, and names are not ids.
            w.ensure_database();
            let name = w
                .env_ref(0)
                .and_then(|env| env.databases.first())
                .map(|d| d.name.clone())
                .unwrap_or_default();
            let taken = w
                .env_ref(0)
                .is_some_and(|env| env.services.iter().any(|s| s.name == name));
            if !taken {
                w.add_service_to(&[0, 1, 2], &name);
            }
        }
        Doc010 => {
            for e in 0..3 {
                if let Some(i) = w.env(e).and_then(|env| env.ingresses.first_mut()) {
                    i.targets.clear();
                }
            }
        }
        Per001 => {
            for e in 0..3 {
                if let Some(env) = w.env(e) {
                    for d in &mut env.databases {
                        d.engine = "postgres".to_owned();
                    }
                }
            }
        }
        Env002 => {
            // Ids that differ only by an invisible character are different ids.
            let id = w
                .env_ref(0)
                .map(|env| env.secrets.id.clone())
                .unwrap_or_default();
            if let Some(env) = w.env(1) {
                env.secrets.id = format!("{id}\u{200b}");
            }
        }
        Env003 | Ing001 => {
            // Every environment's ingress targets its own first service (twice for ING-001).
            w.ensure_services(1);
            for e in 0..3 {
                if let Some(env) = w.env(e) {
                    let own = env.services.first().map(|s| s.id.clone());
                    if let (Some(own), Some(i)) = (own, env.ingresses.first_mut()) {
                        i.targets.push(own.clone());
                        if rule == Ing001 {
                            i.targets.push(own);
                        }
                    }
                }
            }
        }
        Net002 => {
            if let Some(env) = w.env(e) {
                for n in &mut env.networks {
                    n.visibility = Some(Visibility::Private);
                }
                for s in &mut env.services {
                    s.visibility = Some(Visibility::Private);
                }
                for d in &mut env.databases {
                    d.visibility = Some(Visibility::Private);
                }
            }
        }
        Net003 => {
            if let Some(n) = w.env(e).and_then(|env| env.networks.first_mut()) {
                n.segments.reverse();
            }
        }
        Net005 => {
            w.design.description =
                Some("no CIDR such as 999.1.1.1/8 or 1.2.3.4/33; version 1.2.3".to_owned());
        }
        Cmp003 => {
            w.ensure_services(1);
            if let Some(s) = w.env(e).and_then(|env| env.services.first_mut()) {
                s.scaling = Some(Scaling::Horizontal);
            }
        }
        Cmp005 => {
            w.ensure_services(1);
            let taken = w
                .env_ref(0)
                .is_some_and(|env| env.services.iter().any(|s| s.name == "kubernetes-docs"));
            for e in 0..3 {
                if let Some(s) = w.env(e).and_then(|env| env.services.first_mut()) {
                    if !taken {
                        s.name = "kubernetes-docs".to_owned();
                    }
                }
            }
        }
        Per003 => {
            // One writer with two read-write adapters, and another service reading.
            w.ensure_services(2);
            w.ensure_database();
            let writer = w.writer_of(0).unwrap_or(0);
            let reader = usize::from(writer == 0);
            w.add_adapter_to(&[0, 1, 2], writer, 0, Access::ReadWrite);
            w.add_adapter_to(&[0, 1, 2], reader, 0, Access::ReadOnly);
        }
        Ing003 => {
            if let Some(i) = w.env(e).and_then(|env| env.ingresses.first_mut()) {
                i.load_balancing = Some(true);
            }
        }
        Fbd009 => {
            let content = *pick(
                c,
                &[
                    "[ingress] --- [runtime] --- [persistence]",
                    "ports and adapters",
                ],
            )
            .unwrap_or(&"---");
            w.design
                .diagrams
                .get_or_insert_with(Vec::new)
                .push(j43_model::Diagram {
                    title: "the ingress port".to_owned(),
                    content: content.to_owned(),
                });
        }
        _ => {
            // Forbidden-member rules: the member's name as a word of prose (and, for the
            // rules of S5.4, something close to a provider artifact).
            let artifact = match rule {
                Fbd001 => Some("the resource \"api\" is stateless; the module owns it"),
                Fbd003 => Some("us-east, bus-east-1, US-EAST-1, us-east-1ab"),
                Fbd008 => Some("arn:azure and AWS:RDS"),
                Cmp005 => Some("apiVersion"),
                _ => None,
            };
            if let Some(text) = artifact.filter(|_| c.flip()) {
                w.design.description = Some(text.to_owned());
                return;
            }
            let pairs = forbidden_pairs(rule);
            if let Some((_, name)) = pick(c, pairs) {
                let text = format!("no {name} in this phase");
                match w.env(e) {
                    Some(env) if c.flip() => env.description = Some(text),
                    _ => w.design.description = Some(text),
                }
            }
        }
    }
}

/// Value-stage near-miss edits: ENV-001 lists the environments in another order.
pub(crate) fn value(rule: RuleId, v: &mut Value) {
    if rule == RuleId::Env001 {
        let path = [crate::tree::Step::Key("environments".to_owned())];
        if let Some(Value::Object(members)) = crate::tree::get_mut(v, &path) {
            members.reverse();
        }
    }
}

/// Rendering of a near-miss: DOC-001 and DOC-002 near-misses use whitespace and escapes.
pub(crate) fn render(rule: RuleId, render: Render, c: &mut dyn Choices) -> Render {
    match rule {
        RuleId::Doc001 | RuleId::Doc002 => Render {
            whitespace: c.word() | 1,
            escapes: c.word() | 1,
        },
        _ => render,
    }
}

/// Byte-stage near-miss edits: whitespace around the value (DOC-001), padding to exactly the
/// size limit (DOC-004: allocates 64 MiB).
pub(crate) fn bytes(rule: RuleId, mut doc: Vec<u8>) -> Vec<u8> {
    match rule {
        RuleId::Doc001 => {
            let mut out = b"\n\t \r\n".to_vec();
            out.append(&mut doc);
            out.extend_from_slice(b"\n\t \r\n");
            out
        }
        RuleId::Doc004 => {
            let max = j43_model::json::MAX_SIZE;
            if doc.len() < max {
                doc.resize(max, b' ');
            }
            doc
        }
        _ => doc,
    }
}
