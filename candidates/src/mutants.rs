//! Mutants: deliberately wrong checkers derived from the reference model, each one plausible mistake.
//!
//! A mutant answers at level rules. It runs `j43_model::check` and changes what one mistake
//! would change; where the mistake is in a grammar, it rewrites the parsed document's strings
//! so that the reference's grammar on the rewritten text gives the mutant's grammar on the
//! original, and checks that (`j43_model::check_value`). The families, precisely:
//!
//! - **drop-R** (56): the reference's rule set without R. A document whose only violation is R
//!   is authorized.
//! - **invert-R** (56): the predicate of R turned upside down where it decides the verdict
//!   alone: a document whose rule set is exactly {R} is authorized, and an authorized document
//!   is rejected with {R}; every other document gets the reference's answer.
//! - **bounds moved by one** (12): `depth-63` (an array or object at depth 64 is DOC-003, when
//!   the document parses) and `depth-65` (a document whose only parse problem is depth 65 is
//!   checked with its depth-65 containers replaced by `0`: they sit inside unexamined values);
//!   `size-minus-1` (exactly 64 MiB is DOC-004) and `size-plus-1` (64 MiB + 1 whose first or
//!   last byte is JSON whitespace is checked without it); `R-at-most-one` and
//!   `R-at-least-one` for NET-001, ING-001, NET-003 and PER-003 (the violations for a count
//!   of zero, or of two or more, are not reported).
//! - **CIDR prefix bounds** (4): `cidr-v4-prefix-31`, `cidr-v4-prefix-33`,
//!   `cidr-v6-prefix-127`, `cidr-v6-prefix-129`: the largest prefix accepted for that address
//!   family moves by one.
//! - **port digits** (2): `port-digits-4`, `port-digits-6`: the longest digit run of port
//!   forms 1 and 3 (SPEC S5.2) is 4 or 6 instead of 5.
//! - **weakened token grammars** (4): `miss-ipv6-cidr` (IPv6 CIDR blocks are not seen),
//!   `miss-port-word` (`port 443`, form 2, is not seen), `miss-unicode-arrows` (no arrow
//!   block character is an arrow), `miss-left-arrows` (`<-` and `=>` are not arrows).
//!
//! Rewriting strings maps equal strings to equal strings, so ids and references keep their
//! relations; two different strings could in principle become equal, which no mutant relies
//! on. A token rewrite looks at each `/` (or `:`, word, arrow) on its own, as SPEC S5 does.

use j43_conformance::{Answer, CaseResult, Checker, Level};
use j43_model::json::{self, Value, MAX_SIZE};
use j43_model::tokens::find_cidr;
use j43_model::{check, check_value, Report, RuleId};
use std::collections::BTreeSet;

/// Which count an exactly-one rule is relaxed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relax {
    /// Zero is accepted too.
    AtMostOne,
    /// Two or more are accepted too.
    AtLeastOne,
}

/// One deliberate mistake (see the module docs for each family's definition).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mutation {
    /// The rule is never reported.
    Drop(RuleId),
    /// Alone, the rule's verdict is turned upside down.
    Invert(RuleId),
    /// The depth limit is this instead of 64 (63 or 65).
    Depth(usize),
    /// The size limit is 64 MiB minus one byte (`false`) or plus one byte (`true`).
    Size(bool),
    /// An exactly-one rule (NET-001, ING-001, NET-003, PER-003) counts loosely.
    Count(RuleId, Relax),
    /// The largest IPv4 (`false`) or IPv6 (`true`) CIDR prefix accepted.
    CidrPrefix(bool, u32),
    /// The longest digit run of port forms 1 and 3 (4 or 6).
    PortDigits(usize),
    /// IPv6 CIDR blocks are missed.
    MissIpv6Cidr,
    /// The word form of ports (`port 443`) is missed.
    MissPortWord,
    /// Arrows from the Unicode arrow blocks are missed.
    MissUnicodeArrows,
    /// `<-` and `=>` are missed.
    MissLeftArrows,
}

