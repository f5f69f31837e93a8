// Scheduled jobs with two server processes on one database: every job runs exactly once, and
// both processes' workers take part (SKIP LOCKED on PostgreSQL, the single writer on SQLite).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, dbKind } from '../lib/server.mjs';

const env = { MISHU_JOB_INTERVAL_MS: '50' };
const a = await startServer({ env });
const b = await startServer({ db: a.db, init: false, env });
after(async () => {
  assert.equal(await b.stop(), 0, b.tail());
  assert.equal(await a.stop(), 0, a.tail());
});

test(`300 jobs run once each across two processes (${dbKind})`, async () => {
  const q = await api(a.url, 'POST', '/api/v1/_test/jobs', { json: { count: 300 } });
  assert.equal(q.status, 201, q.text);
  let stats;
  for (let i = 0; i < 300; i++) {
    stats = (await api(b.url, 'GET', '/api/v1/_test/jobs')).body;
    if (stats.done === 300) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(stats.total, 300);
  assert.equal(stats.done, 300, JSON.stringify(stats));
  assert.equal(stats.max_attempts, 1, 'no job was claimed twice');
  const workers = Object.keys(stats.workers);
  assert.equal(workers.length, 2, `both processes ran jobs: ${JSON.stringify(stats.workers)}`);
});
