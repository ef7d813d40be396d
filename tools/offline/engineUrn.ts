/**
 * A resource's URN as the engine makes it: `urn:pulumi:<stack>::<project>::<qualified type>::<name>`,
 * the qualified type being the parent's whole qualified type, `$`, the type (the root stack is no
 * parent type). pulumi/pulumi 3.248.0 `sdk/go/common/resource/urn.go` (NewURN) and
 * `pkg/resource/deploy/step_generator.go` (generateURN). The SDK's mocks qualify a child by its
 * parent's own type alone, so a destination's queue under `BucketNotifications` would be
 * `SqsDestination$aws:sqs/queue:Queue` offline and `BucketNotifications$SqsDestination$…` for real.
 */
const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

export function engineUrn(stack: string, project: string, parentUrn: string, type: string, name: string): string {
  const parentType = parentUrn === "" ? "" : parentUrn.split("::")[2];
  const qualified = parentType !== "" && parentType !== ROOT_STACK_TYPE ? `${parentType}$${type}` : type;
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}
