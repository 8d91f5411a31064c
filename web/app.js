// The offline deadline page: everything is computed in the browser by duban-wasm.
import { init, Calendar, kinds, meetingKinds, DubanError } from './pkg/index.js';

const T = {
  zh: {
    title: '督办截止日期计算',
    subtitle: '依据《安康市政府系统督促检查工作办法》（安政办发〔2020〕1号）与国务院办公厅节假日安排通知',
    tab_calc: '截止日期计算', tab_check: '事项清单检查', tab_holidays: '节假日日历导出',
    calc_heading: '截止日期计算', kind: '督办事项', trigger: '起算日期', meeting: '会议类型', compute: '计算',
    due_is: '截止日期：', readings: '各种理解下的日期', reading: '理解', date: '日期', chosen: '本政策采用',
    month_view: '日历', explanation: '计算说明',
    check_heading: '事项清单检查',
    next_button: '下一步', next_heading: '下一步', next_state: '状态', next_allowed: '现在可以发生的事件', next_open: '未完成的义务', next_referred: '已移送执纪执法部门', next_none: '无', next_hint: '点击事件即以检查日期记入清单并重新检查',
    check_note: '打开或拖入 duban-caseload/1 格式的事项清单（JSON 文件），在本机检查，不上传任何数据。',
    choose_file: '选择文件', or_drop: '或把文件拖到这里', example: '载入示例清单',
    as_of: '检查日期', as_of_hint: '留空则用清单中的 as_of',
    download_report: '下载检查报告（JSON）', alarm: '提前提醒（工作日）', download_ics: '下载未完成事项日历（.ics）',
    col_id: '编号', col_kind: '类型', col_unit: '责任单位', col_sector: '分口', col_duty: '义务', col_due: '截止日期',
    col_met: '完成日期', col_status: '状态', col_late: '未按期报送', col_matters: '事项', col_key: '重点督办',
    col_submitted: '报送日期', col_remedy: '建议处理', col_reasons: '原因', col_started: '实施日期', col_violation: '问题',
    col_app_due: '最迟申报日', col_quarter: '季度', col_position: '位置', col_problem: '问题',
    late_units: '未按期报送的单位（第十二条第（三）项）', returns: '应退回的报送材料（第九条）',
    violations: '违规开展的计划外督查检查（第十条）', bands: '季度分口汇总（第七条）',
    band_done: '已完成', band_well: '进展顺利', band_slow: '进展缓慢', band_missing: '未报送',
    late_sections: '未按期报送台账的科室（第七条；科室不适用重点督办）', col_section: '科室', findings: '其他问题', col_article: '条款', input_errors: '无法检查的事项',
    holidays_heading: '节假日日历导出',
    holidays_note: '把一段时间内的放假日和调休上班日导出为 .ics 文件，导入 Outlook、WPS、钉钉等日历。',
    from: '起', to: '止', download_holidays: '下载节假日日历（.ics）',
    footer: '本页在浏览器中离线运行（WebAssembly），不连接任何服务器。计算结果请与原文件核对。',
    hint_date: '年-月-日', hint_month: '年-月，如 2023-10', hint_quarter: '如 2023-Q3', hint_year: '如 2023',
    trigger_date: '起算日期', trigger_meeting: '会议召开日期', trigger_month: '报送月份', trigger_quarter: '报送季度',
    trigger_year: '年份', trigger_start: '督查检查实施日期', trigger_interview: '约谈日期',
    weekdays: ['一', '二', '三', '四', '五', '六', '日'], week_prefix: '星期',
    month_title: (y, m) => `${y}年${m}月`,
    legend: [['rest', '休息日'], ['holiday', '节假日'], ['makeup', '调休上班'], ['counted', '计入的工作日'], ['trigger-day', '起算日'], ['due-day', '截止日']],
    earliest: (d) => `最早日期（任何理解下均不逾期）：${d}`,
    yes: '是', no: '否', error: '错误', coverage: (a, b) => `日历覆盖 ${a} 至 ${b}（依据国务院办公厅节假日安排通知）；超出范围的日期不作推算。`,
    heading: (asOf, policy) => `截至 ${asOf}，政策 ${policy}`,
    summary: (s) => `${s.matters} 个事项（已检查 ${s.checked}，错误 ${s.errors}）；${s.obligations} 项义务：未到期 ${s.pending}，今日到期 ${s.due_today}，逾期 ${s.overdue}，按期完成 ${s.met_on_time}，逾期完成 ${s.met_late}，退回补办中 ${s.awaiting_supplement || 0}；未按期报送单位 ${s.late_units}（应重点督办 ${s.key_supervision_units}），科室 ${s.late_sections || 0}；应退回 ${s.returns}；督查检查违规 ${s.inspection_violations}；其他问题 ${s.findings || 0}`,
    document: '整个文件', not_reported: '（未报送）', none: '无',
  },
  en: {
    title: 'Supervision deadlines',
    subtitle: 'Under 《安康市政府系统督促检查工作办法》 (安政办发〔2020〕1号) and the State Council holiday notices',
    tab_calc: 'Deadline calculator', tab_check: 'Caseload checker', tab_holidays: 'Holiday calendar',
    calc_heading: 'Deadline calculator', kind: 'Obligation', trigger: 'Trigger', meeting: 'Meeting', compute: 'Compute',
    due_is: 'Due: ', readings: 'Dates under each reading', reading: 'Reading', date: 'Date', chosen: 'Chosen by the policy',
    month_view: 'Calendar', explanation: 'Explanation',
    next_button: 'Next', next_heading: 'Next steps', next_state: 'State', next_allowed: 'Events allowed now', next_open: 'Open obligations', next_referred: 'Referred to the discipline and law enforcement bodies', next_none: 'none', next_hint: 'click an event to record it on the as-of day and check again',
    check_heading: 'Caseload checker',
    check_note: 'Open or drop a caseload in the duban-caseload/1 format (a JSON file). It is checked on this computer; nothing is uploaded.',
    choose_file: 'Choose a file', or_drop: 'or drop it here', example: 'Load the example caseload',
    as_of: 'Check on', as_of_hint: 'empty: the as_of of the file',
    download_report: 'Download the report (JSON)', alarm: 'Alarm (working days before)', download_ics: 'Download open deadlines (.ics)',
    col_id: 'ID', col_kind: 'Kind', col_unit: 'Unit', col_sector: 'Sector', col_duty: 'Duty', col_due: 'Due',
    col_met: 'Met on', col_status: 'Status', col_late: 'Late reports', col_matters: 'Matters', col_key: 'Key supervision',
    col_submitted: 'Submitted', col_remedy: 'Suggested remedy', col_reasons: 'Reasons', col_started: 'Started', col_violation: 'Violation',
    col_app_due: 'Last day to apply', col_quarter: 'Quarter', col_position: 'Position', col_problem: 'Problem',
    late_units: 'Units not reporting on time (Art. 12(3))', returns: 'Reports to return (Art. 9)',
    violations: 'Unplanned inspections against Art. 10', bands: 'Quarterly bands by sector (Art. 7)',
    band_done: 'Completed', band_well: 'Progressing well', band_slow: 'Progressing slowly', band_missing: 'Not reported',
    late_sections: 'Office sections with late ledgers (Art. 7; not subject to key supervision)', col_section: 'Section', findings: 'Other findings', col_article: 'Article', input_errors: 'Matters that could not be checked',
    holidays_heading: 'Holiday calendar',
    holidays_note: 'Export the days off and make-up working days of a period as an .ics file for Outlook, WPS, DingTalk and other calendars.',
    from: 'From', to: 'To', download_holidays: 'Download the holiday calendar (.ics)',
    footer: 'This page runs offline in the browser (WebAssembly) and contacts no server. Check the results against the documents.',
    hint_date: 'YYYY-MM-DD', hint_month: 'YYYY-MM, e.g. 2023-10', hint_quarter: 'e.g. 2023-Q3', hint_year: 'e.g. 2023',
    trigger_date: 'Trigger', trigger_meeting: 'Meeting date', trigger_month: 'Month reported on', trigger_quarter: 'Quarter reported on',
    trigger_year: 'Year', trigger_start: 'Inspection start date', trigger_interview: 'Interview date',
    weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'], week_prefix: '',
    month_title: (y, m) => `${['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][m - 1]} ${y}`,
    legend: [['rest', 'rest day'], ['holiday', 'holiday'], ['makeup', 'make-up working day'], ['counted', 'working day counted'], ['trigger-day', 'trigger'], ['due-day', 'due date']],
    earliest: (d) => `Earliest date (in time under every reading): ${d}`,
    yes: 'yes', no: 'no', error: 'Error', coverage: (a, b) => `The calendar covers ${a} to ${b} (from the State Council holiday notices); dates outside it are not guessed.`,
    heading: (asOf, policy) => `As of ${asOf}, policy ${policy}`,
    summary: (s) => `${s.matters} matters (${s.checked} checked, ${s.errors} errors); ${s.obligations} obligations: ${s.pending} pending, ${s.due_today} due today, ${s.overdue} overdue, ${s.met_on_time} met on time, ${s.met_late} met late, ${s.awaiting_supplement || 0} awaiting a supplement; ${s.late_units} late units (${s.key_supervision_units} for key supervision), ${s.late_sections || 0} sections; ${s.returns} returns; ${s.inspection_violations} inspection violations; ${s.findings || 0} other findings`,
    document: 'whole file', not_reported: ' (not reported)', none: 'none',
  },
};

