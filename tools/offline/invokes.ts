/**
 * The data sources real programs call, answered offline as the AWS provider would: the caller,
 * partition and region of the stack; IAM policy documents rendered from their statements; and
 * plausible shapes for existing buckets, queues, topics and functions (named by their inputs, in
 * the stack's region and account). Any other invoke is an error naming its token: a guess would
 * let a verdict rest on values nobody gave.
 */
import { dnsSuffixOf, partitionOf } from "../../policies/resources/partitions";
import { renderPolicyDocument, type PolicyDocumentArgs } from "./policyDocument";

export interface InvokeContext {
  readonly region: string;
  readonly accountId: string;
}

type Inputs = Record<string, unknown>;

const str = (inputs: Inputs, key: string, token: string): string => {
  const value = inputs[key];
  if (typeof value !== "string" || value === "") throw new UnansweredInvokeError(token, `it needs a \`${key}\` string`);
  return value;
};

/**
 * A function as Lambda takes its name: `name`, `123456789012:function:name` or a full ARN, each
 * with an optional `:qualifier`. An ARN may name another account's or region's function: AWS
 * answers with that function's own ARN, not one in the stack's.
 * https://docs.aws.amazon.com/lambda/latest/api/API_GetFunction.html
 */
function functionReference(given: string, stack: InvokeContext): { name: string; region: string; accountId: string; qualifier: string | undefined } {
  const parts = given.split(":");
  if (parts[0] === "arn" && parts.length >= 7) return { region: parts[3], accountId: parts[4], name: parts[6], qualifier: parts[7] };
  if (parts[1] === "function" && parts.length >= 3) return { region: stack.region, accountId: parts[0], name: parts[2], qualifier: parts[3] };
  return { region: stack.region, accountId: stack.accountId, name: parts[0], qualifier: parts[1] };
}

const ANSWERS: Readonly<Record<string, (inputs: Inputs, ctx: InvokeContext, token: string) => Inputs>> = {
  "aws:index/getCallerIdentity:getCallerIdentity": (_, { accountId, region }) => ({
    accountId,
    arn: `arn:${partitionOf(region)}:iam::${accountId}:user/offline`,
    userId: "AIDAOFFLINEPREVIEW",
    id: accountId,
  }),
  // The partition and domain of the stack's region, as the provider's configured region gives them.
  "aws:index/getPartition:getPartition": (_, { region }) => {
    const [partition, dnsSuffix] = [partitionOf(region), dnsSuffixOf(region)];
    return { partition, dnsSuffix, reverseDnsSuffix: dnsSuffix.split(".").reverse().join("."), id: partition };
  },
  "aws:index/getRegion:getRegion": (inputs, { region }) => {
    const name = typeof inputs.region === "string" ? inputs.region : typeof inputs.name === "string" ? inputs.name : region;
    return { name, region: name, description: name, endpoint: `ec2.${name}.${dnsSuffixOf(name)}`, id: name };
  },
  "aws:iam/getPolicyDocument:getPolicyDocument": (inputs) => {
    const rendered = renderPolicyDocument(inputs as PolicyDocumentArgs);
    return { ...inputs, ...rendered, version: inputs.version ?? "2012-10-17" };
  },
  "aws:s3/getBucket:getBucket": (inputs, { region }, token) => {
    const bucket = str(inputs, "bucket", token);
    return {
      bucket,
      id: bucket,
      arn: `arn:${partitionOf(region)}:s3:::${bucket}`,
      region,
      bucketDomainName: `${bucket}.s3.${dnsSuffixOf(region)}`,
      bucketRegionalDomainName: `${bucket}.s3.${region}.${dnsSuffixOf(region)}`,
      hostedZoneId: "Z3AQBSTGFYJSTF",
    };
  },
  "aws:sqs/getQueue:getQueue": (inputs, { region, accountId }, token) => {
    const name = str(inputs, "name", token);
    const url = `https://sqs.${region}.${dnsSuffixOf(region)}/${accountId}/${name}`;
    return { name, url, id: url, arn: `arn:${partitionOf(region)}:sqs:${region}:${accountId}:${name}`, tags: {}, region };
  },
  "aws:sns/getTopic:getTopic": (inputs, { region, accountId }, token) => {
    const name = str(inputs, "name", token);
    const arn = `arn:${partitionOf(region)}:sns:${region}:${accountId}:${name}`;
    return { name, arn, id: arn, tags: {}, region };
  },
  "aws:lambda/getFunction:getFunction": (inputs, stack, token) => {
    const { name, region, accountId, qualifier: named } = functionReference(str(inputs, "functionName", token), stack);
    const arn = `arn:${partitionOf(region)}:lambda:${region}:${accountId}:function:${name}`;
    const qualifier = typeof inputs.qualifier === "string" ? inputs.qualifier : (named ?? "$LATEST");
    return {
      functionName: name,
      id: name,
      arn,
      qualifiedArn: `${arn}:${qualifier}`,
      invokeArn: `arn:${partitionOf(region)}:apigateway:${region}:lambda:path/2015-03-31/functions/${arn}/invocations`,
      role: `arn:${partitionOf(region)}:iam::${accountId}:role/${name}-role`,
      runtime: "nodejs20.x",
      handler: "index.handler",
      timeout: 3,
      memorySize: 128,
      version: qualifier,
      region,
    };
  },
};

/** The tokens answered offline. */
export const ANSWERED_INVOKES: readonly string[] = Object.keys(ANSWERS);

export class UnansweredInvokeError extends Error {
  constructor(
    readonly token: string,
    why?: string,
  ) {
    super(
      why === undefined
        ? `the offline preview cannot answer the data source \`${token}\`; it answers ${ANSWERED_INVOKES.map((t) => `\`${t.split(":").pop()}\``).join(", ")}`
        : `the offline preview cannot answer the data source \`${token}\`: ${why}`,
    );
  }
}

export function answerInvoke(token: string, inputs: Inputs, ctx: InvokeContext): Inputs {
  const answer = ANSWERS[token];
  if (!answer) throw new UnansweredInvokeError(token);
  return answer(inputs, ctx, token);
}
