import { randomBytes, randomUUID } from 'node:crypto';

export interface IdGenerator {
  uuid(): string;
}

export const randomIds: IdGenerator = { uuid: () => randomUUID() };

/** Short reference shown to users next to an error, and written into the log line. */
export const newRef = (): string => randomBytes(5).toString('hex').toUpperCase();

/** Deterministic UUIDv4-shaped ids for tests and the demo data set. */
export function seededIds(seed: number): IdGenerator {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
  return {
    uuid: () => {
      const hex = Array.from({ length: 4 }, () => next().toString(16).padStart(8, '0')).join('');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[next() % 4]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    },
  };
}
