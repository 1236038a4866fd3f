//! The machine's cores for the core's independent pieces of work (a forest's trees): scoped
//! threads taking the next index from a shared counter. Each piece's result depends only on
//! its index, so the run's numbers are the same on any number of threads — and the same as the
//! browser's, which runs the pieces one after another.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};

use jukebox_core::parallel::Parallel;

/// Up to `threads` pieces at once.
#[derive(Debug, Clone, Copy)]
pub struct Cores {
    threads: usize,
}

impl Cores {
    /// `threads` threads (`--threads`), or one per core the system lets this process use.
    pub fn new(threads: Option<NonZeroUsize>) -> Self {
        let threads = threads
            .or_else(|| std::thread::available_parallelism().ok())
            .map_or(1, NonZeroUsize::get);
        Cores { threads }
    }
}

impl Parallel for Cores {
    fn width(&self) -> usize {
        self.threads
    }

    fn for_each(&self, n: usize, piece: &(dyn Fn(usize) + Sync)) {
        let threads = self.threads.min(n);
        if threads <= 1 {
            (0..n).for_each(piece);
            return;
        }
        let next = AtomicUsize::new(0);
        let work = || {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n {
                    break;
                }
                piece(i);
            }
        };
        std::thread::scope(|scope| {
            for _ in 1..threads {
                scope.spawn(work);
            }
            // This thread takes pieces too.
            work();
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn every_piece_runs_once_on_any_number_of_threads() {
        for threads in [1, 2, 3, 8] {
            let cores = Cores::new(NonZeroUsize::new(threads));
            assert_eq!(cores.width(), threads);
            for n in [0, 1, 2, 7, 50] {
                let seen = Mutex::new(vec![0_u32; n]);
                cores.for_each(n, &|i| seen.lock().unwrap()[i] += 1);
                assert_eq!(
                    seen.into_inner().unwrap(),
                    vec![1; n],
                    "{threads} threads, {n} pieces"
                );
            }
        }
    }

    #[test]
    fn results_come_back_in_index_order() {
        let cores = Cores::new(NonZeroUsize::new(4));
        let squares = jukebox_core::parallel::map(&cores, 20, &|i| i * i);
        assert_eq!(squares, (0..20).map(|i| i * i).collect::<Vec<_>>());
    }

    #[test]
    fn by_default_one_thread_per_available_core() {
        let cores = Cores::new(None);
        assert!(cores.width() >= 1);
    }
}
