//! [`Client`]: every operation goes through [`Client::call_json`] — operation row → local
//! checks → token → transport with retries → classified reply. The typed methods, `call`, the C
//! ABI, the CLI and the bindings are thin skins over it.

use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::auth::{Token, TokenCache};
use crate::config::{Config, Secret};
use crate::error::{Error, ErrorKind};
use crate::operations::{operation, Method, Operation, Retry, Service, Shape};
use crate::request::{prepare, push_query, Pages, Prepared};
use crate::response::{classify, list_page, login_token, Outcome};
use crate::transport::{Http, Reply};

/// The most pages `all_pages` reads (20 items each), a guard against a server that never ends.
const MAX_PAGES: u64 = 10_000;

/// A BTS client: courier API and WMS, one keep-alive connection pool, one token per service.
///
/// `Client` is `Send + Sync` and cheap to clone (an `Arc` inside): share one across threads.
/// Tokens are fetched on first need and shared; when 50 threads start at once there is still
/// one login (the others wait for it and share its outcome). A refused token triggers one fresh
/// login and one replay of the call.
///
/// ```no_run
/// use serde_json::json;
/// let client = bts::Client::new(bts::Config {
///     username: "shop".into(),
///     password: "s3cret".into(),
///     inn: "123456789".into(),
///     ..Default::default()
/// })?;
/// let price = client.call("order/calculate",
///     json!({"senderCityId": 3, "receiverCityId": 3, "weight": 1}))?;
/// println!("{}", price["summaryPrice"]);
/// # Ok::<(), bts::Error>(())
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    config: Config,
    http: Http,
    courier: TokenCache,
    wms: TokenCache,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client for `config`. Checks the configuration; connects and logs in only when the
    /// first call needs it.
    pub fn new(config: Config) -> Result<Client, Error> {
        config.validate()?;
        Ok(Client {
            inner: Arc::new(Inner {
                http: Http::new(&config)?,
                courier: TokenCache::new(config.token.clone()),
                wms: TokenCache::new(config.wms_token.clone()),
                config,
            }),
        })
    }

    /// A client from the configuration JSON object every binding uses (see [`Config`]).
    pub fn from_json(config_json: &str) -> Result<Client, Error> {
        Client::new(Config::from_json(config_json)?)
    }

    /// The configuration this client was built with.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// Calls `operation` (a name from [`OPERATIONS`](crate::OPERATIONS)) with `params` (a JSON
    /// object, or `null` for none) and returns the server's JSON.
    ///
    /// ```no_run
    /// # let client = bts::Client::new(bts::Config::default())?;
    /// let order = client.call("order/detail", serde_json::json!({"orderId": 229234}))?;
    /// println!("{}", order["status"]["id"]);
    /// # Ok::<(), bts::Error>(())
    /// ```
    pub fn call(&self, operation: &str, params: Value) -> Result<Value, Error> {
        let params = match params {
            Value::Object(map) => map,
            Value::Null => Map::new(),
            _ => return Err(Error::invalid_input("the parameters must be a JSON object")),
        };
        let text = self.execute(operation, &params)?;
        // Valid JSON that serde_json still refuses: a number beyond f64 or a lone UTF-16
        // surrogate. `call_json` passes such a body on; as a `Value` it cannot be held.
        serde_json::from_str(&text).map_err(|e| {
            Error::new(
                ErrorKind::Decode,
                format!(
                    "{operation}: the response cannot be held as a serde_json::Value ({}); call_json returns it as text",
                    crate::error::describe_json_error(&e)
                ),
            )
            .with_body(text.as_bytes())
        })
    }

    /// Like [`Client::call`], with JSON text in and out: the parameters as a JSON object text
    /// (empty for none) and the server's JSON text exactly as it was sent, never re-encoded.
    pub fn call_json(&self, operation: &str, params_json: &str) -> Result<String, Error> {
        let params = parse_params(params_json)?;
        self.execute(operation, &params)
    }

    /// Like [`Client::call_json`], but always answers with the JSON envelope every binding
    /// returns: `{"ok":true,"data":...}` or `{"ok":false,"error":{...}}`.
    pub fn call_envelope(&self, operation: &str, params_json: &str) -> String {
        match self.call_json(operation, params_json) {
            Ok(data) => crate::error::ok_envelope_owned(data),
            Err(e) => e.to_envelope(),
        }
    }

    /// Calls `operation` with a typed request and decodes the typed response.
    pub fn call_typed<P: Serialize, R: DeserializeOwned>(
        &self,
        operation: &str,
        params: &P,
    ) -> Result<R, Error> {
        let params = match serde_json::to_value(params) {
            Ok(Value::Object(map)) => map,
            Ok(Value::Null) => Map::new(),
            _ => {
                return Err(Error::invalid_input(
                    "the parameters must encode as a JSON object",
                ))
            }
        };
        let text = self.execute(operation, &params)?;
        serde_json::from_str(&text).map_err(|e| {
            Error::new(
                ErrorKind::Decode,
                format!(
                    "{operation}: the response does not have the documented shape ({}); the server's JSON is in body",
                    crate::error::describe_json_error(&e)
                ),
            )
            .with_body(text.as_bytes())
        })
    }

    /// The one path every call takes.
    fn execute(&self, name: &str, params: &Map<String, Value>) -> Result<String, Error> {
        let op = operation(name).ok_or_else(|| {
            Error::invalid_input(format!(
                "unknown operation {:?}; bts_operations() lists them",
                name.chars().take(100).collect::<String>()
            ))
        })?;
        let deadline = Instant::now() + self.inner.config.timeout();
        self.run(op, params, deadline).map_err(|e| self.scrub(e))
    }

    fn run(
        &self,
        op: &Operation,
        params: &Map<String, Value>,
        deadline: Instant,
    ) -> Result<String, Error> {
        let config = &self.inner.config;
        let prepared = prepare(op, params, &config.base_url, &config.wms_base_url)?;
        if op.shape == Shape::Login {
            let cache = self.cache(op.service);
            cache.clear();
            cache.get(deadline, || self.login(op.service, deadline))?;
            return Ok(r#"{"authenticated":true}"#.to_owned());
        }
        match prepared.pages {
            Some(Pages::All) => self.all_pages(op, &prepared, deadline),
            Some(Pages::One(Some(page))) => {
                let mut url = prepared.url.clone();
                push_query(&mut url, "page", &page.to_string());
                self.send_authed(op.name, &prepared, &url, deadline)
            }
            _ => self.send_authed(op.name, &prepared, &prepared.url, deadline),
        }
    }

    /// Every page of a list, items joined into one array, in page order, without re-encoding.
    fn all_pages(
        &self,
        op: &Operation,
        prepared: &Prepared,
        deadline: Instant,
    ) -> Result<String, Error> {
        let mut out = String::from("[");
        let mut page = 1u64;
        loop {
            let mut url = prepared.url.clone();
            push_query(&mut url, "page", &page.to_string());
            let text = self.send_authed(op.name, prepared, &url, deadline)?;
            let parsed = list_page(&text, op.name)?;
            if !parsed.items.is_empty() {
                if out.len() > 1 {
                    out.push(',');
                }
                out.push_str(parsed.items);
            }
            // The server clamps a page past the end to the last page (Yii2), so the page count,
            // not an empty page, ends the loop.
            let last = parsed.page_count.unwrap_or(page).min(MAX_PAGES);
            if page >= last || parsed.items.is_empty() {
                break;
            }
            page += 1;
        }
        out.push(']');
        Ok(out)
    }

    fn cache(&self, service: Service) -> &TokenCache {
        match service {
            Service::Courier => &self.inner.courier,
            Service::Wms => &self.inner.wms,
        }
    }

    /// Sends with the service's token; on an auth refusal, one fresh login and one replay.
    fn send_authed(
        &self,
        what: &str,
        prepared: &Prepared,
        url: &str,
        deadline: Instant,
    ) -> Result<String, Error> {
        let cache = self.cache(prepared.service);
        let mut replayed = false;
        loop {
            let token: Token = cache.get(deadline, || self.login(prepared.service, deadline))?;
            let reply = self.send_with_retry(
                prepared.method,
                url,
                Some(token.value.expose()),
                prepared.body.as_deref(),
                prepared.retry,
                deadline,
            )?;
            match classify(reply, what) {
                Outcome::Ok(text) => return Ok(text),
                Outcome::Failed(error) => return Err(error),
                Outcome::AuthRefused(error) => {
                    if replayed {
                        return Err(error);
                    }
                    replayed = true;
                    cache.invalidate(token.generation);
                }
            }
        }
    }

    /// One request, retried as its class allows: reads on network errors, timeouts, 429, 500
    /// (unless its body carries field errors: that is an answer), 502, 503 and 504 (backoff,
    /// `Retry-After`), writes only when the connection failed before the request was sent.
    /// Never past `deadline`.
    fn send_with_retry(
        &self,
        method: Method,
        url: &str,
        bearer: Option<&str>,
        body: Option<&[u8]>,
        retry: Retry,
        deadline: Instant,
    ) -> Result<Reply, Error> {
        let max = self.inner.config.max_retries;
        let mut attempt = 0u32;
        loop {
            let last = self.inner.http.send(method, url, bearer, body, deadline);
            let wait = match &last {
                Ok(reply) => {
                    // BTS's error table says of a 500 "try again later".
                    let transient = match reply.status {
                        429 | 502 | 503 | 504 => true,
                        500 => !reply.carries_field_errors(),
                        _ => false,
                    };
                    if !(transient && retry == Retry::Safe && attempt < max) {
                        return last;
                    }
                    reply.retry_after.unwrap_or_else(|| backoff(attempt))
                }
                Err(error) => {
                    let may_retry = match retry {
                        Retry::Safe => {
                            matches!(error.kind(), ErrorKind::Network | ErrorKind::Timeout)
                        }
                        Retry::Unsafe => {
                            !error.may_have_reached_server() && error.kind() == ErrorKind::Network
                        }
                    };
                    if !may_retry || attempt >= max {
                        return last;
                    }
                    backoff(attempt)
                }
            };
            // Do not start a wait that would end past the deadline: answer now instead.
            if Instant::now() + wait >= deadline {
                return last;
            }
            thread::sleep(wait);
            attempt += 1;
        }
    }

    /// Logs in to `service` with the configured credentials and returns the token.
    fn login(&self, service: Service, deadline: Instant) -> Result<Secret, Error> {
        let config = &self.inner.config;
        let (op, body, keys) = match service {
            Service::Courier => {
                if !config.has_courier_credentials() {
                    return Err(Error::new(
                        ErrorKind::Auth,
                        "no courier credentials configured (username, password, inn) and no valid token",
                    ));
                }
                let body = serde_json::json!({
                    "username": config.username,
                    "password": config.password.expose(),
                    "inn": config.inn,
                });
                (
                    operation("auth/get-token"),
                    body,
                    &["token", "access_token"][..],
                )
            }
            Service::Wms => {
                if !config.has_wms_credentials() {
                    return Err(Error::new(
                        ErrorKind::Auth,
                        "no WMS credentials configured (wms_login, wms_password) and no valid token",
                    ));
                }
                let body = serde_json::json!({
                    "login": config.wms_login,
                    "password": config.wms_password.expose(),
                });
                (
                    operation("wms/auth/login"),
                    body,
                    &["access_token", "token"][..],
                )
            }
        };
        let op =
            op.ok_or_else(|| Error::internal("the login operation is missing from the table"))?;
        let url = crate::request::route_url(
            service,
            match service {
                Service::Courier => &config.base_url,
                Service::Wms => &config.wms_base_url,
            },
            op.route,
        );
        let body =
            serde_json::to_vec(&body).map_err(|_| Error::internal("could not encode the login"))?;
        let reply =
            self.send_with_retry(Method::Post, &url, None, Some(&body), Retry::Safe, deadline)?;
        let status = reply.status;
        match classify(reply, op.name) {
            Outcome::Ok(text) => login_token(&text, keys).map(Secret::new).ok_or_else(|| {
                Error::new(
                    ErrorKind::Decode,
                    format!("{}: the login reply carries no token", op.name),
                )
                .with_status(status)
            }),
            Outcome::AuthRefused(error) => Err(error),
            Outcome::Failed(error) if (400..500).contains(&status) && status != 429 => {
                // A refused login is `auth`, with the server's field errors (e.g. {"inn": [...]}).
                let mut refused = Error::new(
                    ErrorKind::Auth,
                    format!("{}: BTS refused the login (HTTP {status})", op.name),
                )
                .with_status(status)
                .with_fields(error.fields().clone());
                if let Some(body) = error.body() {
                    refused = refused.with_body(body.as_bytes());
                }
                Err(refused)
            }
            Outcome::Failed(error) => Err(error),
        }
    }

    /// Removes every credential and token from an error's text before it leaves the library.
    fn scrub(&self, error: Error) -> Error {
        let config = &self.inner.config;
        let courier = self.inner.courier.current();
        let wms = self.inner.wms.current();
        let mut secrets: Vec<&str> = vec![config.password.expose(), config.wms_password.expose()];
        for s in [&config.token, &config.wms_token].into_iter().flatten() {
            secrets.push(s.expose());
        }
        for s in [&courier, &wms].into_iter().flatten() {
            secrets.push(s.expose());
        }
        error.redact(&secrets)
    }
}

/// The parameters text as a JSON object: empty text or `null` is `{}`.
pub(crate) fn parse_params(params_json: &str) -> Result<Map<String, Value>, Error> {
    let trimmed = params_json.trim();
    if trimmed.is_empty() {
        return Ok(Map::new());
    }
    match serde_json::from_str::<Value>(trimmed) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(Value::Null) => Ok(Map::new()),
        Ok(_) => Err(Error::invalid_input("the parameters must be a JSON object")),
        Err(e) => Err(Error::invalid_input(format!(
            "the parameters are not valid JSON ({})",
            crate::error::describe_json_error(&e)
        ))),
    }
}

/// 100 ms, 200 ms, 400 ms… capped at 2 s, with ±25 % jitter so that many clients do not retry
/// in step.
fn backoff(attempt: u32) -> Duration {
    let base = 100u64.saturating_mul(1 << attempt.min(5)).min(2000);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0) as u64;
    let jitter = (nanos % 51) as i64 - 25; // -25..=25 percent
    let ms = (base as i64 + base as i64 * jitter / 100).max(1) as u64;
    Duration::from_millis(ms)
}
