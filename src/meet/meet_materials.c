/*
 * meet_materials.c — an agenda item's materials (上会材料): filed by the proposer, the
 * responsible leader, the chair or the office while the item is before the meeting, and read by
 * whoever sees the meeting. The materials of a 干部任免 item are the exception: only the
 * meeting's voting members read them, from the working day the type's cadre_release_days
 * before the meeting (N working days, counted back from its date), and the one who filed each.
 * Others see that there are such materials and when they are released, never their names.
 */
#define G_LOG_DOMAIN "mishu-meet"

#include "meet/meet_internal.h"
#include "meet/meet_web.h"
#include "core/calendar.h"
#include "core/core.h"
#include "work/work_web.h"

#include <string.h>

#define MATERIALS_MAX 20 /* files per item */

/* The facts of agenda item ITEM that its materials' rules read: kind, status, created_by, the
 * responsible leader's and the chair's users, the meeting's id, start and rules, and whether U
 * is a voting member. NULL with ERR. */
static json_t *facts(DbConn *c, const AuthUser *u, gint64 item, GError **err)
{
	return meet_rules_parsed(work_row(
	    WORK_ERRORS, c, err, N_("There is no such agenda item."),
	    "SELECT a.kind, i.status, i.created_by, l.user_id AS leader_user, m.chair_id, "
	    "a.meeting_id, m.starts_at, m.rules, (SELECT count(*) FROM meeting_member mm WHERE "
	    "mm.meeting_id = a.meeting_id AND mm.user_id = ? AND mm.voting = 1) AS voter FROM "
	    "agenda_item a JOIN item i ON i.id = a.item_id JOIN meeting m ON m.item_id = "
	    "a.meeting_id LEFT JOIN leader l ON l.id = a.leader_id WHERE a.item_id = ?",
	    "ii", u ? u->id : 0, item));
}

/* When the cadre materials of the meeting F describes are released: 00:00 of the working day
 * its rules' cadre_release_days working days before the meeting's date (the day itself with
 * 0). Sets DATE ("YYYY-MM-DD", 11 bytes). */
static gint64 release_at(json_t *f, char date[11])
{
	json_int_t days =
	    json_integer_value(json_object_get(json_object_get(f, "rules"), "cadre_release_days"));
	g_autofree char *day =
	    core_time_format(json_integer_value(json_object_get(f, "starts_at")), "%Y-%m-%d");
	GDate d, r;

	if (!core_date_parse(day, &d))
		return G_MAXINT64;
	core_calendar_add(&d, -(int)CLAMP(days, 0, 30), &r);
	g_snprintf(date, 11, "%04d-%02d-%02d", g_date_get_year(&r), g_date_get_month(&r),
	           g_date_get_day(&r));
	return core_date_unix(&r);
}

/* TRUE when U reads every material of the item F describes now (a general item, or a cadre
 * item once released to a voting member); the filer of a file reads it in any case. */
static gboolean open_to(json_t *f, const AuthUser *u, gint64 release)
{
	if (g_strcmp0(json_string_value(json_object_get(f, "kind")), "cadre") != 0)
		return TRUE;
	return u && json_integer_value(json_object_get(f, "voter")) > 0 && core_now() >= release;
}

json_t *meet_materials(DbConn *c, const AuthUser *u, gint64 item, GError **err)
{
	g_autoptr(json_t) f = facts(c, u, item, err), rows = NULL;
	gboolean cadre, open;
	json_t *files, *r;
	gint64 release = 0, withheld = 0;
	char date[11] = "";
	size_t i;

	if (f == NULL ||
	    (rows = meet_rows(c, err,
	                      "SELECT m.id, m.filename, m.size, m.created_at, m.created_by, "
	                      "u.display_name AS who FROM agenda_material m LEFT JOIN user_account "
	                      "u ON u.id = m.created_by WHERE m.agenda_id = ? ORDER BY m.id",
	                      "i", item)) == NULL)
		return NULL;
	cadre = g_strcmp0(json_string_value(json_object_get(f, "kind")), "cadre") == 0;
	if (cadre)
		release = release_at(f, date);
	open = open_to(f, u, release);
	files = json_array();
	json_array_foreach (rows, i, r) {
		if (!open &&
		    (u == NULL || json_integer_value(json_object_get(r, "created_by")) != u->id)) {
			withheld++;
			continue;
		}
		json_object_del(r, "created_by");
		json_array_append(files, r);
	}
	return json_pack("{s:b, s:s?, s:b, s:I, s:I, s:o}", "restricted", cadre, "release_on",
	                 cadre ? date : NULL, "released", cadre && core_now() >= release, "count",
	                 (json_int_t)json_array_size(rows), "withheld", (json_int_t)withheld,
	                 "files", files);
}

/* TRUE when U may file materials on the item F describes: its proposer, its responsible
 * leader, the meeting's chair or the office. */
