import { z } from 'zod';
import type { KeyValueStorage } from '../sync/offline-queue';

/** What the pane remembers between sessions: where to sync to. No tokens, nothing personal. */
export interface PaneSettings {
  readonly workspace: string;
  readonly workbook: string;
}

const KEY = 'ops-scorecard:settings';
const SettingsSchema = z.object({ workspace: z.string().max(64), workbook: z.string().max(128) });

export const DEFAULT_SETTINGS: PaneSettings = { workspace: 'demo', workbook: 'workbook' };

export function loadSettings(storage: KeyValueStorage | null): PaneSettings {
  try {
    const parsed = SettingsSchema.safeParse(JSON.parse(storage?.getItem(KEY) ?? 'null'));
    return parsed.success ? parsed.data : DEFAULT_SETTINGS;
  } catch {
    return DEFAULT_SETTINGS;
  }
}

export function saveSettings(storage: KeyValueStorage | null, settings: PaneSettings): void {
  try {
    storage?.setItem(KEY, JSON.stringify(settings));
  } catch {
    /* not remembered: harmless */
  }
}
