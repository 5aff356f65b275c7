import QRCode from "qrcode";

/**
 * QR codes that print cleanly: black modules on an opaque white ground with a quiet zone of 4 modules
 * (what the QR standard asks for, and what a transparent code on a dark table card lacks). Generated in the
 * browser: a guest link's token is shown once and the server keeps only its hash, so only the page that
 * holds the URL can draw its code; no image of a live link ever sits on the server.
 */
export const QR_QUIET_ZONE_MODULES = 4;
const BLACK = "#000000";
const WHITE = "#ffffff";
/** Medium error correction: survives a crease or a drink ring on a printed card. */
const ERROR_CORRECTION = "M" as const;

export interface QrMatrix {
  /** Modules per side, without the quiet zone. */
  size: number;
  /** One SVG path of every dark module, in module units, already offset by the quiet zone. */
  darkPath: string;
  /** Modules per side, with the quiet zone on each side. */
  sideWithQuietZone: number;
}

/** The code's dark modules as one path (runs of dark modules per row become one rectangle each). */
export function qrMatrix(text: string): QrMatrix {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: ERROR_CORRECTION });
  const size = modules.size;
  const runs: string[] = [];
  for (let row = 0; row < size; row++) {
    let col = 0;
    while (col < size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && modules.get(row, col)) col++;
      runs.push(
        `M${start + QR_QUIET_ZONE_MODULES} ${row + QR_QUIET_ZONE_MODULES}h${col - start}v1h${start - col}z`,
      );
    }
  }
  return { size, darkPath: runs.join(""), sideWithQuietZone: size + 2 * QR_QUIET_ZONE_MODULES };
}

/** A standalone SVG file: a white background rect covering the quiet zone, then the black modules. */
export function qrSvg(text: string): string {
  const { darkPath, sideWithQuietZone: side } = qrMatrix(text);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" width="${side * 8}" height="${side * 8}" shape-rendering="crispEdges">` +
    `<rect x="0" y="0" width="${side}" height="${side}" fill="${WHITE}"/>` +
    `<path fill="${BLACK}" d="${darkPath}"/></svg>`
  );
}

/** A PNG data URL, 12 px per module, opaque black on white with the same quiet zone. */
export function qrPngDataUrl(text: string): Promise<string> {
  return QRCode.toDataURL(text, {
    errorCorrectionLevel: ERROR_CORRECTION,
    margin: QR_QUIET_ZONE_MODULES,
    scale: 12,
    color: { dark: `${BLACK}ff`, light: `${WHITE}ff` },
    type: "image/png",
  });
}

/** A file name for a code's download: `shoebox-invite-qr.png`. */
export function qrFileName(kind: string, extension: "png" | "svg"): string {
  return `shoebox-${kind.replace(/[^a-z0-9-]+/gi, "-").toLowerCase()}-qr.${extension}`;
}
