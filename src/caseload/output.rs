//! Writing a report: `duban-report/1` JSON, and a table for people.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

use super::report::*;
use super::whatif::WhatIf;
use crate::fast_hash::FastState;
use crate::{Calendar, Language, Policy, Status};

/// How to render explanations in JSON output.
///
/// ```
/// use duban::{Calendar, Caseload, Explanations, Language, Policy};
/// let c = Caseload::from_json(r#"{"schema": "duban-caseload/1", "matters": []}"#)?;
/// let report = duban::check(&c, &Policy::ankang_2020(), &Calendar::china(), duban::parse_date("2024-01-02")?)?;
/// let mut out = Vec::new();
/// report.write_json(&mut out, Language::Chinese, Explanations::Omit).unwrap();
/// assert!(!out.is_empty());
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub enum Explanations<'a> {
    /// No explanation lines (smaller output).
    Omit,
    /// Explanation lines for every obligation, rendered with this policy and calendar
    /// (the ones the report was checked with).
    Include(&'a Policy, &'a Calendar),
}

/// An obligation in the report: three runs of fields, each of which [`EntryWriter`] also
/// writes (and remembers) on its own.
#[derive(Serialize)]
struct ObligationView<'a> {
    #[serde(flatten)]
    deadline: &'a crate::Deadline,
    #[serde(flatten)]
    status: StatusView<'a>,
    #[serde(flatten)]
    explanation: ExplanationView,
}

/// The fields of an obligation that depend on its status: when it was met, the status and
/// its text.
#[derive(Serialize)]
struct StatusView<'a> {
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::period::iso_opt"
    )]
    met_on: Option<NaiveDate>,
    status: &'a Status,
    status_text: String,
}

impl<'a> StatusView<'a> {
    fn of(o: &'a ObligationReport, language: Language) -> StatusView<'a> {
        StatusView {
            met_on: o.met_on,
            status: &o.status,
            status_text: o.status.describe(language),
        }
    }
}

/// The explanation of an obligation's deadline, when asked for.
#[derive(Serialize)]
struct ExplanationView {
    #[serde(skip_serializing_if = "Option::is_none")]
    explanation: Option<Vec<String>>,
}

impl ExplanationView {
    fn of(
        deadline: &crate::Deadline,
        language: Language,
        explanations: Explanations<'_>,
    ) -> ExplanationView {
        ExplanationView {
            explanation: match explanations {
                Explanations::Omit => None,
                Explanations::Include(policy, calendar) => Some(
                    deadline
                        .explain(policy, calendar, language)
                        .map(|e| e.lines)
                        .unwrap_or_else(|e| vec![e.message(language).to_owned()]),
                ),
            },
        }
    }
}

#[derive(Serialize)]
struct MatterView<'a> {
    id: &'a str,
    kind: super::MatterKind,
    unit: &'a str,
    sector: &'a str,
    state: &'a str,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::period::iso_opt"
    )]
    referred_on: Option<NaiveDate>,
    obligations: Vec<ObligationView<'a>>,
}

impl<'a> MatterView<'a> {
    fn of(m: &'a MatterReport, obligations: Vec<ObligationView<'a>>) -> MatterView<'a> {
        MatterView {
            id: &m.id,
            kind: m.kind,
            unit: &m.unit,
            sector: &m.sector,
            state: m.state,
            referred_on: m.referred_on,
            obligations,
        }
    }
}

#[derive(Serialize)]
struct FindingView<'a> {
    matter: &'a str,
    unit: &'a str,
    kind: FindingKind,
    article: crate::Article,
    message: &'a str,
}

#[derive(Serialize)]
struct ErrorView<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    matter: Option<&'a str>,
    code: &'a str,
    message: &'a str,
}

/// The report's fields up to its matters; [`CheckReport::write_lists`] writes the lists
/// after them one by one.
#[derive(Serialize)]
struct ReportHead<'a> {
    schema: &'static str,
    as_of: NaiveDate,
    policy: &'a str,
    language: Language,
    coverage: Vec<String>,
    summary: &'a Summary,
    matters: Lazy<'a, MatterReport>,
}

/// Which of the report's fields after its matters [`CheckReport::write_lists`] writes:
/// all of them, or the first or the second part of them, split before the band at the
/// place given ([`CheckReport::bands_split`]), so that two threads can write them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lists {
    All,
    First(usize),
    Second(usize),
}

/// The whole report as one derived view: what [`CheckReport::write_json`] must write, byte
/// for byte (the tests' reference; its fields are spelled out, not taken from
/// [`ReportHead`], so that the reference shares nothing with what it checks).
#[cfg(test)]
#[derive(Serialize)]
struct ReportView<'a> {
    schema: &'static str,
    as_of: NaiveDate,
    policy: &'a str,
    language: Language,
    coverage: Vec<String>,
    summary: &'a Summary,
    matters: Lazy<'a, MatterReport>,
    late_units: &'a [LateUnit],
    late_sections: &'a [LateUnit],
    quarterly_bands: &'a [QuarterBands],
    returns: &'a [ReturnRequired],
    inspection_violations: &'a [InspectionViolation],
    findings: Lazy<'a, Finding>,
    year_end: &'a YearEndGathering,
    errors: Lazy<'a, InputError>,
}

/// A list written one element at a time, each through its view, so that writing a report
/// never holds a second copy of it in memory.
struct Lazy<'a, T> {
    items: &'a [T],
    language: Language,
    explanations: Explanations<'a>,
}

/// How an element of the report is written.
trait View {
    fn write<S: serde::Serializer>(
        &self,
        s: S,
        language: Language,
        explanations: Explanations<'_>,
    ) -> Result<S::Ok, S::Error>;
}

impl<T: View> Serialize for Lazy<'_, T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.items.len()))?;
        for item in self.items {
            seq.serialize_element(&Viewed(item, self.language, self.explanations))?;
        }
        seq.end()
    }
}

struct Viewed<'a, T>(&'a T, Language, Explanations<'a>);

impl<T: View> Serialize for Viewed<'_, T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.write(s, self.1, self.2)
    }
}

impl View for MatterReport {
    fn write<S: serde::Serializer>(
        &self,
        s: S,
        language: Language,
        explanations: Explanations<'_>,
    ) -> Result<S::Ok, S::Error> {
        MatterView::of(
            self,
            self.obligations
                .iter()
                .map(|o| ObligationView {
                    deadline: &o.deadline,
                    status: StatusView::of(o, language),
                    explanation: ExplanationView::of(&o.deadline, language, explanations),
                })
                .collect(),
        )
        .serialize(s)
    }
}

impl View for Finding {
    fn write<S: serde::Serializer>(
        &self,
        s: S,
        language: Language,
        _: Explanations<'_>,
    ) -> Result<S::Ok, S::Error> {
        FindingView {
            matter: &self.matter,
            unit: &self.unit,
            kind: self.kind,
            article: self.article,
            message: language.pick(&self.message_zh, &self.message_en),
        }
        .serialize(s)
    }
}

impl View for InputError {
    fn write<S: serde::Serializer>(
        &self,
        s: S,
        language: Language,
        _: Explanations<'_>,
    ) -> Result<S::Ok, S::Error> {
        ErrorView {
            index: self.index,
            matter: self.matter.as_deref(),
            code: self.code,
            message: match language {
                Language::Chinese => &self.message_zh,
                Language::English => &self.message_en,
            },
        }
        .serialize(s)
    }
}

impl CheckReport {
    /// Writes the report as `duban-report/1` JSON (schema in
    /// `schema/report-1.schema.json`): messages and status texts in `language`.
    ///
    /// # Errors
    ///
    /// An I/O error from `out`.
    ///
    /// ```
    /// use duban::{Calendar, Caseload, Explanations, Language, Policy};
    /// let (policy, cal) = (Policy::ankang_2020(), Calendar::china());
    /// let c = Caseload::from_json(r#"{"schema": "duban-caseload/1", "matters": [
    ///   {"id": "YB-1", "kind": "monthly_report", "unit": "u", "sector": "s", "month": "2022-01"}]}"#)?;
    /// let report = duban::check(&c, &policy, &cal, duban::parse_date("2022-01-30")?)?;
    /// let mut out = Vec::new();
    /// report.write_json(&mut out, Language::English, Explanations::Include(&policy, &cal)).unwrap();
    /// let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    /// assert_eq!(json["schema"], "duban-report/1");
    /// assert_eq!(json["matters"][0]["obligations"][0]["status"]["status"], "due_today");
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn write_json<W: io::Write>(
        &self,
        out: W,
        language: Language,
        explanations: Explanations<'_>,
    ) -> io::Result<()> {
        // The serializer writes many small pieces: a buffer of a concrete type here keeps
        // each one a copy, not a call through `out` (which may be a `dyn Write`).
        let mut out = io::BufWriter::with_capacity(1 << 16, out);
        self.write_head(&mut out, language, explanations)?;
        self.write_lists(&mut out, language, explanations, Lists::All)?;
        io::Write::flush(&mut out)
    }

    /// Writes the report's fields up to its matters, with the matters, and without the
    /// comma after them.
    pub(crate) fn write_head<W: io::Write>(
        &self,
        out: &mut W,
        language: Language,
        explanations: Explanations<'_>,
    ) -> io::Result<()> {
        let head = ReportHead {
            schema: REPORT_SCHEMA,
            as_of: self.as_of,
            policy: &self.policy,
            language,
            coverage: self
                .coverage
                .iter()
                .map(|(a, b)| format!("{a}..={b}"))
                .collect(),
            summary: &self.summary,
            matters: Lazy {
                items: &self.matters,
                language,
                explanations,
            },
        };
        let top_open = Indented {
            top_open: true,
            ..Indented::new(0)
        };
        let mut s = serde_json::Serializer::with_formatter(out, top_open);
        head.serialize(&mut s).map_err(io::Error::other)
    }

