/*
 * portal.h — the office portal (门户): sections (栏目) as data, articles (items of kind
 * 'article' with their own row), read counts once per reader and day, comments held for
 * moderation, the links block (友情链接) and the portal's settings. Model functions only: they
 * take a connection, fail with WORK_ERROR (the field named) and never answer a request.
 */
#ifndef MISHU_PORTAL_H
#define MISHU_PORTAL_H

#include "auth/auth.h"
#include "db/db.h"
#include "work/work.h"

#include <glib.h>
#include <jansson.h>

#define PORTAL_TITLE_MAX   200
#define PORTAL_BODY_MAX    50000
#define PORTAL_NAME_MAX    64
#define PORTAL_COMMENT_MAX 2000
#define PORTAL_PAGE_SIZE   20
#define PORTAL_LINKS_MAX   30

/* ---- sections and articles (portal_model.c) ---------------------------------------------- */

/* The sections in order: [{"id", "code", "name", "count"}]. New reference; NULL with ERR. */
json_t *portal_sections(DbConn *c, GError **err);
/* Section CODE {"id", "code", "name"}; WORK_ERROR_NOT_FOUND when there is none. */
json_t *portal_section(DbConn *c, const char *code, GError **err);

/* One page of the articles of section CODE (NULL: every section), newest first: PAGE from 1,
 * LIMIT 1…100. Returns {"items": [article summaries], "page", "pages", "total",
 * "next_cursor": "N"|null}. A summary: {"id", "title", "section", "section_name", "author",
 * "unit", "byline", "published_on", "reads"}. */
json_t *portal_list(DbConn *c, const char *code, gint64 page, int limit, GError **err);

/* Article ID in full: the summary plus "body", "paragraphs" [text], "prev" and "next" (the
 * newer and the older article of its section, {"id", "title"} or null) and "related" (up to
 * five other articles of the section, the most read first). NOT_FOUND when there is none. */
json_t *portal_article(DbConn *c, gint64 id, GError **err);

/* Creates (ID 0) or changes article ID from BODY {"title", "body", "section", "author",
 * "unit", "published_on"} (a change takes the fields present) by U, in the caller's write
 * transaction, and indexes it for search. Sets *OUT to the article. 422 with *FIELD named. */
gboolean portal_article_save(DbConn *c, const AuthUser *u, gint64 id, json_t *body, gint64 *out,
                             const char **field, GError **err);

/* Counts a read of article ID by READER ("u:ID" or "c:TOKEN") on DAY, in the caller's write
 * transaction: once per reader and day, whatever runs at the same time. *COUNTED tells whether
 * this read was the first of the day. NOT_FOUND when there is no such article. */
gboolean portal_read(DbConn *c, gint64 id, const char *reader, const char *day, gboolean *counted,
                     GError **err);

/* The articles matching the search text Q (work_search_query_kind), as summaries with a
 * "snippet"; at most LIMIT. */
json_t *portal_search(DbConn *c, const char *q, int limit, GError **err);

/* ---- settings, links (portal_settings.c) ------------------------------------------------- */

/* The portal's settings {"public", "anonymous_comments", "moderation"} (booleans; defaults
 * false, false, true). */
json_t *portal_settings(DbConn *c, GError **err);
/* Stores the settings present in BODY (booleans), in the caller's write transaction. */
gboolean portal_settings_set(DbConn *c, json_t *body, const char **field, GError **err);
/* The links block: [{"id", "name", "url"}] in order. */
json_t *portal_links(DbConn *c, GError **err);
/* Replaces the links block by BODY's "links" [{"name", "url"}] (http(s) URLs or paths). */
gboolean portal_links_set(DbConn *c, json_t *body, const char **field, GError **err);

/* ---- comments (portal_comments.c) -------------------------------------------------------- */

/* Who is looking at the comments: the user (NULL: anonymous), their reader key, and whether
 * they moderate (portal.edit). */
typedef struct PortalViewer {
	const AuthUser *u;
	const char *reader;
	gboolean editor;
} PortalViewer;

/* The comments of article ID that V may see, oldest first: every approved one, V's own held
 * ones and, for an editor, all held ones; each {"id", "name", "body", "status", "held",
 * "created_at", "mine"}. */
json_t *portal_comments(DbConn *c, gint64 id, const PortalViewer *v, GError **err);
/* Adds V's comment on article ID from BODY {"body", "name"} in the caller's write transaction:
 * held when the settings hold comments for moderation (an editor's never). The captcha of an
 * anonymous comment is checked before (portal_captcha_pass). Sets *OUT. */
gboolean portal_comment_add(DbConn *c, const PortalViewer *v, gint64 id, json_t *body, gint64 *out,
                            const char **field, GError **err);
/* An editor's decision on comment CID of article ID: ACTION "approve" or "remove". */
gboolean portal_comment_decide(DbConn *c, const AuthUser *u, gint64 id, gint64 cid,
                               const char *action, GError **err);
/* The held comments of every article, oldest first, with "article_id" and "article_title". */
json_t *portal_comments_held(DbConn *c, GError **err);

/* ---- membership (portal_members.c) ------------------------------------------------------- */

/* Stores an application for membership from BODY {"kind": "person"|"unit", "username",
 * "display_name", "contact" (a unit's contact person), "phone", "password"} in the caller's
 * write transaction: the username free, the password by the office's policy (kept as its hash).
 * Sets *ID. 422/409 with *FIELD named. */
gboolean portal_member_apply(DbConn *c, json_t *body, gint64 *id, const char **field, GError **err);
/* The applications, newest first, of STATUS ("pending" …; NULL: all), without the hashes. */
json_t *portal_members(DbConn *c, const char *status, GError **err);
/* The system administrator U approves (the account is made, without any role) or rejects
 * (ACTION) the pending application ID, in the caller's write transaction. */
gboolean portal_member_decide(DbConn *c, const AuthUser *u, gint64 id, const char *action,
                              GError **err);

/* ---- demo (portal_demo.c) ---------------------------------------------------------------- */

/* The demo city's portal (data/demo/portal.json: articles across the sections with their
 * reads, comments, some held, and the links block), audited as its editor's; nothing when the
 * database holds articles. Sets *MADE to the articles made. Own transaction. */
gboolean portal_demo_load(Db *db, int *made, GError **err);

#endif
