//! The token grammars of SPEC S5 written again with the knobs that mistakes turn: which `/`
//! or `:` is looked at, which bound is checked, which characters count, which boundary.
//!
//! With every knob off each finder is the reference's (unit tests compare them with
//! `j43_model::tokens` on the edge-case tables).

use j43_model::tokens::find_cidr;

fn is_ipv4(s: &str) -> bool {
    let groups: Vec<&str> = s.split('.').collect();
    groups.len() == 4
        && groups.iter().all(|g| {
            (1..=3).contains(&g.len())
                && g.bytes().all(|b| b.is_ascii_digit())
                && g.parse::<u32>().is_ok_and(|v| v <= 255)
        })
}

/// Four groups of 1 to 3 digits, whatever their value.
fn is_ipv4_unbounded(s: &str) -> bool {
    let groups: Vec<&str> = s.split('.').collect();
    groups.len() == 4
        && groups
            .iter()
            .all(|g| (1..=3).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()))
}

fn has_leading_zero(group: &str) -> bool {
    group.len() > 1 && group.starts_with('0')
}

/// The longest suffix of `s` whose bytes satisfy `f`.
fn tail(s: &str, f: impl Fn(u8) -> bool) -> &str {
    let n = s.bytes().rev().take_while(|&b| f(b)).count();
    s.get(s.len() - n..).unwrap_or_default()
}

/// What S5.1 sees at one `/`.
#[derive(Debug)]
pub(crate) struct Slash<'a> {
    /// The run of digits and dots before the `/` (A4 before its leading dots are removed).
    pub run4: &'a str,
    /// The run of hex digits, `:` and `.` before the `/` (A6 before the colon is removed).
    pub run6: &'a str,
    /// The digit run after the `/`.
    pub digits: &'a str,
    /// The run of digits and dots after the `/`, trailing dots removed.
    pub mask: &'a str,
}

impl Slash<'_> {
    /// A4: the run with its leading dots removed.
    pub(crate) fn a4(&self) -> &str {
        self.run4.trim_start_matches('.')
    }

    /// P's value when it has 1 to 3 digits.
    pub(crate) fn prefix(&self) -> Option<u32> {
        if (1..=3).contains(&self.digits.len()) {
            self.digits.parse().ok()
        } else {
            None
        }
    }

    /// M is a netmask.
    pub(crate) fn netmask(&self) -> bool {
        is_ipv4(self.mask)
    }

    /// A6 is a textual IPv6 address (one leading colon removed).
    pub(crate) fn v6_address(&self) -> bool {
        find_cidr(&format!("{}/100", self.run6)).is_some()
    }

    /// The reference's IPv4 decision at this `/`.
    pub(crate) fn v4(&self) -> bool {
        is_ipv4(self.a4()) && (self.netmask() || self.prefix().is_some_and(|p| p <= 32))
    }

    /// The reference's IPv6 decision at this `/`.
    pub(crate) fn v6(&self) -> bool {
        self.prefix().is_some_and(|p| p <= 128) && self.v6_address()
    }

    /// The reference's decision at this `/`.
    pub(crate) fn found(&self) -> bool {
        self.v4() || self.v6()
    }
}

/// Every `/` of the string, in order.
pub(crate) fn slashes(s: &str) -> Vec<Slash<'_>> {
    s.match_indices('/')
        .map(|(at, _)| {
            let before = s.get(..at).unwrap_or_default();
            let after = s.get(at + 1..).unwrap_or_default();
            let digits_len = after.bytes().take_while(u8::is_ascii_digit).count();
            let mask_run = after
                .bytes()
                .take_while(|b| b.is_ascii_digit() || *b == b'.')
                .count();
            let mask = after
                .get(..mask_run)
                .unwrap_or_default()
                .trim_end_matches('.');
            Slash {
                run4: tail(before, |b| b.is_ascii_digit() || b == b'.'),
                run6: tail(before, |b| b.is_ascii_hexdigit() || b == b':' || b == b'.'),
                digits: after.get(..digits_len).unwrap_or_default(),
                mask,
            }
        })
        .collect()
}