    /// Writes the report's fields after its matters (from the comma after them to the
    /// report's end), or the part of them `lists` says: each field as serde would write it
    /// in the report's object, and Art. 7's bands straight into bytes.
    pub(crate) fn write_lists<W: io::Write>(
        &self,
        out: &mut W,
        language: Language,
        explanations: Explanations<'_>,
        lists: Lists,
    ) -> io::Result<()> {
        let (first, second, split) = match lists {
            Lists::All => (true, true, usize::MAX),
            Lists::First(split) => (true, false, split),
            Lists::Second(split) => (false, true, split),
        };
        let bands = &self.quarterly_bands;
        // The first part opens the bands' array and writes those before the split (all of
        // them for the whole), closing it if none come after; the second writes the rest.
        let (before, after) = bands.split_at(split.min(bands.len()));
        if first {
            top_field(out, "late_units", &self.late_units)?;
            top_field(out, "late_sections", &self.late_sections)?;
            top_key(out, "quarterly_bands")?;
            write_bands(out, before, true, false, after.is_empty())?;
        }
        if second {
            if !after.is_empty() {
                write_bands(out, after, false, !before.is_empty(), true)?;
            }
            top_field(out, "returns", &self.returns)?;
            top_field(out, "inspection_violations", &self.inspection_violations)?;
            let findings = Lazy {
                items: &self.findings,
                language,
                explanations,
            };
            top_field(out, "findings", &findings)?;
            top_field(out, "year_end", &self.year_end)?;
            let errors = Lazy {
                items: &self.errors,
                language,
                explanations,
            };
            top_field(out, "errors", &errors)?;
            out.write_all(b"\n}")?;
        }
        Ok(())
    }

    /// Where [`Lists::First`] and [`Lists::Second`] had better split the bands: about half
    /// the lists' items (each band's items, each late matter, each return and violation)
    /// on each side.
    pub(crate) fn bands_split(&self) -> usize {
        let items = |b: &QuarterBands| {
            b.completed.len()
                + b.progressing_well.len()
                + b.progressing_slowly.len()
                + b.not_reported.len()
        };
        // A return or a violation is about three items' bytes.
        let late: usize = (self.late_units.iter())
            .chain(&self.late_sections)
            .map(|u| u.matters.len())
            .sum();
        let after = 3 * (self.returns.len() + self.inspection_violations.len());
        let bands: usize = self.quarterly_bands.iter().map(items).sum();
        let half = (late + bands + after) / 2;
        let mut before = late;
        for (k, band) in self.quarterly_bands.iter().enumerate() {
            if before >= half {
                return k;
            }
            before += items(band);
        }
        self.quarterly_bands.len()
    }

    /// The report as a table for people, with a summary line at the end.
    ///
    /// ```
    /// use duban::{Calendar, Caseload, Language, Policy};
    /// let c = Caseload::from_json(r#"{"schema": "duban-caseload/1", "matters": [
    ///   {"id": "YB-1", "kind": "monthly_report", "unit": "市财政局", "sector": "经济", "month": "2022-01"}]}"#)?;
    /// let report = duban::check(&c, &Policy::ankang_2020(), &Calendar::china(), duban::parse_date("2022-02-07")?)?;
    /// let table = report.to_table(Language::English);
    /// assert!(table.contains("YB-1"));
    /// assert!(table.lines().last().unwrap().starts_with("1 matters"));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn to_table(&self, language: Language) -> String {
        let zh = language == Language::Chinese;
        let mut rows: Vec<Vec<String>> = vec![if zh {
            [
                "编号",
                "类型",
                "责任单位",
                "分口",
                "义务",
                "截止日期",
                "完成日期",
                "状态",
            ]
            .map(String::from)
            .to_vec()
        } else {
            [
                "id", "kind", "unit", "sector", "duty", "due", "met on", "status",
            ]
            .map(String::from)
            .to_vec()
        }];
        for m in &self.matters {
            if m.obligations.is_empty() {
                rows.push(vec![
                    m.id.to_string(),
                    m.kind.label(language).into(),
                    m.unit.to_string(),
                    m.sector.to_string(),
                    "-".into(),
                    "-".into(),
                    "-".into(),
                    m.state_label(language).into(),
                ]);
            }
            for o in &m.obligations {
                rows.push(vec![
                    m.id.to_string(),
                    m.kind.label(language).into(),
                    m.unit.to_string(),
                    m.sector.to_string(),
                    o.deadline.kind().code().into(),
                    o.deadline.due().to_string(),
                    o.met_on.map_or("-".into(), |d| d.to_string()),
                    o.status.describe(language),
                ]);
            }
        }
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}",
            language.pick(
                &format!("截至 {}，政策 {}", self.as_of, self.policy),
                &format!("As of {}, policy {}", self.as_of, self.policy)
            )
        );
        out.push_str(&render_rows(&rows));
        if !self.late_units.is_empty() {
            out.push_str(language.pick(
                "\n未按期报送的单位（第十二条第（三）项）：\n",
                "\nUnits not reporting on time (Art. 12(3)):\n",
            ));
            for u in &self.late_units {
                let flag = if u.key_supervision_trigger {
                    language.pick("，应予重点督办", "; key supervision")
                } else {
                    ""
                };
                let _ = writeln!(out, "{}{flag}", late_unit_line(u));
            }
        }
        if !self.late_sections.is_empty() {
            out.push_str(language.pick(
                "\n未按期报送台账的科室（第七条；科室不是责任单位，不适用重点督办）：\n",
                "\nOffice sections with late ledgers (Art. 7; not responsible units, no key supervision):\n",
            ));
            for u in &self.late_sections {
                let _ = writeln!(out, "{}", late_unit_line(u));
            }
        }
        if !self.returns.is_empty() {
            out.push_str(language.pick(
                "\n应退回的报送材料（第九条；重办或补办由市政府督查室决定，以下为建议）：\n",
                "\nReports to return (Art. 9; redo or supplement is the Supervision Office's choice, suggested below):\n",
            ));
            for r in &self.returns {
                let reasons: Vec<String> = r
                    .findings
                    .iter()
                    .map(|f| format!("{} {}", fit(&f.item), f.reason.label(language)))
                    .collect();
                let _ = writeln!(
                    out,
                    "  {} ({}, {}): {}{} — {}",
                    fit(&r.matter),
                    fit(&r.unit),
                    r.submitted_on,
                    language.pick("建议", "suggested: "),
                    r.suggested_remedy.label(language),
                    reasons.join("; ")
                );
            }
        }
        if !self.inspection_violations.is_empty() {
            out.push_str(language.pick(
                "\n违反第十条的计划外督查检查：\n",
                "\nUnplanned inspections against Art. 10:\n",
            ));
            for v in &self.inspection_violations {
                let when = match (v.started_on, v.applied_on) {
                    (Some(started), _) => started.to_string(),
                    (None, Some(applied)) => {
                        format!("{}{applied}", language.pick("申报于 ", "applied "))
                    }
                    (None, None) => "-".to_owned(),
                };
                let _ = writeln!(
                    out,
                    "  {} ({}, {when}): {}",
                    fit(&v.matter),
                    fit(&v.unit),
                    v.violation.label(language)
                );
            }
        }
        if !self.findings.is_empty() {
            out.push_str(language.pick("\n其他问题：\n", "\nOther findings:\n"));
            for f in &self.findings {
                let _ = writeln!(
                    out,
                    "  {} ({}, {}): {}",
                    fit(&f.matter),
                    fit(&f.unit),
                    f.article.label(language),
                    language.pick(&f.message_zh, &f.message_en)
                );
            }
        }
        if !self.quarterly_bands.is_empty() {
            out.push_str(language.pick(
                "\n季度分口汇总（第七条）：已完成 / 进展顺利 / 进展缓慢；未报送\n",
                "\nQuarterly bands by sector (Art. 7): completed / well / slowly; not reported\n",
            ));
            for b in &self.quarterly_bands {
                let _ = writeln!(
                    out,
                    "  {} {}: {} / {} / {}; {}",
                    b.quarter,
                    fit(&b.sector),
                    b.completed.len(),
                    b.progressing_well.len(),
                    b.progressing_slowly.len(),
                    b.not_reported.len()
                );
            }
        }
        let y = &self.year_end;
        if !(y.commended.is_empty() && y.interviewed.is_empty() && y.criticised.is_empty()) {
            let _ = writeln!(
                out,
                "{}",
                language.pick(
                    &format!("\n{} 年度汇总（第十二条第（四）项，报市考核办）：", y.year),
                    &format!(
                        "\nYear-end summary {} (Art. 12(4), for the assessment office):",
                        y.year
                    )
                )
            );
            for (zh, en, entries) in [
                ("通报表扬", "commended", &y.commended),
                ("约谈", "interviewed", &y.interviewed),
                ("通报批评", "criticised", &y.criticised),
            ] {
                let units: Vec<String> = entries
                    .iter()
                    .map(|e| match e.on {
                        Some(on) => format!("{} ({}, {on})", fit(&e.unit), fit(&e.matter)),
                        None => format!("{} ({})", fit(&e.unit), fit(&e.matter)),
                    })
                    .collect();
                let none = language.pick("无", "none");
                let _ = writeln!(
                    out,
                    "  {}: {}",
                    language.pick(zh, en),
                    if units.is_empty() {
                        none.to_owned()
                    } else {
                        units.join(language.pick("、", ", "))
                    }
                );
            }
        }
        if !self.errors.is_empty() {
            out.push_str(language.pick("\n输入错误：\n", "\nInput errors:\n"));
            for e in &self.errors {
                // The message names the matter; the English line also gives the stable code
                // to search for (a Chinese line stays Chinese).
                let _ = if zh {
                    writeln!(out, "  {}", e.message_zh)
                } else {
                    writeln!(out, "  [{}] {}", e.code, e.message_en)
                };
            }
        }
        let s = &self.summary;
        let _ = write!(
            out,
            "{}",
            if zh {
                format!(
                    "{} 个事项（已检查 {}，错误 {}）；{} 项义务：未到期 {}，今日到期 {}，逾期 {}，按期完成 {}，逾期完成 {}，退回补办中 {}；未按期报送单位 {}（应重点督办 {}），科室 {}；应退回 {}；督查检查违规 {}；其他问题 {}",
                    s.matters, s.checked, s.errors, s.obligations, s.pending, s.due_today, s.overdue, s.met_on_time, s.met_late, s.awaiting_supplement, s.late_units, s.key_supervision_units, s.late_sections, s.returns, s.inspection_violations, s.findings
                )
            } else {
                format!(
                    "{} matters ({} checked, {} errors); {} obligations: {} pending, {} due today, {} overdue, {} met on time, {} met late, {} awaiting supplement; {} late units ({} for key supervision), {} late sections; {} returns; {} inspection violations; {} other findings",
                    s.matters, s.checked, s.errors, s.obligations, s.pending, s.due_today, s.overdue, s.met_on_time, s.met_late, s.awaiting_supplement, s.late_units, s.key_supervision_units, s.late_sections, s.returns, s.inspection_violations, s.findings
                )
            }
        );
        out.push('\n');
        out
    }
}

