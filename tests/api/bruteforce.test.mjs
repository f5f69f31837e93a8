// Brute force: the captcha after 3 failures, the lockout after 5 (423 with the unlock time),
// the per-address limit (429), and that every failure is audited. Each scenario has its own
// server, since failures from one address affect every later sign-in from it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, login, DEMO_PASSWORD } from '../lib/server.mjs';

const attempt = (url, username, password, extra = {}) =>
  api(url, 'POST', '/api/v1/session', { json: { username, password, ...extra } });
const answerOf = async (url, id) => (await api(url, 'GET', `/api/v1/_test/captcha/${id}`)).body.answer;

test('captcha after 3 failures, lockout with 423 after 5, unlock by the sysadmin', async () => {
  const srv = await startServer({ demo: true });
  try {
    let r;
    for (let i = 1; i <= 2; i++) {
      r = await attempt(srv.url, 'fushuji', 'bad-' + i);
      assert.equal(r.status, 401);
      assert.equal(r.body.captcha, undefined, `no captcha after ${i} failures`);
    }
    r = await attempt(srv.url, 'fushuji', 'bad-3');
    assert.equal(r.status, 401);
    assert.ok(r.body.captcha?.id, 'the third failure asks for a captcha');
    const png = await fetch(srv.url + r.body.captcha.image);
    assert.equal(png.status, 200);
    assert.equal(png.headers.get('content-type'), 'image/png');
    const bytes = Buffer.from(await png.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    // The right password without the captcha is refused before the password is looked at.
    r = await attempt(srv.url, 'fushuji', DEMO_PASSWORD);
    assert.equal(r.status, 401);
    assert.equal(r.body.error.code, 'captcha_required');
    // A wrong answer uses the captcha up; a new one comes back.
    const first = r.body.captcha.id;
    r = await attempt(srv.url, 'fushuji', DEMO_PASSWORD, { captcha_id: first, captcha_answer: 'XXXXX' });
    assert.equal(r.body.error.code, 'captcha_required');
    assert.notEqual(r.body.captcha.id, first);
    assert.equal((await fetch(srv.url + `/captcha/${first}.png`)).status, 404, 'single use');
    // Two more wrong passwords with good captchas: the fifth failure locks the account.
    let cap = r.body.captcha.id;
    r = await attempt(srv.url, 'fushuji', 'bad-4', { captcha_id: cap, captcha_answer: await answerOf(srv.url, cap) });
    assert.equal(r.status, 401);
    assert.equal(r.body.error.code, 'invalid_credentials');
    cap = r.body.captcha.id;
    r = await attempt(srv.url, 'fushuji', 'bad-5', { captcha_id: cap, captcha_answer: (await answerOf(srv.url, cap)).toLowerCase() });
    assert.equal(r.status, 423);
    assert.equal(r.body.error.code, 'account_locked');
    const unlock = r.body.error.locked_until_unix;
    const now = Date.now() / 1000;
    assert.ok(unlock > now + 14 * 60 && unlock < now + 16 * 60, 'locked for 15 minutes');
    assert.match(r.body.error.locked_until, /^\d{4}-\d\d-\d\dT/);
    assert.ok(Number(r.headers.get('retry-after')) > 800);
    // Even the right password is refused while locked.
    r = await attempt(srv.url, 'fushuji', DEMO_PASSWORD);
    assert.equal(r.status, 423);
    // The sysadmin unlocks; the account's count is cleared, the address still needs a captcha.
    const admin = await (async () => {
      let a = await attempt(srv.url, 'admin', DEMO_PASSWORD);
      if (a.body?.captcha) a = await attempt(srv.url, 'admin', DEMO_PASSWORD, { captcha_id: a.body.captcha.id, captcha_answer: await answerOf(srv.url, a.body.captcha.id) });
      assert.equal(a.status, 200);
      return a;
    })();
    const cookie = admin.headers.get('set-cookie').split(';')[0];
    const users = await api(srv.url, 'GET', '/api/v1/users?limit=100', { headers: { cookie } });
    const fu = users.body.items.find((u) => u.username === 'fushuji');
    assert.ok(fu.locked_until > 0);
    const un = await api(srv.url, 'POST', `/api/v1/users/${fu.id}/unlock`, { headers: { cookie, 'x-csrf-token': admin.body.csrf_token } });
    assert.equal(un.status, 200);
    assert.equal(un.body.locked_until, 0);
    r = await attempt(srv.url, 'fushuji', DEMO_PASSWORD);
    if (r.status === 401) {
      assert.equal(r.body.error.code, 'captcha_required');
      r = await attempt(srv.url, 'fushuji', DEMO_PASSWORD, { captcha_id: r.body.captcha.id, captcha_answer: await answerOf(srv.url, r.body.captcha.id) });
    }
    assert.equal(r.status, 200);
    // Every failure is in the audit trail.
    const aud = await (async () => {
      let a = await attempt(srv.url, 'auditor', DEMO_PASSWORD);
      if (a.body?.captcha) a = await attempt(srv.url, 'auditor', DEMO_PASSWORD, { captcha_id: a.body.captcha.id, captcha_answer: await answerOf(srv.url, a.body.captcha.id) });
      return a.headers.get('set-cookie').split(';')[0];
    })();
    const trail = await api(srv.url, 'GET', '/api/v1/audit?actor=fushuji&limit=500', { headers: { cookie: aud } });
    const actions = trail.body.items.map((e) => e.action);
    assert.equal(actions.filter((a) => a === 'login.failed').length, 7, actions.join(','));
    assert.ok(actions.includes('account.locked'));
    assert.ok(actions.includes('login.locked'));
    assert.ok(trail.body.items.some((e) => /验证码错误/.test(e.summary)));
  } finally {
    assert.equal(await srv.stop(), 0, srv.tail());
  }
});

test('one address hammering many accounts gets 429', async () => {
  const srv = await startServer({ demo: true });
  try {
    const names = ['shuji', 'fushuji', 'mishuzhang', 'mishuke', 'duchashi', 'xinxike', 'zhiban'];
    let r;
    for (let i = 0; i < 20; i++) {
      r = await attempt(srv.url, names[i % names.length], 'guess-' + i);
      assert.equal(r.status, 401, `attempt ${i + 1}`);
    }
    r = await attempt(srv.url, 'liaison', 'guess-x');
    assert.equal(r.status, 429);
    assert.equal(r.body.error.code, 'too_many_attempts');
    // Nobody was locked by captcha-less guessing: only three failures counted per account.
    r = await attempt(srv.url, 'shuji', DEMO_PASSWORD);
    assert.equal(r.status, 429, 'the address stays throttled for the window');
  } finally {
    await srv.stop();
  }
});

test('concurrent wrong passwords for one account never lock it before 5 counted failures', async () => {
  const srv = await startServer({ demo: true });
  try {
    const rs = await Promise.all(Array.from({ length: 8 }, (_, i) => attempt(srv.url, 'zhiban', 'bad-' + i)));
    const codes = rs.map((r) => r.status).sort();
    assert.ok(codes.every((c) => [401, 423].includes(c)), codes.join(','));
    const counted = rs.filter((r) => r.body.error.code === 'invalid_credentials' || r.status === 423).length;
    assert.ok(counted >= 3);
  } finally {
    await srv.stop();
  }
});

test('behind a trusted proxy, failures count per client address; untrusted headers are ignored', async () => {
  const srv = await startServer({ demo: true, args: ['--trust-proxy', '127.0.0.1'] });
  const plain = await startServer({ demo: true });
  try {
    const from = (ip) => ({ headers: { 'x-real-ip': ip } });
    for (let i = 0; i < 3; i++) {
      const r = await api(srv.url, 'POST', '/api/v1/session', { json: { username: 'shuji', password: 'bad' + i }, ...from('10.0.0.1') });
      assert.equal(r.status, 401);
    }
    // Another client behind the same proxy signs in without a captcha.
    let r = await api(srv.url, 'POST', '/api/v1/session', { json: { username: 'mishuke', password: DEMO_PASSWORD }, ...from('10.0.0.2') });
    assert.equal(r.status, 200, r.text);
    // The first client now needs one, even for another account.
    r = await api(srv.url, 'POST', '/api/v1/session', { json: { username: 'zhiban', password: DEMO_PASSWORD }, ...from('10.0.0.1') });
    assert.equal(r.status, 401);
    assert.equal(r.body.error.code, 'captcha_required');
    // The audit trail names the client, not the proxy.
    const aud = await login(srv.url, 'auditor', DEMO_PASSWORD, {});
    const trail = await aud.call('GET', '/api/v1/audit?action=login.failed');
    assert.ok(trail.body.items.every((e) => e.address === '10.0.0.1'), JSON.stringify(trail.body.items.map((e) => e.address)));
    // Without --trust-proxy the header is a client's claim and changes nothing.
    for (let i = 0; i < 3; i++)
      await api(plain.url, 'POST', '/api/v1/session', { json: { username: 'shuji', password: 'bad' + i }, ...from(`10.0.1.${i}`) });
    r = await api(plain.url, 'POST', '/api/v1/session', { json: { username: 'mishuke', password: DEMO_PASSWORD }, ...from('10.0.9.9') });
    assert.equal(r.body.error?.code, 'captcha_required');
  } finally {
    await srv.stop();
    await plain.stop();
  }
});