/// A mistaken CIDR grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cidr {
    /// Only the first `/` of a string is looked at.
    FirstSlashOnly,
    /// IPv4 groups are 1 to 3 digits of any value (`999.1.1.1/8`).
    GroupsUnbounded,
    /// Leading zeros are not allowed in IPv4 groups and prefixes (`010.001.0.0/08`).
    NoLeadingZeros,
    /// A dotted netmask is not a prefix (`10.0.0.0/255.255.0.0` missed).
    NetmaskMissed,
    /// A prefix may have any number of digits (`/0032`).
    PrefixAnyLength,
    /// A4's leading dots are kept (`ip.10.0.0.0/8` missed).
    LeadingDotKept,
    /// A6's single leading colon is kept (`subnet:2001:db8::/32` missed).
    V6LeadingColonKept,
    /// Any Unicode decimal digit counts (`１０.0.0.0/8`).
    UnicodeDigits,
}

/// Unicode decimal digits of the common blocks mapped to ASCII.
fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| {
            let base = match c {
                '\u{ff10}'..='\u{ff19}' => Some(0xff10),
                '\u{660}'..='\u{669}' => Some(0x660),
                '\u{6f0}'..='\u{6f9}' => Some(0x6f0),
                '\u{966}'..='\u{96f}' => Some(0x966),
                _ => None,
            };
            match base {
                Some(b) => char::from_digit((c as u32) - b, 10).unwrap_or(c),
                None => c,
            }
        })
        .collect()
}

impl Cidr {
    /// Whether this grammar finds a CIDR block in `s`.
    pub(crate) fn finds(self, s: &str) -> bool {
        if !s.contains('/') {
            return false;
        }
        if self == Cidr::UnicodeDigits {
            return find_cidr(&ascii_digits(s)).is_some();
        }
        let all = slashes(s);
        if self == Cidr::FirstSlashOnly {
            return all.first().is_some_and(Slash::found);
        }
        all.iter().any(|x| match self {
            Cidr::GroupsUnbounded => {
                x.found()
                    || (is_ipv4_unbounded(x.a4())
                        && (x.prefix().is_some_and(|p| p <= 32) || is_ipv4_unbounded(x.mask)))
            }
            Cidr::NoLeadingZeros => {
                let strict = !x.a4().split('.').any(has_leading_zero)
                    && !has_leading_zero(x.digits)
                    && !x.mask.split('.').any(has_leading_zero);
                (x.v4() && strict) || x.v6()
            }
            Cidr::NetmaskMissed => {
                (is_ipv4(x.a4()) && x.prefix().is_some_and(|p| p <= 32)) || x.v6()
            }
            Cidr::PrefixAnyLength => {
                let value = x.digits.trim_start_matches('0');
                let small = value.len() <= 3 && !x.digits.is_empty();
                let v: u32 = if value.is_empty() {
                    0
                } else {
                    value.parse().unwrap_or(u32::MAX)
                };
                x.found()
                    || (small && is_ipv4(x.a4()) && v <= 32)
                    || (small && v <= 128 && x.v6_address())
            }
            Cidr::LeadingDotKept => {
                (is_ipv4(x.run4) && (x.netmask() || x.prefix().is_some_and(|p| p <= 32))) || x.v6()
            }
            Cidr::V6LeadingColonKept => {
                let single = x.run6.starts_with(':') && !x.run6.starts_with("::");
                x.v4() || (!single && x.v6())
            }
            Cidr::FirstSlashOnly | Cidr::UnicodeDigits => x.found(),
        })
    }
}

/// A mistaken port grammar (S5.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Port {
    /// Form 1 looks at the first `:` only.
    pub first_colon_only: bool,
    /// Form 1 does not check what follows the digits (`stroke-width:2px` is a port).
    pub letter_after: bool,
    /// Form 2 does not check what precedes the word (`support 3` is a port).
    pub after_letter: bool,
    /// Form 2 folds `ſ` to `s` (`portſ 1` is a port), as Unicode case folding does.
    pub unicode_fold: bool,
    /// Form 2 allows only spaces between the word and the digit.
    pub spaces_only: bool,
    /// Form 2 matches lowercase `port` only.
    pub case_sensitive: bool,
    /// Forms 3 and 4 are missed.
    pub no_protocol: bool,
    /// Form 4 takes 1 to 5 digits, followed by a non-digit (`tcp/123456` missed).
    pub tcp_bounded: bool,
}

