import { strict as assert } from "assert";
import type { GraphResource } from "../../../policies/resources/failurePaths";
import { failurePathsReport } from "../../../tools/failurePaths/report";

const node = (type: string, name: string, props: Record<string, unknown> = {}, deps: Record<string, GraphResource[]> = {}): GraphResource => ({
  urn: `urn:pulumi:dev::p::${type}::${name}`,
  type,
  name,
  props,
  propertyDependencies: deps,
});

describe("the failure-path report's destinations", () => {
  it("names the topic and subscription before a function SNS invokes asynchronously", () => {
    const topic = node("aws:sns/topic:Topic", "audit");
    const auditor = node("aws:lambda/function:Function", "auditor");
    const subscription = node("aws:sns/topicSubscription:TopicSubscription", "audit-fn", { protocol: "lambda" }, { topic: [topic], endpoint: [auditor] });
    const notification = node("aws:s3/bucketNotification:BucketNotification", "n", { bucket: "acme", topics: [{ id: "deletes" }] }, { topics: [topic] });
    const report = failurePathsReport("p", "dev", [notification, topic, auditor, subscription], 259_200);
    assert.deepEqual(
      report.paths.map((p) => [p.kind, p.destination, p.rules]),
      [
        ["sns", "topic audit → subscription audit-fn", ["deletes"]],
        ["lambda", "topic audit → subscription audit-fn → λ auditor (asynchronous)", ["deletes"]],
      ],
    );
  });
});
