/*
 * portal_settings.c — the portal's settings (in the setting table, keys portal.*) and the
 * links block (友情链接).
 */
#define G_LOG_DOMAIN "mishu-portal"

#include "portal/portal.h"
#include "core/core.h"

#include <string.h>

/* Each setting: its key in the request and in the setting table, and its default. */
static const struct {
	const char *name, *key;
	gboolean dflt;
} settings[] = {
    {"public", "portal.public", FALSE},                         /* 门户对外公开 */
    {"anonymous_comments", "portal.anonymous_comments", FALSE}, /* 允许匿名评论 */
    {"moderation", "portal.moderation", TRUE},                  /* 评论先审后发 */
};

json_t *portal_settings(DbConn *c, GError **err)
{
	g_autoptr(json_t) stored = work_rows(
	    WORK_ERRORS, c, err, "SELECT key, value FROM setting WHERE key LIKE 'portal.%'", NULL);
	json_t *out, *r;
	size_t i;

	if (stored == NULL)
		return NULL;
	out = json_object();
	for (gsize k = 0; k < G_N_ELEMENTS(settings); k++)
		json_object_set_new(out, settings[k].name, json_boolean(settings[k].dflt));
	json_array_foreach (stored, i, r) {
		const char *key = json_string_value(json_object_get(r, "key"));

		for (gsize k = 0; k < G_N_ELEMENTS(settings); k++)
			if (g_strcmp0(key, settings[k].key) == 0)
				json_object_set_new(
				    out, settings[k].name,
				    json_boolean(
				        g_strcmp0(json_string_value(json_object_get(r, "value")),
				                  "1") == 0));
	}
	return out;
}

gboolean portal_settings_set(DbConn *c, json_t *body, const char **field, GError **err)
{
	for (gsize k = 0; k < G_N_ELEMENTS(settings); k++) {
		json_t *v = json_object_get(body, settings[k].name);

		if (v == NULL)
			continue;
		if (!json_is_boolean(v))
			return work_fail_field(WORK_ERRORS, err, field, WORK_ERROR_INVALID,
			                       settings[k].name, N_("Give true or false."));
		if (!work_run(WORK_ERRORS, c, NULL, err,
		              "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO "
		              "UPDATE SET value = excluded.value",
		              "ss", settings[k].key, json_is_true(v) ? "1" : "0"))
			return FALSE;
	}
	return TRUE;
}

json_t *portal_links(DbConn *c, GError **err)
{
	return work_rows(WORK_ERRORS, c, err,
	                 "SELECT id, name, url FROM portal_link ORDER BY position, id", NULL);
}

/* TRUE when URL is an http(s) address or a path on this site (never javascript: …). */
static gboolean url_ok(const char *url)
{
	if (url[0] == '/')
		return url[1] != '/' && url[1] != '\\';
	return (g_str_has_prefix(url, "http://") || g_str_has_prefix(url, "https://")) &&
	       strpbrk(url, " \t\r\n<>\"") == NULL && strlen(url) > 8;
}

gboolean portal_links_set(DbConn *c, json_t *body, const char **field, GError **err)
{
	json_t *list = json_object_get(body, "links"), *l;
	size_t i;

	if (!json_is_array(list))
		return work_fail_field(WORK_ERRORS, err, field, WORK_ERROR_INVALID, "links",
		                       N_("Give the links as a list."));
	if (json_array_size(list) > PORTAL_LINKS_MAX) {
		g_autofree char *msg = work_msg_too_many("links", PORTAL_LINKS_MAX);
		return work_fail_field(WORK_ERRORS, err, field, WORK_ERROR_INVALID, "links", msg);
	}
	json_array_foreach (list, i, l) {
		const char *name = json_string_value(json_object_get(l, "name"));
		const char *url = json_string_value(json_object_get(l, "url"));

		if (name == NULL || core_text_blank(name) ||
		    g_utf8_strlen(name, -1) > PORTAL_NAME_MAX)
			return work_fail_field(
			    WORK_ERRORS, err, field, WORK_ERROR_INVALID, "links",
			    N_("Each link needs a name of at most 64 characters."));
		if (url == NULL || strlen(url) > 500 || !url_ok(url))
			return work_fail_field(
			    WORK_ERRORS, err, field, WORK_ERROR_INVALID, "links",
			    N_("Each link needs an address starting with http://, https:// or /."));
	}
	if (!work_run(WORK_ERRORS, c, NULL, err, "DELETE FROM portal_link", NULL))
		return FALSE;
	json_array_foreach (list, i, l)
		if (!work_run(WORK_ERRORS, c, NULL, err,
		              "INSERT INTO portal_link (name, url, position) VALUES (?, ?, ?)",
		              "ssi", json_string_value(json_object_get(l, "name")),
		              json_string_value(json_object_get(l, "url")), (gint64)i))
			return FALSE;
	return TRUE;
}
