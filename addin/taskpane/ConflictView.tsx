import { Button, Radio, RadioGroup, Text, makeStyles, tokens } from '@fluentui/react-components';
import { forwardRef } from 'react';
import type { CellValue } from '../../shared/table/grid';
import { pick, pickAll, unresolvedCount, type Choice, type ConflictState } from '../sync/conflicts';
import { fieldLabel } from './field-label';
import { useServices, useStrings } from './services-context';

const useStyles = makeStyles({
  root: {
    border: `1px solid ${tokens.colorPaletteMarigoldBorder2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  // Stacked, full width: at a 320 px pane a choice never shares a line, and Chinese words never break mid-word.
  choices: { display: 'flex', flexDirection: 'column', wordBreak: 'keep-all', overflowWrap: 'anywhere' },
  where: { display: 'block', color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
});

const CHOICES: readonly Choice[] = ['yours', 'theirs', 'original'];

/**
 * The cells both sides changed, each under its row's own name and cell address, with yours /
 * theirs / original stacked one below the other; the user picks one per cell, then resolves.
 */
export const ConflictView = forwardRef<
  HTMLElement,
  { state: ConflictState; onChange: (next: ConflictState) => void; onResolve: () => void; busy: boolean }
>(function ConflictView({ state, onChange, onResolve, busy }, ref) {
  const s = useStrings();
  const { locale } = useServices();
  const styles = useStyles();
  const left = unresolvedCount(state);
  const show = (v: CellValue) => (v === null || v === '' ? s.conflicts.empty : String(v));

  return (
    <section ref={ref} tabIndex={-1} className={styles.root} aria-labelledby="conflicts-heading" data-testid="conflicts">
      <h2 className={styles.heading} id="conflicts-heading">
        {s.conflicts.toResolve(state.cells.length)}
      </h2>
      <Text>{s.conflicts.intro}</Text>
      <ul className={styles.list}>
        {state.cells.map((cell, i) => {
          const field = fieldLabel(state.kind, cell.field, locale);
          const where = s.conflicts.choicesFor(cell.label, field, cell.address ?? '—');
          return (
            <li key={`${cell.key}\u0000${cell.field}`}>
              <Text weight="semibold" id={`conflict-${i}`} block>
                {cell.label}
              </Text>
              <Text size={200} className={styles.where}>
                {`${s.conflicts.field}: ${field} · ${s.conflicts.cell}: ${cell.address ?? '—'}`}
              </Text>
              <RadioGroup
                className={styles.choices}
                value={cell.choice ?? ''}
                onChange={(_e, data) => onChange(pick(state, cell.key, cell.field, data.value as Choice))}
                aria-label={where}
              >
                {CHOICES.map((choice) => (
                  <Radio key={choice} value={choice} label={`${s.conflicts[choice]}: ${show(cell[choice])}`} />
                ))}
              </RadioGroup>
            </li>
          );
        })}
      </ul>
      <div className={styles.actions}>
        <Button size="small" onClick={() => onChange(pickAll(state, 'yours'))}>
          {s.conflicts.allYours}
        </Button>
        <Button size="small" onClick={() => onChange(pickAll(state, 'theirs'))}>
          {s.conflicts.allTheirs}
        </Button>
        <Button appearance="primary" disabled={left > 0 || busy} onClick={onResolve}>
          {s.conflicts.resolve}
        </Button>
        {left > 0 ? <Text role="status">{s.conflicts.left(left)}</Text> : null}
      </div>
    </section>
  );
});
