/** The exec utilities' result helper. */
import type { Proc } from '../shell/run';

/** A utility that is done at once: an iterator finished on its first step. */
export function finished(code: number): Proc {
  const result: IteratorReturnResult<number> = { done: true, value: code };
  const it = {
    next: () => result,
    return: () => result,
    throw: (e: unknown) => {
      throw e;
    },
    [Symbol.iterator]: () => it,
  } as Proc;
  return it;
}
