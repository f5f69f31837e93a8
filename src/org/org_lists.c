/*
 * org_lists.c — reading assignments and their history, coverage gaps, departments, units and
 * the directory of people, and the routing rules.
 */
#define G_LOG_DOMAIN "mishu-org"

#include "org/org_internal.h"
#include "core/core.h"

#include <string.h>

/* ---- assignments and changes -------------------------------------------------------------- */

#define ASSIGNMENT_COLUMNS                                                                         \
	"a.id, a.leader_id, l.name AS leader_name, l.rank AS leader_rank, d.code AS domain_code, " \
	"a.domain_id, d.name AS domain_name, a.role, a.valid_from, a.valid_to, a.source, "         \
	"a.change_id, "                                                                            \
	"a.ended_by FROM assignment a JOIN leader l ON l.id = a.leader_id "                        \
	"JOIN domain d ON d.id = a.domain_id "

#define ASSIGNMENT_ORDER                                                                           \
	" ORDER BY d.position, d.id, CASE a.role WHEN 'lead' THEN 0 WHEN 'charge' THEN 1 "         \
	"ELSE 2 END, l.rank, a.valid_from"

json_t *org_assignments(DbConn *c, const OrgAssignmentFilter *f, GError **err)
{
	/* One statement: each condition is disabled by its own NULL/0 parameter. */
	return org_rows(
	    c, err,
	    "SELECT " ASSIGNMENT_COLUMNS "WHERE (CAST(? AS TEXT) IS NULL OR " ORG_IN_FORCE(
	        "a") ") "
	             "AND (? = 0 OR a.leader_id = ?) AND (CAST(? AS TEXT) IS NULL OR d.code = "
	             "?)" ASSIGNMENT_ORDER,
	    "sssiiss", f->on, f->on, f->on, f->leader_id, f->leader_id, f->domain, f->domain);
}

json_t *org_changes(DbConn *c, GError **err)
{
	json_t *changes = org_rows(c, err,
	                           "SELECT ch.id, ch.effective, ch.source, ch.note, ch.created_at, "
	                           "ch.created_by, u.username AS created_by_username, "
	                           "u.display_name AS created_by_name FROM org_change ch "
	                           "LEFT JOIN user_account u ON u.id = ch.created_by "
	                           "ORDER BY ch.effective DESC, ch.id DESC",
	                           NULL);
	json_t *made, *ended, *ch;
	GHashTable *by_made, *by_ended;
	size_t i;

	if (changes == NULL)
		return NULL;
	made = org_rows(
	    c, err, "SELECT " ASSIGNMENT_COLUMNS "WHERE a.change_id IS NOT NULL" ASSIGNMENT_ORDER,
	    NULL);
	ended = made ? org_rows(c, err,
	                        "SELECT " ASSIGNMENT_COLUMNS
	                        "WHERE a.ended_by IS NOT NULL" ASSIGNMENT_ORDER,
	                        NULL)
	             : NULL;
	if (ended == NULL) {
		json_decref(made);
		json_decref(changes);
		return NULL;
	}
	by_made = org_group_by(made, "change_id");
	by_ended = org_group_by(ended, "ended_by");
	json_array_foreach (changes, i, ch) {
		gint64 id = json_integer_value(json_object_get(ch, "id"));
		json_t *m = g_hash_table_lookup(by_made, &id),
		       *e = g_hash_table_lookup(by_ended, &id);
		json_object_set_new(ch, "assigned", m ? json_incref(m) : json_array());
		json_object_set_new(ch, "ended", e ? json_incref(e) : json_array());
	}
	g_hash_table_unref(by_made);
	g_hash_table_unref(by_ended);
	return changes;
}

