/*
 * docs_doc_pages.c — one document's page (GET /documents/{id}): its heading, facts and text
 * (the four heading levels of an official document recognised), attachments, the 拟办 with
 * each leader's reason, the 批示 in order, the readers and cosigners, the history, and one form
 * per step the user may take now (docs_load's "actions"). Each form posts to
 * POST /documents/{id}/actions/{action} (docs_op_act): success goes back to the page with a
 * flash (303); a refusal re-shows the page with the message at the form (422/409/403). Files
 * are uploaded through POST /documents/{id}/attachments (docs_op_attach).
 */
#define G_LOG_DOMAIN "mishu-docs"

#include "docs/docs_pages.h"
#include "docs/docs_pdf.h"
#include "docs/docs_internal.h"
#include "core/core.h"
#include "org/org.h"
#include "tasks/task_pages.h"
#include "work/work_web.h"

#include <string.h>

/* What each step's form shows besides its button: the opinion (with its label) and a hint. */
static const struct {
	const char *action;
	SiteOpinion opinion;
	const char *label;  /* the opinion's label; NULL: 意见 */
	const char *hint;   /* NULL: none */
	gboolean secondary; /* folded away (退回, 催办, 作废) */
} steps[] = {
    {"check", SITE_OPINION_OPTIONAL, NULL,
     N_("Check that the document is complete and belongs to this office before it is "
        "proposed."),
     FALSE}, /* 审核来文是否齐全、是否属于本机关办理范围。 */
    {"return", SITE_OPINION_REQUIRED, N_("Reason"), NULL, TRUE},
    {"propose", SITE_OPINION_OPTIONAL, NULL,
     N_("The leaders to read and instruct are named from the division of responsibility, "
        "each with the reason."),
     FALSE}, /* 按常委分工自动提出应送阅的领导，并逐一说明理由。 */
    {"instruct", SITE_OPINION_REQUIRED, N_("Text of the instruction"), NULL, FALSE}, /* 批示内容 */
    {"assign", SITE_OPINION_OPTIONAL, NULL, N_("Choose a unit or an office department, not both."),
     FALSE}, /* 选择承办单位或承办科室（二选一）。 */
    {"circulate", SITE_OPINION_OPTIONAL, NULL, NULL, FALSE},
    {"read", SITE_OPINION_OPTIONAL, N_("Comment (optional)"), NULL, FALSE},
    {"chase", SITE_OPINION_OPTIONAL, NULL, NULL, TRUE},
    {"complete", SITE_OPINION_OPTIONAL, NULL, NULL, FALSE},
    {"archive", SITE_OPINION_NONE, NULL, NULL, FALSE},
    {"submit", SITE_OPINION_OPTIONAL, NULL, NULL, FALSE},
    {"review", SITE_OPINION_OPTIONAL, NULL,
     N_("After review, the leaders authorised to sign it may see it."),
     FALSE}, /* 核稿后，有权签发的领导即可看到本件。 */
    {"request_cosign", SITE_OPINION_OPTIONAL, NULL, NULL, FALSE},
    {"cosign", SITE_OPINION_OPTIONAL, NULL, NULL, FALSE},
    {"sign", SITE_OPINION_OPTIONAL, N_("Signing opinion"),
     N_("Left empty, the signing opinion is 同意."), FALSE}, /* 不填写则签发意见为“同意”。 */
    {"recheck", SITE_OPINION_NONE, NULL, NULL, FALSE},
    {"number", SITE_OPINION_NONE, NULL,
     N_("The number is the series' next one this year, without gaps, and is never given "
        "again."),
     FALSE}, /* 按机关代字和年度连续编号，不空号、不重号。 */
    {"print", SITE_OPINION_NONE, NULL, NULL, FALSE},
    {"distribute", SITE_OPINION_NONE, NULL,
     N_("Every principal and copied recipient receives it, and every unit a group names."),
     FALSE}, /* 主送、抄送单位及所列范围内的单位均可收到本件。 */
    {"receive", SITE_OPINION_OPTIONAL, NULL, N_("Your unit has received this document."),
     FALSE}, /* 本单位已收到此件。 */
    {"void", SITE_OPINION_REQUIRED, N_("Reason"), N_("The number stays recorded as void."),
     TRUE}, /* 文号作废后保留记录，不再使用。 */
};

