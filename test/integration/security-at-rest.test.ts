import { execFile, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../contract/app-error';
import { germanMessage } from '../../contract/errors';
import { fixedClock } from '../../core/platform/clock';
import { keyFileProvider, type KeyProvider } from '../../core/platform/key-provider';
import { silentLogger } from '../../core/platform/logger';
import { deriveDatabaseKey, loadBlobKey } from '../../core/store/blobs/blob-key';
import { createFileBlobStore } from '../../core/store/blobs/blob-store';
import { Connection } from '../../core/store/db';
import { migrations } from '../../core/store/migrations';
import { openStore } from '../../core/store/store';
import { createApp } from '../../host/create-app';
import { copyDemoDataDir, TEST_TODAY } from '../helpers/demo-app';
import { tempDir } from '../helpers/temp-dir';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'eakte.mjs');
const cleanup: (() => void)[] = [];
afterAll(() => cleanup.forEach((c) => c()));
const scratch = () => {
  const d = tempDir('eakte-rest-');
  cleanup.push(d.remove);
  return d.path;
};
const demoCopy = async () => {
  const d = await copyDemoDataDir();
  cleanup.push(d.remove);
  return d.path;
};

const blobFiles = (dataDir: string) =>
  readdirSync(join(dataDir, 'blobs', 'sha256'), { recursive: true, encoding: 'utf8' })
    .map((p) => join(dataDir, 'blobs', 'sha256', p))
    .filter((p) => statSync(p).isFile());
const sealed = (file: string) => readFileSync(file).subarray(0, 8).toString() === 'EAKTEBL1';
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A child process that opens the store with a key file (sealing what is plain), for the kill tests. */
const openStoreScript = (dataDir: string, keyDir: string) => `
  import { openStore } from ${JSON.stringify(join(root, 'core/store/store.ts'))};
  import { keyFileProvider } from ${JSON.stringify(join(root, 'core/platform/key-provider.ts'))};
  import { silentLogger } from ${JSON.stringify(join(root, 'core/platform/logger.ts'))};
  process.stdout.write('opening\\n');
  const store = await openStore({ dataDir: ${JSON.stringify(dataDir)}, logger: silentLogger, now: new Date(), keys: keyFileProvider(${JSON.stringify(keyDir)}) });
  await store.close();
  process.stdout.write('done\\n');
`;

const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (isAppError(e) ? { code: e.code, text: germanMessage(e.code, e.params) } : Promise.reject(e)),
  );

