//! Every transport failure as an [`Error`] of one [`ErrorKind`], saying whether the request
//! may have reached the server.

use std::io;

use super::proxy::PROXY_URL_RULE;
use super::tls::Handshake;
use crate::error::{Error, ErrorKind};

pub(super) fn timeout_error(sent: bool) -> Error {
    Error::new(
        ErrorKind::Timeout,
        "the call did not finish within timeout_ms",
    )
    .with_sent(sent)
}

/// Maps a ureq error onto an [`ErrorKind`], and says whether the request may have reached the
/// server. Only a failed lookup, a refused or failed connection, and a timeout while resolving
/// or connecting prove it was not sent.
pub(super) fn map_error(e: ureq::Error, in_body: bool) -> Error {
    classify_error(&e, in_body).with_source(e)
}

fn classify_error(e: &ureq::Error, in_body: bool) -> Error {
    use ureq::Timeout as T;
    match e {
        ureq::Error::Timeout(phase) => {
            let before_send = !in_body && matches!(phase, T::Resolve | T::Connect);
            if matches!(phase, T::Connect) {
                Error::new(
                    ErrorKind::Timeout,
                    "could not connect to BTS within connect_timeout_ms",
                )
                .with_sent(false)
            } else {
                timeout_error(!before_send)
            }
        }
        ureq::Error::HostNotFound => Error::new(
            ErrorKind::Network,
            "the BTS host name could not be resolved",
        )
        .with_sent(false),
        ureq::Error::ConnectionFailed => {
            Error::new(ErrorKind::Network, "could not connect to BTS").with_sent(false)
        }
        ureq::Error::Io(io) => io_error(io, in_body),
        ureq::Error::BodyExceedsLimit(limit) => Error::new(
            ErrorKind::Decode,
            format!("the response body is larger than max_response_bytes ({limit} bytes)"),
        )
        .with_sent(true),
        ureq::Error::BadUri(_) | ureq::Error::Http(_) => {
            Error::invalid_input("the request URL is not valid: check base_url and wms_base_url")
        }
        ureq::Error::Tls(what) => {
            Error::new(ErrorKind::Network, format!("TLS failure: {what}")).with_sent(false)
        }
        ureq::Error::Rustls(e) => {
            Error::new(ErrorKind::Network, format!("TLS failure: {e}")).with_sent(in_body)
        }
        ureq::Error::ConnectProxyFailed(why) => Error::new(
            ErrorKind::Network,
            format!("the proxy did not open a connection to BTS ({why})"),
        )
        .with_sent(false),
        ureq::Error::InvalidProxyUrl => Error::invalid_input(format!("proxy: {PROXY_URL_RULE}")),
        ureq::Error::Protocol(p) => Error::new(
            ErrorKind::Network,
            format!("the server broke the HTTP protocol: {p}"),
        )
        .with_sent(true),
        ureq::Error::Decompress(_, _) => Error::new(
            ErrorKind::Decode,
            "the response body could not be decompressed",
        )
        .with_sent(true),
        other => Error::new(ErrorKind::Network, format!("HTTP failure: {other}")).with_sent(true),
    }
}

fn io_error(io: &io::Error, in_body: bool) -> Error {
    if let Some(handshake) = io.get_ref().and_then(|e| e.downcast_ref::<Handshake>()) {
        let hint = if handshake.0.contains("certificate") {
            " (on a network that intercepts TLS, put its root certificate in ca_file)"
        } else {
            ""
        };
        return Error::new(
            ErrorKind::Network,
            format!("the TLS handshake failed: {handshake}{hint}"),
        )
        .with_sent(false);
    }
    match io.kind() {
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => timeout_error(true),
        io::ErrorKind::ConnectionRefused if !in_body => {
            Error::new(ErrorKind::Network, "BTS refused the connection").with_sent(false)
        }
        io::ErrorKind::UnexpectedEof if in_body => Error::new(
            ErrorKind::Network,
            "the connection closed before the whole response arrived",
        )
        .with_sent(true),
        io::ErrorKind::ConnectionReset
        | io::ErrorKind::ConnectionAborted
        | io::ErrorKind::BrokenPipe
        | io::ErrorKind::UnexpectedEof => {
            Error::new(ErrorKind::Network, "the connection was reset by the server").with_sent(true)
        }
        _ => Error::new(ErrorKind::Network, format!("network failure: {io}")).with_sent(true),
    }
}
