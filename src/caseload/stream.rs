//! Checking a caseload read from a stream a window at a time, on several threads, with its
//! report written without ever being held whole: each matter's entry of the JSON report is
//! written on the thread that checked it, and the entries wait in a spill (memory, then an
//! unlinked temporary file) until the summary that comes before them is known.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};

use chrono::NaiveDate;

use super::caseload_error;
use super::check::{self, Merger, Outcome, Streamed};
use super::document::{self, Head};
use super::input;
use super::output::{self, Entries, EntryWriter, Explanations, Lists};
use super::report::{CheckReport, InputError as Problem};
use super::scan::{Found, Incremental, ScanError};
use crate::json_text::{advance, Positions};
use crate::limits::Document;
use crate::{Calendar, Error, Language, Limits, Policy, Position, Result};

/// The least read from the input at a time.
const BLOCK: usize = 1 << 20;

/// Bytes of report entries reserved per byte of a batch's input, as a fraction: the
/// entries' own bytes, the pieces they place apart (see [`output::Entries`]), are 0.124
/// times their matters' input in the 1,000,000-matter generated caseload (0.149 in its
/// largest batch); a batch that needs more grows. (Room reserved and not used is not free:
/// the allocator's huge pages are cleared whole.)
const ENTRY_RATIO: (usize, usize) = (1, 6);

/// Pieces placed per matter's entry reserved (see [`output::Entries`]): its fields from
/// kind to state, and for each obligation its deadline's and its status's (2.79 a matter
/// in the generated caseload).
const PLACES_PER_MATTER: usize = 3;

/// Matters handed to a worker at a time, at most.
const BATCH_MATTERS: usize = 1024;

/// How a streamed check runs and what its report is like.
///
/// ```
/// let options = duban::StreamOptions::default();
/// assert_eq!(options.threads, 0);
/// assert_eq!(options.language, duban::Language::Chinese);
/// ```
#[derive(Clone, Debug)]
pub struct StreamOptions<'a> {
    /// Threads that read and check matters: 0 (the default) is one per core; 1 does
    /// everything on the calling thread.
    pub threads: usize,
    /// The language of the report's messages and status texts.
    pub language: Language,
    /// Explanation lines for each obligation, or none (the default). (The limits the
    /// document is read within are those given to [`CaseloadReader::open_with_limits`].)
    pub explanations: Explanations<'a>,
    /// Bytes of matters' entries kept in memory (default 64 MiB): the entries past them go
    /// to a temporary file. An entry is kept as its own bytes with the pieces it shares
    /// with others (deadlines, statuses, names) placed by reference, about 0.19 times its
    /// matter's input (the written report is about twice the input), so a caller that
    /// knows the input's size may allow as much and keep every entry of a generated
    /// caseload in memory (the `duban` command allows the caseload file's size, from 1 MiB
    /// to 1 GiB).
    pub spill_threshold: usize,
    /// Where that temporary file is made (default: [`std::env::temp_dir`]). It is removed
    /// from the directory as soon as it is opened, where the system allows it.
    pub spill_dir: Option<PathBuf>,
}

impl Default for StreamOptions<'_> {
    fn default() -> Self {
        StreamOptions {
            threads: 0,
            language: Language::Chinese,
            explanations: Explanations::Omit,
            spill_threshold: 64 << 20,
            spill_dir: None,
        }
    }
}

/// A `duban-caseload/1` document read from a stream a window at a time, up to its
/// `matters`: the streaming counterpart of [`crate::CaseloadDocument`], for documents
/// too large to hold in memory (the window holds a block of the input and the matters
/// being checked). [`CaseloadReader::check`] reads and checks the matters and gives a
/// [`StreamedReport`], whose JSON is the same, byte for byte, as
/// [`CheckReport::write_json`] of [`crate::check`] over the same document.
///
/// ```
/// use duban::{CaseloadReader, Calendar, Caseload, Explanations, Language, Policy, StreamOptions};
/// let json = r#"{"schema": "duban-caseload/1", "as_of": "2022-02-07", "matters": [
///   {"id": "YB-1", "kind": "monthly_report", "unit": "市财政局", "sector": "经济", "month": "2022-01"},
///   {"id": "YB-2", "kind": "no_such_kind"}]}"#;
/// let (policy, cal) = (Policy::ankang_2020(), Calendar::china());
/// let reader = CaseloadReader::open(json.as_bytes())?;
/// let as_of = reader.as_of().unwrap();
/// let streamed = reader.check(&policy, &cal, as_of, &StreamOptions::default())?;
/// assert_eq!(streamed.report().summary.checked, 1);
/// let mut out = Vec::new();
/// streamed.write_json(&mut out).unwrap();
///
/// let report = duban::check(&Caseload::from_json(json)?, &policy, &cal, as_of)?;
/// let mut expected = Vec::new();
/// report.write_json(&mut expected, Language::Chinese, Explanations::Omit).unwrap();
/// assert_eq!(out, expected);
/// # Ok::<(), duban::Error>(())
/// ```
pub struct CaseloadReader<R> {
    window: Window<R>,
    scanner: Incremental,
    head: Head,
    /// Whether the document has a `matters` array (the reader stops at its start).
    has_matters: bool,
    /// The scan ended before the matters: the structural error, if one stopped it.
    ended: Option<Option<ScanError>>,
    matter_bytes: usize,
    /// Buffers of batches already checked, for the next batches' bytes: a batch is about
    /// a block of input, and a fresh allocation of that size each time costs page faults.
    spares: Spares,
}

