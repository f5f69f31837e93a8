// What an office types, through a real `mishu serve` (the demo city): full-width spaces count as
// blank, full-width digits are numbers and dates, every length message names the field and its
// limit (in Chinese and in English), dates out of order are refused naming both fields, an
// oversized or malformed body gets a clear Chinese answer. On SQLite and PostgreSQL
// (MISHU_TEST_DB).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, api } from '../lib/server.mjs';
import { registerIncoming, docStep } from '../lib/work.mjs';

const srv = await startServer({ demo: true });
after(async () => assert.equal(await srv.stop(), 0, srv.tail()));

const staff = await login(srv.url, 'mishuke');
const year = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date());
const incoming = (fields) => staff.call('POST', '/api/v1/documents', { json: {
  direction: 'incoming', doc_type: '通知', domain: 'finance', sender: '省政府办公厅',
  body: '各地要认真做好相关工作。', title: '关于做好冬季安全生产工作的通知', ...fields } });
const en = { 'accept-language': 'en' };

// A 422 naming FIELD whose message matches RE.
function refused(r, field, re) {
  assert.equal(r.status, 422, r.text);
  assert.equal(r.body.error.field, field, r.text);
  assert.match(r.body.error.message, re);
}

test('a title of full-width or zero-width spaces is blank, and refused naming 标题', async () => {
  for (const title of ['\u3000\u3000\u3000', '\u3000 \u00a0\u200b\ufeff', '\u200b\u200b\u200b']) {
    const r = await incoming({ title });
    refused(r, 'title', /标题/);
  }
  const draft = await staff.call('POST', '/api/v1/documents', { json: {
    direction: 'outgoing', doc_type: '通知', series: '江委发', title: '\u3000\u3000', main_to: ['fgw'] } });
  refused(draft, 'title', /标题/);
  // the registration form (novalidate: the server's message shows next to the field)
  const form = new URLSearchParams({ csrf_token: staff.csrf, direction: 'incoming', doc_type: '通知',
    title: '\u3000\u3000', sender: '市消防救援支队', domain: 'emergency' });
  const page = await staff.call('POST', '/documents', { body: form.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(page.status, 422, page.text.slice(0, 500));
  assert.match(page.text, /<p class="field-error"[^>]*>[^<]*标题/);
  assert.match(page.text, /<form novalidate/);
});

test('white space of every kind around a value is trimmed; a body keeps its first indent', async () => {
  const r = await incoming({ title: '\u3000\u3000关于做好冬季供暖保障工作的通知\u3000\u200b',
    sender: '\u00a0省住房城乡建设厅\u3000', body: '\n\u3000\u3000各地要做好冬季供暖保障工作。\n\u3000\n' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.title, '关于做好冬季供暖保障工作的通知');
  assert.equal(r.body.sender, '省住房城乡建设厅');
  assert.equal(r.body.body, '\u3000\u3000各地要做好冬季供暖保障工作。');
});

test('full-width digits are accepted in dates and numbers, in JSON and in forms', async () => {
  const wide = (s) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d))).replace(/-/g, '－');
  let r = await incoming({ received_on: wide(`${year}-11-02`), deadline: wide(`${year}-11-30`) });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.received_on, `${year}-11-02`);
  assert.equal(r.body.deadline, `${year}-11-30`);

  // the registration form: 份数 and 收文日期 typed with full-width digits
  const form = new URLSearchParams({ csrf_token: staff.csrf, direction: 'incoming', doc_type: '通知',
    title: '关于开展冬季消防安全检查的通知', sender: '市消防救援支队', copies: '１０',
    received_on: wide(`${year}-11-03`), domain: 'emergency', body: '请认真组织开展检查。' });
  r = await staff.call('POST', '/documents', { body: form.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(r.status, 303, r.text.slice(0, 2000));
  const id = Number(r.headers.get('location').match(/\/documents\/(\d+)/)[1]);
  r = await staff.call('GET', `/api/v1/documents/${id}`);
  assert.equal(r.body.copies, 10);
  assert.equal(r.body.received_on, `${year}-11-03`);

  // working days for a task, typed full-width in the form
  r = await staff.call('POST', '/api/v1/tasks', { json: { source: 'key_work', content: '推进老旧小区改造',
    domain: 'education', lead_unit: 'jyj', deadline: wide(`${Number(year) + 1}-01-20`) } });
  assert.equal(r.status, 201, r.text);
});

test('every length message names the field and its limit, in Chinese and in English', async () => {
  let r = await incoming({ title: '关'.repeat(201) });
  refused(r, 'title', /^标题不能超过 200 字。$/);
  r = await staff.call('POST', '/api/v1/documents', { headers: en, json: {
    direction: 'incoming', doc_type: '通知', sender: '省政府办公厅', title: '关'.repeat(201) } });
  refused(r, 'title', /^Title cannot be longer than 200 characters\.$/);
  r = await incoming({ sender: '省'.repeat(101) });
  refused(r, 'sender', /^来文机关不能超过 100 字。$/);
  r = await incoming({ body: '文'.repeat(200001) });
  refused(r, 'body', /^正文不能超过 200000 字。$/);
  r = await staff.call('POST', '/api/v1/tasks', { json: { source: 'key_work', content: '推进教育数字化转型',
    domain: 'education', lead_unit: 'jyj', deadline_days: 20, requirements: '要'.repeat(2001) } });
  refused(r, 'requirements', /^办理要求不能超过 2000 字。$/);
  r = await staff.call('POST', '/api/v1/tasks', { headers: en, json: { source: 'key_work', content: '推进教育数字化转型',
    domain: 'education', lead_unit: 'jyj', deadline_days: 20, requirements: '要'.repeat(2001) } });
  refused(r, 'requirements', /^Requirements cannot be longer than 2000 characters\.$/);
  r = await staff.call('GET', `/api/v1/documents?q=${encodeURIComponent('查'.repeat(101))}`);
  refused(r, 'q', /^搜索内容不能超过 100 字。$/);
  r = await staff.call('POST', '/api/v1/documents', { json: {
    direction: 'outgoing', doc_type: '通知', series: '江委发', title: '关于报送统计数据的通知',
    main_to: Array(501).fill('fgw') } });
  refused(r, 'main_to', /^主送机关不能超过 \d+ 项。$/);
});

test('a deadline before the receipt date is refused naming both', async () => {
  let r = await incoming({ received_on: `${year}-11-10`, deadline: `${year}-11-05` });
  refused(r, 'deadline', /办理时限.*不能早于收文日期/);
  assert.match(r.body.error.message, new RegExp(`${year}-11-05.*${year}-11-10`));
  r = await staff.call('POST', '/api/v1/documents', { headers: en, json: {
    direction: 'incoming', doc_type: '通知', sender: '省政府办公厅', title: '关于做好冬季安全生产工作的通知',
    received_on: `${year}-11-10`, deadline: `${year}-11-05` } });
  refused(r, 'deadline', /^Deadline \(.*\) cannot be earlier than Date received \(.*\)\.$/);

  // changing the deadline later is checked against the stored receipt date
  const id = await registerIncoming(staff, { title: '关于做好元旦春节期间工作的通知', received_on: `${year}-11-10`, origin: 'higher' });
  r = await staff.call('PATCH', `/api/v1/documents/${id}`, { json: { deadline: `${year}-11-01` } });
  refused(r, 'deadline', /办理时限.*不能早于收文日期/);
  r = await staff.call('PATCH', `/api/v1/documents/${id}`, { json: { deadline: `${year}-11-20` } });
  assert.equal(r.status, 200, r.text);

  // a 批示's deadline before the day it was given
  assert.equal((await docStep(staff, id, 'check', { opinion: '文件齐全' })).status, 200);
  assert.equal((await docStep(staff, id, 'propose', { opinion: '拟请书记阅示' })).status, 200);
  const shuji = await login(srv.url, 'shuji');
  r = await docStep(shuji, id, 'instruct', { opinion: '请认真落实。', given_on: `${year}-11-12`, deadline: `${year}-11-11` });
  refused(r, 'deadline', /办理时限.*不能早于批示日期/);
});

test('an oversized or malformed body gets a clear Chinese answer', async () => {
  let r = await staff.call('POST', '/api/v1/documents', { body: JSON.stringify({ title: 'x'.repeat(1100000) }),
    headers: { 'content-type': 'application/json' } });
  assert.equal(r.status, 413, r.text);
  assert.match(r.body.error.message, /请求内容超过了服务器允许的大小/);
  r = await staff.call('POST', '/api/v1/documents', { body: '{"title": "关于', headers: { 'content-type': 'application/json' } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.error.code, 'invalid_json');
  assert.match(r.body.error.message, /不是有效的 JSON/);
  r = await api(srv.url, 'POST', '/api/v1/session', { json: ['not', 'an', 'object'] });
  assert.equal(r.status, 422, r.text);
  assert.match(r.body.error.message, /[\u4e00-\u9fff]/);
});
