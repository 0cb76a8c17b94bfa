//! Stage 5, `write`: the output appears whole or not at all.
//!
//! Pages are written into a fresh folder beside the output folder; only when every page
//! is written is it swapped into place (one exchange of the two folders on Linux, two
//! renames elsewhere), so a failed or interrupted build leaves the previous site as it
//! was. A killed build's folder is removed by the next build. A marker file tells tarif's
//! own output from a folder it must never replace (`--out ~` by mistake).

use std::collections::HashSet;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use tarif_engine::diagnostic::Diagnostic;

/// Marks a folder as tarif's output, safe to replace.
pub const MARKER: &str = ".tarif-output";

/// A build's folder beside the output is `.<out>` this and the building process's id
/// (then `-old` for the previous output on its way out).
const STAGING: &str = ".tarif-new-";

/// A file of the output: its path (from the output's root, `/`-separated), its
/// Subresource Integrity digest, its size in bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub path: String,
    pub integrity: String,
    pub size: u64,
}

/// A build's output being written.
pub struct Staging {
    out: PathBuf,
    tmp: PathBuf,
    committed: bool,
    /// Every file written so far, with its Subresource Integrity digest and its size (the
    /// service worker keeps exactly these, and checks each against its digest); `None`
    /// when nothing needs them (`tarif serve`'s builds, whose worker keeps nothing).
    written: Option<Mutex<Vec<Written>>>,
    /// The first write that failed: every later write gives the same problem, so a full
    /// disk is one problem, not one per page.
    failed: OnceLock<Diagnostic>,
    /// The folders made so far: a file in one of them needs no `mkdir` (22,000 index
    /// parts at 10,000 pages are in three folders).
    made: Mutex<HashSet<PathBuf>>,
}

impl Staging {
    /// Starts writing a new output for `out`.
    pub fn new(out: &Path) -> Result<Staging, Diagnostic> {
        let shown = out.display().to_string();
        let fail =
            |what: &str, e: std::io::Error| Diagnostic::file(&shown, format!("cannot {what}: {e}"));
        let name = out.file_name().and_then(|n| n.to_str()).ok_or_else(|| {
            Diagnostic::file(&shown, "the output folder needs a name").help("pass --out public")
        })?;
        if out.exists() && !replaceable(out) {
            return Err(Diagnostic::file(
                &shown,
                "the output folder exists and was not made by tarif",
            )
            .help("tarif replaces its output whole: choose an empty or new folder with --out"));
        }
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(|e| fail("create the output's parent folder", e))?;
        remove_stale(parent, name);
        let tmp = parent.join(format!(".{name}{STAGING}{}", std::process::id()));
        if tmp.exists() {
            fs::remove_dir_all(&tmp).map_err(|e| fail("remove a stale temporary folder", e))?;
        }
        fs::create_dir(&tmp).map_err(|e| fail("create a temporary folder beside the output", e))?;
        Ok(Staging {
            out: out.to_owned(),
            tmp,
            committed: false,
            written: Some(Mutex::new(Vec::new())),
            failed: OnceLock::new(),
            made: Mutex::new(HashSet::new()),
        })
    }

    /// Writes without computing each file's digest: for builds that need no list of them.
    pub fn without_digests(mut self) -> Staging {
        self.written = None;
        self
    }

