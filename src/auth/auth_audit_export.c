/*
 * auth_audit_export.c — reading the audit trail: the filtered, paged list for the auditor's page
 * and API, and the whole filtered trail as CSV or XLSX. Appending and verifying live in
 * auth_audit.c.
 *
 * Every query is built from fixed SQL fragments chosen by which filter fields are set; the
 * values themselves are only ever bound as parameters.
 */
#include "auth/auth.h"
#include "core/core.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define AUDIT_PAGE_MAX 500
#define XLSX_ROWS_MAX  1048576 /* rows in one Excel worksheet, the header included */
#define XLSX_CELL_MAX  32767   /* characters in one Excel cell */

/* The columns every reading query selects, in this order. */
enum {
	COL_ID,
	COL_AT,
	COL_ACTOR_ID,
	COL_ACTOR,
	COL_ADDRESS,
	COL_ACTION,
	COL_OBJECT_KIND,
	COL_OBJECT_ID,
	COL_SUMMARY,
	COL_DETAIL,
	COL_HASH,
};

/* The export's columns: header (Chinese, for the office), and width in XLSX characters. */
static const struct {
	const char *title;
	double width;
} export_cols[] = {
    {"序号", 8},      {"时间", 20}, {"操作人", 14}, {"地址", 16}, {"操作", 18},
    {"对象类型", 12}, {"对象", 14}, {"摘要", 48},   {"详情", 60}, {"哈希", 66},
};

/* Sets ERR to AUTH_ERROR_DB saying WHAT failed, with the database's own message, and frees
 * DBERR. */
static void db_failed(GError **err, GError *dberr, const char *what)
{
	g_set_error(err, AUTH_ERROR, AUTH_ERROR_DB, "%s: %s", what,
	            dberr ? dberr->message : "unknown database error");
	g_clear_error(&dberr);
}

/* TRUE when S is a filter value that is set (NULL and "" mean no filter). */
static gboolean set(const char *s)
{
	return s != NULL && *s != '\0';
}

/* S with LIKE's special characters (% _ and the escape \ itself) escaped by '\', between
 * BEFORE and AFTER (each "" or "%"). g_free. */
static char *like_pattern(const char *before, const char *s, const char *after)
{
	GString *p = g_string_new(before);

	for (; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			g_string_append_c(p, '\\');
		g_string_append_c(p, *s);
	}
	g_string_append(p, after);
	return g_string_free(p, FALSE);
}

/*
 * Prepares the reading query for filter F (may be NULL), ids below CURSOR (0: no bound), newest
 * or oldest first, at most LIMIT rows (0: all), with every value bound. Filters: actor exact;
 * action exact, or a prefix when it ends in '.'; from <= at < to (0: open; TO is exclusive, so
 * the next day's midnight ends a day); summary containing q literally. Returns the statement
 * to db_finish, or NULL with ERR set.
 */
static DbStmt *filter_prepare(DbConn *c, const AuditFilter *f, gint64 cursor, gboolean newest_first,
                              int limit, GError **err)
{
	static const AuditFilter none = {0};
	g_autoptr(DbQuery) q =
	    db_query_new("SELECT id, at, actor_id, actor, address, action, "
	                 "object_kind, object_id, summary, detail, hash FROM audit");
	GError *dberr = NULL;
	DbStmt *s;

	if (f == NULL)
		f = &none;
	if (set(f->actor))
		db_query_where(q, "actor = ?", "s", f->actor);
	if (set(f->action) && g_str_has_suffix(f->action, ".")) {
		g_autofree char *pat = like_pattern("", f->action, "%");

		db_query_where(q, "action LIKE ? ESCAPE '\\'", "s", pat);
	} else if (set(f->action)) {
		db_query_where(q, "action = ?", "s", f->action);
	}
	if (f->from > 0)
		db_query_where(q, "at >= ?", "i", f->from);
	if (f->to > 0)
		db_query_where(q, "at < ?", "i", f->to);
	if (set(f->q)) {
		g_autofree char *pat = like_pattern("%", f->q, "%");

		db_query_where(q, "summary LIKE ? ESCAPE '\\'", "s", pat);
	}
	if (cursor > 0)
		db_query_where(q, "id < ?", "i", cursor);
	db_query_add(q, newest_first ? " ORDER BY id DESC" : " ORDER BY id", NULL);
	if (limit > 0)
		db_query_add(q, " LIMIT ?", "i", (gint64)limit);

	s = db_query_prepare(c, q, &dberr);
	if (s == NULL)
		db_failed(err, dberr, "cannot read the audit trail");
	return s;
}

