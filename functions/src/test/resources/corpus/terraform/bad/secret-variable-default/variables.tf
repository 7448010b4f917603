variable "api_token" {
  description = "The API token."
  type        = string
  sensitive   = true
  default     = "tok_live_0123456789"
}
