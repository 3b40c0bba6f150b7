import type { SyncRefusal } from '../api/sync-refusals';
import { syncRefusalsEn } from './en-US/sync-refusals';
import type { Locale } from './locale';
import type { SyncRefusalCatalog } from './sync-refusal-catalog';
import { syncRefusalsZh } from './zh-CN/sync-refusals';

const CATALOGS: Readonly<Record<Locale, SyncRefusalCatalog>> = { 'en-US': syncRefusalsEn, 'zh-CN': syncRefusalsZh };

/** What a person reads for a refused push, in their language. */
export function syncRefusalMessage(refusal: SyncRefusal, locale: Locale): string {
  // The catalog is typed per code; the cast joins the two halves of the union.
  const render = CATALOGS[locale][refusal.code] as (p: unknown) => string;
  return render(refusal.params);
}
