// Loaded after the TypeScript hook (Sucrase in `.mocharc*.json`, ts-node under StrykerJS): the
// Pulumi SDK's stack probes made cheap, for every spec, whether it runs a program or builds
// resources under mocks.
import { installCheapPulumiStackProbes } from "../../tools/offline/pulumiStackProbes";

installCheapPulumiStackProbes();
