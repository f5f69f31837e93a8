/*
 * meet_types.c — the meeting types (全委会, 常委会, 书记专题会, 常委主持的专题会议, 秘书长办公会)
 * as data: who the voting members are, who chairs, the quorum, the stricter quorum of 干部任免
 * items, the passing threshold and its base, 复议, whether 弃权 is allowed, whether the
 * principal leader states a position last on cadre items, and how many working days before the
 * meeting cadre materials are released. The defaults are data/meetings/types.json; the
 * security administrator's edits are kept in the setting 'meet.types'.
 */
#define G_LOG_DOMAIN "mishu-meet"

#include "meet/meet.h"
#include "core/core.h"
#include "work/work.h"

#include <gio/gio.h>
#include <string.h>

#define SETTING     "meet.types"
#define MAX_TYPES   20
#define MAX_NAME    40
#define RELEASE_MAX 30

/* The codes other parts of the product and integrators rely on (CONTRACT.md): always present. */
static const char *const fixed_codes[] = {"quanwei", "changwei", "shuji", "zhuanti", "mishuzhang"};

static const char *const members_kinds[] = {"committee", "standing", "named"};
static const char *const chair_kinds[] = {"secretary", "portfolio", "secretary_general"};

/* The bundle generated from mishu.gresource.xml. */
extern GResource *mishu_get_resource(void);

/* The bundled defaults (data/meetings/types.json); NULL with ERR. */
static json_t *types_default(GError **err)
{
	g_autoptr(GBytes) b =
	    g_resource_lookup_data(mishu_get_resource(), "/mishu/data/meetings/types.json",
	                           G_RESOURCE_LOOKUP_FLAGS_NONE, err);
	json_t *j;

	if (b == NULL)
		return NULL;
	j = json_loadb(g_bytes_get_data(b, NULL), g_bytes_get_size(b), 0, NULL);
	if (j == NULL)
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_DB,
		                    "data/meetings/types.json is not JSON");
	return j;
}

json_t *meet_types(DbConn *c, GError **err)
{
	g_autoptr(json_t) rows = work_rows(
	    WORK_ERRORS, c, err, "SELECT value FROM setting WHERE key = '" SETTING "'", NULL);
	json_t *j;

	if (rows == NULL)
		return NULL;
	if (json_array_size(rows) == 0)
		return types_default(err);
	j = json_loads(json_string_value(json_object_get(json_array_get(rows, 0), "value")), 0,
	               NULL);
	return j ? j : types_default(err);
}

/* The type CODE in the array LIST (borrowed), or NULL. */
static json_t *find_in(json_t *list, const char *code)
{
	json_t *t;
	size_t i;

	json_array_foreach (list, i, t)
		if (code && g_strcmp0(json_string_value(json_object_get(t, "code")), code) == 0)
			return t;
	return NULL;
}

json_t *meet_type_find(json_t *types, const char *code)
{
	return find_in(json_object_get(types, "items"), code);
}

/* TRUE when S is one of the N strings of SET. */
static gboolean one_of(const char *s, const char *const *set, gsize n)
{
	for (gsize i = 0; s && i < n; i++)
		if (strcmp(s, set[i]) == 0)
			return TRUE;
	return FALSE;
}

/* TRUE when CODE is 1 to 20 lower-case letters, digits or '_' starting with a letter. */
static gboolean code_ok(const char *code)
{
	gsize n = code ? strlen(code) : 0;

	if (n == 0 || n > 20 || !g_ascii_islower(code[0]))
		return FALSE;
	for (gsize i = 0; i < n; i++)
		if (!g_ascii_islower(code[i]) && !g_ascii_isdigit(code[i]) && code[i] != '_')
			return FALSE;
	return TRUE;
}

/* Fails with ERR (WORK_ERROR_INVALID) naming items[I].KEY in *FIELD (a static buffer per
 * thread) with MSGID; returns FALSE. */
static gboolean type_fail(GError **err, const char **field, size_t i, const char *key,
                          const char *msgid)
{
	static GPrivate buf = G_PRIVATE_INIT(g_free);
	char *f = g_strdup_printf("items[%zu].%s", i, key);

	g_private_replace(&buf, f);
	*field = f;
	g_set_error_literal(err, WORK_ERROR, WORK_ERROR_INVALID, msgid);
	return FALSE;
}

/* Checks type T (number I of the list) and returns a clean copy holding only known keys, or
 * NULL with ERR and *FIELD. */
