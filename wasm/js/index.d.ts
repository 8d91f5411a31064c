// Types of duban-wasm. Dates are ISO strings `YYYY-MM-DD`.

/** `YYYY-MM-DD`. */
export type IsoDate = string;
export type Lang = 'zh' | 'en';

/** The kinds of error, as `duban::ErrorKind` names them. */
export type ErrorKind =
  | 'outside_coverage'
  | 'invalid_input'
  | 'invalid_notice'
  | 'invalid_policy'
  | 'policy_not_in_force'
  | 'illegal_transition'
  | 'invalid_caseload';

/** Thrown by every call that fails; `message` is in the language asked for (Chinese by default). */
export class DubanError extends Error {
  readonly name: 'DubanError';
  readonly kind: ErrorKind;
  readonly messageZh: string;
  readonly messageEn: string;
}

export type DayKind =
  | 'workday'
  | 'make_up_workday'
  | 'weekend'
  | 'statutory_holiday'
  | 'shifted_rest_day'
  | 'local_rest_day'
  | 'local_workday';

export interface Day {
  date: IsoDate;
  kind: DayKind;
  /** The kind for a reader (Chinese unless `lang: 'en'` was asked for `days`). */
  kindLabel: string;
  isWorkday: boolean;
  holiday: string | null;
  /** The 文号 of the notice that set the day. */
  notice: string | null;
  provisional: boolean;
}

export interface Provisional<T> {
  value: T;
  /** True when the answer depends on a year no notice covers yet. */
  provisional: boolean;
}

export interface CalendarOptions {
  /** Notice texts (the format of data/notices/) loaded on top of the national notices. */
  notices?: string[];
  /** The calendar as known on this day. */
  knownOn?: IsoDate;
  lang?: Lang;
}

/** The kinds `due` takes. */
export type ObligationName =
  | 'meeting-follow-up'
  | 'monthly-report'
  | 'quarterly-report'
  | 'inspection-application'
  | 'inspection-approval'
  | 'rectification-plan'
  | 'year-end-summary';

export type MeetingKind = 'plenary' | 'executive' | 'mayors_office' | 'special_topic' | 'on_site';

/** A `duban-policy/1` document, as text or as an object; `'builtin'` for 安政办发〔2020〕1号. */
export type PolicyInput = string | object;

export interface DueOptions {
  meetingKind?: MeetingKind;
  policy?: PolicyInput;
  lang?: Lang;
}

export interface ReadingDate {
  reading: 'plain' | 'inclusive' | 'exclusive' | 'seven_calendar_days' | 'five_working_days' | 'start_day_excluded' | 'start_day_counted';
  date: IsoDate;
  /** Whether the policy chose this reading. */
  chosen: boolean;
  label: string;
}

export interface Deadline {
  /** The obligation and its trigger, as the Rust type serialises (`{"obligation": "meeting_follow_up", ...}`). */
  obligation: { obligation: string; [field: string]: unknown };
  code: 'D1' | 'D2' | 'D3' | 'D4' | 'D5' | 'D6' | 'D7';
  article: { number: number; paragraph?: number; item?: number };
  articleLabel: string;
  /** What is due, for a reader. */
  label: string;
  /** The article's words, in the original Chinese. */
  quote: string;
  /** The due date under the policy's readings. */
  due: IsoDate;
  /** The earliest date among the readings: in time under every reading. */
  earliest: IsoDate;
  readings: ReadingDate[];
  /** A period's last day that was a rest day, before it rolled to `due`. */
  rolledFrom?: IsoDate;
  /** The days the count ran over, both ends included. */
  countedSpan: [IsoDate, IsoDate];
  explanation: {
    lines: string[];
    holidaysSkipped: { holiday: string; first: IsoDate; last: IsoDate; days: number }[];
    weekendDaysSkipped: number;
    makeUpDaysCounted: IsoDate[];
  };
  language: 'chinese' | 'english';
}

export interface CheckOptions {
  /** The day to check on (default: the document's `as_of`). */
  asOf?: IsoDate;
  policy?: PolicyInput;
  lang?: Lang;
  /** Include explanations in the report (default true). */
  explain?: boolean;
  /** `check` only: add `kind_label`, `state_label`, `remedy_label`, `reason_label`, `violation_label`. */
  labels?: boolean;
}

export interface IcsOptions extends CheckOptions {
  /** The alarm: working days before the due date (default 3); `null` for none. */
  alarm?: number | null;
}

/** A `duban-report/1` document (schema/report-1.schema.json). */
export interface Report {
  schema: 'duban-report/1';
  as_of: IsoDate;
  policy: string;
  language: 'chinese' | 'english';
  coverage: string[];
  summary: Record<string, number>;
  matters: {
    id: string;
    kind: string;
    unit: string;
    sector: string;
    state: string;
    obligations: ({ code: string; due: IsoDate; earliest: IsoDate; met_on?: IsoDate; status: { status: string; [k: string]: unknown }; status_text: string; explanation?: string[] } & Record<string, unknown>)[];
  }[];
  late_units: { unit: string; late_reports: number; key_supervision_trigger: boolean; matters: string[] }[];
  quarterly_bands: { quarter: string; sector: string; completed: ItemRef[]; progressing_well: ItemRef[]; progressing_slowly: ItemRef[] }[];
  returns: { matter: string; unit: string; submitted_on: IsoDate; suggested_remedy: string; findings: { reason: string; item: string }[] }[];
  inspection_violations: { matter: string; unit: string; violation: string; started_on: IsoDate; applied_on: IsoDate | null; application_due: IsoDate; approved_on: IsoDate | null }[];
  errors: { index?: number; matter?: string; code: string; message: string }[];
}

