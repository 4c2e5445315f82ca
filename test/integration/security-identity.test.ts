import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../contract/methods';
import type { GroupRole } from '../../contract/methods/admin';
import { osGroups, osIdentity } from '../../core/api/identity';
import { createApp, type App } from '../../host/create-app';
import { copyDemoDataDir } from '../helpers/demo-app';

const rules: GroupRole[] = [
  { group: 'GG-eAkte-Amt21', role: 'sachbearbeitung', amt: '21' },
  { group: 'GG-eAkte-Amt32', role: 'sachbearbeitung', amt: '32' },
  { group: 'GG-eAkte-IT', role: 'admin', amt: null },
];

describe('roles from directory groups', () => {
  const cleanup: (() => void)[] = [];
  afterAll(() => cleanup.forEach((c) => c()));

  /** One app per Windows account: the OS login decides who is calling; `groups` is what whoami would list. */
  async function asAccount(dataDir: string, account: string, groups: string[]) {
    const app = await createApp({ dataDir, mode: 'cli', identity: osIdentity(account, { groups: () => groups, groupRoles: rules }) });
    const login = await app.dispatch({ sessionId: null, transport: 'test' }, 'session.login', { username: account });
    return { app, login };
  }
  const call = <M extends 'admin.identityMapping' | 'audit.verify' | 'akten.list'>(app: App, sessionId: string, method: M, input: MethodInput<M>) =>
    app.dispatch({ sessionId, transport: 'test' }, method, input);

  it('maps AD groups to grants at login, audits every change and shows them to the admin only', async () => {
    const copy = await copyDemoDataDir();
    cleanup.push(copy.remove);

    // A new clerk in Amt 21's group: created on first login with exactly that grant.
    let s = await asAccount(copy.path, 'kneumann', ['STADT\\Domänen-Benutzer', 'STADT\\GG-eAkte-Amt21']);
    expect(s.login).toMatchObject({ ok: true, value: { user: { username: 'kneumann', grants: [{ role: 'sachbearbeitung', amtId: '21' }] } } });
    const akten = await call(s.app, s.login.ok ? s.login.value.sessionId : '', 'akten.list', { limit: 5 });
    expect(akten.ok && akten.value.items.every((a) => a.amtId === '21')).toBe(true);
    await s.app.close();

    // Moved to Amt 32 in the directory: the next login has only Amt 32.
    s = await asAccount(copy.path, 'kneumann', ['stadt\\gg-eakte-amt32']);
    expect(s.login).toMatchObject({ ok: true, value: { user: { grants: [{ role: 'sachbearbeitung', amtId: '32' }] } } });
    await s.app.close();

    // Removed from every group: refused, and the stored grants are gone too.
    s = await asAccount(copy.path, 'kneumann', ['STADT\\Domänen-Benutzer']);
    expect(s.login).toMatchObject({ ok: false, error: { code: 'access.denied' } });
    await s.app.close();

    const itAdmin = await asAccount(copy.path, 'admin', ['STADT\\GG-eAkte-IT']);
    if (!itAdmin.login.ok) throw new Error(itAdmin.login.error.code);
    const mapping = await call(itAdmin.app, itAdmin.login.value.sessionId, 'admin.identityMapping', {});
    if (!mapping.ok) throw new Error(mapping.error.code);
    expect(mapping.value.source).toBe('os');
    expect(mapping.value.groupRoles).toEqual(rules);
    const kneumann = mapping.value.changes.filter((c) => c.userUuid === mapping.value.changes.at(-1)!.userUuid);
    expect(kneumann.map((c) => c.after)).toEqual([[], [{ role: 'sachbearbeitung', amtId: '32' }], [{ role: 'sachbearbeitung', amtId: '21' }]]);
    expect(kneumann.map((c) => c.before)).toEqual([[{ role: 'sachbearbeitung', amtId: '32' }], [{ role: 'sachbearbeitung', amtId: '21' }], []]);
    // The chain still verifies with the grant changes in it.
    expect(await call(itAdmin.app, itAdmin.login.value.sessionId, 'audit.verify', {})).toMatchObject({ ok: true, value: { ok: true } });
    await itAdmin.app.close();

    const clerk = await asAccount(copy.path, 'sb21x', ['GG-eAkte-Amt21']);
    if (!clerk.login.ok) throw new Error(clerk.login.error.code);
    expect(await call(clerk.app, clerk.login.value.sessionId, 'admin.identityMapping', {})).toMatchObject({ ok: false, error: { code: 'access.denied' } });
    await clerk.app.close();
  }, 120_000);

  it('reads the groups of the real OS account', () => {
    const groups = osGroups();
    expect(groups).toContain(execFileSync('id', ['-gn'], { encoding: 'utf8' }).trim());
    expect(groups).toEqual(execFileSync('id', ['-Gn'], { encoding: 'utf8' }).trim().split(' '));
  });
});
