// Identity, access control and the audit trail through a real `mishu serve` on the demo city:
// sign-in and sessions, CSRF, API tokens, 三员分立, item visibility (IDOR), tamper-evident audit.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, api, login, mishu, rawSql, dbKind, DEMO_PASSWORD } from '../lib/server.mjs';

const srv = await startServer({ demo: true });
after(async () => { assert.equal(await srv.stop(), 0, srv.tail()); });

// Every test here signs in from 127.0.0.1; a few failures are deliberate, so the security
// administrator first allows more before a captcha (bruteforce.test.mjs tests the defaults).
test('the security administrator reads and sets the policy, within bounds', async () => {
  const sec = await login(srv.url, 'secadmin');
  let r = await sec.call('GET', '/api/v1/security/policy');
  assert.equal(r.status, 200);
  assert.equal(r.body.password_min_length, 10);
  assert.equal(r.body.captcha_after, 3);
  assert.equal(r.body.lockout_threshold, 5);
  assert.equal(r.body.session_idle, 1800);
  r = await sec.call('PUT', '/api/v1/security/policy', { json: { password_min_length: 4 } });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'password_min_length');
  r = await sec.call('PUT', '/api/v1/security/policy', { json: { captcha_after: 'ten' } });
  assert.equal(r.status, 422);
  r = await sec.call('PUT', '/api/v1/security/policy', { json: { captcha_after: 10, lockout_threshold: 20, address_limit: 200 } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.captcha_after, 10);
  assert.equal(r.body.password_min_length, 10);
});

test('a good sign-in sets an HttpOnly SameSite=Lax session cookie and returns the user', async () => {
  const s = await login(srv.url, 'shuji');
  assert.equal(s.status, 200);
  assert.match(s.setCookie, /^mishu_session=[A-Za-z0-9_-]{40,};/);
  assert.match(s.setCookie, /HttpOnly/);
  assert.match(s.setCookie, /SameSite=Lax/);
  assert.match(s.setCookie, /Path=\//);
  assert.doesNotMatch(s.setCookie, /Secure/);
  assert.equal(s.user.username, 'shuji');
  assert.deepEqual(s.user.roles, ['leader']);
  assert.ok(s.csrf.length >= 40);
  const me = await s.call('GET', '/api/v1/me');
  assert.equal(me.status, 200);
  assert.equal(me.body.user.username, 'shuji');
  assert.equal(me.headers.get('cache-control'), 'no-store');
});

test('behind TLS (X-Forwarded-Proto: https) the cookie is Secure', async () => {
  const r = await api(srv.url, 'POST', '/api/v1/session', { json: { username: 'fushuji', password: DEMO_PASSWORD }, headers: { 'x-forwarded-proto': 'https' } });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('set-cookie'), /; Secure/);
});

test('the session is stored only as a hash', async () => {
  const s = await login(srv.url, 'mishuke');
  const token = s.cookie.split('=')[1];
  const out = rawSql(srv.db, 'SELECT token_hash FROM session');
  assert.equal(out.status, 0, out.stderr);
  assert.ok(out.stdout.trim().length > 0);
  assert.ok(!out.stdout.includes(token));
  const pw = rawSql(srv.db, "SELECT password_hash FROM user_account WHERE username = 'mishuke'");
  assert.match(pw.stdout, /^\$argon2id\$/);
});

test('wrong password and unknown user both get the same 401', async () => {
  const a = await api(srv.url, 'POST', '/api/v1/session', { json: { username: 'xinxike', password: 'wrong-password-1' } });
  const b = await api(srv.url, 'POST', '/api/v1/session', { json: { username: 'nobody-here', password: 'wrong-password-1' } });
  assert.equal(a.status, 401);
  assert.equal(b.status, 401);
  assert.equal(a.body.error.code, 'invalid_credentials');
  assert.equal(a.body.error.message, b.body.error.message);
  // A good sign-in afterwards still works (two failures from this address: no captcha yet).
  assert.equal((await login(srv.url, 'xinxike')).status, 200);
});

