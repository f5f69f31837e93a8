/*
 * portal_model.c — the portal's sections and articles: the paged lists, one article with its
 * neighbours in the section and related ones, saving an article (an item of kind 'article'
 * indexed for search), counting reads once per reader and day, and searching the articles.
 */
#define G_LOG_DOMAIN "mishu-portal"

#include "portal/portal.h"
#include "core/core.h"

#include <string.h>

#define rows(...) work_rows(WORK_ERRORS, __VA_ARGS__)
#define run(...)  work_run(WORK_ERRORS, __VA_ARGS__)

/* The columns of an article's summary; the joins are SUMMARY_FROM. */
#define SUMMARY_COLUMNS                                                                            \
	"SELECT i.id, i.title, s.code AS section, s.name AS section_name, a.author, "              \
	"a.unit_name AS unit, a.published_on, a.reads "
#define SUMMARY_FROM                                                                               \
	"FROM article a JOIN item i ON i.id = a.item_id "                                          \
	"JOIN portal_section s ON s.id = a.section_id"

json_t *portal_sections(DbConn *c, GError **err)
{
	return rows(c, err,
	            "SELECT s.id, s.code, s.name, (SELECT count(*) FROM article a WHERE "
	            "a.section_id = s.id) AS count FROM portal_section s ORDER BY s.position, s.id",
	            NULL);
}

json_t *portal_section(DbConn *c, const char *code, GError **err)
{
	return work_row(WORK_ERRORS, c, err, N_("There is no such section."),
	                "SELECT id, code, name FROM portal_section WHERE code = ?", "s",
	                code ? code : "");
}

/* Adds "byline" to summary A: the author, the unit, or "author（unit）". */
static void set_byline(json_t *a)
{
	const char *author = json_string_value(json_object_get(a, "author"));
	const char *unit = json_string_value(json_object_get(a, "unit"));
	g_autofree char *byline = NULL;

	if (author && *author && unit && *unit)
		byline = g_strdup_printf("%s（%s）", author, unit);
	else
		byline = g_strdup(author && *author ? author : unit ? unit : "");
	json_object_set_new(a, "byline", json_string(byline));
}

/* Adds the byline to every summary of ROWS; returns ROWS. */
static json_t *with_bylines(json_t *rows)
{
	json_t *a;
	size_t i;

	json_array_foreach (rows, i, a)
		set_byline(a);
	return rows;
}

json_t *portal_list(DbConn *c, const char *code, gint64 page, int limit, GError **err)
{
	g_autoptr(DbQuery) count = db_query_new("SELECT count(*) AS n " SUMMARY_FROM);
	g_autoptr(DbQuery) q = db_query_new(SUMMARY_COLUMNS SUMMARY_FROM);
	g_autoptr(json_t) n = NULL;
	json_t *items;
	gint64 total, pages;

	if (code) {
		db_query_where(count, "s.code = ?", "s", code);
		db_query_where(q, "s.code = ?", "s", code);
	}
	if ((n = work_query_rows(WORK_ERRORS, c, count, err)) == NULL)
		return NULL;
	total = json_integer_value(json_object_get(json_array_get(n, 0), "n"));
	pages = MAX(1, (total + limit - 1) / limit);
	page = CLAMP(page, 1, pages);
	/* newest first; the id breaks ties of one day the same way the neighbours do */
	db_query_add(q, " ORDER BY a.published_on DESC, a.item_id DESC", NULL);
	db_query_limit(q, limit);
	db_query_add(q, " OFFSET ?", "i", (page - 1) * limit);
	if ((items = work_query_rows(WORK_ERRORS, c, q, err)) == NULL)
		return NULL;
	return json_pack("{s:o, s:I, s:I, s:I, s:o}", "items", with_bylines(items), "page",
	                 (json_int_t)page, "pages", (json_int_t)pages, "total", (json_int_t)total,
	                 "next_cursor",
	                 page < pages ? json_sprintf("%" G_GINT64_FORMAT, page + 1) : json_null());
}

/* The neighbour of the article at (SECTION, DATE, ID) in list order: NEWER (上一篇) or older
 * (下一篇); {"id", "title"} or null. NULL with ERR. */
static json_t *neighbour(DbConn *c, gint64 section, const char *date, gint64 id, gboolean newer,
                         GError **err)
{
	g_autoptr(json_t) r = NULL;

	if (newer)
		r = rows(c, err,
		         "SELECT i.id, i.title FROM article a JOIN item i ON i.id = a.item_id "
		         "WHERE a.section_id = ?1 AND (a.published_on > ?2 OR (a.published_on = ?2 "
		         "AND a.item_id > ?3)) ORDER BY a.published_on, a.item_id LIMIT 1",
		         "isi", section, date, id);
	else
		r = rows(
		    c, err,
		    "SELECT i.id, i.title FROM article a JOIN item i ON i.id = a.item_id "
		    "WHERE a.section_id = ?1 AND (a.published_on < ?2 OR (a.published_on = ?2 "
		    "AND a.item_id < ?3)) ORDER BY a.published_on DESC, a.item_id DESC LIMIT 1",
		    "isi", section, date, id);
	if (r == NULL)
		return NULL;
	return json_array_size(r) ? json_incref(json_array_get(r, 0)) : json_null();
}

