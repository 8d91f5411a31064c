//! The `duban` Python package: Python bindings of the `duban` crate, built with PyO3 and
//! maturin (abi3, CPython 3.9 and newer).
//!
//! Dates cross as `datetime.date` (or ISO `YYYY-MM-DD` text); the batch calls also take
//! and give `array.array('i')` of proleptic Gregorian ordinals (`date.toordinal()`), so a
//! million dates cross the boundary as one buffer. Every error is raised as a subclass of
//! `duban.DubanError` (defined in `python/duban/_errors.py`) carrying `kind` and the message
//! in Chinese and English. No panic crosses the boundary: PyO3 turns one into a Python
//! `PanicException`, and the library itself does not panic.

#![deny(missing_docs)]

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use chrono::{Datelike, NaiveDate};
use duban::{
    Calendar, Caseload, Deadline, Explanations, Language, MeetingKind, Obligation, Policy, Quarter,
    YearMonth,
};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyInt, PyList, PyString, PyTuple, PyType};

// ---------------------------------------------------------------------------------------
// Errors

static ERRORS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

/// The Python class raised for an error kind (names as in `duban._errors`).
fn class_name(kind: &str) -> &'static str {
    match kind {
        "outside_coverage" => "OutsideCoverageError",
        "invalid_input" => "InvalidInputError",
        "invalid_notice" => "InvalidNoticeError",
        "invalid_policy" => "InvalidPolicyError",
        "policy_not_in_force" => "PolicyNotInForceError",
        "illegal_transition" => "IllegalTransitionError",
        "invalid_caseload" => "InvalidCaseloadError",
        _ => "DubanError",
    }
}

/// A `duban.DubanError` subclass instance with `kind` and both messages.
#[cold]
fn raise(py: Python<'_>, kind: &str, zh: &str, en: &str) -> PyErr {
    let made = ERRORS
        .get_or_try_init(py, || py.import("duban._errors").map(Bound::unbind))
        .and_then(|m| m.bind(py).getattr(class_name(kind)))
        .and_then(|cls| cls.call1((kind, zh, en)));
    match made {
        Ok(value) => PyErr::from_value(value),
        Err(e) => e,
    }
}

/// The snake_case name of an error kind, as serde writes it.
fn kind_code(kind: duban::ErrorKind) -> String {
    match serde_json::to_value(kind) {
        Ok(serde_json::Value::String(s)) => s,
        _ => "error".to_owned(),
    }
}

#[cold]
fn lib_err(py: Python<'_>, e: &duban::Error) -> PyErr {
    raise(
        py,
        &kind_code(e.kind()),
        e.message(Language::Chinese),
        e.message(Language::English),
    )
}

/// The same error with a prefix naming where it happened (an argument, an index).
#[cold]
fn lib_err_at(py: Python<'_>, e: &duban::Error, zh: &str, en: &str) -> PyErr {
    raise(
        py,
        &kind_code(e.kind()),
        &format!("{zh}：{}", e.message(Language::Chinese)),
        &format!("{en}: {}", e.message(Language::English)),
    )
}

#[cold]
fn invalid(py: Python<'_>, zh: String, en: String) -> PyErr {
    raise(py, "invalid_input", &zh, &en)
}

trait OrRaise<T> {
    fn or_raise(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> OrRaise<T> for duban::Result<T> {
    #[inline]
    fn or_raise(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| lib_err(py, &e))
    }
}

/// The Python type's name of a value, for messages.
fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_owned())
}

// ---------------------------------------------------------------------------------------
// Dates

static DATE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static ARRAY: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static JSON_LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static JSON_DUMPS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

fn date_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    DATE.import(py, "datetime", "date")
}

/// `datetime.date` (or `datetime.datetime`, whose date is taken) or `YYYY-MM-DD` text.
/// `what` names the argument in messages.
fn to_date(py: Python<'_>, value: &Bound<'_, PyAny>, what: &str) -> PyResult<NaiveDate> {
    if value.is_instance(date_type(py)?.as_any())? {
        // Three attribute reads are cheaper than a method call under the stable ABI.
        let y: i32 = value.getattr(intern!(py, "year"))?.extract()?;
        let m: u32 = value.getattr(intern!(py, "month"))?.extract()?;
        let d: u32 = value.getattr(intern!(py, "day"))?.extract()?;
        return NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
            invalid(
                py,
                format!("{what}：{y:04}-{m:02}-{d:02} 不是有效的日期"),
                format!("{what}: {y:04}-{m:02}-{d:02} is not a valid date"),
            )
        });
    }
    if let Ok(text) = value.cast::<PyString>() {
        let text = text.to_cow()?;
        return duban::parse_date(&text).map_err(|e| lib_err_at(py, &e, what, what));
    }
    Err(invalid(
        py,
        format!(
            "{what}：应为日期（datetime.date）或“YYYY-MM-DD”格式的文本，实际为 {}",
            type_name(value)
        ),
        format!(
            "{what}: expected a datetime.date or 'YYYY-MM-DD' text, got {}",
            type_name(value)
        ),
    ))
}

/// The date of a Python ordinal, within Python's own range (`date.min` to `date.max`).
fn date_of_ordinal(ordinal: i32) -> Option<NaiveDate> {
    const MAX: i32 = 3_652_059; // datetime.date.max.toordinal()
    if (1..=MAX).contains(&ordinal) {
        NaiveDate::from_num_days_from_ce_opt(ordinal)
    } else {
        None
    }
}

fn ordinal(date: NaiveDate) -> i32 {
    date.num_days_from_ce()
}

/// Ordinals of the first and last dates whose Python objects are cached: 2019-01-01 and
/// 2029-12-31, around the calendar's coverage (with the provisional years).
const CACHE_FIRST: i32 = 737_060;
const CACHE_LAST: i32 = 741_077;

/// `datetime.date` objects for the cached span, made once: a date going out is then an
/// increment of a reference count rather than a call of `datetime.date` (which is all the
/// stable ABI offers). Python dates are immutable, so sharing them is safe.
static DATE_CACHE: PyOnceLock<Vec<Py<PyAny>>> = PyOnceLock::new();

