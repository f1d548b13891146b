-- Numeric thresholds with early returns, a helper with a default, nested tables
-- that may be missing at any level, and an invalid status on purpose.
local function getNumberOrDefault(value, default)
  if value == nil then return default end
  return value
end

local hs = { status = "Healthy" }
if obj.spec.paused then
  hs.status = "Suspended"
  hs.message = "Queue is paused"
  return hs
end
local depth = getNumberOrDefault(obj.status and obj.status.metrics and obj.status.metrics.depth, 0)
local limit = getNumberOrDefault(obj.spec.maxDepth, 1000)
if depth >= limit then
  hs.status = "Degraded"
  hs.message = "depth " .. depth .. " reached the limit " .. limit
  return hs
end
if obj.spec.mode == "broken" then
  hs.status = "Sick"
  return hs
end
if depth > limit * 0.8 then
  hs.status = "Progressing"
  hs.message = "depth " .. depth .. " above 80% of " .. limit
end
return hs
