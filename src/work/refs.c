/*
 * refs.c — one way to name things in request bodies (CONTRACT.md, "References in request
 * bodies"): a unit, domain or department by its code, a person by their username, a leader by
 * their account's username or full name — or any of them by the numeric id. A JSON integer is
 * always an id and a JSON string always a code or name, even when it is all digits: codes start
 * with a letter (org_edit.c), usernames too (auth_user.c), so "7" can only be a mistake, and
 * reading it as an id would make the meaning of a string depend on the data.
 */
#include "work/work.h"

#include "core/core.h"

#include <string.h>

/* What each kind looks up and how its refusals read. The SQL is fixed text, never input. */
typedef struct {
	const char *by_id;   /* one `?`: the id */
	const char *by_text; /* one `?`: the text as given */
	const char *wrong_type, *not_found, *list;
} RefKindInfo;

static const RefKindInfo kinds[] = {
    [WORK_REF_UNIT] = {"SELECT id FROM unit WHERE id = ?", "SELECT id FROM unit WHERE code = ?",
                       N_("Name the unit by its code or by its numeric id."),
                       N_("There is no such unit."), N_("List the units by code or numeric id.")},
    [WORK_REF_DOMAIN] = {"SELECT id FROM domain WHERE id = ?",
                         "SELECT id FROM domain WHERE code = ?",
                         N_("Name the domain by its code or by its numeric id."),
                         N_("There is no such domain."),
                         N_("List the domains by code or numeric id.")},
    [WORK_REF_DEPARTMENT] = {"SELECT id FROM department WHERE id = ?",
                             "SELECT id FROM department WHERE code = ?",
                             N_("Name the department by its code or by its numeric id."),
                             N_("There is no such department."),
                             N_("List the departments by code or numeric id.")},
    /* usernames are stored lowercased (auth_user.c), so the lowercased text is compared */
    [WORK_REF_USER] = {"SELECT id FROM user_account WHERE id = ?",
                       "SELECT id FROM user_account WHERE username = lower(?)",
                       N_("Name the person by their username or by their numeric id."),
                       N_("There is no account with this name."),
                       N_("List the people by username or numeric id.")},
    /* as org_leader_resolve: the account's username or the full name, the first leader wins */
    [WORK_REF_LEADER] = {"SELECT id FROM leader WHERE id = ?",
                         "WITH x(t) AS (SELECT CAST(? AS TEXT)) SELECT l.id FROM x, leader l "
                         "LEFT JOIN user_account u ON u.id = l.user_id WHERE l.name = x.t OR "
                         "u.username = lower(x.t) ORDER BY l.id LIMIT 1",
                         N_("Name the leader by account name, full name or numeric id."),
                         N_("There is no such leader."),
                         N_("List the leaders by account name, full name or numeric id.")},
};

/* TRUE when S is one or more ASCII digits and nothing else. */
static gboolean all_digits(const char *s)
{
	if (*s == '\0')
		return FALSE;
	for (; *s; s++)
		if (!g_ascii_isdigit(*s))
			return FALSE;
	return TRUE;
}

gboolean work_ref_resolve(const WorkErrors *m, int code, DbConn *c, WorkRefKind kind,
                          const char *name, json_t *value, gint64 *id, const char **field,
                          GError **err)
{
	const RefKindInfo *k;
	gint64 found = 0;

	g_assert(kind >= 0 && (gsize)kind < G_N_ELEMENTS(kinds));
	k = &kinds[kind];
	*id = 0;
	if (value == NULL || json_is_null(value) ||
	    (json_is_string(value) && *json_string_value(value) == '\0'))
		return TRUE; /* not named: the caller decides whether that is allowed */
	if (json_is_integer(value)) {
		if (json_integer_value(value) > 0 &&
		    !work_run(m, c, &found, err, k->by_id, "i", (gint64)json_integer_value(value)))
			return FALSE;
	} else if (json_is_string(value)) {
		const char *s = json_string_value(value);

		/* longer than any code, username or name: it cannot match, so do not look */
		if (strlen(s) > 200 || !g_utf8_validate(s, -1, NULL))
			return work_fail_field(m, err, field, code, name, k->not_found);
		if (!work_run(m, c, &found, err, k->by_text, "s", s))
			return FALSE;
		if (found == 0 && all_digits(s))
			return work_fail_field(m, err, field, code, name,
			                       N_("Nothing has this code; give an id as a number, "
			                          "not as text."));
	} else {
		return work_fail_field(m, err, field, code, name, k->wrong_type);
	}
	if (found == 0)
		return work_fail_field(m, err, field, code, name, k->not_found);
	*id = found;
	return TRUE;
}

GArray *work_ref_resolve_list(const WorkErrors *m, int code, DbConn *c, WorkRefKind kind,
                              const char *name, json_t *list, guint max, const char **field,
                              GError **err)
{
	GArray *ids;
	json_t *v;
	size_t i;

	g_assert(kind >= 0 && (gsize)kind < G_N_ELEMENTS(kinds));
	if (!json_is_array(list)) {
		work_fail_field(m, err, field, code, name, kinds[kind].list);
		return NULL;
	}
	if (json_array_size(list) > MIN(max, WORK_REF_LIST_MAX)) {
		g_autofree char *msg = work_msg_too_many(name, MIN(max, WORK_REF_LIST_MAX));
		work_fail_field(m, err, field, code, name, msg);
		return NULL;
	}
	ids = g_array_sized_new(FALSE, FALSE, sizeof(gint64), (guint)json_array_size(list));
	json_array_foreach (list, i, v) {
		gint64 id = 0;
		gboolean seen = FALSE;

		/* an entry must name something: null and "" are not "nothing" inside a list */
		if (json_is_null(v) || (json_is_string(v) && *json_string_value(v) == '\0')) {
			work_fail_field(m, err, field, code, name, kinds[kind].wrong_type);
			goto fail;
		}
		if (!work_ref_resolve(m, code, c, kind, name, v, &id, field, err))
			goto fail;
		g_assert(id > 0);
		for (guint j = 0; j < ids->len && !seen; j++)
			seen = g_array_index(ids, gint64, j) == id;
		if (!seen)
			g_array_append_val(ids, id);
	}
	return ids;
fail:
	g_array_unref(ids);
	return NULL;
}
