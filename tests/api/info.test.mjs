// Information (信息): a unit's report through submit → edit (the original kept) → adopt, reject or
// merge; an urgent report alerts the information department and the leaders in charge live;
// issues composed from adopted reports, numbered gaplessly per bulletin and year (also when many
// are published at once), sent to every 常委 or to a domain bulletin's leaders; read receipts
// counted once per reader; a 批示 on an item of an issue made a task in one step. SQLite and
// PostgreSQL.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, login, api, rawSql } from '../lib/server.mjs';
import { openEvents } from '../lib/events.mjs';

const srv = await startServer({ demo: true });
after(async () => { assert.equal(await srv.stop(), 0, srv.tail()); });

const editor = await login(srv.url, 'xinxike');
const staff = await login(srv.url, 'mishuke');
const fgw = await login(srv.url, 'liaison');
const czj = await login(srv.url, 'liaison2');
const shuji = await login(srv.url, 'shuji');
const standing = ['shuji', 'shizhang', 'fushuji', 'changwu', 'jiwei', 'zuzhi', 'mishuzhang', 'xuanchuan', 'zhengfa', 'tongzhan', 'junfenqu', 'fushizhang'];

const rstep = (who, id, action, json = {}) => who.call('POST', `/api/v1/reports/${id}/actions/${action}`, { json });
const istep = (who, id, action, json = {}) => who.call('POST', `/api/v1/issues/${id}/actions/${action}`, { json });

let serial = 0;
// A report of FGW's, submitted and adopted by the editor; returns its id.
async function adopted(extra = {}) {
  const r = await fgw.call('POST', '/api/v1/reports', { json: { title: `市发改委重大项目推进情况（${++serial}）`, body: '全市重大项目完成年度投资计划的78.6%。', domain: 'development_reform', urgency: 'normal', submit: true, ...extra } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.status, 'submitted');
  const a = await rstep(editor, r.body.id, 'adopt');
  assert.equal(a.status, 200, a.text);
  return r.body.id;
}

test('a unit submits a report; the editor edits it with the original kept, and adopts, rejects or merges; others may not', async () => {
  let r = await fgw.call('POST', '/api/v1/reports', { json: { title: '市发改委推动重大项目提速', body: '今年以来，全市126个重大项目累计完成投资218亿元。', domain: 'development_reform', urgency: 'normal' } });
  assert.equal(r.status, 201, r.text);
  const id = r.body.id;
  assert.equal(r.body.status, 'draft');
  assert.equal(r.body.unit.code, 'fgw', 'the source unit is the liaison\'s');
  assert.deepEqual(r.body.actions.sort(), ['submit', 'withdraw']);
  assert.equal((await czj.call('GET', `/api/v1/reports/${id}`)).status, 404, 'another unit does not see it');
  let drafts = (await editor.call('GET', '/api/v1/reports?status=draft')).body.items.map((x) => x.id);
  assert.ok(!drafts.includes(id), 'the office does not list a unit\'s draft');
  drafts = (await fgw.call('GET', '/api/v1/reports?status=draft')).body.items.map((x) => x.id);
  assert.ok(drafts.includes(id), 'the unit does');
  assert.equal((await rstep(editor, id, 'adopt')).status, 409, 'a draft is not adopted');
  r = await rstep(fgw, id, 'submit');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'submitted');
  assert.equal((await rstep(fgw, id, 'adopt')).status, 403, 'the unit does not adopt its own report');

  r = await rstep(editor, id, 'edit', { title: '全市重大项目完成投资218亿元', body: '今年以来，全市126个重大项目累计完成投资218亿元，完成年度计划的78.6%。' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'submitted', 'editing keeps the state');
  assert.equal(r.body.title, '全市重大项目完成投资218亿元');
  assert.equal(r.body.original.title, '市发改委推动重大项目提速');
  assert.equal(r.body.original.body, '今年以来，全市126个重大项目累计完成投资218亿元。');
  assert.match(r.body.body, /78\.6%/);
  assert.equal(r.body.edited_by, '赵敏');
  r = await rstep(editor, id, 'edit', {});
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'body');

  // reject needs a reason; merge needs a report that is still open
  r = await fgw.call('POST', '/api/v1/reports', { json: { title: '市发改委项目调度会情况', body: '召开重大项目调度会。', urgency: 'normal', submit: true } });
  const other = r.body.id;
  r = await rstep(editor, other, 'reject', {});
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'opinion');
  assert.equal((await rstep(editor, other, 'merge', { into: other })).body.error.field, 'into');
  assert.equal((await rstep(editor, other, 'merge', { into: 999999 })).status, 422);
  r = await rstep(editor, other, 'merge', { into: id, opinion: '同一事项' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'merged');
  assert.equal(r.body.merged_into, id);
  r = await editor.call('GET', `/api/v1/reports/${id}`);
  assert.deepEqual(r.body.merged.map((m) => m.id), [other]);
  assert.ok(r.body.history.some((h) => h.action === 'merged_in'));

  r = await fgw.call('POST', '/api/v1/reports', { json: { title: '拟退回的信息', body: '数据未核实。', urgency: 'normal', submit: true } });
  r = await rstep(editor, r.body.id, 'reject', { opinion: '数据未经统计部门核实，暂不采用。' });
  assert.equal(r.body.status, 'rejected');
  assert.equal(r.body.history.at(-1).opinion, '数据未经统计部门核实，暂不采用。');

  r = await rstep(editor, id, 'adopt');
  assert.equal(r.body.status, 'adopted');
  assert.equal((await rstep(editor, id, 'publish')).status, 409, 'a report is published only with its issue');
  assert.ok(!r.body.steps.some((s) => s.code === 'publish'), 'the issue\'s step is not offered on the report');
});

