//! Proxies: the configuration's `proxy` and `no_proxy`, else the environment's, as curl reads
//! it (see the module docs of [`transport`](super), "Proxies").

use ureq::Proxy;

use crate::error::Error;

/// The proxies for `http://` and `https://` URLs: the configuration's `proxy` when set, else
/// the environment's, read through `env` (see the module docs, "Proxies"); `no_proxy` is the
/// configuration's key of that name.
pub(crate) fn proxies(
    configured: Option<&str>,
    no_proxy: Option<&str>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<(Option<Proxy>, Option<Proxy>), Error> {
    let first = |names: &[&'static str]| {
        names.iter().find_map(|name| {
            env(name)
                .filter(|v| !v.trim().is_empty())
                .map(|v| (*name, v))
        })
    };
    if let Some(url) = configured.map(str::trim) {
        if url.eq_ignore_ascii_case("none") {
            return Ok((None, None));
        }
        let proxy = proxy(url, no_proxy).ok_or_else(|| {
            Error::invalid_input(format!("bad configuration: proxy {PROXY_URL_RULE}"))
                .with_fields([("proxy".to_owned(), vec![PROXY_URL_RULE.to_owned()])])
        })?;
        return Ok((Some(proxy.clone()), Some(proxy)));
    }
    let no_proxy = match no_proxy {
        Some(list) => Some(list.to_owned()),
        None => first(&["no_proxy", "NO_PROXY"]).map(|(_, v)| v),
    };
    // A CGI request: the visitor's `Proxy:` header is in HTTP_PROXY ("httpoxy").
    let cgi = env("REQUEST_METHOD").is_some();
    let all = first(&["all_proxy", "ALL_PROXY"]);
    let http = if cgi {
        None
    } else {
        first(&["http_proxy", "HTTP_PROXY"])
    }
    .or_else(|| all.clone());
    let https = first(&["https_proxy", "HTTPS_PROXY"]).or(all);
    let build = |found: Option<(&str, String)>| {
        found
            .map(|(name, url)| {
                // The value may hold credentials: name the variable, never its value.
                proxy(&url, no_proxy.as_deref()).ok_or_else(|| {
                    Error::invalid_input(format!(
                        "the environment variable {name} is not a proxy URL: {PROXY_URL_RULE}"
                    ))
                })
            })
            .transpose()
    };
    Ok((build(http)?, build(https)?))
}

/// What a proxy setting must look like (said in errors instead of the value).
pub(crate) const PROXY_URL_RULE: &str = "must be \"none\" or a proxy URL: http://, https://, socks4://, socks4a://, socks5:// or socks5h://, then [user:password@]host[:port]";

/// A proxy from its URL, bypassed for the hosts of `no_proxy` (comma-separated; `example.com`
/// and `.example.com` cover the host and its subdomains, `*` every host).
pub(crate) fn proxy(url: &str, no_proxy: Option<&str>) -> Option<Proxy> {
    let parsed = Proxy::new(url.trim()).ok()?;
    let mut builder = Proxy::builder(parsed.protocol())
        .host(parsed.host())
        .port(parsed.port())
        .resolve_target(parsed.resolve_target());
    if let Some(user) = parsed.username() {
        builder = builder.username(user);
    }
    if let Some(password) = parsed.password() {
        builder = builder.password(password);
    }
    for entry in no_proxy.unwrap_or_default().split(',') {
        let host = entry.trim().trim_start_matches('*').trim_start_matches('.');
        if entry.trim() == "*" {
            builder = builder.no_proxy("*");
        } else if !host.is_empty() {
            builder = builder.no_proxy(host).no_proxy(&format!(".{host}"));
        }
    }
    builder.build().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::error::ErrorKind;
    use ureq::http::Uri;

    fn env_of(vars: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    /// Which proxy URL (host:port) each scheme gets.
    fn chosen(
        config: &Config,
        vars: &'static [(&'static str, &'static str)],
    ) -> [Option<String>; 2] {
        let (http, https) = proxies(
            config.proxy.as_deref(),
            config.no_proxy.as_deref(),
            &env_of(vars),
        )
        .unwrap();
        [http, https].map(|p| p.map(|p| format!("{}:{}", p.host(), p.port())))
    }

    #[test]
    fn the_environment_is_read_per_scheme_and_httpoxy_is_ignored() {
        let plain = Config::default();
        let some = |s: &str| Some(s.to_owned());
        assert_eq!(chosen(&plain, &[]), [None, None]);
        assert_eq!(
            chosen(
                &plain,
                &[("HTTP_PROXY", "http://h:1"), ("HTTPS_PROXY", "http://s:2")]
            ),
            [some("h:1"), some("s:2")]
        );
        assert_eq!(
            chosen(
                &plain,
                &[("http_proxy", "http://l:1"), ("HTTP_PROXY", "http://u:2")]
            ),
            [some("l:1"), None],
            "lower case first, as curl"
        );
        assert_eq!(
            chosen(
                &plain,
                &[("ALL_PROXY", "socks5://a:3"), ("HTTPS_PROXY", "http://s:2")]
            ),
            [some("a:3"), some("s:2")]
        );
        // httpoxy: in a CGI request HTTP_PROXY is a visitor's header.
        for name in ["HTTP_PROXY", "http_proxy"] {
            let vars: &'static [(&str, &str)] = if name == "HTTP_PROXY" {
                &[
                    ("REQUEST_METHOD", "POST"),
                    ("HTTP_PROXY", "http://evil:8080"),
                ]
            } else {
                &[
                    ("REQUEST_METHOD", "GET"),
                    ("http_proxy", "http://evil:8080"),
                ]
            };
            assert_eq!(chosen(&plain, vars), [None, None], "{name}");
        }
        assert_eq!(
            chosen(
                &plain,
                &[
                    ("REQUEST_METHOD", "GET"),
                    ("HTTP_PROXY", "http://evil:8080"),
                    ("ALL_PROXY", "http://ok:1")
                ]
            ),
            [some("ok:1"), some("ok:1")]
        );
        // The key wins, in CGI too; "none" ignores the environment.
        let keyed = Config {
            proxy: some("http://k:9"),
            ..Config::default()
        };
        assert_eq!(
            chosen(
                &keyed,
                &[("REQUEST_METHOD", "GET"), ("HTTPS_PROXY", "http://s:2")]
            ),
            [some("k:9"), some("k:9")]
        );
        let none = Config {
            proxy: some("None"),
            ..Config::default()
        };
        assert_eq!(chosen(&none, &[("HTTP_PROXY", "http://h:1")]), [None, None]);
        // A bad variable names itself, never its value.
        let err = proxies(
            None,
            None,
            &env_of(&[("HTTPS_PROXY", "ftp://user:Secret-9@x")]),
        )
        .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput);
        assert!(err.message().contains("HTTPS_PROXY"), "{err:?}");
        assert!(!format!("{err:?}").contains("Secret-9"), "{err:?}");
    }

    #[test]
    fn no_proxy_covers_hosts_and_their_subdomains() {
        let uri = |u: &str| u.parse::<Uri>().unwrap();
        let p = proxy("http://p:1", Some(" bts.uz, .example.com ,10.0.0.1")).unwrap();
        for bypassed in [
            "http://bts.uz/",
            "http://api.bts.uz:8080/",
            "https://a.example.com/",
            "http://example.com/",
            "http://10.0.0.1/",
        ] {
            assert!(p.is_no_proxy(&uri(bypassed)), "{bypassed}");
        }
        for proxied in [
            "http://notbts.uz/",
            "http://bts.uz.evil/",
            "http://10.0.0.10/",
        ] {
            assert!(!p.is_no_proxy(&uri(proxied)), "{proxied}");
        }
        let all = proxy("http://p:1", Some("*")).unwrap();
        assert!(all.is_no_proxy(&uri("http://anything/")));
        // Credentials survive the rebuild (they are sent to the proxy).
        let with_user = proxy("http://shop:p%40ss@p:1", None).unwrap();
        assert_eq!(
            (with_user.username(), with_user.password()),
            (Some("shop"), Some("p@ss"))
        );
    }
}
