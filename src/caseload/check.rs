//! The batch check: each matter's obligations and statuses, and what the regulation derives
//! from them across the caseload.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{BuildHasher, BuildHasherDefault, RandomState};
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};

use super::input::{
    EventInput, EventName, MatterInput, MatterKind, PlanListing, Progress, UnitKind,
};
use super::lookup::ReportedItems;
use super::report::*;
use super::Caseload;
use crate::{
    AccountabilityEvent, AccountabilityState, AnnualPlan, Calendar, Deadline, Error, ErrorKind,
    EscalationEvent, EscalationFlow, EscalationState, Grade, InspectionEvent, InspectionState,
    Language, MatterSource, Obligation, Policy, Quarter, Remedy, ReportEvent, ReportState, Result,
    ReturnReason, Status, SupplementCredit, Workflow,
};

/// A matter-level problem, before it becomes an [`InputError`].
struct Problem {
    code: &'static str,
    zh: String,
    en: String,
}

impl Problem {
    fn new(code: &'static str, zh: impl Into<String>, en: impl Into<String>) -> Problem {
        Problem {
            code,
            zh: zh.into(),
            en: en.into(),
        }
    }
}

impl From<Error> for Problem {
    fn from(e: Error) -> Problem {
        let code = match e.kind() {
            ErrorKind::OutsideCoverage => "outside_coverage",
            ErrorKind::PolicyNotInForce => "policy_not_in_force",
            ErrorKind::IllegalTransition => "illegal_transition",
            _ => "invalid_value",
        };
        Problem::new(
            code,
            e.message(Language::Chinese),
            e.message(Language::English),
        )
    }
}

fn missing(field: &str, kind: MatterKind) -> Problem {
    Problem::new(
        "missing_field",
        format!("{} 类事项缺少字段“{field}”", kind.code()),
        format!("a {} matter needs the field `{field}`", kind.code()),
    )
}

fn not_allowed(event: &EventInput, index: usize, kind: MatterKind, allowed: &str) -> Problem {
    let name = event_name(event.event);
    Problem::new(
        "event_not_allowed",
        format!(
            "第{}个事件“{name}”不适用于 {} 类事项（可用：{allowed}）",
            index + 1,
            kind.code()
        ),
        format!(
            "event {} `{name}` is not an event of a {} matter (allowed: {allowed})",
            index + 1,
            kind.code()
        ),
    )
}

pub(crate) fn event_name(e: EventName) -> String {
    serde_json::to_value(e)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// What checking one matter yields.
struct Checked<'a> {
    report: MatterReport,
    /// For progress reports: the latest submission on or before the as-of day that was not
    /// returned (the one the quarterly bands use).
    latest_submission: Option<&'a EventInput>,
    return_required: Option<ReturnRequired>,
    violations: Vec<InspectionViolation>,
    findings: Vec<Finding>,
    /// For the year-end summary: (commended, interview day, day graded poor).
    commended: bool,
    interviewed_on: Option<NaiveDate>,
    graded_poor_on: Option<NaiveDate>,
    /// The positions of the events taken as facts the regulation did not permit (an
    /// unplanned inspection started without approval, and what came after it): the check
    /// records them and reports the violation; they are never among the allowed next steps.
    unpermitted: Vec<usize>,
}

/// The kind of body a matter's unit is: a quarterly ledger's unit is an office section by
/// definition (Art. 7); other matters say so in `unit_kind`, or default to a 责任单位.
fn unit_kind(m: &MatterInput) -> std::result::Result<UnitKind, Problem> {
    match (m.kind, m.unit_kind) {
        (MatterKind::QuarterlyReport, None | Some(UnitKind::OfficeSection)) => {
            Ok(UnitKind::OfficeSection)
        }
        (MatterKind::QuarterlyReport, Some(other)) => Err(Problem::new(
            "invalid_value",
            format!(
                "季度督查台账由市政府办公室科室报送（第七条），字段“unit_kind”不能为“{}”（{}）",
                other.code(),
                other.label(Language::Chinese)
            ),
            format!(
                "a quarterly ledger is kept by an office section (Art. 7); its unit_kind cannot be {}",
                other.code()
            ),
        )),
        (_, Some(kind)) => Ok(kind),
        (_, None) => Ok(UnitKind::CityDepartment),
    }
}

/// What checking one matter yields, owning everything the ordered merge needs: computed on
/// any thread, merged in input order by [`Merger::push`].
pub(crate) struct Outcome {
    /// The matter's position in `matters`.
    index: usize,
    /// The hash of `id` under [`Merger::id_hasher`], when computed where the matter was
    /// checked.
    id_hash: Option<u64>,
    /// The id, when the matter could be read (a read matter takes part in the duplicate-id
    /// test whether or not its check succeeded).
    id: Option<Arc<str>>,
    result: std::result::Result<Box<Done>, InputError>,
}

/// A matter checked without error.
pub(crate) struct Done {
    report: MatterReport,
    /// A progress report with an overdue or late obligation, and whether its unit is a
    /// 责任单位 (else an office section).
    late: Option<bool>,
    year: Option<i32>,
    commended: bool,
    interviewed_on: Option<NaiveDate>,
    graded_poor_on: Option<NaiveDate>,
    findings: Vec<Finding>,
    /// A quarterly ledger's items: completed, progressing well, slowly, not reported.
    bands: Option<(Quarter, [Vec<ItemRef>; 4])>,
    return_required: Option<ReturnRequired>,
    violations: Vec<InspectionViolation>,
    /// Once written out by [`Outcome::write_entry`]: where the matter's entry of the report
    /// (after its separator) is in the batch's bytes, and its obligations counted (the
    /// report keeps none).
    entry: Option<(std::ops::Range<usize>, Summary)>,
}

impl Outcome {
    /// Hashes the matter's id with `hasher` ([`Merger::id_hasher`]), so that the merge,
    /// which runs on one thread, does not.
    pub(crate) fn hash_id(&mut self, hasher: &RandomState) {
        self.id_hash = self.id.as_deref().map(|id| hasher.hash_one(id));
    }

    /// Writes the checked matter's entry of the JSON report at the end of `bytes` with
    /// `writer` (see [`super::output::write_matter_entry`]) and keeps only what the merge
    /// needs; a matter not checked is left as it is.
    pub(crate) fn write_entry(
        &mut self,
        bytes: &mut super::output::Entries,
        writer: &mut super::output::EntryWriter<'_>,
    ) -> std::io::Result<()> {
        let Ok(done) = &mut self.result else {
            return Ok(());
        };
        let start = bytes.len();
        // Every entry after its separator, as if not the first: see `Streamed::flush`.
        bytes.extend_from_slice(super::output::matter_separator(false));
        writer.write(&done.report, bytes)?;
        let mut counts = Summary::default();
        for o in &done.report.obligations {
            counts.count(&o.status);
        }
        done.report.obligations = Vec::new();
        done.entry = Some((start..bytes.len(), counts));
        Ok(())
    }

