import { useEffect, useState } from "react";
import { describeError, NotFoundError } from "../../api/api-errors.js";
import { Link, navigate } from "../../app/router.js";
import { paths } from "../../app/routes.js";
import { useServices } from "../../app/services.js";
import { ErrorMessage, Loading } from "../../ui/status-message.js";

/** `/join/{code}`: joins the event (joining twice is harmless) and opens it. */
export function JoinPage({ inviteCode }: { inviteCode: string }) {
  const { api } = useServices();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    api.joinWithCode(inviteCode).then(
      (event) => current && navigate(paths.event(event.id), { replace: true }),
      (caught: unknown) =>
        current &&
        setError(
          caught instanceof NotFoundError
            ? "This invite link is not valid any more. Ask the organizer for a new one."
            : describeError(caught),
        ),
    );
    return () => {
      current = false;
    };
  }, [api, inviteCode]);

  return (
    <main className="page narrow" id="main">
      <h1>Joining the event</h1>
      {error ? (
        <>
          <ErrorMessage>{error}</ErrorMessage>
          <Link to={paths.events()} className="button">
            Go to your events
          </Link>
        </>
      ) : (
        <Loading what="Joining" />
      )}
    </main>
  );
}
