// Information, second part: the leaders' public activities (领导活动) and the weekly coverage
// check — the 常委 with no activity in the week are named and the others are not; the 常委 whose
// portfolio (分工) no report of the month reached are named, a report in a child domain without
// a leader of its own counting for its parent's leaders as routing sends it. SQLite and
// PostgreSQL.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, api } from '../lib/server.mjs';
import { unzip } from '../lib/zip.mjs';

const srv = await startServer({ demo: true });
after(async () => { assert.equal(await srv.stop(), 0, srv.tail()); });

const editor = await login(srv.url, 'xinxike');
const staff = await login(srv.url, 'mishuke');
const fgw = await login(srv.url, 'liaison');
const standing = ['shuji', 'shizhang', 'fushuji', 'changwu', 'jiwei', 'zuzhi', 'mishuzhang', 'xuanchuan', 'zhengfa', 'tongzhan', 'junfenqu', 'fushizhang'];

// 'YYYY-MM-DD' of D (a Date) in the office's zone, and the ISO week 'YYYY-Www' of day S.
const day = (d) => d.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
function isoWeek(s) {
  const d = new Date(`${s}T00:00:00Z`);
  const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * 86400000);
  const jan1 = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return `${thursday.getUTCFullYear()}-W${String(Math.floor((thursday - jan1) / 86400000 / 7) + 1).padStart(2, '0')}`;
}
const plusDays = (s, n) => new Date(Date.parse(`${s}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);

// The week to check: this week, unless its Thursday falls in another month than today (reports
// made now are this month's), then the neighbouring week whose Thursday is in this month.
const today = day(new Date());
let week = isoWeek(today);
{
  const r = await staff.call('GET', `/api/v1/activities/coverage?week=${week}`);
  assert.equal(r.status, 200, r.text);
  if (r.body.month.from > today) week = isoWeek(plusDays(today, -7));
  if (r.body.month.to < today) week = isoWeek(plusDays(today, 7));
}

test('the coverage check names the 常委 with no activity in the week, and only them', async () => {
  let r = await staff.call('GET', '/api/v1/activities/coverage');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.week, isoWeek(today), 'the default is the current week');

  r = await staff.call('GET', `/api/v1/activities/coverage?week=${week}`);
  assert.equal(r.status, 200, r.text);
  const { from, to } = r.body;
  assert.equal(plusDays(from, 6), to);
  assert.equal(new Date(`${from}T00:00:00Z`).getUTCDay(), 1, 'a week starts on Monday');
  assert.deepEqual(r.body.missing.map((m) => m.leader), standing, 'nothing recorded: every 常委 is missing, by rank');

  // every 常委 but 军分区's has an activity in the week; 书记 two
  for (const [i, leader] of standing.entries()) {
    if (leader === 'junfenqu') continue;
    r = await staff.call('POST', '/api/v1/activities', { json: { leader, date: plusDays(from, i % 7), place: '市委第一会议室', topic: `调研重点工作（${i}）`, domain: i % 2 ? 'economy' : null } });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.leader, leader);
    assert.equal(r.body.date, plusDays(from, i % 7));
  }
  r = await staff.call('POST', '/api/v1/activities', { json: { leader: '王建国', date: to, topic: '出席全市经济工作会议', place: '市会议中心', domain: 'economy' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.leader, 'shuji', 'a leader by name');
  assert.equal(r.body.domain.code, 'economy');
  // one the week before does not count
  r = await staff.call('POST', '/api/v1/activities', { json: { leader: 'junfenqu', date: plusDays(from, -1), topic: '检查民兵训练' } });
  assert.equal(r.status, 201, r.text);

  r = await staff.call('GET', `/api/v1/activities/coverage?week=${week}`);
  assert.deepEqual(r.body.missing.map((m) => m.leader), ['junfenqu']);
  assert.ok(r.body.missing[0].name.length > 1);
  assert.ok(r.body.missing[0].title.length > 0);
  assert.deepEqual(r.body.covered.map((m) => m.leader), standing.filter((l) => l !== 'junfenqu'));
  assert.equal(r.body.covered.find((m) => m.leader === 'shuji').count, 2);
  assert.equal(r.body.covered.find((m) => m.leader === 'shizhang').count, 1);

  // the list of the week, by day; by leader; a liaison reads it too
  r = await fgw.call('GET', `/api/v1/activities?from=${from}&to=${to}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.items.length, 12);
  assert.deepEqual(r.body.items.map((a) => a.date), r.body.items.map((a) => a.date).sort());
  r = await staff.call('GET', `/api/v1/activities?leader=junfenqu`);
  assert.deepEqual(r.body.items.map((a) => a.topic), ['检查民兵训练']);
  r = await staff.call('GET', `/api/v1/activities?leader=shuji&from=${from}&to=${to}&limit=1`);
  assert.equal(r.body.items.length, 1);
  assert.equal(r.body.next_cursor, '1');
  r = await staff.call('GET', `/api/v1/activities?leader=shuji&from=${from}&to=${to}&limit=1&cursor=1`);
  assert.equal(r.body.items.length, 1);
  assert.equal(r.body.items[0].topic, '出席全市经济工作会议');

  // recorded for 军分区 too, the week is covered; deleted, it is missing again
  r = await staff.call('POST', '/api/v1/activities', { json: { leader: 'junfenqu', date: from, topic: '出席国防动员委员会全体会议' } });
  const id = r.body.id;
  assert.deepEqual((await staff.call('GET', `/api/v1/activities/coverage?week=${week}`)).body.missing, []);
  assert.equal((await fgw.call('DELETE', `/api/v1/activities/${id}`)).status, 403);
  r = await staff.call('DELETE', `/api/v1/activities/${id}`);
  assert.equal(r.status, 204, r.text);
  assert.equal((await staff.call('DELETE', `/api/v1/activities/${id}`)).status, 404);
  assert.deepEqual((await staff.call('GET', `/api/v1/activities/coverage?week=${week}`)).body.missing.map((m) => m.leader), ['junfenqu']);

  // both writes are in the audit trail
  const aud = await login(srv.url, 'auditor');
  r = await aud.call('GET', '/api/v1/audit?action=info.activity.delete');
  assert.equal(r.status, 200, r.text);
  assert.ok(r.body.items.some((e) => e.actor === 'mishuke' && String(e.object_id) === String(id)), r.text);
});

