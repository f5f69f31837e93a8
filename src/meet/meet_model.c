/*
 * meet_model.c — meetings as the office calls them: a meeting of a type (its rules kept with
 * it), its chair and members taken from the organisation on the meeting's date (voting members
 * for 全委会 and 常委会, named attendees for the others), and its agenda items (议题) with the
 * responsible leader from routing. Reading a meeting gives its attendance, agenda, votes,
 * history and the steps the reader may take.
 */
#define G_LOG_DOMAIN "mishu-meet"

#include "meet/meet_internal.h"
#include "core/core.h"
#include "org/org.h"
#include "work/flow.h"

#include <stdlib.h>
#include <string.h>

#define TITLE_MAX 100
#define ROOM_MAX  40
#define BODY_MAX  20000
#define OBS_MAX   2000

json_t *meet_rules_parsed(json_t *row)
{
	json_t *rules;

	if (row == NULL)
		return NULL;
	rules = json_loads(json_string_value(json_object_get(row, "rules")), 0, NULL);
	json_object_set_new(row, "rules", rules ? rules : json_object());
	return row;
}

json_t *meet_row(DbConn *c, gint64 id, GError **err)
{
	return meet_rules_parsed(work_row(WORK_ERRORS, c, err, N_("There is no such meeting."),
	                                  "SELECT i.status, i.title, m.type, m.rules, m.chair_id, "
	                                  "m.starts_at, m.ends_at, m.room, m.opened_at FROM item i "
	                                  "JOIN meeting m ON m.item_id = i.id WHERE i.id = ?",
	                                  "i", id));
}

gboolean meet_agenda_id(DbConn *c, gint64 meeting, gint64 n, gint64 *id, GError **err)
{
	g_autoptr(json_t) r = work_row(WORK_ERRORS, c, err, N_("There is no such agenda item."),
	                               "SELECT item_id FROM agenda_item WHERE meeting_id = ? AND n "
	                               "= ?",
	                               "ii", meeting, n);

	if (r == NULL)
		return FALSE;
	*id = json_integer_value(json_object_get(r, "item_id"));
	return TRUE;
}

/* The chair of a meeting of TYPE on DATE: the leader OBJ's "chair" names, else the 书记 (or
 * the 秘书长 for a 秘书长办公会). A 专题会 is chaired by a 常委 whose 分工 on DATE covers
 * DOMAIN. Sets *USER_ID; FALSE with ERR and *FIELD. */
