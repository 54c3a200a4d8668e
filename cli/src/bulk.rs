//! `bts bulk OPERATION`: NDJSON in, one result line per input line out.
//!
//! Each non-blank input line is one parameters object, sent as written; its result is the
//! library's envelope with the line number in front: `{"line":N,"ok":...}`. Lines run one after
//! the other, or `--parallel N` at a time; either way the results come out in input order, each
//! flushed as soon as every earlier one is written, so after a crash the output says how far the
//! run got; with `--journal` (the configuration key `journal`) running
//! the same input again creates nothing twice.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::sync::{mpsc, Condvar, Mutex};
use std::thread;

use serde_json::Value;

use crate::{exit_code_of, output::one_line, Args, Failure, Outcome};

/// The most lines `--parallel` runs at once (the library's batch cap).
const MAX_PARALLEL: usize = bts::MAX_CONCURRENCY;

/// Runs the bulk command.
pub(crate) fn run(args: &Args, rest: &[String]) -> Outcome {
    args.only(
        "bulk",
        &["input", "output", "journal", "token-cache", "parallel"],
    )?;
    let name = match rest {
        [name] => name.as_str(),
        [] => return Err(Failure::Usage("bulk needs an OPERATION".into())),
        _ => {
            return Err(Failure::Usage(
                "bulk takes one OPERATION; the parameters come from --input (NDJSON)".into(),
            ))
        }
    };
    let parallel = match args.parallel {
        None => 1,
        Some(n) if (1..=MAX_PARALLEL).contains(&n) => n,
        Some(n) => {
            return Err(Failure::Usage(format!(
                "--parallel takes 1 to {MAX_PARALLEL}, not {n}"
            )))
        }
    };
    let op = bts::operation(name).ok_or_else(|| crate::unknown(name))?;
    let input: Box<dyn BufRead + Send> = match args.input.as_deref() {
        None | Some("-") => Box::new(BufReader::new(io::stdin())),
        Some(path) => Box::new(BufReader::new(File::open(path).map_err(|e| {
            bts::Error::invalid_input(format!("could not read {path}: {e}"))
        })?)),
    };
    let client = crate::client(args)?;
    let out: Box<dyn Write + Send> = match args.output.as_deref() {
        None => Box::new(io::stdout()),
        Some(path) => Box::new(BufWriter::new(File::create(path).map_err(|e| {
            bts::Error::invalid_input(format!("could not write {path}: {e}"))
        })?)),
    };
    let mut results = Results {
        out,
        first_failure: None,
    };
    let lines = input
        .lines()
        .enumerate()
        .map(|(index, line)| {
            line.map(|l| (index + 1, l)).map_err(|e| {
                bts::Error::invalid_input(format!("could not read line {}: {e}", index + 1))
            })
        })
        .filter(|l| !matches!(l, Ok((_, text)) if text.trim().is_empty()));
    let call = |line: &str| one_line(&client.call_envelope(op.name, line));
    if parallel == 1 {
        for line in lines {
            let (number, text) = line?;
            results.write(number, &call(&text))?;
        }
    } else {
        side_by_side(lines, parallel, &call, &mut results)?;
    }
    match results.first_failure {
        None => Ok(()),
        Some(code) => Err(Failure::Quiet(code)),
    }
}

/// Where result lines go, in input order.
struct Results {
    out: Box<dyn Write + Send>,
    /// The exit code of the first failed line, in input order.
    first_failure: Option<u8>,
}

impl Results {
    /// Writes and flushes one result line.
    fn write(&mut self, number: usize, envelope: &str) -> io::Result<()> {
        if let Some(code) = failure_code(envelope) {
            self.first_failure.get_or_insert(code);
        }
        self.out
            .write_all(format!("{}\n", numbered(number, envelope)).as_bytes())?;
        self.out.flush()
    }
}

/// How far the writer got: lines written, and whether writing failed.
#[derive(Default)]
struct Progress {
    written: usize,
    failed: bool,
}