    /// A matter that could not be read at all.
    pub(crate) fn unread(error: InputError) -> Outcome {
        Outcome {
            index: error.index.unwrap_or_default(),
            id_hash: None,
            id: None,
            result: Err(error),
        }
    }
}

/// What the regulation says about one matter on the as-of day: where its workflow stands,
/// its obligations with their deadlines and statuses, and the findings its state implies
/// (returns to make, inspection violations, other findings). The caseload check builds each
/// matter's report from it ([`check_one`]), and [`next_step`](super::next_step) answers
/// from it, so the two cannot disagree.
pub(crate) struct Assessment<'a> {
    checked: Checked<'a>,
    unit_kind: UnitKind,
}

impl Assessment<'_> {
    /// The matter's report: its state and its obligations.
    pub(crate) fn report(&self) -> &MatterReport {
        &self.checked.report
    }

    /// The obligations not yet met on the as-of day.
    pub(crate) fn open(&self) -> impl Iterator<Item = &ObligationReport> {
        self.checked
            .report
            .obligations
            .iter()
            .filter(|o| !matches!(o.status, Status::MetOnTime { .. } | Status::MetLate { .. }))
    }

    /// The return the latest submission calls for, if any (Art. 9).
    pub(crate) fn return_required(&self) -> Option<&ReturnRequired> {
        self.checked.return_required.as_ref()
    }

    /// The inspection's violations (Art. 10).
    pub(crate) fn violations(&self) -> &[InspectionViolation] {
        &self.checked.violations
    }

    /// The other findings about the matter.
    pub(crate) fn findings(&self) -> &[Finding] {
        &self.checked.findings
    }

    /// Whether the event at `index` was taken only as a fact the regulation did not permit
    /// (it is recorded, and reported as a violation; it was not an allowed step).
    pub(crate) fn unpermitted(&self, index: usize) -> bool {
        self.checked.unpermitted.contains(&index)
    }
}

/// Assesses one matter read from the input (`index` is its position in `matters`), on the
/// events dated on or before `as_of`; the matter's input error when the regulation refuses
/// it.
pub(crate) fn assess<'a>(
    index: usize,
    matter: &'a MatterInput,
    policy: &Policy,
    calendar: &Calendar,
    as_of: NaiveDate,
) -> std::result::Result<Assessment<'a>, InputError> {
    check_matter(matter, policy, calendar, as_of)
        .and_then(|checked| unit_kind(matter).map(|unit_kind| Assessment { checked, unit_kind }))
        .map_err(|p| InputError::new(index, Some(matter.id.to_string()), p.code, p.zh, p.en))
}

/// Checks one matter read from the input (`index` is its position in `matters`): its
/// [`Assessment`], and what the merge needs of it.
pub(crate) fn check_one(
    index: usize,
    matter: &MatterInput,
    policy: &Policy,
    calendar: &Calendar,
    as_of: NaiveDate,
) -> Outcome {
    let result = match assess(index, matter, policy, calendar, as_of) {
        Err(e) => Err(e),
        Ok(Assessment {
            checked,
            unit_kind: kind,
        }) => {
            let late = (matter.kind.is_progress_report()
                && checked
                    .report
                    .obligations
                    .iter()
                    .any(|o| o.status.is_late()))
            .then(|| kind.is_responsible_unit());
            let bands = match (matter.kind, matter.quarter) {
                (MatterKind::QuarterlyReport, Some(quarter)) => {
                    Some((quarter, band_items(matter, checked.latest_submission)))
                }
                _ => None,
            };
            Ok(Box::new(Done {
                report: checked.report,
                late,
                year: matter.year,
                commended: checked.commended,
                interviewed_on: checked.interviewed_on,
                graded_poor_on: checked.graded_poor_on,
                findings: checked.findings,
                bands,
                return_required: checked.return_required,
                violations: checked.violations,
                entry: None,
            }))
        }
    };
    Outcome {
        index,
        id_hash: None,
        id: Some(matter.id.clone()),
        result,
    }
}

/// Gathers the outcomes of the matters, in input order, into a report.
pub(crate) struct Merger {
    report: CheckReport,
    seen: Ids,
    late: HashMap<Arc<str>, Vec<Arc<str>>>,
    late_sections: HashMap<Arc<str>, Vec<Arc<str>>>,
    bands: BTreeMap<(Quarter, Arc<str>), QuarterBands>,
    threshold: u32,
    /// The entries of matters written out by [`Outcome::write_entry`], in order.
    streamed: Option<Streamed>,
}

/// Where the merge puts the entries of matters already written out, and what it counted
/// of them.
pub(crate) struct Streamed {
    /// The entries, each after its separator ([`super::output::matter_separator`]).
    pub(crate) sink: super::stream::Spill,
    /// The matters and obligations they hold.
    pub(crate) counts: Summary,
    /// The first error writing to `sink` (nothing more is written after it).
    pub(crate) error: Option<std::io::Error>,
    /// Whether an entry was written (the first drops its separator's comma).
    written: bool,
    /// Entries of the current batch merged but not yet handed to `sink`: ranges of its
    /// bytes (consecutive entries make one range).
    runs: Vec<std::ops::Range<usize>>,
}

impl Streamed {
    /// Hands the current batch's merged entries, of its `bytes`, to the sink.
    fn end_batch(&mut self, bytes: super::output::Entries) {
        let mut runs = std::mem::take(&mut self.runs);
        if self.error.is_some() || runs.is_empty() {
            return;
        }
        // Each entry comes after the separator of one not the first: the very first entry
        // of the report drops its comma (see `output::matter_separator`).
        if !self.written {
            self.written = true;
            if let Some(first) = runs.first_mut() {
                first.start = first.start.saturating_add(1).min(first.end);
            }
        }
        self.error = self.sink.keep(bytes, runs).err();
    }
}

/// The ids seen, for the duplicate test: each under a hash that the threads checking the
/// matters may compute ([`Outcome::hash_id`]), its text kept in blocks of bytes (a few
/// bytes an id, not an allocation each); two different ids of one hash are told apart by
/// their text.
struct Ids {
    hasher: RandomState,
    /// The low 32 bits of a hash to where the text of the first id of those bits is in
    /// `blocks` (eight bytes an id: a million ids' tables are cache misses and fresh
    /// memory), in [`ID_TABLES`] tables by bits 32 to 39 of the hash ([`ID_TABLE_OF`]):
    /// each grows on its own and at its own time, so that growing one (rehashing every id
    /// in it, on the merging thread) holds up the pipeline a sixteenth of the time growing
    /// one table for all would.
    first: Vec<HashMap<u32, u32, BuildHasherDefault<Hashed>>>,
    /// The texts: in each block, a length (4 bytes) and the text, one after another.
    blocks: Vec<Vec<u8>>,
    /// Ids whose hash bits are those of another id seen first (about one in ten thousand
    /// at a million ids), ids too long for a block, and ids past 4 GiB of them.
    others: HashSet<Arc<str>>,
}

