locals {
  name = "app
}
