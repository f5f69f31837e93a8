/*
 * meet_demo.c — the demo city's meetings for `mishu init --demo`, from data/demo/meetings.json:
 * 常委会 held to their approved minutes (a cadre item, a failed vote, a 缓议 item taken up again
 * at the next meeting, decisions made supervised tasks), one called off without a quorum, one
 * cancelled, a 专题会 and a 秘书长办公会, one in session today and upcoming ones with items in
 * every state before the meeting. Every step goes through the same operations as the API
 * (meet_ops.c) with its audit entry, the clock set to its moment; nothing is made when the
 * database already holds meetings.
 */
#define G_LOG_DOMAIN "mishu-meet"

#include "meet/meet.h"
#include "meet/meet_internal.h"
#include "meet/meet_web.h"
#include "core/core.h"
#include "docs/docs_pdf.h"
#include "work/flow.h"
#include "work/work_web.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

extern GResource *mishu_get_resource(void);

#define STAFF "mishuke"

typedef struct {
	DbConn *c;
	GHashTable *users; /* username → AuthUser* */
	GArray *meetings;  /* gint64: the item of each meeting of the file, in its order */
	GDate today;
	gint64 now; /* the real time of init: nothing is dated after it */
} Demo;

/* The account USERNAME (cached), or NULL with ERR. */
static AuthUser *user(Demo *d, const char *username, GError **err)
{
	AuthUser *u = g_hash_table_lookup(d->users, username);

	if (u == NULL && (u = auth_user_load_by_name(d->c, username, err)) != NULL)
		g_hash_table_insert(d->users, g_strdup(username), u);
	return u;
}

/* Runs FN as ACTION by WHO with BODY (borrowed) on MEETING / item N, audited; *ID set. */
static gboolean run(Demo *d, const char *who, const char *action, MeetOpFn fn, json_t *body,
                    gint64 meeting, gint64 n, const char *step, gint64 *id, GError **err)
{
	MeetOp o = {.body = body, .meeting = meeting, .n = n, .action = step};
	WorkOp op = {action, "item", TRUE, fn};
	const char *field = NULL;
	gint64 ignored = 0;

	if ((o.u = user(d, who, err)) == NULL)
		return FALSE;
	if (work_op_in(WORK_ERRORS, d->c, o.u, "-", &op, &o, id ? id : &ignored, body, &field, err))
		return TRUE;
	g_prefix_error(err, "%s %s (%s): ", action, step ? step : "", field ? field : "-");
	return FALSE;
}

/* The instant of DATE ("YYYY-MM-DD" or "+N": N days after today, moved off a weekend) at TIME
 * ("HH:MM") plus SHIFT seconds, in *AT and as "YYYY-MM-DDTHH:MM" in OUT (17 bytes). */
static gboolean when(Demo *d, const char *date, const char *time, gint64 shift, gint64 *at,
                     char out[17])
{
	GDate day;
	g_autofree char *iso = NULL;

	if (date && date[0] == '+') {
		day = d->today;
		g_date_add_days(&day, (guint)atoi(date + 1));
		while (atoi(date + 1) > 0 && g_date_get_weekday(&day) >= G_DATE_SATURDAY)
			g_date_add_days(&day, 1);
	} else if (!core_date_parse(date, &day)) {
		return FALSE;
	}
	*at = core_date_unix(&day) + atoi(time) * 3600 + atoi(time + 3) * 60 + shift;
	iso = core_date_format(&day);
	g_snprintf(out, 17, "%sT%s", iso, time);
	return TRUE;
}

/* The voting members present of meeting ID by rank, the principal leader last when LAST. */
static GPtrArray *voters(Demo *d, gint64 id, gboolean last, GError **err)
{
	g_autoptr(json_t) m = meet_get(d->c, NULL, id, err);
	GPtrArray *out;
	json_t *p;
	size_t i;
	char *principal = NULL;

	if (m == NULL)
		return NULL;
	out = g_ptr_array_new_with_free_func(g_free);
	json_array_foreach (json_object_get(m, "members"), i, p) {
		const char *u = json_string_value(json_object_get(p, "username"));
		if (!json_integer_value(json_object_get(p, "voting")) ||
		    g_strcmp0(json_string_value(json_object_get(p, "status")), "present") != 0)
			continue;
		if (last && json_integer_value(json_object_get(p, "principal")))
			principal = g_strdup(u);
		else
			g_ptr_array_add(out, g_strdup(u));
	}
	if (principal)
		g_ptr_array_add(out, principal);
	return out;
}

