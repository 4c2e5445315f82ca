import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { User } from '../../../contract/schemas/identity';
import { App } from '../../App';
import { ApiClient } from '../../api/client';
import { clerk21, uuid } from '../../test/data';
import { fakeTransport, refuse, type Handlers } from '../../test/fake-transport';
import { freshDb } from '../../test/render';

const users: User[] = [
  { uuid: uuid(), username: 'poststelle', displayName: 'Petra Krämer (Poststelle)', grants: [{ role: 'poststelle', amtId: null }] },
  clerk21,
  { uuid: uuid(), username: 'archiv', displayName: 'Sabine Wolff (Stadtarchiv)', grants: [{ role: 'archiv', amtId: null }] },
];

function renderApp(handlers: Handlers) {
  const transport = fakeTransport({
    'session.current': () => {
      throw refuse('auth.not_logged_in', 'Bitte melden Sie sich an.');
    },
    'session.loginOptions': () => ({ demo: true, users }),
    'system.status': () => ({ version: '0.1.0', mode: 'browser', demo: true, sync: { state: 'not_configured', pendingOperations: 0, lastSuccessAt: null } }),
    'wiedervorlagen.list': () => [],
    'posteingang.list': () => ({ items: [], total: 0 }),
    ...handlers,
  });
  render(<App client={new ApiClient(transport)} db={freshDb()} />);
  return transport;
}

describe('LoginScreen', () => {
  it('lists the demo users with their role, one tab stop, arrow keys move between them', async () => {
    renderApp({});
    const buttons = await screen.findAllByRole('button', { name: /Amt 21|Poststelle|Stadtarchiv/ });
    expect(buttons.map((b) => b.textContent)).toEqual([
      'Petra Krämer (Poststelle)poststelle · Poststelle',
      'Murat Yıldız (Amt 21)sb21 · Sachbearbeitung Amt 21',
      'Sabine Wolff (Stadtarchiv)archiv · Stadtarchiv',
    ]);
    expect(buttons.map((b) => b.tabIndex)).toEqual([0, -1, -1]);
    buttons[0]!.focus();
    fireEvent.keyDown(buttons[0]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(buttons[1]);
    fireEvent.keyDown(buttons[1]!, { key: 'End' });
    expect(document.activeElement).toBe(buttons[2]);
    fireEvent.keyDown(buttons[2]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(buttons[0]);
  });

  it('logs in the chosen user, keeps the session for a reload and opens their work area', async () => {
    const transport = renderApp({ 'session.login': ({ username }) => ({ sessionId: 'sess-42', user: users.find((u) => u.username === username)! }) });
    fireEvent.click(await screen.findByRole('button', { name: /Murat Yıldız/ }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Übersicht Amt 21' })).toBeTruthy();
    expect(transport.callsOf('session.login')).toEqual([{ username: 'sb21' }]);
    expect(window.sessionStorage.getItem('eakte.session')).toBe('sess-42');
    // Every later call carries the session.
    await waitFor(() => expect(transport.calls.filter((c) => c.method === 'wiedervorlagen.list').every((c) => c.sessionId === 'sess-42')).toBe(true));
    expect(screen.getByRole('navigation', { name: 'Arbeitsbereiche' }).textContent).toContain('Sachbearbeitung');
    expect(screen.getByRole('navigation', { name: 'Arbeitsbereiche' }).textContent).not.toContain('Poststelle');
  });

  it('shows the core\'s German message when the login is refused', async () => {
    renderApp({
      'session.login': () => {
        throw refuse('auth.user_disabled', 'Diese Benutzerkennung ist gesperrt.', false, 'R-LOGIN');
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: /Sabine Wolff/ }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Diese Benutzerkennung ist gesperrt.');
    expect(alert.textContent).toContain('R-LOGIN');
  });
});
