/*
 * db.c — the backend-independent half of the database layer: URL parsing, the pool of per-thread
 * connections, transactions, the statement cache, JSON rows, counters, backups and in-process
 * notifications.  Each backend (db_sqlite.c, db_postgresql.c) fills a DbBackend table
 * (db_backend.h); nothing here knows SQLite or PostgreSQL.
 */
#define G_LOG_DOMAIN "mishu-db"

#include "db/db_backend.h"

#include <gio/gio.h>
#include <stdatomic.h>
#include <string.h>

/* Statements cached per connection; texts beyond this are prepared and freed on each use. */
#define DB_STMT_CACHE_MAX 512

/* The migration bundle generated from src/db/migrations.gresource.xml. */

static const DbBackend *const backends[] = {
    &db_sqlite_backend,
    &db_postgresql_backend,
};

G_DEFINE_QUARK(mishu - db - error - quark, db_error)

/* ---- URLs ------------------------------------------------------------------------------- */

/* TRUE if `s` starts with an RFC 3986 scheme followed by ':' ("postgresql:", "mysql:"). */
static gboolean has_scheme(const char *s)
{
	if (!g_ascii_isalpha(*s))
		return FALSE;
	for (s++; *s; s++) {
		if (*s == ':')
			return TRUE;
		if (!g_ascii_isalnum(*s) && *s != '+' && *s != '-' && *s != '.')
			return FALSE;
	}
	return FALSE;
}

gboolean db_url_parse(const char *url, DbKind *kind, char **target, GError **err)
{
	const char *path;

	if (url == NULL || *url == '\0') {
		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_URL, "empty database URL");
		return FALSE;
	}
	if (g_str_has_prefix(url, "postgresql:") || g_str_has_prefix(url, "postgres:")) {
		*kind = DB_POSTGRESQL;
		*target = g_strdup(url);
		return TRUE;
	}
	if (g_str_has_prefix(url, "sqlite:")) {
		path = url + strlen("sqlite:");
		if (g_str_has_prefix(path, "//"))
			path += 2;
	} else if (has_scheme(url)) {
		g_set_error(
		    err, DB_ERROR_DOMAIN, DB_ERROR_URL,
		    "unknown database URL scheme in “%s” (use sqlite:PATH or postgresql://...)",
		    url);
		return FALSE;
	} else {
		path = url;
	}
	if (*path == '\0') {
		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_URL, "no file path in database URL “%s”",
		            url);
		return FALSE;
	}
	if (strcmp(path, ":memory:") == 0) {
		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_URL,
		            "in-memory databases are not supported: each thread opens its own "
		            "connection, so give a file path");
		return FALSE;
	}
	*kind = DB_SQLITE;
	*target = g_strdup(path);
	return TRUE;
}

/* ---- The pool: registry of open Dbs and thread-local connections ------------------------- */

/*
 * Every thread gets a serial number on first use (never reused, unlike thread ids or GThread
 * pointers), and every Db an id (never reused, unlike its address).  A thread finds its
 * connections through `tls_slots`, a small array of (Db id, DbConn) pairs; a stale pair left by
 * a closed Db can never match a new Db.  When a thread exits, the GPrivate destructor hands its
 * connections back to their pools (if those Dbs are still open, as the registry tells), so
 * short-lived threads do not pile up connections.
 */
typedef struct {
	guint64 db_id;
	DbConn *conn;
} TlsSlot;

static atomic_uint_least64_t next_thread_serial = 1;
static atomic_uint_least64_t next_db_id = 1;
static __thread guint64 tls_serial;
static __thread GArray *tls_slots;

static GMutex registry_lock;
static GHashTable *registry; /* &Db.id -> Db, the open Dbs */

static void tls_slots_release(gpointer data);
static GPrivate tls_exit = G_PRIVATE_INIT(tls_slots_release);

