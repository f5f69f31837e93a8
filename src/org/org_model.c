/*
 * org_model.c — the vocabulary of the organisation (work kinds, leader kinds, roles, unit kinds),
 * calendar dates, the query helpers of src/org/, and reading the body, its leaders and the
 * domain tree.
 */
#define G_LOG_DOMAIN "mishu-org"

#include "org/org_internal.h"
#include "core/core.h"

#include <stdarg.h>
#include <string.h>

G_DEFINE_QUARK(mishu - org - error - quark, org_error)

/* ---- vocabulary --------------------------------------------------------------------------- */

static const struct {
	const char *code, *title;
} work_kinds[] = {
    {"incoming", N_("Incoming documents")},  /* 收文 */
    {"outgoing", N_("Outgoing documents")},  /* 发文 */
    {"meeting", N_("Meetings")},             /* 会议 */
    {"report", N_("Information reports")},   /* 信息 */
    {"task", N_("Supervised tasks")},        /* 督查督办 */
    {"study", N_("Research")},               /* 调研 */
    {"petition", N_("Petitions")},           /* 信访 */
    {"incident", N_("Emergency incidents")}, /* 突发事件 */
    {"rule", N_("Office rules")},            /* 制度 */
    {"coordination", N_("Coordination")},    /* 协调 */
};

const char *const org_work_kinds[] = {"incoming", "outgoing",     "meeting",  "report",
                                      "task",     "study",        "petition", "incident",
                                      "rule",     "coordination", NULL};

const char *const org_unit_kinds[] = {"party", "government", "legislature", "cppcc", "judicial",
                                      "mass",  "district",   "military",    "other", NULL};

static const struct {
	const char *code, *title;
} titles[] = {
    {"secretary", N_("Secretary")},                     /* 书记 */
    {"deputy", N_("Deputy secretary")},                 /* 副书记 */
    {"member", N_("Standing committee member")},        /* 常委 */
    {"lead", N_("In overall charge")},                  /* 主管 */
    {"charge", N_("In charge")},                        /* 分管 */
    {"assist", N_("Assisting")},                        /* 协管 */
    {"works_in", N_("Works in")},                       /* 所在单位 */
    {"linked", N_("Linked unit")},                      /* 联系单位 */
    {"party", N_("Party committee departments")},       /* 市委工作部门 */
    {"government", N_("Government departments")},       /* 政府工作部门 */
    {"legislature", N_("People's congress")},           /* 人大 */
    {"cppcc", N_("Political consultative conference")}, /* 政协 */
    {"judicial", N_("Courts and procuratorates")},      /* 法院、检察院 */
    {"mass", N_("Mass organisations")},                 /* 群团组织 */
    {"district", N_("Lower-level committees")},         /* 区县（市）党委 */
    {"military", N_("Military")},                       /* 驻军 */
    {"other", N_("Other units")},                       /* 其他单位 */
};

gboolean org_work_kind_valid(const char *kind)
{
	for (gsize i = 0; kind && org_work_kinds[i]; i++)
		if (strcmp(kind, org_work_kinds[i]) == 0)
			return TRUE;
	return FALSE;
}

const char *org_work_kind_title(const char *kind)
{
	for (gsize i = 0; kind && i < G_N_ELEMENTS(work_kinds); i++)
		if (strcmp(kind, work_kinds[i].code) == 0)
			return work_kinds[i].title;
	return kind;
}

static const char *title_of(const char *code)
{
	for (gsize i = 0; code && i < G_N_ELEMENTS(titles); i++)
		if (strcmp(code, titles[i].code) == 0)
			return titles[i].title;
	return code;
}

const char *org_leader_kind_title(const char *kind)
{
	return title_of(kind);
}
const char *org_role_title(const char *role)
{
	return title_of(role);
}
const char *org_unit_kind_title(const char *kind)
{
	return title_of(kind);
}
const char *org_relation_title(const char *relation)
{
	return title_of(relation);
}

/* ---- dates -------------------------------------------------------------------------------- */

char *org_date_before(const char *date)
{
	GDate d;

	/* a stored date: checked when it was written, perhaps under an older range */
	g_date_clear(&d, 1);
	g_date_set_dmy(&d, (GDateDay)atoi(date + 8), (GDateMonth)atoi(date + 5),
	               (GDateYear)atoi(date));
	g_date_subtract_days(&d, 1);
	return core_date_format(&d);
}

/* ---- query helpers ------------------------------------------------------------------------ */

