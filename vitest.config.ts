import { defineConfig } from 'vitest/config';

// Two projects: everything Node-side, and the renderer in a DOM. End-to-end tests drive Chromium and
// need the built renderer (see test/e2e/global-setup.ts).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'contract/**/*.test.ts',
            'core/**/*.test.ts',
            'host/**/*.test.ts',
            'electron/**/*.test.ts',
            'ocr/**/*.test.ts',
            'classify/**/*.test.ts',
            'archive/**/*.test.ts',
            'sync/**/*.test.ts',
            'fixtures/**/*.test.ts',
            'test/integration/**/*.test.ts',
            'test/crash/**/*.test.ts',
          ],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['renderer/**/*.test.tsx', 'renderer/**/*.test.ts'],
          setupFiles: ['renderer/test-setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
