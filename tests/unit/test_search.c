/*
 * test_search.c — unit tests of full-text search: the CJK tokenizer and query builder
 * (src/core/cjk.c) and the index (src/work/search.c) on a real SQLite file and, when
 * MISHU_TEST_PG_URL names an empty throwaway PostgreSQL database (its public schema is dropped
 * and re-created), the same cases on PostgreSQL: every query must give the same items on both,
 * also for a random corpus checked against plain substring search.
 */
#include "testutil.h"
#include "core/core.h"
#include "db/db.h"
#include "work/work.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdarg.h>
#include <string.h>

/* Searchers: the office sees every item (auth_item_filter adds no condition). */
static const AuthUser staff = {.id = 1000, .roles = AUTH_ROLE_STAFF};

/* ==== Tokenizer ============================================================================= */

typedef struct {
	GPtrArray *toks; /* token strings */
	GArray *ranges;  /* start, end pairs */
} Tokens;

static void collect(const char *tok, gsize len, int start, int end, void *ud)
{
	Tokens *t = ud;

	g_assert_cmpint(start, >=, 0);
	g_assert_cmpint(start, <, end);
	g_ptr_array_add(t->toks, g_strndup(tok, len));
	g_array_append_val(t->ranges, start);
	g_array_append_val(t->ranges, end);
}

/* The tokens of TEXT joined by "|" (document mode: also run ends). */
static char *tokens(const char *text, gboolean document)
{
	Tokens t = {g_ptr_array_new_with_free_func(g_free), g_array_new(FALSE, FALSE, sizeof(int))};
	char *joined;

	if (document)
		core_cjk_tokenize_document(text, strlen(text), collect, &t);
	else
		core_cjk_tokenize(text, strlen(text), collect, &t);
	g_ptr_array_add(t.toks, NULL);
	joined = g_strjoinv("|", (char **)t.toks->pdata);
	g_ptr_array_free(t.toks, TRUE);
	g_array_free(t.ranges, TRUE);
	return joined;
}

static void check_tokens(const char *text, const char *query_mode, const char *document_mode)
{
	g_autofree char *q = tokens(text, FALSE);
	g_autofree char *d = tokens(text, TRUE);

	g_assert_cmpstr(q, ==, query_mode);
	g_assert_cmpstr(d, ==, document_mode);
}

static void test_tokens_cjk(void)
{
	check_tokens("督查", "督查", "督查|查");
	check_tokens("督查室", "督查|查室", "督查|查室|室");
	check_tokens("面", "面", "面");
	check_tokens("关于加强安全生产的通知", "关于|于加|加强|强安|安全|全生|生产|产的|的通|通知",
	             "关于|于加|加强|强安|安全|全生|生产|产的|的通|通知|知");
	check_tokens("", "", "");
	/* kana and hangul are CJK too; extension B and compatibility ideographs */
	check_tokens("ひらがなカタカナ", "ひら|らが|がな|なカ|カタ|タカ|カナ",
	             "ひら|らが|がな|なカ|カタ|タカ|カナ|ナ");
	check_tokens("한국어", "한국|국어", "한국|국어|어");
	check_tokens("𠀀𠀁𪚲", "𠀀𠀁|𠀁𪚲", "𠀀𠀁|𠀁𪚲|𪚲");
	check_tokens("\xEF\xA4\x80", "\xE8\xB1\x88", "\xE8\xB1\x88"); /* U+F900 → U+8C48 */
	check_tokens("々〇", "々〇", "々〇|〇");
}

static void test_tokens_mixed(void)
{
	check_tokens("2026年GDP增长", "2026|年|gdp|增长", "2026|年|gdp|增长|长");
	check_tokens("GDP增长5.2%", "gdp|增长|5|2", "gdp|增长|长|5|2");
	check_tokens("Hello WORLD, COVID-19 h2o", "hello|world|covid|19|h2o",
	             "hello|world|covid|19|h2o");
	check_tokens("Straße", "strasse", "strasse");
	check_tokens("关于iPhone15的报告", "关于|iphone15|的报|报告",
	             "关于|于|iphone15|的报|报告|告");
}

static void test_tokens_fullwidth(void)
{
	check_tokens("ＧＤＰ", "gdp", "gdp");
	check_tokens("Ｇｄｐ增长２０２６年", "gdp|增长|2026|年", "gdp|增长|长|2026|年");
	check_tokens("①②", "12", "12");
	check_tokens("ｶﾞｽ", "ガス", "ガス|ス"); /* halfwidth kana, voiced mark composed */
	check_tokens("㍻", "平成", "平成|成");
	check_tokens("㈱东方", "株|东方", "株|东方|方");
	check_tokens("℃", "c", "c");
}

static void test_tokens_punctuation(void)
{
	check_tokens("《关于……的通知》", "关于|的通|通知", "关于|于|的通|通知|知");
	check_tokens("“督查”（督办）〔2026〕1号、面。", "督查|督办|2026|1|号|面",
	             "督查|查|督办|办|2026|1|号|面");
	check_tokens("，。、；：？！《》〈〉【】「」『』——…·", "", "");
	check_tokens("  \t\n!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", "", "");
	check_tokens("督　查", "督|查", "督|查"); /* ideographic space */
	check_tokens("☆★督查♥", "督查", "督查|查");
}

static void test_tokens_normalisation(void)
{
	/* composed and decomposed accents, a combining mark, variation selectors, zero-width */
	check_tokens("caf\xC3\xA9 cafe\xCC\x81", "café|café", "café|café");
	check_tokens("葛\xF3\xA0\x84\x80城", "葛城", "葛城|城"); /* U+E0100 */
	check_tokens("督\xE2\x80\x8B查", "督查", "督查|查");     /* U+200B */
	check_tokens("\xFF督查\xFE", "督查", "督查|查");         /* invalid UTF-8 */
	check_tokens("督\xE6\x9F", "督", "督");                  /* cut in a character */
	{
		/* a word longer than 255 bytes is cut, on a character boundary */
		g_autoptr(GString) s = g_string_new(NULL);
		g_autofree char *t = NULL;

		for (int i = 0; i < 200; i++)
			g_string_append(s, "é");
		t = tokens(s->str, FALSE);
		g_assert_cmpuint(strlen(t), ==, 254);
		g_assert_true(g_utf8_validate(t, -1, NULL));
	}
}

