// Supervision details (issue 12, 转交办 and 督查) through a real `mishu serve` on the demo city:
// 转交办 carries the 批示's requirements and deadline (a date, or working days shown as the date);
// the responsible leader comes from the division of responsibility with its reason and can be
// another leader with the reason kept in the history; 督办编号 督〔2026〕N号 gapless per year, also
// under concurrent creation; paper and oral 批示 with their source and scan; attachments of
// reports and closure requests; the lead and co-units read the source document, others do not.
// SQLite and PostgreSQL.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login } from '../lib/server.mjs';
import { unzip } from '../lib/zip.mjs';

const TODAY = '2026-09-28';
const srv = await startServer({ demo: true, env: { MISHU_TODAY: TODAY } });
after(async () => { assert.equal(await srv.stop(), 0, srv.tail()); });

const staff = await login(srv.url, 'duchashi');
const step = (who, id, action, json = {}) => who.call('POST', `/api/v1/tasks/${id}/actions/${action}`, { json });
const number = (no) => Number(/^督〔2026〕(\d+)号$/.exec(no)?.[1]);

// A registered incoming document about finance; returns its id.
async function document(title) {
  const mishuke = await login(srv.url, 'mishuke');
  const r = await mishuke.call('POST', '/api/v1/documents', { json: {
    direction: 'incoming', doc_type: '通知', title, domain: 'finance', body: '请抓好落实。', sender: '省财政厅' } });
  assert.equal(r.status, 201, r.text);
  // checked and proposed, so the leaders of its domain see it
  assert.equal((await mishuke.call('POST', `/api/v1/documents/${r.body.id}/actions/check`, { json: {} })).status, 200);
  assert.equal((await mishuke.call('POST', `/api/v1/documents/${r.body.id}/actions/propose`, { json: {} })).status, 200);
  return r.body.id;
}

function files(...list) {
  const form = new FormData();
  for (const [field, name, text] of list) form.append(field, new Blob([Buffer.from(text)]), name);
  return form;
}

