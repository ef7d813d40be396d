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
  if (!kind) return [];
  const layout = DESTINATION_TYPES[kind].find((t) => t.type === resource.type)!;
  const props = resource.props as Record<string, unknown>;
  const region = text(() => props.region);
  const values = [text(() => props[layout.arn]), layout.url ? text(() => props[layout.url!]) : undefined];
  const refs = values.flatMap((v) => (v ? [parseRef(kind, v)].filter((r): r is DestinationRef => r !== undefined) : []));
  // The name alone says nothing of account or region: it carries those its ARN or URL show, so a
  // queue of the same name in another account is never taken for this one.
  const name = text(() => props[layout.name]);
  if (name) refs.push({ kind, name, region: region ?? refs.find((r) => r.region !== undefined)?.region, account: refs.find((r) => r.account !== undefined)?.account });
  return refs;
}

/** The destinations of a stack by name, so a literal reference is matched without scanning the stack. */
export class DestinationIndex {
  private readonly refs = new Map<string, DestinationRef[]>();
  private readonly byName = new Map<string, PolicyResource[]>();

  constructor(resources: readonly PolicyResource[]) {
    for (const r of resources) {
      for (const ref of this.refsOf(r)) {
        // Stryker disable next-line ArrayDeclaration: equivalent, a dummy entry has no type, so \`find\` never takes it.
        const named = this.byName.get(ref.name) ?? [];
        // Stryker disable next-line ConditionalExpression: equivalent, a resource listed twice under a name is found all the same.
        if (!named.includes(r)) this.byName.set(ref.name, [...named, r]);
      }
    }
  }

  /** The references naming a destination resource (computed once). */
  refsOf(resource: PolicyResource): DestinationRef[] {
    let refs = this.refs.get(resource.urn);
    // Stryker disable next-line ConditionalExpression: equivalent, it only saves reading the references again.
    if (!refs) {
      refs = refsOf(resource);
      this.refs.set(resource.urn, refs);
    }
    return refs;
  }

  /** The stack resource a literal reference names, if any; a Lambda qualifier names its function. */
  find(ref: DestinationRef): PolicyResource | undefined {
    const unqualified = { ...ref, qualifier: undefined };
    // sameDestination compares kinds too. Every reference of one resource names it alike, so `some` and `every` agree.
    // Stryker disable next-line ArrayDeclaration,MethodExpression: equivalent, see above; a dummy entry has no type.
    return (this.byName.get(ref.name) ?? []).find((r) => this.refsOf(r).some((own) => sameDestination({ ...own, qualifier: undefined }, unqualified)));
  }
}
