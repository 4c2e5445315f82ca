import { runScript, type Migration } from './types';

/**
 * Search as you type (issue 6): FTS5 prefix indexes for prefixes of 1 to 4 letters. A short prefix such
 * as "Ver" then reads one doclist, newest first, instead of merging the doclists of every word it starts
 * (thousands of words, tens of thousands of documents). Same columns and tokenizer as 0001; the index is
 * rebuilt from document_text, and 0001's triggers keep writing into it by name.
 */
export const m0012: Migration = {
  version: 12,
  name: 'search-prefix-index',
  up: (tx) =>
    runScript(
      tx,
      `
DROP TABLE document_fts;
CREATE VIRTUAL TABLE document_fts USING fts5(
  title, sender, body, scope,
  content = 'document_text', content_rowid = 'document_id',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3 4'
);
INSERT INTO document_fts(document_fts) VALUES ('rebuild');
`,
    ),
};