/// Batch buffers handed back by the workers once done with.
#[derive(Clone, Default)]
struct Spares(Arc<Mutex<Vec<Vec<u8>>>>);

impl Spares {
    /// At most this many are kept (the batches in flight are bounded too).
    const KEPT: usize = 16;

    fn take(&self) -> Vec<u8> {
        let spare = self.0.lock().ok().and_then(|mut spares| spares.pop());
        let mut bytes = spare.unwrap_or_default();
        bytes.clear();
        bytes
    }

    fn give(&self, bytes: Vec<u8>) {
        if let Ok(mut spares) = self.0.lock() {
            if spares.len() < Spares::KEPT {
                spares.push(bytes);
            }
        }
    }
}

impl<R: Read> CaseloadReader<R> {
    /// Reads `input` up to its matters, within the default [`Limits`].
    ///
    /// # Errors
    ///
    /// As [`crate::Caseload::from_json`], for what comes before the matters (fields after
    /// them are read by [`CaseloadReader::check`]); `InvalidCaseload` when `input` cannot
    /// be read.
    ///
    /// ```
    /// let r = duban::CaseloadReader::open(&br#"{"schema": "duban-caseload/1", "as_of": "2024-01-02", "matters": []}"#[..])?;
    /// assert_eq!(r.as_of(), Some(duban::parse_date("2024-01-02")?));
    /// assert!(duban::CaseloadReader::open(&b"[1]"[..]).is_err());
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn open(input: R) -> Result<CaseloadReader<R>> {
        CaseloadReader::open_with_limits(input, &Limits::default())
    }

    /// Reads `input` up to its matters, within `limits`.
    ///
    /// # Errors
    ///
    /// As [`CaseloadReader::open`], and `LimitExceeded` as
    /// [`crate::Caseload::from_json_with_limits`].
    pub fn open_with_limits(input: R, limits: &Limits) -> Result<CaseloadReader<R>> {
        CaseloadReader::open_with_block(input, limits, BLOCK)
    }

    /// Reads `input` up to its matters, within `limits`, `block` bytes at a time (the
    /// default is 1 MiB; the window holds about a block, and more for a larger matter).
    ///
    /// # Errors
    ///
    /// As [`CaseloadReader::open_with_limits`].
    ///
    /// ```
    /// use duban::{CaseloadReader, Limits};
    /// let json = br#"{"schema": "duban-caseload/1", "as_of": "2024-01-02", "matters": [{"id": "x"}]}"#;
    /// let r = CaseloadReader::open_with_block(&json[..], &Limits::default(), 5)?;
    /// assert!(r.as_of().is_some());
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn open_with_block(input: R, limits: &Limits, block: usize) -> Result<CaseloadReader<R>> {
        let mut reader = CaseloadReader {
            window: Window::new(input, limits.caseload_bytes, block.max(1)),
            scanner: Incremental::new(limits.matters),
            head: Head::default(),
            has_matters: false,
            ended: None,
            matter_bytes: limits.matter_bytes,
            spares: Spares::default(),
        };
        loop {
            let found = reader.scanner.next(
                &reader.window.buf,
                reader.window.eof,
                reader.window.base == 0,
            );
            match found {
                // Nothing is dropped before the matters (see `into_bytes`).
                Found::More => reader.window.fill(0, true, &mut reader.scanner)?,
                Found::Step => {}
                Found::Field(key, range) => reader.field(&key, range)?,
                Found::MattersBegin => {
                    reader.has_matters = true;
                    return Ok(reader);
                }
                Found::End(fatal) => {
                    // No matters: the same errors as the whole document's scan.
                    let fatal = fatal.map(|f| {
                        let at = reader.window.position(f.at);
                        (f, at)
                    });
                    return Err(document::not_a_caseload(fatal));
                }
                Found::Matter(_) | Found::CutMatter(..) | Found::TooManyMatters => {
                    // Only inside `matters`, which the loop never enters.
                    reader.ended = Some(None);
                    return Ok(reader);
                }
            }
        }
    }

