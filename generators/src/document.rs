//! Malformed and near-miss inputs: random bytes and JSON, deep nesting, odd numbers and unicode,
//! plus every single-rule construction; the expected report is carried where it is known.

use crate::case::{self, Expected, GeneratedCase};
use crate::choices::{pick, Choices};
use crate::settings::Settings;
use j43_model::json::{Value, MAX_DEPTH};
use j43_model::RuleId;
use std::collections::BTreeSet;

fn random_value(c: &mut dyn Choices, depth: usize) -> Value {
    let leaf = depth >= 4 || c.below(3) == 0;
    if leaf {
        return match c.below(6) {
            0 => Value::Null,
            1 => Value::Bool(c.flip()),
            2 => Value::Number(
                pick(c, &["0", "-0", "1e400", "1E+2", "0.0e-0", "-12.5"])
                    .copied()
                    .unwrap_or("0")
                    .to_owned(),
            ),
            3 => Value::String(
                pick(
                    c,
                    &[
                        "",
                        "j43/1",
                        "local",
                        "\u{0}",
                        "\u{10ffff}",
                        "\u{fffe}",
                        "10.0.0.0/8",
                    ],
                )
                .copied()
                .unwrap_or("")
                .to_owned(),
            ),
            4 => Value::Array(Vec::new()),
            _ => Value::Object(Vec::new()),
        };
    }
    let n = c.upto(3);
    if c.flip() {
        Value::Array((0..n).map(|_| random_value(c, depth + 1)).collect())
    } else {
        let names = ["format", "environments", "local", "services", "id", "a", ""];
        let mut members: Vec<(String, Value)> = Vec::new();
        for _ in 0..n {
            let name = pick(c, &names).copied().unwrap_or("a").to_owned();
            if members.iter().all(|(k, _)| *k != name) {
                members.push((name, random_value(c, depth + 1)));
            }
        }
        Value::Object(members)
    }
}

fn known(rule: RuleId) -> Option<Expected> {
    Some(Expected::of(BTreeSet::from([rule])))
}

/// A malformed or near-miss input.
pub(crate) fn document(c: &mut dyn Choices, s: &Settings) -> GeneratedCase {
    let family = "arbitrary";
    match c.below(10) {
        0 => {
            let n = c.upto(64);
            let bytes: Vec<u8> = (0..n)
                .map(|_| {
                    *pick(c, b"{}[]\":,0123456789aeflnrstu\\ \n\xff\xc3\xa9-.+").unwrap_or(&b'{')
                })
                .collect();
            GeneratedCase::new(family, "random bytes".to_owned(), bytes, None)
        }
        1 => {
            let v = random_value(c, 1);
            let expected = (!matches!(v, Value::Object(_)))
                .then(|| Expected::of(BTreeSet::from([RuleId::Doc005])));
            GeneratedCase::new(
                family,
                "random json value".to_owned(),
                v.to_bytes(),
                expected,
            )
        }
        2 => {
            // Nesting around the depth limit: arrays (a non-object top level, DOC-005) or
            // objects `{"a":{…}}` (unknown member and missing members, DOC-006 and DOC-007).
            let n = MAX_DEPTH - 3 + c.upto(6);
            let objects = c.flip();
            let mut doc = Vec::new();
            for _ in 0..n {
                doc.extend_from_slice(if objects { b"{\"a\":" } else { b"[" });
            }
            if objects {
                doc.extend_from_slice(b"{}");
            }
            for _ in 0..n {
                doc.push(if objects { b'}' } else { b']' });
            }
            let depth = if objects { n + 1 } else { n };
            let expected = if depth > MAX_DEPTH {
                known(RuleId::Doc003)
            } else if objects {
                Some(Expected::of(BTreeSet::from([
                    RuleId::Doc006,
                    RuleId::Doc007,
                ])))
            } else {
                known(RuleId::Doc005)
            };
            GeneratedCase::new(family, format!("nesting of depth {depth}"), doc, expected)
        }
        3 => {
            // Odd numbers as the value of an unknown member: valid JSON, DOC-007 only.
            let mut v = crate::tree::to_value(&j43_model::Design::base());
            let number = pick(
                c,
                &[
                    "1e400",
                    "-0",
                    "1E+2",
                    "0.0e-0",
                    "-1e-400",
                    "123456789012345678901234567890",
                ],
            )
            .copied()
            .unwrap_or("1e400");
            if let Value::Object(members) = &mut v {
                members.push((
                    "\u{2295}number".to_owned(),
                    Value::Number(number.to_owned()),
                ));
            }
            GeneratedCase::new(
                family,
                format!("number {number}"),
                v.to_bytes(),
                known(RuleId::Doc007),
            )
        }
        4 | 5 => {
            let rules: Vec<RuleId> = RuleId::ALL
                .iter()
                .copied()
                .filter(|r| *r != RuleId::Doc004)
                .collect();
            let rule = pick(c, &rules).copied().unwrap_or(RuleId::Doc001);
            let mut g = case::violating(rule, c, s);
            g.family = family.to_owned();
            g
        }
        6 | 7 => {
            let mut g = case::authorized(c, s, None);
            g.family = family.to_owned();
            g
        }
        8 => {
            let mut g = case::multi(c, s);
            g.family = family.to_owned();
            g
        }
        _ => {
            // A random JSON value under a valid-looking document: often DOC-005..DOC-008.
            let mut v = crate::tree::to_value(&j43_model::Design::base());
            let extra = random_value(c, 2);
            let name = pick(c, &["environments", "diagrams", "name", "format"])
                .copied()
                .unwrap_or("name");
            if let Value::Object(members) = &mut v {
                if let Some(slot) = members.iter_mut().find(|(k, _)| k == name) {
                    slot.1 = extra;
                } else {
                    members.push((name.to_owned(), extra));
                }
            }
            GeneratedCase::new(family, format!("random `{name}`"), v.to_bytes(), None)
        }
    }
}