void org_error_from_db(GError **err, GError *cause)
{
	if (cause && cause->domain == DB_ERROR_DOMAIN && cause->code == DB_ERROR_CONSTRAINT) {
		g_info("org: constraint: %s", cause->message);
		g_clear_error(&cause);
		g_set_error_literal(
		    err, ORG_ERROR, ORG_ERROR_CONFLICT,
		    N_("This code or name is already taken, or a reference is wrong."));
		return;
	}
	g_warning("org: database: %s", cause ? cause->message : "unknown error");
	g_clear_error(&cause);
	g_set_error_literal(err, ORG_ERROR, ORG_ERROR_DB,
	                    N_("The database is not available right now. Please try again later."));
}

json_t *org_rows(DbConn *c, GError **err, const char *sql, const char *types, ...)
{
	GError *e = NULL;
	json_t *rows;
	va_list ap;

	va_start(ap, types);
	rows = db_rows_va(c, &e, sql, types, ap);
	va_end(ap);
	if (rows == NULL)
		org_error_from_db(err, e);
	return rows;
}

gboolean org_exec(DbConn *c, gint64 *out, GError **err, const char *sql, const char *types, ...)
{
	GError *e = NULL;
	gboolean ok;
	va_list ap;

	va_start(ap, types);
	ok = db_run_va(c, out, &e, sql, types, ap);
	va_end(ap);
	if (!ok)
		org_error_from_db(err, e);
	return ok;
}

char *org_like_pattern(const char *q)
{
	g_autofree char *low = g_utf8_strdown(q, -1);
	GString *p = g_string_new("%");

	for (const char *s = low; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			g_string_append_c(p, '\\');
		g_string_append_c(p, *s);
	}
	g_string_append_c(p, '%');
	return g_string_free(p, FALSE);
}

GHashTable *org_group_by(json_t *rows, const char *key)
{
	GHashTable *h =
	    g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, (GDestroyNotify)json_decref);
	json_t *r;
	size_t i;

	json_array_foreach (rows, i, r) {
		gint64 k = json_integer_value(json_object_get(r, key));
		json_t *list = g_hash_table_lookup(h, &k);
		if (list == NULL) {
			list = json_array();
			g_hash_table_insert(h, g_memdup2(&k, sizeof k), list);
		}
		json_array_append(list, r);
	}
	json_decref(rows);
	return h;
}

/* ---- the body ----------------------------------------------------------------------------- */

json_t *org_body(DbConn *c, GError **err)
{
	json_t *rows = org_rows(
	    c, err, "SELECT id, code, name, short_name FROM body ORDER BY id LIMIT 1", NULL);
	json_t *body, *terms;

	if (rows == NULL)
		return NULL;
	if (json_array_size(rows) == 0) {
		json_decref(rows);
		return json_null();
	}
	body = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	terms = org_rows(c, err,
	                 "SELECT name, valid_from, valid_to FROM term WHERE body_id = ? "
	                 "ORDER BY valid_from DESC LIMIT 1",
	                 "i", (gint64)json_integer_value(json_object_get(body, "id")));
	if (terms == NULL) {
		json_decref(body);
		return NULL;
	}
	json_object_set(body, "term",
	                json_array_size(terms) ? json_array_get(terms, 0) : json_null());
	json_decref(terms);
	return body;
}

/* ---- leaders ------------------------------------------------------------------------------ */

/* The leader columns every listing reads (alias l, account u). */
#define LEADER_COLUMNS                                                                             \
	"l.id, l.name, l.kind, l.title, l.rank, l.user_id, u.username, u.phone, l.valid_from, "    \
	"l.valid_to FROM leader l LEFT JOIN user_account u ON u.id = l.user_id "

/* Attaches posts, assignments, units and assistant in force on ON to each leader of LEADERS
 * (changed in place). FALSE with ERR on database failure. */
