// The personal inbox (待办, GET /api/v1/me/inbox) and who acts next ("next_actors") from the
// workflow engine (src/work/flow_todo.c), through a real `mishu serve` on the demo city: each
// handoff puts the item in the next person's inbox and takes it out of the last one's; the
// authorised signer, the reader whose turn it is and the lead unit's liaisons are named; a pool
// (office staff, leaders) reaches only those of it who may see the item; the counts equal the
// lists. On SQLite and PostgreSQL (MISHU_TEST_DB).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login } from '../lib/server.mjs';
import { openEvents } from '../lib/events.mjs';

const srv = await startServer({ demo: true });
after(async () => assert.equal(await srv.stop(), 0, srv.tail()));

const who = {};
for (const u of ['mishuke', 'liaison', 'liaison2', 'changwu', 'shuji', 'zuzhi', 'fushuji'])
  who[u] = await login(srv.url, u);
const step = (s, id, action, json = {}) => s.call('POST', `/api/v1/documents/${id}/actions/${action}`, { json });

// The inbox of S: {items, counts}; asserts the counts match the list.
async function inbox(s) {
  const r = await s.call('GET', '/api/v1/me/inbox');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.counts.total, r.body.items.length, 'the total counts the list');
  const kinds = {};
  for (const i of r.body.items) kinds[i.kind] = (kinds[i.kind] || 0) + 1;
  for (const [k, n] of Object.entries(kinds)) assert.equal(r.body.counts[k], n, `count of ${k}`);
  return r.body;
}
const has = async (s, id) => (await inbox(s)).items.find((i) => i.item_id === id);

test('an outgoing document moves from inbox to inbox: author, office, the authorised signer', async () => {
  let r = await who.liaison.call('POST', '/api/v1/documents', { json: {
    direction: 'outgoing', doc_type: '通知', series: '江委发', title: '关于加快推进重点项目建设的通知',
    domain: 'finance', main_to: ['fgw'], deadline: '2026-12-31', body: '各单位要加快推进重点项目建设。' } });
  assert.equal(r.status, 201, r.text);
  const id = r.body.id;
  let mine = await has(who.liaison, id);
  assert.ok(mine, 'the author finds the draft');
  assert.equal(mine.step, 'submit');
  assert.equal(mine.step_label, '送审');
  assert.equal(mine.due, '2026-12-31');
  assert.equal((await step(who.liaison, id, 'submit')).status, 200);
  assert.equal(await has(who.liaison, id), undefined, 'handed on: gone from the author');
  mine = await has(who.mishuke, id);
  assert.ok(mine && mine.steps.includes('review'), 'the office reviews it');
  assert.equal(await has(who.liaison2, id), undefined, 'another unit never sees it');
  assert.equal((await step(who.mishuke, id, 'review', { opinion: '核稿通过' })).status, 200);

  // the page and the API name who signs
  r = await who.mishuke.call('GET', `/api/v1/documents/${id}`);
  const signers = r.body.next_actors.filter((a) => a.step === 'sign').map((a) => a.username);
  assert.ok(signers.includes('changwu'), `the leader in charge of finance signs: ${signers}`);
  assert.ok(!signers.includes('zuzhi'));
  assert.ok(r.body.next_actors.some((a) => a.pool === 'staff' && a.name === '办公室工作人员'));
  mine = await has(who.changwu, id);
  assert.ok(mine && mine.steps.includes('sign'), 'the signer finds it in the inbox');
  assert.equal(await has(who.zuzhi, id), undefined, 'a leader who may not sign does not');
  assert.equal((await step(who.changwu, id, 'sign', { opinion: '同意' })).status, 200);
  assert.equal(await has(who.changwu, id), undefined, 'signed: gone');
  assert.ok((await has(who.mishuke, id)).steps.includes('recheck'));
});

