// The stand-in AWS provider: the ResourceProvider gRPC service the engine drives, for engine tests
// only (never referenced from Pulumi.yaml: real deployments use the real pulumi-aws). Served on the
// SDK's generated service directly rather than `provider.main`, because `main` cannot announce
// `supportsPreview`: without it the engine skips Create during a preview and the pack would see
// computed outputs missing instead of unknown, which is not what the real provider shows it.
import * as grpc from "@grpc/grpc-js";
import { createHash } from "crypto";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { invokes } from "./invokes";
import { randomHex, resourceTypes, type ProviderContext, type ResourceType } from "./resourceTypes";
import { standInSchema } from "./schema";

/** The real provider's version, which the engine records in the state and the pack may read. */
export const VERSION = "7.48.0";
/** The one account every stand-in ARN names. */
export const ACCOUNT = "123456789012";
/** How the engine marks a value that is not known yet (sdk/go/common/resource/plugin/rpc.go). */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

type Props = Record<string, unknown>;
type Callback<T> = (err: grpc.ServiceError | null, value?: T) => void;

const ctx: { region: string; account: string } = { region: "us-east-1", account: ACCOUNT };
const context = (): ProviderContext => ctx;

function struct(props: Props): structproto.Struct {
  return structproto.Struct.fromJavaScript(props as Record<string, structproto.JavaScriptValue>);
}
function plain(s: structproto.Struct | undefined): Props {
  return (s?.toJavaScript() ?? {}) as Props;
}
/** `urn:pulumi:stack::project::parent$type::name` → type. */
function typeOf(urn: string, declared: string): string {
  return declared || (urn.split("::")[2] ?? "").split("$").pop() || "";
}
function nameOf(urn: string, declared: string): string {
  return declared || urn.split("::").slice(3).join("::");
}
function fail(code: grpc.status, details: string): grpc.ServiceError {
  return Object.assign(new Error(details), { code, details, metadata: new grpc.Metadata() });
}
function known(type: string): ResourceType {
  const t = resourceTypes[type];
  if (!t) throw fail(grpc.status.INVALID_ARGUMENT, `the stand-in AWS provider does not model ${type}`);
  return t;
}
/** Runs a handler, turning a throw into a gRPC error the engine prints. */
function handle<Req, Res>(fn: (req: Req) => Res) {
  return (call: { request: Req }, callback: Callback<Res>) => {
    try {
      callback(null, fn(call.request));
    } catch (e) {
      const err = e as Partial<grpc.ServiceError>;
      callback(err.code !== undefined ? (err as grpc.ServiceError) : fail(grpc.status.UNKNOWN, String(e)));
    }
  };
}

/**
 * The real provider auto-names `<name>-<7 hex>` (plus `.fifo` for FIFO queues and topics), keeping
 * an old name, and draws the hex from the engine's random seed so a preview and the update that
 * follows it plan the same name.
 */
function autoName(t: ResourceType, name: string, olds: Props, news: Props, seed: Uint8Array, proposed: string | undefined): Props {
  const a = t.autoName;
  if (!a || news[a.property] !== undefined || news.namePrefix !== undefined) return news;
  if (olds[a.property] !== undefined) return { ...news, [a.property]: olds[a.property] };
  const fifo = a.fifoFlag && news[a.fifoFlag] === true ? (a.fifoSuffix ?? "") : "";
  const suffix = seed.length ? createHash("sha256").update(seed).digest("hex").slice(0, 7) : randomHex(7);
  return { ...news, [a.property]: proposed ?? `${name}-${suffix}${fifo}` };
}

