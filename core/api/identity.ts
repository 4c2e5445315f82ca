import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';
import { AppError } from '../../contract/app-error';
import type { GroupRole } from '../../contract/methods/admin';
import type { Grant } from '../../contract/schemas/identity';
import { grantsFromGroups } from '../access/role-mapping';

/**
 * Who may log in as whom. Demo mode lets anyone pick a demo user; on managed workstations the
 * operating-system login decides and only that account's user can be opened.
 */
export interface IdentitySource {
  readonly demo: boolean;
  authenticate(requestedUsername: string): string;
  /** The directory's grants for this user (group → role rules); absent where the app's user table decides. */
  directoryGrants?(username: string): Grant[];
  /** The group → role rules, for the admin page. */
  readonly groupRoles: readonly GroupRole[];
}

export const demoIdentity: IdentitySource = { demo: true, authenticate: (username) => username, groupRoles: [] };

/** With `directory`, roles come from the OS account's groups at every login (see role-mapping.ts). */
export function osIdentity(
  osUsername: string = userInfo().username,
  directory?: { groups: () => string[]; groupRoles: readonly GroupRole[] },
): IdentitySource {
  return {
    demo: false,
    authenticate: (requested) => {
      if (requested.toLowerCase() !== osUsername.toLowerCase()) {
        throw new AppError('access.denied', {}, 'login name differs from the operating-system account');
      }
      return osUsername;
    },
    groupRoles: directory?.groupRoles ?? [],
    ...(directory && { directoryGrants: () => grantsFromGroups(directory.groups(), directory.groupRoles) }),
  };
}

/**
 * Groups of the logged-in account: on Windows the token's groups incl. AD groups (`whoami /groups`, names
 * like `STADT\GG-eAkte-Amt21`), elsewhere `id -Gn`. Read at each login, so a changed membership counts.
 */
export function osGroups(platform: NodeJS.Platform = process.platform): string[] {
  if (platform === 'win32') {
    const csv = execFileSync('whoami', ['/groups', '/fo', 'csv', '/nh'], { encoding: 'utf8', windowsHide: true });
    return csv
      .split(/\r?\n/)
      .map((line) => /^"([^"]*)"/.exec(line)?.[1])
      .filter((g): g is string => Boolean(g));
  }
  return execFileSync('id', ['-Gn'], { encoding: 'utf8' }).trim().split(/\s+/);
}
