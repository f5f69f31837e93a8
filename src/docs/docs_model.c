/*
 * docs_model.c — the document as data: its vocabulary (文种, secrecy, urgency, disclosure),
 * creating one (a draft, or a registered incoming document with its 收文编号), and reading one
 * back with everything around it. The workflow steps are in docs_flow.c.
 */
#define G_LOG_DOMAIN "mishu-docs"

#include "docs/docs_internal.h"
#include "work/flow.h"
#include "core/core.h"
#include "org/org.h"
#include "work/work.h"

#include <string.h>

/* The 15 types of 《党政机关公文处理工作条例》 art. 8, in its order. */
const char *const docs_types[] = {"决议", "决定", "命令（令）", "公报", "公告", "通告",
                                  "意见", "通知", "通报",       "报告", "请示", "批复",
                                  "议案", "函",   "纪要",       NULL};

gboolean docs_type_valid(const char *t)
{
	for (gsize i = 0; t && docs_types[i]; i++)
		if (strcmp(t, docs_types[i]) == 0)
			return TRUE;
	return FALSE;
}

static const char *const secrecy[][2] = {
    {"public", "公开"},       {"internal", "内部"},   {"secret", "秘密"},
    {"confidential", "机密"}, {"top_secret", "绝密"},
};

const char *docs_secrecy_code(const char *text)
{
	for (gsize i = 0; text && i < G_N_ELEMENTS(secrecy); i++)
		if (strcmp(text, secrecy[i][0]) == 0 || strcmp(text, secrecy[i][1]) == 0)
			return secrecy[i][0];
	return NULL;
}

gboolean docs_secrecy_classified(const char *code)
{
	return code && (strcmp(code, "secret") == 0 || strcmp(code, "confidential") == 0 ||
	                strcmp(code, "top_secret") == 0);
}

gboolean docs_classified_network(DbConn *c)
{
	g_autoptr(GError) e = NULL;
	json_t *rows =
	    db_rows(c, &e, "SELECT value FROM setting WHERE key = 'classified_network'", NULL);
	gboolean yes =
	    rows && json_array_size(rows) &&
	    g_strcmp0(json_string_value(json_object_get(json_array_get(rows, 0), "value")), "1") ==
	        0;

	json_decref(rows);
	return yes;
}

/* ---- helpers ------------------------------------------------------------------------------ */

/* ---- creating ----------------------------------------------------------------------------- */

/* The text field NAME of OBJ (NULL when absent) if it has at most MAX characters. */
static gboolean text_of(json_t *obj, const char *name, glong max, const char **out,
                        const char **field, GError **err)
{
	json_t *v = json_object_get(obj, name);

	*out = NULL;
	if (v == NULL || json_is_null(v))
		return TRUE;
	if (!json_is_string(v))
		return docs_fail_field(err, field, WORK_ERROR_INVALID, name,
		                       N_("This field must be text."));
	if (g_utf8_strlen(json_string_value(v), -1) > max)
		return work_fail_too_long(WORK_ERRORS, err, field, WORK_ERROR_INVALID, name, max);
	*out = json_string_value(v);
	return TRUE;
}

/* TRUE unless incoming document ITEM was received after DEADLINE (a new 办理时限): then FALSE
 * with ERR naming both dates. */
static gboolean deadline_after_receipt(DbConn *c, gint64 item, const char *deadline,
                                       const char **field, GError **err)
{
	g_autoptr(json_t) rows =
	    docs_rows(c, err, "SELECT received_on FROM document WHERE item_id = ?", "i", item);

	return rows && work_check_order(WORK_ERRORS, err, field, WORK_ERROR_INVALID, "received_on",
	                                json_string_value(json_object_get(json_array_get(rows, 0),
	                                                                  "received_on")),
	                                "deadline", deadline);
}

/*
 * Validates and stores the editable fields of document ITEM from OBJ (only those present, or
 * all required ones when CREATING): title, doc_type, domain, body, secrecy, urgency, disclosure,
 * deadline, series, main_to, cc_to. Reindexes the text for search.
 */
