/** ObjectMeta (M1–M3, M5, M6): shared by every kind. */
import type { FieldPath } from '../diagnostics';
import { arrayAt, isRecord, type RawRecord } from '../util/raw';
import {
  checkFields,
  checkKind,
  describeValue,
  fail,
  itemRecord,
  itemString,
  quoteHint,
  type FieldTable,
  type Issues,
  type ValidationIssue,
} from './field-checks';
import { byteLength, dns1123Label, dns1123Subdomain, labelValue, qualifiedName } from './grammar';

const ANNOTATIONS_MAX_BYTES = 256 * 1024;

export const META_FIELDS: FieldTable = {
  name: 'string',
  generateName: 'string',
  namespace: 'string',
  labels: { kind: 'object', example: '{app: web}' },
  annotations: { kind: 'object', example: '{owner: team-a}' },
  uid: 'string',
  resourceVersion: 'string',
  generation: 'integer',
  creationTimestamp: 'timestamp',
  deletionTimestamp: 'timestamp',
  deletionGracePeriodSeconds: 'integer',
  ownerReferences: 'list',
  finalizers: 'list',
  managedFields: 'list',
  selfLink: 'string',
};
const OWNER_REFERENCE_FIELDS: FieldTable = {
  apiVersion: 'string',
  kind: 'string',
  name: 'string',
  uid: 'string',
  controller: 'boolean',
  blockOwnerDeletion: 'boolean',
};
const MANAGED_FIELDS_ENTRY_FIELDS: FieldTable = {
  manager: 'string',
  operation: 'string',
  apiVersion: 'string',
  time: 'timestamp',
  fieldsType: 'string',
  fieldsV1: 'object',
  subresource: 'string',
};

export interface ObjectMetaOptions {
  /** Namespaces are named by DNS-1123 labels; NetworkPolicies, Pods and workloads by subdomains. */
  nameRule?: 'subdomain' | 'label';
}

/** M1-M3, M5, M6 and the decoding of `metadata`. */
export function validateObjectMeta(
  meta: unknown,
  path: FieldPath,
  options: ObjectMetaOptions = {},
): ValidationIssue[] {
  const out: Issues = [];
  if (meta !== null && meta !== undefined && !checkKind(meta, 'object', path, out)) return out;
  const record = isRecord(meta) ? meta : {};
  checkFields(record, META_FIELDS, path, out, 'metadata', (key) =>
    ['apiVersion', 'kind', 'spec'].includes(key)
      ? `${key} belongs at the top level, not inside metadata`
      : undefined,
  );
  checkNames(record, path, options.nameRule === 'label' ? dns1123Label : dns1123Subdomain, out);
  if (isRecord(record.labels)) checkLabelMap(record.labels, [...path, 'labels'], 'M6', out);
  if (isRecord(record.annotations)) checkAnnotations(record.annotations, [...path, 'annotations'], out);
  arrayAt(record, 'finalizers').forEach((item, i) => itemString(item, [...path, 'finalizers', i], out));
  checkEntries(record, 'ownerReferences', OWNER_REFERENCE_FIELDS, path, out);
  checkEntries(record, 'managedFields', MANAGED_FIELDS_ENTRY_FIELDS, path, out);
  return out;
}

function checkEntries(record: RawRecord, key: string, table: FieldTable, path: FieldPath, out: Issues): void {
  arrayAt(record, key).forEach((item, i) => {
    const at = [...path, key, i];
    const entry = itemRecord(item, at, out, '{...}');
    if (entry) checkFields(entry, table, at, out, `an entry of ${key}`);
  });
}

