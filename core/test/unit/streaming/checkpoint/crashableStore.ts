/**
 * A checkpoint store that can "crash": after `crash()`, nothing more reaches the underlying store —
 * checkpoints, write-ahead-log records and durable records are accepted and dropped, as if the
 * process had died at that moment — so an in-process test can kill a context at an exact point
 * and recover a new one from what was durable.
 */
import type { CheckpointStore, DurableRecords, WriteAheadLog, WriteAheadLogRecordHandle } from '../../../../src/index.js';

export interface CrashableStore extends CheckpointStore {
  crash(): void;
  readonly crashed: boolean;
}

export function crashable(store: CheckpointStore): CrashableStore {
  let crashed = false;
  const lost: WriteAheadLogRecordHandle = { segment: 'lost', offset: 0, length: 0 };
  const writeAheadLog: WriteAheadLog = {
    write: (record, time) => (crashed ? Promise.resolve(lost) : store.writeAheadLog.write(record, time)),
    read: (handle) => store.writeAheadLog.read(handle),
    readAll: () => store.writeAheadLog.readAll(),
    clean: (threshTime) => (crashed ? Promise.resolve() : store.writeAheadLog.clean(threshTime)),
  };
  const records: DurableRecords = {
    get: (key) => store.records.get(key),
    put: (key, value) => (crashed ? Promise.resolve() : store.records.put(key, value)),
    delete: (key) => (crashed ? Promise.resolve() : store.records.delete(key)),
    keys: (prefix) => store.records.keys(prefix),
  };
  return {
    name: store.name,
    write: (time, parts) => (crashed ? Promise.resolve() : store.write(time, parts)),
    readLatest: () => store.readLatest(),
    list: () => store.list(),
    delete: (time) => store.delete(time),
    usage: () => store.usage(),
    writeAheadLog,
    records,
    close: () => store.close(),
    crash: () => {
      crashed = true;
    },
    get crashed() {
      return crashed;
    },
  };
}
