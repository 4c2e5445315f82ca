import type { IncomingMessage } from 'node:http';
import { AppError, isAppError } from '../../contract/app-error';
import type { Envelope } from '../../contract/envelope';
import { toErrorInfo } from '../../core/api/dispatch';
import { hasPermission } from '../../core/access';
import { newRef } from '../../core/platform/ids';
import { resolveCaller } from '../../core/records/users';
import { saveUpload, tooLarge, uploadFileName } from '../../core/store/uploads';
import type { App } from '../create-app';

/** Scans of a few hundred pages are hundreds of MB; above this a batch should be split anyway. */
export const DEFAULT_MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;

const STATUS: Partial<Record<string, number>> = {
  'auth.not_logged_in': 401,
  'access.denied': 403,
  'intake.upload_too_large': 413,
};

/** Who may stage an upload: the post room (intake), clerks (a new version), the archive (a 0503 ZIP, scan masters). */
const UPLOAD_PERMISSIONS = ['posteingang.write', 'records.write', 'archive.write'] as const;

/**
 * `PUT /files/upload?name=<file name>`: the raw body streamed into the data folder (core/store/uploads.ts)
 * for `intake.start({uploads})`, `documents.addVersion({upload})`, `archiv.receive` (a 0503 ZIP) or
 * `digitalisate.addPages({uploads})` (scan masters). The
 * server has checked token, Host and Origin; here the session must belong to someone who may write one of
 * those, before a byte is written.
 */
export async function receiveUpload(
  app: App,
  req: IncomingMessage,
  username: string | null,
  maxBytes: number,
): Promise<{ status: number; envelope: Envelope<{ uploadId: string }> }> {
  const name = uploadFileName(new URL(req.url ?? '/', 'http://x').searchParams.get('name') ?? '');
  const ref = newRef();
  try {
    if (!username) throw new AppError('auth.not_logged_in', {}, 'upload without session');
    const caller = await resolveCaller(app.store.reader, username);
    if (!UPLOAD_PERMISSIONS.some((p) => hasPermission(caller, p)))
      throw new AppError('access.denied', {}, 'upload without a write permission');
    // Refused before reading when the announced size is already too large.
    if (Number(req.headers['content-length'] ?? 0) > maxBytes) throw tooLarge(name, maxBytes);
    const uploadId = await saveUpload(app.store.dataDir, {
      owner: username,
      fileName: name,
      body: req,
      maxBytes,
    });
    app.logger.info('upload received', { uploadId });
    return { status: 200, envelope: { ok: true, value: { uploadId } } };
  } catch (err) {
    if (!isAppError(err)) throw err;
    app.logger.warn(err.logMessage, { code: err.code, ref });
    return {
      status: STATUS[err.code] ?? 400,
      envelope: { ok: false, error: toErrorInfo(err.code, err.params, ref) },
    };
  }
}
