import type { SyncRefusalParams } from '../api/sync-refusals';

/** One language's words for every sync refusal; a missing one is a compile error. */
export type SyncRefusalCatalog = { readonly [C in keyof SyncRefusalParams]: (p: SyncRefusalParams[C]) => string };
