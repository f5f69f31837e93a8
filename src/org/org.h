/*
 * org — the organisation and the division of responsibility (常委分工负责制): the leadership body,
 * its leaders in rank order with their posts, the domain tree, effective-dated assignments made
 * by dated changes, the units leaders work in or are linked to, who assists whom (协助), the
 * office's departments, units with their contacts, and routing: the one function every module
 * asks "who should get this piece of work, and why?".
 *
 * Dates are 'YYYY-MM-DD' text (the office's calendar day); every read takes the date it is
 * about. Reads return new JSON references; writes run inside the caller's write transaction and
 * leave auditing to the caller (org_ops.c wraps each in one audited transaction). Every failure
 * is a GError in ORG_ERROR whose message is an English msgid to translate for the user.
 * Depends on core, db and auth.
 */
#ifndef MISHU_ORG_H
#define MISHU_ORG_H

#include "auth/auth.h"
#include "db/db.h"

#include <glib.h>
#include <jansson.h>

typedef enum {
	ORG_ERROR_INVALID,   /* bad input (422); the field is named where the call takes one */
	ORG_ERROR_NOT_FOUND, /* no such leader, domain, unit … (404) */
	ORG_ERROR_CONFLICT,  /* a code already taken, a change that contradicts history (409) */
	ORG_ERROR_DB,        /* the database failed (500/503) */
} OrgError;

#define ORG_ERROR (org_error_quark())
GQuark org_error_quark(void);

/* ---- vocabulary (org_model.c) ------------------------------------------------------------ */

/* The kinds of work routing knows, in the office's order ("incoming", "outgoing", "meeting",
 * "report", "task", "study", "petition", "incident", "rule", "coordination"); NULL-terminated. */
extern const char *const org_work_kinds[];
/* TRUE when KIND is one of org_work_kinds. */
gboolean org_work_kind_valid(const char *kind);
/* The English msgid naming a work kind (收文 …), a leader kind (书记 …), an assignment role
 * (主管/分管/协管), a unit kind or a leader-unit relation; KIND itself when unknown. */
const char *org_work_kind_title(const char *kind);
const char *org_leader_kind_title(const char *kind);
const char *org_role_title(const char *role);
const char *org_unit_kind_title(const char *kind);
const char *org_relation_title(const char *relation);
/* Unit kinds ("party", "government", …), NULL-terminated. */
extern const char *const org_unit_kinds[];

/* The day before DATE ('YYYY-MM-DD'). g_free. */
char *org_date_before(const char *date);

/* ---- reading (org_model.c, org_lists.c) --------------------------------------------------- */

/* The body {id, code, name, short_name, term: {name, valid_from}|null}, or JSON null when
 * none is set up yet. */
json_t *org_body(DbConn *c, GError **err);

/*
 * The leaders in office on ON, by rank: {id, name, kind, kind_title_msgid, title, rank, user_id,
 * username, phone, posts: [text], valid_from, valid_to, assignments: [{id, domain_code,
 * domain_name, role, valid_from, valid_to, source}] (ordered by role then domain order),
 * units: [{id, code, name, relation}], assistant: {user_id, name, title}|null}.
 * ALL: every leader ever recorded (ON still selects their assignments).
 */
json_t *org_leaders(DbConn *c, const char *on, gboolean all, GError **err);
/* The full committee (全委会) on ON: the standing committee members by rank ({"leader_id",
 * "name", "title", "kind", "user_id", "username", "valid_from", "valid_to", "standing": true}),
 * then the other members by rank ({"id", …, "kind": "committee", "standing": false}). */
json_t *org_committee(DbConn *c, const char *on, GError **err);
/* Member ID of the full committee who is not a 常委 (org_committee's shape);
 * ORG_ERROR_NOT_FOUND when there is none. */
json_t *org_committee_member(DbConn *c, gint64 id, GError **err);
/* Adds (ID 0) or changes member ID of the full committee who is not a 常委 from OBJ {username,
 * name, title, rank, valid_from, valid_to}; sets *OUT_ID. ORG_ERROR_INVALID with *FIELD on bad
 * input (an account of a 常委 in office is refused). */
gboolean org_committee_save(DbConn *c, gint64 id, json_t *obj, gint64 *out_id, const char **field,
                            GError **err);
/* One leader in org_leaders' shape as of ON; ORG_ERROR_NOT_FOUND when there is none. */
json_t *org_leader(DbConn *c, gint64 id, const char *on, GError **err);
/* Resolves a leader reference: an integer id, or a string that is a leader's account username
 * or exact name. Sets *ID; ORG_ERROR_NOT_FOUND otherwise. */
