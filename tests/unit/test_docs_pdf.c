/*
 * test_docs_pdf.c — unit tests of the GB/T 9704-2012 renderer (src/docs/docs_pdf.c). Each PDF is
 * read back with poppler-utils: pdfinfo (A4, page count), pdffonts (every font embedded) and
 * pdftotext -bbox-layout (every word inside the 版心, 22 lines of 28 characters, page numbers,
 * the 版头, the closing and the 版记 where the standard puts them). Also bad input, an unbroken
 * 5000-letter Latin run and four renderings at once.
 */
#include "docs/docs_pdf.h"
#include "docs/docs_pdf_internal.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Allocations are unwound fully (libcairo has no frame pointers), so that LeakSanitizer sees the
 * frame named by the suppression of cairo's own leak in tests/lsan.supp. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "fast_unwind_on_malloc=0";
}

/* ==== Geometry (GB/T 9704-2012; PDF points, y from the page top as pdftotext gives it) ===== */

/* The standard's own numbers, stated here apart from the renderer's (docs_pdf_internal.h). */
#undef MM
#undef BLOCK_TOP
#undef BLOCK_W
#undef CELL
#undef PITCH
#undef SIZE_4
#define MM(x)        ((x)*72.0 / 25.4)
#define TOL          MM(1.0)
#define BLOCK_TOP    MM(37.0)
#define BLOCK_BOTTOM MM(37.0 + 225.0)
#define BLOCK_W      MM(156.0)
#define CELL         (BLOCK_W / 28)
#define PITCH        (MM(225.0) / 22)
#define SIZE_4       14.0

/* The 版心's left edge: the binding margin is on the left of odd pages, on the right of even. */
static double block_left(int page)
{
	return page % 2 ? MM(28.0) : MM(210.0 - 28.0 - 156.0);
}

#define assert_near(a, b, tol)                                                                     \
	do {                                                                                       \
		double a_ = (a), b_ = (b);                                                         \
		if (fabs(a_ - b_) > (tol))                                                         \
			g_error("%s = %.2f, expected %s = %.2f ± %.2f", #a, a_, #b, b_,            \
			        (double)(tol));                                                    \
	} while (0)

/* ==== The sample document =================================================================== */

static const char *const sample_body[] = {
    "为深入贯彻落实党中央关于加强机关作风建设的决策部署，进一步改进文风会风，提高办文办会效率，"
    "经市委同意，现就有关事项通知如下。",
    "一、总体要求",
    "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届历次全会精神，聚焦主"
    "责主业，坚持问题导向，着力解决文件过多过长、会议过频过繁等突出问题，切实为基层减负。",
    "（一）严格控制发文数量。各级党组织要严格执行年度发文计划，没有实质内容、可发可不发的文件一律"
    "不发，可用电话、网络等方式解决的问题不再发文。",
    "1.规范发文程序。起草部门应当认真研究论证，确有必要的方可发文，并按规定履行审核、会签、签发程"
    "序。",
    "（1）文件起草前应当深入调查研究，充分听取各方面意见，确保政策措施切实可行。",
    "（2）文件送审前应当进行合法性审查和公平竞争审查，确保内容合法合规。",
    "2.提高文件质量。文件应当主题鲜明、观点正确、结构严谨、表述准确、文字精练，一般不超过5000字。",
    /* Without punctuation: its lines are full grid lines of 28 characters. */
    "各级党组织要切实加强组织领导明确责任分工细化工作措施确保各项任务落到实处各级党组织要切实加强组"
    "织领导明确责任分工细化工作措施确保各项任务落到实处各级党组织要切实加强组织领导明确责任分工细化"
    "工作措施确保各项任务落到实处各级党组织要切实加强组织领导明确责任分工细化工作措施确保各项任务落"
    "到实处各级党组织要切实加强组织领导明确责任分工细化工作措施确保各项任务落到实处各级党组织要切实"
    "加强组织领导明确责任分工细化工作措施确保各项任务落到实处各级党组织要切实加强组织领导明确责任分"
    "工细化工作措施确保各项任务落到实处各级党组织要切实加强组织领导明确责任分工细化工作措施确保各项"
    "任务落到实处",
    "二、主要措施",
    "（二）精简会议活动。严格控制各类会议规模和时间，能合并召开的合并召开，能以视频形式召开的不再"
    "集中召开，会议讲话一般不超过30分钟，2026年起全市性会议数量比上年减少20%以上。",
    "（三）改进督查检查考核。统筹规范督查检查考核事项，实行年度计划和审批报备制度，坚决防止重复检"
    "查、多头检查，切实减轻基层迎评迎检负担。",
    "三、工作要求",
    "各区县委、市委各部委要高度重视，结合实际抓好贯彻落实，于2026年12月31日前将贯彻落实情况书面报"
    "送市委办公室。执行中遇到的重要问题，及时向市委请示报告。",
    "本通知自印发之日起施行，由市委办公室负责解释。此前有关规定与本通知不一致的，以本通知为准。各"
    "单位要以此为契机，持续深化作风建设，推动全市各项工作再上新台阶。",
};

