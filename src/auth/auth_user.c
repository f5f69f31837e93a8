/*
 * Accounts: creation with validation and three-administrator separation, loading, roles,
 * profile updates, passwords, listing.
 */
#include "auth/auth.h"
#include "core/core.h"

#include <string.h>

GQuark auth_error_quark(void)
{
	return g_quark_from_static_string("auth-error-quark");
}

void auth_user_free(AuthUser *u)
{
	if (u == NULL)
		return;
	g_free(u->username);
	g_free(u->display_name);
	g_free(u->unit_code);
	g_free(u->unit_name);
	g_free(u->department);
	g_free(u->locale);
	g_free(u->phone);
	g_free(u->title);
	g_free(u->session_hash);
	g_free(u->csrf_token);
	g_free(u);
}

/* A JSON array of the role names in ROLES. */
static json_t *roles_json(guint roles)
{
	json_t *a = json_array();

	for (guint bit = 1; bit <= AUTH_ROLE_AUDITOR; bit <<= 1)
		if (roles & bit)
			json_array_append_new(a, json_string(auth_role_name(bit)));
	return a;
}

json_t *auth_user_json(const AuthUser *u)
{
	gint64 now = core_now();
	json_t *o = json_pack(
	    "{s:I, s:s, s:s, s:s?, s:s?, s:s?, s:o, s:b, s:b, s:I}", "id", (json_int_t)u->id,
	    "username", u->username, "display_name", u->display_name, "department", u->department,
	    "locale", u->locale, "phone", u->phone, "roles", roles_json(u->roles),
	    "must_change_password", u->must_change_password, "disabled", u->disabled,
	    "locked_until", (json_int_t)(u->locked_until > now ? u->locked_until : 0));

	json_object_set_new(o, "title", json_string(u->title ? u->title : ""));
	if (u->unit_id)
		json_object_set_new(o, "unit",
		                    json_pack("{s:I, s:s, s:s}", "id", (json_int_t)u->unit_id,
		                              "code", u->unit_code, "name", u->unit_name));
	else
		json_object_set_new(o, "unit", json_null());
	return o;
}

static gboolean db_fail(GError **err, GError *dberr)
{
	g_set_error(err, AUTH_ERROR, AUTH_ERROR_DB, "%s",
	            dberr ? dberr->message : "database error");
	g_clear_error(&dberr);
	return FALSE;
}

static gboolean invalid(GError **err, const char *msgid)
{
	g_set_error_literal(err, AUTH_ERROR, AUTH_ERROR_INVALID, msgid);
	return FALSE;
}

/* TRUE when NAME is 3–32 characters of [a-z0-9_.-] after lowercasing, starting with a letter. */
gboolean auth_username_ok(const char *name)
{
	gsize n = name ? strlen(name) : 0;

	if (n < 3 || n > 32 || !g_ascii_isalpha(name[0]))
		return FALSE;
	for (gsize i = 0; i < n; i++)
		if (!g_ascii_isalnum(name[i]) && !strchr("_.-", name[i]))
			return FALSE;
	return TRUE;
}

/* TRUE when TEXT is valid UTF-8 of MIN..MAX characters with no control characters. */
static gboolean text_ok(const char *text, glong min, glong max)
{
	glong n;

	if (text == NULL || !g_utf8_validate(text, -1, NULL))
		return FALSE;
	n = g_utf8_strlen(text, -1);
	if (n < min || n > max)
		return FALSE;
	for (const char *p = text; *p; p = g_utf8_next_char(p))
		if (g_unichar_iscntrl(g_utf8_get_char(p)))
			return FALSE;
	return TRUE;
}

/* Finds the unit id for CODE; 0 with AUTH_ERROR_INVALID when unknown. */
static gint64 unit_id_for(DbConn *c, const char *code, GError **err)
{
	GError *e = NULL;
	DbStmt *s = db_prepare(c, "SELECT id FROM unit WHERE code = ?", &e);
	gint64 id = 0;

	if (s == NULL)
		return db_fail(err, e), 0;
	db_bind_text(s, 1, code);
	switch (db_step(s, &e)) {
	case DB_ROW:
		id = db_col_int(s, 0);
		break;
	case DB_DONE:
		invalid(err, N_("There is no unit with this code."));
		break;
	default:
		db_fail(err, e);
	}
	db_finish(s);
	return id;
}