/// A deliberately wrong checker with a name and a description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mutant {
    /// Short stable name, such as `drop-NET-005` or `depth-65`.
    pub name: String,
    /// What the mistake is, for people.
    pub description: String,
    /// The mistake.
    pub mutation: Mutation,
}

/// Every mutant: 56 drops, 56 inversions, 12 bounds, 4 CIDR prefixes, 2 port digits, 4 grammars.
pub fn all() -> Vec<Mutant> {
    let mut out = Vec::new();
    for &r in RuleId::ALL {
        out.push(Mutant::new(
            format!("drop-{r}"),
            format!("never reports {r} ({})", r.info().title),
            Mutation::Drop(r),
        ));
    }
    for &r in RuleId::ALL {
        out.push(Mutant::new(
            format!("invert-{r}"),
            format!("authorizes documents whose only violation is {r}, rejects authorized ones with {r}"),
            Mutation::Invert(r),
        ));
    }
    out.push(Mutant::new(
        "depth-63",
        "nesting limit 63 instead of 64",
        Mutation::Depth(63),
    ));
    out.push(Mutant::new(
        "depth-65",
        "nesting limit 65 instead of 64",
        Mutation::Depth(65),
    ));
    out.push(Mutant::new(
        "size-minus-1",
        "size limit 67,108,863 bytes",
        Mutation::Size(false),
    ));
    out.push(Mutant::new(
        "size-plus-1",
        "size limit 67,108,865 bytes",
        Mutation::Size(true),
    ));
    for r in [
        RuleId::Net001,
        RuleId::Ing001,
        RuleId::Net003,
        RuleId::Per003,
    ] {
        out.push(Mutant::new(
            format!("{r}-at-most-one"),
            format!("{r} counts `<= 1` instead of exactly one"),
            Mutation::Count(r, Relax::AtMostOne),
        ));
        out.push(Mutant::new(
            format!("{r}-at-least-one"),
            format!("{r} counts `>= 1` instead of exactly one"),
            Mutation::Count(r, Relax::AtLeastOne),
        ));
    }
    for (v6, bound) in [(false, 31), (false, 33), (true, 127), (true, 129)] {
        let family = if v6 { "v6" } else { "v4" };
        out.push(Mutant::new(
            format!("cidr-{family}-prefix-{bound}"),
            format!("IP{family} CIDR prefixes up to {bound}"),
            Mutation::CidrPrefix(v6, bound),
        ));
    }
    for digits in [4, 6] {
        out.push(Mutant::new(
            format!("port-digits-{digits}"),
            format!("ports of 1 to {digits} digits after `:` or before `/tcp`"),
            Mutation::PortDigits(digits),
        ));
    }
    out.push(Mutant::new(
        "miss-ipv6-cidr",
        "IPv6 CIDR blocks are not seen",
        Mutation::MissIpv6Cidr,
    ));
    out.push(Mutant::new(
        "miss-port-word",
        "`port 443` (port form 2) is not seen",
        Mutation::MissPortWord,
    ));
    out.push(Mutant::new(
        "miss-unicode-arrows",
        "arrows of the Unicode arrow blocks are not seen",
        Mutation::MissUnicodeArrows,
    ));
    out.push(Mutant::new(
        "miss-left-arrows",
        "`<-` and `=>` are not arrows",
        Mutation::MissLeftArrows,
    ));
    out
}

impl Mutant {
    /// A mutant from its parts.
    pub fn new(
        name: impl Into<String>,
        description: impl Into<String>,
        mutation: Mutation,
    ) -> Mutant {
        Mutant {
            name: name.into(),
            description: description.into(),
            mutation,
        }
    }

