/*
 * work.h — mechanisms common to every work module: full-text search of items (search.c).
 */
#ifndef MISHU_WORK_H
#define MISHU_WORK_H

#include "auth/auth.h"
#include "db/db.h"

#include <glib.h>
#include <jansson.h>

/* ---- full-text search (search.c) ---------------------------------------------------------- */

/*
 * Indexes (or re-indexes) the title and body of item ITEM_ID, replacing what was indexed for it
 * before. NULL title or body counts as "". Call it inside the write transaction that stores the
 * text; outside one, it runs in a transaction of its own. Fails with DB_ERROR_CONSTRAINT when
 * there is no such item. Deleting the item removes its index row on both backends.
 */
gboolean work_search_index(DbConn *c, gint64 item_id, const char *title, const char *body,
                           GError **err);

/* Removes item ITEM_ID from the index (nothing to remove is no error). */
gboolean work_search_remove(DbConn *c, gint64 item_id, GError **err);

/*
 * Searches the index for Q, a user's search string (see core_cjk_query: every whitespace-
 * separated term must occur, a term is a phrase, a lone CJK character a prefix; nothing the user
 * types is an operator) for U: only items U may see are returned (auth_item_filter: all of them
 * for "work.all", those item_access grants U or U's unit for "work.read", none otherwise or for
 * a NULL U). Returns a new JSON array (json_decref) of at most LIMIT hits (1..200; anything
 * else means 20), each
 *	{"item_id": 7, "kind": "note", "title": "…",
 *	 "snippet": [{"text": "…", "hit": false}, {"text": "为加强", "hit": false},
 *	             {"text": "安全生产", "hit": true}, …]}
 * ("snippet": about 80 characters of the body around the first match, in parts, the matching
 * tokens marked, "…" where text is left out; only when the body is not empty). When at most
 * 2000 items match, the most relevant come first (bm25 on SQLite, ts_rank on PostgreSQL; title
 * hits weigh more), otherwise the newest (highest item id). A Q without tokens gives an empty
 * array. NULL with ERR on a database error.
 */
json_t *work_search_query(DbConn *c, const char *q, const AuthUser *u, int limit, GError **err);

/* work_search_query over the items of KIND only, with no visibility filter: for a module whose
 * items of that kind are all visible to whoever may search them (the portal's articles). */
json_t *work_search_query_kind(DbConn *c, const char *q, const char *kind, int limit, GError **err);

/* ---- the one error vocabulary of every module (errors.c) ------------------------------- */

/* Every module's errors: one domain, one table from code to HTTP status and snake_case code
 * (work_web.h: work_error_status, work_error_code). Messages are English msgids, translated
 * when answered, or text already composed in core_lang_current(). */
typedef enum {
	WORK_ERROR_INVALID,    /* bad input (422 invalid), the field named */
	WORK_ERROR_CLASSIFIED, /* a classified marking on a non-classified deployment (422) */
	WORK_ERROR_NOT_FOUND,  /* no such thing, or not visible to the caller (404) */
	WORK_ERROR_FORBIDDEN,  /* this user may not do it (403) */
	WORK_ERROR_STATE,      /* not allowed in the present state (409 not_allowed_now) */
	WORK_ERROR_CONFLICT,   /* a concurrent change or a duplicate (409 conflict) */
	WORK_ERROR_WORKFLOW,   /* a workflow definition refused (422 invalid_workflow) */
	WORK_ERROR_DB,         /* the database failed (500) */
	WORK_ERROR_QUORUM,     /* fewer present than the rules of procedure need (409) */
	WORK_ERROR_VOTE_ORDER, /* the principal leader votes before the others (409) */
} WorkError;

#define WORK_ERROR (work_error_quark())
GQuark work_error_quark(void);

/* jansson values released by g_autoptr(json_t). */
G_DEFINE_AUTOPTR_CLEANUP_FUNC(json_t, json_decref)

/* ---- database failures as a module's errors (errors.c) ---------------------------------- */

/* The error domain and the codes database failures become (conflict_code -1: constraint
 * violations are database failures too). Every module passes WORK_ERRORS. */
typedef struct WorkErrors {
	GQuark domain;
	int db_code;
	int conflict_code;
} WorkErrors;

#define WORK_ERRORS (&(const WorkErrors){WORK_ERROR, WORK_ERROR_DB, WORK_ERROR_CONFLICT})

/* Sets ERR in DOMAIN for the database failure CAUSE (freed; details logged, never shown). */
void work_db_error(GError **err, GError *cause, GQuark domain, int db_code, int conflict_code);
/* db_rows_va / db_run_va with failures mapped by M. */
json_t *work_rows_va(const WorkErrors *m, DbConn *c, GError **err, const char *sql,
                     const char *types, va_list ap);
