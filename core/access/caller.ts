import type { Grant } from '../../contract/schemas/identity';

/** Who is calling; always taken from the transport's login state, never from the call's input. */
export interface Caller {
  readonly userId: number;
  readonly uuid: string;
  readonly username: string;
  readonly displayName: string;
  readonly grants: readonly Grant[];
}
