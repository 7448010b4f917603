package k8s.images

violation[{"msg": msg}] {
    image := input.review.object.spec.containers[_].image
    not regex.match(`^[a-z0-9./-]+:[0-9][^ ]*$`, image)
    msg := sprintf("image %v is not pinned to a version", [image])
}
