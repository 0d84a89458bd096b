//! The suite: seeded, reproducible, shardable cases from the corpus, the generators and the exhaustive scope.
//!
//! A [`Suite`] is a plan, not a list: it knows how many cases each part has and builds case
//! `i` on demand ([`Suite::case`]), since every generated case is a function of the seed, its
//! family and its index (`j43_generators::case_at`). [`Suite::stream`] builds the cases of a
//! shard on worker threads, oracle included, and hands them out in suite order with a bounded
//! number in memory, so a run of a million cases holds a few hundred at a time.

use crate::{Case, Error, Result, Source};
use j43_generators::{Family, GeneratedCase, Settings};
use j43_model::RuleId;
use std::collections::{BTreeMap, VecDeque};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError};
use std::sync::{Arc, OnceLock};

/// Which part of the cases a run takes: the cases whose index is `index - 1` modulo `count`.
/// Written `I/N` with `1 <= I <= N`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Shard {
    /// 1-based shard number.
    pub index: usize,
    /// Number of shards.
    pub count: usize,
}

impl Default for Shard {
    fn default() -> Shard {
        Shard { index: 1, count: 1 }
    }
}

impl std::str::FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Shard, String> {
        let (i, n) = s
            .split_once('/')
            .ok_or_else(|| format!("shard `{s}` is not `I/N`"))?;
        let index: usize = i
            .trim()
            .parse()
            .map_err(|_| format!("shard `{s}` is not `I/N`"))?;
        let count: usize = n
            .trim()
            .parse()
            .map_err(|_| format!("shard `{s}` is not `I/N`"))?;
        if count == 0 || index == 0 || index > count {
            return Err(format!("shard `{s}` needs 1 <= I <= N"));
        }
        Ok(Shard { index, count })
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl serde::Serialize for Shard {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Shard {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Shard, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl Shard {
    /// True when the case at `position` belongs to this shard.
    pub fn contains(&self, position: usize) -> bool {
        position % self.count.max(1) == self.index.saturating_sub(1)
    }

    /// True for the whole suite (`1/1`).
    pub fn is_whole(&self) -> bool {
        self.count <= 1
    }
}

/// What goes into a suite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuiteOptions {
    /// Generated cases in all (authorized, per-rule violating, multi-violation, arbitrary).
    pub cases: usize,
    /// Seed of every generator: the same seed gives the same cases.
    pub seed: u64,
    /// The part of the cases to run.
    pub shard: Shard,
    /// Include the static corpus.
    pub corpus: bool,
    /// Include the exhaustive scope.
    pub exhaustive: bool,
    /// The most exhaustive-scope cases taken (`usize::MAX`: the whole scope).
    pub exhaustive_cap: usize,
    /// Generator settings.
    pub settings: Settings,
    /// Only the cases with these ids (empty: every case).
    pub only: Vec<String>,
}

impl Default for SuiteOptions {
    fn default() -> SuiteOptions {
        SuiteOptions {
            cases: 3000,
            seed: 0,
            shard: Shard::default(),
            corpus: true,
            exhaustive: true,
            exhaustive_cap: usize::MAX,
            settings: Settings::default(),
            only: Vec::new(),
        }
    }
}

/// What builds the cases of one part of a suite.
#[derive(Debug, Clone)]
enum Maker {
    /// The embedded corpus.
    Corpus,
    /// A generated family.
    Family(Family, Source),
    /// The generators' boundary classes: each side of each class, `per side` cases.
    Boundary(Arc<Vec<(j43_generators::Boundary, usize)>>),
    /// The exhaustive scope.
    Exhaustive,
    /// Documents given as files or bytes.
    Given,
}

/// One part of a suite: `count` cases from `maker`, at suite indices `start..start + count`.
#[derive(Debug, Clone)]
struct Part {
    maker: Maker,
    start: usize,
    count: usize,
}

/// Data shared by a suite and its workers, built once when first needed.
#[derive(Debug, Default)]
struct Shared {
    corpus: OnceLock<std::result::Result<Vec<crate::corpus::CorpusCase>, String>>,
    exhaustive: OnceLock<Vec<GeneratedCase>>,
    given: Vec<(String, Vec<u8>)>,
}

/// A plan of cases: corpus, generated families, exhaustive scope, in that order, each case
/// built on demand. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Suite {
    seed: u64,
    settings: Settings,
    parts: Vec<Part>,
    total: usize,
    /// The suite indices this run takes, in order.
    selected: Arc<Vec<usize>>,
    shared: Arc<Shared>,
}

/// The number of generated cases of each family for `count` generated cases in all: a sixth
/// authorized, half violating one rule each (every rule at least once, DOC-004 exactly once:
/// its documents are 64 MiB), a sixth with several violations, the rest arbitrary.
fn family_counts(count: usize) -> Vec<(Family, Source, usize)> {
    let per_rule = (count / 2 / RuleId::ALL.len()).max(1);
    let mut out = vec![(Family::Authorized, Source::Authorized, count / 6)];
    for &rule in RuleId::ALL {
        let n = if rule == RuleId::Doc004 { 1 } else { per_rule };
        out.push((Family::Violating(rule), Source::Violating, n));
    }
    out.push((Family::Multi, Source::Multi, count / 6));
    let taken: usize = out.iter().map(|(_, _, n)| n).sum();
    out.push((
        Family::Arbitrary,
        Source::Arbitrary,
        count.saturating_sub(taken),
    ));
    out
}

impl Suite {
    /// The suite of `options`. Fails when the corpus cannot be read or an `only` id names no
    /// case.
    pub fn new(options: &SuiteOptions) -> Result<Suite> {
        let mut parts = Vec::new();
        let mut start = 0;
        let mut push = |maker: Maker, count: usize| {
            if count > 0 {
                parts.push(Part {
                    maker,
                    start,
                    count,
                });
                start += count;
            }
        };
        let shared = Shared::default();
        if options.corpus {
            let corpus = shared
                .corpus
                .get_or_init(load_corpus)
                .as_ref()
                .map_err(|e| Error::Cases(e.clone()))?;
            push(Maker::Corpus, corpus.len());
        }
        for (family, source, n) in family_counts(options.cases) {
            push(Maker::Family(family, source), n);
        }
        if options.exhaustive {
            // The boundary classes go with the exhaustive scope (`--no-exhaustive` leaves both
            // out) and under its cap; the 64 MiB class is last, so a cap below the whole
            // catalog never builds one of its documents.
            let sides: Vec<(j43_generators::Boundary, usize)> = j43_generators::boundary_catalog()
                .into_iter()
                .map(|b| {
                    let n = j43_generators::boundary_cases_per_side(
                        &b,
                        j43_generators::BOUNDARY_PER_CLASS,
                    );
                    (b, n)
                })
                .collect();
            let all: usize = sides.iter().map(|(_, n)| n).sum();
            let boundary = all.min(options.exhaustive_cap);
            push(Maker::Boundary(Arc::new(sides)), boundary);
            let n = j43_generators::exhaustive_size().min(options.exhaustive_cap);
            push(Maker::Exhaustive, n);
        }
        Suite::from_parts(options, parts, shared)
    }

