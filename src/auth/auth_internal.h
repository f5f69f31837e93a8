/*
 * auth_internal.h — helpers shared by the files of src/auth/ only; nothing outside auth includes
 * this header.
 */
#ifndef MISHU_AUTH_INTERNAL_H
#define MISHU_AUTH_INTERNAL_H

#include "auth/auth.h"

/* Captchas live this long (seconds) from creation: older ones neither draw nor pass. */
#define AUTH_CAPTCHA_TTL 600

/* Initialises libsodium once (thread-safe). FALSE when it cannot be used (no entropy source);
 * every auth function that needs randomness or hashing calls it first. (auth_password.c) */
gboolean auth_sodium_ready(void);

/* A valid Argon2id hash of a random, forgotten password, computed once (thread-safe). Verify
 * against it when a username does not exist, so that a sign-in takes the same time either way.
 * Static string; NULL only when libsodium failed. (auth_password.c) */
const char *auth_password_dummy_hash(void);

/* Checks every field of P against its range and the cross-field rules (lockout threshold not
 * below captcha_after, absolute session limit not below the idle one). FALSE with
 * AUTH_ERROR_INVALID and *FIELD (g_free, may be NULL) naming the field. (auth_policy.c) */
gboolean auth_policy_validate(const AuthPolicy *p, char **field, GError **err);

/* Sets ERR to AUTH_ERROR_DB for the database failure CAUSE (logged as a warning with its
 * details, then freed): the message is a fixed msgid, the details stay in the log. */
static inline void auth_error_from_db(GError **err, GError *cause)
{
	g_warning("auth: database: %s", cause ? cause->message : "unknown error");
	g_clear_error(&cause);
	g_set_error_literal(err, AUTH_ERROR, AUTH_ERROR_DB,
	                    "The database is not available right now. Please try again later.");
}

#endif
