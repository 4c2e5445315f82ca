import { describe, expect, it, vi } from 'vitest';
import { hardenContents, hardenSession } from './harden-contents';

describe('content hardening', () => {
  it('blocks navigation away from the app, new windows and webviews', () => {
    const listeners = new Map<string, (e: { preventDefault(): void }, url?: string) => void>();
    let openHandler: () => { action: string } = () => ({ action: 'allow' });
    const contents = {
      on: (name: string, fn: (e: { preventDefault(): void }, url?: string) => void) => listeners.set(name, fn),
      setWindowOpenHandler: (fn: () => { action: string }) => (openHandler = fn),
    };
    hardenContents(contents as never);
    const nav = (name: string, url: string) => {
      const e = { preventDefault: vi.fn() };
      listeners.get(name)!(e, url);
      return e.preventDefault.mock.calls.length > 0;
    };
    expect(nav('will-navigate', 'https://evil.example/')).toBe(true);
    expect(nav('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(nav('will-navigate', 'app://eakte/index.html#/akten')).toBe(false);
    expect(nav('will-redirect', 'http://127.0.0.1:8080/')).toBe(true);
    expect(openHandler()).toEqual({ action: 'deny' });
    const webview = { preventDefault: vi.fn() };
    listeners.get('will-attach-webview')!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('denies every permission and cancels any request that is not the app’s own', () => {
    let decide: (c: unknown, p: string, cb: (ok: boolean) => void) => void = () => undefined;
    let check: () => boolean = () => true;
    let filter: (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void = () => undefined;
    hardenSession({
      setPermissionRequestHandler: (fn: typeof decide) => (decide = fn),
      setPermissionCheckHandler: (fn: typeof check) => (check = fn),
      webRequest: { onBeforeRequest: (fn: typeof filter) => (filter = fn) },
    } as never);
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal']) {
      const cb = vi.fn();
      decide(null, permission, cb);
      expect(cb).toHaveBeenCalledWith(false);
    }
    expect(check()).toBe(false);
    const cancelled = (url: string) => {
      let result = false;
      filter({ url }, (r) => (result = r.cancel));
      return result;
    };
    expect(cancelled('https://cdn.example/lib.js')).toBe(true);
    expect(cancelled('http://127.0.0.1:3000/api')).toBe(true);
    expect(cancelled('app://eakte/assets/index.js')).toBe(false);
    expect(cancelled('blob:app://eakte/1234')).toBe(false);
  });
});
