// Shared pieces of the browser tests: Debian's Chromium through playwright-core, pages that
// record script errors and CSP violations, axe-core checks, the screenshot folder.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { root } from './server.mjs';

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
