/*
 * settings.c — settings an office changes at run time that are held as JSON in the setting
 * table, over defaults bundled with the program (data/…json): the scoring rules of reports, the
 * duty shifts.
 */
#define G_LOG_DOMAIN "mishu-work"

#include "work/work.h"

#include <gio/gio.h>

/* The bundle generated from mishu.gresource.xml. */
extern GResource *mishu_get_resource(void);

/* The bundled defaults at PATH; NULL with ERR (M's database failure). */
static json_t *defaults_json(const WorkErrors *m, const char *path, GError **err)
{
	g_autoptr(GBytes) b =
	    g_resource_lookup_data(mishu_get_resource(), path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
	json_t *j = b ? json_loadb(g_bytes_get_data(b, NULL), g_bytes_get_size(b), 0, NULL) : NULL;

	if (j == NULL)
		g_set_error(err, m->domain, m->db_code, "%s is missing or not JSON", path);
	return j;
}

json_t *work_setting_json(const WorkErrors *m, DbConn *c, const char *key, const char *defaults,
                          GError **err)
{
	g_autoptr(json_t) rows =
	    work_rows(m, c, err, "SELECT value FROM setting WHERE key = ?", "s", key);
	json_t *j;

	if (rows == NULL)
		return NULL;
	if (json_array_size(rows) == 0)
		return defaults_json(m, defaults, err);
	j = json_loads(json_string_value(json_object_get(json_array_get(rows, 0), "value")), 0,
	               NULL);
	return j ? j : defaults_json(m, defaults, err);
}

gboolean work_setting_json_save(const WorkErrors *m, DbConn *c, const char *key, json_t *value,
                                GError **err)
{
	g_autofree char *text = json_dumps(value, JSON_COMPACT);

	return work_run(
	    m, c, NULL, err,
	    "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
	    "SET value = excluded.value",
	    "ss", key, text);
}
