/*
 * docs_read.c — reading documents: one with everything around it (recipients, attachments,
 * readers, cosigners, instructions, history, the steps the caller may take), lists with
 * filters for the inbox and the outgoing list, the circulation board, and the counters of the
 * dashboard. Every read goes through the visibility of items (auth_item_access,
 * auth_item_filter).
 */
#define G_LOG_DOMAIN "mishu-docs"

#include "docs/docs_internal.h"
#include "work/flow.h"
#include "core/core.h"
#include "work/work.h"

#include <string.h>

/* A document's columns; every reference carries its code or username and its id (CONTRACT.md). */
#define DOC_COLUMNS                                                                                \
	"i.id, i.kind, i.title, i.status, i.secrecy, i.created_at, i.updated_at, i.created_by, "   \
	"coalesce(i.workflow_version, 1) AS workflow_version, i.state_due_at, "                    \
	"cu.display_name AS created_by_name, cu.username AS created_by_username, d.direction, "    \
	"d.doc_type, d.body, d.urgency, d.disclosure, d.deadline, dm.code AS domain_code, "        \
	"dm.name AS domain_name, dm.code AS domain, d.domain_id, s.prefix AS series, "             \
	"s.issuer_name AS issuer_name, s.scope AS "                                                \
	"series_scope, d.number, d.signer_id, su.display_name AS signer_name, su.username AS "     \
	"signer_username, d.signed_on, d.sign_opinion, d.sender, d.sender_number, d.copies, "      \
	"d.received_on, d.reg_number, d.origin, d.proposal, hu.code AS handler_unit, "             \
	"d.handler_unit_id, hu.name AS handler_unit_name, hd.name AS handler_department, "         \
	"hd.code AS handler_department_code, d.handler_department_id, d.circulation_mode, "        \
	"d.holder_id, ho.display_name AS holder_name, ho.username AS holder_username, "            \
	"d.held_since, d.made_from, mi.kind AS made_from_kind, mi.title AS made_from_title, "      \
	"d.print_model FROM item i JOIN document d ON d.item_id = i.id LEFT JOIN item mi ON "      \
	"mi.id = d.made_from LEFT JOIN domain dm ON "                                              \
	"dm.id = d.domain_id LEFT JOIN doc_series s ON s.id = d.series_id LEFT JOIN "              \
	"user_account cu ON cu.id = i.created_by LEFT JOIN user_account su ON su.id = "            \
	"d.signer_id LEFT JOIN unit hu ON hu.id = d.handler_unit_id LEFT JOIN department hd ON "   \
	"hd.id = d.handler_department_id LEFT JOIN user_account ho ON ho.id = d.holder_id "

/* Replaces the JSON text in KEY of O by the value it holds (or null). */
static void parse_json_field(json_t *o, const char *key)
{
	const char *t = json_string_value(json_object_get(o, key));

	json_object_set_new(o, key, t ? json_loads(t, 0, NULL) : json_null());
	if (json_object_get(o, key) == NULL)
		json_object_set_new(o, key, json_null());
}

/* Adds the list KEY to DOC from SQL (one parameter: the item id); FALSE on failure. */
static gboolean attach(DbConn *c, json_t *doc, const char *key, const char *sql, gint64 id,
                       GError **err)
{
	json_t *rows = docs_rows(c, err, sql, "i", id);

	if (rows == NULL)
		return FALSE;
	json_object_set_new(doc, key, rows);
	return TRUE;
}

/* Adds "main_to" and "cc_to" (docs_recipients_list) and their lines "main_to_text" and
 * "cc_to_text" to DOC; FALSE on failure. */
static gboolean recipients_attach(DbConn *c, json_t *doc, gint64 id, GError **err)
{
	static const char *const kinds[][2] = {{"main", "main_to"}, {"cc", "cc_to"}};

	for (gsize k = 0; k < G_N_ELEMENTS(kinds); k++) {
		json_t *list = docs_recipients_list(c, id, kinds[k][0], err);
		g_autofree char *key = g_strconcat(kinds[k][1], "_text", NULL), *text = NULL;
		if (list == NULL)
			return FALSE;
		text = docs_recipients_text(list);
		json_object_set_new(doc, key, json_string(text));
		json_object_set_new(doc, kinds[k][1], list);
	}
	return TRUE;
}

json_t *docs_facts(DbConn *c, gint64 id, GError **err)
{
	g_autoptr(json_t) rows =
	    docs_rows(c, err,
	              "SELECT i.title, d.number, d.reg_number, d.urgency, d.direction FROM item i "
	              "JOIN document d ON d.item_id = i.id WHERE i.id = ?",
	              "i", id);
	json_t *f, *v;
	const char *key;
	void *tmp;

	if (rows == NULL || (f = json_array_get(rows, 0)) == NULL)
		return rows ? json_object() : NULL;
	json_incref(f);
	if (g_strcmp0(json_string_value(json_object_get(f, "direction")), "outgoing") == 0 &&
	    !recipients_attach(c, f, id, err)) {
		json_decref(f);
		return NULL;
	}
	json_object_del(f, "direction");
	json_object_del(f, "main_to");
	json_object_del(f, "cc_to");
	json_object_foreach_safe (f, tmp, key, v)
		if (json_is_null(v) || g_strcmp0(json_string_value(v), "") == 0 ||
		    g_strcmp0(json_string_value(v), "none") == 0)
			json_object_del(f, key);
	return f;
}

