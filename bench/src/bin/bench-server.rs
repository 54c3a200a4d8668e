//! The one loopback HTTP/1.1 responder every contender of the benchmark shares.
//!
//! Minimal on purpose, so that it is never the bottleneck (`bench/run` proves it with `wrk`):
//! a thread per connection, keep-alive, `Content-Length`, every response prebuilt in memory
//! and written with one `write_all`. It never answers 401: contenders use a pre-set token.
//!
//! Routes:
//! - `GET /index.php?r=v1/order/detail&id=…` — a recorded `order/detail` body (BTS's documented example),
//!   about 1.3 KB (`bench/data/order_detail.json`).
//! - `GET …/v1/product/clients?size=10k|1m|10m` — a WMS product list page (items
//!   shaped like the documented product) of about 10 KiB, 1 MiB or 10 MiB. The size may also be given as a path
//!   prefix, `/size/10m/v1/product/clients?page=1`, so that a `wms_base_url` of
//!   `http://127.0.0.1:PORT/size/10m` drives the library's own `wms/product/clients`.
//! - `GET /current/v1/order/detail?orderId=…` — the same order in the current courier API's
//!   envelope, `{"status":true,"message":"OK","data":…}`; with `beginDate` in the query (the
//!   current API's `order/list`), a list page in that envelope, of the size given as a path
//!   prefix: `/current/size/1m/v1/order/detail?beginDate=…` (default 10k).
//! - A path prefix `/delay/MS/` answers any of these after MS milliseconds (each connection has
//!   its own thread, so concurrent requests wait side by side): a server with a fixed latency,
//!   for the concurrency rows (`bench/concurrency.py`). `r=v1/order/track` answers the same
//!   order body as `order/detail`.
//! - `GET /pages/N/v1/product/clients?page=P` (also after `/delay/MS`) — page P of a WMS list of
//!   N pages of 20 small items, `_meta.pageCount` N: for `all_pages`.
//! - `GET /health` — `ok`.
//! - `GET /stats` — `{"requests":N,"cpu_us":T}`: requests answered so far and the server's CPU
//!   time (user + system, all threads, getrusage), to show what one request costs the server.
//! - anything else: a Yii2-style 404 JSON body.
//!
//! Usage: `bench-server [PORT]` (0 or nothing: any free port). Prints `listening 127.0.0.1:PORT`
//! and the page sizes on stdout, then serves until killed.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::thread;

static REQUESTS: AtomicU64 = AtomicU64::new(0);

const ORDER_DETAIL: &str = include_str!("../../data/order_detail.json");

struct Responses {
    order: Vec<u8>,
    page_10k: Vec<u8>,
    page_1m: Vec<u8>,
    page_10m: Vec<u8>,
    current_order: Vec<u8>,
    current_10k: Vec<u8>,
    current_1m: Vec<u8>,
    current_10m: Vec<u8>,
    health: Vec<u8>,
    not_found: Vec<u8>,
}

