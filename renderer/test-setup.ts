// Renderer tests run in jsdom with an in-memory IndexedDB (Dexie needs one).
import 'fake-indexeddb/auto';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// Debounced inputs (search, Akte lookup) answer after a timer; on the shared 2-core CI machine the
// default 1 s wait of findBy/waitFor was sometimes too short. A longer wait never hides a missing element.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
  window.history.replaceState(null, '', '/');
});
