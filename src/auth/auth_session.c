/*
 * Sign-in and sessions. A session is a random token in the mishu_session cookie; the database
 * keeps only its BLAKE2b hash, with the CSRF token and the times that bound it (idle and
 * absolute timeouts from the policy). Failed sign-ins drive the captcha, the account lockout
 * and the per-address limit; every failure is audited.
 */
#include "auth/auth.h"
#include "auth/auth_internal.h"
#include "core/core.h"

#include <sodium.h>
#include <string.h>

static gint64 now_s(void)
{
	return core_now();
}

static gboolean db_fail(GError **err, GError *dberr)
{
	g_set_error(err, AUTH_ERROR, AUTH_ERROR_DB, "%s",
	            dberr ? dberr->message : "database error");
	g_clear_error(&dberr);
	return FALSE;
}

char *auth_random_token(gsize nbytes)
{
	guchar buf[64];
	gsize len = sodium_base64_ENCODED_LEN(sizeof buf, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char *out = g_malloc(len);

	g_assert(nbytes <= sizeof buf);
	randombytes_buf(buf, nbytes);
	sodium_bin2base64(out, len, buf, nbytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(buf, sizeof buf);
	return out;
}

char *auth_secret_hash(const char *secret)
{
	guchar h[32];
	char *hex = g_malloc(sizeof h * 2 + 1);

	crypto_generichash(h, sizeof h, (const guchar *)secret, strlen(secret), NULL, 0);
	sodium_bin2hex(hex, sizeof h * 2 + 1, h, sizeof h);
	return hex;
}

void auth_login_result_clear(AuthLoginResult *r)
{
	auth_user_free(r->user);
	if (r->session_token) {
		sodium_memzero(r->session_token, strlen(r->session_token));
		g_free(r->session_token);
	}
	g_free(r->captcha_id);
	memset(r, 0, sizeof *r);
}

#define ACCOUNT_FAILURES                                                                           \
	"SELECT count(*) FROM login_failure WHERE username = ? AND at > ? AND for_account = 1"
#define ADDRESS_FAILURES "SELECT count(*) FROM login_failure WHERE address = ? AND at > ?"

/* Counts login_failure rows with COLUMN = VALUE since SINCE. -1 on error. */
static gint64 count_failures(DbConn *c, const char *sql, const char *value, gint64 since,
                             GError **err)
{
	GError *e = NULL;
	DbStmt *s = db_prepare(c, sql, &e);
	gint64 n = -1;

	if (s == NULL)
		return db_fail(err, e), -1;
	db_bind_text(s, 1, value);
	db_bind_int(s, 2, since);
	if (db_step(s, &e) == DB_ROW)
		n = db_col_int(s, 0);
	else
		db_fail(err, e);
	db_finish(s);
	return n;
}

/* Reads the account's password hash and disabled flag; *HASH NULL when there is no account. */
static gboolean load_secret(DbConn *c, const char *username, gint64 *id, char **hash,
                            gboolean *disabled, gint64 *locked_until, GError **err)
{
	GError *e = NULL;
	DbStmt *s = db_prepare(c,
	                       "SELECT id, password_hash, disabled, locked_until FROM user_account "
	                       "WHERE username = ?",
	                       &e);
	DbStep r;

	*hash = NULL;
	if (s == NULL)
		return db_fail(err, e);
	db_bind_text(s, 1, username);
	r = db_step(s, &e);
	if (r == DB_ROW) {
		*id = db_col_int(s, 0);
		*hash = g_strdup(db_col_text(s, 1));
		*disabled = db_col_int(s, 2) != 0;
		*locked_until = db_col_int(s, 3);
	}
	db_finish(s);
	return r == DB_ERROR ? db_fail(err, e) : TRUE;
}

/* Audits a sign-in event in its own transaction; a failure to audit is logged, not fatal to
 * the refusal the caller is about to give. */
static void audit_event(Db *db, gint64 actor_id, const char *actor, const char *address,
                        const char *action, const char *summary, json_t *detail)
{
	AuditEntry e = {actor_id, actor, address, action, "account", actor, summary, detail};
	GError *err = NULL;

	if (!audit_log(db, &e, &err)) {
		g_warning("audit %s: %s", action, err->message);
		g_error_free(err);
	}
}

/* Records one failed sign-in of USERNAME from ADDRESS, locks the account when this failure
 * reaches the threshold, and audits both, in one transaction. Sets *LOCKED_UNTIL (0 if not). */
static gboolean record_failure(Db *db, const AuthPolicy *p, const char *username, gint64 user_id,
                               const char *address, const char *why, gboolean for_account,
                               gint64 *locked_until, GError **err)
{
	GError *e = NULL;
	DbConn *c = db_conn(db, &e);
	DbStmt *s;
	gint64 now = now_s(), n;
	json_t *detail = json_pack("{s:s}", "reason", why);
	static const char *const zh[][2] = {
	    {"unknown username", "用户名不存在"}, {"wrong password", "密码错误"},
	    {"account disabled", "账户已停用"},   {"wrong captcha", "验证码错误"},
	    {"missing captcha", "未填写验证码"},
	};
	const char *why_zh = why;
	char *summary;

	for (gsize i = 0; i < G_N_ELEMENTS(zh); i++)
		if (g_str_equal(why, zh[i][0]))
			why_zh = zh[i][1];
	summary = g_strdup_printf("登录失败：%s（%s）", username, why_zh);
	AuditEntry a = {user_id,   username, address, "login.failed",
	                "account", username, summary, detail};
	gboolean ok = FALSE;

	*locked_until = 0;
	if (c == NULL || !db_begin(c, TRUE, &e)) {
		db_fail(err, e);
		goto out;
	}
	s = db_prepare(c,
	               "INSERT INTO login_failure (username, address, at, for_account) "
	               "VALUES (?, ?, ?, ?)",
	               &e);
	if (s == NULL)
		goto fail;
	db_bind_text(s, 1, username);
	db_bind_text(s, 2, address);
	db_bind_int(s, 3, now);
	db_bind_int(s, 4, for_account ? 1 : 0);
	ok = db_step(s, &e) == DB_DONE;
	db_finish(s);
	if (!ok || !audit_append(c, &a, err))
		goto fail_quiet;
	n = count_failures(c, ACCOUNT_FAILURES, username, now - p->lockout_window, err);
	if (n < 0)
		goto fail_quiet;
	if (for_account && user_id && n >= p->lockout_threshold) {
		AuditEntry l = {user_id,   username, address, "account.locked",
		                "account", username, NULL,    NULL};
		char *sum = g_strdup_printf(
		    "账户锁定：%s 在 %d 分钟内登录失败 %" G_GINT64_FORMAT " 次，锁定 %d 分钟",
		    username, p->lockout_window / 60, n, p->lockout_duration / 60);
		*locked_until = now + p->lockout_duration;
		s = db_prepare(c, "UPDATE user_account SET locked_until = ? WHERE id = ?", &e);
		if (s == NULL) {
			g_free(sum);
			goto fail;
		}
		db_bind_int(s, 1, *locked_until);
		db_bind_int(s, 2, user_id);
		ok = db_step(s, &e) == DB_DONE;
		db_finish(s);
		l.summary = sum;
		ok = ok && audit_append(c, &l, err);
		g_free(sum);
		if (!ok)
			goto fail_quiet;
	}
	ok = db_commit(c, &e) ? TRUE : db_fail(err, e);
	goto out;
fail:
	db_fail(err, e);
fail_quiet:
	ok = FALSE;
	db_rollback(c);
out:
	json_decref(detail);
	g_free(summary);
	return ok;
}

/* Creates the session row and audits the sign-in; fills OUT. */
static gboolean open_session(Db *db, gint64 user_id, const char *address, const char *user_agent,
                             AuthLoginResult *out, GError **err)
{
	GError *e = NULL;
	DbConn *c = db_conn(db, &e);
	char *token = auth_random_token(32);
	char *hash = auth_secret_hash(token);
	char *csrf = auth_random_token(32);
	gint64 now = now_s();
	AuthUser *u = NULL;
	DbStmt *s;
	gboolean ok = FALSE;

	if (c == NULL || !db_begin(c, TRUE, &e)) {
		db_fail(err, e);
		goto out;
	}
	s = db_prepare(
	    c,
	    "INSERT INTO session (token_hash, user_id, csrf_token, created_at, last_seen, "
	    "address, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)",
	    &e);
	if (s == NULL)
		goto fail;
	db_bind_text(s, 1, hash);
	db_bind_int(s, 2, user_id);
	db_bind_text(s, 3, csrf);
	db_bind_int(s, 4, now);
	db_bind_int(s, 5, now);
	db_bind_text(s, 6, address);
	db_bind_text(s, 7, user_agent ? user_agent : "");
	ok = db_step(s, &e) == DB_DONE;
	db_finish(s);
	if (!ok)
		goto fail;
	if ((u = auth_user_load(c, user_id, err)) == NULL)
		goto fail_quiet;
	/* A successful sign-in clears the account's failure count. */
	s = db_prepare(c, "DELETE FROM login_failure WHERE username = ? AND for_account = 1", &e);
	if (s == NULL)
		goto fail;
	db_bind_text(s, 1, u->username);
	ok = db_step(s, &e) == DB_DONE;
	db_finish(s);
	if (!ok)
		goto fail;
	{
		char *summary = g_strdup_printf("登录：%s（%s）", u->username, u->display_name);
		AuditEntry a = {u->id,     u->username, address, "login",
		                "account", u->username, summary, NULL};
		ok = audit_append(c, &a, err);
		g_free(summary);
	}
	if (!ok)
		goto fail_quiet;
	if (!db_commit(c, &e))
		goto fail;
	u->session_hash = g_strdup(hash);
	u->csrf_token = g_strdup(csrf);
	out->user = u;
	out->session_token = token;
	token = NULL;
	u = NULL;
	ok = TRUE;
	goto out;
fail:
	db_fail(err, e);
fail_quiet:
	ok = FALSE;
	db_rollback(c);
out:
	auth_user_free(u);
	g_free(token);
	g_free(hash);
	g_free(csrf);
	return ok;
}

/* Checks and consumes a captcha answer in its own transaction. */
static gboolean captcha_passes(Db *db, const char *id, const char *answer, GError **err)
{
	GError *e = NULL;
	DbConn *c = db_conn(db, &e);
	gboolean ok;

	if (c == NULL || !db_begin(c, TRUE, &e))
		return db_fail(err, e);
	ok = auth_captcha_check(c, id, answer);
	if (!db_commit(c, &e))
		return db_fail(err, e);
	return ok;
}

gboolean auth_login(Db *db, const char *username, const char *password, const char *captcha_id,
                    const char *captcha_answer, const char *address, const char *user_agent,
                    AuthLoginResult *out, GError **err)
{
	AuthPolicy p;
	GError *e = NULL;
	DbConn *c = db_conn(db, &e);
	char *name = NULL, *hash = NULL;
	gint64 user_id = 0, locked_until = 0, by_name, by_addr, now = now_s();
	gboolean disabled = FALSE, verified, ok = FALSE;

	memset(out, 0, sizeof *out);
	if (c == NULL)
		return db_fail(err, e);
	if (!auth_policy_load(c, &p, err))
		return FALSE;
	/* Names longer than any account's are still counted, under a bounded key. */
	if (username && g_utf8_validate(username, -1, NULL))
		name = g_utf8_substring(username, 0, MIN(g_utf8_strlen(username, -1), 64));
	else
		name = g_strdup("?");
	{
		char *lower = g_utf8_strdown(name, -1);
		g_free(name);
		name = lower;
	}
	by_addr = count_failures(c, ADDRESS_FAILURES, address, now - p.lockout_window, err);
	by_name = count_failures(c, ACCOUNT_FAILURES, name, now - p.lockout_window, err);
	if (by_addr < 0 || by_name < 0)
		goto out;
	if (by_addr >= p.address_limit) {
		audit_event(db, 0, name, address, "login.throttled",
		            "登录被拒绝：来自该地址的失败次数过多", NULL);
		g_set_error_literal(err, AUTH_ERROR, AUTH_ERROR_THROTTLED,
		                    N_("Too many failed sign-ins from your address; wait a few "
		                       "minutes and try again."));
		goto out;
	}
	if (!load_secret(c, name, &user_id, &hash, &disabled, &locked_until, err))
		goto out;
	if (hash && locked_until > now) {
		audit_event(db, user_id, name, address, "login.locked",
		            "登录被拒绝：账户处于锁定状态", NULL);
		out->locked_until = locked_until;
		g_set_error_literal(err, AUTH_ERROR, AUTH_ERROR_LOCKED,
		                    N_("This account is locked after repeated failed sign-ins."));
		goto out;
	}
	if (by_name >= p.captcha_after || by_addr >= p.captcha_after) {
		gboolean passed = captcha_id && captcha_answer && *captcha_id &&
		                  captcha_passes(db, captcha_id, captcha_answer, &e);
		if (e) {
			db_fail(err, e);
			goto out;
		}
		if (!passed) {
			gint64 unused;
			if (!record_failure(db, &p, name, user_id, address,
			                    captcha_id && *captcha_id ? "wrong captcha"
			                                              : "missing captcha",
			                    FALSE, &unused, err))
				goto out;
			out->captcha_id = auth_captcha_new(db, NULL);
			g_set_error_literal(err, AUTH_ERROR, AUTH_ERROR_CAPTCHA,
			                    captcha_id && *captcha_id
			                        ? N_("The verification code is wrong; enter the "
			                             "new one.")
			                        : N_("Enter the verification code shown."));
			goto out;
		}
	}
	/* Always one Argon2id verification, so an unknown name costs what a known one does. */
	verified = auth_password_verify(hash ? hash : auth_password_dummy_hash(),
	                                password ? password : "");
	if (!verified || hash == NULL || disabled) {
		gint64 locked = 0;
		if (!record_failure(db, &p, name, user_id, address,
		                    hash == NULL ? "unknown username"
		                    : disabled   ? "account disabled"
		                                 : "wrong password",
		                    TRUE, &locked, err))
			goto out;
		if (locked) {
			out->locked_until = locked;
			g_set_error_literal(err, AUTH_ERROR, AUTH_ERROR_LOCKED,
			                    N_("This account is locked after repeated failed "
			                       "sign-ins."));
			goto out;
		}
		if (by_name + 1 >= p.captcha_after || by_addr + 1 >= p.captcha_after)
			out->captcha_id = auth_captcha_new(db, NULL);
		g_set_error_literal(err, AUTH_ERROR, AUTH_ERROR_CREDENTIALS,
		                    N_("The username or password is wrong."));
		goto out;
	}
	ok = open_session(db, user_id, address, user_agent, out, err);
out:
	if (hash) {
		sodium_memzero(hash, strlen(hash));
		g_free(hash);
	}
	g_free(name);
	return ok;
}

AuthUser *auth_session_check(Db *db, const char *token, GError **err)
{
	GError *e = NULL;
	DbConn *c;
	DbStmt *s;
	AuthPolicy p;
	AuthUser *u = NULL;
	char *hash, *csrf = NULL;
	gint64 user_id = 0, created = 0, seen = 0, now = now_s();
	gboolean found = FALSE, expired;

	if (token == NULL || strlen(token) < 20 || strlen(token) > 128)
		return NULL;
	if ((c = db_conn(db, &e)) == NULL)
		return db_fail(err, e), NULL;
	hash = auth_secret_hash(token);
	s = db_prepare(c,
	               "SELECT user_id, csrf_token, created_at, last_seen FROM session "
	               "WHERE token_hash = ?",
	               &e);
	if (s == NULL)
		goto dbfail;
	db_bind_text(s, 1, hash);
	switch (db_step(s, &e)) {
	case DB_ROW:
		found = TRUE;
		user_id = db_col_int(s, 0);
		csrf = g_strdup(db_col_text(s, 1));
		created = db_col_int(s, 2);
		seen = db_col_int(s, 3);
		break;
	case DB_DONE:
		break;
	default:
		db_finish(s);
		goto dbfail;
	}
	db_finish(s);
	if (!found || !auth_policy_load(c, &p, err))
		goto out;
	expired = now - seen > p.session_idle || now - created > p.session_absolute;
	if (expired || now - seen >= 60) {
		/* Expired sessions are removed; live ones note activity at most once a minute. */
		if (!db_begin(c, TRUE, &e))
			goto dbfail;
		s = db_prepare(c,
		               expired ? "DELETE FROM session WHERE token_hash = ? AND 0 = ?"
		                       : "UPDATE session SET last_seen = ? WHERE token_hash = ?",
		               &e);
		if (s == NULL) {
			db_rollback(c);
			goto dbfail;
		}
		if (expired) {
			db_bind_text(s, 1, hash);
			db_bind_int(s, 2, 0);
		} else {
			db_bind_int(s, 1, now);
			db_bind_text(s, 2, hash);
		}
		if (db_step(s, &e) != DB_DONE || (db_finish(s), !db_commit(c, &e))) {
			db_rollback(c);
			goto dbfail;
		}
		if (expired)
			goto out;
	}
	u = auth_user_load(c, user_id, err);
	if (u && u->disabled) {
		auth_user_free(u);
		u = NULL;
	}
	if (u) {
		u->session_hash = hash;
		u->csrf_token = csrf;
		hash = csrf = NULL;
	}
	goto out;
dbfail:
	db_fail(err, e);
out:
	g_free(hash);
	g_free(csrf);
	return u;
}

gboolean auth_session_end(Db *db, const AuthUser *u, const char *address, GError **err)
{
	GError *e = NULL;
	DbConn *c = db_conn(db, &e);
	DbStmt *s;
	char *summary;
	gboolean ok;

	if (c == NULL || !db_begin(c, TRUE, &e))
		return db_fail(err, e);
	s = db_prepare(c, "DELETE FROM session WHERE token_hash = ?", &e);
	if (s == NULL) {
		db_rollback(c);
		return db_fail(err, e);
	}
	db_bind_text(s, 1, u->session_hash ? u->session_hash : "");
	ok = db_step(s, &e) == DB_DONE;
	db_finish(s);
	if (!ok) {
		db_rollback(c);
		return db_fail(err, e);
	}
	summary = g_strdup_printf("退出登录：%s", u->username);
	{
		AuditEntry a = {u->id,     u->username, address, "logout",
		                "account", u->username, summary, NULL};
		ok = audit_append(c, &a, err);
	}
	g_free(summary);
	if (!ok) {
		db_rollback(c);
		return FALSE;
	}
	return db_commit(c, &e) ? TRUE : db_fail(err, e);
}

gboolean auth_session_end_all(DbConn *c, gint64 user_id, GError **err)
{
	GError *e = NULL;
	DbStmt *s = db_prepare(c, "DELETE FROM session WHERE user_id = ?", &e);
	gboolean ok;

	if (s == NULL)
		return db_fail(err, e);
	db_bind_int(s, 1, user_id);
	ok = db_step(s, &e) == DB_DONE;
	db_finish(s);
	return ok ? TRUE : db_fail(err, e);
}

gboolean auth_csrf_ok(const AuthUser *u, const char *given)
{
	gsize n;

	if (u == NULL || u->csrf_token == NULL || given == NULL)
		return FALSE;
	n = strlen(u->csrf_token);
	return strlen(given) == n && sodium_memcmp(u->csrf_token, given, n) == 0;
}
