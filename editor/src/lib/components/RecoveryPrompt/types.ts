export interface RecoveryPromptProps {
  /**
   * Run the opened pipeline once the page has started, unless there is a run to recover: true for
   * the starting example (a trusted gallery pipeline, no link or file).
   */
  autorun: boolean;
}
