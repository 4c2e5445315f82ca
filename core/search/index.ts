export { searchDocuments } from './search';
export { buildMatchExpression, splitSnippet, tokenize } from './fts-query';
