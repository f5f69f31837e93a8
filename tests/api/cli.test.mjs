// The command line of CONTRACT.md against real databases: init (idempotent), backup while the
// server writes (consistent; restorable), render, --version, and clear refusals.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, existsSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, api, login, mishu, dbKind, rawSql, freshDatabase } from '../lib/server.mjs';

const srv = await startServer({ demo: true });
const dir = mkdtempSync(join(tmpdir(), 'mishu-cli-'));
after(async () => {
  assert.equal(await srv.stop(), 0, srv.tail());
  rmSync(dir, { recursive: true, force: true });
});

test('mishu --version and usage', () => {
  const v = mishu(['--version']);
  assert.equal(v.status, 0);
  assert.match(v.stdout, /^mishu \d+\.\d+\.\d+/);
  const u = mishu([]);
  assert.equal(u.status, 2);
  assert.match(u.stderr, /usage: mishu COMMAND/);
  assert.equal(mishu(['frobnicate']).status, 2);
});

test('mishu init is idempotent on a live database and reports its schema version', () => {
  const r1 = mishu(['init', '--db', srv.db]);
  const r2 = mishu(['init', '--db', srv.db, '--demo=org']);
  assert.equal(r1.status, 0, r1.stderr);
  assert.equal(r2.status, 0, r2.stderr);
  assert.match(r1.stdout, /schema version \d+/);
  assert.equal(r1.stdout.match(/version (\d+)/)[1], r2.stdout.match(/version (\d+)/)[1]);
  const n = rawSql(srv.db, "SELECT count(*) FROM user_account WHERE username = 'shuji'");
  assert.equal(n.stdout.trim(), '1', 'the demo accounts are not duplicated');
  assert.equal(mishu(['init']).status, 1, 'no --db is an error');
  assert.equal(mishu(['init', '--db', 'mysql://x/y']).status, 1);
});

test(`mishu backup while the server writes gives a consistent copy (${dbKind})`, async () => {
  const s = await login(srv.url, 'mishuke');
  // Writers keep changing the database (tokens, each with an audit entry) during the backup.
  let writing = true;
  const writer = (async () => {
    let i = 0;
    while (writing) await s.call('POST', '/api/v1/me/tokens', { json: { name: `t${i++}` } });
  })();
  await new Promise((r) => setTimeout(r, 100));
  const to = join(dir, dbKind === 'sqlite' ? 'backup.db' : 'backup.dump');
  const r = mishu(['backup', '--db', srv.db, '--to', to]);
  writing = false;
  await writer;
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(to) && statSync(to).size > 0);
  assert.equal(statSync(to).mode & 0o077, 0, 'the backup is readable by its owner only');
  if (dbKind === 'sqlite') {
    // The copy is a database of its own: its audit chain verifies, and it serves.
    const v = mishu(['audit', 'verify', '--db', `sqlite:${to}`]);
    assert.equal(v.status, 0, v.stdout + v.stderr);
    const copy = await startServer({ db: `sqlite:${to}`, init: false });
    try {
      assert.equal((await api(copy.url, 'GET', '/healthz')).status, 200);
      assert.equal((await login(copy.url, 'mishuke')).status, 200);
    } finally {
      await copy.stop();
    }
  } else {
    const list = spawnSync('pg_restore', ['--list', to], { encoding: 'utf8' });
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /TABLE DATA public audit /);
  }
  assert.equal(mishu(['backup', '--db', srv.db]).status, 1, '--to is required');
});

test('mishu render renders a template with partials, escaping by default', () => {
  const tpl = join(dir, 'page.mustache');
  writeFileSync(tpl, '<h1>{{title}}</h1>{{> item}}{{{raw}}}');
  writeFileSync(join(dir, 'item.mustache'), '<p>{{#items}}{{.}};{{/items}}</p>');
  writeFileSync(join(dir, 'data.json'), JSON.stringify({ title: '通知 <b>', items: ['一', '二'], raw: '<i>ok</i>' }));
  const r = mishu(['render', tpl, join(dir, 'data.json'), '--partials', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '<h1>通知 &lt;b&gt;</h1><p>一;二;</p><i>ok</i>');
  writeFileSync(join(dir, 'bad.json'), '{');
  assert.equal(mishu(['render', tpl, join(dir, 'bad.json')]).status, 1);
  writeFileSync(join(dir, 'broken.mustache'), '{{#open}}');
  assert.equal(mishu(['render', join(dir, 'broken.mustache'), join(dir, 'data.json')]).status, 1);
});

test('mishu serve refuses an uninitialised database and a bad --listen', () => {
  const r = mishu(['serve', '--db', freshDatabase(dir), '--listen', '127.0.0.1:0']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /mishu init/);
  const bad = mishu(['serve', '--db', srv.db, '--listen', 'nowhere']);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /HOST:PORT/);
});

test('mishu import is all or nothing and reports rows; mishu export writes a workbook', () => {
  const bad = join(dir, 'units-bad.csv');
  writeFileSync(bad, 'code,name,kind\ncli_a,命令行导入单位甲,government\ncli_b,,government\n');
  let r = mishu(['import', '--db', srv.db, '--kind', 'units', bad]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /row 3, name: /);
  assert.match(r.stderr, /nothing was imported/);
  assert.equal(rawSql(srv.db, "SELECT count(*) FROM unit WHERE code LIKE 'cli_%'").stdout.trim(), '0');
  const good = join(dir, 'units.csv');
  writeFileSync(good, '\ufeff代码,名称,类别\ncli_a,命令行导入单位甲,government\ncli_b,命令行导入单位乙,other\n');
  r = mishu(['import', '--db', srv.db, '--kind', 'units', good]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /imported 2 rows: 2 created, 0 updated/);
  assert.equal(rawSql(srv.db, "SELECT count(*) FROM unit WHERE code LIKE 'cli_%'").stdout.trim(), '2');
  assert.equal(rawSql(srv.db, "SELECT count(*) FROM audit WHERE action = 'org.import.units'").stdout.trim(), '1');
  assert.equal(mishu(['import', '--db', srv.db, '--kind', 'planets', good]).status, 2);
  assert.equal(mishu(['import', '--db', srv.db, '--kind', 'units', join(dir, 'missing.csv')]).status, 2);
  const out = join(dir, 'org.xlsx');
  r = mishu(['export', '--db', srv.db, '--to', out, '--on', '2026-06-01']);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(statSync(out).size > 5000);
  assert.equal(mishu(['export', '--db', srv.db, '--to', out, '--on', 'soon']).status, 2);
});