/// Runs the lines `parallel` at a time on scoped threads: this thread reads, workers call, one
/// writer writes each result as soon as it and every earlier one are done. The reader stays at
/// most `4 × parallel` lines ahead of the writer, so a slow line holds memory in check.
fn side_by_side(
    lines: impl Iterator<Item = Result<(usize, String), bts::Error>>,
    parallel: usize,
    call: &(dyn Fn(&str) -> String + Sync),
    results: &mut Results,
) -> Result<(), Failure> {
    let window = 4 * parallel;
    let (jobs, job_queue) = mpsc::sync_channel::<(usize, usize, String)>(parallel);
    let job_queue = Mutex::new(job_queue);
    let (done, done_queue) = mpsc::channel::<(usize, usize, String)>();
    let progress = (Mutex::new(Progress::default()), Condvar::new());
    thread::scope(|scope| {
        for _ in 0..parallel {
            let done = done.clone();
            let job_queue = &job_queue;
            scope.spawn(move || loop {
                let job = job_queue.lock().unwrap_or_else(|e| e.into_inner()).recv();
                let Ok((seq, number, text)) = job else { break };
                if done.send((seq, number, call(&text))).is_err() {
                    break;
                }
            });
        }
        drop(done);
        let progress = &progress;
        let writer = scope.spawn(move || -> io::Result<()> {
            let mut pending = BTreeMap::new();
            let mut next = 0usize;
            for (seq, number, envelope) in done_queue {
                pending.insert(seq, (number, envelope));
                while let Some((number, envelope)) = pending.remove(&next) {
                    if let Err(e) = results.write(number, &envelope) {
                        progress.0.lock().unwrap_or_else(|e| e.into_inner()).failed = true;
                        progress.1.notify_all();
                        return Err(e);
                    }
                    next += 1;
                    progress.0.lock().unwrap_or_else(|e| e.into_inner()).written = next;
                    progress.1.notify_all();
                }
            }
            Ok(())
        });
        let mut read_error = None;
        for (seq, line) in lines.enumerate() {
            let (number, text) = match line {
                Ok(line) => line,
                Err(e) => {
                    read_error = Some(e);
                    break;
                }
            };
            let mut state = progress.0.lock().unwrap_or_else(|e| e.into_inner());
            while !state.failed && seq >= state.written + window {
                state = progress.1.wait(state).unwrap_or_else(|e| e.into_inner());
            }
            if state.failed {
                break;
            }
            drop(state);
            if jobs.send((seq, number, text)).is_err() {
                break;
            }
        }
        drop(jobs);
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the writer panicked")));
        written?;
        match read_error {
            Some(e) => Err(e.into()),
            None => Ok(()),
        }
    })
}

/// The envelope with `"line":N` as its first member (the envelope's own text follows as it is).
fn numbered(line: usize, envelope: &str) -> String {
    match envelope.strip_prefix('{') {
        Some(rest) => format!("{{\"line\":{line},{rest}"),
        None => format!("{{\"line\":{line},\"envelope\":{envelope}}}"),
    }
}

/// The exit code of a failed envelope's kind, `None` for a success.
fn failure_code(envelope: &str) -> Option<u8> {
    let value: Value = serde_json::from_str(envelope).unwrap_or(Value::Null);
    if value["ok"] == true {
        return None;
    }
    Some(exit_code_of(
        value["error"]["kind"].as_str().unwrap_or("internal"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_number_leads_the_envelope() {
        assert_eq!(
            numbered(7, r#"{"ok":true,"data":{"a":1}}"#),
            r#"{"line":7,"ok":true,"data":{"a":1}}"#
        );
        assert_eq!(failure_code(r#"{"ok":true,"data":1}"#), None);
        assert_eq!(
            failure_code(r#"{"ok":false,"error":{"kind":"validation"}}"#),
            Some(3)
        );
    }
}