#define SAMPLE_TITLE "中共江城市委关于进一步精简文件和会议切实改进机关作风的通知"

static json_t *sample_doc(void)
{
	g_autofree char *body = g_strjoinv("\n", (char **)sample_body);

	return json_pack(
	    "{s:s, s:s, s:s, s:s, s:s, s:[s, s], s:s, s:s, s:s, s:s, s:s, s:s}", "issuer_mark",
	    "中共江城市委员会文件", "number", "江委发〔2026〕5号", "title", SAMPLE_TITLE, "main_to",
	    "各区县委，市委各部委，市级国家机关各部门党组（党委），各人民团体党组", "body", body,
	    "attachments", "江城市精简文件会议工作任务分工方案",
	    "江城市年度发文计划和会议计划报备表（样表）及其填写说明和报送要求", "issuer_signature",
	    "中共江城市委员会", "date", "2026-11-27", "notes", "此件公开发布", "cc",
	    "市人大常委会党组，市政府党组，市政协党组，市纪委监委，市中级法院党组，市检察院党组，"
	    "江城军分区党委",
	    "printer", "中共江城市委办公室", "print_date", "2026-11-27");
}

/* ==== Reading a PDF back with poppler-utils ================================================= */

static char *tmp_dir;

/* Standard output of ARGV (searched in PATH), which must exit 0. g_free. */
static char *run(const char *const *argv)
{
	g_autoptr(GError) err = NULL;
	g_autofree char *errout = NULL;
	char *out = NULL;
	int status;

	if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &errout,
	                  &status, &err))
		g_error("%s: %s (scripts/deps.sh installs poppler-utils)", argv[0], err->message);
	if (!g_spawn_check_wait_status(status, &err))
		g_error("%s: %s\n%s", argv[0], err->message, errout);
	return out;
}

/* Writes PDF to a new file in the test's directory. g_free. */
static char *save(GBytes *pdf, const char *name)
{
	g_autoptr(GError) err = NULL;
	char *path = g_build_filename(tmp_dir, name, NULL);
	gsize len;
	const char *data = g_bytes_get_data(pdf, &len);

	g_file_set_contents(path, data, (gssize)len, &err);
	g_assert_no_error(err);
	return path;
}

static GBytes *render_ok(json_t *doc)
{
	g_autoptr(GError) err = NULL;
	GBytes *pdf = docs_pdf_render(doc, &err);

	g_assert_no_error(err);
	g_assert_nonnull(pdf);
	g_assert_true(g_bytes_get_size(pdf) > 1000);
	g_assert_true(memcmp(g_bytes_get_data(pdf, NULL), "%PDF-", 5) == 0);
	return pdf;
}

/* The page count from pdfinfo, after checking that every page is A4 (595.276 × 841.89 pt). */
static int pdf_pages(const char *path)
{
	const char *argv[] = {"pdfinfo", "-f", "1", "-l", "9999", path, NULL};
	g_autofree char *out = run(argv);
	g_auto(GStrv) rows = g_strsplit(out, "\n", -1);
	int pages = -1, sized = 0;

	for (char **r = rows; *r != NULL; r++) {
		double w, h;
		int n;

		if (sscanf(*r, "Pages: %d", &n) == 1)
			pages = n;
		if (sscanf(*r, "Page %d size: %lf x %lf pts", &n, &w, &h) == 3) {
			assert_near(w, 595.276, 0.5);
			assert_near(h, 841.89, 0.5);
			sized++;
		}
	}
	g_assert_cmpint(pages, >, 0);
	g_assert_cmpint(sized, ==, pages);
	return pages;
}

/* One <line> of pdftotext -bbox-layout: its box, its words' text run together, its words. */
typedef struct {
	int page;
	double x0, y0, x1, y1;
	GString *text;
	GPtrArray *words; /* of Box */
} Box;

static void box_free(void *p)
{
	Box *b = p;

	if (b->text != NULL)
		g_string_free(b->text, TRUE);
	if (b->words != NULL)
		g_ptr_array_unref(b->words);
	g_free(b);
}

static Box *box_parse(const char *row, int page)
{
	Box *b = g_new0(Box, 1);
	const char *gt;

	b->page = page;
	if (sscanf(strstr(row, "xMin="), "xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"",
	           &b->x0, &b->y0, &b->x1, &b->y1) != 4)
		g_error("cannot read a box from %s", row);
	b->text = g_string_new(NULL);
	gt = strchr(row, '>');
	if (g_str_has_suffix(row, "</word>"))
		g_string_append_len(b->text, gt + 1, strstr(row, "</word>") - gt - 1);
	return b;
}

