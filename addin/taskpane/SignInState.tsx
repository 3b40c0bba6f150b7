import { Button, Field, Input, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import { DevTokenProvider } from '../auth/dev-token';
import type { SignedInAccount } from '../auth/token-provider';
import { clearError, clearSignInErrors, reportError } from './report-error';
import { useAccount, useServices, useStrings } from './services-context';

const useStyles = makeStyles({
  line: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', marginTop: tokens.spacingVerticalXS },
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    marginTop: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
  state: { fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, color: tokens.colorNeutralForeground2 },
  command: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
});

/** Who is signed in, and the way to sign in that this service and host allow. */
export function SignInState() {
  const s = useStrings();
  const services = useServices();
  const { auth } = services;
  const { account, setAccount } = useAccount();
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState('');
  const [pasted, setPasted] = useState('');
  const stateRef = useRef<HTMLSpanElement>(null);
  const signInRef = useRef<HTMLButtonElement>(null);
  const dev = auth instanceof DevTokenProvider ? auth : null;

  function signedIn(next: SignedInAccount) {
    setAccount(next);
    setOpen(false);
    clearSignInErrors();
    clearError('sign-in');
    services.signedIn();
    // The form that had the focus is gone: the focus goes to who is signed in now, not to <body>.
    requestAnimationFrame(() => stateRef.current?.focus());
  }

  async function signIn() {
    if (dev) return setOpen(!open);
    const result = await auth.signIn();
    if (!result.ok) return void reportError(result.error, 'sign-in');
    signedIn(result.value);
  }

  async function requestDevToken() {
    if (!dev) return;
    dev.useEmail(email);
    const result = await dev.signIn();
    if (!result.ok) return void reportError(result.error, 'sign-in');
    signedIn(result.value);
  }

  function applyPastedToken() {
    if (!dev) return;
    const result = dev.usePasted(pasted);
    // The pasted text is cleared either way: a token should not linger in the page.
    setPasted('');
    if (!result.ok) return void reportError(result.error, 'sign-in');
    signedIn(result.value);
  }

  function signOut() {
    services.signOut();
    setAccount(null);
    requestAnimationFrame(() => signInRef.current?.focus());
  }

  return (
    <div>
      <div className={styles.line}>
        <span ref={stateRef} tabIndex={-1} className={styles.state} data-testid="sign-in-state">
          {account ? s.signIn.signedInAs(account.name) : s.signIn.notSignedIn}
        </span>
        {account ? (
          <Button size="small" appearance="secondary" onClick={signOut}>
            {s.signIn.signOut}
          </Button>
        ) : (
          <Button ref={signInRef} size="small" appearance="primary" aria-expanded={dev ? open : undefined} onClick={() => void signIn()}>
            {s.signIn.signIn}
          </Button>
        )}
      </div>
      {dev && open && !account ? (
        <form
          className={styles.form}
          aria-label={s.signIn.devTitle}
          onSubmit={(e) => {
            e.preventDefault();
            if (email.trim() !== '') void requestDevToken();
          }}
        >
          <Text size={200}>{s.signIn.devHelp}</Text>
          <Field label={s.signIn.email}>
            <Input type="email" value={email} onChange={(_e, d) => setEmail(d.value)} autoComplete="email" />
          </Field>
          <Button size="small" type="submit" disabled={email.trim() === ''}>
            {s.signIn.useEmail}
          </Button>
          <Field label={s.signIn.pasteToken} hint={<span className={styles.command}>{s.signIn.tokenCommand}</span>}>
            <Textarea value={pasted} onChange={(_e, d) => setPasted(d.value)} resize="vertical" />
          </Field>
          <Button size="small" disabled={pasted.trim() === ''} onClick={applyPastedToken}>
            {s.signIn.useToken}
          </Button>
        </form>
      ) : null}
    </div>
  );
}