/* Offsets point into the original text: the bytes they cover normalise to the token. */
static void test_tokens_offsets(void)
{
	const char *text = "《关于ＧＤＰ增长》的面 Test。";
	Tokens t = {g_ptr_array_new_with_free_func(g_free), g_array_new(FALSE, FALSE, sizeof(int))};
	static const struct {
		const char *tok, *orig;
	} want[] = {{"关于", "关于"}, {"于", "于"},     {"gdp", "ＧＤＰ"}, {"增长", "增长"},
	            {"长", "长"},     {"的面", "的面"}, {"面", "面"},      {"test", "Test"}};

	core_cjk_tokenize_document(text, strlen(text), collect, &t);
	g_assert_cmpuint(t.toks->len, ==, G_N_ELEMENTS(want));
	for (guint i = 0; i < t.toks->len; i++) {
		int a = g_array_index(t.ranges, int, 2 * i),
		    b = g_array_index(t.ranges, int, 2 * i + 1);
		g_autofree char *orig = g_strndup(text + a, (gsize)(b - a));

		g_assert_cmpstr(g_ptr_array_index(t.toks, i), ==, want[i].tok);
		g_assert_cmpstr(orig, ==, want[i].orig);
	}
	g_ptr_array_free(t.toks, TRUE);
	g_array_free(t.ranges, TRUE);
}

/*
 * The tokenizer skips normalisation for common characters (unified ideographs, kana, hangul;
 * punctuation and spaces): for every character, its tokens must be those of its NFKC form, and
 * those of its NFKC form must not change on a second round (tokens are stable, as FTS5 needs
 * when it re-tokenizes a quoted token of a query).
 */
static void check_char_stable(gunichar c)
{
	char buf[8];
	int n;
	g_autofree char *norm = NULL;
	g_autofree char *a = NULL;
	g_autofree char *b = NULL;

	if (c >= 0xD800 && c <= 0xDFFF)
		return;
	n = g_unichar_to_utf8(c, buf);
	buf[n] = '\0';
	norm = g_utf8_normalize(buf, -1, G_NORMALIZE_NFKC);
	a = tokens(buf, FALSE);
	b = tokens(norm, FALSE);
	if (g_strcmp0(a, b) != 0)
		g_error("U+%04X: tokens “%s”, of its NFKC form “%s”", c, a, b);
	if (*a != '\0') {
		g_autofree char *again = tokens(a, FALSE);

		if (g_strcmp0(a, again) != 0)
			g_error("U+%04X: token “%s” re-tokenizes as “%s”", c, a, again);
	}
}

static void test_tokens_fast_paths(void)
{
	for (gunichar c = 1; c < 0x110000; c++)
		check_char_stable(c);
}

static void test_token_string(void)
{
	g_autofree char *a = core_cjk_token_string("关于加强GDP统计的通知。");
	g_autofree char *b = core_cjk_token_string("，。");
	g_autofree char *c = core_cjk_token_string(NULL);

	g_assert_cmpstr(a, ==, "关于 于加 加强 强 gdp 统计 计的 的通 通知 知");
	g_assert_cmpstr(b, ==, "");
	g_assert_cmpstr(c, ==, "");
}

/* ==== Query strings ========================================================================= */

static void check_query(const char *q, const char *fts5, const char *pg)
{
	g_autofree char *a = core_cjk_query(q, FALSE);
	g_autofree char *b = core_cjk_query(q, TRUE);

	g_assert_cmpstr(a, ==, fts5);
	g_assert_cmpstr(b, ==, pg);
}

static void test_query_build(void)
{
	check_query("督查", "\"督查\"", "'督查'");
	check_query("面", "\"面\"*", "'面':*");
	check_query("安全生产", "\"安全\" + \"全生\" + \"生产\"", "('安全' <-> '全生' <-> '生产')");
	check_query("  督查 面\t安全生产 ",
	            "\"督查\" AND \"面\"* AND \"安全\" + \"全生\" + \"生产\"",
	            "'督查' & '面':* & ('安全' <-> '全生' <-> '生产')");
	check_query("督查　面", "\"督查\" AND \"面\"*", "'督查' & '面':*"); /* ideographic space */
	check_query("2026年", "\"2026\" + \"年\"*", "('2026' <-> '年':*)");
	check_query("2026年GDP", "\"2026\" + \"年\" + \"gdp\"", "('2026' <-> '年' <-> 'gdp')");
	check_query("增长GDP", "\"增长\" + \"长\" + \"gdp\"", "('增长' <-> '长' <-> 'gdp')");
	check_query("ＧＤＰ", "\"gdp\"", "'gdp'");
	{
		g_auto(GStrv) fts = core_cjk_query_terms("督查 面 安全生产 ，", FALSE);
		g_auto(GStrv) pg = core_cjk_query_terms("督查 面 安全生产 ，", TRUE);
		g_autofree char *a = g_strjoinv("|", fts);
		g_autofree char *b = g_strjoinv("|", pg);

		g_assert_cmpstr(a, ==, "\"督查\"|\"面\"*|\"安全\" + \"全生\" + \"生产\"");
		g_assert_cmpstr(b, ==, "'督查'|'面':*|('安全' <-> '全生' <-> '生产')");
		g_assert_null(core_cjk_query_terms(" ，。 ", TRUE));
	}
	check_query("《关于，通知》", "\"关于\" + \"于\" + \"通知\"",
	            "('关于' <-> '于' <-> '通知')");
}

