/*
 * info.h — information (信息): reports (信息稿) submitted by units and the office, edited,
 * adopted, rejected or merged by the information department, and published in numbered issues
 * (期) of bulletins (刊物) that reach the leaders with read receipts. The workflows are data
 * (data/workflows/report.json, issue.json) on the engine in src/work/.
 */
#ifndef MISHU_INFO_H
#define MISHU_INFO_H

#include "auth/auth.h"
#include "db/db.h"

#include <glib.h>
#include <jansson.h>

/* Registers the workflow kinds, hooks and offer conditions of reports and issues with the
 * engine (info_flow.c). Once, at start-up. */
void info_flow_register(void);

/* The demo city's bulletins (data/demo/info.json "bulletins"), when the database has none.
 * Own transaction. */
gboolean info_demo_bulletins(Db *db, GError **err);

/* The demo city's reports and issues (data/demo/info.json) through the module's operations,
 * each step at its moment; nothing when the database holds reports. Sets *MADE. Own
 * transaction. */
gboolean info_demo_load(Db *db, int *made, GError **err);

#endif
