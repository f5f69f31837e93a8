/* ui_strings_duty — the UI strings of the duty roster's pages ({{t.KEY}}): the month's roster,
 * its print form, the leave and the handover log. view_ui_strings serves them with the other
 * tables.
 */
#include "view/ui_strings_table.h"

const UiString ui_strings_duty[] = {
    {"duty_print", N_("Print view")},                                   /* 打印版 */
    {"duty_xlsx", N_("Download as Excel")},                             /* 导出Excel */
    {"duty_now", N_("On duty now")},                                    /* 当前值班 */
    {"duty_nobody_now", N_("Nobody is on the roster for this shift.")}, /* 本班次尚未安排值班。 */
    {"duty_leader", N_("Leader in charge")},                            /* 带班领导 */
    {"duty_officers", N_("Duty officers")},                             /* 值班员 */
    {"duty_officer", N_("Duty officer")},                               /* 值班员 */
    {"duty_month_nav", N_("Months")},                                   /* 按月查看 */
    {"duty_prev_month", N_("Previous month")},                          /* 上月 */
    {"duty_next_month", N_("Next month")},                              /* 下月 */
    {"duty_choose_month", N_("Choose a month")},                        /* 选择月份 */
    {"duty_month", N_("Month")},                                        /* 月份 */
    {"duty_show_month", N_("Show")},                                    /* 查看 */
    {"duty_roster", N_("Roster")},                                      /* 值班安排 */
    {"duty_col_date", N_("Date")},                                      /* 日期 */
    {"duty_col_shift", N_("Shift")},                                    /* 班次 */
    {"duty_remove", N_("Remove")},                                      /* 删除 */
    {"duty_add_entry", N_("Add to the roster")},                        /* 增加值班安排 */
    {"duty_role", N_("Duty role")},                                     /* 职责 */
    {"duty_person", N_("Person")},                                      /* 人员 */
    {"duty_phone", N_("Phone")},                                        /* 联系电话 */
    {"duty_phone_hint",
     N_("Leave empty to use the phone of the account.")}, /* 不填则使用账号登记的电话。 */
    {"duty_add", N_("Add")},                              /* 增加 */
    {"duty_leave", N_("Leave")},                          /* 请假 */
    {"duty_from", N_("From")},                            /* 开始日期 */
    {"duty_to", N_("To")},                                /* 结束日期 */
    {"duty_reason", N_("Reason")},                        /* 事由 */
    {"duty_no_leave", N_("Nobody is on leave this month.")}, /* 本月无人请假。 */
    {"duty_record_leave", N_("Record leave")},               /* 登记请假 */
    {"duty_handovers", N_("Handover log")},                  /* 交接班记录 */
    {"duty_open_items", N_("Open items")},                   /* 待办事项 */
    {"duty_no_open", N_("No open items.")},                  /* 无待办事项。 */
    {"duty_acknowledged", N_("Acknowledged")},               /* 已接班确认 */
    {"duty_not_acknowledged", N_("Not yet acknowledged")},   /* 待接班确认 */
    {"duty_carried", N_("Carried forward:")},                /* 上班移交的待办事项： */
    {"duty_opened", N_("New open items:")},                  /* 本班新增待办： */
    {"duty_closed", N_("Done:")},                            /* 已办结： */
    {"duty_acknowledge", N_("Acknowledge the handover")},    /* 确认接班 */
    {"duty_no_handovers", N_("No handovers yet.")},          /* 暂无交接班记录。 */
    {"duty_write_handover", N_("Write the handover")},       /* 填写交接班记录 */
    {"duty_incoming", N_("Incoming officer")},               /* 接班人 */
    {"duty_notes", N_("What happened on the shift")},        /* 值班情况 */
    {"duty_close_items", N_("Open items now done")},         /* 已办结的待办事项 */
    {"duty_new_items", N_("New open items")},                /* 新增待办事项 */
    {"duty_items_hint", N_("One item a line.")},             /* 每行一项。 */
    {"duty_hand_over", N_("Hand over")},                     /* 交班 */
    {"duty_back", N_("Back to the roster")},                 /* 返回值班表 */
};

const size_t ui_strings_duty_n = sizeof ui_strings_duty / sizeof ui_strings_duty[0];
