/**
 * A Pulumi engine stand-in for running programs offline: Pulumi mocks with plausible AWS outputs,
 * plus a record of every `registerResource` request as the engine would receive it (parent,
 * dependencies, property dependencies, protect), which `newResource` alone does not show.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { engineUrn } from "./engineUrn";
import { answerInvoke } from "./invokes";
import { mockState, type MockOptions } from "./mockOutputs";
import { wireProperties } from "./unknowns";

export interface CapturedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  readonly parent: string | undefined;
  readonly dependencies: readonly string[];
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  /** As the engine sends them to a pack: unknowns are the engine's sentinel strings. */
  readonly inputs: Record<string, unknown>;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  /** The aliases as the engine receives them: a URN, or a spec it resolves (pkg/resource/deploy, `collapseAliasToUrn`). */
  readonly aliases: readonly AliasSent[];
  /**
   * What the mocks answered: the inputs plus plausible computed outputs (unknown sentinels in a
   * first preview). Set once registered.
   */
  outputs?: Record<string, unknown>;
  /** What a component registered as its outputs (`registerOutputs`), once it has. */
  registered?: Record<string, unknown>;
}

/** An alias as sent in a `registerResource` request; empty strings stand for "this resource's own". */
export type AliasSent =
  | { readonly urn: string }
  | { readonly name: string; readonly type: string; readonly project: string; readonly stack: string; readonly parentUrn: string; readonly noParent: boolean };

export interface MockEngineOptions extends MockOptions {
  readonly project: string;
  readonly stack: string;
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): { forEach(cb: (value: { getUrnsList(): string[] }, key: string) => void): void };
  getObject(): Struct;
  getProtect(): boolean | undefined;
  getRetainondelete(): boolean | undefined;
  getAliasesList(): AliasMessage[];
}

interface AliasMessage {
  getUrn(): string;
  getSpec(): { getName(): string; getType(): string; getProject(): string; getStack(): string; getParenturn(): string; getNoparent(): boolean } | undefined;
}

interface RegisterResponse {
  getObject(): Struct | undefined;
}

interface MonitorLike {
  newUrn(parent: string, type: string, name: string): string;
  registerResource(req: RegisterRequest, callback: (err: unknown, resp: RegisterResponse | undefined) => void): Promise<void>;
  registerResourceOutputs(req: RegisterOutputsRequest, callback: (err: unknown, resp: unknown) => void): void;
}

interface RegisterOutputsRequest {
  getUrn(): string;
  getOutputs(): Struct | undefined;
}

export class MockEngine {
  readonly resources: CapturedResource[] = [];
  /** Invokes that could not be answered, in the order they were made. */
  readonly invokeErrors: Error[] = [];
  /** Every invoke, in the order made: its token and the provider it went to (`urn::id`; none for the default one). */
  readonly invokes: { readonly token: string; readonly provider: string | undefined }[] = [];

  private constructor(readonly options: MockEngineOptions) {}

  /** Installs the mocks for this process (replacing any earlier ones) and starts recording. */
  static async install(options: MockEngineOptions): Promise<MockEngine> {
    const engine = new MockEngine(options);
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => mockState(args.type, args.name, args.inputs, options),
        call: (args) => {
          engine.invokes.push({ token: args.token, provider: args.provider || undefined });
          try {
            return answerInvoke(args.token, args.inputs, options);
          } catch (err) {
            // The SDK loses the message on its way to the program ("error serializing property"): keep it.
            engine.invokeErrors.push(err instanceof Error ? err : new Error(String(err)));
            throw err;
          }
        },
      },
      options.project,
      options.stack,
      options.preview,
    );
    const monitor = settings.getMonitor() as unknown as MonitorLike;
    // The URNs the program, the pack and the report see are the engine's, not the mocks' (engineUrn.ts).
    monitor.newUrn = (parent, type, name) => engineUrn(options.stack, options.project, parent, type, name);
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = async (req, callback) => {
      const propertyDependencies: Record<string, string[]> = {};
      req.getPropertydependenciesMap().forEach((value, key) => {
        propertyDependencies[key] = value.getUrnsList();
      });
      const urn = monitor.newUrn(req.getParent(), req.getType(), req.getName());
      // The engine refuses a second resource with the same URN (pkg/resource/deploy); so do we,
      // with its words, or a graph `pulumi up` rejects would pass offline.
      if (engine.resources.some((r) => r.urn === urn)) {
        callback(new Error(`Duplicate resource URN '${urn}'; try giving it a unique name`), undefined);
        return;
      }
      const captured: CapturedResource = {
        urn,
        type: req.getType(),
        name: req.getName(),
        custom: req.getCustom(),
        parent: req.getParent() || undefined,
        dependencies: req.getDependenciesList(),
        propertyDependencies,
        inputs: wireProperties(req.getObject().toJavaScript()),
        protect: req.getProtect() === true,
        retainOnDelete: req.getRetainondelete() === true,
        aliases: req.getAliasesList().map(aliasSent),
      };
      engine.resources.push(captured);
      return register(req, (err, resp) => {
        const object = resp?.getObject();
        if (object) captured.outputs = wireProperties(object.toJavaScript());
        callback(err, resp);
      });
    };
    const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req, callback) => {
      const captured = engine.resources.find((r) => r.urn === req.getUrn());
      if (captured) captured.registered = wireProperties(req.getOutputs()?.toJavaScript() ?? {});
      registerOutputs(req, callback);
    };
    return engine;
  }

  /** Forgets what was recorded so far. */
  reset(): void {
    this.resources.length = 0;
  }

  /** Waits until every pending registration has reached the monitor. */
  async settle(): Promise<void> {
    // Internal to the SDK (hidden from its typings), but it is what the SDK itself awaits before exit.
    await (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  }

  ofType(type: string): CapturedResource[] {
    return this.resources.filter((r) => r.type === type);
  }

  /** The resource named `name`; a custom resource before a component of the same name (a destination and its queue). */
  byName(name: string): CapturedResource {
    const found = this.resources.find((r) => r.name === name && r.custom) ?? this.resources.find((r) => r.name === name);
    if (!found) throw new Error(`no resource named ${name}; have ${this.resources.map((r) => r.name).join(", ")}`);
    return found;
  }
}

function aliasSent(alias: AliasMessage): AliasSent {
  const spec = alias.getSpec();
  if (!spec) return { urn: alias.getUrn() };
  return {
    name: spec.getName(),
    type: spec.getType(),
    project: spec.getProject(),
    stack: spec.getStack(),
    parentUrn: spec.getParenturn(),
    noParent: spec.getNoparent(),
  };
}
