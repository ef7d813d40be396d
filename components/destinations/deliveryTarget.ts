import type * as pulumi from "@pulumi/pulumi";
import { existingKeyProblems, givenKeyProblems, type ExistingKey } from "../encryption";
import type { ResolvedTarget } from "../references";
import type { DestinationProblem } from "./destination";

/** A queue or a topic that S3 sends to. */
export type TargetKind = "queue" | "topic";

export function fifoProblem(kind: TargetKind, target: string): DestinationProblem {
  return {
    field: kind,
    message: `${target} is a FIFO ${kind}; S3 can send event notifications only to standard ${kind}s. Use a standard ${kind}.`,
  };
}

/**
 * Checks of the options SQS and SNS destinations share, known now: a literal FIFO ARN, an
 * `encryption` given for a queue or topic the component does not create, an unusable key.
 */
export function targetOptionProblems(
  kind: TargetKind,
  given: ResolvedTarget | undefined,
  encryption: string | ExistingKey | undefined,
): DestinationProblem[] {
  const problems: DestinationProblem[] = [];
  if (given?.literalArn?.endsWith(".fifo")) problems.push(fifoProblem(kind, `\`${given.literalArn}\``));
  if (given !== undefined && encryption !== undefined) {
    problems.push({
      field: typeof encryption === "object" ? "kmsKeyArn" : "encryption",
      message: `applies only to a ${kind} the component creates; a given ${kind} keeps its own encryption. Remove it, or \`${kind}\`/\`${kind}Arn\`.`,
    });
  }
  if (typeof encryption === "object") problems.push(...existingKeyProblems(encryption));
  return problems;
}

/** Checks of a given queue or topic that need its outputs: each its own Output, see `validateAtDeploy`. */
export function givenTargetChecks(
  kind: TargetKind,
  given: ResolvedTarget | undefined,
  kmsKeyGrantsS3: boolean | undefined,
): pulumi.Output<DestinationProblem[]>[] {
  if (!given) return [];
  return [
    given.fifo.apply((fifo) => (fifo ? [fifoProblem(kind, `the given ${kind}`)] : [])),
    given.kmsKeyId.apply((k) => givenKeyProblems(kind, k, kmsKeyGrantsS3)),
  ];
}
