/* ui_strings — the table of UI strings templates print as {{t.KEY}}.
 *
 * Each entry is a key used by the templates and an English msgid marked with N_() so xgettext
 * (keyword N_) extracts it into po/mishu.pot; the trailing comment is the zh_CN text that
 * po/zh_CN.po must give it (zh-CN is the default language of the product).
 * Add a key here before using it in a template; keep one msgid per distinct meaning (gettext
 * merges equal msgids, so two keys that need different Chinese need different English).
 */
#include "view/ui_strings.h"
#include "view/ui_strings_table.h"

#include <stddef.h>

static const UiString ui_strings[] = {
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

    /* the live alert banners (static/js/mishu.js) */
    {"alert_notify", N_("Also alert me on the desktop")}, /* 同时桌面提醒 */
    {"alert_dismiss", N_("Dismiss this alert")},          /* 关闭此提醒 */

    {"file_choose", N_("Choose file")},  /* 选择文件 */
    {"file_none", N_("No file chosen")}, /* 未选择文件 */

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
    {"login_unlocks_at", N_("It unlocks at")},  /* 解锁时间： (the time follows) */
    {"field_username", N_("Username")},         /* 用户名 */
    {"field_password", N_("Password")},         /* 密码 */
    {"field_captcha", N_("Verification code")}, /* 验证码 */
    {"captcha_alt",                             /* 验证码图片，请输入图中字符 */
     N_("Verification code image: type the characters it shows")},
    {"captcha_refresh", N_("Show a new code")}, /* 换一张 */
    {"captcha_hint",                            /* 请输入图中字符，不区分大小写。 */
     N_("Type the characters in the image; upper or lower case does not matter.")},

    /* ---- auth: own password (templates/auth/password, password_rules) ---- */
    {"password_title", N_("Change password")}, /* 修改密码 */
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
    {"profile_title", N_("My account")},        /* 个人中心 */
    {"profile_details", N_("Account details")}, /* 账户信息 */
    {"field_display_name", N_("Name")},         /* 姓名 */
    {"field_unit", N_("Unit")},                 /* 单位 */
    {"field_department", N_("Department")},     /* 部门 */
    {"field_phone", N_("Phone")},               /* 电话 */
    {"field_roles", N_("Roles")},               /* 角色 */
    {"roles_none", N_("No role yet")},          /* 尚未分配角色 */
    {"tokens_title", N_("API tokens")},         /* API 令牌 */
    {"tokens_intro", /* 令牌供其他系统以您的身份调用本平台接口（Authorization:
                        Bearer），不再使用的令牌请及时吊销。 */
     N_("A token lets another system call the mishu API as you (Authorization: Bearer). "
        "Revoke tokens you no longer need.")},
    {"tokens_empty", N_("You have no API tokens.")}, /* 暂无 API 令牌 */
    {"token_created", N_("New token created:")},     /* 已创建新令牌： */
    {"token_value", N_("Token")},                    /* 令牌 */
    {"token_copy_hint", /* 请立即复制并妥善保管：此令牌只显示这一次。 */
     N_("Copy it now and keep it safe: it is shown only this once.")},
    {"col_token_name", N_("Token name")},   /* 令牌名称 */
    {"field_token_name", N_("Token name")}, /* 令牌名称 */
    {"token_name_hint",                     /* 说明令牌的用途，如“统计脚本”。 */
     N_("What the token is for, e.g. \"statistics script\".")},
    {"col_token_prefix", N_("Begins with")}, /* 前缀 */
    {"col_created", N_("Created")},          /* 创建时间 */
    {"col_last_used", N_("Last used")},      /* 最近使用 */
    {"col_actions", N_("Actions")},          /* 操作 */
    {"token_never_used", N_("Never")},       /* 从未使用 */
    {"token_active", N_("Valid")},           /* 有效 */
    {"token_revoked", N_("Revoked")},        /* 已吊销 */
    {"token_revoke", N_("Revoke")},          /* 吊销 */
    {"token_revoke_confirm", /* 确定吊销该令牌？使用它的程序将无法再访问。 */
     N_("Revoke this token? Programs that use it will lose access.")},
    {"token_create", N_("Create token")}, /* 创建令牌 */

    /* ---- auth: accounts, for the system administrator (templates/auth/users, user_new, user) ----
     */
    {"users_title", N_("Accounts")},                   /* 账户管理 */
    {"users_list", N_("All accounts")},                /* 账户列表 */
    {"user_new", N_("New account")},                   /* 新建账户 */
    {"users_back", N_("Back to the accounts")},        /* 返回账户列表 */
    {"users_empty", N_("There are no accounts yet.")}, /* 暂无账户 */
    {"users_roles_note", /* 角色由安全保密管理员分配（三员分立）。 */
     N_("Roles are granted by the security administrator (separation of the three "
        "administrators).")},
    {"page_first", N_("First page")},             /* 首页 */
    {"page_next", N_("Next page")},               /* 下一页 */
    {"account_active", N_("In use")},             /* 正常 */
    {"account_disabled", N_("Disabled")},         /* 已停用 */
    {"account_locked_until", N_("Locked until")}, /* 锁定至 (a time follows) */
    {"user_new_roles_note", /* 新账户暂无角色，由安全保密管理员分配（三员分立）；用户首次登录须修改临时密码。
                             */
     N_("A new account has no role: the security administrator grants roles (separation of "
        "the three administrators). The user must change the temporary password at first "
        "sign-in.")},
    {"username_hint", /* 3–32 位字母、数字或“.”“_”“-”，以字母开头；创建后不能修改。 */
     N_("3 to 32 letters, digits, '.', '_' or '-', starting with a letter; it cannot be "
        "changed later.")},
    {"field_unit_code", N_("Unit code")}, /* 单位代码 */
    {"unit_code_hint", /* 所在单位的代码（见单位名录）；办公室本级人员可不填。 */
     N_("The code of the user's unit, e.g. fgw; leave empty for the office's own staff.")},
    {"unit_current", N_("Now:")},                      /* 当前： */
    {"field_temp_password", N_("Temporary password")}, /* 临时密码 */
    {"temp_password_hint", /* 请当面告知用户；用户首次登录须修改。 */
     N_("Tell the user in person; they must change it at first sign-in.")},
    {"user_create", N_("Create account")}, /* 创建账户 */
    {"account_summary", N_("Overview")},   /* 基本情况 */
    {"password_must_change_short",         /* 临时密码，待用户修改 */
     N_("Temporary, to be changed at next sign-in")},
    {"password_set", N_("Chosen by the user")},      /* 已由用户设置 */
    {"account_unlock", N_("Unlock the account")},    /* 解除锁定 */
    {"account_edit", N_("Edit details")},            /* 修改资料 */
    {"field_locale", N_("Language")},                /* 界面语言 */
    {"locale_zh", N_("Simplified Chinese")},         /* 简体中文 */
    {"locale_en", N_("English")},                    /* English */
    {"field_account_state", N_("Account state")},    /* 账户状态 */
    {"account_disable", N_("Disable this account")}, /* 停用该账户 */
    {"account_disable_hint", /* 停用后不能登录，已登录的会话立即失效。 */
     N_("A disabled account cannot sign in, and its sessions end at once.")},
    {"account_reset_password", N_("Reset password")}, /* 重置密码 */
    {"account_reset_intro", /* 设置新的临时密码后，该用户的会话全部失效，下次登录须修改密码。 */
     N_("Sets a new temporary password and ends the user's sessions; they must change it at "
        "the next sign-in.")},
    {"account_reset_submit", N_("Set temporary password")}, /* 设置临时密码 */

    /* ---- auth: roles and policy, for the security administrator (templates/auth/roles, policy)
       ---- */
    {"roles_title", N_("Role assignment")},   /* 角色分配 */
    {"roles_list", N_("Accounts and roles")}, /* 账户角色 */
    {"roles_admin_note", /* 系统管理员、安全保密管理员、安全审计员三员分立，一个账户只能担任其中之一；每个账户至少应有一个角色。
                          */
     N_("System administrator, security administrator and security auditor are separate "
        "duties: one account may hold only one of them. Every account needs at least one "
        "role.")},
    {"col_account", N_("Account")},                            /* 账户 */
    {"roles_group_work", N_("Work roles")},                    /* 业务角色 */
    {"roles_group_admin", N_("Administrators (one at most)")}, /* 管理员角色（至多其一） */
    {"roles_saved_here", N_("Saved")},                         /* 已保存 */
    {"policy_title", N_("Security policy")},                   /* 安全策略 */
    {"policy_intro", /* 适用于所有账户的密码、验证码、锁定和会话规则，修改立即生效并记入审计日志。
                      */
     N_("Password, verification code, lockout and session rules for every account. Changes "
        "take effect at once and are audited.")},

    /* ---- auth: the audit trail, for the security auditor (templates/auth/audit, audit_verify)
       ---- */
    {"audit_title", N_("Audit trail")},             /* 审计日志 */
    {"audit_verify_link", N_("Check integrity")},   /* 完整性校验 */
    {"audit_export_csv", N_("Export CSV")},         /* 导出 CSV */
    {"audit_export_xlsx", N_("Export Excel")},      /* 导出 Excel */
    {"audit_filter", N_("Filter the audit trail")}, /* 筛选审计日志 */
    {"audit_from", N_("From")},                     /* 起始日期 */
    {"audit_to", N_("To")},                         /* 截止日期 */
    {"audit_q", N_("Summary contains")},            /* 摘要包含 */
    {"audit_clear", N_("Clear")},                   /* 清除筛选 */
    {"audit_action_hint", /* 操作：按操作代码精确匹配；以“.”结尾则按前缀匹配 */
     N_("Action: exact, e.g. login.failed; ending with '.' matches every action that begins "
        "so, e.g. login.")},
    {"audit_shown", N_("Entries on this page:")},            /* 本页条数： */
    {"col_time", N_("Time")},                                /* 时间 */
    {"col_actor", N_("Who")},                                /* 操作人 */
    {"col_address", N_("Address")},                          /* 地址 */
    {"col_action", N_("Action")},                            /* 操作 */
    {"col_object", N_("Object")},                            /* 对象 */
    {"col_summary", N_("Summary")},                          /* 摘要 */
    {"audit_empty", N_("No entries match.")},                /* 没有符合条件的记录 */
    {"audit_empty_hint", N_("Change or clear the filter.")}, /* 请调整或清除筛选条件。 */
    {"audit_newest", N_("Newest")},                          /* 最新 */
    {"audit_older", N_("Older")},                            /* 更早 */
    {"audit_verify_title", N_("Audit trail integrity")},     /* 审计日志完整性校验 */
    {"audit_back", N_("Back to the audit trail")},           /* 返回审计日志 */
    {"audit_intact_label", N_("Intact")},                    /* 完整 */
    {"audit_intact", N_("The audit trail is intact:")}, /* 审计记录完整：共 (N follows) */
    {"audit_intact_unit", N_("entries checked.")},      /* 条 */
    {"audit_broken", /* 审计记录不完整，首个异常条目： (its number follows) */
     N_("The audit trail has been tampered with. First bad entry:")},
    {"audit_broken_detail", N_("Details:")},   /* 详情： */
    {"audit_checked", N_("Entries checked:")}, /* 已校验条数： */
    {"audit_verify_explain", /* 每条记录通过哈希与前一条相连，任何修改、插入或删除都会使链条从该处断开。
                              */
     N_("Each entry is chained to the one before it by a hash: changing, inserting or "
        "deleting an entry breaks the chain from that point.")},

    /* ---- org: the division of responsibility (templates/org/…) ---- */
    {"org_subnav_label", N_("Division of responsibility pages")}, /* 组织分工栏目 */
    {"org_date_form", N_("Choose the date")},                     /* 选择日期 */
    {"org_on_date", N_("As of")},                                 /* 日期 */
    {"org_show", N_("Show")},                                     /* 查看 */
    {"org_back_to_today", N_("Back to today")},                   /* 回到今天 */
    {"org_colon", N_(": ")},                                      /* ： */
    {"org_none", N_("None")},                                     /* 无 */
    {"org_yes", N_("Yes")},                                       /* 是 */
    {"org_nothing", N_("Nothing")},                               /* 无 */
    {"org_choose", N_("Choose…")},                                /* 请选择 */
    {"org_delete", N_("Delete")},                                 /* 删除 */
    {"org_state", N_("State")},                                   /* 状态 */
    {"org_inactive", N_("Not in use")},                           /* 已停用 */
    {"org_in_force", N_("In force")},                             /* 现行 */
    {"org_since", N_("Since ")},                                  /* 自 (a date follows) */
    {"org_until", N_("Until ")},                                  /* 至 (a date follows) */
    {"org_code", N_("Code")},                                     /* 代码 */
    {"org_code_hint", /* 1–32 位小写字母、数字或“_”，以字母开头，可用拼音缩写。 */
     N_("1 to 32 lowercase letters, digits or '_', starting with a letter, e.g. culture.")},
    {"org_position", N_("Order")},                            /* 排序 */
    {"org_position_hint", N_("Smaller numbers come first.")}, /* 数字小的排在前面。 */
    {"org_description", N_("Description")},                   /* 说明 */
    {"org_domain", N_("Portfolio")},                          /* 分管领域 */
    {"org_no_domain", N_("No portfolio")},                    /* 不指定领域 */
    {"org_role_lead", N_("In overall charge")},               /* 主管 */
    {"org_role_charge", N_("In charge")},                     /* 分管 */
    {"org_role_assist", N_("Assisting")},                     /* 协管 */
    {"org_mark_lead", N_("Ov.")},                             /* 主 */
    {"org_mark_charge", N_("Ch.")},                           /* 分 */
    {"org_mark_assist", N_("As.")},                           /* 协 */
    {"org_col_domain", N_("Portfolio")},                      /* 分管领域 */
    {"org_col_leader", N_("Leader")},                         /* 领导 */
    {"org_col_role", N_("Role")},                             /* 分工 */
    {"org_col_from", N_("From")},                             /* 起始日期 */
    {"org_col_to", N_("Until")},                              /* 截止日期 */
    {"org_col_source", N_("Source document")},                /* 依据文件 */
    {"org_source", N_("Source document")},                    /* 依据文件 */

    /* ---- org: leadership, division, matrix (templates/org/overview, division, matrix) ---- */
    {"org_overview_title", N_("Leadership")},                      /* 班子成员 */
    {"org_overview_back", N_("Back to the leadership")},           /* 返回班子成员 */
    {"org_no_body", N_("The leadership body is not set up yet.")}, /* 尚未建立领导班子信息 */
    {"org_no_body_hint", /* 请由系统管理员运行 mishu init 初始化，或导入班子和分工数据。 */
     N_("Ask the system administrator to run mishu init, or import the body and its division "
        "of responsibility.")},
    {"org_gaps_title", N_("Portfolios without a leader")}, /* 领域无分管领导 */
    {"org_gaps_warning",
     N_("Portfolios nobody is in charge of on this date:")}, /* 当日无人主管或分管的领域： */
    {"org_gap_label", N_("No leader")},                      /* 无分管领导 */
    {"org_gap_assign", N_("Assign it")},                     /* 明确分工 */
    {"org_gap_route", N_("See routing")},                    /* 查看路由 */
    {"org_gaps_hint", /* 这些领域的工作无法自动分送，请尽快调整分工。 */
     N_("Work in these portfolios cannot be routed automatically: record a change of duties "
        "soon.")},
    {"org_gaps_none_label", N_("Covered")}, /* 全覆盖 */
    /* 当日每个领域均有领导主管或分管。 */
    {"org_gaps_none", N_("Every portfolio has a leader in charge on this date.")},
    {"org_leaders_title", N_("Leaders in rank order")}, /* 班子成员（按排序） */
    {"org_leaders_count", N_("Leaders:")},              /* 人数： */
    {"org_committee_title", N_("Other members of the full committee")}, /* 全委会委员（常委以外） */
    {"org_committee_hint",
     N_("With the standing committee they form the full committee (全委会), which a plenary "
        "session calls on its date.")},
    {"org_change_new", N_("Record a change of duties")},            /* 登记分工调整 */
    {"org_leader_new", N_("New leader")},                           /* 新增领导 */
    {"org_posts", N_("Posts")},                                     /* 职务 */
    {"org_portfolios", N_("Portfolios")},                           /* 分管领域 */
    {"org_no_portfolio", N_("No portfolio yet.")},                  /* 暂无分工 */
    {"org_works_in", N_("Works in")},                               /* 所在单位 */
    {"org_linked_units", N_("Linked units")},                       /* 联系单位 */
    {"org_assistant", N_("Assisted by")},                           /* 协助 */
    {"org_no_leaders", N_("No leader is in office on this date.")}, /* 该日期无在任领导 */
    {"org_no_leaders_hint", /* 请选择其他日期，或由办公室人员新增领导。 */
     N_("Choose another date, or ask the office staff to add the leaders.")},
    {"org_division_title", N_("Division of duties")},       /* 常委分工 */
    {"org_division_sources", N_("Based on: ")},             /* 依据： */
    {"org_matrix_title", N_("Portfolio matrix")},           /* 分工矩阵 */
    {"org_matrix_heading", N_("Leaders and portfolios")},   /* 领导与分管领域 */
    {"org_no_domains", N_("There are no portfolios yet.")}, /* 尚无分管领域 */
    {"org_no_domains_hint", /* 办公室人员可在“分管领域”页面新增。 */
     N_("Office staff add them on the Portfolios page.")},

    /* ---- org: changes and history (templates/org/history, change_new) ---- */
    {"org_history_title", N_("Changes of duties")},        /* 分工调整 */
    {"org_history_back", N_("Back to the changes")},       /* 返回分工调整记录 */
    {"org_history_filter", N_("Filter the changes")},      /* 筛选调整记录 */
    {"org_history_by_domain", N_("Who held a portfolio")}, /* 按领域查看历任分管领导 */
    {"org_all_changes", N_("All changes")},                /* 全部调整记录 */
    {"org_domain_history", N_("Who held it: ")},           /* 历任分管情况： */
    {"org_domain_never", N_("Nobody has held this portfolio yet.")}, /* 该领域尚未明确过分工 */
    {"org_changes_list", N_("Every change, newest first")}, /* 历次分工调整（最新在前） */
    {"org_recorded_by", N_("Recorded by ")},                /* 登记人： */
    {"org_recorded_by_system", N_("the system")},           /* 系统 */
    {"org_change_assigned", N_("Assigned")},                /* 新明确 */
    {"org_change_ended", N_("Ended")},                      /* 不再分管 */
    {"org_no_changes", N_("No change has been recorded yet.")}, /* 尚无分工调整记录 */
    {"org_no_changes_hint", /* 新一届班子分工或分工调整发文后，由办公室人员登记。 */
     N_("Office staff record the division of a new term and every later change here.")},
    {"org_change_title", N_("Record a change of duties")}, /* 登记分工调整 */
    {"org_change_intro", /* 按分工文件登记：自生效日期起，新的工作按新分工分送，此前的记录保持不变。
                          */
     N_("Record it as the announcing document says: from the effective date new work is routed "
        "by it; earlier records stay as they were.")},
    {"org_effective", N_("Effective date")},                          /* 生效日期 */
    {"org_effective_hint", N_("The first day of the new division.")}, /* 新分工开始施行的日期。 */
    {"org_source_hint",
     N_("The document number, e.g. 江委发〔2026〕3号.")}, /* 分工文件的文号，如 江委发〔2026〕3号。
                                                           */
    {"org_note", N_("Note")},                             /* 备注 */
    {"org_change_rows", N_("Portfolios assigned and ended")}, /* 明确或终止的分工 */
    {"org_change_rows_hint", /* 每行一项：选择“明确分工”或“终止分工”、领导和领域；空行不处理。 */
     N_("One per row: assign or end, the leader and the portfolio. Empty rows are ignored.")},
    {"org_change_row", N_("Row")},       /* 序号 */
    {"org_change_action", N_("Action")}, /* 操作 */
    {"org_action_assign", N_("Assign")}, /* 明确分工 */
    {"org_action_end", N_("End")},       /* 终止分工 */
    {"org_change_role_hint", /* 分工类别仅对“明确分工”有效：主管、分管或协管。移交领域时，一行终止原领导分工，另一行明确新领导。
                              */
     N_("The role counts for assignments only: in overall charge, in charge or assisting. To "
        "move a portfolio, end it for one leader in one row and assign it to the other in "
        "another.")},
    {"org_change_submit", N_("Record the change")}, /* 登记调整 */

    /* ---- org: a leader (templates/org/leader, leader_new, leader_fields) ---- */
    {"org_leader_history", N_("Every portfolio held")}, /* 历任分工 */
    {"org_leader_edit", N_("Edit the leader")},         /* 修改领导信息 */
    {"org_leader_name", N_("Full name")},               /* 姓名 */
    {"org_leader_title_field", N_("Full title")},       /* 职务全称 */
    {"org_leader_title_hint",
     N_("As the announcements write it, e.g. 市委常委、宣传部部长.")}, /* 按发文写法，如
                                                                          市委常委、宣传部部长。 */
    {"org_leader_kind", N_("Member of the committee as")},             /* 班子职务 */
    {"org_leader_rank", N_("Rank")},                                   /* 排序 */
    {"org_leader_rank_hint",
     N_("The protocol order: 1 is the secretary.")}, /* 班子排序，1 为书记。 */
    {"org_posts_hint", N_("One post per line, e.g. 宣传部部长.")}, /* 每行一项，如 宣传部部长。 */
    {"org_in_office", N_("In office")},                            /* 任职时间 */
    {"org_in_office_from", N_("In office from")},                  /* 任职日期 */
    {"org_in_office_to", N_("In office until")},                   /* 离任日期 */
    {"org_in_office_to_hint", N_("Leave empty while in office.")}, /* 在任的不填。 */
    {"org_leader_username_hint", /* 该领导登录本平台使用的用户名（可不填）。 */
     N_("The account the leader signs in with (optional).")},
    {"org_leader_new_intro", /* 新增领导后，请登记分工调整，明确其分管领域。 */
     N_("After adding a leader, record a change of duties to give them portfolios.")},
    {"org_leader_create", N_("Add the leader")}, /* 新增领导 */

    /* ---- org: routing (templates/org/route) ---- */
    {"org_route_title", N_("Who gets what")},                         /* 工作路由 */
    {"org_route_question", N_("Who should get this piece of work?")}, /* 这项工作应送哪些领导？ */
    {"org_route_intro", /* 按分工和路由规则，列出某日某类工作应送的领导、协助的秘书长和承办科室，并说明理由。
                         */
     N_("From the division of responsibility and the routing rules: the leaders a piece of work "
        "goes to on a date, the official who assists, the department that handles it, and why.")},
    {"org_work_kind", N_("Kind of work")}, /* 工作类别 */
    {"org_route_domain_hint",              /* 不指定领域时，仅按路由规则分送。 */
     N_("Without a portfolio only the routing rules decide.")},
    {"org_severity", N_("Incident level")},                 /* 事件等级 */
    {"org_severity_none", N_("Not an incident")},           /* 非突发事件 */
    {"org_route_conditions", N_("Conditions")},             /* 条件 */
    {"org_origin_higher", N_("From a higher committee")},   /* 上级党委来文 */
    {"org_scope_committee", N_("A committee-wide matter")}, /* 全局性事项 */
    {"org_route_submit", N_("Find out")},                   /* 查询 */
    {"org_route_answer", N_("Routed to")},                  /* 分送结果 */
    {"org_route_nobody", N_("Nobody is responsible.")},     /* 无责任领导 */
    {"org_route_nobody_hint",                               /* 请调整分工或路由规则。 */
     N_("Record a change of duties or a routing rule.")},
    {"org_department", N_("Handled by")}, /* 承办科室 */
    {"org_route_why", N_("Why")},         /* 理由 */

    /* ---- org: departments, directory, units (templates/org/departments, units, unit*) ---- */
    {"org_departments_title", N_("Office departments")},          /* 内设机构 */
    {"org_departments_list", N_("Departments and their duties")}, /* 内设机构及职责 */
    {"org_work_kinds", N_("Kinds of work handled")},              /* 承办工作 */
    {"org_work_kinds_hint", /* 路由按此确定承办科室。 */
     N_("Routing names the department from these.")},
    {"org_staff", N_("Staff")},                                  /* 工作人员 */
    {"org_duties", N_("Duties")},                                /* 职责 */
    {"org_department_edit", N_("Edit")},                         /* 修改 */
    {"org_no_departments", N_("There are no departments yet.")}, /* 尚无内设机构 */
    {"org_no_departments_hint", /* 可通过 API 或导入建立。 */
     N_("Create them through the API or an import.")},
    {"org_directory_title", N_("Directory")},             /* 通讯录 */
    {"org_directory_back", N_("Back to the directory")},  /* 返回通讯录 */
    {"org_directory_search", N_("Search the directory")}, /* 查询通讯录 */
    {"org_search_label", N_("Name, phone or address")},   /* 名称、电话或地址 */
    {"org_search_hint", /* 可按单位名称、简称、代码、电话、地址或联络员姓名查找。 */
     N_("Finds units by name, short name, code, phone, address or liaison, and people by "
        "name, post, department or phone.")},
    {"org_unit_kind", N_("Kind of unit")},        /* 单位类别 */
    {"org_all_kinds", N_("All kinds")},           /* 全部类别 */
    {"org_units_list", N_("Units")},              /* 单位 */
    {"org_unit_name", N_("Unit name")},           /* 单位名称 */
    {"org_short_name", N_("Short name")},         /* 简称 */
    {"org_fax", N_("Fax")},                       /* 传真 */
    {"org_email", N_("E-mail")},                  /* 电子邮箱 */
    {"org_address", N_("Address")},               /* 地址 */
    {"org_liaisons", N_("Liaisons")},             /* 联络员 */
    {"org_linked_leaders", N_("Leaders linked")}, /* 联系领导 */
    {"org_units_none", N_("No unit matches.")},   /* 没有符合条件的单位 */
    {"org_units_none_hint",
     N_("Office staff add units or import them.")}, /* 办公室人员可新增或导入单位。 */
    {"org_people_title", N_("The office's people")},             /* 机关人员 */
    {"org_people_none", N_("Nobody matches.")},                  /* 没有符合条件的人员 */
    {"org_post", N_("Post")},                                    /* 职务 */
    {"org_unit_new", N_("New unit")},                            /* 新增单位 */
    {"org_unit_create", N_("Add the unit")},                     /* 新增单位 */
    {"org_unit_edit", N_("Edit the unit")},                      /* 修改单位信息 */
    {"org_unit_contacts", N_("Contacts")},                       /* 联系方式 */
    {"org_unit_active", N_("In use (listed in the directory)")}, /* 启用（在通讯录中显示） */
    {"org_unit_domain_hint", /* 单位所属的分管领域，用于按分工分送。 */
     N_("The portfolio the unit belongs to, for routing.")},
    {"org_import_link", N_("Import")}, /* 导入 */

    /* ---- org: portfolios (templates/org/domains) ---- */
    {"org_domains_title", N_("Portfolios")},   /* 分管领域 */
    {"org_domain_add", N_("Add a portfolio")}, /* 新增领域 */
    {"org_domain_name", N_("Portfolio name")}, /* 领域名称 */
    {"org_parent", N_("Under")},               /* 上级领域 */
    {"org_parent_hint", /* 上级领域的代码；留空为一级领域。 */
     N_("The code of the portfolio above; empty for a top-level one.")},
    {"org_domain_create", N_("Add the portfolio")}, /* 新增领域 */
    {"org_domains_list", N_("Every portfolio")},    /* 全部领域 */
    {"org_domain_active", N_("Offered in forms")},  /* 启用 */

    /* ---- org: import and export (templates/org/import) ---- */
    {"org_import_title", N_("Import and export")},      /* 导入导出 */
    {"org_import_report", N_("Import report")},         /* 导入结果 */
    {"org_import_done", N_("Imported. Rows:")},         /* 导入成功，行数： */
    {"org_import_nothing", N_("Nothing was written.")}, /* 未导入任何数据。 */
    {"org_import_fix", /* 请按下表修改文件后重新导入。 */
     N_("Correct the file as the table says and import it again.")},
    {"org_import_row", N_("Row")},              /* 序号 */
    {"org_import_column", N_("Column")},        /* 列 */
    {"org_import_reason", N_("Problem")},       /* 问题 */
    {"org_import_upload", N_("Import a file")}, /* 导入文件 */
    {"org_import_intro", /* 文件全部通过校验才会导入；有任何问题则不写入任何数据。 */
     N_("A file is imported only when every row is valid; otherwise nothing is written.")},
    {"org_import_kind", N_("The file holds")}, /* 文件内容 */
    {"org_import_file", N_("File")},           /* 文件 */
    {"org_import_file_hint", /* CSV（UTF-8）或 Excel（.xlsx），第一行为表头。 */
     N_("CSV (UTF-8) or Excel (.xlsx), with the column names in the first row.")},
    {"org_import_submit", N_("Import")},            /* 导入 */
    {"org_import_columns", N_("Expected columns")}, /* 文件格式 */
    {"org_import_columns_intro", /* 表头可用英文或中文列名，列的顺序不限。 */
     N_("Name the columns in English or Chinese, in any order.")},
    {"org_import_header", N_("Column")},            /* 列 */
    {"org_import_header_zh", N_("Chinese header")}, /* 中文列名 */
    {"org_import_values_hint", /* 分工：lead/charge/assist 或 主管/分管/协管，默认分管；日期写作
                                  YYYY-MM-DD；领导可写用户名或姓名。 */
     N_("Roles: lead, charge or assist (主管, 分管, 协管), charge when empty; dates as "
        "YYYY-MM-DD; a leader by account name or full name.")},
    {"org_export_title", N_("Export")}, /* 导出 */
    {"org_export_intro", /* 导出领导、现行分工、分工历史、分管领域、内设机构和单位通讯录（Excel）。
                          */
     N_("Leaders, the division in force, its history, portfolios, departments and the "
        "directory as an Excel workbook.")},
    {"org_export_link", N_("Export Excel")}, /* 导出 Excel */

    /* ---- org: routing rules, for the security administrator (templates/org/rules) ---- */
    {"org_rules_title", N_("Routing rules")},     /* 路由规则 */
    {"org_rules_list", N_("Rules in the table")}, /* 规则列表 */
    {"org_rules_intro", /* 不按分管领域、而按工作性质分送的规则，如全局性事项报书记、上级来文送全体常委传阅、Ⅰ级Ⅱ级突发事件报书记和副书记。
                         */
     N_("Rules that route work by its nature rather than its portfolio: committee-wide matters "
        "go to the secretary, documents from a higher committee circulate to every member, "
        "level I and II incidents reach the secretary and the deputies.")},
    {"org_rules_none", N_("There are no routing rules.")}, /* 尚无路由规则 */
    {"org_rules_none_hint", N_("Work then goes by portfolio only.")}, /* 工作将仅按分管领域分送。 */
    {"org_rule_name", N_("Rule name")},                               /* 规则名称 */
    {"org_rule_origin", N_("Origin")},                                /* 来文机关 */
    {"org_rule_scope", N_("Scope")},                                  /* 事项范围 */
    {"org_rule_target", N_("Goes to")},                               /* 分送对象 */
    {"org_rule_mode", N_("How")},                                     /* 分送方式 */
    {"org_rule_active", N_("Rule in force")},                         /* 启用 */
    {"org_rule_delete_confirm", N_("Delete this routing rule?")}, /* 确定删除该路由规则？ */
    {"org_rule_add", N_("Add a rule")},                           /* 新增规则 */
    {"org_rule_create", N_("Add the rule")},                      /* 新增规则 */
    {"org_rules_hint", /* 规则至少要有一个条件：工作类别、来文机关、事项范围或事件等级。修改立即生效并记入审计日志。
                        */
     N_("A rule needs at least one condition: kind of work, origin, scope or incident level. "
        "Changes take effect at once and are audited.")},

};