function eakte(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...process.env, ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('data at rest', () => {
  it('seals an existing store on first open with a key: every blob stays readable, none is left in plain text', async () => {
    const dataDir = await demoCopy();
    const before = blobFiles(dataDir);
    expect(before.length).toBeGreaterThan(5);
    expect(before.some((f) => readFileSync(f).subarray(0, 5).toString() === '%PDF-')).toBe(true);
    const keyDir = scratch();

    const app = await createApp({ dataDir, mode: 'cli', keys: keyFileProvider(keyDir) });
    const after = blobFiles(dataDir);
    expect(after.sort()).toEqual(before.sort());
    for (const file of after) {
      expect(sealed(file)).toBe(true);
      expect(readFileSync(file).includes('%PDF-')).toBe(false);
      expect((await app.store.blobs.verify(file.split('/').pop()!)).hash).toBe(file.split('/').pop());
    }
    await app.close();

    // The key is neither in the data folder nor readable for other accounts.
    const [keyFile] = readdirSync(keyDir);
    expect(statSync(join(keyDir, keyFile!)).mode & 0o077).toBe(0);
    const key = Buffer.from(readFileSync(join(keyDir, keyFile!), 'utf8'), 'base64');
    for (const file of readdirSync(dataDir, { recursive: true, encoding: 'utf8' })) {
      const p = join(dataDir, file);
      if (statSync(p).isFile()) expect(readFileSync(p).includes(key)).toBe(false);
    }

    // Without the key (another front end, a copied folder) the store refuses to open, in German.
    const noKey = await failure(createApp({ dataDir, mode: 'cli' }));
    expect(noKey).toMatchObject({ code: 'keys.unavailable' });
    expect(noKey!.text).toMatch(/Schlüssel/);
    expect(await failure(createApp({ dataDir, mode: 'cli', keys: keyFileProvider(scratch()) }))).toMatchObject({ code: 'keys.unavailable' });
    const again = await createApp({ dataDir, mode: 'cli', keys: keyFileProvider(keyDir) });
    await again.close();

    // A damaged envelope is named as such (restore from backup), never a crash or a new key.
    const envelope = join(dataDir, 'keys', 'blob-key.json');
    const good = readFileSync(envelope);
    for (const bad of ['{"format":"eakte-blob-key"', '{}']) {
      writeFileSync(envelope, bad);
      expect(await failure(createApp({ dataDir, mode: 'cli', keys: keyFileProvider(keyDir) }))).toMatchObject({ code: 'keys.envelope_invalid' });
    }
    writeFileSync(envelope, good);
  });

  it('never loses a blob when killed during sealing, and a later open finishes the job', async () => {
    const dataDir = await demoCopy();
    const plain = createFileBlobStore(join(dataDir, 'blobs'));
    // Enough extra content that the kills land in the middle of the pass.
    for (let i = 0; i < 150; i++) await plain.put(randomBytes(200_000));
    const hashes = blobFiles(dataDir).map((f) => f.split('/').pop()!);
    const keyDir = scratch();
    const script = openStoreScript(dataDir, keyDir);
    const run = (killAfterMs: number | null) =>
      new Promise<boolean>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (killAfterMs !== null && out.includes('opening')) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        });
        child.on('exit', () => resolve(out.includes('done')));
      });

    const states: string[] = [];
    for (const delay of [150, 300, 450, 600, 800, 1000]) {
      await run(delay);
      const key = await loadBlobKey(dataDir, keyFileProvider(keyDir)).catch(() => undefined);
      const check = createFileBlobStore(join(dataDir, 'blobs'), key);
      for (const h of hashes) expect((await check.verify(h)).hash).toBe(h);
      const n = blobFiles(dataDir).filter(sealed).length;
      states.push(`${n}/${hashes.length}`);
    }
    expect(await run(null)).toBe(true);
    expect(blobFiles(dataDir).every(sealed)).toBe(true);
    expect(blobFiles(dataDir)).toHaveLength(hashes.length);
    const app = await createApp({ dataDir, mode: 'cli', keys: keyFileProvider(keyDir), logSinks: [] });
    for (const h of hashes) expect((await app.store.blobs.verify(h)).hash).toBe(h);
    const check = await app.store.reader.get<{ integrity_check: string }>('PRAGMA integrity_check');
    expect(check?.integrity_check).toBe('ok');
    await app.close();
    console.log(`sealed after each kill: ${states.join(', ')}`);
  }, 300_000);

  it('follows the machine config in the CLI: key-file sealing, a plain-text backup that unzip and sha256sum accept, German errors', async () => {
    const dataDir = await demoCopy();
    const home = scratch();
    const configFile = join(home, 'config.json');
    writeFileSync(configFile, JSON.stringify({ blobEncryption: 'keyfile' }));
    const env = { EAKTE_CONFIG: configFile, XDG_CONFIG_HOME: join(home, 'xdg') };

    const search = await eakte(['search', 'Mahnung', '--data', dataDir, '--user', 'sb21', '--json'], env);
    expect(search.code).toBe(0);
    expect(JSON.parse(search.stdout).total).toBeGreaterThan(0);
    expect(blobFiles(dataDir).every(sealed)).toBe(true);
    expect(readdirSync(join(home, 'xdg', 'eakte-desk', 'keys'))).toHaveLength(1);

    const out = join(scratch(), 'sicherung.zip');
    const backup = await eakte(['backup', '--out', out, '--data', dataDir, '--user', 'admin', '--json'], env);
    expect(backup.code).toBe(0);
    const names = execFileSync('unzip', ['-Z1', out], { encoding: 'utf8' }).trim().split('\n').filter((n) => n.startsWith('blobs/'));
    expect(names.length).toBe(blobFiles(dataDir).length);
    for (const name of names) expect(sha256(execFileSync('unzip', ['-p', out, name], { maxBuffer: 1 << 28 }))).toBe(name.slice(6));
    // The database in the backup is plain too (it restores on any machine), though the store's is encrypted.
    expect(isPlain(join(dataDir, 'eakte.sqlite'))).toBe(false);
    const snapshot = join(scratch(), 'eakte.sqlite');
    writeFileSync(snapshot, execFileSync('unzip', ['-p', out, 'eakte.sqlite'], { maxBuffer: 1 << 28 }));
    expect(Number(shell(snapshot, 'SELECT count(*) FROM akte').stdout)).toBeGreaterThan(0);

    // Opened without the key-file setting, the sealed folder is refused with one German line.
    const plainConfig = join(home, 'plain.json');
    writeFileSync(plainConfig, JSON.stringify({ blobEncryption: 'off' }));
    const refused = await eakte(['search', 'Mahnung', '--data', dataDir, '--user', 'sb21'], { ...env, EAKTE_CONFIG: plainConfig });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/Schlüssel/);

    writeFileSync(configFile, '{ "blobEncryption": "rot13" }');
    const bad = await eakte(['search', 'Mahnung', '--data', dataDir, '--user', 'sb21'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain(`Die Konfigurationsdatei ${configFile} ist ungültig: Eintrag blobEncryption hat einen unzulässigen Wert`);
    expect(existsSync(dataDir)).toBe(true);
  }, 300_000);
});

