/*
 * auth — accounts, passwords, sessions, API tokens, sign-in throttling and captchas, the one
 * access decision, and the hash-chained audit trail. Depends on core and db only; the HTTP
 * wiring (guard, handlers, pages) lives in auth_pages.c / auth_api.c.
 *
 * Every function that fails sets a GError in AUTH_ERROR (codes below), whose message is an
 * English msgid the caller translates (core_tr) for the user; nothing here exits.
 */
#ifndef MISHU_AUTH_H
#define MISHU_AUTH_H

#include "db/db.h"

#include <glib.h>
#include <jansson.h>

/* ---- errors ------------------------------------------------------------------------------ */

typedef enum {
	AUTH_ERROR_INVALID,      /* bad input: FIELD-specific message (422) */
	AUTH_ERROR_CONFLICT,     /* username taken, token revoked twice … (409) */
	AUTH_ERROR_NOT_FOUND,    /* no such user/token (404) */
	AUTH_ERROR_THREE_ADMINS, /* two of sysadmin/secadmin/auditor on one account (422) */
	AUTH_ERROR_POLICY,       /* password does not meet the policy (422) */
	AUTH_ERROR_CREDENTIALS,  /* wrong username or password (401) */
	AUTH_ERROR_CAPTCHA,      /* captcha required, missing or wrong (401, with a new captcha) */
	AUTH_ERROR_LOCKED,       /* account locked until a time (423) */
	AUTH_ERROR_THROTTLED,    /* too many failures from this address (429) */
	AUTH_ERROR_DISABLED,     /* account disabled (401, same message as credentials) */
	AUTH_ERROR_DB,           /* the database failed (500/503) */
} AuthError;

#define AUTH_ERROR (auth_error_quark())
GQuark auth_error_quark(void);

/* ---- roles and permissions (auth_perm.c) ------------------------------------------------- */

typedef enum {
	AUTH_ROLE_LEADER = 1 << 0,
	AUTH_ROLE_STAFF = 1 << 1,
	AUTH_ROLE_LIAISON = 1 << 2,
	AUTH_ROLE_SYSADMIN = 1 << 3,
	AUTH_ROLE_SECADMIN = 1 << 4,
	AUTH_ROLE_AUDITOR = 1 << 5,
} AuthRole;

#define AUTH_ROLES_ADMIN (AUTH_ROLE_SYSADMIN | AUTH_ROLE_SECADMIN | AUTH_ROLE_AUDITOR)

/* The role for its name ("leader" …), or 0 when there is none. */
AuthRole auth_role_from_name(const char *name);
/* The name of a single role bit. Static string. */
const char *auth_role_name(AuthRole role);
/* The English msgid of a role's title (领导, 办公室工作人员 …) for the UI. */
const char *auth_role_title(AuthRole role);
/* TRUE when ROLES holds at most one of sysadmin/secadmin/auditor. */
gboolean auth_roles_separated(guint roles);

/* The signed-in user of one request (loaded by auth_session_check or auth_token_check). */
typedef struct AuthUser {
	gint64 id;
	char *username;
	char *display_name;
	gint64 unit_id; /* 0 when none */
	char *unit_code;
	char *unit_name;
	char *department;
	char *locale;
	char *phone;
	char *title; /* post (职务); "" when none */
	guint roles; /* AuthRole bits */
	gboolean must_change_password;
	gboolean disabled;
	gint64 locked_until; /* Unix time; 0 or past when not locked */
	/* how this request was authenticated */
	char *session_hash; /* NULL for bearer tokens */
	char *csrf_token;   /* the session's; NULL for bearer tokens */
	gint64 token_id;    /* the API token's id, 0 for sessions */
} AuthUser;

void auth_user_free(AuthUser *u);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(AuthUser, auth_user_free)

/* The user as JSON for the API and pages: id, username, display_name, unit {id, code, name},
 * department, title, locale, phone, roles [names], must_change_password, disabled, locked_until.
 * New reference. */
json_t *auth_user_json(const AuthUser *u);

