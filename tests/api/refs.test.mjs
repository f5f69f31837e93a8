// One way to name things in request bodies (CONTRACT.md, "References in request bodies"): a unit,
// domain or person is given by its code or username, or by its numeric id, in every module; and
// every response carries both. Documents, tasks and the organisation through a real
// `mishu serve` on the demo city. SQLite and PostgreSQL (MISHU_TEST_DB).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, rawSql } from '../lib/server.mjs';

const srv = await startServer({ demo: true });
after(async () => { assert.equal(await srv.stop(), 0, srv.tail()); });

const mishuke = await login(srv.url, 'mishuke');
const duchashi = await login(srv.url, 'duchashi');
const units = (await mishuke.call('GET', '/api/v1/org/units')).body.items;
const domains = (await mishuke.call('GET', '/api/v1/org/domains')).body.items;
const unit = (code) => units.find((u) => u.code === code).id;
const domain = (code) => domains.find((d) => d.code === code).id;

const outgoing = { direction: 'outgoing', doc_type: '通知', title: '关于统一请求中引用方式的通知' };
const task = { source: 'meeting', content: '按会议要求推进重点项目', deadline_days: 10 };

test('a document names its recipients and domain by code and by id, mixed, and reads back both', async () => {
  let r = await mishuke.call('POST', '/api/v1/documents', { json: {
    ...outgoing, domain: domain('finance'), main_to: ['fgw', unit('czj')], cc_to: [unit('szfb')] } });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.body.main_to.map((u) => [u.code, u.id]), [['fgw', unit('fgw')], ['czj', unit('czj')]]);
  assert.deepEqual(r.body.cc_to.map((u) => [u.code, u.id]), [['szfb', unit('szfb')]]);
  assert.equal(r.body.domain, 'finance');
  assert.equal(r.body.domain_id, domain('finance'));
  assert.equal(r.body.domain_code, 'finance', 'the old key stays');
  assert.equal(r.body.created_by_username, 'mishuke');
  assert.equal(typeof r.body.created_by, 'number');
  const id = r.body.id;
  // a repeated unit, once by code and once by id, is one recipient
  r = await mishuke.call('PATCH', `/api/v1/documents/${id}`, { json: { main_to: [unit('fgw'), 'fgw'], domain: 'education' } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.main_to.map((u) => u.code), ['fgw']);
  assert.deepEqual([r.body.domain, r.body.domain_id], ['education', domain('education')]);
  r = await mishuke.call('GET', '/api/v1/documents?direction=outgoing');
  const listed = r.body.items.find((d) => d.id === id);
  assert.deepEqual([listed.domain, listed.domain_id], ['education', domain('education')]);
});

