/*
 * docs — official documents (办文) as 《党政机关公文处理工作条例》(2012) sets them out:
 * incoming documents (收文: register → check → propose → instruct → assign → circulate → complete
 * → archive) and outgoing ones (发文: draft → submit → review → cosign → sign → recheck → number →
 * print → distribute → archive, or void), routed by the division of responsibility (org_route).
 *
 * The workflow of each direction is a table of steps (docs_flow.c): the states a step starts
 * from, the state it leads to, who may take it (a role, the signer the rules authorise, the
 * current reader …) and its effect. Every step runs in one write transaction with its history
 * entry (item_event) and its audit entry. Documents are items (kind 'incoming' / 'outgoing');
 * who may see one is item_access, decided by auth_item_access.
 *
 * Errors: WORK_ERROR (work/work.h) with English msgids; work_web.h maps them to HTTP.
 */
#ifndef MISHU_DOCS_H
#define MISHU_DOCS_H

#include "auth/auth.h"
#include "db/db.h"
#include "work/work.h"

#include <glib.h>
#include <jansson.h>

/* The 15 document types (文种) in the order of the regulation; NULL-terminated. */
extern const char *const docs_types[];
/* TRUE when T is one of them. */
gboolean docs_type_valid(const char *t);

/* A new document from OBJ (direction, doc_type, title, domain, body, secrecy, urgency,
 * disclosure, deadline; outgoing: series, main_to, cc_to; incoming: sender, sender_number,
 * copies, received_on, origin) by U, inside the caller's write transaction: outgoing ones start
 * as drafts by their author; incoming ones are registered at once (收文编号 assigned). Sets *ID;
 * *FIELD names a bad field. */
gboolean docs_create(DbConn *c, const AuthUser *u, json_t *obj, gint64 *id, const char **field,
                     GError **err);

/* A document made from item FROM's approved text (docs_made.c): an outgoing document from OBJ
 * (as docs_create takes it: doc_type, title, body, secrecy, domain, main_to, cc_to) by U,
 * registered at once by the step 'issue' with the number, approver and day of PRINT (the print
 * model it keeps, as docs_pdf_render takes it, plus "doc_number", "signed_on" (YYYY-MM-DD),
 * "signer_id" and "approval" in words), inside the caller's write transaction. Sets *ID;
 * WORK_ERROR_CONFLICT when one was made from FROM already, WORK_ERROR_STATE when PRINT has no
 * number (the text is not approved). */
gboolean docs_make(DbConn *c, const AuthUser *u, json_t *obj, gint64 from, json_t *print,
                   gint64 *id, const char **field, GError **err);
/* The document made from item FROM: {"id", "status", "title", "number"}, or JSON null when
 * none; NULL with ERR on a database failure. */
json_t *docs_made_from(DbConn *c, gint64 from, GError **err);
/* Registers the step 'issue' of documents made elsewhere (docs_made.c); from
 * docs_flow_register. */
void docs_made_register(void);

/* The document ID as U sees it: every field, "recipients", "attachments" (without data),
 * "readers", "cosigners", "instructions", "history", and "actions": the steps U may take now.
 * WORK_ERROR_NOT_FOUND when it does not exist or U may not see it. */
json_t *docs_load(DbConn *c, const AuthUser *u, gint64 id, GError **err);

/* Takes step ACTION on document ID as U with BODY (opinion and the step's fields), inside the
 * caller's write transaction, recording the history entry. WORK_ERROR_FORBIDDEN when U may not,
 * WORK_ERROR_STATE when the step is not allowed now. */
gboolean docs_act(DbConn *c, const AuthUser *u, gint64 id, const char *action, json_t *body,
                  const char **field, GError **err);

/* Changes the fields present in OBJ (as docs_create takes them) of document ID by U, inside the
 * caller's write transaction, recorded in its history. The caller checks the state (drafts and
 * returned drafts only) and the author. */
gboolean docs_update(DbConn *c, const AuthUser *u, gint64 id, json_t *obj, const char **field,
                     GError **err);

/* The steps U may take on document ID now: a JSON array of action names. */
json_t *docs_actions(DbConn *c, const AuthUser *u, gint64 id, GError **err);

/* What a list shows; NULL or 0 fields do not filter. */
typedef struct DocsFilter {
	const char *direction; /* incoming / outgoing */
	const char *status;
	const char *domain; /* domain code */
	const char *doc_type;
	const char *q; /* substring of title, number, 收文编号 or sender */
	gint64 before; /* ids below this (paging: newest first) */
	gboolean mine; /* only those waiting for U to read */
	gboolean open; /* only those not yet at an end of their workflow */
	int limit;     /* 1..200 */
} DocsFilter;

/* The documents U may see matching F, newest first, without their bodies. */
json_t *docs_list(DbConn *c, const AuthUser *u, const DocsFilter *f, GError **err);

/* Full-text search (docs_search.c): the items U may see matching Q (at most LIMIT), each
 * work_search_query's hit plus the document's number, reg_number, direction and status. */
json_t *docs_search(DbConn *c, const AuthUser *u, const char *q, int limit, GError **err);

/* The circulation board: every document in circulation with whoever holds it and since when. */
json_t *docs_board(DbConn *c, GError **err);

/* The dashboard counters of U: {incoming_open, outgoing_open, circulating, to_read}. */
json_t *docs_counters(DbConn *c, const AuthUser *u, GError **err);

/* Reminds every reader who has held a circulating document for more than the configured
 * working hours at NOW (Unix seconds), once each (docs_remind.c); sets *SENT. Own transaction. */
gboolean docs_remind(Db *db, gint64 now, int *sent, GError **err);
/* Registers the hourly job 'docs.remind' and queues it if none is queued. */
gboolean docs_remind_schedule(Db *db, GError **err);

/* The demo city's series (docs_demo.c), idempotent. */
gboolean docs_demo_load(Db *db, GError **err);

/* Registers the documents' item reader, actors and hooks with the workflow engine
 * (docs_flow.c). Once, at start-up. */
void docs_flow_register(void);

#endif
