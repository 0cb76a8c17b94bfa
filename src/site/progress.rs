//! What a build tells the person waiting for it: on a terminal, one line with the stage
//! and, while pages are written, their count (`writing pages 4,250/10,081`); with
//! `--timings`, what each stage cost, printed when the build ends. Nothing at all when
//! stderr is not a terminal or the build is `--quiet` (a script's log stays clean).

use std::io::Write as _;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How often the count is redrawn at most: often enough to move, rarely enough that the
/// terminal costs nothing next to the pages.
const REDRAW: Duration = Duration::from_millis(100);

/// A finished stage: its name, how long it took, and the process's peak memory at its
/// end (bytes; 0 where the system does not say).
pub type Stage = (&'static str, Duration, u64);

/// A build's progress line and stage clock, shared by the threads that write pages.
pub struct Progress {
    /// Draw the line (stderr is a terminal and the build is not quiet).
    live: bool,
    started: Instant,
    /// The stage running and when it began; every finished stage and its time.
    stage: Mutex<(&'static str, Instant)>,
    finished: Mutex<Vec<Stage>>,
    done: AtomicUsize,
    total: AtomicUsize,
    /// Milliseconds since `started` when the line was last drawn.
    drawn: AtomicU64,
}

impl Progress {
    /// A progress that draws its line only when `live`.
    pub fn new(live: bool) -> Progress {
        let now = Instant::now();
        Progress {
            live,
            started: now,
            stage: Mutex::new(("", now)),
            finished: Mutex::new(Vec::new()),
            done: AtomicUsize::new(0),
            total: AtomicUsize::new(0),
            drawn: AtomicU64::new(0),
        }
    }

    /// Ends the running stage and starts `name`.
    pub fn stage(&self, name: &'static str) {
        self.end_stage();
        *self.stage.lock().unwrap_or_else(PoisonError::into_inner) = (name, Instant::now());
        if self.live {
            eprint!("\r\x1b[2K{name}…");
            let _ = std::io::stderr().flush();
        }
    }

    /// Starts counting `total` items of the running stage.
    pub fn count(&self, total: usize) {
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }

    /// One more item done (from any thread); redraws the count now and then.
    pub fn tick(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if !self.live {
            return;
        }
        let now = self.started.elapsed().as_millis() as u64;
        let last = self.drawn.load(Ordering::Relaxed);
        let due = now.saturating_sub(last) >= REDRAW.as_millis() as u64;
        // One thread wins the right to draw; the others go on writing pages.
        if due
            && self
                .drawn
                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
        {
            let name = self.stage.lock().unwrap_or_else(PoisonError::into_inner).0;
            let total = self.total.load(Ordering::Relaxed);
            eprint!("\r\x1b[2K{name} {}/{}", thousands(done), thousands(total));
            let _ = std::io::stderr().flush();
        }
    }

    /// Ends the last stage; the time of each stage, in order.
    pub fn finish(&self) -> Vec<Stage> {
        self.end_stage();
        self.finished
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn end_stage(&self) {
        let (name, since) = *self.stage.lock().unwrap_or_else(PoisonError::into_inner);
        if !name.is_empty() {
            self.finished
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push((name, since.elapsed(), peak_memory()));
        }
        *self.stage.lock().unwrap_or_else(PoisonError::into_inner) = ("", Instant::now());
    }
}

impl Drop for Progress {
    /// The line goes when the build ends, well or not, before its summary or problems.
    fn drop(&mut self) {
        if self.live {
            eprint!("\r\x1b[2K");
            let _ = std::io::stderr().flush();
        }
    }
}

/// The stage times as a small table: name, milliseconds, share of the whole, and the
/// peak memory so far.
pub fn timings_table(stages: &[Stage]) -> String {
    let total: Duration = stages.iter().map(|(_, d, _)| *d).sum();
    let peak = stages.iter().map(|(_, _, m)| *m).max().unwrap_or(0);
    let width = stages.iter().map(|(n, ..)| n.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (name, d, memory) in stages.iter().chain([&("total", total, peak)]) {
        let share = if total.is_zero() {
            0.0
        } else {
            100.0 * d.as_secs_f64() / total.as_secs_f64()
        };
        out.push_str(&format!(
            "{name:<width$}  {:>9.1} ms  {share:>5.1} %  peak {:>6} MB\n",
            d.as_secs_f64() * 1000.0,
            memory / 1_000_000
        ));
    }
    out
}

/// The process's peak resident memory so far, in bytes (`getrusage`); 0 elsewhere.
#[cfg(unix)]
fn peak_memory() -> u64 {
    // SAFETY: `getrusage` fills the struct it is given and touches nothing else.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        (libc::getrusage(libc::RUSAGE_SELF, &mut usage) == 0).then_some(usage)
    };
    // Linux counts kilobytes.
    usage.map_or(0, |u| u64::try_from(u.ru_maxrss).unwrap_or(0) * 1024)
}

#[cfg(not(unix))]
fn peak_memory() -> u64 {
    0
}

/// `10081` → `10,081`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(10081), "10,081");
        assert_eq!(thousands(123456789), "123,456,789");
    }

    #[test]
    fn every_stage_is_timed_in_order() {
        let p = Progress::new(false);
        p.stage("load");
        p.stage("render");
        p.count(2);
        p.tick();
        p.tick();
        let stages = p.finish();
        let names: Vec<_> = stages.iter().map(|(n, ..)| *n).collect();
        assert_eq!(names, ["load", "render"]);
        let table = timings_table(&stages);
        assert!(table.contains("load") && table.contains("total"), "{table}");
    }
}