const PLAIN_HEADER = 'SQLite format 3\0';
const isPlain = (file: string) => readFileSync(file).subarray(0, 16).toString('latin1') === PLAIN_HEADER;
const databaseFiles = (dataDir: string) => {
  const backups = join(dataDir, 'backups');
  const copies = existsSync(backups) ? readdirSync(backups).map((n) => join(backups, n)) : [];
  return [join(dataDir, 'eakte.sqlite'), join(dataDir, 'eakte.sqlite-wal'), ...copies].filter((f) => existsSync(f) && statSync(f).size > 0);
};
const found = (file: string, words: string[]) => words.filter((w) => readFileSync(file).includes(w));

/** A title and a word with an umlaut from the letters' full text (OCR or text layer), read from a plain demo copy. */
async function knownWords(): Promise<{ akteTitle: string; bodyWord: string }> {
  const conn = await Connection.open(join(await demoCopy(), 'eakte.sqlite'), 'readonly');
  const akte = await conn.get<{ title: string }>('SELECT title FROM akte ORDER BY id LIMIT 1');
  const doc = await conn.get<{ body: string }>("SELECT body FROM document_text WHERE scope LIKE 'amt21%' ORDER BY document_id LIMIT 1 OFFSET 2");
  await conn.close();
  const bodyWord = [...(doc?.body.match(/\p{L}*[äöü]\p{L}*/gu) ?? [])].sort((a, b) => b.length - a.length)[0]!;
  return { akteTitle: akte!.title, bodyWord };
}

/** The sqlite3 command-line shell (Debian package `sqlite3`) as the independent reader. */
const shell = (file: string, sql: string) => spawnSync('sqlite3', [file, sql], { encoding: 'utf8' });

