//! What a candidate leaves behind: a token per spawn in the candidate's environment, the
//! harness as a child subreaper (Linux), and the sweeps that kill and reap the processes a
//! finished case, session or run left (PROTOCOL.md §2.4, §3).
//!
//! On Linux the harness makes itself a child subreaper (`PR_SET_CHILD_SUBREAPER`) before its
//! first spawn, so every descendant of a candidate stays in the harness's process tree when its
//! parent dies: it is reparented to the harness, not to init. Each spawn gets a token in the
//! environment variable [`TOKEN_VAR`], which descendants inherit. A sweep walks the harness's
//! descendants in `/proc` and kills (SIGKILL) every process whose initial environment holds a
//! token of the sweep's scope, then reaps those that became its own children. A process
//! without such a token (any child the harness's own code started) is never signalled. On other
//! systems a sweep does nothing: only the candidate's process group is killed.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

/// The environment variable that carries a spawn's token to the candidate and its descendants.
pub(crate) const TOKEN_VAR: &str = "J43_SPAWN_TOKEN";

/// The tokens of one [`crate::External`]: `<harness>.<family>.<spawn>`, where `<harness>` names
/// this process (its pid and start time, so that a reused pid never matches), `<family>` the
/// `External` and `<spawn>` one candidate process.
#[derive(Debug)]
pub(crate) struct Family {
    prefix: String,
    next: AtomicU64,
}

impl Family {
    /// A family no other `Family` of this process shares.
    pub(crate) fn new() -> Family {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        static HARNESS: OnceLock<String> = OnceLock::new();
        let harness = HARNESS.get_or_init(|| {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos());
            format!("{}-{nanos}", std::process::id())
        });
        let family = NEXT.fetch_add(1, Ordering::Relaxed);
        Family {
            prefix: format!("{harness}.{family}."),
            next: AtomicU64::new(0),
        }
    }

    /// A new token for one spawn.
    pub(crate) fn token(&self) -> String {
        format!(
            "{}{}",
            self.prefix,
            self.next.fetch_add(1, Ordering::Relaxed)
        )
    }

    /// The scope of every spawn of the family.
    pub(crate) fn scope(&self) -> Scope<'_> {
        Scope::Prefix(&self.prefix)
    }
}

/// The value of [`TOKEN_VAR`] for a spawn with `token` by a harness whose own environment has
/// `outer` (it is itself a candidate's descendant): the outer tokens, a space, then `token`, so
/// that the outer harness still recognises the processes as its candidate's.
pub(crate) fn token_value(outer: Option<String>, token: &str) -> String {
    match outer {
        Some(outer) if !outer.trim().is_empty() => format!("{} {token}", outer.trim()),
        _ => token.to_owned(),
    }
}

/// Which tokens a sweep kills.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Scope<'a> {
    /// The processes of one spawn: this token exactly.
    Spawn(&'a str),
    /// The processes of every spawn of a [`Family`]: tokens starting with this.
    Prefix(&'a str),
}

impl Scope<'_> {
    /// True when the `NAME=value` entry of an environment holds a token of this scope.
    fn matches(&self, entry: &[u8]) -> bool {
        let Some(value) = entry
            .strip_prefix(TOKEN_VAR.as_bytes())
            .and_then(|rest| rest.strip_prefix(b"="))
        else {
            return false;
        };
        value.split(|&b| b == b' ').any(|token| match self {
            Scope::Spawn(mine) => token == mine.as_bytes(),
            Scope::Prefix(prefix) => token.starts_with(prefix.as_bytes()),
        })
    }
}

/// Makes this process a child subreaper, once; called before every spawn. True when it is one
/// (always false off Linux).
pub(crate) fn become_subreaper() -> bool {
    static ACTIVE: OnceLock<bool> = OnceLock::new();
    *ACTIVE.get_or_init(imp::become_subreaper)
}

/// Kills every live process attributed to `scope` and reaps those that are this process's
/// children, until none is left (or two seconds have passed: a process in uninterruptible
/// sleep can outlast a SIGKILL for a while).
///
/// A process is attributed when its environment holds a token of `scope`, or, for a zombie
/// child of this process, when it was in `group` (the candidate's process group, already
/// killed by the caller) without being its leader. Call it only after the candidate's own
/// process has been reaped, so that it never reaps a process a [`std::process::Child`] waits
/// for.
pub(crate) fn sweep(scope: Scope<'_>, group: Option<u32>) {
    imp::sweep(scope, group);
}

