//! The static, language-neutral corpus under `conformance/corpus/`.
