import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../contract/app-error';
import { openSafeZip } from '../../archive/zip';
import { preflightPdfA } from '../../archive/pdfa';
import { readValidatedMessage } from '../../archive/xdomea';
import { openDocument } from '../../ocr/formats';
import { blockReason } from '../../ocr/sources';
import { hostileCorpus, type HostileCase } from '../../fixtures/hostile/corpus';
import { tempDir } from '../helpers/temp-dir';

const work = tempDir('eakte-hostile-');
afterAll(() => work.remove());

type Outcome = { kind: 'refused'; code: string; german: string } | { kind: 'flagged'; detail: string } | { kind: 'accepted' };

/** Feeds a case to the entry point it attacks; anything but an AppError or a flagging report is a failure. */
async function attack(c: HostileCase): Promise<Outcome> {
  const bytes = c.bytes();
  try {
    switch (c.target) {
      case 'intake-file': {
        const opened = await openDocument(bytes, { name: c.name });
        await opened.document.close();
        return { kind: 'accepted' };
      }
      case 'xdomea-message':
        await readValidatedMessage(bytes);
        return { kind: 'accepted' };
      case 'zip-package': {
        const path = join(work.path, c.name);
        writeFileSync(path, bytes);
        const zip = await openSafeZip(path);
        await zip.extractTo(join(work.path, `${c.name}.out`));
        zip.close();
        return { kind: 'accepted' };
      }
      case 'pdfa-preflight': {
        const report = preflightPdfA(bytes);
        const failed = report.checks.filter((ch) => ch.status === 'error');
        return failed.length ? { kind: 'flagged', detail: failed.map((f) => f.id).join(',') } : { kind: 'accepted' };
      }
      case 'mail-attachment': {
        const reason = blockReason(c.name, bytes);
        return reason ? { kind: 'flagged', detail: reason } : { kind: 'accepted' };
      }
    }
  } catch (err) {
    if (isAppError(err)) return { kind: 'refused', code: err.code, german: err.germanText };
    throw err;
  }
}

describe('hostile input corpus', () => {
  it.each(hostileCorpus.map((c) => [c.name, c] as const))('%s is refused or flagged, with memory bounded', async (_name, c) => {
    const before = process.memoryUsage().rss;
    const outcome = await attack(c);
    const grownMb = (process.memoryUsage().rss - before) / 1024 / 1024;
    expect(outcome.kind, `${c.threat}: ${JSON.stringify(outcome)}`).not.toBe('accepted');
    if (outcome.kind === 'refused') {
      expect(outcome.code).toMatch(c.expect);
      expect(outcome.german.length).toBeGreaterThan(15);
    }
    if (outcome.kind === 'flagged') expect(outcome.detail).toMatch(c.expect);
    // The bombs expand to 200 MB and more; refusing them must not come anywhere near that.
    expect(grownMb).toBeLessThan(400);
  });

  it('nothing of a refused ZIP is written outside its target', async () => {
    const { existsSync } = await import('node:fs');
    expect(existsSync(join(work.path, '..', '..', 'etc', 'cron.d', 'evil'))).toBe(false);
  });
});
