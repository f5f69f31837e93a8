/*
 * test_meet.c — unit tests of the rules of procedure (src/meet/meet_rules.c): quorum at exactly
 * half and two thirds, strict against inclusive, the passing threshold counted on 应到会 and
 * not on those present, deferral, and the words that explain each result in both languages.
 */
#include "core/core.h"
#include "meet/meet.h"
#include "work/work.h"

#include <libical/ical.h>
#include <string.h>

static MeetRule rule(const char *json)
{
	json_t *j = json_loads(json, 0, NULL);
	MeetRule r;
	GError *err = NULL;

	g_assert_nonnull(j);
	g_assert_true(meet_rule_parse(j, "rule", &r, &err));
	g_assert_no_error(err);
	json_decref(j);
	return r;
}

static void test_quorum_exact(void)
{
	MeetRule half = rule("{\"num\":1,\"den\":2,\"cmp\":\"gt\"}");
	MeetRule two3 = rule("{\"num\":2,\"den\":3,\"cmp\":\"ge\"}");
	MeetRule two3gt = rule("{\"num\":2,\"den\":3,\"cmp\":\"gt\"}");

	/* 常委会 of 12: 6 is exactly half and cannot open; 7 can. */
	g_assert_false(meet_rule_met(&half, 6, 12));
	g_assert_true(meet_rule_met(&half, 7, 12));
	/* of 11: 6 is more than half. */
	g_assert_true(meet_rule_met(&half, 6, 11));
	g_assert_false(meet_rule_met(&half, 5, 11));
	/* cadre items of 12: two thirds is 8, inclusive; 7 is not enough. */
	g_assert_true(meet_rule_met(&two3, 8, 12));
	g_assert_false(meet_rule_met(&two3, 7, 12));
	/* of 11: 22/3 = 7.33, so 8 is needed. */
	g_assert_false(meet_rule_met(&two3, 7, 11));
	g_assert_true(meet_rule_met(&two3, 8, 11));
	/* 全委会 "more than two thirds" of 30: 20 is not more, 21 is. */
	g_assert_false(meet_rule_met(&two3gt, 20, 30));
	g_assert_true(meet_rule_met(&two3gt, 21, 30));
	/* nobody expected: never met */
	g_assert_false(meet_rule_met(&half, 0, 0));
}

static void test_rule_parse_refuses(void)
{
	static const char *const bad[] = {"{\"num\":0,\"den\":2,\"cmp\":\"gt\"}",
	                                  "{\"num\":3,\"den\":2,\"cmp\":\"gt\"}",
	                                  "{\"num\":1,\"den\":101,\"cmp\":\"gt\"}",
	                                  "{\"num\":1,\"den\":2,\"cmp\":\"gte\"}",
	                                  "{\"num\":1,\"den\":2}",
	                                  "{\"num\":\"1\",\"den\":2,\"cmp\":\"gt\"}",
	                                  "{\"num\":1,\"den\":2,\"cmp\":\"gt\",\"base\":\"all\"}",
	                                  "[1,2]"};

	for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
		json_t *j = json_loads(bad[i], JSON_DECODE_ANY, NULL);
		MeetRule r;
		GError *err = NULL;

		g_assert_false(meet_rule_parse(j, "pass", &r, &err));
		g_assert_error(err, WORK_ERROR, WORK_ERROR_INVALID);
		g_assert_nonnull(strstr(err->message, "表决通过：")); /* the threshold in words */
		g_clear_error(&err);
		json_decref(j);
	}
}

static void test_fraction_words(void)
{
	MeetRule r = rule("{\"num\":2,\"den\":4,\"cmp\":\"gt\"}");
	char *w;

	core_lang_use(CORE_LANG_ZH);
	w = meet_fraction_words(&r);
	g_assert_cmpstr(w, ==, "半数");
	g_free(w);
	r = rule("{\"num\":2,\"den\":3,\"cmp\":\"ge\"}");
	w = meet_fraction_words(&r);
	g_assert_cmpstr(w, ==, "三分之二");
	g_free(w);
	r = rule("{\"num\":3,\"den\":20,\"cmp\":\"ge\"}");
	w = meet_fraction_words(&r);
	g_assert_cmpstr(w, ==, "二十分之三");
	g_free(w);
	r = rule("{\"num\":7,\"den\":11,\"cmp\":\"ge\"}");
	w = meet_fraction_words(&r);
	g_assert_cmpstr(w, ==, "十一分之七");
	g_free(w);
	core_lang_use(CORE_LANG_EN);
	w = meet_fraction_words(&r);
	g_assert_cmpstr(w, ==, "7/11");
	g_free(w);
	core_lang_use(CORE_LANG_ZH);
}

