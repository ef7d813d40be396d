import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  denyInsecureTransportStatement,
  policyDocument,
  serviceGrantStatement,
  sid,
  type ServiceGrant,
} from "./policyDocuments";
import type { SourceBucket } from "./destinations/destination";

/** A grant on a target: who may send, from which source. The resource is always the target itself. */
export type GrantInput = { [K in Exclude<keyof ServiceGrant, "resourceArn">]: pulumi.Input<ServiceGrant[K]> };

/** A queue or topic whose policy the book writes; `key` identifies it (its resource, reference or literal ARN). */
export interface GrantTarget {
  readonly key: object | string;
  /** The owner its policy is registered under: the destination that first granted on it. */
  readonly parent: pulumi.Resource;
  readonly kind: "queue" | "topic";
  /** The name of its policy resource. */
  readonly name: string;
  readonly arn: pulumi.Output<string>;
  /** The queue URL, for a queue policy. */
  readonly url?: pulumi.Output<string>;
}

interface Target extends GrantTarget {
  /** Kept as plain Inputs and resolved once per target: one Output per grant costs per bucket. */
  readonly grants: GrantInput[];
}

/** The action S3 needs on each kind of target. */
const S3_ACTION = { queue: "sqs:SendMessage", topic: "sns:Publish" } as const;

/**
 * Collects every grant on each queue and topic, then writes exactly one policy per queue or topic.
 * An SQS queue policy and an SNS topic policy each replace the whole policy, so two of them on one
 * queue silently overwrite each other; one book for the whole routing graph prevents that.
 */
export class GrantBook {
  private readonly targets = new Map<object | string, Target>();
  private policies: Map<object | string, pulumi.CustomResource> | undefined;

  grant(target: GrantTarget, grant: GrantInput): void {
    let entry = this.targets.get(target.key);
    if (!entry) {
      entry = { ...target, grants: [] };
      this.targets.set(target.key, entry);
    }
    entry.grants.push(grant);
  }

  /** Lets S3 send to the target from each source bucket only, on behalf of that bucket's owner only. */
  allowS3From(target: GrantTarget, sources: readonly SourceBucket[]): void {
    for (const source of sources) {
      this.grant(target, {
        sid: sid("AllowS3From", source.key),
        service: "s3.amazonaws.com",
        actions: [S3_ACTION[target.kind]],
        sourceArn: source.arn,
        sourceAccount: source.accountId,
      });
    }
  }

  /** Creates the policies; call once, after every destination is bound. */
  createPolicies(): Map<object | string, pulumi.CustomResource> {
    if (this.policies) throw new Error("GrantBook.createPolicies was called twice");
    this.policies = new Map();
    for (const [key, target] of this.targets) {
      this.policies.set(key, this.createPolicy(target, target.parent));
    }
    return this.policies;
  }

  /** The policy resource holding a queue's or topic's grants. */
  policyFor(key: object | string): pulumi.CustomResource {
    const policy = this.policies?.get(key);
    if (!policy) throw new Error("no policy was created for this destination");
    return policy;
  }

  private createPolicy(target: Target, parent: pulumi.Resource): pulumi.CustomResource {
    const action = target.kind === "queue" ? "sqs:*" : "sns:Publish";
    const fields = target.grants.flatMap((g) => [g.sid, g.service, g.actions, g.sourceArn, g.sourceAccount]);
    const policy = pulumi.all<unknown>([target.arn, ...fields]).apply(([resolvedArn, ...values]) => {
      const arn = resolvedArn as string;
      const statements = target.grants.map((_, i) => {
        const [sid, service, actions, sourceArn, sourceAccount] = values.slice(i * 5, i * 5 + 5) as unknown as [string, string, string[], string, string];
        return serviceGrantStatement({ sid, service, actions, sourceArn, sourceAccount, resourceArn: arn });
      });
      return JSON.stringify(policyDocument([...statements, denyInsecureTransportStatement(arn, action)]));
    });
    if (target.kind === "queue") {
      if (!target.url) throw new Error(`queue target ${target.name} has no URL`);
      return new aws.sqs.QueuePolicy(target.name, { queueUrl: target.url, policy }, { parent });
    }
    return new aws.sns.TopicPolicy(target.name, { arn: target.arn, policy }, { parent });
  }
}
