/*
 * mustache internals shared by the compiler (mustache.c) and the renderer (mustache_render.c).
 *
 * A compiled template is a tree of nodes. Literal text lives in one buffer owned by the
 * template. Line starts matter only for indentation (standalone partials, parents and blocks
 * indent every line of what they expand to): a TEXT node knows whether it begins a line, and a
 * BOL node marks a line that begins with a tag.
 */
#ifndef MISHU_VIEW_MUSTACHE_PRIVATE_H
#define MISHU_VIEW_MUSTACHE_PRIVATE_H

#include "view/mustache.h"

typedef enum {
	MN_TEXT,     /* literal text */
	MN_BOL,      /* a line starts here: write the current indentation */
	MN_VAR,      /* {{name}}: escaped */
	MN_RAW,      /* {{{name}}} or {{&name}} */
	MN_SECTION,  /* {{#name}}kids{{/name}} */
	MN_INVERTED, /* {{^name}}kids{{/name}} */
	MN_PARTIAL,  /* {{>name}} */
	MN_PARENT,   /* {{<name}}blocks{{/name}}: kids are the MN_BLOCK arguments only */
	MN_BLOCK,    /* {{$name}}default{{/name}} */
} MustacheNodeType;

typedef struct MustacheNode MustacheNode;

struct MustacheNode {
	MustacheNodeType type;
	gboolean bol;        /* MN_TEXT: begins a line */
	gboolean standalone; /* MN_PARTIAL, MN_PARENT, MN_BLOCK: the tag stood alone on its line */
	const char *text;    /* MN_TEXT: into the template's literal buffer */
	gsize len;
	gsize off;    /* MN_TEXT, while compiling: offset of TEXT in the literal buffer */
	char *name;   /* tags: the trimmed name */
	char **parts; /* MN_VAR...MN_INVERTED: name split on '.'; NULL for "." */
	char *indent; /* standalone MN_PARTIAL/MN_PARENT/MN_BLOCK: indentation to add */
	gsize indent_len;
	MustacheNode *kids;
	guint n_kids;
};

struct MustacheTemplate {
	char *lit; /* all literal text */
	gsize lit_len;
	MustacheNode *nodes;
	guint n_nodes;
};

#endif