/* What the forms choose from, loaded only when a form needs it. */
typedef struct {
	json_t *leaders;     /* org_leaders today */
	json_t *units;       /* org_units today */
	json_t *departments; /* org_departments */
} Choices;

/* Frees the lists of CH. */
static void choices_clear(Choices *ch)
{
	g_clear_pointer(&ch->leaders, json_decref);
	g_clear_pointer(&ch->units, json_decref);
	g_clear_pointer(&ch->departments, json_decref);
}

/* TRUE when the JSON array LIST holds the string S. */
static gboolean has_string(json_t *list, const char *s)
{
	json_t *v;
	size_t i;

	json_array_foreach (list, i, v)
		if (g_strcmp0(json_string_value(v), s) == 0)
			return TRUE;
	return FALSE;
}

/* Loads into CH what forms for ACTIONS (a JSON array of step names) choose from. */
static gboolean choices_load(DbConn *c, json_t *actions, Choices *ch, GError **err)
{
	g_autofree char *today = core_today();
	gboolean people = has_string(actions, "circulate") || has_string(actions, "request_cosign");
	gboolean units = has_string(actions, "assign") || has_string(actions, "request_cosign");

	if (people && (ch->leaders = org_leaders(c, today, FALSE, err)) == NULL)
		return FALSE;
	if (units && (ch->units = org_units(c, NULL, NULL, today, err)) == NULL)
		return FALSE;
	if (has_string(actions, "assign") && (ch->departments = org_departments(c, err)) == NULL)
		return FALSE;
	return TRUE;
}

/* ---- the text ------------------------------------------------------------------------------ */

/* The text BODY as paragraphs [{text, level, salutation}]: one per non-empty line, leading
 * spaces (ASCII or ideographic) dropped, each with its heading level (0: plain); "salutation"
 * marks a short first line ending with "：" (the recipients). */
static json_t *paragraphs(const char *body)
{
	json_t *out = json_array();
	g_auto(GStrv) lines = g_strsplit(body ? body : "", "\n", 0);

	for (gsize i = 0; lines[i]; i++) {
		char *p = g_strchomp(lines[i]);

		while (*p == ' ' || *p == '\t' || g_utf8_get_char(p) == 0x3000)
			p = g_utf8_next_char(p);
		if (*p == '\0')
			continue;
		/* a first line like "各县（市、区）委：" names the recipients, flush left */
		json_array_append_new(out, json_pack("{s:s, s:i, s:b}", "text", p, "level",
		                                     docs_pdf_heading_level(p), "salutation",
		                                     json_array_size(out) == 0 &&
		                                         g_str_has_suffix(p, "：") &&
		                                         g_utf8_strlen(p, -1) <= 60));
	}
	return out;
}

/* ---- the document ---------------------------------------------------------------------------- */

/* The readers of DOC (changed in place): "read", "holding" with "held_text", "waiting", and
 * "read_text"; returns how many have read. */
static size_t readers_model(HttpRequest *req, json_t *doc)
{
	gint64 now = core_now();
	gint64 holder = json_integer_value(json_object_get(doc, "holder_id"));
	gboolean parallel =
	    g_strcmp0(json_string_value(json_object_get(doc, "circulation_mode")), "parallel") == 0;
	json_t *r;
	size_t i, read = 0;

	json_array_foreach (json_object_get(doc, "readers"), i, r) {
		gint64 sent = json_integer_value(json_object_get(r, "sent_at"));
		gboolean done = json_integer_value(json_object_get(r, "read_at")) > 0;
		gboolean holding =
		    !done && sent > 0 &&
		    (parallel || json_integer_value(json_object_get(r, "user_id")) == holder);

		read += done;
		json_object_set_new(r, "read", json_boolean(done));
		json_object_set_new(r, "holding", json_boolean(holding));
		json_object_set_new(r, "waiting", json_boolean(!done && !holding));
		site_module_set_time(r, "read_text",
		                     json_integer_value(json_object_get(r, "read_at")));
		if (holding) {
			g_autofree char *d = docs_page_duration(req, now - sent);
			g_autofree char *held =
			    g_strdup_printf(site_tr_fmt(req, N_("Held for %s")), d);
			json_object_set_new(r, "held_text", json_string(held)); /* 已持有 3 小时 */
		}
	}
	return read;
}