    /// A suite of given documents (`--replay`), each named by its path or label.
    pub fn given(documents: Vec<(String, Vec<u8>)>) -> Suite {
        let count = documents.len();
        let shared = Shared {
            given: documents,
            ..Shared::default()
        };
        let parts = vec![Part {
            maker: Maker::Given,
            start: 0,
            count,
        }];
        Suite {
            seed: 0,
            settings: Settings::default(),
            parts,
            total: count,
            selected: Arc::new((0..count).collect()),
            shared: Arc::new(shared),
        }
    }

    fn from_parts(options: &SuiteOptions, parts: Vec<Part>, shared: Shared) -> Result<Suite> {
        let total = parts.last().map_or(0, |p| p.start + p.count);
        let mut suite = Suite {
            seed: options.seed,
            settings: options.settings,
            parts,
            total,
            selected: Arc::new(Vec::new()),
            shared: Arc::new(shared),
        };
        let selected: Vec<usize> = if options.only.is_empty() {
            (0..total).filter(|&i| options.shard.contains(i)).collect()
        } else {
            let mut picked = Vec::new();
            for id in &options.only {
                let index = suite
                    .find(id)
                    .ok_or_else(|| Error::Cases(format!("no case has the id `{id}`")))?;
                picked.push(index);
            }
            picked.sort_unstable();
            picked.dedup();
            picked
        };
        suite.selected = Arc::new(selected);
        Ok(suite)
    }

