/* ui_strings — every visible string of the page layout and the shared pages, by key.
 *
 * Templates never hard-code text: they print {{t.KEY}} from the model's "t" object, which a page
 * handler fills with view_ui_strings(). The English msgids are marked for xgettext (keyword N_);
 * zh_CN is the default language.
 */
#ifndef MISHU_VIEW_UI_STRINGS_H
#define MISHU_VIEW_UI_STRINGS_H

#include <jansson.h>

/* view_ui_strings: returns a new JSON object mapping each UI key (e.g. "todo_title") to its text
 * translated by `translate(msgid, ud)` (e.g. a wrapper around g_dgettext for the request's
 * language). When `translate` is NULL, or returns NULL for a msgid, the English msgid is used.
 * The returned strings are copied, so `translate` may return a temporary buffer.
 * Returns NULL only when out of memory. The caller owns the object: json_decref() it. */
json_t *view_ui_strings(const char *(*translate)(const char *msgid, void *ud), void *ud);

#endif /* MISHU_VIEW_UI_STRINGS_H */
