// The office portal (门户): sections and their paged lists, articles with previous and next
// links in the section, read counts once per reader and day (also under 20 concurrent
// requests), comments (anonymous ones only when allowed and only with the captcha; held ones
// shown after approval), the links block, the Atom feed, search, and bad input refused with a
// clear 4xx. SQLite and PostgreSQL.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { startServer, login, api, rawSql } from '../lib/server.mjs';

const srv = await startServer({ demo: true });
after(async () => { if (process.env.SHOWLOG) console.log(srv.log()); assert.equal(await srv.stop(), 0, srv.log()); });

const editor = await login(srv.url, 'xinxike');
const reader = await login(srv.url, 'liaison');
const anon = (method, path, opts = {}) => api(srv.url, method, path, opts);
const count = (sql) => Number(rawSql(srv.db, sql).stdout.trim());

async function article(fields) {
  const r = await editor.call('POST', '/api/v1/articles', { json: { section: 'gzjl', author: '李文', body: '第一段。\n\n第二段。', ...fields } });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

// Three articles of 工作交流 on three days, and one of 素质修养.
const a1 = await article({ title: '做好值班工作的几点体会', published_on: '2026-03-02' });
const a2 = await article({ title: '信息工作要在快准实上下功夫', published_on: '2026-03-05', author: '', unit: '市委办公室信息科' });
const a3 = await article({ title: '督查工作的方法与实践', published_on: '2026-03-09' });
const other = await article({ title: '提高公文写作素养', section: 'szxy', published_on: '2026-03-07' });

test('sections are data, with the five defaults in order', async () => {
  const r = await editor.call('GET', '/api/v1/portal/sections');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.items.map((s) => s.code), ['wzjx', 'ztyj', 'xszm', 'szxy', 'gzjl']);
  assert.deepEqual(r.body.items.map((s) => s.name), ['文章精选', '专题研究', '学术争鸣', '素质修养', '工作交流']);
});

test('a section lists its articles newest first, paged, each with byline, date and reads', async () => {
  let r = await reader.call('GET', '/api/v1/articles?section=gzjl&limit=2');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.items.map((a) => a.id), [a3.id, a2.id]);
  assert.equal(r.body.total, 3);
  assert.equal(r.body.next_cursor, '2');
  assert.equal(r.body.items[1].byline, '市委办公室信息科');
  assert.equal(r.body.items[0].published_on, '2026-03-09');
  assert.equal(typeof r.body.items[0].reads, 'number');
  r = await reader.call('GET', `/api/v1/articles?section=gzjl&limit=2&cursor=${r.body.next_cursor}`);
  assert.deepEqual(r.body.items.map((a) => a.id), [a1.id]);
  assert.equal(r.body.next_cursor, null);
  assert.equal((await reader.call('GET', '/api/v1/articles?section=nosuch')).status, 404);
  assert.equal((await reader.call('GET', '/api/v1/articles?limit=0')).status, 422);
});

test('an article has paragraphs and previous and next links within its section', async () => {
  let r = await reader.call('GET', `/api/v1/articles/${a2.id}`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.paragraphs, ['第一段。', '第二段。']);
  assert.equal(r.body.prev.id, a3.id, 'the newer one comes before');
  assert.equal(r.body.next.id, a1.id, 'the older one after');
  assert.ok(r.body.related.every((x) => x.section === 'gzjl' && x.id !== a2.id));
  r = await reader.call('GET', `/api/v1/articles/${a1.id}`);
  assert.equal(r.body.next, null);
  r = await reader.call('GET', `/api/v1/articles/${other.id}`);
  assert.equal(r.body.prev, null, 'the other section is not a neighbour');
  assert.equal(r.body.next, null);
  assert.equal((await reader.call('GET', '/api/v1/articles/999999')).status, 404);
});

test('reads are counted once per reader and day, also under 20 concurrent requests', async () => {
  const fresh = await article({ title: '关于公文处理的思考', published_on: '2026-04-01' });
  assert.equal(fresh.reads, 0);
  await Promise.all(Array.from({ length: 20 }, () => reader.call('GET', `/api/v1/articles/${fresh.id}`)));
  let r = await editor.call('GET', `/api/v1/articles/${fresh.id}`);
  assert.equal(r.body.reads, 2, 'one for the liaison, one for the editor');
  // anonymous readers (the portal made public): one cookie is one reader
  assert.equal((await editor.call('PUT', '/api/v1/portal/settings', { json: { public: true } })).status, 200);
  const first = await anon('GET', `/api/v1/articles/${fresh.id}`);
  assert.equal(first.status, 200, first.text);
  const cookie = first.headers.get('set-cookie').split(';')[0];
  assert.match(cookie, /^mishu_reader=[A-Za-z0-9_-]{22}$/);
  assert.equal(first.body.reads, 3);
  const again = await Promise.all(Array.from({ length: 20 }, () => anon('GET', `/api/v1/articles/${fresh.id}`, { headers: { cookie } })));
  assert.ok(again.every((x) => x.status === 200));
  r = await anon('GET', `/api/v1/articles/${fresh.id}`, { headers: { cookie } });
  assert.equal(r.body.reads, 3, 'the same cookie counts once');
  assert.equal(count(`SELECT count(*) FROM article_read WHERE article_id = ${fresh.id}`), 3);
  assert.equal((await editor.call('PUT', '/api/v1/portal/settings', { json: { public: false } })).status, 200);
});

