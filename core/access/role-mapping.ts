import type { GroupRole } from '../../contract/methods/admin';
import type { Grant } from '../../contract/schemas/identity';
import { appendAudit } from '../audit/audit-log';
import type { Clock } from '../platform/clock';
import type { IdGenerator } from '../platform/ids';
import { insertUser } from '../records/users';
import type { Store } from '../store/store';

/** The actor of grant changes that come from the directory (AD groups), not from a person in the app. */
export const DIRECTORY_ACTOR = 'verzeichnis';

/** `DOMAIN\Group` and `Group` both match a rule for `Group`; names compare case-insensitively like Windows. */
export function grantsFromGroups(groups: readonly string[], rules: readonly GroupRole[]): Grant[] {
  const have = new Set(groups.flatMap((g) => [g.toLowerCase(), g.slice(g.lastIndexOf('\\') + 1).toLowerCase()]));
  const grants = rules.filter((r) => have.has(r.group.toLowerCase())).map((r) => ({ role: r.role, amtId: r.amt }));
  return sortGrants(grants.filter((g, i) => grants.findIndex((o) => o.role === g.role && o.amtId === g.amtId) === i));
}

const sortGrants = (grants: Grant[]) => [...grants].sort((a, b) => `${a.role}/${a.amtId}`.localeCompare(`${b.role}/${b.amtId}`));
const same = (a: Grant[], b: Grant[]) => JSON.stringify(sortGrants(a)) === JSON.stringify(sortGrants(b));

/**
 * Makes the stored grants of a user what the directory says, in one transaction with an audit entry per
 * change (before/after), so every role change is traceable. A user seen for the first time is created.
 */
export async function applyDirectoryGrants(deps: { store: Store; clock: Clock; ids: IdGenerator }, username: string, grants: Grant[]): Promise<void> {
  await deps.store.write(async (tx) => {
    let user = await tx.get<{ id: number; uuid: string }>('SELECT id, uuid FROM app_user WHERE username = ?', [username]);
    const now = deps.clock.now();
    if (!user) {
      const uuid = deps.ids.uuid();
      user = { id: await insertUser(tx, { uuid, username, displayName: username, grants: [] }, now), uuid };
    }
    const rows = await tx.all<{ role: Grant['role']; amt_id: string | null }>('SELECT role, amt_id FROM user_grant WHERE user_id = ?', [user.id]);
    const before = rows.map((r) => ({ role: r.role, amtId: r.amt_id }));
    if (same(before, grants)) return;
    await tx.run('DELETE FROM user_grant WHERE user_id = ?', [user.id]);
    for (const g of grants) await tx.run('INSERT INTO user_grant (user_id, role, amt_id) VALUES (?, ?, ?)', [user.id, g.role, g.amtId]);
    await appendAudit(tx, now, { actor: DIRECTORY_ACTOR, action: 'user.grants_changed', objectType: 'user', objectUuid: user.uuid, details: { before: sortGrants(before), after: sortGrants(grants) } });
  });
}
