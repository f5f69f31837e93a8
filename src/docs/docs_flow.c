/*
 * docs_flow.c — the workflows of incoming and outgoing documents, declared as data: each step
 * names the states it starts from, the state it leads to (NULL: the effect decides or nothing
 * changes), who may take it, and its effect. docs_act runs one step; docs_actions lists the
 * steps a user may take now (the buttons a page shows).
 */
#define G_LOG_DOMAIN "mishu-docs"

#include "docs/docs_internal.h"
#include "core/core.h"
#include "org/org.h"

#include <stdlib.h>
#include <string.h>

/* Who may take a step. */
typedef enum {
	WHO_STAFF,    /* office staff (work.all) */
	WHO_AUTHOR,   /* the document's author, or office staff */
	WHO_LEADER,   /* a leader who may see the document (批示) */
	WHO_SIGNER,   /* the signer the rules authorise for the series and domain (签发) */
	WHO_READER,   /* the reader whose turn it is in the circulation (传阅) */
	WHO_COSIGNER, /* a cosigner who has not signed yet (会签) */
} Who;

/* One step being taken. */
typedef struct {
	DbConn *c;
	const AuthUser *u;
	gint64 id;
	json_t *doc;         /* the row: status, direction, created_by, domain_code, series … */
	json_t *body;        /* the request's fields (never NULL) */
	const char *opinion; /* body.opinion or NULL */
	const char *to;      /* the state reached; an effect may change it */
	json_t *detail;      /* facts for the history entry */
	const char **field;
} Step;

typedef gboolean (*Effect)(Step *x, GError **err);

typedef struct {
	const char *direction, *action;
	const char *from; /* space-separated states */
	const char *to;
	Who who;
	Effect effect;
} Flow;

/* ---- effects ------------------------------------------------------------------------------ */

static gint64 doc_int(Step *x, const char *key)
{
	return json_integer_value(json_object_get(x->doc, key));
}

static const char *doc_text(Step *x, const char *key)
{
	return json_string_value(json_object_get(x->doc, key));
}

/* Steps that need a reason: 退回, 作废. */
static gboolean need_opinion(Step *x, GError **err)
{
	if (x->opinion == NULL || g_utf8_strlen(x->opinion, -1) < 2)
		return docs_fail_field(err, x->field, DOCS_ERROR_INVALID, "opinion",
		                       N_("Give the reason in the opinion."));
	return TRUE;
}

/* 拟办: the office proposes the leaders to read and instruct, from the division of
 * responsibility (org_route), every 常委 for a document from a higher committee. */
static gboolean propose(Step *x, GError **err)
{
	g_autofree char *today = docs_today();
	OrgRouteQuery q = {.work = "incoming",
	                   .domain = doc_text(x, "domain_code"),
	                   .on = today,
	                   .origin = doc_text(x, "origin")};
	GError *e = NULL;
	json_t *r, *l;
	g_autofree char *text = NULL;
	size_t i;
	gboolean ok = TRUE;

	if (q.domain == NULL && q.origin == NULL)
		return docs_fail_field(
		    err, x->field, DOCS_ERROR_INVALID, "domain",
		    N_("Set the document's domain first, so that the division of "
		       "responsibility can name its leaders."));
	if ((r = org_route(x->c, &q, CORE_LANG_ZH, NULL, &e)) == NULL) {
		g_set_error_literal(err, DOCS_ERROR, DOCS_ERROR_INVALID, e->message);
		g_error_free(e);
		return FALSE;
	}
	json_array_foreach (json_object_get(r, "leaders"), i, l) {
		gint64 uid = json_integer_value(json_object_get(l, "user_id"));
		if (uid && !(ok = docs_grant(x->c, x->id, uid, 0, "routed", err)))
			break;
	}
	text = json_dumps(r, JSON_COMPACT);
	ok = ok && docs_exec(x->c, NULL, err, "UPDATE document SET proposal = ? WHERE item_id = ?",
	                     "si", text, x->id);
	json_object_set(x->detail, "leaders", json_object_get(r, "leaders"));
	json_decref(r);
	return ok;
}

