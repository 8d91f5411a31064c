//! A seeded generator of realistic `duban-caseload/1` documents.
//!
//! Shared, through `#[path]`, by `examples/gen_caseload.rs` (writes a document to stdout)
//! and `benches/caseload.rs` (generates the benchmark's input in memory). It lives in a
//! subdirectory of `examples/` without a `main.rs`, so Cargo does not build it as an
//! example of its own.
//!
//! Every kind of matter, with the workflows the regulation describes: meeting follow-ups
//! (decided items, submit / return / resubmit / accept cycles, deficient submissions),
//! monthly and quarterly reports, inspections in and outside the annual plan (timely and
//! late applications, starts without approval, refusals), accountability (key supervision,
//! interviews, written plans, poor grades, referrals), escalations and year-end summaries.
//! About 300 units, 8 sectors, dates spread over 2021-2025, `as_of` 2025-12-01. Apart from
//! the ~1% of meetings held on site (which the default policy gives no D1 deadline, so the
//! checker reports them as `invalid_value`), every matter is valid input: unique ids, events
//! in date order, legal transitions, every due date inside the 2019-2025 calendar.
//!
//! The same `(n, seed)` always gives the same bytes; a document of `n` matters is a prefix
//! (matter for matter) of one of `m > n` matters with the same seed.

use std::fmt::Write as _;
use std::io::{self, Write};

use chrono::{Datelike, Days, NaiveDate};

/// The as-of day written into every generated document.
pub const AS_OF: &str = "2025-12-01";

/// A 64-bit LCG (Knuth's MMIX constants): deterministic, no `rand`.
struct Lcg(u64);

impl Lcg {
    fn new(seed: u64) -> Lcg {
        let mut rng = Lcg(seed ^ 0x5EED_D0BA_2025_1201);
        rng.next();
        rng
    }

    fn next(&mut self) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 32) as u32
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: u32) -> u32 {
        ((u64::from(self.next()) * u64::from(n)) >> 32) as u32
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len() as u32) as usize]
    }

    /// A day uniform in `first..=last`.
    fn day(&mut self, first: NaiveDate, last: NaiveDate) -> NaiveDate {
        let span = (last - first).num_days() as u32;
        first + Days::new(u64::from(self.range(0, span)))
    }
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn after(d: NaiveDate, days: u32) -> NaiveDate {
    d + Days::new(u64::from(days))
}

fn before(d: NaiveDate, days: u32) -> NaiveDate {
    d - Days::new(u64::from(days))
}

/// 11 places × 28 bureaus, of which the first 300 are used.
const PLACES: [&str; 11] = [
    "市",
    "汉滨区",
    "汉阴县",
    "石泉县",
    "宁陕县",
    "紫阳县",
    "岚皋县",
    "平利县",
    "镇坪县",
    "旬阳市",
    "白河县",
];

/// Each bureau with the sector (口) it reports under.
const BUREAUS: [(&str, usize); 28] = [
    ("发展和改革局", 0),
    ("财政局", 0),
    ("商务局", 0),
    ("统计局", 0),
    ("工业和信息化局", 0),
    ("审计局", 0),
    ("住房和城乡建设局", 1),
    ("交通运输局", 1),
    ("自然资源局", 1),
    ("城市管理执法局", 1),
    ("水利局", 1),
    ("民政局", 2),
    ("人力资源和社会保障局", 2),
    ("卫生健康局", 2),
    ("医疗保障局", 2),
    ("退役军人事务局", 2),
    ("应急管理局", 2),
    ("农业农村局", 3),
    ("乡村振兴局", 3),
    ("林业局", 3),
    ("生态环境局", 4),
    ("市场监督管理局", 4),
    ("公安局", 5),
    ("司法局", 5),
    ("行政审批服务局", 5),
    ("教育体育局", 6),
    ("科学技术局", 6),
    ("文化和旅游广电局", 6),
];

const SECTORS: [&str; 8] = [
    "经济",
    "城建",
    "社会",
    "农业农村",
    "生态环境",
    "政法",
    "文教",
    "督查",
];

const UNITS: usize = 300;