test('bad reports are refused with the field named and nothing stored', async () => {
  const before = (await editor.call('GET', '/api/v1/reports?limit=200')).body.items.length;
  const cases = [
    [{ body: '正文' }, 'title'],
    [{ title: '标', body: '正文' }, 'title'],
    [{ title: '标题'.repeat(101), body: '正文' }, 'title'],
    [{ title: '标题', body: '  ' }, 'body'],
    [{ title: '标题', body: '正'.repeat(20001) }, 'body'],
    [{ title: '标题', body: '正文', urgency: 'critical' }, 'urgency'],
    [{ title: '标题', body: '正文', domain: 'no_such_domain' }, 'domain'],
    [{ title: '标题', body: '正文', submit: 'yes' }, 'submit'],
  ];
  for (const [json, field] of cases) {
    const r = await fgw.call('POST', '/api/v1/reports', { json });
    assert.equal(r.status, 422, `${JSON.stringify(json).slice(0, 60)}: ${r.text}`);
    assert.equal(r.body.error.field, field);
  }
  let r = await fgw.call('POST', '/api/v1/reports', { body: '{"title": ', headers: { 'content-type': 'application/json' } });
  assert.equal(r.status, 400);
  r = await fgw.call('POST', '/api/v1/reports', { body: JSON.stringify({ title: '标题', body: 'x'.repeat(2 * 1024 * 1024) }), headers: { 'content-type': 'application/json' } });
  assert.equal(r.status, 413);
  r = await api(srv.url, 'POST', '/api/v1/reports', { json: { title: '标题', body: '正文' } });
  assert.equal(r.status, 401);
  assert.equal((await fgw.call('GET', '/api/v1/reports?status=nonsense')).status, 422);
  assert.equal((await fgw.call('GET', '/api/v1/reports?before=x')).status, 422);
  assert.equal((await editor.call('GET', '/api/v1/reports?limit=200')).body.items.length, before);
});