/* Splits BODY into its paragraphs: lines with text, trimmed. New reference. */
static json_t *paragraphs(const char *body)
{
	g_auto(GStrv) lines = g_strsplit(body ? body : "", "\n", -1);
	json_t *out = json_array();

	for (gsize i = 0; lines[i]; i++) {
		g_autofree char *p = core_text_clean(lines[i]);

		if (p && *p)
			json_array_append_new(out, json_string(p));
	}
	return out;
}

json_t *portal_article(DbConn *c, gint64 id, GError **err)
{
	json_t *a = work_row(
	    WORK_ERRORS, c, err, N_("There is no such article."),
	    SUMMARY_COLUMNS ", a.body, a.section_id " SUMMARY_FROM " WHERE a.item_id = ?", "i", id);
	json_t *prev, *next, *related;
	gint64 section;
	const char *date;

	if (a == NULL)
		return NULL;
	set_byline(a);
	section = json_integer_value(json_object_get(a, "section_id"));
	date = json_string_value(json_object_get(a, "published_on"));
	json_object_set_new(a, "paragraphs",
	                    paragraphs(json_string_value(json_object_get(a, "body"))));
	if ((prev = neighbour(c, section, date, id, TRUE, err)) == NULL ||
	    (next = neighbour(c, section, date, id, FALSE, err)) == NULL) {
		json_decref(prev);
		json_decref(a);
		return NULL;
	}
	json_object_set_new(a, "prev", prev);
	json_object_set_new(a, "next", next);
	/* related: the section's most read others (the same section is the closest subject the
	 * data holds; the search box finds shared words) */
	related = rows(c, err,
	               SUMMARY_COLUMNS SUMMARY_FROM " WHERE a.section_id = ? AND a.item_id <> ? "
	                                            "ORDER BY a.reads DESC, a.item_id DESC LIMIT 5",
	               "ii", section, id);
	if (related == NULL) {
		json_decref(a);
		return NULL;
	}
	json_object_set_new(a, "related", with_bylines(related));
	json_object_del(a, "section_id");
	return a;
}

/* ---- saving -------------------------------------------------------------------------------- */

/* The string field NAME of BODY into *OUT (NULL when absent): a string of at most MAX
 * characters, not blank when REQUIRED. FALSE with 422 on NAME otherwise. */
static gboolean text_field(json_t *body, const char *name, glong max, gboolean required,
                           const char **out, const char **field, GError **err)
{
	json_t *v = json_object_get(body, name);

	*out = NULL;
	if (v == NULL || json_is_null(v)) {
		if (!required)
			return TRUE;
	} else if (!json_is_string(v)) {
		return work_fail_field(WORK_ERRORS, err, field, WORK_ERROR_INVALID, name,
		                       N_("Give this as text."));
	} else {
		*out = json_string_value(v);
		if (g_utf8_strlen(*out, -1) > max)
			return work_fail_too_long(WORK_ERRORS, err, field, WORK_ERROR_INVALID, name,
			                          max);
		if (!required || !core_text_blank(*out))
			return TRUE;
	}
	return work_fail_field(WORK_ERRORS, err, field, WORK_ERROR_INVALID, name,
	                       N_("Fill this in."));
}

