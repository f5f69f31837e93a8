/*
 * org_import.c — importing units, accounts and assignments from CSV or Excel files. All or
 * nothing: every row is checked and written inside one write transaction, and the transaction
 * commits only when no row has a problem. Checks never rely on a constraint violation (which
 * would abort a PostgreSQL transaction and hide the later rows' problems): uniqueness within the
 * file and against the database is checked with queries first.
 */
#define G_LOG_DOMAIN "mishu-org"

#include "org/org_internal.h"
#include "org/org_web.h"
#include "core/core.h"
#include "core/table.h"

#include <string.h>

/* One column an import reads: its key, the Chinese header also accepted, whether required. */
typedef struct {
	const char *key, *zh;
	gboolean required;
} Column;

static const Column unit_cols[] = {
    {"code", "代码", TRUE},  {"name", "名称", TRUE},    {"short_name", "简称", FALSE},
    {"kind", "类别", FALSE}, {"domain", "领域", FALSE}, {"phone", "电话", FALSE},
    {"fax", "传真", FALSE},  {"email", "邮箱", FALSE},  {"address", "地址", FALSE},
    {NULL, NULL, FALSE},
};

static const Column user_cols[] = {
    {"username", "用户名", TRUE},  {"name", "姓名", TRUE},   {"unit", "单位代码", FALSE},
    {"department", "部门", FALSE}, {"title", "职务", FALSE}, {"phone", "电话", FALSE},
    {NULL, NULL, FALSE},
};

static const Column assignment_cols[] = {
    {"leader", "领导", TRUE},         {"domain", "领域", TRUE},  {"role", "分工", FALSE},
    {"valid_from", "生效日期", TRUE}, {"source", "依据", FALSE}, {NULL, NULL, FALSE},
};

/* The import in progress. */
typedef struct {
	DbConn *c;
	const char *lang;
	CoreTable *table;
	const Column *cols;
	int index[16];    /* column of each Column in the file, -1 when absent */
	json_t *problems; /* [{row, column, reason}] */
	json_t *accounts; /* users: [{username, temporary_password}] */
	gint64 created, updated;
} Import;

/* Records a problem at spreadsheet ROW (1 = header) in COLUMN (a header text) with the reason
 * MSGID translated. */
static void problem(Import *im, guint row, const char *column, const char *msgid)
{
	json_array_append_new(im->problems,
	                      json_pack("{s:I, s:s, s:s}", "row", (json_int_t)row, "column",
	                                column ? column : "", "reason", core_tr(im->lang, msgid)));
}

/* The cell of data row R (0-based, after the header) for column key KEY; "" when absent. */
static const char *cell(Import *im, guint r, const char *key)
{
	for (int i = 0; im->cols[i].key; i++)
		if (strcmp(im->cols[i].key, key) == 0)
			return im->index[i] < 0
			           ? ""
			           : core_table_cell(im->table, r + 1, (guint)im->index[i]);
	return "";
}

/* The header text of column KEY as the file spells it (for problems). */
static const char *header(Import *im, const char *key)
{
	for (int i = 0; im->cols[i].key; i++)
		if (strcmp(im->cols[i].key, key) == 0)
			return im->index[i] < 0
			           ? key
			           : core_table_cell(im->table, 0, (guint)im->index[i]);
	return key;
}

/* Maps the header row to the columns; records missing required columns. */
static void map_header(Import *im)
{
	guint n = core_table_n_cols(im->table, 0);

	for (int i = 0; im->cols[i].key; i++) {
		im->index[i] = -1;
		for (guint j = 0; j < n; j++) {
			g_autofree char *h = g_utf8_strdown(core_table_cell(im->table, 0, j), -1);
			if (strcmp(h, im->cols[i].key) == 0 || strcmp(h, im->cols[i].zh) == 0)
				im->index[i] = (int)j;
		}
		if (im->index[i] < 0 && im->cols[i].required)
			problem(im, 1, im->cols[i].key,
			        N_("This column is missing from the header row."));
	}
}

/* TRUE when data row R is entirely empty (skipped). */
static gboolean row_empty(Import *im, guint r)
{
	for (guint j = 0; j < core_table_n_cols(im->table, r + 1); j++)
		if (*core_table_cell(im->table, r + 1, j))
			return FALSE;
	return TRUE;
}

