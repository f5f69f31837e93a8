/*
 * docs_pdf.c — an outgoing document as a GB/T 9704-2012 PDF: lays the text out with pango on the
 * 22-line × 28-character grid, paginates (keeping headings and the 署名 block with their text),
 * and draws with cairo's PDF surface; docs_pdf_text.c reads the model and prepares the text.
 * docs/gbt9704.md explains the numbers.
 */
#define G_LOG_DOMAIN "mishu-docs"

#include "docs/docs_pdf_internal.h"

#include <cairo-pdf.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

GQuark docs_pdf_error_quark(void)
{
	return g_quark_from_static_string("mishu-docs-pdf-error-quark");
}

/* ==== Layout numbers (GB/T 9704-2012 §5.2, §7; all in PDF points) ========================== */

/* The prescribed faces and the free faces standing in for them (docs/gbt9704.md). */

static const struct {
	const char *family;
	PangoWeight weight;
} faces[] = {
    [FACE_FANGSONG] = {"Noto Serif CJK SC", PANGO_WEIGHT_NORMAL},
    [FACE_XIAOBIAOSONG] = {"Noto Serif CJK SC", PANGO_WEIGHT_BOLD},
    [FACE_HEITI] = {"Noto Sans CJK SC", PANGO_WEIGHT_NORMAL},
    [FACE_KAITI] = {"AR PL UKai CN,Noto Serif CJK SC", PANGO_WEIGHT_NORMAL},
    [FACE_SONG] = {"Noto Serif CJK SC", PANGO_WEIGHT_NORMAL},
};

/* ==== Fonts and layouts ===================================================================== */

PangoFontDescription *docs_pdf_face(Face face, double size)
{
	PangoFontDescription *fd = pango_font_description_new();

	pango_font_description_set_family(fd, faces[face].family);
	pango_font_description_set_weight(fd, faces[face].weight);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	return fd;
}

/* A layout of TEXT (plain text, never markup) in FACE at SIZE pt, wrapped at WIDTH pt when
 * WIDTH > 0. GRID: characters on the CELL pitch and lines justified; pango trims half the
 * letter spacing at each end of a line, so a grid line of WIDTH holds WIDTH / CELL cells. */
PangoLayout *docs_pdf_layout(Ctx *c, const char *text, Face face, double size, gboolean grid,
                             double width)
{
	PangoLayout *l = pango_layout_new(c->pango);
	g_autoptr(PangoFontDescription) fd = docs_pdf_face(face, size);

	pango_layout_set_font_description(l, fd);
	if (grid) {
		g_autoptr(PangoAttrList) attrs = pango_attr_list_new();

		pango_attr_list_insert(attrs, pango_attr_letter_spacing_new(c->ls));
		pango_layout_set_attributes(l, attrs);
	}
	if (width > 0) {
		pango_layout_set_width(l, (int)floor(width * PANGO_SCALE) - (grid ? c->ls : 0));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
		pango_layout_set_justify(l, grid);
	}
	pango_layout_set_text(l, text, -1);
	return l;
}

/* Logical width of L's widest line, pt. */
double docs_pdf_layout_width(PangoLayout *l)
{
	PangoRectangle log;

	pango_layout_get_extents(l, NULL, &log);
	return (double)log.width / PANGO_SCALE;
}

/* TRUE when FAMILY resolves to an installed face of that name. */
static gboolean font_installed(Ctx *c, const char *family)
{
	g_autoptr(PangoFontDescription) fd = pango_font_description_from_string(family);
	g_autoptr(PangoFont) font = NULL;
	g_autoptr(PangoFontDescription) got = NULL;

	pango_font_description_set_absolute_size(fd, SIZE_3 * PANGO_SCALE);
	font = pango_font_map_load_font(c->fontmap, c->pango, fd);
	if (font == NULL)
		return FALSE;
	got = pango_font_describe(font);
	return g_ascii_strcasecmp(pango_font_description_get_family(got), family) == 0;
}

