/** CMIS exceptions of the browser binding with their HTTP status codes (CMIS 1.1, 5.2.9.2). */
export const cmisExceptionStatus = {
  invalidArgument: 400,
  filterNotValid: 400,
  unauthorized: 401,
  permissionDenied: 403,
  streamNotSupported: 403,
  objectNotFound: 404,
  notSupported: 405,
  constraint: 409,
  contentAlreadyExists: 409,
  nameConstraintViolation: 409,
  updateConflict: 409,
  versioning: 409,
  runtime: 500,
  storage: 500,
} as const;

export type CmisException = keyof typeof cmisExceptionStatus;

export class CmisFault extends Error {
  constructor(
    readonly exception: CmisException,
    message: string,
  ) {
    super(message);
    this.name = 'CmisFault';
  }

  get status(): number {
    return cmisExceptionStatus[this.exception];
  }
}
