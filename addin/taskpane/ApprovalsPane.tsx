import { Button, Field, Input, Spinner, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { WorkspaceNameSchema } from '../../shared/api/workspace';
import { decide, loadCards, outcomeText, type ApprovalCard } from './approvals/approvals-model';
import { approvalStrings } from './approvals/strings';
import { clearError, reportError } from './report-error';
import { useServices } from './services-context';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  card: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    overflowWrap: 'anywhere',
  },
  cardTitle: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
});

/**
 * The Approvals view: the changes waiting in this workbook's workspace, and approve / reject
 * (with a comment) for those the signed-in user may decide on. The logic is in
 * approvals/approvals-model.ts; errors go through the one reportError.
 */
export function ApprovalsPane() {
  const services = useServices();
  const s = approvalStrings(services.locale);
  const styles = useStyles();
  const [cards, setCards] = useState<ApprovalCard[] | null>(null);
  const [workspace, setWorkspace] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [comments, setComments] = useState<Readonly<Record<number, string>>>({});
  const [note, setNote] = useState<string | null>(null);

  // The workbook's workspace (remembered by the Sync tab), or one typed here: an approver need not push.
  const [typed, setTyped] = useState('');

  const load = useCallback(
    async (name: string) => {
      const chosen = name.trim();
      if (!WorkspaceNameSchema.safeParse(chosen).success) {
        setWorkspace(null);
        return void setCards([]);
      }
      setBusy(true);
      try {
        setWorkspace(chosen);
        const loaded = await loadCards(services.client, chosen, services.locale);
        if (!loaded.ok) {
          setCards(null);
          return void reportError(loaded.error, 'approval');
        }
        setCards(loaded.value);
        clearError('approval');
      } catch (error) {
        reportError(error, 'approval');
      } finally {
        setBusy(false);
      }
    },
    [services],
  );

  useEffect(() => {
    let live = true;
    void services.target.get().then((target) => {
      if (!live) return;
      const name = target?.workspace ?? '';
      setTyped((t) => t || name);
      if (name !== '') void load(name);
      else setCards([]);
    });
    return () => {
      live = false;
    };
  }, [services, load]);

  async function onDecide(id: number, decision: 'approve' | 'reject') {
    if (workspace === null) return;
    const comment = comments[id] ?? '';
    if (decision === 'reject' && comment.trim() === '') return void setNote(s.rejectNeedsComment);
    setBusy(true);
    try {
      const answer = await decide(services.client, workspace, id, decision, comment);
      if (!answer.ok) {
        if (answer.error.kind === 'comment-required') return void setNote(s.rejectNeedsComment);
        return void reportError(answer.error, 'approval');
      }
      setNote(outcomeText(answer.value, services.locale));
      clearError('approval');
      setComments((c) => ({ ...c, [id]: '' }));
      const loaded = await loadCards(services.client, workspace, services.locale);
      if (loaded.ok) setCards(loaded.value);
    } catch (error) {
      reportError(error, 'approval');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className={styles.root} aria-labelledby="approvals-title">
      <h2 id="approvals-title" className={styles.heading}>
        {s.title}
      </h2>
      <Text className={styles.muted}>{s.intro}</Text>
      <div className={styles.actions}>
        <Field label={s.workspace}>
          <Input value={typed} onChange={(_e, d) => setTyped(d.value)} maxLength={64} />
        </Field>
        <Button onClick={() => void load(typed)} disabled={busy}>
          {s.refresh}
        </Button>
        {busy ? <Spinner size="tiny" label={s.loading} /> : null}
      </div>
      {note !== null ? <Text role="status">{note}</Text> : null}
      {workspace === null && cards !== null ? <Text>{s.noWorkspace}</Text> : null}
      {workspace !== null && cards !== null && cards.length === 0 ? <Text>{s.none}</Text> : null}
      {cards !== null && cards.length > 0 ? (
        <ul className={styles.list}>
          {cards.map((card) => (
            <li key={card.id} className={styles.card} data-testid={`approval-${card.id}`}>
              <h3 className={styles.cardTitle}>{card.title}</h3>
              {card.lines.map((line, i) => (
                <Text key={i}>{line}</Text>
              ))}
              <Text className={styles.muted}>{card.proposedBy}</Text>
              <Text className={styles.muted}>{card.level}</Text>
              {card.approvedSoFar !== null ? <Text className={styles.muted}>{card.approvedSoFar}</Text> : null}
              {card.canDecide ? (
                <>
                  <Field label={s.comment} hint={s.commentHint}>
                    <Textarea value={comments[card.id] ?? ''} onChange={(_e, d) => setComments((c) => ({ ...c, [card.id]: d.value }))} maxLength={2000} />
                  </Field>
                  <div className={styles.actions}>
                    <Button appearance="primary" disabled={busy} onClick={() => void onDecide(card.id, 'approve')}>
                      {s.approve}
                    </Button>
                    <Button disabled={busy} onClick={() => void onDecide(card.id, 'reject')}>
                      {s.reject}
                    </Button>
                  </div>
                </>
              ) : (
                <Text className={styles.muted}>{s.cannotDecide}</Text>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