test('the portal needs a sign-in unless the office makes it public', async () => {
  assert.equal((await anon('GET', '/api/v1/articles')).status, 401);
  assert.equal((await anon('GET', `/api/v1/articles/${a1.id}`)).status, 401);
  assert.equal((await editor.call('PUT', '/api/v1/portal/settings', { json: { public: true } })).status, 200);
  assert.equal((await anon('GET', '/api/v1/articles?section=gzjl')).status, 200);
  assert.equal((await editor.call('PUT', '/api/v1/portal/settings', { json: { public: false } })).status, 200);
  assert.equal((await anon('GET', '/api/v1/articles')).status, 401);
});

test('only editors write articles; bad input gets a clear 4xx', async () => {
  let r = await reader.call('POST', '/api/v1/articles', { json: { title: 'x', body: 'y', section: 'gzjl', author: '某' } });
  assert.equal(r.status, 403);
  r = await anon('POST', '/api/v1/articles', { json: { title: 'x' } });
  assert.equal(r.status, 401);
  r = await editor.call('POST', '/api/v1/articles', { body: '{"title": ', headers: { 'content-type': 'application/json' } });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.code, 'invalid_json');
  r = await editor.call('POST', '/api/v1/articles', { json: { title: '标题', body: '正文', section: 'nosuch', author: '某' } });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'section');
  r = await editor.call('POST', '/api/v1/articles', { json: { title: '标题', body: '正文', section: 'gzjl' } });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'author');
  r = await editor.call('POST', '/api/v1/articles', { json: { title: '长'.repeat(201), body: '正文', section: 'gzjl', author: '某' } });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'title');
  assert.match(r.body.error.message, /200/);
  r = await editor.call('POST', '/api/v1/articles', { json: { title: '标题', body: '正文', section: 'gzjl', author: '某', published_on: '2026-02-30' } });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'published_on');
  r = await editor.call('POST', '/api/v1/articles', { json: { title: '标题', body: '字'.repeat(1100000), section: 'gzjl', author: '某' } });
  assert.equal(r.status, 413);
  r = await editor.call('PATCH', `/api/v1/articles/${a1.id}`, { json: { title: '做好值班工作的几点体会（修订）' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.title, '做好值班工作的几点体会（修订）');
  assert.equal(r.body.author, '李文', 'fields not given are kept');
});

test('an anonymous comment needs the setting and the right captcha; nothing is stored otherwise', async () => {
  const path = `/api/v1/articles/${a3.id}/comments`;
  const before = count('SELECT count(*) FROM article_comment');
  assert.equal((await editor.call('PUT', '/api/v1/portal/settings', { json: { public: true, anonymous_comments: false } })).status, 200);
  let r = await anon('POST', path, { json: { body: '写得好', name: '读者甲' } });
  assert.equal(r.status, 403, 'anonymous comments are off');
  assert.equal((await editor.call('PUT', '/api/v1/portal/settings', { json: { anonymous_comments: true } })).status, 200);
  r = await anon('POST', path, { json: { body: '写得好', name: '读者甲' } });
  assert.equal(r.status, 422, 'no captcha');
  assert.equal(r.body.error.field, 'captcha_answer');
  let cap = await anon('POST', '/api/v1/captcha');
  assert.equal(cap.status, 201, cap.text);
  assert.match(cap.body.image, /^\/captcha\/.+\.png$/);
  r = await anon('POST', path, { json: { body: '写得好', name: '读者甲', captcha_id: cap.body.id, captcha_answer: 'WRONG1' } });
  assert.equal(r.status, 422, 'a wrong answer');
  assert.equal(count('SELECT count(*) FROM article_comment'), before, 'nothing stored');
  cap = await anon('POST', '/api/v1/captcha');
  const answer = (await anon('GET', `/api/v1/_test/captcha/${cap.body.id}`)).body.answer;
  const first = await anon('GET', `/api/v1/articles/${a3.id}`);
  const cookie = first.headers.get('set-cookie').split(';')[0];
  r = await anon('POST', path, { json: { body: '写得好，值得学习。', name: '读者甲', captcha_id: cap.body.id, captcha_answer: answer }, headers: { cookie } });
  assert.equal(r.status, 201, r.text);
  const mine = r.body.items.find((k) => k.body === '写得好，值得学习。');
  assert.equal(mine.held, true, 'held for moderation by default');
  assert.equal(mine.mine, true, 'its author sees it');
  r = await anon('POST', path, { json: { body: '再来一次', captcha_id: cap.body.id, captcha_answer: answer } });
  assert.equal(r.status, 422, 'a captcha is used once');
  assert.equal((await editor.call('PUT', '/api/v1/portal/settings', { json: { public: false, anonymous_comments: false } })).status, 200);
});

