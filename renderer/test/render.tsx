import { render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { User } from '../../contract/schemas/identity';
import { ApiClient } from '../api/client';
import type { Transport } from '../api/transport';
import { ApiProvider } from '../api/ApiProvider';
import { OfflineDb } from '../offline/db';
import { OfflineProvider } from '../offline/OfflineProvider';
import { SessionProvider, useSession } from '../session/SessionProvider';
import { fakeTransport, type FakeTransport, type Handlers } from './fake-transport';

let dbCounter = 0;
/** A fresh IndexedDB per test (fake-indexeddb), so drafts and recent items never leak between tests. */
export const freshDb = () => new OfflineDb(`eakte-test-${++dbCounter}`);

function WhenLoggedIn({ db, children }: { db: OfflineDb; children: ReactNode }) {
  const { state } = useSession();
  if (state.status !== 'active') return <p>nicht angemeldet</p>;
  return (
    <OfflineProvider db={db} user={state.user.username}>
      {children}
    </OfflineProvider>
  );
}

export interface Rendered {
  transport: FakeTransport;
  client: ApiClient;
  db: OfflineDb;
  unmount: () => void;
  rerender: (ui: ReactNode) => void;
}

/** Renders a component as a logged-in user would see it, against handler functions instead of the core. */
export async function renderAsUser(
  ui: ReactNode,
  user: User,
  handlers: Handlers,
  db: OfflineDb = freshDb(),
  /** What only some transports can do, e.g. Electron's file paths and folder dialog. */
  extras: Pick<Transport, 'stageFile' | 'chooseFolder'> = {},
): Promise<Rendered> {
  const transport: FakeTransport = { ...fakeTransport({ 'session.current': () => user, ...handlers }), ...extras };
  const client = new ApiClient(transport);
  const wrap = (node: ReactNode) => (
    <ApiProvider client={client}>
      <SessionProvider>
        <WhenLoggedIn db={db}>{node}</WhenLoggedIn>
      </SessionProvider>
    </ApiProvider>
  );
  const r = render(wrap(ui));
  await waitFor(() => {
    if (screen.queryByText('nicht angemeldet')) throw new Error('session not active yet');
  });
  return { transport, client, db, unmount: r.unmount, rerender: (node) => r.rerender(wrap(node)) };
}