/* Whatever a user types, every token is quoted: no operator, column filter or syntax error. */
static void test_query_operators(void)
{
	check_query("\" OR \"", "\"or\"", "'or'");
	check_query("督查 OR 面", "\"督查\" AND \"or\" AND \"面\"*", "'督查' & 'or' & '面':*");
	check_query("NEAR(督查 面, 3)", "\"near\" + \"督查\" AND \"面\"* AND \"3\"",
	            "('near' <-> '督查') & '面':* & '3'");
	check_query("督查* -面 ^通知", "\"督查\" AND \"面\"* AND \"通知\"",
	            "'督查' & '面':* & '通知'");
	check_query("title:督查 {title body}:x",
	            "\"title\" + \"督查\" AND \"title\" AND \"body\" + \"x\"",
	            "('title' <-> '督查') & 'title' & ('body' <-> 'x')");
	check_query("it's \"a\"\"b\" a\\b", "\"it\" + \"s\" AND \"a\" + \"b\" AND \"a\" + \"b\"",
	            "('it' <-> 's') & ('a' <-> 'b') & ('a' <-> 'b')");
	check_query("a&b | !c <-> d:*", "\"a\" + \"b\" AND \"c\" AND \"d\"",
	            "('a' <-> 'b') & 'c' & 'd'");
	check_query("'); DROP TABLE item; --", "\"drop\" AND \"table\" AND \"item\"",
	            "'drop' & 'table' & 'item'");
}

static void test_query_empty(void)
{
	g_assert_null(core_cjk_query("", FALSE));
	g_assert_null(core_cjk_query(NULL, TRUE));
	g_assert_null(core_cjk_query("  \t\n　", FALSE));
	g_assert_null(core_cjk_query("《》“”……", TRUE));
	g_assert_null(core_cjk_query("\" * ( ) - + ^ : | & ! '", TRUE));
}

static void test_query_long(void)
{
	g_autoptr(GString) q = g_string_new(NULL);
	g_autofree char *fts = NULL;
	g_autofree char *pg = NULL;
	guint n = 0;

	for (int i = 0; i < 300; i++)
		g_string_append(q, i % 7 == 0 ? "督查 " : "安全生产");
	fts = core_cjk_query(q->str, FALSE);
	pg = core_cjk_query(q->str, TRUE);
	for (const char *p = fts; (p = strchr(p, '"')) != NULL; p++)
		n++;
	g_assert_cmpuint(n, <=, 2 * 128); /* at most 128 tokens */
	g_assert_cmpuint(n, >=, 2 * 100);
	g_assert_nonnull(pg);
}

/* ==== The index ============================================================================= */

typedef struct {
	Db *db;
	DbConn *c;
	char *dir; /* SQLite: the temporary directory */
	gint64 user1, user2, unit1, unit2;
	gint64 id[16]; /* the corpus' items by number (1-based) */
} Fixture;

static char *pg_url; /* MISHU_TEST_PG_URL, or NULL */

/* Runs an INSERT … RETURNING id with text parameters (NULL-terminated list). */
static gint64 insert_id(DbConn *c, const char *sql, ...)
{
	g_autoptr(GError) err = NULL;
	g_autoptr(DbStmt) s = db_prepare(c, sql, &err);
	const char *v;
	va_list ap;
	int i = 1;

	g_assert_no_error(err);
	va_start(ap, sql);
	while ((v = va_arg(ap, const char *)) != NULL)
		db_bind_text(s, i++, v);
	va_end(ap);
	g_assert_cmpint(db_step(s, &err), ==, DB_ROW);
	g_assert_no_error(err);
	return db_col_int(s, 0);
}

static gint64 add_item(DbConn *c, const char *title)
{
	return insert_id(c,
	                 "INSERT INTO item (kind, title, status, created_at, updated_at) "
	                 "VALUES ('note', ?, 'open', 0, 0) RETURNING id",
	                 title, NULL);
}

static void index_ok(Fixture *f, gint64 id, const char *title, const char *body)
{
	g_autoptr(GError) err = NULL;

	g_assert_true(work_search_index(f->c, id, title, body, &err));
	g_assert_no_error(err);
}

static void grant(Fixture *f, gint64 item, gint64 user, gint64 unit)
{
	g_autoptr(GError) err = NULL;
	g_autoptr(DbStmt) s = db_prepare(f->c,
	                                 "INSERT INTO item_access (item_id, user_id, unit_id, "
	                                 "reason) VALUES (?, ?, ?, 'routed')",
	                                 &err);

	g_assert_no_error(err);
	db_bind_int(s, 1, item);
	if (user)
		db_bind_int(s, 2, user);
	else
		db_bind_null(s, 2);
	if (unit)
		db_bind_int(s, 3, unit);
	else
		db_bind_null(s, 3);
	g_assert_cmpint(db_step(s, &err), ==, DB_DONE);
	g_assert_no_error(err);
}

static void open_db(Fixture *f, const char *url)
{
	g_autoptr(GError) err = NULL;

	f->db = db_open(url, &err);
	g_assert_no_error(err);
	g_assert_nonnull(f->db);
	f->c = db_conn(f->db, &err);
	g_assert_no_error(err);
	if (db_kind(f->db) == DB_POSTGRESQL)
		exec_ok(f->c, "SET client_min_messages = warning; "
		              "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public; "
		              "RESET client_min_messages");
	g_assert_cmpint(db_migrate(f->db, &err), ==, db_schema_latest(f->db));
	g_assert_no_error(err);
}

static void set_up(Fixture *f, gconstpointer pg)
{
	if (pg) {
		if (pg_url == NULL) {
			g_test_skip("MISHU_TEST_PG_URL is not set: PostgreSQL not tested");
			return;
		}
		open_db(f, pg_url);
	} else {
		g_autoptr(GError) err = NULL;
		g_autofree char *url = NULL;

		f->dir = g_dir_make_tmp("mishu-test-search-XXXXXX", &err);
		g_assert_no_error(err);
		url = g_strdup_printf("sqlite:%s/mishu.db", f->dir);
		open_db(f, url);
	}
}

static void tear_down(Fixture *f, gconstpointer pg)
{
	db_close(f->db);
	if (f->dir) {
		const char *names[] = {"mishu.db", "mishu.db-wal", "mishu.db-shm"};

		for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
			g_autofree char *p = g_build_filename(f->dir, names[i], NULL);

			g_unlink(p);
		}
		g_rmdir(f->dir);
		g_free(f->dir);
	}
}