fn py_date(py: Python<'_>, date: NaiveDate) -> PyResult<Bound<'_, PyAny>> {
    let o = ordinal(date);
    if (CACHE_FIRST..=CACHE_LAST).contains(&o) {
        let cache = DATE_CACHE.get_or_try_init(py, || {
            (CACHE_FIRST..=CACHE_LAST)
                .map(|o| {
                    let d = date_of_ordinal(o).unwrap_or_default();
                    make_date(py, d).map(Bound::unbind)
                })
                .collect::<PyResult<Vec<_>>>()
        })?;
        if let Some(obj) = usize::try_from(o - CACHE_FIRST)
            .ok()
            .and_then(|i| cache.get(i))
        {
            return Ok(obj.bind(py).clone());
        }
    }
    make_date(py, date)
}

fn make_date(py: Python<'_>, date: NaiveDate) -> PyResult<Bound<'_, PyAny>> {
    date_type(py)?.call1((date.year(), date.month(), date.day()))
}

fn py_opt_date(py: Python<'_>, date: Option<NaiveDate>) -> PyResult<Option<Bound<'_, PyAny>>> {
    date.map(|d| py_date(py, d)).transpose()
}

fn language(py: Python<'_>, lang: &str) -> PyResult<Language> {
    lang.parse().or_raise(py)
}

/// An `i32` count from a Python int, with an error naming the argument when out of range.
fn to_i32(py: Python<'_>, n: i64, what: &str) -> PyResult<i32> {
    i32::try_from(n).map_err(|_| {
        invalid(
            py,
            format!("{what}：{n} 超出范围"),
            format!("{what}: {n} is out of range"),
        )
    })
}

/// Ordinals from an `array.array('i')`, `bytes`, `bytearray` or a sequence of ints.
fn ordinals_in(py: Python<'_>, value: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<i32>> {
    let bytes: Cow<'_, [u8]> = if let Ok(b) = value.cast::<PyBytes>() {
        Cow::Borrowed(b.as_bytes())
    } else if let Ok(b) = value.cast::<PyByteArray>() {
        Cow::Owned(b.to_vec())
    } else if value.is_instance(array_type(py)?.as_any())? {
        let code: String = value.getattr(intern!(py, "typecode"))?.extract()?;
        let size: usize = value.getattr(intern!(py, "itemsize"))?.extract()?;
        if !matches!(code.as_str(), "i" | "l") || size != 4 {
            return Err(invalid(
                py,
                format!("{what}：数组应为 4 字节整数（array('i')），实际类型码为 {code}"),
                format!(
                    "{what}: the array must hold 4-byte ints (array('i')), got typecode {code:?}"
                ),
            ));
        }
        let b = value.call_method0(intern!(py, "tobytes"))?;
        let b = b.cast::<PyBytes>()?;
        return Ok(le_i32s(b.as_bytes()));
    } else {
        return value.extract::<Vec<i32>>().map_err(|_| {
            invalid(
                py,
                format!(
                    "{what}：应为日期序数的 array('i')、bytes 或整数序列，实际为 {}",
                    type_name(value)
                ),
                format!(
                    "{what}: expected an array('i'), bytes or a sequence of date ordinals, got {}",
                    type_name(value)
                ),
            )
        });
    };
    if bytes.len() % 4 != 0 {
        return Err(invalid(
            py,
            format!("{what}：字节数 {} 不是 4 的倍数", bytes.len()),
            format!(
                "{what}: {} bytes is not a whole number of 4-byte ints",
                bytes.len()
            ),
        ));
    }
    Ok(le_i32s(&bytes))
}

fn le_i32s(bytes: &[u8]) -> Vec<i32> {
    bytes
        .chunks_exact(4)
        .filter_map(|c| c.try_into().ok().map(i32::from_ne_bytes))
        .collect()
}

fn array_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    ARRAY.import(py, "array", "array")
}

/// An `array.array('i')` holding `values`.
fn array_out<'py>(py: Python<'py>, values: &[i32]) -> PyResult<Bound<'py, PyAny>> {
    let bytes: Vec<u8> = values.iter().flat_map(|v| v.to_ne_bytes()).collect();
    let out = array_type(py)?.call1(("i",))?;
    out.call_method1(intern!(py, "frombytes"), (PyBytes::new(py, &bytes),))?;
    Ok(out)
}

/// Dates from any iterable of `datetime.date` or ISO text.
fn dates_in(py: Python<'_>, values: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<NaiveDate>> {
    let mut out = Vec::new();
    for (i, item) in values.try_iter()?.enumerate() {
        out.push(to_date(py, &item?, &format!("{what}[{i}]"))?);
    }
    Ok(out)
}

fn dates_out<'py>(py: Python<'py>, dates: &[NaiveDate]) -> PyResult<Bound<'py, PyList>> {
    let items = dates
        .iter()
        .map(|d| py_date(py, *d))
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

/// A batch error: the index of the first bad element, then the library's message.
#[cold]
fn at_index(py: Python<'_>, i: usize, e: &duban::Error) -> PyErr {
    lib_err_at(py, e, &format!("第 {i} 项"), &format!("item {i}"))
}

// ---------------------------------------------------------------------------------------
// Calendar

/// The official working-day calendar: the national notices, plus notices and local
/// adjustments loaded at run time. Immutable and safe to share between threads.
#[pyclass(module = "duban", name = "Calendar", frozen)]
#[derive(Clone)]
struct PyCalendar {
    inner: Calendar,
}

/// One day of the calendar.
#[pyclass(module = "duban", name = "Day", frozen)]
struct PyDay {
    date: NaiveDate,
    kind: duban::DayKind,
    holiday: Option<String>,
    notice: Option<String>,
    provisional: bool,
}

impl PyDay {
    fn of(day: &duban::Day<'_>) -> PyDay {
        PyDay {
            date: day.date,
            kind: day.kind,
            holiday: day.holiday.map(str::to_owned),
            notice: day.notice.map(str::to_owned),
            provisional: day.provisional,
        }
    }
}

#[pymethods]
impl PyDay {
    /// The date.
    #[getter]
    fn date<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_date(py, self.date)
    }

    /// The kind of day: `workday`, `make_up_workday`, `weekend`, `statutory_holiday`,
    /// `shifted_rest_day`, `local_rest_day` or `local_workday`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.kind.code()
    }

    /// Whether it is a working day.
    #[getter]
    fn is_workday(&self) -> bool {
        self.kind.is_workday()
    }

    /// The holiday break it belongs to (`国庆节`), if any.
    #[getter]
    fn holiday(&self) -> Option<&str> {
        self.holiday.as_deref()
    }

    /// The 文号 of the notice that set it, if any.
    #[getter]
    fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// Whether the day is only provisional (a year no notice covers yet, from a
    /// `ProvisionalCalendar`).
    #[getter]
    fn provisional(&self) -> bool {
        self.provisional
    }

    /// The kind of day in words.
    #[pyo3(signature = (lang = "zh"))]
    fn label(&self, py: Python<'_>, lang: &str) -> PyResult<&'static str> {
        Ok(self.kind.label(language(py, lang)?))
    }

    fn __repr__(&self) -> String {
        let text = |v: &Option<String>| match v {
            Some(s) => format!("'{s}'"),
            None => "None".to_owned(),
        };
        format!(
            "Day(date={}, kind='{}', holiday={}, notice={})",
            self.date,
            self.kind.code(),
            text(&self.holiday),
            text(&self.notice)
        )
    }
}

#[pymethods]
impl PyCalendar {
    /// The national calendar (State Council notices 2004-2026, compiled in).
    #[staticmethod]
    fn china() -> PyCalendar {
        PyCalendar {
            inner: Calendar::china(),
        }
    }

    /// A calendar from notice texts (the `data/notices/` format), layered on the national
    /// notices unless `national` is false; `known_on` keeps only the notices published by
    /// that date.
    #[staticmethod]
    #[pyo3(signature = (notices = Vec::new(), *, national = true, known_on = None))]
    fn build(
        py: Python<'_>,
        notices: Vec<String>,
        national: bool,
        known_on: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyCalendar> {
        let mut builder = if national {
            duban::CalendarBuilder::china()
        } else {
            duban::CalendarBuilder::new()
        };
        for (i, text) in notices.iter().enumerate() {
            builder = builder.notice_text(text).map_err(|e| {
                lib_err_at(py, &e, &format!("第 {i} 份通知"), &format!("notice {i}"))
            })?;
        }
        if let Some(d) = known_on {
            builder = builder.known_on(to_date(py, d, "known_on")?);
        }
        Ok(PyCalendar {
            inner: builder.build().or_raise(py)?,
        })
    }

    /// This calendar with one more notice (next year's, a correction, a local adjustment)
    /// loaded from its text.
    fn with_notice(&self, py: Python<'_>, text: &str) -> PyResult<PyCalendar> {
        let inner = self
            .inner
            .to_builder()
            .notice_text(text)
            .and_then(duban::CalendarBuilder::build)
            .or_raise(py)?;
        Ok(PyCalendar { inner })
    }

    /// The calendar as it stood on `date`: only the notices published by then.
    fn as_known_on(&self, py: Python<'_>, date: &Bound<'_, PyAny>) -> PyResult<PyCalendar> {
        Ok(PyCalendar {
            inner: self.inner.as_known_on(to_date(py, date, "date")?),
        })
    }

    /// The explicit opt-in for years no notice covers yet (2027, 2028): a calendar whose
    /// every answer says whether it is provisional.
    fn with_provisional(&self, py: Python<'_>) -> PyResult<PyProvisionalCalendar> {
        Ok(PyProvisionalCalendar {
            inner: self.inner.with_provisional().or_raise(py)?,
        })
    }

    /// The date given to `as_known_on`, if any.
    #[getter]
    fn known_on<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        py_opt_date(py, self.inner.known_on())
    }