fn response(status: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json; charset=UTF-8\r\nContent-Length: {}\r\nConnection: keep-alive\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

/// One product item, shaped like BTS's documented product (compact, as Yii2 sends it), with a few
/// non-ASCII strings as real Uzbek/Russian data has.
fn product_item(id: u64) -> String {
    format!(
        concat!(
            r#"{{"id":{id},"supplier_buyer_id":5,"group":"Oziq-ovqat","code":"P-{id:06}","#,
            r#""name":"Mahsulot {id}","full_name":"Маҳсулот № {id}, қадоқланган","gtin":"4780000{id:06}","#,
            r#""article":"ART-{id}","nomenclature_type":"11","unit":"22","comment":"string","#,
            r#""productPackagin":{{"id":{pk},"product_id":{id},"base_packaging":"dona","billing_packaging":"quti","report_packaging":"dona"}},"#,
            r#""productShelfLive":{{"id":{sl},"product_id":{id},"shelf_life_stock":"22.00","min_shelf_life_stock":"0.00","#,
            r#""shelf_life_deviation_days":2,"shelf_life_period":2,"min_shelf_life_period":2,"shelf_life_deviation_period":2,"#,
            r#""storage_period_days":2,"specification":"string","temperature_mode":"+2..+8 °C"}},"#,
            r#""productTechnical":{{"id":{tc},"product_id":{id},"weight":"88.000","net_weight":"55.000","volume":"77.000","#,
            r#""net_volume":"44.000","is_set":true,"kis_code":"99","default_status":"string"}},"#,
            r#""_links":{{"self":{{"href":"http://wms.bts.uz:8040/v1/product/view?id={id}"}}}}}}"#
        ),
        id = id,
        pk = id + 7,
        sl = id + 10,
        tc = id + 18,
    )
}

/// A list page whose whole body is as close to `target` bytes as whole items allow (never
/// above it).
fn list_page(target: usize) -> Vec<u8> {
    let tail = |count: usize| {
        format!(
            r#"],"_links":{{"self":"/v1/product/clients?page=1","first":"/v1/product/clients?page=1","last":"/v1/product/clients?page=1"}},"_meta":{{"totalCount":{count},"pageCount":1,"currentPage":1,"perPage":20}}}}}}"#
        )
    };
    let mut body = String::from(r#"{"message":"Data successfully retrieved.","data":{"items":["#);
    let mut count = 0usize;
    loop {
        let item = product_item(39 + count as u64);
        let extra = item.len() + usize::from(count > 0);
        if body.len() + extra + tail(count + 1).len() > target {
            break;
        }
        if count > 0 {
            body.push(',');
        }
        body.push_str(&item);
        count += 1;
    }
    body.push_str(&tail(count));
    body.into_bytes()
}

/// `data` in the current courier API's envelope.
fn current(data: &[u8]) -> Vec<u8> {
    let mut body = br#"{"status":true,"message":"OK","data":"#.to_vec();
    body.extend_from_slice(data);
    body.push(b'}');
    body
}

/// The size named by a `/size/X/` path prefix or a `size` query parameter.
fn size_of<'a>(path: &'a str, param: Option<&'a str>) -> Option<&'a str> {
    param.or_else(|| path.strip_prefix("/size/").and_then(|p| p.split('/').next()))
}

fn pick<'a>(r: &'a Responses, target: &str) -> &'a [u8] {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let param = |name: &str| {
        query
            .split('&')
            .find_map(|kv| kv.strip_prefix(name).and_then(|v| v.strip_prefix('=')))
    };
    if path == "/health" {
        return &r.health;
    }
    if path.ends_with("/index.php")
        && matches!(param("r"), Some("v1/order/detail") | Some("v1/order/track"))
    {
        return &r.order;
    }
    if let Some(rest) = path.strip_prefix("/current") {
        if rest.ends_with("/v1/order/detail") {
            if param("beginDate").is_none() {
                return &r.current_order;
            }
            return match size_of(rest, param("size")) {
                Some("1m") => &r.current_1m,
                Some("10m") => &r.current_10m,
                _ => &r.current_10k,
            };
        }
    }
    if path.ends_with("/v1/product/clients") {
        return match size_of(path, param("size")) {
            Some("1m") => &r.page_1m,
            Some("10m") => &r.page_10m,
            _ => &r.page_10k,
        };
    }
    &r.not_found
}

