//! copydesk: checks syndicated op-eds for fact drift against canonical rules.
//!
//! The library reads rule files ([`rules`]), checks texts with one engine per
//! rule kind ([`checks`]), and renders [`finding::Finding`]s ([`render`]).
//! The command line lives in [`cli`]; `main.rs` only calls it.

#![deny(missing_docs)]

pub mod atomic;
pub mod baseline;
pub mod checks;
pub mod cli;
pub mod codes;
pub mod compare;
pub mod config;
pub mod document;
pub mod explain;
pub mod fetch;
pub mod finding;
pub mod fingerprint;
pub mod input;
pub mod lexicon;
pub mod metadata;
pub mod ordered;
pub mod problem;
pub mod read;
pub mod render;
pub mod rules;
pub mod severity;
pub mod source;
pub mod suggest;
pub mod suppress;
pub mod text;
pub mod values;