json_t *org_gaps(DbConn *c, const char *on, GError **err)
{
	json_t *domains = org_domains(c, err), *covered, *gaps, *d;
	GHashTable *held, *id_of_code;
	size_t i;

	if (domains == NULL)
		return NULL;
	covered =
	    org_rows(c, err,
	             "SELECT DISTINCT a.domain_id FROM assignment a JOIN leader l ON "
	             "l.id = a.leader_id WHERE a.role IN ('lead', 'charge') AND " ORG_IN_FORCE(
	                 "a") " AND " ORG_IN_FORCE("l"),
	             "ssss", on, on, on, on);
	if (covered == NULL) {
		json_decref(domains);
		return NULL;
	}
	held = org_group_by(covered, "domain_id");
	/* domains come in tree order, so a parent's coverage is known before its children's */
	id_of_code = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
	gaps = json_array();
	json_array_foreach (domains, i, d) {
		gint64 id = json_integer_value(json_object_get(d, "id"));
		gint64 parent = json_integer_value(json_object_get(d, "parent_id"));
		gboolean ok = g_hash_table_contains(held, &id) ||
		              (parent && g_hash_table_contains(id_of_code, &parent));

		if (ok)
			g_hash_table_add(id_of_code, g_memdup2(&id, sizeof id));
		else if (json_integer_value(json_object_get(d, "active")))
			json_array_append_new(
			    gaps, json_pack("{s:O, s:O, s:O}", "code", json_object_get(d, "code"),
			                    "name", json_object_get(d, "name"), "parent_code",
			                    json_object_get(d, "parent_code")));
	}
	g_hash_table_unref(id_of_code);
	g_hash_table_unref(held);
	json_decref(domains);
	return gaps;
}

/* ---- departments -------------------------------------------------------------------------- */

json_t *org_departments(DbConn *c, GError **err)
{
	json_t *deps = org_rows(c, err,
	                        "SELECT id, code, name, duties, phone, position FROM department "
	                        "ORDER BY position, id",
	                        NULL);
	json_t *work, *staff, *d;
	GHashTable *by_work;
	size_t i;

	if (deps == NULL)
		return NULL;
	work = org_rows(c, err, "SELECT department_id, work_kind FROM department_work", NULL);
	staff = work ? org_rows(c, err,
	                        "SELECT d.id AS department_id, u.id AS user_id, u.username, "
	                        "u.display_name AS name, u.title, u.phone FROM user_account u "
	                        "JOIN department d ON d.name = u.department WHERE u.disabled = 0 "
	                        "ORDER BY d.id, u.id",
	                        NULL)
	             : NULL;
	if (staff == NULL) {
		json_decref(work);
		json_decref(deps);
		return NULL;
	}
	by_work = org_group_by(work, "department_id");
	{
		g_autoptr(GHashTable) by_staff = org_group_by(staff, "department_id");
		json_array_foreach (deps, i, d) {
			gint64 id = json_integer_value(json_object_get(d, "id"));
			json_t *w = g_hash_table_lookup(by_work, &id), *kinds = json_array(), *k;
			json_t *s = g_hash_table_lookup(by_staff, &id);
			size_t j;

			/* in the office's order of work kinds */
			for (gsize n = 0; org_work_kinds[n]; n++)
				json_array_foreach (w, j, k)
					if (strcmp(
					        json_string_value(json_object_get(k, "work_kind")),
					        org_work_kinds[n]) == 0)
						json_array_append_new(
						    kinds, json_string(org_work_kinds[n]));
			json_object_set_new(d, "work", kinds);
			json_object_set_new(d, "staff", s ? json_incref(s) : json_array());
		}
	}
	g_hash_table_unref(by_work);
	return deps;
}

/* ---- units and people --------------------------------------------------------------------- */

#define UNIT_COLUMNS                                                                               \
	"n.id, n.code, n.name, n.short_name, n.kind, d.code AS domain_code, n.domain_id, d.name "  \
	"AS domain_name, "                                                                         \
	"n.phone, n.fax, n.email, n.address, n.position, n.active FROM unit n "                    \
	"LEFT JOIN domain d ON d.id = n.domain_id "

#define UNIT_ORDER                                                                                 \
	" ORDER BY CASE n.kind WHEN 'party' THEN 0 WHEN 'government' THEN 1 WHEN 'legislature' "   \
	"THEN 2 WHEN 'cppcc' THEN 3 WHEN 'judicial' THEN 4 WHEN 'mass' THEN 5 WHEN 'district' "    \
	"THEN 6 WHEN 'military' THEN 7 ELSE 8 END, n.position, n.id"