/* Votes on item N of meeting ID as VOTES says ({"agree": 9, "disagree": 2, "defer": 1}), the
 * office recording each member's vote in rank order. */
static gboolean vote_all(Demo *d, gint64 id, gint64 n, json_t *votes, gboolean cadre, GError **err)
{
	static const char *const choices[] = {"agree", "disagree", "defer"};
	g_autoptr(GPtrArray) who = voters(d, id, cadre, err);
	guint k = 0;

	if (who == NULL)
		return FALSE;
	if (cadre && json_integer_value(json_object_get(votes, "agree")) > 0 && who->len > 0) {
		/* the principal leader, last in the list, agrees: take the agreeing votes last */
		for (gsize c = G_N_ELEMENTS(choices); c-- > 0;)
			for (json_int_t v = json_integer_value(json_object_get(votes, choices[c]));
			     v > 0 && k < who->len; v--, k++) {
				g_autoptr(json_t) b =
				    json_pack("{s:s, s:s}", "username", (char *)who->pdata[k],
				              "choice", choices[c]);
				if (!run(d, STAFF, "meet.vote", meet_op_vote, b, id, n, NULL, NULL,
				         err))
					return FALSE;
			}
		return TRUE;
	}
	for (gsize c = 0; c < G_N_ELEMENTS(choices); c++)
		for (json_int_t v = json_integer_value(json_object_get(votes, choices[c]));
		     v > 0 && k < who->len; v--, k++) {
			g_autoptr(json_t) b = json_pack(
			    "{s:s, s:s}", "username", (char *)who->pdata[k], "choice", choices[c]);
			if (!run(d, STAFF, "meet.vote", meet_op_vote, b, id, n, NULL, NULL, err))
				return FALSE;
		}
	return TRUE;
}

/* The agenda item N of meeting ID (meet_agenda's object; a new reference), or NULL. */
static json_t *agenda_item(Demo *d, gint64 id, gint64 n, GError **err)
{
	gint64 item;
	g_autoptr(json_t) list = NULL;

	if (!meet_agenda_id(d->c, id, n, &item, err) ||
	    (list = meet_agenda(d->c, NULL, id, item, err)) == NULL)
		return NULL;
	return json_incref(json_array_get(list, 0));
}

/* Files the materials of item N of meeting ID that SPEC lists ({"file", "issuer", "number",
 * "title", "body"} each): the proposing unit's report as a GB/T 9704 PDF, filed by the office
 * on the day. */
