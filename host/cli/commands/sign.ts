import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { AppError } from '../../../contract/app-error';
import type { SigningKey } from '../../../contract/methods/signatures';
import { systemClock } from '../../../core/platform/clock';
import { writeFileAtomically } from '../../../archive/aussonderung/output-files';
import { loadSignConfig } from '../../../archive/sign/app/config';
import { openSigner } from '../../../archive/sign/app/open-signer';
import { signWithConfig } from '../../../archive/sign/app/sign-with-config';
import { openCliSession } from '../app-session';
import type { Command, CommandContext } from '../command';

const usage = (detail: string) => new AppError('cli.usage', { detail }, 'sign: bad arguments');

/** A secret is only ever read from an environment variable, never from the command line (shell history). */
function secretFrom(ctx: CommandContext, option: string): string {
  const name = ctx.options[option] as string | undefined;
  if (!name) throw usage(`--${option} VARIABLE fehlt`);
  const value = process.env[name];
  if (value === undefined) throw usage(`Umgebungsvariable ${name} ist nicht gesetzt`);
  return value;
}

async function keyFrom(ctx: CommandContext): Promise<SigningKey> {
  const p12 = ctx.options.p12 as string | undefined;
  const token = ctx.options.token as string | undefined;
  if (!!p12 === !!token) throw usage('genau eines von --p12 DATEI oder --token KARTE angeben');
  if (p12) {
    const file = await readFile(p12).catch(() => {
      throw usage(`Schlüsseldatei nicht lesbar: ${basename(p12)}`);
    });
    return { kind: 'pkcs12', fileBase64: file.toString('base64'), password: secretFrom(ctx, 'password-env') };
  }
  return { kind: 'pkcs11', tokenLabel: token!, pin: secretFrom(ctx, 'pin-env'), keyLabel: (ctx.options.key as string | undefined) || undefined };
}

function stampPage(ctx: CommandContext): number | undefined {
  if (!ctx.options.visible) return undefined;
  const page = Number(ctx.options.page ?? '1');
  if (!Number.isInteger(page) || page < 1) throw usage('--page muss eine Seitenzahl ab 1 sein');
  return page;
}

/**
 * Signs a PDF file into a new file (the input is never written), or with --version a stored document
 * version into a new version through the API (as --user, audited).
 */
export const signCommand: Command = {
  path: ['sign'],
  summary: 'Signiert eine PDF-Datei (PAdES) mit einer PKCS#12-Datei oder einer Signaturkarte',
  usage:
    'eakte sign <pdf> --out AUSGABE.pdf (--p12 DATEI --password-env VAR | --token KARTE --pin-env VAR [--key NAME]) [--reason TEXT] [--location ORT] [--visible [--page N]]\n' +
    '       eakte sign --version UUID --user NAME (--p12 … | --token …) [--reason TEXT] [--visible [--page N]]',
  options: {
    out: { type: 'string' },
    p12: { type: 'string' },
    'password-env': { type: 'string' },
    token: { type: 'string' },
    'pin-env': { type: 'string' },
    key: { type: 'string' },
    reason: { type: 'string' },
    location: { type: 'string' },
    visible: { type: 'boolean' },
    page: { type: 'string' },
    version: { type: 'string' },
  },
  async run(ctx) {
    const key = await keyFrom(ctx);
    const request = {
      reason: ctx.options.reason as string | undefined,
      location: ctx.options.location as string | undefined,
      stampPage: stampPage(ctx),
    };
    const versionUuid = ctx.options.version as string | undefined;
    if (versionUuid) {
      const session = await openCliSession(ctx.global);
      try {
        const r = await session.call('signatures.sign', { versionUuid, key, ...request });
        const version = r.document.versions.find((v) => v.uuid === r.versionUuid)!;
        return { value: r, text: `Signiert (${r.level}) von ${r.signer.commonName ?? r.signer.subject}: neue Version ${version.versionNo} (${r.versionUuid})` };
      } finally {
        await session.close();
      }
    }

    const file = ctx.positionals[0];
    const out = ctx.options.out as string | undefined;
    if (!file) throw usage('PDF-Datei fehlt');
    if (!out) throw usage('--out DATEI fehlt');
    if (resolve(out) === resolve(file)) throw usage('--out muss eine andere Datei sein; das Original wird nie überschrieben');
    const input = await readFile(file).catch(() => {
      throw usage(`Datei nicht lesbar: ${basename(file)}`);
    });
    const config = loadSignConfig(ctx.global.dataDir, ctx.global.admin?.());
    const signer = await openSigner(key, config);
    try {
      const r = await signWithConfig(new Uint8Array(input), { ...request, signer, clock: systemClock }, config);
      const written = await writeFileAtomically(dirname(resolve(out)), basename(out), r.pdf);
      const value = {
        out: written.path,
        sha256: written.sha256,
        fieldName: r.fieldName,
        level: r.level,
        timestamp: r.timestamp,
        signer: r.certificate.commonName ?? r.certificate.subject,
      };
      const pending = r.timestamp.state === 'pending' ? ' (ohne Zeitstempel: Zeitstempeldienst nicht erreichbar)' : '';
      return { value, text: `Signiert (${r.level}${pending}) von ${value.signer}: ${written.path}` };
    } finally {
      signer.close();
    }
  },
};

/** For a scheduled task or after the network is back: adds the timestamps that offline signing could not get. */
export const signUpgradeTimestampsCommand: Command = {
  path: ['sign', 'upgrade-timestamps'],
  summary: 'Ergänzt die Zeitstempel von Signaturen, die ohne erreichbaren Zeitstempeldienst entstanden sind (je eine neue Version)',
  usage: 'eakte sign upgrade-timestamps --user NAME [--json]',
  options: {},
  async run(ctx) {
    const session = await openCliSession(ctx.global);
    try {
      const r = await session.call('signatures.upgradeTimestamps', {});
      const text = `${r.upgraded} Zeitstempel ergänzt, ${r.pending} ausstehend, ${r.failed} nicht mehr möglich${r.errorCode ? ` (${r.errorCode})` : ''}`;
      return { value: r, text, exitCode: r.errorCode ? 1 : 0 };
    } finally {
      await session.close();
    }
  },
};
