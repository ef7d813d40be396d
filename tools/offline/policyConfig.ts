/** A `--policy-pack-config` file checked as the engine checks it, before any program runs. */
import Ajv from "ajv";
import * as fs from "fs";
import type { PolicyConfigEntry, PolicySummary } from "./packClient";

export class PolicyConfigError extends Error {}

/** Reads a `--policy-pack-config` file and checks it against the pack's policies and schemas. */
export function readPolicyConfig(file: string, policies: readonly PolicySummary[]): Record<string, PolicyConfigEntry> {
  let config: unknown;
  try {
    // Stryker disable next-line StringLiteral: equivalent, JSON.parse reads the bytes as UTF-8 either way
    config = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new PolicyConfigError(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (typeof config !== "object" || config === null || Array.isArray(config)) throw new PolicyConfigError(`${file} must hold a JSON object keyed by policy name`);
  const ajv = new Ajv({ allErrors: true });
  const levels = ["advisory", "mandatory", "disabled", "remediate"];
  for (const [name, entry] of Object.entries(config)) {
    const policy = policies.find((p) => p.name === name);
    if (name !== "all" && !policy) throw new PolicyConfigError(`${file}: \`${name}\` is not a policy of this pack (known: ${policies.map((p) => p.name).join(", ")})`);
    // An entry is a level, or an object of a level and properties; anything else (null, a number, a
    // list) would otherwise pass unread.
    const isObject = typeof entry === "object" && entry !== null && !Array.isArray(entry);
    if (typeof entry !== "string" && !isObject) {
      throw new PolicyConfigError(`${file}: ${name}: \`${JSON.stringify(entry)}\` is neither an enforcement level nor an object of properties`);
    }
    const { enforcementLevel: level, ...properties } = isObject ? (entry as Record<string, unknown>) : { enforcementLevel: entry };
    if (level !== undefined && !levels.includes(String(level))) throw new PolicyConfigError(`${file}: ${name}: \`${String(level)}\` is not an enforcement level (${levels.join(", ")})`);
    if (policy) {
      const validate = ajv.compile({ type: "object", additionalProperties: false, properties: policy.configSchema ?? {} });
      if (!validate(properties)) {
        // Stryker disable next-line ArrayDeclaration: equivalent, ajv sets the errors whenever it returns false
        const why = (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`).join("; ");
        throw new PolicyConfigError(`${file}: ${name}: ${why}`);
      }
    }
  }
  return config as Record<string, PolicyConfigEntry>;
}
