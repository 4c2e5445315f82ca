import { AppError } from '../../contract/app-error';
import type { CallCtx } from '../../core/records/context';
import { messageFileName } from '../xdomea/index';
import { auditAussonderung } from './audit';
import { outputDirectory, writeFileAtomically, type WrittenFile } from './output-files';
import { loadAussonderung, loadMessage, loadObjects, stateOf } from './repository';

/**
 * The archivist's choice among the Akten the archive appraised B (sample): the chosen ones are handed
 * over with the A Akten, the others are destroyed. The choice can change until the 0503 is written.
 */
export async function selectSample(ctx: CallCtx, prozessId: string, akteUuids: readonly string[]): Promise<void> {
  await ctx.store.write(async (tx) => {
    const row = await loadAussonderung(tx, prozessId);
    if (!row.appraised_at || row.exported_at) {
      throw new AppError('aussonderung.wrong_state', { prozessId: row.prozess_id, state: stateOf(row), action: 'die Auswahl (B)' }, 'sample in wrong state');
    }
    const objects = await loadObjects(tx, row.id);
    const chosen = new Set(akteUuids.map((u) => u.toLowerCase()));
    for (const uuid of chosen) {
      const o = objects.find((x) => x.akte_uuid === uuid);
      if (!o) throw new AppError('records.not_found', { kind: 'Die Akte' }, 'akte not in aussonderung');
      if (o.decision !== 'B') throw new AppError('aussonderung.not_a_sample_candidate', { aktenzeichen: o.aktenzeichen }, 'not appraised B');
    }
    for (const o of objects.filter((x) => x.decision === 'B')) {
      await tx.run('UPDATE aussonderung_object SET selected = ? WHERE aussonderung_id = ? AND akte_uuid = ?', [
        chosen.has(o.akte_uuid) ? 1 : 0,
        row.id,
        o.akte_uuid,
      ]);
    }
    await auditAussonderung(tx, ctx, 'aussonderung.sample', row.prozess_id, row.amt_id, { chosen: chosen.size });
  });
}

/** Writes a message the office sent (0501, 0505) again, byte for byte as it was first written. */
export async function writeStoredMessage(ctx: CallCtx, prozessId: string, type: '0501' | '0505', outDir: string | undefined): Promise<WrittenFile> {
  const row = await loadAussonderung(ctx.store.reader, prozessId);
  const stored = await loadMessage(ctx.store.reader, row.id, type);
  if (!stored || stored.direction !== 'out') {
    throw new AppError('aussonderung.wrong_state', { prozessId: row.prozess_id, state: stateOf(row), action: `die Nachricht ${type}` }, 'message not written yet');
  }
  const dir = await outputDirectory(ctx.store.dataDir, row.prozess_id, outDir);
  return writeFileAtomically(dir, messageFileName(row.prozess_id, type), stored.xml);
}
