/*
 * test_text.c — unit tests of typed text (src/core/text.c): white space of every kind trimmed
 * (full-width, no-break, zero-width), a text of several lines keeping its first indent, and
 * full-width digits turned into ASCII only in what is a number or a date.
 */
#include "core/core.h"

#include <string.h>

static void check(const char *in, const char *want)
{
	g_autofree char *got = core_text_clean(in);

	if (g_strcmp0(got, want) != 0)
		g_error("clean(\"%s\") = \"%s\", want \"%s\"", in, got, want);
}

static void test_blank(void)
{
	g_assert_true(core_text_blank(NULL));
	g_assert_true(core_text_blank(""));
	g_assert_true(core_text_blank("\u3000\u3000"));
	g_assert_true(core_text_blank(" \t\r\n\u00a0\u200b\ufeff\u2060\u202f\u2028"));
	g_assert_false(core_text_blank("\u3000标题\u3000"));
	g_assert_false(core_text_blank("._"));
	g_assert_true(core_text_is_space(0x3000));
	g_assert_false(core_text_is_space(0x4E00));
}

static void test_trim(void)
{
	check(NULL, NULL);
	check("", "");
	check("\u3000\u3000", "");
	check("\u200b", "");
	check("  关于开展安全生产检查的通知\u3000", "关于开展安全生产检查的通知");
	check("\u00a0\ufeff标题\u200b\t", "标题");
	check("中\u3000间", "中\u3000间"); /* inside is kept */
	/* several lines: the first keeps its indent, blank lines around go */
	check("\n\u3000\u3000第一段。\n\u3000\u3000第二段。\n\u3000\n",
	      "\u3000\u3000第一段。\n\u3000\u3000第二段。");
	check("\u3000\u3000一行的正文。", "一行的正文。");
	check("\u3000\u3000一行的正文。\n", "\u3000\u3000一行的正文。");
	check("\u3000\n\u3000\n", "");
}

static void test_digits(void)
{
	check("１０", "10");
	check("\u3000１０\u3000", "10");
	check("２０２６－０１－０５", "2026-01-05");
	check("２０２６-01-05", "2026-01-05");
	check("－３", "-3");
	check("１．５", "1.5");
	check("10", "10");
	/* not a number: kept as typed */
	check("第１０号", "第１０号");
	check("ＧＤＰ", "ＧＤＰ");
	check("－", "－");
	check("１０份", "１０份");
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/text/blank", test_blank);
	g_test_add_func("/text/trim", test_trim);
	g_test_add_func("/text/digits", test_digits);
	return g_test_run();
}
