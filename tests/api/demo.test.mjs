// The demo year (`mishu init --demo`, src/site/site_demo.c): a year of the demo city's work made
// through the modules, through a real `mishu serve`. Every state of the three workflows is
// present; the numbers (收文编号, 文号, 督办编号) are gapless; items carry the dates of the year,
// none in the future; some tasks are overdue, yellow and red; every demo role finds work in its
// inbox; no filler text; a second init adds nothing; --demo=org loads the organisation only.
// On SQLite and PostgreSQL (MISHU_TEST_DB).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, login, mishu, rawSql, root, freshDatabase, dbKind, productBin } from '../lib/server.mjs';

// The year is made under the sanitizers on SQLite; on PostgreSQL (the same steps, the other
// dialect) by the product build, which keeps the suite within a minute on a busy machine.
const started = Date.now();
let srv;
if (dbKind === 'sqlite') srv = await startServer({ demo: 'work' });
else {
  const db = freshDatabase(mkdtempSync(join(tmpdir(), 'mishu-demo-')));
  const made = mishu(['init', '--db', db, '--demo'], { bin: productBin });
  assert.equal(made.status, 0, made.stderr);
  srv = await startServer({ init: false, db });
}
const initSeconds = (Date.now() - started) / 1000;
after(async () => assert.equal(await srv.stop(), 0, srv.tail()));

// Rows of one SELECT as arrays of strings (sqlite3 / psql output, '|' separated).
function sql(statement) {
  const r = rawSql(srv.db, statement);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim().split('\n').filter((l) => l).map((l) => l.split('|'));
}
const count = (statement) => Number(sql(statement)[0][0]);

test(`the year loads quickly (${dbKind})`, () => {
  assert.ok(initSeconds < 120, `init and start took ${initSeconds} s`);
});

test('about 300 documents, 110 批示 and 140 tasks, in every state of their workflows', () => {
  const n = Object.fromEntries(sql('SELECT kind, count(*) FROM item GROUP BY kind'));
  assert.ok(n.incoming >= 160 && n.incoming <= 190, `incoming ${n.incoming}`);
  assert.ok(n.outgoing >= 120 && n.outgoing <= 140, `outgoing ${n.outgoing}`);
  assert.ok(n.task >= 130 && n.task <= 150, `tasks ${n.task}`);
  const forms = Object.fromEntries(sql('SELECT form, count(*) FROM instruction GROUP BY form'));
  assert.ok(forms.written >= 80, `written 批示 ${forms.written}`);
  assert.ok(forms.paper >= 3 && forms.oral >= 3, `paper ${forms.paper}, oral ${forms.oral}`);
  for (const [kind, file] of [['incoming', 'incoming'], ['outgoing', 'outgoing'], ['task', 'task']]) {
    const def = JSON.parse(readFileSync(join(root, 'data/workflows', `${file}.json`), 'utf8'));
    const have = new Set(sql(`SELECT DISTINCT status FROM item WHERE kind = '${kind}'`).map((r) => r[0]));
    for (const s of def.states) assert.ok(have.has(s.code), `a ${kind} item in state ${s.code}`);
  }
  const froms = new Set(sql("SELECT DISTINCT source FROM task").map((r) => r[0]));
  for (const s of ['instruction', 'meeting', 'key_work', 'higher']) assert.ok(froms.has(s), `a task from ${s}`);
});

