//! A structural minimizer: delta debugging over the JSON value tree, bytes as a fallback.
//!
//! Operations, each tried where it applies, largest first:
//! - remove chunks of array elements and of object members (halves, quarters, … single);
//! - replace a value by a shorter scalar (`0`, `""`, `[]`, `{}`, `null`, `true`, `false`) or a
//!   container by one of its children;
//! - delete chunks of characters of a string (… single characters);
//! - rename a string value everywhere it occurs to a shorter unused one (`a`, `b`, …), which
//!   keeps ids and the references to them consistent.
//!
//! A candidate is kept only if the predicate holds on its compact rendering and it renders
//! shorter than the current document, so the work terminates. The result is *1-minimal* when a
//! whole pass over the final document tried every single operation and each made the predicate
//! false. Inputs that are not JSON (or whose compact rendering does not satisfy the predicate)
//! are minimized by ddmin over bytes, 1-minimal for single-byte deletion.

use crate::tree::{get_mut, Step};
use j43_model::json::{self, Value};
use std::collections::BTreeMap;

/// The result of [`minimize`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Minimized {
    /// The smallest document found that satisfies the predicate (the input if the predicate
    /// does not hold on it).
    pub document: Vec<u8>,
    /// True when every single operation on `document` makes the predicate false.
    pub one_minimal: bool,
    /// Predicate calls made (at most the budget).
    pub predicate_calls: usize,
    /// True when [`minimize_until`]'s `stop` ended the minimization early.
    pub stopped: bool,
}

struct Oracle<F> {
    predicate: F,
    calls: usize,
    budget: usize,
    stop: Box<dyn FnMut() -> bool>,
    stopped: bool,
}

impl<F: FnMut(&[u8]) -> bool> Oracle<F> {
    /// The predicate's answer, or `None` once the budget is spent or `stop` says so.
    fn test(&mut self, doc: &[u8]) -> Option<bool> {
        if self.calls >= self.budget {
            return None;
        }
        if (self.stop)() {
            self.stopped = true;
            return None;
        }
        self.calls += 1;
        Some((self.predicate)(doc))
    }

    fn done(&self, document: Vec<u8>, one_minimal: bool) -> Minimized {
        Minimized {
            document,
            one_minimal,
            predicate_calls: self.calls,
            stopped: self.stopped,
        }
    }
}

/// Minimizes `document` under `predicate` ("still interesting"), calling it at most `budget`
/// times. Never panics; if the predicate is false on the input, returns the input with
/// `one_minimal` false.
pub fn minimize(document: &[u8], predicate: impl FnMut(&[u8]) -> bool, budget: usize) -> Minimized {
    minimize_until(document, predicate, budget, || false)
}

/// [`minimize`], also stopping (with the smallest document found so far, and
/// [`Minimized::stopped`] set) as soon as `stop` returns true; it is asked before every
/// predicate call, so a deadline bounds the whole minimization as long as the work between two
/// calls is bounded (it grows with the document's size and depth: callers bound the size).
pub fn minimize_until(
    document: &[u8],
    predicate: impl FnMut(&[u8]) -> bool,
    budget: usize,
    stop: impl FnMut() -> bool + 'static,
) -> Minimized {
    let mut oracle = Oracle {
        predicate,
        calls: 0,
        budget,
        stop: Box::new(stop),
        stopped: false,
    };
    if oracle.test(document) != Some(true) {
        return oracle.done(document.to_vec(), false);
    }
    let mut doc = document.to_vec();
    if let Ok(value) = json::parse(document) {
        let compact = value.to_bytes();
        if compact != document && oracle.test(&compact) == Some(true) {
            doc = compact;
        }
    }
    // Alternate tree passes (on compact JSON) and byte passes until neither removes anything:
    // then every single operation of both kinds was tried on the final document.
    loop {
        let mut tree_minimal = true;
        if let Ok(value) = json::parse(&doc) {
            if value.to_bytes() == doc {
                let (value, minimal) = tree_min(value, &mut oracle);
                doc = value.to_bytes();
                tree_minimal = minimal;
            }
        }
        if !tree_minimal {
            return oracle.done(doc, false);
        }
        let before = doc.len();
        let (after, bytes_minimal) = bytes_min(doc, &mut oracle);
        doc = after;
        if !bytes_minimal || doc.len() == before {
            return oracle.done(doc, bytes_minimal);
        }
    }
}

