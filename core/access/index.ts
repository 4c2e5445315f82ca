export type { Caller } from './caller';
export {
  akteVisibility,
  clerkAmter,
  documentVisibility,
  hasPermission,
  hasRole,
  mayWriteAmt,
  searchScope,
  type SqlFilter,
} from './policy';