static gboolean leaders_attach(DbConn *c, json_t *leaders, const char *on, GError **err)
{
	json_t *posts, *asg, *units, *assist, *l;
	GHashTable *by_posts, *by_asg, *by_units, *by_assist;
	size_t i;

	posts = org_rows(
	    c, err, "SELECT leader_id, post FROM leader_post ORDER BY leader_id, position", NULL);
	asg = posts ? org_rows(
	                  c, err,
	                  "SELECT a.leader_id, a.id, d.code AS domain_code, a.domain_id, d.name AS "
	                  "domain_name, "
	                  "a.role, a.valid_from, a.valid_to, a.source FROM assignment a "
	                  "JOIN domain d ON d.id = a.domain_id WHERE " ORG_IN_FORCE(
	                      "a") " ORDER BY CASE a.role WHEN 'lead' THEN 0 WHEN 'charge' THEN 1 "
	                           "ELSE 2 "
	                           "END, d.position, d.id",
	                  "ss", on, on)
	            : NULL;
	units =
	    asg ? org_rows(
	              c, err,
	              "SELECT lu.leader_id, n.id, n.code, n.name, lu.relation FROM leader_unit lu "
	              "JOIN unit n ON n.id = lu.unit_id WHERE " ORG_IN_FORCE(
	                  "lu") " ORDER BY lu.relation DESC, n.position, n.id",
	              "ss", on, on)
	        : NULL;
	assist =
	    units ? org_rows(
	                c, err,
	                "SELECT s.leader_id, s.user_id, u.username, u.display_name AS name, "
	                "u.title, u.phone FROM leader_assistant s JOIN user_account u ON "
	                "u.id = s.user_id WHERE " ORG_IN_FORCE("s") " ORDER BY s.valid_from DESC",
	                "ss", on, on)
	          : NULL;
	if (assist == NULL) {
		json_decref(posts);
		json_decref(asg);
		json_decref(units);
		return FALSE;
	}
	by_posts = org_group_by(posts, "leader_id");
	by_asg = org_group_by(asg, "leader_id");
	by_units = org_group_by(units, "leader_id");
	by_assist = org_group_by(assist, "leader_id");
	json_array_foreach (leaders, i, l) {
		gint64 id = json_integer_value(json_object_get(l, "id"));
		json_t *p = g_hash_table_lookup(by_posts, &id),
		       *a = g_hash_table_lookup(by_asg, &id);
		json_t *u = g_hash_table_lookup(by_units, &id),
		       *s = g_hash_table_lookup(by_assist, &id);
		json_t *texts = json_array(), *v;
		size_t j;

		json_array_foreach (p, j, v)
			json_array_append(texts, json_object_get(v, "post"));
		json_object_set_new(l, "posts", texts);
		json_object_set_new(l, "assignments", a ? json_incref(a) : json_array());
		json_object_set_new(l, "units", u ? json_incref(u) : json_array());
		json_object_set_new(l, "assistant",
		                    s ? json_incref(json_array_get(s, 0)) : json_null());
		json_object_set_new(l, "kind_title_msgid",
		                    json_string(org_leader_kind_title(
		                        json_string_value(json_object_get(l, "kind")))));
	}
	g_hash_table_unref(by_posts);
	g_hash_table_unref(by_asg);
	g_hash_table_unref(by_units);
	g_hash_table_unref(by_assist);
	return TRUE;
}

json_t *org_leaders(DbConn *c, const char *on, gboolean all, GError **err)
{
	json_t *rows;

	if (all)
		rows = org_rows(c, err, "SELECT " LEADER_COLUMNS "ORDER BY l.rank, l.id", NULL);
	else
		rows = org_rows(c, err,
		                "SELECT " LEADER_COLUMNS
		                "WHERE " ORG_IN_FORCE("l") " ORDER BY l.rank, l.id",
		                "ss", on, on);
	if (rows && !leaders_attach(c, rows, on, err)) {
		json_decref(rows);
		return NULL;
	}
	return rows;
}

/* The columns of a committee_member row as org_committee answers it. */
#define MEMBER_COLUMNS                                                                             \
	"m.id, m.name, m.title, m.rank, m.user_id, u.username, m.valid_from, m.valid_to FROM "     \
	"committee_member m LEFT JOIN user_account u ON u.id = m.user_id "

json_t *org_committee(DbConn *c, const char *on, GError **err)
{
	g_autoptr(json_t) standing = org_leaders(c, on, FALSE, err);
	json_t *rows = standing ? org_rows(c, err,
	                                   "SELECT " MEMBER_COLUMNS
	                                   "WHERE " ORG_IN_FORCE("m") " ORDER BY m.rank, m.id",
	                                   "ss", on, on)
	                        : NULL;
	json_t *out, *l, *m;
	size_t i;

	if (rows == NULL)
		return NULL;
	out = json_array();
	json_array_foreach (standing, i, l)
		json_array_append_new(
		    out,
		    json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:b}", "leader_id",
		              json_object_get(l, "id"), "name", json_object_get(l, "name"), "title",
		              json_object_get(l, "title"), "kind", json_object_get(l, "kind"),
		              "user_id", json_object_get(l, "user_id"), "username",
		              json_object_get(l, "username"), "valid_from",
		              json_object_get(l, "valid_from"), "valid_to",
		              json_object_get(l, "valid_to"), "standing", TRUE));
	json_array_foreach (rows, i, m) {
		json_object_set_new(m, "kind", json_string("committee"));
		json_object_set_new(m, "standing", json_false());
		json_array_append(out, m);
	}
	json_decref(rows);
	return out;
}

