// Browser test of the site layout: the workbench (/) and the error page in Debian's Chromium,
// driven by playwright-core — desktop and 360 px phone, axe-core accessibility, no JavaScript,
// static assets and the 404 page. Screenshots go to build/test-artifacts/.
//
// Run: node --test tests/browser/   (needs /usr/bin/chromium and `npm ci`)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, openPage as open, axeProblems, artifacts, DESKTOP, PHONE } from '../lib/browser.mjs';
import { startServer, login } from '../lib/server.mjs';

// Every module of the main navigation that is built, in order (DESIGN §3, CONTRACT "Pages");
// each module's issue adds its entry when it lands, and the navigation never leads to a 404.
const MODULES = ['/', '/documents', '/tasks', '/meetings', '/reports', '/duty', '/org'];
const NOT_YET = ['/studies', '/petitions', '/incidents', '/regulations',
  '/coordination'];
const TIMEOUT = { timeout: 60_000 };

const srv = await startServer({ demo: true }); // srv.url like http://127.0.0.1:PORT; srv.stop()
// The workbench is for signed-in users: every page here opens as 秘书科 staff (mishuke).
const session = await login(srv.url, 'mishuke');
const browser = await launch();

// A fresh page that records script errors and Content-Security-Policy violations.
// A page of a context signed in as mishuke (see lib/browser.mjs for what it records).
async function openPage(contextOptions = {}) {
  const opened = await open(browser, contextOptions);
  const [name, value] = session.cookie.split('=');
  await opened.context.addCookies([{ name, value, url: srv.url }]);
  return opened;
}

