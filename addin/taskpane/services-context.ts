import { createContext, useContext } from 'react';
import type { SignedInAccount } from '../auth/token-provider';
import type { PaneStrings } from './i18n';
import type { PaneServices } from './pane-services';

/** The pane's services and words, handed down once by App instead of through every prop. */
export const ServicesContext = createContext<PaneServices | null>(null);
export const StringsContext = createContext<PaneStrings | null>(null);

export function useServices(): PaneServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside <App>');
  return services;
}

export function useStrings(): PaneStrings {
  const strings = useContext(StringsContext);
  if (!strings) throw new Error('useStrings outside <App>');
  return strings;
}

/** Who is signed in: the header's sign-in state sets it, the Sync tab follows it. */
export interface AccountState {
  readonly account: SignedInAccount | null;
  setAccount(account: SignedInAccount | null): void;
}
export const AccountContext = createContext<AccountState>({ account: null, setAccount: () => undefined });

export function useAccount(): AccountState {
  return useContext(AccountContext);
}
