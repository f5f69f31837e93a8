/*
 * flow_internal.h — the parsed workflow definition, shared by the files of the engine only
 * (flow_def.c reads and checks definitions, flow_store.c keeps them, flow.c runs them).
 */
#ifndef MISHU_WORK_FLOW_INTERNAL_H
#define MISHU_WORK_FLOW_INTERNAL_H

#include "work/flow.h"
#include "work/work.h"

/* The "to" entry of a step that may keep the state (a JSON null in the definition). */
extern const char work_flow_stay[];
#define WORK_FLOW_STAY work_flow_stay

typedef struct WorkFlowState {
	const char *code, *type; /* open, waiting, terminal */
	json_t *label;           /* {"zh", "en"} */
	int deadline_days, deadline_hours;
} WorkFlowState;

/* Every string and json_t below is borrowed from the definition's JSON (WorkFlow.json). */
struct WorkFlowStep {
	const char *code;
	json_t *label;
	const char **from;    /* NULL-terminated */
	const char **to;      /* NULL-terminated; WORK_FLOW_STAY: the state stays */
	const char **stay_in; /* states from which the step keeps the state (NULL-terminated) */
	const char **who;     /* actor names */
	const char **todo;    /* whose inboxes the step fills (actor lists); NULL: who's */
	const char **hooks;   /* hook names, run in order */
	const char *offer_when;
	int opinion_min, opinion_max;
	const char *opinion_prompt; /* reason, progress, result, instruction, text or NULL */
	json_t *fields;             /* [{"name", "type", "required", "max", "values"}] or NULL */
};

struct WorkFlow {
	const char *code;
	gint64 version;
	const char *initial;
	WorkFlowState *states;
	guint n_states;
	WorkFlowStep *steps;
	guint n_steps;
	json_t *json; /* the definition with "code" and "version" */
};

/* Parses DEF (validated first) as version VERSION of workflow CODE; never freed. */
WorkFlow *work_flow_parse(json_t *def, const char *code, gint64 version, GError **err);
const WorkFlowState *work_flow_state(const WorkFlow *f, const char *code);
const WorkFlowStep *work_flow_step(const WorkFlow *f, const char *code);

/* The registered function of hook NAME, actor NAME (its label in *LABEL) or condition NAME;
 * NULL when none is registered. */
WorkHookFn work_flow_hook_fn(const char *name);
WorkActorFn work_flow_actor_fn(const char *name, const char **label);
WorkOfferFn work_flow_offer_fn(const char *name);
WorkActorListFn work_flow_actor_list_fn(const char *name);
/* Appends the leaders (ASSISTANT FALSE) or the assisting official that routing (work = the
 * item's workflow, its domain, today) names for item X to USERS; none without a domain. */
gboolean work_flow_routed_users(WorkStep *x, gboolean assistant, GArray *users, GError **err);
/* The engine's own actors' lists (flow_todo.c). */
void work_flow_register_builtin_lists(void);
/* Rewrites item X->id's item_todo rows from X (prepared: flow and row). */
gboolean work_flow_todo_write(WorkStep *x, GError **err);
/* Every registered actor, by code: [{"code", "label" (in LANG)}]. New reference. */
json_t *work_flow_actors_json(const char *lang);

#endif