/*
 * Permissions. Routes name one; PERM is granted when one of the user's roles carries it:
 *   "login"          any signed-in account
 *   "users.manage"   sysadmin: create, edit, disable accounts, reset passwords
 *   "config.manage"  sysadmin: instance configuration
 *   "roles.manage"   secadmin: grant and revoke roles
 *   "policy.manage"  secadmin: password, lockout and session policy
 *   "audit.read"     auditor: read, verify and export the audit trail
 *   "work.read"      leader, staff, liaison: see items within their visibility
 *   "work.write"     staff, liaison: create and edit items
 *   "work.all"       staff: see every item of the office (they handle all of it)
 *   "work.instruct"  leader: write instructions (批示), sign, vote
 *   "org.read"       leader, staff, liaison: the organisation, 分工, directory, routing
 *   "org.manage"     staff: edit leaders, domains, 分工 (dated changes), departments, units
 *   "routing.read"   leader, staff, liaison, secadmin: read the routing rule table
 *   "routing.manage" secadmin: the routing rule table (rules not per domain)
 *   "workflow.read"  leader, staff, liaison, secadmin: the workflow definitions and diagrams
 *   "workflow.manage" secadmin: new versions of workflow definitions (建立新的工作流程)
 *   "procedure.manage" secadmin: the meeting types and their rules of procedure (议事规则)
 *   "portal.edit"    staff: the portal's articles, comment moderation, links and settings
 *   "duty.manage"    staff: the duty roster (值班表), leave, shifts, handovers (交接班)
 * A route may name "public-if:KEY" instead: open to anyone while setting KEY is "1" (the
 * portal when the office publishes it), else to any signed-in account, even one without a role
 * (a portal member).
 * The three administrators get no work permission at all (三员分立).
 */
gboolean auth_can(const AuthUser *u, const char *perm);

/* What auth_item_access found. */
typedef enum { AUTH_ITEM_DENIED = 0, AUTH_ITEM_ALLOWED = 1, AUTH_ITEM_MISSING = -1 } AuthItemAccess;

/*
 * The one access decision for a work item: U may see item ITEM_ID when U has "work.all", or
 * holds "work.read" and the item's visibility (item_access) names U or U's unit. Returns
 * AUTH_ITEM_MISSING when there is no such item, DENIED when U may not see it (callers answer
 * 404 for both, so ids reveal nothing). ERR set only on database failure (then DENIED).
 */
AuthItemAccess auth_item_access(DbConn *c, const AuthUser *u, gint64 item_id, GError **err);

/*
 * For lists: adds to Q (db_query_where, item table alias "i") the condition that keeps only the
 * items U may see, as auth_item_access decides, with its own parameters and values. Adds nothing
 * when U sees everything ("work.all"); an always-false condition when U may see no item (no
 * "work.read", or U NULL).
 */
void auth_item_filter(DbQuery *q, const AuthUser *u);

/* ---- security policy (auth_policy.c) ----------------------------------------------------- */

typedef struct AuthPolicy {
	int password_min_length;  /* 10 */
	int password_min_classes; /* 3 of lower, upper, digit, other */
	int captcha_after;        /* failures (per username or address) before a captcha: 3 */
	int lockout_threshold;    /* failures of one account within the window: 5 */
	int lockout_window;       /* seconds: 900 */
	int lockout_duration;     /* seconds: 900 */
	int address_limit;        /* failures from one address within the window: 20 → 429 */
	int session_idle;         /* seconds: 1800 */
	int session_absolute;     /* seconds: 43200 */
} AuthPolicy;

/* Reads the policy (defaults for unset keys of the setting table). */
gboolean auth_policy_load(DbConn *c, AuthPolicy *out, GError **err);
/* Validates and stores P (within a write transaction; the caller audits). */
gboolean auth_policy_store(DbConn *c, const AuthPolicy *p, GError **err);
json_t *auth_policy_json(const AuthPolicy *p);
/* Fills P from JSON fields present in OBJ (others kept); FALSE with AUTH_ERROR_INVALID naming
 * the field when a value is out of range. */
gboolean auth_policy_from_json(AuthPolicy *p, json_t *obj, char **field, GError **err);

/* ---- passwords (auth_password.c) --------------------------------------------------------- */

/* Checks PASSWORD against policy P for USERNAME: length, character classes, not containing the
 * username (case-insensitively). FALSE with AUTH_ERROR_POLICY and a msgid saying what to change. */
gboolean auth_password_acceptable(const AuthPolicy *p, const char *username, const char *password,
                                  GError **err);
/* Argon2id hash ('$argon2id$…', libsodium interactive limits). g_free()s. NULL on OOM. */
char *auth_password_hash(const char *password);
/* Constant-time check of PASSWORD against HASH. */
gboolean auth_password_verify(const char *hash, const char *password);

/* ---- accounts (auth_user.c) -------------------------------------------------------------- */

typedef struct AuthUserSpec {
	const char *username;
	const char *display_name;
	guint roles;
	const char *unit_code; /* NULL: none; unknown code → AUTH_ERROR_INVALID field "unit" */
	const char *department;
	const char *locale; /* NULL: zh-CN */
	const char *phone;
	const char *password; /* checked against the policy unless SKIP_POLICY */
	gboolean must_change_password;
	gboolean skip_policy;      /* demo accounts only */
	const char *password_hash; /* instead of PASSWORD: a ready Argon2id hash (demo, imports) */
	const char *title;         /* post (职务), e.g. 副秘书长; NULL: none */
} AuthUserSpec;

