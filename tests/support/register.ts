// Loaded after the TypeScript hook (Sucrase in `.mocharc*.json`, ts-node under StrykerJS), for
// every spec, whether it runs a program or builds resources under mocks.
import { ResourceError } from "@pulumi/pulumi";
import { installCheapPulumiStackProbes } from "../../tools/offline/pulumiStackProbes";

// The Pulumi SDK's stack probes made cheap.
installCheapPulumiStackProbes();

// Mocha's parallel workers send a failure to the main process by walking the error's enumerable
// properties. A ResourceError's `resource` leads into Outputs, whose lifted properties throw when
// walked, so the failure would arrive as "Uncaught error outside test suite: this.allResources is
// not a function" instead of its message. The resource stays on the error, unenumerated.
Object.defineProperty(ResourceError.prototype, "resource", {
  configurable: true,
  set(this: ResourceError, value: unknown) {
    Object.defineProperty(this, "resource", { value, writable: true, configurable: true, enumerable: false });
  },
});