/* Attaches liaisons and linked leaders (as of ON) to each unit of UNITS. */
static gboolean units_attach(DbConn *c, json_t *units, const char *on, GError **err)
{
	json_t *liaisons, *leaders, *n;
	GHashTable *by_liaison, *by_leader;
	size_t i;

	liaisons =
	    org_rows(c, err,
	             "SELECT u.unit_id, u.id AS user_id, u.username, u.display_name AS name, "
	             "u.title, u.phone FROM user_account u JOIN user_role r ON r.user_id = u.id "
	             "AND r.role = 'liaison' WHERE u.disabled = 0 ORDER BY u.id",
	             NULL);
	leaders = liaisons
	              ? org_rows(c, err,
	                         "SELECT lu.unit_id, l.id, l.name, lu.relation FROM leader_unit lu "
	                         "JOIN leader l ON l.id = lu.leader_id WHERE " ORG_IN_FORCE(
	                             "lu") " ORDER BY l.rank",
	                         "ss", on, on)
	              : NULL;
	if (leaders == NULL) {
		json_decref(liaisons);
		return FALSE;
	}
	by_liaison = org_group_by(liaisons, "unit_id");
	by_leader = org_group_by(leaders, "unit_id");
	json_array_foreach (units, i, n) {
		gint64 id = json_integer_value(json_object_get(n, "id"));
		json_t *a = g_hash_table_lookup(by_liaison, &id),
		       *b = g_hash_table_lookup(by_leader, &id);
		json_object_set_new(n, "liaisons", a ? json_incref(a) : json_array());
		json_object_set_new(n, "leaders", b ? json_incref(b) : json_array());
	}
	g_hash_table_unref(by_liaison);
	g_hash_table_unref(by_leader);
	return TRUE;
}

json_t *org_units(DbConn *c, const char *q, const char *kind, const char *on, GError **err)
{
	g_autofree char *pat = (q && *q) ? org_like_pattern(q) : NULL;
	json_t *rows = org_rows(
	    c, err,
	    "SELECT " UNIT_COLUMNS
	    "WHERE (CAST(? AS TEXT) IS NULL OR n.kind = ?) AND (CAST(? AS TEXT) IS NULL "
	    "OR lower(n.name) LIKE ? ESCAPE '\\' OR lower(n.short_name) LIKE ? ESCAPE '\\' "
	    "OR lower(n.code) LIKE ? ESCAPE '\\' OR n.phone LIKE ? ESCAPE '\\' "
	    "OR n.address LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM user_account u "
	    "WHERE u.unit_id = n.id AND u.disabled = 0 AND (lower(u.display_name) LIKE ? "
	    "ESCAPE '\\' OR u.phone LIKE ? ESCAPE '\\')))" UNIT_ORDER,
	    "ssssssssss", kind, kind, pat, pat, pat, pat, pat, pat, pat, pat);

	if (rows && !units_attach(c, rows, on, err)) {
		json_decref(rows);
		return NULL;
	}
	return rows;
}

json_t *org_recipients(DbConn *c, GError **err)
{
	json_t *rows = org_rows(c, err,
	                        "SELECT id, code, name, kind, unit_kinds FROM org_recipient WHERE "
	                        "active = 1 ORDER BY position, id",
	                        NULL),
	       *r;
	size_t i;

	json_array_foreach (rows, i, r) {
		g_auto(GStrv) kinds =
		    g_strsplit(json_string_value(json_object_get(r, "unit_kinds")), ",", 0);
		json_t *a = json_array();

		for (gsize k = 0; kinds[k]; k++)
			if (*kinds[k])
				json_array_append_new(a, json_string(kinds[k]));
		json_object_set_new(r, "unit_kinds", a);
	}
	return rows;
}

json_t *org_unit(DbConn *c, gint64 id, const char *on, GError **err)
{
	json_t *rows = org_rows(c, err, "SELECT " UNIT_COLUMNS "WHERE n.id = ?", "i", id), *one;

	if (rows == NULL)
		return NULL;
	if (json_array_size(rows) == 0) {
		json_decref(rows);
		g_set_error_literal(err, ORG_ERROR, ORG_ERROR_NOT_FOUND,
		                    N_("There is no such unit."));
		return NULL;
	}
	if (!units_attach(c, rows, on, err)) {
		json_decref(rows);
		return NULL;
	}
	one = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	return one;
}

