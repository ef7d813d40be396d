/**
 * `aws.iam.getPolicyDocument` rendered as the AWS provider renders it (Terraform's
 * `aws_iam_policy_document` data source): `Version` 2012-10-17 by default; per statement `Sid`
 * (left out when empty), `Effect` (default Allow), `Action`, `NotAction`, `Resource`,
 * `NotResource`, `Principal`, `NotPrincipal`, `Condition` in that order, each left out when
 * empty; a list of one value becomes that value, longer lists of actions, resources and
 * principals are sorted in reverse (condition values keep their order: it matters); a single
 * `*` principal of type `*` becomes `"*"`; conditions are grouped by test, then variable; source
 * documents come first and statements with the same `Sid` replace theirs, as override documents
 * then replace or append; an empty statement list is left out. `json` is indented by two spaces
 * (Go's `json.MarshalIndent`, which also escapes `<`, `>` and `&`), `minifiedJson` is not; the id
 * is the CRC-32 of `json`. Read from the provider's `internal/service/iam/policy_model.go`.
 * Docs: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document
 */
export interface PrincipalArgs {
  readonly type: string;
  readonly identifiers: readonly string[];
}

export interface ConditionArgs {
  readonly test: string;
  readonly variable: string;
  readonly values: readonly string[];
}

export interface StatementArgs {
  readonly sid?: string;
  readonly effect?: string;
  readonly actions?: readonly string[];
  readonly notActions?: readonly string[];
  readonly resources?: readonly string[];
  readonly notResources?: readonly string[];
  readonly principals?: readonly PrincipalArgs[];
  readonly notPrincipals?: readonly PrincipalArgs[];
  readonly conditions?: readonly ConditionArgs[];
}

export interface PolicyDocumentArgs {
  readonly version?: string;
  readonly policyId?: string;
  readonly statements?: readonly StatementArgs[];
  readonly sourcePolicyDocuments?: readonly string[];
  readonly overridePolicyDocuments?: readonly string[];
}

import { crc32 } from "zlib";

type Json = Record<string, unknown>;

/** One value as itself; more, sorted in reverse, as the provider's `policyDecodeConfigStringList` does. */
function stringList(values: readonly string[] | undefined): string | string[] | undefined {
  if (!values || values.length === 0) return undefined;
  if (values.length === 1) return values[0];
  return [...values].sort().reverse();
}

function principals(list: readonly PrincipalArgs[] | undefined): unknown {
  if (!list || list.length === 0) return undefined;
  if (list.length === 1 && list[0].type === "*" && list[0].identifiers.length === 1 && list[0].identifiers[0] === "*") return "*";
  const byType: Record<string, string[]> = {};
  for (const p of list) byType[p.type] = [...(byType[p.type] ?? []), ...[...p.identifiers].sort().reverse()];
  return Object.fromEntries(
    Object.keys(byType)
      .sort()
      .map((type) => [type, byType[type].length === 1 ? byType[type][0] : byType[type]]),
  );
}

function conditions(list: readonly ConditionArgs[] | undefined): Json | undefined {
  if (!list || list.length === 0) return undefined;
  const byTest: Record<string, Record<string, string[]>> = {};
  for (const c of list) {
    const test = (byTest[c.test] ??= {});
    test[c.variable] = [...(test[c.variable] ?? []), ...c.values];
  }
  const sorted = <T>(o: Record<string, T>) => Object.keys(o).sort().map((k) => [k, o[k]] as const);
  const one = (values: string[]) => (values.length === 1 ? values[0] : values);
  return Object.fromEntries(sorted(byTest).map(([test, vars]) => [test, Object.fromEntries(sorted(vars).map(([v, values]) => [v, one(values)]))]));
}

function statement(s: StatementArgs): Json {
  const out: Json = {
    Sid: s.sid || undefined,
    Effect: s.effect || "Allow",
    Action: stringList(s.actions),
    NotAction: stringList(s.notActions),
    Resource: stringList(s.resources),
    NotResource: stringList(s.notResources),
    Principal: principals(s.principals),
    NotPrincipal: principals(s.notPrincipals),
    Condition: conditions(s.conditions),
  };
  // A field left undefined is left out of the JSON.
  return out;
}

function statementsOf(document: string, field: string): Json[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch (err) {
    throw new Error(`getPolicyDocument: \`${field}\` is not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const list = (parsed as { Statement?: unknown }).Statement;
  return (Array.isArray(list) ? list : list === undefined ? [] : [list]) as Json[];
}

/** Adds each statement, replacing one with the same non-empty Sid. */
function merge(into: Json[], statements: readonly Json[]): void {
  for (const s of statements) {
    const at = typeof s.Sid === "string" && s.Sid !== "" ? into.findIndex((t) => t.Sid === s.Sid) : -1;
    if (at >= 0) into[at] = s;
    else into.push(s);
  }
}

export interface RenderedPolicyDocument {
  readonly json: string;
  readonly minifiedJson: string;
  /** The data source's id: the CRC-32 of `json`, in decimal. */
  readonly id: string;
}

export function renderPolicyDocument(args: PolicyDocumentArgs): RenderedPolicyDocument {
  const merged: Json[] = [];
  for (const source of args.sourcePolicyDocuments ?? []) merge(merged, statementsOf(source, "sourcePolicyDocuments"));
  merge(merged, (args.statements ?? []).map(statement));
  for (const override of args.overridePolicyDocuments ?? []) merge(merged, statementsOf(override, "overridePolicyDocuments"));
  const doc: Json = { Version: args.version || "2012-10-17", Id: args.policyId || undefined };
  if (merged.length > 0) doc.Statement = merged;
  const goEscape = (s: string) => s.replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
  const json = goEscape(JSON.stringify(doc, null, 2));
  return { json, minifiedJson: goEscape(JSON.stringify(doc)), id: String(crc32(json)) };
}