test('转交办 carries the 批示\'s requirements and deadline; the leader comes from routing or is changed with a reason', async () => {
  const doc = await document('关于做好财政收支管理的通知');
  const changwu = await login(srv.url, 'changwu');
  let r = await changwu.call('POST', '/api/v1/instructions', { json: {
    item_id: doc, text: '请国平同志牵头，市财政局抓好落实。', requirements: '每周报送一次进展', deadline_working_days: 10 } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.deadline_days, 10);
  assert.equal(r.body.form, 'written');
  const instruction = r.body.id;
  assert.equal((await changwu.call('POST', '/api/v1/instructions', { json: { item_id: doc, text: '再批', deadline: '2026-13-01' } })).body.error.field, 'deadline');
  // through the document's own step the deadline is kept too, and checked by the definition
  const other = await document('关于加快资金拨付进度的通知');
  let s = await changwu.call('POST', `/api/v1/documents/${other}/actions/instruct`, { json: { opinion: '请抓紧拨付。', deadline_working_days: 400 } });
  assert.equal(s.status, 422, s.text);
  assert.equal(s.body.error.field, 'deadline_working_days');
  s = await changwu.call('POST', `/api/v1/documents/${other}/actions/instruct`, { json: { opinion: '请抓紧拨付。', deadline: '2026-10-23' } });
  assert.equal(s.status, 200, s.text);
  assert.equal((await changwu.call('GET', `/api/v1/instructions?item_id=${other}`)).body.items[0].deadline, '2026-10-23');
  r = await staff.call('POST', `/api/v1/instructions/${instruction}/tasks`, { json: { tasks: [{ lead_unit: 'czj' }] } });
  assert.equal(r.status, 201, r.text);
  let t = r.body.items[0];
  assert.equal(t.requirements, '每周报送一次进展', 'the requirements carried forward');
  assert.equal(t.deadline, '2026-10-16', '10 working days named in the 批示, from 2026-09-28');
  assert.equal(t.deadline_days, 10);
  assert.equal(t.leader_name, '孙国平', 'finance is in 孙国平\'s 分工');
  assert.match(t.leader_reason, /财政|finance/);
  assert.match(t.supervision_no, /^督〔2026〕\d+号$/);
  // another leader, with the reason kept and shown in the history
  r = await staff.call('POST', `/api/v1/instructions/${instruction}/tasks`, { json: { tasks: [{ lead_unit: 'fgw', leader: 'shuji', deadline: '2026-10-30' }] } });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'leader_reason');
  assert.match(r.body.error.message, /[\u4e00-\u9fff]/, 'in Chinese');
  r = await staff.call('POST', `/api/v1/instructions/${instruction}/tasks`, { json: { tasks: [{ lead_unit: 'fgw', leader: 'nobody', leader_reason: '批示明确', deadline: '2026-10-30' }] } });
  assert.equal(r.body.error.field, 'leader');
  r = await staff.call('POST', `/api/v1/instructions/${instruction}/tasks`, { json: { tasks: [{ lead_unit: 'fgw', leader: 'shuji', leader_reason: '批示明确请书记同志牵头', deadline_working_days: 5 }] } });
  assert.equal(r.status, 201, r.text);
  t = r.body.items[0];
  assert.equal(t.leader_name, '王建国');
  assert.equal(t.leader_reason, '批示明确请书记同志牵头');
  assert.equal(t.deadline, '2026-10-10', '5 working days across 国庆, the make-up Saturday counted');
  const assign = t.history.find((h) => h.action === 'assign');
  assert.equal(assign.detail.leader_changed, true);
  assert.equal(assign.detail.leader_reason, '批示明确请书记同志牵头');
  // a task given as working days through the name
  r = await staff.call('POST', '/api/v1/tasks', { json: { source: 'key_work', content: '推进财政预算绩效管理', lead_unit: 'czj', deadline_working_days: 0 } });
  assert.equal(r.body.error.field, 'deadline_working_days');
});

test('督办编号 is gapless per year, unique under concurrent creation, and shown in lists, search and the ledger', async () => {
  const make = (i) => staff.call('POST', '/api/v1/tasks', { json: { source: 'meeting', content: `落实常委会议定事项第${i}项`, lead_unit: 'fgw', deadline_days: 15 } });
  const results = await Promise.all(Array.from({ length: 12 }, (_, i) => make(i + 1)));
  for (const r of results) assert.equal(r.status, 201, r.text);
  const all = (await staff.call('GET', '/api/v1/tasks?limit=5000')).body.items;
  const ns = all.map((t) => number(t.supervision_no)).sort((a, b) => a - b);
  assert.ok(ns.every((n) => Number.isInteger(n)), JSON.stringify(all.map((t) => t.supervision_no)));
  assert.deepEqual(ns, Array.from({ length: ns.length }, (_, i) => i + 1), 'no gap, no duplicate');
  // a refused task takes no number
  assert.equal((await staff.call('POST', '/api/v1/tasks', { json: { source: 'meeting', content: '缺少牵头单位', deadline_days: 3 } })).status, 422);
  const r = await make(99);
  assert.equal(number(r.body.supervision_no), ns.length + 1);
  // search finds it by its number; the ledger carries it
  const s = await staff.call('GET', `/api/v1/search?q=${encodeURIComponent(r.body.supervision_no)}`);
  assert.equal(s.status, 200, s.text);
  assert.ok(s.body.items.some((i) => i.item_id === r.body.id), s.text);
  const res = await fetch(`${srv.url}/api/v1/tasks.xlsx`, { headers: { cookie: staff.cookie } });
  const x = unzip(Buffer.from(await res.arrayBuffer()));
  const text = x['xl/sharedStrings.xml']?.toString() + x['xl/worksheets/sheet1.xml'].toString();
  assert.ok(text.includes('督办编号'));
  assert.ok(text.includes(r.body.supervision_no));
});

