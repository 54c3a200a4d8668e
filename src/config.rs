//! Client configuration: one JSON object with the same keys in Rust, C, Python, PHP, 1C and the
//! CLI.
//!
//! Longer than 600 lines: every key's field, default, documentation (the generator reads it)
//! and parse rule are kept in this one place.

use std::fmt;
use std::time::Duration;

use serde_json::{Map, Value};

use crate::error::Error;
use crate::operations::Api;

/// The documented courier API base URL.
pub const DEFAULT_BASE_URL: &str = "http://api.bts.uz:8080/index.php";
/// BTS's test server of the current courier API: the default `base_url` when `courier_api` is
/// `"current"` (the production host comes with the contract).
pub const DEFAULT_CURRENT_BASE_URL: &str = "https://apitest.bts.uz:28345";
/// The documented WMS base URL.
pub const DEFAULT_WMS_BASE_URL: &str = "http://wms.bts.uz:8040";

/// Every configuration key, in the order of the docs.
pub const CONFIG_KEYS: &[&str] = &[
    "courier_api",
    "base_url",
    "username",
    "password",
    "inn",
    "login",
    "token",
    "refresh_token",
    "language",
    "routes",
    "wms_base_url",
    "wms_login",
    "wms_password",
    "wms_token",
    "timeout_ms",
    "connect_timeout_ms",
    "max_retries",
    "page_concurrency",
    "user_agent",
    "max_response_bytes",
    "journal",
    "journal_keep_days",
    "token_cache",
    "log",
    "proxy",
    "no_proxy",
    "ca_file",
];

/// A credential or token. Its `Debug` and `Display` print `***`, never the value.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The secret itself: use it only to send it to BTS.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the value is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"***\"")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Secret {
        Secret(s.to_owned())
    }
}

impl From<String> for Secret {
    fn from(s: String) -> Secret {
        Secret(s)
    }
}

