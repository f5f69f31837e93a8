/*
 * test_table.c — unit tests of the uploaded-spreadsheet reader (src/core/table.c): CSV in UTF-8
 * and GB18030, .xlsx workbooks written by libxlsxwriter and by hand (with minizip's zip API),
 * the limits, and damaged or foreign input, which must give an error and never a crash.
 */
#include "core/table.h"

#include <glib/gstdio.h>
#include <minizip/zip.h>
#include <stdarg.h>
#include <string.h>
#include <xlsxwriter.h>

/* ==== Helpers =============================================================================== */

static CoreTable *read_ok(const char *data, gsize len, guint max_rows)
{
	g_autoptr(GError) err = NULL;
	CoreTable *t = core_table_read(data, len, max_rows, &err);

	g_assert_no_error(err);
	g_assert_nonnull(t);
	return t;
}

/* Asserts that DATA does not read, with error CODE and a message containing WANT. */
static void read_fails(const char *data, gsize len, guint max_rows, int code, const char *want)
{
	g_autoptr(GError) err = NULL;
	CoreTable *t = core_table_read(data, len, max_rows, &err);

	g_assert_null(t);
	g_assert_error(err, CORE_TABLE_ERROR, code);
	if (strstr(err->message, want) == NULL)
		g_error("message \"%s\" lacks \"%s\"", err->message, want);
}

/* Row ROW's cells joined by "|". */
static char *row_text(const CoreTable *t, guint row)
{
	g_autoptr(GString) s = g_string_new(NULL);

	for (guint c = 0; c < core_table_n_cols(t, row); c++)
		g_string_append_printf(s, "%s%s", c > 0 ? "|" : "", core_table_cell(t, row, c));
	return g_string_free(g_steal_pointer(&s), FALSE);
}

static void check_row(const CoreTable *t, guint row, const char *want)
{
	g_autofree char *got = row_text(t, row);

	g_assert_cmpstr(got, ==, want);
}

/* A fresh temporary file name ending in SUFFIX; the file exists, empty. */
static char *tmp_path(const char *suffix)
{
	g_autoptr(GError) err = NULL;
	g_autofree char *tmpl = g_strconcat("mishu-table-XXXXXX", suffix, NULL);
	char *path = NULL;
	int fd = g_file_open_tmp(tmpl, &path, &err);

	g_assert_no_error(err);
	g_close(fd, NULL);
	return path;
}

/* The bytes of the file PATH, which is then removed. */
static GBytes *take_file(const char *path)
{
	g_autoptr(GError) err = NULL;
	char *data = NULL;
	gsize len = 0;

	g_assert_true(g_file_get_contents(path, &data, &len, &err));
	g_assert_no_error(err);
	g_unlink(path);
	return g_bytes_new_take(data, len);
}

static CoreTable *read_bytes_ok(GBytes *b, guint max_rows)
{
	gsize len;
	const char *data = g_bytes_get_data(b, &len);

	return read_ok(data, len, max_rows);
}

static void read_bytes_fails(GBytes *b, guint max_rows, int code, const char *want)
{
	gsize len;
	const char *data = g_bytes_get_data(b, &len);

	read_fails(data, len, max_rows, code, want);
}

/* A ZIP archive of NAMES_AND_TEXTS (name, text, ..., NULL), made with minizip. */
static GBytes *make_zip(const char *first_name, ...)
{
	g_autofree char *path = tmp_path(".zip");
	zipFile zf = zipOpen(path, APPEND_STATUS_CREATE);
	va_list ap;

	g_assert_nonnull(zf);
	va_start(ap, first_name);
	for (const char *name = first_name; name != NULL; name = va_arg(ap, const char *)) {
		const char *text = va_arg(ap, const char *);

		g_assert_cmpint(zipOpenNewFileInZip(zf, name, NULL, NULL, 0, NULL, 0, NULL,
		                                    Z_DEFLATED, Z_DEFAULT_COMPRESSION),
		                ==, ZIP_OK);
		g_assert_cmpint(zipWriteInFileInZip(zf, text, strlen(text)), ==, ZIP_OK);
		g_assert_cmpint(zipCloseFileInZip(zf), ==, ZIP_OK);
	}
	va_end(ap);
	g_assert_cmpint(zipClose(zf, NULL), ==, ZIP_OK);
	return take_file(path);
}

