// No English on a Chinese page (issue 12): every GET page route of src/routes.c, rendered in
// Debian's Chromium (zh-CN) for each demo role, with the ids of real items put in for {id}
// (created through the API first); the visible text and the title, placeholder, aria-label and
// button values are scanned for ASCII words outside a small allowlist (codes such as PDF or
// OFD, numbers and units, usernames, e-mail addresses, file names). Raw codes shown on purpose
// (a unit's code, a workflow state's, an audit action's) are marked up as <code> (or
// translate="no"), which the scan skips. Independent of how many
// demo items exist: it only visits the items it made and the first of each list.
//
// Run: node --test-reporter=./tests/lib/reporter.mjs tests/browser/words.test.mjs
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openPage, submit, DESKTOP } from '../lib/browser.mjs';
import { startServer, login, root } from '../lib/server.mjs';
import { registerIncoming, docStep } from '../lib/work.mjs';

const TIMEOUT = { timeout: 600_000 };
const srv = await startServer({ demo: true });
const browser = await launch();
after(async () => {
  await browser.close();
  assert.equal(await srv.stop(), 0, srv.tail());
});

const ROLES = ['mishuke', 'shuji', 'liaison', 'duchashi', 'admin', 'secadmin', 'auditor'];
// ASCII words that may stand on a Chinese page: codes and units an office writes that way.
const ALLOW = new Set(['PDF', 'OFD', 'API', 'ID', 'URL', 'CSV', 'XLSX', 'JSON', 'GB', 'T', 'KB',
  'MB', 'KiB', 'MiB', 'GiB', 'IP', 'A4', 'CSRF', 'UTF', 'Excel', 'Word', 'WPS', 'SQLite',
  'PostgreSQL', 'HTTP', 'HTTPS', 'N',
  'English',                   // the language's own name in the language menu
  'Authorization', 'Bearer']); // the HTTP header a token goes in

// The GET page routes of the route table (not the API, static files, images or PDFs).
function pageRoutes() {
  const src = readFileSync(join(root, 'src/routes.c'), 'utf8');
  const out = [];
  for (const m of src.matchAll(/\{"GET",\s*"([^"]+)"/g)) {
    const p = m[1];
    if (p.startsWith('/api/') || p.startsWith('/static/') || p === '/healthz' ||
        p.endsWith('.png') || p.endsWith('.pdf') || p.endsWith('.atom'))
      continue;
    out.push(p);
  }
  return out;
}

