/**
 * Runs asynchronous sections one at a time, in call order, each seeing the previous one's effects
 * (unlike `SerialQueue`, a section's result and error reach its caller). A failed section does
 * not stop the next one.
 */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(section: () => Promise<T>): Promise<T> {
    const result = this.tail.then(section);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
