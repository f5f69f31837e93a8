/*
 * alert.h — emergency information (应急值守): incidents, early-warning (苗头性) and public-opinion
 * (舆情) items reported against the clock — the phone report, the written first report (首报),
 * follow-ups (续报) and daily reports until the final report (终报) — routed to the leaders in
 * charge of the domain and the leader on duty with the reasons, acknowledged (签收) in one click,
 * escalated along a chain that is data when nobody acknowledges. The workflow is data
 * (data/workflows/incident.json) on the engine in src/work/; the time limits are data
 * (data/alert/limits.json, changed by the office in the setting 'alert.limits').
 */
#ifndef MISHU_ALERT_H
#define MISHU_ALERT_H

#include "auth/auth.h"
#include "db/db.h"

#include <glib.h>
#include <jansson.h>

/* Registers the workflow kind, actors, hooks and the escalation job (alert_flow.c). Once, at
 * start-up. */
void alert_flow_register(void);

/* The demo city's incidents (data/demo/alert.json) through the module's operations, each at its
 * moment; nothing when the database holds incidents. Sets *MADE. Own transactions. */
gboolean alert_demo_load(Db *db, int *made, GError **err);

#endif