impl WhatIf {
    /// The differences as a table for people, with a summary line.
    ///
    /// ```
    /// use duban::{Calendar, Caseload, Language, Policy, WorkingDays};
    /// let c = Caseload::from_json(r#"{"schema": "duban-caseload/1", "matters": [
    ///   {"id": "HY-1", "kind": "meeting_follow_up", "unit": "u", "sector": "s",
    ///    "meeting": {"date": "2023-09-20", "kind": "executive"}}]}"#)?;
    /// let a = Policy::ankang_2020();
    /// let mut b = a.clone();
    /// b.parameters.meeting_follow_up_period.value = WorkingDays(20);
    /// let diff = duban::what_if(&c, &a, &b, &Calendar::china(), duban::parse_date("2023-10-30")?)?;
    /// assert!(diff.to_table(Language::English).contains("meeting_follow_up_period"));
    /// # Ok::<(), duban::Error>(())
    /// ```
    pub fn to_table(&self, language: Language) -> String {
        let zh = language == Language::Chinese;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}",
            if zh {
                format!("截至 {}：{} → {}", self.as_of, self.policy_a, self.policy_b)
            } else {
                format!(
                    "As of {}: {} → {}",
                    self.as_of, self.policy_a, self.policy_b
                )
            }
        );
        for c in &self.changes {
            let _ = writeln!(
                out,
                "  {}: {} → {}",
                c.parameter,
                c.before.get("value").unwrap_or(&c.before),
                c.after.get("value").unwrap_or(&c.after)
            );
        }
        let mut rows: Vec<Vec<String>> = vec![if zh {
            [
                "编号",
                "义务",
                "截止日期 A",
                "截止日期 B",
                "状态 A",
                "状态 B",
                "原因",
            ]
            .map(String::from)
            .to_vec()
        } else {
            [
                "id",
                "duty",
                "due A",
                "due B",
                "status A",
                "status B",
                "because of",
            ]
            .map(String::from)
            .to_vec()
        }];
        let date = |d: Option<NaiveDate>| d.map_or("-".to_owned(), |d| d.to_string());
        let status = |s: Option<Status>| {
            s.map_or(language.pick("（错误）", "(error)").to_owned(), |s| {
                s.describe(language)
            })
        };
        for d in &self.differences {
            rows.push(vec![
                d.matter.clone(),
                d.obligation.map_or("-".into(), |k| k.code().into()),
                date(d.due_a),
                date(d.due_b),
                status(d.status_a),
                status(d.status_b),
                d.parameters.join(", "),
            ]);
        }
        out.push_str(&render_rows(&rows));
        for u in &self.units {
            let yes_no = |b: bool| {
                if b {
                    language.pick("是", "yes")
                } else {
                    language.pick("否", "no")
                }
            };
            let _ = writeln!(
                out,
                "{}",
                if zh {
                    format!(
                        "  {}：未按期报送 {} → {}，重点督办 {} → {}",
                        fit(&u.unit),
                        u.late_reports_a,
                        u.late_reports_b,
                        yes_no(u.key_supervision_a),
                        yes_no(u.key_supervision_b)
                    )
                } else {
                    format!(
                        "  {}: late reports {} → {}, key supervision {} → {}",
                        fit(&u.unit),
                        u.late_reports_a,
                        u.late_reports_b,
                        yes_no(u.key_supervision_a),
                        yes_no(u.key_supervision_b)
                    )
                }
            );
        }
        let _ = writeln!(
            out,
            "{}",
            if zh {
                format!(
                    "{} 个事项比较，{} 处不同，{} 个单位的重点督办情况变化",
                    self.matters_compared,
                    self.differences.len(),
                    self.units.len()
                )
            } else {
                format!(
                    "{} matters compared, {} differences, {} units change",
                    self.matters_compared,
                    self.differences.len(),
                    self.units.len()
                )
            }
        );
        out
    }
}

/// Display width: CJK and full-width characters take two columns.
fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

fn char_width(c: char) -> usize {
    match c as u32 {
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 => 2,
        _ => 1,
    }
}

/// The widest a padded table cell may be, in display columns. Every cell a real report
/// has fits (the longest, a status text, is about 50); a wider one (a unit name of a
/// megabyte) is cut and ends in [`CUT`], so that it cannot widen every row of the table.
/// The JSON report keeps the full text.
pub(crate) const MAX_CELL_WIDTH: usize = 64;

/// The marker that ends a cut cell.
pub(crate) const CUT: char = '…';

/// `cell`, cut to at most [`MAX_CELL_WIDTH`] columns with the [`CUT`] marker. Names in
/// the table's other lines (units, matters, items, sectors) are cut the same way.
fn fit(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.len() <= MAX_CELL_WIDTH / 2 || width(cell) <= MAX_CELL_WIDTH {
        return cell.into();
    }
    let mut used = 0;
    let mut end = 0;
    for (i, c) in cell.char_indices() {
        let w = char_width(c);
        if used + w > MAX_CELL_WIDTH - 1 {
            break;
        }
        used += w;
        end = i + c.len_utf8();
    }
    let mut cut = cell.get(..end).unwrap_or_default().to_owned();
    cut.push(CUT);
    cut.into()
}