// Real items for the {id} placeholders, made through the API.
async function makeItems() {
  const staff = await login(srv.url, 'mishuke');
  const year = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date());
  const incoming = await registerIncoming(staff, { title: '关于做好今冬明春森林防火工作的通知',
    origin: 'higher', received_on: `${year}-11-02` });
  assert.equal((await docStep(staff, incoming, 'check', { opinion: '文件齐全' })).status, 200);
  assert.equal((await docStep(staff, incoming, 'propose', { opinion: '拟请书记阅示' })).status, 200);
  const shuji = await login(srv.url, 'shuji');
  let r = await docStep(shuji, incoming, 'instruct', { opinion: '请应急管理局牵头抓好落实。' });
  assert.equal(r.status, 200, r.text);
  r = await staff.call('POST', '/api/v1/documents', { json: { direction: 'outgoing', doc_type: '通知',
    series: '江委发', title: '关于开展冬季安全生产大检查的通知', domain: 'emergency', main_to: ['fgw'],
    body: '各单位要认真开展检查。' } });
  assert.equal(r.status, 201, r.text);
  const outgoing = r.body.id;
  r = await staff.call('POST', '/api/v1/tasks', { json: { source: 'key_work', content: '推进森林防火网格化管理',
    domain: 'emergency', lead_unit: 'fgw', deadline_days: 20 } });
  assert.equal(r.status, 201, r.text);
  const task = r.body.id;
  const instructions = (await staff.call('GET', `/api/v1/instructions?item_id=${incoming}`)).body.items;
  const admin = await login(srv.url, 'admin');
  const users = (await admin.call('GET', '/api/v1/users')).body;
  const units = (await staff.call('GET', '/api/v1/org/units')).body.items;
  const leaders = (await staff.call('GET', '/api/v1/org/leaders')).body.items;
  // a 常委会 held to its approved minutes, with a passed item and its task, and one still in preparation
  r = await staff.call('POST', '/api/v1/meetings', { json: { type: 'changwei', title: '市委常委会第50次会议',
    starts_at: `${year}-12-28T09:00`, room: '市委第一会议室' } });
  assert.equal(r.status, 201, r.text);
  const held = r.body.id;
  r = await shuji.call('POST', `/api/v1/meetings/${held}/agenda`, { json: { title: '关于全市森林防火工作的议题', leader: 'shuji' } });
  assert.equal(r.status, 201, r.text);
  const agenda = r.body.id;
  const mstep = (who, path, json = {}) => who.call('POST', `/api/v1/meetings/${held}${path}`, { json });
  assert.equal((await mstep(shuji, '/agenda/1/actions/approve')).status, 200);
  assert.equal((await mstep(staff, '/actions/notify')).status, 200);
  const members = (await staff.call('GET', `/api/v1/meetings/${held}`)).body.members.map((m) => m.username);
  for (const u of members.slice(0, 8)) await mstep(staff, '/attendance', { username: u, status: 'present' });
  await mstep(staff, '/attendance', { username: members[9], status: 'leave', reason: '外出学习', written_view: '同意。' });
  assert.equal((await mstep(staff, '/actions/open')).status, 200);
  for (const u of members.slice(0, 8)) await mstep(staff, '/agenda/1/vote', { username: u, choice: 'agree' });
  assert.equal((await mstep(staff, '/agenda/1/actions/close')).status, 200);
  assert.equal((await mstep(staff, '/agenda/1/tasks', { lead_unit: 'fgw', deadline_working_days: 10 })).status, 201);
  assert.equal((await mstep(staff, '/actions/adjourn')).status, 200);
  assert.equal((await mstep(shuji, '/actions/approve_minutes')).status, 200, 'the page offers to issue the minutes');
  r = await staff.call('POST', '/api/v1/meetings', { json: { type: 'zhuanti', title: '全市森林防火专题会议',
    starts_at: `${year}-12-29T15:00`, chair: 'changwu', domain: 'finance', attendees: ['mishuzhang'] } });
  assert.equal(r.status, 201, r.text);
  const preparing = r.body.id;
  // information: an urgent report in the queue, another adopted and published in an issue
  const fgw = await login(srv.url, 'liaison');
  const editor = await login(srv.url, 'xinxike');
  r = await fgw.call('POST', '/api/v1/reports', { json: { title: '全市森林防火形势总体平稳', body: '各地落实巡山护林措施。',
    domain: 'emergency', urgency: 'urgent', submit: true } });
  assert.equal(r.status, 201, r.text);
  const report = r.body.id;
  r = await fgw.call('POST', '/api/v1/reports', { json: { title: '市发改委推进森林防火基础设施建设', body: '新建防火通道12公里。', submit: true } });
  const adopted = r.body.id;
  assert.equal((await editor.call('POST', `/api/v1/reports/${adopted}/actions/adopt`, { json: {} })).status, 200);
  r = await editor.call('POST', '/api/v1/issues', { json: { bulletin: 'jcxx', reports: [adopted] } });
  assert.equal(r.status, 201, r.text);
  const issue = r.body.id;
  assert.equal((await editor.call('POST', `/api/v1/issues/${issue}/actions/publish`, { json: {} })).status, 200);
  // a portal article with a held comment
  r = await editor.call('POST', '/api/v1/articles', { json: { section: 'gzjl', title: '做好信息报送工作的体会',
    body: '信息工作贵在及时准确。\n要坚持快报事实、慎报原因。', unit: '市委办公室信息科' } });
  assert.equal(r.status, 201, r.text);
  const article = r.body.id;
  assert.equal((await staff.call('POST', `/api/v1/articles/${article}/comments`, { json: { body: '很受启发。' } })).status, 201);
  // the duty roster of today with a handover waiting for its incoming officer (/duty, the header)
  const zhiban = await login(srv.url, 'zhiban');
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  const yesterday = new Date(Date.now() - 86400000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  for (const d of [yesterday, today]) {
    r = await zhiban.call('POST', '/api/v1/duty/entries', { json: { date: d, shift: 'day', role: 'leader', user: 'fumishuzhang1' } });
    assert.equal(r.status, 201, r.text);
    for (const [shift, user] of [['day', d === today ? 'zhiban' : 'zhiban2'], ['night', d === today ? 'xinxike' : 'mishuke2']])
      assert.equal((await zhiban.call('POST', '/api/v1/duty/entries', { json: { date: d, shift, role: 'officer', user } })).status, 201);
  }
  assert.equal((await zhiban.call('POST', '/api/v1/duty/leave', { json: { user: 'zongheke', from: today, to: today, reason: '年休假' } })).status, 201);
  r = await zhiban.call('POST', '/api/v1/duty/handovers', { json: { to: 'mishuke', notes: '本班平稳。', items: ['明传电报待秘书长阅示'] } });
  assert.equal(r.status, 201, r.text);
  // an incident: level II, so that 书记 is alerted and sees it too
  r = await zhiban.call('POST', '/api/v1/incidents', { json: { title: '江北县遭遇强降雨引发山洪', category: 'natural', level: 2,
    domain: 'agriculture', place: '江北县石门镇', injured: 1, measures: '转移群众1260人。' } });
  assert.equal(r.status, 201, r.text);
  const incident = r.body.id;
  return {
    '/incidents/{id}': [incident],
    '/reports/{id}': [report, adopted], '/issues/{id}': [issue],
    '/portal/articles/{id}': [article], '/portal/articles/{id}/edit': [article],
    '/portal/{section}': ['gzjl', 'wzjx'],
    '/meetings/{id}': [held, preparing], '/meetings/{id}/seating': [held], '/agenda/{id}': [agenda],
    '/documents/{id}': [incoming, outgoing], '/documents/{id}/edit': [outgoing],
    '/tasks/{id}': [task], '/instructions/{id}/tasks': [instructions[0].id],
    '/admin/users/{id}': [(users.items || users)[0].id], '/org/units/{id}': [units[0].id],
    '/org/leaders/{id}': [leaders[0].id], '/workflows/{code}': ['incoming', 'outgoing', 'task'],
    '/meetings/types/{code}/edit': ['changwei', 'shuji'],
  };
}

