variable "name" {
  description = "What the bucket is for."
}
