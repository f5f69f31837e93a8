// The duty roster (值班表): the roster of a month read by everyone signed in and edited by the
// office staff all or nothing — a double shift (the same person on two shifts at once, or an
// officer twice in a row without rest), a person on leave, a second leader in charge are refused
// with 409 naming the conflict, every refused row with its reason; malformed, oversized,
// unauthorised and concurrent edits; who is on duty now (API and every page's header); the
// handover log whose open items are carried forward until the incoming officer acknowledges;
// the workbook; the demo's roster. SQLite and PostgreSQL.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, api } from '../lib/server.mjs';
import { unzip } from '../lib/zip.mjs';

const srv = await startServer({ demo: true });
after(async () => { assert.equal(await srv.stop(), 0, srv.tail()); });

const zhiban = await login(srv.url, 'zhiban');
const zhiban2 = await login(srv.url, 'zhiban2');
const staff = await login(srv.url, 'mishuke');
const fgw = await login(srv.url, 'liaison');
const shuji = await login(srv.url, 'shuji');

// 'YYYY-MM-DD' of D (a Date) in the office's zone; days around day S; the month after S.
const day = (d) => d.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
const plusDays = (s, n) => new Date(Date.parse(`${s}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);
const today = day(new Date());
const first = `${today.slice(0, 7)}-01`;
const nextMonth = plusDays(plusDays(first, 31).slice(0, 7) + '-01', 0).slice(0, 7);
const d1 = `${nextMonth}-10`, d2 = `${nextMonth}-11`;
const row = (date, shift, role, user, phone) => ({ date, shift, role, user, ...(phone ? { phone } : {}) });

test('everyone signed in reads the roster; only the office staff edit it', async () => {
  for (const who of [fgw, shuji, staff]) {
    const r = await who.call('GET', '/api/v1/duty');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.from, first, 'the default is this month');
    assert.deepEqual(r.body.shifts.map((s) => [s.code, s.name, s.from, s.to]), [['day', '白班', '08:30', '17:30'], ['night', '夜班', '17:30', '08:30']]);
    assert.equal((await who.call('GET', '/api/v1/duty/now')).status, 200);
  }
  for (const path of ['/api/v1/duty', '/api/v1/duty/now', '/api/v1/duty.xlsx', '/api/v1/duty/handovers', '/api/v1/duty/leave']) {
    assert.equal((await api(srv.url, 'GET', path)).status, 401, path);
  }
  // a unit liaison and a leader cannot edit
  for (const who of [fgw, shuji]) {
    let r = await who.call('POST', '/api/v1/duty/entries', { json: row(d1, 'day', 'officer', 'zhiban') });
    assert.equal(r.status, 403, r.text);
    r = await who.call('PUT', `/api/v1/duty/months/${nextMonth}`, { json: { entries: [] } });
    assert.equal(r.status, 403, r.text);
    r = await who.call('POST', '/api/v1/duty/leave', { json: { user: 'zhiban', from: d1, to: d1 } });
    assert.equal(r.status, 403, r.text);
  }
  // no CSRF header with the cookie: refused
  const r = await staff.call('POST', '/api/v1/duty/entries', { json: row(d1, 'day', 'officer', 'zhiban'), csrf: false });
  assert.equal(r.status, 403, r.text);
});

test('a month is stored all or nothing; the roster refuses a double shift, naming it', async () => {
  let r = await zhiban.call('GET', `/api/v1/duty?month=${nextMonth}`);
  const revision = r.body.revision;
  r = await zhiban.call('PUT', `/api/v1/duty/months/${nextMonth}`, {
    json: {
      revision,
      entries: [
        row(d1, 'day', 'leader', 'fumishuzhang1'), row(d1, 'day', 'officer', 'zhiban'), row(d1, 'day', 'officer', 'mishuke', '0771-2800999'),
        row(d1, 'night', 'leader', 'fumishuzhang1'), row(d1, 'night', 'officer', 'zhiban2'), row(d1, 'night', 'officer', 'xinxike'),
      ],
    },
  });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.revision, revision + 1);
  const cell = r.body.days.find((d) => d.date === d1).shifts;
  assert.equal(cell[0].leader.name, '黄志刚');
  assert.deepEqual(cell[0].officers.map((o) => [o.user, o.phone]), [['zhiban', '13907710019'], ['mishuke', '0771-2800999']], 'the phone defaults to the account\'s and can be given');
  assert.equal(cell[1].officers.length, 2);

  // the same officer on 白班 and then 夜班: 24 hours without rest — refused, nothing stored
  r = await zhiban.call('POST', '/api/v1/duty/entries', { json: row(d1, 'night', 'officer', 'mishuke') });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.error.code, 'conflict');
  assert.match(r.body.error.message, /陈静/);
  assert.match(r.body.error.message, /白班/);
  assert.match(r.body.error.message, /夜班/);
  // the night and the next morning, too
  r = await zhiban.call('POST', '/api/v1/duty/entries', { json: row(d2, 'day', 'officer', 'xinxike') });
  assert.equal(r.status, 409, r.text);
  assert.match(r.body.error.message, /赵敏/);
  // two shifts at once: leader and officer of one shift
  r = await zhiban.call('POST', '/api/v1/duty/entries', { json: row(d1, 'day', 'officer', 'fumishuzhang1') });
  assert.equal(r.status, 409, r.text);
  assert.match(r.body.error.message, /黄志刚/);
  // a second leader in charge of one shift
  r = await zhiban.call('POST', '/api/v1/duty/entries', { json: row(d1, 'day', 'leader', 'bgszr') });
  assert.equal(r.status, 409, r.text);
  assert.match(r.body.error.message, /黄志刚/);
  // a leader in charge may lead the next shift (带班 is on call), an officer after a rest may serve
  r = await zhiban.call('POST', '/api/v1/duty/entries', { json: row(d2, 'day', 'leader', 'fumishuzhang1') });
  assert.equal(r.status, 201, r.text);
  r = await zhiban.call('POST', '/api/v1/duty/entries', { json: row(d2, 'night', 'officer', 'mishuke') });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.name, '陈静');

  // a shift overlapping another (the office adds 中班 12:00–20:00): one person on 白班 and 中班 at once
  r = await zhiban.call('PUT', '/api/v1/duty/shifts', { json: { shifts: [{ code: 'day', name: '白班', from: '08:30', to: '17:30' }, { code: 'mid', name: '中班', from: '12:00', to: '20:00' }, { code: 'night', name: '夜班', from: '17:30', to: '08:30' }] } });
  assert.equal(r.status, 200, r.text);
  r = await zhiban.call('PUT', `/api/v1/duty/months/${nextMonth}`, {
    json: { entries: [row(d1, 'day', 'officer', 'zongheke'), row(d1, 'mid', 'officer', 'zongheke'), row(d2, 'day', 'officer', 'liaison'), row('2020-01-01', 'day', 'officer', 'zhiban')] },
  });
  assert.equal(r.status, 422, 'a malformed row makes the answer 422, every row named');
  assert.deepEqual(r.body.error.entries.map((p) => [p.index, p.field]), [[2, 'user'], [3, 'date']]);
  r = await zhiban.call('PUT', `/api/v1/duty/months/${nextMonth}`, { json: { entries: [row(d1, 'day', 'officer', 'zongheke'), row(d1, 'mid', 'officer', 'zongheke')] } });
  assert.equal(r.status, 409, r.text);
  assert.deepEqual(r.body.error.entries.map((p) => p.index), [1]);
  assert.match(r.body.error.entries[0].message, /宋建华.*两个班次|宋建华.*at once/);
  r = await zhiban.call('PUT', '/api/v1/duty/shifts', { json: { shifts: [{ code: 'day', name: '白班', from: '08:30', to: '17:30' }, { code: 'night', name: '夜班', from: '17:30', to: '08:30' }] } });
  assert.equal(r.status, 200, r.text);
  // nothing of the refused months was stored: the month is as before
  r = await zhiban.call('GET', `/api/v1/duty?month=${nextMonth}`);
  assert.equal(r.body.items.length, 8);
});

test('leave keeps a person off the roster, and is refused while they hold shifts', async () => {
  const d5 = `${nextMonth}-15`;
  let r = await zhiban.call('POST', '/api/v1/duty/leave', { json: { user: 'zongheke2', from: d5, to: plusDays(d5, 2), reason: '年休假' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.name, '唐丽');
  const leaveId = r.body.id;
  r = await zhiban.call('POST', '/api/v1/duty/entries', { json: row(plusDays(d5, 1), 'night', 'officer', 'zongheke2') });
  assert.equal(r.status, 409, r.text);
  assert.match(r.body.error.message, /唐丽/);
  assert.match(r.body.error.message, /年休假/);
  // leave for someone on the roster: reassign first
  r = await zhiban.call('POST', '/api/v1/duty/leave', { json: { user: 'mishuke', from: d1, to: d2, reason: '病假' } });
  assert.equal(r.status, 409, r.text);
  assert.match(r.body.error.message, /陈静/);
  r = await zhiban.call('POST', '/api/v1/duty/leave', { json: { user: 'mishuke', from: d2, to: d1 } });
  assert.equal(r.status, 422, r.text);
  r = await zhiban.call('GET', `/api/v1/duty?month=${nextMonth}`);
  assert.ok(r.body.leave.some((l) => l.id === leaveId));
  assert.equal((await zhiban.call('DELETE', `/api/v1/duty/leave/${leaveId}`)).status, 204);
  assert.equal((await zhiban.call('DELETE', `/api/v1/duty/leave/${leaveId}`)).status, 404);
  r = await zhiban.call('POST', '/api/v1/duty/entries', { json: row(plusDays(d5, 1), 'night', 'officer', 'zongheke2') });
  assert.equal(r.status, 201, r.text);
  assert.equal((await zhiban.call('DELETE', `/api/v1/duty/entries/${r.body.id}`)).status, 204);
});

test('bad input never stores anything: malformed, oversized, stale and concurrent edits', async () => {
  const put = (json) => zhiban.call('PUT', `/api/v1/duty/months/${nextMonth}`, { json });
  for (const body of [{ entries: 'x' }, { entries: [1] }, { entries: [{ date: d1, shift: 'day', role: 'boss', user: 'zhiban' }] }, { entries: [{ date: d1, shift: 'day', role: 'officer', user: 'nobody' }] }, { entries: [{ date: d1, shift: 'day', role: 'officer', user: 'zhiban', phone: 'x'.repeat(31) }] }, { revision: 'x', entries: [] }]) {
    const r = await put(body);
    assert.equal(r.status, 422, `${JSON.stringify(body)}: ${r.text}`);
  }
  for (const m of ['2026-13', '2026-1', 'x', '2026-02-01']) {
    const r = await zhiban.call('PUT', `/api/v1/duty/months/${m}`, { json: { entries: [] } });
    assert.equal(r.status, 422, m);
  }
  for (const q of ['from=2026-02-30', 'to=x', 'from=2026-03-10&to=2026-03-01', 'from=2026-01-01&to=2026-12-31', 'month=2026-00']) {
    assert.equal((await zhiban.call('GET', `/api/v1/duty?${q}`)).status, 422, q);
  }
  let r = await put({ entries: Array.from({ length: 1001 }, () => row(d1, 'day', 'officer', 'zhiban')) });
  assert.equal(r.status, 422, r.text);
  r = await api(srv.url, 'PUT', `/api/v1/duty/months/${nextMonth}`, { body: '{"entries": [', headers: { cookie: zhiban.cookie, 'x-csrf-token': zhiban.csrf, 'content-type': 'application/json' } });
  assert.equal(r.status, 400, r.text);
  r = await api(srv.url, 'PUT', `/api/v1/duty/months/${nextMonth}`, { body: JSON.stringify({ entries: [], pad: 'x'.repeat(4 << 20) }), headers: { cookie: zhiban.cookie, 'x-csrf-token': zhiban.csrf, 'content-type': 'application/json' } });
  assert.equal(r.status, 413, r.text.slice(0, 200));

  // two editors read the same revision and save at once: one wins, the other is told to reload
  r = await zhiban.call('GET', `/api/v1/duty?month=${nextMonth}`);
  const { revision, items } = r.body;
  const mine = items.map(({ date, shift, role, user }) => ({ date, shift, role, user }));
  const a = [...mine, row(`${nextMonth}-20`, 'day', 'officer', 'jiyaoke2')];
  const b = [...mine, row(`${nextMonth}-20`, 'day', 'officer', 'huiwuke')];
  const [ra, rb] = await Promise.all([zhiban.call('PUT', `/api/v1/duty/months/${nextMonth}`, { json: { revision, entries: a } }), staff.call('PUT', `/api/v1/duty/months/${nextMonth}`, { json: { revision, entries: b } })]);
  assert.deepEqual([ra.status, rb.status].sort(), [200, 409], `${ra.text} ${rb.text}`);
  const loser = ra.status === 409 ? ra : rb;
  assert.equal(loser.body.error.field, 'revision');
  r = await zhiban.call('GET', `/api/v1/duty?month=${nextMonth}`);
  assert.equal(r.body.items.length, 9);
  assert.equal(r.body.revision, revision + 1);
});

test('who is on duty now: the API, and the header of every page', async () => {
  // today and yesterday fully staffed (a night shift after midnight is yesterday's)
  const y = plusDays(today, -1);
  const month = today.slice(0, 7);
  const entries = [];
  for (const [i, d] of [y, today].entries()) {
    entries.push(row(d, 'day', 'leader', 'fumishuzhang2'), row(d, 'day', 'officer', i ? 'zhiban2' : 'zhiban'), row(d, 'night', 'leader', 'fumishuzhang2'), row(d, 'night', 'officer', i ? 'jiyaoke2' : 'duchashi2'));
  }
  for (const m of new Set([y.slice(0, 7), month])) {
    const r = await zhiban.call('PUT', `/api/v1/duty/months/${m}`, { json: { entries: entries.filter((e) => e.date.startsWith(m)) } });
    assert.equal(r.status, 200, r.text);
  }
  const r = await fgw.call('GET', '/api/v1/duty/now');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(Object.keys(r.body).sort(), ['date', 'leader', 'officers', 'shift']);
  assert.ok([y, today].includes(r.body.date));
  assert.ok(['day', 'night'].includes(r.body.shift.code));
  assert.equal(r.body.leader.name, '许文军');
  assert.equal(r.body.leader.phone, '13907710002');
  assert.equal(r.body.officers.length, 1);
  assert.ok(['孙磊', '袁博', '曹亮', '彭勇'].includes(r.body.officers[0].name));
  assert.equal(typeof r.body.officers[0].user_id, 'number');
  for (const who of [fgw, staff, shuji]) {
    const page = await who.call('GET', '/');
    assert.equal(page.status, 200);
    assert.match(page.text, new RegExp(`值班：带班 许文军，值班员 ${r.body.officers[0].name}`));
  }
});

test('the handover log: open items carried forward until done, acknowledged by the incoming officer only', async () => {
  let r = await zhiban.call('POST', '/api/v1/duty/handovers', { json: { to: 'zhiban2', notes: '本班接报2起，均已处置。', items: ['市生态环境局核查结果待续报', '明传电报待秘书长阅示'] } });
  assert.equal(r.status, 201, r.text);
  const h1 = r.body;
  assert.deepEqual(h1.opened.map((i) => i.text), ['市生态环境局核查结果待续报', '明传电报待秘书长阅示']);
  assert.equal(h1.acknowledged, false);
  assert.equal(h1.to.user, 'zhiban2');
  // only the incoming officer acknowledges
  for (const who of [staff, zhiban]) assert.equal((await who.call('POST', `/api/v1/duty/handovers/${h1.id}/acknowledge`)).status, 403);
  assert.equal((await fgw.call('POST', `/api/v1/duty/handovers/${h1.id}/acknowledge`)).status, 403);
  r = await zhiban2.call('POST', `/api/v1/duty/handovers/${h1.id}/acknowledge`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.acknowledged, true);
  assert.equal((await zhiban2.call('POST', `/api/v1/duty/handovers/${h1.id}/acknowledge`)).status, 409);
  // the next handover closes one and carries the other forward
  r = await zhiban2.call('POST', '/api/v1/duty/handovers', { json: { to: 'zhiban', close: [{ id: h1.opened[1].id, note: '已呈阅' }] } });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.body.carried.map((i) => i.text), ['市生态环境局核查结果待续报']);
  assert.deepEqual(r.body.closed.map((i) => [i.text, i.note]), [['明传电报待秘书长阅示', '已呈阅']]);
  r = await zhiban.call('GET', '/api/v1/duty/handovers');
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.open.map((i) => i.text), ['市生态环境局核查结果待续报']);
  assert.equal(r.body.items[0].acknowledged, false, 'the latest waits for its incoming officer');
  // refusals
  for (const body of [{}, { to: 'zhiban2', items: 'x' }, { to: 'zhiban' }, { to: 'zhiban2', close: [h1.opened[1].id] }, { to: 'zhiban2', notes: 'x'.repeat(4001) }]) {
    const x = await zhiban.call('POST', '/api/v1/duty/handovers', { json: body });
    assert.ok([409, 422].includes(x.status), `${JSON.stringify(body).slice(0, 80)}: ${x.status} ${x.text}`);
  }
  assert.equal((await fgw.call('POST', '/api/v1/duty/handovers', { json: { to: 'zhiban' } })).status, 403);
  assert.equal((await zhiban.call('GET', '/api/v1/duty/handovers/99999')).status, 404);
});

test('the roster as a workbook, and the pages', async () => {
  const res = await fetch(`${srv.url}/api/v1/duty.xlsx?month=${nextMonth}`, { headers: { cookie: fgw.cookie } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-disposition'), new RegExp(`duty-${nextMonth}-01-`));
  const files = unzip(Buffer.from(await res.arrayBuffer()));
  const strings = files['xl/sharedStrings.xml'].toString();
  for (const w of ['值班表', '带班领导', '黄志刚', '孙磊', '夜班']) assert.ok(strings.includes(w) || files['xl/workbook.xml'].toString().includes(w), w);
  assert.equal((await fgw.call('GET', '/api/v1/duty.xlsx?month=2026-13')).status, 422);

  let r = await fgw.call('GET', `/duty?month=${nextMonth}`);
  assert.equal(r.status, 200);
  assert.match(r.text, /黄志刚/);
  assert.doesNotMatch(r.text, /duty-entry-form/, 'a liaison reads, no forms');
  r = await fgw.call('GET', `/duty/print?month=${nextMonth}`);
  assert.equal(r.status, 200);
  assert.match(r.text, /值班表/);
  // a form refused: the page again with the conflict named
  r = await zhiban.call('GET', `/duty?month=${nextMonth}`);
  assert.match(r.text, /duty-entry-form/);
  const form = new URLSearchParams({ csrf_token: zhiban.csrf, month: nextMonth, date: d1, shift: 'night', role: 'officer', user: 'mishuke' });
  r = await zhiban.call('POST', '/duty/entries', { body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(r.status, 409, r.text.slice(0, 300));
  assert.match(r.text, /陈静/);
  form.set('date', `${nextMonth}-25`);
  r = await zhiban.call('POST', '/duty/entries', { body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  r = await fgw.call('POST', '/duty/entries', { body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(r.status, 403);
});

test('the demo city has a month of roster around today, leave, and a handover not yet acknowledged', async () => {
  const demo = await startServer({ demo: 'work' });
  try {
    const me = await login(demo.url, 'zhiban');
    let r = await me.call('GET', '/api/v1/duty');
    assert.equal(r.status, 200, r.text);
    assert.ok(r.body.days.every((d) => d.shifts.every((s) => s.leader && s.officers.length >= 1)), 'every shift of the month is staffed');
    assert.ok(r.body.leave.length >= 1);
    for (const l of r.body.leave) assert.ok(!r.body.items.some((e) => e.user === l.user && e.date >= l.from && e.date <= l.to), `${l.name} is on leave, not on duty`);
    r = await me.call('GET', '/api/v1/duty/now');
    assert.ok(r.body.leader && r.body.officers.length >= 1, JSON.stringify(r.body));
    r = await me.call('GET', '/api/v1/duty/handovers');
    assert.ok(r.body.items.length >= 2);
    assert.equal(r.body.items[0].acknowledged, false);
    assert.ok(r.body.items.slice(1).every((h) => h.acknowledged));
    assert.ok(r.body.items[0].carried.length >= 1, 'open items carried forward');
    assert.ok(r.body.open.length >= 1);
  } finally {
    assert.equal(await demo.stop(), 0, demo.tail());
  }
});
