import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMessage, writeValidatedMessage, type OfferMessage } from '../../archive/xdomea/index';
import { xmllintValidate } from '../../archive/xdomea/testing/system-xmllint';
import { createFileBlobStore } from '../../core/store/blobs/blob-store';
import { copyDemoDataDir } from '../helpers/demo-app';
import { tempDir } from '../helpers/temp-dir';

/** The Aussonderung through the `eakte` command line, as a records manager would script it. */

const bin = join(import.meta.dirname, '..', '..', 'bin', 'eakte.mjs');

function eakte(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...process.env, EAKTE_DATA_DIR: dataDir } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const json = async <T>(args: string[], user = 'archiv'): Promise<T> => {
  const r = await eakte([...args, '--user', user, '--json']);
  if (r.code !== 0) throw new Error(`eakte ${args.join(' ')} → ${r.code}: ${r.stderr}${r.stdout}`);
  return JSON.parse(r.stdout) as T;
};

let dataDir: string;
const out = tempDir('eakte-aussonderung-cli-');

beforeAll(async () => {
  ({ path: dataDir } = await copyDemoDataDir());
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  out.remove();
});

describe('eakte aussonderung', () => {
  let prozessId: string;
  let offer: OfferMessage;

  it('offers the free Akten of an Amt and writes a valid 0501 that `xdomea validate` accepts', async () => {
    const expiring = await json<{ uuid: string; amtId: string; legalHold: string | null }[]>(['aussonderung', 'expiring', '--amt', '32']);
    expect(expiring.length).toBeGreaterThan(0);
    const r = await json<{ aussonderung: { prozessId: string; akten: number }; offer: { path: string } }>([
      'aussonderung', 'offer', '--amt', '32', '--out', out.path,
    ]);
    prozessId = r.aussonderung.prozessId;
    expect(r.aussonderung.akten).toBe(expiring.filter((a) => !a.legalHold).length);
    expect(xmllintValidate(readFileSync(r.offer.path, 'utf8')).valid).toBe(true);
    const check = await eakte(['xdomea', 'validate', r.offer.path]);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/^Gültig: xdomea 3\.1\.0, Nachricht 0501/);
    offer = readMessage(readFileSync(r.offer.path)).message as OfferMessage;
  });

  it('imports a 0502, exports a 0503 that validates with its manifest, and lists the process', async () => {
    const appraisal = await writeValidatedMessage({
      type: '0502',
      header: { prozessId, createdAt: '2026-12-01T10:00:00Z', sender: offer.header.recipient, recipient: offer.header.sender },
      receiptRequested: false,
      appraisals: offer.objects.map((o, i) => ({ xdomeaUuid: o.xdomeaUuid, decision: i === 0 ? 'A' : 'V' })),
    });
    const file = join(out.path, `${prozessId}_Aussonderung.Bewertungsverzeichnis.0502.xml`);
    writeFileSync(file, appraisal);
    const imported = await eakte(['aussonderung', 'import', file, '--user', 'archiv']);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/Nachricht 0502 übernommen: \d+ Akten/);

    const exported = await json<{ package: { path: string } }>(['aussonderung', 'export', prozessId, '--out', out.path]);
    const valid = await eakte(['xdomea', 'validate', exported.package.path, '--json']);
    expect(valid.code).toBe(0);
    const report = JSON.parse(valid.stdout) as { type: string; missingFiles: string[]; manifest: { checked: number; mismatched: string[] } };
    expect(report).toMatchObject({ type: '0503', missingFiles: [], manifest: { mismatched: [] } });
    const entries = execFileSync('unzip', ['-Z1', exported.package.path], { encoding: 'utf8' }).trim().split('\n');
    expect(report.manifest.checked).toBe(entries.length - 1);

    const list = await eakte(['aussonderung', 'list', '--user', 'archiv']);
    expect(list.stdout).toContain(prozessId);
    expect(list.stdout).toMatch(/ausgesondert \(0503\)/);
  });

  it('`xdomea validate` reports a tampered package and exits 6', async () => {
    const zip = join(out.path, `${prozessId}_Aussonderung.Aussonderung.0503.zip`);
    const dir = join(out.path, 'tamper');
    execFileSync('unzip', ['-q', zip, '-d', dir]);
    const pdf = readdirSync(dir).find((n) => n.endsWith('.pdf'))!;
    writeFileSync(join(dir, pdf), Buffer.concat([readFileSync(join(dir, pdf)), Buffer.from('\n% nachträglich verändert\n')]));
    const tampered = join(out.path, 'tampered.zip');
    execFileSync('zip', ['-qr', tampered, '.'], { cwd: dir });
    const r = await eakte(['xdomea', 'validate', tampered]);
    expect(r.code).toBe(6);
    expect(r.stdout).toContain(`Prüfsumme falsch oder Datei fehlt: ${pdf}`);
  });

  it('deletes the V Akten with protocol and writes the Löschprotokoll as CSV', async () => {
    const r = await eakte(['aussonderung', 'delete', prozessId, '--user', 'archiv']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+ Akten gelöscht/);
    expect(r.stdout).toMatch(/Nicht gelöscht: .* – Übernahme durch das Archiv noch nicht bestätigt/);
    const csv = join(out.path, 'loeschprotokoll.csv');
    const protocol = await json<{ aktenzeichen: string }[]>(['aussonderung', 'protocol', '--prozess', prozessId, '--csv', csv]);
    expect(protocol.length).toBe(offer.objects.length - 1);
    const text = readFileSync(csv, 'utf8');
    for (const e of protocol) expect(text).toContain(e.aktenzeichen);
  });
});