    /// Writes `bytes` at `rel`, a `/`-separated path inside the output.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let path = self.path(rel)?;
        if let Some(first) = self.failed.get() {
            return Err(first.clone());
        }
        let fail = |e: std::io::Error| {
            let d = Diagnostic::file(rel, format!("cannot write the output file: {e}"));
            self.failed.get_or_init(|| d).clone()
        };
        if let Some(dir) = path.parent()
            && !self.made.lock().is_ok_and(|m| m.contains(dir))
        {
            fs::create_dir_all(dir).map_err(fail)?;
            if let Ok(mut m) = self.made.lock() {
                m.insert(dir.to_owned());
            }
        }
        fs::write(&path, bytes).map_err(fail)?;
        if let Some(Ok(mut written)) = self.written.as_ref().map(Mutex::lock) {
            written.push(Written {
                path: rel.to_owned(),
                integrity: integrity(bytes),
                size: bytes.len() as u64,
            });
        }
        Ok(())
    }

    /// Renames the folder `from` to `to` (`/`-separated paths inside the output), with
    /// every file written into it.
    pub fn rename(&self, from: &str, to: &str) -> Result<(), Diagnostic> {
        let (old, new) = (self.path(from)?, self.path(to)?);
        if let Some(first) = self.failed.get() {
            return Err(first.clone());
        }
        fs::rename(&old, &new).map_err(|e| {
            let d = Diagnostic::file(to, format!("cannot rename the output folder {from}: {e}"));
            self.failed.get_or_init(|| d).clone()
        })?;
        if let Some(Ok(mut written)) = self.written.as_ref().map(Mutex::lock) {
            for w in written.iter_mut() {
                if let Some(rest) = w.path.strip_prefix(from) {
                    w.path = format!("{to}{rest}");
                }
            }
        }
        if let Ok(mut made) = self.made.lock() {
            made.retain(|dir| !dir.starts_with(&old));
        }
        Ok(())
    }

    /// Copies the file `from` to `rel`.
    pub fn copy(&self, rel: &str, from: &Path) -> Result<(), Diagnostic> {
        let bytes = fs::read(from).map_err(|e| {
            Diagnostic::file(
                from.display().to_string(),
                format!("cannot read the file to copy it into the output: {e}"),
            )
        })?;
        self.write(rel, &bytes)
    }

    /// The temporary folder the build is written into (swapped in by [`Staging::commit`]).
    pub fn dir(&self) -> &Path {
        &self.tmp
    }

    /// Every file written so far, with its integrity digest and size, by path (none
    /// without digests).
    pub fn written(&self) -> Vec<Written> {
        let mut files = match self.written.as_ref().map(Mutex::lock) {
            Some(Ok(w)) => w.clone(),
            _ => Vec::new(),
        };
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }

    /// The place of `rel` in the temporary folder; nothing may climb out of it.
    fn path(&self, rel: &str) -> Result<PathBuf, Diagnostic> {
        inside(rel)?;
        Ok(self.tmp.join(rel))
    }

    /// Swaps the new output into place and removes the old one.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        let shown = self.out.display().to_string();
        let fail =
            |what: &str, e: std::io::Error| Diagnostic::file(&shown, format!("cannot {what}: {e}"));
        fs::write(
            self.tmp.join(MARKER),
            "made by tarif build; the folder is replaced on each build\n",
        )
        .map_err(|e| fail("mark the output", e))?;
        let old = self.tmp.with_file_name(format!(
            "{}-old",
            self.tmp
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or(".tarif")
        ));
        let had_old = self.out.exists();
        if had_old && exchange(&self.tmp, &self.out) {
            // The new output is in place in one step; the old one is where it was built.
            self.committed = true;
            let _ = fs::remove_dir_all(&self.tmp);
            return Ok(());
        }
        if had_old {
            let _ = fs::remove_dir_all(&old);
            fs::rename(&self.out, &old).map_err(|e| fail("move the previous output aside", e))?;
        }
        if let Err(e) = fs::rename(&self.tmp, &self.out) {
            if had_old {
                let _ = fs::rename(&old, &self.out);
            }
            return Err(fail("move the new output into place", e));
        }
        self.committed = true;
        if had_old {
            let _ = fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

/// `rel` is a path inside the output folder: plain names only, no `..`, no root.
fn inside(rel: &str) -> Result<(), Diagnostic> {
    let plain = !rel.is_empty()
        && Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
    if plain {
        Ok(())
    } else {
        Err(
            Diagnostic::file(rel, "refusing to write outside the output folder")
                .help("this is a bug in tarif: please report it"),
        )
    }
}

/// Replaces the file `rel` of the output folder `out` in place with `bytes`, by a
/// temporary file renamed over it, so that a request never reads half a page: for
/// `tarif serve`'s builds of only the pages an edit changed. Writes nothing when the
/// file already holds `bytes`; true when it wrote.
pub fn replace_in_place(out: &Path, rel: &str, bytes: &[u8]) -> Result<bool, Diagnostic> {
    inside(rel)?;
    let path = out.join(rel);
    if fs::read(&path).is_ok_and(|old| old == bytes) {
        return Ok(false);
    }
    let fail =
        |e: std::io::Error| Diagnostic::file(rel, format!("cannot write the output file: {e}"));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("page");
    let tmp = path.with_file_name(format!(".{name}{STAGING}{}", std::process::id()));
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(fail)?;
    }
    fs::write(&tmp, bytes).map_err(fail)?;
    fs::rename(&tmp, &path).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        fail(e)
    })?;
    Ok(true)
}

