import type { LabelSelector, Labels } from './types';

/**
 * apimachinery's label selector semantics: every requirement must hold; `matchLabels {k: v}` needs
 * the key present with exactly `v`; `NotIn` also matches objects without the key.
 *
 * @example selects({ matchLabels: {}, matchExpressions: [] }, {}) === true // empty selects everything
 */
export function selects(selector: LabelSelector, labels: Labels): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels)) {
    if (!Object.hasOwn(labels, key) || labels[key] !== value) return false;
  }
  for (const { key, operator, values } of selector.matchExpressions) {
    const present = Object.hasOwn(labels, key);
    const value = labels[key];
    switch (operator) {
      case 'In':
        if (!present || !values.includes(value!)) return false;
        break;
      case 'NotIn':
        if (present && values.includes(value!)) return false;
        break;
      case 'Exists':
        if (!present) return false;
        break;
      case 'DoesNotExist':
        if (present) return false;
        break;
    }
  }
  return true;
}

export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}

/** `app=web, tier in (a,b), !legacy` — kubectl's way of writing a selector. */
export function formatSelector(selector: LabelSelector): string {
  if (isEmptySelector(selector)) return '(all)';
  const parts = Object.entries(selector.matchLabels).map(([k, v]) => `${k}=${v}`);
  for (const { key, operator, values } of selector.matchExpressions) {
    if (operator === 'In') parts.push(`${key} in (${values.join(',')})`);
    else if (operator === 'NotIn') parts.push(`${key} notin (${values.join(',')})`);
    else if (operator === 'Exists') parts.push(key);
    else parts.push(`!${key}`);
  }
  return parts.join(', ');
}
