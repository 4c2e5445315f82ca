import type { Command } from '../command';
import { openCliSession } from '../app-session';

export const auditVerifyCommand: Command = {
  path: ['audit', 'verify'],
  summary: 'Prüft die Hash-Kette des Protokolls (Revisionssicherheit)',
  usage: 'eakte audit verify [--json]',
  options: {},
  async run(ctx) {
    const session = await openCliSession(ctx.global);
    try {
      const result = await session.call('audit.verify', {});
      const text = result.ok
        ? `Protokoll unverändert: ${result.entries} Einträge, letzter Hash ${result.headHash ?? '–'}`
        : `Protokoll VERÄNDERT ab Eintrag ${result.brokenAtSeq}: ${result.reason}`;
      return { value: result, text, exitCode: result.ok ? 0 : 6 };
    } finally {
      await session.close();
    }
  },
};