static void test_quorum_words(void)
{
	MeetRule half = rule("{\"num\":1,\"den\":2,\"cmp\":\"gt\"}");
	char *w = NULL;

	core_lang_use(CORE_LANG_ZH);
	g_assert_false(meet_quorum_check(&half, 12, 6, &w));
	g_assert_cmpstr(w, ==, "应到会12人，实到会6人，未超过应到会人数的半数");
	g_free(w);
	g_assert_true(meet_quorum_check(&half, 12, 7, &w));
	g_assert_cmpstr(w, ==, "应到会12人，实到会7人，超过应到会人数的半数");
	g_free(w);
	w = meet_quorum_rule_words(&half);
	g_assert_cmpstr(w, ==, "实到会人数须超过应到会人数的半数");
	g_free(w);
	core_lang_use(CORE_LANG_EN);
	g_assert_false(meet_quorum_check(&half, 12, 6, &w));
	g_assert_cmpstr(w, ==,
	                "12 should attend, 6 present: not more than half of those who "
	                "should attend");
	g_free(w);
	core_lang_use(CORE_LANG_ZH);
}

static void test_tally(void)
{
	MeetRule pass = rule("{\"num\":1,\"den\":2,\"cmp\":\"gt\",\"base\":\"expected\"}");
	MeetRule present = rule("{\"num\":1,\"den\":2,\"cmp\":\"gt\",\"base\":\"present\"}");
	MeetTally t = {.agree = 7, .disagree = 1, .expected = 11, .present = 9};
	char *w = NULL;

	core_lang_use(CORE_LANG_ZH);
	g_assert_cmpint(meet_tally_outcome(&pass, &t, &w), ==, MEET_PASSED);
	g_assert_cmpstr(w, ==, "同意7人，应到会11人，超过应到会人数的半数 → 通过");
	g_free(w);
	/* a majority of those present (6 of 9) but not of 应到会 (6 of 13): fails, and says so */
	t = (MeetTally){.agree = 6, .disagree = 2, .defer = 1, .expected = 13, .present = 9};
	g_assert_cmpint(meet_tally_outcome(&pass, &t, &w), ==, MEET_FAILED);
	g_assert_cmpstr(w, ==,
	                "同意6人，应到会13人，未超过应到会人数的半数 → 不通过"
	                "（虽超过实到会9人的半数，但表决以应到会人数为准）");
	g_free(w);
	/* the same counted on those present passes */
	g_assert_cmpint(meet_tally_outcome(&present, &t, &w), ==, MEET_PASSED);
	g_assert_cmpstr(w, ==, "同意6人，实到会9人，超过实到会人数的半数 → 通过");
	g_free(w);
	/* exactly half of 应到会 agreeing fails without the note (not a majority of those present
	 * either) */
	t = (MeetTally){.agree = 6, .disagree = 6, .expected = 12, .present = 12};
	g_assert_cmpint(meet_tally_outcome(&pass, &t, &w), ==, MEET_FAILED);
	g_assert_cmpstr(w, ==, "同意6人，应到会12人，未超过应到会人数的半数 → 不通过");
	g_free(w);
	/* a majority for 缓议 defers the item */
	t = (MeetTally){.agree = 3, .defer = 7, .expected = 12, .present = 10};
	g_assert_cmpint(meet_tally_outcome(&pass, &t, &w), ==, MEET_DEFERRED);
	g_assert_cmpstr(w, ==, "缓议7人，应到会12人，超过应到会人数的半数 → 缓议");
	g_free(w);
	g_assert_cmpstr(meet_outcome_code(MEET_DEFERRED), ==, "deferred");
	core_lang_use(CORE_LANG_EN);
	t = (MeetTally){.agree = 7, .expected = 11, .present = 7};
	g_assert_cmpint(meet_tally_outcome(&pass, &t, &w), ==, MEET_PASSED);
	g_assert_cmpstr(w, ==,
	                "Agreed: 7, of 11 who should attend: more than half of them → "
	                "passed");
	g_free(w);
	core_lang_use(CORE_LANG_ZH);
}

