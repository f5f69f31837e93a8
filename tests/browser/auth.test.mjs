// Browser test of the auth pages on the demo city, in Debian's Chromium driven by playwright-core:
// sign-in and sign-out through the forms, wrong passwords, the captcha and the lockout, the
// system administrator's accounts, the security administrator's roles and policy, the auditor's
// trail and its check, the forced password change, 三员分立 and CSRF refusals, a 360 px phone
// and axe-core. Screenshots go to build/test-artifacts/.
//
// Every sign-in comes from 127.0.0.1, so after the deliberate failures below the server asks
// that address for a captcha: submitSignIn() answers it through the test-only captcha route.
//
// Run: node --test-reporter=./tests/lib/reporter.mjs tests/browser/auth.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, openPage as open, axeProblems, artifacts, DESKTOP, PHONE, submit,
  answerCaptcha, submitSignIn } from '../lib/browser.mjs';
import { startServer, DEMO_PASSWORD } from '../lib/server.mjs';

const TIMEOUT = { timeout: 90_000 };
const TEMP_PASSWORD = 'Linshi-2026-mima'; // zhangsan's first password, set by the administrator
const OWN_PASSWORD = 'Ziji#Mima-2026';    // the one zhangsan chooses

const srv = await startServer({ demo: true }); // srv.url like http://127.0.0.1:PORT; srv.stop()
const browser = await launch();

// A desktop-sized page (see lib/browser.mjs for what it records).
const openPage = (contextOptions = {}) => open(browser, { viewport: DESKTOP, ...contextOptions });

// The signed-in user's display name, read through the API with the page's session.
async function displayName(page) {
  const r = await page.request.get(srv.url + '/api/v1/me');
  assert.equal(r.status(), 200);
  return (await r.json()).user.display_name;
}

