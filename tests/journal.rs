//! Create once: with the `journal` configuration key, a create that carries the caller's key is
//! sent at most once. Every test counts the sandbox's `order/add` requests: a replay sends
//! nothing, a refusal frees the key, an unknown outcome makes the next create a `conflict`
//! until `journal/forget`, and threads and processes racing one key create one order. The
//! journal file stays readable after a torn write and after a writer is killed.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use bts::{Client, Config, ErrorKind};
use bts_sandbox::{Fault, Sandbox};
use serde_json::{json, Value};

/// A folder removed when the test ends.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("bts-journal-{name}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn journal(&self) -> PathBuf {
        self.0.join("journal.jsonl")
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn config(sandbox: &Sandbox, journal: Option<&Path>) -> Config {
    let mut config = Config::from_json(&sandbox.config_json()).unwrap();
    config.journal = journal.map(Path::to_path_buf);
    config
}

fn client(sandbox: &Sandbox, journal: &Path) -> Client {
    Client::new(config(sandbox, Some(journal))).unwrap()
}

/// A sandbox and a client whose journal lives in a fresh folder.
fn setup(name: &str) -> (TempDir, Sandbox, Client) {
    let dir = TempDir::new(name);
    let sb = Sandbox::start();
    let c = client(&sb, &dir.journal());
    (dir, sb, c)
}

fn order(key: &str) -> String {
    let mut order = common::order();
    order["clientId"] = json!(key);
    order.to_string()
}

fn order_id(data: &str) -> i64 {
    let v: Value = serde_json::from_str(data).unwrap();
    v["orderId"].as_i64().unwrap_or_else(|| panic!("{data}"))
}

/// Every line of the journal but a torn last one is a JSON object.
fn assert_valid_lines(path: &Path) -> usize {
    let text = std::fs::read(path).unwrap();
    let end = text.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let mut n = 0;
    for line in text[..end].split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        let v: Value = serde_json::from_slice(line)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(line)));
        assert!(v.is_object());
        n += 1;
    }
    n
}

#[test]
fn a_done_create_is_replayed_and_nothing_is_sent() {
    let (dir, sb, c) = setup("replay");
    let first = c.call_json_replied("order/add", &order("SHOP-1")).unwrap();
    assert!(!first.replayed);
    assert_eq!(sb.requests("order/add"), 1);

    // The same key again, with another body: the first reply, byte for byte, nothing sent.
    let mut changed: Value = serde_json::from_str(&order("SHOP-1")).unwrap();
    changed["weight"] = json!(5);
    let again = c
        .call_json_replied("order/add", &changed.to_string())
        .unwrap();
    assert!(again.replayed);
    assert_eq!(again.data, first.data);
    assert_eq!(sb.requests("order/add"), 1);

    // The envelope says so; call_json and a new client (another process) answer the same.
    let envelope = c.call_envelope("order/add", &order("SHOP-1"));
    let prefix = "{\"ok\":true,\"replayed\":true,\"data\":";
    assert_eq!(envelope, format!("{prefix}{}}}", first.data));
    assert_eq!(
        c.call_json("order/add", &order("SHOP-1")).unwrap(),
        first.data
    );
    let other = client(&sb, &dir.journal());
    assert_eq!(
        other.call_json("order/add", &order("SHOP-1")).unwrap(),
        first.data
    );
    assert_eq!(sb.requests("order/add"), 1);

    // Another key is another order; a fresh create's envelope has no replayed member.
    let envelope = c.call_envelope("order/add", &order("SHOP-2"));
    assert!(
        envelope.starts_with("{\"ok\":true,\"data\":{"),
        "{envelope}"
    );
    assert_eq!(sb.requests("order/add"), 2);

    // The journal holds the reply, never a credential or a token.
    let text = std::fs::read_to_string(dir.journal()).unwrap();
    assert!(!text.contains(bts_sandbox::COURIER_PASSWORD));
    // `is_test` is a request field the sandbox does not echo: request bodies are not stored.
    assert!(
        !text.contains("is_test"),
        "no request body is stored: {text}"
    );
}