/* The text lines of PATH, page by page (pages counted from 1). g_ptr_array_unref. */
static GPtrArray *pdf_lines(const char *path)
{
	const char *argv[] = {"pdftotext", "-bbox-layout", path, "-", NULL};
	g_autofree char *out = run(argv);
	g_auto(GStrv) rows = g_strsplit(out, "\n", -1);
	GPtrArray *lines = g_ptr_array_new_with_free_func(box_free);
	Box *line = NULL;
	int page = 0;

	for (char **r = rows; *r != NULL; r++) {
		char *row = g_strstrip(*r);

		if (g_str_has_prefix(row, "<page "))
			page++;
		else if (g_str_has_prefix(row, "<line ")) {
			line = box_parse(row, page);
			line->words = g_ptr_array_new_with_free_func(box_free);
			g_ptr_array_add(lines, line);
		} else if (g_str_has_prefix(row, "<word ")) {
			Box *w = box_parse(row, page);

			g_assert_nonnull(line);
			g_string_append(line->text, w->text->str);
			g_ptr_array_add(line->words, w);
		}
	}
	g_assert_cmpint(lines->len, >, 0);
	return lines;
}

/* The first line on PAGE (0: any) containing TEXT; fails the test when there is none. */
static Box *find_line(GPtrArray *lines, int page, const char *text)
{
	for (guint i = 0; i < lines->len; i++) {
		Box *b = lines->pdata[i];

		if ((page == 0 || b->page == page) && strstr(b->text->str, text) != NULL)
			return b;
	}
	g_error("no line with \"%s\" on page %d", text, page);
	return NULL;
}

/* The line on PAGE (0: any) whose text is TEXT; fails the test when there is none. */
static Box *find_exact(GPtrArray *lines, int page, const char *text)
{
	for (guint i = 0; i < lines->len; i++) {
		Box *b = lines->pdata[i];

		if ((page == 0 || b->page == page) && strcmp(b->text->str, text) == 0)
			return b;
	}
	g_error("no line \"%s\" on page %d", text, page);
	return NULL;
}

/* The line after B. */
static Box *next_line(GPtrArray *lines, Box *b)
{
	guint i;

	g_assert_true(g_ptr_array_find(lines, b, &i));
	g_assert_cmpuint(i + 1, <, lines->len);
	return lines->pdata[i + 1];
}

static gboolean is_folio(const Box *b)
{
	return b->y0 > BLOCK_BOTTOM;
}

/* Every word except the page numbers lies inside its page's 版心 (± 1 mm); each page has its
 * number "— N —" below the 版心: the 一字线 about 7 mm down, one 4号 character in from the right
 * edge on odd pages and from the left edge on even pages. */
static void check_block(GPtrArray *lines, int pages)
{
	for (int page = 1; page <= pages; page++) {
		double left = block_left(page);
		g_autofree char *want = g_strdup_printf("—%d—", page);
		int folios = 0;

		for (guint i = 0; i < lines->len; i++) {
			Box *b = lines->pdata[i];

			if (b->page != page)
				continue;
			if (is_folio(b)) {
				Box *dash = b->words->pdata[0];

				folios++;
				g_assert_cmpstr(b->text->str, ==, want);
				g_assert_cmpfloat(b->y1, <, BLOCK_BOTTOM + MM(14));
				assert_near((dash->y0 + dash->y1) / 2, BLOCK_BOTTOM + MM(7),
				            MM(1.5));
				if (page % 2)
					assert_near(b->x1, left + BLOCK_W - SIZE_4, TOL);
				else
					assert_near(b->x0, left + SIZE_4, TOL);
				continue;
			}
			for (guint k = 0; k < b->words->len; k++) {
				Box *w = b->words->pdata[k];

				if (w->x0 < left - TOL || w->x1 > left + BLOCK_W + TOL ||
				    w->y0 < BLOCK_TOP - TOL || w->y1 > BLOCK_BOTTOM + TOL)
					g_error(
					    "page %d: \"%s\" at x %.1f–%.1f, y %.1f–%.1f mm leaves "
					    "the 版心 (x %.1f–%.1f, y 37–262 mm)",
					    page, w->text->str, w->x0 / MM(1), w->x1 / MM(1),
					    w->y0 / MM(1), w->y1 / MM(1), left / MM(1),
					    (left + BLOCK_W) / MM(1));
			}
		}
		g_assert_cmpint(folios, ==, 1);
	}
}

/* Wide (full-width) characters in S. */
static int wide_chars(const char *s)
{
	int n = 0;

	for (const char *p = s; *p != '\0'; p = g_utf8_next_char(p))
		n += g_unichar_iswide(g_utf8_get_char(p)) ||
		     g_unichar_iswide_cjk(g_utf8_get_char(p));
	return n;
}

/* ==== The sample, rendered once ============================================================= */

static char *sample_path;
static int sample_pages;
static GPtrArray *sample_lines;

static void sample_load(void)
{
	json_t *doc;
	GBytes *pdf;

	if (sample_path != NULL)
		return;
	doc = sample_doc();
	pdf = render_ok(doc);
	sample_path = save(pdf, "sample.pdf");
	sample_pages = pdf_pages(sample_path);
	sample_lines = pdf_lines(sample_path);
	g_bytes_unref(pdf);
	json_decref(doc);
}