/* 批示: a leader's instruction, kept in order on the item. */
static gboolean instruct(Step *x, GError **err)
{
	g_autofree char *today = docs_today();
	const char *req = json_string_value(json_object_get(x->body, "requirements"));
	gint64 leader = 0;

	if (x->opinion == NULL || g_utf8_strlen(x->opinion, -1) < 1 ||
	    g_utf8_strlen(x->opinion, -1) > 2000)
		return docs_fail_field(err, x->field, DOCS_ERROR_INVALID, "opinion",
		                       N_("Write the instruction (批示) in the opinion."));
	if (!org_leader_of_user(x->c, x->u->id, &leader, err) ||
	    !docs_exec(x->c, NULL, err,
	               "INSERT INTO instruction (item_id, leader_id, user_id, text, requirements, "
	               "given_on, created_at) VALUES (?, NULLIF(?, 0), ?, ?, ?, ?, ?)",
	               "iiisssi", x->id, leader, x->u->id, x->opinion, req ? req : "", today,
	               g_get_real_time() / G_USEC_PER_SEC))
		return FALSE;
	if (strcmp(doc_text(x, "status"), "proposed") != 0)
		x->to = doc_text(x, "status"); /* a later 批示 leaves the state alone */
	return TRUE;
}

/* 承办: a unit (by code) or an office department (by code) handles it, with a deadline. */
static gboolean assign(Step *x, GError **err)
{
	const char *unit = json_string_value(json_object_get(x->body, "unit"));
	const char *dep = json_string_value(json_object_get(x->body, "department"));
	const char *deadline = json_string_value(json_object_get(x->body, "deadline"));
	gint64 unit_id = 0, dep_id = 0;

	if (unit &&
	    !docs_exec(x->c, &unit_id, err, "SELECT id FROM unit WHERE code = ?", "s", unit))
		return FALSE;
	if (dep &&
	    !docs_exec(x->c, &dep_id, err, "SELECT id FROM department WHERE code = ?", "s", dep))
		return FALSE;
	if ((unit && !unit_id) || (dep && !dep_id) || (!unit_id && !dep_id))
		return docs_fail_field(
		    err, x->field, DOCS_ERROR_INVALID, unit ? "unit" : "department",
		    N_("Name the handling unit or office department by its code."));
	if (deadline && !org_date_valid(deadline))
		return docs_fail_field(err, x->field, DOCS_ERROR_INVALID, "deadline",
		                       N_("Write the date as YYYY-MM-DD."));
	json_object_set_new(x->detail, "unit", unit ? json_string(unit) : json_null());
	json_object_set_new(x->detail, "department", dep ? json_string(dep) : json_null());
	json_object_set_new(x->detail, "deadline", deadline ? json_string(deadline) : json_null());
	return docs_exec(
	           x->c, NULL, err,
	           "UPDATE document SET handler_unit_id = NULLIF(?, 0), handler_department_id "
	           "= NULLIF(?, 0), deadline = COALESCE(?, deadline) WHERE item_id = ?",
	           "iisi", unit_id, dep_id, deadline, x->id) &&
	       (unit_id == 0 || docs_grant(x->c, x->id, 0, unit_id, "assigned", err));
}

/* 传阅: readers (usernames, in the order given; default the proposed leaders in the proposal's
 * order: the leader in charge first, then by rank), ordered or parallel. */
