//! Running a fuzzing campaign: each input is made from its own seed (so one failure is
//! reproduced by its seed alone), read under `catch_unwind`, and classified; panics are
//! caught quietly (the hook keeps their message and place for the report) and the whole
//! campaign runs on a thread the test waits for with a time limit, so a hang fails the test
//! instead of stalling CI.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::ops::Range;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::sync::{Arc, Mutex, Once};
use std::time::{Duration, Instant};

/// A tiny seeded generator (`SplitMix64`): the same seed gives the same inputs everywhere.
pub struct SplitMix(u64);

impl SplitMix {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next_u64() % n as u64).expect("below n fits usize")
    }

    /// True once in `n` draws.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    pub fn byte(&mut self) -> u8 {
        self.next_u64().to_le_bytes()[0]
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The seed of input `index` of a campaign seeded `seed`.
pub fn input_seed(seed: u64, index: usize) -> u64 {
    SplitMix::new(seed ^ (index as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93)).next_u64()
}

/// What a reader did with one input.
pub enum Verdict {
    Accepted,
    /// Refused, with the message a person would read.
    Refused(String),
}

/// One input that broke the property.
pub struct Failure {
    pub seed: u64,
    pub recipe: String,
    pub input: Vec<u8>,
    pub problem: String,
}

/// A campaign's figures.
#[derive(Default)]
pub struct Report {
    pub name: String,
    pub tried: usize,
    pub accepted: usize,
    pub refused: usize,
    /// Of the refusals, those whose message is not words.
    pub mute_refusals: usize,
    pub panics: usize,
    /// The panics, with their inputs (when the campaign ran in this process).
    pub panicked: Vec<Failure>,
    /// Refusals whose message is not words.
    pub mute: Vec<Failure>,
    /// How often each refusal's opening words came up (what the errors look like).
    pub openings: BTreeMap<String, usize>,
    /// Where the caught panics were raised: how often, and one message from there.
    pub panic_sites: BTreeMap<String, (usize, String)>,
    pub slowest_ms: f64,
    pub elapsed_s: f64,
}

/// The variable that turns tracing on, and the words of a traced outcome line
/// (`fuzz NAME: input INDEX → accepted`).
pub const TRACE: &str = "JUKEBOX_FUZZ_TRACE";
pub const OUTCOME: &str = "→ ";
pub const ACCEPTED: &str = "accepted";
pub const REFUSED: &str = "refused: ";
pub const PANICKED: &str = "panicked at ";

impl Report {
    pub fn count_accepted(&mut self) {
        self.tried += 1;
        self.accepted += 1;
    }

    /// A refusal with `message`; `mute` when it is not words (the failure is kept apart).
    pub fn count_refused(&mut self, message: &str, mute: bool) {
        self.tried += 1;
        self.refused += 1;
        let opening: Vec<&str> = message.split_whitespace().take(6).collect();
        *self.openings.entry(opening.join(" ")).or_default() += 1;
        self.mute_refusals += usize::from(mute);
    }

    /// A panic at `site` (the failure is kept apart).
    pub fn count_panic(&mut self, site: &str, message: &str) {
        self.tried += 1;
        self.panics += 1;
        let entry = self
            .panic_sites
            .entry(site.to_string())
            .or_insert_with(|| (0, message.to_string()));
        entry.0 += 1;
    }

    /// The figures on stderr, for the issue note (`cargo test -- --nocapture` shows them).
    pub fn print(&self) {
        eprintln!(
            "fuzz {}: {} inputs tried, {} panicked, {} refused, {} accepted; slowest input {:.1} ms, {:.2} s in all",
            self.name,
            self.tried,
            self.panics,
            self.refused,
            self.accepted,
            self.slowest_ms,
            self.elapsed_s
        );
        let mut openings: Vec<_> = self.openings.iter().collect();
        openings.sort_by_key(|(_, n)| std::cmp::Reverse(**n));
        for (opening, n) in openings.into_iter().take(4) {
            eprintln!("  {n:>6} × refused: {opening} …");
        }
        for (site, (n, message)) in &self.panic_sites {
            eprintln!("  {n:>6} × panic at {site}: {message}");
        }
    }

