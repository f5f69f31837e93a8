/*
 * portal_members.c — membership of the portal (会员): an individual (个人会员) or an
 * organisation (单位会员) applies with the account they want; the system administrator
 * approves (the account is made, without any role: it reads and comments on the portal and
 * nothing else, so separation of duties holds — roles stay the security administrator's) or
 * rejects. A forgotten password is reset by the system administrator (there is no mail).
 */
#define G_LOG_DOMAIN "mishu-portal"

#include "portal/portal.h"
#include "core/core.h"

#include <string.h>

#define rows(...) work_rows(WORK_ERRORS, __VA_ARGS__)
#define run(...)  work_run(WORK_ERRORS, __VA_ARGS__)

/* Refuses with 422 on NAME. */
#define REFUSE(name, msgid)                                                                        \
	work_fail_field(WORK_ERRORS, err, field, WORK_ERROR_INVALID, name, msgid)

/* TRUE when some account, or a pending application, already has USERNAME; FALSE with ERR on a
 * database failure (check *TAKEN only when it returns TRUE). */
static gboolean username_taken(DbConn *c, const char *username, gboolean *taken, GError **err)
{
	g_autoptr(json_t) r = rows(c, err,
	                           "SELECT 1 FROM user_account WHERE lower(username) = lower(?1) "
	                           "UNION ALL SELECT 1 FROM portal_member WHERE username = "
	                           "lower(?1) AND status = 'pending'",
	                           "s", username);

	if (r == NULL)
		return FALSE;
	*taken = json_array_size(r) > 0;
	return TRUE;
}

gboolean portal_member_apply(DbConn *c, json_t *body, gint64 *id, const char **field, GError **err)
{
	const char *kind = json_string_value(json_object_get(body, "kind"));
	const char *username = json_string_value(json_object_get(body, "username"));
	const char *name = json_string_value(json_object_get(body, "display_name"));
	const char *contact = json_string_value(json_object_get(body, "contact"));
	const char *phone = json_string_value(json_object_get(body, "phone"));
	const char *password = json_string_value(json_object_get(body, "password"));
	g_autofree char *lower = NULL, *hash = NULL;
	GError *e = NULL;
	AuthPolicy policy;
	gboolean taken;

	if (g_strcmp0(kind, "person") != 0 && g_strcmp0(kind, "unit") != 0)
		return REFUSE("kind", N_("Apply as an individual or as an organisation."));
	if (!auth_username_ok(username))
		return REFUSE("username", N_("A username is 3 to 32 letters, digits, '.', '_' or "
		                             "'-', starting with a letter."));
	if (name == NULL || core_text_blank(name) || g_utf8_strlen(name, -1) > PORTAL_NAME_MAX)
		return REFUSE("display_name", N_("Give a name of 1 to 64 characters."));
	if (g_str_equal(kind, "unit") && (contact == NULL || core_text_blank(contact)))
		return REFUSE("contact", N_("Name the organisation's contact person."));
	if (contact && g_utf8_strlen(contact, -1) > PORTAL_NAME_MAX)
		return work_fail_too_long(WORK_ERRORS, err, field, WORK_ERROR_INVALID, "contact",
		                          PORTAL_NAME_MAX);
	if (phone && g_utf8_strlen(phone, -1) > 32)
		return work_fail_too_long(WORK_ERRORS, err, field, WORK_ERROR_INVALID, "phone", 32);
	lower = g_ascii_strdown(username, -1);
	if (!username_taken(c, lower, &taken, err))
		return FALSE;
	if (taken)
		return work_fail_field(WORK_ERRORS, err, field, WORK_ERROR_CONFLICT, "username",
		                       N_("This username is taken; choose another."));
	/* the office's password policy, as for every account */
	if (!auth_policy_load(c, &policy, &e)) {
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, WORK_ERROR_CONFLICT);
		return FALSE;
	}
	if (password == NULL || !auth_password_acceptable(&policy, lower, password, &e)) {
		*field = "password";
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_INVALID,
		                    e ? e->message : N_("Choose a password."));
		g_clear_error(&e);
		return FALSE;
	}
	if ((hash = auth_password_hash(password)) == NULL)
		return work_fail_field(WORK_ERRORS, err, field, WORK_ERROR_DB, NULL,
		                       N_("The server could not complete this; try again."));
	return run(c, id, err,
	           "INSERT INTO portal_member (kind, username, display_name, contact, phone, "
	           "password_hash, status, created_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?) "
	           "RETURNING id",
	           "ssssssi", kind, lower, name, contact ? contact : "", phone ? phone : "", hash,
	           core_now());
}

json_t *portal_members(DbConn *c, const char *status, GError **err)
{
	g_autoptr(DbQuery) q =
	    db_query_new("SELECT id, kind, username, display_name, contact, phone, status, "
	                 "created_at, decided_at, user_id FROM portal_member");

	if (status)
		db_query_where(q, "status = ?", "s", status);
	db_query_add(q, " ORDER BY id DESC", NULL);
	db_query_limit(q, 500);
	return work_query_rows(WORK_ERRORS, c, q, err);
}

gboolean portal_member_decide(DbConn *c, const AuthUser *u, gint64 id, const char *action,
                              GError **err)
{
	g_autoptr(json_t) m = work_row(WORK_ERRORS, c, err, N_("There is no such application."),
	                               "SELECT kind, username, display_name, contact, phone, "
	                               "password_hash, status FROM portal_member WHERE id = ?",
	                               "i", id);
	AuthUserSpec spec = {0};
	gint64 user = 0;
	GError *e = NULL;

	if (m == NULL)
		return FALSE;
	if (g_strcmp0(action, "approve") != 0 && g_strcmp0(action, "reject") != 0) {
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
		                    N_("There is no such step."));
		return FALSE;
	}
	if (g_strcmp0(json_string_value(json_object_get(m, "status")), "pending") != 0) {
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_STATE,
		                    N_("This application has been decided already."));
		return FALSE;
	}
	if (g_str_equal(action, "approve")) {
		/* no role: a member reads and comments on the portal only (the security
		 * administrator alone gives roles) */
		spec.username = json_string_value(json_object_get(m, "username"));
		spec.display_name = json_string_value(json_object_get(m, "display_name"));
		spec.phone = json_string_value(json_object_get(m, "phone"));
		spec.title = json_string_value(json_object_get(m, "contact"));
		spec.password_hash = json_string_value(json_object_get(m, "password_hash"));
		spec.skip_policy = TRUE; /* checked when they applied */
		if (!auth_user_create(c, &spec, &user, &e)) {
			int code = e->code == AUTH_ERROR_CONFLICT ? WORK_ERROR_CONFLICT
			           : e->code == AUTH_ERROR_DB     ? WORK_ERROR_DB
			                                          : WORK_ERROR_INVALID;
			g_set_error_literal(err, WORK_ERROR, code, e->message);
			g_error_free(e);
			return FALSE;
		}
	}
	return run(c, NULL, err,
	           "UPDATE portal_member SET status = ?, decided_by = ?, decided_at = ?, user_id = "
	           "NULLIF(?, 0) WHERE id = ?",
	           "siiii", g_str_equal(action, "approve") ? "approved" : "rejected", u->id,
	           core_now(), user, id);
}
