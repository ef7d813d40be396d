import * as pulumi from "@pulumi/pulumi";

/**
 * The component a destination's resources hang under (queue, DLQ, alarms, policy, permission,
 * subscriptions, rules and targets), so a preview's tree reads by destination. Internal: only
 * `BucketNotifications` creates it.
 */
export class DestinationOwner extends pulumi.ComponentResource {
  constructor(type: string, name: string, opts: pulumi.ComponentResourceOptions) {
    super(type, name, {}, opts);
  }

  /** Registers its outputs, once every child (its policy included) is registered. */
  complete(outputs: pulumi.Inputs): void {
    this.registerOutputs(outputs);
  }
}
