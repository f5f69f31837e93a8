// The full committee (全委会): the 常委 and the other members of the committee (全委会委员) in
// office on a day (GET /api/v1/org/committee), kept by the office (POST, PATCH), and the
// 全委会 calling all of them with its own quorum (more than two thirds) while the 常委会 still
// calls the 常委 only. Bad input, a 常委's account and the unauthorised are refused. SQLite and
// PostgreSQL.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login } from '../lib/server.mjs';

const srv = await startServer({ demo: true });
after(async () => { if (process.env.SHOWLOG) console.log(srv.log()); assert.equal(await srv.stop(), 0, srv.tail()); });

const staff = await login(srv.url, 'mishuke');
const shuji = await login(srv.url, 'shuji');
const liaison = await login(srv.url, 'liaison');

test('the full committee is the 常委 then the other members, on the day asked', async () => {
  const r = await shuji.call('GET', '/api/v1/org/committee?on=2027-01-10');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.items.length, 22);
  assert.deepEqual(r.body.items.slice(0, 12).map((m) => m.standing), Array(12).fill(true));
  assert.equal(r.body.items[0].name, '王建国');
  assert.equal(r.body.items[12].name, '刘德明');
  assert.equal(r.body.items[12].kind, 'committee');
  assert.equal(r.body.items[12].title, '江城县委书记');
  assert.equal((await shuji.call('GET', '/api/v1/org/committee?on=2020-01-01')).body.items.length, 0, 'before the term');
  assert.equal((await shuji.call('GET', '/api/v1/org/committee?on=2027-13-01')).status, 422);
});

test('a 全委会 calls the whole committee and needs more than two thirds present; a 常委会 the 常委 only', async () => {
  let r = await staff.call('POST', '/api/v1/meetings', { json: { type: 'quanwei', title: '中共江城市委十三届十次全会', starts_at: '2027-01-15T09:00', room: '市委大礼堂' } });
  assert.equal(r.status, 201, r.text);
  const m = r.body;
  assert.equal(m.members.length, 22);
  assert.equal(m.members.filter((x) => x.voting).length, 22);
  assert.equal(m.attendance.expected, 22);
  assert.equal(m.attendance.rule, '实到会人数须超过应到会人数的三分之二');
  const path = (rest) => `/api/v1/meetings/${m.id}${rest}`;
  assert.equal((await staff.call('POST', path('/actions/notify'), { json: {} })).status, 200);
  const names = m.members.map((x) => x.username);
  for (const u of [...names.slice(0, 12), names[13]]) assert.equal((await staff.call('POST', path('/attendance'), { json: { username: u, status: 'present' } })).status, 200);
  // a member of the committee checks in for themselves
  const county = await login(srv.url, 'liudeming');
  assert.equal((await county.call('GET', path(''))).status, 200, 'a member sees the meeting');
  assert.equal((await county.call('POST', path('/attendance'), { json: { status: 'present' } })).status, 200);
  r = await staff.call('POST', path('/actions/open'), { json: {} });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.error.code, 'quorum_not_met');
  assert.match(r.body.error.message, /应到会22人，实到会14人/);
  assert.equal((await staff.call('POST', path('/attendance'), { json: { username: names[14], status: 'present' } })).status, 200);
  r = await shuji.call('POST', path('/actions/open'), { json: {} });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.attendance.present, 15);

  r = await staff.call('POST', '/api/v1/meetings', { json: { type: 'changwei', title: '市委常委会2027年第2次会议', starts_at: '2027-01-16T09:00', room: '市委第一会议室' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.members.length, 12);
  assert.ok(!r.body.members.some((x) => x.username === 'liudeming'));
});

test('the office adds and ends a member; bad input, a 常委\'s account and the unauthorised are refused', async () => {
  const add = (who, json) => who.call('POST', '/api/v1/org/committee', { json });
  const good = { username: 'duchashi', name: '马国栋', title: '江城高新区党工委书记', rank: 11, valid_from: '2027-02-01' };
  assert.equal((await add(liaison, good)).status, 403);
  for (const [bad, field] of [
    [{ ...good, rank: undefined }, 'rank'],
    [{ ...good, rank: 0 }, 'rank'],
    [{ ...good, name: '' }, 'name'],
    [{ ...good, title: 'x'.repeat(81) }, 'title'],
    [{ ...good, valid_from: '2027-02-30' }, 'valid_from'],
    [{ ...good, valid_to: '2027-01-01' }, 'valid_to'],
    [{ ...good, username: 'nobody' }, 'username'],
    [{ ...good, username: 'changwu' }, 'username'],
  ]) {
    const r = await add(staff, bad);
    assert.equal(r.status, 422, `${JSON.stringify(bad)}: ${r.text}`);
    assert.equal(r.body.error.field, field, r.text);
  }
  assert.equal((await staff.call('GET', '/api/v1/org/committee?on=2027-02-02')).body.items.length, 22, 'nothing was added');
  let r = await add(staff, good);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.username, 'duchashi');
  const id = r.body.id;
  assert.equal((await staff.call('GET', '/api/v1/org/committee?on=2027-01-31')).body.items.length, 22);
  const on = (await staff.call('GET', '/api/v1/org/committee?on=2027-02-02')).body.items;
  assert.equal(on.length, 23);
  assert.equal(on[22].name, '马国栋', 'after the others by rank');
  r = await staff.call('PATCH', `/api/v1/org/committee/${id}`, { json: { valid_to: '2027-06-30' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.valid_to, '2027-06-30');
  assert.equal((await staff.call('GET', '/api/v1/org/committee?on=2027-07-01')).body.items.length, 22);
  assert.equal((await staff.call('PATCH', '/api/v1/org/committee/99999', { json: { rank: 3 } })).status, 404);
});