/// Bytes in a block of id texts (a place in the blocks is a block's number and an offset
/// in it: [`ID_OFFSET_BITS`] bits of offset).
const ID_BLOCK: usize = 1 << ID_OFFSET_BITS;

/// The bits of a place in the id blocks that are an offset in its block.
const ID_OFFSET_BITS: u32 = 20;

/// The tables of [`Ids`].
const ID_TABLES: usize = 16;

/// Which table of [`Ids`] takes an id, by eight bits of its hash: table `k` takes a
/// share of them growing with `k` (`15 + k` in 360), so that the tables fill at rates a
/// factor of two apart and reach the load that makes them grow at different times (at
/// equal shares, all sixteen would grow together and stall the merge as one table does).
const ID_TABLE_OF: [u8; 256] = {
    let mut of = [0u8; 256];
    let mut x = 0;
    while x < 256 {
        let (mut k, mut below) = (0, 0);
        while k + 1 < ID_TABLES && (below + 15 + k) * 256 <= x * 360 {
            below += 15 + k;
            k += 1;
        }
        of[x] = k as u8;
        x += 1;
    }
    of
};

impl Ids {
    fn with_capacity(n: usize) -> Ids {
        Ids {
            hasher: RandomState::new(),
            first: (0..ID_TABLES)
                .map(|_| {
                    HashMap::with_capacity_and_hasher(n / ID_TABLES, BuildHasherDefault::default())
                })
                .collect(),
            blocks: Vec::new(),
            others: HashSet::new(),
        }
    }

    /// The text kept at `at`.
    fn text(&self, at: u32) -> &[u8] {
        let block = (at >> ID_OFFSET_BITS) as usize;
        let offset = (at & ((1 << ID_OFFSET_BITS) - 1)) as usize;
        let Some(block) = self.blocks.get(block) else {
            return &[];
        };
        let mut len = [0u8; 4];
        len.copy_from_slice(block.get(offset..offset + 4).unwrap_or(&[0; 4]));
        let len = u32::from_le_bytes(len) as usize;
        block.get(offset + 4..offset + 4 + len).unwrap_or_default()
    }

    /// Keeps `text` (at most a block less 4 bytes), and says where; none once the blocks
    /// hold 4 GiB.
    fn keep(&mut self, text: &[u8]) -> Option<u32> {
        let need = text.len() + 4;
        if self
            .blocks
            .last()
            .map_or(true, |b| b.len() + need > ID_BLOCK)
        {
            if self.blocks.len() >= 1 << (32 - ID_OFFSET_BITS) {
                return None;
            }
            self.blocks.push(Vec::with_capacity(ID_BLOCK));
        }
        let index = u32::try_from(self.blocks.len().checked_sub(1)?).ok()?;
        let block = self.blocks.last_mut()?;
        let offset = u32::try_from(block.len()).ok()?;
        block.extend_from_slice(&u32::try_from(text.len()).ok()?.to_le_bytes());
        block.extend_from_slice(text);
        Some(index << ID_OFFSET_BITS | offset)
    }

    /// The table of ids of hash `hash`: by bits a table of fewer than 2^32 buckets uses
    /// neither for a bucket (the low ones) nor for its tags (the top seven).
    fn table_of(hash: u64) -> usize {
        usize::from(ID_TABLE_OF[usize::from((hash >> 32) as u8)])
    }

    /// Adds `id` (of hash `hash` under `self.hasher`, if known): false if it was seen.
    fn insert(&mut self, id: &Arc<str>, hash: Option<u64>) -> bool {
        if id.len() + 4 > ID_BLOCK {
            return self.others.insert(id.clone());
        }
        let hash = hash.unwrap_or_else(|| self.hasher.hash_one(&**id));
        let table = Ids::table_of(hash);
        let key = hash as u32;
        match self.first.get(table).and_then(|t| t.get(&key)).copied() {
            Some(at) if self.text(at) == id.as_bytes() => false,
            // Another id of those hash bits was first: this one is kept whole.
            Some(_) => self.others.insert(id.clone()),
            None => {
                let at = self.keep(id.as_bytes());
                match (at, self.first.get_mut(table)) {
                    (Some(at), Some(first)) => first.insert(key, at).is_none(),
                    _ => self.others.insert(id.clone()),
                }
            }
        }
    }
}

/// A hasher for keys that are already hashes (under a randomly keyed hasher).
#[derive(Default)]
struct Hashed(u64);

