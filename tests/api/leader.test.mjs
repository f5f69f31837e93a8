// The leader's view of an incoming document through a real `mishu serve` on the demo city: the
// 文件处理笺 printed as a PDF (来文 facts, the office's 拟办意见, the 批示 in order, the 传阅
// record; read back with pdftotext), a 批示 by the reader whose turn it is completing the reading
// in one step (also_read), and each leader's ready-made 批示 phrases (GET|PUT /api/v1/me/phrases:
// defaults, own list, bad input). On SQLite and PostgreSQL (MISHU_TEST_DB).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, login } from '../lib/server.mjs';
import { registerIncoming, docStep } from '../lib/work.mjs';

const srv = await startServer({ demo: true });
after(async () => assert.equal(await srv.stop(), 0, srv.tail()));
const staff = await login(srv.url, 'mishuke');
const changwu = await login(srv.url, 'changwu');
const fushuji = await login(srv.url, 'fushuji');

const incoming = (title) => registerIncoming(staff, { title, copies: 2, sender_number: '省府办发〔2026〕41号' });
const step = docStep;

test('the 文件处理笺 prints the facts, the 拟办, the 批示 in order and the 传阅 record', async () => {
  const id = await incoming('关于做好今冬明春森林防灭火工作的通知');
  assert.equal((await step(staff, id, 'check')).status, 200);
  assert.equal((await step(staff, id, 'propose', { opinion: '拟请国平同志阅示，市应急管理局抓好落实。' })).status, 200);
  assert.equal((await step(changwu, id, 'instruct', { opinion: '请市应急管理局牵头，认真抓好落实。', requirements: '12月20日前报送落实情况' })).status, 200);
  assert.equal((await step(staff, id, 'circulate', { mode: 'ordered', readers: ['fushuji'] })).status, 200);
  assert.equal((await step(fushuji, id, 'read', { opinion: '同意国平同志意见。' })).status, 200);

  const r = await fetch(`${srv.url}/documents/${id}/sheet.pdf`, { headers: { cookie: staff.cookie } });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  assert.match(decodeURIComponent(r.headers.get('content-disposition')), /filename\*=UTF-8''收〔2026〕\d+号 关于做好今冬明春森林防灭火工作的通知 文件处理笺\.pdf/);
  const file = join(mkdtempSync(join(tmpdir(), 'mishu-sheet-')), 'sheet.pdf');
  writeFileSync(file, Buffer.from(await r.arrayBuffer()));
  const text = spawnSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
  for (const want of ['中共江城市委办公室文件处理笺', '来文机关', '省政府办公厅', '省府办发〔2026〕41号',
    '拟办意见', '拟请国平同志阅示', '陈静', '领导批示', '请市应急管理局牵头，认真抓好落实。', '要求：12月20日前报送落实情况',
    '孙国平', '传阅情况', '李明华', '已阅', '同意国平同志意见。', '办理结果'])
    assert.ok(text.includes(want), `the sheet shows ${want}`);
  assert.ok(text.indexOf('拟办意见') < text.indexOf('领导批示') && text.indexOf('领导批示') < text.indexOf('传阅情况'),
    '拟办 first, then 批示, then 传阅');

  // the page shows it first, with the print link
  const page = await staff.call('GET', `/documents/${id}`);
  assert.ok(page.text.indexOf('doc-sheet') < page.text.indexOf('doc-text'), 'the sheet comes before the text');
  assert.match(page.text, new RegExp(`href="/documents/${id}/sheet.pdf"`));
  // an outgoing document has none; a stranger cannot print it
  const out = await staff.call('POST', '/api/v1/documents', { json: { direction: 'outgoing', doc_type: '通知',
    series: '江委发', title: '关于印发工作要点的通知', domain: 'finance', main_to: ['fgw'], body: '现印发给你们。' } });
  assert.equal((await fetch(`${srv.url}/documents/${out.body.id}/sheet.pdf`, { headers: { cookie: staff.cookie } })).status, 409);
  const liaison2 = await login(srv.url, 'liaison2');
  assert.equal((await fetch(`${srv.url}/documents/${id}/sheet.pdf`, { headers: { cookie: liaison2.cookie } })).status, 404);
});

