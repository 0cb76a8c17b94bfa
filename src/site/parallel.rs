//! Work spread over the machine's cores, results in input order. The build's heavy steps
//! (Markdown, templates, writing) are independent per page; plain scoped threads do,
//! without a thread-pool dependency.
//!
//! Each thread takes the next item when it is done with its last (a shared counter), not
//! a fixed share of the list: a site's pages differ in cost by a thousand times (a search
//! page holds the index of every page of its language), and fixed shares left one core
//! writing the three search pages and its share of memos while the other had finished.
//! The costly items go one at a time on one thread while the others take the cheap ones
//! ([`map_heavy`]).

use std::panic::resume_unwind;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};
use std::thread;

/// `items.iter().map(f).collect()`, on every core.
pub fn map<'a, T: Sync, R: Send>(items: &'a [T], f: impl Fn(&'a T) -> R + Sync) -> Vec<R> {
    map_heavy(items, |_| false, f)
}

/// [`map`] of items taken by value: each is dropped by the thread that took it as soon
/// as `f` is done with it (a search index's parts, tens of megabytes a language at
/// 10,000 pages, go as they are written).
pub fn map_owned<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let slots: Vec<Mutex<Option<T>>> = items.into_iter().map(|i| Mutex::new(Some(i))).collect();
    map(&slots, |slot| {
        let item = slot.lock().unwrap_or_else(PoisonError::into_inner).take();
        item.map(&f)
    })
    .into_iter()
    .flatten()
    .collect()
}

/// [`map`], with the items `heavy` picks taken one after another by one thread, always
/// the same, while the others take the rest; it takes the rest too once it is done with
/// them. A search page holds a language's whole index: two at once doubled the build's
/// peak memory, and one taken by another thread's allocator heap than the one before it
/// found none of the memory that one freed (the build gave it back to the system after
/// each, and the next page took it again, a page fault at a time).
pub fn map_heavy<'a, T: Sync, R: Send>(
    items: &'a [T],
    heavy: impl Fn(&T) -> bool,
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
    let work = |first: &[usize]| {
        let mut mine: Vec<(usize, R)> = first.iter().map(|&i| (i, f(&items[i]))).collect();
        while let Some(&i) = light.get(next_light.fetch_add(1, Ordering::Relaxed)) {
            mine.push((i, f(&items[i])));
        }
        mine
    };
    let done: Vec<(usize, R)> = thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|n| {
                let first: &[usize] = if n == 0 { &heavy } else { &[] };
                s.spawn(move || work(first))
            })
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
        let owned: Vec<String> = items.iter().map(u64::to_string).collect();
        assert_eq!(
            map_owned(owned.clone(), |s| s + "!"),
            owned.iter().map(|s| format!("{s}!")).collect::<Vec<_>>()
        );
    }
}