/// Rows as aligned columns. Every cell but the last of its row is padded to its column's
/// width, so each is first cut to [`MAX_CELL_WIDTH`]: the table stays in proportion to
/// the number of cells, however wide one of them is. The last cell is never padded and
/// never cut.
fn render_rows(rows: &[Vec<String>]) -> String {
    let rows: Vec<Vec<std::borrow::Cow<'_, str>>> = rows
        .iter()
        .map(|row| {
            let last = row.len().saturating_sub(1);
            row.iter()
                .enumerate()
                .map(|(c, cell)| if c < last { fit(cell) } else { cell.into() })
                .collect()
        })
        .collect();
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| width(s))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in &rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if c + 1 < row.len() {
                let column = widths.get(c).copied().unwrap_or(0);
                let pad = column.saturating_sub(width(cell)) + 2;
                line.extend(std::iter::repeat(' ').take(pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A late unit or section in the table: its name, how many reports were late, and which
/// matters, each name cut to the table's width.
fn late_unit_line(u: &LateUnit) -> String {
    let matters: Vec<_> = u.matters.iter().map(|m| fit(m)).collect();
    format!(
        "  {}: {} ({})",
        fit(&u.unit),
        u.late_reports,
        matters.join(", ")
    )
}

/// `serde_json`'s pretty printer (two spaces a level), starting `depth` levels in: what
/// [`CheckReport::write_json`] writes for a value at that depth of the report.
pub(crate) struct Indented {
    depth: usize,
    has_value: bool,
    /// Whether the top-level object is left open (without its line break and `}`): the
    /// report's head, after which [`CheckReport::write_lists`] writes the other fields.
    top_open: bool,
}

impl Indented {
    pub(crate) fn new(depth: usize) -> Indented {
        Indented {
            depth,
            has_value: false,
            top_open: false,
        }
    }

    /// Inside an object at `depth`, after a field of it.
    fn after_a_field(depth: usize) -> Indented {
        Indented {
            has_value: true,
            ..Indented::new(depth)
        }
    }

    fn indent<W: ?Sized + io::Write>(&self, w: &mut W) -> io::Result<()> {
        const SPACES: &[u8] = b"                                                                ";
        let mut left = self.depth * 2;
        while left > 0 {
            let n = left.min(SPACES.len());
            w.write_all(SPACES.get(..n).unwrap_or_default())?;
            left -= n;
        }
        Ok(())
    }
}

impl serde_json::ser::Formatter for Indented {
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"[")
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth = self.depth.saturating_sub(1);
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(b"]")
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth = self.depth.saturating_sub(1);
        if self.top_open && self.depth == 0 {
            return Ok(());
        }
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(b"}")
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Writes the key of a field of the report's top-level object, not its first.
fn top_key(out: &mut impl io::Write, key: &str) -> io::Result<()> {
    out.write_all(b",\n  \"")?;
    out.write_all(key.as_bytes())?;
    out.write_all(b"\": ")
}

/// Writes a field of the report's top-level object, not its first, as serde writes it.
fn top_field<T: Serialize + ?Sized>(
    out: &mut impl io::Write,
    key: &str,
    value: &T,
) -> io::Result<()> {
    top_key(out, key)?;
    let mut s = serde_json::Serializer::with_formatter(out, Indented::new(1));
    value.serialize(&mut s).map_err(io::Error::other)
}

/// Writes Art. 7's bands, the value of the report's `quarterly_bands`, as serde writes
/// them, straight into bytes: a large caseload's bands name hundreds of thousands of
/// items, each otherwise a dozen calls through the serializer, on the thread that ends
/// the report. Or a part of them: the array's `[` is written if `open`, its end if
/// `close`, and `preceded` says whether bands were written before these.
fn write_bands(
    out: &mut impl io::Write,
    bands: &[QuarterBands],
    open: bool,
    preceded: bool,
    close: bool,
) -> io::Result<()> {
    let mut bytes = Vec::with_capacity(1 << 16);
    if open {
        bytes.push(b'[');
    }
    for (k, band) in bands.iter().enumerate() {
        let first = k == 0 && !preceded;
        bytes.extend_from_slice(if first { b"\n    {" } else { b",\n    {" });
        bytes.extend_from_slice(b"\n      \"quarter\": ");
        serde_json::to_writer(&mut bytes, &band.quarter).map_err(io::Error::other)?;
        bytes.extend_from_slice(b",\n      \"sector\": ");
        string(&mut bytes, &band.sector).ok_or_else(|| io::Error::other("a sector"))?;
        for (key, items) in [
            ("completed", &band.completed),
            ("progressing_well", &band.progressing_well),
            ("progressing_slowly", &band.progressing_slowly),
            ("not_reported", &band.not_reported),
        ] {
            bytes.extend_from_slice(b",\n      \"");
            bytes.extend_from_slice(key.as_bytes());
            bytes.extend_from_slice(b"\": [");
            for (j, item) in items.iter().enumerate() {
                bytes.extend_from_slice(if j == 0 {
                    b"\n        {"
                } else {
                    b",\n        {"
                });
                bytes.extend_from_slice(b"\n          \"matter\": ");
                string(&mut bytes, &item.matter).ok_or_else(|| io::Error::other("a matter"))?;
                bytes.extend_from_slice(b",\n          \"item\": ");
                string(&mut bytes, &item.item).ok_or_else(|| io::Error::other("an item"))?;
                if item.not_reported {
                    bytes.extend_from_slice(b",\n          \"not_reported\": true");
                }
                bytes.extend_from_slice(b"\n        }");
                if bytes.len() >= 1 << 16 {
                    out.write_all(&bytes)?;
                    bytes.clear();
                }
            }
            if !items.is_empty() {
                bytes.extend_from_slice(b"\n      ");
            }
            bytes.push(b']');
        }
        bytes.extend_from_slice(b"\n    }");
    }
    if close {
        // An array with elements ends on a line of its own; an empty one, `[]`.
        let any = preceded || !bands.is_empty();
        bytes.extend_from_slice(if any { b"\n  ]" } else { b"]" });
    }
    out.write_all(&bytes)
}

/// The depth of a matter in the report: an element of the top-level `matters` array.
const MATTER_DEPTH: usize = 2;

/// Appends to `out` the bytes [`CheckReport::write_json`] writes for the matter `m` (its
/// object, without the separator before it and the indentation of its first line).
pub(crate) fn write_matter_entry(
    m: &MatterReport,
    language: Language,
    explanations: Explanations<'_>,
    out: &mut Vec<u8>,
) -> io::Result<()> {
    let mut s = serde_json::Serializer::with_formatter(out, Indented::new(MATTER_DEPTH));
    m.write(&mut s, language, explanations)
        .map_err(io::Error::other)
}

/// The depth of an obligation in the report: an element of a matter's `obligations`.
const OBLIGATION_DEPTH: usize = MATTER_DEPTH + 2;

/// Matters' entries as an [`EntryWriter`] leaves them: their own bytes, with the pieces of
/// its caches placed between them rather than copied in. A piece (a deadline's fields, a
/// status's, a matter's fields from kind to state) is shared by every entry that uses it
/// and copied out only when the report is written, so entries kept until then take a
/// fraction of the memory their bytes would (about 0.19 times the input, their own bytes
/// 0.124 and their places 0.068, against 2.07 for the written entries of the
/// 1,000,000-matter generated caseload), and the threads that check matters do not write
/// the whole report into fresh memory.
#[derive(Default)]
pub(crate) struct Entries {
    bytes: Vec<u8>,
    /// In the order of `at`.
    placed: Vec<Placed>,
    /// The generations of pieces placed, each once.
    generations: Vec<Generation>,
    /// The bytes of the pieces made while these entries were written: a piece's memory is
    /// counted once, however many entries share it, but it is counted (kept pieces must
    /// count against the memory a check holds even when every matter's differ).
    pieces_bytes: usize,
}

/// The pieces an [`EntryWriter`]'s cache made since it last forgot them, in the order
/// made, shared with the entries that place them. Entries name a piece by its place here
/// and hold the generation, not the piece: placing a piece then touches no counter shared
/// between threads (an `Arc` a piece was a cache miss and an atomic add each time), and
/// the pieces of a generation go when the last entries placing them are written out.
/// The lock is taken to add a piece (a few thousand times a check) and to write entries
/// out (once per batch).
/// Each piece is kept with the place that splits it in two parts (see [`Part`]).
#[derive(Clone, Default)]
struct Generation(Arc<std::sync::RwLock<Vec<SplitPiece>>>);

/// A piece's bytes and where they split.
type SplitPiece = (Arc<[u8]>, usize);

impl Generation {
    /// Adds `piece`, split at `split`: its place.
    fn add(&self, piece: Arc<[u8]>, split: usize) -> Option<u32> {
        let mut pieces = self.0.write().ok()?;
        let at = u32::try_from(pieces.len()).ok()?;
        pieces.push((piece, split));
        Some(at)
    }
}

/// A piece as a cache has it: its bytes, where they split, and where its generation keeps
/// them.
#[derive(Clone, Copy)]
struct PieceRef<'a> {
    bytes: &'a [u8],
    split: usize,
    generation: &'a Generation,
    at: u32,
}

/// What of a piece an entry places: all of it, or the part before or after its split (a
/// deadline's fields go before the status, its explanation after).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Part {
    Whole = 0,
    Before = 1,
    After = 2,
}

impl Part {
    const ALL: [Part; 3] = [Part::Whole, Part::Before, Part::After];

    fn of(self, bytes: &[u8], split: usize) -> Option<&[u8]> {
        match self {
            Part::Whole => Some(bytes),
            Part::Before => bytes.get(..split),
            Part::After => bytes.get(split..),
        }
    }
}

#[cfg(test)]
impl From<Vec<u8>> for Entries {
    fn from(bytes: Vec<u8>) -> Entries {
        Entries {
            bytes,
            ..Entries::default()
        }
    }
}

/// A piece of an entry: the part `slot % 4` (of [`Part::ALL`]) of the piece at `piece` of
/// the entries' generation `slot / 4` goes before the byte at `at` of the entries' bytes.
/// (Twelve bytes, for millions of them: a batch's entries are far under 4 GiB, and an
/// entry that would not fit is written the slow way.)
struct Placed {
    at: u32,
    piece: u32,
    slot: u32,
}

/// Pieces up to this long are copied into the entries' bytes: placing one costs more.
const COPIED_PIECE: usize = 48;

impl Entries {
    /// Entries with room for `bytes` bytes of their own and `places` pieces placed.
    pub(crate) fn with_capacity(bytes: usize, places: usize) -> Entries {
        Entries {
            bytes: Vec::with_capacity(bytes),
            placed: Vec::with_capacity(places),
            generations: Vec::new(),
            pieces_bytes: 0,
        }
    }

    /// The length of the entries' own bytes: where the next entry starts, in the terms of
    /// [`Entries::write_runs`].
    pub(crate) fn len(&self) -> usize {
        self.bytes.len()
    }

    /// What holding the entries costs in memory: their own bytes, their places, and the
    /// pieces no entry placed before them.
    pub(crate) fn held(&self) -> usize {
        self.bytes.len() + self.placed.len() * std::mem::size_of::<Placed>() + self.pieces_bytes
    }

    pub(crate) fn extend_from_slice(&mut self, bytes: &[u8]) {
        self.bytes.extend_from_slice(bytes);
    }

    fn push(&mut self, byte: u8) {
        self.bytes.push(byte);
    }

    /// The `part` of `piece` next.
    fn place(&mut self, piece: PieceRef<'_>, part: Part) -> Option<()> {
        let bytes = part.of(piece.bytes, piece.split)?;
        if bytes.len() <= COPIED_PIECE {
            self.bytes.extend_from_slice(bytes);
            return Some(());
        }
        // Entries place pieces of a few generations (one a cache, and those before a cache
        // forgot): found among them without touching the count they share.
        let generation = match self
            .generations
            .iter()
            .rposition(|g| Arc::ptr_eq(&g.0, &piece.generation.0))
        {
            Some(k) => k,
            None => {
                self.generations.push(piece.generation.clone());
                self.generations.len() - 1
            }
        };
        self.placed.push(Placed {
            at: u32::try_from(self.bytes.len()).ok()?,
            piece: piece.at,
            slot: u32::try_from(generation.checked_mul(4)? + part as usize).ok()?,
        });
        Some(())
    }

    /// Counts a piece made while writing these entries (see `pieces_bytes`).
    fn count_made(&mut self, piece: &[u8]) {
        self.pieces_bytes = self.pieces_bytes.saturating_add(piece.len());
    }

    /// Forgets everything from `len` (a length the entries had) on.
    fn truncate(&mut self, len: usize) {
        self.bytes.truncate(len);
        let keep = self.placed.partition_point(|p| (p.at as usize) < len);
        self.placed.truncate(keep);
    }

    /// Writes to `out` the entries' bytes in `runs` (increasing ranges of their own bytes,
    /// each from the start of an entry to the end of one), with the pieces placed inside
    /// them: a piece placed at `at` belongs to the run with `start <= at < end`.
    pub(crate) fn write_runs(
        &self,
        runs: &[std::ops::Range<usize>],
        out: &mut dyn io::Write,
    ) -> io::Result<()> {
        // The pieces of bytes go to `out` many at a time, by reference (`write_vectored`),
        // rather than each copied into a buffer first: the entries are most of a report.
        let lost = || io::Error::other("a piece of a report entry is missing");
        let generations = self
            .generations
            .iter()
            .map(|g| g.0.read().map_err(|_| lost()))
            .collect::<io::Result<Vec<_>>>()?;
        let mut gather = Gather::default();
        let mut next = 0;
        for run in runs {
            while self
                .placed
                .get(next)
                .is_some_and(|p| (p.at as usize) < run.start)
            {
                next += 1;
            }
            let mut from = run.start;
            while let Some(p) = self.placed.get(next).filter(|p| (p.at as usize) < run.end) {
                let at = p.at as usize;
                let (generation, part) = (p.slot as usize / 4, p.slot as usize % 4);
                let piece = generations
                    .get(generation)
                    .and_then(|g| g.get(p.piece as usize))
                    .zip(Part::ALL.get(part))
                    .and_then(|((piece, split), part)| part.of(piece, *split))
                    .ok_or_else(lost)?;
                gather.add(self.bytes.get(from..at).unwrap_or_default(), out)?;
                gather.add(piece, out)?;
                from = at;
                next += 1;
            }
            gather.add(self.bytes.get(from..run.end).unwrap_or_default(), out)?;
        }
        gather.flush(out)
    }
}

/// Slices of bytes gathered to be written together.
#[derive(Default)]
struct Gather<'a> {
    slices: Vec<&'a [u8]>,
    bytes: usize,
}

