//! Shared fixtures for the j43 criterion benchmarks.
