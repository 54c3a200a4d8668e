//! Proxies: the `proxy` key wins over the environment; without it the environment is read as
//! curl reads it, except that `HTTP_PROXY` is ignored in a CGI request (`REQUEST_METHOD` set:
//! a visitor's `Proxy:` header lands there, "httpoxy"). A loopback CONNECT proxy records who
//! connects to it and tunnels to the sandbox.
//!
//! The environment is read when a client is made, so the environment cases run in a child
//! process (this test binary again, `env_child` only) with the variables set; the parent
//! checks what the proxy saw. A PHP script under `php-cgi`, as a web server runs it, shows
//! the same from PHP.

mod common;
#[path = "common/net.rs"]
mod net;

use std::path::Path;
use std::process::Command;

use bts::{Client, Config, ErrorKind};
use bts_sandbox::Sandbox;
use net::ConnectProxy;
use serde_json::json;

fn config(sandbox: &Sandbox, adjust: impl FnOnce(&mut Config)) -> Config {
    let mut config = Config::from_json(&sandbox.config_json()).unwrap();
    config.timeout_ms = 5000;
    adjust(&mut config);
    config
}

#[test]
fn the_proxy_key_routes_every_call_through_the_proxy() {
    let sandbox = Sandbox::start();
    let proxy = ConnectProxy::start();
    let url = proxy.url();
    let client = Client::new(config(&sandbox, |c| c.proxy = Some(url))).unwrap();
    for _ in 0..3 {
        client.call("directory/regions", json!({})).unwrap();
    }
    client.call("order/add", common::order()).unwrap();
    let seen = proxy.connects();
    let target = sandbox.addr().to_string();
    assert!(!seen.is_empty(), "the proxy saw nothing");
    assert!(
        seen.iter().all(|c| c.target == target),
        "{seen:?} (want {target})"
    );
    assert_eq!(
        seen.len(),
        1,
        "one kept-alive tunnel for the login and every call"
    );
    assert_eq!(sandbox.requests("directory/regions"), 3);
}

#[test]
fn a_socks5_proxy_works_too() {
    let sandbox = Sandbox::start();
    let socks = net::Socks5::start();
    let url = socks.url();
    let client = Client::new(config(&sandbox, |c| c.proxy = Some(url))).unwrap();
    client.call("directory/regions", json!({})).unwrap();
    client.call("order/add", common::order()).unwrap();
    assert_eq!(socks.targets(), vec![sandbox.addr().to_string()]);
}

#[test]
fn proxy_credentials_are_sent_to_the_proxy_and_never_printed() {
    let sandbox = Sandbox::start();
    let proxy = ConnectProxy::start();
    let url = format!("http://shop:Pr0xy-S3cret@127.0.0.1:{}", proxy.port());
    let config = config(&sandbox, |c| c.proxy = Some(url));
    let client = Client::new(config.clone()).unwrap();
    client.call("directory/regions", json!({})).unwrap();
    let seen = proxy.connects();
    // base64("shop:Pr0xy-S3cret")
    assert_eq!(
        seen[0].authorization.as_deref(),
        Some("Basic c2hvcDpQcjB4eS1TM2NyZXQ=")
    );
    for text in [
        format!("{config:?}"),
        format!("{config:#?}"),
        format!("{client:?}"),
    ] {
        assert!(!text.contains("Pr0xy-S3cret"), "{text}");
        assert!(
            text.contains("127.0.0.1"),
            "the proxy host is shown: {text}"
        );
    }
    // A bad proxy URL is refused without echoing it.
    let err = Config::from_json(r#"{"proxy": "ftp://shop:Pr0xy-S3cret@host"}"#).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(err.fields().contains_key("proxy"), "{err:?}");
    assert!(!format!("{err:?}").contains("Pr0xy-S3cret"), "{err:?}");
    assert!(!err.to_envelope().contains("Pr0xy-S3cret"));
}

#[test]
fn no_proxy_and_none_bypass_the_proxy() {
    let sandbox = Sandbox::start();
    let proxy = ConnectProxy::start();
    let url = proxy.url();
    let bypass = Client::new(config(&sandbox, |c| {
        c.proxy = Some(url);
        c.no_proxy = Some("bts.uz, 127.0.0.1".into());
    }))
    .unwrap();
    bypass.call("directory/regions", json!({})).unwrap();
    let none = Client::new(config(&sandbox, |c| c.proxy = Some("none".into()))).unwrap();
    none.call("directory/regions", json!({})).unwrap();
    assert!(proxy.connects().is_empty(), "{:?}", proxy.connects());
    assert_eq!(sandbox.requests("directory/regions"), 2);
}

#[test]
fn a_proxy_that_is_down_is_a_network_error_that_sent_nothing() {
    let sandbox = Sandbox::start();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = Client::new(config(&sandbox, |c| {
        c.proxy = Some(format!("http://127.0.0.1:{port}"));
        c.token = Some("0123456789abcdef".into());
    }))
    .unwrap();
    let err = client.call("order/add", common::order()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Network, "{err:?}");
    assert!(!err.may_have_reached_server(), "{err:?}");
    assert_eq!(sandbox.requests("order/add"), 0);
}

/// Not a test of its own: the child process of the environment cases (it does nothing unless
/// the parent set the call in its environment).
#[test]
fn env_child() {
    net::child_entry();
}

struct EnvCase {
    vars: &'static [(&'static str, bool)],
    proxy_key: Option<&'static str>,
    through_proxy: bool,
    why: &'static str,
}

