// An agenda item before the meeting: proposed for a unit through the leader in charge of its
// domain, its consultation before the meeting (会前沟通) recorded and required of a cadre item,
// and its materials: filed by the office, read by the members; a cadre item's only by the voting
// members from N working days before the meeting (the type's cadre_release_days) and by the one
// who filed them. Bad uploads get a 4xx naming the field. SQLite and PostgreSQL.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login } from '../lib/server.mjs';

const srv = await startServer({ demo: true });
after(async () => { if (process.env.SHOWLOG) console.log(srv.log()); assert.equal(await srv.stop(), 0, srv.tail()); });

const staff = await login(srv.url, 'mishuke');
const huiwu = await login(srv.url, 'huiwuke');
const shuji = await login(srv.url, 'shuji');
const shizhang = await login(srv.url, 'shizhang');
const zuzhi = await login(srv.url, 'zuzhi');
const liaison = await login(srv.url, 'liaison');

const mpath = (id, rest = '') => `/api/v1/meetings/${id}${rest}`;
const item = (who, id, n, action, json = {}) => who.call('POST', mpath(id, `/agenda/${n}/actions/${action}`), { json });
const files = (...list) => {
  const form = new FormData();
  for (const [name, content] of list) form.append('file', new Blob([Buffer.from(content)]), name);
  return form;
};
const download = (who, id, n, mid) => fetch(`${srv.url}${mpath(id, `/agenda/${n}/materials/${mid}`)}`, { headers: { cookie: who.cookie } });

// YYYY-MM-DD of the day DAYS from today (office time is the machine's in the tests).
function day(days) {
  const d = new Date(Date.now() + days * 86400000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function meeting(title, date) {
  const r = await staff.call('POST', '/api/v1/meetings', { json: { type: 'changwei', title, starts_at: `${date}T15:00` } });
  assert.equal(r.status, 201, r.text);
  return r.body.id;
}

test('a unit proposes through the leader in charge of its domain, who consents first', async () => {
  const id = await meeting('市委常委会2027年第2次会议', '2027-02-03');
  let r = await staff.call('POST', mpath(id, '/agenda'), { json: { title: '关于2027年度干部教育培训计划的议题', unit: 'zzb' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.unit, 'zzb');
  assert.equal(r.body.unit_name, '市委组织部');
  assert.equal(r.body.leader_username, 'zuzhi', 'the leader in charge of 组织 that day');
  assert.ok(r.body.leader_reason.length > 0, 'the reason is shown');
  assert.equal(r.body.status, 'proposed');
  assert.equal(r.body.actions.includes('consent'), false, 'the office does not consent for the leader');
  assert.equal((await item(shuji, id, r.body.n, 'consent')).status, 403);
  r = await item(zuzhi, id, r.body.n, 'consent');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'consented');
  r = await staff.call('POST', mpath(id, '/agenda'), { json: { title: '关于某事项的议题', unit: 'nosuchunit' } });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'unit');
});

test('the consultation before the meeting is recorded, dated and signed; a cadre item needs it', async () => {
  const id = await meeting('市委常委会2027年第3次会议', '2027-02-10');
  let r = await staff.call('POST', mpath(id, '/agenda'), { json: { title: '关于市管干部任免的议题', kind: 'cadre', domain: 'organization' } });
  assert.equal(r.status, 201, r.text);
  const n = r.body.n;
  assert.equal((await item(zuzhi, id, n, 'consent')).status, 200);
  r = await item(shuji, id, n, 'approve');
  assert.equal(r.status, 409, r.text);
  assert.match(r.body.error.message, /会前沟通/);
  r = await item(staff, id, n, 'consult', { opinion: '' });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'opinion');
  r = await item(liaison, id, n, 'consult', { opinion: '已沟通' });
  assert.equal(r.status, 404, 'a liaison does not see the meeting');
  r = await item(staff, id, n, 'consult', { opinion: '书记与市长、副书记、组织部长就人选进行了酝酿，意见一致。' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'consented', 'the state stays');
  r = await item(zuzhi, id, n, 'consult', { opinion: '已听取分管市领导意见。' });
  assert.equal(r.status, 200, r.text);
  const lines = r.body.consultation.split('\n');
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^\d{4}-\d{2}-\d{2} 陈静：书记与市长/);
  assert.match(lines[1], /^\d{4}-\d{2}-\d{2} 吴海峰：已听取/);
  r = await item(shuji, id, n, 'approve');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'scheduled');
  const m = await shuji.call('GET', mpath(id));
  assert.ok(m.body.agenda[0].steps !== undefined);
});

