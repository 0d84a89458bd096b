//! S5 boundaries: every row of the token grammars' edge-case tables, both sides, and every
//! position of the document where a string is scanned.
//!
//! Grammar classes put one text of their pool, with prose around it, into a random string
//! that only the grammar concerns: a non-diagram string (a description of any object kind,
//! or the design's name) for the every-string grammars (CIDR blocks, provider artifacts), a
//! diagram's title or content for ports and arrows. Position classes put a text of the rule's
//! pools at one position: a description, the design's name, an id, a logical name, a
//! reference, a diagram title, a diagram content.
//!
//! Enumeration and constant positions are scanned too (SPEC S6.3), but no value they accept
//! holds a CIDR block or an artifact and any other value is DOC-008, which hides layer 3
//! (S4.2): scanning them or not cannot change a rule set, so they have no class.

use super::{class, join, key, leak, set_member, string, Built, Class, Ctx, Side};
use crate::choices::Choices;
use crate::text as pools;
use crate::tree::{self, Step};
use j43_model::json::Value;
use j43_model::{ObjectKind, RuleId};

/// A grammar class: its name, SPEC section, and the texts of each side.
pub(crate) struct Pool {
    pub rule: RuleId,
    pub name: &'static str,
    pub section: &'static str,
    pub violating: &'static str,
    pub near_miss: &'static str,
    pub v: &'static [&'static str],
    pub n: &'static [&'static str],
}

const fn pool(
    rule: RuleId,
    name: &'static str,
    section: &'static str,
    violating: &'static str,
    near_miss: &'static str,
    v: &'static [&'static str],
    n: &'static [&'static str],
) -> Pool {
    Pool {
        rule,
        name,
        section,
        violating,
        near_miss,
        v,
        n,
    }
}

use RuleId::{Cmp005, Fbd001, Fbd003, Fbd008, Fbd009, Net005};

