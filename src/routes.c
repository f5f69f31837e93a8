/*
 * Every page and API route of mishu, in one table: method, pattern, handler, permission,
 * flags (body kind, CSRF). The server enforces the columns before any handler runs, so a
 * handler never checks its own body type, size or permission. Every /api/ route and /healthz
 * must also be in api/openapi.json (a unit test compares the two).
 */
#include "auth/auth_web.h"
#include "docs/docs_pages.h"
#include "docs/docs_web.h"
#include "alert/alert_web.h"
#include "duty/duty_web.h"
#include "info/info_pages.h"
#include "info/info_web.h"
#include "meet/meet_pages.h"
#include "meet/meet_web.h"
#include "org/org_web.h"
#include "portal/portal_pages.h"
#include "portal/portal_web.h"
#include "tasks/task_pages.h"
#include "tasks/tasks_web.h"
#include "routes.h"
#include "site/site.h"
#include "work/events.h"
#include "work/flow.h"
#include "work/work_web.h"

#define JSON  HTTP_BODY_JSON
#define JSONR (HTTP_BODY_JSON | HTTP_BODY_REQUIRED)
#define FORM  (HTTP_BODY_FORM | HTTP_CSRF)
/* the portal's reading routes: anyone while the office publishes it, else any account */
#define PORTAL_READ "public-if:portal.public"

