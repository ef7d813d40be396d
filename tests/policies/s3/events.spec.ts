import { strict as assert } from "assert";
import {
  CONCRETE_EVENTS,
  EVENT_FAMILIES,
  eventBridgeDetailTypes,
  eventsShare,
  expandEvent,
  parseEvent,
  reachesEventBridge,
} from "../../../policies/s3";

describe("S3 event catalogue", () => {
  it("knows every family with its members, and single events", () => {
    assert.deepEqual(
      EVENT_FAMILIES.map((f) => f.wildcard),
      [
        "s3:ObjectCreated:*",
        "s3:ObjectRemoved:*",
        "s3:ObjectRestore:*",
        "s3:Replication:*",
        "s3:LifecycleExpiration:*",
        "s3:ObjectTagging:*",
      ],
    );
    assert.deepEqual(expandEvent("s3:ObjectCreated:*"), [
      "s3:ObjectCreated:Put",
      "s3:ObjectCreated:Post",
      "s3:ObjectCreated:Copy",
      "s3:ObjectCreated:CompleteMultipartUpload",
    ]);
    assert.equal(CONCRETE_EVENTS.length, 21);
    assert.ok(CONCRETE_EVENTS.includes("s3:ObjectAcl:Put"));
    assert.ok(CONCRETE_EVENTS.includes("s3:IntelligentTiering"));
  });

  it("parses a member with its family and the destinations that accept it", () => {
    const result = parseEvent("s3:ObjectRemoved:DeleteMarkerCreated");
    assert.ok(result.ok);
    assert.equal(result.event.family, "s3:ObjectRemoved:*");
    assert.equal(result.event.isWildcard, false);
    assert.deepEqual(result.event.destinations, ["lambda", "sns", "sqs"]);
  });

  it("parses a wildcard as a wildcard", () => {
    const result = parseEvent("s3:ObjectTagging:*");
    assert.ok(result.ok);
    assert.equal(result.event.isWildcard, true);
  });

  it("rejects a typo and suggests the closest name", () => {
    assert.deepEqual(parseEvent("s3:ObjectCreated:Putt"), {
      ok: false,
      message: "`s3:ObjectCreated:Putt` is not an S3 event; did you mean `s3:ObjectCreated:Put`?",
    });
  });

  it("rejects wrong case, because event names are case-sensitive, and suggests the right case", () => {
    const result = parseEvent("s3:objectcreated:*");
    assert.ok(!result.ok);
    assert.match(result.message, /did you mean `s3:ObjectCreated:\*`\?$/);
  });

  for (const name of ["s3:TestEvent", "s3:*", "s3:ObjectAcl:*"]) {
    it(`rejects ${name} as not configurable`, () => {
      const result = parseEvent(name);
      assert.ok(!result.ok);
      assert.match(result.message, new RegExp(`^\`${name.replace(/\*/g, "\\*")}\` cannot be configured: `));
    });
  }

  it("finds the event two names share, as the narrower name", () => {
    assert.equal(eventsShare("s3:ObjectCreated:*", "s3:ObjectCreated:Put"), "s3:ObjectCreated:Put");
    assert.equal(eventsShare("s3:ObjectCreated:Copy", "s3:ObjectCreated:*"), "s3:ObjectCreated:Copy");
    assert.equal(eventsShare("s3:ObjectCreated:*", "s3:ObjectCreated:*"), "s3:ObjectCreated:*");
    assert.equal(eventsShare("s3:ObjectCreated:Put", "s3:ObjectCreated:Post"), undefined);
    // Same member name, different family: not shared.
    assert.equal(eventsShare("s3:ObjectRemoved:Delete", "s3:LifecycleExpiration:Delete"), undefined);
    assert.equal(eventsShare("s3:ObjectRemoved:*", "s3:LifecycleExpiration:*"), undefined);
    assert.equal(eventsShare("s3:Bogus", "s3:Bogus"), undefined);
  });

  it("maps S3 events onto EventBridge detail types", () => {
    assert.deepEqual(eventBridgeDetailTypes(["s3:ObjectCreated:Put", "s3:ObjectCreated:*"]), ["Object Created"]);
    assert.deepEqual(eventBridgeDetailTypes(["s3:ObjectRemoved:*", "s3:ObjectRestore:Completed"]), [
      "Object Deleted",
      "Object Restore Completed",
    ]);
    assert.equal(reachesEventBridge("s3:Replication:*"), false);
    assert.equal(reachesEventBridge("s3:ReducedRedundancyLostObject"), false);
    assert.equal(reachesEventBridge("s3:LifecycleTransition"), true);
  });
});
