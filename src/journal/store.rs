//! The journal file: append-only JSON lines, cross-process file locks, safe compaction.
//!
//! Layout, for a journal at `P`:
//!
//! * `P`: the journal. Its first line is a header `{"bts_journal":1,"live_bytes":N,"id":...}`
//!   (`id` changes with each new version of the file: created or compacted); every other line is
//!   one [`Event`]. A line is written whole and `fsync`ed before the request it
//!   announces is sent; a last line without its newline (a writer died mid-write) is ignored,
//!   and cut off by the next writer before it appends.
//! * `P.locks/journal`: the lock that guards `P` itself (every read, append and compaction
//!   holds it, briefly). It is a separate file because compaction replaces `P` by a rename.
//! * `P.locks/key-00` … `key-ff`: the lock held by the process sending a create, for the whole
//!   request, chosen by a hash of (operation, account, key). A second caller of the same key
//!   waits on it, then reads the first one's outcome.
//!
//! Each [`Journal`] indexes the file as far as it has read it (entry → its last line), so a
//! long-lived client reads only what was appended since its last look.
//!
//! Every lock is a whole-file lock of the operating system (`flock` on Unix, `LockFileEx` on
//! Windows) taken by [`File::try_lock`] in a polling loop bounded by the call's deadline: it is
//! released when its holder closes the file or dies, so a crashed process never blocks others.
//!
//! Longer than 600 lines: with its unit tests; the code itself is the first 548 lines.

use std::collections::HashMap;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::durable::{replace, sync_dir};
use crate::error::Error;
use crate::time::{iso, now_ms, parse_iso};

/// The format number in the header line.
const FORMAT: u32 = 1;
/// How many key locks there are (keys share them by hash).
const STRIPES: u64 = 256;
/// A journal is compacted once it is larger than twice its live size plus this.
const COMPACT_SLACK: u64 = 1 << 20;
/// How long a lock waiter sleeps between tries, at most.
const POLL: Duration = Duration::from_millis(10);

/// Which create an entry is about: the operation, the account (service URL and login, so that
/// two accounts or the test and production servers never share a key) and the caller's key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct EntryId {
    pub(crate) op: String,
    pub(crate) account: String,
    pub(crate) key: String,
}

/// The state an event gives its entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum State {
    /// About to be sent, or sent with no complete reply: the outcome is unknown.
    Pending,
    /// Created: `reply` holds the reply to answer again.
    Done,
    /// Refused, or never sent: the key is free for a new create.
    Free,
    /// Settled by the caller (`journal/forget`): the key is free.
    Forgotten,
}

impl State {
    /// The name written in the file.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            State::Pending => "pending",
            State::Done => "done",
            State::Free => "free",
            State::Forgotten => "forgotten",
        }
    }
}

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Event {
    pub(crate) op: String,
    pub(crate) account: String,
    pub(crate) key: String,
    pub(crate) state: State,
    /// Which attempt: the same on an attempt's `pending` and on the event that settles it.
    pub(crate) attempt: String,
    /// When, UTC, `2026-01-05T09:30:00.123Z`.
    pub(crate) at: String,
    /// Why it was settled so (e.g. `validation (HTTP 422)`), or what left it pending.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) note: Option<String>,
    /// For `done`: the reply text, exactly as BTS sent it (the data of the success envelope).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) reply: Option<String>,
}

impl Event {
    /// A new event for `id`, stamped now.
    pub(crate) fn new(id: &EntryId, state: State, attempt: &str) -> Event {
        Event {
            op: id.op.clone(),
            account: id.account.clone(),
            key: id.key.clone(),
            state,
            attempt: attempt.to_owned(),
            at: iso(now_ms()),
            note: None,
            reply: None,
        }
    }

    fn id(&self) -> EntryId {
        EntryId {
            op: self.op.clone(),
            account: self.account.clone(),
            key: self.key.clone(),
        }
    }

    /// Whether this event keeps its entry alive at `now` (pending, or done within `keep`).
    fn live(&self, now: u64, keep: Duration) -> bool {
        match self.state {
            State::Pending => true,
            State::Done => parse_iso(&self.at)
                .map(|at| now.saturating_sub(at) <= keep.as_millis() as u64)
                .unwrap_or(true),
            State::Free | State::Forgotten => false,
        }
    }
}