json_t *docs_load(DbConn *c, const AuthUser *u, gint64 id, GError **err)
{
	GError *e = NULL;
	json_t *rows, *doc, *history, *actions = NULL, *steps, *next;

	if (auth_item_access(c, u, id, &e) != AUTH_ITEM_ALLOWED) {
		if (e) {
			docs_error_from_db(err, e);
			return NULL;
		}
		/* a document one may not see does not exist for them */
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
		                    N_("There is no such document."));
		return NULL;
	}
	if ((rows = docs_rows(c, err, "SELECT " DOC_COLUMNS "WHERE i.id = ?", "i", id)) == NULL)
		return NULL;
	if (json_array_size(rows) == 0) {
		json_decref(rows);
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
		                    N_("There is no such document."));
		return NULL;
	}
	doc = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	parse_json_field(doc, "proposal");
	parse_json_field(doc, "print_model");
	if (!recipients_attach(c, doc, id, err) ||
	    !attach(c, doc, "attachments",
	            "SELECT id, filename, content_type, size, sha256, created_at FROM "
	            "doc_attachment WHERE item_id = ? ORDER BY id",
	            id, err) ||
	    !attach(c, doc, "readers",
	            "SELECT r.user_id, u.username, u.display_name AS name, u.title, r.position, "
	            "r.sent_at, r.read_at, r.comment FROM doc_reader r JOIN user_account u ON "
	            "u.id = r.user_id WHERE r.item_id = ? ORDER BY r.position",
	            id, err) ||
	    !attach(
	        c, doc, "cosigners",
	        "SELECT g.id, n.code AS unit, g.unit_id, n.name AS unit_name, g.user_id, "
	        "u.username, u.display_name AS name, g.signed_by, s.username AS "
	        "signed_by_username, s.display_name AS signed_by_name, g.opinion, g.signed_at "
	        "FROM doc_cosign g "
	        "LEFT JOIN unit n ON n.id = g.unit_id LEFT JOIN user_account u ON u.id = g.user_id "
	        "LEFT JOIN user_account s ON s.id = g.signed_by WHERE g.item_id = ? ORDER BY g.id",
	        id, err) ||
	    !attach(
	        c, doc, "instructions",
	        /* a paper or oral 批示 is the leader's, entered by the office (form, source) */
	        "SELECT n.id, n.user_id, u.username, n.leader_id, COALESCE(l.name, "
	        "u.display_name) AS leader_name, l.title AS leader_title, n.text, n.requirements, "
	        "n.given_on, n.created_at, n.form, n.source_who, n.source_ref, n.deadline, "
	        "n.deadline_days, CASE n.form WHEN 'oral' THEN 1 ELSE 0 END AS is_oral, CASE "
	        "n.form WHEN 'paper' THEN 1 ELSE 0 END AS is_paper FROM "
	        "instruction n JOIN user_account u ON u.id = n.user_id LEFT JOIN leader l ON "
	        "l.id = n.leader_id WHERE n.item_id = ? ORDER BY n.id",
	        id, err) ||
	    (history = work_item_history(c, id, &e)) == NULL) {
		if (e)
			docs_error_from_db(err, e);
		json_decref(doc);
		return NULL;
	}
	json_object_set_new(doc, "history", history);
	if (json_integer_value(json_object_get(doc, "held_since")) > 0)
		json_object_set_new(doc, "held_for_seconds",
		                    json_integer(core_now() - json_integer_value(json_object_get(
		                                                  doc, "held_since"))));
	/* the steps from here, each allowed or not and why (who may), and the allowed codes */
	if ((steps = work_flow_steps(c, u, id, &actions, err)) == NULL) {
		json_decref(doc);
		return NULL;
	}
	json_object_set_new(doc, "actions", actions);
	json_object_set_new(doc, "steps", steps);
	/* who acts next, by name (the signer, the reader whose turn it is …) */
	if ((next = work_flow_next_actors(c, id, core_lang_current(), err)) == NULL) {
		json_decref(doc);
		return NULL;
	}
	json_object_set_new(doc, "next_actors", next);
	return doc;
}

/* A document still in hand: not yet at an end of its workflow (the dashboard's counters and
 * the list's ?open=1 read the same words). */
#define OPEN_INCOMING "i.status NOT IN ('completed', 'archived', 'returned')"
#define OPEN_OUTGOING "i.status NOT IN ('distributed', 'archived', 'voided')"

