/** `DriverFailure` takes no props: it shows itself while the editor's run is a killed driver (`simulateFailure()`). */
export type DriverFailureProps = Record<string, never>;