    /// The 文号 of every loaded notice.
    #[getter]
    fn notices(&self) -> Vec<String> {
        self.inner.notices().iter().map(|n| n.id.clone()).collect()
    }

    /// The covered spans, as (first, last) pairs of dates.
    #[getter]
    fn coverage<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyTuple>>> {
        self.inner
            .coverage()
            .iter()
            .map(|(a, b)| PyTuple::new(py, [py_date(py, *a)?, py_date(py, *b)?]))
            .collect()
    }

    /// Whether `date` is a working day.
    fn is_workday(&self, py: Python<'_>, date: &Bound<'_, PyAny>) -> PyResult<bool> {
        self.inner
            .is_workday(to_date(py, date, "date")?)
            .or_raise(py)
    }

    /// The day: its kind, holiday and notice.
    fn day(&self, py: Python<'_>, date: &Bound<'_, PyAny>) -> PyResult<PyDay> {
        let day = self.inner.day(to_date(py, date, "date")?).or_raise(py)?;
        Ok(PyDay::of(&day))
    }

    /// Every day from `first` to `last`, both included.
    fn days(
        &self,
        py: Python<'_>,
        first: &Bound<'_, PyAny>,
        last: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<PyDay>> {
        let (a, b) = (to_date(py, first, "first")?, to_date(py, last, "last")?);
        Ok(self
            .inner
            .days(a, b)
            .or_raise(py)?
            .map(|day| PyDay::of(&day))
            .collect())
    }

    /// The `n`-th working day after `date` (before it when `n` is negative; `date` itself
    /// when `n` is 0 and it is a working day).
    fn add_workdays<'py>(
        &self,
        py: Python<'py>,
        date: &Bound<'py, PyAny>,
        n: i64,
    ) -> PyResult<Bound<'py, PyAny>> {
        let d = to_date(py, date, "date")?;
        let n = to_i32(py, n, "n")?;
        py_date(py, self.inner.add_workdays(d, n).or_raise(py)?)
    }

    /// Working days after `a` up to and including `b` (negative when `b` is before `a`).
    fn workdays_between(
        &self,
        py: Python<'_>,
        a: &Bound<'_, PyAny>,
        b: &Bound<'_, PyAny>,
    ) -> PyResult<i32> {
        let (a, b) = (to_date(py, a, "a")?, to_date(py, b, "b")?);
        self.inner.workdays_between(a, b).or_raise(py)
    }

    /// The first working day after `date`.
    fn next_workday<'py>(
        &self,
        py: Python<'py>,
        date: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let d = to_date(py, date, "date")?;
        py_date(py, self.inner.next_workday(d).or_raise(py)?)
    }

    /// The last working day before `date`.
    fn previous_workday<'py>(
        &self,
        py: Python<'py>,
        date: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let d = to_date(py, date, "date")?;
        py_date(py, self.inner.previous_workday(d).or_raise(py)?)
    }

    /// `date` if it is a working day, else the next one.
    fn workday_on_or_after<'py>(
        &self,
        py: Python<'py>,
        date: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let d = to_date(py, date, "date")?;
        py_date(py, self.inner.workday_on_or_after(d).or_raise(py)?)
    }

    /// `date` if it is a working day, else the previous one.
    fn workday_on_or_before<'py>(
        &self,
        py: Python<'py>,
        date: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let d = to_date(py, date, "date")?;
        py_date(py, self.inner.workday_on_or_before(d).or_raise(py)?)
    }

    /// The last working day of a month.
    fn last_workday_of_month<'py>(
        &self,
        py: Python<'py>,
        year: i32,
        month: u32,
    ) -> PyResult<Bound<'py, PyAny>> {
        let m = YearMonth::new(year, month).or_raise(py)?;
        py_date(py, self.inner.last_workday_of_month(m).or_raise(py)?)
    }

    /// The last working day of a quarter (1-4).
    fn last_workday_of_quarter<'py>(
        &self,
        py: Python<'py>,
        year: i32,
        quarter: u32,
    ) -> PyResult<Bound<'py, PyAny>> {
        let q = Quarter::new(year, quarter).or_raise(py)?;
        py_date(py, self.inner.last_workday_of_quarter(q).or_raise(py)?)
    }

    /// The last working day of a year.
    fn last_workday_of_year<'py>(&self, py: Python<'py>, year: i32) -> PyResult<Bound<'py, PyAny>> {
        py_date(py, self.inner.last_workday_of_year(year).or_raise(py)?)
    }

    /// `is_workday` for every date of an iterable.
    fn is_workday_many(&self, py: Python<'_>, dates: &Bound<'_, PyAny>) -> PyResult<Vec<bool>> {
        let dates = dates_in(py, dates, "dates")?;
        let cal = &self.inner;
        py.detach(|| {
            dates
                .iter()
                .enumerate()
                .map(|(i, d)| cal.is_workday(*d).map_err(|e| (i, e)))
                .collect::<Result<Vec<_>, _>>()
        })
        .map_err(|(i, e)| at_index(py, i, &e))
    }

    /// `add_workdays(d, n)` for every date of an iterable, as a list of dates.
    fn add_workdays_many<'py>(
        &self,
        py: Python<'py>,
        dates: &Bound<'py, PyAny>,
        n: i64,
    ) -> PyResult<Bound<'py, PyList>> {
        let dates = dates_in(py, dates, "dates")?;
        let n = to_i32(py, n, "n")?;
        let cal = &self.inner;
        let out = py
            .detach(|| {
                dates
                    .iter()
                    .enumerate()
                    .map(|(i, d)| cal.add_workdays(*d, n).map_err(|e| (i, e)))
                    .collect::<Result<Vec<_>, _>>()
            })
            .map_err(|(i, e)| at_index(py, i, &e))?;
        dates_out(py, &out)
    }

    /// `workdays_between(a[i], b[i])` for two iterables of the same length.
    fn workdays_between_many(
        &self,
        py: Python<'_>,
        a: &Bound<'_, PyAny>,
        b: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<i32>> {
        let (a, b) = (dates_in(py, a, "a")?, dates_in(py, b, "b")?);
        if a.len() != b.len() {
            return Err(invalid(
                py,
                format!("a 与 b 的长度不同（{} 与 {}）", a.len(), b.len()),
                format!("a and b differ in length ({} and {})", a.len(), b.len()),
            ));
        }
        let cal = &self.inner;
        py.detach(|| {
            a.iter()
                .zip(&b)
                .enumerate()
                .map(|(i, (a, b))| cal.workdays_between(*a, *b).map_err(|e| (i, e)))
                .collect::<Result<Vec<_>, _>>()
        })
        .map_err(|(i, e)| at_index(py, i, &e))
    }

    /// `add_workdays` over date ordinals (`date.toordinal()`): an `array('i')`, `bytes` or a
    /// sequence of ints in, an `array('i')` of ordinals out. The fast batch form.
    fn add_workdays_ordinals<'py>(
        &self,
        py: Python<'py>,
        ordinals: &Bound<'py, PyAny>,
        n: i64,
    ) -> PyResult<Bound<'py, PyAny>> {
        let ins = ordinals_in(py, ordinals, "ordinals")?;
        let n = to_i32(py, n, "n")?;
        let cal = &self.inner;
        let out = py
            .detach(|| {
                ins.iter()
                    .enumerate()
                    .map(|(i, o)| {
                        let d = date_of_ordinal(*o).ok_or(Err(i))?;
                        cal.add_workdays(d, n).map(ordinal).map_err(|e| Ok((i, e)))
                    })
                    .collect::<Result<Vec<i32>, Result<(usize, duban::Error), usize>>>()
            })
            .map_err(|e| bad_ordinal(py, &ins, e))?;
        array_out(py, &out)
    }

    fn __repr__(&self) -> String {
        let cov: Vec<String> = self
            .inner
            .coverage()
            .iter()
            .map(|(a, b)| format!("{a}..={b}"))
            .collect();
        match self.inner.known_on() {
            Some(k) => format!(
                "Calendar(coverage=[{}], notices={}, known_on={k})",
                cov.join(", "),
                self.inner.notices().len()
            ),
            None => format!(
                "Calendar(coverage=[{}], notices={})",
                cov.join(", "),
                self.inner.notices().len()
            ),
        }
    }
}

