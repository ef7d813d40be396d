/**
 * A Pulumi engine stand-in for running programs offline: Pulumi mocks with plausible AWS outputs,
 * plus a record of every `registerResource` request as the engine would receive it (parent,
 * dependencies, property dependencies, protect), which `newResource` alone does not show.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { answerInvoke } from "./invokes";
import { UNKNOWN, wireProperties } from "./unknowns";

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
}

/** An alias as sent in a `registerResource` request; empty strings stand for "this resource's own". */
export type AliasSent =
  | { readonly urn: string }
  | { readonly name: string; readonly type: string; readonly project: string; readonly stack: string; readonly parentUrn: string; readonly noParent: boolean };

export interface MockEngineOptions {
  readonly project: string;
  readonly stack: string;
  /** True for a first preview: outputs AWS computes on create are unknown. False: every output known. */
  readonly preview: boolean;
  readonly region: string;
  readonly accountId: string;
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
}

export class MockEngine {
  readonly resources: CapturedResource[] = [];
  /** Invokes that could not be answered, in the order they were made. */
  readonly invokeErrors: Error[] = [];

  private constructor(readonly options: MockEngineOptions) {}

  /** Installs the mocks for this process (replacing any earlier ones) and starts recording. */
  static async install(options: MockEngineOptions): Promise<MockEngine> {
    const engine = new MockEngine(options);
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          const outputs = mockOutputs(args.type, args.name, args.inputs, options);
          // A first preview: what AWS computes on create is unknown, and so is the id.
          if (options.preview) return { id: undefined, state: { ...outputs.known, ...unknownAll(outputs.computed) } };
          return { id: outputs.id, state: { ...outputs.known, ...outputs.computed } };
        },
        call: (args) => {
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

/** What a provider answers for a new resource: values known at plan time, and those only known once created. */
export interface ResourceOutputs {
  /** Inputs, autonamed names, schema defaults: known in a first preview. */
  readonly known: Record<string, unknown>;
  /** ARNs, URLs, generated ids: unknown until the resource exists. */
  readonly computed: Record<string, unknown>;
  /** The resource's id once created. */
  readonly id: string;
}

/**
 * Outputs shaped like AWS's: ARNs in the stack's region and account. Names are autonamed as
 * Pulumi does in the provider's Check (`${name}-` and 7 hex digits), so they are known in a first
 * preview, as are schema defaults; ARNs, URLs and ids are computed by AWS on create.
 */
export function mockOutputs(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  { region: defaultRegion, accountId }: Pick<MockEngineOptions, "region" | "accountId">,
): ResourceOutputs {
  const region = typeof inputs.region === "string" ? inputs.region : defaultRegion;
  const physical = (key: string) => (typeof inputs[key] === "string" ? (inputs[key] as string) : `${name}-0a1b2c3`);
  const common = { ...inputs, region };
  switch (type) {
    case "aws:s3/bucket:Bucket":
    case "aws:s3/bucketV2:BucketV2": {
      const bucket = physical("bucket");
      return {
        known: { ...common, bucket },
        computed: { arn: `arn:aws:s3:::${bucket}`, bucketDomainName: `${bucket}.s3.amazonaws.com`, bucketRegionalDomainName: `${bucket}.s3.${region}.amazonaws.com` },
        id: bucket,
      };
    }
    case "aws:sqs/queue:Queue": {
      const queueName = inputs.fifoQueue === true && !physical("name").endsWith(".fifo") ? `${physical("name")}.fifo` : physical("name");
      const url = `https://sqs.${region}.amazonaws.com/${accountId}/${queueName}`;
      return {
        known: { ...common, name: queueName, visibilityTimeoutSeconds: inputs.visibilityTimeoutSeconds ?? 30 },
        computed: { arn: `arn:aws:sqs:${region}:${accountId}:${queueName}`, url },
        id: url,
      };
    }
    case "aws:sns/topic:Topic": {
      const topicName = physical("name");
      const arn = `arn:aws:sns:${region}:${accountId}:${topicName}`;
      return { known: { ...common, name: topicName }, computed: { arn }, id: arn };
    }
    case "aws:lambda/function:Function": {
      const fn = physical("name");
      const arn = `arn:aws:lambda:${region}:${accountId}:function:${fn}`;
      return {
        known: { ...common, name: fn, timeout: inputs.timeout ?? 3 },
        computed: {
          arn,
          qualifiedArn: `${arn}:$LATEST`,
          invokeArn: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${arn}/invocations`,
          version: "$LATEST",
        },
        id: fn,
      };
    }
    case "aws:iam/role:Role": {
      const role = physical("name");
      return { known: { ...common, name: role }, computed: { arn: `arn:aws:iam::${accountId}:role/${role}`, uniqueId: `AROA${name.toUpperCase()}` }, id: role };
    }
    case "aws:kms/key:Key":
      return { known: common, computed: { keyId: `${name}-key-id`, arn: `arn:aws:kms:${region}:${accountId}:key/${name}-key-id` }, id: `${name}-key-id` };
    case "aws:cloudwatch/eventRule:EventRule": {
      const rule = physical("name");
      return { known: { ...common, name: rule }, computed: { arn: `arn:aws:events:${region}:${accountId}:rule/${rule}` }, id: rule };
    }
    default: {
      const service = type.split(":")[1]?.split("/")[0] ?? "unknown";
      // An `arn` input (an EventTarget's, say) names another resource: keep it.
      const computed = "arn" in inputs ? {} : { arn: `arn:aws:${service}:${region}:${accountId}:${name}` };
      return { known: common, computed, id: `${name}-id` };
    }
  }
}

/** Every value unknown, as the engine marks what a provider computes on create during a preview. */
function unknownAll(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(values).map((k) => [k, UNKNOWN.string]));
}
