/*
 * test_flow_draw.c — unit tests of the workflow picture (src/work/flow_draw.c) on an incoming-
 * document (收文) definition: an inline SVG fragment with the Chinese labels, the current state,
 * visited states and taken steps marked, English labels with their fallback, hostile labels and
 * codes escaped, broken definitions refused, and four threads drawing at once.
 * FLOW_DRAW_SVG=path writes the Chinese drawing there, to look at.
 */
#include "core/core.h"
#include "work/flow_draw.h"

#include <string.h>

/* ==== The fixture =========================================================================== */

/* 收文: 登记 → 初审 → 拟办 → 批示 → 承办 or 传阅 → 办结 → 归档, with 退回 from 初审 and 拟办;
 * 阅文 keeps a document in circulation until a hook sees every reader done; 催办 keeps the
 * state. */
static const char *const incoming_json =
    "{\"code\": \"incoming\", \"version\": 1,"
    " \"name\": {\"zh\": \"收文办理\", \"en\": \"Incoming document\"},"
    " \"initial\": \"registered\","
    " \"states\": ["
    "  {\"code\": \"registered\", \"type\": \"open\","
    "   \"label\": {\"zh\": \"登记\", \"en\": \"Registered\"}},"
    "  {\"code\": \"checked\", \"type\": \"waiting\","
    "   \"label\": {\"zh\": \"初审\", \"en\": \"Checked\"}, \"deadline\": {\"working_days\": 1}},"
    "  {\"code\": \"proposed\", \"type\": \"waiting\","
    "   \"label\": {\"zh\": \"拟办\", \"en\": \"Proposed\"}, \"deadline\": {\"working_days\": 2}},"
    "  {\"code\": \"instructed\", \"type\": \"waiting\","
    "   \"label\": {\"zh\": \"批示\", \"en\": \"Instructed\"}, \"deadline\": {\"working_days\": "
    "3}},"
    "  {\"code\": \"assigned\", \"type\": \"waiting\", \"label\": {\"zh\": \"承办\"}},"
    "  {\"code\": \"circulating\", \"type\": \"waiting\","
    "   \"label\": {\"zh\": \"传阅中\", \"en\": \"Circulating\"}},"
    "  {\"code\": \"circulated\", \"type\": \"open\","
    "   \"label\": {\"zh\": \"传阅完毕\", \"en\": \"Circulated\"}},"
    "  {\"code\": \"returned\", \"type\": \"open\","
    "   \"label\": {\"zh\": \"退回\", \"en\": \"Returned\"}},"
    "  {\"code\": \"completed\", \"type\": \"open\","
    "   \"label\": {\"zh\": \"办结\", \"en\": \"Completed\"}},"
    "  {\"code\": \"archived\", \"type\": \"terminal\","
    "   \"label\": {\"zh\": \"归档\", \"en\": \"Archived\"}}],"
    " \"steps\": ["
    "  {\"code\": \"check\", \"from\": [\"registered\"], \"to\": \"checked\","
    "   \"label\": {\"zh\": \"送初审\", \"en\": \"Send for check\"}, \"who\": [\"staff\"]},"
    "  {\"code\": \"propose\", \"from\": [\"checked\"], \"to\": \"proposed\","
    "   \"label\": {\"zh\": \"提出拟办意见\", \"en\": \"Propose\"}, \"who\": [\"office_head\"]},"
    "  {\"code\": \"send_leader\", \"from\": [\"proposed\"], \"to\": \"instructed\","
    "   \"label\": {\"zh\": \"呈批\", \"en\": \"Send to leader\"}, \"who\": [\"staff\"]},"
    "  {\"code\": \"assign\", \"from\": [\"instructed\"], \"to\": \"assigned\","
    "   \"label\": {\"zh\": \"交办\", \"en\": \"Assign\"}, \"who\": [\"staff\"]},"
    "  {\"code\": \"circulate\", \"from\": [\"instructed\"], \"to\": \"circulating\","
    "   \"label\": {\"zh\": \"传阅\", \"en\": \"Circulate\"}, \"who\": [\"staff\"]},"
    "  {\"code\": \"read\", \"from\": [\"circulating\"], \"to\": [\"circulating\", \"circulated\"],"
    "   \"label\": {\"zh\": \"阅文\", \"en\": \"Read\"}, \"who\": [\"reader\"]},"
    "  {\"code\": \"complete\", \"from\": [\"assigned\", \"circulated\"], \"to\": \"completed\","
    "   \"label\": {\"zh\": \"办结\", \"en\": \"Complete\"}, \"who\": [\"handler\", \"staff\"]},"
    "  {\"code\": \"archive\", \"from\": [\"completed\"], \"to\": \"archived\","
    "   \"label\": {\"zh\": \"归档\", \"en\": \"Archive\"}, \"who\": [\"archivist\"]},"
    "  {\"code\": \"return\", \"from\": [\"checked\", \"proposed\"], \"to\": \"returned\","
    "   \"label\": {\"zh\": \"退回\", \"en\": \"Return\"}, \"who\": [\"office_head\"]},"
    "  {\"code\": \"reregister\", \"from\": [\"returned\"], \"to\": \"registered\","
    "   \"label\": {\"zh\": \"补正后重新登记\", \"en\": \"Register again\"}, \"who\": [\"staff\"]},"
    "  {\"code\": \"chase\", \"from\": [\"checked\", \"proposed\", \"instructed\", \"assigned\","
    "   \"circulating\"], \"to\": null,"
    "   \"label\": {\"zh\": \"催办\", \"en\": \"Chase\"}, \"who\": [\"staff\"]}]}";

