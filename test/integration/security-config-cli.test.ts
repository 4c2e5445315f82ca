import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyDemoDataDir } from '../helpers/demo-app';
import { tempDir } from '../helpers/temp-dir';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'eakte.mjs');

describe('machine config in the CLI', () => {
  const cleanup: (() => void)[] = [];
  afterAll(() => cleanup.forEach((c) => c()));

  it('takes the data folder and the scanner folder from the admin file, with %USERNAME% per user', async () => {
    const demo = await copyDemoDataDir();
    const work = tempDir('eakte-config-cli-');
    cleanup.push(demo.remove, work.remove);
    const user = userInfo().username;
    mkdirSync(join(work.path, 'scan', user), { recursive: true });
    const config = join(work.path, 'config.json');
    writeFileSync(config, JSON.stringify({ dataDir: demo.path, hotFolder: join(work.path, 'scan', '%USERNAME%') }));

    // No --data and no folder argument: both come from the file (an empty EAKTE_DATA_DIR counts as unset).
    const child = spawn(process.execPath, [bin, 'watch', '--user', 'poststelle'], {
      env: { ...process.env, EAKTE_CONFIG: config, EAKTE_DATA_DIR: '', XDG_CONFIG_HOME: join(work.path, 'xdg') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const started = await Promise.race([
      new Promise<boolean>((resolve) => child.stderr.on('data', () => stderr.includes('wird überwacht') && resolve(true))),
      exited.then(() => false),
    ]);
    child.kill('SIGINT');
    await exited;
    expect(started, stderr).toBe(true);
    // The demo template has no logs/: the CLI wrote one, so it opened the configured data folder.
    expect(existsSync(join(demo.path, 'logs', 'eakte.log'))).toBe(true);
    expect(stderr).toContain(`Eingangsordner ${join(work.path, 'scan', user)} wird überwacht`);
  }, 120_000);
});
