/*
 * duty_web.h — the web side of the duty roster: the audited writes the API and the pages share
 * (duty_ops.c), the API handlers (duty_api.c) and the pages (duty_pages.c).
 */
#ifndef MISHU_DUTY_WEB_H
#define MISHU_DUTY_WEB_H

#include "auth/auth_web.h"
#include "duty/duty.h"

/* What an operation hands to its work inside the transaction: the user (set by duty_op), the
 * request's body, the object's id, and for a roster change the month and revision; the
 * refused rows come back in PROBLEMS (a new reference, or NULL). */
typedef struct DutyOp {
	const AuthUser *u;
	json_t *body;
	gint64 id;
	const char *month;
	gint64 revision;
	json_t *problems;
} DutyOp;

typedef gboolean (*DutyOpFn)(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err);

/* Runs FN(CTX) as the audited operation ACTION on OBJECT_KIND for REQ's user in one write
 * transaction. */
gboolean duty_op(HttpRequest *req, const char *action, const char *object_kind, DutyOpFn fn,
                 DutyOp *ctx, gint64 *id, const char **field, GError **err);
/* The operations: change the roster (body "entries", o->month, o->revision), add one entry
 * (body), delete entry id, record leave (body), delete leave id, write a handover (body),
 * acknowledge handover id, save the shifts (body "shifts"). */
gboolean duty_op_change(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err);
gboolean duty_op_entry(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err);
gboolean duty_op_entry_delete(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err);
gboolean duty_op_leave(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err);
gboolean duty_op_leave_delete(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err);
gboolean duty_op_handover(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err);
gboolean duty_op_ack(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err);
gboolean duty_op_shifts(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err);

/* The days FROM..TO of ?from= and ?to= (default: this month; TO alone: its month; FROM alone:
 * the rest of its month), or of ?month=YYYY-MM, in *FROM and *TO (g_free). FALSE with *FIELD
 * and a msgid in *WHY when malformed or longer than DUTY_RANGE_MAX days. */
gboolean duty_range(HttpRequest *req, char **from, char **to, const char **field, const char **why);
/* The first and last day of MONTH 'YYYY-MM' in *FROM and *TO (g_free); FALSE when malformed. */
gboolean duty_month_days(const char *month, char **from, char **to);

/* GET /api/v1/duty?from=&to=; GET /api/v1/duty/now; GET /api/v1/duty.xlsx?month=. */
void duty_api_roster(HttpRequest *req, HttpResponse *res);
void duty_api_now(HttpRequest *req, HttpResponse *res);
void duty_api_xlsx(HttpRequest *req, HttpResponse *res);
/* PUT /api/v1/duty/months/{month}; POST /api/v1/duty/entries; DELETE …/entries/{id}. */
void duty_api_month_put(HttpRequest *req, HttpResponse *res);
void duty_api_entry_create(HttpRequest *req, HttpResponse *res);
void duty_api_entry_delete(HttpRequest *req, HttpResponse *res);
/* GET|PUT /api/v1/duty/shifts. */
void duty_api_shifts(HttpRequest *req, HttpResponse *res);
void duty_api_shifts_put(HttpRequest *req, HttpResponse *res);
/* GET|POST /api/v1/duty/leave; DELETE /api/v1/duty/leave/{id}. */
void duty_api_leave(HttpRequest *req, HttpResponse *res);
void duty_api_leave_create(HttpRequest *req, HttpResponse *res);
void duty_api_leave_delete(HttpRequest *req, HttpResponse *res);
/* GET|POST /api/v1/duty/handovers; GET …/{id}; POST …/{id}/acknowledge. */
void duty_api_handovers(HttpRequest *req, HttpResponse *res);
void duty_api_handover_create(HttpRequest *req, HttpResponse *res);
void duty_api_handover(HttpRequest *req, HttpResponse *res);
void duty_api_handover_ack(HttpRequest *req, HttpResponse *res);

/* Pages: GET /duty?month= (the month's roster, leave, handovers and the forms), GET
 * /duty/print?month= (the printable roster); the forms POST /duty/entries,
 * /duty/entries/{id}/delete, /duty/leave, /duty/leave/{id}/delete, /duty/handovers,
 * /duty/handovers/{id}/acknowledge. */
void duty_page(HttpRequest *req, HttpResponse *res);
void duty_page_print(HttpRequest *req, HttpResponse *res);
void duty_page_entry_create(HttpRequest *req, HttpResponse *res);
void duty_page_entry_delete(HttpRequest *req, HttpResponse *res);
void duty_page_leave_create(HttpRequest *req, HttpResponse *res);
void duty_page_leave_delete(HttpRequest *req, HttpResponse *res);
void duty_page_handover_create(HttpRequest *req, HttpResponse *res);
void duty_page_handover_ack(HttpRequest *req, HttpResponse *res);

/* The header's line for the layout: "带班 X，值班员 Y、Z" in the request's language, or NULL
 * when nobody is on duty now or the database fails (logged). g_free. */
char *duty_header_line(HttpRequest *req);

#endif
