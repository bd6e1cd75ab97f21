/**
 * `rivulet/testing`: test your own pipelines the way Spark's suites test theirs — literal input
 * batches in, one array per output RDD out, on a `ManualClock`.
 */
export {
  testOperation,
  testOperation2,
  type TestOperationOptions,
  type TestOperation2Options,
  type TestRunOptions,
} from './testOperation.js';
export { TestInputStream } from './TestInputStream.js';