/* ==== Tests ================================================================================= */

static void test_pages(void)
{
	sample_load();
	g_assert_cmpint(sample_pages, >=, 3);
}

static void test_fonts_embedded(void)
{
	const char *argv[] = {"pdffonts", NULL, NULL};
	g_autofree char *out = NULL;
	g_auto(GStrv) rows = NULL;
	const char *emb;
	int fonts = 0;

	sample_load();
	argv[1] = sample_path;
	out = run(argv);
	rows = g_strsplit(out, "\n", -1);
	g_assert_nonnull(rows[0]);
	emb = strstr(rows[0], "emb");
	g_assert_nonnull(emb);
	for (char **r = rows + 2; *r != NULL && **r != '\0'; r++) {
		g_assert_cmpuint(strlen(*r), >, (gsize)(emb - rows[0]) + 3);
		if (strncmp(*r + (emb - rows[0]), "yes", 3) != 0)
			g_error("font not embedded: %s", *r);
		fonts++;
	}
	/* 仿宋 and 小标宋 (Noto Serif CJK), 黑体 (Noto Sans CJK: only the "一、" headings use it in
	 * the sample), 楷体 (AR PL UKai: only "（一）"). */
	g_assert_cmpint(fonts, ==, 4);
	g_assert_nonnull(strstr(out, "NotoSerifCJKsc-Regular"));
	g_assert_nonnull(strstr(out, "NotoSerifCJKsc-Bold"));
	g_assert_nonnull(strstr(out, "NotoSansCJKsc-Regular"));
	g_assert_nonnull(strstr(out, "UKai"));
}

static void test_block(void)
{
	sample_load();
	check_block(sample_lines, sample_pages);
}

/* Page 2 is all body: 22 grid lines, none longer than 28 characters; full lines of 28 span the
 * 版心 from the even page's left edge (26 mm) to its right edge; indented first lines start two
 * cells in. */
static void test_grid(void)
{
	double left = block_left(2), last = -1, first_y = -1;
	int rows = 0, full = 0, indented = 0;

	sample_load();
	for (guint i = 0; i < sample_lines->len; i++) {
		Box *b = sample_lines->pdata[i];
		int n;

		if (b->page != 2 || is_folio(b))
			continue;
		if (last < 0 || b->y0 > last + PITCH / 2) {
			rows++;
			if (last >= 0)
				assert_near(b->y0 - last, PITCH, 0.5);
			else
				first_y = b->y0;
			last = b->y0;
		}
		n = wide_chars(b->text->str);
		g_assert_cmpint(n, <=, 28);
		if (n == 28) {
			full++;
			assert_near(b->x0, left, TOL);
			assert_near(b->x1, left + BLOCK_W, TOL);
		}
		if (b->x0 > left + CELL) {
			indented++;
			assert_near(b->x0, left + 2 * CELL, TOL);
			g_assert_cmpint(n, <=, 26);
		}
	}
	g_assert_cmpint(rows, ==, 22);
	g_assert_cmpfloat(first_y, >=, BLOCK_TOP);
	g_assert_cmpfloat(first_y, <, BLOCK_TOP + PITCH / 2);
	g_assert_cmpint(full, >=, 8);
	g_assert_cmpint(indented, >=, 3);
	/* Page 3 (odd) has its binding margin on the left again. */
	assert_near(find_line(sample_lines, 3, "二、主要措施")->x0, block_left(3) + 2 * CELL, TOL);
}

/* The 版头: the mark, then the 发文字号 centred, then the title centred in balanced lines, the
 * 主送机关 flush left with its colon, the first paragraph indented. */
static void test_header(void)
{
	Box *mark, *number, *t1, *t2, *to;
	double centre = block_left(1) + BLOCK_W / 2;
	g_autofree char *title = NULL;

	sample_load();
	mark = find_line(sample_lines, 1, "中共江城市委员会文件");
	number = find_line(sample_lines, 1, "江委发〔2026〕5号");
	t1 = find_line(sample_lines, 1, "中共江城市委关于");
	t2 = next_line(sample_lines, t1);
	to = find_line(sample_lines, 1, "各区县委");

	g_assert_cmpfloat(mark->y0, >, BLOCK_TOP + MM(20));
	g_assert_cmpfloat(mark->x1 - mark->x0, >, BLOCK_W * 0.8);
	assert_near((mark->x0 + mark->x1) / 2, centre, TOL);
	g_assert_cmpfloat(number->y0, >, mark->y1 + PITCH);
	assert_near((number->x0 + number->x1) / 2, centre, TOL);
	/* The red line 4 mm below the number, the title two lines below the line. */
	g_assert_cmpfloat(t1->y0, >, number->y1 + MM(4) + 2 * PITCH - MM(3));
	title = g_strconcat(t1->text->str, t2->text->str, NULL);
	g_assert_cmpstr(title, ==, SAMPLE_TITLE);
	g_assert_true(g_str_has_suffix(t1->text->str, "文件")); /* not 文/件 */
	g_assert_cmpint(abs(wide_chars(t1->text->str) - wide_chars(t2->text->str)), <=, 1);
	assert_near((t1->x0 + t1->x1) / 2, centre, TOL);
	assert_near((t2->x0 + t2->x1) / 2, centre, TOL);
	g_assert_cmpfloat(to->y0, >, t2->y1 + PITCH - MM(2));
	assert_near(to->x0, block_left(1), TOL);
	g_assert_true(
	    g_str_has_suffix(find_line(sample_lines, 1, "人民团体党组")->text->str, "："));
	assert_near(find_line(sample_lines, 1, "为深入贯彻")->x0, block_left(1) + 2 * CELL, TOL);
}

