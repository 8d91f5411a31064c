// The JavaScript face of duban-wasm: idiomatic classes and functions over the
// wasm-bindgen exports, which all answer a JSON envelope ({"ok": ...} or {"error": ...}).
// Dates are ISO strings (YYYY-MM-DD), never Date objects: a deadline is a calendar day
// in China, not an instant in the reader's time zone.
import { Engine, load, kinds as rawKinds, meetingKinds as rawMeetingKinds, version as rawVersion } from './duban_wasm.js';

/** An error from duban, with its kind (`outside_coverage`, `invalid_input`, ...). */
export class DubanError extends Error {
  constructor(kind, messageZh, messageEn, lang) {
    super(lang === 'en' ? messageEn : messageZh);
    this.name = 'DubanError';
    this.kind = kind;
    this.messageZh = messageZh;
    this.messageEn = messageEn;
  }
}

function unwrap(text, lang) {
  const v = JSON.parse(text);
  if (v.error) {
    throw new DubanError(v.error.kind, v.error.message_zh, v.error.message_en, lang);
  }
  return v.ok;
}

function langOf(options) {
  return (options && options.lang) || 'zh';
}

function day(d) {
  return {
    date: d.date,
    kind: d.kind,
    kindLabel: d.kind_label,
    isWorkday: d.is_workday,
    holiday: d.holiday,
    notice: d.notice,
    provisional: d.provisional,
  };
}

function deadline(d) {
  const out = {
    obligation: d.obligation,
    code: d.code,
    article: d.article,
    articleLabel: d.article_label,
    label: d.label,
    quote: d.quote,
    due: d.due,
    earliest: d.earliest,
    readings: d.readings.map((r, i) => ({ ...r, label: d.reading_labels[i] })),
    countedSpan: d.counted_span,
    explanation: {
      lines: d.explanation.lines,
      holidaysSkipped: d.explanation.holidays_skipped,
      weekendDaysSkipped: d.explanation.weekend_days_skipped,
      makeUpDaysCounted: d.explanation.make_up_days_counted,
    },
    language: d.language,
  };
  if (d.rolled_from) out.rolledFrom = d.rolled_from;
  return out;
}

function policyText(policy) {
  if (policy === undefined || policy === null) return undefined;
  return typeof policy === 'string' ? policy : JSON.stringify(policy);
}

function caseloadText(caseload) {
  return typeof caseload === 'string' ? caseload : JSON.stringify(caseload);
}

const QUERIES = {
  isWorkday: ['is_workday', ['date']],
  day: ['day', ['date']],
  addWorkdays: ['add_workdays', ['date', 'n']],
  workdaysBetween: ['workdays_between', ['from', 'to']],
  nextWorkday: ['next_workday', ['date']],
  previousWorkday: ['previous_workday', ['date']],
  workdayOnOrAfter: ['workday_on_or_after', ['date']],
  workdayOnOrBefore: ['workday_on_or_before', ['date']],
  lastWorkdayOfMonth: ['last_workday_of_month', ['month']],
  lastWorkdayOfQuarter: ['last_workday_of_quarter', ['quarter']],
  lastWorkdayOfYear: ['last_workday_of_year', ['year']],
};

class Base {
  constructor(options, provisional) {
    this._engine = new Engine();
    const o = options || {};
    const config = {};
    if (o.notices) config.notices = o.notices;
    if (o.knownOn) config.known_on = o.knownOn;
    if (provisional) config.provisional = true;
    if (Object.keys(config).length) unwrap(this._engine.configure(JSON.stringify(config)), o.lang);
    this._lang = o.lang || 'zh';
    this._options = o;
  }

  _query(name, values) {
    const [op, names] = QUERIES[name];
    const args = {};
    names.forEach((n, i) => { args[n] = values[i]; });
    return unwrap(this._engine.calendar(op, JSON.stringify(args)), this._lang);
  }

  /** The covered ranges, `[[first, last], ...]`. */
  coverage() {
    return unwrap(this._engine.coverage(), this._lang);
  }

  /** Frees the WebAssembly memory of this calendar. */
  free() {
    this._engine.free();
  }
}

for (const name of Object.keys(QUERIES)) {
  Base.prototype[name] = function (...values) {
    const v = this._query(name, values);
    if (name !== 'day') return v;
    return this instanceof ProvisionalCalendar
      ? { value: day(v.value), provisional: v.provisional }
      : day(v);
  };
}

/**
 * The working-day calendar: the compiled-in national notices, plus notice texts given in
 * `options.notices`, as known on `options.knownOn`. Every query outside its notices throws
 * a DubanError of kind `outside_coverage`.
 */
export class Calendar extends Base {
  constructor(options) {
    super(options, false);
  }

