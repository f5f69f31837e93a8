/*
 * org_route.c — routing: who should get a piece of work on a date, and why. The answer comes
 * from data only: the effective-dated assignments of the domain (or of its nearest ancestor that
 * has any), the routing rules that match the query, the assisting official of the first leader
 * and the department that handles the kind of work. Every person comes with a reason a clerk can
 * read aloud.
 */
#define G_LOG_DOMAIN "mishu-org"

#include "org/org_internal.h"
#include "core/core.h"

#include <string.h>

/* The answer being built. */
typedef struct {
	const char *lang;
	json_t *leaders;  /* array, in order */
	json_t *why;      /* array of sentences */
	GHashTable *seen; /* leader id → its object in LEADERS (borrowed) */
} Route;

static const char *tr(Route *r, const char *msgid) G_GNUC_FORMAT(2);
static const char *tr(Route *r, const char *msgid)
{
	return core_tr(r->lang, msgid);
}

/* Appends a leader row (from a query: id, name, title, rank, kind, user_id, username) with ROLE,
 * BASIS and REASON, unless already there; the reason goes to "why" either way. */
static void route_add(Route *r, json_t *row, const char *role, const char *basis,
                      const char *reason)
{
	gint64 id = json_integer_value(json_object_get(row, "id"));

	json_array_append_new(r->why, json_string(reason));
	if (g_hash_table_contains(r->seen, &id))
		return;
	json_t *l = json_pack(
	    "{s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:s, s:s, s:s}", "id", json_object_get(row, "id"),
	    "name", json_object_get(row, "name"), "title", json_object_get(row, "title"), "rank",
	    json_object_get(row, "rank"), "kind", json_object_get(row, "kind"), "user_id",
	    json_object_get(row, "user_id"), "username", json_object_get(row, "username"), "role",
	    role, "basis", basis, "reason", reason);
	json_array_append_new(r->leaders, l);
	g_hash_table_add(r->seen, g_memdup2(&id, sizeof id));
}

#define LEADER_FIELDS "l.id, l.name, l.title, l.rank, l.kind, l.user_id, u.username "
#define LEADER_ROW    LEADER_FIELDS "FROM leader l LEFT JOIN user_account u ON u.id = l.user_id "

/*
 * Adds the leaders assigned to DOMAIN (a row {id, code, name, parent_id}) on ON, walking up to
 * the nearest ancestor with assignments. Sets *IN_CHARGE when someone holds it as 主管 or 分管.
 */
static gboolean route_domain(DbConn *c, Route *r, json_t *domain, const char *on,
                             gboolean *in_charge, GError **err)
{
	json_t *d = json_incref(domain);

	*in_charge = FALSE;
	for (int hops = 0; d && hops < 16; hops++) {
		gint64 id = json_integer_value(json_object_get(d, "id"));
		gint64 parent = json_integer_value(json_object_get(d, "parent_id"));
		json_t *rows = org_rows(
		    c, err,
		    "SELECT " LEADER_FIELDS ", a.role, a.valid_from, a.source FROM assignment a "
		    "JOIN leader l ON l.id = a.leader_id LEFT JOIN user_account u ON "
		    "u.id = l.user_id WHERE a.domain_id = ? AND " ORG_IN_FORCE(
		        "a") " AND " ORG_IN_FORCE("l") " ORDER BY CASE a.role WHEN 'lead' THEN 0 "
		                                       "WHEN 'charge' "
		                                       "THEN 1 ELSE 2 END, l.rank",
		    "issss", id, on, on, on, on);
		json_t *row, *next;
		size_t i;

		if (rows == NULL) {
			json_decref(d);
			return FALSE;
		}
		json_array_foreach (rows, i, row) {
			const char *role = json_string_value(json_object_get(row, "role"));
			const char *source = json_string_value(json_object_get(row, "source"));
			g_autofree char *basis = NULL, *reason = NULL;

			if (strcmp(role, "assist"))
				*in_charge = TRUE;
			/* "宣传思想文化 is in 李某's 分工 (分管) since 2026-03-01, source
			 * 江委发〔2026〕3号" */
			basis = g_strdup_printf(
			    source && *source ? tr(r, N_("%s is in %s's division of responsibility "
			                                 "(%s) since %s, source %s"))
			                      : tr(r, N_("%s is in %s's division of responsibility "
			                                 "(%s) since %s")),
			    json_string_value(json_object_get(d, "name")),
			    json_string_value(json_object_get(row, "name")),
			    tr(r, org_role_title(role)),
			    json_string_value(json_object_get(row, "valid_from")), source);
			if (d == domain)
				reason = g_steal_pointer(&basis);
			else
				reason = g_strdup_printf(
				    tr(r, N_("%s has no leader of its own: %s")),
				    json_string_value(json_object_get(domain, "name")), basis);
			route_add(r, row, role, "domain", reason);
		}
		json_decref(rows);
		if (i > 0 || parent == 0)
			break;
		next = org_rows(
		    c, err,
		    "SELECT id, code, name, COALESCE(parent_id, 0) AS parent_id FROM domain "
		    "WHERE id = ?",
		    "i", parent);
		json_decref(d);
		if (next == NULL)
			return FALSE;
		d = json_incref(json_array_get(next, 0));
		json_decref(next);
	}
	json_decref(d);
	return TRUE;
}

