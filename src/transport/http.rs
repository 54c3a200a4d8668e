//! One HTTP exchange: [`Http::send`] sends a [`Request`] with the client's headers and
//! deadline, and reads the whole body, within the size limit, into a [`Reply`].

use std::sync::Arc;
use std::time::{Duration, Instant};

use ureq::http::header::{HeaderName, HeaderValue, AUTHORIZATION, CONTENT_TYPE};

use super::agents::{Plan, Pool};
use super::errors::{map_error, timeout_error};
use super::proxy::proxies;
use super::retry_after::parse_retry_after;
use super::tls::load_roots;
use crate::config::Config;
use crate::error::Error;
use crate::operations::Method;

/// The current API's language header (see [`Config`]'s `language`).
const LANGUAGE: HeaderName = HeaderName::from_static("language");
/// The call's request id, sent to BTS (see `src/logging.rs`).
const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
/// The content type of every request body.
const APPLICATION_JSON: HeaderValue = HeaderValue::from_static("application/json");

/// One HTTP request, as [`Http::send`] sends it. (No `Debug`: it holds the token.)
#[derive(Clone, Copy)]
pub(crate) struct Request<'a> {
    /// GET or POST.
    pub method: Method,
    /// The whole URL, query included.
    pub url: &'a str,
    /// The token for `Authorization: Bearer`, if any.
    pub bearer: Option<&'a str>,
    /// The JSON body, if any.
    pub body: Option<&'a [u8]>,
}

/// What came back from one HTTP exchange.
#[derive(Debug)]
pub(crate) struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// The whole body, as the server sent it.
    pub body: Vec<u8>,
    /// `Retry-After`, when the server sent one we understand.
    pub retry_after: Option<Duration>,
}

impl Reply {
    /// Whether the body is a JSON object with field errors (`{"errors": {...}}`): an answer,
    /// not a hiccup, whatever the status.
    pub fn carries_field_errors(&self) -> bool {
        std::str::from_utf8(&self.body)
            .ok()
            .and_then(|text| crate::json_check::check(text).ok())
            .is_some_and(|found| found.errors)
    }
}

/// The shared HTTP client: the agents of the process that built it, and those of a forked
/// child, built on its first call there (see the module docs, "Fork").
#[derive(Debug)]
pub(crate) struct Http {
    pool: Pool,
    /// The current courier API's `language` header, when the client speaks it.
    language: Option<String>,
    max_body: u64,
    timeout: Duration,
}

impl Http {
    /// The client's HTTP layer: checks `ca_file` and the proxy settings (the configuration's,
    /// else the environment's) and builds the agents.
    pub fn new(config: &Config) -> Result<Http, Error> {
        let (http_proxy, https_proxy) = proxies(
            config.proxy.as_deref(),
            config.no_proxy.as_deref(),
            &|name| std::env::var(name).ok(),
        )?;
        let extra_roots = match &config.ca_file {
            Some(path) => load_roots(path)?,
            None => Vec::new(),
        };
        let plan = Plan {
            user_agent: config.user_agent.clone(),
            timeout: config.timeout(),
            connect_timeout: config.connect_timeout(),
            http_proxy,
            https_proxy,
            extra_roots: Arc::new(extra_roots),
        };
        Ok(Http {
            pool: Pool::new(plan)?,
            language: (config.courier_api == crate::operations::Api::Current)
                .then(|| config.language.clone()),
            max_body: config.max_response_bytes,
            timeout: config.timeout(),
        })
    }

    /// The headers every request carries: the token, the language, the request id, and the
    /// time left of the call when it is shorter than the agent's timeout.
    fn headers<B>(
        &self,
        mut req: ureq::RequestBuilder<B>,
        bearer: Option<HeaderValue>,
        request_id: Option<HeaderValue>,
        timeout: Option<Duration>,
    ) -> ureq::RequestBuilder<B> {
        if let Some(value) = bearer {
            req = req.header(AUTHORIZATION, value);
        }
        if let Some(language) = &self.language {
            req = req.header(LANGUAGE, language.as_str());
        }
        if let Some(id) = request_id {
            req = req.header(X_REQUEST_ID, id);
        }
        if let Some(left) = timeout {
            req = req.config().timeout_global(Some(left)).build();
        }
        req
    }

    /// Sends one request and reads the whole response before `deadline`.
    pub fn send(&self, request: Request<'_>, deadline: Instant) -> Result<Reply, Error> {
        let Request {
            method,
            url,
            bearer,
            body,
        } = request;
        let now = Instant::now();
        let remaining = deadline.saturating_duration_since(now);
        if remaining.is_zero() {
            return Err(timeout_error(false));
        }
        let call = crate::logging::current();
        let agents = self.pool.agents()?;
        let agent = agents.pick(url);
        // Header names are constants and values are built once, without copies: ureq would
        // parse a name given as text on every request.
        let bearer = match bearer {
            Some(token) => {
                let mut value = String::with_capacity(7 + token.len());
                value.push_str("Bearer ");
                value.push_str(token);
                Some(HeaderValue::try_from(value).map_err(|_| {
                    Error::invalid_input("the token holds a character an HTTP header cannot carry")
                })?)
            }
            None => None,
        };
        let request_id = call
            .as_ref()
            .and_then(|(_, id)| HeaderValue::from_str(id.as_str()).ok());
        // The agent's global timeout is the whole call's; later attempts (retries, re-logins)
        // get only what is left of it.
        let shorter = (remaining + Duration::from_millis(5) < self.timeout).then_some(remaining);
        let result = match method {
            // A GET with a JSON body: the current API's webhook registration, as its docs show it.
            Method::Get => {
                let req = self.headers(agent.get(url), bearer, request_id, shorter);
                match body {
                    Some(body) => req
                        .force_send_body()
                        .header(CONTENT_TYPE, APPLICATION_JSON)
                        .send(body),
                    None => req.call(),
                }
            }
            Method::Post => self
                .headers(agent.post(url), bearer, request_id, shorter)
                .header(CONTENT_TYPE, APPLICATION_JSON)
                .send(body.unwrap_or(b"{}")),
        };
        let mut response = result.map_err(|e| map_error(e, false))?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(parse_retry_after);
        // Size the buffer once from Content-Length (a hint: never above the limit), so that the
        // read does not move or reallocate the body.
        let hint = response
            .headers()
            .get("content-length")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
            .min(self.max_body) as usize;
        let mut body = Vec::with_capacity(hint);
        std::io::Read::read_to_end(
            &mut response
                .body_mut()
                .with_config()
                .limit(self.max_body)
                .reader(),
            &mut body,
        )
        // ureq wraps its own errors (a timeout, the body limit) in io::Error: unwrap them.
        .map_err(|e| map_error(ureq::Error::from(e), true).with_status(status))?;
        Ok(Reply {
            status,
            body,
            retry_after,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_proxy_credentials() {
        let config = Config {
            proxy: Some("http://shop:Pr0xy-S3cret@127.0.0.1:3128".into()),
            ..Config::default()
        };
        let http = Http::new(&config).unwrap();
        for text in [format!("{http:?}"), format!("{config:?}")] {
            assert!(!text.contains("Pr0xy-S3cret"), "{text}");
        }
        assert!(format!("{config:?}").contains("http://***@127.0.0.1:3128"));
    }
}