/// The calendar with provisional years (2027, 2028) from the statutory holidays alone.
/// Every answer is a pair `(value, provisional)`; `provisional` is true whenever the query
/// touches a provisional year. Rough: it knows no make-up days and no shifted rest days.
#[pyclass(module = "duban", name = "ProvisionalCalendar", frozen)]
struct PyProvisionalCalendar {
    inner: duban::ProvisionalCalendar,
}

type Flagged<'py> = (Bound<'py, PyAny>, bool);

fn flagged_date(py: Python<'_>, p: duban::Provisional<NaiveDate>) -> PyResult<Flagged<'_>> {
    Ok((py_date(py, p.value)?, p.provisional))
}

#[pymethods]
impl PyProvisionalCalendar {
    /// The calendar of notices alone.
    #[getter]
    fn confirmed(&self) -> PyCalendar {
        PyCalendar {
            inner: self.inner.confirmed().clone(),
        }
    }

    /// The first day that is provisional.
    #[getter]
    fn first_provisional<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_date(py, self.inner.first_provisional())
    }

    /// `(is_workday, provisional)`.
    fn is_workday(&self, py: Python<'_>, date: &Bound<'_, PyAny>) -> PyResult<(bool, bool)> {
        let p = self
            .inner
            .is_workday(to_date(py, date, "date")?)
            .or_raise(py)?;
        Ok((p.value, p.provisional))
    }

    /// The day; its `provisional` tells whether it is provisional.
    fn day(&self, py: Python<'_>, date: &Bound<'_, PyAny>) -> PyResult<PyDay> {
        let p = self.inner.day(to_date(py, date, "date")?).or_raise(py)?;
        Ok(PyDay::of(&p.value))
    }

    /// `(date, provisional)`: the `n`-th working day after `date`.
    fn add_workdays<'py>(
        &self,
        py: Python<'py>,
        date: &Bound<'py, PyAny>,
        n: i64,
    ) -> PyResult<Flagged<'py>> {
        let d = to_date(py, date, "date")?;
        let n = to_i32(py, n, "n")?;
        flagged_date(py, self.inner.add_workdays(d, n).or_raise(py)?)
    }

    /// `(count, provisional)`: working days after `a` up to and including `b`.
    fn workdays_between(
        &self,
        py: Python<'_>,
        a: &Bound<'_, PyAny>,
        b: &Bound<'_, PyAny>,
    ) -> PyResult<(i32, bool)> {
        let (a, b) = (to_date(py, a, "a")?, to_date(py, b, "b")?);
        let p = self.inner.workdays_between(a, b).or_raise(py)?;
        Ok((p.value, p.provisional))
    }

    /// `(date, provisional)`: the first working day after `date`.
    fn next_workday<'py>(
        &self,
        py: Python<'py>,
        date: &Bound<'py, PyAny>,
    ) -> PyResult<Flagged<'py>> {
        let d = to_date(py, date, "date")?;
        flagged_date(py, self.inner.next_workday(d).or_raise(py)?)
    }

    /// `(date, provisional)`: the last working day before `date`.
    fn previous_workday<'py>(
        &self,
        py: Python<'py>,
        date: &Bound<'py, PyAny>,
    ) -> PyResult<Flagged<'py>> {
        let d = to_date(py, date, "date")?;
        flagged_date(py, self.inner.previous_workday(d).or_raise(py)?)
    }

    /// `(date, provisional)`: `date` if a working day, else the next one.
    fn workday_on_or_after<'py>(
        &self,
        py: Python<'py>,
        date: &Bound<'py, PyAny>,
    ) -> PyResult<Flagged<'py>> {
        let d = to_date(py, date, "date")?;
        flagged_date(py, self.inner.workday_on_or_after(d).or_raise(py)?)
    }

    /// `(date, provisional)`: `date` if a working day, else the previous one.
    fn workday_on_or_before<'py>(
        &self,
        py: Python<'py>,
        date: &Bound<'py, PyAny>,
    ) -> PyResult<Flagged<'py>> {
        let d = to_date(py, date, "date")?;
        flagged_date(py, self.inner.workday_on_or_before(d).or_raise(py)?)
    }

    /// `(date, provisional)`: the last working day of a month.
    fn last_workday_of_month<'py>(
        &self,
        py: Python<'py>,
        year: i32,
        month: u32,
    ) -> PyResult<Flagged<'py>> {
        let m = YearMonth::new(year, month).or_raise(py)?;
        flagged_date(py, self.inner.last_workday_of_month(m).or_raise(py)?)
    }

    /// `(date, provisional)`: the last working day of a quarter.
    fn last_workday_of_quarter<'py>(
        &self,
        py: Python<'py>,
        year: i32,
        quarter: u32,
    ) -> PyResult<Flagged<'py>> {
        let q = Quarter::new(year, quarter).or_raise(py)?;
        flagged_date(py, self.inner.last_workday_of_quarter(q).or_raise(py)?)
    }

    /// `(date, provisional)`: the last working day of a year.
    fn last_workday_of_year<'py>(&self, py: Python<'py>, year: i32) -> PyResult<Flagged<'py>> {
        flagged_date(py, self.inner.last_workday_of_year(year).or_raise(py)?)
    }

    fn __repr__(&self) -> String {
        format!(
            "ProvisionalCalendar(first_provisional={})",
            self.inner.first_provisional()
        )
    }
}

/// The error of a batch over ordinals: a bad ordinal, or the library's error at an index.
#[cold]
fn bad_ordinal(py: Python<'_>, ins: &[i32], e: Result<(usize, duban::Error), usize>) -> PyErr {
    match e {
        Ok((i, e)) => at_index(py, i, &e),
        Err(i) => {
            let o = ins.get(i).copied().unwrap_or_default();
            invalid(
                py,
                format!("第 {i} 项：{o} 不是有效的日期序数"),
                format!("item {i}: {o} is not a valid date ordinal"),
            )
        }
    }
}

// ---------------------------------------------------------------------------------------
// Policy

