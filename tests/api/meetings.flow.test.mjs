// A 常委会 run through the API on the demo city (12 standing committee members): the exact
// quorum (exactly half cannot open), the cadre item's two thirds, a majority of those present
// that is not one of 应到会 failing with the reason, leave and written views not counted, the
// principal leader voting last on a cadre item, votes locked at close, deferral, and the
// agenda item's consent by the responsible leader from routing. SQLite and PostgreSQL.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, login } from '../lib/server.mjs';

const srv = await startServer({ demo: true });
after(async () => { if (process.env.SHOWLOG) console.log(srv.log()); assert.equal(await srv.stop(), 0, srv.tail()); });

const staff = await login(srv.url, 'mishuke');
const shuji = await login(srv.url, 'shuji');
const changwu = await login(srv.url, 'changwu');
const zuzhi = await login(srv.url, 'zuzhi');
const liaison = await login(srv.url, 'liaison');
const members = ['shuji', 'shizhang', 'fushuji', 'changwu', 'jiwei', 'zuzhi', 'mishuzhang', 'xuanchuan', 'zhengfa', 'tongzhan', 'junfenqu', 'fushizhang'];

const mpath = (id, rest = '') => `/api/v1/meetings/${id}${rest}`;
const step = (who, id, action, json = {}) => who.call('POST', mpath(id, `/actions/${action}`), { json });
const item = (who, id, n, action, json = {}) => who.call('POST', mpath(id, `/agenda/${n}/actions/${action}`), { json });
const vote = (who, id, n, username, choice) => who.call('POST', mpath(id, `/agenda/${n}/vote`), { json: { username, choice } });
const present = (id, username) => staff.call('POST', mpath(id, '/attendance'), { json: { username, status: 'present' } });

// Each meeting of the suite on a day of its own: the room is booked once at a time.
let day = 4;
async function meeting(title, starts = `2027-01-${String(day++).padStart(2, '0')}T09:00`) {
  const r = await staff.call('POST', '/api/v1/meetings', { json: { type: 'changwei', title, starts_at: starts, room: '市委第一会议室' } });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

// An item proposed by the office, consented by its leader and put on the agenda by the chair.
async function scheduled(id, title, kind = 'general') {
  const r = await staff.call('POST', mpath(id, '/agenda'), { json: { title, kind, domain: 'finance' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.status, 'proposed');
  assert.equal((await item(changwu, id, r.body.n, 'consent')).status, 200);
  if (kind === 'cadre') assert.equal((await item(staff, id, r.body.n, 'consult', { opinion: '会前已就人选酝酿，意见一致。' })).status, 200);
  const a = await item(shuji, id, r.body.n, 'approve');
  assert.equal(a.status, 200, a.text);
  assert.equal(a.body.status, 'scheduled');
  return r.body.n;
}

test('a 常委会 calls every member in office; exactly half present cannot open it', async () => {
  const m = await meeting('市委常委会2026年第30次会议');
  assert.equal(m.status, 'preparing');
  assert.equal(m.chair_username, 'shuji');
  assert.deepEqual(m.members.map((x) => x.username), members);
  assert.equal(m.members.filter((x) => x.voting).length, 12);
  assert.equal(m.members.find((x) => x.username === 'shuji').principal, 1);
  assert.equal(m.attendance.expected, 12);
  assert.equal(m.attendance.rule, '实到会人数须超过应到会人数的半数');
  assert.equal((await step(staff, m.id, 'notify')).status, 200);
  for (const u of members.slice(0, 6)) assert.equal((await present(m.id, u)).status, 200);
  let r = await step(staff, m.id, 'open');
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.error.code, 'quorum_not_met');
  assert.match(r.body.error.message, /应到会12人，实到会6人，未超过应到会人数的半数/);
  r = await shuji.call('GET', mpath(m.id));
  assert.equal(r.body.status, 'noticed');
  assert.equal(r.body.attendance.present, 6);
  assert.equal(r.body.attendance.quorum_met, false);
  assert.equal((await present(m.id, members[6])).status, 200);
  r = await step(shuji, m.id, 'open');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'in_session');
  assert.equal(r.body.attendance.quorum_met, true);
});

test('a cadre item needs two thirds present, and the principal leader votes last', async () => {
  const m = await meeting('市委常委会2026年第31次会议');
  const n = await scheduled(m.id, '关于市直部门干部任免的议题', 'cadre');
  await step(staff, m.id, 'notify');
  for (const u of members.slice(0, 7)) await present(m.id, u);
  assert.equal((await step(staff, m.id, 'open')).status, 200);
  let r = await vote(staff, m.id, n, 'shizhang', 'agree');
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.error.code, 'quorum_not_met');
  assert.match(r.body.error.message, /实到会7人，未达到应到会人数的三分之二/);
  await present(m.id, members[7]);
  r = await vote(shuji, m.id, n, 'shuji', 'agree');
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.error.code, 'principal_votes_last');
  assert.match(r.body.error.message, /7/);
  for (const u of members.slice(1, 8)) assert.equal((await vote(staff, m.id, n, u, 'agree')).status, 200);
  r = await vote(shuji, m.id, n, 'shuji', 'agree');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.votes.agree, 8);
  r = await item(shuji, m.id, n, 'close');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.result, 'passed');
  assert.equal(r.body.explanation, '同意8人，应到会12人，超过应到会人数的半数 → 通过');
  // votes lock when the item closes
  r = await vote(staff, m.id, n, 'zuzhi', 'disagree');
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.error.code, 'not_allowed_now');
});

