local replicas = tonumber(actionParams["replicas"])
if replicas == nil or replicas < 0 then
  error("replicas must be a non-negative number, got " .. tostring(actionParams["replicas"]))
end
obj.spec.replicas = replicas
return obj