json_t *org_committee_member(DbConn *c, gint64 id, GError **err)
{
	g_autoptr(json_t) rows =
	    org_rows(c, err, "SELECT " MEMBER_COLUMNS "WHERE m.id = ?", "i", id);
	json_t *m;

	if (rows == NULL)
		return NULL;
	if ((m = json_array_get(rows, 0)) == NULL) {
		g_set_error_literal(err, ORG_ERROR, ORG_ERROR_NOT_FOUND,
		                    N_("There is no such committee member."));
		return NULL;
	}
	json_object_set_new(m, "kind", json_string("committee"));
	json_object_set_new(m, "standing", json_false());
	return json_incref(m);
}

json_t *org_leader(DbConn *c, gint64 id, const char *on, GError **err)
{
	json_t *rows = org_rows(c, err, "SELECT " LEADER_COLUMNS "WHERE l.id = ?", "i", id);
	json_t *one;

	if (rows == NULL)
		return NULL;
	if (json_array_size(rows) == 0) {
		json_decref(rows);
		g_set_error_literal(err, ORG_ERROR, ORG_ERROR_NOT_FOUND,
		                    N_("There is no such leader."));
		return NULL;
	}
	if (!leaders_attach(c, rows, on, err)) {
		json_decref(rows);
		return NULL;
	}
	one = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	return one;
}

gboolean org_leader_resolve(DbConn *c, json_t *ref, gint64 *id, GError **err)
{
	json_t *rows = NULL;

	if (json_is_integer(ref))
		rows = org_rows(c, err, "SELECT id FROM leader WHERE id = ?", "i",
		                (gint64)json_integer_value(ref));
	else if (json_is_string(ref))
		rows = org_rows(
		    c, err,
		    "SELECT l.id FROM leader l LEFT JOIN user_account u ON u.id = l.user_id "
		    "WHERE u.username = lower(?) OR l.name = ? ORDER BY l.id",
		    "ss", json_string_value(ref), json_string_value(ref));
	else {
		g_set_error_literal(err, ORG_ERROR, ORG_ERROR_INVALID,
		                    N_("Name a leader by id, account name or full name."));
		return FALSE;
	}
	if (rows == NULL)
		return FALSE;
	if (json_array_size(rows) == 0) {
		json_decref(rows);
		g_set_error_literal(err, ORG_ERROR, ORG_ERROR_NOT_FOUND,
		                    N_("There is no such leader."));
		return FALSE;
	}
	*id = json_integer_value(json_object_get(json_array_get(rows, 0), "id"));
	json_decref(rows);
	return TRUE;
}

/* ---- domains ------------------------------------------------------------------------------ */

/* Appends the children of PARENT (0: the roots) from BY_PARENT to OUT in order, depth-first. */
static void domains_walk(GHashTable *by_parent, gint64 parent, int depth, json_t *out)
{
	json_t *kids = g_hash_table_lookup(by_parent, &parent), *d;
	size_t i;

	if (depth > 16) /* a cycle cannot be saved (org_domain_save), but never loop */
		return;
	json_array_foreach (kids, i, d) {
		json_object_set_new(d, "depth", json_integer(depth));
		json_array_append(out, d);
		domains_walk(by_parent, json_integer_value(json_object_get(d, "id")), depth + 1,
		             out);
	}
}

json_t *org_domains(DbConn *c, GError **err)
{
	json_t *rows =
	    org_rows(c, err,
	             "SELECT d.id, d.code, d.name, COALESCE(d.parent_id, 0) AS parent_id, "
	             "p.code AS parent_code, d.position, d.description, d.active "
	             "FROM domain d LEFT JOIN domain p ON p.id = d.parent_id "
	             "ORDER BY d.position, d.id",
	             NULL);
	json_t *out;
	GHashTable *by_parent;

	if (rows == NULL)
		return NULL;
	by_parent = org_group_by(rows, "parent_id");
	out = json_array();
	domains_walk(by_parent, 0, 0, out);
	g_hash_table_unref(by_parent);
	return out;
}

gboolean org_domain_id(DbConn *c, const char *code, gint64 *id, GError **err)
{
	json_t *rows = org_rows(c, err, "SELECT id FROM domain WHERE code = ?", "s", code);

	if (rows == NULL)
		return FALSE;
	if (json_array_size(rows) == 0) {
		json_decref(rows);
		g_set_error_literal(err, ORG_ERROR, ORG_ERROR_NOT_FOUND,
		                    N_("There is no such domain."));
		return FALSE;
	}
	*id = json_integer_value(json_object_get(json_array_get(rows, 0), "id"));
	json_decref(rows);
	return TRUE;
}
