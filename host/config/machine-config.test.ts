import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../contract/app-error';
import { germanMessage } from '../../contract/errors';
import { tempDir } from '../../test/helpers/temp-dir';
import { frontEndSetup } from './front-end';
import { loadMachineConfig, type ConfigEnv } from './machine-config';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

/** A fake Windows terminal server: ProgramData for the admin's file, one profile per user. */
function terminalServer(machine: unknown, user?: { name: string; config: unknown }) {
  const d = tempDir();
  dirs.push(d);
  const programData = join(d.path, 'ProgramData');
  mkdirSync(join(programData, 'eAkte Desk'), { recursive: true });
  if (machine !== undefined) writeFileSync(join(programData, 'eAkte Desk', 'config.json'), typeof machine === 'string' ? machine : '\uFEFF' + JSON.stringify(machine));
  const as = (name: string): ConfigEnv => {
    const profile = join(d.path, 'Users', name);
    const env = { ProgramData: programData, APPDATA: join(profile, 'AppData', 'Roaming'), LOCALAPPDATA: join(profile, 'AppData', 'Local'), USERPROFILE: profile };
    return { env, platform: 'win32', home: profile, username: name };
  };
  if (user) {
    const appData = as(user.name).env.APPDATA!;
    mkdirSync(join(appData, 'eAkte Desk'), { recursive: true });
    writeFileSync(join(appData, 'eAkte Desk', 'config.json'), JSON.stringify(user.config));
  }
  return { root: d.path, as };
}

const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (isAppError(e)) return { code: e.code, text: germanMessage(e.code, e.params) };
    throw e;
  }
  throw new Error('no error');
};

