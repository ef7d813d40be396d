// A destination in the args is plain data: one object naming its kind by the one field it sets,
// so every language can send it. The internal destination built from it is new for each key, so
// one object under two keys makes two destinations, each with its own resources and names.
import { TYPES } from "../childNames";
import { onlyOne, under, type FieldProblem } from "../onlyOne";
import type { DestinationKind, NotificationDestination } from "./destination";
import { eventBridgeDelivery, type EventBridgeDestination } from "./eventbridge";
import { lambdaDelivery, type LambdaDestination } from "./lambda";
import { snsDelivery, type SnsDestination } from "./sns";
import { sqsDelivery, type SqsDestination } from "./sqs";

/** Where a rule's events go: exactly one of `lambda`, `sqs`, `sns` or `eventBridge`. */
export interface Destination {
  /** S3 invokes a Lambda function. */
  readonly lambda?: LambdaDestination;
  /** S3 sends to an SQS queue. */
  readonly sqs?: SqsDestination;
  /** S3 publishes to an SNS topic. */
  readonly sns?: SnsDestination;
  /** S3 sends to EventBridge, whose rules deliver to a target. */
  readonly eventBridge?: EventBridgeDestination;
}

/** Each field of `Destination`: the kind it makes, its component's type and how it is built. */
const KINDS = {
  lambda: { kind: "lambda", type: TYPES.lambdaDestination, build: lambdaDelivery },
  sqs: { kind: "sqs", type: TYPES.sqsDestination, build: sqsDelivery },
  sns: { kind: "sns", type: TYPES.snsDestination, build: snsDelivery },
  eventBridge: { kind: "eventbridge", type: TYPES.eventBridgeDestination, build: eventBridgeDelivery },
} as const;

export type DestinationField = keyof typeof KINDS;
const FIELDS = Object.keys(KINDS) as DestinationField[];

/** The field of `Destination` a destination of `kind` sets, for field paths in messages. */
export function destinationField(kind: DestinationKind): DestinationField {
  return FIELDS.find((f) => KINDS[f].kind === kind)!;
}

/** The type token of the component a destination of `kind` registers. */
export function destinationType(kind: DestinationKind): string {
  return KINDS[destinationField(kind)].type;
}

/**
 * The internal destination for `destinations[key]`, or every problem that keeps it from being
 * built, each with its path from `destinations.<key>`. The kind is known whenever exactly one
 * field is set, so rules routed to it are checked even when its own fields are not valid.
 */
export function deliveryFor(
  key: string,
  destination: Destination,
): { kind: DestinationKind | undefined; delivery: NotificationDestination | undefined; problems: FieldProblem[] } {
  const at = `destinations.${key}`;
  if (typeof destination !== "object" || destination === null) {
    return { kind: undefined, delivery: undefined, problems: [{ field: at, message: `must be an object with one of ${FIELDS.map((f) => `\`${f}\``).join(", ")}.` }] };
  }
  const { chosen, problems } = onlyOne(at, destination, FIELDS, true);
  if (chosen === undefined) return { kind: undefined, delivery: undefined, problems };
  const built = KINDS[chosen].build(destination[chosen] as never);
  return {
    kind: KINDS[chosen].kind,
    delivery: built.delivery,
    problems: built.problems.map((p) => ({ field: under(under(at, chosen), p.field), message: p.message })),
  };
}
