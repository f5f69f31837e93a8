/*
 * info_bulletin.c — the bulletins (刊物) as data: each series' name, 编发单位, readers (every
 * 常委, or the leaders in charge of a domain), the working hours after which unread readers are
 * shown, and the 报/送 lines printed at the end of each issue.
 */
#define G_LOG_DOMAIN "mishu-info"

#include "info/info_internal.h"
#include "core/core.h"

#include <string.h>

#define BULLETIN_COLUMNS                                                                           \
	"b.code, b.name, b.publisher, b.readers, d.code AS domain_code, d.name AS domain_name, "   \
	"b.unread_hours, b.send_to, b.copy_to, b.position"

json_t *info_bulletins(DbConn *c, GError **err)
{
	g_autofree char *year = core_today();
	json_t *rows = info_rows(
	    c, err,
	    "SELECT " BULLETIN_COLUMNS ", (SELECT count(*) FROM issue s WHERE s.bulletin = b.code "
	    "AND s.year = ?) AS issues, (SELECT s.item_id FROM issue s WHERE s.bulletin = b.code "
	    "AND "
	    "s.number IS NOT NULL ORDER BY s.year DESC, s.number DESC LIMIT 1) AS last_id FROM "
	    "bulletin b LEFT JOIN domain d ON d.id = b.domain_id ORDER BY b.position, b.code",
	    "i", (gint64)atoi(year));
	json_t *r;
	size_t i;

	if (rows == NULL)
		return NULL;
	json_array_foreach (rows, i, r) {
		gint64 last = json_integer_value(json_object_get(r, "last_id"));
		json_t *one = NULL;

		info_nest_ref(r, "domain");
		if (last &&
		    (one = work_row(WORK_ERRORS, c, err, N_("There is no such issue."),
		                    "SELECT s.item_id AS id, s.number, s.year, s.published_at "
		                    "FROM issue s WHERE s.item_id = ?",
		                    "i", last)) == NULL) {
			json_decref(rows);
			return NULL;
		}
		json_object_set_new(r, "last", one ? one : json_null());
		json_object_del(r, "last_id");
	}
	return rows;
}

json_t *info_bulletin(DbConn *c, const char *code, const char *field_name, const char **field,
                      GError **err)
{
	json_t *rows, *r;

	if (code == NULL ||
	    (rows = info_rows(c, err,
	                      "SELECT " BULLETIN_COLUMNS " FROM bulletin b LEFT "
	                      "JOIN domain d ON d.id = b.domain_id WHERE b.code = ?",
	                      "s", code)) == NULL) {
		if (code == NULL)
			info_fail(err, field, WORK_ERROR_INVALID, field_name,
			          N_("Name the bulletin by its code."));
		return NULL;
	}
	if ((r = json_incref(json_array_get(rows, 0))) == NULL)
		info_fail(err, field, WORK_ERROR_INVALID, field_name,
		          N_("There is no bulletin with this code."));
	else
		info_nest_ref(r, "domain");
	json_decref(rows);
	return r;
}

/* TEXT of field NAME in OBJ, 1…MAX characters (0 MIN: may be empty or absent, then ""). */
static gboolean text_field(json_t *obj, const char *name, int min, int max, const char **out,
                           const char **field, GError **err)
{
	json_t *v = json_object_get(obj, name);

	*out = v ? json_string_value(v) : "";
	if (*out == NULL || (glong)g_utf8_strlen(*out, -1) < min) {
		*field = name;
		g_set_error(err, WORK_ERROR, WORK_ERROR_INVALID,
		            core_tr_now(N_("Give the %s (%d to %d characters).")),
		            core_tr_now(work_field_label(name) ? work_field_label(name) : name),
		            min, max);
		return FALSE;
	}
	if (g_utf8_strlen(*out, -1) > max)
		return work_fail_too_long(WORK_ERRORS, err, field, WORK_ERROR_INVALID, name, max);
	return TRUE;
}

gboolean info_bulletin_save(DbConn *c, const char *code, json_t *obj, const char **field,
                            GError **err)
{
	const char *name, *publisher, *send_to, *copy_to;
	const char *readers = json_string_value(json_object_get(obj, "readers"));
	json_t *hours = json_object_get(obj, "unread_hours"),
	       *pos = json_object_get(obj, "position");
	gint64 domain = 0;

	if (!json_is_object(obj))
		return info_fail(err, field, WORK_ERROR_INVALID, NULL, N_("Send a JSON object."));
	if (code == NULL || !g_regex_match_simple("^[a-z][a-z0-9_]{1,31}$", code, 0, 0))
		return info_fail(err, field, WORK_ERROR_INVALID, "code",
		                 N_("A bulletin's code is 2 to 32 of a-z, 0-9 and _."));
	if (!text_field(obj, "name", 2, 40, &name, field, err) ||
	    !text_field(obj, "publisher", 2, 60, &publisher, field, err) ||
	    !text_field(obj, "send_to", 0, 500, &send_to, field, err) ||
	    !text_field(obj, "copy_to", 0, 500, &copy_to, field, err))
		return FALSE;
	if (readers == NULL)
		readers = "standing";
	if (strcmp(readers, "standing") && strcmp(readers, "routed"))
		return info_fail(
		    err, field, WORK_ERROR_INVALID, "readers",
		    N_("The readers are standing (every 常委) or routed (the leaders in "
		       "charge of the domain)."));
	if (!work_ref_resolve(WORK_ERRORS, WORK_ERROR_INVALID, c, WORK_REF_DOMAIN, "domain",
	                      json_object_get(obj, "domain"), &domain, field, err))
		return FALSE;
	if (strcmp(readers, "routed") == 0 && domain == 0)
		return info_fail(err, field, WORK_ERROR_INVALID, "domain",
		                 N_("A bulletin for the leaders in charge names its domain."));
	if (hours && (!json_is_integer(hours) || json_integer_value(hours) < 1 ||
	              json_integer_value(hours) > 200))
		return info_fail(
		    err, field, WORK_ERROR_INVALID, "unread_hours",
		    N_("The working hours before unread readers are shown are 1 to 200."));
	if (pos && (!json_is_integer(pos) || json_integer_value(pos) < 0 ||
	            json_integer_value(pos) > 1000))
		return info_fail(err, field, WORK_ERROR_INVALID, "position",
		                 N_("The position is 0 to 1000."));
	return info_exec(c, NULL, err,
	                 "INSERT INTO bulletin (code, name, publisher, readers, domain_id, "
	                 "unread_hours, send_to, copy_to, position) VALUES (?, ?, ?, ?, NULLIF(?, "
	                 "0), ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET name = excluded.name, "
	                 "publisher = excluded.publisher, readers = excluded.readers, domain_id = "
	                 "excluded.domain_id, unread_hours = excluded.unread_hours, send_to = "
	                 "excluded.send_to, copy_to = excluded.copy_to, position = "
	                 "excluded.position",
	                 "ssssiissi", code, name, publisher, readers, domain,
	                 hours ? (gint64)json_integer_value(hours) : 4, send_to, copy_to,
	                 pos ? (gint64)json_integer_value(pos) : 0);
}
