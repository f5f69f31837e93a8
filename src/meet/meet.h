/*
 * meet.h — meetings (办会): the rules of procedure as data (meeting types with their quorum and
 * voting thresholds, data/meetings/types.json, editable at /api/v1/meetings/types) and the exact
 * arithmetic that applies them (meet_rules.c). No threshold is written in C.
 */
#ifndef MISHU_MEET_H
#define MISHU_MEET_H

#include "auth/auth.h"
#include "db/db.h"

#include <glib.h>
#include <jansson.h>

/* ---- thresholds (meet_rules.c) ------------------------------------------------------------ */

/* How a count is compared with a fraction of its base: more than (超过) or at least (达到). */
typedef enum { MEET_CMP_GT, MEET_CMP_GE } MeetCmp;

/* What a threshold counts on: the members who should attend (应到会) or those present (实到会). */
typedef enum { MEET_BASE_EXPECTED, MEET_BASE_PRESENT } MeetBase;

/* A threshold: COUNT compared by CMP with NUM/DEN of the base (1 <= NUM <= DEN <= 100). */
typedef struct MeetRule {
	int num, den;
	MeetCmp cmp;
	MeetBase base;
} MeetRule;

/* Reads a threshold from J ({"num":1,"den":2,"cmp":"gt"|"ge","base":"expected"|"present"};
 * base optional, default expected). FALSE with ERR (WORK_ERROR_INVALID, naming NAME) when it is
 * not one. */
gboolean meet_rule_parse(json_t *j, const char *name, MeetRule *r, GError **err);
/* The threshold R as JSON (a new reference). */
json_t *meet_rule_json(const MeetRule *r);

/* TRUE when COUNT meets R against BASE, in exact integer arithmetic (COUNT·DEN > NUM·BASE for
 * "more than", >= for "at least"). A BASE of 0 is never met. */
gboolean meet_rule_met(const MeetRule *r, gint64 count, gint64 base);

/* N (1..100) in Chinese numerals as an office writes them: 二, 十一, 二十, 一百. g_free. */
char *meet_cn_number(int n);

/* The fraction of R in words in the current language (半数, 三分之二, 四分之三; half, two
 * thirds, 3/4). A new string. */
char *meet_fraction_words(const MeetRule *r);

/* The quorum rule R in words ("实到会人数须超过应到会人数的半数"). A new string. */
char *meet_quorum_rule_words(const MeetRule *r);

/* Whether PRESENT of EXPECTED members meet the quorum R, explained in words in *WORDS (a new
 * string: "应到会11人，实到会6人，超过应到会人数的半数，可以开会"). */
gboolean meet_quorum_check(const MeetRule *r, gint64 expected, gint64 present, char **words);

/* The counted votes on an agenda item. Written views (书面意见) are never among them. */
typedef struct MeetTally {
	gint64 agree, disagree, defer, abstain;
	gint64 expected, present;
} MeetTally;

typedef enum { MEET_PASSED, MEET_FAILED, MEET_DEFERRED } MeetOutcome;

/*
 * The outcome of the votes T under the passing threshold R: passed when the agreeing votes meet
 * R on its base; otherwise deferred when the 缓议 votes meet R; otherwise failed. *WORDS gets a
 * new string explaining it with the base named ("同意7人，应到会11人，超过应到会人数的半数 →
 * 通过"); when the base is 应到会 and the agreeing votes are a majority of those present but do
 * not meet R, the explanation says so.
 */
MeetOutcome meet_tally_outcome(const MeetRule *r, const MeetTally *t, char **words);

/* "passed", "failed", "deferred". */
const char *meet_outcome_code(MeetOutcome o);

/* The seats of the main table (座次) for N people in rank order: POS[r] is the seat, counted
 * from the left as the audience sees the table, of the person of rank r (0 first). The first
 * sits in the centre (with an even number, 1 and 2 share it, 2 on 1's left hand); the others
 * alternate, on the left hand of the ones before them (the audience's right), then on the
 * right hand. */
void meet_seat_positions(int n, int *pos);

/* ---- meeting types (meet_types.c) --------------------------------------------------------- */

/* The meeting types as data: {"source":…, "items":[{code, name:{zh,en}, members, chair,
 * voting, quorum, cadre_quorum, pass, reconsider, abstain, principal_last,
 * cadre_release_days}]}: what the office stored, else data/meetings/types.json. New reference,
 * or NULL with ERR. */
json_t *meet_types(DbConn *c, GError **err);

/* Checks TYPES (as meet_types returns them) and stores them for meetings from now on. FALSE with
 * ERR (WORK_ERROR_INVALID) and *FIELD naming what is wrong. */
gboolean meet_types_store(DbConn *c, json_t *types, const char **field, GError **err);

/* The type CODE of TYPES (borrowed), or NULL. */
json_t *meet_type_find(json_t *types, const char *code);

/* ---- iCalendar (meet_ics.c) ------------------------------------------------------------- */

/* MEETINGS (meet_get's objects) as one iCalendar text (VCALENDAR of VEVENTs, UIDs
 * "meeting-ID@HOST"). g_free. */
char *meet_ics(json_t *meetings, const char *host);

/* ---- the demo (meet_demo.c) ---------------------------------------------------------------- */

/* The demo city's meetings (data/demo/meetings.json) through the meetings' operations, each
 * step at its moment; nothing when the database holds meetings. Sets *MADE. Own transaction. */
gboolean meet_demo_load(Db *db, int *made, GError **err);

/* Registers the meetings' workflow kinds, actors and hooks with the engine (meet_flow.c). Once,
 * at start-up. */
void meet_flow_register(void);

#endif
