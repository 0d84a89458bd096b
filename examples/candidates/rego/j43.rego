# j43 design policy (Zenthea Phase J.4.3), written from docs/SPEC.md as a platform team would.
#
# Query: data.j43.violations, a set of {"rule": "NET-005", "at": [path...]}. The Rust host
# (j43-candidates, `j43-rego`) parses the bytes, decides the parse rules itself and only hands
# the policy well-formed JSON.
#
# Known gaps (what this policy, or its host, does not do as SPEC.md says):
# - Parsing is the host's serde_json, not SPEC S2: duplicate member names are not detected
#   (the last one wins, so DOC-002 is never reported and the design is judged on the last
#   value); `1e400` and other numbers out of f64 range are a serde_json error, so DOC-001
#   instead of whatever the document really violates; nesting deeper than 128 is a serde_json
#   recursion error (DOC-001, not DOC-003). The host checks depth 65..128 itself (DOC-003)
#   and the 64 MiB limit (DOC-004).
# - CIDR blocks are found with regular expressions, not the S5.1 grammar: IPv4 groups with
#   leading zeros (`010.0.0.0/8`), prefixes with leading zeros (`/08`) and IPv6 with an
#   embedded IPv4 (`::ffff:10.0.0.0/104`) are missed; the IPv6 expression is loose and also
#   matches inside invalid addresses (`1:2:3:4:5:6:7:8:9/64`).
# - The token grammars of S5 (CIDR, ports, arrows, provider artifacts) are regular
#   expressions: the port pattern `[TtUu][CcDd][Pp]` also takes `tdp`/`ucp`, and regions are
#   the listed AWS and GCP forms only, as S5.4 says.
# - Rego sets have no order: "first in canonical order" (S4.3, S4.4) is modelled by sorting
#   component paths (a first version resolved to *any* match, and regorus stopped with
#   "function produced multiple outputs" on duplicated ids: j43 found that).
# - Rego has no general recursion: the walk follows the fixed nesting of the format, which is
#   exactly what SPEC S4.2 asks for (layer 2 descends into known members only).
package j43

import rego.v1

# ---------------------------------------------------------------------------------------
# The format (SPEC S3) as data.

envs := ["local", "staging", "production"]

text := {"t": "string"}

ref := {"t": "id"}

visibility := {"t": "enum", "v": ["private", "public"]}

kinds := {
	"Document": {
		"format": {"t": "const", "v": "j43/1", "req": true},
		"name": text,
		"description": text,
		"environments": {"t": "object", "req": true},
		"diagrams": {"t": "array", "of": {"t": "object"}},
	},
	"Environment": {
		"description": text,
		"networks": {"t": "array", "of": {"t": "object"}, "req": true},
		"ingresses": {"t": "array", "of": {"t": "object"}, "req": true},
		"services": {"t": "array", "of": {"t": "object"}, "req": true},
		"databases": {"t": "array", "of": {"t": "object"}, "req": true},
		"adapters": {"t": "array", "of": {"t": "object"}, "req": true},
		"configuration": {"t": "object", "req": true},
		"secrets": {"t": "object", "req": true},
	},
	"Network": {
		"id": {"t": "id", "req": true},
		"description": text,
		"visibility": visibility,
		"segments": {"t": "array", "of": {"t": "object"}, "req": true},
	},
	"Segment": {
		"id": {"t": "id", "req": true},
		"kind": {"t": "enum", "v": ["ingress", "runtime", "persistence"], "req": true},
		"description": text,
	},
	"Ingress": {
		"id": {"t": "id", "req": true},
		"segment": {"t": "id", "req": true},
		"tls_termination": {"t": "enum", "v": ["infrastructure", "runtime", "none"], "req": true},
		"load_balancing": {"t": "bool"},
		"targets": {"t": "array", "of": ref, "req": true},
		"description": text,
	},
	"Service": {
		"id": {"t": "id", "req": true},
		"name": {"t": "id", "req": true},
		"segment": {"t": "id", "req": true},
		"process": {"t": "enum", "v": ["long-lived", "batch", "scheduled", "on-demand"], "req": true},
		"state": {"t": "enum", "v": ["stateless", "stateful"], "req": true},
		"scaling": {"t": "enum", "v": ["horizontal", "vertical", "none"]},
		"visibility": visibility,
		"description": text,
	},
	"Database": {
		"id": {"t": "id", "req": true},
		"name": {"t": "id", "req": true},
		"engine": {"t": "id", "req": true},
		"managed": {"t": "bool", "req": true},
		"segment": {"t": "id", "req": true},
		"visibility": visibility,
		"description": text,
	},
	"Adapter": {
		"id": {"t": "id", "req": true},
		"service": {"t": "id", "req": true},
		"database": {"t": "id", "req": true},
		"access": {"t": "enum", "v": ["read-write", "read-only"], "req": true},
		"description": text,
	},
	"ConfigurationBoundary": {
		"id": {"t": "id", "req": true},
		"placement": {"t": "enum", "v": ["dedicated", "runtime"], "req": true},
		"description": text,
	},
	"SecretsBoundary": {
		"id": {"t": "id", "req": true},
		"placement": {"t": "enum", "v": ["dedicated", "configuration", "runtime"], "req": true},
		"description": text,
	},
	"Diagram": {
		"title": {"t": "string", "req": true},
		"content": {"t": "string", "req": true},
	},
}

