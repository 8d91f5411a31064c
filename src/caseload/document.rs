//! A caseload document scanned but not yet read, and the parallel check that reads and
//! checks its matters on several threads at once.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use chrono::NaiveDate;

use super::check::{self, Merger, Outcome};
use super::input::{self, MatterInput};
use super::report::{CheckReport, InputError as Problem};
use super::scan::{self, CutMatter};
use super::{caseload_error, matter_parse_error, who, Caseload, CASELOAD_SCHEMA};
use crate::json_text::{self, at_text, Positions};
use crate::limits::Document;
use crate::{Calendar, Error, ErrorKind, Language, Limits, Policy, Result};

/// Matters handed to a worker at a time.
const CHUNK: usize = 1024;

/// The outcomes of a chunk of matters, and the bytes their entries were written into.
type Batch = (Vec<Outcome>, Vec<u8>);

/// A `duban-caseload/1` document whose header has been read and whose matters have been
/// delimited, but not yet read: each matter is read and checked only when
/// [`CaseloadDocument::check`] comes to it, possibly on another thread, and dropped right
/// after, so a check of a large caseload never holds every matter in memory at once.
///
/// The report is the same, byte for byte, as [`crate::check`] over
/// [`Caseload::from_json_with_limits`] of the same document, whatever the thread count.
///
/// ```
/// use duban::{Calendar, Caseload, CaseloadDocument, Limits, Policy};
/// let json = r#"{"schema": "duban-caseload/1", "as_of": "2022-02-07", "matters": [
///   {"id": "YB-1", "kind": "monthly_report", "unit": "市财政局", "sector": "经济", "month": "2022-01"},
///   {"id": "YB-2", "kind": "no_such_kind"}]}"#;
/// let (policy, cal) = (Policy::ankang_2020(), Calendar::china());
/// let doc = CaseloadDocument::scan(json.as_bytes())?;
/// let as_of = doc.as_of().unwrap();
/// let report = doc.check(&policy, &cal, as_of, 2)?;
/// assert_eq!(&*report.late_units[0].unit, "市财政局");
/// assert_eq!(report.errors[0].matter.as_deref(), Some("YB-2"));
///
/// let parsed = duban::check(&Caseload::from_json(json)?, &policy, &cal, as_of)?;
/// assert_eq!(report.matters, parsed.matters);
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct CaseloadDocument<'a> {
    pub(super) document: &'a [u8],
    pub(super) as_of: Option<NaiveDate>,
    pub(super) matters: Vec<std::result::Result<&'a [u8], CutMatter<'a>>>,
    /// Document-level problems found before the matters (unknown top-level fields).
    pub(super) head_errors: Vec<Problem>,
    /// A structural error after the matters (nothing after it was read).
    pub(super) tail_error: Option<Problem>,
    matter_bytes: usize,
}

