/*
 * org_edit_pages.c — the forms that change the division of responsibility (permission
 * org.manage, except the leader's page, which org.read may see without its form): recording a
 * dated change (/org/changes), a leader's page with its edit form and new leaders
 * (/org/leaders), and the portfolio tree (/org/domains).
 *
 * Each form posts with csrf_token (the guard checks it) to one audited org_op_*; a refusal
 * re-shows the form with the message at its field and what was typed (422, or 409 for a
 * conflict with history), a success redirects (303) to a page that says what happened.
 */
#define G_LOG_DOMAIN "mishu-org"

#include "org/org_pages.h"
#include "core/core.h"

#include <stdlib.h>
#include <string.h>

#define CHANGE_ROWS 8 /* rows of the change form */

/* The leader kinds in the order the forms offer them. */
static const char *const leader_kinds[] = {"secretary", "deputy", "member"};

/* The assignment roles in the order the forms offer them. */
static const char *const roles[] = {"lead", "charge", "assist"};

/* Options of a select over CODES (N of them) titled by TITLE(code), SELECTED chosen. */
static json_t *code_options(HttpRequest *req, const char *const *codes, gsize n,
                            const char *(*title)(const char *), const char *selected)
{
	json_t *out = json_array();

	for (gsize i = 0; i < n; i++)
		json_array_append_new(out, json_pack("{s:s, s:s, s:b}", "value", codes[i], "label",
		                                     http_tr(req, title(codes[i])), "selected",
		                                     g_strcmp0(codes[i], selected) == 0));
	return out;
}

/* Answers 404 for a path id that is not a positive number; TRUE when it did. */
static gboolean bad_id(HttpResponse *res, gint64 id)
{
	if (id > 0)
		return FALSE;
	http_reply_error(res, 404, "not_found", N_("There is nothing at this address."), NULL);
	return TRUE;
}

/* ---- a dated change of 分工 -------------------------------------------------------------- */

/* One row of the change form as typed: {n, action, leader, domain, role}. */
static json_t *change_row_typed(HttpRequest *req, int n)
{
	char name[24];
	json_t *row = json_pack("{s:i}", "n", n);
	static const char *const fields[] = {"action", "leader", "domain", "role"};

	for (gsize i = 0; i < G_N_ELEMENTS(fields); i++) {
		g_snprintf(name, sizeof name, "%s_%d", fields[i], n);
		json_object_set_new(row, fields[i], auth_page_text(http_form(req, name)));
	}
	return row;
}

/*
 * Renders the change form with STATUS. TYPED: the rows and fields come from the request (a
 * re-show), otherwise empty (the first row's domain and leader preset from ?domain= and
 * ?leader=). ERROR (translated) is shown above the form and at FIELD: "effective", "source",
 * "note", "rows" (the rows as a whole) or "row" with ROW_N and ROW_FIELD.
 */
