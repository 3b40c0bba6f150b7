import { FluentProvider, makeStyles, tokens, webLightTheme } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { FakeExcel } from '../excel-fake';
import { PreviewWorkbook } from './PreviewWorkbook';

const useStyles = makeStyles({
  shell: { display: 'flex', height: '100%', minHeight: 0 },
  sheet: { flexGrow: 1, minWidth: 0, borderRight: `1px solid ${tokens.colorNeutralStroke1}` },
  // About the width Excel gives a task pane (320 px at its narrowest; `?paneWidth=` tries others).
  pane: { flexShrink: 0, minHeight: 0 },
});

/** Preview mode's page: the in-browser workbook on the left, the task pane on the right, as in Excel. */
/** The pane's width in preview: `?paneWidth=320` (280–800), 380 by default. */
export function previewPaneWidth(search: string): number {
  const asked = Number(new URLSearchParams(search).get('paneWidth'));
  return Number.isInteger(asked) && asked >= 280 && asked <= 800 ? asked : 380;
}

export function PreviewShell({ fake, children }: { fake: FakeExcel; children: ReactNode }) {
  const styles = useStyles();
  const width = previewPaneWidth(window.location.search);
  // Its own provider: the grid's styles use Fluent's tokens, which exist only inside one.
  return (
    <FluentProvider theme={webLightTheme} style={{ height: '100%' }}>
      <div className={styles.shell}>
        <div className={styles.sheet}>
          <PreviewWorkbook fake={fake} />
        </div>
        <div className={styles.pane} style={{ width }} data-testid="pane">
          {children}
        </div>
      </div>
    </FluentProvider>
  );
}