fn digits_at(b: &[u8], at: usize) -> usize {
    b.get(at..)
        .unwrap_or_default()
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count()
}

fn letter_before(b: &[u8], at: usize) -> bool {
    at.checked_sub(1)
        .and_then(|j| b.get(j))
        .is_some_and(u8::is_ascii_alphabetic)
}

impl Port {
    /// Whether this grammar finds a port in `text`.
    pub(crate) fn finds(self, text: &str) -> bool {
        let folded;
        let s = if self.unicode_fold {
            folded = text.replace('\u{17f}', "s");
            folded.as_str()
        } else {
            text
        };
        let b = s.as_bytes();
        let mut colons = 0;
        for (i, &c) in b.iter().enumerate() {
            if c == b':' {
                colons += 1;
                let run = digits_at(b, i + 1);
                let next = b.get(i + 1 + run);
                let ok_after = self.letter_after || !next.is_some_and(u8::is_ascii_alphabetic);
                if (!self.first_colon_only || colons == 1) && (1..=5).contains(&run) && ok_after {
                    return true;
                }
            }
            if !self.no_protocol && matches!(c, b't' | b'T' | b'u' | b'U') && !letter_before(b, i) {
                let word = b.get(i..i + 4).unwrap_or_default();
                if word.eq_ignore_ascii_case(b"tcp/") || word.eq_ignore_ascii_case(b"udp/") {
                    let run = digits_at(b, i + 4);
                    let ok = if self.tcp_bounded {
                        (1..=5).contains(&run)
                    } else {
                        run >= 1
                    };
                    if ok {
                        return true;
                    }
                }
            }
            if (c == b'p' || (c == b'P' && !self.case_sensitive))
                && (self.after_letter || !letter_before(b, i))
            {
                let word = b.get(i..i + 4).unwrap_or_default();
                let is_word = if self.case_sensitive {
                    word == b"port"
                } else {
                    word.eq_ignore_ascii_case(b"port")
                };
                if is_word {
                    let mut j = i + 4;
                    let s_ok = |x: &u8| {
                        if self.case_sensitive {
                            *x == b's'
                        } else {
                            x.eq_ignore_ascii_case(&b's')
                        }
                    };
                    if b.get(j).is_some_and(s_ok) {
                        j += 1;
                    }
                    while let Some(x) = b.get(j) {
                        let sep = if self.spaces_only {
                            *x == b' '
                        } else {
                            matches!(x, b' ' | b'\t' | b':' | b'=' | b'#')
                        };
                        if !sep {
                            break;
                        }
                        j += 1;
                    }
                    if b.get(j).is_some_and(u8::is_ascii_digit) {
                        return true;
                    }
                }
            }
            if !self.no_protocol
                && c.is_ascii_digit()
                && !b.get(i.wrapping_sub(1)).is_some_and(u8::is_ascii_digit)
            {
                let run = digits_at(b, i);
                if (1..=5).contains(&run) {
                    let proto = b.get(i + run..i + run + 4).unwrap_or_default();
                    if proto.eq_ignore_ascii_case(b"/tcp") || proto.eq_ignore_ascii_case(b"/udp") {
                        return true;
                    }
                }
            }
        }
        false
    }
}

/// A mistaken arrow grammar (S5.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Arrow {
    /// A Unicode dash with `>` (or `<` with one) is not an arrow.
    pub no_dashes: bool,
    /// `<=` is "less or equal", not an arrow.
    pub no_less_equal: bool,
    /// The ranges are half-open: the last character of each is not an arrow.
    pub half_open: bool,
}

