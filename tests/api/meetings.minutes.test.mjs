// The approved 纪要 issued as an outgoing document through the documents' rules: numbered with
// the type's 期数 at once (the chair's approval stands for 签发), printed as a GB/T 9704 纪要
// with the attendance and a 分送 line, distributed to the chosen units and signed for there;
// once per meeting (also when two ask at the same time), never before approval, never by a
// leader, and a bad recipient loses nothing. SQLite and PostgreSQL.
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
const fgw = await login(srv.url, 'liaison');
const czj = await login(srv.url, 'liaison2');
const members = ['shuji', 'shizhang', 'fushuji', 'changwu', 'jiwei', 'zuzhi', 'mishuzhang', 'xuanchuan', 'zhengfa', 'tongzhan', 'junfenqu', 'fushizhang'];

const mpath = (id, rest = '') => `/api/v1/meetings/${id}${rest}`;
const step = (who, id, action, json = {}) => who.call('POST', mpath(id, `/actions/${action}`), { json });
const item = (who, id, n, action, json = {}) => who.call('POST', mpath(id, `/agenda/${n}/actions/${action}`), { json });
const issue = (who, id, json) => who.call('POST', mpath(id, '/minutes/document'), { json });
const docStep = (who, id, action) => who.call('POST', `/api/v1/documents/${id}/actions/${action}`, { json: {} });

// A 常委会 held with one passed item, adjourned; its minutes not yet approved.
let day = 4;
async function adjourned(title) {
  let r = await staff.call('POST', '/api/v1/meetings', { json: { type: 'changwei', title, starts_at: `2027-02-${String(day++).padStart(2, '0')}T09:00`, room: '市委第一会议室' } });
  assert.equal(r.status, 201, r.text);
  const m = r.body;
  r = await staff.call('POST', mpath(m.id, '/agenda'), { json: { title: '关于全市冬季供暖保障工作的汇报', domain: 'finance', observers: '市城管局局长' } });
  assert.equal(r.status, 201, r.text);
  const n = r.body.n;
  assert.equal((await item(changwu, m.id, n, 'consent')).status, 200);
  assert.equal((await item(shuji, m.id, n, 'approve')).status, 200);
  assert.equal((await step(staff, m.id, 'notify')).status, 200);
  for (const u of members.slice(0, 10)) assert.equal((await staff.call('POST', mpath(m.id, '/attendance'), { json: { username: u, status: 'present' } })).status, 200);
  assert.equal((await step(staff, m.id, 'open')).status, 200);
  for (const u of members.slice(0, 9)) assert.equal((await staff.call('POST', mpath(m.id, `/agenda/${n}/vote`), { json: { username: u, choice: 'agree' } })).status, 200);
  assert.equal((await item(staff, m.id, n, 'close')).status, 200);
  assert.equal((await step(shuji, m.id, 'adjourn')).status, 200);
  return m;
}

