/*
 * alert_limits.c — the time limits of emergency reporting as data: the defaults compiled in
 * (data/alert/limits.json: a phone report within 30 minutes and a written one within an hour
 * of the office learning, follow-ups every N hours while open, daily reports after a while),
 * overridden per level and per superior organ, and the escalation chain; the office's changes
 * live in the setting 'alert.limits'.
 */
#define G_LOG_DOMAIN "mishu-alert"

#include "alert/alert_internal.h"
#include "core/core.h"

#include <string.h>

#define SETTING "alert.limits"

/* The keys of a set of limits, each a whole number in [1, max]. */
static const struct {
	const char *key;
	int max;
} limit_keys[] = {
    {"phone_minutes", 24 * 60},
    {"written_minutes", 24 * 60},
    {"follow_up_hours", 72},
    {"daily_after_hours", 24 * 60},
};
static const char *const chain_steps[] = {"assistant", "secretary", "deputy", "duty", NULL};

json_t *alert_limits(DbConn *c, GError **err)
{
	return work_setting_json(WORK_ERRORS, c, SETTING, "/mishu/data/alert/limits.json", err);
}

/* Checks one set of limits SET (every key optional unless ALL); NAME is the field reported. */
static gboolean set_ok(json_t *set, gboolean all, const char *name, const char **field,
                       GError **err)
{
	const char *key;
	json_t *v;

	if (!json_is_object(set))
		return alert_fail(err, field, WORK_ERROR_INVALID, name,
		                  N_("Each set of time limits is an object of whole numbers."));
	json_object_foreach (set, key, v) {
		gboolean known = FALSE;
		for (gsize i = 0; i < G_N_ELEMENTS(limit_keys); i++)
			if (strcmp(key, limit_keys[i].key) == 0) {
				known = TRUE;
				if (!json_is_integer(v) || json_integer_value(v) < 1 ||
				    json_integer_value(v) > limit_keys[i].max)
					return alert_fail(err, field, WORK_ERROR_INVALID, name,
					                  N_("A time limit is a whole number of "
					                     "minutes or hours, "
					                     "at least 1."));
			}
		if (!known && strcmp(key, "levels") != 0)
			return alert_fail(err, field, WORK_ERROR_INVALID, name,
			                  N_("The time limits are phone_minutes, written_minutes, "
			                     "follow_up_hours and daily_after_hours."));
	}
	for (gsize i = 0; all && i < G_N_ELEMENTS(limit_keys); i++)
		if (json_object_get(set, limit_keys[i].key) == NULL)
			return alert_fail(err, field, WORK_ERROR_INVALID, name,
			                  N_("The default time limits name every limit."));
	return TRUE;
}

/* Checks LEVELS {"1".."4": set}. */
static gboolean levels_ok(json_t *levels, const char *name, const char **field, GError **err)
{
	const char *key;
	json_t *v;

	if (levels == NULL)
		return TRUE;
	if (!json_is_object(levels))
		return alert_fail(err, field, WORK_ERROR_INVALID, name,
		                  N_("The limits per level are keyed by the levels 1 to 4."));
	json_object_foreach (levels, key, v) {
		if (strlen(key) != 1 || key[0] < '1' || key[0] > '4')
			return alert_fail(
			    err, field, WORK_ERROR_INVALID, name,
			    N_("The limits per level are keyed by the levels 1 to 4."));
		if (!set_ok(v, FALSE, name, field, err))
			return FALSE;
	}
	return TRUE;
}

gboolean alert_limits_save(DbConn *c, json_t *obj, const char **field, GError **err)
{
	json_t *esc = json_object_get(obj, "escalation"), *chain = json_object_get(esc, "chain");
	json_t *organs = json_object_get(obj, "organs"), *v;
	json_t *after = json_object_get(esc, "after_minutes");
	const char *key;
	size_t i;

	if (!json_is_object(obj))
		return alert_fail(err, field, WORK_ERROR_INVALID, NULL, N_("Send a JSON object."));
	if (!set_ok(json_object_get(obj, "default"), TRUE, "default", field, err) ||
	    !levels_ok(json_object_get(obj, "levels"), "levels", field, err))
		return FALSE;
	if (organs && !json_is_object(organs))
		return alert_fail(err, field, WORK_ERROR_INVALID, "organs",
		                  N_("The limits per superior organ are keyed by its name."));
	json_object_foreach (organs, key, v) {
		if (*key == '\0' || g_utf8_strlen(key, -1) > 60)
			return alert_fail(
			    err, field, WORK_ERROR_INVALID, "organs",
			    N_("The limits per superior organ are keyed by its name."));
		if (!set_ok(v, FALSE, "organs", field, err) ||
		    !levels_ok(json_object_get(v, "levels"), "organs", field, err))
			return FALSE;
	}
	if (!json_is_object(esc) || !json_is_integer(after) || json_integer_value(after) < 1 ||
	    json_integer_value(after) > 24 * 60)
		return alert_fail(
		    err, field, WORK_ERROR_INVALID, "escalation",
		    N_("Escalate after 1 to 1440 minutes without an acknowledgement."));
	if (!json_is_array(chain) || json_array_size(chain) > ALERT_CHAIN_MAX)
		return alert_fail(err, field, WORK_ERROR_INVALID, "escalation",
		                  N_("The escalation chain lists at most 6 steps."));
	json_array_foreach (chain, i, v)
		if (!json_is_string(v) || !g_strv_contains(chain_steps, json_string_value(v)))
			return alert_fail(
			    err, field, WORK_ERROR_INVALID, "escalation",
			    N_("An escalation step is assistant, secretary, deputy or "
			       "duty."));
	return work_setting_json_save(WORK_ERRORS, c, SETTING, obj, err);
}

/* Copies the limits SET has over OUT's. */
static void overlay(json_t *out, json_t *set)
{
	for (gsize i = 0; i < G_N_ELEMENTS(limit_keys); i++) {
		json_t *v = json_object_get(set, limit_keys[i].key);
		if (json_is_integer(v))
			json_object_set(out, limit_keys[i].key, v);
	}
}

json_t *alert_limits_for(json_t *limits, int level, const char *organ)
{
	json_t *out = json_object(), *org = NULL;
	char lv[2] = {(char)('0' + level), '\0'};

	overlay(out, json_object_get(limits, "default"));
	if (level >= 1 && level <= 4)
		overlay(out, json_object_get(json_object_get(limits, "levels"), lv));
	if (organ && *organ)
		org = json_object_get(json_object_get(limits, "organs"), organ);
	overlay(out, org);
	if (org && level >= 1 && level <= 4)
		overlay(out, json_object_get(json_object_get(org, "levels"), lv));
	/* a set of limits is never without a value: the defaults are checked whole */
	for (gsize i = 0; i < G_N_ELEMENTS(limit_keys); i++)
		if (!json_is_integer(json_object_get(out, limit_keys[i].key)))
			json_object_set_new(out, limit_keys[i].key, json_integer(60));
	return out;
}
