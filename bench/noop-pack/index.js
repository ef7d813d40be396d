// The baseline the pack is measured against: what any compiled pack costs on the same node_modules.
const { PolicyPack } = require("@pulumi/policy");

new PolicyPack("noop-pack", {
  policies: [
    { name: "noop-resource", description: "Does nothing.", enforcementLevel: "advisory", validateResource: () => undefined },
    { name: "noop-stack", description: "Does nothing.", enforcementLevel: "advisory", validateStack: () => undefined },
  ],
});