/* Records GError E (a save's refusal) at data row R, column FIELD; frees E. FALSE when it was
 * a database failure, which ends the import (the caller sets ERR from it). */
static gboolean save_problem(Import *im, guint r, const char *field, GError *e, GError **err)
{
	if (e->domain == ORG_ERROR && e->code == ORG_ERROR_DB) {
		g_propagate_error(err, e);
		return FALSE;
	}
	problem(im, r + 2, field ? header(im, field) : "", e->message);
	g_error_free(e);
	return TRUE;
}

/* ---- units -------------------------------------------------------------------------------- */

/* The unit kind code for TEXT: a code or its Chinese or English title; NULL when unknown. */
static const char *unit_kind(const char *text)
{
	for (gsize i = 0; org_unit_kinds[i]; i++) {
		const char *k = org_unit_kinds[i], *t = org_unit_kind_title(k);
		if (strcmp(text, k) == 0 || strcmp(text, t) == 0 ||
		    strcmp(text, core_tr(CORE_LANG_ZH, t)) == 0)
			return k;
	}
	return NULL;
}

static gboolean import_units(Import *im, GError **err)
{
	g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);

	for (guint r = 0; r + 1 < core_table_n_rows(im->table); r++) {
		const char *code = cell(im, r, "code"), *kind = cell(im, r, "kind"), *field = NULL;
		const char *keys[] = {"name", "short_name", "domain", "phone",
		                      "fax",  "email",      "address"};
		json_t *obj;
		GError *e = NULL;
		gint64 id = 0, out;
		gboolean ok;

		if (row_empty(im, r))
			continue;
		if (g_hash_table_contains(seen, code)) {
			problem(im, r + 2, header(im, N_("code")),
			        N_("This code appears twice in the file."));
			continue;
		}
		g_hash_table_add(seen, (gpointer)code);
		if (*kind && unit_kind(kind) == NULL) {
			problem(im, r + 2, header(im, N_("kind")),
			        N_("This is not a kind of unit mishu knows."));
			continue;
		}
		if (!org_exec(im->c, &id, err, "SELECT id FROM unit WHERE code = ?", "s", code))
			return FALSE;
		obj = json_pack("{s:s}", "code", code);
		for (gsize k = 0; k < G_N_ELEMENTS(keys); k++)
			if (*cell(im, r, keys[k]))
				json_object_set_new(obj, keys[k],
				                    json_string(cell(im, r, keys[k])));
		if (*kind)
			json_object_set_new(obj, "kind", json_string(unit_kind(kind)));
		if (id == 0 && json_object_get(obj, "name") == NULL)
			json_object_set_new(obj, "name", json_string(""));
		ok = org_unit_save(im->c, id, obj, &out, &field, &e);
		json_decref(obj);
		if (!ok && !save_problem(im, r, field, e, err))
			return FALSE;
		if (ok)
			id ? im->updated++ : im->created++;
	}
	return TRUE;
}

/* ---- users -------------------------------------------------------------------------------- */

static gboolean import_users(Import *im, GError **err)
{
	g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

	for (guint r = 0; r + 1 < core_table_n_rows(im->table); r++) {
		const char *username = cell(im, r, "username");
		g_autofree char *lower = g_ascii_strdown(username, -1);
		g_autofree char *password = NULL;
		AuthUserSpec spec = {0};
		AuthUser *have;
		GError *e = NULL;
		gint64 id;

		if (row_empty(im, r))
			continue;
		if (g_hash_table_contains(seen, lower)) {
			problem(im, r + 2, header(im, N_("username")),
			        N_("This username appears twice in the file."));
			continue;
		}
		g_hash_table_add(seen, g_strdup(lower));
		if ((have = auth_user_load_by_name(im->c, username, &e)) != NULL) {
			auth_user_free(have);
			problem(im, r + 2, header(im, N_("username")),
			        N_("This username is already taken."));
			continue;
		}
		if (e->domain != AUTH_ERROR || e->code != AUTH_ERROR_NOT_FOUND) {
			org_error_from_db(err, e);
			return FALSE;
		}
		g_clear_error(&e);
		password = auth_random_token(9); /* 12 characters, changed at first sign-in */
		spec.username = username;
		spec.display_name = cell(im, r, "name");
		spec.unit_code = *cell(im, r, "unit") ? cell(im, r, "unit") : NULL;
		spec.department = cell(im, r, "department");
		spec.title = cell(im, r, "title");
		spec.phone = cell(im, r, "phone");
		spec.password = password;
		spec.must_change_password = TRUE;
		spec.skip_policy = TRUE;
		if (!auth_user_create(im->c, &spec, &id, &e)) {
			const char *field = strstr(e->message, "unit")      ? "unit"
			                    : strstr(e->message, "name of") ? "name"
			                                                    : "username";
			if (e->code == AUTH_ERROR_DB) {
				org_error_from_db(err, e);
				return FALSE;
			}
			problem(im, r + 2, header(im, field), e->message);
			g_error_free(e);
			continue;
		}
		im->created++;
		json_array_append_new(im->accounts, json_pack("{s:s, s:s}", "username", lower,
		                                              "temporary_password", password));
	}
	return TRUE;
}

