import { ConfidentialClientApplication, LogLevel, type AuthenticationResult } from '@azure/msal-node';
import { fail, ok, type Result } from '../../shared/result';
import { GraphError, type GraphFailure, type GraphGroup, type ResultGraphClient } from './graph-failure';
import { describeUrl, errorText, graphRequest, type GraphHttp, type GraphLog } from './graph-http';
import { DEFAULT_RETRY, type RetryPolicy, type Sleep } from './graph-retry';
import { readDirectoryUser, type DirectoryClient, type DirectoryUser } from './graph-directory';
import { sendMail, type MailClient, type MailFailure, type MailMessage, type MailSent } from './graph-mail';
import { DEFAULT_UPLOAD_CHUNK_BYTES, driveItemAddress, isValidChunkSize, uploadDriveFile } from './graph-upload';
import { fetchNetworkModule, type FetchLike } from './msal-network';

export interface MsalGraphConfig {
  /** Entra tenant id (or a verified domain). */
  readonly tenantId: string;
  /** The service's app registration. */
  readonly clientId: string;
  readonly clientSecret: string;
  /**
   * Default `https://login.microsoftonline.com/{tenantId}`; another cloud's login host for
   * sovereign clouds. msal-node refuses any authority that is not https.
   */
  readonly authority?: string;
  /** Default `https://graph.microsoft.com/v1.0` (GRAPH_BASE_URL). */
  readonly graphBaseUrl?: string;
  /**
   * Delegated scopes for the on-behalf-of token. GroupMember.Read.All by default: with
   * User.Read alone Graph returns group memberships without their display names.
   */
  readonly oboScopes?: readonly string[];
  /**
   * OpenID metadata and instance discovery as JSON, passed to msal-node so that it never
   * fetches them (air-gapped hosts, custom authorities, tests). `knownAuthorities` lists
   * non-Microsoft authority hosts msal should trust.
   */
  readonly authorityMetadata?: string;
  readonly cloudDiscoveryMetadata?: string;
  readonly knownAuthorities?: readonly string[];
  /** Every request, token requests included, goes through this fetch (default: global fetch). */
  readonly fetch?: FetchLike;
  readonly retry?: RetryPolicy;
  /** Per request; default 30 s. */
  readonly requestTimeoutMs?: number;
  /** Upload-session chunk size, a multiple of 320 KiB; default 3.125 MiB. */
  readonly uploadChunkBytes?: number;
  readonly log?: GraphLog;
  /** For tests that check Retry-After without waiting for it. */
  readonly sleep?: Sleep;
}

export const DEFAULT_GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';
export const DEFAULT_OBO_SCOPES: readonly string[] = ['https://graph.microsoft.com/GroupMember.Read.All'];
/** Client credentials always ask for the app's granted permissions as a whole. */
const APP_SCOPES = ['https://graph.microsoft.com/.default'];
/** A user in more groups than 999 × this is a runaway nextLink loop, not a user. */
const MAX_GROUP_PAGES = 100;
/** How long on-behalf-of tokens are kept before the cache starts over (see `obo`). */
const OBO_CACHE_MS = 60 * 60 * 1000;

const SILENT_LOG: GraphLog = { warn: () => undefined };

/**
 * GraphClient over msal-node's ConfidentialClientApplication: on-behalf-of tokens for the
 * user's groups, client-credential tokens for uploads to SharePoint. msal-node caches both
 * (OBO tokens keyed by the user's assertion), so a token request is made only when needed.
 */
export class MsalGraphClient implements ResultGraphClient, MailClient, DirectoryClient {
  private readonly makeApp: () => ConfidentialClientApplication;
  /** Client credentials: one token for the app, refreshed by msal when it nears expiry. */
  private readonly app: ConfidentialClientApplication;
  /**
   * On-behalf-of: msal caches a token per user assertion and never evicts the expired ones, so
   * a long-running service would grow that cache with every sign-in. Assertions live about an
   * hour; a fresh application (an empty cache) every hour bounds it at the cost of one token
   * request per active user per hour.
   */
  private obo: { app: ConfidentialClientApplication; since: number };
  private readonly http: GraphHttp;
  private readonly oboScopes: string[];
  private readonly chunkBytes: number;
  private readonly secret: string;