static json_t *type_checked(json_t *t, size_t i, const char **field, GError **err)
{
	static const char *const rules[] = {"quorum", "cadre_quorum", "pass", "reconsider"};
	const char *code = json_string_value(json_object_get(t, "code"));
	json_t *name = json_object_get(t, "name");
	const char *zh = json_string_value(json_object_get(name, "zh"));
	const char *en = json_string_value(json_object_get(name, "en"));
	const char *members = json_string_value(json_object_get(t, "members"));
	const char *chair = json_string_value(json_object_get(t, "chair"));
	json_t *voting = json_object_get(t, "voting");
	g_autoptr(json_t) out = NULL;

	if (!json_is_object(t))
		return type_fail(err, field, i, "code", N_("A meeting type is an object.")), NULL;
	if (!code_ok(code))
		return type_fail(err, field, i, "code",
		                 N_("A type's code is 1 to 20 lower-case letters, digits or _.")),
		       NULL;
	if (zh == NULL || *zh == '\0' || g_utf8_strlen(zh, -1) > MAX_NAME || en == NULL ||
	    *en == '\0' || g_utf8_strlen(en, -1) > 2 * MAX_NAME)
		return type_fail(err, field, i, "name",
		                 N_("A type has a Chinese and an English name of at most 40 "
		                    "characters (80 in English).")),
		       NULL;
	if (!one_of(members, members_kinds, G_N_ELEMENTS(members_kinds)))
		return type_fail(err, field, i, "members",
		                 N_("Members are \"committee\", \"standing\" or \"named\".")),
		       NULL;
	if (!one_of(chair, chair_kinds, G_N_ELEMENTS(chair_kinds)))
		return type_fail(err, field, i, "chair",
		                 N_("The chair is \"secretary\", \"portfolio\" or "
		                    "\"secretary_general\".")),
		       NULL;
	if (!json_is_boolean(voting))
		return type_fail(err, field, i, "voting", N_("\"voting\" is true or false.")), NULL;
	out = json_pack("{s:s, s:{s:s, s:s}, s:s, s:s, s:O}", "code", code, "name", "zh", zh, "en",
	                en, "members", members, "chair", chair, "voting", voting);
	if (json_is_false(voting))
		return g_steal_pointer(&out);
	if (strcmp(members, "named") == 0)
		return type_fail(err, field, i, "members",
		                 N_("A type that votes has its members from the organisation "
		                    "(\"committee\" or \"standing\").")),
		       NULL;
	for (gsize k = 0; k < G_N_ELEMENTS(rules); k++) {
		MeetRule r;
		GError *e = NULL;

		if (!meet_rule_parse(json_object_get(t, rules[k]), rules[k], &r, &e)) {
			type_fail(err, field, i, rules[k], "");
			g_clear_error(err);
			g_propagate_error(err, e);
			return NULL;
		}
		json_object_set_new(out, rules[k], meet_rule_json(&r));
	}
	{
		json_t *ab = json_object_get(t, "abstain"),
		       *pl = json_object_get(t, "principal_last");
		json_t *days = json_object_get(t, "cadre_release_days");

		if (!json_is_boolean(ab))
			return type_fail(err, field, i, "abstain",
			                 N_("\"abstain\" is true or false.")),
			       NULL;
		if (!json_is_boolean(pl))
			return type_fail(err, field, i, "principal_last",
			                 N_("\"principal_last\" is true or false.")),
			       NULL;
		if (!json_is_integer(days) || json_integer_value(days) < 0 ||
		    json_integer_value(days) > RELEASE_MAX)
			return type_fail(err, field, i, "cadre_release_days",
			                 N_("Cadre materials are released 0 to 30 working days "
			                    "before the meeting.")),
			       NULL;
		json_object_set(out, "abstain", ab);
		json_object_set(out, "principal_last", pl);
		json_object_set(out, "cadre_release_days", days);
	}
	return g_steal_pointer(&out);
}

gboolean meet_types_store(DbConn *c, json_t *types, const char **field, GError **err)
{
	json_t *items = json_object_get(types, "items"), *t;
	json_t *source = json_object_get(types, "source");
	g_autoptr(json_t) clean = json_array();
	g_autoptr(json_t) out = NULL;
	g_autofree char *text = NULL;
	size_t i;

	if (!json_is_array(items) || json_array_size(items) == 0 ||
	    json_array_size(items) > MAX_TYPES) {
		*field = "items";
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_INVALID,
		                    N_("The meeting types are a list of 1 to 20 types."));
		return FALSE;
	}
	json_array_foreach (items, i, t) {
		json_t *one = type_checked(t, i, field, err);

		if (one == NULL)
			return FALSE;
		if (find_in(clean, json_string_value(json_object_get(one, "code")))) {
			json_decref(one);
			return type_fail(err, field, i, "code",
			                 N_("Two types have the same code."));
		}
		json_array_append_new(clean, one);
	}
	for (gsize k = 0; k < G_N_ELEMENTS(fixed_codes); k++) {
		if (find_in(clean, fixed_codes[k]) == NULL) {
			*field = "items";
			g_set_error(err, WORK_ERROR, WORK_ERROR_INVALID,
			            core_tr_now(N_("The type \"%s\" cannot be removed.")),
			            fixed_codes[k]);
			return FALSE;
		}
	}
	if (source &&
	    (!json_is_string(source) || g_utf8_strlen(json_string_value(source), -1) > 200)) {
		*field = "source";
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_INVALID,
		                    N_("The source is a text of at most 200 characters."));
		return FALSE;
	}
	out = json_pack("{s:s, s:O}", "source", source ? json_string_value(source) : "", "items",
	                clean);
	text = json_dumps(out, JSON_COMPACT);
	return work_run(WORK_ERRORS, c, NULL, err,
	                "INSERT INTO setting (key, value) VALUES ('" SETTING "', ?) ON CONFLICT "
	                "(key) DO UPDATE SET value = excluded.value",
	                "s", text);
}
