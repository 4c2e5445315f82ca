import type { SearchFilters } from '../../contract/schemas/search';

export type SearchRouteParams = Pick<SearchFilters, 'amtId' | 'status' | 'docType' | 'dateFrom' | 'dateTo'> & { q: string };

export type Route =
  | { name: 'home' }
  | { name: 'search'; params: SearchRouteParams }
  | { name: 'poststelle' }
  | { name: 'sb.overview' }
  | { name: 'sb.akten'; entryUuid: string | null }
  | { name: 'sb.posteingang'; documentUuid: string | null }
  | { name: 'sb.wiedervorlagen' }
  | { name: 'archiv' }
  | { name: 'archiv.aussonderung'; prozessId: string | null }
  | { name: 'archiv.uebernahme'; receiptId: string | null }
  | { name: 'archiv.digitalisate'; unitId: string | null }
  | { name: 'akte'; uuid: string; vorgangUuid: string | null }
  | { name: 'document'; uuid: string; q?: string }
  | { name: 'admin' }
  | { name: 'sync' }
  | { name: 'notFound' };

// Short German keys in the address, in the order they appear.
const SEARCH_KEYS = [
  ['q', 'q'],
  ['amtId', 'amt'],
  ['status', 'status'],
  ['docType', 'typ'],
  ['dateFrom', 'von'],
  ['dateTo', 'bis'],
] as const;

const DOC_STATUS = ['eingang', 'abgelegt'] as const;
const isDocStatus = (v: string | null): v is (typeof DOC_STATUS)[number] => DOC_STATUS.includes(v as never);
const isoDate = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);

function parseSearch(query: string): SearchRouteParams {
  const p = new URLSearchParams(query);
  const amt = p.get('amt');
  const status = p.get('status');
  return {
    q: p.get('q') ?? '',
    amtId: amt && /^\d{2}$/.test(amt) ? amt : undefined,
    status: isDocStatus(status) ? status : undefined,
    docType: p.get('typ') || undefined,
    dateFrom: isoDate(p.get('von')),
    dateTo: isoDate(p.get('bis')),
  };
}

/** Routes live in the fragment (`#/akte/…`): the page is one file served from http:// and app:// alike. */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [path = '', query = ''] = raw.split('?', 2);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [a, b, c, d] = parts;
  switch (a) {
    case undefined:
      return { name: 'home' };
    case 'suche':
      return { name: 'search', params: parseSearch(query) };
    case 'poststelle':
      return { name: 'poststelle' };
    case 'sachbearbeitung':
      if (b === undefined) return { name: 'sb.overview' };
      if (b === 'akten') return { name: 'sb.akten', entryUuid: c ?? null };
      if (b === 'posteingang') return { name: 'sb.posteingang', documentUuid: c ?? null };
      if (b === 'wiedervorlagen') return { name: 'sb.wiedervorlagen' };
      break;
    case 'archiv':
      if (b === 'aussonderung') return { name: 'archiv.aussonderung', prozessId: c ?? null };
      if (b === 'uebernahme') return { name: 'archiv.uebernahme', receiptId: c ?? null };
      if (b === 'digitalisate') return { name: 'archiv.digitalisate', unitId: c ?? null };
      if (b === undefined) return { name: 'archiv' };
      break;
    case 'akte':
      if (b) return { name: 'akte', uuid: b, vorgangUuid: c === 'vorgang' && d ? d : null };
      break;
    case 'dokument':
      if (b) {
        const q = new URLSearchParams(query).get('q');
        return q ? { name: 'document', uuid: b, q } : { name: 'document', uuid: b };
      }
      break;
    case 'administration':
      return { name: 'admin' };
    case 'abgleich':
      return { name: 'sync' };
  }
  return { name: 'notFound' };
}

const seg = (s: string) => encodeURIComponent(s);

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'home':
    case 'notFound':
      return '#/';
    case 'search': {
      const p = new URLSearchParams();
      for (const [key, short] of SEARCH_KEYS) {
        const v = route.params[key];
        if (v) p.set(short, v);
      }
      return `#/suche?${p.toString()}`;
    }
    case 'poststelle':
      return '#/poststelle';
    case 'sb.overview':
      return '#/sachbearbeitung';
    case 'sb.akten':
      return route.entryUuid ? `#/sachbearbeitung/akten/${seg(route.entryUuid)}` : '#/sachbearbeitung/akten';
    case 'sb.posteingang':
      return route.documentUuid ? `#/sachbearbeitung/posteingang/${seg(route.documentUuid)}` : '#/sachbearbeitung/posteingang';
    case 'sb.wiedervorlagen':
      return '#/sachbearbeitung/wiedervorlagen';
    case 'archiv':
      return '#/archiv';
    case 'archiv.aussonderung':
      return route.prozessId ? `#/archiv/aussonderung/${seg(route.prozessId)}` : '#/archiv/aussonderung';
    case 'archiv.uebernahme':
      return route.receiptId ? `#/archiv/uebernahme/${seg(route.receiptId)}` : '#/archiv/uebernahme';
    case 'archiv.digitalisate':
      return route.unitId ? `#/archiv/digitalisate/${seg(route.unitId)}` : '#/archiv/digitalisate';
    case 'akte':
      return `#/akte/${seg(route.uuid)}${route.vorgangUuid ? `/vorgang/${seg(route.vorgangUuid)}` : ''}`;
    case 'document':
      return `#/dokument/${seg(route.uuid)}${route.q ? `?${new URLSearchParams({ q: route.q }).toString()}` : ''}`;
    case 'admin':
      return '#/administration';
    case 'sync':
      return '#/abgleich';
  }
}
