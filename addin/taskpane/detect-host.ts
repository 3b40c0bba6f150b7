/**
 * Office or a plain browser? office.js is loaded by taskpane.html from Microsoft's CDN; when it
 * could not load (no network) there is no `Office` at all, and in a plain browser it loads but
 * Office.onReady answers with no host. Office.onReady is also raced against a timeout, so a
 * page whose office.js loaded yet never hears from a host does not hang: after ~1.5 s it is
 * preview mode.
 */

export const OFFICE_READY_TIMEOUT_MS = 1500;

export type HostKind = { readonly kind: 'excel'; readonly displayLanguage: string | null } | { readonly kind: 'browser' };

interface OfficeLike {
  onReady(): Promise<{ host: unknown }>;
  HostType?: { Excel?: unknown };
  context?: { displayLanguage?: string };
}

export async function detectHost(win: { Office?: unknown }, timeoutMs = OFFICE_READY_TIMEOUT_MS): Promise<HostKind> {
  const office = win.Office as OfficeLike | undefined;
  if (!office || typeof office.onReady !== 'function') return { kind: 'browser' };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    const info = await Promise.race([office.onReady().catch(() => null), timeout]);
    if (info && info.host !== null && info.host !== undefined && info.host === (office.HostType?.Excel ?? 'Excel')) {
      return { kind: 'excel', displayLanguage: office.context?.displayLanguage ?? null };
    }
    return { kind: 'browser' };
  } finally {
    clearTimeout(timer);
  }
}
