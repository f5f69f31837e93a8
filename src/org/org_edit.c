/*
 * org_edit.c — changing the organisation: the body, leaders, domains, departments, units,
 * routing rules, and dated changes of the division of responsibility. Every function runs in
 * the caller's write transaction; the caller audits (org_ops.c).
 */
#define G_LOG_DOMAIN "mishu-org"

#include "org/org_internal.h"
#include "core/core.h"

#include <string.h>

/* Sets ERR to ORG_ERROR_INVALID with MSGID and *FIELD to FIELD; returns FALSE. */
static gboolean invalid(GError **err, const char **field, const char *name, const char *msgid)
{
	if (field)
		*field = name;
	g_set_error_literal(err, ORG_ERROR, ORG_ERROR_INVALID, msgid);
	return FALSE;
}

/*
 * Reads the text field NAME of OBJ into *OUT (borrowed; NULL when absent). A present value must
 * be a string of MIN to MAX characters (JSON null counts as "" when MIN is 0). REQUIRED: absent
 * is an error too. FALSE with ORG_ERROR_INVALID otherwise.
 */
static gboolean text_field(json_t *obj, const char *name, gboolean required, glong min, glong max,
                           const char **out, const char **field, GError **err)
{
	json_t *v = json_object_get(obj, name);
	glong n;

	*out = NULL;
	if (v == NULL || (json_is_null(v) && min == 0)) {
		if (v)
			*out = "";
		if (required && min > 0)
			return invalid(err, field, name, N_("This field is required."));
		return TRUE;
	}
	if (!json_is_string(v))
		return invalid(err, field, name, N_("This field must be text."));
	*out = json_string_value(v);
	n = g_utf8_strlen(*out, -1);
	if (n < min)
		return invalid(err, field, name, N_("This field is required."));
	if (n > max)
		return work_fail_too_long(ORG_ERRORS, err, field, ORG_ERROR_INVALID, name, max);
	return TRUE;
}

/* TRUE when S is a code: 1 to 32 of [a-z0-9_], starting with a letter. */
static gboolean code_valid(const char *s)
{
	size_t n = strlen(s);

	if (n < 1 || n > 32 || !g_ascii_islower(s[0]))
		return FALSE;
	for (size_t i = 0; i < n; i++)
		if (!g_ascii_islower(s[i]) && !g_ascii_isdigit(s[i]) && s[i] != '_')
			return FALSE;
	return TRUE;
}

/* TRUE when CODE is NULL (not given) or a valid code; else ORG_ERROR_INVALID at "code". */
static gboolean code_ok(const char *code, const char **field, GError **err)
{
	if (code == NULL || code_valid(code))
		return TRUE;
	return invalid(err, field, "code",
	               N_("A code is 1 to 32 lowercase letters, digits or '_', starting with a "
	                  "letter."));
}

/* Reads the optional integer NAME into *OUT within [MIN, MAX]; *SET tells whether present. */
static gboolean int_field(json_t *obj, const char *name, gint64 min, gint64 max, gint64 *out,
                          gboolean *set, const char **field, GError **err)
{
	json_t *v = json_object_get(obj, name);

	*set = FALSE;
	if (v == NULL || json_is_null(v)) /* null: not given (a caller may read it as "clear") */
		return TRUE;
	if (json_is_boolean(v))
		*out = json_is_true(v);
	else if (json_is_integer(v))
		*out = json_integer_value(v);
	else
		return invalid(err, field, name, N_("This field must be a whole number."));
	if (*out < min || *out > max)
		return invalid(err, field, name, N_("This number is out of range."));
	*set = TRUE;
	return TRUE;
}

/* A one-column UPDATE of TABLE.COLUMN for row ID; COLUMN and TABLE are compile-time names from
 * this file, never input. */
static gboolean update_text(DbConn *c, const char *table, const char *column, gint64 id,
                            const char *value, GError **err)
{
	g_autofree char *sql = g_strdup_printf("UPDATE %s SET %s = ? WHERE id = ?", table, column);

	return org_exec(c, NULL, err, sql, "si", value, id);
}

