/**
 * A Mermaid flowchart of the notification wiring in a captured graph: buckets, their rules to
 * each destination, subscribers and consumers, and every dead-letter queue on a failure path.
 */
import type { CapturedResource } from "./mockEngine";

type Props = Record<string, unknown>;
const props = (r: CapturedResource): Props => r.outputs ?? r.inputs;
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const json = (v: unknown): Props | undefined => {
  if (typeof v !== "string") return typeof v === "object" && v !== null ? (v as Props) : undefined;
  try {
    return JSON.parse(v) as Props;
  } catch {
    return undefined;
  }
};

const SHAPES: Readonly<Record<string, (label: string) => string>> = {
  "aws:s3/bucket:Bucket": (l) => `[("${l}")]`,
  "aws:lambda/function:Function": (l) => `["λ ${l}"]`,
  "aws:sns/topic:Topic": (l) => `{{"topic ${l}"}}`,
  "aws:sqs/queue:Queue": (l) => `["queue ${l}"]`,
  "aws:cloudwatch/eventRule:EventRule": (l) => `>"rule ${l}"]`,
};

export function mermaidDiagram(resources: readonly CapturedResource[]): string {
  const byArn = new Map<string, CapturedResource>();
  const byName = new Map<string, CapturedResource>();
  for (const r of resources.filter((r) => r.custom)) {
    // Only a resource's own ARN: an EventTarget's `arn` input is its target's.
    const arn = "arn" in r.inputs ? undefined : str(props(r).arn);
    if (arn) byArn.set(arn, r);
    for (const key of ["bucket", "name", "url"]) {
      const value = str(props(r)[key]);
      if (value) byName.set(`${r.type}|${value}`, r);
    }
  }
  const ids = new Map<string, string>();
  const deadLetterArns = new Set<string>();
  const nodes: string[] = [];
  const edges: string[] = [];
  const node = (key: string, label: string, type?: string, isDlq = false): string => {
    let id = ids.get(key);
    if (!id) {
      id = `n${ids.size}`;
      ids.set(key, id);
      const shape = isDlq ? `[("DLQ ${label}")]` : (SHAPES[type ?? ""] ?? ((l: string) => `["${l}"]`))(label);
      nodes.push(`  ${id}${shape.replace(/"/g, '"')}`);
    }
    return id;
  };
  const arnNode = (arn: unknown): string => {
    const key = str(arn) ?? "unknown";
    const r = byArn.get(key);
    return r ? node(r.urn, r.name, r.type, deadLetterArns.has(key)) : node(key, key.split(":").pop() ?? key);
  };
  const edge = (from: string, to: string, label: string, failure = false) =>
    edges.push(`  ${from} ${failure ? "-.->" : "-->"}|"${label.replace(/"/g, "'")}"| ${to}`);

  // Every dead-letter target first, so its node is drawn as a DLQ.
  for (const r of resources) {
    const p = props(r);
    const targets = [
      json(p.redrivePolicy)?.deadLetterTargetArn,
      (p.destinationConfig as { onFailure?: { destination?: unknown } } | undefined)?.onFailure?.destination,
      (p.deadLetterConfig as { arn?: unknown } | undefined)?.arn,
    ];
    for (const t of targets) if (typeof t === "string") deadLetterArns.add(t);
  }

  for (const n of resources.filter((r) => r.type === "aws:s3/bucketNotification:BucketNotification")) {
    const p = props(n);
    const bucketName = str(p.bucket) ?? "bucket";
    const bucketResource = byName.get(`aws:s3/bucket:Bucket|${bucketName}`);
    const bucket = bucketResource ? node(bucketResource.urn, bucketResource.name, bucketResource.type) : node(`bucket|${bucketName}`, bucketName, "aws:s3/bucket:Bucket");
    for (const [field, arnField] of [["lambdaFunctions", "lambdaFunctionArn"], ["queues", "queueArn"], ["topics", "topicArn"]] as const) {
      for (const entry of (Array.isArray(p[field]) ? p[field] : []) as Props[]) {
        const filter = `${str(entry.filterPrefix) ?? ""}*${str(entry.filterSuffix) ?? ""}`;
        edge(bucket, arnNode(entry[arnField]), `${str(entry.id) ?? field}: ${(entry.events as string[] | undefined)?.join(", ") ?? ""} ${filter}`);
      }
    }
    if (p.eventbridge === true) {
      for (const rule of resources.filter((r) => r.type === "aws:cloudwatch/eventRule:EventRule")) {
        type Match = { "detail-type"?: string[]; detail?: { bucket?: { name?: string[] } } };
        const pattern = json(props(rule).eventPattern) as (Match & { $or?: Match[] }) | undefined;
        const matches = pattern?.$or ?? (pattern ? [pattern] : []);
        if (!matches.some((m) => m.detail?.bucket?.name?.includes(bucketName))) continue;
        const types = [...new Set(matches.flatMap((m) => m["detail-type"] ?? []))];
        edge(bucket, node(rule.urn, rule.name, rule.type), `EventBridge: ${types.join(", ")}`);
      }
    }
  }

  for (const r of resources) {
    const p = props(r);
    switch (r.type) {
      case "aws:sqs/queue:Queue": {
        const dlq = json(p.redrivePolicy)?.deadLetterTargetArn;
        if (dlq) edge(node(r.urn, r.name, r.type, deadLetterArns.has(str(p.arn) ?? "")), arnNode(dlq), `after ${String(json(p.redrivePolicy)?.maxReceiveCount)} receives`, true);
        break;
      }
      case "aws:sqs/redrivePolicy:RedrivePolicy": {
        const queue = byName.get(`aws:sqs/queue:Queue|${str(p.queueUrl)}`);
        const dlq = json(p.redrivePolicy)?.deadLetterTargetArn;
        if (queue && dlq) edge(arnNode(props(queue).arn), arnNode(dlq), `after ${String(json(p.redrivePolicy)?.maxReceiveCount)} receives`, true);
        break;
      }
      case "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig": {
        const fn = byName.get(`aws:lambda/function:Function|${str(p.functionName)}`) ?? byArn.get(str(p.functionName) ?? "");
        const dlq = (p.destinationConfig as { onFailure?: { destination?: unknown } } | undefined)?.onFailure?.destination;
        if (fn && dlq) edge(node(fn.urn, fn.name, fn.type), arnNode(dlq), `failed after ${String(p.maximumRetryAttempts)} retries`, true);
        break;
      }
      case "aws:sns/topicSubscription:TopicSubscription": {
        const topic = arnNode(p.topic);
        const endpoint = str(p.endpoint) ?? "";
        edge(topic, byArn.has(endpoint) ? arnNode(endpoint) : node(`endpoint|${endpoint}`, `${String(p.protocol)} ${endpoint}`), String(p.protocol));
        const dlq = json(p.redrivePolicy)?.deadLetterTargetArn;
        if (dlq) edge(topic, arnNode(dlq), `undeliverable to ${r.name}`, true);
        break;
      }
      case "aws:cloudwatch/eventTarget:EventTarget": {
        const rule = byName.get(`aws:cloudwatch/eventRule:EventRule|${str(p.rule)}`);
        if (!rule) break;
        const from = node(rule.urn, rule.name, rule.type);
        edge(from, arnNode(p.arn), "target");
        const dlq = (p.deadLetterConfig as { arn?: unknown } | undefined)?.arn;
        if (dlq) edge(from, arnNode(dlq), "after retries", true);
        break;
      }
      case "aws:lambda/eventSourceMapping:EventSourceMapping": {
        const fn = byName.get(`aws:lambda/function:Function|${str(p.functionName)}`) ?? byArn.get(str(p.functionName) ?? "");
        if (fn) edge(arnNode(p.eventSourceArn), node(fn.urn, fn.name, fn.type), "consumer");
        break;
      }
    }
  }
  return ["flowchart LR", ...nodes, ...edges].join("\n") + "\n";
}