    /// The mutant's rule set for a document (empty means authorized).
    pub fn rules(&self, document: &[u8]) -> BTreeSet<RuleId> {
        let report = check(document);
        let rules = report.rules();
        match self.mutation {
            Mutation::Drop(r) => rules.into_iter().filter(|x| *x != r).collect(),
            Mutation::Invert(r) => {
                if rules.is_empty() {
                    BTreeSet::from([r])
                } else if rules.len() == 1 && rules.contains(&r) {
                    BTreeSet::new()
                } else {
                    rules
                }
            }
            Mutation::Depth(limit) => depth(document, limit, rules),
            Mutation::Size(looser) => size(document, looser, rules),
            Mutation::Count(rule, relax) => count(document, &report, rule, relax),
            Mutation::CidrPrefix(..)
            | Mutation::PortDigits(_)
            | Mutation::MissIpv6Cidr
            | Mutation::MissPortWord
            | Mutation::MissUnicodeArrows
            | Mutation::MissLeftArrows => match json::parse(document) {
                Err(_) => rules,
                Ok(mut value) => {
                    rewrite(&mut value, self.mutation);
                    check_value(&value).rules()
                }
            },
        }
    }
}

impl Checker for Mutant {
    fn name(&self) -> String {
        format!("mutant {}", self.name)
    }

    fn level(&self) -> Level {
        Level::Rules
    }

    fn check(&mut self, document: &[u8]) -> j43_conformance::Result<CaseResult> {
        Ok(Ok(Answer::from(self.rules(document))))
    }
}

/// The number of cases, in suite order, that `checker` needs before its first disagreement with
/// the reference (or error) at `level`: the 1-based position of that case, or `None` when it
/// agrees on every case. Runs the conformance runner on growing chunks and stops at the first.
pub fn cases_to_first_disagreement(
    checker: &mut dyn Checker,
    cases: &[j43_conformance::Case],
    level: Level,
) -> j43_conformance::Result<Option<usize>> {
    let options = j43_conformance::RunOptions {
        level,
        batch: 64,
        keep: 1,
    };
    let mut start = 0;
    let mut chunk = 64;
    while start < cases.len() {
        let end = (start + chunk).min(cases.len());
        let slice = cases.get(start..end).unwrap_or_default();
        let result = j43_conformance::run(checker, slice, &options, &mut |_| {})?;
        let first = result
            .disagreements
            .iter()
            .map(|d| d.case)
            .chain(result.errors.iter().map(|f| f.case))
            .min();
        if let Some(i) = first {
            return Ok(Some(start + i + 1));
        }
        start = end;
        chunk = chunk.saturating_mul(2);
    }
    Ok(None)
}

