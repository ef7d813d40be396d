// Every child the component registers has a name planned from the args before anything is
// registered, so two keys that would produce the same name (destination `a` with subscriber `x`
// beside destination `a-x`) fail with both keys named instead of as a duplicate URN at `pulumi up`.
import type { RoutingProblem } from "./routing";

/** A resource the component will register: its type token and name (together, its URN's tail). */
export interface PlannedChild {
  readonly type: string;
  readonly name: string;
  /** What inside its owner makes it, for the message, e.g. "subscriber `x`". */
  readonly via?: string;
}

/** The children one key of the args (a destination or a bucket) will register. */
export interface PlannedOwner {
  /** How the message names the owner, e.g. "destination `a`". */
  readonly label: string;
  readonly children: readonly PlannedChild[];
}

/** Builds a child's name from its parts. */
export type NameJoin = (...parts: readonly string[]) => string;

/**
 * A child's name from its owner's name and what it is: the parts joined by `-`, where a part that
 * starts with the words the name so far ends with does not repeat them (`uploads` + `uploads` is
 * `uploads`; `uploads-index` + `index-docs` is `uploads-index-docs`). Names that still meet are
 * caught by `nameCollisions` before anything registers.
 */
export function childName(...parts: readonly string[]): string {
  const words: string[] = [];
  for (const part of parts) {
    // The whole name again adds nothing, whatever words repeat inside it (`a-a` + `a-a` is `a-a`).
    if (part === words.join("-")) continue;
    const next = part.split("-");
    // The longest run of words ending the name so far that also starts the part.
    let overlap = 0;
    // Stryker disable next-line EqualityOperator: equivalent, no words (n = 0) are a run that overlaps nothing.
    for (let n = Math.min(words.length, next.length - 1); n > 0; n--) {
      if (words.slice(words.length - n).join("-") === next.slice(0, n).join("-")) {
        overlap = n;
        break;
      }
    }
    words.push(...next.slice(overlap));
  }
  return words.join("-");
}

export const TYPES = {
  queue: "aws:sqs/queue:Queue",
  queuePolicy: "aws:sqs/queuePolicy:QueuePolicy",
  redrivePolicy: "aws:sqs/redrivePolicy:RedrivePolicy",
  topic: "aws:sns/topic:Topic",
  topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
  subscription: "aws:sns/topicSubscription:TopicSubscription",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  eventRule: "aws:cloudwatch/eventRule:EventRule",
  eventTarget: "aws:cloudwatch/eventTarget:EventTarget",
  permission: "aws:lambda/permission:Permission",
  invokeConfig: "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
  eventSourceMapping: "aws:lambda/eventSourceMapping:EventSourceMapping",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  key: "aws:kms/key:Key",
  notification: "aws:s3/bucketNotification:BucketNotification",
  lambdaDestination: "s3-events:index:LambdaDestination",
  sqsDestination: "s3-events:index:SqsDestination",
  snsDestination: "s3-events:index:SnsDestination",
  eventBridgeDestination: "s3-events:index:EventBridgeDestination",
} as const;

/** Every name two owners (or one owner twice) would give to resources of the same type. */
export function nameCollisions(owners: readonly PlannedOwner[]): RoutingProblem[] {
  const seen = new Map<string, { owner: PlannedOwner; child: PlannedChild }>();
  const problems: RoutingProblem[] = [];
  const describe = (owner: PlannedOwner, child: PlannedChild) => (child.via ? `${owner.label} (${child.via})` : owner.label);
  for (const owner of owners) {
    for (const child of owner.children) {
      const id = `${child.type}::${child.name}`;
      const first = seen.get(id);
      if (!first) {
        seen.set(id, { owner, child });
        continue;
      }
      problems.push({
        field: "names",
        message:
          `${describe(first.owner, first.child)} and ${describe(owner, child)} would both register ${child.type} ` +
          `\`${child.name}\`, and the engine refuses a duplicate resource name; rename one of those keys.`,
      });
    }
  }
  return problems;
}
