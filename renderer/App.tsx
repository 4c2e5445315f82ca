import type { ApiClient } from './api/client';
import { ApiProvider } from './api/ApiProvider';
import { Loading } from './components/Loaded';
import { LoginScreen } from './areas/login/LoginScreen';
import type { OfflineDb } from './offline/db';
import { OfflineProvider } from './offline/OfflineProvider';
import { SessionProvider, useSession } from './session/SessionProvider';
import { Workspace } from './Workspace';

export function App({ client, db }: { client: ApiClient; db: OfflineDb }) {
  return (
    <ApiProvider client={client}>
      <SessionProvider>
        <SessionGate db={db} />
      </SessionProvider>
    </ApiProvider>
  );
}

function SessionGate({ db }: { db: OfflineDb }) {
  const { state } = useSession();
  if (state.status === 'checking') {
    return (
      <main className="boot">
        <Loading />
      </main>
    );
  }
  if (state.status === 'anonymous') return <LoginScreen />;
  return (
    <OfflineProvider db={db} user={state.user.username}>
      <Workspace user={state.user} />
    </OfflineProvider>
  );
}
