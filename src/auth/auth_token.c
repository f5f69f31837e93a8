/*
 * API tokens for integrations: "mishu_" and 43 URL-safe characters, shown once, stored as a
 * BLAKE2b hash with a short prefix to recognise it in lists; revocable.
 */
#include "auth/auth.h"
#include "core/core.h"

#include <string.h>

#define TOKEN_PREFIX "mishu_"

static gboolean db_fail(GError **err, GError *dberr)
{
	g_set_error(err, AUTH_ERROR, AUTH_ERROR_DB, "%s",
	            dberr ? dberr->message : "database error");
	g_clear_error(&dberr);
	return FALSE;
}

char *auth_token_create(DbConn *c, gint64 user_id, const char *name, gint64 *id, GError **err)
{
	GError *e = NULL;
	char *random = auth_random_token(32);
	char *token = g_strconcat(TOKEN_PREFIX, random, NULL);
	char *hash = auth_secret_hash(token);
	char *prefix = g_strndup(token, strlen(TOKEN_PREFIX) + 6);
	DbStmt *s = NULL;

	g_free(random);
	if (name == NULL || !g_utf8_validate(name, -1, NULL) || g_utf8_strlen(name, -1) < 1 ||
	    g_utf8_strlen(name, -1) > 64) {
		g_set_error_literal(err, AUTH_ERROR, AUTH_ERROR_INVALID,
		                    N_("Give the token a name of 1 to 64 characters."));
		goto fail;
	}
	s = db_prepare(c,
	               "INSERT INTO api_token (user_id, name, token_hash, prefix, created_at) "
	               "VALUES (?, ?, ?, ?, ?) RETURNING id",
	               &e);
	if (s == NULL) {
		db_fail(err, e);
		goto fail;
	}
	db_bind_int(s, 1, user_id);
	db_bind_text(s, 2, name);
	db_bind_text(s, 3, hash);
	db_bind_text(s, 4, prefix);
	db_bind_int(s, 5, core_now());
	if (db_step(s, &e) != DB_ROW) {
		db_fail(err, e);
		goto fail;
	}
	*id = db_col_int(s, 0);
	db_finish(s);
	g_free(hash);
	g_free(prefix);
	return token;
fail:
	if (s)
		db_finish(s);
	g_free(token);
	g_free(hash);
	g_free(prefix);
	return NULL;
}

gboolean auth_token_revoke(DbConn *c, gint64 user_id, gint64 id, GError **err)
{
	GError *e = NULL;
	DbStmt *s = db_prepare(c,
	                       "UPDATE api_token SET revoked_at = ? WHERE id = ? AND user_id = ? "
	                       "AND revoked_at IS NULL",
	                       &e);
	gboolean ok;

	if (s == NULL)
		return db_fail(err, e);
	db_bind_int(s, 1, core_now());
	db_bind_int(s, 2, id);
	db_bind_int(s, 3, user_id);
	ok = db_step(s, &e) == DB_DONE;
	db_finish(s);
	if (!ok)
		return db_fail(err, e);
	if (db_changes(c) != 1) {
		g_set_error_literal(err, AUTH_ERROR, AUTH_ERROR_NOT_FOUND,
		                    N_("There is no such token, or it is already revoked."));
		return FALSE;
	}
	return TRUE;
}

AuthUser *auth_token_check(Db *db, const char *token, const char *address, GError **err)
{
	GError *e = NULL;
	DbConn *c;
	DbStmt *s;
	char *hash;
	gint64 id = 0, user_id = 0, last = 0, now = core_now();
	AuthUser *u = NULL;

	if (token == NULL || !g_str_has_prefix(token, TOKEN_PREFIX) || strlen(token) > 128)
		return NULL;
	if ((c = db_conn(db, &e)) == NULL)
		return db_fail(err, e), NULL;
	hash = auth_secret_hash(token);
	s = db_prepare(c,
	               "SELECT id, user_id, coalesce(last_used_at, 0) FROM api_token "
	               "WHERE token_hash = ? AND revoked_at IS NULL",
	               &e);
	if (s == NULL) {
		g_free(hash);
		return db_fail(err, e), NULL;
	}
	db_bind_text(s, 1, hash);
	if (db_step(s, &e) == DB_ROW) {
		id = db_col_int(s, 0);
		user_id = db_col_int(s, 1);
		last = db_col_int(s, 2);
	}
	db_finish(s);
	g_free(hash);
	if (e)
		return db_fail(err, e), NULL;
	if (id == 0)
		return NULL;
	if (now - last >= 60) {
		gboolean ok = db_begin(c, TRUE, &e);
		s = ok ? db_prepare(c, "UPDATE api_token SET last_used_at = ? WHERE id = ?", &e)
		       : NULL;
		if (s) {
			db_bind_int(s, 1, now);
			db_bind_int(s, 2, id);
			ok = db_step(s, &e) == DB_DONE;
			db_finish(s);
		}
		if (ok && s) {
			char *oid = g_strdup_printf("%" G_GINT64_FORMAT, id);
			AuditEntry a = {user_id,
			                NULL,
			                address,
			                "token.use",
			                "api_token",
			                oid,
			                "使用 API 令牌访问",
			                NULL};
			AuthUser *owner = auth_user_load(c, user_id, NULL);
			a.actor = owner ? owner->username : "-";
			ok = audit_append(c, &a, err);
			auth_user_free(owner);
			g_free(oid);
			if (!ok) {
				db_rollback(c);
				return NULL;
			}
		}
		if (!ok || s == NULL || !db_commit(c, &e)) {
			db_rollback(c);
			return db_fail(err, e), NULL;
		}
	}
	u = auth_user_load(c, user_id, err);
	if (u && u->disabled) {
		auth_user_free(u);
		return NULL;
	}
	if (u)
		u->token_id = id;
	return u;
}

json_t *auth_token_list(DbConn *c, gint64 user_id, GError **err)
{
	GError *e = NULL;
	DbStmt *s = db_prepare(c,
	                       "SELECT id, name, prefix, created_at, last_used_at, revoked_at "
	                       "FROM api_token WHERE user_id = ? ORDER BY id DESC",
	                       &e);
	json_t *items = json_array();
	DbStep r;

	if (s == NULL) {
		json_decref(items);
		return db_fail(err, e), NULL;
	}
	db_bind_int(s, 1, user_id);
	while ((r = db_step(s, &e)) == DB_ROW)
		json_array_append_new(items, db_row_json(s));
	db_finish(s);
	if (r == DB_ERROR) {
		json_decref(items);
		return db_fail(err, e), NULL;
	}
	return items;
}