/// The parameters that settle each contested reading of 安政办发〔2020〕1号
/// (`duban-policy/1`).
#[pyclass(module = "duban", name = "Policy", frozen)]
#[derive(Clone)]
struct PyPolicy {
    inner: Arc<Policy>,
}

#[pymethods]
impl PyPolicy {
    /// The readings duban chooses by default for 安政办发〔2020〕1号.
    #[staticmethod]
    fn ankang_2020() -> PyPolicy {
        PyPolicy {
            inner: default_policy(),
        }
    }

    /// A policy from a `duban-policy/1` document (str, bytes or dict); parameters it does
    /// not name keep their 2020 values.
    #[staticmethod]
    fn from_json(py: Python<'_>, document: &Bound<'_, PyAny>) -> PyResult<PyPolicy> {
        let text = json_text(py, document, "document")?;
        let text = std::str::from_utf8(&text).map_err(|e| {
            raise(
                py,
                "invalid_policy",
                &format!("政策文件不是有效的 UTF-8 文本：{e}"),
                &format!("the policy is not valid UTF-8: {e}"),
            )
        })?;
        Ok(PyPolicy {
            inner: Arc::new(Policy::from_json(text).or_raise(py)?),
        })
    }

    /// The policy's id.
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }

    /// The policy's title.
    #[getter]
    fn title(&self) -> &str {
        &self.inner.title
    }

    /// The day it takes effect.
    #[getter]
    fn in_force_from<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_date(py, self.inner.in_force_from)
    }

    /// The policy as a `duban-policy/1` document.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    fn __repr__(&self) -> String {
        format!("Policy(id='{}')", self.inner.id)
    }
}

// ---------------------------------------------------------------------------------------
// Deadlines

/// A reading of contested words, and the date it gives.
#[pyclass(module = "duban", name = "Reading", frozen)]
struct PyReading {
    reading: duban::Reading,
    date: NaiveDate,
    chosen: bool,
}

fn reading_code(reading: duban::Reading) -> String {
    match serde_json::to_value(reading) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

#[pymethods]
impl PyReading {
    /// The reading: `plain`, `inclusive`, `exclusive`, `seven_calendar_days`,
    /// `five_working_days`, `start_day_excluded` or `start_day_counted`.
    #[getter]
    fn reading(&self) -> String {
        reading_code(self.reading)
    }

    /// The due date under this reading.
    #[getter]
    fn date<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_date(py, self.date)
    }

    /// Whether the policy chose this reading.
    #[getter]
    fn chosen(&self) -> bool {
        self.chosen
    }

    /// The reading in words.
    #[pyo3(signature = (lang = "zh"))]
    fn label(&self, py: Python<'_>, lang: &str) -> PyResult<&'static str> {
        Ok(self.reading.label(language(py, lang)?))
    }

    fn __repr__(&self) -> String {
        format!(
            "Reading(reading='{}', date={}, chosen={})",
            reading_code(self.reading),
            self.date,
            if self.chosen { "True" } else { "False" }
        )
    }
}

/// The deadline of one obligation (D1-D7), with the policy and calendar that gave it.
#[pyclass(module = "duban", name = "Deadline", frozen)]
struct PyDeadline {
    deadline: Deadline,
    policy: Arc<Policy>,
    calendar: Calendar,
}

#[pymethods]
impl PyDeadline {
    /// The due date under the policy's reading.
    #[getter]
    fn due<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_date(py, self.deadline.due())
    }

    /// The earliest date under every reading: in time whichever reading holds.
    #[getter]
    fn earliest<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_date(py, self.deadline.earliest())
    }

    /// The date under each reading (one when nothing is contested).
    #[getter]
    fn readings(&self) -> Vec<PyReading> {
        self.deadline
            .readings()
            .iter()
            .map(|r| PyReading {
                reading: r.reading,
                date: r.date,
                chosen: r.chosen,
            })
            .collect()
    }

    /// `D1` ... `D7`.
    #[getter]
    fn code(&self) -> &'static str {
        self.deadline.kind().code()
    }

    /// The obligation's kind, as the caseload names it (`meeting_follow_up`, ...).
    #[getter]
    fn kind(&self) -> String {
        match serde_json::to_value(self.deadline.kind()) {
            Ok(serde_json::Value::String(s)) => s,
            _ => String::new(),
        }
    }

    /// The nominal last day when it fell on a day off and rolled to a working day.
    #[getter]
    fn rolled_from<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        py_opt_date(py, self.deadline.rolled_from())
    }

    /// The article that sets it (`第九条第一款`).
    #[getter]
    fn article(&self) -> String {
        self.deadline.kind().article().to_string()
    }

    /// The explanation a clerk reads, a line each, the due date first.
    #[pyo3(signature = (lang = "zh"))]
    fn explain(&self, py: Python<'_>, lang: &str) -> PyResult<String> {
        Ok(self.explanation_lines(py, lang)?.join("\n"))
    }

    /// The explanation's lines.
    #[pyo3(signature = (lang = "zh"))]
    fn explanation_lines(&self, py: Python<'_>, lang: &str) -> PyResult<Vec<String>> {
        let lang = language(py, lang)?;
        Ok(self
            .deadline
            .explain(&self.policy, &self.calendar, lang)
            .or_raise(py)?
            .lines)
    }

    /// The deadline as JSON (obligation, code, article, due, earliest, readings,
    /// rolled_from), as in the `duban-report/1` obligations.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        serde_json::to_string(&self.deadline).map_err(|e| {
            raise(
                py,
                "invalid_input",
                &format!("无法写出截止日期：{e}"),
                &format!("cannot write the deadline: {e}"),
            )
        })
    }

    fn __repr__(&self) -> String {
        format!(
            "Deadline(code='{}', due={}, earliest={})",
            self.deadline.kind().code(),
            self.deadline.due(),
            self.deadline.earliest()
        )
    }
}

/// The kinds `due` takes, as the CLI names them, with the caseload's names and D-codes.
const KINDS: [(&str, &str, &str); 7] = [
    ("meeting-follow-up", "meeting_follow_up", "D1"),
    ("monthly-report", "monthly_report", "D2"),
    ("quarterly-report", "quarterly_report", "D3"),
    ("inspection-application", "inspection_application", "D4"),
    ("inspection-approval", "inspection_approval", "D5"),
    ("rectification-plan", "rectification_plan", "D6"),
    ("year-end-summary", "year_end_summary", "D7"),
];

