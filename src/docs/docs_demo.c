/*
 * docs_demo.c — the demo city's document series (代字: 江委发, 江委办发, 江委函, 江委办函) from
 * data/demo/jiangcheng.json, for `mishu init --demo`.
 */
#define G_LOG_DOMAIN "mishu-docs"

#include "docs/docs_internal.h"

#include <gio/gio.h>

/* The bundle generated from mishu.gresource.xml (referencing it keeps it linked in). */
extern GResource *mishu_get_resource(void);

gboolean docs_demo_load(Db *db, GError **err)
{
	g_autoptr(GBytes) b =
	    g_resource_lookup_data(mishu_get_resource(), "/mishu/data/demo/jiangcheng.json",
	                           G_RESOURCE_LOOKUP_FLAGS_NONE, err);
	json_t *city, *s;
	GError *e = NULL;
	DbConn *c;
	size_t i;
	gboolean ok = TRUE;

	if (b == NULL)
		return FALSE;
	city = json_loadb(g_bytes_get_data(b, NULL), g_bytes_get_size(b), 0, NULL);
	if ((c = db_conn(db, &e)) == NULL || !db_begin(c, TRUE, &e)) {
		json_decref(city);
		docs_error_from_db(err, e);
		return FALSE;
	}
	json_array_foreach (json_object_get(city, "series"), i, s)
		ok = ok &&
		     docs_exec(c, NULL, err,
		               "INSERT INTO doc_series (prefix, name, scope, issuer_mark, "
		               "issuer_name, printer, position) VALUES (?, ?, ?, ?, ?, ?, ?) ON "
		               "CONFLICT (prefix) DO NOTHING",
		               "ssssssi", json_string_value(json_object_get(s, "prefix")),
		               json_string_value(json_object_get(s, "name")),
		               json_string_value(json_object_get(s, "scope")),
		               json_string_value(json_object_get(s, "issuer_mark")),
		               json_string_value(json_object_get(s, "issuer_name")),
		               json_string_value(json_object_get(s, "printer")),
		               (gint64)(i + 1) * 10);
	json_decref(city);
	if (!ok) {
		db_rollback(c);
		return FALSE;
	}
	if (!db_commit(c, &e)) {
		docs_error_from_db(err, e);
		return FALSE;
	}
	return TRUE;
}
