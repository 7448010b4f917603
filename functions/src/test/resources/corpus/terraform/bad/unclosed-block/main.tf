locals {
  name = "app"
  tags = {
    team = "platform"
  }
