// Leaders' instructions (批示) and supervision (督查督办) through a real `mishu serve` on the demo
// city: an instruction on a document becomes a task with the right responsible leader; the
// working-day calendar (10 working days from 2026-09-28 is 2026-10-16); a task from assignment
// to 销号 and a returned one back; the chaser with a test clock marks yellow, then red, and
// notifies; the ledger .xlsx; statistics that match the tasks. SQLite and PostgreSQL.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, api, rawSql } from '../lib/server.mjs';
import { unzip } from '../lib/zip.mjs';

// The server's "today" is fixed so deadlines in working days are known.
const TODAY = '2026-09-28';
const srv = await startServer({ demo: true, env: { MISHU_TODAY: TODAY } });
after(async () => { assert.equal(await srv.stop(), 0, srv.tail()); });

const staff = await login(srv.url, 'duchashi');
const step = (who, id, action, json = {}) => who.call('POST', `/api/v1/tasks/${id}/actions/${action}`, { json });

// A registered incoming document about finance, proposed so its leaders see it; returns its id.
async function document(title = '关于加强预算执行管理的通知') {
  const mishuke = await login(srv.url, 'mishuke');
  const r = await mishuke.call('POST', '/api/v1/documents', { json: {
    direction: 'incoming', doc_type: '通知', title, domain: 'finance', body: '请加强预算执行管理。', sender: '省财政厅' } });
  assert.equal(r.status, 201, r.text);
  assert.equal((await mishuke.call('POST', `/api/v1/documents/${r.body.id}/actions/check`, { json: {} })).status, 200);
  assert.equal((await mishuke.call('POST', `/api/v1/documents/${r.body.id}/actions/propose`, { json: {} })).status, 200);
  return r.body.id;
}

test('the working-day calendar counts as 民法典 Art. 201 does, skipping 国庆 and counting 调休', async () => {
  let r = await staff.call('GET', '/api/v1/calendar?from=2026-09-28&add=10');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.date, '2026-10-16');
  r = await staff.call('GET', '/api/v1/calendar?from=2026-10-09&add=1');
  assert.equal(r.body.date, '2026-10-10', 'the make-up Saturday is a working day');
  r = await staff.call('GET', '/api/v1/calendar?from=2026-09-30&add=1');
  assert.equal(r.body.date, '2026-10-08');
  for (const q of ['from=2026-02-30&add=1', 'from=2026-09-28&add=x', 'from=2026-09-28', 'add=1', 'from=2026-09-28&add=99999'])
    assert.equal((await staff.call('GET', `/api/v1/calendar?${q}`)).status, 422, q);
});

