/*
 * meet_rules.c — the arithmetic of the rules of procedure: quorum (应到会 against 实到会) and
 * the passing threshold of a vote, each a fraction compared strictly (超过) or inclusively
 * (达到), computed in integers so that "exactly half" is never rounded into a quorum, and
 * explained in words naming the base ("同意7人，应到会11人，超过应到会人数的半数 → 通过").
 * The fractions themselves are data (meet_types.c).
 */
#define G_LOG_DOMAIN "mishu-meet"

#include "meet/meet.h"
#include "core/core.h"
#include "work/work.h"

#include <string.h>

/* The threshold NAME of a meeting type in words (法定人数 …), translated; NAME when unknown. */
static const char *rule_title(const char *name)
{
	static const char *const titles[][2] = {
	    {"quorum", N_("Quorum")},                           /* 法定人数 */
	    {"cadre_quorum", N_("Quorum for cadre items")},     /* 干部任免议题法定人数 */
	    {"pass", N_("Passing")},                            /* 表决通过 */
	    {"reconsider", N_("Reconsidering a passed item")}}; /* 复议 */

	for (gsize i = 0; i < G_N_ELEMENTS(titles); i++)
		if (g_strcmp0(name, titles[i][0]) == 0)
			return core_tr_now(titles[i][1]);
	return name;
}

gboolean meet_rule_parse(json_t *j, const char *name, MeetRule *r, GError **err)
{
	json_t *num = json_object_get(j, "num"), *den = json_object_get(j, "den");
	const char *cmp = json_string_value(json_object_get(j, "cmp"));
	json_t *base = json_object_get(j, "base");
	const char *why = NULL;

	if (!json_is_object(j) || !json_is_integer(num) || !json_is_integer(den))
		why = N_("the numerator and the denominator are whole numbers.");
	else if (json_integer_value(num) < 1)
		why = N_("the numerator is at least 1.");
	else if (json_integer_value(den) > 100)
		why = N_("the denominator is at most 100.");
	else if (json_integer_value(num) > json_integer_value(den))
		why = N_("the numerator cannot be more than the denominator.");
	else if (cmp == NULL || (strcmp(cmp, "gt") != 0 && strcmp(cmp, "ge") != 0))
		why = N_("the comparison is \"gt\" (more than) or \"ge\" (at least).");
	else if (base &&
	         (!json_is_string(base) || (strcmp(json_string_value(base), "expected") != 0 &&
	                                    strcmp(json_string_value(base), "present") != 0)))
		why = N_("it is counted on \"expected\" (those who should attend) or "
		         "\"present\".");
	if (why) {
		/* 法定人数：分子不能大于分母。 */
		g_set_error(err, WORK_ERROR, WORK_ERROR_INVALID, core_tr_now(N_("%s: %s")),
		            rule_title(name), core_tr_now(why));
		return FALSE;
	}
	r->num = (int)json_integer_value(num);
	r->den = (int)json_integer_value(den);
	r->cmp = strcmp(cmp, "gt") == 0 ? MEET_CMP_GT : MEET_CMP_GE;
	r->base = base && strcmp(json_string_value(base), "present") == 0 ? MEET_BASE_PRESENT
	                                                                  : MEET_BASE_EXPECTED;
	return TRUE;
}

json_t *meet_rule_json(const MeetRule *r)
{
	return json_pack("{s:i, s:i, s:s, s:s}", "num", r->num, "den", r->den, "cmp",
	                 r->cmp == MEET_CMP_GT ? "gt" : "ge", "base",
	                 r->base == MEET_BASE_PRESENT ? "present" : "expected");
}

gboolean meet_rule_met(const MeetRule *r, gint64 count, gint64 base)
{
	gint64 lhs = count * r->den, rhs = (gint64)r->num * base;

	if (base <= 0)
		return FALSE;
	return r->cmp == MEET_CMP_GT ? lhs > rhs : lhs >= rhs;
}

