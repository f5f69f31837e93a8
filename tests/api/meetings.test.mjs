// Meetings (src/meet/) through a real `mishu serve` on the demo city: the meeting types as data
// (GET|PUT /api/v1/meetings/types) with their thresholds explained in words; only the security
// administrator changes them, every bad threshold refused with a 422 naming it, the five codes
// integrators rely on kept, and a change audited. On SQLite and PostgreSQL (MISHU_TEST_DB).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, rawSql } from '../lib/server.mjs';

const srv = await startServer({ demo: true });
after(async () => assert.equal(await srv.stop(), 0, srv.tail()));

const staff = await login(srv.url, 'mishuke');
const secadmin = await login(srv.url, 'secadmin');
const shuji = await login(srv.url, 'shuji');

test('the five meeting types are data, each voting type with its quorum in words', async () => {
  const r = await shuji.call('GET', '/api/v1/meetings/types');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.items.map((t) => t.code), ['quanwei', 'changwei', 'shuji', 'zhuanti', 'mishuzhang']);
  const cw = r.body.items.find((t) => t.code === 'changwei');
  assert.equal(cw.name.zh, '常委会');
  assert.deepEqual(cw.quorum, { num: 1, den: 2, cmp: 'gt' });
  assert.deepEqual(cw.pass, { num: 1, den: 2, cmp: 'gt', base: 'expected' });
  assert.equal(cw.quorum_words, '实到会人数须超过应到会人数的半数');
  assert.equal(cw.cadre_quorum_words, '实到会人数须达到应到会人数的三分之二');
  assert.equal(cw.principal_last, true);
  const en = await shuji.call('GET', '/api/v1/meetings/types', { headers: { 'Accept-Language': 'en' } });
  assert.equal(en.body.items[1].quorum_words, 'those present must be more than half of the members who should attend');
  assert.equal(r.body.items.find((t) => t.code === 'zhuanti').voting, false);
});

test('only the security administrator changes the rules; the change is kept and audited', async () => {
  const types = (await secadmin.call('GET', '/api/v1/meetings/types')).body;
  const cw = types.items.find((t) => t.code === 'changwei');
  cw.cadre_quorum = { num: 3, den: 4, cmp: 'ge' };
  cw.cadre_release_days = 5;
  let r = await staff.call('PUT', '/api/v1/meetings/types', { json: types });
  assert.equal(r.status, 403, r.text);
  r = await secadmin.call('PUT', '/api/v1/meetings/types', { json: types });
  assert.equal(r.status, 200, r.text);
  const back = r.body.items.find((t) => t.code === 'changwei');
  assert.deepEqual(back.cadre_quorum, { num: 3, den: 4, cmp: 'ge', base: 'expected' });
  assert.equal(back.cadre_quorum_words, '实到会人数须达到应到会人数的四分之三');
  assert.equal(back.cadre_release_days, 5);
  r = await shuji.call('GET', '/api/v1/meetings/types');
  assert.equal(r.body.items.find((t) => t.code === 'changwei').cadre_release_days, 5);
  const audit = rawSql(srv.db, "SELECT actor FROM audit WHERE action = 'meet.types'");
  assert.equal(audit.status, 0, audit.stderr);
  assert.match(audit.stdout, /secadmin/);
});

test('bad rules are refused with a 422 naming the field; nothing is lost', async () => {
  const good = (await secadmin.call('GET', '/api/v1/meetings/types')).body;
  const bad = [
    [(t) => { t.items[1].quorum = { num: 3, den: 2, cmp: 'gt' }; }, 'items[1].quorum', /^法定人数：分子不能大于分母。$/],
    [(t) => { t.items[1].pass = { num: 1, den: 2, cmp: 'more' }; }, 'items[1].pass', /^表决通过：比较方式为/],
    [(t) => { t.items[0].cadre_release_days = 31; }, 'items[0].cadre_release_days', /0至30个工作日/],
    [(t) => { t.items[2].code = 'Shu Ji'; }, 'items[2].code', /小写字母/],
    [(t) => { t.items[3].code = 'shuji'; }, 'items[3].code', /代码相同/],
    [(t) => { t.items.pop(); }, 'items', /mishuzhang/],
    [(t) => { t.items[1].name.zh = ''; }, 'items[1].name', /中文名称/],
    [(t) => { t.items[1].members = 'named'; }, 'items[1].members', /组织机构/],
    [(t) => { t.items = []; }, 'items', /1至20项/],
  ];
  for (const [change, field, message] of bad) {
    const t = structuredClone(good);
    change(t);
    const r = await secadmin.call('PUT', '/api/v1/meetings/types', { json: t });
    assert.equal(r.status, 422, `${field}: ${r.text}`);
    assert.equal(r.body.error.field, field, r.text);
    assert.match(r.body.error.message, message);
  }
  const r = await secadmin.call('PUT', '/api/v1/meetings/types', { body: '{"items":', headers: { 'Content-Type': 'application/json' } });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual((await secadmin.call('GET', '/api/v1/meetings/types')).body, good);
});
