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
  let running = 0;
  let failure: { error: unknown } | undefined;
  // Callers waiting for a place, woken one per finished task (a `Promise.race` over all running tasks per
  // wait adds `limit` reactions per task: measurable at 20,000 files), and callers waiting for the end.
  const forRoom: (() => void)[] = [];
  const forEnd: (() => void)[] = [];
  const wake = (queue: (() => void)[], all: boolean) => (all ? queue.splice(0) : queue.splice(0, 1)).forEach((w) => w());
  const finished = (error?: { error: unknown }) => {
    running--;
    failure ??= error;
    // After a failure every waiter wakes to rethrow it, not only the one the freed place would go to.
    wake(forRoom, failure !== undefined);
    if (running === 0) wake(forEnd, true);
  };
  // Takes the place as soon as it is free, so a drain woken by the same finish sees it taken.
  const room = async () => {
    while (running >= limit && !failure) await new Promise<void>((w) => forRoom.push(w));
    if (failure) throw failure.error;
    running++;
  };
  const track = <T>(task: () => Promise<T>): Promise<T> => {
    let p: Promise<T>;
    try {
      p = task();
    } catch (error) {
      p = Promise.reject(error);
    }
    p.then(
      () => finished(),
      (error: unknown) => finished({ error }),
    );
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
      while (running > 0) await new Promise<void>((w) => forEnd.push(w));
      if (failure) throw failure.error;
    },
  };
}