/* Sorts the leaders of LEADERS (objects with "rank") by rank, in place; stable. */
static void sort_by_rank(json_t *leaders)
{
	size_t n = json_array_size(leaders);

	for (size_t i = 1; i < n; i++) /* insertion sort: a handful of leaders */
		for (size_t k = i; k > 0; k--) {
			json_t *a = json_array_get(leaders, k - 1), *b = json_array_get(leaders, k);
			if (json_integer_value(json_object_get(a, "rank")) <=
			    json_integer_value(json_object_get(b, "rank")))
				break;
			json_incref(a);
			json_array_set(leaders, k - 1, b);
			json_array_set_new(leaders, k, a);
		}
}

/* Sets "facts_title" and "facts_line" (紧急程度 and 主送 as they were) of history entry V from
 * FACTS (docs_facts, kept with the step; NULL for entries older than them). */
static void history_facts(HttpRequest *req, json_t *v, json_t *facts)
{
	const char *urgency = json_string_value(json_object_get(facts, "urgency"));
	const char *to = json_string_value(json_object_get(facts, "main_to_text"));
	GString *line = g_string_new(NULL);

	json_object_set_new(v, "facts_title",
	                    json_object_get(facts, "title")
	                        ? json_incref(json_object_get(facts, "title"))
	                        : json_false());
	if (g_strcmp0(urgency, "very_urgent") == 0 || g_strcmp0(urgency, "urgent") == 0)
		g_string_append(line, http_tr(req, strcmp(urgency, "urgent") ? N_("Very urgent")
		                                                             : N_("Urgent")));
	if (to && *to)
		g_string_append_printf(line, "%s%s%s%s", line->len ? " · " : "",
		                       http_tr(req, N_("Principal recipients")), "：", to);
	json_object_set_new(v, "facts_line", line->len ? json_string(line->str) : json_false());
	g_string_free(line, TRUE);
}

