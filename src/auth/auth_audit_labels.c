/*
 * auth_audit_labels.c — the audit trail in the reader's words: an action code
 * ("docs.circulate") as "公文·传阅", an object ("document 9") as "公文 9", from one table. The
 * codes stay what is stored and exported; the page shows the label with the code beside it.
 */
#include "auth/auth.h"
#include "core/core.h"

#include <string.h>

/* Whole codes that read as one phrase. */
static const struct {
	const char *code, *label;
} actions[] = {
    {"login", N_("Signed in")},                                      /* 登录 */
    {"logout", N_("Signed out")},                                    /* 退出 */
    {"login.failed", N_("Failed sign-in")},                          /* 登录失败 */
    {"login.locked", N_("Sign-in while locked")},                    /* 锁定期间尝试登录 */
    {"login.throttled", N_("Sign-in throttled")},                    /* 登录过于频繁 */
    {"account.locked", N_("Account locked")},                        /* 账户锁定 */
    {"password.change", N_("Password changed")},                     /* 修改密码 */
    {"session.end_all", N_("All sessions ended")},                   /* 结束全部会话 */
    {"system.start", N_("System started")},                          /* 系统启动 */
    {"org.demo", N_("Demo data created")},                           /* 创建演示数据 */
    {"org.change", N_("Change of division")},                        /* 分工调整 */
    {"tasks.from_instruction", N_("Tasks from an instruction")},     /* 批示转督办 */
    {"instruction.record", N_("Paper or oral instruction entered")}, /* 录入批示 */
    {"instruction.scan", N_("Scan of an instruction")},              /* 上传批示扫描件 */
    {"instruction.create", N_("Instruction written")},               /* 作出批示 */
    {"meet.types", N_("Meeting types and rules changed")}, /* 修改会议类型与议事规则 */
    {"meet.create", N_("Meeting called")},                 /* 新建会议 */
    {"meet.notify", N_("Meeting notice sent")},            /* 发出会议通知 */
    {"meet.open", N_("Meeting opened")},                   /* 宣布开会 */
    {"meet.adjourn", N_("Meeting adjourned")},             /* 散会 */
    {"meet.call_off", N_("Meeting called off")},           /* 宣布流会 */
    {"meet.cancel", N_("Meeting cancelled")},              /* 取消会议 */
    {"meet.attendance", N_("Attendance recorded")},        /* 登记出席情况 */
    {"meet.agenda", N_("Agenda item proposed")},           /* 提出议题 */
    {"meet.agenda.consent", N_("Agenda item consented")},  /* 同意上会 */
    {"meet.agenda.approve", N_("Agenda item put on the agenda")},  /* 审定列入议程 */
    {"meet.agenda.close", N_("Vote on an item closed")},           /* 宣布表决结果 */
    {"meet.agenda.withdraw", N_("Agenda item withdrawn")},         /* 撤回议题 */
    {"meet.vote", N_("Vote recorded")},                            /* 登记表决 */
    {"meet.decision_task", N_("Decision into supervision")},       /* 决定事项转督办 */
    {"meet.minutes", N_("Minutes edited")},                        /* 修改会议纪要 */
    {"meet.approve_minutes", N_("Minutes approved")},              /* 审定会议纪要 */
    {"meet.minutes_document", N_("Minutes issued as a document")}, /* 纪要印发为文件 */
    {"meet.agenda.consult", N_("Consultation before the meeting recorded")}, /* 记录会前沟通 */
    {"meet.agenda.materials", N_("Meeting materials filed")},               /* 上传上会材料 */
    {"meet.feed", N_("Calendar feed made")},                                /* 生成日历订阅 */
    {"meet.feed_revoke", N_("Calendar feed revoked")},                      /* 撤销日历订阅 */
    {"info.report", N_("Report drafted")},                                  /* 起草信息稿 */
    {"info.report.submit", N_("Report submitted")},                         /* 报送信息 */
    {"info.report.edit", N_("Report edited")},                              /* 编辑信息稿 */
    {"info.report.adopt", N_("Report adopted")},                            /* 采用信息 */
    {"info.report.reject", N_("Report rejected")},                          /* 退回信息 */
    {"info.report.merge", N_("Report merged")},                             /* 合并信息 */
    {"info.report.withdraw", N_("Report withdrawn")},                       /* 撤回信息 */
    {"info.issue", N_("Issue composed")},                                   /* 编排刊物 */
    {"info.issue.compose", N_("Issue recomposed")},                         /* 调整刊物稿件 */
    {"info.issue.publish", N_("Issue published")},                          /* 印发刊物 */
    {"info.issue.cancel", N_("Issue cancelled")},                           /* 撤销刊物 */
    {"info.issue.read", N_("Issue read")},                                  /* 阅读刊物 */
    {"info.bulletin", N_("Bulletin set up")},                               /* 设置刊物 */
    {"portal.create", N_("Article published")},                             /* 发布文章 */
    {"portal.edit", N_("Article changed")},                                 /* 修改文章 */
    {"portal.comment", N_("Comment posted")},                               /* 发表评论 */
    {"portal.comment_approve", N_("Comment approved")},                     /* 评论审核通过 */
    {"portal.comment_remove", N_("Comment removed")},                       /* 删除评论 */
    {"portal.settings", N_("Portal settings changed")},                     /* 修改门户设置 */
    {"portal.links", N_("Links changed")},                                  /* 修改友情链接 */
    {"portal.demo", N_("Demo portal created")},                             /* 创建演示门户 */
    {"portal.member_apply", N_("Membership applied for")},                  /* 申请会员 */
    {"portal.member_approve", N_("Membership approved")},                   /* 批准会员 */
    {"portal.member_reject", N_("Membership rejected")},                    /* 不予批准会员 */
    {"info.activity", N_("Leader's activity recorded")},                    /* 登记领导活动 */
    {"info.activity.delete", N_("Leader's activity deleted")},              /* 删除领导活动 */
    {"info.report.use", N_("Use of a report by a higher office recorded")}, /* 登记上级采用 */
    {"info.report.accuracy", N_("Report marked untrue or cleared")},        /* 标记信息失实 */
    {"info.score_rules", N_("Scoring rules changed")},          /* 修改采用计分规则 */
    {"duty.month", N_("Month's duty roster replaced")},         /* 编排月值班表 */
    {"duty.entry", N_("Added to the duty roster")},             /* 增加值班安排 */
    {"duty.entry.delete", N_("Removed from the duty roster")},  /* 删除值班安排 */
    {"duty.shifts", N_("Duty shifts changed")},                 /* 修改值班班次 */
    {"duty.leave", N_("Leave recorded")},                       /* 登记请假 */
    {"duty.leave.delete", N_("Leave removed")},                 /* 删除请假 */
    {"duty.handover", N_("Handover written")},                  /* 填写交接班记录 */
    {"duty.handover.acknowledge", N_("Handover acknowledged")}, /* 确认接班 */
};

