/** `BatchTimeline` takes no props: it shows the `RunStore`'s batches and selects one. */
export type BatchTimelineProps = Record<string, never>;