impl EntryId {
    /// FNV-1a of the three parts: stable across processes, versions and platforms.
    fn stripe(&self) -> u64 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for part in [&self.op, &self.account, &self.key] {
            for b in part.bytes().chain([0u8]) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        h % STRIPES
    }
}

/// The header line.
#[derive(Debug, Serialize, Deserialize)]
struct Header {
    bts_journal: u32,
    /// Bytes of entry lines right after the last compaction (0 for a new journal).
    live_bytes: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    compacted: Option<String>,
    /// A new value for each new version of the file (created or compacted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<String>,
}

/// Where each entry's last line starts, in one version of the file.
#[derive(Debug, Default)]
struct Index {
    /// The header's `id` of the file indexed (a compaction writes a new one).
    file: Option<String>,
    /// How far the file has been read (always the end of a complete line).
    read_to: u64,
    /// Entry → (offset, length) of its last line.
    slots: HashMap<EntryId, (u64, usize)>,
}

/// Which entry a line is about, from its first fields (the writer puts `op`, `account`, `key`
/// before the rest, and `,"state":` cannot occur inside a string value), else from the whole
/// line.
fn line_id(line: &str) -> Option<EntryId> {
    #[derive(Deserialize)]
    struct Head {
        op: String,
        account: String,
        key: String,
    }
    let head = line
        .find(",\"state\":")
        .and_then(|cut| serde_json::from_str::<Head>(&format!("{}}}", &line[..cut])).ok())
        .or_else(|| serde_json::from_str::<Head>(line).ok())?;
    Some(EntryId {
        op: head.op,
        account: head.account,
        key: head.key,
    })
}

