/*
 * docs_form_pages.c — the forms that create and change documents: registering an incoming
 * document (收文登记, office staff) and drafting an outgoing one (拟稿), GET /documents/new and
 * POST /documents (docs_op_create); editing a draft or a registration not yet proposed,
 * GET /documents/{id}/edit and POST /documents/{id} (docs_op_update).
 *
 * A refusal re-shows the form with what was typed and the message at its field (422; a
 * classified marking is refused at the secrecy field); a success goes to the document (303).
 * The page takes several units by checkboxes named main_to:CODE and cc_to:CODE (the form parser
 * keeps one value per field name, so a <select multiple> would lose all but the last).
 */
#define G_LOG_DOMAIN "mishu-docs"

#include "docs/docs_pages.h"
#include "docs/docs_internal.h"
#include "core/core.h"
#include "org/org.h"

#include <string.h>

/* A code and the msgid of its title. */
typedef struct {
	const char *code, *title;
} CodeTitle;

/* The secrecy markings offered, the three classified ones included: the platform refuses them
 * with a clear message unless it runs on a classified network. */
static const CodeTitle secrecy[] = {
    {"public", N_("Public")},             /* 公开 */
    {"internal", N_("Internal")},         /* 内部 */
    {"secret", N_("Secret")},             /* 秘密 */
    {"confidential", N_("Confidential")}, /* 机密 */
    {"top_secret", N_("Top secret")},     /* 绝密 */
};

/* The urgency markings (紧急程度). */
static const CodeTitle urgency[] = {
    {"none", N_("Not urgent")},         /* 一般 */
    {"urgent", N_("Urgent")},           /* 加急 */
    {"very_urgent", N_("Very urgent")}, /* 特急 */
};

/* The disclosure markings of an outgoing document (公开属性). */
static const CodeTitle disclosure[] = {
    {"none", N_("Not to be made public")}, /* 不予公开 */
    {"public", N_("To be made public")},   /* 主动公开 */
    {"on_request", N_("On request")},      /* 依申请公开 */
};

/* <select> options {value, label, selected} of the N rows of TABLE, SELECTED chosen. */
static json_t *code_options(HttpRequest *req, const CodeTitle *table, gsize n, const char *selected)
{
	json_t *out = json_array();

	for (gsize i = 0; i < n; i++)
		json_array_append_new(out,
		                      json_pack("{s:s, s:s, s:b}", "value", table[i].code, "label",
		                                http_tr(req, table[i].title), "selected",
		                                g_strcmp0(table[i].code, selected) == 0));
	return out;
}

/* code_options over a whole table. */
#define CODE_OPTIONS(req, table, selected)                                                         \
	code_options((req), (table), G_N_ELEMENTS(table), (selected))

/* What 主送 and 抄送 choose from: the directory of bodies outside the city and of groups, then
 * the local units on TODAY (org_units), each with "code", "name", "kind" and "active". */
static json_t *recipient_choices(DbConn *c, const char *today, GError **err)
{
	json_t *out = org_recipients(c, err), *units, *u;
	size_t i;

	if (out == NULL)
		return NULL;
	json_array_foreach (out, i, u)
		json_object_set_new(u, "active", json_integer(1));
	if ((units = org_units(c, NULL, NULL, today, err)) == NULL) {
		json_decref(out);
		return NULL;
	}
	json_array_extend(out, units);
	json_decref(units);
	return out;
}

/* The msgid of the title of a kind of recipient: of the directory, else of a unit. */
static const char *choice_kind_title(const char *kind)
{
	if (g_strcmp0(kind, "higher") == 0)
		return N_("Higher bodies"); /* 上级机关 */
	if (g_strcmp0(kind, "peer") == 0)
		return N_("Bodies of other cities"); /* 外地机关 */
	if (g_strcmp0(kind, "group") == 0)
		return N_("Groups of units"); /* 成组单位 */
	return org_unit_kind_title(kind);
}

