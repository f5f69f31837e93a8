/*
 * meet_api.c — the meetings API: the meeting types (GET|PUT /api/v1/meetings/types).
 */
#define G_LOG_DOMAIN "mishu-meet"

#include "meet/meet_web.h"
#include "app.h"
#include "core/core.h"
#include "work/work_web.h"

/* TYPES with each threshold of each voting type explained in words ("quorum_words": …), as the
 * page and the API show them. A new reference. */
static json_t *types_explained(json_t *types)
{
	static const char *const rules[] = {"quorum", "cadre_quorum"};
	json_t *out = json_deep_copy(types), *t;
	size_t i;

	json_array_foreach (json_object_get(out, "items"), i, t) {
		for (gsize k = 0; k < G_N_ELEMENTS(rules); k++) {
			MeetRule r;
			g_autofree char *key = g_strdup_printf("%s_words", rules[k]);
			g_autofree char *words = NULL;

			if (meet_rule_parse(json_object_get(t, rules[k]), rules[k], &r, NULL)) {
				words = meet_quorum_rule_words(&r);
				json_object_set_new(t, key, json_string(words));
			}
		}
	}
	return out;
}

void meet_api_types(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c = work_conn(req, res);
	g_autoptr(json_t) types = c ? meet_types(c, &err) : NULL;

	if (c == NULL)
		return;
	if (types == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 200, types_explained(types));
}

/* WorkOp: stores the request body as the meeting types. */
static gboolean op_store(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	*id = 0;
	return meet_types_store(c, ctx, field, err);
}

void meet_api_types_put(HttpRequest *req, HttpResponse *res)
{
	static const WorkOp op = {"meet.types", "meeting_types", "会议类型与议事规则", FALSE,
	                          op_store};
	GError *err = NULL;
	const char *field = NULL;
	gint64 id;

	if (!work_op_run(WORK_ERRORS, app_db(req), auth_current(req), http_remote_addr(req), &op,
	                 http_json(req), &id, NULL, &field, &err)) {
		work_fail(req, res, err, field);
		return;
	}
	meet_api_types(req, res);
}