test('sign in as 书记 through the form, land on the dashboard, sign out from the header', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  try {
    const res = await page.goto(srv.url + '/login');
    assert.equal(res.status(), 200);
    assert.match(await page.title(), /秘书/);
    assert.match(await page.locator('.login-card .login-name').innerText(), /秘书/);
    assert.match(await page.locator('.login-card .login-tagline').innerText(), /党委办公室工作平台/);
    assert.equal(await page.getAttribute('#login-username', 'autocomplete'), 'username');
    assert.equal(await page.getAttribute('#login-password', 'autocomplete'), 'current-password');
    assert.equal(await page.locator('#login-captcha').count(), 0, 'no captcha before any failure');
    assert.ok((await page.locator('form.login-form input[name="csrf_token"]').inputValue()).length > 0,
      'the sign-in form carries its double-submit token');
    await page.screenshot({ path: join(artifacts, 'login.png'), fullPage: true });

    const post = await submitSignIn(page, srv.url, 'shuji');
    assert.equal(post.status(), 303);
    assert.equal(new URL(page.url()).pathname, '/');
    const name = await displayName(page);
    assert.ok(name && name !== 'shuji');
    assert.match(await page.locator('header .account-name').innerText(), new RegExp(name));
    await page.screenshot({ path: join(artifacts, 'after-login.png'), fullPage: true });

    // Signed in, /login goes straight on to the dashboard.
    await page.goto(srv.url + '/login');
    assert.equal(new URL(page.url()).pathname, '/');

    await submit(page, 'header form.logout button[type="submit"]');
    assert.equal(new URL(page.url()).pathname, '/login');
    const me = await page.request.get(srv.url + '/api/v1/me');
    assert.equal(me.status(), 401, 'the session has ended');
    await page.goto(srv.url + '/');
    assert.equal(new URL(page.url()).pathname, '/login', 'the dashboard needs a session again');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('sign-in goes on to ?next= after the form, and never off the site', TIMEOUT, async () => {
  const { context, page } = await openPage();
  try {
    await submitSignIn(page, srv.url, 'mishuke', DEMO_PASSWORD, { next: '/profile' });
    assert.equal(new URL(page.url()).pathname, '/profile');
    await page.goto(srv.url + '/login?next=//evil.example/');
    assert.equal(new URL(page.url()).origin, srv.url, 'an off-site next is ignored');
  } finally {
    await context.close();
  }
});

test('a wrong password answers 401, says so and keeps the username; the third brings a captcha', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  try {
    await page.goto(srv.url + '/login');
    for (let i = 1; i <= 3; i++) {
      await page.fill('#login-username', 'fushuji');
      await page.fill('#login-password', 'not-the-password');
      if (await page.locator('#login-captcha').count())
        await answerCaptcha(page, srv.url);
      const res = await submit(page, 'form.login-form button[type="submit"]');
      assert.equal(res.status(), 401, `failure ${i} answers 401`);
      const alert = page.locator('#login-error[role="alert"]');
      assert.ok((await alert.innerText()).trim().length > 0, 'the error says what went wrong');
      assert.equal(await page.inputValue('#login-username'), 'fushuji', 'the username is kept');
      assert.equal(await page.inputValue('#login-password'), '', 'the password is not');
    }
    const img = page.locator('img.captcha-image');
    assert.equal(await img.count(), 1, 'after three failures the captcha shows');
    await img.evaluate((el) => el.complete || new Promise((r) => { el.onload = el.onerror = r; }));
    assert.ok(await img.evaluate((el) => el.naturalWidth) > 0, 'the captcha image loaded');
    assert.equal(await page.getAttribute('#login-captcha', 'autocomplete'), 'one-time-code');
    await page.screenshot({ path: join(artifacts, 'login-captcha.png'), fullPage: true });

    // "换一张" asks for a new code and keeps the username.
    const before = await img.getAttribute('src');
    await page.locator('a.captcha-refresh').click();
    await page.waitForLoadState('domcontentloaded');
    assert.equal(await page.inputValue('#login-username'), 'fushuji');
    const after = page.locator('img.captcha-image');
    assert.equal(await after.count(), 1, 'the new-code link shows a captcha');
    assert.notEqual(await after.getAttribute('src'), before, 'a different captcha');

    // With the right password and the code answered, the sign-in goes through.
    await page.fill('#login-password', DEMO_PASSWORD);
    await answerCaptcha(page, srv.url);
    const ok = await submit(page, 'form.login-form button[type="submit"]');
    assert.equal(ok.status(), 303);
    assert.equal(new URL(page.url()).pathname, '/');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('five wrong passwords lock the account: 423 and the time it unlocks', TIMEOUT, async () => {
  const { context, page } = await openPage();
  try {
    let res;
    for (let i = 1; i <= 5; i++) {
      res = await submitSignIn(page, srv.url, 'duchashi', 'wrong-password-' + i);
      if (res.status() === 423) break;
      assert.equal(res.status(), 401, `failure ${i}`);
    }
    assert.equal(res.status(), 423);
    const text = await page.locator('#login-error').innerText();
    assert.match(text, /\b\d{2}:\d{2}\b/, 'the message says when the account unlocks');
    res = await submitSignIn(page, srv.url, 'duchashi');
    assert.equal(res.status(), 423, 'even the right password waits for the lock');
  } finally {
    await context.close();
  }
});

test('the sign-in form without its token, and a page form without csrf_token, answer 403', TIMEOUT, async () => {
  const { context, page } = await openPage();
  try {
    const bare = await page.request.post(srv.url + '/login', {
      form: { username: 'shuji', password: DEMO_PASSWORD }, maxRedirects: 0,
    });
    assert.equal(bare.status(), 403, 'no double-submit token: refused before any check');

    await submitSignIn(page, srv.url, 'shuji');
    const forged = await page.request.post(srv.url + '/profile/tokens', {
      form: { name: 'forged' }, maxRedirects: 0,
    });
    assert.equal(forged.status(), 403, 'a form POST without csrf_token is refused');
    const wrong = await page.request.post(srv.url + '/logout', {
      form: { csrf_token: 'not-the-token' }, maxRedirects: 0,
    });
    assert.equal(wrong.status(), 403, 'a wrong csrf_token is refused too');
    assert.equal((await page.request.get(srv.url + '/api/v1/me')).status(), 200, 'still signed in');
  } finally {
    await context.close();
  }
});

test('profile: create an API token, shown once, then revoke it', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  try {
    await submitSignIn(page, srv.url, 'xinxike');
    await page.goto(srv.url + '/profile');
    await page.fill('#token-name', '统计脚本');
    const res = await submit(page, 'form.token-form button[type="submit"]');
    assert.equal(res.status(), 201);
    const token = await page.inputValue('#new-token-value');
    assert.match(token, /^mishu_[A-Za-z0-9_-]{20,}$/);
    await page.screenshot({ path: join(artifacts, 'profile-token.png'), fullPage: true });
    const api = await page.request.get(srv.url + '/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
    assert.equal(api.status(), 200, 'the token works');
    await page.goto(srv.url + '/profile');
    assert.equal(await page.locator('#new-token-value').count(), 0, 'shown only once');
    const row = page.locator('tr', { hasText: '统计脚本' });
    page.once('dialog', (d) => d.accept());
    await submit(page, 'tr:has-text("统计脚本") form button[type="submit"]');
    assert.equal(new URL(page.url()).pathname, '/profile');
    assert.equal(await row.locator('.status-done').count(), 1, 'listed as revoked');
    const gone = await page.request.get(srv.url + '/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
    assert.equal(gone.status(), 401, 'the revoked token no longer works');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the system administrator creates zhangsan without roles and unlocks a locked account', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  try {
    await submitSignIn(page, srv.url, 'admin');
    let res = await page.goto(srv.url + '/admin/users');
    assert.equal(res.status(), 200);
    assert.equal(await page.locator('td a', { hasText: /^shuji$/ }).count(), 1, 'the demo accounts are listed');
    await page.screenshot({ path: join(artifacts, 'admin-users.png'), fullPage: true });

    await page.locator('a[href="/admin/users/new"]').click();
    await page.waitForLoadState('domcontentloaded');
    assert.equal(await page.locator('input[type="checkbox"][name^="role"]').count(), 0,
      'no roles on the new-account form (三员分立)');
    // A password that breaks the policy is refused at its field, the other values kept.
    await page.fill('#u-username', 'zhangsan');
    await page.fill('#u-name', '张三');
    await page.fill('#u-dept', '综合科');
    await page.fill('#u-password', 'short');
    res = await submit(page, 'form.form button[type="submit"]');
    assert.equal(res.status(), 422);
    assert.equal(await page.inputValue('#u-username'), 'zhangsan');
    assert.equal(await page.inputValue('#u-name'), '张三');
    assert.equal(await page.inputValue('#u-password'), '', 'the password is never sent back');
    assert.equal(await page.getAttribute('#u-password', 'aria-invalid'), 'true');
    await page.screenshot({ path: join(artifacts, 'admin-user-new-error.png'), fullPage: true });

    await page.fill('#u-password', TEMP_PASSWORD);
    res = await submit(page, 'form.form button[type="submit"]');
    assert.equal(res.status(), 303);
    assert.match(new URL(page.url()).pathname, /^\/admin\/users\/\d+$/);
    assert.equal(await page.locator('.flash-success').count(), 1);

    await page.goto(srv.url + '/admin/users');
    const row = page.locator('tr', { has: page.locator('a', { hasText: /^zhangsan$/ }) });
    assert.equal(await row.count(), 1, 'zhangsan is listed');
    assert.match(await row.innerText(), /张三/);

    // duchashi was locked above: the account page offers to unlock it.
    await page.locator('td a', { hasText: /^duchashi$/ }).click();
    await page.waitForLoadState('domcontentloaded');
    assert.equal(await page.locator('.status-severe').count(), 1, 'shown as locked');
    await page.screenshot({ path: join(artifacts, 'admin-user-locked.png'), fullPage: true });
    await submit(page, 'form.inline-form button[type="submit"]');
    assert.match(page.url(), /unlocked=1/);
    assert.equal(await page.locator('form.inline-form').count(), 0, 'no longer locked');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the auditor sees the sign-ins on /audit and /audit/verify says the trail is intact', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  try {
    await submitSignIn(page, srv.url, 'auditor');
    let res = await page.goto(srv.url + '/audit');
    assert.equal(res.status(), 200);
    const actions = await page.locator('.audit-table code.action-code').allInnerTexts();
    assert.ok(actions.includes('login'), 'sign-ins are listed');
    assert.ok(actions.includes('login.failed'), 'failed sign-ins are listed');
    assert.ok(actions.includes('user.create'), 'the new account is listed');
    await page.screenshot({ path: join(artifacts, 'audit.png'), fullPage: true });

    // The filter is a GET form; the export links carry the same filter.
    await page.fill('#f-actor', 'fushuji');
    await page.fill('#f-action', 'login.');
    await page.locator('form.filters button[type="submit"]').click();
    await page.waitForLoadState('domcontentloaded');
    assert.match(page.url(), /actor=fushuji/);
    const actors = await page.locator('.audit-table td[data-label]:nth-child(2)').allInnerTexts();
    assert.ok(actors.length > 0 && actors.every((a) => a.trim() === 'fushuji'), 'filtered by actor');
    assert.match(await page.getAttribute('a[href^="/api/v1/audit.csv"]', 'href'), /actor=fushuji/);
    const csv = await page.request.get(srv.url + await page.getAttribute('a[href^="/api/v1/audit.csv"]', 'href'));
    assert.equal(csv.status(), 200);

    res = await page.goto(srv.url + '/audit?from=2026-02-30');
    assert.equal(res.status(), 422, 'an impossible date is refused with a message');
    assert.equal(await page.getAttribute('#f-from', 'aria-invalid'), 'true');

    res = await page.goto(srv.url + '/audit/verify');
    assert.equal(res.status(), 200);
    assert.equal(await page.locator('.verify-ok').count(), 1, 'the trail is intact');
    assert.match(await page.locator('.verify-ok strong').innerText(), /^[1-9]\d*$/, 'entries counted');
    await page.screenshot({ path: join(artifacts, 'audit-verify.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the security administrator gives zhangsan the staff role; two administrator roles are refused', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  try {
    await submitSignIn(page, srv.url, 'secadmin');
    let res = await page.goto(srv.url + '/security/roles');
    assert.equal(res.status(), 200);
    const row = page.locator('tbody tr', { has: page.locator('th .muted', { hasText: /^zhangsan$/ }) });
    assert.equal(await row.count(), 1, 'zhangsan has a row');
    await row.locator('input[name="role_staff"]').check();
    res = await submit(page, 'tbody tr:has(th .muted:text-is("zhangsan")) button[type="submit"]');
    assert.equal(res.status(), 303);
    assert.match(page.url(), /saved=\d+/);
    assert.ok(await row.locator('input[name="role_staff"]').isChecked(), 'the role is saved');
    await page.screenshot({ path: join(artifacts, 'security-roles.png'), fullPage: true });

    // 三员分立: the auditor may not also be the system administrator.
    const auditorRow = page.locator('tbody tr', { has: page.locator('th .muted', { hasText: /^auditor$/ }) });
    await auditorRow.locator('input[name="role_sysadmin"]').check();
    res = await submit(page, 'tbody tr:has(th .muted:text-is("auditor")) button[type="submit"]');
    assert.equal(res.status(), 422);
    assert.equal(await auditorRow.locator('.field-error[role="alert"]').count(), 1,
      'the refusal shows at that account');

    // The policy form shows times in minutes and saves.
    res = await page.goto(srv.url + '/security/policy');
    assert.equal(res.status(), 200);
    assert.equal(await page.inputValue('#p-session_idle'), '30', '1800 s shown as 30 minutes');
    await page.screenshot({ path: join(artifacts, 'security-policy.png'), fullPage: true });
    res = await submit(page, 'form.form button[type="submit"]');
    assert.equal(res.status(), 303);
    assert.equal(await page.inputValue('#p-session_idle'), '30', 'saved unchanged');
    assert.equal(await page.locator('.flash-success').count(), 1);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('zhangsan signs in with the temporary password, must change it, then reaches the dashboard', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  try {
    const res = await submitSignIn(page, srv.url, 'zhangsan', TEMP_PASSWORD);
    assert.equal(res.status(), 303);
    assert.equal(new URL(page.url()).pathname, '/password');
    await page.goto(srv.url + '/');
    assert.equal(new URL(page.url()).pathname, '/password', 'nothing else until it is changed');

    await page.fill('#pw-current', TEMP_PASSWORD);
    await page.fill('#pw-new', OWN_PASSWORD);
    await page.fill('#pw-confirm', OWN_PASSWORD + 'x');
    let post = await submit(page, 'main form button[type="submit"]');
    assert.equal(post.status(), 422, 'two different new passwords are refused');
    assert.equal(await page.getAttribute('#pw-confirm', 'aria-invalid'), 'true');
    await page.screenshot({ path: join(artifacts, 'password-change.png'), fullPage: true });

    await page.fill('#pw-current', TEMP_PASSWORD);
    await page.fill('#pw-new', OWN_PASSWORD);
    await page.fill('#pw-confirm', OWN_PASSWORD);
    post = await submit(page, 'main form button[type="submit"]');
    assert.equal(post.status(), 303);
    assert.equal(new URL(page.url()).pathname, '/');
    assert.match(await page.locator('header .account-name').innerText(), /张三/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('三员分立: the system administrator may not read the audit trail (403)', TIMEOUT, async () => {
  const { context, page } = await openPage();
  try {
    await submitSignIn(page, srv.url, 'admin');
    const res = await page.goto(srv.url + '/audit');
    assert.equal(res.status(), 403);
    assert.equal((await page.goto(srv.url + '/security/roles')).status(), 403);
    await submitSignIn(page, srv.url, 'auditor');
    assert.equal((await page.goto(srv.url + '/admin/users')).status(), 403);
  } finally {
    await context.close();
  }
});

test('the sign-in page on a 360 px phone: no sideways scroll, the form fits', TIMEOUT, async () => {
  const { context, page, problems } = await openPage({ viewport: PHONE, isMobile: true, hasTouch: true });
  try {
    await page.goto(srv.url + '/login');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `page is ${width} px wide at 360 px`);
    const box = await page.locator('form.login-form button[type="submit"]').boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, 'the button is on screen');
    await page.screenshot({ path: join(artifacts, 'login-phone.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('without JavaScript the sign-in form still works', TIMEOUT, async () => {
  const { context, page } = await openPage({ javaScriptEnabled: false });
  try {
    const res = await submitSignIn(page, srv.url, 'zhiban');
    assert.equal(res.status(), 303);
    assert.equal(new URL(page.url()).pathname, '/');
  } finally {
    await context.close();
  }
});

test('accessibility: axe-core finds nothing serious on the sign-in, accounts and audit pages', TIMEOUT, async () => {
  // axe is injected as an inline script, which the page's CSP would block: bypass it here only.
  const { context, page } = await openPage({ bypassCSP: true });
  try {
    const bad = [];
    await page.goto(srv.url + '/login');
    bad.push(...await axeProblems(page, 'login'));
    await page.fill('#login-username', 'liaison');
    await page.fill('#login-password', 'wrong-password');
    if (await page.locator('#login-captcha').count())
      await answerCaptcha(page, srv.url);
    await submit(page, 'form.login-form button[type="submit"]');
    bad.push(...await axeProblems(page, 'login with an error'));
    await page.setViewportSize(PHONE);
    await page.goto(srv.url + '/login');
    bad.push(...await axeProblems(page, 'login phone'));
    await page.setViewportSize(DESKTOP);

    await submitSignIn(page, srv.url, 'admin');
    await page.goto(srv.url + '/admin/users');
    bad.push(...await axeProblems(page, 'users'));
    await page.goto(srv.url + '/admin/users/new');
    bad.push(...await axeProblems(page, 'new account'));
    await page.goto(srv.url + '/admin/users');
    await page.locator('td a', { hasText: /^shuji$/ }).click();
    await page.waitForLoadState('domcontentloaded');
    bad.push(...await axeProblems(page, 'account'));

    await submitSignIn(page, srv.url, 'secadmin');
    await page.goto(srv.url + '/security/roles');
    bad.push(...await axeProblems(page, 'roles'));
    await page.goto(srv.url + '/security/policy');
    bad.push(...await axeProblems(page, 'policy'));

    await submitSignIn(page, srv.url, 'auditor');
    await page.goto(srv.url + '/audit');
    bad.push(...await axeProblems(page, 'audit'));
    await page.goto(srv.url + '/audit/verify');
    bad.push(...await axeProblems(page, 'audit verify'));
    await page.goto(srv.url + '/profile');
    bad.push(...await axeProblems(page, 'profile'));
    await page.goto(srv.url + '/password');
    bad.push(...await axeProblems(page, 'password'));
    assert.deepEqual(bad, [], 'axe violations (details above)');
  } finally {
    await context.close();
  }
});

// Last: shut the browser and the server (a plain test, so it runs on every Node version).
test('shut down the browser and the server', TIMEOUT, async () => {
  await browser.close();
  assert.equal(await srv.stop(), 0, srv.tail());
});