/// `/pages/N/…/v1/product/clients?page=P`: page P of N, 20 small items, built on the fly.
fn paged(target: &str) -> Option<Vec<u8>> {
    let rest = target.strip_prefix("/pages/")?;
    let (count, rest) = rest.split_once('/')?;
    let count: u64 = count.parse().ok()?;
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if !path.ends_with("v1/product/clients") {
        return None;
    }
    let page: u64 = query
        .split('&')
        .find_map(|kv| kv.strip_prefix("page="))
        .and_then(|p| p.parse().ok())
        .unwrap_or(1)
        .clamp(1, count.max(1));
    let items: Vec<String> = (0..20)
        .map(|i| format!(r#"{{"id":{},"code":"P-{page}-{i}"}}"#, (page - 1) * 20 + i))
        .collect();
    let body = format!(
        r#"{{"message":"Data successfully retrieved.","data":{{"items":[{}],"_meta":{{"totalCount":{},"pageCount":{count},"currentPage":{page},"perPage":20}}}}}}"#,
        items.join(","),
        count * 20
    );
    Some(response("200 OK", body.as_bytes()))
}

/// Requests so far and the process's CPU time in µs (every thread, finished ones included).
fn stats() -> String {
    // SAFETY: getrusage only writes the struct it is given.
    let usage = unsafe {
        let mut u: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut u);
        u
    };
    let us = |t: libc::timeval| t.tv_sec as u64 * 1_000_000 + t.tv_usec as u64;
    format!(
        "{{\"requests\":{},\"cpu_us\":{}}}",
        REQUESTS.load(Ordering::Relaxed),
        us(usage.ru_utime) + us(usage.ru_stime)
    )
}

fn serve(stream: TcpStream, r: Arc<Responses>) -> std::io::Result<()> {
    stream.set_nodelay(true)?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::with_capacity(16 * 1024, stream);
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(()); // the client closed the connection
        }
        let request_line = line.trim_end().to_owned();
        if request_line.is_empty() {
            continue; // tolerate a stray CRLF between requests
        }
        let mut content_length = 0usize;
        let mut close = false;
        loop {
            line.clear();
            if reader.read_line(&mut line)? == 0 {
                return Ok(());
            }
            let h = line.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((name, value)) = h.split_once(':') {
                let value = value.trim();
                if name.eq_ignore_ascii_case("content-length") {
                    content_length = value.parse().unwrap_or(0);
                } else if name.eq_ignore_ascii_case("connection") {
                    close = value.eq_ignore_ascii_case("close");
                }
            }
        }
        if content_length > 0 {
            std::io::copy(
                &mut (&mut reader).take(content_length as u64),
                &mut std::io::sink(),
            )?;
        }
        let mut target = request_line.split(' ').nth(1).unwrap_or("/");
        REQUESTS.fetch_add(1, Ordering::Relaxed);
        if let Some((ms, rest)) = target
            .strip_prefix("/delay/")
            .and_then(|t| t.split_once('/'))
        {
            thread::sleep(std::time::Duration::from_millis(ms.parse().unwrap_or(0)));
            target = &target[target.len() - rest.len() - 1..];
        }
        if let Some(page) = paged(target) {
            writer.write_all(&page)?;
        } else if target == "/stats" {
            writer.write_all(&response("200 OK", stats().as_bytes()))?;
        } else {
            writer.write_all(pick(&r, target))?;
        }
        if close || request_line.ends_with("HTTP/1.0") {
            return Ok(());
        }
    }
}

fn main() {
    let port: u16 = std::env::args()
        .nth(1)
        .map(|p| p.parse().expect("PORT must be a number"))
        .unwrap_or(0);
    let r = Arc::new(Responses {
        order: response("200 OK", ORDER_DETAIL.as_bytes()),
        page_10k: response("200 OK", &list_page(10 * 1024)),
        page_1m: response("200 OK", &list_page(1024 * 1024)),
        page_10m: response("200 OK", &list_page(10 * 1024 * 1024)),
        current_order: response("200 OK", &current(ORDER_DETAIL.as_bytes())),
        current_10k: response("200 OK", &current(&list_page(10 * 1024 - 40))),
        current_1m: response("200 OK", &current(&list_page(1024 * 1024 - 40))),
        current_10m: response("200 OK", &current(&list_page(10 * 1024 * 1024 - 40))),
        health: response("200 OK", b"\"ok\""),
        not_found: response(
            "404 Not Found",
            br#"{"name":"Not Found","message":"Page not found.","code":0,"status":404,"type":"yii\\web\\NotFoundHttpException"}"#,
        ),
    });
    let listener = TcpListener::bind(("127.0.0.1", port)).expect("bind 127.0.0.1");
    let addr = listener.local_addr().expect("local address");
    let body_len = |full: &[u8]| {
        full.windows(4)
            .position(|w| w == b"\r\n\r\n")
            .map(|p| full.len() - p - 4)
            .unwrap_or(0)
    };
    println!("listening {addr}");
    println!(
        "sizes order={} 10k={} 1m={} 10m={} current_order={} current_10k={} current_1m={} current_10m={}",
        body_len(&r.order),
        body_len(&r.page_10k),
        body_len(&r.page_1m),
        body_len(&r.page_10m),
        body_len(&r.current_order),
        body_len(&r.current_10k),
        body_len(&r.current_1m),
        body_len(&r.current_10m)
    );
    std::io::stdout().flush().ok();
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let r = Arc::clone(&r);
        thread::spawn(move || {
            let _ = serve(stream, r);
        });
    }
}
