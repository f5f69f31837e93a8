// Starts a real `mishu serve` on a free loopback port with a fresh database, for API and
// browser tests. The binary is the sanitized test build (MISHU_BIN overrides it; `bin` of
// mishu() and startServer() overrides both, e.g. to run the product build/mishu).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const bin = process.env.MISHU_BIN || join(root, 'build/mishu-asan');
// The product binary (`make run`, deploy/, bench/): built without the test hooks.
export const productBin = join(root, 'build/mishu');

// Sanitizer settings for every spawned binary: leaks and UB fail the run.
export const sanEnv = {
  ASAN_OPTIONS: 'detect_leaks=1:abort_on_error=0:exitcode=86:fast_unwind_on_malloc=0',
  UBSAN_OPTIONS: 'print_stacktrace=1:halt_on_error=1',
  LSAN_OPTIONS: `suppressions=${join(root, 'tests/lsan.supp')}:print_suppressions=0`,
};

// Runs `mishu ARGS…` (opts.bin: another binary) to completion; returns {status, stdout, stderr}.
export function mishu(args, opts = {}) {
  const r = spawnSync(opts.bin ?? bin, args, { encoding: 'utf8', env: { ...process.env, ...sanEnv, ...opts.env }, input: opts.input });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Which database the suites run on: MISHU_TEST_DB=postgresql (scripts/test.sh runs every API
// suite on both) uses the throwaway cluster that scripts/test.sh started in MISHU_TEST_PGDIR.
export const dbKind = process.env.MISHU_TEST_DB === 'postgresql' ? 'postgresql' : 'sqlite';
let dbSerial = 0;

// A fresh, empty database: a file in DIR, or a new database on the test cluster.
export function freshDatabase(dir) {
  if (dbKind === 'sqlite') return `sqlite:${join(dir, 'test.db')}`;
  const name = `mishu_${process.pid}_${++dbSerial}_${Date.now() % 100000}`;
  const r = spawnSync(join(root, 'tests/lib/pg-cluster.sh'), ['createdb', process.env.MISHU_TEST_PGDIR, name], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`createdb failed: ${r.stderr}`);
  return r.stdout.trim();
}

// Runs one SQL statement on DB behind the program's back (sqlite3 shell or psql), as an
// intruder with database access would; returns {status, stdout, stderr}. The sqlite3 shell
// waits up to 10 s for the server's write lock (a session or a job may be writing just then).
export function rawSql(db, statement) {
  const r = db.startsWith('sqlite:')
    ? spawnSync('sqlite3', ['-cmd', '.timeout 10000', db.slice(7), statement], { encoding: 'utf8' })
    : spawnSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', db, '-c', statement], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Creates a database (sqlite file in a temp dir, or PostgreSQL) and serves it with BIN (the test
// build unless given). Returns { url, db, dir, proc, log(), stop() }; stop() sends SIGTERM and
// resolves to the exit code.
export async function startServer({ env = {}, args = [], init = true, demo = false, db: given, bin: program = bin } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'mishu-test-'));
  const db = given ?? freshDatabase(dir);
  if (init) {
    // demo: true is the organisation only (what the suites count on); 'work' adds the year
    const r = mishu(['init', '--db', db, ...(demo === 'work' ? ['--demo'] : demo ? ['--demo=org'] : [])], { env, bin: program });
    if (r.status !== 0) throw new Error(`mishu init failed: ${r.stderr}`);
  }
  const proc = spawn(program, ['serve', '--db', db, '--listen', '127.0.0.1:0', ...args], {
    env: { ...process.env, ...sanEnv, MISHU_TEST_ROUTES: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '', err = '';
  proc.stderr.on('data', (b) => { err += b; });
  const exited = new Promise((res) => proc.on('exit', (code, sig) => res(code ?? `signal ${sig}`)));
  const url = await new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`server did not start:\n${err}`)), 20000);
    proc.stdout.on('data', (b) => {
      out += b;
      const m = out.match(/listening on (http:\/\/[\d.]+:\d+)/);
      if (m) { clearTimeout(timer); res(m[1]); }
    });
    exited.then((code) => { clearTimeout(timer); rej(new Error(`server exited ${code}:\n${err}`)); });
  });
  let stopped = null;
  return {
    url, db, dir, proc, exited,
    log: () => err,
    // the last N lines of the log: what a failed stop is explained by (CI shows little)
    tail: (n = 60) => err.split('\n').slice(-n).join('\n'),
    stop(signal = 'SIGTERM') {
      if (!stopped) {
        proc.kill(signal);
        stopped = exited.then((code) => { rmSync(dir, { recursive: true, force: true }); return code; });
      }
      return stopped;
    },
  };
}

// fetch() against the server with JSON conveniences: returns {status, headers, body, text}.
export async function api(base, method, path, { json, body, headers = {} } = {}) {
  const h = { ...headers };
  let payload = body;
  if (json !== undefined) { h['content-type'] ??= 'application/json'; payload = JSON.stringify(json); }
  const res = await fetch(base + path, { method, headers: h, body: payload, redirect: 'manual' });
  const text = await res.text();
  let parsed = null;
  try { parsed = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

export const DEMO_PASSWORD = 'demo-pass-2026';

// Signs in through the API; returns a session {cookie, csrf, user, call(method, path, opts)}
// whose call() sends the cookie and, for state-changing methods, the CSRF header.
export async function login(base, username, password = DEMO_PASSWORD, extra = {}) {
  const r = await api(base, 'POST', '/api/v1/session', { json: { username, password, ...extra } });
  if (r.status !== 200) return { status: r.status, body: r.body, headers: r.headers };
  const cookie = r.headers.get('set-cookie').split(';')[0];
  const csrf = r.body.csrf_token;
  const call = (method, path, opts = {}) => {
    const headers = { cookie, ...(opts.headers || {}) };
    if (!['GET', 'HEAD'].includes(method) && opts.csrf !== false) headers['x-csrf-token'] ??= csrf;
    return api(base, method, path, { ...opts, headers });
  };
  return { status: 200, cookie, csrf, user: r.body.user, setCookie: r.headers.get('set-cookie'), call };
}
