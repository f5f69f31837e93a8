/*
 * duty_change.c — changing the roster all or nothing: a whole month (PUT) or entries added one
 * by one (POST). Every row is checked on its own (the date, the shift, the role, a person who
 * may serve, the phone), then against the other rows, the rest of the roster and the leave;
 * each refused row gets its reason, and nothing is stored unless every row passes.
 */
#define G_LOG_DOMAIN "mishu-duty"

#include "duty/duty_internal.h"
#include "core/core.h"

#include <string.h>

/* One row of a change, checked. */
typedef struct Row {
	int index;     /* in the request; -1 for an entry already on the roster */
	char date[11]; /* YYYY-MM-DD */
	const char *shift_code, *shift_name, *phone;
	DutySlot slot;
	const char *name; /* the person's display name (borrowed from the people cache) */
} Row;

/* Adds the refusal of row INDEX (CODE "invalid" or "conflict") on FIELD with MESSAGE (already
 * in the request's language) to PROBLEMS. */
static void refuse(json_t *problems, int index, const char *code, const char *field,
                   const char *message)
{
	json_array_append_new(problems, json_pack("{s:i, s:s, s:s, s:s}", "index", index, "code",
	                                          code, "field", field, "message", message));
}

/* The account USER_ID as the roster needs it, cached in PEOPLE: {username, name, phone,
 * staff, leader, disabled}. Borrowed; NULL with ERR. */
static json_t *person_of(DbConn *c, GHashTable *people, gint64 user_id, GError **err)
{
	json_t *p = g_hash_table_lookup(people, &user_id);
	g_autoptr(json_t) roles = NULL;
	gint64 *key;
	json_t *r;
	size_t i;

	if (p)
		return p;
	p = work_row(WORK_ERRORS, c, err, N_("There is no account with this name."),
	             "SELECT username, display_name AS name, COALESCE(phone, '') AS phone, "
	             "disabled FROM user_account WHERE id = ?",
	             "i", user_id);
	if (p == NULL)
		return NULL;
	if ((roles = duty_rows(c, err, "SELECT role FROM user_role WHERE user_id = ?", "i",
	                       user_id)) == NULL) {
		json_decref(p);
		return NULL;
	}
	json_object_set_new(p, "staff", json_false());
	json_object_set_new(p, "leader", json_false());
	json_array_foreach (roles, i, r) {
		const char *role = json_string_value(json_object_get(r, "role"));
		if (g_strcmp0(role, "staff") == 0 || g_strcmp0(role, "leader") == 0)
			json_object_set_new(p, role, json_true());
	}
	key = g_new(gint64, 1);
	*key = user_id;
	g_hash_table_insert(people, key, p);
	return p;
}

/* Checks row I of the request, OBJ, into R with SHIFTS; a refusal goes to PROBLEMS (and
 * returns TRUE: the other rows are still checked). FALSE only on a database failure. */