test('a paper or oral 批示 is entered by the office with its source and scan, then turned into tasks', async () => {
  const liaison = await login(srv.url, 'liaison');
  const changwu = await login(srv.url, 'changwu');
  const paper = { form: 'paper', leader: 'changwu', text: '请市发改委牵头研究提出意见。', given_on: '2026-09-25', source_ref: '省发改委《关于重大项目储备的函》', deadline: '2026-10-30' };
  assert.equal((await liaison.call('POST', '/api/v1/instructions', { json: paper })).status, 403);
  assert.equal((await changwu.call('POST', '/api/v1/instructions', { json: paper })).status, 403, 'a leader writes his own');
  for (const [bad, field] of [[{ form: 'fax' }, 'form'], [{ leader: undefined }, 'leader'], [{ text: '' }, 'text'],
    [{ given_on: '2026-12-31' }, 'given_on'], [{ source_ref: undefined }, 'source_ref'], [{ form: 'oral' }, 'source_who'], [{ deadline: 'soon' }, 'deadline']]) {
    const r = await staff.call('POST', '/api/v1/instructions', { json: { ...paper, ...bad } });
    assert.equal(r.status, 422, JSON.stringify(bad) + r.text);
    assert.equal(r.body.error.field, field, JSON.stringify(bad));
    assert.match(r.body.error.message, /[\u4e00-\u9fff]/);
  }
  let r = await staff.call('POST', '/api/v1/instructions', { json: paper });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.form, 'paper');
  assert.equal(r.body.leader_name, '孙国平');
  assert.equal(r.body.source_ref, paper.source_ref);
  assert.equal(r.body.given_on, '2026-09-25');
  const id = r.body.id;
  // its scan: a PDF or an image, kept and read back
  r = await staff.call('POST', `/api/v1/instructions/${id}/scan`, { body: files(['scan', '批示.exe', 'MZ']) });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'scan');
  r = await staff.call('POST', `/api/v1/instructions/${id}/scan`, { body: files(['scan', '批示扫描件.pdf', '%PDF-1.4 批示']) });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.has_scan, 1);
  const dl = await fetch(`${srv.url}/api/v1/instructions/${id}/scan`, { headers: { cookie: staff.cookie } });
  assert.equal(dl.status, 200);
  assert.equal(await dl.text(), '%PDF-1.4 批示');
  // an oral one on a document mishu holds
  const doc = await document('关于重大项目储备情况的报告');
  r = await staff.call('POST', '/api/v1/instructions', { json: { form: 'oral', leader: 'shuji', text: '抓紧办理', item_id: doc, source_who: '市委秘书长张志远电话转达', deadline_working_days: 3 } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.item_id, doc);
  assert.equal(r.body.source_who, '市委秘书长张志远电话转达');
  assert.equal((await staff.call('POST', `/api/v1/instructions/${r.body.id}/scan`, { body: files(['scan', 'a.pdf', '%PDF']) })).body.error.field, 'scan', 'an oral 批示 has no scan');
  assert.equal((await staff.call('GET', `/api/v1/instructions?item_id=${doc}`)).body.items[0].form, 'oral');
  // turned into tasks like any other
  r = await staff.call('POST', `/api/v1/instructions/${id}/tasks`, { json: { tasks: [{ lead_unit: 'fgw' }] } });
  assert.equal(r.status, 201, r.text);
  const t = r.body.items[0];
  assert.equal(t.deadline, '2026-10-30', 'the deadline the paper 批示 names');
  assert.equal(t.content, paper.text);
  assert.equal(t.instruction_id, id);
});