static guint64 thread_serial(void)
{
	if (G_UNLIKELY(tls_serial == 0))
		tls_serial = atomic_fetch_add(&next_thread_serial, 1);
	return tls_serial;
}

static void stmt_destroy(gpointer data)
{
	DbStmt *s = data;

	g_clear_error(&s->bind_error);
	s->be->stmt_free(s);
}

/* Opens a new connection of `db`, idle (owner 0). */
static DbConn *conn_new(Db *db, GError **err)
{
	DbConn *c = db->be->conn_open(db, err);

	if (c == NULL)
		return NULL;
	c->db = db;
	c->be = db->be;
	c->owner = 0;
	c->in_txn = FALSE;
	c->closing = FALSE;
	c->pending = g_ptr_array_new_with_free_func(g_free);
	c->cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, stmt_destroy);
	return c;
}

/* Makes a connection fit for its next thread: no transaction, no statement left in use. */
static void conn_clean(DbConn *c)
{
	GHashTableIter it;
	gpointer v;

	db_rollback(c);
	g_hash_table_iter_init(&it, c->cache);
	while (g_hash_table_iter_next(&it, NULL, &v)) {
		DbStmt *s = v;

		if (s->in_use) {
			g_clear_error(&s->bind_error);
			s->be->reset(s);
			s->in_use = FALSE;
		}
	}
}

static void conn_free(gpointer data)
{
	DbConn *c = data;

	conn_clean(c);
	c->closing = TRUE;
	g_hash_table_destroy(c->cache);
	g_ptr_array_free(c->pending, TRUE);
	c->be->conn_close(c);
}

/* Thread exit: hands this thread's connections back to the pools of the Dbs still open. */
static void tls_slots_release(gpointer data)
{
	GArray *slots = data;

	g_mutex_lock(&registry_lock);
	for (guint i = 0; i < slots->len; i++) {
		TlsSlot *slot = &g_array_index(slots, TlsSlot, i);
		Db *db = registry ? g_hash_table_lookup(registry, &slot->db_id) : NULL;

		if (db == NULL)
			continue;
		g_mutex_lock(&db->lock);
		conn_clean(slot->conn);
		slot->conn->owner = 0;
		g_mutex_unlock(&db->lock);
	}
	g_mutex_unlock(&registry_lock);
	g_array_free(slots, TRUE);
	if (tls_slots == slots)
		tls_slots = NULL;
}

/* Drops this thread's slots of closed Dbs. */
static void tls_prune(void)
{
	if (tls_slots == NULL || tls_slots->len == 0)
		return;
	g_mutex_lock(&registry_lock);
	for (guint i = tls_slots->len; i-- > 0;) {
		TlsSlot *slot = &g_array_index(tls_slots, TlsSlot, i);

		if (registry == NULL || !g_hash_table_contains(registry, &slot->db_id))
			g_array_remove_index_fast(tls_slots, i);
	}
	g_mutex_unlock(&registry_lock);
}

DbConn *db_conn(Db *db, GError **err)
{
	guint64 me = thread_serial();
	DbConn *c = NULL;
	TlsSlot slot;

	if (tls_slots != NULL) {
		for (guint i = 0; i < tls_slots->len; i++) {
			TlsSlot *s = &g_array_index(tls_slots, TlsSlot, i);

			if (s->db_id == db->id)
				return s->conn;
		}
	}

	/* First use on this thread: take an idle connection or open one. */
	tls_prune();
	g_mutex_lock(&db->lock);
	for (guint i = 0; i < db->conns->len && c == NULL; i++) {
		DbConn *cand = g_ptr_array_index(db->conns, i);

		if (cand->owner == 0)
			c = cand;
	}
	if (c != NULL)
		c->owner = me;
	g_mutex_unlock(&db->lock);
	if (c == NULL) {
		c = conn_new(db, err);
		if (c == NULL)
			return NULL;
		c->owner = me;
		g_mutex_lock(&db->lock);
		g_ptr_array_add(db->conns, c);
		g_mutex_unlock(&db->lock);
	}

	if (tls_slots == NULL) {
		tls_slots = g_array_new(FALSE, FALSE, sizeof(TlsSlot));
		g_private_set(&tls_exit, tls_slots);
	}
	slot.db_id = db->id;
	slot.conn = c;
	g_array_append_val(tls_slots, slot);
	return c;
}

