/*
 * work.h — mechanisms common to every work module: full-text search of items (search.c).
 */
#ifndef MISHU_WORK_H
#define MISHU_WORK_H

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
 * types is an operator). VISIBILITY_SQL, when not NULL, is a condition over the item alias "i"
 * with two `?` bound to BIND_A and BIND_B in that order (auth_item_filter_sql: user id, unit
 * id; the index itself is alias "s"); only items satisfying it are returned. Returns a new JSON
 * array (json_decref) of at most LIMIT hits (1..200; anything else means 20), each
 *	{"item_id": 7, "kind": "note", "title": "…",
 *	 "snippet": [{"text": "…", "hit": false}, {"text": "为加强", "hit": false},
 *	             {"text": "安全生产", "hit": true}, …]}
 * ("snippet": about 80 characters of the body around the first match, in parts, the matching
 * tokens marked, "…" where text is left out; only when the body is not empty). When at most
 * 2000 items match, the most relevant come first (bm25 on SQLite, ts_rank on PostgreSQL; title
 * hits weigh more), otherwise the newest (highest item id). A Q without tokens gives an empty
 * array. NULL with ERR on a database error.
 */
json_t *work_search_query(DbConn *c, const char *q, const char *visibility_sql, gint64 bind_a,
                          gint64 bind_b, int limit, GError **err);

#endif
