import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deletionProtocolCsv } from '../../archive/aussonderung/index';
import { preflightPdfA } from '../../archive/pdfa/index';
import {
  readMessage,
  writeValidatedMessage,
  type Appraisal,
  type ArchivalHint,
  type MessageHeader,
  type OfferMessage,
} from '../../archive/xdomea/index';
import { example, local, xmllintValidate, xpathCount, xpathTexts } from '../../archive/xdomea/testing/system-xmllint';
import { openDemoApp, type DemoApp, type DemoSession } from '../helpers/demo-app';
import { tempDir } from '../helpers/temp-dir';

/**
 * The office side of an Aussonderung on the demo data, end to end: expired files → 0501 → 0502 (written
 * here acting as the archive) → 0503 ZIP (unpacked with unzip, checked with sha256sum, qpdf and the PDF/A
 * preflight) → 0507/0506 → deletion with Löschprotokoll. Every message is checked with the system xmllint
 * against the official XSD.
 */

const TODAY_YEAR = 2026;
let demo: DemoApp;
let archiv: DemoSession;
let out: { path: string; remove(): void };

beforeAll(async () => {
  demo = await openDemoApp();
  archiv = await demo.login('archiv');
  out = tempDir('eakte-aussonderung-');
});
afterAll(async () => {
  await demo.close();
  out.remove();
});

const failure = async (p: Promise<{ ok: boolean; error?: { code: string; message: string } }>) => {
  const r = await p;
  if (r.ok) throw new Error('expected a failure');
  return r.error!;
};

const archiveHeader = (sent: MessageHeader, createdAt: string): MessageHeader => ({
  prozessId: sent.prozessId,
  createdAt,
  sender: sent.recipient,
  recipient: sent.sender,
});

function writeFileIn(dir: string, name: string, xml: string): string {
  const path = join(dir, name);
  writeFileSync(path, xml);
  return path;
}

const xmllintOk = (path: string) => {
  const r = xmllintValidate(readFileSync(path, 'utf8'), '3.1.0');
  expect(r.output).toMatch(/validates/);
  expect(r.valid).toBe(true);
};

describe('retention', () => {
  it('lists exactly the closed Akten whose retention has expired, with hint and legal hold', async () => {
    const expiring = await archiv.ok('aussonderung.listExpiring', {});
    // Independent expectation from the plain records API: zdA year + retention years + 1 <= today's year.
    const plan = new Map((await archiv.ok('aktenplan.tree', {})).map((e) => [e.number, e]));
    const closed = (await archiv.ok('akten.list', { status: 'zda', limit: 500 })).items;
    const expected = closed.filter((a) => {
      const years = plan.get(a.aktenplanNumber)?.retentionYears;
      return years != null && Number(a.zdaAt!.slice(0, 4)) + years + 1 <= TODAY_YEAR;
    });
    expect(expiring.map((a) => a.uuid).sort()).toEqual(expected.map((a) => a.uuid).sort());
    expect(expiring.length).toBeGreaterThan(3);
    for (const a of expiring) expect(a.archivalHint).toBe(plan.get(a.aktenplanNumber)!.archivalHint);
    expect(expiring.filter((a) => a.legalHold)).toEqual([]); // the demo's held Akte has 30 years to go

    // A legal hold (set by the Rechtsamt; there is no API for it yet) is shown and blocks the offer.
    const target = expiring.at(-1)!;
    await demo.app.store.write((tx) => tx.run('UPDATE akte SET legal_hold = ? WHERE uuid = ?', ['Auskunftsersuchen Landgericht', target.uuid]));
    const held = (await archiv.ok('aussonderung.listExpiring', { amtId: target.amtId })).filter((a) => a.legalHold);
    expect(held.map((a) => [a.uuid, a.legalHold])).toEqual([[target.uuid, 'Auskunftsersuchen Landgericht']]);
    const refused = await failure(archiv.call('aussonderung.createOffer', { amtId: target.amtId, akteUuids: [target.uuid], outDir: out.path }));
    expect(refused.code).toBe('aussonderung.legal_hold');
    expect(refused.message).toMatch(/Aufbewahrungssperre/);
    expect(await archiv.ok('aussonderung.list', {})).toEqual([]);
  });

  it('refuses files whose retention has not expired, and clerks', async () => {
    const open = (await archiv.ok('akten.list', { status: 'zda', limit: 500 })).items.find(
      (a) => Number(a.zdaAt!.slice(0, 4)) >= TODAY_YEAR - 5,
    )!;
    const refused = await failure(archiv.call('aussonderung.createOffer', { amtId: open.amtId, akteUuids: [open.uuid] }));
    expect(refused.code).toBe('aussonderung.not_expired');
    const clerk = await demo.login('sb21');
    expect((await failure(clerk.call('aussonderung.listExpiring', {}))).code).toBe('access.denied');
  });
});