/// A held lock: released when dropped (the file is closed).
#[derive(Debug)]
pub(crate) struct Held(#[allow(dead_code)] File);

/// A journal file and its locks.
#[derive(Debug)]
pub(crate) struct Journal {
    path: PathBuf,
    locks: PathBuf,
    keep: Duration,
    slack: u64,
    index: Mutex<Index>,
}

impl Journal {
    /// Opens (creating when missing) the journal at `path` and its lock folder `path.locks`.
    /// Finished creates are answered again for `keep_days`.
    pub(crate) fn open(path: &Path, keep_days: u32) -> Result<Journal, Error> {
        let mut locks = path.as_os_str().to_owned();
        locks.push(".locks");
        let journal = Journal {
            path: path.to_owned(),
            locks: PathBuf::from(locks),
            keep: Duration::from_secs(u64::from(keep_days) * 86_400),
            slack: COMPACT_SLACK,
            index: Mutex::new(Index::default()),
        };
        fs::create_dir_all(&journal.locks)
            .map_err(|e| journal.io_error("cannot create its lock folder", &e))?;
        OpenOptions::new()
            .create(true)
            .append(true)
            .open(&journal.path)
            .map_err(|e| journal.io_error("cannot open it", &e))?;
        Ok(journal)
    }

    /// Waits (until `deadline`) for the lock of `id`'s key; `None` when the deadline passed
    /// while another caller held it.
    pub(crate) fn lock_key(&self, id: &EntryId, deadline: Instant) -> Result<Option<Held>, Error> {
        let name = format!("key-{:02x}", id.stripe());
        self.lock(&name, deadline)
    }

    /// The live state of `id`: its last event, when that is `pending` or a `done` younger than
    /// the keeping time.
    ///
    /// Each journal keeps an index (entry → where its last line starts) of the file as far as
    /// it has read it, so a long-lived client reads only the lines appended since its last
    /// look; a new file (after a compaction, by any process) is read again from the start.
    pub(crate) fn lookup(&self, id: &EntryId, deadline: Instant) -> Result<Option<Event>, Error> {
        let _guard = self.journal_lock(deadline)?;
        self.lookup_locked(id)
            .map_err(|e| self.io_error("cannot read it", &e))
    }

    fn lookup_locked(&self, id: &EntryId) -> io::Result<Option<Event>> {
        let mut file = match File::open(&self.path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        let file_id = read_header(&mut file)?.and_then(|h| h.id);
        let len = file.metadata()?.len();
        let mut index = self.index.lock().unwrap_or_else(PoisonError::into_inner);
        if file_id.is_none() || index.file != file_id || len < index.read_to {
            *index = Index {
                file: file_id,
                ..Index::default()
            };
        }
        file.seek(SeekFrom::Start(index.read_to))?;
        let mut tail = Vec::with_capacity(usize::try_from(len - index.read_to).unwrap_or(0));
        file.read_to_end(&mut tail)?;
        let complete = complete_len(&tail);
        let base = index.read_to;
        let mut offset = 0usize;
        let mut add = |line: Option<&str>, n: usize| {
            if let Some(line_id) = line.and_then(line_id) {
                index.slots.insert(line_id, (base + offset as u64, n));
            }
            offset += n + 1;
        };
        match std::str::from_utf8(&tail[..complete]) {
            // The usual case: one check of the whole text, then a fast search for newlines.
            Ok(text) => text.split('\n').for_each(|l| add(Some(l), l.len())),
            Err(_) => tail[..complete]
                .split(|&b| b == b'\n')
                .for_each(|l| add(std::str::from_utf8(l).ok(), l.len())),
        }
        index.read_to = base + complete as u64;
        let Some(&(at, n)) = index.slots.get(id) else {
            return Ok(None);
        };
        drop(index);
        let mut line = vec![0u8; n];
        file.seek(SeekFrom::Start(at))?;
        file.read_exact(&mut line)?;
        Ok(serde_json::from_slice::<Event>(&line)
            .ok()
            .filter(|e| e.id() == *id && e.live(now_ms(), self.keep)))
    }

    /// Appends `event` and `fsync`s it; compacts the file when it has grown.
    pub(crate) fn record(&self, event: &Event, deadline: Instant) -> Result<(), Error> {
        let _guard = self.journal_lock(deadline)?;
        let (size, live) = self
            .append(event)
            .map_err(|e| self.io_error("cannot write it", &e))?;
        if size > live.saturating_mul(2).saturating_add(self.slack) {
            // The event is already safe on disk: a failed compaction only leaves the file as
            // long as it was (and its temporary file, rewritten next time).
            let _ = self.compact_locked();
        }
        Ok(())
    }

    /// Appends one line (after cutting a torn tail, writing the header into an empty file);
    /// answers the file's new size and its header's live size.
    fn append(&self, event: &Event) -> io::Result<(u64, u64)> {
        let mut line = serde_json::to_vec(event).map_err(io::Error::other)?;
        line.push(b'\n');
        let mut file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(&self.path)?;
        let len = cut_torn_tail(&mut file)?;
        let live = if len == 0 {
            let header = header_line(0)?;
            file.write_all(&header)?;
            file.sync_all()?;
            sync_dir(&self.path);
            0
        } else {
            read_header(&mut file)?.map(|h| h.live_bytes).unwrap_or(0)
        };
        file.write_all(&line)?;
        file.sync_data()?;
        Ok((file.metadata()?.len(), live))
    }

    /// Rewrites the journal with only its live entries (the last event of each pending entry,
    /// and of each done one still kept), in their order: a temporary file, `fsync`, rename,
    /// `fsync` of the folder. The lines are copied byte for byte. Call with the journal lock.
    pub(crate) fn compact_locked(&self) -> io::Result<()> {
        let bytes = self.read()?;
        let now = now_ms();
        let mut latest: HashMap<EntryId, (usize, &[u8], bool)> = HashMap::new();
        for (n, line) in complete_lines(&bytes).enumerate() {
            if let Ok(event) = serde_json::from_slice::<Event>(line) {
                let live = event.live(now, self.keep);
                latest.insert(event.id(), (n, line, live));
            }
        }
        let mut kept: Vec<(usize, &[u8])> = latest
            .into_values()
            .filter(|(_, _, live)| *live)
            .map(|(n, line, _)| (n, line))
            .collect();
        kept.sort_unstable_by_key(|(n, _)| *n);
        let live: u64 = kept.iter().map(|(_, l)| l.len() as u64 + 1).sum();
        replace(&self.path, false, |file| {
            let mut out = io::BufWriter::new(file);
            out.write_all(&header_line(live)?)?;
            for (_, line) in &kept {
                out.write_all(line)?;
                out.write_all(b"\n")?;
            }
            out.flush()
        })
    }

    /// The whole file (empty when it does not exist).
    fn read(&self) -> io::Result<Vec<u8>> {
        match File::open(&self.path) {
            Ok(mut f) => {
                let len = f.metadata().map(|m| m.len()).unwrap_or(0);
                let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0) + 1);
                f.read_to_end(&mut bytes)?;
                Ok(bytes)
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(e),
        }
    }

    fn journal_lock(&self, deadline: Instant) -> Result<Held, Error> {
        self.lock("journal", deadline)?.ok_or_else(|| {
            Error::new(
                crate::error::ErrorKind::Timeout,
                format!(
                    "the journal {} stayed locked by another process until the call's deadline; nothing was sent",
                    self.path.display()
                ),
            )
        })
    }

    fn lock(&self, name: &str, deadline: Instant) -> Result<Option<Held>, Error> {
        let path = self.locks.join(name);
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| self.io_error("cannot open one of its locks", &e))?;
        let mut wait = Duration::from_millis(1);
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Some(Held(file))),
                Err(TryLockError::WouldBlock) => {}
                Err(TryLockError::Error(e)) => {
                    return Err(self.io_error("cannot lock one of its locks", &e))
                }
            }
            let now = Instant::now();
            if now >= deadline {
                return Ok(None);
            }
            thread::sleep(wait.min(deadline - now));
            wait = (wait * 2).min(POLL);
        }
    }

    /// A journal failure: nothing was sent, and `fields` names the `journal` key.
    fn io_error(&self, what: &str, e: &io::Error) -> Error {
        let why = format!("{what}: {e}");
        Error::invalid_input(format!(
            "the journal {} {why}; nothing was sent",
            self.path.display()
        ))
        .with_fields([("journal", vec![why])])
    }

    #[cfg(test)]
    pub(crate) fn with_slack(mut self, slack: u64) -> Journal {
        self.slack = slack;
        self
    }

    #[cfg(test)]
    pub(crate) fn with_keep(mut self, keep: Duration) -> Journal {
        self.keep = keep;
        self
    }
}

