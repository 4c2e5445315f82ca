import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  readMessage,
  writeValidatedMessage,
  type Appraisal,
  type ImportConfirmationMessage,
  type MessageHeader,
  type OfferMessage,
} from '../../archive/xdomea/index';
import { local, xmllintValidate, xpathTexts } from '../../archive/xdomea/testing/system-xmllint';
import { buildRawZip } from '../../archive/zip/testing/raw-zip';
import type { ArchivReceiptDetail } from '../../contract/methods/archiv';
import { openDemoApp, type DemoApp, type DemoSession } from '../helpers/demo-app';
import { tempDir } from '../helpers/temp-dir';

/**
 * Office and Stadtarchiv as two installations (two copies of the demo data folder): expired Akten → 0501
 * → 0502 (written here as the archive and recorded on the archive side) → 0503 ZIP → received, checked
 * and confirmed by the archive (0507/0506) → imported by the office → deletion with Löschprotokoll; the
 * archive packages the Aussonderung as a BagIt bag checked with sha256sum, and bad packages are refused
 * per object with nothing stored half. Every message passes the system xmllint against the 3.1.0 XSD.
 */

let office: DemoApp;
let archive: DemoApp;
let clerk: DemoSession; // the office's archivist, who runs the Aussonderung
let archivist: DemoSession;
let out: { path: string; remove(): void };

beforeAll(async () => {
  [office, archive] = await Promise.all([openDemoApp(), openDemoApp()]);
  clerk = await office.login('archiv');
  archivist = await archive.login('archiv');
  out = tempDir('eakte-archiv-roundtrip-');
});
afterAll(async () => {
  await office.close();
  await archive.close();
  out.remove();
});

const xmllintOk = (file: string) => {
  const r = xmllintValidate(readFileSync(file, 'utf8'), '3.1.0');
  expect(r.output).toMatch(/validates/);
  expect(r.valid).toBe(true);
};

const failure = async (p: Promise<{ ok: boolean; error?: { code: string; message: string } }>) => {
  const r = await p;
  if (r.ok) throw new Error('expected a failure');
  return r.error!;
};

const allFindings = (d: ArchivReceiptDetail) => [
  ...d.packageFindings,
  ...d.objects.flatMap((o) => [...o.findings, ...o.files.flatMap((f) => f.findings)]),
];

const dir = (name: string) => {
  const path = join(out.path, name);
  mkdirSync(path, { recursive: true });
  return path;
};

const count = async (app: DemoApp, table: string) =>
  (await app.app.store.reader.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))!.n;

