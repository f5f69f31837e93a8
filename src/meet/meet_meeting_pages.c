/*
 * meet_meeting_pages.c — one meeting's page (GET /meetings/{id}): its facts, the attendance
 * against the quorum (kept live by the "meeting" event, mishu.js), the members with check-in
 * and leave, a form per step the reader may take, the agenda with each item's leader and
 * reason, votes, outcome in words, decisions into supervision, and the minutes; and the form
 * posts (POST /meetings/{id}/…), each the same audited operation as the API.
 */
#define G_LOG_DOMAIN "mishu-meet"

#include "meet/meet_pages.h"
#include "meet/meet_internal.h"
#include "core/core.h"
#include "docs/docs_pages.h"
#include "org/org.h"
#include "site/site_module.h"
#include "work/flow.h"
#include "work/work_web.h"

#include <stdlib.h>
#include <string.h>

#define errors meet_page_errors

/* The steps U may take of STEPS (work_flow_steps' list) as forms posting to HREF/ACTION:
 * [{action, label, href, reason: bool (a text is required), prompt (its label)}]. */
static json_t *step_forms(HttpRequest *req, json_t *steps, const char *href)
{
	json_t *out = json_array(), *s;
	size_t i;

	json_array_foreach (steps, i, s) {
		const char *code = json_string_value(json_object_get(s, "code"));
		g_autofree char *to = g_strdup_printf("%s/actions/%s", href, code);

		if (!json_is_true(json_object_get(s, "allowed")))
			continue;
		json_array_append_new(
		    out, json_pack("{s:s, s:O, s:s, s:b, s:s, s:b}", "action", code, "label",
		                   json_object_get(s, "label"), "href", to, "reason",
		                   core_word_in(code, "cancel withdraw consult"), "prompt",
		                   http_tr(req, strcmp(code, "consult") == 0
		                                    ? N_("Consultation before the meeting")
		                                    : N_("Reason")),
		                   "danger",
		                   strcmp(code, "cancel") == 0 || strcmp(code, "call_off") == 0));
	}
	return out;
}

static const char *choice_codes[] = {"agree", "disagree", "defer", "abstain"};

/* Prepares agenda item A's materials for the page of U: links, what is withheld and when it
 * is released, and whether U may file more. */
static void materials_model(HttpRequest *req, DbConn *c, json_t *a, const char *href)
{
	json_t *mat = json_object_get(a, "materials"), *f;
	json_int_t withheld = json_integer_value(json_object_get(mat, "withheld"));
	GError *e = NULL;
	size_t i;

	json_array_foreach (json_object_get(mat, "files"), i, f) {
		json_object_set_new(f, "href",
		                    json_sprintf("/api/v1%s/materials/%" JSON_INTEGER_FORMAT, href,
		                                 json_integer_value(json_object_get(f, "id"))));
		site_module_set_size(f);
	}
	json_object_set_new(a, "has_materials",
	                    json_boolean(json_array_size(json_object_get(mat, "files")) > 0));
	if (withheld > 0)
		json_object_set_new(
		    a, "materials_withheld",
		    json_sprintf(site_tr_fmt(req, N_("%d files of cadre materials, for the voting "
		                                     "members only, released on %s.")),
		                 (int)withheld,
		                 json_string_value(json_object_get(mat, "release_on"))));
	else if (json_is_true(json_object_get(mat, "restricted")))
		json_object_set_new(
		    a, "materials_note",
		    json_sprintf(
		        site_tr_fmt(req, N_("Cadre materials go to the voting members only, "
		                            "from %s.")),
		        json_string_value(json_object_get(mat, "release_on"))));
	json_object_set_new(
	    a, "can_attach",
	    json_boolean(meet_materials_may_add(c, auth_current(req),
	                                        json_integer_value(json_object_get(a, "id")), &e)));
	g_clear_error(&e);
}