impl<'a> Gather<'a> {
    /// Slices written at once, at most (the system's limit is 1,024 on Linux).
    const SLICES: usize = 512;
    /// Bytes written at once, about.
    const BYTES: usize = 1 << 20;

    fn add(&mut self, slice: &'a [u8], out: &mut dyn io::Write) -> io::Result<()> {
        if slice.is_empty() {
            return Ok(());
        }
        self.slices.push(slice);
        self.bytes += slice.len();
        if self.slices.len() >= Gather::SLICES || self.bytes >= Gather::BYTES {
            self.flush(out)?;
        }
        Ok(())
    }

    /// Writes every slice gathered, in order, whatever part of them each call takes.
    fn flush(&mut self, out: &mut dyn io::Write) -> io::Result<()> {
        let (mut first, mut offset) = (0, 0);
        while first < self.slices.len() {
            let rest = self.slices.get(first..).unwrap_or_default();
            let mut io_slices: Vec<io::IoSlice<'_>> = Vec::with_capacity(rest.len());
            for (k, slice) in rest.iter().enumerate() {
                let skip = if k == 0 { offset } else { 0 };
                io_slices.push(io::IoSlice::new(slice.get(skip..).unwrap_or_default()));
            }
            let mut written = match out.write_vectored(&io_slices) {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            // Past the slices written whole, into the one written in part.
            while let Some(slice) = self.slices.get(first) {
                let left = slice.len() - offset;
                if written < left {
                    offset += written;
                    break;
                }
                written -= left;
                first += 1;
                offset = 0;
            }
        }
        self.slices.clear();
        self.bytes = 0;
        Ok(())
    }
}

/// The most bytes each cache of an [`EntryWriter`] holds (with its keys, not counting the
/// hash table's spare room) before it is emptied. The 1,000,000-matter generated caseload
/// (seed 1) has 12,377 distinct deadlines and 24,313 distinct statuses with the days they
/// were met: their pieces take 8.0 MB and 7.8 MB, 21.9 MB for the deadlines with their
/// explanations. Caches smaller than that thrash: at 4,096 entries each, a third of the
/// lookups missed, and the entries cost three quarters of what serde's did.
const ENTRY_CACHE_BUDGET: usize = 32 << 20;

/// Writes matters' entries of the report, the bytes [`write_matter_entry`] writes, at less
/// cost (on the generated 1,000,000-matter caseload, 2.5 times less without explanations,
/// and the explanations, which cost nearly three times the rest of the check, are rendered
/// once per distinct deadline): most of an entry is its obligations' deadlines and
/// statuses, and a caseload has few distinct ones (a deadline depends on a period or a
/// date, a status on a date and counts), so the fields of each are serialized once (by the
/// views [`CheckReport::write_json`] uses, at the same depth) and their bytes reused. The
/// rest of an entry (the matter's names and state) is written field by field with the same
/// formatter and serde_json's escaping.
///
/// Its caches hold bytes written in one language with one policy and calendar: a writer
/// belongs to one check (one per worker thread), never shared between checks.
pub(crate) struct EntryWriter<'a> {
    language: Language,
    explanations: Explanations<'a>,
    /// The most bytes each cache holds.
    budget: usize,
    /// A deadline's fields, then (from the place given) its explanation's.
    deadlines: Memo<crate::Deadline>,
    /// The fields of a status and the day it was met.
    statuses: Memo<(Option<NaiveDate>, Status)>,
    /// A matter's fields from its kind to its state (a caseload has a few hundred units,
    /// each in one sector: few distinct ones, and half of an entry's own bytes).
    heads: Memo<HeadKey>,
    /// The names the keys of `heads` point at, kept while those keys are.
    head_names: Vec<Arc<str>>,
    /// What an object at [`OBLIGATION_DEPTH`] ends with.
    object_end: Vec<u8>,
    scratch: Vec<u8>,
}

impl<'a> EntryWriter<'a> {
    /// A writer of entries in `language`, with or without explanations.
    pub(crate) fn new(language: Language, explanations: Explanations<'a>) -> EntryWriter<'a> {
        EntryWriter::with_budget(language, explanations, ENTRY_CACHE_BUDGET)
    }

    fn with_budget(
        language: Language,
        explanations: Explanations<'a>,
        budget: usize,
    ) -> EntryWriter<'a> {
        // The bytes the formatter writes to end a non-empty object at an obligation's depth.
        let mut object_end = Vec::new();
        let mut f = Indented::after_a_field(OBLIGATION_DEPTH + 1);
        let _ = serde_json::ser::Formatter::end_object(&mut f, &mut object_end);
        EntryWriter {
            language,
            explanations,
            budget,
            deadlines: Memo::new(),
            statuses: Memo::new(),
            heads: Memo::new(),
            head_names: Vec::new(),
            object_end,
            scratch: Vec::new(),
        }
    }

    /// Appends to `out` the bytes [`write_matter_entry`] appends for `m`.
    pub(crate) fn write(&mut self, m: &MatterReport, out: &mut Entries) -> io::Result<()> {
        let start = out.len();
        if self.write_fast(m, out).is_none() {
            // Not reached: every piece serialized ends as `new` found an object ends. Should
            // one ever not, the entry is written the slow way rather than wrong.
            out.truncate(start);
            write_matter_entry(m, self.language, self.explanations, &mut out.bytes)?;
        }
        Ok(())
    }

    fn write_fast(&mut self, m: &MatterReport, entries: &mut Entries) -> Option<()> {
        use serde_json::ser::Formatter;
        // The fields of `MatterView`, as serde writes them.
        let mut f = Indented::new(MATTER_DEPTH);
        let out = &mut entries.bytes;
        f.begin_object(out).ok()?;
        field(&mut f, out, "id", true, |out| string(out, &m.id))?;
        // The head piece goes on past the state to the first obligation's `{` (or to the
        // empty array of a matter with none): that skeleton is the same for every matter
        // of a head, and kept once there rather than in every entry's own bytes. Not when
        // a referral date comes between the state and the obligations (it is the matter's).
        let skeleton = if m.obligations.is_empty() {
            Skeleton::Empty
        } else {
            Skeleton::Open
        };
        let in_head = m.referred_on.is_none().then_some(skeleton);
        let head = HeadKey {
            kind: m.kind,
            state: m.state,
            unit: name_address(&m.unit),
            sector: name_address(&m.sector),
            skeleton: in_head,
        };
        let forgotten = self.heads.forgotten;
        let (head, made) = self.heads.get(head, &head, self.budget, || {
            let mut head = Vec::new();
            // Inside the matter's object after its id, as `f` is: each field after a
            // comma, a line break and the indentation.
            let mut f = Indented::after_a_field(MATTER_DEPTH + 1);
            field(&mut f, &mut head, "kind", false, |out| {
                m.kind.serialize(&mut serde_json::Serializer::new(out)).ok()
            })?;
            for (key, value) in [
                ("unit", &*m.unit),
                ("sector", &m.sector),
                ("state", m.state),
            ] {
                field(&mut f, &mut head, key, false, |out| string(out, value))?;
            }
            if let Some(skeleton) = in_head {
                skeleton.write(&mut f, &mut head)?;
            }
            Some((Arc::from(head), 0))
        })?;
        if made {
            entries.count_made(head.bytes);
        }
        entries.place(head, Part::Whole)?;
        // The names the heads' keys point at live as long as the keys (see `HeadKey`).
        if self.heads.forgotten != forgotten {
            self.head_names.clear();
        }
        if made {
            self.head_names
                .extend([Arc::clone(&m.unit), Arc::clone(&m.sector)]);
        }
        let out = &mut entries.bytes;
        if let Some(day) = m.referred_on {
            field(&mut f, out, "referred_on", false, |out| {
                crate::period::iso(&day, &mut serde_json::Serializer::new(out)).ok()
            })?;
        }
        // Written by the head piece, `f` follows the skeleton as if it had written it;
        // else the entry's own bytes hold it.
        match in_head {
            Some(_) => skeleton.write(&mut f, &mut io::sink())?,
            None => skeleton.write(&mut f, out)?,
        }
        if m.obligations.is_empty() {
            // The end is the entry's own, never a piece: a piece is placed before bytes
            // of the entry that places it (see `Entries::write_runs`).
            return f.end_object(out).ok();
        }
        for (k, o) in m.obligations.iter().enumerate() {
            if k > 0 {
                f.begin_array_value(&mut entries.bytes, false).ok()?;
                f.begin_object(&mut entries.bytes).ok()?;
            }
            let (language, explanations) = (self.language, self.explanations);
            let (scratch, end) = (&mut self.scratch, &self.object_end);
            let budget = self.budget;
            let (deadline, made) =
                self.deadlines
                    .get(o.deadline, &o.deadline.obligation(), budget, || {
                        let mut bytes = fields(&o.deadline, scratch, end)?;
                        let split = bytes.len();
                        let explanation = ExplanationView::of(&o.deadline, language, explanations);
                        bytes.extend_from_slice(&fields(&explanation, scratch, end)?);
                        Some((Arc::from(bytes), split))
                    })?;
            if made {
                entries.count_made(deadline.bytes);
            }
            let key = (o.met_on, o.status);
            let (status, made) = self.statuses.get(key, &key, budget, || {
                let view = StatusView::of(o, language);
                Some((Arc::from(fields(&view, scratch, end)?), 0))
            })?;
            if made {
                entries.count_made(status.bytes);
            }
            let mut any = false;
            for (piece, part) in [
                (deadline, Part::Before),
                (status, Part::Whole),
                (deadline, Part::After),
            ] {
                if part.of(piece.bytes, piece.split)?.is_empty() {
                    continue;
                }
                if any {
                    entries.push(b',');
                }
                entries.place(piece, part)?;
                any = true;
            }
            let out = &mut entries.bytes;
            if any {
                f.end_object_value(out).ok()?;
            }
            f.end_object(out).ok()?;
            f.end_array_value(out).ok()?;
        }
        let out = &mut entries.bytes;
        f.end_array(out).ok()?;
        f.end_object_value(out).ok()?;
        f.end_object(out).ok()
    }
}