#[cfg(target_os = "linux")]
mod imp {
    use super::Scope;
    use rustix::process::{kill_process, waitpid, Pid, Signal, WaitOptions};
    use std::collections::{HashMap, HashSet};
    use std::time::{Duration, Instant};

    /// The fields of `/proc/PID/stat` a sweep needs.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub(super) struct Stat {
        pub(super) pid: i32,
        pub(super) state: u8,
        pub(super) ppid: i32,
        pub(super) pgrp: i32,
    }

    pub(super) fn become_subreaper() -> bool {
        rustix::process::set_child_subreaper(Some(rustix::process::getpid())).is_ok()
    }

    /// Parses the text of `/proc/PID/stat`: `pid (comm) state ppid pgrp …`, where `comm` may
    /// hold spaces and parentheses.
    pub(super) fn parse_stat(text: &[u8]) -> Option<Stat> {
        let open = memchr::memchr(b'(', text)?;
        let close = memchr::memrchr(b')', text)?;
        let number = |b: &[u8]| std::str::from_utf8(b).ok()?.trim().parse::<i32>().ok();
        let pid = number(text.get(..open)?)?;
        let mut fields = text
            .get(close + 1..)?
            .split(u8::is_ascii_whitespace)
            .filter(|f| !f.is_empty());
        let state = *fields.next()?.first()?;
        let ppid = number(fields.next()?)?;
        let pgrp = number(fields.next()?)?;
        Some(Stat {
            pid,
            state,
            ppid,
            pgrp,
        })
    }

    /// Every process in `/proc` (those that end while it is read are left out).
    fn processes() -> Vec<Stat> {
        let Ok(dir) = std::fs::read_dir("/proc") else {
            return Vec::new();
        };
        dir.filter_map(|entry| {
            let name = entry.ok()?.file_name();
            let pid: i32 = name.to_str()?.parse().ok()?;
            parse_stat(&std::fs::read(format!("/proc/{pid}/stat")).ok()?)
        })
        .collect()
    }

    /// The descendants of `root` in `table`.
    pub(super) fn descendants(table: &[Stat], root: i32) -> Vec<Stat> {
        let mut children: HashMap<i32, Vec<Stat>> = HashMap::new();
        for s in table {
            children.entry(s.ppid).or_default().push(*s);
        }
        let mut out = Vec::new();
        let mut queue = vec![root];
        while let Some(pid) = queue.pop() {
            for child in children.get(&pid).into_iter().flatten() {
                if child.pid != root {
                    out.push(*child);
                    queue.push(child.pid);
                }
            }
        }
        out
    }

    /// Whether a process's initial environment holds a token of `scope`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Holds {
        Yes,
        No,
        /// The environment reads empty: the process is in the middle of `exec` (or has no
        /// environment at all); read it again shortly.
        Unknown,
    }

    fn holds_token(pid: i32, scope: Scope<'_>) -> Holds {
        match std::fs::read(format!("/proc/{pid}/environ")) {
            Ok(env) if env.is_empty() => Holds::Unknown,
            Ok(env) if env.split(|&b| b == 0).any(|entry| scope.matches(entry)) => Holds::Yes,
            // Gone, or not readable: not a process of this harness's candidates.
            Ok(_) | Err(_) => Holds::No,
        }
    }

    /// How many rounds (5 ms apart) an empty environment is read again before the process is
    /// taken to have none.
    const UNKNOWN_ROUNDS: u32 = 40;

    pub(super) fn sweep(scope: Scope<'_>, group: Option<u32>) {
        let me = rustix::process::getpid().as_raw_pid();
        let group = group.and_then(|g| i32::try_from(g).ok());
        let subreaper = super::become_subreaper();
        let mut killed: HashSet<i32> = HashSet::new();
        let mut unknown: HashMap<i32, u32> = HashMap::new();
        let deadline = Instant::now() + Duration::from_secs(2);
        loop {
            let table = processes();
            // A subreaper holds every orphan of its candidates in its own tree; otherwise they
            // may be anywhere.
            let members = if subreaper {
                descendants(&table, me)
            } else {
                table
            };
            let mut pending = false;
            for p in members {
                if p.pid <= 1 || p.pid == me {
                    continue;
                }
                let in_group = group.is_some_and(|g| p.pgrp == g && p.pid != g);
                if p.state == b'Z' {
                    if killed.contains(&p.pid) || in_group {
                        if p.ppid == me {
                            reap(p.pid);
                        } else {
                            // Its parent is dying too; it comes to this process next.
                            pending = true;
                        }
                    }
                } else if killed.contains(&p.pid) {
                    // Killed in an earlier round and not dead yet.
                    pending = true;
                } else {
                    let holds = if in_group {
                        Holds::Yes
                    } else {
                        holds_token(p.pid, scope)
                    };
                    match holds {
                        Holds::Yes => {
                            if let Some(pid) = Pid::from_raw(p.pid) {
                                let _ = kill_process(pid, Signal::KILL);
                            }
                            killed.insert(p.pid);
                            pending = true;
                        }
                        Holds::Unknown => {
                            let rounds = unknown.entry(p.pid).or_insert(0);
                            *rounds += 1;
                            pending |= *rounds < UNKNOWN_ROUNDS;
                        }
                        Holds::No => {}
                    }
                }
            }
            if !pending || Instant::now() >= deadline {
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    fn reap(pid: i32) {
        if let Some(pid) = Pid::from_raw(pid) {
            let _ = waitpid(Some(pid), WaitOptions::NOHANG);
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod imp {
    use super::Scope;

    pub(super) fn become_subreaper() -> bool {
        false
    }

    pub(super) fn sweep(_: Scope<'_>, _: Option<u32>) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spawn_scope_matches_its_token_only_and_a_family_scope_every_token_of_the_family() {
        let family = Family::new();
        let (a, b) = (family.token(), family.token());
        assert_ne!(a, b);
        let entry = |t: &str| format!("{TOKEN_VAR}={t}").into_bytes();
        assert!(Scope::Spawn(&a).matches(&entry(&a)));
        assert!(!Scope::Spawn(&a).matches(&entry(&b)));
        assert!(!Scope::Spawn(&a).matches(&entry(&format!("{a}0"))));
        assert!(family.scope().matches(&entry(&a)));
        assert!(family.scope().matches(&entry(&b)));
        assert!(!Family::new().scope().matches(&entry(&a)));
        assert!(!family.scope().matches(format!("OTHER={a}").as_bytes()));
    }

    #[test]
    fn a_nested_harness_keeps_the_outer_tokens_so_both_scopes_match() {
        let (outer, inner) = (Family::new(), Family::new());
        let (o, i) = (outer.token(), inner.token());
        assert_eq!(token_value(None, &o), o);
        assert_eq!(token_value(Some(" ".into()), &o), o);
        let value = token_value(Some(o.clone()), &i);
        let entry = format!("{TOKEN_VAR}={value}").into_bytes();
        assert!(Scope::Spawn(&o).matches(&entry));
        assert!(Scope::Spawn(&i).matches(&entry));
        assert!(outer.scope().matches(&entry) && inner.scope().matches(&entry));
        assert!(!Family::new().scope().matches(&entry));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn stat_lines_parse_with_spaces_and_parentheses_in_the_command_name() {
        let s = imp::parse_stat(b"4242 (a b) (c)) Z 17 4200 4200 0 -1").unwrap();
        assert_eq!(
            (s.pid, s.state, s.ppid, s.pgrp),
            (4242, b'Z', 17, 4200),
            "{s:?}"
        );
        assert!(imp::parse_stat(b"garbage").is_none());
        assert!(imp::parse_stat(b"12 (x) S").is_none());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn descendants_are_the_whole_subtree_and_nothing_else() {
        let p = |pid, ppid| imp::Stat {
            pid,
            state: b'S',
            ppid,
            pgrp: pid,
        };
        let table = [p(1, 0), p(10, 1), p(11, 10), p(12, 11), p(13, 1), p(14, 10)];
        let mut got: Vec<i32> = imp::descendants(&table, 10).iter().map(|s| s.pid).collect();
        got.sort_unstable();
        assert_eq!(got, [11, 12, 14]);
    }
}
