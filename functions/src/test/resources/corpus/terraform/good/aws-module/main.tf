terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
    random = {
      source  = "hashicorp/random"
      version = ">= 3.6, < 4.0"
    }
    http = {
      source  = "hashicorp/http"
      version = "~> 3.4"
    }
  }
}

# Credentials come from the environment; access_key = "..." never belongs here.
provider "aws" {
  region = var.region
}

/* Parsing must never fetch this: validation evaluates nothing. */
data "http" "ip_ranges" {
  url = "http://127.0.0.1:9/never-fetched"
}

resource "random_id" "suffix" {
  byte_length = 4
}

resource "terraform_data" "marker" {
  input = random_id.suffix.hex
}

resource "aws_db_instance" "this" {
  identifier          = "${var.name}-${random_id.suffix.hex}"
  engine              = "postgres"
  instance_class      = "db.t4g.micro"
  allocated_storage   = 20
  username            = "app"
  password            = var.db_password
  skip_final_snapshot = true
  tags                = { for key, value in var.tags : key => upper(value) }

  dynamic "timeouts" {
    for_each = var.slow ? [1] : []
    content {
      create = "60m"
    }
  }
}

locals {
  banner = <<-EOT
    Managed by Terraform { braces in heredocs are text }
  EOT
}

locals {
  common_tags = merge(var.tags, {
    Module = "aws-module"
  })
}

locals {
  bucket_name = "${var.name}-${random_id.suffix.hex}"
}

resource "aws_s3_bucket" "logs" {
  bucket = local.bucket_name
  tags   = local.common_tags
}
