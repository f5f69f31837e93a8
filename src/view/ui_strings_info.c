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
    {"info_week_nav", N_("Weeks")},                /* 周次 */
    {"info_prev_week", N_("Previous week")},       /* 上一周 */
    {"info_next_week", N_("Next week")},           /* 下一周 */
    {"info_choose_week", N_("Choose a week")},                /* 选择周次 */
    {"info_week", N_("Week")},                                /* 周次 */
    {"info_show_week", N_("Show")},                           /* 查看 */
    {"info_coverage", N_("Coverage of the week")},            /* 本周活动报道检查 */
    {"info_missing", N_("No activity recorded this week: ")}, /* 本周尚无活动记录： */
    {"info_none_missing",
     N_("Every standing committee member has an activity this week.")}, /* 本周每位常委均有活动记录。
                                                                         */
    {"info_covered", N_("Recorded: ")},                                 /* 已记录： */
    {"info_portfolios_without_report",
     N_("Portfolios without a report this month")}, /* 本月无信息报送的分管领域 */
    {"info_all_portfolios_reported",
     N_("Every portfolio had a report this month.")}, /* 本月每位常委的分管领域均有信息报送。 */
    {"info_week_activities", N_("Activities of the week")},            /* 本周领导活动 */
    {"info_col_date", N_("Date")},                                     /* 日期 */
    {"info_col_leader", N_("Leader")},                                 /* 领导 */
    {"info_col_topic", N_("Activity")},                                /* 活动内容 */
    {"info_col_place", N_("Place")},                                   /* 地点 */
    {"info_delete", N_("Delete")},                                     /* 删除 */
    {"info_no_activities", N_("No activity recorded for this week.")}, /* 本周尚无活动记录。 */
    {"info_record_activity", N_("Record an activity")},                /* 登记领导活动 */
    {"info_record", N_("Record it")},                                  /* 登记 */
    {"info_download_xlsx", N_("Download as Excel")},                   /* 导出 Excel */
    {"info_score_period", N_("Period")},                               /* 统计期间 */
    {"info_year", N_("Year")},                                         /* 年份 */
    {"info_month", N_("Month")},                                       /* 月份 */
    {"info_month_suffix", N_(" (month)")},                             /* 月 */
    {"info_whole_year", N_("The whole year")},                         /* 全年 */
    {"info_ranking", N_("Ranking of the units")},                      /* 单位排名 */
    {"info_col_rank", N_("Rank")},                                     /* 名次 */
    {"info_col_points", N_("Points")},                                 /* 得分 */
    {"info_col_sent", N_("Reports sent")},                             /* 报送篇数 */
    {"info_col_adopted", N_("Adopted here")},                          /* 本级采用 */
    {"info_col_city", N_("Taken up by the city office")},              /* 市委办采用 */
    {"info_col_province", N_("Taken up by the provincial office")}, /* 省委办公厅采用 */
    {"info_col_central", N_("Taken up by the central office")},     /* 中办采用 */
    {"info_col_instruction", N_("Leader's instruction")},           /* 领导批示 */
    {"info_col_inaccurate", N_("Untrue")},                          /* 失实 */
    {"info_no_scores", N_("No report was submitted in this period.")}, /* 本期间没有报送信息。 */
    {"info_rules", N_("Scoring rules")},                               /* 采用计分规则 */
    {"info_rule_submitted", N_("Each report submitted")},              /* 每报送一篇 */
    {"info_rule_inaccurate", N_("Found untrue (penalty)")},            /* 失实扣分 */
    {"info_combine_sum",
     N_("Several uses of one report add up.")}, /* 同一篇信息的多次采用累加计分。 */
    {"info_combine_max",
     N_("Of several uses of one report only the highest counts.")}, /* 同一篇信息的多次采用只计最高一项。
                                                                     */
};

const size_t ui_strings_info_n = sizeof ui_strings_info / sizeof ui_strings_info[0];