test('materials: filed by the office, read by the members; bad files refused by field', async () => {
  const id = await meeting('市委常委会2027年第4次会议', '2027-02-17');
  let r = await staff.call('POST', mpath(id, '/agenda'), { json: { title: '关于全市营商环境优化提升行动方案的议题', domain: 'development_reform' } });
  const n = r.body.n;
  r = await staff.call('POST', mpath(id, `/agenda/${n}/materials`), { body: files(['行动方案（送审稿）.pdf', '%PDF-1.4 营商环境'], ['起草说明.docx', 'docx']) });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.materials.count, 2);
  assert.equal(r.body.materials.restricted, false);
  assert.deepEqual(r.body.materials.files.map((f) => f.filename), ['行动方案（送审稿）.pdf', '起草说明.docx']);
  const mid = r.body.materials.files[0].id;
  let dl = await download(shizhang, id, n, mid);
  assert.equal(dl.status, 200);
  assert.equal(await dl.text(), '%PDF-1.4 营商环境');
  assert.equal((await download(liaison, id, n, mid)).status, 404, 'not to who does not see the meeting');
  assert.equal((await download(shizhang, id, n, 999999)).status, 404);
  for (const [form, why] of [
    [files(['病毒.exe', 'MZ']), /PDF/],
    [files(['空.pdf', '']), /空/],
    [new FormData(), /选择/],
  ]) {
    r = await staff.call('POST', mpath(id, `/agenda/${n}/materials`), { body: form });
    assert.equal(r.status, 422, r.text);
    assert.equal(r.body.error.field, 'file');
    assert.match(r.body.error.message, why);
  }
  r = await staff.call('POST', mpath(id, `/agenda/${n}/materials`), { body: files(['大文件.pdf', Buffer.alloc(21 * 1024 * 1024, 0x41)]) });
  assert.ok(r.status === 413 || r.status === 422, `oversized: ${r.status}`);
  r = await liaison.call('POST', mpath(id, `/agenda/${n}/materials`), { body: files(['说明.pdf', 'x']) });
  assert.equal(r.status, 404);
  r = await shizhang.call('POST', mpath(id, `/agenda/${n}/materials`), { body: files(['说明.pdf', 'x']) });
  assert.equal(r.status, 403, 'a member who is neither proposer, leader nor chair');
  r = await staff.call('GET', mpath(id, `/agenda`));
  assert.equal(r.body.items[0].materials.count, 2, 'nothing stored by the refusals');
  r = await item(staff, id, n, 'withdraw', { opinion: '方案需进一步修改' });
  assert.equal(r.status, 200, r.text);
  r = await staff.call('POST', mpath(id, `/agenda/${n}/materials`), { body: files(['补充.pdf', 'x']) });
  assert.equal(r.status, 409, 'a withdrawn item takes no more materials');
});

test('a cadre item\'s materials go to the voting members only, from N working days before', async () => {
  const soon = await meeting('市委常委会（干部任免）近期会议', day(1));
  const later = await meeting('市委常委会（干部任免）远期会议', day(60));
  const ids = {};
  for (const id of [soon, later]) {
    const r = await staff.call('POST', mpath(id, '/agenda'), { json: { title: '关于市直部门领导干部任免的议题', kind: 'cadre', unit: 'zzb' } });
    assert.equal(r.status, 201, r.text);
    const up = await staff.call('POST', mpath(id, `/agenda/${r.body.n}/materials`), { body: files(['考察材料.pdf', '%PDF 考察材料']) });
    assert.equal(up.status, 201, up.text);
    assert.equal(up.body.materials.restricted, true);
    assert.equal(up.body.materials.files.length, 1, 'the one who filed it reads it');
    ids[id] = { n: r.body.n, mid: up.body.materials.files[0].id, release: up.body.materials.release_on };
  }
  // released (the meeting is tomorrow: 2 working days before has passed)
  let r = await shizhang.call('GET', mpath(soon, '/agenda'));
  assert.equal(r.body.items[0].materials.released, true);
  assert.equal(r.body.items[0].materials.files.length, 1);
  assert.equal((await download(shizhang, soon, ids[soon].n, ids[soon].mid)).status, 200);
  // a staff member who did not file it is not a voting member
  r = await huiwu.call('GET', mpath(soon, '/agenda'));
  assert.equal(r.body.items[0].materials.files.length, 0);
  assert.equal(r.body.items[0].materials.withheld, 1);
  assert.equal(JSON.stringify(r.body.items[0].materials).includes('考察材料'), false, 'not even the name');
  let dl = await download(huiwu, soon, ids[soon].n, ids[soon].mid);
  assert.equal(dl.status, 403);
  assert.match((await dl.json()).error.message, /表决成员/);
  // not yet released: the voting members see that there is one and when it comes
  r = await shizhang.call('GET', mpath(later, '/agenda'));
  const mat = r.body.items[0].materials;
  assert.equal(mat.released, false);
  assert.equal(mat.withheld, 1);
  assert.match(mat.release_on, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(mat.release_on < day(60) && mat.release_on > day(50), mat.release_on);
  dl = await download(shizhang, later, ids[later].n, ids[later].mid);
  assert.equal(dl.status, 403);
  assert.match((await dl.json()).error.message, new RegExp(mat.release_on));
  assert.equal((await download(staff, later, ids[later].n, ids[later].mid)).status, 200, 'the filer');
});
