/*
 * docs_recipients.c — whom an outgoing document is addressed to (主送, 抄送): local units, the
 * directory of bodies outside the city and of groups (org_recipient, data/org/recipients.json),
 * and bodies named in free text; storing them in the order given, reading them back, joining
 * them into the 主送/抄送 line (GB/T 9704: "、" within a kind, "，" between kinds), and the
 * local units a distribution reaches (a group reaches every active unit of its kinds).
 */
#define G_LOG_DOMAIN "mishu-docs"

#include "docs/docs_internal.h"
#include "core/core.h"

#include <string.h>

/* The longest name of a body given in free text, in characters. */
#define OTHER_NAME_MAX 50

/* TEXT without leading and trailing spaces, ASCII or ideographic (U+3000). g_free. */
static char *trimmed(const char *text)
{
	const char *a = text, *b = text + strlen(text);

	while (*a == ' ' || *a == '\t' || *a == '\n' || *a == '\r' || g_utf8_get_char(a) == 0x3000)
		a = g_utf8_next_char(a);
	while (b > a) {
		const char *p = g_utf8_find_prev_char(a, b);
		gunichar ch = g_utf8_get_char(p);
		if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r' && ch != 0x3000)
			break;
		b = p;
	}
	return g_strndup(a, (gsize)(b - a));
}

/* Stores entry V (position POS of list KIND of ITEM): a unit id, a unit or directory code, or
 * {"name"} in free text (other objects are refused, as references are, CONTRACT.md). */
static gboolean entry_store(DbConn *c, gint64 item, json_t *v, const char *kind, gint64 pos,
                            const char *name, const char **field, GError **err)
{
	gint64 unit = 0, dir = 0;

	if (json_is_object(v) && json_object_get(v, "name")) {
		g_autofree char *text = json_is_string(json_object_get(v, "name"))
		                            ? trimmed(json_string_value(json_object_get(v, "name")))
		                            : NULL;
		if (text == NULL || *text == '\0')
			return docs_fail_field(err, field, WORK_ERROR_INVALID, name,
			                       N_("Name the body in words."));
		if (g_utf8_strlen(text, -1) > OTHER_NAME_MAX)
			return docs_fail_field(err, field, WORK_ERROR_INVALID, name,
			                       N_("The name of a body is at most 50 characters."));
		return docs_exec(c, NULL, err,
		                 "INSERT INTO doc_recipient_other (item_id, kind, position, name) "
		                 "VALUES (?, ?, ?, ?)",
		                 "isis", item, kind, pos, text);
	}
	if (json_is_integer(v)) {
		if (!docs_exec(c, &unit, err, "SELECT id FROM unit WHERE id = ?", "i",
		               (gint64)json_integer_value(v)))
			return FALSE;
	} else if (json_is_string(v) && *json_string_value(v)) {
		if (!docs_exec(c, &unit, err, "SELECT id FROM unit WHERE code = ?", "s",
		               json_string_value(v)) ||
		    (unit == 0 && !docs_exec(c, &dir, err,
		                             "SELECT id FROM org_recipient WHERE code = ? AND "
		                             "active = 1",
		                             "s", json_string_value(v))))
			return FALSE;
	}
	if (unit)
		return docs_exec(
		    c, NULL, err,
		    "INSERT INTO doc_recipient (item_id, unit_id, kind, position) VALUES "
		    "(?, ?, ?, ?) ON CONFLICT (item_id, unit_id) DO NOTHING",
		    "iisi", item, unit, kind, pos);
	if (dir)
		return docs_exec(c, NULL, err,
		                 "INSERT INTO doc_recipient_other (item_id, kind, position, "
		                 "recipient_id, name) SELECT ?, ?, ?, id, name FROM org_recipient "
		                 "WHERE id = ?",
		                 "isii", item, kind, pos, dir);
	return docs_fail_field(err, field, WORK_ERROR_INVALID, name,
	                       N_("Each recipient is a unit's code, a code from the directory "
	                          "of recipients (机关名录), or a body's name in words."));
}