/* ---- Opening and closing ---------------------------------------------------------------- */

Db *db_open(const char *url, GError **err)
{
	const DbBackend *be = NULL;
	DbKind kind;
	char *target = NULL;
	DbConn *c;
	Db *db;

	if (!db_url_parse(url, &kind, &target, err))
		return NULL;
	for (gsize i = 0; i < G_N_ELEMENTS(backends); i++) {
		if (backends[i]->kind == kind)
			be = backends[i];
	}
	if (be == NULL) {
		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_UNSUPPORTED,
		            "%s databases are not yet supported",
		            kind == DB_POSTGRESQL ? "PostgreSQL" : "these");
		g_free(target);
		return NULL;
	}

	db = g_new0(Db, 1);
	db->be = be;
	db->id = atomic_fetch_add(&next_db_id, 1);
	db->target = target;
	g_mutex_init(&db->lock);
	db->conns = g_ptr_array_new();
	g_rec_mutex_init(&db->listen_lock);
	db->listeners = g_ptr_array_new();
	if (!be->open(db, err))
		goto fail;
	/* A first connection proves the database usable (and makes SQLite's WAL mode persistent);
	 * it waits idle for the first thread that asks. */
	c = conn_new(db, err);
	if (c == NULL) {
		be->close(db);
		goto fail;
	}
	g_ptr_array_add(db->conns, c);

	g_mutex_lock(&registry_lock);
	if (registry == NULL)
		registry = g_hash_table_new(g_int64_hash, g_int64_equal);
	g_hash_table_insert(registry, &db->id, db);
	g_mutex_unlock(&registry_lock);
	return db;

fail:
	g_ptr_array_free(db->conns, TRUE);
	g_ptr_array_free(db->listeners, TRUE);
	g_rec_mutex_clear(&db->listen_lock);
	g_mutex_clear(&db->lock);
	g_free(db->target);
	g_free(db);
	return NULL;
}

void db_close(Db *db)
{
	GPtrArray *conns;

	if (db == NULL)
		return;
	g_mutex_lock(&registry_lock);
	g_hash_table_remove(registry, &db->id);
	if (g_hash_table_size(registry) == 0)
		g_clear_pointer(&registry, g_hash_table_destroy);
	g_mutex_unlock(&registry_lock);
	tls_prune();

	g_mutex_lock(&db->lock);
	conns = db->conns;
	db->conns = NULL;
	g_mutex_unlock(&db->lock);
	g_ptr_array_set_free_func(conns, conn_free);
	g_ptr_array_free(conns, TRUE);

	db->be->close(db);
	if (db->listeners->len > 0)
		g_critical("db_close: %u listeners were not freed", db->listeners->len);
	g_ptr_array_free(db->listeners, TRUE);
	g_rec_mutex_clear(&db->listen_lock);
	g_mutex_clear(&db->lock);
	g_free(db->target);
	g_free(db);
}

DbKind db_kind(Db *db)
{
	return db->be->kind;
}

const char *db_kind_name(Db *db)
{
	return db->be->name;
}

guint db_pool_size(Db *db)
{
	guint n;

	g_mutex_lock(&db->lock);
	n = db->conns->len;
	g_mutex_unlock(&db->lock);
	return n;
}

/* ---- Transactions ----------------------------------------------------------------------- */

static void deliver_pending(DbConn *c);

gboolean db_begin(DbConn *c, gboolean write, GError **err)
{
	if (c->in_txn) {
		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_MISUSE,
		            "a transaction is already open on this connection");
		return FALSE;
	}
	if (!c->be->exec(c, write ? c->be->begin_write : c->be->begin_read, err))
		return FALSE;
	c->in_txn = TRUE;
	c->txn_write = write;
	return TRUE;
}

