import { runSimulation } from "@cloud-copilot/iam-simulate";

export interface SimulatedRequest {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount: string;
  readonly context: Record<string, string>;
}

/** The independent evaluator's verdict on one request against a resource policy: "Allowed", "ImplicitlyDenied", "ExplicitlyDenied". */
export async function simulate(resourcePolicy: unknown, request: SimulatedRequest): Promise<string> {
  const result = await runSimulation(
    {
      request: {
        principal: request.principal,
        action: request.action,
        resource: { resource: request.resource, accountId: request.resourceAccount },
        contextVariables: request.context,
      },
      identityPolicies: [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy,
    },
    {},
  );
  if (result.resultType !== "single") throw new Error(`simulation failed: ${JSON.stringify(result).slice(0, 500)}`);
  return result.overallResult;
}