static gboolean fields_store(DbConn *c, gint64 item, json_t *obj, gboolean creating,
                             const char **field, GError **err)
{
	const char *title, *type, *body, *sec, *urg, *dis, *deadline, *series;
	json_t *domain = json_object_get(obj, "domain");
	gint64 domain_id = 0, series_id = 0;

	if (json_is_null(domain)) /* null leaves the domain as it is; "" clears it */
		domain = NULL;
	if (!text_of(obj, "title", 200, &title, field, err) ||
	    !text_of(obj, "doc_type", 10, &type, field, err) ||
	    !text_of(obj, "body", 200000, &body, field, err) ||
	    !text_of(obj, "secrecy", 12, &sec, field, err) ||
	    !text_of(obj, "urgency", 12, &urg, field, err) ||
	    !text_of(obj, "disclosure", 12, &dis, field, err) ||
	    !text_of(obj, "deadline", 10, &deadline, field, err) ||
	    !text_of(obj, "series", 20, &series, field, err))
		return FALSE;
	if ((creating || title) && (title == NULL || g_utf8_strlen(title, -1) < 2))
		return docs_fail_field(err, field, WORK_ERROR_INVALID, "title",
		                       N_("Give the document a title of 2 to 200 characters."));
	if ((creating || type) && !docs_type_valid(type))
		return docs_fail_field(err, field, WORK_ERROR_INVALID, "doc_type",
		                       N_("Choose one of the 15 document types (文种)."));
	if (sec && docs_secrecy_code(sec) == NULL)
		return docs_fail_field(err, field, WORK_ERROR_INVALID, "secrecy",
		                       N_("The secrecy is 公开 (public) or 内部 (internal)."));
	if (sec && docs_secrecy_classified(docs_secrecy_code(sec)) && !docs_classified_network(c))
		return docs_fail_field(err, field, WORK_ERROR_CLASSIFIED, "secrecy",
		                       N_("This platform is not a classified network: documents "
		                          "marked 秘密, 机密 or 绝密 must not be entered here."));
	if (urg && strcmp(urg, "none") && strcmp(urg, "urgent") && strcmp(urg, "very_urgent") &&
	    strcmp(urg, "加急") && strcmp(urg, "特急") && *urg)
		return docs_fail_field(
		    err, field, WORK_ERROR_INVALID, "urgency",
		    N_("The urgency is 特急 (very_urgent), 加急 (urgent) or none."));
	if (dis && strcmp(dis, "public") && strcmp(dis, "on_request") && strcmp(dis, "none"))
		return docs_fail_field(err, field, WORK_ERROR_INVALID, "disclosure",
		                       N_("The disclosure is public, on_request or none."));
	if (deadline && *deadline && !core_date_valid(deadline))
		return docs_fail_field(err, field, WORK_ERROR_INVALID, "deadline",
		                       N_("Write the date as YYYY-MM-DD."));
	if (deadline && *deadline && !creating &&
	    !deadline_after_receipt(c, item, deadline, field, err))
		return FALSE;
	if (!work_ref_resolve(WORK_ERRORS, WORK_ERROR_INVALID, c, WORK_REF_DOMAIN, "domain", domain,
	                      &domain_id, field, err))
		return FALSE;
	if (series && *series) {
		if (!docs_exec(c, &series_id, err,
		               "SELECT id FROM doc_series WHERE prefix = ? AND active = 1", "s",
		               series))
			return FALSE;
		if (series_id == 0)
			return docs_fail_field(err, field, WORK_ERROR_INVALID, "series",
			                       N_("There is no such series (机关代字)."));
	}
#define SET(col, type, ...)                                                                        \
	docs_exec(c, NULL, err, "UPDATE document SET " col " = ? WHERE item_id = ?", type,         \
	          __VA_ARGS__, item)
	if ((type && !SET("doc_type", "si", type)) ||
	    (domain && !docs_exec(c, NULL, err,
	                          "UPDATE document SET domain_id = NULLIF(?, 0) WHERE item_id = ?",
	                          "ii", domain_id, item)) ||
	    (body && !SET("body", "si", body)) ||
	    (urg && !SET("urgency", "si",
	                 strcmp(urg, "特急") == 0   ? "very_urgent"
	                 : strcmp(urg, "加急") == 0 ? "urgent"
	                 : *urg                     ? urg
	                                            : "none")) ||
	    (dis && !SET("disclosure", "si", dis)) ||
	    (deadline &&
	     !docs_exec(c, NULL, err,
	                "UPDATE document SET deadline = NULLIF(?, '') WHERE item_id = ?", "si",
	                deadline, item)) ||
	    (series && !docs_exec(c, NULL, err,
	                          "UPDATE document SET series_id = NULLIF(?, 0) WHERE item_id = ?",
	                          "ii", series_id, item)) ||
	    (title && !docs_exec(c, NULL, err, "UPDATE item SET title = ? WHERE id = ?", "si",
	                         title, item)) ||
	    (sec && !docs_exec(c, NULL, err, "UPDATE item SET secrecy = ? WHERE id = ?", "si",
	                       docs_secrecy_code(sec), item)))
		return FALSE;
#undef SET
	if (!docs_recipients_store(c, item, json_object_get(obj, "main_to"), "main", "main_to",
	                           field, err) ||
	    !docs_recipients_store(c, item, json_object_get(obj, "cc_to"), "cc", "cc_to", field,
	                           err))
		return FALSE;
	{
		json_t *t = docs_rows(c, err,
		                      "SELECT i.title, d.body FROM item i JOIN document d ON "
		                      "d.item_id = i.id WHERE i.id = ?",
		                      "i", item);
		GError *e = NULL;
		gboolean ok = t != NULL;
		if (ok &&
		    !work_search_index(
		        c, item, json_string_value(json_object_get(json_array_get(t, 0), "title")),
		        json_string_value(json_object_get(json_array_get(t, 0), "body")), &e)) {
			docs_error_from_db(err, e);
			ok = FALSE;
		}
		json_decref(t);
		return ok;
	}
}

