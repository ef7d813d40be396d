import * as aws from "@pulumi/aws";

/** What both synthetic programs start from: the caller's function and its role. */
export function callerFunction() {
  const role = new aws.iam.Role("worker-role", { assumeRolePolicy: "{}" });
  const fn = new aws.lambda.Function("worker", { role: role.arn, runtime: "nodejs20.x", handler: "index.handler", code: undefined });
  return { role, fn };
}

export const RULES = (i: number) => ({
  lambda: { id: `b${i}-jpg`, events: ["s3:ObjectCreated:*"], prefix: "images/", suffix: ".jpg" },
  sqs: { id: `b${i}-csv`, events: ["s3:ObjectCreated:*"], prefix: "incoming/", suffix: ".csv" },
  sns: { id: `b${i}-del`, events: ["s3:ObjectRemoved:*"], prefix: "records/" },
});
