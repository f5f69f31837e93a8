/*
 * flow.h — the one workflow engine of every module (建立新的工作流程).
 *
 * A workflow is data: a definition (JSON, seeded from data/workflows/CODE.json, stored in the
 * table `workflow` with a version per change) of states — open, waiting or terminal, with an
 * optional deadline in working days or hours — and steps: from which states, to which state,
 * who may take it (actors: "staff", "leader", "author", "routed_leader", a module's "docs.signer"
 * …), the opinion's limits, the fields the body may carry and the named hooks that do the
 * module's work (number a document, create a task …). An item's kind is its workflow's code;
 * the item records the version it started under (item.workflow_version) and finishes under it.
 *
 * The engine answers which steps a user may take on an item now and why not the others, and
 * takes one step in the caller's write transaction: it claims the state, validates the body,
 * runs the hooks, moves the item, writes its history and schedules the new state's deadline.
 * Refusals: WORK_ERROR_FORBIDDEN (403) names who may take the step; WORK_ERROR_STATE (409) the
 * present state.
 *
 * Modules register their actors, hooks and offer conditions once at start-up
 * (mishu_register in routes.c); a definition naming anything unregistered is refused.
 */
#ifndef MISHU_WORK_FLOW_H
#define MISHU_WORK_FLOW_H

#include "auth/auth.h"
#include "db/db.h"

#include <glib.h>
#include <jansson.h>

typedef struct WorkFlow WorkFlow;
typedef struct WorkFlowStep WorkFlowStep;

/* One step being taken (or considered, for the list of steps a user may take). */
typedef struct WorkStep {
	DbConn *c;
	const AuthUser *u;
	gint64 id;               /* the item */
	const WorkFlow *flow;    /* the definition the item runs under */
	const WorkFlowStep *def; /* the step's definition */
	const char *code;        /* the step's code */
	json_t *row;  /* the module's row of the item: "status", "created_by" and its own facts */
	json_t *body; /* the request's fields (never NULL; {} when listing) */
	const char *opinion; /* body.opinion or NULL */
	const char *to;      /* the state reached; a hook may pick another of the step's "to" */
	gboolean stay;       /* set by a hook: the state does not change (the step allows it) */
	json_t *detail;      /* facts for the history entry (NULL when listing) */
	const char **field;  /* set to the field a refusal is about */
} WorkStep;

/* A module's hook: does the step's work; FALSE with ERR refuses the whole step. */
typedef gboolean (*WorkHookFn)(WorkStep *x, GError **err);
/* An actor: sets *YES when X->u is this actor for the item; FALSE only on a database error. */
typedef gboolean (*WorkActorFn)(WorkStep *x, gboolean *yes, GError **err);
/* An actor's people for an item (the inbox, who acts next): appends the user ids it names to
 * USERS, or sets *POOL to "staff" or "leader" for everyone of that role who may see the item.
 * FALSE only on a database error. */
typedef gboolean (*WorkActorListFn)(WorkStep *x, GArray *users, const char **pool, GError **err);
/* A condition for offering a step (the extension steps only when one was asked for). */
typedef gboolean (*WorkOfferFn)(WorkStep *x);

/* Registers hook NAME ("docs.number"). Call before any thread starts; a name registered twice
 * keeps the last function. */
void work_flow_hook(const char *name, WorkHookFn fn);
/* Registers actor NAME with its description in words (zh and en msgid pair: LABEL is an English
 * msgid translated by the catalog, e.g. "the author"). */
void work_flow_actor(const char *name, const char *label, WorkActorFn fn);
/* Registers how actor NAME lists its people (an actor without one never fills an inbox). */
void work_flow_actor_list(const char *name, WorkActorListFn fn);
/* Appends the active liaisons of UNIT (0: none) to USERS; for a module's actor lists. */
gboolean work_flow_list_liaisons(WorkStep *x, gint64 unit, GArray *users, GError **err);
/* Registers offer condition NAME. */
void work_flow_offer(const char *name, WorkOfferFn fn);
/* Registers the engine's own actors and hooks ("staff", "leader", "author", "holder",
 * "routed_leader", "assistant", "work.instruction" …). Idempotent. */
void work_flow_register_builtins(void);

/* How a module's items are read for the engine: LOAD returns the module's row of item ID (a new
 * reference) with the facts its actors and hooks read ("domain_code", "holder_id" …), or NULL
 * with ERR (WORK_ERROR_NOT_FOUND when there is none). The item's own facts (status, created_by,
 * unit_id, title) are added by the engine. */
typedef struct WorkKind {
	json_t *(*load)(DbConn *c, gint64 id, GError **err);
	/* The facts of item ID worth keeping with each step as they are when it is taken (title,
	 * number …), a new object; NULL with ERR. Optional. */
	json_t *(*facts)(DbConn *c, gint64 id, GError **err);
} WorkKind;

/* Adds "facts" (the kind's facts hook, when it has one) of item ID of workflow CODE to DETAIL,
 * the history entry of a step being recorded: the history shows each step with the facts as
 * they were then. FALSE with ERR. */
