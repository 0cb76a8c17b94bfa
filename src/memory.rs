//! The allocator: mimalloc rather than the system's. A build allocates and frees millions
//! of small strings on every core (Markdown, templates, the search index); with glibc's
//! malloc that was about a fifth of the build's time (`_int_malloc`, `_int_free`,
//! `malloc_consolidate`), and its arenas kept memory a later stage could not reuse.
//!
//! The `tarif` binary installs it (`main.rs`: `#[global_allocator]`); the library leaves
//! the choice to what links it (the tests, the fuzz targets, whose libFuzzer watches the
//! system allocator), where [`release_freed`] has nothing to give back.

/// The allocator the `tarif` binary installs.
pub type Allocator = mimalloc::MiMalloc;

/// Gives the memory freed so far back to the system now (mimalloc does so lazily, on a
/// later allocation by the thread that freed it: a thread that frees a stage's data and
/// then waits for others would keep it all to the end).
pub fn release_freed() {
    // SAFETY: `mi_collect` takes no pointer; it only walks mimalloc's own heaps.
    unsafe { libmimalloc_sys::mi_collect(true) }
}
