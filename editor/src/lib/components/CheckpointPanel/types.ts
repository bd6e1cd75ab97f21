/** `CheckpointPanel` takes no props: it shows the `CheckpointsStore` of the editor's context and drives its `RunStore`. */
export type CheckpointPanelProps = Record<string, never>;
