/*
 * org_change.c — dated changes of the division of responsibility (分工调整). A change closes
 * the assignments it ends and opens new ones from its effective date; no row's facts are ever
 * rewritten, so the division on any past date reads back exactly (org_assignments with "on").
 */
#define G_LOG_DOMAIN "mishu-org"

#include "org/org_internal.h"
#include "core/core.h"

#include <string.h>

/* Sets ERR (CODE, MSGID) and *FIELD = "LIST[I].NAME" (g_free); returns FALSE. */
static gboolean entry_error(GError **err, char **field, int code, const char *list, size_t i,
                            const char *name, const char *msgid)
{
	if (field)
		*field = g_strdup_printf("%s[%zu].%s", list, i, name);
	g_set_error_literal(err, ORG_ERROR, code, msgid);
	return FALSE;
}

/* Resolves entry E's leader and domain into *LEADER and *DOMAIN; errors name LIST[I]. */
static gboolean entry_resolve(DbConn *c, json_t *e, const char *list, size_t i, gint64 *leader,
                              gint64 *domain, char **field, GError **err)
{
	GError *x = NULL;

	if (!json_is_object(e))
		return entry_error(err, field, ORG_ERROR_INVALID, list, i, "leader",
		                   N_("Each entry names a leader and a domain."));
	if (!org_leader_resolve(c, json_object_get(e, "leader"), leader, &x)) {
		int kind = x->code == ORG_ERROR_DB ? ORG_ERROR_DB : ORG_ERROR_INVALID;
		g_error_free(x);
		return entry_error(err, field, kind, list, i, "leader",
		                   N_("There is no such leader."));
	}
	/* a domain's code or id (CONTRACT.md); the field is named below with the entry's index */
	if (!work_ref_resolve(ORG_ERRORS, ORG_ERROR_INVALID, c, WORK_REF_DOMAIN, "domain",
	                      json_object_get(e, "domain"), domain, NULL, &x) ||
	    *domain == 0) {
		int kind = x && x->code == ORG_ERROR_DB ? ORG_ERROR_DB : ORG_ERROR_INVALID;
		g_clear_error(&x);
		return entry_error(err, field, kind, list, i, "domain",
		                   N_("There is no such domain."));
	}
	return TRUE;
}

/*
 * Closes the open assignment of LEADER in DOMAIN the day before EFFECTIVE, recording CHANGE as
 * the one that ended it. *FOUND tells whether there was one. A row that starts on or after
 * EFFECTIVE cannot be ended by this change: ORG_ERROR_CONFLICT.
 */
static gboolean close_open(DbConn *c, gint64 leader, gint64 domain, const char *effective,
                           gint64 change, gboolean *found, GError **err)
{
	g_autofree char *before = org_date_before(effective);
	json_t *open = org_rows(c, err,
	                        "SELECT id, valid_from FROM assignment WHERE leader_id = ? AND "
	                        "domain_id = ? AND valid_to IS NULL",
	                        "ii", leader, domain);
	json_t *row;
	size_t i;

	if (open == NULL)
		return FALSE;
	*found = json_array_size(open) > 0;
	json_array_foreach (open, i, row) {
		if (strcmp(json_string_value(json_object_get(row, "valid_from")), effective) >= 0) {
			json_decref(open);
			g_set_error_literal(err, ORG_ERROR, ORG_ERROR_CONFLICT,
			                    N_("This assignment starts on or after the date of the "
			                       "change; give a later date."));
			return FALSE;
		}
		/* "valid_to IS NULL" again: a concurrent change that ended the row first (its
		 * UPDATE made this one wait, on PostgreSQL) leaves nothing to end here */
		if (!org_exec(c, NULL, err,
		              "UPDATE assignment SET valid_to = ?, ended_by = ? WHERE id = ? AND "
		              "valid_to IS NULL",
		              "sii", before, change,
		              (gint64)json_integer_value(json_object_get(row, "id")))) {
			json_decref(open);
			return FALSE;
		}
		if (db_changes(c) != 1) {
			json_decref(open);
			g_set_error_literal(err, ORG_ERROR, ORG_ERROR_CONFLICT,
			                    N_("Someone changed this assignment at the same time; "
			                       "reload and try again."));
			return FALSE;
		}
	}
	json_decref(open);
	return TRUE;
}

/* FALSE with ORG_ERROR_INVALID unless LEADER is in office on DATE. */
static gboolean in_office(DbConn *c, gint64 leader, const char *date, GError **err)
{
	gint64 n = 0;

	if (!org_exec(c, &n, err,
	              "SELECT count(*) FROM leader l WHERE l.id = ? AND " ORG_IN_FORCE("l"), "iss",
	              leader, date, date))
		return FALSE;
	if (n == 0) {
		g_set_error_literal(err, ORG_ERROR, ORG_ERROR_INVALID,
		                    N_("This leader is not in office on the date of the change."));
		return FALSE;
	}
	return TRUE;
}

