//! Tokens: fetched on first need, cached, shared by every thread, renewed once when the server
//! refuses one. One login at a time per service (single flight): threads that arrive while a
//! login is under way wait for it and share its outcome, success or failure, so a wrong
//! password is sent once, not once per waiting thread.
//!
//! With `token_cache`, the one thread that renews first asks the token file shared with other
//! processes (`src/token_cache.rs`): a token another process left there is used without a login,
//! and a token BTS refused is dropped from it before the new login.

use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::config::Secret;
use crate::error::{Error, ErrorKind};
use crate::token::expiring;
use crate::token::{jwt_exp, Tokens};

/// A token and the login generation that produced it.
/// How long a refused login is remembered: callers arriving in that window get the same
/// refusal without another login request (repeated refusals can lock an account).
pub(crate) const REFUSAL_MEMORY: Duration = Duration::from_secs(2);

#[derive(Debug, Clone)]
pub(crate) struct Token {
    /// The bearer token.
    pub value: Arc<Secret>,
    /// Which login produced it (0 for a pre-set token).
    pub generation: u64,
}

#[derive(Debug, Default)]
struct Slot {
    token: Option<Arc<Secret>>,
    /// The access token's `exp` (seconds since 1970), when it is a JWT that says.
    expires: Option<u64>,
    refresh: Option<Arc<Secret>>,
    generation: u64,
    in_flight: bool,
    last_failure: Option<(u64, Error)>,
    refused_at: Option<Instant>,
    /// The last token BTS refused (the shared file drops it and never hands it out again).
    refused: Option<Arc<Secret>>,
    /// An explicit login asked for: the next renewal logs in without reading the shared file.
    forced: bool,
}

/// One service's token cache.
#[derive(Debug, Default)]
pub(crate) struct TokenCache {
    slot: Mutex<Slot>,
    changed: Condvar,
    /// The token file shared with other processes (configuration key `token_cache`).
    shared: Option<crate::token_cache::Shared>,
}

impl TokenCache {
    /// A cache that starts with a pre-set access token and refresh token, or empty.
    pub fn new(preset: Option<Secret>, refresh: Option<Secret>) -> TokenCache {
        TokenCache {
            slot: Mutex::new(Slot {
                expires: preset.as_ref().and_then(|t| jwt_exp(t.expose())),
                token: preset.map(Arc::new),
                refresh: refresh.map(Arc::new),
                ..Slot::default()
            }),
            changed: Condvar::new(),
            shared: None,
        }
    }

    /// The same cache, also sharing its tokens through a token file.
    pub fn with_shared(mut self, shared: Option<crate::token_cache::Shared>) -> TokenCache {
        self.shared = shared;
        self
    }

    fn lock(&self) -> MutexGuard<'_, Slot> {
        // A panic while holding this lock cannot leave the slot inconsistent (every update is
        // one assignment), so a poisoned lock is still usable.
        self.slot.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The current token, renewing it first when there is none or it expires within
    /// [`RENEW_BEFORE`]. `renew` gets the refresh token (if any) and runs on at most one thread
    /// at a time; the others wait (until `deadline`) and share its outcome.
    pub fn get(
        &self,
        deadline: Instant,
        renew: impl FnOnce(Option<Arc<Secret>>) -> Result<Tokens, Error>,
    ) -> Result<Token, Error> {
        let mut slot = self.lock();
        loop {
            if let Some(value) = &slot.token {
                if !expiring(slot.expires) {
                    return Ok(Token {
                        value: value.clone(),
                        generation: slot.generation,
                    });
                }
            }
            if !slot.in_flight {
                // A login refused a moment ago is refused again, without asking.
                if let (Some(at), Some((_, error))) = (slot.refused_at, &slot.last_failure) {
                    if at.elapsed() < REFUSAL_MEMORY {
                        return Err(error.clone());
                    }
                }
                break;
            }
            let waiting_for = slot.generation;
            while slot.in_flight && slot.generation == waiting_for {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    return Err(Error::new(
                        ErrorKind::Timeout,
                        "the call did not finish within timeout_ms (waiting for a login)",
                    ));
                }
                slot = self
                    .changed
                    .wait_timeout(slot, left)
                    .map(|(g, _)| g)
                    .unwrap_or_else(|p| p.into_inner().0);
            }
            if slot.generation != waiting_for && slot.token.is_none() {
                if let Some((generation, error)) = &slot.last_failure {
                    if *generation == slot.generation {
                        return Err(error.clone());
                    }
                }
            }
        }
        slot.in_flight = true;
        let refresh = slot.refresh.clone();
        let refused = slot.refused.take();
        let forced = std::mem::take(&mut slot.forced);
        drop(slot);

