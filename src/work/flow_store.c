/*
 * flow_store.c — workflow definitions kept in the database, one row per version: seeded from the
 * compiled-in data/workflows/CODE.json, read back parsed and cached (a version never changes, so
 * the cache is keyed by the stored text and lives as long as the process), and stored anew as
 * the next version when the office changes one.
 */
#define G_LOG_DOMAIN "mishu-work"

#include "work/flow_internal.h"
#include "core/core.h"

#include <gio/gio.h>
#include <string.h>

#define RESOURCE_DIR "/mishu/data/workflows"

const char work_flow_stay[] = "(stay)";

/* ---- the cache ----------------------------------------------------------------------------- */

static GMutex cache_lock;
static GHashTable *cache; /* "code\nversion\ntext" → WorkFlow* (never freed) */

/* The parsed form of TEXT as version VERSION of CODE, from the cache or parsed now. */
static const WorkFlow *parsed(const char *code, gint64 version, const char *text, GError **err)
{
	g_autofree char *key = g_strdup_printf("%s\n%" G_GINT64_FORMAT "\n%s", code, version, text);
	WorkFlow *f;
	json_error_t je;
	json_t *def;

	/* parsed under the lock, once per version: two threads never both parse (and one leak) */
	g_mutex_lock(&cache_lock);
	if (cache == NULL)
		cache = g_hash_table_new(g_str_hash, g_str_equal);
	if ((f = g_hash_table_lookup(cache, key)) != NULL)
		goto out;
	if ((def = json_loads(text, JSON_REJECT_DUPLICATES, &je)) == NULL) {
		g_set_error(err, WORK_ERROR, WORK_ERROR_DB,
		            "workflow %s version %" G_GINT64_FORMAT " is not JSON: %s", code,
		            version, je.text);
		goto out;
	}
	f = work_flow_parse(def, code, version, err);
	json_decref(def);
	if (f)
		g_hash_table_insert(cache, g_steal_pointer(&key), f);
out:
	g_mutex_unlock(&cache_lock);
	return f;
}

const WorkFlow *work_flow_get(DbConn *c, const char *code, gint64 version, GError **err)
{
	g_autoptr(json_t) rows = NULL;
	json_t *row;

	if (version > 0)
		rows = work_rows(WORK_ERRORS, c, err,
		                 "SELECT version, definition FROM workflow WHERE code = ? AND "
		                 "version = ?",
		                 "si", code, version);
	else
		rows = work_rows(WORK_ERRORS, c, err,
		                 "SELECT version, definition FROM workflow WHERE code = ? ORDER BY "
		                 "version DESC LIMIT 1",
		                 "s", code);
	if (rows == NULL)
		return NULL;
	if ((row = json_array_get(rows, 0)) == NULL) {
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
		                    N_("There is no such workflow."));
		return NULL;
	}
	return parsed(code, json_integer_value(json_object_get(row, "version")),
	              json_string_value(json_object_get(row, "definition")), err);
}

/* ---- seeding ------------------------------------------------------------------------------- */