impl std::hash::Hasher for Hashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }

    fn write_u32(&mut self, n: u32) {
        // Bits of a hash already, spread over the word: the table takes its tags from the
        // top bits.
        self.0 = u64::from(n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

impl Merger {
    /// A merger for a check on `as_of`, which must be a day the calendar answers.
    pub(crate) fn new(
        policy: &Policy,
        calendar: &Calendar,
        as_of: NaiveDate,
        matters: usize,
    ) -> Result<Merger> {
        // The as-of day must be answerable: every status is counted from it.
        calendar.is_workday(as_of)?;
        let mut report = CheckReport::new(as_of, policy, calendar);
        report.matters.reserve_exact(matters);
        Ok(Merger {
            report,
            seen: Ids::with_capacity(matters),
            late: HashMap::new(),
            late_sections: HashMap::new(),
            bands: BTreeMap::new(),
            threshold: policy.parameters.late_reports_for_key_supervision.value,
            streamed: None,
        })
    }

    /// A merger that writes the entries of matters written out by [`Outcome::write_entry`]
    /// to `sink` instead of keeping their reports.
    pub(crate) fn streaming(mut self, sink: super::stream::Spill) -> Merger {
        self.report.matters = Vec::new();
        self.streamed = Some(Streamed {
            sink,
            counts: Summary::default(),
            error: None,
            written: false,
            runs: Vec::new(),
        });
        self
    }

    /// Input errors found before the check (reading the document and its matters).
    pub(crate) fn errors(&mut self, errors: impl IntoIterator<Item = InputError>) {
        self.report.errors.extend(errors);
    }

    /// Adds the next matter's outcome; outcomes must come in input order (an entry written
    /// out goes with its batch's bytes to [`Merger::end_batch`]).
    pub(crate) fn push(&mut self, outcome: Outcome) {
        let Outcome {
            index,
            id_hash,
            id,
            result,
        } = outcome;
        if let Some(id) = &id {
            if !self.seen.insert(id, id_hash) {
                self.report.errors.push(InputError::new(
                    index,
                    Some(id.to_string()),
                    "duplicate_id",
                    format!("事项编号“{id}”重复；只检查第一次出现的事项"),
                    format!(
                        "duplicate id {:?}; only its first occurrence is checked",
                        id
                    ),
                ));
                return;
            }
        }
        // Read in its box, its lists taken out: a `Done` is a few hundred bytes, and moving
        // each out of its box was a copy of them all a matter.
        let mut done = match result {
            Err(e) => {
                self.report.errors.push(e);
                return;
            }
            Ok(done) => done,
        };
        let (findings, bands) = (std::mem::take(&mut done.findings), done.bands.take());
        let (returned, violations) = (
            done.return_required.take(),
            std::mem::take(&mut done.violations),
        );
        let m = &done.report;
        if let Some(responsible) = done.late {
            // Key supervision is for 责任单位; a section's late ledger is reported apart
            // (Art. 12 (3), Art. 2, 7).
            let into = if responsible {
                &mut self.late
            } else {
                &mut self.late_sections
            };
            into.entry(m.unit.clone()).or_default().push(m.id.clone());
        }
        let year = self.report.year_end.year;
        let entry = |on| SummaryEntry {
            unit: m.unit.clone(),
            matter: m.id.clone(),
            on,
        };
        let year_end = &mut self.report.year_end;
        if done.commended && done.year == Some(year) {
            year_end.commended.push(entry(None));
        }
        if let Some(on) = done.interviewed_on.filter(|d| d.year() == year) {
            year_end.interviewed.push(entry(Some(on)));
        }
        if let Some(on) = done.graded_poor_on.filter(|d| d.year() == year) {
            year_end.criticised.push(entry(Some(on)));
        }
        self.report.findings.extend(findings);
        if let Some((quarter, [completed, well, slowly, not_reported])) = bands {
            let entry = self
                .bands
                .entry((quarter, m.sector.clone()))
                .or_insert_with(|| QuarterBands::new(quarter, &m.sector));
            entry.completed.extend(completed);
            entry.progressing_well.extend(well);
            entry.progressing_slowly.extend(slowly);
            entry.not_reported.extend(not_reported);
        }
        if let Some(r) = returned {
            self.report.returns.push(r);
        }
        self.report.inspection_violations.extend(violations);
        match (done.entry.take(), &mut self.streamed) {
            (Some((range, counts)), Some(streamed)) => {
                streamed.counts.checked += 1;
                streamed.counts.add_obligations(&counts);
                match streamed.runs.last_mut() {
                    Some(run) if run.end == range.start => run.end = range.end,
                    _ => streamed.runs.push(range),
                }
            }
            _ => self.report.matters.push(done.report),
        }
    }

    /// The end of a batch: its entries merged, with its `bytes`, go to the sink (the next
    /// batch's bytes are others).
    pub(crate) fn end_batch(&mut self, bytes: super::output::Entries) {
        if let Some(streamed) = &mut self.streamed {
            streamed.end_batch(bytes);
        }
    }

    /// The hasher of ids: [`Outcome::hash_id`] with it where matters are checked spares
    /// the merge the hashing.
    pub(crate) fn id_hasher(&self) -> RandomState {
        self.seen.hasher.clone()
    }

    /// The report, once every outcome is in; `tail` is a document-level error found after
    /// the matters.
    pub(crate) fn finish(self, tail: Option<InputError>) -> CheckReport {
        self.finish_streamed(tail).0
    }

    /// [`Merger::finish`], and the entries written out (counted in the report's summary).
    pub(crate) fn finish_streamed(
        self,
        tail: Option<InputError>,
    ) -> (CheckReport, Option<Streamed>) {
        let Merger {
            mut report,
            late,
            late_sections,
            bands,
            threshold,
            streamed,
            ..
        } = self;
        report.errors.extend(tail);
        report.late_units = late
            .into_iter()
            .map(|(unit, matters)| LateUnit {
                key_supervision_trigger: matters.len() as u64 >= u64::from(threshold),
                late_reports: matters.len(),
                unit,
                matters,
            })
            .collect();
        report
            .late_units
            .sort_unstable_by(|a, b| a.unit.cmp(&b.unit));
        report.late_sections = late_sections
            .into_iter()
            .map(|(unit, matters)| LateUnit {
                key_supervision_trigger: false,
                late_reports: matters.len(),
                unit,
                matters,
            })
            .collect();
        report
            .late_sections
            .sort_unstable_by(|a, b| a.unit.cmp(&b.unit));
        report.quarterly_bands = bands.into_values().collect();
        report.errors.sort_by_key(|e| e.index);
        report.summarise();
        if let Some(streamed) = &streamed {
            report.summary.add_checked(&streamed.counts);
        }
        (report, streamed)
    }
}

pub(crate) fn run(
    caseload: &Caseload,
    policy: &Policy,
    calendar: &Calendar,
    as_of: NaiveDate,
) -> Result<CheckReport> {
    let mut merger = Merger::new(policy, calendar, as_of, caseload.matters.len())?;
    merger.errors(caseload.errors.iter().cloned());
    for (index, matter) in &caseload.matters {
        merger.push(check_one(*index, matter, policy, calendar, as_of));
    }
    Ok(merger.finish(None))
}

/// Sorts the quarter's decided items into Art. 7's three bands, and those not reported.
fn band_items(matter: &MatterInput, reported: Option<&EventInput>) -> [Vec<ItemRef>; 4] {
    let reported = ReportedItems::new(reported.and_then(|e| e.items.as_deref()).unwrap_or(&[]));
    let mut bands: [Vec<ItemRef>; 4] = Default::default();
    for item in &matter.items {
        let progress = reported.get(&item.id).map(|r| r.progress);
        let entry = ItemRef {
            matter: matter.id.clone(),
            item: item.id.clone(),
            not_reported: progress.is_none(),
        };
        let band = match progress {
            Some(Progress::Completed) => 0,
            Some(Progress::OnSchedule) => 1,
            Some(Progress::BehindSchedule) => 2,
            None => 3,
        };
        if let Some(b) = bands.get_mut(band) {
            b.push(entry);
        }
    }
    bands
}

fn check_matter<'a>(
    m: &'a MatterInput,
    policy: &Policy,
    calendar: &Calendar,
    as_of: NaiveDate,
) -> std::result::Result<Checked<'a>, Problem> {
    // Events must be in date order; those after the as-of day have not happened yet.
    if let Some(w) = m.events.windows(2).position(|w| w[1].on < w[0].on) {
        let (a, b) = (&m.events[w], &m.events[w + 1]);
        return Err(Problem::new(
            "out_of_order",
            format!(
                "事件顺序颠倒：第{}个事件（{}）早于第{}个事件（{}）",
                w + 2,
                b.on,
                w + 1,
                a.on
            ),
            format!(
                "events out of order: event {} ({}) is dated before event {} ({})",
                w + 2,
                b.on,
                w + 1,
                a.on
            ),
        ));
    }
    let events = &m.events[..m.events.partition_point(|e| e.on <= as_of)];
    let mut checked = Checked {
        report: MatterReport::new(m),
        latest_submission: None,
        return_required: None,
        violations: Vec::new(),
        findings: Vec::new(),
        commended: false,
        interviewed_on: None,
        graded_poor_on: None,
        unpermitted: Vec::new(),
    };
    source_findings(&mut checked, m);
    match m.kind {
        MatterKind::MeetingFollowUp => {
            let meeting = m
                .meeting
                .as_ref()
                .ok_or_else(|| missing("meeting", m.kind))?;
            let o = Obligation::MeetingFollowUp {
                meeting: meeting.date,
                kind: meeting.kind,
            };
            progress_report(&mut checked, m, o, events, policy, calendar, as_of)?;
        }
        MatterKind::MonthlyReport => {
            let month = m.month.ok_or_else(|| missing("month", m.kind))?;
            progress_report(
                &mut checked,
                m,
                Obligation::MonthlyReport { month },
                events,
                policy,
                calendar,
                as_of,
            )?;
        }
        MatterKind::QuarterlyReport => {
            let quarter = m.quarter.ok_or_else(|| missing("quarter", m.kind))?;
            progress_report(
                &mut checked,
                m,
                Obligation::QuarterlyReport { quarter },
                events,
                policy,
                calendar,
                as_of,
            )?;
        }
        MatterKind::YearEndSummary => {
            let year = m.year.ok_or_else(|| missing("year", m.kind))?;
            progress_report(
                &mut checked,
                m,
                Obligation::YearEndSummary { year },
                events,
                policy,
                calendar,
                as_of,
            )?;
        }
        MatterKind::Inspection => inspection(&mut checked, m, events, policy, calendar, as_of)?,
        MatterKind::Accountability => {
            accountability(&mut checked, m, events, policy, calendar, as_of)?
        }
        MatterKind::Evaluation => {
            m.year.ok_or_else(|| missing("year", m.kind))?;
            if let Some(e) = m.events.first() {
                let name = event_name(e.event);
                return Err(Problem::new(
                    "event_not_allowed",
                    format!("第1个事件“{name}”：评价等次事项（第十二条第（一）项）没有事件"),
                    format!("event 1 `{name}`: an evaluation matter (Art. 12(1)) has no events"),
                ));
            }
            let grade = m.grade.ok_or_else(|| missing("grade", m.kind))?;
            checked.commended = grade == Grade::Excellent;
            checked.report.set_state(
                "evaluated",
                [
                    grade.label(Language::Chinese),
                    grade.label(Language::English),
                ],
            );
        }
        MatterKind::Escalation => {
            let mut state = EscalationState::new();
            for (i, e) in events.iter().enumerate() {
                let event = match e.event {
                    EventName::Urge => EscalationEvent::Urge { on: e.on },
                    EventName::RequestEscalation => {
                        // Art. 4 hands matters handled below the Office up to it; an Art. 5
                        // matter is the Office's own already. The same gate as apply's.
                        EscalationFlow::may_escalate(m.source).map_err(|err| at_event(err, i))?;
                        EscalationEvent::RequestEscalation {
                            on: e.on,
                            grounds: e.grounds.clone(),
                        }
                    }
                    EventName::Approve => EscalationEvent::Approve { on: e.on },
                    EventName::Decline => EscalationEvent::Decline { on: e.on },
                    _ => {
                        return Err(not_allowed(
                            e,
                            i,
                            m.kind,
                            "urge, request_escalation, approve, decline",
                        ))
                    }
                };
                state = EscalationFlow::apply_in(&state, &event, policy, calendar)
                    .map_err(|err| at_event(err, i))?;
            }
            checked.report.set_state(
                state.name(),
                [
                    state.label(Language::Chinese),
                    state.label(Language::English),
                ],
            );
        }
    }
    Ok(checked)
}