static gboolean circulate(Step *x, GError **err)
{
	const char *mode = json_string_value(json_object_get(x->body, "mode"));
	json_t *readers = json_object_get(x->body, "readers"), *ids = json_array(), *v;
	gint64 now = g_get_real_time() / G_USEC_PER_SEC;
	gboolean ordered = mode == NULL || strcmp(mode, "ordered") == 0;
	size_t i;
	gboolean ok = TRUE;

	if (mode && strcmp(mode, "ordered") && strcmp(mode, "parallel"))
		ok = docs_fail_field(
		    err, x->field, DOCS_ERROR_INVALID, "mode",
		    N_("Circulate in order (ordered) or to all at once (parallel)."));
	if (ok && readers == NULL) {
		/* the proposed leaders, by rank */
		json_t *p =
		    json_loads(doc_text(x, "proposal") ? doc_text(x, "proposal") : "{}", 0, NULL);
		json_array_foreach (json_object_get(p, "leaders"), i, v)
			if (json_integer_value(json_object_get(v, "user_id")))
				json_array_append(ids, json_object_get(v, "user_id"));
		json_decref(p);
	} else if (ok && (!json_is_array(readers) || json_array_size(readers) > 100)) {
		ok = docs_fail_field(err, x->field, DOCS_ERROR_INVALID, "readers",
		                     N_("List the readers' account names, at most 100."));
	} else if (ok) {
		json_array_foreach (readers, i, v) {
			gint64 uid = 0;
			if (!(ok =
			          docs_exec(x->c, &uid, err,
			                    "SELECT id FROM user_account WHERE username = lower(?) "
			                    "AND disabled = 0",
			                    "s", json_is_string(v) ? json_string_value(v) : "")))
				break;
			if (uid == 0) {
				ok = docs_fail_field(err, x->field, DOCS_ERROR_INVALID, "readers",
				                     N_("There is no account with this name."));
				break;
			}
			json_array_append_new(ids, json_integer(uid));
		}
	}
	if (ok && json_array_size(ids) == 0)
		ok = docs_fail_field(err, x->field, DOCS_ERROR_INVALID, "readers",
		                     N_("Name at least one reader."));
	ok = ok &&
	     docs_exec(x->c, NULL, err,
	               "DELETE FROM doc_reader WHERE item_id = ? AND read_at IS NULL", "i", x->id);
	json_array_foreach (ids, i, v) {
		gint64 uid = json_integer_value(v);
		if (!ok)
			break;
		ok = docs_exec(
		         x->c, NULL, err,
		         "INSERT INTO doc_reader (item_id, user_id, position, sent_at) VALUES "
		         "(?, ?, ?, ?) ON CONFLICT (item_id, user_id) DO UPDATE SET read_at = "
		         "NULL, sent_at = excluded.sent_at, position = excluded.position",
		         "iiii", x->id, uid, (gint64)i + 1, (gint64)(ordered && i > 0 ? 0 : now)) &&
		     docs_grant(x->c, x->id, uid, 0, "circulated", err);
	}
	ok = ok &&
	     docs_exec(x->c, NULL, err,
	               "UPDATE doc_reader SET sent_at = NULL WHERE item_id = ? AND sent_at = 0",
	               "i", x->id) &&
	     docs_exec(x->c, NULL, err,
	               "UPDATE document SET circulation_mode = ?, holder_id = NULLIF(?, 0), "
	               "held_since = ? WHERE item_id = ?",
	               "siii", ordered ? "ordered" : "parallel",
	               ordered ? (gint64)json_integer_value(json_array_get(ids, 0)) : (gint64)0,
	               now, x->id);
	json_object_set(x->detail, "readers", ids);
	json_object_set_new(x->detail, "mode", json_string(ordered ? "ordered" : "parallel"));
	json_decref(ids);
	return ok;
}

/* 阅: the reader marks it read (optional comment); the next reader gets it; after the last, the
 * circulation is done (circulated). */
static gboolean read_step(Step *x, GError **err)
{
	gint64 now = g_get_real_time() / G_USEC_PER_SEC, left = 0, next = 0;

	if (!docs_exec(x->c, NULL, err,
	               "UPDATE doc_reader SET read_at = ?, comment = ? WHERE item_id = ? AND "
	               "user_id = ? AND read_at IS NULL",
	               "isii", now, x->opinion ? x->opinion : "", x->id, x->u->id) ||
	    !docs_exec(x->c, &next, err,
	               "SELECT user_id FROM doc_reader WHERE item_id = ? AND read_at IS NULL ORDER "
	               "BY position LIMIT 1",
	               "i", x->id) ||
	    !docs_exec(x->c, &left, err,
	               "SELECT count(*) FROM doc_reader WHERE item_id = ? AND read_at IS NULL", "i",
	               x->id))
		return FALSE;
	if (left == 0) {
		x->to = "circulated";
		return docs_exec(x->c, NULL, err,
		                 "UPDATE document SET holder_id = NULL, held_since = NULL WHERE "
		                 "item_id = ?",
		                 "i", x->id);
	}
	x->to = "circulating";
	if (g_strcmp0(doc_text(x, "circulation_mode"), "ordered") != 0)
		return TRUE;
	return docs_exec(x->c, NULL, err,
	                 "UPDATE doc_reader SET sent_at = ? WHERE item_id = ? AND user_id = ?",
	                 "iii", now, x->id, next) &&
	       docs_exec(x->c, NULL, err,
	                 "UPDATE document SET holder_id = ?, held_since = ? WHERE item_id = ?",
	                 "iii", next, now, x->id);
}

