import type { z } from 'zod';
import { fsPaths } from '../../contract/fs-paths';

export interface PathArgument {
  access: 'read' | 'write';
  path: string;
}

type Def = { type: string } & Record<string, unknown>;
const defOf = (schema: z.core.$ZodType): Def => schema._zod.def as unknown as Def;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Every filesystem path an input names, found by walking the method's input schema for the schemas in
 * `fsPaths` (the raw input, before the core validates it: a union's options are all searched, so a path
 * is never missed by guessing the wrong branch). A path that is not a string is left to the core's check.
 */
export function pathArguments(schema: z.core.$ZodType, input: unknown): PathArgument[] {
  const out: PathArgument[] = [];
  walk(schema, input, out);
  return out;
}

function walk(schema: z.core.$ZodType, value: unknown, out: PathArgument[]): void {
  if (value === undefined || value === null) return;
  const marked = fsPaths.get(schema);
  if (marked) {
    if (typeof value === 'string') out.push({ access: marked.access, path: value });
    return;
  }
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return walk(def.innerType as z.core.$ZodType, value, out);
    case 'pipe':
      return walk(def.in as z.core.$ZodType, value, out);
    case 'object':
      if (isRecord(value)) for (const [key, field] of Object.entries(def.shape as Record<string, z.core.$ZodType>)) walk(field, value[key], out);
      return;
    case 'array':
      if (Array.isArray(value)) for (const item of value) walk(def.element as z.core.$ZodType, item, out);
      return;
    case 'tuple':
      if (Array.isArray(value)) (def.items as z.core.$ZodType[]).forEach((item, i) => walk(item, value[i], out));
      return;
    case 'record':
      if (isRecord(value)) for (const v of Object.values(value)) walk(def.valueType as z.core.$ZodType, v, out);
      return;
    case 'union':
      for (const option of def.options as z.core.$ZodType[]) walk(option, value, out);
      return;
    case 'intersection':
      walk(def.left as z.core.$ZodType, value, out);
      walk(def.right as z.core.$ZodType, value, out);
      return;
    default:
      return;
  }
}
