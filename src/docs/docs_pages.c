/*
 * docs_pages.c — the document lists (收文 and 发文, GET /documents), the circulation board
 * (GET /documents/board), search (GET /search), the dashboard's documents part, and the
 * helpers every docs page file shares (docs_pages.h). One document's page is in
 * docs_doc_pages.c, the registration, drafting and editing forms in docs_form_pages.c.
 *
 * Each handler reads through docs.h, builds one model and renders templates/docs/<name>.mustache.
 * Every visible word comes from the "t" strings or a msgid translated here; bad input re-shows
 * the page with the message at its field, never a 500.
 */
#define G_LOG_DOMAIN "mishu-docs"

#include "docs/docs_pages.h"
#include "docs/docs_internal.h"
#include "core/core.h"
#include "org/org.h"
#include "work/flow.h"
#include "work/work.h"

#include <stdlib.h>
#include <string.h>

#define LIST_LIMIT   50    /* rows per page of a list */
#define SEARCH_LIMIT 50    /* hits of the search page */
#define LATE_SECONDS 86400 /* the board marks a reader who has held a document longer */

/* ---- vocabulary ------------------------------------------------------------------------- */

/* The states of both workflows with their titles and label classes (待办 blue, 办结 grey …). */
static const struct {
	const char *status, *title, *cls;
} statuses[] = {
    {"registered", N_("Registered"), "todo"},             /* 已登记 */
    {"checked", N_("Checked"), "todo"},                   /* 已初审 */
    {"proposed", N_("Proposed"), "todo"},                 /* 已拟办 */
    {"instructed", N_("Instructed"), "todo"},             /* 已批示 */
    {"assigned", N_("Handed over for handling"), "todo"}, /* 已交办 */
    {"circulating", N_("Circulating"), "todo"},           /* 传阅中 */
    {"circulated", N_("Circulated"), "todo"},             /* 已传阅 */
    {"completed", N_("Completed"), "done"},               /* 办结 */
    {"draft", N_("Draft"), "draft"},                      /* 草稿 */
    {"submitted", N_("Awaiting review"), "todo"},         /* 待核稿 */
    {"reviewed", N_("Awaiting signature"), "todo"},       /* 待签发 */
    {"cosigning", N_("Being cosigned"), "todo"},          /* 会签中 */
    {"cosigned", N_("Cosigned"), "todo"},                 /* 已会签 */
    {"signed", N_("Signed"), "todo"},                     /* 已签发 */
    {"rechecked", N_("Rechecked"), "todo"},               /* 已复核 */
    {"numbered", N_("Numbered"), "todo"},                 /* 已编号 */
    {"printed", N_("Printed"), "todo"},                   /* 已印制 */
    {"distributed", N_("Distributed"), "done"},           /* 已核发 */
    {"returned", N_("Returned"), "returned"},             /* 已退回 */
    {"archived", N_("Archived"), "done"},                 /* 已归档 */
    {"voided", N_("Voided"), "void"},                     /* 已作废 */
};

/* The states each list offers in its status filter, in workflow order. */
static const char *const incoming_states[] = {
    "registered", "checked",   "proposed", "instructed", "assigned", "circulating",
    "circulated", "completed", "returned", "archived",   NULL};
static const char *const outgoing_states[] = {
    "draft",    "submitted", "reviewed",    "cosigning", "cosigned", "signed", "rechecked",
    "numbered", "printed",   "distributed", "returned",  "archived", "voided", NULL};

/* Workflow steps and history actions with their titles. */
static const struct {
	const char *action, *title;
} actions[] = {
    {"register", N_("Register")},                  /* 登记 */
    {"create", N_("Start the draft")},             /* 起草 */
    {"edit", N_("Edit")},                          /* 修改 */
    {"attach", N_("Attach a file")},               /* 上传附件 */
    {"check", N_("Check")},                        /* 初审 */
    {"return", N_("Return")},                      /* 退回 */
    {"propose", N_("Propose")},                    /* 拟办 */
    {"instruct", N_("Instruct")},                  /* 批示 */
    {"assign", N_("Assign for handling")},         /* 交办 */
    {"circulate", N_("Circulate")},                /* 传阅 */
    {"read", N_("Mark as read")},                  /* 阅毕 */
    {"chase", N_("Chase")},                        /* 催办 */
    {"complete", N_("Complete")},                  /* 办结 */
    {"archive", N_("Archive")},                    /* 归档 */
    {"submit", N_("Submit for review")},           /* 送审 */
    {"review", N_("Review")},                      /* 核稿 */
    {"request_cosign", N_("Ask for cosignature")}, /* 发起会签 */
    {"cosign", N_("Cosign")},                      /* 会签 */
    {"sign", N_("Sign")},                          /* 签发 */
    {"recheck", N_("Recheck")},                    /* 复核 */
    {"number", N_("Give the number")},             /* 编号 */
    {"issue", N_("Register as approved")},         /* 按审定稿登记 */
    {"print", N_("Print the copies")},             /* 印制 */
    {"distribute", N_("Distribute")},              /* 核发 */
    {"receive", N_("Sign for receipt")},           /* 签收 */
    {"void", N_("Void")},                          /* 作废 */
};

