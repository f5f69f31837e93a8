/*
 * meet_web.h — the web side of meetings: API handlers (meet_api.c).
 */
#ifndef MISHU_MEET_WEB_H
#define MISHU_MEET_WEB_H

#include "auth/auth_web.h"
#include "meet/meet.h"

/* GET /api/v1/meetings/types: the meeting types with each rule also in words. */
void meet_api_types(HttpRequest *req, HttpResponse *res);
/* PUT /api/v1/meetings/types: replaces them (secadmin), audited (meet.types). */
void meet_api_types_put(HttpRequest *req, HttpResponse *res);

#endif
