// Workflows as data (src/work/flow*.c) through a real `mishu serve` on the demo city: the stored,
// versioned definitions; a new version of the outgoing workflow with a 会签 state that a new
// document must pass while a document already in flight finishes under the old one; every kind
// of invalid definition refused with a 422 that names it; one 批示 path for the step and for
// POST /api/v1/instructions; refusals in words. On SQLite and PostgreSQL (MISHU_TEST_DB).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, rawSql } from '../lib/server.mjs';

const srv = await startServer({ demo: true, env: { MISHU_JOB_INTERVAL_MS: '200' } });
after(async () => assert.equal(await srv.stop(), 0, srv.tail()));

const staff = await login(srv.url, 'mishuke');
const secadmin = await login(srv.url, 'secadmin');
const liaison = await login(srv.url, 'liaison');
const changwu = await login(srv.url, 'changwu'); // in charge of finance: signs 江委发 on finance
const step = (who, id, action, json = {}) => who.call('POST', `/api/v1/documents/${id}/actions/${action}`, { json });
const put = (who, code, json, headers) => who.call('PUT', `/api/v1/workflows/${code}`, { json, headers });

// An outgoing draft by the liaison, submitted and reviewed; returns its id.
async function reviewed() {
  const r = await liaison.call('POST', '/api/v1/documents', { json: {
    direction: 'outgoing', doc_type: '通知', series: '江委发', title: '关于做好年终财政收支工作的通知',
    domain: 'finance', main_to: ['fgw'], body: '各单位要做好年终财政收支工作，确保资金安全。' } });
  assert.equal(r.status, 201, r.text);
  assert.equal((await step(liaison, r.body.id, 'submit')).status, 200);
  assert.equal((await step(staff, r.body.id, 'review', { opinion: '核稿通过' })).status, 200);
  return r.body.id;
}

// The current outgoing definition, to change.
async function outgoing() {
  const r = await staff.call('GET', '/api/v1/workflows/outgoing');
  assert.equal(r.status, 200, r.text);
  return r.body;
}

test('every module\'s workflow is listed, stored and readable', async () => {
  const r = await staff.call('GET', '/api/v1/workflows');
  assert.equal(r.status, 200, r.text);
  const codes = r.body.items.map((w) => w.code);
  for (const c of ['incoming', 'outgoing', 'task']) assert.ok(codes.includes(c), `${c} in ${codes}`);
  const out = await outgoing();
  assert.equal(out.code, 'outgoing');
  assert.ok(out.version >= 1);
  assert.equal(out.initial, 'draft');
  assert.ok(out.states.some((s) => s.code === 'reviewed' && s.label.zh === '待签发'));
  const sign = out.steps.find((s) => s.code === 'sign');
  assert.deepEqual(sign.from, ['reviewed', 'cosigned']);
  assert.equal(sign.to, 'signed');
  assert.deepEqual(sign.who, ['docs.signer']);
  assert.equal((await staff.call('GET', '/api/v1/workflows/nosuch')).status, 404);
  assert.equal((await staff.call('GET', '/api/v1/workflows/outgoing?version=9x')).status, 422);
  assert.equal((await staff.call('GET', '/api/v1/workflows/outgoing?version=999')).status, 404);
  // only the security administrator changes a workflow
  assert.equal((await put(staff, 'outgoing', out)).status, 403);
  assert.equal((await put(liaison, 'outgoing', out)).status, 403);
});

