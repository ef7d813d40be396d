/**
 * The grants EventBridge needs to deliver S3 events to a rule's function, queue or topic: a
 * resource policy that lets `events.amazonaws.com` in from the rule. Without one every delivery
 * fails, and events go to the target's dead-letter queue, or are lost.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html
 */
import type { PolicyResource, ReportViolation } from "@pulumi/policy";
import { admitsEventBridge, EVENTS_PRINCIPAL } from "../grants/eventBridgeRequests";
import type { Verdict } from "../grants/evaluator";
import { DELIVERY_ACTIONS } from "../grants/s3Requests";
import { destinationTypes } from "../resources/destinations";
import { s3EventTargets, type S3EventTarget } from "../resources/eventTargets";
import { GRANT_TYPES, grantDocument } from "../resources/grantResources";
import { parseRef, type DestinationKind, type DestinationRef } from "../resources/references";
import type { Routes } from "../resources/routes";
import { type JudgedAtUpdate, peek, UNKNOWN, unknownAt } from "../resources/unknowns";
import { DOCS } from "./docs";

const KINDS: readonly DestinationKind[] = ["lambda", "sqs", "sns"];
const label = (r: PolicyResource) => `${r.type} \`${r.name}\``;
const GRANT_NAME = { lambda: "an aws.lambda.Permission", sqs: "a queue policy", sns: "a topic policy" } as const;

/** What an EventBridge target delivers to: a function, queue or topic of the stack, or one a literal ARN names. */
export interface TargetDestination {
  readonly kind: DestinationKind;
  readonly resource?: PolicyResource;
  readonly ref?: DestinationRef;
}

/** The function, queue or topic a target delivers to, through its `arn`'s dependency or literal value. */
export function targetDestination(routes: Routes, target: S3EventTarget): TargetDestination | undefined {
  for (const kind of KINDS) {
    const resource = target.arnDependencies.find((d) => destinationTypes(kind).includes(d.type));
    if (resource) return { kind, resource };
  }
  const arn = target.arn;
  if (typeof arn !== "string") return undefined;
  for (const kind of KINDS) {
    const ref = parseRef(kind, arn);
    if (ref?.region !== undefined) return { kind, ref, resource: routes.find(ref) };
  }
  return undefined;
}

/** Judges one target: does a grant of what it delivers to let EventBridge in from its rule? */
async function judgeTarget(routes: Routes, s3Target: S3EventTarget, report: ReportViolation, pending: JudgedAtUpdate): Promise<void> {
  const { target, rule } = s3Target;
  const destination = targetDestination(routes, s3Target);
  if (!destination) return; // another kind of target (a bus, a stream), or one unknown during preview: no grant of ours
  const { kind, resource } = destination;
  const what = resource ? label(resource) : `\`${s3Target.arn as string}\``;
  const where = `${s3Target.label} delivers S3 events from EventBridge ${label(rule)} to ${what}`;
  const fix = `Grant ${EVENTS_PRINCIPAL} \`${DELIVERY_ACTIONS[kind]}\` with \`aws:SourceArn\` = the rule's ARN. ${DOCS.eventBridgeGrants}`;
  const grants = routes.grantsOf(destination);
  if (grants.length === 0) {
    if (!resource) return; // outside the stack, with no grant in it: its grant cannot be checked here
    // A grant whose target is unknown during preview may be this one's: judged at update.
    const maybe = routes.unresolvedGrants(kind)[0];
    if (maybe) {
      pending.note(`whether ${label(maybe)} grants ${what} to EventBridge`, unknownAt(maybe.name, GRANT_TYPES[maybe.type].target!));
      return;
    }
    report(
      `${where}, which has no grant in this stack, so every delivery fails and events go to the target's dead-letter queue, or are lost. ` +
        `Add ${GRANT_NAME[kind]}: ${fix}`,
      target.urn,
    );
    return;
  }
  await pending.attemptAsync(`whether a grant lets EventBridge ${label(rule)} deliver to ${what}`, async () => {
    const ruleArn = peek(rule.props, "arn");
    if (ruleArn === UNKNOWN) throw unknownAt(rule.name, "arn");
    // The ARN EventBridge calls: the target's `arn` names the destination (by dependency or literally).
    const targetArn = routes.arnOf(destination);
    if (targetArn === UNKNOWN) throw unknownAt(resource!.name, "arn");
    if (typeof ruleArn !== "string" || ruleArn === "" || targetArn === undefined) return;
    let refusal: Verdict | undefined;
    for (const grant of grants) {
      // Stryker disable next-line StringLiteral: equivalent, every value but "stand-in" waits for an unknown source.
      const document = grantDocument(grant.type, grant.props as Record<string, unknown>, targetArn, "wait");
      if (!document) continue;
      const verdict = await admitsEventBridge(document, kind, targetArn, ruleArn);
      if (verdict.outcome === "Allowed") return;
      refusal ??= verdict;
    }
    const why = !refusal ? "none holds a statement" : refusal.outcome === "ExplicitlyDenied" ? `denied by ${refusal.statements.join(", ")}` : "no statement allows it";
    report(
      `${where}, but no grant of it lets in ${EVENTS_PRINCIPAL} sending from rule \`${ruleArn}\` to \`${targetArn}\` ` +
        `(${grants.map(label).join(", ")}: ${why}), so every delivery fails and events go to the target's dead-letter queue, or are lost. ${fix}`,
      target.urn,
    );
  });
}

/** Judges the grants of every target of an EventBridge rule for S3 events. */
export async function judgeEventBridgeTargets(routes: Routes, report: ReportViolation, pending: JudgedAtUpdate): Promise<void> {
  for (const s3Target of s3EventTargets(routes.resources, routes.notifications())) await judgeTarget(routes, s3Target, report, pending);
}