    /// Cases in the whole suite (every shard).
    pub fn total(&self) -> usize {
        self.total
    }

    /// Cases this run takes (its shard, or its `only` ids).
    pub fn len(&self) -> usize {
        self.selected.len()
    }

    /// True when this run takes no case.
    pub fn is_empty(&self) -> bool {
        self.selected.is_empty()
    }

    /// The suite indices this run takes, in order.
    pub fn indices(&self) -> &[usize] {
        &self.selected
    }

    fn part(&self, index: usize) -> Option<(&Part, usize)> {
        self.parts
            .iter()
            .find(|p| index >= p.start && index < p.start + p.count)
            .map(|p| (p, index - p.start))
    }

    /// The id of case `index`, without building it.
    pub fn id(&self, index: usize) -> Option<String> {
        let (part, i) = self.part(index)?;
        Some(match &part.maker {
            Maker::Corpus => {
                let corpus = self.shared.corpus.get()?.as_ref().ok()?;
                format!("corpus/{}", corpus.get(i)?.id)
            }
            Maker::Family(family, _) => format!("{}/{}/{i}", family.name(), self.seed),
            Maker::Boundary(sides) => {
                let (b, j) = side_of(sides, i)?;
                format!("boundary/{}/{}/{}/{j}", b.rule, b.class, b.side)
            }
            Maker::Exhaustive => format!("exhaustive/{i}"),
            Maker::Given => self.shared.given.get(i)?.0.clone(),
        })
    }

    /// The index of the case with this id, if the suite has one.
    pub fn find(&self, id: &str) -> Option<usize> {
        for part in &self.parts {
            let local = match &part.maker {
                Maker::Corpus => {
                    let corpus = self.shared.corpus.get().and_then(|c| c.as_ref().ok());
                    match (corpus, id.strip_prefix("corpus/")) {
                        (Some(corpus), Some(name)) => corpus.iter().position(|c| c.id == name),
                        _ => None,
                    }
                }
                Maker::Family(family, _) => id
                    .strip_prefix(&format!("{}/{}/", family.name(), self.seed))
                    .and_then(|n| n.parse::<usize>().ok()),
                Maker::Boundary(sides) => find_side(sides, id),
                Maker::Exhaustive => id
                    .strip_prefix("exhaustive/")
                    .and_then(|n| n.parse::<usize>().ok()),
                Maker::Given => self.shared.given.iter().position(|(n, _)| n == id),
            };
            if let Some(i) = local.filter(|&i| i < part.count) {
                return Some(part.start + i);
            }
        }
        None
    }

    /// Builds case `index` of the suite, oracle included (`None` past the end).
    pub fn case(&self, index: usize) -> Option<Case> {
        let (part, i) = self.part(index)?;
        let id = self.id(index)?;
        let (source, document, boundary) = match &part.maker {
            Maker::Corpus => {
                let corpus = self.shared.corpus.get()?.as_ref().ok()?;
                (Source::Corpus, corpus.get(i)?.document_bytes(), None)
            }
            Maker::Family(family, source) => {
                let g = j43_generators::case_at(family, &self.settings, self.seed, i as u64)?;
                (*source, g.document, None)
            }
            Maker::Boundary(sides) => {
                let (b, j) = side_of(sides, i)?;
                let g = j43_generators::boundary_case(&b, j, &self.settings, self.seed)?;
                let label = g.boundary.map(|b| b.to_string());
                (Source::Boundary, g.document, label)
            }
            Maker::Exhaustive => {
                let all = self
                    .shared
                    .exhaustive
                    .get_or_init(|| j43_generators::exhaustive().collect());
                (Source::Exhaustive, all.get(i)?.document.clone(), None)
            }
            Maker::Given => (Source::Given, self.shared.given.get(i)?.1.clone(), None),
        };
        let mut case = Case::new(id, source, document).at(index);
        case.boundary = boundary;
        Some(case)
    }

