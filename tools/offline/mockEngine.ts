/**
 * A Pulumi engine stand-in for running programs offline: Pulumi mocks with plausible AWS outputs,
 * plus a record of every `registerResource` request as the engine would receive it (parent,
 * dependencies, property dependencies, protect), which `newResource` alone does not show.
 */
import * as pulumi from "@pulumi/pulumi";
import { deserializeProperties } from "@pulumi/pulumi/runtime/rpc";
import * as settings from "@pulumi/pulumi/runtime/settings";

export interface CapturedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  readonly parent: string | undefined;
  readonly dependencies: readonly string[];
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  readonly inputs: Record<string, unknown>;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  /** What the mocks answered: the inputs plus plausible computed outputs. Set once registered. */
  outputs?: Record<string, unknown>;
}

export interface MockEngineOptions {
  readonly project: string;
  readonly stack: string;
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
  getObject(): Parameters<typeof deserializeProperties>[0];
  getProtect(): boolean | undefined;
  getRetainondelete(): boolean | undefined;
}

interface RegisterResponse {
  getObject(): Parameters<typeof deserializeProperties>[0] | undefined;
}

interface MonitorLike {
  newUrn(parent: string, type: string, name: string): string;
  registerResource(req: RegisterRequest, callback: (err: unknown, resp: RegisterResponse | undefined) => void): Promise<void>;
}

export class MockEngine {
  readonly resources: CapturedResource[] = [];

  private constructor(readonly options: MockEngineOptions) {}

  /** Installs the mocks for this process (replacing any earlier ones) and starts recording. */
  static async install(options: MockEngineOptions): Promise<MockEngine> {
    const engine = new MockEngine(options);
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => ({ id: `${args.name}-id`, state: mockOutputs(args.type, args.name, args.inputs, options) }),
        call: (args) => mockCall(args.token, options),
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
      const captured: CapturedResource = {
        urn: monitor.newUrn(req.getParent(), req.getType(), req.getName()),
        type: req.getType(),
        name: req.getName(),
        custom: req.getCustom(),
        parent: req.getParent() || undefined,
        dependencies: req.getDependenciesList(),
        propertyDependencies,
        inputs: deserializeProperties(req.getObject(), true),
        protect: req.getProtect() === true,
        retainOnDelete: req.getRetainondelete() === true,
      };
      engine.resources.push(captured);
      return register(req, (err, resp) => {
        const object = resp?.getObject();
        if (object) captured.outputs = deserializeProperties(object, true);
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

/** Outputs shaped like AWS's: ARNs in the stack's region and account. */
export function mockOutputs(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  { region: defaultRegion, accountId }: Pick<MockEngineOptions, "region" | "accountId">,
): Record<string, unknown> {
  const region = typeof inputs.region === "string" ? inputs.region : defaultRegion;
  const physical = (key: string) => (typeof inputs[key] === "string" ? (inputs[key] as string) : `${name}-0a1b2c3`);
  const common = { ...inputs, region };
  switch (type) {
    case "aws:s3/bucket:Bucket": {
      const bucket = physical("bucket");
      return { ...common, bucket, id: bucket, arn: `arn:aws:s3:::${bucket}` };
    }
    case "aws:sqs/queue:Queue": {
      const queueName = inputs.fifoQueue === true ? `${physical("name")}.fifo` : physical("name");
      return {
        ...common,
        name: queueName,
        arn: `arn:aws:sqs:${region}:${accountId}:${queueName}`,
        url: `https://sqs.${region}.amazonaws.com/${accountId}/${queueName}`,
        visibilityTimeoutSeconds: inputs.visibilityTimeoutSeconds ?? 30,
      };
    }
    case "aws:sns/topic:Topic": {
      const topicName = physical("name");
      return { ...common, name: topicName, arn: `arn:aws:sns:${region}:${accountId}:${topicName}` };
    }
    case "aws:lambda/function:Function": {
      const fn = physical("name");
      return { ...common, name: fn, arn: `arn:aws:lambda:${region}:${accountId}:function:${fn}`, timeout: inputs.timeout ?? 3 };
    }
    case "aws:iam/role:Role": {
      const role = physical("name");
      return { ...common, name: role, arn: `arn:aws:iam::${accountId}:role/${role}` };
    }
    case "aws:kms/key:Key":
      return { ...common, keyId: `${name}-key-id`, arn: `arn:aws:kms:${region}:${accountId}:key/${name}-key-id` };
    case "aws:cloudwatch/eventRule:EventRule": {
      const rule = physical("name");
      return { ...common, name: rule, arn: `arn:aws:events:${region}:${accountId}:rule/${rule}` };
    }
    default: {
      const service = type.split(":")[1]?.split("/")[0] ?? "unknown";
      // An `arn` input (an EventTarget's, say) names another resource: keep it.
      return { arn: `arn:aws:${service}:${region}:${accountId}:${name}`, ...common };
    }
  }
}

function mockCall(token: string, { region, accountId }: MockEngineOptions): Record<string, unknown> {
  switch (token) {
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return { accountId, arn: `arn:aws:iam::${accountId}:user/offline`, userId: "AIDAOFFLINE", id: accountId };
    case "aws:index/getPartition:getPartition":
      return { partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsSuffix: "com.amazonaws", id: "aws" };
    case "aws:index/getRegion:getRegion":
      return { name: region, region, id: region };
    default:
      throw new Error(`the offline engine does not mock ${token}`);
  }
}
