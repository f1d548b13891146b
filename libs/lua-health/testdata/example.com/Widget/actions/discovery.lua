local actions = {}
actions["scale"] = {["disabled"] = false, ["params"] = {{["name"] = "replicas", ["type"] = "number"}}}
actions["pause"] = {["disabled"] = obj.spec.paused == true}
actions["snapshot"] = {}
return actions
