// Replay of the live-event feed: every event is logged with a database id that is the SSE id in
// every process, and a stream opened with Last-Event-ID (or ?last_event_id=) first gets the
// logged events it missed that its user is addressed by — in order, no gap, no duplicate — then
// the live ones. Across two processes on one database (PostgreSQL; on SQLite the log is shared
// as well, though live fan-out stays in one process).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, login, dbKind, rawSql } from '../lib/server.mjs';
import { openEvents } from '../lib/events.mjs';

const a = await startServer({ demo: true });
const b = await startServer({ db: a.db, init: false });
after(async () => {
  assert.equal(await b.stop(), 0, b.tail());
  assert.equal(await a.stop(), 0, a.tail());
});

const publish = async (srv, type, data) => {
  const r = await api(srv.url, 'POST', '/api/v1/_test/events', { json: { type, data } });
  assert.equal(r.status, 200, r.text);
  return r;
};
const isEvent = (f) => f.event && f.event !== 'hello';

// Every event frame of ES until the one whose data.mark is MARK (included).
async function until(es, mark, ms = 5000) {
  const got = [];
  for (;;) {
    const f = await es.next(isEvent, ms);
    got.push(f);
    if (f.data?.mark === mark) return got;
  }
}

test('on an empty log the hello carries id 0, and a reconnect from 0 replays the first events', async () => {
  const srv = await startServer({ demo: true });
  const s = await login(srv.url, 'mishuke');
  const es = await openEvents(srv.url, s.cookie);
  assert.equal((await es.next()).id, '0');
  await es.close();
  await publish(srv, 'first', { mark: 'first' });
  const again = await openEvents(srv.url, s.cookie, { lastEventId: '0' });
  await again.next();
  assert.deepEqual((await until(again, 'first')).map((f) => f.event), ['first']);
  await again.close();
  assert.equal(await srv.stop(), 0, srv.tail());
});

test('a fresh stream\'s hello carries the newest id; ids are numbers that grow', async () => {
  const s = await login(a.url, 'mishuke');
  await publish(a, 'seed', { n: 0 });
  const es = await openEvents(a.url, s.cookie);
  const hello = await es.next();
  assert.equal(hello.event, 'hello');
  assert.match(hello.id, /^\d+$/);
  await publish(a, 'seed', { n: 1, mark: 'm1' });
  const [ev] = await until(es, 'm1');
  assert.ok(Number(ev.id) > Number(hello.id));
  await es.close();
});

test('reconnecting with Last-Event-ID replays exactly the missed events, in order, then live', async () => {
  const s = await login(a.url, 'mishuke');
  const other = await login(a.url, 'shuji');
  const es = await openEvents(a.url, s.cookie);
  await es.next();
  await publish(a, 'r.before', { mark: 'seen' });
  const [seen] = await until(es, 'seen');
  await es.close(); // the network drops

  await publish(a, 'r.missed', { k: 1, to: { users: [s.user.id] } });
  await publish(a, 'r.missed', { k: 2 }); // to everyone
  await publish(a, 'r.private', { k: 3, to: { users: [other.user.id] } }); // not for mishuke
  await publish(a, 'r.missed', { k: 4, to: { pools: ['staff'] } }); // mishuke is office staff

  const again = await openEvents(a.url, s.cookie, { lastEventId: seen.id });
  const hello = await again.next();
  assert.equal(hello.event, 'hello');
  assert.equal(hello.id, undefined, 'a replaying stream keeps its own last id');
  await publish(a, 'r.live', { mark: 'live' });
  const got = await until(again, 'live');
  assert.deepEqual(got.map((f) => [f.event, f.data.k ?? f.data.mark]),
    [['r.missed', 1], ['r.missed', 2], ['r.missed', 4], ['r.live', 'live']]);
  const ids = got.map((f) => Number(f.id));
  assert.ok(ids.every((id, i) => id > Number(seen.id) && (i === 0 || id > ids[i - 1])), ids.join());
  await again.close();

  // The other user's replay has k=3 (and the events to everyone), not those addressed to the office.
  const theirs = await openEvents(a.url, other.cookie, { lastEventId: seen.id });
  await theirs.next();
  await publish(a, 'r.live', { mark: 'live2' });
  const got2 = await until(theirs, 'live2');
  assert.deepEqual(got2.map((f) => f.data.k ?? f.data.mark), [2, 3, 'live', 'live2']);
  await theirs.close();
});

test('?last_event_id= replays too; the Last-Event-ID header wins over it', async () => {
  const s = await login(a.url, 'mishuke');
  await publish(a, 'q', { mark: 'q0' });
  const es = await openEvents(a.url, s.cookie);
  await es.next();
  await publish(a, 'q', { mark: 'q1' });
  const [q1] = await until(es, 'q1');
  await es.close();
  await publish(a, 'q', { mark: 'q2' });
  await publish(a, 'q', { mark: 'q3' });
  const byQuery = await openEvents(a.url, s.cookie, { query: `last_event_id=${q1.id}` });
  await byQuery.next();
  assert.deepEqual((await until(byQuery, 'q3')).map((f) => f.data.mark), ['q2', 'q3']);
  await byQuery.close();
  // An EventSource reconnecting sends the header and the page's old query: the header is newer.
  const both = await openEvents(a.url, s.cookie, { query: 'last_event_id=1', lastEventId: q1.id });
  await both.next();
  assert.deepEqual((await until(both, 'q3')).map((f) => f.data.mark), ['q2', 'q3']);
  await both.close();
});

