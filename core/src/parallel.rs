//! Independent pieces of work, side by side where the host has threads.
//!
//! The native CLI runs them on its cores; the browser's engine (one wasm instance, no shared
//! memory) one after another. A piece's result depends only on its index — never on which
//! thread ran it or when — so both hosts give the same bits.

/// Runs `n` independent pieces of work.
pub trait Parallel {
    /// How many pieces run at once (1: one after another).
    fn width(&self) -> usize;

    /// Runs `piece(i)` once for every `i` in `0..n`, returning when all are done.
    fn for_each(&self, n: usize, piece: &(dyn Fn(usize) + Sync));
}

/// One piece after another, in index order: the browser's engine, and the default.
#[derive(Debug, Clone, Copy, Default)]
pub struct Serial;

impl Parallel for Serial {
    fn width(&self) -> usize {
        1
    }

    fn for_each(&self, n: usize, piece: &(dyn Fn(usize) + Sync)) {
        (0..n).for_each(piece);
    }
}

/// `work(item)` for every item of `items` on `parallel`, each item exclusively its piece's.
pub fn for_each_mut<T: Send>(
    parallel: &dyn Parallel,
    items: Vec<T>,
    work: &(dyn Fn(&mut T) + Sync),
) {
    let items: Vec<std::sync::Mutex<T>> = items.into_iter().map(std::sync::Mutex::new).collect();
    parallel.for_each(items.len(), &|i| {
        // Each index runs once, so its lock is never contended.
        work(
            &mut items[i]
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        );
    });
}

/// `make(i)` for every `i` in `0..n` on `parallel`, in index order.
pub fn map<T: Send + Sync>(
    parallel: &dyn Parallel,
    n: usize,
    make: &(dyn Fn(usize) -> T + Sync),
) -> Vec<T> {
    let slots: Vec<std::sync::OnceLock<T>> = (0..n).map(|_| std::sync::OnceLock::new()).collect();
    parallel.for_each(n, &|i| {
        // Each index runs once, so its slot is always empty here.
        let _ = slots[i].set(make(i));
    });
    slots
        .into_iter()
        .filter_map(std::sync::OnceLock::into_inner)
        .collect()
}

/// A `Parallel` for tests: three threads taking the pieces last first, so neither the order
/// nor the thread may matter.
#[cfg(test)]
pub(crate) struct ThreeThreadsBackwards;

#[cfg(test)]
impl Parallel for ThreeThreadsBackwards {
    fn width(&self) -> usize {
        3
    }

    fn for_each(&self, n: usize, piece: &(dyn Fn(usize) + Sync)) {
        let next = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..3 {
                scope.spawn(|| {
                    loop {
                        let taken = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if taken >= n {
                            break;
                        }
                        piece(n - 1 - taken);
                    }
                });
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serial_map_keeps_index_order() {
        assert_eq!(map(&Serial, 5, &|i| i * 10), vec![0, 10, 20, 30, 40]);
        assert!(map(&Serial, 0, &|i| i).is_empty());
    }
}
