/*
 * labels.c — the names of request fields as a reader knows them ("title" is 标题), in one table,
 * and the two checks that must name them: a text longer than its limit ("标题不能超过 200 字。")
 * and two dates out of order ("办理时限不能早于收文日期。"). The 422 answer still carries the
 * field's code in "field"; the message names it in the reader's language.
 */
#define G_LOG_DOMAIN "mishu-work"

#include "work/work.h"

#include "core/core.h"

#include <string.h>

static const struct {
	const char *name, *label;
} labels[] = {
    {"title", N_("Title")},                        /* 标题 */
    {"body", N_("Body text")},                     /* 正文 */
    {"doc_type", N_("Document type")},             /* 文种 */
    {"secrecy", N_("Secrecy")},                    /* 密级 */
    {"urgency", N_("Urgency")},                    /* 紧急程度 */
    {"disclosure", N_("Disclosure")},              /* 公开属性 */
    {"deadline", N_("Deadline")},                  /* 办理时限 */
    {"series", N_("Issuer code")},                 /* 机关代字 */
    {"sender", N_("Sending organ")},               /* 来文机关 */
    {"sender_number", N_("Sender's number")},      /* 来文字号 */
    {"received_on", N_("Date received")},          /* 收文日期 */
    {"origin", N_("Level of the sender")},         /* 来文层级 */
    {"copies", N_("Copies")},                      /* 份数 */
    {"content", N_("Task")},                       /* 任务内容 */
    {"requirements", N_("Requirements")},          /* 办理要求 */
    {"opinion", N_("Opinion")},                    /* 意见 */
    {"text", N_("Instruction")},                   /* 批示内容 */
    {"given_on", N_("Date of the instruction")},   /* 批示日期 */
    {"source_who", N_("Given by")},                /* 批示人 */
    {"source_ref", N_("Source")},                  /* 批示来源 */
    {"assigned_on", N_("Date assigned")},          /* 交办日期 */
    {"name", N_("Name of the entry")},             /* 名称 */
    {"short_name", N_("Short name")},              /* 简称 */
    {"code", N_("Code")},                          /* 代码 */
    {"term", N_("Term")},                          /* 届次 */
    {"term_from", N_("Term from")},                /* 任期起始 */
    {"kind", N_("Kind")},                          /* 类别 */
    {"valid_from", N_("Valid from")},              /* 生效日期 */
    {"valid_to", N_("Valid until")},               /* 截止日期 */
    {"q", N_("Search text")},                      /* 搜索内容 */
    {"display_name", N_("Display name")},          /* 姓名 */
    {"username", N_("Username")},                  /* 用户名 */
    {"phrases", N_("Phrases")},                    /* 常用批示语 */
    {"main_to", N_("Main recipients")},            /* 主送 */
    {"cc_to", N_("Copied to")},                    /* 抄送 */
    {"deadline_days", N_("Working days")},         /* 工作日数 */
    {"deadline_working_days", N_("Working days")}, /* 工作日数 */
    {"publisher", N_("Publishing office")},        /* 编发单位 */
    {"send_to", N_("Sent up to")},                 /* 报 */
    {"copy_to", N_("Sent to")},                    /* 送 */
    {"topic", N_("Topic")},                        /* 活动内容 */
    {"place", N_("Place")},                        /* 地点 */
    {"from", N_("From")},                          /* 起始日期 */
    {"to", N_("To")},                              /* 截止日期 */
};

const char *work_field_label(const char *name)
{
	for (gsize i = 0; name && i < G_N_ELEMENTS(labels); i++)
		if (strcmp(labels[i].name, name) == 0)
			return labels[i].label;
	return NULL;
}

char *work_msg_too_long(const char *name, glong max)
{
	const char *label = work_field_label(name);

	if (label == NULL)
		return g_strdup_printf(
		    core_tr_now(N_("This text cannot be longer than %ld characters.")), max);
	return g_strdup_printf(core_tr_now(N_("%s cannot be longer than %ld characters.")),
	                       core_tr_now(label), max);
}

char *work_msg_too_many(const char *name, glong max)
{
	const char *label = work_field_label(name);

	if (label == NULL)
		return g_strdup_printf(
		    core_tr_now(N_("This list cannot have more than %ld entries.")), max);
	return g_strdup_printf(core_tr_now(N_("%s cannot have more than %ld entries.")),
	                       core_tr_now(label), max);
}

gboolean work_fail_too_long(const WorkErrors *m, GError **err, const char **field, int code,
                            const char *name, glong max)
{
	g_autofree char *msg = work_msg_too_long(name, max);

	return work_fail_field(m, err, field, code, name, msg);
}

gboolean work_text_field(const WorkErrors *m, int code, json_t *obj, const char *name, glong max,
                         const char **out, const char **field, GError **err)
{
	json_t *v = json_object_get(obj, name);

	*out = "";
	if (v == NULL || json_is_null(v))
		return TRUE;
	if (!json_is_string(v))
		return work_fail_field(m, err, field, code, name, N_("Give a text."));
	if (g_utf8_strlen(json_string_value(v), -1) > max)
		return work_fail_too_long(m, err, field, code, name, max);
	*out = json_string_value(v);
	return TRUE;
}

gboolean work_check_order(const WorkErrors *m, GError **err, const char **field, int code,
                          const char *early_name, const char *early, const char *late_name,
                          const char *late)
{
	g_autofree char *msg = NULL;

	if (early == NULL || late == NULL || !core_date_valid(early) || !core_date_valid(late) ||
	    strcmp(early, late) <= 0)
		return TRUE;
	msg = g_strdup_printf(core_tr_now(N_("%s (%s) cannot be earlier than %s (%s).")),
	                      core_tr_now(work_field_label(late_name)), late,
	                      core_tr_now(work_field_label(early_name)), early);
	return work_fail_field(m, err, field, code, late_name, msg);
}