/* Prepares DOC (docs_load's shape, changed in place) for the page. */
static void doc_model(HttpRequest *req, json_t *doc)
{
	g_autofree char *today = core_today();
	const char *disclosure = json_string_value(json_object_get(doc, "disclosure"));
	json_t *proposal = json_object_get(doc, "proposal"), *v, *prev;
	size_t i, read;

	docs_page_row(req, doc, today);
	json_object_set_new(doc, "paragraphs",
	                    paragraphs(json_string_value(json_object_get(doc, "body"))));
	json_object_set_new(
	    doc, "origin_higher",
	    json_boolean(g_strcmp0(json_string_value(json_object_get(doc, "origin")), "higher") ==
	                 0));
	if (disclosure && strcmp(disclosure, "none"))
		json_object_set_new(
		    doc, "disclosure_label",
		    json_string(http_tr(req, strcmp(disclosure, "public") == 0
		                                 ? N_("To be made public") /* 主动公开 */
		                                 : N_("On request"))));    /* 依申请公开 */
	json_array_foreach (json_object_get(doc, "attachments"), i, v) {
		g_autofree char *href = g_strdup_printf(
		    "/api/v1/documents/%" JSON_INTEGER_FORMAT "/attachments/%" JSON_INTEGER_FORMAT,
		    json_integer_value(json_object_get(doc, "id")),
		    json_integer_value(json_object_get(v, "id")));
		json_object_set_new(v, "href", json_string(href));
		site_module_set_size(v);
	}
	if (json_is_object(proposal)) {
		json_t *leaders = json_object_get(proposal, "leaders");
		gboolean charge = FALSE;
		json_array_foreach (leaders, i, v)
			charge = charge || g_strcmp0(json_string_value(json_object_get(v, "role")),
			                             "charge") == 0;
		/* the leader in charge marked; the cards in the order of rank (排名顺序) */
		json_array_foreach (leaders, i, v)
			json_object_set_new(
			    v, "lead",
			    json_boolean(
			        charge ? g_strcmp0(json_string_value(json_object_get(v, "role")),
			                           "charge") == 0
			               : i == 0));
		sort_by_rank(leaders);
		json_object_set_new(doc, "proposal_count",
		                    json_integer((json_int_t)json_array_size(leaders)));
		json_object_set_new(
		    doc, "has_proposal",
		    json_boolean(json_array_size(json_object_get(proposal, "leaders"))));
	}
	json_array_foreach (json_object_get(doc, "instructions"), i, v) {
		site_module_set_time(v, "created_text",
		                     json_integer_value(json_object_get(v, "created_at")));
	}
	read = readers_model(req, doc);
	if (json_array_size(json_object_get(doc, "readers"))) {
		g_autofree char *reads = g_strdup_printf(
		    "%zu/%zu", read, json_array_size(json_object_get(doc, "readers")));
		json_object_set_new(doc, "reads_text", json_string(reads));
		json_object_set_new(
		    doc, "mode_label",
		    json_string(http_tr(
		        req, g_strcmp0(json_string_value(json_object_get(doc, "circulation_mode")),
		                       "parallel") == 0
		                 ? N_("All at once")
		                 : N_("In order"))));
	}
	json_array_foreach (json_object_get(doc, "cosigners"), i, v) {
		json_object_set_new(
		    v, "signed",
		    json_boolean(json_integer_value(json_object_get(v, "signed_at")) > 0));
		site_module_set_time(v, "signed_text",
		                     json_integer_value(json_object_get(v, "signed_at")));
	}
	prev = NULL;
	json_array_foreach (json_object_get(doc, "history"), i, v) {
		const char *to = json_string_value(json_object_get(v, "to_status"));
		const char *from = json_string_value(json_object_get(v, "from_status"));
		json_t *facts = json_object_get(json_object_get(v, "detail"), "facts");
		const char *number =
		    json_string_value(json_object_get(json_object_get(v, "detail"), "number"));

		json_object_set_new(v, "action_label",
		                    json_string(docs_page_action_title(
		                        req, json_string_value(json_object_get(v, "action")))));
		site_module_set_time(v, "when_text",
		                     json_integer_value(json_object_get(v, "when")));
		if (to && g_strcmp0(from, to))
			json_object_set_new(v, "to_label",
			                    json_string(docs_page_status_title(req, to)));
		if (number == NULL) /* the number as it was then (none before 编号) */
			number = json_string_value(json_object_get(facts, "number"));
		/* false, not absent: a missing key would show the document's present number */
		json_object_set_new(v, "number", number ? json_string(number) : json_false());
		/* the title, urgency and recipients shown where they were first or changed */
		history_facts(req, v, json_equal(facts, prev) ? NULL : facts);
		prev = facts;
	}
	json_object_set_new(doc, "has_instructions",
	                    json_boolean(json_array_size(json_object_get(doc, "instructions"))));
	json_object_set_new(doc, "has_readers",
	                    json_boolean(json_array_size(json_object_get(doc, "readers"))));
	json_object_set_new(doc, "has_cosigners",
	                    json_boolean(json_array_size(json_object_get(doc, "cosigners"))));
	json_object_set_new(doc, "has_attachments",
	                    json_boolean(json_array_size(json_object_get(doc, "attachments"))));
}

/* ---- the forms of the steps --------------------------------------------------------------------
 */

/* Checkbox options of the leaders in CH for the field PREFIX:USERNAME, each checked when the
 * request has it (TYPED) or, otherwise, when its username is in CHOSEN (may be NULL). */
static json_t *leader_checks(HttpRequest *req, const Choices *ch, const char *prefix,
                             gboolean typed, json_t *chosen)
{
	json_t *out = json_array(), *l;
	size_t i;

	json_array_foreach (ch->leaders, i, l) {
		const char *user = json_string_value(json_object_get(l, "username"));
		g_autofree char *name = NULL, *id = NULL;

		if (user == NULL || *user == '\0')
			continue;
		name = g_strdup_printf("%s:%s", prefix, user);
		id = g_strdup_printf("%s-%s", prefix, user);
		json_array_append_new(
		    out,
		    json_pack("{s:s, s:s, s:O?, s:O?, s:b}", "name", name, "id", id, "label",
		              json_object_get(l, "name"), "title", json_object_get(l, "title"),
		              "checked",
		              typed ? http_form(req, name) != NULL : has_string(chosen, user)));
	}
	return out;
}

/* The units in CH grouped by kind: [{label, options: [{value, label, selected, name, id,
 * checked}]}], for a <select> (SELECTED chosen) or checkboxes named PREFIX:CODE (checked when
 * the request has them). */
