import { randomBytes } from 'node:crypto';

/** Logged-in sessions of this process; a session id is an unguessable bearer token held by one front end. */
export class SessionRegistry {
  private readonly byId = new Map<string, string>();

  open(username: string): string {
    const id = randomBytes(24).toString('base64url');
    this.byId.set(id, username);
    return id;
  }

  usernameOf(sessionId: string | null): string | null {
    return sessionId ? (this.byId.get(sessionId) ?? null) : null;
  }

  close(sessionId: string): void {
    this.byId.delete(sessionId);
  }
}