/* Headings: the first sentence of "（一）" takes another face (a word of its own in pdftotext). */
static void test_headings(void)
{
	Box *b;

	sample_load();
	b = find_line(sample_lines, 0, "（一）严格控制发文数量。");
	g_assert_cmpuint(b->words->len, ==, 2);
	g_assert_cmpstr(((Box *)b->words->pdata[0])->text->str, ==, "（一）严格控制发文数量。");
	find_line(sample_lines, 0, "一、总体要求");
	find_line(sample_lines, 0, "1.规范发文程序。");
	find_line(sample_lines, 0, "（1）文件起草前");
}

/* 附件说明, 署名 centred on the date, the date four cells in from the right, the 附注 two cells
 * in; the 版记 at the bottom of the last page. */
static void test_closing(void)
{
	Box *att1, *att2, *sig, *date, *notes, *cc1, *cc2, *printer, *printed;
	int last;

	sample_load();
	last = sample_pages;
	att1 = find_line(sample_lines, 0, "附件：1．江城市精简文件");
	att2 = find_line(sample_lines, 0, "2．江城市年度发文计划");
	assert_near(att1->x0, block_left(att1->page) + 2 * CELL, TOL);
	assert_near(att2->x0, block_left(att2->page) + 5 * CELL, TOL);
	sig = find_exact(sample_lines, 0, "中共江城市委员会");
	date = next_line(sample_lines, sig);
	g_assert_cmpstr(date->text->str, ==, "2026年11月27日");
	assert_near(date->y0 - sig->y0, PITCH, 1);
	assert_near(date->x1, block_left(date->page) + BLOCK_W - 4 * CELL, TOL);
	assert_near((sig->x0 + sig->x1) / 2, (date->x0 + date->x1) / 2, TOL);
	notes = find_line(sample_lines, date->page, "（此件公开发布）");
	assert_near(notes->y0 - date->y0, PITCH, 1);
	assert_near(notes->x0, block_left(date->page) + 2 * CELL, TOL);

	cc1 = find_line(sample_lines, last, "抄送：市人大常委会党组");
	cc2 = find_line(sample_lines, last, "江城军分区党委。");
	printer = find_line(sample_lines, last, "中共江城市委办公室");
	printed = find_line(sample_lines, last, "2026年11月27日印发");
	assert_near(cc1->x0, block_left(last) + SIZE_4, TOL);
	assert_near(cc2->x0, block_left(last) + 4 * SIZE_4, TOL); /* under the first name */
	g_assert_cmpfloat(cc2->x1, <=, block_left(last) + BLOCK_W - SIZE_4 + TOL);
	g_assert_cmpfloat(printer->y0, >, BLOCK_BOTTOM - PITCH);
	assert_near(printer->x0, block_left(last) + SIZE_4, TOL);
	/* pdftotext may join the two into one line: the date is the last word either way. */
	assert_near(((Box *)printed->words->pdata[printed->words->len - 1])->x1,
	            block_left(last) + BLOCK_W - SIZE_4, TOL);
	g_assert_cmpfloat(cc1->y0, <, printer->y0);
}

static void render_fails(json_t *doc, int code, const char *want)
{
	g_autoptr(GError) err = NULL;
	GBytes *pdf = docs_pdf_render(doc, &err);

	g_assert_null(pdf);
	g_assert_error(err, DOCS_PDF_ERROR, code);
	if (strstr(err->message, want) == NULL)
		g_error("message \"%s\" lacks \"%s\"", err->message, want);
	json_decref(doc);
}

static json_t *sample_with(const char *key, json_t *value)
{
	json_t *doc = sample_doc();

	if (value == NULL)
		json_object_del(doc, key);
	else
		json_object_set_new(doc, key, value);
	return doc;
}

