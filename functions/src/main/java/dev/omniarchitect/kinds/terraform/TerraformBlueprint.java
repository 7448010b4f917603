package dev.omniarchitect.kinds.terraform;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.provider.blueprint.Blueprint;
import dev.omniarchitect.provider.blueprint.BlueprintParams;
import dev.omniarchitect.provider.blueprint.CommonParams;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A small root module ({@code main.tf}, {@code variables.tf}, {@code outputs.tf}) for a private object
 * storage bucket, formatted as {@code terraform fmt} writes it.
 *
 * <p>On {@code aws}: an S3 bucket with public access blocked, bucket-owner-enforced ownership,
 * versioning, default encryption (SSE-S3, or SSE-KMS when {@code kms_key_arn} is set), a TLS-only
 * bucket policy and a lifecycle rule for old versions. On {@code gcp}: a Cloud Storage bucket with
 * uniform bucket-level access, public access prevention, versioning, soft delete, optional CMEK and a
 * lifecycle rule for old versions. Providers are pinned; credentials come from the environment only.
 * Params:
 * <table>
 *   <caption>params</caption>
 *   <tr><th>name</th><th>type</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>name</td><td>string, DNS-1123 label of at most 32 characters</td><td>{@code app}</td>
 *       <td>the bucket's purpose; the bucket is {@code <name>-<account>-<region>} (aws) or
 *       {@code <project>-<name>} (gcp)</td></tr>
 *   <tr><td>cloud</td><td>string</td><td>{@code aws}</td><td>{@code aws} (hashicorp/aws ~> 6.0) or
 *       {@code gcp} (hashicorp/google ~> 6.0)</td></tr>
 *   <tr><td>region</td><td>string, a region name of that cloud</td>
 *       <td>{@code eu-west-1} (aws), {@code europe-west1} (gcp)</td><td>the default of {@code var.region}</td></tr>
 *   <tr><td>project</td><td>string, GCP project id</td><td>none: {@code var.project_id} must be set</td>
 *       <td>gcp only, the default of {@code var.project_id}</td></tr>
 * </table>
 */
