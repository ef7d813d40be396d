import { strict as assert } from "assert";
import fc from "fast-check";
import {
  eventBridgeMatches,
  type EventBridgeMatch,
  CONCRETE_EVENTS,
  CONFIGURABLE_EVENTS as CONFIGURABLE_NAMES,
  EVENT_FAMILIES,
  eventBridgeDetailTypes,
  closestEvent,
  eventsShare,
  expandEvent,
  isConfigurableEvent,
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

  it("lists every configurable name AWS documents, wildcards first", () => {
    assert.deepEqual(CONFIGURABLE_NAMES, [
      "s3:ObjectCreated:*",
      "s3:ObjectRemoved:*",
      "s3:ObjectRestore:*",
      "s3:Replication:*",
      "s3:LifecycleExpiration:*",
      "s3:ObjectTagging:*",
      "s3:ObjectCreated:Put",
      "s3:ObjectCreated:Post",
      "s3:ObjectCreated:Copy",
      "s3:ObjectCreated:CompleteMultipartUpload",
      "s3:ObjectRemoved:Delete",
      "s3:ObjectRemoved:DeleteMarkerCreated",
      "s3:ObjectRestore:Post",
      "s3:ObjectRestore:Completed",
      "s3:ObjectRestore:Delete",
      "s3:Replication:OperationFailedReplication",
      "s3:Replication:OperationMissedThreshold",
      "s3:Replication:OperationReplicatedAfterThreshold",
      "s3:Replication:OperationNotTracked",
      "s3:LifecycleExpiration:Delete",
      "s3:LifecycleExpiration:DeleteMarkerCreated",
      "s3:ObjectTagging:Put",
      "s3:ObjectTagging:Delete",
      "s3:ReducedRedundancyLostObject",
      "s3:LifecycleTransition",
      "s3:IntelligentTiering",
      "s3:ObjectAcl:Put",
    ]);
    assert.ok(CONFIGURABLE_NAMES.every(isConfigurableEvent));
    assert.equal(isConfigurableEvent("s3:TestEvent"), false);
  });

  it("expands a name that is no event to nothing", () => {
    assert.deepEqual(expandEvent("s3:Bogus"), []);
    assert.deepEqual(expandEvent("s3:ObjectAcl:Put"), ["s3:ObjectAcl:Put"]);
  });

  it("parses a single event as belonging to no family", () => {
    assert.deepEqual(parseEvent("s3:LifecycleTransition"), {
      ok: true,
      event: { name: "s3:LifecycleTransition", isWildcard: false, family: undefined, destinations: ["lambda", "sns", "sqs"] },
    });
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
    assert.deepEqual(parseEvent("s3:objectcreated:*"), {
      ok: false,
      message: "`s3:objectcreated:*` is not an S3 event; did you mean `s3:ObjectCreated:*`?",
    });
    assert.equal(closestEvent("S3:OBJECTREMOVED:DELETEMARKERCREATED"), "s3:ObjectRemoved:DeleteMarkerCreated");
  });

  it("suggests the nearest name by edits, the first in catalogue order on a tie", () => {
    // One edit from both `...:Put` and `...:Post`: `Put` comes first.
    assert.equal(closestEvent("s3:ObjectCreated:Pst"), "s3:ObjectCreated:Put");
    assert.equal(closestEvent("s3:ObjectCreated:Pust"), "s3:ObjectCreated:Put");
    assert.equal(closestEvent("s3:ObjectRestore:Pst"), "s3:ObjectRestore:Post");
    assert.equal(closestEvent("s3:ObjectCreated:Cop"), "s3:ObjectCreated:Copy");
    assert.equal(closestEvent("s3:Put"), "s3:ObjectAcl:Put");
  });

  it("rejects names that look like events but cannot be configured, saying why and what to use", () => {
    assert.deepEqual(
      ["s3:TestEvent", "s3:*", "s3:ObjectAcl:*"].map((name) => parseEvent(name)),
      [
        { ok: false, message: "`s3:TestEvent` cannot be configured: S3 sends it by itself to validate a destination; it cannot be subscribed to." },
        { ok: false, message: "`s3:*` cannot be configured: S3 has no catch-all event; list the event families you need, e.g. `s3:ObjectCreated:*`." },
        { ok: false, message: "`s3:ObjectAcl:*` cannot be configured: S3 has no `s3:ObjectAcl:*` wildcard; use `s3:ObjectAcl:Put`." },
      ],
    );
  });

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

  describe("EventBridge matches", () => {
    // The EventBridge event S3 sends for each event type, from AWS's EventBridge page, and
    // EventBridge's matching (every field of a match lists the event's value): the oracle.
    const SENT: Record<string, { "detail-type": string; detail: Record<string, string> }> = {
      "s3:ObjectCreated:Put": { "detail-type": "Object Created", detail: { reason: "PutObject" } },
      "s3:ObjectCreated:Post": { "detail-type": "Object Created", detail: { reason: "POST Object" } },
      "s3:ObjectCreated:Copy": { "detail-type": "Object Created", detail: { reason: "CopyObject" } },
      "s3:ObjectCreated:CompleteMultipartUpload": { "detail-type": "Object Created", detail: { reason: "CompleteMultipartUpload" } },
      "s3:ObjectRemoved:Delete": { "detail-type": "Object Deleted", detail: { reason: "DeleteObject", "deletion-type": "Permanently Deleted" } },
      "s3:ObjectRemoved:DeleteMarkerCreated": { "detail-type": "Object Deleted", detail: { reason: "DeleteObject", "deletion-type": "Delete Marker Created" } },
      "s3:LifecycleExpiration:Delete": { "detail-type": "Object Deleted", detail: { reason: "Lifecycle Expiration", "deletion-type": "Permanently Deleted" } },
      "s3:LifecycleExpiration:DeleteMarkerCreated": { "detail-type": "Object Deleted", detail: { reason: "Lifecycle Expiration", "deletion-type": "Delete Marker Created" } },
      "s3:ObjectRestore:Post": { "detail-type": "Object Restore Initiated", detail: {} },
      "s3:ObjectRestore:Completed": { "detail-type": "Object Restore Completed", detail: {} },
      "s3:ObjectRestore:Delete": { "detail-type": "Object Restore Expired", detail: {} },
      "s3:ObjectTagging:Put": { "detail-type": "Object Tags Added", detail: {} },
      "s3:ObjectTagging:Delete": { "detail-type": "Object Tags Deleted", detail: {} },
      "s3:ObjectAcl:Put": { "detail-type": "Object ACL Updated", detail: {} },
      "s3:LifecycleTransition": { "detail-type": "Object Storage Class Changed", detail: {} },
      "s3:IntelligentTiering": { "detail-type": "Object Access Tier Changed", detail: {} },
    };
    const matches = (m: EventBridgeMatch, sent: (typeof SENT)[string]) =>
      m["detail-type"].includes(sent["detail-type"]) && Object.entries(m.detail ?? {}).every(([k, values]) => values.includes(sent.detail[k]));

    it("select exactly the S3 events asked for, whatever the mix", () => {
      const names = fc.subarray([...CONFIGURABLE_NAMES], { minLength: 1 });
      fc.assert(
        fc.property(names, (chosen) => {
          const wanted = new Set(chosen.flatMap((n) => expandEvent(n)));
          const ms = eventBridgeMatches(chosen);
          for (const [event, sent] of Object.entries(SENT)) assert.equal(ms.some((m) => matches(m, sent)), wanted.has(event), `${event} for ${chosen.join(", ")}`);
        }),
        { numRuns: 500 },
      );
    });

    it("need no detail fields for whole detail types, and one match when one suffices", () => {
      assert.deepEqual(eventBridgeMatches(["s3:ObjectRemoved:*", "s3:LifecycleExpiration:*"]), [{ "detail-type": ["Object Deleted"] }]);
      assert.deepEqual(eventBridgeMatches(["s3:ObjectCreated:Put", "s3:ObjectCreated:Copy"]), [
        { "detail-type": ["Object Created"], detail: { reason: ["PutObject", "CopyObject"] } },
      ]);
      assert.deepEqual(eventBridgeMatches(["s3:ObjectCreated:Put", "s3:ObjectCreated:Post", "s3:ObjectCreated:Copy"]), [
        { "detail-type": ["Object Created"], detail: { reason: ["PutObject", "POST Object", "CopyObject"] } },
      ]);
    });

    it("merge deletions on the one field that differs, keeping the field they share", () => {
      assert.deepEqual(eventBridgeMatches(["s3:ObjectRemoved:*"]), [
        { "detail-type": ["Object Deleted"], detail: { reason: ["DeleteObject"], "deletion-type": ["Permanently Deleted", "Delete Marker Created"] } },
      ]);
      // Differing in both fields: two matches, an `$or`.
      assert.deepEqual(eventBridgeMatches(["s3:ObjectRemoved:Delete", "s3:LifecycleExpiration:DeleteMarkerCreated"]), [
        { "detail-type": ["Object Deleted"], detail: { reason: ["DeleteObject"], "deletion-type": ["Permanently Deleted"] } },
        { "detail-type": ["Object Deleted"], detail: { reason: ["Lifecycle Expiration"], "deletion-type": ["Delete Marker Created"] } },
      ]);
    });
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
    assert.equal(reachesEventBridge("s3:Bogus"), false);
  });
});