gboolean db_commit(DbConn *c, GError **err)
{
	gboolean ok, ordered;

	if (!c->in_txn) {
		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_MISUSE, "no transaction to commit");
		return FALSE;
	}
	/* With notifications to deliver, commit and deliver under the listeners' lock: a later
	 * transaction, committed while this one delivers, would otherwise deliver first, and the
	 * listeners would not get them in commit order (events.c counts on it). */
	ordered = c->pending->len > 0;
	if (ordered)
		g_rec_mutex_lock(&c->db->listen_lock);
	ok = c->be->exec(c, "COMMIT", err);
	c->in_txn = FALSE;
	if (!ok)
		c->be->exec(c, "ROLLBACK", NULL);
	if (ok)
		deliver_pending(c);
	if (ordered)
		g_rec_mutex_unlock(&c->db->listen_lock);
	g_ptr_array_set_size(c->pending, 0);
	return ok;
}

void db_rollback(DbConn *c)
{
	g_autoptr(GError) err = NULL;

	if (!c->in_txn)
		return;
	c->in_txn = FALSE;
	g_ptr_array_set_size(c->pending, 0);
	if (!c->be->exec(c, "ROLLBACK", &err))
		g_warning("rollback failed: %s", err->message);
}

gboolean db_in_transaction(DbConn *c)
{
	return c->in_txn;
}

/* ---- Statements ------------------------------------------------------------------------- */

gboolean db_exec(DbConn *c, const char *sql, GError **err)
{
	return c->be->exec(c, sql, err);
}

gint64 db_changes(DbConn *c)
{
	return c->be->changes(c);
}

DbStmt *db_prepare(DbConn *c, const char *sql, GError **err)
{
	DbStmt *s = g_hash_table_lookup(c->cache, sql);

	if (s != NULL && !s->in_use) {
		s->in_use = TRUE;
		return s;
	}
	s = c->be->prepare(c, sql, err);
	if (s == NULL)
		return NULL;
	s->conn = c;
	s->be = c->be;
	s->in_use = TRUE;
	s->cached = FALSE;
	s->bind_error = NULL;
	if (g_hash_table_size(c->cache) < DB_STMT_CACHE_MAX &&
	    !g_hash_table_contains(c->cache, sql)) {
		g_hash_table_insert(c->cache, g_strdup(sql), s);
		s->cached = TRUE;
	}
	return s;
}

void db_bind_int(DbStmt *s, int i, gint64 v)
{
	if (s->bind_error == NULL)
		s->be->bind_int(s, i, v, &s->bind_error);
}

void db_bind_double(DbStmt *s, int i, double v)
{
	if (s->bind_error == NULL)
		s->be->bind_double(s, i, v, &s->bind_error);
}

void db_bind_text(DbStmt *s, int i, const char *v)
{
	if (s->bind_error != NULL)
		return;
	if (v == NULL)
		s->be->bind_null(s, i, &s->bind_error);
	else
		s->be->bind_text(s, i, v, &s->bind_error);
}

void db_bind_blob(DbStmt *s, int i, const void *p, gsize n)
{
	if (s->bind_error != NULL)
		return;
	if (p == NULL)
		s->be->bind_null(s, i, &s->bind_error);
	else
		s->be->bind_blob(s, i, p, n, &s->bind_error);
}

void db_bind_null(DbStmt *s, int i)
{
	if (s->bind_error == NULL)
		s->be->bind_null(s, i, &s->bind_error);
}

DbStep db_step(DbStmt *s, GError **err)
{
	if (s->bind_error != NULL) {
		g_propagate_error(err, g_error_copy(s->bind_error));
		return DB_ERROR;
	}
	return s->be->step(s, err);
}

int db_col_count(DbStmt *s)
{
	return s->be->col_count(s);
}

