import { splitOwners } from '../../engine/schedule-checks';
import { matchKey, normalizeText } from '../../text/normalize';

/**
 * How people named in different sheets meet: a Gantt or KPI owner holds a role when one of its
 * keys is a key of a member of the role. "张三 <zhangsan@example.cn>" has two keys, the name and
 * the address; a plain name or address has one. Keys are matchKey (case, width, Traditional /
 * Simplified folded), so "ZhangSan@Example.cn" and "zhangsan@example.cn" meet.
 */
export function personKeys(entry: string): string[] {
  const text = normalizeText(entry);
  const keys: string[] = [];
  const add = (s: string): void => {
    const k = matchKey(s);
    if (k !== '' && !keys.includes(k)) keys.push(k);
  };
  const angle = /^(.*?)<\s*([^<>\s]+@[^<>\s]+)\s*>(.*)$/.exec(text);
  if (angle) {
    add(angle[2]!);
    add(`${angle[1]!} ${angle[3]!}`.replace(/["“”]/g, ''));
  } else add(text);
  return keys;
}

const NO_MEMBER = /^(?:-|—|–|无|無|none|n\/a)$/i;

/** The keys of every member of a Members cell (same separators as the policy's parseMembers). */
export function memberKeys(cell: string): string[] {
  const keys = new Set<string>();
  for (const piece of cell.split(/[、,，;；|\r\n]+/)) {
    const p = piece.trim();
    if (p === '' || NO_MEMBER.test(p)) continue;
    // Several bare addresses separated by spaces, as parseMembers reads them.
    const words = p.split(/\s+/);
    const entries = words.length > 1 && words.every((w) => w.includes('@')) ? words : [p];
    for (const e of entries) for (const k of personKeys(e)) keys.add(k);
  }
  return [...keys];
}

/** The owners of an owner cell, each with its keys. */
export function ownersOf(cell: string): { owner: string; keys: string[] }[] {
  // splitOwners splits at "/" too; an address has none, a name rarely.
  return splitOwners(cell).map((owner) => ({ owner, keys: personKeys(owner) }));
}
