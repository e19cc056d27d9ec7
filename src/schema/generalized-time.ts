/**
 * RFC 4517 §3.3.13 Generalized Time:
 *
 *   GeneralizedTime = century year month day hour [ minute [ second / leap-second ] ] [ fraction ] g-time-zone
 *   fraction = ( DOT / COMMA ) 1*(%x30-39)
 *   g-time-zone = %x5A / g-differential       g-differential = ( MINUS / PLUS ) hour [ minute ]
 *
 * The fraction applies to the last field present (of an hour, a minute or a second). Matching
 * (generalizedTimeMatch, §4.2.16) compares instants, so `199412161032Z` equals `199412160532-0500`.
 */
const GENERALIZED_TIME =
  /^(\d{4})(\d{2})(\d{2})(\d{2})(?:(\d{2})(?:(\d{2}))?)?(?:[.,](\d+))?(?:(Z)|([+-])(\d{2})(\d{2})?)$/;

const NS_PER_MS = 1_000_000n;

function daysInMonth(year: number, month: number): number {
  // The Gregorian leap-year pattern repeats every 400 years; day 0 of the next month is the last of this one.
  return new Date(Date.UTC(2000 + (year % 400), month, 0)).getUTCDate();
}

/** Milliseconds since the epoch of a UTC calendar time; years 0-99 are not shifted to 19xx. */
function utcMs(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}

/** The instant in nanoseconds since the epoch, or undefined when the text is not a valid Generalized Time. */
export function parseGeneralizedTime(text: string): bigint | undefined {
  const m = GENERALIZED_TIME.exec(text);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s, fraction, , sign, offH, offM] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 60) return undefined; // 60: leap-second
  let offsetMinutes = 0;
  if (sign !== undefined) {
    const oh = Number(offH);
    const om = offM === undefined ? 0 : Number(offM);
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (sign === '-' ? -1 : 1) * (oh * 60 + om);
  }
  let ns = BigInt(utcMs(year, month, day, hour, minute, second) - offsetMinutes * 60_000) * NS_PER_MS;
  if (fraction !== undefined) {
    const unit = s !== undefined ? 1_000_000_000n : mi !== undefined ? 60_000_000_000n : 3_600_000_000_000n;
    ns += (BigInt(fraction) * unit) / 10n ** BigInt(fraction.length);
  }
  return ns;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Canonical UTC form of an instant: `YYYYMMDDHHMMSS[.fraction]Z`, fraction without trailing zeros. */
export function formatGeneralizedTime(ns: bigint): string {
  let ms = ns / NS_PER_MS;
  let rest = ns % NS_PER_MS;
  if (rest < 0n) {
    rest += NS_PER_MS;
    ms -= 1n;
  }
  const date = new Date(Number(ms));
  const subSecond = BigInt(date.getUTCMilliseconds()) * NS_PER_MS + rest;
  const fraction = subSecond === 0n ? '' : `.${pad(Number(subSecond), 9).replace(/0+$/, '')}`;
  return (
    pad(date.getUTCFullYear(), 4) + pad(date.getUTCMonth() + 1, 2) + pad(date.getUTCDate(), 2) +
    pad(date.getUTCHours(), 2) + pad(date.getUTCMinutes(), 2) + pad(date.getUTCSeconds(), 2) + fraction + 'Z'
  );
}

/** The Generalized Time form of a JavaScript Date (for createTimestamp and friends). */
export function generalizedTimeOf(date: Date): string {
  return formatGeneralizedTime(BigInt(date.getTime()) * NS_PER_MS);
}