/* The names in free text of TEXT: one per line or separated by "、" (but within brackets, as
 * in 各县（市、区）委), trimmed, the empty ones left out; as [{"name"}] appended to OUT. */
static void other_names(const char *text, json_t *out)
{
	GString *cur = g_string_new(NULL);
	int depth = 0;

	for (const char *p = text;; p = g_utf8_next_char(p)) {
		gunichar ch = g_utf8_get_char(p);
		if (ch == 0xff08 || ch == '(')
			depth++;
		else if ((ch == 0xff09 || ch == ')') && depth > 0)
			depth--;
		if (ch == 0 || ch == '\n' || ch == '\r' || (ch == 0x3001 && depth == 0)) {
			g_autofree char *name = g_strstrip(g_strdup(cur->str));
			char *n = name;
			while (g_utf8_get_char(n) == 0x3000)
				n = g_utf8_next_char(n);
			if (*n)
				json_array_append_new(out, json_pack("{s:s}", "name", n));
			g_string_truncate(cur, 0);
			if (ch == 0)
				break;
			continue;
		}
		g_string_append_unichar(cur, ch);
	}
	g_string_free(cur, TRUE);
}

/* The names in free text among the recipients LIST (docs_load's shape), one per line. g_free. */
static char *other_text(json_t *list)
{
	GString *s = g_string_new(NULL);
	json_t *r;
	size_t i;

	json_array_foreach (list, i, r)
		if (g_strcmp0(json_string_value(json_object_get(r, "kind")), "text") == 0)
			g_string_append_printf(s, "%s%s", s->len ? "\n" : "",
			                       json_string_value(json_object_get(r, "name")));
	return g_string_free(s, FALSE);
}

/* The units grouped by kind as checkboxes named PREFIX:CODE: [{label, units: [{name, id,
 * label, checked}]}], checked when the request has them (TYPED) or their code is in CHOSEN
 * (a JSON array of {code}). UNITS is org_units' list (borrowed). */
static json_t *unit_checks(HttpRequest *req, json_t *units, const char *prefix, gboolean typed,
                           json_t *chosen)
{
	json_t *out = json_array(), *group = NULL, *u, *v;
	const char *kind = NULL;
	size_t i, j;

	json_array_foreach (units, i, u) {
		const char *code = json_string_value(json_object_get(u, "code"));
		const char *k = json_string_value(json_object_get(u, "kind"));
		g_autofree char *name = g_strdup_printf("%s:%s", prefix, code);
		g_autofree char *id = g_strdup_printf("%s-%s", prefix, code);
		gboolean checked = FALSE;

		if (typed)
			checked = http_form(req, name) != NULL;
		else
			json_array_foreach (chosen, j, v)
				checked = checked ||
				          g_strcmp0(json_string_value(json_object_get(v, "code")),
				                    code) == 0;
		if (!json_integer_value(json_object_get(u, "active")) && !checked)
			continue;
		if (group == NULL || g_strcmp0(k, kind)) {
			kind = k;
			group = json_pack("{s:s, s:[]}", "label",
			                  http_tr(req, choice_kind_title(k)), "units");
			json_array_append_new(out, group);
		}
		json_array_append_new(json_object_get(group, "units"),
		                      json_pack("{s:s, s:s, s:O?, s:b}", "name", name, "id", id,
		                                "label", json_object_get(u, "name"), "checked",
		                                checked));
	}
	return out;
}

/* The values the form shows: from the request when TYPED, else from DOC (docs_load's shape;
 * NULL for a new one, then the defaults). */