/// Each case: environment variables (`true`: the proxy's URL, `false`: "GET"), the `proxy`
/// key, and whether the call must go through the proxy.
const ENV_CASES: &[EnvCase] = &[
    EnvCase {
        vars: &[("HTTP_PROXY", true)],
        proxy_key: None,
        through_proxy: true,
        why: "outside CGI, HTTP_PROXY is the proxy (the control case)",
    },
    EnvCase {
        vars: &[("http_proxy", true)],
        proxy_key: None,
        through_proxy: true,
        why: "lower case too",
    },
    EnvCase {
        vars: &[("REQUEST_METHOD", false), ("HTTP_PROXY", true)],
        proxy_key: None,
        through_proxy: false,
        why: "httpoxy: in a CGI request HTTP_PROXY may be a visitor's Proxy: header",
    },
    EnvCase {
        vars: &[("REQUEST_METHOD", false), ("http_proxy", true)],
        proxy_key: None,
        through_proxy: false,
        why: "httpoxy, lower case",
    },
    EnvCase {
        vars: &[("REQUEST_METHOD", false), ("ALL_PROXY", true)],
        proxy_key: None,
        through_proxy: true,
        why: "no request header can set ALL_PROXY",
    },
    EnvCase {
        vars: &[("HTTPS_PROXY", true)],
        proxy_key: None,
        through_proxy: false,
        why: "HTTPS_PROXY is for https:// URLs; the sandbox is http://",
    },
    EnvCase {
        vars: &[("HTTP_PROXY", true), ("NO_PROXY", false)],
        proxy_key: None,
        through_proxy: false,
        why: "NO_PROXY (set to the sandbox host here) bypasses it",
    },
    EnvCase {
        vars: &[("HTTP_PROXY", true)],
        proxy_key: Some("none"),
        through_proxy: false,
        why: "the proxy key wins: none",
    },
    EnvCase {
        vars: &[("REQUEST_METHOD", false)],
        proxy_key: Some("PROXY"),
        through_proxy: true,
        why: "the proxy key wins, in CGI too",
    },
];

#[test]
fn the_environment_is_read_as_curl_does_and_httpoxy_is_refused() {
    let sandbox = Sandbox::start();
    for case in ENV_CASES {
        let proxy = ConnectProxy::start();
        let vars: Vec<(&str, String)> = case
            .vars
            .iter()
            .map(|(name, is_proxy)| {
                let value = match (*is_proxy, *name) {
                    (true, _) => proxy.url(),
                    (false, "NO_PROXY") => "127.0.0.1".to_owned(),
                    (false, _) => "GET".to_owned(),
                };
                (*name, value)
            })
            .collect();
        let config = config(&sandbox, |c| {
            c.proxy = case.proxy_key.map(|k| match k {
                "PROXY" => proxy.url(),
                other => other.to_owned(),
            })
        });
        let outcome = net::call_in_child(
            &config_json(&config),
            "directory/regions",
            &json!({}),
            &vars,
        );
        assert_eq!(outcome, "ok", "{}", case.why);
        let seen = proxy.connects();
        assert_eq!(
            !seen.is_empty(),
            case.through_proxy,
            "{}: the proxy saw {seen:?}",
            case.why
        );
    }
}

/// The configuration as JSON for a child process.
fn config_json(config: &Config) -> String {
    json!({
        "base_url": config.base_url, "wms_base_url": config.wms_base_url,
        "username": config.username, "password": config.password.expose(), "inn": config.inn,
        "timeout_ms": 3000, "max_retries": 0,
        "proxy": config.proxy, "no_proxy": config.no_proxy,
    })
    .to_string()
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs bindings/php/tests/cgi/proxy-probe.php under `php-cgi` as a web server would for a
/// request carrying `Proxy: <proxy>` (so HTTP_PROXY is set), with or without REQUEST_METHOD.
fn php_cgi(sandbox: &Sandbox, proxy: &ConnectProxy, cgi: bool) -> String {
    let script = root().join("bindings/php/tests/cgi/proxy-probe.php");
    let mut cmd = Command::new("php-cgi");
    cmd.args(["-d", "ffi.enable=1", "-d", "cgi.force_redirect=0", "-q"])
        .arg(&script)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("BTS_CONFIG", sandbox.config_json())
        .env("BTS_LIBRARY", common::cdylib::lib_dir().join("libbts.so"))
        .env("BTS_HEADER", root().join("include/bts_ffi.h"))
        .env("HTTP_PROXY", proxy.url());
    if cgi {
        cmd.env("REQUEST_METHOD", "GET")
            .env("GATEWAY_INTERFACE", "CGI/1.1")
            .env("SCRIPT_FILENAME", &script)
            .env("SERVER_PROTOCOL", "HTTP/1.1")
            .env("QUERY_STRING", "");
    }
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("php-cgi could not start ({e}): the test command installs it"));
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

#[test]
fn php_under_php_cgi_ignores_a_visitors_proxy_header() {
    let sandbox = Sandbox::start();
    // As CGI: the Proxy: header's HTTP_PROXY is ignored, the call goes straight to BTS.
    let proxy = ConnectProxy::start();
    let out = php_cgi(&sandbox, &proxy, true);
    assert!(out.contains("CALL ok"), "{out}");
    assert!(proxy.connects().is_empty(), "{:?}", proxy.connects());
    // The control: the same script and HTTP_PROXY outside a CGI request uses the proxy, so
    // the check above would catch a client that obeyed HTTP_PROXY.
    let proxy = ConnectProxy::start();
    let out = php_cgi(&sandbox, &proxy, false);
    assert!(out.contains("CALL ok"), "{out}");
    assert_eq!(proxy.connects().len(), 1, "{out}");
}
