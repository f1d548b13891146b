// Lua run once in every fresh state, before any user script. It gives scripts
// written for Argo CD's Lua 5.1 (gopher-lua) the functions 5.3 dropped, and
// replaces everything that could reach outside the sandbox with functions that
// fail with a message naming what was refused.
export const SANDBOX_PRELUDE = `
local sandboxed = "is not available to Lua scripts in Driftless (sandboxed: no files, processes or code loading)"
local function refuse(name)
  return function() error(name .. " " .. sandboxed, 2) end
end
local function refusingTable(prefix)
  return setmetatable({}, {
    __index = function(_, key) error(prefix .. "." .. tostring(key) .. " " .. sandboxed, 2) end,
    __newindex = function(_, key) error(prefix .. "." .. tostring(key) .. " " .. sandboxed, 2) end,
  })
end

load = refuse("load")
loadstring = refuse("loadstring")
dofile = refuse("dofile")
loadfile = refuse("loadfile")
print = function() end
io = refusingTable("io")
debug = refusingTable("debug")

-- Argo CD opens a safe os library holding only time and date.
local fullOs = os
os = setmetatable({ time = fullOs.time, date = fullOs.date }, {
  __index = function(_, key) error("os." .. tostring(key) .. " " .. sandboxed, 2) end,
})

-- Lua 5.1 functions removed in 5.3 that existing scripts still call.
unpack = table.unpack
table.getn = function(t) return #t end
table.maxn = function(t)
  local highest = 0
  for key in pairs(t) do
    if type(key) == "number" and key > highest then highest = key end
  end
  return highest
end
if math ~= nil then
  math.pow = function(x, y) return x ^ y end
  math.log10 = function(x) return math.log(x, 10) end
  math.mod = math.fmod
end
if string ~= nil then
  string.gfind = string.gmatch
  -- %s of a number goes through tostring, so it prints as gopher-lua does.
  local format = string.format
  string.format = function(pattern, ...)
    local args = { ... }
    local count = select("#", ...)
    local position = 0
    for spec in tostring(pattern):gmatch("%%[-+ #0]*%d*%.?%d*([%a%%])") do
      if spec ~= "%" then
        position = position + 1
        if spec == "s" and type(args[position]) == "number" then args[position] = tostring(args[position]) end
      end
    end
    return format(pattern, table.unpack(args, 1, count))
  end
  local rep = string.rep
  string.rep = function(s, n, sep)
    if type(n) == "number" and n > 0 and (#tostring(s) + #tostring(sep or "")) * n > __MAX_STRING_BYTES then
      error("string.rep would build a string larger than " .. __MAX_STRING_BYTES .. " bytes", 2)
    end
    return rep(s, n, sep)
  end
end

local loaded = { os = os, table = table, string = string, math = math, coroutine = coroutine }
require = function(name)
  local module = loaded[name]
  if module == nil then
    error("module '" .. tostring(name) .. "' not found: Lua scripts in Driftless may require only os, table, string, math and coroutine", 2)
  end
  return module
end
`;