static json_t *load(const char *text)
{
	json_error_t jerr;
	json_t *v = json_loads(text, JSON_DECODE_ANY, &jerr);

	if (v == NULL)
		g_error("fixture: %s (line %d)", jerr.text, jerr.line);
	return v;
}

/* Draws the fixture; TAKEN and VISITED are JSON texts or NULL. Asserts success. */
static char *draw(const char *lang, const char *current, const char *taken, const char *visited)
{
	g_autoptr(GError) err = NULL;
	json_t *def = load(incoming_json);
	json_t *t = taken ? load(taken) : NULL;
	json_t *v = visited ? load(visited) : NULL;
	char *svg = work_flow_svg(def, lang, current, t, v, &err);

	g_assert_no_error(err);
	g_assert_nonnull(svg);
	json_decref(def);
	json_decref(t);
	json_decref(v);
	return svg;
}

/* The element of SVG whose start tag has id="ID", up to its first "</g>"; asserts it is there.
 * New string. */
static char *element(const char *svg, const char *id)
{
	g_autofree char *key = g_strdup_printf("<g id=\"%s\"", id);
	const char *p = strstr(svg, key);
	const char *end;

	if (p == NULL)
		g_error("no element with id %s", id);
	end = strstr(p, "</g>");
	g_assert_nonnull(end);
	return g_strndup(p, end - p);
}

static void assert_has(const char *hay, const char *needle)
{
	if (strstr(hay, needle) == NULL)
		g_error("%s is missing from:\n%s", needle, hay);
}

static void assert_lacks(const char *hay, const char *needle)
{
	if (strstr(hay, needle) != NULL)
		g_error("%s should not be in:\n%s", needle, hay);
}

/* How many times NEEDLE occurs in HAY. */
static int count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* ==== Tests ================================================================================= */