static gboolean update_int(DbConn *c, const char *table, const char *column, gint64 id,
                           gint64 value, GError **err)
{
	g_autofree char *sql = g_strdup_printf("UPDATE %s SET %s = ? WHERE id = ?", table, column);

	return org_exec(c, NULL, err, sql, "ii", value, id);
}

/* FALSE with ORG_ERROR_NOT_FOUND unless TABLE has a row ID. */
static gboolean exists(DbConn *c, const char *table, gint64 id, const char *msgid, GError **err)
{
	g_autofree char *sql = g_strdup_printf("SELECT count(*) FROM %s WHERE id = ?", table);
	gint64 n = 0;

	if (!org_exec(c, &n, err, sql, "i", id))
		return FALSE;
	if (n == 0) {
		g_set_error_literal(err, ORG_ERROR, ORG_ERROR_NOT_FOUND, msgid);
		return FALSE;
	}
	return TRUE;
}

/* One text column of a save: the JSON field, its limits, and whether creation needs it. */
typedef struct {
	const char *name;
	gboolean required;
	glong min, max;
} TextCol;

/* Validates every TextCol of COLS in OBJ, then (ID given) writes those present into TABLE. */
static gboolean save_texts(DbConn *c, const char *table, gint64 id, json_t *obj,
                           const TextCol *cols, gsize n, gboolean creating, const char **field,
                           GError **err)
{
	for (gsize i = 0; i < n; i++) {
		const char *v;
		if (!text_field(obj, cols[i].name, creating && cols[i].required, cols[i].min,
		                cols[i].max, &v, field, err))
			return FALSE;
		if (id && v && !update_text(c, table, cols[i].name, id, v, err))
			return FALSE;
	}
	return TRUE;
}

static gint64 now_s(void)
{
	return core_now();
}

/* Reads the person-in-office fields of OBJ both leaders and committee members have: the names
 * (COLS, written to TABLE row ID when it is given), the dates valid_from (required when
 * CREATING) and valid_to in order, and the rank (required when CREATING) into *RANK with
 * *RANK_SET. FALSE with ORG_ERROR_INVALID and *FIELD. */
static gboolean person_fields(DbConn *c, const char *table, gint64 id, json_t *obj,
                              const TextCol *cols, gsize n, gboolean creating, const char **from,
                              const char **to, gint64 *rank, gboolean *rank_set, const char **field,
                              GError **err)
{
	if (!save_texts(c, table, id, obj, cols, n, creating, field, err) ||
	    !text_field(obj, "valid_from", creating, 10, 10, from, field, err) ||
	    !text_field(obj, "valid_to", FALSE, 0, 10, to, field, err) ||
	    !int_field(obj, "rank", 1, 999, rank, rank_set, field, err))
		return FALSE;
	if (creating && !*rank_set)
		return invalid(err, field, "rank", N_("This field is required."));
	if (*from && !core_date_valid(*from))
		return invalid(err, field, "valid_from", N_("Write the date as YYYY-MM-DD."));
	if (*to && **to && !core_date_valid(*to))
		return invalid(err, field, "valid_to", N_("Write the date as YYYY-MM-DD."));
	return work_check_order(ORG_ERRORS, err, field, ORG_ERROR_INVALID, "valid_from", *from,
	                        "valid_to", *to);
}

/* The id of the leadership body into *ID; FALSE with ERR (at field "name", MSGID) when none is
 * set up yet. */
static gboolean body_id(DbConn *c, gint64 *id, const char *msgid, const char **field, GError **err)
{
	g_autoptr(json_t) body = org_body(c, err);

	if (body == NULL)
		return FALSE;
	if (json_is_null(body))
		return invalid(err, field, "name", msgid);
	*id = json_integer_value(json_object_get(body, "id"));
	return TRUE;
}

/* ---- body --------------------------------------------------------------------------------- */

