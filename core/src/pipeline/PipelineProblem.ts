/**
 * A mistake found in a pipeline spec, located as precisely as possible (the editor highlights the
 * node, edge or parameter) and explained with a fix. `validatePipeline` returns all of them at once.
 */
export interface PipelineProblem {
  readonly code: PipelineProblemCode;
  readonly message: string;
  readonly nodeId?: string;
  readonly edgeId?: string;
  readonly param?: string;
  /** Where in the JSON the problem is, for problems of the spec's structure (`nodes[2].params`). */
  readonly path?: string;
}

/** Every problem code, with a line of help each (as `ErrorCodes` does for errors). */
export const PipelineProblemCodes = {
  // Untrusted input and structure (the JSON Schema's part)
  INVALID_JSON: 'The text is not JSON.',
  TOO_LARGE: 'The spec is larger than the limits allow.',
  TOO_DEEP: 'Arrays and objects are nested deeper than the limit.',
  FORBIDDEN_KEY: 'A key such as __proto__, constructor or prototype, which could reach object prototypes.',
  INVALID_STRUCTURE: 'A field is missing, has the wrong type, or is not part of the format.',
  UNSUPPORTED_VERSION: 'The spec is of a format version this Rivulet does not read.',
  DUPLICATE_ID: 'Two nodes (or two edges) share an id.',
  // Operators and parameters
  UNKNOWN_OPERATOR: 'A node names an operator that is not in the registry.',
  UNKNOWN_PARAM: 'A node has a parameter its operator does not take.',
  MISSING_PARAM: 'A required parameter is missing.',
  INVALID_PARAM: 'A parameter has the wrong type or is out of range.',
  FUNCTION_SYNTAX: 'A function parameter does not parse as JavaScript.',
  NOT_A_FUNCTION: 'A function parameter parses, but is not a single function expression.',
  FUNCTION_ARITY: 'A function declares a number of parameters its operator cannot use.',
  // The graph
  UNKNOWN_NODE: 'An edge refers to a node that does not exist.',
  INVALID_PORT: 'An edge goes into a port its target does not have, or out of an output operator.',
  PORT_TAKEN: 'A port has more than one incoming edge.',
  MISSING_INPUT: 'An input port has no incoming edge.',
  CYCLE: 'The edges form a cycle; a DStream graph is acyclic.',
  KIND_MISMATCH: 'An operator that needs key-value pairs is fed single values.',
  SLIDE_MISMATCH: 'The two inputs of an operator slide at different intervals.',
  INVALID_WINDOW: "A window or slide duration is not a multiple of the parent stream's slide.",
  CHECKPOINT_REQUIRED: 'A stateful operator is used but checkpointing is off.',
  INVALID_CHECKPOINT_INTERVAL: "The checkpoint interval is not a multiple of a stateful stream's slide.",
  NO_OUTPUT: 'The pipeline has no output operator, so nothing would ever run.',
  // Compilation
  BATCH_DURATION_MISMATCH: "The StreamingContext's batch duration differs from the spec's batchDurationMs.",
  OPERATOR_FAILED: 'Building an operator failed with an error the checks above did not foresee.',
} as const;

export type PipelineProblemCode = keyof typeof PipelineProblemCodes;