static gboolean file_materials(Demo *d, gint64 id, gint64 n, json_t *spec, GError **err)
{
	g_autoptr(GPtrArray) files = g_ptr_array_new();
	g_autofree char *day = core_today();
	json_t *f;
	size_t i;
	gboolean ok = TRUE;

	json_array_foreach (json_object_get(spec, "materials"), i, f) {
		const char *issuer = json_string_value(json_object_get(f, "issuer"));
		g_autofree char *mark = g_strdup_printf("%s文件", issuer);
		g_autofree char *printer = g_strdup_printf("%s办公室", issuer);
		g_autoptr(json_t) doc = json_pack(
		    "{s:s, s:O, s:O, s:O, s:s, s:s, s:s, s:s}", "issuer_mark", mark, "number",
		    json_object_get(f, "number"), "title", json_object_get(f, "title"), "body",
		    json_object_get(f, "body"), "issuer_signature", issuer, "date", day, "printer",
		    printer, "print_date", day);
		g_autoptr(GBytes) pdf = docs_pdf_render(doc, err);
		HttpUpload *up;
		int fd;

		if (pdf == NULL)
			return FALSE;
		up = g_new0(HttpUpload, 1);
		up->filename = g_strdup(json_string_value(json_object_get(f, "file")));
		up->content_type = g_strdup("application/pdf");
		up->size = g_bytes_get_size(pdf);
		if ((fd = g_file_open_tmp("mishu-demo-XXXXXX.pdf", &up->path, err)) < 0) {
			g_free(up->filename);
			g_free(up->content_type);
			g_free(up);
			return FALSE;
		}
		close(fd);
		g_ptr_array_add(files, up);
		if (!g_file_set_contents(up->path, g_bytes_get_data(pdf, NULL), (gssize)up->size,
		                         err)) {
			ok = FALSE;
			break;
		}
	}
	if (ok && files->len > 0) {
		MeetOp o = {.meeting = id, .n = n, .files = files};
		WorkOp op = {"meet.agenda.materials", "item", TRUE, meet_op_materials};
		g_autoptr(json_t) names = json_pack("{s:o}", "files", work_upload_names(files));
		const char *field = NULL;
		gint64 item = 0;

		o.body = names;
		ok = (o.u = user(d, STAFF, err)) != NULL &&
		     work_op_in(WORK_ERRORS, d->c, o.u, "-", &op, &o, &item, names, &field, err);
	}
	for (guint k = 0; k < files->len; k++) {
		HttpUpload *up = files->pdata[k];
		g_unlink(up->path);
		g_free(up->path);
		g_free(up->filename);
		g_free(up->content_type);
		g_free(up);
	}
	return ok;
}

/* Proposes item SPEC of meeting ID (number N), then takes it as far as its "to" (default: on
 * the agenda): the responsible leader consents, the office records the consultation before the
 * meeting (always for a cadre item), the chair approves. */
static gboolean propose(Demo *d, gint64 id, json_t *spec, gint64 n, const char *chair, GError **err)
{
	g_autoptr(json_t) body = json_object(), it = NULL;
	const char *to = json_string_value(json_object_get(spec, "to"));
	json_t *carry = json_object_get(spec, "carry");
	const char *leader;
	gint64 item;

	for (const char **k = (const char *[]){"title", "kind", "domain", "body", "observers",
	                                       "leader", "unit", NULL};
	     *k; k++)
		if (json_object_get(spec, *k))
			json_object_set(body, *k, json_object_get(spec, *k));
	if (json_is_array(carry)) {
		gint64 from = 0;
		guint mi = (guint)json_integer_value(json_array_get(carry, 0));
		if (mi >= d->meetings->len ||
		    !meet_agenda_id(d->c, g_array_index(d->meetings, gint64, mi),
		                    json_integer_value(json_array_get(carry, 1)), &from, err))
			return FALSE;
		json_object_set_new(body, "carry", json_integer(from));
	}
	if (!run(d, STAFF, "meet.agenda", meet_op_agenda_add, body, id, 0, NULL, &item, err) ||
	    !file_materials(d, id, n, spec, err) || (it = agenda_item(d, id, n, err)) == NULL)
		return FALSE;
	if (g_strcmp0(to, "proposed") == 0)
		return TRUE;
	leader = json_string_value(json_object_get(it, "leader_username"));
	if (g_strcmp0(json_string_value(json_object_get(it, "status")), "proposed") == 0 &&
	    !run(d, leader ? leader : chair, "meet.agenda.consent", meet_op_agenda_step, NULL, id,
	         n, "consent", NULL, err))
		return FALSE;
	if (json_object_get(spec, "consult") ||
	    g_strcmp0(json_string_value(json_object_get(spec, "kind")), "cadre") == 0) {
		g_autoptr(json_t) talk = json_pack(
		    "{s:s}", "opinion",
		    json_object_get(spec, "consult")
		        ? json_string_value(json_object_get(spec, "consult"))
		        : "会前，市委书记与市长、市委副书记、市委组织部部长就建议人选进行了酝酿，"
		          "并听取了分管市领导意见，意见一致，同意提交常委会讨论。");
		if (!run(d, STAFF, "meet.agenda.consult", meet_op_agenda_step, talk, id, n,
		         "consult", NULL, err))
			return FALSE;
	}
	if (g_strcmp0(to, "consented") == 0)
		return TRUE;
	if (g_strcmp0(to, "withdrawn") == 0) {
		g_autoptr(json_t) why = json_pack(
		    "{s:s}", "opinion", json_string_value(json_object_get(spec, "reason")));
		return run(d, STAFF, "meet.agenda.withdraw", meet_op_agenda_step, why, id, n,
		           "withdraw", NULL, err);
	}
	return run(d, chair, "meet.agenda.approve", meet_op_agenda_step, NULL, id, n, "approve",
	           NULL, err);
}