test('meetings in every state: minutes numbered, a cadre item, a failed vote, a 缓议 item taken up again, one called off', () => {
  for (const code of ['meeting', 'agenda']) {
    const def = JSON.parse(readFileSync(join(root, 'data/workflows', `${code}.json`), 'utf8'));
    const have = new Set(sql(`SELECT DISTINCT status FROM item WHERE kind = '${code}'`).map((r) => r[0]));
    for (const s of def.states) assert.ok(have.has(s.code), `a ${code} in state ${s.code}`);
  }
  assert.ok(count("SELECT count(*) FROM agenda_item a JOIN item i ON i.id = a.item_id WHERE a.kind = 'cadre' AND i.status = 'passed'") >= 1);
  assert.ok(count("SELECT count(*) FROM agenda_item WHERE result = 'failed' AND explanation LIKE '%应到会12人，未超过应到会人数的半数%'") >= 1);
  assert.ok(count("SELECT count(*) FROM agenda_item a JOIN agenda_item o ON o.item_id = a.carried_from WHERE o.result = 'deferred'") >= 1);
  assert.ok(count("SELECT count(*) FROM meeting_member WHERE status = 'leave' AND written_view <> ''") >= 1);
  assert.ok(count("SELECT count(*) FROM task t JOIN agenda_item a ON a.item_id = t.source_item_id WHERE t.source = 'meeting'") >= 3, 'decisions supervised');
  const numbers = sql("SELECT type, minutes_no FROM meeting WHERE minutes_no IS NOT NULL ORDER BY type, minutes_approved_at");
  assert.ok(numbers.length >= 6, `${numbers.length} minutes approved`);
  const by = {};
  for (const [type, no] of numbers) (by[type] ??= []).push(Number(no.match(/第(\d+)期/)[1]));
  for (const [type, list] of Object.entries(by)) list.forEach((n, i) => assert.equal(n, i + 1, `${type}: ${list}`));
});

test('the numbers are gapless: 收文编号, 文号 per series, 督办编号', () => {
  const gapless = (rows, what) => {
    const by = {};
    for (const [key, n] of rows) (by[key] ??= []).push(Number(n));
    for (const [key, list] of Object.entries(by)) {
      list.sort((a, b) => a - b);
      list.forEach((n, i) => assert.equal(n, i + 1, `${what} ${key}: ${list.join(',')}`));
    }
    return Object.keys(by).length;
  };
  const reg = sql("SELECT reg_number FROM document WHERE direction = 'incoming'")
    .map(([r]) => { const m = r.match(/^收〔(\d{4})〕(\d+)号$/); assert.ok(m, r); return [m[1], m[2]]; });
  assert.equal(gapless(reg, '收文编号'), 1);
  // a 纪要 issued as a document keeps its meeting type's 期数 (made_from), not a series' 文号
  assert.ok(gapless(sql('SELECT series_id, number_n FROM document WHERE number IS NOT NULL AND made_from IS NULL'), '文号') >= 3);
  assert.equal(count("SELECT count(*) FROM document WHERE made_from IS NOT NULL AND number NOT LIKE '%纪要〔____〕第%期'"), 0);
  assert.ok(count('SELECT count(*) FROM document WHERE made_from IS NOT NULL') >= 2, 'minutes issued as documents');
  assert.equal(count("SELECT count(*) FROM document d JOIN item i ON i.id = d.item_id WHERE d.direction = 'outgoing' AND i.status IN ('numbered', 'printed', 'distributed', 'archived', 'voided') AND d.number IS NULL"), 0);
  assert.equal(gapless(sql('SELECT supervision_year, supervision_n FROM task'), '督办编号'), 1);
});

test('the items carry the dates of the year, none in the future', () => {
  const now = Math.floor(Date.now() / 1000);
  assert.equal(count(`SELECT count(*) FROM item WHERE created_at > ${now} OR updated_at > ${now}`), 0);
  assert.equal(count(`SELECT count(*) FROM item_event WHERE at > ${now}`), 0);
  const months = sql("SELECT DISTINCT received_on FROM document WHERE direction = 'incoming'").map(([d]) => d.slice(0, 7));
  assert.ok(new Set(months).size >= 10, `received in ${new Set(months).size} months`);
  // a step's history is in time order
  assert.equal(count('SELECT count(*) FROM item_event a JOIN item_event b ON a.item_id = b.item_id AND b.id > a.id AND b.at < a.at'), 0);
});

test('some tasks are overdue, marked yellow and red by the chaser', () => {
  const marks = Object.fromEntries(sql("SELECT t.overdue, count(*) FROM task t JOIN item i ON i.id = t.item_id WHERE i.status <> 'closed' GROUP BY t.overdue"));
  assert.ok(marks.yellow >= 1 && marks.red >= 1, JSON.stringify(marks));
  assert.ok(marks.none > (marks.yellow ?? 0) + (marks.red ?? 0), 'most open tasks are within their time');
});