/* Inserts the role rows for USER_ID (the table's trigger is the last line of defence). */
static gboolean insert_roles(DbConn *c, gint64 user_id, guint roles, GError **err)
{
	GError *e = NULL;

	for (guint bit = 1; bit <= AUTH_ROLE_AUDITOR; bit <<= 1) {
		DbStmt *s;
		if (!(roles & bit))
			continue;
		s = db_prepare(c, "INSERT INTO user_role (user_id, role) VALUES (?, ?)", &e);
		if (s == NULL)
			return db_fail(err, e);
		db_bind_int(s, 1, user_id);
		db_bind_text(s, 2, auth_role_name(bit));
		if (db_step(s, &e) != DB_DONE) {
			db_finish(s);
			return db_fail(err, e);
		}
		db_finish(s);
	}
	return TRUE;
}

/* Checks a role set: at least one role, and at most one administrator role. */
static gboolean roles_ok(guint roles, GError **err)
{
	if (roles == 0)
		return invalid(err, N_("Give the account at least one role."));
	if (!auth_roles_separated(roles)) {
		g_set_error_literal(err, AUTH_ERROR, AUTH_ERROR_THREE_ADMINS,
		                    N_("The system administrator, security administrator and "
		                       "security auditor roles must be held by three different "
		                       "accounts."));
		return FALSE;
	}
	return TRUE;
}

gboolean auth_user_create(DbConn *c, const AuthUserSpec *spec, gint64 *id, GError **err)
{
	AuthPolicy policy;
	char *username = spec->username ? g_ascii_strdown(spec->username, -1) : NULL;
	char *hash = NULL;
	gint64 unit = 0, now = core_now();
	GError *e = NULL;
	DbStmt *s = NULL;
	gboolean ok = FALSE;

	if (!auth_username_ok(username)) {
		invalid(err, N_("A username is 3 to 32 letters, digits, '.', '_' or '-', "
		                "starting with a letter."));
		goto out;
	}
	if (!text_ok(spec->display_name, 1, 64)) {
		invalid(err, N_("Give a name of 1 to 64 characters."));
		goto out;
	}
	/* An account may start with no role: the security administrator gives roles (三员分立). */
	if (spec->roles != 0 && !roles_ok(spec->roles, err))
		goto out;
	if (spec->locale && g_strcmp0(spec->locale, "zh-CN") && g_strcmp0(spec->locale, "en")) {
		invalid(err, N_("The language is zh-CN or en."));
		goto out;
	}
	if ((spec->department && !text_ok(spec->department, 0, 64)) ||
	    (spec->phone && !text_ok(spec->phone, 0, 32))) {
		invalid(err, N_("This value is too long or contains control characters."));
		goto out;
	}
	if (spec->unit_code && *spec->unit_code &&
	    (unit = unit_id_for(c, spec->unit_code, err)) == 0)
		goto out;
	if (!auth_policy_load(c, &policy, err))
		goto out;
	if ((spec->title && !text_ok(spec->title, 0, 64))) {
		invalid(err, N_("This value is too long or contains control characters."));
		goto out;
	}
	if (spec->password_hash && g_str_has_prefix(spec->password_hash, "$argon2id$")) {
		hash = g_strdup(spec->password_hash);
	} else if (spec->password == NULL || *spec->password == '\0') {
		g_set_error_literal(err, AUTH_ERROR, AUTH_ERROR_POLICY, N_("Give a password."));
		goto out;
	} else if (!spec->skip_policy &&
	           !auth_password_acceptable(&policy, username, spec->password, err)) {
		goto out;
	} else if ((hash = auth_password_hash(spec->password)) == NULL) {
		g_set_error_literal(err, AUTH_ERROR, AUTH_ERROR_DB, "out of memory hashing");
		goto out;
	}
	s = db_prepare(c,
	               "INSERT INTO user_account (username, display_name, unit_id, department, "
	               "locale, phone, password_hash, must_change_password, password_changed_at, "
	               "created_at, updated_at, title) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
	               "RETURNING id",
	               &e);
	if (s == NULL) {
		db_fail(err, e);
		goto out;
	}
	db_bind_text(s, 1, username);
	db_bind_text(s, 2, spec->display_name);
	if (unit)
		db_bind_int(s, 3, unit);
	else
		db_bind_null(s, 3);
	db_bind_text(s, 4, spec->department && *spec->department ? spec->department : NULL);
	db_bind_text(s, 5, spec->locale ? spec->locale : "zh-CN");
	db_bind_text(s, 6, spec->phone && *spec->phone ? spec->phone : NULL);
	db_bind_text(s, 7, hash);
	db_bind_int(s, 8, spec->must_change_password ? 1 : 0);
	db_bind_int(s, 9, now);
	db_bind_int(s, 10, now);
	db_bind_int(s, 11, now);
	db_bind_text(s, 12, spec->title ? spec->title : "");
	if (db_step(s, &e) != DB_ROW) {
		if (e && g_error_matches(e, DB_ERROR_DOMAIN, DB_ERROR_CONSTRAINT)) {
			g_set_error_literal(err, AUTH_ERROR, AUTH_ERROR_CONFLICT,
			                    N_("This username is already taken."));
			g_clear_error(&e);
		} else {
			db_fail(err, e);
		}
		goto out;
	}
	*id = db_col_int(s, 0);
	db_finish(s);
	s = NULL;
	ok = insert_roles(c, *id, spec->roles, err);
out:
	if (s)
		db_finish(s);
	if (hash) {
		memset(hash, 0, strlen(hash));
		g_free(hash);
	}
	g_free(username);
	return ok;
}