    /// The cases this run takes, in suite order, built on `jobs` threads (at least one) with
    /// at most a few chunks of cases in memory at once.
    pub fn stream(&self, jobs: usize) -> CaseStream {
        CaseStream::new(self.clone(), jobs.max(1))
    }
}

/// The side and case number of local index `i` of the boundary part.
fn side_of(
    sides: &[(j43_generators::Boundary, usize)],
    mut i: usize,
) -> Option<(j43_generators::Boundary, usize)> {
    for &(b, n) in sides {
        if i < n {
            return Some((b, i));
        }
        i -= n;
    }
    None
}

/// The local index of a boundary case id `boundary/RULE/class/side/j`.
fn find_side(sides: &[(j43_generators::Boundary, usize)], id: &str) -> Option<usize> {
    let rest = id.strip_prefix("boundary/")?;
    let (label, j) = rest.rsplit_once('/')?;
    let j: usize = j.parse().ok()?;
    let mut start = 0;
    for &(b, n) in sides {
        if format!("{}/{}/{}", b.rule, b.class, b.side) == label {
            return (j < n).then_some(start + j);
        }
        start += n;
    }
    None
}

/// The corpus cases, kept as descriptions: documents are built when their case is (some are
/// constructions of 64 MiB).
fn load_corpus() -> std::result::Result<Vec<crate::corpus::CorpusCase>, String> {
    crate::corpus::try_builtin().map_err(|e| e.to_string())
}

/// Cases per unit of work of a [`CaseStream`] worker.
const CHUNK: usize = 32;

/// A worker sends what it has built of a chunk once it holds this many bytes of documents.
const PART_BYTES: usize = 4 << 20;

/// Bytes of documents built ahead and not yet taken: workers wait beyond it, except the one
/// building the chunk the stream needs next (so the stream always moves on).
const AHEAD_BYTES: usize = 96 << 20;

/// One piece of a chunk: (chunk, part, cases, last part of the chunk).
type Piece = (usize, usize, Vec<Case>, bool);

/// What the stream and its workers share.
struct Flow {
    counter: AtomicUsize,
    stop: AtomicBool,
    /// Document bytes built and not yet taken from the stream.
    ahead: AtomicUsize,
    /// The chunk the stream needs next.
    needed: AtomicUsize,
}

/// The cases of a suite run, built ahead on worker threads, in order, with a bounded number of
/// cases and of document bytes in memory (the suite's 64 MiB documents come one or two at a
/// time). Dropping it stops the workers.
pub struct CaseStream {
    rx: Receiver<Piece>,
    pending: BTreeMap<(usize, usize), (Vec<Case>, bool)>,
    ready: VecDeque<Case>,
    next: (usize, usize),
    chunks: usize,
    flow: Arc<Flow>,
    workers: Vec<std::thread::JoinHandle<()>>,
}

impl CaseStream {
    fn new(suite: Suite, jobs: usize) -> CaseStream {
        let chunks = suite.len().div_ceil(CHUNK);
        let (tx, rx) = std::sync::mpsc::sync_channel(jobs * 4);
        let flow = Arc::new(Flow {
            counter: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
            ahead: AtomicUsize::new(0),
            needed: AtomicUsize::new(0),
        });
        let workers = (0..jobs.min(chunks.max(1)))
            .map(|_| {
                let (suite, tx, flow) = (suite.clone(), tx.clone(), flow.clone());
                std::thread::spawn(move || work(&suite, &tx, &flow, chunks))
            })
            .collect();
        CaseStream {
            rx,
            pending: BTreeMap::new(),
            ready: VecDeque::new(),
            next: (0, 0),
            chunks,
            flow,
            workers,
        }
    }
}

fn pause() {
    std::thread::sleep(std::time::Duration::from_micros(200));
}

fn work(suite: &Suite, tx: &SyncSender<Piece>, flow: &Flow, chunks: usize) {
    let send = |mut item: Piece| -> bool {
        loop {
            match tx.try_send(item) {
                Ok(()) => return true,
                Err(TrySendError::Disconnected(_)) => return false,
                Err(TrySendError::Full(back)) => {
                    if flow.stop.load(Ordering::Relaxed) {
                        return false;
                    }
                    item = back;
                    pause();
                }
            }
        }
    };
    loop {
        let chunk = flow.counter.fetch_add(1, Ordering::Relaxed);
        if chunk >= chunks || flow.stop.load(Ordering::Relaxed) {
            return;
        }
        let indices = suite
            .indices()
            .get(chunk * CHUNK..((chunk + 1) * CHUNK).min(suite.len()))
            .unwrap_or(&[]);
        let (mut part, mut cases, mut bytes) = (0, Vec::new(), 0);
        for &i in indices {
            while flow.ahead.load(Ordering::Relaxed) > AHEAD_BYTES
                && flow.needed.load(Ordering::Relaxed) != chunk
            {
                if flow.stop.load(Ordering::Relaxed) {
                    return;
                }
                pause();
            }
            let Some(case) = suite.case(i) else { continue };
            bytes += case.document.len();
            flow.ahead.fetch_add(case.document.len(), Ordering::Relaxed);
            cases.push(case);
            if bytes >= PART_BYTES {
                if !send((chunk, part, std::mem::take(&mut cases), false)) {
                    return;
                }
                part += 1;
                bytes = 0;
            }
        }
        if !send((chunk, part, cases, true)) {
            return;
        }
    }
}

impl Iterator for CaseStream {
    type Item = Case;

