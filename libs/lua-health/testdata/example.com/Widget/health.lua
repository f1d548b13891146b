-- Conditions, readiness counts and nested nil checks: the shape most CRD checks take.
local hs = {}
if obj.status == nil or obj.status.conditions == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for widget controller"
  return hs
end

for i, condition in ipairs(obj.status.conditions) do
  if condition.type == "Failed" and condition.status == "True" then
    hs.status = "Degraded"
    hs.message = "Failed (condition " .. i .. "): " .. condition.message
    return hs
  end
  -- string patterns: a reason that ends in "Error" or starts with "Err"
  if condition.reason ~= nil and (string.find(condition.reason, "Error$") or condition.reason:find("^Err")) then
    hs.status = "Degraded"
    hs.message = condition.reason .. ": " .. (condition.message or "")
    return hs
  end
end

local desired = obj.spec.replicas or 1
local ready = 0
if obj.status.readyReplicas ~= nil then
  ready = obj.status.readyReplicas
end
if ready < desired then
  hs.status = "Progressing"
  hs.message = ready .. "/" .. desired .. " replicas ready (" .. (ready / desired * 100) .. "%)"
  return hs
end

if obj.spec.endpoints ~= nil and #obj.spec.endpoints > 0 then
  hs.message = "Serving " .. #obj.spec.endpoints .. " endpoints"
else
  hs.message = "Ready"
end
hs.status = "Healthy"
return hs