/// The grammar classes of S5.1 (CIDR blocks) and S5.4 (provider artifacts): every string.
pub(crate) const TEXT_POOLS: &[Pool] = &[
    pool(
        Net005,
        "cidr-v4-basic",
        "S5.1",
        "an IPv4 address and a prefix",
        "an address without a prefix, or with three or two groups",
        &[
            "10.0.0.0/8",
            "192.168.1.0/24",
            "0.0.0.0/0",
            "172.16.0.0/12",
            "1.2.3.4/5",
        ],
        &["10.0.0.0", "1.2.3.4", "10.0.0/8", "10.0/8"],
    ),
    pool(
        Net005,
        "cidr-trailing-dot",
        "S5.1",
        "`the 10.0.0.0/8.`: a dot after P",
        "a dot before the `/`",
        &["the 10.0.0.0/8.", "10.0.0.0/16.", "in 10.1.0.0/16..."],
        &["the 10.0.0.0./8", "10.0.0.0../16"],
    ),
    pool(
        Net005,
        "cidr-colon-before-v4",
        "S5.1",
        "`subnet:10.0.0.0/16`: A4 after a colon",
        "three groups after the colon, or a colon before the `/`",
        &[
            "subnet:10.0.0.0/16",
            "cidr:192.168.0.0/24",
            "a:b:10.0.0.0/8",
        ],
        &["subnet:10.0.0/16", "subnet:10.0.0.0:/16"],
    ),
    pool(
        Net005,
        "cidr-leading-zeros",
        "S5.1",
        "groups and prefixes with leading zeros (3 digits at most)",
        "a group or prefix of four digits",
        &["010.001.0.0/08", "10.0.0.0/008", "001.002.003.004/32"],
        &["0010.0.0.0/8", "10.0.0.0/0008", "10.0000.0.0/8"],
    ),
    pool(
        Net005,
        "cidr-prefix-digit-run",
        "S5.1",
        "`10.0.0.0/8a`: P is the digit run",
        "no digit right after the `/`",
        &["10.0.0.0/8a", "10.0.0.0/24x", "10.0.0.0/8-9"],
        &["10.0.0.0/a8", "10.0.0.0/x", "10.0.0.0/-8"],
    ),
    pool(
        Net005,
        "cidr-v4-group-max",
        "S5.1",
        "groups of value 255 at most",
        "a group of 256 or 999",
        &["255.255.255.255/32", "1.1.1.255/8", "250.0.0.0/8"],
        &["999.1.1.1/8", "256.1.1.1/8", "1.1.1.256/8", "1.300.1.1/8"],
    ),
    pool(
        Net005,
        "cidr-v4-group-count",
        "S5.1",
        "exactly four groups",
        "five, three or two groups",
        &["1.2.3.4/8", "9.9.9.9/9"],
        &["1.2.3.4.5/8", "1.2.3/4", "1.2/3", "1.2.3.4.5.6/8"],
    ),
    pool(
        Net005,
        "cidr-leading-dot",
        "S5.1",
        "`ip.10.0.0.0/8`: A4's leading dots removed",
        "three groups after the dot",
        &["ip.10.0.0.0/8", "...10.0.0.0/8", "v.1.2.3.4/24"],
        &["ip.10.0.0/8", "v.1.2.3/24"],
    ),
    pool(
        Net005,
        "cidr-v4-prefix-max",
        "S5.1",
        "an IPv4 prefix of 32",
        "an IPv4 prefix of 33",
        &["1.2.3.4/32", "10.0.0.1/32", "0.0.0.0/32", "192.168.1.1/32"],
        &[
            "1.2.3.4/33",
            "10.0.0.0/33",
            "0.0.0.0/33",
            "255.255.255.255/33",
        ],
    ),
    pool(
        Net005,
        "cidr-prefix-length",
        "S5.1",
        "a prefix of three digits",
        "a prefix of four digits",
        &["1.2.3.4/032", "10.0.0.0/008", "::/000"],
        &["1.2.3.4/0032", "10.0.0.0/0008", "2001:db8::/0064"],
    ),
    pool(
        Net005,
        "cidr-netmask",
        "S5.1",
        "a dotted netmask whose digits alone are no prefix (`/255.255.0.0`)",
        "a netmask of three or five groups, or a group above 255",
        &[
            "10.0.0.0/255.255.0.0",
            "10.0.0.0/255.255.0.0.",
            "192.168.0.0/255.255.255.0",
            "10.0.0.0/128.0.0.0",
        ],
        &[
            "10.0.0.0/255.255.0",
            "10.0.0.0/256.0.0.0",
            "10.0.0.0/255.255.0.0.0",
        ],
    ),
    pool(
        Net005,
        "cidr-netmask-after-v6",
        "S5.1",
        "a netmask after an IPv4 address ending an IPv6 one",
        "a netmask after an IPv6 address",
        &[
            "::ffff:10.0.0.0/255.255.0.0",
            "::ffff:1.2.3.4/255.255.255.0",
        ],
        &["2001:db8::/255.0.0.0", "fe80::/255.255.0.0"],
    ),
    pool(
        Net005,
        "cidr-space-around-slash",
        "S5.1",
        "address, `/` and prefix adjacent",
        "a space before or after the `/`",
        &["10.0.0.0/8", "x 10.0.0.0/8 y", "2001:db8::/32"],
        &[
            "10.0.0.0 /8",
            "10.0.0.0/ 8",
            "10.0.0.0 / 8",
            "2001:db8:: /32",
        ],
    ),
    pool(
        Net005,
        "cidr-v6-basic",
        "S5.1",
        "IPv6 addresses with `::` or eight groups",
        "`:::`, two `::`, no prefix, a non-hex character before the `/`",
        &[
            "2001:db8::/32",
            "fe80::/10",
            "::/0",
            "2001:db8:0:0:0:0:0:1/128",
            "::1/64",
        ],
        &[
            "2001:db8:::/32",
            "1::2::3/64",
            "2001:db8::/x",
            "2001:db8::g/32",
        ],
    ),
    pool(
        Net005,
        "cidr-v6-leading-colon",
        "S5.1",
        "`subnet:2001:db8::/32`: one leading colon removed",
        "two leading colons",
        &[
            "subnet:2001:db8::/32",
            "net:fe80::/10",
            "x:1:2:3:4:5:6:7:8/64",
        ],
        &["subnet::2001:db8::/32", "x::1:2::/64"],
    ),
    pool(
        Net005,
        "cidr-v6-group-count",
        "S5.1",
        "eight groups, or seven at most with `::`",
        "nine groups, eight with `::`, or seven without",
        &[
            "1:2:3:4:5:6:7:8/64",
            "1:2:3:4:5:6:7::/64",
            "1::8/64",
            "::2:3:4:5:6:7:8/64",
        ],
        &[
            "1:2:3:4:5:6:7:8:9/64",
            "1:2:3:4:5:6:7:8::/64",
            "1:2:3:4:5:6:7/64",
            "1:2:3:4:5:6::7:8/64",
        ],
    ),
    pool(
        Net005,
        "cidr-v6-embedded-v4",
        "S5.1",
        "an IPv4 address as the last group (counting two)",
        "an IPv4 group before the last, or nine groups with it",
        &[
            "::ffff:10.0.0.0/104",
            "1:2:3:4:5:6:1.2.3.4/96",
            "::1.2.3.4/96",
        ],
        &["1.2.3.4::/64", "1:1.2.3.4::/64", "1:2:3:4:5:6:7:1.2.3.4/96"],
    ),
    pool(
        Net005,
        "cidr-v6-prefix-max",
        "S5.1",
        "an IPv6 prefix of 128",
        "an IPv6 prefix of 129",
        &["2001:db8::/128", "::1/128", "fe80::1/128"],
        &["2001:db8::/129", "::1/129", "fe80::1/129"],
    ),
    pool(
        Net005,
        "cidr-ascii-digits",
        "S5.1",
        "ASCII digits",
        "fullwidth or Arabic-Indic digits",
        &["10.0.0.0/8", "1.2.3.4/24", "10.0.0.0/16"],
        &[
            "\u{ff11}\u{ff10}.0.0.0/8",
            "10.0.0.0/\u{ff18}",
            "1\u{660}.0.0.0/8",
            "10.0.0.0/\u{668}",
        ],
    ),
    pool(
        Net005,
        "cidr-later-slash",
        "S5.1",
        "several `/` of which only a later one is a CIDR block",
        "several `/`, none a CIDR block",
        &[
            "a/b 10.0.0.0/8",
            "1/2 then 10.0.0.0/8",
            "TCP/IP over 2001:db8::/32",
            "999.1.1.1/8 and 1.2.3.4/24",
            "1.2.3.4/33 or 10.0.0.0/8",
        ],
        &[
            "a/b 1/2 999.1.1.1/8",
            "TCP/IP 1.2.3.4/33",
            "x/y/z 10.0.0.0 /8",
            "1.2.3/4 and 2001:db8::/129",
        ],
    ),
    pool(
        Fbd003,
        "region-aws",
        "S5.4",
        "AWS region and zone codes",
        "no digits, three digits, an unknown area or direction",
        &[
            "us-east-1",
            "eu-west-1a",
            "ap-southeast-2",
            "us-gov-west-1",
            "cn-north-1",
            "me-central-1",
            "il-central-1",
            "mx-central-1",
            "af-south-1",
            "ca-central-1",
            "sa-east-1",
            "ap-northeast-3c",
        ],
        &[
            "us-east",
            "us-east-",
            "us-east-123",
            "xx-east-1",
            "us-up-1",
            "us-gov-1",
            "us_east_1",
            "us-east-x",
        ],
    ),
    pool(
        Fbd003,
        "region-gcp",
        "S5.4",
        "GCP region and zone codes (`europe-west1-ab` matches `europe-west1`)",
        "a dash before the digits, three digits, two zone letters without the dash, an unknown area or direction",
        &[
            "europe-west1",
            "us-central1-a",
            "asia-northeast1",
            "northamerica-northeast2",
            "australia-southeast1-b",
            "africa-south1",
            "southamerica-east1",
            "me-west1",
            "europe-west1-ab",
        ],
        &[
            "europe-west",
            "europe-west-1",
            "europe-west123",
            "asia-east",
            "europe-middle1",
            "europa-west1",
            "europe-west1ab",
            "asia-east2xy",
        ],
    ),
    pool(
        Fbd003,
        "region-boundary-start",
        "S5.4",
        "a code after a non-alphanumeric character",
        "a code right after a letter or digit",
        &[
            "in us-east-1",
            "(us-east-1)",
            "_us-east-1",
            "-us-east-1",
            "\u{e9} us-east-1",
            "1.us-east-1",
        ],
        &["bus-east-1", "1us-east-1", "Xus-east-1", "zeurope-west1"],
    ),
    pool(
        Fbd003,
        "region-boundary-end",
        "S5.4",
        "a code followed by the end or a non-alphanumeric character",
        "a code followed by a letter or digit",
        &[
            "us-east-1.",
            "us-east-1a,",
            "us-east-1_x",
            "us-east-1-",
            "europe-west1 ",
        ],
        &[
            "us-east-1ab",
            "us-east-1x1",
            "us-east-100",
            "europe-west1x",
            "europe-west1a",
        ],
    ),
    pool(
        Fbd003,
        "region-case",
        "S5.4",
        "lowercase codes",
        "codes in upper or mixed case",
        &["us-east-1", "eu-central-1", "europe-west4"],
        &[
            "US-EAST-1",
            "Us-east-1",
            "us-East-1",
            "us-east-1A",
            "EUROPE-WEST1",
            "Europe-west1",
        ],
    ),
    pool(
        Fbd008,
        "arn-prefix",
        "S5.4",
        "`arn:aws:` or `arn:aws-`",
        "another partition or case, no boundary, `arn:aws` alone",
        &[
            "arn:aws:s3:::bucket",
            "arn:aws-cn:s3",
            "arn:aws-us-gov:iam",
            "(arn:aws:rds)",
            "arn:aws:",
        ],
        &[
            "arn:azure",
            "barn:aws:x",
            "ARN:AWS:s3",
            "arn:aws",
            "arn:aws_x",
            "arn:gcp:x",
            "arn: aws:x",
        ],
    ),
    pool(
        Fbd001,
        "hcl-block",
        "S5.4",
        "an HCL block header (keyword, blanks, quoted label, blanks, `{` or `\"`)",
        "no blank, a line feed in the label, another keyword, no `{` after the label",
        &[
            "resource \"aws_db_instance\" \"main\" {",
            "module \"vpc\" {",
            "provider \"aws\" {",
            "data \"aws_ami\" \"x\" {",
            "resource \"a\" \"b\"",
            "module\t\"m\"{",
            "resource  \"x\" \"y\"   {",
        ],
        &[
            "the resource \"api\" is stateless",
            "resource\"a\" {",
            "resource \"a\nb\" {",
            "modules \"x\" {",
            "module 'x' {",
            "resource \"a\" b {",
            "resource \"a\" is",
            "myresource \"a\" \"b\" {",
        ],
    ),
    pool(
        Fbd001,
        "cfn-markers",
        "S5.4",
        "`AWSTemplateFormatVersion`, `AWS::` and a letter",
        "`AWS::` and no letter, one colon, lowercase, no boundary",
        &[
            "AWSTemplateFormatVersion",
            "Type: AWS::RDS::DBInstance",
            "AWS::S3::Bucket",
            "(AWS::Lambda)",
        ],
        &[
            "AWS:: alone",
            "AWS:RDS",
            "AWS::1x",
            "aws::rds",
            "AWS::_x",
            "AWS::",
            "MyAWS::S3",
            "AWS::-",
        ],
    ),
    pool(
        Cmp005,
        "api-version",
        "S5.4",
        "`apiVersion:` at a boundary",
        "no colon, another case, no boundary, a space before the colon",
        &[
            "apiVersion: apps/v1",
            "kind: Deployment apiVersion:",
            "(apiVersion:v1)",
            "apiVersion:",
        ],
        &[
            "apiVersion",
            "apiversion:",
            "myapiVersion: v1",
            "apiVersion :",
            "APIVERSION:",
            "api Version:",
        ],
    ),
];