/* ==== CSV =================================================================================== */

static void test_csv_simple(void)
{
	const char *csv = "name,code\n张三, 001 \n李四,002";
	g_autoptr(CoreTable) t = read_ok(csv, strlen(csv), 100);

	g_assert_cmpuint(core_table_n_rows(t), ==, 3);
	check_row(t, 0, "name|code");
	check_row(t, 1, "张三|001");
	check_row(t, 2, "李四|002");
	g_assert_cmpstr(core_table_cell(t, 1, 1), ==, "001");
	g_assert_cmpstr(core_table_cell(t, 1, 7), ==, "");
	g_assert_cmpstr(core_table_cell(t, 9, 0), ==, "");
	g_assert_cmpuint(core_table_n_cols(t, 9), ==, 0);

	/* empty input: no rows */
	g_autoptr(CoreTable) e = read_ok("", 0, 100);
	g_assert_cmpuint(core_table_n_rows(e), ==, 0);
	g_assert_cmpstr(core_table_cell(e, 0, 0), ==, "");
}

static void test_csv_quoted(void)
{
	const char *csv = "a,\"b,c\",\"line1\nline2\",\"say \"\"hi\"\"\"\n"
	                  "\"\",x,  \" padded \"  ,\"a\"b\n"
	                  "\"l1\r\nl2\",\"\"\"\"\n";
	g_autoptr(CoreTable) t = read_ok(csv, strlen(csv), 100);

	g_assert_cmpuint(core_table_n_rows(t), ==, 3);
	g_assert_cmpuint(core_table_n_cols(t, 0), ==, 4);
	g_assert_cmpstr(core_table_cell(t, 0, 1), ==, "b,c");
	g_assert_cmpstr(core_table_cell(t, 0, 2), ==, "line1\nline2");
	g_assert_cmpstr(core_table_cell(t, 0, 3), ==, "say \"hi\"");
	check_row(t, 1, "|x|padded|ab");
	g_assert_cmpstr(core_table_cell(t, 2, 0), ==, "l1\nl2");
	g_assert_cmpstr(core_table_cell(t, 2, 1), ==, "\"");
}

static void test_csv_bom(void)
{
	const char *csv = "\xEF\xBB\xBF姓名,单位\n王五,督查室\n";
	g_autoptr(CoreTable) t = read_ok(csv, strlen(csv), 100);

	g_assert_cmpuint(core_table_n_rows(t), ==, 2);
	g_assert_cmpstr(core_table_cell(t, 0, 0), ==, "姓名");
	check_row(t, 1, "王五|督查室");
}

static void test_csv_crlf(void)
{
	const char *csv = "a,b\r\nc,d\r\n\r\n,,\r\n \r\n";
	const char *gap = "a\r\n\r\n,,,\r\nb,\r\n";
	g_autoptr(CoreTable) t = read_ok(csv, strlen(csv), 100);
	g_autoptr(CoreTable) g = read_ok(gap, strlen(gap), 100);

	/* trailing empty rows dropped */
	g_assert_cmpuint(core_table_n_rows(t), ==, 2);
	check_row(t, 0, "a|b");
	check_row(t, 1, "c|d");
	/* empty rows in the middle stay, with no cells; trailing empty cells dropped */
	g_assert_cmpuint(core_table_n_rows(g), ==, 4);
	g_assert_cmpuint(core_table_n_cols(g, 1), ==, 0);
	g_assert_cmpuint(core_table_n_cols(g, 2), ==, 0);
	check_row(g, 3, "b");
}

static void test_csv_gb18030(void)
{
	const char *utf8 = "姓名,单位,备注\r\n张三,督查室,\"含,逗号\"\r\n";
	g_autoptr(GError) err = NULL;
	gsize len = 0;
	g_autofree char *gbk = g_convert(utf8, -1, "GB18030", "UTF-8", NULL, &len, &err);

	g_assert_no_error(err);
	g_assert_false(g_utf8_validate_len(gbk, len, NULL));
	g_autoptr(CoreTable) t = read_ok(gbk, len, 100);
	g_assert_cmpuint(core_table_n_rows(t), ==, 2);
	check_row(t, 0, "姓名|单位|备注");
	check_row(t, 1, "张三|督查室|含,逗号");
}