test('malformed sign-in bodies are 400/422, never 500', async () => {
  let r = await api(srv.url, 'POST', '/api/v1/session', { body: '{"username":', headers: { 'content-type': 'application/json' } });
  assert.equal(r.status, 400);
  r = await api(srv.url, 'POST', '/api/v1/session', { json: ['shuji'] });
  assert.equal(r.status, 422);
  r = await api(srv.url, 'POST', '/api/v1/session', { json: { username: 'shuji' } });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'password');
  r = await api(srv.url, 'POST', '/api/v1/session', { json: { username: 5, password: 6 } });
  assert.equal(r.status, 422);
});

test('without a session the API answers 401 and pages redirect to /login', async () => {
  const r = await api(srv.url, 'GET', '/api/v1/me');
  assert.equal(r.status, 401);
  assert.equal(r.body.error.code, 'unauthenticated');
  const page = await fetch(srv.url + '/', { redirect: 'manual' });
  assert.equal(page.status, 303);
  assert.equal(page.headers.get('location'), '/login?next=/');
  const forged = await api(srv.url, 'GET', '/api/v1/me', { headers: { cookie: 'mishu_session=' + 'A'.repeat(43) } });
  assert.equal(forged.status, 401);
});

test('CSRF: a cookie-authenticated change without or with a wrong X-CSRF-Token is 403', async () => {
  const s = await login(srv.url, 'zhiban');
  let r = await s.call('POST', '/api/v1/me/tokens', { json: { name: 'x' }, csrf: false });
  assert.equal(r.status, 403);
  assert.equal(r.body.error.code, 'csrf');
  r = await s.call('POST', '/api/v1/me/tokens', { json: { name: 'x' }, headers: { 'x-csrf-token': 'not-the-token' } });
  assert.equal(r.status, 403);
  r = await s.call('POST', '/api/v1/me/tokens', { json: { name: 'x' } });
  assert.equal(r.status, 201);
});

test('logout ends the session on the server', async () => {
  const s = await login(srv.url, 'duchashi');
  assert.equal((await s.call('DELETE', '/api/v1/session')).status, 200);
  assert.equal((await s.call('GET', '/api/v1/me')).status, 401);
});

test('API tokens: created once, work without CSRF, are audited, and stop working when revoked', async () => {
  const s = await login(srv.url, 'mishuzhang');
  const created = await s.call('POST', '/api/v1/me/tokens', { json: { name: '集成测试' } });
  assert.equal(created.status, 201);
  assert.match(created.body.token, /^mishu_[A-Za-z0-9_-]{43}$/);
  const bearer = { authorization: `Bearer ${created.body.token}` };
  let me = await api(srv.url, 'GET', '/api/v1/me', { headers: bearer });
  assert.equal(me.status, 200);
  assert.equal(me.body.user.username, 'mishuzhang');
  assert.equal(me.body.csrf_token, undefined);
  const list = await s.call('GET', '/api/v1/me/tokens');
  assert.equal(list.body.items.length, 1);
  assert.equal(list.body.items[0].name, '集成测试');
  assert.equal(list.body.items[0].token, undefined);
  assert.ok(list.body.items[0].last_used_at > 0);
  // A state-changing call with the token needs no CSRF header.
  const t2 = await api(srv.url, 'POST', '/api/v1/me/tokens', { json: { name: 'second' }, headers: bearer });
  assert.equal(t2.status, 201);
  const rev = await s.call('DELETE', `/api/v1/me/tokens/${created.body.id}`);
  assert.equal(rev.status, 200);
  me = await api(srv.url, 'GET', '/api/v1/me', { headers: bearer });
  assert.equal(me.status, 401);
  assert.equal(me.body.error.code, 'invalid_token');
  // Another user cannot revoke someone else's token.
  const other = await login(srv.url, 'fushuji');
  assert.equal((await other.call('DELETE', `/api/v1/me/tokens/${t2.body.id}`)).status, 404);
  const aud = await login(srv.url, 'auditor');
  const trail = await aud.call('GET', '/api/v1/audit?action=token.use');
  assert.ok(trail.body.items.some((e) => e.actor === 'mishuzhang'));
});