/* ---- assignments -------------------------------------------------------------------------- */

/* The role code for TEXT (lead/charge/assist or 主管/分管/协管; empty: charge), or NULL. */
static const char *role_code(const char *text)
{
	static const char *const codes[][2] = {
	    {"lead", "主管"}, {"charge", "分管"}, {"assist", "协管"}};

	if (*text == '\0')
		return "charge";
	for (gsize i = 0; i < G_N_ELEMENTS(codes); i++)
		if (strcmp(text, codes[i][0]) == 0 || strcmp(text, codes[i][1]) == 0)
			return codes[i][0];
	return NULL;
}

/* Rows are grouped into one change per (valid_from, source), applied in date order; a change's
 * refusal names the row of the entry it points at. */
static gboolean import_assignments(Import *im, GError **err)
{
	g_autoptr(GHashTable) changes =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)json_decref);
	g_autoptr(GHashTable) rows_of =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_array_unref);
	GList *keys;

	for (guint r = 0; r + 1 < core_table_n_rows(im->table); r++) {
		const char *from = cell(im, r, "valid_from"), *source = cell(im, r, "source");
		const char *role = role_code(cell(im, r, "role"));
		json_t *leader = json_string(cell(im, r, "leader")), *ch;
		GError *e = NULL;
		gint64 id;
		char *key;

		if (row_empty(im, r)) {
			json_decref(leader);
			continue;
		}
		if (!org_leader_resolve(im->c, leader, &id, &e)) {
			json_decref(leader);
			if (!save_problem(im, r, "leader", e, err))
				return FALSE;
			continue;
		}
		json_decref(leader);
		if (!org_domain_id(im->c, cell(im, r, "domain"), &id, &e)) {
			if (!save_problem(im, r, "domain", e, err))
				return FALSE;
			continue;
		}
		if (role == NULL) {
			problem(im, r + 2, header(im, N_("role")),
			        N_("Choose lead (主管), charge (分管) or assist (协管)."));
			continue;
		}
		if (!core_date_valid(from)) {
			problem(im, r + 2, header(im, N_("valid_from")),
			        N_("Write the date as YYYY-MM-DD."));
			continue;
		}
		key = g_strdup_printf("%s\t%s", from, source);
		if ((ch = g_hash_table_lookup(changes, key)) == NULL) {
			ch = json_pack("{s:s, s:s, s:s, s:[]}", "effective", from, "source", source,
			               "note", "导入", "assign");
			g_hash_table_insert(changes, g_strdup(key), ch);
			g_hash_table_insert(rows_of, g_strdup(key),
			                    g_array_new(FALSE, FALSE, sizeof(guint)));
		}
		json_array_append_new(json_object_get(ch, "assign"),
		                      json_pack("{s:s, s:s, s:s}", "leader", cell(im, r, "leader"),
		                                "domain", cell(im, r, "domain"), "role", role));
		g_array_append_val((GArray *)g_hash_table_lookup(rows_of, key), r);
		g_free(key);
	}
	if (json_array_size(im->problems) > 0)
		return TRUE;
	keys = g_list_sort(g_hash_table_get_keys(changes), (GCompareFunc)strcmp);
	for (GList *k = keys; k; k = k->next) {
		json_t *ch = g_hash_table_lookup(changes, k->data);
		GArray *rows = g_hash_table_lookup(rows_of, k->data);
		g_autofree char *field = NULL;
		GError *e = NULL;
		gint64 id;
		guint entry = 0;

		if (org_change_apply(im->c, ch, 0, &id, &field, &e)) {
			im->created += json_array_size(json_object_get(ch, "assign"));
			continue;
		}
		if (field)
			sscanf(field, "assign[%u]", &entry);
		if (entry >= rows->len)
			entry = 0;
		if (!save_problem(im, g_array_index(rows, guint, entry),
		                  field && strstr(field, N_("leader")) ? "leader" : "domain", e,
		                  err)) {
			g_list_free(keys);
			return FALSE;
		}
		break; /* the transaction is rolled back: later changes would be judged wrongly */
	}
	g_list_free(keys);
	return TRUE;
}