test('a held comment is shown only after an editor approves it; an editor removes one', async () => {
  const path = `/api/v1/articles/${a2.id}/comments`;
  let r = await reader.call('POST', path, { json: { body: '建议多介绍基层经验。' } });
  assert.equal(r.status, 201, r.text);
  const c = r.body.items.find((k) => k.body === '建议多介绍基层经验。');
  assert.equal(c.held, true);
  assert.equal(c.name, reader.user.display_name);
  const other = await login(srv.url, 'mishuzhang');
  r = await other.call('GET', path);
  assert.equal(r.body.items.some((k) => k.id === c.id), false, 'hidden from others while held');
  r = await editor.call('GET', '/api/v1/portal/comments');
  assert.ok(r.body.items.some((k) => k.id === c.id && k.article_id === a2.id));
  assert.equal((await reader.call('POST', `${path}/${c.id}/actions/approve`)).status, 403);
  r = await editor.call('POST', `${path}/${c.id}/actions/approve`);
  assert.equal(r.status, 200, r.text);
  r = await other.call('GET', path);
  assert.equal(r.body.items.find((k) => k.id === c.id).held, false, 'shown once approved');
  assert.equal((await editor.call('POST', `${path}/${c.id}/actions/approve`)).status, 409);
  assert.equal((await editor.call('POST', `${path}/${c.id}/actions/remove`)).status, 200);
  assert.equal((await other.call('GET', path)).body.items.some((k) => k.id === c.id), false);
  assert.equal((await editor.call('POST', `${path}/${c.id}/actions/remove`)).status, 404);
  r = await reader.call('POST', path, { json: { body: '' } });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'body');
});

test('the links block is the editors\' to change; only http(s) addresses or paths', async () => {
  let r = await editor.call('PUT', '/api/v1/portal/links', { json: { links: [{ name: '中国政府网', url: 'https://www.gov.cn/' }, { name: '机关文件', url: '/documents' }] } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.items.map((l) => l.name), ['中国政府网', '机关文件']);
  r = await editor.call('PUT', '/api/v1/portal/links', { json: { links: [{ name: '坏', url: 'javascript:alert(1)' }] } });
  assert.equal(r.status, 422);
  assert.equal((await reader.call('PUT', '/api/v1/portal/links', { json: { links: [] } })).status, 403);
  assert.equal((await reader.call('GET', '/api/v1/portal/links')).body.items.length, 2);
});

test('the Atom feed of a section parses as XML, escaped, with RFC 3339 dates', async () => {
  await article({ title: '关于“<办文>”与“&办会”的对比研究', published_on: '2026-05-10' });
  const r = await fetch(`${srv.url}/portal/gzjl/feed.atom`, { headers: { cookie: reader.cookie } });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^application\/atom\+xml/);
  const xml = await r.text();
  assert.equal(XMLValidator.validate(xml), true);
  const feed = new XMLParser({ ignoreAttributes: false }).parse(xml).feed;
  assert.equal(feed.title, '工作交流');
  const entries = [].concat(feed.entry);
  assert.equal(entries[0].title, '关于“<办文>”与“&办会”的对比研究');
  for (const e of entries) assert.match(e.updated, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/);
  assert.equal((await fetch(`${srv.url}/portal/nosuch/feed.atom`, { headers: { cookie: reader.cookie } })).status, 404);
  assert.equal((await fetch(`${srv.url}/portal/gzjl/feed.atom`, { redirect: 'manual' })).status, 303, 'not public: sign in');
});