test('mishu token create prints a working token', async () => {
  const r = mishu(['token', 'create', '--db', srv.db, '--username', 'xinxike']);
  assert.equal(r.status, 0, r.stderr);
  const token = r.stdout.trim();
  const me = await api(srv.url, 'GET', '/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
  assert.equal(me.body.user.username, 'xinxike');
  assert.equal(mishu(['token', 'create', '--db', srv.db, '--username', 'ghost']).status, 1);
});

test('三员分立: no account may hold two administrator roles', async () => {
  const sec = await login(srv.url, 'secadmin');
  const users = (await login(srv.url, 'admin')).call;
  const list = await users('GET', '/api/v1/users?limit=100');
  const auditor = list.body.items.find((u) => u.username === 'auditor');
  const r = await sec.call('PUT', `/api/v1/users/${auditor.id}/roles`, { json: { roles: ['auditor', 'sysadmin'] } });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.code, 'three_admins');
  const pw = join(srv.dir, 'pw');
  (await import('node:fs')).writeFileSync(pw, 'Str0ng-Passw0rd!\n');
  const cli = mishu(['user', 'add', '--db', srv.db, '--username', 'double', '--name', '双', '--role', 'sysadmin', '--role', 'auditor', '--password-file', pw]);
  assert.equal(cli.status, 1);
  assert.match(cli.stderr, /three different accounts/);
  // The database itself refuses it too, behind the program's back.
  const raw = rawSql(srv.db, `INSERT INTO user_role (user_id, role) VALUES (${auditor.id}, 'secadmin')`);
  assert.notEqual(raw.status, 0);
  assert.match(raw.stderr, /three_admins/);
});

test('administrators land on their own pages and see only their own navigation', async () => {
  for (const [who, home, shows, hides] of [
    ['admin', '/admin/users', '/admin/users', '/audit'],
    ['secadmin', '/security/roles', '/security/policy', '/admin/users'],
    ['auditor', '/audit', '/audit', '/security/roles'],
  ]) {
    const s = await login(srv.url, who);
    const r = await fetch(srv.url + '/', { headers: { cookie: s.cookie }, redirect: 'manual' });
    assert.equal(r.status, 303, who);
    assert.equal(r.headers.get('location'), home, who);
    const page = await (await fetch(srv.url + home, { headers: { cookie: s.cookie } })).text();
    const nav = page.slice(page.indexOf('<nav'), page.indexOf('</nav>'));
    assert.match(nav, new RegExp(`href="${shows}"`), who);
    assert.doesNotMatch(nav, new RegExp(`href="${hides}"`), who);
    assert.doesNotMatch(nav, /href="\/documents"/, who);
  }
  const staff = await login(srv.url, 'mishuke');
  const home = await fetch(srv.url + '/', { headers: { cookie: staff.cookie } });
  assert.equal(home.status, 200);
  assert.match(await home.text(), /href="\/documents"/);
});

test('三员分立: each administrator can do only their own job', async () => {
  const admin = await login(srv.url, 'admin');
  const sec = await login(srv.url, 'secadmin');
  const aud = await login(srv.url, 'auditor');
  // sysadmin: accounts yes; audit, policy and roles no.
  assert.equal((await admin.call('GET', '/api/v1/users')).status, 200);
  assert.equal((await admin.call('GET', '/api/v1/audit')).status, 403);
  assert.equal((await admin.call('GET', '/api/v1/security/policy')).status, 403);
  assert.equal((await admin.call('PUT', '/api/v1/users/1/roles', { json: { roles: ['staff'] } })).status, 403);
  // secadmin: policy and roles yes; accounts and audit no.
  assert.equal((await sec.call('GET', '/api/v1/security/policy')).status, 200);
  assert.equal((await sec.call('GET', '/api/v1/users')).status, 403);
  assert.equal((await sec.call('GET', '/api/v1/audit')).status, 403);
  // auditor: audit only.
  assert.equal((await aud.call('GET', '/api/v1/audit')).status, 200);
  assert.equal((await aud.call('GET', '/api/v1/users')).status, 403);
  assert.equal((await aud.call('GET', '/api/v1/security/policy')).status, 403);
  // Administrators see no work items.
  const leader = await login(srv.url, 'shuji');
  const item = await leader.call('POST', '/api/v1/_test/items', { json: { title: 'x', users: ['admin'] } });
  assert.equal(item.status, 403, 'leaders do not write items; staff and liaisons do');
  assert.equal((await admin.call('GET', '/api/v1/_test/items/1')).status, 403);
});