/// How a [`Client`](crate::Client) reaches BTS.
///
/// Build one in Rust, or parse the JSON object every binding uses:
///
/// ```
/// let config = bts::Config::from_json(r#"{
///     "username": "shop", "password": "s3cret", "inn": "123456789",
///     "timeout_ms": 15000
/// }"#).unwrap();
/// assert_eq!(config.timeout_ms, 15000);
/// assert_eq!(config.max_retries, 2); // the default
/// assert!(!format!("{config:?}").contains("s3cret"));
///
/// let err = bts::Config::from_json(r#"{"passwrd": "x"}"#).unwrap_err();
/// assert_eq!(err.kind(), bts::ErrorKind::InvalidInput);
/// assert!(err.message().contains("passwrd"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Config {
    /// Which courier API the client speaks: [`Api::Legacy`] (the 2018 `?r=v1/...` API) or
    /// [`Api::Current`] (the path-style `/v1/...` API new customers are given). Configuration
    /// key `courier_api`: `"legacy"` or `"current"`. Defaults to legacy.
    pub courier_api: Api,
    /// Courier API base URL (the Yii2 entry script). Defaults to
    /// `http://api.bts.uz:8080/index.php`.
    pub base_url: String,
    /// Courier API login. Defaults to empty (then only a pre-set `token` can authenticate).
    pub username: String,
    /// Courier API password. Never printed. Defaults to empty.
    pub password: Secret,
    /// The company's INN (taxpayer number), sent with the login. Defaults to empty.
    pub inn: String,
    /// The current courier API's login (its accounts log in with `login` and `password`; the
    /// legacy API's with `username`, `password` and `inn`). Defaults to empty.
    pub login: String,
    /// A courier access token obtained elsewhere: login is skipped until the server refuses it.
    /// Never printed. Defaults to none.
    pub token: Option<Secret>,
    /// The current courier API's refresh token, obtained elsewhere: renews the access token
    /// without the password (with no password configured, a refused refresh ends the call as
    /// kind `auth`). Never printed. Defaults to none.
    pub refresh_token: Option<Secret>,
    /// The current courier API's `language` header (`uz`, `ru`, `en`): the language of its
    /// messages. Defaults to `uz`.
    pub language: String,
    /// Routes that differ from the built-in ones, by operation name, for the configured courier
    /// API or the WMS: e.g. `{"order/calculate": "v1/order-calculator"}` where BTS serves the
    /// calculator at the path its docs page names. Defaults to none.
    pub routes: std::collections::BTreeMap<String, String>,
    /// WMS base URL. Defaults to `http://wms.bts.uz:8040`.
    pub wms_base_url: String,
    /// WMS login (the user's INN or phone number). Defaults to empty.
    pub wms_login: String,
    /// WMS password. Never printed. Defaults to empty.
    pub wms_password: Secret,
    /// A WMS access token obtained elsewhere (beyond the documented keys): login is
    /// skipped until the server refuses it. Never printed. Defaults to none.
    pub wms_token: Option<Secret>,
    /// The bound on a whole call in milliseconds: implicit login, re-login, every retry and
    /// its backoff, every page of `all_pages`. A wait on the socket follows it in 10 ms steps,
    /// so it may end up to 10 ms early, never late. Defaults to 30000.
    pub timeout_ms: u64,
    /// The bound on opening one connection in milliseconds. Defaults to 10000.
    pub connect_timeout_ms: u64,
    /// How many times a safe (read) call is retried after a transient failure. Defaults to 2.
    pub max_retries: u32,
    /// How many pages of an `all_pages` list are fetched at once once the first page says how
    /// many there are (1 to 16; 1 reads them one after the other). Defaults to 4.
    pub page_concurrency: u32,
    /// The `User-Agent` header. Defaults to `bts/<version>`.
    pub user_agent: String,
    /// The largest response body accepted, per page, in bytes (beyond the documented
    /// keys). Defaults to 16 MiB.
    pub max_response_bytes: u64,
    /// The create-once journal: a file path (see `docs/journal.md`). With it, a create that
    /// carries the caller's own key (`clientId`, `order_id`) is written to the file before it is
    /// sent, and a create whose key is already done answers the first reply again. Shared by
    /// every process that uses the same path. Defaults to none (nothing is journaled).
    pub journal: Option<std::path::PathBuf>,
    /// How many days the journal keeps a finished create, to answer it again (beyond the
    /// documented keys). Entries whose outcome is unknown are kept until settled. Defaults to 30.
    pub journal_keep_days: u32,
    /// The token cache: a file path (see `docs/token-cache.md`). With it, the tokens of every
    /// API the client logs in to are kept in the file with their expiry and shared by every
    /// process that names it (PHP-FPM requests, cron scripts, CLI loops, 1C sessions log in
    /// once, not once each). The password is never written. Defaults to none (tokens live in
    /// the client only).
    pub token_cache: Option<std::path::PathBuf>,
    /// Where to log one JSON line per HTTP exchange: `"stderr"` or a file path (appended to).
    /// Lines hold no password or token. Defaults to none (no log).
    pub log: Option<String>,
    /// The proxy: `"none"`, or a URL (`http://`, `https://`, `socks4://`, `socks4a://`,
    /// `socks5://`, `socks5h://`; credentials as `http://user:pass@host:port`). When set it
    /// wins over the environment. Defaults to none set: the environment's `https_proxy`,
    /// `http_proxy` (ignored when `REQUEST_METHOD` is set, as in a CGI request) and
    /// `all_proxy`. Its credentials are never printed.
    pub proxy: Option<String>,
    /// Hosts reached without the proxy, comma-separated (`example.com` covers its subdomains
    /// too; `*` every host). When set it replaces the environment's `NO_PROXY`.
    pub no_proxy: Option<String>,
    /// A PEM file of root certificates *added* to the bundled Mozilla roots, for networks that
    /// intercept TLS. Read when the client is made: a missing, empty or bad file is an
    /// `invalid_input` error then. Defaults to none (the bundled roots only).
    pub ca_file: Option<std::path::PathBuf>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            courier_api: Api::Legacy,
            base_url: DEFAULT_BASE_URL.to_owned(),
            username: String::new(),
            password: Secret::default(),
            inn: String::new(),
            login: String::new(),
            token: None,
            refresh_token: None,
            language: "uz".to_owned(),
            routes: std::collections::BTreeMap::new(),
            wms_base_url: DEFAULT_WMS_BASE_URL.to_owned(),
            wms_login: String::new(),
            wms_password: Secret::default(),
            wms_token: None,
            timeout_ms: 30_000,
            connect_timeout_ms: 10_000,
            max_retries: 2,
            page_concurrency: 4,
            user_agent: concat!("bts/", env!("CARGO_PKG_VERSION")).to_owned(),
            max_response_bytes: 16 * 1024 * 1024,
            journal: None,
            journal_keep_days: 30,
            token_cache: None,
            log: None,
            proxy: None,
            no_proxy: None,
            ca_file: None,
        }
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("courier_api", &self.courier_api)
            .field("base_url", &self.base_url)
            .field("username", &self.username)
            .field("password", &self.password)
            .field("inn", &self.inn)
            .field("login", &self.login)
            .field("token", &self.token)
            .field("refresh_token", &self.refresh_token)
            .field("language", &self.language)
            .field("routes", &self.routes)
            .field("wms_base_url", &self.wms_base_url)
            .field("wms_login", &self.wms_login)
            .field("wms_password", &self.wms_password)
            .field("wms_token", &self.wms_token)
            .field("timeout_ms", &self.timeout_ms)
            .field("connect_timeout_ms", &self.connect_timeout_ms)
            .field("max_retries", &self.max_retries)
            .field("page_concurrency", &self.page_concurrency)
            .field("user_agent", &self.user_agent)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("journal", &self.journal)
            .field("journal_keep_days", &self.journal_keep_days)
            .field("token_cache", &self.token_cache)
            .field("log", &self.log)
            .field("proxy", &self.proxy.as_deref().map(shown_proxy))
            .field("no_proxy", &self.no_proxy)
            .field("ca_file", &self.ca_file)
            .finish()
    }
}