/* Registers incoming document ITEM: sender, sender_number, copies, received_on, origin, and the
 * gapless 收文编号 for the year received. */
static gboolean register_incoming(DbConn *c, gint64 item, json_t *obj, const char **field,
                                  GError **err)
{
	const char *sender, *number, *received, *origin;
	json_t *copies = json_object_get(obj, "copies");
	g_autofree char *today = core_today(), *reg = NULL;
	gint64 n = 0;
	GError *e = NULL;

	if (!text_of(obj, "sender", 100, &sender, field, err) ||
	    !text_of(obj, "sender_number", 60, &number, field, err) ||
	    !text_of(obj, "received_on", 10, &received, field, err) ||
	    !text_of(obj, "origin", 10, &origin, field, err))
		return FALSE;
	if (sender == NULL || *sender == '\0')
		return docs_fail_field(err, field, WORK_ERROR_INVALID, "sender",
		                       N_("Give the sending organ (来文机关)."));
	if (received && !core_date_valid(received))
		return docs_fail_field(err, field, WORK_ERROR_INVALID, "received_on",
		                       N_("Write the date as YYYY-MM-DD."));
	if (origin && *origin && strcmp(origin, "higher"))
		return docs_fail_field(
		    err, field, WORK_ERROR_INVALID, "origin",
		    N_("The origin is 'higher' (a higher committee) or absent."));
	if (copies && (!json_is_integer(copies) || json_integer_value(copies) < 1 ||
	               json_integer_value(copies) > 10000))
		return docs_fail_field(err, field, WORK_ERROR_INVALID, "copies",
		                       N_("The number of copies is a whole number from 1."));
	if (received == NULL)
		received = today;
	if (!work_check_order(WORK_ERRORS, err, field, WORK_ERROR_INVALID, "received_on", received,
	                      "deadline", json_string_value(json_object_get(obj, "deadline"))))
		return FALSE;
	/* the number is taken last, to hold the counter's lock briefly */
	if (!db_counter_next(c, "docs.in", atoi(received), &n, &e)) {
		docs_error_from_db(err, e);
		return FALSE;
	}
	reg = g_strdup_printf("收〔%d〕%" G_GINT64_FORMAT "号", atoi(received), n);
	return docs_exec(
	    c, NULL, err,
	    "UPDATE document SET sender = ?, sender_number = ?, copies = ?, "
	    "received_on = ?, origin = NULLIF(?, ''), reg_number = ? WHERE item_id = ?",
	    "ssisssi", sender, number ? number : "",
	    (gint64)(copies ? json_integer_value(copies) : 1), received, origin ? origin : "", reg,
	    item);
}

