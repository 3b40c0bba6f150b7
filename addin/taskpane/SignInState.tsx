import { Button, Caption1, Field, Input, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { DevTokenProvider } from '../auth/dev-token';
import type { SignedInAccount } from '../auth/token-provider';
import { reportError } from './report-error';
import { useServices, useStrings } from './services-context';

const useStyles = makeStyles({
  line: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    marginTop: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
});

/** Who is signed in, and the way to sign in that this service and host allow. */
export function SignInState() {
  const s = useStrings();
  const { auth } = useServices();
  const styles = useStyles();
  const [account, setAccount] = useState<SignedInAccount | null>(auth.account());
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState('');
  const [pasted, setPasted] = useState('');
  const dev = auth instanceof DevTokenProvider ? auth : null;

  async function signIn() {
    if (dev) return setOpen(!open);
    const result = await auth.signIn();
    if (!result.ok) return void reportError(result.error, 'sign-in');
    setAccount(result.value);
  }

  async function requestDevToken() {
    if (!dev) return;
    dev.useEmail(email);
    const result = await dev.signIn();
    if (!result.ok) return void reportError(result.error, 'sign-in');
    setAccount(result.value);
    setOpen(false);
  }

  function applyPastedToken() {
    if (!dev) return;
    const result = dev.usePasted(pasted);
    // The pasted text is cleared either way: a token should not linger in the page.
    setPasted('');
    if (!result.ok) return void reportError(result.error, 'sign-in');
    setAccount(result.value);
    setOpen(false);
  }

  return (
    <div>
      <div className={styles.line}>
        <Caption1 data-testid="sign-in-state">{account ? s.signIn.signedInAs(account.name) : s.signIn.notSignedIn}</Caption1>
        {account && dev ? (
          <Button
            size="small"
            appearance="subtle"
            onClick={() => {
              dev.signOut();
              setAccount(null);
            }}
          >
            {s.signIn.signOut}
          </Button>
        ) : null}
        {account ? null : (
          <Button size="small" appearance="subtle" onClick={() => void signIn()}>
            {s.signIn.signIn}
          </Button>
        )}
      </div>
      {dev && open ? (
        <div className={styles.form} aria-label={s.signIn.devTitle}>
          <Field label={s.signIn.email}>
            <Input type="email" value={email} onChange={(_e, d) => setEmail(d.value)} />
          </Field>
          <Button size="small" disabled={email.trim() === ''} onClick={() => void requestDevToken()}>
            {s.signIn.useEmail}
          </Button>
          <Field label={s.signIn.pasteToken}>
            <Textarea value={pasted} onChange={(_e, d) => setPasted(d.value)} resize="vertical" />
          </Field>
          <Button size="small" disabled={pasted.trim() === ''} onClick={applyPastedToken}>
            {s.signIn.useToken}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