/// Writes the field `key` (a field's name in `MatterView`: letters and underscores, which
/// JSON does not escape) of an object with `f`, its value by `value`.
fn field(
    f: &mut Indented,
    out: &mut Vec<u8>,
    key: &str,
    first: bool,
    value: impl FnOnce(&mut Vec<u8>) -> Option<()>,
) -> Option<()> {
    use serde_json::ser::Formatter;
    f.begin_object_key(out, first).ok()?;
    out.push(b'"');
    out.extend_from_slice(key.as_bytes());
    out.push(b'"');
    f.begin_object_value(out).ok()?;
    value(out)?;
    f.end_object_value(out).ok()
}

/// Writes `value` as a JSON string, escaped as serde_json escapes it.
fn string(out: &mut Vec<u8>, value: &str) -> Option<()> {
    if needs_no_escape(value.as_bytes()) {
        out.reserve(value.len() + 2);
        out.push(b'"');
        out.extend_from_slice(value.as_bytes());
        out.push(b'"');
        return Some(());
    }
    serde::Serializer::serialize_str(&mut serde_json::Serializer::new(out), value).ok()
}

/// Whether serde_json writes `bytes` in a string as they are: it escapes control
/// characters, `"` and `\\` and nothing else. Every byte looked at, with no early exit, so
/// that the loop runs many bytes at a time (serde_json's own looks byte by byte, and most
/// names are Chinese, three bytes a character).
fn needs_no_escape(bytes: &[u8]) -> bool {
    !bytes.iter().fold(false, |any, &b| {
        any | (b < 0x20) | (b == b'"') | (b == b'\\')
    })
}

/// Bytes remembered by key, up to a budget: once it is reached, all are forgotten before
/// the next new piece is remembered. Once a caseload's distinct pieces fit, none is made
/// twice.
///
/// Each key is kept in the hash table with its piece, so that looking one up reads one
/// bucket (the table's control bytes stay in the processor's caches): the lookups are
/// most of the cost of writing an entry, and each place read is a likely cache miss.
struct Memo<K> {
    pieces: HashMap<Key<K>, Piece, FastState>,
    /// The hasher of the part of a key that is hashed.
    fingerprints: FastState,
    /// Every piece made since all were last forgotten, for the entries to place.
    generation: Generation,
    /// The bytes `generation` holds, counting each piece's own size.
    bytes: usize,
    /// How many times all were forgotten.
    forgotten: usize,
}

/// What a matter's fields from its kind to its state are written from, with what of the
/// entry's skeleton follows them in the piece. The unit and the sector are named by the
/// address of their shared text: names are interned, so a matter's names are the same
/// allocation as those of the matters before it on the thread, and looking one up then
/// clones no `Arc` (whose counter the merge touches too) and hashes no text. The writer
/// keeps every name a key points at (`EntryWriter::head_names`) until the keys are
/// forgotten, so no address is reused for other text meanwhile; a name that is not the
/// interned allocation (a copy of the same text) only makes a piece of the same bytes.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct HeadKey {
    kind: crate::MatterKind,
    state: &'static str,
    unit: usize,
    sector: usize,
    /// The skeleton after the state, when the piece holds it.
    skeleton: Option<Skeleton>,
}

/// The address of a name's shared text (see [`HeadKey`]).
fn name_address(name: &Arc<str>) -> usize {
    Arc::as_ptr(name).cast::<u8>() as usize
}

/// A matter entry's skeleton after its state (and its referral date).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Skeleton {
    /// The `obligations` key and the opening of the array and of its first obligation.
    Open,
    /// The `obligations` key and an empty array.
    Empty,
}

impl Skeleton {
    /// Writes the skeleton with `f`, which is just after the state (or the referral date).
    fn write(self, f: &mut Indented, out: &mut impl io::Write) -> Option<()> {
        use serde_json::ser::Formatter;
        f.begin_object_key(out, false).ok()?;
        out.write_all(b"\"obligations\"").ok()?;
        f.begin_object_value(out).ok()?;
        f.begin_array(out).ok()?;
        if self == Skeleton::Open {
            f.begin_array_value(out, true).ok()?;
            return f.begin_object(out).ok();
        }
        f.end_array(out).ok()?;
        f.end_object_value(out).ok()
    }
}

/// A key with the hash of the part of it that is hashed: keys of one hash are told apart
/// by the whole key.
#[derive(PartialEq, Eq)]
struct Key<K> {
    print: u64,
    key: K,
}

impl<K> std::hash::Hash for Key<K> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(self.print);
    }
}

/// Bytes remembered, a place in them, and their place in the generation.
struct Piece {
    bytes: Arc<[u8]>,
    split: usize,
    at: u32,
}

impl<K: Eq> Memo<K> {
    fn new() -> Memo<K> {
        Memo {
            pieces: HashMap::with_hasher(FastState::new()),
            fingerprints: FastState::new(),
            generation: Generation::default(),
            bytes: 0,
            forgotten: 0,
        }
    }

    /// What holding `bytes` costs: their length, the piece's own size and its key's.
    fn size(bytes: &[u8]) -> usize {
        bytes.len() + std::mem::size_of::<(Key<K>, Piece, Arc<[u8]>)>()
    }

    /// The piece remembered for `key`, and whether it was made now (by
    /// `make`, there being none). `hashed` is what of `key` is hashed: all of it, or a
    /// part that decides the rest in practice (keys that agree on it but differ elsewhere
    /// are told apart all the same, at the cost of a longer probe).
    fn get(
        &mut self,
        key: K,
        hashed: &impl std::hash::Hash,
        budget: usize,
        make: impl FnOnce() -> Option<(Arc<[u8]>, usize)>,
    ) -> Option<(PieceRef<'_>, bool)> {
        use std::collections::hash_map::Entry;
        let print = std::hash::BuildHasher::hash_one(&self.fingerprints, hashed);
        let key = Key { print, key };
        if self.bytes >= budget && !self.pieces.contains_key(&key) {
            self.pieces.clear();
            self.generation = Generation::default();
            self.bytes = 0;
            self.forgotten += 1;
        }
        let (held, made) = match self.pieces.entry(key) {
            Entry::Occupied(e) => (e.into_mut(), false),
            Entry::Vacant(e) => {
                let (bytes, split) = make()?;
                self.bytes = self.bytes.saturating_add(Self::size(&bytes));
                let at = self.generation.add(Arc::clone(&bytes), split)?;
                (e.insert(Piece { bytes, split, at }), true)
            }
        };
        let piece = PieceRef {
            bytes: &held.bytes,
            split: held.split,
            generation: &self.generation,
            at: held.at,
        };
        Some((piece, made))
    }
}

/// The fields `value` (an object) writes at [`OBLIGATION_DEPTH`], each after a line break
/// and its indentation, separated by commas: what it writes without its `{` and the `end`
/// of the object, or nothing for an empty object.
fn fields<T: Serialize>(value: &T, scratch: &mut Vec<u8>, end: &[u8]) -> Option<Vec<u8>> {
    scratch.clear();
    let mut s =
        serde_json::Serializer::with_formatter(&mut *scratch, Indented::new(OBLIGATION_DEPTH));
    value.serialize(&mut s).ok()?;
    if scratch.as_slice() == b"{}" {
        return Some(Vec::new());
    }
    Some(scratch.strip_prefix(b"{")?.strip_suffix(end)?.to_vec())
}

/// What comes before each matter's entry in the report: a newline after the array's `[`
/// or after the comma that ends the previous matter, and the matter's indentation.
pub(crate) fn matter_separator(first: bool) -> &'static [u8] {
    if first {
        b"\n    "
    } else {
        b",\n    "
    }
}

/// The key of the matters in the report as written with no matter: the report's bytes
/// up to and including `[` are followed by the entries, then by `"\n  ]"` when there is
/// at least one.
const EMPTY_MATTERS: &[u8] = b"\n  \"matters\": []";