const params = new URLSearchParams(location.search);
const lang = params.get('lang') === 'en' ? 'en' : 'zh';
const t = T[lang];
const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : String(c ?? ''));
  return e;
}

function message(err) {
  const sep = lang === 'en' ? ': ' : '：';
  const kind = err instanceof DubanError ? ` [${err.kind}]` : '';
  return `${t.error}${sep}${err && err.message ? err.message : err}${lang === 'en' ? kind : ''}`;
}

function show(id, text) {
  const box = $(id);
  box.textContent = text;
  box.hidden = !text;
}

function download(name, text, type) {
  const a = el('a', { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  document.body.append(a);
  a.click();
  a.remove();
}

function translatePage() {
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  document.title = t.title;
  for (const node of document.querySelectorAll('[data-t]')) {
    const v = t[node.dataset.t];
    if (typeof v === 'string') node.textContent = v;
  }
  $(lang === 'en' ? 'lang-en' : 'lang-zh').classList.add('current');
}

// ---------------------------------------------------------------------------------------
// Dates (ISO strings; arithmetic in UTC so that no time zone moves a day)

const iso = (d) => d.toISOString().slice(0, 10);
const parseIso = (s) => new Date(`${s}T00:00:00Z`);
const addDays = (s, n) => { const d = parseIso(s); d.setUTCDate(d.getUTCDate() + n); return iso(d); };
const weekdayIndex = (s) => (parseIso(s).getUTCDay() + 6) % 7; // Monday = 0
const monthKey = (s) => s.slice(0, 7);
function nextMonth(key) {
  const [y, m] = key.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
function lastOfMonth(key) {
  return addDays(`${nextMonth(key)}-01`, -1);
}

// ---------------------------------------------------------------------------------------
// The deadline calculator

let calendar;
let kindList = [];

const TRIGGER_LABEL = {
  'meeting-follow-up': 'trigger_meeting',
  'monthly-report': 'trigger_month',
  'quarterly-report': 'trigger_quarter',
  'inspection-application': 'trigger_start',
  'inspection-approval': 'trigger_start',
  'rectification-plan': 'trigger_interview',
  'year-end-summary': 'trigger_year',
};

function setupTrigger() {
  const kind = kindList.find((k) => k.kind === $('kind').value) || kindList[0];
  const input = $('trigger');
  const old = input.value;
  const type = { date: 'date', month: 'month', quarter: 'text', year: 'number' }[kind.trigger];
  if (input.type !== type) {
    input.type = type;
    if (type === 'number') { input.min = '2020'; input.max = '2100'; input.step = '1'; }
  }
  input.placeholder = t[`hint_${kind.trigger}`];
  input.pattern = kind.trigger === 'quarter' ? '\\d{4}-[Qq][1-4]' : '.*';
  if (input.value !== old) input.value = '';
  $('trigger-hint').textContent = t[`hint_${kind.trigger}`];
  $('trigger-label').textContent = t[TRIGGER_LABEL[kind.kind]] || t.trigger;
  $('meeting-row').hidden = kind.kind !== 'meeting-follow-up';
}

function compute() {
  show('due-error', '');
  $('due-result').hidden = true;
  $('due').textContent = '';
  const kind = $('kind').value;
  const trigger = $('trigger').value.trim().toUpperCase();
  const options = { lang };
  if (kind === 'meeting-follow-up') options.meetingKind = $('meeting').value;
  const link = new URLSearchParams({ kind, trigger });
  if (kind === 'meeting-follow-up' && $('meeting').value !== 'executive') link.set('meeting', $('meeting').value);
  if (lang === 'en') link.set('lang', 'en');
  history.replaceState(null, '', `?${link}${location.hash}`);
  let d;
  try {
    if (!trigger) throw new Error(t[`hint_${(kindList.find((k) => k.kind === kind) || {}).trigger}`]);
    d = calendar.due(kind, trigger, options);
  } catch (err) {
    show('due-error', message(err));
    return;
  }
  renderDeadline(d, trigger);
}

function weekdayText(date) {
  const w = t.weekdays[weekdayIndex(date)];
  return lang === 'en' ? ` (${w})` : `（${t.week_prefix}${w}）`;
}

function renderDeadline(d, trigger) {
  $('due').textContent = d.due;
  $('due-weekday').textContent = weekdayText(d.due);
  $('due-label').textContent = `${d.code} ${d.label} · ${d.articleLabel}`;
  $('due-quote').textContent = `“${d.quote}”`;
  const body = $('readings').tBodies[0];
  body.replaceChildren(...d.readings.map((r) => el('tr', { class: r.chosen ? 'chosen' : '' },
    el('td', {}, r.label), el('td', { class: 'date' }, r.date + weekdayText(r.date)), el('td', {}, r.chosen ? '✓' : ''))));
  $('earliest').textContent = t.earliest(d.earliest);
  $('explanation').replaceChildren(...d.explanation.lines.map((line) => (line.startsWith('  - ')
    ? el('li', { class: 'sub' }, `· ${line.slice(4)}`)
    : el('li', {}, line))));
  renderMonths(d, trigger);
  $('due-result').hidden = false;
}

function renderMonths(d, trigger) {
  const [spanFrom, spanTo] = d.countedSpan;
  const triggerDay = /^\d{4}-\d{2}-\d{2}$/.test(trigger) ? trigger : null;
  const dates = [spanFrom, spanTo, d.due, d.earliest, ...d.readings.map((r) => r.date)];
  if (triggerDay) dates.push(triggerDay);
  dates.sort();
  let first = monthKey(dates[0]);
  const last = monthKey(dates[dates.length - 1]);
  const keys = [];
  for (let k = first; k <= last; k = nextMonth(k)) keys.push(k);
  const shown = keys.slice(-4);
  const [covFrom, covTo] = calendar.coverage().reduce((acc, r) => [acc[0] < r[0] ? acc[0] : r[0], acc[1] > r[1] ? acc[1] : r[1]]);
  const months = shown.map((key) => {
    const from = `${key}-01` < covFrom ? covFrom : `${key}-01`;
    const to = lastOfMonth(key) > covTo ? covTo : lastOfMonth(key);
    const days = new Map();
    if (from <= to) {
      for (const day of calendar.days(from, to, { lang })) days.set(day.date, day);
    }
    const grid = el('table', { class: 'month', 'data-month': key });
    const [y, m] = key.split('-').map(Number);
    grid.append(el('caption', {}, t.month_title(y, m)));
    grid.append(el('thead', {}, el('tr', {}, ...t.weekdays.map((w, i) => el('th', { class: i >= 5 ? 'we' : '' }, w)))));
    const tbody = el('tbody');
    let row = el('tr');
    const firstDay = `${key}-01`;
    for (let i = 0; i < weekdayIndex(firstDay); i++) row.append(el('td', { class: 'pad' }));
    for (let date = firstDay; date <= lastOfMonth(key); date = addDays(date, 1)) {
      const day = days.get(date);
      const classes = ['day'];
      let title = date;
      if (!day) classes.push('outside');
      else {
        classes.push(day.isWorkday ? 'work' : 'rest');
        if (!day.isWorkday && day.holiday) classes.push('holiday');
        if (day.kind === 'make_up_workday' || day.kind === 'local_workday') classes.push('makeup');
        if (day.isWorkday && date >= spanFrom && date <= spanTo) classes.push('counted');
        title = `${date} ${day.kindLabel}${day.holiday ? ` · ${day.holiday}` : ''}`;
      }
      if (date === triggerDay) classes.push('trigger-day');
      if (date === d.due) classes.push('due-day');
      const cell = el('td', { class: classes.join(' '), 'data-date': date, title }, el('span', { class: 'n' }, Number(date.slice(8))));
      if (day && day.kind === 'make_up_workday') cell.append(el('span', { class: 'tag' }, lang === 'en' ? 'work' : '班'));
      else if (day && !day.isWorkday && day.holiday) cell.append(el('span', { class: 'tag' }, lang === 'en' ? 'off' : '休'));
      row.append(cell);
      if (weekdayIndex(date) === 6) { tbody.append(row); row = el('tr'); }
    }
    if (row.children.length) tbody.append(row);
    grid.append(tbody);
    return grid;
  });
  $('months').replaceChildren(...months);
  $('legend').replaceChildren(...t.legend.map(([cls, text]) => el('span', { class: 'item' }, el('span', { class: `swatch ${cls}` }), text)));
}

// ---------------------------------------------------------------------------------------
// The caseload checker

let caseloadText = null;
let caseloadName = 'caseload';

function checkOptions() {
  const o = { lang };
  if ($('as-of').value) o.asOf = $('as-of').value;
  return o;
}

function runCheck() {
  show('check-error', '');
  $('check-result').hidden = true;
  if (caseloadText === null) return;
  let report;
  try {
    report = calendar.check(caseloadText, { ...checkOptions(), labels: true });
  } catch (err) {
    show('check-error', `${caseloadName}: ${message(err)}`);
    return;
  }
  renderReport(report);
}

/** The extra data a recorded event needs, as the library's next step assumes. */
const EVENT_DEFAULTS = {
  return: { remedy: 'supplement', reasons: ['other'] },
  request_escalation: { grounds: ['wide_reaching', 'overall', 'comprehensive', 'hard_to_coordinate', 'ineffective_after_urging'] },
};

/** Shows what may happen next to matter `id`, its allowed events as buttons. */
function showNext(id) {
  let next;
  try {
    next = calendar.next(caseloadText, id, checkOptions());
  } catch (err) {
    show('check-error', `${id}: ${message(err)}`);
    return;
  }
  const sep = lang === 'en' ? ': ' : '：';
  const list = (items) => (items.length ? items.join(lang === 'en' ? ', ' : '、') : t.next_none);
  const referred = next.referred_on ? `${t.next_referred}${sep}${next.referred_on}；` : '';
  $('next-text').textContent = `${id}（${next.as_of}）${t.next_state}${sep}${next.state_label}；${referred}`
    + `${t.next_open}${sep}${list(next.open.map((o) => `${o.code} ${o.due} ${o.status_text}`))}；${t.next_hint}`;
  $('next-buttons').replaceChildren(...next.allowed.map((name, i) => {
    const b = el('button', { type: 'button', 'data-event': name }, next.allowed_labels[i]);
    b.addEventListener('click', () => {
      const doc = JSON.parse(caseloadText);
      const m = doc.matters.find((x) => x.id === id);
      if (!m) return;
      const extra = name === 'place_under_key_supervision'
        ? { triggers: ['slow_progress'], rectify_by: next.as_of } : (EVENT_DEFAULTS[name] || {});
      m.events = [...(m.events || []).filter((e) => e.on <= next.as_of), { event: name, on: next.as_of, ...extra }];
      caseloadText = JSON.stringify(doc, null, 2);
      runCheck();
      showNext(id);
    });
    return b;
  }));
  $('next-box').hidden = false;
}

function fillTable(id, rows, boxId) {
  $(id).tBodies[0].replaceChildren(...rows);
  if (boxId) $(boxId).hidden = rows.length === 0;
}

function renderReport(r) {
  $('check-heading').textContent = t.heading(r.as_of, r.policy);
  const rows = [];
  for (const m of r.matters) {
    const idCell = el('td', {}, m.id);
    if (m.title) idCell.append(el('div', { class: 'title' }, m.title));
    idCell.append(' ', el('button', { type: 'button', class: 'next', 'data-next': m.id }, t.next_button));
    const base = [idCell, el('td', {}, m.kind_label), el('td', {}, m.unit), el('td', {}, m.sector)];
    if (m.obligations.length === 0) {
      rows.push(el('tr', { class: 'status-none', 'data-id': m.id }, ...base, el('td', {}, '-'), el('td', {}, '-'), el('td', {}, '-'), el('td', { class: 'status' }, m.state_label)));
    }
    for (const o of m.obligations) {
      const status = o.status.status;
      rows.push(el('tr', { class: `status-${status}`, 'data-id': m.id, 'data-code': o.code, 'data-status': status },
        ...base.map((c) => c.cloneNode(true)), el('td', {}, o.code), el('td', { class: 'date' }, o.due), el('td', { class: 'date' }, o.met_on || '-'),
        el('td', { class: 'status' }, o.status_text)));
    }
  }
  fillTable('matters', rows);
  fillTable('late-units', r.late_units.map((u) => el('tr', { class: u.key_supervision_trigger ? 'key' : '' },
    el('td', {}, u.unit), el('td', {}, u.late_reports), el('td', {}, u.matters.join(lang === 'en' ? ', ' : '、')),
    el('td', {}, u.key_supervision_trigger ? t.yes : t.no))), 'late-units-box');
  fillTable('late-sections', (r.late_sections || []).map((u) => el('tr', {},
    el('td', {}, u.unit), el('td', {}, u.late_reports), el('td', {}, u.matters.join(lang === 'en' ? ', ' : '、')))), 'late-sections-box');
  fillTable('findings', (r.findings || []).map((f) => el('tr', {},
    el('td', {}, f.matter), el('td', {}, f.unit), el('td', {}, f.article_label || ''), el('td', {}, f.message))), 'findings-box');
  fillTable('returns', r.returns.map((x) => el('tr', {},
    el('td', {}, x.matter), el('td', {}, x.unit), el('td', { class: 'date' }, x.submitted_on), el('td', {}, x.remedy_label),
    el('td', {}, x.findings.map((f) => `${f.item} ${f.reason_label}`).join(lang === 'en' ? '; ' : '；')))), 'returns-box');
  fillTable('violations', r.inspection_violations.map((v) => el('tr', {},
    el('td', {}, v.matter), el('td', {}, v.unit), el('td', { class: 'date' }, v.started_on), el('td', {}, v.violation_label),
    el('td', { class: 'date' }, v.application_due))), 'violations-box');
  const items = (list) => list.map((i) => `${i.matter}/${i.item}`).join(lang === 'en' ? ', ' : '、') || '-';
  fillTable('bands', r.quarterly_bands.map((b) => el('tr', {},
    el('td', {}, b.quarter), el('td', {}, b.sector),
    el('td', {}, `${b.completed.length}`, el('div', { class: 'items' }, items(b.completed))),
    el('td', {}, `${b.progressing_well.length}`, el('div', { class: 'items' }, items(b.progressing_well))),
    el('td', {}, `${b.progressing_slowly.length}`, el('div', { class: 'items' }, items(b.progressing_slowly))),
    el('td', {}, `${(b.not_reported || []).length}`, el('div', { class: 'items' }, items(b.not_reported || []))))), 'bands-box');
  fillTable('input-errors', r.errors.map((e) => el('tr', {},
    el('td', {}, e.index === undefined ? t.document : `#${e.index + 1}`), el('td', {}, e.matter || '-'), el('td', {}, e.message))), 'errors-box');
  $('summary').textContent = t.summary(r.summary);
  $('check-result').hidden = false;
}

async function openFile(file) {
  caseloadName = file.name;
  $('file-name').textContent = file.name;
  caseloadText = await file.text();
  runCheck();
}

// ---------------------------------------------------------------------------------------
// Start

async function main() {
  translatePage();
  try {
    await init();
    calendar = new Calendar({ lang });
  } catch (err) {
    show('fatal', message(err));
    return;
  }
  const cov = calendar.coverage();
  $('coverage').textContent = t.coverage(cov[0][0], cov[cov.length - 1][1]);
  kindList = kinds(lang);
  $('kind').replaceChildren(...kindList.map((k) => el('option', { value: k.kind }, `${k.code} ${k.label}（${k.articleLabel}）`.replace('（', lang === 'en' ? ' (' : '（').replace(/）$/, lang === 'en' ? ')' : '）'))));
  $('meeting').replaceChildren(...meetingKinds(lang).map((m) => el('option', { value: m.kind }, m.label)));
  $('meeting').value = 'executive';
  $('kind').addEventListener('change', setupTrigger);
  $('due-form').addEventListener('submit', (e) => { e.preventDefault(); compute(); });

  $('caseload-file').addEventListener('change', (e) => { if (e.target.files[0]) openFile(e.target.files[0]); });
  const drop = $('drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    if (e.dataTransfer.files[0]) openFile(e.dataTransfer.files[0]);
  });
  $('load-example').addEventListener('click', async () => {
    const res = await fetch('example-caseload.json');
    caseloadName = 'example-caseload.json';
    $('file-name').textContent = caseloadName;
    caseloadText = await res.text();
    runCheck();
  });
  $('as-of').addEventListener('change', runCheck);
  $('matters').addEventListener('click', (e) => {
    const id = e.target && e.target.getAttribute && e.target.getAttribute('data-next');
    if (id) showNext(id);
  });
  $('download-report').addEventListener('click', () => {
    try {
      download(caseloadName.replace(/\.json$/i, '') + '-report.json', `${calendar.checkText(caseloadText, checkOptions())}\n`, 'application/json');
    } catch (err) { show('check-error', message(err)); }
  });
  $('download-ics').addEventListener('click', () => {
    try {
      const alarmText = $('alarm').value.trim();
      const alarm = alarmText === '' ? null : Number(alarmText);
      const ics = calendar.icsDeadlines(caseloadText, { ...checkOptions(), alarm });
      download(caseloadName.replace(/\.json$/i, '') + '-deadlines.ics', ics, 'text/calendar');
    } catch (err) { show('check-error', message(err)); }
  });

  const year = new Date().getFullYear();
  const [covFrom, covTo] = [cov[0][0], cov[cov.length - 1][1]];
  let from = `${year}-01-01`;
  let to = `${year}-12-31`;
  if (to > covTo || from < covFrom) { from = `${covTo.slice(0, 4)}-01-01`; to = covTo; }
  $('hol-from').value = from;
  $('hol-to').value = to;
  $('download-holidays').addEventListener('click', () => {
    show('holidays-error', '');
    try {
      const ics = calendar.icsCalendar($('hol-from').value, $('hol-to').value, { lang });
      download(`holidays-${$('hol-from').value}-${$('hol-to').value}.ics`, ics, 'text/calendar');
    } catch (err) { show('holidays-error', message(err)); }
  });

  // Query parameters: ?kind=meeting-follow-up&trigger=2023-09-20[&meeting=plenary][&lang=en]
  const kind = params.get('kind');
  if (kind && !kindList.some((k) => k.kind === kind)) {
    try { calendar.due(kind, params.get('trigger') || '', { lang }); } catch (err) { show('due-error', message(err)); }
    setupTrigger();
    document.body.dataset.ready = 'true';
    return;
  }
  if (kind) $('kind').value = kind;
  setupTrigger();
  if (params.get('meeting')) $('meeting').value = params.get('meeting');
  if (params.get('trigger')) {
    $('trigger').value = params.get('trigger');
    if ($('trigger').value !== params.get('trigger')) {
      // An input of type date or month refuses a malformed value: compute from the text so
      // that the error names it.
      $('trigger').type = 'text';
      $('trigger').value = params.get('trigger');
    }
    compute();
  }
  document.body.dataset.ready = 'true';
}

main();
