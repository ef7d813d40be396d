import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AlarmSettings } from "../policies/timeline";

/** Every alarm evaluates one 1-minute period: it fires within minutes of its condition. */
export const ALARM_PERIOD_SECONDS = 60;
export const ALARM_EVALUATION_PERIODS = 1;

export interface AlarmSpec {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Record<string, pulumi.Input<string>>;
  /** The alarm fires when the statistic is greater than this. */
  readonly threshold: number;
  readonly statistic: "Maximum" | "Sum";
  readonly description: pulumi.Input<string>;
}

/**
 * One alarm over one minute, firing when the metric exceeds the threshold. Missing data is not
 * breaching: an idle queue or function reports nothing.
 */
export function metricAlarm(
  name: string,
  spec: AlarmSpec,
  alarmTopicArn: pulumi.Input<string> | undefined,
  opts: pulumi.CustomResourceOptions,
): aws.cloudwatch.MetricAlarm {
  const actions = alarmTopicArn === undefined ? [] : [alarmTopicArn];
  return new aws.cloudwatch.MetricAlarm(
    name,
    {
      namespace: spec.namespace,
      metricName: spec.metricName,
      dimensions: spec.dimensions,
      statistic: spec.statistic,
      period: ALARM_PERIOD_SECONDS,
      evaluationPeriods: ALARM_EVALUATION_PERIODS,
      threshold: spec.threshold,
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "notBreaching",
      alarmDescription: spec.description,
      alarmActions: actions,
      okActions: actions,
    },
    opts,
  );
}

/** What the timeline rules know of an alarm `metricAlarm` creates, before it is registered. */
export function alarmSettings(name: string, spec: Pick<AlarmSpec, "metricName" | "threshold">, alarmTopicArn: unknown): AlarmSettings {
  return {
    name,
    metricName: spec.metricName,
    periodSeconds: ALARM_PERIOD_SECONDS,
    evaluationPeriods: ALARM_EVALUATION_PERIODS,
    threshold: spec.threshold,
    comparison: "GreaterThanThreshold",
    notifies: alarmTopicArn !== undefined,
  };
}