test('an instruction on a document becomes a task with the right responsible leader', async () => {
  const doc = await document();
  const changwu = await login(srv.url, 'changwu');
  let r = await changwu.call('POST', '/api/v1/instructions', { json: { item_id: doc, text: '请市财政局抓好落实，按期报送情况。', requirements: '十个工作日内报结果' } });
  assert.equal(r.status, 201, r.text);
  const instruction = r.body.id;
  assert.equal(r.body.leader_name, '孙国平');
  assert.equal((await staff.call('POST', '/api/v1/instructions', { json: { item_id: doc, text: '代领导批示' } })).status, 403, 'only leaders instruct');
  const liaison = await login(srv.url, 'liaison2');
  assert.equal((await liaison.call('GET', `/api/v1/instructions?item_id=${doc}`)).status, 404, 'the item is not theirs');
  r = await staff.call('POST', `/api/v1/instructions/${instruction}/tasks`, { json: { tasks: [
    { lead_unit: 'czj', co_units: ['fgw'], deadline_days: 10 },
    { lead_unit: 'sjj', deadline: '2026-10-30', content: '审计局配合开展预算执行审计' }] } });
  assert.equal(r.status, 201, r.text);
  const [t1, t2] = r.body.items;
  assert.equal(t1.source, 'instruction');
  assert.equal(t1.content, '请市财政局抓好落实，按期报送情况。');
  assert.equal(t1.requirements, '十个工作日内报结果');
  assert.equal(t1.leader_name, '孙国平', 'the instructing leader is responsible');
  // the lead and co-units read the document the 批示 is on; a unit not on the task does not
  for (const [who, code] of [['liaison2', 200], ['liaison', 200], ['lianluo_jyj', 404]])
    assert.equal((await (await login(srv.url, who)).call('GET', `/api/v1/documents/${doc}`)).status, code, who);
  assert.equal(t1.deadline, '2026-10-16', '10 working days from 2026-09-28');
  assert.equal(t1.deadline_days, 10);
  assert.deepEqual(t1.co_units.map((u) => u.code), ['fgw']);
  assert.equal(t2.deadline, '2026-10-30');
  assert.equal(t2.content, '审计局配合开展预算执行审计');
  r = await changwu.call('GET', `/api/v1/instructions?item_id=${doc}`);
  assert.equal(r.body.items[0].tasks, 2);
  // a task from another source gets its leader from the division of responsibility
  r = await staff.call('POST', '/api/v1/tasks', { json: { source: 'key_work', content: '推进教育数字化转型', domain: 'education', lead_unit: 'jyj', deadline_days: 20 } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.leader_name, '赵立新');
  assert.match(r.body.leader_reason, /教育/);
});

test('a task goes from assignment to 销号; a returned one goes back to the unit', async () => {
  let r = await staff.call('POST', '/api/v1/tasks', { json: { source: 'higher', content: '落实上级关于安全生产大检查的部署', lead_unit: 'fgw', co_units: ['czj'], deadline: '2026-10-20', domain: 'emergency' } });
  assert.equal(r.status, 201, r.text);
  const id = r.body.id;
  assert.equal(r.body.status, 'assigned');
  const fgw = await login(srv.url, 'liaison');
  const czj = await login(srv.url, 'liaison2');
  assert.equal((await step(czj, id, 'accept')).status, 403, 'the co-unit does not 签收');
  r = await step(fgw, id, 'accept');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'accepted');
  r = await step(czj, id, 'report', { opinion: '已完成本单位自查。' });
  assert.equal(r.status, 200, r.text);
  r = await step(fgw, id, 'report', { opinion: '检查组已进驻重点企业。' });
  assert.equal(r.body.reports.length, 2);
  assert.equal((await step(fgw, id, 'report', { opinion: '' })).status, 422);
  assert.equal((await step(fgw, id, 'close')).status, 403, 'the office closes');
  r = await step(fgw, id, 'request_close', { opinion: '检查全部完成，问题已整改。' });
  assert.equal(r.body.status, 'closing');
  r = await step(staff, id, 'return', { opinion: '整改台账不完整' });
  assert.equal(r.body.status, 'returned');
  r = await step(fgw, id, 'report', { opinion: '已补充整改台账。' });
  assert.equal(r.body.status, 'reported');
  r = await step(fgw, id, 'request_close', { opinion: '已补充，申请办结。' });
  r = await step(staff, id, 'verify', { opinion: '经核实属实' });
  assert.equal(r.body.status, 'verified');
  r = await step(staff, id, 'close');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'closed');
  assert.equal(r.body.closed_on, TODAY);
  assert.deepEqual(r.body.actions, []);
  assert.deepEqual(r.body.history.map((h) => h.action),
    ['assign', 'accept', 'report', 'report', 'request_close', 'return', 'report', 'request_close', 'verify', 'close']);
  assert.equal((await step(staff, id, 'close')).status, 409);
  const other = await login(srv.url, 'lianluo_jyj');
  assert.equal((await other.call('GET', `/api/v1/tasks/${id}`)).status, 404, 'not their task');
  const audit = rawSql(srv.db, `SELECT count(*) FROM audit WHERE object_kind = 'task' AND object_id = '${id}'`);
  assert.equal(audit.stdout.trim(), '10');
});

