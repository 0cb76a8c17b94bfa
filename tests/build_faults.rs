//! Faults during `tarif build` (issue 20, item 3): the binary killed at random moments on
//! a site large enough to take a second or more, and a build that meets an output it
//! cannot write, a full disk or a source that vanishes while it runs. The output folder
//! always holds the previous build or the new one, whole (every file's digest compared
//! with a clean build of the same sources), and killed builds leave no litter behind.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::thread::sleep;
use std::time::{Duration, Instant};

use sha2::Digest as _;

const TARIF: &str = env!("CARGO_BIN_EXE_tarif");
/// Extra memos per language of the section `laptop-bg`: with the default site, about a
/// second or more of a debug build.
const MEMOS: usize = 60;
/// Kills of a running build.
const KILLS: u64 = 50;
/// Distinct source states the kills cycle through (each built cleanly once, for reference).
const STATES: usize = 3;

/// `tarif build --quiet` of `root` into `out`, with a fixed date (decision tables state
/// dates from it) so that two builds of the same sources are the same bytes.
fn build_command(root: &Path, out: &Path) -> Command {
    let mut c = Command::new(TARIF);
    c.args(["build", "--quiet", "--root"])
        .arg(root)
        .arg("--out")
        .arg(out)
        .env("SOURCE_DATE_EPOCH", "1795000000")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    c
}

fn build(root: &Path, out: &Path) -> Output {
    build_command(root, out).output().unwrap()
}

#[track_caller]
fn build_ok(root: &Path, out: &Path) {
    let o = build(root, out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// A build that must fail with exactly one problem, whose text holds `expected`.
#[track_caller]
fn build_fails(o: &Output, expected: &str) {
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "the build succeeded: {stderr}");
    assert!(o.status.code().is_some(), "no exit code: {:?}", o.status);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("error: 1 problem found"), "{stderr}");
    assert!(
        stderr.contains(expected),
        "expected {expected:?} in:\n{stderr}"
    );
}

/// Every file of `dir` with the SHA-256 of its bytes; `None` when the folder is missing.
type Digests = BTreeMap<String, [u8; 32]>;

fn digests(dir: &Path) -> Option<Digests> {
    fn walk(dir: &Path, prefix: &str, out: &mut Digests) {
        for entry in fs::read_dir(dir).unwrap().flatten() {
            let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
            if entry.file_type().unwrap().is_dir() {
                walk(&entry.path(), &format!("{name}/"), out);
            } else {
                let bytes = fs::read(entry.path()).unwrap();
                out.insert(name, sha2::Sha256::digest(&bytes).into());
            }
        }
    }
    let mut out = Digests::new();
    dir.is_dir().then(|| {
        walk(dir, "", &mut out);
        out
    })
}

/// What differs between two outputs, briefly.
fn difference(got: &Digests, want: &Digests) -> String {
    let missing = want.keys().filter(|k| !got.contains_key(*k)).count();
    let extra = got.keys().filter(|k| !want.contains_key(*k)).count();
    let changed: Vec<&String> = want
        .iter()
        .filter(|(k, v)| got.get(*k).is_some_and(|g| g != *v))
        .map(|(k, _)| k)
        .collect();
    format!(
        "{missing} missing, {extra} extra, {} differ (first: {:?})",
        changed.len(),
        changed.first()
    )
}

/// The default site's sources and `MEMOS` more memos in each language of `laptop-bg`.
fn big_site(root: &Path) {
    for dir in ["content", "price-lists", "static"] {
        common::copy_dir(&common::default_site().join(dir), &root.join(dir));
    }
    set_state(root, 0);
}

/// Writes every extra memo as of revision `state`: each state changes every extra page.
fn set_state(root: &Path, state: usize) {
    for lang in ["bg", "en"] {
        for i in 0..MEMOS {
            fs::write(
                root.join(format!("content/laptop-bg/{lang}/extra-{i:03}.md")),
                memo(lang, i, state),
            )
            .unwrap();
        }
    }
}

fn memo(lang: &str, i: usize, state: usize) -> String {
    let para = format!(
        "Paragraph of memo {i} in {lang}, revision {state}: the service keeps the device \
         for diagnosis, states the fee before any repair and returns it within the term. "
    )
    .repeat(6);
    format!(
        "+++\ntitle = \"Extra memo {i} ({lang}, revision {state})\"\n\
         description = \"Memo {i} written by the fault test.\"\nweight = {}\n+++\n\n\
         ## Scope of memo {i} {{#scope}}\n\n{para}\n\n\
         ## Fees of memo {i} {{#fees}}\n\n{para}\n\n\
         ## Terms of memo {i} {{#terms}}\n\n{para}\n",
        1000 + i
    )
}

/// SplitMix64: a small generator, seeded per kill so that a failure names its kill.
struct Rng(u64);

