/** Runs poppler's pdfsig (NSS inside) on a file and reads its report; an independent verifier. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface PdfsigSignature {
  readonly fieldName: string | null;
  readonly commonName: string | null;
  readonly signatureValidation: string | null;
  readonly certificateValidation: string | null;
  readonly totalDocumentSigned: boolean;
  readonly subFilter: string | null;
}

/** An NSS certificate database trusting the given CA, for `pdfsig -nssdir`. */
export function createNssDb(dir: string, caCert: string): string {
  const db = join(dir, 'nssdb');
  mkdirSync(db, { recursive: true });
  execFileSync('certutil', ['-N', '-d', `sql:${db}`, '--empty-password']);
  execFileSync('certutil', ['-A', '-d', `sql:${db}`, '-n', 'test-ca', '-t', 'CT,C,C', '-a', '-i', caCert]);
  return `sql:${db}`;
}

export function pdfsig(file: string, nssDir?: string): PdfsigSignature[] {
  const args = [...(nssDir ? ['-nssdir', nssDir] : []), file];
  const out = spawnSync('pdfsig', args, { encoding: 'utf8' });
  const blocks = out.stdout.split(/^Signature #\d+:$/m).slice(1);
  const field = (block: string, label: string) => new RegExp(`- ${label}: (.*)$`, 'm').exec(block)?.[1]?.trim() ?? null;
  return blocks.map((b) => ({
    fieldName: field(b, 'Signature Field Name'),
    commonName: field(b, 'Signer Certificate Common Name'),
    signatureValidation: field(b, 'Signature Validation'),
    certificateValidation: field(b, 'Certificate Validation'),
    totalDocumentSigned: /- Total document signed/.test(b),
    subFilter: field(b, 'Signature Type'),
  }));
}
