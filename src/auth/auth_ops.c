/*
 * The changes accounts, roles, policy and tokens go through, from the API and the pages alike:
 * each is one write transaction holding the change and its audit entry, so neither exists
 * without the other.
 */
#include "auth/auth_web.h"
#include "core/core.h"

#include <string.h>

/* The body of an operation: runs inside the transaction; FALSE rolls it back. */
typedef gboolean (*OpFn)(DbConn *c, void *ctx, GError **err);

/* Runs FN in a write transaction, then appends the audit entry built from A (its summary and
 * detail may be filled by FN through CTX), and commits. */
static gboolean run_op(Db *db, OpFn fn, void *ctx, AuditEntry *a, GError **err)
{
	GError *e = NULL;
	DbConn *c = db_conn(db, &e);

	if (c == NULL || !db_begin(c, TRUE, &e)) {
		g_set_error(err, AUTH_ERROR, AUTH_ERROR_DB, "%s", e ? e->message : "no connection");
		g_clear_error(&e);
		return FALSE;
	}
	if (!fn(c, ctx, err) || !audit_append(c, a, err)) {
		db_rollback(c);
		return FALSE;
	}
	if (!db_commit(c, &e)) {
		g_set_error(err, AUTH_ERROR, AUTH_ERROR_DB, "%s", e->message);
		g_error_free(e);
		return FALSE;
	}
	return TRUE;
}

static AuditEntry entry(const AuthUser *actor, const char *address, const char *action,
                        const char *kind, const char *object_id)
{
	AuditEntry a = {actor ? actor->id : 0,
	                actor ? actor->username : "-",
	                address ? address : "-",
	                action,
	                kind,
	                object_id,
	                NULL,
	                NULL};
	return a;
}

/* Loads account ID as JSON (for before/after in audit details); NULL when missing. */
static json_t *user_snapshot(DbConn *c, gint64 id, GError **err)
{
	AuthUser *u = auth_user_load(c, id, err);
	json_t *j;

	if (u == NULL)
		return NULL;
	j = auth_user_json(u);
	json_object_del(j, "locked_until");
	auth_user_free(u);
	return j;
}

/* ---- accounts ---------------------------------------------------------------------------- */

typedef struct {
	const AuthUserSpec *spec;
	gint64 id;
	json_t *detail;
	char oid[24]; /* the new account's id, for the audit entry */
} CreateCtx;

static gboolean do_create(DbConn *c, void *p, GError **err)
{
	CreateCtx *x = p;
	json_t *after;

	if (!auth_user_create(c, x->spec, &x->id, err))
		return FALSE;
	g_snprintf(x->oid, sizeof x->oid, "%" G_GINT64_FORMAT, x->id);
	if ((after = user_snapshot(c, x->id, err)) == NULL)
		return FALSE;
	json_object_set_new(x->detail, "after", after);
	return TRUE;
}

gboolean auth_op_user_create(Db *db, const AuthUser *actor, const char *address,
                             const AuthUserSpec *spec, gint64 *id, GError **err)
{
	CreateCtx x = {spec, 0, json_object(), ""};
	AuditEntry a = entry(actor, address, "user.create", "user", x.oid);
	char *summary = g_strdup_printf("新建账户：%s（%s）", spec->username ? spec->username : "",
	                                spec->display_name ? spec->display_name : "");
	gboolean ok;

	a.summary = summary;
	a.detail = x.detail;
	ok = run_op(db, do_create, &x, &a, err);
	if (ok)
		*id = x.id;
	json_decref(x.detail);
	g_free(summary);
	return ok;
}

typedef struct {
	gint64 id;
	json_t *changes;
	char **field;
	guint roles;
	const char *password;
	json_t *detail;
	const char *keep_session;
} UserCtx;

/* Runs CHANGE between two snapshots of the account, recording both in the detail. */
static gboolean with_snapshots(DbConn *c, UserCtx *x,
                               gboolean (*change)(DbConn *, UserCtx *, GError **), GError **err)
{
	json_t *before = user_snapshot(c, x->id, err), *after;

	if (before == NULL)
		return FALSE;
	if (!change(c, x, err)) {
		json_decref(before);
		return FALSE;
	}
	after = user_snapshot(c, x->id, err);
	json_object_set_new(x->detail, "before", before);
	json_object_set_new(x->detail, "after", after ? after : json_null());
	return after != NULL;
}

static gboolean change_update(DbConn *c, UserCtx *x, GError **err)
{
	return auth_user_update(c, x->id, x->changes, x->field, err);
}

