// The data sources real programs call, answered as the provider would for one fixed account.
import { renderPolicyDocument } from "./policyDocument";
import type { ProviderContext } from "./resourceTypes";

/** One data source: the arguments it takes (for the schema) and its answer. */
export interface Invoke {
  readonly inputs: readonly string[];
  answer(args: Record<string, unknown>, ctx: ProviderContext): Record<string, unknown>;
}

export const invokes: Readonly<Record<string, Invoke>> = {
  "aws:index/getCallerIdentity:getCallerIdentity": {
    inputs: ["id"],
    answer: (_a, ctx) => ({
      accountId: ctx.account,
      arn: `arn:aws:iam::${ctx.account}:user/stand-in`,
      id: ctx.account,
      userId: "AIDASTANDIN",
    }),
  },
  "aws:index/getPartition:getPartition": {
    inputs: ["id"],
    answer: () => ({ partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws", id: "aws" }),
  },
  "aws:index/getRegion:getRegion": {
    inputs: ["name", "region", "endpoint", "id"],
    answer: (_a, ctx) => ({
      name: ctx.region,
      region: ctx.region,
      id: ctx.region,
      endpoint: `ec2.${ctx.region}.amazonaws.com`,
      description: ctx.region,
    }),
  },
  "aws:iam/getPolicyDocument:getPolicyDocument": {
    inputs: ["statements", "version", "policyId", "sourcePolicyDocuments", "overridePolicyDocuments"],
    answer: (args) => {
      const rendered = renderPolicyDocument(args);
      return { ...rendered, id: String(hash(rendered.minifiedJson)) };
    },
  },
};

/** The property names of an invoke's answer, for the schema. */
export function invokeOutputs(invoke: Invoke): string[] {
  return Object.keys(invoke.answer({}, { region: "us-east-1", account: "123456789012" }));
}

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) >>> 0;
  return h;
}
