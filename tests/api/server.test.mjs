// The HTTP foundation through a real `mishu serve`: health, errors in the contract's shapes
// and both languages, body limits and types, static files, the OpenAPI document, clean stop.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, api, login, dbKind } from '../lib/server.mjs';

const srv = await startServer({ demo: true, args: ['--max-upload', '256k'] });
after(async () => { await srv.stop(); });

function assertError(r, status, code) {
  assert.equal(r.status, status, r.text);
  assert.match(r.headers.get('content-type'), /^application\/json/);
  assert.equal(r.body.error.code, code);
  assert.equal(typeof r.body.error.message, 'string');
  assert.ok(r.body.error.message.length > 0);
}

test('GET /healthz reports ok, the database kind and the version', async () => {
  const r = await api(srv.url, 'GET', '/healthz');
  assert.equal(r.status, 200);
  assert.deepEqual(Object.keys(r.body).sort(), ['db', 'status', 'version']);
  assert.equal(r.body.status, 'ok');
  assert.equal(r.body.db, dbKind);
  assert.match(r.body.version, /^\d+\.\d+\.\d+/);
});

test('unknown API route is 404 JSON with a Chinese message by default', async () => {
  const r = await api(srv.url, 'GET', '/api/v1/no-such-thing');
  assertError(r, 404, 'not_found');
  assert.match(r.body.error.message, /[\u4e00-\u9fff]/, 'message should be Chinese');
});

test('Accept-Language: en gives English messages', async () => {
  const r = await api(srv.url, 'GET', '/api/v1/no-such-thing', { headers: { 'accept-language': 'en' } });
  assertError(r, 404, 'not_found');
  assert.doesNotMatch(r.body.error.message, /[\u4e00-\u9fff]/);
  assert.match(r.body.error.message, /address/i);
});

test('wrong method is 405 with Allow', async () => {
  const r = await api(srv.url, 'DELETE', '/api/v1/openapi.json');
  assertError(r, 405, 'method_not_allowed');
  assert.equal(r.headers.get('allow'), 'GET, HEAD');
  const page = await fetch(srv.url + '/', { method: 'POST' });
  assert.equal(page.status, 405);
  assert.match(page.headers.get('content-type'), /^text\/html/);
  assert.match(await page.text(), /405/);
});

test('malformed JSON is 400 invalid_json', async () => {
  const r = await api(srv.url, 'POST', '/api/v1/_test/echo', { body: '{"title": "未完', headers: { 'content-type': 'application/json' } });
  assertError(r, 400, 'invalid_json');
});

test('duplicate keys and invalid UTF-8 in JSON are refused too', async () => {
  let r = await api(srv.url, 'POST', '/api/v1/_test/echo', { body: '{"a":1,"a":2}', headers: { 'content-type': 'application/json' } });
  assertError(r, 400, 'invalid_json');
  r = await api(srv.url, 'POST', '/api/v1/_test/echo', { body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]), headers: { 'content-type': 'application/json' } });
  assertError(r, 400, 'invalid_json');
});