/// The CLI name of a kind given by its CLI name, caseload name or D-code.
fn kind_of(py: Python<'_>, kind: &str) -> PyResult<&'static str> {
    KINDS
        .iter()
        .find(|(cli, snake, code)| kind == *cli || kind == *snake || kind == *code)
        .map(|k| k.0)
        .ok_or_else(|| {
            let list: Vec<&str> = KINDS.iter().map(|k| k.0).collect();
            invalid(
                py,
                format!("未知的事项“{kind}”（可用 {}）", list.join("|")),
                format!("unknown obligation {kind:?} (one of {})", list.join("|")),
            )
        })
}

/// A trigger as `due` takes it: a date, an int year, or the CLI's text.
enum Trigger {
    Date(NaiveDate),
    Text(String),
    Year(i64),
}

fn trigger_of(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<Trigger> {
    if value.is_instance(date_type(py)?.as_any())? {
        return to_date(py, value, "trigger").map(Trigger::Date);
    }
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(Trigger::Text(text.to_cow()?.into_owned()));
    }
    if value.is_instance_of::<PyInt>() && !value.is_instance_of::<PyBool>() {
        if let Ok(year) = value.extract::<i64>() {
            return Ok(Trigger::Year(year));
        }
    }
    Err(invalid(
        py,
        format!(
            "trigger：应为日期（datetime.date）、年份（整数）或文本，实际为 {}",
            type_name(value)
        ),
        format!(
            "trigger: expected a datetime.date, an int year or text, got {}",
            type_name(value)
        ),
    ))
}

/// The obligation of `kind` (a CLI name) and `trigger`.
fn obligation_of(
    py: Python<'_>,
    kind: &'static str,
    trigger: &Trigger,
    meeting_kind: MeetingKind,
) -> PyResult<Obligation> {
    let wrong = |form_zh: &str, form_en: &str| {
        let shown = match trigger {
            Trigger::Date(d) => d.to_string(),
            Trigger::Text(t) => format!("{t:?}"),
            Trigger::Year(y) => y.to_string(),
        };
        invalid(
            py,
            format!("trigger：{kind} 的触发应为{form_zh}，实际为 {shown}"),
            format!("trigger: {kind} takes {form_en}, got {shown}"),
        )
    };
    let date = || match trigger {
        Trigger::Date(d) => Ok(*d),
        Trigger::Text(t) => {
            duban::parse_date(t).map_err(|e| lib_err_at(py, &e, "trigger", "trigger"))
        }
        Trigger::Year(_) => Err(wrong(
            "日期（datetime.date 或“YYYY-MM-DD”）",
            "a date (datetime.date or 'YYYY-MM-DD')",
        )),
    };
    Ok(match kind {
        "meeting-follow-up" => Obligation::MeetingFollowUp {
            meeting: date()?,
            kind: meeting_kind,
        },
        "monthly-report" => match trigger {
            Trigger::Text(t) => Obligation::MonthlyReport {
                month: t
                    .parse::<YearMonth>()
                    .map_err(|e| lib_err_at(py, &e, "trigger", "trigger"))?,
            },
            _ => return Err(wrong("月份“YYYY-MM”", "a month 'YYYY-MM'")),
        },
        "quarterly-report" => match trigger {
            Trigger::Text(t) => Obligation::QuarterlyReport {
                quarter: t
                    .parse::<Quarter>()
                    .map_err(|e| lib_err_at(py, &e, "trigger", "trigger"))?,
            },
            _ => return Err(wrong("季度“YYYY-Qn”", "a quarter 'YYYY-Qn'")),
        },
        "inspection-application" => Obligation::InspectionApplication { start: date()? },
        "inspection-approval" => Obligation::InspectionApproval { start: date()? },
        "rectification-plan" => Obligation::RectificationPlan { interview: date()? },
        _ => {
            let year = match trigger {
                Trigger::Year(y) => i32::try_from(*y).ok(),
                Trigger::Text(t) if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) => {
                    t.parse::<i32>().ok()
                }
                _ => None,
            };
            match year {
                Some(year) => Obligation::YearEndSummary { year },
                None => return Err(wrong("年份（整数或“YYYY”）", "a year (an int or 'YYYY')")),
            }
        }
    })
}

fn meeting_kind_of(
    py: Python<'_>,
    kind: &'static str,
    meeting_kind: Option<&str>,
) -> PyResult<MeetingKind> {
    match meeting_kind {
        None => Ok(MeetingKind::Executive),
        Some(_) if kind != "meeting-follow-up" => Err(invalid(
            py,
            format!("meeting_kind 只适用于 meeting-follow-up，不适用于 {kind}"),
            format!("meeting_kind applies to meeting-follow-up only, not to {kind}"),
        )),
        Some(name) => name
            .parse::<MeetingKind>()
            .map_err(|e| lib_err_at(py, &e, "meeting_kind", "meeting_kind")),
    }
}

/// The built-in policy, made once and shared.
fn default_policy() -> Arc<Policy> {
    static DEFAULT: OnceLock<Arc<Policy>> = OnceLock::new();
    DEFAULT
        .get_or_init(|| Arc::new(Policy::ankang_2020()))
        .clone()
}

fn policy_or_default(policy: Option<&PyPolicy>) -> Arc<Policy> {
    policy.map_or_else(default_policy, |p| p.inner.clone())
}

fn calendar_or_default(calendar: Option<&PyCalendar>) -> Calendar {
    calendar.map_or_else(Calendar::china, |c| c.inner.clone())
}

/// The deadline of an obligation of 安政办发〔2020〕1号.
///
/// `kind` is the CLI's (`meeting-follow-up`, ...), the caseload's (`meeting_follow_up`)
/// or the code (`D1`); `trigger` a `datetime.date`, an int year (D7) or the CLI's text
/// (`'2023-09-20'`, `'2023-10'`, `'2023-Q3'`, `'2023'`).
#[pyfunction]
#[pyo3(signature = (kind, trigger, policy = None, calendar = None, *, meeting_kind = None))]
fn due(
    py: Python<'_>,
    kind: &str,
    trigger: &Bound<'_, PyAny>,
    policy: Option<PyRef<'_, PyPolicy>>,
    calendar: Option<PyRef<'_, PyCalendar>>,
    meeting_kind: Option<&str>,
) -> PyResult<PyDeadline> {
    let kind = kind_of(py, kind)?;
    let meeting_kind = meeting_kind_of(py, kind, meeting_kind)?;
    let obligation = obligation_of(py, kind, &trigger_of(py, trigger)?, meeting_kind)?;
    let policy = policy_or_default(policy.as_deref());
    let calendar = calendar_or_default(calendar.as_deref());
    let deadline = obligation.deadline(&policy, &calendar).or_raise(py)?;
    Ok(PyDeadline {
        deadline,
        policy,
        calendar,
    })
}

/// How to make the obligation of a date-triggered kind (D1, D4, D5, D6) from its date.
fn date_triggered(kind: &str) -> Option<fn(NaiveDate, MeetingKind) -> Obligation> {
    match kind {
        "meeting-follow-up" => Some(|d, k| Obligation::MeetingFollowUp {
            meeting: d,
            kind: k,
        }),
        "inspection-application" => Some(|d, _| Obligation::InspectionApplication { start: d }),
        "inspection-approval" => Some(|d, _| Obligation::InspectionApproval { start: d }),
        "rectification-plan" => Some(|d, _| Obligation::RectificationPlan { interview: d }),
        _ => None,
    }
}

/// The due dates of many obligations of one kind: a list of due dates, one per trigger.
#[pyfunction]
#[pyo3(signature = (kind, triggers, policy = None, calendar = None, *, meeting_kind = None))]
fn due_many<'py>(
    py: Python<'py>,
    kind: &str,
    triggers: &Bound<'py, PyAny>,
    policy: Option<PyRef<'py, PyPolicy>>,
    calendar: Option<PyRef<'py, PyCalendar>>,
    meeting_kind: Option<&str>,
) -> PyResult<Bound<'py, PyList>> {
    let kind = kind_of(py, kind)?;
    let meeting_kind = meeting_kind_of(py, kind, meeting_kind)?;
    let mut obligations = Vec::with_capacity(triggers.len().unwrap_or(0));
    if let Some(make) = date_triggered(kind) {
        // The common case, a date a trigger: no detour through `Trigger`.
        for (i, item) in triggers.try_iter()?.enumerate() {
            let date = to_date(py, &item?, "trigger").map_err(|e| prefix_index(py, i, e))?;
            obligations.push(make(date, meeting_kind));
        }
    } else {
        for (i, item) in triggers.try_iter()?.enumerate() {
            let obligation = trigger_of(py, &item?)
                .and_then(|t| obligation_of(py, kind, &t, meeting_kind))
                .map_err(|e| prefix_index(py, i, e))?;
            obligations.push(obligation);
        }
    }
    let policy = policy_or_default(policy.as_deref());
    let calendar = calendar_or_default(calendar.as_deref());
    let dues = py
        .detach(|| {
            obligations
                .iter()
                .enumerate()
                .map(|(i, o)| {
                    o.deadline(&policy, &calendar)
                        .map(|d| d.due())
                        .map_err(|e| (i, e))
                })
                .collect::<Result<Vec<_>, _>>()
        })
        .map_err(|(i, e)| at_index(py, i, &e))?;
    dates_out(py, &dues)
}