test('the 常委 whose portfolio no report of the month reached are named; a child domain counts for its parent\'s leaders', async () => {
  const check = async () => {
    const r = await staff.call('GET', `/api/v1/activities/coverage?week=${week}`);
    assert.equal(r.status, 200, r.text);
    return r.body.portfolios_without_report;
  };
  let without = await check();
  assert.deepEqual(without.map((p) => p.leader), standing, 'no report yet: every portfolio');
  const changwu = without.find((p) => p.leader === 'changwu');
  assert.ok(changwu.domains.some((d) => d.code === 'development_reform' && d.name));

  // a submitted report on 发展改革 reaches 常务副市长's portfolio; a draft on 宣传 reaches nothing
  let r = await fgw.call('POST', '/api/v1/reports', { json: { title: '重大项目完成投资情况', body: '全市重大项目完成投资218亿元。', domain: 'development_reform', urgency: 'normal', submit: true } });
  assert.equal(r.status, 201, r.text);
  r = await fgw.call('POST', '/api/v1/reports', { json: { title: '宣传工作情况', body: '草稿。', domain: 'propaganda', urgency: 'normal' } });
  assert.equal(r.status, 201, r.text);
  without = await check();
  assert.deepEqual(without.map((p) => p.leader), standing.filter((l) => l !== 'changwu'));

  // 民兵预备役, new under 军事 with no leader of its own: its report reaches 军事's leaders
  r = await staff.call('POST', '/api/v1/org/domains', { json: { code: 'militia', name: '民兵预备役', parent: 'military_affairs' } });
  assert.equal(r.status, 201, r.text);
  r = await fgw.call('POST', '/api/v1/reports', { json: { title: '民兵整组工作情况', body: '完成年度民兵整组。', domain: 'militia', urgency: 'normal', submit: true } });
  assert.equal(r.status, 201, r.text);
  without = await check();
  assert.deepEqual(without.map((p) => p.leader), standing.filter((l) => !['changwu', 'junfenqu', 'shizhang'].includes(l)));
  assert.ok(without.every((p) => p.domains.length > 0 && p.name));
});

