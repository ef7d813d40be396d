/** A `--policy-pack-config` file checked as the engine checks it, before any program runs. */
import Ajv from "ajv";
import * as fs from "fs";
import type { PolicyConfigEntry, PolicySummary } from "./packClient";

export class PolicyConfigError extends Error {}

/** Reads a `--policy-pack-config` file and checks it against the pack's policies and schemas. */
export function readPolicyConfig(file: string, policies: readonly PolicySummary[]): Record<string, PolicyConfigEntry> {
  let config: unknown;
  try {
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
    const level = typeof entry === "string" ? entry : (entry as { enforcementLevel?: unknown }).enforcementLevel;
    if (level !== undefined && !levels.includes(String(level))) throw new PolicyConfigError(`${file}: ${name}: \`${String(level)}\` is not an enforcement level (${levels.join(", ")})`);
    if (typeof entry === "object" && entry !== null && policy) {
      const { enforcementLevel: _level, ...properties } = entry as Record<string, unknown>;
      const validate = ajv.compile({ type: "object", additionalProperties: false, properties: policy.configSchema ?? {} });
      if (!validate(properties)) {
        const why = (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`).join("; ");
        throw new PolicyConfigError(`${file}: ${name}: ${why}`);
      }
    }
  }
  return config as Record<string, PolicyConfigEntry>;
}
