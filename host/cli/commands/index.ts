import type { Command } from '../command';
import { archivCommands } from './archiv';
import { auditVerifyCommand } from './audit-verify';
import { aussonderungCommands } from './aussonderung';
import { backupCommand, restoreCommand } from './backup';
import { classifyCommand } from './classify';
import { digitalisateCommands } from './digitalisate';
import { exportAkteneinsichtCommand } from './export-akteneinsicht';
import { extractCommand } from './extract';
import { dmsDevCommand } from './dms-dev';
import { fixityCheckCommand } from './fixity-check';
import { importDemoCommand } from './import-demo';
import { intakeCommand } from './intake';
import { searchCommand } from './search';
import { serveCommand } from './serve';
import { signCommand, signUpgradeTimestampsCommand } from './sign';
import { syncRunCommand, syncStatusCommand } from './sync';
import { verifyCommand } from './verify';
import { watchCommand } from './watch';
import { xdomeaValidateCommand } from './xdomea-validate';

/** Every `eakte` subcommand; later features add theirs here. */
export const commands: readonly Command[] = [serveCommand, importDemoCommand, searchCommand, auditVerifyCommand, dmsDevCommand, backupCommand, restoreCommand, ...aussonderungCommands, ...archivCommands, ...digitalisateCommands, xdomeaValidateCommand, fixityCheckCommand, syncStatusCommand, syncRunCommand, intakeCommand, watchCommand, extractCommand, classifyCommand, exportAkteneinsichtCommand, signCommand, signUpgradeTimestampsCommand, verifyCommand];
