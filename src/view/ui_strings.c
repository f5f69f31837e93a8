/* ui_strings — the table of UI strings templates print as {{t.KEY}}.
 *
 * Each entry is a key used by the templates and an English msgid marked with N_() so xgettext
 * (keyword N_) extracts it into po/mishu.pot; the trailing comment is the zh_CN text that
 * po/zh_CN.po must give it (zh-CN is the default language of the product).
 * Add a key here before using it in a template; keep one msgid per distinct meaning (gettext
 * merges equal msgids, so two keys that need different Chinese need different English).
 */
#include "view/ui_strings.h"

#include <stddef.h>

#ifndef N_
#define N_(s) (s)
#endif

static const struct {
	const char *key;
	const char *msgid;
} ui_strings[] = {
    /* ---- layout: header, navigation, footer ---- */
    {"app_name", N_("Mishu")},                           /* 秘书 */
    {"app_tagline", N_("General Office Work Platform")}, /* 党委办公室工作平台 */
    {"skip_to_content", N_("Skip to main content")},     /* 跳到正文 */
    {"nav_label", N_("Main navigation")},                /* 主导航 */
    {"menu", N_("Menu")},                                /* 菜单 */
    {"signed_in_as", N_("Signed in as")},                /* 当前用户 */
    {"login", N_("Sign in")},                            /* 登录 */
    {"logout", N_("Sign out")},                          /* 退出 */
    {"version", N_("Version")},                          /* 版本 */
    {"footer_secrecy", /* 非涉密系统，严禁处理涉密信息 */
     N_("Non-classified system: never enter classified information.")},

    /* ---- module navigation (labels of the "nav" entries and module cards) ---- */
    {"nav_home", N_("Dashboard")},                 /* 工作台 */
    {"nav_documents", N_("Documents")},            /* 公文 */
    {"nav_meetings", N_("Meetings")},              /* 会议 */
    {"nav_reports", N_("Information")},            /* 信息 */
    {"nav_tasks", N_("Supervision")},              /* 督查 */
    {"nav_studies", N_("Research")},               /* 调研 */
    {"nav_petitions", N_("Petitions")},            /* 信访 */
    {"nav_incidents", N_("Emergencies")},          /* 应急 */
    {"nav_rules", N_("Rules")},                    /* 制度 */
    {"nav_coordination", N_("Coordination")},      /* 协调 */
    {"nav_org", N_("Division of responsibility")}, /* 组织分工 */

    /* ---- module descriptions (the "description" of the workbench's module cards) ---- */
    {"desc_documents", /* 收文登记、传阅催办，发文拟稿、签发、编号、印发 */
     N_("Register incoming documents, draft, sign, number and distribute outgoing ones.")},
    {"desc_meetings", /* 常委会会议议题、出席、表决与会议纪要 */
     N_("Standing committee meetings: agenda, attendance, votes and minutes.")},
    {"desc_reports", /* 信息报送、刊物编发，领导阅读情况一目了然 */
     N_("Information reports, bulletins and read receipts for every leader.")},
    {"desc_tasks", /* 领导批示交办、台账管理、催办督办、办结销号 */
     N_("Leaders' instructions become supervised tasks, chased until closed.")},
    {"desc_studies", /* 调研课题统筹，覆盖每位常委分管领域 */
     N_("Research topics covering every leader's portfolio.")},
    {"desc_petitions", /* 来信、来访、网上信访，按法定时限受理办理 */
     N_("Letters, visits and online petitions, within the statutory time limits.")},
    {"desc_incidents", /* 突发事件首报、续报、终报，分级报告与值班安排 */
     N_("Emergency first, follow-up and final reports, escalation and the duty roster.")},
    {"desc_rules", /* 办公室制度汇编与清理：保留、修订、废止、新建 */
     N_("Office rules and their review: reaffirm, revise, abolish, create.")},
    {"desc_coordination", /* 办公室与部门、单位之间的协调事项 */
     N_("Requests between the office, departments and units.")},
    {"desc_org", /* 领导班子、分管领域与常委分工 */
     N_("Leaders, portfolios and the current division of responsibility.")},

    /* ---- workbench (home) ---- */
    {"home_title", N_("Dashboard")},              /* 工作台 */
    {"greeting", N_(", welcome.")},               /* ，您好！ (follows the user's name) */
    {"todo_title", N_("Things to do")},           /* 待办事项 */
    {"items_total", N_("Items:")},                /* 共计 */
    {"col_title", N_("Title")},                   /* 标题 */
    {"col_kind", N_("Kind")},                     /* 类别 */
    {"col_deadline", N_("Deadline")},             /* 办理时限 */
    {"col_status", N_("Status")},                 /* 状态 */
    {"todo_empty", N_("Nothing waits for you.")}, /* 暂无待办事项 */
    {"todo_empty_hint", /* 新的公文、批示和督查事项会出现在这里。 */
     N_("New documents, instructions and supervision tasks for you will appear here.")},
    {"modules_title", N_("Modules")}, /* 业务模块 */

    /* ---- status labels (class status-todo / -overdue / -severe / -done) ---- */
    {"status_todo", N_("Pending")},             /* 待办 */
    {"status_overdue", N_("Overdue")},          /* 逾期 */
    {"status_severe", N_("Seriously overdue")}, /* 严重逾期 */
    {"status_done", N_("Completed")},           /* 办结 */

    /* ---- kinds of work (the "kind_label" of to-do items) ---- */
    {"kind_incoming", N_("Incoming document")},        /* 收文 */
    {"kind_outgoing", N_("Outgoing document")},        /* 发文 */
    {"kind_instruction", N_("Instruction")},           /* 批示 */
    {"kind_meeting", N_("Meeting")},                   /* 会议 */
    {"kind_report", N_("Information report")},         /* 信息 */
    {"kind_task", N_("Supervised task")},              /* 督查事项 */
    {"kind_study", N_("Research topic")},              /* 调研课题 */
    {"kind_petition", N_("Petition")},                 /* 信访件 */
    {"kind_incident", N_("Emergency")},                /* 突发事件 */
    {"kind_rule", N_("Rule")},                         /* 制度 */
    {"kind_coordination", N_("Coordination request")}, /* 协调事项 */

    /* ---- common actions and form words ---- */
    {"action_save", N_("Save")},       /* 保存 */
    {"action_submit", N_("Submit")},   /* 提交 */
    {"action_cancel", N_("Cancel")},   /* 取消 */
    {"action_search", N_("Search")},   /* 搜索 */
    {"action_filter", N_("Filter")},   /* 筛选 */
    {"action_print", N_("Print")},     /* 打印 */
    {"action_export", N_("Export")},   /* 导出 */
    {"form_required", N_("required")}, /* 必填 */

    /* ---- error page ---- */
    {"error_title", N_("Something went wrong")},      /* 出错了 */
    {"error_code", N_("Error code")},                 /* 错误代码 */
    {"error_back_home", N_("Back to the dashboard")}, /* 返回工作台 */
};

json_t *view_ui_strings(const char *(*translate)(const char *msgid, void *ud), void *ud)
{
	json_t *t = json_object();
	if (!t)
		return NULL;
	for (size_t i = 0; i < sizeof ui_strings / sizeof ui_strings[0]; i++) {
		const char *text = translate ? translate(ui_strings[i].msgid, ud) : NULL;
		if (!text)
			text = ui_strings[i].msgid;
		json_t *v = json_string(text);
		if (!v) /* not UTF-8: show the English rather than nothing */
			v = json_string(ui_strings[i].msgid);
		if (json_object_set_new(t, ui_strings[i].key, v) != 0) {
			json_decref(t);
			return NULL;
		}
	}
	return t;
}