test('titles and bodies read like real documents: no filler', () => {
  for (const word of ['测试', 'test', 'lorem', 'TODO', 'xxx'])
    assert.equal(count(`SELECT count(*) FROM item i LEFT JOIN document d ON d.item_id = i.id LEFT JOIN task t ON t.item_id = i.id
      WHERE lower(i.title) LIKE '%${word.toLowerCase()}%' OR lower(coalesce(d.body, '')) LIKE '%${word.toLowerCase()}%'
         OR lower(coalesce(t.content, '')) LIKE '%${word.toLowerCase()}%'`), 0, word);
  assert.equal(count("SELECT count(*) FROM document WHERE length(body) < 120"), 0, 'every body has a few paragraphs');
  assert.equal(count("SELECT count(*) FROM item WHERE kind IN ('incoming', 'outgoing') AND title NOT LIKE '%通知' AND title NOT LIKE '%请示' AND title NOT LIKE '%报告' AND title NOT LIKE '%函' AND title NOT LIKE '%意见' AND title NOT LIKE '%方案' AND title NOT LIKE '%纪要' AND title NOT LIKE '%通报' AND title NOT LIKE '%批复'"), 0);
});

test('every demo account that does the work (leaders, office staff, liaisons) finds some in its inbox', async () => {
  // the members of the full committee who are not 常委 attend the 全委会; they have no office work
  const users = sql("SELECT DISTINCT u.username FROM user_account u JOIN user_role r ON r.user_id = u.id WHERE r.role IN ('leader', 'staff', 'liaison') AND u.id NOT IN (SELECT user_id FROM committee_member WHERE user_id IS NOT NULL) ORDER BY u.username").map((r) => r[0]);
  assert.equal(count('SELECT count(*) FROM committee_member m WHERE NOT EXISTS (SELECT 1 FROM meeting_member mm WHERE mm.user_id = m.user_id)'), 0,
    'every member of the full committee was called to the 全委会');
  for (const u of ['shuji', 'mishuke', 'duchashi', 'bgszr', 'liaison', 'liaison2', 'lianluo_jdq']) assert.ok(users.includes(u), u);
  assert.equal(users.length, 57);
  const empty = [];
  // signed in one after another (each sign-in is a write with its audit entry), looked at together
  const sessions = [];
  for (const u of users) {
    const s = await login(srv.url, u);
    assert.equal(s.status, 200, `${u}: ${JSON.stringify(s.body)}`);
    sessions.push([u, s]);
  }
  await Promise.all(sessions.map(async ([u, s]) => {
    const r = await s.call('GET', '/api/v1/me/inbox');
    assert.equal(r.status, 200, r.text);
    if (r.body.items.length === 0) empty.push(u);
  }));
  empty.sort();
  assert.deepEqual(empty, [], 'inboxes left empty');
  // the lists a newcomer opens are full too
  const s = await login(srv.url, 'mishuke');
  for (const path of ['/api/v1/documents?direction=incoming', '/api/v1/documents?direction=outgoing', '/api/v1/tasks']) {
    const r = await s.call('GET', path);
    assert.equal(r.status, 200, r.text);
    assert.ok(r.body.items.length >= 20, `${path}: ${r.body.items.length}`);
  }
});

test('a second init adds nothing; --demo=org loads the organisation only; a bad --demo is refused', () => {
  const before = count('SELECT count(*) FROM item');
  const again = mishu(['init', '--db', srv.db, '--demo']);
  assert.equal(again.status, 0, again.stderr);
  assert.equal(count('SELECT count(*) FROM item'), before);
  const bad = mishu(['init', '--db', srv.db, '--demo=everything']);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /--demo/);
  const dir = mkdtempSync(join(tmpdir(), 'mishu-demo-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const db = freshDatabase(dir);
  const org = mishu(['init', '--db', db, '--demo=org']);
  assert.equal(org.status, 0, org.stderr);
  assert.equal(rawSql(db, 'SELECT count(*) FROM item').stdout.trim(), '0');
  assert.equal(rawSql(db, "SELECT count(*) FROM user_account WHERE username = 'shuji'").stdout.trim(), '1');
});
