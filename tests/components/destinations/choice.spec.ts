import { strict as assert } from "assert";
import { deliveryFor, destinationField, destinationType, type Destination } from "../../../components/destinations/choice";

const FN_ARN = "arn:aws:lambda:us-east-1:111122223333:function:f";
const ROLE_ARN = "arn:aws:iam::111122223333:role/r";

describe("a destination's kind", () => {
  it("is named in the args by the field of its kind", () => {
    assert.equal(destinationField("lambda"), "lambda");
    assert.equal(destinationField("sqs"), "sqs");
    assert.equal(destinationField("sns"), "sns");
    assert.equal(destinationField("eventbridge"), "eventBridge");
  });

  it("registers a component of its own type", () => {
    assert.equal(destinationType("lambda"), "s3-events:index:LambdaDestination");
    assert.equal(destinationType("sqs"), "s3-events:index:SqsDestination");
    assert.equal(destinationType("sns"), "s3-events:index:SnsDestination");
    assert.equal(destinationType("eventbridge"), "s3-events:index:EventBridgeDestination");
  });
});

describe("deliveryFor", () => {
  it("builds the destination of the one field set, of its kind", () => {
    const cases: [Destination, string][] = [
      [{ lambda: { functionArn: FN_ARN, functionRoleArn: ROLE_ARN } }, "lambda"],
      [{ sqs: {} }, "sqs"],
      [{ sns: {} }, "sns"],
      [{ eventBridge: { functionArn: FN_ARN } }, "eventbridge"],
    ];
    for (const [destination, kind] of cases) {
      const built = deliveryFor("d", destination);
      assert.equal(built.kind, kind);
      assert.equal(built.delivery?.kind, kind);
      assert.deepEqual(built.problems, []);
    }
  });

  it("knows the kind even when the destination's own fields are wrong, with their paths under its field", () => {
    const built = deliveryFor("thumbs", { lambda: {} });
    assert.equal(built.kind, "lambda");
    assert.equal(built.delivery, undefined);
    assert.deepEqual(built.problems, [{ field: "destinations.thumbs.lambda", message: "One of `function` or `functionArn` is required." }]);
    assert.deepEqual(deliveryFor("ingest", { sqs: { queueArn: "arn:aws:sqs:us-east-1:111122223333:q" } }).problems, [
      { field: "destinations.ingest.sqs.queueUrl", message: "is required with `queueArn`: the queue policy is set by URL." },
    ]);
  });

  it("refuses two kinds, or none, without a kind", () => {
    assert.deepEqual(deliveryFor("d", { sqs: {}, sns: {} }), {
      kind: undefined,
      delivery: undefined,
      problems: [{ field: "destinations.d", message: "Only one of `lambda`, `sqs`, `sns` or `eventBridge` can be provided (found `sqs` and `sns`); remove the others." }],
    });
    assert.deepEqual(deliveryFor("d", {}), {
      kind: undefined,
      delivery: undefined,
      problems: [{ field: "destinations.d", message: "One of `lambda`, `sqs`, `sns` or `eventBridge` is required." }],
    });
  });

  it("refuses what is not an object, as another language may send", () => {
    for (const value of [null, "sqs", 3]) {
      assert.deepEqual(deliveryFor("d", value as unknown as Destination), {
        kind: undefined,
        delivery: undefined,
        problems: [{ field: "destinations.d", message: "must be an object with one of `lambda`, `sqs`, `sns`, `eventBridge`." }],
      });
    }
  });
});