impl Rng {
    fn unit(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_previous_output_or_the_new_one_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    big_site(&root);
    let outs = tmp.path().join("outs");
    let out = outs.join("public");
    let mut references: BTreeMap<usize, Digests> = BTreeMap::new();
    let mut reference = |state: usize| -> Digests {
        references
            .entry(state)
            .or_insert_with(|| {
                let dir = tmp.path().join(format!("reference-{state}"));
                build_ok(&root, &dir);
                digests(&dir).unwrap()
            })
            .clone()
    };

    let started = Instant::now();
    build_ok(&root, &out);
    let once = started.elapsed();
    let started = Instant::now();
    let first = reference(0);
    // The shorter of two builds: the other tests may have slowed one.
    let full = once.min(started.elapsed());
    let mut shown = 0;
    eprintln!(
        "the site ({} files) builds in {full:.2?}",
        first.len(),
        full = full
    );
    assert_eq!(digests(&out).as_ref(), Some(&first));

    let (mut kept, mut replaced, mut finished) = (0, 0, 0);
    for kill in 0..KILLS {
        let next = (shown + 1 + kill as usize % 2) % STATES;
        set_state(&root, next);
        let previous = reference(shown);
        let new = reference(next);
        assert_ne!(previous, new);
        // Anywhere from the start to a little after a whole build; every other kill in
        // its last quarter, where the pages are written and swapped in.
        let from = if kill % 2 == 0 { 0.0 } else { 0.75 };
        let delay = full.mul_f64(from + Rng(0x7a21_f00d ^ kill).unit() * (1.1 - from));
        let mut child = build_command(&root, &out).spawn().unwrap();
        sleep(delay);
        let done = child.try_wait().unwrap();
        let _ = child.kill();
        let status = child.wait().unwrap();
        if done.is_some() {
            assert!(
                status.success(),
                "kill {kill}: the build failed: {status:?}"
            );
        }
        match digests(&out) {
            None => panic!("kill {kill} after {delay:.2?}: the output folder is missing"),
            Some(d) if d == previous => kept += 1,
            Some(d) if d == new => {
                shown = next;
                if done.is_some() {
                    finished += 1;
                } else {
                    replaced += 1;
                }
            }
            Some(d) => panic!(
                "kill {kill} after {delay:.2?}: the output is a mix; against the previous \
                 build: {}; against the new one: {}",
                difference(&d, &previous),
                difference(&d, &new)
            ),
        }
    }
    eprintln!(
        "{KILLS} kills: the previous output kept {kept} times, the new one in place \
         {replaced} times when killed, {finished} builds finished first; {} folders left \
         beside the output",
        names(&outs).len() - 1
    );
    assert!(
        kept > 0,
        "no kill landed during a build: is the site too small?"
    );

    // The next build to the end removes what the killed ones left.
    let next = (shown + 1) % STATES;
    set_state(&root, next);
    build_ok(&root, &out);
    assert_eq!(digests(&out), Some(reference(next)));
    assert_eq!(names(&outs), ["public"]);
}

/// A FIFO at `path`, which a build blocks on when it reads it.
fn fifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(made.success());
}

/// Waits (up to a minute) until the build `child` opens the FIFO `path` to read it, then
/// runs `meanwhile` while the build waits, then gives the FIFO `text` and waits for the
/// build's end.
fn while_blocked_on(child: Child, path: &Path, meanwhile: impl FnOnce(), text: &str) -> Output {
    let (tx, rx) = mpsc::channel();
    let writer = path.to_owned();
    std::thread::spawn(move || {
        // Opening a FIFO to write blocks until a reader opens it: the build, here.
        let _ = tx.send(fs::OpenOptions::new().write(true).open(writer));
    });
    let mut fifo = match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(f) => f.unwrap(),
        Err(_) => {
            // Unblock the writer so that the thread ends, then fail.
            let _ = fs::File::open(path);
            let o = child.wait_with_output().unwrap();
            panic!(
                "the build never read {}: {}",
                path.display(),
                String::from_utf8_lossy(&o.stderr)
            );
        }
    };
    meanwhile();
    fifo.write_all(text.as_bytes()).unwrap();
    drop(fifo);
    child.wait_with_output().unwrap()
}

/// A small site built once: its root, its output and the output's digests.
fn built_base_site(tmp: &Path, out: &Path) -> (PathBuf, Digests) {
    let root = tmp.join("site");
    common::copy_base_site(&root);
    build_ok(&root, out);
    (root, digests(out).unwrap())
}

#[test]
fn a_memo_that_vanishes_while_the_sources_are_read_is_one_problem_and_the_output_stays() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let (root, before) = built_base_site(tmp.path(), &out);
    // The memos of bg are listed, then read in order: `a` blocks the build while `b`,
    // listed but not read yet, is removed.
    let a = root.join("content/s/bg/a.md");
    let text = fs::read_to_string(&a).unwrap() + "\nChanged.\n";
    fs::remove_file(&a).unwrap();
    fifo(&a);
    let child = build_command(&root, &out).spawn().unwrap();
    let o = while_blocked_on(
        child,
        &a,
        || {
            fs::remove_file(root.join("content/s/bg/b.md")).unwrap();
        },
        &text,
    );
    build_fails(&o, "content/s/bg/b.md");
    assert_eq!(digests(&out), Some(before));
    assert_eq!(names(tmp.path()), ["public", "site"]);
}

