const resolved = Promise.resolve();

/**
 * Runs `fn` once the promise jobs of the current tick are done, the way DataLoader
 * dispatches: every get and read issued in one tick (however many `await`s deep, short of
 * I/O) is known before any request is chosen, so a get can be answered by a Query issued
 * after it.
 */
export function afterTick(fn: () => void): void {
  void resolved.then(() => process.nextTick(fn));
}