/* The documents sub-navigation; staff-only entries only for work.all. */
static const SiteSubnav subnav[] = {
    {"/documents?direction=incoming", N_("Incoming"), "incoming", FALSE}, /* 收文 */
    {"/documents?direction=outgoing", N_("Outgoing"), "outgoing", FALSE}, /* 发文 */
    {"/documents/board", N_("Circulation board"), "board", TRUE},         /* 传阅看板 */
    {"/search", N_("Search"), "search", FALSE},                           /* 搜索 */
};

/* The title of STATUS. */
const char *docs_page_status_title(HttpRequest *req, const char *status)
{
	for (gsize i = 0; status && i < G_N_ELEMENTS(statuses); i++)
		if (strcmp(status, statuses[i].status) == 0)
			return http_tr(req, statuses[i].title);
	return status ? status : "";
}

/* The label class of STATUS ("todo" when unknown). */
static const char *status_class(const char *status)
{
	for (gsize i = 0; status && i < G_N_ELEMENTS(statuses); i++)
		if (strcmp(status, statuses[i].status) == 0)
			return statuses[i].cls;
	return "todo";
}

/* The title of a step or history action. */
const char *docs_page_action_title(HttpRequest *req, const char *action)
{
	for (gsize i = 0; action && i < G_N_ELEMENTS(actions); i++)
		if (strcmp(action, actions[i].action) == 0)
			return http_tr(req, actions[i].title);
	return action ? action : "";
}

/* ---- shared helpers (docs_pages.h) ----------------------------------------------------------- */

/* How the documents pages answer their errors (site_module.h). */
static const SiteModuleErrors page_errors = {
    .name = "docs",
    .log_domain = G_LOG_DOMAIN,
    .domain = work_error_quark,
    .db_code = WORK_ERROR_DB,
    .conflict_code = WORK_ERROR_CONFLICT,
    .not_found_code = WORK_ERROR_NOT_FOUND,
    .status = work_error_status,
    .code = work_error_code,
};

json_t *docs_page_model(HttpRequest *req, const char *title_msgid, const char *section)
{
	return site_module_model(req, title_msgid, subnav, G_N_ELEMENTS(subnav), section);
}

DbConn *docs_page_conn(HttpRequest *req, GError **err)
{
	return site_module_conn(req, &page_errors, err);
}

gboolean docs_page_refusal(const GError *err)
{
	return site_module_refusal(&page_errors, err);
}

const char *docs_page_message(HttpRequest *req, const GError *err)
{
	return site_module_message(req, &page_errors, err);
}

void docs_page_fail(HttpRequest *req, HttpResponse *res, GError *err)
{
	site_module_fail(req, res, &page_errors, err);
}

/* "15 分钟", "3 小时", "2 天". */
char *docs_page_duration(HttpRequest *req, gint64 seconds)
{
	if (seconds < 3600)
		return g_strdup_printf(site_tr_fmt(req, N_("%d min")), (int)MAX(seconds / 60, 1));
	if (seconds < 86400)
		return g_strdup_printf(site_tr_fmt(req, N_("%d h")), (int)(seconds / 3600));
	return g_strdup_printf(site_tr_fmt(req, N_("%d d")), (int)MIN(seconds / 86400, 99999));
}

/* Days from date A to date B ('YYYY-MM-DD' both); 0 when either is not a date. */
static int days_between(const char *a, const char *b)
{
	GDate da, db;

	if (!core_date_parse(a, &da) || !core_date_parse(b, &db))
		return 0;
	return g_date_days_between(&da, &db);
}

/* The string member A of ROW, else B, else FALLBACK. Borrowed. */
static const char *first_text(json_t *row, const char *a, const char *b, const char *fallback)
{
	const char *v = json_string_value(json_object_get(row, a));

	if (v == NULL)
		v = json_string_value(json_object_get(row, b));
	return v ? v : fallback;
}

