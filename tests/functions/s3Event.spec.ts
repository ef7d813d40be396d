import { strict as assert } from "assert";
import { consume } from "../../functions/handlers";
import { decodeS3Key, parseS3Event } from "../../functions/s3Event";

const record = (key: string) => ({
  eventName: "ObjectCreated:Put",
  s3: { bucket: { name: "acme-uploads" }, object: { key, size: 12, sequencer: "0055AED6DCD90281E5" } },
});

describe("S3 event parsing", () => {
  it("decodes keys: + is a space, the rest percent-encoded", () => {
    assert.equal(decodeS3Key("images/my+photo%C3%A9%2B1.jpg"), "images/my photoé+1.jpg");
  });

  it("reads each record's event, bucket, decoded key, size and sequencer", () => {
    assert.deepEqual(parseS3Event({ Records: [record("incoming/a+b.csv")] }), [
      { eventName: "ObjectCreated:Put", bucket: "acme-uploads", key: "incoming/a b.csv", size: 12, sequencer: "0055AED6DCD90281E5" },
    ]);
  });

  it("yields nothing for the s3:TestEvent S3 sends when a configuration is saved", () => {
    assert.deepEqual(parseS3Event({ Service: "Amazon S3", Event: "s3:TestEvent", Bucket: "acme-uploads" }), []);
  });

  it("rejects messages that are not S3 events, so they fail loudly and reach the DLQ", () => {
    assert.throws(() => parseS3Event("hello"), /not an object/);
    assert.throws(() => parseS3Event({}), /has no Records/);
    assert.throws(() => parseS3Event({ Records: [{ eventName: "x" }] }), /Records\[0\] is not an S3 object event/);
  });

  it("reports only the failed messages of an SQS batch", async () => {
    const result = await consume({
      Records: [
        { messageId: "good", body: JSON.stringify({ Records: [record("incoming/a.csv")] }) },
        { messageId: "bad", body: "not json" },
        { messageId: "test", body: JSON.stringify({ Event: "s3:TestEvent" }) },
      ],
    });
    assert.deepEqual(result, { batchItemFailures: [{ itemIdentifier: "bad" }] });
  });
});
