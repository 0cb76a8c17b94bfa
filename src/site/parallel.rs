//! Work spread over the machine's cores, results in input order. The build's heavy steps
//! (Markdown, templates, writing) are independent per page; plain scoped threads do,
//! without a thread-pool dependency.
//!
//! Each thread takes the next item when it is done with its last (a shared counter), not
//! a fixed share of the list: a site's pages differ in cost by a thousand times (a search
//! page holds the index of every page of its language), and fixed shares left one core
//! writing the three search pages and its share of memos while the other had finished.
//! The costly items go one at a time on one thread while the others take the cheap ones
//! ([`map_heavy`]), and a costly item shares the work it can with them ([`Crew`]).

use std::panic::resume_unwind;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;

/// `items.iter().map(f).collect()`, on every core.
pub fn map<'a, T: Sync, R: Send>(items: &'a [T], f: impl Fn(&'a T) -> R + Sync) -> Vec<R> {
    map_heavy(items, |_| false, &Crew::new(), f)
}

/// [`map`], with the items `heavy` picks taken one after another by one thread, always
/// the same, while the others take the rest; it takes the rest too once it is done with
/// them. A search page holds a language's whole index: two at once doubled the build's
/// peak memory, and one taken by another thread's allocator heap than the one before it
/// found none of the memory that one freed (the build gave it back to the system after
/// each, and the next page took it again, a page fault at a time).
///
/// What a heavy item shares through `crew` ([`Crew::map_owned`]) the other threads take
/// before their next item, and, once they have none left, until the heavy items are done.
pub fn map_heavy<'a, T: Sync, R: Send>(
    items: &'a [T],
    heavy: impl Fn(&T) -> bool,
    crew: &Crew<'_>,
    f: impl Fn(&'a T) -> R + Sync,
) -> Vec<R> {
    // (`available_parallelism` reads the cgroup's CPU quota from files: not for every
    // page of a build, whose files are mostly one.)
    let threads = match items.len() {
        0 | 1 => 1,
        n => thread::available_parallelism()
            .map_or(1, |c| c.get())
            .min(n),
    };
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let (heavy, light): (Vec<usize>, Vec<usize>) =
        (0..items.len()).partition(|&i| heavy(&items[i]));
    let next_light = AtomicUsize::new(0);
    // Worker 0 takes the heavy items, then closes the crew (there is no more work for it
    // once they are done, or one panicked; with no heavy items, at once). Then every
    // worker takes the crew's work before each of the other items, and with none of
    // them left, the crew's work until it is closed.
    let work = |heavy_worker: bool| {
        let mut mine: Vec<(usize, R)> = Vec::new();
        if heavy_worker {
            let _closing = Closing(crew);
            mine.extend(heavy.iter().map(|&i| (i, f(&items[i]))));
        }
        loop {
            crew.help();
            match light.get(next_light.fetch_add(1, Ordering::Relaxed)) {
                Some(&i) => mine.push((i, f(&items[i]))),
                None => {
                    while crew.wait_and_help() {}
                    break;
                }
            }
        }
        mine
    };
    let done: Vec<(usize, R)> = thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|n| s.spawn(move || work(n == 0)))
            .collect();
        // A panic in a worker is a bug in tarif: let it surface as one.
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|e| resume_unwind(e)))
            .collect()
    });
    let mut done = done;
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// Work that the heavy item of [`map_heavy`] being done shares with the other threads:
/// each takes its items one at a time before its own next item, and, with none of its
/// own left, waits for such work until the heavy items are done. No thread is started for
/// it: the threads that write the other pages, their allocator heaps warm, do it (a
/// search page's index parts, thousands of files, were written by two new threads
/// beside them, which shared the cores three ways and started heaps of their own).
pub struct Crew<'env> {
    state: Mutex<Posted<'env>>,
    changed: Condvar,
}

struct Posted<'env> {
    job: Option<Arc<dyn Job + 'env>>,
    /// The heavy items are done: no more work will come.
    closed: bool,
}

