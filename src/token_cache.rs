//! The shared token file (configuration key `token_cache`): the tokens of every API a client
//! logs in to, kept with their expiry for every process and request that names the same file,
//! so that PHP-FPM requests, cron scripts, shell loops of the CLI and 1C server sessions log in
//! once instead of once each.
//!
//! Layout, for a cache at `P`:
//!
//! * `P`: one JSON object, `{"bts_token_cache":1,"key":"<64 hex>","entries":{...}}`, replaced
//!   whole (a temporary file with an unpredictable name, `fsync`, rename): a reader sees the old
//!   version or the new one, never half of one. A file that does not parse (torn by a crash of
//!   an older writer, edited by hand) is ignored and rewritten: it costs one login, never a call.
//! * `key` is a random 256-bit key made with the file. Each entry is named by
//!   `api base_url account` and an HMAC-SHA256, under that key, of the API, base URL, account
//!   and password: the password is never written, and a changed password or another account
//!   never finds a token it did not log in for.
//! * `P.lock`: the lock every read and replacement holds, briefly (a separate file because the
//!   rename replaces `P`).
//! * `P.login`: the lock held around a login, across processes: processes that start together
//!   wait for the first one's login (at most half of what is left of the call's `timeout_ms`,
//!   then they log in themselves) and read its token from the file.
//!
//! Locks are the operating system's whole-file locks, as the journal's: released when their
//! holder closes the file or dies, so a killed process never blocks the others.
//!
//! On Unix, `P` and its locks are created `0600`, and a file that another user owns or that is
//! group- or world-writable is refused with an error saying so (someone else could plant a
//! token or read them). Entries whose tokens have all expired are dropped at the next write.
//!
//! Longer than 600 lines: its unit tests (about 70 lines) sit at its end, beside the file
//! format they check.

use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::config::Secret;
use crate::durable::{hex, random, replace};
use crate::error::{Error, ErrorKind};
use crate::time::now_secs;
use crate::token::{expiring, jwt_exp, Tokens};

/// The format number written in the file.
const FORMAT: u32 = 1;
/// How long a lock waiter sleeps between tries, at most.
const POLL: Duration = Duration::from_millis(10);
/// The largest file read (a token cache holds a few entries; anything bigger is not ours).
const MAX_FILE: u64 = 4 << 20;

/// A token cache file and its two locks.
#[derive(Debug)]
pub(crate) struct TokenFile {
    path: PathBuf,
    lock: PathBuf,
    login: PathBuf,
}

/// One entry as written in the file.
#[derive(Serialize, Deserialize, Clone, Default)]
struct Entry {
    /// The access token, or none after BTS refused it (the refresh token may still serve).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    access: Option<String>,
    /// The access token's expiry (seconds since 1970) where it says (a JWT's `exp`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    expires: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    refresh: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    refresh_expires: Option<u64>,
    /// When it was written (seconds since 1970).
    #[serde(default)]
    saved: u64,
}

/// The whole file.
#[derive(Serialize, Deserialize, Default)]
struct Document {
    bts_token_cache: u32,
    /// The HMAC key (hex), random, made with the file.
    key: String,
    entries: BTreeMap<String, Entry>,
}

/// Who an entry belongs to: the API, its base URL, the account and its password (hashed with
/// the file's key into the entry's name, never written).
#[derive(Clone)]
pub(crate) struct Account {
    /// `legacy`, `current` or `wms`.
    pub api: &'static str,
    pub base_url: String,
    /// The login (`username/inn` on the legacy API).
    pub name: String,
    pub password: Secret,
}

impl std::fmt::Debug for Account {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Account")
            .field("api", &self.api)
            .field("base_url", &self.base_url)
            .field("name", &self.name)
            .field("password", &self.password)
            .finish()
    }
}

impl Account {
    /// The entry's name in a file whose key is `key_hex`.
    fn entry_name(&self, key_hex: &str) -> Option<String> {
        let key = decode_hex(key_hex).filter(|k| k.len() == 32)?;
        let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, &key);
        let mut ctx = ring::hmac::Context::with_key(&key);
        // Each part with its length first, so that no two accounts feed the same bytes.
        for part in [
            self.api,
            self.base_url.as_str(),
            self.name.as_str(),
            self.password.expose(),
        ] {
            ctx.update(&(part.len() as u64).to_be_bytes());
            ctx.update(part.as_bytes());
        }
        let tag = ctx.sign();
        Some(format!(
            "{} {} {} {}",
            self.api,
            self.base_url,
            self.name,
            hex(tag.as_ref())
        ))
    }
}

/// A client's view of the file for one API: the file and the account.
#[derive(Debug)]
pub(crate) struct Shared {
    pub file: Arc<TokenFile>,
    pub account: Account,
}