/* Loads the account matching "WHERE <col> = ?" with its unit and roles. */
static AuthUser *load_where(DbConn *c, const char *sql, gint64 id, const char *name, GError **err)
{
	GError *e = NULL;
	DbStmt *s = db_prepare(c, sql, &e);
	AuthUser *u = NULL;
	DbStep r;

	if (s == NULL)
		return db_fail(err, e), NULL;
	if (name)
		db_bind_text(s, 1, name);
	else
		db_bind_int(s, 1, id);
	r = db_step(s, &e);
	if (r == DB_ROW) {
		u = g_new0(AuthUser, 1);
		u->id = db_col_int(s, 0);
		u->username = g_strdup(db_col_text(s, 1));
		u->display_name = g_strdup(db_col_text(s, 2));
		u->unit_id = db_col_is_null(s, 3) ? 0 : db_col_int(s, 3);
		u->unit_code = g_strdup(db_col_text(s, 4));
		u->unit_name = g_strdup(db_col_text(s, 5));
		u->department = g_strdup(db_col_text(s, 6));
		u->locale = g_strdup(db_col_text(s, 7));
		u->phone = g_strdup(db_col_text(s, 8));
		u->must_change_password = db_col_int(s, 9) != 0;
		u->disabled = db_col_int(s, 10) != 0;
		u->locked_until = db_col_int(s, 11);
		u->title = g_strdup(db_col_text(s, 12));
	} else if (r == DB_DONE) {
		g_set_error_literal(err, AUTH_ERROR, AUTH_ERROR_NOT_FOUND,
		                    N_("There is no such account."));
	} else {
		db_fail(err, e);
	}
	db_finish(s);
	if (u == NULL)
		return NULL;
	s = db_prepare(c, "SELECT role FROM user_role WHERE user_id = ?", &e);
	if (s == NULL) {
		auth_user_free(u);
		return db_fail(err, e), NULL;
	}
	db_bind_int(s, 1, u->id);
	while ((r = db_step(s, &e)) == DB_ROW)
		u->roles |= auth_role_from_name(db_col_text(s, 0));
	db_finish(s);
	if (r == DB_ERROR) {
		auth_user_free(u);
		return db_fail(err, e), NULL;
	}
	return u;
}

#define USER_COLUMNS                                                                               \
	"SELECT u.id, u.username, u.display_name, u.unit_id, n.code, n.name, u.department, "       \
	"u.locale, u.phone, u.must_change_password, u.disabled, u.locked_until, u.title "          \
	"FROM user_account u "                                                                     \
	"LEFT JOIN unit n ON n.id = u.unit_id "

AuthUser *auth_user_load(DbConn *c, gint64 id, GError **err)
{
	return load_where(c, USER_COLUMNS "WHERE u.id = ?", id, NULL, err);
}