/* Applies the matching rules of Q. Sets *ONLY when a rule replaces the domain's leaders (the
 * leaders found so far are then dropped) and *MATCHED to the number of rules that applied. */
static gboolean route_rules(DbConn *c, Route *r, const OrgRouteQuery *q, const char *on,
                            int *matched, GError **err)
{
	json_t *rules = org_rows(
	    c, err,
	    "SELECT id, name, target, mode FROM route_rule WHERE active = 1 "
	    "AND (work_kind IS NULL OR work_kind = ?) AND (origin IS NULL OR origin = ?) "
	    "AND (scope IS NULL OR scope = ?) AND (max_severity IS NULL OR (? > 0 AND ? <= "
	    "max_severity)) ORDER BY CASE mode WHEN 'only' THEN 0 ELSE 1 END, position, id",
	    "sssii", q->work, q->origin ? q->origin : "", q->scope ? q->scope : "",
	    (gint64)q->severity, (gint64)q->severity);
	json_t *rule;
	size_t i;

	if (rules == NULL)
		return FALSE;
	*matched = 0;
	json_array_foreach (rules, i, rule) {
		const char *target = json_string_value(json_object_get(rule, "target"));
		json_t *who, *row;
		size_t j;

		if (strcmp(json_string_value(json_object_get(rule, "mode")), "only") == 0 &&
		    *matched == 0) {
			/* this rule decides alone: forget the domain's leaders */
			json_array_clear(r->leaders);
			json_array_clear(r->why);
			g_hash_table_remove_all(r->seen);
		}
		(*matched)++;
		who = org_rows(
		    c, err,
		    "SELECT " LEADER_ROW "WHERE " ORG_IN_FORCE(
		        "l") " AND (? = 'standing' OR (? = 'secretary' AND l.kind = 'secretary') "
		             "OR (? = 'deputies' AND l.kind = 'deputy')) ORDER BY l.rank, l.id",
		    "sssss", on, on, target, target, target);
		if (who == NULL) {
			json_decref(rules);
			return FALSE;
		}
		json_array_foreach (who, j, row) {
			g_autofree char *reason =
			    g_strdup_printf(tr(r, N_("Rule \u201c%s\u201d applies: %s (%s)")),
			                    json_string_value(json_object_get(rule, "name")),
			                    json_string_value(json_object_get(row, "name")),
			                    json_string_value(json_object_get(row, "title")));
			route_add(r, row, "rule", "rule", reason);
		}
		json_decref(who);
	}
	json_decref(rules);
	return TRUE;
}

/* The assisting official of the first leader on ON, with a reason; JSON null when none. */
static json_t *route_assistant(DbConn *c, Route *r, const char *on, GError **err)
{
	json_t *first = json_array_get(r->leaders, 0), *rows, *a;
	g_autofree char *reason = NULL;

	if (first == NULL)
		return json_null();
	rows = org_rows(c, err,
	                "SELECT s.user_id, u.display_name AS name, u.title, u.phone FROM "
	                "leader_assistant s JOIN user_account u ON u.id = s.user_id WHERE "
	                "s.leader_id = ? AND " ORG_IN_FORCE("s") " ORDER BY s.valid_from DESC",
	                "iss", (gint64)json_integer_value(json_object_get(first, "id")), on, on);
	if (rows == NULL)
		return NULL;
	if (json_array_size(rows) == 0) {
		json_decref(rows);
		return json_null();
	}
	a = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	reason = g_strdup_printf(tr(r, N_("%s assists %s")),
	                         json_string_value(json_object_get(a, "name")),
	                         json_string_value(json_object_get(first, "name")));
	json_object_set_new(a, "reason", json_string(reason));
	json_array_append_new(r->why, json_string(reason));
	return a;
}