impl Config {
    /// Parses the configuration JSON object. Unknown keys, wrong types and bad values are an
    /// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) error whose `fields` name
    /// every offending key; a key given as `null` keeps its default.
    pub fn from_json(json: &str) -> Result<Config, Error> {
        let value: Value = serde_json::from_str(json).map_err(|e| {
            Error::invalid_input(format!(
                "the configuration is not valid JSON ({})",
                crate::error::describe_json_error(&e)
            ))
        })?;
        match value {
            Value::Object(map) => Config::from_map(&map),
            _ => Err(Error::invalid_input(
                "the configuration must be a JSON object",
            )),
        }
    }

    /// Builds a configuration from an already parsed JSON object (see [`Config::from_json`]).
    pub fn from_map(map: &Map<String, Value>) -> Result<Config, Error> {
        let mut config = Config::default();
        let mut problems: Vec<(String, String)> = Vec::new();
        for (key, value) in map {
            if value.is_null() {
                if !CONFIG_KEYS.contains(&key.as_str()) {
                    problems.push((key.clone(), UNKNOWN_KEY.into()));
                }
                continue;
            }
            let result = match key.as_str() {
                "courier_api" => match value.as_str() {
                    Some("legacy") => {
                        config.courier_api = Api::Legacy;
                        Ok(())
                    }
                    Some("current") => {
                        config.courier_api = Api::Current;
                        Ok(())
                    }
                    _ => Err("must be \"legacy\" or \"current\"".to_owned()),
                },
                "base_url" => text(value).map(|v| config.base_url = v),
                "username" => text(value).map(|v| config.username = v),
                "password" => text(value).map(|v| config.password = Secret(v)),
                "inn" => text(value).map(|v| config.inn = v),
                "login" => text(value).map(|v| config.login = v),
                "token" => text(value).map(|v| config.token = Some(Secret(v))),
                "refresh_token" => text(value).map(|v| config.refresh_token = Some(Secret(v))),
                "language" => text(value).map(|v| config.language = v),
                "routes" => routes(value).map(|v| config.routes = v),
                "wms_base_url" => text(value).map(|v| config.wms_base_url = v),
                "wms_login" => text(value).map(|v| config.wms_login = v),
                "wms_password" => text(value).map(|v| config.wms_password = Secret(v)),
                "wms_token" => text(value).map(|v| config.wms_token = Some(Secret(v))),
                "timeout_ms" => whole(value).map(|v| config.timeout_ms = v),
                "connect_timeout_ms" => whole(value).map(|v| config.connect_timeout_ms = v),
                "max_retries" => whole(value).and_then(|v| {
                    u32::try_from(v)
                        .map(|v| config.max_retries = v)
                        .map_err(|_| "must be at most 4294967295".to_owned())
                }),
                "page_concurrency" => whole(value).map(|v| {
                    config.page_concurrency = u32::try_from(v).unwrap_or(u32::MAX);
                }),
                "user_agent" => text(value).map(|v| config.user_agent = v),
                "max_response_bytes" => whole(value).map(|v| config.max_response_bytes = v),
                "journal" => text(value).and_then(|v| {
                    if v.is_empty() {
                        Err("must be a file path".to_owned())
                    } else {
                        config.journal = Some(v.into());
                        Ok(())
                    }
                }),
                "journal_keep_days" => whole(value).and_then(|v| {
                    u32::try_from(v)
                        .map(|v| config.journal_keep_days = v)
                        .map_err(|_| "must be at most 3650".to_owned())
                }),
                "token_cache" => text(value).and_then(|v| {
                    if v.is_empty() {
                        Err("must be a file path".to_owned())
                    } else {
                        config.token_cache = Some(v.into());
                        Ok(())
                    }
                }),
                "log" => text(value).and_then(|v| {
                    if v.is_empty() {
                        Err("must be \"stderr\" or a file path".to_owned())
                    } else {
                        config.log = Some(v);
                        Ok(())
                    }
                }),
                "proxy" => text(value).map(|v| config.proxy = Some(v)),
                "no_proxy" => text(value).map(|v| config.no_proxy = Some(v)),
                "ca_file" => text(value).map(|v| config.ca_file = Some(v.into())),
                _ => Err(UNKNOWN_KEY.into()),
            };
            if let Err(why) = result {
                problems.push((key.clone(), why));
            }
        }
        if problems.is_empty() {
            config.settle_defaults();
            config.validate()?;
            return Ok(config);
        }
        Err(configuration_error(
            problems
                .into_iter()
                .map(|(k, why)| (k, vec![why]))
                .collect(),
        ))
    }

