/*
 * docs_sheet_pdf.c — prints the 文件处理笺 (the processing sheet of an incoming document) as an
 * A4 PDF with cairo + pango: the office's red title, the 收文编号 and 收文日期, then a ruled
 * form — 来文机关 and 来文字号, 密级 and 份数, 紧急程度 and 办理时限, 文件标题, 拟办意见, 领导
 * 批示 (in 楷体, each signed and dated), 传阅情况 and 办理结果. The tall rows grow with their
 * text and continue on the next page, marked （续）, rather than being cut. The form's labels are
 * Chinese whatever the reader's language, as the printed form of an office is.
 */
#define G_LOG_DOMAIN "mishu-docs"

#include "docs/docs_sheet.h"

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <math.h>
#include <pango/pangocairo.h>

#define MM(x)     ((x)*72.0 / 25.4)
#define PAGE_W    MM(210.0)
#define PAGE_H    MM(297.0)
#define LEFT      MM(25.0)
#define TABLE_W   MM(160.0)
#define TOP       MM(25.0)
#define BOTTOM    (PAGE_H - MM(20.0))
#define LABEL_W   MM(26.0) /* the label column */
#define HALF_W    ((TABLE_W - 2 * LABEL_W) / 2)
#define PAD       MM(2.5)
#define SIZE_BODY 14.0 /* 4号 */
#define SIZE_HEAD 22.0 /* 2号 */
#define SIZE_PAIR 12.0 /* 小4号: the short facts, so a 来文字号 stays on one line */
#define RED       0xE6 / 255.0, 0x00 / 255.0, 0x12 / 255.0

typedef enum { FONT_TITLE, FONT_LABEL, FONT_TEXT, FONT_HAND } Font;

static const struct {
	const char *family;
	PangoWeight weight;
} fonts[] = {
    [FONT_TITLE] = {"Noto Serif CJK SC", PANGO_WEIGHT_BOLD},
    [FONT_LABEL] = {"Noto Sans CJK SC", PANGO_WEIGHT_NORMAL},
    [FONT_TEXT] = {"Noto Serif CJK SC", PANGO_WEIGHT_NORMAL},
    [FONT_HAND] = {"AR PL UKai CN,Noto Serif CJK SC", PANGO_WEIGHT_NORMAL},
};

typedef struct {
	cairo_t *cr;
	PangoContext *pango;
	double y; /* the next row's top on this page */
	int pages;
} Sheet;

/* A layout of plain TEXT in FONT at SIZE, wrapped at WIDTH, aligned as ALIGN. */
static PangoLayout *text_layout(Sheet *s, const char *text, Font font, double size, double width,
                                PangoAlignment align)
{
	PangoLayout *l = pango_layout_new(s->pango);
	PangoFontDescription *fd = pango_font_description_new();

	pango_font_description_set_family(fd, fonts[font].family);
	pango_font_description_set_weight(fd, fonts[font].weight);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)floor(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align);
	pango_layout_set_spacing(l, (int)(size * 0.35 * PANGO_SCALE));
	pango_layout_set_text(l, text ? text : "", -1);
	return l;
}

