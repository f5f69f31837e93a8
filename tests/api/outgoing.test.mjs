// Outgoing documents as the office addresses them (issue 12): 主送/抄送 to bodies outside the
// city from the directory (GET /api/v1/org/recipients), to bodies named in free text, and to
// groups that reach their local units at 核发 — each receiving unit's liaisons find it in their
// 待办 (签收) and get the live 'inbox' event; the 主送/抄送 line joined with "、" within a kind and
// "，" between kinds, in the API, the page and the PDF; the history showing each step's facts as
// they were; 来文机关 as the receiving unit sees it; the PDF's filename; bad input naming the
// field. On SQLite and PostgreSQL (MISHU_TEST_DB).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, login } from '../lib/server.mjs';
import { openEvents } from '../lib/events.mjs';

const srv = await startServer({ demo: true });
const dir = mkdtempSync(join(tmpdir(), 'mishu-outgoing-'));
after(async () => {
  assert.equal(await srv.stop(), 0, srv.tail());
  rmSync(dir, { recursive: true, force: true });
});

const who = {};
for (const u of ['mishuke', 'shuji', 'liaison', 'liaison2', 'lianluo_jdq', 'lianluo_zzb', 'lianluo_jyj']) {
  who[u] = await login(srv.url, u);
}
const step = (s, id, action, json = {}) => s.call('POST', `/api/v1/documents/${id}/actions/${action}`, { json });
const inboxHas = async (s, id) => (await s.call('GET', '/api/v1/me/inbox')).body.items.find((i) => i.item_id === id);

// An outgoing draft by the office in 江委发 with FIELDS; returns the response.
const draft = (fields) => who.mishuke.call('POST', '/api/v1/documents', { json: {
  direction: 'outgoing', doc_type: '通知', series: '江委发', domain: 'finance', disclosure: 'none',
  title: '关于做好冬季安全生产工作的通知', body: '各单位要切实做好冬季安全生产工作。', ...fields } });

// Takes the document from draft to distributed; returns the last response.
async function distribute(id) {
  let r;
  for (const [s, a] of [['mishuke', 'submit'], ['mishuke', 'review'], ['shuji', 'sign'], ['mishuke', 'recheck'],
    ['mishuke', 'number'], ['mishuke', 'print'], ['mishuke', 'distribute']]) {
    r = await step(who[s], id, a);
    assert.equal(r.status, 200, `${a}: ${r.text}`);
  }
  return r;
}

test('the directory of recipients lists higher and peer bodies and groups to any signed-in staff user', async () => {
  const r = await who.liaison.call('GET', '/api/v1/org/recipients');
  assert.equal(r.status, 200, r.text);
  const by = Object.fromEntries(r.body.items.map((x) => [x.name, x]));
  assert.equal(by['省委'].kind, 'higher');
  assert.equal(by['省自然资源厅'].kind, 'higher');
  assert.equal(by['中共河城市委'].kind, 'peer');
  assert.equal(by['各县（市、区）委'].kind, 'group');
  assert.deepEqual(by['各县（市、区）委'].unit_kinds, ['district']);
  assert.ok(by['市直各单位'].unit_kinds.includes('government'));
  const anon = await fetch(`${srv.url}/api/v1/org/recipients`);
  assert.equal(anon.status, 401);
});

test('a 请示 to 省委 and a 函 copied to a body in free text; the line joins a kind with 、 and kinds with ，', async () => {
  let r = await draft({ doc_type: '请示', title: '关于请求支持江城港综合保税区申报工作的请示',
    main_to: ['sw'], cc_to: ['swbgt', 'szfbgt', { name: '　省林业局 ' }, 'fgw', 'czj', 'zzb'] });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.body.main_to.map((x) => [x.kind, x.name]), [['higher', '省委']]);
  assert.equal(r.body.main_to_text, '省委');
  assert.deepEqual(r.body.cc_to.map((x) => x.kind), ['higher', 'higher', 'text', 'unit', 'unit', 'unit']);
  assert.equal(r.body.cc_to[3].code, 'fgw', 'a local unit keeps its code and id');
  assert.ok(r.body.cc_to[3].id > 0);
  assert.equal(r.body.cc_to_text, '省委办公厅、省政府办公厅，省林业局，市发展和改革委员会、市财政局，市委组织部');
  // groups each a kind of their own (GB/T 9704 practice)
  r = await draft({ main_to: ['gxw', 'swgbw', 'szgdw'] });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.main_to_text, '各县（市、区）委，市委各部委，市直各单位');
  // the page shows the line as the salutation and in the facts
  const page = await who.mishuke.call('GET', `/documents/${r.body.id}`);
  assert.match(page.text, /各县（市、区）委，市委各部委，市直各单位：/);
  // editing replaces the list, in the order given
  r = await who.mishuke.call('PATCH', `/api/v1/documents/${r.body.id}`, { json: { main_to: [{ name: '省自然资源厅' }, 'szrzyt'] } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.main_to_text, '省自然资源厅，省自然资源厅');
});

test('bad recipients get a 422 naming the field', async () => {
  for (const [fields, field] of [
    [{ main_to: ['nowhere'] }, 'main_to'],
    [{ cc_to: ['fgw', { code: 'sw' }] }, 'cc_to'],
    [{ cc_to: ['fgw', 'nowhere'] }, 'cc_to'],
    [{ main_to: [{ name: '省'.repeat(51) }] }, 'main_to'],
    [{ cc_to: [{ name: ' 　 ' }] }, 'cc_to'],
    [{ cc_to: [{ name: 12 }] }, 'cc_to'],
    [{ main_to: 'sw' }, 'main_to'],
  ]) {
    const r = await draft(fields);
    assert.equal(r.status, 422, `${JSON.stringify(fields)}: ${r.text}`);
    assert.equal(r.body.error.field, field, JSON.stringify(fields));
    assert.match(r.body.error.message, /[\u4e00-\u9fff]/, 'a Chinese message');
  }
  // a name of 50 characters is fine
  assert.equal((await draft({ main_to: [{ name: '省'.repeat(50) }] })).status, 201);
});