# Forbidden members (SPEC S3.14): kind-specific first, then general. The tables are long and
# change with SPEC.md, so the host loads them as data from the SPEC's own table (the model's
# copy, which a test keeps equal to SPEC.md): {"Service": {"PHS-002": [...], ...}, ...}.
specific_forbidden := data.j43_tables.specific

general_forbidden := data.j43_tables.general

# ---------------------------------------------------------------------------------------
# Every object the shape layer reaches, with its kind and path (the format's fixed nesting).

arrays_of := {
	"networks": "Network", "ingresses": "Ingress", "services": "Service",
	"databases": "Database", "adapters": "Adapter",
}

present_envs := {e | some e in envs; is_object(input.environments[e])}

objects contains {"kind": "Document", "path": [], "obj": input} if is_object(input)

objects contains {"kind": "Environment", "path": ["environments", e], "obj": input.environments[e]} if {
	some e in present_envs
}

objects contains {"kind": kind, "path": ["environments", e, member, i], "obj": o} if {
	some e in present_envs
	some member, kind in arrays_of
	is_array(input.environments[e][member])
	some i, o in input.environments[e][member]
	is_object(o)
}

objects contains {"kind": "Segment", "path": ["environments", e, "networks", i, "segments", j], "obj": s} if {
	some e in present_envs
	is_array(input.environments[e].networks)
	some i, n in input.environments[e].networks
	is_object(n)
	is_array(n.segments)
	some j, s in n.segments
	is_object(s)
}

objects contains {"kind": "ConfigurationBoundary", "path": ["environments", e, "configuration"], "obj": o} if {
	some e in present_envs
	o := input.environments[e].configuration
	is_object(o)
}

objects contains {"kind": "SecretsBoundary", "path": ["environments", e, "secrets"], "obj": o} if {
	some e in present_envs
	o := input.environments[e].secrets
	is_object(o)
}

objects contains {"kind": "Diagram", "path": ["diagrams", i], "obj": o} if {
	is_array(input.diagrams)
	some i, o in input.diagrams
	is_object(o)
}

# ---------------------------------------------------------------------------------------
# Layer 2: shape.

string_types := {"string", "id", "enum", "const"}

wrong_type(v, t) if {
	t.t in string_types
	not is_string(v)
}

wrong_type(v, t) if {
	t.t == "bool"
	not is_boolean(v)
}

wrong_type(v, t) if {
	t.t == "array"
	not is_array(v)
}

