/* ui_strings_info — the UI strings of the information pages ({{t.KEY}}): reports, the
 * bulletins, composing and reading an issue. view_ui_strings serves them with the other tables.
 */
#include "view/ui_strings_table.h"

const UiString ui_strings_info[] = {
    {"info_subnav_label", N_("Information pages")},  /* 信息栏目 */
    {"info_states_label", N_("Reports by state")},   /* 按状态查看稿件 */
    {"info_new_report", N_("Submit a report")},      /* 报送信息 */
    {"info_col_title", N_("Title")},                 /* 标题 */
    {"info_col_unit", N_("Reporting unit")},         /* 报送单位 */
    {"info_col_domain", N_("Domain")},               /* 所属领域 */
    {"info_col_submitted", N_("Submitted")},         /* 报送时间 */
    {"info_col_issue", N_("Issue")},                 /* 期号 */
    {"info_col_published", N_("Published")},         /* 印发时间 */
    {"info_col_reports", N_("Items")},               /* 篇数 */
    {"info_col_read", N_("Read")},                   /* 已阅 */
    {"info_empty", N_("No reports in this state.")}, /* 暂无此状态的稿件。 */
    {"info_urgent", N_("Urgent report")},            /* 紧急信息 */
    {"info_normal", N_("Ordinary report")},          /* 一般 */
    {"info_urgency", N_("Urgency")},                 /* 紧急程度 */
    {"info_urgent_hint",
     N_("An urgent report goes to the head of the queue and alerts the "
        "information department and "
        "the leaders in charge at once.")}, /* 紧急信息优先处理，报送后即时提醒信息科和分管领导。
                                             */
    {"info_urgent_waiting", N_("Urgent reports waiting: ")},     /* 待处理紧急信息： */
    {"info_body", N_("Text")},                                   /* 正文 */
    {"info_submit_now", N_("Submit")},                           /* 报送 */
    {"info_save_draft", N_("Save as a draft")},                  /* 存为草稿 */
    {"info_author", N_("Drafted by")},                           /* 撰稿人 */
    {"info_edited_by", N_("Edited by")},                         /* 编辑 */
    {"info_original", N_("The original as submitted")},          /* 报送原稿 */
    {"info_merged_into", N_("Merged into")},                     /* 已并入 */
    {"info_merged_here", N_("Reports merged into this one:")},   /* 并入本稿的稿件： */
    {"info_in_issue", N_("Published in")},                       /* 刊发于 */
    {"info_steps", N_("What you can do")},                       /* 办理 */
    {"info_merge_into", N_("Merge into")},                       /* 并入稿件 */
    {"info_instruct", N_("Give an instruction")},                /* 批示 */
    {"info_instruct_text", N_("Instruction")},                   /* 批示内容 */
    {"info_compose", N_("Compose an issue")},                    /* 编排刊物 */
    {"info_readers_routed", N_("to the leaders in charge of ")}, /* 送分管领导阅： */
    {"info_readers_standing", N_("to every member of the standing committee")}, /* 送全体常委阅 */
    {"info_unread", N_("Not yet read")},                                        /* 未阅 */
    {"info_read", N_("Read")},                                                  /* 已阅 */
    {"info_no_issues", N_("No issues yet.")}, /* 暂无刊物。 */
    {"info_bulletin", N_("Bulletin")},        /* 刊物 */
    {"info_pick_reports",
     N_("Adopted reports, in the order of the issue")}, /* 已采用稿件（按本期顺序） */
    {"info_position", N_("Place in the issue")},        /* 排序 */
    {"info_position_hint", N_("Tick the reports of this issue; the numbers give their "
                              "order.")}, /* 勾选本期稿件，数字为排列顺序。
                                           */
    {"info_none_adopted",
     N_("No adopted reports are waiting for an issue.")}, /* 暂无待编发的已采用稿件。 */
    {"info_send_to", N_("Sent up to")},                   /* 报 */
    {"info_copy_to", N_("Sent for reading")},             /* 送 */
    {"info_mark_read", N_("Mark as read")},               /* 已阅 */
    {"info_read_at", N_("You read it at")},               /* 您的阅读时间 */
    {"info_print", N_("Print (PDF)")},                    /* 打印（PDF） */
    {"info_receipts", N_("Read receipts")},               /* 阅读回执 */
    {"info_unread_overdue", N_("Some readers have not read this issue within the bulletin's "
                               "working hours.")}, /* 部分领导超过规定时间尚未阅读本期。
                                                    */
};

const size_t ui_strings_info_n = sizeof ui_strings_info / sizeof ui_strings_info[0];
