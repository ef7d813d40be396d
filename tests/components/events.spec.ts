// S3Event is the enum every language's SDK offers for a rule's events: it must name exactly the
// events a rule accepts, so no SDK user is offered an event the component rejects, or denied one
// it would accept.
import { strict as assert } from "assert";
import { BucketNotifications, S3Event, sqs, type NotificationRule } from "../../components";
import { validateRouting } from "../../components/routing";
import { CONFIGURABLE_EVENTS } from "../../policies/s3";
import { mockEngine } from "../support/harness";

/** The problems the component's validation finds with a rule listing `events`, on its `events` field. */
function eventProblems(events: string[]): string[] {
  const rule = { id: "r", bucket: "b", destination: "q", events, filter: { prefix: "p/" } } as unknown as NotificationRule;
  return validateRouting({
    bucketKeys: ["b"],
    destinations: { q: { kind: "sqs", validate: () => [] } },
    rules: [rule],
    bucketRegions: {},
    destinationRegions: {},
  })
    .filter((p) => p.field.startsWith("rules[0].events"))
    .map((p) => p.message);
}

describe("S3Event", () => {
  const values: string[] = Object.values(S3Event);

  it("offers only events a rule accepts, each reaching the notification as written", async () => {
    for (const event of values) assert.deepEqual(eventProblems([event]), [], event);
    const engine = await mockEngine();
    new BucketNotifications("n", {
      buckets: { b: { bucketName: "acme" } },
      destinations: { q: sqs({}) },
      rules: Object.values(S3Event).map((event, i) => ({ id: `e${i}`, bucket: "b", destination: "q", events: [event], filter: { prefix: `p${i}/` } })),
    });
    await engine.settle();
    const [notification] = engine.ofType("aws:s3/bucketNotification:BucketNotification");
    assert.deepEqual((notification.inputs.queues as { events: string[] }[]).map((q) => q.events), values.map((e) => [e]));
  });

  it("offers every event a rule accepts: each name of S3's catalogue is accepted and in the enum, near misses neither", () => {
    const nearMisses = ["s3:ObjectCreated:Putt", "s3:*", "s3:TestEvent", "s3:ObjectAcl:*", "ObjectCreated:*", "s3:objectcreated:*"];
    for (const name of [...CONFIGURABLE_EVENTS, ...nearMisses]) {
      const accepted = eventProblems([name]).length === 0;
      assert.equal(values.includes(name), accepted, `${name}: ${accepted ? "accepted by a rule but missing from S3Event" : "rejected by a rule but offered by S3Event"}`);
    }
    // The catalogue is what the rules are judged by; a name outside it is never accepted.
    assert.ok(nearMisses.every((name) => eventProblems([name]).length === 1));
  });
});
