export { appendAudit, auditForObject, verifyAuditChain, GENESIS_HASH, type AuditInput } from './audit-log';
export { canonicalJson } from './canonical-json';
