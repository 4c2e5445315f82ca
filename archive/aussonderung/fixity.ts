import { isAppError } from '../../contract/app-error';
import type { FixityReport } from '../../contract/methods/aussonderung';
import { appendAudit } from '../../core/audit/index';
import type { CallCtx } from '../../core/records/context';

const PAGE = 1000;

/**
 * The periodic fixity check: every blob the store knows is read and hashed again (one at a time, so
 * memory stays flat), files without a record are listed, and the result is kept in the audit log.
 */
export async function checkFixity(ctx: CallCtx): Promise<FixityReport> {
  const known = new Set<string>();
  const missing: string[] = [];
  const corrupt: string[] = [];
  let bytes = 0;
  let after = '';
  for (;;) {
    const page = await ctx.store.reader.all<{ hash: string; size: number }>('SELECT hash, size FROM blob WHERE hash > ? ORDER BY hash LIMIT ?', [after, PAGE]);
    if (page.length === 0) break;
    for (const { hash, size } of page) {
      known.add(hash);
      try {
        const ref = await ctx.store.blobs.verify(hash);
        if (ref.size !== size) corrupt.push(hash);
        else bytes += ref.size;
      } catch (err) {
        if (!isAppError(err)) throw err;
        (err.code === 'store.blob_missing' ? missing : corrupt).push(hash);
      }
    }
    after = page.at(-1)!.hash;
  }
  const unreferenced = (await ctx.store.blobs.list()).filter((name) => !known.has(name)).sort();
  const report: FixityReport = {
    checkedAt: ctx.clock.now().toISOString(),
    blobs: known.size,
    bytes,
    ok: known.size - missing.length - corrupt.length,
    missing,
    corrupt,
    unreferenced,
  };
  const counts = { blobs: report.blobs, ok: report.ok, missing: missing.length, corrupt: corrupt.length, unreferenced: unreferenced.length };
  await ctx.store.write((tx) =>
    appendAudit(tx, ctx.clock.now(), { actor: ctx.caller.username, action: 'fixity.check', objectType: 'store', objectUuid: null, details: counts }),
  );
  if (missing.length || corrupt.length) ctx.logger.warn('fixity check found damage', counts);
  else ctx.logger.info('fixity check', counts);
  return report;
}
