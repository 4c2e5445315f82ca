import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from '../../../routing/routes';

describe('document address with a search query', () => {
  it('carries the query to the viewer and back, encoded', () => {
    const href = routeHref({ name: 'document', uuid: 'abc', q: 'Müller & Söhne' });
    expect(href).toBe('#/dokument/abc?q=M%C3%BCller+%26+S%C3%B6hne');
    expect(parseRoute(href)).toEqual({ name: 'document', uuid: 'abc', q: 'Müller & Söhne' });
    expect(routeHref({ name: 'document', uuid: 'abc' })).toBe('#/dokument/abc');
    expect(parseRoute('#/dokument/abc')).toEqual({ name: 'document', uuid: 'abc' });
  });
});