/// Art. 5, 6: a matter's `source` must fit its kind.
fn source_findings(checked: &mut Checked<'_>, m: &MatterInput) {
    let Some(source) = m.source else { return };
    let (zh, en) = match m.kind {
        MatterKind::MeetingFollowUp => {
            let Some(meeting) = &m.meeting else { return };
            if source.meetings().contains(&meeting.kind) {
                return;
            }
            (
                format!(
                    "{}不在该事项来源{}（{}）所列会议之中",
                    meeting.kind.label(Language::Chinese),
                    source.article().label(Language::Chinese),
                    source.label(Language::Chinese)
                ),
                format!(
                    "a {} is not among the meetings its source {} ({}) lists",
                    meeting.kind.label(Language::English),
                    source.article().label(Language::English),
                    source.code()
                ),
            )
        }
        MatterKind::MonthlyReport if source != MatterSource::GovernmentWorkReport => (
            format!(
                "月度进展报送的是《政府工作报告》确定的年度重点任务（第九条、第五条第（二）项），来源不应为{}（{}）",
                source.article().label(Language::Chinese),
                source.label(Language::Chinese)
            ),
            format!(
                "a monthly report covers the Government Work Report's key tasks (Art. 9, 5(2)); its source cannot be {} ({})",
                source.article().label(Language::English),
                source.code()
            ),
        ),
        MatterKind::QuarterlyReport if source.article().number != 6 => (
            format!(
                "季度督查台账记录科室负责的第六条事项（第七条），来源不应为{}（{}）",
                source.article().label(Language::Chinese),
                source.label(Language::Chinese)
            ),
            format!(
                "a quarterly ledger records the sections' Art. 6 matters (Art. 7); its source cannot be {} ({})",
                source.article().label(Language::English),
                source.code()
            ),
        ),
        _ => return,
    };
    checked.findings.push(Finding {
        matter: m.id.clone(),
        unit: m.unit.clone(),
        kind: FindingKind::SourceMismatch,
        article: source.article(),
        message_zh: zh,
        message_en: en,
    });
}

fn at_event(err: Error, index: usize) -> Problem {
    let mut p = Problem::from(err);
    p.zh = format!("第{}个事件：{}", index + 1, p.zh);
    p.en = format!("event {}: {}", index + 1, p.en);
    p
}

fn obligation_report(
    o: Obligation,
    met_on: Option<NaiveDate>,
    policy: &Policy,
    calendar: &Calendar,
    as_of: NaiveDate,
) -> std::result::Result<ObligationReport, Problem> {
    let deadline = o.deadline(policy, calendar)?;
    let status = deadline.status(calendar, met_on, as_of)?;
    Ok(ObligationReport {
        deadline,
        met_on: met_on.filter(|d| *d <= as_of),
        status,
    })
}