static gboolean chair_of(DbConn *c, json_t *type, json_t *obj, const char *date, const char *domain,
                         gint64 *user_id, const char **field, GError **err)
{
	const char *kind = json_string_value(json_object_get(type, "chair"));
	g_autoptr(json_t) leaders = NULL;
	json_t *ref = json_object_get(obj, "chair"), *l;
	gint64 named = 0;
	size_t i;
	GError *e = NULL;

	if (ref && !json_is_null(ref) &&
	    !work_ref_resolve(WORK_ERRORS, WORK_ERROR_INVALID, c, WORK_REF_USER, "chair", ref,
	                      &named, field, err))
		return FALSE;
	if ((leaders = org_leaders(c, date, FALSE, &e)) == NULL) {
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
		return FALSE;
	}
	*user_id = 0;
	json_array_foreach (leaders, i, l) {
		gint64 uid = json_integer_value(json_object_get(l, "user_id"));
		const char *lk = json_string_value(json_object_get(l, "kind"));
		gboolean sg = FALSE;
		json_t *p;
		size_t k;

		json_array_foreach (json_object_get(l, "posts"), k, p)
			sg = sg || g_strcmp0(json_string_value(p), "秘书长") == 0;
		if (strstr(json_string_value(json_object_get(l, "title")), "秘书长"))
			sg = TRUE;
		if (named) {
			if (uid == named)
				*user_id = uid;
		} else if ((g_strcmp0(kind, "secretary") == 0 && g_strcmp0(lk, "secretary") == 0) ||
		           (g_strcmp0(kind, "secretary_general") == 0 && sg)) {
			*user_id = uid;
			break;
		}
	}
	if (*user_id == 0)
		return meet_fail(err, field, WORK_ERROR_INVALID, "chair",
		                 named ? N_("The chair must be a leader in office on the meeting's "
		                            "date.")
		                       : N_("Name the chair of the meeting."));
	if (g_strcmp0(kind, "portfolio") == 0) {
		OrgRouteQuery q = {.work = "meeting", .domain = domain, .on = date};
		g_autoptr(json_t) route = NULL;
		gboolean in = FALSE;

		if (domain == NULL)
			return meet_fail(err, field, WORK_ERROR_INVALID, "domain",
			                 N_("A thematic meeting names the domain it is about."));
		if ((route = org_route(c, &q, core_lang_current(), field, &e)) == NULL) {
			g_propagate_error(err, e);
			return FALSE;
		}
		json_array_foreach (json_object_get(route, "leaders"), i, l)
			in = in || (json_integer_value(json_object_get(l, "user_id")) == *user_id &&
			            g_strcmp0(json_string_value(json_object_get(l, "basis")),
			                      "domain") == 0);
		if (!in)
			return meet_fail(
			    err, field, WORK_ERROR_INVALID, "chair",
			    N_("A thematic meeting is chaired by a standing committee "
			       "member whose division of responsibility covers its domain "
			       "on that day."));
	}
	return TRUE;
}

/* Calls the members of meeting ID of TYPE on DATE: the whole committee in office that day for
 * 全委会 (the 常委 first, org_committee) and every 常委 for 常委会 (voting; the 书记 the
 * principal), else the chair and the named attendees
 * of OBJ's "attendees" (no vote). Each may see the meeting. */
static gboolean call_members(DbConn *c, gint64 id, json_t *type, json_t *obj, const char *date,
                             gint64 chair, const char **field, GError **err)
{
	const char *members = json_string_value(json_object_get(type, "members"));
	gboolean voting = json_is_true(json_object_get(type, "voting"));
	GError *e = NULL;
	int rank = 0;

	if (g_strcmp0(members, "named") != 0) {
		g_autoptr(json_t) leaders = g_strcmp0(members, "committee") == 0
		                                ? org_committee(c, date, &e)
		                                : org_leaders(c, date, FALSE, &e);
		json_t *l;
		size_t i;

		if (leaders == NULL) {
			work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
			return FALSE;
		}
		json_array_foreach (leaders, i, l) {
			gint64 uid = json_integer_value(json_object_get(l, "user_id"));
			gboolean principal =
			    g_strcmp0(json_string_value(json_object_get(l, "kind")), "secretary") ==
			    0;
			if (uid == 0)
				continue;
			if (!meet_exec(
			        c, NULL, err,
			        "INSERT INTO meeting_member (meeting_id, user_id, rank, voting, "
			        "principal) VALUES (?, ?, ?, ?, ?)",
			        "iiiii", id, uid, ++rank, (gint64)voting, (gint64)principal) ||
			    !work_step_grant(WORK_ERRORS, c, id, uid, 0, "invited", err))
				return FALSE;
		}
		return TRUE;
	}
	{
		g_autoptr(GArray) ids = work_ref_resolve_list(
		    WORK_ERRORS, WORK_ERROR_INVALID, c, WORK_REF_USER, "attendees",
		    json_object_get(obj, "attendees") ? json_object_get(obj, "attendees")
		                                      : json_array(),
		    100, field, err);

		if (ids == NULL)
			return FALSE;
		g_array_prepend_val(ids, chair);
		for (guint k = 0; k < ids->len; k++) {
			gint64 uid = g_array_index(ids, gint64, k);
			if (k > 0 && uid == chair)
				continue;
			if (!meet_exec(
			        c, NULL, err,
			        "INSERT INTO meeting_member (meeting_id, user_id, rank, voting, "
			        "principal) VALUES (?, ?, ?, 0, ?)",
			        "iiii", id, uid, ++rank, (gint64)(k == 0)) ||
			    !work_step_grant(WORK_ERRORS, c, id, uid, 0, "invited", err))
				return FALSE;
		}
	}
	return TRUE;
}