/* 送审 (submit): an outgoing draft needs its series, recipients and text. */
static gboolean submit(Step *x, GError **err)
{
	gint64 n = 0;

	if (doc_int(x, "series_id") == 0)
		return docs_fail_field(err, x->field, DOCS_ERROR_INVALID, "series",
		                       N_("Choose the series (机关代字) it goes out in."));
	if (!docs_exec(x->c, &n, err,
	               "SELECT count(*) FROM doc_recipient WHERE item_id = ? AND kind = 'main'",
	               "i", x->id))
		return FALSE;
	if (n == 0 && g_strcmp0(doc_text(x, "doc_type"), "公告") &&
	    g_strcmp0(doc_text(x, "doc_type"), "公报"))
		return docs_fail_field(err, x->field, DOCS_ERROR_INVALID, "main_to",
		                       N_("Name the principal recipients (主送机关)."));
	if (doc_text(x, "body") == NULL || g_utf8_strlen(doc_text(x, "body"), -1) < 2)
		return docs_fail_field(err, x->field, DOCS_ERROR_INVALID, "body",
		                       N_("Write the text of the document."));
	return TRUE;
}

/* The accounts that may sign document X (签发), as a JSON array of user ids. Committee series:
 * the 书记 and the leaders in charge of the document's domain (主管/分管) on the day; office
 * series: the 秘书长 and the office director (办公室主任). */
static json_t *signers(Step *x, GError **err)
{
	g_autofree char *today = docs_today();
	GError *e = NULL;
	json_t *ids =
	    org_signers(x->c, doc_text(x, "series_scope"), doc_text(x, "domain_code"), today, &e);

	if (ids == NULL)
		g_propagate_error(err, e);
	return ids;
}

/* 核稿 (review): the office has checked the draft; the authorised signers may now see it. */
static gboolean review(Step *x, GError **err)
{
	json_t *ids = signers(x, err), *v;
	size_t i;

	if (ids == NULL)
		return FALSE;
	json_array_foreach (ids, i, v)
		if (!docs_grant(x->c, x->id, json_integer_value(v), 0, "routed", err)) {
			json_decref(ids);
			return FALSE;
		}
	json_decref(ids);
	return TRUE;
}

/* 会签 requested: units (codes; their liaisons sign) and accounts (usernames) to cosign. */
static gboolean request_cosign(Step *x, GError **err)
{
	json_t *units = json_object_get(x->body, "units"),
	       *users = json_object_get(x->body, "users");
	json_t *v;
	size_t i;

	if (json_array_size(units) + json_array_size(users) == 0)
		return docs_fail_field(err, x->field, DOCS_ERROR_INVALID, "units",
		                       N_("Name the units or people who cosign."));
	json_array_foreach (units, i, v) {
		gint64 id = 0;
		if (!docs_exec(x->c, &id, err, "SELECT id FROM unit WHERE code = ?", "s",
		               json_string_value(v) ? json_string_value(v) : ""))
			return FALSE;
		if (id == 0)
			return docs_fail_field(err, x->field, DOCS_ERROR_INVALID, "units",
			                       N_("There is no such unit."));
		if (!docs_exec(x->c, NULL, err,
		               "INSERT INTO doc_cosign (item_id, unit_id) VALUES (?, ?)", "ii",
		               x->id, id) ||
		    !docs_grant(x->c, x->id, 0, id, "cosign", err))
			return FALSE;
	}
	json_array_foreach (users, i, v) {
		gint64 id = 0;
		if (!docs_exec(x->c, &id, err,
		               "SELECT id FROM user_account WHERE username = lower(?)", "s",
		               json_string_value(v) ? json_string_value(v) : ""))
			return FALSE;
		if (id == 0)
			return docs_fail_field(err, x->field, DOCS_ERROR_INVALID, "users",
			                       N_("There is no account with this name."));
		if (!docs_exec(x->c, NULL, err,
		               "INSERT INTO doc_cosign (item_id, user_id) VALUES (?, ?)", "ii",
		               x->id, id) ||
		    !docs_grant(x->c, x->id, id, 0, "cosign", err))
			return FALSE;
	}
	json_object_set(x->detail, "units", units ? units : json_null());
	json_object_set(x->detail, "users", users ? users : json_null());
	return TRUE;
}