static double layout_height(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

/* Draws L with its top left at X, Y in COLOUR (red or black). */
static void draw_layout(Sheet *s, PangoLayout *l, double x, double y, gboolean red)
{
	if (red)
		cairo_set_source_rgb(s->cr, RED);
	else
		cairo_set_source_rgb(s->cr, 0, 0, 0);
	cairo_move_to(s->cr, x, y);
	pango_cairo_show_layout(s->cr, l);
}

static void line(Sheet *s, double x0, double y0, double x1, double y1)
{
	cairo_set_source_rgb(s->cr, RED);
	cairo_set_line_width(s->cr, 0.75);
	cairo_move_to(s->cr, x0, y0);
	cairo_line_to(s->cr, x1, y1);
	cairo_stroke(s->cr);
}

/* A label cell's text centred in the box X, TOP, W × H. */
static void draw_label(Sheet *s, const char *label, double x, double top, double w, double h)
{
	g_autoptr(PangoLayout) l =
	    text_layout(s, label, FONT_LABEL, SIZE_BODY, w - 2 * PAD, PANGO_ALIGN_CENTER);
	double lh = layout_height(l);

	draw_layout(s, l, x + PAD, top + (h - lh) / 2, TRUE);
}

static void new_page(Sheet *s)
{
	cairo_show_page(s->cr);
	s->pages++;
	s->y = TOP;
}

/* The box of a row segment from TOP to BOTTOM on this page, with its label column. */
static void row_box(Sheet *s, double top, double bottom)
{
	line(s, LEFT, top, LEFT + TABLE_W, top);
	line(s, LEFT, bottom, LEFT + TABLE_W, bottom);
	line(s, LEFT, top, LEFT, bottom);
	line(s, LEFT + LABEL_W, top, LEFT + LABEL_W, bottom);
	line(s, LEFT + TABLE_W, top, LEFT + TABLE_W, bottom);
}

/* A row of two label–value pairs; moves to the next page first when it does not fit. */
static void pair_row(Sheet *s, const char *l1, const char *v1, const char *l2, const char *v2)
{
	g_autoptr(PangoLayout) a =
	    text_layout(s, v1, FONT_TEXT, SIZE_PAIR, HALF_W - 2 * PAD, PANGO_ALIGN_LEFT);
	g_autoptr(PangoLayout) b =
	    text_layout(s, v2, FONT_TEXT, SIZE_PAIR, HALF_W - 2 * PAD, PANGO_ALIGN_LEFT);
	double h = MAX(MAX(layout_height(a), layout_height(b)) + 2 * PAD, MM(11.0));
	double x2 = LEFT + LABEL_W + HALF_W;

	if (s->y + h > BOTTOM)
		new_page(s);
	row_box(s, s->y, s->y + h);
	line(s, x2, s->y, x2, s->y + h);
	line(s, x2 + LABEL_W, s->y, x2 + LABEL_W, s->y + h);
	draw_label(s, l1, LEFT, s->y, LABEL_W, h);
	draw_label(s, l2, x2, s->y, LABEL_W, h);
	draw_layout(s, a, LEFT + LABEL_W + PAD, s->y + (h - layout_height(a)) / 2, FALSE);
	draw_layout(s, b, x2 + LABEL_W + PAD, s->y + (h - layout_height(b)) / 2, FALSE);
	s->y += h;
}

/* One paragraph of a tall row: its text, font and alignment. */
typedef struct {
	char *text;
	Font font;
	PangoAlignment align;
	double gap_before;
} Para;

static void para_free(gpointer p)
{
	g_free(((Para *)p)->text);
	g_free(p);
}

static void para_add(GPtrArray *paras, const char *text, Font font, PangoAlignment align,
                     double gap_before)
{
	Para *p = g_new0(Para, 1);

	p->text = g_strdup(text);
	p->font = font;
	p->align = align;
	p->gap_before = gap_before;
	g_ptr_array_add(paras, p);
}

/*
 * A row of LABEL over the whole width holding PARAS, at least MIN_H tall. Its lines are placed
 * one by one; a line that would pass the page's foot closes the row's box there and the row goes
 * on at the top of the next page, its label marked （续）.
 */
static void tall_row(Sheet *s, const char *label, GPtrArray *paras, double min_h)
{
	double x = LEFT + LABEL_W + PAD, w = TABLE_W - LABEL_W - 2 * PAD;
	double top = s->y, y = s->y + PAD;
	gboolean continued = FALSE;

	if (top + MM(20.0) > BOTTOM) { /* not even the start of it fits: begin on the next page */
		new_page(s);
		top = s->y;
		y = top + PAD;
	}
	for (guint i = 0; i < paras->len; i++) {
		Para *p = paras->pdata[i];
		g_autoptr(PangoLayout) l = text_layout(s, p->text, p->font, SIZE_BODY, w, p->align);
		PangoLayoutIter *it = pango_layout_get_iter(l);

		y += p->gap_before;
		do {
			PangoRectangle log;
			double lh;

			pango_layout_iter_get_line_extents(it, NULL, &log);
			lh = (double)log.height / PANGO_SCALE + SIZE_BODY * 0.35;
			if (y + lh > BOTTOM - PAD) {
				g_autofree char *more = g_strconcat(label, "（续）", NULL);
				row_box(s, top, BOTTOM);
				draw_label(s, continued ? more : label, LEFT, top, LABEL_W,
				           BOTTOM - top);
				new_page(s);
				continued = TRUE;
				top = s->y;
				y = top + PAD;
			}
			cairo_set_source_rgb(s->cr, 0, 0, 0);
			cairo_move_to(s->cr, x + (double)log.x / PANGO_SCALE,
			              y + (double)(pango_layout_iter_get_baseline(it) - log.y) /
			                      PANGO_SCALE);
			pango_cairo_show_layout_line(s->cr,
			                             pango_layout_iter_get_line_readonly(it));
			y += lh;
		} while (pango_layout_iter_next_line(it));
		pango_layout_iter_free(it);
	}
	y += PAD;
	if (y - top < min_h && top + min_h <= BOTTOM)
		y = top + min_h;
	row_box(s, top, y);
	if (continued) {
		g_autofree char *more = g_strconcat(label, "（续）", NULL);
		draw_label(s, more, LEFT, top, LABEL_W, y - top);
	} else {
		draw_label(s, label, LEFT, top, LABEL_W, y - top);
	}
	s->y = y;
}

/* The value of KEY in O, or "". */
static const char *str(json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));

	return v ? v : "";
}

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int len)
{
	g_byte_array_append(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* The paragraphs of the 批示 row: each instruction, its requirements, and its signature. */
static GPtrArray *instruction_paras(json_t *sheet)
{
	GPtrArray *paras = g_ptr_array_new_with_free_func(para_free);
	json_t *in;
	size_t i;

	json_array_foreach (json_object_get(sheet, "instructions"), i, in) {
		g_autofree char *sig =
		    g_strdup_printf("%s　%s", str(in, "by"), str(in, "date_text"));
		para_add(paras, str(in, "text"), FONT_HAND, PANGO_ALIGN_LEFT, i ? MM(4.0) : 0);
		if (*str(in, "requirements")) {
			g_autofree char *req = g_strdup_printf(
			    "%s%s", str(sheet, "requirements_label"), str(in, "requirements"));
			para_add(paras, req, FONT_HAND, PANGO_ALIGN_LEFT, 0);
		}
		para_add(paras, sig, FONT_TEXT, PANGO_ALIGN_RIGHT, 0);
	}
	return paras;
}

GBytes *docs_sheet_pdf_render(json_t *sheet, GError **err)
{
	GByteArray *out = g_byte_array_new();
	cairo_surface_t *surface =
	    cairo_pdf_surface_create_for_stream(write_out, out, PAGE_W, PAGE_H);
	PangoFontMap *fm = pango_cairo_font_map_new();
	Sheet s = {.cr = cairo_create(surface), .pages = 1};
	g_autoptr(PangoLayout) title = NULL, reg = NULL, day = NULL;
	GPtrArray *paras;
	cairo_status_t st;
	json_t *v;
	size_t i;

	s.pango = pango_font_map_create_context(fm);
	pango_context_set_language(s.pango, pango_language_from_string("zh-cn"));
	pango_cairo_update_context(s.cr, s.pango);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, str(sheet, "heading"));

	/* the red title, then 收文编号 left and 收文日期 right */
	title = text_layout(&s, str(sheet, "heading"), FONT_TITLE, SIZE_HEAD, TABLE_W,
	                    PANGO_ALIGN_CENTER);
	draw_layout(&s, title, LEFT, TOP, TRUE);
	s.y = TOP + layout_height(title) + MM(6.0);
	reg = text_layout(&s, str(sheet, "reg_line"), FONT_TEXT, SIZE_BODY - 2, TABLE_W,
	                  PANGO_ALIGN_LEFT);
	day = text_layout(&s, str(sheet, "date_line"), FONT_TEXT, SIZE_BODY - 2, TABLE_W,
	                  PANGO_ALIGN_RIGHT);
	draw_layout(&s, reg, LEFT, s.y, FALSE);
	draw_layout(&s, day, LEFT, s.y, FALSE);
	s.y += layout_height(reg) + MM(2.0);

	pair_row(&s, "来文机关", str(sheet, "sender"), "来文字号", str(sheet, "sender_number"));
	pair_row(&s, "密　　级", str(sheet, "secrecy"), "份　　数", str(sheet, "copies"));
	pair_row(&s, "紧急程度", str(sheet, "urgency"), "办理时限", str(sheet, "deadline"));
	paras = g_ptr_array_new_with_free_func(para_free);
	para_add(paras, str(sheet, "title"), FONT_TEXT, PANGO_ALIGN_LEFT, 0);
	tall_row(&s, "文件标题", paras, MM(14.0));
	g_ptr_array_unref(paras);

	paras = g_ptr_array_new_with_free_func(para_free);
	if ((v = json_object_get(sheet, "proposal")) != NULL) {
		g_autofree char *sig = g_strdup_printf("%s　%s", str(v, "by"), str(v, "date_text"));
		para_add(paras, str(v, "text"), FONT_TEXT, PANGO_ALIGN_LEFT, 0);
		para_add(paras, sig, FONT_TEXT, PANGO_ALIGN_RIGHT, 0);
	}
	tall_row(&s, "拟办意见", paras, MM(35.0));
	g_ptr_array_unref(paras);

	paras = instruction_paras(sheet);
	tall_row(&s, "领导批示", paras, MM(70.0));
	g_ptr_array_unref(paras);

	paras = g_ptr_array_new_with_free_func(para_free);
	json_array_foreach (json_object_get(sheet, "readers"), i, v)
		para_add(paras, str(v, "line"), FONT_TEXT, PANGO_ALIGN_LEFT, 0);
	tall_row(&s, "传阅情况", paras, MM(25.0));
	g_ptr_array_unref(paras);

	paras = g_ptr_array_new_with_free_func(para_free);
	json_array_foreach (json_object_get(sheet, "results"), i, v)
		para_add(paras, json_string_value(v), FONT_TEXT, PANGO_ALIGN_LEFT, 0);
	tall_row(&s, "办理结果", paras, MM(20.0));
	g_ptr_array_unref(paras);

	cairo_show_page(s.cr);
	cairo_destroy(s.cr);
	cairo_surface_finish(surface);
	st = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	g_object_unref(s.pango);
	g_object_unref(fm);
	if (st != CAIRO_STATUS_SUCCESS) {
		g_set_error(err, G_IO_ERROR, G_IO_ERROR_FAILED, "cairo: %s",
		            cairo_status_to_string(st));
		g_byte_array_unref(out);
		return NULL;
	}
	return g_byte_array_free_to_bytes(out);
}
