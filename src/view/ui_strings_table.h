/*
 * ui_strings_table.h — the tables of UI strings, shared by the files of view/ that hold them:
 * ui_strings.c (layout, workbench, auth, org) and ui_strings_work.c (documents, supervision,
 * workflows). Each entry is a template key and an English msgid; the trailing comment is the
 * zh_CN text po/zh_CN.po gives it.
 */
#ifndef MISHU_VIEW_UI_STRINGS_TABLE_H
#define MISHU_VIEW_UI_STRINGS_TABLE_H

#include <stddef.h>

#ifndef N_
#define N_(s) (s)
#endif

typedef struct UiString {
	const char *key;
	const char *msgid;
} UiString;

/* The work modules' strings (ui_strings_work.c) and how many there are. */
extern const UiString ui_strings_work[];
extern const size_t ui_strings_work_n;
/* The meetings' strings (ui_strings_meet.c). */
extern const UiString ui_strings_meet[];
extern const size_t ui_strings_meet_n;
/* The emergency pages' strings (ui_strings_alert.c). */
extern const UiString ui_strings_alert[];
extern const size_t ui_strings_alert_n;
/* The information pages' strings (ui_strings_info.c). */
extern const UiString ui_strings_info[];
extern const size_t ui_strings_info_n;
/* The duty roster's strings (ui_strings_duty.c). */
extern const UiString ui_strings_duty[];
extern const size_t ui_strings_duty_n;
/* The portal's strings (ui_strings_portal.c). */
extern const UiString ui_strings_portal[];
extern const size_t ui_strings_portal_n;

#endif