    fn next(&mut self) -> Option<Case> {
        loop {
            if let Some(case) = self.ready.pop_front() {
                self.flow
                    .ahead
                    .fetch_sub(case.document.len(), Ordering::Relaxed);
                return Some(case);
            }
            if self.next.0 >= self.chunks {
                return None;
            }
            if let Some((cases, last)) = self.pending.remove(&self.next) {
                self.next = if last {
                    (self.next.0 + 1, 0)
                } else {
                    (self.next.0, self.next.1 + 1)
                };
                self.flow.needed.store(self.next.0, Ordering::Relaxed);
                self.ready.extend(cases);
                continue;
            }
            match self.rx.recv() {
                Ok((chunk, part, cases, last)) => {
                    self.pending.insert((chunk, part), (cases, last));
                }
                Err(_) => return None,
            }
        }
    }
}

impl Drop for CaseStream {
    fn drop(&mut self) {
        self.flow.stop.store(true, Ordering::Relaxed);
        // Unblock workers waiting to send, then wait for them.
        while self.rx.try_recv().is_ok() {}
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}

/// Builds every case of `options` (corpus, generated, exhaustive, this shard's) into memory,
/// for callers that want a list; runs use [`Suite::stream`].
pub fn build(options: &SuiteOptions) -> Result<Vec<Case>> {
    let suite = Suite::new(options)?;
    let jobs = std::thread::available_parallelism().map_or(2, usize::from);
    Ok(suite.stream(jobs).collect())
}

/// Documents given on the command line, read whole (at most the size limit plus one byte each,
/// so a larger file is still DOC-004 without being loaded whole).
pub fn given_files(paths: &[PathBuf]) -> Result<Suite> {
    let mut documents = Vec::with_capacity(paths.len());
    for path in paths {
        let bytes = read_capped(path)?;
        documents.push((path.display().to_string(), bytes));
    }
    Ok(Suite::given(documents))
}

/// Reads at most the size limit plus one byte of a file.
pub fn read_capped(path: &std::path::Path) -> Result<Vec<u8>> {
    use std::io::Read as _;
    let cap = u64::try_from(j43_model::json::MAX_SIZE)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(cap).read_to_end(&mut bytes))
        .map_err(|e| Error::io(format!("cannot read `{}`", path.display()), e))?;
    Ok(bytes)
}

/// `count` generated documents of the suite's families (without the 64 MiB DOC-004 case, whose
/// place an arbitrary document takes), for throughput measurements.
pub(crate) fn generated_documents(count: usize, seed: u64, settings: &Settings) -> Vec<Vec<u8>> {
    let mut out = Vec::with_capacity(count);
    for (family, _, n) in family_counts(count) {
        let n = if family == Family::Violating(RuleId::Doc004) {
            0
        } else {
            n
        };
        for i in 0..n {
            if let Some(g) = j43_generators::case_at(&family, settings, seed, i as u64) {
                out.push(g.document);
            }
        }
    }
    let mut i = 0u64;
    while out.len() < count {
        if let Some(g) = j43_generators::case_at(&Family::Arbitrary, settings, seed ^ 0xA5A5, i) {
            out.push(g.document);
        }
        i += 1;
    }
    out.truncate(count);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> SuiteOptions {
        SuiteOptions {
            corpus: false,
            exhaustive_cap: 20,
            settings: Settings::small(),
            ..SuiteOptions::default()
        }
    }

    #[test]
    fn shards_partition_the_cases() {
        let n: Shard = "2/3".parse().unwrap();
        assert!(n.contains(1) && n.contains(4) && !n.contains(0));
        assert!("0/3".parse::<Shard>().is_err());
        assert!("4/3".parse::<Shard>().is_err());
        assert!("x".parse::<Shard>().is_err());
        let all = build(&SuiteOptions {
            cases: 30,
            ..small()
        })
        .unwrap();
        let mut parts: Vec<Case> = (1..=3)
            .flat_map(|i| {
                build(&SuiteOptions {
                    cases: 30,
                    shard: Shard { index: i, count: 3 },
                    ..small()
                })
                .unwrap()
            })
            .collect();
        parts.sort_by_key(|c| c.index);
        assert_eq!(
            parts, all,
            "the shards together are the suite, case for case"
        );
    }

    #[test]
    fn the_same_seed_gives_the_same_cases_on_any_number_of_threads() {
        let options = SuiteOptions {
            cases: 300,
            seed: 7,
            ..small()
        };
        let suite = Suite::new(&options).unwrap();
        let one: Vec<Case> = suite.stream(1).collect();
        let three: Vec<Case> = suite.stream(3).collect();
        assert_eq!(one.len(), suite.len());
        assert_eq!(one, three);
        let indices: Vec<usize> = one.iter().map(|c| c.index).collect();
        assert_eq!(indices, (0..suite.len()).collect::<Vec<_>>());
    }

    #[test]
    fn a_case_is_found_again_by_its_id() {
        let suite = Suite::new(&SuiteOptions {
            cases: 120,
            ..SuiteOptions::default()
        })
        .unwrap();
        for index in [0, 500, suite.total() - 1] {
            let case = suite.case(index).unwrap();
            assert_eq!(suite.find(&case.id), Some(index), "{}", case.id);
        }
        let only = Suite::new(&SuiteOptions {
            cases: 120,
            only: vec![suite.id(900).unwrap(), suite.id(3).unwrap()],
            ..SuiteOptions::default()
        })
        .unwrap();
        assert_eq!(only.indices(), &[3, 900]);
        assert!(Suite::new(&SuiteOptions {
            only: vec!["authorized/0/999999999".into()],
            ..SuiteOptions::default()
        })
        .is_err());
    }

    #[test]
    fn the_boundary_part_is_the_generators_boundary_cases_with_their_labels() {
        let options = SuiteOptions {
            cases: 60,
            corpus: false,
            ..SuiteOptions::default()
        };
        let suite = Suite::new(&options).unwrap();
        let first = (0..suite.total())
            .find(|&i| suite.id(i).is_some_and(|id| id.starts_with("boundary/")))
            .unwrap();
        let expected: Vec<GeneratedCase> = j43_generators::boundary_cases(
            &options.settings,
            options.seed,
            j43_generators::BOUNDARY_PER_CLASS,
        )
        .take(40)
        .collect();
        for (j, g) in expected.iter().enumerate() {
            let case = suite.case(first + j).unwrap();
            assert_eq!(case.source, Source::Boundary);
            assert_eq!(case.document, g.document, "{}", case.id);
            assert_eq!(case.boundary, g.boundary.map(|b| b.to_string()));
            assert_eq!(suite.find(&case.id), Some(first + j));
        }
    }

    #[test]
    fn dropping_a_stream_early_stops_its_workers() {
        let suite = Suite::new(&SuiteOptions {
            cases: 3000,
            ..small()
        })
        .unwrap();
        let first: Vec<Case> = suite.stream(2).take(5).collect();
        assert_eq!(first.len(), 5);
    }
}
