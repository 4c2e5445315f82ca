import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoApp, type DemoApp } from '../../test/helpers/demo-app';
import type { PdfaVerdict } from './formats';
import { VerdictCache } from './verdict-cache';

let demo: DemoApp;
beforeAll(async () => {
  demo = await openDemoApp();
});
afterAll(() => demo.close());

const hashOf = (n: number) => createHash('sha256').update(`inhalt ${n}`).digest('hex');
const verdictOf = (n: number): PdfaVerdict =>
  n % 3 === 0 ? { conforming: true, version: '2b', problems: [] } : { conforming: false, version: null, problems: [`Befund ${n}`, 'Schrift fehlt'] };

describe('VerdictCache', () => {
  it('writes verdicts in batches and reads back exactly those of its checker', async () => {
    const now = () => new Date('2026-11-23T09:00:00Z');
    const numbers = Array.from({ length: 1234 }, (_, n) => n); // past several write batches, not a multiple of one
    const writing = new VerdictCache(demo.app.store, 'pruefer/1', now);
    for (const n of numbers) writing.remember(hashOf(n), verdictOf(n));
    await writing.flush();

    const reading = new VerdictCache(demo.app.store, 'pruefer/1', now);
    await reading.load([...numbers.map(hashOf), hashOf(99_999)]);
    expect(numbers.map((n) => reading.get(hashOf(n)))).toEqual(numbers.map(verdictOf));
    expect(reading.get(hashOf(99_999))).toBeUndefined();

    const other = new VerdictCache(demo.app.store, 'pruefer/2', now);
    await other.load(numbers.map(hashOf));
    expect(numbers.some((n) => other.get(hashOf(n)) !== undefined)).toBe(false);

    // A row that does not read back is not used (the file is checked again and the row overwritten).
    await demo.app.store.write((tx) => tx.run(`UPDATE pdfa_verdict SET problems = '{kaputt' WHERE sha256 = ?`, [hashOf(1)]));
    const again = new VerdictCache(demo.app.store, 'pruefer/1', now);
    await again.load([hashOf(1), hashOf(2)]);
    expect([again.get(hashOf(1)), again.get(hashOf(2))]).toEqual([undefined, verdictOf(2)]);
  });
});
