import { userInfo } from 'node:os';
import { AppError } from '../../contract/app-error';

/**
 * Who may log in as whom. Demo mode lets anyone pick a demo user; on managed workstations the
 * operating-system login decides and only that account's user can be opened.
 */
export interface IdentitySource {
  readonly demo: boolean;
  authenticate(requestedUsername: string): string;
}

export const demoIdentity: IdentitySource = { demo: true, authenticate: (username) => username };

export function osIdentity(osUsername: string = userInfo().username): IdentitySource {
  return {
    demo: false,
    authenticate: (requested) => {
      if (requested.toLowerCase() !== osUsername.toLowerCase()) {
        throw new AppError('access.denied', {}, 'login name differs from the operating-system account');
      }
      return osUsername;
    },
  };
}