/// What the replay of a report's events tells about its supplements (补办).
#[derive(Default)]
struct Supplements {
    /// The supplement deadline of the pending return for supplement, under the policy's
    /// `supplement_period`.
    due: Option<NaiveDate>,
    /// The first supplement in the current run that came after its deadline: (deadline,
    /// day it came). A return for redo ends the run.
    late: Option<(NaiveDate, NaiveDate)>,
}

/// D1, D2, D3, D7: the submit / return / accept cycle of Art. 9 ¶2.
fn progress_report<'a>(
    checked: &mut Checked<'a>,
    m: &'a MatterInput,
    o: Obligation,
    events: &'a [EventInput],
    policy: &Policy,
    calendar: &Calendar,
    as_of: NaiveDate,
) -> std::result::Result<(), Problem> {
    let mut state = ReportState::new();
    // The latest submission, whether it has been reviewed since, and whether returned.
    let mut latest: Option<(&EventInput, bool, bool)> = None;
    let mut supplements = Supplements::default();
    let period = policy.parameters.supplement_period.value;
    // The report's own due date: a supplement is never due before the report itself.
    let deadline = o.deadline(policy, calendar)?;
    let due = deadline.due();
    for (i, e) in events.iter().enumerate() {
        let event = match e.event {
            EventName::Submit => ReportEvent::Submit { on: e.on },
            EventName::Return => ReportEvent::Return {
                on: e.on,
                remedy: e.remedy.ok_or_else(|| {
                    Problem::new(
                        "missing_field",
                        format!("第{}个事件“return”缺少 remedy（redo 或 supplement）", i + 1),
                        format!(
                            "event {} `return` needs `remedy` (redo or supplement)",
                            i + 1
                        ),
                    )
                })?,
                reasons: e.reasons.clone(),
            },
            EventName::Accept => ReportEvent::Accept { on: e.on },
            _ => return Err(not_allowed(e, i, m.kind, "submit, return, accept")),
        };
        state = state.apply(&event).map_err(|err| at_event(err, i))?;
        match &event {
            ReportEvent::Submit { on } => {
                if let Some(due) = supplements.due.take() {
                    if *on > due && supplements.late.is_none() {
                        supplements.late = Some((due, *on));
                    }
                }
                latest = Some((e, false, false));
            }
            ReportEvent::Return { on, remedy, .. } => {
                match remedy {
                    Remedy::Supplement => {
                        supplements.due = match period {
                            Some(days) => Some(days.after(calendar, *on)?.max(due)),
                            None => None,
                        };
                    }
                    _ => supplements = Supplements::default(),
                }
                if let Some(l) = latest.as_mut() {
                    l.1 = true;
                    l.2 = true;
                }
            }
            _ => {
                if let Some(l) = latest.as_mut() {
                    l.1 = true;
                }
            }
        }
    }
    checked.report.set_state(
        state.name(),
        [
            state.label(Language::Chinese),
            state.label(Language::English),
        ],
    );
    let obligation = report_status(deadline, &state, &supplements, policy, calendar, as_of)?;
    // One obligation: allocate exactly that (a default Vec would reserve four).
    checked.report.obligations = vec![obligation];

    if let Some((submission, reviewed, returned)) = latest {
        if !returned {
            checked.latest_submission = Some(submission);
        }
        if !reviewed && m.kind != MatterKind::YearEndSummary {
            checked.return_required = deficiencies(m, submission);
        }
    }
    Ok(())
}

/// The status of a progress report on `as_of` (Art. 9 ¶2).
///
/// A report submitted in time and returned for supplement (补办) is 退回补办中 while the
/// supplement is pending, under the default `supplement_credit`: neither met nor overdue.
/// With a `supplement_period`, it is overdue from the day after the supplement's deadline
/// (that many working days after the return, or the report's own due date if later), and a
/// supplement after that deadline is met late by the working days after it. A report
/// submitted late stays late; one returned for redo (重办) counts from its resubmission.
fn report_status(
    deadline: Deadline,
    state: &ReportState,
    supplements: &Supplements,
    policy: &Policy,
    calendar: &Calendar,
    as_of: NaiveDate,
) -> std::result::Result<ObligationReport, Problem> {
    let due = deadline.due();
    let credit = policy.parameters.supplement_credit.value;
    let late_supplement = |(sdue, on): (NaiveDate, NaiveDate)| -> Result<ObligationReport> {
        Ok(ObligationReport {
            deadline,
            met_on: Some(on),
            status: Status::MetLate {
                on,
                working_days_late: calendar.workdays_between(sdue, on)?,
                calendar_days_late: (on - sdue).num_days(),
            },
        })
    };
    if credit == SupplementCredit::OriginalSubmission {
        match state {
            ReportState::Returned {
                on: returned_on,
                remedy: Remedy::Supplement,
                original_on,
                ..
            } if *original_on <= due => {
                if let Some(late) = supplements.late {
                    return Ok(late_supplement(late)?);
                }
                let status = match supplements.due {
                    Some(sdue) if as_of > sdue => Status::Overdue {
                        since: sdue.succ_opt().unwrap_or(sdue),
                        working_days: calendar.workdays_between(sdue, as_of)?,
                        calendar_days: (as_of - sdue).num_days(),
                    },
                    supplement_due => Status::AwaitingSupplement {
                        submitted_on: *original_on,
                        returned_on: *returned_on,
                        supplement_due,
                    },
                };
                return Ok(ObligationReport {
                    deadline,
                    met_on: None,
                    status,
                });
            }
            ReportState::Submitted { original_on, .. }
            | ReportState::Accepted { original_on, .. }
                if *original_on <= due =>
            {
                if let Some(late) = supplements.late {
                    return Ok(late_supplement(late)?);
                }
            }
            _ => {}
        }
    }
    let met_on = state.credited_submission(credit);
    let status = deadline.status(calendar, met_on, as_of)?;
    Ok(ObligationReport {
        deadline,
        met_on: met_on.filter(|d| *d <= as_of),
        status,
    })
}