    fn field(&mut self, key: &str, range: std::ops::Range<usize>) -> Result<()> {
        let at = self.window.position(range.start);
        let raw = self.window.buf.get(range).unwrap_or_default();
        self.head.field(key, raw, || Some(at))
    }

    /// The document's `as_of` day, if it comes before its matters.
    pub fn as_of(&self) -> Option<NaiveDate> {
        self.head.as_of
    }

    /// The whole document: the part read so far and the rest of the input (for a caller
    /// that needs what comes after the matters first, such as an `as_of` given last).
    ///
    /// # Errors
    ///
    /// An I/O error of the input.
    pub fn into_bytes(self) -> io::Result<Vec<u8>> {
        let Window {
            mut buf,
            mut input,
            base,
            ..
        } = self.window;
        if base != 0 {
            return Err(io::Error::other("the start of the document was dropped"));
        }
        input.read_to_end(&mut buf)?;
        Ok(buf)
    }

    /// Reads and checks every matter on `as_of` under `policy` and `calendar` as `options`
    /// say, and the fields after the matters. Each matter's entry of the report is written
    /// on the thread that checked it and kept in the spill until
    /// [`StreamedReport::write_json`].
    ///
    /// # Errors
    ///
    /// As [`crate::CaseloadDocument::check`], and those of [`CaseloadReader::open`] for
    /// the fields after the matters.
    pub fn check(
        mut self,
        policy: &Policy,
        calendar: &Calendar,
        as_of: NaiveDate,
        options: &StreamOptions<'_>,
    ) -> Result<StreamedReport> {
        let spill = Spill::new(options.spill_threshold, options.spill_dir.clone());
        let merger = Merger::new(policy, calendar, as_of, 0)?.streaming(spill);
        let job = Job {
            policy,
            calendar,
            as_of,
            language: options.language,
            explanations: options.explanations,
            matter_bytes: self.matter_bytes,
            ids: merger.id_hasher(),
        };
        let head_errors = std::mem::take(&mut self.head.errors);
        let workers = document::thread_count(options.threads);
        let (mut merger, tail) = if workers <= 1 {
            let mut merger = merger;
            merger.errors(head_errors);
            let mut writer = job.entry_writer();
            let spares = self.spares.clone();
            let scanned = self.matters(|batch| {
                let (outcomes, bytes) = job.run(&batch, &mut writer);
                for o in outcomes {
                    merger.push(o);
                }
                merger.end_batch(bytes);
                spares.give(batch.bytes);
                true
            });
            input::forget_names();
            (merger, scanned?)
        } else {
            self.parallel(merger, head_errors, &job, workers)?
        };
        merger.errors(self.head.errors.drain(..));
        if !self.head.schema_ok {
            return Err(document::no_schema());
        }
        let (report, streamed) = merger.finish_streamed(tail);
        Ok(StreamedReport {
            report,
            streamed,
            language: options.language,
            threads: options.threads,
        })
    }

