export { searchDocuments } from './search';
export { buildMatchExpression, tokenize } from './fts-query';
export { makeSnippet } from './snippet';
