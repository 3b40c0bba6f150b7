import { z } from 'zod';

/**
 * Whose token is this? The tenant and the user's immutable id, read from the access token's
 * claims (Entra: `tid` and `oid`; development tokens: `tid` and `sub`, a stable id per e-mail).
 * Not a verification — the service verifies every token — but the pane's own bookkeeping: a
 * queued push and a last-synced snapshot belong to the account that made them, and are never
 * sent or used under another.
 */

export interface AccountOwner {
  readonly tenantId: string;
  readonly userId: string;
}

const OwnerClaims = z.object({
  tid: z.string().min(1).max(128),
  oid: z.string().min(1).max(128).optional(),
  sub: z.string().min(1).max(256).optional(),
});

function decodePart(part: string): string | null {
  try {
    const b64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    return new TextDecoder().decode(bytes);
  } catch {
    return null;
  }
}

/** The JWT payload's JSON, or null when the text is not a JWT. */
export function jwtPayload(token: string): unknown {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) return null;
  const json = decodePart(parts[1]!);
  if (json === null) return null;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return null;
  }
}

export function ownerOfToken(token: string): AccountOwner | null {
  const claims = OwnerClaims.safeParse(jwtPayload(token));
  if (!claims.success) return null;
  const userId = claims.data.oid ?? claims.data.sub;
  return userId === undefined ? null : { tenantId: claims.data.tid, userId };
}

export function sameOwner(a: AccountOwner | null | undefined, b: AccountOwner | null | undefined): boolean {
  return !!a && !!b && a.tenantId === b.tenantId && a.userId === b.userId;
}

/** A storage key part for an owner: JSON, so no separator inside an id can make two owners collide. */
export function ownerKey(owner: AccountOwner): string {
  return JSON.stringify([owner.tenantId, owner.userId]);
}