function computedOutputs(t: ResourceType, inputs: Props, preview: boolean): Props {
  const computed = t.computed(inputs, context());
  return preview ? Object.fromEntries(Object.keys(computed).map((k) => [k, UNKNOWN])) : computed;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

const service: Partial<grpc.UntypedServiceImplementation> = {
  getPluginInfo: handle(() => new plugproto.PluginInfo().setVersion(VERSION)),
  getSchema: handle(() => new provproto.GetSchemaResponse().setSchema(standInSchema(VERSION))),
  checkConfig: handle((req: provproto.CheckRequest) => new provproto.CheckResponse().setInputs(req.getNews())),
  diffConfig: handle((req: provproto.DiffRequest) => {
    const changed = !same(plain(req.getOldInputs() ?? req.getOlds()), plain(req.getNews()));
    return new provproto.DiffResponse().setChanges(
      changed ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE,
    );
  }),
  configure: handle((req: provproto.ConfigureRequest) => {
    const args = plain(req.getArgs());
    const vars = req.getVariablesMap();
    const region = typeof args.region === "string" ? args.region : vars.get("aws:region");
    if (region && region !== UNKNOWN) ctx.region = region;
    return new provproto.ConfigureResponse()
      .setAcceptsecrets(true)
      .setAcceptresources(true)
      .setSupportspreview(true);
  }),
  check: handle((req: provproto.CheckRequest) => {
    const type = typeOf(req.getUrn(), req.getType());
    const t = known(type);
    const news = plain(req.getNews());
    const unknownInput = Object.keys(news).find((k) => !t.inputs.includes(k) && !k.startsWith("__"));
    const response = new provproto.CheckResponse();
    if (unknownInput) {
      const failure = new provproto.CheckFailure().setProperty(unknownInput);
      failure.setReason(`${type} has no input \`${unknownInput}\` in the stand-in provider`);
      return response.setInputs(req.getNews()).setFailuresList([failure]);
    }
    const naming = req.getAutonaming();
    const proposed = naming?.getProposedName() || undefined;
    const seed = req.getRandomseed_asU8();
    return response.setInputs(struct(autoName(t, nameOf(req.getUrn(), req.getName()), plain(req.getOlds()), news, seed, proposed)));
  }),
  diff: handle((req: provproto.DiffRequest) => {
    const t = known(typeOf(req.getUrn(), req.getType()));
    const olds = plain(req.getOldInputs() ?? req.getOlds());
    const news = plain(req.getNews());
    const ignored = new Set(req.getIgnorechangesList());
    const diffs = [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter(
      (k) => !k.startsWith("__") && !ignored.has(k) && (news[k] === UNKNOWN || !same(olds[k], news[k])),
    );
    const replaces = diffs.filter((k) => t.replaceOnChanges.includes(k));
    return new provproto.DiffResponse()
      .setChanges(diffs.length ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE)
      .setDiffsList(diffs)
      .setReplacesList(replaces);
  }),
  create: handle((req: provproto.CreateRequest) => {
    const t = known(typeOf(req.getUrn(), req.getType()));
    const inputs = plain(req.getProperties());
    const outs = { ...inputs, ...computedOutputs(t, inputs, req.getPreview()) };
    return new provproto.CreateResponse().setId(req.getPreview() ? "" : t.id(outs)).setProperties(struct(outs));
  }),
  read: handle((req: provproto.ReadRequest) =>
    // Nothing drifts in the stand-in's world: a refresh reads back what was written.
    new provproto.ReadResponse().setId(req.getId()).setProperties(req.getProperties()).setInputs(req.getInputs()),
  ),
  update: handle((req: provproto.UpdateRequest) => {
    const t = known(typeOf(req.getUrn(), req.getType()));
    const olds = plain(req.getOlds());
    const news = plain(req.getNews());
    const kept = Object.fromEntries(Object.keys(t.computed(news, context())).map((k) => [k, olds[k]]));
    return new provproto.UpdateResponse().setProperties(struct({ ...news, ...kept }));
  }),
  delete: handle(() => new emptyproto.Empty()),
  invoke: handle((req: provproto.InvokeRequest) => {
    const fn = invokes[req.getTok()];
    if (!fn) throw fail(grpc.status.UNIMPLEMENTED, `the stand-in AWS provider does not answer ${req.getTok()}`);
    return new provproto.InvokeResponse().setReturn(struct(fn.answer(plain(req.getArgs()), context())));
  }),
  cancel: handle(() => new emptyproto.Empty()),
};

/** Serves on a loopback port and prints it first on stdout, as the engine expects of a plugin. */
function main(): void {
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(provrpc.ResourceProviderService, service as grpc.UntypedServiceImplementation);
  server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
    if (err) {
      console.error(err.message);
      process.exit(1);
    }
    process.stdout.write(`${port}\n`);
  });
}

if (require.main === module) main();
