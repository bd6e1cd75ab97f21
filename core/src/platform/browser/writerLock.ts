/**
 * The lock that lets one writer at a time use a checkpoint store across tabs and workers: a Web
 * Lock (`navigator.locks`, shared by every same-origin tab and worker) asked for with
 * `ifAvailable`, so a second writer is refused at once instead of waiting. Where the Web Locks API
 * is missing (Node before 24, with fake-indexeddb) the lock is per JavaScript realm: it still keeps
 * two stores of one process apart, but not two processes.
 */
export interface WriterLock {
  /** Lets the next writer in; idempotent. */
  release(): void;
}

const heldInThisRealm = new Set<string>();

/** Takes the lock `name` if nobody holds it; `undefined` if somebody does. */
export async function tryWriterLock(name: string): Promise<WriterLock | undefined> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  if (!locks) {
    if (heldInThisRealm.has(name)) return undefined;
    heldInThisRealm.add(name);
    return { release: () => void heldInThisRealm.delete(name) };
  }
  let release = (): void => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  return new Promise<WriterLock | undefined>((resolve, reject) => {
    // The lock is held for as long as the callback's promise is pending, i.e. until `release`.
    locks
      .request(name, { ifAvailable: true }, (lock) => {
        resolve(lock ? { release } : undefined);
        return lock ? released : undefined;
      })
      .catch(reject);
  });
}
