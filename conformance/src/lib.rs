//! j43 conformance runner.
