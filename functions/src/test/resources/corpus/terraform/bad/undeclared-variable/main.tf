locals {
  name = "app-${var.enviroment}"
}
