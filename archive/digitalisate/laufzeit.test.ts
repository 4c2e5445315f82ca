import { describe, expect, it } from 'vitest';
import { isAppError } from '../../contract/app-error';
import { normaliseLaufzeit } from './laufzeit';

describe('normaliseLaufzeit', () => {
  it.each([
    ['1901', '1901'],
    ['1901-1903', '1901-1903'],
    [' 1901 – 1903 ', '1901-1903'],
    ['1901-1901', '1901'],
  ])('reads %j as %j', (raw, expected) => expect(normaliseLaufzeit(raw)).toBe(expected));

  it.each(['1903-1901', '19. Jh.', '1901-', '01-03', ''])('refuses %j with the German catalogue error', (raw) => {
    let caught: unknown;
    try {
      normaliseLaufzeit(raw);
    } catch (err) {
      caught = err;
    }
    expect(isAppError(caught) && caught.code).toBe('digitalisate.bad_laufzeit');
  });
});