export interface ItemRef {
  matter: string;
  item: string;
  not_reported?: boolean;
}

interface CalendarQueries<W> {
  isWorkday(date: IsoDate): W extends 'plain' ? boolean : Provisional<boolean>;
  day(date: IsoDate): W extends 'plain' ? Day : Provisional<Day>;
  addWorkdays(date: IsoDate, n: number): W extends 'plain' ? IsoDate : Provisional<IsoDate>;
  workdaysBetween(from: IsoDate, to: IsoDate): W extends 'plain' ? number : Provisional<number>;
  nextWorkday(date: IsoDate): W extends 'plain' ? IsoDate : Provisional<IsoDate>;
  previousWorkday(date: IsoDate): W extends 'plain' ? IsoDate : Provisional<IsoDate>;
  workdayOnOrAfter(date: IsoDate): W extends 'plain' ? IsoDate : Provisional<IsoDate>;
  workdayOnOrBefore(date: IsoDate): W extends 'plain' ? IsoDate : Provisional<IsoDate>;
  /** `month` as `YYYY-MM`. */
  lastWorkdayOfMonth(month: string): W extends 'plain' ? IsoDate : Provisional<IsoDate>;
  /** `quarter` as `YYYY-Qn`. */
  lastWorkdayOfQuarter(quarter: string): W extends 'plain' ? IsoDate : Provisional<IsoDate>;
  lastWorkdayOfYear(year: number): W extends 'plain' ? IsoDate : Provisional<IsoDate>;
  /** The covered ranges. */
  coverage(): [IsoDate, IsoDate][];
  /** Frees the WebAssembly memory of this calendar. */
  free(): void;
}

/** The working-day calendar (the compiled-in national notices, plus any given). */
export interface Calendar extends CalendarQueries<'plain'> {}
export class Calendar {
  constructor(options?: CalendarOptions);
  /** The same notices, with 2027 and 2028 answered provisionally. */
  provisional(): ProvisionalCalendar;
  /** The days `first..=last` (at most 400 days). */
  days(first: IsoDate, last: IsoDate, options?: { lang?: Lang }): Day[];
  /** The deadline of an obligation (D1-D7), with the explanation in `options.lang`. */
  due(kind: ObligationName, trigger: string, options?: DueOptions): Deadline;
  /** Checks a `duban-caseload/1` document; the report as `duban check` writes it. */
  checkText(caseload: string | object, options?: CheckOptions): string;
  check(caseload: string | object, options?: CheckOptions): Report;
  /** The caseload under two policies (`'builtin'` or a document): what changes. */
  whatIfText(caseload: string | object, policyA: PolicyInput, policyB: PolicyInput, options?: CheckOptions): string;
  whatIf(caseload: string | object, policyA: PolicyInput, policyB: PolicyInput, options?: CheckOptions): object;
  /** What may happen next to matter `id`: its state, the events allowed now, its open obligations and findings. */
  next(caseload: string | object, id: string, options?: CheckOptions): NextStep;
  /** One event applied to a stored workflow state (`duban-state/1`): the next stored state. */
  apply(state: string | StoredState, event: string | object, options?: { lang?: Lang }): StoredState;
  /** The caseload's open deadlines as an iCalendar (RFC 5545) file. */
  icsDeadlines(caseload: string | object, options?: IcsOptions): string;
  /** The rest days and make-up working days of `first..=last` as an iCalendar file. */
  icsCalendar(first: IsoDate, last: IsoDate, options?: { lang?: Lang }): string;
}

/** A calendar that answers 2027 and 2028 provisionally, flagging every answer. */
export interface ProvisionalCalendar extends CalendarQueries<'provisional'> {}
export class ProvisionalCalendar {
  constructor(options?: CalendarOptions);
}

/** A workflow state as stored between events. */
export interface StoredState {
  schema: 'duban-state/1';
  kind: 'report' | 'inspection' | 'escalation' | 'accountability';
  state: { state: string; [field: string]: unknown };
}

/** What may happen next to one matter of a caseload. */
export interface NextStep {
  id: string;
  kind: string;
  as_of: IsoDate;
  state: string;
  state_label: string;
  allowed: string[];
  allowed_labels: string[];
  open: { code: string; due: IsoDate; status: string; status_text: string }[];
  findings: object[];
  finding_texts: string[];
}

/** Loads the WebAssembly module (browser: fetches `duban_wasm_bg.wasm`; Node: already loaded). */
export function init(source?: string | URL | Response | BufferSource | WebAssembly.Module): Promise<void>;
/** Validates a `duban-policy/1` document; returns its id. */
export function loadPolicy(text: PolicyInput): string;
/** Validates a notice text; returns its 文号. */
export function loadNotice(text: string): string;
export function kinds(lang?: Lang): { kind: ObligationName; code: string; label: string; articleLabel: string; quote: string; trigger: 'date' | 'month' | 'quarter' | 'year' }[];
export function meetingKinds(lang?: Lang): { kind: MeetingKind; label: string }[];
export function version(): string;
