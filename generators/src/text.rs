//! Strings by construction: ids, names, prose and diagram text that come close to CIDR blocks,
//! ports and arrows without containing one (SPEC S5), and pools of strings that do contain one.
//!
//! Safety argument. A CIDR block needs a `/` (S5.1); random runs never contain `/`, and every
//! pool phrase is checked in the tests to contain none. Pieces are joined by a space, which is
//! neither a digit, a dot, a hex digit nor a colon, so no CIDR run crosses a join. A port needs
//! a digit (S5.2) and an arrow needs `<`, `>`, `=`-with-`<`/`>` or an arrow-block character
//! (S5.3); diagram runs contain none of these, and diagram pieces are joined by ` | `, which
//! cannot continue a port (`|` is not in `{space, tab, :, =, #}`) nor form an arrow.

use crate::choices::{pick, pick_str, Choices};
use crate::settings::Settings;

/// Near-miss phrases for prose: close to CIDR blocks, ports, arrows and forbidden words, none of
/// them a CIDR block (SPEC S5.1 edge cases).
pub const PROSE_NEAR_MISSES: &[&str] = &[
    "999.1.1.1/8",
    "1.2.3.4/33",
    "1.2.3.4/0032",
    "1.2.3.4.5/8",
    "1.2.3",
    "1.2.3/4",
    "10.0.0.0 /8",
    "1:2:3:4:5:6:7:8:9/64",
    "2001:db8::/129",
    "10.0.0.1/33",
    "::1/129",
    "a/b",
    "TCP/IP",
    "1/2",
    "\u{ff11}\u{ff10}.0.0.0/8",
    "ports and adapters",
    "---",
    "api :8080",
    "ingress -> api",
    "no CIDR such as 999.1.1.1/8 or 1.2.3.4/33; version 1.2.3",
    "sized later, in Phase J.5",
    "not deployed in this phase",
    "no routing, no AZ count, no replicas",
    "staging mirrors production",
    "owned by team a",
    "kubernetes, terraform and ALB are not decided",
    "us-east",
    "bus-east-1",
    "US-EAST-1",
    "east-west-1",
    "us-east-1ab",
    "the resource \"api\" is stateless",
    "the module owns it",
    "arn:azure",
    "AWS:RDS",
    "apiVersion",
    "",
];

/// Provider artifacts of SPEC S5.4 in prose, each with the rule it reports (layer 3).
pub const ARTIFACT_TEXTS: &[(j43_model::RuleId, &str)] = &[
    (j43_model::RuleId::Fbd003, "runs in eu-west-1"),
    (j43_model::RuleId::Fbd003, "zone eu-west-1a."),
    (j43_model::RuleId::Fbd003, "us-gov-west-1"),
    (j43_model::RuleId::Fbd003, "europe-west1"),
    (j43_model::RuleId::Fbd003, "us-central1-a"),
    (j43_model::RuleId::Fbd008, "arn:aws:s3:::bucket"),
    (j43_model::RuleId::Fbd008, "arn:aws-cn:s3"),
    (
        j43_model::RuleId::Fbd001,
        "resource \"aws_db_instance\" \"main\" {",
    ),
    (j43_model::RuleId::Fbd001, "module \"vpc\" {"),
    (j43_model::RuleId::Fbd001, "provider \"aws\" {"),
    (j43_model::RuleId::Fbd001, "Type: AWS::RDS::DBInstance"),
    (j43_model::RuleId::Fbd001, "AWSTemplateFormatVersion"),
    (j43_model::RuleId::Cmp005, "apiVersion: apps/v1"),
    (j43_model::RuleId::Cmp005, "kind: Deployment apiVersion:"),
];

/// Near-miss phrases for diagrams: no CIDR block, no port, no arrow (SPEC S6.8 FBD-009).
pub const DIAGRAM_NEAR_MISSES: &[&str] = &[
    "[ingress] --- [runtime] --- [persistence]",
    "ports and adapters",
    "the ingress port",
    "support 3",
    "version 1.2.3",
    "---",
    "- >",
    "a | b",
    "x > y",
    "x < y",
    "a = b",
    "999.1.1.1/8",
    "1.2.3/4",
    "TCP/IP",
    "port",
    "Ports",
    ":abc",
    "1234567:",
    "api :123456",
    "",
];

