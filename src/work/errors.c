/*
 * errors.c — how modules turn database failures into their own errors: a constraint violation
 * becomes the module's conflict (when it has one), anything else its "database unavailable"
 * with a fixed message, the details going to the log only. And the one-call queries of db.h
 * with that mapping applied.
 */
#include "work/work.h"

#include "core/core.h"

G_DEFINE_QUARK(mishu - work - error - quark, work_error)

void work_db_error(GError **err, GError *cause, GQuark domain, int db_code, int conflict_code)
{
	if (conflict_code >= 0 && cause && cause->domain == DB_ERROR_DOMAIN &&
	    cause->code == DB_ERROR_CONSTRAINT) {
		g_info("%s: constraint: %s", g_quark_to_string(domain), cause->message);
		g_clear_error(&cause);
		g_set_error_literal(
		    err, domain, conflict_code,
		    N_("Someone changed this at the same time; reload and try again."));
		return;
	}
	g_warning("%s: database: %s", g_quark_to_string(domain),
	          cause ? cause->message : "unknown error");
	g_clear_error(&cause);
	g_set_error_literal(err, domain, db_code,
	                    N_("The database is not available right now. Please try again later."));
}

json_t *work_rows_va(const WorkErrors *m, DbConn *c, GError **err, const char *sql,
                     const char *types, va_list ap)
{
	GError *e = NULL;
	json_t *rows = db_rows_va(c, &e, sql, types, ap);

	if (rows == NULL)
		work_db_error(err, e, m->domain, m->db_code, m->conflict_code);
	return rows;
}

gboolean work_run_va(const WorkErrors *m, DbConn *c, gint64 *out, GError **err, const char *sql,
                     const char *types, va_list ap)
{
	GError *e = NULL;

	if (db_run_va(c, out, &e, sql, types, ap))
		return TRUE;
	work_db_error(err, e, m->domain, m->db_code, m->conflict_code);
	return FALSE;
}

json_t *work_rows(const WorkErrors *m, DbConn *c, GError **err, const char *sql, const char *types,
                  ...)
{
	json_t *rows;
	va_list ap;

	va_start(ap, types);
	rows = work_rows_va(m, c, err, sql, types, ap);
	va_end(ap);
	return rows;
}

gboolean work_run(const WorkErrors *m, DbConn *c, gint64 *out, GError **err, const char *sql,
                  const char *types, ...)
{
	gboolean ok;
	va_list ap;

	va_start(ap, types);
	ok = work_run_va(m, c, out, err, sql, types, ap);
	va_end(ap);
	return ok;
}

json_t *work_query_rows(const WorkErrors *m, DbConn *c, const DbQuery *q, GError **err)
{
	GError *e = NULL;
	json_t *rows = db_query_rows(c, q, &e);

	if (rows == NULL)
		work_db_error(err, e, m->domain, m->db_code, m->conflict_code);
	return rows;
}

json_t *work_row(const WorkErrors *m, DbConn *c, GError **err, const char *missing, const char *sql,
                 const char *types, ...)
{
	json_t *rows, *one = NULL;
	va_list ap;

	va_start(ap, types);
	rows = work_rows_va(m, c, err, sql, types, ap);
	va_end(ap);
	if (rows && json_array_size(rows))
		one = json_incref(json_array_get(rows, 0));
	else if (rows)
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_NOT_FOUND, missing);
	json_decref(rows);
	return one;
}

gboolean work_fail_field(const WorkErrors *m, GError **err, const char **field, int code,
                         const char *name, const char *msgid)
{
	if (field)
		*field = name;
	g_set_error_literal(err, m->domain, code, msgid);
	return FALSE;
}

gboolean work_step_event(const WorkErrors *m, DbConn *c, gint64 item, const AuthUser *u,
                         const char *action, const char *from, const char *to, const char *opinion,
                         json_t *detail, GError **err)
{
	GError *e = NULL;

	if (work_item_event(c, item, u ? u->id : 0, u ? u->display_name : "-", action, from, to,
	                    opinion, detail, &e))
		return TRUE;
	work_db_error(err, e, m->domain, m->db_code, m->conflict_code);
	return FALSE;
}

gboolean work_step_grant(const WorkErrors *m, DbConn *c, gint64 item, gint64 user_id,
                         gint64 unit_id, const char *reason, GError **err)
{
	GError *e = NULL;

	if (work_item_grant(c, item, user_id, unit_id, reason, &e))
		return TRUE;
	work_db_error(err, e, m->domain, m->db_code, m->conflict_code);
	return FALSE;
}

gboolean work_op_in(const WorkErrors *m, DbConn *c, const AuthUser *u, const char *address,
                    const WorkOp *op, void *ctx, gint64 *id, json_t *detail, const char **field,
                    GError **err)
{
	GError *e = NULL;
	g_autofree char *oid = NULL, *summary = NULL, *action = NULL;
	json_t *title = NULL;
	AuditEntry a = {0};

	if (!op->fn(c, ctx, id, field, err))
		return FALSE;
	oid = g_strdup_printf("%" G_GINT64_FORMAT, *id);
	if (op->titled &&
	    (title = work_rows(m, c, err, "SELECT title FROM item WHERE id = ?", "i", *id)) == NULL)
		return FALSE;
	/* the summary reads in Chinese, the office's language: "公文·传阅：关于…的通知" */
	action = audit_action_label(op->action, CORE_LANG_ZH);
	summary = g_strdup_printf(
	    "%s：%s", action,
	    title ? json_string_value(json_object_get(json_array_get(title, 0), "title")) : oid);
	json_decref(title);
	a.actor_id = u ? u->id : 0; /* NULL: an anonymous reader (a portal comment) */
	a.actor = u ? u->username : "-";
	a.address = address ? address : "-";
	a.action = op->action;
	a.object_kind = op->object_kind;
	a.object_id = oid;
	a.summary = summary;
	a.detail = detail;
	if (!audit_append(c, &a, &e)) {
		work_db_error(err, e, m->domain, m->db_code, m->conflict_code);
		return FALSE;
	}
	return TRUE;
}

gboolean work_op_run(const WorkErrors *m, Db *db, const AuthUser *u, const char *address,
                     const WorkOp *op, void *ctx, gint64 *id, json_t *detail, const char **field,
                     GError **err)
{
	GError *e = NULL;
	DbConn *c = db_conn(db, &e);

	if (c == NULL || !db_begin(c, TRUE, &e)) {
		work_db_error(err, e, m->domain, m->db_code, m->conflict_code);
		return FALSE;
	}
	if (!work_op_in(m, c, u, address, op, ctx, id, detail, field, err))
		goto fail;
	if (!db_commit(c, &e)) {
		work_db_error(err, e, m->domain, m->db_code, m->conflict_code);
		goto fail;
	}
	return TRUE;
fail:
	db_rollback(c);
	return FALSE;
}
