import sqlite3 from 'sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/temp-dir';
import { createLogger } from '../platform/logger';
import { openStore, type Store } from '../store/store';
import { appendAudit, appendAuditEntries, verifyAuditChain, type AuditInput } from './audit-log';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

async function storeWithEntries(n: number): Promise<Store> {
  const dir = tempDir();
  dirs.push(dir);
  const store = await openStore({ dataDir: dir.path, logger: createLogger([]), now: new Date() });
  for (let i = 1; i <= n; i++) {
    await store.write((tx) =>
      appendAudit(tx, new Date(Date.UTC(2026, 0, i)), {
        actor: 'sb21',
        action: 'akte.create',
        objectType: 'akte',
        objectUuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        amtId: '21',
        details: { aktenzeichen: `21.30.02-${String(i).padStart(4, '0')}/2026` },
      }),
    );
  }
  return store;
}

/** Tampering happens behind the app's back, with a raw connection, as an attacker with file access would. */
function raw(store: Store, sql: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(store.dbPath);
    db.exec(sql, (err) => db.close(() => (err ? reject(err) : resolve())));
  });
}

describe('hash-chained audit log', () => {
  it('writes a bulk of entries as the same chain as one by one, nulls and types kept', async () => {
    const inputs: AuditInput[] = [
      { actor: 'dms-sync', action: 'document.sync_create', objectType: 'document', objectUuid: 'a', amtId: '21', details: { versions: 2, b: [1, 'x'] } },
      { actor: 'dms-sync', action: 'document.sync_create', objectType: 'document', objectUuid: null, amtId: null },
      { actor: 'sb21', action: 'akte.zda', objectType: 'akte', objectUuid: 'c', details: { z: null, a: 'ü' } },
    ];
    const at = new Date(Date.UTC(2026, 10, 23));
    const [single, bulk] = [await storeWithEntries(2), await storeWithEntries(2)];
    for (const input of inputs) await single.write((tx) => appendAudit(tx, at, input));
    expect(await bulk.write((tx) => appendAuditEntries(tx, at, inputs))).toBe(5);
    const rows = (s: Store) => s.reader.all('SELECT *, typeof(seq) AS t_seq, typeof(amt_id) AS t_amt, typeof(object_uuid) AS t_uuid FROM audit_event ORDER BY seq');
    expect(await rows(bulk)).toEqual(await rows(single));
    expect((await rows(bulk))[3]).toMatchObject({ t_seq: 'integer', t_amt: 'null', t_uuid: 'null' });
    expect(await verifyAuditChain(bulk.reader)).toMatchObject({ ok: true, entries: 5 });
    await single.close();
    await bulk.close();
  });

  it('verifies an untouched chain', async () => {
    const store = await storeWithEntries(5);
    const result = await verifyAuditChain(store.reader);
    expect(result).toMatchObject({ ok: true, entries: 5, brokenAtSeq: null });
    expect(result.headHash).toMatch(/^[0-9a-f]{64}$/);
    await store.close();
  });

  it('refuses updates and deletes through SQL', async () => {
    const store = await storeWithEntries(2);
    await expect(store.write((tx) => tx.run(`UPDATE audit_event SET actor = 'x' WHERE seq = 1`))).rejects.toThrow(/append-only/);
    await expect(store.write((tx) => tx.run('DELETE FROM audit_event WHERE seq = 2'))).rejects.toThrow(/append-only/);
    await store.close();
  });

  it('detects an edited entry even when the attacker drops the protecting trigger', async () => {
    const store = await storeWithEntries(5);
    await raw(store, `DROP TRIGGER audit_event_no_update; UPDATE audit_event SET actor = 'jemand' WHERE seq = 3;`);
    expect(await verifyAuditChain(store.reader)).toMatchObject({ ok: false, brokenAtSeq: 3, entries: 2 });
    await store.close();
  });

  it('detects a deleted entry in the middle and a re-hashed forgery that breaks the link', async () => {
    const store = await storeWithEntries(5);
    await raw(store, `DROP TRIGGER audit_event_no_delete; DELETE FROM audit_event WHERE seq = 2;`);
    expect(await verifyAuditChain(store.reader)).toMatchObject({ ok: false, brokenAtSeq: 2 });
    await store.close();

    const other = await storeWithEntries(3);
    // Recomputing one entry's own hash is not enough: the next entry still points at the old one.
    await raw(other, `DROP TRIGGER audit_event_no_update; UPDATE audit_event SET hash = '${'f'.repeat(64)}' WHERE seq = 2;`);
    expect(await verifyAuditChain(other.reader)).toMatchObject({ ok: false, brokenAtSeq: 2 });
    await other.close();
  });

  it('verifies across batch boundaries', async () => {
    const store = await storeWithEntries(7);
    expect(await verifyAuditChain(store.reader, 3)).toMatchObject({ ok: true, entries: 7 });
    await store.close();
  });
});
