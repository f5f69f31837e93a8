/*
 * docs_flow.c — what the workflows of incoming and outgoing documents need beyond the engine
 * (work/flow.c): their definitions are data (data/workflows/incoming.json, outgoing.json); here
 * are the document's row the engine reads, the actors only documents have (the authorised
 * signer, the reader whose turn it is, a cosigner) and the hooks that do a document's work
 * (propose by routing, assign, circulate, read, submit, review, cosign, sign, number,
 * distribute, void).
 */
#define G_LOG_DOMAIN "mishu-docs"

#include "docs/docs_internal.h"
#include "core/core.h"
#include "org/org.h"
#include "work/flow.h"

#include <stdlib.h>
#include <string.h>

/* ---- effects ------------------------------------------------------------------------------ */

static gint64 doc_int(WorkStep *x, const char *key)
{
	return json_integer_value(json_object_get(x->row, key));
}

static const char *doc_text(WorkStep *x, const char *key)
{
	return json_string_value(json_object_get(x->row, key));
}

/* 拟办: the office proposes the leaders to read and instruct, from the division of
 * responsibility (org_route), every 常委 for a document from a higher committee. */
static gboolean propose(WorkStep *x, GError **err)
{
	g_autofree char *today = core_today();
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
		    err, x->field, WORK_ERROR_INVALID, "domain",
		    N_("Set the document's domain first, so that the division of "
		       "responsibility can name its leaders."));
	if ((r = org_route(x->c, &q, CORE_LANG_ZH, NULL, &e)) == NULL) {
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_INVALID, e->message);
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