/// The due dates of date-triggered obligations (D1, D4, D5, D6) over date ordinals
/// (`date.toordinal()`): an `array('i')`, `bytes` or sequence of ints in, an `array('i')`
/// of ordinals out. The fast batch form.
#[pyfunction]
#[pyo3(signature = (kind, ordinals, policy = None, calendar = None, *, meeting_kind = None))]
fn due_ordinals<'py>(
    py: Python<'py>,
    kind: &str,
    ordinals: &Bound<'py, PyAny>,
    policy: Option<PyRef<'py, PyPolicy>>,
    calendar: Option<PyRef<'py, PyCalendar>>,
    meeting_kind: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let kind = kind_of(py, kind)?;
    let meeting_kind = meeting_kind_of(py, kind, meeting_kind)?;
    let make = match date_triggered(kind) {
        Some(make) => make,
        None => {
            return Err(invalid(
                py,
                format!("due_ordinals 只适用于以日期触发的事项（D1、D4、D5、D6），不适用于 {kind}"),
                format!(
                    "due_ordinals takes date-triggered obligations (D1, D4, D5, D6), not {kind}"
                ),
            ))
        }
    };
    let ins = ordinals_in(py, ordinals, "ordinals")?;
    let policy = policy_or_default(policy.as_deref());
    let calendar = calendar_or_default(calendar.as_deref());
    let out = py
        .detach(|| {
            ins.iter()
                .enumerate()
                .map(|(i, o)| {
                    let d = date_of_ordinal(*o).ok_or(Err(i))?;
                    make(d, meeting_kind)
                        .deadline(&policy, &calendar)
                        .map(|d| ordinal(d.due()))
                        .map_err(|e| Ok((i, e)))
                })
                .collect::<Result<Vec<i32>, Result<(usize, duban::Error), usize>>>()
        })
        .map_err(|e| bad_ordinal(py, &ins, e))?;
    array_out(py, &out)
}

/// Puts "item i" before the message of an error raised for one element of a batch.
#[cold]
fn prefix_index(py: Python<'_>, i: usize, err: PyErr) -> PyErr {
    let value = err.value(py);
    let fields = (|| -> PyResult<(String, String, String)> {
        Ok((
            value.getattr("kind")?.extract()?,
            value.getattr("message_zh")?.extract()?,
            value.getattr("message_en")?.extract()?,
        ))
    })();
    match fields {
        Ok((kind, zh, en)) => raise(
            py,
            &kind,
            &format!("第 {i} 项：{zh}"),
            &format!("item {i}: {en}"),
        ),
        Err(_) => err,
    }
}

// ---------------------------------------------------------------------------------------
// Caseloads

/// The UTF-8 bytes of a JSON document given as str, bytes, bytearray or a JSON-able value
/// (dict, list), serialised with `json.dumps(ensure_ascii=False)`.
fn json_text(py: Python<'_>, value: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<u8>> {
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(s.to_cow()?.into_owned().into_bytes());
    }
    if let Ok(b) = value.cast::<PyBytes>() {
        return Ok(b.as_bytes().to_vec());
    }
    if let Ok(b) = value.cast::<PyByteArray>() {
        return Ok(b.to_vec());
    }
    let dumps = JSON_DUMPS.get_or_try_init(py, || {
        py.import("json")?.getattr("dumps").map(Bound::unbind)
    })?;
    let kwargs = pyo3::types::PyDict::new(py);
    kwargs.set_item("ensure_ascii", false)?;
    match dumps.bind(py).call((value,), Some(&kwargs)) {
        Ok(text) => {
            let text: String = text.extract()?;
            Ok(text.into_bytes())
        }
        Err(e) => Err(invalid(
            py,
            format!("{what}：应为 JSON 文本（str 或 bytes）或可写成 JSON 的 dict：{e}"),
            format!("{what}: expected JSON text (str or bytes) or a JSON-serialisable dict: {e}"),
        )),
    }
}

fn parse_caseload(py: Python<'_>, bytes: &[u8]) -> PyResult<Caseload> {
    py.detach(|| Caseload::from_json(bytes)).or_raise(py)
}

fn as_of_for(
    py: Python<'_>,
    as_of: Option<&Bound<'_, PyAny>>,
    caseload: &Caseload,
) -> PyResult<NaiveDate> {
    match as_of {
        Some(d) => to_date(py, d, "as_of"),
        None => caseload.as_of().ok_or_else(|| {
            invalid(
                py,
                "事项清单没有 as_of 字段，请用参数 as_of 指定检查日期".to_owned(),
                "the caseload has no as_of: give the day to check on with as_of=".to_owned(),
            )
        }),
    }
}

fn json_loads<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    let loads = JSON_LOADS.get_or_try_init(py, || {
        py.import("json")?.getattr("loads").map(Bound::unbind)
    })?;
    loads.bind(py).call1((text,))
}

/// Checks a caseload and gives the `duban-report/1` JSON text, exactly as
/// `CheckReport::write_json` (and `duban check`) writes it, without a final newline.
#[pyfunction]
#[pyo3(signature = (caseload, *, as_of = None, policy = None, calendar = None, lang = "zh", explain = true))]
fn check_json(
    py: Python<'_>,
    caseload: &Bound<'_, PyAny>,
    as_of: Option<&Bound<'_, PyAny>>,
    policy: Option<PyRef<'_, PyPolicy>>,
    calendar: Option<PyRef<'_, PyCalendar>>,
    lang: &str,
    explain: bool,
) -> PyResult<String> {
    let lang = language(py, lang)?;
    let bytes = json_text(py, caseload, "caseload")?;
    let caseload = parse_caseload(py, &bytes)?;
    drop(bytes);
    let as_of = as_of_for(py, as_of, &caseload)?;
    let policy = policy_or_default(policy.as_deref());
    let calendar = calendar_or_default(calendar.as_deref());
    let out = py.detach(|| -> Result<Vec<u8>, Result<duban::Error, String>> {
        let report = duban::check(&caseload, &policy, &calendar, as_of).map_err(Ok)?;
        let explanations = if explain {
            Explanations::Include(&policy, &calendar)
        } else {
            Explanations::Omit
        };
        let mut out = Vec::new();
        report
            .write_json(&mut out, lang, explanations)
            .map_err(|e| Err(e.to_string()))?;
        Ok(out)
    });
    let out = out.map_err(|e| match e {
        Ok(e) => lib_err(py, &e),
        Err(e) => raise(
            py,
            "invalid_caseload",
            &format!("无法写出报告：{e}"),
            &format!("cannot write the report: {e}"),
        ),
    })?;
    String::from_utf8(out).map_err(|e| {
        raise(
            py,
            "invalid_caseload",
            &format!("报告不是有效的 UTF-8 文本：{e}"),
            &format!("the report is not valid UTF-8: {e}"),
        )
    })
}

