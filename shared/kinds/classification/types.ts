import type { DataClass, MaskingRule } from '../../engine/masking';

/** One field row, parsed. Cells that did not parse are null (and have an issue). */
export interface ClassifiedField {
  readonly sheet: string;
  readonly row: number;
  readonly field: string;
  readonly dataClass: DataClass | null;
  /** null: no rule (the cell is empty or says none) or a rule that did not parse. */
  readonly rule: MaskingRule | null;
  readonly cells: { readonly field: string; readonly class: string; readonly masking: string };
}
