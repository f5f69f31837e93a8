/*
 * auth_audit.c — the hash-chained audit trail: appending entries, verifying the chain, and the
 * `mishu audit verify` command. Reading the trail (query, CSV and XLSX export) lives in
 * auth_audit_export.c.
 *
 * The trail is append-only and tamper-evident (等保2.0 level 3): every entry carries the hash of
 * the entry before it, ids are gapless (audit_head.last_id + 1, assigned in the appending
 * transaction), and audit_head records the last id and hash, so a modified, inserted, deleted or
 * truncated entry is found by audit_verify.
 *
 * ---- The canonical form (what an external auditor re-implements) ----------------------------
 *
 * For each row of table `audit`, taken in ascending id order:
 *
 *   content = the compact JSON array, built from the stored columns,
 *             [id, at, actor_id, actor, address, action, object_kind, object_id, summary, detail]
 *     - id, at: JSON integers (decimal, no leading zeros, '-' for negatives);
 *     - actor_id, object_kind, object_id, detail: JSON null when the column is NULL;
 *     - actor_id is an integer, every other value a JSON string;
 *     - detail is a JSON *string* whose value is the column's text exactly as stored (the text
 *       itself is compact JSON with keys sorted by their UTF-8 bytes, written once at append
 *       time by jansson's json_dumps(JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY); the
 *       verifier never re-serializes it);
 *     - compact: no whitespace at all; elements separated by ',' only;
 *     - strings are UTF-8, not ASCII-escaped: '"' and '\' are written \" and \\, the controls
 *       U+0008, U+000C, U+000A, U+000D, U+0009 as \b \f \n \r \t, every other control below
 *       U+0020 as \u00XX with UPPERCASE hex digits (e.g. \u001F); nothing else is escaped
 *       (not '/', not U+007F, not U+2028/U+2029).
 *   hash    = lowercase hex of BLAKE2b with a 32-byte output and no key (libsodium
 *             crypto_generichash) over the bytes
 *             prev_hash || 0x00 || content
 *             where prev_hash is the previous entry's `hash` column as ASCII text ('' for the
 *             first entry, id 1).
 *
 * An entry is intact when its id is the previous id + 1 (the first is 1), its prev_hash column
 * equals the previous entry's hash column ('' for the first), and its hash column equals the hash
 * computed above. The trail is intact when every entry is, and audit_head (id = 1) holds the
 * last entry's id and hash (last_id = 0 and last_hash = '' when the trail is empty).
 *
 * Example: a first entry id 1, at 1700000000, actor_id NULL, actor '-', address '-', action
 * 'system.start', no object, summary '启动', detail NULL has
 *   content = [1,1700000000,null,"-","-","system.start",null,null,"启动",null]
 *   hash    = hex(BLAKE2b-256("" || 0x00 || content)).
 */
#include "auth/auth.h"
#include "core/core.h"

#include <sodium.h>
#include <string.h>

#define AUDIT_HASH_HEX (crypto_generichash_BYTES * 2 + 1) /* 64 hex digits and the NUL */

/* One entry's stored columns, for hashing. NULL strings are SQL NULL. */
typedef struct {
	gint64 id;
	gint64 at;
	gint64 actor_id;
	gboolean has_actor_id;
	const char *actor;
	const char *address;
	const char *action;
	const char *object_kind;
	const char *object_id;
	const char *summary;
	const char *detail;
	const char *prev_hash;
} AuditRow;

/* Sets ERR to AUTH_ERROR_DB saying WHAT failed, with the database's own message, and frees
 * DBERR. */
static void db_failed(GError **err, GError *dberr, const char *what)
{
	g_set_error(err, AUTH_ERROR, AUTH_ERROR_DB, "%s: %s", what,
	            dberr ? dberr->message : "unknown database error");
	g_clear_error(&dberr);
}

/* Appends S (or null when S is NULL) to array A; FALSE when S is not valid UTF-8. */
static gboolean append_str(json_t *a, const char *s)
{
	return json_array_append_new(a, s ? json_string(s) : json_null()) == 0;
}

/*
 * Computes ROW's hash as documented at the top of this file into HEX (AUDIT_HASH_HEX bytes).
 * FALSE when a stored string is not valid UTF-8 (it cannot have been written by audit_append).
 */