test('accounts created by the sysadmin must change their password; roles come from the secadmin', async () => {
  const admin = await login(srv.url, 'admin');
  let r = await admin.call('POST', '/api/v1/users', { json: { username: 'Wang.Wu', display_name: '王五', password: 'short' } });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.code, 'password_policy');
  assert.equal(r.body.error.field, 'password');
  r = await admin.call('POST', '/api/v1/users', { json: { username: 'wang.wu', display_name: '王五', password: 'wang.wu-Secret-1' } });
  assert.equal(r.status, 422, 'must not contain the username');
  r = await admin.call('POST', '/api/v1/users', { json: { username: 'wang.wu', display_name: '王五', password: 'Temp-Passw0rd-2026', roles: ['staff'] } });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.code, 'roles_by_secadmin');
  r = await admin.call('POST', '/api/v1/users', { json: { username: 'Wang.Wu', display_name: '王五', unit: 'fgw', password: 'Temp-Passw0rd-2026' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.username, 'wang.wu');
  assert.equal(r.body.must_change_password, true);
  assert.equal(r.body.unit.code, 'fgw');
  const id = r.body.id;
  r = await admin.call('POST', '/api/v1/users', { json: { username: 'wang.wu', display_name: '王五', password: 'Temp-Passw0rd-2026' } });
  assert.equal(r.status, 409);
  const sec = await login(srv.url, 'secadmin');
  r = await sec.call('PUT', `/api/v1/users/${id}/roles`, { json: { roles: ['liaison'] } });
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.roles, ['liaison']);
  const w = await login(srv.url, 'wang.wu', 'Temp-Passw0rd-2026');
  assert.equal(w.status, 200);
  assert.equal(w.user.must_change_password, true);
  r = await w.call('GET', '/api/v1/me/tokens');
  assert.equal(r.status, 403);
  assert.equal(r.body.error.code, 'password_change_required');
  r = await w.call('POST', '/api/v1/me/password', { json: { current_password: 'wrong', new_password: 'New-Passw0rd-2026' } });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'current_password');
  r = await w.call('POST', '/api/v1/me/password', { json: { current_password: 'Temp-Passw0rd-2026', new_password: 'New-Passw0rd-2026' } });
  assert.equal(r.status, 200, r.text);
  assert.equal((await w.call('GET', '/api/v1/me/tokens')).status, 200);
  assert.equal((await login(srv.url, 'wang.wu', 'Temp-Passw0rd-2026')).status, 401);
});

