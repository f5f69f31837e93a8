/*
 * docs_sheet — the 文件处理笺 of an incoming document: the model the document page shows first
 * (来文 facts, the office's 拟办意见, the 批示 in order, the 传阅 record, the handling) and its
 * printed form (docs_sheet_pdf.c).
 */
#ifndef MISHU_DOCS_SHEET_H
#define MISHU_DOCS_SHEET_H

#include <glib.h>
#include <jansson.h>

/* Renders SHEET (docs_sheet_model's object) as the A4 form, PDF bytes (g_bytes_unref); NULL
 * with ERR when cairo fails. Thread-safe. */
GBytes *docs_sheet_pdf_render(json_t *sheet, GError **err);

#endif
