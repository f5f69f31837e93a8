/*
 * docs_pdf_body.c — the lines of a GB/T 9704 document's 主体 after its title: the 主送机关, the
 * 正文 on the 22 × 28 grid with its heading faces (§7.3.3), the 附件说明 (§7.3.4), the 署名 and
 * 成文日期 of a sealed document with its 附注 (§7.3.5–7.3.6), or a 纪要's 出席 / 请假 / 列席
 * lists (§10.3). docs_pdf.c paginates and draws them.
 */
#define G_LOG_DOMAIN "mishu-docs"

#include "docs/docs_pdf_internal.h"

#include <string.h>

/* ==== 正文 ================================================================================== */

/* Adds one body paragraph (§7.3.3): first line indented two cells, justified. A heading's
 * first sentence (through its "。", or the whole paragraph) takes the level's face: 黑体 for
 * "一、", 楷体 for "（一）", 仿宋 for the others; a heading standing alone keeps with the next
 * line. */
static void add_paragraph(GArray *lines, Ctx *c, const char *text)
{
	int level = docs_pdf_heading_level(text);
	const char *stop = strstr(text, "。");
	gsize run = stop != NULL ? (gsize)(stop - text) + strlen("。") : strlen(text);
	g_autoptr(PangoLayout) l = docs_pdf_layout(c, text, FACE_FANGSONG, SIZE_3, TRUE, BLOCK_W);

	pango_layout_set_indent(l, 2 * (PANGO_SCALE * SIZE_3 + c->ls));
	if (level == 1 || level == 2) {
		PangoAttrList *attrs = pango_layout_get_attributes(l);
		g_autoptr(PangoFontDescription) fd =
		    docs_pdf_face(level == 1 ? FACE_HEITI : FACE_KAITI, SIZE_3);
		PangoAttribute *a = pango_attr_font_desc_new(fd);

		a->start_index = 0;
		a->end_index = (guint)run;
		pango_attr_list_insert(attrs, a);
		pango_layout_context_changed(l);
	}
	docs_pdf_add_layout(lines, c, l, 0, SIZE_3, TRUE, level > 0 && stop == NULL);
}

/* Adds the 附件说明 (§7.3.4): "附件：" two cells in; several attachments numbered "1．"; a long
 * name wraps under its own first character. */
static void add_attachments(GArray *lines, Ctx *c, json_t *list)
{
	size_t n = json_array_size(list), i;
	json_t *a;
	double prefix = 0;

	json_array_foreach (list, i, a) {
		g_autofree char *name = docs_pdf_clean(json_string_value(a));
		g_autofree char *label = n > 1 ? g_strdup_printf("%zu．", i + 1) : g_strdup("");
		g_autofree char *text = g_strconcat(i == 0 ? "附件：" : "", label, name, NULL);
		double x = i == 0 ? 2 * CELL : 2 * CELL + prefix;
		g_autoptr(PangoLayout) l =
		    docs_pdf_layout(c, text, FACE_FANGSONG, SIZE_3, TRUE, BLOCK_W - x);
		PangoRectangle head, pos;

		pango_layout_set_justify(l, FALSE);
		/* Glyphs after the first sit half a letter spacing left of their index position. */
		pango_layout_index_to_pos(l, (int)(strlen(text) - strlen(name)), &pos);
		if (i == 0) {
			pango_layout_index_to_pos(l, (int)strlen("附件："), &head);
			prefix = (head.x + c->ls / 2.0) / PANGO_SCALE;
		}
		if (pos.x > 0)
			pango_layout_set_indent(l, -(pos.x + c->ls / 2));
		docs_pdf_add_layout(lines, c, l, x, SIZE_3, TRUE, FALSE);
	}
}

/* Adds the 发文机关署名 and 成文日期 in the form for a sealed document (§7.3.5.1): two lines left
 * blank below the text for the seal, the date's right edge four cells in from the right, the
 * 署名 centred on the date; then the 附注 (§7.3.6) two cells in, in parentheses. The 署名 and the
 * date keep with the text line above them. */
static void add_closing(GArray *lines, Ctx *c, const Doc *d)
{
	g_autofree char *sig_text = docs_pdf_clean(d->signature);
	g_autoptr(PangoLayout) date = docs_pdf_layout(c, d->date, FACE_FANGSONG, SIZE_3, TRUE, 0);
	g_autoptr(PangoLayout) sig = docs_pdf_layout(c, sig_text, FACE_FANGSONG, SIZE_3, TRUE, 0);
	double dw = docs_pdf_layout_width(date), sw = docs_pdf_layout_width(sig);
	double dx = BLOCK_W - 4 * CELL - dw, sx = dx + (dw - sw) / 2;

	if (lines->len > 0)
		g_array_index(lines, Line, lines->len - 1).keep = TRUE;
	docs_pdf_add_blank(lines, TRUE);
	docs_pdf_add_blank(lines, TRUE);
	if (sw > BLOCK_W) {
		g_clear_object(&sig);
		sig = docs_pdf_layout(c, sig_text, FACE_FANGSONG, SIZE_3, TRUE, BLOCK_W);
		pango_layout_set_justify(sig, FALSE);
		pango_layout_set_alignment(sig, PANGO_ALIGN_RIGHT);
		sx = 0;
	} else if (sx + sw > BLOCK_W) {
		sx = BLOCK_W - sw;
	}
	docs_pdf_add_layout(lines, c, sig, sx, SIZE_3, TRUE, TRUE);
	docs_pdf_add_layout(lines, c, date, dx, SIZE_3, TRUE, FALSE);

	if (d->notes != NULL) {
		g_autofree char *notes = docs_pdf_clean(d->notes);
		gboolean paren = g_str_has_prefix(notes, "（") || g_str_has_prefix(notes, "(");
		g_autofree char *text =
		    paren ? g_strdup(notes) : g_strconcat("（", notes, "）", NULL);
		g_autoptr(PangoLayout) l =
		    docs_pdf_layout(c, text, FACE_FANGSONG, SIZE_3, TRUE, BLOCK_W);

		pango_layout_set_indent(l, 2 * (PANGO_SCALE * SIZE_3 + c->ls));
		docs_pdf_add_layout(lines, c, l, 0, SIZE_3, TRUE, FALSE);
	}
}