static void test_invalid(void)
{
	g_autofree char *long_title = g_strnfill(600, 'W');

	render_fails(sample_with("title", NULL), DOCS_PDF_ERROR_INVALID, "\"title\" is missing");
	render_fails(sample_with("title", json_null()), DOCS_PDF_ERROR_INVALID, "\"title\"");
	render_fails(sample_with("title", json_string(" \u3000 ")), DOCS_PDF_ERROR_INVALID,
	             "\"title\" is missing");
	render_fails(sample_with("body", json_integer(5)), DOCS_PDF_ERROR_INVALID,
	             "\"body\" must be a string");
	render_fails(sample_with("date", json_string("2026-02-30")), DOCS_PDF_ERROR_INVALID,
	             "\"date\"");
	render_fails(sample_with("print_date", json_string("2026/11/27")), DOCS_PDF_ERROR_INVALID,
	             "\"print_date\"");
	render_fails(sample_with("urgency", json_string("平急")), DOCS_PDF_ERROR_INVALID,
	             "\"urgency\"");
	render_fails(sample_with("secrecy", json_string("内部")), DOCS_PDF_ERROR_INVALID,
	             "\"secrecy\"");
	render_fails(sample_with("copy_no", json_string("12345678")), DOCS_PDF_ERROR_INVALID,
	             "\"copy_no\"");
	render_fails(sample_with("attachments", json_string("附件")), DOCS_PDF_ERROR_INVALID,
	             "\"attachments\"");
	render_fails(sample_with("attachments", json_pack("[s, i]", "名称", 2)),
	             DOCS_PDF_ERROR_INVALID, "Attachment 2");
	render_fails(sample_with("title", json_string(long_title)), DOCS_PDF_ERROR_FIT, "title");
	render_fails(json_array(), DOCS_PDF_ERROR_INVALID, "object");
}

/* 上行文: 发文字号 one cell in from the left, 签发人 one cell in from the right on the same line;
 * 份号 (zero-padded), 密级 and 紧急程度 in rows at the top left; no 主送机关, no 附件, no 抄送. */
static void test_upward(void)
{
	json_t *doc = sample_doc();
	g_autoptr(GBytes) pdf = NULL;
	g_autofree char *path = NULL;
	g_autoptr(GPtrArray) lines = NULL;
	Box *number, *signer, *copy, *secrecy, *urgency;
	double left = block_left(1);
	int pages;

	json_object_set_new(doc, "signer", json_string("王建国"));
	json_object_set_new(doc, "copy_no", json_string("17"));
	json_object_set_new(doc, "secrecy", json_string("秘密★1年"));
	json_object_set_new(doc, "urgency", json_string("加急"));
	json_object_del(doc, "main_to");
	json_object_set_new(doc, "attachments", json_null());
	json_object_del(doc, "cc");
	pdf = render_ok(doc);
	json_decref(doc);
	path = save(pdf, "upward.pdf");
	pages = pdf_pages(path);
	lines = pdf_lines(path);
	check_block(lines, pages);

	copy = find_line(lines, 1, "000017");
	secrecy = find_line(lines, 1, "秘密★1年");
	urgency = find_line(lines, 1, "加急");
	assert_near(copy->x0, left, TOL);
	assert_near(secrecy->x0, left, TOL);
	assert_near(secrecy->y0 - copy->y0, PITCH, 1);
	assert_near(urgency->y0 - secrecy->y0, PITCH, 1);
	number = find_line(lines, 1, "江委发〔2026〕5号");
	signer = find_line(lines, 1, "王建国");
	assert_near(((Box *)number->words->pdata[0])->x0, left + CELL, TOL);
	assert_near(signer->x1, left + BLOCK_W - CELL, TOL);
	assert_near(signer->y0, number->y0, 2);
	g_assert_null(strstr(find_line(lines, pages, "印发")->text->str, "抄送"));
	for (guint i = 0; i < lines->len; i++)
		g_assert_null(strstr(((Box *)lines->pdata[i])->text->str, "附件"));
}

/* A bulletin's issue: its name in red at the top, the 期号 centred under it, 编发单位 flush left
 * and the date flush right on one line, each item's heading centred above its text, no title,
 * 署名 or 抄送; 报 and 送 in the 版记 above the 印发 line. Without items it is refused. */