gboolean org_leader_resolve(DbConn *c, json_t *ref, gint64 *id, GError **err);

/* The domain tree flattened in tree order: {id, code, name, parent_id, parent_code, depth,
 * position, description, active}. */
json_t *org_domains(DbConn *c, GError **err);
/* The id of the domain with CODE; ORG_ERROR_NOT_FOUND (field "domain") when none. */
gboolean org_domain_id(DbConn *c, const char *code, gint64 *id, GError **err);

typedef struct OrgAssignmentFilter {
	const char *on;     /* in force on this date; NULL: every row ever (history) */
	gint64 leader_id;   /* 0: any */
	const char *domain; /* domain code; NULL: any */
} OrgAssignmentFilter;

/* Assignments matching F: {id, leader_id, leader_name, leader_rank, domain_code, domain_name,
 * role, valid_from, valid_to, source, change_id, ended_by}, by domain order, role, rank. */
json_t *org_assignments(DbConn *c, const OrgAssignmentFilter *f, GError **err);

/* Every change, newest first: {id, effective, source, note, created_at, created_by_name,
 * assigned: [assignment rows it made], ended: [assignment rows it ended]}. */
json_t *org_changes(DbConn *c, GError **err);

/* The active domains with no leader in charge (主管 or 分管, directly or through an ancestor
 * domain) on ON: [{code, name, parent_code}]. */
json_t *org_gaps(DbConn *c, const char *on, GError **err);

/* The departments by position: {id, code, name, duties, phone, position, work: [kinds],
 * staff: [{user_id, name, title, phone}]}. */
json_t *org_departments(DbConn *c, GError **err);

/* Units matching Q (a substring of name, short name, code, phone, address or a liaison's name;
 * NULL or "": all) and KIND (NULL: any), by kind then position: {id, code, name, short_name,
 * kind, domain_code, domain_name, phone, fax, email, address, position, active,
 * liaisons: [{user_id, username, name, title, phone}], leaders: [{id, name, relation}] (as of
 * ON)}. */
json_t *org_units(DbConn *c, const char *q, const char *kind, const char *on, GError **err);
/* The active directory of recipients beyond the local units, in its order: [{"id", "code",
 * "name", "kind": "higher"|"peer"|"group", "unit_kinds": ["party", …] (a group: the kinds of
 * local unit it reaches)}]. */
json_t *org_recipients(DbConn *c, GError **err);
/* One unit in org_units' shape; ORG_ERROR_NOT_FOUND when none. */
json_t *org_unit(DbConn *c, gint64 id, const char *on, GError **err);

/* The office's people for the directory (通讯录): leaders and staff with a post, matching Q as
 * org_units does: [{user_id, username, name, title, department, phone, leader_id}]. */
json_t *org_people(DbConn *c, const char *q, GError **err);

/* The routing rules by position: {id, name, work_kind, origin, scope, max_severity, target,
 * mode, position, active}. */
json_t *org_rules(DbConn *c, GError **err);

/* Who acts (org_lists.c). The leader record of account USER_ID in *LEADER_ID (0: none). */
gboolean org_leader_of_user(DbConn *c, gint64 user_id, gint64 *leader_id, GError **err);
/* The accounts that may sign (签发) a document of a series of SCOPE ("committee" or "office")
 * in DOMAIN on ON: committee — the 书记 and the leaders in charge of the domain (主管/分管);
 * office — the 秘书长 and the office director (办公室主任). A JSON array of user ids. */
json_t *org_signers(DbConn *c, const char *scope, const char *domain, const char *on, GError **err);
/* The office staff of the departments that handle WORK_KIND: a JSON array of user ids. */
json_t *org_handling_staff(DbConn *c, const char *work_kind, GError **err);

/* ---- writing (org_edit.c): inside the caller's write transaction ---------------------------
 * Each *_save takes a JSON object of fields; ID 0 creates (required fields must be present),
 * otherwise only the fields present change. On bad input FALSE with ORG_ERROR_INVALID and
 * *FIELD set to the field's name (static). *OUT_ID receives the id. */

gboolean org_body_save(DbConn *c, json_t *obj, const char **field, GError **err);
gboolean org_leader_save(DbConn *c, gint64 id, json_t *obj, gint64 *out_id, const char **field,
                         GError **err);
gboolean org_domain_save(DbConn *c, gint64 id, json_t *obj, gint64 *out_id, const char **field,
                         GError **err);
gboolean org_department_save(DbConn *c, gint64 id, json_t *obj, gint64 *out_id, const char **field,
                             GError **err);
gboolean org_unit_save(DbConn *c, gint64 id, json_t *obj, gint64 *out_id, const char **field,
                       GError **err);