static void change_reply(HttpRequest *req, HttpResponse *res, int status, gboolean typed,
                         const char *error, const char *field, int row_n, const char *row_field)
{
	g_autofree char *today = core_today();
	GError *err = NULL;
	DbConn *c = org_page_conn(req, &err);
	json_t *leaders = c ? org_leaders(c, today, FALSE, &err) : NULL;
	json_t *domains = leaders ? org_domains(c, &err) : NULL;
	json_t *m, *rows, *values;

	if (domains == NULL) {
		json_decref(leaders);
		org_page_fail(req, res, err);
		return;
	}
	rows = json_array();
	for (int n = 1; n <= CHANGE_ROWS; n++) {
		json_t *row = typed ? change_row_typed(req, n) : json_pack("{s:i}", "n", n);
		const char *leader = org_page_str(row, "leader"),
		           *domain = org_page_str(row, "domain");
		const char *role = org_page_str(row, "role");
		json_t *lopts = json_array(), *l;
		size_t i;

		if (!typed && n == 1) {
			domain = http_query(req, "domain") ? http_query(req, "domain") : "";
			leader = http_query(req, "leader") ? http_query(req, "leader") : "";
		}
		json_array_foreach (leaders, i, l) {
			g_autofree char *id = g_strdup_printf(
			    "%" JSON_INTEGER_FORMAT, json_integer_value(json_object_get(l, "id")));
			g_autofree char *label = g_strdup_printf("%s %s", org_page_str(l, "name"),
			                                         org_page_str(l, "title"));
			json_array_append_new(lopts, json_pack("{s:s, s:s, s:b}", "value", id,
			                                       "label", label, "selected",
			                                       strcmp(id, leader) == 0));
		}
		json_object_set_new(row, "leader_options", lopts);
		json_object_set_new(row, "domain_options",
		                    org_page_domain_options(domains, domain));
		json_object_set_new(row, "role_options",
		                    code_options(req, roles, G_N_ELEMENTS(roles), org_role_title,
		                                 *role ? role : "charge"));
		json_object_set_new(row, "is_end",
		                    json_boolean(strcmp(org_page_str(row, "action"), "end") == 0));
		json_object_set_new(row, "errors",
		                    error && row_n == n ? json_pack("{s:b}", row_field, 1)
		                                        : json_object());
		if (error && row_n == n)
			json_object_set_new(row, "row_error", auth_page_text(error));
		json_array_append_new(rows, row);
	}
	values = json_object();
	for (gsize i = 0; i < 3; i++) {
		static const char *const names[] = {"effective", "source", "note"};
		json_object_set_new(values, names[i],
		                    auth_page_text(typed ? http_form(req, names[i]) : NULL));
	}
	if (!typed)
		json_object_set_new(values, "effective", json_string(today));
	m = org_page_model(req, N_("Record a change of duties"), "history");
	json_object_set_new(m, "values", values);
	json_object_set_new(m, "rows", rows);
	if (error)
		org_page_set_error(m, error, row_n ? NULL : field);
	json_decref(leaders);
	json_decref(domains);
	http_reply_model(res, status, m, "org/change_new");
}

/* GET /org/changes/new[?domain=CODE][&leader=ID]: the form recording a dated change. */
void org_page_change_new(HttpRequest *req, HttpResponse *res)
{
	change_reply(req, res, 200, FALSE, NULL, NULL, 0, NULL);
}

/* Maps the operation's FIELD ("assign[1].domain", "effective" …) back to the form: the row
 * number (from ASSIGN_ROWS / END_ROWS, the rows that produced each entry) in *ROW_N and its
 * field in *ROW_FIELD, or the form field returned. Static or borrowed from FIELD. */
static const char *change_field(const char *field, GArray *assign_rows, GArray *end_rows,
                                int *row_n, const char **row_field)
{
	GArray *rows = NULL;
	const char *p = NULL;
	char *end = NULL;
	gulong i;

	*row_n = 0;
	if (field == NULL)
		return "rows";
	if (g_str_has_prefix(field, "assign["))
		rows = assign_rows, p = field + 7;
	else if (g_str_has_prefix(field, "end["))
		rows = end_rows, p = field + 4;
	if (rows == NULL) {
		if (strcmp(field, "effective") == 0 || strcmp(field, "source") == 0 ||
		    strcmp(field, "note") == 0)
			return field;
		return "rows";
	}
	i = strtoul(p, &end, 10);
	if (end == p || *end != ']' || i >= rows->len)
		return "rows";
	*row_n = g_array_index(rows, int, i);
	*row_field = g_str_has_suffix(end, ".leader") ? "leader"
	             : g_str_has_suffix(end, ".role") ? "role"
	                                              : "domain";
	return "row";
}

/* POST /org/changes (effective, source, note, action_N, leader_N, domain_N, role_N for N in
 * 1…8): builds {effective, source, note, assign: […], end: […]} from the rows that name a
 * leader or a domain, applies it and goes to the history. */
