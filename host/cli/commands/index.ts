import type { Command } from '../command';
import { auditVerifyCommand } from './audit-verify';
import { backupCommand, restoreCommand } from './backup';
import { dmsDevCommand } from './dms-dev';
import { importDemoCommand } from './import-demo';
import { searchCommand } from './search';
import { serveCommand } from './serve';

/** Every `eakte` subcommand; later features add theirs here. */
export const commands: readonly Command[] = [serveCommand, importDemoCommand, searchCommand, auditVerifyCommand, dmsDevCommand, backupCommand, restoreCommand];