/* The corpus: item n has title corpus[n-1][0] and body corpus[n-1][1]. */
static const char *const corpus[][2] = {
    /* 1 */ {"关于开展安全生产督查的通知", "各单位：为加强安全生产工作，决定开展专项督查。"},
    /* 2 */ {"安全和生产工作要点", "做好安全和生产两方面的工作。"},
    /* 3 */ {"2026年GDP增长情况", "全市GDP增长5.2%，经济运行总体平稳。"},
    /* 4 */ {"会议纪要", "研究全面深化改革事项。"},
    /* 5 */ {"关于表面处理的报告", ""},
    /* 6 */ {"首次见面", ""},
    /* 7 */ {"Ｅｎｇｌｉｓｈ Title ＧＤＰ", "gdp growth"},
    /* 8 */ {"人事任免", "任免名单见附件。"},
    /* 9 */ {"督办事项", ""},
    /* 10 */ {"其他", "请各单位按期督办。"},
};

/* Adds the corpus: items, index, and visibility (item 1 to user1, item 2 to unit2). */
static void add_corpus(Fixture *f)
{
	f->unit1 = insert_id(f->c,
	                     "INSERT INTO unit (code, name, created_at) VALUES (?, ?, 0) "
	                     "RETURNING id",
	                     "u1", "单位一", NULL);
	f->unit2 = insert_id(f->c,
	                     "INSERT INTO unit (code, name, created_at) VALUES (?, ?, 0) "
	                     "RETURNING id",
	                     "u2", "单位二", NULL);
	f->user1 =
	    insert_id(f->c,
	              "INSERT INTO user_account (username, display_name, password_hash, "
	              "password_changed_at, created_at, updated_at) VALUES (?, ?, 'x', 0, 0, 0) "
	              "RETURNING id",
	              "zhang", "张三", NULL);
	f->user2 =
	    insert_id(f->c,
	              "INSERT INTO user_account (username, display_name, password_hash, "
	              "password_changed_at, created_at, updated_at) VALUES (?, ?, 'x', 0, 0, 0) "
	              "RETURNING id",
	              "li", "李四", NULL);
	for (gsize n = 0; n < G_N_ELEMENTS(corpus); n++) {
		f->id[n + 1] = add_item(f->c, corpus[n][0]);
		index_ok(f, f->id[n + 1], corpus[n][0], corpus[n][1]);
	}
	grant(f, f->id[1], f->user1, 0);
	grant(f, f->id[2], 0, f->unit2);
}

static gint cmp_int(gconstpointer a, gconstpointer b)
{
	return *(const int *)a - *(const int *)b;
}

/* Runs a search and returns the hits' item numbers (corpus numbering) sorted, e.g. "1,2". */
static char *hits_full(Fixture *f, const char *q, const AuthUser *u, json_t **out)
{
	g_autoptr(GError) err = NULL;
	json_t *r = work_search_query(f->c, q, u, 200, &err);
	g_autoptr(GArray) nums = g_array_new(FALSE, FALSE, sizeof(int));
	g_autoptr(GString) s = g_string_new(NULL);
	size_t i;
	json_t *h;

	g_assert_no_error(err);
	g_assert_true(json_is_array(r));
	json_array_foreach (r, i, h) {
		gint64 id = json_integer_value(json_object_get(h, "item_id"));
		int num = 0;

		for (int n = 1; n < 16; n++)
			if (f->id[n] == id)
				num = n;
		g_assert_cmpint(num, >, 0);
		g_array_append_val(nums, num);
	}
	g_array_sort(nums, cmp_int);
	for (guint k = 0; k < nums->len; k++)
		g_string_append_printf(s, "%s%d", k ? "," : "", g_array_index(nums, int, k));
	if (out)
		*out = r;
	else
		json_decref(r);
	return g_strdup(s->str);
}

static char *hits(Fixture *f, const char *q)
{
	return hits_full(f, q, &staff, NULL);
}

#define CHECK_HITS(f, q, want)                                                                     \
	do {                                                                                       \
		g_autofree char *got_ = hits((f), (q));                                            \
		if (g_strcmp0(got_, (want)) != 0)                                                  \
			g_error("%s: search “%s” found items [%s], expected [%s]",                 \
			        db_kind_name((f)->db), (q), got_, (want));                         \
	} while (0)

static void test_index_queries(Fixture *f, gconstpointer pg)
{
	if (f->db == NULL)
		return;
	add_corpus(f);
	CHECK_HITS(f, "督查", "1");
	CHECK_HITS(f, "安全生产", "1");    /* not 2: 安全和生产 */
	CHECK_HITS(f, "安全 生产", "1,2"); /* two terms */
	CHECK_HITS(f, "面", "2,4,5,6"); /* 方面的, 全面深, 表面处, 见面 (end of a run) */
	CHECK_HITS(f, "见面", "6");
	CHECK_HITS(f, "2026年GDP增长", "3"); /* mixed, one phrase */
	CHECK_HITS(f, "2026年", "3");        /* a lone last character is a prefix */
	CHECK_HITS(f, "GDP增长5.2%", "3");
	CHECK_HITS(f, "增长GDP", "");
	CHECK_HITS(f, "gdp", "3,7");
	CHECK_HITS(f, "ＧＤＰ", "3,7");
	CHECK_HITS(f, "GDP 增长", "3");
	CHECK_HITS(f, "title", "7");
	CHECK_HITS(f, "english title gdp growth", "7");
	CHECK_HITS(f, "《关于开展安全生产督查的通知》", "1");
	CHECK_HITS(f, "关于", "1,5");
	CHECK_HITS(f, "督办", "9,10");
	CHECK_HITS(f, "单位", "1,10");
	CHECK_HITS(f, "任免名单", "8");
	CHECK_HITS(f, "名单任免", "");
	CHECK_HITS(f, "没有", "");
	/* nothing searchable: an empty array, not an error */
	CHECK_HITS(f, "", "");
	CHECK_HITS(f, "  ，。《》  ", "");
	/* operators typed by a user are words or nothing */
	CHECK_HITS(f, "\" OR \"", "");
	CHECK_HITS(f, "督查 OR 面", "");
	CHECK_HITS(f, "督查\" OR \"面", "");
	CHECK_HITS(f, "\"督查\"", "1");
	CHECK_HITS(f, "督查*", "1");
	CHECK_HITS(f, "NEAR(督查 面)", "");
	CHECK_HITS(f, "-督查", "1");
	CHECK_HITS(f, "title:督查", "");
	CHECK_HITS(f, "督查 & 面 | x", "");
	CHECK_HITS(f, "'督查'", "1");
	CHECK_HITS(f, "\\ ' \" * ^ : ( ) { } [ ] < > - + ! & | ~", "");
	CHECK_HITS(f, "\xFF\xFE督查", "1");
}

