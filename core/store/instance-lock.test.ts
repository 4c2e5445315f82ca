import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../contract/app-error';
import { tempDir } from '../../test/helpers/temp-dir';
import { acquireInstanceLock } from './instance-lock';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

describe('single instance per data folder', () => {
  it('refuses a second instance while the first lives, and takes over after it died', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const script = `
      import { acquireInstanceLock } from ${JSON.stringify(join(import.meta.dirname, 'instance-lock.ts'))};
      acquireInstanceLock(${JSON.stringify(dir.path)});
      process.stdout.write('locked\\n');
      setInterval(() => {}, 1000);
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve()));

    let code = '';
    try {
      acquireInstanceLock(dir.path);
    } catch (e) {
      code = isAppError(e) ? `${e.code}: ${e.germanText}` : String(e);
    }
    expect(code).toMatch(/^store\.locked_by_other_instance: eAkte Desk ist bereits geöffnet/);

    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const lock = acquireInstanceLock(dir.path);
    lock.release();
  });

  it('creates a data folder that does not exist yet (first start)', () => {
    const dir = tempDir();
    dirs.push(dir);
    const lock = acquireInstanceLock(`${dir.path}/neu/daten`);
    lock.release();
  });
});
