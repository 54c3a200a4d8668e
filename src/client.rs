//! [`Client`]: every operation goes through [`Client::call_json`] — operation row → local
//! checks → token → transport with retries → classified reply. The typed methods, `call`, the C
//! ABI, the CLI and the bindings are thin skins over it.
//!
//! Longer than 600 lines: the call path (checks, dispatch, pages, retries, logins, the
//! exchange log) is one sequence read top to bottom. Local dispatch and pages are being
//! reworked (issue 22, item 4); this file is split after that, so as not to move code under it.

use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::auth::{Token, TokenCache};
use crate::config::{Config, Secret};
use crate::error::{Error, ErrorKind};
use crate::journal::{CreateOnce, Journal, Replied};
use crate::operations::{operation, ops, Api, Endpoint, Method, Operation, Retry, Service, Shape};
use crate::request::{prepare, push_query, Bases, Pages, Params, Prepared};
use crate::response::{classify_for, list_page, login_token, Outcome};
use crate::token::Tokens;
use crate::transport::{Http, Reply, Request};

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
    /// Where exchanges are logged (`log`), if anywhere.
    log: Option<crate::logging::Sink>,
    http: Http,
    courier: TokenCache,
    wms: TokenCache,
    /// The create-once journal (configuration key `journal`), see src/journal.rs.
    journal: Option<Journal>,
    /// The pause a `Retry-After` imposes on every request of the client (src/pause.rs).
    pause: crate::pause::Pause,
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
    pub fn new(mut config: Config) -> Result<Client, Error> {
        config.settle_defaults();
        config.validate()?;
        let journal = match &config.journal {
            Some(path) => Some(Journal::open(path, config.journal_keep_days)?),
            None => None,
        };
        let (courier_shared, wms_shared) = crate::token_cache::for_config(&config)?;
        let log = match &config.log {
            Some(spec) => Some(crate::logging::Sink::open(spec)?),
            None => None,
        };
        Ok(Client {
            inner: Arc::new(Inner {
                log,
                http: Http::new(&config)?,
                courier: TokenCache::new(config.token.clone(), config.refresh_token.clone())
                    .with_shared(courier_shared),
                wms: TokenCache::new(config.wms_token.clone(), None).with_shared(wms_shared),
                journal,
                pause: crate::pause::Pause::default(),
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

    /// The create-once journal as this client uses it (see src/journal.rs).
    pub(crate) fn journal(&self) -> CreateOnce<'_> {
        CreateOnce {
            store: self.inner.journal.as_ref(),
            config: &self.inner.config,
            server: self,
        }
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
        self.call_op(lookup(operation)?, params)
    }

    /// Like [`Client::call`], naming the operation by its constant (`&bts::ops::ORDER_DETAIL`).
    pub fn call_op(&self, op: &Operation, params: Value) -> Result<Value, Error> {
        if !(params.is_object() || params.is_null()) {
            return Err(Error::invalid_input("the parameters must be a JSON object"));
        }
        let text = self.execute(op, &params.to_string())?;
        decode_value(op, text)
    }

    /// Like [`Client::call`], with JSON text in and out: the parameters as a JSON object text
    /// (empty for none), sent as written (key order, number spelling and big integers reach
    /// BTS unchanged), and the server's JSON text exactly as it was sent, never re-encoded.
    pub fn call_json(&self, operation: &str, params_json: &str) -> Result<String, Error> {
        self.execute(lookup(operation)?, params_json)
    }

    /// Like [`Client::call_json`], also saying whether the answer is a replay from the journal
    /// (see [`Replied`]). Bindings build their envelope from it.
    pub fn call_json_replied(&self, operation: &str, params_json: &str) -> Result<Replied, Error> {
        self.execute_replied(lookup(operation)?, params_json)
    }

    /// Like [`Client::call_json`], but always answers with the JSON envelope every binding
    /// returns: `{"ok":true,"data":...}` or `{"ok":false,"error":{...}}`.
    pub fn call_envelope(&self, operation: &str, params_json: &str) -> String {
        match self.call_json_replied(operation, params_json) {
            Ok(replied) => replied.into_envelope(),
            Err(e) => e.to_envelope(),
        }
    }

    /// Calls `operation` with a typed request and decodes the typed response.
    pub fn call_typed<P: Serialize, R: DeserializeOwned>(
        &self,
        operation: &str,
        params: &P,
    ) -> Result<R, Error> {
        let op = lookup(operation)?;
        let text = self.execute(op, &encode(params)?)?;
        decode_typed(op, text)
    }

    /// The typed methods' path: the request serialised once, for the API its type belongs to.
    pub(crate) fn call_typed_op<P: Serialize, R: DeserializeOwned>(
        &self,
        op: &Operation,
        api: Api,
        params: &P,
    ) -> Result<R, Error> {
        self.check_api(op, api)?;
        let text = self.execute(op, &encode(params)?)?;
        decode_typed(op, text)
    }

    /// The typed methods with positional arguments: each is the endpoint's query parameter of
    /// the same position (`null` ones are left out).
    pub(crate) fn call_args<R: DeserializeOwned>(
        &self,
        op: &Operation,
        api: Api,
        args: &[Value],
    ) -> Result<R, Error> {
        self.check_api(op, api)?;
        let known = match op.endpoint(api).map(|e| e.shape) {
            Some(Shape::Query(known)) | Some(Shape::BodyAndQuery(known)) => known,
            _ => &[],
        };
        let params: Map<String, Value> = known
            .iter()
            .zip(args)
            .filter(|(_, v)| !v.is_null())
            .map(|(q, v)| (q.name.to_owned(), v.clone()))
            .collect();
        let text = self.execute(op, &Value::Object(params).to_string())?;
        decode_typed(op, text)
    }

    /// A typed method of one courier API called on a client configured for the other.
    fn check_api(&self, op: &Operation, api: Api) -> Result<(), Error> {
        let configured = self.inner.config.courier_api;
        if matches!(api, Api::Legacy | Api::Current) && api != configured {
            return Err(Error::invalid_input(format!(
                "{}: this typed method is for the {} API, but the client speaks the {} API (courier_api); {}",
                op.name,
                api.as_str(),
                configured.as_str(),
                if configured == Api::Current { "use client.current()" } else { "use the methods of Client" }
            )));
        }
        Ok(())
    }

    /// The endpoint `op` uses on this client, or `invalid_input` naming the API that has it.
    fn endpoint(&self, op: &Operation) -> Result<&'static Endpoint, Error> {
        let api = match op.service {
            Service::Courier => self.inner.config.courier_api,
            Service::Wms => Api::Wms,
            Service::Local => Api::Local,
        };
        if op.shape() == Shape::Raw {
            return Ok(op.primary());
        }
        op.endpoint(api).ok_or_else(|| {
            let has: Vec<&str> = op.apis().map(Api::as_str).collect();
            Error::invalid_input(format!(
                "{} is an operation of the {} API; this client speaks the {} API (set courier_api); nothing was sent",
                op.name,
                has.join(" and "),
                api.as_str()
            ))
        })
    }

    /// The one path every call takes.
    fn execute(&self, op: &Operation, params_json: &str) -> Result<String, Error> {
        self.execute_replied(op, params_json).map(|r| r.data)
    }

    /// [`Client::execute`], also saying whether the journal answered (a replayed create).
    pub(crate) fn execute_replied(
        &self,
        op: &Operation,
        params_json: &str,
    ) -> Result<Replied, Error> {
        let deadline = Instant::now() + self.inner.config.timeout();
        let call = crate::logging::CallGuard::enter(op.name);
        // Create once (src/journal.rs): journaled creates go through the journal; the rest is
        // `run` unchanged.
        self.journal()
            .create_once(op.name, params_json, deadline, || {
                self.run(op, params_json, deadline)
            })
            .map_err(|e| self.scrub(e).with_request_id(call.request_id()))
    }

    fn run(&self, op: &Operation, params_json: &str, deadline: Instant) -> Result<String, Error> {
        let config = &self.inner.config;
        let endpoint = self.endpoint(op)?;
        let params = Params::parse(params_json)?;
        let bases = Bases {
            courier: &config.base_url,
            wms: &config.wms_base_url,
            courier_api: config.courier_api,
            routes: &config.routes,
        };
        if let Shape::Local(handler) = endpoint.shape {
            return self.run_local(handler, &params, deadline);
        }
        let prepared = prepare(op, endpoint, &params, &bases)?;
        if endpoint.shape == Shape::Login {
            let cache = self.cache(prepared.api);
            cache.clear();
            cache.get(deadline, |_| self.login(prepared.api, deadline))?;
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

    /// Downloads a file BTS links to (a sticker's PDF), bounded by the call's deadline and the
    /// body limit. The token goes along only to the configured courier host.
    pub(crate) fn download(&self, url: &str, deadline: Instant) -> Result<Vec<u8>, Error> {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(Error::new(
                ErrorKind::Decode,
                "the label link is not an http(s) URL",
            ));
        }
        let origin = |u: &str| {
            let rest = u.split_once("://").map_or(u, |(_, r)| r);
            let host = rest.split('/').next().unwrap_or("").to_owned();
            (u.split("://").next().unwrap_or("").to_owned(), host)
        };
        let same_host = origin(url) == origin(&self.inner.config.base_url);
        let token = if same_host {
            self.inner.courier.current().into_iter().next()
        } else {
            None
        };
        let request = Request {
            method: Method::Get,
            url,
            bearer: token.as_ref().map(|t| t.expose()),
            body: None,
        };
        let reply = self.send_with_retry(request, Retry::Safe, deadline)?;
        if !(200..300).contains(&reply.status) {
            return Err(Error::new(
                ErrorKind::Http,
                format!("the label link answered HTTP {}", reply.status),
            )
            .with_status(reply.status));
        }
        Ok(reply.body)
    }

    /// Every page of a list, items joined into one array, in page order, without re-encoding.
    /// Once the first page gives the page count, the others are fetched `page_concurrency` at a
    /// time; without a count, one after the other.
    fn all_pages(
        &self,
        op: &Operation,
        prepared: &Prepared,
        deadline: Instant,
    ) -> Result<String, Error> {
        let page_text = |page: u64| {
            let mut url = prepared.url.clone();
            push_query(&mut url, "page", &page.to_string());
            self.send_authed(op.name, prepared, &url, deadline)
        };
        let mut out = String::from("[");
        let first = out.len();
        let mut join = |items: &str| {
            if !items.is_empty() {
                if out.len() > first {
                    out.push(',');
                }
                out.push_str(items);
            }
        };
        let text = page_text(1)?;
        let parsed = list_page(&text, op.name)?;
        join(parsed.items);
        let counted = parsed.page_count.map(|count| count.min(MAX_PAGES));
        let workers = self.inner.config.page_concurrency as usize;
        let mut page = 1u64;
        let mut last = counted.unwrap_or(page);
        let mut empty = parsed.items.is_empty();
        drop(text);
        if let (Some(count), true, false) = (counted, workers > 1, empty) {
            // The rest side by side; joined in page order, up to the first empty page, as the
            // sequential loop would (the first error in page order is the answer).
            let rest: Vec<u64> = (2..=count).collect();
            let texts = crate::workers::in_order(&rest, workers, Result::is_err, |p| page_text(*p));
            for text in texts {
                let text = text?;
                let parsed = list_page(&text, op.name)?;
                if parsed.items.is_empty() {
                    break;
                }
                join(parsed.items);
            }
            last = page;
        }
        // The server clamps a page past the end to the last page (Yii2), so the page count,
        // not an empty page, ends the loop.
        while page < last && !empty {
            page += 1;
            let text = page_text(page)?;
            let parsed = list_page(&text, op.name)?;
            join(parsed.items);
            empty = parsed.items.is_empty();
            last = parsed.page_count.unwrap_or(page).min(MAX_PAGES);
        }
        out.push(']');
        Ok(out)
    }

    fn cache(&self, api: Api) -> &TokenCache {
        match api {
            Api::Wms => &self.inner.wms,
            _ => &self.inner.courier,
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
        let cache = self.cache(prepared.api);
        let mut replayed = false;
        loop {
            let token: Token = cache.get(deadline, |refresh| {
                self.renew(prepared.api, refresh, deadline)
            })?;
            let request = Request {
                method: prepared.method,
                url,
                bearer: Some(token.value.expose()),
                body: prepared.body.as_deref(),
            };
            let reply = self.send_with_retry(request, prepared.retry, deadline)?;
            match classify_for(prepared.api, reply, what) {
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
        request: Request<'_>,
        retry: Retry,
        deadline: Instant,
    ) -> Result<Reply, Error> {
        let max = self.inner.config.max_retries;
        let mut attempt = 0u32;
        // A `Retry-After` another request got holds this one too (src/pause.rs).
        self.inner.pause.wait(request.url, deadline)?;
        loop {
            let started = Instant::now();
            let last = self.inner.http.send(request, deadline);
            if let Some(sink) = &self.inner.log {
                self.log_exchange(sink, request.method, request.url, &last, attempt, started);
            }
            let wait = match &last {
                Ok(reply) => {
                    if let (429 | 503, Some(wait)) = (reply.status, reply.retry_after) {
                        self.inner.pause.hold(request.url, wait);
                    }
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
            if self.inner.pause.wait(request.url, deadline).is_err() {
                return last;
            }
            attempt += 1;
        }
    }

    /// New tokens for `api`: the refresh token first where there is one (and the API has a
    /// refresh route), then the password. A refused refresh falls back to one password login;
    /// without credentials the refusal is the answer (kind `auth`).
    fn renew(
        &self,
        api: Api,
        refresh: Option<Arc<Secret>>,
        deadline: Instant,
    ) -> Result<Tokens, Error> {
        if let (Some(refresh), Some(route)) = (refresh, crate::operations::refresh_route(api)) {
            let body = serde_json::json!({ "refresh_token": refresh.expose() });
            match self.token_request(api, "auth/refresh", route, &body, deadline) {
                Ok(tokens) => return Ok(tokens),
                Err(e) if e.kind() == ErrorKind::Auth && self.has_credentials(api) => {}
                Err(e) => return Err(e),
            }
        }
        self.login(api, deadline)
    }

    fn has_credentials(&self, api: Api) -> bool {
        let config = &self.inner.config;
        match api {
            Api::Wms => config.has_wms_credentials(),
            _ => config.has_courier_credentials(),
        }
    }

    /// Logs in to `api`'s server with the configured credentials. The route is the login
    /// operation's, from the table.
    fn login(&self, api: Api, deadline: Instant) -> Result<Tokens, Error> {
        let config = &self.inner.config;
        if !self.has_credentials(api) {
            return Err(Error::new(
                ErrorKind::Auth,
                match api {
                    Api::Wms => "no WMS credentials configured (wms_login, wms_password) and no valid token",
                    Api::Current => "no courier credentials configured (login, password) and no valid token",
                    _ => "no courier credentials configured (username, password, inn) and no valid token",
                },
            ));
        }
        let (op, body) = match api {
            Api::Wms => (
                &ops::WMS_AUTH_LOGIN,
                serde_json::json!({"login": config.wms_login, "password": config.wms_password.expose()}),
            ),
            Api::Current => (
                &ops::AUTH_GET_TOKEN,
                serde_json::json!({"login": config.login, "password": config.password.expose()}),
            ),
            _ => (
                &ops::AUTH_GET_TOKEN,
                serde_json::json!({
                    "username": config.username,
                    "password": config.password.expose(),
                    "inn": config.inn,
                }),
            ),
        };
        let endpoint = op.endpoint(api).ok_or_else(|| {
            Error::internal(format!(
                "{} has no route on the {} API",
                op.name,
                api.as_str()
            ))
        })?;
        let route = endpoint.route().ok_or_else(|| {
            Error::internal(format!(
                "{} has no route on the {} API",
                op.name,
                api.as_str()
            ))
        })?;
        self.token_request(api, op.name, route, &body, deadline)
    }

    /// A login or refresh request: the tokens it answers, or `auth` when it is refused (with
    /// the server's field errors, e.g. `{"inn": [...]}`).
    fn token_request(
        &self,
        api: Api,
        what: &str,
        route: &str,
        body: &Value,
        deadline: Instant,
    ) -> Result<Tokens, Error> {
        let config = &self.inner.config;
        let base = match api {
            Api::Wms => &config.wms_base_url,
            _ => &config.base_url,
        };
        let url = crate::request::route_url(api, base, route);
        let body =
            serde_json::to_vec(body).map_err(|_| Error::internal("could not encode the login"))?;
        let request = Request {
            method: Method::Post,
            url: &url,
            bearer: None,
            body: Some(&body),
        };
        let reply = self.send_with_retry(request, Retry::Safe, deadline)?;
        let status = reply.status;
        match classify_for(api, reply, what) {
            Outcome::Ok(text) => {
                let access = login_token(&text, &["access_token", "token"]).ok_or_else(|| {
                    Error::new(
                        ErrorKind::Decode,
                        format!("{what}: the reply carries no token"),
                    )
                    .with_status(status)
                })?;
                Ok(Tokens {
                    access: Secret::new(access),
                    refresh: login_token(&text, &["refresh_token"]).map(Secret::new),
                })
            }
            Outcome::AuthRefused(error) => Err(error),
            Outcome::Failed(error)
                if error
                    .status()
                    .is_some_and(|s| (400..500).contains(&s) && s != 429) =>
            {
                let shown = error.status().unwrap_or(status);
                let mut refused = Error::new(
                    ErrorKind::Auth,
                    format!("{what}: BTS refused the login (HTTP {shown})"),
                )
                .with_status(shown)
                .with_fields(error.fields().clone());
                if let Some(body) = error.body() {
                    refused = refused.with_body(body.as_bytes());
                }
                if let Some(code) = error.code() {
                    refused = refused.with_code(code);
                }
                Err(refused)
            }
            Outcome::Failed(error) => Err(error),
        }
    }

    /// One log line for one HTTP exchange (see `src/logging.rs`).
    fn log_exchange(
        &self,
        sink: &crate::logging::Sink,
        method: Method,
        url: &str,
        outcome: &Result<Reply, Error>,
        attempt: u32,
        started: Instant,
    ) {
        let call = crate::logging::current();
        // A URL holds no token, but a caller's `raw` query could hold anything: cut every
        // configured secret out of it.
        let url = self
            .scrub(Error::new(ErrorKind::Internal, url))
            .message()
            .to_owned();
        let line = crate::logging::Exchange {
            time: crate::logging::now_utc(),
            request_id: call.as_ref().map(|(_, id)| id.as_str()),
            operation: call.as_ref().map(|(op, _)| *op),
            method: method.as_str(),
            url: &url,
            status: match outcome {
                Ok(reply) => Some(reply.status),
                Err(e) => e.status(),
            },
            attempt: attempt + 1,
            ms: started.elapsed().as_millis() as u64,
            bytes: outcome.as_ref().map_or(0, |r| r.body.len()),
            sent: outcome
                .as_ref()
                .map_or_else(Error::may_have_reached_server, |_| true),
            kind: outcome.as_ref().err().map(|e| e.kind().as_str()),
        };
        if let Ok(text) = serde_json::to_string(&line) {
            sink.write(&text);
        }
    }

    /// Every credential and token the client holds, as text.
    fn secrets(&self) -> Vec<String> {
        let config = &self.inner.config;
        let mut out: Vec<String> = vec![
            config.password.expose().to_owned(),
            config.wms_password.expose().to_owned(),
        ];
        for s in [&config.token, &config.wms_token, &config.refresh_token]
            .into_iter()
            .flatten()
        {
            out.push(s.expose().to_owned());
        }
        for s in self
            .inner
            .courier
            .current()
            .iter()
            .chain(self.inner.wms.current().iter())
        {
            out.push(s.expose().to_owned());
        }
        out
    }

    /// Removes every credential and token from an error's text before it leaves the library.
    fn scrub(&self, error: Error) -> Error {
        let secrets = self.secrets();
        error.redact(&secrets.iter().map(String::as_str).collect::<Vec<_>>())
    }
}

/// Looks an operation up by name: an unknown one is `invalid_input`.
pub(crate) fn lookup(name: &str) -> Result<&'static Operation, Error> {
    operation(name).ok_or_else(|| {
        Error::invalid_input(format!(
            "unknown operation {:?}; bts_operations() lists them",
            name.chars().take(100).collect::<String>()
        ))
    })
}

/// A typed request as JSON text, serialised once.
fn encode<P: Serialize>(params: &P) -> Result<String, Error> {
    serde_json::to_string(params).map_err(|e| {
        Error::invalid_input("the parameters could not be encoded as JSON").with_source(e)
    })
}

/// Decodes a reply as `R`; a mismatch is kind `decode` with the server's text in `body`.
fn decode<R: DeserializeOwned>(op: &Operation, text: String, why: &str) -> Result<R, Error> {
    serde_json::from_str(&text).map_err(|e| {
        Error::new(
            ErrorKind::Decode,
            format!(
                "{}: the response {why} ({})",
                op.name,
                crate::error::describe_json_error(&e)
            ),
        )
        .with_body(text.as_bytes())
        .with_source(e)
    })
}

/// [`decode`] into a `Value`. Valid JSON that serde_json still refuses (a number beyond f64, a
/// lone UTF-16 surrogate) cannot be held as one; `call_json` passes such a body on.
fn decode_value(op: &Operation, text: String) -> Result<Value, Error> {
    decode(
        op,
        text,
        "cannot be held as a serde_json::Value; call_json returns it as text",
    )
}

fn decode_typed<R: DeserializeOwned>(op: &Operation, text: String) -> Result<R, Error> {
    decode(
        op,
        text,
        "does not have the documented shape; the server's JSON is in body",
    )
}

/// The journal looks pending creates up through the client's own call path.
impl crate::journal::Server for Client {
    fn call_json(&self, operation: &str, params_json: &str) -> Result<String, Error> {
        Client::call_json(self, operation, params_json)
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
