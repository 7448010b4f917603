resource "google_storage_bucket" "logs" {
  name     = "example-logs"
  location = "EU"
}