/* Records ACTION (to state TO, or NULL) on ITEM's history with DETAIL (may be NULL; the request's
 * fields) and the document's facts as they are now. */
static gboolean event_with_facts(DbConn *c, gint64 item, const AuthUser *u, const char *action,
                                 const char *to, json_t *detail, GError **err)
{
	g_autoptr(json_t) d = json_is_object(detail) ? json_deep_copy(detail) : json_object();
	json_t *facts = docs_facts(c, item, err);

	if (facts == NULL)
		return FALSE;
	json_object_set_new(d, "facts", facts);
	return docs_event(c, item, u, action, NULL, to, NULL, d, err);
}

gboolean docs_create(DbConn *c, const AuthUser *u, json_t *obj, gint64 *id, const char **field,
                     GError **err)
{
	const char *dir = json_string_value(json_object_get(obj, "direction"));
	gboolean incoming = g_strcmp0(dir, "incoming") == 0;
	gint64 now = core_now(), item = 0;
	const char *initial = NULL;

	if (!incoming && g_strcmp0(dir, "outgoing"))
		return docs_fail_field(err, field, WORK_ERROR_INVALID, "direction",
		                       N_("The direction is incoming or outgoing."));
	if (incoming && !auth_can(u, "work.all"))
		return docs_fail_field(err, field, WORK_ERROR_FORBIDDEN, NULL,
		                       N_("Only the office registers incoming documents."));
	if (!docs_exec(c, &item, err,
	               "INSERT INTO item (kind, title, unit_id, created_by, status, created_at, "
	               "updated_at) VALUES (?, '', NULLIF(?, 0), ?, ?, ?, ?) RETURNING id",
	               "siisii", dir, u->unit_id, u->id, incoming ? "registered" : "draft", now,
	               now) ||
	    !docs_exec(c, NULL, err,
	               "INSERT INTO document (item_id, direction, doc_type) VALUES (?, ?, '')",
	               "is", item, dir) ||
	    !docs_grant(c, item, u->id, 0, "created", err) ||
	    !fields_store(c, item, obj, TRUE, field, err) ||
	    !docs_exec(c, NULL, err, /* unmarked documents are 内部 (internal) */
	               "UPDATE item SET secrecy = 'internal' WHERE id = ? AND secrecy = 'none'",
	               "i", item) ||
	    (incoming && !register_incoming(c, item, obj, field, err)) ||
	    /* last: who acts first is read from the stored document */
	    !work_flow_start(c, item, dir, &initial, err) ||
	    !event_with_facts(c, item, u, incoming ? "register" : "create", initial, NULL, err))
		return FALSE;
	*id = item;
	return TRUE;
}

gboolean docs_update(DbConn *c, const AuthUser *u, gint64 id, json_t *obj, const char **field,
                     GError **err)
{
	return fields_store(c, id, obj, FALSE, field, err) &&
	       docs_exec(c, NULL, err, "UPDATE item SET updated_at = ? WHERE id = ?", "ii",
	                 core_now(), id) &&
	       event_with_facts(c, id, u, "edit", NULL, obj, err);
}