void org_page_change_post(HttpRequest *req, HttpResponse *res)
{
	json_t *change = json_object(), *assign = json_array(), *end = json_array();
	g_autoptr(GArray) assign_rows = g_array_new(FALSE, FALSE, sizeof(int));
	g_autoptr(GArray) end_rows = g_array_new(FALSE, FALSE, sizeof(int));
	GError *err = NULL;
	char *field = NULL;
	gint64 id = 0;

	org_page_put_text(req, change, "effective");
	org_page_put_text(req, change, "source");
	org_page_put_text(req, change, "note");
	for (int n = 1; n <= CHANGE_ROWS; n++) {
		json_t *row = change_row_typed(req, n);
		const char *leader = org_page_str(row, "leader"),
		           *domain = org_page_str(row, "domain");
		gboolean ending = strcmp(org_page_str(row, "action"), "end") == 0;
		gint64 leader_id = auth_page_number(leader);

		if (*leader == '\0' && *domain == '\0') {
			json_decref(row);
			continue;
		}
		if (leader_id == 0 || *domain == '\0') {
			json_decref(row);
			json_decref(change);
			json_decref(assign);
			json_decref(end);
			change_reply(
			    req, res, 422, TRUE,
			    http_tr(req, N_("Choose both a leader and a portfolio, or leave "
			                    "the row empty.")),
			    "row", n, leader_id == 0 ? "leader" : "domain");
			return;
		}
		json_t *e =
		    json_pack("{s:I, s:s}", "leader", (json_int_t)leader_id, "domain", domain);
		if (ending) {
			json_array_append_new(end, e);
			g_array_append_val(end_rows, n);
		} else {
			const char *role = org_page_str(row, "role");
			json_object_set_new(e, "role", json_string(*role ? role : "charge"));
			json_array_append_new(assign, e);
			g_array_append_val(assign_rows, n);
		}
		json_decref(row);
	}
	json_object_set_new(change, "assign", assign);
	json_object_set_new(change, "end", end);
	if (org_op_change(app_db(req), auth_current(req), http_remote_addr(req), change, &id,
	                  &field, &err)) {
		g_autofree char *href = g_strdup_printf(
		    "/org/history?recorded=%" G_GINT64_FORMAT "#change-%" G_GINT64_FORMAT, id, id);
		http_reply_redirect(res, 303, href);
	} else if (!org_page_refusal(err)) {
		org_page_fail(req, res, err);
	} else {
		int row_n = 0;
		const char *row_field = NULL;
		const char *where = change_field(field, assign_rows, end_rows, &row_n, &row_field);

		change_reply(req, res, org_error_status(err), TRUE, org_page_message(req, err),
		             where, row_n, row_field);
		g_error_free(err);
	}
	json_decref(change);
	g_free(field);
}

/* ---- leaders ------------------------------------------------------------------------------ */

/* The leader form's values: from the request when TYPED, else from leader L (may be NULL). */
static json_t *leader_values(HttpRequest *req, json_t *l, gboolean typed)
{
	static const char *const texts[] = {"name",       "title",    "kind",
	                                    "valid_from", "valid_to", "username"};
	json_t *v = json_object(), *p;
	GString *posts = g_string_new(NULL);
	size_t i;

	for (gsize k = 0; k < G_N_ELEMENTS(texts); k++)
		json_object_set_new(
		    v, texts[k],
		    auth_page_text(typed ? http_form(req, texts[k]) : org_page_str(l, texts[k])));
	if (typed) {
		json_object_set_new(v, "rank", auth_page_text(http_form(req, "rank")));
		g_string_append(posts, auth_page_form(req, "posts"));
	} else {
		g_autofree char *rank =
		    l ? g_strdup_printf("%" JSON_INTEGER_FORMAT,
		                        json_integer_value(json_object_get(l, "rank")))
		      : g_strdup("");
		json_object_set_new(v, "rank", json_string(rank));
		json_array_foreach (json_object_get(l, "posts"), i, p)
			g_string_append_printf(posts, "%s%s", i ? "\n" : "", json_string_value(p));
	}
	json_object_set_new(v, "posts", auth_page_text(posts->str));
	g_string_free(posts, TRUE);
	return v;
}

/* Adds the leader form's selects to M for the VALUES shown. */
static void leader_form_model(HttpRequest *req, json_t *m, json_t *values)
{
	json_object_set_new(m, "kind_options",
	                    code_options(req, leader_kinds, G_N_ELEMENTS(leader_kinds),
	                                 org_leader_kind_title, org_page_str(values, "kind")));
	json_object_set_new(m, "values", values);
}

/*
 * Renders leader ID's page with STATUS as of ?on=: the leader, current portfolios, the history
 * of every assignment, units, assistant and, for org.manage, the edit form (with the typed
 * values and ERROR (translated) at FIELD after a refusal). ?saved=1 / ?created=1 say what
 * just happened.
 */