gboolean work_flow_facts(DbConn *c, gint64 id, const char *code, json_t *detail, GError **err);

/* Registers how the items of workflow CODE are read (K must live as long as the process). An
 * item kind without one is read from the item table alone. */
void work_flow_kind(const char *code, const WorkKind *k);

/*
 * The steps from item ID's present state, in definition order, as U may or may not take them:
 * [{"code", "label", "to": [state or null], "allowed": true|false, "why": "…" (when not allowed:
 * who may, in words)}]. Steps whose offer condition is false are left out. Sets *ACTIONS (may be
 * NULL) to a new array of the codes U may take. NULL with ERR on a database error or a missing
 * item.
 */
json_t *work_flow_steps(DbConn *c, const AuthUser *u, gint64 id, json_t **actions, GError **err);

/* The codes of the steps U may take on item ID now (work_flow_steps' *ACTIONS). */
json_t *work_flow_actions(DbConn *c, const AuthUser *u, gint64 id, GError **err);

/*
 * Takes step ACTION on item ID as U with BODY (may be NULL) in the caller's write transaction:
 * checks who, the state (claimed first, so a concurrent step waits and then finds it changed),
 * the opinion and the fields, runs the hooks, moves the item, records history and schedules the
 * new state's deadline. WORK_ERROR_NOT_FOUND for an unknown step, _FORBIDDEN, _STATE, _INVALID
 * (*FIELD named).
 */
gboolean work_flow_act(DbConn *c, const AuthUser *u, gint64 id, const char *action, json_t *body,
                       const char **field, GError **err);

/* Starts item ID (kind CODE, just inserted) under the current version of workflow CODE: stamps
 * the version, sets the initial state (returned in *INITIAL when not NULL: static for the
 * process) and schedules its deadline. */
gboolean work_flow_start(DbConn *c, gint64 id, const char *code, const char **initial,
                         GError **err);

/* ---- who acts now (flow_todo.c) ------------------------------------------------------- */

/* Who acts next on item ID: [{"step", "username", "name"} | {"step", "pool": "staff"|"leader",
 * "name": "办公室工作人员"}] (names of pools in LANG). */
json_t *work_flow_next_actors(DbConn *c, gint64 id, const char *lang, GError **err);

/* Sets on OBJ what an item's page and API show of its workflow: "history" (work_item_history),
 * "steps" and "actions" (work_flow_steps for U) and "next_actors" (in the request's language).
 * FALSE with ERR (WORK_ERROR). */
gboolean work_flow_describe(DbConn *c, const AuthUser *u, gint64 id, json_t *obj, GError **err);

/* ---- the inbox (inbox.c) ---------------------------------------------------------------- */

/* The kinds of item that have pages (NULL-terminated): "incoming", "outgoing", "task",
 * "meeting", "agenda". */
extern const char *const work_item_kinds[];

/* The page of item ID of KIND ("/documents/12"), g_free; NULL for a kind without pages. */
char *work_item_href(const char *kind, gint64 id);

/* The name of item kind KIND in LANG: its workflow's (收文, 发文, 督查事项 …), 批示 for an
 * instruction entered by the office. Static or borrowed. */
const char *work_item_kind_label(DbConn *c, const char *kind, const char *lang);
/* The label of STATUS of an item of KIND in LANG (its workflow's state label). Borrowed. */
const char *work_item_status_label(DbConn *c, const char *kind, const char *status,
                                   const char *lang);

/* Which of the inbox's items to list (the counts always cover all of them). */
typedef struct WorkInboxFilter {
	const char *kind; /* a workflow code: "incoming", "outgoing", "task" … */
	const char *due;  /* "late" (past its due date) or "soon" (due within 3 working days) */
} WorkInboxFilter;

/* U's inbox (待办): every item U may act on now and may see, soonest due first, at most 1000,
 * listed as F picks (NULL: all): {"items": [{"item_id", "kind", "title", "step", "step_label",
 * "steps", "step_labels", "since", "due", "urgency": "late"|"soon"?, "href"}], "counts": {"total":
 * N, KIND: n …, "late": n, "soon": n}} — the counts of the whole inbox, whatever F. */
json_t *work_inbox(DbConn *c, const AuthUser *u, const WorkInboxFilter *f, const char *lang,
                   GError **err);

/* The number of items in U's inbox, for the header of every page: from memory while nothing
 * it counts has changed (see inbox.c), else one count. -1 with ERR on a database error. */
gint64 work_inbox_count(DbConn *c, const AuthUser *u, GError **err);

/* Forgets the cached counts of those TO names: {"users": [id …], "pools": ["staff"|"leader"
 * …]}; everyone's when TO is not an object or is {}. */
void work_inbox_touch(json_t *to);

/* TRUE when TO (as work_inbox_touch takes it; not an object or {}: everyone) names the user USER_ID
 * or a pool the user belongs to (STAFF: the office; LEADER: the leaders). */
gboolean work_inbox_addressed(json_t *to, gint64 user_id, gboolean staff, gboolean leader);

