import { z } from 'zod';
import { isAppUrl } from '../ipc-channels';

/** The shape every invoke must have before it reaches the core's own input validation. */
export const InvokeArgs = z.tuple([z.string().regex(/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/).max(64), z.unknown()]);
export const ReadFileArgs = z.tuple([z.uuid()]);

/** Only frames that show our bundled renderer may talk to the core. */
export function isTrustedSender(frameUrl: string | undefined): boolean {
  return frameUrl !== undefined && isAppUrl(frameUrl);
}