impl Drop for Staging {
    /// A build that did not commit leaves nothing behind.
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

/// Swaps the folders `a` and `b` in one step (Linux's `renameat2` with
/// `RENAME_EXCHANGE`), so that a build killed at any moment leaves one output or the other
/// at `b`, never none. False where the system or the file system cannot: then two renames
/// do it, with a moment between them when the output is missing.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt as _;
    let (Ok(a), Ok(b)) = (
        CString::new(a.as_os_str().as_bytes()),
        CString::new(b.as_os_str().as_bytes()),
    ) else {
        return false;
    };
    // SAFETY: both paths are NUL-terminated strings that outlive the call; the system
    // call reads them and touches no memory of ours.
    let done = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    done == 0
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}

/// Removes the folders that killed builds of `out` (named `name`) left beside it: those
/// of a process that is no longer running. A build still running keeps its own.
fn remove_stale(parent: &Path, name: &str) {
    let prefix = format!(".{name}{STAGING}");
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .map(|rest| rest.strip_suffix("-old").unwrap_or(rest))
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !running(pid) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether the process `pid` exists (where that cannot be known: yes, so its folder stays).
#[cfg(unix)]
fn running(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return true;
    };
    // SAFETY: signal 0 only checks that the process exists; nothing is sent.
    let found = unsafe { libc::kill(pid, 0) } == 0;
    found || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

#[cfg(not(unix))]
fn running(_: u32) -> bool {
    true
}

/// The Subresource Integrity value of `bytes`: `sha256-` and the digest in base64, as
/// `integrity` attributes and `fetch(…, {integrity})` take it. SHA-256, which every
/// browser checks as it does SHA-384, because the processor computes it (SHA
/// extensions): every file of the output is digested, 630 MB at 10,000 pages, and
/// SHA-384 in software was a tenth of such a build's time.
pub fn integrity(bytes: &[u8]) -> String {
    use base64::Engine as _;
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest(bytes);
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// True for tarif's own output, or a folder that is empty.
fn replaceable(out: &Path) -> bool {
    out.is_dir()
        && (out.join(MARKER).is_file() || fs::read_dir(out).is_ok_and(|mut d| d.next().is_none()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dropped_build_leaves_the_previous_output_and_no_litter() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let s = Staging::new(&out).unwrap();
        s.write("a/index.html", b"one").unwrap();
        s.commit().unwrap();
        let s = Staging::new(&out).unwrap();
        s.write("a/index.html", b"two").unwrap();
        drop(s);
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "one");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_page_is_replaced_in_place_whole_and_only_when_it_differs() {
        let dir = tempfile::tempdir().unwrap();
        assert!(replace_in_place(dir.path(), "en/a/index.html", b"one").unwrap());
        assert!(!replace_in_place(dir.path(), "en/a/index.html", b"one").unwrap());
        assert!(replace_in_place(dir.path(), "en/a/index.html", b"two").unwrap());
        assert_eq!(
            fs::read(dir.path().join("en/a/index.html")).unwrap(),
            b"two"
        );
        assert_eq!(fs::read_dir(dir.path().join("en/a")).unwrap().count(), 1);
        assert!(replace_in_place(dir.path(), "../x", b"x").is_err());
    }

    #[test]
    fn integrity_is_the_sha256_that_browsers_check() {
        // The digest of "" as browsers compute it (any SRI generator gives the same).
        assert_eq!(
            integrity(b""),
            "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
        );
    }

    #[test]
    fn it_lists_what_it_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let s = Staging::new(&dir.path().join("out")).unwrap();
        s.write("b.txt", b"b").unwrap();
        s.write("a/index.html", b"").unwrap();
        let written = s.written();
        assert_eq!(written[0].path, "a/index.html");
        assert_eq!(
            written[1],
            Written {
                path: "b.txt".to_owned(),
                integrity: integrity(b"b"),
                size: 1
            }
        );
        let s = Staging::new(&dir.path().join("live"))
            .unwrap()
            .without_digests();
        s.write("a/index.html", b"").unwrap();
        assert!(s.written().is_empty());
    }

    #[test]
    fn it_never_replaces_a_folder_it_did_not_make_nor_writes_outside() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("precious.txt"), "x").unwrap();
        assert!(Staging::new(dir.path()).is_err());
        let s = Staging::new(&dir.path().join("out")).unwrap();
        for bad in ["../x", "/etc/x", "a/../../x", ""] {
            assert!(s.write(bad, b"x").is_err(), "{bad}");
        }
    }
}