/* AT (Unix seconds) as 'YYYY-MM-DD HH:MM:SS' in the office's time zone, or the bare number
 * when GDateTime cannot hold it. g_free. */
static char *at_text(gint64 at)
{
	char *s = core_time_format(at, "%Y-%m-%d %H:%M:%S");

	return s ? s : g_strdup_printf("%" G_GINT64_FORMAT, at);
}

/* ---- the list ------------------------------------------------------------------------------- */

/* A JSON string for S, or null when S is NULL or not valid UTF-8. New reference. */
static json_t *str_or_null(const char *s)
{
	json_t *v = s ? json_string(s) : NULL;

	return v ? v : json_null();
}

/* The current row of a reading query as a list item. New reference. */
static json_t *row_item(DbStmt *s)
{
	const char *detail = db_col_text(s, COL_DETAIL);
	json_t *d = detail ? json_loads(detail, JSON_DECODE_ANY, NULL) : NULL;
	char *when = at_text(db_col_int(s, COL_AT));
	json_t *item = json_object();

	json_object_set_new(item, "id", json_integer(db_col_int(s, COL_ID)));
	json_object_set_new(item, "at", json_integer(db_col_int(s, COL_AT)));
	json_object_set_new(item, "at_text", str_or_null(when));
	json_object_set_new(item, "actor", str_or_null(db_col_text(s, COL_ACTOR)));
	json_object_set_new(item, "actor_id",
	                    db_col_is_null(s, COL_ACTOR_ID)
	                        ? json_null()
	                        : json_integer(db_col_int(s, COL_ACTOR_ID)));
	json_object_set_new(item, "address", str_or_null(db_col_text(s, COL_ADDRESS)));
	json_object_set_new(item, "action", str_or_null(db_col_text(s, COL_ACTION)));
	json_object_set_new(item, "object_kind", str_or_null(db_col_text(s, COL_OBJECT_KIND)));
	json_object_set_new(item, "object_id", str_or_null(db_col_text(s, COL_OBJECT_ID)));
	json_object_set_new(item, "summary", str_or_null(db_col_text(s, COL_SUMMARY)));
	json_object_set_new(item, "detail", d ? d : json_null());
	json_object_set_new(item, "hash", str_or_null(db_col_text(s, COL_HASH)));
	g_free(when);
	return item;
}

/* Fetches one row more than LIMIT (clamped to 1..500) to learn whether another page follows. */
json_t *audit_query(DbConn *c, const AuditFilter *f, gint64 cursor, int limit, GError **err)
{
	GError *dberr = NULL;
	json_t *items = json_array();
	json_t *result = NULL;
	gint64 last_id = 0;
	DbStep st;
	DbStmt *s;

	limit = CLAMP(limit, 1, AUDIT_PAGE_MAX);
	s = filter_prepare(c, f, cursor, TRUE, limit + 1, err);
	if (s == NULL)
		goto out;
	while ((st = db_step(s, &dberr)) == DB_ROW && json_array_size(items) < (size_t)limit) {
		last_id = db_col_int(s, COL_ID);
		json_array_append_new(items, row_item(s));
	}
	if (st == DB_ERROR) {
		db_failed(err, dberr, "cannot read the audit trail");
		goto out;
	}
	/* st is DB_ROW only when the row after the page's last exists. */
	result = json_pack("{s:O,s:o}", "items", items, "next_cursor",
	                   st == DB_ROW ? json_integer(last_id) : json_null());
out:
	db_finish(s);
	json_decref(items);
	return result;
}

