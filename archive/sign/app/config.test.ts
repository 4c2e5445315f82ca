import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, memorySink } from '../../../core/platform/logger';
import { tempDir } from '../../../test/helpers/temp-dir';
import { loadSignConfig, readTrustAnchors } from './config';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

function folder(): string {
  const d = tempDir('eakte-signconf-');
  dirs.push(d);
  return d.path;
}

describe('signing settings under the machine config', () => {
  it("puts the admin's TSA and trust store over sign.json unless the admin lets users set them", () => {
    const data = folder();
    const etc = folder();
    writeFileSync(join(data, 'sign.json'), JSON.stringify({ tsaUrl: 'https://eigener-tsa.example/', trustStore: ['eigene-ca.pem'], maxPdfMb: 50 }));
    writeFileSync(join(data, 'eigene-ca.pem'), 'eigene');
    writeFileSync(join(etc, 'ca.pem'), 'stadt');
    const sink = memorySink();
    const admin = { tsa: { url: 'https://tsa.stadt.example/' }, trustStore: join(etc, 'ca.pem'), userOverrides: [] };

    const fixed = loadSignConfig(data, admin, createLogger([sink]));
    expect(fixed).toMatchObject({ tsaUrl: 'https://tsa.stadt.example/', trustStore: [join(etc, 'ca.pem')], maxPdfMb: 50 });
    expect(readTrustAnchors(fixed).map((b) => Buffer.from(b).toString())).toEqual(['stadt']);
    expect(JSON.parse(sink.lines[0]!)).toMatchObject({ level: 'warn', keys: 'tsaUrl,trustStore' });

    // Allowed: the user's TSA wins and the user's trust store is added to the admin's, never replacing it.
    const open = loadSignConfig(data, { ...admin, userOverrides: ['tsa', 'trustStore'] });
    expect(open.tsaUrl).toBe('https://eigener-tsa.example/');
    expect(readTrustAnchors(open).map((b) => Buffer.from(b).toString())).toEqual(['stadt', 'eigene']);
  });

  it("fills in the admin's TSA where the workstation has no sign.json", () => {
    const data = folder();
    expect(loadSignConfig(data).tsaUrl).toBeUndefined();
    expect(loadSignConfig(data, { tsa: { url: 'https://tsa.stadt.example/' }, userOverrides: ['tsa'] }).tsaUrl).toBe('https://tsa.stadt.example/');
  });
});
