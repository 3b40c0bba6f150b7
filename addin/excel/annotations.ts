/// <reference types="office-js" />
import type { ApiRequirements } from './excel-host';

/**
 * How a mark explains itself: a note where ExcelApi 1.18 has them (a note is what a hover
 * shows, and it is not a conversation), a threaded comment where only 1.10 is there, or the
 * fill alone on anything older.
 */
export type AnnotationMode = 'notes' | 'comments' | 'none';

export function annotationMode(requirements: ApiRequirements): AnnotationMode {
  if (requirements.isSetSupported('ExcelApi', '1.18')) return 'notes';
  if (requirements.isSetSupported('ExcelApi', '1.10')) return 'comments';
  return 'none';
}

/** A note or a comment, the same to the marking code. */
export interface Annotation {
  readonly content: string;
  getLocation(): Excel.Range;
  setContent(text: string): void;
  delete(): void;
}

/** The sheet's notes or comments: queue a load of every one, read them after the sync, add one. */
export interface Annotations {
  load(): void;
  items(): Annotation[];
  add(cell: Excel.Range, text: string): void;
}

function wrap(item: Excel.Note | Excel.Comment): Annotation {
  return {
    get content() {
      return item.content;
    },
    getLocation: () => item.getLocation(),
    setContent: (text) => {
      item.content = text;
    },
    delete: () => item.delete(),
  };
}

export function annotationsOf(sheet: Excel.Worksheet, mode: AnnotationMode): Annotations | null {
  if (mode === 'notes') {
    const notes = sheet.notes;
    return {
      load: () => void notes.load('items/content'),
      items: () => notes.items.map(wrap),
      add: (cell, text) => void notes.add(cell, text),
    };
  }
  if (mode === 'comments') {
    const comments = sheet.comments;
    return {
      load: () => void comments.load('items/content'),
      items: () => comments.items.map(wrap),
      add: (cell, text) => void comments.add(cell, text),
    };
  }
  return null;
}