gboolean portal_article_save(DbConn *c, const AuthUser *u, gint64 id, json_t *body, gint64 *out,
                             const char **field, GError **err)
{
	const char *title, *text, *section, *author, *unit, *date;
	gboolean creating = id == 0;
	g_autoptr(json_t) old = NULL;
	g_autoptr(json_t) sec = NULL;
	g_autofree char *today = core_today();
	gint64 now = core_now();
	GError *e = NULL;

	if (!text_field(body, "title", PORTAL_TITLE_MAX, creating, &title, field, err) ||
	    !text_field(body, "body", PORTAL_BODY_MAX, creating, &text, field, err) ||
	    !text_field(body, "section", 40, creating, &section, field, err) ||
	    !text_field(body, "author", PORTAL_NAME_MAX, FALSE, &author, field, err) ||
	    !text_field(body, "unit", PORTAL_NAME_MAX, FALSE, &unit, field, err) ||
	    !text_field(body, "published_on", 10, FALSE, &date, field, err))
		return FALSE;
	if (!creating) {
		old = work_row(WORK_ERRORS, c, err, N_("There is no such article."),
		               "SELECT i.title, a.body, s.code AS section, a.author, a.unit_name, "
		               "a.published_on " SUMMARY_FROM " WHERE a.item_id = ?",
		               "i", id);
		if (old == NULL)
			return FALSE;
#define KEEP(var, key)                                                                             \
	if (var == NULL)                                                                           \
		var = json_string_value(json_object_get(old, key));
		KEEP(title, "title");
		KEEP(text, "body");
		KEEP(section, "section");
		KEEP(author, "author");
		KEEP(unit, "unit_name");
		KEEP(date, "published_on");
#undef KEEP
	}
	if (date && *date && !core_date_valid(date))
		return work_fail_field(WORK_ERRORS, err, field, WORK_ERROR_INVALID, "published_on",
		                       N_("Give the date as YYYY-MM-DD."));
	if (core_text_blank(author) && core_text_blank(unit))
		return work_fail_field(WORK_ERRORS, err, field, WORK_ERROR_INVALID, "author",
		                       N_("Name the author or the unit that wrote it."));
	if ((sec = rows(c, err, "SELECT id FROM portal_section WHERE code = ?", "s", section)) ==
	    NULL)
		return FALSE;
	if (json_array_size(sec) == 0)
		return work_fail_field(WORK_ERRORS, err, field, WORK_ERROR_INVALID, "section",
		                       N_("There is no such section."));
	if (date == NULL || *date == '\0')
		date = today;
	if (creating) {
		if (!run(c, &id, err,
		         "INSERT INTO item (kind, title, created_by, status, created_at, "
		         "updated_at) "
		         "VALUES ('article', ?, ?, 'published', ?, ?) RETURNING id",
		         "siii", title, u ? u->id : (gint64)0, now, now))
			return FALSE;
		if (!run(c, NULL, err,
		         "INSERT INTO article (item_id, section_id, body, author, unit_name, "
		         "published_on) VALUES (?, ?, ?, ?, ?, ?)",
		         "iissss", id,
		         (gint64)json_integer_value(json_object_get(json_array_get(sec, 0), "id")),
		         text, author ? author : "", unit ? unit : "", date))
			return FALSE;
	} else if (!run(c, NULL, err, "UPDATE item SET title = ?, updated_at = ? WHERE id = ?",
	                "sii", title, now, id) ||
	           !run(c, NULL, err,
	                "UPDATE article SET section_id = ?, body = ?, author = ?, unit_name = ?, "
	                "published_on = ? WHERE item_id = ?",
	                "issssi",
	                (gint64)json_integer_value(json_object_get(json_array_get(sec, 0), "id")),
	                text, author ? author : "", unit ? unit : "", date, id)) {
		return FALSE;
	}
	*out = id;
	if (!work_search_index(c, id, title, text, &e)) {
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, WORK_ERROR_CONFLICT);
		return FALSE;
	}
	return TRUE;
}

/* ---- reads --------------------------------------------------------------------------------- */

gboolean portal_read(DbConn *c, gint64 id, const char *reader, const char *day, gboolean *counted,
                     GError **err)
{
	g_autoptr(json_t) a = work_row(WORK_ERRORS, c, err, N_("There is no such article."),
	                               "SELECT item_id FROM article WHERE item_id = ?", "i", id);
	gint64 inserted = 0;

	*counted = FALSE;
	if (a == NULL)
		return FALSE;
	/* the key (article, reader, day) lets only the first read of the day insert a row, also
	 * when reads of one reader run at the same time; only that insert adds to the count */
	if (!run(c, &inserted, err,
	         "INSERT INTO article_read (article_id, reader, day) VALUES (?, ?, ?) "
	         "ON CONFLICT DO NOTHING RETURNING 1",
	         "iss", id, reader, day))
		return FALSE;
	if (inserted != 1)
		return TRUE;
	*counted = TRUE;
	return run(c, NULL, err, "UPDATE article SET reads = reads + 1 WHERE item_id = ?", "i", id);
}

/* ---- search -------------------------------------------------------------------------------- */

json_t *portal_search(DbConn *c, const char *q, int limit, GError **err)
{
	GError *e = NULL;
	g_autoptr(json_t) hits = work_search_query_kind(c, q, "article", limit, &e);
	json_t *out, *h;
	size_t i;

	if (hits == NULL) {
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
		return NULL;
	}
	out = json_array();
	json_array_foreach (hits, i, h) {
		json_t *a = rows(c, err, SUMMARY_COLUMNS SUMMARY_FROM " WHERE a.item_id = ?", "i",
		                 (gint64)json_integer_value(json_object_get(h, "item_id")));

		if (a == NULL) {
			json_decref(out);
			return NULL;
		}
		if (json_array_size(a)) {
			json_t *s = json_array_get(a, 0);

			set_byline(s);
			if (json_object_get(h, "snippet"))
				json_object_set(s, "snippet", json_object_get(h, "snippet"));
			json_array_append(out, s);
		}
		json_decref(a);
	}
	return out;
}
