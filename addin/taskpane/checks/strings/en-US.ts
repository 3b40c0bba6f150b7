import type { CheckStatusStrings } from './types';

export const enUS: CheckStatusStrings = {
  unreadable: (sheet) => `“${sheet}” could not be read this time, so its issues are not listed.`,
  unreadableHint: 'It is checked again after its next change, or with Check now.',
  busy: (sheets) => `Waiting for Excel to finish editing a cell, then checking ${sheets} again.`,
  code: (code) => `Excel: ${code}`,
};