        // Whatever happens in `login` (even a panic), the flag is cleared and waiters wake.
        struct Release<'a>(&'a TokenCache, Option<Result<Tokens, Error>>);
        impl Drop for Release<'_> {
            fn drop(&mut self) {
                let mut slot = self.0.lock();
                slot.in_flight = false;
                slot.generation += 1;
                let generation = slot.generation;
                match self.1.take() {
                    Some(Ok(tokens)) => {
                        slot.expires = jwt_exp(tokens.access.expose());
                        slot.token = Some(Arc::new(tokens.access));
                        if let Some(refresh) = tokens.refresh {
                            slot.refresh = Some(Arc::new(refresh));
                        }
                        slot.last_failure = None;
                        slot.refused_at = None;
                    }
                    Some(Err(error)) => {
                        slot.refused_at = (error.kind() == ErrorKind::Auth).then(Instant::now);
                        slot.last_failure = Some((generation, error));
                    }
                    None => {
                        slot.last_failure =
                            Some((generation, Error::internal("the login failed unexpectedly")))
                    }
                }
                self.0.changed.notify_all();
            }
        }
        let mut release = Release(self, None);
        let outcome = match &self.shared {
            Some(shared) => shared.renew(deadline, refused, refresh, forced, renew),
            None => renew(refresh),
        };
        release.1 = Some(outcome.clone());
        drop(release);
        let slot = self.lock();
        match outcome {
            Ok(_) => match &slot.token {
                Some(value) => Ok(Token {
                    value: value.clone(),
                    generation: slot.generation,
                }),
                None => Err(Error::internal("the new token vanished")),
            },
            Err(error) => Err(error),
        }
    }

    /// Forgets the token of `generation` after the server refused it. A newer token (another
    /// thread already logged in again) is kept.
    pub fn invalidate(&self, generation: u64) {
        let mut slot = self.lock();
        if slot.generation == generation {
            slot.refused = slot.token.take();
        }
    }

    /// Forgets whatever token there is (an explicit login).
    pub fn clear(&self) {
        let mut slot = self.lock();
        if !slot.in_flight {
            slot.token = None;
            slot.forced = true;
        }
    }

    /// Every token value this cache holds now, access and refresh (for scrubbing error texts).
    pub fn current(&self) -> Vec<Arc<Secret>> {
        let slot = self.lock();
        slot.token
            .iter()
            .chain(slot.refresh.iter())
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    #[test]
    fn one_login_for_many_threads_and_shared_failure() {
        let cache = Arc::new(TokenCache::new(None, None));
        let logins = Arc::new(AtomicUsize::new(0));
        let threads: Vec<_> = (0..16)
            .map(|_| {
                let (cache, logins) = (cache.clone(), logins.clone());
                std::thread::spawn(move || {
                    cache
                        .get(Instant::now() + Duration::from_secs(5), |_| {
                            logins.fetch_add(1, Ordering::SeqCst);
                            std::thread::sleep(Duration::from_millis(50));
                            Err(Error::new(ErrorKind::Auth, "refused"))
                        })
                        .unwrap_err()
                        .kind()
                })
            })
            .collect();
        for t in threads {
            assert_eq!(t.join().unwrap(), ErrorKind::Auth);
        }
        // Threads that arrived during the login shared its refusal; later ones got the
        // remembered refusal.
        assert_eq!(logins.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn invalidate_keeps_a_newer_token() {
        let cache = TokenCache::new(Some(Secret::new("old")), None);
        let t = cache.get(Instant::now(), |_| unreachable!()).unwrap();
        assert_eq!(t.generation, 0);
        cache.invalidate(0);
        let t2 = cache
            .get(Instant::now() + Duration::from_secs(1), |_| {
                Ok(Tokens {
                    access: Secret::new("new"),
                    refresh: None,
                })
            })
            .unwrap();
        assert_eq!(t2.value.expose(), "new");
        cache.invalidate(0); // stale: ignored
        let t3 = cache.get(Instant::now(), |_| unreachable!()).unwrap();
        assert_eq!(t3.value.expose(), "new");
    }

    fn jwt(exp: u64) -> String {
        use base64::engine::general_purpose::URL_SAFE_NO_PAD;
        use base64::Engine as _;
        let payload = URL_SAFE_NO_PAD.encode(format!(r#"{{"uid":7,"exp":{exp}}}"#));
        format!("eyJhbGciOiJSUzI1NiJ9.{payload}.c2ln")
    }

    #[test]
    fn an_expiring_jwt_is_renewed_with_the_refresh_token_before_use() {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        assert_eq!(jwt_exp(&jwt(now + 5)), Some(now + 5));
        assert_eq!(jwt_exp("0123456789abcdef0123456789abcdef01234567"), None);
        let cache = TokenCache::new(Some(Secret::new(jwt(now + 30))), Some(Secret::new("r1")));
        let fresh = jwt(now + 86_400);
        let t = cache
            .get(Instant::now() + Duration::from_secs(1), |refresh| {
                assert_eq!(refresh.unwrap().expose(), "r1");
                Ok(Tokens {
                    access: Secret::new(fresh.clone()),
                    refresh: Some(Secret::new("r2")),
                })
            })
            .unwrap();
        assert_eq!(t.value.expose(), fresh);
        // Valid for a day: used as it is.
        let again = cache.get(Instant::now(), |_| unreachable!()).unwrap();
        assert_eq!(again.value.expose(), fresh);
        cache.invalidate(again.generation);
        cache
            .get(Instant::now() + Duration::from_secs(1), |refresh| {
                assert_eq!(refresh.unwrap().expose(), "r2", "the rotated refresh token");
                Err(Error::new(ErrorKind::Auth, "refused"))
            })
            .unwrap_err();
    }
}
