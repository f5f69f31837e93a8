/*
 * duty_conflict.c — the rules a roster keeps, as pure functions the roster (duty_roster.c) and
 * the unit tests share: nobody is on two shifts at once, and a duty officer is not put on a
 * shift that begins as their other one ends (连班: an officer on 白班 and then 夜班 would watch
 * 24 hours straight). A leader in charge (带班领导) may cover consecutive shifts: 带班 is on call,
 * not at the desk.
 */
#include "duty/duty_internal.h"

#include <string.h>

DutyClash duty_slot_clash(const DutySlot *a, const DutySlot *b)
{
	if (a->user != b->user)
		return DUTY_CLASH_NONE;
	if (a->start < b->end && b->start < a->end)
		return DUTY_CLASH_OVERLAP;
	/* back to back: only an officer on both needs the rest between them */
	if ((a->end == b->start || b->end == a->start) && !a->leader && !b->leader)
		return DUTY_CLASH_NO_REST;
	return DUTY_CLASH_NONE;
}

gboolean duty_day_within(const char *day, const char *from, const char *to)
{
	/* YYYY-MM-DD compares as text */
	return strcmp(day, from) >= 0 && strcmp(day, to) <= 0;
}
