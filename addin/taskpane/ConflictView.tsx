import {
  Button,
  Radio,
  RadioGroup,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
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
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  choices: { display: 'flex', flexDirection: 'column' },
});

const CHOICES: readonly Choice[] = ['yours', 'theirs', 'original'];

/** Each conflicting cell with yours / theirs / original; the user picks one per cell, then resolves. */
export function ConflictView({
  state,
  onChange,
  onResolve,
  busy,
}: {
  state: ConflictState;
  onChange: (next: ConflictState) => void;
  onResolve: () => void;
  busy: boolean;
}) {
  const s = useStrings();
  const { locale } = useServices();
  const styles = useStyles();
  const left = unresolvedCount(state);
  const show = (v: CellValue) => (v === null || v === '' ? s.conflicts.empty : String(v));

  return (
    <section className={styles.root} aria-label={s.conflicts.title} data-testid="conflicts">
      <Text weight="semibold">{s.conflicts.title}</Text>
      <Text>{s.conflicts.intro}</Text>
      <Table size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{s.conflicts.row}</TableHeaderCell>
            <TableHeaderCell>{s.conflicts.field}</TableHeaderCell>
            <TableHeaderCell>{`${s.conflicts.yours} / ${s.conflicts.theirs} / ${s.conflicts.original}`}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {state.cells.map((cell) => (
            <TableRow key={`${cell.key}\u0000${cell.field}`}>
              <TableCell>{cell.key}</TableCell>
              <TableCell>{fieldLabel(state.kind, cell.field, locale)}</TableCell>
              <TableCell>
                <RadioGroup
                  className={styles.choices}
                  value={cell.choice ?? ''}
                  onChange={(_e, data) => onChange(pick(state, cell.key, cell.field, data.value as Choice))}
                  aria-label={`${cell.key} ${cell.field}`}
                >
                  {CHOICES.map((choice) => (
                    <Radio key={choice} value={choice} label={`${s.conflicts[choice]}: ${show(cell[choice])}`} />
                  ))}
                </RadioGroup>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
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
        {left > 0 ? <Text>{s.conflicts.left(left)}</Text> : null}
      </div>
    </section>
  );
}