static json_t *form_values(HttpRequest *req, json_t *doc, gboolean typed)
{
	static const char *const texts[] = {
	    "doc_type", "title",         "domain", "secrecy",     "urgency", "deadline",  "body",
	    "sender",   "sender_number", "copies", "received_on", "series",  "disclosure"};
	/* the form's names of docs_load's members where they differ */
	static const char *const from_doc[] = {
	    "doc_type",    "title",  "domain_code", "secrecy",       "urgency",
	    "deadline",    "body",   "sender",      "sender_number", "copies",
	    "received_on", "series", "disclosure"};
	json_t *v = json_object();

	for (gsize k = 0; k < G_N_ELEMENTS(texts); k++) {
		json_t *d = json_object_get(doc, from_doc[k]);
		if (typed)
			json_object_set_new(v, texts[k], auth_page_text(http_form(req, texts[k])));
		else if (json_is_integer(d)) {
			g_autofree char *n =
			    g_strdup_printf("%" JSON_INTEGER_FORMAT, json_integer_value(d));
			json_object_set_new(v, texts[k], json_string(n));
		} else
			json_object_set_new(v, texts[k], auth_page_text(json_string_value(d)));
	}
	json_object_set_new(
	    v, "origin_higher",
	    json_boolean(typed ? http_form(req, "origin") != NULL
	                       : g_strcmp0(json_string_value(json_object_get(doc, "origin")),
	                                   "higher") == 0));
	for (const char **k = (const char *[]){"main_to", "cc_to", NULL}; *k; k++) {
		g_autofree char *name = g_strconcat(*k, "_other", NULL);
		g_autofree char *text =
		    typed ? g_strdup(http_form(req, name)) : other_text(json_object_get(doc, *k));
		json_object_set_new(v, name, json_string(text ? text : ""));
	}
	if (doc == NULL && !typed) {
		g_autofree char *today = core_today();
		json_object_set_new(v, "secrecy", json_string("internal"));
		json_object_set_new(v, "urgency", json_string("none"));
		json_object_set_new(v, "disclosure", json_string("none"));
		json_object_set_new(v, "copies", json_string("1"));
		json_object_set_new(v, "received_on", json_string(today));
	}
	return v;
}

/*
 * Renders the form for DIRECTION with STATUS: a new document (DOC NULL) or the edit of DOC
 * (docs_load's shape, borrowed). TYPED: re-shown with the request's values and ERROR
 * (translated) at FIELD.
 */
