// The built page (web/dist) served on 127.0.0.1 and driven in headless Chromium (Debian's
// chromium, through puppeteer-core; no browser is downloaded). Deadlines computed through the
// query parameters and through the form, a caseload loaded, and what the page shows checked.
// Set DUBAN_SCREENSHOTS=DIR to keep screenshots of the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile, mkdtemp, rm, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, extname, normalize } from 'node:path';
import puppeteer from 'puppeteer-core';

const dist = new URL('../dist/', import.meta.url).pathname;
const root = new URL('../../', import.meta.url).pathname;
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};

let server;
let base;
let browser;
let profile;
const outside = [];

before(async () => {
  assert.ok(existsSync(join(dist, 'index.html')), 'run web/build.sh first');
  server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^\/+/, '');
    if (path.startsWith('..')) { res.writeHead(403).end(); return; }
    try {
      const body = await readFile(join(dist, path || 'index.html'));
      res.writeHead(200, { 'content-type': TYPES[extname(path || 'index.html')] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}/`;
  profile = await mkdtemp(join(tmpdir(), 'duban-chromium-'));
  browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    userDataDir: profile,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server) await new Promise((resolve) => server.close(resolve));
  if (profile) await rm(profile, { recursive: true, force: true });
});

async function open(query = '', lang) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1366, height: 768 });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) outside.push(r.url()); });
  await page.goto(`${base}${query}`, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  page.errors = errors;
  void lang;
  return page;
}

const text = (page, sel) => page.$eval(sel, (e) => e.textContent.trim());

async function screenshot(page, name) {
  if (process.env.DUBAN_SCREENSHOTS) await page.screenshot({ path: join(process.env.DUBAN_SCREENSHOTS, `${name}.png`), fullPage: true });
}

// Hand-counted from /NOTICES.md of the specification; none of these questions is in the
// repository's tests or examples.
const QUESTIONS = [
  // 2024-09-13 (Fri): the 30th working day after it, counting make-up days 09-14, 09-29 and
  // 10-12 and skipping 中秋 09-15..17 and 国庆 10-01..07, is Thursday 2024-10-31.
  ['meeting-follow-up', '2024-09-13', '2024-10-31'],
  // 7 calendar days after an interview on 2025-09-26 is 10-03, inside 国庆、中秋 10-01..08:
  // rolled to Thursday 2025-10-09.
  ['rectification-plan', '2025-09-26', '2025-10-09'],
  // Start 2026-02-24 (Tue), after 春节 02-15..23: the 7th working day before it, counting
  // the make-up Saturday 02-14, is Friday 2026-02-06.
  ['inspection-application', '2026-02-24', '2026-02-06'],
  // February 2026 ends on a make-up Saturday, 02-28.
  ['monthly-report', '2026-02', '2026-02-28'],
  // The last working day of 2021 is Friday 12-31.
  ['year-end-summary', '2021', '2021-12-31'],
  // Q2 2025: 06-30 is a Monday, a working day.
  ['quarterly-report', '2025-Q2', '2025-06-30'],
];

test('query parameters prefill the form and compute; #due holds the ISO date', async () => {
  for (const [kind, trigger, due] of QUESTIONS) {
    const page = await open(`?kind=${kind}&trigger=${trigger}`);
    assert.equal(await text(page, '#due'), due, `${kind} ${trigger}`);
    assert.equal(await page.$eval('#kind', (e) => e.value), kind);
    assert.deepEqual(page.errors, []);
    await page.close();
  }
});

test('the result shows the article, the readings with the safe date, and a month view', async () => {
  const page = await open('?kind=rectification-plan&trigger=2025-09-26');
  assert.equal(await text(page, '#due'), '2025-10-09');
  assert.match(await text(page, '#due-quote'), /约谈之日起一周内/);
  const readings = await page.$$eval('#readings tbody tr', (rows) => rows.map((r) => [...r.cells].map((c) => c.textContent.trim())));
  assert.equal(readings.length, 2);
  assert.match(readings[0][1], /^2025-10-09/);
  assert.equal(readings[0][2], '✓');
  assert.match(readings[1][1], /^2025-10-10/); // 5 working days: 09-28 (make-up Sun), 09-29, 09-30, 10-09, 10-10
  assert.match(await text(page, '#earliest'), /2025-10-09/);
  // The month view of October 2025: the break 10-01..08 is off, 10-11 (Sat) is a make-up day.
  const cell = (d) => page.$eval(`td[data-date="${d}"]`, (e) => e.className);
  assert.match(await cell('2025-10-03'), /\brest\b.*\bholiday\b/);
  assert.match(await cell('2025-10-11'), /\bmakeup\b/);
  assert.match(await cell('2025-10-09'), /\bdue-day\b/);
  assert.match(await cell('2025-09-26'), /\btrigger-day\b/);
  assert.match(await cell('2025-09-28'), /\bmakeup\b.*\bcounted\b|\bcounted\b.*\bmakeup\b/);
  const lines = await page.$$eval('#explanation li', (li) => li.map((l) => l.textContent));
  assert.ok(lines.some((l) => l.includes('2025-10-03')), lines.join('\n'));
  await screenshot(page, 'calculator-zh');
  await page.close();
});

test('the form computes what the user chooses', async () => {
  const page = await open('');
  await page.select('#kind', 'meeting-follow-up');
  await page.select('#meeting', 'special_topic');
  await page.$eval('#trigger', (e) => { e.value = '2024-09-13'; });
  await page.click('#compute');
  await page.waitForFunction(() => document.getElementById('due').textContent !== '');
  assert.equal(await text(page, '#due'), '2024-10-31');
  assert.match(await text(page, '#explanation'), /市政府专项问题办公会议/);
  // The page's address now links to this answer.
  assert.match(page.url(), /kind=meeting-follow-up&trigger=2024-09-13&meeting=special_topic/);
  // D4 through the form.
  await page.select('#kind', 'inspection-application');
  await page.$eval('#trigger', (e) => { e.value = '2026-02-24'; });
  await page.click('#compute');
  await page.waitForFunction(() => document.getElementById('due').textContent === '2026-02-06');
  // An on-site meeting has no D1 deadline: the error is shown in Chinese, and #due is empty.
  await page.select('#kind', 'meeting-follow-up');
  await page.select('#meeting', 'on_site');
  await page.$eval('#trigger', (e) => { e.value = '2024-09-13'; });
  await page.click('#compute');
  await page.waitForSelector('#due-error:not([hidden])');
  assert.equal(await text(page, '#due'), '');
  assert.match(await text(page, '#due-error'), /现场办公会议/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('errors: outside the notices, malformed triggers, unknown kinds', async () => {
  let page = await open('?kind=year-end-summary&trigger=2027');
  assert.equal(await text(page, '#due'), '');
  assert.match(await text(page, '#due-error'), /超出已加载的节假日安排范围/);
  await page.close();
  page = await open('?kind=meeting-follow-up&trigger=2023-02-30');
  assert.equal(await text(page, '#due'), '');
  assert.match(await text(page, '#due-error'), /2023-02-30/);
  await page.close();
  page = await open('?kind=no-such-kind&trigger=2023-01-01&lang=en');
  assert.equal(await text(page, '#due'), '');
  assert.match(await text(page, '#due-error'), /unknown obligation "no-such-kind"/);
  await page.close();
});

test('English on request', async () => {
  const page = await open('?kind=meeting-follow-up&trigger=2023-09-20&lang=en');
  assert.equal(await text(page, '#due'), '2023-11-07');
  assert.equal(await page.title(), 'Supervision deadlines');
  assert.equal(await page.$eval('html', (e) => e.lang), 'en');
  const explanation = await text(page, '#explanation');
  assert.match(explanation, /Make-up working days counted: 2023-10-07 \(Sat\), 2023-10-08 \(Sun\)/);
  assert.match(await text(page, '#kind option[value="monthly-report"]'), /^D2 monthly progress report on key tasks \(Art\. 9 ¶1\)$/);
  await screenshot(page, 'calculator-en');
  await page.close();
});

test('Chinese by default, with no English in the form', async () => {
  const page = await open('?kind=monthly-report&trigger=2026-02');
  assert.equal(await page.$eval('html', (e) => e.lang), 'zh-CN');
  const form = await text(page, '#due-form');
  assert.ok(!/[A-Za-z]{3,}/.test(form.replace(/D[1-7]/g, '')), form);
  assert.match(await text(page, '#due-weekday'), /星期六/);
  await page.close();
});

test('a caseload opened from a file: the table, late units, returns, violations, bands, and the downloads', async () => {
  const page = await open('');
  const downloads = await mkdtemp(join(tmpdir(), 'duban-downloads-'));
  const cdp = await page.createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
  const input = await page.$('#caseload-file');
  await input.uploadFile(join(root, 'examples/data/caseload.json'));
  await page.waitForSelector('#check-result:not([hidden])');
  const rows = await page.$$eval('#matters tbody tr', (trs) => trs.map((tr) => ({
    id: tr.dataset.id, code: tr.dataset.code, status: tr.dataset.status, cells: [...tr.cells].map((c) => c.textContent.trim()),
  })));
  assert.equal(rows.length, 20); // 17 matters; DC-2023-07, DC-2023-08 and DC-2023-10 have D4 and D5
  const row = (id, code) => rows.find((r) => r.id === id && r.code === code);
  assert.deepEqual(row('HY-2023-043', 'D1').cells.slice(5), ['2023-11-17', '-', '未到期（还剩 5 个工作日）']);
  assert.equal(row('YB-2023-10-CZ', 'D2').status, 'overdue');
  assert.equal(row('JD-2023-Q3-2', 'D3').status, 'met_late');
  assert.equal(row('DC-2023-07', 'D4').cells[5], '2023-10-07');
  // Statuses are coloured.
  const colour = (sel) => page.$eval(sel, (e) => getComputedStyle(e).backgroundColor);
  const overdue = await colour('#matters tr.status-overdue td.status');
  const onTime = await colour('#matters tr.status-met_on_time td.status');
  assert.notEqual(overdue, onTime);
  assert.notEqual(overdue, 'rgba(0, 0, 0, 0)');
  const late = await page.$$eval('#late-units tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim())));
  assert.deepEqual(late.map((r) => [r[0], r[1], r[3]]), [['市财政局', '1', '是']]);
  // An office section's late ledger is listed apart: a section is not a responsible unit.
  const sections = await page.$$eval('#late-sections tbody tr', (trs) => trs.map((tr) => tr.cells[0].textContent));
  assert.deepEqual(sections, ['市政府办公室二科']);
  assert.equal(row('YB-2023-10-SW', 'D2').status, 'awaiting_supplement');
  assert.equal(await page.$$eval('#findings tbody tr', (trs) => trs.length), 2);
  assert.equal(await page.$$eval('#returns tbody tr', (trs) => trs.length), 2);
  const violations = await page.$$eval('#violations tbody tr', (trs) => trs.map((tr) => tr.cells[3].textContent));
  assert.deepEqual(violations.sort(), ['未提前7个工作日申报', '未经审批', '申报未说明特殊情况', '未报市委督查室备案'].sort());
  assert.equal(await page.$$eval('#bands tbody tr', (trs) => trs.length), 2);
  assert.match(await text(page, '#summary'), /^17 个事项/);
  assert.equal(await page.$eval('#errors-box', (e) => e.hidden), true);
  await screenshot(page, 'caseload-zh');

  await page.click('#download-report');
  await page.click('#download-ics');
  let files = [];
  for (let i = 0; i < 50 && files.filter((f) => !f.endsWith('.crdownload')).length < 2; i++) {
    await new Promise((r) => setTimeout(r, 100));
    files = await readdir(downloads);
  }
  assert.deepEqual(files.sort(), ['caseload-deadlines.ics', 'caseload-report.json']);
  const report = JSON.parse(await readFile(join(downloads, 'caseload-report.json'), 'utf8'));
  assert.equal(report.schema, 'duban-report/1');
  assert.equal(report.summary.overdue, 3);
  const ics = await readFile(join(downloads, 'caseload-deadlines.ics'), 'utf8');
  assert.equal(ics.match(/BEGIN:VEVENT/g).length, 5);
  assert.match(ics, /UID:HY-2023-043\.D1@duban/);
  await rm(downloads, { recursive: true, force: true });

  // Another as-of day re-checks.
  await page.$eval('#as-of', (e) => { e.value = '2023-11-20'; e.dispatchEvent(new Event('change')); });
  await page.waitForFunction(() => document.querySelector('#matters tr[data-id="HY-2023-043"]').dataset.status === 'overdue');
  // A matter's next steps, as buttons: the report returned for supplement may only be
  // resubmitted; recording it on the as-of day credits the original submission (2023-10-30).
  await page.click('#matters tr[data-id="YB-2023-10-SW"] button.next');
  await page.waitForSelector('#next-box:not([hidden])');
  const buttons = await page.$$eval('#next-buttons button', (bs) => bs.map((b) => b.textContent));
  assert.deepEqual(buttons, ['报送']);
  await page.click('#next-buttons button[data-event="submit"]');
  await page.waitForFunction(() => document.querySelector('#matters tr[data-id="YB-2023-10-SW"]').dataset.status === 'met_on_time');
  assert.deepEqual(await page.$$eval('#next-buttons button', (bs) => bs.map((b) => b.textContent)), ['退回', '审核通过']);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a caseload dropped on the page, in English; the example button; the holiday calendar download', async () => {
  const page = await open('?lang=en');
  const json = await readFile(join(root, 'examples/data/caseload.json'), 'utf8');
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    document.getElementById('drop').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, json);
  await page.waitForSelector('#check-result:not([hidden])');
  assert.equal(await text(page, '#file-name'), 'dropped.json');
  const status = await page.$eval('#matters tr[data-id="YB-2023-10-CZ"] td.status', (e) => e.textContent);
  assert.equal(status, 'overdue since 2023-11-01 (8 working days)');
  assert.match(await text(page, '#summary'), /^17 matters \(17 checked, 0 errors\)/);
  await screenshot(page, 'caseload-en');
  await page.close();

  const again = await open('');
  await again.click('#load-example');
  await again.waitForSelector('#check-result:not([hidden])');
  assert.equal(await again.$$eval('#matters tbody tr', (trs) => trs.length), 20);
  const downloads = await mkdtemp(join(tmpdir(), 'duban-downloads-'));
  const cdp = await again.createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
  await again.$eval('#hol-from', (e) => { e.value = '2025-01-01'; });
  await again.$eval('#hol-to', (e) => { e.value = '2025-12-31'; });
  await again.click('#download-holidays');
  let files = [];
  for (let i = 0; i < 50 && !files.some((f) => f.endsWith('.ics')); i++) {
    await new Promise((r) => setTimeout(r, 100));
    files = await readdir(downloads);
  }
  assert.deepEqual(files, ['holidays-2025-01-01-2025-12-31.ics']);
  const ics = await readFile(join(downloads, files[0]), 'utf8');
  // The make-up days of 国办发明电〔2024〕12号: 01-26, 02-08, 04-27, 09-28, 10-11.
  const workdays = [...ics.matchAll(/DTSTART;VALUE=DATE:(\d{8})\r\nDTEND;VALUE=DATE:\d{8}\r\nSUMMARY:[^\r]*调休上班/g)].map((m) => m[1]);
  assert.deepEqual(workdays, ['20250126', '20250208', '20250427', '20250928', '20251011']);
  await rm(downloads, { recursive: true, force: true });
  // A range past the notices is an error on the page.
  await again.$eval('#hol-to', (e) => { e.value = '2027-01-31'; });
  await again.click('#download-holidays');
  await again.waitForSelector('#holidays-error:not([hidden])');
  assert.match(await text(again, '#holidays-error'), /2027-01-31.*超出已加载的节假日安排范围/);
  assert.deepEqual(again.errors, []);
  await again.close();
});

test('a file that is not a caseload is an error on the page', async () => {
  const page = await open('?lang=en');
  const input = await page.$('#caseload-file');
  await input.uploadFile(join(root, 'examples/data/policy-exclusive-qian.json'));
  await page.waitForSelector('#check-error:not([hidden])');
  assert.match(await text(page, '#check-error'), /policy-exclusive-qian\.json: Error: not a duban-caseload\/1 document/);
  assert.equal(await page.$eval('#check-result', (e) => e.hidden), true);
  await page.close();
});

test('the page asks nothing of any other host', () => {
  assert.deepEqual(outside, []);
});