/* TRUE when NAME is a valid username: 3–32 of [a-z0-9_.-] (any case), starting with a letter. */
gboolean auth_username_ok(const char *name);
/* Creates an account (within a write transaction; the caller audits). Validates the username
 * (3–32 of [a-z0-9_.-], stored lowercase), display name (1–64 chars), roles (at least one,
 * three-administrator separation), unit and password. Sets *ID. */
gboolean auth_user_create(DbConn *c, const AuthUserSpec *spec, gint64 *id, GError **err);
/* Loads an account by id or username (case-insensitive); NULL with AUTH_ERROR_NOT_FOUND. */
AuthUser *auth_user_load(DbConn *c, gint64 id, GError **err);
AuthUser *auth_user_load_by_name(DbConn *c, const char *username, GError **err);
/* Replaces U's roles (write transaction; three-admin separation checked). */
gboolean auth_user_set_roles(DbConn *c, gint64 user_id, guint roles, GError **err);
/* Updates the fields present in OBJ: display_name, unit (code), department, title, locale, phone,
 * disabled. FALSE with AUTH_ERROR_INVALID and *FIELD on bad input. */
gboolean auth_user_update(DbConn *c, gint64 user_id, json_t *obj, char **field, GError **err);
/* Sets a new password (policy-checked) and MUST_CHANGE; ends the user's other sessions except
 * KEEP_SESSION_HASH (may be NULL: all). */
gboolean auth_user_set_password(DbConn *c, gint64 user_id, const char *password,
                                gboolean must_change, const char *keep_session_hash, GError **err);
/* Lists accounts ordered by id after CURSOR (0 = first), at most LIMIT; JSON array of users. */
json_t *auth_user_list(DbConn *c, gint64 cursor, int limit, GError **err);

/* ---- sign-in, sessions (auth_session.c) -------------------------------------------------- */

typedef struct AuthLoginResult {
	AuthUser *user;      /* on success: the user with session_hash and csrf_token set */
	char *session_token; /* on success: the cookie value (g_free) */
	gint64 locked_until; /* AUTH_ERROR_LOCKED: when the account unlocks */
	char *captcha_id;    /* AUTH_ERROR_CREDENTIALS/CAPTCHA with a captcha now required */
} AuthLoginResult;

void auth_login_result_clear(AuthLoginResult *r);

/*
 * Signs USERNAME in with PASSWORD from ADDRESS. Order of checks: address throttle (429),
 * account lock (423), captcha when required (CAPTCHA_ID + CAPTCHA_ANSWER; a wrong or missing
 * answer fails before the password is looked at), then the password — always verified against
 * some Argon2id hash, a dummy one for unknown usernames, so timing does not tell whether a name
 * exists. A failure is recorded and audited ('login.failed'); the fifth within the window
 * locks the account. Success creates a session and audits 'login'. Runs its own transactions.
 */
gboolean auth_login(Db *db, const char *username, const char *password, const char *captcha_id,
                    const char *captcha_answer, const char *address, const char *user_agent,
                    AuthLoginResult *out, GError **err);

/* Loads the session for cookie TOKEN: NULL (no error) when unknown or timed out (idle or
 * absolute, per policy; an expired row is deleted); refreshes last_seen at most once a minute. */
AuthUser *auth_session_check(Db *db, const char *token, GError **err);
/* Ends the session with this hash (logout) and audits it. */
gboolean auth_session_end(Db *db, const AuthUser *u, const char *address, GError **err);
/* Ends every session of USER_ID ("log out everywhere"); audited by the caller. */
gboolean auth_session_end_all(DbConn *c, gint64 user_id, GError **err);

/* TRUE when the request-supplied GIVEN equals the session's CSRF token (constant time). */
gboolean auth_csrf_ok(const AuthUser *u, const char *given);

/* ---- API tokens (auth_token.c) ----------------------------------------------------------- */

/* Creates a token named NAME for USER_ID (write transaction; caller audits). Returns the token
 * text, shown once ('mishu_' + 43 url-safe characters; g_free), and sets *ID. */
char *auth_token_create(DbConn *c, gint64 user_id, const char *name, gint64 *id, GError **err);
/* Revokes token ID of USER_ID (write transaction); AUTH_ERROR_NOT_FOUND if it is not theirs. */
gboolean auth_token_revoke(DbConn *c, gint64 user_id, gint64 id, GError **err);
/* The user for a bearer TOKEN used from ADDRESS, or NULL (no error) when unknown, revoked or the
 * account disabled. Records last_used_at and audits 'token.use', at most once a minute a token. */
