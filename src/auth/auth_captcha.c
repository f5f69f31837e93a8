/*
 * auth_captcha.c — single-use image captchas for sign-in after repeated failures: a random id,
 * a five-character answer from an alphabet without look-alikes, drawn distorted with cairo and
 * pango. Rows live in the captcha table for AUTH_CAPTCHA_TTL seconds at most.
 */
#define G_LOG_DOMAIN "mishu-auth"

#include "auth/auth.h"
#include "auth/auth_internal.h"
#include "core/core.h"

#include <cairo.h>
#include <pango/pangocairo.h>
#include <sodium.h>
#include <string.h>

#define ANSWER_LEN 5
#define IMAGE_W    180
#define IMAGE_H    60

/* Capitals and digits that cannot be mistaken for one another, even rotated and crossed out:
 * no 0/O/Q/D-like, 1/I/L, 2/Z, 5/S, 6/G, 8/B, U/V. Answers compare upper-cased. */
static const char alphabet[] = "ACDEFHJKMNPRTWXY3479";

static gint64 now_s(void)
{
	return core_now();
}

/* ---- creating and checking -------------------------------------------------------------- */

/* Makes a random URL-safe id (16 bytes, 22 characters) and answer, stores them and drops the
 * captchas that have expired, all in one write transaction. */
