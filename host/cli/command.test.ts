import { describe, expect, it } from 'vitest';
import { errorTable, type ErrorCode } from '../../contract/errors/index';
import { exitCodeFor } from './command';

describe('exitCodeFor', () => {
  it('gives every "not found" the documented exit code 4, whatever its area', () => {
    const notFound = (Object.keys(errorTable) as ErrorCode[]).filter((c) => c.endsWith('.not_found'));
    expect(notFound).toEqual(expect.arrayContaining(['records.not_found', 'archiv.not_found', 'aussonderung.not_found']));
    for (const code of notFound) expect([code, exitCodeFor(code)]).toEqual([code, 4]);
  });

  it('keeps usage 2, permission 3, store 5 and broken evidence 6', () => {
    expect(exitCodeFor('cli.usage')).toBe(2);
    expect(exitCodeFor('access.denied')).toBe(3);
    expect(exitCodeFor('audit.chain_broken')).toBe(6);
    expect(exitCodeFor('store.blob_missing')).toBe(6);
    expect(exitCodeFor('store.corrupt')).toBe(5);
  });
});