describe('database at rest', () => {
  it('runs on the encrypting sqlite3 driver with FTS5, and the installer build keeps it', async () => {
    const file = join(scratch(), 'probe.sqlite');
    const key = Buffer.alloc(32, 7);
    const conn = await Connection.open(file, 'readwrite', key);
    expect(await conn.get('SELECT sqlite3mc_version() AS v')).toEqual({ v: expect.stringMatching(/^SQLite3 Multiple Ciphers 2\./) });
    await conn.exec("CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'unicode61 remove_diacritics 2')");
    await conn.close();
    // The pinned cipher is AEGIS-256: the same key under sqlite3mc's default ChaCha20 does not open it.
    const read = (cipher: string) =>
      `const s=require('sqlite3');const d=new s.Database(${JSON.stringify(file)});d.exec("PRAGMA cipher='${cipher}'; PRAGMA key=\\"x'${key.toString('hex')}'\\"; SELECT count(*) FROM t",(e)=>{console.log(e?e.code:'ok')})`;
    expect(spawnSync(process.execPath, ['-e', read('aegis')], { cwd: root, encoding: 'utf8' }).stdout.trim()).toBe('ok');
    expect(spawnSync(process.execPath, ['-e', read('chacha20')], { cwd: root, encoding: 'utf8' }).stdout.trim()).toBe('SQLITE_NOTADB');
    // electron-builder's rebuild would replace the driver with node-sqlite3's plain prebuilt binary.
    const builder = load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { npmRebuild?: boolean };
    expect(builder.npmRebuild).toBe(false);
  });

  it('keeps titles and full text out of the database file, its WAL and backups/ when sealed; demo mode shows them', async () => {
    const { akteTitle, bodyWord } = await knownWords();
    expect(bodyWord.length).toBeGreaterThan(6);
    const latest = migrations.at(-1)!.version;
    const nextVersion = [...migrations, { version: latest + 1, name: 'probe', up: async (tx: { run(sql: string): Promise<unknown> }) => void (await tx.run('CREATE TABLE probe (x)')) }];

    for (const mode of ['demo', 'sealed'] as const) {
      const dataDir = await demoCopy();
      const keys: KeyProvider | undefined = mode === 'sealed' ? keyFileProvider(scratch()) : undefined;
      // A pre-migration copy an older version left in plain text.
      mkdirSync(join(dataDir, 'backups'));
      copyFileSync(join(dataDir, 'eakte.sqlite'), join(dataDir, 'backups', 'store-v12-old.sqlite'));

      const app = await createApp({ dataDir, mode: 'cli', keys, clock: fixedClock(TEST_TODAY), logSinks: [] });
      const login = await app.dispatch({ sessionId: null, transport: 'test' }, 'session.login', { username: 'sb21' });
      if (!login.ok) throw new Error(login.error.code);
      const call = <T,>(method: string, input: unknown) =>
        app.dispatch({ sessionId: login.value.sessionId, transport: 'test' }, method as never, input as never).then((r) => {
          if (!r.ok) throw new Error(`${method}: ${r.error.code}`);
          return r.value as T;
        });
      const entry = (await call<{ uuid: string; number: string }[]>('aktenplan.tree', {})).find((e) => e.number === '21.30.01')!;
      const newTitle = `Wurzelseppverfahren ${mode}`;
      await call('akten.create', { aktenplanEntryUuid: entry.uuid, title: newTitle });
      // The write sits in the WAL until a checkpoint: look while the app is open.
      const wal = join(dataDir, 'eakte.sqlite-wal');
      expect(statSync(wal).size).toBeGreaterThan(0);
      const inWal = found(wal, [newTitle]);
      const inMain = found(join(dataDir, 'eakte.sqlite'), [akteTitle, bodyWord]);
      const inOldCopy = found(join(dataDir, 'backups', 'store-v12-old.sqlite'), [akteTitle, bodyWord]);
      // Umlauts folded by FTS5 unicode61 remove_diacritics 2 still match, sealed or not.
      const folded = bodyWord.normalize('NFD').replace(/\p{M}/gu, '');
      expect((await call<{ total: number }>('search.query', { q: folded })).total).toBeGreaterThan(0);
      await app.close();

      // A migration copies the store into backups/ first.
      const migrated = await openStore({ dataDir, logger: silentLogger, now: new Date(TEST_TODAY), keys, migrations: nextVersion });
      const backup = migrated.migration.backupPath!;
      await migrated.close();
      const inBackup = found(backup, [akteTitle, bodyWord, newTitle]);

      if (mode === 'demo') {
        // The same checks on the plain store find everything: the test can fail.
        expect(inWal).toEqual([newTitle]);
        expect(inMain).toEqual([akteTitle, bodyWord]);
        expect(inOldCopy).toEqual([akteTitle, bodyWord]);
        expect(inBackup).toEqual([akteTitle, bodyWord, newTitle]);
        expect(shell(join(dataDir, 'eakte.sqlite'), 'SELECT count(*) FROM akte').stdout.trim()).toMatch(/^\d+$/);
      } else {
        expect(inWal).toEqual([]);
        expect(inMain).toEqual([]);
        expect(inOldCopy).toEqual([]);
        expect(inBackup).toEqual([]);
        for (const file of databaseFiles(dataDir)) {
          expect(found(file, [akteTitle, bodyWord, newTitle]), file).toEqual([]);
          if (!file.endsWith('-wal')) expect(isPlain(file), file).toBe(false);
          const read = shell(file, 'SELECT count(*) FROM akte');
          expect(read.status, file).not.toBe(0);
          expect(read.stderr).toMatch(/not a database/);
        }
      }
    }
  }, 300_000);

  it('never loses the database when killed while sealing it, a plain WAL included, and a later open finishes', async () => {
    const dataDir = await demoCopy();
    const dbPath = join(dataDir, 'eakte.sqlite');
    // Enough content that kills land in the middle of the copy; the writer exits without closing,
    // so committed pages are left in a plain WAL for the sealing to fold in.
    const filler = `const s=require('sqlite3');const d=new s.Database(${JSON.stringify(dbPath)});d.exec("CREATE TABLE filler(x); WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i<300) INSERT INTO filler SELECT randomblob(100000) FROM c;",(e)=>{if(e)throw e;process.exit(0)})`;
    expect(spawnSync(process.execPath, ['-e', filler], { cwd: root }).status).toBe(0);
    expect(statSync(`${dbPath}-wal`).size).toBeGreaterThan(0);
    const counts = 'SELECT (SELECT count(*) FROM document) AS docs, (SELECT count(*) FROM audit_event) AS audit, (SELECT count(*) FROM filler) AS filler';
    const plain = await Connection.open(dbPath, 'readonly');
    const expected = await plain.get(counts);
    await plain.close();
    expect(expected).toMatchObject({ filler: 300 });

    const keyDir = scratch();
    const script = openStoreScript(dataDir, keyDir);
    const sealing = `${dbPath}.sealing`;
    const sealingSize = () => (existsSync(sealing) ? statSync(sealing).size : -1);
    // Kill points: as the encrypted copy appears, when it is half written, and once it has replaced the file.
    const killWhen: Record<string, () => boolean> = {
      started: () => sealingSize() >= 0,
      half: () => sealingSize() > 15_000_000,
      renamed: () => sealingSize() < 0 && !isPlain(dbPath),
    };
    const run = (point: string | null) =>
      new Promise<boolean>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        // A copy left by the previous kill counts only once the child has removed it and begun its own.
        let leftoverGone = !existsSync(sealing);
        const poll = point
          ? setInterval(() => {
              if (!leftoverGone) leftoverGone = !existsSync(sealing);
              else if (killWhen[point]!()) child.kill('SIGKILL');
            }, 1)
          : undefined;
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.on('exit', () => {
          clearInterval(poll);
          resolve(out.includes('done'));
        });
      });

    const states: string[] = [];
    for (const point of ['started', 'half', 'started', 'renamed']) {
      await run(point);
      const sealedNow = !isPlain(dbPath);
      states.push(`${point}:${sealedNow ? 'sealed' : 'plain'}${existsSync(sealing) ? '+partial copy' : ''}`);
      const key = sealedNow ? deriveDatabaseKey((await loadBlobKey(dataDir, keyFileProvider(keyDir)))!) : undefined;
      // Read-write like the next start: a WAL left by the kill needs recovery, which a read-only connection cannot do.
      const conn = await Connection.open(dbPath, 'readwrite', key);
      expect(await conn.get('PRAGMA integrity_check')).toEqual({ integrity_check: 'ok' });
      expect(await conn.get(counts)).toEqual(expected);
      await conn.close();
    }
    // At least one kill landed while the encrypted copy was being written.
    expect(states.some((s) => s.includes('plain+partial copy'))).toBe(true);

    expect(await run(null)).toBe(true);
    expect(isPlain(dbPath)).toBe(false);
    expect(existsSync(sealing)).toBe(false);
    expect(existsSync(`${dbPath}-wal`) ? readFileSync(`${dbPath}-wal`).includes('SQLite format 3') : false).toBe(false);
    const app = await createApp({ dataDir, mode: 'cli', keys: keyFileProvider(keyDir), logSinks: [] });
    expect(await app.store.reader.get('PRAGMA integrity_check')).toEqual({ integrity_check: 'ok' });
    expect(await app.store.reader.get(counts)).toEqual(expected);
    await app.close();
    console.log(`after each kill: ${states.join(', ')}`);
  }, 300_000);
});