/* ---- CSV ------------------------------------------------------------------------------------ */

/*
 * Appends one CSV cell (RFC 4180) and its separator. A text cell that a spreadsheet would read
 * as a formula — starting with = + - @, a tab or a carriage return — gets a leading ' (the lone
 * placeholder "-" is left alone: it cannot be a formula). Quoted when it holds a comma, quote,
 * CR or LF; quotes doubled.
 */
static void csv_cell(GString *out, const char *v, gboolean last)
{
	gboolean guard, quote;

	if (v == NULL)
		v = "";
	guard = *v != '\0' && strchr("=+-@\t\r", *v) != NULL && strcmp(v, "-") != 0;
	quote = strpbrk(v, ",\"\r\n") != NULL;
	if (quote)
		g_string_append_c(out, '"');
	if (guard)
		g_string_append_c(out, '\'');
	for (; *v; v++) {
		if (*v == '"')
			g_string_append_c(out, '"');
		g_string_append_c(out, *v);
	}
	if (quote)
		g_string_append_c(out, '"');
	g_string_append(out, last ? "\r\n" : ",");
}

/* Builds the whole file in memory, row by row from one streaming query, oldest first. */
GBytes *audit_export_csv(DbConn *c, const AuditFilter *f, GError **err)
{
	GError *dberr = NULL;
	GString *out = g_string_new("\xEF\xBB\xBF");
	GBytes *bytes = NULL;
	DbStep st;
	DbStmt *s;

	for (gsize i = 0; i < G_N_ELEMENTS(export_cols); i++)
		csv_cell(out, export_cols[i].title, i + 1 == G_N_ELEMENTS(export_cols));
	s = filter_prepare(c, f, 0, FALSE, 0, err);
	if (s == NULL)
		goto out;
	while ((st = db_step(s, &dberr)) == DB_ROW) {
		char *when = at_text(db_col_int(s, COL_AT));

		g_string_append_printf(out, "%" G_GINT64_FORMAT ",", db_col_int(s, COL_ID));
		csv_cell(out, when, FALSE);
		csv_cell(out, db_col_text(s, COL_ACTOR), FALSE);
		csv_cell(out, db_col_text(s, COL_ADDRESS), FALSE);
		csv_cell(out, db_col_text(s, COL_ACTION), FALSE);
		csv_cell(out, db_col_text(s, COL_OBJECT_KIND), FALSE);
		csv_cell(out, db_col_text(s, COL_OBJECT_ID), FALSE);
		csv_cell(out, db_col_text(s, COL_SUMMARY), FALSE);
		csv_cell(out, db_col_text(s, COL_DETAIL), FALSE);
		csv_cell(out, db_col_text(s, COL_HASH), TRUE);
		g_free(when);
	}
	if (st == DB_ERROR) {
		db_failed(err, dberr, "cannot read the audit trail");
		goto out;
	}
	bytes = g_string_free_to_bytes(out);
	out = NULL;
out:
	db_finish(s);
	if (out != NULL)
		g_string_free(out, TRUE);
	return bytes;
}

/* ---- XLSX ----------------------------------------------------------------------------------- */

/* Writes text V (NULL: nothing) at ROW, COL, cut to Excel's cell limit. Strings are written as
 * strings, never as formulas, so no guard is needed here. */
static lxw_error xlsx_text(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *v)
{
	char *cut;
	lxw_error rc;

	if (v == NULL || *v == '\0')
		return LXW_NO_ERROR;
	if (g_utf8_strlen(v, -1) <= XLSX_CELL_MAX)
		return worksheet_write_string(ws, row, col, v, NULL);
	cut = g_utf8_substring(v, 0, XLSX_CELL_MAX);
	rc = worksheet_write_string(ws, row, col, cut, NULL);
	g_free(cut);
	return rc;
}

/*
 * Writes the workbook to a temporary file with libxlsxwriter in constant-memory mode (rows go to
 * disk as they are written), reads it back and removes it. More rows than one worksheet holds
 * is AUTH_ERROR_INVALID: narrow the filter.
 */
