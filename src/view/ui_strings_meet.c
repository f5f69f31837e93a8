/* ui_strings_meet — the UI strings of the meetings' pages ({{t.KEY}}): the list, calling a
 * meeting, one meeting with its live attendance, agenda, votes and minutes. view_ui_strings
 * serves them with the other tables.
 */
#include "view/ui_strings_table.h"

const UiString ui_strings_meet[] = {
    {"meet_subnav_label", N_("Meetings pages")},               /* 会议栏目 */
    {"meet_list", N_("Meetings")},                             /* 会议 */
    {"meet_new", N_("Call a meeting")},                        /* 新建会议 */
    {"meet_col_when", N_("When")},                             /* 时间 */
    {"meet_col_title", N_("Meeting")},                         /* 会议名称 */
    {"meet_col_type", N_("Kind of meeting")},                  /* 会议类型 */
    {"meet_col_room", N_("Room")},                             /* 地点 */
    {"meet_col_chair", N_("Chair")},                           /* 主持人 */
    {"meet_empty", N_("No meetings yet.")},                    /* 暂无会议。 */
    {"meet_starts", N_("Starts")},                             /* 开始时间 */
    {"meet_ends", N_("Ends")},                                 /* 结束时间 */
    {"meet_chair_default", N_("As the kind of meeting says")}, /* 按会议类型确定 */
    {"meet_domain", N_("Domain (thematic meetings)")},         /* 所涉领域（专题会议） */
    {"meet_attendees",
     N_("Attendees (for thematic and office meetings)")}, /* 参会人员（专题会议、办公会） */
    {"meet_create", N_("Call the meeting")},              /* 创建会议 */
    {"meet_attendance", N_("Attendance")},                /* 出席情况 */
    {"meet_expected", N_("Should attend")},               /* 应到 */
    {"meet_present", N_("Present")},                      /* 实到 */
    {"meet_leave", N_("On leave")},                       /* 请假 */
    {"meet_quorum_met", N_("Quorum present")},            /* 已达到法定人数 */
    {"meet_quorum_not", N_("No quorum yet")},             /* 未达到法定人数 */
    {"meet_members", N_("Members called")},               /* 参会人员 */
    {"meet_voting", N_("Votes")},                         /* 表决权 */
    {"meet_check_in", N_("Check in")},                    /* 签到 */
    {"meet_i_am_here", N_("I am here")},                  /* 我已到会 */
    {"meet_confirm", N_("I will attend")},                /* 确认参会 */
    {"meet_ask_leave", N_("Ask for leave")},              /* 请假 */
    {"meet_approve_leave", N_("Approve the leave")}, /* 批准请假 */
    {"meet_reason", N_("Reason")},                   /* 事由 */
    {"meet_written_view",
     N_("Written view (shown, never counted as a vote)")}, /* 书面意见（仅供参阅，不计入表决）
                                                            */
    {"meet_steps", N_("Running the meeting")},             /* 会议办理 */
    {"meet_opinion", N_("Opinion")},                       /* 意见 */
    {"meet_agenda", N_("Agenda")},                         /* 议程 */
    {"meet_no_items", N_("No items on the agenda yet.")},             /* 尚无议题。 */
    {"meet_add_item", N_("Propose an item")},                         /* 提出议题 */
    {"meet_item_title", N_("Item")},                                  /* 议题名称 */
    {"meet_item_kind", N_("Kind of item")},                           /* 议题类别 */
    {"meet_kind_general", N_("General")},                             /* 一般议题 */
    {"meet_kind_cadre", N_("Cadre appointments")},                    /* 干部任免 */
    {"meet_item_body", N_("What the item is about")},                 /* 议题说明 */
    {"meet_observers", N_("Attending without a vote, one per line")}, /* 列席人员（每行一人） */
    {"meet_seating", N_("Seating plan")},                             /* 座次图 */
    {"meet_main_table", N_("Main table")},                            /* 主席台（会议桌） */
    {"meet_seating_hint", N_("As seen from the floor; the numbers are the order of "
                             "rank.")},       /* 面向主席台视角，数字为排序。
                                               */
    {"meet_back", N_("Back to the meeting")}, /* 返回会议 */
    {"meet_conflicts",
     N_("Called to another meeting at the same time:")}, /* 以下人员同一时间另有会议： */
    {"meet_carried_from", N_("Deferred at")},            /* 缓议自 */
    {"meet_reconsiders", N_("Reconsiders")},             /* 复议 */
    {"meet_observers_show", N_("Attending without a vote")}, /* 列席人员 */
    {"meet_item_leader", N_("Responsible leader")},          /* 责任领导 */
    {"meet_item_unit", N_("Proposed by the unit")},          /* 提出单位 */
    {"meet_item_unit_hint",
     N_("A unit proposes through the leader in charge of its domain, who consents first.")},
    {"meet_consultation", N_("Consultation before the meeting")}, /* 会前沟通 */
    {"meet_materials", N_("Materials")},                          /* 上会材料 */
    {"meet_attach", N_("File materials")},                        /* 上传材料 */
    {"meet_attach_submit", N_("Upload")},                         /* 上传 */
    {"meet_votes", N_("Votes")},                                  /* 表决情况 */
    {"meet_record_vote", N_("Record a vote")},                    /* 登记表决 */
    {"meet_vote_member", N_("Member")},                           /* 表决人 */
    {"meet_my_vote", N_("My vote")},                              /* 我的表决 */
    {"meet_choice", N_("Vote")},                                  /* 表决意见 */
    {"meet_decision_task", N_("Decisions into supervision")},     /* 决定事项转督办 */
    {"meet_lead_unit", N_("Lead unit")},                          /* 牵头单位 */
    {"meet_deadline_days", N_("Working days to finish")},         /* 办理时限（工作日） */
    {"meet_requirements", N_("Requirements")},                    /* 办理要求 */
    {"meet_make_task", N_("Make it a supervised task")},          /* 转为督办事项 */
    {"meet_tasks", N_("Supervised tasks")},                       /* 督办事项 */
    {"meet_minutes", N_("Minutes")},                              /* 会议纪要 */
    {"meet_minutes_drafted",
     N_("Drafted from the outcomes; the office may edit it before the chair approves it.")},
    {"meet_minutes_save", N_("Save the minutes")},         /* 保存纪要 */
    {"meet_minutes_pdf", N_("Minutes (PDF)")},             /* 纪要（PDF） */
    {"meet_minutes_issue_h", N_("Issue the minutes")},     /* 印发纪要 */
    {"meet_item_origin", N_("Taken up from")},             /* 议题来源 */
    {"meet_type_edit", N_("Edit")},                        /* 修改 */
    {"meet_type_name_zh", N_("Name in Chinese")},          /* 中文名称 */
    {"meet_type_name_en", N_("Name in English")},          /* 英文名称 */
    {"meet_rule_cmp", N_("Comparison")},                   /* 比较方式 */
    {"meet_cmp_gt", N_("more than")},                      /* 超过 */
    {"meet_cmp_ge", N_("at least")},                       /* 达到 */
    {"meet_rule_base", N_("Counted on")},                  /* 计算基数 */
    {"meet_base_expected", N_("those who should attend")}, /* 应到会人数 */
    {"meet_base_present", N_("those present")},            /* 实到会人数 */
    {"meet_rule_den", N_("Denominator")},                  /* 分母 */
    {"meet_rule_num", N_("Numerator")},                    /* 分子 */
    {"meet_rule_of", N_("of")},                            /* 的 */
    {"meet_rule_fraction_of", N_("parts, of which")},      /* 分之 */
    {"meet_type_save", N_("Save the rules")},              /* 保存议事规则 */
    {"meet_type_back", N_("Back to the rules")},           /* 返回议事规则 */
    {"meet_origin_carry",
     N_("Deferred or not reached: carry it to this meeting")}, /* 缓议或未上会议题：转入本次会议 */
    {"meet_origin_reconsider", N_("Passed: a motion to reconsider it")}, /* 已通过议题：提请复议 */
    {"meet_item_origin_hint",
     N_("The earlier item's title, kind and text stand unless you write others; its history "
        "goes with it.")},
    {"meet_minutes_issue_hint",
     N_("The approved minutes become an outgoing document numbered with their issue number; the "
        "office then prints, distributes and files it as it does every document.")},
    {"meet_minutes_cc", N_("Sent to")},                                  /* 分送 */
    {"meet_minutes_issue", N_("Make the outgoing document")},            /* 生成发文 */
    {"meet_minutes_document", N_("Issued as")},                          /* 已印发为 */
    {"meet_ics", N_("Add to calendar")},                                 /* 加入日历 */
    {"meet_history", N_("History")},                                     /* 办理记录 */
    {"meet_types_title", N_("Rules of procedure")},                      /* 议事规则 */
    {"meet_rule_quorum", N_("Quorum")},                                  /* 法定人数 */
    {"meet_rule_cadre", N_("Cadre items")},                              /* 干部任免议题 */
    {"meet_rule_pass", N_("Passing")},                                   /* 表决通过 */
    {"meet_rule_abstain", N_("Abstaining allowed")},                     /* 允许弃权 */
    {"meet_rule_principal", N_("Principal leader last on cadre items")}, /* 主要负责同志末位表态 */
    {"meet_rule_release",
     N_("Cadre materials released (working days before)")}, /* 干部任免材料提前发放（工作日）
                                                             */
    {"meet_no_vote", N_("No vote: decided under the chair")}, /* 不表决，由主持人议定 */
    {"meet_yes", N_("Yes")},                                  /* 是 */
    {"meet_no", N_("No")},                                    /* 否 */
};

const size_t ui_strings_meet_n = sizeof ui_strings_meet / sizeof ui_strings_meet[0];