/// Texts with a CIDR block, for any string of the document (SPEC S5.1, "yes" rows).
pub const CIDR_TEXTS: &[&str] = &[
    "10.0.0.0/8",
    "the 10.0.0.0/8.",
    "subnet:10.0.0.0/16",
    "010.001.0.0/08",
    "10.0.0.0/8a",
    "2001:db8::/32",
    "fe80::/10",
    "::/0",
    "::ffff:10.0.0.0/104",
    "subnet:2001:db8::/32",
    "1:2:3:4:5:6:7:8/64",
    "runtime lives in 10.0.0.0/16",
    "10.0.0.1/32",
    "2001:db8::1/128",
];

/// Texts with a CIDR block but no port and no arrow, so that in a diagram they are NET-005 only.
pub const DIAGRAM_CIDR_TEXTS: &[&str] = &[
    "10.0.0.0/8",
    "the 10.0.0.0/8.",
    "010.001.0.0/08",
    "10.0.0.0/8a",
    "2001:db8::/32",
    "fe80::/10",
    "::/0",
    "runtime in 10.0.0.0/16",
    "host 10.0.0.1/32",
    "fe80::/128",
];

/// Texts with a port or an arrow and no CIDR block (FBD-009 in a diagram).
pub const TECHNICAL_TEXTS: &[&str] = &[
    "ingress -> api",
    "api :8080",
    "host:443",
    "api :65535",
    "10.0.0.1:80",
    "port 443",
    "Port: 8080",
    "ports=80",
    "port443",
    "443/tcp",
    "53/UDP",
    "a <- b",
    "a => b",
    "a <= b",
    "-->",
    "<->",
    "==>",
    "\u{2192}",
    "\u{21d2}",
    "\u{27f6}",
    "\u{2900}",
    "\u{297f}",
    "\u{21ff}",
];

/// Logical names: varied, unicode included, never a CIDR block.
pub const NAMES: &[&str] = &[
    "api",
    "worker",
    "billing",
    "kubernetes-docs",
    "ports and adapters",
    "a",
    "\u{65e5}\u{672c}",
    "\u{f1}and\u{fa}",
    "caf\u{e9}",
    "cafe\u{301}",
    "\u{3a9}",
    "svc with spaces",
    "10.0.0.0",
    "1.2.3/4",
    "\u{1f680}",
    "x\"y\\z",
    "tab\there",
    "~/",
];

/// Id stems: the part before the environment tag and the per-environment counter.
const ID_STEMS: &[&str] = &[
    "x",
    "\u{30b5}\u{30fc}\u{30d3}\u{30b9}",
    "\u{1c6}",
    "10.0.0.0",
    "1.2.3/4",
    "999.1.1.1/8",
    "a/b",
    "fe80:",
    "TCP/IP",
    "caf\u{e9}",
    "cafe\u{301}",
    "~0~1",
    "\u{1f5c4}",
    "with space",
];

/// Separators between the stem, the environment tag and the counter of an id.
const ID_SEPARATORS: &[&str] = &["-", "_", ".", "\u{b7}", "~", " "];

/// Environment tags of ids, one triple per style; within a triple the tags differ and none
/// contains a separator.
const ENV_TAGS: &[[&str; 3]] = &[
    ["local", "staging", "production"],
    ["l", "s", "p"],
    [
        "\u{43b}\u{43e}\u{43a}",
        "\u{441}\u{442}",
        "\u{43f}\u{440}\u{43e}\u{434}",
    ],
    ["\u{1f3e0}", "\u{1f9ea}", "\u{1f680}"],
    ["L", "S", "P"],
];