    /// Reads and checks the matters on `workers` threads, merging on another, while this
    /// one scans.
    fn parallel(
        &mut self,
        mut merger: Merger,
        head_errors: Vec<Problem>,
        job: &Job<'_>,
        workers: usize,
    ) -> Result<(Merger, Option<Problem>)> {
        // Batches scanned but not yet merged, at most: bounds the memory whatever the
        // order the workers finish in (a batch of the generated caseload: about 0.5 MB of
        // input, with its outcomes and entries). Eight a worker, and two waiting for one,
        // rather than four and one: the threads (more than the cores) then wait on each
        // other less (at 1M on 2 cores, 1.89 cores busy on average against 1.83-1.86;
        // sixteen and four made 1.93, for 28 MB more at 100k).
        let in_flight = workers.saturating_mul(8);
        let (credit_tx, credit_rx) = mpsc::channel::<()>();
        for _ in 0..in_flight {
            let _ = credit_tx.send(());
        }
        let merged = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            let (work_tx, work_rx) = mpsc::sync_channel::<(usize, RawBatch)>(workers * 2);
            let work_rx = Arc::new(Mutex::new(work_rx));
            let (done_tx, done_rx) = mpsc::channel::<(usize, Vec<Outcome>, Entries)>();
            for _ in 0..workers {
                let (work_rx, done_tx) = (Arc::clone(&work_rx), done_tx.clone());
                let spares = self.spares.clone();
                scope.spawn(move || {
                    let mut writer = job.entry_writer();
                    loop {
                        let next = match work_rx.lock() {
                            Ok(rx) => rx.recv(),
                            Err(_) => break,
                        };
                        let Ok((seq, batch)) = next else { break };
                        let (outcomes, bytes) = job.run(&batch, &mut writer);
                        spares.give(batch.bytes);
                        if done_tx.send((seq, outcomes, bytes)).is_err() {
                            break;
                        }
                    }
                    input::forget_names();
                });
            }
            drop(done_tx);
            let merged = &merged;
            let merging = scope.spawn(move || {
                merger.errors(head_errors);
                let mut waiting = BTreeMap::new();
                for (seq, outcomes, bytes) in done_rx {
                    waiting.insert(seq, (outcomes, bytes));
                    let mut next = merged.load(Ordering::Relaxed);
                    while let Some((outcomes, bytes)) = waiting.remove(&next) {
                        for o in outcomes {
                            merger.push(o);
                        }
                        merger.end_batch(bytes);
                        next += 1;
                        let _ = credit_tx.send(());
                    }
                    merged.store(next, Ordering::Relaxed);
                }
                merger
            });
            let mut seq = 0;
            let scanned = self.matters(|batch| {
                if credit_rx.recv().is_err() || work_tx.send((seq, batch)).is_err() {
                    return false;
                }
                seq += 1;
                true
            });
            drop(work_tx);
            let merger = merging.join();
            let complete = merged.load(Ordering::Relaxed) == seq;
            match merger {
                Ok(merger) if complete => Ok((merger, scanned?)),
                _ => Err(scanned.err().unwrap_or_else(parallel_failed)),
            }
        })
    }

    /// Scans the matters and the rest of the document, handing the matters to `batch` a
    /// batch at a time (which says whether to go on). The end: the document-level error
    /// after the matters, if one.
    fn matters(&mut self, mut batch: impl FnMut(RawBatch) -> bool) -> Result<Option<Problem>> {
        let mut open = Open::default();
        let mut index = 0;
        let mut fatal = None;
        let mut last_cut = false;
        let mut stopped = false;
        let mut ended = self.ended.take().is_some() || !self.has_matters;
        let mut stuck = false;
        while !ended {
            let found = self
                .scanner
                .next(&self.window.buf, self.window.eof, self.window.base == 0);
            if let Found::More = found {
                // The matters in the window go to a worker, so that the window keeps
                // only the item the scanner is in.
                stopped |= !self.seal(&mut open, &mut batch);
                self.window
                    .fill(self.scanner.needed_from(), stuck, &mut self.scanner)?;
                stuck = true;
                if stopped {
                    return Err(parallel_failed());
                }
                continue;
            }
            stuck = false;
            match found {
                Found::More => {}
                Found::Step | Found::MattersBegin => {}
                Found::Field(key, range) => self.field(&key, range)?,
                Found::Matter(range) => {
                    open.start_at(self.window.base + range.start, &mut self.window);
                    open.push(self.window.base, range, None, index);
                    index += 1;
                }
                Found::CutMatter(range, why) => {
                    let doc_why = ScanError {
                        at: why.at + self.window.base,
                        what: why.what.clone(),
                    };
                    open.start_at(self.window.base + range.start, &mut self.window);
                    let at = self.window.position(why.at);
                    open.push(self.window.base, range, Some((doc_why, at)), index);
                    index += 1;
                    last_cut = true;
                    fatal = Some(why);
                }
                Found::TooManyMatters => {
                    return Err(crate::limits::too_many_matters(self.scanner_limit()));
                }
                Found::End(end) => {
                    if end.is_some() {
                        fatal = end;
                    }
                    ended = true;
                }
            }
            if open.matters.len() >= BATCH_MATTERS || (ended && !open.matters.is_empty()) {
                stopped |= !self.seal(&mut open, &mut batch);
            }
            if stopped {
                return Err(parallel_failed());
            }
        }
        if !open.matters.is_empty() && !self.seal(&mut open, &mut batch) {
            return Err(parallel_failed());
        }
        Ok(fatal.filter(|_| !last_cut).map(|f| {
            let at = self.window.position(f.at);
            document::malformed(&f, at)
        }))
    }

    fn scanner_limit(&self) -> usize {
        self.scanner.max_matters
    }

    /// Hands the open batch over (copying its bytes out of the window).
    fn seal(&mut self, open: &mut Open, batch: &mut impl FnMut(RawBatch) -> bool) -> bool {
        let Some(start) = open.start else {
            return true;
        };
        let from = start.saturating_sub(self.window.base);
        let to = open.end.saturating_sub(self.window.base);
        let mut bytes = self.spares.take();
        bytes.extend_from_slice(self.window.buf.get(from..to).unwrap_or_default());
        let at = open.start_position;
        let raw = RawBatch {
            first: open.first,
            base: start,
            start: at,
            bytes,
            matters: std::mem::take(&mut open.matters),
        };
        *open = Open::default();
        batch(raw)
    }
}