static void test_bulletin(void)
{
	json_t *doc = json_pack(
	    "{s:s, s:s, s:s, s:s, s:s, s:[{s:s, s:s}, {s:s, s:s}], s:s, s:s, s:s, s:s, s:s}",
	    "kind", "bulletin", "issuer_mark", "江城信息", "number", "2026年第12期", "title",
	    "《江城信息》2026年第12期", "publisher", "中共江城市委办公室", "items", "title",
	    "全市重大项目完成投资218亿元", "body",
	    "今年以来，全市126个重大项目累计完成投资218亿元。", "title",
	    "市教育局推进义务教育优质均衡发展", "body", "组建教育集团18个。\n新增学位1.08万个。",
	    "date", "2026-12-04", "send_to", "省委办公厅", "cc", "市委常委", "printer",
	    "中共江城市委办公室", "print_date", "2026-12-04");
	g_autoptr(GBytes) pdf = NULL;
	g_autofree char *path = NULL;
	g_autoptr(GPtrArray) lines = NULL;
	double left = block_left(1), centre = left + BLOCK_W / 2;
	Box *mark, *number, *who, *date, *h1, *h2, *up, *to, *printed;
	int pages;

	pdf = render_ok(doc);
	path = save(pdf, "bulletin.pdf");
	pages = pdf_pages(path);
	lines = pdf_lines(path);
	check_block(lines, pages);
	mark = find_line(lines, 1, "江城信息");
	number = find_line(lines, 1, "2026年第12期");
	who = find_line(lines, 1, "中共江城市委办公室");
	h1 = find_line(lines, 1, "全市重大项目完成投资218亿元");
	h2 = find_line(lines, 1, "市教育局推进义务教育优质均衡发展");
	assert_near((mark->x0 + mark->x1) / 2, centre, TOL);
	assert_near((number->x0 + number->x1) / 2, centre, TOL);
	g_assert_cmpfloat(number->y0, >, mark->y1);
	assert_near(((Box *)who->words->pdata[0])->x0, left, TOL);
	date = find_line(lines, 1, "2026年12月4日");
	if (date->words->len > 1) /* the same line as the 编发单位 */
		date = date->words->pdata[date->words->len - 1];
	assert_near(date->x1, left + BLOCK_W, TOL);
	assert_near(date->y0, who->y0, 2);
	assert_near(who->y0 - number->y0, PITCH, 2);
	assert_near((h1->x0 + h1->x1) / 2, centre, TOL);
	assert_near((h2->x0 + h2->x1) / 2, centre, TOL);
	g_assert_cmpfloat(h1->y0, >, who->y1 + PITCH - MM(2));
	assert_near(find_line(lines, 1, "今年以来")->x0, left + 2 * CELL, TOL);
	find_line(lines, 0, "新增学位1.08万个。");
	up = find_line(lines, pages, "报：省委办公厅。");
	to = find_line(lines, pages, "送：市委常委。");
	printed = find_line(lines, pages, "印发");
	g_assert_cmpfloat(up->y0, <, to->y0);
	g_assert_cmpfloat(to->y0, <, printed->y0);
	for (guint i = 0; i < lines->len; i++) {
		g_assert_null(strstr(((Box *)lines->pdata[i])->text->str, "抄送"));
		g_assert_null(strstr(((Box *)lines->pdata[i])->text->str, "《江城信息》"));
	}
	json_object_set_new(doc, "items", json_array());
	render_fails(json_incref(doc), DOCS_PDF_ERROR_INVALID, "\"items\"");
	json_object_set_new(doc, "items", json_pack("[{s:i}]", "title", 5));
	render_fails(json_incref(doc), DOCS_PDF_ERROR_INVALID, "\"title\"");
	json_object_set_new(doc, "items",
	                    json_pack("[{s:s, s:s}]", "title", "标题", "body", "正文"));
	json_object_del(doc, "publisher");
	render_fails(doc, DOCS_PDF_ERROR_INVALID, "\"publisher\"");
}

/* A 5000-letter word wraps by character and stays inside the 版心. */
static void test_long_word(void)
{
	GString *s = g_string_new("开头");
	json_t *doc;
	g_autoptr(GBytes) pdf = NULL;
	g_autofree char *path = NULL;
	g_autoptr(GPtrArray) lines = NULL;
	int pages, letters = 0;

	for (int i = 0; i < 5000; i++)
		g_string_append_c(s, (char)('a' + i % 26));
	doc = sample_with("body", json_string(s->str));
	g_string_free(s, TRUE);
	pdf = render_ok(doc);
	json_decref(doc);
	path = save(pdf, "long-word.pdf");
	pages = pdf_pages(path);
	lines = pdf_lines(path);
	g_assert_cmpint(pages, >=, 3);
	check_block(lines, pages);
	for (guint i = 0; i < lines->len; i++) {
		const char *t = ((Box *)lines->pdata[i])->text->str;

		for (; *t != '\0'; t++)
			letters += *t >= 'a' && *t <= 'z';
	}
	g_assert_cmpint(letters, >=, 5000); /* every letter printed (the 版记 adds none) */
}

static void *render_thread(void *data)
{
	json_t *doc = sample_doc();
	GBytes *pdf = docs_pdf_render(doc, NULL);

	json_decref(doc);
	return pdf;
}

/* Four renderings at once give the same pages and text as one alone. */
static void test_threads(void)
{
	GThread *threads[4];
	const char *argv[] = {"pdftotext", NULL, "-", NULL};
	g_autofree char *want = NULL;

	sample_load();
	argv[1] = sample_path;
	want = run(argv);
	for (int i = 0; i < 4; i++)
		threads[i] = g_thread_new("render", render_thread, NULL);
	for (int i = 0; i < 4; i++) {
		g_autoptr(GBytes) pdf = g_thread_join(threads[i]);
		g_autofree char *name = g_strdup_printf("thread-%d.pdf", i);
		g_autofree char *path = NULL;
		g_autofree char *got = NULL;

		g_assert_nonnull(pdf);
		path = save(pdf, name);
		g_assert_cmpint(pdf_pages(path), ==, sample_pages);
		argv[1] = path;
		got = run(argv);
		g_assert_cmpstr(got, ==, want);
	}
}

