variable "name" {
  description = "The database's name."
  type        = string
}

variable "region" {
  description = "The AWS region."
  type        = string
  default     = "eu-west-1"
}

variable "tags" {
  description = "Extra tags."
  type        = map(string)
  default     = {}
}

variable "slow" {
  description = "Whether to allow long creation times."
  type        = bool
  default     = false
}

variable "db_password" {
  description = "The master password, from a secret store."
  type        = string
  sensitive   = true
}
