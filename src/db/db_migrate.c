/*
 * Numbered migrations: SQL files compiled in (migrations.gresource.xml), one directory per
 * dialect, each applied with its schema_version row in one write transaction.
 */
#include "db/db.h"
#include "db/db_backend.h"
#include <gio/gio.h>

extern GResource *db_migrations_get_resource(void);

/* BIGINT: SQLite reads it as INTEGER; PostgreSQL needs 64 bits for seconds past 2038. */
static const char schema_version_ddl[] = "CREATE TABLE IF NOT EXISTS schema_version ("
                                         "version INTEGER PRIMARY KEY, "
                                         "applied_at BIGINT NOT NULL)";

/* Reads max(version) from schema_version (which must exist) into *out. */
static gboolean read_version(DbConn *c, int *out, GError **err)
{
	DbStmt *s = db_prepare(c, "SELECT coalesce(max(version), 0) FROM schema_version", err);
	gboolean ok;

	if (s == NULL)
		return FALSE;
	ok = db_step(s, err) == DB_ROW;
	if (ok)
		*out = (int)db_col_int(s, 0);
	db_finish(s);
	return ok;
}

int db_schema_version(Db *db, GError **err)
{
	DbConn *c = db_conn(db, err);
	gboolean exists = FALSE;
	int v = 0;

	if (c == NULL || !c->be->has_table(c, "schema_version", &exists, err))
		return -1;
	if (exists && !read_version(c, &v, err))
		return -1;
	return v;
}

/*
 * Creates schema_version if it is missing.  Where the backend has a migration lock, under it:
 * PostgreSQL's CREATE TABLE IF NOT EXISTS is not safe against a second process doing the same.
 */
static gboolean ensure_schema_version(DbConn *c, GError **err)
{
	if (c->be->migrate_lock == NULL)
		return db_exec(c, schema_version_ddl, err);
	if (!db_begin(c, TRUE, err))
		return FALSE;
	if (!db_exec(c, c->be->migrate_lock, err) || !db_exec(c, schema_version_ddl, err)) {
		db_rollback(c);
		return FALSE;
	}
	return db_commit(c, err);
}

/* Applies migration `m` with its schema_version row in one write transaction (or nothing, if
 * another process applied it meanwhile). */
static gboolean apply_one(DbConn *c, const DbMigration *m, GError **err)
{
	g_autoptr(GError) e = NULL;
	DbStmt *s;
	int v;

	if (!db_begin(c, TRUE, err))
		return FALSE;
	if (c->be->migrate_lock != NULL && !db_exec(c, c->be->migrate_lock, err))
		goto fail;
	if (!read_version(c, &v, err))
		goto fail;
	if (v >= m->version) { /* another process applied it meanwhile */
		db_rollback(c);
		return TRUE;
	}
	if (!db_exec(c, m->sql, &e)) {
		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_SCHEMA, "migration %04d (%s) failed: %s",
		            m->version, m->name, e->message);
		goto fail;
	}
	s = db_prepare(c, "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)", err);
	if (s == NULL)
		goto fail;
	db_bind_int(s, 1, m->version);
	db_bind_int(s, 2, g_get_real_time() / G_USEC_PER_SEC);
	if (db_step(s, err) != DB_DONE) {
		db_finish(s);
		goto fail;
	}
	db_finish(s);
	if (!db_commit(c, err))
		return FALSE;
	g_info("applied migration %04d (%s)", m->version, m->name);
	return TRUE;

fail:
	db_rollback(c);
	return FALSE;
}

int db_migrate_list(Db *db, const DbMigration *list, gsize n, GError **err)
{
	DbConn *c;
	int v;

	for (gsize k = 0; k < n; k++) {
		if (list[k].version != (int)k + 1) {
			g_set_error(
			    err, DB_ERROR_DOMAIN, DB_ERROR_SCHEMA,
			    "migrations must be numbered 1, 2, 3...: “%s” is %d, expected %d",
			    list[k].name, list[k].version, (int)k + 1);
			return -1;
		}
	}
	c = db_conn(db, err);
	if (c == NULL)
		return -1;
	if (c->in_txn) {
		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_MISUSE,
		            "cannot migrate inside an open transaction");
		return -1;
	}
	if (!ensure_schema_version(c, err) || !read_version(c, &v, err))
		return -1;
	for (gsize k = (gsize)MAX(v, 0); k < n; k++) {
		if (!apply_one(c, &list[k], err))
			return -1;
	}
	if (!read_version(c, &v, err))
		return -1;
	if (v > (int)n) {
		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_SCHEMA,
		            "the database schema (version %d) is newer than this program (version "
		            "%d): upgrade mishu",
		            v, (int)n);
		return -1;
	}
	return v;
}

static int migration_cmp(gconstpointer a, gconstpointer b)
{
	const DbMigration *x = a, *y = b;

	return (x->version > y->version) - (x->version < y->version);
}

/* Parses "0012_name.sql" into 12; -1 if the name does not follow that pattern. */
static int migration_number(const char *name)
{
	const char *p = name;
	int v = 0;

	while (g_ascii_isdigit(*p) && v < 100000)
		v = v * 10 + (*p++ - '0');
	if (p == name || *p != '_' || !g_str_has_suffix(name, ".sql"))
		return -1;
	return v;
}

int db_migrate(Db *db, GError **err)
{
	g_autofree char *dir = g_strdup_printf("/mishu/db/migrations/%s/", db->be->name);
	g_autoptr(GArray) list = g_array_new(FALSE, TRUE, sizeof(DbMigration));
	g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func(g_free);
	g_auto(GStrv) names = NULL;
	GResource *res = db_migrations_get_resource();

	names = g_resource_enumerate_children(res, dir, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
	for (gsize i = 0; names && names[i]; i++) {
		g_autofree char *path = g_strconcat(dir, names[i], NULL);
		g_autoptr(GBytes) data = NULL;
		DbMigration m;
		gsize size;
		const char *p;

		m.version = migration_number(names[i]);
		if (m.version < 0) {
			g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_SCHEMA,
			            "migration file “%s” is not named NNNN_name.sql", path);
			return -1;
		}
		data = g_resource_lookup_data(res, path, G_RESOURCE_LOOKUP_FLAGS_NONE, err);
		if (data == NULL)
			return -1;
		p = g_bytes_get_data(data, &size);
		m.sql = g_strndup(p, size);
		m.name = names[i];
		g_ptr_array_add(texts, (char *)m.sql);
		g_array_append_val(list, m);
	}
	if (list->len == 0) {
		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_SCHEMA,
		            "no %s migrations are compiled into this program", db->be->name);
		return -1;
	}
	g_array_sort(list, migration_cmp);
	return db_migrate_list(db, (const DbMigration *)list->data, list->len, err);
}

int db_schema_latest(Db *db)
{
	g_autofree char *dir = g_strdup_printf("/mishu/db/migrations/%s/", db->be->name);
	g_auto(GStrv) names = g_resource_enumerate_children(db_migrations_get_resource(), dir,
	                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
	int latest = 0;

	for (gsize i = 0; names && names[i]; i++)
		latest = MAX(latest, migration_number(names[i]));
	return latest;
}