/// The grammar classes of S5.2 (ports) and S5.3 (arrows): diagram titles and contents.
pub(crate) const DIAGRAM_POOLS: &[Pool] = &[
    pool(
        Fbd009,
        "port-colon-digits",
        "S5.2",
        "form 1: `:` and 1 to 5 digits (`12:30` and `ratio 1:2` included)",
        "`:` and no digit, or a space before the digits",
        &[
            ":5432",
            "host:443",
            "10.0.0.1:80",
            "api:8080/health",
            "12:30",
            "ratio 1:2",
            ":1",
        ],
        &[":abc", "x:", "a: 80", "::", "version 1.2.3"],
    ),
    pool(
        Fbd009,
        "port-colon-five-digits",
        "S5.2",
        "form 1 with 5 digits",
        "form 1 with 6 or 7 digits",
        &[":65535", ":12345", "api :99999", "x:00000"],
        &[":123456", "x:1234567", "api :999999"],
    ),
    pool(
        Fbd009,
        "port-colon-letter-after",
        "S5.2",
        "form 1 followed by a non-letter (space, dot, dash, `_`, a non-ASCII letter)",
        "form 1 followed by an ASCII letter (`stroke-width:2px`)",
        &[":80 ", ":80.", ":80-x", ":80_", ":80\u{e9}"],
        &["stroke-width:2px", ":80a", "x:443b", ":1Z"],
    ),
    pool(
        Fbd009,
        "port-word-separators",
        "S5.2",
        "form 2: `port`/`ports`, then `[ \\t:=#]*`, then a digit",
        "no digit, or another character before it",
        &[
            "port 443",
            "Port: 8080",
            "ports=80",
            "port443",
            "PORT#9",
            "port \t:=# 1",
            "ports:\t7",
        ],
        &[
            "port",
            "ports and adapters",
            "the ingress port",
            "port x1",
            "port-443",
            "port.80",
            "port_1",
        ],
    ),
    pool(
        Fbd009,
        "port-word-preceded",
        "S5.2",
        "form 2 after a digit, `_`, a non-ASCII letter or punctuation",
        "form 2 after an ASCII letter",
        &["1port 2", "_port 1", "\u{e9}port 1", "(port 1)", "x-port 3"],
        &["support 3", "passport 5", "export 1", "Report 2"],
    ),
    pool(
        Fbd009,
        "port-word-ascii-fold",
        "S5.2",
        "form 2 in any ASCII case",
        "a non-ASCII letter in the word (`portſ`, fullwidth, diaeresis)",
        &["PORT 1", "PoRtS 2", "Port#4", "pORT 5"],
        &[
            "port\u{17f} 1",
            "port\u{17f}=2",
            "\u{ff50}ort 1",
            "Port\u{17f}\t3",
            "poRt\u{17f} 2",
            "PORT\u{17f}#4",
        ],
    ),
    pool(
        Fbd009,
        "port-proto-suffix",
        "S5.2",
        "form 3: 1 to 5 digits and `/tcp` or `/udp` in any case",
        "a space, a cut or another protocol",
        &["443/tcp", "53/UDP", "65535/udp", "1/TcP", "x 8/tcp"],
        &["443 /tcp", "443/tc", "443/ip", "/tcp", "443/ tcp"],
    ),
    pool(
        Fbd009,
        "port-proto-five-digits",
        "S5.2",
        "form 3 with 5 digits",
        "form 3 with 6 or 7 digits (the run is maximal)",
        &["12345/tcp", "99999/udp", "00000/TCP"],
        &["123456/tcp", "999999/udp", "1234567/tcp"],
    ),
    pool(
        Fbd009,
        "port-proto-prefix",
        "S5.2",
        "form 4: `tcp/` or `udp/` and a digit (unbounded number)",
        "`tcp/ip`, after a letter, no digit",
        &["tcp/443", "UDP/53", "tcp/123456", "Tcp/0", "(udp/1)"],
        &["tcp/ip", "xtcp/443", "tcp/", "tcp /443", "tcp/x1"],
    ),
    pool(
        Fbd009,
        "port-proto-prefix-long-number",
        "S5.2",
        "form 4 with a number of 6 digits or more (form 4 does not bound it)",
        "6 digits or more before `/tcp` (form 3 bounds them), or `tcp/` and no digit",
        &[
            "tcp/123456",
            "udp/1234567",
            "TCP/654321",
            "Udp/99999999",
            "(tcp/100000)",
            "tcp/0000000",
        ],
        &[
            "123456/tcp",
            "1234567/udp",
            "tcp/ip123456",
            "tcp/x123456",
            "xtcp/123456",
        ],
    ),
    pool(
        Fbd009,
        "arrow-less-equal",
        "S5.3",
        "`<=`, which is an arrow even where it means \"less or equal\"",
        "`=<`, `< =`, `>=`",
        &["a <= b", "x<=y", "<=", "n <= m", "<= x", "cost<=budget"],
        &["a =< b", "x < = y", ">=", "n >= m", "=<", "a >= b <"],
    ),
    pool(
        Fbd009,
        "port-later-colon",
        "S5.2",
        "several `:` of which only a later one starts a port",
        "several `:`, none a port",
        &[
            "a:b :8080",
            "x:123456 host:443",
            "width:2px :80",
            "a:b c:d e:12",
        ],
        &["a:b x:123456 width:2px", "a:b c:d", "x:1234567 y:z"],
    ),
    pool(
        Fbd009,
        "arrow-ascii-pairs",
        "S5.3",
        "`->`, `<-`, `=>`, `<=` (in `-->`, `<->`, `==>`, `<!-- -->`)",
        "the characters apart or in another order",
        &[
            "->",
            "<-",
            "=>",
            "<=",
            "-->",
            "<->",
            "==>",
            "<!-- note -->",
            "a->b",
        ],
        &["- >", "< -", "= >", ">=", "=<", ">-", "---", "><"],
    ),
    pool(
        Fbd009,
        "arrow-unicode-dash",
        "S5.3",
        "a Unicode dash or minus and `>`, or `<` and one",
        "a dash alone or apart, a character outside U+2010-U+2015 and U+2212",
        &[
            "\u{2014}>",
            "<\u{2013}",
            "\u{2010}>",
            "\u{2212}>",
            "<\u{2015}",
            "\u{2011}>",
        ],
        &[
            "\u{2014}",
            "\u{2013} >",
            "< \u{2014}",
            "\u{2016}>",
            "\u{2e3a}>",
            "<\u{2009}",
        ],
    ),
    pool(
        Fbd009,
        "arrow-range-first",
        "S5.3",
        "the first character of each arrow range",
        "the character before it",
        &[
            "\u{2190}",
            "\u{2794}",
            "\u{27f0}",
            "\u{2900}",
            "\u{2b00}",
            "\u{2b60}",
            "\u{1f800}",
        ],
        &[
            "\u{218f}",
            "\u{2793}",
            "\u{27ef}",
            "\u{28ff}",
            "\u{2aff}",
            "\u{2b5f}",
            "\u{1f7ff}",
        ],
    ),
    pool(
        Fbd009,
        "arrow-range-last",
        "S5.3",
        "the last character of each arrow range",
        "the character after it",
        &[
            "\u{21ff}",
            "\u{27bf}",
            "\u{27ff}",
            "\u{297f}",
            "\u{2b11}",
            "\u{2bb9}",
            "\u{1f8ff}",
        ],
        &[
            "\u{2200}",
            "\u{27c0}",
            "\u{2800}",
            "\u{2980}",
            "\u{2b12}",
            "\u{2bba}",
            "\u{1f900}",
        ],
    ),
];

