import {
  CheckpointError,
  IllegalStateError,
  PipelineValidationError,
  ReceiverError,
  RivuletError,
  TaskFailedError,
  ValidationError,
  type ErrorCode,
} from '../../errors.js';

/**
 * An error as plain data, so it can cross a worker boundary (structured clone keeps neither a
 * `RivuletError`'s class nor its `code`) and be shown by the editor. `cause` nests the same way.
 */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  /** The `RivuletError` code, when it is one. */
  readonly code?: string;
  readonly stack?: string;
  readonly cause?: SerializedError;
  /** Other own fields that are plain data (`TaskFailedError.rddId` and `partition`, a pipeline's `problems`...). */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** How deep `cause` chains are followed; deeper causes are cut (a cycle would otherwise recurse forever). */
const MAX_CAUSE_DEPTH = 4;

/** The `RivuletError` classes rebuilt by name on the receiving side; any other name becomes a `RivuletError` with that name. */
const rivuletClasses: Readonly<Record<string, { prototype: RivuletError }>> = {
  RivuletError,
  ValidationError,
  IllegalStateError,
  ReceiverError,
  TaskFailedError,
  PipelineValidationError,
  CheckpointError,
};

/** `error` (anything thrown) as plain data, keeping `name`, `code`, `message`, `stack` and the `cause` chain. */
export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: describeThrown(error) };
  const code = (error as { code?: unknown }).code;
  const details = plainDetails(error);
  const cause = (error as { cause?: unknown }).cause;
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(error.stack === undefined ? {} : { stack: error.stack }),
    ...(cause === undefined || depth >= MAX_CAUSE_DEPTH ? {} : { cause: serializeError(cause, depth + 1) }),
    ...(details ? { details } : {}),
  };
}

/**
 * The error `serialized` describes: a `RivuletError` (of its original class when it is one of
 * the engine's) when it has a code, else a plain `Error` with the original `name`.
 */
export function deserializeError(serialized: SerializedError): Error {
  const cause = serialized.cause ? deserializeError(serialized.cause) : undefined;
  const options = cause ? { cause } : undefined;
  let error: Error;
  if (serialized.code !== undefined) {
    error = new RivuletError(serialized.code as ErrorCode, serialized.message, options);
    const cls = rivuletClasses[serialized.name];
    if (cls) Object.setPrototypeOf(error, cls.prototype);
  } else {
    error = new Error(serialized.message, options);
  }
  error.name = serialized.name;
  if (serialized.stack !== undefined) error.stack = serialized.stack;
  if (serialized.details) Object.assign(error, serialized.details);
  return error;
}

function describeThrown(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Own enumerable fields other than the standard ones, when they survive a JSON round trip unchanged in kind. */
function plainDetails(error: Error): Record<string, unknown> | undefined {
  let details: Record<string, unknown> | undefined;
  for (const key of Object.keys(error)) {
    if (key === 'name' || key === 'message' || key === 'stack' || key === 'code' || key === 'cause') continue;
    const value = (error as unknown as Record<string, unknown>)[key];
    if (!isPlainData(value, 0)) continue;
    (details ??= {})[key] = value;
  }
  return details;
}

function isPlainData(value: unknown, depth: number): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (depth > 4) return false;
      if (Array.isArray(value)) return value.every((v) => isPlainData(v, depth + 1));
      if (Object.getPrototypeOf(value) !== Object.prototype) return false;
      return Object.values(value as object).every((v) => isPlainData(v, depth + 1));
    }
    default:
      return false;
  }
}
