import { aussonderungHandlers } from '../archive/aussonderung/index';
import { coreHandlers } from '../core/api/handlers';
import type { Handlers } from '../core/api/handler-types';
import { intakeHandlers } from '../ocr';
import { syncHandlers } from '../sync';

/** One handler per method of contract/methods; a method without a handler does not compile. */
export const handlers: Handlers = {
  ...coreHandlers,
  ...aussonderungHandlers,
  ...syncHandlers,
  ...intakeHandlers,
};