/* The snippet of item ID in a search for Q, its parts joined by "|", hits in brackets. */
static char *snippet_of(Fixture *f, const char *q, gint64 id)
{
	g_autoptr(GError) err = NULL;
	json_t *r = work_search_query(f->c, q, &staff, 200, &err);
	GString *s = g_string_new(NULL);
	size_t i, j;
	json_t *h, *p;

	g_assert_no_error(err);
	json_array_foreach (r, i, h) {
		if (json_integer_value(json_object_get(h, "item_id")) != id)
			continue;
		json_array_foreach (json_object_get(h, "snippet"), j, p) {
			const char *t = json_string_value(json_object_get(p, "text"));

			if (j > 0)
				g_string_append_c(s, '|');
			if (json_is_true(json_object_get(p, "hit")))
				g_string_append_printf(s, "[%s]", t);
			else
				g_string_append(s, t);
		}
	}
	json_decref(r);
	return g_string_free(s, FALSE);
}

static void test_index_rank_snippet(Fixture *f, gconstpointer pg)
{
	json_t *r = NULL;
	g_autofree char *h = NULL;
	g_autoptr(GString) text = g_string_new(NULL);
	g_autoptr(GString) marked = g_string_new(NULL);
	json_t *parts, *p;
	size_t i;

	if (f->db == NULL)
		return;
	add_corpus(f);
	/* a title hit ranks above a body hit */
	h = hits_full(f, "督办", &staff, &r);
	g_assert_cmpstr(h, ==, "9,10");
	g_assert_cmpint(json_integer_value(json_object_get(json_array_get(r, 0), "item_id")), ==,
	                f->id[9]);
	g_assert_cmpstr(json_string_value(json_object_get(json_array_get(r, 0), "title")), ==,
	                "督办事项");
	g_assert_cmpstr(json_string_value(json_object_get(json_array_get(r, 0), "kind")), ==,
	                "note");
	g_assert_null(json_object_get(json_array_get(r, 0), "snippet")); /* empty body */
	json_decref(r);

	/* the snippet marks the hit in the body */
	g_clear_pointer(&h, g_free);
	h = hits_full(f, "督查 安全生产", &staff, &r);
	g_assert_cmpstr(h, ==, "1");
	parts = json_object_get(json_array_get(r, 0), "snippet");
	g_assert_true(json_is_array(parts));
	json_array_foreach (parts, i, p) {
		const char *t = json_string_value(json_object_get(p, "text"));

		g_string_append(text, t);
		if (json_is_true(json_object_get(p, "hit")))
			g_string_append_printf(marked, "[%s]", t);
	}
	g_assert_cmpstr(text->str, ==, "各单位：为加强安全生产工作，决定开展专项督查。");
	g_assert_cmpstr(marked->str, ==, "[安全生产][督查]");
	json_decref(r);

	/* one character: only that character is marked, also inside a bigram */
	g_clear_pointer(&h, g_free);
	h = hits_full(f, "面", &staff, &r);
	g_assert_cmpstr(h, ==, "2,4,5,6");
	for (i = 0; i < json_array_size(r); i++) {
		json_t *o = json_array_get(r, i);
		size_t j;

		if (json_integer_value(json_object_get(o, "item_id")) != f->id[4])
			continue;
		g_string_truncate(text, 0);
		g_string_truncate(marked, 0);
		json_array_foreach (json_object_get(o, "snippet"), j, p) {
			const char *t = json_string_value(json_object_get(p, "text"));

			g_string_append(text, t);
			if (json_is_true(json_object_get(p, "hit")))
				g_string_append_printf(marked, "[%s]", t);
		}
	}
	g_assert_cmpstr(text->str, ==, "研究全面深化改革事项。");
	g_assert_cmpstr(marked->str, ==, "[面]");
	json_decref(r);

	/* a window of 80 characters from 12 before the first hit, "…" where text is left out */
	{
		g_autoptr(GString) body = g_string_new(NULL);
		g_autoptr(GString) want = g_string_new("…|");
		g_autofree char *snip = NULL;

		for (int k = 0; k < 30; k++)
			g_string_append(body, "甲");
		g_string_append(body, "核查");
		for (int k = 0; k < 200; k++)
			g_string_append(body, "乙");
		index_ok(f, f->id[8], "人事任免", body->str);
		for (int k = 0; k < 12; k++)
			g_string_append(want, "甲");
		g_string_append(want, "|[核查]|");
		for (int k = 0; k < 66; k++)
			g_string_append(want, "乙");
		g_string_append(want, "|…");
		snip = snippet_of(f, "核查", f->id[8]);
		g_assert_cmpstr(snip, ==, want->str);

		/* the window starts after a line break; whitespace runs become one space */
		index_ok(f, f->id[8], "人事任免", "第一行\n第二行  核查\t\t结束");
		g_clear_pointer(&snip, g_free);
		snip = snippet_of(f, "核查", f->id[8]);
		g_assert_cmpstr(snip, ==, "…|第二行 |[核查]| 结束");

		/* a hit past the first 10000 characters: the body's start */
		g_string_truncate(body, 0);
		for (int k = 0; k < 10000; k++)
			g_string_append(body, "丙");
		g_string_append(body, "核查");
		index_ok(f, f->id[8], "人事任免", body->str);
		g_clear_pointer(&snip, g_free);
		snip = snippet_of(f, "核查", f->id[8]);
		g_string_assign(want, "");
		for (int k = 0; k < 80; k++)
			g_string_append(want, "丙");
		g_string_append(want, "|…");
		g_assert_cmpstr(snip, ==, want->str);
	}
}

