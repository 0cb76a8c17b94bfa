//! Work spread over the machine's cores, results in input order. The build's heavy steps
//! (Markdown, templates, writing) are independent per page; plain scoped threads do,
//! without a thread-pool dependency.
//!
//! Each thread takes the next item when it is done with its last (a shared counter), not
//! a fixed share of the list: a site's pages differ in cost by a thousand times (a search
//! page holds the index of every page of its language), and fixed shares left one core
//! writing the three search pages and its share of memos while the other had finished.
//! Put the costly items first: they start at once, and the cheap ones fill in around them.

use std::panic::resume_unwind;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

/// `items.iter().map(f).collect()`, on every core.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let done: Vec<(usize, R)> = thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        mine.push((i, f(item)));
                    }
                    mine
                })
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
        assert_eq!(map(&[7], |&b| b + 1), [8]);
    }
}
