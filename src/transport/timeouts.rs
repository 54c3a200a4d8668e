//! Socket timeouts that hold still between kept-alive calls (no `setsockopt` per call).

use std::time::Duration;

use ureq::unversioned::transport::time::Duration as UreqDuration;
use ureq::unversioned::transport::{Buffers, ConnectionDetails, Connector, NextTimeout, Transport};

/// The step the socket timeouts of a connection move by: [`steady`].
const TIMEOUT_STEP: Duration = Duration::from_millis(10);

/// Socket timeouts that change only when the call's deadline has moved by [`TIMEOUT_STEP`].
///
/// ureq bounds every read and write of a connection by what is left of the call's deadline
/// and hands that to the socket (`SO_SNDTIMEO`, `SO_RCVTIMEO`) whenever it differs from the
/// value the socket already has. Exact to the nanosecond, it differs on every call: two
/// `setsockopt` system calls per kept-alive call that raw ureq, without a timeout, does not
/// make (measured: `strace -c`, 2,001 per 1,000 calls). Rounded down to the step, the value
/// stays the same from one call to the next while calls are shorter than the step, and ureq
/// makes no system call at all; a read or write that waits is ended at most one step before
/// the deadline, never after it.
#[derive(Debug)]
pub(super) struct SteadyTimeouts;

impl<In: Transport> Connector<In> for SteadyTimeouts {
    type Out = Steady<In>;

    fn connect(
        &self,
        _details: &ConnectionDetails,
        chained: Option<In>,
    ) -> Result<Option<Self::Out>, ureq::Error> {
        Ok(chained.map(Steady))
    }
}

/// A connection whose timeouts [`SteadyTimeouts`] rounds.
#[derive(Debug)]
pub(super) struct Steady<T>(T);

impl<T: Transport> Transport for Steady<T> {
    fn buffers(&mut self) -> &mut dyn Buffers {
        self.0.buffers()
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), ureq::Error> {
        self.0.transmit_output(amount, steady(timeout))
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
        self.0.await_input(steady(timeout))
    }

    fn is_open(&mut self) -> bool {
        self.0.is_open()
    }

    fn is_tls(&self) -> bool {
        self.0.is_tls()
    }
}

/// `timeout` rounded down to a whole number of [`TIMEOUT_STEP`]s when it is longer than two;
/// shorter ones (a call near its deadline) are kept exact.
fn steady(mut timeout: NextTimeout) -> NextTimeout {
    if let UreqDuration::Exact(left) = timeout.after {
        if left > TIMEOUT_STEP * 2 {
            // the remainder is below the step, so it fits in a u64 of nanoseconds
            let part = (left.as_nanos() % TIMEOUT_STEP.as_nanos()) as u64;
            timeout.after = UreqDuration::Exact(left - Duration::from_nanos(part));
        }
    }
    timeout
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn socket_timeouts_hold_still_between_calls_and_never_outlast_the_deadline() {
        use ureq::Timeout;
        let next = |after: UreqDuration| NextTimeout {
            after,
            reason: Timeout::Global,
            per_read: None,
            per_write: None,
        };
        // a thousand calls of 7 µs each, each with a fresh 30 s deadline, read at 3 µs in
        let mut seen = std::collections::HashSet::new();
        for call in 0..1000u64 {
            let left = Duration::from_secs(30) - Duration::from_nanos(3_000 + call % 5);
            let got = steady(next(left.into()));
            assert!(*got.after <= left && left - *got.after < TIMEOUT_STEP);
            assert_eq!(got.reason, Timeout::Global);
            seen.insert(*got.after);
        }
        assert_eq!(
            seen.len(),
            1,
            "one socket timeout for all of them: {seen:?}"
        );
        // one call reading for a while: the value steps down in whole steps, at most behind
        let mut values = Vec::new();
        for us in (0..200_000u64).step_by(997) {
            let left = Duration::from_secs(1) - Duration::from_micros(us);
            let got = *steady(next(left.into())).after;
            assert!(
                got <= left && left - got < TIMEOUT_STEP,
                "{left:?} -> {got:?}"
            );
            assert_eq!(got.as_nanos() % TIMEOUT_STEP.as_nanos(), 0);
            values.push(got);
        }
        values.dedup();
        assert_eq!(
            values.len(),
            21,
            "1 s down to 0.8 s in 10 ms steps: {values:?}"
        );
        // near the deadline, exact; no timeout stays none
        for left in [
            Duration::ZERO,
            Duration::from_micros(1),
            Duration::from_millis(15),
            TIMEOUT_STEP * 2,
        ] {
            assert_eq!(*steady(next(left.into())).after, left);
        }
        assert_eq!(
            steady(next(UreqDuration::NotHappening)).after,
            UreqDuration::NotHappening
        );
    }
}