/* The module a code begins with ("docs." …). */
static const struct {
	const char *prefix, *label;
} modules[] = {
    {"docs", N_("Documents")},                 /* 公文 */
    {"tasks", N_("Supervision")},              /* 督查 */
    {"task", N_("Supervision")},               /* 督查 */
    {"org", N_("Division of responsibility")}, /* 组织分工 */
    {"workflow", N_("Workflow")},              /* 工作流程 */
    {"user", N_("User")},                      /* 用户 */
    {"token", N_("API token")},                /* 接口令牌 */
    {"role", N_("User role")},                 /* 角色 */
    {"policy", N_("Security policy")},         /* 安全策略 */
    {"instruction", N_("Instruction")},        /* 批示 */
    {"meet", N_("Meetings")},                  /* 会议 */
    {"info", N_("Information")},               /* 信息 */
    {"portal", N_("Portal")},                  /* 门户 */
    {"duty", N_("Duty roster")},               /* 值班 */
};

/* The last word of a code: what was done. */
static const struct {
	const char *verb, *label;
} verbs[] = {
    {"create", N_("Create")},                         /* 新增 */
    {"update", N_("Edit")},                           /* 修改 */
    {"delete", N_("Delete")},                         /* 删除 */
    {"set", N_("Set")},                               /* 设置 */
    {"unlock", N_("Unlock")},                         /* 解锁 */
    {"password_reset", N_("Reset the password")},     /* 重置密码 */
    {"revoke", N_("Revoke")},                         /* 吊销 */
    {"use", N_("Use")},                               /* 使用 */
    {"policy", N_("Settings")},                       /* 设置 */
    {"attach", N_("Attach a file")},                  /* 上传附件 */
    {"check", N_("Check")},                           /* 初审 */
    {"return", N_("Return")},                         /* 退回 */
    {"propose", N_("Propose")},                       /* 拟办 */
    {"instruct", N_("Instruct")},                     /* 批示 */
    {"assign", N_("Assign for handling")},            /* 交办 */
    {"circulate", N_("Circulate")},                   /* 传阅 */
    {"read", N_("Mark as read")},                     /* 阅毕 */
    {"chase", N_("Chase")},                           /* 催办 */
    {"remind", N_("Remind")},                         /* 提醒 */
    {"complete", N_("Complete")},                     /* 办结 */
    {"archive", N_("Archive")},                       /* 归档 */
    {"submit", N_("Submit for review")},              /* 送审 */
    {"review", N_("Review")},                         /* 核稿 */
    {"request_cosign", N_("Ask for cosignature")},    /* 发起会签 */
    {"cosign", N_("Cosign")},                         /* 会签 */
    {"sign", N_("Sign")},                             /* 签发 */
    {"recheck", N_("Recheck")},                       /* 复核 */
    {"number", N_("Give the number")},                /* 编号 */
    {"print", N_("Print the copies")},                /* 印制 */
    {"distribute", N_("Distribute")},                 /* 核发 */
    {"void", N_("Void")},                             /* 作废 */
    {"accept", N_("Accept")},                         /* 签收 */
    {"report", N_("Report progress")},                /* 报送进展 */
    {"request_close", N_("Ask to close")},            /* 申请办结 */
    {"verify", N_("Verify")},                         /* 核实 */
    {"close", N_("Close the task")},                  /* 销号 */
    {"request_extension", N_("Ask for more time")},   /* 申请延期 */
    {"approve_extension", N_("Grant the extension")}, /* 同意延期 */
    {"reject_extension", N_("Refuse the extension")}, /* 驳回延期 */
};