/* Issues the approved minutes of meeting ID as a document when SPEC ({"cc_to", "steps",
 * "received_by"}) says so, on the day of AT: the document's steps (print, distribute) by the
 * office, then its receipt by the liaisons named. TRUE when SPEC is NULL. */
static gboolean issue(Demo *d, gint64 id, json_t *spec, gint64 at, GError **err)
{
	g_autoptr(json_t) b = NULL;
	json_t *s;
	gint64 doc = 0;
	size_t i;

	if (spec == NULL)
		return TRUE;
	b = json_pack("{s:O}", "cc_to", json_object_get(spec, "cc_to"));
	core_clock_set(at);
	if (!run(d, STAFF, "meet.minutes_document", meet_op_minutes_document, b, id, 0, NULL, &doc,
	         err))
		return FALSE;
	/* a document's step is the same engine step as a meeting's (meet_op_step on its id) */
	json_array_foreach (json_object_get(spec, "steps"), i, s) {
		g_autofree char *audit = g_strdup_printf("docs.%s", json_string_value(s));
		core_clock_set(at + (gint64)(i + 1) * 3600);
		if (!run(d, STAFF, audit, meet_op_step, NULL, doc, 0, json_string_value(s), NULL,
		         err))
			return FALSE;
	}
	json_array_foreach (json_object_get(spec, "received_by"), i, s) {
		core_clock_set(at + 86400 + (gint64)i * 1800);
		if (!run(d, json_string_value(s), "docs.receive", meet_op_step, NULL, doc, 0,
		         "receive", NULL, err))
			return FALSE;
	}
	return TRUE;
}

/* Holds meeting ID of SPEC from the check-in to its end ("in_session", "adjourned",
 * "minuted", "not_held"): at AT. */
