/* ui_strings_alert — the UI strings of the emergency pages ({{t.KEY}}): incidents, their
 * reports against the clock, acknowledgement and escalation. view_ui_strings serves them with
 * the other tables.
 */
#include "view/ui_strings_table.h"

const UiString ui_strings_alert[] = {
    {"alert_new", N_("Record an incident")},          /* 登记突发事件 */
    {"alert_home_title", N_("Emergency duty")},       /* 应急值守 */
    {"alert_home_all", N_("All incidents")},          /* 全部事件 */
    {"alert_tabs_label", N_("Incidents by state")},   /* 按状态查看 */
    {"alert_overdue_heading", N_("Reports overdue")}, /* 超时未报 */
    {"alert_overdue_hint",
     N_("For the leader on duty: the incidents whose next report is late.")}, /* 供带班领导督促。 */
    {"alert_col_level", N_("Level")},                                         /* 级别 */
    {"alert_col_kind", N_("Kind")},                                           /* 类型 */
    {"alert_col_category", N_("Category")},                                   /* 类别 */
    {"alert_col_place", N_("Place")},                                         /* 地点 */
    {"alert_col_learned", N_("Received by the duty office")},                 /* 接报时间 */
    {"alert_col_due", N_("Next report due")},              /* 下次报送时限 */
    {"alert_col_unacked", N_("Not acknowledged")},         /* 未签收 */
    {"alert_empty", N_("No incidents in this state.")},    /* 暂无此状态的事件。 */
    {"alert_overdue_badge", N_("Overdue")},                /* 已超时 */
    {"alert_remaining", N_("Time left")},                  /* 剩余 */
    {"alert_facts", N_("What was reported")},              /* 报告要素 */
    {"alert_occurred", N_("Happened at")},                 /* 发生时间 */
    {"alert_learned", N_("Received at (24-hour clock)")},  /* 接报时间（24小时制） */
    {"alert_source", N_("Source")},                        /* 信息来源 */
    {"alert_reporter", N_("Reported by")},                 /* 报告人 */
    {"alert_organ", N_("Superior organ reported to")},     /* 上报机关 */
    {"alert_casualties", N_("Casualties")},                /* 人员伤亡 */
    {"alert_deaths", N_("Dead")},                          /* 死亡 */
    {"alert_injured", N_("Injured")},                      /* 受伤 */
    {"alert_missing", N_("Missing")},                      /* 失联 */
    {"alert_losses", N_("Losses")},                        /* 财产损失 */
    {"alert_measures", N_("Measures taken")},              /* 已采取措施 */
    {"alert_leaders_on_site", N_("Leaders on site")},      /* 到场领导 */
    {"alert_trend", N_("Trend")},                          /* 发展趋势 */
    {"alert_text", N_("Report text")},                     /* 报告正文 */
    {"alert_domain", N_("Domain")},                        /* 所属领域 */
    {"alert_recipients", N_("Alerted, with the reasons")}, /* 提醒对象及理由 */
    {"alert_acked", N_("Signed for")},                     /* 已签收 */
    {"alert_not_acked", N_("Not signed for yet")},         /* 未签收 */
    {"alert_acknowledge", N_("Sign for it")},              /* 签收 */
    {"alert_ack_prompt", N_("You have been alerted to this incident.")}, /* 您收到此事件提醒。 */
    {"alert_escalations", N_("Escalations")},                            /* 升级提醒 */
    {"alert_timeline", N_("Timeline")},                                  /* 全程时间线 */
    {"alert_reports", N_("Reports made on it")},                         /* 报告 */
    {"alert_changes", N_("What changed")},                               /* 变化情况 */
    {"alert_late", N_("Late")},                                          /* 迟报 */
    {"alert_steps", N_("Report and handle")},                            /* 报送与处置 */
    {"alert_changes_hint", N_("A follow-up carries only what changed: fill in the facts that are "
                              "new.")}, /* 续报只报变化情况。
                                         */
    {"alert_level_any",
     N_("Unrated (early warning or public opinion)")}, /* 未定级（苗头性、舆情） */
    {"alert_unacked_mine",
     N_("Incidents waiting for your acknowledgement: ")}, /* 待您签收的事件： */
};

const size_t ui_strings_alert_n = sizeof ui_strings_alert / sizeof ui_strings_alert[0];
