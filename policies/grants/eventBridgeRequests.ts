/**
 * The request EventBridge makes when a rule delivers an event to its function, queue or topic: the
 * service principal `events.amazonaws.com` calls the target's delivery action with
 * `aws:SourceArn` = the rule's ARN and `aws:SourceAccount` = the rule's account. The target's
 * resource policy (a Lambda permission, a queue or topic policy) must let it in, or every
 * delivery fails: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html
 * That page conditions its grants on `aws:SourceArn` only; the request also carries
 * `aws:SourceAccount`, as IAM documents it for a service acting for a resource, so a grant that
 * conditions on the rule's account passes too. Sent or not, a grant that lets in the rule's ARN
 * alone is judged alike: the assumption can hide a fault, never invent one.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourcearn
 */
import type { DestinationKind } from "../resources/references";
import type { PolicyDocument } from "./documents";
import { evaluate, type GrantRequest, type Verdict } from "./evaluator";
import { accountOf, DELIVERY_ACTIONS } from "./s3Requests";

export const EVENTS_PRINCIPAL = "events.amazonaws.com";

/** The account an ARN names (its fifth field). */
export const accountOfArn = (arn: string): string => String(arn.split(":")[4]);

/** The request EventBridge sends from rule `ruleArn` to `targetArn`. */
export function eventBridgeRequest(kind: DestinationKind, targetArn: string, ruleArn: string): GrantRequest {
  return {
    principal: EVENTS_PRINCIPAL,
    action: DELIVERY_ACTIONS[kind],
    resource: targetArn,
    resourceAccount: accountOf(targetArn),
    context: {
      "aws:SecureTransport": "true",
      "aws:PrincipalServiceName": EVENTS_PRINCIPAL,
      "aws:PrincipalIsAWSService": "true",
      "aws:SourceArn": ruleArn,
      "aws:SourceAccount": accountOfArn(ruleArn),
    },
  };
}

/** What `document` decides for EventBridge delivering from rule `ruleArn` to `targetArn`. */
export function admitsEventBridge(document: PolicyDocument, kind: DestinationKind, targetArn: string, ruleArn: string): Promise<Verdict> {
  return evaluate(document, eventBridgeRequest(kind, targetArn, ruleArn));
}
