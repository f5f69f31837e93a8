/*
 * site_demo_internal.h — what the two halves of the demo year share: the plan of one item, the
 * generator's state (site_demo.c plans the year; site_demo_steps.c composes the texts and takes
 * the steps through the modules).
 */
#ifndef MISHU_SITE_DEMO_INTERNAL_H
#define MISHU_SITE_DEMO_INTERNAL_H

#include "auth/auth.h"
#include "db/db.h"

#include <glib.h>
#include <jansson.h>

/* The first working day of the demo year (the 分工 takes effect on it). */
#define DEMO_START_Y 2026
#define DEMO_START_M 1
#define DEMO_START_D 5
#define DEMO_SEED    20260105
#define DEMO_BATCH   150 /* steps per transaction */

enum { K_IN, K_OUT, K_TASK };

/* One item's life: its kind, facts and the steps it goes through, each at its time. */
typedef struct {
	int kind;
	json_t *dom;        /* its domain's entry in work.json (borrowed) */
	const char *title;  /* documents; tasks: the content */
	const char *sender; /* incoming */
	gboolean higher;    /* incoming from a higher committee */
	const char *unit;   /* lead unit (tasks), handling unit (assign), author's unit */
	const char *source; /* tasks: instruction, meeting, key_work, higher, petition */
	const char *series; /* outgoing: its 机关代字 */
	int src;            /* tasks: the incoming plan whose 批示 it carries out, or -1 */
	int paper;          /* incoming: 0, or 1/2 for a paper/oral 批示 entered by the office */
	const char **steps; /* step codes, NULL-terminated (static) */
	int nsteps;
	gint64 at[16]; /* when each step is taken */
	gint64 id, instruction;
	char *actor;  /* who gave the 批示 / signs (username), learnt on the way */
	int deadline; /* tasks: working days */
} Plan;

typedef struct {
	gint64 at;
	int plan, step;
} Event;

/* The generator's state. */
typedef struct {
	DbConn *c;
	GRand *rand;
	json_t *work, *city;
	GHashTable *users;   /* username → AuthUser* */
	GHashTable *liaison; /* unit code → username of its liaison */
	GArray *plans;       /* Plan */
	gint64 start, now;
	GDate today;
	int made;
} Gen;

/* The string KEY of O (borrowed), or NULL. */
const char *site_demo_str(json_t *o, const char *key);

/* A random entry of the string array KEY of O (borrowed), or "". */
const char *site_demo_pick(Gen *g, json_t *o, const char *key);

/* The document type a title names by its last words (…的通知 → 通知). */
const char *site_demo_type(const char *title);

/* A unit's short name ("市发改委") from the demo city, or CODE. */
const char *site_demo_unit_name(Gen *g, const char *code);

/* Takes event E: creates its plan's item or takes its next step, with the clock at E->at. */
gboolean site_demo_take(Gen *g, const Event *e, GError **err);

#endif
