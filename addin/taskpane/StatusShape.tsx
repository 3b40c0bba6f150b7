import { tokens } from '@fluentui/react-components';

/**
 * A status told by shape as well as colour (and always beside its word): a circle for on
 * target, a triangle for watch, a diamond for off target, a dash for no data. Dark outlines keep
 * each shape at least 3:1 against white whatever its fill (WCAG 1.4.11), so amber on white is
 * not the only cue.
 */
export function StatusShape({ status }: { status: 'green' | 'amber' | 'red' | 'none' }) {
  const common = { width: 12, height: 12, viewBox: '0 0 12 12', 'aria-hidden': true as const, focusable: false as const };
  const stroke = tokens.colorNeutralForeground1;
  switch (status) {
    case 'green':
      return (
        <svg {...common}>
          <circle cx="6" cy="6" r="5" style={{ fill: tokens.colorPaletteGreenBackground3, stroke }} />
        </svg>
      );
    case 'amber':
      return (
        <svg {...common}>
          <path d="M6 1l5 10H1z" style={{ fill: tokens.colorPaletteMarigoldBackground3, stroke }} strokeLinejoin="round" />
        </svg>
      );
    case 'red':
      return (
        <svg {...common}>
          <path d="M6 0.8L11.2 6 6 11.2 0.8 6z" style={{ fill: tokens.colorPaletteRedBackground3, stroke }} />
        </svg>
      );
    case 'none':
      return (
        <svg {...common}>
          <path d="M2 6h8" style={{ stroke }} strokeWidth="2" />
        </svg>
      );
  }
}
