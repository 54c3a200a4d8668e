//! `bts-sandbox [--listen 127.0.0.1:PORT]`: runs the BTS sandbox until killed.
//!
//! Prints one JSON line to stdout first:
//! `{"base_url":…,"wms_base_url":…,"current_base_url":…,"accounts":{"courier":{…},"wms":{…},
//! "current":{…}},"config":{…},"current_config":{…}}`, then one line per API on stderr.

use std::io::Write;

const USAGE: &str = "\
bts-sandbox: an offline emulator of the BTS Express courier APIs (legacy and current) and the WMS

Usage: bts-sandbox [--listen ADDR]

Options:
  --listen ADDR   address to listen on (default 127.0.0.1:0, a free port)
  -h, --help      print this help

Prints one JSON line to stdout (and the three base URLs, one a line, to stderr), then serves
until killed:
  {\"base_url\":\"http://127.0.0.1:PORT/index.php\",\"wms_base_url\":\"http://127.0.0.1:PORT\",
   \"current_base_url\":\"http://127.0.0.1:PORT/current\",
   \"accounts\":{\"courier\":{\"username\",\"password\",\"inn\"},\"wms\":{\"login\",\"password\"},
               \"current\":{\"login\",\"password\"}},
   \"config\":{...a bts client configuration (legacy API)...},
   \"current_config\":{...the same for the current API...}}

Control API (no token needed): POST /__sandbox/fault {\"route\",\"fault\",\"times\"},
POST /__sandbox/clear-faults, GET /__sandbox/counts, POST /__sandbox/reset-counts,
POST /__sandbox/expire-tokens, POST /__sandbox/token-ttl {\"ms\"},
POST /__sandbox/order-status {\"orderId\",\"status\"},
POST /__sandbox/international-status {\"barcode\",\"code\"},
POST /__sandbox/seed-wms {\"kind\",\"n\"}, POST /__sandbox/expire-access-tokens,
POST /__sandbox/token-lifetime {\"access_ms\",\"refresh_ms\"},
POST /__sandbox/current-status {\"orderId\",\"statusCode\"},
POST /__sandbox/current-order-date {\"orderId\",\"date\"}, GET /__sandbox/current-orders,
POST /__sandbox/clock {\"ms\"}, GET|POST /__sandbox/quirks {...}, GET /__sandbox/webhooks,
POST /__sandbox/clear-webhooks, GET /__sandbox/log.
";

fn main() {
    let mut listen = "127.0.0.1:0".to_owned();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => {
                print!("{USAGE}");
                return;
            }
            "--listen" => match args.next() {
                Some(a) => listen = a,
                None => fail("--listen needs an address, e.g. 127.0.0.1:8080"),
            },
            other => match other.strip_prefix("--listen=") {
                Some(a) => listen = a.to_owned(),
                None => fail(&format!("unknown argument {other:?}")),
            },
        }
    }
    let sandbox = match bts_sandbox::Sandbox::start_on(&listen) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("bts-sandbox: cannot listen on {listen}: {e}");
            std::process::exit(1);
        }
    };
    let line = sandbox.announcement_json();
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
    drop(out);
    // Human-readable, on stderr; a closed or broken stderr must not stop the sandbox.
    let mut err = std::io::stderr().lock();
    let _ = writeln!(
        err,
        "bts-sandbox: legacy courier API  {}",
        sandbox.base_url()
    );
    let _ = writeln!(
        err,
        "bts-sandbox: current courier API {}",
        sandbox.current_base_url()
    );
    let _ = writeln!(
        err,
        "bts-sandbox: WMS                 {}",
        sandbox.wms_base_url()
    );
    drop(err);
    loop {
        std::thread::park();
    }
}

fn fail(msg: &str) -> ! {
    eprintln!("bts-sandbox: {msg}\n\n{USAGE}");
    std::process::exit(2);
}