/* What an entry is about (its object_kind). */
static const struct {
	const char *kind, *label;
} objects[] = {
    {"document", N_("Document")},                 /* 公文 */
    {"task", N_("Supervised task")},              /* 督办事项 */
    {"instruction", N_("Instruction")},           /* 批示 */
    {"user", N_("User")},                         /* 用户 */
    {"token", N_("API token")},                   /* 接口令牌 */
    {"role", N_("User role")},                    /* 角色 */
    {"policy", N_("Security policy")},            /* 安全策略 */
    {"leader", N_("Leader")},                     /* 领导 */
    {"committee_member", N_("Committee member")}, /* 全委会委员 */
    {"domain", N_("Area of work")},               /* 分管领域 */
    {"department", N_("Internal department")},    /* 内设机构 */
    {"unit", N_("Unit")},                         /* 单位 */
    {"route_rule", N_("Routing rule")},           /* 路由规则 */
    {"org_change", N_("Change of division")},     /* 分工调整 */
    {"body", N_("Party committee")},              /* 党委 */
    {"workflow", N_("Workflow")},                 /* 工作流程 */
    {"doc_series", N_("Document series")},        /* 发文字号 */
    {"session", N_("Session")},                   /* 会话 */
    {"series", N_("Document series")},            /* 发文字号 */
    {"item", N_("Work item")},                    /* 工作事项 */
    {"meeting_types", N_("Meeting types")},       /* 会议类型 */
    {"calendar_feed", N_("Calendar feed")},       /* 日历订阅 */
    {"leader_activity", N_("Leader's activity")}, /* 领导活动 */
    {"score_rules", N_("Scoring rules")},         /* 采用计分规则 */
};

#define FIND(table, key, field, value)                                                             \
	for (gsize i_ = 0; (value) && i_ < G_N_ELEMENTS(table); i_++)                              \
		if (strcmp(table[i_].key, (value)) == 0)                                           \
			return table[i_].field;

/* The label msgid of a whole code, of a module prefix, of a verb, of an object kind; NULL when
 * the table has none. */
static const char *action_msgid(const char *code)
{
	FIND(actions, code, label, code)
	return NULL;
}
static const char *module_msgid(const char *prefix)
{
	FIND(modules, prefix, label, prefix)
	return NULL;
}
static const char *verb_msgid(const char *verb)
{
	FIND(verbs, verb, label, verb)
	return NULL;
}
static const char *object_msgid(const char *kind)
{
	FIND(objects, kind, label, kind)
	return NULL;
}

char *audit_action_label(const char *code, const char *lang)
{
	g_autofree char *prefix = NULL;
	const char *dot, *last, *m, *v;

	if (code == NULL || *code == '\0')
		return g_strdup("");
	if ((m = action_msgid(code)) != NULL)
		return g_strdup(core_tr(lang, m));
	dot = strchr(code, '.');
	last = strrchr(code, '.');
	prefix = dot ? g_strndup(code, (gsize)(dot - code)) : g_strdup(code);
	m = module_msgid(prefix);
	v = last ? verb_msgid(last + 1) : NULL;
	/* "org.unit.update": the thing in the middle names better than the module */
	if (dot && last != dot) {
		g_autofree char *mid = g_strndup(dot + 1, (gsize)(last - dot - 1));
		if (object_msgid(mid))
			m = object_msgid(mid);
	}
	if (m && v)
		return g_strdup_printf("%s·%s", core_tr(lang, m), core_tr(lang, v));
	if (m)
		return g_strdup_printf("%s·%s", core_tr(lang, m),
		                       core_tr(lang, N_("Other action")));
	return g_strdup(core_tr(lang, N_("Other action")));
}

char *audit_object_label(const char *kind, const char *id, const char *lang)
{
	const char *m = object_msgid(kind);
	const char *name = m ? core_tr(lang, m) : kind && *kind ? core_tr(lang, N_("Record")) : "";

	if (id && *id)
		return *name ? g_strdup_printf("%s %s", name, id) : g_strdup(id);
	return g_strdup(name);
}