static gboolean hold(Demo *d, gint64 id, json_t *spec, const char *chair, gint64 at, GError **err)
{
	const char *end = json_string_value(json_object_get(spec, "end"));
	g_autoptr(json_t) m = meet_get(d->c, NULL, id, err);
	json_int_t present = json_integer_value(json_object_get(spec, "present"));
	json_t *p, *a, *it;
	size_t i;
	int here = 0;

	if (m == NULL)
		return FALSE;
	core_clock_set(at - 600);
	json_array_foreach (json_object_get(spec, "absent"), i, a) {
		g_autoptr(json_t) b = json_pack(
		    "{s:s, s:s, s:s, s:s?}", "username", json_string_value(json_object_get(a, "u")),
		    "status", "leave", "reason", json_string_value(json_object_get(a, "reason")),
		    "written_view", json_string_value(json_object_get(a, "view")));
		if (!run(d, STAFF, "meet.attendance", meet_op_attend, b, id, 0, NULL, NULL, err))
			return FALSE;
	}
	json_array_foreach (json_object_get(m, "members"), i, p) {
		const char *u = json_string_value(json_object_get(p, "username"));
		gboolean away = FALSE;
		for (size_t k = 0; k < json_array_size(json_object_get(spec, "absent")); k++)
			away =
			    away ||
			    g_strcmp0(json_string_value(json_object_get(
			                  json_array_get(json_object_get(spec, "absent"), k), "u")),
			              u) == 0;
		if (away || (present > 0 && here >= present))
			continue;
		g_autoptr(json_t) b = json_pack("{s:s, s:s}", "username", u, "status", "present");
		core_clock_set(at - 300 + here * 20);
		if (!run(d, STAFF, "meet.attendance", meet_op_attend, b, id, 0, NULL, NULL, err))
			return FALSE;
		here++;
	}
	core_clock_set(at);
	if (g_strcmp0(end, "not_held") == 0) {
		g_autoptr(json_t) b =
		    json_pack("{s:s}", "opinion",
		              "实到会人数未超过应到会人数的半数，宣布流会，议题转下次会议。");
		return run(d, chair, "meet.call_off", meet_op_step, b, id, 0, "call_off", NULL,
		           err);
	}
	if (!run(d, chair, "meet.open", meet_op_step, NULL, id, 0, "open", NULL, err))
		return FALSE;
	json_array_foreach (json_object_get(spec, "items"), i, it) {
		gint64 n = (gint64)i + 1;
		g_autoptr(json_t) row = agenda_item(d, id, n, err);
		json_t *votes = json_object_get(it, "votes");
		json_t *task = json_object_get(it, "task");

		if (row == NULL)
			return FALSE;
		core_clock_set(at + (gint64)(i + 1) * 1800);
		if (votes && !vote_all(d, id, n, votes,
		                       g_strcmp0(json_string_value(json_object_get(row, "kind")),
		                                 "cadre") == 0,
		                       err))
			return FALSE;
		if (g_strcmp0(end, "in_session") == 0)
			continue; /* still being voted on */
		if (!run(d, chair, "meet.agenda.close", meet_op_agenda_step, NULL, id, n, "close",
		         NULL, err))
			return FALSE;
		if (task) {
			g_autoptr(json_t) b = json_pack(
			    "{s:O, s:O, s:s?}", "lead_unit", json_object_get(task, "lead_unit"),
			    "deadline_working_days", json_object_get(task, "days"), "requirements",
			    json_string_value(json_object_get(task, "requirements")));
			g_autoptr(json_t) r = agenda_item(d, id, n, err);
			if (r == NULL)
				return FALSE;
			if (g_strcmp0(json_string_value(json_object_get(r, "status")), "passed") ==
			        0 &&
			    !run(d, STAFF, "meet.decision_task", meet_op_decision, b, id, n, NULL,
			         NULL, err))
				return FALSE;
		}
	}
	if (g_strcmp0(end, "in_session") == 0)
		return TRUE;
	core_clock_set(at + 3 * 3600);
	if (!run(d, chair, "meet.adjourn", meet_op_step, NULL, id, 0, "adjourn", NULL, err))
		return FALSE;
	if (g_strcmp0(end, "minuted") != 0)
		return TRUE;
	core_clock_set(at + 2 * 86400);
	if (!run(d, chair, "meet.approve_minutes", meet_op_step, NULL, id, 0, "approve_minutes",
	         NULL, err))
		return FALSE;
	return issue(d, id, json_object_get(spec, "issued"), at + 3 * 86400, err);
}

