import type { z } from 'zod';
import type { Permission } from './permissions';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** Queries never write; commands run in one write transaction with their audit entry. */
  readonly kind: 'query' | 'command';
  readonly input: I;
  readonly output: O;
  readonly permission: Permission;
}

export const method = <I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>) => spec;
