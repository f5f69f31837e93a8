/*
 * portal_web.h — the web side of the portal: the writes the API and the pages share
 * (portal_ops.c), the API handlers (portal_api.c) and the Atom feed (portal_feed.c).
 */
#ifndef MISHU_PORTAL_WEB_H
#define MISHU_PORTAL_WEB_H

#include "auth/auth_web.h"
#include "portal/portal.h"

/* What an operation hands to its work inside the transaction. */
typedef struct PortalOp {
	PortalViewer v; /* the user (NULL: anonymous), their reader key, editor or not */
	json_t *body;
	gint64 id, cid; /* the article, the comment */
	const char *action;
} PortalOp;

/* The reader key of REQ's caller: "u:ID" when signed in, else "c:TOKEN" from the long-lived
 * reader cookie, set on RES (a year) when the request had none. g_free. */
char *portal_reader(HttpRequest *req, HttpResponse *res);
/* Fills O->v for REQ (READER as portal_reader gives it, borrowed). */
void portal_viewer(HttpRequest *req, const char *reader, PortalViewer *v);
/* Counts a read of article ID by READER today in a write transaction of its own. */
gboolean portal_count_read(HttpRequest *req, gint64 id, const char *reader, GError **err);

/* Opens article {id} for reading: its id into *ID, the reader key (g_free) into *READER, and
 * the read counted. FALSE after answering 404 for a bad id (ERR unset), or with ERR. */
gboolean portal_open_article(HttpRequest *req, HttpResponse *res, gint64 *id, char **reader,
                             GError **err);

/* Checks the captcha in BODY (captcha_id, captcha_answer) in a transaction of its own, so a
 * wrong answer uses the captcha up too. FALSE with 422 on captcha_answer when it is missing or
 * wrong. */
gboolean portal_captcha_pass(HttpRequest *req, json_t *body, const char **field, GError **err);

/* Reads the path of a comment's step: the article {id}, the comment {cid} and the {action}
 * into O, with REQ's user as the viewer. FALSE after answering 404. */
gboolean portal_comment_path(HttpRequest *req, HttpResponse *res, PortalOp *o);

/* The audited operations: save an article (O->id 0: a new one), add a comment (anonymous ones
 * only when allowed, after the captcha), decide on one, store the settings, the links. */
gboolean portal_op_save(HttpRequest *req, PortalOp *o, gint64 *id, const char **field,
                        GError **err);
gboolean portal_op_comment(HttpRequest *req, PortalOp *o, gint64 *id, const char **field,
                           GError **err);
gboolean portal_op_decide(HttpRequest *req, PortalOp *o, const char **field, GError **err);
gboolean portal_op_settings(HttpRequest *req, PortalOp *o, const char **field, GError **err);
gboolean portal_op_links(HttpRequest *req, PortalOp *o, const char **field, GError **err);

/* An anonymous application for membership (after the captcha; the audit leaves the password
 * out), and the system administrator's decision on application O->id (O->action). */
gboolean portal_op_member_apply(HttpRequest *req, PortalOp *o, gint64 *id, const char **field,
                                GError **err);
gboolean portal_op_member_decide(HttpRequest *req, PortalOp *o, const char **field, GError **err);
/* POST /api/v1/members (anyone, with the captcha): 201 {"id", "status": "pending"};
 * GET /api/v1/members?status= and POST /api/v1/members/{id}/actions/{approve|reject}: the
 * system administrator (portal_members_web.c, with the pages). */
void portal_api_member_apply(HttpRequest *req, HttpResponse *res);
void portal_api_members(HttpRequest *req, HttpResponse *res);
void portal_api_member_act(HttpRequest *req, HttpResponse *res);
/* GET|POST /portal/register: the application form; GET /admin/members and
 * POST /admin/members/{id}/actions/{action}: the system administrator's list. */
void portal_page_register(HttpRequest *req, HttpResponse *res);
void portal_page_register_post(HttpRequest *req, HttpResponse *res);
void portal_page_members(HttpRequest *req, HttpResponse *res);
void portal_page_member_act(HttpRequest *req, HttpResponse *res);

/* GET|POST /api/v1/articles (?section=&q=&limit=&cursor=), GET|PATCH /api/v1/articles/{id}
 * (a GET counts the read), GET|POST …/{id}/comments, POST …/comments/{cid}/actions/{action}. */
void portal_api_list(HttpRequest *req, HttpResponse *res);
void portal_api_create(HttpRequest *req, HttpResponse *res);
void portal_api_get(HttpRequest *req, HttpResponse *res);
void portal_api_update(HttpRequest *req, HttpResponse *res);
void portal_api_comments(HttpRequest *req, HttpResponse *res);
void portal_api_comment_add(HttpRequest *req, HttpResponse *res);
void portal_api_comment_act(HttpRequest *req, HttpResponse *res);
/* GET /api/v1/portal/sections; GET /api/v1/portal/comments (held ones, editors);
 * GET|PUT /api/v1/portal/settings; GET|PUT /api/v1/portal/links. */
void portal_api_sections(HttpRequest *req, HttpResponse *res);
void portal_api_held(HttpRequest *req, HttpResponse *res);
void portal_api_settings(HttpRequest *req, HttpResponse *res);
void portal_api_links(HttpRequest *req, HttpResponse *res);
/* POST /api/v1/captcha: a new captcha {"id", "image"} for an anonymous comment. */
void portal_api_captcha(HttpRequest *req, HttpResponse *res);
/* GET /portal/{section}/feed.atom: the section's newest articles as an Atom feed. */
void portal_feed(HttpRequest *req, HttpResponse *res);

#endif