const ARROW_RANGES: [(u32, u32); 7] = [
    (0x2190, 0x21FF),
    (0x2794, 0x27BF),
    (0x27F0, 0x27FF),
    (0x2900, 0x297F),
    (0x2B00, 0x2B11),
    (0x2B60, 0x2BB9),
    (0x1F800, 0x1F8FF),
];

fn is_dash(c: char) -> bool {
    matches!(c, '\u{2010}'..='\u{2015}' | '\u{2212}')
}

impl Arrow {
    /// Whether this grammar finds an arrow in `s`.
    pub(crate) fn finds(self, s: &str) -> bool {
        let chars: Vec<char> = s.chars().collect();
        for (k, &c) in chars.iter().enumerate() {
            let u = c as u32;
            if ARROW_RANGES
                .iter()
                .any(|&(lo, hi)| u >= lo && (u < hi || (u == hi && !self.half_open)))
            {
                return true;
            }
            let next = chars.get(k + 1).copied();
            match (c, next) {
                ('-', Some('>')) | ('<', Some('-')) | ('=', Some('>')) => return true,
                ('<', Some('=')) if !self.no_less_equal => return true,
                _ => {}
            }
            if !self.no_dashes {
                if is_dash(c) && next == Some('>') {
                    return true;
                }
                if c == '<' && next.is_some_and(is_dash) {
                    return true;
                }
            }
        }
        false
    }
}

/// Mistaken provider-artifact grammars (S5.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Artifacts {
    /// Region codes in any case (`US-EAST-1`).
    pub region_any_case: bool,
    /// No check after a region code's digits (`us-east-1ab`).
    pub region_no_end: bool,
    /// No boundary before a region code (`bus-east-1`).
    pub region_no_start: bool,
    /// Only the AWS form of region codes (`europe-west1` missed).
    pub region_aws_only: bool,
    /// `arn:aws-` (other partitions) missed.
    pub arn_aws_only: bool,
    /// A keyword, blanks and a quoted label are an HCL block header, whatever follows.
    pub hcl_label_only: bool,
    /// `AWS::` is CloudFormation whatever follows.
    pub cfn_any: bool,
    /// `apiVersion:` in any case.
    pub api_any_case: bool,
}

const AWS_AREAS: &[&str] = &["us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx", "cn"];
const GCP_AREAS: &[&str] = &[
    "us",
    "europe",
    "asia",
    "australia",
    "northamerica",
    "southamerica",
    "me",
    "africa",
];
const DIRECTIONS: &[&str] = &[
    "northeast",
    "southeast",
    "northwest",
    "southwest",
    "north",
    "south",
    "east",
    "west",
    "central",
];

fn starts<'w>(s: &'w [u8], words: &'w [&str]) -> impl Iterator<Item = usize> + 'w {
    words
        .iter()
        .filter(move |w| s.starts_with(w.as_bytes()))
        .map(|w| w.len())
}

impl Artifacts {
    /// The one rule whose grammar the knobs change (FBD-003 when none is set).
    pub(crate) fn rule(self) -> j43_model::RuleId {
        use j43_model::RuleId;
        if self.arn_aws_only {
            RuleId::Fbd008
        } else if self.hcl_label_only || self.cfn_any {
            RuleId::Fbd001
        } else if self.api_any_case {
            RuleId::Cmp005
        } else {
            RuleId::Fbd003
        }
    }

    fn region_at(self, s: &[u8]) -> bool {
        let end_ok =
            |at: usize| self.region_no_end || !s.get(at).is_some_and(u8::is_ascii_alphanumeric);
        for a in starts(s, AWS_AREAS) {
            if s.get(a) != Some(&b'-') {
                continue;
            }
            let mut at = a + 1;
            if s.get(at..).is_some_and(|r| r.starts_with(b"gov-")) {
                at += 4;
            }
            for d in starts(s.get(at..).unwrap_or_default(), DIRECTIONS) {
                let at = at + d;
                if s.get(at) != Some(&b'-') {
                    continue;
                }
                let n = digits_at(s, at + 1);
                if (1..=2).contains(&n) {
                    let end = at + 1 + n;
                    if end_ok(end) {
                        return true;
                    }
                    if s.get(end).is_some_and(u8::is_ascii_lowercase) && end_ok(end + 1) {
                        return true;
                    }
                }
            }
        }
        if self.region_aws_only {
            return false;
        }
        for a in starts(s, GCP_AREAS) {
            if s.get(a) != Some(&b'-') {
                continue;
            }
            for d in starts(s.get(a + 1..).unwrap_or_default(), DIRECTIONS) {
                let at = a + 1 + d;
                let n = digits_at(s, at);
                if (1..=2).contains(&n) {
                    let end = at + n;
                    let zone = s.get(end) == Some(&b'-')
                        && s.get(end + 1).is_some_and(u8::is_ascii_lowercase)
                        && end_ok(end + 2);
                    if zone || end_ok(end) {
                        return true;
                    }
                }
            }
        }
        false
    }

