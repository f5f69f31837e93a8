/*
 * The one route table of the whole program (routes.c).
 */
#ifndef MISHU_ROUTES_H
#define MISHU_ROUTES_H

#include "http/http.h"

extern const HttpRoute mishu_routes[];
extern const gsize mishu_n_routes;

#ifdef MISHU_TESTING
/* The test-only routes (test build only; main.c adds them when MISHU_TEST_ROUTES=1). */
extern const HttpRoute mishu_test_routes[];
extern const gsize mishu_n_test_routes;
#endif

/* Registers every module's part in the layers below it (the workflow engine's item readers,
 * actors and hooks). Called once by main before any command runs; tests call it too. */
void mishu_register(void);

#endif