static json_t *unit_groups(HttpRequest *req, const Choices *ch, const char *selected,
                           const char *prefix)
{
	json_t *out = json_array(), *group = NULL, *u;
	const char *kind = NULL;
	size_t i;

	json_array_foreach (ch->units, i, u) {
		const char *code = json_string_value(json_object_get(u, "code"));
		const char *k = json_string_value(json_object_get(u, "kind"));
		g_autofree char *name = g_strdup_printf("%s:%s", prefix, code);
		g_autofree char *id = g_strdup_printf("%s-%s", prefix, code);

		if (!json_integer_value(json_object_get(u, "active")))
			continue;
		if (group == NULL || g_strcmp0(k, kind)) {
			kind = k;
			group = json_pack("{s:s, s:[]}", "label",
			                  http_tr(req, org_unit_kind_title(k)), "options");
			json_array_append_new(out, group);
		}
		json_array_append_new(json_object_get(group, "options"),
		                      json_pack("{s:s, s:O?, s:b, s:s, s:s, s:b}", "value", code,
		                                "label", json_object_get(u, "name"), "selected",
		                                g_strcmp0(code, selected) == 0, "name", name, "id",
		                                id, "checked", http_form(req, name) != NULL));
	}
	return out;
}

/* The form of step ACTION on document DOC. TYPED: re-shown after a refusal, with the request's
 * values and ERROR (translated) at FIELD. */
static json_t *step_form(HttpRequest *req, json_t *doc, const char *action, const Choices *ch,
                         gboolean typed, const char *error, const char *field)
{
	gint64 id = json_integer_value(json_object_get(doc, "id"));
	g_autofree char *href =
	    g_strdup_printf("/documents/%" G_GINT64_FORMAT "/actions/%s", id, action);
	json_t *f = site_module_step_form(action, href, docs_page_action_title(req, action));
	gsize k;

	for (k = 0; k < G_N_ELEMENTS(steps) && strcmp(steps[k].action, action); k++)
		;
	if (k < G_N_ELEMENTS(steps)) {
		site_module_step_opinion(req, f, steps[k].opinion, steps[k].label, typed);
		if (steps[k].hint)
			json_object_set_new(f, "hint", json_string(http_tr(req, steps[k].hint)));
		json_object_set_new(f, "secondary", json_boolean(steps[k].secondary && !typed));
	}
	json_object_set_new(
	    f, "danger",
	    json_boolean(strcmp(action, "void") == 0 || strcmp(action, "return") == 0));
	if (strcmp(action, "instruct") == 0) {
		json_object_set_new(f, "is_instruct", json_true());
		json_object_set_new(f, "requirements",
		                    auth_page_text(typed ? http_form(req, "requirements") : NULL));
		/* the reader whose turn it is completes the reading with the 批示 (ticked) */
		json_object_set_new(
		    f, "may_read",
		    json_boolean(has_string(json_object_get(doc, "actions"), "read")));
		json_object_set_new(
		    f, "also_read",
		    json_boolean(!typed || g_strcmp0(http_form(req, "also_read"), "1") == 0));
	}
	if (strcmp(action, "assign") == 0) {
		const char *dep = typed ? auth_page_form(req, "department") : "";
		json_t *deps = json_array(), *d;
		size_t i;
		json_array_foreach (ch->departments, i, d)
			json_array_append_new(
			    deps,
			    json_pack("{s:O?, s:O?, s:b}", "value", json_object_get(d, "code"),
			              "label", json_object_get(d, "name"), "selected",
			              g_strcmp0(json_string_value(json_object_get(d, "code")),
			                        dep) == 0));
		json_object_set_new(f, "is_assign", json_true());
		json_object_set_new(
		    f, "unit_groups",
		    unit_groups(req, ch, typed ? auth_page_form(req, "unit") : "", "u"));
		json_object_set_new(f, "department_options", deps);
		json_object_set_new(
		    f, "deadline",
		    auth_page_text(typed ? http_form(req, "deadline")
		                         : json_string_value(json_object_get(doc, "deadline"))));
	}
	if (strcmp(action, "circulate") == 0) {
		json_t *chosen = json_array(), *l;
		size_t i;
		json_array_foreach (json_object_get(json_object_get(doc, "proposal"), "leaders"), i,
		                    l)
			json_array_append(chosen, json_object_get(l, "username"));
		json_object_set_new(f, "is_circulate", json_true());
		json_object_set_new(f, "reader_options",
		                    leader_checks(req, ch, "reader", typed, chosen));
		json_object_set_new(
		    f, "parallel",
		    json_boolean(typed && g_strcmp0(http_form(req, "mode"), "parallel") == 0));
		json_decref(chosen);
	}
	if (strcmp(action, "request_cosign") == 0) {
		json_object_set_new(f, "is_request_cosign", json_true());
		json_object_set_new(f, "cosign_users",
		                    leader_checks(req, ch, "cosign_user", typed, NULL));
		json_object_set_new(f, "cosign_unit_groups",
		                    unit_groups(req, ch, NULL, "cosign_unit"));
	}
	if (typed)
		site_module_step_error(f, error, field);
	return f;
}

