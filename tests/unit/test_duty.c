/*
 * test_duty.c — unit tests of the duty roster's rules (src/duty/duty_conflict.c) and of the
 * shifts' times (duty_shift.c): two shifts at once clash for anyone, back to back only for an
 * officer (连班), different people never; a night shift ends the next morning in the office
 * time zone; days within a range.
 */
#include "core/core.h"
#include "duty/duty_internal.h"

/* A shift {code, name, from, to}. New reference. */
static json_t *shift(const char *from, const char *to)
{
	return json_pack("{s:s, s:s, s:s, s:s}", "code", "x", "name", "x", "from", from, "to", to);
}

/* The slot of USER on shift FROM–TO of DAY. */
static DutySlot slot(gint64 user, const char *day, const char *from, const char *to,
                     gboolean leader)
{
	g_autoptr(json_t) s = shift(from, to);
	DutySlot x = {.user = user, .leader = leader};

	g_assert_true(duty_shift_span(s, day, &x.start, &x.end));
	return x;
}

static void test_spans(void)
{
	g_autoptr(json_t) night = shift("17:30", "08:30");
	g_autoptr(json_t) day = shift("08:30", "17:30");
	g_autoptr(json_t) bad = shift("8:30", "17:30");
	g_autoptr(json_t) late = shift("24:00", "08:00");
	gint64 a, b;

	g_assert_true(core_tz_set("Asia/Shanghai", NULL));
	/* 2026-12-06 08:30 +08:00 = 00:30 UTC */
	g_assert_true(duty_shift_span(day, "2026-12-06", &a, &b));
	g_assert_cmpint(a, ==, 1796517000);
	g_assert_cmpint(b - a, ==, 9 * 3600);
	/* the night shift ends the next morning */
	g_assert_true(duty_shift_span(night, "2026-12-06", &a, &b));
	g_assert_cmpint(b - a, ==, 15 * 3600);
	g_assert_cmpint(a, ==, 1796517000 + 9 * 3600);
	/* malformed times and days are refused */
	g_assert_false(duty_shift_span(bad, "2026-12-06", &a, &b));
	g_assert_false(duty_shift_span(late, "2026-12-06", &a, &b));
	g_assert_false(duty_shift_span(day, "2026-02-30", &a, &b));
	g_assert_false(duty_shift_span(day, NULL, &a, &b));
}

static void test_clash(void)
{
	DutySlot d1 = slot(1, "2026-12-06", "08:30", "17:30", FALSE);
	DutySlot n1 = slot(1, "2026-12-06", "17:30", "08:30", FALSE);
	DutySlot d1next = slot(1, "2026-12-07", "08:30", "17:30", FALSE);
	DutySlot d1later = slot(1, "2026-12-08", "08:30", "17:30", FALSE);
	DutySlot mid1 = slot(1, "2026-12-06", "12:00", "20:00", FALSE);
	DutySlot n2 = slot(2, "2026-12-06", "17:30", "08:30", FALSE);
	DutySlot ld = slot(3, "2026-12-06", "08:30", "17:30", TRUE);
	DutySlot ln = slot(3, "2026-12-06", "17:30", "08:30", TRUE);
	DutySlot lmid = slot(3, "2026-12-06", "12:00", "20:00", TRUE);

	/* two shifts at once: anyone, either order, even the same shift twice */
	g_assert_cmpint(duty_slot_clash(&d1, &mid1), ==, DUTY_CLASH_OVERLAP);
	g_assert_cmpint(duty_slot_clash(&mid1, &d1), ==, DUTY_CLASH_OVERLAP);
	g_assert_cmpint(duty_slot_clash(&d1, &d1), ==, DUTY_CLASH_OVERLAP);
	g_assert_cmpint(duty_slot_clash(&ld, &lmid), ==, DUTY_CLASH_OVERLAP);
	/* back to back: an officer needs the rest (白班 then 夜班, 夜班 then the next 白班) */
	g_assert_cmpint(duty_slot_clash(&d1, &n1), ==, DUTY_CLASH_NO_REST);
	g_assert_cmpint(duty_slot_clash(&n1, &d1next), ==, DUTY_CLASH_NO_REST);
	g_assert_cmpint(duty_slot_clash(&d1next, &n1), ==, DUTY_CLASH_NO_REST);
	/* a leader in charge may lead the next shift */
	g_assert_cmpint(duty_slot_clash(&ld, &ln), ==, DUTY_CLASH_NONE);
	/* after a rest, or another person: no clash */
	g_assert_cmpint(duty_slot_clash(&d1, &d1next), ==, DUTY_CLASH_NONE);
	g_assert_cmpint(duty_slot_clash(&n1, &d1later), ==, DUTY_CLASH_NONE);
	g_assert_cmpint(duty_slot_clash(&d1, &n2), ==, DUTY_CLASH_NONE);
	g_assert_cmpint(duty_slot_clash(&n1, &n2), ==, DUTY_CLASH_NONE);
}

static void test_within(void)
{
	g_assert_true(duty_day_within("2026-12-06", "2026-12-06", "2026-12-06"));
	g_assert_true(duty_day_within("2026-12-07", "2026-12-06", "2026-12-08"));
	g_assert_false(duty_day_within("2026-12-05", "2026-12-06", "2026-12-08"));
	g_assert_false(duty_day_within("2026-12-09", "2026-12-06", "2026-12-08"));
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/duty/spans", test_spans);
	g_test_add_func("/duty/clash", test_clash);
	g_test_add_func("/duty/within", test_within);
	return g_test_run();
}
