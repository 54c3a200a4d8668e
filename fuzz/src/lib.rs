//! The fuzz targets' bodies, shared with `tests/fuzz_replay.rs` in the main crate, which
//! replays the corpus and every past crash through these same functions in the test command.
#[path = "targets.rs"]
mod targets;
pub use targets::*;