static void test_csv_unterminated(void)
{
	const char *csv = "a,b\nc,\"d\n\ne,f\n";

	read_fails(csv, strlen(csv), 100, CORE_TABLE_ERROR_FORMAT, "Line 2 ");
	read_fails("\"", 1, 100, CORE_TABLE_ERROR_FORMAT, "Line 1 ");
}

static void test_csv_too_many_rows(void)
{
	const char *ok = "h\n1\n2\n3\n";
	const char *trailing = "h\n1\n2\n3\n\n\n,,\n\n";
	const char *over = "h\n1\n2\n3\n4\n";
	g_autoptr(CoreTable) t = read_ok(ok, strlen(ok), 3);
	g_autoptr(CoreTable) t2 = read_ok(trailing, strlen(trailing), 3);

	g_assert_cmpuint(core_table_n_rows(t), ==, 4);
	g_assert_cmpuint(core_table_n_rows(t2), ==, 4);
	read_fails(over, strlen(over), 3, CORE_TABLE_ERROR_LIMIT, "more than 3 data rows");
	read_fails("h\n1\n", 4, 0, CORE_TABLE_ERROR_LIMIT, "more than 0 data rows");
}

static void test_csv_too_many_cols(void)
{
	g_autoptr(GString) s = g_string_new(NULL);

	for (int i = 0; i < CORE_TABLE_MAX_COLS; i++)
		g_string_append_printf(s, "%sc%d", i > 0 ? "," : "", i);
	g_string_append(s, ",,, ,\n1\n");
	g_autoptr(CoreTable) t = read_ok(s->str, s->len, 10);
	g_assert_cmpuint(core_table_n_cols(t, 0), ==, CORE_TABLE_MAX_COLS);
	g_assert_cmpstr(core_table_cell(t, 0, CORE_TABLE_MAX_COLS - 1), ==, "c199");

	g_string_truncate(s, 0);
	g_string_append(s, "a\n");
	for (int i = 0; i <= CORE_TABLE_MAX_COLS; i++)
		g_string_append_printf(s, "%s%d", i > 0 ? "," : "", i);
	read_fails(s->str, s->len, 10, CORE_TABLE_ERROR_LIMIT, "more than 200 columns");
}

static void test_csv_cell_too_long(void)
{
	g_autofree char *max = g_strnfill(CORE_TABLE_MAX_CELL_BYTES, 'x');
	g_autofree char *over = g_strnfill(CORE_TABLE_MAX_CELL_BYTES + 1, 'x');
	g_autofree char *ok = g_strconcat("a\n\"", max, "\"\n", NULL);
	g_autofree char *bad = g_strconcat("a\nb,", over, "\n", NULL);
	g_autoptr(CoreTable) t = read_ok(ok, strlen(ok), 10);

	g_assert_cmpuint(strlen(core_table_cell(t, 1, 0)), ==, CORE_TABLE_MAX_CELL_BYTES);
	read_fails(bad, strlen(bad), 10, CORE_TABLE_ERROR_LIMIT, "Line 2 ");
}

