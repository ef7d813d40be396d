import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  denyInsecureTransportStatement,
  policyDocument,
  serviceGrantStatement,
  type ServiceGrant,
} from "./policyDocuments";

type GrantInput = { [K in keyof ServiceGrant]: pulumi.Input<ServiceGrant[K]> };

interface Target {
  readonly kind: "queue" | "topic";
  readonly name: string;
  readonly arn: pulumi.Output<string>;
  /** The queue URL, for a queue policy. */
  readonly url?: pulumi.Output<string>;
  readonly grants: pulumi.Output<ServiceGrant>[];
}

/**
 * Collects every grant on each queue and topic, then writes exactly one policy per queue or topic.
 * An SQS queue policy and an SNS topic policy each replace the whole policy, so two of them on one
 * queue silently overwrite each other; one book for the whole routing graph prevents that.
 */
export class GrantBook {
  private readonly targets = new Map<object, Target>();
  private policies: Map<object, pulumi.CustomResource> | undefined;

  /** `key` identifies the queue (its resource or reference object); `name` names its policy. */
  grantOnQueue(key: object, name: string, arn: pulumi.Output<string>, url: pulumi.Output<string>, grant: GrantInput): void {
    this.target(key, { kind: "queue", name, arn, url }).grants.push(pulumi.output(grant) as pulumi.Output<ServiceGrant>);
  }

  grantOnTopic(key: object, name: string, arn: pulumi.Output<string>, grant: GrantInput): void {
    this.target(key, { kind: "topic", name, arn }).grants.push(pulumi.output(grant) as pulumi.Output<ServiceGrant>);
  }

  /** Creates the policies; call once, after every destination is bound. */
  createPolicies(parent: pulumi.Resource): Map<object, pulumi.CustomResource> {
    if (this.policies) throw new Error("GrantBook.createPolicies was called twice");
    this.policies = new Map();
    for (const [key, target] of this.targets) {
      this.policies.set(key, this.createPolicy(target, parent));
    }
    return this.policies;
  }

  /** The policy resource holding a queue's or topic's grants. */
  policyFor(key: object): pulumi.CustomResource {
    const policy = this.policies?.get(key);
    if (!policy) throw new Error("no policy was created for this destination");
    return policy;
  }

  private target(key: object, init: Omit<Target, "grants">): Target {
    let target = this.targets.get(key);
    if (!target) {
      target = { ...init, grants: [] };
      this.targets.set(key, target);
    }
    return target;
  }

  private createPolicy(target: Target, parent: pulumi.Resource): pulumi.CustomResource {
    const action = target.kind === "queue" ? "sqs:*" : "sns:Publish";
    const policy = pulumi
      .all([target.arn, pulumi.all(target.grants)])
      .apply(([arn, grants]) =>
        JSON.stringify(
          policyDocument([...grants.map(serviceGrantStatement), denyInsecureTransportStatement(arn, action)]),
        ),
      );
    if (target.kind === "queue") {
      return new aws.sqs.QueuePolicy(target.name, { queueUrl: target.url!, policy }, { parent });
    }
    return new aws.sns.TopicPolicy(target.name, { arn: target.arn, policy }, { parent });
  }
}