/* Rewrites who may act on item ID now (its inbox rows), after a change a module made outside
 * a step (a recipient added by an escalation job); nobody gets a handoff notice. Caller's write
 * transaction. */
gboolean work_flow_todo_refresh(DbConn *c, gint64 id, GError **err);

/* Rewrites who may act on every item that has no such rows yet (after an upgrade to a database
 * that did not keep them). Own transaction. Sets *N to the items written. */
gboolean work_flow_todo_backfill(Db *db, int *n, GError **err);

/* ---- definitions (flow_store.c) -------------------------------------------------------- */

/* Stores version 1 of every compiled-in definition (data/workflows/CODE.json) that the database
 * does not have yet. Own transaction. */
gboolean work_flow_seed(Db *db, GError **err);

/* Definition CODE at VERSION (0: the current one), parsed and cached for the process. The
 * result lives as long as the process. WORK_ERROR_NOT_FOUND when there is none. */
const WorkFlow *work_flow_get(DbConn *c, const char *code, gint64 version, GError **err);

/* The definition's JSON (borrowed, lives with the definition), with "version". */
json_t *work_flow_json(const WorkFlow *f);
/* The definition's code and version. */
const char *work_flow_code(const WorkFlow *f);
gint64 work_flow_version(const WorkFlow *f);
/* LABEL ({"zh", "en"}) in LANG: English when asked for and given, else Chinese, else FALLBACK.
 * Borrowed from LABEL. */
const char *work_flow_label(json_t *label, const char *lang, const char *fallback);
/* The label of state CODE in LANG ("zh-CN"/"en"; the code itself when unknown). Borrowed. */
const char *work_flow_state_label(const WorkFlow *f, const char *code, const char *lang);
/* The label of step CODE in LANG (the code itself when unknown). Borrowed. */
const char *work_flow_step_label(const WorkFlow *f, const char *code, const char *lang);

/*
 * Checks definition DEF for workflow CODE: its shape, every state reachable from the initial
 * one, a way out of every state that is not terminal, someone (a registered actor) for every
 * step, every hook and offer condition registered. FALSE with WORK_ERROR_WORKFLOW and a message
 * naming the problem (in the current language, core_lang_current).
 */
gboolean work_flow_validate(json_t *def, const char *code, GError **err);

/* Stores DEF (validated; its "code" must be CODE or absent) as the next version of workflow
 * CODE by U, refusing the removal of a state that items now occupy. Sets *VERSION. Caller's
 * write transaction. */
gboolean work_flow_store(DbConn *c, const AuthUser *u, const char *code, json_t *def,
                         gint64 *version, GError **err);

/* Every workflow's current definition summary: [{"code", "name", "version", "states", "steps",
 * "updated_at", "items"}]. */
json_t *work_flow_list(DbConn *c, GError **err);
/* The versions of workflow CODE, newest first: [{"version", "created_at", "created_by",
 * "items"}]. */
json_t *work_flow_versions(DbConn *c, const char *code, GError **err);

/* ---- instructions (批示; instructions.c) ------------------------------------------------- */

/*
 * The one path of a leader's instruction on any item ITEM_ID that U may see: TEXT (1…2000
 * characters), REQUIREMENTS (may be NULL; up to 2000), GIVEN_ON (NULL: today). When the item's
 * workflow has a step "instruct" from its present state, that step is taken (the same
 * validation, hooks and move as POST …/actions/instruct); otherwise the instruction is recorded
 * on the item's history and the state stays. Only leaders. Sets *ID. Caller's write
 * transaction. TEXT_FIELD names the field of the text in refusals ("text", "opinion").
 */
gboolean work_instruction_add(DbConn *c, const AuthUser *u, gint64 item_id, const char *text,
                              const char *requirements, const char *given_on,
                              const char *text_field, gint64 *id, const char **field, GError **err);

/* Stores the deadline instruction ID names from OBJ: "deadline" (YYYY-MM-DD) or
 * "deadline_working_days" (alias "deadline_days", 1…365); nothing when neither is given.
 * Carried into the tasks made from it. Caller's write transaction. */
gboolean work_instruction_set_deadline(DbConn *c, gint64 id, json_t *obj, const char **field,
                                       GError **err);

/*
 * A paper or oral 批示 (纸质批示 / 口头批示) the office (work.all) enters from OBJ:
 *   {"form": "paper"|"oral", "leader": REF, "text", "requirements"?, "given_on"? (today),
 *    "source_who"? (required when oral: who passed it on), "item_id"? (the document it is on)
 *    or "source_ref" (what it was written on, free text; with item_id, a note),
 *    "deadline"? | "deadline_working_days"?}
 * Without item_id the 批示 is kept on an item of its own (kind 'instruction'). It is then
 * turned into tasks like any other (POST /api/v1/instructions/{id}/tasks). Sets *ID. Caller's
 * write transaction.
 */
gboolean work_instruction_record(DbConn *c, const AuthUser *u, json_t *obj, gint64 *id,
                                 const char **field, GError **err);

#endif