test('well-formed JSON reaches the handler intact', async () => {
  const r = await api(srv.url, 'POST', '/api/v1/_test/echo', { json: { title: '关于做好年终工作的通知', n: 3 } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.json, { title: '关于做好年终工作的通知', n: 3 });
});

test('wrong content type is 415', async () => {
  const r = await api(srv.url, 'POST', '/api/v1/_test/echo', { body: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assertError(r, 415, 'unsupported_media_type');
  const r2 = await api(srv.url, 'POST', '/api/v1/_test/echo', { body: 'hello', headers: { 'content-type': 'text/plain' } });
  assertError(r2, 415, 'unsupported_media_type');
});

test('a JSON body over 1 MiB is 413, declared or chunked', async () => {
  const big = JSON.stringify({ text: 'x'.repeat(1024 * 1024 + 10) });
  const r = await api(srv.url, 'POST', '/api/v1/_test/echo', { body: big, headers: { 'content-type': 'application/json' } });
  assertError(r, 413, 'payload_too_large');
  // Chunked: no Content-Length, so the limit trips while the body streams in.
  const stream = new ReadableStream({
    start(c) { for (let i = 0; i < 20; i++) c.enqueue(new TextEncoder().encode('x'.repeat(64 * 1024))); c.close(); },
  });
  const res = await fetch(srv.url + '/api/v1/_test/echo', { method: 'POST', body: stream, duplex: 'half', headers: { 'content-type': 'application/json' } });
  const body = await res.json();
  assert.equal(res.status, 413);
  assert.equal(body.error.code, 'payload_too_large');
});

test('a huge declared body, or one sent after Expect: 100-continue, is refused before it is sent', async () => {
  for (const extra of ['', 'Expect: 100-continue\r\n']) {
    const len = extra ? 2 * 1024 * 1024 : 512 * 1024 * 1024;
    const sock = net.connect(new URL(srv.url).port, '127.0.0.1');
    await new Promise((r) => sock.on('connect', r));
    let data = '';
    sock.on('data', (b) => { data += b; });
    sock.write(`POST /api/v1/_test/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${len}\r\n${extra}\r\n`);
    await new Promise((r) => setTimeout(r, 300));
    sock.destroy();
    assert.match(data, /^HTTP\/1\.1 413/, extra || 'huge');
    assert.doesNotMatch(data, /100 Continue/);
  }
});

test('a body just under the limit is accepted', async () => {
  const text = 'y'.repeat(1024 * 1024 - 20);
  const r = await api(srv.url, 'POST', '/api/v1/_test/echo', { json: { text } });
  assert.equal(r.status, 200, r.text.slice(0, 200));
  assert.equal(r.body.json.text.length, text.length);
});

test('urlencoded and multipart forms, with a file under and over the upload limit', async () => {
  let r = await api(srv.url, 'POST', '/_test/form', { body: 'title=%E9%80%9A%E7%9F%A5&x=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.form.title, '通知');
  const fd = new FormData();
  fd.append('title', '附件测试');
  fd.append('file', new Blob([new Uint8Array(200 * 1024)]), '附件.pdf');
  r = await api(srv.url, 'POST', '/_test/form', { body: fd });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.form.title, '附件测试');
  assert.deepEqual(r.body.files, [{ field: 'file', filename: '附件.pdf', size: 200 * 1024 }]);
  const big = new FormData();
  big.append('file', new Blob([new Uint8Array(300 * 1024)]), 'big.bin');
  const res = await fetch(srv.url + '/_test/form', { method: 'POST', body: big });
  assert.equal(res.status, 413);
  assert.match(res.headers.get('content-type'), /^text\/html/);
});

test('invalid UTF-8 in a form is 400', async () => {
  const r = await api(srv.url, 'POST', '/_test/form', { body: 'title=%FF%FE', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(r.status, 400);
});

test('an unknown page is an HTML 404 in the site layout', async () => {
  const res = await fetch(srv.url + '/no-such-page');
  const html = await res.text();
  assert.equal(res.status, 404);
  assert.match(res.headers.get('content-type'), /^text\/html/);
  assert.match(html, /<header/);
  assert.match(html, /秘书/);
  assert.match(html, /404/);
});

test('the dashboard is served in Chinese, and in English on request', async () => {
  const { cookie } = await login(srv.url, 'shuji');
  let res = await fetch(srv.url + '/', { headers: { cookie } });
  let html = await res.text();
  assert.equal(res.status, 200);
  assert.match(html, /<html lang="zh-CN"/);
  assert.match(html, /工作台/);
  assert.match(html, /href="\/documents"/);
  res = await fetch(srv.url + '/', { headers: { cookie, 'accept-language': 'en-GB,en;q=0.9' } });
  html = await res.text();
  assert.match(html, /<html lang="en"/);
  assert.match(html, /Dashboard/);
});

test('every response carries the security headers', async () => {
  const res = await fetch(srv.url + '/login');
  await res.text();
  assert.match(res.headers.get('content-security-policy'), /frame-ancestors 'none'/);
  assert.doesNotMatch(res.headers.get('content-security-policy'), /unsafe-inline/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
});

test('static files have content types, ETags and cache headers; 304 on revalidation', async () => {
  const res = await fetch(srv.url + '/static/css/mishu.css');
  await res.text();
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/css; charset=utf-8');
  const etag = res.headers.get('etag');
  assert.match(etag, /^"[0-9a-f]{32}"$/);
  assert.match(res.headers.get('cache-control'), /max-age=\d+/);
  const again = await fetch(srv.url + '/static/css/mishu.css', { headers: { 'if-none-match': etag } });
  assert.equal(again.status, 304);
  const js = await fetch(srv.url + '/static/vendor/htmx.min.js');
  assert.equal(js.status, 200);
  assert.match(js.headers.get('content-type'), /^text\/javascript/);
  assert.ok((await js.text()).length > 10000);
});

test('path traversal out of /static is refused', async () => {
  for (const p of ['/static/../api/openapi.json', '/static/%2e%2e/api/openapi.json', '/static/css/../../templates/layout.mustache', '/static/.hidden']) {
    const res = await fetch(srv.url + p);
    await res.text();
    assert.equal(res.status, 404, p);
  }
});

test('GET /api/v1/openapi.json is an OpenAPI 3.1 document', async () => {
  const r = await api(srv.url, 'GET', '/api/v1/openapi.json');
  assert.equal(r.status, 200);
  assert.equal(r.body.openapi, '3.1.0');
  assert.ok(r.body.paths['/healthz'].get);
});

test('keep-alive: many requests on one connection', async () => {
  const sock = net.connect(new URL(srv.url).port, '127.0.0.1');
  await new Promise((r) => sock.on('connect', r));
  let data = '';
  sock.on('data', (b) => { data += b; });
  for (let i = 0; i < 5; i++) sock.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
  await new Promise((r) => setTimeout(r, 500));
  sock.end();
  assert.equal((data.match(/HTTP\/1\.1 200/g) || []).length, 5);
  assert.doesNotMatch(data, /Connection: close/i);
});

test('concurrent requests all succeed', async () => {
  const rs = await Promise.all(Array.from({ length: 64 }, () => api(srv.url, 'GET', '/healthz')));
  assert.ok(rs.every((r) => r.status === 200));
});

test('SIGTERM stops the server cleanly with exit 0, finishing an in-flight request', async () => {
  const s = await startServer();
  // A slow upload is in flight when the signal arrives; it must still get its answer.
  const sock = net.connect(new URL(s.url).port, '127.0.0.1');
  await new Promise((r) => sock.on('connect', r));
  let data = '';
  sock.on('data', (b) => { data += b; });
  const body = '{"a":"' + 'z'.repeat(1000) + '"}';
  sock.write(`POST /api/v1/_test/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
  sock.write(body.slice(0, 100));
  await new Promise((r) => setTimeout(r, 200));
  const t0 = Date.now();
  s.proc.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 200));
  sock.write(body.slice(100));
  const code = await s.stop();
  assert.equal(code, 0, s.log());
  assert.ok(Date.now() - t0 < 5000, 'stopped within 5 s');
  assert.match(data, /HTTP\/1\.1 200/);
  assert.match(s.log(), /stopped/);
});