describe('machine-wide configuration', () => {
  it('gives the defaults when there is no file', () => {
    const { config, sources } = loadMachineConfig(terminalServer(undefined).as('mmueller'));
    expect(sources).toEqual([]);
    expect(config).toMatchObject({ blobEncryption: 'os', identity: { source: 'os', groupRoles: [] }, userOverrides: [] });
  });

  it('gives every terminal-server user their own data folder from one template', () => {
    const ts = terminalServer({
      dataDir: '%LOCALAPPDATA%\\eAkte Desk\\Daten-%USERNAME%',
      hotFolder: '\\\\fileserver\\scan\\%USERNAME%',
      dms: { url: 'https://dms.stadt.example/cmis/browser' },
      tsa: { url: 'https://tsa.stadt.example/' },
      trustStore: 'C:\\ProgramData\\eAkte Desk\\ca.pem',
      identity: { groupRoles: [{ group: 'GG-eAkte-Amt21', role: 'sachbearbeitung', amt: '21' }, { group: 'GG-eAkte-Admin', role: 'admin' }] },
    });
    const a = frontEndSetup({ ce: ts.as('mmueller') });
    const b = frontEndSetup({ ce: ts.as('eschmidt') });
    expect(a.dataDir).toBe(join(ts.root, 'Users', 'mmueller', 'AppData', 'Local') + '\\eAkte Desk\\Daten-mmueller');
    expect(b.dataDir).not.toBe(a.dataDir);
    expect(a.loaded.config.hotFolder).toBe('\\\\fileserver\\scan\\mmueller');
    expect(a.loaded.config.identity.groupRoles[1]).toEqual({ group: 'GG-eAkte-Admin', role: 'admin', amt: null });
    // --data and EAKTE_DATA_DIR still win (support cases, tests).
    expect(frontEndSetup({ ce: ts.as('mmueller'), explicitDataDir: '/x' }).dataDir).toBe('/x');
    const withEnv = (EAKTE_DATA_DIR: string) => ({ ...ts.as('mmueller'), env: { ...ts.as('mmueller').env, EAKTE_DATA_DIR } });
    expect(frontEndSetup({ ce: withEnv('/y') }).dataDir).toBe('/y');
    expect(frontEndSetup({ ce: withEnv('') }).dataDir).toBe(a.dataDir);
  });

  it('lets users override only what the admin allows, and says which keys it ignored', () => {
    const user = { name: 'mmueller', config: { hotFolder: 'D:\\Scans', dataDir: 'D:\\eakte', blobEncryption: 'off' } };
    const locked = loadMachineConfig(terminalServer({ dataDir: 'C:\\eakte\\%USERNAME%', userOverrides: ['hotFolder'] }, user).as('mmueller'));
    expect(locked.config).toMatchObject({ hotFolder: 'D:\\Scans', dataDir: 'C:\\eakte\\mmueller', blobEncryption: 'os' });
    expect(locked.ignoredUserKeys.sort()).toEqual(['blobEncryption', 'dataDir']);
    expect(locked.sources).toHaveLength(2);
  });

  it('hands sync and signing the admin\'s DMS, TSA and trust store, read again after a change', () => {
    const ts = terminalServer({ dms: { url: 'https://dms.stadt.example/cmis' }, trustStore: '%USERPROFILE%\\ca.pem', userOverrides: ['tsa'] });
    const setup = frontEndSetup({ ce: ts.as('mmueller') });
    expect(setup.admin()).toEqual({
      dms: { url: 'https://dms.stadt.example/cmis' },
      tsa: undefined,
      trustStore: join(ts.root, 'Users', 'mmueller') + '\\ca.pem',
      userOverrides: ['tsa'],
    });
    expect(setup.logLimits).toEqual({ maxBytes: 10 * 1024 * 1024, keepFiles: 5 });
    // The admin moves the DMS while the app runs: the next read has the new address.
    writeFileSync(join(ts.root, 'ProgramData', 'eAkte Desk', 'config.json'), JSON.stringify({ dms: { url: 'https://dms2.stadt.example/cmis' }, logs: { maxFileMb: 1, keepFiles: 2 } }));
    expect(setup.admin().dms).toEqual({ url: 'https://dms2.stadt.example/cmis' });
    expect(frontEndSetup({ ce: ts.as('mmueller') }).logLimits).toEqual({ maxBytes: 1024 * 1024, keepFiles: 2 });
  });

  it('lets a user\'s config.json set the DMS only where the admin allows it', () => {
    const user = { name: 'mmueller', config: { dms: { url: 'https://test-dms.example/' }, tsa: { url: 'https://tsa.example/' } } };
    const allowed = loadMachineConfig(terminalServer({ dms: { url: 'https://dms.stadt.example/' }, userOverrides: ['dms'] }, user).as('mmueller'));
    expect(allowed.config.dms).toEqual({ url: 'https://test-dms.example/' });
    expect(allowed.ignoredUserKeys).toEqual(['tsa']);
    const locked = loadMachineConfig(terminalServer({ dms: { url: 'https://dms.stadt.example/' } }, user).as('mmueller'));
    expect(locked.config.dms).toEqual({ url: 'https://dms.stadt.example/' });
    expect(locked.ignoredUserKeys.sort()).toEqual(['dms', 'tsa']);
  });

  it('picks the key provider the admin chose', () => {
    const os = { kind: 'safeStorage', wrap: async (k: Buffer) => k, unwrap: async (k: Buffer) => k };
    expect(frontEndSetup({ ce: terminalServer({}).as('a'), osKeys: () => os }).keys?.kind).toBe('safeStorage');
    // The CLI has no OS key store: with "os" it opens plain folders only (sealed ones fail with keys.unavailable).
    expect(frontEndSetup({ ce: terminalServer({}).as('a') }).keys).toBeUndefined();
    expect(frontEndSetup({ ce: terminalServer({ blobEncryption: 'keyfile' }).as('a'), osKeys: () => os }).keys?.kind).toBe('keyfile');
    expect(frontEndSetup({ ce: terminalServer({ blobEncryption: 'off' }).as('a'), osKeys: () => os }).keys).toBeUndefined();
  });

  it('refuses a bad file with a German message naming the file and the entry', () => {
    const cases: [unknown, RegExp][] = [
      ['{ "dataDir": ', /kein gültiges JSON/],
      [{ dms: { url: 'ftp://dms' } }, /Eintrag dms\.url/],
      [{ dmsUrl: 'https://dms' }, /unbekannter Eintrag dmsUrl/],
      [{ identity: { groupRoles: [{ group: 'G', role: 'chef' }] } }, /Eintrag identity\.groupRoles\.0\.role/],
      [{ dataDir: 'C:\\eakte\\%USERDOMAIN%' }, /Platzhalter %USERDOMAIN% ist unbekannt/],
      [{ logs: { keepFiles: 0 } }, /Eintrag logs\.keepFiles/],
    ];
    for (const [file, reason] of cases) {
      const ts = terminalServer(file);
      const err = failure(() => loadMachineConfig(ts.as('a')));
      expect(err.code).toBe('config.invalid');
      expect(err.text).toMatch(reason);
      expect(err.text).toContain(join(ts.root, 'ProgramData', 'eAkte Desk', 'config.json'));
    }
  });
});
