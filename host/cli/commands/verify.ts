import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { AppError } from '../../../contract/app-error';
import { SIGNATURE_STATUS_DE, type SignatureCheck } from '../../../contract/methods/signatures';
import { systemClock } from '../../../core/platform/clock';
import { loadSignConfig, maxPdfBytes, readTrustAnchors } from '../../../archive/sign/app/config';
import { signatureCheck } from '../../../archive/sign/app/report';
import { verifyPdf } from '../../../archive/sign/verify-pdf';
import type { Command } from '../command';

const describe = (s: SignatureCheck, i: number) =>
  [
    `Signatur ${i + 1} (${s.fieldName ?? 'ohne Feld'}): ${SIGNATURE_STATUS_DE[s.status].toUpperCase()} – ${s.signer?.commonName ?? s.name ?? 'unbekannt'}${s.level ? `, ${s.level}` : ''}`,
    ...s.findings.map((f) => `  ${f.severity === 'info' ? 'Hinweis' : f.severity === 'warning' ? 'Warnung' : 'Fehler'}: ${f.text}`),
  ].join('\n');

/**
 * Checks every signature of a PDF file (own or incoming) against the trust store of sign.json and any
 * --trust files. A local file check: it reads no records. Exit code 0 only when every signature is valid.
 */
export const verifyCommand: Command = {
  path: ['verify'],
  summary: 'Prüft die Signaturen einer PDF-Datei (Integrität, Zertifikat, Vertrauenskette, Zeitstempel, spätere Änderungen)',
  usage: 'eakte verify <pdf> [--trust ZERTIFIKAT.pem …] [--json]',
  options: { trust: { type: 'string', multiple: true } },
  async run(ctx) {
    const file = ctx.positionals[0];
    if (!file) throw new AppError('cli.usage', { detail: 'PDF-Datei fehlt' }, 'verify without file');
    const pdf = await readFile(file).catch(() => {
      throw new AppError('cli.usage', { detail: `Datei nicht lesbar: ${basename(file)}` }, 'verify: file not readable');
    });
    const config = loadSignConfig(ctx.global.dataDir, ctx.global.admin?.());
    // --trust files are relative to the current folder, sign.json's to the data folder.
    const extra = ((ctx.options.trust as string[] | undefined) ?? []).map((t) => resolve(t));
    const anchors = readTrustAnchors({ ...config, trustStore: [...config.trustStore, ...extra] });
    const report = await verifyPdf(new Uint8Array(pdf), { trustAnchors: anchors, clock: systemClock, maxBytes: maxPdfBytes(config) });
    const signatures = report.signatures.map(signatureCheck);
    const allValid = signatures.length > 0 && signatures.every((s) => s.status === 'valid');
    const text = signatures.length ? signatures.map(describe).join('\n') : 'Die Datei enthält keine Signatur.';
    return { value: { file: basename(file), valid: allValid, signatures }, text, exitCode: allValid ? 0 : 6 };
  },
};
