import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { cellAddress, columnLetters, parseCellAddress } from '../../shared/table/address';
import type { CellView, FakeExcel } from '../excel-fake';
import { conditionalLook } from './preview-conditional';

/**
 * Preview mode's stand-in for Excel's grid: the in-browser fake workbook drawn as a table, with
 * sheet tabs, the fills and notes the add-in puts on cells (so the marks show), the conditional
 * formats it writes (the Scorecard's status fills and score icons), and editing:
 * double-click, Enter or just typing starts an edit; Enter or Tab commits it through the fake's
 * userEdit, which parses the text as Excel would and fires onChanged — the same path as a user
 * typing in Excel, so the pane's live check runs on it.
 */

const MIN_ROWS = 30;
const MIN_COLUMNS = 10;
const DEFAULT_WIDTH = 72;
/** Excel's three traffic lights, lowest first: red, amber, green. */
const ICON_COLORS = ['#D9342B', '#F2B70A', '#3D9A3D'] as const;
/**
 * Drawn as shapes with a dark outline, not dots told apart by colour alone (amber on white is
 * 1.8:1, red vs green 1.3:1): a diamond (red), a triangle (amber), a circle (green).
 */
const ICON_SHAPES = ['polygon(50% 0, 100% 50%, 50% 100%, 0 50%)', 'polygon(50% 0, 100% 100%, 0 100%)', 'circle(50%)'] as const;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', height: '100%', minWidth: 0, backgroundColor: tokens.colorNeutralBackground1 },
  formulaBar: {
    flexShrink: 0,
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
    padding: tokens.spacingHorizontalXS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
  },
  nameBox: { width: '72px', fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground2 },
  // minHeight 0: a flex child may shrink below its content, so the grid scrolls and the tabs stay in view.
  scroller: { flexGrow: 1, flexBasis: 0, minHeight: 0, overflow: 'auto', outlineStyle: 'none' },
  table: { borderCollapse: 'collapse', tableLayout: 'fixed', fontSize: tokens.fontSizeBase200, fontFamily: tokens.fontFamilyBase },
  head: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground3,
    fontWeight: tokens.fontWeightRegular,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    height: '20px',
  },
  rowHead: {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    width: '40px',
    textAlign: 'center',
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground3,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  cell: {
    position: 'relative',
    height: '20px',
    padding: '0 4px',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    border: `1px solid ${tokens.colorNeutralStroke3}`,
    cursor: 'cell',
  },
  number: { textAlign: 'right' },
  // Excel's TableStyleMedium2, the look the templates ask for: a blue header, light bands.
  tableHeader: { backgroundColor: '#4472C4', color: '#FFFFFF', fontWeight: tokens.fontWeightSemibold },
  tableBand: { backgroundColor: '#D9E1F2' },
  bold: { fontWeight: tokens.fontWeightSemibold },
  selected: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: '-2px' },
  // Excel's note indicator: a small red triangle in the top-right corner.
  note: {
    '::after': {
      content: '""',
      position: 'absolute',
      top: 0,
      right: 0,
      borderTop: `6px solid ${tokens.colorPaletteRedBorderActive}`,
      borderLeft: '6px solid transparent',
    },
  },
  // A three-icon set's icon (traffic lights), at the cell's left edge as Excel draws it.
  icon: {
    position: 'absolute',
    left: '4px',
    top: '50%',
    width: '9px',
    height: '9px',
    marginTop: '-5px',
  },
  // The fill inside a 1.5 px outline of the same shape.
  iconFill: { position: 'absolute', inset: '1.5px' },
  editor: {
    position: 'absolute',
    inset: 0,
    width: '100%',
    boxSizing: 'border-box',
    border: 'none',
    padding: '0 4px',
    font: 'inherit',
    outlineStyle: 'none',
    backgroundColor: tokens.colorNeutralBackground1,
  },
  // Not editing: present and focused, but invisible, so the cell's text shows through.
  idleEditor: { opacity: 0, caretColor: 'transparent' },
  tabs: { flexShrink: 0, display: 'flex', gap: '2px', borderTop: `1px solid ${tokens.colorNeutralStroke2}`, backgroundColor: tokens.colorNeutralBackground3, overflowX: 'auto' },
  tab: {
    border: 'none',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    backgroundColor: 'transparent',
    cursor: 'pointer',
    font: 'inherit',
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'nowrap',
  },
  activeTab: {
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorBrandForeground1,
    fontWeight: tokens.fontWeightSemibold,
    borderBottom: `2px solid ${tokens.colorBrandStroke1}`,
  },
});

interface Pos {
  readonly row: number;
  readonly col: number;
}

function useModelVersion(fake: FakeExcel): number {
  const [version, setVersion] = useState(0);
  useEffect(() => fake.onModelChange(() => setVersion((v) => v + 1)), [fake]);
  return version;
}

