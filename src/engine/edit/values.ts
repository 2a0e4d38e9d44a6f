/** Plain decoded YAML values (what `toJS` gives): comparison and copying. */

import { isRecord } from '../util/raw';

/** Structural equality of decoded YAML: key order is ignored, Dates compare by instant. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date || b instanceof Date)
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => deepEqual(item, b[i]))
    );
  }
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]))
  );
}

/** A string that is equal for deep-equal values: a cheap key for matching list items. */
export function valueKey(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isRecord(v) && !(v instanceof Date)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}

export function cloneValue<T>(value: T): T {
  return structuredClone(value);
}

function isEmptyCollection(value: unknown): boolean {
  return Array.isArray(value)
    ? value.length === 0
    : isRecord(value) && !(value instanceof Date) && Object.keys(value).length === 0;
}

/** A value written on the line of its key: a scalar, `{}` or `[]`. */
export function isInlineValue(value: unknown): boolean {
  return value === null || typeof value !== 'object' || value instanceof Date || isEmptyCollection(value);
}
