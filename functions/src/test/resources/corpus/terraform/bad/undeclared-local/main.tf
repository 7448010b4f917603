locals {
  bucket_name = "logs"
}

output "bucket" {
  description = "The bucket's name."
  value       = local.bucket_nmae
}