/* FALSE with ERR (WORK_ERROR_CONFLICT, field "room") when ROOM (not blank) is booked by a meeting
 * that is not cancelled or called off and overlaps [STARTS, ENDS). */
static gboolean room_free(DbConn *c, const char *room, gint64 starts, gint64 ends,
                          const char **field, GError **err)
{
	g_autoptr(json_t) rows = NULL;
	g_autofree char *from = NULL, *to = NULL;
	json_t *r;

	if (room == NULL || *room == '\0')
		return TRUE;
	rows =
	    meet_rows(c, err,
	              "SELECT i.title, m.starts_at, m.ends_at FROM meeting m JOIN item i ON i.id = "
	              "m.item_id WHERE m.room = ? AND i.status NOT IN ('cancelled', 'not_held') "
	              "AND m.starts_at < ? AND m.ends_at > ? ORDER BY m.starts_at LIMIT 1",
	              "sii", room, ends, starts);
	if (rows == NULL)
		return FALSE;
	if ((r = json_array_get(rows, 0)) == NULL)
		return TRUE;
	from =
	    core_time_format(json_integer_value(json_object_get(r, "starts_at")), "%Y-%m-%d %H:%M");
	to = core_time_format(json_integer_value(json_object_get(r, "ends_at")), "%H:%M");
	*field = "room";
	g_set_error(err, WORK_ERROR, WORK_ERROR_CONFLICT,
	            core_tr_now(N_("%s is booked then for “%s” (%s–%s).")), room,
	            json_string_value(json_object_get(r, "title")), from, to);
	return FALSE;
}

gboolean meet_create(DbConn *c, const AuthUser *u, json_t *obj, gint64 *id, const char **field,
                     GError **err)
{
	const char *code = json_string_value(json_object_get(obj, "type"));
	const char *title = json_string_value(json_object_get(obj, "title"));
	const char *room = json_string_value(json_object_get(obj, "room"));
	const char *domain = json_string_value(json_object_get(obj, "domain"));
	g_autoptr(json_t) types = meet_types(c, err);
	g_autofree char *rules = NULL;
	json_t *type;
	gint64 starts, ends, chair = 0, domain_id = 0, now = core_now();
	char date[11], end_date[11];

	if (types == NULL)
		return FALSE;
	if ((type = meet_type_find(types, code)) == NULL)
		return meet_fail(err, field, WORK_ERROR_INVALID, "type",
		                 N_("Choose a meeting type (quanwei, changwei, shuji, zhuanti, "
		                    "mishuzhang)."));
	if (title == NULL || g_utf8_strlen(title, -1) < 2 || g_utf8_strlen(title, -1) > TITLE_MAX)
		return meet_fail(err, field, WORK_ERROR_INVALID, "title",
		                 N_("The title is 2 to 100 characters."));
	if (!core_instant_parse(json_string_value(json_object_get(obj, "starts_at")), &starts,
	                        date))
		return meet_fail(err, field, WORK_ERROR_INVALID, "starts_at",
		                 N_("Give the start as YYYY-MM-DDTHH:MM."));
	if (json_object_get(obj, "ends_at")) {
		if (!core_instant_parse(json_string_value(json_object_get(obj, "ends_at")), &ends,
		                        end_date) ||
		    ends <= starts || ends - starts > 24 * 3600)
			return meet_fail(err, field, WORK_ERROR_INVALID, "ends_at",
			                 N_("The end is after the start, within a day "
			                    "(YYYY-MM-DDTHH:MM)."));
	} else {
		ends = starts + 2 * 3600;
	}
	if (room && g_utf8_strlen(room, -1) > ROOM_MAX)
		return meet_fail(err, field, WORK_ERROR_INVALID, "room",
		                 N_("The room is at most 40 characters."));
	if (domain &&
	    !work_ref_resolve(WORK_ERRORS, WORK_ERROR_INVALID, c, WORK_REF_DOMAIN, "domain",
	                      json_object_get(obj, "domain"), &domain_id, field, err))
		return FALSE;
	if (!chair_of(c, type, obj, date, domain, &chair, field, err) ||
	    !room_free(c, room, starts, ends, field, err))
		return FALSE;
	rules = json_dumps(type, JSON_COMPACT);
	return meet_exec(c, id, err,
	                 "INSERT INTO item (kind, title, created_by, status, created_at, "
	                 "updated_at) VALUES ('meeting', ?, ?, 'preparing', ?, ?) RETURNING id",
	                 "siii", title, u->id, now, now) &&
	       meet_exec(c, NULL, err,
	                 "INSERT INTO meeting (item_id, type, rules, starts_at, ends_at, room, "
	                 "chair_id, domain_id) VALUES (?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0))",
	                 "issiisii", *id, code, rules, starts, ends, room ? room : "", chair,
	                 domain_id) &&
	       work_step_grant(WORK_ERRORS, c, *id, u->id, 0, "created", err) &&
	       call_members(c, *id, type, obj, date, chair, field, err) &&
	       work_flow_start(c, *id, "meeting", NULL, err) &&
	       work_search_index(c, *id, title, NULL, err);
}

