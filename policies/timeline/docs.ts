// The AWS pages the timeline rules follow, one per fact.
export const TIMELINE_DOCS = {
  /** Standard queues keep a message's enqueue timestamp when it moves to a DLQ; FIFO queues reset it. */
  dlqRetention: "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/setting-up-dead-letter-queue-retention.html",
  /** Visibility timeout at least 6x the function timeout; maxReceiveCount at least 5; partial batch responses. */
  lambdaSqs: "https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html",
  /** Retries after 1 and 2 minutes; throttles and system errors retried up to the maximum event age. */
  lambdaAsync: "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html",
  /** On-failure destinations: a new record sent when retries or the event age run out. */
  lambdaRetain: "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html",
  /** SNS delivery retries per protocol; client-side errors go to the DLQ at once. */
  snsRetries: "https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html",
  snsDlq: "https://docs.aws.amazon.com/sns/latest/dg/sns-dead-letter-queues.html",
  /** Target retry policy (up to 185 attempts over up to 24 h), then the target's DLQ. */
  eventBridgeDlq: "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html",
  /** An alarm on messages in a DLQ: ApproximateNumberOfMessagesVisible (NumberOfMessagesSent misses redriven ones). */
  dlqAlarm: "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/dead-letter-queues-alarms-cloudwatch.html",
  /** Queue metrics every minute; an inactive queue's metrics can take up to 15 minutes to resume. */
  sqsMetrics: "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/monitoring-using-cloudwatch.html",
  /** CloudWatch alarm evaluation: period x datapoints to alarm. */
  alarmEvaluation: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-evaluation.html",
} as const;