#[test]
fn a_static_file_that_vanishes_before_it_is_copied_is_one_problem_and_the_output_stays() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let (root, before) = built_base_site(tmp.path(), &out);
    // Static files are listed with the sources and copied after the pages, in order: `a`
    // blocks the copy while `z.txt`, already known to the build, is removed.
    let a = root.join("static/a");
    fifo(&a);
    fs::write(root.join("static/z.txt"), "z").unwrap();
    let child = build_command(&root, &out).spawn().unwrap();
    let o = while_blocked_on(
        child,
        &a,
        || fs::remove_file(root.join("static/z.txt")).unwrap(),
        "a",
    );
    build_fails(&o, "cannot read the file to copy it into the output");
    assert_eq!(digests(&out), Some(before));
    assert_eq!(names(tmp.path()), ["public", "site"]);
}

/// Undoes what made a folder unwritable, even when the test fails.
struct Writable(PathBuf, &'static str);

impl Drop for Writable {
    fn drop(&mut self) {
        match self.1 {
            "chattr" => {
                let _ = Command::new("chattr").arg("-i").arg(&self.0).status();
            }
            _ => {
                use std::os::unix::fs::PermissionsExt as _;
                let _ = fs::set_permissions(&self.0, fs::Permissions::from_mode(0o755));
            }
        }
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

#[test]
fn an_output_whose_folder_cannot_be_written_is_one_problem_and_the_output_stays() {
    use std::os::unix::fs::PermissionsExt as _;
    let tmp = tempfile::tempdir().unwrap();
    let parent = tmp.path().join("outs");
    let out = parent.join("public");
    let (root, before) = built_base_site(tmp.path(), &out);
    // Permission bits do not stop root (CI): there, the folder is made immutable instead.
    let _undo = if is_root() {
        let made = Command::new("chattr").arg("+i").arg(&parent).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!(
                "skipped: running as root, whom permission bits do not stop, and `chattr +i` \
                 is not available on this file system"
            );
            return;
        }
        Writable(parent.clone(), "chattr")
    } else {
        fs::set_permissions(&parent, fs::Permissions::from_mode(0o555)).unwrap();
        Writable(parent.clone(), "chmod")
    };
    let o = build(&root, &out);
    build_fails(&o, "cannot create a temporary folder beside the output");
    assert_eq!(digests(&out), Some(before));
    assert_eq!(names(&parent), ["public"]);
}

#[test]
fn an_output_folder_that_cannot_be_moved_is_one_problem_and_the_output_stays() {
    let tmp = tempfile::tempdir().unwrap();
    let parent = tmp.path().join("outs");
    let out = parent.join("public");
    let (root, before) = built_base_site(tmp.path(), &out);
    // An immutable folder cannot be renamed, even by root; permission bits on the folder
    // itself would not stop its rename within the same parent.
    let made = Command::new("chattr").arg("+i").arg(&out).status();
    if !is_root() || !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: `chattr +i` needs root and a file system that has it");
        return;
    }
    let _undo = Writable(out.clone(), "chattr");
    let o = build(&root, &out);
    build_fails(&o, "cannot move the previous output aside");
    assert_eq!(digests(&out), Some(before));
    assert_eq!(names(&parent), ["public"]);
}

/// Unmounts a file system the test mounted, even when it fails.
struct Mounted(PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_is_one_problem_and_the_output_stays() {
    let tmp = tempfile::tempdir().unwrap();
    let disk = tmp.path().join("disk");
    fs::create_dir(&disk).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=8m", "tarif-test"])
        .arg(&disk)
        .stderr(Stdio::null())
        .status();
    if !mounted.is_ok_and(|s| s.success()) {
        eprintln!("skipped: a small tmpfs could not be mounted (this needs root and `mount`)");
        return;
    }
    let _mounted = Mounted(disk.clone());
    let out = disk.join("public");
    let (root, before) = built_base_site(tmp.path(), &out);
    // Fill the disk but for a few kilobytes: less than one more build needs.
    let mut filler = fs::File::create(disk.join("filler")).unwrap();
    let block = vec![0u8; 4096];
    while filler.write_all(&block).is_ok() {}
    drop(filler);
    let size = fs::metadata(disk.join("filler")).unwrap().len();
    let filler = fs::OpenOptions::new()
        .write(true)
        .open(disk.join("filler"))
        .unwrap();
    filler.set_len(size.saturating_sub(16 * 1024)).unwrap();
    drop(filler);
    let o = build(&root, &out);
    build_fails(&o, "No space left on device");
    assert_eq!(digests(&out), Some(before));
    assert_eq!(names(&disk), ["filler", "public"]);
}
