import { dayNumber, fromDayNumber } from '../../shared/parse/date';

/**
 * Excel's 1900 date system for the fake: serial 1 is 1900-01-01, serial 60 the phantom
 * 1900-02-29, so from 1900-03-01 on a serial is the day number since 1970 plus 25569.
 */
const EPOCH_1970 = 25569;

export function isoToSerial(iso: string): number | null {
  const n = dayNumber(iso);
  if (Number.isNaN(n)) return null;
  const serial = n + EPOCH_1970;
  return serial >= 61 ? serial : serial + 1 > 0 ? serial + 1 : null;
}

export function serialParts(serial: number): { y: number; m: number; d: number; h: number; mi: number; s: number } {
  const seconds = Math.round(serial * 86_400);
  const days = Math.floor(seconds / 86_400);
  const rest = seconds - days * 86_400;
  const iso = fromDayNumber(days <= 60 ? days - EPOCH_1970 - 1 : days - EPOCH_1970);
  return {
    y: Number(iso.slice(0, 4)),
    m: Number(iso.slice(5, 7)),
    d: Number(iso.slice(8, 10)),
    h: Math.floor(rest / 3600),
    mi: Math.floor((rest % 3600) / 60),
    s: rest % 60,
  };
}