test('the approved 纪要 becomes a numbered outgoing document, prints with 分送, and is distributed and signed for by the documents\' rules', async () => {
  const m = await adjourned('市委常委会2027年第3次会议');
  let r = await issue(staff, m.id, { cc_to: ['fgw', 'czj'] });
  assert.equal(r.status, 409, 'not before the chair approves');
  assert.equal(r.body.error.code, 'not_allowed_now');
  r = await step(shuji, m.id, 'approve_minutes');
  assert.equal(r.status, 200, r.text);
  const no = r.body.minutes.no;
  assert.equal(r.body.minutes.document, null);

  assert.equal((await issue(changwu, m.id, { cc_to: ['fgw'] })).status, 403, 'the office issues the minutes');
  assert.equal((await issue(fgw, m.id, { cc_to: ['fgw'] })).status, 403);
  r = await issue(staff, m.id, {});
  assert.equal(r.status, 422, r.text);
  assert.equal(r.body.error.field, 'cc_to');
  r = await issue(staff, m.id, { cc_to: ['nowhere'] });
  assert.equal(r.status, 422, r.text);
  assert.equal(r.body.error.field, 'cc_to');
  r = await issue(staff, m.id, { cc_to: 'fgw' });
  assert.equal(r.status, 422, r.text);
  r = await issue(staff, m.id, { cc_to: Array.from({ length: 501 }, () => 'fgw') });
  assert.equal(r.status, 422, 'too many recipients');
  assert.equal(r.body.error.field, 'cc_to');
  r = await issue(staff, m.id, { cc_to: [{ name: '省'.repeat(201) }] });
  assert.equal(r.status, 422, 'a name too long');
  assert.equal(r.body.error.field, 'cc_to');
  r = await staff.call('POST', mpath(m.id, '/minutes/document'), { body: '{"cc_to": [', headers: { 'content-type': 'application/json' } });
  assert.equal(r.status, 400, 'malformed JSON');
  assert.equal((await staff.call('GET', mpath(m.id))).body.minutes.document, null, 'a refusal made nothing');

  r = await issue(staff, m.id, { cc_to: ['fgw', 'czj', { name: '省委办公厅秘书处' }] });
  assert.equal(r.status, 201, r.text);
  const doc = r.body;
  assert.equal(doc.direction, 'outgoing');
  assert.equal(doc.doc_type, '纪要');
  assert.equal(doc.title, '市委常委会2027年第3次会议纪要');
  assert.equal(doc.status, 'numbered');
  assert.equal(doc.number, `常委会纪要${no}`);
  assert.equal(doc.signer_name, '王建国', 'the chair approved it');
  assert.equal(doc.made_from, m.id);
  assert.match(doc.body, /会议同意该议题/);
  assert.deepEqual(doc.history.map((h) => h.action), ['create', 'issue']);
  assert.equal((await issue(staff, m.id, { cc_to: ['fgw'] })).status, 409, 'once per meeting');
  r = await staff.call('GET', mpath(m.id));
  assert.equal(r.body.minutes.document.id, doc.id);
  assert.equal(r.body.minutes.document.number, doc.number);

  const res = await fetch(`${srv.url}/api/v1/documents/${doc.id}/pdf`, { headers: { cookie: staff.cookie } });
  assert.equal(res.status, 200, res.status === 200 ? '' : await res.text());
  const file = join(mkdtempSync(join(tmpdir(), 'mishu-minutes-doc-')), 'minutes.pdf');
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const text = spawnSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
  for (const want of ['中共江城市委常委会纪要', no, '出席：王建国', '列席：市城管局局长', '分送：', '省委办公厅秘书处', '中共江城市委办公室'])
    assert.ok(text.includes(want), `the printed 纪要 shows ${want}: ${text}`);
  assert.ok(!text.includes('抄送'), 'a 纪要 is sent out, not copied');

  assert.equal((await fgw.call('GET', `/api/v1/documents/${doc.id}`)).status, 404, 'not before distribution');
  for (const a of ['print', 'distribute']) {
    r = await docStep(staff, doc.id, a);
    assert.equal(r.status, 200, `${a}: ${r.text}`);
  }
  assert.equal(r.body.status, 'distributed');
  r = await fgw.call('GET', `/api/v1/documents/${doc.id}`);
  assert.equal(r.status, 200, 'a recipient unit reads it');
  assert.deepEqual(r.body.actions, ['receive']);
  assert.equal((await docStep(fgw, doc.id, 'receive')).status, 200);
  assert.equal((await czj.call('GET', `/api/v1/documents/${doc.id}`)).status, 200);
});

test('the step that registers a made document is refused for an ordinary draft', async () => {
  const r = await staff.call('POST', '/api/v1/documents', { json: { direction: 'outgoing', doc_type: '通知', series: '江委办发', title: '关于做好元旦期间值班工作的通知', body: '各单位：请做好值班安排。', main_to: ['fgw'] } });
  assert.equal(r.status, 201, r.text);
  assert.ok(!r.body.actions.includes('issue'), 'not offered');
  const x = await docStep(staff, r.body.id, 'issue');
  assert.equal(x.status, 409, x.text);
  assert.equal((await staff.call('GET', `/api/v1/documents/${r.body.id}`)).body.status, 'draft');
});

test('two clerks issuing the same minutes at once make one document', async () => {
  const m = await adjourned('市委常委会2027年第4次会议');
  assert.equal((await step(shuji, m.id, 'approve_minutes')).status, 200);
  const other = await login(srv.url, 'mishuke');
  const both = await Promise.all([issue(staff, m.id, { cc_to: ['fgw'] }), issue(other, m.id, { cc_to: ['czj'] })]);
  assert.deepEqual(both.map((r) => r.status).sort(), [201, 409], both.map((r) => r.text).join('\n'));
  const r = await staff.call('GET', '/api/v1/documents?direction=outgoing&doc_type=纪要');
  assert.equal(r.body.items.filter((d) => d.title === '市委常委会2027年第4次会议纪要').length, 1);
});