test('search inside the portal finds articles by Chinese words', async () => {
  let r = await reader.call('GET', `/api/v1/articles?q=${encodeURIComponent('督查')}`);
  assert.equal(r.status, 200, r.text);
  assert.ok(r.body.items.some((a) => a.id === a3.id));
  assert.ok(r.body.items.every((a) => a.section));
  r = await reader.call('GET', `/api/v1/articles?q=${encodeURIComponent('值班')}`);
  assert.deepEqual(r.body.items.map((a) => a.id), [a1.id]);
});

// An application with a fresh, answered captcha; FIELDS over a person's defaults.
async function apply(fields) {
  const cap = await anon('POST', '/api/v1/captcha');
  const answer = (await anon('GET', `/api/v1/_test/captcha/${cap.body.id}`)).body.answer;
  return anon('POST', '/api/v1/members', { json: { kind: 'person', display_name: '王小明', password: 'Portal-Pass-2026',
    captcha_id: cap.body.id, captcha_answer: answer, ...fields } });
}

test('individuals and organisations apply for membership; the system administrator approves', async () => {
  const admin = await login(srv.url, 'admin');
  const secadmin = await login(srv.url, 'secadmin');
  let r = await anon('POST', '/api/v1/members', { json: { kind: 'person', username: 'wangxm', display_name: '王小明', password: 'Portal-Pass-2026' } });
  assert.equal(r.status, 422, 'no captcha');
  assert.equal(r.body.error.field, 'captcha_answer');
  r = await apply({ username: 'wangxm', password: 'short' });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'password');
  r = await apply({ username: 'xinxike' });
  assert.equal(r.status, 409, 'a username of an account');
  assert.equal(r.body.error.field, 'username');
  r = await apply({ kind: 'unit', username: 'jcxh', display_name: '江城市秘书学会' });
  assert.equal(r.status, 422, 'an organisation names its contact person');
  assert.equal(r.body.error.field, 'contact');
  r = await apply({ username: 'WangXM' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.status, 'pending');
  const person = r.body.id;
  assert.equal((await apply({ username: 'wangxm' })).status, 409, 'one pending application per username');
  r = await apply({ kind: 'unit', username: 'jcxh', display_name: '江城市秘书学会', contact: '刘会长', phone: '0712-1234567' });
  assert.equal(r.status, 201, r.text);
  const unit = r.body.id;
  assert.equal(count("SELECT count(*) FROM portal_member WHERE password_hash LIKE '$argon2id$%'"), 2, 'only the hash is kept');

  assert.equal((await login(srv.url, 'wangxm', 'Portal-Pass-2026')).status, 401, 'no account while pending');
  assert.equal((await secadmin.call('POST', `/api/v1/members/${person}/actions/approve`)).status, 403, 'the system administrator decides');
  assert.equal((await editor.call('GET', '/api/v1/members')).status, 403);
  r = await admin.call('GET', '/api/v1/members?status=pending');
  assert.deepEqual(r.body.items.map((m) => m.username).sort(), ['jcxh', 'wangxm']);
  assert.equal(r.body.items.some((m) => 'password_hash' in m), false);
  r = await admin.call('POST', `/api/v1/members/${person}/actions/approve`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'approved');
  assert.equal((await admin.call('POST', `/api/v1/members/${person}/actions/approve`)).status, 409);
  r = await admin.call('POST', `/api/v1/members/${unit}/actions/reject`);
  assert.equal(r.body.status, 'rejected');
  assert.equal((await login(srv.url, 'jcxh', 'Portal-Pass-2026')).status, 401, 'a rejected application makes no account');

  const member = await login(srv.url, 'wangxm', 'Portal-Pass-2026');
  assert.equal(member.status, 200, 'the member signs in with the password given');
  assert.deepEqual(member.user.roles, [], 'an account without any role');
  assert.equal((await member.call('GET', '/api/v1/articles?section=gzjl')).status, 200, 'reads the portal');
  r = await member.call('POST', `/api/v1/articles/${a3.id}/comments`, { json: { body: '作为会员，感谢分享。' } });
  assert.equal(r.status, 201, 'comments');
  assert.equal((await member.call('GET', '/api/v1/documents')).status, 403, 'and nothing of the office\'s work');
  assert.equal((await member.call('POST', '/api/v1/articles', { json: { title: 'x', body: 'y', section: 'gzjl', author: 'z' } })).status, 403);
  // a forgotten password: the system administrator resets it; the member changes it at sign-in
  r = await admin.call('POST', `/api/v1/users/${member.user.id}/password`, { json: { password: 'Reset-Pass-2026x' } });
  assert.equal(r.status, 200, r.text);
  const again = await login(srv.url, 'wangxm', 'Reset-Pass-2026x');
  assert.equal(again.status, 200);
  assert.equal((await again.call('GET', '/api/v1/articles')).status, 403, 'a new password first');
});