impl Shared {
    /// New tokens for the account: a usable token another process left in the file, else
    /// `renew` (a refresh or a login) under the cross-process login lock, its tokens then
    /// written for the others. `refused` is a token BTS refused: it is dropped from the file
    /// first and never taken from it again. With `forced` (an explicit login) the file is not
    /// read, only written.
    pub fn renew(
        &self,
        deadline: Instant,
        refused: Option<Arc<Secret>>,
        memory_refresh: Option<Arc<Secret>>,
        forced: bool,
        renew: impl FnOnce(Option<Arc<Secret>>) -> Result<Tokens, Error>,
    ) -> Result<Tokens, Error> {
        let refused = refused.as_deref().map(Secret::expose);
        let mut found = None;
        if !forced {
            if let Some(tokens) = self.look(deadline, refused, &mut found)? {
                return Ok(tokens);
            }
        }
        // Wait for another process's login at most half of what is left: if it is stuck, this
        // call still has time to log in by itself.
        let now = Instant::now();
        let until = now + deadline.saturating_duration_since(now) / 2;
        let _login = self.file.take(&self.file.login, until)?;
        if !forced {
            if let Some(tokens) = self.look(deadline, refused, &mut found)? {
                return Ok(tokens);
            }
        }
        let file_refresh = found
            .and_then(|e| e.refresh.filter(|_| !expiring(e.refresh_expires)))
            .map(|r| Arc::new(Secret::new(r)));
        let tokens = renew(file_refresh.or(memory_refresh))?;
        // The token is good whether or not it could be shared: a failed write costs the other
        // processes a login, not this call its answer.
        let _ = self.store(&tokens, deadline);
        Ok(tokens)
    }

    /// Reads the account's entry: tokens when its access token is usable; `found` gets the
    /// entry (for its refresh token). Drops a `refused` access token from the file.
    fn look(
        &self,
        deadline: Instant,
        refused: Option<&str>,
        found: &mut Option<Entry>,
    ) -> Result<Option<Tokens>, Error> {
        let _guard = self.file.lock(deadline)?;
        let mut doc = self.file.read()?;
        let Some(name) = self.account.entry_name(&doc.key) else {
            return Ok(None);
        };
        let Some(entry) = doc.entries.get_mut(&name) else {
            return Ok(None);
        };
        if refused.is_some() && entry.access.as_deref() == refused {
            entry.access = None;
            entry.expires = None;
            let _ = self.file.write(&doc);
            *found = doc.entries.get(&name).cloned();
            return Ok(None);
        }
        *found = Some(entry.clone());
        Ok(match &entry.access {
            Some(access) if !expiring(entry.expires) => Some(Tokens {
                access: Secret::new(access.clone()),
                refresh: entry.refresh.clone().map(Secret::new),
            }),
            _ => None,
        })
    }

    /// Writes the account's new tokens (a refresh token it did not get again is kept).
    fn store(&self, tokens: &Tokens, deadline: Instant) -> Result<(), Error> {
        let _guard = self.file.lock(deadline)?;
        let mut doc = self.file.read()?;
        if doc.key.is_empty() || decode_hex(&doc.key).is_none_or(|k| k.len() != 32) {
            doc = Document {
                bts_token_cache: FORMAT,
                key: hex(&random::<32>().map_err(|e| self.file.error("cannot make its key", &e))?),
                entries: BTreeMap::new(),
            };
        }
        let name = self
            .account
            .entry_name(&doc.key)
            .ok_or_else(|| Error::internal("the token cache key is not usable"))?;
        let old_refresh = doc.entries.get(&name).and_then(|e| e.refresh.clone());
        let refresh = tokens
            .refresh
            .as_ref()
            .map(|r| r.expose().to_owned())
            .or(old_refresh);
        let now = now_secs();
        doc.entries.retain(|_, e| {
            !(expiring(e.expires) && (e.refresh.is_none() || expired(e.refresh_expires, now)))
        });
        doc.entries.insert(
            name,
            Entry {
                access: Some(tokens.access.expose().to_owned()),
                expires: jwt_exp(tokens.access.expose()),
                refresh_expires: refresh.as_deref().and_then(jwt_exp),
                refresh,
                saved: now,
            },
        );
        self.file
            .write(&doc)
            .map_err(|e| self.file.error("cannot write it", &e))
    }
}