static void test_not_a_table(void)
{
	g_autoptr(GRand) rand = g_rand_new_with_seed(42);
	guint8 bin[4096];
	static const char xls[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0";

	for (gsize i = 0; i < sizeof bin; i++)
		bin[i] = g_rand_int_range(rand, 0, 256);
	bin[0] = 0x89; /* not "PK" */
	read_fails((const char *)bin, sizeof bin, 100, CORE_TABLE_ERROR_FORMAT,
	           "neither a CSV file in UTF-8 nor an Excel .xlsx workbook");
	read_fails("a,b\n\0c\n", 7, 100, CORE_TABLE_ERROR_FORMAT, "neither");
	read_fails(xls, sizeof xls - 1, 100, CORE_TABLE_ERROR_FORMAT, ".xls");
}

/* ==== XLSX written by libxlsxwriter ========================================================= */

static void test_xlsx_workbook(void)
{
	g_autofree char *path = tmp_path(".xlsx");
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "名单");
	lxw_worksheet *other = workbook_add_worksheet(wb, "其他");
	lxw_format *iso = workbook_add_format(wb);
	lxw_format *builtin = workbook_add_format(wb);
	lxw_format *stamp = workbook_add_format(wb);
	lxw_format *clock = workbook_add_format(wb);
	lxw_format *fixed = workbook_add_format(wb);
	lxw_format *bold = workbook_add_format(wb);
	lxw_datetime d1 = {2026, 3, 1, 0, 0, 0};
	lxw_datetime d2 = {2026, 12, 31, 0, 0, 0};
	lxw_datetime d3 = {2026, 3, 1, 8, 30, 0};
	lxw_rich_string_tuple r1 = {bold, "督"};
	lxw_rich_string_tuple r2 = {NULL, "查室"};
	lxw_rich_string_tuple *rich[] = {&r1, &r2, NULL};
	const char *head[] = {"姓名", "电话", "日期", "备注", "启用", "公式", "时间"};

	format_set_num_format(iso, "yyyy-mm-dd");
	format_set_num_format_index(builtin, 14);
	format_set_num_format(stamp, "yyyy\"年\"m\"月\"d\"日\" hh:mm");
	format_set_num_format(clock, "hh:mm");
	format_set_num_format(fixed, "0.00");
	format_set_bold(bold);
	for (int c = 0; c < 7; c++)
		worksheet_write_string(ws, 0, c, head[c], NULL);
	worksheet_write_string(ws, 1, 0, "张三", NULL);
	worksheet_write_number(ws, 1, 1, 13800000000.0, NULL);
	worksheet_write_datetime(ws, 1, 2, &d1, iso);
	/* D2 left blank */
	worksheet_write_boolean(ws, 1, 4, 1, NULL);
	worksheet_write_formula_num(ws, 1, 5, "=1+1", NULL, 2);
	worksheet_write_datetime(ws, 1, 6, &d3, stamp);
	worksheet_write_rich_string(ws, 2, 0, rich, NULL);
	worksheet_write_number(ws, 2, 1, -1.5, fixed);
	worksheet_write_datetime(ws, 2, 2, &d2, builtin);
	worksheet_write_string(ws, 2, 3, "  两边空格  ", NULL);
	worksheet_write_boolean(ws, 2, 4, 0, NULL);
	worksheet_write_number(ws, 2, 5, 0.1 + 0.2, NULL);
	worksheet_write_number(ws, 2, 6, 0.5, clock);
	/* row 4 empty; a formatted but empty row far below the limit does not count */
	worksheet_write_string(ws, 4, 0, "末行", NULL);
	worksheet_write_blank(ws, 4, 3, fixed);
	worksheet_set_row(ws, 5000, 30, bold);
	worksheet_write_string(other, 0, 0, "不应读到", NULL);
	g_assert_cmpint(workbook_close(wb), ==, LXW_NO_ERROR);

	g_autoptr(GBytes) b = take_file(path);
	g_autoptr(CoreTable) t = read_bytes_ok(b, 10);
	g_assert_cmpuint(core_table_n_rows(t), ==, 5);
	check_row(t, 0, "姓名|电话|日期|备注|启用|公式|时间");
	check_row(t, 1, "张三|13800000000|2026-03-01||TRUE|2|2026-03-01");
	check_row(t, 2, "督查室|-1.5|2026-12-31|两边空格|FALSE|0.3|0.5");
	g_assert_cmpuint(core_table_n_cols(t, 3), ==, 0);
	check_row(t, 4, "末行");
	g_assert_cmpstr(core_table_cell(t, 1, 3), ==, "");

	read_bytes_fails(b, 2, CORE_TABLE_ERROR_LIMIT, "more than 2 data rows");
}

