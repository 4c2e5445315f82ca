import type { User } from '../../contract/schemas/identity';
import { areasOf, clerkAmter, mayOpenDocuments, maySearch } from '../session/roles';
import type { Route } from './routes';

/** Where a user lands: the first work area their grants open. */
export function homeRoute(user: User): Route {
  const [first] = areasOf(user);
  switch (first) {
    case 'poststelle':
      return { name: 'poststelle' };
    case 'sachbearbeitung':
      return { name: 'sb.overview' };
    case 'archiv':
      return { name: 'archiv' };
    default:
      return { name: 'admin' };
  }
}

/** Whether a page makes sense for the user; the core refuses the calls anyway, this avoids a page of errors. */
export function mayVisit(user: User, route: Route): boolean {
  const areas = areasOf(user);
  switch (route.name) {
    case 'home':
    case 'notFound':
    case 'sync':
      return true;
    case 'search':
      return maySearch(user);
    case 'poststelle':
      return areas.includes('poststelle');
    case 'sb.overview':
    case 'sb.akten':
    case 'sb.posteingang':
    case 'sb.wiedervorlagen':
      return clerkAmter(user).length > 0;
    case 'archiv':
    case 'archiv.aussonderung':
    case 'archiv.uebernahme':
    case 'archiv.digitalisate':
      return areas.includes('archiv');
    case 'akte':
    case 'document':
      return mayOpenDocuments(user);
    case 'admin':
      return areas.includes('admin');
  }
}