/// Art. 9: “报送材料必须简明扼要、不漏项，项目类进展情况要说明形象进度，已完成工作要报送印证资料。”
fn deficiencies(m: &MatterInput, submission: &EventInput) -> Option<ReturnRequired> {
    let reported = ReportedItems::new(submission.items.as_deref().unwrap_or(&[]));
    let mut findings = Vec::new();
    for item in &m.items {
        match reported.get(&item.id) {
            None => findings.push(ReturnFinding {
                reason: ReturnReason::MissingItem,
                item: item.id.clone(),
            }),
            Some(r) => {
                let no_text =
                    |t: &Option<String>| t.as_deref().map_or(true, |s| s.trim().is_empty());
                if item.category == super::input::ItemCategory::Project
                    && r.progress != Progress::Completed
                    && no_text(&r.physical_progress)
                {
                    findings.push(ReturnFinding {
                        reason: ReturnReason::NoPhysicalProgress,
                        item: item.id.clone(),
                    });
                }
                if r.progress == Progress::Completed
                    && r.evidence.iter().all(|e| e.trim().is_empty())
                {
                    findings.push(ReturnFinding {
                        reason: ReturnReason::NoEvidence,
                        item: item.id.clone(),
                    });
                }
            }
        }
    }
    if findings.is_empty() {
        return None;
    }
    // Nothing usable at all is redone; a report that is only incomplete is supplemented.
    let none_reported = m.items.iter().all(|item| reported.get(&item.id).is_none());
    Some(ReturnRequired {
        matter: m.id.clone(),
        unit: m.unit.clone(),
        submitted_on: submission.on,
        suggested_remedy: if none_reported {
            Remedy::Redo
        } else {
            Remedy::Supplement
        },
        findings,
    })
}

/// The events of an inspection, as error messages list them.
const INSPECTION_EVENTS: &str = "apply, approve, reject, file, start";

/// Art. 10: D4 and D5 for an inspection not in the annual plan, and the violations.
fn inspection<'a>(
    checked: &mut Checked<'a>,
    m: &'a MatterInput,
    events: &'a [EventInput],
    policy: &Policy,
    calendar: &Calendar,
    as_of: NaiveDate,
) -> std::result::Result<(), Problem> {
    let listing = m
        .annual_plan
        .ok_or_else(|| missing("annual_plan", m.kind))?;
    let planned_start = m.start.ok_or_else(|| missing("start", m.kind))?;
    let plan = match listing {
        PlanListing::Listed => AnnualPlan::Listed,
        PlanListing::NotListed => AnnualPlan::NotListed,
    };
    let mut state = InspectionState::new(plan);
    let (mut applied_on, mut approved_on, mut started_on) = (None, None, None);
    let (mut filed_on, mut reason_given) = (None, false);
    // An approval (or application) that comes after an unapproved start is late, not an
    // input error: it still meets D5 (late), and the start stays a `no_approval` finding.
    let (mut started_unapproved, mut late_approval) = (false, None);
    for (i, e) in events.iter().enumerate() {
        if started_unapproved && e.event != EventName::Start {
            checked.unpermitted.push(i);
            match e.event {
                EventName::Approve => late_approval = late_approval.or(Some(e.on)),
                EventName::Apply if applied_on.is_none() => {
                    applied_on = Some(e.on);
                    reason_given = e.reason.as_deref().is_some_and(|r| !r.trim().is_empty());
                }
                EventName::Apply => {}
                EventName::Reject | EventName::File => {}
                _ => return Err(not_allowed(e, i, m.kind, INSPECTION_EVENTS)),
            }
            continue;
        }
        let event = match e.event {
            EventName::Apply => InspectionEvent::Apply { on: e.on },
            EventName::Approve => InspectionEvent::Approve { on: e.on },
            EventName::Reject => InspectionEvent::Reject { on: e.on },
            EventName::File => InspectionEvent::File { on: e.on },
            EventName::Start => InspectionEvent::Start { on: e.on },
            _ => return Err(not_allowed(e, i, m.kind, INSPECTION_EVENTS)),
        };
        if e.event == EventName::Start && !state.may_start() && listing == PlanListing::NotListed {
            // Carried out without approval: a finding, not an input error.
            if started_on.is_some() {
                return Err(at_event(
                    state
                        .apply(&event)
                        .err()
                        .unwrap_or_else(|| Error::invalid_input("重复开始", "started twice")),
                    i,
                ));
            }
            started_on = Some(e.on);
            started_unapproved = true;
            checked.unpermitted.push(i);
            state = InspectionState::CarriedOut {
                on: e.on,
                applied_on,
                approved_on: None,
                filed_on: None,
            };
            continue;
        }
        state = state.apply(&event).map_err(|err| at_event(err, i))?;
        match e.event {
            EventName::Apply => {
                applied_on = Some(e.on);
                reason_given = e.reason.as_deref().is_some_and(|r| !r.trim().is_empty());
            }
            EventName::Approve => approved_on = Some(e.on),
            EventName::Start => started_on = Some(e.on),
            EventName::File => filed_on = Some(e.on),
            _ => {}
        }
    }
    checked.report.set_state(
        state.name(),
        [
            state.label(Language::Chinese),
            state.label(Language::English),
        ],
    );
    if listing == PlanListing::Listed {
        return Ok(());
    }
    // The deadlines count from the day it actually started, if it has.
    let start = started_on.unwrap_or(planned_start);
    let application = obligation_report(
        Obligation::InspectionApplication { start },
        applied_on,
        policy,
        calendar,
        as_of,
    )?;
    let approval = obligation_report(
        Obligation::InspectionApproval { start },
        approved_on.or(late_approval),
        policy,
        calendar,
        as_of,
    )?;
    let mut flag = |violation: ViolationKind| {
        checked.violations.push(InspectionViolation {
            matter: m.id.clone(),
            unit: m.unit.clone(),
            violation,
            started_on,
            applied_on,
            application_due: application.deadline.due(),
            approved_on,
        })
    };
    if started_on.is_some() {
        match applied_on {
            None => flag(ViolationKind::NoApplication),
            Some(a) if a > application.deadline.due() => flag(ViolationKind::LateApplication),
            Some(_) => {}
        }
        if approved_on.is_none() {
            flag(ViolationKind::NoApproval);
        } else if filed_on.is_none() {
            // “并由市政府督查室报市委督查室备案”: an approved inspection that started and
            // is still not filed.
            flag(ViolationKind::NotFiled);
        }
    }
    // “确因特殊情况需要开展的”: the article admits an unplanned inspection only for a
    // special reason, which the application must give.
    if applied_on.is_some() && !reason_given {
        flag(ViolationKind::NoSpecialReason);
    }
    // A rejected inspection that has not started may not be carried out at all: no approval
    // is due any more, only the application remains on record.
    let rejected = matches!(state, InspectionState::Rejected { .. });
    checked.report.obligations = if rejected {
        vec![application]
    } else {
        vec![application, approval]
    };
    Ok(())
}