test('an incoming document reaches the leaders it was proposed to, then the reader whose turn it is', async () => {
  let r = await who.mishuke.call('POST', '/api/v1/documents', { json: {
    direction: 'incoming', doc_type: '通知', title: '关于做好元旦春节期间安全生产工作的通知', domain: 'finance',
    body: '各地要做好元旦春节期间安全生产工作。', sender: '省政府办公厅' } });
  assert.equal(r.status, 201, r.text);
  const id = r.body.id;
  assert.ok((await has(who.mishuke, id)).steps.includes('check'), '待初审 in the office');
  assert.equal((await step(who.mishuke, id, 'check')).status, 200);
  assert.equal((await step(who.mishuke, id, 'propose')).status, 200);
  const proposed = (await who.mishuke.call('GET', `/api/v1/documents/${id}`)).body.proposal.leaders.map((l) => l.username);
  assert.ok(proposed.includes('changwu'), proposed);
  assert.ok((await has(who.changwu, id)).steps.includes('instruct'), 'a proposed leader is asked for a 批示');
  if (!proposed.includes('zuzhi'))
    assert.equal(await has(who.zuzhi, id), undefined, 'a leader it was not routed to does not see it');
  // once he has given his 批示 it is no longer waiting for him
  assert.equal((await step(who.changwu, id, 'instruct', { opinion: '请市应急管理局抓好落实。' })).status, 200);
  assert.equal(await has(who.changwu, id), undefined, 'instructed: gone from the leader\'s inbox');
  assert.ok((await has(who.mishuke, id)).steps.includes('assign'), 'the office is prompted to hand it on');
  // circulate in order: only the reader whose turn it is
  r = await step(who.mishuke, id, 'circulate', { mode: 'ordered', readers: ['fushuji', 'changwu'] });
  assert.equal(r.status, 200, r.text);
  assert.ok((await has(who.fushuji, id)).steps.includes('read'));
  assert.ok(!((await has(who.changwu, id))?.steps ?? []).includes('read'), 'not yet the second reader');
  assert.equal((await step(who.fushuji, id, 'read', { opinion: '已阅' })).status, 200);
  assert.ok((await has(who.changwu, id)).steps.includes('read'), 'now the second reader');
  assert.ok(!((await has(who.fushuji, id))?.steps ?? []).includes('read'));
});

test('a task is in the lead unit\'s inbox until it asks to close, then in the office\'s', async () => {
  let r = await who.mishuke.call('POST', '/api/v1/tasks', { json: {
    source: 'key_work', content: '编制明年重点项目投资计划', lead_unit: 'fgw', deadline_days: 10, domain: 'economy' } });
  assert.equal(r.status, 201, r.text);
  const id = r.body.id;
  assert.ok((await has(who.liaison, id)).steps.includes('accept'), 'the lead unit accepts');
  assert.equal(await has(who.liaison2, id), undefined);
  r = await who.mishuke.call('GET', `/api/v1/tasks/${id}`);
  assert.ok(r.body.next_actors.some((a) => a.username === 'liaison' && a.step === 'accept'));
  const t = (s, action, json = {}) => s.call('POST', `/api/v1/tasks/${id}/actions/${action}`, { json });
  assert.equal((await t(who.liaison, 'accept')).status, 200);
  assert.equal((await t(who.liaison, 'request_close', { opinion: '计划已编制完成并报送。' })).status, 200);
  assert.equal(await has(who.liaison, id), undefined, 'asked to close: nothing left for the unit');
  assert.ok((await has(who.mishuke, id)).steps.includes('verify'));
});

test('each handoff tells the people newly named, once, and not the one who acted', async () => {
  const notices = async (s, id) => (await s.call('GET', '/api/v1/notifications')).body.items
    .filter((n) => n.item_id === id && n.kind === 'work.todo');
  let r = await who.liaison.call('POST', '/api/v1/documents', { json: {
    direction: 'outgoing', doc_type: '通知', series: '江委发', title: '关于做好年底安全生产检查的通知',
    domain: 'finance', main_to: ['fgw'], body: '各单位要做好年底安全生产检查。' } });
  const id = r.body.id;
  assert.equal((await notices(who.liaison, id)).length, 0, 'the author is not told of their own draft');
  assert.equal((await step(who.liaison, id, 'submit')).status, 200);
  assert.equal((await step(who.mishuke, id, 'review', { opinion: '核稿通过' })).status, 200);
  const signer = await notices(who.changwu, id);
  assert.equal(signer.length, 1, 'the signer is told');
  assert.match(signer[0].text, /待办（签发）：关于做好年底安全生产检查的通知/);
  assert.equal((await notices(who.zuzhi, id)).length, 0);
  assert.equal((await step(who.changwu, id, 'sign', { opinion: '同意' })).status, 200);
  for (const s of ['recheck', 'number', 'print']) assert.equal((await step(who.mishuke, id, s)).status, 200, s);
  assert.equal((await step(who.mishuke, id, 'distribute')).status, 200);
  const got = (await who.liaison.call('GET', '/api/v1/notifications')).body.items
    .filter((n) => n.item_id === id && n.kind === 'docs.distributed');
  assert.equal(got.length, 1, 'the receiving unit is told');
  assert.equal((await who.liaison2.call('GET', '/api/v1/notifications')).body.items
    .filter((n) => n.item_id === id).length, 0, 'a unit it was not sent to is not');
  // a task: the lead unit is told at once
  r = await who.mishuke.call('POST', '/api/v1/tasks', { json: {
    source: 'key_work', content: '做好年底安全生产检查的督办', lead_unit: 'fgw', deadline_days: 5 } });
  assert.match((await notices(who.liaison, r.body.id))[0].text, /待办（签收）/);
});

