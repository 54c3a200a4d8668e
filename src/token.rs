//! What a login or refresh answers (an access token, and a refresh token where the API issues
//! one) and when a token is due for renewal: shared by the in-process cache (`auth`) and the
//! token file shared between processes (`token_cache`).

use std::time::Duration;

use crate::config::Secret;

/// What a login or refresh answers: the access token, and a refresh token where the API issues
/// one (the current courier API, the WMS).
#[derive(Debug, Clone)]
pub(crate) struct Tokens {
    pub access: Secret,
    pub refresh: Option<Secret>,
}

/// How long before its `exp` a JWT access token is renewed instead of used.
pub(crate) const RENEW_BEFORE: Duration = Duration::from_secs(60);

/// Whether a token whose `exp` is `expires` should be renewed now.
pub(crate) fn expiring(expires: Option<u64>) -> bool {
    let Some(exp) = expires else { return false };
    exp <= crate::time::now_secs() + RENEW_BEFORE.as_secs()
}

/// The `exp` claim of a JWT (`header.payload.signature`, base64url), or `None` for any other
/// token (the legacy API's are 40 hex digits).
pub(crate) fn jwt_exp(token: &str) -> Option<u64> {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine as _;
    let mut parts = token.split('.');
    let (_, payload, _) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || payload.len() > 8192 {
        return None;
    }
    let bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    #[derive(serde::Deserialize)]
    struct Claims {
        exp: Option<serde_json::Value>,
    }
    let claims: Claims = serde_json::from_slice(&bytes).ok()?;
    match claims.exp? {
        serde_json::Value::Number(n) => n.as_u64().or_else(|| n.as_f64().map(|f| f as u64)),
        serde_json::Value::String(s) => s.parse().ok(),
        _ => None,
    }
}