/* Calls meeting SPEC and takes it to its "end". */
static gboolean one(Demo *d, json_t *spec, GError **err)
{
	const char *end = json_string_value(json_object_get(spec, "end"));
	g_autoptr(json_t) body = json_object(), m = NULL;
	char starts[17];
	gint64 at, id = 0;
	json_t *it;
	size_t i;
	const char *chair;

	if (!when(d, json_string_value(json_object_get(spec, "date")),
	          json_string_value(json_object_get(spec, "time")), 0, &at, starts)) {
		g_set_error(err, WORK_ERROR, WORK_ERROR_INVALID, "meetings.json: bad date");
		return FALSE;
	}
	/* a meeting held by now has all its steps in the past: move one of today earlier */
	if (core_word_in(end, "in_session adjourned minuted not_held")) {
		gint64 span = 600 +
		              (gint64)(json_array_size(json_object_get(spec, "items")) + 1) * 1800 +
		              (g_strcmp0(end, "minuted") == 0 ? 2 * 86400 : 3 * 3600);
		gint64 now = d->now;
		if (at + span > now) {
			g_autofree char *moved = NULL;
			at = now - span;
			moved = core_time_format(at, "%Y-%m-%dT%H:%M");
			g_strlcpy(starts, moved, sizeof starts);
		}
	}
	for (const char **k =
	         (const char *[]){"type", "title", "room", "chair", "domain", "attendees", NULL};
	     *k; k++)
		if (json_object_get(spec, *k))
			json_object_set(body, *k, json_object_get(spec, *k));
	json_object_set_new(body, "starts_at", json_string(starts));
	/* called a week ahead (or today, for one coming sooner) */
	core_clock_set(MIN(at - 7 * 86400, d->now));
	if (!run(d, STAFF, "meet.create", meet_op_create, body, 0, 0, NULL, &id, err))
		return FALSE;
	g_array_append_val(d->meetings, id);
	if ((m = meet_get(d->c, NULL, id, err)) == NULL)
		return FALSE;
	chair = json_string_value(json_object_get(m, "chair_username"));
	json_array_foreach (json_object_get(spec, "items"), i, it)
		if (!propose(d, id, it, (gint64)i + 1, chair, err))
			return FALSE;
	if (g_strcmp0(end, "preparing") == 0)
		return TRUE;
	core_clock_set(MIN(at - 5 * 86400, d->now));
	if (!run(d, STAFF, "meet.notify", meet_op_step, NULL, id, 0, "notify", NULL, err))
		return FALSE;
	if (g_strcmp0(end, "cancelled") == 0) {
		g_autoptr(json_t) b = json_pack("{s:s}", "opinion",
		                                json_string_value(json_object_get(spec, "reason")));
		return run(d, STAFF, "meet.cancel", meet_op_step, b, id, 0, "cancel", NULL, err);
	}
	if (g_strcmp0(end, "noticed") == 0)
		return TRUE;
	return hold(d, id, spec, chair, at, err);
}

gboolean meet_demo_load(Db *db, int *made, GError **err)
{
	g_autoptr(GBytes) b = NULL;
	g_autoptr(json_t) file = NULL, have = NULL;
	g_autofree char *today = NULL;
	Demo d = {0};
	GError *e = NULL;
	json_t *spec;
	size_t i;
	gboolean ok = TRUE;

	*made = 0;
	if ((d.c = db_conn(db, &e)) == NULL) {
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
		return FALSE;
	}
	if ((have = meet_rows(d.c, err, "SELECT count(*) AS n FROM meeting", NULL)) == NULL)
		return FALSE;
	if (json_integer_value(json_object_get(json_array_get(have, 0), "n")) > 0)
		return TRUE;
	b = g_resource_lookup_data(mishu_get_resource(), "/mishu/data/demo/meetings.json",
	                           G_RESOURCE_LOOKUP_FLAGS_NONE, err);
	if (b == NULL ||
	    (file = json_loadb(g_bytes_get_data(b, NULL), g_bytes_get_size(b), 0, NULL)) == NULL) {
		if (err && *err == NULL)
			g_set_error_literal(err, WORK_ERROR, WORK_ERROR_DB,
			                    "meetings.json is not JSON");
		return FALSE;
	}
	core_clock_set(0);
	d.now = core_now();
	today = core_today();
	core_date_parse(today, &d.today);
	d.users =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)auth_user_free);
	d.meetings = g_array_new(FALSE, FALSE, sizeof(gint64));
	if (!db_begin(d.c, TRUE, &e)) {
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
		ok = FALSE;
	}
	json_array_foreach (json_object_get(file, "meetings"), i, spec) {
		if (!ok)
			break;
		ok = one(&d, spec, err);
	}
	core_clock_set(0);
	if (ok && !db_commit(d.c, &e)) {
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
		ok = FALSE;
	}
	if (!ok)
		db_rollback(d.c);
	*made = ok ? (int)d.meetings->len : 0;
	g_array_unref(d.meetings);
	g_hash_table_unref(d.users);
	return ok;
}
