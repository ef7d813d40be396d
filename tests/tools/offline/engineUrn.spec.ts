import { strict as assert } from "assert";
import { engineUrn } from "../../../tools/offline/engineUrn";

describe("engineUrn: a resource's URN as the engine makes it", () => {
  const STACK = "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev";

  it("gives a top-level resource its own type, whether it has no parent or the root stack", () => {
    assert.equal(engineUrn("dev", "p", "", "aws:s3/bucket:Bucket", "b"), "urn:pulumi:dev::p::aws:s3/bucket:Bucket::b");
    assert.equal(engineUrn("dev", "p", STACK, "aws:s3/bucket:Bucket", "b"), "urn:pulumi:dev::p::aws:s3/bucket:Bucket::b");
  });

  it("qualifies a child by its parent's whole qualified type, so a grandchild names every ancestor", () => {
    const component = engineUrn("dev", "p", STACK, "my:index:Outer", "o");
    const destination = engineUrn("dev", "p", component, "my:index:Inner", "o-i");
    assert.equal(destination, "urn:pulumi:dev::p::my:index:Outer$my:index:Inner::o-i");
    assert.equal(engineUrn("dev", "p", destination, "aws:sqs/queue:Queue", "o-i-q"), "urn:pulumi:dev::p::my:index:Outer$my:index:Inner$aws:sqs/queue:Queue::o-i-q");
  });

  it("keeps a name holding `::` whole, and reads the parent's type from its third segment only", () => {
    const parent = "urn:pulumi:dev::p::my:index:Outer::a::b";
    assert.equal(engineUrn("dev", "p", parent, "aws:sqs/queue:Queue", "x::y"), "urn:pulumi:dev::p::my:index:Outer$aws:sqs/queue:Queue::x::y");
  });
});
