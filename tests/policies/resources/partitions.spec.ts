import { strict as assert } from "assert";
import { dnsSuffixOf, partitionOf, partitionOfArn } from "../../../policies/resources/partitions";

describe("partitions", () => {
  it("a region names its partition: commercial, China, GovCloud, the isolated ones, the European sovereign cloud", () => {
    const expected: Record<string, string> = {
      "us-east-1": "aws",
      "eu-west-1": "aws",
      "ap-southeast-5": "aws",
      "cn-north-1": "aws-cn",
      "cn-northwest-1": "aws-cn",
      "us-gov-west-1": "aws-us-gov",
      "us-gov-east-1": "aws-us-gov",
      "us-iso-east-1": "aws-iso",
      "us-isob-east-1": "aws-iso-b",
      "eu-isoe-west-1": "aws-iso-e",
      "us-isof-south-1": "aws-iso-f",
      "eusc-de-east-1": "aws-eusc",
    };
    for (const [region, partition] of Object.entries(expected)) assert.equal(partitionOf(region), partition, region);
  });

  it("takes a region's whole name, not a prefix of it: anything else is commercial", () => {
    for (const region of ["cn-north", "xcn-north-1", "cn-north-1x", "us-gov-west-1b", "", "us-isob-east"]) assert.equal(partitionOf(region), "aws", region);
  });

  it("gives each region its partition's domain", () => {
    const expected: Record<string, string> = {
      "us-east-1": "amazonaws.com",
      "cn-north-1": "amazonaws.com.cn",
      "us-gov-west-1": "amazonaws.com",
      "us-iso-east-1": "c2s.ic.gov",
      "us-isob-east-1": "sc2s.sgov.gov",
      "eu-isoe-west-1": "cloud.adc-e.uk",
      "us-isof-south-1": "csp.hci.ic.gov",
      "eusc-de-east-1": "amazonaws.eu",
    };
    for (const [region, suffix] of Object.entries(expected)) assert.equal(dnsSuffixOf(region), suffix, region);
  });

  it("reads an ARN's partition field, `aws` for what is no ARN", () => {
    assert.equal(partitionOfArn("arn:aws-cn:sqs:cn-north-1:111122223333:ingest"), "aws-cn");
    assert.equal(partitionOfArn("arn:aws-us-gov:s3:::bucket"), "aws-us-gov");
    assert.equal(partitionOfArn("arn:aws:lambda:us-east-1:111122223333:function:f"), "aws");
    assert.equal(partitionOfArn("https://sqs.cn-north-1.amazonaws.com.cn/111122223333/ingest"), "aws");
    assert.equal(partitionOfArn("arn::sqs"), "aws");
    assert.equal(partitionOfArn("notarn:aws-cn:x"), "aws");
  });
});
