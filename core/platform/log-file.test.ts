import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/temp-dir';
import { fileSink } from './log-file';
import { createLogger } from './logger';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

describe('log file rotation', () => {
  it('keeps the newest lines in at most keepFiles + 1 files of at most maxBytes each', () => {
    const dir = tempDir('eakte-logrot-');
    dirs.push(dir);
    const path = join(dir.path, 'logs', 'eakte.log');
    const logger = createLogger([fileSink(path, { maxBytes: 2000, keepFiles: 3 })]);
    for (let i = 0; i < 500; i++) logger.info('line', { i });

    expect(readdirSync(join(dir.path, 'logs')).sort()).toEqual(['eakte.log', 'eakte.log.1', 'eakte.log.2', 'eakte.log.3']);
    const files = ['eakte.log.3', 'eakte.log.2', 'eakte.log.1', 'eakte.log'].map((f) => join(dir.path, 'logs', f));
    for (const f of files) expect(statSync(f).size).toBeLessThanOrEqual(2000);
    // Oldest file first, the lines run on without a gap up to the last one written; older ones are gone.
    const numbers = files.flatMap((f) => readFileSync(f, 'utf8').trim().split('\n')).map((l) => (JSON.parse(l) as { i: number }).i);
    expect(numbers.at(-1)).toBe(499);
    expect(numbers).toEqual(numbers.map((_, k) => numbers[0]! + k));
    expect(numbers[0]).toBeGreaterThan(0);
  });

  it('goes on where another writer (the CLI beside the app) left the file', () => {
    const dir = tempDir('eakte-logrot-');
    dirs.push(dir);
    const path = join(dir.path, 'eakte.log');
    const app = fileSink(path, { maxBytes: 300, keepFiles: 1 });
    const cli = fileSink(path, { maxBytes: 300, keepFiles: 1 });
    for (let i = 0; i < 40; i++) (i % 2 ? app : cli).write(JSON.stringify({ i }));
    expect(readdirSync(dir.path).sort()).toEqual(['eakte.log', 'eakte.log.1']);
    for (const f of ['eakte.log', 'eakte.log.1']) expect(statSync(join(dir.path, f)).size).toBeLessThanOrEqual(300);
    expect(readFileSync(path, 'utf8').trim().split('\n').at(-1)).toBe('{"i":39}');
  });
});