gboolean work_flow_seed(Db *db, GError **err)
{
	GError *e = NULL;
	DbConn *c = db_conn(db, &e);
	g_auto(GStrv) names = NULL;
	gboolean ok = TRUE;

	names = g_resources_enumerate_children(RESOURCE_DIR, G_RESOURCE_LOOKUP_FLAGS_NONE, &e);
	if (names == NULL || c == NULL || !db_begin(c, TRUE, &e)) {
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
		return FALSE;
	}
	for (char **n = names; ok && *n; n++) {
		g_autofree char *path = g_strdup_printf("%s/%s", RESOURCE_DIR, *n);
		g_autofree char *code = g_strndup(*n, strcspn(*n, "."));
		g_autoptr(GBytes) b =
		    g_resources_lookup_data(path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
		gint64 have = 0;
		if (b == NULL || !g_str_has_suffix(*n, ".json"))
			continue;
		ok = work_run(WORK_ERRORS, c, &have, err,
		              "SELECT count(*) FROM workflow WHERE code = ?", "s", code);
		if (ok && have == 0) {
			g_autofree char *text =
			    g_strndup(g_bytes_get_data(b, NULL), g_bytes_get_size(b));
			/* a compiled-in definition that does not pass is a programming error */
			ok =
			    parsed(code, 1, text, err) != NULL &&
			    work_run(WORK_ERRORS, c, NULL, err,
			             "INSERT INTO workflow (code, version, definition, created_at) "
			             "VALUES (?, 1, ?, ?) ON CONFLICT (code, version) DO NOTHING",
			             "ssi", code, text, core_now());
		}
	}
	if (ok && !db_commit(c, &e)) {
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
		ok = FALSE;
	}
	if (!ok)
		db_rollback(c);
	return ok;
}

/* ---- changes ------------------------------------------------------------------------------- */

/* Refuses DEF when it leaves out a state that items of workflow CODE now occupy. */
static gboolean states_kept(DbConn *c, const char *code, json_t *def, GError **err)
{
	g_autoptr(json_t) rows = work_rows(WORK_ERRORS, c, err,
	                                   "SELECT status, count(*) AS n FROM item WHERE kind = ? "
	                                   "GROUP BY status ORDER BY status",
	                                   "s", code);
	json_t *r, *s;
	size_t i, k;

	if (rows == NULL)
		return FALSE;
	json_array_foreach (rows, i, r) {
		const char *st = json_string_value(json_object_get(r, "status"));
		gboolean kept = FALSE;
		json_array_foreach (json_object_get(def, "states"), k, s)
			kept = kept ||
			       g_strcmp0(json_string_value(json_object_get(s, "code")), st) == 0;
		if (!kept) {
			g_autofree char *msg = g_strdup_printf(
			    core_tr_now("The state %s cannot be removed: %d items are in it now."),
			    st, (int)json_integer_value(json_object_get(r, "n")));
			g_set_error_literal(err, WORK_ERROR, WORK_ERROR_WORKFLOW, msg);
			return FALSE;
		}
	}
	return TRUE;
}

gboolean work_flow_store(DbConn *c, const AuthUser *u, const char *code, json_t *def,
                         gint64 *version, GError **err)
{
	g_autoptr(json_t) copy = NULL;
	g_autofree char *text = NULL;
	gint64 last = 0;

	if (!work_flow_validate(def, code, err))
		return FALSE;
	if (!work_run(WORK_ERRORS, c, &last, err,
	              "SELECT coalesce(max(version), 0) FROM workflow WHERE code = ?", "s", code))
		return FALSE;
	if (last == 0) {
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
		                    N_("There is no such workflow."));
		return FALSE;
	}
	if (!states_kept(c, code, def, err))
		return FALSE;
	copy = json_deep_copy(def);
	json_object_del(copy, "version");
	json_object_set_new(copy, "code", json_string(code));
	text = json_dumps(copy, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	*version = last + 1;
	/* the primary key (code, version) refuses a concurrent store of the same version: 409 */
	return work_run(WORK_ERRORS, c, NULL, err,
	                "INSERT INTO workflow (code, version, definition, created_at, created_by) "
	                "VALUES (?, ?, ?, ?, ?)",
	                "sisii", code, *version, text, core_now(), u->id);
}

/* ---- reading ------------------------------------------------------------------------------- */

json_t *work_flow_list(DbConn *c, GError **err)
{
	g_autoptr(json_t) rows = work_rows(
	    WORK_ERRORS, c, err,
	    "SELECT w.code, w.version, w.created_at AS updated_at, (SELECT count(*) FROM item i "
	    "WHERE i.kind = w.code) AS items FROM workflow w WHERE w.version = (SELECT "
	    "max(version) "
	    "FROM workflow x WHERE x.code = w.code) ORDER BY w.code",
	    "");
	json_t *out, *r;
	size_t i;

	if (rows == NULL)
		return NULL;
	out = json_array();
	json_array_foreach (rows, i, r) {
		const char *code = json_string_value(json_object_get(r, "code"));
		const WorkFlow *f =
		    work_flow_get(c, code, json_integer_value(json_object_get(r, "version")), err);
		if (f == NULL) {
			json_decref(out);
			return NULL;
		}
		json_object_set(r, "name", json_object_get(f->json, "name"));
		json_object_set(r, "description", json_object_get(f->json, "description"));
		json_object_set_new(r, "states", json_integer(f->n_states));
		json_object_set_new(r, "steps", json_integer(f->n_steps));
		json_array_append(out, r);
	}
	return out;
}

json_t *work_flow_versions(DbConn *c, const char *code, GError **err)
{
	json_t *rows = work_rows(
	    WORK_ERRORS, c, err,
	    "SELECT w.version, w.created_at, u.username AS created_by, u.display_name AS "
	    "created_by_name, (SELECT count(*) FROM item i WHERE i.kind = w.code AND "
	    "coalesce(i.workflow_version, 1) = w.version) AS items FROM workflow w LEFT JOIN "
	    "user_account u ON u.id = w.created_by WHERE w.code = ? ORDER BY w.version DESC",
	    "s", code);

	if (rows && json_array_size(rows) == 0) {
		json_decref(rows);
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
		                    N_("There is no such workflow."));
		return NULL;
	}
	return rows;
}
