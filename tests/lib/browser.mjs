// Shared pieces of the browser tests: Debian's Chromium through playwright-core, pages that
// record script errors and CSP violations, axe-core checks, the screenshot folder, signing in
// through the form and choosing in a select.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { root, DEMO_PASSWORD } from './server.mjs';

export const artifacts = join(root, 'build', 'test-artifacts');
mkdirSync(artifacts, { recursive: true });
const axePath = join(root, 'node_modules', 'axe-core', 'axe.min.js');

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 360, height: 740 };

// Chromium as root in a closed network: no sandbox, no background connections.
export function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
      '--disable-dev-shm-usage'],
  });
}

// A fresh context and page of BROWSER that record script errors and Content-Security-Policy
// violations in PROBLEMS.
export async function openPage(browser, contextOptions = {}) {
  const context = await browser.newContext({ locale: 'zh-CN', ...contextOptions });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text()))
      problems.push(`CSP: ${msg.text()}`);
  });
  return { context, page, problems };
}

// Runs axe-core on PAGE; returns the serious and critical violations (and prints them).
export async function axeProblems(page, label) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() => axe.run());
  const bad = result.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
  for (const v of bad) {
    console.log(`axe ${label}: [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const n of v.nodes)
      console.log(`    ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`);
  }
  return bad.map((v) => `${label}: ${v.id}`);
}

// Submits the form holding BUTTON (a selector) and returns the answer to that POST, once the
// page it leads to (redirects followed) has loaded.
export async function submit(page, button) {
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.locator(button).click(),
  ]);
  await page.waitForLoadState('domcontentloaded');
  return res;
}

// Fills the captcha on PAGE (a sign-in form of the server at BASE_URL) with its answer from the
// test-only route /api/v1/_test/captcha/{id}.
export async function answerCaptcha(page, baseUrl) {
  const id = await page.locator('input[name="captcha_id"]').inputValue();
  const r = await page.request.get(`${baseUrl}/api/v1/_test/captcha/${encodeURIComponent(id)}`);
  assert.equal(r.status(), 200, 'the test route knows the captcha');
  await page.fill('#login-captcha', (await r.json()).answer);
}

// Submits the sign-in form of the server at BASE_URL as USERNAME with PASSWORD (after dropping
// any earlier session of the page's context), going on to NEXT when given. The page asks for a
// fresh captcha (?captcha=1) and answers it, so the sign-in works whether or not this address
// has failed often enough to need one. Returns the POST's response (a 303 on success, already
// followed by the browser); it does not check it.
export async function submitSignIn(page, baseUrl, username, password = DEMO_PASSWORD, { next } = {}) {
  await page.context().clearCookies();
  await page.goto(baseUrl + '/login?captcha=1' + (next ? `&next=${encodeURIComponent(next)}` : ''));
  await page.fill('#login-username', username);
  await page.fill('#login-password', password);
  await answerCaptcha(page, baseUrl);
  return submit(page, 'form.login-form button[type="submit"]');
}

// Signs in through the form of the server at BASE_URL as USERNAME (see submitSignIn) and
// asserts that it worked (a 303). Returns the POST's response.
export async function signIn(page, baseUrl, username, password = DEMO_PASSWORD) {
  const res = await submitSignIn(page, baseUrl, username, password);
  assert.equal(res.status(), 303, `${username} signs in`);
  return res;
}

// Chooses in the select SELECTOR the option whose text contains TEXT (e.g. a leader's name).
export async function chooseByText(page, selector, text) {
  const value = await page.locator(`${selector} option`, { hasText: text }).first().getAttribute('value');
  assert.ok(value, `${selector} offers ${text}`);
  await page.selectOption(selector, value);
}