#[test]
fn without_a_journal_every_create_is_sent() {
    let sb = Sandbox::start();
    let c = Client::new(config(&sb, None)).unwrap();
    let a = c.call_json_replied("order/add", &order("SHOP-1")).unwrap();
    let b = c.call_json_replied("order/add", &order("SHOP-1")).unwrap();
    assert!(!a.replayed && !b.replayed);
    assert_ne!(order_id(&a.data), order_id(&b.data));
    assert_eq!(sb.requests("order/add"), 2);
    let err = c
        .call_json("journal/forget", r#"{"key":"SHOP-1"}"#)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(err.fields().contains_key("journal"), "{err:?}");
}

#[test]
fn a_create_without_a_key_is_sent_as_usual() {
    let (_dir, sb, c) = setup("nokey");
    let mut body = common::order();
    body.as_object_mut().unwrap().remove("clientId");
    c.call("order/add", body.clone()).unwrap();
    c.call("order/add", body).unwrap();
    assert_eq!(sb.requests("order/add"), 2);
}

#[test]
fn a_validation_refusal_frees_the_key_for_the_corrected_create() {
    let (_dir, sb, c) = setup("422");
    let mut wrong: Value = serde_json::from_str(&order("SHOP-7")).unwrap();
    wrong["senderCityId"] = json!(99_999); // no such city: the server refuses it
    let err = c.call_json("order/add", &wrong.to_string()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert_eq!(sb.requests("order/add"), 1);
    let fixed = c.call_json_replied("order/add", &order("SHOP-7")).unwrap();
    assert!(!fixed.replayed);
    assert_eq!(sb.requests("order/add"), 2);
    assert!(
        c.call_json_replied("order/add", &order("SHOP-7"))
            .unwrap()
            .replayed
    );
    assert_eq!(sb.requests("order/add"), 2);
}

#[test]
fn a_reset_after_sending_leaves_the_key_pending_until_journal_forget() {
    let (dir, sb, c) = setup("reset");
    sb.inject("order/add", Fault::Reset, 1);
    let err = c.call_json("order/add", &order("SHOP-9")).unwrap_err();
    assert!(err.may_have_reached_server(), "{err:?}");
    assert_eq!(sb.requests("order/add"), 1);

    // The next create with that key is refused, nothing sent; another process sees it too.
    for client in [c.clone(), client(&sb, &dir.journal())] {
        let envelope: Value =
            serde_json::from_str(&client.call_envelope("order/add", &order("SHOP-9"))).unwrap();
        assert_eq!(envelope["ok"], false);
        let e = &envelope["error"];
        assert_eq!(e["kind"], "conflict", "{envelope}");
        assert_eq!(e["sent"], false);
        assert_eq!(e["status"], Value::Null);
        assert!(e["fields"]["clientId"].is_array(), "{envelope}");
        let message = e["message"].as_str().unwrap();
        assert!(
            message.contains("journal/forget") && message.contains("SHOP-9"),
            "{message}"
        );
    }
    assert_eq!(sb.requests("order/add"), 1);

    // The caller looked it up (the sandbox did create it) and settles the key.
    let forgotten: Value = serde_json::from_str(
        &c.call_json("journal/forget", r#"{"key":"SHOP-9"}"#)
            .unwrap(),
    )
    .unwrap();
    assert_eq!(forgotten["key"], "SHOP-9");
    assert_eq!(forgotten["forgotten"][0]["operation"], "order/add");
    assert_eq!(forgotten["forgotten"][0]["state"], "pending");
    assert_eq!(
        sb.requests("*") - sb.requests("auth/get-token"),
        1,
        "forget sends nothing"
    );
    let again = c.call_json_replied("order/add", &order("SHOP-9")).unwrap();
    assert!(!again.replayed);
    assert_eq!(sb.requests("order/add"), 2);

    // Forgetting a key nobody holds forgets nothing; the Rust method says the same.
    assert_eq!(c.journal_forget("NOBODY").unwrap(), Vec::<String>::new());
    assert_eq!(
        c.journal_forget("SHOP-9").unwrap(),
        vec!["order/add".to_owned()]
    );
}

#[test]
fn a_timeout_or_a_500_leaves_the_key_pending() {
    let dir = TempDir::new("unknown");
    let sb = Sandbox::start();
    let mut cfg = config(&sb, Some(&dir.journal()));
    cfg.timeout_ms = 400;
    let c = Client::new(cfg).unwrap();
    c.call("auth/get-token", Value::Null).unwrap();
    sb.inject("order/add", Fault::Stall(Duration::from_millis(1500)), 1);
    assert_eq!(
        c.call_json("order/add", &order("T-1")).unwrap_err().kind(),
        ErrorKind::Timeout
    );
    sb.inject("order/add", Fault::yii(500), 1);
    assert_eq!(
        c.call_json("order/add", &order("T-2")).unwrap_err().kind(),
        ErrorKind::Http
    );
    assert_eq!(sb.requests("order/add"), 2);
    for key in ["T-1", "T-2"] {
        let err = c.call_json("order/add", &order(key)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Conflict, "{key}: {err:?}");
        assert!(!err.may_have_reached_server());
    }
    assert_eq!(sb.requests("order/add"), 2);
}

#[test]
fn a_torn_last_line_is_ignored() {
    let (dir, sb, c) = setup("torn");
    let first = c.call_json("order/add", &order("SHOP-1")).unwrap();
    // A writer died in the middle of a line (a pending entry for SHOP-2 never finished).
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(dir.journal())
        .unwrap();
    let account = format!("{}#{}", sb.base_url(), bts_sandbox::COURIER_INN);
    write!(
        f,
        "{{\"op\":\"order/add\",\"account\":{},\"key\":\"SHOP-2\",\"state\":\"pen",
        json!(account)
    )
    .unwrap();
    drop(f);

    let c = client(&sb, &dir.journal());
    assert_eq!(c.call_json("order/add", &order("SHOP-1")).unwrap(), first);
    assert_eq!(sb.requests("order/add"), 1);
    // SHOP-2 was never recorded as pending (its line is torn), so it is sent.
    assert!(
        !c.call_json_replied("order/add", &order("SHOP-2"))
            .unwrap()
            .replayed
    );
    assert_eq!(sb.requests("order/add"), 2);
    let text = std::fs::read_to_string(dir.journal()).unwrap();
    assert!(text.ends_with('\n'));
    assert!(
        !text.contains("\"state\":\"pen{"),
        "the torn tail was cut: {text}"
    );
    // header, SHOP-1 pending and done, SHOP-2 pending and done
    assert_eq!(assert_valid_lines(&dir.journal()), 5);
}

#[test]
fn threads_racing_one_key_create_one_order() {
    const THREADS: usize = 8;
    let (_dir, sb, c) = setup("threads");
    c.call("auth/get-token", Value::Null).unwrap();
    // The first create takes a while, so the others arrive while it is in flight.
    sb.inject("order/add", Fault::Delay(Duration::from_millis(300)), 1);
    let barrier = Arc::new(Barrier::new(THREADS));
    let handles: Vec<_> = (0..THREADS)
        .map(|_| {
            let c = c.clone();
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                barrier.wait();
                c.call_json_replied("order/add", &order("RACE-1")).unwrap()
            })
        })
        .collect();
    let replies: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(sb.requests("order/add"), 1);
    assert_eq!(replies.iter().filter(|r| !r.replayed).count(), 1);
    assert!(replies.iter().all(|r| r.data == replies[0].data));
}

/// Waits until the sandbox has received a request for `route` (the first caller holds the
/// key's lock by then).
fn wait_for_request(sb: &Sandbox, route: &str) {
    let start = Instant::now();
    while sb.requests(route) == 0 {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no {route} request"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn a_caller_waiting_on_an_unknown_outcome_gets_a_conflict() {
    let dir = TempDir::new("wait-unknown");
    let sb = Sandbox::start();
    let mut short = config(&sb, Some(&dir.journal()));
    short.timeout_ms = 800;
    let first = Client::new(short).unwrap();
    first.call("auth/get-token", Value::Null).unwrap();
    let second = client(&sb, &dir.journal());
    second.call("auth/get-token", Value::Null).unwrap();
    sb.inject("order/add", Fault::Stall(Duration::from_millis(3000)), 1);
    let t = std::thread::spawn(move || first.call_json("order/add", &order("W-1")));
    wait_for_request(&sb, "order/add");
    let start = Instant::now();
    let err = second.call_json("order/add", &order("W-1")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict, "{err:?}");
    assert!(err.message().contains("outcome is unknown"), "{err:?}");
    assert!(
        start.elapsed() >= Duration::from_millis(400),
        "it waited for the first"
    );
    assert_eq!(t.join().unwrap().unwrap_err().kind(), ErrorKind::Timeout);
    assert_eq!(sb.requests("order/add"), 1);
}

#[test]
fn a_caller_whose_timeout_ends_first_gets_a_conflict_then_the_replay() {
    let dir = TempDir::new("wait-timeout");
    let sb = Sandbox::start();
    let first = client(&sb, &dir.journal());
    first.call("auth/get-token", Value::Null).unwrap();
    let mut short = config(&sb, Some(&dir.journal()));
    short.timeout_ms = 300;
    let second = Client::new(short).unwrap();
    sb.inject("order/add", Fault::Delay(Duration::from_millis(1200)), 1);
    let t = std::thread::spawn(move || first.call_json("order/add", &order("W-2")));
    wait_for_request(&sb, "order/add");
    let err = second.call_json("order/add", &order("W-2")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict, "{err:?}");
    assert!(err.message().contains("still being sent"), "{err:?}");
    let created = t.join().unwrap().unwrap();
    let again = second
        .call_json_replied("order/add", &order("W-2"))
        .unwrap();
    assert!(again.replayed);
    assert_eq!(again.data, created);
    assert_eq!(sb.requests("order/add"), 1);
}

fn parcel(number: &str, client_id: Option<&str>) -> String {
    let mut v: Value = serde_json::from_str(include_str!(
        "fixtures/api/2.12_international_add.complete.request.json"
    ))
    .unwrap();
    v["ParcelNumber"] = json!(number);
    if let Some(id) = client_id {
        v["clientId"] = json!(id);
    }
    v.to_string()
}

#[test]
fn parcels_are_keyed_by_client_id_else_parcel_number_apart_from_orders() {
    let (_dir, sb, c) = setup("per-op");
    let first = c
        .call_json("international/add", &parcel("366489851", None))
        .unwrap();
    // The sandbox, like BTS, refuses a ParcelNumber twice; the journal answers the first reply.
    let again = c
        .call_json_replied("international/add", &parcel("366489851", None))
        .unwrap();
    assert!(again.replayed);
    assert_eq!(again.data, first);
    assert_eq!(sb.requests("international/add"), 1);
    // The same clientId on an order and on a parcel: two creates, both sent.
    c.call_json("order/add", &order("SAME")).unwrap();
    let p = c
        .call_json_replied("international/add", &parcel("366489852", Some("SAME")))
        .unwrap();
    assert!(!p.replayed);
    assert_eq!(sb.requests("order/add"), 1);
    assert_eq!(sb.requests("international/add"), 2);
}

#[test]
fn a_journal_that_cannot_be_opened_is_refused_at_creation() {
    let sb = Sandbox::start();
    let err = Client::new(config(&sb, Some(Path::new("/dev/null/journal")))).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(err.fields().contains_key("journal"), "{err:?}");
    let err = Config::from_json(r#"{"journal":""}"#).unwrap_err();
    assert!(err.fields().contains_key("journal"), "{err:?}");
    let err = Config::from_json(r#"{"journal_keep_days":0}"#).unwrap_err();
    assert!(err.fields().contains_key("journal_keep_days"), "{err:?}");
}

// ---- Processes: the test binary runs itself as the other process. ----

const CHILD_CONFIG: &str = "BTS_JOURNAL_TEST_CONFIG";
const CHILD_KEY: &str = "BTS_JOURNAL_TEST_KEY";

fn spawn_child(test: &str, config: &Config, key: &str) -> std::process::Child {
    let journal = config.journal.as_ref().unwrap().to_str().unwrap();
    let config_json = json!({
        "base_url": config.base_url, "username": config.username,
        "password": config.password.expose(), "inn": config.inn, "journal": journal,
    });
    Command::new(std::env::current_exe().unwrap())
        .args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_CONFIG, config_json.to_string())
        .env(CHILD_KEY, key)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// The child's side of `processes_racing_one_key_create_one_order`: one create, its envelope
/// printed on a line of its own. Does nothing unless that test started it.
#[test]
fn child_creates_once() {
    let (Ok(config), Ok(key)) = (std::env::var(CHILD_CONFIG), std::env::var(CHILD_KEY)) else {
        return;
    };
    let c = Client::from_json(&config).unwrap();
    c.call("auth/get-token", Value::Null).unwrap();
    let envelope = c.call_envelope("order/add", &order(&key));
    println!("\nENVELOPE {envelope}");
}

#[test]
fn processes_racing_one_key_create_one_order() {
    const PROCESSES: usize = 4;
    let dir = TempDir::new("processes");
    let sb = Sandbox::start();
    let cfg = config(&sb, Some(&dir.journal()));
    // The first create to arrive takes a second: every other process is waiting by then.
    sb.inject("order/add", Fault::Delay(Duration::from_millis(1000)), 1);
    let children: Vec<_> = (0..PROCESSES)
        .map(|_| spawn_child("child_creates_once", &cfg, "PROC-1"))
        .collect();
    let envelopes: Vec<Value> = children
        .into_iter()
        .map(|child| {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success());
            let text = String::from_utf8(out.stdout).unwrap();
            let line = text
                .lines()
                .find_map(|l| l.strip_prefix("ENVELOPE "))
                .unwrap_or_else(|| panic!("no envelope in {text}"));
            serde_json::from_str(line).unwrap()
        })
        .collect();
    assert_eq!(sb.requests("order/add"), 1, "{envelopes:?}");
    assert!(envelopes.iter().all(|e| e["ok"] == true), "{envelopes:?}");
    let fresh = envelopes
        .iter()
        .filter(|e| e.get("replayed").is_none())
        .count();
    assert_eq!(fresh, 1, "{envelopes:?}");
    assert!(envelopes
        .iter()
        .all(|e| e["data"]["orderId"] == envelopes[0]["data"]["orderId"]));
}

/// The child's side of `a_writer_killed_mid_run_leaves_a_valid_journal`: creates orders
/// `KEY-0`, `KEY-1`, … until killed, printing each key once its create returned.
#[test]
fn child_creates_until_killed() {
    let (Ok(config), Ok(key)) = (std::env::var(CHILD_CONFIG), std::env::var(CHILD_KEY)) else {
        return;
    };
    let c = Client::from_json(&config).unwrap();
    let mut out = std::io::stdout();
    for n in 0.. {
        let key = format!("{key}-{n}");
        c.call_json("order/add", &order(&key)).unwrap();
        writeln!(out, "\nDONE {key}").unwrap();
        out.flush().unwrap();
    }
}

#[test]
fn a_writer_killed_mid_run_leaves_a_valid_journal() {
    let dir = TempDir::new("kill");
    let sb = Sandbox::start();
    let cfg = config(&sb, Some(&dir.journal()));
    let mut child = spawn_child("child_creates_until_killed", &cfg, "KILL");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut done = Vec::new();
    while done.len() < 30 {
        let line = lines.next().expect("the child stopped early").unwrap();
        if let Some(key) = line.strip_prefix("DONE ") {
            done.push(key.to_owned());
        }
    }
    child.kill().unwrap(); // SIGKILL on Unix: no destructor, no flush
    child.wait().unwrap();
    assert!(assert_valid_lines(&dir.journal()) > 2 * done.len());

    // Every create the child saw finish is answered again; nothing is sent for them.
    let c = client(&sb, &dir.journal());
    let sent = sb.requests("order/add");
    for key in &done {
        let replied = c.call_json_replied("order/add", &order(key)).unwrap();
        assert!(replied.replayed, "{key}");
    }
    assert_eq!(sb.requests("order/add"), sent);
    // The create in flight at the kill: done (its line was written), pending (a conflict), or
    // never journaled (then sent now). Never an error of another kind.
    let next = format!("KILL-{}", done.len());
    match c.call_json_replied("order/add", &order(&next)) {
        Ok(_) => {}
        Err(e) => assert_eq!(e.kind(), ErrorKind::Conflict, "{e:?}"),
    }
    assert_valid_lines(&dir.journal());
}

/// A replay from a large journal sends nothing, and what it costs (printed). The test command
/// uses 1,000 entries; `BTS_MEASURE=1` adds 10,000, for the numbers in docs/journal.md (in an
/// optimised build: `BTS_MEASURE=1 cargo test -p bts --test journal --config
/// 'profile.dev.opt-level=3' --config 'profile.dev.package."*".opt-level=3' -- measure
/// --nocapture`).
#[test]
fn measure_replay_cost() {
    let sb = Sandbox::start();
    let account = format!("{}#{}", sb.base_url(), bts_sandbox::COURIER_INN);
    let reply = format!("{{\"orderId\":1,\"labelEncode\":\"{}\"}}", "A".repeat(4000));
    let sizes: &[usize] = if std::env::var_os("BTS_MEASURE").is_some() {
        &[1_000, 10_000]
    } else {
        &[1_000]
    };
    for &n in sizes {
        let dir = TempDir::new("measure");
        let mut f = std::io::BufWriter::new(std::fs::File::create(dir.journal()).unwrap());
        writeln!(f, "{{\"bts_journal\":1,\"live_bytes\":0,\"id\":\"m{n}\"}}").unwrap();
        for i in 0..n {
            let line = json!({"op": "order/add", "account": account, "key": format!("K-{i}"),
                "state": "done", "attempt": "x", "at": "2099-01-01T00:00:00.000Z", "reply": reply});
            writeln!(f, "{line}").unwrap();
        }
        drop(f);
        let size = std::fs::metadata(dir.journal()).unwrap().len();
        let c = client(&sb, &dir.journal());
        let body = json!({"clientId": format!("K-{}", n - 1)}).to_string();
        let start = Instant::now();
        assert!(c.call_json_replied("order/add", &body).unwrap().replayed);
        let first = start.elapsed();
        let start = Instant::now();
        for _ in 0..20 {
            assert!(c.call_json_replied("order/add", &body).unwrap().replayed);
        }
        let later = start.elapsed() / 20;
        println!("{n} entries, {size} bytes: first replay {first:?}, later replays {later:?}");
    }
    assert_eq!(sb.requests("order/add"), 0);
}

/// On the current API a create whose reply was lost is looked up with `order/list` (by its
/// `clientId`) instead of being refused: found, it is answered as a replay and nothing is sent
/// twice.
#[test]
fn on_the_current_api_a_lost_reply_is_reconciled_through_order_list() {
    let dir = TempDir::new("reconcile");
    let sb = Sandbox::start();
    let mut config = Config::from_json(&sb.current_config_json()).unwrap();
    config.journal = Some(dir.journal());
    let c = Client::new(config).unwrap();
    let body = json!({
        "clientId": "SHOP-RECON-1", "pickup_type": "self", "dropoff_type": "courier",
        "sender": {"name": "a", "phone": "+998900000001", "address": "x", "city_code": "0109", "branch_code": "0154"},
        "receiver": {"name": "b", "phone": "+998900000002", "address": "y", "city_code": "3001"},
        "cargo": {"weight": 1, "piece": 1, "packageId": 8}
    })
    .to_string();
    // The order is made, then the connection is reset before any reply.
    sb.inject("current/order/add", bts_sandbox::Fault::Reset, 1);
    let lost = c.call_json_replied("order/add", &body).unwrap_err();
    assert!(lost.may_have_reached_server(), "{lost:?}");
    assert_eq!(sb.requests("current/order/add"), 1);
    // The retry finds it through order/list and sends no second create.
    let found = c.call_json_replied("order/add", &body).unwrap();
    assert!(found.replayed, "answered from the lookup");
    let v: Value = serde_json::from_str(&found.data).unwrap();
    assert_eq!(v["clientId"], "SHOP-RECON-1");
    assert_eq!(
        sb.requests("current/order/add"),
        1,
        "nothing was sent twice"
    );
    assert!(sb.requests("current/order/list") >= 1);
    // And from then on the journal holds it as done.
    assert!(c.call_json_replied("order/add", &body).unwrap().replayed);
    assert_eq!(sb.requests("current/order/add"), 1);
}