test('a new 会签 state: a new document passes it, one in flight finishes under its version', async () => {
  const before = await reviewed(); // under the version in force now
  const def = await outgoing();
  const v1 = def.version;
  def.states.splice(def.states.findIndex((s) => s.code === 'cosigned') + 1, 0,
    { code: 'office_cosigned', type: 'waiting', label: { zh: '办公厅已会签', en: 'Cosigned by the office' } });
  def.steps.push({ code: 'office_cosign', from: ['reviewed'], to: 'office_cosigned',
    label: { zh: '办公厅会签', en: 'Office cosignature' }, who: ['staff'], opinion: { min: 2, max: 500, prompt: 'text' } });
  def.steps.find((s) => s.code === 'sign').from = ['office_cosigned', 'cosigned'];
  def.steps.find((s) => s.code === 'return').from.push('office_cosigned');
  let r = await put(secadmin, 'outgoing', def);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.version, v1 + 1);
  assert.ok(r.body.states.some((s) => s.code === 'office_cosigned'));

  // in flight: still signed straight from 待签发 under the old version
  let doc = await changwu.call('GET', `/api/v1/documents/${before}`);
  assert.ok(doc.body.actions.includes('sign'), JSON.stringify(doc.body.actions));
  r = await step(changwu, before, 'sign', { opinion: '同意' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'signed');

  // new: 签发 waits for the office's 会签
  const after2 = await reviewed();
  doc = await staff.call('GET', `/api/v1/documents/${after2}`);
  assert.ok(doc.body.actions.includes('office_cosign'), JSON.stringify(doc.body.actions));
  r = await step(changwu, after2, 'sign', { opinion: '同意' });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.error.code, 'not_allowed_now');
  assert.match(r.body.error.message, /待签发/, 'the present state is named');
  r = await step(staff, after2, 'office_cosign', { opinion: '' });
  assert.equal(r.status, 422, 'the definition asks for an opinion');
  assert.equal(r.body.error.field, 'opinion');
  r = await step(staff, after2, 'office_cosign', { opinion: '办公厅同意' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'office_cosigned');
  r = await step(changwu, after2, 'sign', { opinion: '同意' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'signed');
  assert.deepEqual(r.body.history.map((h) => h.action), ['create', 'submit', 'review', 'office_cosign', 'sign']);

  const versions = await staff.call('GET', '/api/v1/workflows/outgoing/versions');
  assert.equal(versions.status, 200);
  assert.deepEqual(versions.body.items.slice(0, 2).map((v) => v.version), [v1 + 1, v1]);
  assert.equal(versions.body.items[0].created_by, 'secadmin');
  assert.ok(versions.body.items[0].items >= 1 && versions.body.items[1].items >= 1);
  const old = await staff.call('GET', `/api/v1/workflows/outgoing?version=${v1}`);
  assert.ok(!old.body.states.some((s) => s.code === 'office_cosigned'), 'the old version is kept as it was');
  const audit = rawSql(srv.db, "SELECT count(*) FROM audit WHERE action = 'workflow.update' AND object_id = 'outgoing'");
  assert.equal(audit.status, 0, audit.stderr);
  assert.ok(Number(audit.stdout.trim()) >= 1, 'the change is audited');
});

test('every kind of invalid definition is refused with a 422 that names it, and nothing is stored', async () => {
  const base = await outgoing();
  const cases = [
    ['an unreachable state', (d) => d.states.push({ code: 'orphan', type: 'open', label: { zh: '孤立' } }), /orphan/],
    ['a dead end', (d) => {
      d.states.push({ code: 'stuck', type: 'open', label: { zh: '停滞' } });
      d.steps.push({ code: 'park', from: ['draft'], to: 'stuck', label: { zh: '搁置' }, who: ['staff'] });
    }, /stuck/],
    ['a step nobody may take', (d) => { d.steps.find((s) => s.code === 'print').who = []; }, /print/],
    ['an unknown actor', (d) => { d.steps.find((s) => s.code === 'print').who = ['janitor']; }, /janitor/],
    ['an unknown hook', (d) => { d.steps.find((s) => s.code === 'print').hooks = ['docs.teleport']; }, /docs\.teleport/],
    ['an unknown state in a step', (d) => { d.steps.find((s) => s.code === 'print').to = 'nowhere'; }, /nowhere/],
    ['a duplicate state', (d) => d.states.push({ ...d.states[0] }), /draft/],
    ['an initial state that is not a state', (d) => { d.initial = 'limbo'; }, /initial|初始/],
    ['a bad deadline', (d) => { d.states[1].deadline = { working_days: 0 }; }, /submitted/],
    ['a state without a type', (d) => { delete d.states[2].type; }, /reviewed/],
    ['another workflow\'s code', (d) => { d.code = 'incoming'; }, /outgoing/],
  ];
  for (const [what, change, names] of cases) {
    const d = structuredClone(base);
    change(d);
    const r = await put(secadmin, 'outgoing', d);
    assert.equal(r.status, 422, `${what}: ${r.text}`);
    assert.equal(r.body.error.code, 'invalid_workflow', what);
    assert.match(r.body.error.message, names, `${what}: ${r.body.error.message}`);
  }
  // removing a state that documents occupy now
  const busy = await liaison.call('POST', '/api/v1/documents', { json: {
    direction: 'outgoing', doc_type: '通知', series: '江委发', title: '关于开展安全生产检查的通知',
    domain: 'finance', main_to: ['fgw'], body: '各单位要开展安全生产大检查。' } });
  assert.equal((await step(liaison, busy.body.id, 'submit')).status, 200);
  const d = structuredClone(base);
  d.states = d.states.filter((s) => s.code !== 'submitted');
  d.steps = d.steps.filter((s) => s.code !== 'review');
  for (const s of d.steps) s.from = s.from.filter((f) => f !== 'submitted');
  d.steps.find((s) => s.code === 'submit').to = 'reviewed';
  d.steps = d.steps.filter((s) => s.from.length > 0);
  let r = await put(secadmin, 'outgoing', d);
  assert.equal(r.status, 422, r.text);
  assert.match(r.body.error.message, /submitted/);
  // in English on request
  r = await put(secadmin, 'outgoing', { ...structuredClone(base), initial: 'limbo' }, { 'accept-language': 'en' });
  assert.equal(r.status, 422);
  assert.match(r.body.error.message, /initial state/);
  // not a definition at all
  assert.equal((await put(secadmin, 'outgoing', [1, 2])).status, 422);
  assert.equal((await put(secadmin, 'outgoing', { states: 'many' })).status, 422);
  assert.equal((await secadmin.call('PUT', '/api/v1/workflows/outgoing', { body: '{"states":', headers: { 'content-type': 'application/json' } })).status, 400);
  assert.equal((await outgoing()).version, base.version, 'nothing was stored');
});

test('two changes at once get two versions or a conflict, never the same version twice', async () => {
  const base = await outgoing();
  const rs = await Promise.all([1, 2, 3].map((n) => {
    const d = structuredClone(base);
    d.name.en = `Outgoing document ${n}`;
    return put(secadmin, 'outgoing', d);
  }));
  for (const r of rs) assert.ok([200, 409].includes(r.status), r.text);
  const made = rs.filter((r) => r.status === 200).map((r) => r.body.version);
  assert.ok(made.length >= 1);
  assert.equal(new Set(made).size, made.length, `versions ${made}`);
});

test('one 批示 path: the step and POST /api/v1/instructions check alike and move the document alike', async () => {
  const shuji = await login(srv.url, 'shuji');
  const incoming = async () => {
    const r = await staff.call('POST', '/api/v1/documents', { json: {
      direction: 'incoming', doc_type: '通知', title: '关于做好冬季安全生产工作的通知', domain: 'petition',
      body: '做好冬季安全生产工作。', sender: '中共某省委办公厅', origin: 'higher' } });
    assert.equal(r.status, 201, r.text);
    assert.equal((await step(staff, r.body.id, 'check')).status, 200);
    assert.equal((await step(staff, r.body.id, 'propose')).status, 200);
    return r.body.id;
  };
  const long = '要'.repeat(2001);
  const a = await incoming(), b = await incoming();
  // the same limits
  let r = await step(shuji, a, 'instruct', { opinion: '请阅办。', requirements: long });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'requirements');
  r = await shuji.call('POST', '/api/v1/instructions', { json: { item_id: b, text: '请阅办。', requirements: long } });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'requirements');
  r = await shuji.call('POST', '/api/v1/instructions', { json: { item_id: b, text: '请阅办。', given_on: '2026-02-30' } });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'given_on');
  // the same effect: 已拟办 → 已批示, history and the instruction kept
  r = await step(shuji, a, 'instruct', { opinion: '请市信访局牵头办理。', given_on: '2026-11-30' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'instructed');
  r = await shuji.call('POST', '/api/v1/instructions', { json: { item_id: b, text: '请市信访局牵头办理。', given_on: '2026-11-30' } });
  assert.equal(r.status, 201, r.text);
  const docA = (await staff.call('GET', `/api/v1/documents/${a}`)).body;
  const docB = (await staff.call('GET', `/api/v1/documents/${b}`)).body;
  assert.equal(docB.status, 'instructed', 'the API path moves the document as the step does');
  for (const d of [docA, docB]) {
    assert.equal(d.instructions.length, 1);
    assert.equal(d.instructions[0].given_on, '2026-11-30');
    const h = d.history.at(-1);
    assert.deepEqual([h.action, h.from_status, h.to_status], ['instruct', 'proposed', 'instructed']);
  }
  // a later 批示 leaves the state alone, on either path
  r = await shuji.call('POST', '/api/v1/instructions', { json: { item_id: b, text: '抓紧办理。' } });
  assert.equal(r.status, 201, r.text);
  assert.equal((await staff.call('GET', `/api/v1/documents/${b}`)).body.status, 'instructed');
  // who may not, in words
  r = await step(staff, a, 'instruct', { opinion: '代批' });
  assert.equal(r.status, 403);
  assert.match(r.body.error.message, /领导/);
});