/* ---- GET /documents/{id} ------------------------------------------------------------------------
 */

/* The flash for what ?done=, ?created=, ?saved= or ?attached= say just happened. */
static void page_flash(HttpRequest *req, json_t *m)
{
	site_module_flash_done(req, m, docs_page_action_title);
	if (g_strcmp0(http_query(req, "created"), "1") == 0)
		site_module_flash(m, "success",
		                  http_tr(req, N_("The document has been recorded.")));
	if (g_strcmp0(http_query(req, "saved"), "1") == 0)
		site_module_flash(m, "success", http_tr(req, N_("The changes have been saved.")));
	if (g_strcmp0(http_query(req, "attached"), "1") == 0)
		site_module_flash(m, "success", http_tr(req, N_("The file has been attached.")));
}

/*
 * Renders document ID's page with STATUS. After a refusal of step FAILED (NULL: none) or of the
 * upload (FAILED "attach"), ERROR (translated) shows above the page and at that form's FIELD,
 * with what was typed.
 */
/* Adds to the 批示 form F the phrases U keeps (or the defaults), "××" filled with the other
 * leaders DOC is routed to; none when the database fails (logged). */
static void instruct_phrases(DbConn *c, const AuthUser *u, json_t *doc, json_t *f)
{
	GError *err = NULL;
	gboolean custom;
	g_autoptr(json_t) phrases = work_phrases(c, u->id, &custom, &err);
	g_autoptr(json_t) names = json_array();
	json_t *l;
	size_t i;

	if (phrases == NULL) {
		g_warning("phrases: %s", err->message);
		g_clear_error(&err);
		return;
	}
	json_array_foreach (json_object_get(json_object_get(doc, "proposal"), "leaders"), i, l)
		if (json_integer_value(json_object_get(l, "user_id")) != u->id)
			json_array_append(names, json_object_get(l, "name"));
	json_object_set_new(f, "phrases", work_phrases_offer(phrases, names));
	json_object_set_new(f, "has_phrases",
	                    json_boolean(json_array_size(json_object_get(f, "phrases")) > 0));
}

