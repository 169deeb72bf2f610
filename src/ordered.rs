//! Work on items in parallel, consume the results in the items' order.
//!
//! A pool that takes chunks of files and waits for the whole chunk leaves
//! cores idle at every chunk's end. Here each worker takes the next item as
//! soon as it is free, and the consumer (the thread that writes the output)
//! takes results in order as they come, a batch at a time. Workers stay at
//! most `window` items ahead of the results the consumer took, so memory is
//! bounded whatever the number of items.
//!
//! Why not a crate: `parseq` wants `'static` closures (the checker borrows
//! the rules), and `pariter` sends every item and every result through a
//! channel. Waking the writer for every file (as this module's first
//! version did) cost 45 ms of system time on the benchmark corpus (10,000
//! files); the batches here avoid it.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex, MutexGuard};

/// Results the consumer takes at a time, when the work is far from done.
const BATCH: usize = 32;

struct State<R> {
    /// The next item to hand out.
    next: usize,
    /// Items before this one have been consumed.
    consumed: usize,
    /// Results waiting for their turn.
    done: BTreeMap<usize, R>,
    /// The consumer gave up, or a worker died: everyone stops.
    stopped: bool,
    /// Workers waiting for room, and whether the consumer waits for the
    /// result it needs: nobody is woken for nothing (a wake-up costs a
    /// system call and a context switch, a file only tens of microseconds).
    workers_waiting: usize,
    consumer_waiting: bool,
}

struct Shared<R> {
    state: Mutex<State<R>>,
    /// A worker may take more items.
    room: Condvar,
    /// A result was stored.
    ready: Condvar,
}

impl<R> Shared<R> {
    fn lock(&self) -> MutexGuard<'_, State<R>> {
        // A worker that panicked never holds the lock (see `Stop`).
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn stop(&self) {
        self.lock().stopped = true;
        self.room.notify_all();
        self.ready.notify_all();
    }
}

/// Stops everyone if a worker unwinds, so the consumer does not wait for a
/// result that will never come (the panic is then raised by the scope).
struct Stop<'a, R>(&'a Shared<R>);

impl<R> Drop for Stop<'_, R> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.stop();
        }
    }
}

/// `work` every item on `threads` threads, and `consume` each result in
/// the items' order on the calling thread. The first error of `consume`
/// stops the work and is returned.
pub fn for_each_in_order<T: Sync, R: Send, E>(
    items: &[T],
    threads: usize,
    window: usize,
    work: impl Fn(&T) -> R + Sync,
    mut consume: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E> {
    let window = window.max(1);
    let shared = Shared {
        state: Mutex::new(State {
            next: 0,
            consumed: 0,
            done: BTreeMap::new(),
            stopped: false,
            workers_waiting: 0,
            consumer_waiting: false,
        }),
        room: Condvar::new(),
        ready: Condvar::new(),
    };
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            scope.spawn(|| {
                let _stop = Stop(&shared);
                loop {
                    let i = {
                        let mut s = shared.lock();
                        while !s.stopped && s.next < items.len() && s.next >= s.consumed + window {
                            s.workers_waiting += 1;
                            s = shared.room.wait(s).unwrap_or_else(|e| e.into_inner());
                            s.workers_waiting -= 1;
                        }
                        if s.stopped || s.next >= items.len() {
                            return;
                        }
                        s.next += 1;
                        s.next - 1
                    };
                    let result = work(&items[i]);
                    let mut s = shared.lock();
                    s.done.insert(i, result);
                    // The consumer is woken when what it waits for is
                    // here with a batch behind it, or nothing more would
                    // come to fill the batch.
                    let wake = s.consumer_waiting
                        && s.done.contains_key(&s.consumed)
                        && (s.done.len() >= BATCH
                            || s.next >= items.len()
                            || s.next >= s.consumed + window);
                    drop(s);
                    if wake {
                        shared.ready.notify_one();
                    }
                }
            });
        }
        let outcome = (|| {
            let mut batch = Vec::new();
            let mut i = 0;
            while i < items.len() {
                // Every result ready in order, taken in one go.
                let wake_workers = {
                    let mut s = shared.lock();
                    while !s.done.contains_key(&i) && !s.stopped {
                        s.consumer_waiting = true;
                        s = shared.ready.wait(s).unwrap_or_else(|e| e.into_inner());
                        s.consumer_waiting = false;
                    }
                    while let Some(r) = s.done.remove(&i) {
                        batch.push(r);
                        i += 1;
                    }
                    s.consumed = i;
                    s.workers_waiting > 0
                };
                // A worker died: the scope raises its panic.
                if batch.is_empty() {
                    return Ok(());
                }
                if wake_workers {
                    shared.room.notify_all();
                }
                for result in batch.drain(..) {
                    consume(result)?;
                }
            }
            Ok(())
        })();
        if outcome.is_err() {
            shared.stop();
        }
        outcome
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order_whatever_the_work_takes() {
        let items: Vec<u64> = (0..500).collect();
        let mut seen = Vec::new();
        for_each_in_order(
            &items,
            3,
            7,
            |&i| {
                // Uneven work, so that workers finish out of order.
                std::thread::sleep(std::time::Duration::from_micros((i * 37) % 200));
                i * 2
            },
            |r| {
                seen.push(r);
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        assert_eq!(seen, items.iter().map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn an_error_of_the_consumer_stops_the_work() {
        let items: Vec<u32> = (0..10_000).collect();
        let worked = std::sync::atomic::AtomicUsize::new(0);
        let mut consumed = 0;
        let outcome = for_each_in_order(
            &items,
            2,
            16,
            |_| worked.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            |_| {
                consumed += 1;
                if consumed == 5 { Err("closed") } else { Ok(()) }
            },
        );
        assert_eq!(outcome, Err("closed"));
        assert_eq!(consumed, 5);
        // The workers never got further than the window past the results
        // the consumer took (at most a window's worth at a time).
        assert!(worked.load(std::sync::atomic::Ordering::Relaxed) <= 16 + 16 + 2);
    }

    #[test]
    fn no_items_no_work() {
        let outcome = for_each_in_order(&[] as &[u8], 2, 4, |_| 0, |_: i32| Err("never"));
        assert_eq!(outcome, Ok(()));
    }
}