static void leader_reply(HttpRequest *req, HttpResponse *res, int status, gint64 id,
                         const char *error, const char *field)
{
	g_autofree char *on = NULL;
	const char *date_error;
	GError *err = NULL;
	DbConn *c = org_page_conn(req, &err);
	json_t *l = NULL, *hist = NULL, *m;
	OrgAssignmentFilter f = {.on = NULL, .leader_id = id, .domain = NULL};

	org_page_date(req, &on, &date_error);
	if (c == NULL || (l = org_leader(c, id, on, &err)) == NULL ||
	    (hist = org_assignments(c, &f, &err)) == NULL) {
		json_decref(l);
		org_page_fail(req, res, err);
		return;
	}
	org_page_leader_model(req, l, on);
	org_page_assignment_rows(req, hist);
	m = org_page_model(req, N_("Leader"), "overview");
	org_page_model_date(req, m, on, date_error);
	{
		g_autofree char *action = org_page_href("/org/leaders", id);
		json_object_set_new(m, "action", json_string(action));
		json_object_set_new(m, "date_action", json_string(action));
	}
	json_object_set_new(m, "has_history", json_boolean(json_array_size(hist)));
	json_object_set_new(m, "history", hist);
	if (org_page_can_manage(req))
		leader_form_model(req, m, leader_values(req, l, error != NULL));
	json_object_set_new(m, "title", json_string(org_page_str(l, "name"))); /* the tab's title */
	json_object_set_new(m, "leader", l);
	if (error)
		org_page_set_error(m, error, field);
	if (status == 200 && g_strcmp0(http_query(req, "saved"), "1") == 0)
		auth_page_flash(req, m, "success", N_("The changes have been saved."));
	if (status == 200 && g_strcmp0(http_query(req, "created"), "1") == 0)
		auth_page_flash(req, m, "success",
		                N_("The leader has been added. Give them portfolios by recording a "
		                   "change of duties."));
	http_reply_model(res, date_error && status == 200 ? 422 : status, m, "org/leader");
}

/* GET /org/leaders/{id}[?on=DATE]: one leader. */
void org_page_leader(HttpRequest *req, HttpResponse *res)
{
	gint64 id = auth_page_id(req, "id");

	if (!bad_id(res, id))
		leader_reply(req, res, 200, id, NULL, NULL);
}

/* The leader fields of the request as the JSON org_leader_save takes; NULL after a bad rank
 * (*FIELD = "rank"). Posts are the non-empty lines of "posts". */
static json_t *leader_fields(HttpRequest *req, const char **field)
{
	static const char *const texts[] = {"name",       "title",    "kind",
	                                    "valid_from", "valid_to", "username"};
	json_t *obj = json_object(), *posts = json_array();
	g_auto(GStrv) lines = g_strsplit(auth_page_form(req, "posts"), "\n", 0);

	for (gsize k = 0; k < G_N_ELEMENTS(texts); k++)
		org_page_put_text(req, obj, texts[k]);
	for (gsize k = 0; lines[k]; k++) {
		char *p = g_strstrip(lines[k]);
		if (*p)
			json_array_append_new(posts, auth_page_text(p));
	}
	json_object_set_new(obj, "posts", posts);
	if (!org_page_put_int(req, obj, "rank", FALSE)) {
		*field = "rank";
		json_decref(obj);
		return NULL;
	}
	return obj;
}

/* Renders the new-leader form with STATUS; after a refusal the typed values and ERROR at FIELD. */
static void leader_new_reply(HttpRequest *req, HttpResponse *res, int status, const char *error,
                             const char *field)
{
	json_t *m = org_page_model(req, N_("New leader"), "overview");
	json_t *values = leader_values(req, NULL, error != NULL);

	if (error == NULL) {
		g_autofree char *today = core_today();
		json_object_set_new(values, "kind", json_string("member"));
		json_object_set_new(values, "valid_from", json_string(today));
	}
	leader_form_model(req, m, values);
	if (error)
		org_page_set_error(m, error, field);
	http_reply_model(res, status, m, "org/leader_new");
}

/* GET /org/leaders/new: the form for a new leader. */
void org_page_leader_new(HttpRequest *req, HttpResponse *res)
{
	leader_new_reply(req, res, 200, NULL, NULL);
}