/// A Markdown table of every mutant and the cases it survives: for each suite of `suites`
/// (a column title and its cases), the 1-based position of the first disagreement, for
/// `candidates/MUTANTS.md` (`cargo run -q --release -p j43-candidates --bin j43-mutants`).
pub fn table(suites: &[(&str, &[j43_conformance::Case])]) -> j43_conformance::Result<String> {
    let mut out = String::from("| mutant | what is wrong |");
    for (title, _) in suites {
        out.push_str(&format!(" {title} |"));
    }
    out.push_str("\n| --- | --- |");
    out.push_str(&" ---: |".repeat(suites.len()));
    out.push('\n');
    for mut mutant in all() {
        out.push_str(&format!("| `{}` | {} |", mutant.name, mutant.description));
        for (_, cases) in suites {
            let n = cases_to_first_disagreement(&mut mutant, cases, Level::Rules)?;
            let n = n.map_or_else(|| "**survives**".to_owned(), |n| n.to_string());
            out.push_str(&format!(" {n} |"));
        }
        out.push('\n');
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------
// Bounds.

fn depth(document: &[u8], limit: usize, rules: BTreeSet<RuleId>) -> BTreeSet<RuleId> {
    if limit < json::MAX_DEPTH {
        if rules.iter().any(|r| r.is_parse()) {
            return rules;
        }
        return match json::parse(document) {
            Ok(value) if value_depth(&value) > limit => BTreeSet::from([RuleId::Doc003]),
            _ => rules,
        };
    }
    if rules != BTreeSet::from([RuleId::Doc003]) {
        return rules;
    }
    match cut_at_depth(document, limit) {
        Some(cut) => check(&cut).rules(),
        None => rules,
    }
}

fn value_depth(value: &Value) -> usize {
    match value {
        Value::Array(items) => 1 + items.iter().map(value_depth).max().unwrap_or(0),
        Value::Object(members) => {
            1 + members
                .iter()
                .map(|(_, v)| value_depth(v))
                .max()
                .unwrap_or(0)
        }
        _ => 0,
    }
}

/// The document with every container at depth `limit` replaced by `0`, or `None` when some
/// container is deeper than `limit` (then the mutant's limit is exceeded too).
fn cut_at_depth(document: &[u8], limit: usize) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(document.len());
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let mut skipping_from: Option<usize> = None;
    for &b in document {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else if b == b'"' {
            in_string = true;
        } else if b == b'[' || b == b'{' {
            depth += 1;
            if depth > limit {
                return None;
            }
            if depth == limit && skipping_from.is_none() {
                skipping_from = Some(depth);
                out.push(b'0');
            }
        } else if b == b']' || b == b'}' {
            if skipping_from == Some(depth) {
                skipping_from = None;
                depth = depth.saturating_sub(1);
                continue;
            }
            depth = depth.saturating_sub(1);
        }
        if skipping_from.is_none() {
            out.push(b);
        }
    }
    Some(out)
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

fn size(document: &[u8], looser: bool, rules: BTreeSet<RuleId>) -> BTreeSet<RuleId> {
    if !looser {
        return if document.len() == MAX_SIZE {
            BTreeSet::from([RuleId::Doc004])
        } else {
            rules
        };
    }
    if document.len() != MAX_SIZE + 1 {
        return rules;
    }
    match (document.first(), document.last()) {
        (_, Some(&b)) if is_ws(b) => check(document.get(..MAX_SIZE).unwrap_or_default()).rules(),
        (Some(&b), _) if is_ws(b) => check(document.get(1..).unwrap_or_default()).rules(),
        _ => rules,
    }
}

// ---------------------------------------------------------------------------------------
// Exactly-one counts.

fn count(document: &[u8], report: &Report, rule: RuleId, relax: Relax) -> BTreeSet<RuleId> {
    let Ok(doc) = json::parse(document) else {
        return report.rules();
    };
    let keep = |pointer: &str| -> bool {
        let n = match rule {
            RuleId::Net001 | RuleId::Ing001 => pointer_get(&doc, pointer)
                .and_then(Value::as_array)
                .map_or(1, <[Value]>::len),
            // `…/segments` is an absent kind (0); `…/segments/<i>/kind` an extra one (2+).
            RuleId::Net003 => {
                if pointer.ends_with("/segments") {
                    0
                } else {
                    2
                }
            }
            RuleId::Per003 => writers(&doc, pointer),
            _ => 1,
        };
        match relax {
            Relax::AtMostOne => n != 0,
            Relax::AtLeastOne => n < 2,
        }
    };
    report
        .violations()
        .iter()
        .filter(|v| v.rule != rule || keep(&v.pointer))
        .map(|v| v.rule)
        .collect()
}

/// The number of distinct services writing the database at `pointer`
/// (`/environments/E/databases/<i>`), as SPEC PER-003 counts them.
fn writers(doc: &Value, pointer: &str) -> usize {
    let mut parts = pointer.split('/').skip(2);
    let (Some(env), Some(_), Some(index)) = (parts.next(), parts.next(), parts.next()) else {
        return 1;
    };
    let Some(env) = doc.get("environments").and_then(|e| e.get(env)) else {
        return 1;
    };
    let list = |m: &str| env.get(m).and_then(Value::as_array).unwrap_or_default();
    let id_of = |v: &Value| v.get("id").and_then(Value::as_str).map(str::to_owned);
    let databases = list("databases");
    let Some(position) = index.parse::<usize>().ok() else {
        return 1;
    };
    let Some(db_id) = databases.get(position).and_then(id_of) else {
        return 1;
    };
    // References resolve to the first database with the id: a later copy has no writer.
    if databases
        .iter()
        .position(|d| id_of(d).as_deref() == Some(&db_id))
        != Some(position)
    {
        return 0;
    }
    let services: BTreeSet<String> = list("services").iter().filter_map(id_of).collect();
    list("adapters")
        .iter()
        .filter(|a| a.get("access").and_then(Value::as_str) == Some("read-write"))
        .filter(|a| a.get("database").and_then(Value::as_str) == Some(db_id.as_str()))
        .filter_map(|a| a.get("service").and_then(Value::as_str))
        .filter(|s| services.contains(*s))
        .collect::<BTreeSet<_>>()
        .len()
}

fn pointer_get<'a>(doc: &'a Value, pointer: &str) -> Option<&'a Value> {
    pointer
        .split('/')
        .skip(1)
        .try_fold(doc, |v, token| match v {
            Value::Object(_) => v.get(token),
            Value::Array(items) => items.get(token.parse::<usize>().ok()?),
            _ => None,
        })
}