/// The length of the lines that end with a newline (a torn last line is left out).
fn complete_len(bytes: &[u8]) -> usize {
    bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1)
}

/// The lines that end with a newline (a torn last line is left out).
fn complete_lines(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    bytes[..complete_len(bytes)]
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
}

/// Cuts a last line that lacks its newline (its writer died mid-write: it was never `fsync`ed
/// as a whole, so the request it announced was never sent). Answers the new length.
fn cut_torn_tail(file: &mut File) -> io::Result<u64> {
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok(0);
    }
    let mut last = [0u8; 1];
    file.seek(SeekFrom::Start(len - 1))?;
    file.read_exact(&mut last)?;
    if last[0] == b'\n' {
        return Ok(len);
    }
    // Find the last newline, reading backwards in chunks.
    let mut end = len;
    let mut keep = 0;
    let mut buf = vec![0u8; 64 * 1024];
    while end > 0 {
        let start = end.saturating_sub(buf.len() as u64);
        let chunk = &mut buf[..(end - start) as usize];
        file.seek(SeekFrom::Start(start))?;
        file.read_exact(chunk)?;
        if let Some(i) = chunk.iter().rposition(|&b| b == b'\n') {
            keep = start + i as u64 + 1;
            break;
        }
        end = start;
    }
    file.set_len(keep)?;
    file.sync_data()?;
    Ok(keep)
}

fn header_line(live_bytes: u64) -> io::Result<Vec<u8>> {
    let mut line = serde_json::to_vec(&Header {
        bts_journal: FORMAT,
        live_bytes,
        compacted: (live_bytes > 0).then(|| iso(now_ms())),
        id: Some(attempt_id()),
    })
    .map_err(io::Error::other)?;
    line.push(b'\n');
    Ok(line)
}

fn read_header(file: &mut File) -> io::Result<Option<Header>> {
    file.seek(SeekFrom::Start(0))?;
    let mut buf = [0u8; 512];
    let n = file.read(&mut buf)?;
    let line = buf[..n].split(|&b| b == b'\n').next().unwrap_or(&[]);
    Ok(serde_json::from_slice(line).ok())
}