test('a state with a deadline in working hours reminds the author and those it went to', async () => {
  const def = await outgoing();
  def.states.find((s) => s.code === 'submitted').deadline = { working_hours: 4 };
  let r = await put(secadmin, 'outgoing', def);
  assert.equal(r.status, 200, r.text);
  r = await liaison.call('POST', '/api/v1/documents', { json: {
    direction: 'outgoing', doc_type: '通知', series: '江委发', title: '关于报送年度工作总结的通知',
    domain: 'finance', main_to: ['fgw'], body: '请于月底前报送年度工作总结。' } });
  const id = r.body.id;
  assert.equal((await step(liaison, id, 'submit')).status, 200);
  const due = rawSql(srv.db, `SELECT state_due_at - state_since, state_due_at FROM item WHERE id = ${id}`);
  assert.equal(due.status, 0, due.stderr);
  const [span] = due.stdout.trim().split('|').map(Number);
  assert.ok(span >= 4 * 3600, `4 working hours take at least 4 hours: ${span}`);
  const job = rawSql(srv.db, `SELECT count(*) FROM job WHERE kind = 'work.state_due'`);
  assert.equal(job.status, 0, job.stderr);
  assert.ok(Number(job.stdout.trim()) >= 1, 'the reminder is queued');
  // the deadline passes (the job is made due now): the author is told once, the history says so
  assert.equal(rawSql(srv.db, "UPDATE job SET run_at = 0 WHERE kind = 'work.state_due' AND done_at IS NULL").status, 0);
  let told = [];
  for (let i = 0; i < 50 && told.length === 0; i++) {
    await new Promise((ok) => setTimeout(ok, 200));
    const n = await liaison.call('GET', '/api/v1/notifications');
    told = n.body.items.filter((x) => x.kind === 'work.overdue' && x.item_id === id);
  }
  assert.equal(told.length, 1, 'the author is reminded');
  assert.match(told[0].text, /待核稿/);
  const doc = await staff.call('GET', `/api/v1/documents/${id}`);
  assert.equal(doc.body.history.at(-1).action, 'overdue');
  assert.equal(doc.body.status, 'submitted', 'a reminder does not move the document');
});
