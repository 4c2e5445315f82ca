import { AppError } from '../../contract/app-error';
import type { Queryable } from '../../core/store/store';
import { loadAktenWithContent, type AkteRecord } from './akte-records';

/** Akten loaded at once: one query for a few Akten instead of one per Akte, memory still that of a few. */
const BATCH = 20;

/**
 * The Akten of an export with their content, loaded a batch at a time in the order they are asked for;
 * a batch replaces the one before, so memory stays that of a few Akten however many are exported.
 */
export class AkteWindow {
  private loaded = new Map<string, AkteRecord>();

  constructor(
    private readonly q: Queryable,
    private readonly uuids: readonly string[],
  ) {}

  get length(): number {
    return this.uuids.length;
  }

  async get(index: number): Promise<AkteRecord> {
    const uuid = this.uuids[index]!;
    if (!this.loaded.has(uuid)) {
      const batch = await loadAktenWithContent(this.q, this.uuids.slice(index, index + BATCH));
      this.loaded = new Map(batch.map((a) => [a.uuid, a]));
    }
    const akte = this.loaded.get(uuid);
    if (!akte) throw new AppError('records.not_found', { kind: 'Die Akte' }, `akte ${uuid} gone during export`);
    return akte;
  }
}