test('an extension is asked for by the unit and granted by the office', async () => {
  let r = await staff.call('POST', '/api/v1/tasks', { json: { source: 'meeting', content: '编制年度重点项目清单', lead_unit: 'fgw', deadline: '2026-10-12' } });
  const id = r.body.id;
  const fgw = await login(srv.url, 'liaison');
  assert.equal((await step(fgw, id, 'request_extension', { deadline: '2026-10-01', opinion: '需要更多时间' })).status, 422);
  r = await step(fgw, id, 'request_extension', { deadline: '2026-10-23', opinion: '需征求各区意见' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.extension_to, '2026-10-23');
  assert.ok((await staff.call('GET', `/api/v1/tasks/${id}`)).body.actions.includes('approve_extension'));
  r = await step(staff, id, 'approve_extension');
  assert.equal(r.body.deadline, '2026-10-23');
  assert.equal(r.body.extension_to, null);
});

test('the chaser with a test clock reminds, marks yellow, then red, and notifies once each', async () => {
  let r = await staff.call('POST', '/api/v1/tasks', { json: { source: 'petition', content: '办理群众反映的供暖问题', lead_unit: 'fgw', deadline: '2026-10-09', domain: 'petition' } });
  const id = r.body.id;
  const chase = (today) => api(srv.url, 'POST', '/api/v1/_test/chase', { json: { today } });
  const fgw = await login(srv.url, 'liaison');
  const leader = await login(srv.url, r.body.leader_name ? (await staff.call('GET', `/api/v1/org/leaders/${r.body.leader_id}`)).body.username : 'shuji');
  // the chaser's notices (a handoff notice, work.todo, is the inbox's, not the chaser's)
  const notes = async (who) => (await who.call('GET', '/api/v1/notifications')).body.items.filter((n) => n.item_id === id && n.kind.startsWith('task.'));
  assert.equal((await chase('2026-09-29')).status, 200);
  assert.equal((await notes(fgw)).length, 0, 'too early for a reminder');
  await chase('2026-10-08'); // two working days before (10-09 is the deadline; 10-08 leaves 1)
  let n = await notes(fgw);
  assert.equal(n.length, 1);
  assert.equal(n[0].kind, 'task.remind');
  await chase('2026-10-08');
  assert.equal((await notes(fgw)).length, 1, 'once');
  await chase('2026-10-09');
  assert.equal((await notes(fgw)).map((x) => x.kind).sort().join(), 'task.due,task.remind');
  await chase('2026-10-12');
  r = await staff.call('GET', `/api/v1/tasks/${id}`);
  assert.equal(r.body.overdue, 'yellow');
  assert.equal(r.body.overdue_days, 2, '10-10 (调休) and 10-12 are working days past the deadline');
  n = await notes(fgw);
  assert.ok(n.some((x) => x.kind === 'task.yellow'));
  await chase('2026-10-14');
  r = await staff.call('GET', `/api/v1/tasks/${id}`);
  assert.equal(r.body.overdue, 'yellow', 'four working days late: not yet red (threshold 5)');
  assert.equal(r.body.overdue_days, 4);
  await chase('2026-10-15');
  r = await staff.call('GET', `/api/v1/tasks/${id}`);
  assert.equal(r.body.overdue, 'red');
  n = await notes(fgw);
  assert.equal(n.filter((x) => x.kind === 'task.red').length, 1);
  await chase('2026-10-19');
  assert.equal((await notes(fgw)).filter((x) => x.kind === 'task.red').length, 1, 'red is sent once');
  assert.ok((await notes(staff)).some((x) => x.kind === 'task.red'), 'the supervision office is told');
  assert.ok((await notes(leader)).some((x) => x.kind === 'task.red'), 'the responsible leader is told');
  const first = (await notes(fgw))[0];
  assert.equal((await fgw.call('POST', `/api/v1/notifications/${first.id}/read`)).status, 200);
  assert.equal((await staff.call('POST', `/api/v1/notifications/${first.id}/read`)).status, 404, 'not theirs');
  // the thresholds are configurable
  r = await staff.call('PUT', '/api/v1/tasks/policy', { json: { remind_before: 3, red_after: 10 } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body, { remind_before: 3, red_after: 10 });
  r = await staff.call('PUT', '/api/v1/tasks/policy', { json: { remind_before: 3, red_after: 0 } });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'red_after');
  assert.equal((await chase('someday')).status, 422);
});

test('the ledger .xlsx holds every task and the statistics match the tasks', async () => {
  const list = await staff.call('GET', '/api/v1/tasks');
  assert.equal(list.status, 200);
  const tasks = list.body.items;
  assert.ok(tasks.length >= 5);
  const res = await fetch(`${srv.url}/api/v1/tasks.xlsx`, { headers: { cookie: staff.cookie } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /spreadsheetml/);
  const files = unzip(Buffer.from(await res.arrayBuffer()));
  const sheet = files['xl/worksheets/sheet1.xml'].toString();
  const strings = (files['xl/sharedStrings.xml'] || Buffer.from('')).toString();
  for (const t of tasks) assert.ok(strings.includes(t.content) || sheet.includes(t.content), t.content);
  assert.ok(strings.includes('交办事项') && strings.includes('办理时限') && strings.includes('严重逾期'));
  const stats = await staff.call('GET', '/api/v1/tasks/stats');
  assert.equal(stats.status, 200);
  assert.equal(stats.body.totals.total, tasks.length);
  assert.equal(stats.body.totals.closed, tasks.filter((t) => t.status === 'closed').length);
  assert.equal(stats.body.totals.overdue, tasks.filter((t) => t.status !== 'closed' && t.overdue !== 'none').length);
  const fgw = stats.body.units.find((u) => u.unit === 'fgw');
  assert.equal(fgw.total, tasks.filter((t) => t.lead_unit === 'fgw').length);
  assert.equal(fgw.closed, 1);
  assert.equal(fgw.on_time_rate, 1);
  const sun = stats.body.leaders.find((l) => l.name === '孙国平');
  assert.equal(sun.instructions, 1);
  assert.equal(sun.open, tasks.filter((t) => t.leader_name === '孙国平' && t.status !== 'closed').length);
  const filtered = await staff.call('GET', '/api/v1/tasks?overdue=red');
  assert.ok(filtered.body.items.every((t) => t.overdue === 'red') && filtered.body.items.length === 1);
  assert.equal((await staff.call('GET', '/api/v1/tasks?from=yesterday')).status, 422);
  const liaison = await login(srv.url, 'liaison2');
  const mine = await liaison.call('GET', '/api/v1/tasks');
  assert.ok(mine.body.items.length > 0 && mine.body.items.length < tasks.length, 'a unit sees its own tasks only');
  // each filter keeps the unit's visibility, and means the same for the office
  const ids = (r) => r.body.items.map((t) => t.id);
  const own = new Set(ids(mine));
  for (const [q, want] of [['status=open', (t) => t.status !== 'closed'], ['status=closed', (t) => t.status === 'closed'],
    ['overdue=any', (t) => t.overdue !== 'none'], ['overdue=red&status=open', (t) => t.overdue === 'red' && t.status !== 'closed']]) {
    const all = ids(await staff.call('GET', `/api/v1/tasks?${q}`));
    assert.deepEqual(all.slice().sort(), tasks.filter(want).map((t) => t.id).sort(), q);
    assert.deepEqual(ids(await liaison.call('GET', `/api/v1/tasks?${q}`)), all.filter((id) => own.has(id)), q);
  }
});

test('bad task input is refused with the field named', async () => {
  for (const [body, field] of [
    [{ source: 'rumour', content: '事项', lead_unit: 'fgw', deadline_days: 5 }, 'source'],
    [{ source: 'meeting', content: '', lead_unit: 'fgw', deadline_days: 5 }, 'content'],
    [{ source: 'meeting', content: '事项内容', lead_unit: 'nowhere', deadline_days: 5 }, 'lead_unit'],
    [{ source: 'meeting', content: '事项内容', lead_unit: 'fgw' }, 'deadline_days'],
    [{ source: 'meeting', content: '事项内容', lead_unit: 'fgw', deadline: '2020-01-01' }, 'deadline'],
    [{ source: 'meeting', content: '事项内容', lead_unit: 'fgw', deadline: '9999-12-31' }, 'deadline'],
    [{ source: 'meeting', content: '事项内容', lead_unit: 'fgw', deadline_days: 5, co_units: ['fgw'] }, 'co_units'],
    [{ source: 'instruction', content: '事项内容', lead_unit: 'fgw', deadline_days: 5 }, 'instruction_id'],
  ]) {
    const r = await staff.call('POST', '/api/v1/tasks', { json: body });
    assert.equal(r.status, 422, JSON.stringify(body));
    assert.equal(r.body.error.field, field, JSON.stringify(body));
  }
  const liaison = await login(srv.url, 'liaison');
  assert.equal((await liaison.call('POST', '/api/v1/tasks', { json: { source: 'meeting', content: '事项内容', lead_unit: 'fgw', deadline_days: 5 } })).status, 403);
});

test('ledger and instruction parameters are whole numbers, or a 422 naming them', async () => {
  for (const [path, field] of [['/api/v1/tasks?leader=3x', 'leader'], ['/api/v1/tasks.xlsx?leader=-1', 'leader'],
    ['/api/v1/tasks/stats?from=2026-13-01', 'from'], ['/api/v1/instructions?item_id=7x', 'item_id'], ['/api/v1/instructions', 'item_id']]) {
    const r = await staff.call('GET', path);
    assert.equal(r.status, 422, path);
    assert.equal(r.body.error.field, field, path);
  }
});

test('the chaser runs as a scheduled job in the server, reminds, and queues its next run', async () => {
  const r = await staff.call('POST', '/api/v1/tasks', { json: { source: 'meeting', content: '报送季度重点工作进展', lead_unit: 'fgw', deadline: '2026-09-30' } });
  assert.equal(r.status, 201, r.text);
  const fgw = await login(srv.url, 'liaison');
  const reminded = async () => (await fgw.call('GET', '/api/v1/notifications')).body.items
    .some((n) => n.item_id === r.body.id && n.kind === 'task.remind');
  assert.equal(await reminded(), false, 'nothing before the job runs');
  // a run due now, as the worker finds the daily one at 08:00
  const ins = rawSql(srv.db, "INSERT INTO job (kind, payload, run_at, created_at) VALUES ('tasks.chase', '{}', 0, 0)");
  assert.equal(ins.status, 0, ins.stderr);
  let ok = false;
  for (let i = 0; i < 100 && !ok; i++) {
    ok = await reminded();
    if (!ok) await new Promise((res) => setTimeout(res, 100));
  }
  assert.ok(ok, 'the worker ran the chaser (the deadline is 2 working days away)');
  const done = rawSql(srv.db, "SELECT count(*) FROM job WHERE kind = 'tasks.chase' AND run_at = 0 AND done_at IS NOT NULL");
  assert.equal(done.stdout.trim(), '1');
  const next = rawSql(srv.db, `SELECT count(*) FROM job WHERE kind = 'tasks.chase' AND done_at IS NULL AND run_at > ${Math.floor(Date.now() / 1000)}`);
  assert.ok(Number(next.stdout.trim()) >= 1, 'the next run is queued');
});