/// Art. 12 (3): the accountability workflow, and D6 once the interview is held.
fn accountability<'a>(
    checked: &mut Checked<'a>,
    m: &'a MatterInput,
    events: &'a [EventInput],
    policy: &Policy,
    calendar: &Calendar,
    as_of: NaiveDate,
) -> std::result::Result<(), Problem> {
    let kind = unit_kind(m)?;
    let mut state = AccountabilityState::new();
    let (mut interview, mut plan_on) = (None, None);
    for (i, e) in events.iter().enumerate() {
        let event = match e.event {
            EventName::PlaceUnderKeySupervision => {
                // 重点督办 is for 责任单位 (Art. 12 (3), Art. 2, 8, 9), not the office's sections.
                if !kind.is_responsible_unit() {
                    return Err(Problem::new(
                        "illegal_transition",
                        format!(
                            "第{}个事件：{}是{}，不是责任单位，不适用重点督办（第十二条第（三）项）",
                            i + 1,
                            m.unit,
                            kind.label(Language::Chinese)
                        ),
                        format!(
                            "event {}: {} is a {}, not a responsible unit; key supervision does not apply (Art. 12(3))",
                            i + 1,
                            m.unit,
                            kind.label(Language::English)
                        ),
                    ));
                }
                AccountabilityEvent::PlaceUnderKeySupervision {
                    on: e.on,
                    triggers: e.triggers.clone(),
                    rectify_by: e.rectify_by.ok_or_else(|| {
                        Problem::new(
                            "missing_field",
                            format!("第{}个事件“place_under_key_supervision”缺少 rectify_by（整改期限）", i + 1),
                            format!("event {} `place_under_key_supervision` needs `rectify_by`", i + 1),
                        )
                    })?,
                }
            }
            EventName::Rectify => AccountabilityEvent::Rectify { on: e.on },
            EventName::ProposeInterview => AccountabilityEvent::ProposeInterview { on: e.on },
            EventName::ApproveInterview => AccountabilityEvent::ApproveInterview { on: e.on },
            EventName::HoldInterview => AccountabilityEvent::HoldInterview { on: e.on },
            EventName::ReportInterviewResult => {
                AccountabilityEvent::ReportInterviewResult { on: e.on }
            }
            EventName::SubmitPlan => AccountabilityEvent::SubmitPlan { on: e.on },
            EventName::Resolve => AccountabilityEvent::Resolve { on: e.on },
            // Graded poor only once D6 has passed: the machine's own rule, under the policy
            // over the calendar (`apply_in`), as one event at a time gets it.
            EventName::GradePoor => AccountabilityEvent::GradePoor { on: e.on },
            EventName::Refer => AccountabilityEvent::Refer { on: e.on },
            _ => {
                return Err(not_allowed(
                    e,
                    i,
                    m.kind,
                    "place_under_key_supervision, rectify, propose_interview, approve_interview, hold_interview, report_interview_result, submit_plan, resolve, grade_poor, refer",
                ))
            }
        };
        state = state
            .apply_in(&event, policy, calendar)
            .map_err(|err| at_event(err, i))?;
        match e.event {
            EventName::HoldInterview => interview = Some(e.on),
            EventName::SubmitPlan => plan_on = Some(e.on),
            _ => {}
        }
    }
    // A referral runs alongside: show where the rest of the workflow stands.
    let case = state.case();
    checked.report.set_state(
        case.name(),
        [case.label(Language::Chinese), case.label(Language::English)],
    );
    checked.report.referred_on = state.referred_on();
    checked.interviewed_on = state.interview_on();
    checked.graded_poor_on = state.graded_poor_on();
    if let Some(interview) = interview {
        if state.interview_result_reported_on().is_none() {
            checked.findings.push(Finding {
                matter: m.id.clone(),
                unit: m.unit.clone(),
                kind: FindingKind::InterviewResultNotReported,
                article: crate::Article::item(12, 3),
                message_zh: format!("{interview}约谈的结果尚未报市政府主要领导"),
                message_en: format!(
                    "the result of the interview on {interview} has not been reported to the mayor"
                ),
            });
        }
        checked.report.obligations = vec![obligation_report(
            Obligation::RectificationPlan { interview },
            plan_on,
            policy,
            calendar,
            as_of,
        )?];
    }
    Ok(())
}

/// Lookup of matters by id, for the what-if comparison.
pub(crate) fn index_by_id(report: &CheckReport) -> HashMap<&str, &MatterReport> {
    report.matters.iter().map(|m| (&*m.id, m)).collect()
}

#[cfg(test)]
mod ids_tests {
    use super::*;

    #[test]
    fn ids_of_one_hash_are_told_apart_by_their_text() {
        let mut ids = Ids::with_capacity(0);
        let (a, b): (Arc<str>, Arc<str>) = (Arc::from("A-1"), Arc::from("B-2"));
        assert!(ids.insert(&a, Some(7)));
        assert!(
            ids.insert(&b, Some(7)),
            "another id of the same hash is new"
        );
        assert!(!ids.insert(&b, Some(7)));
        assert!(!ids.insert(&a, Some(7)));
        // Hashes that differ past their low 32 bits, in one table: told apart too.
        let (d, e): (Arc<str>, Arc<str>) = (Arc::from("D-4"), Arc::from("E-5"));
        let (hd, he) = (0x0001_0000_0000_0009, 0x0002_0000_0000_0009);
        assert_eq!(Ids::table_of(hd), Ids::table_of(he));
        assert!(ids.insert(&d, Some(hd)));
        assert!(ids.insert(&e, Some(he)));
        assert!(!ids.insert(&e, Some(he)));
        assert!(!ids.insert(&d, Some(hd)));
        // Hashed here or by the caller with the same hasher: the same id.
        let c: Arc<str> = Arc::from("C-3");
        let hash = ids.hasher.hash_one(&*c);
        assert!(ids.insert(&c, None));
        assert!(!ids.insert(&c, Some(hash)));
    }

    #[test]
    fn ids_over_many_blocks_and_too_long_for_one() {
        let mut ids = Ids::with_capacity(0);
        let all: Vec<Arc<str>> = (0..120_000)
            .map(|i| Arc::from(format!("ID-{i:07}-{}", "x".repeat(i % 13))))
            .collect();
        assert!(all.iter().all(|id| ids.insert(id, None)));
        assert!(ids.blocks.len() > 1);
        // Spread over every table, unevenly: each a share from 15 to 30 in 360.
        let lens: Vec<usize> = ids.first.iter().map(HashMap::len).collect();
        for (k, len) in lens.iter().enumerate() {
            let share = (15 + k) as f64 / 360.0;
            let expected = share * all.len() as f64;
            assert!((*len as f64 - expected).abs() < expected * 0.1, "{lens:?}");
        }
        assert!(all.iter().all(|id| !ids.insert(id, None)));
        let long: Arc<str> = Arc::from("长".repeat(ID_BLOCK));
        assert!(ids.insert(&long, None));
        assert!(!ids.insert(&long, None));
        let empty: Arc<str> = Arc::from("");
        assert!(ids.insert(&empty, None));
        assert!(!ids.insert(&empty, None));
    }
}