static void test_xlsx_inline_strings(void)
{
	g_autofree char *path = tmp_path(".xlsx");
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);

	worksheet_write_string(ws, 0, 0, "编号", NULL);
	worksheet_write_string(ws, 0, 1, "名称", NULL);
	worksheet_write_number(ws, 1, 0, 1, NULL);
	worksheet_write_string(ws, 1, 1, "督查室 & <办公室>", NULL);
	g_assert_cmpint(workbook_close(wb), ==, LXW_NO_ERROR);

	g_autoptr(GBytes) b = take_file(path);
	g_autoptr(CoreTable) t = read_bytes_ok(b, 10);
	g_assert_cmpuint(core_table_n_rows(t), ==, 2);
	check_row(t, 0, "编号|名称");
	check_row(t, 1, "1|督查室 & <办公室>");
}

static void test_xlsx_limits(void)
{
	g_autofree char *path = tmp_path(".xlsx");
	g_autofree char *path2 = tmp_path(".xlsx");
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
	lxw_workbook *wb2 = workbook_new(path2);
	lxw_worksheet *ws2 = workbook_add_worksheet(wb2, NULL);
	g_autoptr(GString) long_text = g_string_new(NULL);

	worksheet_write_string(ws, 0, 0, "a", NULL);
	worksheet_write_string(ws, 0, CORE_TABLE_MAX_COLS - 1, "last", NULL);
	worksheet_write_string(ws, 1, CORE_TABLE_MAX_COLS, "too far", NULL);
	g_assert_cmpint(workbook_close(wb), ==, LXW_NO_ERROR);
	g_autoptr(GBytes) b = take_file(path);
	read_bytes_fails(b, 10, CORE_TABLE_ERROR_LIMIT, "more than 200 columns");

	for (int i = 0; i < 11000; i++)
		g_string_append(long_text, "中"); /* 33000 bytes */
	worksheet_write_string(ws2, 0, 0, "a", NULL);
	worksheet_write_string(ws2, 3, 1, long_text->str, NULL);
	g_assert_cmpint(workbook_close(wb2), ==, LXW_NO_ERROR);
	g_autoptr(GBytes) b2 = take_file(path2);
	read_bytes_fails(b2, 10, CORE_TABLE_ERROR_LIMIT, "Cell B4 is longer than 32 KiB");
}

/* Truncated and corrupted copies of a real workbook: an error or a table, never a crash. */
static void test_xlsx_damaged(void)
{
	g_autofree char *path = tmp_path(".xlsx");
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
	g_autoptr(GRand) rand = g_rand_new_with_seed(7);
	gsize len;
	const guint8 *data;
	g_autofree guint8 *copy = NULL;

	for (int r = 0; r < 20; r++) {
		worksheet_write_string(ws, r, 0, "督查室", NULL);
		worksheet_write_number(ws, r, 1, r * 1.25, NULL);
	}
	g_assert_cmpint(workbook_close(wb), ==, LXW_NO_ERROR);
	g_autoptr(GBytes) b = take_file(path);
	data = g_bytes_get_data(b, &len);
	copy = g_memdup2(data, len);

	for (gsize cut = 4; cut < len; cut += 1 + len / 97)
		read_fails((const char *)data, cut, 100, CORE_TABLE_ERROR_FORMAT, "damaged");
	for (int i = 0; i < 300; i++) {
		g_autoptr(GError) err = NULL;
		gsize at = g_rand_int_range(rand, 4, len);
		guint8 was = copy[at];
		CoreTable *t;

		copy[at] ^= 1 + g_rand_int_range(rand, 0, 255);
		t = core_table_read(copy, len, 100, &err);
		g_assert_true((t == NULL) != (err == NULL));
		if (err != NULL)
			g_assert_true(err->domain == CORE_TABLE_ERROR);
		core_table_free(t);
		copy[at] = was;
	}
	/* "PK\3\4" and then garbage */
	for (gsize i = 4; i < len; i++)
		copy[i] = g_rand_int_range(rand, 0, 256);
	read_fails((const char *)copy, len, 100, CORE_TABLE_ERROR_FORMAT, "damaged");
}

/* ==== XLSX made by hand ===================================================================== */

#define XML_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define NS_MAIN  "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL   "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

