local snapshot = {}
snapshot.apiVersion = "example.com/v1"
snapshot.kind = "WidgetSnapshot"
snapshot.metadata = {}
snapshot.metadata.name = obj.metadata.name .. "-snapshot"
snapshot.metadata.namespace = obj.metadata.namespace
snapshot.spec = {}
snapshot.spec.widget = obj.metadata.name
snapshot.spec.replicas = obj.spec.replicas

obj.metadata.labels = obj.metadata.labels or {}
obj.metadata.labels["example.com/snapshotted"] = "true"

local result = {}
result[1] = {operation = "create", resource = snapshot}
result[2] = {operation = "patch", resource = obj}
return result