/* 会签: this cosigner signs; when nobody is left, the document is cosigned. */
static gboolean cosign(Step *x, GError **err)
{
	gint64 left = 0;

	if (!docs_exec(
	        x->c, NULL, err,
	        "UPDATE doc_cosign SET signed_by = ?, opinion = ?, signed_at = ? WHERE "
	        "item_id = ? AND signed_at IS NULL AND (user_id = ? OR unit_id = NULLIF(?, 0))",
	        "isiiii", x->u->id, x->opinion ? x->opinion : "",
	        g_get_real_time() / G_USEC_PER_SEC, x->id, x->u->id, x->u->unit_id) ||
	    !docs_exec(x->c, &left, err,
	               "SELECT count(*) FROM doc_cosign WHERE item_id = ? AND signed_at IS NULL",
	               "i", x->id))
		return FALSE;
	x->to = left ? "cosigning" : "cosigned";
	return TRUE;
}

/* 签发: the authorised signer's opinion, name and full date. */
static gboolean sign(Step *x, GError **err)
{
	g_autofree char *today = docs_today();
	const char *opinion = x->opinion && *x->opinion ? x->opinion : "同意";

	json_object_set_new(x->detail, "signed_on", json_string(today));
	return docs_exec(x->c, NULL, err,
	                 "UPDATE document SET signer_id = ?, signed_on = ?, sign_opinion = ? WHERE "
	                 "item_id = ?",
	                 "issi", x->u->id, today, opinion, x->id);
}

/* 编号: the next number of the series this year, gapless, taken once. */
static gboolean number(Step *x, GError **err)
{
	g_autofree char *today = docs_today(), *series = NULL, *text = NULL;
	int year = atoi(today);
	gint64 n = 0;
	GError *e = NULL;

	series = g_strdup_printf("docs.out.%" G_GINT64_FORMAT, doc_int(x, "series_id"));
	if (!db_counter_next(x->c, series, year, &n, &e)) {
		docs_error_from_db(err, e);
		return FALSE;
	}
	text = g_strdup_printf("%s〔%d〕%" G_GINT64_FORMAT "号", doc_text(x, "series_prefix"), year,
	                       n);
	json_object_set_new(x->detail, "number", json_string(text));
	return docs_exec(x->c, NULL, err,
	                 "UPDATE document SET number = ?, number_year = ?, number_n = ? WHERE "
	                 "item_id = ? AND number IS NULL",
	                 "siii", text, (gint64)year, n, x->id);
}

/* 核发: every principal and copied recipient unit receives it (their liaisons see it). */
static gboolean distribute(Step *x, GError **err)
{
	json_t *units = docs_rows(x->c, err, "SELECT unit_id FROM doc_recipient WHERE item_id = ?",
	                          "i", x->id),
	       *u;
	size_t i;
	gboolean ok = units != NULL;

	json_array_foreach (units, i, u)
		if (ok)
			ok = docs_grant(x->c, x->id, 0,
			                json_integer_value(json_object_get(u, "unit_id")),
			                "distributed", err);
	json_decref(units);
	return ok;
}

/* 作废: the number stays recorded as voided and is never handed out again. */
static gboolean void_step(Step *x, GError **err)
{
	if (!need_opinion(x, err))
		return FALSE;
	return docs_exec(x->c, NULL, err,
	                 "INSERT INTO doc_void (series_id, number_year, number_n, number, item_id, "
	                 "reason, voided_by, voided_at) SELECT series_id, number_year, number_n, "
	                 "number, item_id, ?, ?, ? FROM document WHERE item_id = ?",
	                 "siii", x->opinion, x->u->id, g_get_real_time() / G_USEC_PER_SEC, x->id);
}

/* 催办: recorded on the document's history (reminders reach the holder by notification). */
static gboolean chase(Step *x, GError **err)
{
	x->to = doc_text(x, "status");
	return TRUE;
}

/* ---- the workflows ------------------------------------------------------------------------ */

#define OPEN_IN "registered checked proposed instructed assigned circulating circulated"