/* Prepares agenda item A of meeting M for the page. */
static void item_model(HttpRequest *req, json_t *m, json_t *a, const char *me, gboolean staff,
                       json_t *units)
{
	const char *ms = json_string_value(json_object_get(m, "status"));
	const char *st = json_string_value(json_object_get(a, "status"));
	json_t *rules = json_object_get(m, "rules");
	gboolean voting = json_is_true(json_object_get(rules, "voting"));
	gboolean open = g_strcmp0(ms, "in_session") == 0 && g_strcmp0(st, "scheduled") == 0;
	g_autofree char *href =
	    g_strdup_printf("/meetings/%" JSON_INTEGER_FORMAT "/agenda/%" JSON_INTEGER_FORMAT,
	                    json_integer_value(json_object_get(m, "id")),
	                    json_integer_value(json_object_get(a, "n")));
	json_t *choices = json_array(), *voters = json_array(), *p, *b;
	gboolean me_votes = FALSE;
	size_t i;

	json_object_set_new(a, "href", json_string(href));
	json_object_set_new(a, "status_class", json_string(meet_status_class(st)));
	json_object_set_new(
	    a, "is_cadre",
	    json_boolean(g_strcmp0(json_string_value(json_object_get(a, "kind")), "cadre") == 0));
	json_object_set_new(a, "forms", step_forms(req, json_object_get(a, "steps"), href));
	json_array_foreach (json_object_get(a, "ballots"), i, b) {
		const char *ch = json_string_value(json_object_get(b, "choice"));
		json_object_set_new(b, "choice_label", json_string(meet_choice_label(req, ch)));
	}
	for (gsize k = 0; k < G_N_ELEMENTS(choice_codes); k++)
		if (k < 3 || json_is_true(json_object_get(rules, "abstain")))
			json_array_append_new(
			    choices, json_pack("{s:s, s:s}", "value", choice_codes[k], "label",
			                       meet_choice_label(req, choice_codes[k])));
	json_array_foreach (json_object_get(m, "members"), i, p) {
		gboolean present =
		    g_strcmp0(json_string_value(json_object_get(p, "status")), "present") == 0 &&
		    json_integer_value(json_object_get(p, "voting"));
		if (!present)
			continue;
		if (g_strcmp0(json_string_value(json_object_get(p, "username")), me) == 0)
			me_votes = TRUE;
		json_array_append_new(voters, json_pack("{s:O, s:O}", "username",
		                                        json_object_get(p, "username"), "name",
		                                        json_object_get(p, "name")));
	}
	json_object_set_new(a, "choices", choices);
	json_object_set_new(a, "voters", voters);
	json_object_set_new(a, "can_record", json_boolean(voting && open && staff));
	json_object_set_new(a, "can_vote", json_boolean(voting && open && me_votes && !staff));
	json_object_set_new(a, "can_task", json_boolean(staff && g_strcmp0(st, "passed") == 0));
	if (staff && g_strcmp0(st, "passed") == 0)
		json_object_set(a, "units", units);
	json_object_set_new(a, "has_ballots",
	                    json_boolean(json_array_size(json_object_get(a, "ballots")) > 0));
	json_object_set_new(a, "has_tasks",
	                    json_boolean(json_array_size(json_object_get(a, "tasks")) > 0));
}

/* For the office adding an item to meeting M: the earlier items it may take up, as options
 * "origin_carry" (a 缓议 or unreached item, value "carry:ID") and "origin_reconsider" (a passed
 * one, 复议, value "reconsiders:ID"), each labelled with its meeting and number. */