static void form_reply(HttpRequest *req, HttpResponse *res, int status, const char *direction,
                       json_t *doc, gboolean typed, const char *error, const char *field)
{
	gboolean incoming = strcmp(direction, "incoming") == 0;
	g_autofree char *today = core_today();
	GError *err = NULL;
	DbConn *c = docs_page_conn(req, &err);
	json_t *domains = c ? org_domains(c, &err) : NULL;
	json_t *units = domains && !incoming ? recipient_choices(c, today, &err) : NULL;
	json_t *series = domains && (incoming || units)
	                     ? docs_rows(c, &err,
	                                 "SELECT prefix, name FROM doc_series WHERE active = 1 "
	                                 "ORDER BY position, id",
	                                 NULL)
	                     : NULL;
	json_t *m, *values, *opts, *s;
	size_t i;

	if (series == NULL) {
		json_decref(domains);
		json_decref(units);
		docs_page_fail(req, res, err);
		return;
	}
	if (doc)
		docs_page_row(req, doc, today);
	values = form_values(req, doc, typed);
	m = docs_page_model(req,
	                    doc        ? N_("Edit the document")
	                    : incoming ? N_("Register an incoming document")
	                               : N_("Draft an outgoing document"),
	                    direction);
	json_object_set_new(m, "is_incoming", json_boolean(incoming));
	json_object_set_new(m, "direction", json_string(direction));
	json_object_set_new(m, "editing", json_boolean(doc != NULL));
	if (doc) {
		g_autofree char *action =
		    g_strdup_printf("/documents/%" JSON_INTEGER_FORMAT,
		                    json_integer_value(json_object_get(doc, "id")));
		json_object_set_new(m, "action", json_string(action));
		json_object_set_new(m, "cancel_href", json_string(action));
		json_object_set_new(m, "doc", json_incref(doc));
	} else {
		json_object_set_new(m, "action", json_string("/documents"));
		json_object_set_new(m, "cancel_href",
		                    json_string(incoming ? "/documents?direction=incoming"
		                                         : "/documents?direction=outgoing"));
	}
	json_object_set_new(
	    m, "type_options",
	    docs_page_type_options(json_string_value(json_object_get(values, "doc_type"))));
	json_object_set_new(m, "domain_options",
	                    site_module_domain_options(
	                        domains, json_string_value(json_object_get(values, "domain"))));
	json_object_set_new(
	    m, "secrecy_options",
	    CODE_OPTIONS(req, secrecy, json_string_value(json_object_get(values, "secrecy"))));
	json_object_set_new(
	    m, "urgency_options",
	    CODE_OPTIONS(req, urgency, json_string_value(json_object_get(values, "urgency"))));
	json_object_set_new(m, "disclosure_options",
	                    CODE_OPTIONS(req, disclosure,
	                                 json_string_value(json_object_get(values, "disclosure"))));
	opts = json_array();
	json_array_foreach (series, i, s) {
		const char *prefix = json_string_value(json_object_get(s, "prefix"));
		g_autofree char *label = g_strdup_printf(
		    "%s（%s）", prefix, json_string_value(json_object_get(s, "name")));
		json_array_append_new(
		    opts, json_pack("{s:s, s:s, s:b}", "value", prefix, "label", label, "selected",
		                    g_strcmp0(prefix, json_string_value(json_object_get(
		                                          values, "series"))) == 0));
	}
	json_object_set_new(m, "series_options", opts);
	if (!incoming) {
		json_object_set_new(
		    m, "main_to_groups",
		    unit_checks(req, units, "main_to", typed, json_object_get(doc, "main_to")));
		json_object_set_new(
		    m, "cc_to_groups",
		    unit_checks(req, units, "cc_to", typed, json_object_get(doc, "cc_to")));
	}
	json_object_set_new(m, "values", values);
	if (error)
		site_module_set_error(m, error, field);
	json_decref(series);
	json_decref(units);
	json_decref(domains);
	http_reply_model(res, status, m, "docs/form");
}

/* The direction ?direction= asks for: the given one, else incoming for the office and outgoing
 * for everyone else. */
static const char *new_direction(HttpRequest *req)
{
	const char *dir = http_query(req, "direction");

	if (g_strcmp0(dir, "incoming") == 0 || g_strcmp0(dir, "outgoing") == 0)
		return dir;
	return auth_can(auth_current(req), "work.all") ? "incoming" : "outgoing";
}

/* GET /documents/new?direction=incoming|outgoing: the registration form (office staff only) or
 * the drafting form. */
void docs_page_new(HttpRequest *req, HttpResponse *res)
{
	const char *dir = new_direction(req);

	if (strcmp(dir, "incoming") == 0 && !auth_can(auth_current(req), "work.all")) {
		http_reply_error(res, 403, "forbidden",
		                 N_("Only the office registers incoming documents."), NULL);
		return;
	}
	form_reply(req, res, 200, dir, NULL, FALSE, NULL, NULL);
}

/* Adds to OBJ the array KEY of the codes of UNITS whose checkbox KEY:CODE the request has, then
 * the bodies named in the text area KEY_other (other_names). */
static void put_units(HttpRequest *req, json_t *obj, const char *key, json_t *units)
{
	json_t *out = json_array(), *u;
	size_t i;

	json_array_foreach (units, i, u) {
		const char *code = json_string_value(json_object_get(u, "code"));
		g_autofree char *name = g_strdup_printf("%s:%s", key, code);
		if (http_form(req, name))
			json_array_append_new(out, json_string(code));
	}
	{
		g_autofree char *other = g_strconcat(key, "_other", NULL);
		const char *text = http_form(req, other);
		other_names(text ? text : "", out);
	}
	json_object_set_new(obj, key, out);
}

