/* ui_strings_portal — the UI strings of the portal's pages ({{t.KEY}}): the front page, a
 * section, an article and its comments, the editors' forms. view_ui_strings serves them with
 * the other tables.
 */
#include "view/ui_strings_table.h"

const UiString ui_strings_portal[] = {
    {"portal_home", N_("Portal home")},                       /* 门户首页 */
    {"portal_new", N_("Write an article")},                   /* 撰写文章 */
    {"portal_manage", N_("Manage the portal")},               /* 门户管理 */
    {"portal_search", N_("Search the portal")},               /* 站内搜索 */
    {"portal_search_go", N_("Search")},                       /* 搜索 */
    {"portal_results", N_("Search results")},                 /* 搜索结果 */
    {"portal_no_results", N_("No article matches.")},         /* 没有找到相关文章。 */
    {"portal_empty", N_("No articles in this section yet.")}, /* 本栏目暂无文章。 */
    {"portal_more", N_("More")},                              /* 更多 */
    {"portal_feed", N_("Subscribe (Atom)")},                  /* 订阅本栏目 */
    {"portal_links", N_("Links")},                            /* 友情链接 */
    {"portal_no_links", N_("No links yet.")},                 /* 暂无链接。 */
    {"portal_pages", N_("Pages")},                            /* 分页 */
    {"portal_newer", N_("Previous page")},                    /* 上一页 */
    {"portal_older", N_("Next page")},                        /* 下一页 */
    {"portal_edit", N_("Edit")},                              /* 编辑 */
    {"portal_neighbours", N_("Previous and next")},           /* 上一篇和下一篇 */
    {"portal_prev", N_("Previous: ")},                        /* 上一篇： */
    {"portal_next", N_("Next: ")},                            /* 下一篇： */
    {"portal_none", N_("none")},                              /* 没有了 */
    {"portal_related", N_("Related articles")},               /* 相关文章 */
    {"portal_comments", N_("Comments")},                      /* 评论 */
    {"portal_no_comments", N_("No comments yet.")},           /* 暂无评论。 */
    {"portal_held", N_("Awaiting moderation")},               /* 待审核 */
    {"portal_approve", N_("Approve")},                        /* 通过 */
    {"portal_remove", N_("Remove")},                          /* 删除 */
    {"portal_your_name", N_("Your name")},                    /* 您的称呼 */
    {"portal_comment", N_("Comment")},                        /* 评论内容 */
    {"portal_captcha", N_("Characters in the picture")},      /* 验证码 */
    {"portal_captcha_alt", N_("Captcha picture")},            /* 验证码图片 */
    {"portal_post_comment", N_("Post the comment")},          /* 发表评论 */
    {"portal_sign_in_to_comment", N_("Sign in to comment.")}, /* 登录后发表评论。 */
    {"portal_title", N_("Title")},                            /* 标题 */
    {"portal_section", N_("Section")},                        /* 栏目 */
    {"portal_author", N_("Author")},                          /* 作者 */
    {"portal_unit", N_("Unit")},                              /* 单位 */
    {"portal_date", N_("Date")},                              /* 日期 */
    {"portal_body", N_("Text (a paragraph a line)")},         /* 正文（每行一段） */
    {"portal_save", N_("Save")},                              /* 保存 */
    {"portal_held_comments", N_("Comments awaiting review")}, /* 待审核评论 */
    {"portal_no_held", N_("No comment is waiting.")},         /* 没有待审核的评论。 */
    {"portal_settings", N_("Settings")},                      /* 设置 */
    {"portal_public",
     N_("Open the portal to readers who have not signed in")}, /* 门户对外公开（无需登录） */
    {"portal_anonymous",
     N_("Allow comments without signing in (with a captcha)")}, /* 允许未登录读者评论（需验证码） */
    {"portal_moderation", N_("Hold comments until an editor approves them")}, /* 评论经审核后显示 */
    {"portal_links_help",
     N_("Links, one a line: the name, a space, the address")}, /* 友情链接，每行一个：名称、空格、网址
                                                                */
    {"portal_register", N_("Apply for membership")},   /* 申请会员 */
    {"portal_member_kind", N_("Kind of member")},      /* 会员类型 */
    {"portal_member_person", N_("Individual member")}, /* 个人会员 */
    {"portal_member_unit", N_("Organisation member")}, /* 单位会员 */
    {"portal_member_name",
     N_("Name (an organisation's full name)")}, /* 姓名（单位会员填单位全称） */
    {"portal_member_contact", N_("Contact person (organisations)")}, /* 联系人（单位会员） */
    {"portal_member_phone", N_("Telephone")},                        /* 联系电话 */
    {"portal_member_username", N_("Username to sign in with")},      /* 登录用户名 */
    {"portal_member_password", N_("Password")},                      /* 密码 */
    {"portal_member_apply", N_("Apply")},                            /* 提交申请 */
    {"portal_member_forgot", N_("Forgot your password? Ask the system administrator to reset "
                                "it.")}, /* 忘记密码请联系系统管理员重置。
                                          */
    {"portal_members_help",
     N_("Approving makes an account without any role: it reads and comments on the portal "
        "only.")}, /* 批准后建立不含任何角色的账户，仅可阅读和评论门户。 */
    {"portal_members_none", N_("No application is waiting.")}, /* 没有待审批的申请。 */
    {"portal_member_when", N_("Applied")},                     /* 申请时间 */
    {"portal_member_decide", N_("Decision")},                  /* 审批 */
    {"portal_member_reject", N_("Reject")},                    /* 不予批准 */
};

const size_t ui_strings_portal_n = sizeof ui_strings_portal / sizeof ui_strings_portal[0];
