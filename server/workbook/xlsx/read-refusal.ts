import { refusal, type Refusal, type RefusalCode } from '../../../shared/issues/refusal';

/**
 * Deep inside a SAX callback or a zip stream the only way out is to throw. The reader throws
 * this one class for expected refusals and turns it back into a Result at its boundary;
 * anything else that is thrown is a bug and stays an exception.
 */
export class RefusalSignal extends Error {
  constructor(readonly refusal: Refusal) {
    super(`refused: ${refusal.code}`);
    this.name = 'RefusalSignal';
  }
}

export function refuse(code: RefusalCode, detail: Record<string, string | number> = {}): never {
  throw new RefusalSignal(refusal(code, detail));
}
