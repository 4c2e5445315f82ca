import { AppError } from '../../contract/app-error';
import type { Grant, User } from '../../contract/schemas/identity';
import type { Caller } from '../access/caller';
import type { Queryable, WriteTx } from '../store/db';

interface UserRow {
  id: number;
  uuid: string;
  username: string;
  display_name: string;
  disabled: number;
}

async function grantsOf(q: Queryable, userId: number): Promise<Grant[]> {
  const rows = await q.all<{ role: Grant['role']; amt_id: string | null }>(
    'SELECT role, amt_id FROM user_grant WHERE user_id = ? ORDER BY role, amt_id',
    [userId],
  );
  return rows.map((r) => ({ role: r.role, amtId: r.amt_id }));
}

/** Resolves a login name to a caller; unknown and disabled users are refused. */
export async function resolveCaller(q: Queryable, username: string): Promise<Caller> {
  const row = await q.get<UserRow>('SELECT * FROM app_user WHERE username = ?', [username]);
  if (!row) throw new AppError('auth.unknown_user', { username }, 'unknown user');
  if (row.disabled) throw new AppError('auth.user_disabled', {}, `user ${row.uuid} disabled`);
  return { userId: row.id, uuid: row.uuid, username: row.username, displayName: row.display_name, grants: await grantsOf(q, row.id) };
}

export const toUser = (c: Caller): User => ({ uuid: c.uuid, username: c.username, displayName: c.displayName, grants: [...c.grants] });

export async function listUsers(q: Queryable): Promise<User[]> {
  const rows = await q.all<UserRow>('SELECT * FROM app_user WHERE disabled = 0 ORDER BY username');
  return Promise.all(
    rows.map(async (r) => ({ uuid: r.uuid, username: r.username, displayName: r.display_name, grants: await grantsOf(q, r.id) })),
  );
}

export async function insertUser(
  tx: WriteTx,
  user: { uuid: string; username: string; displayName: string; grants: Grant[] },
  at: Date,
): Promise<number> {
  const { lastID } = await tx.run('INSERT INTO app_user (uuid, username, display_name, created_at) VALUES (?, ?, ?, ?)', [
    user.uuid,
    user.username,
    user.displayName,
    at.toISOString(),
  ]);
  for (const g of user.grants) await tx.run('INSERT INTO user_grant (user_id, role, amt_id) VALUES (?, ?, ?)', [lastID, g.role, g.amtId]);
  return lastID;
}