/* The responsible leader of a new agenda item: from routing on DOMAIN on DATE (the one in
 * charge), else OBJ's "leader", else the proposer when a leader. Sets *LEADER (leader id),
 * *USER and *REASON (g_free). */
static gboolean agenda_leader(DbConn *c, const AuthUser *u, json_t *obj, const char *domain,
                              const char *date, gint64 *leader, gint64 *user, char **reason,
                              const char **field, GError **err)
{
	json_t *ref = json_object_get(obj, "leader");
	GError *e = NULL;

	*leader = 0;
	if (ref && !json_is_null(ref)) {
		if (!work_ref_resolve(WORK_ERRORS, WORK_ERROR_INVALID, c, WORK_REF_LEADER, "leader",
		                      ref, leader, field, err))
			return FALSE;
		*reason = g_strdup(core_tr_now(N_("named by the proposer")));
	} else if (domain) {
		OrgRouteQuery q = {.work = "meeting", .domain = domain, .on = date};
		g_autoptr(json_t) route = org_route(c, &q, core_lang_current(), field, &e);
		json_t *first;

		if (route == NULL) {
			g_propagate_error(err, e);
			return FALSE;
		}
		first = json_array_get(json_object_get(route, "leaders"), 0);
		*leader = json_integer_value(json_object_get(first, "id"));
		*reason = g_strdup(json_string_value(json_object_get(first, "reason")));
	} else if (!org_leader_of_user(c, u->id, leader, &e)) {
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
		return FALSE;
	} else if (*leader) {
		*reason = g_strdup(core_tr_now(N_("the proposer")));
	}
	if (*leader == 0)
		return meet_fail(err, field, WORK_ERROR_INVALID, "leader",
		                 N_("Name the responsible leader or the domain of the item."));
	{
		g_autoptr(json_t) r =
		    work_row(WORK_ERRORS, c, err, N_("There is no such leader."),
		             "SELECT user_id FROM leader WHERE id = ?", "i", *leader);
		if (r == NULL)
			return FALSE;
		*user = json_integer_value(json_object_get(r, "user_id"));
	}
	return TRUE;
}

