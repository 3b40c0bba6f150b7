/**
 * The contract suite's own assertions: plain, small, and running wherever the suite runs (jest,
 * the task pane, the test build inside Excel). A failed one is a ContractFailure, reported with
 * the code "Assertion" and a short detail saying what was expected and what came back.
 */
export class ContractFailure extends Error {
  readonly code = 'Assertion';
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function expectEqual(actual: unknown, expected: unknown, what: string): void {
  if (!same(actual, expected)) throw new ContractFailure(`${what}: expected ${show(expected)}, got ${show(actual)}`);
}

export function expectTrue(condition: boolean, what: string): void {
  if (!condition) throw new ContractFailure(what);
}