static gboolean may_file(json_t *f, const AuthUser *u)
{
	return auth_can(u, "work.all") ||
	       json_integer_value(json_object_get(f, "created_by")) == u->id ||
	       json_integer_value(json_object_get(f, "leader_user")) == u->id ||
	       json_integer_value(json_object_get(f, "chair_id")) == u->id;
}

gboolean meet_materials_may_add(DbConn *c, const AuthUser *u, gint64 item, GError **err)
{
	g_autoptr(json_t) f = facts(c, u, item, err);

	return f && may_file(f, u) &&
	       core_word_in(json_string_value(json_object_get(f, "status")),
	                    "proposed consented scheduled");
}

gboolean meet_materials_add(DbConn *c, const AuthUser *u, gint64 item, GPtrArray *files,
                            const char **field, GError **err)
{
	g_autoptr(json_t) f = facts(c, u, item, err);
	g_autoptr(json_t) names = NULL;
	gint64 have = 0;

	if (f == NULL)
		return FALSE;
	if (!may_file(f, u))
		return meet_fail(err, field, WORK_ERROR_FORBIDDEN, NULL,
		                 N_("Materials are filed by the proposer, the responsible leader, "
		                    "the chair or the office."));
	if (!core_word_in(json_string_value(json_object_get(f, "status")),
	                  "proposed consented scheduled"))
		return meet_fail(err, field, WORK_ERROR_STATE, NULL,
		                 N_("Materials are filed while the item is before the meeting."));
	if (files == NULL || files->len == 0)
		return meet_fail(err, field, WORK_ERROR_INVALID, "file",
		                 N_("Choose a file to attach."));
	if (!meet_exec(c, &have, err, "SELECT count(*) FROM agenda_material WHERE agenda_id = ?",
	               "i", item))
		return FALSE;
	if (have + files->len > MATERIALS_MAX)
		return meet_fail(err, field, WORK_ERROR_INVALID, "file",
		                 N_("An item has at most 20 files of materials."));
	for (guint i = 0; i < files->len; i++)
		if (!work_upload_check(g_ptr_array_index(files, i), work_file_kinds, "file", field,
		                       err))
			return FALSE;
	/* parameters 3 and 4 of work_upload_store mean nothing here: stated so both databases
	 * type them */
	for (guint i = 0; i < files->len; i++)
		if (!work_upload_store(
		        c, g_ptr_array_index(files, i),
		        "INSERT INTO agenda_material (data, agenda_id, filename, "
		        "content_type, size, created_by, created_at) SELECT ?1, ?2, "
		        "?5, ?6, ?7, ?8, ?9 WHERE CAST(?3 AS BIGINT) = 0 AND CAST(?4 "
		        "AS TEXT) = ''",
		        item, 0, "", u->id, err))
			return FALSE;
	names = json_pack("{s:o}", "files", work_upload_names(files));
	return work_step_event(WORK_ERRORS, c, item, u, "materials", NULL, NULL, NULL, names, err);
}

gboolean meet_material_readable(DbConn *c, const AuthUser *u, gint64 item, gint64 material,
                                GError **err)
{
	g_autoptr(json_t) f = facts(c, u, item, err), row = NULL;
	gint64 release;
	char date[11];

	if (f == NULL ||
	    (row = work_row(WORK_ERRORS, c, err, N_("There is no such file."),
	                    "SELECT created_by FROM agenda_material WHERE id = ? AND agenda_id = ?",
	                    "ii", material, item)) == NULL)
		return FALSE;
	release = g_strcmp0(json_string_value(json_object_get(f, "kind")), "cadre") == 0
	              ? release_at(f, date)
	              : 0;
	if (open_to(f, u, release) ||
	    json_integer_value(json_object_get(row, "created_by")) == u->id)
		return TRUE;
	if (json_integer_value(json_object_get(f, "voter")) == 0)
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_FORBIDDEN,
		                    N_("The materials of a cadre item go only to the meeting's "
		                       "voting members."));
	else
		g_set_error(err, WORK_ERROR, WORK_ERROR_FORBIDDEN,
		            core_tr_now(N_("The materials of a cadre item are released on %s.")),
		            date);
	return FALSE;
}

/* GET /api/v1/meetings/{id}/agenda/{n}/materials/{mid}: the file, for whoever sees the meeting
 * and may read the item's materials now. */
void meet_api_material(HttpRequest *req, HttpResponse *res)
{
	MeetOp o = {0};
	GError *err = NULL;
	gint64 item, mid;
	DbConn *c;

	if (!meet_api_agenda_path(req, res, &o, &item))
		return;
	if (!http_param_id(req, "mid", &mid)) {
		http_reply_error(res, 404, "not_found", N_("There is nothing at this address."),
		                 NULL);
		return;
	}
	if ((c = work_conn(req, res)) == NULL)
		return;
	if (!meet_material_readable(c, auth_current(req), item, mid, &err)) {
		work_fail(req, res, err, NULL);
		return;
	}
	work_send_file(res, c,
	               "SELECT filename, data FROM agenda_material WHERE id = ? AND agenda_id = ?",
	               mid, item);
}