static void test_chinese(void)
{
	g_autofree char *svg = draw("zh-CN", NULL, NULL, NULL);
	static const char *const labels[] = {"登记",      "初审",     "拟办", "批示", "承办",
	                                     "传阅中",    "传阅完毕", "办结", "归档", "退回",
	                                     "1个工作日", "送初审",   "呈批", NULL};
	g_autofree char *read = element(svg, "step-read-circulating-circulated");
	g_autofree char *archived = element(svg, "state-archived");
	g_autofree char *keep = element(svg, "flow-keep");

	if (g_getenv("FLOW_DRAW_SVG"))
		g_assert_true(g_file_set_contents(g_getenv("FLOW_DRAW_SVG"), svg, -1, NULL));
	g_assert_true(g_str_has_prefix(svg, "<svg "));
	assert_lacks(svg, "<?xml");
	assert_lacks(svg, "<!DOCTYPE");
	assert_lacks(svg, "<!--");
	assert_has(svg, "class=\"flow\" width=\"");
	g_assert_null(strstr(svg, "style=\"")); /* the page's CSP refuses inline style */
	assert_has(svg, "viewBox=\"");
	assert_has(svg, "font-family=\"Noto Sans CJK SC\"");
	assert_has(svg, "<title>收文办理</title>");
	g_assert_true(g_str_has_suffix(g_strchomp(svg), "</svg>"));
	for (int i = 0; labels[i]; i++)
		assert_has(svg, labels[i]);
	/* Every state is findable by its code, with the code as its title. */
	assert_has(svg, "<g id=\"state-registered\" class=\"node state type-open initial\">");
	assert_has(svg, "<title>registered</title>");
	/* Nothing is current or taken without an item. */
	assert_lacks(svg, " current\"");
	assert_lacks(svg, " taken\"");
	/* A hook's choice is dashed, to each possible target. */
	assert_has(read, "class=\"edge step step-read choice\"");
	assert_has(read, "stroke-dasharray");
	assert_has(svg, "<g id=\"step-read-circulating-circulating\"");
	/* Terminal states are drawn with a double border. */
	assert_has(archived, "type-terminal");
	g_assert_cmpint(count(archived, "<path"), ==, 2);
	/* 催办 keeps the state: listed in the note, not an edge. */
	assert_has(keep, "不改变状态的操作");
	assert_has(keep, "催办：初审、拟办、批示、承办");
	assert_lacks(svg, "step-chase");
	/* The start marker points at the initial state. */
	assert_has(svg, "<g id=\"flow-initial\" class=\"node initial-marker\">");
	assert_has(svg, "<g id=\"flow-initial-edge\" class=\"edge initial-edge\">");
}

static void test_item(void)
{
	/* An item back in 初审 after 登记 → 初审 → 退回 → 登记 → 初审, chased once. */
	g_autofree char *svg =
	    draw("zh-CN", "checked", "[\"check\", \"return\", \"reregister\", \"chase\"]",
	         "[\"registered\", \"checked\", \"returned\"]");
	g_autofree char *cur = element(svg, "state-checked");
	g_autofree char *seen = element(svg, "state-returned");
	g_autofree char *later = element(svg, "state-proposed");
	g_autofree char *check = element(svg, "step-check-registered-checked");
	g_autofree char *ret = element(svg, "step-return-checked-returned");
	g_autofree char *ret2 = element(svg, "step-return-proposed-returned");
	g_autofree char *propose = element(svg, "step-propose-checked-proposed");

	assert_has(cur, "class=\"node state type-waiting current\"");
	assert_has(cur, "fill=\"#1f5fbf\"");
	assert_has(cur, "fill=\"white\"");
	assert_has(seen, "class=\"node state type-open visited\"");
	assert_has(seen, "fill=\"#dce7f7\"");
	assert_has(later, "class=\"node state type-waiting\"");
	assert_lacks(later, "#1f5fbf");
	assert_has(check, "class=\"edge step step-check taken\"");
	assert_has(check, "stroke=\"#1f5fbf\"");
	assert_has(check, "stroke-width=\"2.2\"");
	/* 退回 was taken from 初审: the item never was in 拟办, so that edge is not marked. */
	assert_has(ret, "class=\"edge step step-return taken\"");
	assert_has(ret2, "class=\"edge step step-return\"");
	assert_lacks(ret2, "#1f5fbf");
	assert_has(propose, "class=\"edge step step-propose\"");
	/* Without VISITED, every edge of a taken step is marked. */
	g_free(svg);
	svg = draw("zh-CN", "checked", "[\"return\"]", NULL);
	g_free(ret2);
	ret2 = element(svg, "step-return-proposed-returned");
	assert_has(ret2, "class=\"edge step step-return taken\"");
	/* Unknown codes are ignored. */
	g_free(draw("zh-CN", "no_such_state", "[\"no_such_step\", 7]", "[null, \"x\"]"));
}

