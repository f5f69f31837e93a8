// Several `mishu serve` processes on one database, as behind nginx: a session made through one
// process works through the other, and official numbers taken concurrently through both are
// gapless and unique. Runs on PostgreSQL (the multi-node store) and on SQLite (WAL, one file).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, login, dbKind } from '../lib/server.mjs';

const a = await startServer({ demo: true });
const b = await startServer({ db: a.db, init: false });
after(async () => {
  assert.equal(await b.stop(), 0, b.tail());
  assert.equal(await a.stop(), 0, a.tail());
});

test(`two processes share one ${dbKind} database`, async () => {
  const ha = await api(a.url, 'GET', '/healthz');
  const hb = await api(b.url, 'GET', '/healthz');
  assert.equal(ha.body.db, dbKind);
  assert.equal(hb.body.db, dbKind);
  assert.notEqual(a.url, b.url);
});

test('a session made through one process is valid in the other, and logout there ends it', async () => {
  const s = await login(a.url, 'mishuke');
  assert.equal(s.status, 200);
  const headers = { cookie: s.cookie };
  const me = await api(b.url, 'GET', '/api/v1/me', { headers });
  assert.equal(me.status, 200);
  assert.equal(me.body.user.username, 'mishuke');
  // A state change through B with the CSRF token A handed out.
  const tok = await api(b.url, 'POST', '/api/v1/me/tokens', { json: { name: 'via B' }, headers: { ...headers, 'x-csrf-token': s.csrf } });
  assert.equal(tok.status, 201);
  const del = await api(b.url, 'DELETE', '/api/v1/session', { headers: { ...headers, 'x-csrf-token': s.csrf } });
  assert.equal(del.status, 200);
  assert.equal((await api(a.url, 'GET', '/api/v1/me', { headers })).status, 401);
});

test('200 numbers taken concurrently through both processes are 1..200, no gap, no duplicate', async () => {
  const series = `test.${dbKind}`;
  const take = (srv) => api(srv.url, 'POST', '/api/v1/_test/numbers', { json: { series } });
  const calls = [];
  for (let i = 0; i < 100; i++) calls.push(take(a), take(b));
  const rs = await Promise.all(calls);
  const bad = rs.filter((r) => r.status !== 200);
  assert.equal(bad.length, 0, bad.map((r) => r.text).slice(0, 3).join('\n'));
  const ns = rs.map((r) => r.body.n).sort((x, y) => x - y);
  assert.deepEqual(ns, Array.from({ length: 200 }, (_, i) => i + 1));
});

test('the audit trail written by both processes is one intact chain', async () => {
  const aud = await login(b.url, 'auditor');
  const r = await aud.call('GET', '/api/v1/audit/verify');
  assert.equal(r.status, 200);
  assert.equal(r.body.intact, true, r.body.problem);
});
