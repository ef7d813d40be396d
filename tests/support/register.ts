// Loaded by mocha (`.mocharc*.json`) and StrykerJS after ts-node: the Pulumi SDK's stack probes
// without source maps, for every spec, whether it runs a program or builds resources under mocks.
import { installCheapPulumiStackProbes } from "../../tools/offline/pulumiStackProbes";

installCheapPulumiStackProbes();