char *meet_cn_number(int n)
{
	static const char *const d[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
	GString *s = g_string_new(NULL);

	if (n >= 100)
		return g_string_free(g_string_append(s, "一百"), FALSE);
	if (n >= 20)
		g_string_append_printf(s, "%s十", d[n / 10]);
	else if (n >= 10)
		g_string_append(s, "十");
	if (n % 10 || n < 10)
		g_string_append(s, d[n % 10]);
	return g_string_free(s, FALSE);
}

char *meet_fraction_words(const MeetRule *r)
{
	int g = r->num, b = r->den, t;

	while (b) { /* in lowest terms: 2/4 reads as 半数 */
		t = g % b;
		g = b;
		b = t;
	}
	int num = r->num / g, den = r->den / g;

	if (strcmp(core_lang_current(), CORE_LANG_EN) == 0) {
		if (num == 1 && den == 2)
			return g_strdup("half");
		if (num == 2 && den == 3)
			return g_strdup("two thirds");
		if (num == 3 && den == 4)
			return g_strdup("three quarters");
		if (num == 1 && den == 1)
			return g_strdup("all");
		return g_strdup_printf("%d/%d", num, den);
	}
	if (num == 1 && den == 2)
		return g_strdup("半数");
	if (num == 1 && den == 1)
		return g_strdup("全部");
	{
		g_autofree char *a = meet_cn_number(den), *z = meet_cn_number(num);
		return g_strdup_printf("%s分之%s", a, z);
	}
}

/* The comparison in words, as required ("more than") or as found (MET: "more than", not:
 * "not more than"). Static, translated. */
static const char *cmp_words(const MeetRule *r, gboolean met)
{
	if (r->cmp == MEET_CMP_GT)
		return met ? core_tr_now(N_("more than")) : core_tr_now(N_("not more than"));
	return met ? core_tr_now(N_("at least")) : core_tr_now(N_("less than"));
}

char *meet_quorum_rule_words(const MeetRule *r)
{
	g_autofree char *frac = meet_fraction_words(r);

	return g_strdup_printf(core_tr_now(N_("those present must be %1$s %2$s of the members "
	                                      "who should attend")),
	                       cmp_words(r, TRUE), frac);
}

gboolean meet_quorum_check(const MeetRule *r, gint64 expected, gint64 present, char **words)
{
	gboolean met = meet_rule_met(r, present, expected);
	g_autofree char *frac = meet_fraction_words(r);

	*words = g_strdup_printf(core_tr_now(N_("%1$d should attend, %2$d present: %3$s %4$s of "
	                                        "those who should attend")),
	                         (int)expected, (int)present, cmp_words(r, met), frac);
	return met;
}

const char *meet_outcome_code(MeetOutcome o)
{
	return o == MEET_PASSED ? "passed" : o == MEET_DEFERRED ? "deferred" : "failed";
}

/* "<LABEL> <COUNT>, of <BASE> who should attend (or present): <cmp> <fraction> of them →
 * <OUTCOME>", in the current language. A new string. */
static char *vote_words(const MeetRule *r, const char *label, gint64 count, gint64 base,
                        gboolean met, const char *outcome)
{
	g_autofree char *frac = meet_fraction_words(r);

	if (r->base == MEET_BASE_PRESENT)
		return g_strdup_printf(
		    core_tr_now(N_("%1$s: %2$d, of %3$d present: %4$s %5$s of them → %6$s")), label,
		    (int)count, (int)base, cmp_words(r, met), frac, outcome);
	return g_strdup_printf(
	    core_tr_now(N_("%1$s: %2$d, of %3$d who should attend: %4$s %5$s of them → %6$s")),
	    label, (int)count, (int)base, cmp_words(r, met), frac, outcome);
}

MeetOutcome meet_tally_outcome(const MeetRule *r, const MeetTally *t, char **words)
{
	gint64 base = r->base == MEET_BASE_PRESENT ? t->present : t->expected;
	g_autofree char *main = NULL;

	if (meet_rule_met(r, t->agree, base)) {
		*words = vote_words(r, core_tr_now(N_("Agreed")), t->agree, base, TRUE,
		                    core_tr_now(N_("passed")));
		return MEET_PASSED;
	}
	if (meet_rule_met(r, t->defer, base)) {
		*words = vote_words(r, core_tr_now(N_("Deferral")), t->defer, base, TRUE,
		                    core_tr_now(N_("deferred")));
		return MEET_DEFERRED;
	}
	main = vote_words(r, core_tr_now(N_("Agreed")), t->agree, base, FALSE,
	                  core_tr_now(N_("failed")));
	if (r->base == MEET_BASE_EXPECTED && t->present > 0 && t->agree * 2 > t->present)
		*words = g_strdup_printf(core_tr_now(N_("%1$s (a majority of the %2$d present, but "
		                                        "the vote counts on those who should "
		                                        "attend)")),
		                         main, (int)t->present);
	else
		*words = g_steal_pointer(&main);
	return MEET_FAILED;
}

void meet_seat_positions(int n, int *pos)
{
	/* odd: 1 in the centre; even: 1 and 2 share it, 2 on 1's left hand; then the others
	 * alternate, each next on the left hand of the one before it (the audience's right),
	 * then on the right hand */
	int left = n % 2 ? n / 2 : n / 2 - 1, right = left;

	for (int r = 0; r < n; r++) {
		if (r == 0)
			pos[r] = left;
		else if (r % 2 == 1)
			pos[r] = ++right;
		else
			pos[r] = --left;
	}
}
