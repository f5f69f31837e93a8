/*
 * auth_policy.c — the security policy (password, captcha, lockout, session limits): one row of
 * the setting table per field, key "auth.<field>", value the decimal integer. Unset keys take
 * the defaults below.
 */
#define G_LOG_DOMAIN "mishu-auth"

#include "auth/auth.h"
#include "auth/auth_internal.h"
#include "core/core.h"

#include <stddef.h>
#include <string.h>

#define KEY_PREFIX "auth."

/* One policy field: its name (the JSON key and, after "auth.", the setting key), where it lives
 * in AuthPolicy, its default and its allowed range. */
typedef struct {
	const char *name;
	size_t offset;
	int def;
	int min;
	int max;
} PolicyField;

static const PolicyField fields[] = {
    {"password_min_length", offsetof(AuthPolicy, password_min_length), 10, 8, 128},
    {"password_min_classes", offsetof(AuthPolicy, password_min_classes), 3, 1, 4},
    {"captcha_after", offsetof(AuthPolicy, captcha_after), 3, 1, 10},
    {"lockout_threshold", offsetof(AuthPolicy, lockout_threshold), 5, 3, 20},
    {"lockout_window", offsetof(AuthPolicy, lockout_window), 900, 60, 86400},
    {"lockout_duration", offsetof(AuthPolicy, lockout_duration), 900, 60, 86400},
    {"address_limit", offsetof(AuthPolicy, address_limit), 20, 5, 1000},
    {"session_idle", offsetof(AuthPolicy, session_idle), 1800, 60, 86400},
    {"session_absolute", offsetof(AuthPolicy, session_absolute), 43200, 60, 7 * 86400},
};

static int *field_ptr(AuthPolicy *p, const PolicyField *f)
{
	return (int *)((char *)p + f->offset);
}

static int field_get(const AuthPolicy *p, const PolicyField *f)
{
	return *(const int *)((const char *)p + f->offset);
}

static void set_invalid(char **field, GError **err, const char *name, const char *msgid)
{
	if (field)
		*field = g_strdup(name);
	g_set_error_literal(err, AUTH_ERROR, AUTH_ERROR_INVALID, msgid);
}

gboolean auth_policy_validate(const AuthPolicy *p, char **field, GError **err)
{
	for (gsize i = 0; i < G_N_ELEMENTS(fields); i++) {
		int v = field_get(p, &fields[i]);

		if (v < fields[i].min || v > fields[i].max) {
			set_invalid(field, err, fields[i].name, N_("This value is out of range."));
			return FALSE;
		}
	}
	if (p->lockout_threshold < p->captcha_after) {
		set_invalid(
		    field, err, "lockout_threshold",
		    N_("The lockout threshold must not be lower than the number of failures "
		       "before a captcha."));
		return FALSE;
	}
	if (p->session_absolute < p->session_idle) {
		set_invalid(
		    field, err, "session_absolute",
		    N_("The absolute session limit must not be shorter than the idle limit."));
		return FALSE;
	}
	return TRUE;
}

/* The field whose setting key is KEY ("auth.<name>"), or NULL. */
static const PolicyField *field_for_key(const char *key)
{
	if (key == NULL || !g_str_has_prefix(key, KEY_PREFIX))
		return NULL;
	for (gsize i = 0; i < G_N_ELEMENTS(fields); i++)
		if (strcmp(key + strlen(KEY_PREFIX), fields[i].name) == 0)
			return &fields[i];
	return NULL;
}

/* Reads every "auth.*" setting in one query. A stored value that is not an integer in its field's
 * range (edited by hand?) is ignored with a warning: the default, which is safe, applies. */
