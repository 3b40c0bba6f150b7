import { createContext, useContext } from 'react';
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