/* The first department (by position) that handles WORK, with a reason; JSON null when none. */
static json_t *route_department(DbConn *c, Route *r, const char *work, GError **err)
{
	json_t *rows = org_rows(c, err,
	                        "SELECT d.id, d.code, d.name, d.phone FROM department d JOIN "
	                        "department_work w ON w.department_id = d.id WHERE w.work_kind = ? "
	                        "ORDER BY d.position, d.id",
	                        "s", work);
	json_t *d;
	g_autofree char *reason = NULL;

	if (rows == NULL)
		return NULL;
	if (json_array_size(rows) == 0) {
		json_decref(rows);
		return json_null();
	}
	d = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	reason = g_strdup_printf(tr(r, N_("%s handles %s")),
	                         json_string_value(json_object_get(d, "name")),
	                         tr(r, org_work_kind_title(work)));
	json_object_set_new(d, "reason", json_string(reason));
	json_array_append_new(r->why, json_string(reason));
	return d;
}

/* NULL with ORG_ERROR_INVALID (MSGID) and *FIELD = NAME. */
static json_t *bad(GError **err, const char **field, const char *name, const char *msgid)
{
	if (field)
		*field = name;
	g_set_error_literal(err, ORG_ERROR, ORG_ERROR_INVALID, msgid);
	return NULL;
}

json_t *org_route(DbConn *c, const OrgRouteQuery *q, const char *lang, const char **field,
                  GError **err)
{
	g_autofree char *today = NULL;
	const char *on = q->on;
	json_t *domain = NULL, *out = NULL, *assistant = NULL, *department = NULL, *warnings;
	gboolean in_charge = FALSE;
	int matched = 0;
	Route r = {.lang = lang};

	if (!org_work_kind_valid(q->work))
		return bad(err, field, "work",
		           N_("Name the kind of work: incoming, outgoing, meeting, report, task, "
		              "study, petition, incident, rule or coordination."));
	if (on == NULL || *on == '\0')
		on = today = core_today();
	else if (!core_date_valid(on))
		return bad(err, field, "on", N_("Write the date as YYYY-MM-DD."));
	if (q->severity < 0 || q->severity > 4)
		return bad(err, field, "severity",
		           N_("The severity is an incident level from 1 (Ⅰ) to 4 (Ⅳ)."));
	if (q->origin && *q->origin && strcmp(q->origin, "higher"))
		return bad(err, field, "origin",
		           N_("The origin is 'higher' (a higher committee) or absent."));
	if (q->scope && *q->scope && strcmp(q->scope, "committee"))
		return bad(err, field, "scope",
		           N_("The scope is 'committee' (a committee-wide matter) or absent."));
	if (q->domain && *q->domain) {
		json_t *rows =
		    org_rows(c, err,
		             "SELECT id, code, name, COALESCE(parent_id, 0) AS parent_id "
		             "FROM domain WHERE code = ?",
		             "s", q->domain);
		if (rows == NULL)
			return NULL;
		if (json_array_size(rows) == 0) {
			json_decref(rows);
			return bad(err, field, "domain", N_("There is no such domain."));
		}
		domain = json_incref(json_array_get(rows, 0));
		json_decref(rows);
	}

	r.leaders = json_array();
	r.why = json_array();
	r.seen = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
	warnings = json_array();
	if (domain && !route_domain(c, &r, domain, on, &in_charge, err))
		goto out;
	if (!route_rules(c, &r, q, on, &matched, err))
		goto out;
	if (domain == NULL && matched == 0) {
		bad(err, field, "domain",
		    N_("Name a domain, or a scope or origin that a routing rule covers."));
		goto out;
	}
	if (domain && !in_charge) {
		g_autofree char *w = g_strdup_printf(
		    tr(&r, N_("Nobody is in charge of %s on %s: assign it in the division of "
		              "responsibility.")),
		    json_string_value(json_object_get(domain, "name")), on);
		json_array_append_new(warnings, json_string(w));
	}
	if ((assistant = route_assistant(c, &r, on, err)) == NULL ||
	    (department = route_department(c, &r, q->work, err)) == NULL)
		goto out;
	if (json_is_null(department)) {
		g_autofree char *w = g_strdup_printf(tr(&r, N_("No department handles %s.")),
		                                     tr(&r, org_work_kind_title(q->work)));
		json_array_append_new(warnings, json_string(w));
	}
	out = json_pack("{s:s, s:o, s:s, s:O, s:O, s:O, s:O, s:O, s:b}", "work", q->work, "domain",
	                domain ? json_pack("{s:O, s:O}", "code", json_object_get(domain, "code"),
	                                   "name", json_object_get(domain, "name"))
	                       : json_null(),
	                "on", on, "leaders", r.leaders, "assistant", assistant, "department",
	                department, "why", r.why, "warnings", warnings, "gap",
	                domain != NULL && !in_charge);
out:
	json_decref(domain);
	json_decref(assistant);
	json_decref(department);
	json_decref(warnings);
	json_decref(r.leaders);
	json_decref(r.why);
	g_hash_table_unref(r.seen);
	return out;
}