/* The fields every page shows of a document row. */
void docs_page_row(HttpRequest *req, json_t *row, const char *today)
{
	const char *status = json_string_value(json_object_get(row, "status"));
	const char *cls = status_class(status);
	const char *number = json_string_value(json_object_get(row, "number"));
	const char *reg = json_string_value(json_object_get(row, "reg_number"));
	const char *urgency = json_string_value(json_object_get(row, "urgency"));
	const char *secrecy = json_string_value(json_object_get(row, "secrecy"));
	const char *deadline = json_string_value(json_object_get(row, "deadline"));
	gboolean open =
	    strcmp(cls, "todo") == 0 || strcmp(cls, "draft") == 0 || strcmp(cls, "returned") == 0;
	g_autofree char *href = g_strdup_printf("/documents/%" JSON_INTEGER_FORMAT,
	                                        json_integer_value(json_object_get(row, "id")));
	g_autofree char *updated = auth_page_time(
	    json_integer_value(json_object_get(row, "updated_at")), "%Y-%m-%d %H:%M");
	int late = deadline ? days_between(deadline, today) : 0;

	json_object_set_new(row, "href", json_string(href));
	json_object_set_new(row, "status_label", json_string(docs_page_status_title(req, status)));
	json_object_set_new(row, "status_class", json_string(cls));
	json_object_set_new(row, "number_text", auth_page_text(number ? number : reg));
	json_object_set_new(
	    row, "is_incoming",
	    json_boolean(
	        g_strcmp0(json_string_value(json_object_get(row, "direction")), "incoming") == 0));
	json_object_set_new(row, "updated_text", auth_page_text(updated));
	if (json_integer_value(json_object_get(row, "made_from"))) {
		/* made from another item's approved text (a meeting's 纪要): the way back to it */
		g_autofree char *from =
		    work_item_href(json_string_value(json_object_get(row, "made_from_kind")),
		                   json_integer_value(json_object_get(row, "made_from")));
		json_object_set_new(row, "made_from_href", auth_page_text(from));
	}
	/* what an inbox shows of a document distributed to the unit: the body that issued it
	 * (the series' issuer_name, 中共江城市委办公室), its signing */
	json_object_set_new(row, "sender_text",
	                    auth_page_text(first_text(row, "sender", "issuer_name", NULL)));
	json_object_set_new(row, "date_text",
	                    auth_page_text(first_text(row, "received_on", "signed_on", updated)));
	if (g_strcmp0(urgency, "very_urgent") == 0)
		json_object_set_new(row, "urgency_label",
		                    json_string(http_tr(req, N_("Very urgent")))); /* 特急 */
	else if (g_strcmp0(urgency, "urgent") == 0)
		json_object_set_new(row, "urgency_label",
		                    json_string(http_tr(req, N_("Urgent")))); /* 加急 */
	if (g_strcmp0(secrecy, "public") == 0)
		json_object_set_new(row, "secrecy_label",
		                    json_string(http_tr(req, N_("Public")))); /* 公开 */
	else if (g_strcmp0(secrecy, "internal") == 0 || g_strcmp0(secrecy, "none") == 0)
		json_object_set_new(row, "secrecy_label",
		                    json_string(http_tr(req, N_("Internal")))); /* 内部 */
	/* an open document past its deadline: 逾期 (amber), more than a week: 严重逾期 (red) */
	if (open && late > 0) {
		json_object_set_new(
		    row, "deadline_label",
		    json_string(http_tr(req, late > 7 ? N_("Seriously overdue") : N_("Overdue"))));
		json_object_set_new(row, "deadline_class",
		                    json_string(late > 7 ? "severe" : "overdue"));
	}
}

/* Options for a <select> of the 15 document types. */
json_t *docs_page_type_options(const char *selected)
{
	json_t *out = json_array();

	for (gsize i = 0; docs_types[i]; i++)
		json_array_append_new(out, json_pack("{s:s, s:s, s:b}", "value", docs_types[i],
		                                     "label", docs_types[i], "selected",
		                                     g_strcmp0(docs_types[i], selected) == 0));
	return out;
}

/* ---- search ------------------------------------------------------------------------------- */

/* GET /search?q=: the search form and the hits with their snippets, the matching words
 * marked; each document links to its page. */