/* Saves leader ID (0: a new one) from the form; re-shows the form after a refusal. */
static void leader_save(HttpRequest *req, HttpResponse *res, gint64 id)
{
	const char *field = NULL;
	json_t *obj = leader_fields(req, &field);
	GError *err = NULL;
	gint64 out = 0;
	const char *bad_rank = N_("Enter a whole number from 1 to 999.");

	if (obj == NULL) {
		if (id)
			leader_reply(req, res, 422, id, http_tr(req, bad_rank), field);
		else
			leader_new_reply(req, res, 422, http_tr(req, bad_rank), field);
		return;
	}
	if (org_op_save(app_db(req), auth_current(req), http_remote_addr(req), ORG_THING_LEADER, id,
	                obj, &out, &field, &err)) {
		g_autofree char *href = g_strdup_printf("/org/leaders/%" G_GINT64_FORMAT "?%s=1",
		                                        out, id ? "saved" : "created");
		http_reply_redirect(res, 303, href);
	} else if (!org_page_refusal(err)) {
		org_page_fail(req, res, err);
	} else {
		if (id)
			leader_reply(req, res, org_error_status(err), id,
			             org_page_message(req, err), field);
		else
			leader_new_reply(req, res, org_error_status(err),
			                 org_page_message(req, err), field);
		g_error_free(err);
	}
	json_decref(obj);
}

/* POST /org/leaders (name, title, kind, rank, posts, valid_from, valid_to, username): adds a
 * leader and shows their page. */
void org_page_leader_create(HttpRequest *req, HttpResponse *res)
{
	leader_save(req, res, 0);
}

/* POST /org/leaders/{id} (the same fields): updates the leader; an empty valid_to or username
 * clears it. */
void org_page_leader_post(HttpRequest *req, HttpResponse *res)
{
	gint64 id = auth_page_id(req, "id");

	if (!bad_id(res, id))
		leader_save(req, res, id);
}

/* ---- the portfolio tree ------------------------------------------------------------------- */

/* The domain form fields a save sends (all of them: unchecked "active" is 0). */
static json_t *domain_fields(HttpRequest *req, gboolean creating, const char **field)
{
	json_t *obj = json_object();

	org_page_put_text(req, obj, "name");
	org_page_put_text(req, obj, "parent");
	org_page_put_text(req, obj, "description");
	if (creating)
		org_page_put_text(req, obj, "code");
	json_object_set_new(obj, "active", json_integer(http_form(req, "active") != NULL));
	if (!org_page_put_int(req, obj, "position", FALSE)) {
		*field = "position";
		json_decref(obj);
		return NULL;
	}
	return obj;
}

/*
 * Renders the portfolio page with STATUS: the add form and every domain in tree order with its
 * own edit form. After a refusal for domain FOR_ID (0: the add form) that form shows ERROR
 * (translated) at FIELD with the typed values. ?saved=ID marks the domain just changed.
 */