const char *db_col_name(DbStmt *s, int i)
{
	return s->be->col_name(s, i);
}

DbType db_col_type(DbStmt *s, int i)
{
	return s->be->col_type(s, i);
}

gboolean db_col_is_null(DbStmt *s, int i)
{
	return s->be->col_type(s, i) == DB_TYPE_NULL;
}

gint64 db_col_int(DbStmt *s, int i)
{
	return s->be->col_int(s, i);
}

double db_col_double(DbStmt *s, int i)
{
	return s->be->col_double(s, i);
}

const char *db_col_text(DbStmt *s, int i)
{
	return s->be->col_text(s, i);
}

const void *db_col_blob(DbStmt *s, int i, gsize *n)
{
	return s->be->col_blob(s, i, n);
}

json_t *db_row_json(DbStmt *s)
{
	json_t *row = json_object();
	int n = db_col_count(s);

	for (int i = 0; i < n; i++) {
		json_t *v = NULL;

		switch (db_col_type(s, i)) {
		case DB_TYPE_INT:
			v = json_integer(db_col_int(s, i));
			break;
		case DB_TYPE_REAL:
			v = json_real(db_col_double(s, i)); /* NULL for NaN and infinities */
			break;
		case DB_TYPE_TEXT: {
			const char *t = db_col_text(s, i);

			v = json_string(t);
			if (v == NULL && t != NULL) {
				g_autofree char *fixed = g_utf8_make_valid(t, -1);

				v = json_string(fixed);
			}
			break;
		}
		case DB_TYPE_BLOB: {
			gsize len = 0;
			const void *p = db_col_blob(s, i, &len);
			g_autofree char *b64 = g_base64_encode(p, len);

			v = json_string(b64);
			break;
		}
		case DB_TYPE_NULL:
			break;
		}
		json_object_set_new(row, db_col_name(s, i), v ? v : json_null());
	}
	return row;
}

void db_finish(DbStmt *s)
{
	if (s == NULL)
		return;
	g_clear_error(&s->bind_error);
	s->be->reset(s);
	s->in_use = FALSE;
	if (!s->cached)
		stmt_destroy(s);
}

/* ---- Counters --------------------------------------------------------------------------- */

gboolean db_counter_next(DbConn *c, const char *series, int year, gint64 *out, GError **err)
{
	static const char sql[] = "INSERT INTO counter (series, year, n) VALUES (?, ?, 1) "
	                          "ON CONFLICT (series, year) DO UPDATE SET n = counter.n + 1 "
	                          "RETURNING n";
	DbStmt *s;
	gboolean ok = FALSE;

	if (!c->in_txn || !c->txn_write) {
		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_MISUSE,
		            "db_counter_next must be called inside a write transaction");
		return FALSE;
	}
	s = db_prepare(c, sql, err);
	if (s == NULL)
		return FALSE;
	db_bind_text(s, 1, series);
	db_bind_int(s, 2, year);
	switch (db_step(s, err)) {
	case DB_ROW:
		*out = db_col_int(s, 0);
		ok = db_step(s, err) == DB_DONE;
		break;
	case DB_DONE:
		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_OTHER, "counter returned no row");
		break;
	case DB_ERROR:
		break;
	}
	db_finish(s);
	return ok;
}

/* ---- Dialect ---------------------------------------------------------------------------- */

DbKind db_conn_kind(DbConn *c)
{
	return c->be->kind;
}

const char *db_sql_skip_locked(Db *db)
{
	return db->be->kind == DB_POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
}

/* ---- Health ----------------------------------------------------------------------------- */

gboolean db_ping(Db *db, GError **err)
{
	DbConn *c = db_conn(db, err);
	DbStmt *s = c ? db_prepare(c, "SELECT 1", err) : NULL;
	gboolean ok;

	if (s == NULL)
		return FALSE;
	ok = db_step(s, err) == DB_ROW && db_col_int(s, 0) == 1;
	db_finish(s);
	return ok;
}