/// The shared views of the courier API's and the WMS's tokens for `config`: none without
/// `token_cache`, and none for an API without credentials (a pre-set token stays in memory).
pub(crate) fn for_config(
    config: &crate::config::Config,
) -> Result<(Option<Shared>, Option<Shared>), Error> {
    let Some(path) = &config.token_cache else {
        return Ok((None, None));
    };
    let file = Arc::new(TokenFile::open(path)?);
    let courier = config.has_courier_credentials().then(|| {
        let api = config.courier_api;
        Shared {
            file: file.clone(),
            account: Account {
                api: api.as_str(),
                base_url: config.base_url.clone(),
                name: match api {
                    crate::operations::Api::Current => config.login.clone(),
                    _ => format!("{}/{}", config.username, config.inn),
                },
                password: config.password.clone(),
            },
        }
    });
    let wms = config.has_wms_credentials().then(|| Shared {
        file: file.clone(),
        account: Account {
            api: "wms",
            base_url: config.wms_base_url.clone(),
            name: config.wms_login.clone(),
            password: config.wms_password.clone(),
        },
    });
    Ok((courier, wms))
}

impl TokenFile {
    /// Opens the cache at `path`: creates its lock files (`0600`) and checks the file and the
    /// locks (owner, permissions). The file itself is created at the first login.
    pub fn open(path: &Path) -> Result<TokenFile, Error> {
        let with = |suffix: &str| {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            PathBuf::from(p)
        };
        let file = TokenFile {
            path: path.to_owned(),
            lock: with(".lock"),
            login: with(".login"),
        };
        match fs::metadata(path) {
            Ok(meta) => file.check(path, &meta)?,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(file.error("cannot be read", &e)),
        }
        for lock in [&file.lock, &file.login] {
            file.open_lock(lock)?;
        }
        Ok(file)
    }

    /// Opens (creating, `0600`) one of the lock files, after checking it.
    fn open_lock(&self, lock: &Path) -> Result<File, Error> {
        let handle = private(OpenOptions::new().read(true).write(true).create(true))
            .open(lock)
            .map_err(|e| self.error(&format!("cannot open its lock {}", lock.display()), &e))?;
        let meta = handle
            .metadata()
            .map_err(|e| self.error("cannot read its lock", &e))?;
        self.check(lock, &meta)?;
        Ok(handle)
    }

    /// Refuses a file of another user, or one others may write.
    #[cfg(unix)]
    fn check(&self, path: &Path, meta: &fs::Metadata) -> Result<(), Error> {
        use std::os::unix::fs::MetadataExt;
        let me = effective_uid(path);
        if me.is_some_and(|me| me != meta.uid()) {
            return Err(self.refuse(format!(
                "{} is owned by another user (uid {}, this process runs as uid {}); bts uses only a token cache of its own user: point token_cache at a file of this user's",
                path.display(),
                meta.uid(),
                me.unwrap_or_default()
            )));
        }
        let mode = meta.mode() & 0o777;
        if mode & 0o022 != 0 {
            return Err(self.refuse(format!(
                "{} is group- or world-writable (mode {mode:03o}); another user could plant a token: make it private (chmod 600 {})",
                path.display(),
                path.display()
            )));
        }
        Ok(())
    }

    /// Refuses nothing where there are no Unix owners and modes.
    #[cfg(not(unix))]
    fn check(&self, _path: &Path, _meta: &fs::Metadata) -> Result<(), Error> {
        Ok(())
    }

    /// The error for a file that another user owns or others may write (Unix only).
    #[cfg(unix)]
    fn refuse(&self, why: String) -> Error {
        Error::invalid_input(format!("the token cache {why}; nothing was sent"))
            .with_fields([("token_cache", vec![why])])
    }

    /// A failure to use the file: `fields` names the `token_cache` key.
    fn error(&self, what: &str, e: &io::Error) -> Error {
        let why = format!("{what}: {e}");
        Error::invalid_input(format!(
            "the token cache {} {why}; nothing was sent",
            self.path.display()
        ))
        .with_fields([("token_cache", vec![why])])
    }

    /// Holds the file's lock (until `deadline`, else a timeout error).
    fn lock(&self, deadline: Instant) -> Result<File, Error> {
        self.take(&self.lock, deadline)?.ok_or_else(|| {
            Error::new(
                ErrorKind::Timeout,
                format!(
                    "the token cache {} stayed locked by another process until the call's deadline",
                    self.path.display()
                ),
            )
        })
    }

