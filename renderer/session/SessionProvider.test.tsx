import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../App';
import { ApiClient } from '../api/client';
import { clerk21 } from '../test/data';
import { fakeTransport, refuse } from '../test/fake-transport';
import { freshDb } from '../test/render';

describe('session', () => {
  it('resumes a stored session after a reload, and returns to the login with a notice when it is gone', async () => {
    window.sessionStorage.setItem('eakte.session', 'sess-old');
    let alive = true;
    const transport = fakeTransport({
      'session.current': () => clerk21,
      'session.loginOptions': () => ({ demo: true, users: [clerk21] }),
      'system.status': () => ({ version: '0.1.0', mode: 'browser', demo: true, sync: { state: 'not_configured', pendingOperations: 0, lastSuccessAt: null } }),
      'posteingang.list': () => ({ items: [], total: 0 }),
      'wiedervorlagen.list': () => {
        if (!alive) throw refuse('auth.not_logged_in', 'Bitte melden Sie sich an.');
        return [];
      },
    });
    render(<App client={new ApiClient(transport)} db={freshDb()} />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Übersicht Amt 21' })).toBeTruthy();
    expect(transport.calls[0]).toMatchObject({ method: 'session.current', sessionId: 'sess-old' });

    // The core restarted: the next call finds no session.
    alive = false;
    await act(async () => fireEvent.click(screen.getByRole('link', { name: 'Wiedervorlagen' })));
    expect(await screen.findByText('Ihre Sitzung ist beendet. Bitte melden Sie sich erneut an.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Anmeldung' })).toBeTruthy();
    expect(window.sessionStorage.getItem('eakte.session')).toBeNull();
  });

  it('logs out through the core and forgets the session id', async () => {
    window.sessionStorage.setItem('eakte.session', 'sess-1');
    const transport = fakeTransport({
      'session.current': () => clerk21,
      'session.logout': () => ({ ok: true }),
      'session.loginOptions': () => ({ demo: true, users: [clerk21] }),
      'system.status': () => ({ version: '0.1.0', mode: 'browser', demo: true, sync: { state: 'not_configured', pendingOperations: 0, lastSuccessAt: null } }),
      'posteingang.list': () => ({ items: [], total: 0 }),
      'wiedervorlagen.list': () => [],
    });
    render(<App client={new ApiClient(transport)} db={freshDb()} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Abmelden' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Anmeldung' })).toBeTruthy();
    expect(transport.callsOf('session.logout')).toHaveLength(1);
    expect(window.sessionStorage.getItem('eakte.session')).toBeNull();
  });
});