static void origins_model(HttpRequest *req, DbConn *c, json_t *model, json_t *m)
{
	GError *e = NULL;
	g_autoptr(json_t) o =
	    meet_agenda_origins(c, json_integer_value(json_object_get(m, "id")), &e);
	static const char *const keys[][4] = {
	    {"carry", "carry", "origin_carry", "has_origin_carry"},
	    {"reconsider", "reconsiders", "origin_reconsider", "has_origin_reconsider"}};

	if (o == NULL) {
		g_warning("the origins of an agenda item: %s", e->message);
		g_clear_error(&e);
		return;
	}
	for (gsize k = 0; k < G_N_ELEMENTS(keys); k++) {
		json_t *opts = json_array(), *r;
		size_t i;

		json_array_foreach (json_object_get(o, keys[k][0]), i, r) {
			g_autofree char *value =
			    g_strdup_printf("%s:%" JSON_INTEGER_FORMAT, keys[k][1],
			                    json_integer_value(json_object_get(r, "id")));
			g_autofree char *n = g_strdup_printf(
			    "%" JSON_INTEGER_FORMAT, json_integer_value(json_object_get(r, "n")));
			g_autofree char *label = g_strdup_printf(
			    site_tr_fmt(req, N_("%s, item %s: %s")), /* %s 第%s项：%s */
			    json_string_value(json_object_get(r, "meeting")), n,
			    json_string_value(json_object_get(r, "title")));
			json_array_append_new(
			    opts, json_pack("{s:s, s:s}", "value", value, "label", label));
		}
		if (json_array_size(opts)) {
			json_object_set_new(model, "has_origins", json_true());
			json_object_set_new(model, keys[k][3], json_true());
		}
		json_object_set_new(model, keys[k][2], opts);
	}
}

/* The 纪要 as a document: a link to it once issued (with its state), or for the office, once
 * the chair approved the minutes, the form that issues it with its 分送 picker. */
static void minutes_document_model(HttpRequest *req, DbConn *c, json_t *model, json_t *m,
                                   gboolean staff)
{
	json_t *doc = json_object_get(json_object_get(m, "minutes"), "document"), *picker;
	GError *e = NULL;

	if (json_is_object(doc)) {
		json_object_set_new(doc, "status_label",
		                    json_string(docs_page_status_title(
		                        req, json_string_value(json_object_get(doc, "status")))));
		json_object_set(model, "minutes_document", doc);
		return;
	}
	if (!staff || g_strcmp0(json_string_value(json_object_get(m, "status")), "minuted"))
		return;
	if ((picker = docs_recipient_picker(req, c, "cc_to", &e)) == NULL) {
		g_warning("the recipients of the minutes: %s", e->message);
		g_clear_error(&e);
		return;
	}
	json_object_set_new(model, "minutes_picker", picker);
	json_object_set_new(model, "can_issue_minutes", json_true());
}

