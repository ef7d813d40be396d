/**
 * The three questions the pack asks of a grant, each answered by evaluating requests against it.
 */
import type { DestinationKind } from "../resources/references";
import type { PolicyDocument } from "./documents";
import { evaluate, type Verdict } from "./evaluator";
import { confusedDeputyRequests, describeSource, literalConditionValues, resourcesNamed, s3Request, type S3Source } from "./s3Requests";

export interface Breach {
  /** The statement that let the request in, e.g. "statement `AllowS3`". */
  readonly statement: string;
  /** The request that got in. */
  readonly request: string;
}

/**
 * The statements that let a confused deputy in: one breach per allowing statement, with the first
 * request it let in. Explicit Denies count as IAM counts them.
 */
export async function confusedDeputyBreaches(document: PolicyDocument, kind: DestinationKind): Promise<Breach[]> {
  const breaches = new Map<string, string>();
  for (const resourceArn of resourcesNamed(document, kind)) {
    for (const { description, request } of confusedDeputyRequests(document, kind, resourceArn)) {
      const verdict = await evaluate(document, request);
      if (verdict.outcome !== "Allowed") continue;
      for (const statement of verdict.statements) if (!breaches.has(statement)) breaches.set(statement, description);
    }
  }
  return [...breaches].map(([statement, request]) => ({ statement, request }));
}

export interface Delivery {
  readonly allowed: boolean;
  /** What was asked, for messages. */
  readonly request: string;
  readonly verdict: Verdict;
}

/** Whether `document` lets S3 deliver from `source` to `resourceArn`. */
export async function admitsDelivery(document: PolicyDocument, kind: DestinationKind, resourceArn: string, source: S3Source): Promise<Delivery> {
  const verdict = await evaluate(document, s3Request(kind, resourceArn, source));
  return { allowed: verdict.outcome === "Allowed", request: `${describeSource(source)} to \`${resourceArn}\``, verdict };
}

/**
 * The S3 deliveries a document allows over TLS but does not explicitly deny without it: every
 * source the document names (its buckets and accounts), or any source when it names none.
 * Returns undefined when the document lets S3 in over no request at all.
 */
export async function insecureDeliveries(document: PolicyDocument, kind: DestinationKind): Promise<{ granted: boolean; insecure: string[] }> {
  let granted = false;
  const insecure: string[] = [];
  for (const resourceArn of resourcesNamed(document, kind)) {
    for (const { description, request } of [...legitimateRequests(document, kind, resourceArn), ...confusedDeputyRequests(document, kind, resourceArn)]) {
      if ((await evaluate(document, request)).outcome !== "Allowed") continue;
      granted = true;
      const clear = { ...request, context: { ...request.context, "aws:SecureTransport": "false" } };
      if ((await evaluate(document, clear)).outcome !== "ExplicitlyDenied") insecure.push(description);
    }
  }
  return { granted, insecure };
}

/** S3 sending from each bucket the document names, in each account it names. */
function legitimateRequests(document: PolicyDocument, kind: DestinationKind, resourceArn: string) {
  const accounts = literalConditionValues(document, "aws:sourceaccount");
  const sources: S3Source[] = literalConditionValues(document, "aws:sourcearn").flatMap((bucketArn) => accounts.map((account) => ({ bucketArn, account })));
  return sources.slice(0, 4).map((source) => ({ description: describeSource(source), request: s3Request(kind, resourceArn, source) }));
}