GBytes *audit_export_xlsx(DbConn *c, const AuditFilter *f, GError **err)
{
	GError *dberr = NULL;
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = (char *)g_get_tmp_dir()};
	lxw_workbook *wb = NULL;
	lxw_worksheet *ws;
	lxw_format *bold;
	lxw_error rc = LXW_NO_ERROR;
	lxw_row_t row = 0;
	GBytes *bytes = NULL;
	DbStmt *s = NULL;
	char *path = NULL, *data = NULL;
	gsize len;
	DbStep st;
	int fd;

	fd = g_file_open_tmp("mishu-audit-XXXXXX.xlsx", &path, NULL);
	if (fd < 0) {
		g_set_error_literal(err, AUTH_ERROR, AUTH_ERROR_DB,
		                    "cannot create a temporary file for the export");
		goto out;
	}
	close(fd);
	wb = workbook_new_opt(path, &opt);
	ws = wb ? workbook_add_worksheet(wb, "审计日志") : NULL;
	if (ws == NULL) {
		g_set_error_literal(err, AUTH_ERROR, AUTH_ERROR_DB, "cannot start the workbook");
		goto out;
	}
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	for (lxw_col_t i = 0; i < G_N_ELEMENTS(export_cols); i++) {
		worksheet_set_column(ws, i, i, export_cols[i].width, NULL);
		worksheet_write_string(ws, 0, i, export_cols[i].title, bold);
	}
	worksheet_freeze_panes(ws, 1, 0);

	s = filter_prepare(c, f, 0, FALSE, 0, err);
	if (s == NULL)
		goto out;
	while ((st = db_step(s, &dberr)) == DB_ROW) {
		char *when;

		if (++row >= XLSX_ROWS_MAX) {
			g_set_error_literal(
			    err, AUTH_ERROR, AUTH_ERROR_INVALID,
			    "too many entries for one spreadsheet: narrow the filter");
			goto out;
		}
		when = at_text(db_col_int(s, COL_AT));
		const char *cells[] = {
		    when,
		    db_col_text(s, COL_ACTOR),
		    db_col_text(s, COL_ADDRESS),
		    db_col_text(s, COL_ACTION),
		    db_col_text(s, COL_OBJECT_KIND),
		    db_col_text(s, COL_OBJECT_ID),
		    db_col_text(s, COL_SUMMARY),
		    db_col_text(s, COL_DETAIL),
		    db_col_text(s, COL_HASH),
		};
		rc = worksheet_write_number(ws, row, 0, (double)db_col_int(s, COL_ID), NULL);
		for (lxw_col_t col = 1; col <= G_N_ELEMENTS(cells) && rc == LXW_NO_ERROR; col++)
			rc = xlsx_text(ws, row, col, cells[col - 1]);
		g_free(when);
		if (rc != LXW_NO_ERROR) {
			g_set_error(err, AUTH_ERROR, AUTH_ERROR_DB, "cannot write the workbook: %s",
			            lxw_strerror(rc));
			goto out;
		}
	}
	if (st == DB_ERROR) {
		db_failed(err, dberr, "cannot read the audit trail");
		goto out;
	}
	g_clear_pointer(&s, db_finish);
	worksheet_autofilter(ws, 0, 0, row, G_N_ELEMENTS(export_cols) - 1);

	rc = workbook_close(wb);
	wb = NULL;
	if (rc != LXW_NO_ERROR) {
		g_set_error(err, AUTH_ERROR, AUTH_ERROR_DB, "cannot write the workbook: %s",
		            lxw_strerror(rc));
		goto out;
	}
	if (!g_file_get_contents(path, &data, &len, NULL)) {
		g_set_error_literal(err, AUTH_ERROR, AUTH_ERROR_DB,
		                    "cannot read the workbook back");
		goto out;
	}
	bytes = g_bytes_new_take(data, len);
out:
	db_finish(s);
	if (wb != NULL)
		workbook_close(wb); /* frees it; the half-written file is removed below */
	if (path != NULL)
		g_unlink(path);
	g_free(path);
	return bytes;
}
