import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { SHEET_KINDS, type SheetKind } from '../../shared/kinds/sheet-kind';
import { clearError, reportError } from './report-error';
import { useServices, useStrings } from './services-context';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  item: { display: 'grid', gridTemplateColumns: '1fr auto', columnGap: tokens.spacingHorizontalM, alignItems: 'center' },
  purpose: { display: 'block', color: tokens.colorNeutralForeground2 },
  intro: { display: 'block', marginBottom: tokens.spacingVerticalM },
  done: { display: 'block', marginTop: tokens.spacingVerticalM, color: tokens.colorPaletteGreenForeground1 },
});

/** One button per sheet kind: a new sheet with the kind's headers, drop-downs and formats, and a line on what it is for. */
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
      clearError('template');
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
            <span>
              <Text weight="semibold" id={`template-${kind}`}>
                {s.kinds[kind]}
              </Text>
              <Text size={200} className={styles.purpose} id={`template-${kind}-purpose`}>
                {s.templates.purpose[kind]}
              </Text>
            </span>
            <Button
              data-kind={kind}
              onClick={() => void insert(kind)}
              disabled={busy !== null}
              aria-label={`${s.templates.insert}: ${s.kinds[kind]}`}
              aria-describedby={`template-${kind}-purpose`}
            >
              {s.templates.insert}
            </Button>
          </li>
        ))}
      </ul>
      <Text className={styles.done} role="status">
        {inserted ? s.templates.inserted(inserted) : ''}
      </Text>
    </section>
  );
}