gboolean work_run_va(const WorkErrors *m, DbConn *c, gint64 *out, GError **err, const char *sql,
                     const char *types, va_list ap);
/* db_rows / db_run with failures mapped by M (modules wrap them in macros: docs_rows …). */
json_t *work_rows(const WorkErrors *m, DbConn *c, GError **err, const char *sql, const char *types,
                  ...);
gboolean work_run(const WorkErrors *m, DbConn *c, gint64 *out, GError **err, const char *sql,
                  const char *types, ...);
/* db_query_rows with failures mapped by M (docs_query_rows …). */
json_t *work_query_rows(const WorkErrors *m, DbConn *c, const DbQuery *q, GError **err);
/* The first row of db_rows(SQL …) as a new reference, or NULL with ERR: M's database failure,
 * or WORK_ERROR_NOT_FOUND with MISSING (a msgid) when there is no row. */
json_t *work_row(const WorkErrors *m, DbConn *c, GError **err, const char *missing, const char *sql,
                 const char *types, ...);
/* Sets ERR to CODE in M's domain with MSGID and *FIELD to NAME (may be NULL); returns FALSE. */
gboolean work_fail_field(const WorkErrors *m, GError **err, const char **field, int code,
                         const char *name, const char *msgid);
/* ---- field labels and the checks that name them (labels.c) ------------------------------- */

/* The label (a msgid: "Title" for "title") of request field NAME; NULL for an unknown one. */
const char *work_field_label(const char *name);
/* "标题不能超过 200 字。" for field NAME and limit MAX, in the language of this thread's request
 * (core_lang_current). Caller g_free()s. */
char *work_msg_too_long(const char *name, glong max);
/* "主送不能超过 500 项。" for the list field NAME of at most MAX entries. Caller g_free()s. */
char *work_msg_too_many(const char *name, glong max);
/* work_fail_field with work_msg_too_long(NAME, MAX); returns FALSE. */
gboolean work_fail_too_long(const WorkErrors *m, GError **err, const char **field, int code,
                            const char *name, glong max);
/* The optional text field NAME of OBJ, of at most MAX characters, in *OUT (borrowed; "" when
 * absent or null). FALSE with CODE in M's domain and *FIELD = NAME when it is not a string
 * ("Give a text.") or is longer (work_msg_too_long). */
gboolean work_text_field(const WorkErrors *m, int code, json_t *obj, const char *name, glong max,
                         const char **out, const char **field, GError **err);
/* TRUE unless the dates EARLY (field EARLY_NAME) and LATE (LATE_NAME), both valid YYYY-MM-DD,
 * are out of order (LATE before EARLY): then FALSE with CODE in M's domain, *FIELD = LATE_NAME
 * and a message naming both fields and dates ("办理时限（2026-01-02）不能早于收文日期（…）。").
 * An absent or invalid date is left to the caller's own checks. */
gboolean work_check_order(const WorkErrors *m, GError **err, const char **field, int code,
                          const char *early_name, const char *early, const char *late_name,
                          const char *late);

/* work_item_event by U (NULL: the system) and work_item_grant, failures mapped by M. */
gboolean work_step_event(const WorkErrors *m, DbConn *c, gint64 item, const AuthUser *u,
                         const char *action, const char *from, const char *to, const char *opinion,
                         json_t *detail, GError **err);
gboolean work_step_grant(const WorkErrors *m, DbConn *c, gint64 item, gint64 user_id,
                         gint64 unit_id, const char *reason, GError **err);

/* One audited operation: FN changes the database inside the transaction and sets *ID; the
 * audit entry names ACTION on OBJECT_KIND *ID, its summary the action's Chinese label
 * (audit_action_label: "公文·传阅") and the item's title (TITLED: *ID is an item) or the id. */
typedef struct WorkOp {
	const char *action, *object_kind;
	gboolean titled;
	gboolean (*fn)(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err);
} WorkOp;

/* OP->fn(CTX) and its audit entry inside the caller's write transaction on C (work_op_run
 * without the transaction, for a batch of operations such as the demo year). */
gboolean work_op_in(const WorkErrors *m, DbConn *c, const AuthUser *u, const char *address,
                    const WorkOp *op, void *ctx, gint64 *id, json_t *detail, const char **field,
                    GError **err);

/* Runs OP->fn(CTX) in a write transaction with its audit entry (by U from ADDRESS, DETAIL
 * borrowed) and commits; either both are stored or neither. Failures mapped by M. */
gboolean work_op_run(const WorkErrors *m, Db *db, const AuthUser *u, const char *address,
                     const WorkOp *op, void *ctx, gint64 *id, json_t *detail, const char **field,
                     GError **err);