/* One route a line, wider than 100 columns: the table reads as a table. */
/* clang-format off */
const HttpRoute mishu_routes[] = {
    /* site */
    {"GET", "/", site_home, "login", 0},
    {"GET", "/static/{path*}", site_static, NULL, 0},
    {"GET", "/healthz", site_healthz, NULL, 0},
    {"GET", "/api/v1/openapi.json", site_openapi, NULL, 0},
    /* live events (server-sent events; work/events.c) */
    {"GET", "/api/v1/events", work_events_api_stream, "login", 0},

    /* workflows: definitions as data, versioned, drawn (work/flow_api.c, flow_pages.c) */
    {"GET", "/api/v1/workflows", work_api_workflows, "workflow.read", 0},
    {"GET", "/api/v1/workflows/{code}", work_api_workflow, "workflow.read", 0},
    {"PUT", "/api/v1/workflows/{code}", work_api_workflow_put, "workflow.manage", JSONR | HTTP_CSRF},
    {"GET", "/api/v1/workflows/{code}/versions", work_api_workflow_versions, "workflow.read", 0},

    {"GET", "/inbox", work_page_inbox, "work.read", 0},
    {"GET", "/me/phrases", work_page_phrases, "work.instruct", 0},
    {"POST", "/me/phrases", work_page_phrases_post, "work.instruct", FORM},
    {"GET", "/workflows", work_page_workflows, "workflow.read", 0},
    {"GET", "/workflows/{code}", work_page_workflow, "workflow.read", 0},
    {"POST", "/workflows/{code}", work_page_workflow_post, "workflow.manage", FORM},

    /* auth: sign-in, sessions, tokens (API) */
    {"POST", "/api/v1/session", auth_api_login, NULL, JSONR},
    {"DELETE", "/api/v1/session", auth_api_logout, "session", HTTP_CSRF},
    {"GET", "/api/v1/me", auth_api_me, "session", 0},
    {"GET", "/api/v1/me/inbox", work_api_inbox, "login", 0},
    {"GET", "/api/v1/me/phrases", work_api_phrases, "work.instruct", 0},
    {"PUT", "/api/v1/me/phrases", work_api_phrases_put, "work.instruct", JSONR | HTTP_CSRF},
    {"POST", "/api/v1/me/password", auth_api_password, "session", JSONR | HTTP_CSRF},
    {"POST", "/api/v1/me/logout-everywhere", auth_api_logout_everywhere, "session",
     JSON | HTTP_CSRF},
    {"GET", "/api/v1/me/tokens", auth_api_tokens, "login", 0},
    {"POST", "/api/v1/me/tokens", auth_api_token_create, "login", JSONR | HTTP_CSRF},
    {"DELETE", "/api/v1/me/tokens/{id}", auth_api_token_revoke, "login", HTTP_CSRF},
    {"GET", "/captcha/{id}.png", auth_captcha_image, NULL, 0},
    /* auth: accounts (sysadmin), roles and policy (secadmin), audit (auditor) */
    {"GET", "/api/v1/users", auth_api_users, "users.manage", 0},
    {"POST", "/api/v1/users", auth_api_user_create, "users.manage", JSONR | HTTP_CSRF},
    {"GET", "/api/v1/users/{id}", auth_api_user, "users.manage", 0},
    {"PATCH", "/api/v1/users/{id}", auth_api_user_update, "users.manage", JSONR | HTTP_CSRF},
    {"POST", "/api/v1/users/{id}/password", auth_api_user_reset_password, "users.manage",
     JSONR | HTTP_CSRF},
    {"POST", "/api/v1/users/{id}/unlock", auth_api_user_unlock, "users.manage", JSON | HTTP_CSRF},
    {"PUT", "/api/v1/users/{id}/roles", auth_api_user_roles, "roles.manage", JSONR | HTTP_CSRF},
    {"GET", "/api/v1/security/policy", auth_api_policy, "policy.manage", 0},
    {"PUT", "/api/v1/security/policy", auth_api_policy_update, "policy.manage", JSONR | HTTP_CSRF},
    {"GET", "/api/v1/audit", auth_api_audit, "audit.read", 0},
    {"GET", "/api/v1/audit.csv", auth_api_audit_csv, "audit.read", 0},
    {"GET", "/api/v1/audit.xlsx", auth_api_audit_xlsx, "audit.read", 0},
    {"GET", "/api/v1/audit/verify", auth_api_audit_verify, "audit.read", 0},

    /* org: the organisation, the division of responsibility, routing (org_api.c) */
    {"GET", "/api/v1/org/committee", org_api_committee, "org.read", 0},
    {"POST", "/api/v1/org/committee", org_api_committee_create, "org.manage", JSONR | HTTP_CSRF},
    {"PATCH", "/api/v1/org/committee/{id}", org_api_committee_update, "org.manage",
     JSONR | HTTP_CSRF},
    {"GET", "/api/v1/org/leaders", org_api_leaders, "org.read", 0},
    {"POST", "/api/v1/org/leaders", org_api_leader_create, "org.manage", JSONR | HTTP_CSRF},
    {"GET", "/api/v1/org/leaders/{id}", org_api_leader, "org.read", 0},
    {"PATCH", "/api/v1/org/leaders/{id}", org_api_leader_update, "org.manage", JSONR | HTTP_CSRF},
    {"GET", "/api/v1/org/domains", org_api_domains, "org.read", 0},
    {"POST", "/api/v1/org/domains", org_api_domain_create, "org.manage", JSONR | HTTP_CSRF},
    {"PATCH", "/api/v1/org/domains/{id}", org_api_domain_update, "org.manage", JSONR | HTTP_CSRF},
    {"GET", "/api/v1/org/assignments", org_api_assignments, "org.read", 0},
    {"POST", "/api/v1/org/assignments", org_api_change, "org.manage", JSONR | HTTP_CSRF},
    {"GET", "/api/v1/org/changes", org_api_changes, "org.read", 0},
    {"GET", "/api/v1/org/gaps", org_api_gaps, "org.read", 0},
    {"GET", "/api/v1/org/departments", org_api_departments, "org.read", 0},
    {"POST", "/api/v1/org/departments", org_api_department_create, "org.manage", JSONR | HTTP_CSRF},
    {"PATCH", "/api/v1/org/departments/{id}", org_api_department_update, "org.manage",
     JSONR | HTTP_CSRF},
    {"GET", "/api/v1/org/units", org_api_units, "org.read", 0},
    {"GET", "/api/v1/org/recipients", org_api_recipients, "org.read", 0},
    {"POST", "/api/v1/org/units", org_api_unit_create, "org.manage", JSONR | HTTP_CSRF},
    {"GET", "/api/v1/org/units/{id}", org_api_unit, "org.read", 0},
    {"PATCH", "/api/v1/org/units/{id}", org_api_unit_update, "org.manage", JSONR | HTTP_CSRF},
    {"GET", "/api/v1/org/people", org_api_people, "org.read", 0},
    {"GET", "/api/v1/org/rules", org_api_rules, "routing.read", 0},
    {"POST", "/api/v1/org/rules", org_api_rule_create, "routing.manage", JSONR | HTTP_CSRF},
    {"PATCH", "/api/v1/org/rules/{id}", org_api_rule_update, "routing.manage", JSONR | HTTP_CSRF},
    {"DELETE", "/api/v1/org/rules/{id}", org_api_rule_delete, "routing.manage", HTTP_CSRF},
    {"POST", "/api/v1/org/import/{kind}", org_api_import, "org.manage",
     HTTP_BODY_FORM | HTTP_BODY_UPLOAD | HTTP_CSRF},
    {"GET", "/api/v1/org/export.xlsx", org_api_export, "org.read", 0},
    {"POST", "/api/v1/users/import", org_api_users_import, "users.manage",
     HTTP_BODY_FORM | HTTP_BODY_UPLOAD | HTTP_CSRF},
    {"GET", "/api/v1/route", org_api_route, "org.read", 0},

    /* documents (src/docs): 收文, 发文, numbers, circulation, print, search */
    {"GET", "/api/v1/documents", docs_api_list, "work.read", 0},
    {"POST", "/api/v1/documents", docs_api_create, "work.write", JSONR | HTTP_CSRF},
    {"GET", "/api/v1/documents/series", docs_api_series, "work.read", 0},
    {"POST", "/api/v1/documents/series", docs_api_series_create, "org.manage", JSONR | HTTP_CSRF},
    {"PATCH", "/api/v1/documents/series/{id}", docs_api_series_update, "org.manage",
     JSONR | HTTP_CSRF},
    {"GET", "/api/v1/documents/board", docs_api_board, "work.all", 0},
    {"GET", "/api/v1/documents/policy", docs_api_policy, "work.all", 0},
    {"PUT", "/api/v1/documents/policy", docs_api_policy, "work.all", JSONR | HTTP_CSRF},
    {"GET", "/api/v1/documents/{id}", docs_api_get, "work.read", 0},
    {"PATCH", "/api/v1/documents/{id}", docs_api_update, "work.write", JSONR | HTTP_CSRF},
    {"POST", "/api/v1/documents/{id}/actions/{action}", docs_api_act, "work.read",
     JSON | HTTP_CSRF},
    {"POST", "/api/v1/documents/{id}/attachments", docs_api_attach, "work.write",
     HTTP_BODY_FORM | HTTP_BODY_UPLOAD | HTTP_CSRF},
    {"GET", "/api/v1/documents/{id}/attachments/{aid}", docs_api_attachment, "work.read", 0},
    {"GET", "/api/v1/documents/{id}/pdf", docs_api_pdf, "work.read", 0},
    {"GET", "/api/v1/search", docs_api_search, "work.read", 0},

    /* supervision (src/tasks): instructions, tasks, ledger, calendar, notifications */
    /* a leader's 批示 (work.instruct) or a paper or oral one the office enters (work.all):
     * the operation decides which */
    {"POST", "/api/v1/instructions", tasks_api_instruct, "work.read", JSONR | HTTP_CSRF},
    {"GET", "/api/v1/instructions", tasks_api_instructions, "work.read", 0},
    {"POST", "/api/v1/instructions/{id}/tasks", tasks_api_split, "work.all", JSONR | HTTP_CSRF},
    {"GET", "/api/v1/tasks", tasks_api_list, "work.read", 0},
    {"POST", "/api/v1/tasks", tasks_api_create, "work.all", JSONR | HTTP_CSRF},
    {"GET", "/api/v1/tasks.xlsx", tasks_api_ledger, "work.read", 0},
    {"GET", "/api/v1/tasks/stats", tasks_api_stats, "work.read", 0},
    {"GET", "/api/v1/tasks/policy", tasks_api_policy, "work.all", 0},
    {"PUT", "/api/v1/tasks/policy", tasks_api_policy, "work.all", JSONR | HTTP_CSRF},
    /* information: reports, bulletins, issues and their read receipts (src/info) */
    {"GET", "/api/v1/reports", info_api_reports, "work.read", 0},
    {"POST", "/api/v1/reports", info_api_report_create, "work.read", JSONR | HTTP_CSRF},
    {"GET", "/api/v1/reports/{id}", info_api_report, "work.read", 0},
    {"POST", "/api/v1/reports/{id}/actions/{action}", info_api_report_act, "work.read", JSON | HTTP_CSRF},
    {"GET", "/api/v1/bulletins", info_api_bulletins, "work.read", 0},
    {"PUT", "/api/v1/bulletins/{code}", info_api_bulletin_put, "work.all", JSONR | HTTP_CSRF},
    {"GET", "/api/v1/issues", info_api_issues, "work.read", 0},
    {"POST", "/api/v1/issues", info_api_issue_create, "work.all", JSONR | HTTP_CSRF},
    {"GET", "/api/v1/issues/{id}", info_api_issue, "work.read", 0},
    {"PUT", "/api/v1/issues/{id}/reports", info_api_issue_compose, "work.all", JSONR | HTTP_CSRF},
    {"POST", "/api/v1/issues/{id}/actions/{action}", info_api_issue_act, "work.all", JSON | HTTP_CSRF},
    {"POST", "/api/v1/issues/{id}/read", info_api_issue_read, "work.read", JSON | HTTP_CSRF},
    {"GET", "/api/v1/issues/{id}/reads", info_api_issue_reads, "work.all", 0},
    {"GET", "/api/v1/issues/{id}/pdf", info_api_issue_pdf, "work.read", 0},
    /* emergency information: incidents against the clock, 签收, escalation (src/alert) */
    {"GET", "/api/v1/incidents", alert_api_list, "work.read", 0},
    {"POST", "/api/v1/incidents", alert_api_create, "work.all", JSONR | HTTP_CSRF},
    {"GET", "/api/v1/incidents/limits", alert_api_limits, "work.read", 0},
    {"PUT", "/api/v1/incidents/limits", alert_api_limits_put, "procedure.manage", JSONR | HTTP_CSRF},
    {"GET", "/api/v1/incidents/{id}", alert_api_get, "work.read", 0},
    {"POST", "/api/v1/incidents/{id}/reports", alert_api_report, "work.read", JSONR | HTTP_CSRF},
    {"POST", "/api/v1/incidents/{id}/actions/{action}", alert_api_act, "work.read", JSON | HTTP_CSRF},
    /* leaders' activities and their weekly coverage (src/info/info_activity*.c) */
    {"GET", "/api/v1/activities", info_api_activities, "work.read", 0},
    {"POST", "/api/v1/activities", info_api_activity_create, "work.all", JSONR | HTTP_CSRF},
    {"GET", "/api/v1/activities/coverage", info_api_coverage, "work.read", 0},
    {"DELETE", "/api/v1/activities/{id}", info_api_activity_delete, "work.all", HTTP_CSRF},
    /* scoring of reports (src/info/info_score*.c) */
    {"POST", "/api/v1/reports/{id}/uses", info_api_report_use, "work.all", JSONR | HTTP_CSRF},
    {"PUT", "/api/v1/reports/{id}/accuracy", info_api_report_accuracy, "work.all", JSONR | HTTP_CSRF},
    {"GET", "/api/v1/scores", info_api_scores, "work.read", 0},
    {"GET", "/api/v1/scores.xlsx", info_api_scores_xlsx, "work.read", 0},
    {"GET", "/api/v1/scores/rules", info_api_score_rules, "work.read", 0},
    {"PUT", "/api/v1/scores/rules", info_api_score_rules_put, "work.all", JSONR | HTTP_CSRF},

    /* the duty roster (值班表): shifts, leave, handovers (src/duty/) */
    {"GET", "/api/v1/duty", duty_api_roster, "login", 0},
    {"GET", "/api/v1/duty.xlsx", duty_api_xlsx, "login", 0},
    {"GET", "/api/v1/duty/now", duty_api_now, "login", 0},
    {"PUT", "/api/v1/duty/months/{month}", duty_api_month_put, "duty.manage", JSONR | HTTP_CSRF},
    {"POST", "/api/v1/duty/entries", duty_api_entry_create, "duty.manage", JSONR | HTTP_CSRF},
    {"DELETE", "/api/v1/duty/entries/{id}", duty_api_entry_delete, "duty.manage", HTTP_CSRF},
    {"GET", "/api/v1/duty/shifts", duty_api_shifts, "login", 0},
    {"PUT", "/api/v1/duty/shifts", duty_api_shifts_put, "duty.manage", JSONR | HTTP_CSRF},
    {"GET", "/api/v1/duty/leave", duty_api_leave, "login", 0},
    {"POST", "/api/v1/duty/leave", duty_api_leave_create, "duty.manage", JSONR | HTTP_CSRF},
    {"DELETE", "/api/v1/duty/leave/{id}", duty_api_leave_delete, "duty.manage", HTTP_CSRF},
    {"GET", "/api/v1/duty/handovers", duty_api_handovers, "login", 0},
    {"POST", "/api/v1/duty/handovers", duty_api_handover_create, "duty.manage", JSONR | HTTP_CSRF},
    {"GET", "/api/v1/duty/handovers/{id}", duty_api_handover, "login", 0},
    {"POST", "/api/v1/duty/handovers/{id}/acknowledge", duty_api_handover_ack, "duty.manage", JSON | HTTP_CSRF},

    /* meetings: the rules of procedure as data */
    {"GET", "/api/v1/meetings/types", meet_api_types, "workflow.read", 0},
    {"PUT", "/api/v1/meetings/types", meet_api_types_put, "procedure.manage", JSONR | HTTP_CSRF},
    {"GET", "/api/v1/meetings", meet_api_list, "work.read", 0},
    {"POST", "/api/v1/me/calendar", meet_api_feed_create, "work.read", JSON | HTTP_CSRF},
    {"DELETE", "/api/v1/me/calendar", meet_api_feed_revoke, "work.read", HTTP_CSRF},
    {"GET", "/api/v1/me/calendar.ics", meet_api_feed_ics, NULL, 0},
    {"POST", "/api/v1/meetings", meet_api_create, "work.all", JSONR | HTTP_CSRF},
    {"GET", "/api/v1/meetings/{id}.ics", meet_api_ics, "work.read", 0},
    {"GET", "/api/v1/meetings/{id}", meet_api_get, "work.read", 0},
    {"POST", "/api/v1/meetings/{id}/actions/{action}", meet_api_act, "work.read", JSON | HTTP_CSRF},
    {"POST", "/api/v1/meetings/{id}/attendance", meet_api_attendance, "work.read", JSONR | HTTP_CSRF},
    {"PUT", "/api/v1/meetings/{id}/minutes", meet_api_minutes_put, "work.all", JSONR | HTTP_CSRF},
    {"GET", "/api/v1/meetings/{id}/minutes.pdf", meet_api_minutes_pdf, "work.read", 0},
    {"POST", "/api/v1/meetings/{id}/minutes/document", meet_api_minutes_document, "work.all",
     JSONR | HTTP_CSRF},
    {"GET", "/api/v1/meetings/{id}/agenda", meet_api_agenda, "work.read", 0},
    {"POST", "/api/v1/meetings/{id}/agenda", meet_api_agenda_add, "work.read", JSONR | HTTP_CSRF},
    {"POST", "/api/v1/meetings/{id}/agenda/{n}/actions/{action}", meet_api_agenda_act, "work.read", JSON | HTTP_CSRF},
    {"POST", "/api/v1/meetings/{id}/agenda/{n}/vote", meet_api_vote, "work.read", JSONR | HTTP_CSRF},
    {"POST", "/api/v1/meetings/{id}/agenda/{n}/tasks", meet_api_decision_task, "work.all", JSONR | HTTP_CSRF},
    {"POST", "/api/v1/meetings/{id}/agenda/{n}/materials", meet_api_materials_add, "work.read",
     HTTP_BODY_FORM | HTTP_BODY_UPLOAD | HTTP_CSRF},
    {"GET", "/api/v1/meetings/{id}/agenda/{n}/materials/{mid}", meet_api_material, "work.read", 0},
    /* the portal (src/portal): open to anyone when the office publishes it (public-if) */
    {"GET", "/api/v1/articles", portal_api_list, PORTAL_READ, 0},
    {"POST", "/api/v1/articles", portal_api_create, "portal.edit", JSONR | HTTP_CSRF},
    {"GET", "/api/v1/articles/{id}", portal_api_get, PORTAL_READ, 0},
    {"PATCH", "/api/v1/articles/{id}", portal_api_update, "portal.edit", JSONR | HTTP_CSRF},
    {"GET", "/api/v1/articles/{id}/comments", portal_api_comments, PORTAL_READ, 0},
    /* an anonymous comment (when allowed) carries the captcha; a signed-in one the CSRF token */
    {"POST", "/api/v1/articles/{id}/comments", portal_api_comment_add, PORTAL_READ, JSONR | HTTP_CSRF},
    {"POST", "/api/v1/articles/{id}/comments/{cid}/actions/{action}", portal_api_comment_act, "portal.edit", JSON | HTTP_CSRF},
    {"GET", "/api/v1/portal/sections", portal_api_sections, PORTAL_READ, 0},
    {"GET", "/api/v1/portal/comments", portal_api_held, "portal.edit", 0},
    {"GET", "/api/v1/portal/settings", portal_api_settings, "portal.edit", 0},
    {"PUT", "/api/v1/portal/settings", portal_api_settings, "portal.edit", JSONR | HTTP_CSRF},
    {"GET", "/api/v1/portal/links", portal_api_links, PORTAL_READ, 0},
    {"PUT", "/api/v1/portal/links", portal_api_links, "portal.edit", JSONR | HTTP_CSRF},
    {"POST", "/api/v1/captcha", portal_api_captcha, NULL, JSON},
    /* membership: anyone applies (with the captcha); the system administrator decides */
    {"POST", "/api/v1/members", portal_api_member_apply, NULL, JSONR},
    {"GET", "/api/v1/members", portal_api_members, "users.manage", 0},
    {"POST", "/api/v1/members/{id}/actions/{action}", portal_api_member_act, "users.manage", JSON | HTTP_CSRF},
    {"GET", "/api/v1/tasks/{id}", tasks_api_get, "work.read", 0},
    /* a report or a closure request may come as multipart with its files */
    {"POST", "/api/v1/tasks/{id}/actions/{action}", tasks_api_act, "work.read",
     JSON | HTTP_BODY_UPLOAD | HTTP_CSRF},
    {"GET", "/api/v1/tasks/{id}/attachments/{aid}", tasks_api_attachment, "work.read", 0},
    {"POST", "/api/v1/instructions/{id}/scan", tasks_api_scan_put, "work.all",
     HTTP_BODY_FORM | HTTP_BODY_UPLOAD | HTTP_CSRF},
    {"GET", "/api/v1/instructions/{id}/scan", tasks_api_scan, "work.read", 0},
    {"GET", "/api/v1/calendar", tasks_api_calendar, "login", 0},
    {"GET", "/api/v1/notifications", tasks_api_notifications, "login", 0},
    {"POST", "/api/v1/notifications/{id}/read", tasks_api_notification_read, "login", HTTP_CSRF},

    /* auth: pages */
    {"GET", "/login", auth_page_login, NULL, 0},
    {"POST", "/login", auth_page_login_post, NULL, HTTP_BODY_FORM},
    {"POST", "/logout", auth_page_logout_post, "session", FORM},
    {"GET", "/password", auth_page_password, "session", 0},
    {"POST", "/password", auth_page_password_post, "session", FORM},
    {"GET", "/profile", auth_page_profile, "login", 0},
    {"POST", "/profile/tokens", auth_page_token_create, "login", FORM},
    {"POST", "/profile/tokens/{id}/revoke", auth_page_token_revoke, "login", FORM},
    {"GET", "/admin/users", auth_page_users, "users.manage", 0},
    {"GET", "/admin/users/new", auth_page_user_new, "users.manage", 0},
    {"POST", "/admin/users", auth_page_user_create, "users.manage", FORM},
    {"GET", "/admin/users/{id}", auth_page_user, "users.manage", 0},
    {"POST", "/admin/users/{id}", auth_page_user_update, "users.manage", FORM},
    {"POST", "/admin/users/{id}/password", auth_page_user_reset_password, "users.manage", FORM},
    {"POST", "/admin/users/{id}/unlock", auth_page_user_unlock, "users.manage", FORM},
    {"GET", "/admin/members", portal_page_members, "users.manage", 0},
    {"POST", "/admin/members/{id}/actions/{action}", portal_page_member_act, "users.manage", FORM},
    {"GET", "/security/roles", auth_page_roles, "roles.manage", 0},
    {"POST", "/security/users/{id}/roles", auth_page_roles_post, "roles.manage", FORM},
    {"GET", "/security/policy", auth_page_policy, "policy.manage", 0},
    {"POST", "/security/policy", auth_page_policy_post, "policy.manage", FORM},
    {"GET", "/audit", auth_page_audit, "audit.read", 0},
    {"GET", "/audit/verify", auth_page_audit_verify, "audit.read", 0},

    /* org: pages (org_pages.c, org_edit_pages.c) */
    {"GET", "/org", org_page_overview, "org.read", 0},
    {"GET", "/org/division", org_page_division, "org.read", 0},
    {"GET", "/org/matrix", org_page_matrix, "org.read", 0},
    {"GET", "/org/history", org_page_history, "org.read", 0},
    {"GET", "/org/route", org_page_route, "org.read", 0},
    {"GET", "/org/departments", org_page_departments, "org.read", 0},
    {"POST", "/org/departments/{id}", org_page_department_post, "org.manage", FORM},
    {"GET", "/org/units", org_page_directory, "org.read", 0},
    {"GET", "/org/units/new", org_page_unit_new, "org.manage", 0},
    {"POST", "/org/units", org_page_unit_create, "org.manage", FORM},
    {"GET", "/org/units/{id}", org_page_unit, "org.read", 0},
    {"POST", "/org/units/{id}", org_page_unit_post, "org.manage", FORM},
    {"GET", "/org/leaders/new", org_page_leader_new, "org.manage", 0},
    {"POST", "/org/leaders", org_page_leader_create, "org.manage", FORM},
    {"GET", "/org/leaders/{id}", org_page_leader, "org.read", 0},
    {"POST", "/org/leaders/{id}", org_page_leader_post, "org.manage", FORM},
    {"GET", "/org/changes/new", org_page_change_new, "org.manage", 0},
    {"POST", "/org/changes", org_page_change_post, "org.manage", FORM},
    {"GET", "/org/domains", org_page_domains, "org.manage", 0},
    {"POST", "/org/domains", org_page_domain_create, "org.manage", FORM},
    {"POST", "/org/domains/{id}", org_page_domain_post, "org.manage", FORM},
    {"GET", "/org/import", org_page_import, "org.manage", 0},
    {"POST", "/org/import", org_page_import_post, "org.manage",
     HTTP_BODY_FORM | HTTP_BODY_UPLOAD | HTTP_CSRF},
    {"GET", "/security/routing", org_page_rules, "routing.manage", 0},
    {"POST", "/security/routing", org_page_rule_create, "routing.manage", FORM},
    {"POST", "/security/routing/{id}", org_page_rule_post, "routing.manage", FORM},
    {"POST", "/security/routing/{id}/delete", org_page_rule_delete, "routing.manage", FORM},

    /* documents: pages (docs_pages.c, docs_doc_pages.c) */
    {"GET", "/documents", docs_page_list, "work.read", 0},
    {"POST", "/documents", docs_page_create, "work.write", FORM},
    {"GET", "/documents/new", docs_page_new, "work.write", 0},
    {"GET", "/documents/board", docs_page_board, "work.all", 0},
    {"GET", "/documents/{id}", docs_page_doc, "work.read", 0},
    {"GET", "/documents/{id}/sheet.pdf", docs_page_sheet_pdf, "work.read", 0},
    {"POST", "/documents/{id}", docs_page_update, "work.write", FORM},
    {"GET", "/documents/{id}/edit", docs_page_edit, "work.write", 0},
    {"POST", "/documents/{id}/actions/{action}", docs_page_act, "work.read", FORM},
    {"POST", "/documents/{id}/attachments", docs_page_attach, "work.write",
     HTTP_BODY_FORM | HTTP_BODY_UPLOAD | HTTP_CSRF},
    {"GET", "/search", docs_page_search_page, "work.read", 0},

    /* supervision: pages (src/tasks) */
    {"GET", "/tasks", tasks_page_list, "work.read", 0},
    {"POST", "/tasks", tasks_page_create, "work.all", FORM},
    {"GET", "/tasks/new", tasks_page_new, "work.all", 0},
    {"GET", "/tasks/stats", tasks_page_stats, "work.read", 0},
    /* information */
    {"GET", "/reports", info_page_reports, "work.read", 0},
    {"GET", "/reports/new", info_page_report_new, "work.read", 0},
    {"POST", "/reports/new", info_page_report_create, "work.read", FORM},
    {"GET", "/reports/{id}", info_page_report, "work.read", 0},
    {"POST", "/reports/{id}/actions/{action}", info_page_report_step, "work.read", FORM},
    {"POST", "/reports/{id}/instruct", info_page_report_instruct, "work.instruct", FORM},
    {"GET", "/bulletins", info_page_bulletins, "work.read", 0},
    {"GET", "/issues/new", info_page_issue_new, "work.all", 0},
    {"POST", "/issues/new", info_page_issue_create, "work.all", FORM},
    {"GET", "/issues/{id}", info_page_issue, "work.read", 0},
    {"POST", "/issues/{id}/actions/{action}", info_page_issue_step, "work.all", FORM},
    {"POST", "/issues/{id}/read", info_page_issue_read, "work.read", FORM},
    {"GET", "/incidents", alert_page_list, "work.read", 0},
    {"GET", "/incidents/new", alert_page_new, "work.all", 0},
    {"POST", "/incidents/new", alert_page_create, "work.all", FORM},
    {"GET", "/incidents/{id}", alert_page_incident, "work.read", 0},
    {"POST", "/incidents/{id}/actions/{action}", alert_page_step, "work.read", FORM},
    {"POST", "/incidents/{id}/instruct", alert_page_instruct, "work.instruct", FORM},
    {"GET", "/activities", info_page_activities, "work.read", 0},
    {"POST", "/activities", info_page_activity_create, "work.all", FORM},
    {"POST", "/activities/{id}/delete", info_page_activity_delete, "work.all", FORM},
    {"GET", "/scores", info_page_scores, "work.read", 0},
    /* the duty roster (src/duty/duty_pages.c) */
    {"GET", "/duty", duty_page, "login", 0},
    {"GET", "/duty/print", duty_page_print, "login", 0},
    {"POST", "/duty/entries", duty_page_entry_create, "duty.manage", FORM},
    {"POST", "/duty/entries/{id}/delete", duty_page_entry_delete, "duty.manage", FORM},
    {"POST", "/duty/leave", duty_page_leave_create, "duty.manage", FORM},
    {"POST", "/duty/leave/{id}/delete", duty_page_leave_delete, "duty.manage", FORM},
    {"POST", "/duty/handovers", duty_page_handover_create, "duty.manage", FORM},
    {"POST", "/duty/handovers/{id}/acknowledge", duty_page_handover_ack, "duty.manage", FORM},

    /* meetings */
    {"GET", "/meetings", meet_page_list, "work.read", 0},
    {"GET", "/meetings/new", meet_page_new, "work.all", 0},
    {"POST", "/meetings/new", meet_page_create, "work.all", FORM},
    {"GET", "/meetings/types", meet_page_types, "workflow.read", 0},
    {"GET", "/meetings/types/{code}/edit", meet_page_type_edit, "procedure.manage", 0},
    {"POST", "/meetings/types/{code}", meet_page_type_save, "procedure.manage", FORM},
    {"GET", "/meetings/{id}", meet_page_meeting, "work.read", 0},
    {"GET", "/meetings/{id}/seating", meet_page_seating, "work.read", 0},
    {"POST", "/meetings/{id}/actions/{action}", meet_page_step, "work.read", FORM},
    {"POST", "/meetings/{id}/attendance", meet_page_attendance, "work.read", FORM},
    {"POST", "/meetings/{id}/agenda", meet_page_agenda_add, "work.read", FORM},
    {"POST", "/meetings/{id}/agenda/{n}/actions/{action}", meet_page_agenda_step, "work.read", FORM},
    {"POST", "/meetings/{id}/agenda/{n}/vote", meet_page_vote, "work.read", FORM},
    {"POST", "/meetings/{id}/agenda/{n}/tasks", meet_page_decision, "work.all", FORM},
    {"POST", "/meetings/{id}/agenda/{n}/materials", meet_page_materials, "work.read",
     HTTP_BODY_FORM | HTTP_BODY_UPLOAD | HTTP_CSRF},
    {"POST", "/meetings/{id}/minutes", meet_page_minutes, "work.all", FORM},
    {"POST", "/meetings/{id}/minutes/document", meet_page_minutes_document, "work.all", FORM},
    {"GET", "/agenda/{id}", meet_page_agenda_item, "work.read", 0},
    {"GET", "/tasks/policy", tasks_page_policy, "work.all", 0},
    {"POST", "/tasks/policy", tasks_page_policy_post, "work.all", FORM},
    {"GET", "/tasks/{id}", tasks_page_task, "work.read", 0},
    {"POST", "/tasks/{id}/actions/{action}", tasks_page_act, "work.read", FORM | HTTP_BODY_UPLOAD},
    {"GET", "/instructions/new", tasks_page_record_form, "work.all", 0},
    {"POST", "/instructions", tasks_page_record, "work.all", FORM | HTTP_BODY_UPLOAD},
    {"GET", "/instructions/{id}/tasks", tasks_page_split_form, "work.all", 0},
    {"POST", "/instructions/{id}/tasks", tasks_page_split, "work.all", FORM},
    /* the portal (src/portal): literal paths before /portal/{section} */
    {"GET", "/portal", portal_page_home, PORTAL_READ, 0},
    {"GET", "/portal/manage", portal_page_manage, "portal.edit", 0},
    {"GET", "/portal/register", portal_page_register, NULL, 0},
    {"POST", "/portal/register", portal_page_register_post, NULL, HTTP_BODY_FORM},
    {"POST", "/portal/manage/settings", portal_page_settings_post, "portal.edit", FORM},
    {"POST", "/portal/manage/links", portal_page_links_post, "portal.edit", FORM},
    {"GET", "/portal/articles/new", portal_page_new, "portal.edit", 0},
    {"POST", "/portal/articles", portal_page_create, "portal.edit", FORM},
    {"GET", "/portal/articles/{id}", portal_page_article, PORTAL_READ, 0},
    {"GET", "/portal/articles/{id}/edit", portal_page_edit, "portal.edit", 0},
    {"POST", "/portal/articles/{id}", portal_page_update, "portal.edit", FORM},
    /* an anonymous comment carries the captcha; a signed-in one the CSRF token */
    {"POST", "/portal/articles/{id}/comments", portal_page_comment, PORTAL_READ, FORM},
    {"POST", "/portal/articles/{id}/comments/{cid}/actions/{action}", portal_page_comment_act, "portal.edit", FORM},
    {"GET", "/portal/{section}", portal_page_section, PORTAL_READ, 0},
    {"GET", "/portal/{section}/feed.atom", portal_feed, PORTAL_READ, 0},
    {"GET", "/notifications", tasks_page_notifications, "login", 0},
    {"POST", "/notifications/{id}/read", tasks_page_notification_read, "login", FORM},
};
/* clang-format on */

