/*
 * db_sqlite_fts.c — the FTS5 tokenizer `cjk` (overlapping CJK bigrams and lowercased words, from
 * core_cjk_tokenize), registered on every SQLite connection the db layer opens, so migrations
 * and queries on any connection can use `tokenize = 'cjk'`. The stock sqlite3 shell lacks it.
 */
#include "core/core.h"
#include "db/db_sqlite_fts.h"

typedef struct {
	void *ctx;
	int (*token)(void *ctx, int flags, const char *tok, int len, int start, int end);
	int rc;
} TokenSink;

static void fts5_token(const char *tok, gsize len, int start, int end, void *ud)
{
	TokenSink *sink = ud;

	if (sink->rc == SQLITE_OK)
		sink->rc = sink->token(sink->ctx, 0, tok, (int)len, start, end);
}

/* A query is tokenized without the run-end characters: core_cjk_query spells out the ones a
 * phrase needs, one quoted token each. Documents (and auxiliary functions) get them all. */
static int fts5_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int len,
                         int (*token)(void *, int, const char *, int, int, int))
{
	TokenSink sink = {ctx, token, SQLITE_OK};

	if (text == NULL || len <= 0)
		return SQLITE_OK;
	if (flags & FTS5_TOKENIZE_QUERY)
		core_cjk_tokenize(text, (gsize)len, fts5_token, &sink);
	else
		core_cjk_tokenize_document(text, (gsize)len, fts5_token, &sink);
	return sink.rc;
}

static char tokenizer_instance; /* the tokenizer keeps no state: one shared instance */

static int fts5_create(void *ud, const char **argv, int argc, Fts5Tokenizer **out)
{
	if (argc > 0)
		return SQLITE_ERROR; /* `cjk` takes no options */
	*out = (Fts5Tokenizer *)&tokenizer_instance;
	return SQLITE_OK;
}

static void fts5_delete(Fts5Tokenizer *t)
{
}

static fts5_tokenizer cjk_tokenizer = {fts5_create, fts5_delete, fts5_tokenize};

int db_sqlite_register_cjk(sqlite3 *db, char **errmsg)
{
	fts5_api *fts = NULL;
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL);

	if (rc == SQLITE_OK) {
		sqlite3_bind_pointer(st, 1, (void *)&fts, "fts5_api_ptr", NULL);
		sqlite3_step(st);
		rc = sqlite3_finalize(st);
	}
	if (rc != SQLITE_OK || fts == NULL || fts->iVersion < 2) {
		*errmsg = sqlite3_mprintf("this SQLite has no FTS5 (%s)", sqlite3_errmsg(db));
		return SQLITE_ERROR;
	}
	rc = fts->xCreateTokenizer(fts, "cjk", NULL, &cjk_tokenizer, NULL);
	if (rc != SQLITE_OK)
		*errmsg = sqlite3_mprintf("cannot register the FTS5 tokenizer cjk");
	return rc;
}