/* Adds a 纪要's attendance lists (§10.3) after a blank line: "出席：" in 3号黑体 two cells in,
 * the names in 3号仿宋, wrapped lines aligned under the first name; then 请假, 列席 alike. */
static void add_attendance(GArray *lines, Ctx *c, json_t *list)
{
	json_t *a;
	size_t i;

	json_array_foreach (list, i, a) {
		g_autofree char *label =
		    docs_pdf_clean(json_string_value(json_object_get(a, "label")));
		g_autofree char *names =
		    docs_pdf_clean(json_string_value(json_object_get(a, "names")));
		g_autofree char *head = g_strconcat(label, "：", NULL);
		g_autofree char *text = g_strconcat(head, names, NULL);
		g_autoptr(PangoLayout) l =
		    docs_pdf_layout(c, text, FACE_FANGSONG, SIZE_3, TRUE, BLOCK_W - 2 * CELL);
		g_autoptr(PangoFontDescription) hei = docs_pdf_face(FACE_HEITI, SIZE_3);
		PangoAttribute *attr = pango_attr_font_desc_new(hei);
		PangoRectangle pos;

		if (*label == '\0' || *names == '\0')
			continue;
		if (i == 0)
			docs_pdf_add_blank(lines, FALSE);
		attr->end_index = (guint)strlen(head);
		pango_attr_list_insert(pango_layout_get_attributes(l), attr);
		pango_layout_context_changed(l);
		pango_layout_set_justify(l, FALSE);
		pango_layout_index_to_pos(l, (int)strlen(head), &pos);
		if (pos.x > 0)
			pango_layout_set_indent(l, -(pos.x + c->ls / 2));
		docs_pdf_add_layout(lines, c, l, 2 * CELL, SIZE_3, TRUE, FALSE);
	}
}

/* Adds the paragraphs of TEXT (lines separated by "\n"; blank ones skipped). */
static void add_paragraphs(GArray *lines, Ctx *c, const char *body)
{
	g_auto(GStrv) paras = g_strsplit(body, "\n", -1);

	for (char **p = paras; *p != NULL; p++) {
		g_autofree char *text = docs_pdf_clean(*p);

		if (*text != '\0')
			add_paragraph(lines, c, text);
	}
}

/* Adds a bulletin's items: each heading centred in 3号黑体 (kept with its text), its paragraphs
 * as the 正文's, a blank line between items. */
static void add_items(GArray *lines, Ctx *c, json_t *items)
{
	json_t *item;
	size_t i;

	json_array_foreach (items, i, item) {
		g_autofree char *title =
		    docs_pdf_clean(json_string_value(json_object_get(item, "title")));
		g_autoptr(PangoLayout) l =
		    docs_pdf_layout(c, title, FACE_HEITI, SIZE_3, TRUE, BLOCK_W);

		if (i > 0)
			docs_pdf_add_blank(lines, TRUE);
		pango_layout_set_justify(l, FALSE);
		pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
		docs_pdf_add_layout(lines, c, l, 0, SIZE_3, TRUE, TRUE);
		add_paragraphs(lines, c, json_string_value(json_object_get(item, "body")));
	}
}

/* The lines of the 主体 after the title: 主送机关, 正文, 附件说明, 署名, 成文日期, 附注 (a 纪要:
 * the attendance lists instead of 署名 and 成文日期; a bulletin: its items). */
GArray *docs_pdf_body_lines(Ctx *c, const Doc *d)
{
	GArray *lines = g_array_new(FALSE, TRUE, sizeof(Line));

	g_array_set_clear_func(lines, docs_pdf_line_clear);
	if (d->bulletin) {
		add_items(lines, c, d->items);
		return lines;
	}
	if (d->main_to != NULL) {
		g_autofree char *to = docs_pdf_clean(d->main_to);
		g_autofree char *text = NULL;
		g_autoptr(PangoLayout) l = NULL;

		if (g_str_has_suffix(to, ":"))
			to[strlen(to) - 1] = '\0';
		text = g_str_has_suffix(to, "：") ? g_strdup(to) : g_strconcat(to, "：", NULL);
		l = docs_pdf_layout(c, text, FACE_FANGSONG, SIZE_3, TRUE, BLOCK_W);
		docs_pdf_add_layout(lines, c, l, 0, SIZE_3, TRUE, FALSE);
	}
	add_paragraphs(lines, c, d->body);
	if (d->attachments != NULL && json_array_size(d->attachments) > 0) {
		docs_pdf_add_blank(lines, FALSE);
		add_attachments(lines, c, d->attachments);
	}
	if (d->minutes)
		add_attendance(lines, c, d->attendance);
	else
		add_closing(lines, c, d);
	return lines;
}