AuthUser *auth_token_check(Db *db, const char *token, const char *address, GError **err);
/* USER_ID's tokens (id, name, prefix, created_at, last_used_at, revoked_at), newest first. */
json_t *auth_token_list(DbConn *c, gint64 user_id, GError **err);

/* ---- secrets (auth_session.c) ----------------------------------------------------------- */

/* NBYTES (at most 64) random bytes as URL-safe base64 without padding. g_free()s. */
char *auth_random_token(gsize nbytes);
/* Hex BLAKE2b-256 of SECRET: how session and API tokens are stored. g_free()s. */
char *auth_secret_hash(const char *secret);

/* ---- captcha (auth_captcha.c) ------------------------------------------------------------ */

/* Creates a captcha and returns its id (g_free). Own transaction. */
char *auth_captcha_new(Db *db, GError **err);
/* Draws captcha ID as a PNG (cairo): distorted characters from an alphabet without look-alikes.
 * NULL (no error) when there is no such captcha. */
GBytes *auth_captcha_png(Db *db, const char *id, GError **err);
/* Checks ANSWER for captcha ID (case-insensitive, spaces ignored) and deletes it either way:
 * single use. Call inside a write transaction on C. */
gboolean auth_captcha_check(DbConn *c, const char *id, const char *answer);
#ifdef MISHU_TESTING
/* The answer of captcha ID, for the test suites only (test build, test routes). g_free()s; NULL
 * if none. */
char *auth_captcha_answer_for_tests(Db *db, const char *id);
#endif

/* ---- audit trail (auth_audit.c) ---------------------------------------------------------- */

typedef struct AuditEntry {
	gint64 actor_id;         /* 0 for the system or an unknown username */
	const char *actor;       /* username, or "-" */
	const char *address;     /* client address, or "-" for the command line */
	const char *action;      /* dotted verb: 'login', 'login.failed', 'user.create' … */
	const char *object_kind; /* may be NULL */
	const char *object_id;   /* may be NULL */
	const char *summary;     /* one readable line (Chinese for the office) */
	json_t *detail;          /* borrowed, may be NULL: {"before":…,"after":…} or facts */
} AuditEntry;

/* Appends E to the chain within the caller's write transaction on C, so the state change and
 * its audit entry commit or roll back together. */
gboolean audit_append(DbConn *c, const AuditEntry *e, GError **err);
/* Appends E in a transaction of its own (for events that change nothing else). */
gboolean audit_log(Db *db, const AuditEntry *e, GError **err);

/* The label of action CODE in LANG for readers of the trail: "公文·传阅" for "docs.circulate",
 * "登录失败" for "login.failed" (auth_audit_labels.c). Caller g_free()s. */
char *audit_action_label(const char *code, const char *lang);
/* The object of an entry in LANG: "公文 9" for KIND "document" and ID "9". Caller g_free()s. */
char *audit_object_label(const char *kind, const char *id, const char *lang);

typedef struct AuditVerify {
	gint64 checked; /* entries read */
	gint64 bad_id;  /* first bad entry's id (0 when intact) */
	char *problem;  /* English description: "entry 12 was modified", "entry 7 is missing" … */
} AuditVerify;

/* Walks the whole chain and the head. TRUE when it ran (check OUT->bad_id); FALSE on DB error. */
gboolean audit_verify(Db *db, AuditVerify *out, GError **err);
void audit_verify_clear(AuditVerify *v);

typedef struct AuditFilter {
	const char *actor;  /* exact username, or NULL */
	const char *action; /* exact action or prefix ending in '.', e.g. 'login.' */
	gint64 from, to;    /* Unix seconds, 0 = open */
	const char *q;      /* substring of the summary, or NULL */
} AuditFilter;

/* Entries matching F, newest first, ids below CURSOR (0 = newest), at most LIMIT: a JSON object
 * {"items":[…],"next_cursor":id|null}. */
json_t *audit_query(DbConn *c, const AuditFilter *f, gint64 cursor, int limit, GError **err);
/* All entries matching F as CSV (UTF-8 with BOM for spreadsheet programs) or XLSX bytes. */
GBytes *audit_export_csv(DbConn *c, const AuditFilter *f, GError **err);
GBytes *audit_export_xlsx(DbConn *c, const AuditFilter *f, GError **err);

/* `mishu audit verify --db URL` (ARGV[0] is "audit"): exit 0 intact, 1 naming the first bad
 * entry, 2 on usage or database errors. */
int audit_cli(int argc, char **argv);

#endif