static void doc_reply(HttpRequest *req, HttpResponse *res, gint64 id, int status,
                      const char *failed, const char *error, const char *field)
{
	const AuthUser *u = auth_current(req);
	GError *err = NULL;
	DbConn *c = docs_page_conn(req, &err);
	json_t *doc = c ? docs_load(c, u, id, &err) : NULL, *m, *forms, *a;
	Choices ch = {0};
	gboolean author, incoming, open;
	const char *st;
	size_t i;

	if (doc == NULL || !choices_load(c, json_object_get(doc, "actions"), &ch, &err)) {
		json_decref(doc);
		choices_clear(&ch);
		docs_page_fail(req, res, err);
		return;
	}
	doc_model(req, doc);
	/* a receiving unit sees who sent it (来文机关), the office the series it went out in */
	json_object_set_new(
	    doc, "received",
	    json_boolean(!auth_can(u, "work.all") &&
	                 core_word_in(json_string_value(json_object_get(doc, "status")),
	                              "distributed archived")));
	tasks_page_doc(req, c, doc); /* under each 批示: its tasks and the form to assign one */
	incoming = json_is_true(json_object_get(doc, "is_incoming"));
	if (incoming) { /* what a leader sees first: the 文件处理笺 */
		g_autofree char *sheet_href =
		    g_strdup_printf("/documents/%" G_GINT64_FORMAT "/sheet.pdf", id);
		json_object_set_new(doc, "sheet", docs_sheet_model(req, c, doc));
		json_object_set_new(doc, "sheet_href", json_string(sheet_href));
	}
	st = json_string_value(json_object_get(doc, "status"));
	author = json_integer_value(json_object_get(doc, "created_by")) == u->id;
	open = strcmp(json_string_value(json_object_get(doc, "status_class")), "done") &&
	       strcmp(json_string_value(json_object_get(doc, "status_class")), "void");
	forms = json_array();
	json_array_foreach (json_object_get(doc, "actions"), i, a) {
		const char *action = json_string_value(a);
		gboolean mine = failed && strcmp(failed, action) == 0;
		json_t *f = step_form(req, doc, action, &ch, mine, error, field);
		if (strcmp(action, "instruct") == 0)
			instruct_phrases(c, u, doc, f);
		json_array_append_new(forms, f);
	}
	m = docs_page_model(req, N_("Document"), incoming ? "incoming" : "outgoing");
	json_object_set_new(m, "title", json_copy(json_object_get(doc, "title")));
	json_object_set_new(m, "has_forms", json_boolean(json_array_size(forms)));
	json_object_set_new(m, "forms", forms);
	json_object_set_new(
	    m, "can_edit",
	    json_boolean((author || auth_can(u, "work.all")) && auth_can(u, "work.write") &&
	                 (strcmp(st, "draft") == 0 || strcmp(st, "returned") == 0 ||
	                  strcmp(st, "submitted") == 0 || strcmp(st, "registered") == 0 ||
	                  strcmp(st, "checked") == 0)));
	json_object_set_new(
	    m, "can_attach",
	    json_boolean((author || auth_can(u, "work.all")) && auth_can(u, "work.write") && open));
	{
		g_autofree char *base = g_strdup_printf("/documents/%" G_GINT64_FORMAT, id);
		g_autofree char *edit = g_strdup_printf("%s/edit", base);
		g_autofree char *attach = g_strdup_printf("%s/attachments", base);
		g_autofree char *pdf =
		    g_strdup_printf("/api/v1/documents/%" G_GINT64_FORMAT "/pdf", id);
		json_object_set_new(m, "edit_href", json_string(edit));
		json_object_set_new(m, "attach_href", json_string(attach));
		if (!incoming)
			json_object_set_new(m, "pdf_href", json_string(pdf));
		json_object_set_new(m, "list_href",
		                    json_string(incoming ? "/documents?direction=incoming"
		                                         : "/documents?direction=outgoing"));
	}
	site_module_flow(req, c, m, doc, id);
	json_object_set_new(m, "doc", doc);
	if (error) {
		json_object_set_new(m, "error",
		                    json_pack("{s:o}", "message", auth_page_text(error)));
		if (failed && strcmp(failed, "attach") == 0)
			json_object_set_new(m, "attach_error", auth_page_text(error));
	}
	if (status == 200)
		page_flash(req, m);
	choices_clear(&ch);
	http_reply_model(res, status, m, "docs/document");
}

/* GET /documents/{id}: the document with the forms of the steps the user may take now. */
void docs_page_doc(HttpRequest *req, HttpResponse *res)
{
	gint64 id = auth_page_id(req, "id");

	if (id <= 0) {
		http_reply_error(res, 404, "not_found", N_("There is no such document."), NULL);
		return;
	}
	doc_reply(req, res, id, 200, NULL, NULL, NULL);
}

/* ---- POST /documents/{id}/actions/{action}
 * ------------------------------------------------------- */

/* Adds to BODY the JSON array KEY of the names in LIST (borrowed JSON objects with the member
 * NAME_KEY) whose checkbox PREFIX:NAME the request has. */
static void put_checked(HttpRequest *req, json_t *body, const char *key, json_t *list,
                        const char *name_key, const char *prefix)
{
	json_t *out = json_array(), *v;
	size_t i;

	json_array_foreach (list, i, v) {
		const char *name = json_string_value(json_object_get(v, name_key));
		g_autofree char *field = name ? g_strdup_printf("%s:%s", prefix, name) : NULL;
		if (field && http_form(req, field))
			json_array_append_new(out, json_string(name));
	}
	json_object_set_new(body, key, out);
}

