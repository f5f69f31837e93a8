// node:test reporter that prints one TAP-like line per top-level test, so scripts/test.sh can
// count passes and failures the same way for every suite. A skipped or todo test is reported
// as "not ok": a test that did not run proves nothing.
import { inspect } from 'node:util';

// The database the suite ran on, when not the default, marks every line.
const label = process.env.MISHU_TEST_DB === 'postgresql' ? '[postgresql] ' : '';

export default async function* reporter(source) {
  for await (const ev of source) {
    const d = ev.data || {};
    if (ev.type === 'test:pass' && d.nesting === 0) {
      if (d.skip || d.todo) yield `not ok - ${label}${d.name} # SKIP/TODO counted as failed\n`;
      else yield `ok - ${label}${d.name} (${Math.round(d.details?.duration_ms ?? 0)} ms)\n`;
    } else if (ev.type === 'test:fail' && d.nesting === 0) {
      const err = d.details?.error;
      const cause = err?.cause ?? err;
      const text = cause instanceof Error ? (cause.stack || cause.message) : inspect(cause);
      yield `not ok - ${label}${d.name}\n${String(text).replace(/^/gm, '    ')}\n`;
    } else if (ev.type === 'test:diagnostic' && d.nesting === 0) {
      yield `# ${d.message}\n`;
    } else if (ev.type === 'test:stderr' || ev.type === 'test:stdout') {
      yield d.message ?? '';
    }
  }
}
