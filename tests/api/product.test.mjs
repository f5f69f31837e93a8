// The product binary (build/mishu: what `make run` serves, deploy/ installs and bench/ measures)
// cannot be switched into a test mode by its environment: with MISHU_TEST_ROUTES=1 and
// MISHU_TODAY set it has none of the test-only routes (one reveals captcha answers without a
// login, one takes official numbers) and keeps the real date. The test build beside it, with the
// same environment, has them all, so these checks can fail. Also the office time zone of
// `serve --timezone`.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, api, login, root, productBin } from '../lib/server.mjs';

const testEnv = { MISHU_TEST_ROUTES: '1', MISHU_TODAY: '2001-01-01' };
const product = await startServer({ bin: productBin, demo: true, env: testEnv });
const testBuild = await startServer({ env: testEnv });
after(async () => {
  assert.equal(await product.stop(), 0, product.tail());
  assert.equal(await testBuild.stop(), 0, testBuild.tail());
});

// Every test-only route, read from the table in src/routes.c so that a new one is checked too.
function testRoutes() {
  const src = readFileSync(join(root, 'src/routes.c'), 'utf8');
  const table = src.slice(src.indexOf('mishu_test_routes[] = {'));
  const body = table.slice(0, table.indexOf('};'));
  return [...body.matchAll(/\{"(GET|POST|PUT|PATCH|DELETE)", "([^"]+)"/g)].map((m) => ({
    method: m[1],
    path: m[2].replace(/\{[a-z_]+\}/g, '1'),
  }));
}
const routes = testRoutes();

// 'YYYY-MM-DD' now in ZONE.
// 'YYYY-MM-DD' in ZONE, from the parts (a Node without full ICU formats every locale as en-US).
const dateIn = (zone) => {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
  }).formatToParts(new Date()).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
};

test('the table lists every test-only route, the captcha and numbers ones among them', () => {
  const paths = routes.map((r) => `${r.method} ${r.path}`);
  for (const p of ['POST /api/v1/_test/echo', 'POST /_test/form', 'POST /api/v1/_test/items',
    'GET /api/v1/_test/items/1', 'GET /api/v1/_test/captcha/1', 'POST /api/v1/_test/numbers',
    'POST /api/v1/_test/jobs', 'GET /api/v1/_test/jobs', 'POST /api/v1/_test/events',
    'POST /api/v1/_test/chase', 'POST /api/v1/_test/docs_remind'])
    assert.ok(paths.includes(p), `${p} in ${paths.join(', ')}`);
});

test('the product answers 404 on every test-only route, whatever the method', async () => {
  for (const { method, path } of routes) {
    for (const m of [method, 'DELETE']) {
      const r = await api(product.url, m, path, m === 'POST' ? { json: {} } : {});
      assert.equal(r.status, 404, `product ${m} ${path}: ${r.text.slice(0, 200)}`);
    }
  }
});

test('the test build, in the same environment, has every one of those routes', async () => {
  // No test route takes DELETE: a known path answers 405, an unknown one 404.
  for (const { path } of routes) {
    const r = await api(testBuild.url, 'DELETE', path);
    assert.equal(r.status, 405, `test build DELETE ${path}: ${r.text.slice(0, 200)}`);
  }
});

test("MISHU_TODAY does not move the product's today", async () => {
  const staff = await login(product.url, 'mishuke');
  assert.equal(staff.status, 200);
  const before = dateIn('Asia/Shanghai');
  const r = await staff.call('GET', '/api/v1/route?work=incoming&domain=finance');
  const afterDay = dateIn('Asia/Shanghai');
  assert.equal(r.status, 200, r.text);
  assert.notEqual(r.body.on, '2001-01-01');
  assert.ok([before, afterDay].includes(r.body.on), `today ${r.body.on}, expected ${before}`);
});

test('the product binary holds no test-only code', () => {
  const nm = spawnSync('nm', [productBin], { encoding: 'utf8' });
  assert.equal(nm.status, 0, nm.stderr);
  assert.match(nm.stdout, / T core_today\n/, 'nm reads the symbols');
  assert.doesNotMatch(nm.stdout, /site_test_|_test_chase|_test_remind|_test_publish|mishu_test_routes|for_tests/);
  const bytes = readFileSync(productBin).toString('latin1');
  for (const s of ['MISHU_TEST_ROUTES', 'MISHU_TODAY', '/api/v1/_test/'])
    assert.ok(!bytes.includes(s), `the product binary contains "${s}"`);
});

test('serve --timezone: the office day follows the zone; an unknown zone stops the start', async () => {
  // UTC+14: its date is never Shanghai's minus one, and differs from it for 6 hours a day.
  const kiri = await startServer({ bin: productBin, demo: true, args: ['--timezone', 'Pacific/Kiritimati'] });
  try {
    const staff = await login(kiri.url, 'mishuke');
    const before = dateIn('Pacific/Kiritimati');
    const r = await staff.call('GET', '/api/v1/route?work=incoming&domain=finance');
    assert.equal(r.status, 200, r.text);
    assert.ok([before, dateIn('Pacific/Kiritimati')].includes(r.body.on), `${r.body.on} vs ${before}`);
  } finally {
    assert.equal(await kiri.stop(), 0, kiri.tail());
  }
  for (const zone of ['Mars/Olympus', '']) {
    const bad = spawnSync(productBin, ['serve', '--db', product.db, '--listen', '127.0.0.1:0', '--timezone', zone],
      { encoding: 'utf8', timeout: 10000 });
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /unknown time zone/);
    assert.ok(bad.stderr.includes(`"${zone}"`), bad.stderr);
    assert.equal(bad.stdout, '', 'it never started listening');
  }
});

// Last on this server: the failures make every later sign-in from this address need a captcha.
test('the product does not reveal the answer of a real captcha', async () => {
  let r;
  for (let i = 1; i <= 3; i++)
    r = await api(product.url, 'POST', '/api/v1/session', { json: { username: 'fushuji', password: `bad-${i}` } });
  assert.equal(r.status, 401);
  const id = r.body.captcha?.id;
  assert.ok(id, 'the third failure asks for a captcha');
  assert.equal((await fetch(`${product.url}/captcha/${encodeURIComponent(id)}.png`)).status, 200);
  r = await api(product.url, 'GET', `/api/v1/_test/captcha/${encodeURIComponent(id)}`);
  assert.equal(r.status, 404);
  assert.equal(r.body.answer, undefined);
});