describe('Aussonderung round trip', () => {
  let prozessId: string;
  let offered: { uuid: string; aktenzeichen: string }[];
  let offer: OfferMessage;
  const decisionOf = new Map<string, ArchivalHint>();

  it('writes the 0501 offer with the identities chosen at creation', async () => {
    const expiring = await archiv.ok('aussonderung.listExpiring', {});
    const free = expiring.filter((a) => !a.legalHold);
    const amtId = ['21', '30', '32'].sort((x, y) => free.filter((a) => a.amtId === y).length - free.filter((a) => a.amtId === x).length)[0]!;
    const akten = free.filter((a) => a.amtId === amtId);
    expect(akten.length).toBeGreaterThanOrEqual(3);
    const created = await archiv.ok('aussonderung.createOffer', { amtId, akteUuids: akten.map((a) => a.uuid), outDir: out.path });
    prozessId = created.aussonderung.prozessId;
    offered = akten;
    expect(created.offer.path).toBe(join(out.path, `${prozessId}_Aussonderung.Anbieteverzeichnis.0501.xml`));
    xmllintOk(created.offer.path);
    expect(xpathTexts(created.offer.path, `/*/${local('Kopf', 'ProzessID')}`)).toEqual([prozessId]);
    expect(xpathTexts(created.offer.path, `//${local('Schriftgutobjekt', 'Akte', 'Identifikation', 'ID')}`).sort()).toEqual(
      akten.map((a) => a.uuid).sort(),
    );
    expect(created.aussonderung.state).toBe('offered');
    // Offered Akten cannot be offered twice.
    const again = await failure(archiv.call('aussonderung.createOffer', { amtId, akteUuids: [akten[0]!.uuid] }));
    expect(again.code).toBe('aussonderung.already_offered');

    // A retry writes the same file: same ProzessID, same Erstellungszeitpunkt.
    const retryDir = tempDir();
    const retry = await archiv.ok('aussonderung.writeMessage', { prozessId, type: '0501', outDir: retryDir.path });
    expect(readFileSync(retry.path)).toEqual(readFileSync(created.offer.path));
    retryDir.remove();
    offer = readMessage(readFileSync(created.offer.path)).message as OfferMessage;

    // The archive confirms receipt of the offer (0504).
    const receipt = await writeValidatedMessage({ type: '0504', header: archiveHeader(offer.header, '2026-11-24T08:00:00Z') });
    const receiptFile = writeFileIn(out.path, `${prozessId}_Aussonderung.AnbietungEmpfangBestaetigen.0504.xml`, receipt);
    xmllintOk(receiptFile);
    expect((await archiv.ok('aussonderung.importMessage', { source: { kind: 'path', path: receiptFile } })).state).toBe('offer_received');
  });

  it('takes over the archive’s 0502 appraisal and confirms it with a 0505', async () => {
    // Acting as the archive: A, B, V for the first three, then alternating A and V.
    const plan: ArchivalHint[] = ['A', 'B', 'V'];
    const appraisals: Appraisal[] = offer.objects.map((o, i) => ({ xdomeaUuid: o.xdomeaUuid, decision: plan[i] ?? (i % 2 ? 'V' : 'A') }));
    for (const a of appraisals) decisionOf.set(a.xdomeaUuid, a.decision as ArchivalHint);
    const xml = await writeValidatedMessage({
      type: '0502',
      header: archiveHeader(offer.header, '2026-12-01T10:00:00Z'),
      receiptRequested: true,
      appraisals,
    });
    const file = writeFileIn(out.path, `${prozessId}_Aussonderung.Bewertungsverzeichnis.0502.xml`, xml);
    xmllintOk(file);
    const r = await archiv.ok('aussonderung.importMessage', { source: { kind: 'path', path: file }, receiptDir: out.path });
    expect(r).toMatchObject({ type: '0502', applied: offered.length, state: 'appraised', repeated: false, unanswered: [] });
    xmllintOk(r.receipt!.path);
    expect(r.receipt!.path.endsWith('_Aussonderung.BewertungEmpfangBestaetigen.0505.xml')).toBe(true);
    const detail = await archiv.ok('aussonderung.get', { prozessId });
    for (const o of detail.objects) expect(o.decision).toBe(decisionOf.get(o.akteUuid));
    // The same message again changes nothing.
    const repeated = await archiv.ok('aussonderung.importMessage', { source: { kind: 'path', path: file } });
    expect(repeated.repeated).toBe(true);
  });

  it('writes the 0503 package: unzip, sha256sum -c, qpdf --check and the PDF/A preflight all pass', async () => {
    const bAkte = offered.find((a) => decisionOf.get(a.uuid) === 'B')!;
    await archiv.ok('aussonderung.selectSample', { prozessId, akteUuids: [bAkte.uuid] });
    const r = await archiv.ok('aussonderung.export', { prozessId, outDir: out.path });
    expect(r.package.path).toBe(join(out.path, `${prozessId}_Aussonderung.Aussonderung.0503.zip`));
    expect(spawnSync('unzip', ['-tq', r.package.path]).status).toBe(0);
    const dir = join(out.path, 'unpacked');
    execFileSync('unzip', ['-q', r.package.path, '-d', dir]);
    const names = readdirSync(dir).sort();
    const messageName = `${prozessId}_Aussonderung.Aussonderung.0503.xml`;
    const manifestName = `${prozessId}_Aussonderung.Aussonderung.0503.sha256`;
    expect(names).toContain(messageName);
    expect(names).toContain(manifestName);

    // Every entry but the manifest is in the manifest, and every checksum holds.
    const check = spawnSync('sha256sum', ['--check', '--strict', manifestName], { cwd: dir, encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    expect(check.stdout.trim().split('\n').sort()).toEqual(names.filter((n) => n !== manifestName).map((n) => `${n}: OK`).sort());

    const message = join(dir, messageName);
    xmllintOk(message);
    const handed = offered.filter((a) => decisionOf.get(a.uuid) === 'A' || a.uuid === bAkte.uuid);
    expect(xpathTexts(message, `/*/${local('Schriftgutobjekt', 'Akte', 'Identifikation', 'ID')}`).sort()).toEqual(handed.map((a) => a.uuid).sort());
    const primary = xpathTexts(message, `//${local('Primaerdokument', 'Dateiname')}`);
    expect(primary.sort()).toEqual(names.filter((n) => n !== messageName && n !== manifestName).sort());
    expect(xpathCount(message, `//${local('Dokument')}`)).toBe(r.files.length);
    // Metadata the archive needs: Aktenzeichen, Aktenplan, retention, Laufzeit, persons.
    expect(xpathCount(message, `/*/${local('Schriftgutobjekt', 'Akte', 'AllgemeineMetadaten', 'Kennzeichen')}`)).toBe(handed.length);
    expect(xpathCount(message, `/*/${local('Schriftgutobjekt', 'Akte', 'ArchivspezifischeMetadaten', 'Aufbewahrungsdauer', 'AnzahlJahre')}`)).toBe(handed.length);
    expect(xpathCount(message, `/*/${local('Schriftgutobjekt', 'Akte', 'Laufzeit', 'Beginn')}`)).toBe(handed.length);

    for (const name of primary) {
      const pdf = join(dir, name);
      expect(name).toMatch(/^[0-9a-f-]{36}\.pdf$/);
      const qpdf = spawnSync('qpdf', ['--check', pdf], { encoding: 'utf8' });
      expect(qpdf.status).toBe(0);
      expect(preflightPdfA(readFileSync(pdf)).conforming).toBe(true);
    }
    // The demo letters are plain PDFs: every one was converted, none was sent silently as it was.
    expect(r.files.every((f) => f.outcome === 'converted' && f.reason)).toBe(true);
    expect(new Set(r.files.map((f) => f.fileName))).toEqual(new Set(primary));
    expect(xpathTexts(message, `//${local('Format', 'Name', 'code')}`).every((c) => c === '044')).toBe(true);

    // Exporting again gives the same package.
    const again = tempDir();
    const second = await archiv.ok('aussonderung.export', { prozessId, outDir: again.path });
    expect(second.package.sha256).toBe(r.package.sha256);
    again.remove();
  });

  it('refuses to delete handed-over files before the archive confirmed their import, and held files', async () => {
    const vAkten = offered.filter((a) => decisionOf.get(a.uuid) === 'V');
    const held = vAkten[0]!;
    await demo.app.store.write((tx) => tx.run('UPDATE akte SET legal_hold = ? WHERE uuid = ?', ['Presseanfrage', held.uuid]));
    const r = await archiv.ok('aussonderung.delete', { prozessId });
    expect(r.kept.find((k) => k.akteUuid === held.uuid)?.reason).toMatch(/Aufbewahrungssperre/);
    expect((await archiv.ok('akten.get', { uuid: held.uuid })).legalHold).toBe('Presseanfrage');
    const handedA = offered.filter((a) => decisionOf.get(a.uuid) === 'A');
    for (const a of handedA) {
      expect(r.kept.find((k) => k.akteUuid === a.uuid)?.reason).toMatch(/nicht bestätigt/);
      expect((await archiv.ok('akten.get', { uuid: a.uuid })).uuid).toBe(a.uuid);
    }
    // V and the B Akten not chosen could go already.
    expect(r.deleted.every((e) => e.ground === 'destroyed')).toBe(true);
    expect(r.deleted.length).toBe(vAkten.length - 1);
  });

  it('records 0507 and 0506, then deletes with Löschprotokoll; a failed import keeps its Akte', async () => {
    const sentXml = readFileSync(join(out.path, 'unpacked', `${prozessId}_Aussonderung.Aussonderung.0503.xml`));
    const sent = readMessage(sentXml).message as OfferMessage;
    const receipt = await writeValidatedMessage({ type: '0507', header: archiveHeader(sent.header, '2026-12-03T08:00:00Z') });
    const receiptFile = writeFileIn(out.path, `${prozessId}_Aussonderung.AussonderungEmpfangBestaetigen.0507.xml`, receipt);
    xmllintOk(receiptFile);
    // This one arrives as an xdomea container (ZIP named like the message), as DiPS sends them.
    const container = join(out.path, `${prozessId}_Aussonderung.AussonderungEmpfangBestaetigen.0507.zip`);
    execFileSync('zip', ['-qj', container, receiptFile]);
    expect((await archiv.ok('aussonderung.importMessage', { source: { kind: 'path', path: container } })).state).toBe('export_received');

    const [failed, ...imported] = sent.objects;
    const confirmation = await writeValidatedMessage({
      type: '0506',
      header: archiveHeader(sent.header, '2026-12-10T14:30:00Z'),
      results: [
        { xdomeaUuid: failed!.xdomeaUuid, success: false, errorMessages: ['Formatvalidierung fehlgeschlagen'] },
        ...imported.map((o, i) => ({ xdomeaUuid: o.xdomeaUuid, success: true, archiveId: `StA Best. 1 Nr. ${i + 1}` })),
      ],
    });
    const confirmationFile = writeFileIn(out.path, `${prozessId}_Aussonderung.AussonderungImportBestaetigen.0506.xml`, confirmation);
    xmllintOk(confirmationFile);
    // Uploaded bytes work like a path (the browser UI sends the file this way).
    const r = await archiv.ok('aussonderung.importMessage', {
      source: { kind: 'bytes', fileName: 'antwort.xml', base64: Buffer.from(confirmation).toString('base64') },
    });
    expect(r).toMatchObject({ type: '0506', applied: imported.length, failed: 1, state: 'import_confirmed' });

    const blobsBefore = await demo.app.store.reader.all<{ hash: string }>(
      `SELECT dv.blob_hash AS hash FROM document_version dv JOIN document d ON d.id = dv.document_id JOIN akte a ON a.id = d.akte_id
       WHERE a.uuid IN (${imported.map(() => '?').join(',')})`,
      imported.map((o) => o.xdomeaUuid),
    );
    const deletion = await archiv.ok('aussonderung.delete', { prozessId });
    expect(deletion.deleted.map((e) => e.akteUuid).sort()).toEqual(imported.map((o) => o.xdomeaUuid).sort());
    expect(deletion.kept).toHaveLength(2);
    expect(deletion.kept).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ reason: expect.stringMatching(/Aufbewahrungssperre/) }),
        expect.objectContaining({ akteUuid: failed!.xdomeaUuid, reason: expect.stringMatching(/fehlgeschlagen/) }),
      ]),
    );
    for (const e of deletion.deleted) {
      expect(e).toMatchObject({ ground: 'archived', deletedBy: 'archiv', prozessId, appraisalAt: expect.any(String) });
      expect(e.archiveId).toMatch(/^StA Best\. 1 Nr\./);
      expect((await failure(archiv.call('akten.get', { uuid: e.akteUuid }))).code).toBe('records.not_found');
    }
    // Records and their blobs are gone; the audit trail of the deleted Akten stays and the chain holds.
    for (const { hash } of blobsBefore) {
      expect(await demo.app.store.reader.get('SELECT 1 FROM blob WHERE hash = ?', [hash])).toBeUndefined();
      expect(existsSync(demo.app.store.blobs.pathOf(hash))).toBe(false);
    }
    const trail = await demo.app.store.reader.all<{ action: string }>('SELECT action FROM audit_event WHERE object_uuid = ? ORDER BY seq', [
      imported[0]!.xdomeaUuid,
    ]);
    expect(trail.map((t) => t.action)).toEqual(expect.arrayContaining(['akte.create', 'akte.offer', 'akte.handover', 'akte.aussondern']));
    const admin = await demo.login('admin');
    expect(await admin.ok('audit.verify', {})).toMatchObject({ ok: true });

    // The Löschprotokoll is kept, append-only and exportable.
    const protocol = await archiv.ok('aussonderung.deletionProtocol', { prozessId });
    expect(protocol).toHaveLength(offered.length - 2); // all but the held and the failed Akte
    await expect(demo.app.store.write((tx) => tx.run('DELETE FROM loeschprotokoll'))).rejects.toThrow(/append-only/);
    const csv = deletionProtocolCsv(protocol);
    for (const e of protocol) expect(csv).toContain(e.aktenzeichen);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(protocol.length + 1);

    // The store is whole: every remaining blob re-hashes to its name, nothing is left over.
    const fixity = await admin.ok('fixity.check', {});
    expect(fixity).toMatchObject({ missing: [], corrupt: [], unreferenced: [] });
    expect(fixity.ok).toBe(fixity.blobs);
    const row = (await archiv.ok('aussonderung.list', {})).find((a) => a.prozessId === prozessId)!;
    expect(row).toMatchObject({ state: 'import_confirmed', deleted: offered.length - 2 });
  });
});