/// The batch being gathered: offsets in the document.
#[derive(Default)]
struct Open {
    start: Option<usize>,
    /// The position at `start`.
    start_position: Position,
    end: usize,
    first: usize,
    matters: Vec<RawMatter>,
}

impl Default for Position {
    fn default() -> Position {
        Position { line: 1, column: 1 }
    }
}

impl Open {
    /// Notes where the batch starts, if this is its first matter (at `offset` in the
    /// document).
    fn start_at<R: Read>(&mut self, offset: usize, window: &mut Window<R>) {
        if self.start.is_none() {
            self.start_position = window.position(offset - window.base);
        }
    }

    /// Adds the matter at `range` of the window (which starts at `base`), cut short for
    /// `cut` if given; `index` is its place in `matters`.
    fn push(
        &mut self,
        base: usize,
        range: std::ops::Range<usize>,
        cut: Option<(ScanError, Position)>,
        index: usize,
    ) {
        let (start, end) = (base + range.start, base + range.end);
        let from = *self.start.get_or_insert(start);
        if self.matters.is_empty() {
            self.first = index;
        }
        self.end = end;
        let range = (start - from)..(end - from);
        self.matters.push(match cut {
            None => RawMatter::Whole(range),
            Some((why, at)) => RawMatter::Cut(range, why, at),
        });
    }
}

/// Matters delimited by the scanner, their bytes copied out of the window.
struct RawBatch {
    /// The place of the first in `matters`.
    first: usize,
    /// The offset in the document of `bytes`, and the position there.
    base: usize,
    start: Position,
    bytes: Vec<u8>,
    matters: Vec<RawMatter>,
}

/// A matter of a batch: its range in the batch's bytes.
enum RawMatter {
    Whole(std::ops::Range<usize>),
    /// Cut short: why (at an offset in the document), and where.
    Cut(std::ops::Range<usize>, ScanError, Position),
}

/// What every batch is checked with.
struct Job<'a> {
    policy: &'a Policy,
    calendar: &'a Calendar,
    as_of: NaiveDate,
    language: Language,
    explanations: Explanations<'a>,
    matter_bytes: usize,
    /// The merger's hasher of ids ([`Merger::id_hasher`]).
    ids: std::hash::RandomState,
}

impl<'a> Job<'a> {
    /// A writer of the entries of the matters this job checks, for one thread.
    fn entry_writer(&self) -> EntryWriter<'a> {
        EntryWriter::new(self.language, self.explanations)
    }

    /// Reads and checks the batch's matters: their outcomes, and the entries of those
    /// checked, written with `writer` (from [`Job::entry_writer`]).
    fn run(&self, batch: &RawBatch, writer: &mut EntryWriter<'_>) -> (Vec<Outcome>, Entries) {
        // Room for the batch's entries at once, rather than grown (and copied) in steps.
        let (times, per) = ENTRY_RATIO;
        let mut bytes = Entries::with_capacity(
            batch.bytes.len().saturating_mul(times) / per,
            batch.matters.len().saturating_mul(PLACES_PER_MATTER),
        );
        let mut positions = Positions::continuing(&batch.bytes, batch.base, batch.start);
        let mut outcomes = Vec::with_capacity(batch.matters.len());
        // The batch's bytes checked as UTF-8 at once: its matters are then read without
        // checking each string again (the same parser, the same errors); else each matter
        // is read from its bytes.
        let text = simdutf8::basic::from_utf8(&batch.bytes).ok();
        for (k, matter) in batch.matters.iter().enumerate() {
            let index = batch.first + k;
            let outcome = match matter {
                RawMatter::Whole(range) => {
                    let raw = batch.bytes.get(range.clone()).unwrap_or_default();
                    let text = text.and_then(|t| t.get(range.clone()));
                    let base = batch.base + range.start;
                    match document::read_raw_matter(
                        index,
                        raw,
                        text,
                        base,
                        self.matter_bytes,
                        &mut positions,
                    ) {
                        Ok(m) => {
                            let mut o =
                                check::check_one(index, &m, self.policy, self.calendar, self.as_of);
                            o.hash_id(&self.ids);
                            // Writing to a `Vec` does not fail.
                            let _ = o.write_entry(&mut bytes, writer);
                            o
                        }
                        Err(problem) => Outcome::unread(problem),
                    }
                }
                RawMatter::Cut(range, why, at) => {
                    let partial = batch.bytes.get(range.clone()).unwrap_or_default();
                    Outcome::unread(document::cut(index, partial, why, *at))
                }
            };
            outcomes.push(outcome);
        }
        (outcomes, bytes)
    }
}