test('IDOR: a liaison of one unit never sees another unit\'s item', async () => {
  const staff = await login(srv.url, 'mishuke');
  const forFgw = await staff.call('POST', '/api/v1/_test/items', { json: { title: '发改委的文件', units: ['fgw'] } });
  const forCzj = await staff.call('POST', '/api/v1/_test/items', { json: { title: '财政局的文件', units: ['czj'] } });
  assert.equal(forFgw.status, 201);
  assert.equal(forCzj.status, 201);
  const fgw = await login(srv.url, 'liaison');
  const czj = await login(srv.url, 'liaison2');
  assert.equal((await fgw.call('GET', `/api/v1/_test/items/${forFgw.body.id}`)).status, 200);
  assert.equal((await fgw.call('GET', `/api/v1/_test/items/${forCzj.body.id}`)).status, 404);
  assert.equal((await czj.call('GET', `/api/v1/_test/items/${forFgw.body.id}`)).status, 404);
  assert.equal((await czj.call('GET', `/api/v1/_test/items/${forCzj.body.id}`)).status, 200);
  // A missing item looks exactly like a forbidden one.
  const missing = await fgw.call('GET', '/api/v1/_test/items/999999');
  const forbidden = await fgw.call('GET', `/api/v1/_test/items/${forCzj.body.id}`);
  assert.deepEqual(missing.body, forbidden.body);
  // Staff see everything; a user named directly sees it.
  assert.equal((await staff.call('GET', `/api/v1/_test/items/${forCzj.body.id}`)).status, 200);
  const named = await fgw.call('POST', '/api/v1/_test/items', { json: { title: '点名给书记', users: ['shuji'] } });
  const shuji = await login(srv.url, 'shuji');
  assert.equal((await shuji.call('GET', `/api/v1/_test/items/${named.body.id}`)).status, 200);
  assert.equal((await shuji.call('GET', `/api/v1/_test/items/${forCzj.body.id}`)).status, 404);
});

test('the audit trail records sign-ins and changes, and verifies intact', async () => {
  const aud = await login(srv.url, 'auditor');
  let r = await aud.call('GET', '/api/v1/audit?action=login.&limit=500');
  assert.equal(r.status, 200);
  assert.ok(r.body.items.some((e) => e.action === 'login.failed' && e.actor === 'xinxike'));
  r = await aud.call('GET', '/api/v1/audit?action=user.create&limit=500');
  const created = r.body.items.find((e) => e.detail?.after?.username === 'wang.wu');
  assert.ok(created, 'user.create of wang.wu audited');
  assert.equal(created.actor, 'admin');
  assert.equal(created.object_kind, 'user');
  assert.equal(created.object_id, String(created.detail.after.id));
  assert.equal(created.detail.after.username, 'wang.wu');
  r = await aud.call('GET', '/api/v1/audit?action=role.set');
  assert.ok(r.body.items[0].detail.before && r.body.items[0].detail.after);
  r = await aud.call('GET', '/api/v1/audit?limit=2');
  assert.equal(r.body.items.length, 2);
  const page2 = await aud.call('GET', `/api/v1/audit?limit=2&cursor=${r.body.next_cursor}`);
  assert.ok(page2.body.items[0].id < r.body.items[1].id + 1);
  const csv = await aud.call('GET', '/api/v1/audit.csv');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  assert.match(csv.text, /序号/);
  const xlsx = await fetch(srv.url + '/api/v1/audit.xlsx', { headers: { cookie: aud.cookie } });
  assert.equal(xlsx.status, 200);
  assert.equal(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString(), 'PK');
  r = await aud.call('GET', '/api/v1/audit/verify');
  assert.equal(r.body.intact, true);
  assert.ok(r.body.checked > 10);
  assert.equal(mishu(['audit', 'verify', '--db', srv.db]).status, 0);
  assert.equal((await aud.call('GET', '/api/v1/audit?from=2026-13-45')).status, 422);
});

test(`a row changed behind the program's back (${dbKind === 'sqlite' ? 'sqlite3 shell' : 'psql'}) is caught by mishu audit verify`, async () => {
  const s = await startServer({ demo: true });
  try {
    await login(s.url, 'shuji');
    await login(s.url, 'fushuji');
    const before = mishu(['audit', 'verify', '--db', s.db]);
    assert.equal(before.status, 0, before.stderr + before.stdout);
    const ed = rawSql(s.db, "UPDATE audit SET summary = '登录：无事发生' WHERE id = 3");
    assert.equal(ed.status, 0, ed.stderr);
    const after = mishu(['audit', 'verify', '--db', s.db]);
    assert.equal(after.status, 1);
    assert.match(after.stdout + after.stderr, /entry 3\b/);
    const aud = await login(s.url, 'auditor');
    const r = await aud.call('GET', '/api/v1/audit/verify');
    assert.equal(r.body.intact, false);
    assert.equal(r.body.bad_id, 3);
  } finally {
    await s.stop();
  }
});
