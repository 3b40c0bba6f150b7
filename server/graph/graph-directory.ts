import { fail, ok, type Result } from '../../shared/result';
import type { GraphFailure } from './graph-failure';
import { describeUrl, graphRequest, type GraphHttp } from './graph-http';

/**
 * A user as the directory holds them, read with the app's own token (application permissions
 * User.Read.All and GroupMember.Read.All): what a subscription's recipient would carry in a
 * token of theirs — object id, sign-in name, department, groups — for a mail sent while they
 * are not signed in. The request path reads groups on behalf of the signed-in user instead.
 */
export interface DirectoryUser {
  readonly id: string;
  readonly userPrincipalName: string | null;
  readonly mail: string | null;
  readonly department: string | null;
  readonly accountEnabled: boolean;
  /** Group display names and ids, transitively. */
  readonly groups: readonly string[];
}

/** null: the directory has no such user. */
export interface DirectoryClient {
  tryDirectoryUser(idOrPrincipalName: string): Promise<Result<DirectoryUser | null, GraphFailure>>;
}

const MAX_GROUP_PAGES = 100;

export async function readDirectoryUser(http: GraphHttp, token: string, idOrPrincipalName: string): Promise<Result<DirectoryUser | null, GraphFailure>> {
  const base = `${http.baseUrl}/users/${encodeURIComponent(idOrPrincipalName)}`;
  const answer = await graphRequest(http, { method: 'GET', url: `${base}?$select=id,userPrincipalName,mail,department,accountEnabled`, token });
  if (!answer.ok) return answer.error.status === 404 ? ok(null) : answer;
  const user = (await answer.value.json().catch(() => null)) as Record<string, unknown> | null;
  if (user === null || typeof user.id !== 'string') return fail({ code: 'http', message: `${describeUrl(base)} answered without a user id` });
  const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

  const groups = new Set<string>();
  let url: string | null = `${http.baseUrl}/users/${encodeURIComponent(user.id)}/transitiveMemberOf/microsoft.graph.group?$select=displayName,id&$top=999`;
  const origin = new URL(http.baseUrl).origin;
  for (let page = 0; url !== null; page++) {
    if (page >= MAX_GROUP_PAGES) return fail({ code: 'http', message: `More than ${MAX_GROUP_PAGES} pages of groups; stopped` });
    const listed = await graphRequest(http, { method: 'GET', url, token });
    if (!listed.ok) return listed;
    const body = (await listed.value.json().catch(() => null)) as { value?: unknown; '@odata.nextLink'?: unknown } | null;
    if (!body || !Array.isArray(body.value)) return fail({ code: 'http', message: `${describeUrl(url)} answered without a value array` });
    for (const item of body.value as { id?: unknown; displayName?: unknown }[]) {
      if (typeof item.id !== 'string') continue;
      groups.add(item.id);
      if (typeof item.displayName === 'string') groups.add(item.displayName);
    }
    const next: unknown = body['@odata.nextLink'];
    url = typeof next === 'string' ? next : null;
    // Our token goes to Graph's own origin only, whatever a response says.
    if (url !== null && !sameOrigin(url, origin)) return fail({ code: 'http', message: `Graph's next page link leaves ${origin}; not followed` });
  }
  return ok({
    id: user.id,
    userPrincipalName: text(user.userPrincipalName),
    mail: text(user.mail),
    department: text(user.department),
    // Absent means Graph was not asked for it; only an explicit false is a disabled account.
    accountEnabled: user.accountEnabled !== false,
    groups: [...groups],
  });
}

function sameOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}
