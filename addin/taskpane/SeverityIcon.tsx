import { tokens } from '@fluentui/react-components';

/**
 * Error and warning glyphs (colours through `style`: CSS variables do not work in SVG presentation
 * attributes) drawn as inline SVG in Fluent's status colours (the shapes of Fluent's
 * ErrorCircle and Warning icons), so the bundle does not pull in an icon package for two icons.
 */
export function SeverityIcon({ severity, label }: { severity: 'error' | 'warning'; label: string }) {
  if (severity === 'error') {
    return (
      <svg width="16" height="16" viewBox="0 0 16 16" role="img" aria-label={label}>
        <circle cx="8" cy="8" r="7" style={{ fill: tokens.colorStatusDangerForeground1 }} />
        <path d="M5.5 5.5l5 5M10.5 5.5l-5 5" stroke="#fff" strokeWidth="1.6" strokeLinecap="round" />
      </svg>
    );
  }
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" role="img" aria-label={label}>
      <path d="M8 1.5l7 12.5H1z" style={{ fill: tokens.colorStatusWarningForeground1 }} strokeLinejoin="round" />
      <path d="M8 6v4" stroke="#fff" strokeWidth="1.6" strokeLinecap="round" />
      <circle cx="8" cy="12" r="0.9" fill="#fff" />
    </svg>
  );
}
