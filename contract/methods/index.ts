import type { z } from 'zod';
import type { MethodSpec } from '../method-spec';
import { adminMethods } from './admin';
import { archivMethods } from './archiv';
import { aussonderungMethods } from './aussonderung';
import { casePdfMethods } from './case-pdf';
import { classifyMethods } from './classify';
import { coreMethods } from './core';
import { digitalisateMethods } from './digitalisate';
import { intakeMethods } from './intake';
import { signaturesMethods } from './signatures';
import { syncMethods } from './sync';
import { workspaceMethods } from './workspace';
import { viewerMethods } from './viewer';

/**
 * Every method of the API, for every transport (IPC, loopback HTTP, CLI). Each area keeps its table in
 * its own file here; the host registers one handler per method (a missing one is a compile error).
 */
export const methods = {
  ...coreMethods,
  ...workspaceMethods,
  ...casePdfMethods,
  ...aussonderungMethods,
  ...syncMethods,
  ...intakeMethods,
  ...classifyMethods,
  ...archivMethods,
  ...digitalisateMethods,
  ...signaturesMethods,
  ...viewerMethods,
  ...adminMethods,
} as const satisfies Record<string, MethodSpec>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export const isMethodName = (name: string): name is MethodName => Object.hasOwn(methods, name);
