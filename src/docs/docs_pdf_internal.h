/*
 * docs_pdf_internal.h — what docs_pdf.c (layout and drawing) and docs_pdf_text.c (the model and
 * its text) share; nothing outside those two files includes this header.
 */
#ifndef MISHU_DOCS_PDF_INTERNAL_H
#define MISHU_DOCS_PDF_INTERNAL_H

#include "docs/docs_pdf.h"

/* The document's fields, borrowed from its JSON (NULL when blank), and its dates as printed. */
typedef struct {
	const char *issuer_mark, *number, *signer, *copy_no, *secrecy, *urgency, *title, *main_to;
	const char *body, *signature, *notes, *cc, *printer;
	json_t *attachments;
	gboolean minutes;   /* a 纪要: attendance lists instead of 署名 and seal (§10.3) */
	json_t *attendance; /* [{"label": "出席", "names": "…"}] of a 纪要 */
	char date[32], print_date[32];
} Doc;

/* S without carriage returns and surrounding blanks, other controls as spaces. g_free. */
char *docs_pdf_clean(const char *s);

/* Reads and checks the document OBJ into *D; FALSE with ERR (DOCS_PDF_ERROR_INVALID). */
gboolean docs_pdf_doc_read(json_t *obj, Doc *d, GError **err);

/* The heading level of paragraph P: 1 "一、", 2 "（一）", 3 "1." or "1．", 4 "（1）", else 0. */
int docs_pdf_heading_level(const char *p);

/* TITLE in the fewest balanced lines of at most MAX half-character units, or NULL. */
GPtrArray *docs_pdf_title_split(const char *title, int max);

#endif
