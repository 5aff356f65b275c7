import { useEffect, useState } from "react";
import type { EventLabel } from "../../api/api-types.js";
import { useServices } from "../../app/services.js";

/** How many suggestions a row shows before "More": a phone's width of chips, twice. */
const SHOWN_AT_FIRST = 12;

/**
 * The labels found in the event's photos, as chips to tap: each toggles a label on or off, and photos must
 * carry every label that is on. Counts say how many photos carry each.
 */
export function LabelChips({
  eventId,
  selected,
  onToggle,
}: {
  eventId: string;
  selected: readonly string[];
  onToggle: (label: string) => void;
}) {
  const { api } = useServices();
  const [labels, setLabels] = useState<EventLabel[]>([]);
  const [showAll, setShowAll] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    api.listEventLabels(eventId, controller.signal).then(setLabels, () => {
      // Suggestions are a convenience: without them, typing a label still searches.
    });
    return () => controller.abort();
  }, [api, eventId]);

  if (labels.length === 0) return null;
  const shown = showAll ? labels : labels.slice(0, SHOWN_AT_FIRST);
  return (
    <fieldset className="label-chips" aria-label="Labels in this event">
      {shown.map((label) => {
        const on = selected.includes(label.name);
        return (
          <button
            key={label.name}
            type="button"
            className={`chip${on ? " on" : ""}`}
            aria-pressed={on}
            onClick={() => onToggle(label.name)}
          >
            {label.name} <span className="chip-count">{label.count}</span>
          </button>
        );
      })}
      {labels.length > SHOWN_AT_FIRST && (
        <button type="button" className="chip more" onClick={() => setShowAll(!showAll)}>
          {showAll ? "Fewer" : `${labels.length - SHOWN_AT_FIRST} more`}
        </button>
      )}
    </fieldset>
  );
}