test('a majority of those present that is not one of 应到会 fails, and says so; leave and written views do not count', async () => {
  const m = await meeting('市委常委会2026年第32次会议');
  const n = await scheduled(m.id, '关于2027年市级财政预算草案的议题');
  await step(staff, m.id, 'notify');
  // a member asks for leave with a written view; the chair approves it
  let r = await zuzhi.call('POST', mpath(m.id, '/attendance'), { json: { status: 'leave', reason: '赴省委党校学习', written_view: '同意该议题。' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.members.find((x) => x.username === 'zuzhi').status, 'leave_asked');
  r = await shuji.call('POST', mpath(m.id, '/attendance'), { json: { username: 'zuzhi', status: 'leave', reason: '赴省委党校学习' } });
  assert.equal(r.status, 200, r.text);
  const z = r.body.members.find((x) => x.username === 'zuzhi');
  assert.equal(z.status, 'leave');
  assert.equal(z.written_view, '同意该议题。');
  assert.equal(r.body.attendance.leave, 1);
  assert.equal(r.body.attendance.expected, 12, 'leave does not lower 应到会');
  const here = members.filter((u) => u !== 'zuzhi').slice(0, 9);
  for (const u of here) await present(m.id, u);
  assert.equal((await step(staff, m.id, 'open')).status, 200);
  r = await vote(staff, m.id, n, 'zuzhi', 'agree');
  assert.equal(r.status, 422, r.text);
  assert.match(r.body.error.message, /书面意见不是表决票/);
  for (const u of here.slice(0, 6)) assert.equal((await vote(staff, m.id, n, u, 'agree')).status, 200);
  for (const u of here.slice(6)) assert.equal((await vote(staff, m.id, n, u, 'disagree')).status, 200);
  r = await item(staff, m.id, n, 'close');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.result, 'failed');
  assert.equal(r.body.explanation, '同意6人，应到会12人，未超过应到会人数的半数 → 不通过（虽超过实到会9人的半数，但表决以应到会人数为准）');
  assert.equal(r.body.votes.agree, 6);
});

test('deferral; abstaining refused where the type does not allow it; no votes by proxy', async () => {
  const m = await meeting('市委常委会2026年第33次会议');
  const n = await scheduled(m.id, '关于调整城市公交票价的议题');
  await step(staff, m.id, 'notify');
  for (const u of members) await present(m.id, u);
  await step(staff, m.id, 'open');
  let r = await vote(staff, m.id, n, 'shizhang', 'abstain');
  assert.equal(r.status, 422, r.text);
  assert.equal(r.body.error.field, 'choice');
  r = await vote(changwu, m.id, n, 'shizhang', 'agree');
  assert.equal(r.status, 403, r.text);
  for (const u of members.slice(0, 7)) assert.equal((await vote(staff, m.id, n, u, 'defer')).status, 200);
  r = await item(staff, m.id, n, 'close');
  assert.equal(r.body.result, 'deferred');
  assert.equal(r.body.status, 'deferred');
  assert.equal(r.body.explanation, '缓议7人，应到会12人，超过应到会人数的半数 → 缓议');
});

test('an item\'s responsible leader comes from routing, consents first and finds it in the inbox', async () => {
  const m = await meeting('市委常委会2026年第34次会议');
  let r = await staff.call('POST', mpath(m.id, '/agenda'), { json: { title: '关于加强市级国有资本经营预算管理的议题', domain: 'finance' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.leader_username, 'changwu');
  assert.match(r.body.leader_reason, /孙国平/);
  const inbox = await changwu.call('GET', '/api/v1/me/inbox');
  assert.ok(inbox.body.items.some((i) => i.item_id === r.body.id && i.step === 'consent'), JSON.stringify(inbox.body.items));
  assert.equal((await item(shuji, m.id, r.body.n, 'approve')).status, 409, 'not before the leader consents');
  assert.equal((await item(zuzhi, m.id, r.body.n, 'consent')).status, 403);
  assert.equal((await item(changwu, m.id, r.body.n, 'consent')).status, 200);
  // a leader proposing within their own portfolio has consented by proposing
  r = await changwu.call('POST', mpath(m.id, '/agenda'), { json: { title: '关于市级政府债务风险防控的议题', domain: 'finance' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.status, 'consented');
  assert.equal(r.body.n, 2);
});

test('bad input is refused with a 422 naming the field; others may not call or read meetings', async () => {
  const bad = [
    [{ type: 'dahui', title: '会议', starts_at: '2026-12-10T09:00' }, 'type'],
    [{ type: 'changwei', title: '会', starts_at: '2026-12-10T09:00' }, 'title'],
    [{ type: 'changwei', title: '常委会', starts_at: '2026-12-10 09:00' }, 'starts_at'],
    [{ type: 'changwei', title: '常委会', starts_at: '2026-02-30T09:00' }, 'starts_at'],
    [{ type: 'changwei', title: '常委会', starts_at: '2026-12-10T09:00', ends_at: '2026-12-10T08:00' }, 'ends_at'],
    [{ type: 'zhuanti', title: '专题会', starts_at: '2026-12-10T09:00', chair: 'changwu' }, 'domain'],
    [{ type: 'zhuanti', title: '专题会', starts_at: '2026-12-10T09:00', chair: 'zuzhi', domain: 'finance' }, 'chair'],
  ];
  for (const [json, field] of bad) {
    const r = await staff.call('POST', '/api/v1/meetings', { json });
    assert.equal(r.status, 422, `${field}: ${r.text}`);
    assert.equal(r.body.error.field, field, r.text);
  }
  let r = await liaison.call('POST', '/api/v1/meetings', { json: { type: 'changwei', title: '常委会', starts_at: '2026-12-10T09:00' } });
  assert.equal(r.status, 403, r.text);
  const m = await meeting('市委常委会2026年第35次会议');
  r = await liaison.call('GET', mpath(m.id));
  assert.equal(r.status, 404, r.text);
  r = await staff.call('POST', mpath(m.id, '/agenda'), { json: { title: '议题', kind: 'secret' } });
  assert.equal(r.status, 422, r.text);
  assert.equal(r.body.error.field, 'kind');
  r = await staff.call('POST', mpath(m.id, '/attendance'), { json: { username: 'mishuke', status: 'present' } });
  assert.equal(r.status, 422, r.text);
  assert.equal(r.body.error.field, 'username');
  r = await staff.call('POST', mpath(m.id, '/attendance'), { json: { username: 'shuji', status: 'present' } });
  assert.equal(r.status, 409, 'no check-in before the notice');
  // a 专题会 chaired within the chair's 分工, with named attendees and no vote
  r = await staff.call('POST', '/api/v1/meetings', { json: { type: 'zhuanti', title: '全市财政收支形势分析专题会', starts_at: '2026-12-11T15:00', chair: 'changwu', domain: 'finance', attendees: ['mishuzhang'] } });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.body.members.map((x) => [x.username, x.voting]), [['changwu', 0], ['mishuzhang', 0]]);
  assert.equal(r.body.attendance.quorum_met, undefined);
});

test('a passed item\'s decisions become a supervised task in one step, linked back to the meeting', async () => {
  const m = await meeting('市委常委会2026年第36次会议');
  const n = await scheduled(m.id, '关于加快推进市级预算绩效管理改革的议题');
  const n2 = await scheduled(m.id, '关于设立市级产业引导基金的议题');
  await step(staff, m.id, 'notify');
  for (const u of members) await present(m.id, u);
  await step(staff, m.id, 'open');
  for (const u of members.slice(0, 7)) await vote(staff, m.id, n, u, 'agree');
  assert.equal((await item(staff, m.id, n, 'close')).body.result, 'passed');
  for (const u of members.slice(0, 7)) await vote(staff, m.id, n2, u, 'disagree');
  assert.equal((await item(staff, m.id, n2, 'close')).body.result, 'failed');
  const json = { lead_unit: 'czj', deadline_working_days: 10, requirements: '每月报送一次进展' };
  let r = await staff.call('POST', mpath(m.id, `/agenda/${n2}/tasks`), { json });
  assert.equal(r.status, 409, r.text);
  r = await changwu.call('POST', mpath(m.id, `/agenda/${n}/tasks`), { json });
  assert.equal(r.status, 403, r.text);
  r = await staff.call('POST', mpath(m.id, `/agenda/${n}/tasks`), { json: { deadline_working_days: 10 } });
  assert.equal(r.status, 422, r.text);
  assert.equal(r.body.error.field, 'lead_unit');
  r = await staff.call('POST', mpath(m.id, `/agenda/${n}/tasks`), { json });
  assert.equal(r.status, 201, r.text);
  const task = r.body;
  assert.equal(task.source, 'meeting');
  assert.match(task.content, /市委常委会2026年第36次会议关于“关于加快推进市级预算绩效管理改革的议题”的决定事项/);
  assert.match(task.supervision_no, /^督〔\d{4}〕\d+号$/);
  assert.match(JSON.stringify(task), /孙国平/, 'the responsible leader from routing on finance');
  r = await staff.call('GET', mpath(m.id, '/agenda'));
  const it = r.body.items.find((x) => x.n === n);
  assert.deepEqual(it.tasks.map((t) => t.id), [task.id]);
});

test('a meeting downloads as iCalendar: its time in UTC, its room, its members', async () => {
  const m = await meeting('市委常委会2026年第37次会议', '2026-12-14T15:00');
  const r = await shuji.call('GET', mpath(m.id, '.ics'));
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('content-type'), /^text\/calendar/);
  assert.match(r.text, /BEGIN:VCALENDAR/);
  assert.match(r.text, new RegExp(`UID:meeting-${m.id}@mishu`));
  assert.match(r.text, /DTSTART:20261214T070000Z/);
  assert.match(r.text, /SUMMARY:市委常委会2026年第37次会议/);
  assert.equal(r.text.match(/ATTENDEE/g).length, 12);
  assert.equal((await liaison.call('GET', mpath(m.id, '.ics'))).status, 404);
});

test('the 纪要 is drafted from the outcomes, edited by the office, approved and numbered by the chair, and prints the attendance', async () => {
  const m = await meeting('市委常委会2026年第38次会议');
  let r = await staff.call('POST', mpath(m.id, '/agenda'), { json: { title: '关于全市安全生产大检查情况的汇报', domain: 'finance', body: '市应急管理局汇报了全市安全生产大检查情况。', observers: '市应急管理局局长\n市财政局局长' } });
  assert.equal(r.status, 201, r.text);
  const n = r.body.n;
  await item(changwu, m.id, n, 'consent');
  await item(shuji, m.id, n, 'approve');
  await step(staff, m.id, 'notify');
  await zuzhi.call('POST', mpath(m.id, '/attendance'), { json: { status: 'leave', reason: '赴省委党校学习' } });
  await shuji.call('POST', mpath(m.id, '/attendance'), { json: { username: 'zuzhi', status: 'leave', reason: '赴省委党校学习' } });
  for (const u of members.filter((x) => x !== 'zuzhi')) await present(m.id, u);
  await step(staff, m.id, 'open');
  for (const u of members.filter((x) => x !== 'zuzhi').slice(0, 8)) assert.equal((await vote(staff, m.id, n, u, 'agree')).status, 200);
  await item(staff, m.id, n, 'close');
  r = await staff.call('GET', mpath(m.id, '/minutes.pdf'));
  assert.equal(r.status, 409, 'no minutes before the meeting adjourns');
  assert.equal((await step(shuji, m.id, 'adjourn')).status, 200);
  r = await staff.call('GET', mpath(m.id));
  assert.equal(r.body.minutes.drafted, true);
  assert.match(r.body.minutes.text, /王建国同志主持召开常委会（市委常委会2026年第38次会议）/);
  assert.match(r.body.minutes.text, /一、关于全市安全生产大检查情况的汇报\n市应急管理局汇报了全市安全生产大检查情况。\n会议同意该议题。表决情况：同意8人，应到会12人，超过应到会人数的半数，通过。/);
  const edited = r.body.minutes.text.replace('会议同意该议题。', '会议同意该议题，要求各地各部门举一反三、压实责任。');
  assert.equal((await changwu.call('PUT', mpath(m.id, '/minutes'), { json: { text: edited } })).status, 403);
  assert.equal((await staff.call('PUT', mpath(m.id, '/minutes'), { json: { text: '太短' } })).status, 422);
  r = await staff.call('PUT', mpath(m.id, '/minutes'), { json: { text: edited } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.minutes.drafted, false);
  assert.equal((await step(staff, m.id, 'approve_minutes')).status, 403, 'the chair approves');
  r = await step(shuji, m.id, 'approve_minutes');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'minuted');
  assert.match(r.body.minutes.no, /^〔2027〕第\d+期$/);
  assert.equal((await staff.call('PUT', mpath(m.id, '/minutes'), { json: { text: edited } })).status, 409);

  const res = await fetch(`${srv.url}${mpath(m.id, '/minutes.pdf')}`, { headers: { cookie: shuji.cookie } });
  assert.equal(res.status, 200, res.status === 200 ? '' : await res.text());
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const file = join(mkdtempSync(join(tmpdir(), 'mishu-minutes-')), 'minutes.pdf');
  if (process.env.SHOWLOG) console.log('minutes at', file);
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const text = spawnSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
  for (const want of ['中共江城市委常委会纪要', r.body.minutes.no, '举一反三、压实责任', '出席：王建国、赵立新',
    '请假：吴海峰（赴省委党校学习）', '列席：市应急管理局局长、市财政局局长', '中共江城市委办公室'])
    assert.ok(text.includes(want), `the 纪要 shows ${want}: ${text}`);
  assert.ok(!text.includes('出席：王建国、赵立新、李明华、孙国平、周正清、吴海峰'), 'who was on leave is not listed as present');
});

test('a deferred item goes to a later meeting with its history; 复议 of a passed item needs more than half of the members', async () => {
  const first = await meeting('市委常委会2026年第39次会议');
  const n1 = await scheduled(first.id, '关于调整中心城区停车收费标准的议题');
  const n2 = await scheduled(first.id, '关于设立市级科技创新基金的议题');
  await step(staff, first.id, 'notify');
  for (const u of members) await present(first.id, u);
  await step(staff, first.id, 'open');
  for (const u of members.slice(0, 7)) await vote(staff, first.id, n1, u, 'defer');
  const deferred = (await item(staff, first.id, n1, 'close')).body;
  assert.equal(deferred.result, 'deferred');
  for (const u of members.slice(0, 7)) await vote(staff, first.id, n2, u, 'agree');
  const passed = (await item(staff, first.id, n2, 'close')).body;
  assert.equal(passed.result, 'passed');
  await step(staff, first.id, 'adjourn');

  const later = await meeting('市委常委会2026年第41次会议', '2026-12-17T09:00');
  let r = await staff.call('POST', mpath(later.id, '/agenda'), { json: { carry: passed.id } });
  assert.equal(r.status, 422, r.text);
  assert.equal(r.body.error.field, 'carry');
  r = await staff.call('POST', mpath(later.id, '/agenda'), { json: { carry: deferred.id } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.title, '关于调整中心城区停车收费标准的议题');
  assert.equal(r.body.carried_from, deferred.id);
  assert.equal(r.body.origin_meeting, '市委常委会2026年第39次会议');
  assert.equal(r.body.leader_username, 'changwu');
  r = await staff.call('POST', mpath(later.id, '/agenda'), { json: { carry: deferred.id } });
  assert.equal(r.status, 422, 'carried once only');
  r = await staff.call('POST', mpath(later.id, '/agenda'), { json: { reconsiders: deferred.id } });
  assert.equal(r.status, 422, r.text);
  assert.equal(r.body.error.field, 'reconsiders');
  r = await staff.call('POST', mpath(later.id, '/agenda'), { json: { reconsiders: passed.id } });
  assert.equal(r.status, 201, r.text);
  const motion = r.body;
  assert.equal(motion.title, '关于复议“关于设立市级科技创新基金的议题”的动议');
  assert.equal(motion.reconsiders, passed.id);
  await item(changwu, later.id, motion.n, 'consent');
  await item(shuji, later.id, motion.n, 'approve');
  await step(staff, later.id, 'notify');
  for (const u of members) await present(later.id, u);
  await step(staff, later.id, 'open');
  for (const u of members.slice(0, 6)) await vote(staff, later.id, motion.n, u, 'agree');
  r = await item(staff, later.id, motion.n, 'close');
  assert.equal(r.body.result, 'failed', 'six of twelve is not more than half of the members');
  assert.match(r.body.explanation, /同意6人，应到会12人，未超过应到会人数的半数/);
});

test('a room is booked once at a time; members called to two meetings at once are warned', async () => {
  const a = await meeting('市委常委会2027年第1次会议', '2027-02-01T09:00');
  let r = await staff.call('POST', '/api/v1/meetings', { json: { type: 'changwei', title: '市委常委会2027年第2次会议', starts_at: '2027-02-01T10:30', room: '市委第一会议室' } });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.error.field, 'room');
  assert.match(r.body.error.message, /市委第一会议室.*市委常委会2027年第1次会议.*2027-02-01 09:00–11:00/);
  r = await staff.call('POST', '/api/v1/meetings', { json: { type: 'changwei', title: '市委常委会2027年第2次会议', starts_at: '2027-02-01T11:00', room: '市委第一会议室' } });
  assert.equal(r.status, 201, 'back to back is no overlap');
  const b = r.body;
  r = await staff.call('POST', '/api/v1/meetings', { json: { type: 'zhuanti', title: '全市财政收支形势分析专题会', starts_at: '2027-02-01T10:00', chair: 'changwu', domain: 'finance', room: '市委第三会议室', attendees: ['mishuzhang'] } });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.body.conflicts.map((x) => [x.username, x.meeting_id]),
    [['changwu', a.id], ['changwu', b.id], ['mishuzhang', a.id], ['mishuzhang', b.id]], '10:00–12:00 overlaps both');
  assert.equal((await step(staff, a.id, 'cancel', { opinion: '会期调整' })).status, 200);
  r = await staff.call('GET', `/api/v1/meetings/${r.body.id}`);
  assert.deepEqual(r.body.conflicts.map((x) => x.meeting_id), [b.id, b.id], 'a cancelled meeting holds nobody');
});

test('each member has a calendar feed of their meetings behind a secret URL that can be revoked', async () => {
  const m = await meeting('市委常委会2027年第3次会议', '2027-02-08T09:00');
  let r = await changwu.call('POST', '/api/v1/me/calendar', { json: {} });
  assert.equal(r.status, 201, r.text);
  const url = r.body.url;
  assert.match(url, /^\/api\/v1\/me\/calendar\.ics\?token=[A-Za-z0-9_-]{40,}$/);
  // no session needed: the token is the key
  let feed = await fetch(srv.url + url);
  assert.equal(feed.status, 200);
  let text = await feed.text();
  assert.match(text, /BEGIN:VCALENDAR/);
  assert.match(text, new RegExp(`UID:meeting-${m.id}@mishu`));
  assert.match(text, /SUMMARY:市委常委会2027年第3次会议/);
  // the liaison is called to no meeting: an empty calendar
  r = await liaison.call('POST', '/api/v1/me/calendar', { json: {} });
  assert.equal(r.status, 201, r.text);
  text = await (await fetch(srv.url + r.body.url)).text();
  assert.doesNotMatch(text, /BEGIN:VEVENT/);
  // made again: the old URL stops working; revoked: the new one too
  r = await changwu.call('POST', '/api/v1/me/calendar', { json: {} });
  assert.equal((await fetch(srv.url + url)).status, 404);
  assert.equal((await fetch(srv.url + r.body.url)).status, 200);
  const revoked = await changwu.call('DELETE', '/api/v1/me/calendar');
  assert.equal(revoked.status, 200, revoked.text);
  assert.equal(revoked.body.revoked, true);
  assert.equal((await fetch(srv.url + r.body.url)).status, 404);
  assert.equal((await fetch(srv.url + '/api/v1/me/calendar.ics?token=')).status, 404);
  assert.equal((await fetch(srv.url + '/api/v1/me/calendar.ics')).status, 404);
});