static gboolean do_update(DbConn *c, void *p, GError **err)
{
	return with_snapshots(c, p, change_update, err);
}

static gboolean change_roles(DbConn *c, UserCtx *x, GError **err)
{
	return auth_user_set_roles(c, x->id, x->roles, err);
}

static gboolean do_roles(DbConn *c, void *p, GError **err)
{
	return with_snapshots(c, p, change_roles, err);
}

static gboolean change_reset(DbConn *c, UserCtx *x, GError **err)
{
	return auth_user_set_password(c, x->id, x->password, TRUE, NULL, err);
}

static gboolean do_reset(DbConn *c, void *p, GError **err)
{
	return with_snapshots(c, p, change_reset, err);
}

static gboolean do_unlock(DbConn *c, void *p, GError **err)
{
	UserCtx *x = p;
	GError *e = NULL;
	DbStmt *s;
	AuthUser *u = auth_user_load(c, x->id, err);
	gboolean ok;

	if (u == NULL)
		return FALSE;
	s = db_prepare(c, "DELETE FROM login_failure WHERE username = ?", &e);
	ok = s != NULL;
	if (s) {
		db_bind_text(s, 1, u->username);
		ok = db_step(s, &e) == DB_DONE;
		db_finish(s);
	}
	auth_user_free(u);
	s = ok ? db_prepare(c, "UPDATE user_account SET locked_until = 0 WHERE id = ?", &e) : NULL;
	if (s) {
		db_bind_int(s, 1, x->id);
		ok = db_step(s, &e) == DB_DONE;
		db_finish(s);
	}
	if (!ok || s == NULL) {
		g_set_error(err, AUTH_ERROR, AUTH_ERROR_DB, "%s", e ? e->message : "unlock failed");
		g_clear_error(&e);
		return FALSE;
	}
	return TRUE;
}

static gboolean do_logout_all(DbConn *c, void *p, GError **err)
{
	UserCtx *x = p;

	return auth_session_end_all(c, x->id, err);
}

/* Runs one audited operation on account X->id; the summary reads "WHAT：账户 ID". */
static gboolean user_op(Db *db, const AuthUser *actor, const char *address, const char *action,
                        const char *what, UserCtx *x, OpFn fn, GError **err)
{
	char *oid = g_strdup_printf("%" G_GINT64_FORMAT, x->id);
	char *summary = g_strdup_printf("%s：账户 %s", what, oid);
	AuditEntry a = entry(actor, address, action, "user", oid);
	gboolean ok;

	x->detail = json_object();
	a.summary = summary;
	a.detail = x->detail;
	ok = run_op(db, fn, x, &a, err);
	json_decref(x->detail);
	g_free(summary);
	g_free(oid);
	return ok;
}

gboolean auth_op_user_update(Db *db, const AuthUser *actor, const char *address, gint64 id,
                             json_t *changes, char **field, GError **err)
{
	UserCtx x = {.id = id, .changes = changes, .field = field};

	return user_op(db, actor, address, "user.update", "修改账户信息", &x, do_update, err);
}

gboolean auth_op_user_reset_password(Db *db, const AuthUser *actor, const char *address, gint64 id,
                                     const char *password, GError **err)
{
	UserCtx x = {.id = id, .password = password};

	return user_op(db, actor, address, "user.password_reset", "重置密码（下次登录须修改）", &x,
	               do_reset, err);
}

gboolean auth_op_user_unlock(Db *db, const AuthUser *actor, const char *address, gint64 id,
                             GError **err)
{
	UserCtx x = {.id = id};

	return user_op(db, actor, address, "user.unlock", "解除锁定", &x, do_unlock, err);
}

gboolean auth_op_user_set_roles(Db *db, const AuthUser *actor, const char *address, gint64 id,
                                guint roles, GError **err)
{
	UserCtx x = {.id = id, .roles = roles};

	return user_op(db, actor, address, "role.set", "设置角色", &x, do_roles, err);
}

gboolean auth_op_logout_everywhere(Db *db, const AuthUser *actor, const char *address, gint64 id,
                                   GError **err)
{
	UserCtx x = {.id = id};

	return user_op(db, actor, address, "session.end_all", "退出全部登录", &x, do_logout_all,
	               err);
}

/* ---- policy ------------------------------------------------------------------------------ */

typedef struct {
	json_t *changes;
	char **field;
	json_t *detail;
} PolicyCtx;

