/**
 * The PowerShell side of the WIA scanner: drives the WIA Automation Layer (`WIA.DeviceManager`, part of
 * every Windows since Vista) and answers with one JSON object per line. It is passed with
 * `-EncodedCommand`, so it needs no script file beside the app (PowerShell cannot read from the asar) and
 * no execution-policy change; the request comes in the environment variable EAKTE_WIA_REQUEST.
 *
 * Lines written: {"device":{...}} per scanner, {"caps":{...}}, {"page":{"n":1,"file":"..."}} per page,
 * {"end":{"pages":n}}, or {"error":{"hresult":"0x8021000A","message":"..."}} (exit code 1).
 */
export const WIA_SCRIPT = String.raw`
$ErrorActionPreference = 'Stop'
[Console]::OutputEncoding = [System.Text.Encoding]::UTF8
$req = $env:EAKTE_WIA_REQUEST | ConvertFrom-Json
$TIFF = '{B96B3CB1-0728-11D3-9D7B-0000F81EF32E}'

function Emit($o) { [Console]::Out.WriteLine(($o | ConvertTo-Json -Compress -Depth 5)); [Console]::Out.Flush() }
# PowerShell wraps a COM method's failure in MethodInvocationException: the WIA HRESULT is on the innermost.
function HResultOf($record) {
  $e = $record.Exception
  while ($e.InnerException) { $e = $e.InnerException }
  '0x{0:X8}' -f $e.HResult
}
function Prop($props, $id) {
  foreach ($p in $props) { if ($p.PropertyID -eq $id) { return $p } }
  return $null
}
function PropValue($props, $id) { $p = Prop $props $id; if ($p) { $p.Value } else { $null } }
function SetProp($props, $id, $value) { $p = Prop $props $id; if ($p) { $p.Value = $value } }
function Connect($id) {
  $manager = New-Object -ComObject WIA.DeviceManager
  foreach ($info in $manager.DeviceInfos) { if ($info.DeviceID -eq $id) { return $info.Connect() } }
  Emit @{ error = @{ hresult = 'not_found'; message = 'device not connected' } }
  exit 1
}

try {
  switch ($req.op) {
    'list' {
      $manager = New-Object -ComObject WIA.DeviceManager
      foreach ($info in $manager.DeviceInfos) {
        if ($info.Type -ne 1) { continue } # 1 = scanner
        Emit @{ device = @{
          id = $info.DeviceID
          vendor = [string](PropValue $info.Properties 3) # WIA_DIP_VEND_DESC
          model = [string](PropValue $info.Properties 7)  # WIA_DIP_DEV_NAME
          description = [string](PropValue $info.Properties 4)
        } }
      }
    }
    'caps' {
      $device = Connect $req.device
      $item = $device.Items.Item(1)
      $xres = Prop $item.Properties 6147 # WIA_IPS_XRES
      $caps = @{
        handling = [int](PropValue $device.Properties 3086) # WIA_DPS_DOCUMENT_HANDLING_CAPABILITIES
        resolution = [int]$xres.Value
        subType = [int]$xres.SubType # 1 range, 2 list
      }
      if ($xres.SubType -eq 1) { $caps.min = [int]$xres.SubTypeMin; $caps.max = [int]$xres.SubTypeMax }
      if ($xres.SubType -eq 2) { $caps.list = @($xres.SubTypeValues | ForEach-Object { [int]$_ }) }
      Emit @{ caps = $caps }
    }
    'scan' {
      $device = Connect $req.device
      $item = $device.Items.Item(1)
      if ($req.handling) {
        SetProp $device.Properties 3088 $req.handling # WIA_DPS_DOCUMENT_HANDLING_SELECT
        SetProp $device.Properties 3096 0             # WIA_DPS_PAGES: as many as the feeder holds
      }
      if ($req.resolution) { SetProp $item.Properties 6147 $req.resolution; SetProp $item.Properties 6148 $req.resolution }
      if ($req.intent) { SetProp $item.Properties 6146 $req.intent } # WIA_IPS_CUR_INTENT
      $n = 0
      while (-not $req.maxPages -or $n -lt $req.maxPages) {
        try { $image = $item.Transfer($TIFF) }
        catch {
          # An empty feeder after at least one sheet is the normal end of a batch.
          if ($n -gt 0 -and (HResultOf $_) -eq '0x80210003') { break }
          throw
        }
        $n++
        if ($image.FormatID -ne $TIFF) {
          $process = New-Object -ComObject WIA.ImageProcess
          $process.Filters.Add($process.FilterInfos.Item('Convert').FilterID)
          $process.Filters.Item(1).Properties.Item('FormatID').Value = $TIFF
          $image = $process.Apply($image)
        }
        $file = Join-Path $req.folder ('page-{0:D4}.tif' -f $n)
        $image.SaveFile($file)
        Emit @{ page = @{ n = $n; file = $file } }
        if (-not $req.feeder) { break }
      }
      Emit @{ end = @{ pages = $n } }
    }
  }
} catch {
  Emit @{ error = @{ hresult = (HResultOf $_); message = [string]$_.Exception.Message } }
  exit 1
}
`;

/** `powershell.exe -EncodedCommand` takes the script as base64 of its UTF-16LE text. */
export const encodedCommand = (script: string): string => Buffer.from(script, 'utf16le').toString('base64');
