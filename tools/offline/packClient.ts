/**
 * Drives a CrossGuard pack over its real gRPC protocol, started the way the engine starts it:
 * `run-policy-pack` in the pack's folder, which prints the port as its first line.
 */
import * as grpc from "@grpc/grpc-js";
import { spawn, type ChildProcess } from "child_process";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as path from "path";
import * as readline from "readline";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";

export type Level = "advisory" | "mandatory" | "disabled" | "remediate";
const LEVELS: Level[] = ["advisory", "mandatory", "disabled", "remediate"];

export interface PolicySummary {
  readonly name: string;
  readonly description: string;
  readonly level: Level;
  readonly configSchema: Record<string, unknown> | undefined;
}

export interface Diagnostic {
  readonly policy: string;
  readonly level: Level;
  readonly message: string;
  readonly urn: string;
}

export interface StackResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly properties: Record<string, unknown>;
  readonly parent?: string;
  readonly dependencies?: readonly string[];
  readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
  /** The provider resource, which the engine sends with `Analyze` (its inputs, e.g. `region`). */
  readonly provider?: { readonly urn: string; readonly type: string; readonly name: string; readonly properties: Record<string, unknown> };
}

/** A config entry as `--policy-pack-config` takes it: a level, or a level with properties. */
export type PolicyConfigEntry = Level | ({ enforcementLevel?: Level } & Record<string, unknown>);

export class PackClient {
  private constructor(
    private readonly child: ChildProcess,
    private readonly client: AnalyzerClient,
    readonly port: number,
  ) {}

  /** Starts the pack in `packDir` with `node_modules/@pulumi/pulumi/cmd/run-policy-pack`, like the engine. */
  static async start(packDir: string): Promise<PackClient> {
    const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
    const child = spawn(process.execPath, [runner, "127.0.0.1:0", path.resolve(packDir)], {
      cwd: packDir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    // However this process ends (even by process.exit), the pack must not outlive it.
    const killChild = () => child.kill();
    process.once("exit", killChild);
    child.once("exit", () => process.off("exit", killChild));
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    const port = await new Promise<number>((resolve, reject) => {
      const lines = readline.createInterface({ input: child.stdout! });
      lines.once("line", (line) => (/^\d+$/.test(line.trim()) ? resolve(Number(line)) : reject(new Error(`pack printed ${line}`))));
      child.once("exit", (code) => reject(new Error(`pack exited with ${code} before serving:\n${stderr}`)));
    });
    // The engine's limit: a large stack is a large AnalyzeStack message.
    const limit = 400 * 1024 * 1024;
    const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
      "grpc.max_receive_message_length": limit,
      "grpc.max_send_message_length": limit,
    });
    return new PackClient(child, client, port);
  }

  async info(): Promise<{ name: string; version: string; policies: PolicySummary[] }> {
    const info = await this.call<analyzer.AnalyzerInfo>((cb) => this.client.getAnalyzerInfo(new Empty(), cb));
    return {
      name: info.getName(),
      version: info.getVersion(),
      policies: info.getPoliciesList().map((p) => ({
        name: p.getName(),
        description: p.getDescription(),
        level: LEVELS[p.getEnforcementlevel()],
        configSchema: p.getConfigschema()?.getProperties()?.toJavaScript(),
      })),
    };
  }

  /**
   * Reconciles config as the engine does (each schema's defaults, then the file), and sends it.
   * Every policy gets a properties Struct, as the SDK requires.
   */
  async configure(policies: readonly PolicySummary[], file: Readonly<Record<string, PolicyConfigEntry>> = {}): Promise<void> {
    const request = new analyzer.ConfigureAnalyzerRequest();
    const map = request.getPolicyconfigMap();
    for (const policy of policies) {
      const defaults = Object.fromEntries(
        Object.entries(policy.configSchema ?? {}).flatMap(([k, v]) =>
          typeof v === "object" && v !== null && "default" in v ? [[k, (v as { default: unknown }).default]] : [],
        ),
      );
      const all = file.all;
      const entry = file[policy.name];
      const level =
        (typeof entry === "string" ? entry : entry?.enforcementLevel) ?? (typeof all === "string" ? all : all?.enforcementLevel) ?? policy.level;
      const properties = { ...defaults, ...(typeof entry === "object" ? withoutLevel(entry) : {}) };
      const config = new analyzer.PolicyConfig();
      config.setEnforcementlevel(LEVELS.indexOf(level));
      config.setProperties(toStruct(properties));
      map.set(policy.name, config);
    }
    await this.call((cb) => this.client.configure(request, cb));
  }

  async analyze(resource: StackResource): Promise<Diagnostic[]> {
    const request = describeResource(new analyzer.AnalyzeRequest(), resource);
    if (resource.provider) {
      const { urn, type, name, properties } = resource.provider;
      request.setProvider(new analyzer.AnalyzerProviderResource().setUrn(urn).setType(type).setName(name).setProperties(toStruct(properties)));
    }
    return diagnostics(await this.call<analyzer.AnalyzeResponse>((cb) => this.client.analyze(request, cb)));
  }

  async analyzeStack(resources: readonly StackResource[]): Promise<Diagnostic[]> {
    const request = new analyzer.AnalyzeStackRequest();
    request.setResourcesList(
      resources.map((r) => {
        const resource = describeResource(new analyzer.AnalyzerResource(), r);
        if (r.parent) resource.setParent(r.parent);
        resource.setDependenciesList([...(r.dependencies ?? [])]);
        const deps = resource.getPropertydependenciesMap();
        for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) {
          deps.set(key, new analyzer.AnalyzerPropertyDependencies().setUrnsList([...urns]));
        }
        return resource;
      }),
    );
    return diagnostics(await this.call<analyzer.AnalyzeResponse>((cb) => this.client.analyzeStack(request, cb)));
  }

  async close(): Promise<void> {
    this.client.close();
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once("exit", resolve));
      this.child.kill();
      await exited;
    }
  }

  private call<T>(invoke: (cb: (err: grpc.ServiceError | null, res: T) => void) => void): Promise<T> {
    return new Promise((resolve, reject) => invoke((err, res) => (err ? reject(err) : resolve(res))));
  }
}

/** The fields `AnalyzeRequest` and `AnalyzerResource` share. */
interface ResourceMessage {
  setType(value: string): unknown;
  setName(value: string): unknown;
  setUrn(value: string): unknown;
  setProperties(value?: Struct): unknown;
  setOptions(value?: analyzer.AnalyzerResourceOptions): unknown;
}

function describeResource<M extends ResourceMessage>(message: M, resource: StackResource): M {
  message.setType(resource.type);
  message.setName(resource.name);
  message.setUrn(resource.urn);
  message.setProperties(toStruct(resource.properties));
  // The engine always sends options; the SDK refuses a request without them.
  message.setOptions(new analyzer.AnalyzerResourceOptions());
  return message;
}

/** A Struct of JSON values: undefined fields are left out, as the engine leaves out absent ones. */
function toStruct(value: Record<string, unknown>): Struct {
  return Struct.fromJavaScript(JSON.parse(JSON.stringify(value)) as Record<string, never>);
}

function withoutLevel(entry: Record<string, unknown>): Record<string, unknown> {
  const { enforcementLevel: _level, ...rest } = entry;
  return rest;
}

function diagnostics(response: analyzer.AnalyzeResponse): Diagnostic[] {
  return response.getDiagnosticsList().map((d) => ({
    policy: d.getPolicyname(),
    level: LEVELS[d.getEnforcementlevel()],
    message: d.getMessage(),
    urn: d.getUrn(),
  }));
}
