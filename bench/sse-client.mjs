// The client of bench/sse.sh: opens CLIENTS event streams (GET /api/v1/events) spread over the
// given servers, then ROUNDS times performs one alert-producing action and measures, for every
// stream, the time from sending the action's request to receiving its alert. Prints one JSON
// line: {"clients", "rounds", "samples", "missing", "p50_ms", "p99_ms", "max_ms", "action",
// "per_server"} ("action": the same figures for the action's own response time).
//
// Usage: node bench/sse-client.mjs --servers URL[,URL…] [--clients 100] [--rounds 20]
//        [--watcher xinxike] [--actor zhiban] [--password demo-pass-2026]
// The action goes to the first server; streams are dealt round-robin over all of them.
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';

const { values: opt } = parseArgs({
  options: {
    servers: { type: 'string' },
    clients: { type: 'string', default: '100' },
    rounds: { type: 'string', default: '20' },
    watcher: { type: 'string', default: 'xinxike' }, // office staff: every incident reaches them
    actor: { type: 'string', default: 'zhiban' },    // the duty officer, who files incidents
    password: { type: 'string', default: 'demo-pass-2026' },
    gap: { type: 'string', default: '300' },          // ms between rounds
  },
});
const servers = (opt.servers ?? '').split(',').filter(Boolean);
if (!servers.length) throw new Error('--servers is required');
const CLIENTS = Number(opt.clients), ROUNDS = Number(opt.rounds);

async function signIn(base, username) {
  const r = await fetch(base + '/api/v1/session', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: opt.password }),
  });
  if (r.status !== 200) throw new Error(`sign-in as ${username} at ${base}: ${r.status} ${await r.text()}`);
  const body = await r.json();
  return { base, cookie: r.headers.get('set-cookie').split(';')[0], csrf: body.csrf_token };
}

// THE ALERT-PRODUCING ACTION, the only place that knows it: the duty office files a level II
// incident (应急 → event: incident to the leaders routing names, 书记 and 副书记 by rule, the
// leader on duty and the office's staff). An urgent report (report.urgent) works the same way.
const ALERT_TYPE = 'incident';
// The title of round ROUND's alert, by which the streams recognise it.
const roundKey = (round) => `基准测试突发事件第${round}轮`;
const alertKey = (data) => data?.title;
async function trigger(actor, round) {
  const key = roundKey(round);
  const r = await fetch(actor.base + '/api/v1/incidents', {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: actor.cookie, 'x-csrf-token': actor.csrf },
    body: JSON.stringify({ title: key, category: 'accident', level: 2, domain: 'emergency', place: '基准测试' }),
  });
  if (r.status !== 201) throw new Error(`the action answered ${r.status}: ${await r.text()}`);
  await r.arrayBuffer();
  return key;
}

// One stream: calls onEvent(type, data, at) for each event; resolves `ready` at its hello.
function openStream(session, onEvent) {
  const ctrl = new AbortController();
  let ready;
  const hello = new Promise((r) => { ready = r; });
  (async () => {
    const res = await fetch(session.base + '/api/v1/events', { headers: { cookie: session.cookie }, signal: ctrl.signal });
    if (res.status !== 200) throw new Error(`stream: ${res.status}`);
    const reader = res.body.getReader();
    const dec = new TextDecoder();
    let buf = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const at = performance.now();
      buf += dec.decode(value, { stream: true });
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const type = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (type === 'hello') ready();
        else if (type) onEvent(type, data ? JSON.parse(data) : null, at);
      }
    }
  })().catch((e) => { if (e.name !== 'AbortError') console.error(`stream ended: ${e.message}`); });
  return { hello, close: () => ctrl.abort() };
}

const pct = (sorted, p) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)] : null;
const summary = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const r = (v) => v === null ? null : Math.round(v * 10) / 10;
  return { samples: s.length, p50_ms: r(pct(s, 50)), p99_ms: r(pct(s, 99)), max_ms: r(s.at(-1) ?? null) };
};

const watchers = await Promise.all(servers.map((b) => signIn(b, opt.watcher)));
const actor = await signIn(servers[0], opt.actor);
const pending = new Map(); // key -> {t0, got: Set of stream index}
const lat = [], perServer = servers.map(() => []);
const streams = [];
for (let k = 0; k < CLIENTS; k++) {
  const s = k % servers.length;
  streams.push(openStream(watchers[s], (type, data, at) => {
    const p = type === ALERT_TYPE && pending.get(alertKey(data));
    if (!p || p.got.has(k)) return;
    p.got.add(k);
    lat.push(at - p.t0);
    perServer[s].push(at - p.t0);
  }));
}
await Promise.all(streams.map((s) => s.hello));

let missing = 0;
const actions = [];
for (let round = 1; round <= ROUNDS; round++) {
  const key = roundKey(round);
  const p = { t0: performance.now(), got: new Set() };
  pending.set(key, p);
  await trigger(actor, round);
  actions.push(performance.now() - p.t0);
  const deadline = performance.now() + 5000;
  while (p.got.size < CLIENTS && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  missing += CLIENTS - p.got.size;
  await new Promise((r) => setTimeout(r, Number(opt.gap)));
}
streams.forEach((s) => s.close());
console.log(JSON.stringify({
  clients: CLIENTS, rounds: ROUNDS, ...summary(lat), missing,
  action: summary(actions), // the action's own response time
  per_server: perServer.map((xs, i) => ({ server: i, clients: Math.ceil((CLIENTS - i) / servers.length), ...summary(xs) })),
}));
process.exit(0);
