import { strict as assert } from "assert";
import { StackGraph, TYPES } from "../../../policies/resources/stackGraph";
import { stackResource as r } from "../support";

describe("the stack's dependency graph", () => {
  const fn = r(TYPES.function, "fn", {});
  const other = r(TYPES.function, "other", {});
  const config = r(TYPES.invokeConfig, "fn-async", {}, { functionName: [fn] });
  const otherConfig = r(TYPES.invokeConfig, "other-async", {}, { functionName: [other] });
  const byQualifier = r(TYPES.invokeConfig, "by-qualifier", {}, { qualifier: [fn] });
  const permission = r(TYPES.permission, "allow", {}, { function: [fn] });

  it("lists the resources of a type", () => {
    assert.deepEqual(new StackGraph([fn, config, other, otherConfig]).ofType(TYPES.function), [fn, other]);
  });

  it("finds the resources of a type whose property depends on the target, and only those", () => {
    const graph = new StackGraph([fn, other, config, otherConfig, byQualifier, permission]);
    assert.deepEqual(graph.referencing(fn, TYPES.invokeConfig, "functionName"), [config]);
    assert.deepEqual(graph.referencing(other, TYPES.invokeConfig, "functionName"), [otherConfig]);
    assert.deepEqual(graph.referencing(fn, TYPES.permission, "functionName"), []);
    assert.deepEqual(graph.referencing(r(TYPES.function, "unused", {}), TYPES.invokeConfig, "functionName"), []);
  });

  it("knows which queues catch another resource's failures", () => {
    const dlq = r(TYPES.queue, "dlq", {});
    const nativeDlq = r("aws-native:sqs:Queue", "native-dlq", {});
    const onFailure = r(TYPES.queue, "on-failure", {});
    const subDlq = r(TYPES.queue, "sub-dlq", {});
    const topic = r("aws:sns/topic:Topic", "t", {});
    const queue = r(TYPES.queue, "q", {}, { redrivePolicy: [dlq] });
    const native = r("aws-native:sqs:Queue", "nq", {}, { redrivePolicy: [nativeDlq] });
    const async = r(TYPES.invokeConfig, "async", {}, { destinationConfig: [onFailure, topic] });
    const subscription = r(TYPES.subscription, "sub", {}, { deadLetterConfig: [subDlq], topic: [topic] });
    // A queue naming itself, and one that only feeds another resource, catch nothing.
    const self = r(TYPES.queue, "self", {});
    const selfish = { ...self, propertyDependencies: { redrivePolicy: [self] } };
    const fed = r(TYPES.queue, "fed", {});
    const mapping = r("aws:lambda/eventSourceMapping:EventSourceMapping", "m", {}, { eventSourceArn: [fed] });
    const graph = new StackGraph([dlq, nativeDlq, onFailure, subDlq, topic, queue, native, async, subscription, selfish, fed, mapping]);
    assert.deepEqual([...graph.deadLetterQueues()].sort(), [dlq.urn, nativeDlq.urn, onFailure.urn, subDlq.urn].sort());
  });
});
