/*
 * site_module.h — what the page files of every module share (site_module.c): the page model
 * with the module's sub-navigation, the connection, the answers to a module's errors, the
 * flash and the re-shown form's error, and the pieces of a step's form. A module describes
 * itself once (a SiteSubnav table, a SiteModuleErrors) and passes that in; this layer knows no
 * module's header.
 */
#ifndef MISHU_SITE_MODULE_H
#define MISHU_SITE_MODULE_H

#include "app.h"
#include "auth/auth_pages.h"

/* MSGID translated for REQ, usable as a checked printf format. Static. */
const char *site_tr_fmt(HttpRequest *req, const char *msgid) G_GNUC_FORMAT(2);

/* ---- the page model ----------------------------------------------------------------------- */

/* One entry of a module's sub-navigation: HREF, LABEL (a msgid), the SECTION it stands for;
 * STAFF_ONLY entries are shown only to users with work.all. */
typedef struct SiteSubnav {
	const char *href;
	const char *label;
	const char *section;
	gboolean staff_only;
} SiteSubnav;

/* A new page model {"title", "subnav": [{href, label, active}], "is_staff"}: TITLE_MSGID
 * translated, the N entries of NAV the user may see, the one for SECTION marked active, and
 * whether the user is office staff (work.all). New reference. */
json_t *site_module_model(HttpRequest *req, const char *title_msgid, const SiteSubnav *nav, gsize n,
                          const char *section);

/* ---- a module's errors -------------------------------------------------------------------- */

/* How a module's errors are answered on its pages. DOMAIN returns the module's error quark;
 * DB_CODE is its "database failed" code, CONFLICT_CODE the one a constraint violation becomes
 * (-1: a database failure too), NOT_FOUND_CODE its "no such thing". STATUS and CODE give the
 * HTTP status and snake_case code of one of its errors; CODE returns NULL for a code it does
 * not know (answered as a database failure). Failures are logged in LOG_DOMAIN as
 * "NAME page PATH: message". */
typedef struct SiteModuleErrors {
	const char *name;
	const char *log_domain;
	GQuark (*domain)(void);
	int db_code;
	int conflict_code;
	int not_found_code;
	int (*status)(const GError *err);
	const char *(*code)(const GError *err);
} SiteModuleErrors;

/* The calling thread's database connection, or NULL with ERR in E's domain (E->db_code, or
 * E->conflict_code for a constraint violation; details logged). */
DbConn *site_module_conn(HttpRequest *req, const SiteModuleErrors *e, GError **err);

/* TRUE when ERR is one of E's errors a form re-shows: not E->not_found_code, not
 * E->db_code. */
gboolean site_module_refusal(const SiteModuleErrors *e, const GError *err);

/* The message to show for ERR, translated: E's own errors and auth's their message, anything
 * else a fixed one (its details logged). Static. */
const char *site_module_message(HttpRequest *req, const SiteModuleErrors *e, const GError *err);

/* Answers a failure that leaves nothing to re-show: the error page with ERR's status, code and
 * message for E's errors (auth's for auth's), 503 "unavailable" for the database and anything
 * else (details logged). Frees ERR. */
void site_module_fail(HttpRequest *req, HttpResponse *res, const SiteModuleErrors *e, GError *err);

/* ---- page pieces -------------------------------------------------------------------------- */

/* Adds item ID's workflow picture to page model M ("flow_svg": the inline SVG, its present
 * state highlighted; "flow_href": its workflow's page) and to ITEM (its load: "steps") whether
 * some steps from here are refused ("has_refused"). Without a picture (logged) nothing is
 * added: the page stays usable. */
void site_module_flow(HttpRequest *req, DbConn *c, json_t *m, json_t *item, gint64 id);

/* Adds "error" {message} and, when FIELD is given, "errors" {FIELD: message} to M for ERROR
 * (already translated). */
void site_module_set_error(json_t *m, const char *error, const char *field);

/* Adds the flash message {KIND, TEXT (already translated)} to M ("flash", an array). */
void site_module_flash(json_t *m, const char *kind, const char *text);

/* Adds the flash "Done: STEP." to M when the query's "done" names a step TITLE knows (TITLE
 * gives the translated title of a step, the step itself when unknown). */
void site_module_flash_done(HttpRequest *req, json_t *m,
                            const char *(*title)(HttpRequest *req, const char *step));

/* The form field NAME trimmed of surrounding white space; "" when absent. g_free. */
char *site_module_field(HttpRequest *req, const char *name);

/* Sets KEY of O to the time AT formatted for reading ("2026-03-01 09:30") and KEY_iso to it
 * in ISO 8601. */
void site_module_set_time(json_t *o, const char *key, gint64 at);

/* Sets "size_text" of the file O from its "size": "512 B", "12.3 KB" or "4.5 MB" (the same in
 * every language). */
void site_module_set_size(json_t *o);

/* J as compact JSON safe inside a <script type="application/json"> block: no "<", ">" or "&"
 * left (they are written as \u escapes), for a template's {{{trusted_…}}}. g_free. */
char *site_module_script_json(json_t *j);

/* Options for a <select> of domains in tree order, indented by depth with ideographic spaces:
 * [{value, label, selected}]. DOMAINS is org_domains' list (borrowed); inactive ones only
 * when SELECTED. New reference. */
json_t *site_module_domain_options(json_t *domains, const char *selected);

/* ---- a step's form ------------------------------------------------------------------------ */

/* How a step's form asks for the opinion. */
typedef enum { SITE_OPINION_NONE, SITE_OPINION_OPTIONAL, SITE_OPINION_REQUIRED } SiteOpinion;

/* A new step form {action, id "act-ACTION", href HREF, title TITLE, error false, errors {}}.
 * New reference. */
json_t *site_module_step_form(const char *action, const char *href, const char *title);

/* Adds "opinion" {label (LABEL_MSGID translated, NULL: 意见), required, value} to step form F
 * unless MODE is SITE_OPINION_NONE; the value is the request's when TYPED. */
void site_module_step_opinion(HttpRequest *req, json_t *f, SiteOpinion mode,
                              const char *label_msgid, gboolean typed);

/* Sets "error" {message ERROR} of step form F and, when FIELD is given, "errors" {FIELD}. */
void site_module_step_error(json_t *f, const char *error, const char *field);

#endif
