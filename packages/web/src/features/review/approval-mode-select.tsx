import { useState } from "react";
import { describeError } from "../../api/api-errors.js";
import type { ShoeboxEvent } from "../../api/api-types.js";
import { useServices } from "../../app/services.js";
import { ErrorMessage } from "../../ui/status-message.js";
import { type ApprovalMode, reviewApi } from "./review-api.js";

const MODES: { mode: ApprovalMode; label: string }[] = [
  { mode: "off", label: "Off: photos appear at once" },
  { mode: "guests", label: "Guests' photos wait for approval" },
  { mode: "everyone", label: "Everyone's photos wait (except hosts')" },
];

/** The organizer's choice of whose new photos wait in Review. */
export function ApprovalModeSelect({
  event,
  onChange,
}: {
  event: ShoeboxEvent;
  onChange: (event: ShoeboxEvent) => void;
}) {
  const { api } = useServices();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const change = async (mode: ApprovalMode) => {
    setSaving(true);
    try {
      onChange(await reviewApi(api).setApprovalMode(event.id, mode));
      setError(null);
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="approval-mode">
      <label htmlFor="approval-mode">Photo approval</label>
      <select
        id="approval-mode"
        value={event.approvalMode}
        disabled={saving}
        onChange={(e) => change(e.target.value as ApprovalMode)}
      >
        {MODES.map(({ mode, label }) => (
          <option key={mode} value={mode}>
            {label}
          </option>
        ))}
      </select>
      <ErrorMessage>{error}</ErrorMessage>
    </div>
  );
}
