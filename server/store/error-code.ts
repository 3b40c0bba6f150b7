/**
 * The `code` of a driver error ('SQLITE_BUSY', PostgreSQL's SQLSTATE such as '55P03'), read
 * without `instanceof Error`: better-sqlite3's native addon builds its errors from the error
 * class of the first module instance that loaded it, so in a process with several module
 * registries (jest workers, bundles) its errors need not be instances of this realm's Error.
 */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