impl<'a> CaseloadDocument<'a> {
    /// Scans `json` within the default [`Limits`].
    ///
    /// # Errors
    ///
    /// As [`Caseload::from_json`]: only when the document as a whole is not a caseload.
    ///
    /// ```
    /// let doc = duban::CaseloadDocument::scan(br#"{"schema": "duban-caseload/1", "matters": [{}, {}]}"#)?;
    /// assert_eq!(doc.len(), 2);
    /// assert!(duban::CaseloadDocument::scan(b"[1]").is_err());
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn scan(json: &'a [u8]) -> Result<CaseloadDocument<'a>> {
        CaseloadDocument::scan_with_limits(json, &Limits::default())
    }

    /// Scans `json` within `limits`.
    ///
    /// # Errors
    ///
    /// As [`Caseload::from_json_with_limits`].
    ///
    /// ```
    /// use duban::{CaseloadDocument, Limits};
    /// let mut limits = Limits::default();
    /// limits.matters = 1;
    /// let doc = br#"{"schema": "duban-caseload/1", "matters": [{}, {}]}"#;
    /// let err = CaseloadDocument::scan_with_limits(doc, &limits).unwrap_err();
    /// assert_eq!(err.kind(), duban::ErrorKind::LimitExceeded);
    /// ```
    pub fn scan_with_limits(json: &'a [u8], limits: &Limits) -> Result<CaseloadDocument<'a>> {
        Limits::check(
            Document::Caseload,
            u64::try_from(json.len()).unwrap_or(u64::MAX),
            limits.caseload_bytes,
        )?;
        let document = json;
        let scanned = scan::scan(document, limits.matters);
        if scanned.too_many_matters {
            return Err(crate::limits::too_many_matters(limits.matters));
        }
        let mut positions = Positions::new(document);
        if !scanned.has_matters {
            let fatal = scanned.fatal.map(|f| {
                let at = positions.at(f.at);
                (f, at)
            });
            return Err(not_a_caseload(fatal));
        }
        let mut head = Head::default();
        for (key, raw) in &scanned.fields {
            let field_at = || {
                let offset = (raw.as_ptr() as usize).saturating_sub(document.as_ptr() as usize);
                Some(Positions::new(document).at(offset))
            };
            head.field(key, raw, field_at)?;
        }
        let Head {
            schema_ok,
            as_of,
            errors,
        } = head;
        if !schema_ok {
            return Err(no_schema());
        }
        // A matter cut short already carries the scanner's reason; say it once.
        let last_matter_cut = matches!(scanned.matters.last(), Some(Err(_)));
        let tail_error = scanned.fatal.filter(|_| !last_matter_cut).map(|fatal| {
            let at = positions.at(fatal.at);
            malformed(&fatal, at)
        });
        Ok(CaseloadDocument {
            document,
            as_of,
            matters: scanned.matters,
            head_errors: errors,
            tail_error,
            matter_bytes: limits.matter_bytes,
        })
    }

    /// The document's `as_of` day, if it has one.
    ///
    /// ```
    /// let doc = duban::CaseloadDocument::scan(br#"{"schema": "duban-caseload/1", "as_of": "2024-01-02", "matters": []}"#)?;
    /// assert_eq!(doc.as_of(), Some(duban::parse_date("2024-01-02")?));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn as_of(&self) -> Option<NaiveDate> {
        self.as_of
    }

    /// How many matters the document lists (read or not; a matter cut short included).
    ///
    /// ```
    /// let doc = duban::CaseloadDocument::scan(br#"{"schema": "duban-caseload/1", "matters": []}"#)?;
    /// assert!(doc.is_empty());
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn len(&self) -> usize {
        self.matters.len()
    }

    /// Whether the document lists no matter.
    pub fn is_empty(&self) -> bool {
        self.matters.is_empty()
    }

    /// Reads every matter: the same as [`Caseload::from_json_with_limits`].
    ///
    /// ```
    /// let doc = duban::CaseloadDocument::scan(br#"{"schema": "duban-caseload/1", "matters": [{"id": "x"}]}"#)?;
    /// let caseload = doc.read();
    /// assert_eq!(caseload.errors()[0].matter.as_deref(), Some("x"));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn read(&self) -> Caseload {
        let mut positions = Positions::new(self.document);
        let mut matters = Vec::with_capacity(self.matters.len());
        let mut errors = self.head_errors.clone();
        for index in 0..self.matters.len() {
            match self.read_matter(index, &mut positions) {
                Ok(m) => matters.push((index, m)),
                Err(e) => errors.push(e),
            }
        }
        errors.extend(self.tail_error.clone());
        input::forget_names();
        Caseload {
            as_of: self.as_of,
            matters,
            errors,
        }
    }

    /// Reads the matter at `index`; `positions` is reused across calls in increasing order.
    pub(super) fn read_matter(
        &self,
        index: usize,
        positions: &mut Positions<'a>,
    ) -> std::result::Result<MatterInput, Problem> {
        let document = self.document;
        match self.matters.get(index) {
            None => Err(Problem::new(
                index,
                None,
                "document",
                format!("第{}个事项不存在", index + 1),
                format!("there is no matter #{}", index + 1),
            )),
            Some(Ok(raw)) => {
                let base = (raw.as_ptr() as usize).saturating_sub(document.as_ptr() as usize);
                read_raw_matter(index, raw, None, base, self.matter_bytes, positions)
            }
            Some(Err((partial, why))) => Err(cut(index, partial, why, positions.at(why.at))),
        }
    }

    /// Reads and checks every matter on `as_of` under `policy` and `calendar`, on up to
    /// `threads` threads (0: one per core; 1: on the calling thread only). Each matter is
    /// dropped once checked; the report is the same whatever the thread count.
    ///
    /// # Errors
    ///
    /// As [`crate::check`]: `OutsideCoverage` when `as_of` itself is outside the calendar.
    ///
    /// ```
    /// use duban::{Calendar, CaseloadDocument, Explanations, Language, Policy};
    /// let json = br#"{"schema": "duban-caseload/1", "matters": [
    ///   {"id": "YB-1", "kind": "monthly_report", "unit": "u", "sector": "s", "month": "2022-01"}]}"#;
    /// let (policy, cal) = (Policy::ankang_2020(), Calendar::china());
    /// let doc = CaseloadDocument::scan(json)?;
    /// let as_of = duban::parse_date("2022-02-07")?;
    /// let (mut one, mut all) = (Vec::new(), Vec::new());
    /// doc.check(&policy, &cal, as_of, 1)?.write_json(&mut one, Language::Chinese, Explanations::Omit).unwrap();
    /// doc.check(&policy, &cal, as_of, 0)?.write_json(&mut all, Language::Chinese, Explanations::Omit).unwrap();
    /// assert_eq!(one, all);
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn check(
        &self,
        policy: &Policy,
        calendar: &Calendar,
        as_of: NaiveDate,
        threads: usize,
    ) -> Result<CheckReport> {
        let mut merger = Merger::new(policy, calendar, as_of, self.matters.len())?;
        merger.errors(self.head_errors.iter().cloned());
        let outcome = |positions: &mut Positions<'a>, index: usize, _: &mut Vec<u8>| match self
            .read_matter(index, positions)
        {
            Ok(matter) => check::check_one(index, &matter, policy, calendar, as_of),
            Err(e) => Outcome::unread(e),
        };
        let result = in_order(
            self.matters.len(),
            threads,
            || Positions::new(self.document),
            outcome,
            &mut merger,
        );
        input::forget_names();
        result?;
        Ok(merger.finish(self.tail_error.clone()))
    }
}

