// A reader of the live-event feed GET /api/v1/events (server-sent events) for the API tests.
// One SSE frame (a block of lines up to a blank line) as {id, event, data, retry, comments}.
function parseFrame(block) {
  const f = { comments: [] };
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) { f.comments.push(line.slice(1).trim()); continue; }
    const i = line.indexOf(':');
    const field = i < 0 ? line : line.slice(0, i);
    const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
    if (field === 'data') data.push(value);
    else f[field] = value;
  }
  if (data.length) f.data = JSON.parse(data.join('\n'));
  return f;
}

// Opens the event stream of BASE with COOKIE (opts.lastEventId: the Last-Event-ID header an
// EventSource sends when it reconnects; opts.query: a query string such as "last_event_id=5");
// returns {status, headers, res, next(pred, ms), ended(), done, close()}. next() resolves to the
// first frame matching PRED (frames before it are dropped) or rejects after MS.
export async function openEvents(base, cookie, opts = {}) {
  const ctrl = new AbortController();
  const headers = {};
  if (cookie) headers.cookie = cookie;
  if (opts.lastEventId !== undefined) headers['last-event-id'] = String(opts.lastEventId);
  const url = base + '/api/v1/events' + (opts.query ? '?' + opts.query : '');
  const res = await fetch(url, { headers, signal: ctrl.signal });
  const frames = [];
  let waiters = [];
  let ended = false;
  let failure = null;
  const wake = () => { const w = waiters; waiters = []; w.forEach((f) => f()); };
  let reader = null;
  const done = (async () => {
    if (!res.body || res.status !== 200) { ended = true; return; }
    reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    try {
      for (;;) {
        const { done: end, value } = await reader.read();
        if (end) break;
        buf += decoder.decode(value, { stream: true });
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          frames.push(parseFrame(buf.slice(0, i)));
          buf = buf.slice(i + 2);
        }
        wake();
      }
    } catch (e) {
      failure = e; // aborted by close(), or the connection was cut
    }
    ended = true;
    wake();
  })();
  async function next(pred = () => true, ms = 5000) {
    const deadline = Date.now() + ms;
    for (;;) {
      const k = frames.findIndex(pred);
      if (k >= 0) return frames.splice(0, k + 1)[k];
      if (ended) throw new Error(`the stream ended (${failure ?? 'cleanly'}) before the frame came`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no matching frame in time');
      await new Promise((r) => {
        const t = setTimeout(r, left);
        waiters.push(() => { clearTimeout(t); r(); });
      });
    }
  }
  return {
    status: res.status, headers: res.headers, res, next, done,
    ended: () => ended, failure: () => failure,
    // Cancelling the reader ends a pending read at once; Node 18's fetch does not always end it
    // on abort alone, so both are done, and the wait is bounded.
    close: async () => {
      ctrl.abort();
      try { await reader?.cancel(); } catch { /* already ended */ }
      await Promise.race([done, new Promise((r) => setTimeout(r, 2000))]);
    },
  };
}
