import { useState } from "react";

/**
 * Copies `text` to the clipboard and says so. Where the Clipboard API is unavailable (an insecure origin,
 * a denied permission), it says how to copy by hand instead of failing silently.
 */
export function CopyButton({ text, label = "Copy link" }: { text: string; label?: string }) {
  const [outcome, setOutcome] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setOutcome("copied");
    } catch {
      setOutcome("failed");
    }
    setTimeout(() => setOutcome("idle"), 2500);
  };
  return (
    <>
      <button type="button" className="button" onClick={copy}>
        {outcome === "copied" ? "Copied ✓" : label}
      </button>
      <span className="visually-hidden" aria-live="polite">
        {outcome === "copied" ? "Copied to the clipboard" : ""}
      </span>
      {outcome === "failed" && <span className="hint">Select the link and press Ctrl+C to copy it.</span>}
    </>
  );
}

/** A link shown read-only (selected whole on focus) beside its copy button. */
export function CopyableLink({ url, label }: { url: string; label: string }) {
  return (
    <div className="copy-row">
      <input
        className="copy-field"
        readOnly
        value={url}
        aria-label={label}
        onFocus={(e) => e.currentTarget.select()}
      />
      <CopyButton text={url} />
    </div>
  );
}