test('an urgent report skips the queue and alerts the information department and the leaders in charge live', async () => {
  const route = await editor.call('GET', '/api/v1/route?work=report&domain=emergency');
  assert.equal(route.status, 200, route.text);
  const leader = route.body.leaders[0].username;
  const lead = await login(srv.url, leader);
  const deptStaff = await login(srv.url, 'xinxike2');
  const evEditor = await openEvents(srv.url, deptStaff.cookie);
  const evLeader = await openEvents(srv.url, lead.cookie);
  const evOther = await openEvents(srv.url, staff.cookie);
  try {
    await evEditor.next((f) => f.event === 'hello', 5000);
    await evLeader.next((f) => f.event === 'hello', 5000);
    await evOther.next((f) => f.event === 'hello', 5000);
    await fgw.call('POST', '/api/v1/reports', { json: { title: '一般信息在前', body: '正文。', urgency: 'normal', submit: true } });
    const r = await fgw.call('POST', '/api/v1/reports', { json: { title: '临江县山体滑坡无人员伤亡', body: '当地提前转移群众46人。', domain: 'emergency', urgency: 'urgent', submit: true } });
    assert.equal(r.status, 201, r.text);
    const id = r.body.id;
    const a = await evEditor.next((f) => f.event === 'report.urgent', 5000);
    assert.equal(a.data.id, id);
    assert.equal(a.data.title, '临江县山体滑坡无人员伤亡');
    assert.equal((await evLeader.next((f) => f.event === 'report.urgent', 5000)).data.id, id);
    await assert.rejects(evOther.next((f) => f.event === 'report.urgent', 800), 'office staff outside the department are not alerted');
    // the leader was told and may read it
    assert.equal((await lead.call('GET', `/api/v1/reports/${id}`)).status, 200);
    const q = await editor.call('GET', '/api/v1/reports?status=submitted');
    assert.equal(q.body.items[0].urgency, 'urgent', 'urgent reports head the queue');
    assert.ok(q.body.counts.urgent >= 1);
  } finally {
    evEditor.close(); evLeader.close(); evOther.close();
  }
});

test('an issue is composed from adopted reports, published with its number to every 常委, and read receipts count once per reader', async () => {
  const a = await adopted();
  const b = await adopted();
  let r = await editor.call('POST', '/api/v1/issues', { json: { bulletin: 'jcxx', reports: [b, a] } });
  assert.equal(r.status, 201, r.text);
  const id = r.body.id;
  assert.equal(r.body.status, 'composing');
  assert.deepEqual(r.body.reports.map((x) => x.id), [b, a], 'in the editor\'s order');
  r = await editor.call('PUT', `/api/v1/issues/${id}/reports`, { json: { reports: [a, b] } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.reports.map((x) => x.id), [a, b]);
  assert.equal((await editor.call('POST', '/api/v1/issues', { json: { bulletin: 'jcxx', reports: [a] } })).status, 409, 'a report is in one issue');
  assert.equal((await fgw.call('POST', '/api/v1/issues', { json: { bulletin: 'jcxx', reports: [a] } })).status, 403);
  assert.equal((await shuji.call('GET', `/api/v1/issues/${id}`)).status, 404, 'not sent yet');
  assert.equal((await shuji.call('POST', `/api/v1/issues/${id}/read`)).status, 404);

  r = await istep(editor, id, 'publish');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'published');
  assert.ok(Number.isInteger(r.body.number) && r.body.number >= 1);
  const number = r.body.number;
  assert.match(r.body.title, new RegExp(`《江城信息》\\d{4}年第${r.body.number}期`));
  assert.equal(r.body.reads.readers, 12);
  assert.deepEqual(r.body.reads.unread.map((u) => u.user).sort(), [...standing].sort());
  assert.equal((await editor.call('GET', `/api/v1/reports/${a}`)).body.status, 'published');
  assert.equal((await istep(editor, id, 'publish')).status, 409, 'once');

  // reading: once per reader, also when the same reader opens it twice at once
  const sj = await shuji.call('GET', `/api/v1/issues/${id}`);
  assert.equal(sj.status, 200);
  assert.equal(sj.body.read_at, null);
  const both = await Promise.all([shuji.call('POST', `/api/v1/issues/${id}/read`), shuji.call('POST', `/api/v1/issues/${id}/read`)]);
  assert.deepEqual(both.map((x) => x.status), [200, 200]);
  assert.deepEqual(both.map((x) => x.body.first).sort(), [false, true]);
  assert.equal((await shuji.call('POST', `/api/v1/issues/${id}/read`)).body.first, false);
  const zz = await login(srv.url, 'zuzhi');
  assert.equal((await zz.call('POST', `/api/v1/issues/${id}/read`)).body.first, true);
  r = await editor.call('GET', `/api/v1/issues/${id}/reads`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.read, 2);
  assert.equal(r.body.items.length, 2);
  assert.deepEqual(r.body.items.map((x) => x.user).sort(), ['shuji', 'zuzhi']);
  assert.equal(r.body.unread.length, 10);
  assert.equal(r.body.overdue, false, 'not yet past the bulletin\'s working hours');
  assert.equal((await shuji.call('GET', `/api/v1/issues/${id}/reads`)).status, 403, 'the editor sees the receipts');
  assert.equal((await fgw.call('GET', `/api/v1/issues/${id}`)).status, 404, 'a unit is not a reader');
  // printed as the bulletin: red masthead, 第N期, the items, 报/送
  const pdf = await fetch(`${srv.url}/api/v1/issues/${id}/pdf`, { headers: { cookie: shuji.cookie } });
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  assert.match(decodeURIComponent(pdf.headers.get('content-disposition')), /《江城信息》\d{4}年第\d+期\.pdf/);
  const file = join(mkdtempSync(join(tmpdir(), 'mishu-issue-')), 'issue.pdf');
  writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
  const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout.replace(/[ \n]+/g, '');
  assert.match(text, /江城信息/);
  assert.match(text, new RegExp(`\\d{4}年第${number}期`));
  assert.match(text, /中共江城市委办公室/);
  assert.match(text, /市发改委重大项目推进情况/);
  assert.match(text, /报：省委办公厅。/);
  assert.match(text, /送：市委常委/);
  assert.equal((await fgw.call('GET', `/api/v1/issues/${id}/pdf`)).status, 404, 'only its readers and the office');
  // a reader sees it in the list and knows it has been read
  r = await shuji.call('GET', '/api/v1/issues?bulletin=jcxx');
  const listed = r.body.items.find((x) => x.id === id);
  assert.equal(listed.read_by, 2);
  assert.equal(listed.readers, 12);
  assert.equal(listed.overdue, false);
  // published twenty days ago (moved back behind the program's back): the flag is up
  assert.equal(rawSql(srv.db, `UPDATE issue SET published_at = published_at - 20 * 86400 WHERE item_id = ${id}`).status, 0);
  assert.equal((await editor.call('GET', `/api/v1/issues/${id}/reads`)).body.overdue, true);
  assert.equal((await editor.call('GET', '/api/v1/issues?bulletin=jcxx')).body.items.find((x) => x.id === id).overdue, true);
  assert.ok((await shuji.call('GET', `/api/v1/issues/${id}`)).body.read_at > 0);
});

