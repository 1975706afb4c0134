//! Scheduling work on threads: largest files first, no more threads than
//! there is work for. Shared by every command that reads many documents
//! (`scan`, `extract`, `track`), so they share out the cores alike.

use crate::read::ReadOptions;
use rayon::prelude::*;
use std::path::Path;

/// How many things can be worked on at once when reading `documents` with
/// `options`: the documents, or with OCR as many as there are workers,
/// since the pages of one scan are recognised in parallel.
pub fn parallel_items(documents: usize, options: &ReadOptions) -> usize {
    if options.ocr.is_some() {
        usize::MAX
    } else {
        documents
    }
}

/// Maps `f` over `items` on the current thread pool, largest item first,
/// and returns the results in the order of `items`.
///
/// Each worker takes the largest item not yet taken (greedy largest-first
/// scheduling): with files of very different sizes (a 300-page manifesto
/// beside a 4-page leaflet), a large file left for last would run alone
/// while the other cores idle. Rayon's own splitting of a slice hands out
/// halves by position, which cannot know that.
pub fn map_largest_first<T: Sync, R: Send>(
    items: &[T],
    size: impl Fn(&T) -> u64,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let sizes: Vec<u64> = items.iter().map(size).collect();
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(sizes[i]));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let workers = rayon::current_num_threads().clamp(1, items.len().max(1));
    let mut done: Vec<(usize, R)> = (0..workers)
        .into_par_iter()
        .with_max_len(1)
        .flat_map_iter(|_| {
            let mut mine = Vec::new();
            while let Some(&i) = order.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
            {
                mine.push((i, f(&items[i])));
            }
            mine
        })
        .collect();
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, result)| result).collect()
}

/// The size of a file in bytes, 0 when it cannot be read (it then fails
/// later with a proper message); only for scheduling.
pub fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

/// Runs `work` on a pool of as many threads as there are `items` to share
/// out, at most `jobs` (all cores when `None`), or on this thread if no pool
/// can be made. The stacks are large (address space, not memory) because
/// layout recurses over a page's blocks, and rayon's default 2 MB is less
/// than the 8 MB of a main thread.
///
/// Never more threads than items: a thread with nothing to do is not free
/// (an idle rayon worker spins a while before it sleeps, on a core another
/// process could use), which matters most to scripts that run `mashup
/// extract FILE` once per file.
pub fn on_workers<T: Send>(
    jobs: Option<usize>,
    items: usize,
    work: impl FnOnce() -> T + Send,
) -> T {
    match rayon::ThreadPoolBuilder::new()
        .num_threads(worker_count(jobs, items))
        .stack_size(64 << 20)
        .build()
    {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    }
}

/// `jobs` threads (all cores when `None`), but no more than `items`, and
/// at least one.
fn worker_count(jobs: Option<usize>, items: usize) -> usize {
    let wanted =
        jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
    wanted.min(items).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_more_workers_than_items() {
        assert_eq!(worker_count(Some(4), 1), 1);
        assert_eq!(worker_count(Some(4), 10), 4);
        assert_eq!(worker_count(Some(2), 0), 1);
        assert_eq!(worker_count(None, 1), 1);
        assert!(worker_count(None, 1000) >= 1);
        let threads = on_workers(Some(8), 1, rayon::current_num_threads);
        assert_eq!(threads, 1);
    }

    /// Every item is mapped once, the largest are started first, and the
    /// results come back in the order of the items, on one thread or many.
    #[test]
    fn largest_first_keeps_input_order() {
        let items: Vec<u64> = (0..200).map(|i| (i * 7919) % 101).collect();
        for jobs in [1, 2, 5] {
            let started = std::sync::Mutex::new(Vec::new());
            let results = on_workers(Some(jobs), items.len(), || {
                map_largest_first(
                    &items,
                    |&v| v,
                    |&v| {
                        started.lock().unwrap().push(v);
                        v * 2
                    },
                )
            });
            assert_eq!(results, items.iter().map(|v| v * 2).collect::<Vec<_>>());
            let started = started.into_inner().unwrap();
            assert_eq!(started.len(), items.len());
            if jobs == 1 {
                assert!(started.windows(2).all(|w| w[0] >= w[1]), "{started:?}");
            }
        }
        assert!(map_largest_first(&[] as &[u64], |&v| v, |&v| v).is_empty());
    }
}
