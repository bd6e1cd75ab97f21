import { transferHandlers, type TransferHandler } from 'comlink';
import { deserializeError, serializeError, type SerializedError } from './serializeError.js';

/** What comlink's built-in `throw` handler receives: the thrown value, wrapped. */
interface Thrown {
  readonly value: unknown;
}

type SerializedThrow = { readonly isError: true; readonly value: SerializedError } | { readonly isError: false; readonly value: unknown };

let installed = false;

/**
 * Makes errors thrown across comlink keep `name`, `code`, `message`, `stack` and `cause`:
 * comlink's own `throw` handler keeps only name, message and stack, so a `RivuletError` would
 * arrive as a plain `Error` without its code. Wraps that handler (it owns the private marker that
 * tells a thrown value from a returned one). Idempotent; both sides of a boundary must call it.
 */
export function installErrorTransfer(): void {
  if (installed) return;
  installed = true;
  const builtin = transferHandlers.get('throw') as TransferHandler<Thrown, SerializedThrow>;
  const handler: TransferHandler<Thrown, SerializedThrow> = {
    canHandle: (value): value is Thrown => builtin.canHandle(value),
    serialize: ({ value }) =>
      value instanceof Error ? [{ isError: true, value: serializeError(value) }, []] : [{ isError: false, value }, []],
    deserialize: (serialized) => {
      throw serialized.isError ? deserializeError(serialized.value) : serialized.value;
    },
  };
  transferHandlers.set('throw', handler as TransferHandler<unknown, unknown>);
}
