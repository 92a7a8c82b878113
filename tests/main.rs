//! The integration tests, one binary (`cargo test` links it once): each module is one
//! area, run alone with `cargo test --release --test integration MODULE::`.
//!
//! The tests that read `../shared` (the evaluation articles, the corpus, the scorer) are
//! `#[ignore]`d so that a clean clone reports them as ignored; `.ci/run` has `../shared`
//! and runs them with `--include-ignored`.

#[path = "robust/check.rs"]
mod check;
mod common;

mod cli;
mod corpus;
mod events;
mod golden;
mod hostile;
mod html;
mod properties;
mod schema;
mod terminal;
mod text_report;