gboolean org_body_save(DbConn *c, json_t *obj, const char **field, GError **err)
{
	static const TextCol cols[] = {
	    {"code", TRUE, 1, 32}, {"name", TRUE, 1, 100}, {"short_name", TRUE, 1, 40}};
	const char *term, *from;
	json_t *body = org_body(c, err);
	gint64 id = 0;

	if (body == NULL)
		return FALSE;
	id = json_integer_value(json_object_get(body, "id"));
	json_decref(body);
	if (!save_texts(c, "body", 0, obj, cols, G_N_ELEMENTS(cols), id == 0, field, err) ||
	    !text_field(obj, "term", FALSE, 1, 40, &term, field, err) ||
	    !text_field(obj, "term_from", term != NULL, 10, 10, &from, field, err))
		return FALSE;
	if (from && !core_date_valid(from))
		return invalid(err, field, "term_from", N_("Write the date as YYYY-MM-DD."));
	if (id == 0) {
		if (!org_exec(
		        c, &id, err,
		        "INSERT INTO body (code, name, short_name, created_at) VALUES (?, ?, ?, ?) "
		        "RETURNING id",
		        "sssi", json_string_value(json_object_get(obj, "code")),
		        json_string_value(json_object_get(obj, "name")),
		        json_string_value(json_object_get(obj, "short_name")), now_s()))
			return FALSE;
	} else if (!save_texts(c, "body", id, obj, cols, G_N_ELEMENTS(cols), FALSE, field, err)) {
		return FALSE;
	}
	if (term &&
	    !org_exec(c, NULL, err, "INSERT INTO term (body_id, name, valid_from) VALUES (?, ?, ?)",
	              "iss", id, term, from))
		return FALSE;
	return TRUE;
}

/* ---- leaders ------------------------------------------------------------------------------ */

/* Replaces the posts of LEADER_ID with the strings of array POSTS. */
static gboolean posts_store(DbConn *c, gint64 leader_id, json_t *posts, const char **field,
                            GError **err)
{
	json_t *p;
	size_t i;

	if (!json_is_array(posts) || json_array_size(posts) > 10)
		return invalid(err, field, "posts",
		               N_("Give at most ten posts, as a list of texts."));
	json_array_foreach (posts, i, p)
		if (!json_is_string(p) || g_utf8_strlen(json_string_value(p), -1) < 1 ||
		    g_utf8_strlen(json_string_value(p), -1) > 40)
			return invalid(err, field, "posts", N_("Each post is 1 to 40 characters."));
	if (!org_exec(c, NULL, err, "DELETE FROM leader_post WHERE leader_id = ?", "i", leader_id))
		return FALSE;
	json_array_foreach (posts, i, p)
		if (!org_exec(
		        c, NULL, err,
		        "INSERT INTO leader_post (leader_id, position, post) VALUES (?, ?, ?)",
		        "iis", leader_id, (gint64)i + 1, json_string_value(p)))
			return FALSE;
	return TRUE;
}