/* Records on the new item ID and on its origin (CARRIED or RECON, 0: none) where it came from. */
static gboolean origin_events(DbConn *c, const AuthUser *u, gint64 id, gint64 carried, gint64 recon,
                              GError **err)
{
	g_autoptr(json_t) from = NULL, to = NULL;
	gint64 origin = carried ? carried : recon;

	if (origin == 0)
		return TRUE;
	from = json_pack("{s:I}", "from", (json_int_t)origin);
	to = json_pack("{s:I}", "item", (json_int_t)id);
	return work_step_event(WORK_ERRORS, c, id, u, carried ? "carried_in" : "reconsider", NULL,
	                       NULL, NULL, from, err) &&
	       work_step_event(WORK_ERRORS, c, origin, u,
	                       carried ? "carried_on" : "reconsider_moved", NULL, NULL, NULL, to,
	                       err);
}

/* TRUE when the agenda item ROW (its status, its meeting's) may go to a later meeting: 缓议, or
 * not decided at a meeting that is over (called off, cancelled, adjourned). */
static gboolean carriable(json_t *row)
{
	const char *st = json_string_value(json_object_get(row, "status"));
	const char *ms = json_string_value(json_object_get(row, "meeting_status"));

	if (g_strcmp0(st, "deferred") == 0)
		return TRUE;
	return core_word_in(st, "proposed consented scheduled") &&
	       core_word_in(ms, "not_held cancelled adjourned minuted");
}

/* OBJ with what an item it comes from gives by default: "carry" (a 缓议 item of an earlier
 * meeting, not carried before: its title, kind, text, domain, leader and attendees) or
 * "reconsiders" (a passed item: the motion to reconsider it, 复议). *OUT a new reference; the
 * origin's id in *CARRIED or *RECON. FALSE with ERR when the origin is not such an item. */
static gboolean agenda_origin(DbConn *c, json_t *obj, json_t **out, gint64 *carried, gint64 *recon,
                              const char **field, GError **err)
{
	json_t *carry = json_object_get(obj, "carry"), *re = json_object_get(obj, "reconsiders");
	const char *key = carry ? "carry" : "reconsiders";
	json_t *ref = carry ? carry : re;
	g_autoptr(json_t) o = NULL;
	gint64 id, taken = 0;

	*carried = *recon = 0;
	*out = json_incref(obj);
	if (ref == NULL || json_is_null(ref))
		return TRUE;
	id = json_integer_value(ref);
	if (!json_is_integer(ref) || id <= 0 ||
	    (o = meet_rows(
	         c, err,
	         "SELECT i.status, i.title, a.kind, a.body, d.code AS domain, a.leader_id, "
	         "a.observers, un.code AS unit, mi.status AS meeting_status FROM agenda_item a "
	         "JOIN item i ON i.id = a.item_id JOIN item mi ON mi.id = a.meeting_id LEFT JOIN "
	         "domain d ON d.id = a.domain_id LEFT JOIN unit un ON un.id = a.unit_id WHERE "
	         "a.item_id = ?",
	         "i", id)) == NULL ||
	    json_array_size(o) == 0) {
		if (err && *err)
			return FALSE;
		return meet_fail(err, field, WORK_ERROR_INVALID, key,
		                 N_("Name the agenda item by its id."));
	}
	ref = json_array_get(o, 0);
	if (carry && !carriable(ref))
		return meet_fail(
		    err, field, WORK_ERROR_INVALID, key,
		    N_("Only a deferred item, or one its meeting did not reach, goes to a "
		       "later meeting."));
	if (re && g_strcmp0(json_string_value(json_object_get(ref, "status")), "passed") != 0)
		return meet_fail(err, field, WORK_ERROR_INVALID, key,
		                 N_("Only a passed item is reconsidered."));
	if (carry && !meet_exec(c, &taken, err,
	                        "SELECT count(*) FROM agenda_item WHERE carried_from = ?", "i", id))
		return FALSE;
	if (taken > 0)
		return meet_fail(err, field, WORK_ERROR_INVALID, key,
		                 N_("This item has gone to a later meeting already."));
	json_decref(*out);
	*out = json_deep_copy(obj);
	if (re) {
		g_autofree char *t = g_strdup_printf(
		    "关于复议“%s”的动议", json_string_value(json_object_get(ref, "title")));
		json_object_set_new(ref, "title", json_string(t));
		json_object_set_new(ref, "body", json_string(""));
		json_object_set_new(ref, "observers", json_string(""));
	}
	for (const char **k =
	         (const char *[]){"title", "kind", "body", "domain", "observers", "unit", NULL};
	     *k; k++)
		if (json_object_get(*out, *k) == NULL && json_is_string(json_object_get(ref, *k)))
			json_object_set(*out, *k, json_object_get(ref, *k));
	if (json_object_get(*out, "leader") == NULL && json_object_get(*out, "domain") == NULL)
		json_object_set(*out, "leader", json_object_get(ref, "leader_id"));
	*(carry ? carried : recon) = id;
	return TRUE;
}