wrong_type(v, t) if {
	t.t == "object"
	not is_object(v)
}

invalid(v, t) if {
	t.t == "id"
	v == ""
}

invalid(v, t) if {
	t.t == "enum"
	is_string(v)
	not v in t.v
}

invalid(v, t) if {
	t.t == "const"
	is_string(v)
	v != t.v
}

forbidden(kind, name) := rule if {
	some rule, names in specific_forbidden[kind]
	name in names
}

forbidden(kind, name) := rule if {
	not specific_rule(kind, name)
	some rule, names in general_forbidden
	name in names
}

specific_rule(kind, name) if {
	some names in specific_forbidden[kind]
	name in names
}

shape contains {"rule": "DOC-005", "at": []} if not is_object(input)

shape contains {"rule": "DOC-005", "at": array.concat(o.path, [k])} if {
	some o in objects
	some k, v in o.obj
	wrong_type(v, kinds[o.kind][k])
}

shape contains {"rule": "DOC-008", "at": array.concat(o.path, [k])} if {
	some o in objects
	some k, v in o.obj
	invalid(v, kinds[o.kind][k])
}

shape contains {"rule": "DOC-005", "at": array.concat(o.path, [k, i])} if {
	some o in objects
	some k, v in o.obj
	elem := kinds[o.kind][k].of
	is_array(v)
	some i, e in v
	wrong_type(e, elem)
}

shape contains {"rule": "DOC-008", "at": array.concat(o.path, [k, i])} if {
	some o in objects
	some k, v in o.obj
	elem := kinds[o.kind][k].of
	is_array(v)
	some i, e in v
	invalid(e, elem)
}

shape contains {"rule": "DOC-006", "at": o.path, "missing": k} if {
	some o in objects
	some k, t in kinds[o.kind]
	t.req
	not has_member(o.obj, k)
}

has_member(obj, k) if {
	some key, _ in obj
	key == k
}

shape contains {"rule": rule, "at": array.concat(o.path, [k])} if {
	some o in objects
	some k, _ in o.obj
	not kinds[o.kind][k]
	rule := forbidden(o.kind, k)
}

shape contains {"rule": "DOC-007", "at": array.concat(o.path, [k])} if {
	some o in objects
	some k, _ in o.obj
	not kinds[o.kind][k]
	not forbidden(o.kind, k)
}

# Environments (S3.3): ENV-001 for unknown and absent names; no forbidden table.
shape contains {"rule": "ENV-001", "at": ["environments", k]} if {
	is_object(input.environments)
	some k, _ in input.environments
	not k in envs
}

shape contains {"rule": "ENV-001", "at": ["environments"], "missing": e} if {
	is_object(input.environments)
	some e in envs
	not has_member(input.environments, e)
}

shape contains {"rule": "DOC-005", "at": ["environments", e]} if {
	is_object(input.environments)
	some e in envs
	has_member(input.environments, e)
	not is_object(input.environments[e])
}

blocking := {v | some v in shape; v.rule in {"DOC-005", "DOC-006", "DOC-008"}}

# ---------------------------------------------------------------------------------------
# Layer 3: components, references and the semantic rules.

# Components of each present environment: {"env", "kind", "id", "obj", "path"}.
component_kind := {
	"Network": "network", "Segment": "segment", "Ingress": "ingress", "Service": "service",
	"Database": "database", "Adapter": "adapter", "ConfigurationBoundary": "configuration",
	"SecretsBoundary": "secrets",
}

components contains {"env": o.path[1], "kind": component_kind[o.kind], "id": o.obj.id, "obj": o.obj, "path": o.path} if {
	some o in objects
	component_kind[o.kind]
}

# Every reference: {"env", "kind" (expected), "value", "path"}.
ref_members := {
	"Ingress": {"segment": "segment"},
	"Service": {"segment": "segment"},
	"Database": {"segment": "segment"},
	"Adapter": {"service": "service", "database": "database"},
}