test('a leader\'s 批示 on an item of an issue becomes a supervision task in one step', async () => {
  const a = await adopted();
  let r = await editor.call('POST', '/api/v1/issues', { json: { bulletin: 'mryq', reports: [a] } });
  const id = r.body.id;
  assert.equal((await istep(editor, id, 'publish')).status, 200);
  const changwu = await login(srv.url, 'changwu');
  r = await changwu.call('GET', `/api/v1/reports/${a}`);
  assert.equal(r.status, 200, 'a reader opens the item');
  r = await changwu.call('POST', '/api/v1/instructions', { json: { item_id: a, text: '请发改委牵头，抓紧协调解决项目用地问题，月底前报结果。' } });
  assert.equal(r.status, 201, r.text);
  const instruction = r.body.id;
  r = await editor.call('POST', `/api/v1/instructions/${instruction}/tasks`, { json: { tasks: [{ lead_unit: 'fgw', deadline: '2027-01-29' }] } });
  assert.equal(r.status, 201, r.text);
  const task = r.body.items?.[0]?.id ?? r.body.tasks?.[0]?.id ?? r.body[0]?.id;
  assert.ok(task, r.text);
  r = await staff.call('GET', `/api/v1/tasks/${task}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.source_item_id ?? r.body.source?.item_id, a);
  assert.match(JSON.stringify(r.body), /抓紧协调解决项目用地问题/);
});

test('a domain bulletin goes to the leaders routing names for its domain', async () => {
  const a = await adopted();
  let r = await editor.call('POST', '/api/v1/issues', { json: { bulletin: 'jjzb', reports: [a] } });
  assert.equal(r.status, 201, r.text);
  r = await istep(editor, r.body.id, 'publish');
  assert.equal(r.status, 200, r.text);
  const route = await editor.call('GET', '/api/v1/route?work=report&domain=economy');
  const routed = route.body.leaders.map((l) => l.username).filter(Boolean).sort();
  assert.ok(routed.length >= 1 && routed.length < 12, JSON.stringify(routed));
  assert.deepEqual(r.body.reads.unread.map((u) => u.user).sort(), routed);
  assert.ok(r.body.reads.unread.every((u) => u.reason.length > 0), 'each with the reason');
});

test('issue numbers are gapless per bulletin and year when many are published at once', async () => {
  const ids = [];
  for (let i = 0; i < 8; i++) {
    const a = await adopted();
    const r = await editor.call('POST', '/api/v1/issues', { json: { bulletin: 'ldhd', reports: [a] } });
    assert.equal(r.status, 201, r.text);
    ids.push(r.body.id);
  }
  const other = await login(srv.url, 'xinxike2');
  const out = await Promise.all(ids.map((id, i) => istep(i % 2 ? other : editor, id, 'publish')));
  assert.deepEqual(out.map((r) => r.status), ids.map(() => 200), out.map((r) => r.text).join('\n'));
  const numbers = out.map((r) => r.body.number).sort((x, y) => x - y);
  assert.deepEqual(numbers, numbers.map((_, i) => numbers[0] + i), 'consecutive');
  assert.equal(numbers[0], 1, 'the first of the year is 1');
  const b = (await editor.call('GET', '/api/v1/bulletins')).body.items.find((x) => x.code === 'ldhd');
  assert.equal(b.last.number, 8);
});

test('a cancelled issue returns its reports; bad issues are refused', async () => {
  const a = await adopted();
  let r = await editor.call('POST', '/api/v1/issues', { json: { bulletin: 'jcxx', reports: [a] } });
  const id = r.body.id;
  assert.equal((await istep(editor, id, 'cancel', {})).status, 422, 'with a reason');
  r = await istep(editor, id, 'cancel', { opinion: '本期内容调整，另行编发' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'cancelled');
  assert.deepEqual(r.body.reports, []);
  r = await editor.call('POST', '/api/v1/issues', { json: { bulletin: 'jcxx', reports: [a] } });
  assert.equal(r.status, 201, 'the report is free again');

  const draft = (await fgw.call('POST', '/api/v1/reports', { json: { title: '未报送的稿件', body: '正文。' } })).body.id;
  for (const [json, field] of [
    [{ reports: [a] }, 'bulletin'],
    [{ bulletin: 'nope', reports: [a] }, 'bulletin'],
    [{ bulletin: 'jcxx' }, 'reports'],
    [{ bulletin: 'jcxx', reports: [] }, 'reports'],
    [{ bulletin: 'jcxx', reports: ['x'] }, 'reports'],
    [{ bulletin: 'jcxx', reports: [draft] }, 'reports'],
    [{ bulletin: 'jcxx', reports: Array.from({ length: 61 }, (_, i) => i + 1) }, 'reports'],
  ]) {
    const x = await editor.call('POST', '/api/v1/issues', { json });
    assert.equal(x.status, 422, `${JSON.stringify(json).slice(0, 50)}: ${x.text}`);
    assert.equal(x.body.error.field, field);
  }
  r = await editor.call('PUT', '/api/v1/bulletins/jcxx', { json: { name: '江', publisher: '中共江城市委办公室' } });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'name');
  r = await editor.call('PUT', '/api/v1/bulletins/jcxx', { json: { name: '江城信息', publisher: '中共江城市委办公室', readers: 'routed' } });
  assert.equal(r.body.error.field, 'domain', 'a routed bulletin names its domain');
  r = await editor.call('PUT', '/api/v1/bulletins/zhuanti', { json: { name: '专题信息', publisher: '中共江城市委办公室', readers: 'routed', domain: 'ecology', unread_hours: 16 } });
  assert.equal(r.status, 200, r.text);
  assert.ok(r.body.items.some((x) => x.code === 'zhuanti' && x.domain.code === 'ecology' && x.unread_hours === 16));
  assert.equal((await fgw.call('PUT', '/api/v1/bulletins/zhuanti', { json: { name: '专题信息', publisher: '市委办' } })).status, 403);
});