test('bad input is refused naming the field; others may not write', async () => {
  const good = { leader: 'shuji', date: '2026-06-01', topic: '调研', place: '江城港' };
  const cases = [
    [{ ...good, date: '2026-02-30' }, 'date'],
    [{ ...good, date: '2026/06/01' }, 'date'],
    [{ ...good, date: undefined }, 'date'],
    [{ ...good, leader: 'nobody' }, 'leader'],
    [{ ...good, leader: undefined }, 'leader'],
    [{ ...good, leader: 'liaison' }, 'leader'],
    [{ ...good, date: '2020-01-01' }, 'leader'],
    [{ ...good, domain: 'no_such_domain' }, 'domain'],
    [{ ...good, topic: '' }, 'topic'],
    [{ ...good, topic: '   ' }, 'topic'],
    [{ ...good, topic: 7 }, 'topic'],
    [{ ...good, topic: '调'.repeat(201) }, 'topic'],
    [{ ...good, place: '地'.repeat(101) }, 'place'],
    [{ ...good, item: 999999 }, 'item'],
    [{ ...good, item: 'x' }, 'item'],
  ];
  for (const [json, field] of cases) {
    const r = await staff.call('POST', '/api/v1/activities', { json });
    assert.equal(r.status, 422, `${JSON.stringify(json)}: ${r.text}`);
    assert.equal(r.body.error.field, field, `${JSON.stringify(json)}: ${r.text}`);
    assert.ok(r.body.error.message.length > 0);
  }
  let r = await staff.call('POST', '/api/v1/activities', { json: { ...good, topic: '调'.repeat(200) } });
  assert.equal(r.status, 201, 'the limit itself is allowed');
  assert.match((await staff.call('POST', '/api/v1/activities', { json: { ...good, topic: '调'.repeat(201) } })).body.error.message, /200/);

  for (const [path, field] of [['/api/v1/activities/coverage?week=2026-W54', 'week'], ['/api/v1/activities/coverage?week=2025-W53', 'week'],
    ['/api/v1/activities/coverage?week=2026-W00', 'week'], ['/api/v1/activities/coverage?week=2026W49', 'week'],
    ['/api/v1/activities/coverage?week=abc', 'week'], ['/api/v1/activities?from=2026-13-01', 'from'],
    ['/api/v1/activities?to=x', 'to'], ['/api/v1/activities?from=2026-06-02&to=2026-06-01', 'to'],
    ['/api/v1/activities?leader=nobody', 'leader'], ['/api/v1/activities?limit=0', 'limit']]) {
    r = await staff.call('GET', path);
    assert.equal(r.status, 422, `${path}: ${r.text}`);
    assert.equal(r.body.error.field, field, path);
  }
  r = await staff.call('GET', '/api/v1/activities/coverage?week=2026-W53');
  assert.equal(r.status, 200, '2026 has 53 ISO weeks');
  assert.deepEqual([r.body.from, r.body.to], ['2026-12-28', '2027-01-03']);
  r = await staff.call('GET', '/api/v1/activities/coverage?week=2027-W01');
  assert.deepEqual([r.body.from, r.body.to], ['2027-01-04', '2027-01-10']);

  assert.equal((await fgw.call('POST', '/api/v1/activities', { json: good })).status, 403, 'a liaison does not record');
  assert.equal((await (await login(srv.url, 'shuji')).call('POST', '/api/v1/activities', { json: good })).status, 403, 'nor does a leader');
  assert.equal((await api(srv.url, 'GET', '/api/v1/activities')).status, 401);
  assert.equal((await api(srv.url, 'GET', '/api/v1/activities/coverage')).status, 401);
  assert.equal((await api(srv.url, 'POST', '/api/v1/activities', { json: good })).status, 401);
  assert.equal((await staff.call('POST', '/api/v1/activities', { json: good, csrf: false })).status, 403, 'CSRF');
});