/// Texts that hold one artifact of the rule and no port or arrow (for diagram positions).
pub(crate) fn diagram_texts(rule: RuleId, side: Side) -> &'static [&'static str] {
    match (rule, side) {
        (Net005, Side::Violating) => pools::DIAGRAM_CIDR_TEXTS,
        (Net005, Side::NearMiss) => &[
            "999.1.1.1/8",
            "1.2.3/4",
            "TCP/IP",
            "1.2.3.4/33",
            "a/b",
            "2001:db8::/129",
        ],
        (Fbd003, Side::Violating) => &[
            "us-east-1",
            "eu-west-1a",
            "europe-west1",
            "us-gov-west-1",
            "(ap-south-1)",
        ],
        (Fbd003, Side::NearMiss) => &[
            "us-east",
            "bus-east-1",
            "US-EAST-1",
            "us-east-1ab",
            "europe-west-1",
        ],
        (Fbd008, Side::Violating) => &["arn:aws:s3:::bucket", "arn:aws-cn:s3", "(arn:aws:rds)"],
        (Fbd008, Side::NearMiss) => &["arn:azure", "barn:aws:x", "ARN:AWS:s3", "arn:aws"],
        (Fbd001, Side::Violating) => &[
            "resource \"aws_db_instance\" \"main\" {",
            "module \"vpc\" {",
            "Type: AWS::RDS::DBInstance",
            "AWSTemplateFormatVersion",
        ],
        (Fbd001, Side::NearMiss) => &[
            "the resource \"api\" is stateless",
            "the module owns it",
            "AWS:: alone",
            "aws::rds",
        ],
        (Cmp005, Side::Violating) => &[
            "apiVersion: apps/v1",
            "(apiVersion:v1)",
            "kind: Deployment apiVersion:",
        ],
        (Cmp005, Side::NearMiss) => &["apiVersion", "apiversion:", "myapiVersion: v1"],
        _ => &[],
    }
}

