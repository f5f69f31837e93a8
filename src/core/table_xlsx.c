/*
 * Excel .xlsx uploads for table.c: the ZIP container read with minizip from memory, its parts
 * (workbook, relationships, shared strings, styles, the first worksheet) parsed with GMarkup,
 * and Excel's date serials.
 */
#include "core/table_internal.h"

#include <math.h>
#include <minizip/unzip.h>
#include <string.h>

/* Excel's own grid: columns A..XFD, rows 1..1048576. */
#define XLSX_MAX_COL 16384
#define XLSX_MAX_ROW 1048576

/* ==== XLSX: the ZIP container, read from memory ============================================= */

typedef struct {
	const guint8 *data;
	gsize len;
	gsize pos;
} MemFile;

static voidpf ZCALLBACK mem_open(voidpf opaque, const void *filename, int mode)
{
	MemFile *m = opaque;

	m->pos = 0;
	return m;
}

static uLong ZCALLBACK mem_read(voidpf opaque, voidpf stream, void *buf, uLong size)
{
	MemFile *m = stream;
	gsize n = MIN((gsize)size, m->len - m->pos);

	memcpy(buf, m->data + m->pos, n);
	m->pos += n;
	return n;
}

static uLong ZCALLBACK mem_write(voidpf opaque, voidpf stream, const void *buf, uLong size)
{
	return 0;
}

static ZPOS64_T ZCALLBACK mem_tell(voidpf opaque, voidpf stream)
{
	return ((MemFile *)stream)->pos;
}

static long ZCALLBACK mem_seek(voidpf opaque, voidpf stream, ZPOS64_T offset, int origin)
{
	MemFile *m = stream;
	gsize base;

	switch (origin) {
	case ZLIB_FILEFUNC_SEEK_SET:
		base = 0;
		break;
	case ZLIB_FILEFUNC_SEEK_CUR:
		base = m->pos;
		break;
	case ZLIB_FILEFUNC_SEEK_END:
		base = m->len;
		break;
	default:
		return -1;
	}
	if (offset > m->len - base)
		return -1;
	m->pos = base + offset;
	return 0;
}

static int ZCALLBACK mem_close(voidpf opaque, voidpf stream)
{
	return 0;
}

static int ZCALLBACK mem_error(voidpf opaque, voidpf stream)
{
	return 0;
}

static void set_damaged(GError **err)
{
	g_set_error_literal(err, CORE_TABLE_ERROR, CORE_TABLE_ERROR_FORMAT,
	                    "The file looks like an Excel .xlsx workbook but is damaged or "
	                    "incomplete.");
}

/* Feeds the part NAME of ZIP (case-insensitive, as OPC part names are) to a GMarkup PARSER
 * with UD, streaming. Returns 1 when parsed, 0 when there is no such part, -1 with ERR when the
 * part is damaged, too large, not XML, or a callback failed (its error is kept). */