describe('Aussonderung from the office to the Stadtarchiv and back', () => {
  let prozessId: string;
  let offer: OfferMessage;
  let zipPath: string;
  let archived: string[];
  let destroyed: string[];
  let received: ArchivReceiptDetail;

  it('office offers expired Akten (0501); the archive appraises them (0502) and records its appraisal', async () => {
    const free = (await clerk.ok('aussonderung.listExpiring', {})).filter((a) => !a.legalHold);
    const amtId = ['21', '30', '32'].sort(
      (x, y) => free.filter((a) => a.amtId === y).length - free.filter((a) => a.amtId === x).length,
    )[0]!;
    const akten = free.filter((a) => a.amtId === amtId);
    expect(akten.length).toBeGreaterThanOrEqual(3);
    const created = await clerk.ok('aussonderung.createOffer', {
      amtId,
      akteUuids: akten.map((a) => a.uuid),
      outDir: out.path,
    });
    prozessId = created.aussonderung.prozessId;
    xmllintOk(created.offer.path);
    offer = readMessage(readFileSync(created.offer.path)).message as OfferMessage;

    // The archive keeps all but the last offered Akte (V).
    const appraisals: Appraisal[] = offer.objects.map((o, i) => ({
      xdomeaUuid: o.xdomeaUuid,
      decision: i === offer.objects.length - 1 ? 'V' : 'A',
    }));
    archived = appraisals.filter((a) => a.decision === 'A').map((a) => a.xdomeaUuid);
    destroyed = appraisals.filter((a) => a.decision === 'V').map((a) => a.xdomeaUuid);
    const header: MessageHeader = {
      prozessId,
      createdAt: '2026-12-01T10:00:00Z',
      sender: offer.header.recipient,
      recipient: offer.header.sender,
    };
    const appraisalFile = join(out.path, `${prozessId}_Aussonderung.Bewertungsverzeichnis.0502.xml`);
    writeFileSync(
      appraisalFile,
      await writeValidatedMessage({ type: '0502', header, receiptRequested: false, appraisals }),
    );
    xmllintOk(appraisalFile);
    expect(
      await archivist.ok('archiv.recordAppraisal', { source: { kind: 'path', path: appraisalFile } }),
    ).toEqual({ prozessId, appraisals: appraisals.length });
    expect(
      (await clerk.ok('aussonderung.importMessage', { source: { kind: 'path', path: appraisalFile } })).state,
    ).toBe('appraised');

    const exported = await clerk.ok('aussonderung.export', { prozessId, outDir: out.path });
    zipPath = exported.package.path;
  });

  it('the archive receives the 0503 ZIP with an object tree and files that check out', async () => {
    received = await archivist.ok('archiv.receive', { source: { kind: 'path', path: zipPath } });
    expect(received).toMatchObject({
      prozessId,
      xdomeaVersion: '3.1.0',
      refused: null,
      appraisalKnown: true,
      confirmation: null,
      submission: null,
    });
    expect(allFindings(received).filter((f) => f.status === 'error')).toEqual([]);
    expect(received.appraisalFindings).toBe(0);
    expect(received.status).not.toBe('error');
    const unpacked = dir('unpacked');
    execFileSync('unzip', ['-q', zipPath, '-d', unpacked]);
    const message = join(unpacked, `${prozessId}_Aussonderung.Aussonderung.0503.xml`);
    const akten = received.objects.filter((o) => o.depth === 0);
    expect(akten.map((o) => o.xdomeaUuid).sort()).toEqual(
      xpathTexts(message, `/*/${local('Schriftgutobjekt', 'Akte', 'Identifikation', 'ID')}`).sort(),
    );
    expect(akten.map((o) => o.xdomeaUuid).sort()).toEqual([...archived].sort());
    // Every primary file: present, the hash sha256sum computes, identified as PDF/A by PRONOM id.
    const files = received.objects.flatMap((o) => o.files);
    expect(files.length).toBe(received.counts.primaerdateien);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      expect(f.present).toBe(true);
      expect(f.sha256).toBe(
        execFileSync('sha256sum', [join(unpacked, f.fileName)], { encoding: 'utf8' }).split(' ')[0],
      );
      expect(f.puid).toMatch(/^fmt\/(95|354|476|477|478)$/);
    }
    expect((await archivist.ok('archiv.list', {})).map((r) => r.receiptId)).toEqual([received.receiptId]);
    expect(await count(archive, 'archiv_receipt_file')).toBe(new Set(files.map((f) => f.fileName)).size);
  });

  it('the archive confirms with 0507 and 0506, and the office imports both and deletes with Löschprotokoll', async () => {
    const answers = dir('answers');
    const r = await archivist.ok('archiv.confirm', { prozessId, outDir: answers });
    expect(r).toMatchObject({ accepted: true, repeated: false });
    expect(r.receipt.path).toBe(
      join(answers, `${prozessId}_Aussonderung.AussonderungEmpfangBestaetigen.0507.xml`),
    );
    xmllintOk(r.receipt.path);
    xmllintOk(r.importConfirmation.path);
    const confirmation = readMessage(readFileSync(r.importConfirmation.path))
      .message as ImportConfirmationMessage;
    expect(confirmation.header).toMatchObject({
      prozessId,
      sender: offer.header.recipient,
      recipient: offer.header.sender,
    });
    expect(confirmation.results.map((x) => [x.xdomeaUuid, x.success]).sort()).toEqual(
      archived.map((u) => [u, true]).sort(),
    );
    // Asking again writes the very same messages.
    const again = await archivist.ok('archiv.confirm', { prozessId, outDir: dir('answers-again') });
    expect(again.repeated).toBe(true);
    expect(readFileSync(again.importConfirmation.path)).toEqual(readFileSync(r.importConfirmation.path));

    expect(
      (await clerk.ok('aussonderung.importMessage', { source: { kind: 'path', path: r.receipt.path } }))
        .state,
    ).toBe('export_received');
    expect(
      (
        await clerk.ok('aussonderung.importMessage', {
          source: { kind: 'path', path: r.importConfirmation.path },
        })
      ).state,
    ).toBe('import_confirmed');
    const deletion = await clerk.ok('aussonderung.delete', { prozessId });
    expect(deletion.kept).toEqual([]);
    expect(
      deletion.deleted
        .filter((e) => e.ground === 'archived')
        .map((e) => e.akteUuid)
        .sort(),
    ).toEqual([...archived].sort());
    expect(deletion.deleted.filter((e) => e.ground === 'destroyed').map((e) => e.akteUuid)).toEqual(
      destroyed,
    );
    expect(await clerk.ok('aussonderung.deletionProtocol', { prozessId })).toHaveLength(
      archived.length + destroyed.length,
    );
    expect((await archivist.ok('archiv.get', { receiptId: received.receiptId })).confirmation).toMatchObject({
      accepted: true,
    });
  });

  it('packages the Aussonderung as a BagIt bag that sha256sum checks file by file; fixity runs find a change', async () => {
    const repository = dir('repository');
    const r = await archivist.ok('archiv.package', { prozessId, outDir: repository });
    const bag = join(repository, prozessId);
    expect(r).toMatchObject({ target: 'dips-kommunal-bagit', path: bag, repeated: false });
    expect(readdirSync(repository)).toEqual([prozessId]); // no half-built folder left beside it
    expect(readFileSync(join(bag, 'bagit.txt'), 'utf8')).toBe(
      'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n',
    );
    for (const manifest of ['manifest-sha256.txt', 'tagmanifest-sha256.txt']) {
      const check = spawnSync('sha256sum', ['--check', '--strict', manifest], { cwd: bag, encoding: 'utf8' });
      expect(check.status, check.stdout + check.stderr).toBe(0);
    }
    const payload = readFileSync(join(bag, 'manifest-sha256.txt'), 'utf8').trim().split('\n');
    expect(payload.length).toBe(r.files);
    expect(
      spawnSync('xmllint', [
        '--noout',
        join(bag, 'data/metadata/mets.xml'),
        join(bag, 'data/metadata/premis.xml'),
      ]).status,
    ).toBe(0);
    for (const href of xpathTexts(
      join(bag, 'data/metadata/mets.xml'),
      '//*[local-name()="FLocat"]/@*[local-name()="href"]',
    ))
      expect(existsSync(join(bag, 'data', href)), href).toBe(true);

    const clean = await archivist.ok('archiv.fixityRun', {});
    expect(clean).toMatchObject({
      packages: 1,
      files: r.files,
      results: [{ prozessId, outcome: 'ok', changes: [] }],
    });
    const pdf = payload.map((l) => l.split('  ')[1]!).find((p) => p.endsWith('.pdf'))!;
    writeFileSync(join(bag, pdf), Buffer.concat([readFileSync(join(bag, pdf)), Buffer.from('%tampered\n')]));
    const changed = await archivist.ok('archiv.fixityRun', {});
    expect(changed.results).toEqual([
      { kind: 'aussonderung', prozessId, path: bag, outcome: 'changed', changes: [{ file: pdf, change: 'changed' }] },
    ]);
    expect((await archivist.ok('archiv.fixityRuns', {})).map((x) => x.runId)).toEqual([
      changed.runId,
      clean.runId,
    ]);
    await expect(archive.app.store.write((tx) => tx.run('DELETE FROM archiv_fixity_result'))).rejects.toThrow(
      /append-only/,
    );
  });

  it('flags the same Aussonderung sent again as already archived', async () => {
    const again = await archivist.ok('archiv.receive', { source: { kind: 'path', path: zipPath } });
    expect(again.status).toBe('error');
    const codes = again.objects.filter((o) => o.depth === 0).map((o) => o.findings.map((f) => f.code));
    expect(codes).toEqual(archived.map(() => ['already_archived']));
    expect(again.objects[0]!.findings[0]!.text).toContain(prozessId);
  });

  describe('bad packages: German findings per object, the 0506 reports them, nothing stored half', () => {
    const variant = (name: string, change: (folder: string) => void): string => {
      const folder = dir(`variant-${name}`);
      execFileSync('unzip', ['-q', zipPath, '-d', folder]);
      change(folder);
      const zip = join(dir(`zip-${name}`), `${prozessId}_Aussonderung.Aussonderung.0503.zip`);
      execFileSync('zip', ['-qj', zip, ...readdirSync(folder).map((n) => join(folder, n))]);
      return zip;
    };
    const firstPdf = (folder: string) => readdirSync(folder).find((n) => n.endsWith('.pdf'))!;

    it('a file changed after the manifest was written', async () => {
      let changedName = '';
      const zip = variant('tampered', (folder) => {
        changedName = firstPdf(folder);
        writeFileSync(
          join(folder, changedName),
          Buffer.concat([readFileSync(join(folder, changedName)), Buffer.from('\n%x\n')]),
        );
      });
      const r = await archivist.ok('archiv.receive', {
        source: { kind: 'bytes', fileName: 'upload.zip', base64: readFileSync(zip).toString('base64') },
      });
      const mismatch = allFindings(r).filter((f) => f.code === 'checksum_mismatch');
      expect(mismatch.map((f) => f.detail)).toEqual([changedName]);
      expect(mismatch[0]!.text).toMatch(/Prüfsumme.*verändert/);
      // The 0506 says no object was taken over, with the reason.
      const answers = await archivist.ok('archiv.confirm', { prozessId, outDir: dir('answers-tampered') });
      expect(answers.accepted).toBe(false);
      xmllintOk(answers.importConfirmation.path);
      const results = (
        readMessage(readFileSync(answers.importConfirmation.path)).message as ImportConfirmationMessage
      ).results;
      expect(results.every((x) => !x.success)).toBe(true);
      expect(results.flatMap((x) => x.errorMessages ?? []).join('\n')).toContain(
        `checksum_mismatch: ${changedName}`,
      );
      expect(
        (await failure(archivist.call('archiv.package', { prozessId, outDir: dir('repo-tampered') }))).code,
      ).toBe('archiv.not_accepted');
      expect(readdirSync(join(out.path, 'repo-tampered'))).toEqual([]);
    });

    it('a missing primary file', async () => {
      let missing = '';
      const zip = variant('missing', (folder) => {
        missing = firstPdf(folder);
        execFileSync('rm', [join(folder, missing)]);
      });
      const r = await archivist.ok('archiv.receive', { source: { kind: 'path', path: zip } });
      const f = allFindings(r).find((x) => x.code === 'file_missing')!;
      expect(f).toMatchObject({ status: 'error', detail: missing });
      expect(f.text).toBe(`Die Primärdatei ${missing} fehlt im Paket.`);
    });

    it('zip slip and XXE are refused before anything is stored', async () => {
      const filesBefore = await count(archive, 'archiv_receipt_file');
      const blobsBefore = await count(archive, 'blob');
      const messageName = `${prozessId}_Aussonderung.Aussonderung.0503.xml`;
      const message = readFileSync(join(out.path, 'unpacked', messageName));
      const slip = join(dir('slip'), `${prozessId}_Aussonderung.Aussonderung.0503.zip`);
      writeFileSync(
        slip,
        buildRawZip([
          { name: messageName, data: message },
          { name: '../evil.txt', data: Buffer.from('x') },
        ]),
      );
      const refused = await archivist.ok('archiv.receive', { source: { kind: 'path', path: slip } });
      expect(refused.refused?.code).toBe('zip.unsafe_entry_name');
      expect(refused.refused?.text).toMatch(/\S/);
      expect(refused.objects).toEqual([]);
      expect(existsSync(join(out.path, 'evil.txt'))).toBe(false);

      const xxe = join(dir('xxe'), `${prozessId}_Aussonderung.Aussonderung.0503.zip`);
      const withEntity = message
        .toString('utf8')
        .replace('?>', '?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>');
      writeFileSync(xxe, buildRawZip([{ name: messageName, data: Buffer.from(withEntity) }]));
      const entity = await archivist.ok('archiv.receive', { source: { kind: 'path', path: xxe } });
      expect(entity.refused?.code).toBe('xdomea.doctype_forbidden');
      expect(entity.packageFindings[0]!.text).toBe(entity.refused!.text);
      // Registered under the ProzessID of its file name: the latest receipt of the process is the refused one.
      expect(entity.prozessId).toBe(prozessId);
      expect((await failure(archivist.call('archiv.confirm', { prozessId }))).code).toBe(
        'archiv.refused_package',
      );

      expect(await count(archive, 'archiv_receipt_file')).toBe(filesBefore);
      expect(await count(archive, 'blob')).toBe(blobsBefore);
      expect(readdirSync(join(archive.dataDir, 'archiv', 'tmp'))).toEqual([]);
    });

    it('only the archiv role may receive', async () => {
      const sb = await archive.login('sb21');
      expect(
        (await failure(sb.call('archiv.receive', { source: { kind: 'path', path: zipPath } }))).code,
      ).toBe('access.denied');
      expect((await failure(sb.call('archiv.list', {}))).code).toBe('access.denied');
    });
  });
});
