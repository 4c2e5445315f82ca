import type { User } from '../../contract/schemas/identity';
import { t as aussonderungTexts } from '../areas/archiv/aussonderung/texts';
import { t as uebernahmeTexts } from '../areas/archiv/uebernahme/texts';
import { t as digitalisateTexts } from '../areas/archiv/digitalisate/texts';
import { de } from '../i18n/de';
import { useRecent } from '../offline/OfflineProvider';
import { routeHref, type Route } from '../routing/routes';
import { areasOf, clerkAmter, mayOpenDocuments, type Area } from '../session/roles';

interface NavItem {
  label: string;
  route: Route;
  /** Route names that count as "inside" this item for aria-current. */
  matches: readonly Route['name'][];
}

function itemsOf(area: Area, user: User): NavItem[] {
  switch (area) {
    case 'poststelle':
      return [{ label: de.nav.posteingangAll, route: { name: 'poststelle' }, matches: ['poststelle'] }];
    case 'sachbearbeitung':
      if (clerkAmter(user).length === 0) return [];
      return [
        { label: de.nav.overview, route: { name: 'sb.overview' }, matches: ['sb.overview'] },
        { label: de.nav.akten, route: { name: 'sb.akten', entryUuid: null }, matches: ['sb.akten'] },
        { label: de.nav.posteingang, route: { name: 'sb.posteingang', documentUuid: null }, matches: ['sb.posteingang'] },
        { label: de.nav.wiedervorlagen, route: { name: 'sb.wiedervorlagen' }, matches: ['sb.wiedervorlagen'] },
      ];
    case 'archiv':
      return [
        { label: de.nav.archivAkten, route: { name: 'archiv' }, matches: ['archiv'] },
        { label: aussonderungTexts.nav, route: { name: 'archiv.aussonderung', prozessId: null }, matches: ['archiv.aussonderung'] },
        { label: uebernahmeTexts.nav, route: { name: 'archiv.uebernahme', receiptId: null }, matches: ['archiv.uebernahme'] },
        { label: digitalisateTexts.nav, route: { name: 'archiv.digitalisate', unitId: null }, matches: ['archiv.digitalisate'] },
      ];
    case 'admin':
      return [{ label: de.nav.auditVerify, route: { name: 'admin' }, matches: ['admin'] }];
  }
}

export function AreaNav({ user, route }: { user: User; route: Route }) {
  const amter = clerkAmter(user);
  return (
    <nav className="app-nav" aria-label={de.areas.navLabel}>
      {areasOf(user).map((area) => (
        <div key={area} className="nav-section">
          <h2 className="nav-heading">
            {de.areas[area]}
            {area === 'sachbearbeitung' && amter.length > 0 && <span className="nav-heading-amt"> · {amter.map(de.amt).join(', ')}</span>}
          </h2>
          <ul>
            {itemsOf(area, user).map((item) => (
              <li key={item.label}>
                <a href={routeHref(item.route)} className="nav-link" aria-current={item.matches.includes(route.name) ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ))}
      {mayOpenDocuments(user) && <RecentList />}
    </nav>
  );
}

function RecentList() {
  const items = useRecent();
  return (
    <div className="nav-section nav-recent">
      <h2 className="nav-heading">{de.nav.recent}</h2>
      {items.length === 0 ? (
        <p className="nav-empty">{de.nav.recentEmpty}</p>
      ) : (
        <ul>
          {items.slice(0, 8).map((r) => (
            <li key={r.key}>
              <a
                className="nav-link nav-link-recent"
                href={routeHref(r.kind === 'akte' ? { name: 'akte', uuid: r.uuid, vorgangUuid: null } : { name: 'document', uuid: r.uuid })}
              >
                <span className="recent-sub">{r.subtitle}</span>
                <span className="recent-title">{r.title}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