static gboolean do_policy(DbConn *c, void *p, GError **err)
{
	PolicyCtx *x = p;
	AuthPolicy pol;

	if (!auth_policy_load(c, &pol, err))
		return FALSE;
	json_object_set_new(x->detail, "before", auth_policy_json(&pol));
	if (!auth_policy_from_json(&pol, x->changes, x->field, err) ||
	    !auth_policy_store(c, &pol, err))
		return FALSE;
	json_object_set_new(x->detail, "after", auth_policy_json(&pol));
	return TRUE;
}

gboolean auth_op_policy_update(Db *db, const AuthUser *actor, const char *address, json_t *changes,
                               char **field, GError **err)
{
	PolicyCtx x = {changes, field, json_object()};
	AuditEntry a = entry(actor, address, "policy.update", "policy", "security");
	gboolean ok;

	a.summary = "修改安全策略（口令、锁定、会话）";
	a.detail = x.detail;
	ok = run_op(db, do_policy, &x, &a, err);
	json_decref(x.detail);
	return ok;
}

/* ---- own password and tokens ------------------------------------------------------------- */

typedef struct {
	const AuthUser *user;
	const char *current, *next;
	const char *name;
	gint64 id;
	char *token;
} SelfCtx;

static gboolean do_password(DbConn *c, void *p, GError **err)
{
	SelfCtx *x = p;
	GError *e = NULL;
	DbStmt *s = db_prepare(c, "SELECT password_hash FROM user_account WHERE id = ?", &e);
	gboolean ok = FALSE;

	if (s == NULL) {
		g_set_error(err, AUTH_ERROR, AUTH_ERROR_DB, "%s", e->message);
		g_error_free(e);
		return FALSE;
	}
	db_bind_int(s, 1, x->user->id);
	if (db_step(s, &e) == DB_ROW)
		ok = auth_password_verify(db_col_text(s, 0), x->current ? x->current : "");
	db_finish(s);
	g_clear_error(&e);
	if (!ok) {
		g_set_error_literal(err, AUTH_ERROR, AUTH_ERROR_INVALID,
		                    N_("The current password is wrong."));
		return FALSE;
	}
	if (x->current && x->next && g_str_equal(x->current, x->next)) {
		g_set_error_literal(err, AUTH_ERROR, AUTH_ERROR_POLICY,
		                    N_("Choose a password different from the current one."));
		return FALSE;
	}
	return auth_user_set_password(c, x->user->id, x->next ? x->next : "", FALSE,
	                              x->user->session_hash, err);
}

gboolean auth_op_password_change(Db *db, const AuthUser *user, const char *address,
                                 const char *current, const char *next, GError **err)
{
	SelfCtx x = {.user = user, .current = current, .next = next};
	AuditEntry a = entry(user, address, "password.change", "user", user->username);

	a.summary = "修改本人密码（其他登录已退出）";
	return run_op(db, do_password, &x, &a, err);
}

static gboolean do_token_create(DbConn *c, void *p, GError **err)
{
	SelfCtx *x = p;

	x->token = auth_token_create(c, x->user->id, x->name, &x->id, err);
	return x->token != NULL;
}

char *auth_op_token_create(Db *db, const AuthUser *user, const char *address, const char *name,
                           gint64 *id, GError **err)
{
	SelfCtx x = {.user = user, .name = name};
	AuditEntry a = entry(user, address, "token.create", "api_token", NULL);
	json_t *detail = json_pack("{s:s?}", "name", name);
	gboolean ok;

	a.summary = "创建 API 令牌";
	a.detail = detail;
	ok = run_op(db, do_token_create, &x, &a, err);
	json_decref(detail);
	if (!ok) {
		g_free(x.token);
		return NULL;
	}
	*id = x.id;
	return x.token;
}

static gboolean do_token_revoke(DbConn *c, void *p, GError **err)
{
	SelfCtx *x = p;

	return auth_token_revoke(c, x->user->id, x->id, err);
}

gboolean auth_op_token_revoke(Db *db, const AuthUser *user, const char *address, gint64 id,
                              GError **err)
{
	SelfCtx x = {.user = user, .id = id};
	char *oid = g_strdup_printf("%" G_GINT64_FORMAT, id);
	AuditEntry a = entry(user, address, "token.revoke", "api_token", oid);
	gboolean ok;

	a.summary = "吊销 API 令牌";
	ok = run_op(db, do_token_revoke, &x, &a, err);
	g_free(oid);
	return ok;
}