test('a task names its lead unit by id or by code and carries both', async () => {
  let r = await duchashi.call('POST', '/api/v1/tasks', { json: { ...task, lead_unit: unit('fgw'), co_units: ['czj', unit('jyj')], domain: domain('finance') } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.lead_unit, 'fgw');
  assert.equal(r.body.lead_unit_id, unit('fgw'));
  assert.deepEqual([r.body.domain, r.body.domain_id], ['finance', domain('finance')]);
  assert.deepEqual(r.body.co_units.map((u) => u.code).sort(), ['czj', 'jyj']);
  assert.ok(r.body.co_units.every((u) => u.id === unit(u.code)));
  assert.ok(r.body.leader_id, 'routing found the responsible leader from a domain given by id');
  const byId = r.body;
  r = await duchashi.call('POST', '/api/v1/tasks', { json: { ...task, lead_unit: 'fgw', domain: 'finance' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.lead_unit, 'fgw');
  assert.equal(r.body.lead_unit_id, unit('fgw'));
  assert.equal(r.body.leader_id, byId.leader_id, 'the same leader whichever way the domain was named');
  r = await duchashi.call('GET', '/api/v1/tasks');
  assert.ok(r.body.items.every((t) => t.lead_unit_id === unit(t.lead_unit)));
  r = await duchashi.call('GET', '/api/v1/tasks/stats');
  assert.equal(r.status, 200, r.text);
  assert.ok(r.body.units.length && r.body.units.every((u) => u.unit_id === unit(u.unit)));
});

test('an unknown code or id is a 422 naming the field', async () => {
  const n = rawSql(srv.db, 'SELECT count(*) FROM item').stdout.trim();
  for (const [path, who, body, field] of [
    ['/api/v1/tasks', duchashi, { ...task, lead_unit: 'nowhere' }, 'lead_unit'],
    ['/api/v1/tasks', duchashi, { ...task, lead_unit: 999999 }, 'lead_unit'],
    ['/api/v1/tasks', duchashi, { ...task, lead_unit: 0 }, 'lead_unit'],
    ['/api/v1/tasks', duchashi, { ...task, lead_unit: 'fgw', co_units: ['czj', 'nowhere'] }, 'co_units'],
    ['/api/v1/tasks', duchashi, { ...task, lead_unit: 'fgw', co_units: [unit('fgw')] }, 'co_units'],
    ['/api/v1/tasks', duchashi, { ...task, lead_unit: 'fgw', domain: 'nowhere' }, 'domain'],
    ['/api/v1/documents', mishuke, { ...outgoing, main_to: ['fgw', 999999] }, 'main_to'],
    ['/api/v1/documents', mishuke, { ...outgoing, cc_to: ['nowhere'] }, 'cc_to'],
    ['/api/v1/documents', mishuke, { ...outgoing, domain: -3 }, 'domain'],
  ]) {
    const r = await who.call('POST', path, { json: body });
    assert.equal(r.status, 422, `${path} ${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.body.error.code, 'invalid');
    assert.equal(r.body.error.field, field, JSON.stringify(body));
  }
  // a string of digits is a code, never an id, and the message says how to give an id
  const r = await duchashi.call('POST', '/api/v1/tasks', { json: { ...task, lead_unit: String(unit('fgw')) }, headers: { 'accept-language': 'en' } });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'lead_unit');
  assert.match(r.body.error.message, /as a number/);
  assert.equal(rawSql(srv.db, 'SELECT count(*) FROM item').stdout.trim(), n, 'nothing was written');
});

test('a reference of the wrong type is a 422 naming the field', async () => {
  for (const bad of [{ code: 'fgw' }, 7.5, true, ['fgw']]) {
    let r = await duchashi.call('POST', '/api/v1/tasks', { json: { ...task, lead_unit: bad } });
    assert.equal(r.status, 422, JSON.stringify(bad));
    assert.equal(r.body.error.field, 'lead_unit');
    r = await duchashi.call('POST', '/api/v1/tasks', { json: { ...task, lead_unit: 'fgw', domain: bad } });
    assert.equal(r.status, 422, JSON.stringify(bad));
    assert.equal(r.body.error.field, 'domain');
    r = await mishuke.call('POST', '/api/v1/documents', { json: { ...outgoing, main_to: ['fgw', bad] } });
    assert.equal(r.status, 422, JSON.stringify(bad));
    assert.equal(r.body.error.field, 'main_to');
  }
  for (const bad of [null, '', false]) {
    const r = await mishuke.call('POST', '/api/v1/documents', { json: { ...outgoing, cc_to: [bad] } });
    assert.equal(r.status, 422, `an entry names something: ${JSON.stringify(bad)}`);
    assert.equal(r.body.error.field, 'cc_to');
  }
  let r = await mishuke.call('POST', '/api/v1/documents', { json: { ...outgoing, main_to: 'fgw' } });
  assert.equal(r.status, 422, 'a list is an array');
  assert.equal(r.body.error.field, 'main_to');
  r = await duchashi.call('POST', '/api/v1/tasks', { json: { ...task } });
  assert.equal(r.status, 422, 'the lead unit is required');
  assert.equal(r.body.error.field, 'lead_unit');
});

test('an overlong list is a 422 naming the field', async () => {
  let r = await duchashi.call('POST', '/api/v1/tasks', { json: { ...task, lead_unit: 'fgw', co_units: Array(51).fill('czj') } });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'co_units');
  r = await mishuke.call('POST', '/api/v1/documents', { json: { ...outgoing, main_to: Array(501).fill(unit('fgw')) } });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'main_to');
  r = await mishuke.call('POST', '/api/v1/documents', { json: { ...outgoing, main_to: Array(500).fill('fgw') } });
  assert.equal(r.status, 201, 'the cap itself is allowed');
  assert.deepEqual(r.body.main_to.map((u) => u.code), ['fgw']);
});

test('the organisation takes ids too: a unit\'s domain, a domain\'s parent, a leader\'s links', async () => {
  let r = await mishuke.call('POST', '/api/v1/org/units', { json: { code: 'refs_unit', name: '引用测试单位', domain: domain('finance') } });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual([r.body.domain_code, r.body.domain_id], ['finance', domain('finance')]);
  r = await mishuke.call('POST', '/api/v1/org/domains', { json: { code: 'refs_child', name: '引用测试领域', parent: domain('finance') } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.parent_code, 'finance');
  r = await mishuke.call('POST', '/api/v1/org/units', { json: { code: 'refs_bad', name: '引用测试', domain: 3.5 } });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'domain');
  const leaders = (await mishuke.call('GET', '/api/v1/org/leaders')).body.items;
  const zz = leaders.find((l) => l.username === 'zuzhi');
  const people = (await mishuke.call('GET', '/api/v1/org/people?q=办公室主任')).body.items;
  const bgszr = people.find((p) => p.username === 'bgszr');
  r = await mishuke.call('PATCH', `/api/v1/org/leaders/${zz.id}`, { json: {
    units: [{ unit: unit('zzb'), relation: 'works_in' }], assistant: bgszr.user_id, links_from: '2026-11-02' } });
  assert.equal(r.status, 200, r.text);
  r = await mishuke.call('GET', `/api/v1/org/leaders/${zz.id}?on=2026-11-02`);
  assert.deepEqual(r.body.units.map((u) => [u.code, u.id]), [['zzb', unit('zzb')]]);
  assert.equal(r.body.assistant.username, 'bgszr');
  assert.ok(r.body.assignments.every((a) => a.domain_id === domain(a.domain_code)));
  r = await mishuke.call('PATCH', `/api/v1/org/leaders/${zz.id}`, { json: { assistant: { username: 'bgszr' } } });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'assistant');
});