gboolean org_rule_save(DbConn *c, gint64 id, json_t *obj, gint64 *out_id, const char **field,
                       GError **err);
gboolean org_rule_delete(DbConn *c, gint64 id, GError **err);

/*
 * Applies one dated change of the division of responsibility:
 *   {"effective": "2026-03-01", "source": "江委发〔2026〕3号", "note": "…",
 *    "end": [{"leader": ID|username|name, "domain": CODE} …],
 *    "assign": [{"leader": …, "domain": CODE, "role": "lead"|"charge"|"assist"} …]}
 * Each "end" closes the leader's open assignment of that domain (valid_to = the day before
 * EFFECTIVE); each "assign" adds a row from EFFECTIVE (open-ended), closing first any open row
 * of the same leader and domain (a change of role). Nothing is rewritten: the ended rows keep
 * their facts. Refused (ORG_ERROR_CONFLICT) when an ended row starts after EFFECTIVE, or an
 * "end" names nothing open; (ORG_ERROR_INVALID, field like "assign[2].domain") on bad input.
 * ACTOR_ID (0: the operator) is recorded. Sets *CHANGE_ID.
 */
gboolean org_change_apply(DbConn *c, json_t *change, gint64 actor_id, gint64 *change_id,
                          char **field, GError **err);

/* Links a leader to a unit (relation "works_in"/"linked") or an assisting official (user
 * account) from VALID_FROM; used by the demo and imports. */
gboolean org_leader_unit_add(DbConn *c, gint64 leader_id, gint64 unit_id, const char *relation,
                             const char *valid_from, GError **err);
gboolean org_assistant_set(DbConn *c, gint64 leader_id, gint64 user_id, const char *valid_from,
                           GError **err);

/* Sets LEADER_ID's links from FROM (dated, in org_change.c): UNITS (NULL: unchanged) is the
 * whole list [{"unit": CODE or id, "relation": "works_in"|"linked"}] — links not in it end the
 * day before FROM, new ones start on FROM; ASSISTANT is the assisting official's username or
 * account id ("" ends the current one; NULL or JSON null: unchanged). ORG_ERROR_INVALID with
 * *FIELD on bad input. */
gboolean org_leader_links_set(DbConn *c, gint64 leader_id, json_t *units, json_t *assistant,
                              const char *from, const char **field, GError **err);

/* ---- routing (org_route.c) -------------------------------------------------------------- */

typedef struct OrgRouteQuery {
	const char *work;   /* a kind of org_work_kinds (required) */
	const char *domain; /* domain code; may be NULL when a rule with mode 'only' applies */
	const char *on;     /* the date; NULL: today */
	int severity;       /* incident level 1–4 (Ⅰ–Ⅳ); 0: none */
	const char *origin; /* "higher" for a document from a higher committee; NULL */
	const char *scope;  /* "committee" for a committee-wide matter; NULL */
} OrgRouteQuery;

/*
 * Who should get this piece of work on Q->on, and why:
 *   {"work", "domain": {code, name}|null, "on", "leaders": [{id, name, title, rank, kind,
 *    user_id, username, role ("lead"/"charge"/"assist" or "rule"), basis ("domain"/"rule"),
 *    reason}], "assistant": {user_id, name, title, reason}|null, "department": {id, code, name,
 *    reason}|null, "why": [one sentence per person and per rule], "warnings": [text],
 *    "gap": bool}
 * Leaders responsible for the domain come first (lead, then by role and rank; a domain without
 * its own assignment inherits its parent's), then those matching rules, in rank order. The
 * reasons are in LANG ("zh-CN" or "en"). ORG_ERROR_INVALID on bad input (an unknown domain
 * included), with *FIELD (static; may be NULL) set to "work", "domain", "on", "severity",
 * "origin" or "scope".
 */
json_t *org_route(DbConn *c, const OrgRouteQuery *q, const char *lang, const char **field,
                  GError **err);

/* ---- set-up data (org_demo.c) ------------------------------------------------------------ */

/* Loads the default domain taxonomy (data/org/domains.json) when the domain table is empty, and
 * the directory of recipients outside the city (data/org/recipients.json, both compiled in)
 * when org_recipient is empty. Own transaction. */
gboolean org_defaults_load(Db *db, GError **err);
/* Creates the demo city 江城市委 (data/demo/jiangcheng.json): units, departments, accounts with
 * PASSWORD, the body, leaders, assignments by dated changes. Idempotent: does nothing when the
 * body exists. Own transaction; audited as the operator. */
gboolean org_demo_load(Db *db, const char *password, GError **err);

#endif
