/*
 * docs_pdf — prints an outgoing document (发文) as an A4 PDF laid out per GB/T 9704-2012
 * 《党政机关公文格式》: 版头 (份号, 密级, 紧急程度, the red 发文机关标志, 发文字号, 签发人, the red
 * separator), 主体 (title, 主送机关, body on the 22 × 28 grid, 附件说明, 署名, 成文日期, 附注),
 * 版记 (抄送, 印发机关, 印发日期) and page numbers. docs/gbt9704.md gives the layout numbers and
 * the font mapping. Includes no other mishu header; depends on cairo, pango, GLib and jansson.
 */
#ifndef MISHU_DOCS_PDF_H
#define MISHU_DOCS_PDF_H

#include <glib.h>
#include <jansson.h>

#define DOCS_PDF_ERROR (docs_pdf_error_quark())
GQuark docs_pdf_error_quark(void);

typedef enum {
	DOCS_PDF_ERROR_INVALID, /* a required field missing, a field of the wrong type or form */
	DOCS_PDF_ERROR_FIT,     /* a header element or the title does not fit on the first page */
	DOCS_PDF_ERROR_RENDER,  /* a prescribed font is not installed, or cairo failed */
} DocsPdfError;

/* Renders DOC as an A4 PDF per GB/T 9704-2012 with cairo + pango, fonts embedded (subsets).
 * DOC is an object of UTF-8 strings (optional ones may be absent, null or ""):
 *   issuer_mark  发文机关标志, e.g. "中共江城市委员会文件" (required)
 *   number       发文字号, e.g. "江委发〔2026〕5号" (required)
 *   signer       签发人; when set the document is 上行文: 发文字号 left, 签发人 right (optional)
 *   copy_no      份号, 1 to 6 digits, printed zero-padded to 6 (optional)
 *   secrecy      密级: "秘密", "机密" or "绝密", optionally followed by "★" and a term (optional;
 *                whether the deployment may print classified documents is the caller's check)
 *   urgency      紧急程度: "特急" or "加急" (optional)
 *   title        标题 (required)
 *   main_to      主送机关; a full-width colon is added when missing (optional: 公告 have none)
 *   body         正文, paragraphs separated by "\n"; a paragraph starting "一、", "（一）", "1."
 *                or "（1）" is a heading of that level (required)
 *   attachments  array of 附件 names (optional)
 *   issuer_signature  发文机关署名 (required)
 *   date         成文日期 "YYYY-MM-DD" (required)
 *   notes        附注; parentheses are added when missing (optional)
 *   cc           抄送机关; a final "。" is added when missing (optional)
 *   printer      印发机关 (required)
 *   print_date   印发日期 "YYYY-MM-DD" (required)
 *   kind         "minutes" for a 纪要 (§10.3): issuer_mark is the 纪要标志, number the 期数 line,
 *                no 署名 and no seal (issuer_signature not required); after the text the
 *                版记's recipients line reads 分送 instead of 抄送;
 *   attendance   lists [{"label": "出席"|"请假"|"列席", "names": "…"}], each label 3号黑体 with a
 *                full-width colon, two cells in, wrapped lines under the first name
 *                "bulletin" for an issue of a bulletin (简报、信息刊物): issuer_mark is the
 *                bulletin's name in red, number the 期号 line, then publisher (编发单位, required)
 *                flush left and date flush right above the red separator; no title printed (it
 *                names the PDF), no body, 署名 or seal; instead
 *   items        [{"title", "body"}]: each heading centred in 3号黑体, its paragraphs as 正文;
 *   send_to      报 (a bulletin's 版记, above 送, which is cc)
 * Returns the PDF bytes (g_bytes_unref), or NULL with ERR (DOCS_PDF_ERROR; the message an
 * English sentence naming the field) when a required field is missing, a field is malformed,
 * the header does not fit, a font is missing or rendering fails. Thread-safe: every call makes
 * its own font map, layouts and surface. */
GBytes *docs_pdf_render(json_t *doc, GError **err);

/* The heading level an official document's paragraph P opens with (§7.3.3): 1 "一、", 2 "（一）",
 * 3 "1." or "1．", 4 "（1）" (half-width brackets too), or 0 for a plain paragraph ("1.5亿元"
 * is not a heading). The page of a document marks its headings with it too. */
int docs_pdf_heading_level(const char *p);

#endif