    /// Checks the values: URLs are `http://` or `https://`, timeouts are positive, the body
    /// limit is at least 1 KiB.
    pub fn validate(&self) -> Result<(), Error> {
        let mut problems: Vec<(String, Vec<String>)> = Vec::new();
        if !matches!(self.courier_api, Api::Legacy | Api::Current) {
            problems.push((
                "courier_api".into(),
                vec!["must be \"legacy\" or \"current\"".into()],
            ));
        }
        // Keys of one courier API set on a client of the other (whether each is set).
        let legacy_only = [
            ("username", !self.username.is_empty()),
            ("inn", !self.inn.is_empty()),
        ];
        let current_only = [
            ("login", !self.login.is_empty()),
            ("refresh_token", self.refresh_token.is_some()),
        ];
        let (foreign, other) = match self.courier_api {
            Api::Current => (&legacy_only, "legacy"),
            _ => (&current_only, "current"),
        };
        for (key, set) in foreign {
            if *set {
                problems.push((
                    (*key).into(),
                    vec![format!(
                        "is a key of the {other} courier API, but courier_api is \"{}\"",
                        self.courier_api.as_str()
                    )],
                ));
            }
        }
        if !["uz", "ru", "en"].contains(&self.language.as_str()) {
            problems.push((
                "language".into(),
                vec!["must be \"uz\", \"ru\" or \"en\"".into()],
            ));
        }
        for (key, url) in [
            ("base_url", &self.base_url),
            ("wms_base_url", &self.wms_base_url),
        ] {
            if !(url.starts_with("http://") || url.starts_with("https://"))
                || url.contains(char::is_whitespace)
            {
                problems.push((
                    key.into(),
                    vec!["must be an http:// or https:// URL without spaces".into()],
                ));
            }
        }
        for (key, v) in [
            ("timeout_ms", self.timeout_ms),
            ("connect_timeout_ms", self.connect_timeout_ms),
        ] {
            if v == 0 || v > 24 * 3600 * 1000 {
                problems.push((key.into(), vec!["must be between 1 and 86400000".into()]));
            }
        }
        if self.max_retries > 20 {
            problems.push(("max_retries".into(), vec!["must be at most 20".into()]));
        }
        if !(1..=16).contains(&self.page_concurrency) {
            problems.push((
                "page_concurrency".into(),
                vec!["must be between 1 and 16".into()],
            ));
        }
        if self.max_response_bytes < 1024 {
            problems.push((
                "max_response_bytes".into(),
                vec!["must be at least 1024".into()],
            ));
        }
        if !(1..=3650).contains(&self.journal_keep_days) {
            problems.push((
                "journal_keep_days".into(),
                vec!["must be between 1 and 3650".into()],
            ));
        }
        if self.user_agent.contains(['\r', '\n']) {
            problems.push((
                "user_agent".into(),
                vec!["must not contain line breaks".into()],
            ));
        }
        if let Some(proxy) = self.proxy.as_deref() {
            // The value may hold credentials: the message states the rule, never the value.
            if !proxy.trim().eq_ignore_ascii_case("none")
                && crate::transport::proxy::proxy(proxy, None).is_none()
            {
                problems.push((
                    "proxy".into(),
                    vec![crate::transport::proxy::PROXY_URL_RULE.into()],
                ));
            }
        }
        if problems.is_empty() {
            return Ok(());
        }
        Err(configuration_error(problems))
    }