/// Texts of the rule for non-diagram positions: every grammar class's pool of that side.
fn string_texts(rule: RuleId, side: Side) -> Vec<&'static str> {
    TEXT_POOLS
        .iter()
        .filter(|p| p.rule == rule)
        .flat_map(|p| match side {
            Side::Violating => p.v.iter(),
            Side::NearMiss => p.n.iter(),
        })
        .copied()
        .collect()
}

/// Where a scanned string sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Position {
    /// The `description` of an object of any kind that has one.
    Description,
    /// The design's `name`.
    DesignName,
    /// The `id` of a component nothing refers to (network, ingress, adapter, boundaries).
    Id,
    /// A service's or database's logical `name`, in every environment.
    Name,
    /// A reference that resolves nowhere (an extra ingress target): DOC-010 as well.
    Ref,
    /// A diagram's `title`.
    Title,
    /// A diagram's `content`.
    Content,
}

const POSITIONS: &[(Position, &str)] = &[
    (Position::Description, "description"),
    (Position::DesignName, "design-name"),
    (Position::Id, "id"),
    (Position::Name, "name"),
    (Position::Ref, "ref"),
    (Position::Title, "title"),
    (Position::Content, "content"),
];

/// Object kinds with a `description` member.
const DESCRIBED: &[ObjectKind] = &[
    ObjectKind::Document,
    ObjectKind::Environment,
    ObjectKind::Network,
    ObjectKind::Segment,
    ObjectKind::Ingress,
    ObjectKind::Service,
    ObjectKind::Database,
    ObjectKind::Adapter,
    ObjectKind::Configuration,
    ObjectKind::Secrets,
];