/* A workbook made by hand: namespace prefixes, the 1904 date system, relationship targets
 * absolute and relative, rich and phonetic runs, _xHHHH_ escapes, cells without r=, every cell
 * type. */
static const char hand_workbook[] =
    XML_HEAD "<x:workbook xmlns:x=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\">"
             "<x:workbookPr date1904=\"1\"/><x:sheets>"
             "<x:sheet name=\"S\" sheetId=\"7\" r:id=\"rId9\"/>"
             "<x:sheet name=\"T\" sheetId=\"1\" r:id=\"rId1\"/></x:sheets></x:workbook>";
static const char hand_rels[] =
    XML_HEAD "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
             "relationships\">"
             "<Relationship Id=\"rId1\" Type=\"" NS_REL "/worksheet\" "
             "Target=\"worksheets/sheet1.xml\"/>"
             "<Relationship Id=\"rId9\" Type=\"" NS_REL "/worksheet\" "
             "Target=\"/xl/worksheets/data.xml\"/>"
             "<Relationship Id=\"rId2\" Type=\"" NS_REL "/sharedStrings\" "
             "Target=\"strings/../strings/sst.xml\"/>"
             "<Relationship Id=\"rId3\" Type=\"" NS_REL "/styles\" Target=\"./styles.xml\"/>"
             "</Relationships>";
static const char hand_styles[] =
    XML_HEAD "<x:styleSheet xmlns:x=\"" NS_MAIN "\"><x:numFmts count=\"3\">"
             "<x:numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;"
             "日&quot;\"/>"
             "<x:numFmt numFmtId=\"165\" formatCode=\"[h]:mm:ss\"/>"
             "<x:numFmt numFmtId=\"166\" formatCode=\"0.00_);[Red](0.00)\"/></x:numFmts>"
             "<x:cellStyleXfs count=\"1\"><x:xf numFmtId=\"14\"/></x:cellStyleXfs>"
             "<x:cellXfs count=\"5\"><x:xf numFmtId=\"0\"/><x:xf numFmtId=\"164\"/>"
             "<x:xf numFmtId=\"165\"/><x:xf numFmtId=\"14\"/><x:xf numFmtId=\"166\"/>"
             "</x:cellXfs></x:styleSheet>";
static const char hand_sst[] =
    XML_HEAD "<sst xmlns=\"" NS_MAIN "\" count=\"3\" uniqueCount=\"3\">"
             "<si><t>甲</t></si>"
             "<si><r><t>督</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">查 </t></r>"
             "<rPh sb=\"0\" eb=\"1\"><t>トク</t></rPh></si>"
             "<si><t>a_x000D_b_x005F_x0041_</t></si></sst>";
static const char hand_sheet[] =
    XML_HEAD "<x:worksheet xmlns:x=\"" NS_MAIN "\"><x:sheetData>"
             "<x:row r=\"2\"><x:c r=\"A2\" t=\"s\"><x:v>0</x:v></x:c>"
             "<x:c t=\"s\"><x:v>1</x:v></x:c><x:c r=\"D2\" t=\"s\"><x:v>2</x:v></x:c></x:row>"
             "<x:row><x:c r=\"A3\" s=\"1\"><x:v>0</x:v></x:c>"
             "<x:c r=\"B3\" s=\"2\"><x:v>1.5</x:v></x:c>"
             "<x:c r=\"C3\" s=\"3\"><x:v>45000.75</x:v></x:c>"
             "<x:c r=\"D3\" t=\"e\"><x:v>#N/A</x:v></x:c>"
             "<x:c r=\"E3\" t=\"inlineStr\"><x:is><x:r><x:t>内</x:t></x:r><x:r><x:t>联</x:t>"
             "</x:r></x:is></x:c>"
             "<x:c r=\"F3\" t=\"str\"><x:f>A1&amp;\"x\"</x:f><x:v>结果</x:v></x:c>"
             "<x:c r=\"G3\" t=\"d\"><x:v>2026-03-01T00:00:00</x:v></x:c>"
             "<x:c r=\"H3\" s=\"4\"><x:v>-0</x:v></x:c><x:c r=\"I3\" s=\"4\"/></x:row>"
             "</x:sheetData></x:worksheet>";