  constructor(config: MsalGraphConfig) {
    const chunkBytes = config.uploadChunkBytes ?? DEFAULT_UPLOAD_CHUNK_BYTES;
    // The config module validates settings; reaching here with a bad one is a bug.
    if (!isValidChunkSize(chunkBytes)) throw new Error(`uploadChunkBytes ${chunkBytes} is not a positive multiple of 320 KiB`);
    const fetchImpl: FetchLike = config.fetch ?? ((url, init) => fetch(url, init));
    const timeoutMs = config.requestTimeoutMs ?? 30_000;
    const log = config.log ?? SILENT_LOG;
    this.secret = config.clientSecret;
    this.chunkBytes = chunkBytes;
    this.oboScopes = [...(config.oboScopes ?? DEFAULT_OBO_SCOPES)];
    this.http = {
      fetch: fetchImpl,
      baseUrl: (config.graphBaseUrl ?? DEFAULT_GRAPH_BASE_URL).replace(/\/+$/, ''),
      retry: config.retry ?? DEFAULT_RETRY,
      timeoutMs,
      log,
      ...(config.sleep ? { sleep: config.sleep } : {}),
    };
    const makeApp = () =>
      new ConfidentialClientApplication({
        auth: {
          clientId: config.clientId,
          clientSecret: config.clientSecret,
          authority: config.authority ?? `https://login.microsoftonline.com/${encodeURIComponent(config.tenantId)}`,
          ...(config.authorityMetadata === undefined ? {} : { authorityMetadata: config.authorityMetadata }),
          ...(config.cloudDiscoveryMetadata === undefined ? {} : { cloudDiscoveryMetadata: config.cloudDiscoveryMetadata }),
          ...(config.knownAuthorities === undefined ? {} : { knownAuthorities: [...config.knownAuthorities] }),
        },
        system: {
          networkClient: fetchNetworkModule(fetchImpl, timeoutMs),
          loggerOptions: {
            // msal's messages can hold account names and URLs; with PII off it keeps them out,
            // and only warnings and errors reach our log.
            piiLoggingEnabled: false,
            logLevel: LogLevel.Warning,
            loggerCallback: (level, message, containsPii) => {
              if (!containsPii && level <= LogLevel.Warning) log.warn({ source: 'msal-node' }, this.redact(message));
            },
          },
        },
      });
    this.makeApp = makeApp;
    this.app = makeApp();
    this.obo = { app: makeApp(), since: Date.now() };
  }

  async userGroups(userAssertion: string): Promise<string[]> {
    const groups = await this.tryUserGroups(userAssertion);
    if (!groups.ok) throw new GraphError(groups.error);
    const names = new Set<string>();
    for (const g of groups.value) {
      if (g.displayName !== null) names.add(g.displayName);
      names.add(g.id);
    }
    return [...names];
  }

  async uploadFile(driveId: string, path: string, content: Uint8Array): Promise<void> {
    const uploaded = await this.tryUploadFile(driveId, path, content);
    if (!uploaded.ok) throw new GraphError(uploaded.error);
  }

  async tryUserGroups(userAssertion: string): Promise<Result<GraphGroup[], GraphFailure>> {
    const token = await this.token(() =>
      this.oboApp().acquireTokenOnBehalfOf({ oboAssertion: userAssertion, scopes: this.oboScopes }), 'on-behalf-of');
    if (!token.ok) return token;

    const groups: GraphGroup[] = [];
    let url: string | null = `${this.http.baseUrl}/me/transitiveMemberOf/microsoft.graph.group?$select=displayName,id&$top=999`;
    for (let page = 0; url !== null; page++) {
      if (page >= MAX_GROUP_PAGES) return fail({ code: 'http', message: `More than ${MAX_GROUP_PAGES} pages of groups; stopped` });
      const answer = await graphRequest(this.http, { method: 'GET', url, token: token.value });
      if (!answer.ok) return answer;
      const body = (await answer.value.json().catch(() => null)) as { value?: unknown; '@odata.nextLink'?: unknown } | null;
      if (!body || !Array.isArray(body.value)) return fail({ code: 'http', message: `${describeUrl(url)} answered without a value array` });
      for (const item of body.value as unknown[]) {
        const group = item as { id?: unknown; displayName?: unknown };
        if (typeof group.id !== 'string') continue;
        groups.push({ id: group.id, displayName: typeof group.displayName === 'string' ? group.displayName : null });
      }
      const next = body['@odata.nextLink'];
      url = typeof next === 'string' ? next : null;
      // Our bearer token goes to Graph's own origin only, whatever a response says.
      if (url !== null && !this.sameOrigin(url)) {
        return fail({ code: 'http', message: `Graph's next page link leaves ${new URL(this.http.baseUrl).origin}; not followed` });
      }
    }
    return ok(groups);
  }

