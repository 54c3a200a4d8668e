//! The shared token cache (`token_cache`), proved with real processes: the test binary runs
//! itself as the other processes, each making a fresh client per call (as a PHP-FPM request or
//! a shell loop of the CLI does), against a sandbox this test starts. The sandbox counts the
//! logins (`auth/get-token` requests).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use bts::{Client, ErrorKind};
use bts_sandbox::Sandbox;
use serde_json::{json, Value};

/// A folder removed when the test ends.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
            "bts-token-cache-{name}-{}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn cache(&self) -> PathBuf {
        self.0.join("tokens.json")
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The sandbox's configuration with a token cache, as JSON.
fn config_json(sandbox: &Sandbox, cache: &Path, password: Option<&str>) -> Value {
    let mut config: Value = serde_json::from_str(&sandbox.config_json()).unwrap();
    config["token_cache"] = json!(cache.to_str().unwrap());
    if let Some(password) = password {
        config["password"] = json!(password);
    }
    config
}

const CHILD_CONFIG: &str = "BTS_TOKEN_CACHE_TEST_CONFIG";
const CHILD_CALLS: &str = "BTS_TOKEN_CACHE_TEST_CALLS";

fn spawn_children(n: usize, config: &Value, calls: usize) -> Vec<std::process::Child> {
    (0..n)
        .map(|_| {
            Command::new(std::env::current_exe().unwrap())
                .args(["child_calls", "--exact", "--nocapture", "--test-threads=1"])
                .env(CHILD_CONFIG, config.to_string())
                .env(CHILD_CALLS, calls.to_string())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect()
}

/// Waits for every child; answers each one's output (stdout and stderr). Each must have
/// printed `CALLS-OK n` for its `n` calls.
fn wait_all(children: Vec<std::process::Child>, calls: usize) -> Vec<String> {
    children
        .into_iter()
        .map(|child| {
            let out = child.wait_with_output().unwrap();
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(out.status.success(), "{text}");
            assert!(text.contains(&format!("CALLS-OK {calls}")), "{text}");
            text
        })
        .collect()
}

/// The child's side of the process tests: `BTS_TOKEN_CACHE_TEST_CALLS` calls, each with a
/// client made for it (nothing survives between them but the token file). Does nothing unless
/// a test started it.
#[test]
fn child_calls() {
    let (Ok(config), Ok(calls)) = (std::env::var(CHILD_CONFIG), std::env::var(CHILD_CALLS)) else {
        return;
    };
    let calls: usize = calls.parse().unwrap();
    let mut ok = 0;
    for _ in 0..calls {
        let client = Client::from_json(&config).unwrap();
        let regions = client.call("directory/regions", Value::Null).unwrap();
        assert!(regions.is_array() || regions.is_object(), "{regions}");
        ok += 1;
    }
    let mut out = std::io::stdout();
    writeln!(out, "\nCALLS-OK {ok}").unwrap();
    out.flush().unwrap();
}

/// The file's access tokens.
fn cached_tokens(cache: &Path) -> Vec<String> {
    let doc: Value = serde_json::from_slice(&std::fs::read(cache).unwrap()).unwrap();
    doc["entries"]
        .as_object()
        .unwrap()
        .values()
        .filter_map(|e| e["access"].as_str().map(str::to_owned))
        .collect()
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn eight_processes_of_fifty_calls_log_in_once_and_no_secret_is_written() {
    let dir = TempDir::new("eight");
    let sb = Sandbox::start();
    let log = dir.0.join("exchanges.log");
    let mut config = config_json(&sb, &dir.cache(), None);
    config["log"] = json!(log.to_str().unwrap());
    let outputs = wait_all(spawn_children(8, &config, 50), 50);
    assert_eq!(sb.requests("auth/get-token"), 1, "one login for 400 calls");
    assert_eq!(sb.requests("directory/regions"), 400);

    let password = config["password"].as_str().unwrap();
    let text = std::fs::read_to_string(dir.cache()).unwrap();
    assert!(!text.contains(password), "the password is never written");
    let tokens = cached_tokens(&dir.cache());
    assert_eq!(tokens.len(), 1, "{text}");
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(logged.lines().count() >= 401, "{logged}");
    for secret in [password, tokens[0].as_str()] {
        assert!(!logged.contains(secret), "a secret in the log");
        assert!(outputs.iter().all(|o| !o.contains(secret)));
    }
    #[cfg(unix)]
    for path in [
        dir.cache(),
        dir.0.join("tokens.json.lock"),
        dir.0.join("tokens.json.login"),
    ] {
        assert_eq!(mode(&path), 0o600, "{}", path.display());
    }
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(&dir.0)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains(".tmp-")), "{names:?}");
}

#[test]
fn a_refused_token_is_replaced_once_for_every_process() {
    let dir = TempDir::new("refused");
    let sb = Sandbox::start();
    let config = config_json(&sb, &dir.cache(), None);
    wait_all(spawn_children(1, &config, 1), 1);
    let first = cached_tokens(&dir.cache());
    assert_eq!(sb.requests("auth/get-token"), 1);
    // BTS forgets every token: each process meets a 401 with the cached one.
    sb.expire_tokens();
    wait_all(spawn_children(8, &config, 5), 5);
    assert_eq!(
        sb.requests("auth/get-token"),
        2,
        "one new login for the refused token"
    );
    let second = cached_tokens(&dir.cache());
    assert_eq!(second.len(), 1);
    assert_ne!(first, second, "the refused token was replaced in the file");
}

#[test]
fn a_wrong_password_is_never_cached_nor_given_a_cached_token() {
    let dir = TempDir::new("wrong");
    let sb = Sandbox::start();
    let wrong = config_json(&sb, &dir.cache(), Some("wrong-pass-1234"));
    let err = Client::from_json(&wrong.to_string())
        .unwrap()
        .call("directory/regions", Value::Null)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Auth);
    assert!(!err.message().contains("wrong-pass-1234"), "{err}");
    assert!(!format!("{err:?}").contains("wrong-pass-1234"));
    assert!(
        !dir.cache().exists() || cached_tokens(&dir.cache()).is_empty(),
        "a refused login writes no token"
    );
    // The right password logs in and caches; the wrong one still gets no token from the file.
    let right = config_json(&sb, &dir.cache(), None);
    Client::from_json(&right.to_string())
        .unwrap()
        .call("directory/regions", Value::Null)
        .unwrap();
    assert_eq!(cached_tokens(&dir.cache()).len(), 1);
    let logins = sb.requests("auth/get-token");
    let err = Client::from_json(&wrong.to_string())
        .unwrap()
        .call("directory/regions", Value::Null)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Auth, "{err}");
    assert_eq!(sb.requests("auth/get-token"), logins + 1);
    assert_eq!(cached_tokens(&dir.cache()).len(), 1);
    let text = std::fs::read_to_string(dir.cache()).unwrap();
    assert!(
        !text.contains("wrong-pass-1234") && !text.contains(right["password"].as_str().unwrap())
    );
}