json_t *docs_list(DbConn *c, const AuthUser *u, const DocsFilter *f, GError **err)
{
	g_autoptr(DbQuery) q = db_query_new("SELECT " DOC_COLUMNS);
	json_t *rows, *r;
	size_t i;

	auth_item_filter(q, u);
	/* a document distributed to the caller's unit is incoming for them */
	if (f->direction)
		db_query_where(
		    q,
		    "d.direction = ?1 OR (?1 = 'incoming' AND EXISTS (SELECT 1 FROM "
		    "item_access a WHERE a.item_id = i.id AND a.reason = 'distributed' AND "
		    "a.unit_id = NULLIF(?2, 0)))",
		    "si", f->direction, u->unit_id);
	if (f->status)
		db_query_where(q, "i.status = ?", "s", f->status);
	if (f->open)
		db_query_where(q,
		               "(d.direction = 'incoming' AND " OPEN_INCOMING
		               ") OR (d.direction = 'outgoing' AND " OPEN_OUTGOING ")",
		               NULL);
	if (f->domain)
		db_query_where(q, "dm.code = ?", "s", f->domain);
	if (f->doc_type)
		db_query_where(q, "d.doc_type = ?", "s", f->doc_type);
	if (f->q && *f->q) {
		GString *p = g_string_new("%");
		for (const char *s = f->q; *s; s++) {
			if (*s == '%' || *s == '_' || *s == '\\')
				g_string_append_c(p, '\\');
			g_string_append_c(p, *s);
		}
		g_string_append_c(p, '%');
		db_query_where(q,
		               "i.title LIKE ?1 ESCAPE '\\' OR d.number LIKE ?1 ESCAPE '\\' OR "
		               "d.reg_number LIKE ?1 ESCAPE '\\' OR d.sender LIKE ?1 ESCAPE '\\'",
		               "s", p->str);
		g_string_free(p, TRUE);
	}
	if (f->before != 0)
		db_query_where(q, "i.id < ?", "i", f->before);
	if (f->mine)
		db_query_where(
		    q,
		    "d.holder_id = ?1 OR EXISTS (SELECT 1 FROM doc_reader r WHERE r.item_id "
		    "= i.id AND r.user_id = ?1 AND r.read_at IS NULL AND r.sent_at IS NOT "
		    "NULL)",
		    "i", u->id);
	db_query_add(q, " ORDER BY i.id DESC", NULL);
	db_query_limit(q, CLAMP(f->limit, 1, 200));
	rows = docs_query_rows(c, q, err);
	json_array_foreach (rows, i, r) {
		json_object_del(r, "body");
		json_object_del(r, "proposal");
	}
	return rows;
}

json_t *docs_board(DbConn *c, GError **err)
{
	return docs_rows(
	    c, err,
	    "SELECT i.id, i.title, d.reg_number, d.number, d.circulation_mode, u.display_name AS "
	    "holder_name, r.user_id, ru.display_name AS reader_name, r.sent_at, r.position, "
	    "(SELECT count(*) FROM doc_reader x WHERE x.item_id = i.id AND x.read_at IS NOT "
	    "NULL) AS read_count, (SELECT count(*) FROM doc_reader x WHERE x.item_id = i.id) AS "
	    "reader_count FROM item i JOIN document d ON d.item_id = i.id JOIN doc_reader r ON "
	    "r.item_id = i.id AND r.read_at IS NULL AND r.sent_at IS NOT NULL JOIN user_account "
	    "ru ON ru.id = r.user_id LEFT JOIN user_account u ON u.id = d.holder_id WHERE "
	    "i.status = 'circulating' ORDER BY r.sent_at, i.id",
	    NULL);
}

json_t *docs_counters(DbConn *c, const AuthUser *u, GError **err)
{
	const char *keys[] = {"incoming_open", "outgoing_open", "circulating", "to_read"};
	g_autoptr(DbQuery) q = db_query_new(NULL);
	json_t *rows, *out;

	db_query_add(
	    q,
	    "SELECT sum(CASE WHEN d.direction = 'incoming' AND " OPEN_INCOMING
	    " THEN 1 ELSE 0 END) AS incoming_open, sum(CASE WHEN d.direction = 'outgoing' "
	    "AND " OPEN_OUTGOING
	    " THEN 1 ELSE 0 END) AS outgoing_open, sum(CASE WHEN i.status = 'circulating' THEN 1 "
	    "ELSE 0 END) AS circulating, sum(CASE WHEN EXISTS (SELECT 1 FROM doc_reader r WHERE "
	    "r.item_id = i.id AND r.user_id = ? AND r.read_at IS NULL AND r.sent_at IS NOT "
	    "NULL) THEN 1 ELSE 0 END) AS to_read FROM item i JOIN document d ON d.item_id = i.id",
	    "i", u->id);
	auth_item_filter(q, u);
	rows = docs_query_rows(c, q, err);

	if (rows == NULL)
		return NULL;
	out = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	for (gsize k = 0; k < G_N_ELEMENTS(keys); k++)
		if (!json_is_integer(json_object_get(out, keys[k])))
			json_object_set_new(out, keys[k], json_integer(0));
	return out;
}