gboolean org_leader_save(DbConn *c, gint64 id, json_t *obj, gint64 *out_id, const char **field,
                         GError **err)
{
	static const TextCol cols[] = {{"name", TRUE, 1, 32}, {"title", TRUE, 1, 80}};
	const char *kind, *from, *to;
	gint64 rank = 0, user_id = 0;
	gboolean rank_set;
	json_t *username = json_object_get(obj, "username");
	gint64 body = 0;

	if (id && !exists(c, "leader", id, N_("There is no such leader."), err))
		return FALSE;
	if (!person_fields(c, "leader", 0, obj, cols, G_N_ELEMENTS(cols), id == 0, &from, &to,
	                   &rank, &rank_set, field, err) ||
	    !text_field(obj, "kind", id == 0, 1, 16, &kind, field, err))
		return FALSE;
	if (kind && strcmp(kind, "secretary") && strcmp(kind, "deputy") && strcmp(kind, "member"))
		return invalid(err, field, "kind", N_("Choose secretary, deputy or member."));
	/* the leader's account by username or id; null or "" unlinks it */
	if (!work_ref_resolve(ORG_ERRORS, ORG_ERROR_INVALID, c, WORK_REF_USER, "username", username,
	                      &user_id, field, err))
		return FALSE;
	if (id == 0) {
		if (!body_id(c, &body, N_("Set up the leadership body before adding leaders."),
		             field, err) ||
		    !org_exec(
		        c, &id, err,
		        "INSERT INTO leader (body_id, user_id, name, kind, title, rank, "
		        "valid_from, valid_to, created_at, updated_at) VALUES (?, NULLIF(?, 0), "
		        "?, ?, ?, ?, ?, NULLIF(?, ''), ?, ?) RETURNING id",
		        "iisssissii", body, user_id,
		        json_string_value(json_object_get(obj, "name")), kind,
		        json_string_value(json_object_get(obj, "title")), rank, from, to ? to : "",
		        now_s(), now_s()))
			return FALSE;
	} else {
		if (!save_texts(c, "leader", id, obj, cols, G_N_ELEMENTS(cols), FALSE, field,
		                err) ||
		    (kind && !update_text(c, "leader", "kind", id, kind, err)) ||
		    (from && !update_text(c, "leader", "valid_from", id, from, err)) ||
		    (to && !org_exec(c, NULL, err,
		                     "UPDATE leader SET valid_to = NULLIF(?, '') WHERE id = ?",
		                     "si", to, id)) ||
		    (rank_set && !update_int(c, "leader", "rank", id, rank, err)) ||
		    (username && !org_exec(c, NULL, err,
		                           "UPDATE leader SET user_id = NULLIF(?, 0) WHERE id = ?",
		                           "ii", user_id, id)) ||
		    !update_int(c, "leader", "updated_at", id, now_s(), err))
			return FALSE;
	}
	if (json_object_get(obj, "posts") &&
	    !posts_store(c, id, json_object_get(obj, "posts"), field, err))
		return FALSE;
	if (json_object_get(obj, "units") || json_object_get(obj, "assistant")) {
		g_autofree char *today = core_today();
		const char *links_from = json_string_value(json_object_get(obj, "links_from"));
		if (!org_leader_links_set(c, id, json_object_get(obj, "units"),
		                          json_object_get(obj, "assistant"),
		                          links_from ? links_from : today, field, err))
			return FALSE;
	}
	*out_id = id;
	return TRUE;
}

/* ---- members of the full committee (全委会委员) ---------------------------------------------- */

gboolean org_committee_save(DbConn *c, gint64 id, json_t *obj, gint64 *out_id, const char **field,
                            GError **err)
{
	static const TextCol cols[] = {{"name", TRUE, 1, 32}, {"title", TRUE, 1, 80}};
	json_t *username = json_object_get(obj, "username");
	gint64 body = 0;
	const char *from, *to;
	gint64 rank = 0, user_id = 0, standing = 0;
	gboolean rank_set;
	g_autofree char *today = core_today();

	if (id && !exists(c, "committee_member", id, N_("There is no such committee member."), err))
		return FALSE;
	if (!person_fields(c, "committee_member", 0, obj, cols, G_N_ELEMENTS(cols), id == 0, &from,
	                   &to, &rank, &rank_set, field, err) ||
	    !work_ref_resolve(ORG_ERRORS, ORG_ERROR_INVALID, c, WORK_REF_USER, "username", username,
	                      &user_id, field, err))
		return FALSE;
	/* a 常委 is a member of the committee already */
	if (user_id &&
	    !org_exec(c, &standing, err,
	              "SELECT count(*) FROM leader l WHERE l.user_id = ? AND " ORG_IN_FORCE("l"),
	              "iss", user_id, today, today))
		return FALSE;
	if (standing)
		return invalid(err, field, "username",
		               N_("This account is a standing committee member's: the standing "
		                  "committee members belong to the full committee already."));
	if (id) {
		*out_id = id;
		return save_texts(c, "committee_member", id, obj, cols, G_N_ELEMENTS(cols), FALSE,
		                  field, err) &&
		       (!from || update_text(c, "committee_member", "valid_from", id, from, err)) &&
		       (!to ||
		        org_exec(
		            c, NULL, err,
		            "UPDATE committee_member SET valid_to = NULLIF(?, '') WHERE id = ?",
		            "si", to, id)) &&
		       (!rank_set || update_int(c, "committee_member", "rank", id, rank, err)) &&
		       (!username ||
		        org_exec(c, NULL, err,
		                 "UPDATE committee_member SET user_id = NULLIF(?, 0) WHERE id = ?",
		                 "ii", user_id, id)) &&
		       update_int(c, "committee_member", "updated_at", id, now_s(), err);
	}
	return body_id(c, &body, N_("Set up the leadership body before adding its members."), field,
	               err) &&
	       org_exec(c, out_id, err,
	                "INSERT INTO committee_member (body_id, user_id, name, title, rank, "
	                "valid_from, valid_to, created_at, updated_at) VALUES (?, NULLIF(?, 0), ?, "
	                "?, ?, ?, NULLIF(?, ''), ?, ?) RETURNING id",
	                "iississii", body, user_id, json_string_value(json_object_get(obj, "name")),
	                json_string_value(json_object_get(obj, "title")), rank, from, to ? to : "",
	                now_s(), now_s());
}

