/**
 * Push-based element pipelines: narrow element-wise transformations (map, filter, flatMap,
 * mapValues...) are fused into one chain of sinks per partition, so a partition flows through
 * them in one pass with no intermediate array per operator and no closure per record.
 */

/** Receives the elements of one partition, one at a time. */
export interface Sink<T> {
  push(value: T): void;
}

/** A narrow, element-wise step: wraps the downstream sink into one that applies the step. */
export interface ElementOp<T, U> {
  /** The operator's Spark name, as it appears in lineage (`map`, `filter`...). */
  readonly name: string;
  sink(downstream: Sink<U>): Sink<T>;
}

/** Collects pushed elements into an array. */
export class ArraySink<T> implements Sink<T> {
  constructor(readonly values: T[] = []) {}
  push(value: T): void {
    this.values.push(value);
  }
}

class MapSink<T, U> implements Sink<T> {
  constructor(
    private readonly f: (value: T) => U,
    private readonly downstream: Sink<U>,
  ) {}
  push(value: T): void {
    this.downstream.push(this.f(value));
  }
}

class FilterSink<T> implements Sink<T> {
  constructor(
    private readonly predicate: (value: T) => boolean,
    private readonly downstream: Sink<T>,
  ) {}
  push(value: T): void {
    if (this.predicate(value)) this.downstream.push(value);
  }
}

class FlatMapSink<T, U> implements Sink<T> {
  constructor(
    private readonly f: (value: T) => Iterable<U>,
    private readonly downstream: Sink<U>,
  ) {}
  push(value: T): void {
    const out = this.f(value);
    const downstream = this.downstream;
    if (Array.isArray(out)) {
      for (let i = 0; i < out.length; i++) downstream.push(out[i]);
    } else {
      for (const v of out) downstream.push(v);
    }
  }
}

class MapValuesSink<K, V, W> implements Sink<[K, V]> {
  constructor(
    private readonly f: (value: V) => W,
    private readonly downstream: Sink<[K, W]>,
  ) {}
  push(pair: [K, V]): void {
    this.downstream.push([pair[0], this.f(pair[1])]);
  }
}

export function mapOp<T, U>(f: (value: T) => U, name = 'map'): ElementOp<T, U> {
  return { name, sink: (downstream) => new MapSink(f, downstream) };
}

export function filterOp<T>(predicate: (value: T) => boolean): ElementOp<T, T> {
  return { name: 'filter', sink: (downstream) => new FilterSink(predicate, downstream) };
}

export function flatMapOp<T, U>(f: (value: T) => Iterable<U>, name = 'flatMap'): ElementOp<T, U> {
  return { name, sink: (downstream) => new FlatMapSink(f, downstream) };
}

export function mapValuesOp<K, V, W>(f: (value: V) => W): ElementOp<[K, V], [K, W]> {
  return { name: 'mapValues', sink: (downstream) => new MapValuesSink(f, downstream) };
}

/** Pushes every element of an iterable into a sink; arrays take the indexed fast path. */
export function pushAll<T>(values: Iterable<T>, sink: Sink<T>): void {
  if (Array.isArray(values)) {
    for (let i = 0; i < values.length; i++) sink.push(values[i]);
  } else {
    for (const v of values) sink.push(v);
  }
}