/* ==== The title's lines (docs_pdf_title_split) ========================================== */

/* Titles are broken into balanced lines, each within the width, never leaving one character
 * alone on the last line, and put back together they are the title. */
static void test_title_lines(void)
{
	static const char *const titles[] = {
	    "关于进一步加强和改进新时代城市基层党建工作的实施意见",
	    "中共江城市委办公室关于印发《江城市2026年度重点工作任务分解方案》的通知",
	    "关于做好2026年冬季安全生产和森林防火工作的紧急通知",
	    "关于请求支持江城港综合保税区申报工作的请示",
	    "关于商请协助开展长江流域生态环境联合执法检查的函",
	    "关于表彰全市优秀共产党员的决定",
	    "关于召开全市经济工作会议的通知",
	};
	int single = 0;

	for (gsize t = 0; t < G_N_ELEMENTS(titles); t++)
		for (int max = 12; max <= 40; max++) {
			GPtrArray *lines = docs_pdf_title_split(titles[t], max);
			GString *all = g_string_new(NULL);

			if (lines == NULL) {
				g_string_free(all, TRUE);
				continue;
			}
			for (guint i = 0; i < lines->len; i++) {
				const char *l = g_ptr_array_index(lines, i);
				g_string_append(all, l);
				int w = 0;
				for (const char *q = l; *q; q = g_utf8_next_char(q))
					w += g_unichar_iswide(g_utf8_get_char(q)) ? 2 : 1;
				g_assert_cmpint(w, <=, max);
			}
			g_assert_cmpstr(all->str, ==, titles[t]);
			if (lines->len > 1 &&
			    g_utf8_strlen(g_ptr_array_index(lines, lines->len - 1), -1) < 2) {
				g_test_message("%s at %d: one character last", titles[t], max);
				single++;
			}
			g_string_free(all, TRUE);
			g_ptr_array_unref(lines);
		}
	g_assert_cmpint(single, ==, 0);
	/* where the only break would leave one character alone, there is no split (the renderer
	 * then tries a narrower width) */
	{
		GPtrArray *lines = docs_pdf_title_split("一，。、；：七", 12);
		if (lines != NULL) {
			g_assert_cmpint(g_utf8_strlen(g_ptr_array_index(lines, lines->len - 1), -1),
			                >=, 2);
			g_ptr_array_unref(lines);
		}
		lines = docs_pdf_title_split("关于召开全市经济工作会议的通知", 28);
		g_assert_nonnull(lines);
		g_assert_cmpuint(lines->len, ==, 2);
		g_assert_cmpint(g_utf8_strlen(g_ptr_array_index(lines, lines->len - 1), -1), >=, 2);
		g_ptr_array_unref(lines);
	}
	/* a realistic title of 2号 at the 版心's width: two lines, the upper not longer */
	{
		GPtrArray *lines = docs_pdf_title_split(titles[0], 40);
		g_assert_nonnull(lines);
		g_assert_cmpuint(lines->len, ==, 2);
		g_assert_cmpint(g_utf8_strlen(g_ptr_array_index(lines, 0), -1), <=,
		                g_utf8_strlen(g_ptr_array_index(lines, 1), -1));
		g_ptr_array_unref(lines);
	}
}

int main(int argc, char **argv)
{
	g_autoptr(GError) err = NULL;
	int rc;

	g_test_init(&argc, &argv, NULL);
	tmp_dir = g_dir_make_tmp("mishu-docs-pdf-XXXXXX", &err);
	g_assert_no_error(err);
	g_test_add_func("/docs_pdf/pages", test_pages);
	g_test_add_func("/docs_pdf/fonts_embedded", test_fonts_embedded);
	g_test_add_func("/docs_pdf/block", test_block);
	g_test_add_func("/docs_pdf/grid", test_grid);
	g_test_add_func("/docs_pdf/header", test_header);
	g_test_add_func("/docs_pdf/headings", test_headings);
	g_test_add_func("/docs_pdf/closing", test_closing);
	g_test_add_func("/docs_pdf/invalid", test_invalid);
	g_test_add_func("/docs_pdf/upward", test_upward);
	g_test_add_func("/docs_pdf/bulletin", test_bulletin);
	g_test_add_func("/docs_pdf/long_word", test_long_word);
	g_test_add_func("/docs_pdf/threads", test_threads);
	g_test_add_func("/docs_pdf/title_lines", test_title_lines);
	rc = g_test_run();

	if (sample_lines != NULL)
		g_ptr_array_unref(sample_lines);
	g_free(sample_path);
	{
		g_autoptr(GDir) dir = g_dir_open(tmp_dir, 0, NULL);
		const char *name;

		while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
			g_autofree char *p = g_build_filename(tmp_dir, name, NULL);

			g_unlink(p);
		}
	}
	g_rmdir(tmp_dir);
	g_free(tmp_dir);
	return rc;
}
