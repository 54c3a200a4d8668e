//! Running a list of jobs on scoped threads, answers in the list's order: the calls of a
//! `batch` and the pages of `all_pages`.
//!
//! The threads are scoped (`std::thread::scope`): they end before [`in_order`] returns, so
//! nothing is left running when the call is over (nothing to meet a `fork()`, nothing holding
//! the client). The calling thread works too; with a concurrency of 1 it works alone.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::thread;

use serde_json::Value;

use crate::Error;

/// Runs `one` on every job, at most `concurrency` at once, taking jobs in order, and answers
/// one answer per job in the jobs' order. Once an answer makes `stop` true, no further job is
/// started: the jobs after it that did not start answer [`NotRun`]. A panic inside one job is
/// that job's answer ([`NotRun::Panicked`]), not the caller's.
pub(crate) fn in_order<J: Sync, T: Send + Sync + From<NotRun>>(
    jobs: &[J],
    concurrency: usize,
    stop: impl Fn(&T) -> bool + Sync,
    one: impl Fn(&J) -> T + Sync,
) -> Vec<T> {
    let guarded = |job: &J| {
        catch_unwind(AssertUnwindSafe(|| one(job))).unwrap_or_else(|payload| {
            let message = payload
                .downcast_ref::<&str>()
                .copied()
                .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
                .unwrap_or("no message");
            T::from(NotRun::Panicked(message.to_owned()))
        })
    };
    let workers = concurrency.max(1).min(jobs.len());
    let slots: Vec<OnceLock<T>> = jobs.iter().map(|_| OnceLock::new()).collect();
    let next = AtomicUsize::new(0);
    let stopped = AtomicBool::new(false);
    let work = || {
        while !stopped.load(Ordering::Acquire) {
            let i = next.fetch_add(1, Ordering::AcqRel);
            let Some(job) = jobs.get(i) else { break };
            let answer = guarded(job);
            if stop(&answer) {
                stopped.store(true, Ordering::Release);
            }
            let _ = slots[i].set(answer);
        }
    };
    if workers <= 1 {
        work();
    } else {
        thread::scope(|scope| {
            for _ in 1..workers {
                // A thread that cannot be started leaves its share to the others.
                let _ = thread::Builder::new()
                    .name("bts-worker".into())
                    .spawn_scoped(scope, work);
            }
            work();
        });
    }
    slots
        .into_iter()
        .map(|slot| {
            slot.into_inner()
                .unwrap_or_else(|| T::from(NotRun::Skipped))
        })
        .collect()
}

/// Why a job has no answer of its own.
pub(crate) enum NotRun {
    /// It panicked inside the library (the panic's message).
    Panicked(String),
    /// It was not started: an earlier answer stopped the run.
    Skipped,
}

impl NotRun {
    fn error(self) -> Error {
        match self {
            NotRun::Panicked(message) => {
                Error::internal(format!("the library panicked: {message}"))
            }
            NotRun::Skipped => Error::internal("not run: an earlier job stopped the run"),
        }
    }
}

/// A batch call's envelope.
impl From<NotRun> for String {
    fn from(n: NotRun) -> String {
        n.error().to_envelope()
    }
}

/// A typed batch call's result.
impl From<NotRun> for Result<Value, Error> {
    fn from(n: NotRun) -> Result<Value, Error> {
        Err(n.error())
    }
}

/// A page of `all_pages`.
impl From<NotRun> for Result<String, Error> {
    fn from(n: NotRun) -> Result<String, Error> {
        Err(n.error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_keep_the_jobs_order_and_stop_stops() {
        let jobs: Vec<u64> = (0..50).collect();
        let answers: Vec<Result<String, Error>> = in_order(
            &jobs,
            8,
            |_| false,
            |j| {
                std::thread::sleep(std::time::Duration::from_millis(50 - j));
                Ok(j.to_string())
            },
        );
        let got: Vec<String> = answers.into_iter().map(Result::unwrap).collect();
        assert_eq!(got, jobs.iter().map(u64::to_string).collect::<Vec<_>>());

        let started = AtomicUsize::new(0);
        let answers: Vec<Result<String, Error>> = in_order(&jobs, 1, Result::is_err, |j| {
            started.fetch_add(1, Ordering::Relaxed);
            if *j == 3 {
                Err(Error::internal("three"))
            } else {
                Ok(String::new())
            }
        });
        assert_eq!(started.load(Ordering::Relaxed), 4);
        assert!(answers[3].is_err() && answers[4].is_err());
    }

    #[test]
    fn a_panic_is_that_jobs_answer() {
        let answers: Vec<String> = in_order(
            &[1, 2, 3],
            3,
            |_| false,
            |j| {
                if *j == 2 {
                    panic!("two");
                }
                j.to_string()
            },
        );
        assert_eq!(answers[0], "1");
        assert!(answers[1].contains("panicked: two"), "{}", answers[1]);
        assert_eq!(answers[2], "3");
    }
}