static gboolean ctx_init(Ctx *c, GError **err)
{
	cairo_font_options_t *fo = cairo_font_options_create();
	g_autoptr(PangoLayout) dash = NULL;
	PangoRectangle ink;

	c->fontmap = pango_cairo_font_map_new();
	c->pango = pango_font_map_create_context(c->fontmap);
	/* Unhinted metrics and unrounded positions: a PDF is not a pixel grid. */
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(c->pango, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(c->pango, FALSE);
	pango_context_set_language(c->pango, pango_language_from_string("zh-cn"));
	c->ls = (int)floor((CELL - SIZE_3) * PANGO_SCALE);

	/* 楷体 falls back to Noto Serif through its family list; the others must be there. */
	for (Face f = FACE_FANGSONG; f <= FACE_HEITI; f++) {
		if (!font_installed(c, faces[f].family)) {
			g_set_error(err, DOCS_PDF_ERROR, DOCS_PDF_ERROR_RENDER,
			            "The font \"%s\" is not installed.", faces[f].family);
			return FALSE;
		}
	}
	dash = docs_pdf_layout(c, "—", FACE_SONG, SIZE_4, FALSE, 0);
	pango_layout_get_extents(dash, &ink, NULL);
	c->dash_mid =
	    (pango_layout_get_baseline(dash) - (ink.y + ink.height / 2.0)) / (double)PANGO_SCALE;
	return TRUE;
}

static void ctx_clear(Ctx *c)
{
	g_clear_object(&c->pango);
	g_clear_object(&c->fontmap);
}

/* ==== Lines ================================================================================= */

/* How far pango raised the 仿宋 runs of LINE: pango 1.50 aligns every run of a line on the
 * ideographic baseline of the line's first font, and AR PL UKai's lies lower than Noto's, so a
 * line starting in 楷体 lifts the body text off the grid. Drawing the line lower by this keeps
 * the 仿宋 text on the grid (the 楷体 run then sits on the same em box). Points. */
static double line_rise(PangoLayoutLine *line)
{
	for (GSList *r = line->runs; r != NULL; r = r->next) {
		PangoGlyphItem *run = r->data;
		g_autoptr(PangoFontDescription) fd = NULL;

		if (run->item->analysis.font == NULL)
			continue;
		fd = pango_font_describe(run->item->analysis.font);
		if (g_strcmp0(pango_font_description_get_family(fd), faces[FACE_FANGSONG].family) ==
		        0 &&
		    pango_font_description_get_weight(fd) == faces[FACE_FANGSONG].weight)
			return (double)run->y_offset / PANGO_SCALE;
	}
	return 0;
}

void docs_pdf_line_clear(void *p)
{
	Line *ln = p;

	g_clear_object(&ln->layout);
}

/* Appends the lines of L, laid at X pt from the 版心's left edge, to LINES; SIZE is the text's
 * size (for the baseline); KEEP_LAST keeps the last line with the next. Grid layouts are
 * shifted by half the letter spacing so each character's em box centres on its cell. */
void docs_pdf_add_layout(GArray *lines, Ctx *c, PangoLayout *l, double x, double size,
                         gboolean grid, gboolean keep_last)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	int n = pango_layout_get_line_count(l), i = 0;

	do {
		PangoRectangle log;
		Line ln = {.layout = g_object_ref(l), .index = i, .size = size};

		pango_layout_iter_get_line_extents(it, NULL, &log);
		ln.x = x + (double)log.x / PANGO_SCALE + (grid ? c->ls / 2.0 / PANGO_SCALE : 0);
		ln.rise = line_rise(pango_layout_iter_get_line_readonly(it));
		ln.keep = keep_last && i == n - 1;
		g_array_append_val(lines, ln);
		i++;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

void docs_pdf_add_blank(GArray *lines, gboolean keep)
{
	Line ln = {.keep = keep};

	g_array_append_val(lines, ln);
}

/* Baseline of SIZE-pt text centred in the grid band that starts at TOP. */
static double baseline_in(double top, double size)
{
	return top + (PITCH - size) / 2 + EM_ASCENT * size;
}

/* ==== Placed text: the 版头, the title and the 版记 ========================================== */

/* Text at a fixed place: line INDEX of LAYOUT with its baseline at Y, or (INDEX -1) the whole
 * layout scaled by SX × SY with its top at Y; X from the 版心's left edge, Y from the page top. */
typedef struct {
	PangoLayout *layout;
	int index;
	double x, y, sx, sy;
	gboolean red;
} Placed;

static void placed_clear(void *p)
{
	Placed *pl = p;

	g_clear_object(&pl->layout);
}

/* Places the lines of L one per grid band from the band starting at TOP, the layout's left
 * edge X pt from the 版心's left edge. Returns the number of lines. */
static int place_layout(GArray *placed, Ctx *c, PangoLayout *l, double x, double top, double size,
                        gboolean grid)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	int i = 0;

	do {
		PangoRectangle log;
		Placed p = {.layout = g_object_ref(l), .index = i, .sx = 1, .sy = 1};

		pango_layout_iter_get_line_extents(it, NULL, &log);
		p.x = x + (double)log.x / PANGO_SCALE + (grid ? c->ls / 2.0 / PANGO_SCALE : 0);
		p.y = baseline_in(top + i * PITCH, size) +
		      line_rise(pango_layout_iter_get_line_readonly(it));
		g_array_append_val(placed, p);
		i++;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	return i;
}

/* ---- the title (§7.3.1) -------------------------------------------------------------------- */

/* Places the title in 2号 小标宋 from the band at TOP, centred line by line. Returns the number
 * of bands used. */
static int place_title(GArray *placed, Ctx *c, const char *title, double top)
{
	g_autoptr(GPtrArray) parts = NULL;
	int used = 0;

	/* the widest split whose lines the glyphs really fit (digits and Latin letters of 小标宋
	 * may be wider than half a character): never a line wrapped again by pango */
	for (int max = (int)floor(BLOCK_W / (SIZE_2 / 2)); max >= 8 && parts == NULL; max--) {
		gboolean fits = TRUE;
		if ((parts = docs_pdf_title_split(title, max)) == NULL)
			continue;
		for (guint i = 0; fits && i < parts->len; i++) {
			g_autoptr(PangoLayout) l = docs_pdf_layout(
			    c, parts->pdata[i], FACE_XIAOBIAOSONG, SIZE_2, FALSE, 0);
			fits = docs_pdf_layout_width(l) <= BLOCK_W;
		}
		if (!fits)
			g_clear_pointer(&parts, g_ptr_array_unref);
	}
	if (parts == NULL) {
		parts = g_ptr_array_new_with_free_func(g_free);
		g_ptr_array_add(parts, g_strdup(title));
	}
	for (guint i = 0; i < parts->len; i++) {
		g_autoptr(PangoLayout) l =
		    docs_pdf_layout(c, parts->pdata[i], FACE_XIAOBIAOSONG, SIZE_2, FALSE, 0);
		double w = docs_pdf_layout_width(l);

		if (w > BLOCK_W) { /* wider glyphs than counted: let pango wrap it */
			pango_layout_set_width(l, (int)floor(BLOCK_W * PANGO_SCALE));
			pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
			pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
			w = BLOCK_W;
		}
		used += place_layout(placed, c, l, (BLOCK_W - w) / 2, top + used * PITCH, SIZE_2,
		                     FALSE);
	}
	return used;
}

/* ---- 版头 (§7.2) -------------------------------------------------------------------------- */

/* Places the 版头 and the title on the first page; sets *RULE_Y (the red separator's middle)
 * and *FIRST (the grid line where the 主送机关 starts). */
static gboolean header_build(Ctx *c, const Doc *d, GArray *placed, double *rule_y, int *first,
                             GError **err)
{
	g_autofree char *copy_no = d->copy_no ? g_strdup_printf("%06d", atoi(d->copy_no)) : NULL;
	const char *marks[] = {copy_no, d->secrecy, d->urgency};
	g_autofree char *mark_text = docs_pdf_clean(d->issuer_mark);
	g_autofree char *number_text = docs_pdf_clean(d->number);
	g_autofree char *title = docs_pdf_clean(d->title);
	g_autoptr(PangoLayout) mark = NULL;
	g_autoptr(PangoLayout) number = NULL;
	PangoRectangle ink, log;
	double s, sx = MARK_W / MARK_H, mark_bottom, band, nw, nx, title_bottom;
	int row = 0;

	/* 份号, 密级, 紧急程度: 3号黑体, flush left, one per line from the first (§7.2.1–7.2.3). */
	for (guint i = 0; i < G_N_ELEMENTS(marks); i++) {
		if (marks[i] != NULL) {
			g_autoptr(PangoLayout) l =
			    docs_pdf_layout(c, marks[i], FACE_HEITI, SIZE_3, TRUE, 0);

			place_layout(placed, c, l, 0, BLOCK_TOP + row++ * PITCH, SIZE_3, TRUE);
		}
	}

	/* 发文机关标志: red 小标宋, glyphs up to 22 × 15 mm, made smaller to fit the width. */
	mark = docs_pdf_layout(c, mark_text, FACE_XIAOBIAOSONG, MARK_H, FALSE, 0);
	pango_layout_get_extents(mark, &ink, &log);
	s = MIN(1.0, BLOCK_W / (MAX(log.width, ink.x + ink.width) / (double)PANGO_SCALE * sx));
	{
		Placed p = {
		    .layout = g_object_ref(mark), .index = -1, .sx = sx * s, .sy = s, .red = TRUE};

		p.x = (BLOCK_W - ink.width / (double)PANGO_SCALE * sx * s) / 2 -
		      ink.x / (double)PANGO_SCALE * sx * s;
		p.y = BLOCK_TOP + MARK_TOP - ink.y / (double)PANGO_SCALE * s;
		g_array_append_val(placed, p);
	}
	mark_bottom = BLOCK_TOP + MARK_TOP + ink.height / (double)PANGO_SCALE * s;

	/* 发文字号 two lines below the mark (§7.2.5), centred, or one cell in from the left with
	 * the 签发人 one cell in from the right (§7.2.6: "签发人：" 仿宋, the name 楷体). */
	band = mark_bottom + 2 * PITCH;
	number = docs_pdf_layout(c, number_text, FACE_FANGSONG, SIZE_3, TRUE, 0);
	nw = docs_pdf_layout_width(number);
	nx = (BLOCK_W - nw) / 2;
	if (d->signer != NULL) {
		g_autofree char *name = docs_pdf_clean(d->signer);
		g_autofree char *text = g_strconcat("签发人：", name, NULL);
		g_autoptr(PangoLayout) l = docs_pdf_layout(c, text, FACE_FANGSONG, SIZE_3, TRUE, 0);
		g_autoptr(PangoFontDescription) kai = docs_pdf_face(FACE_KAITI, SIZE_3);
		PangoAttribute *a = pango_attr_font_desc_new(kai);
		double sw;

		a->start_index = (guint)strlen("签发人：");
		pango_attr_list_insert(pango_layout_get_attributes(l), a);
		pango_layout_context_changed(l);
		sw = docs_pdf_layout_width(l);
		nx = CELL;
		if (CELL + nw + CELL + sw + CELL > BLOCK_W) {
			g_set_error(err, DOCS_PDF_ERROR, DOCS_PDF_ERROR_FIT,
			            "The document number and the signer do not fit on one line.");
			return FALSE;
		}
		place_layout(placed, c, l, BLOCK_W - CELL - sw, band, SIZE_3, TRUE);
	} else if (nw > BLOCK_W) {
		g_set_error(err, DOCS_PDF_ERROR, DOCS_PDF_ERROR_FIT,
		            "The document number does not fit on one line.");
		return FALSE;
	}
	place_layout(placed, c, number, nx, band, SIZE_3, TRUE);

	/* A bulletin's issue: 编发单位 flush left and the date flush right on the line below its
	 * number, the red separator under them, the items from the next line but one. */
	if (d->bulletin) {
		g_autofree char *who_text = docs_pdf_clean(d->publisher);
		g_autoptr(PangoLayout) who =
		    docs_pdf_layout(c, who_text, FACE_FANGSONG, SIZE_3, TRUE, 0);
		g_autoptr(PangoLayout) date =
		    docs_pdf_layout(c, d->date, FACE_FANGSONG, SIZE_3, TRUE, 0);
		double dw = docs_pdf_layout_width(date);

		if (docs_pdf_layout_width(who) + CELL + dw > BLOCK_W) {
			g_set_error(err, DOCS_PDF_ERROR, DOCS_PDF_ERROR_FIT,
			            "The publisher and the date do not fit on one line.");
			return FALSE;
		}
		place_layout(placed, c, who, 0, band + PITCH, SIZE_3, TRUE);
		place_layout(placed, c, date, BLOCK_W - dw, band + PITCH, SIZE_3, TRUE);
		*rule_y = band + PITCH + (PITCH - SIZE_3) / 2 + SIZE_3 + RULE_GAP;
		*first = (int)ceil((*rule_y + PITCH - BLOCK_TOP) / PITCH - 1e-6);
		return TRUE;
	}

	/* The red separator 4 mm below the 发文字号 (§7.2.7); the title two lines below it; the
	 * 主送机关 on the first grid line at least one line below the title (§7.3.2). */
	*rule_y = band + (PITCH - SIZE_3) / 2 + SIZE_3 + RULE_GAP;
	title_bottom =
	    *rule_y + 2 * PITCH + place_title(placed, c, title, *rule_y + 2 * PITCH) * PITCH;
	*first = (int)ceil((title_bottom + PITCH - BLOCK_TOP) / PITCH - 1e-6);
	if (*first > LINES - 2) {
		g_set_error(err, DOCS_PDF_ERROR, DOCS_PDF_ERROR_FIT,
		            "The title is too long to leave room for the text on the first page.");
		return FALSE;
	}
	return TRUE;
}

/* ---- 版记 (§7.4) -------------------------------------------------------------------------- */

typedef struct {
	int rows;         /* grid lines taken at the bottom of the last page */
	double rule_y[3]; /* separators' middles, from the page top */
	double rule_w[3];
	int n_rules;
} Record;

/* A 版记 line "LABEL NAMES。" (4号仿宋, one 4号 character in from both sides, wrapping under the
 * first name). */
static PangoLayout *record_names(Ctx *c, const char *label, const char *names_text)
{
	g_autofree char *names = docs_pdf_clean(names_text);
	g_autofree char *text =
	    g_strconcat(label, names, g_str_has_suffix(names, "。") ? "" : "。", NULL);
	PangoLayout *l =
	    docs_pdf_layout(c, text, FACE_FANGSONG, SIZE_4, FALSE, BLOCK_W - 2 * SIZE_4);
	PangoRectangle pos;

	pango_layout_index_to_pos(l, (int)strlen(label), &pos);
	pango_layout_set_indent(l, -pos.x);
	return l;
}

/* Places the 版记 at the bottom of the 版心: a bulletin's 报, then 抄送 (送 for a bulletin, 分送
 * for a 纪要), then 印发机关 one character in from the left and "…印发" one character in from
 * the right, between thick first and last separators with a thin one above the 印发 line when
 * there are recipients. */
static gboolean record_build(Ctx *c, const Doc *d, GArray *placed, Record *rec, GError **err)
{
	g_autofree char *printer = docs_pdf_clean(d->printer);
	g_autofree char *date_text = g_strconcat(d->print_date, "印发", NULL);
	g_autoptr(PangoLayout) up = NULL;
	g_autoptr(PangoLayout) cc = NULL;
	g_autoptr(PangoLayout) who = docs_pdf_layout(c, printer, FACE_FANGSONG, SIZE_4, FALSE, 0);
	g_autoptr(PangoLayout) date =
	    docs_pdf_layout(c, date_text, FACE_FANGSONG, SIZE_4, FALSE, 0);
	double dw = docs_pdf_layout_width(date), avail = BLOCK_W - 3 * SIZE_4 - dw, top;
	int up_rows = 0, cc_rows = 0, who_rows;

	if (d->bulletin && d->send_to != NULL) {
		up = record_names(c, "报：", d->send_to);
		up_rows = pango_layout_get_line_count(up);
	}
	if (d->cc != NULL) {
		cc = record_names(c,
		                  d->bulletin  ? "送："
		                  : d->minutes ? "分送："
		                               : "抄送：",
		                  d->cc);
		cc_rows = pango_layout_get_line_count(cc);
	}
	if (docs_pdf_layout_width(who) > avail) {
		pango_layout_set_width(who, (int)floor(MAX(avail, SIZE_4) * PANGO_SCALE));
		pango_layout_set_wrap(who, PANGO_WRAP_WORD_CHAR);
	}
	who_rows = pango_layout_get_line_count(who);
	rec->rows = up_rows + cc_rows + who_rows;
	if (rec->rows > LINES) {
		g_set_error(err, DOCS_PDF_ERROR, DOCS_PDF_ERROR_FIT,
		            "The copy recipients do not fit on one page.");
		return FALSE;
	}
	top = BLOCK_TOP + (LINES - rec->rows) * PITCH;
	if (up != NULL)
		place_layout(placed, c, up, SIZE_4, top, SIZE_4, FALSE);
	if (cc != NULL)
		place_layout(placed, c, cc, SIZE_4, top + up_rows * PITCH, SIZE_4, FALSE);
	place_layout(placed, c, who, SIZE_4, top + (up_rows + cc_rows) * PITCH, SIZE_4, FALSE);
	place_layout(placed, c, date, BLOCK_W - SIZE_4 - dw, top + (rec->rows - 1) * PITCH, SIZE_4,
	             FALSE);

	rec->n_rules = 0;
	rec->rule_y[rec->n_rules] = top + RULE_THICK / 2;
	rec->rule_w[rec->n_rules++] = RULE_THICK;
	if (up_rows + cc_rows > 0) {
		rec->rule_y[rec->n_rules] = top + (up_rows + cc_rows) * PITCH;
		rec->rule_w[rec->n_rules++] = RULE_THIN;
	}
	rec->rule_y[rec->n_rules] = BLOCK_TOP + BLOCK_H - RULE_THICK / 2;
	rec->rule_w[rec->n_rules++] = RULE_THICK;
	return TRUE;
}

/* ==== Pages ================================================================================= */

/* Gives every line its page and grid line, the 主体 starting on grid line FIRST of page 1: a run
 * of lines kept together that does not fit on the rest of a page starts the next page (unless
 * it is longer than a page), and an empty line at the top of a page is dropped (page 0).
 * Returns the number of pages, counting a last page for the 版记 of RECORD_ROWS lines when it
 * does not fit below the text. */
static int paginate(GArray *lines, int first, int record_rows)
{
	int page = 1, line = first;

	for (guint i = 0; i < lines->len; i++) {
		Line *ln = &g_array_index(lines, Line, i);
		guint j = i;

		while (j + 1 < lines->len && g_array_index(lines, Line, j).keep)
			j++;
		if (line >= LINES || (line + (int)(j - i + 1) > LINES && j - i + 1 <= LINES &&
		                      line > (page == 1 ? first : 0))) {
			page++;
			line = 0;
		}
		if (ln->layout == NULL && line == 0) {
			ln->page = 0;
			continue;
		}
		ln->page = page;
		ln->line = line++;
	}
	return line + record_rows > LINES ? page + 1 : page;
}

static void draw_placed(cairo_t *cr, double left, const Placed *p)
{
	cairo_save(cr);
	if (p->red)
		cairo_set_source_rgb(cr, RED);
	if (p->index < 0) {
		cairo_translate(cr, left + p->x, p->y);
		cairo_scale(cr, p->sx, p->sy);
		cairo_move_to(cr, 0, 0);
		pango_cairo_show_layout(cr, p->layout);
	} else {
		cairo_move_to(cr, left + p->x, p->y);
		pango_cairo_show_layout_line(cr,
		                             pango_layout_get_line_readonly(p->layout, p->index));
	}
	cairo_restore(cr);
}

static void draw_rule(cairo_t *cr, double left, double y, double width, gboolean red)
{
	cairo_save(cr);
	if (red)
		cairo_set_source_rgb(cr, RED);
	cairo_rectangle(cr, left, y - width / 2, BLOCK_W, width);
	cairo_fill(cr);
	cairo_restore(cr);
}

/* The page number "— N —" (§7.5): 4号 宋体, the 一字线 7 mm below the 版心, one character in from
 * the right on odd pages and from the left on even pages. */
static void draw_folio(cairo_t *cr, Ctx *c, int page, double left)
{
	g_autofree char *text = g_strdup_printf("— %d —", page);
	g_autoptr(PangoLayout) l = docs_pdf_layout(c, text, FACE_SONG, SIZE_4, FALSE, 0);
	double w = docs_pdf_layout_width(l);

	cairo_move_to(cr, page % 2 ? left + BLOCK_W - SIZE_4 - w : left + SIZE_4,
	              BLOCK_TOP + BLOCK_H + FOLIO_GAP + c->dash_mid);
	pango_cairo_show_layout_line(cr, pango_layout_get_line_readonly(l, 0));
}

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int len)
{
	g_byte_array_append(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

GBytes *docs_pdf_render(json_t *doc, GError **err)
{
	Doc d;
	Ctx c = {0};
	Record rec = {0};
	GArray *head = g_array_new(FALSE, TRUE, sizeof(Placed));
	GArray *record = g_array_new(FALSE, TRUE, sizeof(Placed));
	GArray *lines = NULL;
	GByteArray *out = NULL;
	cairo_surface_t *surface = NULL;
	cairo_t *cr = NULL;
	GBytes *res = NULL;
	double rule_y = 0;
	int first = 0, pages;
	guint i = 0;

	g_array_set_clear_func(head, placed_clear);
	g_array_set_clear_func(record, placed_clear);
	if (!docs_pdf_doc_read(doc, &d, err) || !ctx_init(&c, err) ||
	    !header_build(&c, &d, head, &rule_y, &first, err) ||
	    !record_build(&c, &d, record, &rec, err))
		goto out;
	lines = docs_pdf_body_lines(&c, &d);
	pages = paginate(lines, first, rec.rows);

	out = g_byte_array_new();
	surface = cairo_pdf_surface_create_for_stream(write_out, out, PAGE_W, PAGE_H);
	{
		g_autofree char *title = docs_pdf_clean(d.title);

		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title);
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "mishu");
	}
	cr = cairo_create(surface);
	for (int page = 1; page <= pages; page++) {
		double left = page % 2 ? BINDING : PAGE_W - BINDING - BLOCK_W;

		cairo_set_source_rgb(cr, 0, 0, 0);
		if (page == 1) {
			for (guint k = 0; k < head->len; k++)
				draw_placed(cr, left, &g_array_index(head, Placed, k));
			draw_rule(cr, left, rule_y, RULE_THICK, TRUE);
		}
		for (; i < lines->len; i++) {
			const Line *ln = &g_array_index(lines, Line, i);

			if (ln->page == 0 || ln->layout == NULL)
				continue;
			if (ln->page != page)
				break;
			cairo_move_to(cr, left + ln->x,
			              baseline_in(BLOCK_TOP + ln->line * PITCH, ln->size) +
			                  ln->rise);
			pango_cairo_show_layout_line(
			    cr, pango_layout_get_line_readonly(ln->layout, ln->index));
		}
		if (page == pages) {
			for (guint k = 0; k < record->len; k++)
				draw_placed(cr, left, &g_array_index(record, Placed, k));
			for (int k = 0; k < rec.n_rules; k++)
				draw_rule(cr, left, rec.rule_y[k], rec.rule_w[k], FALSE);
		}
		draw_folio(cr, &c, page, left);
		cairo_show_page(cr);
	}
	cairo_destroy(cr);
	cairo_surface_finish(surface);
	if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
		g_set_error(err, DOCS_PDF_ERROR, DOCS_PDF_ERROR_RENDER,
		            "Rendering the PDF failed: %s.",
		            cairo_status_to_string(cairo_surface_status(surface)));
		goto out;
	}
	res = g_byte_array_free_to_bytes(g_steal_pointer(&out));
out:
	if (surface != NULL)
		cairo_surface_destroy(surface);
	if (out != NULL)
		g_byte_array_unref(out);
	if (lines != NULL)
		g_array_unref(lines);
	g_array_unref(record);
	g_array_unref(head);
	ctx_clear(&c);
	return res;
}
