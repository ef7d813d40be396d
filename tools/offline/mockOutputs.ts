/**
 * What the offline engine answers for a new resource, by mode: the outputs a provider would
 * return, and which of them a first preview cannot know. This decides what a pack judges at
 * preview, and so which violations block a first `pulumi preview` and which only `pulumi up`.
 */
import { dnsSuffixOf, partitionOf } from "../../policies/resources/partitions";
import { UNKNOWN } from "./unknowns";

export interface MockOptions {
  /** True for a first preview: outputs AWS computes on create are unknown. False: every output known. */
  readonly preview: boolean;
  readonly region: string;
  readonly accountId: string;
}

/** The id and state the mocks answer for a new resource: in a first preview, what AWS computes on create is unknown, and so is the id. */
export function mockState(type: string, name: string, inputs: Record<string, unknown>, options: MockOptions): { id: string | undefined; state: Record<string, unknown> } {
  const outputs = mockOutputs(type, name, inputs, options);
  if (options.preview) return { id: undefined, state: { ...outputs.known, ...unknownAll(outputs.computed) } };
  return { id: outputs.id, state: { ...outputs.known, ...outputs.computed } };
}

/** What a provider answers for a new resource: values known at plan time, and those only known once created. */
export interface ResourceOutputs {
  /** Inputs, autonamed names, schema defaults: known in a first preview. */
  readonly known: Record<string, unknown>;
  /** ARNs, URLs, generated ids: unknown until the resource exists. */
  readonly computed: Record<string, unknown>;
  /** The resource's id once created. */
  readonly id: string;
}

/**
 * Outputs shaped like AWS's: ARNs in the stack's region and account. Names are autonamed as
 * Pulumi does in the provider's Check (`${name}-` and 7 hex digits), so they are known in a first
 * preview, as are schema defaults; ARNs, URLs and ids are computed by AWS on create.
 */
export function mockOutputs(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  { region: defaultRegion, accountId }: Pick<MockOptions, "region" | "accountId">,
): ResourceOutputs {
  const region = typeof inputs.region === "string" ? inputs.region : defaultRegion;
  const physical = (key: string) => (typeof inputs[key] === "string" ? (inputs[key] as string) : `${name}-0a1b2c3`);
  const common = { ...inputs, region };
  switch (type) {
    case "aws:s3/bucket:Bucket":
    case "aws:s3/bucketV2:BucketV2": {
      const bucket = physical("bucket");
      return {
        known: { ...common, bucket },
        computed: { arn: `arn:${partitionOf(region)}:s3:::${bucket}`, bucketDomainName: `${bucket}.s3.${dnsSuffixOf(region)}`, bucketRegionalDomainName: `${bucket}.s3.${region}.${dnsSuffixOf(region)}` },
        id: bucket,
      };
    }
    case "aws:sqs/queue:Queue": {
      const queueName = inputs.fifoQueue === true && !physical("name").endsWith(".fifo") ? `${physical("name")}.fifo` : physical("name");
      const url = `https://sqs.${region}.${dnsSuffixOf(region)}/${accountId}/${queueName}`;
      return {
        known: { ...common, name: queueName, visibilityTimeoutSeconds: inputs.visibilityTimeoutSeconds ?? 30 },
        computed: { arn: `arn:${partitionOf(region)}:sqs:${region}:${accountId}:${queueName}`, url },
        id: url,
      };
    }
    case "aws:sns/topic:Topic": {
      const topicName = physical("name");
      const arn = `arn:${partitionOf(region)}:sns:${region}:${accountId}:${topicName}`;
      return { known: { ...common, name: topicName }, computed: { arn }, id: arn };
    }
    case "aws:lambda/function:Function": {
      const fn = physical("name");
      const arn = `arn:${partitionOf(region)}:lambda:${region}:${accountId}:function:${fn}`;
      return {
        known: { ...common, name: fn, timeout: inputs.timeout ?? 3 },
        computed: {
          arn,
          qualifiedArn: `${arn}:$LATEST`,
          invokeArn: `arn:${partitionOf(region)}:apigateway:${region}:lambda:path/2015-03-31/functions/${arn}/invocations`,
          version: "$LATEST",
        },
        id: fn,
      };
    }
    case "aws:iam/role:Role": {
      const role = physical("name");
      return { known: { ...common, name: role }, computed: { arn: `arn:${partitionOf(region)}:iam::${accountId}:role/${role}`, uniqueId: `AROA${name.toUpperCase()}` }, id: role };
    }
    case "aws:kms/key:Key":
      return { known: common, computed: { keyId: `${name}-key-id`, arn: `arn:${partitionOf(region)}:kms:${region}:${accountId}:key/${name}-key-id` }, id: `${name}-key-id` };
    case "aws:cloudwatch/eventRule:EventRule": {
      const rule = physical("name");
      return { known: { ...common, name: rule }, computed: { arn: `arn:${partitionOf(region)}:events:${region}:${accountId}:rule/${rule}` }, id: rule };
    }
    default: {
      const service = type.split(":")[1]?.split("/")[0] ?? "unknown";
      // An `arn` input (an EventTarget's, say) names another resource: keep it.
      const computed = "arn" in inputs ? {} : { arn: `arn:${partitionOf(region)}:${service}:${region}:${accountId}:${name}` };
      return { known: common, computed, id: `${name}-id` };
    }
  }
}

/** Every value unknown, as the engine marks what a provider computes on create during a preview. */
function unknownAll(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(values).map((k) => [k, UNKNOWN.string]));
}
