import Ajv, { type ErrorObject, type JSONSchemaType } from "ajv";
import * as pulumi from "@pulumi/pulumi";

export const DESTINATIONS = ["thumbnails", "ingest", "audit", "index"] as const;
export type DestinationName = (typeof DESTINATIONS)[number];

export interface RuleConfig {
  id: string;
  destination: DestinationName;
  events: string[];
  prefix?: string;
  suffix?: string;
  unfilteredReason?: string;
}

export interface StackConfig {
  rules: RuleConfig[];
  lambdaRetries: number;
  maxEventAgeSeconds: number;
  deadLetterRetentionDays: number;
  protectDeadLetterQueues: boolean;
  alarmEmail?: string;
}

const schema: JSONSchemaType<StackConfig> = {
  type: "object",
  additionalProperties: false,
  required: ["rules", "lambdaRetries", "maxEventAgeSeconds", "deadLetterRetentionDays", "protectDeadLetterQueues"],
  properties: {
    rules: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        additionalProperties: false,
        required: ["id", "destination", "events"],
        properties: {
          id: { type: "string", minLength: 1 },
          destination: { type: "string", enum: [...DESTINATIONS] },
          events: { type: "array", minItems: 1, items: { type: "string" } },
          prefix: { type: "string", nullable: true },
          suffix: { type: "string", nullable: true },
          unfilteredReason: { type: "string", nullable: true },
        },
      },
    },
    lambdaRetries: { type: "integer", minimum: 0, maximum: 2, default: 2 },
    maxEventAgeSeconds: { type: "integer", minimum: 60, maximum: 21600, default: 21600 },
    deadLetterRetentionDays: { type: "integer", minimum: 1, maximum: 14, default: 14 },
    protectDeadLetterQueues: { type: "boolean", default: false },
    alarmEmail: { type: "string", nullable: true, pattern: "^[^@\\s]+@[^@\\s]+$" },
  },
};

const validate = new Ajv({ allErrors: true, useDefaults: true }).compile(schema);

/** A config path as the CLI names it: `s3-events:rules[2].prefix`. */
function configPath(namespace: string, error: ErrorObject): string {
  const parts = error.instancePath.split("/").slice(1);
  const missing = error.keyword === "required" ? [String(error.params.missingProperty)] : [];
  const path = [...parts, ...missing].map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
  return `${namespace}:${path}`;
}

function describe(error: ErrorObject): string {
  switch (error.keyword) {
    case "enum":
      return `must be one of ${(error.params.allowedValues as string[]).map((v) => `\`${v}\``).join(", ")}`;
    case "additionalProperties":
      return `has unknown key \`${String(error.params.additionalProperty)}\``;
    case "required":
      return "is required";
    default:
      return error.message ?? "is invalid";
  }
}

/** Validates raw config values; throws one error naming every bad path and what is allowed. */
export function parseStackConfig(namespace: string, raw: Record<string, unknown>): StackConfig {
  const config = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
  if (validate(config)) return config;
  const lines = (validate.errors ?? []).map((e) => `  - ${configPath(namespace, e)} ${describe(e)}`);
  throw new Error(`Invalid stack configuration:\n${lines.join("\n")}`);
}

const KEYS = ["rules", "lambdaRetries", "maxEventAgeSeconds", "deadLetterRetentionDays", "protectDeadLetterQueues"] as const;

/** Reads and validates this stack's config. */
export function loadStackConfig(): StackConfig {
  const config = new pulumi.Config();
  const raw: Record<string, unknown> = { alarmEmail: config.get("alarmEmail") };
  for (const key of KEYS) {
    const value = config.get(key);
    if (value === undefined) continue;
    try {
      raw[key] = JSON.parse(value);
    } catch {
      raw[key] = value; // Not JSON: left as a string, so the schema names the path and the type.
    }
  }
  return parseStackConfig(config.name, raw);
}