gboolean org_change_apply(DbConn *c, json_t *change, gint64 actor_id, gint64 *change_id,
                          char **field, GError **err)
{
	const char *effective = json_string_value(json_object_get(change, "effective"));
	const char *source = json_string_value(json_object_get(change, "source"));
	const char *note = json_string_value(json_object_get(change, "note"));
	json_t *end = json_object_get(change, "end"), *assign = json_object_get(change, "assign");
	json_t *e;
	gint64 id = 0;
	size_t i;

#define FAIL(name, msgid)                                                                          \
	do {                                                                                       \
		if (field)                                                                         \
			*field = g_strdup(name);                                                   \
		g_set_error_literal(err, ORG_ERROR, ORG_ERROR_INVALID, msgid);                     \
		return FALSE;                                                                      \
	} while (0)

	if (!core_date_valid(effective))
		FAIL("effective", N_("Give the date the change takes effect as YYYY-MM-DD."));
	if (json_object_get(change, "source") && (!source || g_utf8_strlen(source, -1) > 60))
		FAIL("source",
		     N_("The source is the announcing document's number, up to 60 characters."));
	if (json_object_get(change, "note") && (!note || g_utf8_strlen(note, -1) > 500))
		FAIL("note", N_("The note is text of up to 500 characters."));
	if ((end && !json_is_array(end)) || (assign && !json_is_array(assign)))
		FAIL(end && !json_is_array(end) ? "end" : "assign",
		     N_("List the assignments to end and to make."));
	if (json_array_size(end) + json_array_size(assign) == 0)
		FAIL("assign", N_("A change ends or makes at least one assignment."));
	if (json_array_size(end) + json_array_size(assign) > 1000)
		FAIL("assign", N_("A change may hold at most 1000 entries."));
#undef FAIL

	if (!org_exec(c, &id, err,
	              "INSERT INTO org_change (effective, source, note, created_by, created_at) "
	              "VALUES (?, ?, ?, NULLIF(?, 0), ?) RETURNING id",
	              "sssii", effective, source ? source : "", note ? note : "", actor_id,
	              core_now()))
		return FALSE;

	json_array_foreach (end, i, e) {
		gint64 leader, domain;
		gboolean found = FALSE;
		GError *x = NULL;

		if (!entry_resolve(c, e, "end", i, &leader, &domain, field, err))
			return FALSE;
		if (!close_open(c, leader, domain, effective, id, &found, &x)) {
			if (field)
				*field = g_strdup_printf("end[%zu].domain", i);
			g_propagate_error(err, x);
			return FALSE;
		}
		if (!found)
			return entry_error(
			    err, field, ORG_ERROR_CONFLICT, "end", i, "domain",
			    N_("This leader holds no open assignment of this domain."));
	}
	json_array_foreach (assign, i, e) {
		const char *role = json_string_value(json_object_get(e, "role"));
		gint64 leader, domain;
		gboolean found;
		GError *x = NULL;

		if (!entry_resolve(c, e, "assign", i, &leader, &domain, field, err))
			return FALSE;
		if (role == NULL)
			role = "charge";
		if (strcmp(role, "lead") && strcmp(role, "charge") && strcmp(role, "assist"))
			return entry_error(
			    err, field, ORG_ERROR_INVALID, "assign", i, "role",
			    N_("Choose lead (主管), charge (分管) or assist (协管)."));
		if (!in_office(c, leader, effective, &x) ||
		    !close_open(c, leader, domain, effective, id, &found, &x)) {
			if (field)
				*field = g_strdup_printf("assign[%zu].%s", i,
				                         x->code == ORG_ERROR_INVALID ? "leader"
				                                                      : "domain");
			g_propagate_error(err, x);
			return FALSE;
		}
		if (!org_exec(
		        c, NULL, err,
		        "INSERT INTO assignment (leader_id, domain_id, role, valid_from, source, "
		        "change_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
		        "iisssii", leader, domain, role, effective, source ? source : "", id,
		        core_now()))
			return FALSE;
	}
	*change_id = id;
	return TRUE;
}

/* ---- a leader's dated links: units and the assisting official ----------------------------- */

/* Ends (the day before FROM) or, when it would start on or after FROM, deletes the open link
 * row ID of TABLE (leader_unit or leader_assistant; names from this file, never input). */
static gboolean link_end(DbConn *c, const char *table, gint64 id, const char *valid_from,
                         const char *from, GError **err)
{
	g_autofree char *before = org_date_before(from);
	g_autofree char *sql = NULL;

	if (strcmp(valid_from, from) >= 0) {
		sql = g_strdup_printf("DELETE FROM %s WHERE id = ?", table);
		return org_exec(c, NULL, err, sql, "i", id);
	}
	sql = g_strdup_printf("UPDATE %s SET valid_to = ? WHERE id = ?", table);
	return org_exec(c, NULL, err, sql, "si", before, id);
}