    /// Fails the test when an input panicked or was refused without words, naming the
    /// seeds and where each input was saved.
    pub fn assert_clean(&self) {
        let failures: Vec<&Failure> = self.panicked.iter().chain(&self.mute).collect();
        if failures.is_empty() {
            return;
        }
        let lines: Vec<String> = failures
            .iter()
            .take(8)
            .map(|f| describe(&self.name, f))
            .collect();
        panic!(
            "fuzz {}: {} of {} inputs panicked and {} were refused without words:\n{}",
            self.name,
            self.panicked.len(),
            self.tried,
            self.mute.len(),
            lines.join("\n")
        );
    }
}

/// A failure in a line: seed, recipe, the input (start, and the file it was saved to).
fn describe(name: &str, failure: &Failure) -> String {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz");
    let path = dir.join(format!("{name}-{:016x}.bin", failure.seed));
    let saved = std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(&path, &failure.input))
        .map_or_else(
            |e| format!("not saved: {e}"),
            |()| path.display().to_string(),
        );
    let start = String::from_utf8_lossy(&failure.input[..failure.input.len().min(160)]);
    format!(
        "  seed {:#018x} ({}), {} bytes saved at {saved}, starting {start:?}: {}",
        failure.seed,
        failure.recipe,
        failure.input.len(),
        failure.problem
    )
}

/// Why `message` is not an error a person can act on, if it is not.
pub fn not_words(message: &str) -> Option<&'static str> {
    let words = message
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    if message.trim().is_empty() {
        Some("the message is empty")
    } else if words < 4 {
        Some("the message has fewer than four words")
    } else if ["Error {", "Error(", "Some(", "Ok("]
        .iter()
        .any(|debug| message.contains(debug))
    {
        Some("the message is a debug dump")
    } else {
        None
    }
}

/// Makes input `n` of a campaign: its bytes and how they were made.
pub type Maker = dyn Fn(&mut SplitMix) -> (Vec<u8>, String) + Send + Sync;
/// Reads one input as the product does.
pub type Reader = dyn Fn(&[u8]) -> Verdict + Send + Sync;

/// Runs inputs `indices` of campaign `name` on a thread of its own; a campaign that has
/// not finished within `limit` fails the test, naming the input it was reading.
pub fn campaign(
    name: &str,
    seed: u64,
    indices: Range<usize>,
    limit: Duration,
    make: Arc<Maker>,
    read: Arc<Reader>,
) -> Report {
    install_quiet_hook();
    let current = Arc::new(AtomicU64::new(0));
    let (sender, receiver) = channel();
    let worker_current = Arc::clone(&current);
    let worker_name = name.to_string();
    // A native test thread (these tests never build for wasm32): it is what lets the test
    // notice a hang.
    std::thread::Builder::new()
        .name(format!("fuzz-{name}"))
        .spawn(move || {
            let report = run(&worker_name, seed, indices, &worker_current, &*make, &*read);
            let _ = sender.send(report);
        })
        .expect("a thread for the campaign");
    match receiver.recv_timeout(limit) {
        Ok(report) => report,
        Err(RecvTimeoutError::Timeout) => panic!(
            "fuzz {name}: not finished after {} s; input seed {:#018x} hangs the reader",
            limit.as_secs(),
            current.load(Ordering::SeqCst)
        ),
        Err(RecvTimeoutError::Disconnected) => panic!(
            "fuzz {name}: the campaign's thread died (a panic outside catch_unwind) at input seed {:#018x}",
            current.load(Ordering::SeqCst)
        ),
    }
}

