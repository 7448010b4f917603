variable "db_password" {
  description = "The database password."
  type        = string
}
