# Denies Deployments whose containers use the latest tag.
package kubernetes.admission

import rego.v1

default allow := false

deny contains msg if {
    input.request.kind.kind == "Deployment"
    some container in input.request.object.spec.template.spec.containers
    endswith(container.image, ":latest")
    msg := sprintf("container %v uses the latest tag: {not a brace}", [container.name])


allow if count(deny) == 0