static void domains_reply(HttpRequest *req, HttpResponse *res, int status, gint64 for_id,
                          const char *error, const char *field)
{
	gint64 saved = status == 200 ? auth_page_number(http_query(req, "saved")) : 0;
	GError *err = NULL;
	DbConn *c = org_page_conn(req, &err);
	json_t *domains = c ? org_domains(c, &err) : NULL, *m, *d, *add;
	size_t i;

	if (domains == NULL) {
		org_page_fail(req, res, err);
		return;
	}
	json_array_foreach (domains, i, d) {
		gint64 id = json_integer_value(json_object_get(d, "id"));
		g_autofree char *action = org_page_href("/org/domains", id);
		g_autofree char *anchor = g_strdup_printf("domain-%" G_GINT64_FORMAT, id);
		g_autofree char *depth = g_strdup_printf(
		    "%" JSON_INTEGER_FORMAT,
		    MIN(json_integer_value(json_object_get(d, "depth")), (json_int_t)3));
		g_autofree char *pos = g_strdup_printf(
		    "%" JSON_INTEGER_FORMAT, json_integer_value(json_object_get(d, "position")));
		gboolean mine = error && id == for_id;

		json_object_set_new(d, "action", json_string(action));
		json_object_set_new(d, "anchor", json_string(anchor));
		json_object_set_new(d, "depth_class", json_string(depth));
		json_object_set_new(d, "is_active",
		                    json_boolean(json_integer_value(json_object_get(d, "active"))));
		json_object_set_new(
		    d, "values",
		    mine ? json_pack("{s:o, s:o, s:o, s:o, s:b}", "name",
		                     auth_page_text(http_form(req, "name")), "parent",
		                     auth_page_text(http_form(req, "parent")), "position",
		                     auth_page_text(http_form(req, "position")), "description",
		                     auth_page_text(http_form(req, "description")), "active",
		                     http_form(req, "active") != NULL)
		         : json_pack("{s:s, s:s, s:s, s:s, s:b}", "name", org_page_str(d, "name"),
		                     "parent", org_page_str(d, "parent_code"), "position", pos,
		                     "description", org_page_str(d, "description"), "active",
		                     json_integer_value(json_object_get(d, "active")) != 0));
		/* always an "errors" object, so the add form's never shows in a row */
		json_object_set_new(d, "errors",
		                    mine && field ? json_pack("{s:b}", field, 1) : json_object());
		if (mine)
			json_object_set_new(d, "row_error", auth_page_text(error));
		json_object_set_new(d, "saved", json_boolean(id == saved));
		json_object_set_new(d, "open", json_boolean(mine || id == saved));
	}
	add = error && for_id == 0
	          ? json_pack("{s:o, s:o, s:o, s:o, s:o}", "code",
	                      auth_page_text(http_form(req, "code")), "name",
	                      auth_page_text(http_form(req, "name")), "parent",
	                      auth_page_text(http_form(req, "parent")), "position",
	                      auth_page_text(http_form(req, "position")), "description",
	                      auth_page_text(http_form(req, "description")))
	          : json_pack("{s:s, s:s, s:s, s:s, s:s}", "code", "", "name", "", "parent", "",
	                      "position", "100", "description", "");
	m = org_page_model(req, N_("Portfolios"), "domains");
	json_object_set_new(m, "add", add);
	json_object_set_new(m, "domain_count", json_integer((json_int_t)json_array_size(domains)));
	json_object_set_new(m, "domains", domains);
	if (error && for_id == 0) {
		org_page_set_error(m, error, field);
		json_object_set_new(m, "add_error", json_true());
	}
	if (saved)
		auth_page_flash(req, m, "success", N_("The portfolio has been saved."));
	http_reply_model(res, status, m, "org/domains");
}

/* GET /org/domains: the portfolio tree with its forms. */
void org_page_domains(HttpRequest *req, HttpResponse *res)
{
	domains_reply(req, res, 200, 0, NULL, NULL);
}

/* Saves domain ID (0: a new one) from the form and goes back to the list at it. */
static void domain_save(HttpRequest *req, HttpResponse *res, gint64 id)
{
	const char *field = NULL;
	json_t *obj = domain_fields(req, id == 0, &field);
	GError *err = NULL;
	gint64 out = 0;

	if (obj == NULL) {
		domains_reply(req, res, 422, id,
		              http_tr(req, N_("Enter a whole number from 0 to 1000000.")), field);
		return;
	}
	if (org_op_save(app_db(req), auth_current(req), http_remote_addr(req), ORG_THING_DOMAIN, id,
	                obj, &out, &field, &err)) {
		g_autofree char *href = g_strdup_printf(
		    "/org/domains?saved=%" G_GINT64_FORMAT "#domain-%" G_GINT64_FORMAT, out, out);
		http_reply_redirect(res, 303, href);
	} else if (!org_page_refusal(err)) {
		org_page_fail(req, res, err);
	} else {
		domains_reply(req, res, org_error_status(err), id, org_page_message(req, err),
		              field);
		g_error_free(err);
	}
	json_decref(obj);
}

/* POST /org/domains (code, name, parent, position, description, active): adds a portfolio. */
void org_page_domain_create(HttpRequest *req, HttpResponse *res)
{
	domain_save(req, res, 0);
}

/* POST /org/domains/{id} (name, parent, position, description, active): updates one. */
void org_page_domain_post(HttpRequest *req, HttpResponse *res)
{
	gint64 id = auth_page_id(req, "id");

	if (!bad_id(res, id))
		domain_save(req, res, id);
}
