import { SignInPage } from "../features/auth/sign-in-page.js";
import { EventPage } from "../features/events/event-page.js";
import { EventsPage } from "../features/events/events-page.js";
import { JoinPage } from "../features/events/join-page.js";
import { LibraryPage } from "../features/gallery/library-page.js";
import { GuestUploadPage } from "../features/guest/guest-upload-page.js";
import { JoinLanding } from "../features/invite/join-landing.js";
import { TableCardPage } from "../features/invite/table-card-page.js";
import { LinksPage } from "../features/sharing/links-page.js";
import { AppHeader } from "./app-header.js";
import { Link, Redirect, useLocation } from "./router.js";
import { matchRoute, paths, type Route } from "./routes.js";
import { useSession } from "./services.js";

/** Picks the screen for the current path; everything but public pages asks to sign in first. */
export function App() {
  const location = useLocation();
  const session = useSession();
  const route = matchRoute(location.pathname);

  // Guests open upload links without an account.
  if (route.name === "guest") return <GuestUploadPage token={route.token} />;
  if (!session) {
    if (route.name === "signIn") return <SignInPage />;
    if (route.name === "join") return <JoinLanding inviteCode={route.inviteCode} />;
    return <SignInPage />;
  }
  if (route.name === "signIn") {
    const next = location.searchParams.get("next");
    return <Redirect to={next?.startsWith("/") ? next : paths.events()} />;
  }
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppHeader />
      <Screen route={route} />
    </>
  );
}

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case "events":
      return <EventsPage />;
    case "event":
      return <EventPage key={route.eventId} eventId={route.eventId} tab={route.tab} />;
    case "library":
      return <LibraryPage />;
    case "links":
      return <LinksPage />;
    case "join":
      return <JoinPage inviteCode={route.inviteCode} />;
    case "tableCard":
      return <TableCardPage eventId={route.eventId} />;
    default:
      return (
        <main className="page narrow" id="main">
          <h1>Nothing here</h1>
          <p>This page does not exist (any more).</p>
          <Link to={paths.events()}>Go to your events</Link>
        </main>
      );
  }
}
