/*
 * auth_password.c — the password policy check, Argon2id hashing and verification (libsodium),
 * and the dummy hash that keeps sign-in timing equal for unknown usernames.
 */
#define G_LOG_DOMAIN "mishu-auth"

#include "auth/auth.h"
#include "auth/auth_internal.h"
#include "core/core.h"

#include <sodium.h>
#include <string.h>

/* ---- libsodium -------------------------------------------------------------------------- */

static gpointer sodium_init_once(gpointer unused)
{
	/* sodium_init(): 0 initialised now, 1 already, -1 unusable. g_once needs a non-NULL
	 * result, hence 1 for usable and 2 for not. */
	return GINT_TO_POINTER(sodium_init() >= 0 ? 1 : 2);
}

gboolean auth_sodium_ready(void)
{
	static GOnce once = G_ONCE_INIT;

	return GPOINTER_TO_INT(g_once(&once, sodium_init_once, NULL)) == 1;
}

/* ---- policy ----------------------------------------------------------------------------- */

enum { CLASS_LOWER = 1 << 0, CLASS_UPPER = 1 << 1, CLASS_DIGIT = 1 << 2, CLASS_OTHER = 1 << 3 };

/* The character classes present in the valid UTF-8 string S, as CLASS_* bits. Letters count by
 * their Unicode case (so é is lower-case); CJK and every other character count as "other". */
static guint password_classes(const char *s)
{
	guint classes = 0;

	for (const char *p = s; *p; p = g_utf8_next_char(p)) {
		gunichar ch = g_utf8_get_char(p);

		if (g_unichar_islower(ch))
			classes |= CLASS_LOWER;
		else if (g_unichar_isupper(ch) || g_unichar_istitle(ch))
			classes |= CLASS_UPPER;
		else if (g_unichar_isdigit(ch))
			classes |= CLASS_DIGIT;
		else
			classes |= CLASS_OTHER;
	}
	return classes;
}

/* TRUE when PASSWORD contains USERNAME, compared case-folded. Usernames shorter than three
 * characters are not checked (they would forbid too many passwords). */
static gboolean password_contains_username(const char *password, const char *username)
{
	if (username == NULL || !g_utf8_validate(username, -1, NULL) ||
	    g_utf8_strlen(username, -1) < 3)
		return FALSE;

	g_autofree char *p = g_utf8_casefold(password, -1);
	g_autofree char *u = g_utf8_casefold(username, -1);

	return strstr(p, u) != NULL;
}

gboolean auth_password_acceptable(const AuthPolicy *p, const char *username, const char *password,
                                  GError **err)
{
	if (password == NULL)
		password = "";
	if (!g_utf8_validate(password, -1, NULL)) {
		g_set_error_literal(
		    err, AUTH_ERROR, AUTH_ERROR_POLICY,
		    N_("The password contains characters that are not valid text."));
		return FALSE;
	}
	if (g_utf8_strlen(password, -1) < p->password_min_length) {
		g_set_error_literal(err, AUTH_ERROR, AUTH_ERROR_POLICY,
		                    N_("The password is too short."));
		return FALSE;
	}
	if ((int)__builtin_popcount(password_classes(password)) < p->password_min_classes) {
		g_set_error_literal(err, AUTH_ERROR, AUTH_ERROR_POLICY,
		                    N_("The password must mix more kinds of characters: lower-case "
		                       "letters, capitals, digits, other characters."));
		return FALSE;
	}
	if (password_contains_username(password, username)) {
		g_set_error_literal(err, AUTH_ERROR, AUTH_ERROR_POLICY,
		                    N_("The password must not contain the username."));
		return FALSE;
	}
	return TRUE;
}

/* ---- hashing ---------------------------------------------------------------------------- */

char *auth_password_hash(const char *password)
{
	char out[crypto_pwhash_STRBYTES];

	if (password == NULL || !auth_sodium_ready())
		return NULL;
	if (crypto_pwhash_str_alg(
	        out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	        crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
		return NULL; /* out of memory */
	return g_strdup(out);
}

gboolean auth_password_verify(const char *hash, const char *password)
{
	if (hash == NULL || password == NULL || *password == '\0' || !auth_sodium_ready())
		return FALSE;
	/* libsodium reads the string up to its NUL; a valid one is shorter than STRBYTES */
	if (strnlen(hash, crypto_pwhash_STRBYTES) >= crypto_pwhash_STRBYTES ||
	    !g_str_has_prefix(hash, "$argon2id$"))
		return FALSE;
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

/* Hashes a random password nobody knows, once: static storage, so nothing is ever freed. On
 * failure (out of memory) the result stays NULL for the life of the process. */
static gpointer dummy_hash_once(gpointer unused)
{
	static char hash[crypto_pwhash_STRBYTES];
	unsigned char secret[32];
	char text[sodium_base64_ENCODED_LEN(sizeof secret, sodium_base64_VARIANT_ORIGINAL)];

	if (!auth_sodium_ready())
		return NULL;
	randombytes_buf(secret, sizeof secret);
	sodium_bin2base64(text, sizeof text, secret, sizeof secret, sodium_base64_VARIANT_ORIGINAL);
	sodium_memzero(secret, sizeof secret);
	int rc =
	    crypto_pwhash_str_alg(hash, text, strlen(text), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                          crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13);
	sodium_memzero(text, sizeof text);
	return rc == 0 ? hash : NULL;
}

const char *auth_password_dummy_hash(void)
{
	static GOnce once = G_ONCE_INIT;

	return g_once(&once, dummy_hash_once, NULL);
}