  async tryUploadFile(driveId: string, path: string, content: Uint8Array): Promise<Result<void, GraphFailure>> {
    const address = driveItemAddress(this.http.baseUrl, driveId, path);
    if (!address.ok) return address;
    const token = await this.token(() => this.app.acquireTokenByClientCredential({ scopes: APP_SCOPES }), 'client-credentials');
    if (!token.ok) return token;
    return uploadDriveFile(this.http, address.value, content, { token: token.value, chunkBytes: this.chunkBytes });
  }

  /** One message from `sender`'s mailbox, with the app's client-credential token (Mail.Send). */
  async trySendMail(sender: string, message: MailMessage): Promise<Result<MailSent, MailFailure>> {
    const token = await this.token(() => this.app.acquireTokenByClientCredential({ scopes: APP_SCOPES }), 'client-credentials');
    if (!token.ok) return fail({ ...token.error, attempts: 0 });
    return sendMail(this.http, token.value, sender, message);
  }

  /** A directory user by object id or user principal name, with the app's token; null when there is none. */
  async tryDirectoryUser(idOrPrincipalName: string): Promise<Result<DirectoryUser | null, GraphFailure>> {
    const token = await this.token(() => this.app.acquireTokenByClientCredential({ scopes: APP_SCOPES }), 'client-credentials');
    if (!token.ok) return token;
    return readDirectoryUser(this.http, token.value, idOrPrincipalName);
  }

  private async token(
    acquire: () => Promise<AuthenticationResult | null>,
    flow: 'on-behalf-of' | 'client-credentials',
  ): Promise<Result<string, GraphFailure>> {
    try {
      const result = await acquire();
      if (result?.accessToken) return ok(result.accessToken);
      return fail({ code: 'credentials', message: `The identity platform returned no ${flow} token` });
    } catch (error) {
      return fail(this.tokenFailure(error, flow));
    }
  }

  /**
   * msal throws AuthError/ServerError with the OAuth error code. invalid_client and
   * unauthorized_client are about the service's own registration; on the on-behalf-of flow
   * every other refusal is about the user's assertion (expired, wrong audience, consent).
   */
  private tokenFailure(error: unknown, flow: 'on-behalf-of' | 'client-credentials'): GraphFailure {
    const e = error as { errorCode?: unknown; errorMessage?: unknown; status?: unknown };
    const serviceCode = typeof e.errorCode === 'string' ? e.errorCode : undefined;
    const status = typeof e.status === 'number' ? e.status : undefined;
    const detail = this.redact(typeof e.errorMessage === 'string' && e.errorMessage !== '' ? e.errorMessage : errorText(error));
    const base = { ...(serviceCode === undefined ? {} : { serviceCode }), ...(status === undefined ? {} : { status }) };
    if (serviceCode === 'invalid_client' || serviceCode === 'unauthorized_client') {
      return { code: 'credentials', message: `The identity platform refused the service's client credentials (${serviceCode}): ${detail}`, ...base };
    }
    if (serviceCode !== undefined && /network|endpoints_resolution|timed_out|timeout/i.test(serviceCode)) {
      return { code: 'network', message: `No answer from the identity platform (${serviceCode}): ${detail}`, ...base };
    }
    if (status === 429 || status === 503) {
      return { code: 'throttled', message: `The identity platform is throttling ${flow} requests: ${detail}`, ...base };
    }
    if (flow === 'on-behalf-of' && serviceCode !== undefined && serviceCode !== 'unknown_error') {
      return { code: 'assertion', message: `The user's token was refused for on-behalf-of (${serviceCode}): ${detail}`, ...base };
    }
    return { code: 'credentials', message: `${flow} token request failed${serviceCode ? ` (${serviceCode})` : ''}: ${detail}`, ...base };
  }

  private oboApp(): ConfidentialClientApplication {
    if (Date.now() - this.obo.since > OBO_CACHE_MS) this.obo = { app: this.makeApp(), since: Date.now() };
    return this.obo.app;
  }

  private sameOrigin(url: string): boolean {
    try {
      return new URL(url).origin === new URL(this.http.baseUrl).origin;
    } catch {
      return false;
    }
  }

  /** The identity platform does not echo secrets or tokens, but a message must never carry one. */
  private redact(text: string): string {
    let out = text.replace(/eyJ[\w-]+\.[\w-]+\.[\w-]*/g, '[token]');
    if (this.secret.length >= 4) out = out.split(this.secret).join('[secret]');
    return out;
  }
}