static gboolean row_hash(const AuditRow *row, char hex[AUDIT_HASH_HEX])
{
	crypto_generichash_state st;
	unsigned char bin[crypto_generichash_BYTES];
	json_t *a = json_array();
	char *content = NULL;
	gboolean ok;

	ok = json_array_append_new(a, json_integer(row->id)) == 0;
	ok = ok && json_array_append_new(a, json_integer(row->at)) == 0;
	ok = ok && json_array_append_new(a, row->has_actor_id ? json_integer(row->actor_id)
	                                                      : json_null()) == 0;
	ok = ok && append_str(a, row->actor) && append_str(a, row->address);
	ok = ok && append_str(a, row->action) && append_str(a, row->object_kind);
	ok = ok && append_str(a, row->object_id) && append_str(a, row->summary);
	ok = ok && append_str(a, row->detail);
	if (!ok)
		goto out;
	content = json_dumps(a, JSON_COMPACT);
	if (content == NULL) {
		ok = FALSE;
		goto out;
	}
	crypto_generichash_init(&st, NULL, 0, sizeof bin);
	crypto_generichash_update(&st, (const unsigned char *)row->prev_hash,
	                          strlen(row->prev_hash));
	crypto_generichash_update(&st, (const unsigned char *)"", 1);
	crypto_generichash_update(&st, (const unsigned char *)content, strlen(content));
	crypto_generichash_final(&st, bin, sizeof bin);
	sodium_bin2hex(hex, AUDIT_HASH_HEX, bin, sizeof bin);
out:
	free(content);
	json_decref(a);
	return ok;
}

/* S as valid UTF-8 (invalid sequences replaced by U+FFFD), or FALLBACK when S is NULL. g_free. */
static char *clean_text(const char *s, const char *fallback)
{
	if (s == NULL)
		return fallback ? g_strdup(fallback) : NULL;
	return g_utf8_make_valid(s, -1);
}

/* ---- appending ------------------------------------------------------------------------------ */

/*
 * Appends E as entry last_id + 1. Text fields are stored as valid UTF-8 (a username typed at the
 * sign-in form may not be); the detail as its canonical JSON text. The head row is updated only
 * if it still holds the last_id read here, so two writers can never both extend the same entry
 * (on PostgreSQL the UPDATE also makes the second writer wait for the first).
 */
