import { Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { CheckResult } from '../../check/check-sheet';
import { useServices } from '../services-context';
import { checkStatusStrings } from './strings';

const useStyles = makeStyles({
  item: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    border: `1px dashed ${tokens.colorPaletteMarigoldBorder2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorPaletteYellowBackground1,
  },
  code: { color: tokens.colorNeutralForeground3, fontFamily: tokens.fontFamilyMonospace, display: 'block' },
});

/**
 * Items at the top of the issues list for what the last check could not see: sheets Excel would
 * not read (their issues would otherwise vanish without a word), and sheets waiting for the user
 * to finish editing a cell.
 */
export function CheckStatusItems({ result }: { result: CheckResult | null }) {
  const services = useServices();
  const styles = useStyles();
  const s = checkStatusStrings(services.locale);
  if (!result) return null;
  return (
    <>
      {result.unreadable.map((u) => (
        <li key={`unreadable:${u.sheet}`} className={styles.item} data-testid="unreadable-sheet" data-sheet={u.sheet}>
          <Text as="p" block>
            {s.unreadable(u.sheet)}
          </Text>
          <Caption1 block>{s.unreadableHint}</Caption1>
          {u.code ? <Caption1 className={styles.code}>{s.code(u.code)}</Caption1> : null}
        </li>
      ))}
      {result.busy.length > 0 ? (
        <li key="busy" className={styles.item} data-testid="busy-sheets">
          <Text as="p" block>
            {s.busy(result.busy.map((b) => `“${b}”`).join(', '))}
          </Text>
        </li>
      ) : null}
    </>
  );
}