gboolean org_leader_links_set(DbConn *c, gint64 leader_id, json_t *units, json_t *assistant,
                              const char *from, const char **field, GError **err)
{
	json_t *open, *row, *u;
	size_t i, j;

#define BAD(name, msgid)                                                                           \
	do {                                                                                       \
		if (field)                                                                         \
			*field = name;                                                             \
		g_set_error_literal(err, ORG_ERROR, ORG_ERROR_INVALID, msgid);                     \
		return FALSE;                                                                      \
	} while (0)

	if (!core_date_valid(from))
		BAD("links_from", N_("Write the date as YYYY-MM-DD."));
	if (units && (!json_is_array(units) || json_array_size(units) > 50))
		BAD("units", N_("List at most 50 units, each {unit, relation}."));
	/* resolve every unit first, so nothing changes when one is wrong */
	json_array_foreach (units, i, u) {
		const char *rel = json_string_value(json_object_get(u, "relation"));
		gint64 id = 0;
		if (!work_ref_resolve(ORG_ERRORS, ORG_ERROR_INVALID, c, WORK_REF_UNIT, "units",
		                      json_object_get(u, "unit"), &id, field, err))
			return FALSE;
		if (id == 0)
			BAD("units", N_("Name the unit by its code or by its numeric id."));
		if (g_strcmp0(rel, "works_in") && g_strcmp0(rel, "linked"))
			BAD("units", N_("Choose works_in or linked."));
		json_object_set_new(u, "unit_id", json_integer(id));
	}
	if (units) {
		open = org_rows(c, err,
		                "SELECT id, unit_id, relation, valid_from FROM leader_unit WHERE "
		                "leader_id = ? AND valid_to IS NULL",
		                "i", leader_id);
		if (open == NULL)
			return FALSE;
		json_array_foreach (open, i, row) {
			gboolean keep = FALSE;
			json_array_foreach (units, j, u)
				keep = keep ||
				       (json_integer_value(json_object_get(u, "unit_id")) ==
				            json_integer_value(json_object_get(row, "unit_id")) &&
				        g_strcmp0(json_string_value(json_object_get(u, "relation")),
				                  json_string_value(
				                      json_object_get(row, "relation"))) == 0);
			if (!keep &&
			    !link_end(
			        c, "leader_unit", json_integer_value(json_object_get(row, "id")),
			        json_string_value(json_object_get(row, "valid_from")), from, err)) {
				json_decref(open);
				return FALSE;
			}
		}
		json_array_foreach (units, j, u) {
			gboolean have = FALSE;
			json_array_foreach (open, i, row)
				have = have ||
				       (json_integer_value(json_object_get(u, "unit_id")) ==
				            json_integer_value(json_object_get(row, "unit_id")) &&
				        g_strcmp0(json_string_value(json_object_get(u, "relation")),
				                  json_string_value(
				                      json_object_get(row, "relation"))) == 0);
			if (!have &&
			    !org_leader_unit_add(
			        c, leader_id, json_integer_value(json_object_get(u, "unit_id")),
			        json_string_value(json_object_get(u, "relation")), from, err)) {
				json_decref(open);
				return FALSE;
			}
		}
		json_decref(open);
	}
	if (json_is_null(assistant))
		assistant = NULL;
	if (assistant && !(json_is_string(assistant) && *json_string_value(assistant) == '\0')) {
		gint64 current = 0, uid = 0;
		if (!work_ref_resolve(ORG_ERRORS, ORG_ERROR_INVALID, c, WORK_REF_USER, "assistant",
		                      assistant, &uid, field, err))
			return FALSE;
		if (!org_exec(c, &current, err,
		              "SELECT user_id FROM leader_assistant WHERE leader_id = ? AND "
		              "valid_to IS NULL",
		              "i", leader_id))
			return FALSE;
		if (current != uid && !org_assistant_set(c, leader_id, uid, from, err))
			return FALSE;
	} else if (assistant) {
		json_t *cur =
		    org_rows(c, err,
		             "SELECT id, valid_from FROM leader_assistant WHERE leader_id = ? "
		             "AND valid_to IS NULL",
		             "i", leader_id);
		if (cur == NULL)
			return FALSE;
		json_array_foreach (cur, i, row)
			if (!link_end(c, "leader_assistant",
			              json_integer_value(json_object_get(row, "id")),
			              json_string_value(json_object_get(row, "valid_from")), from,
			              err)) {
				json_decref(cur);
				return FALSE;
			}
		json_decref(cur);
	}
#undef BAD
	return TRUE;
}