const gsize mishu_n_routes = G_N_ELEMENTS(mishu_routes);

#ifdef MISHU_TESTING
/* Routes that exist only for the test suites: in the test build only (MISHU_TESTING), served
 * there when MISHU_TEST_ROUTES=1 (site_testing.c …). Not part of the public API. */
const HttpRoute mishu_test_routes[] = {
    {"POST", "/api/v1/_test/echo", site_test_echo, NULL, HTTP_BODY_JSON},
    {"POST", "/_test/form", site_test_echo, NULL, HTTP_BODY_FORM | HTTP_BODY_UPLOAD},
    {"POST", "/api/v1/_test/items", site_test_item_create, "work.write", JSONR | HTTP_CSRF},
    {"GET", "/api/v1/_test/items/{id}", site_test_item_get, "work.read", 0},
    {"GET", "/api/v1/_test/captcha/{id}", site_test_captcha, NULL, 0},
    {"POST", "/api/v1/_test/numbers", site_test_number, NULL, JSONR},
    {"POST", "/api/v1/_test/jobs", site_test_jobs_create, NULL, JSONR},
    {"GET", "/api/v1/_test/jobs", site_test_jobs, NULL, 0},
    {"POST", "/api/v1/_test/events", work_events_test_publish, NULL, JSONR},
    {"POST", "/api/v1/_test/events/drop", work_events_test_drop, NULL, 0},
    {"POST", "/api/v1/_test/chase", tasks_test_chase, NULL, JSONR},
    {"POST", "/api/v1/_test/docs_remind", docs_test_remind, NULL, JSONR},
    {"POST", "/api/v1/_test/clock", alert_test_clock, NULL, JSONR},
    {"POST", "/api/v1/_test/escalate", alert_test_escalate, NULL, JSONR},
};

const gsize mishu_n_test_routes = G_N_ELEMENTS(mishu_test_routes);
#endif

void mishu_register(void)
{
	work_flow_register_builtins();
	docs_flow_register();
	tasks_flow_register();
	meet_flow_register();
	info_flow_register();
	alert_flow_register();
}