static const Flow flows[] = {
    /* 收文: 登记 → 初审 → 拟办 → 批办 → 承办 / 传阅 → 催办 → 办结 → 归档 */
    {"incoming", "check", "registered", "checked", WHO_STAFF, NULL},
    {"incoming", "return", "registered checked", "returned", WHO_STAFF, need_opinion},
    {"incoming", "propose", "checked", "proposed", WHO_STAFF, propose},
    {"incoming", "instruct", "proposed instructed assigned circulating circulated", "instructed",
     WHO_LEADER, instruct},
    {"incoming", "assign", "proposed instructed circulated", "assigned", WHO_STAFF, assign},
    {"incoming", "circulate", "checked proposed instructed assigned circulated", "circulating",
     WHO_STAFF, circulate},
    {"incoming", "read", "circulating", NULL, WHO_READER, read_step},
    {"incoming", "chase", OPEN_IN, NULL, WHO_STAFF, chase},
    {"incoming", "complete", "instructed assigned circulated", "completed", WHO_STAFF, NULL},
    {"incoming", "archive", "completed returned", "archived", WHO_STAFF, NULL},
    /* 发文: 起草 → 送审 → 核稿 → 会签 → 签发 → 复核 → 编号 → 印制 → 核发 → 归档 (作废) */
    {"outgoing", "submit", "draft returned", "submitted", WHO_AUTHOR, submit},
    {"outgoing", "return", "submitted reviewed cosigning cosigned", "returned", WHO_STAFF,
     need_opinion},
    {"outgoing", "review", "submitted", "reviewed", WHO_STAFF, review},
    {"outgoing", "request_cosign", "reviewed", "cosigning", WHO_STAFF, request_cosign},
    {"outgoing", "cosign", "cosigning", NULL, WHO_COSIGNER, cosign},
    {"outgoing", "sign", "reviewed cosigned", "signed", WHO_SIGNER, sign},
    {"outgoing", "recheck", "signed", "rechecked", WHO_STAFF, NULL},
    {"outgoing", "number", "rechecked", "numbered", WHO_STAFF, number},
    {"outgoing", "print", "numbered", "printed", WHO_STAFF, NULL},
    {"outgoing", "distribute", "printed", "distributed", WHO_STAFF, distribute},
    {"outgoing", "archive", "distributed", "archived", WHO_STAFF, NULL},
    {"outgoing", "void", "numbered printed distributed", "voided", WHO_STAFF, void_step},
};

/* The document row the steps read (visibility already checked), or NULL. */
static json_t *doc_row(DbConn *c, gint64 id, GError **err)
{
	json_t *rows = docs_rows(
	    c, err,
	    "SELECT i.id, i.status, i.created_by, i.title, d.direction, d.doc_type, d.body, "
	    "d.origin, d.proposal, d.series_id, d.circulation_mode, d.holder_id, "
	    "dm.code AS domain_code, s.prefix AS series_prefix, s.scope AS series_scope "
	    "FROM item i JOIN document d ON d.item_id = i.id LEFT JOIN domain dm ON dm.id = "
	    "d.domain_id LEFT JOIN doc_series s ON s.id = d.series_id WHERE i.id = ?",
	    "i", id);
	json_t *one = NULL;

	if (rows && json_array_size(rows))
		one = json_incref(json_array_get(rows, 0));
	else if (rows)
		g_set_error_literal(err, DOCS_ERROR, DOCS_ERROR_NOT_FOUND,
		                    N_("There is no such document."));
	json_decref(rows);
	return one;
}

/* TRUE when U is who WHO names for document X; FALSE (no error) otherwise, NULL-safe on ERR. */
static gboolean who_ok(Step *x, Who who, GError **err)
{
	gint64 n = 0;

	switch (who) {
	case WHO_STAFF:
		return auth_can(x->u, "work.all");
	case WHO_AUTHOR:
		return auth_can(x->u, "work.all") || doc_int(x, "created_by") == x->u->id;
	case WHO_LEADER:
		return auth_can(x->u, "work.instruct");
	case WHO_SIGNER: {
		json_t *ids = signers(x, err), *v;
		size_t i;
		gboolean yes = FALSE;
		json_array_foreach (ids, i, v)
			yes = yes || json_integer_value(v) == x->u->id;
		json_decref(ids);
		return yes;
	}
	case WHO_READER:
		if (!docs_exec(
		        x->c, &n, err,
		        "SELECT count(*) FROM doc_reader r JOIN document d ON d.item_id = "
		        "r.item_id WHERE r.item_id = ? AND r.user_id = ? AND r.read_at IS NULL "
		        "AND (d.circulation_mode = 'parallel' OR d.holder_id = r.user_id)",
		        "ii", x->id, x->u->id))
			return FALSE;
		return n > 0;
	case WHO_COSIGNER:
		if (!docs_exec(
		        x->c, &n, err,
		        "SELECT count(*) FROM doc_cosign WHERE item_id = ? AND signed_at IS NULL "
		        "AND (user_id = ? OR (unit_id = NULLIF(?, 0) AND ? = 1))",
		        "iiii", x->id, x->u->id, x->u->unit_id,
		        (gint64)((x->u->roles & AUTH_ROLE_LIAISON) != 0)))
			return FALSE;
		return n > 0;
	}
	return FALSE;
}