gboolean auth_policy_load(DbConn *c, AuthPolicy *out, GError **err)
{
	GError *dberr = NULL;
	AuthPolicy p;
	DbStep st;

	for (gsize i = 0; i < G_N_ELEMENTS(fields); i++)
		*field_ptr(&p, &fields[i]) = fields[i].def;

	g_autoptr(DbStmt) s =
	    db_prepare(c, "SELECT key, value FROM setting WHERE key LIKE 'auth.%'", &dberr);
	if (s == NULL) {
		auth_error_from_db(err, dberr);
		return FALSE;
	}
	while ((st = db_step(s, &dberr)) == DB_ROW) {
		const char *key = db_col_text(s, 0);
		const char *value = db_col_text(s, 1);
		const PolicyField *f = field_for_key(key);
		gint64 v;

		if (f == NULL)
			continue; /* another auth setting, not part of the policy */
		if (value == NULL ||
		    !g_ascii_string_to_signed(value, 10, f->min, f->max, &v, NULL)) {
			g_warning("setting %s = “%s” is not an integer from %d to %d: using %d",
			          key, value ? value : "", f->min, f->max, f->def);
			continue;
		}
		*field_ptr(&p, f) = (int)v;
	}
	if (st == DB_ERROR) {
		auth_error_from_db(err, dberr);
		return FALSE;
	}
	*out = p;
	return TRUE;
}

/* Validates P, then upserts every field (one statement, re-used for each key). */
gboolean auth_policy_store(DbConn *c, const AuthPolicy *p, GError **err)
{
	GError *dberr = NULL;

	if (!auth_policy_validate(p, NULL, err))
		return FALSE;
	for (gsize i = 0; i < G_N_ELEMENTS(fields); i++) {
		g_autofree char *key = g_strconcat(KEY_PREFIX, fields[i].name, NULL);
		g_autofree char *value = g_strdup_printf("%d", field_get(p, &fields[i]));
		g_autoptr(DbStmt) s =
		    db_prepare(c,
		               "INSERT INTO setting (key, value) VALUES (?, ?) "
		               "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
		               &dberr);

		if (s == NULL) {
			auth_error_from_db(err, dberr);
			return FALSE;
		}
		db_bind_text(s, 1, key);
		db_bind_text(s, 2, value);
		if (db_step(s, &dberr) == DB_ERROR) {
			auth_error_from_db(err, dberr);
			return FALSE;
		}
	}
	return TRUE;
}

json_t *auth_policy_json(const AuthPolicy *p)
{
	json_t *o = json_object();

	for (gsize i = 0; i < G_N_ELEMENTS(fields); i++)
		json_object_set_new(o, fields[i].name, json_integer(field_get(p, &fields[i])));
	return o;
}

/* Takes the integer fields present in OBJ into a copy of P and validates the whole copy, so P is
 * changed only when everything is acceptable. A cross-field failure names the field that OBJ
 * changed when it changed only one of the pair (e.g. captcha_after raised above the threshold). */
gboolean auth_policy_from_json(AuthPolicy *p, json_t *obj, char **field, GError **err)
{
	AuthPolicy next = *p;
	g_autofree char *bad = NULL;

	if (!json_is_object(obj)) {
		set_invalid(field, err, "policy", N_("The policy must be a JSON object."));
		return FALSE;
	}
	for (gsize i = 0; i < G_N_ELEMENTS(fields); i++) {
		const PolicyField *f = &fields[i];
		json_t *v = json_object_get(obj, f->name);

		if (v == NULL)
			continue;
		if (!json_is_integer(v)) {
			set_invalid(field, err, f->name, N_("This value must be a whole number."));
			return FALSE;
		}
		if (json_integer_value(v) < f->min || json_integer_value(v) > f->max) {
			set_invalid(field, err, f->name, N_("This value is out of range."));
			return FALSE;
		}
		*field_ptr(&next, f) = (int)json_integer_value(v);
	}
	if (!auth_policy_validate(&next, &bad, err)) {
		static const char *const pairs[][2] = {
		    {"lockout_threshold", "captcha_after"},
		    {"session_absolute", "session_idle"},
		};

		for (gsize i = 0; i < G_N_ELEMENTS(pairs); i++)
			if (g_strcmp0(bad, pairs[i][0]) == 0 &&
			    !json_object_get(obj, pairs[i][0]) &&
			    json_object_get(obj, pairs[i][1])) {
				g_free(bad);
				bad = g_strdup(pairs[i][1]);
			}
		if (field)
			*field = g_steal_pointer(&bad);
		return FALSE;
	}
	*p = next;
	return TRUE;
}
