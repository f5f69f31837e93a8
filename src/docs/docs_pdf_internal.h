/*
 * docs_pdf_internal.h — what docs_pdf.c (fonts, layout, pages and drawing), docs_pdf_body.c (the
 * lines of the 主体: 正文, 附件说明, 署名, a 纪要's attendance) and docs_pdf_text.c (the model and
 * its text) share: the page geometry of GB/T 9704, the faces and the layout helpers; nothing
 * outside those files includes this header.
 */
#ifndef MISHU_DOCS_PDF_INTERNAL_H
#define MISHU_DOCS_PDF_INTERNAL_H

#include "docs/docs_pdf.h"

#include <pango/pangocairo.h>

/* ---- the page (GB/T 9704 §5) and the type sizes, in pt ---- */
#define MM(x)      ((x)*72.0 / 25.4)
#define PAGE_W     MM(210.0)
#define PAGE_H     MM(297.0)
#define BLOCK_W    MM(156.0)         /* 版心 width (§5.2.1) */
#define BLOCK_H    MM(225.0)         /* 版心 height */
#define BLOCK_TOP  MM(37.0)          /* 天头 (§5.2.2) */
#define BINDING    MM(28.0)          /* 订口: left on odd pages, right on even pages */
#define LINES      22                /* lines per page (§5.2.3) */
#define CHARS      28                /* 3号 characters per line */
#define PITCH      (BLOCK_H / LINES) /* line pitch, 10.23 mm */
#define CELL       (BLOCK_W / CHARS) /* character pitch, 5.57 mm */
#define SIZE_2     22.0              /* 2号: the title */
#define SIZE_3     16.0              /* 3号: the body and most elements */
#define SIZE_4     14.0              /* 4号: 版记 and page numbers */
#define EM_ASCENT  0.88              /* the ideographic em box's top above the baseline, in em */
#define MARK_TOP   MM(35.0) /* 发文机关标志's top edge below the 版心's top (§7.2.4) */
#define MARK_H     MM(22.0) /* its largest glyph height … */
#define MARK_W     MM(15.0) /* … and width (GB/T 9704-1999 §7.2.4's 22 × 15 mm cap) */
#define RULE_GAP   MM(4.0)  /* 版头 separator below the 发文字号 (§7.2.7) */
#define RULE_THICK MM(0.35) /* 版记 first and last lines (§7.4.1); also the 版头 line */
#define RULE_THIN  MM(0.25) /* 版记 middle line */
#define FOLIO_GAP  MM(7.0)  /* page number's 一字线 below the 版心 (§7.5) */
#define RED        0xE6 / 255.0, 0x00 / 255.0, 0x12 / 255.0

typedef enum { FACE_FANGSONG, FACE_XIAOBIAOSONG, FACE_HEITI, FACE_KAITI, FACE_SONG } Face;

/* The fonts and the letter spacing of one rendering. */
typedef struct {
	PangoFontMap *fontmap;
	PangoContext *pango;
	int ls;          /* letter spacing putting 3号 characters on the CELL pitch, Pango units */
	double dash_mid; /* the 一字线's middle above the baseline at 4号, pt */
} Ctx;

/* One line of text on the grid: line INDEX of LAYOUT, its left edge X pt from the 版心's left
 * edge; no layout for an empty line. */
typedef struct {
	PangoLayout *layout;
	int index;
	double x;
	double size;
	double rise;   /* line_rise() */
	gboolean keep; /* on the same page as the next line */
	int page, line;
} Line;

/* FACE at SIZE pt (docs_pdf.c). */
PangoFontDescription *docs_pdf_face(Face face, double size);
/* A layout of TEXT (plain text, never markup) in FACE at SIZE pt, wrapped at WIDTH pt when
 * WIDTH > 0; GRID: on the CELL pitch, justified (docs_pdf.c). */
PangoLayout *docs_pdf_layout(Ctx *c, const char *text, Face face, double size, gboolean grid,
                             double width);
/* Logical width of L's widest line, pt. */
double docs_pdf_layout_width(PangoLayout *l);
/* Appends the lines of L at X pt from the 版心's left edge to LINES (Line); KEEP_LAST keeps the
 * last one with the next. */
void docs_pdf_add_layout(GArray *lines, Ctx *c, PangoLayout *l, double x, double size,
                         gboolean grid, gboolean keep_last);
/* Appends an empty grid line (KEEP: on the same page as the next). */
void docs_pdf_add_blank(GArray *lines, gboolean keep);
/* Frees a Line's layout (the clear function of a GArray of Line). */
void docs_pdf_line_clear(void *p);

/* The document's fields, borrowed from its JSON (NULL when blank), and its dates as printed. */
typedef struct {
	const char *issuer_mark, *number, *signer, *copy_no, *secrecy, *urgency, *title, *main_to;
	const char *body, *signature, *notes, *cc, *printer;
	json_t *attachments;
	gboolean minutes;   /* a 纪要: attendance lists instead of 署名 and seal (§10.3) */
	json_t *attendance; /* [{"label": "出席", "names": "…"}] of a 纪要 */
	gboolean bulletin; /* an issue of a bulletin: items under headings, 报/送 in the 版记 */
	const char *publisher, *send_to; /* its 编发单位 and 报 */
	json_t *items;                   /* [{"title", "body"}] of a bulletin */
	char date[32], print_date[32];
} Doc;

/* S without carriage returns and surrounding blanks, other controls as spaces. g_free. */
char *docs_pdf_clean(const char *s);

/* Reads and checks the document OBJ into *D; FALSE with ERR (DOCS_PDF_ERROR_INVALID). */
gboolean docs_pdf_doc_read(json_t *obj, Doc *d, GError **err);

/* TITLE in the fewest balanced lines of at most MAX half-character units, or NULL. */
GPtrArray *docs_pdf_title_split(const char *title, int max);

/* The lines of D's 主体 after the title (docs_pdf_body.c): 主送机关, 正文, 附件说明, then 署名
 * and 成文日期 and 附注, or a 纪要's attendance lists. A GArray of Line (g_array_unref). */
GArray *docs_pdf_body_lines(Ctx *c, const Doc *d);

#endif