refs contains {"env": o.path[1], "kind": kind, "value": o.obj[m], "path": array.concat(o.path, [m])} if {
	some o in objects
	some m, kind in ref_members[o.kind]
	is_string(o.obj[m])
}

refs contains {"env": o.path[1], "kind": "service", "value": t, "path": array.concat(o.path, ["targets", i])} if {
	some o in objects
	o.kind == "Ingress"
	some i, t in o.obj.targets
}

resolves(env, kind, value) if {
	some c in components
	c.env == env
	c.kind == kind
	c.id == value
}

id_in_env(env, value) if {
	some c in components
	c.env == env
	c.id == value
}

# The first component (canonical order, S4.3) of that kind with that id: within one kind,
# canonical order is the order of the paths' indexes.
resolved(env, kind, value) := c if {
	paths := sort([c.path |
		some c in components
		c.env == env
		c.kind == kind
		c.id == value
	])
	count(paths) > 0
	some c in components
	c.path == paths[0]
}

semantic contains {"rule": "DOC-010", "at": r.path} if {
	some r in refs
	not resolves(r.env, r.kind, r.value)
	id_in_env(r.env, r.value)
}

semantic contains {"rule": "ENV-003", "at": r.path} if {
	some r in refs
	not id_in_env(r.env, r.value)
	some other in present_envs
	other != r.env
	id_in_env(other, r.value)
}

semantic contains {"rule": "DOC-010", "at": r.path} if {
	some r in refs
	not id_in_env(r.env, r.value)
	not id_elsewhere(r.env, r.value)
}

id_elsewhere(env, value) if {
	some other in present_envs
	other != env
	id_in_env(other, value)
}

# DOC-009: two components of one environment with the same id.
semantic contains {"rule": "DOC-009", "at": array.concat(c.path, ["id"])} if {
	some c in components
	some d in components
	c.env == d.env
	c.id == d.id
	c.path != d.path
}

# ENV-002: an id in more than one present environment.
semantic contains {"rule": "ENV-002", "at": array.concat(c.path, ["id"])} if {
	some c in components
	id_elsewhere(c.env, c.id)
}

env_obj(e) := input.environments[e]

semantic contains {"rule": "NET-001", "at": ["environments", e, "networks"]} if {
	some e in present_envs
	count(env_obj(e).networks) != 1
}

semantic contains {"rule": "NET-002", "at": array.concat(c.path, ["visibility"])} if {
	some c in components
	c.kind in {"network", "service", "database"}
	c.obj.visibility == "public"
}

semantic contains {"rule": "NET-003", "at": array.concat(c.path, ["segments"]), "kind": k} if {
	some c in components
	c.kind == "network"
	some k in ["ingress", "runtime", "persistence"]
	count([s | some s in c.obj.segments; s.kind == k]) != 1
}

expected_segment := {"ingress": "ingress", "service": "runtime", "database": "persistence"}

semantic contains {"rule": "NET-004", "at": array.concat(c.path, ["segment"])} if {
	some c in components
	want := expected_segment[c.kind]
	s := resolved(c.env, "segment", c.obj.segment)
	s.obj.kind != want
}

semantic contains {"rule": "CMP-001", "at": array.concat(c.path, ["process"])} if {
	some c in components
	c.kind == "service"
	c.obj.process != "long-lived"
}

semantic contains {"rule": "CMP-002", "at": array.concat(c.path, ["state"])} if {
	some c in components
	c.kind == "service"
	c.obj.state != "stateless"
}

semantic contains {"rule": "CMP-003", "at": array.concat(c.path, ["scaling"])} if {
	some c in components
	c.kind == "service"
	c.obj.scaling != "horizontal"
}

semantic contains {"rule": "PER-001", "at": array.concat(c.path, ["engine"])} if {
	some c in components
	c.kind == "database"
	not c.obj.engine in {"postgresql", "postgres"}
}