// The header's 待办 count on a page of S (the layout's badge).
async function badge(s) {
  const r = await s.call('GET', '/documents');
  assert.equal(r.status, 200);
  const m = r.text.match(/data-inbox-count>(\d+)</);
  assert.ok(m, 'the header shows the count');
  return Number(m[1]);
}

test('each counter of the inbox opens exactly the list it counts', async () => {
  // a task due tomorrow (soon) for the lead unit
  const mk = (content, deadline) => who.mishuke.call('POST', '/api/v1/tasks', { json: {
    source: 'key_work', content, lead_unit: 'fgw', deadline } });
  const today = new Date();
  const iso = (d) => d.toISOString().slice(0, 10);
  const r = await mk('冬季供暖保障情况摸排', iso(new Date(today.getTime() + 86400e3)));
  assert.equal(r.status, 201, r.text);
  const all = await inbox(who.liaison);
  for (const key of ['late', 'soon', 'task', 'outgoing', 'incoming']) {
    const q = ['late', 'soon'].includes(key) ? `due=${key}` : `kind=${key}`;
    const f = await who.liaison.call('GET', `/api/v1/me/inbox?${q}`);
    assert.equal(f.status, 200, f.text);
    assert.equal(f.body.items.length, all.counts[key] ?? 0, `the list of ${q} has as many as its counter`);
    assert.deepEqual(f.body.counts, all.counts, 'the counts are of the whole inbox, whatever the filter');
    for (const it of f.body.items) {
      if (key === 'late' || key === 'soon') assert.equal(it.urgency, key);
      else assert.equal(it.kind, key);
    }
  }
  assert.ok(all.counts.soon >= 1, 'the task due tomorrow is due soon');
  // the page /inbox shows the same: its counters and a filtered list
  const page = await who.liaison.call('GET', '/inbox?kind=task');
  assert.equal(page.status, 200);
  const rows = page.text.match(/<tr data-item=/g) ?? [];
  assert.equal(rows.length, all.counts.task, 'the page lists the tasks counted');
  assert.match(page.text, new RegExp(`counter-inbox-task counter-active"><a href="/inbox\\?kind=task"[^>]*><span class="counter-count">${all.counts.task}<`));
  for (const bad of ['kind=nothing', 'due=tomorrow']) {
    const b = await who.liaison.call('GET', `/api/v1/me/inbox?${bad}`);
    assert.equal(b.status, 422, bad);
    assert.equal(b.body.error.field, bad.split('=')[0]);
  }
  assert.equal((await who.liaison.call('GET', '/inbox?due=tomorrow')).status, 422);
});

test('the header count follows the inbox, and a step tells only the people it concerns, live', async () => {
  const before = (await inbox(who.changwu)).counts.total;
  assert.equal(await badge(who.changwu), before, 'the badge equals the inbox');
  const zuzhiBefore = await badge(who.zuzhi);
  const signerStream = await openEvents(srv.url, who.changwu.cookie);
  const otherStream = await openEvents(srv.url, who.zuzhi.cookie);
  try {
    await signerStream.next((f) => f.event === 'hello');
    await otherStream.next((f) => f.event === 'hello');
    let r = await who.liaison.call('POST', '/api/v1/documents', { json: {
      direction: 'outgoing', doc_type: '通知', series: '江委发', title: '关于开展冬季消防安全大检查的通知',
      domain: 'finance', main_to: ['fgw'], body: '各单位要开展冬季消防安全大检查。' } });
    const id = r.body.id;
    assert.equal((await step(who.liaison, id, 'submit')).status, 200);
    assert.equal((await step(who.mishuke, id, 'review', { opinion: '核稿通过' })).status, 200);
    const ev = await signerStream.next((f) => f.event === 'inbox' && f.data?.item_id === id);
    assert.ok(ev.data.to.users.length >= 1, 'the event names whom it concerns');
    assert.equal(await badge(who.changwu), before + 1, 'the signer\'s header counts the new item');
    assert.equal((await inbox(who.changwu)).counts.total, before + 1);
    assert.equal(await badge(who.zuzhi), zuzhiBefore, 'a leader it does not concern keeps the count');
    // signing takes it out of the signer's count at once
    assert.equal((await step(who.changwu, id, 'sign', { opinion: '同意' })).status, 200);
    assert.equal(await badge(who.changwu), before, 'signed: the count falls back');
    // the unconcerned leader's stream never got this item's events
    await signerStream.next((f) => f.event === 'inbox' && f.data?.item_id === id);
    await assert.rejects(otherStream.next((f) => f.event === 'inbox' && f.data?.item_id === id, 500),
      /no matching frame/, 'no event for a leader the item does not concern');
  } finally {
    await signerStream.close();
    await otherStream.close();
  }
});

test('the inbox needs a sign-in', async () => {
  const r = await fetch(`${srv.url}/api/v1/me/inbox`);
  assert.equal(r.status, 401);
});
