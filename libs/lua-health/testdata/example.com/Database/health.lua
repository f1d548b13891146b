-- pairs over a map, string.match captures, gsub, table.getn, unpack, string.format.
function summarize(members)
  local names = {}
  for name, member in pairs(members) do
    if member.role == "primary" then
      table.insert(names, 1, name .. "*")
    else
      table.insert(names, name)
    end
  end
  table.sort(names)
  return table.concat(names, ",")
end

hs = {}
local version = obj.spec.version
local major, minor = string.match(version, "^(%d+)%.(%d+)")
if major == nil then
  hs.status = "Degraded"
  hs.message = "cannot parse version " .. version
  return hs
end
if tonumber(major) < 14 then
  hs.status = "Degraded"
  hs.message = string.format("PostgreSQL %s.%s is no longer supported (need >= %d)", major, minor, 14)
  return hs
end

local members = obj.status.members
local count = 0
for _ in pairs(members) do count = count + 1 end
local lag = obj.status.replicationLagSeconds
if lag ~= nil and lag > 30 then
  hs.status = "Degraded"
  hs.message = "replication lag " .. lag .. "s on " .. table.getn(obj.status.laggingMembers) .. " member(s): " .. table.concat(obj.status.laggingMembers, " ")
  return hs
end
local first, second = unpack(obj.status.laggingMembers or {})
local phase = string.gsub(obj.status.phase, "_", " ")
hs.status = "Healthy"
hs.message = phase .. ": " .. count .. " members [" .. summarize(members) .. "] lag " .. tostring(lag) .. " " .. tostring(first) .. " " .. math.floor(obj.status.storageGiB * 1.5)
return hs
