/**
 * One catalog per language and area: for every issue code, a message and, where there is an
 * obvious fix, a suggestion. The mapped type makes a missing translation a compile error.
 */
export type MessageCatalog<P> = {
  readonly [C in keyof P]: {
    readonly message: (p: P[C]) => string;
    readonly suggestion?: (p: P[C]) => string | null;
  };
};
