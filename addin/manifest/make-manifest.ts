import { fail, ok, type Result } from '../../shared/result';

/**
 * The production manifest from the development one: every https://localhost:3000 (the dev
 * server that `office-addin-debugging` and the service use) becomes the service's public URL.
 * Pure string work, so it runs in node (the CLI next to this file) and in tests alike; the
 * element order and everything else the schema checks stay as they are.
 */

export const DEV_ORIGIN = 'https://localhost:3000';

export type ManifestFailure =
  | { readonly kind: 'not-a-url'; readonly input: string }
  | { readonly kind: 'not-https'; readonly input: string }
  /** Credentials, a query or a fragment: nothing a manifest URL base may carry. */
  | { readonly kind: 'unsupported-url'; readonly input: string }
  | { readonly kind: 'bad-version'; readonly input: string }
  | { readonly kind: 'no-dev-urls' };

export interface ManifestOptions {
  readonly url: string;
  /** A new <Version> (four numbers: 1.2.0.0). Office updates an add-in only when this grows. */
  readonly version?: string;
}

/** A URL base: https, no user:password, no ?query, no #fragment, no trailing slash. */
export function readBaseUrl(input: string): Result<string, ManifestFailure> {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return fail({ kind: 'not-a-url', input });
  }
  if (url.protocol !== 'https:') return fail({ kind: 'not-https', input });
  if (url.username || url.password || url.search || url.hash) return fail({ kind: 'unsupported-url', input });
  return ok((url.origin + url.pathname).replace(/\/+$/, ''));
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export function makeManifest(xml: string, options: ManifestOptions): Result<string, ManifestFailure> {
  const base = readBaseUrl(options.url);
  if (!base.ok) return base;
  if (!xml.includes(DEV_ORIGIN)) return fail({ kind: 'no-dev-urls' });
  let out = xml.split(DEV_ORIGIN).join(escapeXml(base.value));
  if (options.version !== undefined) {
    if (!/^\d{1,5}\.\d{1,5}\.\d{1,5}\.\d{1,5}$/.test(options.version)) return fail({ kind: 'bad-version', input: options.version });
    out = out.replace(/<Version>[^<]*<\/Version>/, `<Version>${options.version}</Version>`);
  }
  return ok(out);
}

export function describeFailure(failure: ManifestFailure): string {
  switch (failure.kind) {
    case 'not-a-url':
      return `"${failure.input}" is not a URL. Give the service's public address, e.g. --url https://scorecard.contoso.com`;
    case 'not-https':
      return `"${failure.input}" is not https. Office loads add-ins only over https.`;
    case 'unsupported-url':
      return `"${failure.input}" carries a user name, password, query or fragment. Give the plain base address.`;
    case 'bad-version':
      return `"${failure.input}" is not a manifest version. Use four numbers, e.g. --version 1.2.0.0`;
    case 'no-dev-urls':
      return `The manifest holds no ${DEV_ORIGIN} URLs to replace: is it the development manifest?`;
  }
}