/// Checks a caseload (`duban-caseload/1` as str, bytes or dict) and gives the
/// `duban-report/1` report as a dict. The GIL is released while it is checked.
#[pyfunction]
#[pyo3(signature = (caseload, *, as_of = None, policy = None, calendar = None, lang = "zh", explain = true))]
fn check<'py>(
    py: Python<'py>,
    caseload: &Bound<'py, PyAny>,
    as_of: Option<&Bound<'py, PyAny>>,
    policy: Option<PyRef<'py, PyPolicy>>,
    calendar: Option<PyRef<'py, PyCalendar>>,
    lang: &str,
    explain: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let text = check_json(py, caseload, as_of, policy, calendar, lang, explain)?;
    json_loads(py, &text)
}

/// Checks a caseload under two policies and gives the `duban-whatif/1` comparison as
/// JSON text, exactly as `duban diff --format json` writes it, without a final newline.
#[pyfunction]
#[pyo3(signature = (caseload, policy_a, policy_b, *, as_of = None, calendar = None))]
fn what_if_json(
    py: Python<'_>,
    caseload: &Bound<'_, PyAny>,
    policy_a: Option<PyRef<'_, PyPolicy>>,
    policy_b: Option<PyRef<'_, PyPolicy>>,
    as_of: Option<&Bound<'_, PyAny>>,
    calendar: Option<PyRef<'_, PyCalendar>>,
) -> PyResult<String> {
    let bytes = json_text(py, caseload, "caseload")?;
    let caseload = parse_caseload(py, &bytes)?;
    drop(bytes);
    let as_of = as_of_for(py, as_of, &caseload)?;
    let a = policy_or_default(policy_a.as_deref());
    let b = policy_or_default(policy_b.as_deref());
    let calendar = calendar_or_default(calendar.as_deref());
    let out = py.detach(|| -> Result<String, Result<duban::Error, String>> {
        let diff = duban::what_if(&caseload, &a, &b, &calendar, as_of).map_err(Ok)?;
        serde_json::to_string_pretty(&diff).map_err(|e| Err(e.to_string()))
    });
    out.map_err(|e| match e {
        Ok(e) => lib_err(py, &e),
        Err(e) => raise(
            py,
            "invalid_caseload",
            &format!("无法写出比较结果：{e}"),
            &format!("cannot write the comparison: {e}"),
        ),
    })
}

/// Checks a caseload under two policies (None for the built-in one) and gives the
/// `duban-whatif/1` comparison as a dict.
#[pyfunction]
#[pyo3(signature = (caseload, policy_a, policy_b, *, as_of = None, calendar = None))]
fn what_if<'py>(
    py: Python<'py>,
    caseload: &Bound<'py, PyAny>,
    policy_a: Option<PyRef<'py, PyPolicy>>,
    policy_b: Option<PyRef<'py, PyPolicy>>,
    as_of: Option<&Bound<'py, PyAny>>,
    calendar: Option<PyRef<'py, PyCalendar>>,
) -> PyResult<Bound<'py, PyAny>> {
    let text = what_if_json(py, caseload, policy_a, policy_b, as_of, calendar)?;
    json_loads(py, &text)
}

/// JSON text given as str, bytes or dict, as a `String`; text that is not UTF-8 raises.
fn json_string(py: Python<'_>, value: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    String::from_utf8(json_text(py, value, what)?).map_err(|e| {
        invalid(
            py,
            format!(
                "{what} 不是 UTF-8 文本（第 {} 字节）",
                e.utf8_error().valid_up_to()
            ),
            format!(
                "{what} is not UTF-8 (byte {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// What may happen next to matter `id` of a caseload (`duban-caseload/1` as str, bytes or
/// dict) on `as_of` (default: the document's), as a dict: `state`, `allowed` (event names),
/// `open` (obligations with `code`, `due`, `status`), `findings`, with words in `lang`.
#[pyfunction]
#[pyo3(signature = (caseload, id, *, as_of = None, policy = None, calendar = None, lang = "zh"))]
fn next_step<'py>(
    py: Python<'py>,
    caseload: &Bound<'py, PyAny>,
    id: &str,
    as_of: Option<&Bound<'py, PyAny>>,
    policy: Option<PyRef<'py, PyPolicy>>,
    calendar: Option<PyRef<'py, PyCalendar>>,
    lang: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let lang = language(py, lang)?;
    let text = json_string(py, caseload, "caseload")?;
    let as_of = as_of.map(|d| to_date(py, d, "as_of")).transpose()?;
    let policy = policy_or_default(policy.as_deref());
    let calendar = calendar_or_default(calendar.as_deref());
    let next = py
        .detach(|| duban::next_step(&text, id, as_of, &policy, &calendar, lang))
        .map_err(|e| lib_err(py, &e))?;
    let json = serde_json::to_string(&next).map_err(|e| {
        raise(
            py,
            "invalid_caseload",
            &format!("无法写出结果：{e}"),
            &format!("cannot write the next step: {e}"),
        )
    })?;
    json_loads(py, &json)
}

/// Applies one event (`{"event": NAME, "on": DATE, ...}`) to a stored workflow state
/// (`{"schema": "duban-state/1", "kind": KIND, "state": {...}}`), each as str, bytes or
/// dict, and gives the next stored state as a dict; a step the regulation does not allow
/// raises `IllegalTransitionError`, naming the state and the event. The rules that need a
/// policy or a calendar (a unit graded poor only once D6 has passed) use `policy` (default:
/// built in) and `calendar` (default: national), as `check` and `next_step` do.
#[pyfunction]
#[pyo3(signature = (state, event, *, policy = None, calendar = None))]
fn apply<'py>(
    py: Python<'py>,
    state: &Bound<'py, PyAny>,
    event: &Bound<'py, PyAny>,
    policy: Option<PyRef<'py, PyPolicy>>,
    calendar: Option<PyRef<'py, PyCalendar>>,
) -> PyResult<Bound<'py, PyAny>> {
    let state = json_string(py, state, "state")?;
    let event = json_string(py, event, "event")?;
    let policy = policy_or_default(policy.as_deref());
    let calendar = calendar_or_default(calendar.as_deref());
    let next = duban::stored_kind(&state)
        .and_then(|kind| duban::apply_json_with(kind, &state, &event, &policy, &calendar))
        .map_err(|e| lib_err(py, &e))?;
    json_loads(py, &next)
}

/// Parses a date as the library does (`YYYY-MM-DD`), raising `InvalidInputError`.
#[pyfunction]
fn parse_date<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    py_date(py, duban::parse_date(text).or_raise(py)?)
}

/// The native half of the `duban` package.
#[pymodule]
fn _duban(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyCalendar>()?;
    m.add_class::<PyDay>()?;
    m.add_class::<PyProvisionalCalendar>()?;
    m.add_class::<PyPolicy>()?;
    m.add_class::<PyDeadline>()?;
    m.add_class::<PyReading>()?;
    m.add_function(wrap_pyfunction!(due, m)?)?;
    m.add_function(wrap_pyfunction!(due_many, m)?)?;
    m.add_function(wrap_pyfunction!(due_ordinals, m)?)?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(check_json, m)?)?;
    m.add_function(wrap_pyfunction!(what_if, m)?)?;
    m.add_function(wrap_pyfunction!(what_if_json, m)?)?;
    m.add_function(wrap_pyfunction!(next_step, m)?)?;
    m.add_function(wrap_pyfunction!(apply, m)?)?;
    m.add_function(wrap_pyfunction!(parse_date, m)?)?;
    m.add("REPORT_SCHEMA", duban::REPORT_SCHEMA)?;
    m.add("CASELOAD_SCHEMA", duban::CASELOAD_SCHEMA)?;
    m.add("POLICY_SCHEMA", duban::POLICY_SCHEMA)?;
    Ok(())
}