/// Every path of the tree, pre-order.
fn paths(v: &Value, path: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(path.clone());
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Step::Index(i));
                paths(item, path, out);
                path.pop();
            }
        }
        Value::Object(members) => {
            for (name, item) in members {
                path.push(Step::Key(name.clone()));
                paths(item, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn len_of(v: &Value) -> usize {
    v.to_bytes().len()
}

/// Candidate replacements of the value at one path, shortest first, each strictly shorter.
fn replacements(v: &Value) -> Vec<Value> {
    let current = len_of(v);
    let mut out: Vec<Value> = vec![
        Value::Number("0".to_owned()),
        Value::String(String::new()),
        Value::Array(Vec::new()),
        Value::Object(Vec::new()),
        Value::Null,
        Value::Bool(true),
        Value::Bool(false),
    ];
    match v {
        Value::Array(items) => out.extend(items.iter().cloned()),
        Value::Object(members) => out.extend(members.iter().map(|(_, x)| x.clone())),
        _ => {}
    }
    out.retain(|x| len_of(x) < current && x != v);
    out.sort_by_key(len_of);
    out
}

/// Chunk sizes for a sequence of `n`: n/2, n/4, …, 1.
fn chunk_sizes(n: usize) -> Vec<usize> {
    let mut sizes = Vec::new();
    let mut size = n / 2;
    while size > 1 {
        sizes.push(size);
        size /= 2;
    }
    if n >= 1 {
        sizes.push(1);
    }
    sizes
}

/// Tries `candidate`; keeps it in `current` when interesting and shorter.
fn attempt<F: FnMut(&[u8]) -> bool>(
    current: &mut Value,
    candidate: Value,
    oracle: &mut Oracle<F>,
) -> Option<bool> {
    let bytes = candidate.to_bytes();
    if bytes.len() >= current.to_bytes().len() {
        return Some(false);
    }
    let ok = oracle.test(&bytes)?;
    if ok {
        *current = candidate;
    }
    Some(ok)
}

/// Operations at one path; `Some(true)` if one was kept, `None` when the budget ran out.
fn at_path<F: FnMut(&[u8]) -> bool>(
    current: &mut Value,
    path: &[Step],
    oracle: &mut Oracle<F>,
) -> Option<bool> {
    let Some(node) = get_mut(current, path).cloned() else {
        return Some(false);
    };
    let mut changed = false;
    // Remove chunks of elements or members.
    let n = match &node {
        Value::Array(items) => items.len(),
        Value::Object(members) => members.len(),
        _ => 0,
    };
    for size in chunk_sizes(n) {
        let mut start = 0;
        loop {
            let len = match get_mut(current, path) {
                Some(Value::Array(items)) => items.len(),
                Some(Value::Object(members)) => members.len(),
                _ => 0,
            };
            if start >= len {
                break;
            }
            let mut candidate = current.clone();
            match get_mut(&mut candidate, path) {
                Some(Value::Array(items)) => {
                    items.drain(start..(start + size).min(len));
                }
                Some(Value::Object(members)) => {
                    members.drain(start..(start + size).min(len));
                }
                _ => break,
            }
            if attempt(current, candidate, oracle)? {
                changed = true;
            } else {
                start += size;
            }
        }
    }
    // Replace by a shorter value.
    let node = get_mut(current, path).cloned().unwrap_or(Value::Null);
    for replacement in replacements(&node) {
        let mut candidate = current.clone();
        if let Some(slot) = get_mut(&mut candidate, path) {
            *slot = replacement;
        }
        if attempt(current, candidate, oracle)? {
            changed = true;
            break;
        }
    }
    // Delete characters of a string.
    if let Some(Value::String(s)) = get_mut(current, path).cloned() {
        let chars = s.chars().count();
        for size in chunk_sizes(chars) {
            let mut start = 0;
            while let Some(Value::String(s)) = get_mut(current, path).cloned() {
                let chars: Vec<char> = s.chars().collect();
                if start >= chars.len() {
                    break;
                }
                let kept: String = chars
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i < start || *i >= start + size)
                    .map(|(_, c)| *c)
                    .collect();
                let mut candidate = current.clone();
                if let Some(slot) = get_mut(&mut candidate, path) {
                    *slot = Value::String(kept);
                }
                if attempt(current, candidate, oracle)? {
                    changed = true;
                } else {
                    start += size;
                }
            }
        }
    }
    Some(changed)
}

fn collect_strings(v: &Value, out: &mut BTreeMap<String, usize>) {
    match v {
        Value::String(s) => *out.entry(s.clone()).or_default() += 1,
        Value::Array(items) => items.iter().for_each(|x| collect_strings(x, out)),
        Value::Object(members) => members.iter().for_each(|(_, x)| collect_strings(x, out)),
        _ => {}
    }
}

fn rename(v: &mut Value, from: &str, to: &str) {
    match v {
        Value::String(s) if s == from => *s = to.to_owned(),
        Value::Array(items) => items.iter_mut().for_each(|x| rename(x, from, to)),
        Value::Object(members) => members.iter_mut().for_each(|(_, x)| rename(x, from, to)),
        _ => {}
    }
}

/// Short names `a`…`z`, `aa`…: the `i`-th.
fn short_name(mut i: usize) -> String {
    let mut s = String::new();
    loop {
        s.insert(0, char::from(b'a' + (i % 26) as u8));
        if i < 26 {
            return s;
        }
        i = i / 26 - 1;
    }
}

/// Renames each string value occurring at least twice to a shorter unused one, everywhere.
fn renames<F: FnMut(&[u8]) -> bool>(current: &mut Value, oracle: &mut Oracle<F>) -> Option<bool> {
    let mut strings = BTreeMap::new();
    collect_strings(current, &mut strings);
    let mut changed = false;
    let shared: Vec<String> = strings
        .iter()
        .filter(|(_, &n)| n >= 2)
        .map(|(s, _)| s.clone())
        .collect();
    for from in shared {
        let mut present = BTreeMap::new();
        collect_strings(current, &mut present);
        let Some(to) = (0..).map(short_name).find(|t| !present.contains_key(t)) else {
            continue;
        };
        if to.chars().count() >= from.chars().count() {
            continue;
        }
        let mut candidate = current.clone();
        rename(&mut candidate, &from, &to);
        if attempt(current, candidate, oracle)? {
            changed = true;
        }
    }
    Some(changed)
}

/// Tree passes until one changes nothing (1-minimal) or the budget runs out. The paths of the
/// tree are listed again only after an operation changed it.
fn tree_min<F: FnMut(&[u8]) -> bool>(mut current: Value, oracle: &mut Oracle<F>) -> (Value, bool) {
    loop {
        let mut changed = false;
        let mut index = 0;
        let mut all = Vec::new();
        paths(&current, &mut Vec::new(), &mut all);
        while let Some(path) = all.get(index) {
            match at_path(&mut current, path, oracle) {
                None => return (current, false),
                Some(true) => {
                    changed = true;
                    all.clear();
                    paths(&current, &mut Vec::new(), &mut all);
                }
                Some(false) => {}
            }
            index += 1;
        }
        match renames(&mut current, oracle) {
            None => return (current, false),
            Some(c) => changed |= c,
        }
        if !changed {
            return (current, true);
        }
    }
}

/// ddmin over bytes, then single-byte deletions until none is interesting.
fn bytes_min<F: FnMut(&[u8]) -> bool>(
    mut current: Vec<u8>,
    oracle: &mut Oracle<F>,
) -> (Vec<u8>, bool) {
    let mut n = 2usize;
    while current.len() >= 2 {
        let chunk = current.len().div_ceil(n);
        let mut reduced = false;
        let mut start = 0;
        while start < current.len() {
            let end = (start + chunk).min(current.len());
            let mut candidate = current.get(..start).unwrap_or_default().to_vec();
            candidate.extend_from_slice(current.get(end..).unwrap_or_default());
            match oracle.test(&candidate) {
                None => return (current, false),
                Some(true) => {
                    current = candidate;
                    reduced = true;
                }
                Some(false) => start = end,
            }
        }
        if reduced {
            n = n.saturating_sub(1).max(2);
        } else if n >= current.len() {
            break;
        } else {
            n = (n * 2).min(current.len());
        }
    }
    // 1-minimality: every single-byte deletion fails.
    loop {
        let mut reduced = false;
        let mut i = 0;
        while i < current.len() {
            let mut candidate = current.clone();
            candidate.remove(i);
            match oracle.test(&candidate) {
                None => return (current, false),
                Some(true) => {
                    current = candidate;
                    reduced = true;
                }
                Some(false) => i += 1,
            }
        }
        if !reduced {
            return (current, true);
        }
    }
}