describe('answers that do not fit are refused, nothing changes, the refusal is recorded', () => {
  let prozessId: string;
  let akteUuid: string;
  let valid0502: string;
  const thueringen = readFileSync(example('thueringen-toolkit-v3.0.0/xx_Aussonderung.Bewertungsverzeichnis.0502.xml'), 'utf8');
  const EXAMPLE_PROZESS = '242f44e8-bebf-4503-a086-db252c6a4277';
  const EXAMPLE_OBJECT = 'cbdbfccc-72e5-44b2-9e71-937e6f4f8ce9';

  beforeAll(async () => {
    const free = (await archiv.ok('aussonderung.listExpiring', {})).filter((a) => !a.legalHold && !a.prozessId);
    const akte = free[0]!;
    const created = await archiv.ok('aussonderung.createOffer', { amtId: akte.amtId, akteUuids: [akte.uuid], outDir: out.path });
    prozessId = created.aussonderung.prozessId;
    akteUuid = akte.uuid;
    const offer = readMessage(readFileSync(created.offer.path)).message as OfferMessage;
    valid0502 = await writeValidatedMessage({
      type: '0502',
      header: archiveHeader(offer.header, '2026-12-01T10:00:00Z'),
      receiptRequested: false,
      appraisals: [{ xdomeaUuid: akteUuid, decision: 'V' }],
    });
  });

  const importBytes = (xml: string) =>
    archiv.call('aussonderung.importMessage', { source: { kind: 'bytes', fileName: 'x.xml', base64: Buffer.from(xml).toString('base64') } });

  async function expectRefused(xml: string, code: string) {
    const auditBefore = await demo.app.store.reader.get<{ n: number }>(`SELECT count(*) AS n FROM audit_event WHERE action = 'aussonderung.import_refused'`);
    const error = await failure(importBytes(xml));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/[a-zäöü]/);
    const detail = await archiv.ok('aussonderung.get', { prozessId });
    expect(detail.state).toBe('offered');
    expect(detail.objects.map((o) => o.decision)).toEqual([null]);
    expect(detail.messages.map((m) => m.type)).toEqual(['0501']);
    const refusals = await demo.app.store.reader.all<{ details: string }>(
      `SELECT details FROM audit_event WHERE action = 'aussonderung.import_refused' ORDER BY seq`,
    );
    expect(refusals.length).toBe(auditBefore!.n + 1);
    expect(JSON.parse(refusals.at(-1)!.details)).toMatchObject({ code });
  }

  it('refuses the Thüringen example as it is: its ProzessID is not ours', async () => {
    await expectRefused(thueringen, 'aussonderung.unknown_prozess');
  });

  it('refuses UUIDs that were not offered', async () => {
    await expectRefused(thueringen.replace(EXAMPLE_PROZESS, prozessId), 'aussonderung.unknown_objects');
  });

  it('refuses schema-invalid messages and DOCTYPE/ENTITY declarations', async () => {
    await expectRefused(valid0502.replace(/<xdomea:Erstellungszeitpunkt>[^<]*<\/xdomea:Erstellungszeitpunkt>/, ''), 'xdomea.schema_invalid');
    await expectRefused(valid0502.replace('?>', '?>\n<!DOCTYPE x [<!ENTITY e "boom">]>'), 'xdomea.doctype_forbidden');
  });

  it('refuses a 0506 before anything was handed over', async () => {
    const confirmation = valid0502
      .replace(/Bewertungsverzeichnis\.0502/g, 'AussonderungImportBestaetigen.0506')
      .replace(/<code>0502<\/code>/, '<code>0506</code>')
      .replace(/<xdomea:Empfangsbestaetigung>[^<]*<\/xdomea:Empfangsbestaetigung>/, '')
      .replace(/<xdomea:BewertetesObjekt>[\s\S]*<\/xdomea:BewertetesObjekt>/, `<xdomea:AusgesondertesSGO><xdomea:IDSGO>${akteUuid}</xdomea:IDSGO><xdomea:Erfolgreich>true</xdomea:Erfolgreich></xdomea:AusgesondertesSGO>`);
    expect(xmllintValidate(confirmation).valid).toBe(true);
    await expectRefused(confirmation, 'aussonderung.wrong_state');
  });

  it('reads the real Thüringen 0502 and applies its decision where the UUID matches', async () => {
    const ours = thueringen.replace(EXAMPLE_PROZESS, prozessId).replace(EXAMPLE_OBJECT, akteUuid);
    const r = await archiv.ok('aussonderung.importMessage', {
      source: { kind: 'bytes', fileName: 'xx_Aussonderung.Bewertungsverzeichnis.0502.xml', base64: Buffer.from(ours).toString('base64') },
    });
    expect(r).toMatchObject({ type: '0502', applied: 1, state: 'appraised' });
    const detail = await archiv.ok('aussonderung.get', { prozessId });
    expect(detail.objects[0]!.decision).toBe('A');
    // A different 0502 for the same process is refused: xdomea 3 has one message per type.
    expect((await failure(importBytes(valid0502))).code).toBe('aussonderung.message_conflict');
  });
});