/// A batch of items shared through a [`Crew`], whatever their type.
trait Job: Send + Sync {
    /// Does the next item; false once every item is taken.
    fn step(&self) -> bool;
    fn taken(&self) -> bool;
}

impl Default for Crew<'_> {
    fn default() -> Self {
        Crew::new()
    }
}

impl<'env> Crew<'env> {
    pub fn new() -> Crew<'env> {
        Crew {
            state: Mutex::new(Posted {
                job: None,
                closed: false,
            }),
            changed: Condvar::new(),
        }
    }

    fn posted(&self) -> MutexGuard<'_, Posted<'env>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// `items` mapped by `f`, in order, each dropped by the thread that took it as soon as
    /// `f` is done with it: by this thread and every other thread of the crew that comes
    /// by (out of [`map_heavy`], by this thread alone).
    pub fn map_owned<T, R, F>(&self, items: Vec<T>, f: F) -> Vec<R>
    where
        T: Send + 'env,
        R: Send + 'env,
        F: Fn(T) -> R + Send + Sync + 'env,
    {
        let len = items.len();
        let batch = Arc::new(Batch {
            items: items.into_iter().map(|i| Mutex::new(Some(i))).collect(),
            next: AtomicUsize::new(0),
            results: Mutex::new(((0..len).map(|_| None).collect(), 0)),
            all_done: Condvar::new(),
            f,
        });
        let job: Arc<dyn Job + 'env> = batch.clone();
        self.posted().job = Some(job);
        self.changed.notify_all();
        while batch.step() {}
        self.posted().job = None;
        // The items the others took, done.
        let mut results = batch.results.lock().unwrap_or_else(PoisonError::into_inner);
        while results.1 < len {
            results = batch
                .all_done
                .wait(results)
                .unwrap_or_else(PoisonError::into_inner);
        }
        std::mem::take(&mut results.0)
            .into_iter()
            // An item without its result: `f` panicked on another thread, which
            // `map_heavy` passes on when it joins it.
            .map(|r| r.unwrap_or_else(|| panic!("an item of a crew's work panicked")))
            .collect()
    }

    /// Does the posted work's items, if there is any.
    fn help(&self) {
        let job = self.posted().job.clone();
        if let Some(job) = job {
            while job.step() {}
        }
    }

    /// Waits for work to be posted and does it: false once the crew is closed.
    fn wait_and_help(&self) -> bool {
        let mut posted = self.posted();
        loop {
            if let Some(job) = posted.job.clone().filter(|j| !j.taken()) {
                drop(posted);
                while job.step() {}
                return true;
            }
            if posted.closed {
                return false;
            }
            posted = self
                .changed
                .wait(posted)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    fn close(&self) {
        self.posted().closed = true;
        self.changed.notify_all();
    }
}

/// Closes a crew when dropped: when the heavy items are done, or one of them panicked.
struct Closing<'c, 'env>(&'c Crew<'env>);

impl Drop for Closing<'_, '_> {
    fn drop(&mut self) {
        self.0.close();
    }
}

struct Batch<T, R, F> {
    items: Vec<Mutex<Option<T>>>,
    next: AtomicUsize,
    /// Each item's result, and how many are done.
    results: Mutex<(Vec<Option<R>>, usize)>,
    all_done: Condvar,
    f: F,
}

impl<T: Send, R: Send, F: Fn(T) -> R + Send + Sync> Job for Batch<T, R, F> {
    fn step(&self) -> bool {
        let at = self.next.fetch_add(1, Ordering::Relaxed);
        let Some(slot) = self.items.get(at) else {
            return false;
        };
        let item = slot.lock().unwrap_or_else(PoisonError::into_inner).take();
        // Counted done even if `f` panics, so that the thread waiting for it does not
        // wait forever (it finds no result, and panics too).
        let mut done = Done {
            batch: self,
            at,
            result: None,
        };
        done.result = item.map(&self.f);
        true
    }

    fn taken(&self) -> bool {
        self.next.load(Ordering::Relaxed) >= self.items.len()
    }
}

/// An item of a batch being done: its result, stored when dropped.
struct Done<'b, T, R, F> {
    batch: &'b Batch<T, R, F>,
    at: usize,
    result: Option<R>,
}