json_t *docs_recipient_picker(HttpRequest *req, DbConn *c, const char *prefix, GError **err)
{
	g_autofree char *today = core_today();
	g_autoptr(json_t) units = recipient_choices(c, today, err);

	return units ? unit_checks(req, units, prefix, FALSE, NULL) : NULL;
}

json_t *docs_recipients_chosen(HttpRequest *req, DbConn *c, const char *prefix, GError **err)
{
	g_autofree char *today = core_today();
	g_autoptr(json_t) units = recipient_choices(c, today, err);
	g_autoptr(json_t) obj = json_object();

	if (units == NULL)
		return NULL;
	put_units(req, obj, prefix, units);
	return json_incref(json_object_get(obj, prefix));
}

/* Adds the form field NAME (trimmed; a text area's line ends made "\n") to OBJ; when OPTIONAL,
 * only if it is not empty. */
static void put_field(HttpRequest *req, json_t *obj, const char *name, gboolean optional)
{
	g_autofree char *v = site_module_field(req, name);
	g_auto(GStrv) lines = NULL;
	g_autofree char *joined = NULL;

	if (optional && *v == '\0')
		return;
	lines = g_strsplit(v, "\r\n", 0);
	joined = g_strjoinv("\n", lines);
	json_object_set_new(obj, name, auth_page_text(joined));
}

/*
 * The fields of the form as docs_create / docs_update take them, for DIRECTION; CREATING adds
 * the direction and, for an incoming document, its registration. UNITS (org_units, outgoing
 * only) lists the recipients' checkboxes. NULL after a bad number of copies (*FIELD "copies").
 */
static json_t *form_fields(HttpRequest *req, const char *direction, gboolean creating,
                           json_t *units, const char **field)
{
	gboolean incoming = strcmp(direction, "incoming") == 0;
	json_t *obj = json_object();

	if (creating)
		json_object_set_new(obj, "direction", json_string(direction));
	put_field(req, obj, "doc_type", FALSE);
	put_field(req, obj, "title", FALSE);
	put_field(req, obj, "domain", FALSE);
	put_field(req, obj, "body", FALSE);
	put_field(req, obj, "secrecy", TRUE);
	put_field(req, obj, "urgency", TRUE);
	put_field(req, obj, "deadline", FALSE);
	if (incoming && creating) {
		g_autofree char *copies = site_module_field(req, "copies");
		gint64 n = *copies ? auth_page_number(copies) : 1;

		put_field(req, obj, "sender", FALSE);
		put_field(req, obj, "sender_number", FALSE);
		put_field(req, obj, "received_on", TRUE);
		if (http_form(req, "origin"))
			json_object_set_new(obj, "origin", json_string("higher"));
		if (n <= 0 || n > 10000) {
			*field = "copies";
			json_decref(obj);
			return NULL;
		}
		json_object_set_new(obj, "copies", json_integer(n));
	}
	if (!incoming) {
		put_field(req, obj, "series", FALSE);
		put_field(req, obj, "disclosure", TRUE);
		put_units(req, obj, "main_to", units);
		put_units(req, obj, "cc_to", units);
	}
	return obj;
}

/* Saves the form for DIRECTION: a new document (DOC NULL) or changes to DOC (borrowed); goes
 * to the document, or re-shows the form after a refusal. */