// ---------------------------------------------------------------------------------------
// Token grammars, by rewriting strings.

/// Rewrites every string of the document that the mutation concerns: all strings for CIDR
/// mutations, the `title` and `content` of the top-level `diagrams` for port and arrow ones.
fn rewrite(document: &mut Value, mutation: Mutation) {
    let Value::Object(members) = document else {
        return;
    };
    for (name, value) in members.iter_mut() {
        match value {
            Value::Array(diagrams) if name == "diagrams" => {
                for diagram in diagrams.iter_mut() {
                    if let Value::Object(fields) = diagram {
                        for (field, text) in fields.iter_mut() {
                            let diagram_text = field == "title" || field == "content";
                            rewrite_strings(text, mutation, diagram_text);
                        }
                    }
                }
            }
            _ => rewrite_strings(value, mutation, false),
        }
    }
}

fn rewrite_strings(value: &mut Value, mutation: Mutation, in_diagram: bool) {
    let cidr = matches!(mutation, Mutation::CidrPrefix(..) | Mutation::MissIpv6Cidr);
    match value {
        Value::String(s) if cidr || in_diagram => *s = rewrite_text(s, mutation),
        Value::Array(items) => items
            .iter_mut()
            .for_each(|v| rewrite_strings(v, mutation, false)),
        Value::Object(members) => members
            .iter_mut()
            .for_each(|(_, v)| rewrite_strings(v, mutation, false)),
        _ => {}
    }
}

fn rewrite_text(s: &str, mutation: Mutation) -> String {
    match mutation {
        Mutation::CidrPrefix(v6, bound) => rewrite_cidrs(s, |slash| prefix_bound(slash, v6, bound)),
        Mutation::MissIpv6Cidr => rewrite_cidrs(s, |slash| {
            (slash.reference && slash.v6 && !(slash.v4 && slash.prefix <= 32)).then_some(Edit::Break)
        }),
        Mutation::PortDigits(digits) => port_digits(s, digits),
        Mutation::MissPortWord => miss_port_word(s),
        Mutation::MissUnicodeArrows => s
            .chars()
            .map(|c| {
                if matches!(c, '\u{2190}'..='\u{21FF}' | '\u{27F0}'..='\u{27FF}' | '\u{2900}'..='\u{297F}') {
                    ' '
                } else {
                    c
                }
            })
            .collect(),
        Mutation::MissLeftArrows => s.replace("<-", "< -").replace("=>", "= >"),
        Mutation::Drop(_)
        | Mutation::Invert(_)
        | Mutation::Depth(_)
        | Mutation::Size(_)
        | Mutation::Count(..) => s.to_owned(),
    }
}

/// What SPEC S5.1 sees at one `/` of a string.
struct Slash {
    /// The reference finds a CIDR block at this `/`.
    reference: bool,
    /// The address before it is a valid IPv4 address (A4).
    v4: bool,
    /// The address before it is a valid IPv6 address (A6).
    v6: bool,
    /// The prefix's value (1 to 3 digits), or `u32::MAX` without one.
    prefix: u32,
}