test('home: title names 秘书, the nav links every module, htmx and mishu.js load', TIMEOUT, async () => {
  const { context, page, problems } = await openPage({ viewport: DESKTOP });
  try {
    const res = await page.goto(srv.url + '/');
    assert.equal(res.status(), 200);
    assert.match(await page.title(), /秘书/);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    assert.equal(await page.locator('main#main').count(), 1);
    assert.match(await page.locator('header .brand').innerText(), /秘书/);

    const nav = page.locator('nav.site-nav');
    for (const href of MODULES)
      assert.ok(await nav.locator(`a[href="${href}"]`).isVisible(),
        `desktop nav shows a visible link to ${href}`);
    for (const href of NOT_YET)
      assert.equal(await page.locator(`a[href="${href}"]`).count(), 0, `no link yet to ${href}`);
    for (const a of await page.locator('nav.site-nav a, .card-grid a, main a[href^="/"]').all()) {
      const href = await a.getAttribute('href');
      const r = await page.request.get(srv.url + href, { maxRedirects: 0 });
      assert.notEqual(r.status(), 404, `${href} exists`);
    }
    assert.equal(await nav.locator('a[aria-current="page"]').getAttribute('href'), '/');
    assert.equal(await nav.locator('summary').isVisible(), false,
      'the menu button is hidden on desktop: the bar always shows');

    assert.equal(await page.evaluate(() => typeof window.htmx), 'object', 'htmx loaded');
    assert.ok(await page.evaluate(() => document.documentElement.classList.contains('js')),
      'mishu.js ran');
    await page.screenshot({ path: join(artifacts, 'home-desktop.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('home on a 360 px phone: no sideways scroll, nav folds into a <details> menu', TIMEOUT, async () => {
  const { context, page, problems } = await openPage({ viewport: PHONE, isMobile: true, hasTouch: true });
  try {
    await page.goto(srv.url + '/');
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scrollWidth <= PHONE.width, `page is ${scrollWidth} px wide at 360 px`);

    const menu = page.locator('nav.site-nav details');
    assert.equal(await menu.count(), 1, 'the nav holds one <details> menu');
    for (const href of MODULES)
      assert.equal(await menu.locator(`a[href="${href}"]`).count(), 1, `menu links ${href}`);
    assert.equal(await menu.evaluate((d) => d.open), false, 'the menu starts folded');
    assert.equal(await menu.locator('a[href="/documents"]').isVisible(), false);
    await page.screenshot({ path: join(artifacts, 'home-phone.png'), fullPage: true });

    await menu.locator('summary').click();
    assert.ok(await menu.locator('a[href="/documents"]').isVisible(), 'the menu opens on a tap');
    const openWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(openWidth <= PHONE.width, `page is ${openWidth} px wide with the menu open`);
    await page.screenshot({ path: join(artifacts, 'home-phone-menu.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('accessibility: axe-core finds nothing serious or critical', TIMEOUT, async () => {
  // axe is injected as an inline script, which the page's CSP would block: bypass it here only.
  const { context, page } = await openPage({ viewport: DESKTOP, bypassCSP: true });
  try {
    const bad = [];
    await page.goto(srv.url + '/');
    bad.push(...await axeProblems(page, 'home desktop'));
    await page.setViewportSize(PHONE);
    await page.locator('nav.site-nav summary').click();
    bad.push(...await axeProblems(page, 'home phone, menu open'));
    await page.setViewportSize(DESKTOP);
    await page.goto(srv.url + '/no-such-page');
    bad.push(...await axeProblems(page, 'error page'));
    assert.deepEqual(bad, [], 'axe violations (details above)');
  } finally {
    await context.close();
  }
});

test('static assets are served with their content types', TIMEOUT, async () => {
  const { context, page } = await openPage();
  try {
    const css = await page.goto(srv.url + '/static/css/mishu.css');
    assert.equal(css.status(), 200);
    assert.match(css.headers()['content-type'], /^text\/css\b/);
    const print = await page.goto(srv.url + '/static/css/print.css');
    assert.equal(print.status(), 200);
    assert.match(print.headers()['content-type'], /^text\/css\b/);
    for (const js of ['/static/js/mishu.js', '/static/vendor/htmx.min.js']) {
      const res = await page.goto(srv.url + js);
      assert.equal(res.status(), 200, js);
      assert.match(res.headers()['content-type'], /^(text|application)\/javascript\b/, js);
    }
  } finally {
    await context.close();
  }
});

test('an unknown page answers 404 with the error page in the site layout', TIMEOUT, async () => {
  const { context, page, problems } = await openPage({ viewport: DESKTOP });
  try {
    const res = await page.goto(srv.url + '/no-such-page');
    assert.equal(res.status(), 404);
    assert.match(res.headers()['content-type'], /^text\/html\b/);
    assert.match(await page.title(), /秘书/);
    assert.match(await page.locator('header.site-header .brand').innerText(), /秘书/);
    assert.ok(await page.locator('nav.site-nav').count() === 1, 'the error page has the nav');
    assert.match(await page.locator('main#main .error-code').innerText(), /404/);
    assert.ok((await page.locator('main#main h1').innerText()).trim().length > 0,
      'the error says what went wrong');
    assert.equal(await page.locator('main#main a[href="/"]').count(), 1, 'a link home');
    await page.screenshot({ path: join(artifacts, 'error-404.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('without JavaScript the home page still shows the navigation', TIMEOUT, async () => {
  const { context, page } = await openPage({ viewport: DESKTOP, javaScriptEnabled: false });
  try {
    await page.goto(srv.url + '/');
    const nav = page.locator('nav.site-nav');
    for (const href of MODULES)
      assert.ok(await nav.locator(`a[href="${href}"]`).isVisible(), `nav shows ${href}`);

    await page.setViewportSize(PHONE);
    const menu = nav.locator('details');
    await menu.locator('summary').click(); // <details> opens without any script
    assert.ok(await menu.locator('a[href="/tasks"]').isVisible(), 'phone menu opens without JS');
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scrollWidth <= PHONE.width, `page is ${scrollWidth} px wide at 360 px without JS`);
  } finally {
    await context.close();
  }
});

// Last: shut the browser and the server (a plain test, so it runs on every Node version).
test('shut down the browser and the server', TIMEOUT, async () => {
  await browser.close();
  await srv.stop();
});