test('a 批示 by the reader whose turn it is also completes the reading (also_read)', async () => {
  const id = await incoming('关于进一步加强冬季安全生产工作的通知');
  assert.equal((await step(staff, id, 'check')).status, 200);
  assert.equal((await step(staff, id, 'propose')).status, 200);
  assert.equal((await step(staff, id, 'circulate', { mode: 'ordered', readers: ['changwu', 'fushuji'] })).status, 200);
  // a leader who is not the present reader: the 批示 alone, the reading untouched
  let r = await step(fushuji, id, 'instruct', { opinion: '请国平同志阅处。', also_read: true });
  assert.equal(r.status, 200, r.text);
  let doc = (await staff.call('GET', `/api/v1/documents/${id}`)).body;
  assert.equal(doc.readers.find((x) => x.username === 'fushuji').read_at, null, 'not his turn: not read');
  // the present reader: 批示 and 阅毕 in one step; the document passes to the next reader
  r = await step(changwu, id, 'instruct', { opinion: '同意，请市应急管理局抓好落实。', also_read: true });
  assert.equal(r.status, 200, r.text);
  doc = (await staff.call('GET', `/api/v1/documents/${id}`)).body;
  assert.ok(doc.readers.find((x) => x.username === 'changwu').read_at > 0, 'read with the 批示');
  assert.equal(doc.holder_username, 'fushuji', 'passed on to the next reader');
  assert.deepEqual(doc.history.slice(-2).map((h) => h.action), ['instruct', 'read']);
  // without also_read the reader still holds it
  const id2 = await incoming('关于做好春运期间交通安全工作的通知');
  for (const s of ['check', 'propose']) assert.equal((await step(staff, id2, s)).status, 200);
  assert.equal((await step(staff, id2, 'circulate', { mode: 'ordered', readers: ['changwu'] })).status, 200);
  assert.equal((await step(changwu, id2, 'instruct', { opinion: '阅。' })).status, 200);
  doc = (await staff.call('GET', `/api/v1/documents/${id2}`)).body;
  assert.equal(doc.holder_username, 'changwu', 'a 批示 alone leaves the reading to do');
});

test('each leader keeps ready-made 批示 phrases; the form fills ×× with the routed leaders', async () => {
  let r = await changwu.call('GET', '/api/v1/me/phrases');
  assert.equal(r.status, 200);
  assert.equal(r.body.custom, false);
  assert.ok(r.body.phrases.includes('同意。') && r.body.phrases.includes('请××同志阅示。'), 'the defaults');
  r = await changwu.call('PUT', '/api/v1/me/phrases', { json: { phrases: ['  请××同志牵头，抓紧研究。 ', '', '已阅，同意。'] } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.phrases, ['请××同志牵头，抓紧研究。', '已阅，同意。']);
  assert.equal(r.body.custom, true);
  // the form on a document routed to 孙国平 and another leader offers the other one by name
  const id = await incoming('关于做好年度财政决算工作的通知');
  for (const s of ['check', 'propose']) assert.equal((await step(staff, id, s)).status, 200);
  const page = await changwu.call('GET', `/documents/${id}`);
  assert.match(page.text, /data-phrase="已阅，同意。"/);
  assert.doesNotMatch(page.text, /data-phrase="同意。"/, 'his own list replaces the defaults');
  // bad input: too many, too long, not a list; staff may not keep phrases
  for (const phrases of [Array(21).fill('同意。'), ['长'.repeat(201)], '同意。', [3]]) {
    r = await changwu.call('PUT', '/api/v1/me/phrases', { json: { phrases } });
    assert.equal(r.status, 422, JSON.stringify(phrases).slice(0, 40));
    assert.equal(r.body.error.field, 'phrases');
  }
  assert.deepEqual((await changwu.call('GET', '/api/v1/me/phrases')).body.phrases.length, 2, 'nothing lost');
  assert.equal((await staff.call('GET', '/api/v1/me/phrases')).status, 403);
  // [] brings back the defaults
  r = await changwu.call('PUT', '/api/v1/me/phrases', { json: { phrases: [] } });
  assert.equal(r.body.custom, false);
});
