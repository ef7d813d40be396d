/**
 * Where an event goes when its destination cannot take it: a queue's redrive policy, a function's
 * on-failure destination or dead-letter config, each topic subscription's redrive policy, an
 * EventBridge target's dead-letter config.
 */
import type { CapturedResource } from "../offline/mockEngine";
import { Graph, json, props, str } from "./graph";

export interface DeadLetter {
  /** The dead-letter queue's resource name, or its ARN when it is not in the stack. */
  readonly queue: string;
  /** When events land there. */
  readonly when: string;
}

const name = (graph: Graph, arn: string) => graph.byArn(arn)?.name ?? arn;

export function deadLettersOf(graph: Graph, destination: CapturedResource): DeadLetter[] {
  const p = props(destination);
  switch (destination.type) {
    case "aws:sqs/queue:Queue": {
      const redrive =
        json(p.redrivePolicy) ?? json(props(graph.byField("aws:sqs/redrivePolicy:RedrivePolicy", "queueUrl", p.url) ?? destination).redrivePolicy);
      const target = str(redrive?.deadLetterTargetArn);
      return target ? [{ queue: name(graph, target), when: `after ${String(redrive?.maxReceiveCount)} receives` }] : [];
    }
    case "aws:lambda/function:Function": {
      const config = graph.ofType("aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig").find((c) => [p.name, p.arn].includes(props(c).functionName));
      const onFailure = str((props(config ?? destination).destinationConfig as { onFailure?: { destination?: unknown } } | undefined)?.onFailure?.destination);
      if (onFailure && config) return [{ queue: name(graph, onFailure), when: `on failure after ${String(props(config).maximumRetryAttempts ?? 2)} retries` }];
      const dlq = str((p.deadLetterConfig as { targetArn?: unknown } | undefined)?.targetArn);
      return dlq ? [{ queue: name(graph, dlq), when: "after the async retries (dead-letter config)" }] : [];
    }
    case "aws:sns/topic:Topic":
      return graph
        .ofType("aws:sns/topicSubscription:TopicSubscription")
        .filter((s) => props(s).topic === p.arn)
        .flatMap((s) => {
          const target = str(json(props(s).redrivePolicy)?.deadLetterTargetArn);
          return target ? [{ queue: name(graph, target), when: `when undeliverable to subscription ${s.name}` }] : [];
        });
    case "aws:cloudwatch/eventTarget:EventTarget": {
      const dlq = str((p.deadLetterConfig as { arn?: unknown } | undefined)?.arn);
      return dlq ? [{ queue: name(graph, dlq), when: "after the target's retries" }] : [];
    }
    default:
      return [];
  }
}