static gboolean check_row(DbConn *c, GHashTable *people, json_t *shifts, const char *month, int i,
                          json_t *obj, Row *r, json_t *problems, gboolean *ok, GError **err)
{
	const char *date = json_string_value(json_object_get(obj, "date"));
	const char *role = json_string_value(json_object_get(obj, "role"));
	json_t *phone = json_object_get(obj, "phone"), *shift, *p;
	const char *field = NULL;
	GError *e = NULL;
	gint64 user = 0;

	*ok = FALSE;
	memset(r, 0, sizeof *r);
	r->index = i;
	if (!json_is_object(obj)) {
		refuse(problems, i, "invalid", "entries", core_tr_now(N_("Send a JSON object.")));
		return TRUE;
	}
	if (!core_date_valid(date)) {
		refuse(problems, i, "invalid", "date",
		       core_tr_now(N_("Give the date as YYYY-MM-DD.")));
		return TRUE;
	}
	if (month && strncmp(date, month, 7) != 0) {
		refuse(problems, i, "invalid", "date",
		       core_tr_now(N_("This date is not in the month being edited.")));
		return TRUE;
	}
	g_strlcpy(r->date, date, sizeof r->date);
	shift = duty_shift_find(shifts, json_string_value(json_object_get(obj, "shift")));
	if (shift == NULL) {
		refuse(problems, i, "invalid", "shift", core_tr_now(N_("There is no such shift.")));
		return TRUE;
	}
	r->shift_code = json_string_value(json_object_get(shift, "code"));
	r->shift_name = json_string_value(json_object_get(shift, "name"));
	if (g_strcmp0(role, "leader") != 0 && g_strcmp0(role, "officer") != 0) {
		refuse(problems, i, "invalid", "role",
		       core_tr_now(N_("The role is leader (带班领导) or officer (值班员).")));
		return TRUE;
	}
	r->slot.leader = strcmp(role, "leader") == 0;
	if (!work_ref_resolve(WORK_ERRORS, WORK_ERROR_INVALID, c, WORK_REF_USER, "user",
	                      json_object_get(obj, "user"), &user, &field, &e)) {
		if (e->code == WORK_ERROR_DB) {
			g_propagate_error(err, e);
			return FALSE;
		}
		refuse(problems, i, "invalid", "user", core_tr_now(e->message));
		g_error_free(e);
		return TRUE;
	}
	if (user == 0) {
		refuse(problems, i, "invalid", "user",
		       core_tr_now(N_("Choose the person on duty.")));
		return TRUE;
	}
	if ((p = person_of(c, people, user, err)) == NULL)
		return FALSE;
	r->name = json_string_value(json_object_get(p, "name"));
	/* 值班员 are the office's staff; 带班 is led by an office leader or a 常委 */
	if (json_integer_value(json_object_get(p, "disabled")) ||
	    !(json_is_true(json_object_get(p, "staff")) ||
	      (r->slot.leader && json_is_true(json_object_get(p, "leader"))))) {
		refuse(problems, i, "invalid", "user",
		       core_tr_now(r->slot.leader
		                       ? N_("Only office staff or a leader can lead a shift.")
		                       : N_("Only office staff can be duty officers.")));
		return TRUE;
	}
	if (phone == NULL || json_is_null(phone) ||
	    (json_is_string(phone) && core_text_blank(json_string_value(phone)))) {
		r->phone = json_string_value(json_object_get(p, "phone"));
	} else if (!json_is_string(phone) ||
	           g_utf8_strlen(json_string_value(phone), -1) > DUTY_PHONE_MAX) {
		refuse(problems, i, "invalid", "phone",
		       core_tr_now(N_("Give a phone number of at most 30 characters.")));
		return TRUE;
	} else {
		r->phone = json_string_value(phone);
	}
	r->slot.user = user;
	if (!duty_shift_span(shift, date, &r->slot.start, &r->slot.end)) {
		refuse(problems, i, "invalid", "shift",
		       core_tr_now(N_("This shift's times are malformed.")));
		return TRUE;
	}
	*ok = TRUE;
	return TRUE;
}

/* The reason row A may not join the roster beside row B (already accepted or on the roster),
 * or NULL. g_free. */
static char *clash_reason(const Row *a, const Row *b)
{
	switch (duty_slot_clash(&a->slot, &b->slot)) {
	case DUTY_CLASH_OVERLAP:
		return g_strdup_printf(
		    core_tr_now(N_("%s would be on two shifts at once: %s %s and %s %s.")), a->name,
		    a->date, a->shift_name, b->date, b->shift_name);
	case DUTY_CLASH_NO_REST:
		return g_strdup_printf(
		    core_tr_now(N_("%s would be on duty twice in a row without rest: %s %s and "
		                   "%s %s.")),
		    a->name, b->date, b->shift_name, a->date, a->shift_name);
	case DUTY_CLASH_NONE:
		break;
	}
	if (a->slot.leader && b->slot.leader && a->slot.user != b->slot.user &&
	    strcmp(a->date, b->date) == 0 && g_strcmp0(a->shift_code, b->shift_code) == 0)
		return g_strdup_printf(core_tr_now(N_("%s %s already has a leader in charge: %s.")),
		                       a->date, a->shift_name, b->name);
	return NULL;
}

