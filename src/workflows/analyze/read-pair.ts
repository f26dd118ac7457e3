/**
 * Reads the reference and the current input at once, each file on its own worker thread (two cores). The
 * first read to fail stops the other, so a bad file is reported at once rather than after the other file is
 * parsed; when both have failed by then, the reference's error is reported. A caller's signal stops both.
 */
import { DriftwatchError } from '../../core/index.js';
import { readTableInWorker, type Table } from '../../data/index.js';
import { isInMemory, withDisplayPath, type ReadSettings, type TableInput } from '../io/index.js';

export async function readInputPair(reference: TableInput, current: TableInput, options: ReadSettings = {}): Promise<[Table, Table]> {
  options.signal?.throwIfAborted();
  const done = [0, 0];
  const total = [0, 0];
  // One progress figure over both files, from the moment both sizes are known.
  const onProgress = (i: number) => (d: number, t: number) => {
    done[i] = d;
    total[i] = t;
    if (total[0]! > 0 && total[1]! > 0) options.onReadProgress?.(done[0]! + done[1]!, total[0]! + total[1]!);
  };
  const stop = new AbortController();
  const onAbort = (): void => stop.abort(options.signal!.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const read = (input: TableInput, i: number): Promise<Table> => {
    if (isInMemory(input)) {
      total[i] = 1;
      done[i] = 1;
      return Promise.resolve(input.table);
    }
    return readTableInWorker(input.absolute, {
      ...(options.delimiter !== undefined ? { delimiter: options.delimiter } : {}),
      ...(options.decimal !== undefined ? { decimal: options.decimal } : {}),
      ...(options.missingValues !== undefined ? { missingValues: options.missingValues } : {}),
      ...(options.textColumns !== undefined ? { textColumns: options.textColumns } : {}),
      onProgress: onProgress(i),
      signal: stop.signal,
    }).catch((e: unknown) => {
      stop.abort();
      throw e;
    });
  };
  try {
    const [a, b] = await Promise.allSettled([read(reference, 0), read(current, 1)]);
    // The caller's cancellation is the answer, whatever the reads said after it.
    options.signal?.throwIfAborted();
    // A read stopped because the other failed rejects with the abort reason; the real failure is the other.
    const failure = (r: PromiseSettledResult<Table>): unknown => (r.status === 'rejected' && r.reason !== stop.signal.reason ? r.reason : undefined);
    if (failure(a) !== undefined) throw isInMemory(reference) ? failure(a) : withDisplayPath(failure(a), reference);
    if (failure(b) !== undefined) throw isInMemory(current) ? failure(b) : withDisplayPath(failure(b), current);
    if (a.status === 'rejected' || b.status === 'rejected') throw new DriftwatchError('INTERNAL', 'both reads were stopped without an error');
    return [a.value, b.value];
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}