/* Prepares meeting M (meet_get's) for the page of U. */
static void meeting_model(HttpRequest *req, DbConn *c, json_t *m, json_t *model)
{
	const AuthUser *u = auth_current(req);
	gboolean staff = auth_can(u, "work.all");
	const char *ms = json_string_value(json_object_get(m, "status"));
	gboolean live = g_strcmp0(ms, "preparing") == 0 || g_strcmp0(ms, "noticed") == 0 ||
	                g_strcmp0(ms, "in_session") == 0;
	gboolean chair =
	    g_strcmp0(json_string_value(json_object_get(m, "chair_username")), u->username) == 0;
	g_autofree char *href = g_strdup_printf("/meetings/%" JSON_INTEGER_FORMAT,
	                                        json_integer_value(json_object_get(m, "id")));
	json_t *p, *a, *h, *att = json_object_get(m, "attendance"), *units = NULL;
	const WorkFlow *flow = work_flow_get(c, "meeting", 0, NULL);
	GError *e = NULL;
	size_t i;

	{
		g_autofree char *when =
		    meet_when_text(json_string_value(json_object_get(m, "starts_at")),
		                   json_string_value(json_object_get(m, "ends_at")));
		json_object_set_new(m, "when_text", json_string(when));
		json_object_set_new(m, "status_class", json_string(meet_status_class(ms)));
	}
	json_array_foreach (json_object_get(m, "members"), i, p) {
		const char *st = json_string_value(json_object_get(p, "status"));
		gboolean me =
		    g_strcmp0(json_string_value(json_object_get(p, "username")), u->username) == 0;

		json_object_set_new(p, "status_label", json_string(meet_member_status(req, st)));
		json_object_set_new(p, "is_present", json_boolean(g_strcmp0(st, "present") == 0));
		json_object_set_new(p, "can_check_in",
		                    json_boolean(staff && g_strcmp0(st, "present") != 0 &&
		                                 (g_strcmp0(ms, "noticed") == 0 ||
		                                  g_strcmp0(ms, "in_session") == 0)));
		json_object_set_new(
		    p, "can_approve_leave",
		    json_boolean((staff || chair) && g_strcmp0(st, "leave_asked") == 0));
		if (me && live)
			json_object_set_new(model, "me",
			                    json_pack("{s:s, s:b, s:b}", "status_label",
			                              meet_member_status(req, st), "can_check_in",
			                              g_strcmp0(st, "present") != 0 &&
			                                  g_strcmp0(ms, "preparing") != 0,
			                              "can_confirm",
			                              g_strcmp0(st, "invited") == 0));
	}
	{
		g_autofree char *labels = meet_member_status_labels(req);
		json_object_set_new(model, "status_labels", json_string(labels));
	}
	json_object_set_new(att, "has_quorum",
	                    json_boolean(json_object_get(att, "quorum_met") != NULL));
	json_object_set_new(model, "forms", step_forms(req, json_object_get(m, "steps"), href));
	json_object_set_new(model, "has_forms",
	                    json_boolean(json_array_size(json_object_get(model, "forms")) > 0));
	if (staff)
		units = org_units(c, NULL, NULL, NULL, &e);
	g_clear_error(&e);
	json_array_foreach (json_object_get(m, "agenda"), i, a) {
		item_model(req, m, a, u->username, staff, units);
		materials_model(req, c, a, json_string_value(json_object_get(a, "href")));
	}
	json_object_set_new(model, "has_unit_options", json_boolean(json_array_size(units) > 0));
	if (units)
		json_object_set_new(model, "unit_options", units);
	json_object_set_new(
	    m, "has_conflicts",
	    json_boolean(live && json_array_size(json_object_get(m, "conflicts")) > 0));
	json_object_set_new(model, "has_items",
	                    json_boolean(json_array_size(json_object_get(m, "agenda")) > 0));
	json_object_set_new(
	    model, "can_add_item",
	    json_boolean((staff || auth_can(u, "work.instruct")) &&
	                 (g_strcmp0(ms, "preparing") == 0 || g_strcmp0(ms, "noticed") == 0)));
	if (staff && (g_strcmp0(ms, "preparing") == 0 || g_strcmp0(ms, "noticed") == 0))
		origins_model(req, c, model, m);
	json_object_set_new(
	    model, "has_minutes",
	    json_boolean(g_strcmp0(ms, "adjourned") == 0 || g_strcmp0(ms, "minuted") == 0));
	json_object_set_new(model, "can_edit_minutes",
	                    json_boolean(staff && g_strcmp0(ms, "adjourned") == 0));
	minutes_document_model(req, c, model, m, staff);
	json_array_foreach (json_object_get(m, "history"), i, h) {
		site_module_set_time(h, "when_text",
		                     json_integer_value(json_object_get(h, "when")));
		/* an entry that is not a step of the meeting's workflow */
		if (g_strcmp0(json_string_value(json_object_get(h, "action")), "issue_minutes") ==
		    0)
			json_object_set_new(
			    h, "action_label",
			    json_string(http_tr(req, N_("Minutes issued as a document"))));
		else if (flow)
			json_object_set_new(
			    h, "action_label",
			    json_string(work_flow_step_label(
			        flow, json_string_value(json_object_get(h, "action")),
			        http_lang(req))));
	}
	json_object_set(model, "meeting", m);
}