/// Characters of random prose runs: no `/`.
const PROSE_CHARS: &[char] = &[
    'a',
    'b',
    'z',
    'A',
    'Q',
    ' ',
    ' ',
    '0',
    '1',
    '9',
    '.',
    ':',
    '-',
    '>',
    '<',
    '=',
    '#',
    '"',
    '\\',
    '\n',
    '\t',
    '\u{0}',
    '\u{1f}',
    '\u{7f}',
    '\u{e9}',
    '\u{65e5}',
    '\u{1f600}',
    '\u{200b}',
    '\u{202e}',
    '\u{feff}',
    '\u{fffd}',
    '\u{ffff}',
    '\u{10ffff}',
    '\u{2192}',
    '\u{ff11}',
    '~',
];

/// Characters of random diagram runs: no digit, no `/`, `:`, `<`, `>`, `=`, no arrow-block
/// character.
const DIAGRAM_CHARS: &[char] = &[
    'a',
    'p',
    'o',
    'r',
    't',
    's',
    'P',
    'T',
    ' ',
    '-',
    '|',
    '[',
    ']',
    '(',
    ')',
    '.',
    '#',
    '+',
    '*',
    '"',
    '\\',
    '\n',
    '\u{e9}',
    '\u{65e5}',
    '\u{1f600}',
    '\u{200b}',
    '\u{2500}',
    '\u{2502}',
    '\u{ff11}',
];

/// How ids are spelled in one design.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct IdStyle {
    /// Use the kind's stem (`svc`, `db`, ...) rather than a pool stem.
    pub kind_stems: bool,
    /// Pool stem used when not `kind_stems`.
    pub stem: String,
    /// Separator.
    pub sep: String,
    /// Tags of local, staging, production.
    pub tags: [String; 3],
}

impl IdStyle {
    /// The S6.0 base style: `svc-local-…`.
    pub(crate) fn plain() -> IdStyle {
        IdStyle {
            kind_stems: true,
            stem: String::new(),
            sep: "-".to_owned(),
            tags: [
                "local".to_owned(),
                "staging".to_owned(),
                "production".to_owned(),
            ],
        }
    }

    /// A style drawn from choices.
    pub(crate) fn choose(c: &mut dyn Choices) -> IdStyle {
        let kind_stems = !c.flip();
        let stem = pick_str(c, ID_STEMS, "x");
        let sep = pick_str(c, ID_SEPARATORS, "-");
        let tags = pick(c, ENV_TAGS)
            .copied()
            .unwrap_or(["local", "staging", "production"]);
        IdStyle {
            kind_stems,
            stem,
            sep,
            tags: tags.map(str::to_owned),
        }
    }

    /// The id of the `k`-th component of environment `env` (0, 1, 2), of the given kind stem.
    ///
    /// Distinct `(env, k)` give distinct ids: the counter and the tag are read from the right,
    /// and neither contains the separator.
    pub(crate) fn id(&self, kind: &str, env: usize, k: usize) -> String {
        let stem = if self.kind_stems { kind } else { &self.stem };
        let tag = self.tags.get(env).map_or("e", String::as_str);
        format!("{stem}{sep}{tag}{sep}{k}", sep = self.sep)
    }
}

/// A fresh id no generated id can equal: it contains `⊕`, which no pool uses.
pub(crate) fn fresh_id(n: usize) -> String {
    format!("\u{2295}{n}")
}

/// A fresh logical name no generated name can equal.
pub(crate) fn fresh_name(n: usize) -> String {
    format!("\u{2295}name{n}")
}

fn run(c: &mut dyn Choices, chars: &[char], max_len: usize) -> String {
    let len = c.upto(max_len);
    (0..len)
        .map(|_| pick(c, chars).copied().unwrap_or('a'))
        .collect()
}

fn pieces(
    c: &mut dyn Choices,
    settings: &Settings,
    chars: &[char],
    phrases: &[&str],
    join: &str,
) -> String {
    let n = 1 + c.upto(settings.max_text_pieces.saturating_sub(1));
    let mut parts = Vec::with_capacity(n);
    for _ in 0..n {
        if c.flip() {
            parts.push(run(c, chars, settings.max_run_len));
        } else {
            parts.push(pick_str(c, phrases, ""));
        }
    }
    parts.join(join)
}

