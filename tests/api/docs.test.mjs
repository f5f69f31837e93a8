// Official documents through two real `mishu serve` processes on one database (the demo city):
// the incoming flow (register → check → propose → instruct → assign → circulate → read →
// complete → archive), the outgoing flow (draft → submit → review → cosign → sign → recheck →
// number → print → distribute → archive, and void), the authorised signer, gapless numbers under
// concurrency across both processes, the refusal of classified markings, search that respects
// visibility, attachments, and the GB/T 9704 PDF. On SQLite and PostgreSQL (MISHU_TEST_DB).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, login, api, rawSql } from '../lib/server.mjs';

const a = await startServer({ demo: true });
const b = await startServer({ db: a.db, init: false });
const dir = mkdtempSync(join(tmpdir(), 'mishu-docs-'));
after(async () => {
  assert.equal(await b.stop(), 0, b.tail());
  assert.equal(await a.stop(), 0, a.tail());
  rmSync(dir, { recursive: true, force: true });
});

const staff = await login(a.url, 'mishuke');
const step = (who, id, action, json = {}) => who.call('POST', `/api/v1/documents/${id}/actions/${action}`, { json });
// the year in Shanghai, from the parts (a Node without full ICU formats every locale as en-US)
const year = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date());

// An outgoing draft by WHO in SERIES, submitted; returns its id.
async function draft(who, fields = {}) {
  const r = await who.call('POST', '/api/v1/documents', { json: {
    direction: 'outgoing', doc_type: '通知', series: '江委发', title: '关于加强财政资金监管的通知',
    domain: 'finance', main_to: ['fgw', 'czj'], cc_to: ['szfb'], disclosure: 'none',
    body: '一、总体要求\n各单位要加强财政资金监管。\n（一）明确责任\n1. 建立台账。\n（1）按月报送。', ...fields } });
  assert.equal(r.status, 201, r.text);
  return r.body.id;
}