/* The meeting's page with STATUS, and ERROR (translated) above everything when not NULL. */
static void meeting_page(HttpRequest *req, HttpResponse *res, int status, gint64 id,
                         const char *error)
{
	GError *err = NULL;
	DbConn *c = site_module_conn(req, &errors, &err);
	g_autoptr(json_t) m = NULL, domains = NULL;
	json_t *model;

	if (c && auth_item_access(c, auth_current(req), id, &err) != AUTH_ITEM_ALLOWED &&
	    err == NULL)
		g_set_error_literal(&err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
		                    N_("There is no such meeting."));
	if (err || (m = meet_get(c, auth_current(req), id, &err)) == NULL ||
	    (domains = org_domains(c, &err)) == NULL) {
		site_module_fail(req, res, &errors, err);
		return;
	}
	model = meet_page_model(req, N_("Meeting"), "list");
	json_object_set_new(model, "title", json_copy(json_object_get(m, "title")));
	json_object_set_new(model, "domain_options", site_module_domain_options(domains, NULL));
	meeting_model(req, c, m, model);
	if (error)
		site_module_set_error(model, error, NULL);
	if (http_query(req, "done"))
		site_module_flash(model, "success", http_tr(req, N_("Done."))); /* 已办理。 */
	http_reply_model(res, status, model, "meet/meeting");
}

void meet_page_meeting(HttpRequest *req, HttpResponse *res)
{
	gint64 id;

	if (auth_path_id(req, res, &id))
		meeting_page(req, res, 200, id, NULL);
}

/* GET /agenda/{id}: an agenda item's place on its meeting's page. */
void meet_page_agenda_item(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c = site_module_conn(req, &errors, &err);
	g_autoptr(json_t) r = NULL;
	g_autofree char *to = NULL;
	gint64 id;

	if (!auth_path_id(req, res, &id))
		return;
	if (c && auth_item_access(c, auth_current(req), id, &err) != AUTH_ITEM_ALLOWED &&
	    err == NULL)
		g_set_error_literal(&err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
		                    N_("There is no such agenda item."));
	if (err || (r = work_row(WORK_ERRORS, c, &err, N_("There is no such agenda item."),
	                         "SELECT meeting_id, n FROM agenda_item WHERE item_id = ?", "i",
	                         id)) == NULL) {
		site_module_fail(req, res, &errors, err);
		return;
	}
	to = g_strdup_printf("/meetings/%" JSON_INTEGER_FORMAT "#item-%" JSON_INTEGER_FORMAT,
	                     json_integer_value(json_object_get(r, "meeting_id")),
	                     json_integer_value(json_object_get(r, "n")));
	http_reply_redirect(res, 303, to);
}

/* ---- the forms ----------------------------------------------------------------------------- */

/* Runs FN as ACTION with BODY (taken) on the meeting {id} (and item {n}); back to the page on
 * success (303, at ANCHOR), the page with the refusal otherwise. */
static void page_write(HttpRequest *req, HttpResponse *res, const char *action, MeetOpFn fn,
                       json_t *body, const char *anchor)
{
	MeetOp o = {.body = body, .action = http_param(req, "action"), .files = http_uploads(req)};
	const char *field = NULL;
	GError *err = NULL;
	DbConn *c = site_module_conn(req, &errors, &err);
	g_autofree char *to = NULL;
	gint64 id;

	if (!auth_path_id(req, res, &o.meeting)) {
		json_decref(body);
		return;
	}
	if (c && auth_item_access(c, auth_current(req), o.meeting, &err) != AUTH_ITEM_ALLOWED &&
	    err == NULL)
		g_set_error_literal(&err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
		                    N_("There is no such meeting."));
	if (!err && http_param(req, "n") && !http_param_id(req, "n", &o.n))
		g_set_error_literal(&err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
		                    N_("There is no such agenda item."));
	if (!err)
		meet_op(req, action, fn, &o, &id, &field, &err);
	json_decref(body);
	if (err == NULL) {
		to = g_strdup_printf("/meetings/%" G_GINT64_FORMAT "?done=1#%s", o.meeting, anchor);
		http_reply_redirect(res, 303, to);
	} else if (site_module_refusal(&errors, err)) {
		meeting_page(req, res, work_error_status(err), o.meeting,
		             site_module_message(req, &errors, err));
		g_error_free(err);
	} else {
		site_module_fail(req, res, &errors, err);
	}
}

