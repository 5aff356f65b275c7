import { useId } from "react";
import { dataOf } from "../../api/http-request.js";
import { useServices } from "../../app/services.js";
import { useAsync } from "../../app/use-async.js";

/**
 * "Added by": everyone, the caller's own photos, or one uploader's (each guest link counts as one uploader,
 * named after its latest upload). The list comes from the event's uploaders, read when the gallery opens.
 */
export function UploaderFilter({
  eventId,
  value,
  onChange,
}: {
  eventId: string;
  value: string;
  onChange: (uploader: string) => void;
}) {
  const { api } = useServices();
  const id = useId();
  const uploaders = useAsync(
    () =>
      api.withToken((http, auth) =>
        dataOf(http.GET("/events/{eventId}/uploaders", { ...auth, params: { path: { eventId } } })),
      ),
    [api, eventId],
  );
  const others = uploaders.value?.items.filter((uploader) => !uploader.isCaller) ?? [];
  return (
    <div className="field inline uploader-filter">
      <label htmlFor={id}>Added by</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">Everyone</option>
        <option value="mine">Me</option>
        {others.map((uploader) => (
          <option key={uploader.ownerId} value={uploader.ownerId}>
            {uploader.name}
          </option>
        ))}
      </select>
    </div>
  );
}