static void test_english(void)
{
	g_autofree char *svg = draw("en", "assigned", NULL, NULL);
	g_autofree char *assigned = element(svg, "state-assigned");
	g_autofree char *keep = element(svg, "flow-keep");

	assert_has(svg, "<title>Incoming document</title>");
	assert_has(svg, ">Registered<");
	assert_has(svg, ">Send for check<");
	assert_has(svg, ">3 working days<");
	assert_has(svg, ">1 working day<");
	assert_lacks(svg, "登记");
	assert_lacks(svg, "送初审");
	/* 承办 has no English label: the Chinese one stands in. */
	assert_has(assigned, ">承办<");
	assert_has(assigned, "current");
	assert_has(keep, "Steps that keep the state");
	assert_has(keep, "Chase: Checked, Proposed, Instructed, 承办,");
}

static void test_hostile(void)
{
	static const char *const hostile =
	    "{\"code\": \"x\", \"name\": \"<script>alert(1)</script>\", \"initial\": \"a\","
	    " \"states\": ["
	    "  {\"code\": \"a\", \"label\": {\"zh\": \"<script>&\\\"' \\\\N &lt;b&gt;\"}},"
	    "  {\"code\": \"b\\\"><script>x</script>\", \"label\": \"B\"}],"
	    " \"steps\": [{\"code\": \"s<img src=x onerror=alert(1)>\", \"from\": \"a\","
	    "  \"to\": \"b\\\"><script>x</script>\", \"label\": {\"zh\": \"</text><script>\"}}]}";
	g_autoptr(GError) err = NULL;
	json_t *def = load(hostile);
	g_autofree char *svg = work_flow_svg(def, "zh-CN", "a", NULL, NULL, &err);

	g_assert_no_error(err);
	g_assert_nonnull(svg);
	assert_lacks(svg, "<script");
	assert_lacks(svg, "<img");
	assert_lacks(svg, "</text><");
	/* Shown exactly as written: no Graphviz escape (\N), no entity decoded. */
	assert_has(svg, ">&lt;script&gt;&amp;&quot;&#39; \\N &amp;lt;b&amp;gt;</text>");
	assert_has(svg, ">&lt;/text&gt;&lt;script&gt;</text>");
	assert_has(svg, "<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>");
	/* Codes are cut down to safe bytes in ids and classes, and kept whole in titles. */
	assert_has(svg, "<g id=\"state-b___script_x__script_\" class=\"node state type-open\">");
	assert_has(svg, "<title>b&quot;&gt;&lt;script&gt;x&lt;/script&gt;</title>");
	assert_has(svg, "class=\"edge step step-s_img_src_x_onerror_alert_1__\"");
	json_decref(def);
}

/* Asserts that the definition TEXT is refused with an error mentioning WANT. */
static void refused(const char *text, const char *want)
{
	g_autoptr(GError) err = NULL;
	json_t *def = load(text);
	char *svg = work_flow_svg(def, "zh-CN", NULL, NULL, NULL, &err);

	g_assert_null(svg);
	g_assert_error(err, WORK_FLOW_DRAW_ERROR, WORK_FLOW_DRAW_ERROR_INVALID);
	if (strstr(err->message, want) == NULL)
		g_error("%s: error \"%s\" does not say %s", text, err->message, want);
	json_decref(def);
}

