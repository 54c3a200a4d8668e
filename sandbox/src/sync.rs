//! Locking that survives a panicked holder: the sandbox keeps serving after a handler panics.

use std::sync::Mutex;

pub(crate) fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