static gboolean agenda_insert(DbConn *c, const AuthUser *u, gint64 meeting, json_t *obj,
                              gint64 carried, gint64 recon, gint64 *id, gint64 *n,
                              const char **field, GError **err);

/* The unit OBJ's "unit" names (its code or id; it proposes the item): *ID and the code of its
 * domain in *DOMAIN (g_free; NULL when it has none). */
static gboolean unit_of(DbConn *c, json_t *obj, gint64 *id, char **domain, const char **field,
                        GError **err)
{
	g_autoptr(json_t) r = NULL;

	if (!work_ref_resolve(WORK_ERRORS, WORK_ERROR_INVALID, c, WORK_REF_UNIT, "unit",
	                      json_object_get(obj, "unit"), id, field, err) ||
	    (r = work_row(WORK_ERRORS, c, err, N_("There is no such unit."),
	                  "SELECT d.code FROM unit u LEFT JOIN domain d ON d.id = u.domain_id "
	                  "WHERE u.id = ?",
	                  "i", *id)) == NULL)
		return FALSE;
	*domain = g_strdup(json_string_value(json_object_get(r, "code")));
	return TRUE;
}

gboolean meet_agenda_add(DbConn *c, const AuthUser *u, gint64 meeting, json_t *given, gint64 *id,
                         gint64 *n, const char **field, GError **err)
{
	g_autoptr(json_t) obj = NULL;
	gint64 carried, recon;

	if (!agenda_origin(c, given, &obj, &carried, &recon, field, err))
		return FALSE;
	return agenda_insert(c, u, meeting, obj, carried, recon, id, n, field, err);
}

