import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useRef, type KeyboardEvent } from 'react';
import { TABS, type TabValue } from './tabs';

export { TABS, type TabValue } from './tabs';

const useStyles = makeStyles({
  list: {
    display: 'flex',
    flexShrink: 0,
    gap: tokens.spacingHorizontalXS,
    padding: `0 ${tokens.spacingHorizontalS}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    // At 320 px the six tabs take two lines rather than hide one off the edge.
    flexWrap: 'wrap',
  },
  tab: {
    border: 'none',
    backgroundColor: 'transparent',
    font: 'inherit',
    fontSize: tokens.fontSizeBase300,
    color: tokens.colorNeutralForeground2,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    borderBottom: '3px solid transparent',
    cursor: 'pointer',
    whiteSpace: 'nowrap',
    ':hover': { color: tokens.colorNeutralForeground1 },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  selected: { color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold, borderBottomColor: tokens.colorBrandStroke1 },
});

/**
 * The pane's tabs, as the WAI-ARIA tabs pattern: one tab in the Tab order (the selected one),
 * arrow keys, Home and End move between tabs and select them, each tab controls its tabpanel.
 * Plain buttons rather than Fluent's TabList, whose focus-guard elements are focusable inside
 * aria-hidden (axe: aria-hidden-focus) and whose panels are left to the page to label.
 */
export function PaneTabs({
  value,
  onSelect,
  labels,
  label,
}: {
  value: TabValue;
  onSelect: (next: TabValue) => void;
  labels: Readonly<Record<TabValue, string>>;
  label: string;
}) {
  const styles = useStyles();
  const refs = useRef(new Map<TabValue, HTMLButtonElement>());

  function onKeyDown(e: KeyboardEvent<HTMLButtonElement>) {
    const i = TABS.indexOf(value);
    const next =
      e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length] : e.key === 'Home' ? TABS[0] : e.key === 'End' ? TABS[TABS.length - 1] : undefined;
    if (!next) return;
    e.preventDefault();
    onSelect(next);
    refs.current.get(next)?.focus();
  }

  return (
    <div role="tablist" aria-label={label} className={styles.list}>
      {TABS.map((t) => (
        <button
          key={t}
          ref={(el) => {
            if (el) refs.current.set(t, el);
            else refs.current.delete(t);
          }}
          type="button"
          role="tab"
          id={`tab-${t}`}
          aria-selected={t === value}
          aria-controls={`panel-${t}`}
          tabIndex={t === value ? 0 : -1}
          className={mergeClasses(styles.tab, t === value && styles.selected)}
          onClick={() => onSelect(t)}
          onKeyDown={onKeyDown}
        >
          {labels[t]}
        </button>
      ))}
    </div>
  );
}
