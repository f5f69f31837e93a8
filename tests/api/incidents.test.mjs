// Emergency information (应急值守): a level II incident reaches the leaders routing names for its
// domain and, by the rule table, 书记 and 副书记, each with the reason; the alert arrives live
// (event: incident); acknowledgement stops the escalation; with no acknowledgement the test clock
// makes the job escalate on time, along the chain, exactly once even with two processes; the
// next report due is flagged overdue and 迟报 recorded; follow-ups carry only what changed; bad
// input gets a 4xx naming the field. SQLite and PostgreSQL.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, api, dbKind } from '../lib/server.mjs';
import { openEvents } from '../lib/events.mjs';

const env = { MISHU_JOB_INTERVAL_MS: '150' };
const a = await startServer({ demo: true, env });
const b = await startServer({ db: a.db, init: false, env });
after(async () => {
  assert.equal(await b.stop(), 0, b.tail());
  assert.equal(await a.stop(), 0, a.tail());
});

const duty = await login(a.url, 'zhiban');
const pad = (n) => String(n).padStart(2, '0');
// "YYYY-MM-DD HH:MM" in the office's zone (Asia/Shanghai, UTC+8) of MINUTES ago.
function ago(minutes) {
  const t = new Date(Date.now() - minutes * 60000 + 8 * 3600000);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}