describe('eakte fixity check', () => {
  it('re-hashes every blob, exits 0 on a whole store and 6 once a file is damaged; export refuses damaged content', async () => {
    const ok = await json<{ blobs: number; ok: number; corrupt: string[] }>(['fixity', 'check'], 'admin');
    expect(ok.ok).toBe(ok.blobs);

    // Damage one stored PDF of an expired Akte of Amt 21 and try to hand it over.
    const offered = await json<{ aussonderung: { prozessId: string; objects: { akteUuid: string }[] }; offer: { path: string } }>([
      'aussonderung', 'offer', '--amt', '21', '--out', out.path,
    ]);
    const akteUuid = offered.aussonderung.objects[0]!.akteUuid;
    const hash = await new Promise<string>((resolve, reject) => {
      const db = new sqlite3.Database(join(dataDir, 'eakte.sqlite'));
      db.get(
        `SELECT dv.blob_hash FROM document_version dv JOIN document d ON d.id = dv.document_id JOIN akte a ON a.id = d.akte_id WHERE a.uuid = ? LIMIT 1`,
        [akteUuid],
        (err, row: { blob_hash: string }) => db.close(() => (err ? reject(err) : resolve(row.blob_hash))),
      );
    });
    const blobPath = createFileBlobStore(join(dataDir, 'blobs')).pathOf(hash);
    const bytes = readFileSync(blobPath);
    const middle = bytes.length >> 1;
    bytes[middle] = bytes[middle]! ^ 0xff;
    writeFileSync(blobPath, bytes);

    const damaged = await eakte(['fixity', 'check', '--user', 'admin', '--json']);
    expect(damaged.code).toBe(6);
    expect(JSON.parse(damaged.stdout)).toMatchObject({ corrupt: [hash], missing: [] });

    const offer = readMessage(readFileSync(offered.offer.path)).message as OfferMessage;
    const appraisal = await writeValidatedMessage({
      type: '0502',
      header: { prozessId: offered.aussonderung.prozessId, createdAt: '2026-12-01T10:00:00Z', sender: offer.header.recipient, recipient: offer.header.sender },
      receiptRequested: false,
      appraisals: offer.objects.map((o) => ({ xdomeaUuid: o.xdomeaUuid, decision: 'A' })),
    });
    const file = join(out.path, 'bewertung-21.xml');
    writeFileSync(file, appraisal);
    expect((await eakte(['aussonderung', 'import', file, '--user', 'archiv'])).code).toBe(0);
    const exportDir = join(out.path, 'export-21');
    execFileSync('mkdir', ['-p', exportDir]);
    const refused = await eakte(['aussonderung', 'export', offered.aussonderung.prozessId, '--out', exportDir, '--user', 'archiv']);
    expect(refused.code).toBe(6);
    expect(refused.stderr).toMatch(/^Fehler: Die Datei zum Inhalt .* ist beschädigt/);
    expect(readdirSync(exportDir)).toEqual([]);

    // A file left without a record (e.g. a crash after a deletion) is reported, not deleted; here in the
    // blob store's older two-level layout, which is still read.
    const oldLayout = join(dataDir, 'blobs', 'sha256', hash.slice(0, 2), hash.slice(2, 4));
    mkdirSync(oldLayout, { recursive: true });
    writeFileSync(join(oldLayout, 'f'.repeat(64)), 'verwaist');
    const again = await eakte(['fixity', 'check', '--user', 'admin', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ corrupt: [hash], unreferenced: ['f'.repeat(64)] });
  });
});