static void test_invalid(void)
{
	g_autoptr(GError) err = NULL;

	g_assert_null(work_flow_svg(NULL, "zh-CN", NULL, NULL, NULL, &err));
	g_assert_error(err, WORK_FLOW_DRAW_ERROR, WORK_FLOW_DRAW_ERROR_INVALID);
	refused("[1, 2]", "JSON object");
	refused("\"outgoing\"", "JSON object");
	refused("{\"code\": \"x\"}", "no \"states\"");
	refused("{\"states\": []}", "no \"states\"");
	refused("{\"states\": {\"a\": {}}}", "no \"states\"");
	refused("{\"states\": [{\"label\": \"A\"}]}", "state 1 has no \"code\"");
	refused("{\"states\": [{\"code\": \"a\"}, {\"code\": \"a\"}]}", "declared twice");
	refused("{\"initial\": \"z\", \"states\": [{\"code\": \"a\"}]}", "\"initial\"");
	refused("{\"states\": [{\"code\": \"a\"}], \"steps\": {}}", "\"steps\" is not an array");
	refused("{\"states\": [{\"code\": \"a\"}], \"steps\": [{\"from\": \"a\", \"to\": \"a\"}]}",
	        "step 1 has no \"code\"");
	refused("{\"states\": [{\"code\": \"a\"}], \"steps\": [{\"code\": \"s\", \"to\": \"a\"}]}",
	        "no \"from\"");
	refused("{\"states\": [{\"code\": \"a\"}],"
	        " \"steps\": [{\"code\": \"s\", \"from\": \"a\", \"to\": [\"a\", \"z\"]}]}",
	        "names z, which is not a state");
	refused("{\"states\": [{\"code\": \"a\"}],"
	        " \"steps\": [{\"code\": \"s\", \"from\": [1], \"to\": \"a\"}]}",
	        "not a string");
	refused("{\"states\": [{\"code\": \"a\"}],"
	        " \"steps\": [{\"code\": \"s\", \"from\": \"a\", \"to\": 3}]}",
	        "not a state code or an array");
}

/* A definition with more states than may be drawn is refused before Graphviz sees it. */
static void test_limits(void)
{
	json_t *states = json_array();
	json_t *def;
	g_autoptr(GError) err = NULL;

	for (int i = 0; i <= WORK_FLOW_DRAW_MAX_STATES; i++) {
		g_autofree char *code = g_strdup_printf("s%d", i);

		json_array_append_new(states, json_pack("{ss}", "code", code));
	}
	def = json_pack("{so}", "states", states);
	g_assert_null(work_flow_svg(def, "en", NULL, NULL, NULL, &err));
	g_assert_error(err, WORK_FLOW_DRAW_ERROR, WORK_FLOW_DRAW_ERROR_INVALID);
	json_decref(def);
}

static const char *const thread_states[] = {"registered", "checked", "instructed", "archived"};

static gpointer draw_thread(gpointer data)
{
	const char *current = data;

	for (int i = 0; i < 5; i++) {
		g_autofree char *svg = draw(i % 2 ? "en" : "zh-CN", current, "[\"check\"]", NULL);
		g_autofree char *id = g_strdup_printf("state-%s", current);
		g_autofree char *node = element(svg, id);

		g_assert_true(g_str_has_prefix(svg, "<svg "));
		assert_has(node, " current\"");
	}
	return NULL;
}

static void test_threads(void)
{
	GThread *t[G_N_ELEMENTS(thread_states)];

	for (guint i = 0; i < G_N_ELEMENTS(t); i++)
		t[i] = g_thread_new("draw", draw_thread, (gpointer)thread_states[i]);
	for (guint i = 0; i < G_N_ELEMENTS(t); i++)
		g_thread_join(t[i]);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	core_i18n_init();
	g_test_add_func("/flow_draw/chinese", test_chinese);
	g_test_add_func("/flow_draw/item", test_item);
	g_test_add_func("/flow_draw/english", test_english);
	g_test_add_func("/flow_draw/hostile", test_hostile);
	g_test_add_func("/flow_draw/invalid", test_invalid);
	g_test_add_func("/flow_draw/limits", test_limits);
	g_test_add_func("/flow_draw/threads", test_threads);
	return g_test_run();
}