#[allow(clippy::disallowed_methods)] // native timing of a test, never built for wasm32
fn run(
    name: &str,
    seed: u64,
    indices: Range<usize>,
    current: &AtomicU64,
    make: &Maker,
    read: &Reader,
) -> Report {
    let started = Instant::now();
    let mut report = Report {
        name: name.to_string(),
        ..Report::default()
    };
    QUIET.with(|q| q.set(true));
    // An abort (a stack overflow, a failed allocation) ends the process before any report:
    // with this set, each input is printed before it is read and its outcome after, so the
    // last input without an outcome is the culprit (the Parquet test reads these lines).
    let trace = std::env::var_os(TRACE).is_some();
    for index in indices {
        let seed = input_seed(seed, index);
        current.store(seed, Ordering::SeqCst);
        let (input, recipe) = make(&mut SplitMix::new(seed));
        if trace {
            eprintln!("fuzz {name}: input {index}, seed {seed:#018x}: {recipe}");
        }
        let read_at = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| read(&input)));
        report.slowest_ms = report.slowest_ms.max(read_at.elapsed().as_secs_f64() * 1e3);
        let failure = |problem: String| Failure {
            seed,
            recipe: recipe.clone(),
            input: input.clone(),
            problem,
        };
        let line = match outcome {
            Ok(Verdict::Accepted) => {
                report.count_accepted();
                ACCEPTED.to_string()
            }
            Ok(Verdict::Refused(message)) => {
                let problem = not_words(&message);
                report.count_refused(&message, problem.is_some());
                if let Some(problem) = problem {
                    report.mute.push(failure(format!("{problem}: {message:?}")));
                }
                format!("{REFUSED}{message}")
            }
            Err(payload) => {
                let (site, message) = take_panic_site()
                    .unwrap_or_else(|| ("an unknown place".into(), payload_text(&*payload)));
                report.count_panic(&site, &message);
                report
                    .panicked
                    .push(failure(format!("panicked at {site}: {message}")));
                format!("{PANICKED}{site}: {message}")
            }
        };
        if trace {
            eprintln!(
                "fuzz {name}: input {index} {OUTCOME}{}",
                line.replace('\n', " ")
            );
        }
    }
    QUIET.with(|q| q.set(false));
    report.elapsed_s = started.elapsed().as_secs_f64();
    report
}

fn payload_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(ToString::to_string)
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".into())
}

thread_local! {
    /// Set on a campaign's thread: its panics are expected and reported, not printed.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// The place (`file:line`) and message of the last quiet panic: a campaign's, or one on a
/// polars worker thread, whose panic the reader's thread resumes.
static LAST_PANIC: Mutex<Option<(String, String)>> = Mutex::new(None);

fn take_panic_site() -> Option<(String, String)> {
    LAST_PANIC.lock().ok()?.take()
}

/// A panic hook that keeps quiet panics' messages for the report and prints the others
/// (a failing assertion must still say what failed) as the default hook does.
fn install_quiet_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let on_polars_thread = std::thread::current()
                .name()
                .is_some_and(|n| n.starts_with("polars"));
            if QUIET.with(Cell::get) || on_polars_thread {
                let place = info.location().map_or_else(
                    || "an unknown place".into(),
                    |l| format!("{}:{}", l.file(), l.line()),
                );
                let message = payload_text(info.payload());
                let message: String = message.replace('\n', " ").chars().take(200).collect();
                if let Ok(mut last) = LAST_PANIC.lock() {
                    *last = Some((place, message));
                }
            } else {
                default(info);
            }
        }));
    });
}

#[test]
fn a_panicking_reader_is_caught_and_counted_with_its_seed() {
    let make = Arc::new(|rng: &mut SplitMix| (vec![rng.byte()], "one random byte".to_string()));
    let read = Arc::new(|input: &[u8]| {
        assert!(
            !input[0].is_multiple_of(4),
            "a reader that fails on multiples of 4"
        );
        if input[0] % 4 == 1 {
            Verdict::Refused("no".into())
        } else {
            Verdict::Accepted
        }
    });
    let report = campaign("self-check", 1, 0..400, Duration::from_secs(60), make, read);
    assert_eq!(report.tried, 400);
    assert!(!report.panicked.is_empty() && !report.mute.is_empty());
    assert_eq!(report.panics, report.panicked.len());
    assert_eq!(report.panics + report.refused + report.accepted, 400);
    let panic = &report.panicked[0];
    assert_eq!(panic.input[0] % 4, 0);
    assert!(
        panic.problem.contains("multiples of 4"),
        "{}",
        panic.problem
    );
    assert!(panic.problem.contains("harness.rs"), "{}", panic.problem);
    assert_eq!(
        not_words("no"),
        Some("the message has fewer than four words")
    );
    assert_eq!(not_words("the link is cut short"), None);
}