test('scores add up by the configured points, under sum and under max; the workbook holds them', async () => {
  const czj = await login(srv.url, 'liaison2');
  const jyj = await login(srv.url, 'lianluo_jyj');
  const shuji = await login(srv.url, 'shuji');
  const rules = { submitted: 1, adopted: 3, city: 5, province: 10, central: 20, instruction: 8, inaccurate: 10, combine: 'sum' };
  let r = await staff.call('PUT', '/api/v1/scores/rules', { json: rules });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body, rules);
  const report = async (who, title, submit = true) => {
    const x = await who.call('POST', '/api/v1/reports', { json: { title, body: `${title}。`, urgency: 'normal', submit } });
    assert.equal(x.status, 201, x.text);
    return x.body.id;
  };
  const rstep = (id, action, json = {}) => editor.call('POST', `/api/v1/reports/${id}/actions/${action}`, { json });

  // 财政局: A adopted, published, taken up by 市委办 and 省委办公厅, with a 批示: 1+3+5+10+8 = 27
  //         B adopted, taken up by 中办, then found untrue: 1+20-10 = 11
  const a = await report(czj, '全市财政收入运行情况');
  const b = await report(czj, '政府债务化解情况');
  assert.equal((await rstep(a, 'adopt')).status, 200);
  assert.equal((await rstep(b, 'adopt')).status, 200);
  r = await editor.call('POST', '/api/v1/issues', { json: { bulletin: 'jcxx', reports: [a] } });
  assert.equal(r.status, 201, r.text);
  assert.equal((await editor.call('POST', `/api/v1/issues/${r.body.id}/actions/publish`, { json: {} })).status, 200);
  for (const level of ['city', 'province']) {
    r = await editor.call('POST', `/api/v1/reports/${a}/uses`, { json: { level, note: '《江城信息》转报' } });
    assert.equal(r.status, 200, r.text);
  }
  assert.deepEqual(r.body.uses.map((u) => u.level), ['city', 'province']);
  r = await editor.call('POST', `/api/v1/reports/${a}/uses`, { json: { level: 'city' } });
  assert.equal(r.status, 409, 'once per level');
  r = await shuji.call('POST', '/api/v1/instructions', { json: { item_id: a, text: '财政收入情况很好，请继续抓好收支管理。' } });
  assert.equal(r.status, 201, r.text);
  r = await shuji.call('POST', '/api/v1/instructions', { json: { item_id: a, text: '再批一次。' } });
  assert.equal(r.status, 201, 'a second 批示 on the same report scores nothing more');
  assert.equal((await editor.call('POST', `/api/v1/reports/${b}/uses`, { json: { level: 'central', date: '2026-01-05' } })).status, 200);
  r = await editor.call('PUT', `/api/v1/reports/${b}/accuracy`, { json: { inaccurate: true, note: '债务数据与财政部门统计不符' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.inaccurate, true);
  // 教育局: C submitted: 1; D withdrawn and E a draft: nothing
  const c = await report(jyj, '秋季学期开学工作情况');
  const d = await report(jyj, '拟撤回的信息');
  assert.equal((await jyj.call('POST', `/api/v1/reports/${d}/actions/withdraw`, { json: {} })).status, 200);
  await report(jyj, '草稿', false);
  void c;

  const now = day(new Date());
  const [year, month] = [Number(now.slice(0, 4)), Number(now.slice(5, 7))];
  const scores = async (q) => {
    const x = await staff.call('GET', `/api/v1/scores?${q}`);
    assert.equal(x.status, 200, x.text);
    return Object.fromEntries(x.body.items.map((i) => [i.unit, i]));
  };
  let s = await scores(`year=${year}&month=${month}`);
  assert.equal(s.czj.points, 38);
  assert.equal(s.czj.reports, 2);
  assert.deepEqual([s.czj.adopted, s.czj.city, s.czj.province, s.czj.central, s.czj.instruction, s.czj.inaccurate], [1, 1, 1, 1, 1, 1]);
  assert.equal(s.jyj.points, 1);
  assert.equal(s.jyj.reports, 1);
  assert.equal(s.fgw.points, 2, 'the two reports 发改委 submitted in the coverage test');
  r = await staff.call('GET', `/api/v1/scores?year=${year}&month=${month}`);
  assert.deepEqual(r.body.items.map((i) => i.unit), ['czj', 'fgw', 'jyj'], 'best first');
  assert.deepEqual(r.body.items.map((i) => i.rank), [1, 2, 3]);
  assert.equal(r.body.rules.combine, 'sum');
  assert.deepEqual(await scores(`year=${year}`), s, 'the year holds the month');
  assert.deepEqual((await staff.call('GET', `/api/v1/scores?year=${year - 1}`)).body.items, []);

  // max: only the highest use counts: A 1+10 = 11, B 1+20-10 = 11
  r = await staff.call('PUT', '/api/v1/scores/rules', { json: { combine: 'max' } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body, { ...rules, combine: 'max' }, 'the other rules stay');
  s = await scores(`year=${year}&month=${month}`);
  assert.equal(s.czj.points, 22);
  assert.equal(s.jyj.points, 1);
  // other points, same policy: A 1+max(3,5,10,8)=11 → 12 with submitted 2; B 2+20-4 = 18
  r = await staff.call('PUT', '/api/v1/scores/rules', { json: { submitted: 2, inaccurate: 4 } });
  s = await scores(`year=${year}&month=${month}`);
  assert.equal(s.czj.points, 12 + 18);
  assert.equal(s.jyj.points, 2);
  // the flag cleared, the penalty goes
  r = await editor.call('PUT', `/api/v1/reports/${b}/accuracy`, { json: { inaccurate: false } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.inaccurate, false);
  s = await scores(`year=${year}&month=${month}`);
  assert.equal(s.czj.points, 12 + 22);

  // the workbook: a zip with the sheet's numbers
  const res = await fetch(`${srv.url}/api/v1/scores.xlsx?year=${year}&month=${month}`, { headers: { cookie: staff.cookie } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /spreadsheetml/);
  assert.match(res.headers.get('content-disposition'), new RegExp(`scores-${year}-${String(month).padStart(2, '0')}\\.xlsx`));
  const files = unzip(Buffer.from(await res.arrayBuffer()));
  const sheet = files['xl/worksheets/sheet1.xml'].toString('utf8');
  const strings = files['xl/sharedStrings.xml'].toString('utf8');
  assert.match(strings, /信息采用计分|得分/);
  assert.match(strings, /财政局/);
  const numbers = [...sheet.matchAll(/<c r="D(\d+)"[^>]*><v>([^<]+)<\/v>/g)].filter((m) => m[1] !== '1').map((m) => Number(m[2]));
  assert.deepEqual(numbers, [34, 4, 2], 'the points column, best first');
  const xr = await fetch(`${srv.url}/api/v1/scores.xlsx?year=${year}`, { headers: { cookie: staff.cookie } });
  assert.match(xr.headers.get('content-disposition'), new RegExp(`scores-${year}\\.xlsx`));
});

test('scoring refuses bad input naming the field; only the office changes it', async () => {
  const czj = await login(srv.url, 'liaison2');
  const x = await czj.call('POST', '/api/v1/reports', { json: { title: '待评分信息', body: '正文。', urgency: 'normal', submit: true } });
  const id = x.body.id;
  for (const [json, field] of [[{ combine: 'avg' }, 'combine'], [{ city: -1 }, 'city'], [{ province: 1001 }, 'province'],
    [{ central: '20' }, 'central'], [{ inaccurate: 1.5 }, 'inaccurate'], [{ bonus: 3 }, 'rules']]) {
    const r = await staff.call('PUT', '/api/v1/scores/rules', { json });
    assert.equal(r.status, 422, `${JSON.stringify(json)}: ${r.text}`);
    assert.equal(r.body.error.field, field);
  }
  for (const [json, field] of [[{ level: 'county' }, 'level'], [{}, 'level'], [{ level: 'city', date: '2026-02-30' }, 'date'],
    [{ level: 'city', note: '注'.repeat(201) }, 'note'], [{ level: 'city', note: 5 }, 'note']]) {
    const r = await editor.call('POST', `/api/v1/reports/${id}/uses`, { json });
    assert.equal(r.status, 422, `${JSON.stringify(json)}: ${r.text}`);
    assert.equal(r.body.error.field, field);
  }
  for (const [json, field] of [[{}, 'inaccurate'], [{ inaccurate: 'yes' }, 'inaccurate'], [{ inaccurate: true }, 'note'], [{ inaccurate: true, note: ' ' }, 'note']]) {
    const r = await editor.call('PUT', `/api/v1/reports/${id}/accuracy`, { json });
    assert.equal(r.status, 422, `${JSON.stringify(json)}: ${r.text}`);
    assert.equal(r.body.error.field, field);
  }
  for (const q of ['year=1999', 'year=abc', 'year=2026&month=13', 'year=2026&month=0']) {
    const r = await staff.call('GET', `/api/v1/scores?${q}`);
    assert.equal(r.status, 422, q);
    assert.equal(r.body.error.field, q.includes('month') ? 'month' : 'year', q);
    assert.equal((await staff.call('GET', `/api/v1/scores.xlsx?${q}`)).status, 422);
  }
  assert.equal((await editor.call('POST', '/api/v1/reports/999999/uses', { json: { level: 'city' } })).status, 404);
  const draft = await czj.call('POST', '/api/v1/reports', { json: { title: '未报送的信息', body: '正文。', urgency: 'normal' } });
  assert.equal((await editor.call('POST', `/api/v1/reports/${draft.body.id}/uses`, { json: { level: 'city' } })).status, 409, 'a draft is not scored');

  assert.equal((await czj.call('PUT', '/api/v1/scores/rules', { json: { city: 50 } })).status, 403);
  assert.equal((await czj.call('POST', `/api/v1/reports/${id}/uses`, { json: { level: 'central' } })).status, 403, 'a unit does not score its own report');
  assert.equal((await czj.call('PUT', `/api/v1/reports/${id}/accuracy`, { json: { inaccurate: false } })).status, 403);
  assert.equal((await czj.call('GET', '/api/v1/scores')).status, 200, 'the ranking is read by all');
  for (const path of ['/api/v1/scores', '/api/v1/scores.xlsx', '/api/v1/scores/rules']) assert.equal((await api(srv.url, 'GET', path)).status, 401, path);
  assert.equal((await api(srv.url, 'PUT', '/api/v1/scores/rules', { json: { city: 1 } })).status, 401);
  const aud = await login(srv.url, 'auditor');
  const trail = await aud.call('GET', '/api/v1/audit?action=info.score_rules');
  assert.ok(trail.body.items.length >= 3, trail.text);
});
