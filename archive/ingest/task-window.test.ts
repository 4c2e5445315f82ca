import { describe, expect, it } from 'vitest';
import { taskWindow } from './task-window';

/** A task that finishes when the test says so. */
function gate() {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const done = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { open, fail, task: () => done };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('taskWindow', () => {
  it('keeps at most `limit` tasks in flight and starts the next one as a place frees', async () => {
    const window = taskWindow(3);
    let inFlight = 0;
    let most = 0;
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        window.run(async () => {
          most = Math.max(most, ++inFlight);
          await tick();
          inFlight--;
          return i * 2;
        }),
      ),
    );
    await window.drain();
    expect(most).toBe(3);
    expect(results).toEqual(Array.from({ length: 40 }, (_, i) => i * 2));
  });

  it('wakes a caller waiting for a place even when another waits for the end', async () => {
    const window = taskWindow(1);
    const first = gate();
    const second = gate();
    await window.start(first.task);
    const ended = window.drain();
    const started = window.start(second.task);
    first.open();
    await started; // the freed place went to the waiting start, not to the drain that came first
    let drained = false;
    void ended.then(() => (drained = true));
    await tick();
    expect(drained).toBe(false);
    second.open();
    await ended;
  });

  it('rethrows the first failure to every waiting caller and to drain', async () => {
    const window = taskWindow(1);
    const failing = gate();
    await window.start(failing.task);
    const waiters = [window.run(async () => 1), window.run(async () => 2)];
    failing.fail(new Error('kaputt'));
    for (const w of waiters) await expect(w).rejects.toThrow('kaputt');
    await expect(window.run(async () => 3)).rejects.toThrow('kaputt');
    await expect(window.drain()).rejects.toThrow('kaputt');
  });

  it('counts a task that throws before returning a promise as failed, not as running', async () => {
    const window = taskWindow(1);
    await expect(
      window.run(() => {
        throw new Error('sofort');
      }),
    ).rejects.toThrow('sofort');
    await expect(window.drain()).rejects.toThrow('sofort');
  });
});