test('a group reaches its local units at 核发: each liaison finds it in the 待办, live, and signs for it', async () => {
  const jdq = await openEvents(srv.url, who.lianluo_jdq.cookie);
  try {
    await jdq.next((f) => f.event === 'hello');
    let r = await draft({ title: '关于开展冬季森林防火专项检查的通知', main_to: ['gxw'], cc_to: ['szgdw', { name: '江城警备区' }] });
    assert.equal(r.status, 201, r.text);
    const id = r.body.id;
    assert.equal((await who.lianluo_jdq.call('GET', `/api/v1/documents/${id}`)).status, 404, 'not before 核发');
    r = await distribute(id);
    assert.equal(r.body.status, 'distributed');
    const ev = await jdq.next((f) => f.event === 'inbox' && f.data?.item_id === id);
    assert.ok(ev, 'the district liaison gets the live event');
    // 各县（市、区）委 → the district committees; 市直各单位 → party and government units …
    for (const s of ['lianluo_jdq', 'liaison', 'liaison2', 'lianluo_zzb', 'lianluo_jyj']) {
      const item = await inboxHas(who[s], id);
      assert.ok(item, `${s} finds it in the 待办`);
      assert.equal(item.step, 'receive');
    }
    const notes = (await who.lianluo_jdq.call('GET', '/api/v1/notifications')).body.items.filter((n) => n.item_id === id);
    assert.ok(notes.length >= 1, 'and a notice');
    // … the issuing office itself not among them: the office has no 签收 to do
    assert.ok(!(await inboxHas(who.mishuke, id)).steps.includes('receive'));
    // 来文机关 as the receiving unit sees it: the issuer's name, not the series
    r = await who.lianluo_jdq.call('GET', `/api/v1/documents/${id}`);
    assert.equal(r.body.issuer_name, '中共江城市委员会');
    const page = await who.lianluo_jdq.call('GET', `/documents/${id}`);
    assert.match(page.text, /<dt>来文机关<\/dt><dd>中共江城市委员会<\/dd>/);
    const list = await who.lianluo_jdq.call('GET', '/documents?direction=incoming');
    assert.match(list.text, /中共江城市委员会/);
    // 签收: out of this unit's 待办, still in the others'
    r = await step(who.lianluo_jdq, id, 'receive');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.status, 'distributed');
    assert.equal(await inboxHas(who.lianluo_jdq, id), undefined);
    assert.equal((await step(who.lianluo_jdq, id, 'receive')).status, 403, 'once per unit');
    assert.ok(await inboxHas(who.liaison, id));
  } finally {
    jdq.close();
  }
});

test('each history entry shows the facts as they were; the PDF has the line and a filename from 文号 and title', async () => {
  let r = await draft({ title: '关于征求意见稿的通知', urgency: 'urgent', main_to: ['fgw'] });
  const id = r.body.id;
  r = await who.mishuke.call('PATCH', `/api/v1/documents/${id}`, { json: { title: '关于做好全市冬季安全生产工作的通知',
    main_to: ['gxw', 'swgbw'] } });
  assert.equal(r.status, 200, r.text);
  r = await distribute(id);
  const number = r.body.number;
  const h = r.body.history;
  assert.deepEqual(h.map((e) => e.action).slice(0, 3), ['create', 'edit', 'submit']);
  assert.equal(h[0].detail.facts.title, '关于征求意见稿的通知', 'the draft as it was');
  assert.equal(h[0].detail.facts.urgency, 'urgent');
  assert.equal(h[0].detail.facts.main_to_text, '市发展和改革委员会');
  assert.equal(h[0].detail.facts.number, undefined, 'no number yet');
  assert.equal(h[1].detail.facts.title, '关于做好全市冬季安全生产工作的通知');
  assert.equal(h[1].detail.facts.main_to_text, '各县（市、区）委，市委各部委');
  const numbered = h.find((e) => e.action === 'number');
  assert.equal(numbered.detail.facts.number, number);
  assert.equal(h.find((e) => e.action === 'sign').detail.facts.number, undefined, 'signed before numbering');
  const page = await who.mishuke.call('GET', `/documents/${id}`);
  const hist = page.text.slice(page.text.indexOf('history-heading'));
  assert.match(hist, /关于征求意见稿的通知/, 'the first step shows the first title');
  assert.ok(hist.indexOf('关于征求意见稿的通知') < hist.indexOf(number), `and no number before 编号: ${hist.slice(0, 3000)}`);

  const res = await fetch(`${srv.url}/api/v1/documents/${id}/pdf`, { headers: { cookie: who.mishuke.cookie } });
  assert.equal(res.status, 200);
  const disp = res.headers.get('content-disposition');
  assert.match(disp, /^inline; filename="document\.pdf"; filename\*=UTF-8''[^;\s"]+$/);
  assert.equal(decodeURIComponent(disp.match(/filename\*=UTF-8''(.+)$/)[1]), `${number} 关于做好全市冬季安全生产工作的通知.pdf`);
  const file = join(dir, 'doc.pdf');
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
  assert.ok(text.includes('各县（市、区）委，市委各部委：'), text.slice(0, 300));
});