function checkNames(
  meta: RawRecord,
  path: FieldPath,
  grammar: (s: string) => readonly string[],
  out: Issues,
): void {
  const generateName = typeof meta.generateName === 'string' ? meta.generateName : '';
  if (generateName) {
    // Check the name the server will make: the prefix cut to 248 characters plus 5 random
    // alphanumerics. So `web-` is fine and `web.-` is not.
    const errors = grammar(`${generateName.slice(0, 248)}a`);
    if (errors.length)
      fail(
        out,
        [...path, 'generateName'],
        'M3',
        `generateName ${JSON.stringify(generateName)} is invalid: ${errors.join('; ')}`,
      );
  }
  if (typeof meta.name === 'string' && meta.name !== '') {
    const errors = grammar(meta.name);
    if (errors.length)
      fail(
        out,
        [...path, 'name'],
        'M2',
        `name ${JSON.stringify(meta.name)} is invalid: ${errors.join('; ')}`,
      );
  } else if ((meta.name === undefined || meta.name === null || meta.name === '') && !generateName) {
    fail(out, [...path, 'name'], 'M1', 'name or generateName is required: give the object a metadata.name');
  }
  if (typeof meta.namespace === 'string' && meta.namespace !== '') {
    const errors = dns1123Label(meta.namespace);
    if (errors.length)
      fail(
        out,
        [...path, 'namespace'],
        'M5',
        `namespace ${JSON.stringify(meta.namespace)} is invalid: ${errors.join('; ')}`,
      );
  }
}

/**
 * qualifiedName of label keys already seen: a dump of 100,000 pods repeats a few dozen keys (most
 * with a prefix, the slow case) hundreds of thousands of times. Bounded, for a session that reads
 * workspace after workspace.
 */
const keyProblems = new Map<string, readonly string[]>();

function labelKeyProblems(key: string): readonly string[] {
  let problems = keyProblems.get(key);
  if (!problems) {
    if (keyProblems.size >= 4096) keyProblems.clear();
    keyProblems.set(key, (problems = qualifiedName(key)));
  }
  return problems;
}

/** Label keys and values (M6 on metadata.labels, S1 on matchLabels); null values decode as "". */
export function checkLabelMap(labels: RawRecord, path: FieldPath, code: string, out: Issues): void {
  for (const key in labels) {
    if (!Object.hasOwn(labels, key)) continue;
    const value = labels[key];
    const keyErrors = labelKeyProblems(key);
    if (keyErrors.length)
      fail(out, [...path, key], code, `label key ${JSON.stringify(key)} is invalid: ${keyErrors.join('; ')}`);
    if (value !== null && value !== undefined && typeof value !== 'string') {
      const hint = typeof value === 'number' || typeof value === 'boolean' ? `: ${quoteHint(value)}` : '';
      fail(
        out,
        [...path, key],
        'D1',
        `the value of label ${JSON.stringify(key)} must be a string, not ${describeValue(value)}${hint}`,
      );
      continue;
    }
    const valueErrors = labelValue(value ?? '');
    if (valueErrors.length) {
      fail(
        out,
        [...path, key],
        code,
        `label value ${JSON.stringify(value)} of ${JSON.stringify(key)} is invalid: ${valueErrors.join('; ')}`,
      );
    }
  }
}

function checkAnnotations(annotations: RawRecord, path: FieldPath, out: Issues): void {
  let totalBytes = 0;
  for (const [key, value] of Object.entries(annotations)) {
    const at = [...path, key];
    // The API server lowercases annotation keys before checking them.
    const keyErrors = qualifiedName(key.toLowerCase());
    if (keyErrors.length)
      fail(out, at, 'M6', `annotation key ${JSON.stringify(key)} is invalid: ${keyErrors.join('; ')}`);
    if (value !== null && value !== undefined && typeof value !== 'string') {
      const hint = typeof value === 'number' || typeof value === 'boolean' ? `: ${quoteHint(value)}` : '';
      fail(
        out,
        at,
        'D1',
        `the value of annotation ${JSON.stringify(key)} must be a string, not ${describeValue(value)}${hint}`,
      );
    }
    totalBytes += byteLength(key) + (typeof value === 'string' ? byteLength(value) : 0);
  }
  if (totalBytes > ANNOTATIONS_MAX_BYTES) {
    fail(
      out,
      path,
      'M6',
      `annotations are too long: keys and values take ${totalBytes} bytes together, and may take at most ${ANNOTATIONS_MAX_BYTES}`,
    );
  }
}
