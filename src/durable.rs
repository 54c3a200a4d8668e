//! Files replaced durably (the journal, the token cache): the new text goes to a file beside
//! the old one under a name nobody can guess, is synced, and is renamed over it; then the folder
//! itself is synced, so that a crash does not undo the rename.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

/// Replaces `path` whole with what `write` writes. The new file is made beside it under an
/// unpredictable name (`PATH.tmp-<32 hex digits>`, created fresh: never an existing file or a
/// link), `0600` on Unix when `private`; it is synced and renamed over `path`, and the folder is
/// synced. On any failure the new file is removed and `path` is left as it was.
pub(crate) fn replace(
    path: &Path,
    private: bool,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".tmp-{}", hex(&random::<16>()?)));
    let tmp = PathBuf::from(name);
    let result = (|| {
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        if private {
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        }
        #[cfg(not(unix))]
        let _ = private;
        let mut file = options.open(&tmp)?;
        write(&mut file)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)?;
        sync_dir(path);
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// `N` bytes from the operating system's random source.
pub(crate) fn random<const N: usize>() -> io::Result<[u8; N]> {
    use ring::rand::SecureRandom as _;
    let mut bytes = [0u8; N];
    ring::rand::SystemRandom::new()
        .fill(&mut bytes)
        .map_err(|_| io::Error::other("the system's random source failed"))?;
    Ok(bytes)
}

/// Bytes as lowercase hex digits.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Makes a rename or a new file in the folder of `path` durable (Unix; elsewhere a no-op).
pub(crate) fn sync_dir(path: &Path) {
    #[cfg(unix)]
    {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}
