/**
 * The IAM policy evaluator behind every grant verdict: a resource policy is judged by what it
 * allows for a given request, never by which keys it holds. `@cloud-copilot/iam-simulate`
 * evaluates Allow and Deny statements, principals, actions, resources and condition operators
 * (negated ones, `...IfExists`, wildcards) as IAM documents them:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 *
 * It is loaded on first use, so a preview with no grant to judge never pays for it.
 */
import type { PolicyDocument } from "./documents";

export type Outcome = "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied";

/** One request to a destination, as the service receiving it evaluates it. */
export interface GrantRequest {
  /** A service principal (`s3.amazonaws.com`) or an IAM principal ARN. */
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount: string;
  readonly context: Readonly<Record<string, string>>;
}

export interface Verdict {
  /** `undefined` when the evaluator cannot read the document or the request (not a policy IAM would take). */
  readonly outcome: Outcome | undefined;
  /** The statements that decided it: the allowing ones when allowed, the denying ones when explicitly denied. */
  readonly statements: readonly string[];
}

type Simulator = typeof import("@cloud-copilot/iam-simulate");
/** What the evaluator says of a statement that decided a request: its 1-based position. */
type StatementAnalysis = { readonly statement: { index(): number } };
let simulator: Promise<Simulator> | undefined;

// Documents and requests repeat across a stack (one policy, many rules): evaluate each pair once.
const cache = new Map<string, Promise<Verdict>>();
const CACHE_LIMIT = 10_000;

/**
 * Forgets every verdict, and the evaluator loaded on first use. The pack never needs to (a verdict
 * depends on nothing but its key); a test does, so that it evaluates what it judges instead of
 * reading what an earlier test cached.
 */
export function forgetVerdicts(): void {
  cache.clear();
  simulator = undefined;
}

/** How a statement is named in messages: its `Sid`, else its position. */
export function statementLabel(document: PolicyDocument, index: number): string {
  const sid = document.Statement[index]?.Sid;
  return typeof sid === "string" && sid !== "" ? `statement \`${sid}\`` : `statement ${index}`;
}

/** What `document`, as a resource policy, decides for `request`. */
export function evaluate(document: PolicyDocument, request: GrantRequest): Promise<Verdict> {
  const key = JSON.stringify([document, request]);
  let verdict = cache.get(key);
  if (verdict === undefined) {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, it only bounds the memory a stack of 10,000 distinct grants takes.
    if (cache.size >= CACHE_LIMIT) cache.clear();
    verdict = simulate(document, request);
    cache.set(key, verdict);
  }
  return verdict;
}

async function simulate(document: PolicyDocument, request: GrantRequest): Promise<Verdict> {
  const { runSimulation } = await (simulator ??= import("@cloud-copilot/iam-simulate"));
  const run = runSimulation(
    {
      request: {
        principal: request.principal,
        action: request.action,
        resource: { resource: request.resource, accountId: request.resourceAccount },
        contextVariables: { ...request.context },
      },
      identityPolicies: [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: document,
    },
    {},
  );
  // The simulator's validation throws on some documents IAM rejects (a condition block that is
  // null): such a document allows nothing, as a malformed one does.
  const result = await run.catch(() => undefined);
  if (result === undefined || result.resultType !== "single") return { outcome: undefined, statements: [] };
  // Typed optional, but always there when the simulation has a resource policy, as every one here does.
  const analysis = result.result.analysis.resourceAnalysis!;
  const outcome = result.overallResult;
  const labels = (statements: readonly StatementAnalysis[]) => statements.map((s) => statementLabel(document, s.statement.index() - 1));
  if (outcome === "Allowed") return { outcome, statements: labels(analysis.allowStatements) };
  // Stryker disable next-line ConditionalExpression: equivalent, an implicit deny matched no Deny statement, so this branch gives none too.
  if (outcome === "ExplicitlyDenied") return { outcome, statements: labels(analysis.denyStatements) };
  return { outcome, statements: [] };
}