/// Where the entries of the matters go in `report`, a report written with no matters:
/// just after the `[` of its `matters` array. (A string of the report cannot hold the line
/// break that starts [`EMPTY_MATTERS`], so its first occurrence is the top-level key.)
pub(crate) fn matters_open(report: &[u8]) -> io::Result<usize> {
    report
        .windows(EMPTY_MATTERS.len())
        .position(|w| w == EMPTY_MATTERS)
        .map(|at| at + EMPTY_MATTERS.len() - 1)
        .ok_or_else(|| io::Error::other("the report has no `matters` array"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{parse_date, Caseload};
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    /// What [`write_matter_entry`] (serde through the report's views) writes for `m`.
    fn reference(m: &MatterReport, language: Language, explanations: Explanations<'_>) -> String {
        let mut out = Vec::new();
        write_matter_entry(m, language, explanations, &mut out).expect("writes to a Vec");
        String::from_utf8(out).expect("UTF-8")
    }

    /// Checks that `writer` writes every matter of `report`, in order, as the reference
    /// does, without falling back to it, its caches within their budget (but for the
    /// last piece remembered).
    #[track_caller]
    fn same_entries(report: &CheckReport, writer: &mut EntryWriter<'_>) {
        // Every entry into one `Entries`, as a batch's are: each written out alone, and
        // every other one together, must be the reference's bytes.
        let mut entries = Entries::default();
        let (mut runs, mut alternate) = (Vec::new(), String::new());
        let made = |writer: &EntryWriter<'_>| {
            let bytes = |g: &Generation| {
                g.0.read()
                    .map_or(0, |p| p.iter().map(|(p, _)| p.len()).sum())
            };
            let (d, s, h) = (&writer.deadlines, &writer.statuses, &writer.heads);
            (
                d.forgotten + s.forgotten + h.forgotten,
                bytes(&d.generation) + bytes(&s.generation) + bytes(&h.generation),
            )
        };
        let before = made(writer);
        for (k, m) in report.matters.iter().enumerate() {
            let start = entries.len();
            assert!(
                writer.write_fast(m, &mut entries).is_some(),
                "fast path for {}",
                m.id
            );
            let run = start..entries.len();
            let mut fast = Vec::new();
            entries
                .write_runs(std::slice::from_ref(&run), &mut fast)
                .expect("writes to a Vec");
            let fast = String::from_utf8(fast).expect("UTF-8");
            let expected = reference(m, writer.language, writer.explanations);
            assert_eq!(fast, expected, "matter {}", m.id);
            if k % 2 == 0 {
                runs.push(run);
                alternate.push_str(&expected);
            }
            within_budget(&writer.deadlines, writer.budget);
            within_budget(&writer.statuses, writer.budget);
            within_budget(&writer.heads, writer.budget);
        }
        let mut together = Vec::new();
        entries
            .write_runs(&runs, &mut together)
            .expect("writes to a Vec");
        assert_eq!(String::from_utf8(together).expect("UTF-8"), alternate);
        // The pieces made for these entries counted against what they hold, each once.
        let after = made(writer);
        if after.0 == before.0 {
            assert_eq!(entries.pieces_bytes, after.1 - before.1);
        }
    }

    #[track_caller]
    fn within_budget<K: Eq>(memo: &Memo<K>, budget: usize) {
        let sizes = memo.pieces.values().map(|p| Memo::<K>::size(&p.bytes));
        let largest = sizes.clone().max().unwrap_or(0);
        // Under budget before the last piece (a budget of 0 holds that piece alone).
        assert!(
            memo.bytes < budget.max(1) + largest,
            "{} bytes held",
            memo.bytes
        );
        assert_eq!(
            memo.generation.0.read().map(|g| g.len()).ok(),
            Some(memo.pieces.len())
        );
        assert!(sizes.sum::<usize>() <= memo.bytes);
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // A list of one run is meant.
    fn pieces_are_written_in_their_place_and_only_with_their_run() {
        let long = |c: u8| Arc::<[u8]>::from(vec![c; COPIED_PIECE + 10]);
        // Pieces of two generations, as two caches make them.
        let (first_generation, second_generation) = (Generation::default(), Generation::default());
        let (a, b) = (long(b'a'), long(b'b'));
        // `a` split after two bytes, `b` after three.
        let a = PieceRef {
            bytes: &a,
            split: 2,
            generation: &first_generation,
            at: first_generation.add(Arc::clone(&a), 2).expect("added"),
        };
        let b = PieceRef {
            bytes: &b,
            split: 3,
            generation: &second_generation,
            at: second_generation.add(Arc::clone(&b), 3).expect("added"),
        };
        let mut entries = Entries::default();
        entries.extend_from_slice(b"<1");
        entries.place(a, Part::Whole).expect("in range");
        entries.place(b, Part::After).expect("in range");
        entries.extend_from_slice(b"1><2");
        entries.place(a, Part::After).expect("in range");
        entries.extend_from_slice(b"2>");
        // A short part is copied.
        entries.place(b, Part::Before).expect("in range");
        entries.extend_from_slice(b"<3>");
        assert_eq!(entries.placed.len(), 3);
        // Each generation held once, however often its pieces are placed.
        assert_eq!(entries.generations.len(), 2);
        let beyond = PieceRef { split: 1000, ..a };
        assert!(entries.place(beyond, Part::Before).is_none());
        fn written(entries: &Entries, runs: &[std::ops::Range<usize>]) -> String {
            let mut out = Vec::new();
            entries.write_runs(runs, &mut out).expect("writes to a Vec");
            String::from_utf8(out).expect("UTF-8")
        }
        let (sa, sb) = ("a".repeat(COPIED_PIECE + 10), "b".repeat(COPIED_PIECE + 10));
        let first = format!("<1{sa}{}1>", &sb[3..]);
        let second = format!("<2{}2>", &sa[2..]);
        assert_eq!(written(&entries, &[0..4]), first);
        assert_eq!(written(&entries, &[4..8]), second);
        assert_eq!(written(&entries, &[8..14]), "bbb<3>");
        assert_eq!(written(&entries, &[0..4, 8..14]), format!("{first}bbb<3>"));
        assert_eq!(
            written(&entries, &[1..8]),
            format!("{}{second}", &first[1..])
        );
        assert_eq!(
            written(&entries, &[0..14]),
            format!("{first}{second}bbb<3>")
        );
        // Written a few bytes at a time, with interruptions, the same bytes.
        struct Trickle(Vec<u8>, usize);
        impl io::Write for Trickle {
            fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
                self.1 += 1;
                if self.1 % 3 == 0 {
                    return Err(io::ErrorKind::Interrupted.into());
                }
                let n = buf.len().min(1 + self.1 % 7);
                self.0.extend_from_slice(&buf[..n]);
                Ok(n)
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut trickle = Trickle(Vec::new(), 0);
        entries
            .write_runs(&[0..4, 8..14], &mut trickle)
            .expect("writes in the end");
        assert_eq!(
            String::from_utf8(trickle.0).expect("UTF-8"),
            format!("{first}bbb<3>")
        );
        // Truncating drops the pieces placed after the new end.
        entries.truncate(4);
        assert_eq!(entries.placed.len(), 2);
        assert_eq!(written(&entries, &[0..4]), first);
        // A piece its generation does not have is an error, not a gap in the report.
        let missing = PieceRef { at: 7, ..a };
        entries.place(missing, Part::Whole).expect("in range");
        assert!(entries.write_runs(&[0..4], &mut Vec::new()).is_ok());
        entries.extend_from_slice(b"!");
        assert!(entries.write_runs(&[0..5], &mut Vec::new()).is_err());
    }

    #[test]
    fn strings_are_escaped_as_serde_escapes_them() {
        // Every byte value alone and between others, and every character serde escapes.
        let mut texts: Vec<String> = (0..=0x7fu8)
            .map(|b| (b as char).to_string())
            .flat_map(|c| {
                [
                    c.clone(),
                    format!("单位{c}"),
                    format!("{c}x"),
                    format!("ab{c}cdefghijklmnopqrstuvwxyz"),
                ]
            })
            .collect();
        texts.extend(
            [
                "",
                "é",
                "\u{2028}",
                "😀",
                "\u{7f}\u{80}",
                "引号\"与反斜杠\\",
            ]
            .map(String::from),
        );
        for text in texts {
            let mut fast = Vec::new();
            string(&mut fast, &text).expect("writes to a Vec");
            assert_eq!(
                fast,
                serde_json::to_vec(&text).expect("serializes"),
                "{text:?}"
            );
        }
    }

    #[test]
    fn heads_of_names_that_come_and_go_are_their_own() {
        // Each matter's names a fresh allocation of new text, let go once its entry is
        // written: were the keys' addresses not kept alive, the allocator would hand the
        // same address to the next name, and its matter would get the last one's head.
        let calendar = Calendar::china();
        let as_of = parse_date("2025-12-01").expect("a date");
        let report = crate::check(&generated(60, 5), &Policy::ankang_2020(), &calendar, as_of)
            .expect("checks");
        let mut writer = EntryWriter::new(Language::Chinese, Explanations::Omit);
        let mut reused = 0;
        for round in 0..3 {
            let mut addresses = std::collections::HashSet::new();
            for (k, m) in report.matters.iter().enumerate() {
                let mut m = m.clone();
                m.unit = Arc::from(format!("单位{round}-{k}"));
                m.sector = Arc::from(format!("口{k}"));
                reused += usize::from(!addresses.insert(name_address(&m.unit)));
                let mut entries = Entries::default();
                assert!(writer.write_fast(&m, &mut entries).is_some());
                let mut written = Vec::new();
                let run = 0..entries.len();
                entries
                    .write_runs(std::slice::from_ref(&run), &mut written)
                    .expect("writes to a Vec");
                let expected = reference(&m, writer.language, writer.explanations);
                assert_eq!(String::from_utf8(written).expect("UTF-8"), expected);
            }
            // Forgetting the heads lets their names go with them.
            writer.heads.bytes = usize::MAX;
        }
        assert_eq!(reused, 0, "a kept name's address was handed out again");
        assert!(writer.head_names.len() <= 2 * report.matters.len() + 2);
    }

    #[test]
    fn keys_with_one_fingerprint_are_told_apart() {
        for every_key_hashed_alike in [true, false] {
            let (mut memo, mut made) = (Memo::new(), 0);
            for key in [1u32, 2, 2, 1, 3, 3, 3, 1] {
                let piece = |made: &mut usize| {
                    *made += 1;
                    Some((Arc::from(key.to_string().into_bytes()), 0))
                };
                let hashed = if every_key_hashed_alike { 0 } else { key };
                let (piece, _) = memo
                    .get(key, &hashed, 1 << 20, || piece(&mut made))
                    .unwrap();
                assert_eq!(piece.bytes, key.to_string().as_bytes());
            }
            assert_eq!((made, memo.pieces.len(), memo.forgotten), (3, 3, 0));
        }
    }

    /// Checks that [`CheckReport::write_json`] writes what serde writes for the whole
    /// report through one derived view, in both languages, with and without explanations;
    /// that the head a streamed report starts with is those bytes up to the matters; and
    /// that the lists written in two parts, however split, make the same bytes.
    #[track_caller]
    fn same_report(report: &CheckReport, policy: &Policy, calendar: &Calendar) {
        for language in [Language::Chinese, Language::English] {
            for explanations in [Explanations::Omit, Explanations::Include(policy, calendar)] {
                let mut written = Vec::new();
                report
                    .write_json(&mut written, language, explanations)
                    .expect("writes to a Vec");
                let view = ReportView {
                    schema: REPORT_SCHEMA,
                    as_of: report.as_of,
                    policy: &report.policy,
                    language,
                    coverage: report
                        .coverage
                        .iter()
                        .map(|(a, b)| format!("{a}..={b}"))
                        .collect(),
                    summary: &report.summary,
                    matters: Lazy {
                        items: &report.matters,
                        language,
                        explanations,
                    },
                    late_units: &report.late_units,
                    late_sections: &report.late_sections,
                    quarterly_bands: &report.quarterly_bands,
                    returns: &report.returns,
                    inspection_violations: &report.inspection_violations,
                    findings: Lazy {
                        items: &report.findings,
                        language,
                        explanations,
                    },
                    year_end: &report.year_end,
                    errors: Lazy {
                        items: &report.errors,
                        language,
                        explanations,
                    },
                };
                let expected = serde_json::to_string_pretty(&view).expect("serializes");
                assert_eq!(String::from_utf8(written).expect("UTF-8"), expected);
                let mut head = Vec::new();
                report
                    .write_head(&mut head, language, explanations)
                    .expect("writes to a Vec");
                assert!(expected.as_bytes().starts_with(&head));
                assert!(head.ends_with(b"]"), "the head ends with the matters");
                let mut all = head.clone();
                report
                    .write_lists(&mut all, language, explanations, Lists::All)
                    .expect("writes to a Vec");
                assert_eq!(String::from_utf8(all).expect("UTF-8"), expected);
                let bands = report.quarterly_bands.len();
                let splits = (0..=bands + 1).filter(|k| bands < 40 || k % 7 == 0 || *k == bands);
                for split in splits.chain([report.bands_split()]) {
                    let mut parts = head.clone();
                    for part in [Lists::First(split), Lists::Second(split)] {
                        report
                            .write_lists(&mut parts, language, explanations, part)
                            .expect("writes to a Vec");
                    }
                    let parts = String::from_utf8(parts).expect("UTF-8");
                    assert!(parts == expected, "split before band {split} of {bands}");
                }
            }
        }
    }

    /// The same in both languages, with and without explanations, with caches of the
    /// default budget and with tiny ones that fill and are emptied many times.
    #[track_caller]
    fn same_everywhere(report: &CheckReport, policy: &Policy, calendar: &Calendar) {
        for language in [Language::Chinese, Language::English] {
            for explanations in [Explanations::Omit, Explanations::Include(policy, calendar)] {
                for budget in [ENTRY_CACHE_BUDGET, 2_000] {
                    let mut writer = EntryWriter::with_budget(language, explanations, budget);
                    same_entries(report, &mut writer);
                    // Again with the caches full: entries from remembered bytes.
                    same_entries(report, &mut writer);
                    if budget < ENTRY_CACHE_BUDGET && report.matters.len() > 100 {
                        assert!(writer.deadlines.forgotten > 10 && writer.statuses.forgotten > 10);
                    }
                }
            }
        }
    }

    fn generated(n: usize, seed: u64) -> Caseload {
        let mut json = Vec::new();
        super::super::generate::write_caseload(&mut json, n, seed).expect("writes to a Vec");
        Caseload::from_json(json).expect("a generated caseload")
    }

    #[test]
    fn generated_matters_of_every_kind_and_status_are_written_as_serde_writes_them() {
        let calendar = Calendar::china();
        let mut policy = Policy::ankang_2020();
        let caseload = generated(1_500, 7);
        let mut kinds = BTreeSet::new();
        let mut codes = BTreeSet::new();
        let mut statuses = BTreeSet::new();
        let (mut empty, mut referred) = (false, false);
        // The as-of days: the generator's, and days on which more obligations are due
        // today or pending; then under a policy that sets a supplement deadline.
        let days = ["2025-12-01", "2023-10-31"];
        for supplement in [None, Some(crate::WorkingDays(3))] {
            policy.parameters.supplement_period.value = supplement;
            for day in days {
                let as_of = parse_date(day).expect("a date");
                let report = crate::check(&caseload, &policy, &calendar, as_of).expect("checks");
                same_everywhere(&report, &policy, &calendar);
                same_report(&report, &policy, &calendar);
                let bands = &report.quarterly_bands;
                assert!(bands.iter().any(|b| !b.not_reported.is_empty()));
                assert!(bands.iter().any(|b| b.completed.is_empty()));
                assert!(!report.late_units.is_empty() && !report.returns.is_empty());
                for m in &report.matters {
                    kinds.insert(format!("{:?}", m.kind));
                    empty |= m.obligations.is_empty();
                    referred |= m.referred_on.is_some();
                    for o in &m.obligations {
                        codes.insert(o.deadline.kind().code());
                        statuses.insert(format!("{}{}", o.status.code(), o.met_on.is_some()));
                        if let Status::AwaitingSupplement { supplement_due, .. } = o.status {
                            statuses.insert(format!("supplement due {}", supplement_due.is_some()));
                        }
                    }
                }
            }
        }
        assert!(
            empty && referred,
            "matters without obligations and referred ones"
        );
        assert_eq!(codes.len(), 7, "every obligation: {codes:?}");
        for status in [
            "pendingfalse",
            "due_todayfalse",
            "overduefalse",
            "met_on_timetrue",
            "met_latetrue",
            "awaiting_supplementfalse",
            "supplement due true",
            "supplement due false",
        ] {
            assert!(statuses.contains(status), "{status} in {statuses:?}");
        }
        // Every kind the generator writes (all but evaluations, which have no obligation).
        assert_eq!(kinds.len(), 7, "kinds of matter: {kinds:?}");
    }

    #[test]
    fn odd_names_are_escaped_as_serde_escapes_them() {
        let calendar = Calendar::china();
        let policy = Policy::ankang_2020();
        let odd = [
            r#"引号\"与反斜杠\\"#,
            r#"控制字符\u0001\u001f\t\n\r\b\f"#,
            r#"\u2028\u2029 行分隔 😀 é"#,
            r#"</script>&<>'"#,
            "",
        ];
        let mut matters = Vec::new();
        for (k, name) in odd.iter().enumerate() {
            matters.push(format!(
                r#"{{"id": "{name}-{k}", "kind": "monthly_report", "unit": "{name}", "sector": "{name}x", "month": "2023-10",
                   "events": [{{"event": "submit", "on": "2023-11-03", "items": []}}]}}"#
            ));
            matters.push(format!(
                r#"{{"id": "{name}", "kind": "escalation", "unit": "单位{name}", "sector": "{name}"}}"#
            ));
            // Its items in the quarter's bands, under its sector.
            matters.push(format!(
                r#"{{"id": "JD{name}", "kind": "quarterly_report", "unit": "{name}", "sector": "{name}", "quarter": "2023-Q3",
                   "items": [{{"id": "{name}A"}}, {{"id": "{name}B"}}],
                   "events": [{{"event": "submit", "on": "2023-10-09", "items": [{{"item": "{name}A", "progress": "completed", "evidence": ["e"]}}]}}]}}"#
            ));
        }
        let json = format!(
            r#"{{"schema": "duban-caseload/1", "matters": [{}]}}"#,
            matters.join(",")
        );
        let report = checked(&json, &policy, &calendar);
        assert_eq!(report.matters.len(), 3 * odd.len(), "{:?}", report.errors);
        assert!(report.matters.iter().any(|m| m.obligations.is_empty()));
        assert!(report.matters.iter().any(|m| m.unit.contains('\u{1}')));
        let bands = &report.quarterly_bands;
        assert!(bands.iter().any(|b| b.sector.contains('\u{1}')));
        assert!(bands
            .iter()
            .any(|b| b.not_reported.iter().any(|i| i.item.contains('"'))));
        same_everywhere(&report, &policy, &calendar);
        same_report(&report, &policy, &calendar);
    }

    #[test]
    fn the_example_caseload_is_written_as_serde_writes_it() {
        let calendar = Calendar::china();
        let policy = Policy::ankang_2020();
        let json = include_str!("../../examples/data/caseload.json");
        let report = checked(json, &policy, &calendar);
        same_everywhere(&report, &policy, &calendar);
        same_report(&report, &policy, &calendar);
        // And a report without any list, nor any matter.
        same_report(
            &checked(
                r#"{"schema": "duban-caseload/1", "matters": []}"#,
                &policy,
                &calendar,
            ),
            &policy,
            &calendar,
        );
    }

    /// The report of the caseload `json` on 2023-11-10.
    fn checked(json: &str, policy: &Policy, calendar: &Calendar) -> CheckReport {
        let caseload = Caseload::from_json(json).expect("a caseload");
        let as_of = parse_date("2023-11-10").expect("a date");
        crate::check(&caseload, policy, calendar, as_of).expect("checks")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// Any generated caseload, on any day of the calendar's last years, with caches of
        /// any size.
        #[test]
        fn any_generated_caseload_is_written_as_serde_writes_it(
            seed in any::<u64>(),
            n in 1usize..60,
            day in 0u64..(5 * 365),
            budget in 0usize..5_000,
            english in any::<bool>(),
            explain in any::<bool>(),
        ) {
            let calendar = Calendar::china();
            let policy = Policy::ankang_2020();
            let caseload = generated(n, seed);
            let as_of = parse_date("2021-01-01").unwrap() + chrono::Days::new(day);
            let report = crate::check(&caseload, &policy, &calendar, as_of).expect("checks");
            let language = if english { Language::English } else { Language::Chinese };
            let explanations = if explain {
                Explanations::Include(&policy, &calendar)
            } else {
                Explanations::Omit
            };
            let mut writer = EntryWriter::with_budget(language, explanations, budget);
            same_entries(&report, &mut writer);
            same_entries(&report, &mut writer);
        }
    }
}
