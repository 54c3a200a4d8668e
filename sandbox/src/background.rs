//! The sandbox's two background threads: webhook delivery (one notification after the other,
//! each outcome recorded) and the clock that moves current-API orders along.

use crate::shared::Shared;
use crate::sync::lock;
use crate::webhook::{post, Job, WebhookDelivery};
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::time::Duration;

/// Delivers one job and records it.
fn deliver(shared: &Shared, job: Job) {
    let outcome = post(&job);
    let d = WebhookDelivery {
        order_id: job.order_id,
        status_code: job.status_code,
        url: job.url,
        content_type: job.content_type,
        payload: job.payload,
        body: String::from_utf8_lossy(&job.body).into_owned(),
        key_header: job.key.map(|(name, _)| name),
        http_status: outcome.as_ref().ok().copied(),
        error: outcome.err(),
    };
    let mut st = lock(&shared.state);
    st.deliveries.push(d);
    st.current.hooks_pending = st.current.hooks_pending.saturating_sub(1);
}

/// The delivery thread: delivers notifications one after the other, until the sandbox stops.
pub(crate) fn run(shared: Arc<Shared>, rx: Receiver<Job>) {
    loop {
        if shared.stop.load(Ordering::SeqCst) {
            return;
        }
        match rx.recv_timeout(Duration::from_millis(50)) {
            Ok(job) => deliver(&shared, job),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}

/// The clock thread: runs the sandbox's clock (when set), until the sandbox stops.
pub(crate) fn clock(shared: Arc<Shared>) {
    while !shared.stop.load(Ordering::SeqCst) {
        std::thread::sleep(Duration::from_millis(10));
        lock(&shared.state).clock_tick();
    }
}