/* Loads into KEPT the entries on the roster from FROM to TO that stay (those outside MONTH when
 * a month is replaced), as rows. FALSE with ERR. */
static gboolean load_kept(DbConn *c, GHashTable *people, json_t *shifts, const char *from,
                          const char *to, const char *month, GArray *kept, GError **err)
{
	g_autoptr(json_t) rows = duty_entries(c, from, to, err);
	json_t *e;
	size_t i;

	if (rows == NULL)
		return FALSE;
	json_array_foreach (rows, i, e) {
		const char *date = json_string_value(json_object_get(e, "date"));
		json_t *shift =
		    duty_shift_find(shifts, json_string_value(json_object_get(e, "shift")));
		json_t *p;
		Row r = {.index = -1};

		if ((month && strncmp(date, month, 7) == 0) || shift == NULL)
			continue;
		if ((p = person_of(c, people, json_integer_value(json_object_get(e, "user_id")),
		                   err)) == NULL)
			return FALSE;
		g_strlcpy(r.date, date, sizeof r.date);
		r.shift_code = json_string_value(json_object_get(shift, "code"));
		r.shift_name = json_string_value(json_object_get(shift, "name"));
		r.name = json_string_value(json_object_get(p, "name"));
		r.slot.user = json_integer_value(json_object_get(e, "user_id"));
		r.slot.leader =
		    g_strcmp0(json_string_value(json_object_get(e, "role")), "leader") == 0;
		if (duty_shift_span(shift, date, &r.slot.start, &r.slot.end))
			g_array_append_val(kept, r);
	}
	return TRUE;
}

/* The day before (N -1) or after (N 1) DAY. g_free. */
static char *day_next(const char *day, int n)
{
	GDate d;

	core_date_parse(day, &d);
	if (n < 0)
		g_date_subtract_days(&d, 1);
	else
		g_date_add_days(&d, 1);
	return core_date_format(&d);
}

/* Checks the accepted ROWS against each other, KEPT and the leave; refusals to PROBLEMS. */
static gboolean check_conflicts(DbConn *c, GArray *rows, GArray *kept, json_t *problems,
                                GError **err)
{
	for (guint i = 0; i < rows->len; i++) {
		Row *a = &g_array_index(rows, Row, i);
		g_autoptr(json_t) leave = duty_leave_of(c, a->slot.user, a->date, a->date, err);
		g_autofree char *why = NULL;

		if (leave == NULL)
			return FALSE;
		if (json_array_size(leave) > 0) {
			json_t *l = json_array_get(leave, 0);
			why = g_strdup_printf(
			    core_tr_now(
			        N_("%s is on leave from %s to %s (%s) and cannot be on duty "
			           "on %s.")),
			    a->name, json_string_value(json_object_get(l, "from")),
			    json_string_value(json_object_get(l, "to")),
			    json_string_value(json_object_get(l, "reason")), a->date);
		}
		for (guint k = 0; why == NULL && k < i; k++)
			why = clash_reason(a, &g_array_index(rows, Row, k));
		for (guint k = 0; why == NULL && k < kept->len; k++)
			why = clash_reason(a, &g_array_index(kept, Row, k));
		if (why)
			refuse(problems, a->index, "conflict", "user", why);
	}
	return TRUE;
}

/* Sets ERR from the first of PROBLEMS (422 while any row is malformed, else 409) and *FIELD
 * to "entries". */
static gboolean fail_problems(json_t *problems, const char **field, GError **err)
{
	json_t *p, *first = NULL;
	size_t i;
	int code = WORK_ERROR_CONFLICT;

	json_array_foreach (problems, i, p)
		if (strcmp(json_string_value(json_object_get(p, "code")), "invalid") == 0) {
			code = WORK_ERROR_INVALID;
			if (first == NULL)
				first = p;
		}
	if (first == NULL)
		first = json_array_get(problems, 0);
	g_set_error_literal(err, WORK_ERROR, code,
	                    json_string_value(json_object_get(first, "message")));
	*field = "entries";
	return FALSE;
}