void docs_page_search_page(HttpRequest *req, HttpResponse *res)
{
	const char *q = http_query(req, "q");
	AuthUser *u = auth_current(req);
	json_t *m = docs_page_model(req, N_("Full-text search"), "search"), *hits, *h;
	GError *err = NULL;
	DbConn *c;
	size_t i;

	json_object_set_new(m, "q", auth_page_text(q));
	if (q == NULL || *q == '\0') {
		http_reply_model(res, 200, m, "docs/search");
		return;
	}
	if (g_utf8_strlen(q, -1) > 100) {
		site_module_set_error(
		    m, http_tr(req, N_("The search text cannot be longer than 100 characters.")),
		    "q");
		http_reply_model(res, 422, m, "docs/search");
		return;
	}
	if ((c = docs_page_conn(req, &err)) == NULL ||
	    (hits = docs_search(c, u, q, SEARCH_LIMIT, &err)) == NULL) {
		json_decref(m);
		docs_page_fail(req, res, err);
		return;
	}
	json_array_foreach (hits, i, h) {
		const char *dir = json_string_value(json_object_get(h, "direction"));
		const char *number = json_string_value(json_object_get(h, "number"));
		const char *reg = json_string_value(json_object_get(h, "reg_number"));
		const char *kind = json_string_value(json_object_get(h, "kind"));
		const char *status = json_string_value(json_object_get(h, "status"));
		gint64 instr = json_integer_value(json_object_get(h, "instruction_id"));
		g_autofree char *href =
		    instr ? g_strdup_printf("/instructions/%" G_GINT64_FORMAT "/tasks", instr)
		          : work_item_href(dir ? dir : kind,
		                           json_integer_value(json_object_get(h, "item_id")));

		json_object_set_new(h, "href", href ? json_string(href) : json_null());
		json_object_set_new(
		    h, "kind_label",
		    json_string(work_item_kind_label(c, dir ? dir : kind, http_lang(req))));
		json_object_set_new(h, "number_text", auth_page_text(number ? number : reg));
		json_object_set_new(
		    h, "has_snippet",
		    json_boolean(json_array_size(json_object_get(h, "snippet")) > 0));
		json_object_set_new(
		    h, "status_label",
		    json_string(dir ? docs_page_status_title(req, status)
		                    : work_item_status_label(c, kind, status, http_lang(req))));
		json_object_set_new(
		    h, "status_class",
		    json_string(status_class(json_string_value(json_object_get(h, "status")))));
	}
	json_object_set_new(m, "searched", json_true());
	json_object_set_new(m, "hit_count", json_integer((json_int_t)json_array_size(hits)));
	json_object_set_new(m, "hits", hits);
	http_reply_model(res, 200, m, "docs/search");
}

/* ---- GET /documents ---------------------------------------------------------------------- */

/* "/documents?direction=…&status=…&domain=…&doc_type=…&q=…&mine=1&open=1[&cursor=N]" for the filter
 * F (keys as the query's). g_free. */
static char *list_href(json_t *f, gint64 cursor)
{
	static const char *const keys[] = {"direction", "status", "domain", "doc_type", "q"};
	GString *s = g_string_new("/documents?");

	for (gsize k = 0; k < G_N_ELEMENTS(keys); k++) {
		const char *v = json_string_value(json_object_get(f, keys[k]));
		if (v && *v) {
			g_autofree char *esc = g_uri_escape_string(v, NULL, FALSE);
			g_string_append_printf(s, "%s%s=%s", s->str[s->len - 1] == '?' ? "" : "&",
			                       keys[k], esc);
		}
	}
	if (json_is_true(json_object_get(f, "mine")))
		g_string_append(s, "&mine=1");
	if (json_is_true(json_object_get(f, "open")))
		g_string_append(s, "&open=1");
	if (cursor > 0)
		g_string_append_printf(s, "&cursor=%" G_GINT64_FORMAT, cursor);
	return g_string_free(s, FALSE);
}

/* Options of the status filter for the list of DIRECTION. */
static json_t *status_options(HttpRequest *req, gboolean incoming, const char *selected)
{
	const char *const *list = incoming ? incoming_states : outgoing_states;
	json_t *out = json_array();

	for (gsize i = 0; list[i]; i++)
		json_array_append_new(out,
		                      json_pack("{s:s, s:s, s:b}", "value", list[i], "label",
		                                docs_page_status_title(req, list[i]), "selected",
		                                g_strcmp0(list[i], selected) == 0));
	return out;
}