static void test_index_visibility(Fixture *f, gconstpointer pg)
{
	static const struct {
		const char *q;
		int user, unit; /* 0 none, 1 or 2 */
		const char *want;
	} cases[] = {
	    {"安全", 1, 1, "1"},   {"安全", 2, 2, "2"}, {"安全", 2, 0, ""},
	    {"安全", 1, 2, "1,2"}, {"工作", 1, 1, "1"}, {"人事", 1, 2, ""},
	};

	if (f->db == NULL)
		return;
	add_corpus(f);
	for (gsize k = 0; k < G_N_ELEMENTS(cases); k++) {
		AuthUser liaison = {.id = cases[k].user == 1 ? f->user1 : f->user2,
		                    .unit_id = cases[k].unit == 0   ? 0
		                               : cases[k].unit == 1 ? f->unit1
		                                                    : f->unit2,
		                    .roles = AUTH_ROLE_LIAISON};
		g_autofree char *got = hits_full(f, cases[k].q, &liaison, NULL);

		g_assert_cmpstr(got, ==, cases[k].want);
	}
	{
		/* an administrator sees nothing, even where item_access names them */
		AuthUser auditor = {
		    .id = f->user1, .unit_id = f->unit1, .roles = AUTH_ROLE_AUDITOR};
		g_autofree char *all = hits_full(f, "安全", &staff, NULL);
		g_autofree char *none = hits_full(f, "安全", &auditor, NULL);

		g_assert_cmpstr(all, ==, "1,2");
		g_assert_cmpstr(none, ==, "");
	}
}

static void test_index_update(Fixture *f, gconstpointer pg)
{
	g_autoptr(GError) err = NULL;

	if (f->db == NULL)
		return;
	add_corpus(f);
	/* re-indexing replaces */
	index_ok(f, f->id[5], "关于表层处理的报告", NULL);
	CHECK_HITS(f, "面", "2,4,6");
	CHECK_HITS(f, "表层", "5");
	CHECK_HITS(f, "表面", "");
	/* inside the caller's transaction, rolled back with it */
	g_assert_true(db_begin(f->c, TRUE, &err));
	index_ok(f, f->id[5], "表面", "表面");
	db_rollback(f->c);
	CHECK_HITS(f, "表面", "");
	CHECK_HITS(f, "表层", "5");
	/* removing */
	g_assert_true(work_search_remove(f->c, f->id[7], &err));
	g_assert_no_error(err);
	CHECK_HITS(f, "gdp", "3");
	g_assert_true(work_search_remove(f->c, f->id[7], &err)); /* nothing left: no error */
	g_assert_no_error(err);
	/* deleting the item deletes its row (trigger on SQLite, cascade on PostgreSQL) */
	exec_ok(f->c, "DELETE FROM item_access");
	{
		g_autoptr(DbStmt) s = db_prepare(f->c, "DELETE FROM item WHERE id = ?", &err);

		g_assert_no_error(err);
		db_bind_int(s, 1, f->id[6]);
		g_assert_cmpint(db_step(s, &err), ==, DB_DONE);
		g_assert_no_error(err);
	}
	CHECK_HITS(f, "见面", "");
	{
		g_autoptr(DbStmt) s = db_prepare(f->c, "SELECT count(*) FROM search_index", &err);

		g_assert_no_error(err);
		g_assert_cmpint(db_step(s, &err), ==, DB_ROW);
		g_assert_cmpint(db_col_int(s, 0), ==, G_N_ELEMENTS(corpus) - 2);
	}
	/* no such item */
	g_assert_false(work_search_index(f->c, 999999, "督查", "", &err));
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_CONSTRAINT);
	g_assert_false(db_in_transaction(f->c));
}

/* More than 2000 matches: the newest (highest ids) come first, limited. */
static void test_index_newest(Fixture *f, gconstpointer pg)
{
	g_autoptr(GError) err = NULL;
	json_t *r;
	gint64 last = 0;

	if (f->db == NULL)
		return;
	g_assert_true(db_begin(f->c, TRUE, &err));
	for (int n = 0; n < 2100; n++) {
		g_autofree char *title = g_strdup_printf("批量文件第%d号", n);

		last = add_item(f->c, title);
		index_ok(f, last, title, n % 2 ? "正文" : "");
	}
	g_assert_true(db_commit(f->c, &err));
	r = work_search_query(f->c, "批量", &staff, 5, &err);
	g_assert_no_error(err);
	g_assert_cmpuint(json_array_size(r), ==, 5);
	for (size_t i = 0; i < 5; i++)
		g_assert_cmpint(
		    json_integer_value(json_object_get(json_array_get(r, i), "item_id")), ==,
		    last - (gint64)i);
	json_decref(r);
	/* a bad limit means 20 */
	r = work_search_query(f->c, "批量", &staff, 0, &err);
	g_assert_cmpuint(json_array_size(r), ==, 20);
	json_decref(r);
}

/* ==== Random corpus: search agrees with substring search ================================== */

static const char *const alphabet[] = {"安", "全", "生", "产", "督", "查",
                                       "面", "工", "作", "会", "议", "年"};

/* Appends N characters from the first LETTERS of the alphabet. */
static void random_chars(GRand *rnd, GString *s, int n, int letters)
{
	for (int i = 0; i < n; i++)
		g_string_append(s, alphabet[g_rand_int_range(rnd, 0, letters)]);
}

static void random_run(GRand *rnd, GString *s, int n)
{
	random_chars(rnd, s, n, G_N_ELEMENTS(alphabet));
}

/* Random text: RUNS runs (1–8 characters from the first LETTERS of the alphabet) separated by
 * punctuation, digits or Latin words. */
static char *random_text_of(GRand *rnd, int runs, int letters)
{
	static const char *const seps[] = {"，", "。", " ", "2026", "GDP", "、", "（", "）"};
	GString *s = g_string_new(NULL);

	for (int r = 0; r < runs; r++) {
		if (r > 0)
			g_string_append(s, seps[g_rand_int_range(rnd, 0, G_N_ELEMENTS(seps))]);
		random_chars(rnd, s, g_rand_int_range(rnd, 1, 9), letters);
	}
	return g_string_free(s, FALSE);
}

static char *random_text(GRand *rnd, int runs)
{
	return random_text_of(rnd, runs, G_N_ELEMENTS(alphabet));
}

