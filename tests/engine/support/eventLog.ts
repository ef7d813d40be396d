// Reads the engine's event log (`pulumi preview --event-log FILE`, offered when
// PULUMI_DEBUG_COMMANDS=true): one JSON engine event a line. It holds both what the `--json`
// preview omits (each policy violation with its level and resource) and every planned step.

export interface LoggedStep {
  readonly op: string;
  readonly urn: string;
}

export interface LoggedViolation {
  readonly level: string;
  readonly policy: string;
  readonly urn: string;
  readonly message: string;
}

export interface EventLog {
  readonly steps: readonly LoggedStep[];
  readonly violations: readonly LoggedViolation[];
}

interface EngineEvent {
  resourcePreEvent?: { metadata: { op: string; urn: string } };
  policyEvent?: { enforcementLevel: string; policyName: string; resourceUrn: string; message: string };
}

export function readEventLog(text: string): EventLog {
  const events = text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as EngineEvent);
  return {
    steps: events.flatMap((e) => (e.resourcePreEvent ? [{ op: e.resourcePreEvent.metadata.op, urn: e.resourcePreEvent.metadata.urn }] : [])),
    violations: events.flatMap((e) =>
      e.policyEvent
        ? [{ level: e.policyEvent.enforcementLevel, policy: e.policyEvent.policyName, urn: e.policyEvent.resourceUrn, message: e.policyEvent.message.trim() }]
        : [],
    ),
  };
}