/* ---- domains ------------------------------------------------------------------------------ */

gboolean org_domain_save(DbConn *c, gint64 id, json_t *obj, gint64 *out_id, const char **field,
                         GError **err)
{
	static const TextCol cols[] = {{"name", TRUE, 1, 40}, {"description", FALSE, 0, 500}};
	const char *code;
	json_t *parent = json_object_get(obj, "parent");
	gint64 parent_id = 0, position = 0, active = 1;
	gboolean pos_set, active_set;

	if (id && !exists(c, "domain", id, N_("There is no such domain."), err))
		return FALSE;
	if (!save_texts(c, "domain", 0, obj, cols, G_N_ELEMENTS(cols), id == 0, field, err) ||
	    !text_field(obj, "code", id == 0, 1, 32, &code, field, err) ||
	    !int_field(obj, "position", 0, 1000000, &position, &pos_set, field, err) ||
	    !int_field(obj, "active", 0, 1, &active, &active_set, field, err))
		return FALSE;
	if (!code_ok(code, field, err))
		return FALSE;
	/* the parent domain by code or id; null or "" makes it a root */
	if (!work_ref_resolve(ORG_ERRORS, ORG_ERROR_INVALID, c, WORK_REF_DOMAIN, "parent", parent,
	                      &parent_id, field, err))
		return FALSE;
	if (parent_id) {
		/* no cycles: the new parent must not be this domain or below it */
		for (gint64 p = parent_id, hops = 0; id && p && hops < 32; hops++) {
			json_t *r;
			if (p == id)
				return invalid(err, field, "parent",
				               N_("A domain cannot be placed under itself."));
			r = org_rows(c, err,
			             "SELECT COALESCE(parent_id, 0) AS p FROM domain "
			             "WHERE id = ?",
			             "i", p);
			if (r == NULL)
				return FALSE;
			p = json_integer_value(json_object_get(json_array_get(r, 0), "p"));
			json_decref(r);
		}
	}
	if (id == 0) {
		if (!org_exec(
		        c, &id, err,
		        "INSERT INTO domain (code, name, parent_id, position, description, active) "
		        "VALUES (?, ?, NULLIF(?, 0), ?, ?, ?) RETURNING id",
		        "ssiisi", code, json_string_value(json_object_get(obj, "name")), parent_id,
		        position,
		        json_string_value(json_object_get(obj, "description"))
		            ? json_string_value(json_object_get(obj, "description"))
		            : "",
		        active))
			return FALSE;
	} else if (!save_texts(c, "domain", id, obj, cols, G_N_ELEMENTS(cols), FALSE, field, err) ||
	           (code && !update_text(c, "domain", "code", id, code, err)) ||
	           (parent && !org_exec(c, NULL, err,
	                                "UPDATE domain SET parent_id = NULLIF(?, 0) WHERE id = ?",
	                                "ii", parent_id, id)) ||
	           (pos_set && !update_int(c, "domain", "position", id, position, err)) ||
	           (active_set && !update_int(c, "domain", "active", id, active, err))) {
		return FALSE;
	}
	*out_id = id;
	return TRUE;
}

/* ---- departments -------------------------------------------------------------------------- */

