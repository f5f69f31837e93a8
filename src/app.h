/*
 * The process's context: what every handler may reach through http_app(req). Plain data; it
 * is filled by main.c and read-only while serving.
 */
#ifndef MISHU_APP_H
#define MISHU_APP_H

#include "db/db.h"
#include "http/http.h"

typedef struct App {
	Db *db;
	gboolean dev;              /* assets from the source tree */
	const char *version;       /* MISHU_VERSION */
	struct WorkEvents *events; /* the live-event hub (work/events.h), started before serving */
} App;

/* The database of the process serving REQ. */
static inline Db *app_db(HttpRequest *req)
{
	return ((App *)http_app(req))->db;
}

#endif