/* Adds the agenda item OBJ (meet_agenda_add's, its origin CARRIED or RECON already applied). */
static gboolean agenda_insert(DbConn *c, const AuthUser *u, gint64 meeting, json_t *obj,
                              gint64 carried, gint64 recon, gint64 *id, gint64 *n,
                              const char **field, GError **err)
{
	const char *title = json_string_value(json_object_get(obj, "title"));
	const char *kind = json_string_value(json_object_get(obj, "kind"));
	const char *body = json_string_value(json_object_get(obj, "body"));
	const char *domain = json_string_value(json_object_get(obj, "domain"));
	const char *observers = json_string_value(json_object_get(obj, "observers"));
	g_autoptr(json_t) m = meet_row(c, meeting, err);
	g_autofree char *reason = NULL, *date = NULL, *unit_domain = NULL;
	gint64 leader = 0, leader_user = 0, domain_id = 0, unit_id = 0, now = core_now();
	const char *status;

	if (m == NULL)
		return FALSE;
	status = json_string_value(json_object_get(m, "status"));
	if (g_strcmp0(status, "preparing") != 0 && g_strcmp0(status, "noticed") != 0)
		return meet_fail(err, field, WORK_ERROR_STATE, NULL,
		                 N_("Items are added while the meeting is in preparation or "
		                    "noticed."));
	if (!auth_can(u, "work.all") && !auth_can(u, "work.instruct"))
		return meet_fail(err, field, WORK_ERROR_FORBIDDEN, NULL,
		                 N_("Items are proposed by a leader or by the office for a unit."));
	if (title == NULL || g_utf8_strlen(title, -1) < 2 || g_utf8_strlen(title, -1) > TITLE_MAX)
		return meet_fail(err, field, WORK_ERROR_INVALID, "title",
		                 N_("The title is 2 to 100 characters."));
	if (kind == NULL)
		kind = "general";
	if (strcmp(kind, "general") != 0 && strcmp(kind, "cadre") != 0)
		return meet_fail(err, field, WORK_ERROR_INVALID, "kind",
		                 N_("The kind is \"general\" or \"cadre\" (干部任免)."));
	if (body && g_utf8_strlen(body, -1) > BODY_MAX)
		return meet_fail(err, field, WORK_ERROR_INVALID, "body",
		                 N_("The text is at most 20000 characters."));
	if (observers && g_utf8_strlen(observers, -1) > OBS_MAX)
		return meet_fail(err, field, WORK_ERROR_INVALID, "observers",
		                 N_("The attendees without a vote are at most 2000 characters."));
	if (json_object_get(obj, "unit") && !unit_of(c, obj, &unit_id, &unit_domain, field, err))
		return FALSE;
	/* a unit proposes through the leader in charge of its domain */
	if (domain == NULL && json_object_get(obj, "leader") == NULL)
		domain = unit_domain;
	if (domain) {
		g_autoptr(json_t) ref = json_string(domain);
		if (!work_ref_resolve(WORK_ERRORS, WORK_ERROR_INVALID, c, WORK_REF_DOMAIN, "domain",
		                      ref, &domain_id, field, err))
			return FALSE;
	}
	date = core_time_format(json_integer_value(json_object_get(m, "starts_at")), "%Y-%m-%d");
	if (!agenda_leader(c, u, obj, domain, date, &leader, &leader_user, &reason, field, err) ||
	    !meet_exec(c, n, err,
	               "SELECT COALESCE(max(n), 0) + 1 FROM agenda_item WHERE meeting_id = ?", "i",
	               meeting) ||
	    !meet_exec(c, id, err,
	               "INSERT INTO item (kind, title, created_by, status, created_at, updated_at) "
	               "VALUES ('agenda', ?, ?, 'proposed', ?, ?) RETURNING id",
	               "siii", title, u->id, now, now) ||
	    !meet_exec(c, NULL, err,
	               "INSERT INTO agenda_item (item_id, meeting_id, n, kind, body, domain_id, "
	               "leader_id, leader_reason, observers, carried_from, reconsiders, unit_id) "
	               "VALUES (?, ?, ?, ?, ?, NULLIF(?, 0), ?, ?, ?, NULLIF(?, 0), NULLIF(?, 0), "
	               "NULLIF(?, 0))",
	               "iiissiissiii", *id, meeting, *n, kind, body ? body : "", domain_id, leader,
	               reason ? reason : "", observers ? observers : "", carried, recon, unit_id) ||
	    !origin_events(c, u, *id, carried, recon, err) ||
	    !work_step_grant(WORK_ERRORS, c, *id, u->id, 0, "created", err) ||
	    !work_step_grant(WORK_ERRORS, c, *id, leader_user, 0, "routed", err) ||
	    !work_step_grant(WORK_ERRORS, c, *id,
	                     json_integer_value(json_object_get(m, "chair_id")), 0, "chair", err) ||
	    !work_flow_start(c, *id, "agenda", NULL, err) ||
	    !work_search_index(c, *id, title, body, err))
		return FALSE;
	/* a leader proposing within their own portfolio has consented by proposing */
	if (leader_user == u->id)
		return work_flow_act(c, u, *id, "consent", NULL, field, err);
	return TRUE;
}