/* ---- Backup ----------------------------------------------------------------------------- */

gboolean db_backup(Db *db, const char *to_path, GError **err)
{
	if (db->be->backup == NULL) {
		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_UNSUPPORTED,
		            "%s databases are backed up with their own tools", db->be->name);
		return FALSE;
	}
	return db->be->backup(db, to_path, err);
}

/* ---- Notifications ---------------------------------------------------------------------- */

/* Channels are 1 to 63 (PostgreSQL's identifier limit) ASCII letters, digits and _ . : -. */
static gboolean check_channel(const char *channel, GError **err)
{
	gsize n = channel ? strlen(channel) : 0;

	for (gsize i = 0; i < n; i++) {
		char ch = channel[i];

		if (!g_ascii_isalnum(ch) && ch != '_' && ch != '.' && ch != ':' && ch != '-')
			n = 0;
	}
	if (n == 0 || n > 63) {
		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_MISUSE,
		            "bad notification channel “%s”: use 1 to 63 letters, digits, _ . : -",
		            channel ? channel : "(null)");
		return FALSE;
	}
	return TRUE;
}

/* Calls the in-process listeners of `channel` on `db`. */
static void deliver(Db *db, const char *channel, const char *payload)
{
	g_rec_mutex_lock(&db->listen_lock);
	/* By index: a callback may add listeners (and notify, on this thread). */
	for (guint i = 0; i < db->listeners->len; i++) {
		DbListener *l = g_ptr_array_index(db->listeners, i);

		if (strcmp(l->channel, channel) == 0)
			l->cb(payload, l->ud);
	}
	g_rec_mutex_unlock(&db->listen_lock);
}

/* Delivers the notifications of the transaction `c` has just committed. */
static void deliver_pending(DbConn *c)
{
	for (guint i = 0; i + 1 < c->pending->len; i += 2)
		deliver(c->db, g_ptr_array_index(c->pending, i),
		        g_ptr_array_index(c->pending, i + 1));
}

gboolean db_notify(DbConn *c, const char *channel, const char *payload, GError **err)
{
	if (payload == NULL)
		payload = "";
	if (!check_channel(channel, err))
		return FALSE;
	if (strlen(payload) >= 8000 || !g_utf8_validate(payload, -1, NULL)) {
		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_CHECK,
		            "a notification payload must be UTF-8 text under 8000 bytes");
		return FALSE;
	}
	if (c->be->notify != NULL)
		return c->be->notify(c, channel, payload, err);
	if (c->in_txn) {
		g_ptr_array_add(c->pending, g_strdup(channel));
		g_ptr_array_add(c->pending, g_strdup(payload));
	} else {
		deliver(c->db, channel, payload);
	}
	return TRUE;
}

DbListener *db_listen(Db *db, const char *channel, DbNotifyFunc cb, void *ud, GError **err)
{
	DbListener *l;

	if (!check_channel(channel, err))
		return NULL;
	l = g_new0(DbListener, 1);
	l->db = db;
	l->be = db->be;
	l->channel = g_strdup(channel);
	l->cb = cb;
	l->ud = ud;
	if (db->be->listen != NULL) {
		if (!db->be->listen(l, err)) {
			g_free(l->channel);
			g_free(l);
			return NULL;
		}
		return l;
	}
	g_rec_mutex_lock(&db->listen_lock);
	g_ptr_array_add(db->listeners, l);
	g_rec_mutex_unlock(&db->listen_lock);
	return l;
}

void db_listener_free(DbListener *l)
{
	if (l == NULL)
		return;
	if (l->be->unlisten != NULL) {
		l->be->unlisten(l);
	} else {
		g_rec_mutex_lock(&l->db->listen_lock);
		g_ptr_array_remove(l->db->listeners, l);
		g_rec_mutex_unlock(&l->db->listen_lock);
	}
	g_free(l->channel);
	g_free(l);
}