/* GET /documents?direction=incoming|outgoing&status=&domain=&doc_type=&q=&mine=1&open=1&cursor=:
 * the inbox (收文) or the outgoing list (发文), newest first, 50 a page. */
void docs_page_list(HttpRequest *req, HttpResponse *res)
{
	const AuthUser *u = auth_current(req);
	const char *dir = http_query(req, "direction"), *cursor = http_query(req, "cursor");
	gboolean incoming;
	g_autofree char *today = core_today();
	DocsFilter f = {.limit = LIST_LIMIT};
	const char *error = NULL, *field = NULL;
	json_t *m, *rows = NULL, *domains = NULL, *filter, *r;
	GError *err = NULL;
	DbConn *c;
	size_t i, n;

	/* everyone starts with the inbox (a unit's inbox holds what was distributed to it) */
	if (g_strcmp0(dir, "incoming") && g_strcmp0(dir, "outgoing"))
		dir = "incoming";
	incoming = strcmp(dir, "incoming") == 0;
	f.direction = dir;
	f.status = http_query(req, "status") && *http_query(req, "status")
	               ? http_query(req, "status")
	               : NULL;
	f.domain = http_query(req, "domain") && *http_query(req, "domain")
	               ? http_query(req, "domain")
	               : NULL;
	f.doc_type = http_query(req, "doc_type") && *http_query(req, "doc_type")
	                 ? http_query(req, "doc_type")
	                 : NULL;
	f.q = http_query(req, "q") && *http_query(req, "q") ? http_query(req, "q") : NULL;
	f.mine = g_strcmp0(http_query(req, "mine"), "1") == 0;
	f.open = g_strcmp0(http_query(req, "open"), "1") == 0;
	if (f.q && g_utf8_strlen(f.q, -1) > 100) {
		error = N_("The search text cannot be longer than 100 characters.");
		field = "q";
	} else if (cursor && *cursor && (f.before = auth_page_number(cursor)) <= 0) {
		error = N_("The page link is not valid: start again from the first page.");
	}
	if ((c = docs_page_conn(req, &err)) == NULL || (domains = org_domains(c, &err)) == NULL ||
	    (error == NULL && (rows = docs_list(c, u, &f, &err)) == NULL)) {
		json_decref(domains);
		docs_page_fail(req, res, err);
		return;
	}
	if (rows == NULL)
		rows = json_array();
	json_array_foreach (rows, i, r)
		docs_page_row(req, r, today);
	m = docs_page_model(req, incoming ? N_("Incoming documents") : N_("Outgoing documents"),
	                    dir);
	filter = json_pack("{s:s, s:o, s:o, s:o, s:o, s:b, s:b}", "direction", dir, "status",
	                   auth_page_text(f.status), "domain", auth_page_text(f.domain), "doc_type",
	                   auth_page_text(f.doc_type), "q", auth_page_text(f.q), "mine", f.mine,
	                   "open", f.open);
	n = json_array_size(rows);
	if (n == LIST_LIMIT) {
		g_autofree char *next = list_href(
		    filter, json_integer_value(json_object_get(json_array_get(rows, n - 1), "id")));
		json_object_set_new(m, "next_href", json_string(next));
	}
	if (f.before > 0) {
		g_autofree char *first = list_href(filter, 0);
		json_object_set_new(m, "first_href", json_string(first));
	}
	json_object_set_new(m, "list_incoming", json_boolean(incoming));
	json_object_set_new(m, "status_options", status_options(req, incoming, f.status));
	json_object_set_new(m, "domain_options", site_module_domain_options(domains, f.domain));
	json_object_set_new(m, "type_options", docs_page_type_options(f.doc_type));
	json_object_set_new(
	    m, "filtering",
	    json_boolean(f.status || f.domain || f.doc_type || f.q || f.mine || f.open));
	json_object_set_new(m, "filter", filter);
	json_object_set_new(m, "can_register", json_boolean(u && auth_can(u, "work.all")));
	json_object_set_new(m, "can_draft", json_boolean(u && auth_can(u, "work.write")));
	json_object_set_new(m, "row_count", json_integer((json_int_t)n));
	json_object_set_new(m, "has_rows", json_boolean(n > 0));
	json_object_set_new(m, "rows", rows);
	if (error)
		site_module_set_error(m, http_tr(req, error), field);
	json_decref(domains);
	http_reply_model(res, error ? 422 : 200, m, "docs/list");
}

/* ---- GET /documents/board ------------------------------------------------------------------ */

