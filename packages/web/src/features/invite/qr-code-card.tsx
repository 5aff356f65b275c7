import { useEffect, useMemo, useState } from "react";
import "./invite.css";
import { qrFileName, qrMatrix, qrPngDataUrl, qrSvg } from "./qr-code.js";

/** Draws a URL's QR code (black on white, quiet zone included) as inline SVG, as React elements. */
export function QrCodeImage({ url, label, className }: { url: string; label: string; className?: string }) {
  const { darkPath, sideWithQuietZone: side } = useMemo(() => qrMatrix(url), [url]);
  return (
    <svg
      className={className ?? "qr-code"}
      viewBox={`0 0 ${side} ${side}`}
      shapeRendering="crispEdges"
      role="img"
      aria-label={label}
    >
      <rect x={0} y={0} width={side} height={side} fill="#ffffff" />
      <path fill="#000000" d={darkPath} />
    </svg>
  );
}

/**
 * A link's QR code with PNG and SVG downloads, for printing or a slide. `kind` names the files
 * (`invite`, `guest-upload`).
 */
export function QrCodeCard({ url, kind, label }: { url: string; kind: string; label: string }) {
  const [png, setPng] = useState<string | null>(null);
  const svgHref = useMemo(
    () => URL.createObjectURL(new Blob([qrSvg(url)], { type: "image/svg+xml" })),
    [url],
  );
  useEffect(() => () => URL.revokeObjectURL(svgHref), [svgHref]);
  useEffect(() => {
    let current = true;
    qrPngDataUrl(url).then((data) => current && setPng(data));
    return () => {
      current = false;
    };
  }, [url]);
  return (
    <figure className="qr-card">
      <QrCodeImage url={url} label={label} />
      <figcaption className="qr-downloads">
        <a
          className="button small"
          href={png ?? undefined}
          download={qrFileName(kind, "png")}
          aria-disabled={!png}
        >
          Download PNG
        </a>
        <a className="button small" href={svgHref} download={qrFileName(kind, "svg")}>
          Download SVG
        </a>
      </figcaption>
    </figure>
  );
}
