/*
 * docs_made.c — outgoing documents made from another item's approved text, such as a meeting's
 * 纪要 (src/meet/meet_minutes.c). Whoever makes one fixes its text, its number and its print
 * model (for a 纪要 the 纪要标志, the 期数 and the 出席 / 请假 / 列席 lists of GB/T 9704 §10.3).
 * The approval the text already has stands for 签发, so the step 'issue' registers the document
 * with that number at once; printing, distribution (核发), receipt (签收), archiving and voiding
 * then follow the documents' own rules and steps.
 */
#define G_LOG_DOMAIN "mishu-docs"

#include "docs/docs_internal.h"
#include "core/core.h"
#include "work/flow.h"

/* The step 'issue' is offered only for a document made from another item. */
static gboolean made_elsewhere(WorkStep *x)
{
	return json_integer_value(json_object_get(x->row, "made_from")) != 0;
}

/* 登记: the number, the one who approved the text and the day, as the print model fixed them
 * when the document was made. */
static gboolean issue(WorkStep *x, GError **err)
{
	g_autoptr(json_t) rows =
	    docs_rows(x->c, err, "SELECT print_model FROM document WHERE item_id = ?", "i", x->id);
	g_autoptr(json_t) model = NULL;
	const char *number, *day, *approval, *text;

	if (rows == NULL)
		return FALSE;
	text = json_string_value(json_object_get(json_array_get(rows, 0), "print_model"));
	model = text ? json_loads(text, 0, NULL) : NULL;
	number = json_string_value(json_object_get(model, "doc_number"));
	day = json_string_value(json_object_get(model, "signed_on"));
	approval = json_string_value(json_object_get(model, "approval"));
	if (number == NULL || day == NULL)
		return docs_fail_field(
		    err, x->field, WORK_ERROR_STATE, NULL,
		    N_("Only a document made from an approved text is registered "
		       "without review and signature."));
	json_object_set_new(x->detail, "number", json_string(number));
	return docs_exec(x->c, NULL, err,
	                 "UPDATE document SET number = ?, signer_id = NULLIF(?, 0), signed_on = ?, "
	                 "sign_opinion = ? WHERE item_id = ? AND number IS NULL",
	                 "sissi", number,
	                 (gint64)json_integer_value(json_object_get(model, "signer_id")), day,
	                 approval ? approval : "", x->id);
}

void docs_made_register(void)
{
	work_flow_offer("docs.made_elsewhere", made_elsewhere);
	work_flow_hook("docs.issue", issue);
}

gboolean docs_make(DbConn *c, const AuthUser *u, json_t *obj, gint64 from, json_t *print,
                   gint64 *id, const char **field, GError **err)
{
	g_autoptr(json_t) none = json_object();
	g_autofree char *model = NULL;
	gint64 made = 0;

	if (!docs_exec(c, &made, err, "SELECT item_id FROM document WHERE made_from = ?", "i",
	               from))
		return FALSE;
	if (made)
		return docs_fail_field(err, field, WORK_ERROR_CONFLICT, NULL,
		                       N_("A document has already been made from it."));
	if (!json_is_string(json_object_get(print, "doc_number")) ||
	    !json_is_string(json_object_get(print, "signed_on"))) {
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_STATE,
		                    N_("The text has not been approved yet."));
		return FALSE;
	}
	json_object_set_new(obj, "direction", json_string("outgoing"));
	model = json_dumps(print, JSON_COMPACT);
	return docs_create(c, u, obj, id, field, err) &&
	       docs_exec(c, NULL, err,
	                 "UPDATE document SET made_from = ?, print_model = ? WHERE item_id = ?",
	                 "isi", from, model, *id) &&
	       docs_act(c, u, *id, "issue", none, field, err);
}

json_t *docs_made_from(DbConn *c, gint64 from, GError **err)
{
	g_autoptr(json_t) rows =
	    docs_rows(c, err,
	              "SELECT i.id, i.status, i.title, d.number FROM document d JOIN item i ON "
	              "i.id = d.item_id WHERE d.made_from = ?",
	              "i", from);
	json_t *doc;

	if (rows == NULL)
		return NULL;
	doc = json_array_get(rows, 0);
	return doc ? json_incref(doc) : json_null();
}
