/*
 * org_demo.c — set-up data compiled into the program: the default domain taxonomy
 * (data/org/domains.json) loaded by `mishu init`, and the fictional demo city 江城市委
 * (data/demo/jiangcheng.json) loaded by `mishu init --demo`.
 */
#define G_LOG_DOMAIN "mishu-org"

#include "org/org_internal.h"
#include "core/core.h"

#include <gio/gio.h>
#include <string.h>

/* The bundle generated from mishu.gresource.xml (referencing it keeps it linked in). */
extern GResource *mishu_get_resource(void);

/* Parses the compiled-in JSON resource PATH ("data/…"). */
static json_t *resource_json(const char *path, GError **err)
{
	g_autofree char *full = g_strconcat("/mishu/", path, NULL);
	g_autoptr(GBytes) b =
	    g_resource_lookup_data(mishu_get_resource(), full, G_RESOURCE_LOOKUP_FLAGS_NONE, err);
	json_error_t je;
	json_t *v;

	if (b == NULL)
		return NULL;
	v = json_loadb(g_bytes_get_data(b, NULL), g_bytes_get_size(b), 0, &je);
	if (v == NULL)
		g_set_error(err, ORG_ERROR, ORG_ERROR_INVALID, "%s: line %d: %s", path, je.line,
		            je.text);
	return v;
}

/* Inserts the domain NODES (with their children) under PARENT (a code or NULL). */
static gboolean domains_insert(DbConn *c, json_t *nodes, const char *parent, GError **err)
{
	json_t *n;
	size_t i;

	json_array_foreach (nodes, i, n) {
		json_t *obj =
		    json_pack("{s:O, s:O, s:O, s:s?, s:I}", "code", json_object_get(n, "code"),
		              "name", json_object_get(n, "name"), "description",
		              json_object_get(n, "description") ? json_object_get(n, "description")
		                                                : json_string(""),
		              "parent", parent, "position", (json_int_t)(i + 1) * 10);
		const char *field = NULL;
		gint64 id;
		gboolean ok = org_domain_save(c, 0, obj, &id, &field, err);

		json_decref(obj);
		if (!ok) {
			g_prefix_error(
			    err, "domain %s (%s): ", json_string_value(json_object_get(n, "code")),
			    field ? field : "-");
			return FALSE;
		}
		if (!domains_insert(c, json_object_get(n, "children"),
		                    json_string_value(json_object_get(n, "code")), err))
			return FALSE;
	}
	return TRUE;
}

/* Inserts the directory entries LIST of data/org/recipients.json (higher and peer bodies
 * outside the city, groups of local units with the unit kinds they reach), in their order. */
static gboolean recipients_insert(DbConn *c, json_t *list, GError **err)
{
	json_t *r, *k;
	size_t i, j;

	json_array_foreach (list, i, r) {
		g_autoptr(GString) kinds = g_string_new(NULL);

		json_array_foreach (json_object_get(r, "unit_kinds"), j, k)
			g_string_append_printf(kinds, "%s%s", j ? "," : "", json_string_value(k));
		if (!org_exec(c, NULL, err,
		              "INSERT INTO org_recipient (code, name, kind, unit_kinds, position) "
		              "VALUES (?, ?, ?, ?, ?)",
		              "ssssi", json_string_value(json_object_get(r, "code")),
		              json_string_value(json_object_get(r, "name")),
		              json_string_value(json_object_get(r, "kind")), kinds->str,
		              (gint64)i + 1))
			return FALSE;
	}
	return TRUE;
}

/* Loads the default data JSON resource PATH with INSERT when TABLE is empty (inside a write
 * transaction). */
static gboolean default_in(DbConn *c, const char *table, const char *path,
                           gboolean (*insert)(DbConn *, json_t *, GError **), GError **err)
{
	g_autofree char *sql = g_strdup_printf("SELECT count(*) FROM %s", table);
	gint64 n = 0;
	json_t *tree;
	gboolean ok;

	if (!org_exec(c, &n, err, sql, NULL))
		return FALSE;
	if (n > 0)
		return TRUE;
	if ((tree = resource_json(path, err)) == NULL)
		return FALSE;
	ok = insert(c, tree, err);
	json_decref(tree);
	return ok;
}

/* The domain taxonomy from its roots. */
static gboolean domains_root_insert(DbConn *c, json_t *tree, GError **err)
{
	return domains_insert(c, tree, NULL, err);
}

/* Loads the taxonomy and the directory of recipients, each when its table is empty (inside a
 * write transaction). */