/* Random Latin words of 200 letters (so long that PostgreSQL needs several parts by size). */
static char *random_words(GRand *rnd, int n)
{
	GString *s = g_string_new(NULL);

	for (int w = 0; w < n; w++) {
		if (w > 0)
			g_string_append_c(s, ' ');
		for (int i = 0; i < 200; i++)
			g_string_append_c(s, (char)('a' + g_rand_int_range(rnd, 0, 26)));
	}
	return g_string_free(s, FALSE);
}

/* A query from a random place of TEXT: 2–6 characters of one run, or a word of 200 letters;
 * NULL when the place has none. */
static char *query_from(GRand *rnd, const char *text)
{
	gsize len = strlen(text);
	const char *p = text + g_rand_int_range(rnd, 0, (gint32)len);
	GString *q = g_string_new(NULL);
	int want = g_rand_int_range(rnd, 2, 7);

	while (p > text && (*p & 0xC0) == 0x80)
		p--;
	if (g_ascii_islower(*p)) { /* a whole word */
		while (p > text && p[-1] != ' ')
			p--;
		while (*p && *p != ' ')
			g_string_append_c(q, *p++);
		return g_string_free(q, FALSE);
	}
	for (int n = 0; n < want && *p; n++, p = g_utf8_next_char(p)) {
		gboolean letter = FALSE;

		for (gsize a = 0; a < G_N_ELEMENTS(alphabet); a++)
			letter |= strncmp(p, alphabet[a], strlen(alphabet[a])) == 0;
		if (!letter)
			break;
		g_string_append_len(q, p, g_utf8_next_char(p) - p);
	}
	if (g_utf8_strlen(q->str, -1) < 2) {
		g_string_free(q, TRUE);
		return NULL;
	}
	return g_string_free(q, FALSE);
}

typedef struct {
	char *title, *body;
} Doc;

/* The items of DOCS containing every space-separated term of Q, by substring search. */
static char *oracle(Doc *docs, int n, const char *q)
{
	g_auto(GStrv) terms = g_strsplit(q, " ", -1);
	GString *s = g_string_new(NULL);

	for (int i = 0; i < n; i++) {
		gboolean all = TRUE;

		for (int t = 0; terms[t]; t++)
			if (*terms[t] && !strstr(docs[i].title, terms[t]) &&
			    !strstr(docs[i].body, terms[t]))
				all = FALSE;
		if (all)
			g_string_append_printf(s, "%s%d", s->len ? "," : "", i + 1);
	}
	return g_string_free(s, FALSE);
}

/* SQLite's answers to the random queries, query → sorted ids, for PostgreSQL to compare with. */
static GHashTable *sqlite_answers;

/* A random query: one or two terms of 1–4 characters, sometimes joined by a word or number. */
static char *random_query(GRand *rnd, int k)
{
	GString *q = g_string_new(NULL);

	random_run(rnd, q, g_rand_int_range(rnd, 1, 5));
	if (k % 5 == 1) {
		g_string_append(q, k % 2 ? "GDP" : "2026");
		random_run(rnd, q, g_rand_int_range(rnd, 1, 3));
	}
	if (k % 3 == 0) {
		g_string_append_c(q, ' ');
		random_run(rnd, q, g_rand_int_range(rnd, 1, 3));
	}
	return g_string_free(q, FALSE);
}

/* The ids of a search's hits, sorted and joined by commas. */
static char *search_ids(Fixture *f, const char *q)
{
	g_autoptr(GError) err = NULL;
	json_t *r = work_search_query(f->c, q, &staff, 200, &err);
	g_autoptr(GArray) ids = g_array_new(FALSE, FALSE, sizeof(int));
	GString *s = g_string_new(NULL);
	size_t i;
	json_t *h;

	g_assert_no_error(err);
	json_array_foreach (r, i, h) {
		int id = (int)json_integer_value(json_object_get(h, "item_id"));

		g_array_append_val(ids, id);
	}
	json_decref(r);
	g_array_sort(ids, cmp_int);
	for (guint k = 0; k < ids->len; k++)
		g_string_append_printf(s, "%s%d", k ? "," : "", g_array_index(ids, int, k));
	return g_string_free(s, FALSE);
}

/* Checks one query against substring search and, on PostgreSQL, against SQLite's answer. */
static void check_random(Fixture *f, gconstpointer pg, Doc *docs, int n, const char *q,
                         int *compared)
{
	g_autofree char *want = oracle(docs, n, q);
	g_autofree char *got = search_ids(f, q);

	if (g_strcmp0(got, want) != 0)
		g_error("%s: search “%s” found [%s], substring search [%s]", db_kind_name(f->db), q,
		        got, want);
	if (!pg) {
		g_hash_table_replace(sqlite_answers, g_strdup(q), g_strdup(got));
	} else if (sqlite_answers) {
		g_assert_cmpstr(got, ==, g_hash_table_lookup(sqlite_answers, q));
		(*compared)++;
	}
}

/*
 * A random corpus over a small alphabet (so that bigrams recur) and random queries: the hits are
 * exactly the items whose title or body contains every term, and PostgreSQL finds what SQLite
 * found. Three long items pass each limit of a PostgreSQL tsvector: 16383 positions, 256
 * positions of one lexeme (three letters only), and 1 MB (long words); queries from random
 * places of them also find what substring search finds.
 */
