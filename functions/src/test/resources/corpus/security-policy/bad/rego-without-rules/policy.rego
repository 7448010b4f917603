package kubernetes.admission

import rego.v1
# TODO: write the rules