export function PreviewWorkbook({ fake }: { fake: FakeExcel }) {
  const styles = useStyles();
  const version = useModelVersion(fake);
  const sheets = fake.view.sheets().filter((s) => s.visibility === 'Visible');
  const modelActive = fake.view.activeSheet();
  const modelSelection = fake.view.selection();
  const [shown, setShown] = useState<string | null>(null);
  const [pos, setPos] = useState<Pos>({ row: 0, col: 0 });
  const [editing, setEditing] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  /** Set once an edit is committed or cancelled, so the editor's blur on unmount does not commit it again. */
  const settled = useRef(false);
  /**
   * The selected cell always holds a (transparent) input that has the keyboard focus: typing,
   * pasting and an IME's composed Chinese all land in it and start an edit, as they would in
   * Excel. It takes the focus only after the user acted in the grid, never when the pane
   * selected a cell (the focus stays in the pane).
   */
  const editor = useRef<HTMLInputElement>(null);
  const wantFocus = useRef(false);

  // Follow the add-in: a new sheet it inserts or activates (starting at A1, as in Excel, not at
  // the cell last used on another sheet), or a cell it selects ("click an issue", which runs next).
  useEffect(() => {
    if (!modelActive) return;
    wantFocus.current = false;
    setShown(modelActive);
    setPos({ row: 0, col: 0 });
    setEditing(null);
  }, [modelActive]);
  const selectionKey = modelSelection ? `${modelSelection.sheet}!${modelSelection.address}` : '';
  useEffect(() => {
    if (!modelSelection) return;
    const at = parseCellAddress(modelSelection.address.split(':')[0] ?? '');
    // The pane selected the cell ("go to the issue"): the keyboard focus stays where the user is.
    wantFocus.current = false;
    setShown(modelSelection.sheet);
    if (at) setPos(at);
    setEditing(null);
    // selectionKey stands for modelSelection, a new object on every render.
  }, [selectionKey]);

  const name = shown !== null && sheets.some((s) => s.name === shown) ? shown : (sheets[0]?.name ?? null);
  const cells = useMemo(() => {
    const byAddress = new Map<string, CellView>();
    if (name !== null) for (const c of fake.view.cells(name)) byAddress.set(c.address, c);
    return byAddress;
    // version: the fake's model is mutable; a change bumps it.
  }, [fake, name, version]);

  let lastRow = 0;
  let lastCol = 0;
  for (const address of cells.keys()) {
    const at = parseCellAddress(address);
    if (at) {
      lastRow = Math.max(lastRow, at.row);
      lastCol = Math.max(lastCol, at.col);
    }
  }
  const rows = Math.max(MIN_ROWS, lastRow + 10, pos.row + 5);
  const cols = Math.max(MIN_COLUMNS, lastCol + 3, pos.col + 2);
  const tables = name === null ? [] : fake.view.tables(name);
  const formats = name === null ? [] : fake.view.conditionalFormats(name);
  const tablePart = (r: number, c: number): 'header' | 'band' | null => {
    for (const t of tables) {
      const { top, left, bottom, right } = t.rect;
      if (r < top || r > bottom || c < left || c > right) continue;
      if (t.hasHeaders && r === top) return 'header';
      return (r - top) % 2 === (t.hasHeaders ? 1 : 0) ? 'band' : null;
    }
    return null;
  };
  const address = cellAddress(pos.row, pos.col);
  const current = cells.get(address);

  useEffect(() => {
    scroller.current?.querySelector(`[data-address="${address}"]`)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    if (wantFocus.current) editor.current?.focus();
  }, [address, name]);

  function startEdit(text: string) {
    settled.current = false;
    setEditing(text);
  }

  /** Writes the edit to the cell being edited (as a user's typing), then moves to `next` if given. */
  async function commit(text: string, next: Pos | null) {
    if (settled.current) return;
    settled.current = true;
    const sheet = name;
    const at = address;
    setEditing(null);
    if (next) {
      wantFocus.current = true;
      setPos({ row: Math.max(0, next.row), col: Math.max(0, next.col) });
    }
    if (sheet !== null) await fake.userEdit(sheet, at, text);
  }

  function onEditorKey(e: KeyboardEvent<HTMLInputElement>) {
    if (editing === null) {
      const moves: Record<string, Pos> = { ArrowUp: { row: -1, col: 0 }, ArrowDown: { row: 1, col: 0 }, ArrowLeft: { row: 0, col: -1 }, ArrowRight: { row: 0, col: 1 } };
      const move = moves[e.key];
      if (move) {
        e.preventDefault();
        wantFocus.current = true;
        setPos({ row: Math.max(0, pos.row + move.row), col: Math.max(0, pos.col + move.col) });
      } else if (e.key === 'Enter' || e.key === 'F2') {
        e.preventDefault();
        startEdit(current?.formula ?? (current ? String(current.value) : ''));
      } else if (e.key === 'Delete' || e.key === 'Backspace') {
        e.preventDefault();
        settled.current = false;
        void commit('', null);
      }
      // Anything else is typed into the editor: onChange turns it into an edit (IME input included).
      return;
    }
    if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      void commit(e.currentTarget.value, e.key === 'Enter' ? { row: pos.row + 1, col: pos.col } : { row: pos.row, col: pos.col + 1 });
    } else if (e.key === 'Escape') {
      e.preventDefault();
      settled.current = true;
      setEditing(null);
    }
  }

  const choicesId = current?.choices ? 'preview-choices' : undefined;
  return (
    <div className={styles.root} data-testid="preview-workbook">
      <div className={styles.formulaBar}>
        <span className={styles.nameBox} data-testid="name-box">
          {address}
        </span>
        <span data-testid="formula-bar">{current ? (current.formula ?? current.text) : ''}</span>
      </div>
      <div className={styles.scroller} ref={scroller} data-testid="grid">
        <table className={styles.table}>
          <colgroup>
            <col style={{ width: '40px' }} />
            {Array.from({ length: cols }, (_, c) => {
              const width = name === null ? null : fake.view.columnWidth(name, c);
              return <col key={c} style={{ width: `${Math.min(320, Math.max(40, width ?? DEFAULT_WIDTH))}px` }} />;
            })}
          </colgroup>
          <thead>
            <tr>
              <th className={styles.head} />
              {Array.from({ length: cols }, (_, c) => (
                <th key={c} className={styles.head}>
                  {columnLetters(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, r) => (
              <tr key={r}>
                <th className={styles.rowHead}>{r + 1}</th>
                {Array.from({ length: cols }, (_, c) => {
                  const a = cellAddress(r, c);
                  const cell = cells.get(a);
                  const isSelected = r === pos.row && c === pos.col;
                  const part = tablePart(r, c);
                  const look = cell && formats.length > 0 ? conditionalLook(formats, r, c, cell.value) : null;
                  const fill = look?.fill ?? cell?.fill ?? null;
                  return (
                    <td
                      key={c}
                      data-address={a}
                      title={cell?.note ?? cell?.comment ?? undefined}
                      className={mergeClasses(
                        styles.cell,
                        part === 'header' && styles.tableHeader,
                        part === 'band' && styles.tableBand,
                        typeof cell?.value === 'number' && styles.number,
                        cell?.bold && styles.bold,
                        (cell?.note ?? cell?.comment) ? styles.note : undefined,
                        isSelected && styles.selected,
                      )}
                      style={fill || look?.fontColor ? { ...(fill ? { backgroundColor: fill } : {}), ...(look?.fontColor ? { color: look.fontColor } : {}) } : undefined}
                      onMouseDown={(e) => {
                        // While editing, a click in the cell places the caret in the editor.
                        if (isSelected && editing !== null) return;
                        e.preventDefault();
                        // Clicking away commits the edit in progress, as in Excel.
                        if (editing !== null) void commit(editing, null);
                        wantFocus.current = true;
                        setPos({ row: r, col: c });
                        editor.current?.focus();
                      }}
                      onDoubleClick={() => startEdit(cell ? (cell.formula ?? String(cell.value)) : '')}
                    >
                      {look?.icon != null && !(isSelected && editing !== null) ? (
                        <span className={styles.icon} style={{ backgroundColor: '#242424', clipPath: ICON_SHAPES[look.icon] }} data-icon={look.icon} aria-hidden>
                          <span className={styles.iconFill} style={{ backgroundColor: ICON_COLORS[look.icon], clipPath: ICON_SHAPES[look.icon] }} />
                        </span>
                      ) : null}
                      {isSelected && editing !== null ? null : (cell?.text ?? '')}
                      {isSelected ? (
                        <input
                          ref={editor}
                          className={mergeClasses(styles.editor, editing === null && styles.idleEditor)}
                          aria-label={a}
                          list={choicesId}
                          value={editing ?? ''}
                          onChange={(e) => {
                            if (editing === null) settled.current = false;
                            setEditing(e.target.value);
                          }}
                          onKeyDown={onEditorKey}
                          onBlur={(e) => {
                            if (editing !== null) void commit(e.currentTarget.value, null);
                          }}
                        />
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        {current?.choices ? (
          <datalist id="preview-choices">
            {current.choices.map((choice) => (
              <option key={choice} value={choice} />
            ))}
          </datalist>
        ) : null}
      </div>
      <nav className={styles.tabs} aria-label="Sheets">
        {sheets.map((s) => (
          <button
            key={s.id}
            type="button"
            className={mergeClasses(styles.tab, s.name === name && styles.activeTab)}
            aria-current={s.name === name ? 'true' : undefined}
            onClick={() => {
              setShown(s.name);
              setEditing(null);
            }}
            data-sheet={s.name}
          >
            {s.name}
          </button>
        ))}
      </nav>
    </div>
  );
}
