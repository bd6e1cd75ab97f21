import type { Time } from '../Time.js';

/** The closed set of events the JobGenerator's loop handles (Spark: `JobGeneratorEvent`). */
export type JobGeneratorEvent =
  | { readonly type: 'generateJobs'; readonly time: Time }
  | { readonly type: 'clearMetadata'; readonly time: Time };