/// Prose around a text in a non-diagram string: none, before, after or both, joined by a
/// space (no grammar continues across a space).
fn in_prose(ctx: &mut Ctx, text: &str) -> String {
    let (before, after) = (ctx.flip(), ctx.flip());
    let mut out = String::new();
    if before {
        out.push_str(&pools::prose(&mut ctx.c, &ctx.s));
        out.push(' ');
    }
    out.push_str(text);
    if after {
        out.push(' ');
        out.push_str(&pools::prose(&mut ctx.c, &ctx.s));
    }
    out
}

/// Diagram text around a text, joined by ` | ` (which continues no port and forms no arrow).
fn in_diagram(ctx: &mut Ctx, text: &str) -> String {
    let (before, after) = (ctx.flip(), ctx.flip());
    let mut out = String::new();
    if before {
        out.push_str(&pools::diagram_text(&mut ctx.c, &ctx.s));
        out.push_str(" | ");
    }
    out.push_str(text);
    if after {
        out.push_str(" | ");
        out.push_str(&pools::diagram_text(&mut ctx.c, &ctx.s));
    }
    out
}

/// Puts `text` at `pos` of a random authorized design; returns the document and the rules
/// the position adds (DOC-010 for a reference).
pub(crate) fn place(ctx: &mut Ctx, pos: Position, text: &str) -> (Vec<u8>, Vec<RuleId>) {
    let mut w = ctx.work();
    let mut extra = Vec::new();
    match pos {
        Position::Name => {
            // A logical name is the same in every environment (INV-001), unique in its kind.
            let databases = w.databases() > 0 && ctx.flip();
            if !databases {
                w.ensure_services(1);
            }
            let n = if databases {
                w.databases()
            } else {
                w.services()
            };
            let i = ctx.below(n);
            let name = format!("{text} \u{2295}");
            for e in 0..3 {
                if let Some(env) = w.env(e) {
                    if databases {
                        if let Some(d) = env.databases.get_mut(i) {
                            d.name.clone_from(&name);
                        }
                    } else if let Some(s) = env.services.get_mut(i) {
                        s.name.clone_from(&name);
                    }
                }
            }
        }
        Position::Title | Position::Content => w.ensure_diagram(),
        _ => {}
    }
    let mut v = ctx.value(w);
    match pos {
        Position::Description => {
            let sites: Vec<_> = tree::objects(&v)
                .into_iter()
                .filter(|o| DESCRIBED.contains(&o.kind))
                .collect();
            let path = ctx.pick(&sites).map(|s| s.path.clone()).unwrap_or_default();
            let s = in_prose(ctx, text);
            set_member(ctx, &mut v, &path, "description", string(s));
        }
        Position::DesignName => {
            let s = in_prose(ctx, text);
            set_member(ctx, &mut v, &[], "name", string(s));
        }
        Position::Id => {
            let e = ctx.below(3);
            let env = super::env_path(e);
            let mut sites = vec![
                join(&env, &[key("networks"), Step::Index(0)]),
                join(&env, &[key("ingresses"), Step::Index(0)]),
                join(&env, &[key("configuration")]),
                join(&env, &[key("secrets")]),
            ];
            let adapters = tree::get(&v, &join(&env, &[key("adapters")]))
                .and_then(Value::as_array)
                .map_or(0, <[Value]>::len);
            for a in 0..adapters {
                sites.push(join(&env, &[key("adapters"), Step::Index(a)]));
            }
            let path = ctx.pick(&sites).cloned().unwrap_or_default();
            set_member(ctx, &mut v, &path, "id", string(format!("{text} \u{2295}")));
        }
        Position::Ref => {
            let e = ctx.below(3);
            let path = join(
                &super::env_path(e),
                &[key("ingresses"), Step::Index(0), key("targets")],
            );
            if let Some(Value::Array(targets)) = tree::get_mut(&mut v, &path) {
                let at = ctx.c.upto(targets.len());
                targets.insert(at, string(format!("{text} \u{2295}")));
            }
            extra.push(RuleId::Doc010);
        }
        Position::Title | Position::Content => {
            let n = tree::get(&v, &[key("diagrams")])
                .and_then(Value::as_array)
                .map_or(0, <[Value]>::len);
            let d = ctx.below(n);
            let field = if pos == Position::Title {
                "title"
            } else {
                "content"
            };
            let s = in_diagram(ctx, text);
            set_member(
                ctx,
                &mut v,
                &[key("diagrams"), Step::Index(d)],
                field,
                string(s),
            );
        }
        Position::Name => {}
    }
    (ctx.render(&v), extra)
}

