//! TLS with the bundled Mozilla roots plus `ca_file` (see the module docs of
//! [`transport`](super), "TLS roots"), and handshake failures told apart from failures after
//! sending.

use std::io;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, OnceLock};

use rustls::pki_types::{CertificateDer, ServerName};
use rustls::{ClientConfig, ClientConnection, RootCertStore, StreamOwned};
use ureq::unversioned::transport::{
    Buffers, ConnectionDetails, Connector, Either, LazyBuffers, NextTimeout, Transport,
    TransportAdapter,
};

use crate::error::Error;

/// The bundled Mozilla roots (the `webpki-roots` crate, as ureq's `rustls` feature uses them),
/// plus the certificates of `ca_file`.
fn root_store(extra_roots: &[CertificateDer<'static>]) -> RootCertStore {
    let mut roots = RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    roots.add_parsable_certificates(extra_roots.iter().cloned());
    roots
}

/// The rustls client configuration: [`root_store`], ring, TLS 1.2 and 1.3.
fn tls_config(extra_roots: &[CertificateDer<'static>]) -> Result<ClientConfig, ureq::Error> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Ok(ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(rustls::ALL_VERSIONS)?
        .with_root_certificates(root_store(extra_roots))
        .with_no_client_auth())
}

/// The certificates of a PEM file, every one of them usable as a root.
pub(super) fn load_roots(path: &Path) -> Result<Vec<CertificateDer<'static>>, Error> {
    let bad = |why: String| {
        Error::invalid_input(format!("bad configuration: ca_file: {why}"))
            .with_fields([("ca_file".to_owned(), vec![why])])
    };
    let shown = path.display();
    let pem = std::fs::read(path).map_err(|e| bad(format!("cannot read {shown}: {e}")))?;
    let mut certs = Vec::new();
    for item in ureq::tls::parse_pem(&pem) {
        match item {
            Ok(ureq::tls::PemItem::Certificate(cert)) => {
                certs.push(CertificateDer::from(cert.der().to_vec()))
            }
            Ok(_) => {}
            Err(_) => return Err(bad(format!("{shown} is not a valid PEM file"))),
        }
    }
    if certs.is_empty() {
        return Err(bad(format!(
            "{shown} holds no PEM certificate (-----BEGIN CERTIFICATE-----)"
        )));
    }
    let (_, ignored) = RootCertStore::empty().add_parsable_certificates(certs.iter().cloned());
    if ignored > 0 {
        return Err(bad(format!(
            "{ignored} of the {} certificates in {shown} cannot be used as a root",
            certs.len()
        )));
    }
    Ok(certs)
}

/// TLS with bts's own root store: the bundled Mozilla roots plus `ca_file`.
///
/// ureq's own `RustlsConnector` takes either its bundled roots or a list of whole
/// certificates; webpki-roots holds the Mozilla roots as trust anchors (subject, key, name
/// constraints), not as certificates, so adding roots to them takes a rustls configuration of
/// our own. This connector does what ureq's does (same rustls version, ring, TLS 1.2 and 1.3,
/// SNI), and reports a failed handshake as one that sent nothing.
/// The rustls configuration is built on the first TLS connection (the default BTS URLs are
/// `http://`: then it never is).
#[derive(Debug)]
pub(super) struct RootedTls {
    pub(super) extra_roots: Arc<Vec<CertificateDer<'static>>>,
    pub(super) config: OnceLock<Arc<ClientConfig>>,
}

impl<In: Transport> Connector<In> for RootedTls {
    type Out = Either<In, TlsTransport>;

    fn connect(
        &self,
        details: &ConnectionDetails,
        chained: Option<In>,
    ) -> Result<Option<Self::Out>, ureq::Error> {
        let Some(transport) = chained else {
            return Ok(None);
        };
        if !details.needs_tls() || transport.is_tls() {
            return Ok(Some(Either::A(transport)));
        }
        let host = details.uri.host().unwrap_or_default();
        let bare = host.trim_start_matches('[').trim_end_matches(']');
        let name = ServerName::try_from(bare)
            .map_err(|_| ureq::Error::Tls("the host name cannot be checked against a certificate"))?
            .to_owned();
        let config = match self.config.get() {
            Some(config) => config.clone(),
            None => {
                // Two first connections at once may both build one; one of them is kept.
                let built = Arc::new(tls_config(&self.extra_roots)?);
                self.config.get_or_init(|| built).clone()
            }
        };
        let mut conn = ClientConnection::new(config, name)?;
        let mut sock = TransportAdapter::new(transport.boxed(), details.current_time.clone());
        sock.set_timeout(details.timeout);
        conn.complete_io(&mut sock).map_err(handshake_error)?;
        let buffers = LazyBuffers::new(
            details.config.input_buffer_size(),
            details.config.output_buffer_size(),
        );
        Ok(Some(Either::B(TlsTransport {
            buffers,
            stream: StreamOwned::new(conn, sock),
        })))
    }
}

/// A connection wrapped in TLS by [`RootedTls`].
pub(super) struct TlsTransport {
    buffers: LazyBuffers,
    stream: StreamOwned<ClientConnection, TransportAdapter>,
}

impl std::fmt::Debug for TlsTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TlsTransport")
            .field("chained", &self.stream.sock.inner())
            .finish()
    }
}

impl Transport for TlsTransport {
    fn buffers(&mut self) -> &mut dyn Buffers {
        &mut self.buffers
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), ureq::Error> {
        self.stream.get_mut().set_timeout(timeout);
        let output = &self.buffers.output()[..amount];
        self.stream.write_all(output)?;
        Ok(())
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
        self.stream.get_mut().set_timeout(timeout);
        let input = self.buffers.input_append_buf();
        let amount = self.stream.read(input)?;
        self.buffers.input_appended(amount);
        Ok(amount > 0)
    }

    fn is_open(&mut self) -> bool {
        self.stream.get_mut().get_mut().is_open()
    }

    fn is_tls(&self) -> bool {
        true
    }
}

/// A TLS handshake that failed: nothing of the request was sent.
#[derive(Debug)]
pub(super) struct Handshake(pub(super) String);

impl std::fmt::Display for Handshake {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Handshake {}

fn handshake_error(e: io::Error) -> ureq::Error {
    match ureq::Error::from(e) {
        ureq::Error::Io(io) => {
            let what = match io.get_ref().and_then(|i| i.downcast_ref::<rustls::Error>()) {
                Some(tls) => tls.to_string(),
                None => io.to_string(),
            };
            ureq::Error::Io(io::Error::other(Handshake(what)))
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ca_file_adds_to_the_bundled_roots() {
        let bundled = webpki_roots::TLS_SERVER_ROOTS.len();
        assert!(bundled > 100, "{bundled} bundled roots");
        assert_eq!(root_store(&[]).len(), bundled);
        // A self-signed root made with openssl for this test.
        let pem = include_str!("../../tests/fixtures/test-root.pem");
        let certs: Vec<CertificateDer<'static>> = ureq::tls::parse_pem(pem.as_bytes())
            .filter_map(|item| match item {
                Ok(ureq::tls::PemItem::Certificate(c)) => {
                    Some(CertificateDer::from(c.der().to_vec()))
                }
                _ => None,
            })
            .collect();
        assert_eq!(certs.len(), 1);
        assert_eq!(root_store(&certs).len(), bundled + 1);
    }
}