# CMP-004 and PER-004 (layer 3): two services, or two databases, of one environment with one
# logical name are an instance count, or a replica.
semantic contains {"rule": "CMP-004", "at": array.concat(c.path, ["name"])} if {
	some c in components
	c.kind == "service"
	some d in components
	d.kind == "service"
	d.env == c.env
	d.obj.name == c.obj.name
	d.path[3] < c.path[3]
}

semantic contains {"rule": "PER-004", "at": array.concat(c.path, ["name"])} if {
	some c in components
	c.kind == "database"
	some d in components
	d.kind == "database"
	d.env == c.env
	d.obj.name == c.obj.name
	d.path[3] < c.path[3]
}

semantic contains {"rule": "PER-002", "at": array.concat(c.path, ["managed"])} if {
	some c in components
	c.kind == "database"
	c.obj.managed == false
}

# PER-003: exactly one distinct writing service per database.
writers(db) := {s.path |
	some a in components
	a.kind == "adapter"
	a.env == db.env
	a.obj.access == "read-write"
	d := resolved(a.env, "database", a.obj.database)
	d.path == db.path
	s := resolved(a.env, "service", a.obj.service)
}

semantic contains {"rule": "PER-003", "at": db.path} if {
	some db in components
	db.kind == "database"
	count(writers(db)) != 1
}

semantic contains {"rule": "ING-001", "at": ["environments", e, "ingresses"]} if {
	some e in present_envs
	count(env_obj(e).ingresses) != 1
}

semantic contains {"rule": "ING-002", "at": array.concat(c.path, ["tls_termination"])} if {
	some c in components
	c.kind == "ingress"
	c.obj.tls_termination != "infrastructure"
}

semantic contains {"rule": "CFG-001", "at": ["environments", e, "configuration", "placement"]} if {
	some e in present_envs
	env_obj(e).configuration.placement != "dedicated"
}

semantic contains {"rule": "CFG-002", "at": ["environments", e, "secrets", "placement"]} if {
	some e in present_envs
	env_obj(e).secrets.placement == "configuration"
}

semantic contains {"rule": "CFG-003", "at": ["environments", e, "secrets", "placement"]} if {
	some e in present_envs
	env_obj(e).secrets.placement == "runtime"
}

# INV-001: every present environment has the same composition (with two or more present).
composition(e) := {
	"services": {s.obj.name | some s in components; s.env == e; s.kind == "service"},
	"databases": {d.obj.name | some d in components; d.env == e; d.kind == "database"},
	"access": {[s.obj.name, d.obj.name, a.obj.access] |
		some a in components
		a.env == e
		a.kind == "adapter"
		s := resolved(e, "service", a.obj.service)
		d := resolved(e, "database", a.obj.database)
	},
	"exposed": {s.obj.name |
		some i in components
		i.env == e
		i.kind == "ingress"
		some t in i.obj.targets
		s := resolved(e, "service", t)
	},
}

compositions := {e: composition(e) | some e in present_envs}

union_composition := {
	"services": union({c.services | some c in compositions}),
	"databases": union({c.databases | some c in compositions}),
	"access": union({c.access | some c in compositions}),
	"exposed": union({c.exposed | some c in compositions}),
}

semantic contains {"rule": "INV-001", "at": ["environments", e]} if {
	count(present_envs) >= 2
	some e, c in compositions
	c != union_composition
}

# ---------------------------------------------------------------------------------------
# Text rules: CIDR blocks in every examined string (NET-005), ports and arrows in diagrams
# (FBD-009). Regular expressions, not the S5 grammars: see the gaps at the top.

ipv4 := `((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])`

ipv4_cidr := concat("", [`(^|[^0-9.])\.*`, ipv4, `/(3[0-2]|[12]?[0-9])([^0-9]|$)`])

ipv4_netmask := concat("", [`(^|[^0-9.])\.*`, ipv4, `/`, ipv4, `\.*([^0-9.]|$)`])