public final class TerraformBlueprint implements Blueprint {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?");
    private static final String NAME_REGEX = "^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$";
    private static final Pattern AWS_REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}");
    private static final Pattern GCP_REGION = Pattern.compile("[a-z]+-[a-z]+[0-9]{1,2}");
    private static final Pattern GCP_PROJECT = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");

    private static final String AWS_MAIN = """
            # Credentials come from the environment (AWS_PROFILE, SSO, an assumed role), never from this module.
            provider "aws" {
              region = var.region
            }

            data "aws_caller_identity" "current" {}

            locals {
              # Bucket names are global: the account id and region keep this one unique.
              bucket_name = "${var.name}-${data.aws_caller_identity.current.account_id}-${var.region}"
              tags = merge(var.tags, {
                Name      = var.name
                ManagedBy = "terraform"
              })
            }

            resource "aws_s3_bucket" "this" {
              bucket = local.bucket_name
              tags   = local.tags
            }

            resource "aws_s3_bucket_ownership_controls" "this" {
              bucket = aws_s3_bucket.this.id

              rule {
                object_ownership = "BucketOwnerEnforced"
              }
            }

            resource "aws_s3_bucket_public_access_block" "this" {
              bucket                  = aws_s3_bucket.this.id
              block_public_acls       = true
              block_public_policy     = true
              ignore_public_acls      = true
              restrict_public_buckets = true
            }

            resource "aws_s3_bucket_versioning" "this" {
              bucket = aws_s3_bucket.this.id

              versioning_configuration {
                status = "Enabled"
              }
            }

            resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
              bucket = aws_s3_bucket.this.id

              rule {
                apply_server_side_encryption_by_default {
                  sse_algorithm     = var.kms_key_arn == null ? "AES256" : "aws:kms"
                  kms_master_key_id = var.kms_key_arn
                }
                bucket_key_enabled = var.kms_key_arn != null
              }
            }

            resource "aws_s3_bucket_lifecycle_configuration" "this" {
              bucket = aws_s3_bucket.this.id

              rule {
                id     = "expire-noncurrent-versions"
                status = "Enabled"

                filter {}

                noncurrent_version_expiration {
                  noncurrent_days = var.noncurrent_version_expiration_days
                }

                abort_incomplete_multipart_upload {
                  days_after_initiation = 7
                }
              }

              depends_on = [aws_s3_bucket_versioning.this]
            }

            data "aws_iam_policy_document" "tls_only" {
              statement {
                sid       = "DenyInsecureTransport"
                effect    = "Deny"
                actions   = ["s3:*"]
                resources = [aws_s3_bucket.this.arn, "${aws_s3_bucket.this.arn}/*"]

                principals {
                  type        = "*"
                  identifiers = ["*"]
                }

                condition {
                  test     = "Bool"
                  variable = "aws:SecureTransport"
                  values   = ["false"]
                }
              }
            }

            resource "aws_s3_bucket_policy" "this" {
              bucket = aws_s3_bucket.this.id
              policy = data.aws_iam_policy_document.tls_only.json

              depends_on = [aws_s3_bucket_public_access_block.this]
            }
            """;

    private static final String GCP_MAIN = """
            # Credentials come from the environment (application default credentials), never from this module.
            provider "google" {
              project = var.project_id
              region  = var.region
            }

            locals {
              labels = merge(var.labels, {
                name         = var.name
                "managed-by" = "terraform"
              })
            }

            resource "google_storage_bucket" "this" {
              # Bucket names are global: the project id keeps this one unique.
              name                        = "${var.project_id}-${var.name}"
              location                    = upper(var.region)
              storage_class               = "STANDARD"
              uniform_bucket_level_access = true
              public_access_prevention    = "enforced"
              force_destroy               = false
              labels                      = local.labels

              versioning {
                enabled = true
              }

              soft_delete_policy {
                retention_duration_seconds = 604800
              }

              lifecycle_rule {
                condition {
                  days_since_noncurrent_time = var.noncurrent_version_expiration_days
                }
                action {
                  type = "Delete"
                }
              }

              dynamic "encryption" {
                for_each = var.kms_key_name == null ? [] : [var.kms_key_name]
                content {
                  default_kms_key_name = encryption.value
                }
              }
            }
            """;

    @Override
    public String kind() {
        return "terraform";
    }

    @Override
    public List<GeneratedFile> render(BlueprintParams params) {
        String name = params.text("name", "app", NAME,
                "a DNS-1123 label of at most 32 characters (it becomes part of a bucket name)");
        boolean aws = CommonParams.choice(params, "cloud", "aws", List.of("aws", "gcp")).equals("aws");
        String region = aws
                ? params.text("region", "eu-west-1", AWS_REGION, "an AWS region such as eu-west-1")
                : params.text("region", "europe-west1", GCP_REGION, "a GCP region such as europe-west1");
        String project = aws ? null : params.text("project", null, GCP_PROJECT,
                "a GCP project id (6 to 30 characters: a-z, 0-9 and '-', starting with a letter)");

        String main = terraformBlock(aws ? "aws" : "google", aws ? "hashicorp/aws" : "hashicorp/google")
                + (aws ? AWS_MAIN : GCP_MAIN);
        return List.of(
                new GeneratedFile("main.tf", main),
                new GeneratedFile("variables.tf",
                        endOfFile(aws ? awsVariables(name, region) : gcpVariables(name, region, project))),
                new GeneratedFile("outputs.tf", endOfFile(aws ? awsOutputs() : gcpOutputs())));
    }

    private static String terraformBlock(String provider, String source) {
        return """
                terraform {
                  required_version = ">= 1.5.0"

                  required_providers {
                    %s = {
                      source  = "%s"
                      version = "~> 6.0"
                    }
                  }
                }

                """.formatted(provider, source);
    }

    private static String awsVariables(String name, String region) {
        return nameVariable(name)
                + variable("region", "The AWS region of the bucket.", "string", quoted(region))
                + variable("tags", "Extra tags for every taggable resource.", "map(string)", "{}")
                + variable("kms_key_arn", "A KMS key ARN for SSE-KMS; null encrypts with S3-managed keys (SSE-S3).",
                        "string", "null")
                + retentionVariable();
    }

    private static String gcpVariables(String name, String region, String project) {
        return variable("project_id", "The GCP project that owns the bucket.", "string",
                project == null ? null : quoted(project))
                + nameVariable(name)
                + variable("region", "The GCP region of the bucket.", "string", quoted(region))
                + variable("labels", "Extra labels for every labelable resource.", "map(string)", "{}")
                + variable("kms_key_name", "A Cloud KMS key for CMEK; null encrypts with Google-managed keys.",
                        "string", "null")
                + retentionVariable();
    }

    private static String nameVariable(String name) {
        return withValidation(variable("name", "What the bucket is for; part of its globally unique name.",
                        "string", quoted(name)),
                "can(regex(\"" + NAME_REGEX + "\", var.name))",
                "The name must be 1 to 32 characters of a-z, 0-9 and '-', starting and ending with a letter or digit.");
    }

    private static String retentionVariable() {
        return withValidation(variable("noncurrent_version_expiration_days",
                        "Days to keep an object version after it is replaced or deleted.", "number", "30"),
                "var.noncurrent_version_expiration_days >= 1",
                "Keep noncurrent versions for at least 1 day.");
    }

    /** A variable block; no default when {@code defaultValue} is null, so callers must set it. */
    private static String variable(String name, String description, String type, String defaultValue) {
        StringBuilder block = new StringBuilder()
                .append("variable \"").append(name).append("\" {\n")
                .append("  description = ").append(quoted(description)).append('\n')
                .append("  type        = ").append(type).append('\n');
        if (defaultValue != null) {
            block.append("  default     = ").append(defaultValue).append('\n');
        }
        return block.append("}\n\n").toString();
    }

    private static String withValidation(String variable, String condition, String errorMessage) {
        String body = variable.substring(0, variable.lastIndexOf("}\n\n"));
        return body + "\n  validation {\n"
                + "    condition     = " + condition + "\n"
                + "    error_message = " + quoted(errorMessage) + "\n"
                + "  }\n}\n\n";
    }

    private static String awsOutputs() {
        return output("bucket_name", "The bucket's name.", "aws_s3_bucket.this.id")
                + output("bucket_arn", "The bucket's ARN, for IAM policies.", "aws_s3_bucket.this.arn")
                + output("bucket_regional_domain_name", "The bucket's regional endpoint.",
                        "aws_s3_bucket.this.bucket_regional_domain_name");
    }

    private static String gcpOutputs() {
        return output("bucket_name", "The bucket's name.", "google_storage_bucket.this.name")
                + output("bucket_url", "The bucket's gs:// URL.", "google_storage_bucket.this.url")
                + output("bucket_self_link", "The bucket's API URI.", "google_storage_bucket.this.self_link");
    }

    private static String output(String name, String description, String value) {
        return "output \"" + name + "\" {\n"
                + "  description = " + quoted(description) + "\n"
                + "  value       = " + value + "\n"
                + "}\n\n";
    }

    /** Blocks are separated by a blank line; the file ends with exactly one newline, as terraform fmt leaves it. */
    private static String endOfFile(String blocks) {
        return blocks.stripTrailing() + "\n";
    }

    /** An HCL string literal; the texts come from this class or validated params and hold no {@code ${}}. */
    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