static void test_random(Fixture *f, gconstpointer pg)
{
	enum { SHORT = 150, LONG = 3, DOCS = SHORT + LONG, QUERIES = 600, LONG_QUERIES = 150 };
	g_autoptr(GRand) rnd = g_rand_new_with_seed(20260101);
	Doc docs[DOCS];
	int compared = 0;

	if (f->db == NULL)
		return;
	if (!pg && sqlite_answers == NULL)
		sqlite_answers = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	for (int i = 0; i < DOCS; i++) {
		gint64 id;

		docs[i].title = random_text(rnd, g_rand_int_range(rnd, 1, 3));
		if (i == SHORT)
			docs[i].body = random_text(rnd, 6000); /* ~33000 characters */
		else if (i == SHORT + 1)
			docs[i].body = random_text_of(rnd, 4000, 3);
		else if (i == SHORT + 2)
			docs[i].body = random_words(rnd, 6000); /* 1.2 MB */
		else
			docs[i].body = random_text(rnd, g_rand_int_range(rnd, 0, 12));
		id = add_item(f->c, docs[i].title);
		g_assert_cmpint(id, ==, i + 1); /* a fresh database numbers from 1 */
		index_ok(f, id, docs[i].title, docs[i].body);
	}
	for (int k = 0; k < QUERIES; k++) {
		g_autofree char *q = random_query(rnd, k);

		check_random(f, pg, docs, DOCS, q, &compared);
	}
	for (int k = 0; k < LONG_QUERIES; k++) {
		g_autofree char *q = query_from(rnd, docs[SHORT + k % LONG].body);

		if (q != NULL)
			check_random(f, pg, docs, DOCS, q, &compared);
	}
	if (pg)
		g_test_message("%d queries compared with SQLite's answers", compared);
	for (int i = 0; i < DOCS; i++) {
		g_free(docs[i].title);
		g_free(docs[i].body);
	}
}

/* ==== Long items ========================================================================== */

/* Finds item ID, and only it, with every query of QS (a NULL-terminated list). */
static void check_found(Fixture *f, gint64 id, char **qs)
{
	g_autofree char *want = g_strdup_printf("%" G_GINT64_FORMAT, id);

	for (int i = 0; qs[i] != NULL; i++) {
		g_autofree char *got = search_ids(f, qs[i]);

		if (g_strcmp0(got, want) != 0)
			g_error("%s: search “%.60s” found [%s], expected [%s]", db_kind_name(f->db),
			        qs[i], got, want);
	}
}

/*
 * Long items, and phrases around the places where PostgreSQL must cut an item's tsvector into
 * parts: after 16383 positions, at a lexeme's 257th position, and before 1 MB. Every phrase is
 * found wherever it lies (on SQLite trivially).
 */
static void test_index_long(Fixture *f, gconstpointer pg)
{
	g_autoptr(GRand) rnd = g_rand_new_with_seed(7);
	g_autoptr(GString) body = g_string_new(NULL);
	g_autoptr(GPtrArray) qs = g_ptr_array_new_with_free_func(g_free);
	g_auto(GStrv) words = NULL;
	gint64 id;

	if (f->db == NULL)
		return;
	/* 20000 different words: the 16383rd position falls among w16370 … w16390 */
	for (int w = 0; w < 20000; w++)
		g_string_append_printf(body, "%sw%05d", w ? " " : "", w);
	id = add_item(f->c, "标题");
	index_ok(f, id, "标题", body->str);
	for (int w = 16300; w < 16420; w++)
		g_ptr_array_add(qs, g_strdup_printf("w%05d,w%05d,w%05d", w, w + 1, w + 2));
	g_ptr_array_add(qs, g_strdup("w19999"));
	g_ptr_array_add(qs, NULL);
	check_found(f, id, (char **)qs->pdata);
	{
		g_autofree char *none = search_ids(f, "w16380,w16382");

		g_assert_cmpstr(none, ==, "");
	}

	/* 工作 a 257th time inside the phrase 检查工作 */
	g_string_truncate(body, 0);
	for (int r = 0; r < 300; r++)
		g_string_append(body, r == 256 ? "安全生产检查工作，" : "工作，");
	id = add_item(f->c, "标题");
	index_ok(f, id, "标题", body->str);
	check_found(f, id, (char *[]){"检查工作", "安全生产检查工作", "生产检查", NULL});

	/* 6000 words of 200 letters: 1.2 MB, a part holds fewer than 5000 of them */
	{
		char *text = random_words(rnd, 6000);

		id = add_item(f->c, "拉丁");
		index_ok(f, id, "拉丁", text);
		words = g_strsplit(text, " ", -1);
		g_free(text);
	}
	g_ptr_array_set_size(qs, 0);
	for (int w = 4600; w < 5000; w++)
		g_ptr_array_add(qs, g_strdup_printf("%s,%s", words[w], words[w + 1]));
	g_ptr_array_add(qs, g_strdup(words[5999]));
	g_ptr_array_add(qs, NULL);
	check_found(f, id, (char **)qs->pdata);
}

int main(int argc, char **argv)
{
	int rc;

	setlocale(LC_ALL, ""); /* messages with Chinese print as such in a UTF-8 locale */
	g_test_init(&argc, &argv, NULL);
	pg_url = (char *)g_getenv("MISHU_TEST_PG_URL");
	if (pg_url && *pg_url == '\0')
		pg_url = NULL;

	g_test_add_func("/search/tokens/cjk", test_tokens_cjk);
	g_test_add_func("/search/tokens/mixed", test_tokens_mixed);
	g_test_add_func("/search/tokens/fullwidth", test_tokens_fullwidth);
	g_test_add_func("/search/tokens/punctuation", test_tokens_punctuation);
	g_test_add_func("/search/tokens/normalisation", test_tokens_normalisation);
	g_test_add_func("/search/tokens/offsets", test_tokens_offsets);
	g_test_add_func("/search/tokens/fast-paths", test_tokens_fast_paths);
	g_test_add_func("/search/tokens/string", test_token_string);
	g_test_add_func("/search/query/build", test_query_build);
	g_test_add_func("/search/query/operators", test_query_operators);
	g_test_add_func("/search/query/empty", test_query_empty);
	g_test_add_func("/search/query/long", test_query_long);

#define ADD(name, fn)                                                                              \
	do {                                                                                       \
		g_test_add("/search/sqlite/" name, Fixture, NULL, set_up, fn, tear_down);          \
		g_test_add("/search/postgresql/" name, Fixture, GINT_TO_POINTER(1), set_up, fn,    \
		           tear_down);                                                             \
	} while (0)
	ADD("queries", test_index_queries);
	ADD("rank-snippet", test_index_rank_snippet);
	ADD("visibility", test_index_visibility);
	ADD("update", test_index_update);
	ADD("newest", test_index_newest);
	ADD("long", test_index_long);
	ADD("random", test_random);
	rc = g_test_run();
	if (sqlite_answers)
		g_hash_table_destroy(sqlite_answers);
	return rc;
}
