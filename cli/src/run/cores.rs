//! The machine's cores for the core's independent pieces of work — a forest's trees, a
//! network batch's rows and then its parameters: a pool of threads started once (rayon, which
//! the engine's polars already links), so a piece of a millisecond is worth splitting. Each
//! piece's result depends only on its index, so the run's numbers are the same on any number
//! of threads — and the same as the browser's, which runs the pieces one after another.

use std::num::NonZeroUsize;
use std::sync::Arc;

use jukebox_core::parallel::Parallel;
use rayon::prelude::*;

/// Up to `threads` pieces at once.
#[derive(Debug, Clone)]
pub struct Cores {
    threads: usize,
    /// `None` with one thread (the pieces run on the caller's) or when the pool cannot start.
    pool: Option<Arc<rayon::ThreadPool>>,
}

impl Cores {
    /// `threads` threads (`--threads`), or one per core the system lets this process use.
    pub fn new(threads: Option<NonZeroUsize>) -> Self {
        let threads = threads
            .or_else(|| std::thread::available_parallelism().ok())
            .map_or(1, NonZeroUsize::get);
        let pool = (threads > 1)
            .then(|| {
                rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .thread_name(|i| format!("jukebox-core-{i}"))
                    .build()
                    .ok()
            })
            .flatten()
            .map(Arc::new);
        let threads = if pool.is_some() { threads } else { 1 };
        Cores { threads, pool }
    }
}

impl Cores {
    /// Runs `work` on one of the pool's threads, so the pieces it splits off start on threads
    /// that are already awake (a thread outside the pool waits on a lock for each split, and a
    /// network batch splits twice in about a millisecond).
    pub fn within<R: Send>(&self, work: impl FnOnce() -> R + Send) -> R {
        match &self.pool {
            Some(pool) => pool.install(work),
            None => work(),
        }
    }
}

impl Parallel for Cores {
    fn width(&self) -> usize {
        self.threads
    }

    fn for_each(&self, n: usize, piece: &(dyn Fn(usize) + Sync)) {
        match &self.pool {
            Some(pool) if n > 1 => pool.install(|| (0..n).into_par_iter().for_each(piece)),
            _ => (0..n).for_each(piece),
        }
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