AuthUser *auth_user_load_by_name(DbConn *c, const char *username, GError **err)
{
	char *lower = g_ascii_strdown(username ? username : "", -1);
	AuthUser *u = load_where(c, USER_COLUMNS "WHERE u.username = ?", 0, lower, err);

	g_free(lower);
	return u;
}

gboolean auth_user_set_roles(DbConn *c, gint64 user_id, guint roles, GError **err)
{
	GError *e = NULL;
	DbStmt *s;

	if (!roles_ok(roles, err))
		return FALSE;
	s = db_prepare(c, "DELETE FROM user_role WHERE user_id = ?", &e);
	if (s == NULL)
		return db_fail(err, e);
	db_bind_int(s, 1, user_id);
	if (db_step(s, &e) != DB_DONE) {
		db_finish(s);
		return db_fail(err, e);
	}
	db_finish(s);
	return insert_roles(c, user_id, roles, err);
}

/* Runs one "UPDATE user_account SET <col> = ?, updated_at = ? WHERE id = ?" with a text or
 * integer value (TEXT NULL binds NULL when IS_INT is FALSE). */
static gboolean update_column(DbConn *c, const char *sql, gint64 user_id, const char *text,
                              gint64 num, gboolean is_int, GError **err)
{
	GError *e = NULL;
	DbStmt *s = db_prepare(c, sql, &e);
	gboolean ok;

	if (s == NULL)
		return db_fail(err, e);
	if (is_int)
		db_bind_int(s, 1, num);
	else
		db_bind_text(s, 1, text);
	db_bind_int(s, 2, core_now());
	db_bind_int(s, 3, user_id);
	ok = db_step(s, &e) == DB_DONE;
	db_finish(s);
	return ok ? TRUE : db_fail(err, e);
}

gboolean auth_user_update(DbConn *c, gint64 user_id, json_t *obj, char **field, GError **err)
{
	json_t *v;

	if ((v = json_object_get(obj, "display_name"))) {
		if (!json_is_string(v) || !text_ok(json_string_value(v), 1, 64)) {
			*field = g_strdup("display_name");
			return invalid(err, N_("Give a name of 1 to 64 characters."));
		}
		if (!update_column(
		        c, "UPDATE user_account SET display_name = ?, updated_at = ? WHERE id = ?",
		        user_id, json_string_value(v), 0, FALSE, err))
			return FALSE;
	}
	if ((v = json_object_get(obj, "unit"))) {
		gint64 unit = 0;
		if (!json_is_null(v) && !json_is_string(v)) {
			*field = g_strdup("unit");
			return invalid(err, N_("There is no unit with this code."));
		}
		if (json_is_string(v) && *json_string_value(v) &&
		    (unit = unit_id_for(c, json_string_value(v), err)) == 0) {
			*field = g_strdup("unit");
			return FALSE;
		}
		if (unit
		        ? !update_column(
		              c, "UPDATE user_account SET unit_id = ?, updated_at = ? WHERE id = ?",
		              user_id, NULL, unit, TRUE, err)
		        : !update_column(
		              c, "UPDATE user_account SET unit_id = ?, updated_at = ? WHERE id = ?",
		              user_id, NULL, 0, FALSE, err))
			return FALSE;
	}
	static const struct {
		const char *key, *sql;
		glong max;
	} texts[] = {
	    {"department", "UPDATE user_account SET department = ?, updated_at = ? WHERE id = ?",
	     64},
	    {"phone", "UPDATE user_account SET phone = ?, updated_at = ? WHERE id = ?", 32},
	    {"title",
	     "UPDATE user_account SET title = COALESCE(?, ''), updated_at = ? WHERE id = ?", 64},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(texts); i++) {
		if (!(v = json_object_get(obj, texts[i].key)))
			continue;
		if (!(json_is_null(v) ||
		      (json_is_string(v) && text_ok(json_string_value(v), 0, texts[i].max)))) {
			*field = g_strdup(texts[i].key);
			return invalid(
			    err, N_("This value is too long or contains control characters."));
		}
		if (!update_column(c, texts[i].sql, user_id,
		                   json_is_string(v) && *json_string_value(v) ? json_string_value(v)
		                                                              : NULL,
		                   0, FALSE, err))
			return FALSE;
	}
	if ((v = json_object_get(obj, "locale"))) {
		const char *l = json_string_value(v);
		if (g_strcmp0(l, "zh-CN") && g_strcmp0(l, "en")) {
			*field = g_strdup("locale");
			return invalid(err, N_("The language is zh-CN or en."));
		}
		if (!update_column(
		        c, "UPDATE user_account SET locale = ?, updated_at = ? WHERE id = ?",
		        user_id, l, 0, FALSE, err))
			return FALSE;
	}
	if ((v = json_object_get(obj, "disabled"))) {
		if (!json_is_boolean(v)) {
			*field = g_strdup("disabled");
			return invalid(err, N_("This value must be true or false."));
		}
		if (!update_column(
		        c, "UPDATE user_account SET disabled = ?, updated_at = ? WHERE id = ?",
		        user_id, NULL, json_is_true(v), TRUE, err))
			return FALSE;
		if (json_is_true(v) && !auth_session_end_all(c, user_id, err))
			return FALSE;
	}
	return TRUE;
}