test('a malformed last id is ignored: 200, a fresh stream from now, no replay', async () => {
  const s = await login(a.url, 'mishuke');
  for (const bad of ['abc', '-1', '1e3', '12 3', '9'.repeat(19), '0x10', '']) {
    await publish(a, 'old', { mark: 'old' });
    const es = await openEvents(a.url, s.cookie, { lastEventId: bad, query: 'last_event_id=' + encodeURIComponent(bad) });
    assert.equal(es.status, 200, bad);
    const hello = await es.next();
    assert.equal(hello.event, 'hello');
    assert.match(hello.id, /^\d+$/, `fresh stream for ${JSON.stringify(bad)}`);
    await publish(a, 'new', { mark: 'new' });
    const got = await until(es, 'new');
    assert.deepEqual(got.map((f) => f.data.mark), ['new'], `${bad}: hello ${hello.id}, then ${got.map((f) => f.id)}`);
    await es.close();
  }
});

test('a client that reconnects again and again while events stream in misses none, repeats none', async () => {
  const s = await login(a.url, 'mishuke');
  const N = 120;
  // SQLite fans out live within one process only, so there the whole test uses one.
  const two = dbKind === 'postgresql' ? b : a;
  // The starting point: a fresh stream's hello, before anything is published.
  const first = await openEvents(a.url, s.cookie);
  let last = (await first.next()).id;
  await first.close();
  const got = [];
  const producer = (async () => {
    // On PostgreSQL both processes publish, alternately, back to back.
    for (let n = 0; n < N; n++) await publish(n % 2 ? two : a, 'flow', { n, mark: n === N - 1 ? 'end' : undefined });
  })();
  let done = false;
  for (let round = 0; !done; round++) {
    const srv = round % 2 ? two : a; // the reconnect may land on the other process
    const es = await openEvents(srv.url, s.cookie, { lastEventId: last });
    await es.next();
    const stop = Date.now() + 40 + (round % 3) * 30;
    try {
      while (Date.now() < stop && !done) {
        const f = await es.next((x) => x.event === 'flow', Math.max(1, stop - Date.now()));
        got.push(f);
        last = f.id;
        if (f.data.mark === 'end') done = true;
      }
    } catch (e) {
      if (!/in time/.test(e.message)) throw e;
    }
    await es.close();
  }
  await producer;
  const ns = got.map((f) => f.data.n);
  const dup = ns.findIndex((n, i) => ns.indexOf(n) !== i);
  const miss = Array.from({ length: N }, (_, i) => i).filter((n) => !ns.includes(n));
  assert.deepEqual(ns, Array.from({ length: N }, (_, i) => i),
    `duplicate ${dup >= 0 ? `n=${ns[dup]} id=${got[dup].id}` : 'none'}; missing ${miss.join() || 'none'}; ids ${got.map((f) => f.id).join()}`);
  const ids = got.map((f) => Number(f.id));
  assert.ok(ids.every((id, i) => i === 0 || id > ids[i - 1]), 'ids grow');
});

test(`publish on one process, replay on the other (${dbKind})`, async () => {
  const s = await login(b.url, 'mishuke');
  const onB = await openEvents(b.url, s.cookie);
  const hello = await onB.next();
  await onB.close();
  await publish(a, 'x.a', { mark: 'xa', to: { users: [s.user.id] } });
  const again = await openEvents(b.url, s.cookie, { lastEventId: hello.id });
  await again.next();
  assert.deepEqual((await until(again, 'xa')).map((f) => f.event), ['x.a']);
  if (dbKind === 'postgresql') {
    // and live across processes, after the replay, with the same id in both processes
    const onA = await openEvents(a.url, s.cookie);
    await onA.next();
    await publish(a, 'x.a', { mark: 'xa2' });
    const [viaB] = await until(again, 'xa2');
    const [viaA] = await until(onA, 'xa2');
    assert.equal(viaB.id, viaA.id);
    await onA.close();
  }
  await again.close();
});

test('events older than 48 hours are neither replayed nor kept', async () => {
  const s = await login(a.url, 'mishuke');
  const es = await openEvents(a.url, s.cookie);
  const hello = await es.next();
  await es.close();
  // An old event behind the program's back, with an id after the client's.
  const r = rawSql(a.db, `INSERT INTO event_log (type, data, created_at) VALUES ('ancient', '{"mark":"ancient"}', 1000)`);
  assert.equal(r.status, 0, r.stderr);
  await publish(a, 'recent', { mark: 'recent' });
  const again = await openEvents(a.url, s.cookie, { lastEventId: hello.id });
  await again.next();
  assert.deepEqual((await until(again, 'recent')).map((f) => f.data.mark), ['recent']);
  await again.close();
  // Pruning runs with every 256th id: publish past the next multiple, and the old row is gone.
  const count = () => Number(rawSql(a.db, "SELECT count(*) FROM event_log WHERE type = 'ancient'").stdout.trim());
  assert.equal(count(), 1);
  for (let i = 0; i < 256; i++) await publish(a, 'fill', { i });
  assert.equal(count(), 0);
});

test('events published concurrently through both processes arrive in id order (ids follow commits)', async () => {
  const s = await login(a.url, 'mishuke');
  const es = await openEvents(a.url, s.cookie);
  await es.next();
  const two = dbKind === 'postgresql' ? b : a;
  const N = 200;
  await Promise.all(Array.from({ length: N }, (_, n) => publish(n % 2 ? two : a, 'conc', { n })));
  const got = [];
  while (got.length < N) got.push(await es.next((f) => f.event === 'conc'));
  const ids = got.map((f) => Number(f.id));
  const bad = ids.findIndex((id, i) => i > 0 && id <= ids[i - 1]);
  assert.equal(bad, -1, `id ${ids[bad]} came after ${ids[bad - 1]}`);
  assert.equal(new Set(got.map((f) => f.data.n)).size, N);
  await es.close();
});
