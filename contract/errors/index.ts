import { archivErrors } from './archiv';
import { archivFindingTexts } from './archiv-findings';
import { aussonderungErrors } from './aussonderung';
import { backupErrors } from './backup';
import { classifyErrors } from './classify';
import { coreErrors } from './core';
import { digitalisateErrors } from './digitalisate';
import { intakeErrors } from './intake';
import { intakePipelineErrors } from './intake-pipeline';
import { pdfaErrors } from './pdfa';
import { xdomeaErrors } from './xdomea';
import { zipErrors } from './zip';
import { signErrors } from './sign';
import { syncErrors } from './sync';
import { securityErrors } from './security';
import { workspaceErrors } from './workspace';
import type { ErrorParams, ErrorSpec } from './define';

/** Every area registers its table here; codes are unique across areas (errors.test.ts checks). */
export const errorTable = {
  ...coreErrors,
  ...workspaceErrors,
  ...intakeErrors,
  ...pdfaErrors,
  ...classifyErrors,
  ...xdomeaErrors,
  ...zipErrors,
  ...aussonderungErrors,
  ...signErrors,
  ...syncErrors,
  ...intakePipelineErrors,
  ...backupErrors,
  ...archivErrors,
  ...archivFindingTexts,
  ...digitalisateErrors,
  ...securityErrors,
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof errorTable;
export type { ErrorParams, ErrorSpec };

export const errorArea = (code: ErrorCode): string => code.slice(0, code.indexOf('.'));

export function germanMessage(code: ErrorCode, params: ErrorParams = {}): string {
  return errorTable[code].de(params);
}
