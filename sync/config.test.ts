import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, memorySink } from '../core/platform/logger';
import { tempDir } from '../test/helpers/temp-dir';
import { loadSyncConfig } from './config';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

function dataDir(syncJson?: unknown): string {
  const d = tempDir('eakte-syncconf-');
  dirs.push(d);
  if (syncJson !== undefined) writeFileSync(join(d.path, 'sync.json'), JSON.stringify(syncJson));
  return d.path;
}

const auth = { type: 'basic', username: 'mmueller', password: 'geheim' };
const env = {};

describe('sync settings under the machine config', () => {
  it('takes the DMS from the machine config and the credentials from the user', () => {
    const dir = dataDir({ auth });
    expect(loadSyncConfig(dir, { env })).toBeNull();
    const c = loadSyncConfig(dir, { env, admin: { dms: { url: 'https://dms.stadt.example/cmis', repositoryId: 'eakte' }, trustStore: '/etc/ssl/stadt-ca.pem', userOverrides: [] } });
    expect(c).toMatchObject({ url: 'https://dms.stadt.example/cmis', repositoryId: 'eakte', caFile: '/etc/ssl/stadt-ca.pem', auth });
  });

  it("replaces the user's address and CA unless the admin allows them, and logs which keys it replaced", () => {
    const dir = dataDir({ url: 'https://privat.example/cmis', repositoryId: 'x', caFile: 'eigene-ca.pem', auth, intervalSeconds: 5 });
    const sink = memorySink();
    const admin = { dms: { url: 'https://dms.stadt.example/cmis' }, trustStore: '/etc/ssl/stadt-ca.pem', userOverrides: [] };
    const fixed = loadSyncConfig(dir, { env: { EAKTE_DMS_URL: 'https://env.example/' }, admin, logger: createLogger([sink]) });
    expect(fixed).toMatchObject({ url: 'https://dms.stadt.example/cmis', caFile: '/etc/ssl/stadt-ca.pem', intervalSeconds: 5 });
    expect(fixed?.repositoryId).toBeUndefined();
    expect(sink.lines.map((l) => JSON.parse(l) as { keys: string })).toEqual([expect.objectContaining({ keys: 'url,repositoryId,caFile' })]);

    const open = loadSyncConfig(dir, { env, admin: { ...admin, userOverrides: ['dms', 'trustStore'] } });
    expect(open).toMatchObject({ url: 'https://privat.example/cmis', repositoryId: 'x', caFile: 'eigene-ca.pem' });
  });

  it('still refuses a broken file with sync.bad_config', () => {
    const dir = dataDir({ auth: { type: 'basic' } });
    expect(() => loadSyncConfig(dir, { env, admin: { dms: { url: 'https://dms.stadt.example/' }, userOverrides: [] } })).toThrow(
      expect.objectContaining({ code: 'sync.bad_config' }),
    );
  });
});
