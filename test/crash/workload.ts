/**
 * Child process for the kill test: keeps changing the store and prints `accepted <uuid>` only after a
 * change has committed. Whatever it printed must survive a kill -9 at any moment.
 */
import { noAdminSettings } from '../../core/platform/admin-settings';
import { systemClock } from '../../core/platform/clock';
import { createEventBus } from '../../core/platform/event-bus';
import { randomIds } from '../../core/platform/ids';
import { silentLogger } from '../../core/platform/logger';
import { createIncomingDocument } from '../../core/records/documents';
import { resolveCaller } from '../../core/records/users';
import { openStore } from '../../core/store/store';

// Only the core: the child must start fast, it is started and killed many times.
const [dataDir, seedArg] = process.argv.slice(2);
const store = await openStore({ dataDir: dataDir!, logger: silentLogger, now: new Date() });
const app = { store, deps: { store, clock: systemClock, ids: randomIds, logger: silentLogger, events: createEventBus(), admin: noAdminSettings } };
const caller = await resolveCaller(app.store.reader, 'sb21');
const vorgang = await app.store.reader.get<{ uuid: string }>(
  `SELECT v.uuid FROM vorgang v JOIN akte a ON a.id = v.akte_id WHERE a.amt_id = '21' AND a.status = 'open' LIMIT 1`,
);
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  // Content differs per document and is large enough that a kill often lands inside a blob write.
  const bytes = Buffer.alloc(256 * 1024 + i, `${seedArg}-${i}`);
  const blob = await app.store.blobs.put(bytes);
  const { uuid } = await app.store.write((tx) =>
    createIncomingDocument(tx, { ...app.deps, caller }, {
      posteingang: { channel: 'papier', sender: 'Absturztest', receivedAt: new Date().toISOString() },
      title: `Absturztest ${seedArg}-${i}`,
      amtId: '21',
      file: { blob, fileName: `test-${i}.pdf`, mimeType: 'application/pdf' },
      text: `Absturztest Dokument ${i}`,
      vorgangUuid: i % 2 === 0 ? vorgang!.uuid : undefined,
    }),
  );
  process.stdout.write(`accepted ${uuid} ${blob.hash}\n`);
}