fn grammar_class(p: &'static Pool, diagram: bool) -> Class {
    let rule = p.rule;
    class(
        p.rule,
        p.name,
        p.section,
        p.violating,
        p.near_miss,
        move |ctx, side| {
            let texts = match side {
                Side::Violating => p.v,
                Side::NearMiss => p.n,
            };
            let text = ctx.cycle(texts).copied().unwrap_or("");
            let pos = if diagram {
                if ctx.flip() {
                    Position::Title
                } else {
                    Position::Content
                }
            } else if ctx.below(4) == 0 {
                Position::DesignName
            } else {
                Position::Description
            };
            let (doc, extra) = place(ctx, pos, text);
            let mut rules = extra;
            if side == Side::Violating {
                rules.push(rule);
            }
            Built::new(doc, &rules, format!("{text:?} at {pos:?}"))
        },
    )
}

fn position_class(rule: RuleId, pos: Position, label: &str) -> Class {
    let name = leak(format!("in-{label}"));
    let diagram = matches!(pos, Position::Title | Position::Content);
    let violating = leak(format!("an artifact of {rule} in a {label} string"));
    let near_miss = leak(format!("a near-miss text of {rule} in a {label} string"));
    class(
        rule,
        name,
        "S6.3, S5",
        violating,
        near_miss,
        move |ctx, side| {
            let texts: Vec<&str> = if diagram {
                diagram_texts(rule, side).to_vec()
            } else {
                string_texts(rule, side)
            };
            let text = ctx.cycle(&texts).copied().unwrap_or("");
            let (doc, extra) = place(ctx, pos, text);
            let mut rules = extra;
            if side == Side::Violating {
                rules.push(rule);
            }
            Built::new(doc, &rules, format!("{text:?} at {pos:?}"))
        },
    )
}

