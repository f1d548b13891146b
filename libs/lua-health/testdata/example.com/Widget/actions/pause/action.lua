obj.spec.paused = true
if obj.metadata.annotations == nil then
  obj.metadata.annotations = {}
end
obj.metadata.annotations["example.com/paused-by"] = "driftless"
return obj
