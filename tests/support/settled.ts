import type * as pulumi from "@pulumi/pulumi";

/**
 * An output's value, or its failure: where `valueOf` would wait for ever on an output whose
 * `apply` threw (a broken check), this rejects with that error at once.
 */
export function settled<T>(output: pulumi.Output<T>): Promise<T> {
  // `promise()` is the SDK's own way to await an Output (hidden from its typings).
  return (output as unknown as { promise(): Promise<T> }).promise();
}
