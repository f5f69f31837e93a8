/*
 * meet_type_pages.c — the security administrator changes one meeting type's rules of procedure
 * from a page: GET /meetings/types/{code}/edit shows the form (its names and, for a type that
 * votes, each threshold as a fraction with "more than" or "at least", on 应到会 or on those
 * present, whether 弃权 is allowed, whether the principal leader speaks last on cadre items, and
 * how many working days before the meeting cadre materials are released); POST
 * /meetings/types/{code} stores the whole list with that type changed through the same audited
 * operation as PUT /api/v1/meetings/types (meet_op_types). A refusal shows the form again with
 * what was typed and the message at its field (422); success goes back to the rules (303).
 */
#define G_LOG_DOMAIN "mishu-meet"

#include "meet/meet_pages.h"
#include "meet/meet_internal.h"
#include "meet/meet_web.h"
#include "core/core.h"
#include "site/site_module.h"
#include "work/work_web.h"

#include <string.h>

#define errors meet_page_errors

/* The thresholds a type that votes has, with their labels; "base" only where it counts. */
static const struct {
	const char *key, *label;
	gboolean base;
} rules[] = {
    {"quorum", N_("Quorum"), FALSE},
    {"cadre_quorum", N_("Quorum for cadre items"), FALSE},
    {"pass", N_("Passing"), TRUE},
    {"reconsider", N_("Reconsidering a passed item"), TRUE},
};

/* V (an integer, or the text typed when it was not one) as text for an input. g_free. */
static char *number_text(json_t *v)
{
	if (json_is_integer(v))
		return g_strdup_printf("%" JSON_INTEGER_FORMAT, json_integer_value(v));
	return g_strdup(json_is_string(v) ? json_string_value(v) : "");
}