/// How a mutant changes one `/`.
enum Edit {
    /// Not a CIDR block for the mutant: the `/` becomes a space.
    Break,
    /// A CIDR block for the mutant: the prefix becomes this one.
    Prefix(&'static str),
}

fn prefix_bound(slash: &Slash, v6: bool, bound: u32) -> Option<Edit> {
    let (limit, address, other) = if v6 {
        (128, slash.v6, slash.v4 && slash.prefix <= 32)
    } else {
        (32, slash.v4, slash.v6 && slash.prefix <= 128)
    };
    if bound < limit {
        (slash.reference && address && slash.prefix > bound && slash.prefix <= limit && !other)
            .then_some(Edit::Break)
    } else {
        let to = if v6 { "128" } else { "32" };
        (!slash.reference && address && slash.prefix > limit && slash.prefix <= bound)
            .then_some(Edit::Prefix(to))
    }
}

fn rewrite_cidrs(s: &str, decide: impl Fn(&Slash) -> Option<Edit>) -> String {
    let mut out = s.to_owned();
    let slashes: Vec<usize> = s.match_indices('/').map(|(i, _)| i).rev().collect();
    for at in slashes {
        let before = s.get(..at).unwrap_or_default();
        let after = s.get(at + 1..).unwrap_or_default();
        let run6 = tail_run(before, |c| c.is_ascii_hexdigit() || c == ':' || c == '.');
        let run4 = tail_run(before, |c| c.is_ascii_digit() || c == '.');
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        let tail: String = after
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let prefix = if (1..=3).contains(&digits.len()) {
            digits.parse().unwrap_or(u32::MAX)
        } else {
            u32::MAX
        };
        let slash = Slash {
            reference: find_cidr(&format!("{run6}/{tail}")).is_some(),
            v4: find_cidr(&format!("{run4}/1")).is_some(),
            v6: find_cidr(&format!("{run6}/100")).is_some(),
            prefix,
        };
        let edit = decide(&slash);
        let end = at + 1 + digits.len();
        match edit {
            Some(Edit::Break) => out.replace_range(at..=at, " "),
            Some(Edit::Prefix(p)) => out.replace_range(at + 1..end, p),
            None => {}
        }
    }
    out
}

/// The longest suffix of `s` whose characters satisfy `f`.
fn tail_run(s: &str, f: impl Fn(char) -> bool) -> &str {
    let start = s
        .char_indices()
        .rev()
        .take_while(|(_, c)| f(*c))
        .last()
        .map_or(s.len(), |(i, _)| i);
    s.get(start..).unwrap_or_default()
}

/// Port forms 1 and 3 with digit runs of at most `digits` (4 or 6) instead of 5.
fn port_digits(s: &str, digits: usize) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let run = bytes
            .get(i + 1..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if b == b':' && digits < 5 && run == 5 {
            out.push(' ');
            i += 1;
            continue;
        }
        if b == b':' && digits > 5 && run == 6 {
            out.push(':');
            out.push_str(s.get(i + 2..i + 1 + run).unwrap_or_default());
            i += 1 + run;
            continue;
        }
        let preceded = i > 0 && bytes.get(i - 1).is_some_and(u8::is_ascii_digit);
        if b.is_ascii_digit() && !preceded {
            let run = bytes
                .get(i..)
                .unwrap_or_default()
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            let proto = bytes.get(i + run..i + run + 4).unwrap_or_default();
            if proto.eq_ignore_ascii_case(b"/tcp") || proto.eq_ignore_ascii_case(b"/udp") {
                let digits_text = s.get(i..i + run).unwrap_or_default();
                if digits < 5 && run == 5 {
                    out.push_str(digits_text);
                    out.push(' ');
                    i += run + 1;
                    continue;
                }
                if digits > 5 && run == 6 {
                    out.push_str(digits_text.get(1..).unwrap_or_default());
                    i += run;
                    continue;
                }
            }
        }
        let ch_len = s
            .get(i..)
            .and_then(|t| t.chars().next())
            .map_or(1, char::len_utf8);
        out.push_str(s.get(i..i + ch_len).unwrap_or_default());
        i += ch_len;
    }
    out
}

