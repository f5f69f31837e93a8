/*
 * meet_pages.h — the meetings' pages and what their files share:
 *   meet_pages.c          the list, calling a meeting, the rules of procedure, the helpers;
 *   meet_meeting_pages.c  one meeting's page and its forms.
 */
#ifndef MISHU_MEET_PAGES_H
#define MISHU_MEET_PAGES_H

#include "app.h"
#include "auth/auth_pages.h"
#include "meet/meet_web.h"
#include "site/site_module.h"

/* How the meetings' pages answer errors (WORK_ERROR). */
extern const SiteModuleErrors meet_page_errors;

/* A new page model with the meetings' sub-navigation, SECTION ("list", "new", "types") active. */
json_t *meet_page_model(HttpRequest *req, const char *title_msgid, const char *section);
/* The translated label of a member's attendance STATUS and of a vote CHOICE. Static. */
const char *meet_member_status(HttpRequest *req, const char *status);
const char *meet_choice_label(HttpRequest *req, const char *choice);
/* Every member status with its label as a JSON object {"present": "已到会", …} (the page's
 * live update reads it). g_free. */
char *meet_member_status_labels(HttpRequest *req);

/* The status badge's class (status-CLASS) of a meeting's or an agenda item's STATE. Static. */
const char *meet_status_class(const char *state);
/* "2026-12-10 09:00—11:00" from STARTS and ENDS ("YYYY-MM-DDTHH:MM"). g_free. */
char *meet_when_text(const char *starts, const char *ends);

/* GET /meetings; GET /meetings/new, POST /meetings/new; GET /meetings/types. */
void meet_page_list(HttpRequest *req, HttpResponse *res);
void meet_page_new(HttpRequest *req, HttpResponse *res);
void meet_page_create(HttpRequest *req, HttpResponse *res);
void meet_page_types(HttpRequest *req, HttpResponse *res);

/* GET /meetings/{id}; GET /agenda/{id} (redirects to its place on the meeting's page). */
void meet_page_meeting(HttpRequest *req, HttpResponse *res);
void meet_page_agenda_item(HttpRequest *req, HttpResponse *res);
/* POST /meetings/{id}/actions/{action}, …/attendance, …/agenda, …/agenda/{n}/actions/{action},
 * …/agenda/{n}/vote, …/agenda/{n}/tasks, …/minutes. */
void meet_page_step(HttpRequest *req, HttpResponse *res);
void meet_page_attendance(HttpRequest *req, HttpResponse *res);
void meet_page_agenda_add(HttpRequest *req, HttpResponse *res);
void meet_page_agenda_step(HttpRequest *req, HttpResponse *res);
void meet_page_vote(HttpRequest *req, HttpResponse *res);
void meet_page_decision(HttpRequest *req, HttpResponse *res);
void meet_page_minutes(HttpRequest *req, HttpResponse *res);
/* GET /meetings/types/{code}/edit, POST /meetings/types/{code}: one type's rules of procedure
 * changed by the security administrator (meet_type_pages.c). */
void meet_page_type_edit(HttpRequest *req, HttpResponse *res);
void meet_page_type_save(HttpRequest *req, HttpResponse *res);
/* POST /meetings/{id}/minutes/document (the cc_to:CODE boxes, cc_to_other): issues the approved
 * minutes as a document. */
void meet_page_minutes_document(HttpRequest *req, HttpResponse *res);
/* POST /meetings/{id}/agenda/{n}/materials (multipart "file"): files materials on item n. */
void meet_page_materials(HttpRequest *req, HttpResponse *res);
/* GET /meetings/{id}/seating: the 座次图 (meet_seat_positions). */
void meet_page_seating(HttpRequest *req, HttpResponse *res);

#endif
