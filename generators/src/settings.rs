//! Generator settings: size bounds with `const fn` presets for shrinking, testing and benchmarks.

/// Bounds on what the generators build. Every bound is inclusive; each count is drawn
/// uniformly from `0..=bound`, with 0 the simplest choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Most logical services (each is instantiated once per environment).
    pub max_services: usize,
    /// Most logical databases (each with exactly one writing service).
    pub max_databases: usize,
    /// Most extra adapters beyond each database's writer adapter (read-only accesses, second
    /// read-write adapters of a writer).
    pub max_extra_adapters: usize,
    /// Most targets of an ingress.
    pub max_targets: usize,
    /// Most diagrams.
    pub max_diagrams: usize,
    /// Most pieces of a prose string (each a near-miss phrase or a run of random characters).
    pub max_text_pieces: usize,
    /// Most characters of a random run inside prose.
    pub max_run_len: usize,
    /// Most violations of a multi-violation case (at least 2 are always chosen).
    pub max_violations: usize,
    /// Length of the choice tape that drives a proptest strategy; past it every choice is 0.
    pub tape_len: usize,
}

impl Settings {
    /// Small designs: a few components, short texts. For shrinking and fast properties.
    pub const fn small() -> Settings {
        Settings {
            max_services: 2,
            max_databases: 2,
            max_extra_adapters: 2,
            max_targets: 2,
            max_diagrams: 2,
            max_text_pieces: 2,
            max_run_len: 6,
            max_violations: 3,
            tape_len: 256,
        }
    }

    /// Medium designs: up to a few dozen components per environment.
    pub const fn default() -> Settings {
        Settings {
            max_services: 6,
            max_databases: 4,
            max_extra_adapters: 6,
            max_targets: 4,
            max_diagrams: 3,
            max_text_pieces: 3,
            max_run_len: 16,
            max_violations: 5,
            tape_len: 2048,
        }
    }

    /// Large designs: thousands of components, for benchmarks and stress runs.
    pub const fn large() -> Settings {
        Settings {
            max_services: 1500,
            max_databases: 800,
            max_extra_adapters: 1500,
            max_targets: 32,
            max_diagrams: 8,
            max_text_pieces: 4,
            max_run_len: 32,
            max_violations: 8,
            tape_len: 1 << 16,
        }
    }

    /// The preset of this name: `small`, `default` or `large`.
    pub fn preset(name: &str) -> Option<Settings> {
        match name {
            "small" => Some(Settings::small()),
            "default" => Some(Settings::default()),
            "large" => Some(Settings::large()),
            _ => None,
        }
    }
}

impl Default for Settings {
    fn default() -> Settings {
        Settings::default()
    }
}