/// What the top-level fields other than `matters` say, read one at a time.
#[derive(Default)]
pub(super) struct Head {
    pub(super) schema_ok: bool,
    pub(super) as_of: Option<NaiveDate>,
    /// Unknown fields, ignored.
    pub(super) errors: Vec<Problem>,
}

impl Head {
    /// Reads the field `key` of raw value `raw` (at the position `field_at` gives): an
    /// error if it makes the document no caseload.
    pub(super) fn field(
        &mut self,
        key: &str,
        raw: &[u8],
        field_at: impl Fn() -> Option<crate::Position>,
    ) -> Result<()> {
        match key {
            "schema" => {
                let tag: Option<String> = serde_json::from_slice(raw).ok();
                if tag.as_deref() != Some(CASELOAD_SCHEMA) {
                    let at = field_at();
                    let (at_zh, at_en) = at_text(at);
                    return Err(caseload_error(
                        format!("“schema”字段应为“{CASELOAD_SCHEMA}”{at_zh}"),
                        format!("`schema` must be {CASELOAD_SCHEMA:?}{at_en}"),
                    )
                    .with_position(at));
                }
                self.schema_ok = true;
            }
            "as_of" => {
                let parsed = serde_json::from_slice::<String>(raw)
                    .map_err(|e| json_text::translate(&e))
                    .and_then(|text| {
                        crate::parse_date(&text).map_err(|e| {
                            (
                                e.message(Language::Chinese).to_owned(),
                                e.message(Language::English).to_owned(),
                            )
                        })
                    });
                match parsed {
                    Ok(date) => self.as_of = Some(date),
                    Err((zh, en)) => {
                        let at = field_at();
                        let (at_zh, at_en) = at_text(at);
                        return Err(caseload_error(
                            format!("“as_of”字段无效{at_zh}：{zh}"),
                            format!("invalid `as_of`{at_en}: {en}"),
                        )
                        .with_position(at));
                    }
                }
            }
            "title" | "description" | "generated_by" => {}
            other => self.errors.push(Problem::new(
                None,
                None,
                "document",
                format!("未知的顶层字段“{other}”，已忽略"),
                format!("unknown top-level field {other:?}, ignored"),
            )),
        }
        Ok(())
    }
}

/// The error of a document without a `schema` field.
pub(super) fn no_schema() -> Error {
    caseload_error(
        format!("缺少“schema”字段（应为“{CASELOAD_SCHEMA}”）"),
        format!("the `schema` field is missing (expected {CASELOAD_SCHEMA:?})"),
    )
}

/// The error of a document that is not a caseload at all: `fatal`, the structural error
/// that stopped its scan, and where, or none when it has no `matters` field.
pub(super) fn not_a_caseload(fatal: Option<(scan::ScanError, crate::Position)>) -> Error {
    let (why_zh, why_en, at) = match fatal {
        Some((fatal, at)) => {
            let (zh, en) = fatal.text();
            (zh, en, Some(at))
        }
        None => (
            "缺少“matters”字段".to_owned(),
            "no `matters` field".to_owned(),
            None,
        ),
    };
    let (at_zh, at_en) = at_text(at);
    caseload_error(
        format!("不是有效的事项清单（{CASELOAD_SCHEMA}）{at_zh}：{why_zh}"),
        format!("not a {CASELOAD_SCHEMA} document{at_en}: {why_en}"),
    )
    .with_position(at)
}

/// The document-level error of a structural error `fatal` at `at` after the matters.
pub(super) fn malformed(fatal: &scan::ScanError, at: crate::Position) -> Problem {
    let (at_zh, at_en) = at_text(Some(at));
    let (why_zh, why_en) = fatal.text();
    Problem::new(
        None,
        None,
        "document",
        format!("文档结构有误{at_zh}，其后的内容未能读取：{why_zh}"),
        format!("the document is malformed{at_en}; nothing after this point was read: {why_en}"),
    )
}

