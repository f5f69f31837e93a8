/*
 * docs_internal.h — helpers shared by the files of src/docs/ only.
 */
#ifndef MISHU_DOCS_INTERNAL_H
#define MISHU_DOCS_INTERNAL_H

#include "docs/docs.h"

/* db_rows / db_run with database failures turned into DOCS_ERROR (a constraint violation is
 * DOCS_ERROR_CONFLICT, anything else DOCS_ERROR_DB with a fixed message; details logged). */
json_t *docs_rows(DbConn *c, GError **err, const char *sql, const char *types, ...);
gboolean docs_exec(DbConn *c, gint64 *out, GError **err, const char *sql, const char *types,
		   ...);
/* Sets ERR from the database failure CAUSE as docs_rows does; frees CAUSE. */
void docs_error_from_db(GError **err, GError *cause);

/* Sets ERR to CODE with MSGID and *FIELD to NAME (may be NULL); returns FALSE. */
gboolean docs_fail_field(GError **err, const char **field, int code, const char *name,
			 const char *msgid);

/* Appends a history entry of ITEM: U took ACTION from status FROM to TO with OPINION (may be
 * NULL) and DETAIL (borrowed, may be NULL). */
gboolean docs_event(DbConn *c, gint64 item, const AuthUser *u, const char *action,
		    const char *from, const char *to, const char *opinion, json_t *detail,
		    GError **err);

/* Lets USER_ID (or, with USER_ID 0, the unit UNIT_ID) see ITEM, for REASON ('routed',
 * 'circulated', 'assigned', 'distributed', 'cosign'); nothing when it already may for REASON. */
gboolean docs_grant(DbConn *c, gint64 item, gint64 user_id, gint64 unit_id, const char *reason,
		    GError **err);

/* The secrecy code for TEXT (a code or its Chinese name: 公开 public, 内部 internal, 秘密 secret,
 * 机密 confidential, 绝密 top_secret), or NULL. */
const char *docs_secrecy_code(const char *text);
/* TRUE for secret, confidential and top_secret. */
gboolean docs_secrecy_classified(const char *code);
/* TRUE when this deployment is configured as a classified network (setting
 * 'classified_network' = '1'). */
gboolean docs_classified_network(DbConn *c);

/* Today in the office's time zone, 'YYYY-MM-DD' (org_today). g_free. */
char *docs_today(void);

#endif
