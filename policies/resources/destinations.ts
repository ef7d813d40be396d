/**
 * The functions, queues and topics of a stack, in either library, and how each is named: a
 * literal ARN, URL or name in another resource is matched to them when it is known.
 */
import type { PolicyResource } from "@pulumi/policy";
import { parseRef, sameDestination, type DestinationKind, type DestinationRef } from "./references";
import { known } from "./unknowns";

interface DestinationType {
  readonly type: string;
  readonly arn: string;
  readonly name: string;
  readonly url?: string;
}

export const DESTINATION_TYPES: Readonly<Record<DestinationKind, readonly DestinationType[]>> = {
  lambda: [
    { type: "aws:lambda/function:Function", arn: "arn", name: "name" },
    { type: "aws-native:lambda:Function", arn: "arn", name: "functionName" },
  ],
  sqs: [
    { type: "aws:sqs/queue:Queue", arn: "arn", name: "name", url: "url" },
    { type: "aws-native:sqs:Queue", arn: "arn", name: "queueName", url: "queueUrl" },
  ],
  sns: [
    { type: "aws:sns/topic:Topic", arn: "arn", name: "name" },
    { type: "aws-native:sns:Topic", arn: "topicArn", name: "topicName" },
  ],
};

export const destinationTypes = (kind: DestinationKind): string[] => DESTINATION_TYPES[kind].map((t) => t.type);

export function kindOfDestination(type: string): DestinationKind | undefined {
  return (Object.keys(DESTINATION_TYPES) as DestinationKind[]).find((k) => DESTINATION_TYPES[k].some((t) => t.type === type));
}

const text = (read: () => unknown): string | undefined => {
  const v = known(read);
  return typeof v === "string" && v !== "" ? v : undefined;
};

/** The references that name a destination resource, from whichever of its ARN, URL and name are known. */
export function refsOf(resource: PolicyResource): DestinationRef[] {
  const kind = kindOfDestination(resource.type);
  const layout = kind && DESTINATION_TYPES[kind].find((t) => t.type === resource.type);
  if (!kind || !layout) return [];
  const props = resource.props as Record<string, unknown>;
  const region = text(() => props.region);
  const values = [text(() => props[layout.arn]), layout.url ? text(() => props[layout.url!]) : undefined];
  const refs = values.flatMap((v) => (v ? [parseRef(kind, v)].filter((r): r is DestinationRef => r !== undefined) : []));
  const name = text(() => props[layout.name]);
  if (name) refs.push({ kind, name, region });
  return refs;
}

/** The stack resource a literal reference names, if any. */
export function findDestination(resources: readonly PolicyResource[], ref: DestinationRef, cache?: Map<string, DestinationRef[]>): PolicyResource | undefined {
  const unqualified = { ...ref, qualifier: undefined };
  return resources.find((r) => {
    if (kindOfDestination(r.type) !== ref.kind) return false;
    let refs = cache?.get(r.urn);
    if (!refs) {
      refs = refsOf(r);
      cache?.set(r.urn, refs);
    }
    return refs.some((own) => sameDestination({ ...own, qualifier: undefined }, unqualified));
  });
}
