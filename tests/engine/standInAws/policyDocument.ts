// aws.iam.getPolicyDocument as the provider renders it (terraform's aws_iam_policy_document):
// one-element lists collapse to a string, `*` principals to "*", conditions grouped by operator.
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document

interface PrincipalArg {
  type: string;
  identifiers: string[];
}
interface ConditionArg {
  test: string;
  variable: string;
  values: string[];
}
interface StatementArg {
  sid?: string;
  effect?: string;
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
  principals?: PrincipalArg[];
  notPrincipals?: PrincipalArg[];
  conditions?: ConditionArg[];
}

const one = (values: string[]): string | string[] => (values.length === 1 ? values[0] : values);

function principals(list: PrincipalArg[]): string | Record<string, string | string[]> {
  if (list.length === 1 && list[0].type === "*") return "*";
  const out: Record<string, string[]> = {};
  for (const p of list) out[p.type] = [...(out[p.type] ?? []), ...p.identifiers];
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, one(v)]));
}

function conditions(list: ConditionArg[]): Record<string, Record<string, string | string[]>> {
  const out: Record<string, Record<string, string | string[]>> = {};
  for (const c of list) out[c.test] = { ...(out[c.test] ?? {}), [c.variable]: one(c.values) };
  return out;
}

function statement(s: StatementArg): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (s.sid) out.Sid = s.sid;
  out.Effect = s.effect ?? "Allow";
  if (s.actions?.length) out.Action = one(s.actions);
  if (s.notActions?.length) out.NotAction = one(s.notActions);
  if (s.resources?.length) out.Resource = one(s.resources);
  if (s.notResources?.length) out.NotResource = one(s.notResources);
  if (s.principals?.length) out.Principal = principals(s.principals);
  if (s.notPrincipals?.length) out.NotPrincipal = principals(s.notPrincipals);
  if (s.conditions?.length) out.Condition = conditions(s.conditions);
  return out;
}

/** The `json` and `minifiedJson` outputs of getPolicyDocument for the given arguments. */
export function renderPolicyDocument(args: Record<string, unknown>): { json: string; minifiedJson: string } {
  const document: Record<string, unknown> = { Version: typeof args.version === "string" ? args.version : "2012-10-17" };
  if (typeof args.policyId === "string") document.Id = args.policyId;
  document.Statement = ((args.statements as StatementArg[] | undefined) ?? []).map(statement);
  return { json: JSON.stringify(document, null, 2), minifiedJson: JSON.stringify(document) };
}
