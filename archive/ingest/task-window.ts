/**
 * At most `limit` tasks in flight: `run` waits for a free place, then starts the task and returns its
 * result; `drain` waits for the rest. The first failure is rethrown by the next `run` and by `drain`,
 * so a producer (the message stream) stops instead of queueing work without bound.
 */
export interface TaskWindow {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Starts the task once there is room, without waiting for it; failures surface through `run`/`drain`. */
  start(task: () => Promise<unknown>): Promise<void>;
  drain(): Promise<void>;
}

export function taskWindow(limit: number): TaskWindow {
  const running = new Set<Promise<unknown>>();
  let failure: { error: unknown } | undefined;
  const room = async () => {
    while (running.size >= limit) await Promise.race(running);
    if (failure) throw failure.error;
  };
  const track = <T>(task: () => Promise<T>): Promise<T> => {
    const p = task();
    const tracked = p.then(
      () => undefined,
      (error: unknown) => {
        failure ??= { error };
      },
    );
    running.add(tracked);
    void tracked.finally(() => running.delete(tracked));
    return p;
  };
  return {
    async run(task) {
      await room();
      return track(task);
    },
    async start(task) {
      await room();
      void track(task).catch(() => undefined);
    },
    async drain() {
      while (running.size > 0) await Promise.race(running);
      if (failure) throw failure.error;
    },
  };
}
