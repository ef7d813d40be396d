/**
 * The partition of a region: the second field of every ARN there. A stack's ARNs, and the ARNs S3
 * puts in a request (`aws:SourceArn`), carry its region's partition, so a grant written for
 * `arn:aws-cn:…` is judged against `arn:aws-cn:…`, never `arn:aws:…`.
 *
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html ("partition"); the region
 * patterns are the AWS SDKs' partition table (partitions.json, `regionRegex`).
 */
const PARTITIONS: readonly (readonly [RegExp, string])[] = [
  [/^cn-\w+-\d+$/, "aws-cn"],
  [/^us-gov-\w+-\d+$/, "aws-us-gov"],
  [/^us-iso-\w+-\d+$/, "aws-iso"],
  [/^us-isob-\w+-\d+$/, "aws-iso-b"],
  [/^eu-isoe-\w+-\d+$/, "aws-iso-e"],
  [/^us-isof-\w+-\d+$/, "aws-iso-f"],
  [/^eusc-(de)-\w+-\d+$/, "aws-eusc"],
];

/** `aws` for the commercial regions (and any region no other partition claims). */
export function partitionOf(region: string): string {
  return PARTITIONS.find(([pattern]) => pattern.test(region))?.[1] ?? "aws";
}

// The partition table's `dnsSuffix`: the domain of a partition's endpoints and queue URLs.
const DNS_SUFFIXES: Readonly<Record<string, string>> = {
  aws: "amazonaws.com",
  "aws-cn": "amazonaws.com.cn",
  "aws-us-gov": "amazonaws.com",
  "aws-iso": "c2s.ic.gov",
  "aws-iso-b": "sc2s.sgov.gov",
  "aws-iso-e": "cloud.adc-e.uk",
  "aws-iso-f": "csp.hci.ic.gov",
  "aws-eusc": "amazonaws.eu",
};

/** The domain of a region's endpoints (`sqs.<region>.<suffix>`). */
export function dnsSuffixOf(region: string): string {
  return DNS_SUFFIXES[partitionOf(region)];
}

/** The partition field of an ARN; `aws` for what is no ARN. */
export function partitionOfArn(arn: string): string {
  const [prefix, partition] = arn.split(":");
  return prefix === "arn" && partition ? partition : "aws";
}
