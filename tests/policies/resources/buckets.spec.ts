import { strict as assert } from "assert";
import { bucketOf } from "../../../policies/resources/buckets";
import { UNKNOWN } from "../../../policies/resources/unknowns";
import { stackResource as r, UNKNOWN as SENTINEL } from "../support";

const NOTIFICATION = "aws:s3/bucketNotification:BucketNotification";

describe("the bucket a notification configures", () => {
  const bucket = r("aws:s3/bucket:Bucket", "uploads", { bucket: "acme-uploads" });
  const v2 = r("aws:s3/bucketV2:BucketV2", "logs", { bucket: "acme-logs" });
  const native = r("aws-native:s3:Bucket", "native", { bucketName: "acme-native", notificationConfiguration: {} });

  it("is the bucket its `bucket` depends on, by the notification's literal name or else the bucket's", () => {
    assert.deepEqual(bucketOf(r(NOTIFICATION, "n", { bucket: "acme-uploads" }, { bucket: [bucket] }), []), { resource: bucket, name: "acme-uploads" });
    assert.deepEqual(bucketOf(r(NOTIFICATION, "n", { bucket: SENTINEL }, { bucket: [v2] }), []), { resource: v2, name: "acme-logs" });
    assert.deepEqual(bucketOf(r(NOTIFICATION, "n", { bucket: "" }, { bucket: [bucket] }), []), { resource: bucket, name: "acme-uploads" });
  });

  it("has a name unknown during preview when neither says it", () => {
    const unnamed = r("aws:s3/bucket:Bucket", "uploads", { bucket: SENTINEL });
    assert.deepEqual(bucketOf(r(NOTIFICATION, "n", { bucket: SENTINEL }, { bucket: [unnamed] }), []), { resource: unnamed, name: UNKNOWN });
    const empty = r("aws:s3/bucket:Bucket", "uploads", { bucket: "" });
    assert.deepEqual(bucketOf(r(NOTIFICATION, "n", {}, { bucket: [empty] }), []), { resource: empty, name: UNKNOWN });
    const numbered = r("aws:s3/bucket:Bucket", "uploads", { bucket: 7 });
    assert.deepEqual(bucketOf(r(NOTIFICATION, "n", {}, { bucket: [numbered] }), []), { resource: numbered, name: UNKNOWN });
  });

  it("follows only dependencies on buckets", () => {
    const provider = r("pulumi:providers:aws", "p", { bucket: "acme-provider" });
    assert.deepEqual(bucketOf(r(NOTIFICATION, "n", { bucket: SENTINEL }, { bucket: [provider, bucket] }), []), { resource: bucket, name: "acme-uploads" });
  });

  it("is matched by its literal name among the stack's buckets when no dependency names it", () => {
    const resources = [v2, native, bucket];
    assert.deepEqual(bucketOf(r(NOTIFICATION, "n", { bucket: "acme-uploads" }), resources), { resource: bucket, name: "acme-uploads" });
    assert.deepEqual(bucketOf(r(NOTIFICATION, "n", { bucket: "acme-native" }), resources), { resource: native, name: "acme-native" });
    // A resource of another type named alike is no bucket.
    const queue = r("aws:sqs/queue:Queue", "q", { bucket: "acme-queue" });
    assert.deepEqual(bucketOf(r(NOTIFICATION, "n", { bucket: "acme-queue" }), [queue]), { resource: undefined, name: "acme-queue" });
    assert.deepEqual(bucketOf(r(NOTIFICATION, "n", { bucket: "acme-elsewhere" }), resources), { resource: undefined, name: "acme-elsewhere" });
  });

  it("is unknown when its literal name is, and nothing when it has none", () => {
    assert.deepEqual(bucketOf(r(NOTIFICATION, "n", { bucket: SENTINEL }), [bucket]), { resource: undefined, name: UNKNOWN });
    assert.deepEqual(bucketOf(r(NOTIFICATION, "n", { bucket: "" }), [r("aws:s3/bucket:Bucket", "empty", { bucket: "" })]), { resource: undefined, name: undefined });
    assert.deepEqual(bucketOf(r(NOTIFICATION, "n", {}), [bucket]), { resource: undefined, name: undefined });
  });

  it("takes a dependency on two buckets as no single one: the literal name decides", () => {
    assert.deepEqual(bucketOf(r(NOTIFICATION, "n", { bucket: "acme-logs" }, { bucket: [bucket, v2] }), [bucket, v2]), { resource: v2, name: "acme-logs" });
  });

  it("is an aws-native bucket itself, for its own configuration", () => {
    assert.deepEqual(bucketOf(native, []), { resource: native, name: "acme-native" });
    const unnamed = r("aws-native:s3:Bucket", "native", { bucketName: SENTINEL });
    assert.deepEqual(bucketOf(unnamed, []), { resource: unnamed, name: UNKNOWN });
    const generated = r("aws-native:s3:Bucket", "native", {});
    assert.deepEqual(bucketOf(generated, []), { resource: generated, name: undefined });
  });

  it("is nothing for a resource that configures no notification", () => {
    assert.deepEqual(bucketOf(bucket, [bucket]), { name: undefined });
  });
});
