/**
 * Key filter validation as S3 applies it to a notification configuration's `Filter.S3Key.FilterRules`.
 *
 * Source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-filtering.html
 * and https://docs.aws.amazon.com/AmazonS3/latest/API/API_FilterRule.html
 *
 * API:
 * - `validateFilterRules(rules)` checks a raw rule list (names are case-insensitive) and returns
 *   the prefix and suffix it denotes plus every finding, each `error` (S3 rejects it) or `warning`
 *   (S3 accepts it but it almost certainly never matches what the author meant).
 * - `validateFilterValue(field, value)` checks one value.
 * - `encodeKeyForFilter(value)` is the form a key takes in event messages, which filters match.
 */

export const MAX_FILTER_VALUE_LENGTH = 1024;

export type FilterField = "prefix" | "suffix";

export interface FilterFinding {
  readonly severity: "error" | "warning";
  readonly field: FilterField | "name";
  readonly message: string;
}

export interface RawFilterRule {
  readonly name: string;
  readonly value: string;
}

export interface KeyFilter {
  /** `""` when the rule has no prefix: it then matches every key's start. */
  readonly prefix: string;
  /** `""` when the rule has no suffix. */
  readonly suffix: string;
}

export interface FilterValidation {
  readonly filter: KeyFilter;
  readonly findings: readonly FilterFinding[];
}

/** Validates a configuration's filter rules the way S3 reads them. */
export function validateFilterRules(rules: readonly RawFilterRule[]): FilterValidation {
  const findings: FilterFinding[] = [];
  const seen: Partial<Record<FilterField, string>> = {};
  for (const rule of rules) {
    const field = rule.name.toLowerCase();
    if (field !== "prefix" && field !== "suffix") {
      findings.push({
        severity: "error",
        field: "name",
        message: `filter rule name \`${rule.name}\` is not valid; use \`prefix\` or \`suffix\`.`,
      });
      continue;
    }
    if (seen[field] !== undefined) {
      findings.push({
        severity: "error",
        field,
        message:
          `a filter may have only one ${field} rule, but has \`${seen[field]}\` and ` +
          `\`${rule.value}\`; S3 rejects the configuration. Split it into one rule per ${field}.`,
      });
      continue;
    }
    seen[field] = rule.value;
    findings.push(...validateFilterValue(field, rule.value));
  }
  return { filter: { prefix: seen.prefix ?? "", suffix: seen.suffix ?? "" }, findings };
}

/** Checks one prefix or suffix value. */
export function validateFilterValue(field: FilterField, value: string): FilterFinding[] {
  const findings: FilterFinding[] = [];
  if (value.length > MAX_FILTER_VALUE_LENGTH) {
    findings.push({
      severity: "error",
      field,
      message: `${field} is ${value.length} characters long; S3 allows at most ${MAX_FILTER_VALUE_LENGTH}.`,
    });
  }
  if (value.includes("*")) {
    const literal = field === "prefix" ? value.slice(0, value.indexOf("*")) : value.slice(value.lastIndexOf("*") + 1);
    findings.push({
      severity: "warning",
      field,
      message:
        `${field} \`${value}\` contains \`*\`, but S3 filters have no wildcards: it only matches ` +
        `keys holding a literal \`*\`. Use the plain ${field} instead, e.g. \`${literal}\`.`,
    });
  }
  const encoded = encodeKeyForFilter(value);
  if (encoded !== value) {
    const caseOnly = encoded.toUpperCase() === value.toUpperCase();
    findings.push({
      severity: "warning",
      field,
      message: caseOnly
        ? `${field} \`${value}\` writes percent-escapes in lowercase, but S3 encodes event keys with ` +
          `uppercase ones, so it never matches as written; use \`${encoded}\`.`
        : `${field} \`${value}\` holds characters that S3 URL-encodes in event keys, so it never ` +
          `matches as written; use \`${encoded}\`.`,
    });
  }
  return findings;
}

// Characters AWS lists as safe in object key names stay as they are in event keys.
// Source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html
const SAFE = /[A-Za-z0-9!\-_.*'()/]/;
// An existing %XX escape or a `+` (an encoded space) is already in encoded form; S3 writes the
// escapes with uppercase hex digits (`%3D`, as encodeURIComponent does), so a lowercase one is
// written in uppercase. *unverified* against S3 itself: AWS shows only uppercase escapes.
const ALREADY_ENCODED = /^(%[0-9A-Fa-f]{2}|\+)/;

/**
 * The form of a key (or filter value) as it appears in S3 event messages: a space becomes `+`,
 * other characters outside AWS's safe set are percent-encoded as UTF-8.
 */
export function encodeKeyForFilter(value: string): string {
  let out = "";
  for (let i = 0; i < value.length; ) {
    const rest = value.slice(i);
    const escape = ALREADY_ENCODED.exec(rest);
    if (escape) {
      out += escape[0].toUpperCase();
      i += escape[0].length;
      continue;
    }
    const ch = String.fromCodePoint(value.codePointAt(i) ?? 0);
    if (ch === " ") out += "+";
    else if (SAFE.test(ch)) out += ch;
    else
      out += Array.from(Buffer.from(ch), (b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join("");
    i += ch.length;
  }
  return out;
}

/** True when a key (as it appears in events) matches the filter. Keys are case-sensitive. */
export function keyMatches(key: string, filter: KeyFilter): boolean {
  return key.startsWith(filter.prefix) && key.endsWith(filter.suffix);
}

/**
 * The keys shorter than prefix + suffix that match a filter: where the end of the prefix is the
 * start of the suffix (prefix `logs/` and suffix `/` match the key `logs/`). A pattern built as
 * `prefix*suffix` misses them, so a matcher for the filter must list them too.
 */
export function overlappingKeys({ prefix, suffix }: KeyFilter): string[] {
  const keys = new Set<string>();
  for (let shared = Math.min(prefix.length, suffix.length); shared >= 1; shared--) {
    if (prefix.endsWith(suffix.slice(0, shared))) keys.add(prefix + suffix.slice(shared));
  }
  return [...keys];
}