    /// Takes the lock file `lock`, polling until `until`; `None` when another process held it
    /// all along.
    fn take(&self, lock: &Path, until: Instant) -> Result<Option<File>, Error> {
        let file = self.open_lock(lock)?;
        let mut wait = Duration::from_millis(1);
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Some(file)),
                Err(TryLockError::WouldBlock) => {}
                Err(TryLockError::Error(e)) => return Err(self.error("cannot lock its lock", &e)),
            }
            let now = Instant::now();
            if now >= until {
                return Ok(None);
            }
            thread::sleep(wait.min(until - now));
            wait = (wait * 2).min(POLL);
        }
    }

    /// The file's content; an empty document when it is missing, torn or not ours to parse.
    /// Call with the lock.
    fn read(&self) -> Result<Document, Error> {
        let mut file = match File::open(&self.path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Document::default()),
            Err(e) => return Err(self.error("cannot be read", &e)),
        };
        let meta = file
            .metadata()
            .map_err(|e| self.error("cannot be read", &e))?;
        self.check(&self.path, &meta)?;
        let mut bytes = Vec::new();
        if (&mut file).take(MAX_FILE).read_to_end(&mut bytes).is_err() {
            return Ok(Document::default());
        }
        Ok(serde_json::from_slice::<Document>(&bytes)
            .ok()
            .filter(|d| d.bts_token_cache == FORMAT)
            .unwrap_or_default())
    }

    /// Replaces the file with `doc`: a new `0600` file with an unpredictable name in the same
    /// folder, `fsync`, rename over the old one. Call with the lock.
    fn write(&self, doc: &Document) -> io::Result<()> {
        let bytes = serde_json::to_vec(doc).map_err(io::Error::other)?;
        replace(&self.path, true, |file| file.write_all(&bytes))
    }
}

/// Open options that create the file `0600` on Unix.
fn private(options: &mut OpenOptions) -> &mut OpenOptions {
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(options, 0o600);
    options
}

/// The effective user id of this process (Linux: from `/proc/self/status`, which stays right
/// after a PHP-FPM worker drops root; other Unix systems: the owner of a probe file made in the
/// folder of `near`). `None` when it cannot be learnt: then the owner is not checked.
#[cfg(unix)]
fn effective_uid(near: &Path) -> Option<u32> {
    if let Ok(status) = fs::read_to_string("/proc/self/status") {
        return status
            .lines()
            .find_map(|l| l.strip_prefix("Uid:"))
            .and_then(|ids| ids.split_whitespace().nth(1))
            .and_then(|euid| euid.parse().ok());
    }
    use std::os::unix::fs::MetadataExt;
    let mut probe = near.as_os_str().to_owned();
    probe.push(format!(".uid-{}", hex(&random::<8>().ok()?)));
    let probe = PathBuf::from(probe);
    let file = private(OpenOptions::new().write(true).create_new(true))
        .open(&probe)
        .ok()?;
    let uid = file.metadata().ok().map(|m| m.uid());
    drop(file);
    let _ = fs::remove_file(&probe);
    uid
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

fn expired(exp: Option<u64>, now: u64) -> bool {
    exp.is_some_and(|exp| exp <= now)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(password: &str) -> Account {
        Account {
            api: "legacy",
            base_url: "http://127.0.0.1:1/index.php".into(),
            name: "shop/123".into(),
            password: Secret::new(password),
        }
    }

    #[test]
    fn entry_names_differ_by_password_and_key_and_hide_the_password() {
        let key = hex(&[7u8; 32]);
        let a = account("pw-one").entry_name(&key).unwrap();
        assert_ne!(a, account("pw-two").entry_name(&key).unwrap());
        assert_ne!(a, account("pw-one").entry_name(&hex(&[8u8; 32])).unwrap());
        assert!(!a.contains("pw-one"));
        assert!(account("x").entry_name("zz").is_none());
        assert!(!format!("{:?}", account("pw-one")).contains("pw-one"));
    }

    #[test]
    fn a_torn_file_is_ignored_and_rewritten() {
        let dir = std::env::temp_dir().join(format!("bts-tc-{}", hex(&random::<8>().unwrap())));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("tokens.json");
        fs::write(&path, b"{\"bts_token_cache\":1,\"key\":\"ab").unwrap();
        #[cfg(unix)]
        fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
        let shared = Shared {
            file: Arc::new(TokenFile::open(&path).unwrap()),
            account: account("pw"),
        };
        let deadline = Instant::now() + Duration::from_secs(5);
        let mut logins = 0;
        let t = shared
            .renew(deadline, None, None, false, |_| {
                logins += 1;
                Ok(Tokens {
                    access: Secret::new("tok-1"),
                    refresh: None,
                })
            })
            .unwrap();
        assert_eq!((t.access.expose(), logins), ("tok-1", 1));
        let again = shared
            .renew(deadline, None, None, false, |_| unreachable!())
            .unwrap();
        assert_eq!(again.access.expose(), "tok-1");
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains("tok-1") && !text.contains("\"pw\""), "{text}");
        // A refused token is dropped, then replaced.
        let t = shared
            .renew(
                deadline,
                Some(Arc::new(Secret::new("tok-1"))),
                None,
                false,
                |_| {
                    Ok(Tokens {
                        access: Secret::new("tok-2"),
                        refresh: None,
                    })
                },
            )
            .unwrap();
        assert_eq!(t.access.expose(), "tok-2");
        fs::remove_dir_all(&dir).unwrap();
    }
}