/// `port`/`ports` (any ASCII case, not after an ASCII letter) followed by `[ \t:=#]*` and a
/// digit gets its `o` replaced by `0`, so port form 2 no longer matches.
fn miss_port_word(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = bytes.to_vec();
    for i in 0..bytes.len() {
        let word = bytes.get(i..i + 4).unwrap_or_default();
        if !word.eq_ignore_ascii_case(b"port") {
            continue;
        }
        if i > 0 && bytes.get(i - 1).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let mut j = i + 4;
        if bytes.get(j).is_some_and(|b| b.eq_ignore_ascii_case(&b's')) {
            j += 1;
        }
        while bytes
            .get(j)
            .is_some_and(|b| matches!(b, b' ' | b'\t' | b':' | b'=' | b'#'))
        {
            j += 1;
        }
        if bytes.get(j).is_some_and(u8::is_ascii_digit) {
            if let Some(o) = out.get_mut(i + 1) {
                *o = b'0';
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use j43_model::tokens::{find_arrow, find_port};

    #[test]
    fn there_are_134_mutants_with_distinct_names() {
        let all = all();
        let names: BTreeSet<&str> = all.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(all.len(), 134);
        assert_eq!(names.len(), all.len());
    }

    #[test]
    fn cidr_rewrites_follow_the_moved_bound() {
        let v4_31 =
            |s: &str| find_cidr(&rewrite_text(s, Mutation::CidrPrefix(false, 31))).is_some();
        let v4_33 =
            |s: &str| find_cidr(&rewrite_text(s, Mutation::CidrPrefix(false, 33))).is_some();
        let v6_127 =
            |s: &str| find_cidr(&rewrite_text(s, Mutation::CidrPrefix(true, 127))).is_some();
        let v6_129 =
            |s: &str| find_cidr(&rewrite_text(s, Mutation::CidrPrefix(true, 129))).is_some();
        let miss6 = |s: &str| find_cidr(&rewrite_text(s, Mutation::MissIpv6Cidr)).is_some();
        assert!(!v4_31("net 10.0.0.1/32"));
        assert!(v4_31("net 10.0.0.0/31"));
        assert!(v4_33("net 10.0.0.0/33."));
        assert!(!v4_33("net 10.0.0.0/34"));
        assert!(!v6_127("2001:db8::1/128"));
        assert!(v6_127("2001:db8::/127"));
        assert!(v6_129("2001:db8::/129"));
        assert!(!miss6("2001:db8::/32 and fe80::/10"));
        assert!(miss6("2001:db8::/32 and 10.0.0.0/8"));
    }

    #[test]
    fn port_and_arrow_rewrites_follow_the_weakened_grammar() {
        let port = |s: &str, m| find_port(&rewrite_text(s, m)).is_some();
        assert!(!port("api :12345", Mutation::PortDigits(4)));
        assert!(port("api :1234", Mutation::PortDigits(4)));
        assert!(!port("12345/tcp", Mutation::PortDigits(4)));
        assert!(port("api :123456", Mutation::PortDigits(6)));
        assert!(port("123456/udp", Mutation::PortDigits(6)));
        assert!(!port("Port: 8080", Mutation::MissPortWord));
        assert!(port("port:8080", Mutation::MissPortWord));
        let arrow = |s: &str, m| find_arrow(&rewrite_text(s, m)).is_some();
        assert!(!arrow("a → b ⟶ c", Mutation::MissUnicodeArrows));
        assert!(!arrow("a <- b => c", Mutation::MissLeftArrows));
        assert!(arrow("a <-> b", Mutation::MissLeftArrows));
        assert!(arrow("a <=> b", Mutation::MissLeftArrows));
    }

    #[test]
    fn depth_65_cuts_only_the_65th_level() {
        let doc = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n)).into_bytes();
        assert_eq!(
            cut_at_depth(&doc(65), 65).map(|d| d.len()),
            Some(64 * 2 + 1)
        );
        assert_eq!(cut_at_depth(&doc(66), 65), None);
        let m = Mutant::new("d", "", Mutation::Depth(65));
        assert_eq!(m.rules(&doc(65)), BTreeSet::from([RuleId::Doc005]));
        let m = Mutant::new("d", "", Mutation::Depth(63));
        assert_eq!(m.rules(&doc(64)), BTreeSet::from([RuleId::Doc003]));
    }
}
