/**
 * Unknown values as the Pulumi engine sends them to a policy pack during a preview: sentinel
 * strings, chosen by the unknown's element type (`sdk/go/common/resource/plugin/rpc.go`,
 * `marshalUnknownProperty`). The SDK of a pack recognises every one of them, so reading such a
 * field throws and the policy is reported as "can't run during preview" (advisory).
 *
 * An unknown reaching the engine from a Node.js program carries no type, and the AWS provider
 * (a Terraform bridge) marks computed outputs as string-typed unknowns: both travel as the
 * string sentinel, which is also the SDK's own `unknownValue`.
 */
import { isUnknown } from "@pulumi/pulumi/output";
import { specialResourceSig, specialSigKey, unknownValue } from "@pulumi/pulumi/runtime/rpc";

export const UNKNOWN = {
  string: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
  bool: "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
  number: "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  array: "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  object: "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
  asset: "030794c1-ac77-496b-92df-f27374a8bd58",
  archive: "e48ece36-62e2-4504-bad9-02848725956a",
} as const;

const SENTINELS: ReadonlySet<string> = new Set(Object.values(UNKNOWN));

// Stryker disable next-line StringLiteral: runs only if the SDK changes its sentinel
if (unknownValue !== UNKNOWN.string) throw new Error(`@pulumi/pulumi changed its unknown sentinel to ${unknownValue}`);

/** True for any of the engine's unknown sentinels. */
export function isUnknownSentinel(value: unknown): boolean {
  // Stryker disable next-line ConditionalExpression: equivalent, the set holds strings only
  return typeof value === "string" && SENTINELS.has(value);
}

/** True when the value is, or holds anywhere, an unknown. */
export function containsUnknown(value: unknown): boolean {
  if (isUnknownSentinel(value)) return true;
  // Stryker disable next-line ConditionalExpression: equivalent, the object branch reads an array's values too
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (typeof value === "object" && value !== null) return Object.values(value).some(containsUnknown);
  return false;
}

/**
 * A value deserialized by the SDK (with unknowns kept) as the engine marshals it for a pack:
 * every SDK unknown becomes the string sentinel; everything else is left as it is.
 */
export function engineValue(value: unknown): unknown {
  if (isUnknown(value)) return UNKNOWN.string;
  if (Array.isArray(value)) return value.map(engineValue);
  // Stryker disable next-line ConditionalExpression: equivalent, a primitive's prototype is never Object.prototype
  if (typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, engineValue(v)]));
  }
  return value;
}


/**
 * A property bag as the SDK put it on the wire (`Struct.toJavaScript()`), as the engine forwards
 * it to a pack: unknowns, secrets and assets keep their wire form; a resource reference, which a
 * pack's SDK cannot read, is downgraded as the engine does for analyzers: a custom resource to
 * its id (unknown while the id is), a component to its URN.
 */
export function wireProperties(props: Record<string, unknown>): Record<string, unknown> {
  return downgradeReferences(props) as Record<string, unknown>;
}

function downgradeReferences(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(downgradeReferences);
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  if (record[specialSigKey] === specialResourceSig) {
    if (typeof record.id === "string") return record.id === "" ? UNKNOWN.string : record.id;
    return record.urn;
  }
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, downgradeReferences(v)]));
}