json_t *docs_actions(DbConn *c, const AuthUser *u, gint64 id, GError **err)
{
	json_t *body = json_object(), *out = json_array();
	Step x = {.c = c, .u = u, .id = id, .body = body};

	if ((x.doc = doc_row(c, id, err)) == NULL) {
		json_decref(body);
		json_decref(out);
		return NULL;
	}
	for (gsize i = 0; i < G_N_ELEMENTS(flows); i++) {
		const Flow *f = &flows[i];
		GError *e = NULL;
		if (strcmp(f->direction, json_string_value(json_object_get(x.doc, "direction"))) ||
		    !core_word_in(json_string_value(json_object_get(x.doc, "status")), f->from))
			continue;
		if (who_ok(&x, f->who, &e))
			json_array_append_new(out, json_string(f->action));
		g_clear_error(&e);
	}
	json_decref(x.doc);
	json_decref(body);
	return out;
}

gboolean docs_act(DbConn *c, const AuthUser *u, gint64 id, const char *action, json_t *body,
                  const char **field, GError **err)
{
	json_t *empty = json_object();
	Step x = {.c = c, .u = u, .id = id, .field = field};
	const Flow *f = NULL;
	const char *from, *op;
	gboolean ok = FALSE;
	GError *e = NULL;

	x.body = body ? body : empty;
	if ((x.doc = doc_row(c, id, err)) == NULL)
		goto out;
	for (gsize i = 0; i < G_N_ELEMENTS(flows); i++)
		if (strcmp(flows[i].action, action) == 0 &&
		    strcmp(flows[i].direction,
		           json_string_value(json_object_get(x.doc, "direction"))) == 0)
			f = &flows[i];
	if (f == NULL) {
		g_set_error_literal(err, DOCS_ERROR, DOCS_ERROR_NOT_FOUND,
		                    N_("There is no such step for this document."));
		goto out;
	}
	op = json_string_value(json_object_get(x.body, "opinion"));
	if (json_object_get(x.body, "opinion") && (op == NULL || g_utf8_strlen(op, -1) > 2000)) {
		docs_fail_field(err, field, DOCS_ERROR_INVALID, "opinion",
		                N_("The opinion is text of up to 2000 characters."));
		goto out;
	}
	x.opinion = op;
	if (!who_ok(&x, f->who, &e)) {
		if (e)
			g_propagate_error(err, e);
		else
			g_set_error_literal(
			    err, DOCS_ERROR, DOCS_ERROR_FORBIDDEN,
			    f->who == WHO_SIGNER
			        ? N_("Only the signer the rules authorise for this "
			             "series and domain may sign it.")
			        : N_("You may not take this step on this document."));
		goto out;
	}
	from = json_string_value(json_object_get(x.doc, "status"));
	if (!core_word_in(from, f->from)) {
		g_set_error(err, DOCS_ERROR, DOCS_ERROR_STATE, "%s",
		            N_("This step is not possible in the document's present state."));
		goto out;
	}
	/* Claim the state before any effect: a concurrent step on the same document waits here
	 * for this one (PostgreSQL row lock; SQLite has one writer) and then finds the state
	 * changed, so a double click can neither number twice nor burn a number. */
	if (!docs_exec(c, NULL, err, "UPDATE item SET updated_at = ? WHERE id = ? AND status = ?",
	               "iis", g_get_real_time() / G_USEC_PER_SEC, id, from))
		goto out;
	if (db_changes(c) != 1) {
		g_set_error_literal(
		    err, DOCS_ERROR, DOCS_ERROR_STATE,
		    N_("This step is not possible in the document's present state."));
		goto out;
	}
	x.to = f->to;
	x.detail = json_object();
	if (f->effect && !f->effect(&x, err))
		goto out;
	if (x.to == NULL)
		x.to = from;
	ok = docs_exec(c, NULL, err, "UPDATE item SET status = ?, updated_at = ? WHERE id = ?",
	               "sii", x.to, g_get_real_time() / G_USEC_PER_SEC, id) &&
	     docs_event(c, id, u, action, from, x.to, x.opinion,
	                json_object_size(x.detail) ? x.detail : NULL, err);
out:
	json_decref(x.detail);
	json_decref(x.doc);
	json_decref(empty);
	return ok;
}