/* A JSON object of the form fields NAMES (those not blank). */
static json_t *form_body(HttpRequest *req, const char *const *names)
{
	json_t *o = json_object();

	for (; *names; names++) {
		g_autofree char *v = site_module_field(req, *names);
		if (*v)
			json_object_set_new(o, *names, json_string(v));
	}
	return o;
}

void meet_page_step(HttpRequest *req, HttpResponse *res)
{
	static const char *const f[] = {"opinion", NULL};
	g_autofree char *audit = g_strdup_printf("meet.%s", http_param(req, "action"));

	page_write(req, res, audit, meet_op_step, form_body(req, f), "steps");
}

void meet_page_attendance(HttpRequest *req, HttpResponse *res)
{
	static const char *const f[] = {"username", "status", "reason", "written_view", NULL};

	page_write(req, res, "meet.attendance", meet_op_attend, form_body(req, f), "attendance");
}

/* POST /meetings/{id}/agenda: a new item, or one taken up from an earlier item ("origin":
 * "carry:ID" a 缓议 item, "reconsiders:ID" the motion to reconsider a passed one), whose title,
 * kind and text stand unless the form gives others (its kind always stands). */
void meet_page_agenda_add(HttpRequest *req, HttpResponse *res)
{
	static const char *const f[] = {"title", "kind",      "domain", "unit",
	                                "body",  "observers", NULL};
	json_t *body = form_body(req, f);
	g_autofree char *origin = site_module_field(req, "origin");
	char *colon = strchr(origin, ':'), *end = NULL;

	if (*origin) {
		gint64 id = colon ? g_ascii_strtoll(colon + 1, &end, 10) : 0;
		const char *key =
		    colon && strncmp(origin, "carry:", 6) == 0 ? "carry" : "reconsiders";

		/* not "KEY:number": the operation refuses the origin (422) */
		json_object_set_new(body, key,
		                    id > 0 && end && *end == '\0' ? json_integer(id)
		                                                  : json_string(origin));
		json_object_del(body, "kind");
	}
	page_write(req, res, "meet.agenda", meet_op_agenda_add, body, "agenda");
}

void meet_page_agenda_step(HttpRequest *req, HttpResponse *res)
{
	static const char *const f[] = {"opinion", NULL};
	g_autofree char *audit = g_strdup_printf("meet.agenda.%s", http_param(req, "action"));
	g_autofree char *anchor = g_strdup_printf("item-%s", http_param(req, "n"));

	page_write(req, res, audit, meet_op_agenda_step, form_body(req, f), anchor);
}

void meet_page_vote(HttpRequest *req, HttpResponse *res)
{
	static const char *const f[] = {"username", "choice", NULL};
	g_autofree char *anchor = g_strdup_printf("item-%s", http_param(req, "n"));

	page_write(req, res, "meet.vote", meet_op_vote, form_body(req, f), anchor);
}

void meet_page_decision(HttpRequest *req, HttpResponse *res)
{
	static const char *const f[] = {"lead_unit", "requirements", NULL};
	g_autofree char *anchor = g_strdup_printf("item-%s", http_param(req, "n"));
	g_autofree char *days = site_module_field(req, "deadline_working_days");
	json_t *body = form_body(req, f);

	if (*days)
		json_object_set_new(body, "deadline_working_days",
		                    strspn(days, "0123456789") == strlen(days) && strlen(days) < 5
		                        ? json_integer(atoi(days))
		                        : json_string(days));
	page_write(req, res, "meet.decision_task", meet_op_decision, body, anchor);
}

