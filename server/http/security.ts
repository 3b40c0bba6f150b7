import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Security headers that still let the task pane load inside Office.
 *
 * - frame-ancestors instead of X-Frame-Options: Office on the web shows the task pane in an
 *   iframe, and X-Frame-Options can only say DENY or SAMEORIGIN, which would blank it. Every
 *   ancestor is checked, so the top-level pages count too: Excel on the web is framed from
 *   *.officeapps.live.com inside SharePoint/OneDrive for work (*.sharepoint.com), OneDrive
 *   personal (onedrive.live.com), Microsoft 365 (*.office.com, *.microsoft365.com, and the newer
 *   *.cloud.microsoft), Outlook on the web (outlook.office.com, outlook.office365.com,
 *   outlook.live.com), and Teams. Excel and Outlook on Windows and Mac host the pane as a
 *   top-level page in a WebView, so no ancestor applies there. CSP_FRAME_ANCESTORS adds origins
 *   (a sovereign cloud's Office hosts, for instance).
 * - office.js comes from Microsoft's CDN (appsforoffice.microsoft.com): it must not be bundled
 *   or self-hosted for add-ins distributed through the admin center.
 * - connect-src allows the Microsoft identity platform (MSAL's fallback when nested app
 *   authentication is unavailable).
 * - No inline script anywhere (the docs page has none); inline styles are allowed because
 *   Fluent UI injects them.
 * - HSTS only in production: on http://127.0.0.1 during development it would be ignored at
 *   best, and would pin a shared dev host name to https at worst.
 */

export const OFFICE_FRAME_ANCESTORS: readonly string[] = [
  'https://*.officeapps.live.com',
  'https://*.office.com',
  'https://*.office365.com',
  'https://*.microsoft365.com',
  'https://*.sharepoint.com',
  'https://*.cloud.microsoft',
  'https://onedrive.live.com',
  'https://outlook.live.com',
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
];

export const OFFICE_JS_ORIGIN = 'https://appsforoffice.microsoft.com';

export interface SecurityOptions {
  readonly production: boolean;
  /** The Entra authority (login.microsoftonline.com or a sovereign cloud's). */
  readonly authority: string;
  readonly extraFrameAncestors: readonly string[];
}

export function securityHeaders(options: SecurityOptions): RequestHandler {
  const identity = [...new Set(['https://login.microsoftonline.com', new URL(options.authority).origin])];
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'", OFFICE_JS_ORIGIN],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'", ...identity],
        'frame-src': ["'self'", ...identity],
        'frame-ancestors': ["'self'", ...OFFICE_FRAME_ANCESTORS, ...options.extraFrameAncestors],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        ...(options.production ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    // X-Frame-Options would override frame-ancestors in old hosts and blank the task pane.
    xFrameOptions: false,
    // MSAL's popup fallback needs the opener kept across the sign-in window.
    crossOriginOpenerPolicy: { policy: 'same-origin-allow-popups' },
    strictTransportSecurity: options.production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
  });
}
