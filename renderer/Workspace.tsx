import type { User } from '../contract/schemas/identity';
import { AuditVerifyPage } from './areas/admin/AuditVerifyPage';
import { ArchivPage } from './areas/archiv/ArchivPage';
import { AussonderungPage } from './areas/archiv/aussonderung/AussonderungPage';
import { UebernahmePage } from './areas/archiv/uebernahme/UebernahmePage';
import { DigitalisatePage } from './areas/archiv/digitalisate/DigitalisatePage';
import { PoststellePage } from './areas/poststelle/PoststellePage';
import { AktePage } from './areas/records/AktePage';
import { DocumentPage } from './areas/records/DocumentPage';
import { AktenPage } from './areas/sachbearbeitung/AktenPage';
import { OverviewPage } from './areas/sachbearbeitung/OverviewPage';
import { PosteingangPage } from './areas/sachbearbeitung/PosteingangPage';
import { WiedervorlagenPage } from './areas/sachbearbeitung/WiedervorlagenPage';
import { SearchPage } from './areas/search/SearchPage';
import { SyncPage } from './areas/abgleich/SyncPage';
import { AppShell } from './components/AppShell';
import { de } from './i18n/de';
import { homeRoute, mayVisit } from './routing/access';
import type { Route } from './routing/routes';
import { useRoute } from './routing/use-route';
import { useSession } from './session/SessionProvider';

export function Workspace({ user }: { user: User }) {
  const { logout } = useSession();
  const asked = useRoute();
  const route = asked.name === 'home' ? homeRoute(user) : asked;
  return (
    <AppShell user={user} route={route} onLogout={() => void logout()}>
      {mayVisit(user, route) ? <Page route={route} user={user} /> : <Message text={de.noAccess} />}
    </AppShell>
  );
}

function Page({ route, user }: { route: Route; user: User }) {
  switch (route.name) {
    case 'search':
      return <SearchPage params={route.params} />;
    case 'poststelle':
      return <PoststellePage />;
    case 'sb.overview':
      return <OverviewPage />;
    case 'sb.akten':
      return <AktenPage entryUuid={route.entryUuid} />;
    case 'sb.posteingang':
      return <PosteingangPage documentUuid={route.documentUuid} />;
    case 'sb.wiedervorlagen':
      return <WiedervorlagenPage />;
    case 'archiv':
      return <ArchivPage />;
    case 'archiv.aussonderung':
      return <AussonderungPage key={route.prozessId ?? ''} prozessId={route.prozessId} />;
    case 'archiv.uebernahme':
      return <UebernahmePage key={route.receiptId ?? ''} receiptId={route.receiptId} />;
    case 'archiv.digitalisate':
      return <DigitalisatePage key={route.unitId ?? ''} unitId={route.unitId} />;
    case 'akte':
      return <AktePage key={route.uuid} uuid={route.uuid} vorgangUuid={route.vorgangUuid} />;
    case 'document':
      return <DocumentPage key={route.uuid} uuid={route.uuid} query={route.q ?? null} />;
    case 'admin':
      return <AuditVerifyPage />;
    case 'sync':
      return <SyncPage user={user} />;
    case 'home':
    case 'notFound':
      return <Message text={de.notFound} />;
  }
}

function Message({ text }: { text: string }) {
  return (
    <div className="page">
      <h1 className="page-title">{text}</h1>
      <p>
        <a href="#/">{de.toStart}</a>
      </p>
    </div>
  );
}