gboolean auth_user_set_password(DbConn *c, gint64 user_id, const char *password,
                                gboolean must_change, const char *keep_session_hash, GError **err)
{
	AuthPolicy policy;
	AuthUser *u;
	char *hash;
	GError *e = NULL;
	DbStmt *s;
	gboolean ok;
	gint64 now = core_now();

	if ((u = auth_user_load(c, user_id, err)) == NULL)
		return FALSE;
	ok = auth_policy_load(c, &policy, err) &&
	     auth_password_acceptable(&policy, u->username, password, err);
	auth_user_free(u);
	if (!ok)
		return FALSE;
	if ((hash = auth_password_hash(password)) == NULL) {
		g_set_error_literal(err, AUTH_ERROR, AUTH_ERROR_DB, "out of memory hashing");
		return FALSE;
	}
	s = db_prepare(c,
	               "UPDATE user_account SET password_hash = ?, must_change_password = ?, "
	               "password_changed_at = ?, updated_at = ?, locked_until = 0 WHERE id = ?",
	               &e);
	if (s == NULL) {
		g_free(hash);
		return db_fail(err, e);
	}
	db_bind_text(s, 1, hash);
	db_bind_int(s, 2, must_change ? 1 : 0);
	db_bind_int(s, 3, now);
	db_bind_int(s, 4, now);
	db_bind_int(s, 5, user_id);
	ok = db_step(s, &e) == DB_DONE;
	db_finish(s);
	g_free(hash);
	if (!ok)
		return db_fail(err, e);
	s = db_prepare(c, "DELETE FROM session WHERE user_id = ? AND token_hash <> ?", &e);
	if (s == NULL)
		return db_fail(err, e);
	db_bind_int(s, 1, user_id);
	db_bind_text(s, 2, keep_session_hash ? keep_session_hash : "");
	ok = db_step(s, &e) == DB_DONE;
	db_finish(s);
	return ok ? TRUE : db_fail(err, e);
}

json_t *auth_user_list(DbConn *c, gint64 cursor, int limit, GError **err)
{
	GError *e = NULL;
	json_t *items = json_array();
	DbStmt *s =
	    db_prepare(c, "SELECT id FROM user_account WHERE id > ? ORDER BY id LIMIT ?", &e);
	GArray *ids = g_array_new(FALSE, FALSE, sizeof(gint64));
	DbStep r;

	if (s == NULL) {
		json_decref(items);
		g_array_free(ids, TRUE);
		return db_fail(err, e), NULL;
	}
	db_bind_int(s, 1, cursor);
	db_bind_int(s, 2, CLAMP(limit, 1, 500));
	while ((r = db_step(s, &e)) == DB_ROW) {
		gint64 id = db_col_int(s, 0);
		g_array_append_val(ids, id);
	}
	db_finish(s);
	if (r == DB_ERROR) {
		json_decref(items);
		g_array_free(ids, TRUE);
		return db_fail(err, e), NULL;
	}
	for (guint i = 0; i < ids->len; i++) {
		AuthUser *u = auth_user_load(c, g_array_index(ids, gint64, i), err);
		json_t *j;
		if (u == NULL) {
			json_decref(items);
			g_array_free(ids, TRUE);
			return NULL;
		}
		j = auth_user_json(u);
		auth_user_free(u);
		json_array_append_new(items, j);
	}
	g_array_free(ids, TRUE);
	return items;
}