#[test]
fn a_torn_or_foreign_file_is_ignored_and_rewritten() {
    let dir = TempDir::new("torn");
    let sb = Sandbox::start();
    let config = config_json(&sb, &dir.cache(), None);
    for junk in [
        &b"{\"bts_token_cache\":1,\"key\":\"0a"[..],
        b"\x00\xff not json",
        b"[]",
    ] {
        std::fs::write(dir.cache(), junk).unwrap();
        #[cfg(unix)]
        std::fs::set_permissions(
            dir.cache(),
            std::os::unix::fs::PermissionsExt::from_mode(0o600),
        )
        .unwrap();
        let before = sb.requests("auth/get-token");
        let client = Client::from_json(&config.to_string()).unwrap();
        client.call("directory/regions", Value::Null).unwrap();
        assert_eq!(sb.requests("auth/get-token"), before + 1);
        assert_eq!(cached_tokens(&dir.cache()).len(), 1, "rewritten whole");
    }
}

/// The child's side of `the_file_survives_kill_9_of_a_writer`: explicit logins (each one
/// rewrites the file) until killed.
#[test]
fn child_logs_in_until_killed() {
    let Ok(config) = std::env::var("BTS_TOKEN_CACHE_TEST_LOGINS") else {
        return;
    };
    let client = Client::from_json(&config).unwrap();
    let mut out = std::io::stdout();
    writeln!(out, "\nSTARTED").unwrap();
    out.flush().unwrap();
    loop {
        client.call("auth/get-token", Value::Null).unwrap();
    }
}

#[test]
fn the_file_survives_kill_9_of_a_writer() {
    let dir = TempDir::new("kill");
    let sb = Sandbox::start();
    let config = config_json(&sb, &dir.cache(), None);
    for round in 0..5u64 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "child_logs_in_until_killed",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("BTS_TOKEN_CACHE_TEST_LOGINS", config.to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let before = sb.requests("auth/get-token");
        let started = std::time::Instant::now();
        while sb.requests("auth/get-token") < before + 5 + round as usize * 7 {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "the writer stalled"
            );
            std::thread::sleep(Duration::from_millis(2));
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        // The file is whole, and the next process uses its token without a login.
        assert_eq!(cached_tokens(&dir.cache()).len(), 1);
        let logins = sb.requests("auth/get-token");
        Client::from_json(&config.to_string())
            .unwrap()
            .call("directory/regions", Value::Null)
            .unwrap();
        let after = sb.requests("auth/get-token");
        // The token the killed writer had written last may be one its next login (sent, its
        // reply not yet written) made the sandbox forget: then one login replaces it.
        assert!(after <= logins + 1, "{logins} -> {after}");
    }
}

#[cfg(unix)]
#[test]
fn a_file_others_may_write_or_another_user_owns_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new("perm");
    let sb = Sandbox::start();
    let config = config_json(&sb, &dir.cache(), None);
    Client::from_json(&config.to_string())
        .unwrap()
        .call("directory/regions", Value::Null)
        .unwrap();
    std::fs::set_permissions(dir.cache(), std::fs::Permissions::from_mode(0o666)).unwrap();
    let err = Client::from_json(&config.to_string()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(
        err.message().contains("group- or world-writable") && err.message().contains("chmod 600"),
        "{err}"
    );
    assert!(err.fields().contains_key("token_cache"), "{err:?}");
    std::fs::set_permissions(dir.cache(), std::fs::Permissions::from_mode(0o600)).unwrap();
    Client::from_json(&config.to_string()).unwrap();

    // A file of another user: as root, one given to `nobody`; otherwise a file root owns.
    let foreign = if std::fs::read_to_string("/proc/self/status")
        .map(|s| {
            s.lines()
                .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(2) == Some("0"))
        })
        .unwrap_or(false)
    {
        let path = dir.0.join("nobody.json");
        std::fs::write(&path, "{}").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        let status = Command::new("chown")
            .args(["65534", path.to_str().unwrap()])
            .status()
            .unwrap();
        assert!(status.success());
        path
    } else {
        PathBuf::from("/etc/passwd")
    };
    let mut config = config;
    config["token_cache"] = json!(foreign.to_str().unwrap());
    let err = Client::from_json(&config.to_string()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(err.message().contains("owned by another user"), "{err}");
    assert!(err.fields().contains_key("token_cache"), "{err:?}");
}