/* Adds the N strings of TABLE to T, translated; FALSE when T cannot take one. */
static int add_table(json_t *t, const UiString *table, size_t n,
                     const char *(*translate)(const char *msgid, void *ud), void *ud)
{
	for (size_t i = 0; i < n; i++) {
		const char *text = translate ? translate(table[i].msgid, ud) : NULL;
		if (!text)
			text = table[i].msgid;
		json_t *v = json_string(text);
		if (!v) /* not UTF-8: show the English rather than nothing */
			v = json_string(table[i].msgid);
		if (json_object_set_new(t, table[i].key, v) != 0)
			return 0;
	}
	return 1;
}

json_t *view_ui_strings(const char *(*translate)(const char *msgid, void *ud), void *ud)
{
	json_t *t = json_object();
	if (!t)
		return NULL;
	if (!add_table(t, ui_strings, sizeof ui_strings / sizeof ui_strings[0], translate, ud) ||
	    !add_table(t, ui_strings_work, ui_strings_work_n, translate, ud) ||
	    !add_table(t, ui_strings_meet, ui_strings_meet_n, translate, ud) ||
	    !add_table(t, ui_strings_info, ui_strings_info_n, translate, ud) ||
	    !add_table(t, ui_strings_alert, ui_strings_alert_n, translate, ud) ||
	    !add_table(t, ui_strings_portal, ui_strings_portal_n, translate, ud) ||
	    !add_table(t, ui_strings_duty, ui_strings_duty_n, translate, ud)) {
		json_decref(t);
		return NULL;
	}
	return t;
}