static gboolean defaults_in(DbConn *c, GError **err)
{
	return default_in(c, "domain", "data/org/domains.json", domains_root_insert, err) &&
	       default_in(c, "org_recipient", "data/org/recipients.json", recipients_insert, err);
}

gboolean org_defaults_load(Db *db, GError **err)
{
	GError *e = NULL;
	DbConn *c = db_conn(db, &e);

	if (c == NULL || !db_begin(c, TRUE, &e)) {
		org_error_from_db(err, e);
		return FALSE;
	}
	if (!defaults_in(c, err)) {
		db_rollback(c);
		return FALSE;
	}
	if (!db_commit(c, &e)) {
		org_error_from_db(err, e);
		return FALSE;
	}
	return TRUE;
}

/* ---- the demo city ------------------------------------------------------------------------ */

/* The account id of USERNAME, 0 when there is none. */
static gint64 user_id(DbConn *c, const char *username)
{
	g_autoptr(GError) e = NULL;
	AuthUser *u = username ? auth_user_load_by_name(c, username, &e) : NULL;
	gint64 id = u ? u->id : 0;

	auth_user_free(u);
	return id;
}

/* Creates the accounts of USERS that do not exist yet, all with the Argon2id HASH. */
static gboolean demo_users(DbConn *c, json_t *users, const char *hash, GError **err)
{
	json_t *u, *r;
	size_t i, j;

	json_array_foreach (users, i, u) {
		AuthUserSpec spec = {0};
		gint64 id;

		spec.username = json_string_value(json_object_get(u, "username"));
		if (user_id(c, spec.username))
			continue;
		spec.display_name = json_string_value(json_object_get(u, "name"));
		json_array_foreach (json_object_get(u, "roles"), j, r)
			spec.roles |= auth_role_from_name(json_string_value(r));
		spec.unit_code = json_string_value(json_object_get(u, "unit"));
		spec.department = json_string_value(json_object_get(u, "department"));
		spec.phone = json_string_value(json_object_get(u, "phone"));
		spec.title = json_string_value(json_object_get(u, "title"));
		spec.locale = "zh-CN";
		spec.password_hash = hash;
		if (!auth_user_create(c, &spec, &id, err)) {
			g_prefix_error(err, "user %s: ", spec.username);
			return FALSE;
		}
	}
	return TRUE;
}

/* Saves each object of LIST with SAVE (units, departments); ones whose code exists are kept. */
static gboolean demo_saves(DbConn *c, json_t *list, const char *table,
                           gboolean (*save)(DbConn *, gint64, json_t *, gint64 *, const char **,
                                            GError **),
                           GError **err)
{
	g_autofree char *sql = g_strdup_printf("SELECT count(*) FROM %s WHERE code = ?", table);
	json_t *o;
	size_t i;

	json_array_foreach (list, i, o) {
		const char *field = NULL;
		gint64 n = 0, id;
		json_t *obj = json_deep_copy(o);
		gboolean ok;

		if (!org_exec(c, &n, err, sql, "s",
		              json_string_value(json_object_get(o, "code")))) {
			json_decref(obj);
			return FALSE;
		}
		json_object_set_new(obj, "position", json_integer((json_int_t)(i + 1) * 10));
		ok = n > 0 || save(c, 0, obj, &id, &field, err);
		json_decref(obj);
		if (!ok) {
			g_prefix_error(err, "%s %s (%s): ", table,
			               json_string_value(json_object_get(o, "code")),
			               field ? field : "-");
			return FALSE;
		}
	}
	return TRUE;
}

/* Creates the leaders of LIST with their posts, units and assisting officials. */
static gboolean demo_leaders(DbConn *c, json_t *list, GError **err)
{
	json_t *l, *link;
	size_t i, j;

	json_array_foreach (list, i, l) {
		const char *from = json_string_value(json_object_get(l, "valid_from"));
		const char *field = NULL;
		json_t *obj = json_pack(
		    "{s:O, s:O, s:O, s:O, s:O, s:O, s:O}", "name", json_object_get(l, "name"),
		    "kind", json_object_get(l, "kind"), "title", json_object_get(l, "title"),
		    "rank", json_object_get(l, "rank"), "valid_from",
		    json_object_get(l, "valid_from"), "username", json_object_get(l, "user"),
		    "posts", json_object_get(l, "posts"));
		gint64 id, helper;
		gboolean ok = org_leader_save(c, 0, obj, &id, &field, err);

		json_decref(obj);
		if (!ok) {
			g_prefix_error(
			    err, "leader %s (%s): ", json_string_value(json_object_get(l, "name")),
			    field ? field : "-");
			return FALSE;
		}
		json_array_foreach (json_object_get(l, "units"), j, link) {
			gint64 unit = 0;
			if (!org_exec(c, &unit, err, "SELECT id FROM unit WHERE code = ?", "s",
			              json_string_value(json_object_get(link, "unit"))) ||
			    !org_leader_unit_add(
			        c, id, unit, json_string_value(json_object_get(link, "relation")),
			        from, err))
				return FALSE;
		}
		helper = user_id(c, json_string_value(json_object_get(l, "assistant")));
		if (helper && !org_assistant_set(c, id, helper, from, err))
			return FALSE;
	}
	return TRUE;
}