/* A meeting as meet_get gives it comes out as iCalendar that libical parses back. */
static void test_ics(void)
{
	json_t *list = json_loads(
	    "[{\"id\": 7, \"title\": \"市委常委会2026年第30次会议\", \"status\": \"noticed\","
	    " \"type_name\": \"常委会\", \"starts_at\": \"2026-12-10T09:00\","
	    " \"ends_at\": \"2026-12-10T11:30\", \"room\": \"市委第一会议室\","
	    " \"agenda\": [{\"n\": 1, \"title\": \"关于2027年市级财政预算草案的议题\"}],"
	    " \"members\": [{\"username\": \"shuji\", \"name\": \"王建国\", \"voting\": 1,"
	    " \"status\": \"confirmed\"}, {\"username\": \"zuzhi\", \"name\": \"吴海峰\","
	    " \"voting\": 1, \"status\": \"leave\"}]},"
	    " {\"id\": 8, \"title\": \"秘书长办公会\", \"status\": \"cancelled\","
	    " \"type_name\": \"秘书长办公会\", \"starts_at\": \"2026-12-11T15:00\","
	    " \"ends_at\": \"2026-12-11T16:00\", \"room\": \"\", \"agenda\": [],"
	    " \"members\": []}]",
	    0, NULL);
	g_autofree char *text = NULL;
	icalcomponent *cal, *ev;
	icalproperty *p;
	int attendees = 0;

	g_assert_nonnull(list);
	text = meet_ics(list, "mishu");
	cal = icalparser_parse_string(text);
	g_assert_nonnull(cal);
	g_assert_cmpint(icalcomponent_isa(cal), ==, ICAL_VCALENDAR_COMPONENT);
	g_assert_cmpint(icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT), ==, 2);
	ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	g_assert_cmpstr(icalcomponent_get_uid(ev), ==, "meeting-7@mishu");
	g_assert_cmpstr(icalcomponent_get_summary(ev), ==, "市委常委会2026年第30次会议");
	g_assert_cmpstr(icalcomponent_get_location(ev), ==, "市委第一会议室");
	g_assert_cmpstr(icaltime_as_ical_string(icalcomponent_get_dtstart(ev)), ==,
	                "20261210T010000Z");
	g_assert_cmpstr(icaltime_as_ical_string(icalcomponent_get_dtend(ev)), ==,
	                "20261210T033000Z");
	g_assert_nonnull(
	    strstr(icalcomponent_get_description(ev), "1. 关于2027年市级财政预算草案"));
	for (p = icalcomponent_get_first_property(ev, ICAL_ATTENDEE_PROPERTY); p;
	     p = icalcomponent_get_next_property(ev, ICAL_ATTENDEE_PROPERTY)) {
		icalparameter *cn = icalproperty_get_first_parameter(p, ICAL_CN_PARAMETER);
		icalparameter *ps = icalproperty_get_first_parameter(p, ICAL_PARTSTAT_PARAMETER);
		attendees++;
		if (strcmp(icalparameter_get_cn(cn), "吴海峰") == 0)
			g_assert_cmpint(icalparameter_get_partstat(ps), ==, ICAL_PARTSTAT_DECLINED);
	}
	g_assert_cmpint(attendees, ==, 2);
	ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT);
	g_assert_cmpint(icalcomponent_get_status(ev), ==, ICAL_STATUS_CANCELLED);
	icalcomponent_free(cal);
	json_decref(list);
}

/* 座次: the first in the centre, the second on their left hand (the audience's right), the
 * third on their right hand, and so on; with an even number 1 and 2 share the centre. */
static void test_seating(void)
{
	int pos[12];
	/* seat → rank (1-based), as the audience sees the table from the left */
	static const int five[] = {5, 3, 1, 2, 4};
	static const int six[] = {5, 3, 1, 2, 4, 6};
	int seat[12];

	meet_seat_positions(5, pos);
	for (int r = 0; r < 5; r++)
		seat[pos[r]] = r + 1;
	for (int k = 0; k < 5; k++)
		g_assert_cmpint(seat[k], ==, five[k]);
	meet_seat_positions(6, pos);
	for (int r = 0; r < 6; r++)
		seat[pos[r]] = r + 1;
	for (int k = 0; k < 6; k++)
		g_assert_cmpint(seat[k], ==, six[k]);
	meet_seat_positions(1, pos);
	g_assert_cmpint(pos[0], ==, 0);
	/* every seat of twelve taken once */
	meet_seat_positions(12, pos);
	{
		int taken = 0;
		for (int r = 0; r < 12; r++) {
			g_assert_cmpint(pos[r], >=, 0);
			g_assert_cmpint(pos[r], <, 12);
			taken |= 1 << pos[r];
		}
		g_assert_cmpint(taken, ==, (1 << 12) - 1);
	}
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	core_i18n_init();
	g_test_add_func("/meet/quorum-exact", test_quorum_exact);
	g_test_add_func("/meet/rule-parse-refuses", test_rule_parse_refuses);
	g_test_add_func("/meet/fraction-words", test_fraction_words);
	g_test_add_func("/meet/quorum-words", test_quorum_words);
	g_test_add_func("/meet/tally", test_tally);
	g_test_add_func("/meet/ics", test_ics);
	g_test_add_func("/meet/seating", test_seating);
	return g_test_run();
}
