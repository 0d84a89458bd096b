//! j43 conformance: the candidate checkers, the runner, the corpus and the protocol.

pub mod corpus;
