/* ui_strings_work — the UI strings of the work modules' pages ({{t.KEY}}): documents,
 * supervision, workflows and the personal inbox. The layout's, auth's and org's are in
 * ui_strings.c; view_ui_strings serves both tables as one. Add a key before using it in a
 * template; keep one msgid per distinct meaning.
 */
#include "view/ui_strings_table.h"

const UiString ui_strings_work[] = {
    /* ---- documents: lists, the board, search (templates/docs/list, board, search, subnav) ---- */
    {"docs_subnav_label", N_("Documents pages")},           /* 公文栏目 */
    {"docs_register", N_("Register incoming")},             /* 收文登记 */
    {"docs_draft_new", N_("New draft")},                    /* 起草发文 */
    {"docs_filter_label", N_("Filter the documents")},      /* 筛选公文 */
    {"docs_q", N_("Title, number or sender")},              /* 标题、文号或来文机关 */
    {"docs_all_states", N_("All states")},                  /* 全部状态 */
    {"docs_domain", N_("Domain")},                          /* 所属领域 */
    {"docs_all_domains", N_("All portfolios")},             /* 全部领域 */
    {"docs_doc_type", N_("Document type")},                 /* 文种 */
    {"docs_all_types", N_("All types")},                    /* 全部文种 */
    {"docs_mine", N_("Only those waiting for me to read")}, /* 只看待我阅的 */
    {"docs_open_only", N_("Only those still in hand")},     /* 只看在办的 */
    {"docs_sheet", N_("Processing sheet")},                 /* 文件处理笺 */
    {"docs_route_fold", N_("Leaders it goes to: ")},        /* 呈送领导： */
    {"phrases_title", N_("My instruction phrases")},        /* 我的批示常用语 */
    {"phrases_intro",
     N_("One phrase per line. Write ×× where a colleague's name goes: the instruction form "
        "fills in the leaders the document is routed to.")},
    {"phrases_defaults",
     N_("These are the office's defaults until you save your own; save an empty list to go "
        "back to them.")},
    {"phrases_label", N_("Phrases")},                         /* 常用语 */
    {"phrases_pick", N_("Phrases:")},                         /* 常用语： */
    {"phrases_edit", N_("Edit my phrases")},                  /* 编辑常用语 */
    {"docs_sheet_print", N_("Print the processing sheet")},   /* 打印处理笺 */
    {"docs_sheet_proposal", N_("Office's proposal")},         /* 拟办意见 */
    {"docs_sheet_instructions", N_("Leaders' instructions")}, /* 领导批示 */
    {"docs_sheet_readers", N_("Circulation")},                /* 传阅情况 */
    {"docs_sheet_results", N_("Handling")},                   /* 办理结果 */
    {"docs_sheet_none", N_("None yet.")},                     /* 暂无。 */
    {"docs_also_read",
     N_("Also mark it read: the instruction completes my reading")}, /* 批示后同时阅毕 */
    {"docs_incoming_list", N_("Incoming documents, newest first")},  /* 收文（最新在前） */
    {"docs_outgoing_list", N_("Outgoing documents, newest first")},  /* 发文（最新在前） */
    {"docs_reg_number", N_("Registration number")},                  /* 收文编号 */
    {"docs_number", N_("Document number")},                          /* 文号 */
    {"docs_no_number", N_("Not numbered yet")},                      /* 未编号 */
    {"docs_number_any", N_("Number")},                     /* 编号 (文号 or 收文编号) */
    {"docs_sender", N_("Sending organ")},                  /* 来文机关 */
    {"docs_drafter", N_("Drafted by")},                    /* 拟稿人 */
    {"docs_received_on", N_("Received on")},               /* 收文日期 */
    {"docs_updated", N_("Last change")},                   /* 更新时间 */
    {"docs_holder", N_("Now with")},                       /* 当前持有人 */
    {"docs_none_match", N_("No document matches.")},       /* 没有符合条件的公文 */
    {"docs_no_incoming", N_("No incoming document yet.")}, /* 暂无收文 */
    {"docs_no_incoming_staff", N_("Register the first incoming document.")}, /* 登记第一份收文 */
    {"docs_no_incoming_hint", /* 办公室送您阅办的公文会出现在这里。 */
     N_("Documents the office sends you to read or handle will appear here.")},
    {"docs_no_outgoing", N_("No outgoing document yet.")}, /* 暂无发文 */
    {"docs_no_outgoing_draft", N_("Start a draft.")},      /* 起草一份发文 */
    {"docs_no_outgoing_hint", /* 待您签发的文稿会出现在这里。 */
     N_("Drafts waiting for your signature will appear here.")},
    {"docs_board_title", N_("Circulation board")}, /* 传阅看板 */
    {"docs_board_list",
     N_("Documents in circulation, longest held first")}, /* 传阅中的公文（持有最久的在前） */
    {"docs_board_hint", /* 黄色标记表示已持有超过一天，可在公文页面催办。 */
     N_("Amber: held for more than a day. Chase it from the document's page.")},
    {"docs_board_late", N_("Held over a day:")},            /* 超过一天： */
    {"docs_since", N_("Since")},                            /* 送达时间 */
    {"docs_held", N_("Held for")},                          /* 已持有 */
    {"docs_read_count", N_("Read:")},                       /* 已阅： */
    {"docs_board_empty", N_("Nothing is in circulation.")}, /* 没有正在传阅的公文 */
    {"docs_board_empty_hint",
     N_("Circulate an incoming document from its page.")}, /* 在收文页面发起传阅 */
    {"docs_search_title", N_("Full-text search")},         /* 全文检索 */
    {"docs_search_label", N_("Words to find")},            /* 检索词 */
    {"docs_search_hint", /* 多个词之间用空格分隔，须同时出现；检索范围为您有权查看的全部事项的标题和正文。
                          */
     N_("Every word must occur; searches titles and texts of everything you may see.")},
    {"docs_search_results", N_("Results")},                     /* 检索结果 */
    {"docs_search_none", N_("Nothing found.")},                 /* 未找到相关内容 */
    {"docs_search_none_hint", N_("Try fewer or other words.")}, /* 请减少或更换检索词。 */
    {"docs_home_title", N_("Documents")},                       /* 公文 */

    /* ---- documents: one document and its steps (templates/docs/document, steps) ---- */
    {"docs_edit", N_("Edit")},                               /* 修改 */
    {"docs_pdf", N_("Print (PDF)")},                         /* 打印（PDF） */
    {"docs_back_to_list", N_("Back to the list")},           /* 返回列表 */
    {"docs_back_to_doc", N_("Back to the document")},        /* 返回公文 */
    {"docs_go_to_actions", N_("Go to what you can do now")}, /* 转到办理 */
    {"docs_body", N_("Text")},                               /* 正文 */
    {"docs_no_body", N_("The text has not been entered.")},  /* 尚未录入正文 */
    {"docs_signed_by", N_("Signed by ")},                    /* 签发人： */
    {"docs_attachments", N_("Attachments")},                 /* 附件 */
    {"docs_no_attachments", N_("No attachment.")},           /* 无附件 */
    {"docs_attach_file", N_("Attach a file")},               /* 上传附件 */
    {"docs_attach_submit", N_("Upload")},                    /* 上传 */
    {"docs_instructions", N_("Instructions")},               /* 领导批示 */
    {"docs_requirements", N_("Requirements")},               /* 办理要求 */
    {"docs_requirements_hint", /* 可不填：如办理时限、报告要求。 */
     N_("Optional: a deadline or who should report back.")},
    {"docs_actions_title", N_("What you can do now")}, /* 办理 */
    {"docs_facts", N_("About the document")},          /* 公文信息 */
    {"docs_series", N_("Series")},                     /* 机关代字 */
    {"docs_main_to", N_("Principal recipients")},      /* 主送机关 */
    {"docs_cc_to", N_("Copied to")},                   /* 抄送机关 */
    {"docs_made_from", N_("Made from")},               /* 来源 */
    {"docs_to_other", N_("Other bodies")},             /* 其他机关 */
    {"docs_to_other_hint", /* 名录中没有的机关，每行一个，或以“、”分隔。 */
     N_("Bodies not in the lists above: one per line, or separated by 、.")},
    {"docs_secrecy", N_("Secrecy")},                         /* 密级 */
    {"docs_urgency", N_("Urgency")},                         /* 紧急程度 */
    {"docs_disclosure", N_("Disclosure")},                   /* 公开属性 */
    {"docs_handler", N_("Handled by (unit or department)")}, /* 承办 */
    {"docs_registered_by", N_("Registered by")},             /* 登记人 */
    {"docs_signer", N_("Signer")},                           /* 签发人 */
    {"docs_proposal", N_("Proposed for")},                   /* 拟办意见 */
    {"docs_readers", N_("Circulation")},                     /* 传阅情况 */
    {"docs_reader_read", N_("Read")},                        /* 已阅 */
    {"docs_reader_holding", N_("Reading")},                  /* 阅读中 */
    {"docs_reader_waiting", N_("Queued")},                   /* 待传 */
    {"docs_cosigners", N_("Cosignature")},                   /* 会签情况 */
    {"docs_cosigned", N_("Cosigned")},                       /* 已会签 */
    {"docs_cosign_pending", N_("Waiting")},                  /* 待会签 */
    {"docs_history", N_("History")},                         /* 办理过程 */
    {"docs_handler_unit", N_("Handling unit")},              /* 承办单位 */
    {"docs_handler_department", N_("Handling department")},  /* 承办科室 */
    {"docs_readers_choose", N_("Readers")},                  /* 传阅领导 */
    {"docs_readers_hint", /* 已预选拟办领导；依次传阅时按排序逐一送阅。 */
     N_("The proposed leaders are chosen; in order they read one after another by rank.")},
    {"docs_mode", N_("How it circulates")},                    /* 传阅方式 */
    {"docs_mode_ordered", N_("One after another (in order)")}, /* 依次传阅 */
    {"docs_mode_parallel", N_("All at once")},                 /* 同时传阅 */
    {"docs_cosign_people", N_("Leaders who cosign")},          /* 会签领导 */
    {"docs_cosign_units", N_("Units that cosign")},            /* 会签单位 */

    /* ---- documents: registering, drafting, editing (templates/docs/form) ---- */
    {"docs_sender_hint",
     N_("The organ that sent it, e.g. 中共江南省委办公厅.")}, /* 发文机关全称，如
                                                                 中共江南省委办公厅。 */
    {"docs_sender_number", N_("Its number")},                 /* 来文字号 */
    {"docs_sender_number_hint", /* 按来文所印填写，如 江南委办发〔2026〕5号。 */
     N_("As printed on the document, e.g. 江南委办发〔2026〕5号.")},
    {"docs_copies", N_("Copies")},                               /* 份数 */
    {"docs_origin", N_("Kind of sender")},                       /* 来文类别 */
    {"docs_origin_higher", N_("From a higher Party committee")}, /* 上级党委来文 */
    {"docs_origin_hint", /* 上级党委来文按规则拟送全体常委传阅。 */
     N_("A higher committee's document is proposed to every standing committee member.")},
    {"docs_series_hint", /* 发文使用的机关代字，送审前须选定。 */
     N_("The 机关代字 it goes out under; needed before it is submitted.")},
    {"docs_domain_hint_in", /* 按所属领域确定拟送的分管领导。 */
     N_("The portfolio decides which leaders it is proposed to.")},
    {"docs_domain_hint_out", /* 按所属领域确定有权签发的领导。 */
     N_("The portfolio decides which leaders may sign it.")},
    {"docs_main_to_hint", /* 选择主送单位；抄送单位在下方选择。 */
     N_("The units it is addressed to; copied ones below.")},
    {"docs_body_hint", /* 每段一行。结构层次序数依次为“一、”“（一）”“1.”“（1）”。 */
     N_("One paragraph per line. Headings: 一、 then （一） then 1. then （1）.")},
    {"docs_register_submit", N_("Register")},    /* 登记 */
    {"docs_draft_submit", N_("Save the draft")}, /* 保存草稿 */

    /* ---- supervision: the ledger, notifications, the dashboard (templates/tasks/list,
       notifications, home, subnav) ---- */
    {"tasks_subnav_label", N_("Supervision pages")},                       /* 督查栏目 */
    {"tasks_ledger", N_("Supervision ledger")},                            /* 督查台账 */
    {"tasks_assign_new", N_("Assign a new task")},                         /* 交办新任务 */
    {"tasks_export", N_("Export the ledger")},                             /* 导出台账 */
    {"tasks_filter_label", N_("Filter the ledger")},                       /* 筛选台账 */
    {"tasks_leader", N_("Responsible leader")},                            /* 责任领导 */
    {"tasks_leader_routed", N_("As the division of responsibility says")}, /* 按分工确定 */
    {"tasks_leader_hint",
     N_("Choose another leader only when the instruction names one, and say why.")},
    {"tasks_leader_reason", N_("Why this leader")},               /* 改定责任领导的理由 */
    {"tasks_supervision_no", N_("Supervision number")},           /* 督办编号 */
    {"tasks_instr_source_who", N_("Passed on by")},               /* 转达人 */
    {"tasks_instr_source_ref", N_("Written on")},                 /* 批示载体 */
    {"tasks_instr_new", N_("Enter a paper or oral instruction")}, /* 录入纸质或口头批示 */
    {"tasks_instr_form", N_("Form")},                             /* 批示形式 */
    {"tasks_instr_paper", N_("Paper instruction")},               /* 纸质批示 */
    {"tasks_instr_oral", N_("Oral instruction")},                 /* 口头批示 */
    {"tasks_instr_leader", N_("Instructing leader")},             /* 批示领导 */
    {"tasks_instr_text", N_("Instruction")},                      /* 批示内容 */
    {"tasks_instr_given_on", N_("Given on")},                     /* 批示日期 */
    {"tasks_instr_item", N_("Document in mishu (its id)")}, /* 所批文件（系统内编号） */
    {"tasks_instr_scan", N_("Scan of the paper instruction")}, /* 批示扫描件 */
    {"tasks_instr_submit", N_("Enter the instruction")},       /* 录入批示 */
    {"tasks_attachments", N_("Attachments")},                  /* 附件 */
    {"tasks_attach_file", N_("Attach a file")},                /* 添加附件 */
    {"tasks_attach_hint",
     N_("Up to 5 files of at most 20 MB: PDF, OFD, Word, WPS, Excel, images, text or zip.")},
    {"tasks_all_leaders", N_("All leaders")},     /* 全部领导 */
    {"tasks_lead_unit", N_("Lead unit")},         /* 牵头单位 */
    {"tasks_all_units", N_("All units")},         /* 全部单位 */
    {"tasks_source", N_("Source")},               /* 来源 */
    {"tasks_all_sources", N_("All sources")},     /* 全部来源 */
    {"tasks_overdue", N_("Overdue state")},       /* 逾期情况 */
    {"tasks_overdue_all", N_("Any")},             /* 不限 */
    {"tasks_assigned_from", N_("Assigned from")}, /* 交办日期自 */
    {"tasks_assigned_to", N_("Assigned until")},  /* 交办日期至 */
    {"tasks_ledger_list",
     N_("Tasks, the earliest deadline first")}, /* 督查事项（按办理时限排序） */
    {"tasks_number", N_("No.")},                /* 序号 */
    {"tasks_content", N_("Task")},              /* 交办事项 */
    {"tasks_assigned_on", N_("Assigned on")},   /* 交办日期 */
    {"tasks_days_suffix",
     N_(" working days late")}, /* 个工作日 (after the number of days past the deadline) */
    {"tasks_truncated", /* 仅显示前1000条，请缩小筛选范围，或导出台账查看全部。 */
     N_("Only the first 1000 are shown: narrow the filter, or export the ledger for all.")},
    {"tasks_none_match", N_("No task matches.")},       /* 没有符合条件的督查事项 */
    {"tasks_none", N_("No supervised task yet.")},      /* 暂无督查事项 */
    {"tasks_none_staff", N_("Assign the first task.")}, /* 交办第一项任务 */
    {"tasks_none_hint", /* 交办给本单位或由您负责的督查事项会出现在这里。 */
     N_("Tasks assigned to your unit or under your responsibility will appear here.")},
    {"tasks_more", N_("All open tasks")},                         /* 查看全部未办结事项 */
    {"tasks_notes_list", N_("Your notifications, newest first")}, /* 我的通知（最新在前） */
    {"tasks_unread", N_("Unread:")},                              /* 未读： */
    {"tasks_unread_label", N_("Unread")},                         /* 未读 */
    {"tasks_mark_read", N_("Mark read")},                         /* 标记已读 */
    {"tasks_notes_none", N_("No notification.")},                 /* 暂无通知 */
    {"tasks_notes_none_hint", /* 催办提醒、逾期提示和办理进展会在这里通知您。 */
     N_("Reminders, overdue notices and steps taken on your work will appear here.")},

    /* ---- supervision: one task and its steps (templates/tasks/task, steps) ---- */
    {"tasks_back_to_ledger", N_("Back to the ledger")},    /* 返回台账 */
    {"tasks_result", N_("Result")},                        /* 办理结果 */
    {"tasks_return_reason", N_("Returned by the office")}, /* 退回理由 */
    {"tasks_extension", N_("Extension requested")},        /* 延期申请 */
    {"tasks_extension_to", N_("New deadline asked for")},  /* 申请延期至 */
    {"tasks_extension_now", N_("Present deadline: ")},     /* 现办理时限： */
    {"tasks_reports", N_("Progress reports")},             /* 办理进展 */
    {"tasks_no_reports", N_("No progress reported yet.")}, /* 尚未报送办理进展 */
    {"tasks_facts", N_("About the task")},                 /* 事项信息 */
    {"tasks_co_units", N_("Co-units")},                    /* 协办单位 */
    {"tasks_accepted_at", N_("Accepted at")},              /* 签收时间 */
    {"tasks_closed_on", N_("Closed on")},                  /* 销号日期 */
    {"tasks_new_deadline", N_("New deadline")},            /* 延期至 */

    /* ---- supervision: assigning (templates/tasks/form, split, unit_fields, instruction) ---- */
    {"tasks_form_intro", /* 领导批示请在公文页面的批示下转交办；办理时限可填日期或工作日数（二选一）。
                          */
     N_("Turn a leader's instruction into a task under the instruction on the document's page. "
        "Give the deadline as a date or as working days, not both.")},
    {"tasks_domain_hint", /* 按所属领域确定责任领导。 */
     N_("The portfolio decides the responsible leader.")},
    {"tasks_co_units_hint",
     N_("Units that help the lead unit; optional.")}, /* 配合牵头单位办理的单位，可不选。 */
    {"tasks_deadline_days", N_("Deadline in working days")}, /* 办理时限（工作日） */
    {"tasks_working_days", N_("working days")},              /* 个工作日 */
    {"tasks_deadline_hours", N_("Deadline in hours")},       /* 办理时限（小时） */
    {"tasks_hours", N_("hours")},                            /* 小时 */
    {"tasks_deadline_is", N_("Deadline: ")},                 /* 截止日期： */
    {"tasks_deadline_days_hint", /* 自交办次日起算，节假日和周末不计，调休上班日计入。 */
     N_("Counted from the day after today; holidays and weekends do not count, make-up working "
        "days do.")},
    {"tasks_deadline_date", N_("Or a deadline date")}, /* 或指定截止日期 */
    {"tasks_assign_submit", N_("Assign the task")},    /* 交办 */
    {"tasks_content_default",                          /* 不填写则为批示内容。 */
     N_("Left empty, the task is the instruction's text.")},
    {"tasks_split", N_("Turn into a task")},                    /* 转交办 */
    {"tasks_split_submit", N_("Assign the task")},              /* 交办 */
    {"tasks_split_full", N_("Full form")},                      /* 完整表单 */
    {"tasks_from_instruction", N_("Tasks assigned from it: ")}, /* 已转交办： */

    /* ---- supervision: statistics and the 督查通报 (templates/tasks/stats) ---- */
    {"tasks_print_bulletin", N_("Print the bulletin")},               /* 打印督查通报 */
    {"tasks_bulletin", N_("Supervision bulletin")},                   /* 督查通报 */
    {"tasks_period", N_("Period")},                                   /* 统计期间 */
    {"tasks_total", N_("Tasks")},                                     /* 交办总数 */
    {"tasks_closed", N_("Closed")},                                   /* 已办结 */
    {"tasks_open", N_("Open")},                                       /* 在办 */
    {"tasks_on_time_rate", N_("Closed on time")},                     /* 按期办结率 */
    {"tasks_overdue_now", N_("Overdue now")},                         /* 逾期未办结 */
    {"tasks_instructions_given", N_("Instructions given")},           /* 批示件数 */
    {"tasks_by_unit", N_("By lead unit")},                            /* 按牵头单位 */
    {"tasks_by_leader", N_("By responsible leader")},                 /* 按责任领导 */
    {"tasks_stats_none", N_("No task was assigned in this period.")}, /* 本期间没有交办事项 */
    {"tasks_stats_none_hint", N_("Choose another period.")}, /* 请选择其他统计期间。 */
    {"tasks_stats_note", /* 统计交办日期在统计期间内的督查事项；按期办结率为已办结事项中在办理时限内办结的比例；批示件数按批示日期统计。
                          */
     N_("Counts the tasks assigned in the period; the on-time rate is the share of closed tasks "
        "closed by their deadline; instructions are counted by the day they were given.")},

    /* ---- supervision: chasing rules and the calendar (templates/tasks/policy) ---- */
    {"tasks_policy_thresholds", N_("Reminders and overdue marks")}, /* 提醒与逾期标准 */
    {"tasks_remind_before", N_("Remind before the deadline")},      /* 到期前提醒 */
    {"tasks_remind_before_hint", /* 到期前若干个工作日提醒承办单位，到期当日再提醒一次；0表示只在当日提醒。
                                  */
     N_("The lead unit is reminded this many working days before the deadline and again on "
        "the day; 0 reminds on the day only.")},
    {"tasks_red_after", N_("Seriously overdue after")}, /* 严重逾期标准 */
    {"tasks_red_after_hint", /* 超过办理时限达到该工作日数即标记为严重逾期（红色）。 */
     N_("A task this many working days past its deadline is marked seriously overdue (red).")},
    {"tasks_calendar", N_("Working-day calendar")},           /* 工作日历 */
    {"tasks_calendar_years", N_("Holiday schedules loaded")}, /* 已载入节假日安排的年份 */
    {"tasks_calendar_none", N_("No holiday schedule is loaded.")}, /* 未载入任何节假日安排 */
    {"tasks_calendar_hint", /* 节假日安排依据国务院办公厅每年发布的通知，放在 data/holidays/
                               下（每年一个文件）。 */
     N_("Schedules follow the State Council General Office's yearly notice, one file per year "
        "under data/holidays/.")},
    {"tasks_calendar_missing", N_("Years without a holiday schedule")}, /* 缺少节假日安排的年份 */
    {"tasks_calendar_missing_hint", /* 请在国务院办公厅发布该年通知后，补充该年节假日安排文件。 */
     N_("Add that year's schedule once the State Council General Office has published it.")},
    /* ---- workflows (work/flow_pages.c) ---- */
    {"wf_title", N_("Workflows")},             /* 工作流程 */
    {"wf_list", N_("The office's workflows")}, /* 办公厅工作流程 */
    {"wf_intro", N_("Each workflow is data: its states, its steps and who may take each. A "
                    "change is a new "
                    "version; work already under way finishes under the version it started "
                    "with.")},        /* 每个工作流程都是数据……
                                       */
    {"wf_name", N_("Workflow")},      /* 流程 */
    {"wf_code", N_("Code")},          /* 代码 */
    {"wf_version", N_("Version")},    /* 版本 */
    {"wf_states", N_("States")},      /* 状态 */
    {"wf_steps", N_("Steps")},        /* 步骤 */
    {"wf_items", N_("Items")},        /* 事项数 */
    {"wf_all", N_("All workflows")},  /* 全部工作流程 */
    {"wf_diagram", N_("Flow chart")}, /* 流程图 */
    {"wf_no_diagram", N_("The flow chart could not be drawn.")}, /* 流程图暂时无法绘制。 */
    {"wf_state", N_("State")},                                   /* 状态 */
    {"wf_type", N_("Kind of state")},                            /* 状态类型 */
    {"wf_deadline", N_("Time limit")},                           /* 时限 */
    {"wf_deadline_unit", N_("Unit of the time limit")},          /* 时限单位 */
    {"wf_working_days", N_("working days")},                     /* 个工作日 */
    {"wf_working_hours", N_("working hours")},                   /* 个工作小时 */
    {"wf_step", N_("Step")},                                     /* 步骤 */
    {"wf_from", N_("From")},                                     /* 起始状态 */
    {"wf_to", N_("To")},                                         /* 去向 */
    {"wf_who", N_("Who may take it")},                           /* 办理人 */
    {"wf_hooks", N_("What it does")},                            /* 处理程序 */
    {"wf_versions", N_("Versions")},                             /* 版本记录 */
    {"wf_changed_by", N_("Changed by")},                         /* 修改人 */
    {"wf_shipped", N_("As shipped")},                            /* 系统预置 */
    {"wf_edit_form", N_("Change labels, who may act and time limits")}, /* 修改名称、办理人和时限 */
    {"wf_edit_hint", N_("Saving stores a new version; items under way keep theirs. Who may take a "
                        "step: actor codes separated by commas.")}, /* 保存即生成新版本…… */
    {"wf_label_zh", N_("Chinese name")},                            /* 中文名称 */
    {"wf_label_en", N_("English name")},                            /* 英文名称 */
    {"wf_actors", N_("Actors that can be named")},                  /* 可指定的办理人 */
    {"wf_save", N_("Save as a new version")},                       /* 保存为新版本 */
    {"wf_edit_json", N_("The definition as JSON")},                 /* 流程定义（JSON） */
    {"wf_json_hint", N_("For new states and steps: edit the whole definition. It is checked before "
                        "it is stored: every state reachable, a way out of every state that is not "
                        "final, someone for every step.")},    /* 新增状态和步骤…… */
    {"wf_item_flow", N_("Where this stands in its workflow")}, /* 办理流程 */
    {"wf_next_actors", N_("Who acts next")},                   /* 接下来由谁办理 */
    {"inbox_title", N_("Waiting for me")},                     /* 我的待办 */
    {"inbox_step", N_("What to do")},                          /* 办理事项 */
    {"inbox_since", N_("Waiting since")},                      /* 送达时间 */
    {"inbox_empty", N_("Nothing waits for you now.")}, /* 目前没有等您办理的事项。 */
    {"inbox_all", N_("All my to-dos")},                /* 全部待办 */
    {"inbox_filter_empty", N_("Nothing of this kind waits for you.")}, /* 没有这一类待办。 */
    {"inbox_counters_label", N_("My to-dos by kind")},                 /* 待办分类 */
    {"inbox_badge", N_("To do")},                                      /* 待办 */
    {"inbox_badge_hint", N_("Items waiting for you")},                 /* 等您办理的事项 */
    {"inbox_notify", N_("Desktop alerts for new to-dos")},             /* 新待办桌面提醒 */
    {"inbox_notify_on", N_("Turn on")},                                /* 开启 */
    {"inbox_notify_hint",
     N_("When this page or another page of mishu is open, a new to-do also shows as a desktop "
        "alert.")},
    {"inbox_live_new", N_("New to-do:")}, /* 新待办： */
    {"inbox_office_note",
     N_("Figures of the whole office, not your own to-dos.")}, /* 全办数字，非个人待办。 */
    {"inbox_visible_note",
     N_("Figures of all you may see, not your own to-dos.")}, /* 您可见范围内的数字，非个人待办。 */
};

const size_t ui_strings_work_n = sizeof ui_strings_work / sizeof ui_strings_work[0];
