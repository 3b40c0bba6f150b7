import type { Locale } from '../../../../shared/i18n/locale';
import { enUS } from './en-US';
import type { ApprovalStrings } from './types';
import { zhCN } from './zh-CN';

export type { ApprovalStrings } from './types';

const BY_LOCALE: Readonly<Record<Locale, ApprovalStrings>> = { 'en-US': enUS, 'zh-CN': zhCN };

export function approvalStrings(locale: Locale): ApprovalStrings {
  return BY_LOCALE[locale];
}