// The English words in the page's visible text and labels (none expected), each with where.
async function englishOn(page, usernames) {
  const found = await page.evaluate(() => {
    document.querySelectorAll('code, kbd, samp, [translate="no"], script, style, noscript')
      .forEach((e) => { e.textContent = ''; });
    const parts = [document.title, document.body.innerText];
    for (const e of document.querySelectorAll('[title], [placeholder], [aria-label]'))
      parts.push(e.getAttribute('title') || '', e.getAttribute('placeholder') || '', e.getAttribute('aria-label') || '');
    for (const e of document.querySelectorAll('input[type="submit"], input[type="button"], button[value]'))
      if (e.type !== 'hidden') parts.push(e.value || '');
    return parts.join('\n');
  });
  const text = found
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ')                // e-mail
    .replace(/[\w.-]+(\/[\w.{}-]*)+/g, ' ')                       // relative paths (data/…)
    .replace(/\b(https?:\/\/|\/)[\w\/.?=&%{}-]*/g, ' ')         // addresses and paths
    .replace(/[\w\u4e00-\u9fff（）()·-]+\.(pdf|ofd|csv|xlsx|docx?|png|jpe?g|txt)\b/gi, ' '); // files
  const words = new Set();
  for (const m of text.matchAll(/[A-Za-z][A-Za-z0-9_'’-]*/g)) {
    const w = m[0].replace(/[’'-]+$/, '');
    if (ALLOW.has(w) || usernames.has(w) || /^[A-Za-z]$/.test(w) || /^[A-Z]?\d/.test(w) || /\d/.test(w))
      continue;
    const at = text.indexOf(m[0]);
    words.add(`${w} «${text.slice(Math.max(0, at - 20), at + w.length + 20).replace(/\s+/g, ' ')}»`);
  }
  return [...words];
}

test('no English word on any page, for every role', TIMEOUT, async () => {
  const ids = await makeItems();
  const admin = await login(srv.url, 'admin');
  const list = (await admin.call('GET', '/api/v1/users?limit=500')).body;
  const usernames = new Set((list.items || list).map((u) => u.username));
  const routes = pageRoutes();
  const urls = [];
  for (const p of routes) {
    if (!p.includes('{')) { urls.push(p); continue; }
    assert.ok(ids[p], `no item for the placeholder of ${p}: add one to makeItems`);
    for (const id of ids[p]) urls.push(p.replace(/\{[a-z]+\}/, String(id)));
  }
  urls.push('/search?q=' + encodeURIComponent('森林防火'), '/documents?direction=incoming',
    '/tasks?status=assigned', '/audit?action=docs.');
  assert.ok(urls.length > 40, `the route table gives ${urls.length} pages`);

  const leaks = [];
  const errorsSeen = new Set();
  // signed out: the sign-in page
  {
    const { context, page } = await openPage(browser, { viewport: DESKTOP });
    await page.goto(srv.url + '/login');
    for (const w of await englishOn(page, usernames)) leaks.push(`(signed out) /login: ${w}`);
    await context.close();
  }
  for (const role of ROLES) {
    const s = await login(srv.url, role);
    assert.equal(s.status, 200, `${role} signs in`);
    const { context, page } = await openPage(browser, { viewport: DESKTOP });
    const [name, value] = s.cookie.split('=');
    await context.addCookies([{ name, value, url: srv.url }]);
    for (const url of urls) {
      const res = await page.goto(srv.url + url);
      const status = res.status();
      if (!(res.headers()['content-type'] || '').includes('text/html')) continue;
      if (status >= 400) {           // one error page of a kind is enough
        if (errorsSeen.has(status)) continue;
        errorsSeen.add(status);
      }
      for (const w of await englishOn(page, usernames)) leaks.push(`${role} ${url} (${status}): ${w}`);
    }
    await context.close();
  }
  assert.deepEqual(leaks, [], `English on Chinese pages:\n${leaks.join('\n')}`);
});

test('every search result links to its item and names its kind and status in Chinese', TIMEOUT, async () => {
  const s = await login(srv.url, 'mishuke');
  const { context, page } = await openPage(browser, { viewport: DESKTOP });
  try {
    const [name, value] = s.cookie.split('=');
    await context.addCookies([{ name, value, url: srv.url }]);
    await page.goto(srv.url + '/search?q=' + encodeURIComponent('森林防火'));
    const hits = page.locator('.search-hit');
    assert.ok(await hits.count() >= 2, 'the incoming document and the task');
    const kinds = new Set();
    for (let i = 0; i < await hits.count(); i++) {
      const hit = hits.nth(i);
      const href = await hit.locator('.search-title a').getAttribute('href');
      assert.match(href, /^\/(documents|tasks|instructions|meetings|agenda|reports|issues)\/\d+/, 'a link to the item');
      const meta = await hit.locator('.search-meta').innerText();
      assert.match(meta, /^[\u4e00-\u9fff]/, `kind in Chinese: ${meta}`);
      assert.doesNotMatch(meta, /[A-Za-z]{2,}/, `no code in ${meta}`);
      kinds.add(href.split('/')[1]);
    }
    assert.ok(kinds.has('tasks') && kinds.has('documents'), [...kinds].join());
  } finally {
    await context.close();
  }
});

test('required fields and file inputs speak Chinese: the server\'s message beside the field, "选择文件"', TIMEOUT, async () => {
  const s = await login(srv.url, 'mishuke');
  const { context, page, problems } = await openPage(browser, { viewport: DESKTOP });
  try {
    const [name, value] = s.cookie.split('=');
    await context.addCookies([{ name, value, url: srv.url }]);
    // an empty registration form reaches the server (novalidate) and comes back with Chinese
    await page.goto(srv.url + '/documents/new?direction=incoming');
    assert.equal(await page.locator('form:not([novalidate])').count(), 0, 'every form is novalidate');
    await page.fill('#d-title', '\u3000\u3000');
    const res = await submit(page, 'form:has(#d-title) button[type="submit"]');
    assert.equal(res.status(), 422);
    const error = page.locator('.field-error').first();
    assert.match(await error.innerText(), /^[\u4e00-\u9fff]/);
    assert.match(await page.locator('.field-error').allInnerTexts().then((t) => t.join(' ')), /标题/);

    // the file input of a document: a Chinese button, the chosen name beside it
    const staff = await login(srv.url, 'mishuke');
    const r = await staff.call('POST', '/api/v1/documents', { json: { direction: 'outgoing', doc_type: '通知',
      series: '江委发', title: '关于做好冬季防火工作的通知', main_to: ['fgw'], body: '请做好防火工作。' } });
    assert.equal(r.status, 201, r.text);
    await page.goto(srv.url + `/documents/${r.body.id}`);
    const pick = page.locator('.attach-form .file-pick');
    assert.equal(await pick.locator('.file-button').innerText(), '选择文件');
    assert.equal(await pick.locator('.file-names').innerText(), '未选择文件');
    const box = await page.locator('#attach-file').boundingBox();
    assert.ok(!box || (box.width <= 1 && box.height <= 1), `the native English button is hidden: ${JSON.stringify(box)}`);
    await page.setInputFiles('#attach-file', { name: '防火方案.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
    assert.equal(await pick.locator('.file-names').innerText(), '防火方案.pdf');
    // the hidden input is still reached by the keyboard, and its label names it
    await page.focus('#attach-file');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'attach-file');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
