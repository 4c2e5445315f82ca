export type { Caller } from './caller';
export {
  akteVisibility,
  clerkAmter,
  documentVisibility,
  hasPermission,
  hasRole,
  mayWriteAmt,
  type SqlFilter,
} from './policy';