fn parallel_failed() -> Error {
    Error::new(
        crate::ErrorKind::InvalidCaseload,
        "并行检查未能完成：有线程提前退出",
        "the parallel check did not finish: a thread stopped early",
    )
}

/// The input, a window at a time.
struct Window<R> {
    input: R,
    /// The bytes read and still needed.
    buf: Vec<u8>,
    /// The offset in the document of `buf`'s first byte.
    base: usize,
    /// The least read at a time.
    block: usize,
    eof: bool,
    /// The largest document allowed, in bytes.
    limit: u64,
    /// A position known in the document, at an offset not past `base`... or in `buf`.
    known: (usize, Position),
}

impl<R: Read> Window<R> {
    fn new(input: R, limit: u64, block: usize) -> Window<R> {
        Window {
            input,
            buf: Vec::new(),
            base: 0,
            block,
            eof: false,
            limit,
            known: (0, Position { line: 1, column: 1 }),
        }
    }

    /// The position of the byte at `offset` of the window (offsets asked for, and the
    /// window's start, only move forward).
    fn position(&mut self, offset: usize) -> Position {
        let target = (self.base + offset).min(self.base + self.buf.len());
        let (known, at) = self.known;
        if target < known {
            return at;
        }
        let from = known.saturating_sub(self.base);
        let bytes = self.buf.get(from..target - self.base).unwrap_or_default();
        let (line, column) = advance((at.line, at.column), bytes);
        let at = Position { line, column };
        self.known = (target, at);
        at
    }

    /// Drops the bytes before `keep` and reads at least a block more (`stuck`: the scanner
    /// could not go on with the last read, so read as much as the window holds); the
    /// scanner is told how much was dropped.
    fn fill(&mut self, keep: usize, stuck: bool, scanner: &mut Incremental) -> Result<()> {
        let keep = keep.min(self.buf.len());
        if keep > 0 {
            self.position(keep);
            self.buf.drain(..keep);
            self.base += keep;
            scanner.dropped(keep);
        }
        // An item larger than the window: read as much again, so that the scanner, which
        // starts the item over each time, scans it a bounded number of times.
        let want = if stuck {
            self.block.max(self.buf.len())
        } else {
            self.block
        };
        let start = self.buf.len();
        // Read into the buffer's spare room as it is (a file reads into it without the
        // room being cleared first, as `resize` would), retrying an interrupted read.
        self.buf.reserve(want);
        let limit = u64::try_from(want).unwrap_or(u64::MAX);
        let read = (&mut self.input).take(limit).read_to_end(&mut self.buf);
        let filled = self.buf.len();
        if let Err(e) = read {
            return Err(read_error(self.base + filled, &e));
        }
        if filled - start < want {
            self.eof = true;
        }
        let total = u64::try_from(self.base + filled).unwrap_or(u64::MAX);
        if total > self.limit {
            // The same error as a document of that size read whole.
            return Limits::check(Document::Caseload, total, self.limit);
        }
        Ok(())
    }
}

fn read_error(offset: usize, e: &io::Error) -> Error {
    caseload_error(
        format!("无法读取事项清单（已读 {offset} 字节）"),
        format!("cannot read the caseload (after {offset} bytes): {e}"),
    )
}

/// A report whose matters' entries were written out as they were checked: everything but
/// the matters is in [`StreamedReport::report`]; [`StreamedReport::write_json`] writes it
/// whole.
pub struct StreamedReport {
    report: CheckReport,
    streamed: Option<Streamed>,
    language: Language,
    /// The threads asked for: 1 keeps the writing on the calling thread too.
    threads: usize,
}

impl std::fmt::Debug for StreamedReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StreamedReport")
            .field("report", &self.report)
            .finish_non_exhaustive()
    }
}

impl StreamedReport {
    /// The report without its matters (their count is in the summary; their entries only
    /// in the JSON).
    pub fn report(&self) -> &CheckReport {
        &self.report
    }

