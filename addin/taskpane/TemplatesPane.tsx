import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { SHEET_KINDS, type SheetKind } from '../../shared/kinds/sheet-kind';
import { reportError } from './report-error';
import { useServices, useStrings } from './services-context';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalM },
  intro: { display: 'block', marginBottom: tokens.spacingVerticalM },
  done: { display: 'block', marginTop: tokens.spacingVerticalM, color: tokens.colorPaletteGreenForeground1 },
});

/** One button per sheet kind: a new sheet with the kind's headers, drop-downs and formats. */
export function TemplatesPane({ onInserted }: { onInserted: () => void }) {
  const s = useStrings();
  const services = useServices();
  const styles = useStyles();
  const [busy, setBusy] = useState<SheetKind | null>(null);
  const [inserted, setInserted] = useState<string | null>(null);

  const insert = async (kind: SheetKind) => {
    setBusy(kind);
    try {
      const name = await services.workbook.insertTemplate(kind, services.locale);
      setInserted(name);
      onInserted();
    } catch (error) {
      reportError(error, 'template');
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-label={s.tabs.templates}>
      <Text className={styles.intro}>{s.templates.intro}</Text>
      <ul className={styles.list}>
        {SHEET_KINDS.map((kind) => (
          <li key={kind} className={styles.item}>
            <Text weight="semibold">{s.kinds[kind]}</Text>
            <Button data-kind={kind} onClick={() => void insert(kind)} disabled={busy !== null} aria-label={`${s.templates.insert}: ${s.kinds[kind]}`}>
              {s.templates.insert}
            </Button>
          </li>
        ))}
      </ul>
      {inserted ? (
        <Text className={styles.done} role="status">
          {s.templates.inserted(inserted)}
        </Text>
      ) : null}
    </section>
  );
}