void meet_page_materials(HttpRequest *req, HttpResponse *res)
{
	g_autofree char *anchor = g_strdup_printf("item-%s", http_param(req, "n"));
	json_t *body = json_pack("{s:o}", "files", work_upload_names(http_uploads(req)));

	page_write(req, res, "meet.agenda.materials", meet_op_materials, body, anchor);
}

void meet_page_minutes(HttpRequest *req, HttpResponse *res)
{
	static const char *const f[] = {"text", NULL};

	page_write(req, res, "meet.minutes", meet_op_minutes, form_body(req, f), "minutes");
}

void meet_page_minutes_document(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c = site_module_conn(req, &errors, &err);
	json_t *chosen = c ? docs_recipients_chosen(req, c, "cc_to", &err) : NULL;

	if (chosen == NULL) {
		site_module_fail(req, res, &errors, err);
		return;
	}
	page_write(req, res, "meet.minutes_document", meet_op_minutes_document,
	           json_pack("{s:o}", "cc_to", chosen), "minutes");
}

/* ---- 座次 ----------------------------------------------------------------------------------- */

/* GET /meetings/{id}/seating: the main table in protocol order (the first in rank in the
 * centre, the others alternating to their left and right hands) as the audience sees it, the
 * 列席 rows below; printable. Members on leave have no seat. */
void meet_page_seating(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c = site_module_conn(req, &errors, &err);
	g_autoptr(json_t) m = NULL;
	g_autoptr(GPtrArray) obs = NULL;
	json_t *model, *seated = json_array(), *seats, *rows = json_array(), *row = NULL, *p;
	int *pos;
	size_t i;
	gint64 id;

	if (!auth_path_id(req, res, &id)) {
		json_decref(seated);
		json_decref(rows);
		return;
	}
	if (c && auth_item_access(c, auth_current(req), id, &err) != AUTH_ITEM_ALLOWED &&
	    err == NULL)
		g_set_error_literal(&err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
		                    N_("There is no such meeting."));
	if (err || (m = meet_get(c, NULL, id, &err)) == NULL) {
		json_decref(seated);
		json_decref(rows);
		site_module_fail(req, res, &errors, err);
		return;
	}
	json_array_foreach (json_object_get(m, "members"), i, p)
		if (!core_word_in(json_string_value(json_object_get(p, "status")),
		                  "leave leave_asked"))
			json_array_append(seated, p);
	pos = g_new0(int, json_array_size(seated) + 1);
	meet_seat_positions((int)json_array_size(seated), pos);
	seats = json_array();
	for (i = 0; i < json_array_size(seated); i++)
		json_array_append_new(seats, json_object());
	json_array_foreach (seated, i, p)
		json_array_set_new(seats, (size_t)pos[i],
		                   json_pack("{s:O, s:I}", "name", json_object_get(p, "name"),
		                             "rank", (json_int_t)i + 1));
	g_free(pos);
	json_decref(seated);
	obs = meet_observer_names(m);
	for (guint k = 0; k < obs->len; k++) {
		if (k % 8 == 0) {
			row = json_array();
			json_array_append_new(rows, json_pack("{s:o}", "seats", row));
		}
		json_array_append_new(row, json_pack("{s:s}", "name", (char *)obs->pdata[k]));
	}
	model = meet_page_model(req, N_("Seating plan"), "list");
	json_object_set_new(model, "title",
	                    json_sprintf("%s %s", json_string_value(json_object_get(m, "title")),
	                                 http_tr(req, N_("Seating plan")))); /* 座次图 */
	json_object_set(model, "meeting", m);
	json_object_set_new(model, "seats", seats);
	json_object_set_new(model, "observer_rows", rows);
	json_object_set_new(model, "has_observers", json_boolean(obs->len > 0));
	http_reply_model(res, 200, model, "meet/seating");
}