static int parse_part(unzFile zip, const char *name, const GMarkupParser *parser, void *ud,
                      GError **err)
{
	g_autoptr(GMarkupParseContext) ctx = NULL;
	g_autofree char *buf = NULL;
	unz_file_info64 info;
	GError *perr = NULL;
	guint64 total = 0;
	int n = 0;

	if (unzLocateFile(zip, name, 2) != UNZ_OK)
		return 0;
	if (unzGetCurrentFileInfo64(zip, &info, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK ||
	    unzOpenCurrentFile(zip) != UNZ_OK) {
		set_damaged(err);
		return -1;
	}
	ctx = g_markup_parse_context_new(parser, G_MARKUP_TREAT_CDATA_AS_TEXT, ud, NULL);
	buf = g_malloc(64 * 1024);
	while (info.uncompressed_size <= CORE_TABLE_MAX_PART_BYTES &&
	       (n = unzReadCurrentFile(zip, buf, 64 * 1024)) > 0) {
		const char *p = buf;

		if (total == 0 && n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
			p += 3, n -= 3, total += 3;
		total += n;
		if (total > CORE_TABLE_MAX_PART_BYTES)
			break;
		if (!g_markup_parse_context_parse(ctx, p, n, &perr)) {
			unzCloseCurrentFile(zip);
			goto fail;
		}
	}
	if (info.uncompressed_size > CORE_TABLE_MAX_PART_BYTES ||
	    total > CORE_TABLE_MAX_PART_BYTES) {
		unzCloseCurrentFile(zip);
		g_set_error(err, CORE_TABLE_ERROR, CORE_TABLE_ERROR_LIMIT,
		            "The workbook's part %s is larger than %d MiB uncompressed.", name,
		            CORE_TABLE_MAX_PART_BYTES / (1024 * 1024));
		return -1;
	}
	if (n < 0) { /* inflate error */
		unzCloseCurrentFile(zip);
		set_damaged(err);
		return -1;
	}
	if (unzCloseCurrentFile(zip) != UNZ_OK) { /* CRC error */
		set_damaged(err);
		return -1;
	}
	if (g_markup_parse_context_end_parse(ctx, &perr))
		return 1;
fail:
	if (perr->domain == CORE_TABLE_ERROR) {
		g_propagate_error(err, perr);
	} else {
		g_error_free(perr);
		set_damaged(err);
	}
	return -1;
}

/* ==== XLSX: markup helpers ================================================================== */

/* NAME without its namespace prefix: producers differ ("sheet", "x:sheet", "r:id"). */
static const char *local_name(const char *name)
{
	const char *c = strrchr(name, ':');

	return c != NULL ? c + 1 : name;
}

static gboolean is(const char *element, const char *want)
{
	return strcmp(local_name(element), want) == 0;
}

/* The value of the attribute whose local name is WANT, or NULL. */
static const char *attr(const char **names, const char **values, const char *want)
{
	for (guint i = 0; names[i] != NULL; i++)
		if (strcmp(local_name(names[i]), want) == 0)
			return values[i];
	return NULL;
}

/* Decodes in place the _xHHHH_ escapes with which OOXML strings carry characters XML cannot. */
static void decode_xstring(GString *s)
{
	gsize o = 0;

	if (strstr(s->str, "_x") == NULL)
		return;
	for (gsize i = 0; i < s->len;) {
		const char *p = s->str + i;
		gunichar u = 0;
		gboolean esc = i + 7 <= s->len && p[1] == 'x' && p[0] == '_' && p[6] == '_';

		for (int k = 2; esc && k < 6; k++) {
			esc = g_ascii_isxdigit(p[k]);
			u = u * 16 + (esc ? (gunichar)g_ascii_xdigit_value(p[k]) : 0);
		}
		if (esc && u != 0 && g_unichar_validate(u)) {
			char tmp[6];
			int n = g_unichar_to_utf8(u, tmp);

			/* the escape is 7 bytes, its character at most 3: room enough in place */
			memcpy(s->str + o, tmp, n);
			o += n;
			i += 7;
		} else {
			s->str[o++] = s->str[i++];
		}
	}
	g_string_truncate(s, o);
}

/* Collects the text of a string item (<si> or <is>): its <t> elements, those of rich text runs
 * <r><t> included, those of phonetic runs <rPh> not. */
typedef struct {
	GString *text;
	gboolean in_t;
	int in_rph;
} StrItem;

static void stritem_start(StrItem *s, const char *element)
{
	if (is(element, "rPh"))
		s->in_rph++;
	else if (is(element, "t") && s->in_rph == 0)
		s->in_t = TRUE;
}

static void stritem_end(StrItem *s, const char *element)
{
	if (is(element, "rPh"))
		s->in_rph--;
	else if (is(element, "t"))
		s->in_t = FALSE;
}

/* ---- xl/workbook.xml: the first sheet's relationship id, the date system ---- */

typedef struct {
	char *first_rid;
	gboolean date1904;
} Workbook;

static void workbook_start(GMarkupParseContext *ctx, const char *element, const char **names,
                           const char **values, gpointer ud, GError **err)
{
	Workbook *wb = ud;
	const char *v;

	if (is(element, "sheet") && wb->first_rid == NULL) {
		wb->first_rid = g_strdup(attr(names, values, "id"));
	} else if (is(element, "workbookPr")) {
		v = attr(names, values, "date1904");
		wb->date1904 = v != NULL && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
	}
}

static const GMarkupParser workbook_parser = {workbook_start, NULL, NULL, NULL, NULL};

/* ---- xl/_rels/workbook.xml.rels: the parts of the first sheet, strings and styles ---- */

typedef struct {
	const char *rid;
	char *sheet, *strings, *styles; /* targets as written */
} Rels;

static void rels_start(GMarkupParseContext *ctx, const char *element, const char **names,
                       const char **values, gpointer ud, GError **err)
{
	Rels *r = ud;
	const char *id = attr(names, values, "Id");
	const char *type = attr(names, values, "Type");
	const char *target = attr(names, values, "Target");
	const char *mode = attr(names, values, "TargetMode");

	if (!is(element, "Relationship") || target == NULL || type == NULL ||
	    (mode != NULL && strcmp(mode, "External") == 0))
		return;
	if (r->rid != NULL && id != NULL && strcmp(id, r->rid) == 0 && r->sheet == NULL)
		r->sheet = g_strdup(target);
	else if (g_str_has_suffix(type, "/sharedStrings") && r->strings == NULL)
		r->strings = g_strdup(target);
	else if (g_str_has_suffix(type, "/styles") && r->styles == NULL)
		r->styles = g_strdup(target);
}

static const GMarkupParser rels_parser = {rels_start, NULL, NULL, NULL, NULL};

/* The part name of a workbook relationship's TARGET: relative to xl/, or absolute from the
 * package root; "." and ".." resolved. NULL when it leaves the package. */
static char *part_name(const char *target)
{
	g_autofree char *path =
	    target[0] == '/' ? g_strdup(target + 1) : g_strconcat("xl/", target, NULL);
	g_auto(GStrv) segs = g_strsplit(path, "/", -1);
	g_autoptr(GPtrArray) out = g_ptr_array_new();

	for (guint i = 0; segs[i] != NULL; i++) {
		if (strcmp(segs[i], "..") == 0) {
			if (out->len == 0)
				return NULL;
			g_ptr_array_remove_index(out, out->len - 1);
		} else if (segs[i][0] != '\0' && strcmp(segs[i], ".") != 0) {
			g_ptr_array_add(out, segs[i]);
		}
	}
	g_ptr_array_add(out, NULL);
	return g_strjoinv("/", (char **)out->pdata);
}

/* ---- xl/styles.xml: which cell formats show dates ---- */

/* Built-in number formats that show a date (including Excel's time and CJK date formats). */
static gboolean builtin_date_format(guint id)
{
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
	       (id >= 50 && id <= 58);
}

/* Whether a custom number format CODE shows a date: its first section has y, d, or m without
 * h or s (that m is minutes), outside quoted text, escapes and [..] (colours, locales). */
static gboolean code_is_date(const char *code)
{
	gboolean y = FALSE, m = FALSE, d = FALSE, h = FALSE, s = FALSE;

	for (const char *p = code; *p != '\0' && *p != ';'; p++) {
		switch (*p) {
		case '"':
			while (p[1] != '\0' && p[1] != '"')
				p++;
			if (p[1] != '\0')
				p++;
			break;
		case '[':
			while (p[1] != '\0' && p[1] != ']')
				p++;
			break;
		case '\\':
		case '_':
		case '*':
			if (p[1] != '\0')
				p++;
			break;
		default:
			switch (g_ascii_tolower(*p)) {
			case 'y':
				y = TRUE;
				break;
			case 'm':
				m = TRUE;
				break;
			case 'd':
				d = TRUE;
				break;
			case 'h':
				h = TRUE;
				break;
			case 's':
				s = TRUE;
				break;
			}
		}
	}
	return y || d || (m && !h && !s);
}

typedef struct {
	GHashTable *custom_dates; /* numFmtId of custom date formats */
	GArray *xf_fmt;           /* guint numFmtId per cellXfs entry */
	gboolean in_xfs;
	GArray *xf_date; /* the result: gboolean per cellXfs entry */
} Styles;

static void styles_start(GMarkupParseContext *ctx, const char *element, const char **names,
                         const char **values, gpointer ud, GError **err)
{
	Styles *st = ud;
	const char *id = attr(names, values, "numFmtId");
	guint n = id != NULL ? (guint)g_ascii_strtoull(id, NULL, 10) : 0;

	if (is(element, "cellXfs")) {
		st->in_xfs = TRUE;
	} else if (is(element, "xf") && st->in_xfs) {
		g_array_append_val(st->xf_fmt, n);
	} else if (is(element, "numFmt") && id != NULL) {
		const char *code = attr(names, values, "formatCode");

		if (code != NULL && code_is_date(code))
			g_hash_table_add(st->custom_dates, GUINT_TO_POINTER(n));
	}
}

static void styles_end(GMarkupParseContext *ctx, const char *element, gpointer ud, GError **err)
{
	if (is(element, "cellXfs"))
		((Styles *)ud)->in_xfs = FALSE;
}

static const GMarkupParser styles_parser = {styles_start, styles_end, NULL, NULL, NULL};

/* ---- xl/sharedStrings.xml ---- */

typedef struct {
	GPtrArray *strings; /* of char*, decoded, untrimmed */
	gboolean in_si;
	StrItem item;
} Sst;

static void sst_start(GMarkupParseContext *ctx, const char *element, const char **names,
                      const char **values, gpointer ud, GError **err)
{
	Sst *s = ud;

	if (is(element, "si")) {
		s->in_si = TRUE;
		g_string_truncate(s->item.text, 0);
	} else if (s->in_si) {
		stritem_start(&s->item, element);
	}
}

static void sst_end(GMarkupParseContext *ctx, const char *element, gpointer ud, GError **err)
{
	Sst *s = ud;

	if (is(element, "si")) {
		s->in_si = FALSE;
		decode_xstring(s->item.text);
		g_ptr_array_add(s->strings, g_strndup(s->item.text->str, s->item.text->len));
	} else if (s->in_si) {
		stritem_end(&s->item, element);
	}
}

static void sst_text(GMarkupParseContext *ctx, const char *text, gsize len, gpointer ud,
                     GError **err)
{
	Sst *s = ud;

	if (s->in_si && s->item.in_t)
		g_string_append_len(s->item.text, text, len);
}

static const GMarkupParser sst_parser = {sst_start, sst_end, sst_text, NULL, NULL};

/* ---- the worksheet ---- */

typedef struct {
	TableBuilder *b;
	GPtrArray *strings; /* shared strings */
	GArray *xf_date;
	gboolean date1904;
	gboolean in_data; /* inside <sheetData> */
	guint row;        /* current row, 0-based */
	guint next_row;
	guint next_col;
	/* the cell being read */
	gboolean in_cell, in_v, in_is;
	guint col;
	char type[16];
	guint style;
	StrItem item;   /* where in <is> we are (its text goes to VALUE) */
	GString *value; /* the <v> or <is> text */
} Sheet;

/* Parses a cell reference "B3" into 0-based COL and ROW. */
static gboolean parse_ref(const char *ref, guint *col, guint *row)
{
	guint c = 0;
	guint r = 0;
	const char *p = ref;

	for (; g_ascii_isalpha(*p); p++) {
		c = c * 26 + (g_ascii_toupper(*p) - 'A' + 1);
		if (c > XLSX_MAX_COL)
			return FALSE;
	}
	for (; g_ascii_isdigit(*p); p++) {
		r = r * 10 + (*p - '0');
		if (r > XLSX_MAX_ROW)
			return FALSE;
	}
	if (*p != '\0' || c == 0 || r == 0)
		return FALSE;
	*col = c - 1;
	*row = r - 1;
	return TRUE;
}

/* The A1-style name of (ROW, COL), for messages. Caller g_free()s. */
static char *cell_name(guint row, guint col)
{
	char letters[8];
	int i = sizeof letters - 1;

	letters[i] = '\0';
	for (guint c = col + 1; c > 0 && i > 0; c = (c - 1) / 26)
		letters[--i] = 'A' + (c - 1) % 26;
	return g_strdup_printf("%s%u", letters + i, row + 1);
}

static void set_bad_cell(Sheet *s, GError **err, const char *why)
{
	g_autofree char *name = cell_name(s->row, s->col);

	g_set_error(err, CORE_TABLE_ERROR, CORE_TABLE_ERROR_FORMAT,
	            "The workbook is damaged: cell %s %s.", name, why);
}

/* Writes Excel date serial V as "YYYY-MM-DD" into OUT; FALSE when out of Excel's range. In the
 * 1900 system serial 1 is 1900-01-01 and Excel counts a 1900-02-29 (serial 60) that never was. */
static gboolean serial_date(double v, gboolean date1904, char out[11])
{
	GDate d;
	guint days;

	if (!(v >= 0 && v < 2958466))
		return FALSE;
	days = (guint)v;
	if (date1904) {
		g_date_set_dmy(&d, 1, 1, 1904);
	} else if (days == 0) {
		return FALSE;
	} else if (days == 60) {
		memcpy(out, "1900-02-29", 11);
		return TRUE;
	} else {
		g_date_set_dmy(&d, 30, 12, 1899);
		if (days < 60)
			days++;
	}
	g_date_add_days(&d, days);
	if (g_date_get_year(&d) > 9999)
		return FALSE;
	g_snprintf(out, 11, "%04u-%02u-%02u", g_date_get_year(&d), g_date_get_month(&d),
	           g_date_get_day(&d));
	return TRUE;
}

/* Replaces S->value (the <v> text of a number cell) by the text shown. */
static void format_number(Sheet *s)
{
	char buf[G_ASCII_DTOSTR_BUF_SIZE];
	char *end;
	double v;

	table_trim(s->value);
	v = g_ascii_strtod(s->value->str, &end);
	if (s->value->len == 0 || *end != '\0' || !isfinite(v))
		return; /* not a number after all: keep the text */
	if (s->style < s->xf_date->len && g_array_index(s->xf_date, gboolean, s->style) &&
	    serial_date(v, s->date1904, buf)) {
		g_string_assign(s->value, buf);
		return;
	}
	g_ascii_formatd(buf, sizeof buf, "%.15g", v == 0 ? 0.0 : v); /* no "-0" */
	g_string_assign(s->value, buf);
}

/* Turns the cell just read into its text and puts it in the table. */
static gboolean sheet_put_cell(Sheet *s, GError **err)
{
	const char *t = s->type;

	if (strcmp(t, "s") == 0) {
		char *end;
		guint64 i = g_ascii_strtoull(s->value->str, &end, 10);

		if (s->value->len == 0 || *end != '\0' || i >= s->strings->len) {
			set_bad_cell(s, err, "refers to a shared string that does not exist");
			return FALSE;
		}
		g_string_assign(s->value, s->strings->pdata[i]);
	} else if (strcmp(t, "inlineStr") == 0 || strcmp(t, "str") == 0) {
		decode_xstring(s->value);
	} else if (strcmp(t, "b") == 0) {
		table_trim(s->value);
		if (strcmp(s->value->str, "1") == 0 || strcmp(s->value->str, "0") == 0)
			g_string_assign(s->value, s->value->str[0] == '1' ? "TRUE" : "FALSE");
	} else if (strcmp(t, "d") == 0) {
		const char *tee = strchr(s->value->str, 'T');

		if (tee != NULL)
			g_string_truncate(s->value, tee - s->value->str);
	} else if (strcmp(t, "n") == 0 || t[0] == '\0') {
		format_number(s);
	} /* "e": the error's text, as shown */
	table_trim(s->value);
	if (s->value->len > CORE_TABLE_MAX_CELL_BYTES) {
		g_autofree char *name = cell_name(s->row, s->col);

		g_set_error(err, CORE_TABLE_ERROR, CORE_TABLE_ERROR_LIMIT,
		            "Cell %s is longer than %d KiB.", name,
		            CORE_TABLE_MAX_CELL_BYTES / 1024);
		return FALSE;
	}
	if (s->value->len == 0)
		return TRUE;
	return table_builder_put(s->b, s->row, s->col, s->value->str, s->value->len, err);
}

static void sheet_start(GMarkupParseContext *ctx, const char *element, const char **names,
                        const char **values, gpointer ud, GError **err)
{
	Sheet *s = ud;
	const char *r = attr(names, values, "r");
	guint col;
	guint row;

	if (is(element, "sheetData")) {
		s->in_data = TRUE;
	} else if (!s->in_data) {
		return;
	} else if (is(element, "row")) {
		guint64 n = r != NULL ? g_ascii_strtoull(r, NULL, 10) : s->next_row + 1;

		if (n == 0 || n > XLSX_MAX_ROW) {
			g_set_error_literal(err, CORE_TABLE_ERROR, CORE_TABLE_ERROR_FORMAT,
			                    "The workbook is damaged: a row has a wrong number.");
			return;
		}
		s->row = (guint)n - 1;
		s->next_row = s->row + 1;
		s->next_col = 0;
	} else if (is(element, "c")) {
		const char *t = attr(names, values, "t");
		const char *st = attr(names, values, "s");

		s->col = s->next_col;
		if (r != NULL) {
			if (!parse_ref(r, &col, &row)) {
				g_set_error(err, CORE_TABLE_ERROR, CORE_TABLE_ERROR_FORMAT,
				            "The workbook is damaged: a cell has the wrong "
				            "reference \"%.20s\".",
				            r);
				return;
			}
			s->col = col;
			s->row = row;
		}
		s->next_col = s->col + 1;
		g_strlcpy(s->type, t != NULL ? t : "", sizeof s->type);
		s->style = st != NULL ? (guint)MIN(g_ascii_strtoull(st, NULL, 10), G_MAXUINT) : 0;
		s->in_cell = TRUE;
		g_string_truncate(s->value, 0);
	} else if (!s->in_cell) {
		return;
	} else if (is(element, "v")) {
		s->in_v = TRUE;
	} else if (is(element, "is")) {
		s->in_is = TRUE;
	} else if (s->in_is) {
		stritem_start(&s->item, element);
	}
}

static void sheet_end(GMarkupParseContext *ctx, const char *element, gpointer ud, GError **err)
{
	Sheet *s = ud;

	if (is(element, "sheetData")) {
		s->in_data = FALSE;
	} else if (!s->in_cell) {
		return;
	} else if (is(element, "c")) {
		s->in_cell = s->in_v = s->in_is = FALSE;
		sheet_put_cell(s, err);
	} else if (is(element, "v")) {
		s->in_v = FALSE;
	} else if (is(element, "is")) {
		s->in_is = FALSE;
	} else if (s->in_is) {
		stritem_end(&s->item, element);
	}
}

static void sheet_text(GMarkupParseContext *ctx, const char *text, gsize len, gpointer ud,
                       GError **err)
{
	Sheet *s = ud;

	if (s->in_v || (s->in_is && s->item.in_t))
		g_string_append_len(s->value, text, len);
}

static const GMarkupParser sheet_parser = {sheet_start, sheet_end, sheet_text, NULL, NULL};

/* ---- the workbook ---- */

CoreTable *table_read_xlsx(const guint8 *data, gsize len, guint max_rows, GError **err)
{
	MemFile mem = {data, len, 0};
	zlib_filefunc64_def io = {mem_open, mem_read,  mem_write, mem_tell,
	                          mem_seek, mem_close, mem_error, &mem};
	g_autoptr(CoreTable) t = table_new();
	g_autoptr(GString) value = g_string_new(NULL);
	g_autoptr(GString) sst_buf = g_string_new(NULL);
	g_autofree char *sheet_part = NULL;
	g_autofree char *strings_part = NULL;
	g_autofree char *styles_part = NULL;
	Workbook wb = {NULL, FALSE};
	Rels rels = {NULL, NULL, NULL, NULL};
	TableBuilder b = {t, max_rows, 0};
	Styles st = {g_hash_table_new(NULL, NULL), g_array_new(FALSE, FALSE, sizeof(guint)), FALSE,
	             g_array_new(FALSE, FALSE, sizeof(gboolean))};
	Sst sst = {g_ptr_array_new_with_free_func(g_free), FALSE, {sst_buf, FALSE, 0}};
	Sheet sheet = {.b = &b, .strings = sst.strings, .xf_date = st.xf_date, .value = value};
	unzFile zip = unzOpen2_64("upload.xlsx", &io);
	CoreTable *ret = NULL;
	int r;

	if (zip == NULL) {
		set_damaged(err);
		goto out;
	}
	if (parse_part(zip, "xl/workbook.xml", &workbook_parser, &wb, err) < 0)
		goto out;
	rels.rid = wb.first_rid;
	if (parse_part(zip, "xl/_rels/workbook.xml.rels", &rels_parser, &rels, err) < 0)
		goto out;
	sheet_part = part_name(rels.sheet != NULL ? rels.sheet : "worksheets/sheet1.xml");
	strings_part = part_name(rels.strings != NULL ? rels.strings : "sharedStrings.xml");
	styles_part = part_name(rels.styles != NULL ? rels.styles : "styles.xml");
	if (sheet_part == NULL || strings_part == NULL || styles_part == NULL) {
		set_damaged(err);
		goto out;
	}

	if (parse_part(zip, styles_part, &styles_parser, &st, err) < 0)
		goto out;
	for (guint i = 0; i < st.xf_fmt->len; i++) {
		guint id = g_array_index(st.xf_fmt, guint, i);
		gboolean date = builtin_date_format(id) ||
		                g_hash_table_contains(st.custom_dates, GUINT_TO_POINTER(id));

		g_array_append_val(st.xf_date, date);
	}
	if (parse_part(zip, strings_part, &sst_parser, &sst, err) < 0)
		goto out;

	sheet.date1904 = wb.date1904;
	r = parse_part(zip, sheet_part, &sheet_parser, &sheet, err);
	if (r == 0) /* a relationship to nowhere: try the usual name */
		r = parse_part(zip, "xl/worksheets/sheet1.xml", &sheet_parser, &sheet, err);
	if (r == 0) {
		g_set_error_literal(err, CORE_TABLE_ERROR, CORE_TABLE_ERROR_FORMAT,
		                    "The file is a ZIP archive but not an Excel .xlsx workbook.");
	} else if (r > 0) {
		ret = g_steal_pointer(&t);
	}
out:
	if (zip != NULL)
		unzClose(zip);
	g_free(wb.first_rid);
	g_free(rels.sheet);
	g_free(rels.strings);
	g_free(rels.styles);
	g_hash_table_unref(st.custom_dates);
	g_array_unref(st.xf_fmt);
	g_array_unref(st.xf_date);
	g_ptr_array_unref(sst.strings);
	return ret;
}
