/** One point of a timeline: a batch's time and its value. */
export interface ChartPoint {
  readonly x: number;
  readonly y: number;
}

/** A dashed horizontal line on a chart, such as the batch interval. */
export interface ChartReference {
  readonly value: number;
  readonly label: string;
}

/** `StreamingCharts` takes no props: it charts the `RunStore`'s batches. */
export type StreamingChartsProps = Record<string, never>;