/// Prose without a CIDR block.
pub(crate) fn prose(c: &mut dyn Choices, settings: &Settings) -> String {
    pieces(c, settings, PROSE_CHARS, PROSE_NEAR_MISSES, " ")
}

/// Optional prose: absent is the simpler choice.
pub(crate) fn opt_prose(c: &mut dyn Choices, settings: &Settings) -> Option<String> {
    c.flip().then(|| prose(c, settings))
}

/// Diagram text without a CIDR block, a port or an arrow.
pub(crate) fn diagram_text(c: &mut dyn Choices, settings: &Settings) -> String {
    pieces(c, settings, DIAGRAM_CHARS, DIAGRAM_NEAR_MISSES, " | ")
}

/// A logical name: non-empty, without a CIDR block.
pub(crate) fn name(c: &mut dyn Choices, settings: &Settings) -> String {
    if c.below(4) == 3 {
        let mut s = run(c, PROSE_CHARS, settings.max_run_len);
        if s.is_empty() {
            s.push('n');
        }
        s
    } else {
        pick_str(c, NAMES, "api")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use j43_model::tokens::{find_arrow, find_cidr, find_port};

    #[test]
    fn prose_pools_have_no_cidr_block() {
        for s in PROSE_NEAR_MISSES
            .iter()
            .chain(NAMES)
            .chain(DIAGRAM_NEAR_MISSES)
        {
            assert_eq!(find_cidr(s), None, "{s}");
        }
        assert!(!PROSE_CHARS.contains(&'/'));
    }

    #[test]
    fn diagram_pools_have_no_port_and_no_arrow() {
        for s in DIAGRAM_NEAR_MISSES {
            assert_eq!((find_port(s), find_arrow(s)), (None, None), "{s}");
        }
        for ch in DIAGRAM_CHARS {
            let s = ch.to_string();
            assert!(!ch.is_ascii_digit() && find_arrow(&s).is_none() && !"/:<>=".contains(*ch));
        }
    }

    #[test]
    fn artifact_texts_report_their_rule_only() {
        for (rule, text) in ARTIFACT_TEXTS {
            let mut doc = j43_model::Design::base();
            doc.description = Some(format!("x {text}"));
            let rules = j43_model::check(doc.to_json().as_bytes()).rules();
            assert_eq!(rules, std::collections::BTreeSet::from([*rule]), "{text}");
        }
        for text in PROSE_NEAR_MISSES {
            let mut doc = j43_model::Design::base();
            doc.description = Some((*text).to_owned());
            assert!(
                j43_model::check(doc.to_json().as_bytes()).is_authorized(),
                "{text}"
            );
        }
    }

    #[test]
    fn violating_pools_contain_what_they_claim() {
        for s in CIDR_TEXTS {
            assert!(find_cidr(s).is_some(), "{s}");
        }
        for s in DIAGRAM_CIDR_TEXTS {
            assert!(find_cidr(s).is_some(), "{s}");
            assert_eq!((find_port(s), find_arrow(s)), (None, None), "{s}");
        }
        for s in TECHNICAL_TEXTS {
            assert!(find_port(s).is_some() || find_arrow(s).is_some(), "{s}");
            assert_eq!(find_cidr(s), None, "{s}");
        }
    }

    #[test]
    fn ids_of_every_style_are_distinct_and_without_cidr() {
        let mut seen = std::collections::BTreeSet::new();
        for stem in ID_STEMS {
            for sep in ID_SEPARATORS {
                for tags in ENV_TAGS {
                    let style = IdStyle {
                        kind_stems: false,
                        stem: (*stem).to_owned(),
                        sep: (*sep).to_owned(),
                        tags: tags.map(str::to_owned),
                    };
                    seen.clear();
                    for e in 0..3 {
                        for k in 1..40 {
                            let id = style.id("svc", e, k);
                            assert_eq!(find_cidr(&id), None, "{id}");
                            assert!(seen.insert(id.clone()), "{id} twice");
                            assert!(!id.contains('\u{2295}') && !id.contains('\u{200b}'));
                        }
                    }
                }
            }
        }
    }
}