/* Creates the members of the full committee of LIST who are not 常委. */
static gboolean demo_committee(DbConn *c, json_t *list, GError **err)
{
	json_t *m;
	size_t i;

	json_array_foreach (list, i, m) {
		const char *field = NULL;
		gint64 id;

		if (!org_committee_save(c, 0, m, &id, &field, err)) {
			g_prefix_error(err, "committee member %s (%s): ",
			               json_string_value(json_object_get(m, "name")),
			               field ? field : "-");
			return FALSE;
		}
	}
	return TRUE;
}

/* Loads the whole demo city inside one write transaction on C. */
static gboolean demo_in(DbConn *c, json_t *city, const char *hash, GError **err)
{
	json_t *body = json_object_get(city, "body"), *term = json_object_get(city, "term"), *ch;
	json_t *obj;
	const char *field = NULL;
	size_t i;
	gboolean ok;

	if (!defaults_in(c, err) ||
	    !demo_saves(c, json_object_get(city, "departments"), "department", org_department_save,
	                err) ||
	    !demo_saves(c, json_object_get(city, "units"), "unit", org_unit_save, err) ||
	    !demo_users(c, json_object_get(city, "users"), hash, err))
		return FALSE;
	obj = json_pack("{s:O, s:O, s:O, s:O, s:O}", "code", json_object_get(body, "code"), "name",
	                json_object_get(body, "name"), "short_name",
	                json_object_get(body, "short_name"), "term", json_object_get(term, "name"),
	                "term_from", json_object_get(term, "valid_from"));
	ok = org_body_save(c, obj, &field, err);
	json_decref(obj);
	if (!ok || !demo_leaders(c, json_object_get(city, "leaders"), err) ||
	    !demo_committee(c, json_object_get(city, "committee"), err))
		return FALSE;
	json_array_foreach (json_object_get(city, "changes"), i, ch) {
		g_autofree char *where = NULL;
		gint64 id;
		if (!org_change_apply(c, ch, 0, &id, &where, err)) {
			g_prefix_error(err, "change %zu (%s): ", i, where ? where : "-");
			return FALSE;
		}
	}
	return org_exec(c, NULL, err,
	                "INSERT INTO setting (key, value) VALUES ('demo', '1') "
	                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	                NULL);
}

gboolean org_demo_load(Db *db, const char *password, GError **err)
{
	GError *e = NULL;
	DbConn *c = db_conn(db, &e);
	g_autofree char *hash = NULL;
	json_t *city = NULL;
	gint64 bodies = 0;
	AuditEntry a = {0};

	if (c == NULL) {
		org_error_from_db(err, e);
		return FALSE;
	}
	if ((city = resource_json("data/demo/jiangcheng.json", err)) == NULL)
		return FALSE;
	/* one Argon2id hash for every demo account: they share the password anyway */
	if ((hash = auth_password_hash(password)) == NULL) {
		json_decref(city);
		g_set_error_literal(err, ORG_ERROR, ORG_ERROR_DB,
		                    N_("cannot hash the demo password"));
		return FALSE;
	}
	if (!db_begin(c, TRUE, &e)) {
		json_decref(city);
		org_error_from_db(err, e);
		return FALSE;
	}
	if (!org_exec(c, &bodies, err, "SELECT count(*) FROM body", NULL))
		goto fail;
	if (bodies == 0) {
		if (!demo_in(c, city, hash, err))
			goto fail;
		a.actor = "-";
		a.address = "-";
		a.action = "org.demo";
		a.object_kind = "body";
		a.summary = "载入演示数据：江城市委";
		if (!audit_append(c, &a, &e)) {
			org_error_from_db(err, e);
			goto fail;
		}
	}
	json_decref(city);
	if (!db_commit(c, &e)) {
		org_error_from_db(err, e);
		return FALSE;
	}
	return TRUE;
fail:
	json_decref(city);
	db_rollback(c);
	return FALSE;
}
