import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PREFLIGHT_REVISION } from './revision';

const pdfa = fileURLToPath(new URL('..', import.meta.url));

/** The sources a verdict depends on: the preflight and the metadata readers it uses. */
function checkerFingerprint(): string {
  const preflight = readdirSync(join(pdfa, 'preflight'), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('revision.ts'))
    .map((f) => join('preflight', f));
  const hash = createHash('sha256');
  for (const file of [...preflight.sort(), 'metadata/read-xmp.ts', 'metadata/dates.ts', 'metadata/document-id.ts']) {
    hash.update(file).update(readFileSync(join(pdfa, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

describe('PREFLIGHT_REVISION', () => {
  it('is raised whenever the checker changes, so cached verdicts are not reused', () => {
    // Changed the preflight? Raise PREFLIGHT_REVISION in revision.ts and put the new fingerprint here.
    expect({ revision: PREFLIGHT_REVISION, sources: checkerFingerprint() }).toEqual({ revision: 1, sources: '26a7410cf86d1833' });
  });
});