/* ---- settings held as JSON (settings.c) ---------------------------------------------------- */

/* The JSON value of setting KEY, or, while the office has not changed it (or it is not JSON),
 * the bundled defaults at resource path DEFAULTS ("/mishu/data/info/score_rules.json"). New
 * reference; NULL with ERR (database failures mapped by M; a resource missing or not JSON is
 * M's database failure too). */
json_t *work_setting_json(const WorkErrors *m, DbConn *c, const char *key, const char *defaults,
                          GError **err);
/* Stores VALUE (borrowed) as setting KEY, replacing what was there, in the caller's write
 * transaction. */
gboolean work_setting_json_save(const WorkErrors *m, DbConn *c, const char *key, json_t *value,
                                GError **err);

/* ---- references in request bodies (refs.c) ------------------------------------------------ */

/* What a request body names (CONTRACT.md, "References in request bodies"). */
typedef enum {
	WORK_REF_UNIT,       /* a unit: its code ("fgw") or id */
	WORK_REF_DOMAIN,     /* a domain (分管领域): its code ("economy") or id */
	WORK_REF_DEPARTMENT, /* an office department (内设机构): its code or id */
	WORK_REF_USER,       /* a person: their username, any case ("shuji"), or account id */
	WORK_REF_LEADER,     /* a leader: their account's username, their full name, or leader id */
} WorkRefKind;

/* The most entries work_ref_resolve_list accepts, whatever the caller's own cap. */
#define WORK_REF_LIST_MAX 500

/*
 * Resolves VALUE, the request field NAME, to the id of a KIND in *ID. A JSON integer is an id, a
 * JSON string a code, username or name (never an id, even when all digits). Absent (NULL),
 * JSON null and "" set *ID = 0 and succeed: the caller decides whether the field is required.
 * Anything else (object, array, boolean, real), or nothing matching, fails with CODE in M's
 * domain, a message saying what is wanted, and *FIELD = NAME. Database failures map by M.
 */
gboolean work_ref_resolve(const WorkErrors *m, int code, DbConn *c, WorkRefKind kind,
                          const char *name, json_t *value, gint64 *id, const char **field,
                          GError **err);

/*
 * Resolves the JSON array LIST (request field NAME) of references to KIND, each as
 * work_ref_resolve but null and "" refused too. Returns a new GArray of gint64 ids
 * (g_array_unref) in the order given, each id once (a repeated entry is dropped); NULL with ERR
 * (CODE in M's domain, *FIELD = NAME) when LIST is not an array, has more than MAX (at most
 * WORK_REF_LIST_MAX) entries, or any entry fails.
 */
GArray *work_ref_resolve_list(const WorkErrors *m, int code, DbConn *c, WorkRefKind kind,
                              const char *name, json_t *list, guint max, const char **field,
                              GError **err);

/* ---- items: history, visibility, notifications (items.c) --------------------------------- */

/* Appends a history entry of ITEM: the actor (id 0 and name "-" for the system) took ACTION
 * from status FROM to TO (either may be NULL) with OPINION (may be NULL) and DETAIL (borrowed,
 * may be NULL, stored as JSON). */
gboolean work_item_event(DbConn *c, gint64 item, gint64 actor_id, const char *actor_name,
                         const char *action, const char *from, const char *to, const char *opinion,
                         json_t *detail, GError **err);
/* ITEM's history in order: [{actor_id, who, action, from_status, to_status, opinion, when,
 * detail}]. */
json_t *work_item_history(DbConn *c, gint64 item, GError **err);
/* Lets USER_ID (or, when 0, the unit UNIT_ID) see ITEM for REASON ('routed', 'assigned' …);
 * nothing when already granted for that reason. */
gboolean work_item_grant(DbConn *c, gint64 item, gint64 user_id, gint64 unit_id, const char *reason,
                         GError **err);

/* Puts a notification of KIND ('task.remind' …) with TEXT about ITEM (0: none) in USER_ID's
 * inbox. */
gboolean work_notify(DbConn *c, gint64 user_id, gint64 item, const char *kind, const char *text,
                     GError **err);
/* USER_ID's notifications, newest first (only unread ones when UNREAD_ONLY), at most LIMIT. */
json_t *work_notifications(DbConn *c, gint64 user_id, gboolean unread_only, int limit,
                           GError **err);
/* The number of USER_ID's unread notifications in *N. */
gboolean work_notifications_unread(DbConn *c, gint64 user_id, gint64 *n, GError **err);
/* Marks notification ID of USER_ID read; *FOUND tells whether it is theirs. */
gboolean work_notification_read(DbConn *c, gint64 user_id, gint64 id, gboolean *found,
                                GError **err);

#endif
