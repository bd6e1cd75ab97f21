/** `RunControls` takes no props: it drives the `RunStore` of the editor's context. */
export type RunControlsProps = Record<string, never>;

/** The playback speeds offered (the engine accepts 0.25 to 4). */
export const SPEEDS = [0.25, 0.5, 1, 2, 4] as const;
