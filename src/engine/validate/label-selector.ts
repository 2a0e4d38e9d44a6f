/** Label selectors (S1–S6): shared by every kind that selects. */
import type { FieldPath } from '../diagnostics';
import { arrayAt, isRecord, type RawRecord } from '../util/raw';
import {
  checkFields,
  checkKind,
  fail,
  itemRecord,
  itemString,
  type FieldTable,
  type Issues,
  type ValidationIssue,
} from './field-checks';
import { labelValue, qualifiedName } from './grammar';
import { checkLabelMap } from './object-meta';

export const SELECTOR_EXAMPLE = '{} or {matchLabels: {app: web}}';
export const SELECTOR_FIELDS: FieldTable = {
  matchLabels: { kind: 'object', example: '{app: web}' },
  matchExpressions: { kind: 'list', example: '[{key: app, operator: In, values: [web]}]' },
};
const REQUIREMENT_FIELDS: FieldTable = {
  key: 'string',
  operator: 'string',
  values: { kind: 'list', example: '[web, api]' },
};
const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** S1-S6 and the decoding of one LabelSelector; null or absent is fine (no selector). */
export function validateLabelSelector(sel: unknown, path: FieldPath): ValidationIssue[] {
  const out: Issues = [];
  if (!checkKind(sel, { kind: 'object', example: SELECTOR_EXAMPLE }, path, out)) return out;
  const selector = sel as RawRecord;
  checkFields(selector, SELECTOR_FIELDS, path, out, 'a label selector', (key) =>
    key.startsWith('match')
      ? undefined
      : `a selector has only matchLabels and matchExpressions; to match the label "${key}", write matchLabels: {${key}: …}`,
  );
  if (isRecord(selector.matchLabels))
    checkLabelMap(selector.matchLabels, [...path, 'matchLabels'], 'S1', out);
  arrayAt(selector, 'matchExpressions').forEach((item, i) =>
    checkRequirement(item, [...path, 'matchExpressions', i], out),
  );
  return out;
}

function checkRequirement(item: unknown, path: FieldPath, out: Issues): void {
  const requirement = itemRecord(item, path, out, '{key: app, operator: In, values: [web]}');
  if (!requirement) return;
  checkFields(requirement, REQUIREMENT_FIELDS, path, out, 'a match expression');
  const values = arrayAt(requirement, 'values');
  if (
    requirement.operator === null ||
    requirement.operator === undefined ||
    typeof requirement.operator === 'string'
  ) {
    checkOperator(requirement.operator ?? '', values.length, path, out);
  }
  if (requirement.key === null || requirement.key === undefined || requirement.key === '') {
    fail(
      out,
      [...path, 'key'],
      'S5',
      'key is required: the label key to test, such as app or app.kubernetes.io/name',
    );
  } else if (typeof requirement.key === 'string') {
    const errors = qualifiedName(requirement.key);
    if (errors.length)
      fail(
        out,
        [...path, 'key'],
        'S5',
        `key ${JSON.stringify(requirement.key)} is invalid: ${errors.join('; ')}`,
      );
  }
  values.forEach((item, j) => {
    const value = itemString(item, [...path, 'values', j], out);
    const errors = value === undefined ? [] : labelValue(value);
    if (errors.length)
      fail(
        out,
        [...path, 'values', j],
        'S6',
        `value ${JSON.stringify(value)} is invalid: ${errors.join('; ')}`,
      );
  });
}

function checkOperator(operator: string, valueCount: number, path: FieldPath, out: Issues): void {
  if (operator === 'In' || operator === 'NotIn') {
    if (valueCount === 0) {
      fail(
        out,
        [...path, 'values'],
        'S3',
        `values must be specified when operator is 'In' or 'NotIn': list at least one value for ${operator}, e.g. values: [web]`,
      );
    }
  } else if (operator === 'Exists' || operator === 'DoesNotExist') {
    if (valueCount > 0) {
      fail(
        out,
        [...path, 'values'],
        'S4',
        `values may not be specified when operator is 'Exists' or 'DoesNotExist': remove the values of this ${operator} test`,
      );
    }
  } else {
    fail(out, [...path, 'operator'], 'S2', operatorMessage(operator));
  }
}

function operatorMessage(operator: string): string {
  const valid = 'use In, NotIn, Exists or DoesNotExist';
  if (operator === '') return `operator is required: ${valid}`;
  const sameLetters = OPERATORS.find((op) => op.toLowerCase() === operator.toLowerCase());
  let why = valid;
  if (sameLetters) why = `operators are case-sensitive, did you mean "${sameLetters}"?`;
  else if (operator === 'Gt' || operator === 'Lt') why = `Gt and Lt exist only in node selectors; ${valid}`;
  return `operator ${JSON.stringify(operator)} is not a valid selector operator: ${why}`;
}
