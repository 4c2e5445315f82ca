import type { Caller } from '../core/access/caller';
import { fixedClock } from '../core/platform/clock';
import { createIncomingDocument } from '../core/records/documents';
import { resolveCaller } from '../core/records/users';
import { seedDemo } from '../fixtures/demo/seed';
import { caseFactories, letterText, type DemoDocument } from '../fixtures/demo/cases';
import { makePeople } from '../fixtures/demo/people';
import { seededRandom } from '../fixtures/demo/random';
import { createApp, type App } from '../host/create-app';

// Generic administrative filler; the distinctive content of each letter comes from the demo case factories.
const FILLER = [
  'Bitte geben Sie bei Rückfragen stets das oben genannte Zeichen an.',
  'Unsere Sprechzeiten sind montags bis freitags von 8 bis 12 Uhr sowie donnerstags bis 18 Uhr.',
  'Dieses Schreiben wurde maschinell erstellt und ist ohne Unterschrift gültig.',
  'Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Klage erhoben werden.',
  'Die Unterlagen werden nach Ablauf der Aufbewahrungsfrist vernichtet.',
  'Informationen zum Datenschutz finden Sie auf der Internetseite der Stadt.',
  'Für Zahlungen verwenden Sie bitte ausschließlich das angegebene Konto.',
  'Wir weisen darauf hin, dass unvollständige Anträge nicht bearbeitet werden können.',
  'Eine Kopie dieses Schreibens erhält die zuständige Fachabteilung zur Kenntnis.',
  'Bei Fragen wenden Sie sich bitte an das Bürgertelefon der Stadtverwaltung.',
  'Die Frist gilt als gewahrt, wenn das Schreiben rechtzeitig bei uns eingeht.',
  'Anlagen: wie im Text erwähnt.',
];

export interface DocumentImporter {
  app: App;
  /** Files n letters round-robin into the open Vorgänge, or all into `vorgangUuid` (one long list). */
  importDocuments(n: number, batch?: number, vorgangUuid?: string): Promise<void>;
  clerkOf(amtId: '21' | '30' | '32'): Caller;
}

/**
 * A store with the demo Aktenplan and users, and a bulk importer that files generated ~2 KB German
 * letters (from the demo case generator) through the real records path. All documents share one content blob: this measures the
 * database and index, not the file system.
 */
export async function createDocumentImporter(dataDir: string, opts: { seed: boolean } = { seed: true }): Promise<DocumentImporter> {
  const app = await createApp({ dataDir, mode: 'cli', clock: fixedClock('2026-11-23T09:00:00+01:00'), validateOutput: false });
  if (opts.seed) await seedDemo(app.deps);
  const clerks = new Map<string, Caller>();
  for (const amt of ['21', '30', '32'] as const) clerks.set(amt, await resolveCaller(app.store.reader, `sb${amt}`));
  const vorgaenge = await app.store.reader.all<{ uuid: string; amt_id: string }>(
    `SELECT v.uuid, a.amt_id FROM vorgang v JOIN akte a ON a.id = v.akte_id WHERE a.status = 'open'`,
  );
  const blob = await app.store.blobs.put(Buffer.from('%PDF-1.7\n% Inhalt für den Massenimport\n%%EOF\n'));
  const rnd = seededRandom(7);
  const people = makePeople(rnd);
  const pool: DemoDocument[] = [];

  /** About 2 KB: one real demo letter (varied persons, references, amounts) plus generic filler. */
  const letter = (): { doc: DemoDocument; text: string } => {
    if (pool.length === 0) {
      const { factory } = rnd.pick(caseFactories);
      pool.push(...factory(rnd, people, `20${rnd.int(10, 26)}-0${rnd.int(1, 9)}-1${rnd.int(0, 9)}`).vorgaenge.flatMap((v) => v.documents));
    }
    const doc = pool.pop()!;
    const parts = [letterText(doc)];
    while (parts.join(' ').length < 2000) parts.push(rnd.pick(FILLER));
    return { doc, text: parts.join('\n') };
  };

  return {
    app,
    clerkOf: (amt) => clerks.get(amt)!,
    async importDocuments(n, batch = 2000, vorgangUuid) {
      const targets = vorgangUuid ? vorgaenge.filter((v) => v.uuid === vorgangUuid) : vorgaenge;
      for (let done = 0; done < n; done += batch) {
        await app.store.write(async (tx) => {
          for (let i = done; i < Math.min(n, done + batch); i++) {
            const v = targets[i % targets.length]!;
            const { doc, text } = letter();
            await createIncomingDocument(tx, { ...app.deps, caller: clerks.get(v.amt_id)! }, {
              posteingang: { channel: 'papier', sender: doc.sender, receivedAt: `${doc.date}T08:00:00+01:00` },
              title: doc.title,
              docType: doc.docType,
              documentDate: doc.date,
              amtId: v.amt_id,
              file: { blob, fileName: `schreiben-${i}.pdf`, mimeType: 'application/pdf' },
              text,
              vorgangUuid: v.uuid,
            });
          }
        });
      }
    },
  };
}