test('reports and closure requests take attachments, read by those who read the task', async () => {
  let r = await staff.call('POST', '/api/v1/tasks', { json: { source: 'higher', content: '落实防汛备汛工作部署', lead_unit: 'fgw', co_units: ['czj'], deadline: '2026-10-20' } });
  const id = r.body.id;
  const fgw = await login(srv.url, 'liaison');
  const czj = await login(srv.url, 'liaison2');
  const other = await login(srv.url, 'lianluo_jyj');
  assert.equal((await step(fgw, id, 'accept')).status, 200);
  const report = (who, ...list) => {
    const form = files(...list);
    form.append('opinion', '已完成隐患排查，清单见附件。');
    return who.call('POST', `/api/v1/tasks/${id}/actions/report`, { body: form });
  };
  r = await report(czj, ['file', '排查清单.xlsx', 'xlsx-bytes'], ['file', '现场照片.jpg', 'jpg-bytes']);
  assert.equal(r.status, 200, r.text);
  const last = r.body.reports.at(-1);
  assert.equal(last.text, '已完成隐患排查，清单见附件。');
  assert.deepEqual(last.attachments.map((a) => a.filename), ['排查清单.xlsx', '现场照片.jpg']);
  // refused: a kind not allowed, too many files, a step that takes none — nothing is kept
  r = await report(fgw, ['file', 'run.exe', 'MZ']);
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'file');
  assert.match(r.body.error.message, /[\u4e00-\u9fff]/);
  r = await report(fgw, ...Array.from({ length: 6 }, (_, i) => ['file', `${i}.txt`, 'x']));
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'files');
  const extension = files(['file', 'a.txt', 'x']);
  extension.append('opinion', '需要更多时间');
  extension.append('deadline', '2026-10-30');
  assert.equal((await fgw.call('POST', `/api/v1/tasks/${id}/actions/request_extension`, { body: extension })).body.error?.field, 'file');
  r = await staff.call('GET', `/api/v1/tasks/${id}`);
  assert.equal(r.body.reports.length, 1);
  assert.equal(r.body.attachments.length, 2);
  // the closure request with its file
  const close = files(['file', '整改报告.pdf', '%PDF 整改']);
  close.append('opinion', '隐患已全部整改，申请办结。');
  r = await fgw.call('POST', `/api/v1/tasks/${id}/actions/request_close`, { body: close });
  assert.equal(r.status, 200, r.text);
  const closing = r.body.attachments.find((a) => a.step === 'request_close');
  assert.equal(closing.filename, '整改报告.pdf');
  for (const [who, code] of [[staff, 200], [fgw, 200], [czj, 200], [other, 404]]) {
    const dl = await fetch(`${srv.url}/api/v1/tasks/${id}/attachments/${closing.id}`, { headers: { cookie: who.cookie } });
    assert.equal(dl.status, code);
    if (code === 200) assert.equal(await dl.text(), '%PDF 整改');
  }
  assert.equal((await fetch(`${srv.url}/api/v1/tasks/${id}/attachments/${closing.id + 1000}`, { headers: { cookie: staff.cookie } })).status, 404);
});

test('the liaison of a co-unit opens the source document\'s page; an unrelated unit cannot', async () => {
  const doc = await document('关于开展财政资金专项检查的通知');
  const changwu = await login(srv.url, 'changwu');
  const r = await changwu.call('POST', '/api/v1/instructions', { json: { item_id: doc, text: '请财政局牵头、发改委配合开展检查。' } });
  const t = await staff.call('POST', `/api/v1/instructions/${r.body.id}/tasks`, { json: { tasks: [{ lead_unit: 'czj', co_units: ['fgw'], deadline_days: 10 }] } });
  assert.equal(t.status, 201, t.text);
  for (const [who, code] of [['liaison', 200], ['liaison2', 200], ['lianluo_jyj', 404]]) {
    const u = await login(srv.url, who);
    const page = await fetch(`${srv.url}/documents/${doc}`, { headers: { cookie: u.cookie } });
    assert.equal(page.status, code, who);
    if (code === 200) assert.match(await page.text(), /关于开展财政资金专项检查的通知/);
  }
});
