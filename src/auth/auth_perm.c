/*
 * auth_perm.c — roles, the permission table, and the one access decision for work items
 * (auth_item_access for one item, auth_item_filter for lists: both read item_access the same
 * way).
 */
#define G_LOG_DOMAIN "mishu-auth"

#include "auth/auth.h"
#include "auth/auth_internal.h"
#include "core/core.h"

#include <string.h>

/* ---- roles ------------------------------------------------------------------------------ */

static const struct {
	AuthRole role;
	const char *name;  /* as stored in user_role.role */
	const char *title; /* English msgid */
} roles[] = {
    {AUTH_ROLE_LEADER, "leader", N_("Leader")},
    {AUTH_ROLE_STAFF, "staff", N_("Office staff")},
    {AUTH_ROLE_LIAISON, "liaison", N_("Unit liaison")},
    {AUTH_ROLE_SYSADMIN, "sysadmin", N_("System administrator")},
    {AUTH_ROLE_SECADMIN, "secadmin", N_("Security administrator")},
    {AUTH_ROLE_AUDITOR, "auditor", N_("Security auditor")},
};

#define AUTH_ROLES_ALL (AUTH_ROLE_LEADER | AUTH_ROLE_STAFF | AUTH_ROLE_LIAISON | AUTH_ROLES_ADMIN)

AuthRole auth_role_from_name(const char *name)
{
	for (gsize i = 0; name && i < G_N_ELEMENTS(roles); i++)
		if (strcmp(name, roles[i].name) == 0)
			return roles[i].role;
	return 0;
}

const char *auth_role_name(AuthRole role)
{
	for (gsize i = 0; i < G_N_ELEMENTS(roles); i++)
		if (roles[i].role == role)
			return roles[i].name;
	return NULL;
}

const char *auth_role_title(AuthRole role)
{
	for (gsize i = 0; i < G_N_ELEMENTS(roles); i++)
		if (roles[i].role == role)
			return roles[i].title;
	return NULL;
}

gboolean auth_roles_separated(guint r)
{
	guint admin = r & AUTH_ROLES_ADMIN;

	return (admin & (admin - 1)) == 0; /* zero or one bit set */
}

/* ---- permissions ------------------------------------------------------------------------ */

/* Each permission and the roles that carry it; see the table in auth.h. */
static const struct {
	const char *perm;
	guint roles;
} perms[] = {
    {"login", AUTH_ROLES_ALL},
    {"users.manage", AUTH_ROLE_SYSADMIN},
    {"config.manage", AUTH_ROLE_SYSADMIN},
    {"roles.manage", AUTH_ROLE_SECADMIN},
    {"policy.manage", AUTH_ROLE_SECADMIN},
    {"audit.read", AUTH_ROLE_AUDITOR},
    {"work.read", AUTH_ROLE_LEADER | AUTH_ROLE_STAFF | AUTH_ROLE_LIAISON},
    {"work.write", AUTH_ROLE_STAFF | AUTH_ROLE_LIAISON},
    {"work.all", AUTH_ROLE_STAFF},
    {"work.instruct", AUTH_ROLE_LEADER},
    {"org.read", AUTH_ROLE_LEADER | AUTH_ROLE_STAFF | AUTH_ROLE_LIAISON},
    {"org.manage", AUTH_ROLE_STAFF},
    {"portal.edit", AUTH_ROLE_STAFF},
    {"duty.manage", AUTH_ROLE_STAFF},
    {"routing.read", AUTH_ROLE_LEADER | AUTH_ROLE_STAFF | AUTH_ROLE_LIAISON | AUTH_ROLE_SECADMIN},
    {"routing.manage", AUTH_ROLE_SECADMIN},
    {"workflow.read", AUTH_ROLE_LEADER | AUTH_ROLE_STAFF | AUTH_ROLE_LIAISON | AUTH_ROLE_SECADMIN},
    {"workflow.manage", AUTH_ROLE_SECADMIN},
    {"procedure.manage", AUTH_ROLE_SECADMIN},
};

/* Grants PERM when one of U's roles carries it. An account that breaks the three-administrator
 * separation (which auth_user.c and a trigger prevent) is granted nothing: fail closed. */
gboolean auth_can(const AuthUser *u, const char *perm)
{
	if (u == NULL || perm == NULL || !auth_roles_separated(u->roles))
		return FALSE;
	for (gsize i = 0; i < G_N_ELEMENTS(perms); i++)
		if (strcmp(perm, perms[i].perm) == 0)
			return (u->roles & perms[i].roles) != 0;
	return FALSE; /* unknown permission */
}

/* ---- work items ------------------------------------------------------------------------- */

/*
 * The visibility test shared by both functions: item_access names the user (placeholder USER)
 * or the user's unit (UNIT; 0 for none, which NULLIF turns into NULL so it matches no row even
 * if a unit with id 0 existed). Item alias "i".
 */
#define VISIBLE_SQL(user, unit)                                                                    \
	"EXISTS (SELECT 1 FROM item_access a WHERE a.item_id = i.id AND (a.user_id = " user        \
	" OR a.unit_id = NULLIF(" unit ", 0)))"

/*
 * The filter follows auth_item_access:
 *   - "work.all" (staff): no condition;
 *   - "work.read" (leader, liaison): VISIBLE_SQL with the user's id and unit;
 *   - anyone else (the three administrators, an account without roles, no user): a condition
 *     that is always false, so administrators see no item even when an item_access row happens
 *     to name them — the same answer as auth_item_access.
 */
void auth_item_filter(DbQuery *q, const AuthUser *u)
{
	if (auth_can(u, "work.all"))
		return;
	if (auth_can(u, "work.read"))
		db_query_where(q, VISIBLE_SQL("?", "?"), "ii", u->id, u->unit_id);
	else
		db_query_where(q, "1 = 0", NULL);
}

/* One query answers both "does the item exist" and "may U see it"; users without work.read
 * are denied before any query. CASE keeps the results integers on PostgreSQL too. */
AuthItemAccess auth_item_access(DbConn *c, const AuthUser *u, gint64 item_id, GError **err)
{
	GError *dberr = NULL;
	gboolean all = auth_can(u, "work.all");
	DbStep st;

	if (!all && !auth_can(u, "work.read"))
		return AUTH_ITEM_DENIED;

	g_autoptr(DbStmt) s = db_prepare(
	    c,
	    "SELECT CASE WHEN EXISTS (SELECT 1 FROM item i WHERE i.id = ?1) THEN 1 ELSE 0 END, "
	    "CASE WHEN EXISTS (SELECT 1 FROM item i WHERE i.id = ?1 AND " VISIBLE_SQL(
	        "?2", "?3") ") THEN 1 ELSE 0 END",
	    &dberr);
	if (s == NULL) {
		auth_error_from_db(err, dberr);
		return AUTH_ITEM_DENIED;
	}
	db_bind_int(s, 1, item_id);
	db_bind_int(s, 2, u->id);
	db_bind_int(s, 3, u->unit_id);
	st = db_step(s, &dberr);
	if (st != DB_ROW) {
		if (st == DB_DONE) /* cannot happen: a SELECT without FROM has one row */
			dberr = g_error_new_literal(DB_ERROR_DOMAIN, DB_ERROR_MISUSE, "no row");
		auth_error_from_db(err, dberr);
		return AUTH_ITEM_DENIED;
	}
	if (db_col_int(s, 0) == 0)
		return AUTH_ITEM_MISSING;
	if (all || db_col_int(s, 1) != 0)
		return AUTH_ITEM_ALLOWED;
	return AUTH_ITEM_DENIED;
}