/// FBD-009 positions: a port or arrow in a title (content); near-miss: the same text in a
/// string that is not a diagram (S7.10: a description is never a diagram).
fn diagram_position_class(pos: Position, label: &'static str) -> Class {
    let name = leak(format!("in-{label}"));
    let violating = leak(format!("a port or an arrow in a diagram {label}"));
    class(
        Fbd009,
        name,
        "S6.8, S7.10",
        violating,
        "the same text in a description or the design's name",
        move |ctx, side| {
            let all: Vec<&str> = DIAGRAM_POOLS
                .iter()
                .flat_map(|p| p.v.iter())
                .copied()
                .collect();
            let text = ctx.cycle(&all).copied().unwrap_or("->");
            let (doc, rules) = match side {
                Side::Violating => {
                    let (d, _) = place(ctx, pos, text);
                    (d, vec![Fbd009])
                }
                Side::NearMiss => {
                    let at = if ctx.flip() {
                        Position::Description
                    } else {
                        Position::DesignName
                    };
                    let (d, _) = place(ctx, at, text);
                    (d, Vec::new())
                }
            };
            Built::new(doc, &rules, format!("{text:?}"))
        },
    )
}

/// Every S5 class: grammar rows, then positions.
pub(crate) fn classes() -> Vec<Class> {
    let mut out: Vec<Class> = TEXT_POOLS.iter().map(|p| grammar_class(p, false)).collect();
    out.extend(DIAGRAM_POOLS.iter().map(|p| grammar_class(p, true)));
    for rule in [Net005, Fbd001, Fbd003, Fbd008, Cmp005] {
        for &(pos, label) in POSITIONS {
            out.push(position_class(rule, pos, label));
        }
    }
    out.push(diagram_position_class(Position::Title, "title"));
    out.push(diagram_position_class(Position::Content, "content"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use j43_model::tokens::{find_arrow, find_artifacts, find_cidr, find_port, Artifact};

    fn string_rules(s: &str) -> Vec<RuleId> {
        let mut out = Vec::new();
        if find_cidr(s).is_some() {
            out.push(Net005);
        }
        for (a, _) in find_artifacts(s) {
            out.push(match a {
                Artifact::IacSyntax => Fbd001,
                Artifact::RegionCode => Fbd003,
                Artifact::ResourceName => Fbd008,
                Artifact::OrchestrationManifest => Cmp005,
            });
        }
        out
    }

    fn diagram_found(s: &str) -> bool {
        find_port(s).is_some() || find_arrow(s).is_some()
    }

    #[test]
    fn string_pools_hold_exactly_their_rule_on_the_violating_side_and_nothing_on_the_other() {
        for p in TEXT_POOLS {
            for t in p.v {
                assert_eq!(string_rules(t), vec![p.rule], "{} {t:?}", p.name);
                assert!(!t.is_empty());
            }
            for t in p.n {
                assert_eq!(string_rules(t), Vec::<RuleId>::new(), "{} {t:?}", p.name);
                assert!(!t.is_empty());
            }
        }
    }

    #[test]
    fn diagram_pools_hold_a_port_or_arrow_on_the_violating_side_only_and_no_string_artifact() {
        for p in DIAGRAM_POOLS {
            for t in p.v {
                assert!(diagram_found(t), "{} {t:?}", p.name);
                assert_eq!(string_rules(t), Vec::<RuleId>::new(), "{} {t:?}", p.name);
            }
            for t in p.n {
                assert!(!diagram_found(t), "{} {t:?}", p.name);
                assert_eq!(string_rules(t), Vec::<RuleId>::new(), "{} {t:?}", p.name);
            }
        }
    }

    #[test]
    fn diagram_position_texts_have_no_port_and_no_arrow() {
        for rule in [Net005, Fbd001, Fbd003, Fbd008, Cmp005] {
            for side in [Side::Violating, Side::NearMiss] {
                let texts = diagram_texts(rule, side);
                assert!(!texts.is_empty());
                for t in texts {
                    assert!(!diagram_found(t), "{t:?}");
                    let expect = if side == Side::Violating {
                        vec![rule]
                    } else {
                        vec![]
                    };
                    assert_eq!(string_rules(t), expect, "{t:?}");
                }
            }
        }
    }
}