/* The hand-made workbook, with SHEET, STYLES and SST in place of its parts when not NULL. */
static GBytes *hand_zip(const char *sheet, const char *styles, const char *sst)
{
	return make_zip("xl/workbook.xml", hand_workbook, "xl/_rels/workbook.xml.rels", hand_rels,
	                "xl/styles.xml", styles != NULL ? styles : hand_styles,
	                "xl/strings/sst.xml", sst != NULL ? sst : hand_sst,
	                "xl/worksheets/data.xml", sheet != NULL ? sheet : hand_sheet,
	                "xl/worksheets/sheet1.xml", "<worksheet/>", NULL);
}

static void test_xlsx_by_hand(void)
{
	g_autoptr(GBytes) b = hand_zip(NULL, NULL, NULL);
	g_autoptr(CoreTable) t = read_bytes_ok(b, 10);

	g_assert_cmpuint(core_table_n_rows(t), ==, 3);
	g_assert_cmpuint(core_table_n_cols(t, 0), ==, 0);
	check_row(t, 1, "甲|督查||a\rb_x0041_");
	check_row(t, 2, "1904-01-01|1.5|2027-03-16|#N/A|内联|结果|2026-03-01|0");
}

/* The hand-made parts with random bytes changed, one part at a time: an error or a table. */
static void test_xlsx_mutated_xml(void)
{
	g_autoptr(GRand) rand = g_rand_new_with_seed(11);
	static const char pick[] = "<>/=\"&;:#x0 1_tvcsr";

	for (int i = 0; i < 300; i++) {
		const char *orig = i % 3 == 0 ? hand_sheet : i % 3 == 1 ? hand_styles : hand_sst;
		g_autofree char *text = g_strdup(orig);
		g_autoptr(GError) err = NULL;
		g_autoptr(GBytes) b = NULL;
		CoreTable *t;
		gsize len;
		const char *data;

		for (int k = g_rand_int_range(rand, 1, 4); k > 0; k--)
			text[g_rand_int_range(rand, 0, strlen(orig))] =
			    pick[g_rand_int_range(rand, 0, sizeof pick - 1)];
		b = hand_zip(i % 3 == 0 ? text : NULL, i % 3 == 1 ? text : NULL,
		             i % 3 == 2 ? text : NULL);
		data = g_bytes_get_data(b, &len);
		t = core_table_read(data, len, 100, &err);
		g_assert_true((t == NULL) != (err == NULL));
		if (err != NULL)
			g_assert_true(err->domain == CORE_TABLE_ERROR);
		core_table_free(t);
	}
}

/* The 1900 date system with its phantom 1900-02-29, and the fallback to sheet1.xml. */
static void test_xlsx_dates_1900(void)
{
	const char *styles = XML_HEAD "<styleSheet xmlns=\"" NS_MAIN "\"><cellXfs count=\"2\">"
	                              "<xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs>"
	                              "</styleSheet>";
	const char *sheet =
	    XML_HEAD "<worksheet xmlns=\"" NS_MAIN "\"><sheetData><row r=\"1\">"
	             "<c r=\"A1\" s=\"1\"><v>1</v></c><c r=\"B1\" s=\"1\"><v>59</v></c>"
	             "<c r=\"C1\" s=\"1\"><v>60</v></c><c r=\"D1\" s=\"1\"><v>61</v></c>"
	             "<c r=\"E1\" s=\"1\"><v>46082</v></c>"
	             "<c r=\"F1\" s=\"1\"><v>0</v></c>"
	             "<c r=\"G1\" s=\"9\"><v>46082</v></c>"
	             "<c r=\"H1\"><v>1E+20</v></c></row></sheetData></worksheet>";
	g_autoptr(GBytes) b =
	    make_zip("xl/styles.xml", styles, "xl/worksheets/sheet1.xml", sheet, NULL);
	g_autoptr(CoreTable) t = read_bytes_ok(b, 10);

	check_row(t, 0, "1900-01-01|1900-02-28|1900-02-29|1900-03-01|2026-03-01|0|46082|1e+20");
}

