/*
 * db_backend.h — private to src/db/: the structures shared by the common code (db.c) and the
 * backends (db_sqlite.c, db_postgresql.c).  Nothing outside src/db/ includes this file.
 *
 * A backend allocates its own connection and statement structures with DbConn / DbStmt as their
 * first member, so the common code can cast between them.  The common code owns the pool, the
 * thread-local lookup, transaction state and the statement cache; a backend only talks to its
 * library.
 */
#ifndef MISHU_DB_BACKEND_H
#define MISHU_DB_BACKEND_H

#include "db/db.h"

typedef struct DbBackend DbBackend;

struct Db {
	const DbBackend *be;
	guint64 id;            /* unique for the life of the process, never reused */
	char *target;          /* file path or connection string */
	void *priv;            /* backend data */
	GMutex lock;           /* guards conns and DbConn.owner */
	GPtrArray *conns;      /* every open DbConn */
	GRecMutex listen_lock; /* guards listeners; held while their callbacks run */
	GPtrArray *listeners;  /* in-process listeners (backends without .listen) */
};

struct DbConn {
	Db *db;
	const DbBackend *be;
	guint64 owner;      /* serial of the thread using it, 0 when idle */
	gboolean in_txn;    /* inside db_begin ... db_commit/db_rollback */
	gboolean txn_write; /* the open transaction was begun for writing */
	GHashTable *cache;  /* SQL text -> DbStmt, owned */
	gboolean closing;   /* being closed: statements need not be dropped one by one */
	GPtrArray *pending; /* channel, payload pairs of db_notify in the open transaction
	                       (backends without .notify), delivered on commit */
};

struct DbStmt {
	DbConn *conn;
	const DbBackend *be;
	gboolean cached;    /* lives in conn->cache; otherwise freed by db_finish */
	gboolean in_use;    /* handed out by db_prepare and not yet finished */
	GError *bind_error; /* the first failed bind, reported by db_step */
};

/* A db_listen registration. */
struct DbListener {
	Db *db;
	const DbBackend *be;
	char *channel;
	DbNotifyFunc cb;
	void *ud;
	void *priv; /* backend data */
};

struct DbBackend {
	DbKind kind;
	const char *name;         /* "sqlite": also the migrations folder */
	const char *begin_read;   /* SQL that starts a read transaction */
	const char *begin_write;  /* SQL that starts a write transaction */
	const char *migrate_lock; /* SQL run first in each migration transaction, or NULL */

	/* Sets db->priv from db->target (and environment); may open a test connection. */
	gboolean (*open)(Db *db, GError **err);
	/* Frees db->priv; every connection is closed already. */
	void (*close)(Db *db);

	/* Opens and configures a new connection (its DbConn fields are filled by the caller). */
	DbConn *(*conn_open)(Db *db, GError **err);
	/* Closes and frees a connection; its statements are freed already. */
	void (*conn_close)(DbConn *c);
	gboolean (*exec)(DbConn *c, const char *sql, GError **err);
	gint64 (*changes)(DbConn *c);
	gboolean (*has_table)(DbConn *c, const char *name, gboolean *out, GError **err);

	/* Prepares one statement (DbStmt fields are filled by the caller). */
	DbStmt *(*prepare)(DbConn *c, const char *sql, GError **err);
	/* Resets and clears bindings. */
	void (*reset)(DbStmt *s);
	void (*stmt_free)(DbStmt *s);

	gboolean (*bind_int)(DbStmt *s, int i, gint64 v, GError **err);
	gboolean (*bind_double)(DbStmt *s, int i, double v, GError **err);
	gboolean (*bind_text)(DbStmt *s, int i, const char *v, GError **err);
	gboolean (*bind_blob)(DbStmt *s, int i, const void *p, gsize n, GError **err);
	gboolean (*bind_null)(DbStmt *s, int i, GError **err);
	DbStep (*step)(DbStmt *s, GError **err);

	int (*col_count)(DbStmt *s);
	const char *(*col_name)(DbStmt *s, int i);
	DbType (*col_type)(DbStmt *s, int i);
	gint64 (*col_int)(DbStmt *s, int i);
	double (*col_double)(DbStmt *s, int i);
	const char *(*col_text)(DbStmt *s, int i);
	const void *(*col_blob)(DbStmt *s, int i, gsize *n);

	gboolean (*backup)(Db *db, const char *to_path, GError **err);

	/* Notifications across processes; NULL for both: db.c delivers them within the process,
	 * to the listeners of the same Db, when the transaction commits. */
	gboolean (*notify)(DbConn *c, const char *channel, const char *payload, GError **err);
	/* Starts delivering l->channel's notifications to l->cb (l->priv is the backend's). */
	gboolean (*listen)(DbListener *l, GError **err);
	/* Stops l and frees l->priv; no callback runs once it returns. */
	void (*unlisten)(DbListener *l);
};

/*
 * db_sql.c: reads the placeholders of one statement SQL (`?`, or SQLite's `?NNN`, outside
 * string literals 'x' and E'x', dollar quotes $t$x$t$, quoted identifiers and comments) and
 * writes each as PREFIX followed by its number plus OFFSET (>= 0): a bare `?` is one more than
 * the one before it, `?NNN` is NNN (1..DB_PARAM_NUMBERED_MAX), as often as it occurs.  A
 * trailing `;` is dropped.  Refuses with DB_ERROR_MISUSE a second statement, a statement that
 * mixes `?` and `?NNN`, a number out of range, and more than 65535 bare `?`.  Returns the new
 * text (g_free) and sets *NPARAMS to the number of parameters (the highest number), or NULL.
 */
char *db_sql_renumber(const char *sql, char prefix, int offset, int *nparams, GError **err);

extern const DbBackend db_sqlite_backend;
extern const DbBackend db_postgresql_backend;

#endif /* MISHU_DB_BACKEND_H */
