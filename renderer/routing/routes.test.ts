import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, type Route } from './routes';

const U = '6f1c0a52-7f1e-4b6c-9a51-1c2b3d4e5f60';
const V = '0b7e4d1a-2c3f-4e5a-8b9c-0d1e2f3a4b5c';

describe('routes', () => {
  it.each<Route>([
    { name: 'poststelle' },
    { name: 'sb.overview' },
    { name: 'sb.akten', entryUuid: null },
    { name: 'sb.akten', entryUuid: U },
    { name: 'sb.posteingang', documentUuid: U },
    { name: 'sb.wiedervorlagen' },
    { name: 'archiv' },
    { name: 'akte', uuid: U, vorgangUuid: null },
    { name: 'akte', uuid: U, vorgangUuid: V },
    { name: 'document', uuid: U },
    { name: 'admin' },
  ])('reads back what it writes: %o', (route) => {
    expect(parseRoute(routeHref(route))).toEqual(route);
  });

  it('keeps search text and filters, with umlauts and spaces, in the address', () => {
    const route: Route = {
      name: 'search',
      params: { q: 'Größe & Maß', amtId: '32', status: 'eingang', docType: 'Antrag auf Aufenthaltstitel', dateFrom: '2026-01-01', dateTo: '2026-02-01' },
    };
    expect(parseRoute(routeHref(route))).toEqual(route);
  });

  it('drops filter values that are not valid instead of sending them to the core', () => {
    expect(parseRoute('#/suche?q=x&amt=999&status=geloescht&von=gestern')).toEqual({
      name: 'search',
      params: { q: 'x', amtId: undefined, status: undefined, docType: undefined, dateFrom: undefined, dateTo: undefined },
    });
  });

  it('treats an empty fragment as home and unknown paths as not found', () => {
    expect(parseRoute('')).toEqual({ name: 'home' });
    expect(parseRoute('#/')).toEqual({ name: 'home' });
    expect(parseRoute('#/akte')).toEqual({ name: 'notFound' });
    expect(parseRoute('#/irgendwas')).toEqual({ name: 'notFound' });
  });
});