/* 承办: a unit (by code) or an office department (by code) handles it, with a deadline. */
static gboolean assign(WorkStep *x, GError **err)
{
	json_t *unit = json_object_get(x->body, "unit"),
	       *dep = json_object_get(x->body, "department");
	const char *deadline = json_string_value(json_object_get(x->body, "deadline"));
	gint64 unit_id = 0, dep_id = 0;
	g_autofree char *unit_code = NULL, *dep_code = NULL;

	if (!work_ref_resolve(WORK_ERRORS, WORK_ERROR_INVALID, x->c, WORK_REF_UNIT, "unit", unit,
	                      &unit_id, x->field, err) ||
	    !work_ref_resolve(WORK_ERRORS, WORK_ERROR_INVALID, x->c, WORK_REF_DEPARTMENT,
	                      "department", dep, &dep_id, x->field, err))
		return FALSE;
	if (!unit_id && !dep_id)
		return docs_fail_field(
		    err, x->field, WORK_ERROR_INVALID, "unit",
		    N_("Name the handling unit or office department by its code."));
	/* the history names them by code, whichever way the request did */
	if (unit_id) {
		json_t *r =
		    docs_rows(x->c, err, "SELECT code FROM unit WHERE id = ?", "i", unit_id);
		unit_code =
		    g_strdup(json_string_value(json_object_get(json_array_get(r, 0), "code")));
		json_decref(r);
	}
	if (dep_id) {
		json_t *r =
		    docs_rows(x->c, err, "SELECT code FROM department WHERE id = ?", "i", dep_id);
		dep_code =
		    g_strdup(json_string_value(json_object_get(json_array_get(r, 0), "code")));
		json_decref(r);
	}
	json_object_set_new(x->detail, "unit", unit_code ? json_string(unit_code) : json_null());
	json_object_set_new(x->detail, "department",
	                    dep_code ? json_string(dep_code) : json_null());
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
static gboolean circulate(WorkStep *x, GError **err)
{
	const char *mode = json_string_value(json_object_get(x->body, "mode"));
	json_t *readers = json_object_get(x->body, "readers"), *ids = json_array(), *v;
	gint64 now = core_now();
	gboolean ordered = mode == NULL || strcmp(mode, "ordered") == 0;
	size_t i;
	gboolean ok = TRUE;

	if (mode && strcmp(mode, "ordered") && strcmp(mode, "parallel"))
		ok = docs_fail_field(
		    err, x->field, WORK_ERROR_INVALID, "mode",
		    N_("Circulate in order (ordered) or to all at once (parallel)."));
	if (ok && readers == NULL) {
		/* the proposed leaders, by rank */
		json_t *p =
		    json_loads(doc_text(x, "proposal") ? doc_text(x, "proposal") : "{}", 0, NULL);
		json_array_foreach (json_object_get(p, "leaders"), i, v)
			if (json_integer_value(json_object_get(v, "user_id")))
				json_array_append(ids, json_object_get(v, "user_id"));
		json_decref(p);
	} else if (ok) {
		/* usernames or ids, in the order given; a disabled account reads nothing */
		g_autoptr(GArray) got =
		    work_ref_resolve_list(WORK_ERRORS, WORK_ERROR_INVALID, x->c, WORK_REF_USER,
		                          "readers", readers, 100, x->field, err);
		for (guint k = 0; got && ok && k < got->len; k++) {
			gint64 uid = g_array_index(got, gint64, k), off = 0;
			ok = docs_exec(
			         x->c, &off, err,
			         "SELECT count(*) FROM user_account WHERE id = ? AND disabled <> 0",
			         "i", uid) &&
			     (off == 0 ||
			      docs_fail_field(err, x->field, WORK_ERROR_INVALID, "readers",
			                      N_("There is no account with this name.")));
			if (ok)
				json_array_append_new(ids, json_integer(uid));
		}
		ok = ok && got != NULL;
	}
	if (ok && json_array_size(ids) == 0)
		ok = docs_fail_field(err, x->field, WORK_ERROR_INVALID, "readers",
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
static gboolean read_step(WorkStep *x, GError **err)
{
	gint64 now = core_now(), left = 0, next = 0;

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
static gboolean submit(WorkStep *x, GError **err)
{
	gint64 n = 0;

	if (doc_int(x, "series_id") == 0)
		return docs_fail_field(err, x->field, WORK_ERROR_INVALID, "series",
		                       N_("Choose the series (机关代字) it goes out in."));
	if (!docs_exec(x->c, &n, err,
	               "SELECT (SELECT count(*) FROM doc_recipient WHERE item_id = ? AND kind = "
	               "'main') + (SELECT count(*) FROM doc_recipient_other WHERE item_id = ? AND "
	               "kind = 'main')",
	               "ii", x->id, x->id))
		return FALSE;
	if (n == 0 && g_strcmp0(doc_text(x, "doc_type"), "公告") &&
	    g_strcmp0(doc_text(x, "doc_type"), "公报"))
		return docs_fail_field(err, x->field, WORK_ERROR_INVALID, "main_to",
		                       N_("Name the principal recipients (主送机关)."));
	if (doc_text(x, "body") == NULL || g_utf8_strlen(doc_text(x, "body"), -1) < 2)
		return docs_fail_field(err, x->field, WORK_ERROR_INVALID, "body",
		                       N_("Write the text of the document."));
	return TRUE;
}

/* The accounts that may sign document X (签发), as a JSON array of user ids. Committee series:
 * the 书记 and the leaders in charge of the document's domain (主管/分管) on the day; office
 * series: the 秘书长 and the office director (办公室主任). */
static json_t *signers(WorkStep *x, GError **err)
{
	g_autofree char *today = core_today();
	GError *e = NULL;
	json_t *ids =
	    org_signers(x->c, doc_text(x, "series_scope"), doc_text(x, "domain_code"), today, &e);

	if (ids == NULL)
		g_propagate_error(err, e);
	return ids;
}

/* 核稿 (review): the office has checked the draft; the authorised signers may now see it. */
static gboolean review(WorkStep *x, GError **err)
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
static gboolean request_cosign(WorkStep *x, GError **err)
{
	json_t *units = json_object_get(x->body, "units"),
	       *users = json_object_get(x->body, "users");
	g_autoptr(GArray) unit_ids = NULL, user_ids = NULL;

	if (json_array_size(units) + json_array_size(users) == 0)
		return docs_fail_field(err, x->field, WORK_ERROR_INVALID, "units",
		                       N_("Name the units or people who cosign."));
	/* codes, usernames or ids (CONTRACT.md: references in request bodies) */
	if ((units &&
	     (unit_ids = work_ref_resolve_list(WORK_ERRORS, WORK_ERROR_INVALID, x->c, WORK_REF_UNIT,
	                                       "units", units, 100, x->field, err)) == NULL) ||
	    (users &&
	     (user_ids = work_ref_resolve_list(WORK_ERRORS, WORK_ERROR_INVALID, x->c, WORK_REF_USER,
	                                       "users", users, 100, x->field, err)) == NULL))
		return FALSE;
	for (guint k = 0; unit_ids && k < unit_ids->len; k++) {
		gint64 id = g_array_index(unit_ids, gint64, k);
		if (!docs_exec(x->c, NULL, err,
		               "INSERT INTO doc_cosign (item_id, unit_id) VALUES (?, ?)", "ii",
		               x->id, id) ||
		    !docs_grant(x->c, x->id, 0, id, "cosign", err))
			return FALSE;
	}
	for (guint k = 0; user_ids && k < user_ids->len; k++) {
		gint64 id = g_array_index(user_ids, gint64, k);
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
static gboolean cosign(WorkStep *x, GError **err)
{
	gint64 left = 0;

	if (!docs_exec(
	        x->c, NULL, err,
	        "UPDATE doc_cosign SET signed_by = ?, opinion = ?, signed_at = ? WHERE "
	        "item_id = ? AND signed_at IS NULL AND (user_id = ? OR unit_id = NULLIF(?, 0))",
	        "isiiii", x->u->id, x->opinion ? x->opinion : "", core_now(), x->id, x->u->id,
	        x->u->unit_id) ||
	    !docs_exec(x->c, &left, err,
	               "SELECT count(*) FROM doc_cosign WHERE item_id = ? AND signed_at IS NULL",
	               "i", x->id))
		return FALSE;
	x->to = left ? "cosigning" : "cosigned";
	return TRUE;
}

/* 签发: the authorised signer's opinion, name and full date. */
static gboolean sign(WorkStep *x, GError **err)
{
	g_autofree char *today = core_today();
	const char *opinion = x->opinion && *x->opinion ? x->opinion : "同意";

	json_object_set_new(x->detail, "signed_on", json_string(today));
	return docs_exec(x->c, NULL, err,
	                 "UPDATE document SET signer_id = ?, signed_on = ?, sign_opinion = ? WHERE "
	                 "item_id = ?",
	                 "issi", x->u->id, today, opinion, x->id);
}

/* 编号: the next number of the series this year, gapless, taken once. */
static gboolean number(WorkStep *x, GError **err)
{
	g_autofree char *today = core_today(), *series = NULL, *text = NULL;
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

/* 核发: every principal and copied recipient unit, and every unit a group recipient reaches,
 * receives it (their liaisons see it). */
static gboolean distribute(WorkStep *x, GError **err)
{
	g_autoptr(json_t) units = docs_recipients_units(x->c, x->id, err);
	g_autoptr(GArray) people = g_array_new(FALSE, FALSE, sizeof(gint64));
	g_autofree char *text = g_strdup_printf("收到来文：%s", doc_text(x, "title"));
	json_t *u;
	size_t i;
	gboolean ok = units != NULL;

	/* each receiving unit sees it, and its liaisons are told */
	json_array_foreach (units, i, u) {
		gint64 unit = json_integer_value(json_object_get(u, "unit_id"));
		ok = ok && docs_grant(x->c, x->id, 0, unit, "distributed", err) &&
		     docs_exec(x->c, NULL, err,
		               "INSERT INTO doc_receipt (item_id, unit_id) VALUES (?, ?) ON "
		               "CONFLICT (item_id, unit_id) DO NOTHING",
		               "ii", x->id, unit) &&
		     work_flow_list_liaisons(x, unit, people, err);
	}
	for (guint k = 0; ok && k < people->len; k++) {
		GError *e = NULL;
		if (!work_notify(x->c, g_array_index(people, gint64, k), x->id, "docs.distributed",
		                 text, &e)) {
			docs_error_from_db(err, e);
			ok = FALSE;
		}
	}
	return ok;
}

/* 签收: the receiving unit of X->u has the document; it leaves its liaisons' 待办. */
static gboolean receive(WorkStep *x, GError **err)
{
	return docs_exec(
	    x->c, NULL, err,
	    "UPDATE doc_receipt SET received_by = ?, received_at = ? WHERE item_id = ? "
	    "AND unit_id = ? AND received_at IS NULL",
	    "iiii", x->u->id, core_now(), x->id, x->u->unit_id);
}

/* 作废: the number stays recorded as voided and is never handed out again. */
static gboolean void_step(WorkStep *x, GError **err)
{
	return docs_exec(x->c, NULL, err,
	                 "INSERT INTO doc_void (series_id, number_year, number_n, number, item_id, "
	                 "reason, voided_by, voided_at) SELECT series_id, number_year, number_n, "
	                 "number, item_id, ?, ?, ? FROM document WHERE item_id = ?",
	                 "siii", x->opinion, x->u->id, core_now(), x->id);
}

/* ---- the row, the actors, the registration ----------------------------------------------- */

/* The document row the actors and hooks read (visibility already checked), or NULL. */
static json_t *doc_row(DbConn *c, gint64 id, GError **err)
{
	return work_row(
	    WORK_ERRORS, c, err, N_("There is no such document."),
	    "SELECT i.id, i.status, i.created_by, i.title, d.direction, d.doc_type, d.body, "
	    "d.origin, d.proposal, d.series_id, d.circulation_mode, d.holder_id, d.deadline, "
	    "d.made_from, "
	    "dm.code AS domain_code, s.prefix AS series_prefix, s.scope AS series_scope "
	    "FROM item i JOIN document d ON d.item_id = i.id LEFT JOIN domain dm ON dm.id = "
	    "d.domain_id LEFT JOIN doc_series s ON s.id = d.series_id WHERE i.id = ?",
	    "i", id);
}

/* 签发: the signer the rules authorise for the series and the domain on the day. */
static gboolean actor_signer(WorkStep *x, gboolean *yes, GError **err)
{
	json_t *ids = signers(x, err), *v;
	size_t i;

	*yes = FALSE;
	if (ids == NULL)
		return FALSE;
	json_array_foreach (ids, i, v)
		*yes = *yes || json_integer_value(v) == x->u->id;
	json_decref(ids);
	return TRUE;
}

/* 传阅: the reader whose turn it is (in order: the holder; in parallel: any who has not read). */
static gboolean actor_reader(WorkStep *x, gboolean *yes, GError **err)
{
	gint64 n = 0;

	*yes = FALSE;
	if (!docs_exec(x->c, &n, err,
	               "SELECT count(*) FROM doc_reader r JOIN document d ON d.item_id = "
	               "r.item_id WHERE r.item_id = ? AND r.user_id = ? AND r.read_at IS NULL "
	               "AND (d.circulation_mode = 'parallel' OR d.holder_id = r.user_id)",
	               "ii", x->id, x->u->id))
		return FALSE;
	*yes = n > 0;
	return TRUE;
}

/* 会签: a cosigning account, or a liaison of a cosigning unit, that has not signed yet. */
static gboolean actor_cosigner(WorkStep *x, gboolean *yes, GError **err)
{
	gint64 n = 0;

	*yes = FALSE;
	if (!docs_exec(x->c, &n, err,
	               "SELECT count(*) FROM doc_cosign WHERE item_id = ? AND signed_at IS NULL "
	               "AND (user_id = ? OR (unit_id = NULLIF(?, 0) AND ? = 1))",
	               "iiii", x->id, x->u->id, x->u->unit_id,
	               (gint64)((x->u->roles & AUTH_ROLE_LIAISON) != 0)))
		return FALSE;
	*yes = n > 0;
	return TRUE;
}

/* The people of the actors above (the inbox, who acts next). */
static gboolean list_signer(WorkStep *x, GArray *users, const char **pool, GError **err)
{
	json_t *ids = signers(x, err), *v;
	size_t i;

	if (ids == NULL)
		return FALSE;
	json_array_foreach (ids, i, v) {
		gint64 id = json_integer_value(v);
		g_array_append_val(users, id);
	}
	json_decref(ids);
	return TRUE;
}

static gboolean list_reader(WorkStep *x, GArray *users, const char **pool, GError **err)
{
	g_autoptr(json_t) rows = docs_rows(
	    x->c, err,
	    "SELECT r.user_id FROM doc_reader r JOIN document d ON d.item_id = r.item_id WHERE "
	    "r.item_id = ? AND r.read_at IS NULL AND (d.circulation_mode = 'parallel' OR "
	    "d.holder_id = r.user_id) ORDER BY r.position",
	    "i", x->id);
	json_t *r;
	size_t i;

	if (rows == NULL)
		return FALSE;
	json_array_foreach (rows, i, r) {
		gint64 id = json_integer_value(json_object_get(r, "user_id"));
		g_array_append_val(users, id);
	}
	return TRUE;
}

/* Whose inbox a 批示 waits in (the instruct step's "todo"): while the document waits for
 * 批示 (proposed, instructed), each leader it was proposed to who has not given one yet. Any
 * leader who may see it may still instruct (who: leader); only these are asked. */
static gboolean list_asked(WorkStep *x, GArray *users, const char **pool, GError **err)
{
	const char *st = doc_text(x, "status");
	g_autoptr(json_t) proposal = NULL, done = NULL;
	json_t *l;
	size_t i;

	if (!core_word_in(st, "proposed instructed") || doc_text(x, "proposal") == NULL)
		return TRUE;
	proposal = json_loads(doc_text(x, "proposal"), 0, NULL);
	done = docs_rows(x->c, err, "SELECT DISTINCT user_id FROM instruction WHERE item_id = ?",
	                 "i", x->id);
	if (done == NULL)
		return FALSE;
	json_array_foreach (json_object_get(proposal, "leaders"), i, l) {
		gint64 id = json_integer_value(json_object_get(l, "user_id"));
		gboolean given = FALSE;
		json_t *d;
		size_t k;
		json_array_foreach (done, k, d)
			given = given || json_integer_value(json_object_get(d, "user_id")) == id;
		if (id && !given)
			g_array_append_val(users, id);
	}
	return TRUE;
}

/* The actor of the same name: X->u is one of those asked for a 批示. */
static gboolean actor_asked(WorkStep *x, gboolean *yes, GError **err)
{
	g_autoptr(GArray) users = g_array_new(FALSE, FALSE, sizeof(gint64));

	*yes = FALSE;
	if (!list_asked(x, users, NULL, err))
		return FALSE;
	for (guint i = 0; i < users->len; i++)
		*yes = *yes || g_array_index(users, gint64, i) == x->u->id;
	return TRUE;
}

static gboolean list_cosigner(WorkStep *x, GArray *users, const char **pool, GError **err)
{
	g_autoptr(json_t) rows = docs_rows(
	    x->c, err,
	    "SELECT user_id, unit_id FROM doc_cosign WHERE item_id = ? AND signed_at IS NULL", "i",
	    x->id);
	json_t *r;
	size_t i;

	if (rows == NULL)
		return FALSE;
	json_array_foreach (rows, i, r) {
		gint64 id = json_integer_value(json_object_get(r, "user_id"));
		if (id)
			g_array_append_val(users, id);
		else if (!work_flow_list_liaisons(
		             x, json_integer_value(json_object_get(r, "unit_id")), users, err))
			return FALSE;
	}
	return TRUE;
}

/* 签收: a liaison of a unit the document was distributed to that has not signed for it. */
static gboolean actor_receiving(WorkStep *x, gboolean *yes, GError **err)
{
	gint64 n = 0;

	*yes = FALSE;
	if ((x->u->roles & AUTH_ROLE_LIAISON) == 0 || x->u->unit_id == 0)
		return TRUE;
	if (!docs_exec(x->c, &n, err,
	               "SELECT count(*) FROM doc_receipt WHERE item_id = ? AND unit_id = ? AND "
	               "received_at IS NULL",
	               "ii", x->id, x->u->unit_id))
		return FALSE;
	*yes = n > 0;
	return TRUE;
}

static gboolean list_receiving(WorkStep *x, GArray *users, const char **pool, GError **err)
{
	g_autoptr(json_t) rows =
	    docs_rows(x->c, err,
	              "SELECT unit_id FROM doc_receipt WHERE item_id = ? AND received_at IS NULL "
	              "ORDER BY unit_id",
	              "i", x->id);
	json_t *r;
	size_t i;

	if (rows == NULL)
		return FALSE;
	json_array_foreach (rows, i, r)
		if (!work_flow_list_liaisons(x, json_integer_value(json_object_get(r, "unit_id")),
		                             users, err))
			return FALSE;
	return TRUE;
}

static const WorkKind docs_kind = {.load = doc_row, .facts = docs_facts};

void docs_flow_register(void)
{
	work_flow_kind("incoming", &docs_kind);
	work_flow_kind("outgoing", &docs_kind);
	work_flow_actor("docs.signer",
	                N_("the signer the rules authorise for this series and domain"),
	                actor_signer);
	work_flow_actor("docs.reader", N_("the reader whose turn it is"), actor_reader);
	work_flow_actor("docs.cosigner", N_("a cosigner who has not signed yet"), actor_cosigner);
	work_flow_actor_list("docs.signer", list_signer);
	work_flow_actor_list("docs.reader", list_reader);
	work_flow_actor_list("docs.cosigner", list_cosigner);
	work_flow_actor("docs.asked_leader",
	                N_("a leader the document was proposed to who has not instructed yet"),
	                actor_asked);
	work_flow_actor_list("docs.asked_leader", list_asked);
	work_flow_hook("docs.propose", propose);
	work_flow_hook("docs.assign", assign);
	work_flow_hook("docs.circulate", circulate);
	work_flow_hook("docs.read", read_step);
	work_flow_hook("docs.submit", submit);
	work_flow_hook("docs.review", review);
	work_flow_hook("docs.request_cosign", request_cosign);
	work_flow_hook("docs.cosign", cosign);
	work_flow_hook("docs.sign", sign);
	work_flow_hook("docs.number", number);
	work_flow_hook("docs.distribute", distribute);
	work_flow_hook("docs.void", void_step);
	work_flow_actor("docs.receiving_unit",
	                N_("a liaison of a receiving unit that has not signed for it"),
	                actor_receiving);
	work_flow_actor_list("docs.receiving_unit", list_receiving);
	work_flow_hook("docs.receive", receive);
	docs_made_register();
}

json_t *docs_actions(DbConn *c, const AuthUser *u, gint64 id, GError **err)
{
	return work_flow_actions(c, u, id, err);
}

/* TRUE when U may mark document ID read now (the reader whose turn it is). */
static gboolean may_read(DbConn *c, const AuthUser *u, gint64 id, GError **err)
{
	g_autoptr(json_t) acts = docs_actions(c, u, id, err);
	json_t *a;
	size_t i;

	json_array_foreach (acts, i, a)
		if (g_strcmp0(json_string_value(a), "read") == 0)
			return TRUE;
	return FALSE;
}

gboolean docs_act(DbConn *c, const AuthUser *u, gint64 id, const char *action, json_t *body,
                  const char **field, GError **err)
{
	/* A 批示 by the reader whose turn it is may complete the reading too (also_read): one
	 * step for the leader, two in the history. */
	gboolean also_read =
	    g_strcmp0(action, "instruct") == 0 && json_is_true(json_object_get(body, "also_read"));
	g_autoptr(json_t) rest = json_is_object(body) ? json_copy(body) : NULL;
	GError *e = NULL;

	if (rest)
		json_object_del(rest, "also_read");
	if (also_read && !may_read(c, u, id, &e)) {
		if (e) {
			g_propagate_error(err, e);
			return FALSE;
		}
		also_read = FALSE; /* not their turn to read: the 批示 alone */
	}
	if (!work_flow_act(c, u, id, action, rest ? rest : body, field, err))
		return FALSE;
	if (also_read) {
		g_autoptr(json_t) read = json_object();
		return work_flow_act(c, u, id, "read", read, field, err);
	}
	return TRUE;
}