gboolean org_department_save(DbConn *c, gint64 id, json_t *obj, gint64 *out_id, const char **field,
                             GError **err)
{
	static const TextCol cols[] = {
	    {"name", TRUE, 1, 40}, {"duties", FALSE, 0, 4000}, {"phone", FALSE, 0, 40}};
	json_t *work = json_object_get(obj, "work"), *k;
	const char *code;
	gint64 position = 0;
	gboolean pos_set;
	size_t i;

	if (id && !exists(c, "department", id, N_("There is no such department."), err))
		return FALSE;
	if (!save_texts(c, "department", 0, obj, cols, G_N_ELEMENTS(cols), id == 0, field, err) ||
	    !text_field(obj, "code", id == 0, 1, 32, &code, field, err) ||
	    !int_field(obj, "position", 0, 1000000, &position, &pos_set, field, err))
		return FALSE;
	if (!code_ok(code, field, err))
		return FALSE;
	if (work && !json_is_array(work))
		return invalid(err, field, "work", N_("Give the kinds of work as a list."));
	json_array_foreach (work, i, k)
		if (!org_work_kind_valid(json_string_value(k)))
			return invalid(err, field, "work",
			               N_("This is not a kind of work mishu knows."));
	if (id == 0) {
		const char *duties = json_string_value(json_object_get(obj, "duties"));
		const char *phone = json_string_value(json_object_get(obj, "phone"));
		if (!org_exec(c, &id, err,
		              "INSERT INTO department (code, name, duties, phone, position) "
		              "VALUES (?, ?, ?, ?, ?) RETURNING id",
		              "ssssi", code, json_string_value(json_object_get(obj, "name")),
		              duties ? duties : "", phone ? phone : "", position))
			return FALSE;
	} else if (!save_texts(c, "department", id, obj, cols, G_N_ELEMENTS(cols), FALSE, field,
	                       err) ||
	           (code && !update_text(c, "department", "code", id, code, err)) ||
	           (pos_set && !update_int(c, "department", "position", id, position, err))) {
		return FALSE;
	}
	if (work) {
		if (!org_exec(c, NULL, err, "DELETE FROM department_work WHERE department_id = ?",
		              "i", id))
			return FALSE;
		json_array_foreach (work, i, k)
			if (!org_exec(c, NULL, err,
			              "INSERT INTO department_work (department_id, work_kind) "
			              "VALUES (?, ?) ON CONFLICT DO NOTHING",
			              "is", id, json_string_value(k)))
				return FALSE;
	}
	*out_id = id;
	return TRUE;
}

/* ---- units -------------------------------------------------------------------------------- */

gboolean org_unit_save(DbConn *c, gint64 id, json_t *obj, gint64 *out_id, const char **field,
                       GError **err)
{
	static const TextCol cols[] = {
	    {"name", TRUE, 1, 100}, {"short_name", FALSE, 0, 40}, {"phone", FALSE, 0, 40},
	    {"fax", FALSE, 0, 40},  {"email", FALSE, 0, 100},     {"address", FALSE, 0, 200},
	};
	const char *code, *kind, *email;
	json_t *domain = json_object_get(obj, "domain");
	gint64 domain_id = 0, position = 0, active = 1;
	gboolean pos_set, active_set, kind_ok = FALSE;

	if (id && !exists(c, "unit", id, N_("There is no such unit."), err))
		return FALSE;
	if (!save_texts(c, "unit", 0, obj, cols, G_N_ELEMENTS(cols), id == 0, field, err) ||
	    !text_field(obj, "code", id == 0, 1, 32, &code, field, err) ||
	    !text_field(obj, "kind", FALSE, 1, 16, &kind, field, err) ||
	    !text_field(obj, "email", FALSE, 0, 100, &email, field, err) ||
	    !int_field(obj, "position", 0, 1000000, &position, &pos_set, field, err) ||
	    !int_field(obj, "active", 0, 1, &active, &active_set, field, err))
		return FALSE;
	if (!code_ok(code, field, err))
		return FALSE;
	for (gsize i = 0; kind && org_unit_kinds[i]; i++)
		kind_ok = kind_ok || strcmp(kind, org_unit_kinds[i]) == 0;
	if (kind && !kind_ok)
		return invalid(err, field, "kind", N_("This is not a kind of unit mishu knows."));
	if (email && *email && (strchr(email, '@') == NULL || strchr(email, ' ')))
		return invalid(err, field, "email", N_("This is not an e-mail address."));
	/* the unit's domain by code or id; null or "" clears it */
	if (!work_ref_resolve(ORG_ERRORS, ORG_ERROR_INVALID, c, WORK_REF_DOMAIN, "domain", domain,
	                      &domain_id, field, err))
		return FALSE;
	if (id == 0) {
#define TXT(n)                                                                                     \
	(json_string_value(json_object_get(obj, n)) ? json_string_value(json_object_get(obj, n))   \
	                                            : "")
		if (!org_exec(
		        c, &id, err,
		        "INSERT INTO unit (code, name, short_name, kind, domain_id, phone, fax, "
		        "email, address, position, active, created_at) VALUES (?, ?, ?, ?, "
		        "NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?) RETURNING id",
		        "ssssissssiii", code, TXT("name"), TXT("short_name"), kind ? kind : "other",
		        domain_id, TXT("phone"), TXT("fax"), TXT("email"), TXT("address"), position,
		        active, now_s()))
			return FALSE;
#undef TXT
	} else if (!save_texts(c, "unit", id, obj, cols, G_N_ELEMENTS(cols), FALSE, field, err) ||
	           (code && !update_text(c, "unit", "code", id, code, err)) ||
	           (kind && !update_text(c, "unit", "kind", id, kind, err)) ||
	           (domain &&
	            !org_exec(c, NULL, err, "UPDATE unit SET domain_id = NULLIF(?, 0) WHERE id = ?",
	                      "ii", domain_id, id)) ||
	           (pos_set && !update_int(c, "unit", "position", id, position, err)) ||
	           (active_set && !update_int(c, "unit", "active", id, active, err))) {
		return FALSE;
	}
	*out_id = id;
	return TRUE;
}