    /// Writes the report as [`CheckReport::write_json`] does, in the language and with the
    /// explanations the check was asked for.
    ///
    /// # Errors
    ///
    /// An I/O error from `out`, or one met keeping the entries in the spill.
    pub fn write_json<W: Write>(self, out: W) -> io::Result<()> {
        let StreamedReport {
            report,
            streamed,
            language,
            threads,
        } = self;
        let (entries, any) = match streamed {
            None => (Spill::new(0, None), false),
            Some(streamed) => {
                if let Some(e) = streamed.error {
                    return Err(e);
                }
                let any = streamed.counts.checked > 0;
                (streamed.sink, any)
            }
        };
        let mut out = BufWriter::with_capacity(1 << 16, out);
        let mut head = Vec::new();
        report.write_head(&mut head, language, Explanations::Omit)?;
        // The head ends with the matters' empty array: the entries go inside it.
        let open = output::matters_open(&head)?;
        let (head, close) = head.split_at(open);
        let matters = |out: &mut BufWriter<W>| -> io::Result<()> {
            out.write_all(head)?;
            entries.write_to(out)?;
            if any {
                out.write_all(b"\n  ")?;
            }
            out.write_all(close)
        };
        if threads == 1 {
            matters(&mut out)?;
            report.write_lists(&mut out, language, Explanations::Omit, Lists::All)?;
            return out.flush();
        }
        // The lists after the matters (a tenth of a large report, and its bands name its
        // matters by the hundred thousand) in two parts, on two other threads, which then
        // let the report go, while this one writes the head and the entries.
        let split = report.bands_split();
        let report = Arc::new(report);
        let part = |report: Arc<CheckReport>, lists: Lists| {
            move || -> io::Result<Blocks> {
                let mut bytes = Blocks::default();
                report.write_lists(&mut bytes, language, Explanations::Omit, lists)?;
                Ok(bytes)
            }
        };
        std::thread::scope(|scope| {
            let first = scope.spawn(part(Arc::clone(&report), Lists::First(split)));
            let second = scope.spawn(part(report, Lists::Second(split)));
            matters(&mut out)?;
            for part in [first, second] {
                let written = part
                    .join()
                    .unwrap_or_else(|_| Err(io::Error::other("the report's writer stopped")))?;
                written.write_to(&mut out)?;
            }
            out.flush()
        })
    }
}

/// Bytes written in blocks of about [`BLOCK`], never moved once written (a growing `Vec`
/// copies everything it holds each time it doubles).
#[derive(Default)]
struct Blocks(Vec<Vec<u8>>);