ipv6_cidr := `([0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}/(12[0-8]|1[01][0-9]|[1-9]?[0-9])([^0-9]|$)`

has_cidr(s) if regex.match(ipv4_cidr, s)

has_cidr(s) if regex.match(ipv4_netmask, s)

has_cidr(s) if regex.match(ipv6_cidr, s)

# Provider artifacts (S5.4), each at a boundary.
aws_region := `(^|[^A-Za-z0-9])(us|eu|ap|sa|ca|me|af|il|mx|cn)-(gov-)?(north|south|east|west|central|northeast|southeast|northwest|southwest)-[0-9]{1,2}[a-z]?([^A-Za-z0-9]|$)`

gcp_region := `(^|[^A-Za-z0-9])(us|europe|asia|australia|northamerica|southamerica|me|africa)-(north|south|east|west|central|northeast|southeast|northwest|southwest)[0-9]{1,2}(-[a-z])?([^A-Za-z0-9]|$)`

artifacts := {
	"FBD-003": [aws_region, gcp_region],
	"FBD-008": [`(^|[^A-Za-z0-9])arn:aws[:-]`],
	"FBD-001": [
		`(^|[^A-Za-z0-9])(resource|module|provider|data)[ \t]+"[^"\n]*"[ \t]*[{"]`,
		`(^|[^A-Za-z0-9])AWSTemplateFormatVersion`,
		`(^|[^A-Za-z0-9])AWS::[A-Za-z]`,
	],
	"CMP-005": [`(^|[^A-Za-z0-9])apiVersion:`],
}

port_patterns := [
	`:[0-9]{1,5}([^0-9A-Za-z]|$)`,
	`(^|[^A-Za-z])[Pp][Oo][Rr][Tt][Ss]?[ \t:=#]*[0-9]`,
	`(^|[^0-9])[0-9]{1,5}/[TtUu][CcDd][Pp]`,
	`(^|[^A-Za-z])[TtUu][CcDd][Pp]/[0-9]`,
]

has_port(s) if {
	some p in port_patterns
	regex.match(p, s)
}

arrow := `->|<-|=>|<=|[\x{2010}-\x{2015}\x{2212}]>|<[\x{2010}-\x{2015}\x{2212}]|[\x{2190}-\x{21FF}\x{2794}-\x{27BF}\x{27F0}-\x{27FF}\x{2900}-\x{297F}\x{2B00}-\x{2B11}\x{2B60}-\x{2BB9}\x{1F800}-\x{1F8FF}]`

has_arrow(s) if regex.match(arrow, s)

examined_strings contains {"at": array.concat(o.path, [k]), "s": v} if {
	some o in objects
	some k, v in o.obj
	kinds[o.kind][k].t in string_types
	is_string(v)
}

examined_strings contains {"at": array.concat(o.path, ["targets", i]), "s": t} if {
	some o in objects
	o.kind == "Ingress"
	is_array(o.obj.targets)
	some i, t in o.obj.targets
	is_string(t)
}

semantic contains {"rule": "NET-005", "at": x.at} if {
	some x in examined_strings
	has_cidr(x.s)
}

semantic contains {"rule": rule, "at": x.at} if {
	some x in examined_strings
	some rule, patterns in artifacts
	some p in patterns
	regex.match(p, x.s)
}

technical(s) if has_port(s)

technical(s) if has_arrow(s)

semantic contains {"rule": "FBD-009", "at": array.concat(o.path, [m])} if {
	some o in objects
	o.kind == "Diagram"
	some m in ["title", "content"]
	s := o.obj[m]
	is_string(s)
	technical(s)
}

# ---------------------------------------------------------------------------------------
# The report: layer 2 alone when it found a blocking violation (S4.2), else layers 2 and 3.

violations := shape if count(blocking) > 0

violations := shape | semantic if count(blocking) == 0