  /** The same calendar with 2027 and 2028 answered provisionally. */
  provisional() {
    return new ProvisionalCalendar(this._options);
  }

  /** The days `first..=last` (at most 400), with their kinds. */
  days(first, last, options) {
    return unwrap(this._engine.days(first, last, langOf(options)), langOf(options)).map(day);
  }

  /** The deadline of `kind` (`meeting-follow-up`, ...) for `trigger`, with its explanation. */
  due(kind, trigger, options) {
    const o = options || {};
    const opts = { lang: langOf(o) };
    if (o.meetingKind) opts.meeting_kind = o.meetingKind;
    if (o.policy !== undefined) opts.policy = policyText(o.policy);
    return deadline(unwrap(this._engine.due(kind, trigger, JSON.stringify(opts)), opts.lang));
  }

  _checkOptions(o) {
    const opts = { lang: langOf(o) };
    if (o.asOf) opts.as_of = o.asOf;
    if (o.policy !== undefined) opts.policy = policyText(o.policy);
    if (o.explain !== undefined) opts.explain = o.explain;
    if (o.alarm !== undefined) opts.alarm = o.alarm;
    if (o.labels) opts.labels = true;
    return opts;
  }

  /** The `duban-report/1` JSON text of a caseload check. */
  checkText(caseload, options) {
    const opts = this._checkOptions({ ...(options || {}), labels: false });
    return unwrap(this._engine.check(caseloadText(caseload), JSON.stringify(opts)), opts.lang);
  }

  /**
   * The `duban-report/1` report of a caseload check, parsed. With `labels: true`, each
   * matter, return and violation also carries labels for readers in `lang`.
   */
  check(caseload, options) {
    const opts = this._checkOptions(options || {});
    const v = unwrap(this._engine.check(caseloadText(caseload), JSON.stringify(opts)), opts.lang);
    return typeof v === 'string' ? JSON.parse(v) : v;
  }

  /** The comparison of a caseload under two policies, as JSON text. */
  whatIfText(caseload, policyA, policyB, options) {
    const opts = this._checkOptions(options || {});
    return unwrap(
      this._engine.whatIf(caseloadText(caseload), policyText(policyA) || 'builtin', policyText(policyB) || 'builtin', JSON.stringify(opts)),
      opts.lang,
    );
  }

  /** The comparison of a caseload under two policies, parsed. */
  whatIf(caseload, policyA, policyB, options) {
    return JSON.parse(this.whatIfText(caseload, policyA, policyB, options));
  }

  /** The open deadlines of a caseload as iCalendar text. */
  icsDeadlines(caseload, options) {
    const opts = this._checkOptions(options || {});
    return unwrap(this._engine.icsDeadlines(caseloadText(caseload), JSON.stringify(opts)), opts.lang);
  }

  /**
   * What may happen next to matter `id` of a caseload: `state`, `state_label`, `allowed`
   * (event names) and `allowed_labels`, `open` obligations (`code`, `due`, `status`,
   * `status_text`), `findings` and `finding_texts`.
   */
  next(caseload, id, options) {
    const opts = this._checkOptions(options || {});
    return unwrap(this._engine.next(caseloadText(caseload), id, JSON.stringify(opts)), opts.lang);
  }

  /** One event applied to a stored workflow state (`duban-state/1`): the next stored state. */
  apply(state, event, options) {
    const text = (v) => (typeof v === 'string' ? v : JSON.stringify(v));
    return unwrap(this._engine.apply(text(state), text(event)), langOf(options));
  }

  /** The rest days and make-up working days of `first..=last` as iCalendar text. */
  icsCalendar(first, last, options) {
    return unwrap(this._engine.icsCalendar(first, last, langOf(options)), langOf(options));
  }
}

/** A calendar whose queries reaching 2027 or 2028 answer `{value, provisional: true}`. */
export class ProvisionalCalendar extends Base {
  constructor(options) {
    super(options, true);
  }
}

/** Validates a `duban-policy/1` document; returns its id. */
export function loadPolicy(text) {
  return unwrap(load('policy', policyText(text)));
}

/** Validates a notice text by loading it on top of the national calendar; returns its 文号. */
export function loadNotice(text) {
  return unwrap(load('notice', text));
}

/** The obligations D1-D7 as a form lists them. */
export function kinds(lang) {
  return unwrap(rawKinds(lang || 'zh')).map((k) => ({
    kind: k.kind, code: k.code, label: k.label, articleLabel: k.article_label, quote: k.quote, trigger: k.trigger,
  }));
}

/** The meetings of Art. 6 (1) and 9. */
export function meetingKinds(lang) {
  return unwrap(rawMeetingKinds(lang || 'zh'));
}

/** The version of duban-wasm. */
export function version() {
  return rawVersion();
}
