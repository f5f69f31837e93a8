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

    /* ---- auth: sign-in (templates/auth/login) ---- */
    {"login_heading", N_("Sign in to your account")}, /* 用户登录 */
    {"login_note", /* 仅限工作人员使用，登录情况记入审计日志。 */
     N_("For official use only. Every sign-in is recorded in the audit trail.")},
    {"login_unlocks_at", N_("It unlocks at")},      /* 解锁时间： (the time follows) */
    {"field_username", N_("Username")},             /* 用户名 */
    {"field_password", N_("Password")},             /* 密码 */
    {"field_captcha", N_("Verification code")},     /* 验证码 */
    {"captcha_alt", /* 验证码图片，请输入图中字符 */
     N_("Verification code image: type the characters it shows")},
    {"captcha_refresh", N_("Show a new code")},     /* 换一张 */
    {"captcha_hint", /* 请输入图中字符，不区分大小写。 */
     N_("Type the characters in the image; upper or lower case does not matter.")},

    /* ---- auth: own password (templates/auth/password, password_rules) ---- */
    {"password_title", N_("Change password")},                /* 修改密码 */
    {"password_must_change", /* 您的密码由管理员设置或已被重置，请先设置自己的新密码。 */
     N_("Your password was set by an administrator: choose your own before you continue.")},
    {"field_current_password", N_("Current password")},       /* 当前密码 */
    {"field_new_password", N_("New password")},               /* 新密码 */
    {"field_new_password_confirm", N_("New password again")}, /* 确认新密码 */
    {"password_submit", N_("Set the new password")},          /* 确认修改 */
    {"pw_rule_length", N_("At least")},                       /* 长度不少于 (N follows) */
    {"pw_rule_length_unit", N_("characters")},                /* 个字符 */
    {"pw_rule_classes", N_("Characters from at least")},      /* 至少包含 (N follows) */
    {"pw_rule_classes_unit", /* 类字符（小写字母、大写字母、数字、其他字符） */
     N_("of: lower-case letters, upper-case letters, digits, other characters")},
    {"pw_rule_username", N_("Must not contain the username")}, /* 不得包含用户名 */

    /* ---- auth: profile and API tokens (templates/auth/profile) ---- */
    {"profile_title", N_("My account")},         /* 个人中心 */
    {"profile_details", N_("Account details")},  /* 账户信息 */
    {"field_display_name", N_("Name")},          /* 姓名 */
    {"field_unit", N_("Unit")},                  /* 单位 */
    {"field_department", N_("Department")},      /* 部门 */
    {"field_phone", N_("Phone")},                /* 电话 */
    {"field_roles", N_("Roles")},                /* 角色 */
    {"roles_none", N_("No role yet")},           /* 尚未分配角色 */
    {"tokens_title", N_("API tokens")},          /* API 令牌 */
    {"tokens_intro", /* 令牌供其他系统以您的身份调用本平台接口（Authorization: Bearer），不再使用的令牌请及时吊销。 */
     N_("A token lets another system call the mishu API as you (Authorization: Bearer). "
        "Revoke tokens you no longer need.")},
    {"tokens_empty", N_("You have no API tokens.")},       /* 暂无 API 令牌 */
    {"token_created", N_("New token created:")},           /* 已创建新令牌： */
    {"token_value", N_("Token")},                          /* 令牌 */
    {"token_copy_hint", /* 请立即复制并妥善保管：此令牌只显示这一次。 */
     N_("Copy it now and keep it safe: it is shown only this once.")},
    {"col_token_name", N_("Token name")},                  /* 令牌名称 */
    {"field_token_name", N_("Token name")},                /* 令牌名称 */
    {"token_name_hint", /* 说明令牌的用途，如“统计脚本”。 */
     N_("What the token is for, e.g. \"statistics script\".")},
    {"col_token_prefix", N_("Begins with")},               /* 前缀 */
    {"col_created", N_("Created")},                        /* 创建时间 */
    {"col_last_used", N_("Last used")},                    /* 最近使用 */
    {"col_actions", N_("Actions")},                        /* 操作 */
    {"token_never_used", N_("Never")},                     /* 从未使用 */
    {"token_active", N_("Valid")},                         /* 有效 */
    {"token_revoked", N_("Revoked")},                      /* 已吊销 */
    {"token_revoke", N_("Revoke")},                        /* 吊销 */
    {"token_revoke_confirm", /* 确定吊销该令牌？使用它的程序将无法再访问。 */
     N_("Revoke this token? Programs that use it will lose access.")},
    {"token_create", N_("Create token")},                  /* 创建令牌 */

    /* ---- auth: accounts, for the system administrator (templates/auth/users, user_new, user) ---- */
    {"users_title", N_("Accounts")},             /* 账户管理 */
    {"users_list", N_("All accounts")},          /* 账户列表 */
    {"user_new", N_("New account")},             /* 新建账户 */
    {"users_back", N_("Back to the accounts")},  /* 返回账户列表 */
    {"users_empty", N_("There are no accounts yet.")}, /* 暂无账户 */
    {"users_roles_note", /* 角色由安全保密管理员分配（三员分立）。 */
     N_("Roles are granted by the security administrator (separation of the three "
        "administrators).")},
    {"page_first", N_("First page")},            /* 首页 */
    {"page_next", N_("Next page")},              /* 下一页 */
    {"account_active", N_("In use")},            /* 正常 */
    {"account_disabled", N_("Disabled")},        /* 已停用 */
    {"account_locked_until", N_("Locked until")}, /* 锁定至 (a time follows) */
    {"user_new_roles_note", /* 新账户暂无角色，由安全保密管理员分配（三员分立）；用户首次登录须修改临时密码。 */
     N_("A new account has no role: the security administrator grants roles (separation of "
        "the three administrators). The user must change the temporary password at first "
        "sign-in.")},
    {"username_hint", /* 3–32 位字母、数字或“.”“_”“-”，以字母开头；创建后不能修改。 */
     N_("3 to 32 letters, digits, '.', '_' or '-', starting with a letter; it cannot be "
        "changed later.")},
    {"field_unit_code", N_("Unit code")},        /* 单位代码 */
    {"unit_code_hint", /* 所在单位的代码，如 fgw；办公室本级人员可不填。 */
     N_("The code of the user's unit, e.g. fgw; leave empty for the office's own staff.")},
    {"unit_current", N_("Now:")},                /* 当前： */
    {"field_temp_password", N_("Temporary password")}, /* 临时密码 */
    {"temp_password_hint", /* 请当面告知用户；用户首次登录须修改。 */
     N_("Tell the user in person; they must change it at first sign-in.")},
    {"user_create", N_("Create account")},       /* 创建账户 */
    {"account_summary", N_("Overview")},         /* 基本情况 */
    {"password_must_change_short", /* 临时密码，待用户修改 */
     N_("Temporary, to be changed at next sign-in")},
    {"password_set", N_("Chosen by the user")},  /* 已由用户设置 */
    {"account_unlock", N_("Unlock the account")}, /* 解除锁定 */
    {"account_edit", N_("Edit details")},        /* 修改资料 */
    {"field_locale", N_("Language")},            /* 界面语言 */
    {"locale_zh", N_("Simplified Chinese")},     /* 简体中文 */
    {"locale_en", N_("English")},                /* English */
    {"field_account_state", N_("Account state")}, /* 账户状态 */
    {"account_disable", N_("Disable this account")}, /* 停用该账户 */
    {"account_disable_hint", /* 停用后不能登录，已登录的会话立即失效。 */
     N_("A disabled account cannot sign in, and its sessions end at once.")},
    {"account_reset_password", N_("Reset password")}, /* 重置密码 */
    {"account_reset_intro", /* 设置新的临时密码后，该用户的会话全部失效，下次登录须修改密码。 */
     N_("Sets a new temporary password and ends the user's sessions; they must change it at "
        "the next sign-in.")},
    {"account_reset_submit", N_("Set temporary password")}, /* 设置临时密码 */

    /* ---- auth: roles and policy, for the security administrator (templates/auth/roles, policy) ---- */
    {"roles_title", N_("Role assignment")},      /* 角色分配 */
    {"roles_list", N_("Accounts and roles")},    /* 账户角色 */
    {"roles_admin_note", /* 系统管理员、安全保密管理员、安全审计员三员分立，一个账户只能担任其中之一；每个账户至少应有一个角色。 */
     N_("System administrator, security administrator and security auditor are separate "
        "duties: one account may hold only one of them. Every account needs at least one "
        "role.")},
    {"col_account", N_("Account")},              /* 账户 */
    {"roles_group_work", N_("Work roles")},      /* 业务角色 */
    {"roles_group_admin", N_("Administrators (one at most)")}, /* 管理员角色（至多其一） */
    {"roles_saved_here", N_("Saved")},           /* 已保存 */
    {"policy_title", N_("Security policy")},     /* 安全策略 */
    {"policy_intro", /* 适用于所有账户的密码、验证码、锁定和会话规则，修改立即生效并记入审计日志。 */
     N_("Password, verification code, lockout and session rules for every account. Changes "
        "take effect at once and are audited.")},

    /* ---- auth: the audit trail, for the security auditor (templates/auth/audit, audit_verify) ---- */
    {"audit_title", N_("Audit trail")},          /* 审计日志 */
    {"audit_verify_link", N_("Check integrity")}, /* 完整性校验 */
    {"audit_export_csv", N_("Export CSV")},      /* 导出 CSV */
    {"audit_export_xlsx", N_("Export Excel")},   /* 导出 Excel */
    {"audit_filter", N_("Filter the audit trail")}, /* 筛选审计日志 */
    {"audit_from", N_("From")},                  /* 起始日期 */
    {"audit_to", N_("To")},                      /* 截止日期 */
    {"audit_q", N_("Summary contains")},         /* 摘要包含 */
    {"audit_clear", N_("Clear")},                /* 清除筛选 */
    {"audit_action_hint", /* 操作：精确匹配，如 login.failed；以“.”结尾则按前缀匹配，如 login. */
     N_("Action: exact, e.g. login.failed; ending with '.' matches every action that begins "
        "so, e.g. login.")},
    {"audit_shown", N_("Entries on this page:")}, /* 本页条数： */
    {"col_time", N_("Time")},                    /* 时间 */
    {"col_actor", N_("Who")},                    /* 操作人 */
    {"col_address", N_("Address")},              /* 地址 */
    {"col_action", N_("Action")},                /* 操作 */
    {"col_object", N_("Object")},                /* 对象 */
    {"col_summary", N_("Summary")},              /* 摘要 */
    {"audit_empty", N_("No entries match.")},    /* 没有符合条件的记录 */
    {"audit_empty_hint", N_("Change or clear the filter.")}, /* 请调整或清除筛选条件。 */
    {"audit_newest", N_("Newest")},              /* 最新 */
    {"audit_older", N_("Older")},                /* 更早 */
    {"audit_verify_title", N_("Audit trail integrity")}, /* 审计日志完整性校验 */
    {"audit_back", N_("Back to the audit trail")}, /* 返回审计日志 */
    {"audit_intact_label", N_("Intact")},        /* 完整 */
    {"audit_intact", N_("The audit trail is intact:")}, /* 审计记录完整：共 (N follows) */
    {"audit_intact_unit", N_("entries checked.")}, /* 条 */
    {"audit_broken", /* 审计记录不完整，首个异常条目： (its number follows) */
     N_("The audit trail has been tampered with. First bad entry:")},
    {"audit_broken_detail", N_("Details:")},     /* 详情： */
    {"audit_checked", N_("Entries checked:")},   /* 已校验条数： */
    {"audit_verify_explain", /* 每条记录通过哈希与前一条相连，任何修改、插入或删除都会使链条从该处断开。 */
     N_("Each entry is chained to the one before it by a hash: changing, inserting or "
        "deleting an entry breaks the chain from that point.")},
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