    /// A region or zone code (FBD-003).
    pub(crate) fn region(self, text: &str) -> bool {
        // Every code has a dash and a direction (`east`, `north`, `west`, `south`, `central`).
        if !text.contains('-') {
            return false;
        }
        let has_direction = |t: &str| {
            ["east", "west", "north", "south", "central"]
                .iter()
                .any(|d| t.contains(d))
        };
        if self.region_any_case {
            if !has_direction(&text.to_ascii_lowercase()) {
                return false;
            }
        } else if !has_direction(text) {
            return false;
        }
        let lower;
        let b = if self.region_any_case {
            lower = text.to_ascii_lowercase();
            lower.as_bytes()
        } else {
            text.as_bytes()
        };
        (0..b.len()).any(|i| {
            let boundary = self.region_no_start
                || !b
                    .get(i.wrapping_sub(1))
                    .is_some_and(u8::is_ascii_alphanumeric)
                || i == 0;
            boundary && self.region_at(b.get(i..).unwrap_or_default())
        })
    }

    fn at_boundaries(text: &str) -> impl Iterator<Item = &[u8]> {
        let b = text.as_bytes();
        (0..b.len()).filter_map(move |i| {
            let boundary = i == 0 || !b.get(i - 1).is_some_and(u8::is_ascii_alphanumeric);
            boundary.then(|| b.get(i..).unwrap_or_default())
        })
    }

    /// A provider resource name (FBD-008).
    pub(crate) fn arn(self, text: &str) -> bool {
        if !text.contains("arn:aws") {
            return false;
        }
        Self::at_boundaries(text).any(|r| {
            r.starts_with(b"arn:aws:") || (!self.arn_aws_only && r.starts_with(b"arn:aws-"))
        })
    }

    fn hcl(self, r: &[u8]) -> bool {
        for k in starts(r, &["resource", "module", "provider", "data"]) {
            let blanks = |from: usize| {
                r.get(from..)
                    .unwrap_or_default()
                    .iter()
                    .take_while(|b| matches!(b, b' ' | b'\t'))
                    .count()
            };
            let b1 = blanks(k);
            if b1 == 0 || r.get(k + b1) != Some(&b'"') {
                continue;
            }
            let open = k + b1;
            let body = r
                .get(open + 1..)
                .unwrap_or_default()
                .iter()
                .take_while(|b| !matches!(b, b'"' | b'\n'))
                .count();
            let close = open + 1 + body;
            if r.get(close) != Some(&b'"') {
                continue;
            }
            if self.hcl_label_only {
                return true;
            }
            let after = close + 1 + blanks(close + 1);
            if matches!(r.get(after), Some(b'{' | b'"')) {
                return true;
            }
        }
        false
    }

    /// Infrastructure-as-code syntax (FBD-001).
    pub(crate) fn iac(self, text: &str) -> bool {
        if !text.contains('"') && !text.contains("AWS") {
            return false;
        }
        Self::at_boundaries(text).any(|r| {
            self.hcl(r)
                || r.starts_with(b"AWSTemplateFormatVersion")
                || (r.starts_with(b"AWS::")
                    && (self.cfn_any || r.get(5).is_some_and(u8::is_ascii_alphabetic)))
        })
    }

