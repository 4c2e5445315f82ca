/**
 * The preflight's revision, stored with every cached verdict (table pdfa_verdict): raise it with any
 * change that can change a verdict or its reasons, so stored verdicts are not reused and files are
 * checked afresh. revision.test.ts fails when the checker's sources change and this stays.
 */
export const PREFLIGHT_REVISION = 1;