/* The string member KEY of O, or "". */
static const char *text_of(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

/* The form's model of type T (stored, or as typed): names, thresholds, flags. */
static json_t *form_of(HttpRequest *req, json_t *t)
{
	json_t *name = json_object_get(t, "name"), *list = json_array();
	g_autofree char *days = number_text(json_object_get(t, "cadre_release_days"));
	json_t *f = json_pack("{s:s, s:s, s:s, s:b, s:b, s:b, s:s}", "code", text_of(t, "code"),
	                      "name_zh", text_of(name, "zh"), "name_en", text_of(name, "en"),
	                      "voting", json_is_true(json_object_get(t, "voting")), "abstain",
	                      json_is_true(json_object_get(t, "abstain")), "principal_last",
	                      json_is_true(json_object_get(t, "principal_last")),
	                      "cadre_release_days", days);

	for (gsize k = 0; k < G_N_ELEMENTS(rules); k++) {
		json_t *r = json_object_get(t, rules[k].key);
		const char *cmp = json_string_value(json_object_get(r, "cmp"));
		const char *base = json_string_value(json_object_get(r, "base"));
		g_autofree char *num = number_text(json_object_get(r, "num"));
		g_autofree char *den = number_text(json_object_get(r, "den"));

		json_array_append_new(
		    list, json_pack("{s:s, s:s, s:s, s:s, s:b, s:b, s:b}", "key", rules[k].key,
		                    "label", http_tr(req, rules[k].label), "num", num, "den", den,
		                    "ge", g_strcmp0(cmp, "ge") == 0, "has_base", rules[k].base,
		                    "on_present", g_strcmp0(base, "present") == 0));
	}
	json_object_set_new(f, "rules", list);
	return f;
}

/* The form's page for type T with STATUS; ERROR (translated) at FIELD when not NULL. */
static void form_reply(HttpRequest *req, HttpResponse *res, int status, json_t *t,
                       const char *error, const char *field)
{
	json_t *m = meet_page_model(req, N_("Rules of procedure"), "types");
	json_t *f = form_of(req, t);

	if (!auth_can(auth_current(req), "work.read")) /* the administrator's page only */
		json_object_set_new(m, "hide_subnav", json_true());
	json_object_set_new(m, "form", f);
	if (error) {
		site_module_set_error(m, error, field);
		/* the rule a refusal is about is marked in the list too */
		for (size_t i = 0; field && i < json_array_size(json_object_get(f, "rules")); i++) {
			json_t *r = json_array_get(json_object_get(f, "rules"), i);
			if (g_strcmp0(json_string_value(json_object_get(r, "key")), field) == 0)
				json_object_set_new(r, "rule_error", json_string(error));
		}
	}
	http_reply_model(res, status, m, "meet/type");
}

/* The meeting types now and the one of {code} in them (borrowed), or NULL having answered. */
static json_t *types_and_one(HttpRequest *req, HttpResponse *res, json_t **one)
{
	GError *err = NULL;
	DbConn *c = site_module_conn(req, &errors, &err);
	json_t *types = c ? meet_types(c, &err) : NULL;

	if (types && (*one = meet_type_find(types, http_param(req, "code"))) == NULL) {
		json_decref(types);
		types = NULL;
		g_set_error_literal(&err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
		                    N_("There is no such meeting type."));
	}
	if (types == NULL)
		site_module_fail(req, res, &errors, err);
	return types;
}

void meet_page_type_edit(HttpRequest *req, HttpResponse *res)
{
	json_t *one = NULL;
	g_autoptr(json_t) types = types_and_one(req, res, &one);

	if (types)
		form_reply(req, res, 200, one, NULL, NULL);
}

/* The form field NAME as an integer when it is one, else as the text typed (which the rules
 * refuse with their message). */
static json_t *number_field(HttpRequest *req, const char *name)
{
	g_autofree char *v = site_module_field(req, name);
	char *end = NULL;
	gint64 n = g_ascii_strtoll(v, &end, 10);

	if (*v && end && *end == '\0' && n >= -1000000 && n <= 1000000)
		return json_integer(n);
	return json_string(v);
}

/* Type ONE changed as the form says (a new reference): its code, members, chair and whether it
 * votes stay. */
static json_t *typed_type(HttpRequest *req, json_t *one)
{
	g_autofree char *zh = site_module_field(req, "name_zh");
	g_autofree char *en = site_module_field(req, "name_en");
	json_t *t = json_deep_copy(one);

	json_object_set_new(t, "name", json_pack("{s:s, s:s}", "zh", zh, "en", en));
	if (!json_is_true(json_object_get(one, "voting")))
		return t;
	for (gsize k = 0; k < G_N_ELEMENTS(rules); k++) {
		g_autofree char *num = g_strdup_printf("%s_num", rules[k].key);
		g_autofree char *den = g_strdup_printf("%s_den", rules[k].key);
		g_autofree char *cmp = g_strdup_printf("%s_cmp", rules[k].key);
		g_autofree char *base = g_strdup_printf("%s_base", rules[k].key);
		g_autofree char *c = site_module_field(req, cmp);
		g_autofree char *b = site_module_field(req, base);

		json_object_set_new(t, rules[k].key,
		                    json_pack("{s:o, s:o, s:s, s:s}", "num", number_field(req, num),
		                              "den", number_field(req, den), "cmp", c, "base",
		                              rules[k].base && *b ? b : "expected"));
	}
	json_object_set_new(t, "abstain", json_boolean(http_form(req, "abstain") != NULL));
	json_object_set_new(t, "principal_last",
	                    json_boolean(http_form(req, "principal_last") != NULL));
	json_object_set_new(t, "cadre_release_days", number_field(req, "cadre_release_days"));
	return t;
}

void meet_page_type_save(HttpRequest *req, HttpResponse *res)
{
	json_t *one = NULL;
	g_autoptr(json_t) types = types_and_one(req, res, &one), changed = NULL;
	const char *field = NULL;
	GError *err = NULL;

	if (types == NULL)
		return;
	changed = typed_type(req, one);
	if (meet_op_types(req, http_param(req, "code"), changed, &field, &err)) {
		http_reply_redirect(res, 303, "/meetings/types?done=1");
		return;
	}
	if (!site_module_refusal(&errors, err)) {
		site_module_fail(req, res, &errors, err);
		return;
	}
	/* "items[1].quorum" names the form's "quorum" */
	if (field && strchr(field, '.'))
		field = strchr(field, '.') + 1;
	form_reply(req, res, work_error_status(err), changed,
	           site_module_message(req, &errors, err), field);
	g_error_free(err);
}