    /// Defaults that depend on another key: the current API's `base_url` is its test server
    /// unless one was given.
    pub(crate) fn settle_defaults(&mut self) {
        if self.courier_api == Api::Current && self.base_url == DEFAULT_BASE_URL {
            self.base_url = DEFAULT_CURRENT_BASE_URL.to_owned();
        }
    }

    /// The whole-call bound as a [`Duration`].
    pub fn timeout(&self) -> Duration {
        Duration::from_millis(self.timeout_ms)
    }

    /// The connect bound as a [`Duration`].
    pub fn connect_timeout(&self) -> Duration {
        Duration::from_millis(self.connect_timeout_ms)
    }

    /// Whether courier credentials are set (a login is possible): `username` and `password` on
    /// the legacy API, `login` and `password` on the current one.
    pub fn has_courier_credentials(&self) -> bool {
        let name = match self.courier_api {
            Api::Current => &self.login,
            _ => &self.username,
        };
        !name.is_empty() && !self.password.is_empty()
    }

    /// Whether WMS credentials are set (a login is possible).
    pub fn has_wms_credentials(&self) -> bool {
        !self.wms_login.is_empty() && !self.wms_password.is_empty()
    }
}

/// The reason given for a key that is not a configuration key.
const UNKNOWN_KEY: &str = "is not a configuration key";

/// The `invalid_input` error for configuration keys that were refused: its message says what is
/// wrong with each (`username is a key of the legacy courier API, but courier_api is
/// "current"`; `passwrd is not a configuration key (known keys: ...)`), and `fields` carries
/// the same by key.
fn configuration_error(problems: Vec<(String, Vec<String>)>) -> Error {
    let mut message = format!(
        "bad configuration: {}",
        crate::request::describe_problems(problems.iter().map(|(k, v)| (k.as_str(), v.as_slice())))
    );
    if problems
        .iter()
        .any(|(_, why)| why.iter().any(|w| w == UNKNOWN_KEY))
    {
        message.push_str(&format!(" (known keys: {})", CONFIG_KEYS.join(", ")));
    }
    Error::invalid_input(message).with_fields(problems)
}

fn routes(value: &Value) -> Result<std::collections::BTreeMap<String, String>, String> {
    let Value::Object(map) = value else {
        return Err("must be an object of operation name to route".into());
    };
    let mut out = std::collections::BTreeMap::new();
    for (name, route) in map {
        if crate::operation(name).is_none() {
            return Err(format!("{name:?} is not an operation"));
        }
        match route.as_str() {
            Some(r)
                if !r.is_empty()
                    && r.bytes()
                        .all(|b| b.is_ascii_graphic() && !b"?&#".contains(&b)) =>
            {
                out.insert(name.clone(), r.trim_start_matches('/').to_owned());
            }
            _ => {
                return Err(format!(
                    "the route of {name} must be a path such as \"v1/order/add\""
                ))
            }
        }
    }
    Ok(out)
}

/// A proxy URL with its credentials hidden: `http://***@host:3128`.
fn shown_proxy(url: &str) -> String {
    let start = url.find("://").map_or(0, |i| i + 3);
    match url.rfind('@') {
        Some(at) if at >= start => format!("{}***{}", &url[..start], &url[at..]),
        _ => url.to_owned(),
    }
}

fn text(value: &Value) -> Result<String, String> {
    match value {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        _ => Err("must be a string".into()),
    }
}

fn whole(value: &Value) -> Result<u64, String> {
    match value {
        Value::Number(n) => n
            .as_u64()
            .ok_or_else(|| "must be a whole number of at least 0".into()),
        Value::String(s) => s
            .trim()
            .parse::<u64>()
            .map_err(|_| "must be a whole number of at least 0".into()),
        _ => Err("must be a whole number".into()),
    }
}