/* Adds the form field NAME (trimmed) to BODY when it is not empty. */
static void put_text(HttpRequest *req, json_t *body, const char *name)
{
	g_autofree char *v = site_module_field(req, name);

	if (*v)
		json_object_set_new(body, name, auth_page_text(v));
}

/* The JSON body of step ACTION from the form: opinion and the step's own fields. */
static json_t *step_body(HttpRequest *req, const char *action, const Choices *ch)
{
	json_t *body = json_object();

	put_text(req, body, "opinion");
	if (strcmp(action, "instruct") == 0) {
		put_text(req, body, "requirements");
		if (g_strcmp0(http_form(req, "also_read"), "1") == 0)
			json_object_set_new(body, "also_read", json_true());
	}
	if (strcmp(action, "assign") == 0) {
		put_text(req, body, "unit");
		put_text(req, body, "department");
		put_text(req, body, "deadline");
	}
	if (strcmp(action, "circulate") == 0) {
		put_checked(req, body, "readers", ch->leaders, "username", "reader");
		put_text(req, body, "mode");
	}
	if (strcmp(action, "request_cosign") == 0) {
		put_checked(req, body, "units", ch->units, "code", "cosign_unit");
		put_checked(req, body, "users", ch->leaders, "username", "cosign_user");
	}
	return body;
}

/* POST /documents/{id}/actions/{action} (csrf_token, opinion and the step's fields): takes the
 * step and goes back to the document with a flash; a refusal re-shows the page. */
void docs_page_act(HttpRequest *req, HttpResponse *res)
{
	gint64 id = auth_page_id(req, "id");
	const char *action = http_param(req, "action"), *field = NULL;
	json_t *actions = json_pack("[s]", action ? action : ""), *body;
	Choices ch = {0};
	GError *err = NULL;
	DbConn *c;

	if (id <= 0) {
		json_decref(actions);
		http_reply_error(res, 404, "not_found", N_("There is no such document."), NULL);
		return;
	}
	if ((c = docs_page_conn(req, &err)) == NULL || !choices_load(c, actions, &ch, &err)) {
		json_decref(actions);
		choices_clear(&ch);
		docs_page_fail(req, res, err);
		return;
	}
	body = step_body(req, action, &ch);
	if (docs_op_act(app_db(req), auth_current(req), http_remote_addr(req), id, action, body,
	                &field, &err)) {
		g_autofree char *href =
		    g_strdup_printf("/documents/%" G_GINT64_FORMAT "?done=%s", id, action);
		http_reply_redirect(res, 303, href);
	} else if (!docs_page_refusal(err)) {
		docs_page_fail(req, res, err);
	} else {
		doc_reply(req, res, id, work_error_status(err), action, docs_page_message(req, err),
		          field);
		g_error_free(err);
	}
	json_decref(body);
	json_decref(actions);
	choices_clear(&ch);
}

/* ---- POST /documents/{id}/attachments
 * ------------------------------------------------------------ */

/* POST /documents/{id}/attachments (multipart: csrf_token, file): attaches one file (author or
 * office) and goes back to the document. */
void docs_page_attach(HttpRequest *req, HttpResponse *res)
{
	gint64 id = auth_page_id(req, "id"), aid = 0;
	GPtrArray *ups = http_uploads(req);
	GError *err = NULL;

	if (id <= 0) {
		http_reply_error(res, 404, "not_found", N_("There is no such document."), NULL);
		return;
	}
	if (ups == NULL || ups->len != 1 || ((HttpUpload *)g_ptr_array_index(ups, 0))->size == 0) {
		doc_reply(req, res, id, 422, "attach",
		          http_tr(req, N_("Choose one file to attach.")), "file");
		return;
	}
	if (docs_op_attach(app_db(req), auth_current(req), http_remote_addr(req), id,
	                   g_ptr_array_index(ups, 0), &aid, &err)) {
		g_autofree char *href =
		    g_strdup_printf("/documents/%" G_GINT64_FORMAT "?attached=1#attachments", id);
		http_reply_redirect(res, 303, href);
	} else if (!docs_page_refusal(err)) {
		docs_page_fail(req, res, err);
	} else {
		doc_reply(req, res, id, work_error_status(err), "attach",
		          docs_page_message(req, err), "file");
		g_error_free(err);
	}
}
