/**
 * Name and label grammars of k8s.io/apimachinery/pkg/util/validation. Each function returns the
 * API server's messages for `s` (empty when valid), so callers can show them next to the value.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** What a valid name's check returns: shared, for the names of a large dump pass here one by one. */
const VALID: readonly string[] = Object.freeze([]);

const QUALIFIED_NAME_RULE =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName', 'my.name' or '123-abc')";

/** Go measures lengths in bytes; counting UTF-16 units would let long non-ASCII names through. */
export function byteLength(s: string): number {
  // TextEncoder's UTF-8 length, counted without encoding: every name and label of a large dump
  // passes here. A lone surrogate is encoded as U+FFFD, three bytes, as TextEncoder does.
  let bytes = s.length;
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    if (unit < 0x80) continue;
    if (unit < 0x800) bytes += 1;
    else if (unit >= 0xd800 && unit <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // a surrogate pair: two units, four bytes
      i++;
    } else bytes += 2;
  }
  return bytes;
}

function tooLong(s: string, max: number): string[] {
  return byteLength(s) > max ? [`must be no more than ${max} characters`] : [];
}

/** Namespace names: at most 63 characters, lowercase letters, digits and inner hyphens. */
export function dns1123Label(s: string): readonly string[] {
  // The patterns are ASCII-only, so a match's length is its byte length.
  if (s.length <= 63 && DNS1123_LABEL.test(s)) return VALID;
  const errors = tooLong(s, 63);
  if (!DNS1123_LABEL.test(s)) {
    errors.push(
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name' or '123-abc')",
    );
  }
  return errors;
}

/** Object names such as a NetworkPolicy's: DNS-1123 labels joined by dots, at most 253 characters. */
export function dns1123Subdomain(s: string): readonly string[] {
  if (s.length <= 253 && DNS1123_SUBDOMAIN.test(s)) return VALID;
  const errors = tooLong(s, 253);
  if (!DNS1123_SUBDOMAIN.test(s)) {
    errors.push(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com')",
    );
  }
  return errors;
}

/** Label and annotation keys, selector keys: `[prefix/]name`; the name part may use uppercase. */
export function qualifiedName(s: string): readonly string[] {
  // Every label key of a large dump passes here: a valid name without prefix is answered first.
  if (s.length <= 63 && QUALIFIED_NAME_PART.test(s)) return VALID;
  const parts = s.split('/');
  if (parts.length > 2) {
    return [
      `a qualified name ${QUALIFIED_NAME_RULE} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  const errors: string[] = [];
  const name = parts.length === 2 ? parts[1]! : parts[0]!;
  if (parts.length === 2) {
    const prefix = parts[0]!;
    if (prefix === '') errors.push('prefix part must be non-empty');
    else errors.push(...dns1123Subdomain(prefix).map((message) => `prefix part ${message}`));
  }
  if (name === '') errors.push('name part must be non-empty');
  else errors.push(...tooLong(name, 63).map((message) => `name part ${message}`));
  if (!QUALIFIED_NAME_PART.test(name)) errors.push(`name part ${QUALIFIED_NAME_RULE}`);
  return errors;
}

/** Label values: empty, or up to 63 characters that start and end alphanumeric. */
export function labelValue(s: string): readonly string[] {
  if (s.length <= 63 && LABEL_VALUE.test(s)) return VALID;
  const errors = tooLong(s, 63);
  if (!LABEL_VALUE.test(s)) {
    errors.push(
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue', 'my_value' or '12345')",
    );
  }
  return errors;
}

/**
 * Port names (IANA_SVC_NAME). Kubernetes only allows lowercase, although RFC 6335 is
 * case-insensitive, so `HTTP` is rejected.
 */
export function ianaSvcName(s: string): string[] {
  const errors = tooLong(s, 15);
  if (!/^[-a-z0-9]+$/.test(s))
    errors.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(s)) errors.push('must contain at least one letter (a-z)');
  if (s.includes('--')) errors.push('must not contain consecutive hyphens');
  if (s.startsWith('-') || s.endsWith('-')) errors.push('must not begin or end with a hyphen');
  return errors;
}
