// The organisation and the division of responsibility through a real `mishu serve` on the demo
// city 江城市委: the demo data, routing with reasons before and after a dated change of 分工,
// the rule table, gaps, all-or-nothing imports (CSV and XLSX), export, permissions, bad input
// and concurrent changes. Runs on SQLite and on PostgreSQL (MISHU_TEST_DB).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, rawSql } from '../lib/server.mjs';
import { xlsx, unzip } from '../lib/zip.mjs';

const srv = await startServer({ demo: true });
after(async () => { assert.equal(await srv.stop(), 0, srv.tail()); });

const staff = await login(srv.url, 'mishuke');
const names = (r) => r.body.leaders.map((l) => l.name);

// A multipart body with FILE (Buffer or string) named NAME.
function upload(content, name = 'data.csv') {
  const form = new FormData();
  form.append('file', new Blob([content]), name);
  return form;
}

test('the demo city: twelve 常委 in rank order covering every domain, departments and units', async () => {
  const r = await staff.call('GET', '/api/v1/org/leaders?on=2026-06-01');
  assert.equal(r.status, 200, r.text);
  const leaders = r.body.items;
  assert.equal(leaders.length, 12);
  assert.deepEqual(leaders.map((l) => l.rank), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  assert.equal(leaders.filter((l) => l.kind === 'secretary').length, 1);
  assert.equal(leaders.filter((l) => l.kind === 'deputy').length, 2);
  assert.ok(leaders.some((l) => l.kind === 'deputy' && l.posts.includes('市长')), 'one deputy is the mayor');
  const sg = leaders.find((l) => l.username === 'mishuzhang');
  assert.ok(sg.title.includes('秘书长') && sg.kind === 'member', 'the 秘书长 is a 常委');
  assert.equal(leaders[0].username, 'shuji');
  assert.ok(leaders[0].assignments.some((a) => a.domain_code === 'overall' && a.role === 'lead'));
  assert.ok(leaders.every((l) => l.assistant !== null), 'every leader has an assisting official');
  const gaps = await staff.call('GET', '/api/v1/org/gaps?on=2026-06-01');
  assert.deepEqual(gaps.body.items, [], 'the demo division covers every domain');
  const deps = await staff.call('GET', '/api/v1/org/departments');
  const depNames = deps.body.items.map((d) => d.name);
  for (const n of ['秘书科', '综合科', '信息科', '督查室', '机要科', '会务科', '调研室', '信访科', '值班室'])
    assert.ok(depNames.includes(n), n);
  const units = await staff.call('GET', '/api/v1/org/units');
  assert.ok(units.body.items.length >= 40, `${units.body.items.length} units`);
  const fgw = units.body.items.find((u) => u.code === 'fgw');
  assert.ok(fgw.liaisons.some((p) => p.username === 'liaison'));
  const accounts = rawSql(srv.db, 'SELECT count(*) FROM user_account');
  assert.ok(Number(accounts.stdout.trim()) >= 60, accounts.stdout);
  const domains = await staff.call('GET', '/api/v1/org/domains');
  assert.ok(domains.body.items.length >= 40);
});

test('routing before and after a dated change of 分工 names different leaders with reasons', async () => {
  let before = await staff.call('GET', '/api/v1/route?work=incoming&domain=finance&on=2026-08-31');
  assert.equal(before.status, 200, before.text);
  assert.equal(before.body.leaders[0].username, 'changwu');
  assert.match(before.body.leaders[0].reason, /财政金融.*孙国平.*2026-01-05.*江委发〔2026〕1号/);
  assert.equal(before.body.department.name, '秘书科');
  assert.equal(before.body.gap, false);
  assert.ok(before.body.assistant && before.body.assistant.name);

  const change = await staff.call('POST', '/api/v1/org/assignments', { json: {
    effective: '2026-09-01', source: '江委发〔2026〕21号', note: '调整财政金融分工',
    end: [{ leader: 'changwu', domain: 'finance' }],
    assign: [{ leader: 'fushizhang', domain: 'finance', role: 'charge' }] } });
  assert.equal(change.status, 201, change.text);
  assert.equal(change.body.ended.length, 1);
  assert.equal(change.body.ended[0].valid_to, '2026-08-31');
  assert.equal(change.body.assigned[0].leader_name, '林晓燕');

  const afterChange = await staff.call('GET', '/api/v1/route?work=incoming&domain=finance&on=2026-09-01');
  assert.deepEqual(names(afterChange), ['林晓燕']);
  assert.match(afterChange.body.why[0], /财政金融.*林晓燕.*2026-09-01.*江委发〔2026〕21号/);
  before = await staff.call('GET', '/api/v1/route?work=incoming&domain=finance&on=2026-08-31');
  assert.deepEqual(names(before), ['孙国平'], 'the past reads back as it was');
  const en = await staff.call('GET', '/api/v1/route?work=incoming&domain=finance&on=2026-09-01', { headers: { 'accept-language': 'en' } });
  assert.match(en.body.why[0], /Finance|财政金融/);
  assert.match(en.body.why[0], /is in 林晓燕's division of responsibility \(In charge\) since 2026-09-01, source 江委发〔2026〕21号/);

  const history = await staff.call('GET', '/api/v1/org/assignments?history=1&domain=finance');
  assert.deepEqual(history.body.items.map((a) => [a.leader_name, a.valid_from, a.valid_to]),
    [['孙国平', '2026-01-05', '2026-08-31'], ['林晓燕', '2026-09-01', null]]);
  const audit = rawSql(srv.db, "SELECT count(*) FROM audit WHERE action = 'org.change'");
  assert.equal(audit.stdout.trim(), '1');
});

test('higher-committee documents route to every 常委; committee-wide matters to the 书记', async () => {
  const all = (await staff.call('GET', '/api/v1/org/leaders?on=2026-10-01')).body.items.map((l) => l.name).sort();
  const r = await staff.call('GET', '/api/v1/route?work=incoming&domain=education&origin=higher&on=2026-10-01');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(names(r).slice().sort(), all);
  assert.equal(r.body.leaders[0].basis, 'domain', 'the domain leader comes first');
  assert.ok(r.body.why.some((w) => w.includes('上级党委来文送全体常委')));
  const plain = await staff.call('GET', '/api/v1/route?work=incoming&domain=education&on=2026-10-01');
  assert.ok(plain.body.leaders.length < 12);
  assert.deepEqual(plain.body.leaders.map((l) => l.role), ['charge', 'assist']);
  const wide = await staff.call('GET', '/api/v1/route?work=meeting&scope=committee&on=2026-10-01');
  assert.deepEqual(names(wide), ['王建国']);
  assert.equal(wide.body.department.name, '会务科');
  const incident = await staff.call('GET', '/api/v1/route?work=incident&domain=education&severity=2&on=2026-10-01');
  assert.ok(['王建国', '赵立新', '李明华'].every((n) => names(incident).includes(n)));
  const minor = await staff.call('GET', '/api/v1/route?work=incident&domain=education&severity=4&on=2026-10-01');
  assert.ok(!names(minor).includes('王建国'));
});

test('the security administrator edits the rule table; others may not', async () => {
  const sec = await login(srv.url, 'secadmin');
  const rules = await sec.call('GET', '/api/v1/org/rules');
  assert.equal(rules.status, 200);
  const higher = rules.body.items.find((x) => x.origin === 'higher');
  assert.equal((await staff.call('PATCH', `/api/v1/org/rules/${higher.id}`, { json: { active: 0 } })).status, 403);
  let r = await sec.call('PATCH', `/api/v1/org/rules/${higher.id}`, { json: { active: 0 } });
  assert.equal(r.status, 200, r.text);
  r = await staff.call('GET', '/api/v1/route?work=incoming&domain=education&origin=higher&on=2026-10-01');
  assert.ok(r.body.leaders.length < 12, 'an inactive rule routes nobody');
  assert.equal((await sec.call('PATCH', `/api/v1/org/rules/${higher.id}`, { json: { active: 1 } })).status, 200);
  r = await sec.call('POST', '/api/v1/org/rules', { json: { name: '无条件规则', target: 'standing', mode: 'add' } });
  assert.equal(r.status, 422, 'a rule without a condition is refused');
  r = await sec.call('POST', '/api/v1/org/rules', { json: { name: '信访事项报副书记', work_kind: 'petition', target: 'deputies', mode: 'add' } });
  assert.equal(r.status, 201, r.text);
  const created = r.body.id;
  r = await staff.call('GET', '/api/v1/route?work=petition&domain=education&on=2026-10-01');
  assert.ok(names(r).includes('李明华') && names(r).includes('赵立新'));
  assert.equal((await sec.call('DELETE', `/api/v1/org/rules/${created}`)).status, 204);
  r = await staff.call('GET', '/api/v1/route?work=petition&domain=education&on=2026-10-01');
  assert.ok(!names(r).includes('李明华'), 'the deleted rule no longer applies');
  assert.equal((await sec.call('GET', '/api/v1/org/leaders')).status, 403, 'the security administrator does not read the organisation');
  const audit = rawSql(srv.db, "SELECT count(*) FROM audit WHERE action LIKE 'org.route_rule.%'");
  assert.equal(audit.stdout.trim(), '4');
});

test('a domain nobody is in charge of is reported as a gap, by route and by gaps', async () => {
  let r = await staff.call('POST', '/api/v1/org/domains', { json: { code: 'digital_economy', name: '数字经济', description: '数字经济和数据要素' } });
  assert.equal(r.status, 201, r.text);
  r = await staff.call('GET', '/api/v1/route?work=report&domain=digital_economy&on=2026-10-01');
  assert.equal(r.status, 200);
  assert.equal(r.body.gap, true);
  assert.deepEqual(r.body.leaders, []);
  assert.match(r.body.warnings[0], /数字经济/);
  let gaps = await staff.call('GET', '/api/v1/org/gaps?on=2026-10-01');
  assert.deepEqual(gaps.body.items.map((g) => g.code), ['digital_economy']);
  r = await staff.call('POST', '/api/v1/org/assignments', { json: { effective: '2026-10-01', assign: [{ leader: 'shizhang', domain: 'digital_economy', role: 'charge' }] } });
  assert.equal(r.status, 201, r.text);
  gaps = await staff.call('GET', '/api/v1/org/gaps?on=2026-10-01');
  assert.deepEqual(gaps.body.items, []);
  gaps = await staff.call('GET', '/api/v1/org/gaps?on=2026-09-30');
  assert.deepEqual(gaps.body.items.map((g) => g.code), ['digital_economy'], 'the gap stays in the past');
});

test('a change that contradicts history or names nothing is refused and writes nothing', async () => {
  const count = () => rawSql(srv.db, 'SELECT count(*) FROM org_change').stdout.trim();
  const n = count();
  const cases = [
    [{ effective: '2026-13-01', assign: [{ leader: 'shuji', domain: 'culture' }] }, 422, 'effective'],
    [{ effective: '2026-10-02', assign: [{ leader: 'shuji', domain: 'nosuch' }] }, 422, 'assign[0].domain'],
    [{ effective: '2026-10-02', assign: [{ leader: 'nobody', domain: 'culture' }] }, 422, 'assign[0].leader'],
    [{ effective: '2026-10-02', assign: [{ leader: 'shuji', domain: 'culture', role: 'boss' }] }, 422, 'assign[0].role'],
    [{ effective: '2026-10-02', end: [{ leader: 'shuji', domain: 'culture' }] }, 409, 'end[0].domain'],
    [{ effective: '2026-08-01', end: [{ leader: 'fushizhang', domain: 'finance' }] }, 409, 'end[0].domain'],
    [{ effective: '2026-10-02' }, 422, 'assign'],
    [{ effective: '2026-10-02', assign: 'everything' }, 422, 'assign'],
  ];
  for (const [body, status, field] of cases) {
    const r = await staff.call('POST', '/api/v1/org/assignments', { json: body });
    assert.equal(r.status, status, `${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.body.error.field, field);
  }
  const bad = await staff.call('POST', '/api/v1/org/assignments', { body: '{"effective":', headers: { 'content-type': 'application/json' } });
  assert.equal(bad.status, 400);
  assert.equal(count(), n, 'no change row was left behind');
});

test('two concurrent changes ending the same assignment: exactly one wins', async () => {
  const body = (src) => ({ json: { effective: '2026-11-01', source: src, end: [{ leader: 'zhengfa', domain: 'public_security' }] } });
  const results = await Promise.all([staff.call('POST', '/api/v1/org/assignments', body('甲')), staff.call('POST', '/api/v1/org/assignments', body('乙'))]);
  assert.deepEqual(results.map((r) => r.status).sort(), [201, 409], results.map((r) => r.text).join('\n'));
  const h = await staff.call('GET', '/api/v1/org/assignments?history=1&domain=public_security');
  assert.equal(h.body.items.filter((a) => a.valid_to === '2026-10-31').length, 1);
});

test('route and lists refuse bad parameters with a clear 422', async () => {
  for (const [q, field] of [['work=nonsense&domain=finance', 'work'], ['work=incoming&domain=finance&on=yesterday', 'on'],
    ['work=incoming&domain=nosuch', 'domain'], ['work=incoming', 'domain'], ['work=incident&domain=finance&severity=9', 'severity'],
    ['work=incoming&domain=finance&origin=lower', 'origin'], ['work=incoming&domain=finance&scope=world', 'scope']]) {
    const r = await staff.call('GET', `/api/v1/route?${q}`);
    assert.equal(r.status, 422, q);
    assert.equal(r.body.error.field, field, q);
    assert.ok(r.body.error.message.length > 0);
  }
  assert.equal((await staff.call('GET', '/api/v1/org/leaders?on=2026-02-30')).status, 422);
  assert.equal((await staff.call('GET', `/api/v1/org/units?q=${'很'.repeat(101)}`)).status, 422);
  assert.equal((await staff.call('GET', '/api/v1/org/leaders/999999')).status, 404);
  assert.equal((await staff.call('PATCH', '/api/v1/org/units/999999', { json: { name: 'x' } })).status, 404);
  const r = await staff.call('POST', '/api/v1/org/units', { json: { code: 'fgw', name: '重复的单位' } });
  assert.equal(r.status, 409);
});

test('who may read and change the organisation', async () => {
  const liaison = await login(srv.url, 'liaison');
  assert.equal((await liaison.call('GET', '/api/v1/org/units?q=发改')).status, 200);
  assert.equal((await liaison.call('GET', '/api/v1/route?work=incoming&domain=finance')).status, 200);
  assert.equal((await liaison.call('POST', '/api/v1/org/domains', { json: { code: 'x1', name: 'x' } })).status, 403);
  const leader = await login(srv.url, 'shuji');
  assert.equal((await leader.call('POST', '/api/v1/org/assignments', { json: { effective: '2026-12-01', end: [] } })).status, 403);
  const admin = await login(srv.url, 'admin');
  assert.equal((await admin.call('GET', '/api/v1/org/leaders')).status, 403, '三员分立: the system administrator does not read the division');
  assert.equal((await staff.call('POST', '/api/v1/org/domains', { json: { code: 'x2', name: 'x' }, csrf: false })).status, 403, 'CSRF');
  const anon = await fetch(`${srv.url}/api/v1/route?work=incoming&domain=finance`);
  assert.equal(anon.status, 401);
});

test('an import with one bad row writes nothing and names the row; a good one writes every row', async () => {
  const csv = '代码,名称,类别,领域,电话\nimp_a,江城市数据局,government,development_reform,0771-1\n'
    + 'imp_b,,party,,\nimp_c,江城市档案馆,nonsense,,\nimp_d,江城市地方志办,other,nosuch,\n';
  let r = await staff.call('POST', '/api/v1/org/import/units', { body: upload(csv) });
  assert.equal(r.status, 422, r.text);
  assert.equal(r.body.error.code, 'import_invalid');
  assert.deepEqual(r.body.problems.map((p) => [p.row, p.column]), [[3, '名称'], [4, '类别'], [5, '领域']]);
  assert.ok(r.body.problems.every((p) => p.reason.length > 0));
  assert.equal((await staff.call('GET', '/api/v1/org/units?q=江城市数据局')).body.items.length, 0, 'row 2 was not written');

  const good = '代码,名称,类别,领域,电话\nimp_a,江城市数据局,government,development_reform,0771-1\nimp_b,江城市档案馆,other,,0771-2\n';
  r = await staff.call('POST', '/api/v1/org/import/units', { body: upload(good) });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.created, 2);
  const found = await staff.call('GET', '/api/v1/org/units?q=数据局');
  assert.equal(found.body.items[0].domain_code, 'development_reform');

  const book = xlsx([['code', 'name', 'kind', 'phone'], ['imp_x', '江城市机关事务管理局', 'government', '0771-3'], ['imp_b', '江城市档案馆（更新）', 'other', '']]);
  r = await staff.call('POST', '/api/v1/org/import/units', { body: upload(book, 'units.xlsx') });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.body.created, r.body.updated], [1, 1]);
  assert.equal((await staff.call('GET', '/api/v1/org/units?q=更新')).body.items.length, 1);

  r = await staff.call('POST', '/api/v1/org/import/units', { body: upload(Buffer.from([0x50, 0x4b, 3, 4, 9, 9, 9]), 'x.xlsx') });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'file');
  r = await staff.call('POST', '/api/v1/org/import/bogus', { body: upload(good) });
  assert.equal(r.status, 404);
});

test('assignments import as dated changes; accounts import for the system administrator only', async () => {
  const bad = 'leader,domain,role,valid_from,source\n吴海峰,audit,分管,2026-12-01,江委发〔2026〕30号\nshuji,nosuch,分管,2026-12-01,江委发〔2026〕30号\n';
  let r = await staff.call('POST', '/api/v1/org/import/assignments', { body: upload(bad) });
  assert.equal(r.status, 422);
  assert.deepEqual(r.body.problems.map((p) => [p.row, p.column]), [[3, 'domain']]);
  const good = bad.split('\n').slice(0, 2).join('\n') + '\n';
  r = await staff.call('POST', '/api/v1/org/import/assignments', { body: upload(good) });
  assert.equal(r.status, 200, r.text);
  r = await staff.call('GET', '/api/v1/route?work=task&domain=audit&on=2026-12-01');
  assert.ok(names(r).includes('吴海峰'));
  assert.ok(r.body.why.some((w) => w.includes('江委发〔2026〕30号')));

  const users = 'username,name,unit,department,title,phone\nnew.clerk,新科员,,秘书科,科员,13900000001\nnew.liaison,新联络员,fgw,,联络员,\n';
  assert.equal((await staff.call('POST', '/api/v1/users/import', { body: upload(users) })).status, 403);
  const admin = await login(srv.url, 'admin');
  r = await admin.call('POST', '/api/v1/users/import', { body: upload(users + 'liaison,重名,,,,\n') });
  assert.equal(r.status, 422);
  assert.deepEqual(r.body.problems.map((p) => p.row), [4]);
  r = await admin.call('POST', '/api/v1/users/import', { body: upload(users) });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.accounts.length, 2);
  const first = await login(srv.url, 'new.clerk', r.body.accounts[0].temporary_password);
  assert.equal(first.status, 200);
  assert.equal(first.user.must_change_password, true);
  assert.equal(first.user.title, '科员');
});

test('the organisation exports as an .xlsx workbook holding the division', async () => {
  const res = await fetch(`${srv.url}/api/v1/org/export.xlsx?on=2026-06-01`, { headers: { cookie: staff.cookie } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /spreadsheetml/);
  const files = unzip(Buffer.from(await res.arrayBuffer()));
  const workbook = files['xl/workbook.xml'].toString();
  for (const sheet of ['领导班子', '现行分工', '分工沿革', '分管领域', '内设机构', '单位通讯录'])
    assert.ok(workbook.includes(sheet), sheet);
  const strings = files['xl/sharedStrings.xml'].toString();
  assert.ok(strings.includes('王建国') && strings.includes('江委发〔2026〕1号') && strings.includes('市发展和改革委员会'));
});

test('a leader\'s units and assisting official change on a date, keeping the past', async () => {
  const all = (await staff.call('GET', '/api/v1/org/leaders?on=2026-06-01')).body.items;
  const zz = all.find((l) => l.username === 'zuzhi');
  const before = zz.units.map((u) => u.code).sort();
  let r = await staff.call('PATCH', `/api/v1/org/leaders/${zz.id}`, { json: {
    units: [{ unit: 'zzb', relation: 'works_in' }, { unit: 'jyj', relation: 'linked' }],
    assistant: 'bgszr', links_from: '2026-10-15' } });
  assert.equal(r.status, 200, r.text);
  r = await staff.call('GET', `/api/v1/org/leaders/${zz.id}?on=2026-10-15`);
  assert.deepEqual(r.body.units.map((u) => `${u.code}:${u.relation}`).sort(), ['jyj:linked', 'zzb:works_in']);
  const bgszr = (await staff.call('GET', '/api/v1/org/people?q=办公室主任')).body.items.find((p) => p.username === 'bgszr');
  assert.equal(r.body.assistant.name, bgszr.name);
  assert.equal(rawSql(srv.db, `SELECT u.username FROM leader_assistant s JOIN user_account u ON u.id = s.user_id WHERE s.leader_id = ${zz.id} AND s.valid_to IS NULL`).stdout.trim(), 'bgszr');
  r = await staff.call('GET', `/api/v1/org/leaders/${zz.id}?on=2026-10-14`);
  assert.deepEqual(r.body.units.map((u) => u.code).sort(), before, 'the day before reads as it was');
  r = await staff.call('GET', '/api/v1/org/units?q=jyj&on=2026-10-15');
  assert.ok(r.body.items.find((u) => u.code === 'jyj').leaders.some((l) => l.id === zz.id && l.relation === 'linked'));
  r = await staff.call('GET', '/api/v1/org/units?q=jyj&on=2026-10-14');
  assert.ok(!r.body.items.find((u) => u.code === 'jyj').leaders.some((l) => l.id === zz.id));
  r = await staff.call('PATCH', `/api/v1/org/leaders/${zz.id}`, { json: { units: [{ unit: 'nosuch', relation: 'linked' }] } });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'units');
  r = await staff.call('PATCH', `/api/v1/org/leaders/${zz.id}`, { json: { assistant: 'nobody.here' } });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'assistant');
});