/* ---- the import --------------------------------------------------------------------------- */

json_t *org_import(Db *db, const AuthUser *actor, const char *address, OrgImportKind kind,
                   const void *data, gsize len, const char *lang, GError **err)
{
	static const char *const names[] = {"units", "users", "assignments"};
	static const char *const nouns[] = {"单位", "用户", "分工"};
	g_autoptr(CoreTable) table = NULL;
	GError *e = NULL;
	Import im = {0};
	json_t *report = NULL;
	gboolean ok;

	if ((table = core_table_read(data, len, ORG_IMPORT_MAX_ROWS, &e)) == NULL) {
		g_set_error_literal(err, ORG_ERROR, ORG_ERROR_INVALID, e->message);
		g_error_free(e);
		return NULL;
	}
	if (core_table_n_rows(table) < 2) {
		g_set_error_literal(err, ORG_ERROR, ORG_ERROR_INVALID,
		                    N_("The file has no rows below its header row."));
		return NULL;
	}
	im.lang = lang;
	im.table = table;
	im.cols = kind == ORG_IMPORT_UNITS   ? unit_cols
	          : kind == ORG_IMPORT_USERS ? user_cols
	                                     : assignment_cols;
	im.problems = json_array();
	im.accounts = json_array();
	if ((im.c = db_conn(db, &e)) == NULL || !db_begin(im.c, TRUE, &e)) {
		org_error_from_db(err, e);
		goto out;
	}
	map_header(&im);
	ok = json_array_size(im.problems) > 0 ||
	     (kind == ORG_IMPORT_UNITS   ? import_units(&im, err)
	      : kind == ORG_IMPORT_USERS ? import_users(&im, err)
	                                 : import_assignments(&im, err));
	if (!ok) {
		db_rollback(im.c);
		goto out;
	}
	if (json_array_size(im.problems) > 0) {
		db_rollback(im.c);
		json_array_clear(im.accounts);
		im.created = im.updated = 0;
	} else {
		g_autofree char *summary =
		    g_strdup_printf("导入%s：新增%" G_GINT64_FORMAT "，更新%" G_GINT64_FORMAT,
		                    nouns[kind], im.created, im.updated);
		g_autofree char *action = g_strdup_printf("org.import.%s", names[kind]);
		json_t *detail =
		    json_pack("{s:I, s:I, s:I}", "rows", (json_int_t)core_table_n_rows(table) - 1,
		              "created", (json_int_t)im.created, "updated", (json_int_t)im.updated);
		AuditEntry a = {actor ? actor->id : 0,
		                actor ? actor->username : "-",
		                address ? address : "-",
		                action,
		                "import",
		                names[kind],
		                summary,
		                detail};
		ok = audit_append(im.c, &a, &e) && db_commit(im.c, &e);
		json_decref(detail);
		if (!ok) {
			db_rollback(im.c);
			org_error_from_db(err, e);
			goto out;
		}
	}
	report =
	    json_pack("{s:s, s:I, s:I, s:I, s:O}", "kind", names[kind], "rows",
	              (json_int_t)core_table_n_rows(table) - 1, "created", (json_int_t)im.created,
	              "updated", (json_int_t)im.updated, "problems", im.problems);
	if (kind == ORG_IMPORT_USERS)
		json_object_set(report, "accounts", im.accounts);
out:
	json_decref(im.problems);
	json_decref(im.accounts);
	return report;
}
