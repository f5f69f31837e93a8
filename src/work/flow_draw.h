/*
 * Drawing a workflow definition (the JSON a module's states and steps are declared in) as an
 * inline SVG picture, laid out by Graphviz's dot. Only the definition's data is read; the
 * engine's code is not needed.
 *
 * What the SVG carries for pages, CSS and tests (Graphviz puts "node"/"edge" before our classes):
 *   <svg class="flow" width="…pt" viewBox="…"> (no inline style: CSS caps it), <g id="flow-CODE">
 *   each state  <g id="state-CODE" class="node state type-open|type-waiting|type-terminal
 *               [initial] [visited] [current]">, <title>CODE</title>; the current state is filled
 *               #1f5fbf with white text, visited states #dce7f7
 *   each edge   <g id="step-STEP-FROM-TO" class="edge step step-STEP [choice] [taken]">, one per
 *               from-state and target; "choice" (dashed) when a hook picks among several targets,
 *               "taken" (blue, bold) when the item took that step there
 *   start mark  <g id="flow-initial" class="node initial-marker"> with an edge into the initial
 *               state (class "edge initial-edge")
 *   note        <g id="flow-keep" class="node keep-note">: steps whose "to" is null (the state
 *               stays, e.g. 催办), listed in one note box instead of a self-loop on every state
 * Codes go into ids and classes with every byte outside [A-Za-z0-9_-] replaced by "_"; <title>
 * holds them exactly.
 */
#ifndef MISHU_WORK_FLOW_DRAW_H
#define MISHU_WORK_FLOW_DRAW_H

#include <glib.h>
#include <jansson.h>

#define WORK_FLOW_DRAW_ERROR (work_flow_draw_error_quark())
GQuark work_flow_draw_error_quark(void);

typedef enum {
	WORK_FLOW_DRAW_ERROR_INVALID, /* the definition is not one that can be drawn */
	WORK_FLOW_DRAW_ERROR_GRAPHVIZ /* Graphviz failed to lay out or render it */
} WorkFlowDrawError;

/* The most states and edges (from-state × target pairs) a drawable definition has: dot's time
 * grows quickly with size, and a picture past this is unreadable anyway. */
#define WORK_FLOW_DRAW_MAX_STATES 100
#define WORK_FLOW_DRAW_MAX_EDGES  400

/*
 * Draws workflow definition DEF as an SVG document fragment for inline use (no XML prolog, no
 * DOCTYPE, no comments; starts with "<svg"), labels in LANG ("zh-CN" or "en"; "en…" is English,
 * anything else Chinese). CURRENT (may be NULL) is the state to highlight; TAKEN (may be NULL) is
 * a JSON array of step codes already taken on an item (their edges are marked) and VISITED a JSON
 * array of state codes the item has been in (may be NULL). When VISITED is given, a taken step's
 * edge is marked only where both its ends were visited (or are current), so a step with several
 * from-states marks the way the item went. Unknown codes in CURRENT, TAKEN and VISITED are
 * ignored (an item may be older than the definition).
 *
 * DEF must be an object with a non-empty "states" array; every state an object with a unique
 * string "code"; "steps" (optional) objects with a "code", "from" (a code or an array of codes)
 * and "to" (a code, an array of codes, or null/absent), all naming states of DEF; "initial"
 * (optional) a state. Otherwise NULL with WORK_FLOW_DRAW_ERROR_INVALID saying what is wrong.
 *
 * Returns a new string (g_free) or NULL with ERR. Thread-safe: calls into Graphviz are
 * serialised by one lock (Graphviz keeps global state), so drawings run one at a time.
 */
char *work_flow_svg(json_t *def, const char *lang, const char *current, json_t *taken,
                    json_t *visited, GError **err);

#endif
