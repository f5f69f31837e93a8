/*
 * db_query.c — statements put together from parts that each bind their own parameters (DbQuery,
 * db.h): every part's placeholders are renumbered past those of the parts before it (db_sql.c),
 * and its values kept, in parameter order, until the statement is prepared.
 */
#define G_LOG_DOMAIN "mishu-db"

#include "db/db_backend.h"

#include <stdarg.h>
#include <string.h>

/* One bound value: type 'i' or 's'. */
typedef struct {
	char type;
	gint64 i;
	char *s; /* owned; NULL binds SQL NULL */
} Value;

struct DbQuery {
	GString *sql;   /* every parameter numbered ?1 … */
	GArray *values; /* Value, value k binds parameter k + 1 */
	gboolean where; /* a WHERE has been written */
	GError *error;  /* the first mistake made building the query */
};

static void value_clear(gpointer p)
{
	g_free(((Value *)p)->s);
}

DbQuery *db_query_new(const char *sql)
{
	DbQuery *q = g_new0(DbQuery, 1);

	q->sql = g_string_new(NULL);
	q->values = g_array_new(FALSE, TRUE, sizeof(Value));
	g_array_set_clear_func(q->values, value_clear);
	if (sql)
		db_query_add(q, sql, NULL);
	return q;
}

void db_query_free(DbQuery *q)
{
	if (q == NULL)
		return;
	g_string_free(q->sql, TRUE);
	g_array_unref(q->values);
	g_clear_error(&q->error);
	g_free(q);
}

/*
 * Appends PRE and the fragment SQL (then POST) to Q with its parameters moved past Q's, and
 * takes their values from AP as TYPES says.  A mistake is kept in q->error (the first one) and
 * leaves Q's SQL and values as they were.
 */
static void add_va(DbQuery *q, const char *pre, const char *sql, const char *post,
                   const char *types, va_list ap)
{
	int offset = (int)q->values->len, n = 0;
	gsize ntypes = types ? strlen(types) : 0;
	g_autofree char *text = NULL;
	GError *e = NULL;

	if (q->error)
		return;
	text = db_sql_renumber(sql, '?', offset, &n, &e);
	if (text && ntypes != (gsize)n)
		e = g_error_new(DB_ERROR_DOMAIN, DB_ERROR_MISUSE,
		                "“%s” has %d parameters but the types “%s” bind %" G_GSIZE_FORMAT,
		                sql, n, types ? types : "", ntypes);
	else if (text && offset + n > DB_PARAM_NUMBERED_MAX)
		e = g_error_new(DB_ERROR_DOMAIN, DB_ERROR_MISUSE,
		                "a query has more than " G_STRINGIFY(
		                    DB_PARAM_NUMBERED_MAX) " parameters: “%s%s”",
		                q->sql->str, sql);
	for (gsize k = 0; e == NULL && k < ntypes; k++) {
		Value v = {types[k], 0, NULL};

		if (types[k] == 'i')
			v.i = va_arg(ap, gint64);
		else if (types[k] == 's')
			v.s = g_strdup(va_arg(ap, const char *));
		else
			e = g_error_new(DB_ERROR_DOMAIN, DB_ERROR_MISUSE,
			                "unknown parameter type '%c' for “%s”", types[k], sql);
		if (e == NULL)
			g_array_append_val(q->values, v);
	}
	if (e) {
		g_array_set_size(q->values, (guint)offset);
		q->error = e;
		return;
	}
	g_string_append(q->sql, pre);
	g_string_append(q->sql, text);
	g_string_append(q->sql, post);
}

void db_query_add(DbQuery *q, const char *sql, const char *types, ...)
{
	va_list ap;

	va_start(ap, types);
	add_va(q, "", sql, "", types, ap);
	va_end(ap);
}

void db_query_where(DbQuery *q, const char *cond, const char *types, ...)
{
	gboolean first = !q->where;
	va_list ap;

	va_start(ap, types);
	add_va(q, first ? " WHERE (" : " AND (", cond, ")", types, ap);
	va_end(ap);
	if (q->error == NULL)
		q->where = TRUE;
}

void db_query_limit(DbQuery *q, int n)
{
	g_string_append_printf(q->sql, " LIMIT %d", n);
}

const char *db_query_sql(const DbQuery *q)
{
	return q->sql->str;
}

DbStmt *db_query_prepare(DbConn *c, const DbQuery *q, GError **err)
{
	DbStmt *s;

	if (q->error) {
		g_propagate_error(err, g_error_copy(q->error));
		return NULL;
	}
	s = db_prepare(c, q->sql->str, err);
	for (guint k = 0; s && k < q->values->len; k++) {
		const Value *v = &g_array_index(q->values, Value, k);

		if (v->type == 'i')
			db_bind_int(s, (int)k + 1, v->i);
		else if (v->s)
			db_bind_text(s, (int)k + 1, v->s);
		else
			db_bind_null(s, (int)k + 1);
	}
	return s;
}

json_t *db_query_rows(DbConn *c, const DbQuery *q, GError **err)
{
	g_autoptr(DbStmt) s = db_query_prepare(c, q, err);
	json_t *rows;
	DbStep st;

	if (s == NULL)
		return NULL;
	rows = json_array();
	while ((st = db_step(s, err)) == DB_ROW)
		json_array_append_new(rows, db_row_json(s));
	if (st == DB_DONE)
		return rows;
	json_decref(rows);
	return NULL;
}
