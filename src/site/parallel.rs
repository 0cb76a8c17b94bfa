//! Work spread over the machine's cores, results in input order. The build's heavy steps
//! (Markdown, templates, writing) are independent per page; plain scoped threads do,
//! without a thread-pool dependency.

use std::panic::resume_unwind;
use std::thread;

/// `items.iter().map(f).collect()`, on every core.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = thread::available_parallelism().map_or(1, |n| n.get());
    if threads <= 1 || items.len() < 2 {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    thread::scope(|s| {
        let workers: Vec<_> = items
            .chunks(chunk)
            .map(|part| s.spawn(|| part.iter().map(&f).collect::<Vec<R>>()))
            .collect();
        // A panic in a worker is a bug in tarif: let it surface as one.
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|e| resume_unwind(e)))
            .collect()
    })
}