impl Write for Blocks {
    // The lists' writer writes a few bytes at a time (a quote, a key, a comma): those go
    // straight into the last block, like `BufWriter`'s small writes.
    #[inline]
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if let Some(last) = self.0.last_mut() {
            if last.capacity() - last.len() >= buf.len() {
                last.extend_from_slice(buf);
                return Ok(buf.len());
            }
        }
        self.write_to_new_block(buf)
    }

    #[inline]
    fn write_all(&mut self, mut buf: &[u8]) -> io::Result<()> {
        while !buf.is_empty() {
            let n = self.write(buf)?;
            if n == 0 {
                return Err(io::ErrorKind::WriteZero.into());
            }
            buf = buf.get(n..).unwrap_or_default();
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Blocks {
    /// What of `buf` fits, written into the last block's room or a new block's.
    #[inline(never)]
    fn write_to_new_block(&mut self, buf: &[u8]) -> io::Result<usize> {
        let room = |b: &Vec<u8>| b.capacity() - b.len();
        if self.0.last().map_or(true, |last| room(last) == 0) {
            self.0.push(Vec::with_capacity(BLOCK));
        }
        let Some(last) = self.0.last_mut() else {
            return Ok(0);
        };
        let n = buf.len().min(room(last));
        last.extend_from_slice(buf.get(..n).unwrap_or_default());
        Ok(n)
    }

    /// Writes every byte to `out`, in order.
    fn write_to(&self, out: &mut dyn Write) -> io::Result<()> {
        self.0.iter().try_for_each(|block| out.write_all(block))
    }
}

/// Where the entries wait: the batches' bytes they were written into, kept in memory as
/// they are (no copy) up to a threshold, then the later ones in an unlinked temporary file.
pub(crate) struct Spill {
    /// Batches' bytes, and the ranges of them that are entries, in order.
    held: Vec<(Entries, Vec<std::ops::Range<usize>>)>,
    /// The bytes of `held`.
    held_bytes: usize,
    file: Option<BufWriter<File>>,
    threshold: usize,
    dir: Option<PathBuf>,
}

/// Bytes written to, and read from, the temporary file at a time.
const SPILL_BUFFER: usize = 1 << 20;

impl Spill {
    fn new(threshold: usize, dir: Option<PathBuf>) -> Spill {
        Spill {
            held: Vec::new(),
            held_bytes: 0,
            file: None,
            threshold,
            dir,
        }
    }

    /// Keeps the entries at `runs` of `bytes`, after those kept before: in memory while
    /// what is held stays within the threshold, else (and ever after) in the file.
    pub(crate) fn keep(
        &mut self,
        bytes: Entries,
        runs: Vec<std::ops::Range<usize>>,
    ) -> io::Result<()> {
        let size = bytes.held();
        if self.file.is_none() && self.held_bytes.saturating_add(size) <= self.threshold {
            self.held_bytes += size;
            self.held.push((bytes, runs));
            return Ok(());
        }
        let file = match &mut self.file {
            Some(file) => file,
            None => {
                let dir = self.dir.clone().unwrap_or_else(std::env::temp_dir);
                let file = BufWriter::with_capacity(SPILL_BUFFER, temporary_file(&dir)?);
                self.file.insert(file)
            }
        };
        bytes.write_runs(&runs, file)
    }

    /// Writes every entry kept, in order, to `out`.
    pub(crate) fn write_to(self, out: &mut dyn Write) -> io::Result<()> {
        // Each batch let go once written: its memory is then the allocator's to give again
        // (to the report's lists, written meanwhile), not the kernel's to clear anew.
        for (bytes, runs) in self.held {
            bytes.write_runs(&runs, out)?;
        }
        let Some(file) = self.file else {
            return Ok(());
        };
        let mut file = file.into_inner().map_err(|e| e.into_error())?;
        file.rewind()?;
        let mut buffer = vec![0; SPILL_BUFFER];
        loop {
            let n = match file.read(&mut buffer) {
                Ok(0) => return Ok(()),
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            out.write_all(buffer.get(..n).unwrap_or_default())?;
        }
    }
}

/// Opens a new file in `dir` for reading and writing, and removes its name.
fn temporary_file(dir: &std::path::Path) -> io::Result<File> {
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    for attempt in 0..100 {
        let name = format!(
            ".duban-spill-{}-{nanos}-{}-{attempt}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        );
        let path = dir.join(name);
        match std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(file) => {
                // Unlinked while open: the space goes back when the file is closed, even
                // if the process is killed. (Where this fails, the file stays behind.)
                let _ = std::fs::remove_file(&path);
                return Ok(file);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("no free name for a temporary file"))
}

#[cfg(test)]
mod spill_tests {
    use super::*;

    /// The ranges `from..to` of `pairs`.
    fn runs(pairs: &[(usize, usize)]) -> Vec<std::ops::Range<usize>> {
        pairs.iter().map(|&(from, to)| from..to).collect()
    }

    #[test]
    fn entries_come_back_in_order_from_memory_then_the_file() {
        let mut spill = Spill::new(10, None);
        spill
            .keep(b"abcdef".to_vec().into(), runs(&[(0, 2), (4, 6)]))
            .expect("held");
        spill
            .keep(b"ghij".to_vec().into(), runs(&[(1, 4)]))
            .expect("held: 10 bytes in all");
        assert!(spill.file.is_none());
        spill
            .keep(b"klm".to_vec().into(), runs(&[(0, 3)]))
            .expect("spilled");
        assert!(spill.file.is_some());
        spill
            .keep(b"nop".to_vec().into(), Vec::new())
            .expect("nothing");
        // Once the file is open, even a small batch goes there, after those before it.
        spill
            .keep(b"q".to_vec().into(), runs(&[(0, 1)]))
            .expect("spilled");
        assert_eq!(spill.held_bytes, 10);
        let mut out = Vec::new();
        spill.write_to(&mut out).expect("writes");
        assert_eq!(out, b"abefhijklmq");
    }

    #[test]
    fn blocks_keep_every_byte_in_order() {
        let text: Vec<u8> = (0..3 * BLOCK + 17).map(|i| (i % 251) as u8).collect();
        let mut blocks = Blocks::default();
        for piece in text.chunks(BLOCK / 3 + 5) {
            blocks.write_all(piece).expect("writes to memory");
        }
        assert_eq!(blocks.0.len(), 4);
        let mut out = Vec::new();
        blocks.write_to(&mut out).expect("writes to a Vec");
        assert_eq!(out, text);
        // Small writes (the lists' quotes and keys) and large ones mixed, across blocks'
        // ends: every byte once, in order, and no block past its size.
        let mut blocks = Blocks::default();
        let (mut rest, mut k) = (text.as_slice(), 0);
        while !rest.is_empty() {
            let size = [1, 2, 7, 0, 64, BLOCK / 2 + 3, 5][k % 7].min(rest.len());
            blocks.write_all(&rest[..size]).expect("writes to memory");
            rest = &rest[size..];
            k += 1;
        }
        assert!(blocks.0.iter().all(|b| b.len() <= BLOCK));
        let mut out = Vec::new();
        blocks.write_to(&mut out).expect("writes to a Vec");
        assert_eq!(out, text);
    }

    #[test]
    fn nothing_kept_writes_nothing() {
        let mut out = Vec::new();
        Spill::new(0, None).write_to(&mut out).expect("writes");
        assert!(out.is_empty());
    }
}