/// The office sections (科) that keep quarterly ledgers.
const SECTIONS: [&str; 10] = [
    "市政府办公室一科",
    "市政府办公室二科",
    "市政府办公室三科",
    "市政府办公室四科",
    "市政府办公室五科",
    "市政府办公室六科",
    "市政府办公室七科",
    "市政府办公室八科",
    "市政府办公室九科",
    "市政府办公室十科",
];

const PHYSICAL: [&str; 8] = [
    "主体结构完成60%",
    "完成投资8000万元",
    "土建工程完成45%",
    "设备安装完成80%",
    "征地拆迁完成90%",
    "路基工程完成70%",
    "已完成初步设计批复",
    "管网铺设完成12公里",
];

const EVIDENCE: [&str; 8] = [
    "验收报告",
    "竣工验收备案表",
    "会议纪要",
    "批示办理报告",
    "现场照片",
    "文件落实情况报告",
    "资金拨付凭证",
    "第三方评估报告",
];

const TRIGGERS: [&str; 5] = [
    "neglect",
    "weak_measures",
    "slow_progress",
    "late_reporting",
    "false_reporting",
];

/// The grounds of Art. 4 other than 催办后落实效果不佳 (which every request needs).
const GROUNDS: [&str; 4] = [
    "wide_reaching",
    "overall",
    "comprehensive",
    "hard_to_coordinate",
];

/// One decided item: its id and whether it is a project (项目类).
struct Item {
    id: String,
    project: bool,
}

/// What is wrong with a submission, if anything.
#[derive(Clone, Copy, PartialEq)]
enum Flaw {
    None,
    /// An item left out (漏项); every item, if the matter has only one (then redo).
    MissingItem,
    /// A project item not completed, without 形象进度.
    NoPhysicalProgress,
    /// A completed item without 印证资料.
    NoEvidence,
}

struct Generator {
    rng: Lcg,
    units: Vec<(String, &'static str)>,
    m: String,
}

/// Writes a `duban-caseload/1` document of `n` generated matters to `out`.
///
/// One matter per line; about 490 bytes per matter.
pub fn write_caseload<W: Write>(mut out: W, n: usize, seed: u64) -> io::Result<()> {
    let mut g = Generator {
        rng: Lcg::new(seed),
        units: PLACES
            .iter()
            .flat_map(|p| {
                BUREAUS
                    .iter()
                    .map(move |(b, s)| (format!("{p}{b}"), SECTORS[*s]))
            })
            .take(UNITS)
            .collect(),
        m: String::with_capacity(4096),
    };
    write!(
        out,
        "{{\"schema\":\"duban-caseload/1\",\"title\":\"生成的事项清单（{n}件）\",\
         \"generated_by\":\"examples/gen_caseload.rs n={n} seed={seed}\",\
         \"as_of\":\"{AS_OF}\",\"matters\":["
    )?;
    for index in 0..n {
        g.m.clear();
        g.matter(index);
        if index > 0 {
            out.write_all(b",")?;
        }
        out.write_all(b"\n")?;
        out.write_all(g.m.as_bytes())?;
    }
    out.write_all(b"\n]}\n")?;
    out.flush()
}

impl Generator {
    fn matter(&mut self, index: usize) {
        let r = self.rng.below(100);
        match r {
            0..=29 => self.meeting_follow_up(index),
            30..=54 => self.monthly_report(index),
            55..=72 => self.quarterly_report(index),
            73..=84 => self.inspection(index),
            85..=90 => self.accountability(index),
            91..=96 => self.escalation(index),
            _ => self.year_end_summary(index),
        }
    }

    fn unit(&mut self) -> (String, &'static str) {
        let i = self.rng.below(self.units.len() as u32) as usize;
        self.units[i].clone()
    }

    /// `{"id":…,"kind":…,"unit":…,"sector":…` (no closing brace).
    fn head(&mut self, id: &str, kind: &str, unit: &str, sector: &str) {
        self.m.push_str("{\"id\":\"");
        self.m.push_str(id);
        self.m.push_str("\",\"kind\":\"");
        self.m.push_str(kind);
        self.m.push_str("\",\"unit\":\"");
        self.m.push_str(unit);
        self.m.push_str("\",\"sector\":\"");
        self.m.push_str(sector);
        self.m.push('"');
    }