gboolean audit_append(DbConn *c, const AuditEntry *e, GError **err)
{
	GError *dberr = NULL;
	DbStmt *s = NULL;
	AuditRow row = {0};
	char *actor = NULL, *address = NULL, *action = NULL, *kind = NULL, *oid = NULL;
	char *summary = NULL, *detail = NULL, *last_hash = NULL;
	char hash[AUDIT_HASH_HEX];
	gint64 last_id;
	gboolean ok = FALSE;

	if (!db_in_transaction(c)) {
		g_set_error_literal(err, AUTH_ERROR, AUTH_ERROR_DB,
		                    "audit_append must be called inside a write transaction");
		goto out;
	}
	if (e == NULL || e->action == NULL || *e->action == '\0' || e->summary == NULL ||
	    *e->summary == '\0') {
		g_set_error_literal(err, AUTH_ERROR, AUTH_ERROR_INVALID,
		                    "an audit entry needs an action and a summary");
		goto out;
	}
	if (sodium_init() < 0) {
		g_set_error_literal(err, AUTH_ERROR, AUTH_ERROR_DB, "libsodium failed to start");
		goto out;
	}
	if (e->detail != NULL) {
		detail = json_dumps(e->detail, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
		if (detail == NULL) {
			g_set_error_literal(err, AUTH_ERROR, AUTH_ERROR_INVALID,
			                    "the audit detail cannot be written as JSON");
			goto out;
		}
	}

	s = db_prepare(c, "SELECT last_id, last_hash FROM audit_head WHERE id = 1", &dberr);
	if (s == NULL) {
		db_failed(err, dberr, "cannot read the audit head");
		goto out;
	}
	switch (db_step(s, &dberr)) {
	case DB_ROW:
		last_id = db_col_int(s, 0);
		last_hash = g_strdup(db_col_text(s, 1) ? db_col_text(s, 1) : "");
		break;
	case DB_DONE:
		g_set_error_literal(err, AUTH_ERROR, AUTH_ERROR_DB,
		                    "the audit head row is missing");
		goto out;
	default:
		db_failed(err, dberr, "cannot read the audit head");
		goto out;
	}
	g_clear_pointer(&s, db_finish);

	actor = clean_text(e->actor, "-");
	address = clean_text(e->address, "-");
	action = clean_text(e->action, NULL);
	kind = clean_text(e->object_kind, NULL);
	oid = clean_text(e->object_id, NULL);
	summary = clean_text(e->summary, NULL);
	row = (AuditRow){
	    .id = last_id + 1,
	    .at = core_now(),
	    .actor_id = e->actor_id,
	    .has_actor_id = e->actor_id != 0,
	    .actor = actor,
	    .address = address,
	    .action = action,
	    .object_kind = kind,
	    .object_id = oid,
	    .summary = summary,
	    .detail = detail,
	    .prev_hash = last_hash,
	};
	if (!row_hash(&row, hash)) {
		g_set_error_literal(err, AUTH_ERROR, AUTH_ERROR_INVALID,
		                    "the audit entry cannot be encoded");
		goto out;
	}

	s = db_prepare(
	    c, "UPDATE audit_head SET last_id = ?, last_hash = ? WHERE id = 1 AND last_id = ?",
	    &dberr);
	if (s == NULL) {
		db_failed(err, dberr, "cannot update the audit head");
		goto out;
	}
	db_bind_int(s, 1, row.id);
	db_bind_text(s, 2, hash);
	db_bind_int(s, 3, last_id);
	if (db_step(s, &dberr) != DB_DONE) {
		db_failed(err, dberr, "cannot update the audit head");
		goto out;
	}
	if (db_changes(c) != 1) {
		g_set_error_literal(err, AUTH_ERROR, AUTH_ERROR_DB,
		                    "the audit trail was extended concurrently; try again");
		goto out;
	}
	g_clear_pointer(&s, db_finish);

	s = db_prepare(c,
	               "INSERT INTO audit (id, at, actor_id, actor, address, action, object_kind, "
	               "object_id, summary, detail, prev_hash, hash) "
	               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	               &dberr);
	if (s == NULL) {
		db_failed(err, dberr, "cannot write the audit entry");
		goto out;
	}
	db_bind_int(s, 1, row.id);
	db_bind_int(s, 2, row.at);
	if (row.has_actor_id)
		db_bind_int(s, 3, row.actor_id);
	else
		db_bind_null(s, 3);
	db_bind_text(s, 4, row.actor);
	db_bind_text(s, 5, row.address);
	db_bind_text(s, 6, row.action);
	db_bind_text(s, 7, row.object_kind);
	db_bind_text(s, 8, row.object_id);
	db_bind_text(s, 9, row.summary);
	db_bind_text(s, 10, row.detail);
	db_bind_text(s, 11, row.prev_hash);
	db_bind_text(s, 12, hash);
	if (db_step(s, &dberr) != DB_DONE) {
		db_failed(err, dberr, "cannot write the audit entry");
		goto out;
	}
	ok = TRUE;
out:
	db_finish(s);
	g_free(actor);
	g_free(address);
	g_free(action);
	g_free(kind);
	g_free(oid);
	g_free(summary);
	g_free(last_hash);
	free(detail);
	return ok;
}

gboolean audit_log(Db *db, const AuditEntry *e, GError **err)
{
	GError *dberr = NULL;
	DbConn *c = db_conn(db, &dberr);

	if (c == NULL || !db_begin(c, TRUE, &dberr)) {
		db_failed(err, dberr, "cannot start the audit transaction");
		return FALSE;
	}
	if (!audit_append(c, e, err)) {
		db_rollback(c);
		return FALSE;
	}
	if (!db_commit(c, &dberr)) {
		db_failed(err, dberr, "cannot commit the audit entry");
		return FALSE;
	}
	return TRUE;
}

/* ---- verifying ------------------------------------------------------------------------------ */

/* Records the first problem in OUT. */
static void G_GNUC_PRINTF(3, 4) found(AuditVerify *out, gint64 bad_id, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	out->bad_id = bad_id;
	out->problem = g_strdup_vprintf(fmt, ap);
	va_end(ap);
}

/* Compares the head row with the last entry walked (LAST_ID 0 and LAST_HASH '' when none). */
static gboolean check_head(DbConn *c, gint64 last_id, const char *last_hash, AuditVerify *out,
                           GError **err)
{
	GError *dberr = NULL;
	DbStmt *s = db_prepare(c, "SELECT last_id, last_hash FROM audit_head WHERE id = 1", &dberr);
	gint64 head_id;
	const char *head_hash;
	gboolean ok = FALSE;

	if (s == NULL) {
		db_failed(err, dberr, "cannot read the audit head");
		goto out;
	}
	switch (db_step(s, &dberr)) {
	case DB_ROW:
		break;
	case DB_DONE:
		found(out, last_id + 1, "the audit head is missing");
		ok = TRUE;
		goto out;
	default:
		db_failed(err, dberr, "cannot read the audit head");
		goto out;
	}
	head_id = db_col_int(s, 0);
	head_hash = db_col_text(s, 1) ? db_col_text(s, 1) : "";
	if (head_id > last_id)
		found(out, last_id + 1, "entries after %" G_GINT64_FORMAT " were deleted", last_id);
	else if (head_id < last_id)
		found(out, head_id + 1,
		      "entry %" G_GINT64_FORMAT
		      " was inserted (after the recorded end of the trail)",
		      head_id + 1);
	else if (strcmp(head_hash, last_hash) != 0 && last_id == 0)
		found(out, 1, "the audit head was modified (the trail is empty)");
	else if (strcmp(head_hash, last_hash) != 0)
		found(out, last_id,
		      "entry %" G_GINT64_FORMAT " was modified (the head records another hash)",
		      last_id);
	ok = TRUE;
out:
	db_finish(s);
	return ok;
}

/*
 * Walks every entry by ascending id in one read transaction (a consistent snapshot, so appends
 * running meanwhile are simply not seen), keeping only the previous entry's id and hash: constant
 * memory however long the trail. Stops at the first problem. Per entry, in this order: the id
 * must be the previous + 1 (else the next expected id "is missing", or an id below it "was
 * inserted"); prev_hash must equal the previous hash ("was inserted", which is also how a
 * predecessor rewritten with a correctly recomputed hash shows); the stored hash must equal the
 * recomputed one ("was modified"). Finally the head must name the last entry.
 */
gboolean audit_verify(Db *db, AuditVerify *out, GError **err)
{
	GError *dberr = NULL;
	DbConn *c;
	DbStmt *s = NULL;
	char prev_hash[AUDIT_HASH_HEX] = "";
	char hash[AUDIT_HASH_HEX];
	gint64 prev_id = 0;
	gboolean ok = FALSE;
	DbStep st;

	memset(out, 0, sizeof *out);
	if (sodium_init() < 0) {
		g_set_error_literal(err, AUTH_ERROR, AUTH_ERROR_DB, "libsodium failed to start");
		return FALSE;
	}
	c = db_conn(db, &dberr);
	if (c == NULL || !db_begin(c, FALSE, &dberr)) {
		db_failed(err, dberr, "cannot read the audit trail");
		return FALSE;
	}
	s = db_prepare(c,
	               "SELECT id, at, actor_id, actor, address, action, object_kind, object_id, "
	               "summary, detail, prev_hash, hash FROM audit ORDER BY id",
	               &dberr);
	if (s == NULL) {
		db_failed(err, dberr, "cannot read the audit trail");
		goto out;
	}
	while ((st = db_step(s, &dberr)) == DB_ROW) {
		const char *stored_prev = db_col_text(s, 10) ? db_col_text(s, 10) : "";
		const char *stored_hash = db_col_text(s, 11) ? db_col_text(s, 11) : "";
		AuditRow row = {
		    .id = db_col_int(s, 0),
		    .at = db_col_int(s, 1),
		    .actor_id = db_col_int(s, 2),
		    .has_actor_id = !db_col_is_null(s, 2),
		    .actor = db_col_text(s, 3),
		    .address = db_col_text(s, 4),
		    .action = db_col_text(s, 5),
		    .object_kind = db_col_text(s, 6),
		    .object_id = db_col_text(s, 7),
		    .summary = db_col_text(s, 8),
		    .detail = db_col_text(s, 9),
		    .prev_hash = stored_prev,
		};

		out->checked++;
		if (row.id > prev_id + 1) {
			found(out, prev_id + 1, "entry %" G_GINT64_FORMAT " is missing",
			      prev_id + 1);
			break;
		}
		if (row.id < prev_id + 1) {
			found(out, row.id, "entry %" G_GINT64_FORMAT " was inserted (out of order)",
			      row.id);
			break;
		}
		if (strcmp(stored_prev, prev_hash) != 0 && prev_id == 0) {
			found(out, row.id, "entry 1 was inserted (its prev_hash is not empty)");
			break;
		}
		if (strcmp(stored_prev, prev_hash) != 0) {
			found(out, row.id,
			      "entry %" G_GINT64_FORMAT " was inserted (it does not chain to entry "
			      "%" G_GINT64_FORMAT ", or that entry was rewritten)",
			      row.id, prev_id);
			break;
		}
		if (!row_hash(&row, hash) || strcmp(hash, stored_hash) != 0) {
			found(out, row.id, "entry %" G_GINT64_FORMAT " was modified", row.id);
			break;
		}
		prev_id = row.id;
		memcpy(prev_hash, hash, sizeof prev_hash);
	}
	if (st == DB_ERROR) {
		db_failed(err, dberr, "cannot read the audit trail");
		goto out;
	}
	g_clear_pointer(&s, db_finish);
	if (out->bad_id == 0 && !check_head(c, prev_id, prev_hash, out, err))
		goto out;
	ok = TRUE;
out:
	db_finish(s);
	db_rollback(c);
	if (!ok)
		audit_verify_clear(out);
	return ok;
}

void audit_verify_clear(AuditVerify *v)
{
	if (v == NULL)
		return;
	g_clear_pointer(&v->problem, g_free);
	v->checked = 0;
	v->bad_id = 0;
}

/* ---- command line --------------------------------------------------------------------------- */

static void cli_usage(void)
{
	g_printerr("usage: mishu audit verify --db URL\n"
	           "  verify   check the hash chain of the whole audit trail\n");
}

/*
 * `mishu audit verify --db URL`. ARGV is copied before option parsing, so the caller's array
 * is left as it was. Refuses a SQLite path that does not exist (db_open would create it).
 */
int audit_cli(int argc, char **argv)
{
	g_autofree char *url = NULL;
	g_autofree char *target = NULL;
	gboolean help = FALSE;
	const GOptionEntry entries[] = {
	    {"db", 0, 0, G_OPTION_ARG_STRING, &url, "database URL", "URL"},
	    {"help", 'h', 0, G_OPTION_ARG_NONE, &help, "show this help", NULL},
	    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	GOptionContext *ctx = NULL;
	GError *error = NULL;
	char **args = NULL;
	Db *db = NULL;
	AuditVerify v = {0};
	DbKind kind;
	int rc = 2;

	if (argc < 2 || argv == NULL || strcmp(argv[1], "verify") != 0) {
		if (argc >= 2 && argv != NULL)
			g_printerr("mishu audit: unknown command '%s'\n", argv[1]);
		cli_usage();
		goto out;
	}
	args = g_new0(char *, argc);
	for (int i = 1; i < argc; i++)
		args[i - 1] = g_strdup(argv[i]);
	ctx = g_option_context_new("- verify the audit trail");
	g_option_context_set_help_enabled(ctx, FALSE);
	g_option_context_add_main_entries(ctx, entries, NULL);
	if (!g_option_context_parse_strv(ctx, &args, &error)) {
		g_printerr("mishu audit verify: %s\n", error->message);
		cli_usage();
		goto out;
	}
	if (help) {
		cli_usage();
		rc = 0;
		goto out;
	}
	if (g_strv_length(args) > 1 || url == NULL || *url == '\0') {
		if (url == NULL || *url == '\0')
			g_printerr("mishu audit verify: --db is required\n");
		else
			g_printerr("mishu audit verify: unexpected argument '%s'\n", args[1]);
		cli_usage();
		goto out;
	}
	if (!db_url_parse(url, &kind, &target, &error))
		goto fail;
	if (kind == DB_SQLITE && !g_file_test(target, G_FILE_TEST_IS_REGULAR)) {
		g_printerr("mishu audit verify: no database at %s\n", target);
		goto out;
	}
	db = db_open(url, &error);
	if (db == NULL || !audit_verify(db, &v, &error))
		goto fail;
	if (v.bad_id == 0) {
		g_print("audit trail intact: %" G_GINT64_FORMAT " entries\n", v.checked);
		rc = 0;
	} else {
		g_print("audit trail broken at entry %" G_GINT64_FORMAT ": %s\n", v.bad_id,
		        v.problem);
		rc = 1;
	}
	goto out;
fail:
	g_printerr("mishu audit verify: %s\n", error->message);
out:
	audit_verify_clear(&v);
	db_close(db);
	g_clear_error(&error);
	g_strfreev(args);
	if (ctx != NULL)
		g_option_context_free(ctx);
	return rc;
}