static void test_xlsx_not_workbook(void)
{
	g_autoptr(GBytes) b = make_zip("hello.txt", "你好", "word/document.xml", "<w/>", NULL);
	g_autoptr(GBytes) bad_xml =
	    make_zip("xl/worksheets/sheet1.xml", "<worksheet><sheetData>", NULL);
	g_autoptr(GBytes) bad_sst =
	    make_zip("xl/worksheets/sheet1.xml",
	             "<worksheet><sheetData><row><c r=\"C7\" t=\"s\"><v>3</v></c></row>"
	             "</sheetData></worksheet>",
	             NULL);
	g_autoptr(GBytes) bad_ref = make_zip("xl/worksheets/sheet1.xml",
	                                     "<worksheet><sheetData><row><c r=\"7C\"><v>3</v></c>"
	                                     "</row></sheetData></worksheet>",
	                                     NULL);

	read_bytes_fails(b, 10, CORE_TABLE_ERROR_FORMAT, "ZIP archive but not an Excel");
	read_bytes_fails(bad_xml, 10, CORE_TABLE_ERROR_FORMAT, "damaged");
	read_bytes_fails(bad_sst, 10, CORE_TABLE_ERROR_FORMAT, "cell C7");
	read_bytes_fails(bad_ref, 10, CORE_TABLE_ERROR_FORMAT, "7C");
}

/* A part that inflates beyond 64 MiB is refused (a zip bomb). */
static void test_xlsx_bomb(void)
{
	g_autofree char *path = tmp_path(".zip");
	g_autofree char *chunk = g_strnfill(1024 * 1024, ' ');
	zipFile zf = zipOpen(path, APPEND_STATUS_CREATE);

	g_assert_nonnull(zf);
	g_assert_cmpint(zipOpenNewFileInZip(zf, "xl/worksheets/sheet1.xml", NULL, NULL, 0, NULL, 0,
	                                    NULL, Z_DEFLATED, Z_BEST_SPEED),
	                ==, ZIP_OK);
	for (int i = 0; i < 65; i++)
		g_assert_cmpint(zipWriteInFileInZip(zf, chunk, 1024 * 1024), ==, ZIP_OK);
	g_assert_cmpint(zipCloseFileInZip(zf), ==, ZIP_OK);
	g_assert_cmpint(zipClose(zf, NULL), ==, ZIP_OK);

	g_autoptr(GBytes) b = take_file(path);
	g_assert_cmpuint(g_bytes_get_size(b), <, 1024 * 1024);
	read_bytes_fails(b, 10, CORE_TABLE_ERROR_LIMIT, "larger than 64 MiB");
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/table/csv/simple", test_csv_simple);
	g_test_add_func("/table/csv/quoted", test_csv_quoted);
	g_test_add_func("/table/csv/bom", test_csv_bom);
	g_test_add_func("/table/csv/crlf", test_csv_crlf);
	g_test_add_func("/table/csv/gb18030", test_csv_gb18030);
	g_test_add_func("/table/csv/unterminated", test_csv_unterminated);
	g_test_add_func("/table/csv/too-many-rows", test_csv_too_many_rows);
	g_test_add_func("/table/csv/too-many-cols", test_csv_too_many_cols);
	g_test_add_func("/table/csv/cell-too-long", test_csv_cell_too_long);
	g_test_add_func("/table/not-a-table", test_not_a_table);
	g_test_add_func("/table/xlsx/workbook", test_xlsx_workbook);
	g_test_add_func("/table/xlsx/inline-strings", test_xlsx_inline_strings);
	g_test_add_func("/table/xlsx/limits", test_xlsx_limits);
	g_test_add_func("/table/xlsx/damaged", test_xlsx_damaged);
	g_test_add_func("/table/xlsx/by-hand", test_xlsx_by_hand);
	g_test_add_func("/table/xlsx/mutated-xml", test_xlsx_mutated_xml);
	g_test_add_func("/table/xlsx/dates-1900", test_xlsx_dates_1900);
	g_test_add_func("/table/xlsx/not-workbook", test_xlsx_not_workbook);
	g_test_add_func("/table/xlsx/bomb", test_xlsx_bomb);
	return g_test_run();
}