    /// An orchestration manifest (CMP-005).
    pub(crate) fn manifest(self, text: &str) -> bool {
        if !text.contains(':') {
            return false;
        }
        Self::at_boundaries(text).any(|r| {
            let head = r.get(..11).unwrap_or_default();
            if self.api_any_case {
                head.eq_ignore_ascii_case(b"apiVersion:")
            } else {
                head == b"apiVersion:"
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use j43_model::tokens::{find_arrow, find_artifacts, find_port, Artifact};

    /// Strings around every grammar's edges (the SPEC S5 tables and more).
    const SAMPLES: &[&str] = &[
        "10.0.0.0/8",
        "the 10.0.0.0/8.",
        "subnet:10.0.0.0/16",
        "010.001.0.0/08",
        "10.0.0.0/8a",
        "999.1.1.1/8",
        "1.2.3.4.5/8",
        "ip.10.0.0.0/8",
        "1.2.3.4/33",
        "1.2.3.4/0032",
        "10.0.0.0/255.255.0.0",
        "10.0.0.0/255.255.0",
        "::ffff:10.0.0.0/255.255.0.0",
        "1.2.3.4",
        "1.2.3/4",
        "10.0.0.0 /8",
        "2001:db8::/32",
        "fe80::/10",
        "::/0",
        "::ffff:10.0.0.0/104",
        "subnet:2001:db8::/32",
        "1:2:3:4:5:6:7:8/64",
        "1:2:3:4:5:6:7:8:9/64",
        "1:2:3:4:5:6:7::/64",
        "1.2.3.4::/64",
        "1:1.2.3.4::/64",
        "2001:db8::/129",
        "a/b",
        "TCP/IP",
        "1/2",
        "\u{ff11}\u{ff10}.0.0.0/8",
        "a/b 10.0.0.0/8",
        "x:123456 host:443",
        ":5432",
        "host:443",
        "api:8080/health",
        "x:123456",
        "port 443",
        "Port: 8080",
        "ports=80",
        "port443",
        "PORT#9",
        "443/tcp",
        "53/UDP",
        "123456/tcp",
        "the ingress port",
        "ports and adapters",
        "support 3",
        "1.2.3",
        "passport 5",
        "airport:1",
        "1port 2",
        "_port 1",
        "\u{e9}port 1",
        "port\u{17f} 1",
        "12:30",
        "stroke-width:2px",
        "tcp/443",
        "UDP/53",
        "tcp/123456",
        "tcp/ip",
        "xtcp/443",
        "a -> b",
        "a --> b",
        "a <- b",
        "a <-> b",
        "a ==> b",
        "a <= b",
        "a \u{2192} b",
        "a --- b",
        "a | b > c < d = e",
        "a - > b",
        "a \u{2014}> b",
        "a <\u{2013} b",
        "a \u{2014} b",
        "\u{21ff}",
        "\u{2200}",
        "\u{1f8ff}",
        "\u{2bb9}",
        "\u{2bba}",
        "<!-- note -->",
        "in us-east-1",
        "zone eu-west-1a.",
        "us-gov-west-1",
        "europe-west1",
        "us-central1-a",
        "us-east-1ab",
        "bus-east-1",
        "us-east",
        "US-EAST-1",
        "east-west-1",
        "europe-west1-ab",
        "arn:aws:rds:x",
        "arn:aws-cn:s3",
        "barn:aws:x",
        "resource \"aws_db\" \"main\" {",
        "module \"vpc\" {",
        "the resource \"api\" is stateless",
        "Type: AWS::RDS::DBInstance",
        "AWSTemplateFormatVersion",
        "AWS:: alone",
        "apiVersion: v1",
        "myapiVersion: v1",
        "apiversion: v1",
        "northamerica-northeast2",
        "me-west1",
    ];

    #[test]
    fn the_grammars_with_every_knob_off_are_the_references() {
        for s in SAMPLES {
            let cidr = slashes(s).iter().any(Slash::found);
            assert_eq!(cidr, find_cidr(s).is_some(), "cidr {s:?}");
            assert_eq!(
                Port::default().finds(s),
                find_port(s).is_some(),
                "port {s:?}"
            );
            assert_eq!(
                Arrow::default().finds(s),
                find_arrow(s).is_some(),
                "arrow {s:?}"
            );
            let kinds: Vec<Artifact> = find_artifacts(s).into_iter().map(|(k, _)| k).collect();
            let a = Artifacts::default();
            assert_eq!(
                a.region(s),
                kinds.contains(&Artifact::RegionCode),
                "region {s:?}"
            );
            assert_eq!(
                a.arn(s),
                kinds.contains(&Artifact::ResourceName),
                "arn {s:?}"
            );
            assert_eq!(a.iac(s), kinds.contains(&Artifact::IacSyntax), "iac {s:?}");
            assert_eq!(
                a.manifest(s),
                kinds.contains(&Artifact::OrchestrationManifest),
                "manifest {s:?}"
            );
        }
    }

    #[test]
    fn each_mistaken_grammar_differs_on_its_edge() {
        assert!(!Cidr::FirstSlashOnly.finds("a/b 10.0.0.0/8"));
        assert!(Cidr::GroupsUnbounded.finds("999.1.1.1/8"));
        assert!(!Cidr::NoLeadingZeros.finds("010.001.0.0/08"));
        assert!(!Cidr::NetmaskMissed.finds("10.0.0.0/255.255.0.0"));
        assert!(Cidr::PrefixAnyLength.finds("1.2.3.4/0032"));
        assert!(!Cidr::LeadingDotKept.finds("ip.10.0.0.0/8"));
        assert!(!Cidr::V6LeadingColonKept.finds("subnet:2001:db8::/32"));
        assert!(Cidr::UnicodeDigits.finds("\u{ff11}\u{ff10}.0.0.0/8"));
        let port = |p: Port, s: &str| p.finds(s);
        assert!(!port(
            Port {
                first_colon_only: true,
                ..Port::default()
            },
            "x:123456 host:443"
        ));
        assert!(port(
            Port {
                letter_after: true,
                ..Port::default()
            },
            "stroke-width:2px"
        ));
        assert!(port(
            Port {
                after_letter: true,
                ..Port::default()
            },
            "support 3"
        ));
        assert!(port(
            Port {
                unicode_fold: true,
                ..Port::default()
            },
            "port\u{17f} 1"
        ));
        assert!(!port(
            Port {
                spaces_only: true,
                ..Port::default()
            },
            "Port: 8080"
        ));
        assert!(!port(
            Port {
                case_sensitive: true,
                ..Port::default()
            },
            "PORT 1"
        ));
        assert!(!port(
            Port {
                no_protocol: true,
                ..Port::default()
            },
            "443/tcp"
        ));
        assert!(!port(
            Port {
                tcp_bounded: true,
                ..Port::default()
            },
            "tcp/123456"
        ));
        assert!(!Arrow {
            no_dashes: true,
            ..Arrow::default()
        }
        .finds("a \u{2014}> b"));
        assert!(!Arrow {
            no_less_equal: true,
            ..Arrow::default()
        }
        .finds("a <= b"));
        assert!(!Arrow {
            half_open: true,
            ..Arrow::default()
        }
        .finds("\u{21ff}"));
        let a = Artifacts::default();
        assert!(Artifacts {
            region_any_case: true,
            ..a
        }
        .region("US-EAST-1"));
        assert!(Artifacts {
            region_no_end: true,
            ..a
        }
        .region("us-east-1ab"));
        assert!(Artifacts {
            region_no_start: true,
            ..a
        }
        .region("bus-east-1"));
        assert!(!Artifacts {
            region_aws_only: true,
            ..a
        }
        .region("europe-west1"));
        assert!(!Artifacts {
            arn_aws_only: true,
            ..a
        }
        .arn("arn:aws-cn:s3"));
        assert!(Artifacts {
            hcl_label_only: true,
            ..a
        }
        .iac("the resource \"api\" is stateless"));
        assert!(Artifacts { cfn_any: true, ..a }.iac("AWS:: alone"));
        assert!(Artifacts {
            api_any_case: true,
            ..a
        }
        .manifest("apiversion: v1"));
    }
}