let serial = 0;
async function file(fields = {}) {
  const r = await duty.call('POST', '/api/v1/incidents', { json: {
    title: `临江县一化工企业发生爆炸（${++serial}）`, category: 'accident', level: 3, domain: 'emergency',
    occurred_at: ago(20), place: '临江县化工园区', casualties: '2人受伤', injured: 2,
    measures: '消防已到场处置', ...fields } });
  assert.equal(r.status, 201, r.text);
  return r.body;
}
const advance = (srv, seconds) => api(srv.url, 'POST', '/api/v1/_test/clock', { json: { advance: seconds } });
async function until(pred, ms = 5000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await pred();
    if (v) return v;
    if (Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('a level II incident reaches the leaders in charge and, by rule, 书记 and 副书记, with reasons, live', async () => {
  const shuji = await login(a.url, 'shuji');
  // on PostgreSQL through the other process (LISTEN/NOTIFY); SQLite's events stay in one
  const ev = await openEvents((dbKind === 'postgresql' ? b : a).url, shuji.cookie);
  try {
    await ev.next((f) => f.event === 'hello', 5000);
    const inc = await file({ title: '江北县遭遇强降雨引发山洪', category: 'natural', level: 2, domain: 'agriculture' });
    assert.equal(inc.status, 'open');
    const names = inc.recipients.map((x) => x.name);
    assert.ok(inc.recipients.every((x) => x.reason && x.reason.length > 4), 'each with a reason');
    const got = await ev.next((f) => f.event === 'incident' && f.data.id === inc.id, 5000);
    assert.equal(got.data.action, 'reported');
    assert.match(got.data.alert.title, /Ⅱ级突发事件/);
    assert.equal(got.data.alert.url, `/incidents/${inc.id}`);
    const one = (await duty.call('GET', `/api/v1/incidents/${inc.id}`)).body;
    const by = Object.fromEntries(one.recipients.map((x) => [x.username, x]));
    assert.ok(by.shuji, `书记 is alerted: ${names}`);
    assert.match(by.shuji.reason, /Ⅰ级、Ⅱ级突发事件同时报书记/);
    assert.ok(by.fushuji && by.shizhang, '副书记 too');
    assert.equal(by.shuji.via, 'rule');
    const routed = one.recipients.filter((x) => x.via === 'route');
    assert.ok(routed.length >= 1, 'the leader in charge of 农业和水利');
    assert.match(routed[0].reason, /农业和水利/);
    // a level IV incident of the same domain does not go to 书记
    const small = await file({ level: 4, domain: 'agriculture' });
    assert.ok(!small.recipients.some((x) => x.name === by.shuji.name), '书记 only for levels I and II');
    // the leader sees it, in their inbox, and may acknowledge in one call
    assert.equal((await shuji.call('GET', `/api/v1/incidents/${inc.id}`)).status, 200);
    const inbox = await shuji.call('GET', '/api/v1/me/inbox');
    assert.equal(inbox.status, 200, inbox.text);
    const mine = inbox.body.items.find((x) => (x.id ?? x.item_id) === inc.id);
    assert.ok(mine, 'waiting in 书记\'s inbox');
    assert.equal(mine.href, `/incidents/${inc.id}`);
    const ack = await shuji.call('POST', `/api/v1/incidents/${inc.id}/actions/acknowledge`, { json: {} });
    assert.equal(ack.status, 200, ack.text);
    assert.ok(ack.body.recipients.find((x) => x.username === 'shuji').acknowledged);
    assert.equal((await shuji.call('POST', `/api/v1/incidents/${inc.id}/actions/acknowledge`, { json: {} })).status, 403, 'once');
    assert.ok(ack.body.timeline.some((x) => x.kind === 'acknowledged'), 'the timeline shows it');
    const other = await login(a.url, 'xuanchuan');
    assert.equal((await other.call('GET', `/api/v1/incidents/${inc.id}`)).status, 404, 'a leader not alerted does not see it');
  } finally { ev.close(); }
});

test('acknowledgement by everyone alerted stops the escalation; without it the job escalates on time, once, across two processes', async () => {
  const quiet = await file();
  const loud = await file();
  for (const r of (await duty.call('GET', `/api/v1/incidents/${quiet.id}`)).body.recipients) {
    const s = await login(a.url, r.username);
    const k = await s.call('POST', `/api/v1/incidents/${quiet.id}/actions/acknowledge`, { json: {} });
    assert.equal(k.status, 200, k.text);
  }
  const before = (await duty.call('GET', `/api/v1/incidents/${loud.id}`)).body;
  assert.deepEqual(before.escalations, []);
  // nine minutes: not yet
  await advance(a, 9 * 60); await advance(b, 9 * 60);
  await new Promise((r) => setTimeout(r, 700));
  assert.equal((await duty.call('GET', `/api/v1/incidents/${loud.id}`)).body.escalations.length, 0, 'not before 10 minutes');
  // two more: both processes' job workers are due; exactly one escalates
  await advance(a, 2 * 60); await advance(b, 2 * 60);
  const esc = await until(async () => {
    const r = (await duty.call('GET', `/api/v1/incidents/${loud.id}`)).body;
    return r.escalations.length ? r : null;
  });
  assert.ok(esc, 'escalated after 10 minutes');
  assert.equal(esc.escalations.length, 1);
  assert.equal(esc.escalations[0].step, 1);
  assert.equal(esc.escalations[0].target, 'assistant');
  assert.match(esc.escalations[0].reason, /10/);
  const target = esc.recipients.find((x) => x.via === 'escalation');
  assert.ok(target, 'the assisting 秘书长 is alerted');
  assert.ok(esc.timeline.some((x) => x.kind === 'escalated'));
  // running the step again, on both processes at once, escalates no more
  const again = await Promise.all([a, b].map((s) => api(s.url, 'POST', '/api/v1/_test/escalate', { json: { incident: loud.id, step: 1 } })));
  assert.deepEqual(again.map((r) => r.body.escalated), [false, false]);
  const q = (await duty.call('GET', `/api/v1/incidents/${quiet.id}`)).body;
  assert.deepEqual(q.escalations, [], 'everyone acknowledged: no escalation');
  const sec = await login(a.url, target.username);
  const notes = (await sec.call('GET', '/api/v1/notifications')).body.items.filter((n) => n.item_id === loud.id || n.item === loud.id);
  assert.equal(notes.length, 1, `one notification for the escalation: ${JSON.stringify(notes)}`);
  // a fresh step raced through both processes: exactly one of them takes it
  const race = await file();
  const both = await Promise.all([a, b].map((s) => api(s.url, 'POST', '/api/v1/_test/escalate', { json: { incident: race.id, step: 1 } })));
  assert.deepEqual(both.map((r) => r.body.escalated).sort(), [false, true]);
  assert.equal((await duty.call('GET', `/api/v1/incidents/${race.id}`)).body.escalations.length, 1);
  // the target acknowledging stops the chain: step 2 (书记) does not follow
  const k = await sec.call('POST', `/api/v1/incidents/${loud.id}/actions/acknowledge`, { json: {} });
  assert.equal(k.status, 200, k.text);
  await advance(a, 11 * 60); await advance(b, 11 * 60);
  await new Promise((r) => setTimeout(r, 800));
  assert.equal((await duty.call('GET', `/api/v1/incidents/${loud.id}`)).body.escalations.length, 1, 'the chain stopped');
});

test('the next report due is flagged overdue, 迟报 recorded, follow-ups carry what changed, the final report closes it', async () => {
  const inc = await file({ occurred_at: ago(130), learned_at: ago(120) });
  let r = (await duty.call('GET', `/api/v1/incidents/${inc.id}`)).body;
  assert.equal(r.next_report_due.kind, 'phone');
  assert.equal(r.next_report_due.overdue, true, 'the phone report was due 30 minutes after learning');
  assert.ok(r.reports[0].late > 0, 'the written first report came an hour late: 迟报 recorded');
  const late = (await duty.call('GET', '/api/v1/incidents?overdue=1')).body.items.map((x) => x.id);
  assert.ok(late.includes(inc.id), 'listed for the duty leader');
  // and the officer who recorded it is told at once that the report is late, once
  const told = await until(async () => {
    const n = (await duty.call('GET', '/api/v1/notifications')).body.items.filter((x) => x.item_id === inc.id && x.kind === 'incident.overdue');
    return n.length ? n : null;
  });
  assert.ok(told, 'told of the late report');
  assert.equal(told.length, 1);
  assert.match(told[0].text, /报送超时/);
  r = (await duty.call('POST', `/api/v1/incidents/${inc.id}/actions/phone`, { json: {} })).body;
  assert.ok(r.phone_late > 0);
  assert.ok(r.timeline.some((x) => x.kind === 'phone' && x.late_text), 'the late phone report is shown as late');
  assert.equal(r.next_report_due.kind, 'follow_up');
  assert.equal(r.next_report_due.overdue, false);
  assert.ok(!(await duty.call('GET', '/api/v1/incidents?overdue=1')).body.items.some((x) => x.id === inc.id));
  let f = await duty.call('POST', `/api/v1/incidents/${inc.id}/reports`, { json: { kind: 'follow_up', text: '伤员增至5人，均无生命危险。', injured: 5, measures: '消防已到场处置' } });
  assert.equal(f.status, 200, f.text);
  assert.equal(f.body.reports[1].label, '续报一');
  assert.deepEqual(f.body.reports[1].changes, { injured: { from: 2, to: 5 } }, 'only what changed');
  assert.equal(f.body.injured, 5);
  f = await duty.call('POST', `/api/v1/incidents/${inc.id}/reports`, { json: { kind: 'follow_up' } });
  assert.equal(f.status, 422);
  assert.equal(f.body.error.field, 'text');
  f = await duty.call('POST', `/api/v1/incidents/${inc.id}/reports`, { json: { kind: 'follow_up', level: 2, text: '事态升级。' } });
  assert.equal(f.status, 200, f.text);
  assert.equal(f.body.reports[2].label, '续报二');
  assert.ok(f.body.recipients.some((x) => x.username === 'shuji'), 'raised to level II: 书记 alerted now');
  f = await duty.call('POST', `/api/v1/incidents/${inc.id}/reports`, { json: { kind: 'final', text: '现场处置结束。' } });
  assert.equal(f.status, 200, f.text);
  assert.equal(f.body.status, 'closed');
  assert.equal(f.body.next_report_due, null);
  assert.equal((await duty.call('POST', `/api/v1/incidents/${inc.id}/reports`, { json: { kind: 'follow_up', text: 'x' } })).status, 409, 'closed');
  const kinds = f.body.timeline.map((x) => x.kind);
  assert.ok(kinds.indexOf('learned') < kinds.indexOf('report'), 'the timeline is in order');
});

test('early warnings are reported whatever the level; bad input gets a 4xx naming the field and loses nothing', async () => {
  const w = await file({ kind: 'warning', level: null, title: '某小区业主酝酿集体上访的苗头' , category: 'social', domain: 'petition' });
  assert.equal(w.kind, 'warning');
  assert.equal(w.level, null);
  const cases = [
    [{ category: 'fire' }, 'category'],
    [{ level: 7 }, 'level'],
    [{ level: null }, 'level'],
    [{ title: '长'.repeat(201) }, 'title'],
    [{ domain: 'nowhere' }, 'domain'],
    [{ occurred_at: '2026-13-01 10:00' }, 'occurred_at'],
    [{ learned_at: ago(-120) }, 'learned_at'],
    [{ injured: -1 }, 'injured'],
    [{ measures: '措'.repeat(4001) }, 'measures'],
  ];
  const count = (await duty.call('GET', '/api/v1/incidents?limit=200')).body.items.length;
  for (const [bad, field] of cases) {
    const r = await duty.call('POST', '/api/v1/incidents', { json: { title: '测试事件', category: 'accident', level: 3, domain: 'emergency', ...bad } });
    assert.equal(r.status, 422, `${JSON.stringify(bad)}: ${r.text}`);
    assert.equal(r.body.error.field, field, JSON.stringify(bad));
  }
  const raw = await api(a.url, 'POST', '/api/v1/incidents', { body: '{"title":', headers: { cookie: duty.cookie, 'x-csrf-token': duty.csrf, 'content-type': 'application/json' } });
  assert.equal(raw.status, 400);
  assert.equal((await duty.call('GET', '/api/v1/incidents?limit=200')).body.items.length, count, 'nothing stored');
  const liaison = await login(a.url, 'liaison');
  assert.equal((await liaison.call('POST', '/api/v1/incidents', { json: { title: '单位不能直接登记', category: 'accident', level: 3, domain: 'emergency' } })).status, 403);
  const inc = await file();
  assert.equal((await duty.call('POST', `/api/v1/incidents/${inc.id}/actions/fly`, { json: {} })).status, 404);
  assert.equal((await duty.call('POST', `/api/v1/incidents/${inc.id}/actions/acknowledge`, { json: {} })).status, 403, 'the duty officer was not alerted');
  assert.equal((await duty.call('POST', `/api/v1/incidents/${inc.id}/reports`, { json: { kind: 'rumour', text: 'x' } })).body.error.field, 'kind');
  assert.equal((await duty.call('GET', '/api/v1/incidents?status=lost')).status, 422);
  // twenty follow-ups at once: numbered 续报一 … 续报二十, none lost
  const all = await Promise.all(Array.from({ length: 20 }, (_, i) => duty.call('POST', `/api/v1/incidents/${inc.id}/reports`, { json: { kind: 'follow_up', text: `第${i + 1}次续报。` } })));
  assert.ok(all.every((r) => r.status === 200), all.map((r) => r.status).join());
  const seqs = (await duty.call('GET', `/api/v1/incidents/${inc.id}`)).body.reports.map((x) => x.seq);
  assert.deepEqual(seqs, Array.from({ length: 21 }, (_, i) => i));
});

test('the time limits are data: per level and per superior organ, changed by the security administrator only', async () => {
  const lim = (await duty.call('GET', '/api/v1/incidents/limits')).body;
  assert.equal(lim.default.phone_minutes, 30);
  assert.equal(lim.default.written_minutes, 60);
  assert.equal(lim.escalation.after_minutes, 10);
  assert.deepEqual(lim.escalation.chain, ['assistant', 'secretary']);
  assert.equal((await duty.call('PUT', '/api/v1/incidents/limits', { json: lim })).status, 403);
  const sec = await login(a.url, 'secadmin');
  const bad = await sec.call('PUT', '/api/v1/incidents/limits', { json: { ...lim, escalation: { after_minutes: 10, chain: ['mayor'] } } });
  assert.equal(bad.status, 422);
  assert.equal(bad.body.error.field, 'escalation');
  const changed = { ...lim, organs: { 省委总值班室: { phone_minutes: 20, levels: { 1: { written_minutes: 40 } } } } };
  const ok = await sec.call('PUT', '/api/v1/incidents/limits', { json: changed });
  assert.equal(ok.status, 200, ok.text);
  const inc = await file({ organ: '省委总值班室', occurred_at: ago(30), learned_at: ago(25) });
  const r = (await duty.call('GET', `/api/v1/incidents/${inc.id}`)).body;
  assert.equal(r.next_report_due.kind, 'phone');
  assert.equal(r.next_report_due.overdue, true, 'the organ asks for the phone report within 20 minutes');
  assert.equal((await sec.call('PUT', '/api/v1/incidents/limits', { json: lim })).status, 200);
});

test('a leader\'s 批示 on an incident becomes a task with a deadline in hours, overdue at that hour', async () => {
  const inc = await file({ level: 2, domain: 'emergency', title: '城东化工仓库火灾' });
  const shuji = await login(a.url, 'shuji');
  let r = await shuji.call('POST', '/api/v1/instructions', { json: { item_id: inc.id, text: '请市应急管理局全力处置，2小时内报告进展。' } });
  assert.equal(r.status, 201, r.text);
  const office = await login(a.url, 'duchashi');
  r = await office.call('POST', `/api/v1/instructions/${r.body.id}/tasks`, { json: { tasks: [{ lead_unit: 'yjglj', deadline_hours: 2 }] } });
  assert.equal(r.status, 201, r.text);
  const task = r.body.items?.[0]?.id ?? r.body.tasks?.[0]?.id ?? r.body[0]?.id;
  let t = (await office.call('GET', `/api/v1/tasks/${task}`)).body;
  assert.ok(t.deadline_at > Date.now() / 1000 + 7000 && t.deadline_at < Date.now() / 1000 + 7400 + 60 * 60, `two hours from now: ${t.deadline_at}`);
  assert.equal(t.overdue, 'none');
  assert.equal(t.domain, 'emergency', 'the incident\'s domain');
  const bad = await office.call('POST', '/api/v1/tasks', { json: { source: 'key_work', content: '测试小时时限', lead_unit: 'yjglj', deadline_hours: 1000 } });
  assert.equal(bad.status, 422);
  assert.equal(bad.body.error.field, 'deadline_hours');
  // two hours and a minute later (on both processes' clocks), the job marks it overdue once
  await advance(a, 121 * 60); await advance(b, 121 * 60);
  const again = await login(a.url, 'duchashi'); // two hours idle end a session
  t = await until(async () => {
    const x = (await again.call('GET', `/api/v1/tasks/${task}`)).body;
    return x.overdue === 'yellow' ? x : null;
  });
  assert.ok(t, 'overdue at the hour, not the next morning');
});