gboolean duty_roster_change(DbConn *c, const AuthUser *u, const DutyChange *ch, gint64 *id,
                            json_t **problems, const char **field, GError **err)
{
	g_autoptr(GHashTable) people =
	    g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, (GDestroyNotify)json_decref);
	g_autoptr(GArray) rows = g_array_new(FALSE, TRUE, sizeof(Row));
	g_autoptr(GArray) kept = g_array_new(FALSE, TRUE, sizeof(Row));
	g_autoptr(json_t) shifts = NULL, bumped = NULL;
	g_autofree char *lo = NULL, *hi = NULL, *from = NULL, *to = NULL;
	json_t *obj;
	size_t i;

	*id = 0;
	*problems = json_array();
	if (!json_is_array(ch->entries))
		return duty_fail(err, field, WORK_ERROR_INVALID, "entries",
		                 N_("List the roster's entries."));
	if (json_array_size(ch->entries) > DUTY_ENTRIES_MAX)
		return duty_fail(err, field, WORK_ERROR_INVALID, "entries",
		                 N_("A change holds at most 1000 entries."));
	/* every change takes the one counter row first: concurrent edits run one after the
	 * other (PostgreSQL holds the row lock until commit), and a stale revision is refused */
	bumped =
	    duty_rows(c, err, "UPDATE duty_revision SET n = n + 1 WHERE id = 1 RETURNING n", NULL);
	if (bumped == NULL)
		return FALSE;
	if (ch->revision >= 0 &&
	    json_integer_value(json_object_get(json_array_get(bumped, 0), "n")) - 1 != ch->revision)
		return duty_fail(err, field, WORK_ERROR_CONFLICT, "revision",
		                 N_("Someone changed the roster since you read it: reload it and "
		                    "make your change again."));
	if ((shifts = duty_shifts(c, err)) == NULL)
		return FALSE;
	json_array_foreach (ch->entries, i, obj) {
		Row r;
		gboolean ok;

		if (!check_row(c, people, shifts, ch->month, (int)i, obj, &r, *problems, &ok, err))
			return FALSE;
		if (!ok)
			continue;
		g_array_append_val(rows, r);
		if (lo == NULL || strcmp(r.date, lo) < 0)
			g_free(lo), lo = g_strdup(r.date);
		if (hi == NULL || strcmp(r.date, hi) > 0)
			g_free(hi), hi = g_strdup(r.date);
	}
	if (json_array_size(*problems) > 0)
		return fail_problems(*problems, field, err);
	if (ch->month) {
		g_autofree char *first = g_strdup_printf("%s-01", ch->month);
		GDate d;

		/* the month's old entries go: delete them before the new ones are stored */
		core_date_parse(first, &d);
		g_date_add_months(&d, 1);
		g_date_subtract_days(&d, 1);
		g_autofree char *last = core_date_format(&d);
		if (!duty_exec(c, NULL, err, "DELETE FROM duty_entry WHERE day >= ? AND day <= ?",
		               "ss", first, last))
			return FALSE;
	}
	if (rows->len == 0)
		return TRUE;
	/* a shift reaches into the next day at most: the neighbours of the range are enough */
	from = day_next(lo, -1);
	to = day_next(hi, 1);
	if (!load_kept(c, people, shifts, from, to, ch->month, kept, err) ||
	    !check_conflicts(c, rows, kept, *problems, err))
		return FALSE;
	if (json_array_size(*problems) > 0)
		return fail_problems(*problems, field, err);
	for (guint k = 0; k < rows->len; k++) {
		Row *r = &g_array_index(rows, Row, k);
		if (!duty_exec(
		        c, id, err,
		        "INSERT INTO duty_entry (day, shift, role, user_id, phone, created_by, "
		        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
		        "sssisii", r->date, r->shift_code, r->slot.leader ? "leader" : "officer",
		        r->slot.user, r->phone, u->id, core_now()))
			return FALSE;
	}
	return TRUE;
}