impl<T, R, F> Drop for Done<'_, T, R, F> {
    fn drop(&mut self) {
        let mut results = self
            .batch
            .results
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        results.0[self.at] = self.result.take();
        results.1 += 1;
        if results.1 == self.batch.items.len() {
            self.batch.all_done.notify_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_order_of_the_items() {
        let items: Vec<u64> = (0..1000).collect();
        // Uneven costs, so that threads finish out of order.
        let squares = map(&items, |&n| {
            if n % 97 == 0 {
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            n * n
        });
        assert_eq!(squares, items.iter().map(|n| n * n).collect::<Vec<_>>());
        assert!(map(&[] as &[u8], |&b| b).is_empty());
        // Heavy items one at a time, all on the same thread, results still in order.
        let busy = AtomicUsize::new(0);
        let heavy_threads = std::sync::Mutex::new(std::collections::HashSet::new());
        let doubled = map_heavy(
            &items,
            |n| n % 10 == 0,
            &Crew::new(),
            |&n| {
                if n % 10 == 0 {
                    assert_eq!(
                        busy.fetch_add(1, Ordering::SeqCst),
                        0,
                        "two heavy items at once"
                    );
                    heavy_threads
                        .lock()
                        .unwrap()
                        .insert(std::thread::current().id());
                    std::thread::sleep(std::time::Duration::from_micros(200));
                    busy.fetch_sub(1, Ordering::SeqCst);
                }
                2 * n
            },
        );
        assert_eq!(doubled, items.iter().map(|n| 2 * n).collect::<Vec<_>>());
        assert_eq!(heavy_threads.into_inner().unwrap().len(), 1);
        assert_eq!(map(&[7], |&b| b + 1), [8]);
    }

    #[test]
    fn a_heavy_items_work_is_shared_with_the_other_threads_in_order() {
        let items: Vec<u64> = (0..40).collect();
        let helpers = Mutex::new(std::collections::HashSet::new());
        let crew = Crew::new();
        let sums = map_heavy(
            &items,
            |n| n % 20 == 0,
            &crew,
            |&n| {
                if n % 20 != 0 {
                    return n;
                }
                let owned: Vec<String> = (0..200).map(|i| format!("{n}-{i}")).collect();
                let poster = std::thread::current().id();
                let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
                let helpers = &helpers;
                let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
                let marked = crew.map_owned(owned, move |s| {
                    let me = std::thread::current().id();
                    helpers.lock().unwrap().insert(me);
                    // The poster waits (ten seconds at most in all) for another thread to
                    // take a share, however busy the machine.
                    while me == poster
                        && helpers.lock().unwrap().len() < cores.min(2)
                        && std::time::Instant::now() < deadline
                    {
                        std::thread::sleep(std::time::Duration::from_millis(1));
                    }
                    s + "!"
                });
                let want: Vec<String> = (0..200).map(|i| format!("{n}-{i}!")).collect();
                assert_eq!(marked, want);
                n + 1000
            },
        );
        let want: Vec<u64> = items
            .iter()
            .map(|&n| if n % 20 == 0 { n + 1000 } else { n })
            .collect();
        assert_eq!(sums, want);
        drop(crew);
        // The light thread, done with its items, took a share of the heavy ones' work.
        let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
        assert_eq!(helpers.into_inner().unwrap().len(), cores.min(2));
        // Out of `map_heavy`, the poster does it all.
        assert_eq!(Crew::new().map_owned(vec![1, 2, 3], |n| n * 2), [2, 4, 6]);
    }
}