/* GET /documents/board: every document in circulation with the reader who holds it, since
 * when and how many have read it; the longest held first, amber when held over a day. */
void docs_page_board(HttpRequest *req, HttpResponse *res)
{
	gint64 now = core_now();
	GError *err = NULL;
	DbConn *c = docs_page_conn(req, &err);
	json_t *rows = c ? docs_board(c, &err) : NULL, *m, *r;
	size_t i, late = 0;

	if (rows == NULL) {
		docs_page_fail(req, res, err);
		return;
	}
	json_array_foreach (rows, i, r) {
		gint64 sent = json_integer_value(json_object_get(r, "sent_at"));
		const char *number = json_string_value(json_object_get(r, "number"));
		g_autofree char *href =
		    g_strdup_printf("/documents/%" JSON_INTEGER_FORMAT,
		                    json_integer_value(json_object_get(r, "id")));
		g_autofree char *since = auth_page_time(sent, "%Y-%m-%d %H:%M");
		g_autofree char *held = docs_page_duration(req, now - sent);
		g_autofree char *iso = auth_page_time(sent, "%Y-%m-%dT%H:%M:%S%:z");
		g_autofree char *reads =
		    g_strdup_printf("%" JSON_INTEGER_FORMAT "/%" JSON_INTEGER_FORMAT,
		                    json_integer_value(json_object_get(r, "read_count")),
		                    json_integer_value(json_object_get(r, "reader_count")));
		gboolean is_late = now - sent > LATE_SECONDS;

		late += is_late;
		json_object_set_new(r, "href", json_string(href));
		json_object_set_new(
		    r, "number_text",
		    auth_page_text(number ? number
		                          : json_string_value(json_object_get(r, "reg_number"))));
		json_object_set_new(r, "since_text", auth_page_text(since));
		json_object_set_new(r, "since_iso", auth_page_text(iso));
		json_object_set_new(r, "held_text", json_string(held));
		json_object_set_new(r, "reads_text", json_string(reads));
		json_object_set_new(r, "late", json_boolean(is_late));
		json_object_set_new(
		    r, "mode_label",
		    json_string(http_tr(
		        req, g_strcmp0(json_string_value(json_object_get(r, "circulation_mode")),
		                       "parallel") == 0
		                 ? N_("All at once")
		                 : N_("In order"))));
	}
	m = docs_page_model(req, N_("Circulation board"), "board");
	json_object_set_new(m, "row_count", json_integer((json_int_t)json_array_size(rows)));
	json_object_set_new(m, "late_count", json_integer((json_int_t)late));
	json_object_set_new(m, "has_rows", json_boolean(json_array_size(rows) > 0));
	json_object_set_new(m, "rows", rows);
	http_reply_model(res, 200, m, "docs/board");
}

/* ---- the dashboard ----------------------------------------------------------------------------
 */

/* The documents' counters of the dashboard, for the office: the whole office's incoming and
 * outgoing documents still in hand and those in circulation, each linking to the list of
 * exactly those. (What waits for the user's own step is in the personal inbox.) */
void docs_page_home(HttpRequest *req, json_t *m)
{
	const AuthUser *u = auth_current(req);
	GError *err = NULL;
	DbConn *c;
	json_t *counts = NULL;

	if (u == NULL || !auth_can(u, "work.all"))
		return;
	if ((c = docs_page_conn(req, &err)) == NULL ||
	    (counts = docs_counters(c, u, &err)) == NULL) {
		g_warning("dashboard: %s", err ? err->message : "unknown error");
		g_clear_error(&err);
		return;
	}
	json_object_set_new(
	    m, "docs_counters",
	    json_pack("[{s:s, s:s, s:O, s:s}, {s:s, s:s, s:O, s:s}, {s:s, s:s, s:O, s:s}]", "key",
	              "incoming_open", "label", http_tr(req, N_("Incoming in hand")), "count",
	              json_object_get(counts, "incoming_open"), "href",
	              "/documents?direction=incoming&open=1", /* 在办收文 */
	              "key", "outgoing_open", "label", http_tr(req, N_("Outgoing in progress")),
	              "count", json_object_get(counts, "outgoing_open"), "href",
	              "/documents?direction=outgoing&open=1", /* 在办发文 */
	              "key", "circulating", "label", http_tr(req, N_("In circulation")), "count",
	              json_object_get(counts, "circulating"), "href",
	              "/documents?direction=incoming&status=circulating"));
	json_object_set_new(m, "has_docs_counters", json_true());
	json_decref(counts);
}