/// Reads matter `index` from its bytes `raw`, found at offset `base` of the document that
/// `positions` covers (`text`: the same bytes, when already known to be UTF-8): an entry too
/// large for the limit `matter_bytes`, or one serde cannot read, is the matter's problem,
/// placed by line and column.
pub(super) fn read_raw_matter(
    index: usize,
    raw: &[u8],
    text: Option<&str>,
    base: usize,
    matter_bytes: usize,
    positions: &mut Positions<'_>,
) -> std::result::Result<MatterInput, Problem> {
    if raw.len() > matter_bytes {
        return Err(too_large(index, raw, matter_bytes));
    }
    // Nearly every matter is plain enough for the quick reader; it declines the others
    // (and every error) to serde, whose reading it matches.
    let text = text.or_else(|| std::str::from_utf8(raw).ok());
    if let Some(matter) = text.and_then(super::quick::read_matter) {
        return Ok(matter);
    }
    let read = match text {
        Some(text) => serde_json::from_str::<MatterInput>(text),
        None => serde_json::from_slice::<MatterInput>(raw),
    };
    read.map_err(|e| {
        let at = positions
            .offset_of(base, raw, &e)
            .map(|offset| positions.at(offset));
        matter_parse_error(index, raw, &e, at)
    })
}

/// The error of the matter at `index`, `raw`, larger than `limit` bytes.
pub(super) fn too_large(index: usize, raw: &[u8], limit: usize) -> Problem {
    let id = scan::top_level_id(raw);
    let (who_zh, who_en) = who(index, id.as_deref());
    let (zh, en) = crate::limits::matter_too_large(&who_zh, &who_en, raw.len(), limit);
    Problem::new(index, id, "too_large", zh, en)
}

/// The error of the matter at `index` the document ends or breaks inside (`partial` its
/// bytes read, `why` the reason, found at `at`).
pub(super) fn cut(
    index: usize,
    partial: &[u8],
    why: &scan::ScanError,
    at: crate::Position,
) -> Problem {
    let id = scan::top_level_id(partial);
    let (who_zh, who_en) = who(index, id.as_deref());
    let (at_zh, at_en) = at_text(Some(at));
    let (why_zh, why_en) = why.text();
    Problem::new(
        index,
        id,
        "truncated",
        format!("{who_zh}不完整{at_zh}：{why_zh}"),
        format!("{who_en} is incomplete{at_en}: {why_en}"),
    )
}

/// The number of threads `threads` asks for: 0 is one per core.
pub(super) fn thread_count(threads: usize) -> usize {
    match threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
}

/// Computes `outcome(state, i, bytes)` for every `i` in `0..n`, on up to `threads` threads
/// (each with its own `state`, and its indices in increasing order), and hands the outcomes
/// to `merger` in the order of `i`, each with the `bytes` of its batch (what `outcome`
/// wrote there for the batch's matters).
pub(super) fn in_order<S, F>(
    n: usize,
    threads: usize,
    state: impl Fn() -> S + Sync,
    outcome: F,
    merger: &mut Merger,
) -> Result<()>
where
    F: Fn(&mut S, usize, &mut Vec<u8>) -> Outcome + Sync,
{
    let workers = thread_count(threads).min(n.div_ceil(CHUNK));
    if workers <= 1 {
        let mut state = state();
        let mut bytes = Vec::new();
        for i in 0..n {
            bytes.clear();
            let o = outcome(&mut state, i, &mut bytes);
            merger.push(o);
        }
        return Ok(());
    }
    let next = AtomicUsize::new(0);
    let mut merged = 0;
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel::<(usize, Batch)>();
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, state, outcome) = (&next, &state, &outcome);
            scope.spawn(move || {
                let mut state = state();
                loop {
                    let chunk = next.fetch_add(1, Ordering::Relaxed);
                    let start = chunk.saturating_mul(CHUNK);
                    if start >= n {
                        break;
                    }
                    let end = start.saturating_add(CHUNK).min(n);
                    let mut bytes = Vec::new();
                    let done = (start..end)
                        .map(|i| outcome(&mut state, i, &mut bytes))
                        .collect();
                    if tx.send((chunk, (done, bytes))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        // Chunks arrive in any order; each is merged once those before it are.
        let mut waiting: BTreeMap<usize, Batch> = BTreeMap::new();
        for (chunk, done) in rx {
            waiting.insert(chunk, done);
            while let Some((done, _bytes)) = waiting.remove(&merged) {
                for o in done {
                    merger.push(o);
                }
                merged += 1;
            }
        }
    });
    if merged.saturating_mul(CHUNK) < n {
        return Err(Error::new(
            ErrorKind::InvalidCaseload,
            format!("并行检查未能完成：{n} 个事项中只合并了前 {merged} 批"),
            format!("the parallel check did not finish: only {merged} batches of {n} matters were merged"),
        ));
    }
    Ok(())
}
