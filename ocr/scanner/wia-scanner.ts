import { AppError } from '../../contract/app-error';
import type { Scanner } from './scanner';

/**
 * Windows Image Acquisition: NOT IMPLEMENTED. The intended implementation drives WIA 2.0 through a
 * small PowerShell helper using the `WIA.DeviceManager` COM object: list `DeviceInfos` (type scanner),
 * read the item properties for resolution (6147/6148), colour intent (6146) and document handling
 * (3088 select: feeder/duplex, 3087 capabilities), then call `Item.Transfer(wiaFormatTIFF)` per page
 * until WIA_ERROR_PAPER_EMPTY. It cannot be built or tested on this Linux machine, so every call
 * reports that scanning is not available on this workstation.
 */
export function createWiaScanner(): Scanner {
  const unavailable = () =>
    Promise.reject(
      new AppError(
        'intake.scanner_unavailable',
        { reason: 'Die Scanner-Anbindung für Windows (WIA) ist noch nicht umgesetzt. Bitte scannen Sie in den Eingangsordner.' },
        'WIA scanner not implemented',
      ),
    );
  return { listDevices: unavailable, capabilities: unavailable, scan: unavailable };
}