char *auth_captcha_new(Db *db, GError **err)
{
	unsigned char raw[16];
	char id[sodium_base64_ENCODED_LEN(sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
	char answer[ANSWER_LEN + 1];
	gint64 now = now_s();
	GError *dberr = NULL;
	DbConn *c;

	if (!auth_sodium_ready()) {
		g_set_error_literal(err, AUTH_ERROR, AUTH_ERROR_DB,
		                    N_("The random number generator is not available."));
		return NULL;
	}
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(id, sizeof id, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	for (int i = 0; i < ANSWER_LEN; i++)
		answer[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
	answer[ANSWER_LEN] = '\0';

	c = db_conn(db, &dberr);
	if (c == NULL || !db_begin(c, TRUE, &dberr))
		goto fail;
	{
		g_autoptr(DbStmt) del =
		    db_prepare(c, "DELETE FROM captcha WHERE created_at <= ?", &dberr);

		if (del == NULL)
			goto fail;
		db_bind_int(del, 1, now - AUTH_CAPTCHA_TTL);
		if (db_step(del, &dberr) == DB_ERROR)
			goto fail;
	}
	{
		g_autoptr(DbStmt) ins = db_prepare(
		    c, "INSERT INTO captcha (id, answer, created_at) VALUES (?, ?, ?)", &dberr);

		if (ins == NULL)
			goto fail;
		db_bind_text(ins, 1, id);
		db_bind_text(ins, 2, answer);
		db_bind_int(ins, 3, now);
		if (db_step(ins, &dberr) == DB_ERROR)
			goto fail;
	}
	if (!db_commit(c, &dberr))
		goto fail;
	return g_strdup(id);

fail:
	if (c)
		db_rollback(c);
	auth_error_from_db(err, dberr);
	return NULL;
}

/* Writes the upper-cased ANSWER without white space into OUT (OUT_SIZE bytes). Full-width forms
 * typed with a Chinese input method (Ａ, ３, the ideographic space) count as their ASCII
 * equivalents. FALSE when it does not fit, i.e. cannot be a right answer anyway. */
static gboolean normalize_answer(const char *answer, char *out, gsize out_size)
{
	gsize n = 0;

	if (answer == NULL || !g_utf8_validate(answer, -1, NULL))
		return FALSE;
	for (const char *p = answer; *p; p = g_utf8_next_char(p)) {
		gunichar ch = g_utf8_get_char(p);

		if (g_unichar_isspace(ch) || ch == 0x3000)
			continue;
		if (ch >= 0xFF01 && ch <= 0xFF5E)
			ch -= 0xFEE0; /* full-width ASCII */
		if (ch >= 0x80 || n + 1 >= out_size)
			return FALSE;
		out[n++] = g_ascii_toupper((char)ch);
	}
	out[n] = '\0';
	return TRUE;
}

/* Deletes captcha ID and returns its row (DELETE … RETURNING: SQLite ≥ 3.35 and PostgreSQL), so
 * two concurrent checks of one captcha cannot both see it. */
gboolean auth_captcha_check(DbConn *c, const char *id, const char *answer)
{
	char given[32], stored[ANSWER_LEN + 1] = "";
	gint64 created_at = 0;
	gboolean found = FALSE;
	GError *dberr = NULL;
	DbStep st;

	if (id == NULL || !auth_sodium_ready())
		return FALSE;

	g_autoptr(DbStmt) s =
	    db_prepare(c, "DELETE FROM captcha WHERE id = ? RETURNING answer, created_at", &dberr);
	if (s == NULL)
		goto dbfail;
	db_bind_text(s, 1, id);
	while ((st = db_step(s, &dberr)) == DB_ROW) {
		const char *a = db_col_text(s, 0);

		if (a && strlen(a) == ANSWER_LEN) {
			memcpy(stored, a, ANSWER_LEN + 1);
			created_at = db_col_int(s, 1);
			found = TRUE;
		}
	}
	if (st == DB_ERROR)
		goto dbfail;

	if (!found || created_at <= now_s() - AUTH_CAPTCHA_TTL)
		return FALSE;
	if (!normalize_answer(answer, given, sizeof given) || strlen(given) != ANSWER_LEN)
		return FALSE;
	return sodium_memcmp(given, stored, ANSWER_LEN) == 0;

dbfail:
	/* no GError in this signature: the caller's transaction fails on its next statement */
	g_warning("captcha check: %s", dberr ? dberr->message : "unknown error");
	g_clear_error(&dberr);
	return FALSE;
}

/* The answer of an unexpired captcha ID (g_free), NULL when there is none or on ERR. */
static char *captcha_answer(Db *db, const char *id, GError **err)
{
	GError *dberr = NULL;
	DbConn *c;
	DbStep st;

	if (id == NULL)
		return NULL;
	c = db_conn(db, &dberr);
	if (c == NULL) {
		auth_error_from_db(err, dberr);
		return NULL;
	}

	g_autoptr(DbStmt) s =
	    db_prepare(c, "SELECT answer FROM captcha WHERE id = ? AND created_at > ?", &dberr);
	if (s == NULL) {
		auth_error_from_db(err, dberr);
		return NULL;
	}
	db_bind_text(s, 1, id);
	db_bind_int(s, 2, now_s() - AUTH_CAPTCHA_TTL);
	st = db_step(s, &dberr);
	if (st == DB_ERROR) {
		auth_error_from_db(err, dberr);
		return NULL;
	}
	return st == DB_ROW ? g_strdup(db_col_text(s, 0)) : NULL;
}

#ifdef MISHU_TESTING
char *auth_captcha_answer_for_tests(Db *db, const char *id)
{
	g_autoptr(GError) err = NULL;

	return captcha_answer(db, id, &err);
}
#endif

/* ---- drawing ---------------------------------------------------------------------------- */

/* A uniformly random double in [LO, HI). */
static double rnd(double lo, double hi)
{
	return lo + (hi - lo) * (randombytes_uniform(1u << 24) / (double)(1u << 24));
}

/* A light, slightly varied background with a diagonal gradient and speckles. */
static void draw_background(cairo_t *cr)
{
	cairo_pattern_t *g = cairo_pattern_create_linear(0, 0, IMAGE_W, IMAGE_H);

	cairo_pattern_add_color_stop_rgb(g, 0, rnd(0.88, 0.98), rnd(0.88, 0.98), rnd(0.88, 0.98));
	cairo_pattern_add_color_stop_rgb(g, 1, rnd(0.85, 0.97), rnd(0.85, 0.97), rnd(0.85, 0.97));
	cairo_set_source(cr, g);
	cairo_paint(cr);
	cairo_pattern_destroy(g);

	for (int i = 0; i < 350; i++) {
		double grey = rnd(0.45, 0.85);

		cairo_set_source_rgba(cr, grey, grey, rnd(0.45, 0.9), rnd(0.3, 0.8));
		cairo_rectangle(cr, rnd(0, IMAGE_W), rnd(0, IMAGE_H), 1.2, 1.2);
		cairo_fill(cr);
	}
}

/* A random curve from the left edge to the right edge, through the text band. */
static void draw_curve(cairo_t *cr, double width, double alpha)
{
	cairo_set_source_rgba(cr, rnd(0.1, 0.5), rnd(0.1, 0.5), rnd(0.1, 0.5), alpha);
	cairo_set_line_width(cr, width);
	cairo_move_to(cr, rnd(-5, 15), rnd(10, IMAGE_H - 10));
	cairo_curve_to(cr, rnd(30, 80), rnd(-10, IMAGE_H + 10), rnd(100, 150),
	               rnd(-10, IMAGE_H + 10), rnd(IMAGE_W - 15, IMAGE_W + 5),
	               rnd(10, IMAGE_H - 10));
	cairo_stroke(cr);
}

/*
 * Each character in its own slot: random dark colour, size, stretch, rotation (±25°) and height.
 * Pango lays the text out once, at one size and with an identity matrix; every distortion is a
 * cairo transformation. (Random sizes or a rotated pango context would each be a new entry in
 * the font map's caches, which grow without bound: about 130 KiB per image.) Call it while the
 * CTM is the identity.
 */
static void draw_text(cairo_t *cr, const char *answer)
{
	PangoLayout *layout = pango_cairo_create_layout(cr);
	PangoFontDescription *font =
	    pango_font_description_from_string("Noto Sans CJK SC,DejaVu Sans Bold");
	double slot = (IMAGE_W - 20.0) / ANSWER_LEN;

	pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD);
	pango_font_description_set_absolute_size(font, 32 * PANGO_SCALE);
	pango_layout_set_font_description(layout, font);
	pango_font_description_free(font);
	for (int i = 0; answer[i]; i++) {
		PangoRectangle ink;
		double size = rnd(0.85, 1.2);

		pango_layout_set_text(layout, answer + i, 1);
		pango_layout_get_pixel_extents(layout, &ink, NULL);

		cairo_save(cr);
		cairo_translate(cr, 10 + slot * (i + 0.5) + rnd(-3, 3), IMAGE_H / 2.0 + rnd(-6, 6));
		cairo_rotate(cr, rnd(-25, 25) * G_PI / 180.0);
		cairo_scale(cr, size * rnd(0.85, 1.15), size * rnd(0.9, 1.1));
		/* centre the glyph's ink box on the origin */
		cairo_move_to(cr, -(ink.x + ink.width / 2.0), -(ink.y + ink.height / 2.0));
		cairo_set_source_rgb(cr, rnd(0.0, 0.35), rnd(0.0, 0.3), rnd(0.05, 0.4));
		pango_cairo_show_layout(cr, layout);
		cairo_restore(cr);
	}
	g_object_unref(layout);
}

static cairo_status_t png_write(void *closure, const unsigned char *data, unsigned int length)
{
	g_byte_array_append(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

/* The whole picture: background, two thick curves behind the text, the text, one thin curve
 * and dots over it. */
static GBytes *render_png(const char *answer)
{
	cairo_surface_t *surface =
	    cairo_image_surface_create(CAIRO_FORMAT_ARGB32, IMAGE_W, IMAGE_H);
	cairo_t *cr = cairo_create(surface);
	GByteArray *png = g_byte_array_new();
	cairo_status_t status;

	draw_background(cr);
	draw_curve(cr, rnd(1.5, 2.5), 0.6);
	draw_curve(cr, rnd(1.5, 2.5), 0.6);
	draw_text(cr, answer);
	draw_curve(cr, rnd(1.0, 1.8), 0.8);
	for (int i = 0; i < 60; i++) {
		cairo_set_source_rgba(cr, rnd(0, 0.5), rnd(0, 0.5), rnd(0, 0.5), rnd(0.4, 0.9));
		cairo_arc(cr, rnd(0, IMAGE_W), rnd(0, IMAGE_H), rnd(0.6, 1.4), 0, 2 * G_PI);
		cairo_fill(cr);
	}
	status = cairo_status(cr);
	cairo_destroy(cr);
	if (status == CAIRO_STATUS_SUCCESS)
		status = cairo_surface_write_to_png_stream(surface, png_write, png);
	cairo_surface_destroy(surface);
	if (status != CAIRO_STATUS_SUCCESS) {
		g_warning("captcha: cairo: %s", cairo_status_to_string(status));
		g_byte_array_unref(png);
		return NULL;
	}
	return g_byte_array_free_to_bytes(png);
}

/* Draws the captcha afresh on each call (a reload shows the same answer, drawn differently);
 * does not consume it. */
GBytes *auth_captcha_png(Db *db, const char *id, GError **err)
{
	g_autofree char *answer = NULL;
	GBytes *png;

	if (!auth_sodium_ready()) {
		g_set_error_literal(err, AUTH_ERROR, AUTH_ERROR_DB,
		                    N_("The random number generator is not available."));
		return NULL;
	}
	answer = captcha_answer(db, id, err);
	if (answer == NULL)
		return NULL;
	png = render_png(answer);
	if (png == NULL)
		g_set_error_literal(err, AUTH_ERROR, AUTH_ERROR_DB,
		                    N_("The captcha image could not be drawn."));
	return png;
}
