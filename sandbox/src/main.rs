//! `bts-sandbox [--listen 127.0.0.1:PORT]`: runs the BTS sandbox until killed.
//!
//! Prints one JSON line to stdout first:
//! `{"base_url":…,"wms_base_url":…,"accounts":{"courier":{…},"wms":{…}},"config":{…}}`.

use std::io::Write;

const USAGE: &str = "\
bts-sandbox: an offline emulator of the BTS Express courier and WMS APIs

Usage: bts-sandbox [--listen ADDR]

Options:
  --listen ADDR   address to listen on (default 127.0.0.1:0, a free port)
  -h, --help      print this help

Prints one JSON line to stdout, then serves until killed:
  {\"base_url\":\"http://127.0.0.1:PORT/index.php\",\"wms_base_url\":\"http://127.0.0.1:PORT\",
   \"accounts\":{\"courier\":{\"username\",\"password\",\"inn\"},\"wms\":{\"login\",\"password\"}},
   \"config\":{...a bts client configuration...}}

Control API (no token needed): POST /__sandbox/fault {\"route\",\"fault\",\"times\"},
POST /__sandbox/clear-faults, GET /__sandbox/counts, POST /__sandbox/reset-counts,
POST /__sandbox/expire-tokens, POST /__sandbox/token-ttl {\"ms\"},
POST /__sandbox/order-status {\"orderId\",\"status\"},
POST /__sandbox/international-status {\"barcode\",\"code\"},
POST /__sandbox/seed-wms {\"kind\",\"n\"}.
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
    eprintln!("bts-sandbox: legacy courier API  {}", sandbox.base_url());
    eprintln!(
        "bts-sandbox: current courier API {}",
        sandbox.current_base_url()
    );
    eprintln!(
        "bts-sandbox: WMS                 {}",
        sandbox.wms_base_url()
    );
    loop {
        std::thread::park();
    }
}

fn fail(msg: &str) -> ! {
    eprintln!("bts-sandbox: {msg}\n\n{USAGE}");
    std::process::exit(2);
}