/* ---- routing rules ------------------------------------------------------------------------ */

gboolean org_rule_save(DbConn *c, gint64 id, json_t *obj, gint64 *out_id, const char **field,
                       GError **err)
{
	const char *name, *work, *origin, *scope, *target, *mode;
	gint64 sev = 0, position = 0, active = 1;
	gboolean sev_set, pos_set, active_set;
	json_t *cur = NULL;

	if (id && !exists(c, "route_rule", id, N_("There is no such rule."), err))
		return FALSE;
	if (!text_field(obj, "name", id == 0, 1, 100, &name, field, err) ||
	    !text_field(obj, "work_kind", FALSE, 0, 16, &work, field, err) ||
	    !text_field(obj, "origin", FALSE, 0, 16, &origin, field, err) ||
	    !text_field(obj, "scope", FALSE, 0, 16, &scope, field, err) ||
	    !text_field(obj, "target", id == 0, 1, 16, &target, field, err) ||
	    !text_field(obj, "mode", FALSE, 1, 8, &mode, field, err) ||
	    !int_field(obj, "max_severity", 1, 4, &sev, &sev_set, field, err) ||
	    !int_field(obj, "position", 0, 1000000, &position, &pos_set, field, err) ||
	    !int_field(obj, "active", 0, 1, &active, &active_set, field, err))
		return FALSE;
	if (json_is_null(json_object_get(obj, "max_severity")))
		sev_set = TRUE, sev = 0;
	if (work && *work && !org_work_kind_valid(work))
		return invalid(err, field, "work_kind",
		               N_("This is not a kind of work mishu knows."));
	if (origin && *origin && strcmp(origin, "higher"))
		return invalid(err, field, "origin",
		               N_("The only origin a rule can name is 'higher'."));
	if (scope && *scope && strcmp(scope, "committee"))
		return invalid(err, field, "scope",
		               N_("The only scope a rule can name is 'committee'."));
	if (target && strcmp(target, "secretary") && strcmp(target, "deputies") &&
	    strcmp(target, "standing"))
		return invalid(err, field, "target", N_("Choose secretary, deputies or standing."));
	if (mode && strcmp(mode, "add") && strcmp(mode, "only"))
		return invalid(err, field, "mode", N_("Choose add or only."));
	if (id == 0) {
		if (!org_exec(
		        c, &id, err,
		        "INSERT INTO route_rule (name, work_kind, origin, scope, max_severity, "
		        "target, mode, position, active, created_at, updated_at) VALUES (?, "
		        "NULLIF(?, ''), NULLIF(?, ''), NULLIF(?, ''), NULLIF(?, 0), ?, ?, ?, ?, ?, "
		        "?) RETURNING id",
		        "ssssissiiii", name, work ? work : "", origin ? origin : "",
		        scope ? scope : "", sev, target, mode ? mode : "add", position, active,
		        now_s(), now_s()))
			return FALSE;
	} else if ((name && !update_text(c, "route_rule", "name", id, name, err)) ||
	           (work && !org_exec(c, NULL, err,
	                              "UPDATE route_rule SET work_kind = NULLIF(?, "
	                              "'') WHERE id = ?",
	                              "si", work, id)) ||
	           (origin && !org_exec(c, NULL, err,
	                                "UPDATE route_rule SET origin = NULLIF(?, '') "
	                                "WHERE id = ?",
	                                "si", origin, id)) ||
	           (scope && !org_exec(c, NULL, err,
	                               "UPDATE route_rule SET scope = NULLIF(?, '') "
	                               "WHERE id = ?",
	                               "si", scope, id)) ||
	           (sev_set && !org_exec(c, NULL, err,
	                                 "UPDATE route_rule SET max_severity = "
	                                 "NULLIF(?, 0) WHERE id = ?",
	                                 "ii", sev, id)) ||
	           (target && !update_text(c, "route_rule", "target", id, target, err)) ||
	           (mode && !update_text(c, "route_rule", "mode", id, mode, err)) ||
	           (pos_set && !update_int(c, "route_rule", "position", id, position, err)) ||
	           (active_set && !update_int(c, "route_rule", "active", id, active, err)) ||
	           !update_int(c, "route_rule", "updated_at", id, now_s(), err)) {
		return FALSE;
	}
	/* a rule with no condition would route every piece of work by itself */
	cur =
	    org_rows(c, err,
	             "SELECT count(*) AS n FROM route_rule WHERE id = ? AND work_kind IS NULL AND "
	             "origin IS NULL AND scope IS NULL AND max_severity IS NULL",
	             "i", id);
	if (cur == NULL)
		return FALSE;
	if (json_integer_value(json_object_get(json_array_get(cur, 0), "n")) > 0) {
		json_decref(cur);
		return invalid(
		    err, field, "work_kind",
		    N_("A rule needs at least one condition: kind of work, origin, scope or "
		       "severity."));
	}
	json_decref(cur);
	*out_id = id;
	return TRUE;
}