json_t *org_people(DbConn *c, const char *q, GError **err)
{
	g_autofree char *pat = (q && *q) ? org_like_pattern(q) : NULL;

	return org_rows(
	    c, err,
	    "SELECT u.id AS user_id, u.username, u.display_name AS name, u.title, "
	    "u.department, u.phone, l.id AS leader_id FROM user_account u "
	    "LEFT JOIN leader l ON l.user_id = u.id WHERE u.disabled = 0 "
	    "AND (l.id IS NOT NULL OR EXISTS (SELECT 1 FROM user_role r WHERE "
	    "r.user_id = u.id AND r.role = 'staff')) AND (CAST(? AS TEXT) IS NULL OR "
	    "lower(u.display_name) LIKE ? ESCAPE '\\' OR lower(u.title) LIKE ? ESCAPE '\\' "
	    "OR lower(COALESCE(u.department, '')) LIKE ? ESCAPE '\\' OR "
	    "COALESCE(u.phone, '') LIKE ? ESCAPE '\\') "
	    "ORDER BY CASE WHEN l.id IS NULL THEN 1 ELSE 0 END, l.rank, u.department, u.id",
	    "sssss", pat, pat, pat, pat, pat);
}

/* ---- rules -------------------------------------------------------------------------------- */

json_t *org_rules(DbConn *c, GError **err)
{
	return org_rows(c, err,
	                "SELECT id, name, work_kind, origin, scope, max_severity, target, mode, "
	                "position, active FROM route_rule ORDER BY position, id",
	                NULL);
}

/* ---- who acts: leaders of accounts, signers, handling staff -------------------------------- */

gboolean org_leader_of_user(DbConn *c, gint64 user_id, gint64 *leader_id, GError **err)
{
	*leader_id = 0;
	return org_exec(c, leader_id, err, "SELECT id FROM leader WHERE user_id = ?", "i", user_id);
}

/* The integer column "id" of ROWS (stolen) as a JSON array. */
static json_t *ids_of(json_t *rows)
{
	json_t *ids = json_array(), *r;
	size_t i;

	json_array_foreach (rows, i, r)
		json_array_append(ids, json_object_get(r, "id"));
	json_decref(rows);
	return ids;
}

json_t *org_signers(DbConn *c, const char *scope, const char *domain, const char *on, GError **err)
{
	json_t *rows;

	if (g_strcmp0(scope, "office") == 0)
		rows = org_rows(
		    c, err,
		    /* the office's own 主任, not a unit's (a unit's liaison is often its
		     * 办公室主任) */
		    "SELECT u.id FROM user_account u LEFT JOIN leader l ON l.user_id = "
		    "u.id WHERE u.disabled = 0 AND ((u.title IN ('秘书长', '办公室主任') AND "
		    "u.unit_id IS NULL) OR "
		    "EXISTS (SELECT 1 FROM leader_post p WHERE p.leader_id = l.id AND "
		    "p.post = '秘书长'))",
		    NULL);
	else
		rows = org_rows(
		    c, err,
		    "SELECT l.user_id AS id FROM leader l WHERE l.user_id IS NOT NULL "
		    "AND " ORG_IN_FORCE(
		        "l") " AND (l.kind = 'secretary' OR EXISTS (SELECT 1 FROM "
		             "assignment a JOIN domain d ON d.id = a.domain_id WHERE a.leader_id = "
		             "l.id AND a.role IN ('lead', 'charge') AND d.code = ? "
		             "AND " ORG_IN_FORCE("a") "))",
		    "sssss", on, on, domain, on, on);
	return rows ? ids_of(rows) : NULL;
}

json_t *org_handling_staff(DbConn *c, const char *work_kind, GError **err)
{
	json_t *rows =
	    org_rows(c, err,
	             "SELECT DISTINCT u.id FROM user_account u JOIN department d ON d.name = "
	             "u.department JOIN department_work w ON w.department_id = d.id AND "
	             "w.work_kind = ? WHERE u.disabled = 0 ORDER BY u.id",
	             "s", work_kind);

	return rows ? ids_of(rows) : NULL;
}