    fn field(&mut self, key: &str, value: &str) {
        self.m.push_str(",\"");
        self.m.push_str(key);
        self.m.push_str("\":\"");
        self.m.push_str(value);
        self.m.push('"');
    }

    fn items(&mut self, items: &[Item]) {
        self.m.push_str(",\"items\":[");
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.m.push(',');
            }
            self.m.push_str("{\"id\":\"");
            self.m.push_str(&item.id);
            self.m.push('"');
            if item.project {
                self.m.push_str(",\"category\":\"project\"");
            }
            self.m.push('}');
        }
        self.m.push(']');
    }

    /// Starts the `events` array; events are then written with `event`.
    fn events_open(&mut self) {
        self.m.push_str(",\"events\":[");
    }

    /// `{"event":…,"on":…` (no closing brace), with a comma before all but the first.
    fn event(&mut self, name: &str, on: NaiveDate) {
        if !self.m.ends_with('[') {
            self.m.push(',');
        }
        self.m.push_str("{\"event\":\"");
        self.m.push_str(name);
        self.m.push_str("\",\"on\":\"");
        // Display of NaiveDate is YYYY-MM-DD.
        write!(self.m, "{on}").expect("writing to a String");
        self.m.push('"');
    }

    fn simple_event(&mut self, name: &str, on: NaiveDate) {
        self.event(name, on);
        self.m.push('}');
    }

    /// An application for an unplanned inspection, with its special reason (Art. 10).
    fn apply_event(&mut self, on: NaiveDate) {
        self.event("apply", on);
        self.m.push_str(",\"reason\":\"确因特殊情况开展专项督查\"}");
    }

    fn list(&mut self, key: &str, values: &[&str]) {
        self.m.push_str(",\"");
        self.m.push_str(key);
        self.m.push_str("\":[");
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                self.m.push(',');
            }
            self.m.push('"');
            self.m.push_str(v);
            self.m.push('"');
        }
        self.m.push(']');
    }

    /// 1 to `max` distinct entries of `list`, in list order.
    fn some_of(&mut self, list: &[&'static str], max: u32) -> Vec<&'static str> {
        let k = self.rng.range(1, max) as usize;
        let skip = self.rng.below((list.len() - k + 1) as u32) as usize;
        list[skip..skip + k].to_vec()
    }

    /// A submission's reported items, with the given flaw.
    fn submit(&mut self, on: NaiveDate, items: &[Item], flaw: Flaw) {
        self.event("submit", on);
        self.m.push_str(",\"items\":[");
        // Which item carries the flaw: a project item for a missing 形象进度.
        let target = match flaw {
            Flaw::NoPhysicalProgress => items.iter().position(|i| i.project).unwrap_or(0),
            _ => self.rng.below(items.len() as u32) as usize,
        };
        let mut first = true;
        for (i, item) in items.iter().enumerate() {
            if flaw == Flaw::MissingItem && (i == target || items.len() == 1) {
                continue;
            }
            let progress = if flaw == Flaw::NoEvidence && i == target {
                "completed"
            } else if flaw == Flaw::NoPhysicalProgress && i == target {
                "on_schedule"
            } else {
                match self.rng.below(100) {
                    0..=34 => "completed",
                    35..=79 => "on_schedule",
                    _ => "behind_schedule",
                }
            };
            if !first {
                self.m.push(',');
            }
            first = false;
            self.m.push_str("{\"item\":\"");
            self.m.push_str(&item.id);
            self.m.push_str("\",\"progress\":\"");
            self.m.push_str(progress);
            self.m.push('"');
            let flawed = flaw != Flaw::None && i == target;
            if progress == "completed" {
                if !flawed {
                    let e = self.some_of(&EVIDENCE, 2);
                    self.list("evidence", &e);
                }
            } else if item.project && !flawed {
                let p = self.rng.pick(&PHYSICAL);
                self.field("physical_progress", p);
            }
            self.m.push('}');
        }
        self.m.push_str("]}");
    }

    /// A flaw a submission of `items` can have.
    fn flaw(&mut self, items: &[Item]) -> Flaw {
        match self.rng.below(3) {
            0 => Flaw::MissingItem,
            1 if items.iter().any(|i| i.project) => Flaw::NoPhysicalProgress,
            _ => Flaw::NoEvidence,
        }
    }

    fn return_event(&mut self, on: NaiveDate, items: &[Item], flaw: Flaw) {
        self.event("return", on);
        let remedy = if flaw == Flaw::MissingItem && items.len() == 1 {
            "redo"
        } else if self.rng.chance(70) {
            "supplement"
        } else {
            "redo"
        };
        self.field("remedy", remedy);
        let reason = match flaw {
            Flaw::MissingItem => "missing_item",
            Flaw::NoPhysicalProgress => "no_physical_progress",
            Flaw::NoEvidence => "no_evidence",
            Flaw::None => "other",
        };
        self.list("reasons", &[reason]);
        self.m.push('}');
    }

    /// The submit / return / accept cycle of Art. 9 ¶2, first submission on `first`.
    /// Writes the whole `events` field (or nothing, for a report never submitted).
    fn report_cycle(&mut self, first: NaiveDate, items: &[Item]) {
        let r = self.rng.below(100);
        if r < 7 {
            return; // never submitted
        }
        self.events_open();
        match r {
            // Complete, accepted.
            7..=61 => {
                self.submit(first, items, Flaw::None);
                let on = after(first, self.rng.range(1, 5));
                self.simple_event("accept", on);
            }
            // Deficient, returned, resubmitted complete, accepted.
            62..=79 => {
                let flaw = self.flaw(items);
                self.submit(first, items, flaw);
                let returned = after(first, self.rng.range(1, 4));
                self.return_event(returned, items, flaw);
                let again = after(returned, self.rng.range(2, 8));
                self.submit(again, items, Flaw::None);
                let on = after(again, self.rng.range(1, 4));
                self.simple_event("accept", on);
            }
            // Submitted, not reviewed yet: half complete, half deficient.
            80..=91 => {
                let flaw = if self.rng.chance(50) {
                    Flaw::None
                } else {
                    self.flaw(items)
                };
                self.submit(first, items, flaw);
            }
            // Returned, not resubmitted yet.
            _ => {
                let flaw = self.flaw(items);
                self.submit(first, items, flaw);
                let returned = after(first, self.rng.range(1, 4));
                self.return_event(returned, items, flaw);
            }
        }
        self.m.push(']');
    }

    fn meeting_follow_up(&mut self, index: usize) {
        // Late enough in 2025 that D1 (30 working days) still falls in the calendar.
        let date = self.rng.day(ymd(2021, 1, 4), ymd(2025, 11, 7));
        let (kind, name, source) = match self.rng.below(100) {
            0..=6 => ("plenary", "全体会议", "meeting_decisions"),
            7..=46 => ("executive", "常务会议", "meeting_decisions"),
            47..=76 => ("mayors_office", "市长办公会议", "meeting_decisions"),
            77..=98 => (
                "special_topic",
                "专项问题办公会议",
                "leader_meeting_decisions",
            ),
            _ => ("on_site", "现场办公会议", "leader_meeting_decisions"),
        };
        let (unit, sector) = self.unit();
        let id = format!("HY-{}-{index:07}", date.year());
        self.head(&id, "meeting_follow_up", &unit, sector);
        self.field("source", source);
        if self.rng.chance(70) {
            let n = self.rng.range(1, 40);
            self.field("title", &format!("市政府第{n}次{name}决定事项"));
        }
        write!(
            self.m,
            ",\"meeting\":{{\"date\":\"{date}\",\"kind\":\"{kind}\"}}"
        )
        .expect("writing to a String");
        let n = self.rng.range(1, 5);
        let items: Vec<Item> = (1..=n)
            .map(|i| Item {
                id: i.to_string(),
                project: self.rng.chance(35),
            })
            .collect();
        self.items(&items);
        // 30 working days is about 42 calendar days: some early, most on time, some late.
        let first = after(date, self.rng.range(20, 52));
        self.report_cycle(first, &items);
        self.m.push('}');
    }

    fn monthly_report(&mut self, index: usize) {
        let k = self.rng.below(59); // 2021-01 ..= 2025-11
        let (year, month) = (2021 + (k / 12) as i32, k % 12 + 1);
        let (unit, sector) = self.unit();
        let id = format!("YB-{year}-{month:02}-{index:07}");
        self.head(&id, "monthly_report", &unit, sector);
        self.field("source", "government_work_report");
        self.field("month", &format!("{year}-{month:02}"));
        let n = self.rng.range(1, 3);
        let k0 = self.rng.range(1, 40);
        let items: Vec<Item> = (0..n)
            .map(|i| Item {
                id: format!("重点任务{}", k0 + i),
                project: self.rng.chance(25),
            })
            .collect();
        self.items(&items);
        // Due on the month's last working day: submitted from the 18th to early next month.
        let first = after(ymd(year, month, 18), self.rng.range(0, 16));
        self.report_cycle(first, &items);
        self.m.push('}');
    }

    fn quarterly_report(&mut self, index: usize) {
        let k = self.rng.below(20); // 2021-Q1 ..= 2025-Q4
        let (year, q) = (2021 + (k / 4) as i32, k % 4 + 1);
        let unit = self.rng.pick(&SECTIONS);
        let sector = SECTORS[self.rng.below(7) as usize];
        let id = format!("JD-{year}-Q{q}-{index:07}");
        self.head(&id, "quarterly_report", unit, sector);
        let source = self.rng.pick(&[
            "leader_meeting_decisions",
            "instructions_and_documents",
            "key_projects",
        ]);
        self.field("source", source);
        self.field("quarter", &format!("{year}-Q{q}"));
        let n = self.rng.range(2, 6);
        let items: Vec<Item> = (0..n)
            .map(|i| Item {
                id: char::from(b'A' + i as u8).to_string(),
                project: self.rng.chance(40),
            })
            .collect();
        self.items(&items);
        // Due on the quarter's last working day: submitted from the 15th of its last month.
        let first = after(ymd(year, q * 3, 15), self.rng.range(0, 25));
        self.report_cycle(first, &items);
        self.m.push('}');
    }

    fn inspection(&mut self, index: usize) {
        let start = self.rng.day(ymd(2021, 2, 1), ymd(2025, 11, 28));
        let (unit, sector) = self.unit();
        let id = format!("DC-{}-{index:07}", start.year());
        self.head(&id, "inspection", &unit, sector);
        if self.rng.chance(50) {
            self.field("title", "专项督查检查");
        }
        write!(self.m, ",\"start\":\"{start}\"").expect("writing to a String");
        if self.rng.chance(55) {
            self.field("annual_plan", "listed");
            if self.rng.chance(90) {
                self.events_open();
                self.simple_event("start", start);
                self.m.push(']');
            }
            self.m.push('}');
            return;
        }
        self.field("annual_plan", "not_listed");
        self.events_open();
        match self.rng.below(100) {
            // Applied in time (D4: 7 working days ahead), approved, usually filed, started.
            0..=44 => {
                let applied = before(start, self.rng.range(14, 30));
                self.apply_event(applied);
                let approved = after(applied, self.rng.range(1, 5));
                self.simple_event("approve", approved);
                if self.rng.chance(70) {
                    let on = after(approved, self.rng.range(1, 3));
                    self.simple_event("file", on);
                }
                self.simple_event("start", start);
            }
            // Applied late, approved, started.
            45..=59 => {
                let applied = before(start, self.rng.range(2, 6));
                self.apply_event(applied);
                self.simple_event("approve", after(applied, 1));
                self.simple_event("start", start);
            }
            // Applied, started without approval.
            60..=74 => {
                let on = before(start, self.rng.range(12, 25));
                self.apply_event(on);
                self.simple_event("start", start);
            }
            // Started with neither application nor approval.
            75..=84 => self.simple_event("start", start),
            // Applied and refused.
            85..=89 => {
                let applied = before(start, self.rng.range(12, 25));
                self.apply_event(applied);
                let on = after(applied, self.rng.range(1, 5));
                self.simple_event("reject", on);
            }
            // Applied and approved, not started yet.
            _ => {
                let applied = before(start, self.rng.range(12, 25));
                self.apply_event(applied);
                let on = after(applied, self.rng.range(1, 5));
                self.simple_event("approve", on);
            }
        }
        self.m.push_str("]}");
    }

    fn accountability(&mut self, index: usize) {
        let on = self.rng.day(ymd(2021, 3, 1), ymd(2025, 9, 30));
        let (unit, sector) = self.unit();
        let id = format!("YT-{}-{index:07}", on.year());
        self.head(&id, "accountability", &unit, sector);
        self.events_open();
        self.event("place_under_key_supervision", on);
        let triggers = self.some_of(&TRIGGERS, 2);
        self.list("triggers", &triggers);
        let rectify_by = after(on, self.rng.range(30, 60));
        write!(self.m, ",\"rectify_by\":\"{rectify_by}\"}}").expect("writing to a String");
        let r = self.rng.below(100);
        match r {
            // Rectified in time or late.
            0..=34 => {
                let on = after(on, self.rng.range(10, 50));
                self.simple_event("rectify", on);
            }
            // Referred straight away.
            35..=39 => {
                let on = after(on, self.rng.range(5, 30));
                self.simple_event("refer", on);
            }
            // Nothing yet.
            40..=44 => {}
            // Interview: proposed, approved, held; then plan (D6), resolve / grade poor.
            _ => {
                // Not before the rectification deadline (Art. 12 (3)).
                let proposed = after(on, self.rng.range(15, 40)).max(rectify_by);
                self.simple_event("propose_interview", proposed);
                let approved = after(proposed, self.rng.range(3, 10));
                self.simple_event("approve_interview", approved);
                let held = after(approved, self.rng.range(5, 15));
                self.simple_event("hold_interview", held);
                // The result goes to the mayor the next day.
                self.simple_event("report_interview_result", after(held, 1));
                if r < 90 {
                    let plan = after(held, self.rng.range(3, 16));
                    self.simple_event("submit_plan", plan);
                    if r < 80 {
                        let on = after(plan, self.rng.range(20, 60));
                        self.simple_event("resolve", on);
                    } else {
                        let on = after(plan, self.rng.range(20, 60));
                        self.simple_event("grade_poor", on);
                    }
                }
            }
        }
        self.m.push_str("]}");
    }

    fn escalation(&mut self, index: usize) {
        let on = self.rng.day(ymd(2021, 1, 4), ymd(2025, 11, 20));
        let (unit, sector) = self.unit();
        let id = format!("TJ-{}-{index:07}", on.year());
        self.head(&id, "escalation", &unit, sector);
        self.events_open();
        // Urged (催办) on the day of the request, at the latest.
        self.simple_event("urge", on);
        self.event("request_escalation", on);
        // Art. 4: 催办后落实效果不佳, and at least one of the other four.
        let mut grounds = self.some_of(&GROUNDS, 2);
        grounds.push("ineffective_after_urging");
        self.list("grounds", &grounds);
        self.m.push('}');
        match self.rng.below(100) {
            0..=54 => {
                let on = after(on, self.rng.range(1, 7));
                self.simple_event("approve", on);
            }
            55..=79 => {
                let declined = after(on, self.rng.range(1, 7));
                self.simple_event("decline", declined);
                if self.rng.chance(40) {
                    let again = after(declined, self.rng.range(10, 40));
                    self.event("request_escalation", again);
                    self.list(
                        "grounds",
                        &["hard_to_coordinate", "ineffective_after_urging"],
                    );
                    self.m.push('}');
                    let on = after(again, self.rng.range(1, 7));
                    self.simple_event("approve", on);
                }
            }
            _ => {}
        }
        self.m.push_str("]}");
    }

    fn year_end_summary(&mut self, index: usize) {
        let year = 2021 + self.rng.below(5) as i32;
        let id = format!("NZ-{year}-{index:07}");
        self.head(&id, "year_end_summary", "市政府督查室", "督查");
        write!(self.m, ",\"year\":{year}").expect("writing to a String");
        if self.rng.chance(90) {
            self.events_open();
            let submitted = ymd(year, 12, self.rng.range(10, 31));
            self.simple_event("submit", submitted);
            if self.rng.chance(80) {
                let on = after(submitted, self.rng.range(1, 5));
                self.simple_event("accept", on);
            }
            self.m.push(']');
        }
        self.m.push('}');
    }
}