gboolean org_rule_delete(DbConn *c, gint64 id, GError **err)
{
	return exists(c, "route_rule", id, N_("There is no such rule."), err) &&
	       org_exec(c, NULL, err, "DELETE FROM route_rule WHERE id = ?", "i", id);
}

/* ---- leader links ------------------------------------------------------------------------- */

gboolean org_leader_unit_add(DbConn *c, gint64 leader_id, gint64 unit_id, const char *relation,
                             const char *valid_from, GError **err)
{
	if (strcmp(relation, "works_in") && strcmp(relation, "linked")) {
		g_set_error_literal(err, ORG_ERROR, ORG_ERROR_INVALID,
		                    N_("Choose works_in or linked."));
		return FALSE;
	}
	return org_exec(c, NULL, err,
	                "INSERT INTO leader_unit (leader_id, unit_id, relation, valid_from) "
	                "VALUES (?, ?, ?, ?)",
	                "iiss", leader_id, unit_id, relation, valid_from);
}

gboolean org_assistant_set(DbConn *c, gint64 leader_id, gint64 user_id, const char *valid_from,
                           GError **err)
{
	g_autofree char *before = org_date_before(valid_from);

	return org_exec(c, NULL, err,
	                "UPDATE leader_assistant SET valid_to = ? WHERE leader_id = ? AND "
	                "valid_to IS NULL AND valid_from < ?",
	                "sis", before, leader_id, valid_from) &&
	       org_exec(c, NULL, err,
	                "DELETE FROM leader_assistant WHERE leader_id = ? AND valid_from >= ?",
	                "is", leader_id, valid_from) &&
	       org_exec(
	           c, NULL, err,
	           "INSERT INTO leader_assistant (leader_id, user_id, valid_from) VALUES (?, ?, ?)",
	           "iis", leader_id, user_id, valid_from);
}
