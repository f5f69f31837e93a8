/*
 * duty.h — the duty roster (值班表) of the office's 值班室: for each shift of each day the leader
 * in charge (带班领导) and the duty officers (值班员) with their phones, the leave that keeps a
 * person off the roster, the handover log (交接班) and who is on duty now. The shifts are data
 * (data/duty/shifts.json; the office's changes in the setting 'duty.shifts').
 */
#ifndef MISHU_DUTY_H
#define MISHU_DUTY_H

#include "db/db.h"

#include <glib.h>
#include <jansson.h>

/* Who is on duty at instant AT (unix seconds, office time zone): {"date","shift":{"code","name",
 * "from","to"}|null, "leader":{"user_id","name","phone"}|null, "officers":[{"user_id","name",
 * "phone"}]}. "date" is the day the shift under way started (a night shift after midnight
 * belongs to the day before). New reference; NULL with ERR on a database failure. */
json_t *duty_now(DbConn *c, gint64 at, GError **err);

/* The demo city's roster: the month around today (office staff as 值班员, the 副秘书长 and the
 * office director as 带班领导), some leave, and handovers whose open items are carried forward,
 * the last one not yet acknowledged. Nothing when the roster has entries. Own transaction. */
gboolean duty_demo_load(Db *db, GError **err);

#endif