test('an incoming document from the higher committee goes from registration to the archive', async () => {
  let r = await staff.call('POST', '/api/v1/documents', { json: {
    direction: 'incoming', doc_type: '通知', title: '关于做好岁末年初信访工作的通知', domain: 'petition',
    body: '各地要做好岁末年初信访工作，及时化解矛盾纠纷。', sender: '中共某省委办公厅',
    sender_number: '省委办发〔2026〕40号', copies: 3, received_on: `${year}-11-02`, origin: 'higher', urgency: '加急' } });
  assert.equal(r.status, 201, r.text);
  const id = r.body.id;
  assert.equal(r.body.status, 'registered');
  assert.match(r.body.reg_number, new RegExp(`^收〔${year}〕\\d+号$`));
  assert.equal(r.body.urgency, 'urgent');
  assert.equal(r.body.secrecy, 'internal');
  assert.deepEqual(r.body.history.map((h) => h.action), ['register']);

  assert.equal((await step(staff, id, 'propose')).status, 409, 'propose before 初审');
  r = await step(staff, id, 'check', { opinion: '文件齐全' });
  assert.equal(r.status, 200, r.text);
  r = await step(staff, id, 'propose', { opinion: '拟请各位常委阅' });
  assert.equal(r.status, 200, r.text);
  const leaders = await staff.call('GET', '/api/v1/org/leaders');
  assert.equal(r.body.proposal.leaders.length, 12, 'a higher-committee document goes to every 常委');
  assert.deepEqual(r.body.proposal.leaders.map((l) => l.id).sort(), leaders.body.items.map((l) => l.id).sort());
  assert.ok(r.body.proposal.why.some((w) => w.includes('上级党委来文送全体常委')));

  const shuji = await login(a.url, 'shuji');
  assert.equal((await shuji.call('GET', `/api/v1/documents/${id}`)).body.actions.includes('instruct'), true);
  r = await step(shuji, id, 'instruct', { opinion: '请政法委牵头抓好落实。', requirements: '月底前报送情况' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'instructed');
  assert.equal(r.body.instructions[0].text, '请政法委牵头抓好落实。');
  assert.equal((await step(staff, id, 'instruct', { opinion: '代批' })).status, 403, 'only leaders instruct');

  r = await step(staff, id, 'assign', { unit: 'xfj', deadline: `${year}-12-20` });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.handler_unit, 'xfj');
  r = await step(staff, id, 'circulate', { readers: ['shizhang', 'fushuji'], mode: 'ordered' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.holder_name, '赵立新');
  // a reader who holds it past the configured working hours gets one reminder
  const sentAt = r.body.readers[0].sent_at;
  const remind = (now) => api(a.url, 'POST', '/api/v1/_test/docs_remind', { json: { now } });
  let policy = await staff.call('GET', '/api/v1/documents/policy');
  assert.deepEqual(policy.body, { remind_hours: 8 });
  assert.equal((await staff.call('PUT', '/api/v1/documents/policy', { json: { remind_hours: 0 } })).status, 422);
  policy = await staff.call('PUT', '/api/v1/documents/policy', { json: { remind_hours: 16 } });
  assert.deepEqual(policy.body, { remind_hours: 16 });
  assert.equal((await remind(sentAt + 60)).body.sent, 0, 'not yet');
  assert.equal((await remind(sentAt + 7 * 86400)).body.sent, 1);
  assert.equal((await remind(sentAt + 8 * 86400)).body.sent, 0, 'once');
  const holder = await login(a.url, 'shizhang');
  const inbox = await holder.call('GET', '/api/v1/notifications');
  assert.ok(inbox.body.items.some((n) => n.item_id === id && n.kind === 'docs.remind'));
  const second = await login(a.url, 'fushuji');
  assert.equal((await step(second, id, 'read')).status, 403, 'not their turn yet');
  const first = await login(b.url, 'shizhang');
  const mine = await first.call('GET', '/api/v1/documents?mine=1');
  assert.ok(mine.body.items.some((d) => d.id === id), 'waiting for the holder');
  r = await step(first, id, 'read', { opinion: '已阅' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'circulating');
  assert.equal(r.body.holder_name, '李明华');
  const board = await staff.call('GET', '/api/v1/documents/board');
  assert.ok(board.body.items.some((x) => x.id === id && x.reader_name === '李明华'));
  r = await step(second, id, 'read');
  assert.equal(r.body.status, 'circulated');
  assert.equal(r.body.readers.every((x) => x.read_at > 0), true);
  r = await step(staff, id, 'chase', { opinion: '请加快办理' });
  assert.equal(r.status, 200);
  r = await step(staff, id, 'complete', { opinion: '已落实' });
  assert.equal(r.body.status, 'completed');
  r = await step(staff, id, 'archive');
  assert.equal(r.body.status, 'archived');
  assert.deepEqual(r.body.history.map((h) => h.action),
    ['register', 'check', 'propose', 'instruct', 'assign', 'circulate', 'read', 'read', 'chase', 'complete', 'archive']);
  assert.ok(r.body.history.every((h) => h.who && h.when > 0));
  assert.deepEqual(r.body.actions, []);
  const audit = rawSql(a.db, `SELECT count(*) FROM audit WHERE object_kind = 'document' AND object_id = '${id}'`);
  assert.equal(audit.stdout.trim(), '11', 'one audit entry per step taken (refused steps change nothing)');
});

test('an outgoing document from draft to archive, signed only by the authorised signer', async () => {
  const liaison = await login(a.url, 'liaison');
  const id = await draft(liaison);
  let r = await step(liaison, id, 'submit');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'submitted');
  assert.equal((await step(liaison, id, 'review')).status, 403, 'the office reviews');
  r = await step(staff, id, 'review', { opinion: '核稿通过' });
  assert.equal(r.status, 200, r.text);
  r = await step(staff, id, 'request_cosign', { units: ['czj'] });
  assert.equal(r.status, 200, r.text);
  const czj = await login(a.url, 'liaison2');
  r = await step(czj, id, 'cosign', { opinion: '同意' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'cosigned');

  // 江委发 is a committee series: the 书记 or a leader in charge of finance signs; nobody else
  for (const who of ['zuzhi', 'mishuke', 'liaison']) {
    const s = await login(a.url, who);
    const refused = await step(s, id, 'sign', { opinion: '同意' });
    assert.ok([403, 404].includes(refused.status), `${who}: ${refused.status}`);
  }
  const zuzhi = await login(a.url, 'zuzhi');
  assert.equal((await step(zuzhi, id, 'sign')).status, 404, 'an unauthorised leader does not even see it');
  const changwu = await login(a.url, 'changwu');
  const seen = await changwu.call('GET', `/api/v1/documents/${id}`);
  assert.deepEqual(seen.body.actions, ['sign']);
  r = await step(changwu, id, 'sign', { opinion: '同意印发' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.signer_name, '孙国平');
  assert.equal(r.body.sign_opinion, '同意印发');
  assert.match(r.body.signed_on, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal((await step(staff, id, 'number')).status, 409, 'numbered only after 复核');
  for (const a2 of ['recheck', 'number', 'print', 'distribute']) {
    r = await step(staff, id, a2);
    assert.equal(r.status, 200, `${a2}: ${r.text}`);
  }
  assert.match(r.body.number, new RegExp(`^江委发〔${year}〕[1-9]\\d*号$`));
  assert.equal(r.body.status, 'distributed');
  // the principal and copied units receive it
  assert.equal((await czj.call('GET', `/api/v1/documents/${id}`)).status, 200);
  const szfb = await login(a.url, 'lianluo_szfb');
  assert.ok((await szfb.call('GET', '/api/v1/documents?direction=incoming')).body.items.some((d) => d.id === id),
    'a distributed document is in the receiving unit\'s incoming list');
  const jyj = await login(a.url, 'lianluo_jyj');
  assert.equal((await jyj.call('GET', `/api/v1/documents/${id}`)).status, 404, 'not a recipient');
  r = await step(staff, id, 'archive');
  assert.equal(r.body.status, 'archived');
});

test('an office document is signed by the 秘书长, not by the 书记', async () => {
  const id = await draft(staff, { series: '江委办发', title: '关于做好年终工作安排的通知' });
  for (const s of ['submit', 'review']) assert.equal((await step(staff, id, s)).status, 200);
  const shuji = await login(a.url, 'shuji');
  assert.equal((await step(shuji, id, 'sign')).status, 404);
  const sg = await login(a.url, 'mishuzhang');
  const r = await step(sg, id, 'sign');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.sign_opinion, '同意');
});

test('64 documents numbered concurrently through two processes get 64 consecutive numbers', async () => {
  const ids = [];
  for (let i = 0; i < 64; i++) {
    const id = await draft(staff, { series: '江委函', doc_type: '函', title: `关于商请支持第${i + 1}项工作的函` });
    for (const s of ['submit', 'review']) assert.equal((await step(staff, id, s)).status, 200);
    ids.push(id);
  }
  const shuji = await login(a.url, 'shuji');
  const shujiB = await login(b.url, 'shuji');
  for (const [i, id] of ids.entries()) assert.equal((await step(i % 2 ? shujiB : shuji, id, 'sign')).status, 200);
  for (const id of ids) assert.equal((await step(staff, id, 'recheck')).status, 200);
  const staffB = await login(b.url, 'mishuke');
  const rs = await Promise.all(ids.map((id, i) => step(i % 2 ? staffB : staff, id, 'number')));
  assert.deepEqual(rs.filter((r) => r.status !== 200).map((r) => r.text), []);
  const ns = rs.map((r) => Number(r.body.number.match(/〔\d{4}〕(\d+)号$/)[1])).sort((x, y) => x - y);
  assert.deepEqual(ns, Array.from({ length: 64 }, (_, i) => ns[0] + i), 'consecutive');
  assert.equal(new Set(rs.map((r) => r.body.number)).size, 64, 'no duplicate');
  // a double click through both processes numbers once and burns no number
  const twice = await draft(staff, { series: '江委函', doc_type: '函', title: '关于双击编号的函' });
  for (const s of ['submit', 'review']) await step(staff, twice, s);
  await step(shuji, twice, 'sign');
  await step(staff, twice, 'recheck');
  const clicks = await Promise.all([step(staff, twice, 'number'), step(staffB, twice, 'number'), step(staff, twice, 'number')]);
  assert.deepEqual(clicks.map((r) => r.status).sort(), [200, 409, 409], clicks.map((r) => r.text).join('\n'));
  const once = Number(clicks.find((r) => r.status === 200).body.number.match(/〔\d{4}〕(\d+)号$/)[1]);
  assert.equal(once, ns[63] + 1, 'the next number, no gap');
  ns.push(once);
  // numbering twice is refused; a voided number stays recorded and is never reused
  assert.equal((await step(staff, ids[0], 'number')).status, 409);
  assert.equal((await step(staff, ids[0], 'void')).status, 422, 'a reason is required');
  let r = await step(staff, ids[0], 'void', { opinion: '内容有误，作废重发' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'voided');
  const voided = r.body.number;
  const next = await draft(staff, { series: '江委函', doc_type: '函', title: '关于重新商请支持的函' });
  for (const s of ['submit', 'review']) await step(staff, next, s);
  await step(shuji, next, 'sign');
  await step(staff, next, 'recheck');
  r = await step(staff, next, 'number');
  assert.notEqual(r.body.number, voided);
  assert.equal(Number(r.body.number.match(/〔\d{4}〕(\d+)号$/)[1]), ns[64] + 1);
  const v = rawSql(a.db, `SELECT number FROM doc_void WHERE item_id = ${ids[0]}`);
  assert.equal(v.stdout.trim(), voided);
});

test('classified markings are refused; bad input gets a clear 422; steps check the state', async () => {
  const n = rawSql(a.db, 'SELECT count(*) FROM document').stdout.trim();
  for (const secrecy of ['秘密', '机密', '绝密', 'secret']) {
    const r = await staff.call('POST', '/api/v1/documents', { json: { direction: 'outgoing', doc_type: '通知', title: '涉密文件', secrecy } });
    assert.equal(r.status, 422);
    assert.equal(r.body.error.code, 'classified_not_allowed');
    assert.equal(r.body.error.field, 'secrecy');
  }
  for (const [body, field] of [
    [{ direction: 'sideways', doc_type: '通知', title: '标题' }, 'direction'],
    [{ direction: 'outgoing', doc_type: '便条', title: '标题' }, 'doc_type'],
    [{ direction: 'outgoing', doc_type: '通知', title: '' }, 'title'],
    [{ direction: 'outgoing', doc_type: '通知', title: '标题', series: '江委秘' }, 'series'],
    [{ direction: 'outgoing', doc_type: '通知', title: '标题', main_to: ['nowhere'] }, 'main_to'],
    [{ direction: 'outgoing', doc_type: '通知', title: '标题', deadline: '明天' }, 'deadline'],
    [{ direction: 'incoming', doc_type: '通知', title: '无来文机关' }, 'sender'],
    [{ direction: 'outgoing', doc_type: '通知', title: 'x'.repeat(201) }, 'title'],
  ]) {
    const r = await staff.call('POST', '/api/v1/documents', { json: body });
    assert.equal(r.status, 422, JSON.stringify(body));
    assert.equal(r.body.error.field, field, JSON.stringify(body));
  }
  assert.equal(rawSql(a.db, 'SELECT count(*) FROM document').stdout.trim(), n, 'nothing was written');
  const liaison = await login(a.url, 'liaison');
  assert.equal((await liaison.call('POST', '/api/v1/documents', { json: { direction: 'incoming', doc_type: '通知', title: '来文', sender: 'x' } })).status, 403);
  const id = await draft(liaison, { main_to: [] });
  let r = await step(liaison, id, 'submit');
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'main_to');
  assert.equal((await step(liaison, id, 'teleport')).status, 404);
  assert.equal((await step(liaison, id, 'archive')).status, 403);
  r = await liaison.call('PATCH', `/api/v1/documents/${id}`, { json: { main_to: ['fgw'] } });
  assert.equal(r.status, 200, r.text);
  assert.equal((await step(liaison, id, 'submit')).status, 200);
  assert.equal((await step(liaison, id, 'submit')).status, 409, 'twice');
  const other = await login(a.url, 'liaison2');
  assert.equal((await other.call('GET', `/api/v1/documents/${id}`)).status, 404, 'IDOR: another unit sees nothing');
  assert.equal((await other.call('PATCH', `/api/v1/documents/${id}`, { json: { title: '改标题' } })).status, 404);
  assert.equal((await step(staff, id, 'return')).status, 422, 'a return needs its reason');
  r = await step(staff, id, 'return', { opinion: '请补充依据' });
  assert.equal(r.body.status, 'returned');
});

test('a two-character query finds its document and not one the caller may not see', async () => {
  const liaison = await login(a.url, 'liaison');
  const visible = await draft(liaison, { title: '关于改进信访工作机制的意见', doc_type: '意见', body: '进一步畅通群众诉求表达渠道。' });
  const hidden = await draft(staff, { title: '关于信访积案化解的内部通报', doc_type: '通报', main_to: ['czj'] });
  let r = await liaison.call('GET', `/api/v1/search?q=${encodeURIComponent('信访')}`);
  assert.equal(r.status, 200, r.text);
  const ids = r.body.items.map((h) => h.item_id);
  assert.ok(ids.includes(visible));
  assert.ok(!ids.includes(hidden), 'the other draft is invisible to this liaison');
  const hit = r.body.items.find((h) => h.item_id === visible);
  assert.equal(hit.title, '关于改进信访工作机制的意见');
  r = await staff.call('GET', `/api/v1/search?q=${encodeURIComponent('诉求')}`);
  const s = r.body.items.find((h) => h.item_id === visible);
  assert.ok(s.snippet.some((p) => p.hit && p.text.includes('诉求')), JSON.stringify(s));
  assert.ok(r.body.items.length >= 1);
  assert.equal((await staff.call('GET', '/api/v1/search?q=')).status, 422);
  assert.equal((await staff.call('GET', `/api/v1/search?q=${'长'.repeat(101)}`)).status, 422);
  const admin = await login(a.url, 'admin');
  assert.equal((await admin.call('GET', '/api/v1/search?q=信访')).status, 403);
});

test('a filtered list keeps the caller\'s visibility: a liaison sees only their unit\'s documents, the office all', async () => {
  const fgw = await login(a.url, 'liaison');
  const czj = await login(a.url, 'liaison2');
  const mark = `筛选${process.pid}`;
  const own = await draft(fgw, { title: `关于${mark}的通知` });
  const theirs = await draft(czj, { title: `关于${mark}工作的通知`, main_to: ['szfb'], cc_to: [] });
  const sent = await draft(fgw, { title: `关于${mark}事项的通知` });
  assert.equal((await step(fgw, sent, 'submit')).status, 200);
  // the ids WHO lists with QUERY (the status filter and more) and the title filter, ascending
  const list = async (who, query) => {
    const r = await who.call('GET', `/api/v1/documents?${query}&q=${encodeURIComponent(mark)}`);
    assert.equal(r.status, 200, r.text);
    return r.body.items.map((d) => d.id).sort((x, y) => x - y);
  };
  assert.deepEqual(await list(fgw, 'status=draft'), [own]);
  assert.deepEqual(await list(fgw, 'status=submitted&direction=outgoing'), [sent]);
  assert.deepEqual(await list(czj, 'status=draft'), [theirs]);
  assert.deepEqual(await list(czj, 'status=submitted'), []);
  assert.deepEqual(await list(staff, 'status=draft'), [own, theirs].sort((x, y) => x - y));
  assert.deepEqual(await list(staff, 'status=submitted&direction=outgoing'), [sent]);
  assert.deepEqual(await list(staff, 'status=archived'), []);
});

test('attachments are stored in the database and served only to those who see the document', async () => {
  const id = await draft(staff, { title: '关于印发工作方案的通知' });
  const form = new FormData();
  form.append('file', new Blob([Buffer.from('方案正文 2026\n')]), '工作方案.txt');
  let r = await staff.call('POST', `/api/v1/documents/${id}/attachments`, { body: form });
  assert.equal(r.status, 201, r.text);
  const att = r.body.attachments[0];
  assert.equal(att.filename, '工作方案.txt');
  assert.equal(att.size, Buffer.byteLength('方案正文 2026\n'));
  const dl = await fetch(`${a.url}/api/v1/documents/${id}/attachments/${att.id}`, { headers: { cookie: staff.cookie } });
  assert.equal(dl.status, 200);
  assert.equal(await dl.text(), '方案正文 2026\n');
  assert.match(dl.headers.get('content-disposition'), /attachment; filename\*=UTF-8''/);
  const liaison = await login(a.url, 'liaison');
  const no = await fetch(`${a.url}/api/v1/documents/${id}/attachments/${att.id}`, { headers: { cookie: liaison.cookie } });
  assert.equal(no.status, 404);
  r = await staff.call('POST', `/api/v1/documents/${id}/attachments`, { body: new FormData() });
  assert.equal(r.status, 422);
});

test('the PDF is A4 with embedded fonts, its title and number inside the text block', async () => {
  const id = await draft(staff, { title: '关于进一步加强和改进机关作风建设的通知', body: '一、总体要求\n'.concat('各级机关要切实转变作风，提高工作效率。'.repeat(100)) });
  for (const s of ['submit', 'review']) await step(staff, id, s);
  const shuji = await login(a.url, 'shuji');
  await step(shuji, id, 'sign');
  await step(staff, id, 'recheck');
  const numbered = await step(staff, id, 'number');
  const res = await fetch(`${a.url}/api/v1/documents/${id}/pdf`, { headers: { cookie: staff.cookie } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  // saved under its 文号 and title (RFC 6266), not "document.pdf"
  const disp = res.headers.get('content-disposition');
  const name = decodeURIComponent(disp.match(/filename\*=UTF-8''([^;]+)/)[1]);
  assert.equal(name, `${numbered.body.number} 关于进一步加强和改进机关作风建设的通知.pdf`);
  const file = join(dir, 'doc.pdf');
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  assert.equal(info.status, 0, info.stderr);
  assert.match(info.stdout, /Page size:\s+595\.2\d* x 841\.8\d* pts \(A4\)/);
  const fonts = spawnSync('pdffonts', [file], { encoding: 'utf8' });
  const rows = fonts.stdout.trim().split('\n').slice(2);
  assert.ok(rows.length >= 2, fonts.stdout);
  assert.ok(rows.every((l) => / yes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.test(l)), fonts.stdout);
  const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  assert.ok(text.stdout.replace(/\s/g, '').includes(numbered.body.number), 'the 文号 is printed');
  assert.ok(text.stdout.includes('中共江城市委员会文件'));
  // every word of page 2 lies in the 156 × 225 mm block 37 mm from the top (binding right on even pages)
  const bbox = spawnSync('pdftotext', ['-bbox', '-f', '2', '-l', '2', file, '-'], { encoding: 'utf8' });
  const mm = (pt) => pt * 25.4 / 72;
  const words = [...bbox.stdout.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)];
  const body = words.filter((w) => !/^(—|\d+)$/.test(w[5]));
  assert.ok(body.length >= 15, bbox.stdout.slice(0, 800));
  for (const w of body) {
    const [x0, y0, x1, y1] = w.slice(1, 5).map(Number).map(mm);
    assert.ok(x0 >= 26 - 1 && x1 <= 26 + 156 + 1 && y0 >= 37 - 1.5 && y1 <= 37 + 225 + 1.5, `${w[5]} at ${x0},${y0}–${x1},${y1} mm`);
  }
  const incoming = await staff.call('POST', '/api/v1/documents', { json: { direction: 'incoming', doc_type: '函', title: '来函一件', sender: '某市委办公室' } });
  assert.equal((await fetch(`${a.url}/api/v1/documents/${incoming.body.id}/pdf`, { headers: { cookie: staff.cookie } })).status, 409);
});

test('a series is renamed or retired, never re-prefixed; a retired series takes no new drafts', async () => {
  let r = await staff.call('POST', '/api/v1/documents/series', { json: { prefix: '江委督', name: '督查通报', scope: 'office', issuer_mark: '中共江城市委办公室', issuer_name: '中共江城市委办公室', printer: '中共江城市委办公室' } });
  assert.equal(r.status, 201, r.text);
  const id = r.body.id;
  r = await staff.call('PATCH', `/api/v1/documents/series/${id}`, { json: { name: '督查专报', position: 5 } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.name, '督查专报');
  assert.equal(r.body.prefix, '江委督');
  assert.equal((await staff.call('PATCH', `/api/v1/documents/series/${id}`, { json: { prefix: '江委查' } })).status, 422);
  assert.equal((await staff.call('PATCH', `/api/v1/documents/series/${id}`, { json: { scope: 'world' } })).status, 422);
  assert.equal((await staff.call('PATCH', '/api/v1/documents/series/999999', { json: { name: 'x' } })).status, 404);
  const liaison = await login(a.url, 'liaison');
  assert.equal((await liaison.call('PATCH', `/api/v1/documents/series/${id}`, { json: { name: 'x' } })).status, 403);
  assert.equal((await staff.call('PATCH', `/api/v1/documents/series/${id}`, { json: { active: 0 } })).status, 200);
  r = await staff.call('POST', '/api/v1/documents', { json: { direction: 'outgoing', doc_type: '通报', title: '关于督查情况的通报', series: '江委督' } });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'series');
});

test('list and search parameters are whole numbers in range, or a 422 naming them', async () => {
  for (const [q, field] of [['limit=5x', 'limit'], ['limit=500', 'limit'], ['limit=0', 'limit'], ['cursor=12abc', 'cursor'], ['cursor=-3', 'cursor']]) {
    const r = await staff.call('GET', `/api/v1/documents?${q}`);
    assert.equal(r.status, 422, q);
    assert.equal(r.body.error.field, field, q);
  }
  assert.equal((await staff.call('GET', '/api/v1/documents?limit=200')).status, 200);
  for (const q of ['limit=5x', 'limit=201', 'limit=-1']) {
    const r = await staff.call('GET', `/api/v1/search?q=${encodeURIComponent('信访')}&${q}`);
    assert.equal(r.status, 422, q);
    assert.equal(r.body.error.field, 'limit', q);
  }
});