gboolean docs_recipients_store(DbConn *c, gint64 item, json_t *list, const char *kind,
                               const char *name, const char **field, GError **err)
{
	json_t *v;
	size_t i;

	if (list == NULL)
		return TRUE;
	if (!json_is_array(list))
		return docs_fail_field(err, field, WORK_ERROR_INVALID, name,
		                       N_("List at most 500 recipients."));
	if (json_array_size(list) > 500) {
		g_autofree char *msg = work_msg_too_many(name, 500);
		*field = name;
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_INVALID, msg);
		return FALSE;
	}
	if (!docs_exec(c, NULL, err, "DELETE FROM doc_recipient WHERE item_id = ? AND kind = ?",
	               "is", item, kind) ||
	    !docs_exec(c, NULL, err,
	               "DELETE FROM doc_recipient_other WHERE item_id = ? AND kind = ?", "is", item,
	               kind))
		return FALSE;
	json_array_foreach (list, i, v)
		if (!entry_store(c, item, v, kind, (gint64)i + 1, name, field, err))
			return FALSE;
	return TRUE;
}

json_t *docs_recipients_list(DbConn *c, gint64 item, const char *kind, GError **err)
{
	json_t *rows = docs_rows(
	    c, err,
	    "SELECT r.position, n.id, n.code, n.name, 'unit' AS kind, n.kind AS unit_kind FROM "
	    "doc_recipient r JOIN unit n ON n.id = r.unit_id WHERE r.item_id = ? AND r.kind = ? "
	    "UNION ALL SELECT o.position, CAST(NULL AS BIGINT), g.code, o.name, "
	    "coalesce(g.kind, 'text'), CAST(NULL AS TEXT) FROM doc_recipient_other o LEFT JOIN "
	    "org_recipient g ON g.id = o.recipient_id WHERE o.item_id = ? AND o.kind = ? "
	    "ORDER BY 1",
	    "isis", item, kind, item, kind);
	json_t *r;
	size_t i;

	json_array_foreach (rows, i, r) {
		json_object_del(r, "position");
		for (const char **k = (const char *[]){"id", "code", "unit_kind", NULL}; *k; k++)
			if (json_is_null(json_object_get(r, *k)))
				json_object_del(r, *k);
	}
	return rows;
}

/* The kind of recipient R for joining: a local unit by its unit's kind, each group by itself,
 * higher and peer bodies and free text by their kind. g_free. */
static char *join_kind(json_t *r)
{
	const char *kind = json_string_value(json_object_get(r, "kind"));

	if (g_strcmp0(kind, "unit") == 0)
		return g_strconcat("unit:", json_string_value(json_object_get(r, "unit_kind")),
		                   NULL);
	if (g_strcmp0(kind, "group") == 0)
		return g_strconcat("group:", json_string_value(json_object_get(r, "code")), NULL);
	return g_strdup(kind ? kind : "");
}

char *docs_recipients_text(json_t *list)
{
	GString *s = g_string_new(NULL);
	g_autofree char *prev = NULL;
	json_t *r;
	size_t i;

	json_array_foreach (list, i, r) {
		char *k = join_kind(r);
		if (i)
			g_string_append(s, g_strcmp0(k, prev) == 0 ? "、" : "，");
		g_string_append(s, json_string_value(json_object_get(r, "name")));
		g_free(prev);
		prev = k;
	}
	return g_string_free(s, FALSE);
}

json_t *docs_recipients_units(DbConn *c, gint64 item, GError **err)
{
	/* a group reaches the active units of its kinds, the issuing unit itself excepted */
	return docs_rows(
	    c, err,
	    "SELECT unit_id FROM doc_recipient WHERE item_id = ? UNION SELECT n.id FROM unit n "
	    "JOIN doc_recipient_other o ON o.item_id = ? JOIN org_recipient g ON g.id = "
	    "o.recipient_id AND g.kind = 'group' JOIN item i ON i.id = o.item_id WHERE n.active "
	    "= 1 AND n.id <> coalesce(i.unit_id, 0) AND (',' || g.unit_kinds || ',') LIKE ('%,' "
	    "|| n.kind || ',%') ORDER BY 1",
	    "ii", item, item);
}