/// A new attempt id: process id, time and a counter, in hex.
pub(crate) fn attempt_id() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    format!("{:x}-{:x}-{:x}", std::process::id(), nanos, n)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A directory of the test's own, removed with everything in it when the test ends.
    struct TempDir(PathBuf);

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    /// A journal's path in a fresh directory, and the guard that removes that directory.
    fn temp(name: &str) -> (TempDir, PathBuf) {
        let dir = std::env::temp_dir().join(format!(
            "bts-journal-unit-{}-{}-{name}",
            std::process::id(),
            attempt_id()
        ));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("journal.jsonl");
        (TempDir(dir), path)
    }

    fn id(key: &str) -> EntryId {
        EntryId {
            op: "order/add".into(),
            account: "http://x/index.php#1".into(),
            key: key.into(),
        }
    }

    fn far() -> Instant {
        Instant::now() + Duration::from_secs(10)
    }

    #[test]
    fn the_last_event_wins_and_settled_entries_are_not_live() {
        let (_dir, path) = temp("last");
        let j = Journal::open(&path, 30).unwrap();
        let a = id("A");
        assert_eq!(j.lookup(&a, far()).unwrap(), None);
        j.record(&Event::new(&a, State::Pending, "1"), far())
            .unwrap();
        assert_eq!(j.lookup(&a, far()).unwrap().unwrap().state, State::Pending);
        j.record(&Event::new(&a, State::Free, "1"), far()).unwrap();
        assert_eq!(j.lookup(&a, far()).unwrap(), None);
        let mut done = Event::new(&a, State::Done, "2");
        done.reply = Some("{\"orderId\":1,\n\"x\":\"\\\"A\\\"\"}".into());
        j.record(&done, far()).unwrap();
        assert_eq!(j.lookup(&a, far()).unwrap(), Some(done));
        // A key that is a prefix of another, or that looks like JSON, is its own entry.
        assert_eq!(j.lookup(&id("\"A"), far()).unwrap(), None);
        assert_eq!(j.lookup(&id(""), far()).unwrap(), None);
    }

    #[test]
    fn a_torn_tail_is_ignored_then_cut_before_the_next_append() {
        let (_dir, path) = temp("torn");
        let j = Journal::open(&path, 30).unwrap();
        j.record(&Event::new(&id("A"), State::Pending, "1"), far())
            .unwrap();
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(
            b"{\"op\":\"order/add\",\"account\":\"http://x/index.php#1\",\"key\":\"B\",\"sta",
        )
        .unwrap();
        drop(f);
        assert_eq!(j.lookup(&id("B"), far()).unwrap(), None);
        assert_eq!(
            j.lookup(&id("A"), far()).unwrap().unwrap().state,
            State::Pending
        );
        j.record(&Event::new(&id("B"), State::Pending, "2"), far())
            .unwrap();
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.ends_with('\n'));
        for line in text.lines() {
            serde_json::from_str::<serde_json::Value>(line).expect(line);
        }
        assert_eq!(text.lines().count(), 3, "{text}");
        assert_eq!(
            j.lookup(&id("B"), far()).unwrap().unwrap().state,
            State::Pending
        );
    }

    #[test]
    fn compaction_keeps_live_entries_byte_for_byte_and_drops_the_rest() {
        let (_dir, path) = temp("compact");
        let j = Journal::open(&path, 30).unwrap().with_slack(2_000);
        let mut done = Event::new(&id("done"), State::Done, "d");
        done.reply = Some("{\"orderId\":7}".into());
        j.record(&Event::new(&id("done"), State::Pending, "d"), far())
            .unwrap();
        j.record(&done, far()).unwrap();
        j.record(&Event::new(&id("pending"), State::Pending, "p"), far())
            .unwrap();
        for n in 0..40 {
            let k = id(&format!("refused-{n}"));
            j.record(&Event::new(&k, State::Pending, "r"), far())
                .unwrap();
            j.record(&Event::new(&k, State::Free, "r"), far()).unwrap();
        }
        let text = fs::read_to_string(&path).unwrap();
        assert!(
            text.len() < 4_000,
            "compacted on the way: {} bytes",
            text.len()
        );
        assert!(text.lines().next().unwrap().contains("\"bts_journal\":1"));
        assert_eq!(j.lookup(&id("done"), far()).unwrap(), Some(done.clone()));
        assert_eq!(
            j.lookup(&id("pending"), far()).unwrap().unwrap().state,
            State::Pending
        );
        let _g = j.journal_lock(far()).unwrap();
        j.compact_locked().unwrap();
        let text = fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "header, done, pending: {text}");
        assert_eq!(lines[1], serde_json::to_string(&done).unwrap());
        assert!(lines[2].contains("\"key\":\"pending\""));
        let dir = path.parent().unwrap();
        let left: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
            .collect();
        assert!(
            left.is_empty(),
            "a temporary file was left behind: {left:?}"
        );
    }

    #[test]
    fn a_journal_sees_what_another_appends_and_compacts() {
        let (_dir, path) = temp("two");
        let one = Journal::open(&path, 30).unwrap();
        let two = Journal::open(&path, 30).unwrap();
        let a = id("A");
        one.record(&Event::new(&a, State::Pending, "1"), far())
            .unwrap();
        assert_eq!(
            two.lookup(&a, far()).unwrap().unwrap().state,
            State::Pending
        );
        let mut done = Event::new(&a, State::Done, "1");
        done.reply = Some("{}".into());
        two.record(&done, far()).unwrap();
        assert_eq!(one.lookup(&a, far()).unwrap(), Some(done.clone()));
        {
            let _g = two.journal_lock(far()).unwrap();
            two.compact_locked().unwrap();
        }
        // The file changed under `one`, and grew past where `one` had read: `one` reads the new
        // version from the start.
        for n in 0..4 {
            two.record(
                &Event::new(&id(&format!("X{n}")), State::Pending, "x"),
                far(),
            )
            .unwrap();
        }
        assert_eq!(one.lookup(&a, far()).unwrap(), Some(done.clone()));
        assert_eq!(
            one.lookup(&id("X3"), far()).unwrap().unwrap().state,
            State::Pending
        );
        one.record(&Event::new(&id("B"), State::Pending, "2"), far())
            .unwrap();
        assert_eq!(
            two.lookup(&id("B"), far()).unwrap().unwrap().state,
            State::Pending
        );
        two.record(&Event::new(&a, State::Forgotten, "1"), far())
            .unwrap();
        assert_eq!(one.lookup(&a, far()).unwrap(), None);
        // A line written with its fields in another order is still found.
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        writeln!(
            f,
            "{}",
            serde_json::json!({"state": "pending", "key": "C", "op": "order/add",
            "account": "http://x/index.php#1", "attempt": "3", "at": iso(now_ms())})
        )
        .unwrap();
        drop(f);
        assert_eq!(
            one.lookup(&id("C"), far()).unwrap().unwrap().state,
            State::Pending
        );
    }

    #[test]
    fn done_entries_expire_pending_ones_do_not() {
        let (_dir, path) = temp("keep");
        let j = Journal::open(&path, 30)
            .unwrap()
            .with_keep(Duration::from_millis(0));
        let mut old = Event::new(&id("old"), State::Done, "o");
        old.at = "2020-01-01T00:00:00.000Z".into();
        j.record(&old, far()).unwrap();
        let mut stuck = Event::new(&id("stuck"), State::Pending, "s");
        stuck.at = "2020-01-01T00:00:00.000Z".into();
        j.record(&stuck, far()).unwrap();
        assert_eq!(j.lookup(&id("old"), far()).unwrap(), None);
        assert_eq!(j.lookup(&id("stuck"), far()).unwrap(), Some(stuck));
    }

    #[test]
    fn a_held_key_lock_makes_the_next_wait_until_the_deadline() {
        let (_dir, path) = temp("lock");
        let j = Journal::open(&path, 30).unwrap();
        let held = j.lock_key(&id("A"), far()).unwrap().unwrap();
        let start = Instant::now();
        let again = j
            .lock_key(&id("A"), Instant::now() + Duration::from_millis(120))
            .unwrap();
        assert!(again.is_none());
        assert!(start.elapsed() >= Duration::from_millis(120));
        drop(held);
        assert!(j.lock_key(&id("A"), far()).unwrap().is_some());
    }
}