static void form_save(HttpRequest *req, HttpResponse *res, const char *direction, json_t *doc)
{
	g_autofree char *today = core_today();
	const char *field = NULL;
	GError *err = NULL;
	DbConn *c = docs_page_conn(req, &err);
	json_t *units = NULL, *obj;
	gint64 id = doc ? json_integer_value(json_object_get(doc, "id")) : 0;
	gboolean ok;

	if (c == NULL || (strcmp(direction, "outgoing") == 0 &&
	                  (units = recipient_choices(c, today, &err)) == NULL)) {
		docs_page_fail(req, res, err);
		return;
	}
	if ((obj = form_fields(req, direction, doc == NULL, units, &field)) == NULL) {
		json_decref(units);
		form_reply(req, res, 422, direction, doc, TRUE,
		           http_tr(req, N_("The number of copies is a whole number from 1.")),
		           field);
		return;
	}
	ok = doc ? docs_op_update(app_db(req), auth_current(req), http_remote_addr(req), id, obj,
	                          &field, &err)
	         : docs_op_create(app_db(req), auth_current(req), http_remote_addr(req), obj, &id,
	                          &field, &err);
	if (ok) {
		g_autofree char *href = g_strdup_printf("/documents/%" G_GINT64_FORMAT "?%s=1", id,
		                                        doc ? "saved" : "created");
		http_reply_redirect(res, 303, href);
	} else if (!docs_page_refusal(err)) {
		docs_page_fail(req, res, err);
	} else {
		form_reply(req, res, work_error_status(err), direction, doc, TRUE,
		           docs_page_message(req, err), field);
		g_error_free(err);
	}
	json_decref(obj);
	json_decref(units);
}

/* POST /documents (csrf_token, direction and the fields of the form): registers or drafts a
 * document and shows it. */
void docs_page_create(HttpRequest *req, HttpResponse *res)
{
	const char *dir = http_form(req, "direction");

	if (g_strcmp0(dir, "incoming") && g_strcmp0(dir, "outgoing")) {
		http_reply_error(res, 422, "invalid", N_("The direction is incoming or outgoing."),
		                 "direction");
		return;
	}
	form_save(req, res, dir, NULL);
}

/* The document of the {id} path parameter when the user may edit it now, else NULL after
 * answering (404, or 403/409 with the reason, as docs_op_update would refuse). */
static json_t *editable(HttpRequest *req, HttpResponse *res)
{
	const AuthUser *u = auth_current(req);
	gint64 id = auth_page_id(req, "id");
	GError *err = NULL;
	DbConn *c = id > 0 ? docs_page_conn(req, &err) : NULL;
	json_t *doc = c ? docs_load(c, u, id, &err) : NULL;
	const char *st;

	if (id <= 0) {
		http_reply_error(res, 404, "not_found", N_("There is no such document."), NULL);
		return NULL;
	}
	if (doc == NULL) {
		docs_page_fail(req, res, err);
		return NULL;
	}
	st = json_string_value(json_object_get(doc, "status"));
	if (json_integer_value(json_object_get(doc, "created_by")) != u->id &&
	    !auth_can(u, "work.all")) {
		http_reply_error(res, 403, "forbidden",
		                 N_("Only the author or the office may edit this document."), NULL);
	} else if (strcmp(st, "draft") && strcmp(st, "returned") && strcmp(st, "submitted") &&
	           strcmp(st, "registered") && strcmp(st, "checked")) {
		http_reply_error(res, 409, "not_allowed_now",
		                 N_("The document can no longer be edited in its present state."),
		                 NULL);
	} else {
		return doc;
	}
	json_decref(doc);
	return NULL;
}

/* GET /documents/{id}/edit: the form of a draft (or of a registration not yet proposed). */
void docs_page_edit(HttpRequest *req, HttpResponse *res)
{
	json_t *doc = editable(req, res);

	if (doc == NULL)
		return;
	form_reply(req, res, 200, json_string_value(json_object_get(doc, "direction")), doc, FALSE,
	           NULL, NULL);
	json_decref(doc);
}

/* POST /documents/{id} (csrf_token and the fields of the form): saves the changes. */
void docs_page_update(HttpRequest *req, HttpResponse *res)
{
	json_t *doc = editable(req, res);

	if (doc == NULL)
		return;
	form_save(req, res, json_string_value(json_object_get(doc, "direction")), doc);
	json_decref(doc);
}
